"""A quotation under attribution (:class:`Found`), its record, and how sure an attribution is by how it was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from quotetrace.nlp.marks import QuoteSpan

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
    "echo": 0.5,  # a scare quote repeating the words of one speaker's quotation in the same article
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
