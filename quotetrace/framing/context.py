"""The text around a quote: the sentences `show` frames, sentence and paragraph windows, the sentences either side."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from quotetrace.text.sentences import Span, sentence_bounds, sentences_around


def _said(word: str) -> bool:
    """A word the cue table knows as a speech verb ("said", "asked")."""
    from quotetrace.framing.cues import lemma_of

    return lemma_of(word) is not None


def sentences(text: str) -> tuple[Span, ...]:
    """The article's sentences as ``show`` frames them: the reading split of :mod:`quotetrace.text.sentences`, where
    a quotation ending in ``?`` or ``!`` keeps an attribution whose verb the cue table knows ("“… at all?” Mrs.
    Clinton said"). Cached there: ``show`` asks once per appearance and once for the context terms."""
    return sentence_bounds(text, said=_said)


class Window:
    """The sentence(s) and paragraph holding a passage of an article, and the sentences either side (raw offsets)."""

    __slots__ = ("after", "before", "paragraph", "paragraph_after", "paragraph_before", "sentence")

    def __init__(self, text: str, start: int, end: int, bounds: Sequence[Span] | None = None) -> None:
        bounds = sentences(text) if bounds is None else bounds
        self.sentence, self.before, self.after = sentences_around(bounds, start, end)
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


def blank_out(text: str, base: int, spans: Iterable[Span]) -> str:
    """``text`` (which starts at offset ``base`` of the article) with the article ``spans`` replaced by spaces."""
    chars = list(text)
    for s, e in spans:
        for i in range(max(s - base, 0), min(e - base, len(chars))):
            chars[i] = " "
    return "".join(chars)
