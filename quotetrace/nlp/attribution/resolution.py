"""The people a document names, in text order, and resolving a pronoun or a role noun to one of them."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Span, Token

from quotetrace.nlp.attribution.context import SPEAKER_ENTS, SUBJECT_DEPS, Context, candidate_pos
from quotetrace.nlp.attribution.found import Found
from quotetrace.speakers import Person, clean_name, in_title_case_line, party_tag
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.lexicon import OFFICE_NOUNS, PERSONAL_PRONOUNS, ROLE_TITLES, US_STATE_NAMES
from quotetrace.text.verbs import SPEECH_VERBS

# How far back (characters) a role noun ("the minister") looks for the person it names: further than any article
# runs between naming someone and calling them by their role, and it bounds the work in a huge paragraph.
ROLE_REACH = 50_000


def register_names(ctx: Context) -> None:
    """Register the speaker-like entities (and surnames the tagger missed) outside quotations as candidates."""
    # an entity the tagger ran into a quotation ('Meyer "scumbags' in broken markup) is no name
    ents = [e for e in ctx.ents if e.label_ in SPEAKER_ENTS and not any(ctx.quote_mask[e.start_char : e.end_char])]
    titles = {e.start: _title_of(ctx, e) for e in ents}
    for ent in ents:  # people first, so that a surname the tagger calls an ORG still finds its person
        if ent.label_ == "PERSON":
            p = ctx.registry.add(ent.text, "PERSON", titles[ent.start])
            if p is not None and " " in p.name and not in_title_case_line(ctx.text, ent.start_char, ent.end_char):
                p.named_in_body = True
            described = _appositive_of(ctx, ent)
            if p is not None and described:
                p.described.add(described)  # "Chris Grayling, the Conservative MP for Epsom,"
            tag = party_tag(ctx.text[ent.end_char : ent.end_char + 32])
            if p is not None and tag is not None:
                p.described.add(" ".join(w for w in tag if w))  # "McConnell (R-Ky.)": "republican kentucky"
    for ent in ents:
        kind = "PERSON" if ent.label_ == "PERSON" else "ORG"
        title = titles[ent.start]
        p = person_for(ctx, ent) if kind == "ORG" else None
        p = p or ctx.registry.add(ent.text, kind, title)
        if p is None:
            continue
        is_subj = (any(t.dep_ in SUBJECT_DEPS for t in ent) or ent.root.dep_ in SUBJECT_DEPS) and not _in_report(
            ent.root
        )
        ctx.candidates.append((ent.start_char, p, is_subj))
    # a surname the entity tagger missed ("Akin made the remarks") still refers to its person
    in_ent = {t.i for e in ctx.ents for t in e}
    for t in ctx.doc:
        if t.pos_ != "PROPN" or t.i in in_ent or ctx.quote_mask[t.idx] or not t.text[:1].isupper():
            continue
        if t.dep_ == "compound" and t.head.pos_ == "PROPN":
            continue
        found = ctx.registry.lookup(t.text, "PERSON")
        if found is not None and found.kind == "PERSON" and fold(t.text) == fold(found.surname):
            ctx.candidates.append((t.idx, found, t.dep_ in SUBJECT_DEPS and not _in_report(t)))
    ctx.candidates.sort(key=lambda c: c[0])


def _in_report(tok: Token) -> bool:
    """``tok`` sits in a clause reported by a speech verb ("he said Grassley would …")."""
    v = tok.head
    if v.lemma_.lower() in SPEECH_VERBS:
        return False  # the subject of a speech verb is a speaker, wherever the parser hangs the verb
    for _ in range(3):
        if v.dep_ == "ccomp" and v.head.i != v.i and v.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if v.head.i == v.i:
            return False
        v = v.head
    return False


def person_for(ctx: Context, ent: Span) -> Person | None:
    """A person behind an entity the tagger called an organisation or place ("Stoltenberg" as ORG)."""
    if len(ent) > 2:
        return None
    p = ctx.registry.lookup(ent.text, "PERSON")
    if p is None or ent.label_ == "ORG":
        return p
    # a place name spelled exactly like a surname is the place ("Ukraine"); a misspelt surname is the person
    return None if fold(clean_name(ent.text)) == fold(p.surname) else p


def _title_of(ctx: Context, ent: Span) -> str | None:
    """Words printed before a name as its title: "NATO Secretary General" Jens Stoltenberg."""
    toks: list[Token] = []
    i = ent.start - 1
    while i >= 0:
        t = ctx.doc[i]
        # (a word hung on a noun after the name modifies that noun: "several Clinton supporters")
        titled = t.dep_ in {"compound", "amod", "nmod", "poss", "case", "punct"} and ent.start - 1 <= t.head.i < ent.end
        if titled or (t.pos_ == "PROPN" and t.head.i in range(ent.start, ent.end)):
            if t.dep_ == "punct" and t.text not in {"-", "–"}:
                break
            toks.insert(0, t)
            i -= 1
            continue
        if t.pos_ in {"PROPN", "NOUN", "ADJ"} and t.head.i in range(i + 1, ent.end):
            toks.insert(0, t)
            i -= 1
            continue
        break
    if not toks:
        return None
    return ctx.text[toks[0].idx : toks[-1].idx + len(toks[-1])]


def _appositive_of(ctx: Context, ent: Span) -> str | None:
    """A description printed after a name as its appositive ("Chris Grayling, the Conservative MP for Epsom,"),
    kept with the person's titles so that a role noun later ("the Conservative MP said") finds them."""
    for c in ent.root.children:
        if c.dep_ != "appos" or c.i < ent.end or c.ent_type_ == "PERSON":
            continue
        if not (c.pos_ == "NOUN" or (c.pos_ == "PROPN" and c.left_edge.pos_ == "DET")):
            continue  # "Grayling, Boris Johnson and …" is a list, not a description
        s, e = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
        if not ctx.quote_mask[s] and len(ctx.text[s:e].split()) <= 12:
            return ctx.text[s:e]
    return None


