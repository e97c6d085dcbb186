"""Reading the word lists and tables shipped as package data in ``quotetrace/data`` (parsed once per process)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

# The package's data folder, read as files: importing importlib.resources for it cost every ``show`` ~3 ms.
_DATA = Path(__file__).resolve().parent.parent / "data"


def read_text(name: str) -> str:
    """The text of one bundled data file (``quotetrace/data/<name>``)."""
    return (_DATA / name).read_text(encoding="utf-8")


@cache
def read_json(name: str) -> Any:
    """A bundled JSON data file, parsed once per process (treat the result as read-only)."""
    return json.loads(read_text(name))


@cache
def read_word_list(name: str) -> frozenset[str]:
    """A bundled one-word-a-line list; blank lines and ``#`` comments are skipped."""
    words = (line.split("#", 1)[0].strip().lower() for line in read_text(name).splitlines())
    return frozenset(w for w in words if w)
