"""Index use cases: ingest (read → skip unchanged → extract → store → cluster incrementally, batch by batch)
and the assembled views the read commands print (cluster detail with sentence context, trace).

Ingest keeps one :class:`~quotetrace.cluster.Clusterer` per mention group — quotes (direct and mixed, clustered on
the words inside quotation marks) and indirect speech (clustered apart, ids starting with ``i``) — restored from
the snapshot stored with the last batch. Each batch is parsed outside any transaction, then clustered and stored
with the new snapshot inside one write transaction, so an interrupted ingest loses at most the batch in flight, a
rerun finishes the job, and two ingests at once never overwrite each other's clusters. spaCy is imported only when
some article actually needs parsing.
"""

from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any

from quotetrace.errors import StoreError
from quotetrace.models import Article, Mention
from quotetrace.store import Appearance, ClusterSummary, Store, clustering_pieces

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "IngestReport",
    "TraceResult",
    "cluster_detail",
    "export_records",
    "framing_fields",
    "ingest",
    "mention_record",
    "sentence_context",
    "trace",
]

DEFAULT_BATCH_SIZE = 64
LOOKUP_CHUNK = 256
QUOTES, INDIRECT = "quotes", "indirect"

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list[Mention]]]]


@dataclass
class IngestReport:
    """What an ingest run did (printed as the summary on stderr, or as JSON)."""

    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    metadata_updated: int = 0
    duplicates: int = 0
    unreadable: int = 0
    mentions: int = 0
    batches: int = 0
    clusters_touched: int = 0
    clusters_total: int = 0
    articles_total: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    parsed: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.changed

    @property
    def skipped(self) -> int:
        return self.unchanged + self.metadata_updated + self.duplicates + self.unreadable

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "new": self.new,
            "changed": self.changed,
            "skipped": {
                "unchanged": self.unchanged,
                "metadata_only": self.metadata_updated,
                "duplicate": self.duplicates,
                "unreadable": self.unreadable,
            },
            "mentions": self.mentions,
            "clusters_touched": self.clusters_touched,
            "clusters_total": self.clusters_total,
            "articles_total": self.articles_total,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "problems": [{"path": p, "reason": r} for p, r in self.problems],
        }


def _default_extractor(model: str | None, n_process: int, include_indirect: bool = True) -> Extractor:
    def run(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        from quotetrace.extract import extract_articles

        return extract_articles(articles, model=model, n_process=n_process, include_indirect=include_indirect)

    return run


def _indirect_id(cid: str) -> str:
    """Ids of indirect-speech clusters start with ``i`` so they never collide with quote clusters (``q…``)."""
    return "i" + cid[1:] if cid.startswith("q") else "i-" + cid


class _Group:
    """One incremental clusterer (restored lazily from its stored snapshot) and its last snapshot."""

    def __init__(self, store: Store, name: str, mapper: Callable[[str], str] | None) -> None:
        from quotetrace.cluster import Clusterer

        self.name = name
        self.mapper = mapper
        state = store.load_state(name)
        try:
            self.clusterer: Any = Clusterer.from_state(state) if state is not None else Clusterer()
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"the clustering snapshot in {store.path} cannot be restored by this quotetrace ({exc})",
                hint="ingest into a fresh index (--db NEW.db), or use the quotetrace version that wrote it",
            ) from None
        self.aliases: dict[str, str] = dict((state or {}).get("aliases", {}))
        self.state: dict[str, Any] | None = None  # snapshot to save with the current batch (None: unchanged)

    def _id(self, cid: str) -> str:
        return self.mapper(cid) if self.mapper else cid

    def assign(self, items: list[tuple[Mention, Article]]) -> tuple[dict[str, str], dict[str, str]]:
        from quotetrace.cluster import cluster_mentions

        self.state = None
        if not items:
            return {}, {}
        got = cluster_mentions(items, clusterer=self.clusterer)
        self.state = self.clusterer.to_state()  # one snapshot per batch: it is saved with the batch
        after: dict[str, str] = dict(self.state.get("aliases", {}))
        changed = {self._id(g): self._id(k) for g, k in after.items() if self.aliases.get(g) != k}
        self.aliases = after
        return {mid: self._id(cid) for mid, cid in got.items() if cid}, changed


