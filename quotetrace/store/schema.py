"""The index's schema: numbered migrations (never reordered or edited), read views and the SQL shared by them."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from typing import NamedTuple

__all__ = ["MIGRATIONS", "READ_VIEWS", "SPEAKER_MENTIONS_SQL", "SPEAKER_UNNAMED_SQL", "Migration", "migration"]


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
    # identified) when opened, see quotetrace.ingest.run.upgrade
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
            m.quoted_spans, COALESCE(m.person, m.speaker) AS speaker, m.speaker_mention, m.speaker_span,
            m.descriptor AS descriptor_found, m.cue,
            m.cue_lemma, m.cue_span, m.paragraph, m.paragraph + 1 AS paragraph_number,
            CASE WHEN m.in_headline THEN 'headline' WHEN m.paragraph <= 1 THEN 'lede' ELSE 'body' END AS placement,
            m.attribution, c.speaker AS quote_speaker, c.text AS quote_text,
            m.person, m.speaker_via, m.speaker_confidence, m.speaker AS speaker_printed
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


SPEAKER_MENTIONS_SQL = (
    "SELECT count(DISTINCT p.mention_id), count(DISTINCT m.article_id) FROM clusters cl "
    "JOIN mention_pieces p ON p.cluster_id = cl.id JOIN mentions m ON m.id = p.mention_id WHERE cl.speaker = ?"
)
# a speaker is an unnamed source when no mention of theirs found them by a name (printed, a role resolved to a named
# person, or two names together): each article only describes them; pronouns and follow-ons inherit, they name no one
SPEAKER_UNNAMED_SQL = (
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
        n_mentions, n_articles = db.execute(SPEAKER_MENTIONS_SQL, (name,)).fetchone()
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
        unnamed = db.execute(SPEAKER_UNNAMED_SQL, (name,)).fetchone()[0]
        db.execute("UPDATE speakers SET unnamed = ? WHERE name = ?", (unnamed, name))
    db.execute("DROP VIEW IF EXISTS speaker_summary")
    db.execute(SPEAKER_SUMMARY_VIEW)


@migration
def m010_drop_clusterer_state(db: sqlite3.Connection) -> None:
    """``clusterer_state`` goes: snapshots of the old incremental clusterer that nothing has read or written since
    cluster membership is stored once, per piece (``mention_pieces.cluster_id``). An index clustered by that older
    scheme is re-clustered from its pieces when opened for writing, as before; the snapshots were never used."""
    db.execute("DROP TABLE IF EXISTS clusterer_state")


@migration
def m011_mention_speaker_is_the_person(db: sqlite3.Connection) -> None:
    """``quote_mentions.speaker`` is the person the index names, as ``export`` prints a mention's speaker (an
    article's "Jose Calderon" is the index's "José Calderón"); the article's own spelling stays, as
    ``speaker_printed``."""
    db.execute("DROP VIEW IF EXISTS quote_mentions")
    db.execute(READ_VIEWS["quote_mentions"])


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction (``executescript`` would commit first)."""
    for stmt in sql.split(";"):
        if stmt.strip():
            db.execute(stmt)
