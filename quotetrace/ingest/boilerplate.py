"""Page furniture in text extracted from web pages: share buttons, promos, credits and related-links lists.

The rules are data (``quotetrace/data/boilerplate.json``); :func:`clean_body` drops whole lines that match
them, soft hyphens and zero-width characters, and nothing else — a sentence of the story is never cut.
Credit lines ("Reporting by …; Editing by …") are kept: they are part of the article, and the extractor
knows they are not speech (see :mod:`quotetrace.nlp.credits`).
"""

from __future__ import annotations

import re
from functools import cache

from quotetrace.text.data import read_json

#: Longer lines are never furniture (and are not run through the patterns).
MAX_LINE_CHARS = 400

_BULLET = re.compile(r"^(?:[-–—•*·>]\s+)+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


#: A line of a related-links list under a list heading: bulleted and short.
MAX_LIST_ITEM_CHARS = 140


@cache
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], int, re.Pattern[str]]:
    data = read_json("boilerplate.json")
    lines = re.compile("|".join(f"(?:{p})" for p in data["lines"]), re.IGNORECASE)
    short = re.compile("|".join(f"(?:{p})" for p in data["short_lines"]), re.IGNORECASE)
    headings = re.compile("|".join(f"(?:{p})" for p in data["list_headings"]), re.IGNORECASE)
    return lines, short, int(data["max_short_chars"]), headings


def is_boilerplate(line: str) -> bool:
    """True when one line of extracted page text is page furniture, not article text."""
    s = _BULLET.sub("", line.strip()).strip()
    if not s or len(s) > MAX_LINE_CHARS:
        return False  # furniture is short; a long line is the story's
    lines, short, max_short, headings = _rules()
    return bool(lines.fullmatch(s) or headings.fullmatch(s) or (len(s) <= max_short and short.fullmatch(s)))


def _list_heading(line: str) -> bool:
    """True for the heading of a related-links list ("More Must-Reads From TIME", "You Might Also Like …")."""
    s = _BULLET.sub("", line.strip()).strip()
    return bool(s) and len(s) <= MAX_LIST_ITEM_CHARS and bool(_rules()[3].fullmatch(s))


def clean_body(text: str) -> str:
    """``text`` without boilerplate lines, soft hyphens and zero-width characters; blank-line runs collapsed."""
    text = _INVISIBLE.sub("", text)
    kept: list[str] = []
    in_list = False  # right after a related-links heading: its bulleted short lines are headlines of other stories
    for line in text.split("\n"):
        if in_list and _BULLET.match(line.strip()) and len(line.strip()) <= MAX_LIST_ITEM_CHARS:
            continue
        in_list = _list_heading(line)
        if in_list or is_boilerplate(line):
            continue
        if not line.strip() and kept and not kept[-1].strip():
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")
