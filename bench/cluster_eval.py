"""Clustering quality on the annotated BASIL events, end to end (our own extraction), scored by eval_clusters.py."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "gold"))

from load import load_clusters, shared_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--keep", help="write the predictions here instead of a temporary file")
    ap.add_argument("--db", help="build the index here (kept) instead of a temporary file")
    args = ap.parse_args()
    shared = shared_dir()
    articles_file = shared / "eval" / "basil" / "articles.jsonl"
    scorer = shared / "eval" / "tools" / "eval_clusters.py"
    if not articles_file.is_file() or not scorer.is_file():
        print(f"skipped: BASIL not found under {shared} (needs ../shared/eval beside the project)", file=sys.stderr)
        return 0

    from quotetrace.index import ingest
    from quotetrace.ingest import iter_inputs
    from quotetrace.models import Article
    from quotetrace.store import Store

    gold = load_clusters(shared)
    events = {e["event_id"] for e in gold["events"]}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        gold_file = tmpdir / "gold.json"
        gold_file.write_text(json.dumps(gold), encoding="utf-8")
        arts = [a for a in iter_inputs([str(articles_file)]) if isinstance(a, Article) and a.id.split("/")[0] in events]
        if args.db:
            Path(args.db).unlink(missing_ok=True)
        store = Store.open(Path(args.db) if args.db else tmpdir / "index.db")
        t0 = time.perf_counter()
        report = ingest(store, arts, n_process=args.n_process)
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
        pred_file = Path(args.keep) if args.keep else tmpdir / "pred.json"
        pred_file.write_text(json.dumps(preds), encoding="utf-8")
        print(
            f"# {len(events)} events, {len(arts)} articles, {report.to_dict().get('mentions', '?')} mentions "
            f"ingested in {secs:.1f}s; {len(preds)} predicted quote pieces",
            file=sys.stderr,
        )
        for extra in ([], ["--cross-outlet-only"]):
            out = subprocess.run(
                [sys.executable, str(scorer), str(gold_file), str(pred_file), *extra],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            print(f"## {' '.join(extra) or 'all mentions'}\n{out.strip()}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
