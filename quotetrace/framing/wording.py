"""Word-level comparison of a quote's wording with the fullest wording of its cluster: fidelity and edits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Literal

from quotetrace.framing.tokens import Token, capitalised_share, is_title_case, similar, tokenize
from quotetrace.text.contractions import expansions
from quotetrace.text.data import read_json
from quotetrace.text.spelling import spelling_key

Label = Literal["full", "fragment", "altered"]
Op = Literal["delete", "insert", "replace"]

# Kinds that change how the words are printed, not which words were said: they never make a quote "altered".
COSMETIC_KINDS = frozenset({"contraction", "censored", "spelling", "case_rewrite", "editorial_omitted"})

_ELLIPSIS_RE = re.compile(r"…|\.\s?\.\s?\.")
_MASK_CHARS = "*—–-_#‐‑"
_MASK_RUN_RE = re.compile(r"[*—–\-_#‐‑]+")


@dataclass(frozen=True)
class Edit:
    """One word-level change from the full wording (``text``) to the variant (``with_``).

    Offsets index the two strings passed to :func:`compare_wording`; for an insertion the ``full``
    offsets are an empty span at the insertion point, for a deletion the ``variant`` offsets are an
    empty span (or the ellipsis that marks the cut).
    """

    op: Op
    text: str
    with_: str
    marked: bool
    kind: str
    full_start: int
    full_end: int
    variant_start: int
    variant_end: int
    qualifier: bool = False
    qualifier_words: tuple[str, ...] = ()
    at_edge: bool = False  # a cut or addition at the start or end of the variant (not inside it)

    @property
    def cosmetic(self) -> bool:
        """True for changes of spelling, contraction, censoring or case, which keep the words said."""
        return self.kind in COSMETIC_KINDS

    @property
    def altering(self) -> bool:
        """True when this edit makes the variant ``altered`` (any internal, non-cosmetic change)."""
        if self.cosmetic:
            return False
        return not (self.at_edge and self.kind in {"cut", "cut_marked", "insertion"})

    def to_dict(self) -> dict[str, Any]:
        """The contract's edit object, plus kind, qualifier flags and offsets."""
        return {
            "op": self.op,
            "text": self.text if self.op != "insert" else None,
            "with": self.with_ if self.op != "delete" else None,
            "marked": self.marked,
            "kind": self.kind,
            "cosmetic": self.cosmetic,
            "at_edge": self.at_edge,
            "qualifier": self.qualifier,
            "qualifier_words": list(self.qualifier_words),
            "offsets": {
                "full": [self.full_start, self.full_end],
                "variant": [self.variant_start, self.variant_end],
            },
        }


@dataclass(frozen=True)
class Fidelity:
    """How faithfully a variant reproduces the full wording."""

    label: Label
    coverage: float
    edits: list[Edit] = field(default_factory=list)

    @property
    def dropped_qualifier(self) -> bool:
        """True when a cut or substitution removed a qualifying word ("if", "not", "may", ...)."""
        return any(e.qualifier for e in self.edits)

    def to_dict(self) -> dict[str, Any]:
        """The contract's framing fields ``fidelity``, ``coverage`` and ``edits``."""
        return {
            "fidelity": self.label,
            "coverage": round(self.coverage, 4),
            "edits": [e.to_dict() for e in self.edits],
        }


# ---------------------------------------------------------------- units: words after contraction expansion


@dataclass(frozen=True)
class _Unit:
    key: str  # what the diff compares
    word: str  # the expanded word (before the spelling key)
    tok: int  # index of the token it came from


def _units(tokens: list[Token], other_words: set[str]) -> list[_Unit]:
    units: list[_Unit] = []
    for i, tok in enumerate(tokens):
        alts = expansions(tok.norm)
        if alts is None:
            units.append(_Unit(spelling_key(tok.norm), tok.norm, i))
            continue
        chosen = next((alt for alt in alts if all(w in other_words for w in alt[1:])), alts[0])
        units.extend(_Unit(spelling_key(w), w, i) for w in chosen)
    return units


def _plain_words(tokens: list[Token]) -> set[str]:
    found: set[str] = set()
    for tok in tokens:
        alts = expansions(tok.norm)
        if alts is None:
            found.add(tok.norm)
        else:
            found.update(w for alt in alts for w in alt)
    return found