class _Clustering:
    """The quote clusterer and the indirect-speech clusterer, (re)loaded from the stored snapshots when needed.

    :meth:`step` runs inside the batch's write transaction: if another ingest saved newer snapshots meanwhile
    (the store's generation moved), the clusterers are reloaded first, so concurrent ingests never overwrite
    each other's clustering.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.groups: dict[str, _Group] = {}
        self.generation: str | None = None

    def _load(self) -> None:
        self.generation = self.store.generation()
        self.groups = {
            QUOTES: _Group(self.store, QUOTES, None),
            INDIRECT: _Group(self.store, INDIRECT, _indirect_id),
        }

    def step(
        self, batch: Sequence[tuple[Article, list[Mention]]]
    ) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, Any]]]:
        if not self.groups or self.store.generation() != self.generation:
            self._load()
        assignments, aliases = self.assign(batch)
        return assignments, aliases, self.states()

    def assign(self, batch: Sequence[tuple[Article, list[Mention]]]) -> tuple[dict[str, str], dict[str, str]]:
        """Cluster a batch's mentions; returns (mention id -> cluster id, new or changed aliases)."""
        if not self.groups:
            self._load()
        items: dict[str, list[tuple[Mention, Article]]] = {QUOTES: [], INDIRECT: []}
        for art, mentions in batch:
            for m in mentions:
                unit = items[INDIRECT if m.kind == "indirect" else QUOTES]
                for pid, words, start in clustering_pieces(m, art.text):
                    if pid == m.id and words == m.text:
                        unit.append((m, art))
                    else:
                        piece = replace(m, id=pid, text=words, spans=((start, start + len(words)),), quoted_spans=())
                        unit.append((piece, art))
        assignments: dict[str, str] = {}
        aliases: dict[str, str] = {}
        for name, group in self.groups.items():
            got, changed = group.assign(items[name])
            assignments.update(got)
            aliases.update(changed)
        return assignments, aliases

    def states(self) -> dict[str, dict[str, Any]]:
        return {name: g.state for name, g in self.groups.items() if g.state is not None}


def link_statements(store: Store, article_ids: Iterable[str]) -> int:
    """Link the statements of these (just ingested) articles to statements printed elsewhere in other words
    (paraphrases), never merging them; returns the number of cluster links stored.

    Runs after an ingest over the articles it parsed, so its cost grows with their stories and speakers, not with
    the index. The rule is :func:`quotetrace.paraphrase.link_paraphrases` (the one the benchmark measures); this
    gathers its statements — every mention of the articles sharing a quote cluster with the affected clusters, and
    of the articles quoting their speakers' namesakes — and stores each mention link as a link between the two
    mentions' clusters, replacing the links of the affected clusters.
    """
    from quotetrace.names import surname_key
    from quotetrace.paraphrase import ParaphraseScorer, Statement, link_paraphrases, names_someone

    touched = set(article_ids)
    if not touched:
        return 0
    clusters: set[str] = set().union(*store.article_clusters(touched).values())
    near = touched | store.cluster_articles(clusters)  # articles holding a piece of an affected cluster
    stories = store.article_clusters(near)
    near |= store.cluster_articles(set().union(*stories.values()) if stories else set())  # and their story
    rows = store.statement_rows(near)
    surnames = {surname_key(r[5]) for r in rows if r[5]} - {""}
    names = {n for s in sorted(surnames) for n in store.match_speakers(s)}
    rows += store.statement_rows(store.speaker_articles(names) - near)
    if not rows:
        return 0
    stories = store.article_clusters({r[1] for r in rows})
    statements: list[Statement] = []
    piece_clusters: dict[str, list[str]] = {}
    for mid, aid, date, kind, text, speaker, cluster_speaker, cids in rows:
        who = speaker if names_someone(speaker) or not names_someone(cluster_speaker) else cluster_speaker
        statements.append(Statement(mid, text, who or speaker, aid, kind, _day(date)))
        piece_clusters[mid] = cids.split()
    scorer = ParaphraseScorer(st.text for st in statements)
    links = link_paraphrases(
        statements,
        stories=stories,
        focus=lambda st: st.article_id in touched or bool(clusters.intersection(piece_clusters[st.id])),
        scorer=scorer,
    )
    best: dict[tuple[str, str], float] = {}
    for lk in links:
        for x in piece_clusters[lk.source_id]:
            for y in piece_clusters[lk.target_id]:
                if x != y:
                    key = (x, y) if x < y else (y, x)
                    best[key] = max(best.get(key, 0.0), round(lk.score, 3))
    store.replace_paraphrases(sorted(clusters), [(a, b, sc) for (a, b), sc in sorted(best.items())])
    return len(best)


def _day(date: str | None) -> int | None:
    """Days since year 1 of an ISO date (its first ten characters), None when absent or malformed."""
    if not date:
        return None
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _no_progress(n: int = 1) -> None:
    return None


