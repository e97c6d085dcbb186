"""Ingest on a real Dask LocalCluster (2 worker processes): the same index as a plain ingest — articles, mentions,
clusters, ids — from folders, JSONL and a WARC archive the test writes; staged Parquet shards, resume, db load,
Parquet export; a worker killed mid-run; partitions read exactly as the plain readers read.

Needs the scale extra (in the dev extra); skipped cleanly without it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("warcio")

from test_warc import make_warc

from quotetrace.cli import app
from quotetrace.ingest import iter_inputs
from quotetrace.models import Article
from quotetrace.scale.partitions import plan, read_partition

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "seeds", ROOT / "fixtures" / "framing", ROOT / "fixtures" / "index" / "wire.jsonl",
          ROOT / "fixtures" / "ingest"]  # fmt: skip
# columns that say when, not what
VOLATILE = {"articles": {"ingested_at"}, "meta": None, "schema_migrations": None}

try:
    runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
except TypeError:
    runner = CliRunner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (sorted), without the timestamps and the full-text index's internals."""
    con = sqlite3.connect(db)
    out: dict[str, list[tuple[Any, ...]]] = {}
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for t in tables:
        if t.startswith("clusters_fts") or (t in VOLATILE and VOLATILE[t] is None):
            continue
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] not in (VOLATILE.get(t) or set())]
        out[t] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
    con.close()
    return out


@pytest.fixture(scope="module")
def cluster() -> Any:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        yield lc


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("warc")
    make_warc(folder / "news.warc.gz", gzip=True)
    return [*INPUTS, folder / "news.warc.gz"]


@pytest.fixture(scope="module")
def plain(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    db = tmp_path_factory.mktemp("plain") / "plain.db"
    res = invoke("ingest", *corpus, "--db", db, "--json")
    assert res.exit_code == 0, res.stderr
    return db, json.loads(res.stdout)


def test_cluster_ingest_is_a_plain_ingest(cluster: Any, corpus: list[Path], plain: tuple[Path, Any], tmp_path: Path):
    db = tmp_path / "dask.db"
    res = invoke("ingest", *corpus, "--db", db, "--scheduler", cluster.scheduler_address, "--json")
    assert res.exit_code == 0, res.stderr
    summary = json.loads(res.stdout)
    want = plain[1]
    for key in ("read", "stored", "mentions", "clusters_total", "articles_total", "skipped", "problems"):
        assert summary[key] == want[key], key
    assert any("WARC" in p["reason"] or "skipped" in p["reason"] for p in summary["problems"])  # the archive's count
    got, expected = dump(db), dump(plain[0])
    assert got["mentions"] and got["clusters"]
    assert got == expected
    # a second run finds every article unchanged and parses nothing new into the index
    again = invoke("ingest", *corpus, "--db", db, "--scheduler", cluster.scheduler_address, "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["stored"] == 0
    assert dump(db) == expected


def test_stage_resume_load_and_parquet_export(
    cluster: Any, corpus: list[Path], plain: tuple[Path, Any], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    stage = tmp_path / "stage"
    db = tmp_path / "staged.db"
    res = invoke("ingest", *corpus, "--db", db, "--scheduler", cluster.scheduler_address, "--stage", stage)
    assert res.exit_code == 0, res.stderr
    assert dump(db) == dump(plain[0])
    manifest = json.loads((stage / "manifest.json").read_text())
    names = manifest["partitions"]
    assert len(names) > 2 and all((stage / "done" / n).is_file() for n in names)
    mentions = pq.read_table(stage / "mentions").num_rows
    assert mentions == len(dump(plain[0])["mentions"])
    # an interrupted run: one shard lost -> the rerun remakes only that one
    (stage / "done" / names[1]).unlink()
    again = invoke("ingest", *corpus, "--db", tmp_path / "resumed.db", "--scheduler", cluster.scheduler_address,
                   "--stage", stage)  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert f"{len(names) - 1} of {len(names)} partitions read from shards" in again.stderr
    assert dump(tmp_path / "resumed.db") == dump(plain[0])
    # db load: the staged dataset into a fresh index, no parsing, the same index; list/show work on it
    loaded = tmp_path / "loaded.db"
    res = invoke("db", "load", stage, "--db", loaded)
    assert res.exit_code == 0, res.stderr
    assert dump(loaded) == dump(plain[0])
    listed = invoke("list", "--db", loaded, "--json", "-n", "0")
    assert listed.exit_code == 0
    first = json.loads(listed.stdout)[0]["id"]
    assert invoke("show", first, "--db", loaded, "--json").exit_code == 0
    # a missing shard is named, never skipped silently
    (stage / "done" / names[0]).unlink()
    res = invoke("db", "load", stage, "--db", tmp_path / "partial.db")
    assert res.exit_code == 1
    assert names[0] in res.stderr and "shard missing" in res.stderr
    # Parquet export: every mention with its cluster id, as export jsonl gives them
    out = tmp_path / "mentions.parquet"
    res = invoke("export", "--db", loaded, "--format", "parquet", "--output", out)
    assert res.exit_code == 0, res.stderr
    table = pq.read_table(out).to_pylist()
    jsonl = [json.loads(line) for line in invoke("export", "--db", loaded).stdout.splitlines()]
    assert [(r["id"], r["cluster_id"], r["article_id"], r["article_outlet"]) for r in table] == [
        (r["id"], r["cluster_id"], r["article_id"], r["article"]["outlet"]) for r in jsonl
    ]


def test_stage_errors(tmp_path: Path) -> None:
    res = invoke("db", "load", tmp_path, "--db", tmp_path / "x.db")
    assert res.exit_code == 1 and "not a stage folder" in res.stderr
    res = invoke("ingest", str(ROOT / "seeds"), "--stage", tmp_path / "s")
    assert res.exit_code == 2 and "--scheduler" in res.stderr
    res = invoke("ingest", "-", "--dask-workers", "1")
    assert res.exit_code == 2
    res = invoke("export", "--format", "parquet", "--json")
    assert res.exit_code == 2


@pytest.mark.parametrize("shard", [1, 2, 3, 1000])
def test_partitions_read_as_the_plain_readers(shard: int, tmp_path: Path) -> None:
    """JSONL shards and file groups give the plain reading order, ids, metadata and problems."""
    jsonl = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"text": f'Story {i} says "hello there {i}".', "outlet": "Wire"}) for i in range(7)]
    lines[3] = "{broken"
    lines.insert(5, "")
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = [str(ROOT / "seeds"), str(jsonl), str(ROOT / "fixtures" / "ingest"), str(tmp_path / "missing.txt")]
    want = list(iter_inputs(paths))
    parts, problems = plan(paths, max_bytes=10 << 20, files_per_partition=2, lines_per_shard=shard)
    got: list[Any] = list(problems)
    for part in parts:
        got.extend(read_partition(part, max_bytes=10 << 20))
    key = lambda it: it if not isinstance(it, Article) else (it.id, it.text, it.outlet, it.date, it.title)  # noqa: E731
    assert sorted(map(repr, map(key, got))) == sorted(map(repr, map(key, want)))
    assert [key(i) for i in got if isinstance(i, Article)] == [key(i) for i in want if isinstance(i, Article)]
    assert len({p.name for p in parts}) == len(parts)


