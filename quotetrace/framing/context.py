"""The text around a quote: sentence and paragraph bounds with raw offsets, and the sentences either side."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

Span = tuple[int, int]

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt sgt st jr sr inc co corp ltd no vs etc rev hon pres
    u.s u.k u.n e.u jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    """.split()  # noqa: SIM905
)
_SENT_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n+")
_CLOSERS = "\"'”’)]"


def _last_word(text: str, start: int, end: int) -> str:
    """The word before a sentence-ending mark, lowercase, dots trimmed ("u.s", "mr"), scanning back from ``end``
    (a regex search from the sentence start was quadratic in the sentence length)."""
    j = end
    while j > start and text[j - 1] in _CLOSERS:
        j -= 1
    while j > start and text[j - 1] in ".!?…":
        j -= 1
    k = j
    while k > start and (text[k - 1].isalnum() or text[k - 1] in "_."):
        k -= 1
    return text[k:j].rstrip(".").lower()


@lru_cache(maxsize=64)
def sentence_bounds(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text`` by punctuation and paragraph breaks (abbreviations and initials kept whole).

    Cached: ``show`` asks for the same article's sentences once per appearance and once for the context terms.
    """
    return tuple(_sentence_bounds(text))


def _sentence_bounds(text: str) -> list[Span]:
    bounds: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if not m.group().startswith("\n"):
            token = _last_word(text, start, end)
            if m.group().startswith(".") and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
                continue
            nxt = text[end : end + 3].lstrip()
            if nxt[:1].islower():
                continue
            if m.group()[-1:] in _CLOSING and m.group()[:1] in "?!" and _attribution_follows(text, end):
                continue  # “… at all?” Mrs. Clinton said: the attribution belongs to the quote's sentence
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            bounds.append((start + lead, start + len(piece.rstrip())))
        start = end
    tail = text[start:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        bounds.append((start + lead, start + len(tail.rstrip())))
    return bounds


_CLOSING = "\"'”’"
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w’'-]*)([.!?,;:]?)")
_ATTRIBUTION_WORDS = 8


def _attribution_follows(text: str, end: int) -> bool:
    """True when the few words after a quote ending in ? or ! hold a reporting verb ("Mrs. Clinton said")."""
    from quotetrace.framing.cues import lemma_of

    pos = end
    for _ in range(_ATTRIBUTION_WORDS):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return False
        word, stop = m.group(1), m.group(2)
        if word.islower() and lemma_of(word) is not None:
            return True
        if stop and not (stop == "." and word.lower() in _ABBREVIATIONS):
            return False
        pos = m.end()
    return False


def _covering(bounds: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    """Indices (first, last) of the bounds that hold ``[start, end)``."""
    first = next((i for i, (_, e) in enumerate(bounds) if e > start), len(bounds) - 1)
    last = next((i for i, (_, e) in enumerate(bounds) if e >= end), len(bounds) - 1)
    return first, max(last, first)


def _clean(text: str, span: Span | None) -> str | None:
    return " ".join(text[span[0] : span[1]].split()) if span is not None else None


class Window:
    """The sentence(s) and paragraph holding a passage of an article, and the sentences either side (raw offsets)."""

    __slots__ = ("after", "before", "paragraph", "paragraph_after", "paragraph_before", "sentence")

    def __init__(self, text: str, start: int, end: int, bounds: Sequence[Span] | None = None) -> None:
        bounds = sentence_bounds(text) if bounds is None else bounds
        if not bounds:
            self.sentence: Span = (start, end)
            self.before: Span | None = None
            self.after: Span | None = None
        else:
            first, last = _covering(bounds, start, end)
            self.sentence = (min(bounds[first][0], start), max(bounds[last][1], end))
            self.before = bounds[first - 1] if first > 0 else None
            self.after = bounds[last + 1] if last + 1 < len(bounds) else None
        p0 = text.rfind("\n", 0, self.sentence[0]) + 1
        p1 = text.find("\n", self.sentence[1])
        self.paragraph: Span = (p0, len(text) if p1 < 0 else p1)
        self.paragraph_before = _line_before(text, self.paragraph[0])
        self.paragraph_after = _line_after(text, self.paragraph[1])


def _line_before(text: str, start: int) -> Span | None:
    """The last non-empty line (paragraph) ending before ``start``, whitespace trimmed."""
    end = start
    while end > 0:
        s = text.rfind("\n", 0, end - 1) + 1
        line = text[s:end]
        if line.strip():
            lead = len(line) - len(line.lstrip())
            return s + lead, s + len(line.rstrip())
        end = s
    return None


def _line_after(text: str, end: int) -> Span | None:
    """The first non-empty line (paragraph) starting after ``end``, whitespace trimmed."""
    start = end
    while start < len(text):
        e = text.find("\n", start + 1)
        e = len(text) if e < 0 else e
        line = text[start:e]
        if line.strip():
            lead = len(line) - len(line.lstrip())
            return start + lead, start + len(line.rstrip())
        start = e
    return None


def sentence_context(text: str, start: int, end: int) -> tuple[str | None, str, str | None]:
    """(sentence before, the sentence(s) holding ``[start, end)``, sentence after), spaces collapsed."""
    bounds = sentence_bounds(text)
    if not bounds:
        return None, " ".join(text[start:end].split()), None
    first, last = _covering(bounds, start, end)
    s0, e0 = bounds[first][0], bounds[last][1]
    before = bounds[first - 1] if first > 0 else None
    after = bounds[last + 1] if last + 1 < len(bounds) else None
    return _clean(text, before), " ".join(text[s0:e0].split()), _clean(text, after)


def blank_out(text: str, base: int, spans: Iterable[Span]) -> str:
    """``text`` (which starts at offset ``base`` of the article) with the article ``spans`` replaced by spaces."""
    chars = list(text)
    for s, e in spans:
        for i in range(max(s - base, 0), min(e - base, len(chars))):
            chars[i] = " "
    return "".join(chars)
