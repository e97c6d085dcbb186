"""The command-line interface (the only layer that imports typer): commands are registered on one app."""

from __future__ import annotations

import sys

from quotetrace.cli import extract_cmd as _extract_cmd  # noqa: F401  (extract)

# Registration order is the order of the commands in --help: the index commands, then extract, then report.
from quotetrace.cli import index_cmds as _index_cmds  # noqa: F401  (ingest, list, show, export, ...)
from quotetrace.cli import report_cmd as _report_cmd  # noqa: F401  (report)
from quotetrace.cli.app import app, app_for


def main() -> None:
    app_for(sys.argv[1:])()


__all__ = ["app", "main"]
