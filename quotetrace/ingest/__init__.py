"""Input readers: every file, folder, glob pattern or stdin the user names, streamed as Articles or ReadProblems.

Formats: ``.txt``, ``.md`` (optional ``key: value`` front matter), ``.json`` (object or array of objects),
``.jsonl``, ``.html``/``.htm`` (main text via trafilatura, cleaned: :mod:`quotetrace.ingest.htmlpage`),
``.warc``/``.warc.gz`` (each HTML response record, :mod:`quotetrace.ingest.warc`); stdin (``-``) is sniffed.
Web pages, feeds and sitemaps are read by :mod:`quotetrace.ingest.web`. Bad input never raises:
it becomes a :class:`~quotetrace.models.ReadProblem` with a short human reason.

Article ids: an input ``id`` verbatim; else a file's path relative to the folder argument it was found under
(without extension, ``/``-separated); a file named directly → its stem; a JSON array element or JSONL line
without an id → ``<base>:<n>`` (1-based); stdin → ``stdin`` / ``stdin:<n>``. A folder's ``metadata.csv``
supplies metadata for its files (see :mod:`quotetrace.ingest.sidecar`); missing metadata is inferred
conservatively (see :mod:`quotetrace.ingest.metadata`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from quotetrace.ingest.discover import iter_sources
from quotetrace.ingest.readers import EXTENSIONS, read_source, read_stdin
from quotetrace.ingest.sidecar import SidecarCache
from quotetrace.models import Article, ReadProblem

__all__ = ["DEFAULT_MAX_BYTES", "EXTENSIONS", "iter_inputs", "only_english"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def iter_inputs(
    paths: Sequence[str], *, stdin: TextIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES, english_only: bool = True
) -> Iterator[Article | ReadProblem]:
    """Stream the Articles of ``paths`` (files, folders, globs, ``-`` for ``stdin``) in order, lazily.

    Each file is read when reached, so a folder of thousands of files streams. Files larger than
    ``max_bytes`` are not read. Nothing here raises for bad input: it yields a ReadProblem instead.
    With ``english_only`` an article clearly in another language is a ReadProblem naming the language.
    """
    sidecars = SidecarCache()

    def items() -> Iterator[Article | ReadProblem]:
        for source in iter_sources([paths] if isinstance(paths, str) else list(paths)):
            if source is None:
                yield from read_stdin(stdin, max_bytes=max_bytes)
            elif isinstance(source, ReadProblem):
                yield source
            else:
                yield from read_source(source, max_bytes=max_bytes, sidecars=sidecars)

    yield from (only_english(items()) if english_only else items())


def only_english(items: Iterable[Article | ReadProblem]) -> Iterator[Article | ReadProblem]:
    """``items`` with each article clearly not in English replaced by one ReadProblem that names its language."""
    from quotetrace.ingest.language import describe, foreign_language

    for item in items:
        if isinstance(item, Article):
            language = foreign_language(item.text)
            if language is not None:
                where = item.path or item.id
                same = item.path and item.id == os.path.splitext(os.path.basename(item.path))[0]
                reason = describe(language, item.text) + ("" if same or not item.path else f" (article {item.id})")
                yield ReadProblem(where, reason)
                continue
        yield item