def test_a_worker_killed_mid_run_changes_nothing(
    cluster: Any, corpus: list[Path], plain: tuple[Path, Any], tmp_path: Path
) -> None:
    from distributed import Client

    stage = tmp_path / "stage"
    db = tmp_path / "killed.db"
    result: dict[str, Any] = {}

    def run() -> None:
        result["res"] = invoke("ingest", *corpus, "--db", db, "--scheduler", cluster.scheduler_address,
                               "--stage", stage, "--json")  # fmt: skip

    t = threading.Thread(target=run)
    t.start()
    deadline = time.monotonic() + 120
    while not (stage / "done").is_dir() or not any((stage / "done").iterdir()):
        assert time.monotonic() < deadline, "no shard written"
        time.sleep(0.05)
    with Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
        busy = [w for w, tasks in client.processing().items() if tasks] or list(pids)
        os.kill(pids[busy[0]], signal.SIGKILL)
    t.join(300)
    assert not t.is_alive()
    res = result["res"]
    assert res.exit_code == 0, res.stderr
    assert dump(db) == dump(plain[0])


def _pieces_of(db: Path) -> tuple[dict[str, list[Any]], dict[str, str], dict[str, frozenset[str]]]:
    """The stored pieces per mention group, their stored cluster ids, and each article's story terms."""
    from quotetrace.cluster import Piece, story_terms
    from quotetrace.store import Store

    groups: dict[str, list[Any]] = {"q": [], "i": []}
    stored: dict[str, str] = {}
    terms: dict[str, frozenset[str]] = {}
    with Store.open(db, create=False) as store:
        for pid, words, cid, speaker, kind, date, aid, start in store.cluster_piece_rows():
            groups["i" if kind == "indirect" else "q"].append(Piece(pid, words, speaker, date, aid, start))
            stored[pid] = cid
            if aid not in terms:
                row = store.article_context(aid)
                assert row is not None
                terms[aid] = story_terms(Article(id=aid, text=row[0], title=row[1]))
    return groups, stored, terms


def test_distributed_clustering_gives_the_ingest_ids(cluster: Any, plain: tuple[Path, Any]) -> None:
    """The stored pieces of the plain ingest, clustered on the cluster from scratch: every piece gets the cluster
    id the single-machine ingest stored."""
    from distributed import Client

    from quotetrace.scale.cluster import distributed_cluster_pieces

    groups, stored, terms = _pieces_of(plain[0])
    assert len(groups["q"]) > 50 and groups["i"]
    with Client(cluster.scheduler_address) as client:
        for prefix, pieces in groups.items():
            parts = [pieces[k::3] for k in range(3)]
            got = distributed_cluster_pieces(client, parts, prefix=prefix, context=terms.get, buckets=3)
            assert got == {p.id: stored[p.id] for p in pieces}


