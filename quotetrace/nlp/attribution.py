"""Attribution on a parsed Doc: cue verb, speaker, kind and content span for each quotation."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from quotetrace.nlp.credit_lines import is_credit_line
from quotetrace.nlp.lexicon import (
    NON_SPEAKERS,
    OFFICE_NOUNS,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_NOUNS,
    ROLE_TITLES,
)
from quotetrace.nlp.marks import ALL_MARKS, QuoteSpan, find_quotes, is_apostrophe, paragraphs
from quotetrace.speakers import NameRegistry, Person, clean_name, description_name
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.verbs import BELIEF_VERBS, REPORTING_VERBS, SPEECH_VERBS

SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"conj", "xcomp", "advcl", "pcomp", "acl", "ccomp", "relcl", "dep", "parataxis", "advmod"}
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’\- ]{1,38}[A-Z.])\s*:\s+(?=\S)")  # used with .match: anchored
_TRANSCRIPT_STOP = {"UPDATE", "EDITOR'S NOTE", "NOTE", "WATCH", "READ MORE", "PHOTOS", "VIDEO", "RELATED", "Q", "A"}
_DASH_BYLINE = re.compile(r"^\s*[—–―-]{1,2}\s*([A-Z][^\n.;!?“”\"]{1,80}?)[\s.]*$")
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
}
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
_INTRO_FILLER = re.compile(r"^(?:that|saying|as saying|:|,|—|–|-|\s)*$", re.IGNORECASE)


# How sure an attribution is, by how its speaker was found (a mention's ``speaker_confidence``; a cluster's speaker
# is the vote of its mentions weighted by it). Measured order, not probabilities: a name printed at the cue beats a
# description resolved to a name nearby, which beats a pronoun, which beats a quote that only follows another.
SPEAKER_CONFIDENCE: dict[str, float] = {
    "name": 0.9,  # a name at the cue: "said Jens Stoltenberg", "Stoltenberg said", "— Stoltenberg", "WALLACE:"
    "joint": 0.8,  # "both Obama and Clinton said": the two together
    "document": 0.7,  # "the statement said", resolved to whoever issued it
    "pronoun": 0.65,  # "he said", resolved to the person last named
    "descriptor": 0.6,  # "the NATO chief said", resolved to the person with that title
    "follow-on": 0.55,  # a quote with no cue of its own, continuing the previous speaker's
    "description": 0.5,  # an unnamed source as printed: "a senior official said"
}
GUESSED_SUBJECT_FACTOR = 0.8  # the parse gave the cue no subject; the name next to it was taken


def speaker_confidence(via: str | None, *, guessed: bool = False) -> float | None:
    """The confidence of an attribution found ``via`` a rule of :data:`SPEAKER_CONFIDENCE` (None when unknown)."""
    if via is None:
        return None
    base = SPEAKER_CONFIDENCE.get(via, 0.5)
    return round(base * (GUESSED_SUBJECT_FACTOR if guessed else 1.0), 3)


@dataclass
class Found:
    """A quotation under attribution (doc offsets)."""

    spans: list[tuple[int, int]]
    quotes: list[QuoteSpan]
    kind: str = "direct"
    cue: Token | None = None
    cue_text: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker: str | None = None
    speaker_kind: str | None = None
    speaker_mention: str | None = None
    speaker_span: tuple[int, int] | None = None
    descriptor: str | None = None
    rule: str | None = None
    quoted_spans: list[tuple[int, int]] = field(default_factory=list)
    paragraph: int = 0
    via: str | None = None  # how the speaker was found (see SPEAKER_CONFIDENCE)
    guessed_subject: bool = False  # the cue had no parsed subject: the name next to it was taken

    def to_record(self) -> dict[str, Any]:
        return {
            "spans": self.spans,
            "kind": self.kind,
            "cue": self.cue_text,
            "cue_lemma": self.cue.lemma_.lower() if self.cue is not None else None,
            "cue_span": self.cue_span,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "speaker_mention": self.speaker_mention,
            "speaker_span": self.speaker_span,
            "descriptor": self.descriptor,
            "rule": self.rule,
            "quoted_spans": self.quoted_spans,
            "paragraph": self.paragraph,
            "speaker_via": (self.via or "name") if self.speaker else None,
            "speaker_confidence": (
                speaker_confidence(self.via or "name", guessed=self.guessed_subject) if self.speaker else None
            ),
        }


# How far back (characters) a role noun ("the minister") looks for the person it names: further than any article
# runs between naming someone and calling them by their role, and it bounds the work in a huge paragraph.
ROLE_REACH = 50_000


def _pos(candidate: tuple[int, Person, bool]) -> int:
    return candidate[0]


class Attributor:
    """Finds and attributes every quotation of one Doc."""

    def __init__(
        self, doc: Doc, *, min_unattributed_words: int = 5, indirect: bool = False, beliefs: bool = False
    ) -> None:
        self.doc = doc
        self.indirect = indirect
        self.beliefs = beliefs
        self.text = doc.text
        self.min_unattributed_words = min_unattributed_words
        self.paras = paragraphs(self.text)
        self.registry = NameRegistry()
        self.quote_mask = bytearray(len(self.text) + 1)
        self.tok_starts = [t.idx for t in doc]
        # doc.ents builds every entity span anew on each access: read them once (a paragraph of thousands of
        # quotes otherwise rebuilt them per quote — quadratic), sorted by start for range lookups
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self.ent_starts = [e.start_char for e in self.ents]
        # (offset, person, is_subject) for pronoun and role resolution, kept in text order
        self.candidates: list[tuple[int, Person, bool]] = []
        self._titled_memo: dict[tuple[int, int, str, frozenset[str]], bool] = {}

    # ------------------------------------------------------------------ helpers
    def para_index(self, offset: int) -> int:
        lo, hi = 0, len(self.paras) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.paras[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_quote(self, tok: Token) -> bool:
        return bool(self.quote_mask[tok.idx])

    def tok_at(self, offset: int) -> Token | None:
        """The token containing ``offset``, else the next one."""
        i = bisect.bisect_right(self.tok_starts, offset) - 1
        if i >= 0 and offset < self.doc[i].idx + len(self.doc[i]):
            return self.doc[i]
        return self.doc[i + 1] if i + 1 < len(self.doc) else None

    def ents_within(self, s: int, e: int) -> list[Span]:
        """The entities lying inside the characters ``[s, e)``, in order."""
        i = bisect.bisect_left(self.ent_starts, s)
        j = bisect.bisect_left(self.ent_starts, e, lo=i)
        return [ent for ent in self.ents[i:j] if ent.end_char <= e]

    # ------------------------------------------------------------------ main
    def run(self) -> list[Found]:
        groups = find_quotes(self.text)
        for g in groups:
            for q in g:
                lo = q.open_at
                hi = (q.close_at + 1) if q.close_at is not None else q.end
                self.quote_mask[lo:hi] = b"\x01" * (hi - lo)
        self._register_names()
        groups = self._merge_interrupted(groups)
        found: list[Found] = []
        scare: list[Found] = []
        last: Found | None = None
        for g0 in groups:
            for g, label in self._split_transcript(g0):
                f = Found(spans=[(q.start, q.end) for q in g], quotes=g, paragraph=self.para_index(g[0].start))
                if label is not None:
                    self._from_name(f, label[0], label[1], "transcript")
                if f.speaker is None:
                    self._attribute(f, last)
                last = self._keep(f, found, scare, last)
        found += self._transcript_lines(found)
        if self.indirect:
            found += self._reported(found)

        found.sort(key=lambda f: f.spans[0][0])
        merged = self._merge_mixed(found)
        for f in merged:
            if f.speaker is not None and f.speaker_kind is not None and f.via != "description":
                # (an unnamed source stays its description: "a lawyer for Mr. Grimm" is not Grimm)
                p = self.registry.lookup(f.speaker, "PERSON") if f.speaker_kind == "PERSON" else None
                p = p or self.registry.lookup(f.speaker, f.speaker_kind)
                if p is not None:
                    f.speaker, f.speaker_kind = p.name, p.kind
            if f.kind == "mixed":
                s, e = f.spans[0][0], f.spans[-1][1]
                extra = [sp for x in scare for sp in x.spans if s <= sp[0] and sp[1] <= e]
                if extra:
                    f.quoted_spans = sorted(set(f.quoted_spans) | set(extra))
        return merged

    def _keep(self, f: Found, found: list[Found], scare: list[Found], last: Found | None) -> Found | None:
        """File ``f`` as a mention, a scare quote, or nothing (a title); return the new 'previous speaker'."""
        in_head = f.paragraph == 0 and len(self.paras) > 1
        if self._is_title(f) and not in_head and (f.kind != "direct" or f.rule in {None, "follow-on"}):
            return last  # the name of a show, book or article
        if f.speaker is None and f.rule is None and self._is_scare(f):
            scare.append(f)
            return last
        found.append(f)
        if f.speaker is not None:
            self._note_speaker(f)
            return f
        return last

    # ------------------------------------------------------------------ reported speech
    def _reported(self, found: list[Found]) -> list[Found]:
        """Indirect speech: "X said (that) …", "X warned …", "according to X, …" — no quotation marks."""
        covered = bytearray(self.quote_mask)
        for f in found:
            for a, b in f.spans:
                covered[a:b] = b"\x01" * (b - a)
        out: list[Found] = []
        for i in self._verb_candidates():
            t = self.doc[i]
            if covered[t.idx]:
                continue
            lemma = t.lemma_.lower()
            belief = self.beliefs and lemma in BELIEF_VERBS and t.pos_ in {"VERB", "AUX"}
            reporting = lemma in REPORTING_VERBS or t.lower_ == "according"
            if not (belief or (reporting and self._is_cue(t))):
                continue
            span = self._according_content(t) if t.lower_ == "according" else self._reported_clause(t)
            if span is None:
                continue
            a, b = span
            if any(covered[a:b]) or len(self.text[a:b].split()) < 3 or self._not_a_report(t):
                continue
            if is_credit_line(t.sent.text):
                continue  # staff credits ("Additional reporting by …") are not speech
            f = Found(spans=[(a, b)], quotes=[], kind="indirect", paragraph=self.para_index(a))
            self._from_cue(f, t, "indirect")
            if f.speaker is None and f.speaker_mention is None:
                continue  # "It was reported that …": no source, not a statement we can attribute
            covered[a:b] = b"\x01" * (b - a)
            out.append(f)
        return out

    def _verb_candidates(self) -> list[int]:
        """Indices of the tokens whose lemma is a reporting (or, with beliefs, belief) verb, or that read "according":
        read off the doc's attribute arrays, so that the other tokens never become Python objects."""
        strings = self.doc.vocab.strings
        wanted = REPORTING_VERBS | BELIEF_VERBS if self.beliefs else REPORTING_VERBS
        according = strings.add("according")
        known: dict[int, bool] = {}
        out: list[int] = []
        for i, (lemma, lower) in enumerate(self.doc.to_array(["LEMMA", "LOWER"]).tolist()):
            hit = known.get(lemma)
            if hit is None:
                hit = known[lemma] = strings[lemma].lower() in wanted
            if hit or lower == according:
                out.append(i)
        return out

    def _reported_clause(self, cue: Token) -> tuple[int, int] | None:
        comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if comp is None:
            return None
        lo, hi = comp.left_edge, comp.right_edge
        while lo.i < hi.i and ((lo.dep_ == "mark" and lo.lower_ in {"that", "whether", "if"}) or lo.is_punct):
            lo = self.doc[lo.i + 1]
        while hi.i > lo.i and hi.is_punct:
            hi = self.doc[hi.i - 1]
        if (comp.i < cue.i and hi.i >= cue.i) or lo.i <= cue.i <= hi.i:
            return None
        return lo.idx, hi.idx + len(hi)

    def _according_content(self, tok: Token) -> tuple[int, int] | None:
        """ "According to X, <clause>." — the clause is the rest of the sentence."""
        sent = tok.sent
        sub = list(tok.subtree)
        lo_i, hi_i = sub[0].i, sub[-1].i
        if lo_i == sent.start:
            a, b = hi_i + 1, sent.end - 1
        elif hi_i >= sent.end - 2:
            a, b = sent.start, lo_i - 1
        else:
            return None
        while a <= b and (self.doc[a].is_punct or self.doc[a].is_space):
            a += 1
        while b >= a and (self.doc[b].is_punct or self.doc[b].is_space):
            b -= 1
        if b - a < 2:
            return None
        return self.doc[a].idx, self.doc[b].idx + len(self.doc[b])

    def _not_a_report(self, cue: Token) -> bool:
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
        return cue.dep_ in {"xcomp", "pcomp"} and cue.head.lemma_.lower() in {"refuse", "decline", "fail", "want"}

    def _split_transcript(self, g: list[QuoteSpan]) -> list[tuple[list[QuoteSpan], tuple[int, int] | None]]:
        """A quoted transcript ("WALLACE: …") becomes one quotation per speaker turn, labels removed."""
        out: list[tuple[list[QuoteSpan], tuple[int, int] | None]] = []
        for q in g:
            m = _TRANSCRIPT.match(self.text, q.start, q.end)
            if m and m.group(1).strip() not in _TRANSCRIPT_STOP and len(m.group(1).split()) <= 4:
                moved = QuoteSpan(m.end(), q.end, q.open_at, q.close_at, q.double)
                out.append(([moved], (m.start(1), m.end(1))))
            elif out:
                out[-1][0].append(q)
            else:
                out.append(([q], None))
        return out

    # ------------------------------------------------------------------ names
    def _register_names(self) -> None:
        ents = [e for e in self.ents if e.label_ in SPEAKER_ENTS and not self.quote_mask[e.start_char]]
        titles = {e.start: self._title_of(e) for e in ents}
        for ent in ents:  # people first, so that a surname the tagger calls an ORG still finds its person
            if ent.label_ == "PERSON":
                self.registry.add(ent.text, "PERSON", titles[ent.start])
        for ent in ents:
            kind = "PERSON" if ent.label_ == "PERSON" else "ORG"
            title = titles[ent.start]
            p = self._person_for(ent) if kind == "ORG" else None
            p = p or self.registry.add(ent.text, kind, title)
            if p is None:
                continue
            is_subj = (any(t.dep_ in _SUBJ for t in ent) or ent.root.dep_ in _SUBJ) and not self._in_report(ent.root)
            self.candidates.append((ent.start_char, p, is_subj))
        # a surname the entity tagger missed ("Akin made the remarks") still refers to its person
        in_ent = {t.i for e in self.ents for t in e}
        for t in self.doc:
            if t.pos_ != "PROPN" or t.i in in_ent or self.quote_mask[t.idx] or not t.text[:1].isupper():
                continue
            if t.dep_ == "compound" and t.head.pos_ == "PROPN":
                continue
            found = self.registry.lookup(t.text, "PERSON")
            if found is not None and found.kind == "PERSON" and fold(t.text) == fold(found.surname):
                self.candidates.append((t.idx, found, t.dep_ in _SUBJ and not self._in_report(t)))
        self.candidates.sort(key=lambda c: c[0])

    def _in_report(self, tok: Token) -> bool:
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

    def _person_for(self, ent: Span) -> Person | None:
        """A person behind an entity the tagger called an organisation or place ("Stoltenberg" as ORG)."""
        if len(ent) > 2:
            return None
        p = self.registry.lookup(ent.text, "PERSON")
        if p is None or ent.label_ == "ORG":
            return p
        # a place name spelled exactly like a surname is the place ("Ukraine"); a misspelt surname is the person
        return None if fold(clean_name(ent.text)) == fold(p.surname) else p

    def _title_of(self, ent: Span) -> str | None:
        """Words printed before a name as its title: "NATO Secretary General" Jens Stoltenberg."""
        toks: list[Token] = []
        i = ent.start - 1
        while i >= 0:
            t = self.doc[i]
            if (t.dep_ in {"compound", "amod", "nmod", "poss", "case", "punct"} and t.head.i >= ent.start - 1) or (
                t.pos_ == "PROPN" and t.head.i in range(ent.start, ent.end)
            ):
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
        return self.text[toks[0].idx : toks[-1].idx + len(toks[-1])]

    def _note_speaker(self, f: Found) -> None:
        if f.speaker and f.speaker_span and f.speaker_kind and f.via != "description":
            p = self.registry.lookup(f.speaker, f.speaker_kind)
            if p is not None:
                bisect.insort(self.candidates, (f.speaker_span[0], p, True), key=_pos)

    # ------------------------------------------------------------------ interrupted quotes
    def _merge_interrupted(self, groups: list[list[QuoteSpan]]) -> list[list[QuoteSpan]]:
        out: list[list[QuoteSpan]] = []
        for g in groups:
            if out:
                prev = out[-1][-1]
                cur = g[0]
                if prev.close_at is not None and self.para_index(prev.close_at) == self.para_index(cur.open_at):
                    gap = self.text[prev.close_at + 1 : cur.open_at]
                    raw_end = self.text[prev.start : prev.close_at].rstrip()
                    if (
                        raw_end[-1:] in {",", ".", "?", "!", "…", "—", "-", ":"}
                        and len(gap.split()) <= 30
                        and re.search(r"[,.:;]\s*$", gap)
                        and self._gap_has_cue(prev.close_at + 1, cur.open_at)
                        and not self._gap_is_embedding(gap)
                        and not self._has_own_cue(g[-1])
                    ):
                        out[-1] = out[-1] + g
                        continue
            out.append(list(g))
        return out

    def _gap_has_cue(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return False
        cues = sum(1 for t in span if self._is_cue(t))
        sentence_breaks = sum(1 for t in span if t.text in {".", "!", "?"})
        return cues == 1 and sentence_breaks <= 1

    def _has_own_cue(self, q: QuoteSpan) -> bool:
        """A quote closing with a comma and followed by its own cue is a separate quotation."""
        if q.close_at is None:
            return False
        para_end = self.paras[self.para_index(q.start)][1]
        return self._cue_after(q.close_at + 1, para_end) is not None

    @staticmethod
    def _gap_is_embedding(gap: str) -> bool:
        return bool(re.search(r"\b(?:that|because|as)\s*$", gap.strip(" ,")))

    # ------------------------------------------------------------------ attribution
    def _is_cue(self, t: Token) -> bool:
        if self.quote_mask[t.idx]:
            return False
        lemma = t.lemma_.lower()
        if lemma == "accord" and t.text.lower() == "according":
            return True
        if t.pos_ not in {"VERB", "AUX"} and not (t.tag_.startswith("VB")):
            return False
        if lemma not in SPEECH_VERBS or t.dep_ == "amod":
            return False  # "the so-called plan" is no speech
        if any(c.dep_ == "neg" and not self.quote_mask[c.idx] for c in t.children):
            return False  # "though he did not say whether …" attributes nothing
        # "continue to support", "go to", "call for": not speech
        return not (
            lemma in _NEEDS_NO_OBJECT
            and any(
                c.dep_ in {"xcomp", "dobj", "prep", "attr"} and not self.quote_mask[c.idx] and not self._quotes_words(c)
                for c in t.children
            )
        )

    def _quotes_words(self, prep: Token) -> bool:
        """ "called for “hardening our defenses”": the object of the preposition is a quotation."""
        objs = [o for o in prep.children if o.dep_ in {"pobj", "pcomp"}] if prep.dep_ == "prep" else []
        return bool(objs) and all(self.quote_mask[o.idx] for o in objs)

    def _attribute(self, f: Found, last: Found | None) -> None:
        first, final = f.quotes[0], f.quotes[-1]
        para_start = self.paras[self.para_index(first.start)][0]
        last_para_end = self.paras[self.para_index(final.start)][1]
        close = final.close_at + 1 if final.close_at is not None else final.end
        before_text = self.text[para_start : first.open_at]
        after_text = self.text[close:last_para_end]

        # 1. cue inside an interrupted quote's gap
        if len(f.quotes) > 1:
            for a, b in zip(f.quotes, f.quotes[1:], strict=False):
                if a.close_at is None:
                    continue
                cue = self._cue_in(a.close_at + 1, b.open_at)
                if cue is not None:
                    self._from_cue(f, cue, "interrupted")
                    return

        ends_with_comma = self.text[final.start : close].rstrip(" ”’\"'»›").endswith((",", "?", "!", "—"))
        after_cue = self._cue_after(close, last_para_end)
        if after_cue is not None and self.text[final.start : close].rstrip(" ”’\"'»›").endswith("."):
            # “… a hard day.” Obama later explained that …: a quote closed by a full stop takes a cue after
            # it only from a short tail ("he said.", "said Tom Hardy."), not from the next sentence
            tail = self.text[close : after_cue.idx].split()
            if len(tail) > 2:
                after_cue = None
        before_cue = self._cue_before(para_start, first.open_at)
        colon = before_text.rstrip().endswith(":")

        order: list[tuple[Token | None, str]]
        if ends_with_comma:
            order = [(after_cue, "after"), (before_cue, "before")]
        else:
            order = [(before_cue, "before"), (after_cue, "after")]
        # the preferred cue wins unless it names nobody and the other one names someone
        fallback: tuple[dict[str, Any], Token, str] | None = None
        for cue, rule in order:
            if cue is not None and self._from_cue(f, cue, rule):
                if f.speaker is None:
                    fallback = fallback or (dict(vars(f)), cue, rule)
                    continue
                self._set_kind(f, cue, rule)
                return
        if fallback is not None:
            vars(f).update(fallback[0])
            self._set_kind(f, fallback[1], fallback[2])
            return

        # 2. dash byline: “…” —Commissioner Starks   /   headline 'a tragedy' – NATO
        m = _DASH_BYLINE.match(after_text)
        if m:
            self._from_name(f, close + m.start(1), close + m.end(1), "dash")
            if f.speaker:
                return
        # 3. colon introduction in this paragraph or the previous one
        if (colon or not before_text.strip()) and self._from_colon(f, para_start, first.open_at):
            return
        # 4. transcript label: "WALLACE: “…”"
        tm = _TRANSCRIPT.match(before_text)
        if tm and tm.group(1).strip() not in _TRANSCRIPT_STOP:
            self._from_name(f, para_start + tm.start(1), para_start + tm.end(1), "transcript")
            if f.speaker:
                return
        # 5. follow-on: a quote with no cue continues the previous speaker's
        if last is not None and self._is_standalone(f, para_start):
            gap_paras = self.para_index(first.start) - last.paragraph
            if gap_paras <= 1:
                f.speaker, f.speaker_kind = last.speaker, last.speaker_kind
                f.speaker_mention, f.speaker_span = None, None
                f.rule = "follow-on"
                f.via = "follow-on"

    def _cue_in(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        for t in span:
            if self._is_cue(t):
                return t
        return None

    def _cue_after(self, close: int, para_end: int) -> Token | None:
        tok = self.tok_at(close) if close < len(self.text) else None
        if tok is None:
            return None
        sent_end = tok.sent.end
        seen = 0
        for t in self.doc[tok.i : min(len(self.doc), sent_end + 1)]:
            if t.idx >= para_end or self.quote_mask[t.idx]:
                break
            if self._is_cue(t):
                return t
            if not t.is_punct and not t.is_space:
                seen += 1
            if seen > 30:
                break
        return None

    def _cue_before(self, para_start: int, open_at: int) -> Token | None:
        tok = self.tok_at(open_at)
        if tok is None:
            return None
        sent = tok.sent
        best: Token | None = None
        for t in self.doc[max(sent.start, 0) : tok.i]:
            if t.idx < para_start:
                continue
            if self._is_cue(t):
                best = t
        return best

    def _subject_of(self, verb: Token) -> Token | None:
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
            for c in v.children:
                if c.dep_ in _SUBJ and not self.quote_mask[c.idx]:
                    if v is not verb and verb.tag_ in {"VBG", "VBN"} and not self._speakerlike(c):
                        break  # "X emphasized that NATO's priority is …, stating": skip "priority"
                    return c
            for c in v.children:
                if c.dep_ == "agent":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            return o
            if v.dep_ in _CLIMB and v.head is not v:
                if v is verb and v.dep_ == "conj" and not self._is_cue(v.head):
                    # "X clarified that NATO is not pushing … and reaffirmed …": the cue coordinates
                    # with the speech verb above, not with the verb of the reported clause
                    up = next((a for a in v.head.ancestors if self._is_cue(a)), None)
                    if up is not None:
                        v = up
                        continue
                v = v.head
                continue
            return None
        return None

    def _speakerlike(self, t: Token) -> bool:
        return (
            t.pos_ in {"PROPN", "PRON"}
            or t.ent_type_ in SPEAKER_ENTS
            or t.lemma_.lower() in ROLE_NOUNS
            or t.lemma_.lower() in ORG_NOUNS
        )

    def _fallback_subject(self, verb: Token) -> Token | None:
        """When the parse gives no subject: a name or pronoun right next to the cue."""
        for j in (verb.i - 1, verb.i + 1):
            if 0 <= j < len(self.doc):
                t = self.doc[j]
                if j > verb.i and t.pos_ != "PRON" and t.head.i != verb.i and (t.dep_ in _SUBJ or t.head.dep_ in _SUBJ):
                    continue  # "to say Obama should …": the subject of what was said, not the sayer
                if not self.quote_mask[t.idx] and (t.pos_ in {"PROPN", "PRON"} or t.ent_type_ in SPEAKER_ENTS):
                    return t
        return None

    def _noun_phrase(self, head: Token) -> tuple[int, int]:
        """The speaker's noun phrase without relative clauses: left edge to the end of the name."""
        left = head.left_edge.i
        right = head.i
        for c in head.rights:
            if c.dep_ == "punct" and c.text in {",", "("}:
                continue
            if c.dep_ in {"compound", "flat", "appos", "nummod"} or (c.dep_ == "punct" and c.text == "-"):
                right = max(right, c.right_edge.i if c.dep_ != "appos" else c.i)
            elif c.dep_ == "prep" and c.text.lower() in {"of", "for", "at", "in", "to"} and c.i == right + 1:
                right = max(right, c.right_edge.i)  # "the editor in chief", "the secretary of state"
            else:
                break
        while left < head.i and self.doc[left].is_punct:
            left += 1
        for i in range(left, head.i):
            if self.quote_mask[self.doc[i].idx]:
                left = i + 1
        return self.doc[left].idx, self.doc[right].idx + len(self.doc[right])

    def _from_cue(self, f: Found, cue: Token, rule: str) -> bool:
        subj = self._subject_of(cue)
        f.guessed_subject = False
        if subj is None:
            subj = self._fallback_subject(cue)
            f.guessed_subject = subj is not None
        f.cue = cue
        if cue.text.lower() == "according":
            nxt = cue.nbor(1) if cue.i + 1 < len(self.doc) else None
            end = nxt.idx + len(nxt) if nxt is not None and nxt.text.lower() == "to" else cue.idx + len(cue)
            f.cue_text, f.cue_span = self.text[cue.idx : end], (cue.idx, end)
        else:
            f.cue_text, f.cue_span = self._cue_phrase(cue)
        f.rule = rule
        if subj is None:
            return True
        if subj.text.lower() in NON_SPEAKERS and subj.pos_ != "PROPN":
            if subj.dep_ in _SUBJ and subj.head.dep_ == "relcl":
                subj = subj.head.head
            else:
                return True
        self._resolve(f, subj)
        return True

    def _cue_phrase(self, cue: Token) -> tuple[str, tuple[int, int]]:
        end = cue.idx + len(cue)
        for c in cue.rights:
            if c.dep_ == "prt" and c.i == cue.i + 1:
                end = c.idx + len(c)
        return self.text[cue.idx : end], (cue.idx, end)

    def _resolve(self, f: Found, subj: Token, *, joint: bool = True) -> None:
        named = {"PROPN"}
        conj = [c for c in subj.children if c.dep_ == "conj" and (c.pos_ in named or c.ent_type_ == "PERSON")]
        if joint and conj and (subj.pos_ in named or subj.ent_type_ in SPEAKER_ENTS):
            # "both Obama and Clinton called it …": the words belong to the two together, not to the first
            parts: list[str] = []
            for t in (subj, *conj):
                one = Found(spans=f.spans, quotes=f.quotes)
                self._resolve(one, t, joint=False)
                parts.append(one.speaker or clean_name(self.text[slice(*self._noun_phrase(t))]))
            s0, _ = self._noun_phrase(subj)
            _, e0 = self._noun_phrase(conj[-1])
            f.speaker = " and ".join(dict.fromkeys(parts))
            f.speaker_kind = "ORG"  # a group: never merged with either member's own quotes
            f.via = "joint"
            f.speaker_mention, f.speaker_span, f.descriptor = self.text[s0:e0], (s0, e0), None
            return
        s, e = self._noun_phrase(subj)
        f.speaker_span = (s, e)
        printed = self.text[s:e]
        f.speaker_mention = printed
        low = subj.text.lower()
        if low == "it" and (subj.dep_ in {"nsubjpass", "expl"} or subj.head.lemma_ == "be"):
            f.speaker_span = f.speaker_mention = None  # "it was reported that …": no source
            return
        if subj.pos_ == "PRON" or low in PERSONAL_PRONOUNS:
            p = self._resolve_pronoun(low, subj.idx)
            f.speaker_mention = subj.text
            f.speaker_span = (subj.idx, subj.idx + len(subj))
            if p is not None:
                f.speaker, f.speaker_kind = p.name, p.kind
                f.via = "pronoun"
            return
        ents = [
            ent
            for ent in self.ents_within(s, e)
            if ent.label_ in SPEAKER_ENTS and self._names(ent, subj)
        ]
        if subj.pos_ == "NOUN":
            # "A lawyer for Mr. Grimm, William McGinley,": the appositive names the speaker; the prepositional
            # object ("for Mr. Grimm") or the possessor ("Trump's lawyer") names whom they speak for, never who
            # speaks — without an appositive name the source is unnamed
            spoken_for = {"pobj", "poss"}
            ents = [e for e in ents if e.root.dep_ not in spoken_for or e.label_ not in {"PERSON", "NORP"}]
        persons = [ent for ent in ents if ent.label_ == "PERSON"]
        if subj.pos_ == "NOUN" and len(persons) > 1:
            appos = [ent for ent in persons if ent.root.dep_ == "appos"]
            persons = appos or persons
        pick = persons[-1] if persons else (ents[-1] if ents else None)
        if pick is not None and pick.label_ != "PERSON" and not (pick.start <= subj.i < pick.end):
            # "The NATO Secretary General": the organisation only modifies a role
            p = self._resolve_role(subj.lemma_.lower(), printed, subj.idx)
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
            # "one Democrat", "the Senate's top Democrat", "Republicans": a party, faith or nationality word
            # describes unnamed people, it names no one (and a demonym never speaks for a country)
            f.speaker, f.speaker_kind, f.descriptor = description_name(printed), "PERSON", printed
            f.via = "description"
            return
        if pick is not None:
            kind = "PERSON" if pick.label_ == "PERSON" else "ORG"
            p = self.registry.lookup(pick.text, "PERSON") if kind == "PERSON" else self._person_for(pick)
            p = p or self.registry.lookup(pick.text, kind) or self.registry.add(pick.text, kind)
            kind = p.kind if p else kind
            f.speaker = p.name if p else clean_name(pick.text)
            f.speaker_kind = kind
            f.via = "name"
            desc = (self.text[s : pick.start_char] + " " + self.text[pick.end_char : e]).strip(" ,")
            f.descriptor = desc if any(c.isalpha() for c in desc) else None
            return
        head_lemma = subj.lemma_.lower()
        if subj.pos_ == "PROPN" and not subj.text.islower():
            name = self.text[s:e]
            p = self.registry.lookup(name, "PERSON") or self.registry.lookup(name, "ORG")
            if p is None:
                p = self.registry.add(name, "PERSON" if len(name.split()) > 1 else "ORG")
            f.speaker = p.name if p else clean_name(name)
            f.speaker_kind = p.kind if p else "ORG"
            f.via = "name"
            return
        author = self._author_of(subj) if head_lemma in DOC_NOUNS else None
        if author is not None:
            self._resolve(f, author)
            f.speaker_mention, f.speaker_span, f.descriptor = printed, (s, e), printed
            f.via = "document"
            return
        definite = {"the", "this", "that", "his", "her", "its", "their"}
        if head_lemma in DOC_NOUNS and any(c.lower_ in definite for c in subj.children):
            # "the statement said": whoever was said to issue it ("X released a statement"), else the source
            # last named
            issuer = self._issuer_of(head_lemma, subj.idx)
            if issuer is not None:
                self._resolve(f, issuer)
                f.speaker_mention, f.speaker_span, f.descriptor = printed, (s, e), printed
                f.via = "document"
                return
            p = self._resolve_pronoun("it", subj.idx, any_kind=True)
            if p is not None:
                f.speaker, f.speaker_kind, f.descriptor = p.name, p.kind, printed
                f.via = "pronoun"
                return
        f.descriptor = printed
        role = head_lemma if head_lemma in ROLE_NOUNS else None
        if role is None:
            role = next((t.lemma_.lower() for t in subj.subtree if t.lemma_.lower() in ROLE_NOUNS), None)
        if role is not None:
            p = self._resolve_role(role, printed, subj.idx)
            if p is not None:
                f.speaker, f.speaker_kind = p.name, p.kind
                f.via = "descriptor"
                return
        if head_lemma in ROLE_NOUNS or head_lemma in ORG_NOUNS:
            f.speaker = description_name(printed)
            f.speaker_kind = "ORG" if head_lemma in ORG_NOUNS else "PERSON"
            f.via = "description"

    @staticmethod
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

    def _issuer_of(self, lemma: str, before: int) -> Token | None:
        """The subject of the latest clause that issued a document of this kind ("McGinley released a statement")."""
        at = self.tok_at(before)
        for t in reversed(self.doc[: at.i if at is not None else 0]):
            if t.lemma_.lower() == lemma and t.dep_ in {"dobj", "pobj", "nsubjpass"} and not self.quote_mask[t.idx]:
                verb = t.head if t.dep_ != "pobj" else t.head.head
                subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
                if subj is not None and self._speakerlike(subj) and subj.pos_ != "PRON":
                    return subj
                author = self._author_of(t)
                if author is not None:
                    return author
        return None

    def _author_of(self, noun: Token) -> Token | None:
        """ "The statement from Maria Lopez", "Lopez's letter": the author behind a document."""
        for c in noun.children:
            if c.dep_ == "poss" and (c.ent_type_ in SPEAKER_ENTS or c.pos_ == "PROPN"):
                return c
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"}:
                for o in c.children:
                    if o.dep_ == "pobj" and (
                        o.ent_type_ in SPEAKER_ENTS or o.pos_ == "PROPN" or o.lemma_.lower() in ROLE_NOUNS
                    ):
                        return o
        return None

    def _resolve_pronoun(self, pronoun: str, offset: int, *, any_kind: bool = False) -> Person | None:
        gender = None if any_kind else PERSONAL_PRONOUNS.get(pronoun)
        if gender in {"s"}:
            return None
        want_person = gender in {"m", "f"}
        best: tuple[int, int, Person] | None = None
        # the candidates are in text order: walk back from the offset, and stop once no earlier one can rank
        # higher (a rank is at most its position) — a paragraph of thousands of quotes stays linear
        for k in range(self._before(offset) - 1, -1, -1):
            pos, p, is_subj = self.candidates[k]
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
            # nearest first; a subject or a speaker beats a mere mention in the same paragraph (on a tie, the
            # earlier candidate, as a forward scan would keep)
            rank = pos + (0 if is_subj else -400)
            if best is None or rank >= best[0]:
                best = (rank, pos, p)
        return best[2] if best else None

    def _before(self, offset: int) -> int:
        """How many candidates stand before ``offset``."""
        return bisect.bisect_left(self.candidates, offset, key=_pos)

    def _titled(self, p: Person, role: str, words: frozenset[str]) -> bool:
        """Whether the titles ``p`` was printed with name ``role`` (or one of the printed ``words``)."""
        key = (id(p), len(p.titles), role, words)
        found = self._titled_memo.get(key)
        if found is None:
            titles = " ".join(fold(t) for t in p.titles)
            title_words = set(re.findall(r"[\w-]+", titles))
            found = self._titled_memo[key] = (
                role in titles
                or any(w in titles for w in words if len(w) > 3 and w not in {"the"})
                or bool(title_words & ROLE_TITLES.get(role, frozenset()))
            )
        return found

    def _resolve_role(self, role: str, printed: str, offset: int) -> Person | None:
        words = frozenset(fold(w) for w in re.findall(r"[\w-]+", printed))
        best: tuple[int, Person] | None = None
        # the nearest person before the offset whose titles name the role (walking back, the first found)
        before = self._before(offset)
        for k in range(before - 1, -1, -1):
            pos, p, _ = self.candidates[k]
            if offset - pos > ROLE_REACH:
                break
            if p.kind == "PERSON" and self._titled(p, role, words):
                best = (pos, p)
                break
        if best is None and role in OFFICE_NOUNS and printed.lower().startswith("the "):
            # "the four-term congressman said": the person last named as the subject of a sentence
            # "the four-term congressman said": of the people recently the subject of a sentence, the one
            # the story has named most so far (the nearest on a tie)
            reach = bisect.bisect_left(self.candidates, offset - ROLE_REACH, key=_pos)
            counts = Counter(p.name for _, p, _ in self.candidates[reach:before] if p.kind == "PERSON")
            first = bisect.bisect_right(self.candidates, offset - 2000, key=_pos)
            recent = [
                (counts[p.name], pos, p)
                for pos, p, is_subj in self.candidates[first:before]
                if is_subj and p.kind == "PERSON"
            ]
            if recent:
                return max(recent, key=lambda c: (c[0], c[1]))[2]
        return best[1] if best else None

    def _from_name(self, f: Found, s: int, e: int, rule: str) -> None:
        printed = self.text[s:e].strip()
        if not printed or len(printed.split()) > 8:
            return
        span = self.doc.char_span(s, e, alignment_mode="expand")
        ents = [ent for ent in (span.ents if span is not None else []) if ent.label_ in SPEAKER_ENTS]
        name = ents[-1].text if ents else printed
        kind = "PERSON" if (ents and ents[-1].label_ == "PERSON") or len(name.split()) > 1 else "ORG"
        if name.isupper() and len(name) > 4:
            # transcript labels print surnames in capitals: WALLACE -> Wallace
            p = next(
                (q for q in self.registry.people if fold(q.surname) == fold(name.split()[-1]) and not q.name.isupper()),
                None,
            )
            name = p.name if p else name.title()
        p = self.registry.add(name, kind)
        f.speaker = p.name if p else clean_name(name)
        f.speaker_kind = p.kind if p else kind
        f.speaker_mention = printed
        f.speaker_span = (s, e)
        f.via = "name"
        f.guessed_subject = False
        if ents:
            desc = (self.text[s : ents[-1].start_char] + " " + self.text[ents[-1].end_char : e]).strip(" ,")
            f.descriptor = desc or None
        f.rule = rule

    def _from_colon(self, f: Found, para_start: int, open_at: int) -> bool:
        before = self.text[para_start:open_at].rstrip()
        if before.endswith(":") and len(before) > 1:
            start = para_start
        else:
            # quote opens its paragraph: does the previous paragraph end with a colon?
            pi = self.para_index(para_start)
            if pi == 0:
                return False
            ps, pe = self.paras[pi - 1]
            if not self.text[ps:pe].rstrip().endswith(":"):
                return False
            start, before = ps, self.text[ps:pe].rstrip()
        colon_at = start + len(before) - 1
        tok = self.tok_at(colon_at)
        if tok is None:
            return False
        sent = tok.sent
        cue: Token | None = None
        for t in self.doc[sent.start : tok.i]:
            if self._is_cue(t):
                cue = t
        if cue is not None:
            self._from_cue(f, cue, "colon")
            if f.speaker is None:
                f.cue = None
            return f.speaker is not None
        # no verb: "Stoltenberg: “…”" or "The statement from the Kremlin:" -> the last name before the colon
        ents = [e for e in sent.ents if e.end_char <= colon_at and e.label_ in SPEAKER_ENTS]
        if ents:
            self._from_name(f, ents[-1].start_char, ents[-1].end_char, "colon")
            return f.speaker is not None
        return False

    def _set_kind(self, f: Found, cue: Token, rule: str) -> None:
        """Direct when the quotation is the whole reported content; mixed when it is embedded in a clause."""
        first, final = f.quotes[0], f.quotes[-1]
        close = final.close_at + 1 if final.close_at is not None else final.end
        if rule == "before":
            between = self.text[f.cue_span[1] if f.cue_span else cue.idx : first.open_at]
            if f.speaker_span and f.speaker_span[0] > cue.idx:
                between = self.text[f.speaker_span[1] : first.open_at]
            if _INTRO_FILLER.match(between) or len(re.findall(r"\w+", between)) == 0:
                return
            set_off = between.rstrip().endswith((",", ":")) and self.text[first.start : first.start + 1].isupper()
            if set_off and len(between.split()) <= 8:
                return  # "saying during the debate last week, “That makes me smart,”"
            comp = self._complement(cue, first.open_at)
            start = comp[0] if comp else (f.cue_span[1] if f.cue_span else cue.idx)
            end = max(comp[1] if comp else close, final.end)
            self._make_mixed(f, start, end)
        elif rule == "after":
            # “…,” he said  is direct; "because they “agreed” to it, Stoltenberg said" is mixed
            tok = self.tok_at(first.open_at)
            if tok is None:
                return
            sent_start = tok.sent.start_char
            para_start = self.paras[self.para_index(first.start)][0]
            lead = self.text[max(sent_start, para_start) : first.open_at]
            if not re.search(r"\w", lead):
                return
            end_at = (
                f.speaker_span[0] if f.speaker_span and f.speaker_span[0] > close else (f.cue_span or (close, close))[0]
            )
            self._make_mixed(f, max(sent_start, para_start), end_at)

    def _complement(self, cue: Token, open_at: int) -> tuple[int, int] | None:
        tok = self.tok_at(open_at)
        if tok is None:
            return None
        comps = [
            c
            for c in cue.children
            if c.i > cue.i
            and c.dep_ in {"ccomp", "xcomp", "dobj", "advcl", "prep", "attr", "oprd", "npadvmod", "dative"}
        ]
        holder = next((c for c in comps if c.left_edge.i <= tok.i <= c.right_edge.i), None)
        if holder is None:
            return None
        lo = min((c.left_edge for c in comps if c.i <= holder.i), key=lambda t: t.i)
        hi = holder.right_edge
        start = lo.idx
        if lo.lower_ == "that" and lo.dep_ == "mark" and lo.i + 1 < len(self.doc):
            start = lo.nbor(1).idx
        return start, hi.idx + len(hi)

    def _make_mixed(self, f: Found, start: int, end: int) -> None:
        while start < end and (self.text[start].isspace() or self.text[start] in ALL_MARKS or self.text[start] in ",:"):
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ",;:"):
            end -= 1

        if end <= start:
            return
        start = min(start, f.spans[0][0])
        end = max(end, f.spans[-1][1])
        f.quoted_spans = list(f.spans)
        f.spans = self._without_marks(start, end)
        f.kind = "mixed"

    def _without_marks(self, start: int, end: int) -> list[tuple[int, int]]:
        """The clause as pieces between quotation marks: spans never include the marks themselves."""
        pieces: list[tuple[int, int]] = []
        s = start
        for i in range(start, end + 1):
            at_mark = i < end and self.quote_mask[i] and self.text[i] in ALL_MARKS and not is_apostrophe(self.text, i)
            if i == end or at_mark:
                a, b = s, i
                while a < b and self.text[a].isspace():
                    a += 1
                while b > a and self.text[b - 1].isspace():
                    b -= 1
                if b > a and any(c.isalnum() for c in self.text[a:b]):
                    pieces.append((a, b))
                s = i + 1
        return pieces or [(start, end)]

    def _merge_mixed(self, found: list[Found]) -> list[Found]:
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
                prev.spans = self._without_marks(
                    min(prev.spans[0][0], f.spans[0][0]), max(prev.spans[-1][1], f.spans[-1][1])
                )
                prev.quoted_spans = sorted(set(prev.quoted_spans) | set(f.quoted_spans))
                continue
            out.append(f)
        return out

    def _is_standalone(self, f: Found, para_start: int) -> bool:
        first = f.quotes[0]
        before = self.text[para_start : first.open_at].strip()
        return not before or bool(re.search(r"[.!?:”\"’]$", before))

    def _is_scare(self, f: Found) -> bool:
        words = sum(len(self.text[s:e].split()) for s, e in f.spans)
        return words < self.min_unattributed_words

    def _is_title(self, f: Found) -> bool:
        """“Fox News Sunday”, 'The 411', "Make Your Kid a Millionaire": names of works and shows, not speech."""
        if len(f.quotes) != 1:
            return False
        s, e = f.quotes[0].start, f.quotes[0].end
        content = self.text[s:e].rstrip(".,!?")
        words = _TITLE_WORDS.findall(content)
        if not words or len(words) > 9 or re.search(r"[.!?]\s", content):
            return False
        major = [w for w in words if w.lower() not in _MINOR]
        if not major or not all(w[0].isupper() or w[0].isdigit() for w in major):
            return False
        before = self.text[max(0, f.quotes[0].open_at - 2) : f.quotes[0].open_at].strip()
        return not (before == "" and len(words) > 3 and content == content.upper())

    def _transcript_lines(self, found: list[Found]) -> list[Found]:
        """Interview transcripts print speech without marks: "WALLACE: Do you ...". Needs two labelled lines."""
        hits = []
        for i, (ps, pe) in enumerate(self.paras):
            m = _TRANSCRIPT.match(self.text[ps:pe])
            if m and m.group(1).strip() not in _TRANSCRIPT_STOP and len(m.group(1).split()) <= 4:
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
            self._from_name(f, ps + m.start(1), ps + m.end(1), "transcript")
            out.append(f)
        return out


def attribute(doc: Doc, *, indirect: bool = False, beliefs: bool = False) -> list[dict[str, Any]]:
    """Records (JSON-able dicts, doc offsets) for every quotation in ``doc``."""
    found = Attributor(doc, indirect=indirect, beliefs=beliefs).run()
    return [f.to_record() for f in sorted(found, key=lambda f: f.spans[0][0])]
