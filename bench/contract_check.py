"""Contract check on the BASIL articles: export lists what show shows on every cluster, and every count a command
prints (outlets fidelity and mention counts, speakers, db stats, list) agrees with what export lists.

Ingests ../shared/eval/basil/articles.jsonl (override the shared folder with $QUOTETRACE_SHARED) into a fresh index
(or reuses --db), then compares through the library API — the very functions the commands print from. Prints one
line per kind of check with the number of disagreements and exits 1 when there is any; skips with a message on
stderr (exit 0) when the BASIL file is absent. Only ids and counts are printed, never article text.

    python -m bench.contract_check                 # ~1 minute of ingest, then the checks
    python -m bench.contract_check --db /tmp/basil.db
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.contract_check") from None

PIECE_KEYS = ("span", "text", "cluster_id", "fidelity", "coverage", "edits", "cue_class", "hedges")
TOP_KEYS = ("fidelity", "coverage", "edits", "cue_class", "hedges", "descriptor")


def cluster_ids(rec: dict[str, Any]) -> set[str]:
    ids = {p["cluster_id"] for p in rec["pieces"] if p["cluster_id"]}
    if rec["cluster_id"]:
        ids.add(rec["cluster_id"])
    return ids


def check(index: Any) -> dict[str, list[str]]:
    bad: dict[str, list[str]] = defaultdict(list)
    framed = list(index.mentions(framing=True))
    by_cluster: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in framed:
        for cid in cluster_ids(r):
            by_cluster[cid][r["id"]] = r
    quotes = index.quotes()
    if {q["id"] for q in quotes} != set(by_cluster):
        bad["clusters listed vs exported"].append(f"{len(quotes)} vs {len(by_cluster)}")
    for q in quotes:
        detail = index.quote(q["id"])
        exported = by_cluster.get(q["id"], {})
        shown = {m["id"]: m for m in detail["mentions"]}
        if set(shown) != set(exported):
            bad["show mentions vs export"].append(q["id"])
            continue
        if not q["mention_count"] == detail["mention_count"] == len(exported):
            bad["mention_count vs export"].append(q["id"])
        for mid, m in shown.items():
            r = exported[mid]
            if any(mp[k] != ep[k] for mp, ep in zip(m["pieces"], r["pieces"], strict=True) for k in PIECE_KEYS):
                bad["piece framing show vs export"].append(f"{q['id']} {mid}")
            if r["cluster_id"] == q["id"] and any(m[k] != r[k] for k in TOP_KEYS):
                bad["mention framing show vs export"].append(f"{q['id']} {mid}")
            if m["cluster_id"] != r["cluster_id"]:
                bad["mention cluster_id show vs export"].append(f"{q['id']} {mid}")
    per_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in framed:
        per_outlet[r["article"]["outlet"]].append(r)
    for o in index.outlets(framing=True):
        recs = per_outlet.get(o["outlet"], [])
        labels = Counter(r["fidelity"] for r in recs if r["fidelity"])
        if o["fidelity"] != {k: labels.get(k, 0) for k in ("full", "fragment", "altered")}:
            bad["outlets fidelity vs export"].append(f"{o['outlet']}: {o['fidelity']} vs {dict(labels)}")
        if o["mention_count"] != len(recs):
            bad["outlets mention_count vs export"].append(f"{o['outlet']}: {o['mention_count']} vs {len(recs)}")
    speaker_of = {q["id"]: q["speaker"] for q in quotes}
    counted: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set(), set(), set()])
    for r in framed:
        for cid in cluster_ids(r):
            name = speaker_of.get(cid)
            if name:
                sets = counted[name]
                sets[0].add(cid)
                sets[1].add(r["id"])
                sets[2].add(r["article_id"])
                if r["article"]["outlet"]:
                    sets[3].add(r["article"]["outlet"])
    for s in index.speakers(descriptors=False):
        got = (s["cluster_count"], s["mention_count"], s["article_count"], s["outlet_count"])
        want = tuple(len(x) for x in counted[s["speaker"]])
        if got != want:
            bad["speakers counts vs export"].append(f"{s['speaker']}: {got} vs {want}")
    stats = index.stats()
    if stats["mentions"] != len(framed):
        bad["db stats mentions vs export"].append(f"{stats['mentions']} vs {len(framed)}")
    if stats["clusters"] != len(by_cluster):
        bad["db stats clusters vs export"].append(f"{stats['clusters']} vs {len(by_cluster)}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=None, help="Index to use (ingested when new).")
    args = ap.parse_args()
    basil = common.eval_dir() / "basil" / "articles.jsonl"
    if not basil.exists():
        return common.skip(f"{basil} is absent")
    import quotetrace.api as qt

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "basil.db"
    started = time.perf_counter()
    with qt.open_index(args.db) as index:
        report = index.ingest(basil)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        bad = check(index)
        check_s = time.perf_counter() - started
        stats = index.stats()
    print(
        f"BASIL: {report['read']} articles, {stats['mentions']} mentions, {stats['clusters']} clusters "
        f"(ingest {ingest_s:.0f} s, checks {check_s:.0f} s)"
    )
    kinds = (
        "clusters listed vs exported",
        "show mentions vs export",
        "mention_count vs export",
        "piece framing show vs export",
        "mention framing show vs export",
        "mention cluster_id show vs export",
        "outlets fidelity vs export",
        "outlets mention_count vs export",
        "speakers counts vs export",
        "db stats mentions vs export",
        "db stats clusters vs export",
    )
    for kind in kinds:
        found = bad.get(kind, [])
        print(f"{kind}: {len(found)} disagreement(s)" + (f"  e.g. {found[:3]}" if found else ""))
    multi = sum(1 for r in index_records(args.db) if len({p["cluster_id"] for p in r["pieces"]}) > 1)
    print(f"mentions whose pieces sit in different clusters: {multi}")
    if tmp is not None:
        tmp.cleanup()
    return 1 if any(bad.values()) else 0


def index_records(db: Path) -> list[dict[str, Any]]:
    import quotetrace.api as qt

    with qt.open_index(db, create=False) as index:
        return list(index.mentions())


if __name__ == "__main__":
    raise SystemExit(main())
