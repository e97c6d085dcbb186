"""The ingest use case: read → skip unchanged → extract → cluster → store, batch by batch, each batch in one
transaction this module opens (``with store.transaction():``); also re-clustering a whole index, identifying people
and linking paraphrased statements — every write to the index that takes a decision.

Ingest keeps one :class:`~quotetrace.cluster.CorpusClusterer` per mention group — quotes (direct and mixed, clustered
on the words inside quotation marks) and indirect speech (clustered apart, ids starting with ``i``) — rebuilt from the
stored pieces and their cluster ids (membership is stored once, in ``mention_pieces``). Each batch is parsed outside
any transaction, then clustered and stored inside one write transaction, so an interrupted ingest loses at most the
batch in flight, a rerun finishes the job, and two ingests at once never overwrite each other's clusters. Clusters
and ids depend only on the set of articles, never on the order, batches or runs that brought them. spaCy is
imported only when some article actually needs parsing. The store only reads and writes: what a cluster's summary
says is :func:`quotetrace.summary.summarise`, who is who :func:`quotetrace.people.identify`.
"""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from quotetrace.errors import StoreError
from quotetrace.ingest.ids import IdClaims
from quotetrace.models import Article, Mention
from quotetrace.pieces import clustering_pieces, clustering_text, own_cluster
from quotetrace.store import BatchResult, ClusterValues, MentionValues, PieceValues, Store, unusable_index
from quotetrace.text.fold import fold_store_key

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "IngestReport",
    "aliases_of",
    "commit_batch",
    "identify_people",
    "ingest",
    "link_statements",
    "load_clusterers",
    "mention_pieces",
    "move_pieces",
    "open_index",
    "recluster",
    "refresh_summaries",
    "set_aliases",
    "upgrade",
    "upgraded",
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
    changed_clusters: set[str] = field(default_factory=set, repr=False)  # ids counted in clusters_touched

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


