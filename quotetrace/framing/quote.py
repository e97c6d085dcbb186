"""Framing of one quote across its appearances: per-appearance fields and the cross-outlet block, as JSON-ready dicts.

Pure data in and out (models and strings; no store, no terminal): :func:`mention_framing` gives the contract's
framing fields of one appearance (wording fidelity against the cluster's fullest wording, cue class, hedges,
descriptor, credits); :func:`cluster_framing` gives what varies across outlets around the quote (fidelity and cue
classes per outlet, distinctive context terms, loaded variants, timeline and credit chain); :func:`compare_outlets`
sets two outlets side by side.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from quotetrace.framing.context import Span, Window, blank_out, sentence_bounds
from quotetrace.framing.credits import Credit, find_credits
from quotetrace.framing.cues import classify_cue
from quotetrace.framing.descriptors import split_descriptor
from quotetrace.framing.distinctive import distinctive_terms
from quotetrace.framing.hedges import find_hedges
from quotetrace.framing.variants import loaded_variants
from quotetrace.framing.wording import compare_wording
from quotetrace.models import Article, Mention

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
    "quick_fidelity",
    "quote_spans",
    "same_outlet",
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


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w&]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def same_outlet(a: str | None, b: str | None) -> bool:
    """True when two printed outlet names name the same outlet ("BBC" / "BBC News", "the Post" never guesses)."""
    if not a or not b:
        return False
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    return fa == fb or fb.startswith(fa + " ") or fa.startswith(fb + " ")


def classify_cue_pair(cue: str | None, lemma: str | None) -> str | None:
    """The class of a cue verb from its lemma (``$QUOTETRACE_CUE_CLASSES`` extends the table); a printed phrasal
    verb ("fired back", "pointed out") is classed whole first, and the printed form is the fallback."""
    printed = (cue or "").strip()
    if " " in printed:
        found = classify_cue(printed)
        if found is not None:
            return found
    return classify_cue(lemma) or classify_cue(printed or None)


def cue_class_of(mention: Mention) -> str | None:
    """The class of the mention's cue verb (see :func:`classify_cue_pair`)."""
    return classify_cue_pair(mention.cue, mention.cue_lemma)


def describe(descriptor: str | None, speaker_mention: str | None, speaker: str | None) -> str | None:
    """How an article describes the speaker at the attribution, as printed: the extractor's descriptor, else
    what the printed mention says besides the name ("NATO Secretary General Jens Stoltenberg")."""
    if descriptor:
        return " ".join(descriptor.split())
    if speaker_mention:
        found = split_descriptor(" ".join(speaker_mention.split()), speaker)
        return " ".join(found.split()) if found else None
    return None


def descriptor_of(mention: Mention) -> str | None:
    """How the article describes the speaker at the mention's attribution (see :func:`describe`)."""
    return describe(mention.descriptor, mention.speaker_mention, mention.speaker)


def quick_fidelity(words: str, norm: str, full: str, full_norm: str) -> str:
    """The fidelity label of ``words`` against ``full``, settled on the stored normalised forms when they are equal
    (full) or one contains the other at word boundaries (fragment), else by :func:`compare_wording`."""
    if norm and norm == full_norm:
        return "full"
    if norm and f" {norm} " in f" {full_norm} ":
        return "fragment"
    return compare_wording(full, words).label


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
        self.pieces: list[tuple[int, int, int, list[int]]] = []  # (start in words, end in words, article start, map)
        cursor = 0
        for s, e in quote_spans(mention):
            raw = text[s:e]
            collapsed = " ".join(raw.split())
            if not collapsed:
                continue
            at = words.find(collapsed, cursor)
            if at < 0:
                continue
            self.pieces.append((at, at + len(collapsed), s, _offset_map(raw)))
            cursor = at + len(collapsed)

    def span(self, start: int, end: int) -> list[int] | None:
        """``[start, end)`` of the words as article offsets, or None when it is not inside one quoted piece."""
        for p0, p1, base, omap in self.pieces:
            if p0 <= start <= end <= p1:
                if start == end:  # a point (where words were cut)
                    pos = base + (omap[start - p0] if start < p1 else omap[-1] + 1)
                    return [pos, pos]
                return [base + omap[start - p0], base + omap[end - 1 - p0] + 1]
        return None


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


def mention_framing(
    full: str,
    mention: Mention,
    article: Article,
    words: str | None = None,
    *,
    bounds: Sequence[Span] | None = None,
) -> dict[str, Any]:
    """The framing fields of one appearance of a quote whose fullest wording is ``full``.

    ``words`` are the mention's words that were clustered (the quoted pieces of a mixed mention; default the
    mention's text). ``bounds`` are the article's sentence spans when the caller has them. Returns the contract's
    ``fidelity``, ``coverage``, ``edits``, ``cue_class``, ``hedges`` and ``descriptor``, plus
    ``dropped_qualifier``, ``hedge_details`` and ``credits`` (article offsets in ``span``/``article_span``).
    """
    text = article.text or ""
    variant = words if words is not None else mention.text
    fid = compare_wording(full, variant)
    wmap = _WordsMap(variant, mention, text) if text else None
    edits = []
    for e in fid.edits:
        d = e.to_dict()
        d["article_span"] = wmap.span(e.variant_start, e.variant_end) if wmap else None
        edits.append(d)
    out: dict[str, Any] = {
        "fidelity": fid.label,
        "coverage": round(fid.coverage, 4),
        "edits": edits,
        "dropped_qualifier": fid.dropped_qualifier,
        "cue_class": cue_class_of(mention),
        "descriptor": descriptor_of(mention),
        "hedges": [],
        "hedge_details": [],
        "credits": [],
    }
    if not text or not mention.spans:
        return out
    lo, hi = _attribution_bounds(mention)
    window = Window(text, lo, hi, sentence_bounds(text) if bounds is None else bounds)
    s0, s1 = window.sentence
    inside = [(s - s0, e - s0) for s, e in quote_spans(mention)]
    hedges = find_hedges(text[s0:s1], inside)
    out["hedges"] = [h.text for h in hedges]
    out["hedge_details"] = [{"text": h.text, "kind": h.kind, "span": [s0 + h.start, s0 + h.end]} for h in hedges]
    out["credits"] = _credits(text, window, article.outlet)
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
        window = Window(text, *_attribution_bounds(mention), sentence_bounds(text))
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
