"""Subjects: the speaker of a cue (its subject, a name beside it, a joint subject, a document's author or issuer, a
description of an unnamed source) and a speaker printed as a name ("— Stoltenberg", "WALLACE:")."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Span, Token

from quotetrace.nlp.attribution.context import SPEAKER_ENTS, SUBJECT_DEPS, Context
from quotetrace.nlp.attribution.cues import addressee, cue_phrase, is_cue
from quotetrace.nlp.attribution.found import Found
from quotetrace.nlp.attribution.resolution import (
    person_for,
    resolve_party,
    resolve_pronoun,
    resolve_role,
    resolve_role_ahead,
)
from quotetrace.speakers import clean_name, description_name
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.lexicon import (
    INDEFINITE_PRONOUNS,
    INSTITUTION_NOUNS,
    NON_SPEAKERS,
    ORG_NOUNS,
    PARTY_LETTERS,
    PEOPLE_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_NOUNS,
    SPEECH_NOUNS,
    TITLE_WORDS,
)
from quotetrace.text.verbs import ADDRESSEE_VERBS, NAMING_VERBS

#: A contraction glued to a pronoun ("I’m", "he's", "they’re").
_CLITIC = re.compile(r"['’](?:m|s|re|ve|d|ll)$")
_QUOTING = {"quote", "cite"}  # verbs whose object (or passive subject) is the speaker of the "as saying" under them
_CLIMB = {"conj", "xcomp", "advcl", "pcomp", "acl", "ccomp", "relcl", "dep", "parataxis", "advmod"}
# Prepositions before a participle cue whose sayer is the subject of the verb they hang on ("by saying", "after
# praising"); not "for"/"of"/"about" ("criticized Smith for saying …": Smith said it, the critic did not).
_SAYERS_PREPS = {"by", "after", "before", "while", "in", "without", "to", "upon", "on", "since", "when"}
DOC_NOUNS = {
    "comments",
    "comment",
    "remarks",
    "statement",
    "letter",
    "report",
    "article",
    "post",
    "tweet",
    "message",
    "memo",
    "email",
    "note",
    "op-ed",
    "resolution",
}


def subject_of(ctx: Context, verb: Token) -> Token | None:
    """The subject of a cue verb, climbing to the verb it hangs on; the object of "according to"."""
    v: Token | None = verb
    for _ in range(4):
        if v is None:
            return None
        if v.lemma_.lower() == "accord" or v.text.lower() == "according":
            for c in v.children:
                if c.dep_ == "prep" and c.text.lower() == "to":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            return o
            return None
        if v.lower_ == "as" and v.dep_ == "prep" and v.head.lemma_.lower() in _QUOTING:
            # "The Daily Mail quoted Doe as saying", "Doe was quoted (by the Mail) as saying": the one quoted
            # speaks, never the one quoting
            quoting = v.head.children
            return next((c for c in quoting if c.dep_ in {"dobj", "nsubjpass"} and not ctx.quote_mask[c.idx]), None)
        if v.lemma_.lower() in ADDRESSEE_VERBS | NAMING_VERBS and any(c.dep_ == "nsubjpass" for c in v.children):
            # "“…,” she was told (by doctors)": the passive subject heard the words; the agent, if printed, said them.
            # "The group was branded “extremist” (by critics)": the passive subject is what the words name.
            return next((o for c in v.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
        for c in v.children:
            if c.dep_ in SUBJECT_DEPS and ctx.quote_mask[c.idx]:
                # "“…, Mr. President,” Representative Steve Cohen, Democrat of Tennessee, told him": the parser made
                # the quotation's vocative the subject and the name after it its appositive
                named = next((a for a in c.children if a.dep_ == "appos" and not ctx.quote_mask[a.idx]), None)
                if named is not None and (named.ent_type_ == "PERSON" or named.pos_ == "PROPN"):
                    return named
            if c.dep_ in SUBJECT_DEPS and not ctx.quote_mask[c.idx]:
                if v is not verb and verb.tag_ in {"VBG", "VBN"} and not _speakerlike(c):
                    break  # "X emphasized that NATO's priority is …, stating": skip "priority"
                return _split_subject(c)
        for c in v.children:
            if c.dep_ == "agent":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return o
        if v is not verb and v.pos_ in {"NOUN", "PROPN"} and v.lemma_.lower() in DOC_NOUNS:
            # "Lopez released a statement calling the collapse “an act of negligence”": the document's issuer
            return _issuer_of_noun(v)
        if v is verb and _clause_on_sayer(ctx, v):
            # “…” the presumptive nominee, Donald Trump, tweeted Sunday: a cue parsed as a clause on the noun
            # before it ("officials speaking on condition of anonymity") has that noun as its sayer
            return v.head
        if (
            v is not verb
            and v.dep_ == "prep"
            and v.lower_ in _SAYERS_PREPS
            and v.head.pos_ in {"VERB", "AUX"}
            and any(c.dep_ == "pcomp" for c in v.children)
        ):
            v = v.head  # "devotes her speech to praising …", "angered them by saying …": the main clause's subject
            continue
        if v is verb and v.dep_ == "parataxis":
            # "That attitude, many argue, could carry …": a cue set off inside the sentence it reports speaks for
            # its own words ("many", which the tagger made an adjective on it), never for the clause it sits in
            return next((c for c in v.lefts if c.lower_ in INDEFINITE_PRONOUNS and not ctx.quote_mask[c.idx]), None)
        if v.dep_ in _CLIMB and v.head is not v:
            if v is verb and v.dep_ == "conj" and not is_cue(ctx, v.head):
                # "X clarified that NATO is not pushing … and reaffirmed …": the cue coordinates
                # with the speech verb above, not with the verb of the reported clause
                up = next((a for a in v.head.ancestors if is_cue(ctx, a)), None)
                if up is not None:
                    v = up
                    continue
            v = v.head
            continue
        return _participle_subject(ctx, verb)
    return None


def _postmodifier(head: Token, c: Token) -> bool:
    """What picks an unnamed source out, after the noun: an adjective's phrase ("familiar with the talks",
    "close to the minister"), a participle's ("briefed on the matter"), "with knowledge of …" after a person."""
    if c.dep_ == "amod" and any(g.dep_ == "prep" for g in c.children):
        return True
    if c.dep_ == "acl" and c.tag_ == "VBN":
        return True
    return c.dep_ == "prep" and c.lower_ == "with" and head.lemma_.lower() in PEOPLE_NOUNS