# ---------------------------------------------------------------- qualifiers


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Qualifier phrases indexed by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for q in read_json("framing_qualifiers.json")["qualifiers"]:
        phrase = tuple(q.split())
        by_first.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in by_first.items()}


def find_qualifiers(words: list[str]) -> tuple[str, ...]:
    """The qualifying words or phrases ("if", "at least", "not") occurring in a run of lowercase words."""
    found: dict[str, int] = {}
    table = _qualifiers()
    for i, word in enumerate(words):
        for phrase in table.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.setdefault(" ".join(phrase), i)
    # a word inside a longer found phrase ("if" in "if necessary") is reported once, as the phrase
    kept = [q for q in found if not any(k != q and f" {q} " in f" {k} " for k in found)]
    return tuple(sorted(kept, key=lambda q: found[q]))


# ---------------------------------------------------------------- censoring


def _masked_matches(masked: str, word: str) -> bool:
    """True when ``masked`` ("f***ing", "f—king", "s***") is ``word`` with some letters blanked out."""
    masked = masked.lower()
    word = word.lower()
    if not any(c in _MASK_CHARS for c in masked) or not any(c.isalpha() for c in masked):
        return False
    if any(c in _MASK_CHARS for c in word):
        return False
    pieces = _MASK_RUN_RE.split(masked)
    pattern = "[^\\W\\d_]+".join(re.escape(p) for p in pieces)
    return re.fullmatch(pattern, word) is not None


def _censored(a_text: str, b_text: str) -> bool:
    a_text = a_text.strip()
    b_text = b_text.strip()
    if any(c.isspace() for c in a_text) or any(c.isspace() for c in b_text):
        return False
    return _masked_matches(b_text, a_text) or _masked_matches(a_text, b_text)


def _similar_name(a: Token, b: Token) -> bool:
    """Two spellings of one proper name (Stoltenberg/Stoltenber, Kuleba/Kouleba)."""
    if not (a.text[:1].isupper() and b.text[:1].isupper()) or min(len(a.norm), len(b.norm)) < 5:
        return False
    return similar(a.norm, b.norm, 0.8)


# ---------------------------------------------------------------- the comparison


class _Sides:
    """The two tokenised strings and helpers to turn token ranges into text and offsets."""

    def __init__(self, full: str, variant: str) -> None:
        self.full = full
        self.variant = variant
        self.a = tokenize(full)
        self.b = tokenize(variant)
        self.ua = _units(self.a, _plain_words(self.b))
        self.ub = _units(self.b, _plain_words(self.a))
        self.counts_a = _unit_counts(self.ua)
        self.counts_b = _unit_counts(self.ub)
        self.first_a = _first_units(self.ua)
        self.first_b = _first_units(self.ub)

    @staticmethod
    def units_of(units: list[_Unit], first: dict[int, int], t1: int, t2: int) -> list[_Unit]:
        """The units of tokens ``t1..t2-1``."""
        if t1 >= t2 or t1 not in first:
            return []
        end = first.get(t2, len(units))
        return units[first[t1] : end]

    @staticmethod
    def tok_range(units: list[_Unit], i1: int, i2: int) -> tuple[int, int]:
        if i1 >= i2:
            return (units[i1].tok, units[i1].tok) if i1 < len(units) else (_end_tok(units), _end_tok(units))
        return units[i1].tok, units[i2 - 1].tok + 1

    @staticmethod
    def span(text: str, toks: list[Token], t1: int, t2: int) -> tuple[int, int]:
        if t1 < t2:
            return toks[t1].start, toks[t2 - 1].end
        if t1 == 0:
            return (toks[0].start, toks[0].start) if toks else (0, 0)
        return toks[t1 - 1].end, toks[t1 - 1].end

    def gap(self, t: int) -> tuple[int, int]:
        """The stretch of the variant between token ``t-1`` and token ``t`` (edges included)."""
        start = self.b[t - 1].end if t > 0 else 0
        end = self.b[t].start if t < len(self.b) else len(self.variant)
        return start, end


def _end_tok(units: list[_Unit]) -> int:
    return units[-1].tok + 1 if units else 0


