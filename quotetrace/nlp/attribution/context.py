"""The per-document state attribution works on: the Doc, its entities, paragraphs, quote mask and named people."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from quotetrace.nlp.credit_lines import dateline_end
from quotetrace.nlp.marks import paragraphs
from quotetrace.people import PARTICLES
from quotetrace.speakers import NameRegistry, Person

SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}  # entity labels that can speak
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}  # the dependency labels of a clause's subject

# (offset, person, is_subject): a person named (or credited with a quote) at ``offset``, for pronoun and role
# resolution
Candidate = tuple[int, Person, bool]


def mend_particle_names(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entities, a person's name the tagger cut at a surname particle made whole: "Ursula von der" +
    "Leyen" is "Ursula von der Leyen" (the capitalised words after the particle join it, and any entity they
    were), "Erik" + "ten Hag" is "Erik ten Hag" (a lower-case particle and the capitalised word after it)."""
    ents = list(doc.ents)
    mended = []
    for e in ents:
        if e.label_ != "PERSON" or e.end >= len(doc):
            continue
        end = e.end
        if e[-1].lower_ in PARTICLES:
            while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                end += 1
        else:
            # "Erik" + "ten" + "Hag": the particle (whatever the tagger made of it) and the capitalised surname after
            # it belong to the name
            j = end
            while j < len(doc) and doc[j].text in PARTICLES and j - end < 2:
                j += 1
            if j > end and j < len(doc) and doc[j].is_title and doc[j].is_alpha:
                end = j + 1
        if end > e.end:
            mended.append(Span(doc, e.start, end, label="PERSON"))
    if not mended:
        return tuple(ents)
    spans = filter_spans(mended + ents)  # the longer (mended) span wins over what it overlaps
    try:
        doc.ents = spans
    except ValueError:
        return tuple(ents)
    return tuple(doc.ents)


def candidate_pos(candidate: Candidate) -> int:
    """Where a candidate stands in the text (the sort key of :attr:`Context.candidates`)."""
    return candidate[0]


@dataclass
class Context:
    """One Doc under attribution and what is learnt about it along the way.

    Build it with :meth:`of`; the rule functions of the package read it and add to ``registry``, ``candidates``
    and ``quote_mask``.
    """

    doc: Doc
    text: str
    paras: list[tuple[int, int]]  # paragraph bounds (characters)
    ents: tuple[Span, ...]  # the Doc's entities, read once, sorted by start
    ent_starts: list[int]
    tok_starts: list[int]
    quote_mask: bytearray  # 1 at every character inside a quotation (marks included)
    indirect: bool = False  # also find reported speech without quotation marks
    beliefs: bool = False  # with ``indirect``: also belief verbs ("X believes …")
    min_unattributed_words: int = 5  # an unattributed quotation shorter than this is a scare quote
    registry: NameRegistry = field(default_factory=NameRegistry)
    # (offset, person, is_subject) for pronoun and role resolution, kept in text order
    candidates: list[Candidate] = field(default_factory=list)
    titled_memo: dict[tuple[int, int, int, str, frozenset[str]], bool] = field(default_factory=dict)
    _story_starts: dict[int, int] = field(default_factory=dict)  # paragraph index -> :meth:`story_start`

    @classmethod
    def of(cls, doc: Doc, *, min_unattributed_words: int = 5, indirect: bool = False, beliefs: bool = False) -> Context:
        text = doc.text
        # doc.ents builds every entity span anew on each access: read them once (a paragraph of thousands of
        # quotes otherwise rebuilt them per quote — quadratic), sorted by start for range lookups
        ents: tuple[Span, ...] = mend_particle_names(doc)
        return cls(
            doc=doc,
            text=text,
            paras=paragraphs(text),
            ents=ents,
            ent_starts=[e.start_char for e in ents],
            tok_starts=[t.idx for t in doc],
            quote_mask=bytearray(len(text) + 1),
            indirect=indirect,
            beliefs=beliefs,
            min_unattributed_words=min_unattributed_words,
        )

    def para_index(self, offset: int) -> int:
        """The index of the paragraph holding ``offset`` (the last one starting at or before it)."""
        lo, hi = 0, len(self.paras) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.paras[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def story_start(self, offset: int) -> int:
        """Where the story starts in the paragraph holding ``offset``: past a dateline ("LONDON, England — "),
        whose place never speaks and is no part of a speaker's mention; else the paragraph's start."""
        i = self.para_index(offset)
        start = self._story_starts.get(i)
        if start is None:
            s, e = self.paras[i] if self.paras else (0, 0)
            start = self._story_starts[i] = s + dateline_end(self.text[s:e])
        return start

    def tok_at(self, offset: int) -> Token | None:
        """The token containing ``offset``, else the next one."""
        i = bisect.bisect_right(self.tok_starts, offset) - 1
        if i >= 0 and offset < self.doc[i].idx + len(self.doc[i]):
            return self.doc[i]
        return self.doc[i + 1] if i + 1 < len(self.doc) else None

    def ent_at(self, tok: Token) -> Span | None:
        """The entity holding the token ``tok``, if any."""
        i = bisect.bisect_right(self.ent_starts, tok.idx) - 1
        if i >= 0 and self.ents[i].start <= tok.i < self.ents[i].end:
            return self.ents[i]
        return None

    def label_at(self, offset: int) -> str | None:
        """The label of the entity printed from ``offset`` (a candidate's position), if one starts there."""
        i = bisect.bisect_left(self.ent_starts, offset)
        return self.ents[i].label_ if i < len(self.ents) and self.ents[i].start_char == offset else None

    def ents_within(self, s: int, e: int) -> list[Span]:
        """The entities lying inside the characters ``[s, e)``, in order."""
        i = bisect.bisect_left(self.ent_starts, s)
        j = bisect.bisect_left(self.ent_starts, e, lo=i)
        return [ent for ent in self.ents[i:j] if ent.end_char <= e]

    def before(self, offset: int) -> int:
        """How many candidates stand before ``offset``."""
        return bisect.bisect_left(self.candidates, offset, key=candidate_pos)
