"""The index's row types: what a query returns (named columns, never ``r[6]``), the filters of a query, and what the
write path is given and reports. Plain data: no SQL is run here, no domain rule decides anything."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from quotetrace.models import SCHEMA, Article, Kind, Mention

__all__ = [
    "KINDS",
    "LAST",
    "SORTS",
    "Appearance",
    "ArticleRow",
    "BatchResult",
    "ClusterQuery",
    "ClusterRow",
    "ClusterSummary",
    "ClusterValues",
    "IndexStats",
    "MemberRow",
    "MentionQuery",
    "MentionRow",
    "MentionValues",
    "OutletStats",
    "PieceRow",
    "PieceValues",
    "Resolved",
    "SpeakerStats",
    "StatementRow",
    "StoredPiece",
]

LAST = "~"  # sorts after every ISO date and folded name: undated / unnamed clusters come last
SortKey = Literal["first-seen", "outlets", "mentions", "speaker"]
SORTS: tuple[str, ...] = ("first-seen", "outlets", "mentions", "speaker")
KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def spans_of(raw: str | None) -> tuple[tuple[int, int], ...]:
    if not raw:
        return ()
    return tuple((int(s), int(e)) for s, e in json.loads(raw))


def span_of(raw: str | None) -> tuple[int, int] | None:
    if not raw:
        return None
    s, e = json.loads(raw)
    return (int(s), int(e))


# ------------------------------------------------------------------------------------------- stored rows


class ClusterRow(NamedTuple):
    """A ``clusters`` row as stored (each field is the column of that name; JSON columns still encoded)."""

    id: str
    speaker: str | None
    text: str
    kind: str
    n_direct: int
    n_mixed: int
    n_indirect: int
    outlets: str
    mention_count: int
    article_count: int
    outlet_count: int
    first_date: str | None
    first_outlet: str | None
    first_article_id: str | None
    tied_outlets: str
    last_date: str | None
    variants: str
    norm_text: str
    attributions: str | None
    misattributed: int
    speaker_confidence: float | None


class MentionRow(NamedTuple):
    """A ``mentions`` row as read (``person``: the person the index names, else the printed speaker)."""

    id: str
    article_id: str
    cluster_id: str | None
    kind: Kind
    text: str
    spans: str
    speaker: str | None
    speaker_mention: str | None
    speaker_span: str | None
    cue: str | None
    cue_span: str | None
    cue_lemma: str | None
    descriptor: str | None
    paragraph: int | None
    in_headline: int
    attribution: str | None
    quoted_spans: str | None
    cluster_text: str
    person: str | None
    speaker_via: str | None
    speaker_confidence: float | None


class ArticleRow(NamedTuple):
    """The ``articles`` columns read beside a mention (``text`` may be selected as ``''`` when not needed)."""

    path: str | None
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None
    text: str


def columns(row: Any, alias: str, **exprs: str) -> str:
    """The SELECT list of a row type (a NamedTuple): ``alias.<field>`` for each field, or the SQL given for it."""
    return ", ".join(exprs.get(f, f"{alias}.{f}") for f in row._fields)


CLUSTER_COLUMNS = ", ".join(ClusterRow._fields)
CLUSTER_COLUMNS_C = columns(ClusterRow, "c")
MENTION_COLUMNS = columns(MentionRow, "m", person="COALESCE(m.person, m.speaker)")
ARTICLE_COLUMNS = columns(ArticleRow, "a")
ARTICLE_COLUMNS_NO_TEXT = columns(ArticleRow, "a", text="''")

_NM, _NA = len(MentionRow._fields), len(ArticleRow._fields)


def mention_article(row: Sequence[Any]) -> tuple[MentionRow, ArticleRow, tuple[Any, ...]]:
    """A row selected as ``MENTION_COLUMNS, ARTICLE_COLUMNS`` and then a query's own columns, read as such."""
    return MentionRow._make(row[:_NM]), ArticleRow._make(row[_NM : _NM + _NA]), tuple(row[_NM + _NA :])


class StoredPiece(NamedTuple):
    """A stored clustering unit as the clusterer rebuilds its index from it."""

    piece_id: str
    words: str
    cluster_id: str | None
    speaker: str | None
    kind: str
    date: str | None
    article_id: str
    start: int


class MemberRow(NamedTuple):
    """One piece of a cluster with its mention and article: what the cluster's summary is made from."""

    norm: str
    kind: str
    cluster_text: str
    person: str | None  # the person the index names (else the printed speaker)
    start: int
    article_id: str
    date: str | None
    outlet: str | None
    mention_id: str
    speaker: str | None  # the speaker as the article printed them
    confidence: float | None


class StatementRow(NamedTuple):
    """A mention as paraphrase linking reads it."""

    mention_id: str
    article_id: str
    date: str | None
    kind: str
    text: str
    speaker: str | None  # the person, index-wide
    cluster_speaker: str | None  # its cluster's speaker
    clusters: str  # the clusters of its pieces, joined by spaces


