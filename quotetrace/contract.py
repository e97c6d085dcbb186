"""The JSON contract as Python types: the objects the commands print as JSON and the library returns (docs/contract.md).

These are the types of the dicts built in :mod:`quotetrace.models` and :mod:`quotetrace.index` — the CLI prints those
very dicts, the library (:mod:`quotetrace.api`) returns them — so a field exists in both or in neither. Each class
lists the contract's fields; the ``…Extra`` bases the fields added since (all present in the output, ``None`` when
unknown).
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

__all__ = [
    "ArticleDict",
    "EditDict",
    "ExtractRecord",
    "FirstSeen",
    "MentionDict",
    "MentionRecord",
    "OutletRecord",
    "PieceDict",
    "QuoteDetail",
    "QuoteSummary",
    "SpeakerRecord",
    "TraceRecord",
]

Kind = Literal["direct", "mixed", "indirect"]
Fidelity = Literal["full", "fragment", "altered"]


class ArticleDict(TypedDict):
    id: str
    path: str | None
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None


class EditDict(TypedDict, total=False):
    op: Literal["delete", "insert", "replace"]
    text: str
    marked: bool
    article_span: list[int] | None


class PieceDict(TypedDict, total=False):
    span: list[int]
    text: str | None
    cluster_id: str | None
    fidelity: Fidelity | None
    coverage: float | None
    edits: list[EditDict] | None
    cue_class: str | None
    hedges: list[str] | None


class _MentionExtra(TypedDict, total=False):
    schema: str
    cue_lemma: str | None
    descriptor: str | None
    paragraph: int | None
    paragraph_number: int | None  # 1-based, as tables print it
    placement: Literal["headline", "lede", "body"]
    quoted_spans: list[list[int]] | None
    attribution: str | None


class MentionDict(_MentionExtra):
    """A quote mention (``extract``): :meth:`quotetrace.models.Mention.to_dict`."""

    id: str
    article_id: str
    text: str
    spans: list[list[int]]
    kind: Kind
    speaker: str | None
    speaker_mention: str | None
    speaker_span: list[int] | None
    cue: str | None
    cue_span: list[int] | None
    pieces: list[PieceDict]


class _FramedExtra(TypedDict, total=False):
    quoted_text: str
    dropped_qualifier: bool
    hedge_details: list[dict[str, Any]]
    credits: list[dict[str, Any]]
    cue_phrase: str | None
    attribution_in_sentence: bool
    joints: list[list[int]]
    sentence: str  # show
    context_before: str | None  # show
    context_after: str | None  # show
    first: bool  # show: the first appearance (ties marked too)
    selected: bool  # show MENTION_ID


class MentionRecord(MentionDict, _FramedExtra):
    """A mention as ``export`` lists it and ``show`` shows it: with its quote id, its article and framing fields."""

    cluster_id: str | None
    article: ArticleDict
    fidelity: Fidelity | None
    coverage: float | None
    edits: list[EditDict] | None
    cue_class: str | None
    hedges: list[str] | None


class ExtractRecord(TypedDict):
    """One article of ``extract --format jsonl``."""

    schema: str
    article: ArticleDict
    quotes: list[MentionDict]


class FirstSeen(TypedDict):
    date: str | None
    outlet: str | None
    article_id: str | None
    tied_with: list[str]


class _SummaryExtra(TypedDict, total=False):
    outlet_count: int
    article_count: int
    kind: Kind
    kinds: dict[str, int]
    last_seen: str | None
    speaker_variants: list[str]
    first_date: str | None
    last_date: str | None
    first_tied: bool
    paraphrases: list[str]  # list
    paraphrased_by: list[QuoteSummary]  # list --statements


class QuoteSummary(_SummaryExtra):
    """A quote (cluster) as ``list`` prints it."""

    schema: str
    id: str
    speaker: str | None
    text: str
    outlets: list[str]
    mention_count: int
    first_seen: FirstSeen


class _DetailExtra(_SummaryExtra, total=False):
    framing: dict[str, Any]
    paraphrases: list[dict[str, Any]]  # type: ignore[misc]  # show: the paraphrase objects, not only their ids
    selected_outlets: list[str]
    compare: dict[str, Any]


class QuoteDetail(_DetailExtra):
    """One quote as ``show`` prints it: the summary and every appearance."""

    schema: str
    id: str
    speaker: str | None
    text: str
    outlets: list[str]
    mention_count: int
    first_seen: FirstSeen
    mentions: list[MentionRecord]


class TraceRecord(QuoteDetail):
    """``trace``: the best-matching quote's detail with the query and the match."""

    query: str
    match_score: float
    alternatives: list[dict[str, Any]]


class SpeakerRecord(TypedDict):
    """A speaker as ``speakers`` prints it."""

    schema: str
    speaker: str
    cluster_count: int
    mention_count: int
    outlet_count: int
    article_count: int
    outlets: list[dict[str, Any]]
    descriptors: dict[str, list[dict[str, Any]]] | None
    spellings: list[str]
    unnamed: bool


class OutletRecord(TypedDict):
    """An outlet as ``outlets`` prints it."""

    schema: str
    outlet: str | None
    article_count: int
    mention_count: int
    cluster_count: int
    top_speakers: list[dict[str, Any]]
    cue_classes: dict[str, int] | None
    top_cues: list[dict[str, Any]] | None
    fidelity: dict[str, int] | None
