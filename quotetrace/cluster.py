"""Quote clustering: normalisation, shingle-indexed candidate blocking, word-alignment scoring and stable ids.

One cluster = the same passage of the same utterance by the same speaker, across articles and outlets.

How a mention finds its cluster (see :meth:`Clusterer.add`):

1. ``quote_tokens`` normalises the wording (case, accents, quotation marks, dashes, contractions, censored
   words, British/American spelling) and drops editorial insertions ("[Russian]") and ellipses, remembering
   where they were ("breaks": a marked elision may hide any number of words).
2. Every word gets a small integer id and is written as one character, so a quote becomes a short string of
   "word characters". RapidFuzz then aligns quotes word by word in C++ (``LCSseq`` matching blocks).
3. Candidates come from an inverted index of word 3-gram shingles (only shingles with a content word, postings
   hold cluster numbers, capped for frequent shingles). Only the clusters sharing the most shingles are scored;
   nothing is ever compared all-pairs.
4. A mention joins the best candidate whose speaker is the same person (:mod:`quotetrace.people`) and whose
   wording it reproduces: at least ``threshold`` of the shorter wording inside one dense aligned passage
   (a fragment) or a long shared passage (outlets that trimmed the same quote at different ends).
5. Very short fragments (fewer than ``min_content`` content words: "sham", "rock solid") go another way: they
   join only a cluster of the same speaker that contains them verbatim, from the same story (same article,
   close dates, shared story terms), and only when exactly one such cluster exists.

The incremental :class:`Clusterer` names a cluster ``"q" + short_hash(speaker_key, normalised founding text)``;
it depends on arrival order, so the index does not use it directly: :class:`CorpusClusterer` (below) makes
clusters and their ids (``"q" + hash of the founding piece``) a function of the set of pieces, solving each block
of linked wordings with a fresh :class:`Clusterer` in canonical order (:func:`solve_block`, pure: blocks can be
solved apart and merged with identical results).
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from itertools import pairwise
from json.encoder import encode_basestring as _encode_json_str
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from quotetrace.models import Article, Mention, short_hash
from quotetrace.normalise import (
    QuoteTokens,
    analyse,
    chunk_forms,
    fold_quote,
    normalise_quote,
    quote_tokens,
)
from quotetrace.people import NameIndex, ParsedName, compatible, fullness, parse_name
from quotetrace.pieces import elided_text
from quotetrace.text.fold import fold_wording
from quotetrace.text.stopwords import STOPWORDS
from quotetrace.text.words import wordset

__all__ = [
    "STATE_VERSION",
    "Clusterer",
    "CorpusClusterer",
    "Match",
    "Piece",
    "QuoteTokens",
    "cluster_id_for",
    "cluster_mentions",
    "cluster_pieces",
    "match_quotes",
    "normalise_quote",
    "quote_tokens",
    "solve_block",
    "story_terms",
]

STATE_VERSION = 1


_WORD_RE = re.compile(r"[^\W\d_][^\W_]{2,}")
_CAP_RE = re.compile(r"\b[A-Z][^\W\d_]{2,}")


def story_terms(article: Article, limit: int = 24) -> frozenset[str]:
    """Words that identify an article's story: its title's content words and its most frequent proper nouns."""
    counts: dict[str, int] = {}
    for w in _CAP_RE.findall(article.text or ""):
        f = fold_wording(w)
        if f not in STOPWORDS and f not in _COMMON_CAPS:
            counts[f] = counts.get(f, 0) + 1
    for w in _WORD_RE.findall(article.title or ""):
        f = fold_wording(w)
        if f not in STOPWORDS and f not in _COMMON_CAPS:
            counts[f] = counts.get(f, 0) + 3
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return frozenset(k for k, _ in top)


_COMMON_CAPS = wordset(
    """
    mr mrs ms dr said says monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december president minister secretary government
    however after before while during since despite although though because earlier later today yesterday
    tomorrow last next new first people news reporters statement interview told added according
    """
)


# --- word alignment -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """How two quotes align word by word (on their best dense passage)."""

    matched: int  # words of the best passage found in both
    content: int  # of which content words
    len_a: int
    len_b: int
    content_a: int
    content_b: int
    a_span: tuple[int, int]  # the passage in a, [start, end) word positions
    b_span: tuple[int, int]
    elided: int = 0  # words of the passage skipped at a marked elision (ellipsis, brackets)

    @property
    def shorter(self) -> int:
        return min(self.len_a, self.len_b)

    @property
    def shorter_content(self) -> int:
        return self.content_a if self.len_a <= self.len_b else self.content_b

    @property
    def coverage(self) -> float:
        """Share of the shorter quote inside the shared passage (1.0 = a verbatim fragment)."""
        return self.matched / self.shorter if self.shorter else 0.0

    @property
    def content_coverage(self) -> float:
        sc = self.shorter_content
        return self.content / sc if sc else 0.0

    @property
    def density(self) -> float:
        """Matched words per word of the passage span in the longer quote (low = scattered matches)."""
        span = max(self.a_span[1] - self.a_span[0], self.b_span[1] - self.b_span[0]) - self.elided
        return min(1.0, self.matched / span) if span > 0 else 0.0

    @property
    def score(self) -> float:
        return self.content + self.coverage

    def swapped(self) -> Match:
        return Match(
            self.matched,
            self.content,
            self.len_b,
            self.len_a,
            self.content_b,
            self.content_a,
            self.b_span,
            self.a_span,
            self.elided,
        )


_NO_MATCH = Match(0, 0, 0, 0, 0, 0, (0, 0), (0, 0))


def _has_break(breaks: tuple[int, ...], lo: int, hi: int) -> bool:
    return any(lo <= b <= hi for b in breaks)


def _align(
    a: str,
    b: str,
    a_breaks: tuple[int, ...],
    b_breaks: tuple[int, ...],
    stop: set[str] | frozenset[str],
    gap: int,
) -> Match:
    """Best dense passage shared by two word-character strings (blocks chained across small gaps/ellipses).

    A block of stopwords alone at either end of a chain is a chance match ("is … I do not favor marriage …"): it
    is left out of the passage, where it would only widen the span and thin the density.
    """
    best: list[int] | None = None
    cur: list[int] | None = None  # content, matched, a0, a1, b0, b1, elided
    chain: list[tuple[int, int, int, int]] = []  # (a start, b start, size, content) of cur's blocks

    def finished() -> list[int]:
        assert cur is not None
        if len(chain) == 1 or (chain[0][3] and chain[-1][3]):
            return cur
        lo, hi = 0, len(chain)
        while hi - lo > 1 and chain[lo][3] == 0:
            lo += 1
        while hi - lo > 1 and chain[hi - 1][3] == 0:
            hi -= 1
        kept = chain[lo:hi]
        elided = 0
        for (pa, pb, psize, _), (na, nb, _, _) in pairwise(kept):
            ga, gb = na - pa - psize, nb - pb - psize
            if max(ga, gb) > gap:
                elided += max(ga, gb) - min(ga, gb)
        a1, b1 = kept[-1][0] + kept[-1][2], kept[-1][1] + kept[-1][2]
        return [sum(k[3] for k in kept), sum(k[2] for k in kept), kept[0][0], a1, kept[0][1], b1, elided]

    for blk in LCSseq.editops(a, b).as_matching_blocks():
        size = blk.size
        if not size:
            continue
        ai, bi = blk.a, blk.b
        content = size - sum(1 for ch in a[ai : ai + size] if ch in stop)
        if cur is not None:
            ga, gb = ai - cur[3], bi - cur[5]
            ok_a = ga <= gap or _has_break(b_breaks, cur[5], bi)
            ok_b = gb <= gap or _has_break(a_breaks, cur[3], ai)
            if ok_a and ok_b:
                cur[0] += content
                cur[1] += size
                cur[3] = ai + size
                cur[5] = bi + size
                if max(ga, gb) > gap:
                    cur[6] += max(ga, gb) - min(ga, gb)
                chain.append((ai, bi, size, content))
                continue
            done = finished()
            if best is None or done[:2] > best[:2]:
                best = done
        cur = [content, size, ai, ai + size, bi, bi + size, 0]
        chain = [(ai, bi, size, content)]
    if cur is not None:
        done = finished()
        if best is None or done[:2] > best[:2]:
            best = done
    ca = len(a) - sum(1 for ch in a if ch in stop)
    cb = len(b) - sum(1 for ch in b if ch in stop)
    if best is None:
        return Match(0, 0, len(a), len(b), ca, cb, (0, 0), (0, 0))
    return Match(best[1], best[0], len(a), len(b), ca, cb, (best[2], best[3]), (best[4], best[5]), best[6])


def _best_align(
    a: str,
    b: str,
    a_breaks: tuple[int, ...],
    b_breaks: tuple[int, ...],
    stop: set[str] | frozenset[str],
    gap: int,
) -> Match:
    """:func:`_align`, retried inside the best window of the longer quote when the global LCS came out scattered."""
    m = _align(a, b, a_breaks, b_breaks, stop, gap)
    if (m.coverage >= 0.999 and m.density >= 0.999) or a_breaks or b_breaks:
        return m
    swap = len(a) > len(b)
    short, long_ = (b, a) if swap else (a, b)
    if not short or len(short) * 2 > len(long_):
        return m
    al = fuzz.partial_ratio_alignment(short, long_)
    if al is None:
        return m
    best = m
    cl = len(long_) - sum(1 for ch in long_ if ch in stop)
    # The exact best window first (a verbatim fragment stays dense), then one widened for insertions.
    for lo, hi in ((al.dest_start, al.dest_end), (max(0, al.dest_start - gap), al.dest_end + gap)):
        sub = _align(short, long_[lo:hi], (), (), stop, gap)
        w = Match(
            sub.matched,
            sub.content,
            len(short),
            len(long_),
            sub.content_a,
            cl,
            sub.a_span,
            (sub.b_span[0] + lo, sub.b_span[1] + lo),
        )
        w = w.swapped() if swap else w
        if (w.content, w.matched, w.density) > (best.content, best.matched, best.density):
            best = w
    return best


def _segments(n: int, breaks: tuple[int, ...]) -> list[tuple[int, int]]:
    """The runs of a wording between its marked elisions, as [start, end) word positions."""
    bounds = [0, *(b for b in breaks if 0 < b < n), n]
    return [(lo, hi) for lo, hi in pairwise(bounds) if hi > lo]


def _shortest_run(chars: str, breaks: tuple[int, ...], stop: set[str] | frozenset[str], min_content: int) -> int:
    """The shortest wording a text test may measure against: the whole, or a run between its elisions with
    ``min_content`` content words (:meth:`Clusterer._segment_matches` scores such a run alone)."""
    best = len(chars)
    if breaks:
        for lo, hi in _segments(len(chars), breaks):
            if hi - lo < best and (hi - lo) - sum(1 for ch in chars[lo:hi] if ch in stop) >= min_content:
                best = hi - lo
    return best


# --- the clusterer -------------------------------------------------------------------------------------------

_CODE_BASE = 0x100
_SURROGATES = 0xD800
_SURROGATES_END = 0xE000
_MAX_CODE = 0x10FFFF
_CAPPED = -1


def _code(i: int) -> str:
    c = _CODE_BASE + i
    if c >= _SURROGATES:
        c += _SURROGATES_END - _SURROGATES
    if c > _MAX_CODE:  # a vocabulary of more than a million words wraps (collisions only add candidates)
        c = _CODE_BASE + (c % (_MAX_CODE - _CODE_BASE))
        if _SURROGATES <= c < _SURROGATES_END:
            c += _SURROGATES_END - _SURROGATES
    return chr(c)


def pair_hash(key: str, text: str) -> str:
    """``short_hash(key, text, size=4)`` without the general JSON encoder (same bytes, hashed once per cluster)."""
    payload = "[" + _encode_json_str(key) + "," + _encode_json_str(text) + "]"
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=4).hexdigest()


def shingles_needed(shingles: int) -> int:
    """Shared shingles a candidate needs, given the shingle count of one side."""
    return min(3, max(1, round(0.2 * shingles)))


@lru_cache(maxsize=1 << 16)
def date_ordinal(value: str | None) -> int | None:
    """The day number of an ISO date (its first ten characters), or None when there is no valid date."""
    if not value:
        return None
    try:
        return _date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _is_group(p: ParsedName) -> bool:
    """A speaker that is not one named person: "aides to John Boehner", "Barack Obama and Hillary Clinton"."""
    return not p.given and " " in p.surname


class _Cluster:
    __slots__ = (
        "articles",
        "canon",
        "censored",
        "context",
        "dmax",
        "dmin",
        "id",
        "members",
        "nsh",
        "person",
        "reps",
        "seq",
        "short",
        "speaker",
    )

    def __init__(self, seq: int, cid: str) -> None:
        self.seq = seq
        self.id = cid
        self.speaker: str | None = None
        self.person: ParsedName | None = None
        self.members: list[str] = []
        self.reps: list[tuple[str, tuple[int, ...]]] = []
        self.canon = ""
        self.dmin: int | None = None
        self.dmax: int | None = None
        self.articles: list[str] = []
        self.context: frozenset[str] | None = None
        self.short = False
        self.censored = False  # a wording holds a censored word ("f***ing")
        self.nsh = 0  # indexed shingles of its longest wording


# surname -> person key -> cluster numbers, least recently touched first (a dict keeps insertion order)
_Registry = dict[str, dict[str, dict[int, None]]]


class Clusterer:
    """Incremental quote clusterer with an inverted shingle index; see the module docstring for the method.

    Parameters (defaults measured on the fixtures and the synthetic benchmark):
      threshold      share of the shorter wording that must lie in one aligned passage (fragment rule)
      min_content    content words below which a mention is a "very short fragment" (story rules apply)
      overlap_words  words of a shared passage that alone make two differently trimmed quotes one
      strong_words   words of a near-identical match needed when one side has no speaker
      gap            words an aligned passage may skip (substitutions, insertions) without an ellipsis
      story_days     how far apart (days) a short fragment may be from the cluster it joins
      shingle        words per indexed shingle
      posting_cap    clusters per shingle before the shingle is dropped as too frequent
      max_candidates clusters scored per mention (those sharing the most shingles)
      max_reps       distinct wordings kept per cluster for scoring
      speaker_scan   most recently touched clusters of one person scanned for a very short fragment
      short_scan     most recent very-short-fragment clusters of one person a longer wording may absorb
    """

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        min_content: int = 4,
        overlap_words: int = 10,
        strong_words: int = 12,
        gap: int = 4,
        story_days: int = 30,
        shingle: int = 3,
        posting_cap: int = 32,
        max_candidates: int = 8,
        max_reps: int = 6,
        speaker_scan: int = 500,
        short_scan: int = 256,
    ) -> None:
        self.threshold = threshold
        self.min_content = min_content
        self.overlap_words = overlap_words
        self.strong_words = strong_words
        self.gap = gap
        self.story_days = story_days
        self.shingle = shingle
        self.posting_cap = posting_cap
        self.max_candidates = max_candidates
        self.max_reps = max_reps
        self.speaker_scan = speaker_scan
        self.short_scan = short_scan
        self._vocab: dict[str, str] = {}  # word -> word character
        self._words: dict[str, str] = {}  # word character -> word
        self._stop: set[str] = set()  # word characters of stopwords
        self._censored: set[str] = set()  # word characters of censored words ("f***ing")
        self._postings: dict[int, int | list[int]] = {}
        self._clusters: dict[int, _Cluster] = {}
        self._by_id: dict[str, int] = {}
        self._aliases: dict[str, str] = {}
        self._people: _Registry = {}  # every cluster with a speaker
        self._shorts: _Registry = {}  # clusters founded by a very short fragment and still only that
        self._key_person: dict[str, ParsedName] = {}
        self._compat: dict[tuple[str, str], bool] = {}
        self._mentions: dict[str, int] = {}
        self._moved: dict[int, int] = {}  # merged-away cluster number -> the one that absorbed it
        self._names: dict[str, ParsedName] = {}
        self._next_seq = 0
        self._memo: tuple[str, list[int]] = ("\x00", [])
        # folded chunk -> (normalised words, word characters, content words)
        self._chunks: dict[str, tuple[str, str, int]] = {}

    # -- encoding ------------------------------------------------------------------------------------------

    def _share_caches(self, other: Clusterer) -> None:
        """Use ``other``'s word codes, chunk forms and name parses (all pure functions of their keys)."""
        self._vocab, self._words, self._stop, self._censored = other._vocab, other._words, other._stop, other._censored
        self._chunks, self._names, self._compat = other._chunks, other._names, other._compat

    def _encode(self, words: Iterable[str]) -> str:
        vocab = self._vocab
        out = []
        for w in words:
            ch = vocab.get(w)
            if ch is None:
                ch = vocab[w] = _code(len(vocab))
                self._words[ch] = w
                if w in STOPWORDS:
                    self._stop.add(ch)
                if "*" in w:
                    self._censored.add(ch)
            out.append(ch)
        return "".join(out)

    def _prepare(self, text: str) -> tuple[str, str, tuple[int, ...], int]:
        """(normalised text, word characters, breaks, content words) of a quote. A quote without brackets or
        ellipses costs one dict lookup per whitespace-separated chunk (same chunk forms as normalise_quote)."""
        folded = fold_quote(text)
        if "\x00" in folded or "[" in folded or "{" in folded:
            norm_words, toks = analyse(text, folded)
            chars = self._encode(toks.words)
            return " ".join(norm_words), chars, toks.breaks, self._content(chars)
        cache = self._chunks
        norms: list[str] = []
        parts: list[str] = []
        content = 0
        for chunk in folded.split():
            e = cache.get(chunk)
            if e is None:
                if len(cache) >= 2_000_000:
                    cache.clear()
                words, matching = chunk_forms(chunk)
                chars = self._encode(matching)
                e = cache[chunk] = (" ".join(words), chars, self._content(chars))
            if e[0]:
                norms.append(e[0])
            parts.append(e[1])
            content += e[2]
        return " ".join(norms), "".join(parts), (), content

    def _decode(self, chars: str) -> list[str]:
        return [self._words[c] for c in chars]

    def _content(self, chars: str) -> int:
        stop = self._stop
        return len(chars) - sum(1 for ch in chars if ch in stop)

    def _shingles(self, chars: str) -> list[int]:
        """Keys of the word 3-grams (shingle=3) that contain a content word; memoised for the last quote."""
        memo = self._memo
        if memo[0] == chars:
            return memo[1]
        k = self.shingle
        n = len(chars) - k + 1
        if n <= 0:
            keys: list[int] = []
        else:
            o = [ord(c) for c in chars]
            stop = self._stop
            content = [c not in stop for c in chars]
            if k == 3:
                keys = [
                    (o[i] << 42) | (o[i + 1] << 21) | o[i + 2]
                    for i in range(n)
                    if content[i] or content[i + 1] or content[i + 2]
                ]
            else:
                keys = []
                for i in range(n):
                    if any(content[i : i + k]):
                        key = 0
                        for x in o[i : i + k]:
                            key = (key << 21) | x
                        keys.append(key)
        self._memo = (chars, keys)
        return keys

    def _parse(self, speaker: str | None) -> ParsedName | None:
        if not speaker:
            return None
        p = self._names.get(speaker)
        if p is None:
            p = self._names[speaker] = parse_name(speaker)
        return p if p.surname else None

    def _compatible(self, a: ParsedName, b: ParsedName) -> bool:
        key = (a.key, b.key)
        ok = self._compat.get(key)
        if ok is None:
            if len(self._compat) > 1_000_000:
                self._compat.clear()
            ok = self._compat[key] = compatible(a, b)
        return ok

    # -- index maintenance ---------------------------------------------------------------------------------

    def _index(self, cluster: _Cluster, chars: str) -> None:
        seq = cluster.seq
        postings = self._postings
        cap = self.posting_cap
        keys = self._shingles(chars)[::2]
        cluster.nsh = max(cluster.nsh, len(keys))
        for key in keys:
            cur = postings.get(key)
            if cur is None:
                postings[key] = seq
            elif isinstance(cur, int):
                if cur != seq and cur != _CAPPED:
                    postings[key] = [cur, seq]
            elif seq not in cur:
                if len(cur) >= cap:
                    postings[key] = _CAPPED
                else:
                    cur.append(seq)

    def _reindex(self, src: _Cluster, dst: _Cluster) -> None:
        """Point the postings of ``src``'s wordings at ``dst`` (after a merge)."""
        for chars, _ in src.reps:
            for key in self._shingles(chars)[::2]:
                cur = self._postings.get(key)
                if isinstance(cur, int):
                    if cur == src.seq:
                        self._postings[key] = dst.seq
                elif cur is not None and src.seq in cur:
                    fixed = sorted({dst.seq if s == src.seq else s for s in cur})
                    self._postings[key] = fixed[0] if len(fixed) == 1 else fixed

    def _candidates(self, chars: str) -> list[int]:
        """Clusters sharing enough indexed shingles with ``chars``, most shared first (at most max_candidates).

        A cluster indexes every second shingle of its wordings (half the postings; any run of 4+ shared
        words still contains one) and a query looks up all of its own. "Enough" is a fifth of the smaller
        side's indexed shingles, at least 1 and at most 3: a chance shared phrase ("of the war") does not
        cost an alignment, a five-word fragment still gets one.
        """
        keys = self._shingles(chars)
        hits: list[int] = []
        for cur in map(self._postings.get, keys):
            if cur is None or cur == _CAPPED:
                continue
            if isinstance(cur, int):
                hits.append(cur)
            else:
                hits.extend(cur)
        counts: dict[int, int] = Counter(hits)  # counted in C: a query meets hundreds of postings
        if self._moved:
            live: dict[int, int] = {}
            for seq, n in counts.items():
                while seq in self._moved:  # a posting left behind by a replaced wording of a merged cluster
                    seq = self._moved[seq]
                live[seq] = live.get(seq, 0) + n
            counts = live
        need_q = shingles_needed((len(keys) + 1) // 2)
        clusters = self._clusters
        kept = [(s, n) for s, n in counts.items() if n >= need_q or n >= shingles_needed(clusters[s].nsh)]
        if len(kept) <= self.max_candidates:
            return [s for s, _ in sorted(kept, key=lambda kv: (-kv[1], kv[0]))]
        return [s for s, _ in heapq.nsmallest(self.max_candidates, kept, key=lambda kv: (-kv[1], kv[0]))]

    def _register(self, registry: _Registry, c: _Cluster) -> None:
        """Add (or move to most recent) ``c`` in a speaker registry."""
        if c.person is None:
            return
        bucket = registry.setdefault(c.person.surname, {}).setdefault(c.person.key, {})
        bucket.pop(c.seq, None)
        bucket[c.seq] = None
        self._key_person.setdefault(c.person.key, c.person)

    def _unregister(self, registry: _Registry, c: _Cluster) -> None:
        if c.person is None:
            return
        by_key = registry.get(c.person.surname)
        if by_key is not None and c.person.key in by_key:
            seqs = by_key[c.person.key]
            seqs.pop(c.seq, None)
            if not seqs:  # keep "no entry" meaning "nothing to scan"
                del by_key[c.person.key]
                if not by_key:
                    del registry[c.person.surname]

    def _recent(self, registry: _Registry, person: ParsedName, day: int | None, limit: int) -> list[_Cluster]:
        """Clusters of people compatible with ``person``, most recently touched first, inside the story window."""
        out: list[_Cluster] = []
        for key, seqs in registry.get(person.surname, {}).items():
            if not seqs or not self._compatible(person, self._key_person[key]):
                continue
            for n, seq in enumerate(reversed(seqs)):
                c = self._clusters[seq]
                if n >= limit or (day is not None and c.dmax is not None and c.dmax < day - self.story_days):
                    break  # touched in date order: everything older is out of the story window too
                out.append(c)
        return out

    # -- scoring -------------------------------------------------------------------------------------------

    def _repair(self, a: str, b: str) -> tuple[str, str]:
        """Let a censored word ("f***ing") stand for the word it hides in the other quote ("fucking")."""
        cens = self._censored
        if not cens or not (cens.intersection(a) or cens.intersection(b)):
            return a, b

        def fix(x: str, y: str) -> str:
            out = list(x)
            for i, ch in enumerate(x):
                if ch not in cens:
                    continue
                parts = re.split(r"\*+", self._words[ch])
                pattern = re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$")
                for other in dict.fromkeys(y):
                    if other != ch and pattern.match(self._words[other]):
                        out[i] = other
                        break
            return "".join(out)

        a2 = fix(a, b)
        return a2, fix(b, a2)

    def _match(self, a: str, a_breaks: tuple[int, ...], cluster: _Cluster) -> Match:
        best = _NO_MATCH
        for chars, breaks in cluster.reps:
            x, y = self._repair(a, chars)
            m = self._align_runs(x, y, a_breaks, breaks)
            if (m.content, m.coverage) > (best.content, best.coverage):
                best = m
        return best

    def _align_runs(self, a: str, b: str, a_breaks: tuple[int, ...], b_breaks: tuple[int, ...]) -> Match:
        """The wordings' best alignment; when it passes no text test and a side is stitched from runs joined by
        elisions, the best run that passes one, measured alone (:meth:`Clusterer._segment_matches`)."""
        m = _best_align(a, b, a_breaks, b_breaks, self._stop, self.gap)
        if not (a_breaks or b_breaks) or self._text_ok(m, strong=False) or self._text_ok(m, strong=True):
            return m
        runs = self._segment_matches(a, b, a_breaks, b_breaks)
        passing = [r for r in runs if self._text_ok(r, strong=False) or self._text_ok(r, strong=True)]
        return max(passing, key=lambda r: (r.content, r.coverage), default=m)

    def _segment_matches(self, a: str, b: str, a_breaks: tuple[int, ...], b_breaks: tuple[int, ...]) -> list[Match]:
        """Each run of a stitched wording ("… critical ... the issuing of permits …") aligned alone against the other.

        An outlet that joins two passages with an ellipsis prints each as a verbatim fragment; measured whole, the
        stitched wording covers too little of either source passage. A run with ``min_content`` content words or more
        is scored as its own fragment (its Match's length is the run's), in the coordinates of the whole wording.
        """
        stop, gap, min_content = self._stop, self.gap, self.min_content
        out: list[Match] = []
        for swap, (x, y, x_breaks, y_breaks) in enumerate(((a, b, a_breaks, b_breaks), (b, a, b_breaks, a_breaks))):
            if not x_breaks:
                continue
            runs = _segments(len(x), x_breaks)
            if len(runs) < 2:
                continue
            for lo, hi in runs:
                seg = x[lo:hi]
                seg_content = len(seg) - sum(1 for ch in seg if ch in stop)
                if seg_content < min_content:
                    continue
                sub = _best_align(seg, y, (), y_breaks, stop, gap)
                m = Match(
                    sub.matched,
                    sub.content,
                    hi - lo,
                    len(y),
                    seg_content,
                    sub.content_b,
                    (sub.a_span[0] + lo, sub.a_span[1] + lo),
                    sub.b_span,
                    sub.elided,
                )
                out.append(m.swapped() if swap else m)
        return out

    def _may_match(self, chars: str, cluster: _Cluster, breaks: tuple[int, ...] | None = None) -> bool:
        """Whether a wording of ``cluster`` shares enough words, in order, with ``chars`` for :meth:`_text_ok` to
        pass in any mode. Every aligned passage (``matched``) is a common subsequence, so the longest common
        subsequence bounds it from above: one C++ call that rules out the chance candidates (clusters sharing
        a common phrase) before the word alignment, whose number would otherwise grow with the index."""
        if cluster.censored or (self._censored and not self._censored.isdisjoint(chars)):
            return True  # a censored word may stand for another word: only the alignment knows
        n = len(chars)
        for rep, rep_breaks in cluster.reps:
            shortest = min(
                n if breaks is None else _shortest_run(chars, breaks, self._stop, self.min_content),
                _shortest_run(rep, rep_breaks, self._stop, self.min_content),
            )
            need = min(self.overlap_words, math.ceil(self.threshold * shortest - 1e-9))
            if need <= 0 or LCSseq.similarity(chars, rep, score_cutoff=need) >= need:
                return True
        return False

    def _text_ok(self, m: Match, *, strong: bool) -> bool:
        if strong:
            return m.matched >= self.strong_words and m.coverage >= 0.9 and m.density >= 0.85
        fragment = (
            m.shorter_content >= self.min_content
            and m.coverage >= self.threshold
            and m.content_coverage >= self.threshold - 0.05
            and m.density >= 0.6
        )
        overlap = m.matched >= self.overlap_words and m.content >= 3 and m.density >= 0.85
        return fragment or overlap

    def _same_story(self, c: _Cluster, day: int | None, article_id: str | None, context: frozenset[str] | None) -> bool:
        if article_id is not None and article_id in c.articles:
            return True
        shared_terms = None if not context or not c.context else len(context & c.context)
        if day is not None and c.dmin is not None and c.dmax is not None:
            if not c.dmin - self.story_days <= day <= c.dmax + self.story_days:
                return False
            return shared_terms is None or shared_terms >= 1
        return shared_terms is not None and shared_terms >= 2

    def _group_allows(self, person: ParsedName | None, group: list[_Cluster]) -> list[_Cluster]:
        """Apply the surname rule: a bare surname joins a full name only if that name is unique in the group."""
        if person is None:
            return group
        fulls = [c for c in group if c.person is not None and not c.person.is_surname_only]
        if person.is_surname_only:
            idx = NameIndex(c.speaker for c in fulls if c.person is not None and c.person.surname == person.surname)
            if len(idx.persons_with_surname(person.surname)) > 1:
                return [c for c in group if c.person is None or c.person.is_surname_only]
            return group
        out = []
        for c in group:
            if c.person is not None and c.person.is_surname_only:
                surname = c.person.surname
                if any(
                    f.person is not None and f.person.surname == surname and not self._compatible(person, f.person)
                    for f in fulls
                ):
                    continue
            out.append(c)
        return out

    # -- public API ----------------------------------------------------------------------------------------

    def add(
        self,
        mention_id: str,
        text: str,
        speaker: str | None,
        *,
        date: str | None = None,
        article_id: str | None = None,
        outlet: str | None = None,
        context: Iterable[str] | None = None,
        bridge: bool = True,
    ) -> str:
        """Place one mention; returns the id of the cluster it joined or founded (idempotent per mention id).

        ``outlet`` is accepted for symmetry with the store and not used for matching. ``context``: optional
        story terms of the mention's article (see :func:`story_terms`) that help decide whether a very short
        fragment belongs to the same story as an existing cluster. ``bridge=False`` stops the mention from
        merging existing clusters it overlaps, or absorbing short fragments (for mentions assembled from
        several quotations, which show no more than that the outlet printed them near each other); it then
        joins the best one.
        """
        known = self._mentions.get(mention_id)
        if known is not None:
            return self._clusters[known].id
        speaker = (speaker or "").strip() or None
        person = self._parse(speaker)
        if person is None:
            speaker = None
        norm, chars, breaks, content = self._prepare(text)
        day = date_ordinal(date)
        ctx = frozenset(context) if context is not None else None

        target: _Cluster | None = None
        merge: list[_Cluster] = []
        if content >= self.min_content:
            target, merge = self._place(chars, breaks, person)
        elif person is not None and content > 0:
            target = self._place_short(chars, person, day, article_id, ctx)

        if target is None:
            target = self._create(person, norm)
        for other in merge if bridge else ():
            target = self._merge(target, other)
        self._join(target, mention_id, norm, chars, breaks, speaker, person, day, article_id, ctx, content)
        if bridge and person is not None and content >= self.min_content:
            target = self._absorb_short(target, chars, person, day, article_id, ctx)
        return target.id

    def _place(
        self, chars: str, breaks: tuple[int, ...], person: ParsedName | None
    ) -> tuple[_Cluster | None, list[_Cluster]]:
        group = [self._clusters[s] for s in self._candidates(chars)]
        if not group:
            return None, []
        scored: list[tuple[Match, _Cluster]] = []
        for c in self._group_allows(person, group):
            if person is None or c.person is None:
                strong = not (person is None and c.person is None)
            elif not self._compatible(person, c.person):
                # Outlets may disagree on who said a long passage (the lawyer, or his client; the senators, or
                # the outlet that printed their letter); a near-identical passage of strong_words or more is still
                # one utterance: wording first. Short words never cross speakers, nor do proxies and joint
                # attributions ("aides to X", "X and Y": several words and no given name).
                if _is_group(person) or _is_group(c.person):
                    continue
                strong = True
            else:
                strong = False
            if not self._may_match(chars, c, breaks):
                continue
            m = self._match(chars, breaks, c)
            if self._text_ok(m, strong=strong):
                scored.append((m, c))
        if not scored:
            return None, []
        scored.sort(key=lambda mc: (-mc[0].score, mc[1].seq))
        best_m, best = scored[0]
        merge: list[_Cluster] = []
        used = [best_m.a_span]
        for m, c in scored[1:]:
            lo, hi = m.a_span
            overlap = max((min(hi, u1) - max(lo, u0) for u0, u1 in used), default=0)
            if overlap <= 0.2 * (hi - lo) and m.matched >= 3:
                # The mention bridges two passages printed separately elsewhere: one passage after all.
                if best.person is None or c.person is None or self._compatible(best.person, c.person):
                    merge.append(c)
                    used.append(m.a_span)
            elif not merge and m.score >= best_m.score - 1.0 and best_m.len_a <= best_m.len_b and m.len_a <= m.len_b:
                # A fragment that fits two clusters of the same speaker equally well: do not guess.
                return None, []
        return best, merge

    def _place_short(
        self,
        chars: str,
        person: ParsedName,
        day: int | None,
        article_id: str | None,
        ctx: frozenset[str] | None,
    ) -> _Cluster | None:
        group: list[_Cluster] = []
        censored = bool(self._censored) and not self._censored.isdisjoint(chars)
        for c in self._recent(self._people, person, day, self.speaker_scan):
            # Verbatim, and at one place only: "right" inside "the right candidate ... my right to run" could
            # be either, so it is no evidence.
            places = set()
            for rep, _ in c.reps:
                x, y = self._repair(chars, rep) if censored or c.censored else (chars, rep)
                places.add(y.count(x) or (x.count(y) if c.short else 0))
            if places - {0} == {1} and self._same_story(c, day, article_id, ctx):
                group.append(c)
        unique = {c.seq: c for c in self._group_allows(person, group)}
        return next(iter(unique.values())) if len(unique) == 1 else None

    def _absorb_short(
        self,
        target: _Cluster,
        chars: str,
        person: ParsedName,
        day: int | None,
        article_id: str | None,
        ctx: frozenset[str] | None,
    ) -> _Cluster:
        """A longer wording arrives after its very short fragment founded a cluster: make them one."""
        if person.surname not in self._shorts:
            return target
        censored = bool(self._censored) and not self._censored.isdisjoint(chars)
        for c in self._recent(self._shorts, person, day, self.short_scan):
            if c is target or c.seq not in self._clusters:
                continue
            # At one place only, in this wording and in every wording of the cluster it joins (see _place_short).
            found = False
            for rep, _ in c.reps:
                x = self._repair(rep, chars)[0] if censored or c.censored else rep
                if chars.count(x) == 1 and all(r.count(x) <= 1 for r, _ in target.reps):
                    found = True
                    break
            if found and self._same_story(c, day, article_id, ctx):
                target = self._merge(target, c)
        return target

    def _new_id(self, person: ParsedName | None, norm: str) -> str:
        key = person.key if person is not None else ""
        cid = "q" + pair_hash(key, norm)
        n = 0
        while cid in self._by_id or cid in self._aliases:
            n += 1
            cid = "q" + short_hash(key, norm, n, size=5)
        return cid

    def _create(self, person: ParsedName | None, norm: str) -> _Cluster:
        seq = self._next_seq
        self._next_seq += 1
        c = _Cluster(seq, self._new_id(person, norm))
        self._clusters[seq] = c
        self._by_id[c.id] = seq
        return c

    def _set_speaker(self, c: _Cluster, speaker: str, person: ParsedName) -> None:
        """Adopt ``speaker`` as the cluster's name when it is fuller than the current one."""
        if c.speaker == speaker:
            return
        # A passage credited to someone else (joined as near-identical) does not change whose it is.
        if (
            c.speaker is not None
            and c.person is not None
            and (fullness(speaker) <= fullness(c.speaker) or not self._compatible(person, c.person))
        ):
            return
        self._unregister(self._people, c)
        if c.short:
            self._unregister(self._shorts, c)
        c.speaker, c.person = speaker, person
        self._register(self._people, c)
        if c.short:
            self._register(self._shorts, c)

    def _join(
        self,
        c: _Cluster,
        mention_id: str,
        norm: str,
        chars: str,
        breaks: tuple[int, ...],
        speaker: str | None,
        person: ParsedName | None,
        day: int | None,
        article_id: str | None,
        ctx: frozenset[str] | None,
        content: int,
    ) -> None:
        first = not c.members
        c.members.append(mention_id)
        self._mentions[mention_id] = c.seq
        if len(norm) > len(c.canon):
            c.canon = norm
        if day is not None:
            c.dmin = day if c.dmin is None else min(c.dmin, day)
            c.dmax = day if c.dmax is None else max(c.dmax, day)
        if article_id is not None and article_id not in c.articles:
            c.articles.append(article_id)
        if ctx:
            c.context = ctx if c.context is None else (c.context | ctx if len(c.context) < 48 else c.context)
        if first and 0 < content < self.min_content and person is not None:
            c.short = True
        elif c.short and content >= self.min_content:
            self._unregister(self._shorts, c)
            c.short = False
        if speaker is not None and person is not None:
            self._set_speaker(c, speaker, person)
        self._register(self._people, c)  # most recently touched
        if c.short:
            self._register(self._shorts, c)
        self._add_rep(c, chars, breaks)

    def _add_rep(self, c: _Cluster, chars: str, breaks: tuple[int, ...]) -> None:
        if not chars:
            if not c.reps:
                c.reps.append((chars, breaks))
            return
        for i, (rep, _) in enumerate(c.reps):
            if chars in rep:
                return
            if rep in chars:
                c.reps[i] = (chars, breaks)
                self._index(c, chars)
                break
        else:
            if len(c.reps) < self.max_reps:
                c.reps.append((chars, breaks))
                self._index(c, chars)
        if self._censored and not c.censored and not self._censored.isdisjoint(chars):
            c.censored = True

    def _merge(self, a: _Cluster, b: _Cluster) -> _Cluster:
        """Fold the younger cluster into the older; the older keeps its id, the younger's becomes an alias."""
        if a is b:
            return a
        keep, gone = (a, b) if a.seq < b.seq else (b, a)
        self._reindex(gone, keep)
        self._unregister(self._people, gone)
        self._unregister(self._shorts, gone)
        for mid in gone.members:
            self._mentions[mid] = keep.seq
        keep.members.extend(gone.members)
        if len(gone.canon) > len(keep.canon):
            keep.canon = gone.canon
        for d in (gone.dmin, gone.dmax):
            if d is not None:
                keep.dmin = d if keep.dmin is None else min(keep.dmin, d)
                keep.dmax = d if keep.dmax is None else max(keep.dmax, d)
        keep.articles.extend(x for x in gone.articles if x not in keep.articles)
        if gone.context:
            keep.context = gone.context if keep.context is None else keep.context | gone.context
        if keep.short and not gone.short:
            self._unregister(self._shorts, keep)
            keep.short = False
        if gone.speaker is not None and gone.person is not None:
            self._set_speaker(keep, gone.speaker, gone.person)
        for chars, breaks in gone.reps:
            self._add_rep(keep, chars, breaks)
        del self._clusters[gone.seq]
        del self._by_id[gone.id]
        self._moved[gone.seq] = keep.seq
        self._aliases[gone.id] = keep.id
        for alias, target in list(self._aliases.items()):
            if target == gone.id:
                self._aliases[alias] = keep.id
        return keep

    # -- queries -------------------------------------------------------------------------------------------

    def clusters(self) -> dict[str, list[str]]:
        """Cluster id -> member mention ids (join order; a merged cluster's members follow), by creation."""
        return {c.id: list(c.members) for c in sorted(self._clusters.values(), key=lambda c: c.seq)}

    def assignments(self) -> dict[str, str]:
        """Mention id -> cluster id."""
        return {mid: self._clusters[seq].id for mid, seq in self._mentions.items()}

    def cluster_of(self, mention_id: str) -> str | None:
        seq = self._mentions.get(mention_id)
        return None if seq is None else self._clusters[seq].id

    def resolve(self, cluster_id: str) -> str | None:
        """The live id for ``cluster_id`` (merged-away ids point to the cluster that absorbed them)."""
        if cluster_id in self._by_id:
            return cluster_id
        return self._aliases.get(cluster_id)

    def _get(self, cluster_id: str) -> _Cluster:
        cid = self.resolve(cluster_id)
        if cid is None:
            raise KeyError(cluster_id)
        return self._clusters[self._by_id[cid]]

    def canonical_text(self, cluster_id: str) -> str:
        """The fullest wording of a cluster: its longest member after normalisation."""
        return self._get(cluster_id).canon

    def speaker(self, cluster_id: str) -> str | None:
        """The fullest speaker name printed for the cluster's members."""
        return self._get(cluster_id).speaker

    def __len__(self) -> int:
        return len(self._clusters)

    # -- persistence ---------------------------------------------------------------------------------------

    def params(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "min_content": self.min_content,
            "overlap_words": self.overlap_words,
            "strong_words": self.strong_words,
            "gap": self.gap,
            "story_days": self.story_days,
            "shingle": self.shingle,
            "posting_cap": self.posting_cap,
            "max_candidates": self.max_candidates,
            "max_reps": self.max_reps,
            "speaker_scan": self.speaker_scan,
            "short_scan": self.short_scan,
        }

    def to_state(self) -> dict[str, Any]:
        """A JSON-serialisable snapshot from which :meth:`from_state` rebuilds the index (no re-clustering).

        Clusters are listed in least-recently-touched order so the restored speaker registries keep their
        recency; ``seq`` keeps creation order (ids and tie-breaks).
        """
        order: dict[int, int] = {}
        for by_key in self._people.values():
            for seqs in by_key.values():
                for seq in seqs:
                    order.setdefault(seq, len(order))
        ranked = sorted(self._clusters.values(), key=lambda c: (c.seq not in order, order.get(c.seq, 0), c.seq))
        clusters = []
        for c in ranked:
            clusters.append(
                {
                    "id": c.id,
                    "seq": c.seq,
                    "speaker": c.speaker,
                    "members": list(c.members),
                    "canon": c.canon,
                    "reps": [[" ".join(self._decode(chars)), list(breaks)] for chars, breaks in c.reps],
                    "dmin": c.dmin,
                    "dmax": c.dmax,
                    "articles": list(c.articles),
                    "context": sorted(c.context) if c.context is not None else None,
                    "short": c.short,
                }
            )
        return {
            "version": STATE_VERSION,
            "params": self.params(),
            "next_seq": self._next_seq,
            "clusters": clusters,
            "aliases": dict(sorted(self._aliases.items())),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Clusterer:
        """Restore a clusterer saved with :meth:`to_state`; later :meth:`add` calls continue incrementally."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported clusterer state version: {state.get('version')!r}")
        self = cls(**state.get("params", {}))
        records = state["clusters"]
        for d in sorted(records, key=lambda d: int(d["seq"])):
            c = _Cluster(int(d["seq"]), d["id"])
            person = self._parse(d["speaker"])
            if person is not None:
                c.speaker, c.person = d["speaker"], person
            c.members = list(d["members"])
            c.canon = d["canon"]
            c.dmin, c.dmax = d["dmin"], d["dmax"]
            c.articles = list(d["articles"])
            c.context = frozenset(d["context"]) if d.get("context") is not None else None
            c.short = bool(d.get("short"))
            self._clusters[c.seq] = c
            self._by_id[c.id] = c.seq
            for mid in c.members:
                self._mentions[mid] = c.seq
            for words, breaks in d["reps"]:
                chars = self._encode(words.split())
                c.reps.append((chars, tuple(int(b) for b in breaks)))
                self._index(c, chars)
                c.censored = c.censored or not self._censored.isdisjoint(chars)
        for d in records:  # recency order, as saved
            c = self._clusters[int(d["seq"])]
            self._register(self._people, c)
            if c.short:
                self._register(self._shorts, c)
        self._aliases = dict(state.get("aliases", {}))
        self._next_seq = int(state.get("next_seq", len(self._clusters)))
        return self


def match_quotes(a: str, b: str) -> Match:
    """Word alignment of two quotes (for inspection and tests); same normalisation as the clusterer."""
    c = Clusterer()
    ta, tb = quote_tokens(a), quote_tokens(b)
    ca, cb = c._encode(ta.words), c._encode(tb.words)
    ca, cb = c._repair(ca, cb)
    return _best_align(ca, cb, ta.breaks, tb.breaks, c._stop, c.gap)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many mentions are clustered.

    The clusterer builds millions of small long-lived containers (postings, wordings) and no reference
    cycles; each full collection walks all of them, which costs a fifth of the clustering time at 100k
    mentions and grows with the index. Reference counting still frees everything as usual.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _order_key(item: tuple[Mention, Article]) -> tuple[bool, str, str, int, str]:
    m, a = item
    return (a.date is None, a.date or "", a.id, m.start if m.spans else 0, m.id)


def cluster_mentions(items: Iterable[tuple[Mention, Article]], clusterer: Clusterer | None = None) -> dict[str, str]:
    """Cluster mentions: without ``clusterer``, as a function of the set (:class:`CorpusClusterer`); with one,
    incrementally in a deterministic order (article date, article id, start offset; undated last).

    Returns mention id -> cluster id.
    """
    if clusterer is None:
        pairs = list(items)
        terms_of = {a.id: a for _, a in pairs}
        ctx: dict[str, frozenset[str]] = {}

        def context(aid: str) -> frozenset[str]:
            if aid not in ctx:
                ctx[aid] = story_terms(terms_of[aid])
            return ctx[aid]

        pieces = [
            Piece(m.id, elided_text(m, a.text), m.speaker, a.date, a.id, m.start if m.spans else 0) for m, a in pairs
        ]
        got = cluster_pieces(pieces, context=context)
        return {m.id: got[m.id] for m, _ in sorted(pairs, key=_order_key)}
    cl = clusterer
    terms: dict[str, frozenset[str]] = {}
    ordered = sorted(items, key=_order_key)
    with paused_gc():
        for m, a in ordered:
            if a.id not in terms:
                terms[a.id] = story_terms(a)
            words = elided_text(m, a.text)
            cl.add(m.id, words, m.speaker, date=a.date, article_id=a.id, outlet=a.outlet, context=terms[a.id])
    return {m.id: cl.cluster_of(m.id) or "" for m, _ in ordered}


# --- clustering as a function of the corpus ------------------------------------------------------------------
#
# The incremental Clusterer above decides each mention against the clusters that exist when it arrives, so its
# result depends on arrival order. The corpus clusterer below makes clusters and ids a function of the SET of
# pieces only:
#
# 1. Wordings (distinct matching-word strings of pieces with at least ``min_content`` content words) are LINKED
#    when they share an indexed shingle and their word alignment passes the clusterer's text test, whoever is
#    credited. The relation is symmetric and decided on the two wordings alone (a canonical orientation, hashes
#    of the words rather than arrival-numbered codes, shingles sampled by winnowing so both sides sample the same).
#    A shingle held by more than ``hot_cap`` wordings is too common to link anything; whether it is depends on
#    the set, and the wordings it touches are re-linked when that changes.
# 2. A BLOCK is a connected component of links. Each block is solved on its own by a fresh Clusterer fed its
#    pieces in canonical order (date, article id, offset, piece id): :func:`solve_block` is pure, so blocks can be
#    solved in any order, in parallel, and merged.
# 3. Very short pieces (fewer content words) join the one cluster of a compatible speaker from the same story that
#    holds them verbatim at one place; the rest are grouped among themselves, per surname, in canonical order.
# 4. A cluster's id is a hash of its founding piece (the first in canonical order): adding articles that do not
#    touch a cluster, or that only add later pieces to it, keeps its id.


@dataclass(frozen=True, slots=True)
class Piece:
    """One unit the corpus clusterer places: a quoted piece with its article attribution and position."""

    id: str
    text: str
    speaker: str | None = None
    date: str | None = None
    article_id: str = ""
    start: int = 0

    @property
    def order(self) -> tuple[bool, str, str, int, str]:
        """Canonical order: dated first (earliest first), then article id, offset and piece id."""
        return (self.date is None, self.date or "", self.article_id, self.start, self.id)


def cluster_id_for(founder: str, prefix: str = "q") -> str:
    """The id of the cluster founded by piece ``founder`` (content-derived: no counter, no arrival order)."""
    return prefix + hashlib.blake2b(founder.encode("utf-8"), digest_size=6).hexdigest()


ContextLoader = Callable[[str], "frozenset[str] | None"]


def solve_block(
    pieces: Iterable[Piece],
    context: ContextLoader | None = None,
    params: dict[str, Any] | None = None,
    caches: Clusterer | None = None,
) -> list[list[Piece]]:
    """Cluster one block: a fresh :class:`Clusterer` fed the pieces in canonical order. Pure and deterministic:
    the same set of pieces always gives the same clusters (each listed in canonical order, founder first).

    ``caches``: a clusterer whose word codes and name parses are reused (codes are only ever compared for
    equality, so the result does not depend on which codes the words got)."""
    ordered = sorted(pieces, key=lambda p: p.order)
    if len(ordered) == 1:
        return [ordered]
    cl = Clusterer(**(params or {}))
    if caches is not None:
        cl._share_caches(caches)
    by_id = {p.id: p for p in ordered}
    with paused_gc():
        for p in ordered:
            cl.add(
                p.id,
                p.text,
                p.speaker,
                date=p.date,
                article_id=p.article_id,
                context=context(p.article_id) if context is not None else None,
            )
    groups = [sorted((by_id[m] for m in members), key=lambda p: p.order) for members in cl.clusters().values()]
    return sorted(groups, key=lambda g: g[0].order)


class _Wording:
    __slots__ = ("breaks", "chars", "keys", "pieces", "sortkey")

    def __init__(self, chars: str, breaks: tuple[int, ...], keys: tuple[int, ...], sortkey: str) -> None:
        self.chars = chars
        self.breaks = breaks
        self.keys = keys
        self.sortkey = sortkey
        self.pieces: set[str] = set()


class PieceRecord:
    """A piece as the corpus clusterer keeps it: the piece, its wording key, matching characters and day."""

    __slots__ = ("chars", "day", "piece", "wording")

    def __init__(self, piece: Piece, wording: str | None, chars: str, day: int | None) -> None:
        self.piece = piece
        self.wording = wording  # key of its wording, or None for a short piece
        self.chars = chars
        self.day = day


class _CInfo:
    """What the short-piece rules need to know about a cluster of long pieces."""

    __slots__ = ("articles", "censored", "ctx", "dmax", "dmin", "id", "person", "reps", "speaker", "weeks")

    def __init__(self, cid: str) -> None:
        self.id = cid
        self.speaker: str | None = None
        self.person: ParsedName | None = None
        self.reps: list[str] = []
        self.dmin: int | None = None
        self.dmax: int | None = None
        self.articles: set[str] = set()
        self.ctx: frozenset[str] | None = None
        self.weeks: list[tuple[str, int]] = []
        self.censored = False  # a wording holds a censored word ("f***ing")


_FIVE = 0x5F5F5F5F5F  # marks 5-gram keys apart from 3-gram ones
_NO_LINKS: set[str] = set()  # shared by every wording without links; never mutated (replaced on the first link)
_WEEK = 7
_WIDE = -1  # week bucket of undated clusters and clusters spanning too many weeks: always scanned


class CorpusClusterer:
    """Clusters and ids as a function of the set of pieces (see the comment above); incremental by blocks.

    :meth:`update` adds and removes pieces and returns every piece whose cluster id changed. The whole
    state is derived from the pieces (and, on :meth:`load`, the stored assignments they were given by this
    same function), so nothing needs to be saved beside the membership itself.
    """

    def __init__(
        self, *, prefix: str = "q", hot_cap: int = 48, context: ContextLoader | None = None, **params: Any
    ) -> None:
        self.prefix = prefix
        self.hot_cap = hot_cap
        self.params = params
        self._enc = Clusterer(**params)  # encoder, aligner and the text rules
        self._context_loader = context
        self._ctx_cache: dict[str, frozenset[str] | None] = {}
        self._recs: dict[str, PieceRecord] = {}
        self._wordings: dict[str, _Wording] = {}
        self._postings: dict[int, str | list[str]] = {}  # key -> the wording holding it, or the list of them
        self._hot: dict[int, int] = {}  # hot key -> number of wordings holding it
        self._links: dict[str, set[str]] = {}  # wording -> linked wordings (computed lazily, cached)
        self._assign: dict[str, str] = {}  # piece -> cluster id
        self._members: dict[str, set[str]] = {}  # cluster id -> pieces
        self._clusters: dict[str, _CInfo] = {}  # clusters holding long pieces
        self._by_week: dict[tuple[str, int], set[str]] = {}  # (surname, week) -> clusters of long pieces
        # short pieces with a speaker, by (surname, wording); those with a censored word by surname
        self._short_keys: dict[tuple[str, str], set[str]] = {}
        self._short_words: dict[tuple[str, str], set[str]] = {}  # (surname, word) -> short wordings holding it
        self._short_lens: dict[str, Counter[int]] = {}  # surname -> lengths (words) of its short wordings
        self._censored_shorts: dict[str, set[str]] = {}
        self._word_hash: dict[str, int] = {}
        self.aliases: dict[str, str] = {}  # after an update: ids it retired -> where their pieces went
        self._names: dict[str, ParsedName | None] = {}

    # -- derived per piece -----------------------------------------------------------------------------------

    def _person(self, speaker: str | None) -> ParsedName | None:
        return self._enc._parse(speaker)

    def _context(self, article_id: str) -> frozenset[str] | None:
        if self._context_loader is None:
            return None
        if article_id not in self._ctx_cache:
            if len(self._ctx_cache) > 100_000:
                self._ctx_cache.clear()
            self._ctx_cache[article_id] = self._context_loader(article_id)
        return self._ctx_cache[article_id]

    def _keys(self, chars: str) -> tuple[int, ...]:
        """Winnowed shingle hashes of a wording: hashes of the words (not of arrival-numbered codes), so both
        sides of a pair sample the same shingles of the passage they share. Word 3-grams (every run of four words
        shares one), and word 5-grams, which stay rare where common phrases make the 3-grams too frequent to
        link anything (a five-word fragment still finds its source)."""
        wh = self._word_hash
        words = self._enc._words
        hs: list[int] = []
        for ch in chars:
            if ch not in wh:
                wh[ch] = zlib.crc32(words[ch].encode("utf-8"))
        stop = self._enc._stop
        for i in range(len(chars) - 2):
            a, b, c = chars[i], chars[i + 1], chars[i + 2]
            if a in stop and b in stop and c in stop:
                continue
            hs.append(((wh[a] * 1_000_003) ^ wh[b]) * 1_000_003 ^ wh[c])
        keys = set(hs) if len(hs) <= 1 else {min(hs[i], hs[i + 1]) for i in range(len(hs) - 1)}
        h5 = [
            (((hs3 * 1_000_003) ^ wh[chars[i + 3]]) * 1_000_003 ^ wh[chars[i + 4]]) ^ _FIVE
            for i, hs3 in enumerate(
                ((wh[chars[j]] * 1_000_003) ^ wh[chars[j + 1]]) * 1_000_003 ^ wh[chars[j + 2]]
                for j in range(len(chars) - 4)
            )
        ]
        if len(h5) <= 2:
            keys.update(h5)
        else:
            keys.update(min(h5[i : i + 3]) for i in range(len(h5) - 2))
        return tuple(sorted(keys))

    def _register(self, piece: Piece) -> PieceRecord:
        _, chars, breaks, content = self._enc._prepare(piece.text)
        person = self._person(piece.speaker)
        wkey: str | None = None
        enc = self._enc
        # a wording that may pass a text rule takes part in links: enough content words for the fragment rule, or
        # enough words for the overlap rule (a short piece may still be the shared passage of two long ones)
        if content >= enc.min_content or (len(chars) >= enc.overlap_words and content >= 3):
            wkey = chars + "\x00" + ",".join(map(str, breaks))
            w = self._wordings.get(wkey)
            if w is None:
                sortkey = " ".join(self._enc._decode(chars)) + "|" + ",".join(map(str, breaks))
                w = self._wordings[wkey] = _Wording(chars, breaks, self._keys(chars), sortkey)
            w.pieces.add(piece.id)
        day = date_ordinal(piece.date)
        if wkey is None and person is not None and content > 0:
            self._short_keys.setdefault((person.surname, chars), set()).add(piece.id)
            for ch in set(chars) - enc._stop:
                self._short_words.setdefault((person.surname, ch), set()).add(chars)
            self._short_lens.setdefault(person.surname, Counter())[len(chars)] += 1
            if enc._censored and not enc._censored.isdisjoint(chars):
                self._censored_shorts.setdefault(person.surname, set()).add(piece.id)
        rec = PieceRecord(piece, wkey, chars, day)
        self._recs[piece.id] = rec
        return rec

    # -- links -----------------------------------------------------------------------------------------------

    def _post(self, wkey: str, touched: set[str]) -> None:
        """Index a new wording's keys; a key that becomes too common re-links the wordings that held it."""
        cap = self.hot_cap
        postings = self._postings
        hot = self._hot
        for k in self._wordings[wkey].keys:
            if k in hot:
                hot[k] += 1
                continue
            ps = postings.get(k)
            if ps is None:
                postings[k] = wkey
            elif isinstance(ps, str):
                postings[k] = [ps, wkey]
            else:
                ps.append(wkey)
                if len(ps) > cap:
                    hot[k] = len(ps)
                    del postings[k]
                    for other in ps:
                        self._forget_links(other, touched)

    def _unpost(self, wkey: str, touched: set[str]) -> None:
        cap = self.hot_cap
        for k in self._wordings[wkey].keys:
            if k in self._hot:
                self._hot[k] -= 1
                if self._hot[k] <= cap:  # common no more: the wordings holding it may link through it
                    del self._hot[k]
                    holders = sorted(x for x, w in self._wordings.items() if k in w.keys and x != wkey)
                    self._postings[k] = holders[0] if len(holders) == 1 else holders
                    for other in holders:
                        self._forget_links(other, touched)
                continue
            ps = self._postings.get(k)
            if ps == wkey:
                del self._postings[k]
            elif isinstance(ps, list) and wkey in ps:
                ps.remove(wkey)
                if len(ps) == 1:
                    self._postings[k] = ps[0]

    def _forget_links(self, wkey: str, touched: set[str]) -> None:
        touched.add(wkey)
        for other in self._links.pop(wkey, ()):
            touched.add(other)
            lk = self._links.get(other)
            if lk:
                lk.discard(wkey)

    def _neighbours(self, wkey: str) -> set[str]:
        got = self._links.get(wkey)
        if got is not None:
            return got
        w = self._wordings[wkey]
        hits: list[str] = []
        for ps in map(self._postings.get, w.keys):
            if ps is None:
                continue
            if isinstance(ps, str):
                hits.append(ps)
            else:
                hits.extend(ps)
        counts = Counter(hits)
        out: set[str] = set()
        nk = len(w.keys)
        for other, n in counts.items():
            if other == wkey:
                continue
            o = self._wordings[other]
            if n < min(shingles_needed(nk), shingles_needed(len(o.keys))):
                continue
            if self._linked(w, o):
                out.add(other)
        self._links[wkey] = out if out else _NO_LINKS  # most wordings link nothing: one shared empty set
        for other in out:  # symmetric: record the link on the other side if that side is already known
            lk = self._links.get(other)
            if lk is _NO_LINKS:
                self._links[other] = {wkey}
            elif lk is not None:
                lk.add(wkey)
        return out

    def _linked(self, a: _Wording, b: _Wording) -> bool:
        """Whether two wordings may be one passage (the clusterer's text test, either mode), whoever said them."""
        if (a.sortkey, a.chars) > (b.sortkey, b.chars):
            a, b = b, a  # one orientation for the pair, whichever arrived first
        enc = self._enc
        censored = bool(enc._censored) and not (enc._censored.isdisjoint(a.chars) and enc._censored.isdisjoint(b.chars))
        if not censored:
            shortest = min(
                _shortest_run(a.chars, a.breaks, enc._stop, enc.min_content),
                _shortest_run(b.chars, b.breaks, enc._stop, enc.min_content),
            )
            need = min(enc.overlap_words, math.ceil(enc.threshold * shortest - 1e-9))
            if need > 0 and LCSseq.similarity(a.chars, b.chars, score_cutoff=need) < need:
                return False
        x, y = enc._repair(a.chars, b.chars) if censored else (a.chars, b.chars)
        m = enc._align_runs(x, y, a.breaks, b.breaks)
        return enc._text_ok(m, strong=False) or enc._text_ok(m, strong=True)

    def _component(self, start: str, seen: set[str]) -> list[str]:
        out = [start]
        seen.add(start)
        i = 0
        while i < len(out):
            for nb in self._neighbours(out[i]):
                if nb not in seen and nb in self._wordings:
                    seen.add(nb)
                    out.append(nb)
            i += 1
        return out

    # -- public API ------------------------------------------------------------------------------------------

    def load(self, pieces: Iterable[Piece], assignments: dict[str, str]) -> None:
        """Rebuild the in-memory index from stored pieces and the cluster ids this same function gave them."""
        for p in pieces:
            self._register(p)
            cid = assignments.get(p.id)
            if cid:
                self._assign[p.id] = cid
                self._members.setdefault(cid, set()).add(p.id)
        scratch: set[str] = set()
        for wkey in self._wordings:
            self._post(wkey, scratch)
        self._links.clear()  # nothing linked yet: links are computed when a block is re-solved
        for cid, members in self._members.items():
            if any(self._recs[m].wording is not None for m in members):
                self._describe(cid)

    def update(self, added: Iterable[Piece] = (), removed: Iterable[str] = ()) -> dict[str, str | None]:
        """Add and remove pieces; returns piece id -> its new cluster id for every piece whose cluster changed
        (None for a removed piece)."""
        before: dict[str, str | None] = {}
        touched: set[str] = set()  # wordings whose block must be re-solved
        regroup: set[tuple[str, str]] = set()  # (surname, wording) of short pieces to regroup
        shorts_now: set[str] = set()
        orphaned: set[str] = set()  # clusters that lost a piece
        for pid in removed:
            rec = self._recs.pop(pid, None)
            if rec is None:
                continue
            before[pid] = self._assign.get(pid)
            if before[pid] is not None:
                orphaned.add(before[pid])  # type: ignore[arg-type]
            self._drop_assignment(pid)
            person = self._person(rec.piece.speaker)
            if person is not None:
                self._censored_shorts.get(person.surname, set()).discard(pid)
                keyed = self._short_keys.get((person.surname, rec.chars))
                if keyed is not None and pid in keyed:
                    keyed.discard(pid)
                    self._short_lens[person.surname][len(rec.chars)] -= 1
                    regroup.add((person.surname, rec.chars))
            if rec.wording is not None:
                w = self._wordings[rec.wording]
                w.pieces.discard(pid)
                if w.pieces:
                    touched.add(rec.wording)
                else:
                    self._forget_links(rec.wording, touched)
                    self._unpost(rec.wording, touched)
                    del self._wordings[rec.wording]
                    touched.discard(rec.wording)
        new_wordings: list[str] = []
        for p in added:
            if p.id in self._recs:
                continue
            before[p.id] = None
            known = len(self._wordings)
            rec = self._register(p)
            if rec.wording is None:
                shorts_now.add(p.id)
            elif len(self._wordings) > known:
                new_wordings.append(rec.wording)
            else:
                touched.add(rec.wording)
        for wkey in sorted(new_wordings, key=lambda k: self._wordings[k].sortkey):
            self._post(wkey, touched)
            touched.add(wkey)
        touched &= self._wordings.keys()
        for wkey in new_wordings:  # before any block is walked: cached links of older wordings learn the new ones
            if wkey in self._wordings:
                self._neighbours(wkey)
        # re-solve every block a touched wording is in now, and the blocks it was in (its stored clusters)
        seeds = set(touched)
        for wkey in touched:
            for pid in self._wordings[wkey].pieces:
                cid = self._assign.get(pid)
                if cid is not None:
                    orphaned.add(cid)
        for cid in orphaned:
            for m in self._members.get(cid, ()):
                wk = self._recs[m].wording
                if wk is not None:
                    seeds.add(wk)
        seen: set[str] = set()
        for wkey in sorted(seeds, key=lambda k: self._wordings[k].sortkey):
            if wkey in seen:
                continue
            block = self._component(wkey, seen)
            pieces = [self._recs[pid].piece for b in block for pid in self._wordings[b].pieces]
            for pid in (p.id for p in pieces):
                before.setdefault(pid, self._assign.get(pid))
            for group in solve_block(pieces, self._context, self.params, self._enc):
                cid = cluster_id_for(group[0].id, self.prefix)
                for p in group:
                    self._set_assignment(p.id, cid)
        changed = {self._assign[pid] for pid in before if pid in self._assign}
        changed |= {cid for cid in before.values() if cid is not None}
        # short pieces to place again: new ones, those in a cluster that changed, and those a changed cluster holds
        lone = set(shorts_now)
        for cid in changed | orphaned:
            lone.update(m for m in self._members.get(cid, ()) if self._recs[m].wording is None)
            old = self._clusters.get(cid)
            if old is not None:
                self._shorts_held(old, lone)
            if cid in self._members and any(self._recs[m].wording is not None for m in self._members[cid]):
                self._describe(cid)
                self._shorts_held(self._clusters[cid], lone)
            else:
                self._undescribe(cid)  # no long piece left: short pieces must not find it
        for pid in list(lone):
            before.setdefault(pid, self._assign.get(pid))
        self._place_shorts(lone, regroup, before)
        changes = {pid: self._assign.get(pid) for pid, old in before.items() if self._assign.get(pid) != old}
        self._note_aliases(before, changes)
        return changes

    def _note_aliases(self, before: dict[str, str | None], changes: dict[str, str | None]) -> None:
        """Ids that no longer name a cluster -> the cluster holding their founding piece now (or most of their
        pieces): old links keep working."""
        self.aliases = {}
        votes: dict[str, Counter[str]] = {}
        for pid in changes:
            old = before.get(pid)
            new = self._assign.get(pid)
            if old is None or old in self._members or new is None:
                continue
            if cluster_id_for(pid, self.prefix) == old:
                votes[old] = Counter({new: 1 << 30})
            elif votes.get(old, Counter()).total() < 1 << 30:
                votes.setdefault(old, Counter())[new] += 1
        for old, v in votes.items():
            self.aliases[old] = min(v, key=lambda c: (-v[c], c))

    def assignments(self) -> dict[str, str]:
        return dict(self._assign)

    # -- membership and cluster descriptions ----------------------------------------------------------------

    def _set_assignment(self, pid: str, cid: str) -> None:
        old = self._assign.get(pid)
        if old == cid:
            return
        if old is not None:
            self._drop_assignment(pid)
        self._assign[pid] = cid
        self._members.setdefault(cid, set()).add(pid)

    def _drop_assignment(self, pid: str) -> None:
        old = self._assign.pop(pid, None)
        if old is None:
            return
        members = self._members.get(old)
        if members is not None:
            members.discard(pid)
            if not members:
                del self._members[old]
                self._undescribe(old)

    def _undescribe(self, cid: str) -> None:
        info = self._clusters.pop(cid, None)
        if info is not None:
            for wk in info.weeks:
                bucket = self._by_week.get(wk)
                if bucket is not None:
                    bucket.discard(cid)
                    if not bucket:
                        del self._by_week[wk]

    def _describe(self, cid: str) -> None:
        """(Re)compute what the short-piece rules see of a cluster, from its long pieces only."""
        self._undescribe(cid)
        recs = [self._recs[m] for m in self._members.get(cid, ()) if self._recs[m].wording is not None]
        if not recs:
            return
        info = _CInfo(cid)
        info.speaker, info.person = self._cluster_person([r.piece.speaker for r in recs])
        info.reps = sorted({r.chars for r in recs})
        cens = self._enc._censored
        info.censored = bool(cens) and any(not cens.isdisjoint(r) for r in info.reps)
        days = [r.day for r in recs if r.day is not None]
        info.dmin, info.dmax = (min(days), max(days)) if days else (None, None)
        info.articles = {r.piece.article_id for r in recs}
        self._clusters[cid] = info
        if info.person is None:
            return
        surname = info.person.surname
        if info.dmin is None or info.dmax is None or info.dmax - info.dmin > 60 * _WEEK:
            info.weeks = [(surname, _WIDE)]
        else:
            info.weeks = [(surname, wk) for wk in range(info.dmin // _WEEK, info.dmax // _WEEK + 1)]
        for wk in info.weeks:
            self._by_week.setdefault(wk, set()).add(cid)

    def _cluster_person(self, speakers: Iterable[str | None]) -> tuple[str | None, ParsedName | None]:
        """The cluster's person for the short-piece rules: the fullest name compatible with the most printed one."""
        counts = Counter(s for s in speakers if s and self._person(s) is not None)
        if not counts:
            return None, None
        top = min(counts, key=lambda s: (-counts[s], s))
        tp = self._person(top)
        assert tp is not None
        group = [s for s in counts if s == top or self._enc._compatible(tp, self._person(s))]  # type: ignore[arg-type]
        best = max(group, key=fullness)
        return best, self._person(best)

    def _cluster_ctx(self, info: _CInfo) -> frozenset[str] | None:
        if info.ctx is None and self._context_loader is not None:
            terms: set[str] = set()
            for a in sorted(info.articles):
                terms |= self._context(a) or frozenset()
            info.ctx = frozenset(terms)
        return info.ctx

    def _same_story(self, info: _CInfo, rec: PieceRecord, ctx: frozenset[str] | None) -> bool:
        if rec.piece.article_id and rec.piece.article_id in info.articles:
            return True
        cctx = self._cluster_ctx(info)
        shared = None if not ctx or not cctx else len(ctx & cctx)
        sd = self._enc.story_days
        day = rec.day
        if day is not None and info.dmin is not None and info.dmax is not None:
            if not info.dmin - sd <= day <= info.dmax + sd:
                return False
            return shared is None or shared >= 1
        return shared is not None and shared >= 2

    # -- short pieces ----------------------------------------------------------------------------------------

    def _shorts_held(self, info: _CInfo, out: set[str]) -> None:
        """Short pieces of the cluster's surname whose wording one of its wordings holds (every run of words of
        a wording, up to the longest short one, looked up), and its surname's short pieces with a censored word."""
        if info.person is None:
            return
        surname = info.person.surname
        out.update(self._censored_shorts.get(surname, ()))
        lens = self._short_lens.get(surname)
        if not lens:
            return
        keys = self._short_keys
        sizes = sorted(k for k, v in lens.items() if v > 0)
        for rep in info.reps:
            n = len(rep)
            for size in sizes:
                if size > n:
                    break
                for i in range(n - size + 1):
                    got = keys.get((surname, rep[i : i + size]))
                    if got:
                        out.update(got)

    def _place_shorts(self, pids: set[str], regroup: set[tuple[str, str]], before: dict[str, str | None]) -> None:
        """Short pieces join the one cluster of a compatible speaker from the same story holding them verbatim at
        one place; the others are grouped among themselves by wording, in canonical order."""
        enc = self._enc
        for pid in pids:
            rec = self._recs.get(pid)
            if rec is None:
                continue
            person = self._person(rec.piece.speaker)
            if person is None or rec.wording is not None or not rec.chars or enc._content(rec.chars) == 0:
                if rec.wording is None:
                    self._set_assignment(pid, cluster_id_for(pid, self.prefix))
                continue
            regroup.add((person.surname, rec.chars))
            target = self._short_target(rec, person)
            if target is not None:
                self._set_assignment(pid, target)
            else:
                self._drop_assignment(pid)
        done: set[tuple[str, str]] = set()
        for key in sorted(regroup):
            if key in done:
                continue
            family = self._short_family(key)
            done |= family
            for k in family:
                for pid in self._short_keys.get(k, ()):
                    before.setdefault(pid, self._assign.get(pid))
            self._group_shorts(family)

    def _short_family(self, key: tuple[str, str]) -> set[tuple[str, str]]:
        """The short wordings of one surname linked to ``key`` by containment ("amazing opportunity" and "this
        amazing opportunity"), transitively: they are grouped together."""
        surname = key[0]
        out = {key}
        todo = [key[1]]
        stop = self._enc._stop
        while todo:
            x = todo.pop()
            # wordings holding x hold each of its content words: look them up by the least shared one
            words = [ch for ch in set(x) if ch not in stop] or list(set(x))
            ch = min(words, key=lambda c: (len(self._short_words.get((surname, c), ())), c))
            found = [y for y in self._short_words.get((surname, ch), ()) if x in y]
            # wordings x holds: its runs of words
            found += [
                x[i:j] for i in range(len(x)) for j in range(i + 1, len(x) + 1) if (surname, x[i:j]) in self._short_keys
            ]
            for y in found:
                k = (surname, y)
                if k not in out and self._short_keys.get(k):
                    out.add(k)
                    todo.append(y)
        return out

    def _short_target(self, rec: PieceRecord, person: ParsedName) -> str | None:
        enc = self._enc
        ctx = self._context(rec.piece.article_id)
        cids: set[str] = set(self._by_week.get((person.surname, _WIDE), ()))
        if rec.day is None:
            for (s, _), bucket in self._by_week.items():
                if s == person.surname:
                    cids |= bucket
        else:
            sd = enc.story_days
            for wk in range((rec.day - sd) // _WEEK, (rec.day + sd) // _WEEK + 1):
                cids |= self._by_week.get((person.surname, wk), set())
        group: list[_Cluster] = []
        x = rec.chars
        censored = bool(enc._censored) and not enc._censored.isdisjoint(x)
        for cid in sorted(cids):
            info = self._clusters[cid]
            if not (censored or info.censored) and not any(x in rep for rep in info.reps):
                continue  # not verbatim anywhere in it (the common case, decided in C)
            if info.person is None or not enc._compatible(person, info.person):
                continue
            places = set()
            for rep in info.reps:
                xx, yy = enc._repair(x, rep) if censored or info.censored else (x, rep)
                places.add(yy.count(xx))
            if places - {0} == {1} and self._same_story(info, rec, ctx):
                c = _Cluster(len(group), cid)
                c.speaker, c.person = info.speaker, info.person
                group.append(c)
        unique = {c.id for c in enc._group_allows(person, group)}
        return next(iter(unique)) if len(unique) == 1 else None

    def _group_shorts(self, family: set[tuple[str, str]]) -> None:
        """Short pieces of one surname whose wordings hold one another and that joined no long cluster, grouped in
        canonical order: each joins the first group of a compatible speaker from the same story whose wording
        holds it, or is held by it, at one place."""
        enc = self._enc
        lone = [
            self._recs[pid]
            for key in family
            for pid in self._short_keys.get(key, ())
            if self._assign.get(pid) is None or self._assign[pid] not in self._clusters
        ]
        groups: list[tuple[ParsedName, _CInfo, list[PieceRecord]]] = []
        for rec in sorted(lone, key=lambda r: r.piece.order):
            person = self._person(rec.piece.speaker)
            assert person is not None
            ctx = self._context(rec.piece.article_id)
            home = None
            x = rec.chars
            for gp, info, members in groups:
                if not enc._compatible(person, gp):
                    continue
                held = any(r.count(x) == 1 or x.count(r) == 1 for r in info.reps)
                if held and self._same_story(info, rec, ctx):
                    home = (info, members)
                    break
            if home is None:
                info = _CInfo(cluster_id_for(rec.piece.id, self.prefix))
                info.ctx = frozenset()
                groups.append((person, info, [rec]))
                members = groups[-1][2]
            else:
                info, members = home
                members.append(rec)
            if rec.chars not in info.reps:
                info.reps.append(rec.chars)
            info.articles.add(rec.piece.article_id)
            if rec.day is not None:
                info.dmin = rec.day if info.dmin is None else min(info.dmin, rec.day)
                info.dmax = rec.day if info.dmax is None else max(info.dmax, rec.day)
            if ctx:
                info.ctx = (info.ctx or frozenset()) | ctx
        for _, info, members in groups:
            for rec in members:
                self._set_assignment(rec.piece.id, info.id)


def cluster_pieces(
    pieces: Iterable[Piece], *, prefix: str = "q", context: ContextLoader | None = None
) -> dict[str, str]:
    """Piece id -> cluster id for a whole corpus at once (the same result as any sequence of updates)."""
    cc = CorpusClusterer(prefix=prefix, context=context)
    cc.update(list(pieces))
    return cc.assignments()
