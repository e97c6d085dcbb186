"""Accuracy of quote extraction on PolNeAR (read from ../shared/eval at run time), scored by the shared scorer."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

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
                "cue": m.cue,
            }
            for m in mentions
            if m.kind in kinds
        ]
        (pred_dir / f"{art.id}.json").write_text(json.dumps({"doc_id": art.id, "quotes": quotes}), encoding="utf-8")


def write_errors(scorer: Path, gold_dir: Path, pred_dir: Path, types: set[str], speech_only: bool, out: Path) -> None:
    """One JSON line per error, matched as the shared scorer matches (Jaccard >= 0.5, greedy one-to-one): a gold
    quote missed (``missed``), a prediction matching nothing (``spurious``) or a match with the wrong speaker
    (``speaker``). For studying the tuning split (train) only."""
    sc = common.load_scorer(scorer)
    rows = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        text = gold["text"]
        pf = pred_dir / gf.name
        if not pf.exists():
            continue  # not extracted (--limit)
        preds = json.loads(pf.read_text(encoding="utf-8"))["quotes"]
        gq = [(g, sc.alnum_positions(text, [tuple(x) for x in g["quote_spans"]])) for g in gold["quotes"]]
        pq = [(q, sc.alnum_positions(text, sc.locate(text, q))) for q in preds]
        pairs = sorted(
            (
                (len(G & P) / len(G | P), gi, pi)
                for gi, (_, G) in enumerate(gq)
                for pi, (_, P) in enumerate(pq)
                if G and P and G & P
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        match: dict[int, int] = {}
        for j, gi, pi in pairs:
            if j >= 0.5 and gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                match[gi] = pi

        def included(g: dict[str, Any]) -> bool:
            return g["type"] in types and (not speech_only or bool(g.get("speech_cue")))

        ignored = {pi for _, gi, pi in pairs if not included(gq[gi][0]) and (pi not in used_p or match.get(gi) == pi)}

        def span_text(spans: list[list[int]], text: str = text) -> str:
            return " | ".join(text[a:b] for a, b in spans)

        for gi, (g, _) in enumerate(gq):
            if not included(g):
                continue
            base = {
                "doc": gold["doc_id"],
                "type": g["type"],
                "gold": g["quote_text"],
                "cue": g.get("cue"),
                "gold_speaker": g.get("speaker"),
                "at": g["quote_spans"][0][0],
            }
            if gi not in match:
                a = g["quote_spans"][0][0]
                lo = max(text.rfind("\n", 0, a), a - 300)
                rows.append({"error": "missed", **base, "context": text[lo + 1 : g["quote_spans"][-1][1] + 80]})
                continue
            p = pq[match[gi]][0]
            ok, _ = sc.speaker_correct(g, p, text)
            if not ok:
                rows.append(
                    {
                        "error": "speaker",
                        **base,
                        "pred": span_text(p["quote_spans"]),
                        "pred_speaker": p.get("speaker"),
                        "pred_kind": p.get("kind"),
                        "pred_cue": p.get("cue"),
                    }
                )
        for pi, (p, _) in enumerate(pq):
            if pi not in used_p and pi not in ignored:
                rows.append(
                    {
                        "error": "spurious",
                        "doc": gold["doc_id"],
                        "pred": span_text(p["quote_spans"]),
                        "pred_cue": p.get("cue"),
                        "pred_speaker": p.get("speaker"),
                        "pred_kind": p.get("kind"),
                        "at": p["quote_spans"][0][0],
                    }
                )
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"# {len(rows)} errors -> {out}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", default=str(common.OUT))
    ap.add_argument("--model", default=None)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--indirect", action="store_true", help="also extract indirect speech (issue: reported speech)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument(
        "--errors",
        default=None,
        help="write each run's per-mention errors (missed, spurious, wrong speaker) as JSON lines to "
        "ERRORS-<run>.jsonl; for studying the train split, never dev",
    )
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
        if args.errors:
            if args.split == "dev":
                print("# --errors on dev: dev is held out, its errors are not for study", file=sys.stderr)
            else:
                dest = Path(f"{args.errors}-{name.replace(', ', '-').replace('+', '-')}.jsonl")
                write_errors(
                    scorer,
                    gold,
                    pred_dir,
                    set(extra[1:]) if extra[0] == "--types" else {"direct", "mixed", "indirect"},
                    "--speech-only" in extra,
                    dest,
                )
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
