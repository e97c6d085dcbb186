"""Framing of one quote across its appearances: per-appearance fields and the cross-outlet block, as JSON-ready dicts.

Pure data in and out (models and strings; no store, no terminal): :func:`mention_framing` gives the contract's
framing fields of one appearance (wording fidelity against the cluster's fullest wording, cue class, hedges,
descriptor, credits); :func:`cluster_framing` gives what varies across outlets around the quote (fidelity and cue
classes per outlet, distinctive context terms, loaded variants, timeline and credit chain); :func:`compare_outlets`
sets two outlets side by side.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from quotetrace.framing.context import Window, blank_out, sentences
from quotetrace.framing.credits import Credit, find_credits
from quotetrace.framing.cues import ENV_VAR as CUE_ENV_VAR
from quotetrace.framing.cues import classify_cue, lemma_of
from quotetrace.framing.descriptors import split_descriptor
from quotetrace.framing.distinctive import distinctive_terms
from quotetrace.framing.hedges import find_hedges
from quotetrace.framing.variants import loaded_variants
from quotetrace.framing.wording import Edit, Fidelity, compare_wording
from quotetrace.models import Article, Mention
from quotetrace.text.fold import fold
from quotetrace.text.sentences import Span, is_abbreviation
from quotetrace.text.verbs import irregular_forms

__all__ = [
    "FIDELITY_LABELS",
    "UNKNOWN_OUTLET",
    "Z_THRESHOLD",
    "classify_cue_pair",
    "cluster_framing",
    "compare_outlets",
    "cue_class_of",
    "describe",
    "descriptor_of",
    "mention_framing",
    "part_of",
    "quick_fidelity",
    "quote_spans",
    "same_outlet",
    "settled_fidelity",
    "union_reference",
]

Z_THRESHOLD = 1.96  # |z| a context term must exceed to be reported (two-sided 5%)
FIDELITY_LABELS = ("full", "fragment", "altered")
UNKNOWN_OUTLET = "(unknown outlet)"
_DATELINE_CHARS = 300  # a "(Reuters) -" credit counts for the whole article when it stands this near the top


# ------------------------------------------------------------------------------------------------ helpers


def quote_spans(mention: Mention) -> tuple[Span, ...]:
    """The article spans holding the quoted words: the pieces inside marks of a mixed mention, else its spans."""
    if mention.kind == "mixed" and mention.quoted_spans:
        return mention.quoted_spans
    return mention.spans


def _attribution_bounds(mention: Mention) -> Span:
    spans = [*mention.spans, *(s for s in (mention.speaker_span, mention.cue_span) if s)]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _outlet_words(name: str) -> str:
    """A printed outlet name as words, for prefix matching: "The BBC-News" -> "bbc news"."""
    return re.sub(r"^the ", "", fold(name, apostrophes="’", invisible=False, punctuation=True))


def same_outlet(a: str | None, b: str | None) -> bool:
    """True when two printed outlet names name the same outlet ("BBC" / "BBC News", "the Post" never guesses)."""
    if not a or not b:
        return False
    fa, fb = _outlet_words(a), _outlet_words(b)
    if not fa or not fb:
        return False
    return fa == fb or fb.startswith(fa + " ") or fa.startswith(fb + " ")


def classify_cue_pair(cue: str | None, lemma: str | None) -> str | None:
    """The class of a cue verb from its lemma (``$QUOTETRACE_CUE_CLASSES`` extends the table); a printed phrasal
    verb ("fired back", "pointed out") is classed whole first, and the printed form is the fallback."""
    return _classify_pair(cue, lemma, os.environ.get(CUE_ENV_VAR))


@lru_cache(maxsize=65536)
def _classify_pair(cue: str | None, lemma: str | None, _env: str | None) -> str | None:
    """Memoised per user cue-class file (``_env``): export classifies every stored mention."""
    printed = (cue or "").strip()
    if " " in printed:
        found = classify_cue(printed)
        if found is not None:
            return found
    return classify_cue(lemma) or classify_cue(printed or None)


_PARTICLES = re.compile(r"[^\S\n]+([a-z]+)(?:[^\S\n]+([a-z]+))?")


def phrasal_cue(text: str, mention: Mention) -> str | None:
    """The cue as a phrasal verb when the words right after it complete one in the cue table ("goes" + "on",
    "lashed" + "out"), else None."""
    if not mention.cue or not mention.cue_span or " " in mention.cue.strip():
        return None
    m = _PARTICLES.match(text, mention.cue_span[1])
    if m is None:
        return None
    for extra in ([m.group(1), m.group(2)], [m.group(1)]):
        if all(extra):
            phrase = " ".join([mention.cue.strip(), *extra])
            found = lemma_of(phrase)
            if found is not None and " " in found:
                return phrase
    return None


_WORD = re.compile(r"[A-Za-z]+")


def piece_cue_class(text: str, start: int, piece_start: int, quoted: Sequence[Span]) -> str | None:
    """The class of the speech verb nearest before one quoted piece of a mixed quote ("called it an “act of
    terror” and called for “hardening …”": each piece has its own verb), looking back to ``start``; words
    inside quotation marks do not count. Only inflected verb forms (called, says, warning, said) are taken, so that
    a noun like "the plan" or "a claim" is not read as a cue. None when no such verb is there."""
    region = list(text[start:piece_start])
    for qs, qe in quoted:
        for i in range(max(qs, start), min(qe, piece_start)):
            region[i - start] = " "
    words = list(_WORD.finditer("".join(region)))
    irregular = irregular_forms()
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group().lower()
        if (not w.endswith(("ed", "s", "ing")) or len(w) < 4) and w not in irregular:
            continue
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        for phrase in (f"{w} {nxt}" if nxt else "", w):
            if phrase and lemma_of(phrase) is not None:
                return classify_cue(phrase)
    return None


def cue_class_of(mention: Mention) -> str | None:
    """The class of the mention's cue verb (see :func:`classify_cue_pair`)."""
    return classify_cue_pair(mention.cue, mention.cue_lemma)


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "mr.", "mrs.", "ms.", "mx."})
_BARE = _HONORIFICS | {"the", "a", "an", "his", "her", "their", "its", "said", "says"}
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself"})
_MAX_DESCRIPTOR = 80


