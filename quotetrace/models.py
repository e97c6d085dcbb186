"""Frozen data models shared by every layer: Article, Mention and their JSON contract."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

SCHEMA = "quotetrace/1"

Kind = Literal["direct", "mixed", "indirect"]
Span = tuple[int, int]


def short_hash(*parts: object, size: int = 8) -> str:
    """A stable content hash (blake2b of canonical JSON) rendered as hex."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=size).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article as quotetrace holds it; offsets of mentions index ``text``."""

    id: str
    text: str
    path: str | None = None
    outlet: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    # Where the article came from (a file's real path, plus the record within it; a hash of stdin), and the
    # longer ids it may take when its id is held by another source. Empty ``alt_ids``: the id was given
    # explicitly and is never changed. Neither is part of the JSON contract.
    source: str | None = field(default=None, compare=False, repr=False)
    alt_ids: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def content_hash(self) -> str:
        return short_hash(self.text, self.title, size=16)

    def with_updates(self, **changes: Any) -> Article:
        return replace(self, **changes)

    @property
    def derived_id(self) -> bool:
        """Whether the id was made from a file name or a position (and may grow to stay unique)."""
        return bool(self.alt_ids)

    def to_dict(self) -> dict[str, Any]:
        """The contract's article object (without the text)."""
        return {
            "id": self.id,
            "path": self.path,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "url": self.url,
        }


@dataclass(frozen=True)
class Mention:
    """One quotation (or reported statement) in one article, with its attribution."""

    article_id: str
    text: str
    spans: tuple[Span, ...]
    kind: Kind = "direct"
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    cue_lemma: str | None = None
    descriptor: str | None = None
    paragraph: int | None = None
    in_headline: bool = False
    attribution: str | None = None  # which rule attributed the speaker (for debugging and stats)
    quoted_spans: tuple[Span, ...] = ()  # for mixed mentions: the pieces inside quotation marks
    id: str = field(default="")
    speaker_via: str | None = None  # how the speaker was found: name, pronoun, descriptor, document, follow-on, ...
    speaker_confidence: float | None = None  # 0-1, from speaker_via (see quotetrace.nlp.attribution)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", "m-" + short_hash(self.article_id, [list(s) for s in self.spans]))

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def piece_spans(self) -> tuple[Span, ...]:
        """The spans of the quoted pieces: each span of a direct mention, each quoted span of a mixed one, none of
        an indirect one (reported speech has no quoted words)."""
        if self.kind == "indirect":
            return ()
        if self.kind == "mixed":
            return self.quoted_spans
        return self.spans

    @property
    def placement(self) -> str:
        if self.in_headline:
            return "headline"
        if self.paragraph is not None and self.paragraph <= 1:
            return "lede"
        return "body"

    def to_dict(self, article_text: str | None = None) -> dict[str, Any]:
        """The contract's quote mention object. ``pieces`` carry their words when ``article_text`` is given (else
        null words); their cluster and framing fields are null here (filled in by the index)."""
        return {
            "schema": SCHEMA,
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "spans": [list(s) for s in self.spans],
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "cue_lemma": self.cue_lemma,
            "descriptor": self.descriptor,
            "paragraph": self.paragraph,
            "paragraph_number": self.paragraph + 1 if self.paragraph is not None else None,
            "placement": self.placement,
            "quoted_spans": [list(s) for s in self.quoted_spans] if self.quoted_spans else None,
            "attribution": self.attribution,
            "pieces": [piece_dict(s, e, article_text) for s, e in self.piece_spans],
            "speaker_via": self.speaker_via,
            "speaker_confidence": self.speaker_confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(
            id=d.get("id") or "",
            article_id=d["article_id"],
            text=d["text"],
            spans=tuple((int(s), int(e)) for s, e in d["spans"]),
            kind=d.get("kind") or "direct",
            speaker=d.get("speaker"),
            speaker_mention=d.get("speaker_mention"),
            speaker_span=tuple(d["speaker_span"]) if d.get("speaker_span") else None,  # type: ignore[arg-type]
            cue=d.get("cue"),
            cue_span=tuple(d["cue_span"]) if d.get("cue_span") else None,  # type: ignore[arg-type]
            cue_lemma=d.get("cue_lemma"),
            descriptor=d.get("descriptor"),
            paragraph=d.get("paragraph"),
            in_headline=d.get("placement") == "headline",
            attribution=d.get("attribution"),
            quoted_spans=tuple((int(s), int(e)) for s, e in (d.get("quoted_spans") or ())),
            speaker_via=d.get("speaker_via"),
            speaker_confidence=d.get("speaker_confidence"),
        )


def extract_record(article: Article, mentions: Sequence[Mention]) -> dict[str, Any]:
    """One article of ``extract --format jsonl`` (and of the library's ``extract``): the article and its quotes."""
    return {"schema": SCHEMA, "article": article.to_dict(), "quotes": [m.to_dict(article.text) for m in mentions]}


PIECE_SEPARATOR = " … "  # between the pieces of a mention's ``text``: where the article interrupted the quote


def piece_words(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]`` on one line (runs of white space made one space)."""
    return " ".join(text[start:end].split())


def piece_dict(start: int, end: int, article_text: str | None) -> dict[str, Any]:
    """The contract's piece object with its framing fields unknown (null)."""
    return {
        "span": [start, end],
        "text": piece_words(article_text, start, end) if article_text is not None else None,
        "cluster_id": None,
        "fidelity": None,
        "coverage": None,
        "edits": None,
        "cue_class": None,
        "hedges": None,
        "descriptor": None,
        "attribution_in_sentence": None,
    }


@dataclass(frozen=True)
class ReadProblem:
    """An input that could not be read, with the reason (reported on stderr, never raised)."""

    path: str
    reason: str
