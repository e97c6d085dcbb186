"""Train the speaker ranker (quotetrace/nlp/attribution/ranker.py) on PolNeAR **train** and write its weights.

    python -m bench.train_ranker                 # parse PolNeAR train, label, cross-validate, write the weights
    python -m bench.train_ranker --rows CACHE    # reuse the PolNeAR candidate rows a previous run saved
    python -m bench.train_ranker --realweb-weight 0   # PolNeAR train only (default: + realweb tune, weight 3)

Reads ``../shared/eval/polnear/train`` and the realweb **tune** pages (``$QUOTETRACE_SHARED`` or ``../shared``)
at run time and skips when they are absent. PolNeAR dev and the realweb held-out half are never read. Each
quotation the rules see gets its candidates and features (the same code the package runs); a candidate is right
when one of its mentions overlaps the gold source span, or (gold not a pronoun) when its name is the gold source by
:func:`quotetrace.people.same_person` (realweb: the benchmark's own speaker rule). A logistic regression
(scikit-learn, training time only) is cross-validated by article (5 folds) over the regularisation, the mode and
the threshold, then fitted on all of it; the weights go to ``quotetrace/data/speaker_ranker.json`` as plain
numbers the package reads without scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.train_ranker") from None

MODEL_OUT = common.REPO / "quotetrace" / "data" / "speaker_ranker.json"
ROWS_DEFAULT = common.OUT / "ranker-rows-train.jsonl"
RW_ROWS_DEFAULT = common.OUT / "ranker-rows-realweb-tune.jsonl"


def collect_rows(gold_dir: Path, limit: int = 0) -> list[dict[str, Any]]:
    """Every quotation's candidates on the articles of ``gold_dir`` (article offsets), one dict per quotation."""
    files = sorted(gold_dir.glob("*.json"))
    if limit:
        files = files[:limit]
    docs = []
    for fp in files:
        d = json.loads(fp.read_text(encoding="utf-8"))
        docs.append((d["doc_id"], d["text"]))
    from quotetrace.nlp.attribution import ranker

    return ranker.gather(docs)


