"""Ingest speed against a baseline commit, in the same run: the 270 BASIL articles into a fresh index.

The baseline's package is exported with ``git archive BASE`` into a temporary folder; each side runs
``quotetrace.ingest.run.ingest`` in its own process (same Python, same spaCy pipeline, one process each), alternating
baseline and current ``--repeat`` times, so load on a shared machine falls on both alike. Reports wall and CPU
time (the child's user+system) per side, best and median, and the ratio current / baseline.

    python -m bench.ingest_compare --base 3fbc83b --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.ingest_compare") from None

# Run with PYTHONPATH=<side's source> and the temporary folder as working directory, so that side's quotetrace is
# the one imported (PYTHONPATH comes before the editable install).
CHILD = """
import time
try:
    from quotetrace.ingest.run import ingest
except ImportError:  # a base commit from before the ingest use case moved
    from quotetrace.index import ingest
from quotetrace.ingest import iter_inputs
from quotetrace.models import Article
from quotetrace.store import Store
arts = [a for a in iter_inputs([{basil!r}]) if isinstance(a, Article)]
store = Store.open({db!r})
t0 = time.perf_counter()
rep = ingest(store, arts, n_process=1)
print(time.perf_counter() - t0, rep.mentions, store.counts()[1])
"""


def run_side(src: str, basil: Path, tmp: Path) -> tuple[float, float, int, int]:
    db = tmp / f"ingest-{time.monotonic_ns()}.db"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(basil=str(basil), db=str(db))],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp,
        env={**os.environ, "PYTHONPATH": src},
    ).stdout.split()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(out[0]), cpu, int(out[1]), int(out[2])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="baseline commit (anything git archive takes)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    basil = common.basil_articles()
    if not basil.is_file():
        return common.skip(f"{basil} not found")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        base_src = tmp / "base"
        base_src.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(common.REPO), "archive", args.base, "quotetrace"], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(base_src)], input=archive.stdout, check=True)
        sides = {"baseline": str(base_src), "current": str(common.REPO)}
        got: dict[str, list[tuple[float, float, int, int]]] = {k: [] for k in sides}
        for i in range(args.repeat):
            for name, src in sides.items():
                got[name].append(run_side(src, basil, tmp))
                print(f"run {i + 1} {name}: {got[name][-1][0]:.1f}s wall, {got[name][-1][1]:.1f}s CPU", file=sys.stderr)
    summary = {}
    for name, runs in got.items():
        walls = [r[0] for r in runs]
        cpus = [r[1] for r in runs]
        summary[name] = {
            "wall_best": min(walls),
            "wall_median": statistics.median(walls),
            "cpu_best": min(cpus),
            "cpu_median": statistics.median(cpus),
            "mentions": runs[0][2],
            "clusters": runs[0][3],
        }
    summary["ratio_cpu_best"] = summary["current"]["cpu_best"] / summary["baseline"]["cpu_best"]
    summary["ratio_wall_best"] = summary["current"]["wall_best"] / summary["baseline"]["wall_best"]
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
