"""Quotations: which quoted spans are quotations to attribute (interrupted quotes joined; titles of works and scare
quotes set apart)."""

from __future__ import annotations

import re

from quotetrace.nlp.attribution.context import Context
from quotetrace.nlp.attribution.cues import cue_after, is_cue
from quotetrace.nlp.attribution.found import Found
from quotetrace.nlp.attribution.resolution import note_speaker
from quotetrace.nlp.marks import QuoteSpan

_TITLE_WORDS = re.compile(r"[A-Za-z][\w’'&.-]*")
_MINOR = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "is",
    "it",
    "as",
    "vs",
    "but",
    "nor",
}


def keep(ctx: Context, f: Found, found: list[Found], scare: list[Found], last: Found | None) -> Found | None:
    """File ``f`` as a mention, a scare quote, or nothing (a title); return the new 'previous speaker'."""
    in_head = f.paragraph == 0 and len(ctx.paras) > 1
    if is_title(ctx, f) and not in_head and (f.kind != "direct" or f.rule in {None, "follow-on"}):
        return last  # the name of a show, book or article
    if f.speaker is None and f.rule is None and is_scare(ctx, f):
        scare.append(f)
        return last
    found.append(f)
    if f.speaker is not None:
        note_speaker(ctx, f)
        return f
    return last


def merge_interrupted(ctx: Context, groups: list[list[QuoteSpan]]) -> list[list[QuoteSpan]]:
    """Join a quotation interrupted by its cue (“…,” she said, “…”) into one group."""
    out: list[list[QuoteSpan]] = []
    for g in groups:
        if out:
            prev = out[-1][-1]
            cur = g[0]
            if prev.close_at is not None and ctx.para_index(prev.close_at) == ctx.para_index(cur.open_at):
                gap = ctx.text[prev.close_at + 1 : cur.open_at]
                raw_end = ctx.text[prev.start : prev.close_at].rstrip()
                if (
                    raw_end[-1:] in {",", ".", "?", "!", "…", "—", "-", ":"}
                    and len(gap.split()) <= 30
                    and re.search(r"[,.:;]\s*$", gap)
                    and _gap_has_cue(ctx, prev.close_at + 1, cur.open_at)
                    and not _gap_is_embedding(gap)
                    and not _has_own_cue(ctx, g[-1])
                ):
                    out[-1] = out[-1] + g
                    continue
        out.append(list(g))
    return out


def _gap_has_cue(ctx: Context, start: int, end: int) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return False
    cues = sum(1 for t in span if is_cue(ctx, t))
    sentence_breaks = sum(1 for t in span if t.text in {".", "!", "?"})
    return cues == 1 and sentence_breaks <= 1


def _has_own_cue(ctx: Context, q: QuoteSpan) -> bool:
    """A quote closing with a comma and followed by its own cue is a separate quotation."""
    if q.close_at is None:
        return False
    para_end = ctx.paras[ctx.para_index(q.start)][1]
    return cue_after(ctx, q.close_at + 1, para_end) is not None


def _gap_is_embedding(gap: str) -> bool:
    return bool(re.search(r"\b(?:that|because|as)\s*$", gap.strip(" ,")))


def is_standalone(ctx: Context, f: Found, para_start: int) -> bool:
    """Whether the quotation starts its paragraph or a new sentence (it may follow on)."""
    first = f.quotes[0]
    before = ctx.text[para_start : first.open_at].strip()
    return not before or bool(re.search(r"[.!?:”\"’]$", before))


def is_scare(ctx: Context, f: Found) -> bool:
    """Whether an unattributed quotation is too short to be speech (a scare quote)."""
    words = sum(len(ctx.text[s:e].split()) for s, e in f.spans)
    return words < ctx.min_unattributed_words


def is_title(ctx: Context, f: Found) -> bool:
    """“Fox News Sunday”, 'The 411', "Make Your Kid a Millionaire": names of works and shows, not speech."""
    if len(f.quotes) != 1:
        return False
    s, e = f.quotes[0].start, f.quotes[0].end
    content = ctx.text[s:e].rstrip(".,!?")
    words = _TITLE_WORDS.findall(content)
    if not words or len(words) > 9 or re.search(r"[.!?]\s", content):
        return False
    major = [w for w in words if w.lower() not in _MINOR]
    if not major or not all(w[0].isupper() or w[0].isdigit() for w in major):
        return False
    before = ctx.text[max(0, f.quotes[0].open_at - 2) : f.quotes[0].open_at].strip()
    return not (before == "" and len(words) > 3 and content == content.upper())


def mark_quotes(ctx: Context, groups: list[list[QuoteSpan]]) -> None:
    """Set ``ctx.quote_mask`` over every quotation, its marks included."""
    for g in groups:
        for q in g:
            lo = q.open_at
            hi = (q.close_at + 1) if q.close_at is not None else q.end
            ctx.quote_mask[lo:hi] = b"\x01" * (hi - lo)
