"""One CliRunner for the CLI tests: stderr kept apart from stdout, on every click version."""

from __future__ import annotations

from typer.testing import CliRunner


def cli_runner() -> CliRunner:
    """A runner whose results have ``stdout`` and ``stderr`` apart (click < 8.2 needs ``mix_stderr=False``)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()