def ingest(
    store: Store,
    articles: Iterable[Article],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    force: bool = False,
    extractor: Extractor | None = None,
    on_progress: Callable[[int], None] | None = None,
    report: IngestReport | None = None,
    include_indirect: bool = True,
) -> IngestReport:
    """Add ``articles`` to the index: unchanged ones (same content hash) are skipped without parsing, changed
    ones have their mentions replaced, new mentions join existing clusters incrementally. Every batch of
    ``batch_size`` parsed articles is committed in one transaction together with the clusterer snapshot.

    ``report`` is filled in as the run goes, so a caller catching KeyboardInterrupt still has the counts.
    """
    rep = report if report is not None else IngestReport()
    started = time.perf_counter()
    extract = extractor or _default_extractor(model, n_process, include_indirect)
    advance: Callable[[int], None] = on_progress or _no_progress
    seen: set[str] = set()
    pending_meta: list[Article] = []
    status: dict[str, str] = {}  # article id -> "new" | "changed" for the articles sent to the extractor

    def needing_parse() -> Iterator[Article]:
        it = iter(articles)
        while True:
            chunk: list[Article] = []
            for art in it:
                chunk.append(art)
                if len(chunk) >= LOOKUP_CHUNK:
                    break
            if not chunk:
                return
            stored = store.stored_hashes(sorted({a.id for a in chunk}))
            for art in chunk:
                rep.read += 1
                if art.id in seen:
                    rep.duplicates += 1
                    rep.problems.append(
                        (art.path or art.id, f"duplicate article id {art.id!r} in this run (kept the first)")
                    )
                    advance(1)
                    continue
                seen.add(art.id)
                old = stored.get(art.id)
                if old is not None and old[0] == art.content_hash and not force:
                    if old[1] != Store.meta_hash(art):
                        rep.metadata_updated += 1
                        pending_meta.append(art)
                    else:
                        rep.unchanged += 1
                    advance(1)
                    continue
                status[art.id] = "changed" if old is not None else "new"
                yield art

    clustering = _Clustering(store)
    parse_stream = needing_parse()
    touched_mentions: list[Mention] = []
    try:
        first = next(parse_stream, None)
        if first is not None:
            rep.parsed = True
            if extractor is None:  # record the pipeline actually used (spaCy is being loaded anyway)
                from quotetrace.nlp.pipeline import resolve_model_name

                model = resolve_model_name(model)
            batch: list[tuple[Article, list[Mention]]] = []
            for art, mentions in extract(chain([first], parse_stream)):
                batch.append((art, mentions))
                touched_mentions.extend(mentions)
                if len(batch) >= batch_size:
                    _commit(store, clustering, batch, pending_meta, status, rep, model)
                    advance(len(batch))
                    batch = []
            if batch:
                _commit(store, clustering, batch, pending_meta, status, rep, model)
                advance(len(batch))
        if pending_meta:
            _commit(store, clustering, [], pending_meta, status, rep, model)
        if rep.parsed:
            link_statements(store, {m.article_id for m in touched_mentions})
    except KeyboardInterrupt:
        rep.interrupted = True
        raise
    finally:
        rep.seconds = time.perf_counter() - started
        with contextlib.suppress(Exception):  # the summary must not hide the original error
            rep.articles_total, rep.clusters_total = store.counts()
    return rep


def _commit(
    store: Store,
    clustering: _Clustering,
    batch: list[tuple[Article, list[Mention]]],
    pending_meta: list[Article],
    status: dict[str, str],
    rep: IngestReport,
    model: str | None,
) -> None:
    meta = list(pending_meta)
    try:
        res = store.commit_batch(
            batch,
            cluster=(lambda: clustering.step(batch)) if batch else None,
            metadata_only=meta,
            model=model,
        )
    except BaseException:
        clustering.groups = {}  # the in-memory clusterers may be ahead of the rolled-back snapshot
        raise
    if batch:
        clustering.generation = res.generation
    pending_meta.clear()
    rep.batches += 1
    rep.mentions += res.mentions
    rep.clusters_touched += len(res.clusters_touched - res.clusters_removed)
    for art, _ in batch:
        if status.get(art.id) == "changed":
            rep.changed += 1
        else:
            rep.new += 1


# ----------------------------------------------------------------------------------------- read-side views


def sentence_context(text: str, start: int, end: int) -> tuple[str | None, str, str | None]:
    """(sentence before, the sentence(s) holding ``[start, end)``, sentence after), spaces collapsed."""
    from quotetrace.framing.context import sentence_context as _context

    return _context(text, start, end)


