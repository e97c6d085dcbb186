"""The command-line interface (the only layer that imports typer): commands are registered on one app."""

from __future__ import annotations

from quotetrace.cli import extract_cmd as _extract_cmd  # noqa: F401  (registers commands)
from quotetrace.cli.app import app

try:  # the index commands (ingest, list, show, export, ...)
    from quotetrace.cli import index_cmds as _index_cmds  # noqa: F401
except ImportError as _exc:  # pragma: no cover - only while the module is absent
    if "index_cmds" not in str(_exc):
        raise


def main() -> None:
    app()


__all__ = ["app", "main"]
