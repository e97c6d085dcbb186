"""How a wording diff reads: the printed wording cut into runs (kept, cut, added, moved, cosmetic, joints) from
the ``edits`` of a mention, and the plain-language notes for each kind of edit. Terminal and HTML output draw
the same runs, each in its own markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

__all__ = ["EDGE_CUT_WORDS", "KIND_NOTES", "Run", "diff_runs", "edit_notes", "plain_diff", "shorten_middle"]

RunKind = Literal["kept", "cut", "added", "moved_cut", "moved_added", "cosmetic", "rewritten", "joint", "space"]

EDGE_CUT_WORDS = 8  # a cut at the start or end of the wording longer than this is shown shortened

KIND_NOTES: dict[str, str] = {
    "cut": "silent cut",
    "cut_marked": "cut marked by …",
    "insertion": "added words",
    "bracketed_insertion": "[bracketed] insertion",
    "bracketed_substitution": "[bracketed] substitution",
    "substitution": "changed words",
    "reordering": "reordered",
    "headline_rewrite": "headline rewrite",
    "contraction": "contraction",
    "censored": "censored",
    "spelling": "spelling",
    "case_rewrite": "title case",
    "editorial_omitted": "editor's brackets left out",
    "between_pieces": "quoted in pieces",
}

# how a run reads without colour (the terminal's markers): cut and moved-out words in [- -], added in {+ +}
_OPEN = {"cut": "[-", "moved_cut": "[-", "added": "{+", "moved_added": "{+"}
_CLOSE = {"cut": "-]", "moved_cut": "-]", "added": "+}", "moved_added": "+}"}
JOINT = "” … “"


class Run(NamedTuple):
    """One stretch of the diff: what kind of change it is and its words (markers not included)."""

    kind: RunKind
    text: str


def shorten_middle(text: str, words: int = EDGE_CUT_WORDS) -> str:
    """A long run of words as its first and last few ("We will not … and we will")."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    head = max(1, words // 2)
    tail = max(1, words - head - 1)
    return " ".join(parts[:head]) + " … " + " ".join(parts[-tail:])


