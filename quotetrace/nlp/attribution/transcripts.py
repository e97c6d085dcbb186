"""Transcripts: speaker labels ("WALLACE: …", "Q:"/"A:" excluded) inside a quotation and as unquoted lines."""

from __future__ import annotations

import re

from quotetrace.nlp.attribution.context import Context
from quotetrace.nlp.attribution.found import Found
from quotetrace.nlp.attribution.subjects import from_name
from quotetrace.nlp.marks import QuoteSpan

TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’\- ]{1,38}[A-Z.])\s*:\s+(?=\S)")  # used with .match: anchored
TRANSCRIPT_STOP = {"UPDATE", "EDITOR'S NOTE", "NOTE", "WATCH", "READ MORE", "PHOTOS", "VIDEO", "RELATED", "Q", "A"}


def split_transcript(ctx: Context, g: list[QuoteSpan]) -> list[tuple[list[QuoteSpan], tuple[int, int] | None]]:
    """A quoted transcript ("WALLACE: …") becomes one quotation per speaker turn, labels removed."""
    out: list[tuple[list[QuoteSpan], tuple[int, int] | None]] = []
    for q in g:
        m = TRANSCRIPT.match(ctx.text, q.start, q.end)
        if m and m.group(1).strip() not in TRANSCRIPT_STOP and len(m.group(1).split()) <= 4:
            moved = QuoteSpan(m.end(), q.end, q.open_at, q.close_at, q.double)
            out.append(([moved], (m.start(1), m.end(1))))
        elif out:
            out[-1][0].append(q)
        else:
            out.append(([q], None))
    return out


def transcript_lines(ctx: Context, found: list[Found]) -> list[Found]:
    """Interview transcripts print speech without marks: "WALLACE: Do you ...". Needs two labelled lines."""
    hits = []
    for i, (ps, pe) in enumerate(ctx.paras):
        m = TRANSCRIPT.match(ctx.text[ps:pe])
        if m and m.group(1).strip() not in TRANSCRIPT_STOP and len(m.group(1).split()) <= 4:
            hits.append((i, ps, pe, m))
    if len({m.group(1).strip() for _, _, _, m in hits}) < 2 or len(hits) < 2:
        return []
    quoted = {f.paragraph for f in found}
    out = []
    for i, ps, pe, m in hits:
        if i in quoted:
            continue
        start = ps + m.end()
        f = Found(spans=[(start, pe)], quotes=[], paragraph=i)
        from_name(ctx, f, ps + m.start(1), ps + m.end(1), "transcript")
        out.append(f)
    return out
