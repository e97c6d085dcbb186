"""Statement links on the hand-annotated BASIL pairs (bench/gold), end to end: exactly what ``quotetrace ingest`` ships.

Each split's articles are ingested into a fresh index with :func:`quotetrace.ingest.run.ingest`, which extracts,
clusters and links statements (:func:`quotetrace.ingest.run.link_statements`, the rule of
:func:`quotetrace.paraphrase.link_paraphrases`). A gold pair counts as linked when the index relates its two sides:
the mentions covering them are in one cluster, or a stored paraphrase link joins their clusters. Precision and
recall are over the gold pairs (same statement / hard negatives); a side our extraction missed is a miss.

    python -m bench.paraphrase_eval                  # tune and held-out side by side (semantic mode when installed)
    python -m bench.paraphrase_eval --split tune -v  # one split, every pair (look at the tune split only)
    python -m bench.paraphrase_eval --lexical        # as shipped without the embedding model
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

try:
    from bench import common
    from bench.gold.load import load_paraphrases
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.paraphrase_eval") from None

SPLITS = ("tune", "heldout", "all")


def side_clusters(
    store: Any, by_article: dict[str, list[Any]], article_id: str, start: int, end: int
) -> tuple[Any, set[str]]:
    """The stored mention covering a gold side (largest overlap, at least 30% of the side) and the clusters of its
    pieces inside the side (all of its pieces' clusters when none is)."""
    best, best_ov = None, 0
    for m in by_article.get(article_id, []):
        ov = sum(max(0, min(end, b) - max(start, a)) for a, b in m.spans)
        if ov > best_ov:
            best, best_ov = m, ov
    if best is None or best_ov < 0.3 * (end - start):
        return None, set()
    rows = store.conn.execute(
        "SELECT cluster_id, start, length(cluster_text) FROM mention_pieces WHERE mention_id = ? AND cluster_id "
        "IS NOT NULL",
        (best.id,),
    ).fetchall()
    inside = {cid for cid, s, n in rows if s < end and start < s + n}
    return best, inside or {cid for cid, _, _ in rows}


def evaluate_split(shared: Path, split: str, n_process: int, verbose: bool) -> dict[str, Any]:
    """Ingest the split's articles into a fresh index, then score every gold pair; prints the split's report."""
    from quotetrace.ingest import iter_inputs
    from quotetrace.ingest.run import ingest
    from quotetrace.models import Article
    from quotetrace.paraphrase import speaker_relation
    from quotetrace.store import Store

    pairs = load_paraphrases(shared, split)["pairs"]
    events = {p["event_id"] for p in pairs}
    arts = [
        a
        for a in iter_inputs([str(shared / "eval" / "basil" / "articles.jsonl")])
        if isinstance(a, Article) and a.id.split("/")[0] in events
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "index.db")
        t0 = time.perf_counter()
        ingest(store, arts, n_process=n_process)
        secs = time.perf_counter() - t0
        links = {(a, b): s for a, b, s in store.conn.execute("SELECT cluster_id, other_id, score FROM paraphrases")}
        by_article: dict[str, list[Any]] = {}
        for app in store.iter_mentions():
            by_article.setdefault(app.mention.article_id, []).append(app.mention)
        rows = []
        for p in pairs:
            ma, ca = side_clusters(
                store, by_article, f"{p['event_id']}/{p['a']['outlet']}", p["a"]["char_start"], p["a"]["char_end"]
            )
            mb, cb = side_clusters(
                store, by_article, f"{p['event_id']}/{p['b']['outlet']}", p["b"]["char_start"], p["b"]["char_end"]
            )
            clustered = bool(ca & cb)
            score = max((links.get((x, y), 0.0) for x in ca for y in cb), default=0.0)
            rows.append(
                {
                    "gold": p["same_statement"],
                    "found": ma is not None and mb is not None,
                    "relation": speaker_relation(ma.speaker, mb.speaker) if ma and mb else None,
                    "clustered": clustered,
                    "linked": clustered or score > 0,
                    "score": score,
                    "pair": p,
                }
            )
        n_links = len(links) // 2
    pos = sum(r["gold"] for r in rows)
    tp = sum(1 for r in rows if r["gold"] and r["linked"])
    fp = sum(1 for r in rows if not r["gold"] and r["linked"])
    found_pos = sum(1 for r in rows if r["gold"] and r["found"])
    out = {
        "split": split,
        "n": len(rows),
        "pos": pos,
        "found_pos": found_pos,
        "same_pos": sum(1 for r in rows if r["gold"] and r["relation"] == "same"),
        "tp": tp,
        "fp": fp,
        "P": tp / (tp + fp) if tp + fp else 1.0,
        "R": tp / pos if pos else 0.0,
        "via_cluster": sum(1 for r in rows if r["gold"] and r["clustered"]),
        "links": n_links,
        "articles": len(arts),
        "secs": secs,
    }
    print(f"\n=== split: {split} ===")
    print(
        f"{len(arts)} articles ingested in {secs:.1f}s; {n_links} statement links stored; pairs: {len(rows)} "
        f"({pos} same statement, {len(rows) - pos} hard negatives); same-statement pairs with both sides extracted: "
        f"{found_pos}, of which our speakers are one person: {out['same_pos']}"
    )
    print(
        f"linked: precision {out['P']:.3f}  recall {out['R']:.3f}  (tp {tp}, fp {fp}; "
        f"{out['via_cluster']} true pairs related by sharing a cluster, the rest by a paraphrase link)"
    )
    if verbose:
        for r in rows:
            p = r["pair"]
            print(
                f"  {'T' if r['gold'] else 'F'} {'LINK' if r['linked'] else '    '} {r['score']:.3f} "
                f"{r['relation'] or 'missing':9} {p['event_id']} {p['a']['outlet']}-{p['b']['outlet']}: "
                f"{p['note'][:80]}"
            )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--split",
        choices=("both", *SPLITS),
        default="both",
        help="gold split: tune (13 events tuned on), heldout (12 events nobody tunes on), all, "
        "or both (default: tune and heldout side by side, each in its own index)",
    )
    ap.add_argument("--lexical", action="store_true", help="score as shipped without the embedding model")
    ap.add_argument("--n-process", type=int, default=2, help="spaCy processes for the ingest")
    ap.add_argument("-v", "--verbose", action="store_true", help="every pair (do not read the held-out split's)")
    args = ap.parse_args()
    shared = common.shared_dir()
    if not (shared / "eval" / "basil" / "articles.jsonl").is_file():
        return common.skip(f"BASIL not found under {shared}")
    if args.lexical:
        os.environ["QUOTETRACE_NO_SEMANTIC"] = "1"
    from quotetrace import embed

    mode = "semantic" if embed.available() else "lexical"
    print(f"scorer: {mode}{'' if mode == 'semantic' or args.lexical else ' (' + embed.INSTALL_HINT + ')'}")
    splits = ["tune", "heldout"] if args.split == "both" else [args.split]
    results = [evaluate_split(shared, s, args.n_process, args.verbose) for s in splits]
    print("\n| scorer | split | pairs (same / other) | both sides found | one person | P | R | tp / fp | links |")
    print("|---|---|---|---:|---:|---:|---:|---|---:|")
    for r in results:
        print(
            f"| {mode} | {r['split']} | {r['n']} ({r['pos']} / {r['n'] - r['pos']}) | {r['found_pos']} | "
            f"{r['same_pos']} | {r['P']:.3f} | {r['R']:.3f} | {r['tp']} / {r['fp']} | {r['links']} |"
        )
    print(json.dumps({r["split"]: {k: v for k, v in r.items() if k != "split"} for r in results}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