def _clean_descriptor(raw: str | None) -> str | None:
    """A descriptor as a reader would quote it, or None when nothing descriptive is left: honorifics ("Mr."),
    reflexives ("himself") and the gap a removed name leaves ("Wisconsin GOP Rep. , chairman") are dropped;
    text spanning a paragraph break or holding quotation marks is an extraction slip, not a description."""
    if not raw or "\n" in raw.strip() or any(c in raw for c in '“”"'):
        return None
    text = " ".join(raw.split())
    parts = [p.strip(" ,;:—–-()") for p in re.split(r"\s+,\s*", text)]  # "X , Y": a name was cut out between
    parts = [p for p in parts if p and not p.startswith(("'s", "’s"))]
    if not parts or any(w in ("'s", "’s") for p in parts for w in p.split()):  # "Mr. ’s apology": name cut out
        return None
    # "A lawyer for Mr. Grimm, of Patton Boggs": what follows the comma belonged to the removed name
    parts = [re.sub(r",\s+(?:of|for|at|from|in|with)\s.*$", "", p) for p in parts]
    first = parts[0]
    pick = first if len(first.split()) >= 2 or first.endswith(".") or len(parts) == 1 else parts[1]
    pick = re.sub(r"\s*\([^()]*\)?$", "", pick)  # "Speaker (R-Ohio)": a closing aside, open or closed
    words = [w for w in pick.split() if w.lower() not in _REFLEXIVE]
    while words and (words[-1].lower() in _HONORIFICS or _speech_verb_form(words[-1])):
        words.pop()
    if not words or all(w.lower() in _BARE for w in words):
        return None
    out = " ".join(words).strip(" ,;:—–-")
    return out if 0 < len(out) <= _MAX_DESCRIPTOR else None


def _speech_verb_form(word: str) -> bool:
    """ "said", "says", "added": an inflected speech verb the printed mention ran into ("a statement from the
    committee said"); a noun spelled like a verb's base ("the special counsel") is kept."""
    lemma = lemma_of(word) if word.islower() else None
    return lemma is not None and lemma != word


