"""Clustering quality on the annotated BASIL events, end to end (our own extraction), scored by eval_clusters.py."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

try:
    from bench import common
    from bench.gold.load import load_clusters
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.cluster_eval") from None

SPLIT_HELP = (
    "gold split: tune (the 13 events the rules were tuned on), heldout (12 events nobody tuned on), tune2 (10 more "
    "tuning events, issue 12), all (every annotated event of the three splits in one index), both (default: tune "
    "and heldout, each in its own index, side by side) or three (tune, tune2 and heldout side by side)"
)
SUBSETS = (("all mentions", []), ("cross-outlet clusters only", ["--cross-outlet-only"]))


def suffixed(path: str | None, split: str, n_splits: int) -> Path | None:
    """--keep/--db path for one split: as given for a single split, "<stem>-<split><suffix>" when several run."""
    if not path:
        return None
    p = Path(path)
    return p if n_splits == 1 else p.with_name(f"{p.stem}-{split}{p.suffix}")


def run_split(
    shared: Path, split: str, n_process: int, keep: Path | None = None, db: Path | None = None
) -> dict[str, Any]:
    """Ingest the split's articles into a fresh index and score; returns {"info", subset name: scorer JSON}."""
    from quotetrace.ingest import iter_inputs
    from quotetrace.ingest.run import ingest
    from quotetrace.models import Article
    from quotetrace.store import Store

    articles_file = shared / "eval" / "basil" / "articles.jsonl"
    scorer = shared / "eval" / "tools" / "eval_clusters.py"
    gold = load_clusters(shared, split)
    events = {e["event_id"] for e in gold["events"]}
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        gold_file = tmpdir / "gold.json"
        gold_file.write_text(json.dumps(gold), encoding="utf-8")
        arts = [a for a in iter_inputs([str(articles_file)]) if isinstance(a, Article) and a.id.split("/")[0] in events]
        if db:
            db.unlink(missing_ok=True)
        store = Store.open(db or tmpdir / "index.db")
        t0 = time.perf_counter()
        report = ingest(store, arts, n_process=n_process)
        secs = time.perf_counter() - t0
        piece_cluster = dict(store.conn.execute("SELECT piece_id, cluster_id FROM mention_pieces").fetchall())
        preds = []
        for app in store.iter_mentions():
            m, art = app.mention, app.article
            if m.kind == "indirect":
                continue
            event, outlet = art.id.split("/", 1)
            pieces = m.quoted_spans if m.kind == "mixed" and m.quoted_spans else m.spans
            for k, (s, e) in enumerate(pieces):
                cid = piece_cluster.get(m.id if len(pieces) == 1 else f"{m.id}~{k}") or app.cluster_id
                if cid:
                    preds.append({"event_id": event, "outlet": outlet, "char_start": s, "char_end": e, "cluster": cid})
        pred_file = keep or tmpdir / "pred.json"
        pred_file.write_text(json.dumps(preds), encoding="utf-8")
        out["info"] = (
            f"{split}: {len(events)} events, {len(arts)} articles, {report.to_dict().get('mentions', '?')} mentions "
            f"ingested in {secs:.1f}s; {len(preds)} predicted quote pieces"
        )
        for name, extra in SUBSETS:
            res = subprocess.run(
                [sys.executable, str(scorer), str(gold_file), str(pred_file), *extra],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            out[name] = json.loads(res)
    return out


def side_by_side(results: dict[str, dict[str, Any]]) -> str:
    """A markdown table: one row per measure and subset, one column per split."""
    splits = list(results)
    lines = [
        "| subset | measure | " + " | ".join(splits) + " |",
        "|---|---|" + "---:|" * len(splits),
    ]
    measures = [
        ("gold speech mentions", "n_mentions"),
        ("pairwise P", "pair_P"),
        ("pairwise R", "pair_R"),
        ("pairwise F1", "pair_F1"),
        ("B³ P", "b3_P"),
        ("B³ R", "b3_R"),
        ("B³ F1", "b3_F1"),
        ("pairs tp / fp / fn", None),
        ("extraction recall", "extraction_recall"),
    ]
    for subset, _ in SUBSETS:
        for label, key in measures:
            cells = []
            for split in splits:
                r = results[split][subset]
                cells.append(f"{r['pair_tp']} / {r['pair_fp']} / {r['pair_fn']}" if key is None else str(r[key]))
            lines.append(f"| {subset} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n-process", type=int, default=2)
    splits_choice = ("both", "three", "tune", "tune2", "heldout", "all")
    ap.add_argument("--split", choices=splits_choice, default="both", help=SPLIT_HELP)
    ap.add_argument("--keep", help="write the predictions here instead of a temporary file (per split: -<split>)")
    ap.add_argument("--db", help="build the index here (kept) instead of a temporary file (per split: -<split>)")
    args = ap.parse_args()
    shared = common.shared_dir()
    articles_file = shared / "eval" / "basil" / "articles.jsonl"
    scorer = shared / "eval" / "tools" / "eval_clusters.py"
    if not articles_file.is_file() or not scorer.is_file():
        return common.skip(f"BASIL or its cluster scorer not found under {shared}")
    splits = {"both": ["tune", "heldout"], "three": ["tune", "tune2", "heldout"]}.get(args.split, [args.split])
    results: dict[str, dict[str, Any]] = {}
    for split in splits:
        results[split] = run_split(
            shared,
            split,
            args.n_process,
            keep=suffixed(args.keep, split, len(splits)),
            db=suffixed(args.db, split, len(splits)),
        )
        print(f"# {results[split]['info']}", file=sys.stderr)
    if len(splits) == 1:
        for name, _ in SUBSETS:
            print(f"## {name}\n{json.dumps(results[splits[0]][name], indent=1)}\n")
    else:
        print(side_by_side(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
