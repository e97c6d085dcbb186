"""Attributing one quotation: the rules in order (a cue in its gap, before or after it, a dash byline, a colon
introduction, a transcript label, following on from the previous speaker)."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from quotetrace.nlp.attribution.context import SPEAKER_ENTS, Context
from quotetrace.nlp.attribution.cues import cue_after, cue_before, cue_in, is_cue
from quotetrace.nlp.attribution.found import SPEAKER_CONFIDENCE, Found
from quotetrace.nlp.attribution.quotes import clause_cues, is_standalone
from quotetrace.nlp.attribution.reported import not_a_report, set_kind
from quotetrace.nlp.attribution.subjects import from_cue, from_name, issuer_of_document, noun_owner, resolve_subject
from quotetrace.nlp.attribution.transcripts import TRANSCRIPT, TRANSCRIPT_STOP
from quotetrace.nlp.marks import QuoteSpan
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.lexicon import ROLE_NOUNS, SPEECH_NOUNS
from quotetrace.text.verbs import SPEECH_VERBS

_DASH_BYLINE = re.compile(r"^\s*[—–―-]{1,2}\s*([A-Z][^\n.;!?“”\"]{1,80}?)[\s.]*$")


def attribute_quote(ctx: Context, f: Found, last: Found | None) -> None:
    """Attribute a quotation by the first rule that finds a speaker; ``last`` is the previous attributed one."""
    first, final = f.quotes[0], f.quotes[-1]
    para_start = ctx.paras[ctx.para_index(first.start)][0]
    last_para_end = ctx.paras[ctx.para_index(final.start)][1]
    close = final.close_at + 1 if final.close_at is not None else final.end
    before_text = ctx.text[para_start : first.open_at]
    after_text = ctx.text[close:last_para_end]

    # 0. a headline: "Romney: My 'Preference' Is …", "Trump Calls Trophy Hunting A 'Horror Show'"
    if _from_headline(ctx, f, para_start):
        return

    # 1. cue inside an interrupted quote's gap
    if len(f.quotes) > 1:
        for a, b in zip(f.quotes, f.quotes[1:], strict=False):
            if a.close_at is None:
                continue
            cue = cue_in(ctx, a.close_at + 1, b.open_at)
            if cue is not None:
                from_cue(ctx, f, cue, "interrupted")
                return

    # 1b. the complement of someone's noun of saying ("LePage's promise to “seek …”")
    owner = noun_owner(ctx, f)
    if owner is not None:
        f.rule = "noun"
        resolve_subject(ctx, f, owner)
        if f.speaker is not None:
            return

    ends_with_comma = ctx.text[final.start : close].rstrip(" ”’\"'»›").endswith((",", "?", "!", "—"))
    after_cue = cue_after(ctx, close, last_para_end)
    if after_cue is not None and ctx.text[final.start : close].rstrip(" ”’\"'»›").endswith("."):
        # “… a hard day.” Obama later explained that …: a quote closed by a full stop takes a cue after
        # it only from a short tail ("he said.", "said Tom Hardy."), not from the next sentence
        tail = ctx.text[close : after_cue.idx].split()
        if len(tail) > 2:
            after_cue = None
    before_cue = cue_before(ctx, para_start, first.open_at)
    colon = before_text.rstrip().endswith(":")

    order: list[tuple[Token | None, str]]
    if ends_with_comma and not _inside_clause(ctx, before_cue, first):
        order = [(after_cue, "after"), (before_cue, "before")]
    else:
        order = [(before_cue, "before"), (after_cue, "after")]
    # the preferred cue wins unless it names nobody and the other one names someone
    fallback: tuple[dict[str, Any], Token, str] | None = None
    for cue, rule in order:
        if cue is not None and from_cue(ctx, f, cue, rule):
            if f.speaker is None:
                fallback = fallback or (dict(vars(f)), cue, rule)
                continue
            set_kind(ctx, f, cue, rule)
            return
    if fallback is not None:
        vars(f).update(fallback[0])
        set_kind(ctx, f, fallback[1], fallback[2])
        return

    # 2. dash byline: “…” —Commissioner Starks   /   headline 'a tragedy' – NATO
    m = _DASH_BYLINE.match(after_text)
    if m:
        from_name(ctx, f, close + m.start(1), close + m.end(1), "dash")
        if f.speaker:
            return
    # 3. colon introduction in this paragraph or the previous one
    if (colon or not before_text.strip()) and _from_colon(ctx, f, para_start, first.open_at):
        return
    # 4. transcript label: "WALLACE: “…”"
    tm = TRANSCRIPT.match(before_text)
    if tm and tm.group(1).strip() not in TRANSCRIPT_STOP:
        from_name(ctx, f, para_start + tm.start(1), para_start + tm.end(1), "transcript")
        if f.speaker:
            return
    # 5. follow-on: a quote with no cue continues the previous speaker's
    if last is not None and is_standalone(ctx, f, para_start):
        gap_paras = ctx.para_index(first.start) - last.paragraph
        if gap_paras <= 1 and not _speaks_of(ctx, f, last):
            f.speaker, f.speaker_kind = last.speaker, last.speaker_kind
            f.speaker_mention, f.speaker_span = None, None
            f.rule = "follow-on"
            f.via = "follow-on"
            return
    # 6. a quote that is its whole paragraph, after a paragraph of reported speech: "He said the Government would …" /
    #    "“I would expect …”" — the sayer of that paragraph's last sentence goes on in their own words
    if not before_text.strip() and not any(c.isalpha() for c in after_text) and f.speaker is None:
        _from_reported_paragraph(ctx, f, para_start)  # the quotation is its whole paragraph


_HEAD_COLON = re.compile(r"\s*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t]*:[ \t]")
_HEAD_WORDS = 25


def _from_headline(ctx: Context, f: Found, para_start: int) -> bool:
    """A quotation in the headline (the first of several paragraphs, a short line without a full stop) whose
    headline opens with its speaker: a name before a colon ("Boehner: '1-in-3 chance' …"), or a name and a
    speech verb in the present ("Trump Calls Elephant Trophy Hunting A 'Horror Show'"). Headline case defeats
    the tagger, so the verb is read from the lexicon, and the name must be a PERSON or ORG entity or a person the
    article names."""
    if ctx.para_index(f.quotes[0].start) != 0 or len(ctx.paras) < 2:
        return False
    line = ctx.text[para_start : ctx.paras[0][1]].rstrip()
    if not line or line.endswith(".") or len(line.split()) > _HEAD_WORDS:
        return False
    open_at = f.quotes[0].open_at
    m = _HEAD_COLON.match(line)
    if m and para_start + m.end() <= open_at:
        s, e = para_start + m.start(1), para_start + m.end(1)
    else:
        span = ctx.doc.char_span(para_start, open_at, alignment_mode="contract")
        verb = next((t for t in span or () if _headline_verb(t.lower_)), None)
        if verb is None or verb.i == (span.start if span is not None else 0):
            return False
        s, e = para_start, verb.idx
    ents = ctx.ents_within(s, e)
    named = any(ent.label_ in {"PERSON", "ORG"} and ent.end_char >= e - 1 for ent in ents)
    if not named and ctx.registry.lookup(ctx.text[s:e].strip(), "PERSON") is None:
        return False  # neither an entity nor a person the article names
    from_name(ctx, f, s, e, "headline")
    p = ctx.registry.lookup(ctx.text[s:e].strip(), "PERSON") if not named else None
    if p is not None:  # "Romney:" is the Mitt Romney of the story, not an organisation called Romney
        f.speaker, f.speaker_kind = p.name, p.kind
    return f.speaker is not None


def _headline_verb(word: str) -> bool:
    """ "says", "calls", "slams", "accuses": a speech verb in the present, third person."""
    if not word.endswith("s") or len(word) < 4:
        return False
    return any(stem in SPEECH_VERBS for stem in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""))


def _inside_clause(ctx: Context, cue: Token | None, q: QuoteSpan) -> bool:
    """Whether quotation ``q`` opens inside the clause of ``cue``, before it in its sentence (quotes.clause_cues)."""
    return cue is not None and cue in clause_cues(ctx, q)


def _speaks_of(ctx: Context, f: Found, last: Found) -> bool:
    """Whether a cue-less quotation names the previous speaker by surname ("… Trump will lose"): it speaks of them
    in the third person, so it is someone else's words, not more of theirs."""
    if last.speaker is None or last.speaker_kind != "PERSON":
        return False
    p = ctx.registry.lookup(last.speaker, "PERSON")
    surname = fold(p.surname if p is not None else last.speaker.split()[-1])
    if len(surname) < 3:
        return False
    words = (w for q in f.quotes for w in _WORD.findall(fold(ctx.text[q.start : q.end])))
    return any(w == surname for w in words)


