"""Scale benchmark for quotetrace.cluster: time, peak memory and growth on synthetic mention sets.

Each size runs in its own subprocess so peak RSS is per size. Synthetic data (bench/synthetic.py): quotes of
3-60 words drawn from a Zipf-ish vocabulary, spoken by a Zipf-ish population of speakers (some share a surname),
with ~30% perturbed copies of earlier quotes (fragments, punctuation/case/quote marks, word substitutions,
ellipses, bracketed insertions, surname-only or null speakers, and the same words from a different speaker).
Besides speed it reports how often each kind of copy landed in its source's cluster (a different speaker should
never).

    python -m bench.cluster_scale --sizes 10000 100000 1000000            # both implementations
    python -m bench.cluster_scale --sizes 1000000 --impl corpus --batch 5000

Two implementations are timed side by side on the same data: ``incremental`` (the arrival-order Clusterer, the
baseline) and ``corpus`` (CorpusClusterer: clusters and ids a function of the set, fed in batches of --batch
mentions as an ingest would).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from quotetrace.cluster import Clusterer, CorpusClusterer, Piece, paused_gc

try:
    from bench import common
    from bench.synthetic import REPORTED, generate
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.cluster_scale") from None


def run_one(n: int, impl: str = "incremental", batch: int = 5000) -> dict[str, object]:
    items = generate(n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    if impl == "incremental":
        clusterer = Clusterer()
        with paused_gc():  # as quotetrace's own bulk clustering (cluster_mentions, ingest) does
            for it in items:
                clusterer.add(it.mid, it.text, it.speaker, date=it.date, article_id=it.article)
        assign = clusterer.assignments()
    else:
        cc = CorpusClusterer()
        pieces = [Piece(it.mid, it.text, it.speaker, it.date, it.article, i) for i, it in enumerate(items)]
        with paused_gc():
            for i in range(0, len(pieces), batch):
                cc.update(pieces[i : i + batch])
        assign = cc.assignments()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    joined: dict[str, list[int]] = {k: [0, 0] for k in REPORTED}
    for it in items:
        if it.source >= 0:
            stats = joined[it.kind]
            stats[1] += 1
            stats[0] += assign[it.mid] == assign[items[it.source].mid]
    originals = [it for it in items if it.source < 0]
    merged_originals = len(originals) - len({assign[it.mid] for it in originals})
    return {
        "n": n,
        "seconds": seconds,
        "cpu": cpu,
        "rss_mb": rss_after / 1024,
        "rss_delta_mb": (rss_after - rss_before) / 1024,
        "clusters": len(set(assign.values())),
        "impl": impl,
        "merged_originals": merged_originals,
        "joined": joined,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--impl", choices=("incremental", "corpus", "both"), default="both")
    ap.add_argument("--batch", type=int, default=5000, help="mentions per update of the corpus clusterer")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(run_one(args.worker, args.impl, args.batch)))
        return
    results = []
    impls = ("incremental", "corpus") if args.impl == "both" else (args.impl,)
    for n in args.sizes:
        for impl in impls:
            out = subprocess.run(
                [*common.bench_cmd("cluster_scale"), "--worker", str(n), "--impl", impl, "--batch", str(args.batch)],
                check=True,
                capture_output=True,
                text=True,
                cwd=common.REPO,
            ).stdout
            results.append(json.loads(out))
            print(f"done {n} {impl}: {results[-1]['seconds']:.1f}s", file=sys.stderr)

    print(
        "| impl | mentions | wall (s) | CPU (s) | CPU µs / mention | peak RSS (MB) | RSS growth while clustering (MB) "
        "| CPU ratio vs previous size | size ratio | clusters |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    for r in sorted(results, key=lambda r: (str(r["impl"]), int(r["n"]))):  # type: ignore[call-overload]
        if prev is not None and prev["impl"] != r["impl"]:
            prev = None
        n, s, cpu = int(r["n"]), float(r["seconds"]), float(r["cpu"])  # type: ignore[call-overload]
        ratio = f"{cpu / float(prev['cpu']):.2f}" if prev else "–"  # type: ignore[arg-type]
        size_ratio = f"{n / int(prev['n']):.0f}" if prev else "–"  # type: ignore[call-overload]
        print(
            f"| {r['impl']} | {n:,} | {s:.1f} | {cpu:.1f} | {cpu / n * 1e6:.0f} | {r['rss_mb']:.0f} "
            f"| {r['rss_delta_mb']:.0f} "
            f"| {ratio} | {size_ratio} | {r['clusters']:,} |"
        )
        prev = r
    print()
    print("| impl | mentions | " + " | ".join(REPORTED) + " | originals merged |")
    print("|---|---:|" + "---:|" * (len(REPORTED) + 1))
    for r in results:
        joined = r["joined"]
        cells = []
        for k in REPORTED:
            got, total = joined[k]  # type: ignore[index]
            cells.append(f"{got / total:.1%}" if total else "–")
        print(f"| {r['impl']} | {int(r['n']):,} | " + " | ".join(cells) + f" | {r['merged_originals']} |")  # type: ignore[call-overload]
    print()
    print(
        "Copy kinds: share landing in their source's cluster (higher is better; other-speaker<12w must be 0, "
        "other-speaker≥12w is the verbatim passage outlets credit to different people, joined by design). "
        "'originals merged': independent random quotes wrongly put together."
    )


if __name__ == "__main__":
    main()
