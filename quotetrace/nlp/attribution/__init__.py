"""Attribution on a parsed Doc: cue verb, speaker, kind and content span for each quotation.

The package is split by concern, each module a set of plain functions over one :class:`Context` (the Doc and
what is learnt about it): ``quotes`` (which spans are quotations to attribute), ``cues`` (reporting verbs),
``subjects`` and ``resolution`` (who speaks: the subject of the cue, names, pronouns, roles, unnamed sources),
``direct`` (the order of the rules for one quotation), ``reported`` (indirect and mixed speech) and
``transcripts`` (speaker labels). :func:`attribute` runs them on a Doc.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from quotetrace.nlp.attribution.context import SPEAKER_ENTS, Context
from quotetrace.nlp.attribution.direct import attribute_quote
from quotetrace.nlp.attribution.found import (
    GUESSED_SUBJECT_FACTOR,
    SPEAKER_CONFIDENCE,
    Found,
    speaker_confidence,
)
from quotetrace.nlp.attribution.quotes import echoes, keep, mark_quotes, merge_interrupted
from quotetrace.nlp.attribution.ranker import rerank
from quotetrace.nlp.attribution.reported import merge_mixed, reported
from quotetrace.nlp.attribution.resolution import ROLE_REACH, register_names
from quotetrace.nlp.attribution.subjects import DOC_NOUNS, from_name
from quotetrace.nlp.attribution.transcripts import split_transcript, transcript_lines
from quotetrace.nlp.marks import find_quotes

__all__ = [
    "DOC_NOUNS",
    "GUESSED_SUBJECT_FACTOR",
    "ROLE_REACH",
    "SPEAKER_CONFIDENCE",
    "SPEAKER_ENTS",
    "Context",
    "Found",
    "attribute",
    "find_all",
    "speaker_confidence",
]


def find_all(ctx: Context) -> list[Found]:
    """Find and attribute every quotation (and, with ``ctx.indirect``, every reported statement) of the Doc."""
    groups = find_quotes(ctx.text)
    mark_quotes(ctx, groups)
    register_names(ctx)
    groups = merge_interrupted(ctx, groups)
    found: list[Found] = []
    scare: list[Found] = []
    last: Found | None = None
    for g0 in groups:
        for g, label in split_transcript(ctx, g0):
            f = Found(spans=[(q.start, q.end) for q in g], quotes=g, paragraph=ctx.para_index(g[0].start))
            if label is not None:
                from_name(ctx, f, label[0], label[1], "transcript")
            if f.speaker is None:
                attribute_quote(ctx, f, last)
                rerank(ctx, f, last)
            last = keep(ctx, f, found, scare, last)
    found += transcript_lines(ctx, found)
    if ctx.indirect:
        found += reported(ctx, found)

    found.sort(key=lambda f: f.spans[0][0])
    merged = merge_mixed(ctx, found)
    for f in merged:
        if f.speaker is not None and f.speaker_kind is not None and f.via != "description":
            # (an unnamed source stays its description: "a lawyer for Mr. Grimm" is not Grimm)
            p = ctx.registry.lookup(f.speaker, "PERSON") if f.speaker_kind == "PERSON" else None
            p = p or ctx.registry.lookup(f.speaker, f.speaker_kind)
            if p is not None:
                f.speaker, f.speaker_kind = p.name, p.kind
        if f.kind == "mixed":
            s, e = f.spans[0][0], f.spans[-1][1]
            extra = [sp for x in scare for sp in x.spans if s <= sp[0] and sp[1] <= e]
            if extra:
                f.quoted_spans = sorted(set(f.quoted_spans) | set(extra))
    echoed = echoes(ctx, merged, scare)
    return sorted(merged + echoed, key=lambda f: f.spans[0][0]) if echoed else merged


def attribute(doc: Doc, *, indirect: bool = False, beliefs: bool = False) -> list[dict[str, Any]]:
    """Records (JSON-able dicts, doc offsets) for every quotation in ``doc``."""
    found = find_all(Context.of(doc, indirect=indirect, beliefs=beliefs))
    return [f.to_record() for f in sorted(found, key=lambda f: f.spans[0][0])]
