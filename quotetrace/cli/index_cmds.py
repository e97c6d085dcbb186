"""The index commands: ingest, list, show, export, speakers, outlets, trace, and ``db path`` / ``db stats``.

Read commands (list without paths, show, export, speakers, outlets, trace, db) never import spaCy: they open the
SQLite index and print precomputed summaries. Every read command takes ``--format table|json|jsonl|csv`` (``--json``
as a shortcut); data goes to stdout, messages and hints to stderr.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from quotetrace.cli import console, progress, tables, writers
from quotetrace.cli.app import (
    FormatOpt,
    JsonOpt,
    ModelOpt,
    OutputFormat,
    app,
    count,
    emit,
    finite,
    guarded,
    megabytes,
    pick_format,
    warnings_to_stderr,
)
from quotetrace.cli.detail import cluster_view, paraphrase_view, trace_header
from quotetrace.config import model_name, resolve_db
from quotetrace.contract import QuoteDetail, TraceRecord
from quotetrace.errors import NotFound, StoreError
from quotetrace.store import ClusterQuery, Store
from quotetrace.text.sanitise import clean

DEFAULT_TABLE_LIMIT = 50
FRAMING_BUDGET = 50_000  # mentions a page may hold for outlets/speakers to aggregate them by default

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        show_default=False,
        help="The index file (default: $QUOTETRACE_DB, else $XDG_DATA_HOME/quotetrace/index.db, "
        "else ~/.local/share/quotetrace/index.db). See: quotetrace db path",
    ),
]
MAX_TEXT_OPTION = 1000  # characters in a name or search option (SQLite refuses LIKE patterns near 50,000)
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", metavar="N", min=1, max=256, help="Parallel spaCy processes for parsing.")
]
MaxMbOpt = Annotated[
    float,
    typer.Option(
        "--max-mb",
        metavar="MB",
        callback=megabytes,
        help="Skip input files larger than this many megabytes (up to 1048576).",
    ),
]
IndirectOpt = Annotated[
    bool, typer.Option("--indirect/--no-indirect", metavar="", help="Also index reported speech (no quotation marks).")
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        callback=count,
        help=f"At most N rows (default {DEFAULT_TABLE_LIMIT} in a table, all otherwise; 0 = all).",
    ),
]
OffsetOpt = Annotated[
    int, typer.Option("--offset", metavar="N", callback=count, help="Skip the first N rows (for paging).")
]

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$")


class SortOpt(str, Enum):
    first_seen = "first-seen"
    outlets = "outlets"
    mentions = "mentions"
    speaker = "speaker"


class KindOpt(str, Enum):
    direct = "direct"
    mixed = "mixed"
    indirect = "indirect"


# The filters of the quote commands (list, report): one definition each.
QUOTE_OUTLET_HELP = "Quotes printed by this outlet (name or part)."
QuoteSpeakerOpt = Annotated[
    str | None,
    typer.Option("--speaker", "-s", metavar="TEXT", help="Speaker name: case/accent-insensitive part or surname."),
]
MinOutletsOpt = Annotated[
    int, typer.Option("--min-outlets", metavar="N", callback=count, help="Quotes printed by at least N outlets.")
]
QuoteSearchOpt = Annotated[
    str | None, typer.Option("--search", "-q", metavar="TEXT", help="Quotes containing these words.")
]
FirstSinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="First seen on or after this ISO date.")
]
FirstUntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="First seen on or before this ISO date.")
]
QuoteKindOpt = Annotated[
    KindOpt | None,
    typer.Option("--kind", metavar="[direct|mixed|indirect]", help="Quotes with direct, mixed or indirect mentions."),
]


class SpeakerSort(str, Enum):
    mentions = "mentions"
    clusters = "clusters"
    outlets = "outlets"
    name = "name"


class OutletSort(str, Enum):
    articles = "articles"
    mentions = "mentions"
    clusters = "clusters"
    name = "name"


# ------------------------------------------------------------------------------------------------ helpers


def open_for_read(db: str | None) -> Store:
    """The index for a read command, opened read-only; a missing file reads as an empty index (nothing is
    created)."""
    loc = resolve_db(db)
    if not loc.path.exists() and not loc.path.is_symlink():
        if loc.path.parent.exists() and not loc.path.parent.is_dir():
            raise StoreError(f"cannot use the index {loc.path}: {loc.path.parent} is not a directory")
        return Store.memory()
    return _up_to_date(Store.open(loc.path, create=False, read_only=True))


def _up_to_date(store: Store) -> Store:
    """The opened index, re-clustered first when an older clustering scheme wrote it and it can be written (the
    use case decides: :func:`quotetrace.ingest.run.upgrade`; imported only then, reads stay light)."""
    if store.read_only or not store.needs_recluster():
        return store
    from quotetrace.ingest.run import upgraded

    return upgraded(store)


def open_for_write(db: str | None) -> Store:
    """The index for ingest. Only the default location's folders are made; a --db or $QUOTETRACE_DB in a folder
    that does not exist is an error (a typo must not grow a tree of folders)."""
    loc = resolve_db(db)
    if loc.source == "default":
        try:
            loc.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the index {loc.path}: {exc.strerror or exc}") from None
    elif not loc.path.parent.is_dir():
        raise StoreError(
            f"cannot create the index {loc.path}: the folder {loc.path.parent} does not exist",
            hint=f"create it first (mkdir -p {loc.path.parent}) or fix {loc.source}",
        )
    return _up_to_date(Store.open(loc.path, create=True))


def _text_option(value: str | None, name: str) -> str | None:
    """A name or search option, refused as a usage error when longer than any name or quote could be."""
    if value is not None and len(value) > MAX_TEXT_OPTION:
        raise typer.BadParameter(
            f"is {len(value):,} characters long; at most {MAX_TEXT_OPTION:,} are accepted", param_hint=name
        )
    return value


def quote_filters(
    speaker: str | None,
    outlet: str | None,
    min_outlets: int,
    search: str | None,
    since: str | None,
    until: str | None,
    kind: KindOpt | None,
    **order: Any,
) -> ClusterQuery:
    """The query of the quote filters as the user gave them, each checked (length, real dates)."""
    return ClusterQuery(
        speaker=_text_option(speaker, "--speaker"),
        outlet=_text_option(outlet, "--outlet"),
        min_outlets=min_outlets,
        search=_text_option(search, "--search"),
        since=_check_date(since, "--since"),
        until=_check_date(until, "--until"),
        kind=kind.value if kind else None,
        **order,
    )


def _limit(limit: int | None, fmt: OutputFormat) -> int | None:
    if limit == 0:
        return None
    if limit is None:
        return DEFAULT_TABLE_LIMIT if fmt is OutputFormat.table else None
    return limit


def _check_date(value: str | None, name: str) -> str | None:
    """An ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or a timestamp) that exists: 2024-13-45 is refused like notadate."""
    if value is None:
        return None
    value = value.strip()
    if not _DATE_RE.match(value) or not _real_date(value):
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name)
    return value


def _real_date(value: str) -> bool:
    import datetime

    try:
        if len(value) == 4:
            return int(value) >= 1
        if len(value) == 7:
            datetime.date(int(value[:4]), int(value[5:7]), 1)
        elif len(value) == 10:
            datetime.date.fromisoformat(value)
        else:
            datetime.datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _empty_hint(store: Store, db: str | None, filtered: bool) -> None:
    articles, clusters = store.counts()
    if not clusters:
        where = resolve_db(db).path
        if articles:
            console.info(f"no quotes in the index at {where} yet ({articles} articles, none with quotations)")
        else:
            console.info(f"the index at {where} is empty — add articles with: quotetrace ingest PATH...")
    elif filtered:
        console.info("no quotes match these filters")
    else:
        console.info("nothing on this page (try a smaller --offset)")


def _run_ingest(
    store: Store,
    paths: list[str],
    *,
    model: str | None,
    jobs: int,
    batch_size: int,
    force: bool,
    max_mb: float,
    indirect: bool = True,
    as_json: bool = False,
    web: Any = None,
    web_options: Any = None,
) -> Any:
    import sqlite3

    from quotetrace.cli.inputs import read_articles
    from quotetrace.ingest.run import IngestReport, ingest
    from quotetrace.store import database_error

    warnings_to_stderr()
    reader = read_articles(paths, max_bytes=int(max_mb * 1024 * 1024), web=web, web_options=web_options)
    report = IngestReport()
    db_path = str(store.path) if store.path is not None else ":memory:"

    def summary() -> None:
        report.unreadable = len(reader.problems)
        report.problems.extend((p.path, p.reason) for p in reader.problems)
        progress.ingest_summary(report.to_dict(), db_path)
        if as_json:
            writers.emit_json_object(report.to_dict() | {"db": db_path})

    try:
        with progress.progress(_count_articles(paths) if progress.shows_progress() else None, "ingesting") as advance:
            ingest(
                store,
                reader,
                model=model_name(model),
                n_process=jobs,
                batch_size=batch_size,
                force=force,
                on_progress=advance,
                report=report,
                include_indirect=indirect,
            )
    except KeyboardInterrupt:
        _warn_refused(report)
        summary()
        console.error("interrupted: every finished batch is saved; run the same command again to finish")
        raise typer.Exit(130) from None
    except sqlite3.Error as exc:  # a full disk, a damaged file: what was committed stays
        _warn_refused(report)
        summary()
        raise database_error(exc, db_path) from None
    _warn_refused(report)
    summary()
    return report


def _warn_refused(report: Any) -> None:
    """The articles the index refused (an id another source holds, a duplicate), each with its path."""
    for path, reason in report.problems:
        console.warn(f"{path}: {reason}")


COUNT_LIMIT = 100_000  # inputs counted up front for the progress bar's total; past that, no total


def _count_articles(paths: list[str]) -> int | None:
    """How many articles ``paths`` hold, for the progress bar's total and ETA: one per file, one per non-empty line
    of a .jsonl file; None when that cannot be known without reading (stdin, a .json array, a URL, too many)."""
    if any(p == "-" or "://" in p for p in paths):
        return None
    from quotetrace.ingest.discover import iter_sources

    total = 0
    for n, src in enumerate(iter_sources(list(paths))):
        if src is None or n > COUNT_LIMIT:
            return None
        fmt = getattr(src, "format", None)
        if fmt is None:  # a problem: reported when read, no article
            continue
        if fmt == "json":
            return None
        if fmt == "jsonl":
            try:
                if not stat.S_ISREG(os.stat(src.path).st_mode):  # a fifo would block here: the reader reports it
                    continue
                with open(src.path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                continue
        else:
            total += 1
    return total


def _check_cluster_options(
    paths: list[str] | None, web: Any, scheduler: str | None, workers: int | None, stage: str | None, jobs: int
) -> None:
    from quotetrace.ingest.web import is_url
    from quotetrace.scale import require_extra

    if scheduler and workers:
        raise typer.BadParameter("give either --scheduler or --dask-workers, not both", param_hint="--scheduler")
    if not (scheduler or workers):
        raise typer.BadParameter("--stage needs a cluster: add --scheduler ADDRESS or --dask-workers N")
    if jobs != 1:
        raise typer.BadParameter("--jobs is for one machine; on a cluster the workers parse", param_hint="--jobs")
    if web or any(is_url(p) or p == "-" for p in paths or []):
        raise typer.BadParameter(
            "a cluster ingest reads files and folders (WARC, JSONL, HTML, text); fetch web pages or stdin "
            "without --scheduler/--dask-workers"
        )
    require_extra()


def _run_cluster_ingest(
    store: Store,
    paths: list[str],
    *,
    scheduler: str | None,
    workers: int | None,
    stage: str | None,
    model: str | None,
    batch_size: int,
    force: bool,
    max_mb: float,
    indirect: bool,
) -> tuple[Any, Any]:
    """Ingest with parsing on a Dask cluster (quotetrace.scale), printing the same summary as a plain ingest."""
    from quotetrace.ingest.run import IngestReport
    from quotetrace.scale.run import distributed_ingest

    report = IngestReport()
    db_path = str(store.path) if store.path is not None else ":memory:"
    run = None

    def warn(p: Any) -> None:
        console.warn(f"{p.path}: {p.reason}")

    try:
        with progress.progress(None, "ingesting on the cluster") as advance:
            run = distributed_ingest(
                store, paths, scheduler=scheduler, workers=workers, stage=stage, model=model_name(model),
                indirect=indirect, max_bytes=int(max_mb * 1024 * 1024), batch_size=batch_size, force=force,
                on_progress=advance, on_problem=warn, report=report,
            )  # fmt: skip
    except KeyboardInterrupt:
        progress.ingest_summary(report.to_dict(), db_path)
        console.error("interrupted: every finished batch (and shard) is saved; run the same command again to finish")
        raise typer.Exit(130) from None
    except (OSError, ValueError, TimeoutError) as exc:
        console.error(f"the cluster ingest stopped: {exc}", "every finished batch is saved; run it again to finish")
        raise typer.Exit(1) from None
    report.unreadable = len(run.problems)
    report.problems.extend((p.path, p.reason) for p in run.problems)
    progress.ingest_summary(report.to_dict(), db_path)
    if run.failed:
        console.error(f"{len(run.failed)} of {run.partitions} partitions failed on the cluster (named above)")
    if stage and run.reused:
        console.info(f"{run.reused} of {run.partitions} partitions read from shards already in {stage}")
    return report, run


# -------------------------------------------------------------------------------------------------- ingest


@app.command("ingest", short_help="Add articles to the index.")
@guarded
def ingest_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATHS...", hidden=True, show_default=False),  # described in the docstring
    ] = None,
    db: DbOpt = None,
    model: ModelOpt = None,
    jobs: JobsOpt = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", metavar="N", min=1, max=1_000_000, help="Articles per transaction.")
    ] = 64,
    force: Annotated[
        bool, typer.Option("--force", metavar="", help="Parse again even articles whose text is unchanged.")
    ] = False,
    max_mb: MaxMbOpt = 10.0,
    as_json: Annotated[
        bool, typer.Option("--json", metavar="", help="Print the run's summary as JSON on stdout.")
    ] = False,
    indirect: IndirectOpt = True,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", metavar="ADDRESS", help="Parse on this Dask cluster (tcp://HOST:8786; quotetrace[scale])."
        ),
    ] = None,
    dask_workers: Annotated[
        int | None,
        typer.Option("--dask-workers", metavar="N", min=1, help="Parse on a local Dask cluster of N worker processes."),
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="DIR",
            help="Workers write Parquet shards here (shared storage); a rerun resumes from the shards written.",
        ),
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option("--feed", metavar="URL", help="Fetch the articles an RSS or Atom feed links to (repeatable)."),
    ] = None,
    sitemap: Annotated[
        list[str] | None,
        typer.Option("--sitemap", metavar="URL", help="Fetch the pages a sitemap lists (repeatable)."),
    ] = None,
    urls: Annotated[
        list[str] | None,
        typer.Option("--urls", metavar="FILE", help="A file of URLs, one a line (- for stdin; repeatable)."),
    ] = None,
    refetch: Annotated[bool, typer.Option("--refetch", metavar="", help="Fetch pages again even when cached.")] = False,
    delay: Annotated[
        float,
        typer.Option(
            "--delay", metavar="SECONDS", callback=finite, min=0.0, help="Seconds between two requests to one host."
        ),
    ] = 1.0,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS", callback=finite, min=0.1, help="Seconds to wait for a web page."),
    ] = 20.0,
    retries: Annotated[
        int, typer.Option("--retries", metavar="N", callback=count, help="Retries after a timeout or a 429/5xx answer.")
    ] = 2,
    allow_private_hosts: Annotated[
        bool,
        typer.Option(
            "--allow-private-hosts", metavar="", help="Fetch from loopback and private addresses (intranets)."
        ),
    ] = False,
) -> None:
    """Add articles to the index: extract quotes and speakers, store them, cluster new quotes incrementally.

    PATHS are files, folders, globs, http(s) URLs, or - for stdin.

    Unchanged articles (same text) are skipped without parsing; a changed article replaces its quotes. Each
    batch is one transaction: Ctrl-C or a crash loses at most the batch in flight — run it again to finish.

    Web pages are fetched politely (a pause per host, a timeout, retries) and their HTML is cached beside the
    index, so ingesting the same URLs again does not fetch them again; each page's URL is its article id.

    Examples:

    \b
      quotetrace ingest seeds/
      quotetrace ingest news.jsonl --db /tmp/news.db
      quotetrace ingest https://example.org/story.html
      quotetrace ingest --feed https://example.org/rss.xml
    """
    from quotetrace.ingest.web import WebOptions, WebSources, default_cache_dir

    web = WebSources(feeds=list(feed or []), sitemaps=list(sitemap or []), url_files=list(urls or []))
    if not paths and not web:
        console.error("nothing to ingest: give files, folders, URLs, --feed, --sitemap or --urls")
        raise typer.Exit(2)
    if scheduler or dask_workers or stage:
        _check_cluster_options(paths, web, scheduler, dask_workers, stage, jobs)
        with open_for_write(db) as store:
            report, run = _run_cluster_ingest(
                store, list(paths or []), scheduler=scheduler, workers=dask_workers, stage=stage, model=model,
                batch_size=batch_size, force=force, max_mb=max_mb, indirect=indirect,
            )  # fmt: skip
            if as_json:
                writers.emit_json_object(report.to_dict() | {"db": str(store.path)})
        if not report.read or run.failed:
            raise typer.Exit(1)
        return
    with open_for_write(db) as store:
        options = WebOptions(
            timeout=timeout,
            retries=retries,
            delay=delay,
            cache_dir=default_cache_dir(store.path),
            refetch=refetch,
            allow_private=allow_private_hosts,
            max_bytes=int(max_mb * 1024 * 1024),
        )
        report = _run_ingest(
            store,
            list(paths or []),
            model=model,
            jobs=jobs,
            batch_size=batch_size,
            force=force,
            max_mb=max_mb,
            indirect=indirect,
            as_json=as_json,
            web=web,
            web_options=options,
        )
    if not report.read:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------------- list


@app.command("list", short_help="One row per quote across outlets.")
@guarded
def list_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATHS...", hidden=True, show_default=False),  # described in the docstring
    ] = None,
    speaker: QuoteSpeakerOpt = None,
    outlet: Annotated[str | None, typer.Option("--outlet", "-o", metavar="TEXT", help=QUOTE_OUTLET_HELP)] = None,
    min_outlets: MinOutletsOpt = 0,
    search: QuoteSearchOpt = None,
    since: FirstSinceOpt = None,
    until: FirstUntilOpt = None,
    kind: QuoteKindOpt = None,
    sort: Annotated[
        SortOpt,
        typer.Option(
            "--sort",
            metavar="KEY",
            help="Order of the rows: first-seen, outlets, mentions or speaker (ties broken by id).",
        ),
    ] = SortOpt.first_seen,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", metavar="", help="Reverse the order.")] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
    model: ModelOpt = None,
    jobs: JobsOpt = 1,
    indirect: IndirectOpt = True,
    statements: Annotated[
        bool,
        typer.Option(
            "--statements",
            metavar="",
            help="Group by statement: each quote with the reports that paraphrase it nested under it.",
        ),
    ] = False,
) -> None:
    """One row per quote across outlets: id, speaker, fullest wording, outlets, mentions, first seen.

    PATHS (optional) are ingested first: files, folders, globs, http(s) URLs, or - for stdin.

    Examples:

    \b
      quotetrace list seeds/
      quotetrace list --speaker stoltenberg --min-outlets 2
      quotetrace list --sort outlets -n 10 --json | jq '.[].id'
    """
    fmt_ = pick_format(fmt, as_json)
    q = quote_filters(
        speaker,
        outlet,
        min_outlets,
        search,
        since,
        until,
        kind,
        sort=sort.value,  # type: ignore[arg-type]
        reverse=reverse,
        limit=_limit(limit, fmt_),
        offset=offset,
    )
    if paths:
        with open_for_write(db) as store:
            report = _run_ingest(
                store, paths, model=model, jobs=jobs, batch_size=64, force=False, max_mb=10.0, indirect=indirect
            )
        if not report.read:
            raise typer.Exit(1)
    from quotetrace.views import list_records

    with open_for_read(db) as store:
        page = q if q.limit is None else q._replace(limit=q.limit + 1)
        items = list_records(store, page)
        more = q.limit is not None and len(items) > q.limit
        items = items[: q.limit] if q.limit is not None else items
        if statements:
            from quotetrace.views import group_statements

            items = group_statements(items)

        def table(items: list[dict[str, Any]]) -> None:
            if not items:
                _empty_hint(store, db, q.filtered)
                return
            tables.cluster_table(items)
            if more:
                console.info(f"more quotes: --offset {q.offset + len(items)} for the next page, or -n 0 for all")

        emit(items, fmt_, writers.LIST_CSV_COLUMNS, table=table, csv_rows=writers.cluster_csv_rows)


# ---------------------------------------------------------------------------------------------------- show


def _not_found(store: Store, ident: str) -> NotFound:
    prefixed = store.prefixed_ids(ident.strip(), 6)
    if len(prefixed) > 1:
        more = ", …" if len(prefixed) > 5 else ""
        return NotFound(
            f"ambiguous id prefix {ident!r}: it starts {'more than 5' if more else len(prefixed)} quote ids",
            hint="give more of the id: " + ", ".join(prefixed[:5]) + more,
        )
    suggestions = store.suggest_ids(ident)
    hint = ("did you mean: " + ", ".join(suggestions)) if suggestions else "list the ids with: quotetrace list"
    return NotFound(f"no quote or mention with id {ident!r} in the index", hint=hint)


@app.command("show", short_help="One quote and every appearance of it.")
@guarded
def show_command(
    ident: Annotated[
        str, typer.Argument(metavar="ID", hidden=True)  # described in the docstring
    ],
    outlet: Annotated[
        list[str] | None,
        typer.Option(
            "--outlet",
            "-o",
            metavar="TEXT",
            help="Only this outlet's appearances (name or part); give it twice to compare two outlets side by side.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """One quote: its fullest wording, the speaker, and every appearance in date order, the first marked.

    For each appearance: outlet, date, title, placement, the cue verb (coloured by class: neutral, endorsing,
    doubting, conceding, combative, emotive), how the outlet describes the speaker, hedges and credits, the
    wording as a diff against the fullest wording ([-cut-] {+added+}) with its fidelity (full, fragment,
    altered) and coverage, and the sentences before and after. Then what differs across outlets: words that
    set an outlet's context apart, loaded variants (Kiev/Kyiv) and who credits whom.

    ID is a quote id (q…), a unique prefix of one, or a mention id (m-…).

    Examples:

    \b
      quotetrace show q1a2b3c4
      quotetrace show q1a2b3c4 --outlet fox --outlet nyt
      quotetrace show m-e7d3b849389d1f50 --json
    """
    fmt_ = pick_format(fmt, as_json)
    from quotetrace.views import cluster_detail, match_cluster_outlets

    with open_for_read(db) as store:
        found = store.resolve(ident)
        summary = store.cluster(found.cluster_id) if found else None
        if found is None or summary is None:
            raise _not_found(store, ident)
        if found.via == "alias":
            console.info(f"{ident} was merged into {found.cluster_id}")
        elif found.via == "mention":
            console.info(f"mention {found.mention_id} belongs to quote {found.cluster_id}")
        chosen: list[str] = []
        for query in outlet or []:
            _text_option(query, "--outlet")
            hits = match_cluster_outlets(summary.outlets, query)
            if not hits:
                raise NotFound(
                    f"quote {summary.id} was not printed by an outlet matching {query!r}",
                    hint="its outlets: " + ", ".join(summary.outlets),
                )
            if len(hits) > 1:
                raise typer.BadParameter(
                    f"{query!r} matches {len(hits)} of this quote's outlets ({clean(', '.join(hits))}); "
                    "give more of the name",
                    param_hint="--outlet",
                )
            if hits[0] not in chosen:
                chosen.append(hits[0])
        detail = cluster_detail(store, summary, outlets=chosen or None)
    if found.mention_id:
        for m in detail["mentions"]:
            m["selected"] = m["id"] == found.mention_id
    _emit_detail(detail, fmt_, selected=found.mention_id)


def _emit_detail(record: QuoteDetail | TraceRecord, fmt_: OutputFormat, *, selected: str | None = None) -> None:
    """One quote (show, trace): the whole record as JSON, its mentions as JSON lines or CSV, or the side-by-side
    view."""
    detail = cast(dict[str, Any], record)  # the renderers read plain dicts

    def table(_: Any) -> None:
        cluster_view(detail, selected=selected)
        paraphrase_view(detail.get("paraphrases") or [])

    emit(
        detail["mentions"],
        fmt_,
        writers.MENTION_CSV_COLUMNS,
        table=table,
        csv_rows=writers.mention_csv_rows,
        whole=detail,
    )


# -------------------------------------------------------------------------------------------------- export


class ExportFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


ExportFormatOpt = Annotated[
    ExportFormat | None,
    typer.Option(
        "--format", "-f", metavar="FORMAT", help="Output format: table, json, jsonl (default), csv or parquet."
    ),
]


def _export_parquet(db: str | None, framing: bool, output: str | None) -> None:
    import sys

    from quotetrace.scale import require_extra
    from quotetrace.views import export_records

    require_extra()
    from quotetrace.scale.stage import write_records_parquet

    if output is None and sys.stdout.isatty():
        raise typer.BadParameter("Parquet is binary: give --output FILE or redirect stdout", param_hint="--format")
    with open_for_read(db) as store:
        records = cast(Iterator[dict[str, Any]], export_records(store, framing=framing))
        if output is not None:
            n = write_records_parquet(records, output)
        else:
            sys.stdout.flush()
            n = write_records_parquet(records, sys.stdout.buffer)
    console.info(f"{n} mention(s) written as Parquet" + (f" to {output}" if output else ""))


@app.command("export", short_help="Every stored mention with its quote and framing.")
@guarded
def export_command(
    framing: Annotated[
        bool,
        typer.Option(
            "--framing",
            metavar="",
            help="Also compare each mention with its quote's fullest wording (fidelity, coverage, edits) and read "
            "its sentence for hedges and credits (slower: a few ms per mention). Without it those fields are null.",
        ),
    ] = False,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", "-s", metavar="TEXT", help="Mentions of this speaker (part of the name or surname)."),
    ] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", "-o", metavar="TEXT", help="Mentions printed by this outlet (name or part)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Articles dated on or after this ISO date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Articles dated on or before this ISO date.")
    ] = None,
    kind: Annotated[
        KindOpt | None,
        typer.Option("--kind", metavar="[direct|mixed|indirect]", help="Only direct, mixed or indirect mentions."),
    ] = None,
    ids: Annotated[
        list[str] | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="Mentions of this quote (id, prefix or mention id); repeatable.",
            show_default=False,
        ),
    ] = None,
    fmt: ExportFormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
    output: Annotated[
        str | None,
        typer.Option("--output", metavar="PATH", help="Write to this file (needed for parquet on a terminal)."),
    ] = None,
) -> None:
    """Every stored mention with its quote (cluster) id, its article and its framing fields, in date order (default:
    JSON lines). cue_class and descriptor are always filled; fidelity, coverage, edits and hedges with --framing.
    Each mention's pieces carry their own quote id (and, with --framing, their framing against that quote).
    --format parquet writes one Parquet file (quotetrace[scale]) for DuckDB, pandas or Spark.

    Examples:

    \b
      quotetrace export > mentions.jsonl
      quotetrace export --format csv > mentions.csv
      quotetrace export --framing | jq 'select(.fidelity == "altered")'
      quotetrace export --id q1a2b3c4 --json
    """
    if fmt is ExportFormat.parquet:
        if as_json:
            raise typer.BadParameter("--json conflicts with --format parquet")
        _export_parquet(db, framing, output)
        return
    if output is not None:
        raise typer.BadParameter("--output is for --format parquet; redirect stdout for the text formats")
    fmt_ = pick_format(OutputFormat(fmt.value) if fmt else None, as_json, default=OutputFormat.jsonl)
    from quotetrace.store import MentionQuery
    from quotetrace.views import export_records

    query = MentionQuery(
        speaker=speaker,
        outlet=outlet,
        since=_check_date(since, "--since"),
        until=_check_date(until, "--until"),
        kind=kind.value if kind else None,
        ids=tuple(ids or ()),
    )
    with open_for_read(db) as store:
        for ident in query.ids:
            if store.resolve(ident) is None:
                raise _not_found(store, ident)
        records = cast(Iterator[dict[str, Any]], export_records(store, framing=framing, query=query))

        def table(records: Iterator[dict[str, Any]]) -> None:
            if not tables.mentions_table(records):
                _empty_hint(store, db, query.filtered)

        emit(records, fmt_, writers.MENTION_CSV_COLUMNS, table=table, csv_rows=writers.mention_csv_rows)


# ------------------------------------------------------------------------------------------------ speakers


AliasesOpt = Annotated[
    str | None,
    typer.Option(
        "--aliases",
        metavar="PATH",
        show_default=False,
        help="The speaker aliases file (default: $QUOTETRACE_ALIASES, else INDEX.aliases.json beside the index).",
    ),
]


@app.command("speakers", short_help="Per person: quotes, outlets, descriptions.")
@guarded
def speakers_command(
    action: Annotated[
        str | None,
        typer.Argument(metavar="ACTION", hidden=True, show_default=False),  # described in the docstring
    ] = None,
    names: Annotated[list[str] | None, typer.Argument(metavar="NAME...", hidden=True, show_default=False)] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-q", metavar="TEXT", help="Speakers matching this name (part or surname)."),
    ] = None,
    sort: Annotated[
        SpeakerSort,
        typer.Option("--sort", metavar="KEY", help="Order of the rows: mentions, clusters, outlets or name."),
    ] = SpeakerSort.mentions,
    descriptors: Annotated[
        bool | None,
        typer.Option(
            "--descriptors/--no-descriptors",
            metavar="",
            help="How each outlet describes each speaker (default: when the page holds at most "
            f"{FRAMING_BUDGET:,} mentions, or with --search).",
            show_default=False,
        ),
    ] = None,
    unnamed: Annotated[
        bool,
        typer.Option(
            "--unnamed",
            help='Also list unnamed sources ("a senior official": described in every article, named in none; '
            "always listed with --search).",
        ),
    ] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Per person: quotes (clusters), mentions, the outlets quoting them, how each outlet describes them, and the
    spellings printed for them.

    With an ACTION, record what the rules cannot know, in the aliases file, and apply it to the index at once:
    merge NAME NAME... (these spellings are one person) or split NAME NAME (these are different people).

    Examples:

    \b
      quotetrace speakers -n 20
      quotetrace speakers --search putin --json
      quotetrace speakers merge "Donald Trump" "The Donald"
      quotetrace speakers split "Bill Clinton" Clinton
    """
    if action is not None:
        _edit_aliases(action, names or [], db, aliases)
        return
    fmt_ = pick_format(fmt, as_json)
    from quotetrace.views import speaker_records, speaker_surname

    with open_for_read(db) as store:
        search = _text_option(search, "--search")
        stats = store.speakers(
            search=search,
            sort=sort.value,
            limit=_limit(limit, fmt_),
            offset=offset,
            unnamed=None if unnamed or search else False,
            search_surname=speaker_surname(store, search),
        )
        if fmt_ is OutputFormat.table and not stats:
            _empty_hint(store, db, bool(search))
            return
        total = sum(s.mention_count for s in stats)
        want = descriptors if descriptors is not None else bool(search) or total <= FRAMING_BUDGET
        rows = speaker_records(
            store,
            search=search,
            sort=sort.value,
            limit=_limit(limit, fmt_),
            offset=offset,
            descriptors=want,
            include_unnamed=unnamed,
        )
    if descriptors is None and not want:
        console.info(
            f"descriptors per outlet skipped: these speakers have {total:,} mentions; "
            "add --descriptors (slower), or ask for one speaker with --search NAME"
        )
    emit(rows, fmt_, writers.SPEAKER_CSV_COLUMNS, table=tables.speakers_table)


