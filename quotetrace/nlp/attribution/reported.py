"""Reported speech: indirect statements without quotation marks ("X said (that) …", "according to X, …") and
mixed quotations, where quoted words sit inside a reported clause."""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotetrace.nlp.attribution.context import Context
from quotetrace.nlp.attribution.cues import cue_phrase, is_cue
from quotetrace.nlp.attribution.found import Found
from quotetrace.nlp.attribution.subjects import from_cue, resolve_subject, saying_owner, subject_of
from quotetrace.nlp.credit_lines import is_credit_line
from quotetrace.nlp.marks import ALL_MARKS, is_apostrophe
from quotetrace.text.lexicon import HEADLINE_RUBRICS, SPEECH_NOUNS
from quotetrace.text.verbs import (
    ADDRESSEE_VERBS,
    BELIEF_VERBS,
    HEADLINE_SOURCES,
    OBJECT_CUE_VERBS,
    REPORTING_VERBS,
    SPEECH_NOUN_VERBS,
)

_INTRO_FILLER = re.compile(r"^(?:that|saying|as saying|:|,|—|–|-|\s)*$", re.IGNORECASE)


def reported(ctx: Context, found: list[Found]) -> list[Found]:
    """Indirect speech: "X said (that) …", "X warned …", "according to X, …" — no quotation marks."""
    covered = bytearray(ctx.quote_mask)
    for f in found:
        for a, b in f.spans:
            covered[a:b] = b"\x01" * (b - a)
    out: list[Found] = []
    for i in _verb_candidates(ctx):
        t = ctx.doc[i]
        if covered[t.idx]:
            continue
        lemma = t.lemma_.lower()
        belief = ctx.beliefs and lemma in BELIEF_VERBS and t.pos_ in {"VERB", "AUX"}
        reporting = lemma in REPORTING_VERBS or t.lower_ == "according"
        objective = (lemma in OBJECT_CUE_VERBS or _speech_noun_object(ctx, t)) and _is_object_cue(ctx, t)
        if not (belief or (reporting and is_cue(ctx, t)) or objective):
            continue
        spans: list[tuple[int, int]] | None = None
        if t.lower_ == "according":
            spans = _according_content(ctx, t)
            span = (spans[0][0], spans[-1][1]) if spans else None
        elif objective and not reporting:
            span = _object_content(ctx, t)
        else:
            span = _reported_clause(ctx, t)
            if span is None:
                spans = _parenthetical_content(ctx, t)
                span = (spans[0][0], spans[-1][1]) if spans else (_object_content(ctx, t) if objective else None)
        if span is None:
            continue
        a, b = span
        if _taken(ctx, found, covered, t, a, b) or len(ctx.text[a:b].split()) < 2 or not_a_report(t):
            continue
        if is_credit_line(t.sent.text):
            continue  # staff credits ("Additional reporting by …") are not speech
        f = Found(spans=spans or [(a, b)], quotes=[], kind="indirect", paragraph=ctx.para_index(a))
        from_cue(ctx, f, t, "indirect")
        if f.speaker is None and f.speaker_mention is None:
            _described_source(ctx, f, t)
        if f.speaker is None and f.speaker_mention is None:
            continue  # "It was reported that …": no source, not a statement we can attribute
        for x, y in f.spans:
            covered[x:y] = b"\x01" * (y - x)
        out.append(f)
    out += _noun_reports(ctx, found, covered)
    out += _headline_labels(ctx, found, covered)
    return out


# Nouns of saying whose to-infinitive or "for" says what was said: "his promise to seek …", "her call for a ban".
_INTENT_NOUNS = frozenset(["promise", "pledge", "vow", "threat", "call", "demand", "plea", "appeal", "warning"])