def _split_subject(t: Token) -> Token:
    """The subject a headline's parse split in two ("NATO chief vows": "NATO" and "chief" both subjects of
    "vows"): the role noun right after the name heads it."""
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    if (
        t.pos_ == "PROPN"
        and nxt is not None
        and nxt.dep_ == t.dep_
        and nxt.head.i == t.head.i
        and nxt.pos_ == "NOUN"
        and nxt.lemma_.lower() in ROLE_NOUNS
    ):
        return nxt
    return t


def _title_noun(t: Token) -> bool:
    """A title word standing alone after an article as a noun phrase's head: "the MP", "the Senator"."""
    return (
        fold(t.text).rstrip(".") in TITLE_WORDS
        and any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in t.children)
        and not any(c.dep_ in {"compound", "flat"} and c.i > t.i for c in t.children)
    )


def _clause_on_sayer(ctx: Context, verb: Token) -> bool:
    """Whether a cue the parser hung on the noun before it as a clause (``acl``) is that noun's saying: a present
    participle ("officials speaking on condition of anonymity"), or a past form after a comma ("the nominee,
    Donald Trump, tweeted"); not "a candidate called “The Queen of Rage”" (a past participle is passive there),
    nor a document's wording ("released a statement saying": its issuer is found from the document)."""
    head = verb.head
    if verb.dep_ != "acl" or head.i >= verb.i or head.pos_ not in {"NOUN", "PROPN"} or ctx.quote_mask[head.idx]:
        return False
    if verb.tag_ != "VBG" and ctx.doc[verb.i - 1].text != ",":
        return False
    return _speakerlike(head) and head.lemma_.lower() not in DOC_NOUNS


def _participle_subject(ctx: Context, verb: Token) -> Token | None:
    """ "Flea shared the news, writing “…”": a participle cue after a comma, which the parser hung anywhere, has
    the subject of its sentence's main verb, when that subject stands before it and can speak."""
    if verb.tag_ != "VBG" or verb.i == 0 or ctx.doc[verb.i - 1].text != ",":
        return None
    root = verb.sent.root
    if root.i >= verb.i or root.i == verb.i:
        return None
    subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    if subj is None or ctx.quote_mask[subj.idx] or not _speakerlike(subj):
        return None
    return subj


#: entity labels that never name a sayer, however the parse attaches them: "passed a resolution Tuesday calling
#: for …" has no speaker called Tuesday (a date's proper noun only: "said the 46-year-old" is a description)
_NEVER_SPEAKS = frozenset({"DATE", "TIME"})


def _date_name(t: Token) -> bool:
    """A weekday, month or holiday printed as a proper noun ("Tuesday", "October")."""
    return t.pos_ == "PROPN" and t.ent_type_ in _NEVER_SPEAKS


def _speakerlike(t: Token) -> bool:
    if _date_name(t):
        return False
    return (
        t.pos_ in {"PROPN", "PRON"}
        or t.ent_type_ in SPEAKER_ENTS
        or t.lemma_.lower() in ROLE_NOUNS
        or t.lemma_.lower() in ORG_NOUNS
    )