def _edit_aliases(action: str, names: list[str], db: str | None, aliases_opt: str | None) -> None:
    """``speakers merge|split NAME NAME…``: write the aliases file and re-identify the index's people now."""
    from quotetrace.config import resolve_aliases_path
    from quotetrace.people import load_aliases, save_aliases

    if action not in ("merge", "split"):
        raise typer.BadParameter(f"{action!r} is not merge or split", param_hint="ACTION")
    names = [n.strip() for n in names if n.strip()]
    if len(names) < 2 or (action == "split" and len(names) != 2):
        raise typer.BadParameter("merge takes two or more names, split exactly two", param_hint="NAME NAME")
    with open_for_write(db) as store:
        path = resolve_aliases_path(aliases_opt, store.path)
        if path is None:
            raise StoreError("no aliases file for an index in memory", hint="pass --aliases PATH")
        try:
            current = load_aliases(path)
        except ValueError as exc:
            raise StoreError(str(exc), hint="fix or remove the file") from None
        if action == "merge":
            updated = current
            for other in names[1:]:
                updated = updated.merged(names[0], other)
        else:
            updated = current.splitted(names[0], names[1])
        try:
            save_aliases(path, updated)
        except OSError as exc:
            raise StoreError(f"cannot write the aliases file {path}: {exc.strerror or exc}") from None
        store.aliases_path = path
        from quotetrace.ingest.run import set_aliases

        touched = set_aliases(store, updated)
    console.info(f"{action}: {' / '.join(names)} — saved in {path}; {len(touched)} quote(s) updated")


