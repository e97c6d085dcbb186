"""Quotation-mark pairing on raw text: every mark style, apostrophes, unbalanced marks, multi-paragraph quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from quotetrace.text.sentences import ends_sentence

# Families of quotation marks: opening -> the closing marks that may end it.
DOUBLE_OPEN: dict[str, str] = {
    "“": '”"',
    "„": '“”"',
    "«": "»",
    "»": "«",  # Danish/Swedish »…«
    '"': '"”',
    "”": "”",  # Swedish/Finnish ”…”
}
SINGLE_OPEN: dict[str, str] = {
    "‘": "’'",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    "'": "'’",
    "’": "’",
}
ALL_MARKS = set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {"”", "’", "»", "›", "“", "‘"}

# Words that start with an apostrophe and are not quotations: 'em, 'til, 'n', the '90s.
_ELISION = re.compile(r"(?:em|til|tis|twas|cause|bout|n|round|s)\b|\d0s\b|\d\d\b", re.IGNORECASE)
_OPEN_BEFORE = set(" \t\n([{—–-/:;\u00a0") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
# Marks that only ever open (in the languages read): they may follow a comma or a full stop with no space,
# a common typing slip ('Ryan said,“Look, …'); a straight or closing-shaped mark there is a closing one.
_ONLY_OPEN = set("“„«")


@dataclass(frozen=True)
class QuoteSpan:
    """One pair of quotation marks: the content span excludes the marks; open/close are the mark offsets."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None when the quote runs to the end of its paragraph unclosed
    double: bool

    @property
    def length(self) -> int:
        return self.end - self.start


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` as ``(start, end)`` offsets, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def is_apostrophe(text: str, i: int) -> bool:
    """True when the single-quote-like mark at ``i`` is an apostrophe, not a quotation mark."""
    ch = text[i]
    if ch not in "'’":
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True  # don’t, Stoltenberg’s, rock’n’roll
    return not prev.isalnum() and bool(_ELISION.match(text, i + 1))  # the ’90s, 'em


def _can_open(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "«‹" and nxt in " \u00a0\u202f":
        return True  # French spacing: « Bonjour »
    if text[i] in _ONLY_OPEN and prev in ",." and nxt.isalnum():
        return True
    return (prev in _OPEN_BEFORE or prev in ALL_MARKS) and not nxt.isspace()


def _can_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace() and not (nxt.isspace() or nxt in ".,;:!?)"):
        return False
    return not nxt.isalnum()


def _pair(text: str, start: int, end: int, families: dict[str, str], skip: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Pair marks of one family set within ``text[start:end]`` (one paragraph), outside ``skip`` ranges."""
    out: list[QuoteSpan] = []
    double = families is DOUBLE_OPEN
    i = start
    open_at: int | None = None
    closers = ""
    skip_iter = iter(sorted(skip))
    cur_skip = next(skip_iter, None)
    while i < end:
        while cur_skip is not None and cur_skip[1] <= i:
            cur_skip = next(skip_iter, None)
        if cur_skip is not None and cur_skip[0] <= i < cur_skip[1]:
            i = cur_skip[1]
            continue
        ch = text[i]
        if not double and is_apostrophe(text, i):
            i += 1
            continue
        if open_at is None:
            if ch in families and _can_open(text, i):
                open_at, closers = i, families[ch]
        elif ch in closers and _can_close(text, i):
            out.append(QuoteSpan(open_at + 1, i, open_at, i, double))
            open_at = None
        elif ch in families and ch not in closers and _can_open(text, i) and text[i - 1].isspace():
            # a new opening mark while one is open: the earlier one was never closed; drop it
            open_at, closers = i, families[ch]
        i += 1
    if open_at is not None and _may_run_unclosed(text, start, open_at, end):
        out.append(QuoteSpan(open_at + 1, end, open_at, None, double))
    return out


def _may_run_unclosed(text: str, para_start: int, open_at: int, end: int) -> bool:
    """An unclosed mark counts only where a quotation could begin and a few words follow (not 5'10", a stray mark)."""
    before = text[para_start:open_at].rstrip()
    opens_sentence = not before or before[-1] in ":,—–-" or ends_sentence(before)
    return opens_sentence and len(text[open_at + 1 : end].split()) >= 3


def _trim(text: str, q: QuoteSpan) -> QuoteSpan | None:
    s, e = q.start, q.end
    while s < e and (text[s].isspace() or text[s] in ALL_MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:" or text[e - 1] in ALL_MARKS):
        e -= 1
    if e <= s or not any(c.isalnum() for c in text[s:e]):
        return None
    return QuoteSpan(s, e, q.open_at, q.close_at, q.double)


def find_quotes(text: str) -> list[list[QuoteSpan]]:
    """All quotations in ``text``; a quotation running over paragraphs is one list with a span per paragraph.

    Double marks are paired first; single marks only outside double-quoted text (nested
    single quotes belong to the outer quotation). An unclosed mark runs to the end of its
    paragraph and never beyond, unless the next paragraph opens with a mark too (the
    convention for a quotation continued over paragraphs).
    """
    result: list[list[QuoteSpan]] = []
    pending: list[QuoteSpan] | None = None
    for ps, pe in paragraphs(text):
        found = _pair(text, ps, pe, DOUBLE_OPEN, [])
        inner = [(q.open_at, (q.close_at + 1) if q.close_at is not None else pe) for q in found]
        found += _pair(text, ps, pe, SINGLE_OPEN, inner)
        found.sort(key=lambda q: q.start)
        for q in found:
            t = _trim(text, q)
            if t is None:
                continue
            if pending is not None:
                if q.open_at == ps:
                    pending.append(t)
                    if t.close_at is None:
                        continue
                    result.append(pending)
                    pending = None
                    continue
                result.append(pending)
                pending = None
            if t.close_at is None and t.open_at == ps:
                pending = [t]  # opens the paragraph and never closes: may continue in the next one
            else:
                result.append([t])
        if pending is not None and not any(q.open_at == ps for q in found):
            result.append(pending)
            pending = None
    if pending is not None:
        result.append(pending)
    return result


def iter_marks(text: str) -> Iterator[int]:
    """Offsets of every quotation-mark-like character (for cheap pre-filtering)."""
    for i, ch in enumerate(text):
        if ch in ALL_MARKS and not is_apostrophe(text, i):
            yield i