def _noun_reports(ctx: Context, found: list[Found], covered: bytearray) -> list[Found]:
    """A noun of saying with its owner and its content: "Trump's statement on Tuesday that he was bowing out",
    "the senator's claim that the bill would cut taxes", "his promise to seek the death penalty", "the vow by
    Smith that …". The owner speaks; the noun is the cue. A noun without an owner ("the claim that vaccines
    cause autism") reports no one."""
    strings = ctx.doc.vocab.strings
    out: list[Found] = []
    for i, lemma in enumerate(ctx.doc.to_array(["LEMMA"]).tolist()):
        if strings[lemma].lower() not in SPEECH_NOUNS:
            continue
        n = ctx.doc[i]
        if n.pos_ != "NOUN" or covered[n.idx]:
            continue
        owner = saying_owner(ctx, (n,), described=True)
        span = _noun_content(ctx, n) if owner is not None else None
        if owner is None or span is None:
            continue
        a, b = span
        if _taken(ctx, found, covered, n, a, b) or len(ctx.text[a:b].split()) < 2:
            continue
        f = Found(spans=[(a, b)], quotes=[], kind="indirect", paragraph=ctx.para_index(a))
        f.cue = n
        f.cue_text, f.cue_span = cue_phrase(ctx, n)
        f.rule = "indirect"
        resolve_subject(ctx, f, owner)
        if f.speaker is None and f.speaker_mention is None:
            continue
        covered[a:b] = b"\x01" * (b - a)
        out.append(f)
    return out


def _noun_content(ctx: Context, n: Token) -> tuple[int, int] | None:
    """What a noun of saying reports: its that-clause, or for a promise, call or warning its to-infinitive or
    its "for"/"against" object."""
    for c in n.children:
        if c.i <= n.i or ctx.quote_mask[c.idx]:
            continue
        lo: Token | None = None
        if c.dep_ in {"acl", "ccomp"} and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children):
            that = next(k for k in c.children if k.dep_ == "mark" and k.lower_ == "that")
            lo = ctx.doc[that.i + 1] if that.i + 1 < len(ctx.doc) else None
        elif n.lemma_.lower() in _INTENT_NOUNS and c.dep_ in {"acl", "xcomp"} and c.tag_ == "VB":
            lo = c.left_edge if c.left_edge.lower_ == "to" else None
        elif n.lemma_.lower() in _INTENT_NOUNS and c.dep_ == "prep" and c.lower_ in {"for", "against"}:
            lo = ctx.doc[c.i + 1] if c.i + 1 < len(ctx.doc) and _content_prep(c) else None
        if lo is None:
            continue
        hi = _before_next_cue(ctx, c, c.right_edge)
        while hi.i > lo.i and hi.is_punct:
            hi = ctx.doc[hi.i - 1]
        if hi.i > lo.i:
            return lo.idx, hi.idx + len(hi)
    return None


def _taken(ctx: Context, found: list[Found], covered: bytearray, cue: Token, a: int, b: int) -> bool:
    """Whether the content ``[a, b)`` is already someone's: it starts inside a quotation or an earlier report, it
    holds a quotation attributed by this same cue (a mixed quotation), or it is mostly quoted words. A scare quote
    or another speaker's quotation inside it ("whom he described as “peaceful”") leaves it free."""
    if not any(covered[a:b]):
        return False
    if covered[a] or 2 * sum(covered[a:b]) > b - a:
        return True
    return any(f.cue is not None and f.cue == cue and f.spans[0][0] < b and a < f.spans[-1][1] for f in found)


def _described_source(ctx: Context, f: Found, cue: Token) -> None:
    """An unnamed source the subject rules leave without a speaker ("Some of Clinton's allies said …", "three-
    quarters said …", "according to a poll of 400 voters"): its description, as printed, is the speaker."""
    subj = subject_of(ctx, cue)
    if subj is None or subj.dep_ == "expl" or ctx.quote_mask[subj.idx]:
        return
    if subj.pos_ == "PRON" and not any(c.dep_ == "prep" for c in subj.children):  # "some of …" is a description
        return
    if subj.lower_ in {"it", "that", "this", "there", "which", "who", "what"}:
        return
    lo, hi = subj.left_edge, subj.right_edge
    if hi.i >= cue.i > lo.i:
        hi = ctx.doc[cue.i - 1]
    while hi.i > lo.i and (hi.is_punct or hi.dep_ in {"cc", "punct"}):
        hi = ctx.doc[hi.i - 1]
    s, e = lo.idx, hi.idx + len(hi)
    if e - s > 200:
        return
    f.speaker_mention, f.speaker_span, f.descriptor = ctx.text[s:e], (s, e), ctx.text[s:e]
    f.via = "description"


