"""The read views: the objects `list`, `show`, `export`, `trace`, `speakers` and `outlets` print (the JSON contract)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar, cast

from quotetrace.contract import (
    AttributionDict,
    Kind,
    MentionRecord,
    OutletRecord,
    ParaphraseRecord,
    QuoteDetail,
    QuoteSummary,
    ShownMention,
    SpeakerRecord,
    TraceAlternative,
    TraceRecord,
)
from quotetrace.models import SCHEMA
from quotetrace.store import Appearance, ClusterQuery, ClusterSummary, MentionQuery, PieceRow, Store


def framing_fields(
    cluster_text: str, appearance: Appearance, *, bounds: Sequence[tuple[int, int]] | None = None
) -> dict[str, Any]:
    """The contract's framing fields of a mention in ``show`` against its cluster's fullest wording (fidelity,
    coverage, edits, cue_class, hedges, descriptor) plus dropped_qualifier, hedge_details and credits."""
    from quotetrace.framing.quote import mention_framing

    return mention_framing(
        cluster_text, appearance.mention, appearance.article, appearance.cluster_text or None, bounds=bounds
    )


class Reference(NamedTuple):
    """The wording a quote's appearances are compared with (``show``, ``export --framing`` and ``outlets`` alike):
    its fullest wording, or the longer quote it is part of, completed with words other outlets print inside it."""

    text: str
    added: list[str]
    part_of: ClusterSummary | None


def cluster_reference(
    store: Store, summary: ClusterSummary, wordings: Sequence[tuple[str, str, str]] | None = None
) -> Reference:
    """The :class:`Reference` of a quote. ``wordings``: (mention text, words clustered here, article id) of its
    mentions in date order, as :meth:`Store.cluster_wordings` gives them (read from the index when not given)."""
    from quotetrace.framing.quote import union_reference
    from quotetrace.summary import reference_wording

    if wordings is None:
        wordings = store.cluster_wordings(summary.id)
    container = containing_quote(store, summary)
    base = container.text if container is not None else reference_wording(summary.text, wordings)
    reference, added = union_reference(base, [w for _, w, _ in wordings])
    return Reference(reference, added, container)


class References:
    """Quote references by cluster id, computed once each (a bounded cache for a pass over the whole index)."""

    def __init__(self, store: Store, size: int = 50_000) -> None:
        self.store = store
        self.size = size
        self.known: dict[str, Reference | None] = {}

    def put(self, cluster_id: str, ref: Reference) -> None:
        self.known[cluster_id] = ref

    def get(self, cluster_id: str) -> Reference | None:
        if cluster_id not in self.known:
            if len(self.known) >= self.size:
                self.known.clear()
            summary = self.store.cluster(cluster_id)
            self.known[cluster_id] = cluster_reference(self.store, summary) if summary is not None else None
        return self.known[cluster_id]


def _assign_pieces(d: dict[str, Any], rows: Sequence[PieceRow]) -> None:
    """Give the contract pieces of a mention record their cluster ids (and words) from its stored pieces."""
    pieces = d["pieces"]
    if not pieces:
        return
    if len(rows) == len(pieces):
        pairs = list(zip(pieces, rows, strict=True))
    else:
        at = {r.start: r for r in rows}
        pairs = [(p, at[p["span"][0]]) for p in pieces if p["span"][0] in at]
    for p, r in pairs:
        p["cluster_id"] = r.cluster_id
        if p["text"] is None:
            p["text"] = r.text


# A mention not framed against its quote (``export`` without ``--framing``) has the same keys, null.
_FRAMING_NULLS = {
    "fidelity": None,
    "coverage": None,
    "edits": None,
    "hedges": None,
    "attribution_in_sentence": None,
    "credits": None,
    "cue_phrase": None,
    "dropped_qualifier": None,
    "hedge_details": None,
    "joints": None,
}


def mention_record(
    app: Appearance,
    *,
    pieces: Sequence[PieceRow] | None = None,
    references: References | None = None,
    focus: str | None = None,
    context: bool = False,
) -> MentionRecord:
    """A stored mention as the contract's mention object + ``cluster_id`` (its longest piece's cluster) +
    ``article``; ``pieces`` (its stored clustering units) give each contract piece its cluster id.

    With ``references``, the mention is framed against each cluster its pieces sit in — every piece against its own
    cluster's reference — and the top-level framing fields are those against ``focus`` (default: its own cluster):
    the same figures in ``show`` and ``export``. With ``context``, the sentence around it."""
    m, art = app.mention, app.article
    text = art.text or None
    d: dict[str, Any] = m.to_dict(text)
    d["cluster_id"] = app.cluster_id
    d["quoted_text"] = app.cluster_text or m.text
    if pieces is not None:
        _assign_pieces(d, pieces)
    bounds = None
    if (references is not None or context) and text:
        from quotetrace.framing.context import sentences

        bounds = sentences(text)
    focus = focus or app.cluster_id
    framed = False
    if references is not None and text:
        from quotetrace.framing.quote import mention_framing

        groups: dict[str, list[PieceRow]] = {}
        for r in pieces if pieces is not None else ():
            if r.cluster_id:
                groups.setdefault(r.cluster_id, []).append(r)
        if focus and focus not in groups and app.cluster_text is not None:
            groups[focus] = [PieceRow(0, focus, app.cluster_text, m.start)]
        by_span = {tuple(p["span"]): p for p in d["pieces"]}
        for cid, group in groups.items():
            ref = references.get(cid)
            if ref is None:
                continue
            words = " … ".join(r.text for r in group)
            fr = mention_framing(ref.text, m, art, words or None, bounds=bounds)
            for fp in fr.pop("pieces"):
                target = by_span.get(tuple(fp["span"]))
                if target is not None:
                    target.update(fp)
                    target["cluster_id"] = cid
            if cid == focus:
                d.update(fr)
                framed = True
    if not framed:
        from quotetrace.framing.quote import classify_cue_pair, describe

        d.update(_FRAMING_NULLS)
        d["cue_class"] = classify_cue_pair(m.cue, m.cue_lemma)
        d["descriptor"] = describe(m.descriptor, m.speaker_mention, m.speaker)
    if context and text and m.spans:
        from quotetrace.framing.context import Window

        spans = [m.spans[0], m.spans[-1]]
        for sp in (m.speaker_span, m.cue_span):
            if sp:
                spans.append(sp)
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        win = Window(text, lo, hi, bounds)
        d["sentence"] = " ".join(text[win.sentence[0] : win.sentence[1]].split())
        d["context_before"] = " ".join(text[win.before[0] : win.before[1]].split()) if win.before else None
        d["context_after"] = " ".join(text[win.after[0] : win.after[1]].split()) if win.after else None
    d["article"] = art.to_dict()
    return cast(MentionRecord, d)


EXPORT_CHUNK = 256


def export_records(
    store: Store, *, framing: bool = False, query: MentionQuery | None = None
) -> Iterator[MentionRecord]:
    """Every stored mention (matching ``query``) as ``export`` prints it, in date order, with the contract's
    framing fields.

    The cheap ones are always filled: ``cue_class`` (from the stored cue lemma) and ``descriptor``. With
    ``framing``, the mention is compared with its cluster's reference wording exactly as ``show`` compares it
    (``fidelity``, ``coverage``, ``edits``, ``hedges``, ``credits``), and each of its ``pieces`` with its own
    cluster's; otherwise those are null.
    """
    refs = References(store) if framing else None
    chunk: list[Appearance] = []

    def flush() -> Iterator[MentionRecord]:
        rows = store.pieces_of([a.mention.id for a in chunk])
        for app in chunk:
            yield mention_record(app, pieces=rows.get(app.mention.id, []), references=refs)
        chunk.clear()

    for app in store.iter_mentions(with_text=framing, query=parsed_speaker(store, query) if query else None):
        chunk.append(app)
        if len(chunk) >= EXPORT_CHUNK:
            yield from flush()
    if chunk:
        yield from flush()


def _first_flags(apps: Sequence[Appearance]) -> list[bool]:
    """True for the first appearance in date order; every article tied with it on the date is marked too
    (one mark per article: its first mention)."""
    from quotetrace.summary import same_moment

    flags = [False] * len(apps)
    if not apps:
        return flags
    first_date = apps[0].article.date
    marked: set[str] = set()
    for i, a in enumerate(apps):
        tied = i == 0 or (first_date is not None and same_moment(first_date, a.article.date))
        if not tied:
            break
        if a.article.id not in marked:
            flags[i] = True
            marked.add(a.article.id)
    return flags


def match_cluster_outlets(outlets: Sequence[str], query: str) -> list[str]:
    """The outlets of a quote that ``query`` names: an exact (case/accent-insensitive) name wins alone, else every
    outlet whose name contains it."""
    from quotetrace.text.fold import fold_store_key as fold

    q = fold(query)
    if not q:
        return []
    exact = [o for o in outlets if fold(o) == q]
    return exact or [o for o in outlets if q in fold(o)]


def paraphrase_records(store: Store, cluster_id: str) -> list[ParaphraseRecord]:
    """Statements elsewhere that paraphrase this one (same speaker, other words), with their similarity."""
    out: list[ParaphraseRecord] = []
    for other, score in store.paraphrases(cluster_id):
        d = other.to_dict()
        out.append(
            {
                "id": other.id,
                "relation": "paraphrase",
                "similarity": score,
                "speaker": other.speaker,
                "text": other.text,
                "kind": other.kind,
                "outlets": d["outlets"],
                "first_seen": d["first_seen"],
            }
        )
    return out


# A cluster's speaker is the vote of its mentions weighted by their attribution confidence; with at least this share
# of the vote it is a confident consensus, shown beside every mention whose article names someone else.
CONFIDENT_CONSENSUS = 0.6
CONTAINED_MIN_WORDS = 2  # a shorter quote is too common a phrase to say which longer quote it comes from
CONTAINED_ANY_SPEAKER_WORDS = 6  # this long a run of the same words is the same passage whoever it is credited to


def containing_quote(store: Store, summary: ClusterSummary) -> ClusterSummary | None:
    """A longer quote this one is part of, when the clusterer kept the two apart (a fragment, or an altered piece):
    by the same speaker, or where either speaker is unknown, or any speaker once the part is six words or more.
    First a quote containing this one's fullest wording word for word (the longest); else the quote reproducing
    most of its words in one stretch (:func:`~quotetrace.framing.quote.part_of`), which must be longer (or as long
    and printed at greater length, so that of two such quotes only one is the other's reference) and never another
    named speaker's (changed words by two people are two remarks). None when there is none.

    Speakers are the clusters' stored speakers, one name per person across the index (ingest applies the
    same-person rule), so ``show`` compares them as strings and never loads the name matcher."""
    from quotetrace.framing.quote import part_of

    n = len(summary.norm_text.split())
    if n < CONTAINED_MIN_WORDS:
        return None

    def speakers_allow(other: ClusterSummary) -> bool:
        return not other.speaker or not summary.speaker or other.speaker == summary.speaker

    for other in store.containing_clusters(summary.norm_text):
        if (
            other.id != summary.id
            and other.kind != "indirect"
            and (speakers_allow(other) or n >= CONTAINED_ANY_SPEAKER_WORDS)
        ):
            return other
    best: tuple[float, int, str] | None = None
    found: ClusterSummary | None = None
    for other in store.clusters_sharing_words(summary.norm_text):
        m = len(other.norm_text.split())
        if other.id == summary.id or other.kind == "indirect" or m < n:
            continue
        if not (speakers_allow(other) or not _names_someone(other.speaker) or not _names_someone(summary.speaker)):
            continue
        if m == n and (len(other.text), summary.id) <= (len(summary.text), other.id):
            continue
        share = part_of(other.norm_text, summary.norm_text)
        if share and (best is None or (share, m, other.id) > best):
            best, found = (share, m, other.id), other
    return found


def _names_someone(speaker: str | None) -> bool:
    """A stored speaker naming someone (capitalised), not describing them ("a spokesman", "the lawyer for X")."""
    return bool(speaker and speaker[:1].isupper())


def cluster_detail(store: Store, summary: ClusterSummary, *, outlets: Sequence[str] | None = None) -> QuoteDetail:
    """The ``show`` object: the summary, the speaker's variant names, every appearance in date order with its
    framing fields, and the cross-outlet ``framing`` block.

    With ``outlets`` (exact outlet names) only those outlets' appearances are listed and analysed, and a
    ``compare`` block sets them side by side; the first-seen marks stay those of the whole quote.
    """
    from quotetrace.framing.quote import cluster_framing, compare_outlets

    apps = store.appearances(summary.id)
    flags = _first_flags(apps)
    # the wording every appearance is compared with: the fullest one (or the longer quote it is part of), completed
    # when another outlet prints words inside it that it lacks (no single appearance holds the whole quote)
    ref = cluster_reference(
        store, summary, [(a.mention.text, a.cluster_text or a.mention.text, a.article.id) for a in apps]
    )
    reference, added, container = ref.text, ref.added, ref.part_of
    refs = References(store)
    refs.put(summary.id, ref)
    mentions: list[ShownMention] = []
    kept: list[Appearance] = []
    wanted = set(outlets) if outlets else None
    consensus = summary.speaker if (summary.speaker_confidence or 0.0) >= CONFIDENT_CONSENSUS else None
    shown = [(a, f) for a, f in zip(apps, flags, strict=True) if wanted is None or a.article.outlet in wanted]
    pieces = store.pieces_of([a.mention.id for a, _ in shown])
    for app, first in shown:
        rec = cast(
            ShownMention,
            mention_record(app, pieces=pieces.get(app.mention.id, []), references=refs, focus=summary.id, context=True),
        )
        rec["first"] = first
        # the article's own attribution stays ``speaker``; the cluster's confident consensus is shown beside it
        rec["consensus_speaker"] = consensus
        rec["speaker_disagrees"] = consensus is not None and app.mention.speaker not in (None, consensus)
        mentions.append(rec)
        kept.append(app)
    d = summary.to_dict()
    outlet_dates: dict[str, str | None] = {}
    for app in apps:  # date order: the first seen is each outlet's first date
        if app.article.outlet:
            outlet_dates.setdefault(app.article.outlet, app.article.date)
    framing = cluster_framing(
        [(a.mention, a.article) for a in kept], cast(list[dict[str, Any]], mentions), outlet_dates=outlet_dates
    )
    framing["reference"] = {
        "text": reference,
        "reconstructed": bool(added),
        "added": added,
        "part_of": None
        if container is None
        else {"id": container.id, "speaker": container.speaker, "text": container.text},
    }
    detail: QuoteDetail = {
        "schema": SCHEMA,
        "id": summary.id,
        "speaker": summary.speaker,
        "text": summary.text,
        "speaker_variants": list(summary.variants),
        "speaker_confidence": summary.speaker_confidence,
        "attributions": [cast(AttributionDict, dict(a)) for a in summary.attributions],
        "misattributed": summary.misattributed,
        "kind": cast(Kind, summary.kind),
        "outlets": d["outlets"],
        "outlet_count": summary.outlet_count,
        "mention_count": summary.mention_count,
        "article_count": summary.article_count,
        "kinds": dict(summary.kinds),
        "first_seen": d["first_seen"],
        "first_tied": d["first_tied"],
        "first_date": d["first_date"],
        "last_seen": d["last_seen"],
        "last_date": d["last_date"],
        "mentions": mentions,
        "framing": framing,
        "paraphrases": paraphrase_records(store, summary.id),
    }
    if outlets:
        detail["selected_outlets"] = list(outlets)
        detail["compare"] = compare_outlets(framing, list(outlets))
    return detail


@dataclass(frozen=True)
class TraceResult:
    """The best cluster for some quoted words, its score (0–100) and the runners-up."""

    query: str
    best: ClusterSummary | None
    score: float
    alternatives: tuple[tuple[ClusterSummary, float], ...]


def trace(
    store: Store, words: str, *, speaker: str | None = None, candidates: int = 200, cutoff: float = 60.0
) -> TraceResult:
    """Find the cluster whose wording best contains ``words`` (normalised, rapidfuzz partial matching over the
    candidates the full-text index returns)."""
    from rapidfuzz import fuzz

    from quotetrace.normalise import normalise_quote
    from quotetrace.text.stopwords import STOPWORDS

    norm = normalise_quote(words)
    toks = norm.split()
    if not toks:
        return TraceResult(words, None, 0.0, ())
    # candidates share a content word (function words match half the index and only slow the ranking down)
    content = [t for t in toks if t not in STOPWORDS] or toks
    cands = store.search_clusters(content, limit=candidates)
    if speaker:
        allowed = set(store.match_speakers(speaker, speaker_surname(store, speaker)))
        cands = [c for c in cands if c.speaker in allowed]
    scored: list[tuple[float, ClusterSummary]] = []
    for c in cands:
        target = c.norm_text or normalise_quote(c.text)
        if len(norm) <= len(target):
            s = fuzz.partial_ratio(norm, target)
        else:  # the words given are longer than the stored wording: how much of it they contain
            s = fuzz.partial_ratio(target, norm) * len(target) / len(norm)
        scored.append((float(s), c))
    # best score, then most outlets, then earliest first seen, then id: stable
    scored.sort(key=lambda x: (-x[0], -x[1].outlet_count, x[1].first_date or "~", x[1].id))
    good = [(c, s) for s, c in scored if s >= cutoff]
    if not good:
        return TraceResult(words, None, scored[0][0] if scored else 0.0, tuple((c, s) for s, c in scored[:5]))
    best, score = good[0]
    return TraceResult(words, best, score, tuple(good[1:6]))


# ------------------------------------------------------------------------------ framing per outlet / speaker


def outlet_framing(store: Store, outlets: Sequence[str], *, fidelity: bool = True) -> dict[str, dict[str, Any]]:
    """Per outlet: the distribution of its cue verbs' classes (from the stored cue lemmas, one GROUP BY), its most
    used cue verbs and, with ``fidelity``, how many of its mentions are full, fragments or altered against their
    own quote's reference wording — the labels ``export --framing`` gives them, one per mention (settled on the
    normalised wordings where they suffice, else by the same comparison export makes)."""
    from quotetrace.framing.quote import FIDELITY_LABELS, classify_cue_pair, settled_fidelity
    from quotetrace.text.verbs import CUE_CLASSES

    out: dict[str, dict[str, Any]] = {}
    cues: dict[str, dict[str, int]] = {}
    for outlet in outlets:
        out[outlet] = {
            "cue_classes": dict.fromkeys((*CUE_CLASSES, "other", "no_cue"), 0),
            "top_cues": [],
            "fidelity": None,
        }
        cues[outlet] = {}
    for outlet, lemma, cue, n in store.outlet_cues(outlets):
        classes = out[outlet]["cue_classes"]
        if not cue and not lemma:
            classes["no_cue"] += n
            continue
        cls = classify_cue_pair(cue, lemma)
        classes[cls or "other"] += n
        key = lemma or (cue or "").lower()
        cues[outlet][key] = cues[outlet].get(key, 0) + n
    for outlet, counts in cues.items():
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        out[outlet]["top_cues"] = [{"cue": c, "count": n} for c, n in top]
    if fidelity:
        tallies = {o: dict.fromkeys(FIDELITY_LABELS, 0) for o in outlets}
        refs = References(store)
        group: list[tuple[str, ...]] = []

        def settle(rows: list[tuple[str, ...]]) -> None:
            outlet, mid, cid = rows[0][0], rows[0][1], rows[0][2]
            ref = refs.get(cid)
            if ref is None:
                return
            label = settled_fidelity(" … ".join(r[3] for r in rows), ref.text)
            if label is None:  # the word-level comparison, exactly as export and show make it
                app = store.appearance(mid)
                if app is None:
                    return
                label = mention_record(app, pieces=store.pieces_of([mid]).get(mid, []), references=refs)["fidelity"]
            if label is not None:
                tallies[outlet][label] += 1

        for row in store.outlet_wordings(outlets):
            if group and group[-1][1] != row[1]:
                settle(group)
                group = []
            group.append(tuple(row))
        if group:
            settle(group)
        for outlet, t in tallies.items():
            out[outlet]["fidelity"] = t
    return out


def speaker_framing(
    store: Store, names: Sequence[str], *, with_descriptors: bool = True, top: int = 3
) -> dict[str, dict[str, Any]]:
    """Per speaker: the outlets quoting them (quotes each) and, with ``with_descriptors``, how each outlet
    describes them (the descriptors it prints at the attribution, most used first, at most ``top`` per outlet;
    ``None`` when not computed)."""
    out: dict[str, dict[str, Any]] = {
        n: {"outlets": [], "descriptors": {} if with_descriptors else None} for n in names
    }
    for speaker, outlet, n in store.speaker_outlets(names):
        out[speaker]["outlets"].append({"outlet": outlet, "cluster_count": n})
    if not with_descriptors:
        return out
    from quotetrace.framing.quote import UNKNOWN_OUTLET, describe

    counts: dict[str, dict[str, dict[str, int]]] = {}
    for name, where, descriptor, printed, n in store.speaker_attributions(names):
        desc = describe(descriptor, printed, name)
        if desc:
            per = counts.setdefault(name, {}).setdefault(where or UNKNOWN_OUTLET, {})
            per[desc] = per.get(desc, 0) + n
    for speaker, by_outlet in counts.items():
        ranked = sorted(by_outlet.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        out[speaker]["descriptors"] = {
            outlet: [
                {"descriptor": d, "count": n} for d, n in sorted(descs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            ]
            for outlet, descs in ranked
        }
    return out


# ------------------------------------------------------------------ the records the CLI prints and the API returns


def speaker_surname(store: Store, text: str | None) -> str | None:
    """The surname the name parser reads in a ``--speaker``/``--search`` query ("Jens Stoltenberg, NATO chief" ->
    "stoltenberg"), for the store's forgiving match to fall back on; parsed only when the plain match (part of a
    name, or the last word as a surname) finds nobody, so most queries never load the parser."""
    if not text or store.match_speakers(text):
        return None
    from quotetrace.people import surname_key

    return surname_key(text) or None


Q = TypeVar("Q", ClusterQuery, MentionQuery)


def parsed_speaker(store: Store, query: Q) -> Q:
    """``query`` with its speaker's parsed surname filled in (:func:`speaker_surname`)."""
    if query.speaker and query.speaker_surname is None:
        return query._replace(speaker_surname=speaker_surname(store, query.speaker))
    return query


