"""Reading input paths for commands: articles out, problems reported on stderr, a count of what was read."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence

from quotetrace import render
from quotetrace.models import Article, ReadProblem


class read_articles:
    """Iterate the Articles of ``paths``; warn about each unreadable input on stderr and keep going."""

    def __init__(self, paths: Sequence[str], *, max_bytes: int) -> None:
        self.paths = paths
        self.max_bytes = max_bytes
        self.read = 0
        self.problems: list[ReadProblem] = []

    def __iter__(self) -> Iterator[Article]:
        from quotetrace.ingest import iter_inputs

        for item in iter_inputs(self.paths, stdin=sys.stdin, max_bytes=self.max_bytes):
            if isinstance(item, ReadProblem):
                self.problems.append(item)
                render.warn(f"{item.path}: {item.reason}")
                continue
            self.read += 1
            yield item
        if not self.read:
            render.error(
                "no usable articles were read" + (f" ({len(self.problems)} problem(s) above)" if self.problems else "")
            )
