"""Input record fields (the contract's aliases) and markdown front matter: raw metadata as the input gives it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quotetrace.ingest.metadata import normalise_date
from quotetrace.text.sanitise import whole_chars

#: Recognised fields of a JSON / JSONL record or front matter, first present wins (CONTRACT.md).
TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content")
META_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site_name"),
    "date": ("date", "published", "publication_date", "published_at"),
    "url": ("url", "link"),
}

#: Front matter must close within this many lines, else the file has none.
MAX_FRONT_MATTER_LINES = 200


@dataclass(frozen=True)
class Meta:
    """One layer of explicit article metadata (a record, front matter, a sidecar row, an HTML page)."""

    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # already normalised to ISO, or None
    url: str | None = None


def _scalar(value: Any) -> str | None:
    """A metadata value as a clean string; None for null, blank or structured values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return whole_chars(value.strip()) or None
    if isinstance(value, Mapping):  # e.g. NewsAPI's "source": {"id": ..., "name": "BBC News"}
        return _scalar(value.get("name"))
    return None


def _id(value: Any) -> str | None:
    """An input id kept verbatim, converted to str (blank and null ids count as absent)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return whole_chars(value)
    if isinstance(value, (int, float, bool)):
        return json.dumps(value) if isinstance(value, bool) else str(value)
    return whole_chars(json.dumps(value, ensure_ascii=False, sort_keys=True))


def meta_from_mapping(record: Mapping[str, Any]) -> Meta:
    """The metadata fields of a record or front matter (field names are matched case-insensitively)."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    found: dict[str, str | None] = {}
    for name, aliases in META_FIELDS.items():
        value: str | None = None
        for alias in aliases:
            if alias in lowered:
                value = _id(lowered[alias]) if name == "id" else _scalar(lowered[alias])
                if value is not None:
                    break
        found[name] = value
    return Meta(
        id=found["id"],
        title=found["title"],
        outlet=found["outlet"],
        date=normalise_date(found["date"]),
        url=found["url"],
    )


def text_of(record: Mapping[str, Any]) -> str:
    """The record's article text (first non-blank of text|body|content), kept exactly as given.

    Raises ValueError with a short human reason when there is none.
    """
    blank = False
    for name in TEXT_FIELDS:
        if name not in record or record[name] is None:
            continue
        value = record[name]
        if not isinstance(value, str):
            raise ValueError(f"field '{name}' is not a string")
        if value.strip():
            return whole_chars(value)
        blank = True
    if blank:
        raise ValueError("empty text")
    raise ValueError("no text field (expected one of: " + ", ".join(TEXT_FIELDS) + ")")


_FM_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_FM_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"')
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def split_front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """``---\\nkey: value\\n---\\n`` at the very start → (fields, body after it, unmodified); None if there is none.

    Only simple ``key: value`` lines are read; comments, blank lines and indented / list lines are ignored.
    Any other line means the block is not front matter (e.g. a markdown rule around prose).
    """
    opening = _FM_OPEN.match(text)
    if not opening:
        return None
    fields: dict[str, str] = {}
    pos = opening.end()
    for _ in range(MAX_FRONT_MATTER_LINES):
        newline = text.find("\n", pos)
        end = len(text) if newline < 0 else newline + 1
        line = text[pos:end].rstrip("\r\n")
        if _FM_CLOSE.match(line):
            return fields, text[end:]
        if newline < 0:
            return None  # never closed
        pos = end
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or line[:1] in (" ", "\t") or stripped.startswith("- "):
            continue
        m = _FM_KEY.match(line)
        if not m:
            return None
        if m.group(2):
            fields.setdefault(m.group(1).lower(), _unquote(m.group(2)))
    return None