_WORD = re.compile(r"[\w'’-]+")


def _from_reported_paragraph(ctx: Context, f: Found, para_start: int) -> None:
    """The speaker of a cue-less quotation that opens its paragraph, from the previous paragraph when that one has
    no quotation and its last sentence reports someone's speech ("He said the Government would …")."""
    pi = ctx.para_index(para_start)
    if pi == 0:
        return
    ps, pe = ctx.paras[pi - 1]
    if any(ctx.quote_mask[ps:pe]):
        return  # the previous paragraph quotes someone: the follow-on rule's business
    tok = ctx.tok_at(pe - 1)
    if tok is None:
        return
    sent = tok.sent
    # "Asked if …, Peters said it was possible.": the first cue that reports (not the one asked)
    cue = next(
        (t for t in ctx.doc[max(sent.start, 0) : sent.end] if t.idx >= ps and is_cue(ctx, t) and not not_a_report(t)),
        None,
    )
    if cue is None:
        return  # "The company declined to comment.": no one spoke
    probe = Found(spans=f.spans, quotes=f.quotes)
    from_cue(ctx, probe, cue, "before")
    if probe.speaker is not None:
        # no cue of its own: as sure as a follow-on at most (an unnamed source stays as unsure as it was)
        via = min(("follow-on", probe.via or "follow-on"), key=lambda v: SPEAKER_CONFIDENCE.get(v, 0.5))
        f.speaker, f.speaker_kind, f.via = probe.speaker, probe.speaker_kind, via
        f.rule = "follow-on"


