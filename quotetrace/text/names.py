"""The Unicode form of a name as quotetrace keeps and matches it: NFC, with invisible format characters removed.

Article text keeps its characters (offsets index it as given); a speaker name taken from it, and every key a
name is matched on, go through :func:`name_form`, so "Zelen\u200bsky" or a decomposed "Zelenśky" is the
same speaker as the plain spelling and ``--speaker`` finds it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["INVISIBLE", "name_form"]

#: Characters that print as nothing: soft hyphen, zero-width space/joiners, word joiner and invisible operators,
#: byte-order mark, Mongolian vowel separator, combining grapheme joiner, bidi marks, embeddings and isolates.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def name_form(text: str) -> str:
    """``text`` in NFC without invisible characters (plain ASCII comes back as is)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))
