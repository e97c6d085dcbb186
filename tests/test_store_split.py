"""The store package reads and writes only: row types name their columns, the ingest use case owns each transaction
(a failure stores nothing half-done), cluster summaries are decided by quotetrace.summary, membership is stored once."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store import CONF, TAX, article, assert_consistent, corpus, fake_extract, run

from quotetrace.ingest.run import commit_batch, mention_values, store_batch
from quotetrace.pieces import own_cluster
from quotetrace.store import MemberRow, Store
from quotetrace.store.rows import (
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    MENTION_COLUMNS,
    ArticleRow,
    ClusterRow,
    MentionRow,
    StatementRow,
    StoredPiece,
)
from quotetrace.summary import same_moment, summarise

STORE_DIR = Path(__file__).resolve().parents[1] / "quotetrace" / "store"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "index.db")
    yield s
    s.close()


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the meta times aside), to compare an index before and after."""
    names = [
        n
        for (n,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")
    ]
    out = {n: sorted(map(tuple, store.conn.execute(f"SELECT * FROM {n}")), key=repr) for n in names}
    out["meta"] = [r for r in out["meta"] if r[0] != "last_ingest"]
    return out


# ------------------------------------------------------------------------------------------------ row types


def _table_columns(store: Store, table: str) -> set[str]:
    return {r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")}


@pytest.mark.parametrize(
    ("row", "table"), [(ClusterRow, "clusters"), (MentionRow, "mentions"), (ArticleRow, "articles")]
)
def test_row_types_are_named_after_their_columns(store: Store, row: type, table: str) -> None:
    assert set(row._fields) <= _table_columns(store, table)  # type: ignore[attr-defined]


def test_the_select_lists_follow_the_row_types(store: Store) -> None:
    cols = [d[0] for d in store.conn.execute(f"SELECT {CLUSTER_COLUMNS} FROM clusters LIMIT 0").description]
    assert cols == list(ClusterRow._fields)
    joined = store.conn.execute(
        f"SELECT {MENTION_COLUMNS}, {ARTICLE_COLUMNS} FROM mentions m JOIN articles a ON a.id = m.article_id LIMIT 0"
    ).description
    assert len(joined) == len(MentionRow._fields) + len(ArticleRow._fields)
    names = [d[0] for d in joined]
    assert names[: len(MentionRow._fields)][:5] == ["id", "article_id", "cluster_id", "kind", "text"]


def test_reads_return_named_rows(store: Store) -> None:
    run(store, corpus())
    pieces = list(store.cluster_piece_rows())
    assert pieces and all(isinstance(p, StoredPiece) for p in pieces)
    assert {p.article_id for p in pieces} == {a.id for a in corpus()}
    rows = store.statement_rows({"reuters"})
    assert rows and all(isinstance(r, StatementRow) for r in rows)
    assert {r.speaker for r in rows} == {"Maria Okafor"} and all(r.clusters for r in rows)
    cid = rows[0].clusters.split()[0]
    members = store.cluster_members(cid)
    assert members and all(isinstance(m, MemberRow) and m.cluster_text for m in members)


@pytest.mark.parametrize("module", ["rows", "connection", "queries", "writes", "__init__"])
def test_no_positional_reads_in_the_store(module: str) -> None:
    """Rows of more than one column are read by name or unpacked, never as ``r[6]`` (the frozen migrations of
    schema.py read SQLite's own PRAGMA rows and are left as they are)."""
    for node in ast.walk(ast.parse((STORE_DIR / f"{module}.py").read_text())):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            index = node.slice.value
            assert not (isinstance(index, int) and index >= 1), f"{module}.py:{node.lineno} reads by position"


# ----------------------------------------------------------------------------------------- no domain rules


_DOMAIN = (
    "quotetrace.summary",
    "quotetrace.cluster",
    "quotetrace.pieces",
    "quotetrace.views",
    "quotetrace.ingest",
    "quotetrace.paraphrase",
)


@pytest.mark.parametrize("module", ["schema", "rows", "connection", "queries", "writes"])
def test_the_store_modules_import_no_domain_module(module: str) -> None:
    tree = ast.parse((STORE_DIR / f"{module}.py").read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not {m for m in imported if m.startswith(_DOMAIN)}


_USE_CASES = ("quotetrace.ingest", "quotetrace.cluster", "quotetrace.people", "quotetrace.summary", "quotetrace.pieces")


def _imports(module: str) -> set[str]:
    """Every module a store module imports, at the top or inside a function."""
    tree = ast.parse((STORE_DIR / f"{module}.py").read_text())
    out = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    return out | {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}


@pytest.mark.parametrize(
    "module",
    [
        "schema",
        "rows",
        "connection",
        "writes",
        "__init__",
        "queries",
    ],
)
def test_the_store_never_calls_the_use_case_nor_its_rules(module: str) -> None:
    """Re-clustering an old index, who is who, surname keys and aliases are decided by the use case, which passes
    the store values: no store module imports ingest, the clusterer, people, summaries or pieces."""
    assert not {m for m in _imports(module) if m.startswith(_USE_CASES)}


def test_opening_an_index_never_reclusters_it() -> None:
    """``Store.open`` migrates the schema only; the use case checks :meth:`Store.needs_recluster` and re-clusters."""
    for module in ("connection", "__init__"):
        source = (STORE_DIR / f"{module}.py").read_text()
        assert "recluster(" not in source.replace("needs_recluster(", "")


def test_the_store_opens_no_transaction_of_its_own() -> None:
    """Writes and queries run inside the caller's transaction: only the connection module begins one."""
    for module in ("queries", "writes"):
        tree = ast.parse((STORE_DIR / f"{module}.py").read_text())
        called = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
        assert "transaction" not in called and "commit" not in called


# -------------------------------------------------------------------------------------------- transactions


def test_a_failing_batch_stores_nothing_half_done(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    run(store, corpus()[:2])
    before = _tables(store)
    calls = {"n": 0}
    import quotetrace.summary as summary

    real = summary.summarise

    def fails_on_the_second(members: list[MemberRow]) -> object:
        calls["n"] += 1
        if calls["n"] == 2:  # the articles, mentions, pieces and a first summary are written by now
            raise RuntimeError("summary failed")
        return real(members)

    monkeypatch.setattr(summary, "summarise", fails_on_the_second)
    with pytest.raises(RuntimeError, match="summary failed"):
        run(store, corpus()[2:])
    monkeypatch.undo()
    assert calls["n"] == 2
    assert _tables(store) == before
    assert_consistent(store)
    run(store, corpus())
    assert_consistent(store)


def test_the_callers_transaction_rolls_a_stored_batch_back(store: Store) -> None:
    before = _tables(store)
    items = list(fake_extract([article("x", "Reuters", "2024-03-01", ("Maria Okafor", TAX))]))
    with pytest.raises(KeyError), store.transaction():
        res = store_batch(store, items, {}, model="m")
        assert res.articles == 1 and store.counts()[0] == 1  # written, not yet committed
        raise KeyError("stop")
    assert _tables(store) == before


def test_commit_batch_stores_a_batch_clustered_beforehand(store: Store) -> None:
    items = list(fake_extract([article("x", "Reuters", "2024-03-01", ("Maria Okafor", TAX))]))
    pid = items[0][1][0].id
    res = commit_batch(store, items, {pid: "qmade-up"}, model="m")
    assert res.articles == 1 and res.clusters_changed == {"qmade-up"}
    summary = store.cluster("qmade-up")
    assert summary is not None and summary.text == TAX and summary.speaker == "Maria Okafor"


# -------------------------------------------------------------------------------- one source of membership


def test_membership_is_stored_once_per_piece(store: Store) -> None:
    run(store, corpus())
    c = store.conn
    assert c.execute("SELECT 1 FROM sqlite_master WHERE name = 'clusterer_state'").fetchone() is None
    # a mention's cluster is derived from its pieces: the cluster of its longest clustered piece
    for mid, cid in c.execute("SELECT id, cluster_id FROM mentions").fetchall():
        best = c.execute(
            "SELECT cluster_id FROM mention_pieces WHERE mention_id = ? AND cluster_id IS NOT NULL "
            "ORDER BY length(cluster_text) DESC, idx DESC LIMIT 1",
            (mid,),
        ).fetchone()
        assert cid == (best[0] if best else None)


# ------------------------------------------------------------------------------------------ summary rules


def _member(
    words: str,
    *,
    person: str | None = "Maria Okafor",
    printed: str | None = None,
    outlet: str | None = "Reuters",
    date: str | None = "2024-03-01",
    article: str = "a",
    mention: str | None = None,
    kind: str = "direct",
    confidence: float | None = 0.9,
) -> MemberRow:
    return MemberRow(
        norm=words.lower(),
        kind=kind,
        cluster_text=words,
        person=person,
        start=0,
        article_id=article,
        date=date,
        outlet=outlet,
        mention_id=mention or f"m-{article}-{words[:8]}",
        speaker=printed or person,
        confidence=confidence,
    )


def test_the_fullest_wording_has_the_most_words_and_the_first_seen_wins_ties() -> None:
    v = summarise(
        [
            _member("we will not raise taxes", article="b", date="2024-03-02"),
            _member("we will not raise taxes this year", article="c", date="2024-03-03"),
            _member("we shall not raise taxes this year", article="a", date="2024-03-01"),
        ]
    )
    assert v.text == "we shall not raise taxes this year"
    assert (v.first_article_id, v.first_date, v.last_date) == ("a", "2024-03-01", "2024-03-03")


def test_the_speaker_is_the_confidence_vote_then_mentions_then_the_fuller_name() -> None:
    v = summarise(
        [
            _member("x y", person="Okafor", article="a", confidence=0.9),
            _member("x y", person="Maria Okafor", article="b", outlet="AP", confidence=0.5),
            _member("x y", person="Maria Okafor", printed="M. Okafor", article="c", outlet="BBC", confidence=0.5),
        ]
    )
    assert v.speaker == "Maria Okafor" and v.misattributed
    assert v.speaker_confidence == round(1.0 / 1.9, 3)
    assert [a["speaker"] for a in v.attributions] == ["Maria Okafor", "Okafor"]
    assert v.variants == ("M. Okafor",)
    tie = summarise([_member("x y", person="Okafor"), _member("x y", person="Maria Okafor", article="b")])
    assert tie.speaker == "Maria Okafor"  # same vote, same mentions: the fuller name


def test_first_seen_ties_compare_dates_at_the_precision_both_carry() -> None:
    v = summarise(
        [
            _member("x y", outlet="Reuters", article="a", date="2024-03-01"),
            _member("x y", outlet="AP", article="b", date="2024-03-01T09:00:00"),
            _member("x y", outlet="BBC", article="c", date="2024-03-02"),
        ]
    )
    assert (v.first_outlet, v.tied_outlets, v.outlets) == ("Reuters", ("AP",), ("Reuters", "AP", "BBC"))
    assert same_moment("2024-03-01", "2024-03-01T23:59:00") and not same_moment("2024-03-01T10:00", "2024-03-01T11:00")
    undated = summarise([_member("x y", date=None), _member("x y", article="b", outlet="AP", date=None)])
    assert undated.first_date is None and undated.tied_outlets == ()


def test_kind_counts_a_mention_once_however_many_pieces() -> None:
    v = summarise(
        [
            _member("first piece", mention="m1", kind="mixed"),
            _member("second piece", mention="m1", kind="mixed"),
            _member("first piece", mention="m2", article="b", outlet="AP"),
        ]
    )
    assert (v.kind, v.kinds, v.mention_count, v.article_count) == (
        "mixed",
        {"direct": 1, "mixed": 1, "indirect": 0},
        2,
        2,
    )
    assert summarise([_member(CONF.lower(), kind="indirect")]).kind == "indirect"


def test_a_mentions_own_cluster_is_its_longest_clustered_piece() -> None:
    assert own_cluster([("a b c", "q1"), ("a b c d", None), ("a b", "q2")]) == "q1"
    assert own_cluster([("a b", "q1"), ("c d", "q2")]) == "q2"  # equals: the later piece
    assert own_cluster([("a b", None)]) is None


def test_mention_values_carry_the_pieces_and_their_clusters() -> None:
    art = article("x", "Reuters", "2024-03-01", ("Maria Okafor", TAX))
    (_, (m,)) = next(iter(fake_extract([art])))
    mv = mention_values(m, art, {m.id: "qone"})
    assert [p.piece_id for p in mv.pieces] == [m.id] and mv.pieces[0].cluster_id == "qone"
    assert (mv.cluster_id, mv.cluster_text, mv.norm) == ("qone", TAX, mv.pieces[0].norm)
    assert mention_values(m, art, {}).cluster_id is None
