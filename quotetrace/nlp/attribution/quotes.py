"""Quotations: which quoted spans are quotations to attribute (interrupted quotes joined; titles of works and scare
quotes set apart)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotetrace.nlp.attribution.context import Context
from quotetrace.nlp.attribution.cues import cue_after, is_cue
from quotetrace.nlp.attribution.found import Found
from quotetrace.nlp.attribution.reported import set_kind
from quotetrace.nlp.attribution.resolution import note_speaker
from quotetrace.nlp.attribution.subjects import from_cue, resolve_subject, subject_of
from quotetrace.nlp.marks import QuoteSpan
from quotetrace.normalise import quote_tokens
from quotetrace.text.sentences import FIRM_ENDS, ends_sentence
from quotetrace.text.stopwords import STOPWORDS
from quotetrace.text.verbs import OBJECT_CUE_VERBS, REPORTING_VERBS

_TITLE_WORDS = re.compile(r"[A-Za-z][\w’'&.-]*")
_SENTENCE_BREAK = re.compile(rf"[{re.escape(FIRM_ENDS)}]\s")  # an end mark inside: sentences, not a title
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
    if f.speaker is None and f.rule is None:
        _attribute_to_governing_cue(ctx, f)
    if f.speaker is None and f.rule is None and is_scare(ctx, f) and not _whole_sentence(ctx, f):
        scare.append(f)
        return last
    found.append(f)
    if f.speaker is not None:
        note_speaker(ctx, f)
        return f
    return last


def _attribute_to_governing_cue(ctx: Context, f: Found) -> None:
    """ "She called the decision “a huge mistake”", "LePage claimed that dealers with names like “D-Money” …": a
    quotation inside what a speech verb reports, with no cue of its own, is the words of that verb's subject (a term
    becomes speech when the article attributes it with a saying verb)."""
    tok = ctx.tok_at(f.quotes[0].start)
    if tok is None:
        return
    cue = next((a for a in tok.ancestors if a.i < tok.i and _speech_verb(ctx, a)), None)
    if cue is None:
        return
    from_cue(ctx, f, cue, "before")
    if f.speaker is None and f.speaker_mention is None and cue.dep_ in {"acl", "advcl"}:
        # "Clinton released a statement calling the massacre an “act of terror”": the one who issued it
        up = next((a for a in cue.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        subj = subject_of(ctx, up) if up is not None else None
        if subj is not None:
            resolve_subject(ctx, f, subj)
    if f.speaker is None and f.speaker_mention is None:
        f.cue, f.cue_text, f.cue_span, f.rule = None, None, None, None
        return
    set_kind(ctx, f, cue, "before")


def _speech_verb(ctx: Context, t: Token) -> bool:
    lemma = t.lemma_.lower()
    if lemma not in REPORTING_VERBS and lemma not in OBJECT_CUE_VERBS:
        return False
    if ctx.quote_mask[t.idx] or not t.tag_.startswith("VB") or t.dep_ in {"amod", "compound"}:
        return False
    return not any(c.dep_ == "neg" for c in t.children)


def _whole_sentence(ctx: Context, f: Found) -> bool:
    """ "“Who are you!”": a short quotation that is a sentence of its own (a finite verb, a capital, a full stop),
    starting its paragraph or sentence, is speech however few its words."""
    if len(f.quotes) != 1:
        return False
    words = ctx.text[f.quotes[0].start : f.quotes[0].end].strip()
    if not words[:1].isupper() or not ends_sentence(words, firm=True) or len(words.split()) < 2:
        return False
    span = ctx.doc.char_span(f.quotes[0].start, f.quotes[0].end, alignment_mode="expand")
    if span is None or not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in span):
        return False  # "A change warrior.": a phrase, not a sentence said
    return is_standalone(ctx, f, ctx.paras[ctx.para_index(f.quotes[0].start)][0])


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
                    and not _cued_before(ctx, out[-1][0])
                    and not clause_cues(ctx, out[-1][0])
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


def _cued_before(ctx: Context, q: QuoteSpan) -> bool:
    """ "Blinken said: “…” Stoltenberg agreed: “…”": a quotation its own cue introduces in its sentence is no
    quotation the next cue interrupts."""
    tok = ctx.tok_at(q.open_at)
    if tok is None:
        return False
    span = ctx.doc.char_span(tok.sent.start_char, q.open_at, alignment_mode="contract")
    if span is None or not ctx.text[tok.sent.start_char : q.open_at].rstrip().endswith((":", ",")):
        return False
    # "Asked about the plan, “…,” Lopez said, “…”": a participle hung on the verb after the quotation sets the
    # scene for that cue; it introduces nothing itself
    return any(is_cue(ctx, t) and not (t.dep_ == "advcl" and t.head.idx > q.open_at) for t in span)


def clause_cues(ctx: Context, q: QuoteSpan) -> list[Token]:
    """The cues before quotation ``q`` in its sentence inside whose clause it opens ("Lopez said the plan “would
    cost billions,” calling it …": "said"): the words it quotes are that cue's report, whatever cue follows. None
    for a quotation that opens its sentence or follows a colon or a comma ("Asked about it, “…,” Lopez said")."""
    inner = ctx.tok_at(q.start)
    if inner is None:
        return []
    lead = ctx.text[inner.sent.start_char : q.open_at].rstrip()
    if not lead or lead.endswith((":", ",")):
        return []
    return [a for a in inner.ancestors if a.idx < q.open_at and is_cue(ctx, a)]


def _gap_is_embedding(gap: str) -> bool:
    return bool(re.search(r"\b(?:that|because|as)\s*$", gap.strip(" ,")))


def is_standalone(ctx: Context, f: Found, para_start: int) -> bool:
    """Whether the quotation starts its paragraph or a new sentence (after an end mark, a colon or a closing
    quotation mark; it may follow on)."""
    first = f.quotes[0]
    before = ctx.text[para_start : first.open_at].strip()
    return not before or ends_sentence(before, firm=True) or before.endswith((":", "”", '"', "’"))


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
    if not words or len(words) > 9 or _SENTENCE_BREAK.search(content):
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


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


def echoes(ctx: Context, found: list[Found], scare: list[Found]) -> list[Found]:
    """A headline's scare quotes that repeat the words of one speaker's quotation in the same article:
    "Benghazi committee seeks 'transcribed' interview" over Gowdy's "... a transcribed interview ...". Each becomes
    a direct quotation of that speaker (rule and via ``echo``), matched word for word as the clusterer matches
    (:func:`quotetrace.normalise.quote_tokens`); a fragment held by quotations of two speakers, or of stopwords only,
    or inside a reported statement stays a scare quote."""
    out: list[Found] = []
    quoted = [
        (f, quote_tokens(" ".join(ctx.text[s:e] for s, e in (f.quoted_spans if f.kind == "mixed" else f.spans))).words)
        for f in found
        if f.speaker is not None and f.kind in ("direct", "mixed") and f.rule != "echo"
    ]
    for x in scare:
        if x.paragraph != 0 or len(ctx.paras) < 2:
            continue  # in the body, a scare quote is the writer's words as often as the speaker's (PolNeAR train)
        lo, hi = x.spans[0][0], x.spans[-1][1]
        if any(f.spans[0][0] <= lo and hi <= f.spans[-1][1] for f in found):
            continue  # part of a statement already (a mixed quotation's quoted words)
        run = quote_tokens(" ".join(ctx.text[s:e] for s, e in x.spans)).words
        if not run or all(w in STOPWORDS for w in run):
            continue
        holders = {(f.speaker, f.speaker_kind) for f, words in quoted if _holds(words, run)}
        if len(holders) != 1:
            continue
        ((speaker, kind),) = holders
        out.append(
            Found(
                spans=list(x.spans),
                quotes=x.quotes,
                paragraph=x.paragraph,
                speaker=speaker,
                speaker_kind=kind,
                rule="echo",
                via="echo",
            )
        )
    return out