class _Clustering:
    """The quote and the indirect-speech corpus clusterers (:class:`~quotetrace.cluster.CorpusClusterer`), rebuilt
    from the stored pieces and their cluster ids — the one record of membership; nothing else is saved.

    :meth:`step` runs inside the batch's write transaction: if another ingest committed meanwhile (the store's
    generation moved), the clusterers are rebuilt first, so concurrent ingests never overwrite each other's
    clustering. Each batch removes the pieces of the articles it replaces, adds its own, and re-solves only the
    blocks they touch; the result is the same whatever the order, batches or runs (see the cluster module).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.groups: dict[str, Any] = {}
        self.generation: str | None = None
        self._batch_articles: dict[str, Article] = {}

    def _context(self, article_id: str) -> frozenset[str] | None:
        from quotetrace.cluster import story_terms

        art = self._batch_articles.get(article_id)
        if art is None:
            row = self.store.article_context(article_id)
            if row is None:
                return None
            art = Article(id=article_id, text=row[0], title=row[1])
        return story_terms(art)

    def _load(self) -> None:
        self.groups = load_clusterers(self.store, self._context)
        self.generation = self.store.generation()

    def step(self, batch: Sequence[tuple[Article, list[Mention]]]) -> tuple[dict[str, str], dict[str, str]]:
        """Cluster a batch inside its write transaction, against the latest stored membership."""
        if not self.groups or self.store.generation() != self.generation:
            self._load()
        return self.assign(batch)

    def assign(self, batch: Sequence[tuple[Article, list[Mention]]]) -> tuple[dict[str, str], dict[str, str]]:
        """Cluster a batch; returns (piece id -> cluster id for every new piece and every stored piece whose cluster
        changed, merged-or-moved cluster id -> the cluster holding its founding piece now)."""
        if not self.groups:
            self._load()
        self._batch_articles = {art.id: art for art, _ in batch}
        removed = [pid for art, _ in batch for pid in self.store.article_piece_ids(art.id)]
        added: dict[str, list[Any]] = {QUOTES: [], INDIRECT: []}
        for art, mentions in batch:
            for m in mentions:
                added[INDIRECT if m.kind == "indirect" else QUOTES].extend(mention_pieces(m, art))
        assignments: dict[str, str] = {}
        aliases: dict[str, str] = {}
        try:
            for name, group in self.groups.items():
                changed = group.update(added[name], removed)
                assignments.update({pid: cid for pid, cid in changed.items() if cid})
                aliases.update(group.aliases)
        finally:
            self._batch_articles = {}
        return assignments, aliases


def mention_pieces(m: Mention, art: Article) -> list[Any]:
    """The :class:`~quotetrace.cluster.Piece` units of one mention (:func:`~quotetrace.pieces.clustering_pieces`)."""
    from quotetrace.cluster import Piece

    return [
        Piece(pid, words, m.speaker, art.date, art.id, start) for pid, words, start in clustering_pieces(m, art.text)
    ]


def load_clusterers(store: Store, context: Callable[[str], frozenset[str] | None] | None) -> dict[str, Any]:
    """One corpus clusterer per mention group, rebuilt from the stored pieces and their cluster ids."""
    from quotetrace.cluster import CorpusClusterer, Piece

    groups = {
        QUOTES: CorpusClusterer(prefix="q", context=context),
        INDIRECT: CorpusClusterer(prefix="i", context=context),
    }
    pieces: dict[str, list[Any]] = {QUOTES: [], INDIRECT: []}
    assign: dict[str, str] = {}
    for p in store.cluster_piece_rows():
        which = INDIRECT if p.kind == "indirect" else QUOTES
        pieces[which].append(Piece(p.piece_id, p.words, p.speaker, p.date, p.article_id, p.start))
        if p.cluster_id:
            assign[p.piece_id] = p.cluster_id
    for name, group in groups.items():
        group.load(pieces[name], assign)
    return groups


def open_index(path: Path | str, *, create: bool = True, read_only: bool = False) -> Store:
    """Open the index at ``path`` (:meth:`Store.open`: migrated when it can be written) and bring its clusters up to
    date (:func:`upgrade`). Raises :class:`~quotetrace.errors.StoreError` as :meth:`Store.open` does."""
    return upgraded(Store.open(path, create=create, read_only=read_only))


def upgraded(store: Store) -> Store:
    """``store`` after :func:`upgrade`; closed when that fails."""
    try:
        upgrade(store)
    except BaseException:
        store.close()
        raise
    return store


def upgrade(store: Store) -> int:
    """Re-cluster an index written by an older clustering scheme (:meth:`Store.needs_recluster`), once, when it can
    be written (an index opened read-only is read as it is); returns the number of pieces whose cluster changed."""
    if store.read_only or not store.needs_recluster():
        return 0
    try:
        return recluster(store)
    except sqlite3.DatabaseError as exc:
        raise unusable_index(exc, store.path) from None


def recluster(store: Store) -> int:
    """Re-cluster a whole index from its stored pieces (an index written by an older clustering scheme is migrated
    this way when opened, see :func:`upgrade`); returns the number of pieces whose cluster changed. One transaction."""
    from quotetrace.cluster import CorpusClusterer, Piece, story_terms

    def context(article_id: str) -> frozenset[str] | None:
        row = store.article_context(article_id)
        return None if row is None else story_terms(Article(id=article_id, text=row[0], title=row[1]))

    with store.transaction():
        pieces: dict[str, list[Any]] = {QUOTES: [], INDIRECT: []}
        old: dict[str, str] = {}
        for p in store.cluster_piece_rows():
            which = INDIRECT if p.kind == "indirect" else QUOTES
            pieces[which].append(Piece(p.piece_id, p.words, p.speaker, p.date, p.article_id, p.start))
            if p.cluster_id:
                old[p.piece_id] = p.cluster_id
        assignments: dict[str, str] = {}
        for name, prefix in ((QUOTES, "q"), (INDIRECT, "i")):
            cc = CorpusClusterer(prefix=prefix, context=context)
            cc.update(pieces[name])
            assignments.update(cc.assignments())
        changed = {pid: cid for pid, cid in assignments.items() if old.get(pid) != cid}
        # an old id now points to the cluster holding the most of its pieces
        votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for pid, cid in old.items():
            if pid in assignments:
                votes[cid][assignments[pid]] += 1
        live = set(assignments.values())
        aliases = {gone: min(v, key=lambda c: (-v[c], c)) for gone, v in votes.items() if gone not in live and v}
        touched = move_pieces(store, changed) | store.record_aliases(aliases) | identify_people(store)
        refresh_summaries(store, touched | store.all_cluster_ids(), BatchResult())
        store.mark_cluster_scheme()
    return len(changed)


def link_statements(store: Store, article_ids: Iterable[str]) -> int:
    """Link the statements of these (just ingested) articles to statements printed elsewhere in other words
    (paraphrases), never merging them; returns the number of cluster links stored.

    Runs after an ingest over the articles it parsed, so its cost grows with their stories and speakers, not with
    the index. The rule is :func:`quotetrace.paraphrase.link_paraphrases` (the one the benchmark measures); this
    gathers its statements — every mention of the articles sharing a quote cluster with the affected clusters, and
    of the articles quoting their speakers' namesakes — and stores each mention link as a link between the two
    mentions' clusters, replacing the links of the affected clusters.
    """
    from quotetrace.paraphrase import ParaphraseScorer, Statement, link_paraphrases, names_someone
    from quotetrace.people import surname_key

    touched = set(article_ids)
    if not touched:
        return 0
    clusters: set[str] = set().union(*store.article_clusters(touched).values())
    near = touched | store.cluster_articles(clusters)  # articles holding a piece of an affected cluster
    stories = store.article_clusters(near)
    near |= store.cluster_articles(set().union(*stories.values()) if stories else set())  # and their story
    rows = store.statement_rows(near)
    surnames = {surname_key(r.speaker) for r in rows if r.speaker} - {""}
    names = {n for s in sorted(surnames) for n in store.match_speakers(s)}
    rows += store.statement_rows(store.speaker_articles(names) - near)
    if not rows:
        return 0
    stories = store.article_clusters({r.article_id for r in rows})
    statements: list[Statement] = []
    piece_clusters: dict[str, list[str]] = {}
    for r in rows:
        speaker = r.speaker
        who = speaker if names_someone(speaker) or not names_someone(r.cluster_speaker) else r.cluster_speaker
        statements.append(Statement(r.mention_id, r.text, who or speaker, r.article_id, r.kind, _day(r.date)))
        piece_clusters[r.mention_id] = r.clusters.split()
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
    with store.transaction():
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
    ``batch_size`` parsed articles is clustered and committed in one transaction (:func:`_commit`).

    ``report`` is filled in as the run goes, so a caller catching KeyboardInterrupt still has the counts.
    """
    rep = report if report is not None else IngestReport()
    started = time.perf_counter()
    extract = extractor or _default_extractor(model, n_process, include_indirect)
    advance: Callable[[int], None] = on_progress or _no_progress
    claims = IdClaims(store)
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
            claims.prefetch(chunk)
            claimed: list[Article] = []
            for art in chunk:
                rep.read += 1
                got, why = claims.claim(art)
                if got is None:
                    rep.duplicates += 1
                    rep.problems.append((art.path or art.id, why or "duplicate article id"))
                    advance(1)
                    continue
                claimed.append(got)
            stored = store.stored_hashes(sorted({a.id for a in claimed}))
            for art in claimed:
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
    """Cluster and store one batch in one transaction: clustered inside the write lock, so two ingests running at
    once each cluster against the other's latest membership (see :meth:`~quotetrace.store.Store.generation`)."""
    meta = list(pending_meta)
    try:
        with store.transaction():
            assignments, aliases = clustering.step(batch) if batch else ({}, {})
            res = store_batch(
                store, batch, assignments, aliases=aliases, metadata_only=meta, model=model, clustered=bool(batch)
            )
    except BaseException:
        clustering.groups = {}  # the in-memory clusterers may be ahead of the rolled-back membership
        raise
    if batch:
        clustering.generation = res.generation
    pending_meta.clear()
    rep.batches += 1
    rep.mentions += res.mentions
    rep.changed_clusters.update(res.clusters_changed)
    rep.changed_clusters.difference_update(res.clusters_removed)
    rep.clusters_touched = len(rep.changed_clusters)
    for art, _ in batch:
        if status.get(art.id) == "changed":
            rep.changed += 1
        else:
            rep.new += 1


