"""Article ids unique per source during an ingest: only the same source read again takes over a stored id."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from quotetrace.models import Article

if TYPE_CHECKING:
    from quotetrace.store import Store

__all__ = ["IdClaims", "unique_in_run"]


class IdClaims:
    """Gives each article of one ingest run the id it keeps in the index.

    An article read from the same source as a stored one (same file and record, the same stdin text) takes the
    stored article's id, so reading it again replaces or skips it. Otherwise it takes its own id, or, when that id
    belongs to another source (in the index or earlier in this run), the first free one of its longer ids (more of
    its path, then a hash of its source). An explicit id held by another source is refused with both paths named:
    nothing is replaced silently. Articles without a source (built in code) keep their id as before.
    """

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.run: dict[str, tuple[str | None, str | None]] = {}  # id -> (source, path) claimed in this run
        self._by_source: dict[str, str] = {}
        self._owners: dict[str, tuple[str | None, str | None]] = {}
        self._looked: set[str] = set()

    def prefetch(self, chunk: Sequence[Article]) -> None:
        """Look up a chunk's sources and ids in one query each (the rare longer ids are looked up one by one)."""
        if self.store is None:
            return
        self._by_source = self.store.source_ids(sorted({a.source for a in chunk if a.source}))
        ids = sorted({a.id for a in chunk})
        self._owners = self.store.article_owners(ids)
        self._looked = set(ids)

    def _owner(self, aid: str) -> tuple[str | None, str | None] | None:
        """(source, path) of the stored article with this id, None when there is none."""
        if aid not in self._looked and self.store is not None:
            self._looked.add(aid)
            self._owners.update(self.store.article_owners([aid]))
        return self._owners.get(aid)

    def claim(self, art: Article) -> tuple[Article | None, str | None]:
        """(the article with the id it gets, None) or (None, why it is not stored)."""
        if art.source is None:
            if art.id in self.run:
                return None, self._duplicate(art, art.id)
            self.run[art.id] = (None, art.path)
            return art, None
        stored = self._by_source.get(art.source)
        if stored is not None:
            if stored in self.run:
                return None, self._duplicate(art, stored)
            self.run[stored] = (art.source, art.path)
            return (art if stored == art.id else replace(art, id=stored)), None
        for cand in (art.id, *art.alt_ids):
            if cand in self.run:
                if self.run[cand][0] == art.source:
                    return None, self._duplicate(art, cand)
                continue
            owner = self._owner(cand)
            if owner is None or owner[0] == art.source or (owner[0] is None and _same_file(owner[1], art.path)):
                self.run[cand] = (art.source, art.path)
                return (art if cand == art.id else replace(art, id=cand)), None
        other = self.run.get(art.id) or self._owner(art.id) or (None, None)
        return None, (
            f"article id {art.id!r} is already used by {other[1] or 'another source'}; not stored "
            "(nothing was replaced: give one of them another id)"
        )

    def _duplicate(self, art: Article, aid: str) -> str:
        first = self.run.get(aid, (None, None))[1]
        where = f" (kept the one from {first})" if first and first != art.path else " (kept the first)"
        return f"duplicate article id {aid!r} in this run{where}"


def _same_file(stored: str | None, path: str | None) -> bool:
    """Whether an article stored before sources were recorded came from this file (its path as given then,
    resolved from here). Standard input never matches: each stdin text is its own source."""
    if not stored or not path or path == "-" or stored == "-":
        return False
    return stored == path or os.path.realpath(stored) == os.path.realpath(path)


def unique_in_run(articles: Iterable[Article]) -> Iterator[Article]:
    """The articles of one run without an index (``extract``): two sources never print the same derived id (the
    second takes a longer one); an explicit id given twice is printed as given — nothing is stored to lose."""
    claims = IdClaims(None)
    for art in articles:
        got, _ = claims.claim(art)
        yield got if got is not None else art
