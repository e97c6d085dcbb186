"""Hedges and distance markers around a quote: "reportedly", "so-called", "according to", scare quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from quotetrace.framing.cues import lemma_of
from quotetrace.framing.tokens import tokenize, word_matches
from quotetrace.text.data import read_json
from quotetrace.text.sentences import sentence_start

Span = tuple[int, int]


@dataclass(frozen=True)
class Hedge:
    """One distance marker as printed in the context, with its offsets and kind."""

    text: str
    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"text", "kind", "span"}``."""
        return {"text": self.text, "kind": self.kind, "span": [self.start, self.end]}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # no leading look-behind (?<![\w-]): it defeats the regex engine's literal-prefix scan; word_matches checks it
    data = read_json("framing_hedges.json")
    return tuple(
        (kind, re.compile(rf"(?:{pattern})(?![\w-])", re.IGNORECASE))
        for kind, patterns in data.items()
        if not kind.startswith("_")
        for pattern in patterns
    )


# opening mark, closing mark, and what may not follow the closing mark
_QUOTE_PAIRS: tuple[re.Pattern[str], ...] = (
    re.compile(r"“([^“”\n]{1,80})”"),
    re.compile(r"‘([^‘\n]{1,80}?)’(?![^\W\d_])"),
    re.compile(r"«\s?([^«»\n]{1,80}?)\s?»"),
    re.compile(r"„([^„“”\n]{1,80})[“”]"),
    re.compile(r"‚([^‚‘’\n]{1,80})[‘’]"),
    re.compile(r"(?<![\w\"])\"([^\"\n]{1,80})\"(?![^\W\d_])"),
    re.compile(r"(?<![\w'])'([^'\n]{1,80}?)'(?![^\W\d_])"),
)
_FULL_UTTERANCE_END = re.compile(r"[,.!?;:…]\s*$")
_WORDS_BEFORE = re.compile(r"[\w’'-]+")
_META_WORDS = frozenset(
    {"word", "words", "term", "terms", "phrase", "phrases", "slogan", "hashtag", "headline", "expression", "letters"}
)
_CUE_WINDOW = 6  # a cue verb this many words before a short quote makes it a partial, attributed quote


def _reads_as_attributed(context: str, start: int) -> bool:
    """A short quote right after a speech verb or a meta-word ("he said he is “profoundly” sorry", "the word “God”")."""
    before = context[sentence_start(context, start, max(0, start - 120)) : start]
    words = _WORDS_BEFORE.findall(before)[-_CUE_WINDOW:]
    if any(w.lower() in _META_WORDS for w in words[-3:]):
        return True
    for w in words:
        lemma = lemma_of(w)
        if lemma is not None and lemma != w.lower() and lemma != "according to":
            return True
    return False


def _is_title(inner: str) -> bool:
    """Every word Capitalised: a title or a name ("Today", "Celebrity Apprentice"), not a scare quote."""
    toks = [t.text for t in tokenize(inner) if t.text[:1].isalpha()]
    return bool(toks) and all(t[:1].isupper() for t in toks)


def _overlaps(start: int, end: int, spans: list[Span]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_scare_quotes(context: str, quote_spans: list[Span] | None = None, *, max_words: int = 2) -> list[Hedge]:
    """Words in quotation marks that read as the writer's distance ("a “peace” plan"), not as a quotation.

    A span counts when it has 1..``max_words`` words, does not end like an utterance ("Yes," / "No."),
    does not overlap a quotation the extractor attributed (``quote_spans``, offsets into ``context``),
    is not a Capitalised title or name ("Today" show), does not follow a meta-word ("the word
    “God”") and does not come within a few words after an inflected cue verb in the same sentence
    ("said he was “profoundly” sorry": a partial quote the extractor may have missed).
    """
    spans = list(quote_spans or [])
    found: dict[int, Hedge] = {}
    taken: list[Span] = []
    for pattern in _QUOTE_PAIRS:
        for m in pattern.finditer(context):
            if _overlaps(m.start(), m.end(), taken):
                continue
            taken.append((m.start(), m.end()))
            inner = m.group(1)
            n_words = len(tokenize(inner))
            if not 1 <= n_words <= max_words or _FULL_UTTERANCE_END.search(inner):
                continue
            if _overlaps(m.start(1), m.end(1), spans) or _is_title(inner):
                continue
            if _reads_as_attributed(context, m.start()):
                continue
            found[m.start()] = Hedge(m.group(), m.start(), m.end(), "scare_quote")
    return [found[k] for k in sorted(found)]


def find_hedges(context: str, quote_spans_in_context: list[Span] | None = None) -> list[Hedge]:
    """Hedges and distance markers in the text around a quote, as printed, in reading order.

    ``quote_spans_in_context`` are the attributed quotations' ``[start, end)`` in ``context``: a hedge
    word the speaker said inside them is not the writer's, and a short quoted span that is one of
    them is not a scare quote. Kinds: reportedly, allegedly, according_to, so_called, purported,
    claimed, unverified, what_called, scare_quote.
    """
    spans = list(quote_spans_in_context or [])
    hedges: list[Hedge] = []
    claimed: list[Span] = []
    for kind, pattern in _lexicon():
        for m in word_matches(pattern, context):
            if _overlaps(m.start(), m.end(), spans) or _overlaps(m.start(), m.end(), claimed):
                continue
            claimed.append(m.span())
            hedges.append(Hedge(m.group(), m.start(), m.end(), kind))
    hedges.extend(find_scare_quotes(context, spans))
    return sorted(hedges, key=lambda h: (h.start, h.end))
