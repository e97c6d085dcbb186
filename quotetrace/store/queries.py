"""The index's queries: every read the use cases and views make, returning the row types of :mod:`.rows` (columns
read by name). Read-only, apart from nothing: writes live in :mod:`.writes`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from quotetrace.store.connection import Connection
from quotetrace.store.rows import (
    ARTICLE_COLUMNS,
    ARTICLE_COLUMNS_NO_TEXT,
    CLUSTER_COLUMNS,
    CLUSTER_COLUMNS_C,
    KINDS,
    LAST,
    MENTION_COLUMNS,
    Appearance,
    ClusterQuery,
    ClusterRow,
    ClusterSummary,
    IndexStats,
    MemberRow,
    MentionQuery,
    OutletStats,
    PieceRow,
    Resolved,
    SpeakerStats,
    StatementRow,
    StoredPiece,
    article_from_row,
    cluster_from_row,
    mention_article,
    mention_from_row,
)
from quotetrace.text.fold import fold_store_key as fold

__all__ = ["Queries"]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_query(words: Iterable[str], *, mode: Literal["and", "or"], prefix_last: bool = False) -> str:
    toks = [w.replace('"', "") for w in words if w.replace('"', "").strip()]
    parts = [f'"{t}"' for t in toks]
    if prefix_last and parts:
        parts[-1] += "*"
    return (" AND " if mode == "and" else " OR ").join(parts)


def _clusters(rows: Iterable[Sequence[Any]]) -> list[ClusterSummary]:
    return [cluster_from_row(ClusterRow._make(r)) for r in rows]


class _Wording(NamedTuple):
    text: str
    start: int
    article_id: str
    date: str | None
    words: str | None


class Queries(Connection):
    """The read half of :class:`~quotetrace.store.Store`."""

    # -- reads for the write path ------------------------------------------------------------------------------

    def cluster_piece_rows(self) -> Iterator[StoredPiece]:
        """Every stored piece as the clusterer needs it."""
        for r in self.conn.execute(
            "SELECT p.piece_id, p.cluster_text, p.cluster_id, m.speaker, m.kind, a.date, a.id, p.start "
            "FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id"
        ):
            yield StoredPiece._make(r)

    def mention_piece_clusters(self, mention_id: str) -> list[tuple[str, str | None]]:
        """(words, cluster id) of each stored piece of a mention, in order (for its own cluster)."""
        return [
            (words, cid)
            for words, cid in self.conn.execute(
                "SELECT cluster_text, cluster_id FROM mention_pieces WHERE mention_id = ? ORDER BY idx", (mention_id,)
            )
        ]

    def article_piece_ids(self, article_id: str) -> list[str]:
        return [
            pid
            for (pid,) in self.conn.execute(
                "SELECT p.piece_id FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id WHERE m.article_id = ?",
                (article_id,),
            )
        ]

    def article_context(self, article_id: str) -> tuple[str, str | None] | None:
        """(text, title) of a stored article, or None."""
        for text, title in self.conn.execute("SELECT text, title FROM articles WHERE id = ?", (article_id,)):
            return text, title
        return None

    def stored_hashes(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Article id -> (content hash, metadata hash) for the ids already in the index."""
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            q = f"SELECT id, content_hash, meta_hash FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            for aid, ch, mh in self.conn.execute(q, chunk):
                out[aid] = (ch, mh)
        return out

    def article_owners(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        """Article id -> (its source, its path) for the ids already in the index (source None: stored before
        sources were recorded)."""
        out: dict[str, tuple[str | None, str | None]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            q = (
                "SELECT a.id, s.source, a.path FROM articles a LEFT JOIN article_sources s ON s.article_id = a.id "
                f"WHERE a.id IN ({','.join('?' * len(chunk))})"
            )
            for aid, src, path in self.conn.execute(q, chunk):
                out[aid] = (src, path)
        return out

    def source_ids(self, sources: Sequence[str]) -> dict[str, str]:
        """Source -> the id of the article stored from it, for the sources already in the index."""
        out: dict[str, str] = {}
        for i in range(0, len(sources), 500):
            chunk = list(sources[i : i + 500])
            q = f"SELECT source, article_id FROM article_sources WHERE source IN ({','.join('?' * len(chunk))})"
            for src, aid in self.conn.execute(q, chunk):
                out[src] = aid
        return out

    def _article_clusters(self, article_id: str) -> set[str]:
        """Every cluster one of the article's quoted pieces belongs to."""
        return {
            cid
            for (cid,) in self.conn.execute(
                "SELECT DISTINCT p.cluster_id FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id "
                "WHERE m.article_id = ? AND p.cluster_id IS NOT NULL",
                (article_id,),
            )
        }

    def cluster_members(self, cluster_id: str) -> list[MemberRow]:
        """Every piece of a cluster with its mention and article, in no particular order."""
        return [
            MemberRow._make(r)
            for r in self.conn.execute(
                "SELECT p.norm, m.kind, p.cluster_text, COALESCE(m.person, m.speaker), p.start, a.id, a.date, "
                "a.outlet, m.id, m.speaker, m.speaker_confidence "
                "FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id "
                "WHERE p.cluster_id = ?",
                (cluster_id,),
            )
        ]

    def all_cluster_ids(self) -> set[str]:
        """Every cluster id a piece holds or a summary row has."""
        ids = {cid for (cid,) in self.conn.execute("SELECT DISTINCT cluster_id FROM mention_pieces")}
        ids |= {cid for (cid,) in self.conn.execute("SELECT id FROM clusters")}
        ids.discard(None)  # type: ignore[arg-type]
        return ids

    def spelling_counts(self) -> dict[str, int]:
        """Printed speaker spelling -> how many mentions print it."""
        return dict(
            self.conn.execute("SELECT speaker, count(*) FROM mentions WHERE speaker IS NOT NULL GROUP BY speaker")
        )

    def spellings_beside(self, spelling: str) -> list[str]:
        """The other speaker spellings printed in the articles that print ``spelling``."""
        return [
            n
            for (n,) in self.conn.execute(
                "SELECT DISTINCT o.speaker FROM mentions m JOIN mentions o ON o.article_id = m.article_id "
                "WHERE m.speaker = ? AND o.speaker IS NOT NULL AND o.speaker != m.speaker",
                (spelling,),
            )
        ]

    # -- reads: clusters -------------------------------------------------------------------------------------

    def match_speakers(self, query: str, surname: str | None = None) -> list[str]:
        """Speaker names matching ``query`` forgivingly: accent/case-insensitive substring, or same surname (its
        last word; else ``surname``, the query's surname as the name parser reads it, given by the caller)."""
        q = fold(query)
        if not q:
            return []
        sql = "SELECT name FROM speakers WHERE folded LIKE ? ESCAPE '\\' OR surname = ? ORDER BY name"
        like = f"%{_like_escape(q)}%"
        # the last word is the surname in nearly every query ("Calderon", "Mr. Calderón", "Stoltenberg's");
        # the caller parses the query with the name parser (titles, appositions) only when that finds nobody
        last = re.sub(r"'s$|[^\w'-]", "", q.split()[-1])
        names = [name for (name,) in self.conn.execute(sql, (like, last or q))]
        if names:
            return names
        if not surname or surname == last:
            return []
        return [name for (name,) in self.conn.execute(sql, (like, surname))]

    def match_outlets(self, query: str) -> list[str]:
        """Outlet names containing ``query`` (case/accent-insensitive); an exact match wins alone."""
        q = fold(query)
        if not q:
            return []
        rows = [
            (name, folded)
            for name, folded in self.conn.execute(
                "SELECT name, folded FROM outlets WHERE folded LIKE ? ESCAPE '\\' ORDER BY name",
                (f"%{_like_escape(q)}%",),
            )
        ]
        exact = [n for n, f in rows if f == q]
        return exact or [n for n, _ in rows]

    def _search_where(self, text: str) -> tuple[str, list[Any]] | None:
        from quotetrace.normalise import normalise_quote

        words = normalise_quote(text).split()
        if not words:
            return None
        if self.has_fts:
            return (
                "seq IN (SELECT rowid FROM clusters_fts WHERE clusters_fts MATCH ?)",
                [_fts_query(words, mode="and", prefix_last=True)],
            )
        return ("norm_text LIKE ? ESCAPE '\\'", [f"%{_like_escape(' '.join(words))}%"])

    def list_clusters(self, q: ClusterQuery) -> list[ClusterSummary]:
        """Cluster summaries matching ``q``, in a stable order (ties broken by id), one page."""
        where: list[str] = []
        args: list[Any] = []
        if q.speaker:
            names = self.match_speakers(q.speaker, q.speaker_surname)
            if not names:
                return []
            folded = sorted({fold(n) for n in names})
            where.append(f"speaker_sort IN ({','.join('?' * len(folded))})")
            args.extend(folded)
        if q.outlet:
            outs = self.match_outlets(q.outlet)
            if not outs:
                return []
            where.append(
                f"id IN (SELECT cluster_id FROM cluster_outlets WHERE outlet IN ({','.join('?' * len(outs))}))"
            )
            args.extend(outs)
        if q.min_outlets > 1:
            where.append("outlet_count >= ?")
            args.append(q.min_outlets)
        if q.search:
            sw = self._search_where(q.search)
            if sw is None:
                return []
            cond, cond_args = sw
            where.append(cond)
            args.extend(cond_args)
        # dates filter on first_key (indexed; undated clusters hold LAST and never match a range)
        if q.since:
            where.append("first_key >= ? AND first_key < ?")
            args.extend([q.since, LAST])
        if q.until:
            where.append("first_key <= ?")
            args.append(q.until + LAST)
        if q.kind:
            if q.kind not in KINDS:
                raise ValueError(f"unknown kind {q.kind!r}")
            where.append(f"n_{q.kind} > 0")
        asc, desc = ("DESC", "ASC") if q.reverse else ("ASC", "DESC")
        order = {
            "first-seen": f"first_key {asc}, id {asc}",
            "outlets": f"outlet_count {desc}, mention_count {desc}, first_key {asc}, id {asc}",
            "mentions": f"mention_count {desc}, outlet_count {desc}, first_key {asc}, id {asc}",
            "speaker": f"speaker_sort {asc}, first_key {asc}, id {asc}",
        }[q.sort]
        sql = f"SELECT {CLUSTER_COLUMNS} FROM clusters"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if q.limit is not None or q.offset:
            sql += " LIMIT ? OFFSET ?"
            args.extend([q.limit if q.limit is not None else -1, q.offset])
        return _clusters(self.conn.execute(sql, args))

    def cluster(self, cluster_id: str) -> ClusterSummary | None:
        row = self.conn.execute(f"SELECT {CLUSTER_COLUMNS} FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        return None if row is None else cluster_from_row(ClusterRow._make(row))

    def resolve(self, ident: str) -> Resolved | None:
        """A cluster id, a merged-away (alias) id, a mention id (``m-…``) or a unique id prefix."""
        ident = ident.strip()
        if not ident:
            return None
        c = self.conn
        if c.execute("SELECT 1 FROM clusters WHERE id = ?", (ident,)).fetchone():
            return Resolved(ident, "id")
        row = c.execute("SELECT cluster_id FROM cluster_aliases WHERE alias = ?", (ident,)).fetchone()
        if row is not None and c.execute("SELECT 1 FROM clusters WHERE id = ?", (row[0],)).fetchone():
            return Resolved(row[0], "alias")
        row = c.execute("SELECT cluster_id FROM mentions WHERE id = ?", (ident,)).fetchone()
        if row is not None and row[0]:
            return Resolved(row[0], "mention", mention_id=ident)
        if len(ident) >= 3:
            hits = self._prefix("clusters", "id", ident, 2)
            if len(hits) == 1:
                return Resolved(hits[0], "prefix")
            if not hits and ident.startswith("m-") and len(ident) >= 5:
                mids = self._prefix("mentions", "id", ident, 2)
                if len(mids) == 1:
                    cid = c.execute("SELECT cluster_id FROM mentions WHERE id = ?", (mids[0],)).fetchone()[0]
                    if cid:
                        return Resolved(cid, "mention", mention_id=mids[0])
        return None

    def _prefix(self, table: str, col: str, prefix: str, limit: int) -> list[str]:
        rows = self.conn.execute(
            f"SELECT {col} FROM {table} WHERE {col} >= ? AND {col} < ? ORDER BY {col} LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [value for (value,) in rows]

    def prefixed_ids(self, prefix: str, limit: int = 6) -> list[str]:
        """Quote ids starting with ``prefix`` (at most ``limit``), in order."""
        return self._prefix("clusters", "id", prefix, limit) if prefix else []

    def suggest_ids(self, ident: str, limit: int = 5) -> list[str]:
        """The closest cluster ids to an unknown one: prefix matches first, else fuzzy matches over all ids."""
        ident = ident.strip()
        hits: list[str] = []
        for n in range(len(ident), 1, -1):
            hits = self._prefix("clusters", "id", ident[:n], limit)
            if hits:
                break
        if hits and len(hits) < limit and ident.startswith("m-"):
            hits += self._prefix("mentions", "id", ident, limit - len(hits))
        if hits:
            return hits[:limit]
        from rapidfuzz import fuzz, process

        ids = [cid for (cid,) in self.conn.execute("SELECT id FROM clusters")]
        found = process.extract(ident, ids, scorer=fuzz.ratio, limit=limit, score_cutoff=50)
        return [str(f[0]) for f in found]

    def appearances(self, cluster_id: str) -> list[Appearance]:
        """Every mention of a cluster with its article, in date order (undated last, then article id, offset)."""
        rows = self.conn.execute(
            f"SELECT {MENTION_COLUMNS}, {ARTICLE_COLUMNS}, p.cluster_text "
            "FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id "
            "WHERE p.cluster_id = ? ORDER BY p.mention_id, p.idx",
            (cluster_id,),
        ).fetchall()
        out: list[Appearance] = []
        for r in rows:
            m, a, (piece_text,) = mention_article(r)
            if out and out[-1].mention.id == m.id:  # two pieces of one mention in this cluster: one appearance
                prev = out[-1]
                out[-1] = prev._replace(cluster_text=f"{prev.cluster_text} … {piece_text}")
                continue
            out.append(Appearance(mention_from_row(m), article_from_row(m.article_id, a), m.cluster_id, piece_text))
        out.sort(key=lambda a: (a.article.date is None, a.article.date or "", a.article.id, a.mention.start))
        return out

    def iter_mentions(self, *, with_text: bool = False, query: MentionQuery | None = None) -> Iterator[Appearance]:
        """Every stored mention (matching ``query``) with its article, in article date order (undated last), then
        position. Raises :class:`LookupError` naming an id of ``query.ids`` that is not in the index."""
        where, args = self._mention_where(query) if query is not None else ([], [])
        if where is None:
            return
        sql = (
            f"SELECT {MENTION_COLUMNS}, {ARTICLE_COLUMNS if with_text else ARTICLE_COLUMNS_NO_TEXT} "
            "FROM articles a JOIN mentions m ON m.article_id = a.id "
            + ("WHERE " + " AND ".join(where) + " " if where else "")
            + "ORDER BY a.date IS NULL, a.date, a.id, m.start, m.id"
        )
        for r in self.conn.execute(sql, args):
            m, a, _ = mention_article(r)
            yield Appearance(mention_from_row(m), article_from_row(m.article_id, a), m.cluster_id, m.cluster_text)

    def _mention_where(self, q: MentionQuery) -> tuple[list[str] | None, list[Any]]:
        """SQL conditions (on ``m`` mentions and ``a`` articles) for ``q``; None when nothing can match."""
        where: list[str] = []
        args: list[Any] = []
        if q.speaker:
            names = self.match_speakers(q.speaker, q.speaker_surname)
            if not names:
                return None, []
            marks = ",".join("?" * len(names))
            folded = sorted({fold(n) for n in names})
            where.append(
                f"(m.speaker IN ({marks}) OR m.cluster_id IN (SELECT id FROM clusters WHERE speaker_sort IN "
                f"({','.join('?' * len(folded))})))"
            )
            args.extend([*names, *folded])
        if q.outlet:
            outs = self.match_outlets(q.outlet)
            if not outs:
                return None, []
            where.append(f"a.outlet IN ({','.join('?' * len(outs))})")
            args.extend(outs)
        if q.since:
            where.append("a.date >= ?")
            args.append(q.since)
        if q.until:
            where.append("a.date <= ?")
            args.append(q.until + LAST)
        if q.kind:
            if q.kind not in KINDS:
                raise ValueError(f"unknown kind {q.kind!r}")
            where.append("m.kind = ?")
            args.append(q.kind)
        if q.ids:
            cids = []
            for ident in q.ids:
                found = self.resolve(ident)
                if found is None:
                    raise LookupError(ident)
                cids.append(found.cluster_id)
            where.append(
                f"m.id IN (SELECT mention_id FROM mention_pieces WHERE cluster_id IN ({','.join('?' * len(cids))}))"
            )
            args.extend(cids)
        return where, args

    def pieces_of(self, mention_ids: Sequence[str]) -> dict[str, list[PieceRow]]:
        """The stored clustering units of each mention, in piece order."""
        out: dict[str, list[PieceRow]] = {}
        for k in range(0, len(mention_ids), 500):
            chunk = list(mention_ids[k : k + 500])
            rows = self.conn.execute(
                "SELECT mention_id, idx, cluster_id, COALESCE(cluster_text, ''), start FROM mention_pieces "
                f"WHERE mention_id IN ({','.join('?' * len(chunk))}) ORDER BY mention_id, idx",
                chunk,
            )
            for mid, idx, cid, text, start in rows:
                out.setdefault(mid, []).append(PieceRow(int(idx), cid, text, int(start)))
        return out

    def cluster_wordings(self, cluster_id: str) -> list[tuple[str, str, str]]:
        """(mention text, words clustered here, article id) of every mention of a cluster, in the order of
        :meth:`appearances` (date, article, offset); the words of two pieces of one mention joined with " … "."""
        rows = self.conn.execute(
            "SELECT m.id, m.text, m.start, a.id, a.date, p.cluster_text FROM mention_pieces p "
            "JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id "
            "WHERE p.cluster_id = ? ORDER BY p.mention_id, p.idx",
            (cluster_id,),
        ).fetchall()
        merged: dict[str, _Wording] = {}  # rows come by mention: its pieces in this cluster are joined
        for mid, text, start, aid, date, words in rows:
            prev = merged.get(mid)
            merged[mid] = (
                prev._replace(words=f"{prev.words} … {words}") if prev else _Wording(text, start, aid, date, words)
            )
        order = sorted(merged.values(), key=lambda w: (w.date is None, w.date or "", w.article_id, w.start))
        return [(w.text, w.words or w.text, w.article_id) for w in order]

    def search_clusters(self, words: Sequence[str], limit: int = 200) -> list[ClusterSummary]:
        """Candidate clusters sharing words with ``words`` (normalised), best full-text rank first."""
        if not words:
            return []
        if self.has_fts:
            sql = (
                f"SELECT {CLUSTER_COLUMNS_C} FROM clusters_fts f "
                "JOIN clusters c ON c.seq = f.rowid WHERE clusters_fts MATCH ? ORDER BY f.rank LIMIT ?"
            )
            rows = self.conn.execute(sql, (_fts_query(sorted(set(words)), mode="or"), limit)).fetchall()
        else:
            likes = " OR ".join("norm_text LIKE ? ESCAPE '\\'" for _ in words)
            rows = self.conn.execute(
                f"SELECT {CLUSTER_COLUMNS} FROM clusters WHERE {likes} LIMIT ?",
                [*(f"%{_like_escape(w)}%" for w in words), limit],
            ).fetchall()
        return _clusters(rows)

    # -- reads: speakers, outlets, stats ---------------------------------------------------------------------

    def article_clusters(self, article_ids: Iterable[str]) -> dict[str, set[str]]:
        """Article id -> the clusters its mentions' pieces are in (paraphrase linking: the stories an article shares
        with others)."""
        out: dict[str, set[str]] = {}
        ids = sorted(set(article_ids))
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            for aid, cid in self.conn.execute(
                "SELECT DISTINCT m.article_id, p.cluster_id FROM mention_pieces p "
                "JOIN mentions m ON m.id = p.mention_id "
                f"WHERE m.article_id IN ({','.join('?' * len(chunk))}) AND p.cluster_id IS NOT NULL",
                chunk,
            ):
                out.setdefault(aid, set()).add(cid)
        return out

    def cluster_articles(self, cluster_ids: Iterable[str]) -> set[str]:
        """The articles with a mention piece in any of these clusters."""
        ids = sorted(set(cluster_ids))
        out: set[str] = set()
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            out.update(
                aid
                for (aid,) in self.conn.execute(
                    "SELECT DISTINCT m.article_id FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id "
                    f"WHERE p.cluster_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return out

    def speaker_articles(self, speakers: Iterable[str], limit: int = 400) -> set[str]:
        """The latest ``limit`` articles (per name) quoting or reporting any of these speaker names."""
        out: set[str] = set()
        for name in sorted(set(speakers)):
            out.update(
                aid
                for (aid,) in self.conn.execute(
                    "SELECT DISTINCT a.id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.speaker = ? "
                    "ORDER BY a.date IS NULL, a.date DESC, a.id LIMIT ?",
                    (name, limit),
                )
            )
        return out

    def statement_rows(self, article_ids: Iterable[str]) -> list[StatementRow]:
        """Every mention of these articles as paraphrase linking reads it."""
        ids = sorted(set(article_ids))
        rows: list[StatementRow] = []
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            rows.extend(
                StatementRow._make(r)
                for r in self.conn.execute(
                    "SELECT m.id, m.article_id, a.date, m.kind, m.text, COALESCE(m.person, m.speaker), c.speaker, "
                    "COALESCE((SELECT group_concat(p.cluster_id, ' ') FROM mention_pieces p "
                    "WHERE p.mention_id = m.id AND p.cluster_id IS NOT NULL), '') "
                    "FROM mentions m JOIN articles a ON a.id = m.article_id "
                    "LEFT JOIN clusters c ON c.id = m.cluster_id "
                    f"WHERE m.article_id IN ({','.join('?' * len(chunk))}) ORDER BY m.article_id, m.start, m.id",
                    chunk,
                )
            )
        return rows

    def paraphrases(self, cluster_id: str) -> list[tuple[ClusterSummary, float]]:
        """The statements linked to a cluster as paraphrases, best first."""
        rows = self.conn.execute(
            "SELECT other_id, score FROM paraphrases WHERE cluster_id = ? ORDER BY score DESC, other_id", (cluster_id,)
        ).fetchall()
        out = []
        for other, score in rows:
            summary = self.cluster(other)
            if summary is not None:
                out.append((summary, float(score)))
        return out

    def paraphrase_ids(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """For each cluster id, the ids linked to it as paraphrases (for list rows)."""
        out: dict[str, list[str]] = {}
        for k in range(0, len(ids), 500):
            chunk = list(ids[k : k + 500])
            q = f"SELECT cluster_id, other_id FROM paraphrases WHERE cluster_id IN ({','.join('?' * len(chunk))})"
            for a, b in self.conn.execute(q + " ORDER BY score DESC", chunk):
                out.setdefault(a, []).append(b)
        return out

    def speakers(
        self,
        *,
        search: str | None = None,
        sort: str = "mentions",
        limit: int | None = None,
        offset: int = 0,
        unnamed: bool | None = None,
        search_surname: str | None = None,
    ) -> list[SpeakerStats]:
        """Speaker rows; ``unnamed``: None every row, False the people known by a name, True the unnamed sources."""
        conds: list[str] = []
        args: list[Any] = []
        if search:
            names = self.match_speakers(search, search_surname)
            if not names:
                return []
            conds.append(f"name IN ({','.join('?' * len(names))})")
            args.extend(names)
        if unnamed is not None:
            conds.append("unnamed = ?")
            args.append(int(unnamed))
        where = (" WHERE " + " AND ".join(conds)) if conds else ""
        order = {
            "mentions": "mention_count DESC, cluster_count DESC, folded, name",
            "clusters": "cluster_count DESC, mention_count DESC, folded, name",
            "outlets": "outlet_count DESC, mention_count DESC, folded, name",
            "name": "folded, name",
        }[sort]
        sql = (
            "SELECT name, cluster_count, mention_count, outlet_count, article_count, spellings, unnamed "
            f"FROM speakers{where} ORDER BY {order}"
        )
        sql += " LIMIT ? OFFSET ?"
        args.extend([limit if limit is not None else -1, offset])
        return [
            SpeakerStats(
                name, n_cl, n_men, n_out, n_art, tuple(json.loads(spellings)) if spellings else (name,), bool(u)
            )
            for name, n_cl, n_men, n_out, n_art, spellings, u in self.conn.execute(sql, args)
        ]

    def outlets(
        self, *, sort: str = "articles", limit: int | None = None, offset: int = 0, top: int = 3
    ) -> list[OutletStats]:
        order = {
            "articles": "article_count DESC, mention_count DESC, folded, name",
            "mentions": "mention_count DESC, article_count DESC, folded, name",
            "clusters": "cluster_count DESC, article_count DESC, folded, name",
            "name": "folded, name",
        }[sort]
        rows = self.conn.execute(
            f"SELECT name, article_count, mention_count, cluster_count FROM outlets ORDER BY {order} LIMIT ? OFFSET ?",
            (limit if limit is not None else -1, offset),
        ).fetchall()
        out = []
        for name, n_art, n_men, n_cl in rows:
            tops = self.conn.execute(
                "SELECT speaker, cluster_count FROM outlet_speakers WHERE outlet = ? "
                "ORDER BY cluster_count DESC, speaker LIMIT ?",
                (name, top),
            ).fetchall()
            out.append(OutletStats(name, n_art, n_men, n_cl, tuple((s, int(n)) for s, n in tops)))
        return out

    def counts(self) -> tuple[int, int]:
        """(articles, clusters) — cheap."""
        a = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        c = self.conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
        return int(a), int(c)

    def stats(self) -> IndexStats:
        c = self.conn
        by_kind = {k: int(n) for k, n in c.execute("SELECT kind, count(*) FROM mentions GROUP BY kind")}
        first, last = c.execute("SELECT min(date), max(date) FROM articles").fetchone()
        size = 0
        if self.path is not None:
            for suffix in ("", "-wal"):
                f = Path(str(self.path) + suffix)
                if f.exists():
                    size += f.stat().st_size
        return IndexStats(
            path=str(self.path) if self.path is not None else None,
            exists=self.path is not None,
            size_bytes=size,
            schema_version=self.schema_version(),
            articles=int(c.execute("SELECT count(*) FROM articles").fetchone()[0]),
            mentions=sum(by_kind.values()),
            mentions_by_kind={k: by_kind.get(k, 0) for k in KINDS}
            | {k: v for k, v in by_kind.items() if k not in KINDS},
            clusters=int(c.execute("SELECT count(*) FROM clusters").fetchone()[0]),
            multi_outlet_clusters=int(c.execute("SELECT count(*) FROM clusters WHERE outlet_count >= 2").fetchone()[0]),
            speakers=int(c.execute("SELECT count(*) FROM speakers").fetchone()[0]),
            outlets=int(c.execute("SELECT count(*) FROM outlets").fetchone()[0]),
            first_date=first,
            last_date=last,
            last_ingest=self.get_meta("last_ingest"),
            model=self.get_meta("model"),
            search=self.has_fts,
            pieces=int(c.execute("SELECT count(*) FROM mention_pieces").fetchone()[0]),
            clusters_by_kind={
                "quotes": int(c.execute("SELECT count(*) FROM clusters WHERE kind != 'indirect'").fetchone()[0]),
                "statements": int(c.execute("SELECT count(*) FROM clusters WHERE kind = 'indirect'").fetchone()[0]),
            },
        )

    def mention_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM mentions").fetchone()[0])

    # -- reads: framing aggregates for the outlets and speakers views (read-only) -----------------------------

    def outlet_cues(self, outlets: Sequence[str]) -> list[tuple[str, str | None, str | None, int]]:
        """(outlet, cue lemma, cue as printed, mentions) over every mention printed by ``outlets`` (one GROUP BY)."""
        if not outlets:
            return []
        marks = ",".join("?" * len(outlets))
        rows = self.conn.execute(
            "SELECT a.outlet, m.cue_lemma, m.cue, count(*) FROM articles a JOIN mentions m ON m.article_id = a.id "
            f"WHERE a.outlet IN ({marks}) GROUP BY a.outlet, m.cue_lemma, m.cue",
            list(outlets),
        )
        return [(o, lemma, cue, int(n)) for o, lemma, cue, n in rows]

    def outlet_wordings(self, outlets: Sequence[str]) -> Iterator[tuple[str, str, str, str]]:
        """(outlet, mention id, cluster id, piece words) for the pieces of each mention printed by ``outlets`` that
        sit in the mention's own cluster (what its fidelity is measured on), one mention's pieces consecutive."""
        if not outlets:
            return
        marks = ",".join("?" * len(outlets))
        yield from self.conn.execute(
            "SELECT a.outlet, m.id, p.cluster_id, COALESCE(p.cluster_text, '') FROM articles a "
            "JOIN mentions m ON m.article_id = a.id JOIN mention_pieces p ON p.mention_id = m.id "
            f"WHERE a.outlet IN ({marks}) AND p.cluster_id = m.cluster_id ORDER BY m.id, p.idx",
            list(outlets),
        )

    def appearance(self, mention_id: str) -> Appearance | None:
        """One stored mention with its article (and its text)."""
        r = self.conn.execute(
            f"SELECT {MENTION_COLUMNS}, {ARTICLE_COLUMNS} "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.id = ?",
            (mention_id,),
        ).fetchone()
        if r is None:
            return None
        m, a, _ = mention_article(r)
        return Appearance(mention_from_row(m), article_from_row(m.article_id, a), m.cluster_id, m.cluster_text)

    def speaker_outlets(self, names: Sequence[str]) -> list[tuple[str, str, int]]:
        """(speaker, outlet, quotes of the speaker the outlet printed) for ``names``, most printed first."""
        if not names:
            return []
        marks = ",".join("?" * len(names))
        rows = self.conn.execute(
            f"SELECT speaker, outlet, cluster_count FROM outlet_speakers WHERE speaker IN ({marks}) "
            "ORDER BY speaker, cluster_count DESC, outlet",
            list(names),
        )
        return [(s, o, int(n)) for s, o, n in rows]

    def speaker_attributions(self, names: Sequence[str]) -> list[tuple[str, str | None, str | None, str | None, int]]:
        """(speaker, outlet, descriptor, speaker as printed, mentions) over the mentions of the quotes of ``names``."""
        if not names:
            return []
        marks = ",".join("?" * len(names))
        rows = self.conn.execute(
            "SELECT c.speaker, a.outlet, m.descriptor, m.speaker_mention, count(*) FROM clusters c "
            "JOIN mentions m ON m.cluster_id = c.id JOIN articles a ON a.id = m.article_id "
            f"WHERE c.speaker IN ({marks}) GROUP BY c.speaker, a.outlet, m.descriptor, m.speaker_mention",
            list(names),
        )
        return [(s, o, d, sm, int(n)) for s, o, d, sm, n in rows]

    def clusters_sharing_words(self, norm_text: str, limit: int = 200) -> list[ClusterSummary]:
        """Other clusters sharing two or more of the longest words of ``norm_text`` (candidates for a longer quote
        it is an altered piece of); without FTS, those containing its longest word."""
        words = sorted(set(norm_text.split()), key=lambda w: (-len(w), w))[:4]
        if len(words) < 2:
            return []
        if self.has_fts:
            query = " OR ".join(
                f"({_fts_query([a, b], mode='and')})" for i, a in enumerate(words) for b in words[i + 1 :]
            )
            rows = self.conn.execute(
                f"SELECT {CLUSTER_COLUMNS_C} FROM clusters_fts f JOIN clusters c ON c.seq = f.rowid "
                "WHERE clusters_fts MATCH ? "
                "LIMIT ?",
                (query, limit),
            ).fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {CLUSTER_COLUMNS} FROM clusters WHERE norm_text LIKE ? ESCAPE '\\' LIMIT ?",
                (f"%{_like_escape(words[0])}%", limit),
            ).fetchall()
        return [c for c in _clusters(rows) if c.norm_text != norm_text]

    def containing_clusters(self, norm_text: str, limit: int = 10) -> list[ClusterSummary]:
        """Other clusters whose normalised wording contains ``norm_text`` at word boundaries, longest first (a
        short quote that is part of a longer one the clusterer kept apart)."""
        words = norm_text.split()
        if len(words) < 2:
            return []
        if self.has_fts:
            rows = self.conn.execute(
                f"SELECT {CLUSTER_COLUMNS_C} FROM clusters_fts f JOIN clusters c ON c.seq = f.rowid "
                "WHERE clusters_fts MATCH ? "
                "LIMIT 500",
                (_fts_query(sorted(sorted(set(words), key=lambda w: (-len(w), w))[:3]), mode="and"),),  # rarest
            ).fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {CLUSTER_COLUMNS} FROM clusters WHERE norm_text LIKE ? ESCAPE '\\' LIMIT 500",
                (f"%{_like_escape(norm_text)}%",),
            ).fetchall()
        needle = f" {norm_text} "
        hits = [c for c in _clusters(rows) if len(c.norm_text) > len(norm_text) and needle in f" {c.norm_text} "]
        return sorted(hits, key=lambda c: (-len(c.norm_text), c.id))[:limit]