def _from_colon(ctx: Context, f: Found, para_start: int, open_at: int) -> bool:
    """A quotation introduced by a colon, in its paragraph or at the end of the previous one."""
    before = ctx.text[para_start:open_at].rstrip()
    if before.endswith(":") and len(before) > 1:
        start = para_start
    else:
        # quote opens its paragraph: does the previous paragraph end with a colon?
        pi = ctx.para_index(para_start)
        if pi == 0:
            return False
        ps, pe = ctx.paras[pi - 1]
        if not ctx.text[ps:pe].rstrip().endswith(":"):
            return False
        start, before = ps, ctx.text[ps:pe].rstrip()
    colon_at = start + len(before) - 1
    tok = ctx.tok_at(colon_at)
    if tok is None:
        return False
    sent = tok.sent
    cue: Token | None = None
    for t in ctx.doc[sent.start : tok.i]:
        if is_cue(ctx, t):
            cue = t
    if cue is not None:
        from_cue(ctx, f, cue, "colon")
        if f.speaker is None:
            f.cue = None
        return f.speaker is not None
    # no verb: "Stoltenberg: “…”" or "The statement from the Kremlin:" -> the last name before the colon
    ents = [e for e in sent.ents if e.end_char <= colon_at and e.label_ in SPEAKER_ENTS]
    if len(ents) > 1 and _topic_or_medium(ents[-1]):
        # "President Trump on Twitter:", "Biden on Iran:": the name before the preposition speaks
        ents = [e for e in ents if not _topic_or_medium(e)] or ents
    if ents:
        root = ents[-1].root
        if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in ROLE_NOUNS:
            # "NATO chief: “…”": the organisation names whom the role speaks for; the role speaks
            f.rule = "colon"
            resolve_subject(ctx, f, root.head)
        else:
            from_name(ctx, f, ents[-1].start_char, ents[-1].end_char, "colon")
        return f.speaker is not None
    head = ctx.doc[tok.i - 1] if tok.i > sent.start else None
    issuer = issuer_of_document(head) if head is not None else None
    if issuer is None:
        # "The company sent a letter to its customers on Monday:": the document is the object before the colon
        objects = (t for t in ctx.doc[sent.start : tok.i] if t.dep_ == "dobj" and not ctx.quote_mask[t.idx])
        issuer = next((i for i in map(issuer_of_document, objects) if i is not None), None)
    if issuer is not None:
        # "Uber issued a statement: “…”", "The company released the following statement:": the document's issuer,
        # whom the tagger may not have named an entity
        f.rule = "colon"
        resolve_subject(ctx, f, issuer)
        if f.speaker is not None:
            f.via = "document" if f.via == "name" else f.via
            return True
    owner = next((c for c in head.children if c.dep_ == "poss"), None) if head is not None else None
    if head is not None and head.lemma_.lower() in SPEECH_NOUNS and owner is not None and owner.pos_ == "PRON":
        # "Her answer: “…”", "His reply:": the owner of the noun of saying, as a pronoun finds them
        f.rule = "colon"
        resolve_subject(ctx, f, owner)
        return f.speaker is not None
    return False


def _topic_or_medium(ent: Span) -> bool:
    """An entity inside a prepositional phrase other than a source's ("on Twitter", "at the NATO summit"; not
    "from the Kremlin", "by the union")."""
    return any(t.dep_ == "pobj" and t.head.lower_ not in {"from", "by", "of"} for t in (ent.root, *ent.root.ancestors))
