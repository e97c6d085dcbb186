"""The one accent/case fold: the form under which two spellings of a name, an outlet or a wording meet.

:func:`fold` lowercases, strips accents (every combining mark after compatibility decomposition, so "ﬁ" is
"fi" and "Ｔ" is "t") and makes apostrophe look-alikes straight. Its options are the only ways callers differ,
each for a reason that is the caller's own:

- ``apostrophes``: which characters count as an apostrophe. Names (the default, :data:`APOSTROPHES`) take
  every look-alike, backtick and acute accent included ("O`Brien" is "O'Brien"). Running article text
  (:data:`TEXT_APOSTROPHES`) keeps the backtick and the spacing acute, which open ````quotes'''' and stand
  alone there. The store's keys (:data:`STORE_APOSTROPHES`) straighten the right single quote only: they
  are persisted in existing indexes, and a wider set would orphan them.
- ``invisible``: drop invisible format characters first (:func:`quotetrace.text.names.name_form`), so a
  name cannot hide behind a zero-width space. Off for text whose words are counted as printed.
- ``marks``: the quote-wording fold: after NFKC, quotation marks become ``"``, dashes and no-break spaces
  a space, ``&`` "and", ``%`` "percent", asterisk look-alikes ``*`` (what the clusterer's normalisation
  and its matching tokens are built on).
- ``spaces``: collapse runs of whitespace to one space and trim.
- ``punctuation``: runs of anything but word characters and ``&`` become one space, trimmed (outlet names
  printed as "BBC-News" or "BBC: News").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from quotetrace.text.names import name_form

__all__ = [
    "APOSTROPHES",
    "STORE_APOSTROPHES",
    "TEXT_APOSTROPHES",
    "fold",
    "fold_cached",
    "fold_store_key",
    "fold_text",
    "fold_wording",
]

#: Apostrophe look-alikes folded to ``'`` in names: right/left single quote, modifier letter apostrophe,
#: backtick and acute accent.
APOSTROPHES = "’‘`´ʼ"
#: In running text the backtick and the spacing acute are not apostrophes: only the quote-mark look-alikes.
TEXT_APOSTROPHES = "’ʼ‘"
#: The store's persisted keys straighten the right single quote only.
STORE_APOSTROPHES = "’"
#: The quote-wording fold (``marks=True``): every apostrophe look-alike, reversed quote and prime included.
_MARK_APOSTROPHES = "’‘‛`´ʼ′"

_MARKS: dict[str, str] = {
    **{c: '"' for c in "“”„‟«»‹›″"},
    **{c: " " for c in "–—‒―‐‑−\u00a0"},
    "∗": "*",
    "＊": "*",
    "&": " and ",
    "%": " percent ",
}
_MARK_TABLE = str.maketrans({**{c: "'" for c in _MARK_APOSTROPHES}, **_MARKS})
_ASCII_MARKS = frozenset("&%`")
# The quote-wording fold strips the combining blocks used by Latin, Greek and Cyrillic accents (kept as it was
# when the clusterer's normalisation had its own fold, so no wording is matched differently).
_MARK_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_PUNCTUATION = re.compile(r"[^\w&]+")


@lru_cache(maxsize=16)
def _apostrophe_table(apostrophes: str) -> dict[int, str]:
    return str.maketrans(dict.fromkeys(apostrophes, "'"))


def _strip_combining(match: re.Match[str]) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))


def _fold_marks(text: str) -> str:
    if text.isascii():
        text = text.lower()
        return text.translate(_MARK_TABLE) if not _ASCII_MARKS.isdisjoint(text) else text
    text = unicodedata.normalize("NFKC", text).translate(_MARK_TABLE)
    return _MARK_COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def fold(
    text: str,
    *,
    apostrophes: str = APOSTROPHES,
    invisible: bool = True,
    marks: bool = False,
    spaces: bool = False,
    punctuation: bool = False,
) -> str:
    """``text`` lowercased with accents stripped and apostrophes straight: "José O’Brien" -> "jose o'brien".

    See the module docstring for the options; ``marks`` replaces ``apostrophes`` with its own wider set.
    """
    if invisible:
        text = name_form(text)
    if marks:
        text = _fold_marks(text)
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_apostrophe_table(apostrophes)))
        if not decomposed.isascii():  # only non-ASCII runs can hold combining marks: no per-character loop
            decomposed = _NON_ASCII_RUN.sub(_strip_combining, decomposed)
        text = decomposed.lower()
    if punctuation:
        text = _PUNCTUATION.sub(" ", text).strip()
    elif spaces:
        text = " ".join(text.split())
    return text


#: :func:`fold` with its default options, memoised: for short keys that repeat (person names, titles).
#: Never for article bodies, which would fill the cache.
fold_cached = lru_cache(maxsize=65536)(fold)


def fold_text(text: str) -> str:
    """Running article text as the framing tokens count it: offsets of words kept, backticks left alone."""
    return fold(text, apostrophes=TEXT_APOSTROPHES, invisible=False)


def fold_wording(text: str) -> str:
    """A quote's wording as the clusterer's normalisation folds it (``marks``; invisible characters kept, as
    words are split on them)."""
    return fold(text, invisible=False, marks=True)


def fold_store_key(text: str) -> str:
    """The key the store keeps and searches names and outlets under (persisted: see :data:`STORE_APOSTROPHES`)."""
    return fold(text, apostrophes=STORE_APOSTROPHES, spaces=True)
