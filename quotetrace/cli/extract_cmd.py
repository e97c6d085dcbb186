"""`quotetrace extract`: quotations and speakers straight from files, no index."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import typer

from quotetrace import render
from quotetrace.cli.app import FormatOpt, JsonOpt, ModelOpt, OutputFormat, app, guarded, pick_format
from quotetrace.cli.inputs import read_articles
from quotetrace.models import Article, Mention


@app.command("extract")
@guarded
def extract_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, http(s) URLs, or - for stdin.", show_default=False)
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    model: ModelOpt = None,
    indirect: Annotated[
        bool, typer.Option("--indirect/--no-indirect", help="Also report indirect (reported) speech.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parallel spaCy processes.")] = 1,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Skip input files larger than this (MB).")] = 10.0,
) -> None:
    """Print every quotation in the articles with its speaker (no index needed).

    Examples: quotetrace extract seeds/ ;  quotetrace extract news.jsonl --format jsonl | jq .quotes[].speaker
    """
    fmt_ = pick_format(fmt, as_json)
    articles = read_articles(paths, max_bytes=int(max_mb * 1024 * 1024))
    from quotetrace.extract import extract_articles

    kwargs = {"include_indirect": True} if indirect else {}
    results: Iterator[tuple[Article, list[Mention]]] = extract_articles(articles, model=model, n_process=jobs, **kwargs)
    if fmt_ is OutputFormat.table:
        render.extract_table(results)
    elif fmt_ is OutputFormat.jsonl:
        render.emit_jsonl(render.extract_record(a, m) for a, m in results)
    elif fmt_ is OutputFormat.json:
        render.emit_json_array(render.extract_record(a, m) for a, m in results)
    else:
        render.emit_csv(render.extract_rows(results), render.EXTRACT_CSV_COLUMNS)
    if not articles.read:
        raise typer.Exit(1)