@app.command("outlets", short_help="Per outlet: speakers, cue verbs, fidelity.")
@guarded
def outlets_command(
    sort: Annotated[
        OutletSort,
        typer.Option("--sort", metavar="KEY", help="Order of the rows: articles, mentions, clusters or name."),
    ] = OutletSort.articles,
    top: Annotated[int, typer.Option("--top", metavar="N", callback=count, help="Top speakers shown per outlet.")] = 3,
    framing: Annotated[
        bool | None,
        typer.Option(
            "--framing/--no-framing",
            metavar="",
            help="Cue-verb classes and how often each outlet cuts or alters quotes (default: when the outlets "
            f"shown hold at most {FRAMING_BUDGET:,} mentions; it reads every mention).",
            show_default=False,
        ),
    ] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Per outlet: articles, quote mentions, quotes (clusters), the speakers it quotes most, the classes of the
    cue verbs it uses (neutral, endorsing, doubting, conceding, combative, emotive) and how many of its quotes are
    full, fragments or altered against the fullest wording.

    Examples:

    \b
      quotetrace outlets
      quotetrace outlets --sort mentions --json
      quotetrace outlets --framing
    """
    fmt_ = pick_format(fmt, as_json)
    with open_for_read(db) as store:
        stats = store.outlets(sort=sort.value, limit=_limit(limit, fmt_), offset=offset, top=top)
        if fmt_ is OutputFormat.table and not stats:
            _empty_hint(store, db, False)
            return
        total = sum(o.mention_count for o in stats)
        want = framing if framing is not None else total <= FRAMING_BUDGET
        from quotetrace.views import outlet_records

        rows = outlet_records(store, sort=sort.value, limit=_limit(limit, fmt_), offset=offset, top=top, framing=want)
    if framing is None and not want:
        console.info(
            f"cue classes and fidelity counts skipped: these outlets have {total:,} mentions; add --framing to "
            "compute them (reads every mention)"
        )
    emit(rows, fmt_, writers.OUTLET_CSV_COLUMNS, table=tables.outlets_table)


# --------------------------------------------------------------------------------------------------- trace


@app.command("trace", short_help="Where did these words appear, and who was first?")
@guarded
def trace_command(
    words: Annotated[
        str, typer.Argument(metavar="WORDS", hidden=True)  # described in the docstring
    ],
    speaker: Annotated[
        str | None, typer.Option("--speaker", "-s", metavar="TEXT", help="Only quotes by this speaker.")
    ] = None,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            metavar="SCORE",
            callback=finite,
            min=0,
            max=100,
            help="How well (0-100) a quote must match the words to count as found; below it: not found (exit 1).",
        ),
    ] = 80.0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Where did these words appear, and who printed them first? The best-matching quote, in date order.

    WORDS are some quoted words: any part of the quote, in any of its wordings. They are normalised and matched
    (fuzzy, partial) against every quote's wordings in the index.

    Examples:

    \b
      quotetrace trace "acceptable result around the negotiating table"
    """
    fmt_ = pick_format(fmt, as_json)
    from quotetrace.views import cluster_detail, trace, trace_record

    with open_for_read(db) as store:
        result = trace(
            store, _text_option(words, "WORDS") or "", speaker=_text_option(speaker, "--speaker"), cutoff=min_score
        )
        if result.best is None:
            alts = ", ".join(f"{c.id} ({s:.0f})" for c, s in result.alternatives[:3])
            hint = (
                f"closest, below --min-score {min_score:g}: {alts}"
                if alts
                else "check the spelling, or list quotes with: quotetrace list --search WORD"
            )
            raise NotFound(f"not found: no quote in the index matches {words!r}", hint=hint)
        detail = trace_record(result, cluster_detail(store, result.best))
    if fmt_ is OutputFormat.table:
        trace_header(cast(dict[str, Any], detail))
    _emit_detail(detail, fmt_)


# ------------------------------------------------------------------------------------------------------ db

db_app = typer.Typer(help="Where the index is and what it holds.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("path", short_help="Print the index file in use.")
@guarded
def db_path_command(
    db: DbOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the index file in use (--db, else $QUOTETRACE_DB, else the default data path).

    Examples:

    \b
      quotetrace db path
      sqlite3 "$(quotetrace db path)" .tables
    """
    fmt_ = pick_format(fmt, as_json)
    loc = resolve_db(db)
    info = {"path": str(loc.path), "source": loc.source, "exists": loc.path.exists()}
    emit([info], fmt_, tuple(info), table=lambda _: writers.write_raw(str(loc.path) + "\n"), whole=info)


@db_app.command("stats", short_help="What the index holds, and its size.")
@guarded
def db_stats_command(
    db: DbOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Counts of articles, mentions, quotes, speakers and outlets in the index, and its size.

    Example:

    \b
      quotetrace db stats --json
    """
    fmt_ = pick_format(fmt, as_json)
    loc = resolve_db(db)
    with open_for_read(db) as store:
        stats = store.stats().to_dict()
    stats["path"] = str(loc.path)
    stats["exists"] = Path(loc.path).exists()
    columns = tuple(next(writers.flat_rows([stats])))
    emit([stats], fmt_, columns, table=lambda _: tables.stats_table(stats), whole=stats)


@db_app.command("datasette-metadata", short_help="Print Datasette metadata for the index.")
@guarded
def db_datasette_metadata_command(
    db: DbOpt = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="NAME", help="The database name Datasette shows (default: the index file's stem)."
        ),
    ] = None,
) -> None:
    """Print Datasette metadata for the index (JSON): what every table, view and column means, full-text search on
    the quotes view, internal tables hidden. Also upgrades the index to the current schema (views, foreign keys).

    Examples:

    \b
      quotetrace db datasette-metadata > metadata.json
      datasette "$(quotetrace db path)" -m metadata.json
    """
    from quotetrace.dbdocs import datasette_metadata

    loc = resolve_db(db)
    if loc.path.exists():
        _up_to_date(Store.open(loc.path, create=False)).close()  # migrate: the views and foreign keys it describes
    writers.write_raw(json.dumps(datasette_metadata(name or loc.path.stem), ensure_ascii=False, indent=2) + "\n")


@db_app.command("load", short_help="Load a staged Parquet dataset into the index.")
@guarded
def db_load_command(
    stage: Annotated[str, typer.Argument(metavar="DIR", hidden=True)],  # described in the docstring
    db: DbOpt = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            metavar="N",
            min=1,
            help="Articles per transaction. Give ingest's (64) for an index identical row for row: the batching "
            "decides row order and the aliases of ids retired during the load, never the clusters or their ids.",
        ),
    ] = 64,
    force: Annotated[
        bool, typer.Option("--force", metavar="", help="Store again even articles whose text is unchanged.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", metavar="", help="Print the run's summary as JSON on stdout.")
    ] = False,
) -> None:
    """Load a staged Parquet dataset into the index in bulk, without parsing: the same articles, mentions,
    clusters and ids as ingesting the inputs here; list, show and report then work on it.

    DIR is a stage folder written by ingest --stage DIR.

    Examples:

    \b
      quotetrace ingest corpus/ --scheduler tcp://sched:8786 --stage /mnt/stage
      quotetrace db load /mnt/stage --db big.db
    """
    from quotetrace.ingest.run import IngestReport
    from quotetrace.scale import require_extra

    require_extra()
    from quotetrace.scale.run import load_stage
    from quotetrace.scale.stage import read_manifest

    try:
        read_manifest(stage)
    except ValueError as exc:
        console.error(str(exc))
        raise typer.Exit(1) from None
    report = IngestReport()
    with open_for_write(db) as store:
        db_path = str(store.path) if store.path is not None else ":memory:"

        def warn(p: Any) -> None:
            console.warn(f"{p.path}: {p.reason}")

        try:
            with progress.progress(None, "loading") as advance:
                run = load_stage(
                    store, stage, batch_size=batch_size, force=force, on_progress=advance, on_problem=warn,
                    report=report,
                )  # fmt: skip
        except KeyboardInterrupt:
            progress.ingest_summary(report.to_dict(), db_path)
            console.error("interrupted: every finished batch is saved; run the same command again to finish")
            raise typer.Exit(130) from None
        report.unreadable = len(run.problems)
        report.problems.extend((p.path, p.reason) for p in run.problems)
        progress.ingest_summary(report.to_dict(), db_path)
        if as_json:
            writers.emit_json_object(report.to_dict() | {"db": str(store.path)})
    if run.failed:
        console.error(f"{len(run.failed)} of {run.partitions} shards are missing (named above)")
    if not report.read or run.failed:
        raise typer.Exit(1)