def _fallback_subject(ctx: Context, verb: Token) -> Token | None:
    """When the parse gives no subject: a name or pronoun right next to the cue."""
    for j in (verb.i - 1, verb.i + 1):
        if 0 <= j < len(ctx.doc):
            t = ctx.doc[j]
            if j > verb.i and verb.tag_ in {"VBG", "VB"} and verb.is_ancestor(t):
                continue  # "praising Mr. Obama's success", "calling Senate Majority Leader …": who is spoken of
            if t.head.i == verb.i and t.dep_ in {"dobj", "dative", "oprd", "attr"}:
                continue  # the cue's own object ("attacking those who …", "told him"): spoken of or to, not the sayer
            if (
                j > verb.i
                and t.pos_ != "PRON"
                and t.head.i != verb.i
                and (t.dep_ in SUBJECT_DEPS or t.head.dep_ in SUBJECT_DEPS)
            ):
                continue  # "to say Obama should …": the subject of what was said, not the sayer
            if (
                not ctx.quote_mask[t.idx]
                and not _date_name(t)
                and (t.pos_ in {"PROPN", "PRON"} or t.ent_type_ in SPEAKER_ENTS)
            ):
                if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "NOUN":
                    # "a winemaker in Chambolle-Musigny told DW": the place or body after a preposition only
                    # qualifies the noun it hangs on, who speaks if anyone does
                    noun = t.head.head
                    people = _speakerlike(noun) or noun.lemma_.lower() in PEOPLE_NOUNS
                    return noun if people and not ctx.quote_mask[noun.idx] else None
                return t
    return None


def _noun_phrase(ctx: Context, head: Token) -> tuple[int, int]:
    """The speaker's noun phrase without relative clauses: left edge to the end of the name."""
    left = head.left_edge.i
    right = head.i
    for c in head.rights:
        if c.dep_ == "punct" and c.text in {",", "("}:
            continue
        if c.dep_ == "cc" and c.i == right + 1:
            continue
        if c.dep_ in {"compound", "flat", "appos", "nummod"} or (c.dep_ == "punct" and c.text == "-"):
            right = max(right, c.right_edge.i if c.dep_ != "appos" else c.i)
        elif c.dep_ == "conj" and _is_title_word(c) and not _a_name(c):
            right = max(right, c.right_edge.i)  # "President and Chief Financial Officer of Super Value Debra …"
        elif c.dep_ == "prep" and c.text.lower() in {"of", "for", "at", "in", "to"} and c.i == right + 1:
            right = max(right, c.right_edge.i)  # "the editor in chief", "the secretary of state"
        elif c.i == right + 1 and head.pos_ == "NOUN" and _postmodifier(head, c):
            right = max(right, c.right_edge.i)  # "a person familiar with the talks", "a source close to him"
        else:
            break
    if right + 1 < len(ctx.doc) and ctx.doc[right + 1].text == ")":
        opened = ctx.text[ctx.doc[left].idx : ctx.doc[right].idx + len(ctx.doc[right])]
        if opened.count("(") > opened.count(")"):
            right += 1  # "Sen. Ted Cruz (R-TX": close the aside the name's appositive opened
    while left < head.i and ctx.doc[left].is_punct:
        left += 1
    if left == head.i and left > 0:
        before = ctx.doc[left - 1]
        if before.dep_ == head.dep_ and before.head.i == head.head.i and _split_subject(before).i == head.i:
            left -= 1  # "NATO chief vows": the name the parse made a second subject
    story = ctx.story_start(head.idx)
    for i in range(left, head.i):
        if ctx.quote_mask[ctx.doc[i].idx] or ctx.doc[i].idx < story:
            left = i + 1
    return ctx.doc[left].idx, ctx.doc[right].idx + len(ctx.doc[right])


def from_cue(ctx: Context, f: Found, cue: Token, rule: str) -> bool:
    """Set the cue of ``f`` and, when its subject names one, the speaker. Always returns True."""
    subj = subject_of(ctx, cue)
    f.guessed_subject = False
    if subj is None:
        subj = _fallback_subject(ctx, cue)
        f.guessed_subject = subj is not None
    f.cue = cue
    if cue.text.lower() == "according":
        nxt = cue.nbor(1) if cue.i + 1 < len(ctx.doc) else None
        end = nxt.idx + len(nxt) if nxt is not None and nxt.text.lower() == "to" else cue.idx + len(cue)
        f.cue_text, f.cue_span = ctx.text[cue.idx : end], (cue.idx, end)
    else:
        f.cue_text, f.cue_span = cue_phrase(ctx, cue)
    f.rule = rule
    if subj is not None and subj.idx < ctx.story_start(subj.idx):
        # "LONDON, England — Prime Minister Theresa May said": the parse made the dateline's place the subject;
        # the speaker is the first name after it, before the cue, if any
        story = ctx.story_start(subj.idx)
        ent = next((e for e in ctx.ents_within(story, cue.idx) if e.label_ in SPEAKER_ENTS), None)
        subj = ent.root if ent is not None else None
    if subj is None or _date_name(subj):
        return True
    if subj.text.lower() in INDEFINITE_PRONOUNS and subj.pos_ != "PROPN" and subj.dep_ in SUBJECT_DEPS:
        apposed = (ctx.ent_at(c) for c in subj.rights if c.dep_ == "appos")
        named = next((a for a in apposed if a is not None and a.label_ == "PERSON"), None)
        if named is not None:
            # "one of the protesters, Anna Kowalski, 34, said": the appositive names the one
            resolve_subject(ctx, f, named.root)
            return True
        # "someone at the meeting said": an unnamed source, whose description is the speaker (issue 12: unnamed
        # sources stay unnamed; the nearest name is never theirs)
        s, e = _noun_phrase(ctx, subj)
        printed = ctx.text[s:e]
        f.speaker, f.speaker_kind, f.descriptor = description_name(printed), "PERSON", printed
        f.speaker_mention, f.speaker_span, f.via = printed, (s, e), "description"
        return True
    if subj.text.lower() in NON_SPEAKERS and subj.pos_ != "PROPN":
        if subj.dep_ in SUBJECT_DEPS and subj.head.dep_ == "relcl":
            subj = subj.head.head
        else:
            return True
    resolve_subject(ctx, f, subj)
    return True