def framing_fields(
    cluster_text: str, appearance: Appearance, *, bounds: Sequence[tuple[int, int]] | None = None
) -> dict[str, Any]:
    """The contract's framing fields of a mention in ``show`` against its cluster's fullest wording (fidelity,
    coverage, edits, cue_class, hedges, descriptor) plus dropped_qualifier, hedge_details and credits."""
    from quotetrace.framing.quote import mention_framing

    return mention_framing(
        cluster_text, appearance.mention, appearance.article, appearance.cluster_text or None, bounds=bounds
    )


def mention_record(app: Appearance, *, cluster_text: str | None = None, context: bool = False) -> dict[str, Any]:
    """A stored mention as the contract's mention object + ``cluster_id`` + ``article`` (+ framing, + context)."""
    d = app.mention.to_dict()
    d["cluster_id"] = app.cluster_id
    d["quoted_text"] = app.cluster_text or app.mention.text
    bounds = None
    if (cluster_text is not None or context) and app.article.text:
        from quotetrace.framing.context import sentence_bounds

        bounds = sentence_bounds(app.article.text)
    if cluster_text is not None:
        d.update(framing_fields(cluster_text, app, bounds=bounds))
    if context and app.article.text and app.mention.spans:
        from quotetrace.framing.context import Window

        spans = [app.mention.spans[0], app.mention.spans[-1]]
        for sp in (app.mention.speaker_span, app.mention.cue_span):
            if sp:
                spans.append(sp)
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        text = app.article.text
        win = Window(text, lo, hi, bounds)
        d["sentence"] = " ".join(text[win.sentence[0] : win.sentence[1]].split())
        d["context_before"] = " ".join(text[win.before[0] : win.before[1]].split()) if win.before else None
        d["context_after"] = " ".join(text[win.after[0] : win.after[1]].split()) if win.after else None
    d["article"] = app.article.to_dict()
    return d


_CLUSTER_TEXT_CACHE = 50_000


def export_records(store: Store, *, framing: bool = False) -> Iterator[dict[str, Any]]:
    """Every stored mention as ``export`` prints it (date order), with the contract's framing fields.

    The cheap ones are always filled: ``cue_class`` (from the stored cue lemma) and ``descriptor``. With
    ``framing``, each mention is also compared with its cluster's fullest wording (``fidelity``, ``coverage``,
    ``edits``) and its sentence is read for ``hedges`` and ``credits`` — as ``show`` does, without show's
    cross-mention reference (no union, no containing quote); otherwise those are null.
    """
    from quotetrace.framing.quote import classify_cue_pair, describe, mention_framing

    texts: dict[str, str | None] = {}
    for app in store.iter_mentions(with_text=framing):
        d = mention_record(app)
        m = app.mention
        if framing and app.cluster_id:
            if app.cluster_id not in texts:
                if len(texts) >= _CLUSTER_TEXT_CACHE:
                    texts.clear()
                summary = store.cluster(app.cluster_id)
                texts[app.cluster_id] = summary.text if summary else None
            full = texts[app.cluster_id]
            if full:
                d.update(mention_framing(full, m, app.article, app.cluster_text or None))
                yield d
                continue
        d.update({"fidelity": None, "coverage": None, "edits": None, "hedges": None})
        d["cue_class"] = classify_cue_pair(m.cue, m.cue_lemma)
        d["descriptor"] = describe(m.descriptor, m.speaker_mention, m.speaker)
        yield d


def _fullest_wording(canonical: str, apps: Sequence[Appearance]) -> str:
    """The wording appearances are compared with: the cluster's fullest one, and when several outlets print
    equally long wordings that differ (word order, one word for another), the one whose outlet printed
    more of the statement around it (the longer quotation it belongs to)."""
    from quotetrace.normalise import normalise_quote

    texts = [(normalise_quote(a.cluster_text or a.mention.text), a) for a in apps]
    longest = max((len(n) for n, _ in texts), default=0)
    tied = [(n, a) for n, a in texts if len(n) == longest]
    if len({n for n, _ in tied}) < 2:
        return canonical
    _, best = max(tied, key=lambda t: (len(t[1].mention.text), t[1].article.id))
    return best.cluster_text or best.mention.text


def _first_flags(apps: Sequence[Appearance]) -> list[bool]:
    """True for the first appearance in date order; every article tied with it on the date is marked too
    (one mark per article: its first mention)."""
    from quotetrace.store import _same_moment

    flags = [False] * len(apps)
    if not apps:
        return flags
    first_date = apps[0].article.date
    marked: set[str] = set()
    for i, a in enumerate(apps):
        tied = i == 0 or (first_date is not None and _same_moment(first_date, a.article.date))
        if not tied:
            break
        if a.article.id not in marked:
            flags[i] = True
            marked.add(a.article.id)
    return flags


