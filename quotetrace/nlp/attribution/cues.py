"""Cues: which tokens are reporting verbs that introduce speech, and finding the cue of a quotation."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from quotetrace.nlp.attribution.context import Context
from quotetrace.text.lexicon import CONVERSATION_WORDS, SPEECH_NOUNS
from quotetrace.text.verbs import NAMING_VERBS, SPEECH_VERBS

# Naming verbs whose past participle is mostly a printed label, not someone's words ("called" and "described"
# keep their older reading: "what he called “a disgrace”").
_LABELS = NAMING_VERBS - {"call", "describe"}
_NEEDS_NO_OBJECT = {
    "continue",
    "go",
    "begin",
    "start",
    "finish",
    "read",
    "hit",
    "fire",
    "call",
    "point",
    "figure",
    "charge",
}


def is_cue(ctx: Context, t: Token) -> bool:
    """Whether ``t`` is a speech verb (or "according") that can introduce what someone said."""
    if ctx.quote_mask[t.idx]:
        return False
    lemma = t.lemma_.lower()
    if lemma == "accord" and t.text.lower() == "according":
        return True
    if lemma == "put":
        return _puts_it(ctx, t)
    if t.pos_ not in {"VERB", "AUX"} and not t.tag_.startswith("VB") and not _verb_tagged_noun(t):
        return False
    if lemma not in SPEECH_VERBS or t.dep_ == "amod":
        return False  # "the so-called plan" is no speech
    if lemma in _LABELS and t.tag_ == "VBN" and not any(c.dep_ == "agent" or c.lemma_ == "have" for c in t.children):
        return False  # "a bag labeled “MDMA”", "the plan, dubbed “Medicare for All”": a name, no one's words
    if any(c.dep_ == "neg" and not ctx.quote_mask[c.idx] for c in t.children):
        return False  # "though he did not say whether …" attributes nothing
    if _mandated(t):
        return False  # "Gowdy asked that Clinton agree to …": what was asked of someone, not their words
    if lemma == "call" and any(_quotes_words(ctx, c) for c in t.children if c.dep_ in {"dobj", "oprd"}):
        return True  # "calling the protester “a troublemaker”": naming something in quoted words
    # "continue to support", "go to", "call for": not speech
    return not (
        lemma in _NEEDS_NO_OBJECT
        and any(
            c.dep_ in {"xcomp", "dobj", "prep", "attr"} and not ctx.quote_mask[c.idx] and not _quotes_words(ctx, c)
            for c in t.children
        )
    )


def _verb_tagged_noun(t: Token) -> bool:
    """ "“Who are you!” the seven-term congressman demands.", "The email read: “…”": a verb the tagger read as a noun,
    though the parser made it the sentence's root with a subject of its own."""
    return t.tag_ in {"NN", "NNS"} and t.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in t.children)


def _puts_it(ctx: Context, t: Token) -> bool:
    """ "As Doe put it, “…”", "Doe put it bluntly:", "Doe put it this way:": "put it" with no place to put it
    ("put it on the table", "put it down") says something."""
    kids = [c for c in t.children if not ctx.quote_mask[c.idx]]
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids) and not any(
        c.dep_ in {"prep", "prt", "dative", "oprd"} for c in kids
    )


def _quotes_words(ctx: Context, prep: Token) -> bool:
    """ "called for “hardening our defenses”": the object of the preposition is a quotation; "called the plan
    “a disgrace”": the object, or its apposition or predicate, is."""
    if prep.dep_ in {"dobj", "oprd"}:
        return any(ctx.quote_mask[d.idx] for d in prep.subtree if not d.is_punct)
    objs = [o for o in prep.children if o.dep_ in {"pobj", "pcomp"}] if prep.dep_ == "prep" else []
    return bool(objs) and all(ctx.quote_mask[o.idx] for o in objs)