def compare_wording(full: str, variant: str) -> Fidelity:
    """Compare ``variant`` with ``full`` word by word: label, share of ``full`` reproduced, and each change.

    Case, punctuation, quotation marks, accents, hyphenation and British/American spelling never count
    as changes. ``full`` = the same words; ``fragment`` = a contiguous piece (cut only at the ends);
    ``altered`` = any change inside (cuts marked by an ellipsis and [bracketed] insertions included,
    with ``marked=True``). Contractions ("I'd" for "I would"), censoring ("f***ing") and spelling are
    reported as cosmetic edits that keep the label.
    """
    s = _Sides(full, variant)
    matcher = SequenceMatcher(None, [u.key for u in s.ua], [u.key for u in s.ub], autojunk=False)
    edits: list[Edit] = []
    reproduced: set[int] = set()
    n_a, n_b = len(s.ua), len(s.ub)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            edits.extend(_equal_block(s, i1, i2, j1, j2, reproduced))
            continue
        ta1, ta2 = s.tok_range(s.ua, i1, i2)
        tb1, tb2 = s.tok_range(s.ub, j1, j2)
        at_start = i1 == 0 and j1 == 0
        at_end = i2 == n_a and j2 == n_b
        if tag == "delete":
            edits.append(_deletion(s, ta1, ta2, tb1, at_edge=at_start or at_end))
        elif tag == "insert":
            edits.append(_insertion(s, ta1, tb1, tb2, at_edge=at_start or at_end))
        else:
            edits.extend(_replacement(s, ta1, ta2, tb1, tb2, reproduced))

    edits = _mark_moves(edits)
    edits = _add_case_edits(s, edits, reproduced)
    speaker_tokens = [i for i, t in enumerate(s.a) if not t.editorial]
    if speaker_tokens:
        coverage = sum(1 for i in speaker_tokens if i in reproduced) / len(speaker_tokens)
    else:
        coverage = 1.0 if not [t for t in s.b if not t.editorial] else 0.0
    edits.sort(key=lambda e: (e.full_start, e.variant_start))
    if any(e.altering for e in edits):
        label: Label = "altered"
    elif any(e.at_edge and e.op == "delete" and not e.cosmetic for e in edits):
        label = "fragment"
    else:
        label = "full"
    return Fidelity(label, coverage, edits)


def _equal_block(s: _Sides, i1: int, i2: int, j1: int, j2: int, reproduced: set[int]) -> list[Edit]:
    """Record reproduced words; report where equal words are printed differently (contraction, spelling)."""
    edits: list[Edit] = []
    counts_a, counts_b = s.counts_a, s.counts_b
    k = 0
    n = i2 - i1
    while k < n:
        ua, ub = s.ua[i1 + k], s.ub[j1 + k]
        if s.a[ua.tok].norm == s.b[ub.tok].norm and counts_a[ua.tok] == 1 and counts_b[ub.tok] == 1:
            reproduced.add(ua.tok)
            k += 1
            continue
        # grow the group until both sides end on a token boundary
        ta_first, tb_first = ua.tok, ub.tok
        m = k
        while m < n:
            last_a = s.ua[i1 + m].tok
            last_b = s.ub[j1 + m].tok
            m += 1
            a_done = i1 + m >= len(s.ua) or s.ua[i1 + m].tok != last_a
            b_done = j1 + m >= len(s.ub) or s.ub[j1 + m].tok != last_b
            if a_done and b_done:
                break
        complete = (
            s.first_a[ta_first] >= i1
            and s.first_b[tb_first] >= j1
            and (i1 + m >= len(s.ua) or s.ua[i1 + m].tok != s.ua[i1 + m - 1].tok)
            and (j1 + m >= len(s.ub) or s.ub[j1 + m].tok != s.ub[j1 + m - 1].tok)
        )
        ta2 = s.ua[i1 + m - 1].tok + 1
        tb2 = s.ub[j1 + m - 1].tok + 1
        if complete:
            reproduced.update(range(ta_first, ta2))
            a_norms = [t.norm for t in s.a[ta_first:ta2]]
            b_norms = [t.norm for t in s.b[tb_first:tb2]]
            if a_norms != b_norms:
                contracted = (
                    ta2 - ta_first != tb2 - tb_first
                    or any(counts_a[t] > 1 for t in range(ta_first, ta2))
                    or any(counts_b[t] > 1 for t in range(tb_first, tb2))
                )
                edits.append(
                    _make_edit(s, "replace", ta_first, ta2, tb_first, tb2, "contraction" if contracted else "spelling")
                )
        k = m
    return edits


