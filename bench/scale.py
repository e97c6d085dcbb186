"""Ingest on a Dask cluster against one machine, and distributed clustering against the single-process clusterer.

Part 1 — PolNeAR train (840 articles, read at run time from ../shared/eval/polnear/train; skipped with a message
when absent) ingested by the CLI, each run into a fresh index, in this order: 1 process, ``--jobs 2``, a 2-worker
LocalCluster (``--dask-workers 2 --stage DIR``, cluster start-up included), then ``db load DIR`` of that stage into
another fresh index. Every index is compared with the 1-process one (all tables but timestamps). Target: the Dask
run >= 90% of the ``--jobs 2`` throughput.

Part 2 — synthetic mentions (bench/synthetic.py, as in bench/cluster_scale.py) clustered by the single-process
corpus clusterer (:func:`quotetrace.cluster.cluster_pieces`) and by
:func:`quotetrace.scale.cluster.distributed_cluster_pieces` on a 2-worker LocalCluster: identical assignments
required; target: the time of a size 10x larger <= 11x. Beside the wall time, the CPU seconds of the two workers
and the client (a ratio the load of a shared machine does not bend) and, per step of the distributed clusterer, the
workers' compute and transfer seconds from Dask's task stream.

    python -m bench.scale                          # both parts, clustering sizes 20000 200000
    python -m bench.scale --part cluster --sizes 100000 1000000
    python -m bench.scale --json out.json          # the figures docs/scale.md's capacity plan reads
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.scale") from None

CLI = [sys.executable, "-m", "quotetrace"]


def dump(db: Path, *, content_only: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows without timestamps (as tests/test_scale.py compares indexes). With ``content_only``, also
    without what the batch size decides (row sequence numbers, aliases of ids retired during the run)."""
    con = sqlite3.connect(db)
    out: dict[str, list[tuple[Any, ...]]] = {}
    skip = {"meta", "schema_migrations"} | ({"cluster_aliases"} if content_only else set())
    for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        if t.startswith("clusters_fts") or t in skip:
            continue
        drop = {"ingested_at"} | ({"seq"} if content_only else set())
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] not in drop]
        out[t] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
    con.close()
    return out