# ------------------------------------------------------------------------------------------------ writing


def store_batch(
    store: Store,
    items: Sequence[tuple[Article, Sequence[Mention]]],
    assignments: Mapping[str, str],
    *,
    aliases: Mapping[str, str] | None = None,
    metadata_only: Sequence[Article] = (),
    model: str | None = None,
    clustered: bool = False,
) -> BatchResult:
    """Store a clustered batch inside the caller's transaction: articles (replacing their old mentions), mentions
    and pieces with their clusters, moved pieces, merged-cluster aliases, who is who, and the refreshed summaries.

    ``assignments``: piece id -> cluster id, for the batch's pieces (missing ones are stored unclustered) and for
    stored pieces whose cluster changed (they are moved); ``aliases``: retired cluster id -> the cluster that holds
    its pieces now (new or changed entries only); ``metadata_only``: stored articles whose text is unchanged but
    whose outlet/date/url changed; ``clustered``: the batch was clustered (a new clusterer generation).
    """
    values = [(art, [mention_values(m, art, assignments) for m in mentions]) for art, mentions in items]
    res = store.write_articles(values, metadata_only=metadata_only, model=model)
    touched = res.clusters_touched
    touched |= move_pieces(store, {pid: cid for pid, cid in assignments.items() if pid not in res.written})
    touched |= store.record_aliases(aliases or {})
    if items:
        touched |= identify_people(store, res.spellings)
    refresh_summaries(store, touched, res)
    store.finish_batch(res, clustered=clustered or bool(assignments), model=model)
    return res