def _unit_counts(units: list[_Unit]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for u in units:
        counts[u.tok] = counts.get(u.tok, 0) + 1
    return counts


def _first_units(units: list[_Unit]) -> dict[int, int]:
    first: dict[int, int] = {}
    for i, u in enumerate(units):
        first.setdefault(u.tok, i)
    return first


def _make_edit(
    s: _Sides,
    op: Op,
    ta1: int,
    ta2: int,
    tb1: int,
    tb2: int,
    kind: str,
    *,
    marked: bool = False,
    at_edge: bool = False,
    variant_span: tuple[int, int] | None = None,
) -> Edit:
    fs, fe = s.span(s.full, s.a, ta1, ta2)
    vs, ve = variant_span or s.span(s.variant, s.b, tb1, tb2)
    if kind in _BRACKETED_KINDS and vs < ve:  # show the editor's brackets with the words: "[Russian]"
        vs, ve = _widen_to_brackets(s.variant, vs, ve)
    if kind == "editorial_omitted" and fs < fe:
        fs, fe = _widen_to_brackets(s.full, fs, fe)
    quals: tuple[str, ...] = ()
    if op != "insert" and kind not in COSMETIC_KINDS:
        removed = [u.word for u in s.units_of(s.ua, s.first_a, ta1, ta2) if not s.a[u.tok].editorial]
        kept = {u.word for u in s.units_of(s.ub, s.first_b, tb1, tb2)}
        quals = tuple(q for q in find_qualifiers(removed) if not set(q.split()) <= kept)
    return Edit(
        op=op,
        text=s.full[fs:fe] if op != "insert" else "",
        with_=s.variant[vs:ve] if op != "delete" else "",
        marked=marked,
        kind=kind,
        full_start=fs,
        full_end=fe,
        variant_start=vs,
        variant_end=ve,
        qualifier=bool(quals),
        qualifier_words=quals,
        at_edge=at_edge,
    )


_BRACKETED_KINDS = frozenset({"bracketed_insertion", "bracketed_substitution", "editorial_omitted"})


def _widen_to_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0 and text[start - 1] in "[{":
        start -= 1
    if end < len(text) and text[end] in "]}":
        end += 1
    return start, end


def _deletion(s: _Sides, ta1: int, ta2: int, tb: int, *, at_edge: bool) -> Edit:
    if all(t.editorial for t in s.a[ta1:ta2]):
        return _make_edit(s, "delete", ta1, ta2, tb, tb, "editorial_omitted", at_edge=at_edge)
    g1, g2 = s.gap(tb)
    ellipsis = _ELLIPSIS_RE.search(s.variant, g1, g2)
    if ellipsis:
        return _make_edit(
            s, "delete", ta1, ta2, tb, tb, "cut_marked", marked=True, at_edge=at_edge, variant_span=ellipsis.span()
        )
    return _make_edit(s, "delete", ta1, ta2, tb, tb, "cut", at_edge=at_edge)


def _insertion(s: _Sides, ta: int, tb1: int, tb2: int, *, at_edge: bool) -> Edit:
    if all(t.editorial for t in s.b[tb1:tb2]):
        return _make_edit(s, "insert", ta, ta, tb1, tb2, "bracketed_insertion", marked=True, at_edge=at_edge)
    return _make_edit(s, "insert", ta, ta, tb1, tb2, "insertion", at_edge=at_edge)


def _replacement(s: _Sides, ta1: int, ta2: int, tb1: int, tb2: int, reproduced: set[int]) -> list[Edit]:
    a_toks, b_toks = s.a[ta1:ta2], s.b[tb1:tb2]
    if a_toks and b_toks:
        a_text = s.full[a_toks[0].start : a_toks[-1].end]
        b_text = s.variant[b_toks[0].start : b_toks[-1].end]
        if _censored(a_text, b_text):
            reproduced.update(range(ta1, ta2))
            return [_make_edit(s, "replace", ta1, ta2, tb1, tb2, "censored")]
    if b_toks and all(t.editorial for t in b_toks):
        cosmetic = bool(a_toks) and all(t.editorial for t in a_toks)
        kind = "editorial_omitted" if cosmetic else "bracketed_substitution"
        return [_make_edit(s, "replace", ta1, ta2, tb1, tb2, kind, marked=True)]
    marked = bool(_ELLIPSIS_RE.search(s.variant, s.gap(tb1)[0], s.gap(tb2)[1])) if b_toks else False
    if len(a_toks) != len(b_toks):
        return [_make_edit(s, "replace", ta1, ta2, tb1, tb2, "substitution", marked=marked)]
    # same number of words: split off word pairs that are only printed differently
    edits: list[Edit] = []
    run_start: int | None = None
    for k in range(len(a_toks) + 1):
        pair_kind: str | None = None
        if k < len(a_toks):
            a_tok, b_tok = a_toks[k], b_toks[k]
            if _censored(a_tok.text, b_tok.text):
                pair_kind = "censored"
            elif _similar_name(a_tok, b_tok):
                pair_kind = "spelling"
        if k < len(a_toks) and pair_kind is None:
            if run_start is None:
                run_start = k
            continue
        if run_start is not None:
            a1, b1 = ta1 + run_start, tb1 + run_start
            edits.append(_make_edit(s, "replace", a1, ta1 + k, b1, tb1 + k, "substitution", marked=marked))
            run_start = None
        if pair_kind is not None:
            reproduced.add(ta1 + k)
            edits.append(_make_edit(s, "replace", ta1 + k, ta1 + k + 1, tb1 + k, tb1 + k + 1, pair_kind))
    return edits


def _keys(text: str) -> list[str]:
    return [spelling_key(t.norm) for t in tokenize(text) if not t.editorial]


def _contains(seq: list[str], sub: list[str]) -> bool:
    n = len(sub)
    return n > 0 and any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


def _mark_moves(edits: list[Edit]) -> list[Edit]:
    """A cut whose words reappear as an insertion elsewhere is a reordering, never a mere cut."""
    cuts = [i for i, e in enumerate(edits) if e.op == "delete" and e.kind in {"cut", "cut_marked"}]
    adds = [i for i, e in enumerate(edits) if e.op == "insert" and e.kind == "insertion"]
    moved: set[int] = set()
    for c in cuts:
        cut_keys = _keys(edits[c].text)
        for a in adds:
            add_keys = _keys(edits[a].with_)
            if _contains(cut_keys, add_keys) or _contains(add_keys, cut_keys):
                moved.update((c, a))
    return [replace(e, kind="reordering") if i in moved else e for i, e in enumerate(edits)]


def _add_case_edits(s: _Sides, edits: list[Edit], reproduced: set[int]) -> list[Edit]:
    """Headline-style variants: Title Case of the same words is cosmetic; a Title Case rewrite is one edit."""
    b_speaker = [t for t in s.b if not t.editorial]
    if not is_title_case(b_speaker) or capitalised_share([t for t in s.a if not t.editorial]) >= 0.6:
        return edits
    if not b_speaker or not s.a:
        return edits
    vs, ve = b_speaker[0].start, b_speaker[-1].end
    if not any(e.altering for e in edits):
        covered = sorted(reproduced)
        if not covered:
            return edits
        ta1, ta2 = covered[0], covered[-1] + 1
        fs, fe = s.a[ta1].start, s.a[ta2 - 1].end
        case = Edit("replace", s.full[fs:fe], s.variant[vs:ve], False, "case_rewrite", fs, fe, vs, ve)
        return [*edits, case]
    a_keys = {spelling_key(t.norm) for t in s.a}
    a_stems = {k[:4] for k in a_keys if len(k) >= 4}
    shared = sum(1 for t in b_speaker if spelling_key(t.norm) in a_keys or (len(t.norm) >= 4 and t.norm[:4] in a_stems))
    if shared / len(b_speaker) < 0.5:
        return edits
    # a qualifier of the full wording that the rewrite no longer has ("we believe", "in the near future")
    in_variant = set(find_qualifiers([u.word for u in s.ub]))
    quals = tuple(q for q in find_qualifiers([u.word for u in s.ua if not s.a[u.tok].editorial]) if q not in in_variant)
    fs, fe = s.a[0].start, s.a[-1].end
    rewrite = Edit(
        "replace", s.full[fs:fe], s.variant[vs:ve], False, "headline_rewrite", fs, fe, vs, ve, bool(quals), quals
    )
    return [rewrite]