def list_records(store: Store, query: ClusterQuery, *, statements: bool = False) -> list[QuoteSummary]:
    """``list``: one cluster summary per quote matching ``query`` (with the ids of its paraphrases); with
    ``statements``, the reports paraphrasing a quote on this page folded under it (``paraphrased_by``)."""
    rows = store.list_clusters(parsed_speaker(store, query))
    items = [cast(QuoteSummary, r.to_dict()) for r in rows]
    links = store.paraphrase_ids([r.id for r in rows])
    for item in items:
        item["paraphrases"] = links.get(item["id"], [])
    return group_statements(items) if statements else items


def group_statements(items: list[QuoteSummary]) -> list[QuoteSummary]:
    """Verbatim quotes first-class, each with the paraphrasing reports on this page folded under it."""
    by_id = {it["id"]: it for it in items}
    folded: set[str] = set()
    for it in items:
        if it["kind"] == "indirect":
            continue
        it["paraphrased_by"] = [by_id[p] for p in it["paraphrases"] if p in by_id and by_id[p]["kind"] == "indirect"]
        folded.update(p["id"] for p in it["paraphrased_by"])
    return [it for it in items if it["id"] not in folded]


def speaker_records(
    store: Store,
    *,
    search: str | None = None,
    sort: str = "mentions",
    limit: int | None = None,
    offset: int = 0,
    descriptors: bool = True,
    include_unnamed: bool = False,
) -> list[SpeakerRecord]:
    """``speakers``: per speaker the counts, the outlets quoting them and (with ``descriptors``) how each outlet
    describes them. The people known by a name; unnamed sources ("a senior official", described in every article
    and named in none) too with ``include_unnamed`` or a ``search``."""
    unnamed = None if include_unnamed or search else False
    stats = store.speakers(
        search=search,
        sort=sort,
        limit=limit,
        offset=offset,
        unnamed=unnamed,
        search_surname=speaker_surname(store, search),
    )
    extra = speaker_framing(store, [s.name for s in stats], with_descriptors=descriptors)
    return [cast(SpeakerRecord, {"schema": SCHEMA, **s.to_dict(), **extra[s.name]}) for s in stats]


