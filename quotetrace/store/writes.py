"""The index's writes, always inside the caller's transaction (``with store.transaction():``): articles with their
mentions and pieces, cluster membership moves and aliases, people, cluster summary rows as given, and the speaker
and outlet totals kept up to date from them. What the rows *say* (a cluster's wording, speaker, first-seen) is
decided elsewhere (:mod:`quotetrace.summary`); nothing here chooses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from quotetrace.models import Article
from quotetrace.store.connection import now
from quotetrace.store.queries import Queries
from quotetrace.store.rows import CLUSTER_COLUMNS, LAST, BatchResult, ClusterRow, ClusterValues, MentionValues, to_json
from quotetrace.store.schema import SPEAKER_MENTIONS_SQL, SPEAKER_UNNAMED_SQL
from quotetrace.text.fold import fold_store_key as fold

__all__ = ["Writes"]


class Writes(Queries):
    """The write half of :class:`~quotetrace.store.Store` (every method runs inside the caller's transaction)."""

    @staticmethod
    def meta_hash(article: Article) -> str:
        from quotetrace.models import short_hash

        return short_hash(article.outlet, article.date, article.url, article.path, size=8)

    def write_articles(
        self,
        items: Sequence[tuple[Article, Sequence[MentionValues]]],
        *,
        metadata_only: Sequence[Article] = (),
        model: str | None = None,
    ) -> BatchResult:
        """Store articles (replacing their old mentions), their mentions and pieces as given (with their clusters),
        and the new metadata of ``metadata_only`` (stored articles whose text is unchanged). The result names the
        clusters touched, the speaker spellings printed, the outlets affected and the batch's pieces (``written``)."""
        res = BatchResult()
        touched = res.clusters_touched
        outlets = res.outlets
        stamp = now()
        for art, mentions in items:
            old = self.conn.execute("SELECT outlet FROM articles WHERE id = ?", (art.id,)).fetchone()
            if old is not None:
                if old[0]:
                    outlets.add(old[0])
                touched.update(self._article_clusters(art.id))
                self.conn.execute(
                    "DELETE FROM mention_pieces WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)",
                    (art.id,),
                )
                self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (art.id,))
            self.conn.execute(
                "INSERT INTO articles(id, path, outlet, title, date, url, text, content_hash, meta_hash, "
                "mention_count, model, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET path=excluded.path, outlet=excluded.outlet, title=excluded.title, "
                "date=excluded.date, url=excluded.url, text=excluded.text, content_hash=excluded.content_hash, "
                "meta_hash=excluded.meta_hash, mention_count=excluded.mention_count, model=excluded.model, "
                "ingested_at=excluded.ingested_at",
                (
                    art.id,
                    art.path,
                    art.outlet,
                    art.title,
                    art.date,
                    art.url,
                    art.text,
                    art.content_hash,
                    self.meta_hash(art),
                    len(mentions),
                    model,
                    stamp,
                ),
            )
            if art.outlet:
                outlets.add(art.outlet)
            if art.source:
                self.conn.execute(
                    "INSERT OR REPLACE INTO article_sources(article_id, source) VALUES (?, ?)", (art.id, art.source)
                )
            rows = []
            piece_rows = []
            for mv in mentions:
                m = mv.mention
                for k, p in enumerate(mv.pieces):
                    if p.cluster_id:
                        touched.add(p.cluster_id)
                    res.written.add(p.piece_id)
                    piece_rows.append((p.piece_id, m.id, k, p.cluster_id, p.words, p.norm, p.start))
                rows.append(
                    (
                        m.id,
                        art.id,
                        mv.cluster_id,
                        m.kind,
                        m.text,
                        mv.cluster_text,
                        mv.norm,
                        to_json([list(s) for s in m.spans]),
                        m.start if m.spans else 0,
                        m.speaker,
                        m.speaker_mention,
                        to_json(list(m.speaker_span) if m.speaker_span else None),
                        m.cue,
                        to_json(list(m.cue_span) if m.cue_span else None),
                        m.cue_lemma,
                        m.descriptor,
                        m.paragraph,
                        int(m.in_headline),
                        m.attribution,
                        to_json([list(s) for s in m.quoted_spans]) if m.quoted_spans else None,
                        m.speaker,
                        m.speaker_via,
                        m.speaker_confidence,
                    )
                )
                if m.speaker:
                    res.spellings.add(m.speaker)
            self.conn.executemany(
                "INSERT OR REPLACE INTO mentions(id, article_id, cluster_id, kind, text, cluster_text, norm, "
                "spans, start, speaker, speaker_mention, speaker_span, cue, cue_span, cue_lemma, descriptor, "
                "paragraph, in_headline, attribution, quoted_spans, person, speaker_via, speaker_confidence) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO mention_pieces(piece_id, mention_id, idx, cluster_id, cluster_text, norm, "
                "start) VALUES (?,?,?,?,?,?,?)",
                piece_rows,
            )
            res.articles += 1
            res.mentions += len(rows)
        for art in metadata_only:
            old = self.conn.execute("SELECT outlet FROM articles WHERE id = ?", (art.id,)).fetchone()
            if old is not None and old[0]:
                outlets.add(old[0])
            if art.outlet:
                outlets.add(art.outlet)
            self.conn.execute(
                "UPDATE articles SET path = ?, outlet = ?, date = ?, url = ?, meta_hash = ? WHERE id = ?",
                (art.path, art.outlet, art.date, art.url, self.meta_hash(art), art.id),
            )
            if art.source:
                self.conn.execute(
                    "INSERT OR REPLACE INTO article_sources(article_id, source) VALUES (?, ?)", (art.id, art.source)
                )
            touched.update(self._article_clusters(art.id))
        return res

    def finish_batch(self, res: BatchResult, *, clustered: bool, model: str | None = None) -> None:
        """Record a committed batch: a new clusterer generation when it clustered, the time, the model."""
        if clustered:
            self.set_meta("clusterer_generation", str(int(self.generation() or 0) + 1))
        res.generation = self.generation()
        self.set_meta("last_ingest", now())
        if model:
            self.set_meta("model", model)

    def cluster_rows(self, ids: Iterable[str]) -> dict[str, ClusterRow]:
        """The stored summary rows of these clusters (to tell which ones a batch really changed)."""
        ids = sorted(ids)
        out: dict[str, ClusterRow] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            q = f"SELECT {CLUSTER_COLUMNS} FROM clusters WHERE id IN ({','.join('?' * len(chunk))})"
            rows = map(ClusterRow._make, self.conn.execute(q, chunk))
            out.update((r.id, r) for r in rows)
        return out

    def move_pieces(self, assignments: Mapping[str, str]) -> tuple[set[str], set[str]]:
        """Set the cluster of stored pieces. Returns (the clusters touched, the mentions whose pieces moved): the
        caller decides each such mention's own cluster (:meth:`set_mention_clusters`)."""
        touched: set[str] = set()
        mentions: set[str] = set()
        c = self.conn
        for pid, cid in assignments.items():
            row = c.execute("SELECT mention_id, cluster_id FROM mention_pieces WHERE piece_id = ?", (pid,)).fetchone()
            if row is None:
                continue
            mention_id, was = row
            if was == cid:
                continue
            if was:
                touched.add(was)
            touched.add(cid)
            mentions.add(mention_id)
            c.execute("UPDATE mention_pieces SET cluster_id = ? WHERE piece_id = ?", (cid, pid))
        return touched, mentions

    def set_mention_clusters(self, clusters: Mapping[str, str | None]) -> None:
        """Set the own cluster of these mentions (mention id -> cluster id, None: unclustered), as given."""
        self.conn.executemany(
            "UPDATE mentions SET cluster_id = ? WHERE id = ?", [(cid, mid) for mid, cid in clusters.items()]
        )

    def record_aliases(self, aliases: Mapping[str, str]) -> set[str]:
        """Point retired cluster ids at the cluster holding their pieces now; returns the clusters touched."""
        touched: set[str] = set()
        for gone, keep in aliases.items():
            if gone == keep:
                continue
            self.conn.execute("INSERT OR REPLACE INTO cluster_aliases(alias, cluster_id) VALUES (?, ?)", (gone, keep))
            self.conn.execute("UPDATE cluster_aliases SET cluster_id = ? WHERE cluster_id = ?", (keep, gone))
            self.conn.execute("DELETE FROM cluster_aliases WHERE alias = cluster_id")
            touched.update((gone, keep))
        return touched

    # -- people ------------------------------------------------------------------------------------------------

    def write_people(self, people: Mapping[str, str], spellings: Iterable[str] = ()) -> set[str]:
        """Store who is who (printed spelling -> person) and set the person of the mentions whose person changed
        (and of those printing ``spellings``, just written); returns the clusters whose mentions changed person."""
        c = self.conn
        old = dict(c.execute("SELECT spelling, person FROM people"))
        changed = {n for n, p in people.items() if old.get(n) != p} | (set(spellings) & people.keys())
        gone = [n for n in old if n not in people]
        touched: set[str] = set()
        for n in sorted(changed):
            touched.update(
                cid
                for (cid,) in c.execute(
                    "SELECT DISTINCT p.cluster_id FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id "
                    "WHERE m.speaker = ? AND p.cluster_id IS NOT NULL AND (m.person IS NULL OR m.person != ?)",
                    (n, people[n]),
                )
            )
            c.execute("UPDATE mentions SET person = ? WHERE speaker = ?", (people[n], n))
            c.execute("INSERT OR REPLACE INTO people(spelling, person) VALUES (?, ?)", (n, people[n]))
        for n in gone:
            c.execute("DELETE FROM people WHERE spelling = ?", (n,))
        return touched

    # -- summaries -----------------------------------------------------------------------------------------------

    def write_summaries(self, values: Mapping[str, ClusterValues | None], res: BatchResult) -> None:
        """Write the summary rows of these clusters as given (None: the cluster has no piece left, its row goes),
        their outlets and search text; the speakers and outlets they affect are gathered in ``res`` for
        :meth:`refresh_totals`, and those whose row changed in ``res.clusters_changed``."""
        c = self.conn
        pairs: dict[tuple[str, str], int] = {}  # (outlet, speaker) -> change in quotes printed
        before = self.cluster_rows(values)
        for cid in sorted(values):
            v = values[cid]
            old = c.execute("SELECT seq, speaker FROM clusters WHERE id = ?", (cid,)).fetchone()
            old_seq, old_speaker = old if old is not None else (None, None)
            old_outlets = [o for (o,) in c.execute("SELECT outlet FROM cluster_outlets WHERE cluster_id = ?", (cid,))]
            if old_speaker:
                res.speakers.add(old_speaker)
                for o in old_outlets:
                    pairs[(o, old_speaker)] = pairs.get((o, old_speaker), 0) - 1
            res.outlets.update(old_outlets)
            c.execute("DELETE FROM cluster_outlets WHERE cluster_id = ?", (cid,))
            if v is None:
                if old_seq is not None:
                    c.execute("DELETE FROM clusters WHERE seq = ?", (old_seq,))
                    if self.has_fts:
                        c.execute("DELETE FROM clusters_fts WHERE rowid = ?", (old_seq,))
                    res.clusters_removed.add(cid)
                continue
            row = (
                cid,
                v.speaker,
                fold(v.speaker) if v.speaker else LAST,
                v.text,
                v.norm_text,
                v.kind,
                v.kinds["direct"],
                v.kinds["mixed"],
                v.kinds["indirect"],
                v.mention_count,
                v.article_count,
                len(v.outlets),
                to_json(list(v.outlets)),
                v.first_date,
                v.first_date or LAST,
                v.first_outlet,
                v.first_article_id,
                to_json(list(v.tied_outlets)),
                v.last_date,
                to_json(list(v.variants)),
                to_json(list(v.attributions)),
                int(v.misattributed),
                v.speaker_confidence,
            )
            c.execute(
                "INSERT INTO clusters(id, speaker, speaker_sort, text, norm_text, kind, n_direct, n_mixed, n_indirect, "
                "mention_count, article_count, outlet_count, outlets, first_date, first_key, first_outlet, "
                "first_article_id, tied_outlets, last_date, variants, attributions, misattributed, speaker_confidence) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET speaker=excluded.speaker, speaker_sort=excluded.speaker_sort, "
                "text=excluded.text, norm_text=excluded.norm_text, kind=excluded.kind, n_direct=excluded.n_direct, "
                "n_mixed=excluded.n_mixed, n_indirect=excluded.n_indirect, mention_count=excluded.mention_count, "
                "article_count=excluded.article_count, outlet_count=excluded.outlet_count, outlets=excluded.outlets, "
                "first_date=excluded.first_date, first_key=excluded.first_key, first_outlet=excluded.first_outlet, "
                "first_article_id=excluded.first_article_id, tied_outlets=excluded.tied_outlets, "
                "last_date=excluded.last_date, variants=excluded.variants, attributions=excluded.attributions, "
                "misattributed=excluded.misattributed, speaker_confidence=excluded.speaker_confidence",
                row,
            )
            seq = c.execute("SELECT seq FROM clusters WHERE id = ?", (cid,)).fetchone()[0]
            c.executemany(
                "INSERT OR IGNORE INTO cluster_outlets(outlet, cluster_id) VALUES (?, ?)", [(o, cid) for o in v.outlets]
            )
            if self.has_fts:
                c.execute("DELETE FROM clusters_fts WHERE rowid = ?", (seq,))
                c.execute("INSERT INTO clusters_fts(rowid, text) VALUES (?, ?)", (seq, " | ".join(v.wordings)))
            if v.speaker:
                res.speakers.add(v.speaker)
                for o in v.outlets:
                    pairs[(o, v.speaker)] = pairs.get((o, v.speaker), 0) + 1
            res.outlets.update(v.outlets)
        for (outlet, spk), delta in sorted(pairs.items()):
            if delta:
                c.execute(
                    "INSERT INTO outlet_speakers(outlet, speaker, cluster_count) VALUES (?, ?, ?) "
                    "ON CONFLICT(outlet, speaker) DO UPDATE SET cluster_count = cluster_count + excluded.cluster_count",
                    (outlet, spk, delta),
                )
        after = self.cluster_rows(values)
        res.clusters_changed.update(cid for cid, r in after.items() if before.get(cid) != r)

    def refresh_totals(self, res: BatchResult, surnames: Mapping[str, str]) -> None:
        """Recount the speakers and outlets the batch affected (``res.speakers``, ``res.outlets``); ``surnames``:
        the surname key stored with each of those speakers (decided by the caller)."""
        self.conn.execute("DELETE FROM outlet_speakers WHERE cluster_count <= 0")
        self._refresh_speakers(res.speakers, surnames)
        self._refresh_outlets(res.outlets)

    def _refresh_speakers(self, names: Iterable[str], surnames: Mapping[str, str]) -> None:
        c = self.conn
        for name in sorted(names):
            n_clusters = c.execute("SELECT count(*) FROM clusters WHERE speaker = ?", (name,)).fetchone()[0]
            # a mention counts once, however many of its pieces sit in the speaker's quotes (as export lists it)
            n_mentions, n_articles = c.execute(SPEAKER_MENTIONS_SQL, (name,)).fetchone()
            if not n_clusters:
                c.execute("DELETE FROM speakers WHERE name = ?", (name,))
                continue
            n_outlets = c.execute(
                "SELECT count(DISTINCT co.outlet) FROM clusters cl JOIN cluster_outlets co ON co.cluster_id = cl.id "
                "WHERE cl.speaker = ?",
                (name,),
            ).fetchone()[0]
            spellings = [
                n
                for (n,) in c.execute(
                    "SELECT speaker FROM mentions WHERE person = ? AND speaker IS NOT NULL GROUP BY speaker "
                    "ORDER BY count(*) DESC, speaker",
                    (name,),
                )
            ]
            unnamed = c.execute(SPEAKER_UNNAMED_SQL, (name,)).fetchone()[0]
            c.execute(
                "INSERT OR REPLACE INTO speakers(name, folded, surname, cluster_count, mention_count, outlet_count, "
                "article_count, spellings, unnamed) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    name,
                    fold(name),
                    surnames[name],
                    n_clusters,
                    n_mentions,
                    n_outlets,
                    n_articles,
                    to_json(spellings or [name]),
                    unnamed,
                ),
            )

    def _refresh_outlets(self, names: Iterable[str]) -> None:
        c = self.conn
        for name in sorted(names):
            n_articles, n_mentions = c.execute(
                "SELECT count(*), COALESCE(sum(mention_count), 0) FROM articles WHERE outlet = ?", (name,)
            ).fetchone()
            if not n_articles:
                c.execute("DELETE FROM outlets WHERE name = ?", (name,))
                continue
            n_clusters = c.execute("SELECT count(*) FROM cluster_outlets WHERE outlet = ?", (name,)).fetchone()[0]
            c.execute(
                "INSERT OR REPLACE INTO outlets(name, folded, article_count, mention_count, cluster_count) "
                "VALUES (?,?,?,?,?)",
                (name, fold(name), n_articles, n_mentions, n_clusters),
            )

    # -- paraphrases ---------------------------------------------------------------------------------------------

    def replace_paraphrases(self, ids: Iterable[str], links: Iterable[tuple[str, str, float]]) -> None:
        """Replace the stored links of ``ids`` by ``links`` (kept in both directions); links of clusters that no
        longer exist (merged, re-solved or removed since) are dropped too."""
        ids = list(ids)
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            self.conn.execute(
                f"DELETE FROM paraphrases WHERE cluster_id IN ({marks}) OR other_id IN ({marks})", [*chunk, *chunk]
            )
        rows = [(a, b, s) for a, b, s in links] + [(b, a, s) for a, b, s in links]
        self.conn.executemany("INSERT OR REPLACE INTO paraphrases(cluster_id, other_id, score) VALUES (?,?,?)", rows)
        self.conn.execute(
            "DELETE FROM paraphrases WHERE cluster_id NOT IN (SELECT id FROM clusters) "
            "OR other_id NOT IN (SELECT id FROM clusters)"
        )