def _is_title_word(t: Token) -> bool:
    return fold(t.text).rstrip(".") in TITLE_WORDS


def _a_name(t: Token) -> bool:
    """A proper noun that is no title word: "Obama" in "Obama and Clinton said", not "President" in "President and
    Chief Financial Officer of Super Value Debra Symonette said" (one person's titles, not two speakers)."""
    return t.pos_ == "PROPN" and (t.ent_type_ in SPEAKER_ENTS or not _is_title_word(t))


def _by_title(ctx: Context, f: Found, subj: Token, printed: str, *, ahead: bool = False) -> None:
    """A title printed without a name speaks as the person the text gave that title (with ``ahead``, also one named
    after it), else as an unnamed source described by it."""
    title = fold(subj.text).rstrip(".")
    p = resolve_role(ctx, title, printed, subj.idx)
    if p is None and ahead:
        p = resolve_role_ahead(ctx, title, printed, subj.idx)
    f.descriptor = printed
    if p is not None:
        f.speaker, f.speaker_kind, f.via = p.name, p.kind, "descriptor"
    else:
        f.speaker, f.speaker_kind, f.via = description_name(printed), "PERSON", "description"


def resolve_subject(ctx: Context, f: Found, subj: Token, *, joint: bool = True) -> None:
    """Set the speaker of ``f`` from the subject token ``subj`` (a name, pronoun, role, document, group)."""
    conj = [c for c in subj.children if c.dep_ == "conj" and (_a_name(c) or c.ent_type_ == "PERSON")]
    if joint and conj and not _a_name(subj) and subj.ent_type_ not in SPEAKER_ENTS and _is_title_word(subj):
        person = [c for c in conj if c.ent_type_ == "PERSON"]
        if person:
            # "Sirius XM Vice President for news and talk Dave Gorab called": a title the parser coordinated with
            # the name it precedes; the person speaks
            resolve_subject(ctx, f, person[-1], joint=False)
            return
    if joint and conj and (_a_name(subj) or subj.ent_type_ in SPEAKER_ENTS):
        # "both Obama and Clinton called it …": the words belong to the two together, not to the first
        parts: list[str] = []
        for t in (subj, *conj):
            one = Found(spans=f.spans, quotes=f.quotes)
            resolve_subject(ctx, one, t, joint=False)
            parts.append(one.speaker or clean_name(ctx.text[slice(*_noun_phrase(ctx, t))]))
        s0, _ = _noun_phrase(ctx, subj)
        _, e0 = _noun_phrase(ctx, conj[-1])
        f.speaker = " and ".join(dict.fromkeys(parts))
        f.speaker_kind = "ORG"  # a group: never merged with either member's own quotes
        f.via = "joint"
        f.speaker_mention, f.speaker_span, f.descriptor = ctx.text[s0:e0], (s0, e0), None
        return
    s, e = _noun_phrase(ctx, subj)
    whole = ctx.ent_at(subj)
    if whole is not None and whole.label_ == "ORG":
        whole = _joined_org(ctx, whole, subj)
        if whole.end_char > e and whole.start_char >= s and not whole.start <= subj.head.i < whole.end:
            # "The Senate Committee on Foreign Relations said": the organisation's name runs past the noun phrase's
            # prepositions ("Senate Committee" would be every committee of the Senate, and a person) — never over
            # the verb the subject governs ("NAACP Resolution Calls on Tea Party to …": a title-case headline)
            e = whole.end_char
        elif whole.start_char < s and whole.end_char <= e and "," not in ctx.text[whole.start_char : s]:
            s = whole.start_char  # "the World Travel and Tourism Council" (see _joined_org)
    f.speaker_span = (s, e)
    printed = ctx.text[s:e]
    f.speaker_mention = printed
    low = subj.text.lower()
    clitic = _CLITIC.sub("", low)
    if clitic != low and clitic in PERSONAL_PRONOUNS:
        low = clitic  # "—I’m told": a pronoun the tokenizer left glued to its contraction is that pronoun
    if low == "it" and (subj.dep_ in {"nsubjpass", "expl"} or subj.head.lemma_ == "be"):
        f.speaker_span = f.speaker_mention = None  # "it was reported that …": no source
        return
    if subj.pos_ == "PRON" or low in PERSONAL_PRONOUNS:
        p = resolve_pronoun(ctx, low, subj.idx)
        f.speaker_mention = subj.text
        f.speaker_span = (subj.idx, subj.idx + len(subj))
        if p is not None:
            f.speaker, f.speaker_kind = p.name, p.kind
            f.via = "pronoun"
        return
    if subj.pos_ == "PROPN" and (s, e) == (subj.idx, subj.idx + len(subj)) and _is_title_word(subj):
        # "Governor says naming of … is historic": a bare title, in a headline the person the story then introduces
        # with it — never a person called "Governor"
        _by_title(ctx, f, subj, printed, ahead=ctx.para_index(subj.idx) == 0)
        return
    ents = [ent for ent in ctx.ents_within(s, e) if ent.label_ in SPEAKER_ENTS and _names(ent, subj)]
    if subj.pos_ == "NOUN":
        # "A lawyer for Mr. Grimm, William McGinley,": the appositive names the speaker; the prepositional
        # object ("for Mr. Grimm") or the possessor ("Trump's lawyer") names whom they speak for, never who
        # speaks — without an appositive name the source is unnamed
        spoken_for = {"pobj", "poss"}
        if subj.lemma_.lower() in ORG_NOUNS:
            # "the Harris campaign", "the Biden administration", "the Smith family": the body named after a person
            # speaks, not the person
            spoken_for.add("compound")
        # "Obama aides", "several Clinton supporters", "a Trump adviser": a person named before a role or group
        # noun is whom they speak for, as "Obama's aides" is
        modifies = subj.lemma_.lower() in ROLE_NOUNS
        ents = [
            e
            for e in ents
            if not (e.label_ in {"PERSON", "NORP"} and e.root.dep_ in spoken_for)
            and not (modifies and e.label_ == "PERSON" and e.root.dep_ == "compound" and e.root.head.i == subj.i)
        ]
    persons = [ent for ent in ents if ent.label_ == "PERSON"]
    described = next((c for c in subj.rights if c.dep_ == "appos"), None) if subj.pos_ == "PROPN" else None
    if (
        described is not None
        and (described.ent_type_ == "NORP" or described.lemma_.lower() in ROLE_NOUNS)
        and not any(ent.start <= subj.i < ent.end for ent in persons)
        and not _is_title_word(subj)
        and described.left_edge.idx > s
    ):
        # "Etheridge, a Democrat, said" with Etheridge tagged a place: a name its appositive describes as a person
        # is a person's name (the party or role word in the appositive is not the speaker, nor a description)
        name = ctx.text[s : described.left_edge.idx].rstrip(" ,(")
        p = ctx.registry.lookup(name, "PERSON") or ctx.registry.add(name, "PERSON")
        f.speaker, f.speaker_kind, f.via = (p.name if p else clean_name(name)), "PERSON", "name"
        f.descriptor = ctx.text[described.left_edge.idx : e].strip(" ,") or None
        return
    named = _appositive_name(subj) if subj.pos_ == "NOUN" and not persons else None
    lemma = subj.lemma_.lower()
    kind = "PERSON" if lemma in ROLE_NOUNS or lemma in PEOPLE_NOUNS else "ORG" if lemma in INSTITUTION_NOUNS else None
    if named is not None and kind is not None:
        # "The minister, Ana Costa, said" with the name tagged an organisation, a place or nothing: a role's
        # appositive proper name is the person in that role ("The company, Acme Corp, said": the company's)
        name = ctx.text[named[0] : named[1]]
        p = ctx.registry.lookup(name, kind) or ctx.registry.add(name, kind)
        f.speaker, f.speaker_kind, f.via = (p.name if p else clean_name(name)), kind, "name"
        f.descriptor = ctx.text[s : named[0]].strip(" ,") or None
        return
    if subj.pos_ == "NOUN" and len(persons) > 1:
        appos = [ent for ent in persons if ent.root.dep_ == "appos"]
        persons = appos or persons
    # "Bob Haueter, Farenthold's chief of staff, told": the subject's own name, not a name in its appositive
    own = [ent for ent in persons if ent.start <= subj.i < ent.end]
    # "The National Rifle Association (NRA) said": the entity the subject heads, not the one in its appositive
    own_ent = next((ent for ent in ents if ent.start <= subj.i < ent.end), None)
    pick = own[0] if own else persons[-1] if persons else own_ent or (ents[-1] if ents else None)
    if pick is not None and pick.start_char < s <= subj.idx < pick.end_char and "," in ctx.text[pick.start_char : s]:
        # "In a video posted on Facebook, Lopez said": the tagger ran the phrase before the comma into the name
        pick = ctx.doc.char_span(s, pick.end_char, label=pick.label_, alignment_mode="contract") or pick
    if pick is not None and pick.label_ != "PERSON" and not (pick.start <= subj.i < pick.end):
        # "The NATO Secretary General": the organisation only modifies a role
        p = resolve_role(ctx, subj.lemma_.lower(), printed, subj.idx)
        if p is not None:
            f.speaker, f.speaker_kind, f.descriptor = p.name, p.kind, printed
            f.via = "descriptor"
            return
        lemma = subj.lemma_.lower()
        if lemma in ROLE_NOUNS or subj.pos_ == "PROPN" or (subj.pos_ == "NOUN" and lemma not in DOC_NOUNS):
            # "one GOP operative in the state", "the Senate historian": the organisation or place only
            # qualifies an unnamed source, who is their description as printed (never the organisation)
            kind = "ORG" if lemma in ORG_NOUNS else "PERSON"
            f.speaker, f.speaker_kind, f.descriptor = description_name(printed), kind, printed
            f.via = "description"
            return
    if pick is not None and pick.label_ == "NORP":
        if subj.lower_ in PARTY_LETTERS.values() and printed.lower().startswith("the "):
            # "the Kentucky Republican said" after "Sen. Mitch McConnell (R-Ky.)": the person the text gave
            # that party (and state)
            p = resolve_party(ctx, printed, subj.lower_, subj.idx)
            if p is not None:
                f.speaker, f.speaker_kind, f.descriptor, f.via = p.name, p.kind, printed, "descriptor"
                return
        # "one Democrat", "the Senate's top Democrat", "Republicans": a party, faith or nationality word
        # describes unnamed people, it names no one (and a demonym never speaks for a country)
        f.speaker, f.speaker_kind, f.descriptor = description_name(printed), "PERSON", printed
        f.via = "description"
        return
    if pick is not None and pick.label_ == "ORG" and pick.start <= subj.i < pick.end:
        pick = _joined_org(ctx, pick, subj)
    if pick is not None:
        kind = "PERSON" if pick.label_ == "PERSON" else "ORG"
        p = ctx.registry.lookup(pick.text, "PERSON") if kind == "PERSON" else person_for(ctx, pick)
        p = p or ctx.registry.lookup(pick.text, kind) or ctx.registry.add(pick.text, kind)
        kind = p.kind if p else kind
        f.speaker = p.name if p else clean_name(pick.text)
        f.speaker_kind = kind
        f.via = "name"
        desc = (ctx.text[s : pick.start_char] + " " + ctx.text[pick.end_char : e]).strip(" ,")
        f.descriptor = desc if any(c.isalpha() for c in desc) else None
        return
    head_lemma = subj.lemma_.lower()
    if subj.pos_ == "PROPN" and _title_noun(subj):
        # "the MP said": a title the tagger calls a proper noun names a role, not someone called "MP"
        _by_title(ctx, f, subj, printed)
        return
    if subj.pos_ == "PROPN" and not subj.text.islower():
        name = ctx.text[s:e]
        own_appos = next((c for c in subj.rights if c.dep_ == "appos"), None)
        if own_appos is not None and own_appos.left_edge.idx > s:
            # "Etheridge, a Democrat, said": the name is the subject's own words, its appositive describes
            name = ctx.text[s : own_appos.left_edge.idx].rstrip(" ,(")
        p = ctx.registry.lookup(name, "PERSON") or ctx.registry.lookup(name, "ORG")
        if p is None:
            p = ctx.registry.add(name, "PERSON" if len(name.split()) > 1 else "ORG")
        f.speaker = p.name if p else clean_name(name)
        f.speaker_kind = p.kind if p else "ORG"
        f.via = "name"
        return
    author = _author_of(subj) if head_lemma in DOC_NOUNS else None
    if author is not None:
        resolve_subject(ctx, f, author)
        # a document is not a description of its author: "Obama's statement" describes no one
        f.speaker_mention, f.speaker_span, f.descriptor = printed, (s, e), None
        f.via = "document"
        return
    definite = {"the", "this", "that", "his", "her", "its", "their"}
    if head_lemma in DOC_NOUNS and any(c.lower_ in definite for c in subj.children):
        # "the statement said": whoever was said to issue it ("X released a statement"), else the source
        # last named
        issuer = _issuer_of(ctx, head_lemma, subj.idx)
        if issuer is not None:
            resolve_subject(ctx, f, issuer)
            f.speaker_mention, f.speaker_span, f.descriptor = printed, (s, e), None
            f.via = "document"
            return
        p = resolve_pronoun(ctx, "it", subj.idx, any_kind=True)
        if p is not None:
            f.speaker, f.speaker_kind, f.descriptor = p.name, p.kind, None
            f.via = "pronoun"
            return
    f.descriptor = printed
    if (
        head_lemma in INSTITUTION_NOUNS
        and subj.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
        and all(c.dep_ in {"det", "amod"} for c in subj.children)
    ):
        # "… the company said": the organisation it stands for, as "it said" would find it (never one it wrote or
        # spoke to: "In a statement to NBC News, the company said"; never a nationality: "The Indonesian pilot was
        # experienced, the airline said")
        p = resolve_pronoun(ctx, "it", subj.idx, skip=lambda pos: addressee(ctx, pos) or ctx.label_at(pos) == "NORP")
        if p is not None and p.kind == "ORG":
            f.speaker, f.speaker_kind, f.via = p.name, p.kind, "descriptor"
            return
    role = head_lemma if head_lemma in ROLE_NOUNS else None
    if role is None:
        role = next((t.lemma_.lower() for t in subj.subtree if t.lemma_.lower() in ROLE_NOUNS), None)
    if role is not None:
        p = resolve_role(ctx, role, printed, subj.idx)
        if p is not None:
            f.speaker, f.speaker_kind = p.name, p.kind
            f.via = "descriptor"
            return
    picked = head_lemma in PEOPLE_NOUNS and any(
        c.dep_ in {"det", "nummod", "amod", "acl", "prep"} and c.lower_ not in {"the", "these", "those"}
        for c in subj.children
    )
    if head_lemma in ROLE_NOUNS or head_lemma in ORG_NOUNS or picked:
        # "a person familiar with the talks said": an unnamed source, described as printed
        f.speaker = description_name(printed)
        f.speaker_kind = "ORG" if head_lemma in ORG_NOUNS else "PERSON"
        f.via = "description"


