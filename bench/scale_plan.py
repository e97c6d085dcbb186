"""Capacity plan for a cluster ingest, simulated on synthetic partitions from MEASURED costs (bench/scale.py --json).

The model (docs/scale.md explains it): workers parse partitions (16 articles each) in submission order, each
article costing a draw from a lognormal whose mean is the measured per-article parse cost (core-seconds, from the
1-process PolNeAR run) and whose spread is that of the PolNeAR article lengths; the client then stores and
clusters the partitions in reading order, one after another, at the measured per-article cost of ``db load`` (the
same serial code path). Event by event: partition k is committed at max(parsed_k, committed_{k-1}) + its load
cost. It prints, per corpus size and worker count, the wall time, the core-hours and which side is the bottleneck,
and the skew of the clustering's shuffle keys on synthetic mentions (the largest surname's share of the
short-piece work, the largest block).

    python -m bench.scale_plan bench/out/scale.json
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
from collections import Counter
from pathlib import Path

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.scale_plan") from None

PER_PARTITION = 16


def simulate(n_articles: int, workers: int, parse_s: float, load_s: float, sigma: float, seed: int = 1) -> dict:
    """Wall seconds of a cluster ingest of ``n_articles`` (one event per partition)."""
    rng = random.Random(seed)
    mu = math.log(parse_s) - sigma**2 / 2  # lognormal with mean parse_s
    free = [0.0] * workers
    heapq.heapify(free)
    committed = 0.0
    busy = 0.0
    parts = math.ceil(n_articles / PER_PARTITION)
    # one partition's parse time: the sum of 16 lognormal draws ~ normal by the CLT (drawn per article for small
    # runs, by the normal approximation for big ones, to keep 100M articles quick)
    var = (math.exp(sigma**2) - 1) * parse_s**2
    for k in range(parts):
        m = min(PER_PARTITION, n_articles - k * PER_PARTITION)
        if parts <= 200_000:
            cost = sum(rng.lognormvariate(mu, sigma) for _ in range(m))
        else:
            cost = max(0.0, rng.gauss(m * parse_s, math.sqrt(m * var)))
        start = heapq.heappop(free)
        done = start + cost
        busy += cost
        heapq.heappush(free, done)
        committed = max(done, committed) + m * load_s
    return {"wall_s": committed, "parse_core_h": busy / 3600, "client_h": n_articles * load_s / 3600}


def skew(n: int) -> dict:
    """On synthetic mentions: the largest surname's share of the speakers' pieces (the short-piece shuffle key)."""
    from bench.synthetic import generate

    items = generate(n)
    surnames = Counter(it.speaker.split()[-1] for it in items if it.speaker)
    _, count = surnames.most_common(1)[0]
    return {"n": n, "top_surname_share": count / sum(surnames.values()), "surnames": len(surnames)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("figures", help="bench/scale.py --json output")
    ap.add_argument("--workers", type=int, nargs="+", default=[2, 16, 64, 256])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 100_000_000])
    ap.add_argument("--sigma", type=float, default=0.6, help="lognormal spread of per-article parse cost")
    args = ap.parse_args()
    fig = json.loads(Path(args.figures).read_text(encoding="utf-8"))
    if not fig.get("ingest"):  # bench/scale.py skips its PolNeAR part when ../shared is absent
        common.skip(f"{args.figures} holds no ingest figures (bench/scale.py ran without PolNeAR)")
        return
    runs = fig["ingest"]["runs"]
    one = runs["1 process"]
    parse_s = one["seconds"] / one["articles"]  # includes store+cluster: an upper bound of the parse cost
    load = runs["db load of the stage"]
    load_s = load["seconds"] / load["articles"]
    parse_s = max(1e-6, parse_s - load_s)
    mentions = one["mentions"] / one["articles"]
    print(f"measured: parse {parse_s * 1000:.0f} ms/article (core), store+cluster {load_s * 1000:.1f} ms/article "
          f"(client, serial), {mentions:.1f} mentions/article")  # fmt: skip
    print(f"client-bound above {parse_s / load_s:.0f} workers (parse cost / serial load cost)\n")
    print("| articles | workers | wall | parse core-hours | client (serial) hours | bottleneck |")
    print("|---:|---:|---:|---:|---:|---|")
    for n in args.sizes:
        for w in args.workers:
            r = simulate(n, w, parse_s, load_s, args.sigma)
            wall_h = r["wall_s"] / 3600
            bound = "client (SQLite store + clustering)" if r["client_h"] > 0.9 * wall_h else "workers (parsing)"
            print(f"| {n:,} | {w} | {wall_h:,.1f} h | {r['parse_core_h']:,.0f} | {r['client_h']:,.1f} | {bound} |")
    if "cluster" in fig:
        big = fig["cluster"][-1]
        per = big["distributed_s"] / big["n"]
        print(f"\ndistributed clustering, measured: {per * 1e6:.0f} µs/mention on 2 workers "
              f"({2 * per * 1e6:.0f} core-µs)")  # fmt: skip
        for n in args.sizes:
            m = n * mentions
            print(f"  {n:,} articles ≈ {m:,.0f} mentions: {2 * per * m / 3600:,.1f} core-hours")
    print("\n| synthetic mentions | surnames | largest surname's share of attributed pieces |")
    print("|---:|---:|---:|")
    for n in (20_000, 200_000):
        s = skew(n)
        print(f"| {n:,} | {s['surnames']:,} | {s['top_surname_share']:.1%} |")


if __name__ == "__main__":
    main()
