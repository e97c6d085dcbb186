"""`quotetrace extract`: quotations and speakers straight from files, no index."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import typer

from quotetrace.cli import tables, writers
from quotetrace.cli.app import (
    FormatOpt,
    JsonOpt,
    ModelOpt,
    app,
    emit,
    guarded,
    megabytes,
    pick_format,
    warnings_to_stderr,
)
from quotetrace.cli.inputs import read_articles
from quotetrace.models import Article, Mention, extract_record


@app.command("extract", short_help="Print every quotation and its speaker (no index).")
@guarded
def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATHS...", hidden=True, show_default=False),  # described in the docstring
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    model: ModelOpt = None,
    indirect: Annotated[
        bool, typer.Option("--indirect/--no-indirect", metavar="", help="Also report indirect (reported) speech.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=1, help="Parallel spaCy processes.")] = 1,
    max_mb: Annotated[
        float,
        typer.Option(
            "--max-mb",
            metavar="MB",
            callback=megabytes,
            help="Skip input files larger than this many megabytes (up to 1048576).",
        ),
    ] = 10.0,
) -> None:
    """Print every quotation in the articles with its speaker (no index needed).

    PATHS are files, folders, globs, http(s) URLs, or - for stdin.

    Examples:

    \b
      quotetrace extract seeds/
      quotetrace extract news.jsonl --format jsonl | jq .quotes[].speaker
    """
    fmt_ = pick_format(fmt, as_json)
    warnings_to_stderr()
    articles = read_articles(paths, max_bytes=int(max_mb * 1024 * 1024))
    from quotetrace.extract import extract_articles

    kwargs = {"include_indirect": True} if indirect else {}
    from quotetrace.ingest.ids import unique_in_run

    results: Iterator[tuple[Article, list[Mention]]] = extract_articles(
        unique_in_run(articles), model=model, n_process=jobs, **kwargs
    )
    emit(
        results,
        fmt_,
        writers.EXTRACT_CSV_COLUMNS,
        table=tables.extract_table,
        record=lambda pair: extract_record(*pair),
        csv_rows=writers.extract_rows,
    )
    if not articles.read:
        raise typer.Exit(1)