#: Words that join the parts of one organisation's name the tagger split in two ("… Office for the Coordination …").
_NAME_GLUE = frozenset({"for", "of", "on", "the"})


def _joined_org(ctx: Context, ent: Span, subj: Token) -> Span:
    """The organisation entity ``ent`` that holds ``subj``, joined with the organisation entities the tagger split
    off it inside the subject's own phrase: one before it over a bare "and" ("the World Travel and Tourism
    Council"), and ones after it over "for/of/on the" ("the United Nations Office for the Coordination of
    Humanitarian Affairs"). Never two names a determiner or a comma keeps apart ("the ACLU and the NAACP")."""
    inside = {t.i for t in subj.subtree}
    start, end = ent.start, ent.end
    i = bisect.bisect_left(ctx.ent_starts, ent.start_char) - 1
    if i >= 0:
        prev = ctx.ents[i]
        between = ctx.doc[prev.end : start]
        if (
            prev.label_ == "ORG"
            and len(between) == 1
            and between[0].lower_ in {"and", "&"}
            and all(t.i in inside for t in prev)
            and ctx.doc[start].lower_ != "the"
        ):
            start = prev.start
    j = bisect.bisect_right(ctx.ent_starts, ent.start_char)
    while j < len(ctx.ents):
        nxt = ctx.ents[j]
        between = ctx.doc[end : nxt.start]
        glued = len(between) > 0 and all(t.lower_ in _NAME_GLUE for t in between)
        if nxt.label_ != "ORG" or not glued or not all(t.i in inside for t in nxt):
            break
        end = nxt.end
        j += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ctx.doc, start, end, label=ent.label_)