def _verb_candidates(ctx: Context) -> list[int]:
    """Indices of the tokens whose lemma is a reporting (or, with beliefs, belief) verb, or that read "according":
    read off the doc's attribute arrays, so that the other tokens never become Python objects."""
    strings = ctx.doc.vocab.strings
    wanted = REPORTING_VERBS | OBJECT_CUE_VERBS | SPEECH_NOUN_VERBS | (BELIEF_VERBS if ctx.beliefs else frozenset())
    according = strings.add("according")
    known: dict[int, bool] = {}
    out: list[int] = []
    for i, (lemma, lower) in enumerate(ctx.doc.to_array(["LEMMA", "LOWER"]).tolist()):
        hit = known.get(lemma)
        if hit is None:
            hit = known[lemma] = strings[lemma].lower() in wanted
        if hit or lower == according:
            out.append(i)
    return out


def _speech_noun_object(ctx: Context, cue: Token) -> bool:
    """ "Trump reiterated his call for a ban", "issued a warning that …": a verb of ``SPEECH_NOUN_VERBS`` whose
    object is a noun of saying with a complement of its own reports by that object ("renewed his demand that …";
    not "issued a statement: “…”", whose words are the quotation's)."""
    if cue.lemma_.lower() not in SPEECH_NOUN_VERBS:
        return False
    return any(
        c.dep_ == "dobj"
        and c.pos_ == "NOUN"
        and c.lemma_.lower() in SPEECH_NOUNS
        and (
            any(
                k.i > c.i
                and not ctx.quote_mask[k.idx]
                and (k.dep_ in {"acl", "ccomp", "relcl"} or _content_prep(k))
                and not (k.tag_ == "VBG" and k.lemma_.lower() in REPORTING_VERBS)  # "a statement saying …": its own cue
                for k in c.children
            )
            or any(k.i > c.i and k.dep_ == "ccomp" and not ctx.quote_mask[k.idx] for k in cue.children)
        )
        for c in cue.children
    )


def _content_prep(prep: Token) -> bool:
    """A preposition that says what a noun of saying is about ("a call for a ban", "a warning against …"), not when
    or where it was made ("a statement on Monday"), nor one that introduces a quotation after a colon."""
    if prep.dep_ != "prep" or prep.lower_ not in _OBJECT_PREPS:
        return False
    if any(o.ent_type_ in {"DATE", "TIME"} for o in prep.children):
        return False
    end = prep.right_edge.i + 1
    return not (end < len(prep.doc) and prep.doc[end].text == ":")


def _reported_clause(ctx: Context, cue: Token) -> tuple[int, int] | None:
    # "More than six in 10 said …; 46 percent said they were …": a clause before the cue and a semicolon is a
    # sentence of its own the parser hung on this one, never what it reports
    comp = next(
        (
            c
            for c in cue.children
            if c.dep_ == "ccomp"
            and not (c.i < cue.i and any(t.text == ";" for t in ctx.doc[c.right_edge.i + 1 : cue.i]))
        ),
        None,
    )
    if comp is None:
        comp = _gerund_subject_clause(cue)
    if comp is None:
        return None
    lo, hi = comp.left_edge, _before_next_cue(ctx, comp, comp.right_edge)
    that = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > lo.i), None)
    if that is not None and that.i > cue.i and ctx.doc[that.i - 1].text == ",":
        lo = that  # "said last week, when the report came out, that …": the aside before "that" is the writer's
    while lo.i < hi.i and (
        (lo.dep_ == "mark" and lo.lower_ in {"that", "whether", "if"})
        or (lo.dep_ == "advmod" and lo.lower_ == "that" and lo.head.i == comp.i)  # "said at the time that …"
        or lo.is_punct
    ):
        lo = ctx.doc[lo.i + 1]
    while hi.i > lo.i and hi.is_punct:
        hi = ctx.doc[hi.i - 1]
    if comp.i > cue.i:
        lo = _past_time_of_saying(ctx, comp, lo)
    if (comp.i < cue.i and hi.i >= cue.i) or lo.i <= cue.i <= hi.i:
        return None
    return lo.idx, hi.idx + len(hi)


#: The words of "said Monday", "said last week", "said on Tuesday morning": when it was said.
_SAYING_DAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight"}
    | {"last", "this", "earlier", "week", "weekend", "month", "morning", "afternoon", "evening", "night"}
)


