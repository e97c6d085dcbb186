"""Configuration: where the index lives (--db, $QUOTETRACE_DB, default data path) and which spaCy pipeline to use.

Resolution order for the index file:

1. ``--db PATH`` on the command line;
2. ``$QUOTETRACE_DB``;
3. ``$XDG_DATA_HOME/quotetrace/index.db`` when ``XDG_DATA_HOME`` is set, else
   ``~/.local/share/quotetrace/index.db`` (on every platform, so the path is easy to find and document).

The pipeline: ``--model``, else ``$QUOTETRACE_MODEL``, else ``None`` (the loader picks the first installed
default). This module never imports spaCy.

The speaker aliases file (who is who when the rules cannot know, see :class:`quotetrace.people.Aliases`):
``--aliases PATH``, else ``$QUOTETRACE_ALIASES``, else ``<index>.aliases.json`` beside the index file.

The speaker ranker (:mod:`quotetrace.nlp.attribution.ranker`): ``$QUOTETRACE_SPEAKER_RANKER``, ``low`` unless it
says ``0``/``off`` (the rules alone) or ``1``/``always`` (the ranker for every quotation).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

DB_ENV = "QUOTETRACE_DB"
MODEL_ENV = "QUOTETRACE_MODEL"
ALIASES_ENV = "QUOTETRACE_ALIASES"
RANKER_ENV = "QUOTETRACE_SPEAKER_RANKER"
APP_DIR = "quotetrace"
DB_FILE = "index.db"

DbSource = Literal["--db", "QUOTETRACE_DB", "default"]


@dataclass(frozen=True)
class DbLocation:
    """The index file to use and where that choice came from (for ``quotetrace db path``)."""

    path: Path
    source: DbSource


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/quotetrace`` or ``~/.local/share/quotetrace``."""
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / APP_DIR


def default_db_path() -> Path:
    return default_data_dir() / DB_FILE


def resolve_db(cli_value: str | os.PathLike[str] | None = None) -> DbLocation:
    """The index file: ``--db`` if given, else ``$QUOTETRACE_DB``, else the default data path (``~`` expanded)."""
    if cli_value is not None and str(cli_value).strip():
        return DbLocation(Path(os.path.expanduser(str(cli_value))), "--db")
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return DbLocation(Path(os.path.expanduser(env)), "QUOTETRACE_DB")
    return DbLocation(default_db_path(), "default")


def model_name(cli_value: str | None = None) -> str | None:
    """The spaCy pipeline asked for (``--model`` or ``$QUOTETRACE_MODEL``); ``None`` lets the loader choose."""
    if cli_value and cli_value.strip():
        return cli_value.strip()
    env = os.environ.get(MODEL_ENV, "").strip()
    return env or None


def ranker_mode() -> str:
    """The speaker ranker's mode: "low" (unset, empty or unknown), "off" or "always"."""
    v = os.environ.get(RANKER_ENV, "").strip().lower()
    if v in {"1", "always", "on", "true"}:
        return "always"
    if v in {"0", "off", "false", "no"}:
        return "off"
    return "low"


def resolve_aliases_path(cli_value: str | os.PathLike[str] | None, db_path: Path | None) -> Path | None:
    """The speaker aliases file: ``--aliases``, else ``$QUOTETRACE_ALIASES``, else ``<index>.aliases.json`` beside
    the index (None for an index in memory). The file need not exist."""
    if cli_value is not None and str(cli_value).strip():
        return Path(os.path.expanduser(str(cli_value)))
    env = os.environ.get(ALIASES_ENV, "").strip()
    if env:
        return Path(os.path.expanduser(env))
    if db_path is None:
        return None
    return db_path.with_name(db_path.stem + ".aliases.json")