@lru_cache(maxsize=65536)
def describe(descriptor: str | None, speaker_mention: str | None, speaker: str | None) -> str | None:
    """How an article describes the speaker at the attribution, as printed: the extractor's descriptor, else
    what the printed mention says besides the name ("NATO Secretary General Jens Stoltenberg"); never a bare
    honorific ("Mr."), a pronoun or an extraction slip (see :func:`_clean_descriptor`)."""
    if descriptor:
        return _clean_descriptor(descriptor)
    if speaker_mention:
        return _clean_descriptor(split_descriptor(" ".join(speaker_mention.split()), speaker))
    return None


_APPOSITIVE_WORD = re.compile(r"[^\S\n]*([\w’'&.-]+)([,;:()]?)")
_APPOSITIVE_WORDS = 8
_PREPOSITIONS = frozenset({"for", "of", "at", "with", "to", "in", "on", "from"})


def extend_appositive(text: str, end: int, descriptor: str) -> str:
    """An appositive descriptor the printed speaker mention cut short ("Jim Manley, a spokesman") completed with
    the prepositional phrase that follows it in the text ("… for Mr. Reid,"), up to a comma, at most 8 words."""
    first = _APPOSITIVE_WORD.match(text, end)
    if first is None or first.group(1).lower() not in _PREPOSITIONS or first.group(2):
        return descriptor
    words: list[str] = []
    pos = end
    for _ in range(_APPOSITIVE_WORDS):
        m = _APPOSITIVE_WORD.match(text, pos)
        if m is None:
            return descriptor
        word, stop = m.group(1), m.group(2)
        bare = word.rstrip(".")
        if bare.islower() and lemma_of(bare) is not None and bare not in _PREPOSITIONS:
            break  # "… said": the phrase ended without a comma
        ends = word.endswith(".") and not is_abbreviation(word)  # a full stop ends the phrase
        words.append(word.rstrip(".") if ends else word)
        pos = m.end()
        if stop or ends:
            break
    else:
        return descriptor
    return f"{descriptor} {' '.join(words)}" if words else descriptor


def descriptor_of(mention: Mention) -> str | None:
    """How the article describes the speaker at the mention's attribution (see :func:`describe`)."""
    return describe(mention.descriptor, mention.speaker_mention, mention.speaker)


def settled_fidelity(words: str, full: str) -> str | None:
    """The fidelity label settled on normalised wordings alone: ``full`` when they are equal, ``fragment`` when the
    words are a run of the full wording at word boundaries; None when it takes the word-level comparison. Every
    label (``show``, ``export``, the ``outlets`` counts) is this one first, so the cheap counts always agree."""
    from quotetrace.normalise import normalise_quote

    norm, full_norm = normalise_quote(words), normalise_quote(full)
    if norm and norm == full_norm:
        return "full"
    if norm and f" {norm} " in f" {full_norm} ":
        return "fragment"
    return None


# A quote the clusterer kept apart from a longer one still takes that one as its reference when at least this share
# of its words (of this many words or more) are the longer one's, in order, in one stretch of about its length.
PART_MIN_WORDS = 4
PART_MIN_SHARE = 0.75
PART_SLACK_WORDS = 3  # words the stretch may have beyond the part's own (cuts inside, marked or not)


def part_of(full_norm: str, part_norm: str) -> float:
    """How much of ``part_norm`` is a piece of ``full_norm``, possibly altered (both normalised wordings, as the
    index stores them): the share of the part's words that the full wording has in the same order within one
    stretch at most ``PART_SLACK_WORDS`` longer than the part, or 0.0 when that share is under ``PART_MIN_SHARE``
    or the part is shorter than ``PART_MIN_WORDS`` words."""
    from difflib import SequenceMatcher

    part, full = part_norm.split(), full_norm.split()
    if len(part) < PART_MIN_WORDS or not full:
        return 0.0
    blocks = [b for b in SequenceMatcher(None, full, part, autojunk=False).get_matching_blocks() if b.size]
    best = 0
    for i, first in enumerate(blocks):  # the best run of blocks that fits in one stretch of the full wording
        matched = 0
        for b in blocks[i:]:
            if b.a + b.size - first.a > len(part) + PART_SLACK_WORDS:
                break
            matched += b.size
        best = max(best, matched)
    share = best / len(part)
    return share if share >= PART_MIN_SHARE else 0.0


def quick_fidelity(words: str, norm: str, full: str, full_norm: str) -> str:
    """The fidelity label of ``words`` against ``full``, settled on the stored normalised forms when they are equal
    (full) or one contains the other at word boundaries (fragment), else by :func:`compare_wording`."""
    if norm and norm == full_norm:
        return "full"
    if norm and f" {norm} " in f" {full_norm} ":
        return "fragment"
    return compare_wording(full, words).label