def _past_time_of_saying(ctx: Context, comp: Token, lo: Token) -> Token:
    """ "said on Monday it would cut jobs", "said last week the plant would close": without "that", the parser puts
    when it was said inside the clause; a date before the clause's subject is the time of saying, not what was
    said."""
    subj = next((c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subj is None or subj.left_edge.i <= lo.i or any(c.dep_ == "mark" and c.i < subj.i for c in comp.children):
        return lo  # "said that on Monday it would …": the date is inside the clause
    lead = [t for t in ctx.doc[lo.i : subj.left_edge.i] if not t.is_punct]
    if lead and lead[0].lower_ == "on":
        lead = lead[1:]
    if lead and all(t.lower_ in _SAYING_DAYS for t in lead):
        return subj.left_edge
    return lo


def _gerund_subject_clause(cue: Token) -> Token | None:
    """ "He said legalizing it could put thousands to work": the parser hung the clause's gerund subject on the cue
    as its complement and the clause's verb on the gerund; the gerund, right after the cue, heads the report."""
    ger = next((c for c in cue.children if c.dep_ == "xcomp" and c.i == cue.i + 1 and c.tag_ == "VBG"), None)
    if ger is None:
        return None
    verb = next((c for c in ger.children if c.dep_ == "ccomp" and c.i > ger.i), None)
    if verb is None or not any(k.dep_ in {"nsubj", "aux"} for k in verb.children):
        return None
    return ger


def _before_next_cue(ctx: Context, head: Token, hi: Token) -> Token:
    """Where reported content under ``head`` stops: before a trailing cue of its own (", saying …", ", according
    to Politico"), which reports something else or the same thing again, and before a trailing non-restrictive
    relative clause (", who has been outspoken …", ", which is conducting its own probe"): the writer's aside."""
    for t in head.subtree:
        if t.i <= head.i or t.i > hi.i:
            continue
        left = t.left_edge
        lemma = t.lemma_.lower()
        cue = t.dep_ in {"advcl", "prep", "conj", "parataxis"} and (
            t.lower_ == "according" or (lemma in REPORTING_VERBS and t.tag_ == "VBG")
        )
        # "said it was too early … but added, “…”": a second cue of the same sayer, hung by the parser on the clause
        cue = cue or (
            t.dep_ == "conj"
            and t.pos_ == "VERB"
            and lemma in REPORTING_VERBS
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
            and (
                any(c.dep_ == "ccomp" for c in t.children)
                or (t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].text in {",", ":"})
            )
        )
        # ", while other voters said …": another sayer's report, set off after this one
        cue = cue or (
            t.dep_ in {"advcl", "conj"}
            and lemma in REPORTING_VERBS
            and t.pos_ == "VERB"
            and any(c.dep_ == "nsubj" and not ctx.quote_mask[c.idx] for c in t.children)
            and left.i > 0
            and ctx.doc[left.i - 1].text in {",", ";"}
        )
        aside = t.dep_ == "relcl" and t.right_edge.i >= hi.i - 1 and left.i > 0 and ctx.doc[left.i - 1].text == ","
        # ", comments that have been widely condemned": the writer's word for what was said, set off after it
        summary = (
            t.dep_ in {"conj", "appos", "npadvmod"}
            and t.pos_ == "NOUN"
            and t.lemma_.lower() in SPEECH_NOUNS
            and left.i > 0
            and ctx.doc[left.i - 1].text == ","
            and not any(k.dep_ == "cc" for k in t.head.children if left.i > k.i > t.head.i)
            and any(k.dep_ in {"relcl", "acl"} for k in t.children)
        )
        if (cue or aside or summary) and left.i - 1 > head.i:
            stop = left.i - 1
            while stop > head.i and (ctx.doc[stop].dep_ == "cc" or ctx.doc[stop].is_punct):
                stop -= 1
            return ctx.doc[stop]
    return hi


def _parenthetical_content(ctx: Context, cue: Token) -> list[tuple[int, int]] | None:
    """ "The good news, Woolson said, is that …", "Many days, former employees said, she would …": a cue set off
    inside the sentence it reports (parsed as parataxis) reports the rest of the sentence, on either side of it."""
    as_reported = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if cue.dep_ != "parataxis" and not as_reported:  # "As The Post reported, …" is set off the same way
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in cue.children):
        return None
    sent = cue.sent
    sub = list(cue.subtree)
    pieces = [_trimmed(ctx, sent.start, sub[0].i - 1), _trimmed(ctx, sub[-1].i + 1, sent.end - 1)]
    spans = [p for p in pieces if p is not None]
    if not spans or sum(len(ctx.text[a:b].split()) for a, b in spans) < 4:
        return None
    return spans