def _mandated(t: Token) -> bool:
    """A bare verb with its own subject in the that-clause of a speech verb ("asked that Clinton agree",
    "demanded that he apologise"): a subjunctive, what someone was asked to do, never their speech. The tagger
    often reads it as a present tense: a singular subject without the -s ending gives it away."""
    if t.dep_ != "ccomp" or t.tag_ not in {"VB", "VBP"} or t.head.lemma_.lower() not in SPEECH_VERBS:
        return False
    kids = list(t.children)
    if any(c.dep_ in {"aux", "auxpass"} for c in kids):
        return False
    subj = next((c for c in kids if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return False
    if t.tag_ == "VB":
        return True
    singular = subj.tag_ in {"NN", "NNP"} or subj.lower_ in {"he", "she", "it"}
    return singular and t.head.lemma_.lower() in _MANDATIVE


# Speech verbs whose that-clause is a demand ("asked that she resign"), not a report of what happened.
_MANDATIVE = frozenset(
    {"ask", "demand", "urge", "insist", "recommend", "propose", "request", "suggest", "beg", "plead"}
)


def cue_in(ctx: Context, start: int, end: int) -> Token | None:
    """The first cue in the characters ``[start, end)`` (the gap of an interrupted quote)."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for t in span:
        if is_cue(ctx, t):
            return t
    return None


def cue_after(ctx: Context, close: int, para_end: int) -> Token | None:
    """The first cue after a quotation closing at ``close``, in its sentence and paragraph, within 30 words."""
    tok = ctx.tok_at(close) if close < len(ctx.text) else None
    if tok is None:
        return None
    sent_end = tok.sent.end
    seen = 0
    for t in ctx.doc[tok.i : min(len(ctx.doc), sent_end + 1)]:
        if t.idx >= para_end or ctx.quote_mask[t.idx]:
            break
        if is_cue(ctx, t):
            return t
        if not t.is_punct and not t.is_space:
            seen += 1
        if seen > 30:
            break
    return None


def cue_before(ctx: Context, para_start: int, open_at: int) -> Token | None:
    """The last cue before a quotation opening at ``open_at``, in its sentence and paragraph."""
    tok = ctx.tok_at(open_at)
    if tok is None:
        return None
    sent = tok.sent
    best: Token | None = None
    for t in ctx.doc[max(sent.start, 0) : tok.i]:
        if t.idx < para_start:
            continue
        if is_cue(ctx, t):
            best = t
    if (
        best is not None
        and best.dep_ == "advcl"
        and best.head.i < best.i
        and best.lemma_.lower() == "report"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in best.children)
        and is_cue(ctx, best.head)
    ):
        # "Doe said, as the Daily Mail reported: “…”": the "as" clause names who printed the words, the cue it
        # hangs on who said them (not "Cruz said as the heckler yelled: “…”": the heckler's words)
        return best.head
    return best


def cue_phrase(ctx: Context, cue: Token) -> tuple[str, tuple[int, int]]:
    """The cue as printed with its particle ("pointed out") and its character span."""
    end = cue.idx + len(cue)
    for c in cue.rights:
        if c.dep_ == "prt" and c.i == cue.i + 1:
            end = c.idx + len(c)
    return ctx.text[cue.idx : end], (cue.idx, end)


def addressee(ctx: Context, offset: int) -> bool:
    """Whether the name printed at ``offset`` is who was spoken to: the object of a speech verb ("she told the New
    York Times"), or of "to"/"with" after one, after a speech noun or a word of conversation ("said to Reuters",
    "speaking to Reuters", "in an interview with Axios"). An addressee never speaks (issue 12)."""
    t = ctx.tok_at(offset)
    if t is None:
        return False
    i = bisect.bisect_left(ctx.ent_starts, offset)
    if i < len(ctx.ents) and ctx.ents[i].start_char == offset:
        t = ctx.ents[i].root
    if t.dep_ in {"dobj", "dative"}:
        return is_cue(ctx, t.head)
    if t.dep_ == "pobj" and t.head.lower_ in {"to", "with"}:
        h = t.head.head
        return is_cue(ctx, h) or h.lemma_.lower() in SPEECH_NOUNS or h.lemma_.lower() in CONVERSATION_WORDS
    return False
