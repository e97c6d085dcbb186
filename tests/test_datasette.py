"""The index as Datasette and sqlite-utils read it: foreign keys that hold, views that read like the JSON contract,
full-text search attached to the quotes view and kept in step, described tables, and the migration of an older
index. Real spaCy pipeline on the fixtures; sqlite-utils from the dev extra."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from typer.testing import CliRunner

from quotetrace.cli import app
from quotetrace.dbdocs import COLUMNS, TABLES, datasette_metadata, schema_markdown
from quotetrace.errors import StoreError
from quotetrace.ingest import iter_inputs
from quotetrace.ingest.run import ingest
from quotetrace.models import Article
from quotetrace.store import MIGRATIONS, Store

REPO = Path(__file__).resolve().parent.parent
WIRE = REPO / "fixtures" / "index" / "wire.jsonl"
SEEDS = REPO / "seeds"
# the tables and views of the schema this module documents (later migrations may add more)
DOCUMENTED = set(TABLES)


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()


runner = _runner()


def run_json(*args: str) -> Any:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if args[-1] != "jsonl" else result.stdout


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "index.db"
    result = runner.invoke(app, ["ingest", str(SEEDS), str(WIRE), "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def db(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "index.db"
    shutil.copy(template_db, target)
    monkeypatch.setenv("QUOTETRACE_DB", str(target))
    monkeypatch.setenv("QUOTETRACE_NO_PROGRESS", "1")
    return target


def rows(path: Path, sql: str, *args: Any) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


# -------------------------------------------------------------------------------------- sqlite-utils sees it


def test_sqlite_utils_detects_fts_on_the_quotes_view_and_the_foreign_keys(db: Path) -> None:
    sdb = sqlite_utils.Database(db)
    assert {"quotes", "quote_mentions", "outlet_summary", "speaker_summary"} <= set(sdb.view_names())
    assert sdb.table("clusters").detect_fts() == "quotes_fts"
    found = list(sdb.table("clusters").search("taxes", columns=["id"]))
    assert found and {f["id"] for f in found} <= {q["id"] for q in run_json("list", "--json", "-n", "0")}
    fks = {(t, fk.column, fk.other_table, fk.other_column) for t in sdb.table_names() for fk in sdb[t].foreign_keys}
    assert {
        ("mentions", "article_id", "articles", "id"),
        ("mentions", "cluster_id", "clusters", "id"),
        ("mention_pieces", "mention_id", "mentions", "id"),
        ("mention_pieces", "cluster_id", "clusters", "id"),
        ("cluster_outlets", "cluster_id", "clusters", "id"),
        ("cluster_outlets", "outlet", "outlets", "name"),
        ("clusters", "first_article_id", "articles", "id"),
    } <= fks
    assert rows(db, "PRAGMA foreign_key_check") == []
    hits = rows(
        db, "SELECT q.id FROM quotes q WHERE q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", "taxes"
    )
    assert hits and {h["id"] for h in hits} <= {q["id"] for q in run_json("list", "--json", "-n", "0")}


@pytest.mark.xfail(
    strict=True,
    reason="known: quote_mentions.speaker is the printed spelling, export's speaker is COALESCE(person, speaker); "
    "they differ once a mention printed 'Jose Calderon' joins 'José Calderón' (the herald fixture's 'called it "
    "“a fantasy …”', attributed since issue 12's governing-cue rule)",
)
def test_the_views_read_like_the_json_contract(db: Path) -> None:
    listed = {q["id"]: q for q in run_json("list", "--json", "-n", "0")}
    quotes = rows(db, "SELECT * FROM quotes")
    assert {q["id"] for q in quotes} == set(listed)
    for q in quotes:
        js = listed[q["id"]]
        assert (q["speaker"], q["text"], q["kind"], json.loads(q["outlets"])) == (
            js["speaker"],
            js["text"],
            js["kind"],
            js["outlets"],
        )
        assert (q["mention_count"], q["outlet_count"], q["article_count"]) == (
            js["mention_count"],
            js["outlet_count"],
            js["article_count"],
        )
        fs = js["first_seen"]
        assert (q["first_date"], q["first_seen_outlet"], q["first_seen_article_id"]) == (
            fs["date"],
            fs["outlet"],
            fs["article_id"],
        )
        assert json.loads(q["first_seen_tied_with"]) == fs["tied_with"] and bool(q["first_tied"]) == js["first_tied"]
        assert q["last_date"] == js["last_seen"] and json.loads(q["speaker_variants"]) == js["speaker_variants"]
    exported = [json.loads(line) for line in run_json("export", "--format", "jsonl").splitlines()]
    mentions = {m["id"]: m for m in rows(db, "SELECT * FROM quote_mentions")}
    assert set(mentions) == {r["id"] for r in exported}
    for r in exported:
        m = mentions[r["id"]]
        for key in (
            "cluster_id",
            "article_id",
            "kind",
            "text",
            "speaker",
            "speaker_mention",
            "cue",
            "paragraph",
            "paragraph_number",
            "placement",
            "attribution",
        ):
            assert m[key] == r[key], key
        assert json.loads(m["spans"]) == r["spans"]
        assert (m["outlet"], m["date"], m["title"], m["url"]) == tuple(
            r["article"][k] for k in ("outlet", "date", "title", "url")
        )
    outlets = {o["outlet"]: o for o in run_json("outlets", "--json", "--no-framing", "-n", "0")}
    for o in rows(db, "SELECT * FROM outlet_summary"):
        js = outlets[o["outlet"]]
        assert (o["article_count"], o["mention_count"], o["cluster_count"]) == (
            js["article_count"],
            js["mention_count"],
            js["cluster_count"],
        )
        assert json.loads(o["top_speakers"]) == js["top_speakers"]
    speakers = {s["speaker"]: s for s in run_json("speakers", "--json", "--no-descriptors", "--unnamed", "-n", "0")}
    for s in rows(db, "SELECT * FROM speaker_summary"):
        assert {k: s[k] for k in s} == {k: speakers[s["speaker"]][k] for k in s}


def test_full_text_search_follows_a_changed_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # only the same source read again replaces its articles (issue 10), so the index holds this copy alone
    db = tmp_path / "own.db"
    monkeypatch.setenv("QUOTETRACE_DB", str(db))
    monkeypatch.setenv("QUOTETRACE_NO_PROGRESS", "1")
    path = tmp_path / "wire.jsonl"
    shutil.copy(WIRE, path)
    assert runner.invoke(app, ["ingest", str(path)], catch_exceptions=False).exit_code == 0
    old = "fantasy dressed up as prudence"
    assert rows(db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", '"fantasy dressed"')
    lines = [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines()]
    changed = [r for r in lines if old in r["text"]]
    assert changed
    for r in changed:
        r["text"] = r["text"].replace(old, "a mirage painted as thrift")
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(path)], catch_exceptions=False).exit_code == 0
    assert not rows(db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", '"fantasy dressed"')
    assert rows(db, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", '"mirage painted"')
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")  # raises when out of step
    conn.close()
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_a_write_breaking_a_foreign_key_is_refused_and_rolled_back(db: Path) -> None:
    store = Store.open(db)
    before = store.mention_count()
    with pytest.raises(StoreError, match="integrity"), store.transaction() as conn:
        conn.execute("UPDATE mentions SET cluster_id = 'q-not-there' WHERE rowid = (SELECT min(rowid) FROM mentions)")
    assert store.mention_count() == before
    assert store.conn.execute("SELECT count(*) FROM mentions WHERE cluster_id = 'q-not-there'").fetchone()[0] == 0
    store.close()


# ------------------------------------------------------------------------------------------- an older index


def test_an_index_from_before_the_datasette_migration_is_migrated_with_its_data(tmp_path: Path) -> None:
    before_datasette = [m.name for m in MIGRATIONS].index("m008_datasette")
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    store = Store(conn, path)
    store._setup(wal=True)
    store.migrate(MIGRATIONS[:before_datasette])
    # this version's ingest writes speakers.unnamed, which a later migration adds (its migration keeps it)
    conn.execute("ALTER TABLE speakers ADD COLUMN unnamed INTEGER NOT NULL DEFAULT 0")
    arts = [a for a in iter_inputs([str(WIRE)]) if isinstance(a, Article)]
    ingest(store, arts)
    assert store.schema_version() == before_datasette
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'quotes'").fetchone()
    before = [c._asdict() for c in store.list_clusters(store_query())]
    store.close()
    migrated = Store.open(path)
    assert migrated.schema_version() == len(MIGRATIONS)
    assert [c._asdict() for c in migrated.list_clusters(store_query())] == before
    migrated.close()
    assert rows(path, "PRAGMA foreign_key_check") == []
    n = rows(path, "SELECT count(*) AS n FROM quotes")[0]["n"]
    assert n == len(before) and rows(path, "SELECT count(*) AS n FROM quotes_fts")[0]["n"] == n
    assert sqlite_utils.Database(path).table("clusters").detect_fts() == "quotes_fts"
    assert {fk.other_table for fk in sqlite_utils.Database(path)["mentions"].foreign_keys} == {"articles", "clusters"}


def store_query() -> Any:
    from quotetrace.store import ClusterQuery

    return ClusterQuery()


# ------------------------------------------------------------------------------------------ described schema


def test_every_table_view_and_column_is_described(db: Path) -> None:
    conn = sqlite3.connect(db)
    names = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%fts_data' AND name NOT LIKE '%fts_idx' AND name NOT LIKE '%fts_config' "
            "AND name NOT LIKE '%fts_docsize' AND name NOT LIKE '%fts_content'"
        )
    }
    assert names >= DOCUMENTED
    for name in DOCUMENTED:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
        assert cols == list(COLUMNS[name]), name
    conn.close()


def test_datasette_metadata_command(db: Path) -> None:
    result = runner.invoke(app, ["db", "datasette-metadata"], catch_exceptions=False)
    assert result.exit_code == 0 and not result.stderr
    meta = json.loads(result.stdout)
    assert meta == datasette_metadata("index")
    tables = meta["databases"]["index"]["tables"]
    assert tables["quotes"]["fts_table"] == "quotes_fts" and tables["quotes"]["fts_pk"] == "seq"
    assert tables["clusterer_state"]["hidden"] is True
    named = runner.invoke(app, ["db", "datasette-metadata", "--name", "news"], catch_exceptions=False)
    assert list(json.loads(named.stdout)["databases"]) == ["news"]


def test_docs_schema_md_is_the_described_schema() -> None:
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert schema_markdown() in doc, (
        "regenerate: python -c 'from quotetrace.dbdocs import schema_markdown as s; print(s())'"
    )