def _trimmed(ctx: Context, a: int, b: int) -> tuple[int, int] | None:
    """The characters of tokens ``a..b`` without the punctuation and spaces at either end (None when empty)."""
    while a <= b and (ctx.doc[a].is_punct or ctx.doc[a].is_space):
        a += 1
    while b >= a and (ctx.doc[b].is_punct or ctx.doc[b].is_space):
        b -= 1
    if b < a:
        return None
    return ctx.doc[a].idx, ctx.doc[b].idx + len(ctx.doc[b])


_OBJECT_DEPS = {"dobj", "dative", "oprd", "xcomp", "ccomp", "prep", "attr", "acomp"}
_ABOUT = {"about", "for", "of", "on", "over", "against", "as"}
_OBJECT_PREPS = {"for", "on", "of", "as", "about", "to", "that", "against", "over"}


def _is_object_cue(ctx: Context, t: Token) -> bool:
    """A speech verb reporting by its object ("accused him of lying", "called it a disgrace"), not as a modifier
    ("the so-called plan") or inside a quotation."""
    if ctx.quote_mask[t.idx] or t.dep_ in {"amod", "compound"} or not t.tag_.startswith("VB"):
        return False
    return not any(c.dep_ == "neg" for c in t.children)


def _object_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """ "announced his candidacy", "accused Cruz of lying", "called it a “starting point”", "urged Congress to
    act": what the cue reports is its object and the complements after it, up to the end of the last one."""
    comps = [
        c
        for c in cue.children
        if c.i > cue.i
        and c.dep_ in _OBJECT_DEPS
        and (c.dep_ != "prep" or c.lower_ in _OBJECT_PREPS)
        and not (
            c.dep_ == "dobj"
            and c.lower_ in {"it", "this", "that", "so", "nothing", "something", "much"}
            and not any(x.dep_ in {"oprd", "xcomp", "prep"} and x.i > c.i for x in cue.children)
        )
    ]
    if not comps:
        return None
    comps = [c for c in comps if c.dep_ != "prep" or not any(o.ent_type_ in {"DATE", "TIME"} for o in c.children)]
    said = [c for c in comps if c.dep_ in {"xcomp", "ccomp", "oprd"} or (c.dep_ == "prep" and c.lower_ in _ABOUT)]
    if cue.lemma_.lower() in ADDRESSEE_VERBS and not said:
        return None  # "told reporters on Monday": only the one addressed
    if not comps:
        return None
    if cue.lemma_.lower() in ADDRESSEE_VERBS and comps[0].dep_ in {"dobj", "dative"} and len(comps) > 1:
        comps = comps[1:]  # "urged the judge to give me a fair sentence": the judge is addressed, not said
    lo = comps[0].left_edge
    hi = _before_next_cue(ctx, comps[-1], comps[-1].right_edge)
    if lo.dep_ in {"prep", "mark"} and lo.i < hi.i and lo.lower_ in {"for", "on", "about", "that", "against", "over"}:
        lo = ctx.doc[lo.i + 1]  # "called for his dismissal": the preposition belongs to the cue
    while hi.i > lo.i and hi.is_punct:
        hi = ctx.doc[hi.i - 1]
    if hi.i - lo.i < 1:
        return None
    return lo.idx, hi.idx + len(hi)


_LABEL_HEAD = re.compile(r"^([A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,3}):\s+(\S.*?)[.\s]*$")