@lru_cache(maxsize=1024)
def _compare(full: str, variant: str) -> Fidelity:
    """:func:`compare_wording`, memoised: ``show`` compares each wording once for the reference, once for framing."""
    return compare_wording(full, variant)


def _covers(fid: Fidelity, pos: int, length: int) -> bool:
    """True when the compared variant reproduces words on both sides of ``pos`` in the full wording."""
    for e in fid.edits:
        if e.op == "delete" and e.at_edge and not e.cosmetic:
            if e.full_start == 0 and e.full_end >= pos:
                return False
            if e.full_end >= length and e.full_start <= pos:
                return False
    return 0 < pos < length


def union_reference(full: str, variants: Sequence[str]) -> tuple[str, list[str]]:
    """The reference wording to compare a quote's appearances with: its fullest wording, completed with the words
    another outlet prints inside it where the fullest wording has none (no single appearance holds the whole
    quote, and the longest one silently cut something).

    An outlet's inner additions count only when they are its only inner changes (no substitutions, no reordering,
    bracketed words never), add up to two words or more unless more outlets print them than outlets whose wording
    spans the spot without them, and are never fewer. Returns the reference and the words added (empty: ``full``).
    """
    candidates: list[tuple[Fidelity, list[Edit]]] = []
    fids = []
    for v in variants:
        fid = _compare(full, v)
        fids.append(fid)
        inner = [e for e in fid.edits if e.op == "insert" and e.kind == "insertion" and not e.at_edge]
        others = [e for e in fid.edits if e.altering and e not in inner]
        if inner and not others:
            candidates.append((fid, inner))
    if not candidates:
        return full, []
    accepted: dict[int, Edit] = {}
    for _, inner in candidates:
        n_words = sum(len(e.with_.split()) for e in inner)
        ok = True
        for e in inner:
            key = " ".join(e.with_.lower().split())
            with_ = sum(
                1
                for f in fids
                if any(
                    x.op == "insert" and x.full_start == e.full_start and " ".join(x.with_.lower().split()) == key
                    for x in f.edits
                )
            )
            without = sum(
                1
                for f in fids
                if _covers(f, e.full_start, len(full))
                and not any(x.op == "insert" and x.full_start == e.full_start for x in f.edits)
            )
            if with_ < without or (with_ == without and n_words < 2):
                ok = False
        if ok:
            for e in inner:
                accepted.setdefault(e.full_start, e)
    if not accepted:
        return full, []
    out = full
    for pos in sorted(accepted, reverse=True):
        e = accepted[pos]
        while pos < len(out) and out[pos] in ",;:" and out[pos] in e.with_ + ",;:":
            pos += 1  # "Warren, [Sherrod Brown] and": after the comma the words follow
        out = out[:pos] + " " + e.with_.strip() + " " + out[pos:].lstrip()
    return " ".join(out.split()), [accepted[k].with_ for k in sorted(accepted)]


def _offset_map(raw: str) -> list[int]:
    """For ``" ".join(raw.split())``: the index in ``raw`` of each of its characters."""
    out: list[int] = []
    for m in re.finditer(r"\S+", raw):
        if out:
            out.append(m.start() - 1)  # the collapsed space stands for the whitespace before this word
        out.extend(range(m.start(), m.end()))
    return out


class _WordsMap:
    """Maps offsets in the clustered words (the quoted pieces, spaces collapsed, joined) back to the article."""

    def __init__(self, words: str, mention: Mention, text: str) -> None:
        # (start in words, end in words, article start, article end, offset map)
        self.pieces: list[tuple[int, int, int, int, list[int]]] = []
        cursor = 0
        for s, e in quote_spans(mention):
            raw = text[s:e]
            collapsed = " ".join(raw.split())
            if not collapsed:
                continue
            at = words.find(collapsed, cursor)
            if at < 0:
                continue
            self.pieces.append((at, at + len(collapsed), s, e, _offset_map(raw)))
            cursor = at + len(collapsed)

    def span(self, start: int, end: int) -> list[int] | None:
        """``[start, end)`` of the words as article offsets, or None when it is not inside one quoted piece."""
        for p0, p1, base, _, omap in self.pieces:
            if p0 <= start <= end <= p1:
                if start == end:  # a point (where words were cut)
                    pos = base + (omap[start - p0] if start < p1 else omap[-1] + 1)
                    return [pos, pos]
                return [base + omap[start - p0], base + omap[end - 1 - p0] + 1]
        return None

    def joints(self) -> list[Span]:
        """The stretches of the words between two quoted pieces: what the index put there, not the outlet."""
        return [(a[1], b[0]) for a, b in zip(self.pieces, self.pieces[1:], strict=False)]