def mention_values(m: Mention, art: Article, assignments: Mapping[str, str]) -> MentionValues:
    """A mention as the store writes it: its pieces (:func:`~quotetrace.pieces.clustering_pieces`) with their
    clusters from ``assignments`` (missing: unclustered), the words it is clustered on, their normal forms, and its
    own cluster (:func:`~quotetrace.pieces.own_cluster`, else its id's assignment)."""
    from quotetrace.normalise import normalise_quote

    pieces = tuple(
        PieceValues(pid, words, normalise_quote(words), start, assignments.get(pid))
        for pid, words, start in clustering_pieces(m, art.text)
    )
    cid = own_cluster([(p.words, p.cluster_id) for p in pieces]) or assignments.get(m.id)
    text = clustering_text(m, art.text)
    return MentionValues(m, cid, text, normalise_quote(text), pieces)


def move_pieces(store: Store, assignments: Mapping[str, str]) -> set[str]:
    """Move stored pieces to their new clusters; each mention whose pieces moved follows its longest clustered
    piece (:func:`~quotetrace.pieces.own_cluster`). Returns the clusters touched. Inside the caller's transaction."""
    touched, mentions = store.move_pieces(assignments)
    store.set_mention_clusters({mid: own_cluster(store.mention_piece_clusters(mid)) for mid in sorted(mentions)})
    return touched


def commit_batch(
    store: Store,
    items: Sequence[tuple[Article, Sequence[Mention]]],
    assignments: Mapping[str, str] | None = None,
    *,
    aliases: Mapping[str, str] | None = None,
    metadata_only: Sequence[Article] = (),
    model: str | None = None,
) -> BatchResult:
    """:func:`store_batch` in a transaction of its own, for a batch clustered beforehand (benchmarks, tests)."""
    with store.transaction():
        return store_batch(store, items, assignments or {}, aliases=aliases, metadata_only=metadata_only, model=model)


SUMMARY_CHUNK = 500


def refresh_summaries(store: Store, ids: Iterable[str], res: BatchResult) -> None:
    """Recompute the summary rows of these clusters from their members (:func:`quotetrace.summary.summarise`; a
    cluster left without members loses its row), then the totals of the speakers and outlets they affect. Inside
    the caller's transaction."""
    from quotetrace.summary import summarise

    order = sorted(ids)
    for k in range(0, len(order), SUMMARY_CHUNK):
        values: dict[str, ClusterValues | None] = {}
        for cid in order[k : k + SUMMARY_CHUNK]:
            members = store.cluster_members(cid)
            values[cid] = summarise(members) if members else None
        store.write_summaries(values, res)
    refresh_totals(store, res)


def refresh_totals(store: Store, res: BatchResult) -> None:
    """Recount the speakers and outlets a batch affected; each speaker row is stored with its surname key
    (:func:`quotetrace.people.surname_key`, else the folded name) for ``--speaker`` lookups."""
    from quotetrace.people import surname_key

    store.refresh_totals(res, {name: surname_key(name) or fold_store_key(name) for name in res.speakers})


def aliases_of(store: Store) -> Any:
    """The :class:`~quotetrace.people.Aliases` of the index (its aliases file, :attr:`Store.aliases_path`), read once
    and kept on the store; a malformed file is a :class:`~quotetrace.errors.StoreError`."""
    if store.aliases is None:
        from quotetrace.people import load_aliases

        try:
            store.aliases = load_aliases(store.aliases_path)
        except ValueError as exc:
            raise StoreError(str(exc), hint='fix or remove the file (JSON: {"merge": [...], "split": [...]})') from None
    return store.aliases


def identify_people(store: Store, spellings: Iterable[str] = ()) -> set[str]:
    """Recompute who is who across the index (:func:`quotetrace.people.identify` over every speaker spelling, with
    the store's ``aliases``) and store it; the mentions of ``spellings`` (just written) get their person too.
    Returns the clusters whose mentions changed person. Inside the caller's transaction."""
    from quotetrace.people import identify

    people = identify(store.spelling_counts(), cooccur=store.spellings_beside, aliases=aliases_of(store))
    return store.write_people(people, spellings)


def set_aliases(store: Store, aliases: Any) -> set[str]:
    """Use these :class:`~quotetrace.people.Aliases` (from the aliases file) and re-identify people now, in one
    transaction; returns the clusters whose speaker may have changed (their summaries are refreshed)."""
    store.aliases = aliases
    with store.transaction():
        touched = identify_people(store)
        refresh_summaries(store, touched, BatchResult())
    return touched
