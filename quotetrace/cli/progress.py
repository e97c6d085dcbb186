"""Long runs on stderr: the progress bar (done/total and the time left when the total is known, else a count and
the time spent; never "0/?") and the end-of-ingest summary."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from quotetrace.cli.console import err_console
from quotetrace.text.sanitise import clean


def shows_progress() -> bool:
    """True when a progress bar would be drawn (stderr is a terminal and QUOTETRACE_NO_PROGRESS is unset)."""
    return err_console().is_terminal and not os.environ.get("QUOTETRACE_NO_PROGRESS")


@contextmanager
def progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr, shown only when stderr is a terminal; yields an ``advance(n)`` callback. With a
    ``total``: done/total and the time left; without one: a count and the rate (never "0/?")."""
    if not shows_progress():

        def nothing(n: int = 1) -> None:
            return None

        yield nothing
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns: list[Any]
    if total is None:
        columns = [
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} done"),
            TimeElapsedColumn(),
        ]
    else:
        columns = [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
        ]
    with Progress(*columns, console=err_console(), transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


def ingest_summary(report: dict[str, Any], db_path: str) -> None:
    """The end-of-ingest summary on stderr: read, stored, skipped (and why), mentions, clusters."""
    from rich.text import Text

    db_path = clean(db_path)
    sk = report.get("skipped") or {}
    why = [
        f"{n} {label}"
        for label, n in (
            ("unchanged", sk.get("unchanged", 0)),
            ("metadata-only update", sk.get("metadata_only", 0)),
            ("duplicate id", sk.get("duplicate", 0)),
            ("unreadable", sk.get("unreadable", 0)),
        )
        if n
    ]
    skipped = sum(int(v) for v in sk.values())
    line = Text()
    line.append("interrupted: " if report.get("interrupted") else "ingested: ", style="bold")
    line.append(f"{report.get('read', 0)} article(s) read, {report.get('stored', 0)} stored")
    if report.get("changed"):
        line.append(f" ({report['new']} new, {report['changed']} changed)")
    line.append(f", {skipped} skipped")
    if why:
        line.append(" (" + ", ".join(why) + ")")
    line.append(f"; {report.get('mentions', 0)} mention(s) stored")
    line.append(f"; {report.get('clusters_touched', 0)} quote cluster(s) added or updated")
    err_console().print(line)
    err_console().print(
        Text(
            f"index {db_path}: {report.get('articles_total', 0)} article(s), {report.get('clusters_total', 0)} quote(s)"
            f" · {report.get('seconds', 0):.1f}s",
            style="dim",
        )
    )
