"""Reading input paths and URLs for commands: articles out, problems reported on stderr, a count of what was read."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from quotetrace.cli import console
from quotetrace.models import Article, ReadProblem

if TYPE_CHECKING:
    from quotetrace.ingest.web import WebOptions, WebSources


class read_articles:
    """Iterate the Articles of ``paths`` (files, folders, globs, ``-``, http(s) URLs) and of ``web`` sources;
    warn about each unreadable input on stderr and keep going."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        max_bytes: int,
        web: WebSources | None = None,
        web_options: WebOptions | None = None,
    ) -> None:
        self.paths = paths
        self.max_bytes = max_bytes
        self.web = web
        self.web_options = web_options
        self.read = 0
        self.problems: list[ReadProblem] = []

    def _items(self) -> Iterator[Article | ReadProblem]:
        from quotetrace.ingest import iter_inputs
        from quotetrace.ingest.web import WebOptions, WebSources, is_url, iter_web

        local = [p for p in self.paths if not is_url(p)]
        urls = [p for p in self.paths if is_url(p)]
        if local:
            yield from iter_inputs(local, stdin=sys.stdin, max_bytes=self.max_bytes)
        web = self.web or WebSources()
        if urls:
            web = WebSources(urls=urls + web.urls, feeds=web.feeds, sitemaps=web.sitemaps, url_files=web.url_files)
        if web:
            yield from iter_web(web, self.web_options or WebOptions(max_bytes=self.max_bytes), stdin=sys.stdin)

    def __iter__(self) -> Iterator[Article]:
        from quotetrace.ingest.outlets import table_problem

        problem = table_problem()
        if problem:
            console.warn(problem)
        for item in self._items():
            if isinstance(item, ReadProblem):
                self.problems.append(item)
                console.warn(f"{item.path}: {item.reason}")
                continue
            self.read += 1
            yield item
        if not self.read:
            console.error(
                "no usable articles were read" + (f" ({len(self.problems)} problem(s) above)" if self.problems else "")
            )
