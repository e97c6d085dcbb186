"""Partitions of an ingest's inputs (groups of files, one WARC file, JSONL shards) and reading one on a worker.

A partition is read by the same readers a plain ingest uses (:func:`quotetrace.ingest.readers.read_source`, then
:func:`quotetrace.ingest.only_english`), so its articles, ids, metadata and problems are exactly those of a plain
run; taking the partitions' items in partition order gives the plain run's stream. No dask import here.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from quotetrace.ingest.readers import Source
from quotetrace.models import Article, ReadProblem

#: Small files grouped per partition: enough work to amortise a task, few enough to spread over the workers.
FILES_PER_PARTITION = 16
#: Lines of a JSONL file per shard.
LINES_PER_SHARD = 256


@dataclass(frozen=True)
class Partition:
    """One unit of work: some files, or lines ``[lo, hi)`` (1-based) of one JSONL file."""

    index: int
    sources: tuple[Source, ...]
    lines: tuple[int, int] | None = None
    fingerprint: str = ""

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}-{self.fingerprint}"

    @property
    def label(self) -> str:
        """How a problem with the whole partition names it."""
        first = self.sources[0].path if self.sources else "?"
        if self.lines is not None:
            return f"{first}:{self.lines[0]}-{self.lines[1] - 1}"
        return first if len(self.sources) == 1 else f"{first} (+{len(self.sources) - 1} files)"


def _stat(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _fingerprint(sources: Sequence[Source], lines: tuple[int, int] | None, settings: str) -> str:
    payload = json.dumps(
        [[s.path, s.id_base, s.format, *_stat(s.path)] for s in sources] + [list(lines or ()), settings],
        ensure_ascii=False,
    )
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=6).hexdigest()


def _jsonl_lines(path: str, max_bytes: int) -> int | None:
    """Lines of a JSONL file as the reader splits it, or None when it cannot be read here (the worker reports)."""
    from quotetrace.ingest.readers import Unreadable, decode, read_limited

    try:
        text = decode(read_limited(path, max_bytes))
    except (Unreadable, OSError, ValueError):
        return None
    return len(text.split("\n"))


def plan(
    paths: Sequence[str],
    *,
    max_bytes: int,
    settings: str = "",
    files_per_partition: int = FILES_PER_PARTITION,
    lines_per_shard: int = LINES_PER_SHARD,
    min_partitions: int = 1,
) -> tuple[list[Partition], list[ReadProblem]]:
    """The partitions of ``paths`` in reading order, and the problems met finding the files (missing paths...).

    Small files are grouped ``files_per_partition`` at a time, fewer when that would give under
    ``min_partitions`` groups (a small corpus is still spread over every worker). ``settings`` (model, options)
    enters each partition's fingerprint, so a stage folder never reuses a shard made from other files or with
    other settings. Standard input cannot be partitioned (ValueError).
    """
    from quotetrace.ingest.discover import iter_sources

    sources = list(iter_sources(list(paths)))
    small = sum(1 for s in sources if isinstance(s, Source) and s.format not in ("warc", "jsonl"))
    files_per_partition = max(1, min(files_per_partition, -(-small // max(1, min_partitions))))
    parts: list[Partition] = []
    problems: list[ReadProblem] = []
    group: list[Source] = []

    def add(sources: Sequence[Source], lines: tuple[int, int] | None = None) -> None:
        parts.append(Partition(len(parts), tuple(sources), lines, _fingerprint(sources, lines, settings)))

    def flush() -> None:
        if group:
            add(group)
            group.clear()

    for src in sources:
        if src is None:
            raise ValueError("standard input cannot be split over a cluster: save it to a file first")
        if isinstance(src, ReadProblem):
            problems.append(src)
            continue
        if src.format == "warc":
            flush()
            add([src])
            continue
        if src.format == "jsonl":
            n = _jsonl_lines(src.path, max_bytes)
            if n is not None and n > lines_per_shard:
                flush()
                for lo in range(1, n + 1, lines_per_shard):
                    add([src], (lo, min(n + 1, lo + lines_per_shard)))
                continue
        group.append(src)
        if len(group) >= files_per_partition:
            flush()
    flush()
    return parts, problems


def read_partition(part: Partition, *, max_bytes: int) -> Iterator[Article | ReadProblem]:
    """The articles and problems of one partition, in the order a plain ingest reads them."""
    from quotetrace.ingest import only_english
    from quotetrace.ingest.readers import read_source
    from quotetrace.ingest.sidecar import SidecarCache

    sidecars = SidecarCache()
    if part.lines is None:
        for src in part.sources:
            yield from only_english(read_source(src, max_bytes=max_bytes, sidecars=sidecars))
        return
    (src,) = part.sources
    lo, hi = part.lines
    # the folder's sidecar problem, if any, is reported once: by the file's first shard
    _, problem = sidecars.lookup(src.path)
    if problem is not None and lo == 1:
        yield problem
    # each non-blank line gives exactly one item, in order; blank lines give none
    line_numbers = _nonblank_lines(src.path, max_bytes)
    for k, item in enumerate(only_english(read_source(src, max_bytes=max_bytes, sidecars=sidecars))):
        n = line_numbers[k] if k < len(line_numbers) else hi
        if lo <= n < hi:
            yield item
        elif n >= hi:
            return


def _nonblank_lines(path: str, max_bytes: int) -> list[int]:
    from quotetrace.ingest.readers import Unreadable, decode, read_limited

    try:
        text = decode(read_limited(path, max_bytes))
    except (Unreadable, OSError, ValueError):
        return []
    return [n for n, raw in enumerate(text.split("\n"), 1) if raw.rstrip("\r").strip()]