@pytest.mark.parametrize("hot_cap", [3, 48])
def test_distributed_clustering_is_the_corpus_clusterer(cluster: Any, hot_cap: int) -> None:
    """Synthetic mentions (bench/cluster_scale.py's generator: copies, fragments, ellipses, other speakers, surname
    only, no speaker): the same assignment as cluster_pieces, however the pieces are partitioned; a small hot_cap
    makes common keys hot (they must link nothing on either side)."""
    import importlib.util

    from distributed import Client

    from quotetrace.cluster import CorpusClusterer, Piece
    from quotetrace.scale.cluster import distributed_cluster_pieces

    spec = importlib.util.spec_from_file_location("cluster_scale", ROOT / "bench" / "cluster_scale.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cluster_scale", gen)  # its dataclasses look their module up
    spec.loader.exec_module(gen)
    items = gen.generate(3000, seed=11)
    pieces = [Piece(it.mid, it.text, it.speaker, it.date, it.article, i % 7) for i, it in enumerate(items)]
    single = CorpusClusterer(hot_cap=hot_cap)
    single.update(pieces)
    want = single.assignments()
    assert len(set(want.values())) < len(pieces)  # copies joined: the comparison is not trivial
    with Client(cluster.scheduler_address) as client:
        skewed = [pieces[:100], pieces[100:2500], pieces[2500:]]
        got = distributed_cluster_pieces(client, skewed, hot_cap=hot_cap, buckets=4)
    assert got == want


_PROBE = """
import sys
from quotetrace.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
heavy = sorted(m for m in ("dask", "distributed", "pyarrow", "spacy", "quotetrace.scale") if m in sys.modules)
print("LOADED " + " ".join(heavy) if heavy else "LEAN", file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["db", "--help"], ["list"], ["show", "q0"],
                                  ["export", "--format", "jsonl"]])  # fmt: skip
def test_help_list_show_never_import_dask(args: list[str], plain: tuple[Path, Any]) -> None:
    import subprocess

    db = [] if "--help" in args else ["--db", str(plain[0])]
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args, *db], capture_output=True, text=True, cwd=ROOT,
                          check=False)  # fmt: skip
    assert proc.stderr.strip().splitlines()[-1] == "LEAN", proc.stderr


@pytest.mark.parametrize(
    "value",
    [[], [(1, b"\x00wid", 3)], {"assign": {"p1": "q1"}, "clusters": [[("q1", None)]]}, {b"a": b"b"}, {"x", "y"}],
)
def test_boxed_values_round_trip_whole(value: Any) -> None:
    """What the distributed clusterer ships between tasks comes back equal, pieces included, through Dask's own
    serialisation (one pickled blob, not element by element)."""
    import pickle

    from distributed.protocol import deserialize, serialize

    from quotetrace.cluster import Piece
    from quotetrace.scale.cluster import _Box

    value = [value, Piece("m1", "a quoted text", "Ann Lee", "2020-01-01", "a1", 4)]
    header, frames = serialize(_Box(value))
    assert header["serializer"] == "pickle"
    assert deserialize(header, frames).value == value
    assert pickle.loads(pickle.dumps(_Box(value))).value == value


def test_distributed_clustering_with_one_dominant_surname(cluster: Any) -> None:
    """Two speakers in three share one surname (all their long clusters and short pieces meet in one surname
    bucket): still the corpus clusterer's assignment."""
    import importlib.util

    from distributed import Client

    from quotetrace.cluster import Piece, cluster_pieces
    from quotetrace.scale.cluster import distributed_cluster_pieces

    spec = importlib.util.spec_from_file_location("cluster_scale", ROOT / "bench" / "cluster_scale.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cluster_scale", gen)
    spec.loader.exec_module(gen)
    items = gen.generate(2000, seed=5)
    pieces = []
    for i, it in enumerate(items):
        speaker = it.speaker
        if speaker and i % 3:
            speaker = f"{speaker.split()[0]} Okafor" if " " in speaker else "Okafor"
        pieces.append(Piece(it.mid, it.text, speaker, it.date, it.article, 0))
    want = cluster_pieces(pieces)
    assert len(set(want.values())) < len(pieces)
    with Client(cluster.scheduler_address) as client:
        got = distributed_cluster_pieces(client, [pieces[k::5] for k in range(5)], buckets=4)
    assert got == want


def test_the_ranker_mode_travels_with_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers attribute with the client's speaker-ranker mode, and a stage made in another mode is not reused."""
    from quotetrace.config import RANKER_ENV, ranker_mode
    from quotetrace.scale.run import Settings, _environ

    monkeypatch.setenv(RANKER_ENV, "0")
    s = Settings("m", True, 1, ranker_mode())
    assert s.to_dict()["ranker"] == "off"
    assert s.key != Settings("m", True, 1, "low").key
    with _environ(RANKER_ENV, "always"):
        assert ranker_mode() == "always"
    assert ranker_mode() == "off"
