"""The JSON contract as Python types: every object the commands print as JSON and the library returns.

The read views (:mod:`quotetrace.views`) and :func:`quotetrace.models.extract_record` build these dicts, the CLI prints
them and the library (:mod:`quotetrace.api`) returns them, so a field exists in both or in neither. Each class's keys
are exactly the fields docs/contract.md lists for that object under "Every object's fields" (``tests/test_views_types``
checks both, and the keys of real output). Keys in the class body are always present (``null`` when unknown); keys of
a ``total=False`` base appear only with the option named beside them.

Inner objects the contract names without fixing their keys (the ``framing`` and ``compare`` analysis blocks of
``show``, ``credits`` and ``hedge_details``) stay ``dict[str, Any]``.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

__all__ = [
    "ArticleDict",
    "AttributionDict",
    "CueCount",
    "DescriptorCount",
    "EditDict",
    "EditOffsets",
    "ExtractRecord",
    "FirstSeen",
    "MentionDict",
    "MentionRecord",
    "OutletRecord",
    "ParaphraseRecord",
    "PieceDict",
    "QuoteDetail",
    "QuoteSummary",
    "ShownMention",
    "SpeakerOutlet",
    "SpeakerRecord",
    "TopSpeaker",
    "TraceAlternative",
    "TraceRecord",
]

Kind = Literal["direct", "mixed", "indirect"]
Fidelity = Literal["full", "fragment", "altered"]


class ArticleDict(TypedDict):
    """The article object (without its text)."""

    id: str
    path: str | None
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None


class EditOffsets(TypedDict):
    full: list[int]
    variant: list[int]


# ``with`` is a Python keyword, hence the functional form.
EditDict = TypedDict(
    "EditDict",
    {
        "op": Literal["delete", "insert", "replace"],
        "text": str | None,
        "with": str | None,
        "marked": bool,
        "kind": str,
        "cosmetic": bool,
        "at_edge": bool,
        "qualifier": bool,
        "qualifier_words": list[str],
        "offsets": EditOffsets,
        "article_span": list[int] | None,
    },
)
EditDict.__doc__ = "One word-level change of a mention's wording against its quote's reference wording."


class PieceDict(TypedDict):
    """One quoted piece of a mention: its span, words, cluster and framing against that cluster (the framing
    fields are null where the piece was not framed: ``extract``, ``export`` without ``--framing``)."""

    span: list[int]
    text: str | None
    cluster_id: str | None
    fidelity: Fidelity | None
    coverage: float | None
    edits: list[EditDict] | None
    cue_class: str | None
    hedges: list[str] | None
    descriptor: str | None
    attribution_in_sentence: bool | None


class MentionDict(TypedDict):
    """A quote mention as ``extract`` prints it: :meth:`quotetrace.models.Mention.to_dict`."""

    schema: str
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
    cue_lemma: str | None
    descriptor: str | None
    paragraph: int | None
    paragraph_number: int | None  # 1-based, as tables print it
    placement: Literal["headline", "lede", "body"]
    quoted_spans: list[list[int]] | None
    attribution: str | None
    pieces: list[PieceDict]
    speaker_via: str | None
    speaker_confidence: float | None


class _FramedFields(TypedDict):
    # null unless framed (``show``, ``export --framing``)
    attribution_in_sentence: bool | None
    credits: list[dict[str, Any]] | None
    cue_phrase: str | None
    dropped_qualifier: bool | None
    hedge_details: list[dict[str, Any]] | None
    joints: list[list[int]] | None


class MentionRecord(MentionDict, _FramedFields):
    """A mention as ``export`` lists it: with its quote id, its article and the framing fields."""

    cluster_id: str | None
    article: ArticleDict
    quoted_text: str
    fidelity: Fidelity | None
    coverage: float | None
    edits: list[EditDict] | None
    cue_class: str | None
    hedges: list[str] | None


class _SelectedExtra(TypedDict, total=False):
    selected: bool  # ``show MENTION_ID`` only: the mention asked for


class ShownMention(MentionRecord, _SelectedExtra):
    """An appearance of a quote in ``show``: the export record, framed, with its sentence and the first-seen mark."""

    first: bool  # the first appearance (ties marked too)
    consensus_speaker: str | None
    speaker_disagrees: bool
    sentence: str
    context_before: str | None
    context_after: str | None


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


class AttributionDict(TypedDict):
    """Who an outlet credits a quote to (a quote's ``attributions``)."""

    speaker: str | None
    outlets: list[str]
    mentions: int
    weight: float


class _QuoteFields(TypedDict):
    schema: str
    id: str
    speaker: str | None
    text: str
    outlets: list[str]
    mention_count: int
    first_seen: FirstSeen
    outlet_count: int
    kind: Kind
    last_seen: str | None
    speaker_variants: list[str]
    first_date: str | None
    last_date: str | None
    first_tied: bool
    speaker_confidence: float | None
    attributions: list[AttributionDict]
    misattributed: bool


class _StatementsExtra(TypedDict, total=False):
    paraphrased_by: list[QuoteSummary]  # ``list --statements`` only, on quotes (not on reported speech)


class QuoteSummary(_QuoteFields, _StatementsExtra):
    """A quote (cluster) as ``list`` prints it."""

    article_count: int
    kinds: dict[str, int]
    paraphrases: list[str]  # the ids of the statements paraphrasing it


class ParaphraseRecord(TypedDict):
    """A statement paraphrasing a quote (``show``'s ``paraphrases``)."""

    id: str
    relation: Literal["paraphrase"]
    similarity: float
    speaker: str | None
    text: str
    kind: str
    outlets: list[str]
    first_seen: FirstSeen


class _CompareExtra(TypedDict, total=False):
    # ``show ID --outlet A --outlet B`` only
    selected_outlets: list[str]
    compare: dict[str, Any]


class _DetailFields(_QuoteFields):
    article_count: int
    kinds: dict[str, int]
    mentions: list[ShownMention]
    framing: dict[str, Any]
    paraphrases: list[ParaphraseRecord]


class QuoteDetail(_DetailFields, _CompareExtra):
    """One quote as ``show`` prints it: the summary, every appearance and the cross-outlet framing block."""


class TraceAlternative(TypedDict):
    id: str
    speaker: str | None
    text: str
    match_score: float


class TraceRecord(_DetailFields):
    """``trace``: the best-matching quote's ``show`` object (without an outlet selection), the query and the match."""

    query: str
    match_score: float
    alternatives: list[TraceAlternative]


class SpeakerOutlet(TypedDict):
    outlet: str | None
    cluster_count: int


class DescriptorCount(TypedDict):
    descriptor: str
    count: int


class SpeakerRecord(TypedDict):
    """A speaker as ``speakers`` prints it."""

    schema: str
    speaker: str
    cluster_count: int
    mention_count: int
    outlet_count: int
    article_count: int
    spellings: list[str]
    unnamed: bool
    outlets: list[SpeakerOutlet]
    descriptors: dict[str, list[DescriptorCount]] | None  # by outlet; null without descriptors


class TopSpeaker(TypedDict):
    speaker: str
    cluster_count: int


class CueCount(TypedDict):
    cue: str
    count: int


class OutletRecord(TypedDict):
    """An outlet as ``outlets`` prints it."""

    schema: str
    outlet: str | None
    article_count: int
    mention_count: int
    cluster_count: int
    top_speakers: list[TopSpeaker]
    cue_classes: dict[str, int] | None  # null without framing
    top_cues: list[CueCount] | None
    fidelity: dict[str, int] | None
