"""Contractions and informal spellings: "they're" is "they are", "I'd" is "I would" or "I had".

The table is ``quotetrace/data/contractions.json``. :func:`expansions` gives every reading of a word (the
framing fidelity check picks the one the other wording has); :func:`expand` gives the first, the one form
the clusterer's normalisation compares.
"""

from __future__ import annotations

from functools import lru_cache

from quotetrace.text.data import read_json

__all__ = ["expand", "expansions"]


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[list[str]]], dict[str, list[list[str]]], frozenset[str], list[list[str]]]:
    data = read_json("contractions.json")
    return data["words"], data["suffixes"], frozenset(data["s_hosts"]), data["s_expansions"]


@lru_cache(maxsize=65536)  # pure; callers never mutate the lists returned
def expansions(word: str) -> list[list[str]] | None:
    """Every reading of one lowercase word with a straight apostrophe, first the usual; None when it is none."""
    whole, suffixes, s_hosts, s_exp = _table()
    if word in whole:
        return whole[word]
    if word.endswith("'s") and word[:-2] in s_hosts:
        return [[word[:-2], *alt] for alt in s_exp]
    for suffix, alts in suffixes.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return [[stem, *alt] for alt in alts]
    return None


def expand(word: str) -> list[str]:
    """The usual reading of one word: "they're" -> ["they", "are"]; a word that is no contraction as it is."""
    alts = expansions(word)
    if alts is None:
        return [word]
    first = alts[0]
    if word.endswith("n't") and first[-1] == "not" and len(first) == 2:
        return [*expand(first[0]), "not"]  # a stem that is itself contracted
    return list(first)
