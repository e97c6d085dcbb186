"""Speakers audit: are the most quoted speaker rows one real person or organisation each, and is anyone split?

Ingests the 270 BASIL articles (../shared/eval/basil/articles.jsonl) and the seeds/ folder into a fresh index,
takes the ``--top`` (200) speaker rows with the most mentions (``quotetrace speakers`` order) and compares them with
the hand-checked list in bench/gold/speakers_audit.json:

- ``one``: the row is one real person or organisation (not a fragment, a place, a pronoun, a description of
  several people, two people fused);
- ``person``: who it is; two rows with the same ``person`` are one person split over two rows.

Prints the share of rows that are one real person/org, the persons split over rows, and the rows the list does not
cover yet (they are not counted; check them and add them to the list). Skips with a message when BASIL is absent.

    python -m bench.speakers_audit                 # ingest into a temporary index and audit
    python -m bench.speakers_audit --db /tmp/a.db  # keep (or reuse, with --reuse) the index
    python -m bench.speakers_audit --write-rows /tmp/rows.json   # the rows as checked (to extend the list)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.speakers_audit") from None

GOLD = common.GOLD / "speakers_audit.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--db", help="build the index here (kept)")
    ap.add_argument(
        "--reuse", action="store_true", help="with --db: audit the index already there (people re-identified)"
    )
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--write-rows", help="write the audited rows (name, mentions, spellings) as JSON here")
    args = ap.parse_args()
    basil = common.basil_articles()
    if not basil.is_file():
        return common.skip(f"{basil} not found")

    from quotetrace.ingest import iter_inputs
    from quotetrace.ingest.run import aliases_of, ingest, set_aliases
    from quotetrace.models import Article
    from quotetrace.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "audit.db"
        if not (args.reuse and db.exists()):
            db.unlink(missing_ok=True)
            store = Store.open(db)
            arts = [a for a in iter_inputs([str(basil), str(common.REPO / "seeds")]) if isinstance(a, Article)]
            t0 = time.perf_counter()
            ingest(store, arts, n_process=args.n_process)
            print(f"# ingested {len(arts)} articles in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        else:
            store = Store.open(db)
            set_aliases(store, aliases_of(store))  # re-identify people with the rules of this checkout
        rows = store.speakers(sort="mentions", limit=args.top, unnamed=False)  # the rows `speakers` prints
        store.close()

    gold = {r["speaker"]: r for r in json.loads(GOLD.read_text(encoding="utf-8"))["rows"]}
    if args.write_rows:
        Path(args.write_rows).write_text(
            json.dumps(
                [{"speaker": r.name, "mentions": r.mention_count, "spellings": list(r.spellings)} for r in rows],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    checked = [r for r in rows if r.name in gold]
    unchecked = [r for r in rows if r.name not in gold]
    good = [r for r in checked if gold[r.name]["one"]]
    bad = [r for r in checked if not gold[r.name]["one"]]
    persons: dict[str, list[str]] = defaultdict(list)
    for r in checked:
        if gold[r.name]["one"]:
            persons[gold[r.name]["person"]].append(r.name)
    split = {p: names for p, names in persons.items() if len(names) > 1}
    share = len(good) / len(checked) if checked else 0.0
    print(f"rows audited: {len(checked)} of the top {len(rows)} (unchecked: {len(unchecked)})")
    print(f"one real person/organisation: {len(good)}/{len(checked)} = {100 * share:.1f}%")
    print(f"persons split over rows: {len(split)}")
    for p, names in sorted(split.items()):
        print(f"  split: {p}: {' | '.join(names)}")
    for r in bad:
        print(f"  not one person/org: {r.name!r} ({r.mention_count} mentions): {gold[r.name].get('note', '')}")
    for r in unchecked:
        print(f"  unchecked: {r.name!r} ({r.mention_count} mentions; spellings {list(r.spellings)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
