"""Cost of reported-speech extraction: extract throughput with and without it, interleaved, on PolNeAR train."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.indirect_speed") from None


def run_once(indirect: bool, limit: int, n_process: int) -> dict[str, float]:
    from quotetrace.extract import extract_articles
    from quotetrace.models import Article

    files = sorted(common.polnear_dir().glob("*.json"))[: limit or None]
    arts = [Article(id=f.stem, text=json.loads(f.read_text(encoding="utf-8"))["text"]) for f in files]
    words = sum(len(a.text.split()) for a in arts)
    list(extract_articles(arts[:2], include_indirect=indirect))  # load the pipeline outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = sum(len(ms) for _, ms in extract_articles(arts, include_indirect=indirect, n_process=n_process))
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0 + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    return {"articles": len(arts), "words": words, "seconds": secs, "cpu": cpu, "mentions": mentions}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="first N articles (0 = all 840)")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved rounds; the best of each is kept")
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--run", choices=["with", "without"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not common.polnear_dir().is_dir():
        return common.skip(f"PolNeAR train not found at {common.polnear_dir()}")
    if args.run:
        print(json.dumps(run_once(args.run == "with", args.limit, args.n_process)))
        return 0
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.repeat):
        for mode in ("without", "with"):  # each run in a fresh process
            cmd = [*common.bench_cmd("indirect_speed"), "--run", mode, "--limit", str(args.limit)]
            cmd += ["--n-process", str(args.n_process)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=common.REPO)
            res = json.loads(proc.stdout)
            if mode not in best or res["seconds"] < best[mode]["seconds"]:
                best[mode] = res
    shown = common.command(
        "indirect_speed", ["--limit", str(args.limit), "--repeat", str(args.repeat), "--n-process", str(args.n_process)]
    )
    print(f"`{shown}` at {common.commit()} (load average at the end {common.load_average():.1f})\n")
    print("| extraction | articles | words | seconds | words/s | CPU s | mentions |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for mode in ("without", "with"):
        r = best[mode]
        print(
            f"| {mode} reported speech | {r['articles']:.0f} | {r['words']:.0f} | {r['seconds']:.1f} | "
            f"{r['words'] / r['seconds']:.0f} | {r['cpu']:.1f} | {r['mentions']:.0f} |"
        )
    ratio = best["with"]["seconds"] / best["without"]["seconds"]
    print(f"\nwith / without: {ratio:.2f}× the time (target: within 1.20×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