class _Builder:
    """Runs plus the plain text a reader without colour sees, so spacing around markers is decided once."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.plain = "“"

    def put(self, kind: RunKind, chunk: str) -> None:
        if self.plain.endswith(("-]", "+}")) and chunk[:1].isalnum():
            self._add("space", " ")
        self._add(kind, chunk)

    def marker(self, kind: RunKind, body: str) -> None:
        if self.plain and not self.plain[-1].isspace() and self.plain[-1] not in "“([{":
            self._add("space", " ")
        self._add(kind, body)

    def rstrip(self) -> None:
        while self.runs and self.runs[-1].kind in ("kept", "space", "cosmetic", "rewritten"):
            last = self.runs[-1]
            stripped = last.text.rstrip()
            self.plain = self.plain[: len(self.plain) - (len(last.text) - len(stripped))]
            if stripped:
                self.runs[-1] = Run(last.kind, stripped)
                return
            self.runs.pop()

    def _add(self, kind: RunKind, text: str) -> None:
        if not text:
            return
        self.runs.append(Run(kind, text))
        self.plain += _OPEN.get(kind, "") + text + _CLOSE.get(kind, "")


def diff_runs(variant: str, edits: Sequence[dict[str, Any]], *, joints: Sequence[Sequence[int]] = ()) -> list[Run]:
    """The wording as printed (``variant``) with each change from the fullest wording as a run: a cut shows what
    was left out (a cut the outlet marked with an ellipsis comes after the ellipsis it hides behind; a long cut at
    either edge is shortened in the middle), an insertion or substitution shows the words put in (a substitution
    preceded by the words replaced), cosmetic changes (contractions, spelling, censoring, case) and headline
    rewrites are the outlet's words as printed. Separately quoted pieces (``joints``: where the index joined them)
    are separated by a ``joint`` run. Edits are read as the ``show`` JSON gives them (``op``, ``kind``, ``text``,
    ``offsets.variant``, ``cosmetic``, ``at_edge``); unknown fields are ignored."""
    b = _Builder()
    cursor = 0
    gaps = sorted((int(j[0]), int(j[1])) for j in joints if len(j) >= 2)

    def emit(upto: int) -> None:
        nonlocal cursor
        while upto > cursor:
            gap = next(((j0, j1) for j0, j1 in gaps if j1 > cursor and j0 < upto), None)
            stop = min(upto, gap[0]) if gap and gap[0] > cursor else upto if gap is None else cursor
            if stop > cursor:
                b.put("kept", variant[cursor:stop])
                cursor = stop
            if gap is not None and cursor >= gap[0] and upto > cursor:
                b.rstrip()
                b._add("joint", JOINT)
                cursor = gap[1]
                while cursor < len(variant) and variant[cursor] == " ":
                    cursor += 1

    def in_gap(pos: int) -> tuple[int, int] | None:
        return next(((j0, j1) for j0, j1 in gaps if j0 <= pos < j1), None)

    order = {"delete": 0, "replace": 1, "insert": 2}
    ordered = sorted(edits, key=lambda e: (_variant_offsets(e, (0, 0))[0], order.get(e.get("op") or "", 3)))
    for e in ordered:
        vs, ve = _variant_offsets(e, (cursor, cursor))
        kind = str(e.get("kind") or "")
        if kind == "between_pieces":  # words between two separately quoted phrases: the outlet's own gap
            continue
        gap = in_gap(vs) if e.get("op") == "delete" else None
        if gap is not None:  # cut where two pieces join: the marker goes before the join
            emit(gap[0])
            b.marker("cut", " ".join(str(e.get("text") or "").split()))
            continue
        vs, ve = max(vs, cursor), max(ve, cursor)
        moved = kind == "reordering"
        if kind == "headline_rewrite":
            emit(vs)
            b.put("rewritten", variant[vs:ve])
            cursor = ve
            continue
        if e.get("cosmetic"):
            emit(vs)
            b.put("cosmetic", variant[vs:ve])
            cursor = max(cursor, ve)
            continue
        if e.get("op") == "delete":
            emit(ve)  # a marked cut prints its ellipsis first, then what it hides
            cut = " ".join(str(e.get("text") or "").split())
            if e.get("at_edge"):
                cut = shorten_middle(cut)
            b.marker("moved_cut" if moved else "cut", cut)
            continue
        emit(vs)
        if e.get("op") == "replace":
            b.marker("moved_cut" if moved else "cut", " ".join(str(e.get("text") or "").split()))
        b.marker("moved_added" if moved else "added", " ".join(variant[vs:ve].split()))
        cursor = ve
    emit(len(variant))
    return b.runs


def plain_diff(variant: str, edits: Sequence[dict[str, Any]], *, joints: Sequence[Sequence[int]] = ()) -> str:
    """The diff as a reader without colour sees it: ``“kept [-cut-] {+added+}”``."""
    return (
        "“"
        + "".join(
            _OPEN.get(r.kind, "") + r.text + _CLOSE.get(r.kind, "") for r in diff_runs(variant, edits, joints=joints)
        )
        + "”"
    )


def edit_notes(edits: Sequence[dict[str, Any]] | None) -> tuple[list[str], list[str]]:
    """The kinds of change in ``edits`` in plain words (a cut at the edge is what makes a fragment and is not
    listed) and the qualifier words dropped away from the edges."""
    notes: list[str] = []
    for e in edits or []:
        kind = str(e.get("kind") or "")
        if kind in ("cut", "cut_marked") and e.get("at_edge"):
            continue
        note = KIND_NOTES.get(kind, kind)
        if note and note not in notes:
            notes.append(note)
    quals = [str(q) for e in edits or [] if not e.get("at_edge") for q in e.get("qualifier_words") or []]
    return notes, list(dict.fromkeys(quals))


def _variant_offsets(edit: dict[str, Any], default: tuple[int, int]) -> tuple[int, int]:
    raw = (edit.get("offsets") or {}).get("variant")
    if not raw or len(raw) < 2:
        return default
    try:
        return int(raw[0]), int(raw[1])
    except (TypeError, ValueError):
        return default
