"""Word tokens with character offsets, and the normalisations under which two wordings compare equal."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from quotetrace.text.fold import fold_text as fold

# A token is an abbreviation (U.S.), a number (1,000.5), a word that may carry censoring asterisks
# (f***ing, s***) and apostrophe contractions (they're, won't), or a symbol that reads as a word.
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|\d+(?:[.,]\d+)*"
    r"|[^\W_]+(?:\*+[^\W_]*)*(?:['’ʼ][^\W_]+)*"
    r"|\*+[^\W_]+(?:\*+[^\W_]*)*"
    r"|[%&]"
)
_SYMBOL_WORDS = {"%": "percent", "&": "and"}
_OPEN_BRACKETS = "[{"
_CLOSE_BRACKETS = "]}"

_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Token:
    """One word of a string: as printed, normalised, where it sits, and whether it is an editor's insertion."""

    text: str
    norm: str
    start: int
    end: int
    editorial: bool = False  # inside [square brackets]: the editor's words, not the speaker's


@lru_cache(maxsize=65536)
def normalise_word(raw: str) -> str:
    """The comparison form of one printed token (case, accents, abbreviation dots and symbols folded)."""
    if raw in _SYMBOL_WORDS:
        return _SYMBOL_WORDS[raw]
    norm = fold(raw)
    if "." in norm and norm[:1].isalpha():  # U.S. -> us
        norm = norm.replace(".", "")
    elif norm[:1].isdigit():
        norm = norm.replace(",", "")
    return norm


def _bracket_depths(text: str) -> list[int]:
    if "[" not in text and "{" not in text:  # the usual case: no editor's brackets, no per-character walk
        return [0] * len(text)
    depths: list[int] = []
    depth = 0
    for ch in text:
        if ch in _OPEN_BRACKETS:
            depth += 1
        depths.append(depth)
        if ch in _CLOSE_BRACKETS and depth:
            depth -= 1
    return depths


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with offsets into it; punctuation and quotation marks are not tokens."""
    depths = _bracket_depths(text)
    return [
        Token(m.group(), normalise_word(m.group()), m.start(), m.end(), depths[m.start()] > 0)
        for m in _TOKEN_RE.finditer(text)
    ]


def words(text: str) -> list[str]:
    """Lowercased alphabetic words (no numbers) of ``text``: the simple tokenizer for term counts."""
    return _WORD_RE.findall(fold(text))  # folding once is ~10x faster than per word, and finds the same words


def is_title_case(tokens: list[Token], *, minimum: int = 3) -> bool:
    """True when every significant word is Capitalised (headline style), or the whole text is in capitals."""
    alpha = [t.text for t in tokens if t.text[:1].isalpha() and not t.editorial]
    if not alpha:
        return False
    if len(alpha) >= 2 and all(w.isupper() for w in alpha) and sum(len(w) for w in alpha) > 2 * len(alpha):
        return True
    significant = [w for w in alpha if w.lower() not in _SMALL_WORDS]
    return len(significant) >= minimum and all(w[:1].isupper() for w in significant)


def capitalised_share(tokens: list[Token]) -> float:
    """Share of the significant words that start with a capital letter."""
    significant = [t.text for t in tokens if t.text[:1].isalpha() and t.text.lower() not in _SMALL_WORDS]
    if not significant:
        return 0.0
    return sum(1 for w in significant if w[:1].isupper()) / len(significant)


_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "on", "at", "to", "by", "of", "in", "up"}
    | {"as", "off", "per", "via", "vs", "is", "be", "are", "was", "with", "from", "into", "onto"}
)


def similar(a: str, b: str, at_least: float) -> bool:
    """Whether the normalised Levenshtein similarity of two words is at least ``at_least`` (0..1).

    Two lower bounds on the edit distance rule most pairs out first — the length difference, and the letters one
    word has that the other lacks — so a ``show`` whose names and words differ plainly never imports rapidfuzz
    (~9 ms a process); the answer is the one rapidfuzz gives.
    """
    longest = max(len(a), len(b))
    if longest == 0:
        return True
    left = Counter(a)
    left.subtract(b)
    missing = max(sum(n for n in left.values() if n > 0), -sum(n for n in left.values() if n < 0))
    lower = max(abs(len(a) - len(b)), missing)  # each edit fixes at most one letter on each side
    if 1.0 - lower / longest < at_least - 1e-9:
        return False
    from rapidfuzz.distance import Levenshtein

    return float(Levenshtein.normalized_similarity(a, b)) >= at_least


def word_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""``pattern.finditer(text)`` for matches not preceded by a word character or hyphen (as a leading
    ``(?<![\w-])`` would give), retrying one character on after a match inside a word."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1