def _appositive_name(subj: Token) -> tuple[int, int] | None:
    """The characters of a proper name printed in apposition after ``subj`` ("The minister, Ana Costa,"): the
    appositive and the proper nouns compounded into it, every word capitalised and none a title word."""
    appos = next((c for c in subj.rights if c.dep_ == "appos"), None)
    if (
        appos is None
        or appos.pos_ != "PROPN"
        or any(c.dep_ not in {"compound", "flat", "punct"} for c in appos.children)
    ):
        return None
    words = [c for c in appos.lefts if c.dep_ in {"compound", "flat"}] + [appos]
    words += [c for c in appos.rights if c.dep_ in {"compound", "flat"}]
    words.sort(key=lambda t: t.i)
    if words[-1].i - words[0].i + 1 != len(words) or len(words) > 4:
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and not _is_title_word(t) for t in words):
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _names(ent: Span, subj: Token) -> bool:
    """Whether a name inside the subject's phrase can be who speaks: not a place the phrase mentions
    ("a farmer from Iowa") nor a name inside a clause about the subject ("Dem running for Senate")."""
    t = ent.root
    for _ in range(8):
        if t.i == subj.i or t.head.i == t.i:
            return True
        if t.dep_ in {"acl", "relcl", "advcl"} or (t.dep_ == "prep" and ent.label_ in {"GPE", "LOC", "FAC"}):
            return False
        t = t.head
    return True