def _credit_dict(c: Credit, base: int) -> dict[str, Any]:
    return {
        "outlet": c.outlet,
        "phrase": c.phrase,
        "kind": c.kind,
        "span": [base + c.start, base + c.end],
    }


@lru_cache(maxsize=256)
def _credits_in(passage: str) -> tuple[Credit, ...]:
    return tuple(find_credits(passage))


def _credits(text: str, window: Window, own_outlet: str | None) -> list[dict[str, Any]]:
    """Credits in the quote's sentence, else its paragraph, plus a wire dateline at the top of the article."""
    p0, p1 = window.paragraph
    s0, s1 = window.sentence
    in_paragraph = _credits_in(text[p0:p1])
    in_sentence = [c for c in in_paragraph if s0 <= p0 + c.start and p0 + c.end <= s1]
    found = [_credit_dict(c, p0) for c in (in_sentence or in_paragraph)]
    top = text[:_DATELINE_CHARS]
    if not any(c["kind"] == "dateline" for c in found) and "(" in top:
        found.extend(_credit_dict(c, 0) for c in _credits_in(top) if c.kind == "dateline")
    for c in found:
        c["self"] = same_outlet(c["outlet"], own_outlet)
    return found


# ----------------------------------------------------------------------------------------- one appearance


_RANK = {"full": 0, "fragment": 1, "altered": 2}


def _at_joint(e: Edit, joints: Sequence[Span]) -> bool:
    return e.op == "delete" and any(j0 <= e.variant_start and e.variant_end <= j1 for j0, j1 in joints)


def _fidelity(full: str, variant: str, joints: Sequence[Span], mixed: bool) -> tuple[str, Fidelity, list[Edit]]:
    """Label, comparison and edits of ``variant`` against ``full``, the words missing at a joint between two quoted
    pieces being the outlet's own gap: for a mixed quote (separate quoted phrases) they make a fragment, for an
    interrupted direct quote ("X," she said, "Y") a silent cut."""
    fid = _compare(full, variant)
    if not joints:
        return fid.label, fid, list(fid.edits)
    edits: list[Edit] = []
    for e in fid.edits:
        if _at_joint(e, joints):
            kind = "between_pieces" if mixed else "cut"
            e = replace(e, kind=kind, marked=False)
        edits.append(e)
    if any(e.altering and e.kind != "between_pieces" for e in edits):
        label = "altered"
    elif any(e.op == "delete" and not e.cosmetic and (e.at_edge or e.kind == "between_pieces") for e in edits):
        label = "fragment"
    else:
        label = "full"
    return label, fid, edits


def _edit_dicts(edits: Sequence[Edit], wmap: _WordsMap | None) -> list[dict[str, Any]]:
    out = []
    for e in edits:
        d = e.to_dict()
        d["article_span"] = wmap.span(e.variant_start, e.variant_end) if wmap else None
        out.append(d)
    return out


def _touches(window: Span, span: Span | None) -> bool:
    return span is not None and span[0] < window[1] and window[0] < span[1]