class PieceValues(NamedTuple):
    """A clustering unit of a mention as written (``mention_pieces``): decided by the ingest use case."""

    piece_id: str
    words: str
    norm: str
    start: int
    cluster_id: str | None


class MentionValues(NamedTuple):
    """A mention as written: the words it is clustered on, their normal form, its own cluster and its pieces,
    all decided by the ingest use case (:func:`quotetrace.ingest.run.mention_values`)."""

    mention: Mention
    cluster_id: str | None
    cluster_text: str
    norm: str
    pieces: tuple[PieceValues, ...]


class ClusterValues(NamedTuple):
    """What a cluster's summary row holds, decided outside the store (:mod:`quotetrace.summary`) and written as is."""

    speaker: str | None
    text: str
    norm_text: str
    kind: str
    kinds: dict[str, int]
    mention_count: int
    article_count: int
    outlets: tuple[str, ...]
    first_date: str | None
    first_outlet: str | None
    first_article_id: str | None
    tied_outlets: tuple[str, ...]
    last_date: str | None
    variants: tuple[str, ...]
    attributions: tuple[dict[str, Any], ...]
    misattributed: bool
    speaker_confidence: float | None
    wordings: tuple[str, ...]  # the normalised wordings full-text search indexes


class ClusterSummary(NamedTuple):
    """One row of the ``clusters`` table: what ``list`` prints for a cluster."""

    id: str
    speaker: str | None
    text: str
    kind: str
    kinds: dict[str, int]
    outlets: tuple[str, ...]
    mention_count: int
    article_count: int
    outlet_count: int
    first_date: str | None
    first_outlet: str | None
    first_article_id: str | None
    tied_outlets: tuple[str, ...]
    last_date: str | None
    variants: tuple[str, ...]
    norm_text: str = ""
    # who the outlets say spoke these words: [{"speaker", "outlets", "mentions", "weight"}], the consensus first
    attributions: tuple[dict[str, Any], ...] = ()
    misattributed: bool = False  # outlets attribute the words to different people
    speaker_confidence: float | None = None  # the consensus speaker's share of the weighted vote

    def first_seen(self) -> dict[str, Any]:
        return {
            "date": self.first_date,
            "outlet": self.first_outlet,
            "article_id": self.first_article_id,
            "tied_with": list(self.tied_outlets),
        }

    def to_dict(self) -> dict[str, Any]:
        """The contract's cluster summary (``list --format json``), with added fields: ``first_date`` and
        ``last_date`` (both date strings, like ``last_seen``; ``first_seen`` is an object) and ``first_tied``
        (another outlet printed it first on the same date, as ``show`` reports)."""
        return {
            "schema": SCHEMA,
            "id": self.id,
            "speaker": self.speaker,
            "text": self.text,
            "outlets": list(self.outlets),
            "mention_count": self.mention_count,
            "first_seen": self.first_seen(),
            "outlet_count": self.outlet_count,
            "article_count": self.article_count,
            "kind": self.kind,
            "kinds": dict(self.kinds),
            "last_seen": self.last_date,
            "speaker_variants": list(self.variants),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "first_tied": bool(self.tied_outlets),
            "speaker_confidence": self.speaker_confidence,
            "attributions": [dict(a) for a in self.attributions],
            "misattributed": self.misattributed,
        }


class Appearance(NamedTuple):
    """One mention of a cluster with its article (including the text, for context)."""

    mention: Mention
    article: Article
    cluster_id: str | None  # the mention's own cluster: that of its longest piece
    cluster_text: str | None = None  # the words clustered on (in ``appearances``: its pieces in that cluster)


class Resolved(NamedTuple):
    """What an id given by the user resolved to."""

    cluster_id: str
    via: Literal["id", "alias", "mention", "prefix"]
    mention_id: str | None = None


class SpeakerStats(NamedTuple):
    """One person of the index (a row of ``speakers``), with the spellings the articles printed for them."""

    name: str
    cluster_count: int
    mention_count: int
    outlet_count: int
    article_count: int
    spellings: tuple[str, ...] = ()
    unnamed: bool = False  # an unnamed source: every article describes them ("a senior official"), none names them

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.name,
            "cluster_count": self.cluster_count,
            "mention_count": self.mention_count,
            "outlet_count": self.outlet_count,
            "article_count": self.article_count,
            "spellings": list(self.spellings or (self.name,)),
            "unnamed": self.unnamed,
        }


class OutletStats(NamedTuple):
    name: str | None
    article_count: int
    mention_count: int
    cluster_count: int
    top_speakers: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.name,
            "article_count": self.article_count,
            "mention_count": self.mention_count,
            "cluster_count": self.cluster_count,
            "top_speakers": [{"speaker": s, "cluster_count": n} for s, n in self.top_speakers],
        }