def _issuer_of(ctx: Context, lemma: str, before: int) -> Token | None:
    """The subject of the latest clause that issued a document of this kind ("McGinley released a statement")."""
    at = ctx.tok_at(before)
    for t in reversed(ctx.doc[: at.i if at is not None else 0]):
        if t.lemma_.lower() == lemma and t.dep_ in {"dobj", "pobj", "nsubjpass"} and not ctx.quote_mask[t.idx]:
            verb = t.head if t.dep_ != "pobj" else t.head.head
            subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and _speakerlike(subj) and subj.pos_ != "PRON":
                return subj
            author = _author_of(t)
            if author is not None:
                return author
    return None


def issuer_of_document(noun: Token) -> Token | None:
    """Who issued ``noun`` when it is a document ("statement", "tweet", "announcement" …) that someone issued,
    released, sent or posted, or wrote: :func:`_issuer_of_noun` for a document noun, else None."""
    if noun.lemma_.lower() not in DOC_NOUNS and noun.lemma_.lower() not in {"announcement", "message"}:
        return None
    return _issuer_of_noun(noun)


def _issuer_of_noun(noun: Token) -> Token | None:
    """Who issued this document: its author ("Lopez's statement", "a letter from Lopez"), else the subject of the
    clause that released, sent or posted it ("Lopez released a statement")."""
    author = _author_of(noun)
    if author is not None:
        return author
    if noun.dep_ in {"dobj", "pobj", "nsubjpass"}:
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and _speakerlike(subj):
            return subj
    return None


