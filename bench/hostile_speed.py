"""Hostile inputs, time and peak memory (issue 10): 5,000 short quotes in ONE paragraph against the same quotes one
per paragraph (the baseline), and a 50 MB file on one line — each through ``quotetrace ingest`` and ``extract`` in a
fresh process, so the figures include what a user waits for (loading spaCy included).

Targets: the one-paragraph article in under 10 s and 1 GB, and within a small factor of the baseline (the cost per
article grows linearly with its quotes). Generated text only; nothing is read from ../shared.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.hostile_speed") from None

NAMES = ["Anna Berg", "Tom Hardy", "he", "Finance Minister Lee", "the minister"]


def many_quotes(n: int, *, one_paragraph: bool) -> str:
    """``n`` short quotations (the issue's case: 5,000 in about 50 KB), every fifth attributed — to a name, a
    pronoun or a role noun in turn, so each way of resolving a speaker is exercised."""
    # "Not", not "No": quotetrace skips a text whose first 400 words look foreign, and "No" is Portuguese.
    quotes = [f'"Not {i}," said {NAMES[(i // 5) % len(NAMES)]}.' if i % 5 == 0 else f'"Not {i}."' for i in range(n)]
    return "Budget talks drag on\n\n" + (" " if one_paragraph else "\n\n").join(quotes) + "\n"


FILLER = (
    "The committee met again on Tuesday to go through the figures line by line, and the meeting ran late into the "
    "evening while the clerks checked every table twice before the members went home. "
)


def one_line(size: int, quotes: int) -> str:
    """``size`` characters on one line: prose, with ``quotes`` attributed quotations spread evenly through it."""
    block = max(1, size // max(1, quotes))
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        chunk = f'"We will look at it again, number {i}," said Anna Berg. ' + FILLER * (block // len(FILLER))
        parts.append(chunk)
        total += len(chunk)
        i += 1
    return "".join(parts)[:size].rsplit(" ", 1)[0] + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quotes", type=int, default=5000)
    ap.add_argument("--mb", type=float, default=50.0, help="size of the one-line file (0 skips it)")
    ap.add_argument("--line-quotes", type=int, default=50, help="quotations spread through the one-line file")
    args = ap.parse_args()
    exe = [sys.executable, "-m", "quotetrace"]
    env = {**os.environ, "QUOTETRACE_NO_PROGRESS": "1"}
    rows: list[tuple[str, str, int, float, float, float, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path, list[str]]] = []
        for label, one in (("one paragraph", True), ("baseline: one quote per paragraph", False)):
            path = Path(tmp) / f"{'one' if one else 'split'}.txt"
            path.write_text(many_quotes(args.quotes, one_paragraph=one))
            cases.append((f"{args.quotes:,} quotes, {label}", path, []))
        if args.mb:
            path = Path(tmp) / "line.txt"
            path.write_text(one_line(int(args.mb * 1024 * 1024), args.line_quotes))
            cases.append(
                (f"{args.mb:g} MB on one line, {args.line_quotes} quotes", path, ["--max-mb", str(args.mb + 1)])
            )
        for label, path, extra in cases:
            size = path.stat().st_size
            for command in ("ingest", "extract"):
                if command == "ingest":
                    cmd = [*exe, "ingest", str(path), "--db", str(Path(tmp) / f"{path.stem}.db"), *extra]
                else:
                    cmd = [*exe, "extract", str(path), "--format", "jsonl", *extra]
                run = common.run_fresh(cmd, env)
                secs, cpu, mb, rc = run.wall, run.cpu, run.peak_mb, run.returncode
                if rc:
                    print(run.stderr[-2000:], file=sys.stderr)
                rows.append((label, command, size, secs, cpu, mb, rc))
                print(f"{label} / {command}: {secs:.1f} s ({cpu:.1f} s CPU), {mb:.0f} MB, exit {rc}", file=sys.stderr)
    shown = common.command("hostile_speed", ["--quotes", str(args.quotes), "--mb", f"{args.mb:g}"])
    print(f"`{shown}` at {common.commit()}, ", end="")
    print(f"{platform.machine()}, {os.cpu_count()} cores (shared), load average {common.load_average():.1f}\n")
    print("| input | command | size | wall s | CPU s | peak memory | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, command, size, secs, cpu, mb, rc in rows:
        print(f"| {label} | {command} | {size / 1024:,.0f} KB | {secs:.1f} | {cpu:.1f} | {mb:,.0f} MB | {rc} |")
    one = {c: (cpu, m) for lab, c, _, _, cpu, m, _ in rows if "one paragraph" in lab}
    base = {c: (cpu, m) for lab, c, _, _, cpu, m, _ in rows if "baseline" in lab}
    print()
    failed = [f"{label} / {command}" for label, command, _, _, _, _, rc in rows if rc]
    if failed:  # a run that stopped early measured nothing: never report a target as met on it
        print(f"- NOT measured: {len(failed)} run(s) failed ({'; '.join(failed)}); see stderr")
        return 1
    for command in ("ingest", "extract"):
        cpu, m = one[command]
        ok = cpu < 10 and m < 1024
        print(
            f"- {command}: one paragraph {cpu:.1f} CPU s / {m:,.0f} MB, {cpu / base[command][0]:.2f}× the baseline's "
            f"CPU time — target (< 10 s, < 1 GB) {'met' if ok else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