class IndexStats(NamedTuple):
    path: str | None
    exists: bool
    size_bytes: int
    schema_version: int
    articles: int
    mentions: int
    mentions_by_kind: dict[str, int]
    clusters: int
    multi_outlet_clusters: int
    speakers: int
    outlets: int
    first_date: str | None
    last_date: str | None
    last_ingest: str | None
    model: str | None
    search: bool
    pieces: int = 0
    clusters_by_kind: dict[str, int] = {}  # noqa: RUF012  (a NamedTuple default, never mutated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "exists": self.exists,
            "size_bytes": self.size_bytes,
            "schema_version": self.schema_version,
            "articles": self.articles,
            "mentions": self.mentions,
            "mentions_by_kind": dict(self.mentions_by_kind),
            "clusters": self.clusters,
            "clusters_by_kind": dict(self.clusters_by_kind),
            "pieces": self.pieces,
            "clusters_note": "a quote cluster holds quoted pieces, a statement cluster reported speech; a mention "
            "whose pieces reproduce different passages is in one cluster per piece, so clusters may outnumber "
            "mentions",
            "multi_outlet_clusters": self.multi_outlet_clusters,
            "speakers": self.speakers,
            "outlets": self.outlets,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "last_ingest": self.last_ingest,
            "model": self.model,
            "search": self.search,
        }


class ClusterQuery(NamedTuple):
    """Filters, order and page of ``list``. Text filters are forgiving (case/accent-insensitive)."""

    speaker: str | None = None
    outlet: str | None = None
    min_outlets: int = 0
    search: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    sort: SortKey = "first-seen"
    reverse: bool = False
    limit: int | None = None
    offset: int = 0
    speaker_surname: str | None = None  # the surname the name parser reads in ``speaker`` (views.parsed_speaker)

    @property
    def filtered(self) -> bool:
        return any((self.speaker, self.outlet, self.min_outlets > 1, self.search, self.since, self.until, self.kind))


class MentionQuery(NamedTuple):
    """Filters of ``export`` (and the library's ``mentions``): the same forgiving matching as ``list``. ``since``
    and ``until`` bound the article's date; ``ids`` are quote ids (or aliases, unique prefixes, mention ids): the
    mentions with a piece in those quotes."""

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    ids: tuple[str, ...] = ()
    speaker_surname: str | None = None  # the surname the name parser reads in ``speaker`` (views.parsed_speaker)

    @property
    def filtered(self) -> bool:
        return any((self.speaker, self.outlet, self.since, self.until, self.kind, self.ids))


class PieceRow(NamedTuple):
    """One stored clustering unit of a mention (``mention_pieces``): a quoted piece, or a whole indirect mention."""

    idx: int
    cluster_id: str | None
    text: str
    start: int


@dataclass
class BatchResult:
    """What one committed batch changed."""

    articles: int = 0
    mentions: int = 0
    clusters_touched: set[str] = field(default_factory=set)
    clusters_removed: set[str] = field(default_factory=set)
    clusters_changed: set[str] = field(default_factory=set)  # added, or their summary row (what list shows) changed
    generation: str | None = None  # the clusterer-state generation after this batch
    written: set[str] = field(default_factory=set)  # the pieces of the batch's mentions
    spellings: set[str] = field(default_factory=set)  # speaker names the batch printed
    speakers: set[str] = field(default_factory=set)  # people whose totals are to be recounted
    outlets: set[str] = field(default_factory=set)  # outlets whose totals are to be recounted


# ------------------------------------------------------------------------------------------------ decoders


def cluster_from_row(r: ClusterRow) -> ClusterSummary:
    return ClusterSummary(
        id=r.id,
        speaker=r.speaker,
        text=r.text,
        kind=r.kind,
        kinds={"direct": r.n_direct, "mixed": r.n_mixed, "indirect": r.n_indirect},
        outlets=tuple(json.loads(r.outlets)),
        mention_count=r.mention_count,
        article_count=r.article_count,
        outlet_count=r.outlet_count,
        first_date=r.first_date,
        first_outlet=r.first_outlet,
        first_article_id=r.first_article_id,
        tied_outlets=tuple(json.loads(r.tied_outlets)),
        last_date=r.last_date,
        variants=tuple(json.loads(r.variants)),
        norm_text=r.norm_text,
        attributions=tuple(json.loads(r.attributions)) if r.attributions else (),
        misattributed=bool(r.misattributed),
        speaker_confidence=r.speaker_confidence,
    )


def mention_from_row(r: MentionRow) -> Mention:
    return Mention(
        id=r.id,
        article_id=r.article_id,
        kind=r.kind,
        text=r.text,
        spans=spans_of(r.spans),
        speaker=r.person,  # the person's name in this index, of whom the article's attribution (r.speaker) speaks
        speaker_mention=r.speaker_mention,
        speaker_span=span_of(r.speaker_span),
        cue=r.cue,
        cue_span=span_of(r.cue_span),
        cue_lemma=r.cue_lemma,
        descriptor=r.descriptor,
        paragraph=r.paragraph,
        in_headline=bool(r.in_headline),
        attribution=r.attribution,
        quoted_spans=spans_of(r.quoted_spans),
        speaker_via=r.speaker_via,
        speaker_confidence=r.speaker_confidence,
    )


def article_from_row(article_id: str, r: ArticleRow) -> Article:
    return Article(id=article_id, text=r.text, path=r.path, outlet=r.outlet, title=r.title, date=r.date, url=r.url)
