"""Accuracy of quote extraction on PolNeAR (read from ../shared/eval at run time), scored by the shared scorer."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.polnear_eval") from None


def write_predictions(results: list, pred_dir: Path, kinds: set[str]) -> None:  # type: ignore[type-arg]
    """One scorer-format JSON per article with the mentions of the given kinds."""
    pred_dir.mkdir(parents=True, exist_ok=True)
    for old in pred_dir.glob("*.json"):
        old.unlink()
    for art, mentions in results:
        quotes = [
            {
                "quote_spans": [list(s) for s in m.spans],
                "speaker": m.speaker or m.speaker_mention,
                "speaker_spans": [list(m.speaker_span)] if m.speaker_span else [],
                "kind": m.kind,
            }
            for m in mentions
            if m.kind in kinds
        ]
        (pred_dir / f"{art.id}.json").write_text(json.dumps({"doc_id": art.id, "quotes": quotes}), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", default=str(common.OUT))
    ap.add_argument("--model", default=None)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--indirect", action="store_true", help="also extract indirect speech (issue: reported speech)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    gold = common.polnear_dir(args.split)
    scorer = common.eval_dir() / "tools" / "evaluate_quotes.py"
    if not gold.is_dir() or not scorer.is_file():
        return common.skip(f"PolNeAR {args.split} or its scorer not found under {common.eval_dir()}")

    from quotetrace.extract import extract_articles
    from quotetrace.models import Article

    files = sorted(gold.glob("*.json"))
    if args.limit:
        files = files[: args.limit]
    arts = []
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        arts.append(Article(id=d["doc_id"], text=d["text"], title=None, outlet=d.get("publisher")))
    t0 = time.perf_counter()
    kwargs = {"include_indirect": True} if args.indirect else {}
    results = list(extract_articles(arts, model=args.model, n_process=args.n_process, **kwargs))
    secs = time.perf_counter() - t0
    n_m = sum(len(ms) for _, ms in results)
    print(f"# {len(arts)} articles, {n_m} mentions, {secs:.1f}s", file=sys.stderr)
    # each gold subset is scored against the predictions of the same kinds: a direct-quote score
    # is the score of the quotations the tool labels direct
    runs = [
        ("direct", ["--types", "direct"], {"direct"}),
        ("direct+mixed", ["--types", "direct", "mixed"], {"direct", "mixed"}),
    ]
    if args.indirect:
        runs.append(("all, speech-only", ["--speech-only"], {"direct", "mixed", "indirect"}))
    summary = {}
    for name, extra, kinds in runs:
        pred_dir = Path(args.out) / f"polnear-{args.split}-{'-'.join(sorted(kinds))}"
        write_predictions(results, pred_dir, kinds)
        out = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred_dir), *extra],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        res = json.loads(out)
        summary[name] = res
        p, r, f = res["quote_PRF_lenient"]
        e2e = res["end_to_end_PRF(quote+speaker)"]
        print(
            f"{name:18s} detection P/R/F1 {p}/{r}/{f}  speaker acc {res['speaker_acc_on_matched']}"
            f"  end-to-end P/R/F1 {e2e[0]}/{e2e[1]}/{e2e[2]}"
        )
    (Path(args.out) / f"polnear-{args.split}-scores.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
