"""Reading the word lists and tables shipped as package data in ``quotetrace/data`` (parsed once per process)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of one bundled data file (``quotetrace/data/<name>``)."""
    return (resources.files("quotetrace") / "data" / name).read_text(encoding="utf-8")


@cache
def read_json(name: str) -> Any:
    """A bundled JSON data file, parsed once per process (treat the result as read-only)."""
    return json.loads(read_text(name))


@cache
def read_word_list(name: str) -> frozenset[str]:
    """A bundled one-word-a-line list; blank lines and ``#`` comments are skipped."""
    words = (line.split("#", 1)[0].strip().lower() for line in read_text(name).splitlines())
    return frozenset(w for w in words if w)