def mention_framing(
    full: str,
    mention: Mention,
    article: Article,
    words: str | None = None,
    *,
    bounds: Sequence[Span] | None = None,
) -> dict[str, Any]:
    """The framing fields of one appearance of a quote whose fullest wording is ``full``.

    ``words`` are the mention's words that were clustered (its quoted pieces in this cluster, joined; default the
    mention's text). ``bounds`` are the article's sentence spans when the caller has them. Returns the contract's
    ``fidelity``, ``coverage``, ``edits``, ``cue_class``, ``hedges`` and ``descriptor``, plus
    ``dropped_qualifier``, ``hedge_details``, ``credits`` (article offsets in ``span``/``article_span``),
    ``attribution_in_sentence``, ``pieces`` (each quoted piece on its own: span, fidelity, coverage, cue class,
    descriptor, hedges) and ``joints`` (where ``words`` join two pieces: offsets of what the index put between).

    Like the hedges, the cue class and the descriptor belong to the quote's own sentence: a quote continuing
    after ``… ," he said.`` has none (``attribution_in_sentence`` false).
    """
    text = article.text or ""
    variant = words if words is not None else mention.text
    wmap = _WordsMap(variant, mention, text) if text else None
    mixed = mention.kind == "mixed"
    joints = wmap.joints() if wmap else []
    label, fid, edits = _fidelity(full, variant, joints, mixed)
    label = settled_fidelity(variant, full) or label
    phrasal = phrasal_cue(text, mention) if text else None
    cue_class = classify_cue_pair(phrasal, mention.cue_lemma) if phrasal else cue_class_of(mention)
    descriptor = descriptor_of(mention)
    printed = " ".join((mention.speaker_mention or "").split())
    if descriptor and text and mention.speaker_span and printed.endswith(descriptor):
        descriptor = extend_appositive(text, mention.speaker_span[1], descriptor)
    out: dict[str, Any] = {
        "fidelity": label,
        "coverage": round(fid.coverage, 4),
        "edits": _edit_dicts(edits, wmap),
        "dropped_qualifier": any(e.qualifier for e in edits),
        "cue_class": cue_class,
        "descriptor": descriptor,
        "hedges": [],
        "hedge_details": [],
        "credits": [],
        "cue_phrase": phrasal,
        "attribution_in_sentence": True,
        "pieces": [],
        "joints": [list(j) for j in joints],
    }
    if not text or not mention.spans:
        return out
    bounds = sentences(text) if bounds is None else bounds
    found = wmap.pieces if wmap and wmap.pieces else []
    spans = [(s, e) for _, _, s, e, _ in found] or list(quote_spans(mention))
    quoted = list(quote_spans(mention))
    hedge_at: dict[Span, list[dict[str, Any]]] = {}
    pieces = []
    for k, (s, e) in enumerate(spans):
        sentence = Window(text, s, e, bounds).sentence
        attributed = not (mention.cue_span or mention.speaker_span) or any(
            _touches(sentence, sp) for sp in (mention.cue_span, mention.speaker_span)
        )
        if sentence not in hedge_at:
            w0, w1 = sentence
            inside = [(qs - w0, qe - w0) for qs, qe in quoted if qs < w1 and w0 < qe]
            hedge_at[sentence] = [
                {"text": h.text, "kind": h.kind, "span": [w0 + h.start, w0 + h.end]}
                for h in find_hedges(text[w0:w1], inside)
            ]
        if len(spans) == 1:
            p_label, p_cov = label, fid.coverage
            p_text = variant if not found else variant[found[0][0] : found[0][1]]
            p_edits = out["edits"]
        else:
            p0, p1 = found[k][0], found[k][1]
            p_text = variant[p0:p1]
            p_fid = _compare(full, p_text)
            p_label, p_cov = settled_fidelity(p_text, full) or p_fid.label, p_fid.coverage
            p_edits = [
                e.to_dict() | {"article_span": wmap.span(p0 + e.variant_start, p0 + e.variant_end) if wmap else None}
                for e in p_fid.edits
            ]
        p_class = cue_class
        if mixed and len(quoted) > 1 and attributed:
            p_class = piece_cue_class(text, sentence[0], s, quoted) or cue_class
        pieces.append(
            {
                "span": [s, e],
                "text": p_text,
                "fidelity": p_label,
                "coverage": round(p_cov, 4),
                "attribution_in_sentence": attributed,
                "cue_class": p_class if attributed else None,
                "descriptor": descriptor if attributed else None,
                "hedges": [h["text"] for h in hedge_at[sentence]],
                "edits": p_edits,
            }
        )
    attributed_any = any(p["attribution_in_sentence"] for p in pieces)
    details = sorted({tuple(h["span"]): h for hs in hedge_at.values() for h in hs}.values(), key=lambda h: h["span"])
    window = Window(text, spans[0][0], spans[-1][1], bounds)
    out.update(
        {
            "cue_class": cue_class if attributed_any else None,
            "descriptor": descriptor if attributed_any else None,
            "attribution_in_sentence": attributed_any,
            "hedges": [h["text"] for h in details],
            "hedge_details": details,
            "credits": _credits(text, window, article.outlet),
            "pieces": pieces,
        }
    )
    return out