def match_cluster_outlets(outlets: Sequence[str], query: str) -> list[str]:
    """The outlets of a quote that ``query`` names: an exact (case/accent-insensitive) name wins alone, else every
    outlet whose name contains it."""
    from quotetrace.store import fold

    q = fold(query)
    if not q:
        return []
    exact = [o for o in outlets if fold(o) == q]
    return exact or [o for o in outlets if q in fold(o)]


def paraphrase_records(store: Store, cluster_id: str) -> list[dict[str, Any]]:
    """Statements elsewhere that paraphrase this one (same speaker, other words), with their similarity."""
    out = []
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


def cluster_detail(store: Store, summary: ClusterSummary, *, outlets: Sequence[str] | None = None) -> dict[str, Any]:
    """The ``show`` object: the summary, the speaker's variant names, every appearance in date order with its
    framing fields, and the cross-outlet ``framing`` block.

    With ``outlets`` (exact outlet names) only those outlets' appearances are listed and analysed, and a
    ``compare`` block sets them side by side; the first-seen marks stay those of the whole quote.
    """
    from quotetrace.framing.quote import cluster_framing, compare_outlets, union_reference

    apps = store.appearances(summary.id)
    flags = _first_flags(apps)
    # the wording every appearance is compared with: the fullest one (or the longer quote it is part of), completed
    # when another outlet prints words inside it that it lacks (no single appearance holds the whole quote)
    container = containing_quote(store, summary)
    base = container.text if container is not None else _fullest_wording(summary.text, apps)
    reference, added = union_reference(base, [a.cluster_text or a.mention.text for a in apps])
    mentions = []
    kept: list[Appearance] = []
    wanted = set(outlets) if outlets else None
    for app, first in zip(apps, flags, strict=True):
        if wanted is not None and app.article.outlet not in wanted:
            continue
        rec = mention_record(app, cluster_text=reference, context=True)
        rec["first"] = first
        mentions.append(rec)
        kept.append(app)
    d = summary.to_dict()
    tie = sum(flags) > 1
    outlet_dates: dict[str, str | None] = {}
    for app in apps:  # date order: the first seen is each outlet's first date
        if app.article.outlet:
            outlet_dates.setdefault(app.article.outlet, app.article.date)
    framing = cluster_framing([(a.mention, a.article) for a in kept], mentions, outlet_dates=outlet_dates)
    framing["reference"] = {
        "text": reference,
        "reconstructed": bool(added),
        "added": added,
        "part_of": None
        if container is None
        else {"id": container.id, "speaker": container.speaker, "text": container.text},
    }
    detail: dict[str, Any] = {
        "id": summary.id,
        "speaker": summary.speaker,
        "text": summary.text,
        "speaker_variants": list(summary.variants),
        "kind": summary.kind,
        "outlets": d["outlets"],
        "outlet_count": summary.outlet_count,
        "mention_count": summary.mention_count,
        "first_seen": d["first_seen"],
        "first_tied": tie,
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

    from quotetrace.normalise import STOPWORDS, normalise_quote

    norm = normalise_quote(words)
    toks = norm.split()
    if not toks:
        return TraceResult(words, None, 0.0, ())
    # candidates share a content word (function words match half the index and only slow the ranking down)
    content = [t for t in toks if t not in STOPWORDS] or toks
    cands = store.search_clusters(content, limit=candidates)
    if speaker:
        allowed = set(store.match_speakers(speaker))
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
    used cue verbs and, with ``fidelity``, how many of its quote appearances are full, fragments or altered
    against their quote's fullest wording (settled on the stored normalised wordings where they suffice)."""
    from quotetrace.framing.cues import CUE_CLASSES
    from quotetrace.framing.quote import FIDELITY_LABELS, classify_cue_pair, quick_fidelity

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
        group: list[tuple[str, ...]] = []

        def settle(rows: list[tuple[str, ...]]) -> None:
            outlet, _, _, _, _, full, full_norm = rows[0]
            words = " … ".join(r[3] for r in rows)
            norm = " ".join(r[4] for r in rows)
            tallies[outlet][quick_fidelity(words, norm, full, full_norm)] += 1

        for row in store.outlet_wordings(outlets):
            if group and (group[-1][1], group[-1][2]) != (row[1], row[2]):
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
