"""The SQLite index: schema and numbered migrations, batch writes in transactions, and queries returning models.

Layout (see ``m001_initial``): ``articles`` (with their text, for context), ``mentions`` (one row per quote
mention, with its cluster id), and summaries kept up to date at write time so that reads never aggregate:
``clusters`` (one row per cluster: fullest wording, speaker, outlets, first seen), ``cluster_outlets``,
``speakers`` (one row per person) and ``outlets``; ``people`` maps each printed speaker spelling to its person.
``cluster_aliases`` maps retired cluster ids to the cluster holding their pieces now. Cluster membership is stored
once, per quoted piece (``mention_pieces.cluster_id``); the clusterer rebuilds its index from it
(``clusterer_state`` only holds snapshots written by older versions, dropped on migration). ``clusters_fts``
(FTS5, when SQLite has it) indexes normalised wordings for ``list --search`` and ``trace``.

Connections use WAL and a busy timeout: readers work while an ingest is writing. No typer/rich here.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from quotetrace.errors import StoreError
from quotetrace.models import SCHEMA, Article, Mention
from quotetrace.text.fold import fold_store_key as fold

__all__ = [
    "MIGRATIONS",
    "Appearance",
    "ClusterQuery",
    "ClusterSummary",
    "IndexStats",
    "MentionQuery",
    "OutletStats",
    "PieceRow",
    "Resolved",
    "SpeakerStats",
    "Store",
    "clustering_text",
    "database_error",
]

BUSY_TIMEOUT_MS = 15_000
# The clustering scheme an index was built with; another value (or none) means: re-cluster on open
# (2: clusters and ids are a function of the set of articles, see quotetrace.cluster.CorpusClusterer).
CLUSTER_SCHEME = "2"
LAST = "~"  # sorts after every ISO date and folded name: undated / unnamed clusters come last
SortKey = Literal["first-seen", "outlets", "mentions", "speaker"]
SORTS: tuple[str, ...] = ("first-seen", "outlets", "mentions", "speaker")
KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")


# ----------------------------------------------------------------------------------------------- helpers


def clustering_text(mention: Mention, article_text: str | None) -> str:
    """The words a mention is clustered on: for a mixed mention the pieces inside quotation marks, else its text."""
    if mention.kind == "mixed" and mention.quoted_spans and article_text is not None:
        pieces = [" ".join(article_text[s:e].split()) for s, e in mention.quoted_spans]
        joined = " ".join(p for p in pieces if p)
        if joined:
            return joined
    return mention.text


def clustering_pieces(mention: Mention, article_text: str | None) -> list[tuple[str, str, int]]:
    """The units a mention is clustered on, as (piece id, words, start offset).

    Each pair of quotation marks is its own unit: ``"X," he said, "Y"`` and the quoted words of a mixed
    mention may reproduce different passages, and another outlet may print them apart. A mention with
    one piece clusters under its own id; pieces of a longer one get ``<mention id>~<n>``.
    """
    spans = mention.quoted_spans if mention.kind == "mixed" and mention.quoted_spans else mention.spans
    if mention.kind == "indirect" or len(spans) <= 1 or article_text is None:
        return [(mention.id, clustering_text(mention, article_text), mention.start if mention.spans else 0)]
    out = []
    for k, (s, e) in enumerate(spans):
        words = " ".join(article_text[s:e].split())
        if words:
            out.append((f"{mention.id}~{k}", words, s))
    return out or [(mention.id, clustering_text(mention, article_text), mention.start)]


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _spans(raw: str | None) -> tuple[tuple[int, int], ...]:
    if not raw:
        return ()
    return tuple((int(s), int(e)) for s, e in json.loads(raw))


def _span(raw: str | None) -> tuple[int, int] | None:
    if not raw:
        return None
    s, e = json.loads(raw)
    return (int(s), int(e))


def _day(date: str | None) -> str | None:
    return date[:10] if date else None


def same_moment(a: str | None, b: str | None) -> bool:
    """Dates compared at the precision both carry: a bare day ties with any time on that day."""
    if a is None or b is None:
        return a is None and b is None
    if len(a) <= 10 or len(b) <= 10:
        return a[:10] == b[:10]
    return a == b


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_query(words: Iterable[str], *, mode: Literal["and", "or"], prefix_last: bool = False) -> str:
    toks = [w.replace('"', "") for w in words if w.replace('"', "").strip()]
    parts = [f'"{t}"' for t in toks]
    if prefix_last and parts:
        parts[-1] += "*"
    return (" AND " if mode == "and" else " OR ").join(parts)


# ------------------------------------------------------------------------------------------------ models


class ClusterSummary(NamedTuple):
    """One row of the ``clusters`` table: what ``list`` prints for a cluster."""

    id: str
    speaker: str | None
    text: str
    kind: str
    kinds: dict[str, int]
    outlets: tuple[str, ...]
    mention_count: int
    article_count: int
    outlet_count: int
    first_date: str | None
    first_outlet: str | None
    first_article_id: str | None
    tied_outlets: tuple[str, ...]
    last_date: str | None
    variants: tuple[str, ...]
    norm_text: str = ""
    # who the outlets say spoke these words: [{"speaker", "outlets", "mentions", "weight"}], the consensus first
    attributions: tuple[dict[str, Any], ...] = ()
    misattributed: bool = False  # outlets attribute the words to different people
    speaker_confidence: float | None = None  # the consensus speaker's share of the weighted vote

    def first_seen(self) -> dict[str, Any]:
        return {
            "date": self.first_date,
            "outlet": self.first_outlet,
            "article_id": self.first_article_id,
            "tied_with": list(self.tied_outlets),
        }

    def to_dict(self) -> dict[str, Any]:
        """The contract's cluster summary (``list --format json``), with added fields: ``first_date`` and
        ``last_date`` (both date strings, like ``last_seen``; ``first_seen`` is an object) and ``first_tied``
        (another outlet printed it first on the same date, as ``show`` reports)."""
        return {
            "schema": SCHEMA,
            "id": self.id,
            "speaker": self.speaker,
            "text": self.text,
            "outlets": list(self.outlets),
            "mention_count": self.mention_count,
            "first_seen": self.first_seen(),
            "outlet_count": self.outlet_count,
            "article_count": self.article_count,
            "kind": self.kind,
            "kinds": dict(self.kinds),
            "last_seen": self.last_date,
            "speaker_variants": list(self.variants),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "first_tied": bool(self.tied_outlets),
            "speaker_confidence": self.speaker_confidence,
            "attributions": [dict(a) for a in self.attributions],
            "misattributed": self.misattributed,
        }


class Appearance(NamedTuple):
    """One mention of a cluster with its article (including the text, for context)."""

    mention: Mention
    article: Article
    cluster_id: str | None  # the mention's own cluster: that of its longest piece
    cluster_text: str | None = None  # the words clustered on (in ``appearances``: its pieces in that cluster)


class Resolved(NamedTuple):
    """What an id given by the user resolved to."""

    cluster_id: str
    via: Literal["id", "alias", "mention", "prefix"]
    mention_id: str | None = None


class SpeakerStats(NamedTuple):
    """One person of the index (a row of ``speakers``), with the spellings the articles printed for them."""

    name: str
    cluster_count: int
    mention_count: int
    outlet_count: int
    article_count: int
    spellings: tuple[str, ...] = ()
    unnamed: bool = False  # an unnamed source: every article describes them ("a senior official"), none names them

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.name,
            "cluster_count": self.cluster_count,
            "mention_count": self.mention_count,
            "outlet_count": self.outlet_count,
            "article_count": self.article_count,
            "spellings": list(self.spellings or (self.name,)),
            "unnamed": self.unnamed,
        }


class OutletStats(NamedTuple):
    name: str | None
    article_count: int
    mention_count: int
    cluster_count: int
    top_speakers: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.name,
            "article_count": self.article_count,
            "mention_count": self.mention_count,
            "cluster_count": self.cluster_count,
            "top_speakers": [{"speaker": s, "cluster_count": n} for s, n in self.top_speakers],
        }


class IndexStats(NamedTuple):
    path: str | None
    exists: bool
    size_bytes: int
    schema_version: int
    articles: int
    mentions: int
    mentions_by_kind: dict[str, int]
    clusters: int
    multi_outlet_clusters: int
    speakers: int
    outlets: int
    first_date: str | None
    last_date: str | None
    last_ingest: str | None
    model: str | None
    search: bool
    pieces: int = 0
    clusters_by_kind: dict[str, int] = {}  # noqa: RUF012  (a NamedTuple default, never mutated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "exists": self.exists,
            "size_bytes": self.size_bytes,
            "schema_version": self.schema_version,
            "articles": self.articles,
            "mentions": self.mentions,
            "mentions_by_kind": dict(self.mentions_by_kind),
            "clusters": self.clusters,
            "clusters_by_kind": dict(self.clusters_by_kind),
            "pieces": self.pieces,
            "clusters_note": "a quote cluster holds quoted pieces, a statement cluster reported speech; a mention "
            "whose pieces reproduce different passages is in one cluster per piece, so clusters may outnumber "
            "mentions",
            "multi_outlet_clusters": self.multi_outlet_clusters,
            "speakers": self.speakers,
            "outlets": self.outlets,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "last_ingest": self.last_ingest,
            "model": self.model,
            "search": self.search,
        }


class ClusterQuery(NamedTuple):
    """Filters, order and page of ``list``. Text filters are forgiving (case/accent-insensitive)."""

    speaker: str | None = None
    outlet: str | None = None
    min_outlets: int = 0
    search: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    sort: SortKey = "first-seen"
    reverse: bool = False
    limit: int | None = None
    offset: int = 0

    @property
    def filtered(self) -> bool:
        return any((self.speaker, self.outlet, self.min_outlets > 1, self.search, self.since, self.until, self.kind))


class MentionQuery(NamedTuple):
    """Filters of ``export`` (and the library's ``mentions``): the same forgiving matching as ``list``. ``since``
    and ``until`` bound the article's date; ``ids`` are quote ids (or aliases, unique prefixes, mention ids): the
    mentions with a piece in those quotes."""

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    ids: tuple[str, ...] = ()

    @property
    def filtered(self) -> bool:
        return any((self.speaker, self.outlet, self.since, self.until, self.kind, self.ids))


class PieceRow(NamedTuple):
    """One stored clustering unit of a mention (``mention_pieces``): a quoted piece, or a whole indirect mention."""

    idx: int
    cluster_id: str | None
    text: str
    start: int


@dataclass
class BatchResult:
    """What one committed batch changed."""

    articles: int = 0
    mentions: int = 0
    clusters_touched: set[str] = field(default_factory=set)
    clusters_removed: set[str] = field(default_factory=set)
    clusters_changed: set[str] = field(default_factory=set)  # added, or their summary row (what list shows) changed
    generation: str | None = None  # the clusterer-state generation after this batch


ClusterStep = Callable[[], tuple[Mapping[str, str], Mapping[str, str], Mapping[str, Mapping[str, Any]]]]


# -------------------------------------------------------------------------------------------- migrations


class Migration(NamedTuple):
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: list[Migration] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    """Register the next numbered migration (numbers follow definition order; never reorder or edit old ones)."""
    MIGRATIONS.append(Migration(len(MIGRATIONS) + 1, fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            path TEXT, outlet TEXT, title TEXT, date TEXT, url TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            meta_hash TEXT NOT NULL,
            mention_count INTEGER NOT NULL DEFAULT 0,
            model TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet, mention_count);
        CREATE INDEX articles_date ON articles(date);
        CREATE TABLE mentions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            cluster_id TEXT,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            cluster_text TEXT NOT NULL,
            norm TEXT NOT NULL,
            spans TEXT NOT NULL,
            start INTEGER NOT NULL,
            speaker TEXT, speaker_mention TEXT, speaker_span TEXT,
            cue TEXT, cue_span TEXT, cue_lemma TEXT, descriptor TEXT,
            paragraph INTEGER, in_headline INTEGER NOT NULL DEFAULT 0,
            attribution TEXT, quoted_spans TEXT
        );
        CREATE INDEX mentions_cluster ON mentions(cluster_id);
        CREATE INDEX mentions_article ON mentions(article_id, start);
        CREATE TABLE clusters (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            speaker TEXT,
            speaker_sort TEXT NOT NULL,
            text TEXT NOT NULL,
            norm_text TEXT NOT NULL,
            kind TEXT NOT NULL,
            n_direct INTEGER NOT NULL DEFAULT 0,
            n_mixed INTEGER NOT NULL DEFAULT 0,
            n_indirect INTEGER NOT NULL DEFAULT 0,
            mention_count INTEGER NOT NULL,
            article_count INTEGER NOT NULL,
            outlet_count INTEGER NOT NULL,
            outlets TEXT NOT NULL,
            first_date TEXT,
            first_key TEXT NOT NULL,
            first_outlet TEXT,
            first_article_id TEXT,
            tied_outlets TEXT NOT NULL,
            last_date TEXT,
            variants TEXT NOT NULL
        );
        CREATE INDEX clusters_first ON clusters(first_key, id);
        CREATE INDEX clusters_by_outlets ON clusters(outlet_count DESC, mention_count DESC, first_key, id);
        CREATE INDEX clusters_by_mentions ON clusters(mention_count DESC, outlet_count DESC, first_key, id);
        CREATE INDEX clusters_speaker ON clusters(speaker_sort, first_key, id);
        CREATE INDEX clusters_speaker_name ON clusters(speaker);
        CREATE TABLE cluster_outlets (
            outlet TEXT NOT NULL,
            cluster_id TEXT NOT NULL,
            PRIMARY KEY (outlet, cluster_id)
        ) WITHOUT ROWID;
        CREATE INDEX cluster_outlets_cluster ON cluster_outlets(cluster_id);
        CREATE TABLE cluster_aliases (alias TEXT PRIMARY KEY, cluster_id TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE speakers (
            name TEXT PRIMARY KEY,
            folded TEXT NOT NULL,
            surname TEXT NOT NULL,
            cluster_count INTEGER NOT NULL,
            mention_count INTEGER NOT NULL,
            outlet_count INTEGER NOT NULL,
            article_count INTEGER NOT NULL
        );
        CREATE INDEX speakers_surname ON speakers(surname);
        CREATE TABLE outlets (
            name TEXT PRIMARY KEY,
            folded TEXT NOT NULL,
            article_count INTEGER NOT NULL,
            mention_count INTEGER NOT NULL,
            cluster_count INTEGER NOT NULL
        );
        CREATE TABLE clusterer_state (
            name TEXT PRIMARY KEY,
            version INTEGER,
            state BLOB NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    )


@migration
def m002_search(db: sqlite3.Connection) -> None:
    """Full-text search over normalised wordings (skipped, with a LIKE fallback, when SQLite lacks FTS5)."""
    try:
        db.execute("CREATE VIRTUAL TABLE clusters_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')")
    except sqlite3.OperationalError:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts', '0')")
    else:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts', '1')")


@migration
def m003_outlet_speakers(db: sqlite3.Connection) -> None:
    """Per (outlet, speaker): how many quotes the outlet printed, kept by deltas so ``outlets`` never aggregates."""
    db.execute(
        "CREATE TABLE outlet_speakers (outlet TEXT NOT NULL, speaker TEXT NOT NULL, cluster_count INTEGER NOT NULL, "
        "PRIMARY KEY (outlet, speaker)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX outlet_speakers_top ON outlet_speakers(outlet, cluster_count DESC, speaker)")
    db.execute(
        "INSERT INTO outlet_speakers(outlet, speaker, cluster_count) "
        "SELECT co.outlet, c.speaker, count(*) FROM cluster_outlets co JOIN clusters c ON c.id = co.cluster_id "
        "WHERE c.speaker IS NOT NULL GROUP BY co.outlet, c.speaker"
    )


@migration
def m004_mention_pieces(db: sqlite3.Connection) -> None:
    """Cluster membership per quoted piece: a mention whose pieces reproduce different passages is in each."""
    db.execute(
        "CREATE TABLE mention_pieces (piece_id TEXT PRIMARY KEY, mention_id TEXT NOT NULL, idx INTEGER NOT NULL, "
        "cluster_id TEXT, cluster_text TEXT, norm TEXT, start INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX mention_pieces_cluster ON mention_pieces(cluster_id)")
    db.execute("CREATE INDEX mention_pieces_mention ON mention_pieces(mention_id)")
    db.execute(
        "INSERT INTO mention_pieces(piece_id, mention_id, idx, cluster_id, cluster_text, norm, start) "
        "SELECT id, id, 0, cluster_id, cluster_text, norm, start FROM mentions"
    )


@migration
def m005_paraphrases(db: sqlite3.Connection) -> None:
    """Paraphrase links between statements (clusters) of one speaker in different articles, both directions."""
    db.execute(
        "CREATE TABLE paraphrases (cluster_id TEXT NOT NULL, other_id TEXT NOT NULL, score REAL NOT NULL, "
        "PRIMARY KEY (cluster_id, other_id)) WITHOUT ROWID"
    )


@migration
def m006_article_sources(db: sqlite3.Connection) -> None:
    """Where each article came from (a file's real path and record, a hash of stdin): only the same source read
    again replaces an article; another source holding the same derived id gets a longer one."""
    db.execute("CREATE TABLE article_sources (article_id TEXT PRIMARY KEY, source TEXT NOT NULL) WITHOUT ROWID")
    db.execute("CREATE INDEX article_sources_source ON article_sources(source)")


@migration
def m007_people_and_consensus(db: sqlite3.Connection) -> None:
    """One identity per person across the index (``people``: printed spelling -> the person's name, kept on each
    mention as ``person``), attribution confidence per mention, and each cluster's speaker vote."""
    _script(
        db,
        """
        ALTER TABLE mentions ADD COLUMN person TEXT;
        ALTER TABLE mentions ADD COLUMN speaker_via TEXT;
        ALTER TABLE mentions ADD COLUMN speaker_confidence REAL;
        CREATE INDEX mentions_speaker ON mentions(speaker);
        CREATE INDEX mentions_person ON mentions(person);
        ALTER TABLE clusters ADD COLUMN attributions TEXT;
        ALTER TABLE clusters ADD COLUMN misattributed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE clusters ADD COLUMN speaker_confidence REAL;
        ALTER TABLE speakers ADD COLUMN spellings TEXT;
        CREATE TABLE people (spelling TEXT PRIMARY KEY, person TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX people_person ON people(person)
        """,
    )
    # an index from before: its clustering scheme is older too, so it is re-clustered (and its people
    # identified) when opened, see Store.ensure_cluster_scheme
    db.execute("UPDATE mentions SET person = speaker")


# Foreign keys added by m008 (table -> constraints). Deferred: a batch writes mentions before the summary rows of
# their clusters, so the references are checked when the batch's transaction commits.
_FOREIGN_KEYS: dict[str, tuple[str, ...]] = {
    "clusters": ("FOREIGN KEY (first_article_id) REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED",),
    "mentions": ("FOREIGN KEY (cluster_id) REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED",),
    "mention_pieces": (
        "FOREIGN KEY (mention_id) REFERENCES mentions(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
        "FOREIGN KEY (cluster_id) REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED",
    ),
    "cluster_outlets": (
        "FOREIGN KEY (cluster_id) REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED",
        "FOREIGN KEY (outlet) REFERENCES outlets(name) DEFERRABLE INITIALLY DEFERRED",
    ),
}

# References an older index may hold to rows that are gone (never read: every reader checks); cleared before the
# foreign keys are declared, so the index passes ``PRAGMA foreign_key_check``.
_DANGLING = (
    "UPDATE clusters SET first_article_id = NULL WHERE first_article_id NOT IN (SELECT id FROM articles)",
    "UPDATE mentions SET cluster_id = NULL WHERE cluster_id NOT IN (SELECT id FROM clusters)",
    "DELETE FROM mention_pieces WHERE mention_id NOT IN (SELECT id FROM mentions)",
    "UPDATE mention_pieces SET cluster_id = NULL WHERE cluster_id NOT IN (SELECT id FROM clusters)",
    "DELETE FROM cluster_outlets WHERE cluster_id NOT IN (SELECT id FROM clusters) "
    "OR outlet NOT IN (SELECT name FROM outlets)",
)

READ_VIEWS = {
    "quotes": """
        CREATE VIEW quotes AS SELECT
            c.id, c.speaker, c.text, c.kind, c.outlets, c.outlet_count, c.mention_count, c.article_count,
            c.first_date, c.first_outlet AS first_seen_outlet, c.first_article_id AS first_seen_article_id,
            c.tied_outlets AS first_seen_tied_with, c.tied_outlets != '[]' AS first_tied,
            c.last_date, c.variants AS speaker_variants,
            c.n_direct AS direct_mentions, c.n_mixed AS mixed_mentions, c.n_indirect AS indirect_mentions, c.seq,
            c.speaker_confidence, c.attributions, c.misattributed
        FROM clusters c""",
    "quote_mentions": """
        CREATE VIEW quote_mentions AS SELECT
            m.id, m.cluster_id, m.article_id, a.outlet, a.date, a.title, a.url, m.kind, m.text, m.spans,
            m.quoted_spans, m.speaker, m.speaker_mention, m.speaker_span, m.descriptor AS descriptor_found, m.cue,
            m.cue_lemma, m.cue_span, m.paragraph, m.paragraph + 1 AS paragraph_number,
            CASE WHEN m.in_headline THEN 'headline' WHEN m.paragraph <= 1 THEN 'lede' ELSE 'body' END AS placement,
            m.attribution, c.speaker AS quote_speaker, c.text AS quote_text,
            m.person, m.speaker_via, m.speaker_confidence
        FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN clusters c ON c.id = m.cluster_id""",
    "outlet_summary": """
        CREATE VIEW outlet_summary AS SELECT
            o.name AS outlet, o.article_count, o.mention_count, o.cluster_count,
            (SELECT json_group_array(json_object('speaker', s.speaker, 'cluster_count', s.cluster_count))
             FROM (SELECT speaker, cluster_count FROM outlet_speakers WHERE outlet = o.name
                   ORDER BY cluster_count DESC, speaker LIMIT 3) s) AS top_speakers
        FROM outlets o""",
    "speaker_summary": """
        CREATE VIEW speaker_summary AS SELECT
            name AS speaker, cluster_count, mention_count, outlet_count, article_count
        FROM speakers""",
}

# migration 9's speaker_summary: migration 8's with the unnamed flag (8 keeps its own text: old indexes replay it)
SPEAKER_SUMMARY_VIEW = """
        CREATE VIEW speaker_summary AS SELECT
            name AS speaker, cluster_count, mention_count, outlet_count, article_count, unnamed
        FROM speakers"""

_QUOTES_FTS_TRIGGERS = (
    "CREATE TRIGGER clusters_quotes_fts_insert AFTER INSERT ON clusters BEGIN "
    "INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.seq, new.text, new.speaker); END",
    "CREATE TRIGGER clusters_quotes_fts_delete AFTER DELETE ON clusters BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.seq, old.text, old.speaker); END",
    "CREATE TRIGGER clusters_quotes_fts_update AFTER UPDATE OF text, speaker ON clusters "
    "WHEN old.text IS NOT new.text OR old.speaker IS NOT new.speaker BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker) VALUES ('delete', old.seq, old.text, old.speaker); "
    "INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.seq, new.text, new.speaker); END",
)


_SPEAKER_MENTIONS = (
    "SELECT count(DISTINCT p.mention_id), count(DISTINCT m.article_id) FROM clusters cl "
    "JOIN mention_pieces p ON p.cluster_id = cl.id JOIN mentions m ON m.id = p.mention_id WHERE cl.speaker = ?"
)
# a speaker is an unnamed source when no mention of theirs found them by a name (printed, a role resolved to a named
# person, or two names together): each article only describes them; pronouns and follow-ons inherit, they name no one
_SPEAKER_UNNAMED = (
    "SELECT NOT EXISTS (SELECT 1 FROM mentions WHERE person = ?1 "
    "AND COALESCE(speaker_via, 'name') IN ('name', 'descriptor', 'joint')) "
    "AND EXISTS (SELECT 1 FROM mentions WHERE person = ?1)"
)


def _add_foreign_keys(db: sqlite3.Connection, table: str, constraints: Sequence[str]) -> None:
    """Rebuild ``table`` with ``constraints`` added (SQLite cannot add them in place): every column it has now (any
    an earlier migration added included), its rows, its indexes and triggers. Run with foreign key enforcement off;
    views and triggers elsewhere naming the table are neither checked nor rewritten meanwhile (legacy rename)."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    indexes = [
        r[0]
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY type = 'trigger'",
            (table,),
        )
    ]
    close = sql.rindex(")")
    new_sql = sql[:close].rstrip() + ",\n    " + ",\n    ".join(constraints) + "\n" + sql[close:]
    head = re.match(r"\s*CREATE\s+TABLE\s+(\"?\w+\"?)", new_sql, flags=re.IGNORECASE)
    assert head is not None
    tmp = f"{table}__rebuilt"
    new_sql = new_sql[: head.start(1)] + tmp + new_sql[head.end(1) :]
    cols = ", ".join(f'"{r[1]}"' for r in db.execute(f"PRAGMA table_info({table})"))
    db.execute(new_sql)
    db.execute(f"INSERT INTO {tmp} ({cols}) SELECT {cols} FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute(f"ALTER TABLE {tmp} RENAME TO {table}")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    for index in indexes:
        db.execute(index)


@migration
def m008_datasette(db: sqlite3.Connection) -> None:
    """What Datasette and sqlite-utils read: foreign keys between the tables, views that read like the JSON
    contract (``quotes``, ``quote_mentions``, ``outlet_summary``, ``speaker_summary``) and full-text search over
    the quotes (``quotes_fts``, ``content="clusters"``: the quotes table) kept in step with it by triggers."""
    for stmt in _DANGLING:
        db.execute(stmt)
    for table, constraints in _FOREIGN_KEYS.items():
        _add_foreign_keys(db, table, constraints)
    # speakers' counts as export lists them: a mention once, whichever of its pieces sit in the speaker's quotes
    for (name,) in db.execute("SELECT name FROM speakers").fetchall():
        n_mentions, n_articles = db.execute(_SPEAKER_MENTIONS, (name,)).fetchone()
        db.execute(
            "UPDATE speakers SET mention_count = ?, article_count = ? WHERE name = ?", (n_mentions, n_articles, name)
        )
    # child keys are indexed, so writing a parent row never scans a child table
    db.execute("CREATE INDEX IF NOT EXISTS clusters_first_article ON clusters(first_article_id)")
    for view in READ_VIEWS.values():
        db.execute(view)
    fts = db.execute("SELECT value FROM meta WHERE key = 'fts'").fetchone()
    if fts is not None and fts[0] == "1":
        db.execute(
            'CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content="clusters", content_rowid="seq", '
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        for trigger in _QUOTES_FTS_TRIGGERS:
            db.execute(trigger)
        db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")


@migration
def m009_unnamed_speakers(db: sqlite3.Connection) -> None:
    """Speakers that are unnamed sources (every article describes them, none names them) are marked, so
    ``speakers`` can list the people it knows by name apart from descriptions such as "a senior official"."""
    if "unnamed" not in {r[1] for r in db.execute("PRAGMA table_info(speakers)")}:
        db.execute("ALTER TABLE speakers ADD COLUMN unnamed INTEGER NOT NULL DEFAULT 0")
    for (name,) in db.execute("SELECT name FROM speakers").fetchall():
        unnamed = db.execute(_SPEAKER_UNNAMED, (name,)).fetchone()[0]
        db.execute("UPDATE speakers SET unnamed = ? WHERE name = ?", (unnamed, name))
    db.execute("DROP VIEW IF EXISTS speaker_summary")
    db.execute(SPEAKER_SUMMARY_VIEW)


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction (``executescript`` would commit first)."""
    for stmt in sql.split(";"):
        if stmt.strip():
            db.execute(stmt)


# ------------------------------------------------------------------------------------------------- store

_MENTION_COLS = (
    "m.id, m.article_id, m.cluster_id, m.kind, m.text, m.spans, m.speaker, m.speaker_mention, m.speaker_span, "
    "m.cue, m.cue_span, m.cue_lemma, m.descriptor, m.paragraph, m.in_headline, m.attribution, m.quoted_spans, "
    "m.cluster_text, COALESCE(m.person, m.speaker), m.speaker_via, m.speaker_confidence"
)
_NM = 21  # columns in _MENTION_COLS: a query's own columns follow at r[_NM], r[_NM + 1], …
_CLUSTER_COLS = (
    "id, speaker, text, kind, n_direct, n_mixed, n_indirect, outlets, mention_count, article_count, outlet_count, "
    "first_date, first_outlet, first_article_id, tied_outlets, last_date, variants, norm_text, attributions, "
    "misattributed, speaker_confidence"
)


def _mention_from_row(r: Sequence[Any]) -> Mention:
    return Mention(
        id=r[0],
        article_id=r[1],
        kind=r[3],
        text=r[4],
        spans=_spans(r[5]),
        speaker=r[18],  # the person's name in this index, of whom the article's attribution (r[6]) speaks
        speaker_mention=r[7],
        speaker_span=_span(r[8]),
        cue=r[9],
        cue_span=_span(r[10]),
        cue_lemma=r[11],
        descriptor=r[12],
        paragraph=r[13],
        in_headline=bool(r[14]),
        attribution=r[15],
        quoted_spans=_spans(r[16]),
        speaker_via=r[19],
        speaker_confidence=r[20],
    )


def _cluster_from_row(r: Sequence[Any]) -> ClusterSummary:
    return ClusterSummary(
        id=r[0],
        speaker=r[1],
        text=r[2],
        kind=r[3],
        kinds={"direct": r[4], "mixed": r[5], "indirect": r[6]},
        outlets=tuple(json.loads(r[7])),
        mention_count=r[8],
        article_count=r[9],
        outlet_count=r[10],
        first_date=r[11],
        first_outlet=r[12],
        first_article_id=r[13],
        tied_outlets=tuple(json.loads(r[14])),
        last_date=r[15],
        variants=tuple(json.loads(r[16])),
        norm_text=r[17],
        attributions=tuple(json.loads(r[18])) if len(r) > 18 and r[18] else (),
        misattributed=bool(r[19]) if len(r) > 19 else False,
        speaker_confidence=r[20] if len(r) > 20 else None,
    )


@lru_cache(maxsize=65536)
def _name_words(name: str) -> int:
    from quotetrace.people import name_key

    return min(len(name_key(name).split()), 3)


DEFAULT_CONFIDENCE = 0.5  # the vote of a mention stored before attributions carried a confidence


def _neg_fullness(name: str) -> tuple[int, int, str]:
    """Sort key parts: fuller names first (more name words, longer), then alphabetical."""
    return (-_name_words(name), -len(name), name)


def database_error(exc: sqlite3.Error, path: Path | str | None) -> StoreError:
    """A one-line StoreError for an SQLite failure met while using the index at ``path``: a full disk (the batch
    in flight was rolled back, everything stored before is intact), a damaged file (how to rebuild it), or
    anything else SQLite reports."""
    where = str(path) if path is not None else "the index"
    msg = str(exc)
    low = msg.lower()
    if "disk is full" in low or "disk i/o error" in low:
        return StoreError(
            f"cannot write to the index {where}: {msg}; the batch in progress was not stored, everything stored "
            "before it is intact",
            hint="free some space and run the same command again: it goes on where it stopped",
        )
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return StoreError(
            f"the index {where} is damaged ({msg})",
            hint=f"rebuild it: move {where} aside and run quotetrace ingest on your articles again "
            f"(sqlite3 {where} .recover may save what it still holds)",
        )
    if "readonly" in low or "read-only" in low:
        return StoreError(f"the index {where} cannot be written ({msg})", hint="check the permissions of the file")
    return StoreError(f"the index {where} could not be used: {msg}")


class Store:
    """An open index. Use :meth:`open` (a file) or :meth:`memory` (an empty, throwaway index)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._fts: bool | None = None
        self._aliases: Any = None
        from quotetrace.config import resolve_aliases_path

        self.aliases_path: Path | None = resolve_aliases_path(None, path)

    @property
    def aliases(self) -> Any:
        """The :class:`~quotetrace.people.Aliases` of :attr:`aliases_path` (read when first needed)."""
        if self._aliases is None:
            from quotetrace.people import load_aliases

            try:
                self._aliases = load_aliases(self.aliases_path)
            except ValueError as exc:
                raise StoreError(
                    str(exc), hint='fix or remove the file (JSON: {"merge": [...], "split": [...]})'
                ) from None
        return self._aliases

    @aliases.setter
    def aliases(self, value: Any) -> None:
        self._aliases = value

    # -- opening ---------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, read_only: bool = False) -> Store:
        """Open (and migrate) the index at ``path``; with ``create`` make it and its folder if missing.

        ``read_only`` (read commands): opened with ``mode=ro``, never written — and with ``immutable=1`` when the
        folder is read-only and the file is in WAL mode (WAL readers need to write ``-shm`` beside it). It is opened
        for writing only to apply a pending migration, when it can be written.

        Raises :class:`StoreError` with a one-line message naming the path for a folder, an unwritable
        location, a corrupt file, or a file that is not a quotetrace index.
        """
        p = Path(path)
        if p.is_dir():
            raise StoreError(
                f"{p} is a directory, not an index file", hint=f"use a file path, e.g. --db {p / 'index.db'}"
            )
        if not p.exists():
            if not create:
                raise StoreError(f"no index at {p}", hint="add articles with: quotetrace ingest PATH...")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the index {p}: {exc.strerror or exc}") from None
            if not os.access(p.parent, os.W_OK):
                raise StoreError(f"cannot create the index {p}: folder is not writable")
        elif create and not os.access(p, os.W_OK):
            raise StoreError(f"the index {p} is not writable")
        if read_only:
            store = cls._open_read_only(p)
            if store is not None:
                return store
        try:
            conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the index {p}: {exc}") from None
        store = cls(conn, p)
        try:
            store._setup(wal=True)
            store.migrate()
            store.ensure_cluster_scheme()
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "malformed" in str(exc):
                raise database_error(exc, p) from None
            raise StoreError(
                f"{p} is not a usable quotetrace index ({exc})", hint="move it aside or pick another --db"
            ) from None
        return store

    @classmethod
    def _open_read_only(cls, p: Path) -> Store | None:
        """The index opened read-only, or None when it has a migration pending and can be written (the caller then
        opens it for writing and migrates)."""
        from urllib.parse import quote

        uri = "file:" + quote(str(p.absolute()))
        last: Exception | None = None
        for flags in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(uri + flags, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            except sqlite3.Error as exc:
                last = exc
                continue
            store = cls(conn, p)
            try:
                store._setup(wal=False)
                version = store.schema_version()
            except sqlite3.OperationalError as exc:  # WAL in a read-only folder: no -shm can be made
                conn.close()
                last = exc
                continue
            except sqlite3.DatabaseError as exc:
                conn.close()
                if "malformed" in str(exc):
                    raise database_error(exc, p) from None
                raise StoreError(
                    f"{p} is not a usable quotetrace index ({exc})", hint="move it aside or pick another --db"
                ) from None
            latest = MIGRATIONS[-1].version
            if version == latest:
                return store
            conn.close()
            if version > latest:
                raise StoreError(
                    f"the index {p} has schema version {version}, newer than this quotetrace knows ({latest})",
                    hint="upgrade quotetrace",
                )
            if os.access(p, os.W_OK) and os.access(p.parent, os.W_OK):
                return None
            if version == 0:
                raise StoreError(f"{p} is an SQLite database but not a quotetrace index", hint="pick another --db")
            raise StoreError(
                f"the index {p} is read-only and was made by an older quotetrace (schema {version} of {latest})",
                hint="run quotetrace ingest once where it can be written, to upgrade it",
            )
        raise StoreError(f"cannot open the index {p} read-only: {last}")

    @classmethod
    def memory(cls) -> Store:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        store = cls(conn, None)
        store._setup(wal=False)
        store.migrate()
        store.ensure_cluster_scheme()
        return store

    def _setup(self, *, wal: bool) -> None:
        c = self.conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal:
            mode = c.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- migrations ------------------------------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        if row is None:
            return 0
        return int(self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])

    def migrate(self, migrations: Sequence[Migration] | None = None) -> list[int]:
        """Apply the pending numbered migrations, each in its own transaction; returns the versions applied."""
        migrations = MIGRATIONS if migrations is None else migrations
        current = self.schema_version()
        if current == 0:
            others = self.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if others:
                raise StoreError(
                    f"{self.path} is an SQLite database but not a quotetrace index", hint="pick another --db"
                )
        latest = migrations[-1].version if migrations else 0
        if current > latest:
            raise StoreError(
                f"the index {self.path} has schema version {current}, newer than this quotetrace knows ({latest})",
                hint="upgrade quotetrace",
            )
        applied: list[int] = []
        pending = [mig for mig in migrations if mig.version > current]
        if pending:  # tables are rebuilt to add foreign keys: enforcement is off while migrating (a no-op inside
            self.conn.execute("PRAGMA foreign_keys = OFF")  # a transaction, so set here)
        try:
            self._apply(pending, applied)
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")
        return applied

    def _apply(self, migrations: Sequence[Migration], applied: list[int]) -> None:
        for mig in migrations:
            with self.transaction():
                if self.schema_version() >= mig.version:  # another process got there first
                    continue
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                mig.apply(self.conn)
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (mig.version, mig.name, _now()),
                )
                self.conn.execute(f"PRAGMA user_version = {int(mig.version)}")
            applied.append(mig.version)

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [
            (int(v), str(n))
            for v, n in self.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        ]

    # -- transactions and meta -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception (Ctrl-C included) rolls the whole batch back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                with suppress(sqlite3.Error):  # the original error is the one to report
                    self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:  # a deferred foreign key: the batch would leave a dangling reference
            self.conn.execute("ROLLBACK")
            raise StoreError(
                f"the index {self.path} refused a write that would break its integrity ({exc}); nothing was saved",
                hint="please report this with the input that caused it",
            ) from None

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str | None) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def has_fts(self) -> bool:
        if self._fts is None:
            self._fts = self.get_meta("fts") == "1"
        return self._fts

    # -- clustering -----------------------------------------------------------------------------------------

    def load_state(self, name: str) -> dict[str, Any] | None:
        """A clusterer snapshot saved by an older quotetrace (kept readable; nothing writes them any more)."""
        row = self.conn.execute("SELECT state FROM clusterer_state WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(zlib.decompress(row[0]).decode("utf-8"))
        return data

    def generation(self) -> str | None:
        """Bumped by every batch that clusters: a changed value means another ingest committed meanwhile."""
        return self.get_meta("clusterer_generation")

    def cluster_piece_rows(self) -> Iterator[tuple[str, str, str | None, str | None, str, str | None, str, int]]:
        """Every stored piece as the clusterer needs it: (piece id, words, cluster id, speaker, kind, article date,
        article id, start offset)."""
        yield from self.conn.execute(
            "SELECT p.piece_id, p.cluster_text, p.cluster_id, m.speaker, m.kind, a.date, a.id, p.start "
            "FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id"
        )

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
        row = self.conn.execute("SELECT text, title FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else (row[0], row[1])

    def cluster_scheme_current(self) -> bool:
        return self.get_meta("cluster_scheme") == CLUSTER_SCHEME

    def mark_cluster_scheme(self) -> None:
        self.set_meta("cluster_scheme", CLUSTER_SCHEME)
        self.conn.execute("DELETE FROM clusterer_state")  # snapshots of the old incremental clusterer

    def ensure_cluster_scheme(self) -> None:
        """Migrate an index clustered by an older scheme: re-cluster it from its stored pieces (once, on open)."""
        if self.cluster_scheme_current():
            return
        has_pieces = self.conn.execute("SELECT 1 FROM mention_pieces LIMIT 1").fetchone() is not None
        if not has_pieces:
            with self.transaction():
                self.mark_cluster_scheme()
            return
        from quotetrace.index import recluster

        recluster(self)

    def apply_assignments(
        self,
        assignments: Mapping[str, str],
        aliases: Mapping[str, str],
        res: BatchResult | None = None,
        *,
        refresh_all: bool = False,
    ) -> None:
        """Move stored pieces to new clusters (inside the caller's transaction), re-identify people, and refresh the
        summaries of what changed (``refresh_all``: of every cluster)."""
        res = res if res is not None else BatchResult()
        touched = self._move_pieces(assignments)
        touched |= self._record_aliases(aliases)
        touched |= self.refresh_people()
        if refresh_all:
            touched |= {cid for (cid,) in self.conn.execute("SELECT DISTINCT cluster_id FROM mention_pieces")}
            touched |= {cid for (cid,) in self.conn.execute("SELECT id FROM clusters")}
            touched.discard(None)  # type: ignore[arg-type]
        speakers, outlets = self._refresh_clusters(touched, res)
        self._refresh_speakers(speakers)
        self._refresh_outlets(outlets)

    def _move_pieces(self, assignments: Mapping[str, str]) -> set[str]:
        """Set the cluster of stored pieces; a mention's own cluster follows its longest piece."""
        touched: set[str] = set()
        mentions: set[str] = set()
        c = self.conn
        for pid, cid in assignments.items():
            row = c.execute("SELECT mention_id, cluster_id FROM mention_pieces WHERE piece_id = ?", (pid,)).fetchone()
            if row is None or row[1] == cid:
                continue
            if row[1]:
                touched.add(row[1])
            touched.add(cid)
            mentions.add(row[0])
            c.execute("UPDATE mention_pieces SET cluster_id = ? WHERE piece_id = ?", (cid, pid))
        for mid in sorted(mentions):
            best = c.execute(
                "SELECT cluster_id FROM mention_pieces WHERE mention_id = ? AND cluster_id IS NOT NULL "
                "ORDER BY length(cluster_text) DESC, idx DESC LIMIT 1",
                (mid,),
            ).fetchone()
            c.execute("UPDATE mentions SET cluster_id = ? WHERE id = ?", (best[0] if best else None, mid))
        return touched

    def _record_aliases(self, aliases: Mapping[str, str]) -> set[str]:
        touched: set[str] = set()
        for gone, keep in aliases.items():
            if gone == keep:
                continue
            self.conn.execute("INSERT OR REPLACE INTO cluster_aliases(alias, cluster_id) VALUES (?, ?)", (gone, keep))
            self.conn.execute("UPDATE cluster_aliases SET cluster_id = ? WHERE cluster_id = ?", (keep, gone))
            self.conn.execute("DELETE FROM cluster_aliases WHERE alias = cluster_id")
            touched.update((gone, keep))
        return touched

    # -- writes ----------------------------------------------------------------------------------------------

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

    @staticmethod
    def meta_hash(article: Article) -> str:
        from quotetrace.models import short_hash

        return short_hash(article.outlet, article.date, article.url, article.path, size=8)

    def commit_batch(
        self,
        items: Sequence[tuple[Article, Sequence[Mention]]],
        assignments: Mapping[str, str] | None = None,
        *,
        aliases: Mapping[str, str] | None = None,
        states: Mapping[str, Mapping[str, Any]] | None = None,
        cluster: ClusterStep | None = None,
        metadata_only: Sequence[Article] = (),
        model: str | None = None,
    ) -> BatchResult:
        """Store a batch in ONE transaction: articles (replacing their old mentions), mentions with their
        cluster ids, merged-cluster aliases, refreshed summaries, and the clusterer snapshots.

        ``assignments``: piece id -> cluster id, for the batch's pieces (missing ones are stored unclustered) and for
        stored pieces whose cluster changed (they are moved);
        ``aliases``: retired cluster id -> the cluster that holds its pieces now (new or changed entries only);
        ``states``: ignored (older callers passed clusterer snapshots; membership is now stored once, per piece);
        ``cluster``: instead of the three above, a step run inside the write lock that returns them — so two
        ingests running at once each cluster against the other's latest snapshot (see :meth:`generation`);
        ``metadata_only``: stored articles whose text is unchanged but whose outlet/date/url changed.
        """
        from quotetrace.normalise import normalise_quote

        res = BatchResult()
        with self.transaction():
            if cluster is not None:
                assignments, aliases, _states = cluster()
            assignments = assignments or {}
            touched = res.clusters_touched
            written: set[str] = set()  # pieces of this batch (their rows are written below)
            spellings: set[str] = set()  # speaker names printed by this batch
            outlets: set[str] = set()
            now = _now()
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
                        now,
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
                for m in mentions:
                    pieces = clustering_pieces(m, art.text)
                    piece_cids = [assignments.get(pid) for pid, _, _ in pieces]
                    touched.update(c for c in piece_cids if c)
                    # the mention's own cluster: that of its longest clustered piece
                    ranked = sorted(
                        ((len(words), k) for k, (_, words, _) in enumerate(pieces) if piece_cids[k]), reverse=True
                    )
                    cid = piece_cids[ranked[0][1]] if ranked else assignments.get(m.id)
                    for k, (pid, words, start) in enumerate(pieces):
                        written.add(pid)
                        piece_rows.append((pid, m.id, k, piece_cids[k], words, normalise_quote(words), start))
                    ctext = clustering_text(m, art.text)
                    rows.append(
                        (
                            m.id,
                            art.id,
                            cid,
                            m.kind,
                            m.text,
                            ctext,
                            normalise_quote(ctext),
                            _json([list(s) for s in m.spans]),
                            m.start if m.spans else 0,
                            m.speaker,
                            m.speaker_mention,
                            _json(list(m.speaker_span) if m.speaker_span else None),
                            m.cue,
                            _json(list(m.cue_span) if m.cue_span else None),
                            m.cue_lemma,
                            m.descriptor,
                            m.paragraph,
                            int(m.in_headline),
                            m.attribution,
                            _json([list(s) for s in m.quoted_spans]) if m.quoted_spans else None,
                            m.speaker,
                            m.speaker_via,
                            m.speaker_confidence,
                        )
                    )
                    if m.speaker:
                        spellings.add(m.speaker)
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
            batch_pieces = {pid for pid in assignments if pid in written}
            touched |= self._move_pieces({pid: cid for pid, cid in assignments.items() if pid not in batch_pieces})
            touched |= self._record_aliases(aliases or {})
            if items:
                touched |= self.refresh_people(spellings)
            before = self._cluster_rows(touched)
            speakers, more_outlets = self._refresh_clusters(touched, res)
            after = self._cluster_rows(touched)
            res.clusters_changed = {cid for cid, row in after.items() if before.get(cid) != row}
            self._refresh_speakers(speakers)
            self._refresh_outlets(outlets | more_outlets)
            if cluster is not None or assignments:
                self.set_meta("clusterer_generation", str(int(self.generation() or 0) + 1))
            res.generation = self.generation()
            self.set_meta("last_ingest", now)
            if model:
                self.set_meta("model", model)
        return res

    def _cluster_rows(self, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        """The stored summary rows of these clusters (to tell which ones a batch really changed)."""
        ids = sorted(ids)
        out: dict[str, tuple[Any, ...]] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            q = f"SELECT {_CLUSTER_COLS} FROM clusters WHERE id IN ({','.join('?' * len(chunk))})"
            out.update((r[0], tuple(r)) for r in self.conn.execute(q, chunk))
        return out

    # -- people ------------------------------------------------------------------------------------------------

    def refresh_people(self, spellings: Iterable[str] = ()) -> set[str]:
        """Recompute who is who across the index (:func:`quotetrace.people.identify` over every speaker spelling,
        with this store's ``aliases``); update the mentions whose person changed (and those of ``spellings``, just
        written). Returns the clusters whose mentions changed person. Inside the caller's transaction."""
        from quotetrace.people import identify

        c = self.conn
        counts = dict(c.execute("SELECT speaker, count(*) FROM mentions WHERE speaker IS NOT NULL GROUP BY speaker"))

        def beside(spelling: str) -> list[str]:
            return [
                n
                for (n,) in c.execute(
                    "SELECT DISTINCT o.speaker FROM mentions m JOIN mentions o ON o.article_id = m.article_id "
                    "WHERE m.speaker = ? AND o.speaker IS NOT NULL AND o.speaker != m.speaker",
                    (spelling,),
                )
            ]

        people = identify(counts, cooccur=beside, aliases=self.aliases)
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

    def set_aliases(self, aliases: Any) -> set[str]:
        """Use these :class:`~quotetrace.people.Aliases` (from the aliases file) and re-identify people now; returns
        the clusters whose speaker may have changed (their summaries are refreshed)."""
        self.aliases = aliases
        res = BatchResult()
        with self.transaction():
            touched = self.refresh_people()
            speakers, outlets = self._refresh_clusters(touched, res)
            self._refresh_speakers(speakers)
            self._refresh_outlets(outlets)
        return touched

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

    def _refresh_clusters(self, ids: Iterable[str], res: BatchResult) -> tuple[set[str], set[str]]:
        """Recompute the summary rows of ``ids`` from their mentions; returns the speakers and outlets affected."""
        speakers: set[str] = set()
        outlets: set[str] = set()
        pairs: dict[tuple[str, str], int] = {}  # (outlet, speaker) -> change in quotes printed
        c = self.conn
        for cid in sorted(ids):
            old = c.execute("SELECT seq, speaker FROM clusters WHERE id = ?", (cid,)).fetchone()
            old_outlets = [o for (o,) in c.execute("SELECT outlet FROM cluster_outlets WHERE cluster_id = ?", (cid,))]
            if old is not None and old[1]:
                speakers.add(old[1])
                for o in old_outlets:
                    pairs[(o, old[1])] = pairs.get((o, old[1]), 0) - 1
            outlets.update(old_outlets)
            rows = c.execute(
                "SELECT p.norm, m.kind, p.cluster_text, COALESCE(m.person, m.speaker), p.start, a.id, a.date, "
                "a.outlet, m.id, m.speaker, m.speaker_confidence "
                "FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id "
                "WHERE p.cluster_id = ?",
                (cid,),
            ).fetchall()
            c.execute("DELETE FROM cluster_outlets WHERE cluster_id = ?", (cid,))
            if not rows:
                if old is not None:
                    c.execute("DELETE FROM clusters WHERE seq = ?", (old[0],))
                    if self.has_fts:
                        c.execute("DELETE FROM clusters_fts WHERE rowid = ?", (old[0],))
                    res.clusters_removed.add(cid)
                continue
            # date order: dated first (earliest first), then article id and position for a stable tie order
            rows.sort(key=lambda r: (r[6] is None, r[6] or "", r[5], r[4]))
            kinds = {"direct": 0, "mixed": 0, "indirect": 0}
            speaker_counts: dict[str, int] = {}
            votes: dict[str, float] = {}  # person -> summed attribution confidence
            said_by: dict[str, list[str]] = {}  # person -> outlets attributing the words to them
            printed: dict[str, int] = {}  # spellings printed, for the variants
            outlet_order: list[str] = []
            articles: set[str] = set()
            wordings: dict[str, str] = {}
            best_text, best_len = rows[0][2], -1
            best_norm = rows[0][0]
            counted: set[str] = set()
            for norm, kind, ctext, spk, _start, aid, _date, outlet, mid, raw, conf in rows:
                if mid not in counted:  # a mention counts once, however many of its pieces are here
                    counted.add(mid)
                    kinds[kind] = kinds.get(kind, 0) + 1
                    if spk:
                        speaker_counts[spk] = speaker_counts.get(spk, 0) + 1
                        votes[spk] = votes.get(spk, 0.0) + (conf if conf is not None else DEFAULT_CONFIDENCE)
                        by = said_by.setdefault(spk, [])
                        if outlet and outlet not in by:
                            by.append(outlet)
                        printed[f"{spk}\x00{raw}"] = printed.get(f"{spk}\x00{raw}", 0) + 1
                if outlet and outlet not in outlet_order:
                    outlet_order.append(outlet)
                articles.add(aid)
                wordings.setdefault(norm, ctext)
                n = norm.count(" ") + 1 if norm else 0
                if n > best_len:
                    best_text, best_norm, best_len = ctext, norm, n
            # the consensus: the person the mentions name with the most confidence in all (then the most mentions,
            # then the fuller name); every person named is listed with the outlets naming them
            ranked = sorted(votes, key=lambda s: (-round(votes[s], 6), -speaker_counts[s], *_neg_fullness(s)))
            speaker = ranked[0] if ranked else None
            total = sum(votes.values())
            share = round(votes[speaker] / total, 3) if speaker is not None and total > 0 else None
            attributions = [
                {"speaker": s, "outlets": said_by[s], "mentions": speaker_counts[s], "weight": round(votes[s], 3)}
                for s in ranked
            ]
            misattributed = len(ranked) > 1
            # the other spellings of the speaker's own name (other people named are in ``attributions``)
            own = {k.split("\x00", 1)[1]: n for k, n in printed.items() if k.split("\x00", 1)[0] == speaker}
            variants = sorted((s for s in own if s != speaker), key=lambda s: (-own[s], s))
            first = rows[0]
            first_date = first[6]
            ties: list[str] = []
            if first_date is not None:
                for r in rows[1:]:
                    if not same_moment(first_date, r[6]):
                        break
                    if r[7] and r[7] != first[7] and r[7] not in ties:
                        ties.append(r[7])
            dated = [r[6] for r in rows if r[6]]
            total = len(counted)
            kind = "direct" if kinds["direct"] == total else "indirect" if kinds["indirect"] == total else "mixed"
            norm_text = best_norm
            values = (
                cid,
                speaker,
                fold(speaker) if speaker else LAST,
                best_text,
                norm_text,
                kind,
                kinds["direct"],
                kinds["mixed"],
                kinds["indirect"],
                total,
                len(articles),
                len(outlet_order),
                _json(outlet_order),
                first_date,
                first_date or LAST,
                first[7],
                first[5],
                _json(ties),
                max(dated) if dated else None,
                _json(variants),
                _json(attributions),
                int(misattributed),
                share,
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
                values,
            )
            seq = c.execute("SELECT seq FROM clusters WHERE id = ?", (cid,)).fetchone()[0]
            c.executemany(
                "INSERT OR IGNORE INTO cluster_outlets(outlet, cluster_id) VALUES (?, ?)",
                [(o, cid) for o in outlet_order],
            )
            if self.has_fts:
                c.execute("DELETE FROM clusters_fts WHERE rowid = ?", (seq,))
                search_text = " | ".join(list(wordings)[:8])
                c.execute("INSERT INTO clusters_fts(rowid, text) VALUES (?, ?)", (seq, search_text))
            if speaker:
                speakers.add(speaker)
                for o in outlet_order:
                    pairs[(o, speaker)] = pairs.get((o, speaker), 0) + 1
            outlets.update(outlet_order)
        for (outlet, spk), delta in sorted(pairs.items()):
            if delta:
                c.execute(
                    "INSERT INTO outlet_speakers(outlet, speaker, cluster_count) VALUES (?, ?, ?) "
                    "ON CONFLICT(outlet, speaker) DO UPDATE SET cluster_count = cluster_count + excluded.cluster_count",
                    (outlet, spk, delta),
                )
        c.execute("DELETE FROM outlet_speakers WHERE cluster_count <= 0")
        return speakers, outlets

    def _refresh_speakers(self, names: Iterable[str]) -> None:
        from quotetrace.people import surname_key

        c = self.conn
        for name in sorted(names):
            n_clusters = c.execute("SELECT count(*) FROM clusters WHERE speaker = ?", (name,)).fetchone()[0]
            # a mention counts once, however many of its pieces sit in the speaker's quotes (as export lists it)
            n_mentions, n_articles = c.execute(_SPEAKER_MENTIONS, (name,)).fetchone()
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
            unnamed = c.execute(_SPEAKER_UNNAMED, (name,)).fetchone()[0]
            c.execute(
                "INSERT OR REPLACE INTO speakers(name, folded, surname, cluster_count, mention_count, outlet_count, "
                "article_count, spellings, unnamed) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    name,
                    fold(name),
                    surname_key(name) or fold(name),
                    n_clusters,
                    n_mentions,
                    n_outlets,
                    n_articles,
                    _json(spellings or [name]),
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

    # -- reads: clusters -------------------------------------------------------------------------------------

    def match_speakers(self, query: str) -> list[str]:
        """Speaker names matching ``query`` forgivingly: accent/case-insensitive substring, or same surname."""
        q = fold(query)
        if not q:
            return []
        sql = "SELECT name FROM speakers WHERE folded LIKE ? ESCAPE '\\' OR surname = ? ORDER BY name"
        like = f"%{_like_escape(q)}%"
        # the last word is the surname in nearly every query ("Calderon", "Mr. Calderón", "Stoltenberg's");
        # the full name parser (titles, appositions) is loaded only when that finds nobody
        last = re.sub(r"'s$|[^\w'-]", "", q.split()[-1])
        names = [r[0] for r in self.conn.execute(sql, (like, last or q))]
        if names:
            return names
        from quotetrace.people import surname_key

        surname = surname_key(query)
        if not surname or surname == last:
            return []
        return [r[0] for r in self.conn.execute(sql, (like, surname))]

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
            names = self.match_speakers(q.speaker)
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
            where.append(sw[0])
            args.extend(sw[1])
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
        sql = f"SELECT {_CLUSTER_COLS} FROM clusters"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if q.limit is not None or q.offset:
            sql += " LIMIT ? OFFSET ?"
            args.extend([q.limit if q.limit is not None else -1, q.offset])
        return [_cluster_from_row(r) for r in self.conn.execute(sql, args)]

    def cluster(self, cluster_id: str) -> ClusterSummary | None:
        row = self.conn.execute(f"SELECT {_CLUSTER_COLS} FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        return None if row is None else _cluster_from_row(row)

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
        return [r[0] for r in rows]

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

        ids = [r[0] for r in self.conn.execute("SELECT id FROM clusters")]
        found = process.extract(ident, ids, scorer=fuzz.ratio, limit=limit, score_cutoff=50)
        return [str(f[0]) for f in found]

    def appearances(self, cluster_id: str) -> list[Appearance]:
        """Every mention of a cluster with its article, in date order (undated last, then article id, offset)."""
        rows = self.conn.execute(
            f"SELECT {_MENTION_COLS}, a.path, a.outlet, a.title, a.date, a.url, a.text, p.cluster_text "
            "FROM mention_pieces p JOIN mentions m ON m.id = p.mention_id JOIN articles a ON a.id = m.article_id "
            "WHERE p.cluster_id = ? ORDER BY p.mention_id, p.idx",
            (cluster_id,),
        ).fetchall()
        out: list[Appearance] = []
        for r in rows:
            if out and out[-1].mention.id == r[0]:  # two pieces of one mention in this cluster: one appearance
                prev = out[-1]
                out[-1] = prev._replace(cluster_text=f"{prev.cluster_text} … {r[_NM + 6]}")
                continue
            x = r[_NM:]
            art = Article(id=r[1], text=x[5], path=x[0], outlet=x[1], title=x[2], date=x[3], url=x[4])
            out.append(Appearance(_mention_from_row(r), art, r[2], x[6]))
        out.sort(key=lambda a: (a.article.date is None, a.article.date or "", a.article.id, a.mention.start))
        return out

    def iter_mentions(self, *, with_text: bool = False, query: MentionQuery | None = None) -> Iterator[Appearance]:
        """Every stored mention (matching ``query``) with its article, in article date order (undated last), then
        position. Raises :class:`LookupError` naming an id of ``query.ids`` that is not in the index."""
        text_col = "a.text" if with_text else "''"
        where, args = self._mention_where(query) if query is not None else ([], [])
        if where is None:
            return
        sql = (
            f"SELECT {_MENTION_COLS}, a.path, a.outlet, a.title, a.date, a.url, {text_col} "
            "FROM articles a JOIN mentions m ON m.article_id = a.id "
            + ("WHERE " + " AND ".join(where) + " " if where else "")
            + "ORDER BY a.date IS NULL, a.date, a.id, m.start, m.id"
        )
        for r in self.conn.execute(sql, args):
            x = r[_NM:]
            art = Article(id=r[1], text=x[5], path=x[0], outlet=x[1], title=x[2], date=x[3], url=x[4])
            yield Appearance(_mention_from_row(r), art, r[2], r[17])

    def _mention_where(self, q: MentionQuery) -> tuple[list[str] | None, list[Any]]:
        """SQL conditions (on ``m`` mentions and ``a`` articles) for ``q``; None when nothing can match."""
        where: list[str] = []
        args: list[Any] = []
        if q.speaker:
            names = self.match_speakers(q.speaker)
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
        merged: list[list[Any]] = []
        for mid, text, start, aid, date, words in rows:
            if merged and merged[-1][0] == mid:
                merged[-1][5] = f"{merged[-1][5]} … {words}"
                continue
            merged.append([mid, text, start, aid, date, words])
        merged.sort(key=lambda r: (r[4] is None, r[4] or "", r[3], r[2]))
        return [(r[1], r[5] or r[1], r[3]) for r in merged]

    def search_clusters(self, words: Sequence[str], limit: int = 200) -> list[ClusterSummary]:
        """Candidate clusters sharing words with ``words`` (normalised), best full-text rank first."""
        if not words:
            return []
        if self.has_fts:
            sql = (
                f"SELECT {', '.join('c.' + x.strip() for x in _CLUSTER_COLS.split(','))} FROM clusters_fts f "
                "JOIN clusters c ON c.seq = f.rowid WHERE clusters_fts MATCH ? ORDER BY f.rank LIMIT ?"
            )
            rows = self.conn.execute(sql, (_fts_query(sorted(set(words)), mode="or"), limit)).fetchall()
        else:
            likes = " OR ".join("norm_text LIKE ? ESCAPE '\\'" for _ in words)
            rows = self.conn.execute(
                f"SELECT {_CLUSTER_COLS} FROM clusters WHERE {likes} LIMIT ?",
                [*(f"%{_like_escape(w)}%" for w in words), limit],
            ).fetchall()
        return [_cluster_from_row(r) for r in rows]

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

    def statement_rows(
        self, article_ids: Iterable[str]
    ) -> list[tuple[str, str, str | None, str, str, str | None, str | None, str]]:
        """(mention id, article id, article date, kind, text, speaker (the person, index-wide), its cluster's speaker,
        the clusters of its pieces joined by spaces) of every mention of these articles (paraphrase linking)."""
        ids = sorted(set(article_ids))
        rows: list[tuple[str, str, str | None, str, str, str | None, str | None, str]] = []
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            rows.extend(
                (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "")
                for r in self.conn.execute(
                    "SELECT m.id, m.article_id, a.date, m.kind, m.text, COALESCE(m.person, m.speaker), c.speaker, "
                    "(SELECT group_concat(p.cluster_id, ' ') FROM mention_pieces p "
                    "WHERE p.mention_id = m.id AND p.cluster_id IS NOT NULL) "
                    "FROM mentions m JOIN articles a ON a.id = m.article_id "
                    "LEFT JOIN clusters c ON c.id = m.cluster_id "
                    f"WHERE m.article_id IN ({','.join('?' * len(chunk))}) ORDER BY m.article_id, m.start, m.id",
                    chunk,
                )
            )
        return rows

    def replace_paraphrases(self, ids: Iterable[str], links: Iterable[tuple[str, str, float]]) -> None:
        """Replace the stored links of ``ids`` by ``links`` (kept in both directions), in one transaction; links of
        clusters that no longer exist (merged, re-solved or removed since) are dropped too."""
        ids = list(ids)
        with self.transaction():
            for k in range(0, len(ids), 500):
                chunk = ids[k : k + 500]
                marks = ",".join("?" * len(chunk))
                self.conn.execute(
                    f"DELETE FROM paraphrases WHERE cluster_id IN ({marks}) OR other_id IN ({marks})", [*chunk, *chunk]
                )
            rows = [(a, b, s) for a, b, s in links] + [(b, a, s) for a, b, s in links]
            self.conn.executemany(
                "INSERT OR REPLACE INTO paraphrases(cluster_id, other_id, score) VALUES (?,?,?)", rows
            )
            self.conn.execute(
                "DELETE FROM paraphrases WHERE cluster_id NOT IN (SELECT id FROM clusters) "
                "OR other_id NOT IN (SELECT id FROM clusters)"
            )

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
    ) -> list[SpeakerStats]:
        """Speaker rows; ``unnamed``: None every row, False the people known by a name, True the unnamed sources."""
        conds: list[str] = []
        args: list[Any] = []
        if search:
            names = self.match_speakers(search)
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
            SpeakerStats(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])) if r[5] else (r[0],), bool(r[6]))
            for r in self.conn.execute(sql, args)
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
            f"SELECT {_MENTION_COLS}, a.path, a.outlet, a.title, a.date, a.url, a.text "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.id = ?",
            (mention_id,),
        ).fetchone()
        if r is None:
            return None
        x = r[_NM:]
        art = Article(id=r[1], text=x[5], path=x[0], outlet=x[1], title=x[2], date=x[3], url=x[4])
        return Appearance(_mention_from_row(r), art, r[2], r[17])

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
            cols = ", ".join("c." + x.strip() for x in _CLUSTER_COLS.split(","))
            query = " OR ".join(
                f"({_fts_query([a, b], mode='and')})" for i, a in enumerate(words) for b in words[i + 1 :]
            )
            rows = self.conn.execute(
                f"SELECT {cols} FROM clusters_fts f JOIN clusters c ON c.seq = f.rowid WHERE clusters_fts MATCH ? "
                "LIMIT ?",
                (query, limit),
            ).fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {_CLUSTER_COLS} FROM clusters WHERE norm_text LIKE ? ESCAPE '\\' LIMIT ?",
                (f"%{_like_escape(words[0])}%", limit),
            ).fetchall()
        return [c for c in map(_cluster_from_row, rows) if c.norm_text != norm_text]

    def containing_clusters(self, norm_text: str, limit: int = 10) -> list[ClusterSummary]:
        """Other clusters whose normalised wording contains ``norm_text`` at word boundaries, longest first (a
        short quote that is part of a longer one the clusterer kept apart)."""
        words = norm_text.split()
        if len(words) < 2:
            return []
        if self.has_fts:
            cols = ", ".join("c." + x.strip() for x in _CLUSTER_COLS.split(","))
            rows = self.conn.execute(
                f"SELECT {cols} FROM clusters_fts f JOIN clusters c ON c.seq = f.rowid WHERE clusters_fts MATCH ? "
                "LIMIT 500",
                (_fts_query(sorted(sorted(set(words), key=lambda w: (-len(w), w))[:3]), mode="and"),),  # rarest
            ).fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {_CLUSTER_COLS} FROM clusters WHERE norm_text LIKE ? ESCAPE '\\' LIMIT 500",
                (f"%{_like_escape(norm_text)}%",),
            ).fetchall()
        needle = f" {norm_text} "
        hits = [
            c
            for c in map(_cluster_from_row, rows)
            if len(c.norm_text) > len(norm_text) and needle in f" {c.norm_text} "
        ]
        return sorted(hits, key=lambda c: (-len(c.norm_text), c.id))[:limit]
