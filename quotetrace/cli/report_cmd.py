"""The ``report`` command: write the static HTML report of the index (all quotes, the given ones, or those the
``list`` filters select) into a folder, and optionally open it in the browser. Never imports spaCy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotetrace.cli import console, progress, writers
from quotetrace.cli.app import app, guarded
from quotetrace.cli.index_cmds import (
    QUOTE_OUTLET_HELP,
    DbOpt,
    FirstSinceOpt,
    FirstUntilOpt,
    MinOutletsOpt,
    QuoteKindOpt,
    QuoteSearchOpt,
    QuoteSpeakerOpt,
    _not_found,
    open_for_read,
    quote_filters,
)
from quotetrace.errors import NotFound
from quotetrace.store import ClusterSummary


@app.command("report", short_help="Write a static HTML report of the index.")
@guarded
def report_command(
    ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="QUOTE_ID...", hidden=True, show_default=False),  # described in the docstring
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR", help="The folder to write: new, empty, or an earlier report.")
    ] = Path("quotetrace-report"),
    speaker: QuoteSpeakerOpt = None,
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="TEXT", help=QUOTE_OUTLET_HELP)] = None,
    min_outlets: MinOutletsOpt = 0,
    search: QuoteSearchOpt = None,
    since: FirstSinceOpt = None,
    until: FirstUntilOpt = None,
    kind: QuoteKindOpt = None,
    open_: Annotated[
        bool, typer.Option("--open", metavar="", help="Open the report's index page in the browser.")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", min=1, help="Processes making the quote pages.")
    ] = 1,
    db: DbOpt = None,
) -> None:
    """Write a static HTML report of the index: an index page of quotes (search, sort, filter), a page per quote
    with its timeline across outlets and every appearance's framing, and a page per speaker and per outlet.

    QUOTE_IDs (optional) are the quotes to report (ids, unique prefixes or mention ids); else every quote the
    filters (those of list) select. The folder is self-contained and works offline (no CDN, nothing fetched).
    Prints the path of the index page on stdout.

    Examples:

    \b
      quotetrace report -o report/
      quotetrace report q1a2b3c4 -o q/ --open
      quotetrace report --speaker vos --min-outlets 2 -o vos/
    """
    from quotetrace.report import build_report, open_in_browser

    query = quote_filters(speaker, outlet, min_outlets, search, since, until, kind)
    with open_for_read(db) as store:
        chosen: list[ClusterSummary] | None = None
        if ids:
            chosen = []
            for ident in ids:
                found = store.resolve(ident)
                summary = store.cluster(found.cluster_id) if found else None
                if summary is None:
                    raise _not_found(store, ident)
                if all(c.id != summary.id for c in chosen):
                    chosen.append(summary)
            if query.filtered:
                from quotetrace.views import parsed_speaker

                wanted = {c.id for c in store.list_clusters(parsed_speaker(store, query))}
                chosen = [c for c in chosen if c.id in wanted]
                if not chosen:
                    raise NotFound("none of the given quotes matches these filters")
        with progress.progress(None, "writing the report") as advance:
            result = build_report(store, out, query=query, summaries=chosen, on_progress=advance, jobs=jobs)
    console.info(
        f"report: {result.quotes} quote(s), {result.speakers} speaker page(s), {result.outlets} outlet page(s), "
        f"{result.bytes / 1e6:.1f} MB in {result.out_dir} · {result.seconds:.1f}s"
    )
    if not result.quotes:
        console.info("no quotes in the report: the index is empty or nothing matches these filters")
    writers.write_raw(str(result.index) + "\n")
    if open_ and not open_in_browser(result.index):
        console.warn(f"could not start a browser; open {result.index} yourself")