def label_rows(rows: list[dict[str, Any]], gold_dir: Path, scorer: Any) -> list[dict[str, Any]]:
    """Match each quotation to a gold direct or mixed quotation (Jaccard >= 0.5 over letter positions, greedy) and
    label its candidates; quotations matching none are dropped."""
    from quotetrace.people import same_person
    from quotetrace.text.fold import fold

    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    out: list[dict[str, Any]] = []
    for doc, rs in by_doc.items():
        gold = json.loads((gold_dir / f"{doc}.json").read_text(encoding="utf-8"))
        text = gold["text"]
        gq = [
            (g, scorer.alnum_positions(text, [tuple(x) for x in g["quote_spans"]]))
            for g in gold["quotes"]
            if g["type"] in {"direct", "mixed"}
        ]
        pq = [scorer.alnum_positions(text, [tuple(s) for s in r["spans"]]) for r in rs]
        pairs = sorted(
            ((len(G & P) / len(G | P), gi, pi) for gi, (_, G) in enumerate(gq) for pi, P in enumerate(pq) if G & P),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for j, gi, pi in pairs:
            if j < 0.5 or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g = gq[gi][0]
            gs = (g.get("speaker") or "").strip()
            if not gs:
                continue
            G = {k for s, e in g.get("speaker_spans") or [] for k in range(s, e)}
            r = rs[pi]
            for c in r["cands"]:
                spans = [s for s in [c["span"], *c["spans"]] if s]
                hit = any(k in G for s, e in spans for k in range(s, e))
                if not hit and not g.get("speaker_is_pronoun"):
                    hit = same_person(c["name"], gs) or fold(c["name"]) == fold(gs)
                c["y"] = int(hit)
            r["gold_speaker"] = gs
            r["pronoun"] = bool(g.get("speaker_is_pronoun"))
            out.append(r)
    return out


def realweb_tune_rows(path: Path) -> list[dict[str, Any]]:
    """The labelled quotations of the realweb **tune** pages (never the held-out half), as
    ``python -m bench.realweb_eval --split tune --ranker-rows PATH`` writes them (run here when ``path`` is absent)."""
    if not path.is_file():
        argv = [*common.bench_cmd("realweb_eval"), "--split", "tune", "--ranker-rows", str(path)]
        subprocess.run(argv, cwd=common.REPO, check=True)
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _matrix(rows: list[dict[str, Any]], names: list[str]) -> tuple[Any, Any, Any]:
    import numpy as np

    idx = {n: i for i, n in enumerate(names)}
    xs, ys, grp = [], [], []
    for qi, r in enumerate(rows):
        for c in r["cands"]:
            v = np.zeros(len(names))
            for k, val in c["x"].items():
                if k in idx:
                    v[idx[k]] = val
            xs.append(v)
            ys.append(c["y"])
            grp.append(qi)
    return np.array(xs), np.array(ys), np.array(grp)


def decide(rows: list[dict[str, Any]], probs: list[list[float]], mode: str, threshold: float) -> list[int | None]:
    """The chosen candidate index per quotation (None: no speaker), as ranker.rerank decides."""
    weak_via = {"rule_via_follow-on", "rule_via_pronoun"}
    out: list[int | None] = []
    for r, ps in zip(rows, probs, strict=True):
        rule = next((i for i, c in enumerate(r["cands"]) if "rule" in c["src"]), None)
        weak = (
            rule is None
            or any(r["cands"][rule]["x"].get(k) for k in weak_via)
            or bool(r["cands"][rule]["x"].get("rule_guessed"))
        )
        if mode == "off" or (mode == "low" and not weak):
            out.append(rule)
            continue
        j = max(range(len(ps)), key=lambda k: ps[k])
        if j == rule:
            out.append(rule)
        elif rule is None and ps[j] < threshold:
            out.append(None)
        else:
            out.append(j)
    return out


def accuracy(rows: list[dict[str, Any]], chosen: list[int | None]) -> float:
    ok = sum(1 for r, j in zip(rows, chosen, strict=True) if j is not None and r["cands"][j]["y"])
    return ok / len(rows) if rows else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default=None, help="reuse (or, with --save-rows, write) the candidate rows here")
    ap.add_argument("--save-rows", action="store_true", help="write the collected rows to --rows (or bench/out)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", default=str(MODEL_OUT))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--realweb-rows", default=str(RW_ROWS_DEFAULT), help="realweb tune rows (written when absent)")
    ap.add_argument(
        "--realweb-weight",
        type=float,
        default=3.0,
        help="also learn from the realweb tune pages' quotations (never the held-out half), each weighing this "
        "much (0: PolNeAR train only; default 3)",
    )
    args = ap.parse_args()

    gold = common.polnear_dir("train")
    scorer_path = common.eval_dir() / "tools" / "evaluate_quotes.py"
    if not gold.is_dir() or not scorer_path.is_file():
        return common.skip(f"PolNeAR train or its scorer not found under {common.eval_dir()}")
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
    except ImportError:
        return common.skip("scikit-learn and numpy are needed to train the ranker (training time only)")

    rows_path = Path(args.rows) if args.rows else ROWS_DEFAULT
    if args.rows and rows_path.is_file() and not args.save_rows:
        rows = [json.loads(line) for line in rows_path.read_text(encoding="utf-8").splitlines()]
        print(f"# {len(rows)} quotations read from {rows_path}", file=sys.stderr)
    else:
        rows = collect_rows(gold, args.limit)
        if args.save_rows:
            rows_path.parent.mkdir(parents=True, exist_ok=True)
            rows_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    rows = label_rows(rows, gold, common.load_scorer(scorer_path))
    n_polnear = len(rows)
    if args.realweb_weight > 0:
        rw_rows = realweb_tune_rows(Path(args.realweb_rows))
        print(f"# {len(rw_rows)} realweb tune quotations, weight {args.realweb_weight}", file=sys.stderr)
        rows += rw_rows
    names = sorted({k for r in rows for c in r["cands"] for k in c["x"]})
    reachable = sum(1 for r in rows if any(c["y"] for c in r["cands"]))
    print(
        f"# {len(rows)} quotations matched to gold with a source; {reachable} have a right candidate; "
        f"{len(names)} features",
        file=sys.stderr,
    )
    X, y, grp = _matrix(rows, names)
    doc_ids = {d: i for i, d in enumerate(sorted({r["doc"] for r in rows}))}
    docs = np.array([doc_ids[rows[g]["doc"]] for g in grp])
    sw = np.array([1.0 if g < n_polnear else args.realweb_weight for g in grp])
    pn, rw_ = rows[:n_polnear], rows[n_polnear:]
    rule_all = decide(rows, [[0.0] * len(r["cands"]) for r in rows], "off", 0.5)
    rule_acc = accuracy(pn, rule_all[:n_polnear])
    rule_rw = accuracy(rw_, rule_all[n_polnear:]) if rw_ else 0.0
    results = []
    for C in (0.03, 0.1, 0.3, 1.0, 3.0):
        probs_all = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=args.folds).split(X, y, docs):
            m = LogisticRegression(C=C, max_iter=2000)
            m.fit(X[tr], y[tr], sample_weight=sw[tr])
            probs_all[te] = m.predict_proba(X[te])[:, 1]
        probs: list[list[float]] = [[] for _ in rows]
        for p, g in zip(probs_all, grp, strict=True):
            probs[g].append(float(p))
        for mode in ("always", "low"):
            for t in (0.3, 0.5, 0.7, 1.01):
                ch = decide(rows, probs, mode, t)
                acc = accuracy(pn, ch[:n_polnear])
                acc_rw = accuracy(rw_, ch[n_polnear:]) if rw_ else 0.0
                results.append(
                    {
                        "C": C,
                        "mode": mode,
                        "threshold": t,
                        "cv_speaker_acc": round(100 * acc, 2),
                        "cv_realweb_tune_acc": round(100 * acc_rw, 2),
                    }
                )
    # PolNeAR train's cross-validated accuracy decides; realweb tune's (when learnt from) breaks ties
    results.sort(key=lambda d: (-d["cv_speaker_acc"], -d["cv_realweb_tune_acc"]))
    print(f"rules alone: speaker acc on matched quotations {100 * rule_acc:.2f}; realweb tune {100 * rule_rw:.2f}")
    for d in results[:12]:
        print(json.dumps(d))
    best = results[0]
    m = LogisticRegression(C=best["C"], max_iter=2000).fit(X, y, sample_weight=sw)
    weights = {n: round(float(w), 5) for n, w in zip(names, m.coef_[0], strict=True) if abs(w) > 1e-6}
    model = {
        "about": "speaker ranker of quotetrace.nlp.attribution.ranker; written by python -m bench.train_ranker",
        "trained_on": "PolNeAR train (direct and mixed quotations matched to gold with a source) and, weighted, "
        "the realweb tune pages",
        "quotations": len(rows),
        "C": best["C"],
        "best_mode_cv": best["mode"],
        "threshold": best["threshold"],
        "cv_speaker_acc": best["cv_speaker_acc"],
        "rules_speaker_acc": round(100 * rule_acc, 2),
        "realweb_tune_weight": args.realweb_weight,
        "realweb_tune_quotations": len(rw_),
        "cv_realweb_tune_acc": best["cv_realweb_tune_acc"],
        "rules_realweb_tune_acc": round(100 * rule_rw, 2),
        "bias": round(float(m.intercept_[0]), 5),
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"# weights -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
