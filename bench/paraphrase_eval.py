"""Paraphrase-link precision and recall on the hand-annotated BASIL pairs (bench/gold), end to end."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "gold"))

from load import load_paraphrases, shared_dir  # noqa: E402


def auc(scores: list[float], gold: list[bool]) -> float:
    """Probability that a random same-statement pair outscores a random other pair (ties count half)."""
    pos = [s for s, g in zip(scores, gold, strict=True) if g]
    neg = [s for s, g in zip(scores, gold, strict=True) if not g]
    if not pos or not neg:
        return float("nan")
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def evaluate_split(shared: Path, split: str, modes: list[str], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Extract the split's articles, gate each pair on speaker and kind, score it; print the split's report and
    return one summary per mode (the IDF corpus is the split's own mentions, as for a split run alone)."""
    from quotetrace.extract import extract_articles
    from quotetrace.models import Article, Mention
    from quotetrace.names import same_person
    from quotetrace.paraphrase import ParaphraseScorer, may_paraphrase

    articles_file = shared / "eval" / "basil" / "articles.jsonl"
    summaries: list[dict[str, Any]] = []
    print(f"\n=== split: {split} ===")
    pairs = load_paraphrases(shared, split)["pairs"]
    wanted = {f"{p['event_id']}/{p[s]['outlet']}" for p in pairs for s in ("a", "b")}
    arts = {}
    for line in articles_file.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["id"] in wanted:
            arts[d["id"]] = Article(id=d["id"], text=d["text"], outlet=d["outlet"], date=d.get("date"))
    mentions: dict[str, list[Mention]] = {
        a.id: ms for a, ms in extract_articles(arts.values(), include_indirect=True, n_process=2)
    }
    corpus = [m.text for ms in mentions.values() for m in ms]

    def mention_for(art_id: str, s: int, e: int) -> Mention | None:
        best, best_ov = None, 0
        for m in mentions[art_id]:
            ov = sum(max(0, min(e, b) - max(s, a)) for a, b in m.spans)
            if ov > best_ov:
                best, best_ov = m, ov
        return best if best is not None and best_ov >= 0.3 * (e - s) else None

    rows: list[dict[str, Any]] = []
    for p in pairs:
        ida = f"{p['event_id']}/{p['a']['outlet']}"
        idb = f"{p['event_id']}/{p['b']['outlet']}"
        ma = mention_for(ida, p["a"]["char_start"], p["a"]["char_end"])
        mb = mention_for(idb, p["b"]["char_start"], p["b"]["char_end"])
        same_spk = bool(ma and mb and ma.speaker and mb.speaker and same_person(ma.speaker, mb.speaker))
        kinds_ok = bool(ma and mb and (args.direct_pairs or may_paraphrase(ma.kind, mb.kind)))
        rows.append(
            {
                "gold": p["same_statement"],
                "texts": (p["a"]["text"], p["b"]["text"]),
                "same_speaker": same_spk,
                "scored": same_spk and kinds_ok,
                "found": ma is not None and mb is not None,
            }
        )

    pos = sum(r["gold"] for r in rows)
    print(
        f"pairs: {len(rows)} ({pos} same statement, {len(rows) - pos} hard negatives); "
        f"both sides extracted: {sum(r['found'] for r in rows)}"
    )
    same = [r for r in rows if r["same_speaker"]]
    scored = [r for r in rows if r["scored"]]
    print(
        f"same speaker by extraction: {sum(r['gold'] for r in same)} same-statement, "
        f"{sum(not r['gold'] for r in same)} other pairs; scored after the kind rule"
        f"{' (off)' if args.direct_pairs else ' (two direct quotes never link)'}: "
        f"{sum(r['gold'] for r in scored)} and {sum(not r['gold'] for r in scored)} "
        f"(recall ceiling {sum(r['gold'] for r in scored) / pos:.3f})"
    )

    for mode in modes:
        t0 = time.perf_counter()
        scorer = ParaphraseScorer(corpus, semantic=mode == "semantic")
        all_scores = scorer.score_many(r["texts"] for r in rows)
        elapsed = time.perf_counter() - t0
        scores = [sc if r["scored"] else 0.0 for sc, r in zip(all_scores, rows, strict=True)]

        def prf(th: float, scores: list[float] = scores) -> tuple[float, float, int, int]:
            tp = sum(1 for r, sc in zip(rows, scores, strict=True) if r["gold"] and sc >= th)
            fp = sum(1 for r, sc in zip(rows, scores, strict=True) if not r["gold"] and sc >= th)
            fn = pos - tp
            return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 0.0), tp, fp

        th = scorer.threshold if args.threshold is None else args.threshold
        p, r, tp, fp = prf(th)
        summaries.append(
            {
                "mode": mode,
                "n": len(rows),
                "pos": pos,
                "ceiling": sum(r["gold"] for r in scored) / pos if pos else 0.0,
                "threshold": th,
                "P": p,
                "R": r,
                "tp": tp,
                "fp": fp,
                "auc": auc(all_scores, [r["gold"] for r in rows]),
            }
        )
        print(f"\n[{mode}] scored {len(rows)} pairs in {elapsed:.2f} s")
        print(f"  threshold {th:.2f}: precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp})")
        ap_, ar_, atp, afp = prf(th, all_scores)
        print(
            f"  scorer alone, all {len(rows)} pairs without the speaker/kind gates: "
            f"AUC {auc(all_scores, [r['gold'] for r in rows]):.3f}; at {th:.2f} "
            f"precision {ap_:.3f}  recall {ar_:.3f}  (tp {atp}, fp {afp})"
        )
        if args.sweep:
            for t in [x / 100 for x in range(20, 75, 5)]:
                p, r, tp, fp = prf(t)
                print(f"    {t:.2f}  P {p:.3f}  R {r:.3f}  tp {tp} fp {fp}")
    return summaries


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threshold", type=float, default=None, help="link threshold (default: each mode's own)")
    ap.add_argument("--sweep", action="store_true", help="also print precision/recall over a range of thresholds")
    ap.add_argument(
        "--mode",
        choices=("both", "lexical", "semantic"),
        default="both",
        help="scorer mode(s) to run (default: both, or lexical alone when the embedding model is absent)",
    )
    ap.add_argument("--direct-pairs", action="store_true", help="also score pairs of two direct quotes")
    ap.add_argument(
        "--split",
        choices=("both", "tune", "heldout", "all"),
        default="both",
        help="gold split: tune (13 events tuned on), heldout (12 events nobody tuned on), all, "
        "or both (default: tune and heldout side by side)",
    )
    args = ap.parse_args()
    shared = shared_dir()
    articles_file = shared / "eval" / "basil" / "articles.jsonl"
    if not articles_file.is_file():
        print(f"skipped: BASIL not found at {articles_file} (needs ../shared/eval beside the project)", file=sys.stderr)
        return 0

    from quotetrace import embed

    modes = ["lexical", "semantic"] if args.mode == "both" else [args.mode]
    if "semantic" in modes and not embed.available():
        if args.mode == "semantic":
            print(f"semantic mode unavailable: {embed.INSTALL_HINT}", file=sys.stderr)
            return 1
        print(f"semantic mode skipped: the embedding model is not installed ({embed.INSTALL_HINT})")
        modes = ["lexical"]

    splits = ["tune", "heldout"] if args.split == "both" else [args.split]
    results = {split: evaluate_split(shared, split, modes, args) for split in splits}
    if len(splits) > 1:
        head = "| mode | split | pairs (same / other) | recall ceiling | threshold | P | R | tp / fp | AUC |"
        print(f"\n{head}")
        print("|---|---|---|---:|---:|---:|---:|---|---:|")
        for mode in modes:
            for split in splits:
                r = next(x for x in results[split] if x["mode"] == mode)
                print(
                    f"| {mode} | {split} | {r['n']} ({r['pos']} / {r['n'] - r['pos']}) | {r['ceiling']:.3f} | "
                    f"{r['threshold']:.2f} | {r['P']:.3f} | {r['R']:.3f} | {r['tp']} / {r['fp']} | {r['auc']:.3f} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
