"""Spelling variants: the one key under which British/American and other style spellings of a word meet.

The table is ``quotetrace/data/spelling.json`` (irregular words, number words); the regular patterns are the
rules below. The clusterer's matching words (:func:`quotetrace.normalise.quote_tokens`) and the framing
fidelity check (:func:`quotetrace.framing.wording.compare_wording`) both compare words by :func:`spelling_key`,
so a pair of spellings that is one word for one of them is one word for the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotetrace.text.data import read_json

__all__ = ["spelling_key", "spelling_table"]


@lru_cache(maxsize=1)
def spelling_table() -> dict[str, str]:
    """Whole-word variants -> their key (lowercase, accents stripped), from the bundled table."""
    table: dict[str, str] = read_json("spelling.json")
    return {k: v for k, v in table.items() if not k.startswith("_")}


_SPELLING_RULES: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (re.compile(r"our(?=(?:s|ed|ing|ite|ites|able|ably|ful|less|er|ers)?$)"), "or", 6),
    (re.compile(r"is(?=(?:e|es|ed|ing|er|ers|ation|ations)$)"), "iz", 6),
    (re.compile(r"ys(?=(?:e|es|ed|ing)$)"), "yz", 6),
    (re.compile(r"ence(?=s?$)"), "ense", 6),
    (re.compile(r"tre(?=s?$)"), "ter", 5),
    (re.compile(r"ogue(?=s?$)"), "og", 6),
    (re.compile(r"(?<=\w\w[aeiou])ll(?=(?:ed|ing|er|ers|ous|or|ors)$)"), "l", 6),
    (re.compile(r"yy$"), "y", 5),
)


@lru_cache(maxsize=1 << 18)
def spelling_key(word: str) -> str:
    """The key of one folded word: "defence" and "defense", "Zelenskyy" and "zelensky", "two" and "2" meet."""
    word = spelling_table().get(word, word)
    for pattern, repl, min_len in _SPELLING_RULES:
        if len(word) >= min_len:
            word = pattern.sub(repl, word)
    return word
