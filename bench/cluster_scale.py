"""Scale benchmark for quotetrace.cluster: time, peak memory and growth on synthetic mention sets.

Each size runs in its own subprocess so peak RSS is per size. Synthetic data: quotes of 3-60 words drawn from a
Zipf-ish vocabulary, spoken by a Zipf-ish population of speakers (some share a surname), with ~30% perturbed
copies of earlier quotes (fragments, punctuation/case/quote marks, word substitutions, ellipses, bracketed
insertions, surname-only or null speakers, and the same words from a different speaker). Besides speed it
reports how often each kind of copy landed in its source's cluster (a different speaker should never).

    python bench/cluster_scale.py --sizes 10000 100000 1000000            # both implementations
    python bench/cluster_scale.py --sizes 1000000 --impl corpus --batch 5000

Two implementations are timed side by side on the same data: ``incremental`` (the arrival-order Clusterer, the
baseline) and ``corpus`` (CorpusClusterer: clusters and ids a function of the set, fed in batches of --batch
mentions as an ingest would).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotetrace.cluster import Clusterer, CorpusClusterer, Piece, paused_gc


def _names(text: str) -> list[str]:
    return text.split()


GIVEN = _names(
    "Anna Ben Carla Dmitri Elena Farid Greta Hugo Ines Jonas Kofi Lena Marco Nadia Omar Paula Quentin Rosa "
    "Sami Tara Ugo Vera Walter Ximena Yusuf Zora Alice Bruno Chloe Diego Emil Fatima Gianni Hana Ivan Julia"
)
SURNAMES = _names(
    "Abara Brandt Castillo Dufour Eriksen Ferraz Gallo Haddad Ibarra Janssen Kowalski Lindqvist Moreau Novak "
    "Okafor Petrov Quispe Rossi Schmidt Tanaka Ueda Varga Weber Xu Yilmaz Zapata Almeida Bauer Costa Demir"
)
KINDS = ("fragment", "punctuation", "substitution", "ellipsis", "bracket", "surname", "null", "other-speaker")
REPORTED = (*KINDS[:-1], "other-speaker<12w", "other-speaker≥12w")


@dataclass
class Item:
    mid: str
    text: str
    speaker: str | None
    date: str
    article: str
    source: int  # index of the original this copies, or -1
    kind: str  # "original" or one of KINDS


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    consonants, vowels = "bcdfghjklmnprstvwz", "aeiou"
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < size:
        n = rng.choice((1, 2, 2, 3, 3, 4))
        w = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(n))
        if w not in seen:
            seen.add(w)
            words.append(w)
    # The most frequent ranks are real function words, so stopword handling is exercised.
    head = _names("the to of and a in that is we it for not be this will have they on with are you")
    return head + words[: size - len(head)]


def generate(n: int, seed: int = 7) -> list[Item]:
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 50_000)
    cum_words = list(accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(vocab))))
    # Some real-looking surnames shared by several people, plus invented ones so the population can grow.
    surnames = SURNAMES + [w.capitalize() for w in _vocabulary(random.Random(seed + 1), 4000)[30:]]
    wanted = min(20_000, max(50, n // 50))
    people_set: set[str] = set()
    while len(people_set) < wanted:
        people_set.add(f"{rng.choice(GIVEN)} {rng.choice(surnames)}")
    people = sorted(people_set)
    rng.shuffle(people)
    cum_people = list(accumulate(1.0 / (r + 1) ** 0.8 for r in range(len(people))))

    def word() -> str:
        return vocab[bisect(cum_words, rng.random() * cum_words[-1])]

    def person() -> str:
        return people[bisect(cum_people, rng.random() * cum_people[-1])]

    items: list[Item] = []
    originals: list[int] = []
    per_article = 12
    days = max(30, n // 300)
    for i in range(n):
        day = i * days // n
        date = f"{2000 + day // 360:04d}-{day % 360 // 30 + 1:02d}-{day % 30 + 1:02d}"
        article = f"a{i // per_article}"
        if originals and rng.random() < 0.3:
            # Copies come from recent originals: a story is reprinted within days.
            src = originals[max(0, len(originals) - 1 - int(rng.expovariate(1 / 200)))]
            o = items[src]
            words = o.text.split()
            kind = rng.choice(KINDS)
            speaker = o.speaker
            if kind == "fragment" and len(words) > 6:
                k = rng.randint(5, max(5, len(words) - 1))
                s = rng.randint(0, len(words) - k)
                words = words[s : s + k]
            elif kind == "punctuation":
                words = [w.upper() if rng.random() < 0.1 else w for w in words]
                words = [w + "," if rng.random() < 0.1 else w for w in words]
                words[0] = "“" + words[0].capitalize()
                words[-1] += ".”"
            elif kind == "substitution":
                for _ in range(1 + len(words) // 20):
                    words[rng.randrange(len(words))] = word()
            elif kind == "ellipsis" and len(words) > 12:
                s = rng.randint(3, len(words) - 8)
                words = [*words[:s], "…", *words[s + rng.randint(2, 5) :]]
            elif kind == "bracket":
                words = [f"[{word()}]", *words]
            elif kind == "surname" and speaker:
                speaker = speaker.split()[-1]
            elif kind == "null":
                speaker = None
            elif kind == "other-speaker":
                while speaker == o.speaker:
                    speaker = person()
                # Long verbatim passages credited to someone else are taken as one utterance that outlets
                # attribute differently (Clusterer strong_words); short ones must never join.
                kind = "other-speaker<12w" if len(words) < 12 else "other-speaker≥12w"
            else:
                kind = "punctuation"
            items.append(Item(f"m{i}", " ".join(words), speaker, date, article, src, kind))
        else:
            length = min(60, max(3, int(rng.lognormvariate(math.log(16), 0.6))))
            text = " ".join(word() for _ in range(length))
            items.append(Item(f"m{i}", text, person(), date, article, -1, "original"))
            originals.append(i)
    return items


def run_one(n: int, impl: str = "incremental", batch: int = 5000) -> dict[str, object]:
    items = generate(n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    if impl == "incremental":
        clusterer = Clusterer()
        with paused_gc():  # as quotetrace's own bulk clustering (cluster_mentions, ingest) does
            for it in items:
                clusterer.add(it.mid, it.text, it.speaker, date=it.date, article_id=it.article)
        assign = clusterer.assignments()
    else:
        cc = CorpusClusterer()
        pieces = [Piece(it.mid, it.text, it.speaker, it.date, it.article, i) for i, it in enumerate(items)]
        with paused_gc():
            for i in range(0, len(pieces), batch):
                cc.update(pieces[i : i + batch])
        assign = cc.assignments()
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    joined: dict[str, list[int]] = {k: [0, 0] for k in REPORTED}
    for it in items:
        if it.source >= 0:
            stats = joined[it.kind]
            stats[1] += 1
            stats[0] += assign[it.mid] == assign[items[it.source].mid]
    originals = [it for it in items if it.source < 0]
    merged_originals = len(originals) - len({assign[it.mid] for it in originals})
    return {
        "n": n,
        "seconds": seconds,
        "cpu": cpu,
        "rss_mb": rss_after / 1024,
        "rss_delta_mb": (rss_after - rss_before) / 1024,
        "clusters": len(set(assign.values())),
        "impl": impl,
        "merged_originals": merged_originals,
        "joined": joined,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--impl", choices=("incremental", "corpus", "both"), default="both")
    ap.add_argument("--batch", type=int, default=5000, help="mentions per update of the corpus clusterer")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(run_one(args.worker, args.impl, args.batch)))
        return
    results = []
    impls = ("incremental", "corpus") if args.impl == "both" else (args.impl,)
    for n in args.sizes:
        for impl in impls:
            out = subprocess.run(
                [sys.executable, __file__, "--worker", str(n), "--impl", impl, "--batch", str(args.batch)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(out))
            print(f"done {n} {impl}: {results[-1]['seconds']:.1f}s", file=sys.stderr)

    print(
        "| impl | mentions | wall (s) | CPU (s) | CPU µs / mention | peak RSS (MB) | RSS growth while clustering (MB) "
        "| CPU ratio vs previous size | size ratio | clusters |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    for r in sorted(results, key=lambda r: (str(r["impl"]), int(r["n"]))):  # type: ignore[call-overload]
        if prev is not None and prev["impl"] != r["impl"]:
            prev = None
        n, s, cpu = int(r["n"]), float(r["seconds"]), float(r["cpu"])  # type: ignore[call-overload]
        ratio = f"{cpu / float(prev['cpu']):.2f}" if prev else "–"  # type: ignore[arg-type]
        size_ratio = f"{n / int(prev['n']):.0f}" if prev else "–"  # type: ignore[call-overload]
        print(
            f"| {r['impl']} | {n:,} | {s:.1f} | {cpu:.1f} | {cpu / n * 1e6:.0f} | {r['rss_mb']:.0f} "
            f"| {r['rss_delta_mb']:.0f} "
            f"| {ratio} | {size_ratio} | {r['clusters']:,} |"
        )
        prev = r
    print()
    print("| impl | mentions | " + " | ".join(REPORTED) + " | originals merged |")
    print("|---|---:|" + "---:|" * (len(REPORTED) + 1))
    for r in results:
        joined = r["joined"]
        cells = []
        for k in REPORTED:
            got, total = joined[k]  # type: ignore[index]
            cells.append(f"{got / total:.1%}" if total else "–")
        print(f"| {r['impl']} | {int(r['n']):,} | " + " | ".join(cells) + f" | {r['merged_originals']} |")  # type: ignore[call-overload]
    print()
    print(
        "Copy kinds: share landing in their source's cluster (higher is better; other-speaker<12w must be 0, "
        "other-speaker≥12w is the verbatim passage outlets credit to different people, joined by design). "
        "'originals merged': independent random quotes wrongly put together."
    )


if __name__ == "__main__":
    main()