# ------------------------------------------------------------------------------------------ across outlets


def _outlet(article: Article) -> str:
    return article.outlet or UNKNOWN_OUTLET


def _context_text(text: str, window: Window, blank: Sequence[Span]) -> str:
    """The quote's paragraph and one paragraph either side, the quoted words themselves left out."""
    parts = []
    for span in (window.paragraph_before, window.paragraph, window.paragraph_after):
        if span is not None:
            parts.append(blank_out(text[span[0] : span[1]], span[0], blank))
    return " ".join(" ".join(parts).split())


def _distinct(values: Sequence[Any]) -> list[Any]:
    seen: list[Any] = []
    for v in values:
        if v is not None and v not in seen:
            seen.append(v)
    return seen


def _outlet_summary(recs: Sequence[Mapping[str, Any]], articles: set[str]) -> dict[str, Any]:
    fidelity = Counter(r.get("fidelity") for r in recs if r.get("fidelity"))
    classes = Counter(r.get("cue_class") or "unclassified" for r in recs if r.get("cue"))
    dates = sorted(d for d in ((r.get("article") or {}).get("date") for r in recs) if d)
    return {
        "mentions": len(recs),
        "articles": len(articles),
        "first_date": dates[0] if dates else None,
        "first": any(r.get("first") for r in recs),
        "fidelity": {k: fidelity.get(k, 0) for k in FIDELITY_LABELS},
        "min_coverage": min((float(r["coverage"]) for r in recs if r.get("coverage") is not None), default=None),
        "cue_classes": dict(classes.most_common()),
        "cues": _distinct([r.get("cue") for r in recs]),
        "descriptors": _distinct([r.get("descriptor") for r in recs]),
        "hedges": _distinct([h for r in recs for h in r.get("hedges") or []]),
        "credits": _distinct([c["outlet"] for r in recs for c in r.get("credits") or [] if not c.get("self")]),
        "placements": _distinct([r.get("placement") for r in recs]),
        "dropped_qualifier": any(r.get("dropped_qualifier") for r in recs),
    }


def _credit_chain(
    items: Sequence[tuple[Mention, Article]], records: Sequence[Mapping[str, Any]], first_dates: dict[str, str | None]
) -> list[dict[str, Any]]:
    """Who credits whom: one link per (crediting outlet, credited outlet), with whether the credited outlet
    printed the quote too and whether it did so no later than the one crediting it."""
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for (_, art), rec in zip(items, records, strict=True):
        src = _outlet(art)
        for c in rec.get("credits") or []:
            if c.get("self"):
                continue
            in_cluster = next((o for o in first_dates if same_outlet(o, c["outlet"])), None)
            key = (src, in_cluster or c["outlet"])
            if key in links:
                continue
            credited_date = first_dates.get(in_cluster) if in_cluster else None
            src_date = art.date
            earlier = None
            if in_cluster and credited_date and src_date:
                earlier = credited_date[:10] <= src_date[:10]
            links[key] = {
                "from": src,
                "to": in_cluster or c["outlet"],
                "credited_as": c["outlet"],
                "phrase": c["phrase"],
                "kind": c["kind"],
                "mention_id": rec.get("id"),
                "to_in_cluster": in_cluster is not None,
                "to_printed_no_later": earlier,
            }
    return list(links.values())