def _headline_labels(ctx: Context, found: list[Found], covered: bytearray) -> list[Found]:
    """A headline of the form "Rubio: I still believe …", "Poll: Trump ties Clinton": the label before the colon
    said the rest. Only in the first paragraph (the headline) and only when the label is a name or a document."""
    if len(ctx.paras) < 2:
        return []
    s, e = ctx.paras[0]
    m = _LABEL_HEAD.match(ctx.text[s:e])
    if m is None:
        return []
    a, b = s + m.start(2), s + m.end(2)
    if len(ctx.text[a:b].split()) < 3 or _mostly(covered, a, b):
        return []
    label = ctx.doc.char_span(s + m.start(1), s + m.end(1), alignment_mode="contract")
    if label is None or label.text.lower() in HEADLINE_RUBRICS:
        return []
    # a name (the small model tags a capitalised headline word as a name or an adjective) or a document
    if not all(t.pos_ in {"PROPN", "ADJ"} or t.lemma_.lower() in HEADLINE_SOURCES for t in label):
        return []
    f = Found(spans=[(a, b)], quotes=[], kind="indirect", paragraph=0)
    f.speaker_mention, f.speaker_span = label.text, (label.start_char, label.end_char)
    f.rule = "indirect"
    covered[a:b] = b"\x01" * (b - a)
    return [f]


def _mostly(covered: bytearray, a: int, b: int) -> bool:
    return 2 * sum(covered[a:b]) > b - a


def _according_content(ctx: Context, tok: Token) -> list[tuple[int, int]] | None:
    """ "According to X, <clause>.", "<clause>, according to X.", "Fundraising, according to the campaign, has
    surged": the rest of the sentence, on either side of the attribution, within its paragraph."""
    start, end = _sentence_in_paragraph(ctx, tok)
    sub = list(tok.subtree)
    lead = [t for t in ctx.doc[start : sub[0].i] if t.dep_ not in {"cc", "advmod", "punct", "mark"}]
    left = _trimmed(ctx, start, sub[0].i - 1) if lead else None  # "But according to …": not "But"
    spans = [p for p in (left, _trimmed(ctx, sub[-1].i + 1, end - 1)) if p is not None]
    if not spans or sum(len(ctx.text[x:y].split()) for x, y in spans) < 3:
        return None
    return spans


def _sentence_in_paragraph(ctx: Context, tok: Token) -> tuple[int, int]:
    """Token bounds ``[start, end)`` of ``tok``'s sentence, cut at its paragraph's edges (the parser sometimes runs
    a sentence over a paragraph break)."""
    sent = tok.sent
    ps, pe = ctx.paras[ctx.para_index(tok.idx)]
    start, end = sent.start, sent.end
    while start < tok.i and ctx.doc[start].idx < ps:
        start += 1
    k = tok.i
    while k < end and ctx.doc[k].idx < pe:
        k += 1
    return start, k


#: What gives a participle a clause of its own (a subject or an auxiliary): "Asked about it, Lopez said" has none.
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})


def not_a_report(cue: Token) -> bool:
    """Questions, hypotheticals and denials of speech are not reports of what was said."""
    sent = cue.sent
    if sent.text.rstrip().endswith("?"):
        return True
    for c in cue.children:
        if c.dep_ == "aux" and c.lower_ in {"would", "could", "might", "may", "should", "will", "ca", "can"}:
            return True
        if c.dep_ == "neg":
            return True
        if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
            return True
    if cue.tag_ == "VBN" and cue.dep_ == "advcl" and not any(c.dep_ in _OWN_CLAUSE for c in cue.children):
        return True  # "Asked about the plan, Lopez said …", "Told of the verdict, …": the one spoken to, no report
    return cue.dep_ in {"xcomp", "pcomp"} and cue.head.lemma_.lower() in {"refuse", "decline", "fail", "want"}


