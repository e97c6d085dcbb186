"""The SQLite index and incremental ingest: migrations, upserts, replacement, stable ids, interruption, concurrency.

These tests use a tiny rule-based extractor (``NAME said: “QUOTE”``) instead of spaCy, and the real clusterer.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from quotetrace.config import default_db_path, resolve_db
from quotetrace.errors import StoreError
from quotetrace.ingest.run import IngestReport, commit_batch, ingest, open_index, upgrade
from quotetrace.models import Article, Mention
from quotetrace.store import MIGRATIONS, ClusterQuery, Migration, Store
from quotetrace.text.fold import fold_store_key as fold
from quotetrace.views import cluster_detail, trace

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own index path (like simonw/llm's user-path fixture)."""
    monkeypatch.setenv("QUOTETRACE_DB", str(tmp_path / "index.db"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "index.db")
    yield s
    s.close()


# ------------------------------------------------------------------------------------------ a fake extractor

_SAID = re.compile(r"((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*)*) said: “([^”]+)”")


def fake_extract(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
    for art in articles:
        mentions = []
        for m in _SAID.finditer(art.text):
            mentions.append(
                Mention(
                    article_id=art.id,
                    text=m.group(2),
                    spans=((m.start(2), m.end(2)),),
                    speaker=m.group(1),
                    speaker_mention=m.group(1),
                    speaker_span=(m.start(1), m.end(1)),
                    cue="said",
                    cue_span=(m.end(1) + 1, m.end(1) + 5),
                    paragraph=0,
                )
            )
        yield art, mentions


def article(
    aid: str, outlet: str | None, date: str | None, *quotes: tuple[str, str], title: str | None = None
) -> Article:
    paras = [title or f"Story {aid}"]
    for i, (speaker, words) in enumerate(quotes):
        paras.append(f"The meeting ran late on day {i}. {speaker} said: “{words}”. Reporters were not convinced.")
    return Article(id=aid, text="\n\n".join(paras), outlet=outlet, date=date, title=title or f"Story {aid}")


TAX = "We will not raise taxes on working families this year"
CONF = "This budget will restore confidence in our public finances and protect the most vulnerable households"
FANTASY = "This budget is a fantasy dressed up as prudence and families will pay for it"


def corpus() -> list[Article]:
    return [
        article("reuters", "Reuters", "2024-03-01", ("Maria Okafor", TAX), ("Maria Okafor", CONF)),
        article("ap", "Associated Press", "2024-03-01", ("Maria Okafor", TAX)),
        article("herald", "Daily Herald", "2024-03-02", ("Maria Okafor", CONF), ("José Calderón", FANTASY)),
        article("monde", "Le Monde", "2024-03-04", ("Jose Calderon", FANTASY)),
        article(
            "blog",
            None,
            None,
            ("Maria Okafor", "restore confidence in our public finances and protect the most vulnerable"),
        ),
    ]


def run(store: Store, articles: Iterable[Article], **kw: object) -> IngestReport:
    return ingest(store, articles, extractor=fake_extract, **kw)  # type: ignore[arg-type]


def cluster_ids(store: Store) -> dict[str, str | None]:
    return dict(store.conn.execute("SELECT id, cluster_id FROM mentions ORDER BY id").fetchall())


def assert_consistent(store: Store, *, clustered: bool = True) -> None:
    """Articles and their mentions agree, summaries match mentions, the clusterer snapshot knows every mention."""
    c = store.conn
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for aid, n in c.execute("SELECT id, mention_count FROM articles"):
        assert c.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (aid,)).fetchone()[0] == n
    for cid, n in c.execute("SELECT id, mention_count FROM clusters"):
        assert c.execute("SELECT count(*) FROM mentions WHERE cluster_id = ?", (cid,)).fetchone()[0] == n
    assert (
        c.execute(
            "SELECT count(*) FROM mentions WHERE cluster_id IS NOT NULL AND cluster_id NOT IN (SELECT id FROM clusters)"
        ).fetchone()[0]
        == 0
    )
    fresh = c.execute(
        "SELECT co.outlet, cl.speaker, count(*) FROM cluster_outlets co JOIN clusters cl ON cl.id = co.cluster_id "
        "WHERE cl.speaker IS NOT NULL GROUP BY co.outlet, cl.speaker ORDER BY 1, 2"
    ).fetchall()
    assert c.execute("SELECT outlet, speaker, cluster_count FROM outlet_speakers ORDER BY 1, 2").fetchall() == fresh
    # membership is stored once, per piece, and is exactly what clustering the stored set from scratch gives
    stored = dict(c.execute("SELECT piece_id, cluster_id FROM mention_pieces").fetchall())
    assert all(stored.values())
    if clustered:
        assert stored == fresh_clustering(store)


def fresh_clustering(store: Store) -> dict[str, str]:
    """Piece id -> cluster id from clustering every stored piece at once (no history)."""
    from quotetrace.cluster import Piece, cluster_pieces, story_terms

    def context(aid: str) -> frozenset[str] | None:
        row = store.article_context(aid)
        return None if row is None else story_terms(Article(id=aid, text=row[0], title=row[1]))

    groups: dict[bool, list[Piece]] = {True: [], False: []}
    for pid, words, _, speaker, kind, date, aid, start in store.cluster_piece_rows():
        groups[kind == "indirect"].append(Piece(pid, words, speaker, date, aid, start))
    out = cluster_pieces(groups[False], context=context)
    out.update(cluster_pieces(groups[True], prefix="i", context=context))
    return out


# ------------------------------------------------------------------------------------------------- config


def test_db_location_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_db(str(tmp_path / "x.db")).source == "--db"
    assert resolve_db(None).path == tmp_path / "index.db"
    assert resolve_db(None).source == "QUOTETRACE_DB"
    monkeypatch.delenv("QUOTETRACE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_db(None).path == tmp_path / "xdg" / "quotetrace" / "index.db"
    assert resolve_db(None).source == "default"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_db_path() == Path.home() / ".local" / "share" / "quotetrace" / "index.db"


# --------------------------------------------------------------------------------------------- migrations


def test_fresh_index_is_migrated_to_the_latest_version(store: Store) -> None:
    latest = MIGRATIONS[-1].version
    assert store.schema_version() == latest
    assert [v for v, _ in store.applied_migrations()] == list(range(1, latest + 1))
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == latest
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.migrate() == []  # idempotent


def test_migrations_apply_in_order_once(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    old = Store(conn, path)
    assert old.migrate(MIGRATIONS[:1]) == [1]
    assert old.schema_version() == 1
    calls: list[int] = []

    def m_extra(db: sqlite3.Connection) -> None:
        calls.append(1)
        db.execute("CREATE TABLE extra (x INTEGER)")

    extra = [*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "m_extra", m_extra)]
    assert old.migrate(extra) == list(range(2, len(extra) + 1))
    assert old.migrate(extra) == []
    assert calls == [1]
    assert [n for _, n in old.applied_migrations()][-1] == "m_extra"
    conn.close()


def test_a_later_migration_backfills_existing_data(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    old = Store(conn, path)
    old.migrate(MIGRATIONS[:2])
    conn.execute(
        "INSERT INTO clusters(id, speaker, speaker_sort, text, norm_text, kind, mention_count, article_count, "
        "outlet_count, outlets, first_key, tied_outlets, variants) "
        "VALUES ('q1', 'Ann Lee', 'ann lee', 't', 't', 'direct', 2, 2, 2, '[]', '~', '[]', '[]')"
    )
    conn.executemany("INSERT INTO cluster_outlets VALUES (?, 'q1')", [("Reuters",), ("BBC",)])
    conn.close()
    s = Store.open(path)
    assert s.schema_version() == MIGRATIONS[-1].version
    assert s.conn.execute("SELECT * FROM outlet_speakers ORDER BY outlet").fetchall() == [
        ("BBC", "Ann Lee", 1),
        ("Reuters", "Ann Lee", 1),
    ]
    s.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("dir", "is a directory"),
        ("garbage", "not a usable quotetrace index"),
        ("foreign", "not a quotetrace index"),
        ("parent_is_file", "cannot create the folder"),
    ],
)
def test_bad_paths_raise_one_line_errors(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "x.db"
    if setup == "dir":
        path.mkdir()
    elif setup == "garbage":
        path.write_bytes(b"this is not sqlite at all" * 100)
    elif setup == "foreign":
        with sqlite3.connect(path) as c:
            c.execute("CREATE TABLE other (x)")
    elif setup == "parent_is_file":
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "x.db"
    with pytest.raises(StoreError, match=message) as info:
        Store.open(path)
    assert "\n" not in info.value.message
    assert str(path) in info.value.message


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "index.db"
    Store.open(path).close()
    assert path.exists()


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_unwritable_index_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    Store.open(path).close()
    path.chmod(0o444)
    with pytest.raises(StoreError, match="not writable"):
        Store.open(path)


# ------------------------------------------------------------------------------------- ingest and upserts


def test_ingest_stores_articles_mentions_and_summaries(store: Store) -> None:
    rep = run(store, corpus())
    assert (rep.read, rep.new, rep.changed, rep.unchanged) == (5, 5, 0, 0)
    assert rep.mentions == 7
    assert_consistent(store)
    rows = store.list_clusters(ClusterQuery(sort="outlets"))
    tax = next(r for r in rows if r.text == TAX)
    assert tax.outlet_count == 2 and tax.mention_count == 2
    assert tax.first_date == "2024-03-01"
    # Reuters and AP printed it the same day: a tie, reported as such
    assert {tax.first_outlet, *tax.tied_outlets} == {"Reuters", "Associated Press"}
    conf = next(r for r in rows if r.text == CONF)
    assert conf.mention_count == 3  # the fragment from the undated blog joined
    assert conf.outlets == ("Reuters", "Daily Herald")
    fantasy = next(r for r in rows if "fantasy" in r.text)
    assert fantasy.speaker in {"José Calderón", "Jose Calderon"}
    assert fantasy.outlet_count == 2


def test_unchanged_articles_are_skipped_and_ids_stay(store: Store) -> None:
    run(store, corpus())
    before = cluster_ids(store)
    calls: list[str] = []

    def spy(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        for a, m in fake_extract(articles):
            calls.append(a.id)
            yield a, m

    rep = ingest(store, corpus(), extractor=spy)
    assert calls == [] and not rep.parsed
    assert (rep.unchanged, rep.new, rep.changed) == (5, 0, 0)
    assert cluster_ids(store) == before


def test_same_corpus_gives_same_cluster_ids_in_a_fresh_index(tmp_path: Path) -> None:
    a, b = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")
    run(a, corpus(), batch_size=2)
    run(b, corpus(), batch_size=2)
    assert cluster_ids(a) == cluster_ids(b)
    a.close()
    b.close()


def test_changed_article_replaces_its_mentions(store: Store) -> None:
    run(store, corpus())
    old_herald = {r[0] for r in store.conn.execute("SELECT id FROM mentions WHERE article_id = 'herald'")}
    fantasy_id = store.conn.execute("SELECT cluster_id FROM mentions WHERE article_id = 'monde'").fetchone()[0]
    changed = article(
        "herald",
        "Daily Herald",
        "2024-03-02",
        ("Maria Okafor", "The deficit will fall below three percent by next spring"),
    )
    rep = run(store, [changed])
    assert (rep.changed, rep.new) == (1, 0)
    new_herald = {r[0] for r in store.conn.execute("SELECT id FROM mentions WHERE article_id = 'herald'")}
    assert (len(new_herald) == 1 and not (new_herald & old_herald)) or new_herald != old_herald
    texts = [r[0] for r in store.conn.execute("SELECT text FROM mentions WHERE article_id = 'herald'")]
    assert texts == ["The deficit will fall below three percent by next spring"]
    # herald's piece founded the cluster and is gone: the cluster takes its new founder's id, the old id an alias
    resolved = store.resolve(fantasy_id)
    assert resolved is not None
    fantasy = store.cluster(resolved.cluster_id)
    assert fantasy is not None and fantasy.outlets == ("Le Monde",) and fantasy.mention_count == 1
    conf = next(r for r in store.list_clusters(ClusterQuery()) if r.text == CONF)
    assert conf.outlets == ("Reuters",)
    assert_consistent(store)


def test_metadata_change_updates_without_parsing(store: Store) -> None:
    run(store, corpus())
    moved = [a.with_updates(date="2024-02-28") if a.id == "ap" else a for a in corpus()]
    rep = run(store, moved)
    assert rep.metadata_updated == 1 and not rep.parsed
    tax = next(r for r in store.list_clusters(ClusterQuery()) if r.text == TAX)
    assert tax.first_date == "2024-02-28" and tax.first_outlet == "Associated Press" and tax.tied_outlets == ()


def test_new_articles_join_existing_clusters_without_reclustering(store: Store) -> None:
    run(store, corpus()[:2])
    before = cluster_ids(store)
    tax_id = store.conn.execute("SELECT cluster_id FROM mentions WHERE article_id = 'ap'").fetchone()[0]
    run(store, [article("bbc", "BBC", "2024-03-03", ("Okafor", TAX + "."))])
    after = cluster_ids(store)
    assert {k: after[k] for k in before} == before  # nothing already stored moved
    bbc = store.conn.execute("SELECT cluster_id FROM mentions WHERE article_id = 'bbc'").fetchone()[0]
    assert bbc == tax_id
    summary = store.cluster(tax_id)
    assert summary is not None and set(summary.outlets[:2]) == {"Reuters", "Associated Press"}
    assert summary.outlets[2] == "BBC"


def test_duplicate_ids_in_one_run_are_skipped(store: Store) -> None:
    arts = corpus()
    rep = run(store, [*arts, arts[0]])
    assert rep.duplicates == 1 and rep.new == 5


# ------------------------------------------------------------------------------------------- interruption


def test_interrupted_batch_leaves_no_partial_article(store: Store) -> None:
    arts = corpus()

    def dies_after_three(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        for n, item in enumerate(fake_extract(articles)):
            if n == 3:
                raise KeyboardInterrupt
            yield item

    rep = IngestReport()
    with pytest.raises(KeyboardInterrupt):
        ingest(store, arts, extractor=dies_after_three, batch_size=2, report=rep)
    assert rep.interrupted
    stored = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY id")]
    assert stored == ["ap", "reuters"]  # the first batch only; the third article never half-written
    assert_consistent(store)
    rerun = run(store, arts)
    assert (rerun.unchanged, rerun.new) == (2, 3)
    assert_consistent(store)


def test_failure_inside_the_write_rolls_the_whole_batch_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    run(store, corpus()[:1])

    def boom(names: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_refresh_outlets", boom)
    with pytest.raises(RuntimeError):
        run(store, corpus()[1:])
    monkeypatch.undo()
    assert [r[0] for r in store.conn.execute("SELECT id FROM articles")] == ["reuters"]
    assert store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    assert_consistent(store)
    run(store, corpus())
    assert_consistent(store)


_KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_store import corpus, fake_extract, article
    from quotetrace.ingest.run import ingest
    from quotetrace.store import Store

    def slow(articles):
        for item in fake_extract(articles):
            time.sleep(0.15)
            yield item

    arts = [
        article(f"a{{i}}", f"Outlet {{i % 7}}", f"2024-01-{{i % 28 + 1:02d}}",
                ("Maria Okafor", f"We will build {{i}} new schools in the north this year"))
        for i in range(200)
    ]
    store = Store.open({db!r})
    print("ready", flush=True)
    ingest(store, arts, extractor=slow, batch_size=3)
    """
)


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_a_consistent_index(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    script = _KILL_SCRIPT.format(tests=str(Path(__file__).parent), db=str(db))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.3)
        try:
            with sqlite3.connect(db, timeout=5) as c:
                if c.execute("SELECT count(*) FROM articles").fetchone()[0] >= 6:
                    break
        except sqlite3.Error:
            pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    s = Store.open(db)
    n = s.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 6 <= n < 200 and n % 3 == 0  # whole batches only
    assert_consistent(s)
    arts = [
        article(
            f"a{i}",
            f"Outlet {i % 7}",
            f"2024-01-{i % 28 + 1:02d}",
            ("Maria Okafor", f"We will build {i} new schools in the north this year"),
        )
        for i in range(200)
    ]
    rep = run(s, arts)
    assert rep.unchanged == n and rep.new == 200 - n
    assert_consistent(s)
    s.close()


# -------------------------------------------------------------------------------------------- concurrency


def test_readers_work_while_a_write_transaction_is_open(tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    writer = Store.open(path)
    run(writer, corpus()[:2])
    reader = Store.open(path, create=False)
    n_before = len(reader.list_clusters(ClusterQuery()))
    writer.conn.execute("BEGIN IMMEDIATE")
    writer.conn.execute(
        "INSERT INTO articles(id, text, content_hash, meta_hash, ingested_at) VALUES ('x', 't', 'h', 'm', 'now')"
    )
    t0 = time.perf_counter()
    assert len(reader.list_clusters(ClusterQuery())) == n_before  # no blocking, no dirty read
    assert reader.resolve(reader.list_clusters(ClusterQuery())[0].id) is not None
    assert reader.counts()[0] == 2
    assert time.perf_counter() - t0 < 2.0
    writer.conn.execute("COMMIT")
    assert reader.counts()[0] == 3
    reader.close()
    writer.close()


def test_two_ingests_at_once_never_overwrite_each_others_clustering(tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    a, b = Store.open(path), Store.open(path)

    def interleaved(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        for n, item in enumerate(fake_extract(articles)):
            if n == 1:  # another process ingests while this one is between batches
                run(b, [article("bbc", "BBC", "2024-03-05", ("Maria Okafor", TAX))])
            yield item

    ingest(a, corpus(), extractor=interleaved, batch_size=1)
    assert_consistent(a)
    tax_clusters = {r[0] for r in a.conn.execute("SELECT cluster_id FROM mentions WHERE text = ?", (TAX,))}
    assert len(tax_clusters) == 1
    assert a.conn.execute("SELECT count(*) FROM mentions WHERE text = ?", (TAX,)).fetchone()[0] == 3
    a.close()
    b.close()


# ------------------------------------------------------------------------------------------------ queries


@pytest.mark.parametrize("query", ["José Calderón, the minister", "Calderón Jr."])
def test_a_speaker_query_the_name_parser_reads_matches_through_the_views(store: Store, query: str) -> None:
    """The last word of these is no surname; the views parse the query (only then) and the store matches it."""
    from quotetrace.views import list_records, parsed_speaker, speaker_surname

    run(store, corpus())
    assert store.list_clusters(ClusterQuery(speaker=query)) == []  # the store alone: no name parser
    assert speaker_surname(store, query) == "calderon"
    assert [r.text for r in store.list_clusters(parsed_speaker(store, ClusterQuery(speaker=query)))] == [FANTASY]
    assert [r["text"] for r in list_records(store, ClusterQuery(speaker=query))] == [FANTASY]
    assert speaker_surname(store, "calderon") is None  # found plainly: nothing parsed


def test_list_filters_sort_and_paging(store: Store) -> None:
    run(store, corpus())
    everything = store.list_clusters(ClusterQuery())
    assert len(everything) == 3
    # forgiving speaker match: accents, case, surname, title
    for q in ("calderon", "CALDERÓN", "Mr. Calderon", "josé"):
        got = store.list_clusters(ClusterQuery(speaker=q))
        assert [r.text for r in got] == [FANTASY], q
    assert store.list_clusters(ClusterQuery(speaker="nobody at all")) == []
    assert {r.text for r in store.list_clusters(ClusterQuery(outlet="herald"))} == {CONF, FANTASY}
    assert {r.text for r in store.list_clusters(ClusterQuery(outlet="monde"))} == {FANTASY}
    assert {r.text for r in store.list_clusters(ClusterQuery(min_outlets=2))} == {TAX, CONF, FANTASY}
    assert [r.text for r in store.list_clusters(ClusterQuery(search="raise TAXES"))] == [TAX]
    assert [r.text for r in store.list_clusters(ClusterQuery(search="prud"))] == [FANTASY]  # prefix of last word
    assert [r.text for r in store.list_clusters(ClusterQuery(since="2024-03-02"))] == [FANTASY]
    assert {r.text for r in store.list_clusters(ClusterQuery(until="2024-03-01"))} == {TAX, CONF}
    assert store.list_clusters(ClusterQuery(kind="indirect")) == []
    assert len(store.list_clusters(ClusterQuery(kind="direct"))) == 3
    by_mentions = store.list_clusters(ClusterQuery(sort="mentions"))
    assert by_mentions[0].text == CONF
    first_seen = [r.first_date or "~" for r in everything]
    assert first_seen == sorted(first_seen)
    page1 = store.list_clusters(ClusterQuery(limit=2))
    page2 = store.list_clusters(ClusterQuery(limit=2, offset=2))
    assert [r.id for r in page1 + page2] == [r.id for r in everything]
    assert [r.id for r in store.list_clusters(ClusterQuery(reverse=True))] == [r.id for r in reversed(everything)]


def test_resolve_ids_prefixes_mentions_and_suggestions(store: Store) -> None:
    run(store, corpus())
    cid = store.list_clusters(ClusterQuery())[0].id
    assert store.resolve(cid).via == "id"  # type: ignore[union-attr]
    assert store.resolve(cid[:6]).cluster_id == cid  # type: ignore[union-attr]
    mid = store.conn.execute("SELECT id FROM mentions WHERE cluster_id = ?", (cid,)).fetchone()[0]
    got = store.resolve(mid)
    assert got is not None and got.cluster_id == cid and got.via == "mention"
    assert store.resolve("qzzzzzzzz") is None
    assert cid in store.suggest_ids(cid[:-1] + "z")


def test_merged_clusters_move_their_mentions_and_keep_an_alias(store: Store) -> None:
    run(store, corpus())
    rows = {r.text: r for r in store.list_clusters(ClusterQuery())}
    gone, keep = rows[TAX].id, rows[CONF].id
    pieces = [r[0] for r in store.conn.execute("SELECT piece_id FROM mention_pieces WHERE cluster_id = ?", (gone,))]
    commit_batch(store, [], dict.fromkeys(pieces, keep), aliases={gone: keep})
    assert store.cluster(gone) is None
    merged = store.cluster(keep)
    assert merged is not None and merged.mention_count == 5
    got = store.resolve(gone)
    assert got is not None and got.cluster_id == keep and got.via == "alias"
    assert store.conn.execute("SELECT count(*) FROM mentions WHERE cluster_id = ?", (gone,)).fetchone()[0] == 0
    assert_consistent(store, clustered=False)  # a merge by hand is not what the clusterer would do


def test_cluster_detail_marks_first_and_ties_with_context(store: Store) -> None:
    run(store, corpus())
    tax = next(r for r in store.list_clusters(ClusterQuery()) if r.text == TAX)
    d = cluster_detail(store, tax)
    assert d["first_tied"] is True
    assert [m["first"] for m in d["mentions"]] == [True, True]
    assert all(m["article"]["date"] == "2024-03-01" for m in d["mentions"])
    m = d["mentions"][0]
    assert m["context_before"].startswith("The meeting ran late")
    assert m["context_after"] == "Reporters were not convinced."
    assert m["cluster_id"] == tax.id
    for key in ("fidelity", "coverage", "edits", "cue_class", "hedges", "descriptor", "speaker_mention"):
        assert key in m


def test_trace_finds_the_cluster_from_a_few_words(store: Store) -> None:
    run(store, corpus())
    res = trace(store, "not raise taxes on working famillies")  # typo on purpose
    assert res.best is not None and res.best.text == TAX and res.score >= 80
    assert trace(store, "completely unrelated words about football").best is None


def test_fold() -> None:
    assert fold("  José   CALDERÓN ") == "jose calderon"


def test_an_index_of_the_old_clustering_scheme_is_reclustered_when_the_use_case_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        run(store, corpus())
        want = cluster_ids(store)
        # the older ids are written without their summary rows: checks of the foreign keys (added later) are off
        store.conn.execute("PRAGMA foreign_keys = OFF")
        with store.transaction():  # what an index written by the incremental clusterer looked like (schema 9)
            store.conn.execute("UPDATE mention_pieces SET cluster_id = 'qold' || substr(piece_id, 3, 6)")
            store.conn.execute("UPDATE mentions SET cluster_id = 'qold' || substr(id, 3, 6)")
            store.set_meta("cluster_scheme", None)
            store.conn.execute(
                "CREATE TABLE clusterer_state (name TEXT PRIMARY KEY, version INTEGER NOT NULL, state BLOB NOT NULL, "
                "updated_at TEXT NOT NULL)"
            )
            store.conn.execute(
                "INSERT INTO clusterer_state(name, version, state, updated_at) VALUES ('quotes', 1, ?, '')",
                (zlib.compress(b'{"version": 1, "clusters": []}'),),
            )
            store.conn.execute("DELETE FROM schema_migrations WHERE version >= 10")
            store.conn.execute("PRAGMA user_version = 9")
    with Store.open(path) as store:  # the store migrates its schema but decides nothing about clusters
        assert store.schema_version() == MIGRATIONS[-1].version
        assert store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'clusterer_state'").fetchone() is None
        assert store.needs_recluster() and not store.cluster_scheme_current()
    with open_index(path) as store:  # the use case re-clusters it
        assert store.cluster_scheme_current() and not store.needs_recluster()
        assert cluster_ids(store) == want
        assert_consistent(store)
        old = next(iter(store.conn.execute("SELECT alias FROM cluster_aliases WHERE alias LIKE 'qold%'")))[0]
        assert store.resolve(old) is not None
    with open_index(path) as store:  # once
        assert upgrade(store) == 0
