"""Paraphrase links: reports in other articles that restate the same statement by the same speaker."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from quotetrace.text.fold import fold
from quotetrace.text.sentences import FIRM_ENDS
from quotetrace.text.stopwords import PARAPHRASE_STOPWORDS

if TYPE_CHECKING:
    import numpy as np

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
    w = fold(word, apostrophes="’", invisible=False).split("'")[0]
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    return w.rstrip("e") if len(w) > 5 else w


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in PARAPHRASE_STOPWORDS and len(w) > 2]


_OPENS_SENTENCE = FIRM_ENDS + ":“\"‘'"  # a capital after these opens a sentence or a quotation


def entities(text: str) -> set[str]:
    """Capitalised words not opening a sentence: a cheap stand-in for the names a statement mentions."""
    out = set()
    for m in _WORD.finditer(text):
        w = m.group(0)
        if not w[0].isupper() or w.lower() in PARAPHRASE_STOPWORDS:
            continue
        i = m.start() - 1
        while i >= 0 and text[i].isspace():  # the character before the word, spaces skipped
            i -= 1
        if i >= 0 and text[i] not in _OPENS_SENTENCE:
            out.add(stem(w))
    return out


@dataclass(frozen=True)
class Statement:
    """One report of something a speaker said, as the paraphrase linker sees it: a mention's whole reported words
    (a mixed mention's paraphrase with its quoted words, not the quoted words alone), who said it by its article
    (or, when the article names nobody, by the mention's cluster), its article and that article's day."""

    id: str
    text: str
    speaker_key: str | None
    article_id: str
    kind: str = "direct"
    day: int | None = None  # days since year 1 (``datetime.date.toordinal``), None when the date is unknown


@dataclass(frozen=True)
class Link:
    """A paraphrase link from a cluster (or statement) to a report elsewhere, with its score (0-1)."""

    source_id: str
    target_id: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return {"mention_id": self.target_id, "similarity": round(self.score, 3), "relation": "paraphrase"}


# Share of the sentence-embedding cosine in the semantic score; the rest is the lexical score.
SEMANTIC_WEIGHT = 0.4
# No pair of one speaker's statements from different BASIL articles (7,428 pairs) has a cosine above 0.85:
# a pair needing more than this to reach the link threshold is not worth embedding (see ``score_many``).
COSINE_CEILING = 0.85
# Nor is a pair whose word overlap scores under this: two reports of one statement share some of its words (every
# true pair of the tune split scores 0.18 or more), and embedding every report is the slow part of an ingest.
LEXICAL_FLOOR = 0.15
# Default link thresholds, one per scoring mode, for reports whose speakers are one person, set on the tune split
# of the BASIL gold (bench/paraphrase_eval.py --split tune): a round value that links no hard negative the
# same-person rule lets through. Reports where a side names nobody need UNKNOWN_SPEAKER_MARGIN more. Candidate
# pools in the wild hold many more same-speaker, same-topic statements than the gold; raise them for surer links.
LEXICAL_THRESHOLD = 0.35
SEMANTIC_THRESHOLD = 0.35
UNKNOWN_SPEAKER_MARGIN = 0.10
# A report of one content word ("agreed", "fake") says too little to be recognised as a restatement of anything:
# it links nothing. (BASIL links: no gold pair has such a side; the gate drops 11 of 224 tune links, 1 of 108
# held-out, and changes neither split's precision or recall.)
MIN_CONTENT_STEMS = 2


def may_paraphrase(kind_a: str, kind_b: str) -> bool:
    """Whether two reports of these kinds can be a paraphrase link at all.

    Two direct quotes cannot: different words inside quotation marks are different utterances,
    and overlapping words are the clusterer's business (quote clusters), not a paraphrase.
    """
    return not (kind_a == "direct" and kind_b == "direct")


class ParaphraseScorer:
    """Scores two reports of possibly the same statement (0-1).

    The lexical score is a weighted overlap of content stems and names. Word weights are inverse
    document frequencies over the statements the scorer has seen, so that sharing "Ukraine" in a
    corpus about Ukraine counts for little and sharing "compromise" counts for much.

    In semantic mode (the default when :func:`quotetrace.embed.available`), the score mixes in the
    cosine of the two texts' sentence embeddings, which catches paraphrases that share few words
    ("it has to be Ukraine that decides" / "the decision lies with Ukraine itself"). Embeddings
    and stems are cached per text, and :meth:`score_many` embeds all new texts in one batch.
    """

    def __init__(self, corpus: Iterable[str] = (), *, semantic: bool | None = None) -> None:
        from quotetrace import embed

        if semantic is None:
            semantic = embed.available()
        elif semantic and not embed.available():
            raise RuntimeError(f"semantic paraphrase scoring needs the embedding model: {embed.INSTALL_HINT}")
        self.semantic = semantic
        self.df: Counter[str] = Counter()
        self.n = 0
        self._stems: dict[str, frozenset[str]] = {}
        self._entities: dict[str, frozenset[str]] = {}
        # Weights depend on the corpus seen so far: cached until the next text is observed.
        self._weights: dict[str, float] = {}
        self._totals: dict[str, float] = {}
        self._vectors: dict[str, np.ndarray] = {}
        for text in corpus:
            self.observe(text)

    @property
    def mode(self) -> str:
        return "semantic" if self.semantic else "lexical"

    @property
    def threshold(self) -> float:
        """The default link threshold for this scorer's mode."""
        return SEMANTIC_THRESHOLD if self.semantic else LEXICAL_THRESHOLD

    def observe(self, text: str) -> None:
        self.df.update(self.stems(text))
        self.n += 1
        self._weights.clear()
        self._totals.clear()

    def stems(self, text: str) -> frozenset[str]:
        got = self._stems.get(text)
        if got is None:
            got = self._stems[text] = frozenset(content_stems(text))
        return got

    def weight(self, s: str) -> float:
        got = self._weights.get(s)
        if got is None:
            got = self._weights[s] = math.log((1 + self.n) / (1 + self.df.get(s, 0))) + 1.0
        return got

    def _total(self, text: str, stems: frozenset[str]) -> float:
        got = self._totals.get(text)
        if got is None:
            got = self._totals[text] = sum(self.weight(s) for s in stems)
        return got

    def _names(self, text: str) -> frozenset[str]:
        got = self._entities.get(text)
        if got is None:
            got = self._entities[text] = frozenset(entities(text))
        return got

    def lexical(self, a: str, b: str) -> float:
        """The word-overlap score alone (0-1)."""
        sa, sb = self.stems(a), self.stems(b)
        if not sa or not sb:
            return 0.0
        shared = sa & sb
        wa = self._total(a, sa)
        wb = self._total(b, sb)
        ws = sum(self.weight(s) for s in shared)
        overlap = ws / min(wa, wb)  # weighted overlap coefficient: a short report inside a long one scores high
        dice = 2 * ws / (wa + wb)
        fuzzy = fuzz.token_set_ratio(" ".join(sorted(sa)), " ".join(sorted(sb))) / 100.0
        ea, eb = self._names(a), self._names(b)
        names = len(ea & eb) / max(1, min(len(ea), len(eb))) if ea and eb else 0.5
        return 0.45 * overlap + 0.25 * dice + 0.15 * fuzzy + 0.15 * names

    def prepare(self, texts: Iterable[str]) -> None:
        """Embed, in batches, every text not embedded yet (semantic mode only)."""
        if not self.semantic:
            return
        todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if todo:
            from quotetrace.embed import embed

            for text, vec in zip(todo, embed(todo), strict=True):
                self._vectors[text] = vec

    def cosine(self, a: str, b: str) -> float:
        """Cosine of the two texts' sentence embeddings (semantic mode only)."""
        self.prepare((a, b))
        return float(self._vectors[a] @ self._vectors[b])

    def score(self, a: str, b: str) -> float:
        if not a.strip() or not b.strip():
            return 0.0
        lex = self.lexical(a, b)
        if not self.semantic:
            return lex
        return SEMANTIC_WEIGHT * max(0.0, self.cosine(a, b)) + (1 - SEMANTIC_WEIGHT) * lex

    def score_many(self, pairs: Iterable[tuple[str, str]], *, at_least: float | None = None) -> list[float]:
        """Scores of many pairs, embedding each distinct text once.

        With ``at_least`` (semantic mode), a pair whose word overlap is too low to reach that score even at
        a cosine of ``COSINE_CEILING`` is not embedded: its score is the word-overlap part alone, which is
        below ``at_least`` too. Embedding is the slow part; most pairs of one speaker's statements share
        too few words to be paraphrases.
        """
        pairs = list(pairs)
        if not self.semantic or at_least is None:
            self.prepare(t for pair in pairs for t in pair)
            return [self.score(a, b) for a, b in pairs]
        lex_part = [(1 - SEMANTIC_WEIGHT) * self.lexical(a, b) if a.strip() and b.strip() else 0.0 for a, b in pairs]
        hopeful = [
            lp + SEMANTIC_WEIGHT * COSINE_CEILING >= at_least and lp >= (1 - SEMANTIC_WEIGHT) * LEXICAL_FLOOR
            for lp in lex_part
        ]
        self.prepare(t for pair, h in zip(pairs, hopeful, strict=True) if h for t in pair)
        return [
            lp + SEMANTIC_WEIGHT * max(0.0, self.cosine(a, b)) if h else lp
            for (a, b), lp, h in zip(pairs, lex_part, hopeful, strict=True)
        ]


# Reports of one statement appear within days of each other; a speaker's words from another story (months apart)
# are not linked as paraphrases.
WINDOW_DAYS = 30
# Who said it, for two reports: one person by the project's same-person rule, two people (never linked), or
# unknown for at least one side (no speaker, or a description such as "the lawyer for the campaign").
SAME, UNKNOWN, DIFFERENT = "same", "unknown", "different"
# Reports whose speakers are not both known are linked only between articles of one story (articles that share
# a quote cluster), and a quote cluster shared by more articles than this is too common to tell a story.
STORY_MAX_ARTICLES = 50
# Reports of one person compared with each report, at most (the nearest in time): bounds the work for a person
# quoted every day.
MAX_PEERS = 400


@lru_cache(maxsize=65536)
def names_someone(speaker: str | None) -> bool:
    """Whether a speaker string names someone (a person or an organisation) rather than describing them: "the
    lawyer for the campaign", "his campaign", "aides to John Boehner" describe; None names nobody."""
    from quotetrace.people import parse_name

    if not speaker or not speaker[:1].isupper():
        return False
    parsed = parse_name(speaker)
    return bool(parsed.surname) and " " not in parsed.surname  # a group/proxy description parses to its words


@lru_cache(maxsize=65536)
def speaker_relation(a: str | None, b: str | None) -> str:
    """``SAME`` (:func:`quotetrace.people.same_person`), ``DIFFERENT`` (both name someone, not the same person), or
    ``UNKNOWN`` (at least one side does not name anyone)."""
    from quotetrace.people import same_person

    if not (names_someone(a) and names_someone(b)):
        return UNKNOWN
    return SAME if same_person(a, b) else DIFFERENT


def may_link(a: Statement, b: Statement) -> bool:
    """The gates before scoring: other articles, not two direct quotes, within ``WINDOW_DAYS`` when both days are
    known, and not two different people."""
    if a.article_id == b.article_id or not may_paraphrase(a.kind, b.kind):
        return False
    if a.day is not None and b.day is not None and abs(a.day - b.day) > WINDOW_DAYS:
        return False
    return speaker_relation(a.speaker_key, b.speaker_key) != DIFFERENT


def candidate_pairs(
    statements: Sequence[Statement],
    stories: Mapping[str, Iterable[str]] | None = None,
    focus: Callable[[Statement], bool] | None = None,
) -> list[tuple[Statement, Statement]]:
    """The pairs worth scoring, without comparing every statement with every other: statements whose speakers share
    a surname (the same-person rule decides), and, for speakers not both known, statements of articles that share a
    story (``stories``: article id -> its quote clusters). With ``focus``, only pairs with a side it accepts."""
    from quotetrace.people import surname_key

    by_surname: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        if names_someone(st.speaker_key):
            key = surname_key(st.speaker_key)
            if key:
                by_surname[key].append(st)
    seen: set[tuple[str, str]] = set()
    out: list[tuple[Statement, Statement]] = []

    def consider(a: Statement, b: Statement, relation: str) -> None:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key in seen or (focus is not None and not (focus(a) or focus(b))):
            return
        if may_link(a, b) and speaker_relation(a.speaker_key, b.speaker_key) == relation:
            seen.add(key)
            out.append((a, b) if a.id < b.id else (b, a))

    for members in by_surname.values():
        dated = sorted((st for st in members if st.day is not None), key=lambda st: (st.day, st.id))
        days = [st.day or 0 for st in dated]  # all known here
        undated = sorted((st for st in members if st.day is None), key=lambda st: st.id)
        for a in sorted(members, key=lambda st: st.id):
            if focus is not None and not focus(a):
                continue
            if a.day is None:
                peers = [*dated, *undated]
            else:
                lo = bisect_left(days, a.day - WINDOW_DAYS)
                hi = bisect_right(days, a.day + WINDOW_DAYS)
                peers = [*dated[lo:hi], *undated]
            peers = [b for b in peers if b.id != a.id]
            if len(peers) > MAX_PEERS:  # a much-quoted person: the reports nearest in time
                at = a.day
                peers = sorted(peers, key=lambda b: (0 if at is None or b.day is None else abs(b.day - at), b.id))
                peers = peers[:MAX_PEERS]
            for b in peers:
                consider(a, b, SAME)
    if stories:
        by_article: dict[str, list[Statement]] = defaultdict(list)
        for st in statements:
            by_article[st.article_id].append(st)
        story_articles: dict[str, set[str]] = defaultdict(set)
        for art, keys in stories.items():
            if art in by_article:
                for k in keys:
                    story_articles[k].add(art)
        wanted = {st.article_id for st in statements if focus is None or focus(st)}
        article_pairs = {
            (x, y)
            for arts in story_articles.values()
            if 1 < len(arts) <= STORY_MAX_ARTICLES
            for x in arts
            for y in arts
            if x < y and (x in wanted or y in wanted)
        }
        for x, y in sorted(article_pairs):
            for a in by_article[x]:
                for b in by_article[y]:
                    if not (names_someone(a.speaker_key) and names_someone(b.speaker_key)):
                        consider(a, b, UNKNOWN)
    out.sort(key=lambda p: (p[0].id, p[1].id))
    return out


def link_paraphrases(
    statements: Sequence[Statement],
    *,
    stories: Mapping[str, Iterable[str]] | None = None,
    focus: Callable[[Statement], bool] | None = None,
    threshold: float | None = None,
    scorer: ParaphraseScorer | None = None,
) -> list[Link]:
    """The paraphrase links among ``statements``: the one rule that ``quotetrace ingest`` ships (through
    :func:`quotetrace.ingest.run.link_statements`) and ``bench/paraphrase_eval.py`` measures.

    Two reports are linked when they come from different articles within ``WINDOW_DAYS``, are not two direct
    quotes (:func:`may_paraphrase`), each has ``MIN_CONTENT_STEMS`` content words, their speakers are one person
    by the project's same-person rule (or at least one side names nobody and the two articles share a story, see
    :func:`candidate_pairs`), and their score reaches ``threshold`` (default: the scorer's, which depends on
    whether semantic scoring is on), plus ``UNKNOWN_SPEAKER_MARGIN`` when a side names nobody.
    """
    scorer = scorer or ParaphraseScorer(s.text for s in statements)
    pairs = [
        (a, b)
        for a, b in candidate_pairs(statements, stories, focus)
        if len(scorer.stems(a.text)) >= MIN_CONTENT_STEMS and len(scorer.stems(b.text)) >= MIN_CONTENT_STEMS
    ]
    th = scorer.threshold if threshold is None else threshold
    links: list[Link] = []
    for need, group in (
        (th, [p for p in pairs if speaker_relation(p[0].speaker_key, p[1].speaker_key) == SAME]),
        (
            th + UNKNOWN_SPEAKER_MARGIN,
            [p for p in pairs if speaker_relation(p[0].speaker_key, p[1].speaker_key) != SAME],
        ),
    ):
        scores = scorer.score_many(((a.text, b.text) for a, b in group), at_least=need)
        links.extend(Link(a.id, b.id, sc) for (a, b), sc in zip(group, scores, strict=True) if sc >= need)
    links.sort(key=lambda lk: (-lk.score, lk.source_id, lk.target_id))
    return links
