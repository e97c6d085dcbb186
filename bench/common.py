"""What every benchmark shares: where the repo, ../shared and bench/out are, the skip rule, the machine line, timing.

Benchmarks run as modules from the repository root (``python -m bench.<name>``), so they import this module as
``bench.common`` and nothing touches ``sys.path``. A script that re-runs itself in a fresh process uses
:func:`bench_cmd` with ``cwd=REPO``.
"""

from __future__ import annotations

import os
import platform
import shlex
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GOLD = BENCH / "gold"
OUT = BENCH / "out"  # git ignores it
SHARED_ENV = "QUOTETRACE_SHARED"
WHERE = f"needs ../shared/eval beside the project, or ${SHARED_ENV}"
# The latency target for `list` and `show` on the 100k-article synthetic index (bench/index_speed.py builds
# it as bench/out/index-100000.db; bench/framing_eval.py times `show` on it too).
LATENCY_TARGET_MS = 300.0


# ----------------------------------------------------------------------------- the shared data


def shared_dir() -> Path:
    """The shared folder: $QUOTETRACE_SHARED, else ``<repo>/../shared``. Read at run time, never committed."""
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else REPO.parent / "shared"


def eval_dir() -> Path:
    """``<shared>/eval``: PolNeAR, BASIL, realweb and the scorers."""
    return shared_dir() / "eval"


def polnear_dir(split: str = "train") -> Path:
    """PolNeAR's ``train`` (840 articles) or ``dev`` folder of one JSON per article."""
    return eval_dir() / "polnear" / split


def basil_articles() -> Path:
    """The 270 BASIL articles, one JSON per line."""
    return eval_dir() / "basil" / "articles.jsonl"


def load_scorer(path: Path) -> Any:
    """The shared evaluation's scorer script (``../shared/eval/tools/…``) loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("evaluate_quotes", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def skip(what: str) -> int:
    """Say on stderr that the benchmark is skipped (``skipped: <what> (<where the data belongs>)``); exit code 0."""
    print(f"skipped: {what} ({WHERE})", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------- where and on what it ran


def commit(*, dirty: bool = False) -> str:
    """The checked-out commit (short hash; ``-dirty`` appended when asked and the tree has changes), or "unknown"."""
    argv = ["git", "-C", str(REPO), "describe", "--always"] + (["--dirty"] if dirty else [])
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_average() -> float:
    """The 1-minute load average (NaN where the OS has none): wall times on a shared machine grow with it."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine(*, sqlite: bool = False) -> str:
    """One line: OS, architecture, CPU, cores, Python (and SQLite), and the load average now."""
    parts = [
        f"{platform.system()} {platform.machine()}",
        cpu_model(),
        f"{os.cpu_count()} cores",
        f"Python {platform.python_version()}" + (f", SQLite {sqlite3.sqlite_version}" if sqlite else ""),
        f"load average {load_average():.2f}",
    ]
    return ", ".join(parts)


def command(module: str, argv: Sequence[str] | None = None) -> str:
    """The command line that reproduces this run, as BENCHMARKS.md records it: ``python -m bench.<module> ...``."""
    args = sys.argv[1:] if argv is None else list(argv)
    return shlex.join(["python", "-m", f"bench.{module}", *args])


# ----------------------------------------------------------------------------- fresh processes


def bench_cmd(module: str) -> list[str]:
    """argv that runs ``bench/<module>.py`` in a fresh interpreter (run it with ``cwd=REPO``)."""
    return [sys.executable, "-m", f"bench.{module}"]


def quotetrace_cmd() -> list[str]:
    """argv of the installed ``quotetrace`` command beside this Python (else ``python -m quotetrace``)."""
    script = Path(sys.executable).parent / "quotetrace"
    return [str(script)] if script.exists() else [sys.executable, "-m", "quotetrace"]


@dataclass(frozen=True)
class Run:
    """One command in a fresh process: wall and CPU (user + system) seconds, peak resident MB, exit code, stderr."""

    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    stderr: str


def run_fresh(argv: Sequence[str], env: Mapping[str, str] | None = None, *, cwd: Path | None = None) -> Run:
    """Run ``argv`` once (stdout discarded) and read its own rusage with wait4: CPU time and peak memory are the
    child's alone, not this process's. CPU time is the figure to read on a shared machine."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(env) if env else None, cwd=cwd
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, err)


@dataclass(frozen=True)
class Timing:
    """``repeat`` runs of one command after a warm-up: best and median wall, best CPU, worst peak MB, last exit."""

    best: float
    median: float
    cpu: float
    peak_mb: float
    returncode: int


def time_repeated(
    argv: Sequence[str], repeat: int, env: Mapping[str, str] | None = None, *, check: bool = False
) -> Timing:
    """Time ``argv`` ``repeat`` times in fresh processes after one warm-up run (page cache, .pyc files). A failing
    run's stderr is echoed; with ``check`` the benchmark stops there (SystemExit naming the command)."""
    return time_interleaved(argv, repeat, [env], check=check)[0]


def time_interleaved(
    argv: Sequence[str], repeat: int, envs: Sequence[Mapping[str, str] | None], *, check: bool = False
) -> list[Timing]:
    """:func:`time_repeated` of one command under several environments (a change and its baseline), run in turn
    (A, B, A, B, ...) so that load from the rest of a shared machine falls on each alike; one Timing per env."""
    runs: list[list[Run]] = [[] for _ in envs]
    for i in range(max(repeat, 1) + 1):
        for k, env in enumerate(envs):
            run = run_fresh(argv, env)
            if run.returncode:
                sys.stderr.write(run.stderr[-3000:])
                if check:
                    raise SystemExit(f"failed: {shlex.join(argv)}")
            if i:  # the first run is the warm-up
                runs[k].append(run)
    return [
        Timing(
            best=min(r.wall for r in rs),
            median=statistics.median(r.wall for r in rs),
            cpu=min(r.cpu for r in rs),
            peak_mb=max(r.peak_mb for r in rs),
            returncode=rs[-1].returncode,
        )
        for rs in runs
    ]
