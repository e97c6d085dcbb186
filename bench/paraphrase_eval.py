"""Paraphrase-link precision and recall on the hand-annotated BASIL pairs (bench/gold), end to end."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "gold"))

from load import load_paraphrases, shared_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threshold", type=float, default=None, help="link threshold (default: the library's)")
    ap.add_argument("--sweep", action="store_true", help="also print precision/recall over a range of thresholds")
    args = ap.parse_args()
    shared = shared_dir()
    articles_file = shared / "eval" / "basil" / "articles.jsonl"
    if not articles_file.is_file():
        print(f"skipped: BASIL not found at {articles_file} (needs ../shared/eval beside the project)", file=sys.stderr)
        return 0

    from quotetrace.extract import extract_articles
    from quotetrace.models import Article, Mention
    from quotetrace.names import same_person
    from quotetrace.paraphrase import DEFAULT_THRESHOLD, ParaphraseScorer

    pairs = load_paraphrases(shared)["pairs"]
    wanted = {f"{p['event_id']}/{p[s]['outlet']}" for p in pairs for s in ("a", "b")}
    arts = {}
    for line in articles_file.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["id"] in wanted:
            arts[d["id"]] = Article(id=d["id"], text=d["text"], outlet=d["outlet"], date=d.get("date"))
    mentions: dict[str, list[Mention]] = {
        a.id: ms for a, ms in extract_articles(arts.values(), include_indirect=True, n_process=2)
    }
    scorer = ParaphraseScorer(m.text for ms in mentions.values() for m in ms)

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
        score = scorer.score(p["a"]["text"], p["b"]["text"]) if same_spk else 0.0
        rows.append({"gold": p["same_statement"], "score": score, "found": ma is not None and mb is not None})

    def prf(th: float) -> tuple[float, float, int, int]:
        tp = sum(1 for r in rows if r["gold"] and r["score"] >= th)
        fp = sum(1 for r in rows if not r["gold"] and r["score"] >= th)
        fn = sum(1 for r in rows if r["gold"] and r["score"] < th)
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 0.0), tp, fp

    th = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    pos = sum(r["gold"] for r in rows)
    print(f"pairs: {len(rows)} ({pos} same statement, {len(rows) - pos} hard negatives); "
          f"both sides extracted: {sum(r['found'] for r in rows)}")
    p, r, tp, fp = prf(th)
    print(f"threshold {th:.2f}: precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp})")
    if args.sweep:
        for t in [x / 100 for x in range(20, 75, 5)]:
            p, r, tp, fp = prf(t)
            print(f"  {t:.2f}  P {p:.3f}  R {r:.3f}  tp {tp} fp {fp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
