"""Synthetic mentions for the clustering benchmarks (bench/cluster_scale.py, bench/scale.py, bench/scale_plan.py).

Quotes of 3-60 words drawn from a Zipf-ish vocabulary, spoken by a Zipf-ish population of speakers (some share a
surname), with ~30% perturbed copies of earlier quotes (fragments, punctuation/case/quote marks, word substitutions,
ellipses, bracketed insertions, surname-only or null speakers, and the same words from a different speaker). Each
item records which original it copies and how, so a benchmark can report how often each kind of copy joined its
source's cluster.
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate


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