def note_speaker(ctx: Context, f: Found) -> None:
    """Add the speaker credited with ``f`` to the candidates, where their name was printed."""
    if f.speaker and f.speaker_span and f.speaker_kind and f.via != "description":
        p = ctx.registry.lookup(f.speaker, f.speaker_kind)
        if p is not None:
            bisect.insort(ctx.candidates, (f.speaker_span[0], p, True), key=candidate_pos)


def resolve_pronoun(
    ctx: Context, pronoun: str, offset: int, *, any_kind: bool = False, skip: Callable[[int], bool] | None = None
) -> Person | None:
    """The person or organisation a pronoun at ``offset`` refers to: the nearest fitting candidate before it
    (``skip``: offsets of candidates that cannot be meant)."""
    gender = None if any_kind else PERSONAL_PRONOUNS.get(pronoun)
    if gender in {"s"}:
        return None
    want_person = gender in {"m", "f"}
    best: tuple[int, int, Person] | None = None
    # the candidates are in text order: walk back from the offset, and stop once no earlier one can rank
    # higher (a rank is at most its position) — a paragraph of thousands of quotes stays linear
    for k in range(ctx.before(offset) - 1, -1, -1):
        pos, p, is_subj = ctx.candidates[k]
        if best is not None and pos < best[0]:
            break
        if want_person and p.kind != "PERSON":
            continue
        if gender == "p" and p.kind == "PERSON":
            continue  # "they wrote": a group or an organisation, not the last person named
        if not want_person and p.kind == "PERSON" and gender == "n":
            continue
        if (gender == "m" and p.gender == "f") or (gender == "f" and p.gender == "m"):
            continue
        if skip is not None and skip(pos):
            continue
        # nearest first; a subject or a speaker beats a mere mention in the same paragraph (on a tie, the
        # earlier candidate, as a forward scan would keep)
        rank = pos + (0 if is_subj else -400)
        if best is None or rank >= best[0]:
            best = (rank, pos, p)
    return best[2] if best else None