def _run(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    t0 = time.perf_counter()
    proc = subprocess.run([*CLI, *args, "--json"], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(args)}")
    return seconds, json.loads(proc.stdout)


def part_ingest(work: Path, limit: int = 0) -> dict[str, Any]:
    train = common.polnear_dir("train")
    if not train.is_dir():
        common.skip(f"the ingest part: PolNeAR train not found at {train}")
        return {}
    env = dict(os.environ, QUOTETRACE_NO_PROGRESS="1")
    source = train
    if limit:  # the first N articles by file name, linked into a folder of their own
        source = work / "input"
        source.mkdir()
        for f in sorted(train.glob("*.json"))[:limit]:
            (source / f.name).symlink_to(f)
    runs: dict[str, Any] = {}
    configs = [
        ("1 process", ["ingest", str(source)]),
        ("--jobs 2", ["ingest", str(source), "--jobs", "2"]),
        ("Dask LocalCluster, 2 workers", ["ingest", str(source), "--dask-workers", "2", "--stage", str(work / "s")]),
        ("db load of the stage", ["db", "load", str(work / "s")]),
    ]
    base: dict[str, Any] | None = None
    base_content: dict[str, Any] = {}
    for n, (label, args) in enumerate(configs):
        db = work / f"run{n}.db"
        seconds, summary = _run([*args, "--db", str(db)], env)
        rows, content = dump(db), dump(db, content_only=True)
        if base is None:
            base, base_content = rows, content
        runs[label] = {
            "seconds": seconds,
            "articles": summary["read"],
            "mentions": summary["mentions"],
            "clusters": summary["clusters_total"],
            "articles_per_s": summary["read"] / seconds,
            "identical_to_1_process": rows == base,
            "same_clusters_ids_mentions": content == base_content,
        }
        print(f"{label}: {seconds:.1f}s, {summary['read'] / seconds:.2f} articles/s, identical={rows == base}, "
              f"same clusters/ids/mentions={content == base_content}", file=sys.stderr)  # fmt: skip
    dask, jobs2 = runs["Dask LocalCluster, 2 workers"], runs["--jobs 2"]
    print()
    print("| run | wall (s) | articles | mentions | clusters | articles/s | same index as 1 process "
          "| same clusters, ids, mentions |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for label, r in runs.items():
        same = "yes" if r["identical_to_1_process"] else "NO"
        same_content = "yes" if r["same_clusters_ids_mentions"] else "NO"
        print(f"| {label} | {r['seconds']:.1f} | {r['articles']} | {r['mentions']} | {r['clusters']} "
              f"| {r['articles_per_s']:.2f} | {same} | {same_content} |")  # fmt: skip
    ratio = dask["articles_per_s"] / jobs2["articles_per_s"]
    print(f"\nDask / --jobs 2 throughput: {ratio:.1%} (target >= 90%)")
    return {"runs": runs, "dask_over_jobs2": ratio}


def _steps(stream: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Seconds per step of the distributed clusterer, from Dask's task stream: per task function (``_key_pairs``,
    ``_links`` …), the workers' compute and transfer time, summed over tasks."""
    from dask.utils import key_split

    out: dict[str, dict[str, float]] = {}
    for task in stream:
        step = key_split(task["key"])
        row = out.setdefault(step, {"compute": 0.0, "transfer": 0.0, "tasks": 0})
        row["tasks"] += 1
        for ss in task.get("startstops", ()):
            action = ss["action"] if ss["action"] in row else "transfer" if "transfer" in ss["action"] else None
            if action is not None:
                row[action] += ss["stop"] - ss["start"]
    return out


def _cluster_worker(n: int) -> dict[str, Any]:
    """One size, in its own process: single-process corpus clusterer, then the distributed one."""
    from distributed import Client, LocalCluster, get_task_stream

    from bench.synthetic import generate
    from quotetrace.cluster import Piece, cluster_pieces
    from quotetrace.scale.cluster import distributed_cluster_pieces

    items = generate(n)
    pieces = [Piece(it.mid, it.text, it.speaker, it.date, it.article, 0) for it in items]
    del items
    t0, c0 = time.perf_counter(), time.process_time()
    want = cluster_pieces(pieces)
    single, single_cpu = time.perf_counter() - t0, time.process_time() - c0
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc,
        Client(lc) as client,
    ):
        parts = 16
        futs = client.scatter([pieces[k::parts] for k in range(parts)])
        del pieces
        w0 = client.run(time.process_time)
        t0, c0 = time.perf_counter(), time.process_time()
        with get_task_stream(client) as ts:
            got = distributed_cluster_pieces(client, futs)
        dist, client_cpu = time.perf_counter() - t0, time.process_time() - c0
        w1 = client.run(time.process_time)
        workers_cpu = sum(w1[w] - w0[w] for w in w1)
        steps = _steps(ts.data)
    return {
        "n": n,
        "single_s": single,
        "single_cpu_s": single_cpu,
        "distributed_s": dist,
        "client_cpu_s": client_cpu,
        "workers_cpu_s": workers_cpu,
        "steps": steps,
        "clusters": len(set(want.values())),
        "identical": got == want,
    }


def part_cluster(sizes: list[int]) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        out = subprocess.run(
            [*common.bench_cmd("scale"), "--cluster-worker", str(n)],
            capture_output=True,
            text=True,
            check=False,
            cwd=common.REPO,
        )
        if out.returncode != 0:
            sys.stderr.write(out.stderr[-3000:])
            raise SystemExit(f"clustering {n} failed")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(f"clustered {n}: single {r['single_s']:.1f}s, distributed {r['distributed_s']:.1f}s, "
              f"identical={r['identical']}", file=sys.stderr)  # fmt: skip
    print()
    print("| mentions | single process (s) | 2-worker Dask (s) | µs / mention (Dask) | Dask time ratio vs previous "
          "| size ratio | single CPU s | Dask CPU s (workers, client) | Dask CPU ratio "
          "| clusters | identical |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    prev = None
    for r in results:
        ratio = f"{r['distributed_s'] / prev['distributed_s']:.2f}" if prev else "–"
        size = f"{r['n'] / prev['n']:.0f}" if prev else "–"
        per = r["distributed_s"] / r["n"] * 1e6
        same = "yes" if r["identical"] else "NO"
        cpu = r["workers_cpu_s"] + r["client_cpu_s"]
        cpu_ratio = f"{cpu / (prev['workers_cpu_s'] + prev['client_cpu_s']):.2f}" if prev else "–"
        print(f"| {r['n']:,} | {r['single_s']:.1f} | {r['distributed_s']:.1f} | {per:.0f} | {ratio} | {size} "
              f"| {r['single_cpu_s']:.1f} | {cpu:.1f} | {cpu_ratio} | {r['clusters']:,} | {same} |")  # fmt: skip
        prev = r
    print()
    print("Workers' seconds per step (compute / transfer, summed over tasks; from Dask's task stream):")
    print()
    print("| step | " + " | ".join(f"{r['n']:,}" for r in results) + " |")
    print("|---|" + "---:|" * len(results))
    last = results[-1]["steps"]
    names = sorted({s for r in results for s in r["steps"]}, key=lambda s: -last.get(s, {}).get("compute", 0))
    for s in names:
        cells = []
        for r in results:
            row = r["steps"].get(s)
            cells.append(f"{row['compute']:.1f} / {row['transfer']:.1f}" if row else "–")
        print(f"| {s} | " + " | ".join(cells) + " |")
    print("| client CPU | " + " | ".join(f"{r['client_cpu_s']:.1f}" for r in results) + " |")
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("all", "ingest", "cluster"), default="all")
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    ap.add_argument("--json", help="Also write the figures to this file.")
    ap.add_argument("--limit", type=int, default=0, help="Only the first N PolNeAR articles (a quick check).")
    ap.add_argument("--cluster-worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cluster_worker:
        print(json.dumps(_cluster_worker(args.cluster_worker)))
        return
    info = {
        "commit": common.commit(),
        "machine": f"{os.cpu_count()} cores, shared",
        "python": platform.python_version(),
    }
    print(f"commit {info['commit']} · {info['machine']} · Python {info['python']}")
    figures: dict[str, Any] = {"info": info}
    work = Path(tempfile.mkdtemp(prefix="qt-scale-bench-"))
    try:
        if args.part in ("all", "ingest"):
            figures["ingest"] = part_ingest(work, args.limit)
        if args.part in ("all", "cluster"):
            figures["cluster"] = part_cluster(args.sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