def cluster_framing(
    items: Sequence[tuple[Mention, Article]],
    records: Sequence[Mapping[str, Any]],
    *,
    outlet_dates: Mapping[str, str | None] | None = None,
    z_threshold: float = Z_THRESHOLD,
    top_terms: int = 8,
) -> dict[str, Any]:
    """What differs across outlets around one quote.

    ``items`` are the appearances (mention, article with text) in date order and ``records`` their mention
    objects with the framing fields filled (``fidelity``, ``cue_class``, ``credits``, ... and ``first``).
    Distinctive terms compare each outlet's context (the quote's paragraph and one paragraph either side, the
    quoted words left out) with the other outlets' under an informative Dirichlet prior whose background is the
    full text of the quote's articles; only terms with z above ``z_threshold`` are reported. ``outlet_dates``
    (every outlet of the quote -> its first date) lets the credit chain recognise credited outlets that are
    not among ``items`` (when these are one outlet's or two outlets' appearances only).
    """
    by_outlet_recs: dict[str, list[Mapping[str, Any]]] = {}
    by_outlet_arts: dict[str, set[str]] = {}
    contexts: dict[str, list[str]] = {}
    texts: dict[str, dict[str, str]] = {}  # outlet -> article id -> title + text
    blanks: dict[str, list[Span]] = {}
    for mention, _ in items:
        blanks.setdefault(mention.article_id, []).extend(quote_spans(mention))
    seen_windows: set[tuple[str, Span]] = set()
    for (mention, art), rec in zip(items, records, strict=True):
        outlet = _outlet(art)
        by_outlet_recs.setdefault(outlet, []).append(rec)
        by_outlet_arts.setdefault(outlet, set()).add(art.id)
        text = art.text or ""
        texts.setdefault(outlet, {})[art.id] = "\n".join(x for x in (art.title, text) if x)
        if not text or not mention.spans:
            continue
        window = Window(text, *_attribution_bounds(mention), sentences(text))
        if (art.id, window.paragraph) in seen_windows:
            continue
        seen_windows.add((art.id, window.paragraph))
        contexts.setdefault(outlet, []).append(_context_text(text, window, blanks[art.id]))

    outlets = list(by_outlet_recs)
    summaries = {o: _outlet_summary(by_outlet_recs[o], by_outlet_arts[o]) for o in outlets}
    first_dates = {o: summaries[o]["first_date"] for o in outlets}
    known = {**(outlet_dates or {}), **first_dates}

    terms: dict[str, list[dict[str, Any]]] = {o: [] for o in outlets}
    if len(contexts) >= 2:
        background = [t for arts in texts.values() for t in arts.values()]
        found = distinctive_terms(contexts, background, z_threshold=z_threshold, top=top_terms)
        terms.update({o: [{"term": w, "z": round(z, 2)} for w, z in found.get(o, [])] for o in contexts})
    variants = [v.to_dict() for v in loaded_variants({o: list(t.values()) for o, t in texts.items()})]

    timeline = []
    for (mention, art), rec in zip(items, records, strict=True):
        timeline.append(
            {
                "date": art.date,
                "outlet": art.outlet,
                "article_id": art.id,
                "mention_id": mention.id,
                "first": bool(rec.get("first")),
                "fidelity": rec.get("fidelity"),
            }
        )
    first = [t for t in timeline if t["first"]]
    fidelity = Counter(r.get("fidelity") for r in records if r.get("fidelity"))
    return {
        "fidelity": {k: fidelity.get(k, 0) for k in FIDELITY_LABELS},
        "by_outlet": summaries,
        "distinctive_terms": terms,
        "z_threshold": z_threshold,
        "term_background": "the full texts of this quote's articles",
        "loaded_variants": variants,
        "provenance": {
            "first": {
                "date": first[0]["date"] if first else None,
                "outlets": _distinct([t["outlet"] for t in first]),
                "article_ids": _distinct([t["article_id"] for t in first]),
                "tied": len({t["article_id"] for t in first}) > 1,
            },
            "timeline": timeline,
            "credit_chain": _credit_chain(items, records, known),
        },
    }


_COMPARED = ("fidelity", "cue_classes", "cues", "descriptors", "hedges", "credits", "placements")


def compare_outlets(framing: Mapping[str, Any], outlets: Sequence[str]) -> dict[str, Any]:
    """Two (or more) outlets side by side from a :func:`cluster_framing` block: who printed first and which
    framing fields differ between them."""
    by = framing.get("by_outlet") or {}
    present = [o for o in outlets if o in by]
    dated = sorted((by[o]["first_date"], o) for o in present if by[o]["first_date"])
    first: list[str] = [o for d, o in dated if d[:10] == dated[0][0][:10]] if dated else []
    differences = {
        key: {o: by[o][key] for o in present} for key in _COMPARED if len({repr(by[o][key]) for o in present}) > 1
    }
    terms = framing.get("distinctive_terms") or {}
    return {
        "outlets": list(outlets),
        "first": first,
        "tied": len(first) > 1,
        "outlet_framing": {o: by[o] for o in present},
        "distinctive_terms": {o: terms.get(o, []) for o in present},
        "differences": differences,
    }