def _titled(ctx: Context, p: Person, role: str, words: frozenset[str]) -> bool:
    """Whether the titles ``p`` was printed with name ``role`` (or one of the printed ``words``), or a description
    in apposition names the role itself (its other words — "a former editor" — say nothing of "the former mayor")."""
    key = (id(p), len(p.titles), len(p.described), role, words)
    found = ctx.titled_memo.get(key)
    if found is None:
        titles = " ".join(fold(t) for t in p.titles)
        title_words = set(re.findall(r"[\w-]+", titles))
        described = set(re.findall(r"[\w-]+", " ".join(fold(d) for d in p.described)))
        found = ctx.titled_memo[key] = (
            role in titles
            or any(re.search(rf"\b{re.escape(w)}\b", titles) for w in words if len(w) > 3 and w not in {"the"})
            or bool(title_words & ROLE_TITLES.get(role, frozenset()))
            or role in described
        )
    return found


def resolve_role(ctx: Context, role: str, printed: str, offset: int) -> Person | None:
    """The person a role noun (``role``, printed as ``printed``) at ``offset`` names, if one fits."""
    words = frozenset(fold(w) for w in re.findall(r"[\w-]+", printed))
    best: tuple[int, Person] | None = None
    # the nearest person before the offset whose titles name the role (walking back, the first found)
    before = ctx.before(offset)
    for k in range(before - 1, -1, -1):
        pos, p, _ = ctx.candidates[k]
        if offset - pos > ROLE_REACH:
            break
        if p.kind == "PERSON" and _titled(ctx, p, role, words):
            best = (pos, p)
            break
    if best is None and role in OFFICE_NOUNS and printed.lower().startswith("the "):
        # "the four-term congressman said": the person last named as the subject of a sentence
        # "the four-term congressman said": of the people recently the subject of a sentence, the one
        # the story has named most so far (the nearest on a tie)
        reach = bisect.bisect_left(ctx.candidates, offset - ROLE_REACH, key=candidate_pos)
        counts = Counter(p.name for _, p, _ in ctx.candidates[reach:before] if p.kind == "PERSON")
        first = bisect.bisect_right(ctx.candidates, offset - 2000, key=candidate_pos)
        recent = [
            (counts[p.name], pos, p)
            for pos, p, is_subj in ctx.candidates[first:before]
            if is_subj and p.kind == "PERSON"
        ]
        if recent:
            return max(recent, key=lambda c: (c[0], c[1]))[2]
    return best[1] if best else None


def resolve_role_ahead(ctx: Context, role: str, printed: str, offset: int) -> Person | None:
    """The first person after ``offset`` (within :data:`ROLE_REACH`) whose titles name ``role``: a headline's bare
    title ("Governor says …") names the person the story then introduces with it."""
    words = frozenset(fold(w) for w in re.findall(r"[\w-]+", printed))
    for pos, p, _ in ctx.candidates[ctx.before(offset + 1) :]:
        if pos - offset > ROLE_REACH:
            break
        if p.kind == "PERSON" and _titled(ctx, p, role, words):
            return p
    return None


def resolve_party(ctx: Context, printed: str, party: str, offset: int) -> Person | None:
    """The politician a party description at ``offset`` names ("the Kentucky Republican", "the Democrat"): the
    nearest person before it printed with that party (a party and state tag, a title, an appositive) and, when the
    description names a state, with that state; None when the text gave no one that party."""
    low = " " + fold(printed) + " "
    states = {s for s in US_STATE_NAMES if f" {s} " in low}
    for k in range(ctx.before(offset) - 1, -1, -1):
        pos, p, _ = ctx.candidates[k]
        if offset - pos > ROLE_REACH:
            break
        if p.kind != "PERSON":
            continue
        known = " " + " ".join(fold(t) for t in (*p.titles, *p.described)) + " "
        if re.search(rf"\b{party}", known) and all(f" {s} " in known for s in states):
            return p
    return None
