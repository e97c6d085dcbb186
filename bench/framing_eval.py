"""Framing fields on the hand-annotated BASIL gold, end to end (our extraction, clustering and show's framing).

The gold events' articles are ingested into a temporary index (quotetrace.ingest.run.ingest + Store). Each gold quoted
piece ("<event>/<outlet>:<start>-<end>") is aligned to the predicted quote mention covering it (largest overlap
with its quoted pieces), and the mention's framing is read from ``show``'s analysis of the cluster that piece
joined (cluster_detail), piece by piece (the record's ``pieces``). Reported: fidelity label agreement and whether
every gold ``altered`` appearance is caught, cue-class agreement, hedge agreement (same set of hedges),
descriptor agreement (normalised: case, punctuation and leading determiners ignored); then, if
bench/out/index-100000.db exists (bench/index_speed.py builds it), the wall and CPU time of ``quotetrace show`` on
it as a whole process.

    python -m bench.framing_eval                  # accuracy (+ show latency when the 100k index exists)
    python -m bench.framing_eval --details        # every disagreement, one line each
    python -m bench.framing_eval --split heldout  # one gold split (default: tune and heldout side by side)
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from bench import common
    from bench.gold.load import load_framing
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.framing_eval") from None

TARGETS = {"fidelity": 0.90, "cue_class": 0.90, "hedges": 0.90, "descriptor": 0.80}
BIG_INDEX = common.OUT / "index-100000.db"
FRAMING_FILES = {
    "tune": "basil_framing.json",
    "heldout": "basil_framing_heldout.json",
    "all": "basil_framing.json + basil_framing_heldout.json",
}
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+")


def norm_descriptor(text: str | None) -> str | None:
    """Lowercase, quotes/punctuation folded, spaces collapsed, a leading determiner dropped; '' -> None."""
    if not text:
        return None
    t = text.lower().replace("’", "'")
    t = re.sub(r"[^\w'\s-]+", " ", t)
    t = " ".join(t.split())
    t = _DETERMINERS.sub("", t)
    return t or None


def norm_hedges(hedges: Sequence[str] | None) -> frozenset[str]:
    return frozenset(" ".join(h.lower().replace("’", "'").strip("“”\"' ").split()) for h in hedges or ())


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align(store: Any) -> dict[str, dict[str, Any]]:
    """Article id -> {"pieces": [(span, mention id, cluster id)]} for every quoted piece of a non-indirect mention."""
    piece_cluster = dict(store.conn.execute("SELECT piece_id, cluster_id FROM mention_pieces").fetchall())
    out: dict[str, dict[str, Any]] = {}
    for app in store.iter_mentions():
        m = app.mention
        if m.kind == "indirect":
            continue
        pieces = m.quoted_spans if m.kind == "mixed" and m.quoted_spans else m.spans
        for k, span in enumerate(pieces):
            cid = piece_cluster.get(m.id if len(pieces) == 1 else f"{m.id}~{k}") or app.cluster_id
            out.setdefault(m.article_id, {"pieces": []})["pieces"].append((tuple(span), m.id, cid))
    return out


def evaluate(
    shared: Path, n_process: int, details: bool, db: Path | None = None, split: str = "tune"
) -> tuple[list[str], dict[str, Any]]:
    from quotetrace.ingest import iter_inputs
    from quotetrace.ingest.run import ingest
    from quotetrace.models import Article
    from quotetrace.store import Store
    from quotetrace.views import cluster_detail

    gold = load_framing(shared, split)
    events = {key.split("/", 1)[0] for key in gold}
    arts = [
        a
        for a in iter_inputs([str(shared / "eval" / "basil" / "articles.jsonl")])
        if isinstance(a, Article) and a.id.split("/")[0] in events
    ]
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(db or Path(tmp) / "index.db")  # a kept --db is reused: unchanged articles are skipped
        t0 = time.perf_counter()
        report = ingest(store, arts, n_process=n_process)
        ingest_s = time.perf_counter() - t0
        n_mentions = store.mention_count()
        pieces = align(store)
        details_cache: dict[str, dict[str, Any]] = {}
        t1 = time.perf_counter()
        agree: Counter[str] = Counter()
        agree_aligned: Counter[str] = Counter()
        counted: Counter[str] = Counter()
        confusion: Counter[tuple[str, str]] = Counter()
        aligned = 0
        altered_gold: list[tuple[str, str]] = []
        misses: list[str] = []
        for key, g in sorted(gold.items()):
            art_id, span_text = key.rsplit(":", 1)
            s, e = (int(x) for x in span_text.split("-"))
            cands = pieces.get(art_id, {"pieces": []})["pieces"]
            best = max(cands, key=lambda c: overlap(c[0], (s, e)), default=None)
            rec = None
            if best is not None and overlap(best[0], (s, e)) > 0 and best[2]:
                cid = best[2]
                if cid not in details_cache:
                    summary = store.cluster(cid)
                    details_cache[cid] = cluster_detail(store, summary) if summary else {"mentions": []}
                rec = next((m for m in details_cache[cid]["mentions"] if m["id"] == best[1]), None)
            if rec is not None:
                aligned += 1
                # the quoted piece of the appearance that covers the gold piece (a mention may hold several)
                piece = max(
                    rec.get("pieces") or [],
                    key=lambda p: overlap((p["span"][0], p["span"][1]), (s, e)),
                    default=None,
                )
                if piece is not None:
                    rec = {**rec, **{k: piece[k] for k in ("fidelity", "cue_class", "descriptor", "hedges")}}
            pred = rec or {}
            fid = pred.get("fidelity") or "unaligned"
            confusion[(g["fidelity"], fid)] += 1
            if g["fidelity"] == "altered":
                altered_gold.append((key, fid))
            checks = {
                "fidelity": fid == g["fidelity"],
                "cue_class": rec is not None and pred.get("cue_class") == g["cue_class"],
                "hedges": rec is not None and norm_hedges(pred.get("hedges")) == norm_hedges(g["hedges"]),
                "descriptor": rec is not None
                and norm_descriptor(pred.get("descriptor")) == norm_descriptor(g["descriptor"]),
            }
            for field, ok in checks.items():
                counted[field] += 1
                agree[field] += ok
                if rec is not None:
                    agree_aligned[field] += ok
                if not ok and details:
                    gv = g[field] if field != "fidelity" else g["fidelity"]
                    pv = pred.get(field) if rec is not None else "(unaligned)"
                    misses.append(f"{field:10} {key:32} gold={gv!r} pred={pv!r}  “{g['text'][:60]}”")
        framing_s = time.perf_counter() - t1
    n = len(gold)
    caught = sum(1 for _, p in altered_gold if p == "altered")
    for field in ("fidelity", "cue_class", "hedges", "descriptor"):
        score = agree[field] / counted[field] if counted[field] else 0.0
        verdict = "ok" if score >= TARGETS[field] else "**below target**"
        result = f"{agree[field]}/{counted[field]} = {score:.3f}"
        on_aligned = f"{agree_aligned[field]}/{aligned} = {agree_aligned[field] / aligned:.3f}" if aligned else "–"
        rows.append(f"| {field} agreement | {result} | {on_aligned} | ≥ {TARGETS[field]:.2f} | {verdict} |")
    rows.append(
        f"| gold `altered` caught | {caught}/{len(altered_gold)} | | all | "
        f"{'ok' if caught == len(altered_gold) else '**missed ' + str(len(altered_gold) - caught) + '**'} |"
    )
    rows.append(f"| gold pieces aligned to a predicted mention | {aligned}/{n} = {aligned / n:.3f} | | | |")
    info = {
        "split": split,
        "n": n,
        "agree": agree,
        "counted": counted,
        "aligned": aligned,
        "caught": caught,
        "events": len(events),
        "articles": len(arts),
        "mentions": n_mentions,
        "parsed": report.stored,
        "ingest_s": ingest_s,
        "framing_s": framing_s,
        "clusters_shown": len(details_cache),
        "confusion": confusion,
        "altered": altered_gold,
        "misses": misses,
    }
    return rows, info


def latency(repeat: int) -> list[str]:
    if not BIG_INDEX.exists():
        where = "build it with python -m bench.index_speed"
        print(f"skipped: show latency ({BIG_INDEX} not found; {where})", file=sys.stderr)
        return []

    with sqlite3.connect(BIG_INDEX) as c:
        n_art = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        big = c.execute("SELECT id FROM clusters ORDER BY outlet_count DESC, mention_count DESC, id LIMIT 1").fetchone()
        typical = c.execute("SELECT id FROM clusters WHERE outlet_count = 3 ORDER BY id LIMIT 1").fetchone()
        outlets = [r[0] for r in c.execute("SELECT outlet FROM cluster_outlets WHERE cluster_id = ? LIMIT 2", big)]
    env = {**os.environ, "QUOTETRACE_NO_PROGRESS": "1", "COLUMNS": "120"}
    env.pop("QUOTETRACE_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    qt = common.quotetrace_cmd()
    cases = [
        ("list (reference: no framing)", [*qt, "list", "--db", str(BIG_INDEX)]),
        ("show (widest quote)", [*qt, "show", big[0], "--db", str(BIG_INDEX)]),
    ]
    if typical:
        cases.append(("show (3 outlets) --json", [*qt, "show", typical[0], "--db", str(BIG_INDEX), "--json"]))
    if len(outlets) == 2:
        cmp_args = ["--outlet", outlets[0], "--outlet", outlets[1]]
        cases.append(("show --outlet A --outlet B", [*qt, "show", big[0], *cmp_args, "--db", str(BIG_INDEX)]))
    rows = [
        f"\n`show` on {BIG_INDEX.name} ({n_art:,} articles), whole process, best of {repeat} after a warm-up:\n",
        "| what | command | best (ms) | median (ms) | CPU, best (ms) | target |",
        "|---|---|---:|---:|---:|---|",
    ]
    for label, argv in cases:
        t = common.time_repeated(argv, repeat, env)
        best, med, cpu, rc = t.best, t.median, t.cpu, t.returncode
        shown = shlex.join(["quotetrace", *argv[len(qt) :]])
        verdict = "ok (< 300 ms)" if best * 1000 < common.LATENCY_TARGET_MS else "**over 300 ms**"
        if label.startswith("list"):
            verdict = ""
        flag = "" if rc == 0 else f" (exit {rc})"
        timing = f"{best * 1000:.0f}{flag} | {med * 1000:.0f} | {cpu * 1000:.0f}"
        rows.append(f"| {label} | `{shown}` | {timing} | {verdict} |")
    return rows


def print_split(info: dict[str, Any], rows: list[str], details: bool) -> None:
    """The single-split report: agreement table, fidelity confusion, altered appearances (+ disagreements)."""
    print(
        f"Gold: bench/gold/{FRAMING_FILES[info['split']]} — {info['events']} events, {info['articles']} articles; "
        f"{info['mentions']} mentions ({info['parsed']} articles parsed in {info['ingest_s']:.1f}s); framing of "
        f"{info['clusters_shown']} "
        f"clusters in {info['framing_s']:.2f}s\n"
    )
    print("| measure | all gold pieces (unaligned = wrong) | aligned pieces only | target | |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(row)
    conf = info["confusion"]
    labels_g = ["full", "fragment", "altered"]
    labels_p = ["full", "fragment", "altered", "unaligned"]
    print("\nFidelity (rows: gold, columns: predicted)\n")
    print("| gold \\ pred | " + " | ".join(labels_p) + " |")
    print("|---|" + "---:|" * len(labels_p))
    for g in labels_g:
        print(f"| {g} | " + " | ".join(str(conf[(g, p)]) for p in labels_p) + " |")
    print("\nGold altered appearances: " + ", ".join(f"{k} → {p}" for k, p in info["altered"]))
    if details and info["misses"]:
        print("\nDisagreements:")
        for line in info["misses"]:
            print("  " + line)


def side_by_side(infos: list[dict[str, Any]]) -> list[str]:
    """One markdown table, a column per split: agreement (all gold pieces), altered caught, alignment."""
    head = " | ".join(f"{i['split']} ({i['events']} events)" for i in infos)
    rows = [f"| measure | {head} | target |", "|---|" + "---:|" * len(infos) + "---|"]
    for field in ("fidelity", "cue_class", "hedges", "descriptor"):
        cells = []
        for i in infos:
            a, c = i["agree"][field], i["counted"][field]
            cells.append(f"{a}/{c} = {a / c:.3f}" if c else "–")
        rows.append(f"| {field} agreement | " + " | ".join(cells) + f" | ≥ {TARGETS[field]:.2f} |")
    rows.append(
        "| gold `altered` caught | " + " | ".join(f"{i['caught']}/{len(i['altered'])}" for i in infos) + " | all |"
    )
    rows.append(
        "| gold pieces aligned | "
        + " | ".join(f"{i['aligned']}/{i['n']} = {i['aligned'] / i['n']:.3f}" for i in infos)
        + " | |"
    )
    labels_g = ["full", "fragment", "altered"]
    labels_p = ["full", "fragment", "altered", "unaligned"]
    for g in labels_g:
        cells = [" / ".join(str(i["confusion"][(g, p)]) for p in labels_p) for i in infos]
        rows.append(f"| gold {g} → pred full / fragment / altered / unaligned | " + " | ".join(cells) + " | |")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-process", type=int, default=2, help="spaCy processes for the ingest")
    ap.add_argument("--repeat", type=int, default=5, help="runs per latency measurement")
    ap.add_argument("--details", action="store_true", help="list every disagreement")
    ap.add_argument("--skip-latency", action="store_true")
    ap.add_argument(
        "--split",
        choices=("both", "tune", "heldout", "all"),
        default="both",
        help="gold split: tune (13 events tuned on), heldout (12 events nobody tuned on), all, "
        "or both (default: tune and heldout side by side, each in its own index)",
    )
    ap.add_argument(
        "--db",
        type=Path,
        help="keep the index here and reuse it on the next run (default: temporary; per split: <stem>-<split>)",
    )
    args = ap.parse_args()
    shared = common.shared_dir()
    if not (shared / "eval" / "basil" / "articles.jsonl").is_file():
        return common.skip(f"BASIL not found under {shared}")

    splits = ["tune", "heldout"] if args.split == "both" else [args.split]
    results = []
    for split in splits:
        db = args.db
        if db is not None and len(splits) > 1:
            db = db.with_name(f"{db.stem}-{split}{db.suffix}")
        results.append(evaluate(shared, args.n_process, args.details, db, split))
    print(f"Command: `{common.command('framing_eval')}`\n")
    print(f"Machine: {common.machine(sqlite=True)}\n")
    if len(splits) == 1:
        rows, info = results[0]
        print_split(info, rows, args.details)
    else:
        for _, info in results:
            print(
                f"- {info['split']}: bench/gold/{FRAMING_FILES[info['split']]} — {info['events']} events, "
                f"{info['articles']} articles, {info['n']} gold pieces; ingest {info['ingest_s']:.1f}s"
            )
        print()
        for row in side_by_side([info for _, info in results]):
            print(row)
        for _, info in results:
            print(
                f"\nGold altered appearances ({info['split']}): " + ", ".join(f"{k} → {p}" for k, p in info["altered"])
            )
            if args.details and info["misses"]:
                print(f"\nDisagreements ({info['split']}):")
                for line in info["misses"]:
                    print("  " + line)
    if not args.skip_latency:
        for line in latency(args.repeat):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