def outlet_records(
    store: Store,
    *,
    sort: str = "articles",
    limit: int | None = None,
    offset: int = 0,
    top: int = 3,
    framing: bool = True,
) -> list[OutletRecord]:
    """``outlets``: per outlet the counts, its top speakers and (with ``framing``) its cue-verb classes and how many
    of its mentions are full, fragments or altered (null without ``framing``)."""
    stats = store.outlets(sort=sort, limit=limit, offset=offset, top=top)
    extra = outlet_framing(store, [o.name for o in stats if o.name]) if framing else {}
    empty = {"cue_classes": None, "top_cues": None, "fidelity": None}
    return [cast(OutletRecord, {"schema": SCHEMA, **o.to_dict(), **extra.get(o.name or "", empty)}) for o in stats]


def trace_record(result: TraceResult, detail: QuoteDetail) -> TraceRecord:
    """``trace``: the best quote's ``show`` object (whole, no outlet selection) with the query, its match score and
    the runners-up."""
    alternatives: list[TraceAlternative] = [
        {"id": c.id, "speaker": c.speaker, "text": c.text, "match_score": round(s, 1)} for c, s in result.alternatives
    ]
    record = {**detail, "query": result.query, "match_score": round(result.score, 1), "alternatives": alternatives}
    return cast(TraceRecord, record)
