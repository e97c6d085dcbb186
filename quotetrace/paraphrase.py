"""Paraphrase links: reports in other articles that restate the same statement by the same speaker."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "than",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "i",
        "me",
        "my",
        "mine",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "too",
        "very",
        "can",
        "will",
        "just",
        "should",
        "now",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "would",
        "could",
        "might",
        "must",
        "shall",
        "may",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "once",
        "also",
        "as",
        "until",
        "while",
        "because",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "added",
        "noted",
        "according",
        "one",
    ]
)

# Derivational endings folded so that "decide", "decides" and "decision" meet.
_SUFFIXES = (
    ("isions", "id"),
    ("ision", "id"),
    ("itions", "it"),
    ("ition", "it"),
    ("ations", "at"),
    ("ation", "at"),
    ("ements", ""),
    ("ement", ""),
    ("ments", ""),
    ("ment", ""),
    ("nesses", ""),
    ("ness", ""),
    ("ities", ""),
    ("ity", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("edly", ""),
    ("ed", ""),
    ("ies", "y"),
    ("ers", ""),
    ("er", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
    ("e", ""),
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][\w'’-]*")


def stem(word: str) -> str:
    """A light stemmer: lowercase, accents folded, inflectional and a few derivational endings removed."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    w = w.replace("’", "'").split("'")[0]
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    return w.rstrip("e") if len(w) > 5 else w


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2]


def entities(text: str) -> set[str]:
    """Capitalised words not opening a sentence: a cheap stand-in for the names a statement mentions."""
    out = set()
    for m in _WORD.finditer(text):
        w = m.group(0)
        if not w[0].isupper() or w.lower() in STOPWORDS:
            continue
        before = text[: m.start()].rstrip()
        if before and before[-1] not in ".!?:“\"‘'":
            out.add(stem(w))
    return out


@dataclass(frozen=True)
class Statement:
    """One report of something a speaker said, as the paraphrase linker sees it."""

    id: str
    text: str
    speaker_key: str | None
    article_id: str
    kind: str = "direct"


@dataclass(frozen=True)
class Link:
    """A paraphrase link from a cluster (or statement) to a report elsewhere, with its score (0-1)."""

    source_id: str
    target_id: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return {"mention_id": self.target_id, "similarity": round(self.score, 3), "relation": "paraphrase"}


class ParaphraseScorer:
    """Scores two reports of possibly the same statement: weighted overlap of content stems and names.

    Word weights are inverse document frequencies over the statements the scorer has seen, so
    that sharing "Ukraine" in a corpus about Ukraine counts for little and sharing "compromise"
    counts for much.
    """

    def __init__(self, corpus: Iterable[str] = ()) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        for text in corpus:
            self.observe(text)

    def observe(self, text: str) -> None:
        self.df.update(set(content_stems(text)))
        self.n += 1

    def weight(self, s: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(s, 0))) + 1.0

    def score(self, a: str, b: str) -> float:
        sa, sb = set(content_stems(a)), set(content_stems(b))
        if not sa or not sb:
            return 0.0
        shared = sa & sb
        wa = sum(self.weight(s) for s in sa)
        wb = sum(self.weight(s) for s in sb)
        ws = sum(self.weight(s) for s in shared)
        overlap = ws / min(wa, wb)  # weighted overlap coefficient: a short report inside a long one scores high
        dice = 2 * ws / (wa + wb)
        fuzzy = fuzz.token_set_ratio(" ".join(sorted(sa)), " ".join(sorted(sb))) / 100.0
        ea, eb = entities(a), entities(b)
        names = len(ea & eb) / max(1, min(len(ea), len(eb))) if ea and eb else 0.5
        return 0.45 * overlap + 0.25 * dice + 0.15 * fuzzy + 0.15 * names


DEFAULT_THRESHOLD = 0.42


def link_paraphrases(
    sources: Sequence[Statement],
    candidates: Sequence[Statement],
    *,
    same_speaker: object = None,
    threshold: float = DEFAULT_THRESHOLD,
    scorer: ParaphraseScorer | None = None,
) -> list[Link]:
    """Links from each source to candidates from OTHER articles by the same speaker scoring above ``threshold``.

    ``same_speaker(a, b) -> bool`` decides whether two speaker keys are one person (default: equal
    and not None). A candidate is never linked to a statement of its own article.
    """
    scorer = scorer or ParaphraseScorer(s.text for s in [*sources, *candidates])

    def same(a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return False
        return bool(same_speaker(a, b)) if callable(same_speaker) else a == b

    links: list[Link] = []
    for src in sources:
        for cand in candidates:
            if cand.id == src.id or cand.article_id == src.article_id or not same(src.speaker_key, cand.speaker_key):
                continue
            sc = scorer.score(src.text, cand.text)
            if sc >= threshold:
                links.append(Link(src.id, cand.id, sc))
    links.sort(key=lambda lk: (-lk.score, lk.target_id))
    return links
