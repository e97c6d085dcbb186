"""The library interface: extract quotes from a string or files, open an index, query it with the CLI's filters.

Every result is the object the matching command prints as JSON (``docs/contract.md``), built by the same function,
typed in :mod:`quotetrace.contract` (the read views are :mod:`quotetrace.views`)::

    import quotetrace.api as qt

    record = qt.extract("“We will not raise taxes,” Okafor said.", outlet="Reuters")
    with qt.open_index("news.db") as index:
        index.ingest(["articles/"])
        for quote in index.quotes(speaker="okafor", min_outlets=2):
            print(quote["id"], quote["text"], quote["outlets"])
        detail = index.quote(quote["id"])                 # show
        rows = list(index.mentions(outlet="reuters"))     # export

spaCy is imported only when something is parsed (``extract``, ``extract_files``, ``Index.ingest``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from quotetrace.contract import (
    ExtractRecord,
    MentionRecord,
    OutletRecord,
    QuoteDetail,
    QuoteSummary,
    SpeakerRecord,
    TraceRecord,
)
from quotetrace.errors import NotFound
from quotetrace.models import Article, ReadProblem, extract_record
from quotetrace.store import KINDS, SORTS, ClusterQuery, MentionQuery, Store

__all__ = ["Index", "NotFound", "extract", "extract_files", "open_index", "read_articles"]


def extract(
    text: str,
    *,
    id: str = "text",
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    url: str | None = None,
    indirect: bool = False,
    model: str | None = None,
) -> ExtractRecord:
    """The quotations in one text with their speakers (``indirect``: reported speech too), as ``extract`` prints an
    article: ``{"schema", "article", "quotes": [mention, ...]}``; spans index ``text``."""
    from quotetrace.extract import extract_articles

    article = Article(id=id, text=text, title=title, outlet=outlet, date=date, url=url)
    _, mentions = next(extract_articles([article], model=model, include_indirect=indirect))
    return cast(ExtractRecord, extract_record(article, mentions))


def read_articles(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> Iterator[Article | ReadProblem]:
    """The articles of files, folders or globs, read as the CLI reads them; an input that cannot be read is a
    :class:`~quotetrace.models.ReadProblem` (path and reason) in the stream, never an exception."""
    from quotetrace.ingest import iter_inputs

    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    return iter_inputs([os.fspath(p) for p in items])


def extract_files(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    indirect: bool = False,
    model: str | None = None,
    jobs: int = 1,
) -> Iterator[ExtractRecord]:
    """``extract`` over files, folders or globs: one record per article, in input order. Unreadable inputs are
    skipped (see :func:`read_articles` to see them)."""
    from quotetrace.extract import extract_articles

    articles = (a for a in read_articles(paths) if isinstance(a, Article))
    for article, mentions in extract_articles(articles, model=model, n_process=jobs, include_indirect=indirect):
        yield cast(ExtractRecord, extract_record(article, mentions))


def open_index(path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Index:
    """Open (and upgrade) the index at ``path`` (default: as the CLI finds it, ``$QUOTETRACE_DB`` or the data
    folder); ``create=False`` raises :class:`~quotetrace.errors.StoreError` when it does not exist."""
    from quotetrace.config import resolve_db
    from quotetrace.ingest.run import open_index as open_store

    return Index(open_store(resolve_db(path).path, create=create))


class Index:
    """An open index. Each query takes the filters of the command of the same purpose and returns what that command
    prints with ``--json`` (``quotes`` = ``list``, ``quote`` = ``show``, ``mentions`` = ``export``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def memory(cls) -> Index:
        """An empty index in memory (nothing written to disk)."""
        return cls(Store.memory())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path | None:
        return self.store.path

    # -- writing ----------------------------------------------------------------------------------------------

    def ingest(
        self,
        source: str | os.PathLike[str] | Iterable[str | os.PathLike[str] | Article],
        *,
        indirect: bool = True,
        model: str | None = None,
        jobs: int = 1,
        force: bool = False,
    ) -> dict[str, Any]:
        """Add articles (paths as the CLI takes them, or :class:`~quotetrace.models.Article` objects); returns the run's
        summary as ``ingest --json`` prints it. Unchanged articles are skipped without parsing."""
        from quotetrace.ingest.run import ingest

        items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
        paths = [os.fspath(p) for p in items if isinstance(p, (str, os.PathLike))]
        given = [a for a in items if isinstance(a, Article)]
        problems: list[ReadProblem] = []

        def articles() -> Iterator[Article]:
            yield from given
            for item in read_articles(paths) if paths else ():
                if isinstance(item, ReadProblem):
                    problems.append(item)
                else:
                    yield item

        report = ingest(self.store, articles(), model=model, n_process=jobs, force=force, include_indirect=indirect)
        report.unreadable = len(problems)
        report.problems.extend((p.path, p.reason) for p in problems)
        return report.to_dict()

    # -- reading ----------------------------------------------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        min_outlets: int = 0,
        search: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        sort: str = "first-seen",
        reverse: bool = False,
        limit: int | None = None,
        offset: int = 0,
        statements: bool = False,
    ) -> list[QuoteSummary]:
        """``list``: one summary per quote matching the filters (forgiving speaker and outlet names)."""
        from quotetrace.views import list_records

        _check(kind, KINDS, "kind")
        _check(sort, SORTS, "sort")
        q = ClusterQuery(
            speaker=speaker,
            outlet=outlet,
            min_outlets=min_outlets,
            search=search,
            since=since,
            until=until,
            kind=kind,
            sort=sort,  # type: ignore[arg-type]
            reverse=reverse,
            limit=limit,
            offset=offset,
        )
        return list_records(self.store, q, statements=statements)

    def quote(self, ident: str, *, outlets: Sequence[str] | None = None) -> QuoteDetail:
        """``show``: one quote (an id, an old id merged into it, a unique prefix or a mention id) with every
        appearance; ``outlets`` (exact names) keeps those outlets' appearances. Raises :class:`NotFound`."""
        from quotetrace.views import cluster_detail

        summary = self._summary(ident)
        return cluster_detail(self.store, summary, outlets=outlets)

    def mentions(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        ids: Sequence[str] = (),
        framing: bool = False,
    ) -> Iterator[MentionRecord]:
        """``export``: every mention matching the filters, in date order (``ids``: quotes whose mentions to list;
        ``framing``: fidelity, coverage, edits and hedges filled in). Raises :class:`NotFound` for an unknown id."""
        from quotetrace.views import export_records

        _check(kind, KINDS, "kind")
        for ident in ids:
            self._summary(ident)
        query = MentionQuery(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind, ids=tuple(ids))
        return export_records(self.store, framing=framing, query=query)

    def speakers(
        self,
        *,
        search: str | None = None,
        sort: str = "mentions",
        limit: int | None = None,
        offset: int = 0,
        descriptors: bool = True,
        include_unnamed: bool = False,
    ) -> list[SpeakerRecord]:
        """``speakers``: per speaker the counts, the outlets quoting them and how each describes them; unnamed
        sources (described, never named) only with ``include_unnamed`` or a ``search``, as on the command line."""
        from quotetrace.views import speaker_records

        _check(sort, ("mentions", "clusters", "outlets", "name"), "sort")
        return speaker_records(
            self.store,
            search=search,
            sort=sort,
            limit=limit,
            offset=offset,
            descriptors=descriptors,
            include_unnamed=include_unnamed,
        )

    def outlets(
        self, *, sort: str = "articles", limit: int | None = None, offset: int = 0, top: int = 3, framing: bool = True
    ) -> list[OutletRecord]:
        """``outlets``: per outlet the counts, top speakers, cue-verb classes and fidelity counts."""
        from quotetrace.views import outlet_records

        _check(sort, ("articles", "mentions", "clusters", "name"), "sort")
        return outlet_records(self.store, sort=sort, limit=limit, offset=offset, top=top, framing=framing)

    def trace(self, words: str, *, speaker: str | None = None, min_score: float = 80.0) -> TraceRecord | None:
        """``trace``: the quote that best contains ``words`` (scored 0-100), or None below ``min_score``."""
        from quotetrace.views import cluster_detail, trace, trace_record

        result = trace(self.store, words, speaker=speaker, cutoff=min_score)
        if result.best is None:
            return None
        return trace_record(result, cluster_detail(self.store, result.best))

    def stats(self) -> dict[str, Any]:
        """``db stats``: counts of articles, mentions, quotes, speakers and outlets."""
        return self.store.stats().to_dict()

    def _summary(self, ident: str) -> Any:
        found = self.store.resolve(ident)
        summary = self.store.cluster(found.cluster_id) if found else None
        if summary is None:
            raise NotFound(f"no quote or mention with id {ident!r} in the index")
        return summary


def _check(value: str | None, allowed: Sequence[str], name: str) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
