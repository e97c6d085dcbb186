"""Quote wording normalisation: folded case, accents, marks, contractions and spellings; matching tokens.

Kept apart from :mod:`quotetrace.cluster` so that read commands (``show``, ``trace``) can normalise a wording
without importing the clusterer and RapidFuzz.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from quotetrace.text.contractions import expand
from quotetrace.text.fold import fold_wording
from quotetrace.text.spelling import spelling_key
from quotetrace.text.stopwords import STOPWORDS

__all__ = [  # STOPWORDS: re-exported for quotetrace.people (it lives in quotetrace.text.stopwords)
    "STOPWORDS",
    "QuoteTokens",
    "analyse",
    "chunk_forms",
    "fold_quote",
    "normalise_quote",
    "quote_tokens",
]


_BREAK = "\x00"
_ELLIPSIS_RE = re.compile(r"…|\.(?:\s*\.){2,}|\[\s*(?:\.\s*){2,}\]|\(\s*(?:\.\s*){2,}\)")
_DIGIT_COMMA_RE = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_TOKEN_RE = re.compile(r"[\w*]+(?:'[\w*]+)*")
_BRACKETS_RE = re.compile(r"([\[\]{}])")


@lru_cache(maxsize=1 << 18)
def chunk_forms(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(normalised words, matching words) of one whitespace-separated chunk of folded text.

    Cached: chunks repeat ("said," "the"), so the regex work is done once per distinct chunk.
    """
    norm: list[str] = []
    for tok in _TOKEN_RE.findall(_DIGIT_COMMA_RE.sub("", chunk)):
        if not any(ch.isalnum() for ch in tok):
            continue
        norm.extend(expand(tok.replace("_", "")) if "_" in tok else expand(tok))
    return tuple(norm), tuple(spelling_key(w) for w in norm)


class QuoteTokens(NamedTuple):
    """The words a quote is matched on, and the word positions preceded by a marked elision."""

    words: tuple[str, ...]
    breaks: tuple[int, ...]


def fold_quote(text: str) -> str:
    """A quote's wording folded (:func:`quotetrace.text.fold.fold_wording`), marked elisions made a break."""
    folded = fold_wording(text)
    if ".." in folded or ". ." in folded or "…" in folded:
        folded = _ELLIPSIS_RE.sub(" \x00 ", folded)
    return folded


def analyse(text: str, folded: str | None = None) -> tuple[list[str], QuoteTokens]:
    """One pass over a quote: its normalised words and its matching tokens (insertions dropped, breaks marked)."""
    if folded is None:
        folded = fold_quote(text)
    norm: list[str] = []
    match: list[str] = []
    breaks: list[int] = []
    depth = 0
    for chunk in _BRACKETS_RE.sub(r" \1 ", folded).split():
        if chunk == _BREAK or chunk == "[" or chunk == "{":
            if chunk != _BREAK:
                depth += 1
            if match and (not breaks or breaks[-1] != len(match)):
                breaks.append(len(match))
            continue
        if chunk == "]" or chunk == "}":
            depth = max(0, depth - 1)
            continue
        words, matching = chunk_forms(chunk)
        norm.extend(words)
        if not depth:
            match.extend(matching)
    if breaks and breaks[-1] >= len(match):
        breaks.pop()
    return norm, QuoteTokens(tuple(match), tuple(breaks))


def normalise_quote(text: str) -> str:
    """The comparable wording of a quote.

    Lowercase; accents, quotation marks and dashes folded; contractions expanded ("they're" -> "they are");
    bracket marks dropped but their words kept ("[Russian] President" -> "russian president"); ellipses and
    other punctuation removed; spaces collapsed. Censored words keep their asterisks ("f***ing").
    """
    return " ".join(analyse(text)[0])


def quote_tokens(text: str) -> QuoteTokens:
    """Matching words: :func:`normalise_quote` minus bracketed insertions, with spelling variants folded."""
    return analyse(text)[1]