def set_kind(ctx: Context, f: Found, cue: Token, rule: str) -> None:
    """Direct when the quotation is the whole reported content; mixed when it is embedded in a clause."""
    first, final = f.quotes[0], f.quotes[-1]
    close = final.close_at + 1 if final.close_at is not None else final.end
    if rule == "before":
        between = ctx.text[f.cue_span[1] if f.cue_span else cue.idx : first.open_at]
        if f.speaker_span and f.speaker_span[0] > cue.idx:
            between = ctx.text[f.speaker_span[1] : first.open_at]
        if _INTRO_FILLER.match(between) or len(re.findall(r"\w+", between)) == 0:
            return
        set_off = between.rstrip().endswith((",", ":")) and ctx.text[first.start : first.start + 1].isupper()
        if set_off and len(between.split()) <= 8:
            return  # "saying during the debate last week, “That makes me smart,”"
        comp = _complement(ctx, cue, first.open_at)
        start = comp[0] if comp else (f.cue_span[1] if f.cue_span else cue.idx)
        end = max(comp[1] if comp else close, final.end)
        _make_mixed(ctx, f, start, end)
    elif rule == "after":
        # “…,” he said  is direct; "because they “agreed” to it, Stoltenberg said" is mixed
        tok = ctx.tok_at(first.open_at)
        if tok is None:
            return
        sent_start = tok.sent.start_char
        para_start = ctx.paras[ctx.para_index(first.start)][0]
        lead = ctx.text[max(sent_start, para_start) : first.open_at]
        if not re.search(r"\w", lead):
            return
        if lead.rstrip().endswith(":") and ctx.text[first.start : first.start + 1].isupper():
            return  # "… ambition and drive: “Change the world,” she said.": the colon sets the quotation off
        end_at = (
            f.speaker_span[0] if f.speaker_span and f.speaker_span[0] > close else (f.cue_span or (close, close))[0]
        )
        _make_mixed(ctx, f, max(sent_start, para_start), end_at)


def _complement(ctx: Context, cue: Token, open_at: int) -> tuple[int, int] | None:
    tok = ctx.tok_at(open_at)
    if tok is None:
        return None
    comps = [
        c
        for c in cue.children
        if c.i > cue.i and c.dep_ in {"ccomp", "xcomp", "dobj", "advcl", "prep", "attr", "oprd", "npadvmod", "dative"}
    ]
    holder = next((c for c in comps if c.left_edge.i <= tok.i <= c.right_edge.i), None)
    if holder is None:
        return None
    lo = min((c.left_edge for c in comps if c.i <= holder.i), key=lambda t: t.i)
    if holder.dep_ == "ccomp":
        lo = holder.left_edge  # "said on Tuesday that …": the time and place are the writer's, not the words
    hi = holder.right_edge
    start = lo.idx
    if lo.lower_ == "that" and lo.dep_ == "mark" and lo.i + 1 < len(ctx.doc):
        start = lo.nbor(1).idx
    return start, hi.idx + len(hi)


def _make_mixed(ctx: Context, f: Found, start: int, end: int) -> None:
    while start < end and (ctx.text[start].isspace() or ctx.text[start] in ALL_MARKS or ctx.text[start] in ",:"):
        start += 1
    while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in ",;:"):
        end -= 1

    if end <= start:
        return
    start = min(start, f.spans[0][0])
    end = max(end, f.spans[-1][1])
    f.quoted_spans = list(f.spans)
    f.spans = _without_marks(ctx, start, end)
    f.kind = "mixed"


def _without_marks(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """The clause as pieces between quotation marks: spans never include the marks themselves."""
    pieces: list[tuple[int, int]] = []
    s = start
    for i in range(start, end + 1):
        at_mark = i < end and ctx.quote_mask[i] and ctx.text[i] in ALL_MARKS and not is_apostrophe(ctx.text, i)
        if i == end or at_mark:
            a, b = s, i
            while a < b and ctx.text[a].isspace():
                a += 1
            while b > a and ctx.text[b - 1].isspace():
                b -= 1
            if b > a and any(c.isalnum() for c in ctx.text[a:b]):
                pieces.append((a, b))
            s = i + 1
    if pieces:
        # "The plan was “a disgrace,” Lopez said": the comma the quotation closed on ends no clause
        a, b = pieces[-1]
        while b > a and (ctx.text[b - 1] in ",;:" or ctx.text[b - 1].isspace()):
            b -= 1
        pieces[-1] = (a, b)
    return pieces or [(start, end)]


def merge_mixed(ctx: Context, found: list[Found]) -> list[Found]:
    """Several quoted pieces in one reported clause make one mixed mention."""
    out: list[Found] = []
    for f in found:
        if (
            out
            and f.kind == "mixed"
            and out[-1].kind == "mixed"
            and ((out[-1].cue is f.cue and f.cue is not None) or f.spans[0][0] < out[-1].spans[-1][1])
        ):
            prev = out[-1]
            prev.spans = _without_marks(
                ctx, min(prev.spans[0][0], f.spans[0][0]), max(prev.spans[-1][1], f.spans[-1][1])
            )
            prev.quoted_spans = sorted(set(prev.quoted_spans) | set(f.quoted_spans))
            continue
        out.append(f)
    return out