def _author_of(noun: Token) -> Token | None:
    """ "The statement from Maria Lopez", "Lopez's letter", "a White House statement": the author behind a
    document."""
    for c in noun.children:
        if c.dep_ in {"poss", "compound"} and (c.ent_type_ in SPEAKER_ENTS or c.pos_ == "PROPN"):
            return c
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"}:
            for o in c.children:
                if o.dep_ == "pobj" and (
                    o.ent_type_ in SPEAKER_ENTS or o.pos_ == "PROPN" or o.lemma_.lower() in ROLE_NOUNS
                ):
                    return o
    return None


def noun_owner(ctx: Context, f: Found) -> Token | None:
    """The owner of a noun of saying whose complement the quotation is ("LePage's promise to “seek …”", "the vow
    by Smith that “…”"): the quoted words are theirs, whoever the sentence's verb belongs to."""
    q = f.quotes[0]
    t = ctx.tok_at(q.start)
    if t is None or t.idx >= q.end:
        return None
    for _ in range(12):  # up to the word of the quotation the sentence hangs it on
        if t.head.i == t.i or not ctx.quote_mask[t.head.idx]:
            break
        t = t.head
    n = t.head
    for _ in range(4):
        if ctx.quote_mask[n.idx] or (n.pos_ in {"VERB", "AUX"} and n.dep_ not in {"acl", "xcomp", "pcomp"}):
            return None
        if n.pos_ == "NOUN" and n.lemma_.lower() in SPEECH_NOUNS:
            # "LePage's apology and promise to seek “…”": a possessor shared by coordinated nouns owns each
            return saying_owner(ctx, (n, n.head) if n.dep_ == "conj" and n.head.pos_ == "NOUN" else (n,))
        if n.head.i == n.i:
            return None
        n = n.head
    return None


def saying_owner(ctx: Context, nouns: tuple[Token, ...], *, described: bool = False) -> Token | None:
    """Who made the statement the first of ``nouns`` (a noun of saying, and the nouns it shares a possessor with)
    names: a possessor that is a name ("Trump's", "LePage's"; with ``described`` also a description or a pronoun:
    "the senator's", "his"), or the name after "by"/"from" ("the vow by Smith"); never a word inside a quotation."""
    for n in nouns:
        for c in n.children:
            if (
                c.dep_ == "poss"
                and not ctx.quote_mask[c.idx]
                and (
                    c.pos_ == "PROPN"
                    or c.ent_type_ in {"PERSON", "ORG"}
                    or (described and (c.pos_ == "NOUN" or c.lower_ in {"his", "her", "their"}))
                )
            ):
                return c
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "from"} and c.i > n.i:
                o = next((o for o in c.children if o.dep_ == "pobj"), None)
                named = o is not None and (o.pos_ == "PROPN" or o.ent_type_ in {"PERSON", "ORG"})
                if o is not None and named and not ctx.quote_mask[o.idx]:
                    return o
    return None


_POSSESSIVE = {"'s", "’s", "'", "’"}


def _possessor(ent: Span) -> bool:
    """ "Trump's" in "Trump's lawyer": the entity owns the noun after it."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent[-1].lower_ in _POSSESSIVE or (nxt is not None and nxt.lower_ in _POSSESSIVE)


def from_name(ctx: Context, f: Found, s: int, e: int, rule: str) -> None:
    """Set the speaker of ``f`` from a name printed at ``[s, e)`` (a byline, a label, a colon introduction)."""
    printed = ctx.text[s:e].strip()
    if not printed or len(printed.split()) > 8:
        return
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    ents = [ent for ent in (span.ents if span is not None else []) if ent.label_ in SPEAKER_ENTS]
    if printed.isupper() and any(c.isalpha() for c in printed):
        ents = []  # a label in capitals: the tagger's entities there are guesses ("ANN" of "ANN BERG:")
    # the person the line names, not a possessor ("Trump's lawyer Rudy Giuliani") nor the organisation of
    # their title after it ("— Jens Stoltenberg, NATO Secretary General"); else the last entity
    persons = [ent for ent in ents if ent.label_ == "PERSON" and not _possessor(ent)]
    if persons:
        ents = [persons[-1]]
    name = ents[-1].text if ents else printed
    kind = "PERSON" if (ents and ents[-1].label_ == "PERSON") or len(name.split()) > 1 else "ORG"
    if name.isupper():
        # transcript labels print surnames in capitals: WALLACE -> Chris Wallace, named before; else Wallace (but
        # a short one unknown may be an acronym: CNN)
        p = next(
            (q for q in ctx.registry.people if fold(q.surname) == fold(name.split()[-1]) and not q.name.isupper()),
            None,
        )
        name = p.name if p else name.title() if len(name) > 4 else name
    p = ctx.registry.add(name, kind)
    f.speaker = p.name if p else clean_name(name)
    f.speaker_kind = p.kind if p else kind
    f.speaker_mention = printed
    f.speaker_span = (s, e)
    f.via = "name"
    f.guessed_subject = False
    if ents:
        desc = (ctx.text[s : ents[-1].start_char] + " " + ctx.text[ents[-1].end_char : e]).strip(" ,")
        f.descriptor = desc or None
    f.rule = rule
