"""Report speed and size: `quotetrace report` of the 270 BASIL articles (≈3,600 quotes) against its targets —
built in under 30 s, under 30 MB in all, no quote page over 200 KB — with `quotetrace export --format json` of the
same index (and `export --framing`, which compares every mention with its quote's fullest wording as the report
does) as the baseline, each a whole process, timed in the same run.

The BASIL articles (../shared/eval/basil/articles.jsonl; override the shared folder with $QUOTETRACE_SHARED) are
ingested once into bench/out/report-basil.db (again with --rebuild); when they are absent the script prints
`skipped: …` on stderr and exits 0. Best and median wall time over --repeat runs (default 3) after a warm-up run,
the child's CPU seconds and its peak memory. Exit code 1 when a target is missed.

    python -m bench.report_speed
    python -m bench.report_speed --repeat 5 --rebuild
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time
from pathlib import Path

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.report_speed") from None

OUT = common.OUT

TARGET_SECONDS = 30.0
TARGET_TOTAL_MB = 30.0
TARGET_PAGE_KB = 200.0


def folder_stats(root: Path) -> dict[str, float | int | str]:
    total = 0
    pages = 0
    largest = ("", 0)
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            size = path.stat().st_size
            total += size
            if name.endswith(".html"):
                pages += 1
                if Path(dirpath).name == "quotes" and size > largest[1]:
                    largest = (str(path.relative_to(root)), size)
    quotes = len(list((root / "quotes").glob("*.html")))
    return {
        "total_mb": total / 1e6,
        "pages": pages,
        "quotes": quotes,
        "largest": largest[0],
        "largest_kb": largest[1] / 1e3,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true", help="Ingest the BASIL articles again.")
    ap.add_argument("--db", type=Path, default=OUT / "report-basil.db")
    args = ap.parse_args()
    basil = common.basil_articles()
    if not basil.exists():
        return common.skip(f"the BASIL articles are not at {basil}")
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QUOTETRACE_DB": str(args.db), "QUOTETRACE_NO_PROGRESS": "1"}
    qt = common.quotetrace_cmd()
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        t0 = time.perf_counter()
        subprocess.run([*qt, "ingest", str(basil)], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"ingested {basil.name} in {time.perf_counter() - t0:.1f}s (not part of the figures below)")
    stats = subprocess.run([*qt, "db", "stats", "--json"], env=env, check=True, capture_output=True, text=True)
    print(f"index: {stats.stdout.strip()[:300]}")
    print(f"machine: {common.machine()}")

    site = OUT / "report-basil"
    if site.exists():
        shutil.rmtree(site)
    rows = [
        ("baseline: export --format json", [*qt, "export", "--format", "json"]),
        ("baseline: export --format json --framing", [*qt, "export", "--format", "json", "--framing"]),
        ("report -o DIR", [*qt, "report", "-o", str(site)]),
        ("report -o DIR -j 2", [*qt, "report", "-o", str(site), "-j", "2"]),
    ]
    results = {}
    for label, argv in rows:
        results[label] = common.time_repeated(argv, args.repeat, env, check=True)
    size = folder_stats(site)

    print()
    print("| command | best s | median s | CPU s | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    for label, r in results.items():
        print(f"| {label} | {r.best:.2f} | {r.median:.2f} | {r.cpu:.2f} | {r.peak_mb:.0f} |")
    report = min(results["report -o DIR"], results["report -o DIR -j 2"], key=lambda r: r.median)
    base = results["baseline: export --format json --framing"]
    print()
    print(f"report (faster of -j 1, -j 2) / export --framing: {report.median / base.median:.2f}x (median wall)")
    print(
        f"report: {size['quotes']} quote pages, {size['pages']} pages, {size['total_mb']:.1f} MB in all; "
        f"largest quote page {size['largest']} {size['largest_kb']:.0f} KB"
    )
    checks = [
        (f"built in under {TARGET_SECONDS:.0f} s (median wall)", report.median < TARGET_SECONDS),
        (f"built in under {TARGET_SECONDS:.0f} CPU seconds", report.cpu < TARGET_SECONDS),
        (f"under {TARGET_TOTAL_MB:.0f} MB in all", float(size["total_mb"]) < TARGET_TOTAL_MB),
        (f"every quote page under {TARGET_PAGE_KB:.0f} KB", float(size["largest_kb"]) < TARGET_PAGE_KB),
    ]
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
