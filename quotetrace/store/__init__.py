"""The SQLite index: :class:`Store` and its row types. It reads and writes; it decides nothing about meaning.

Layout (see :func:`~quotetrace.store.schema.m001_initial`): ``articles`` (with their text, for context), ``mentions``
(one row per quote mention, with its cluster id), and summaries kept up to date at write time so that reads never
aggregate: ``clusters`` (one row per cluster: fullest wording, speaker, outlets, first seen — as decided by
:mod:`quotetrace.summary`), ``cluster_outlets``, ``speakers`` (one row per person) and ``outlets``; ``people`` maps
each printed speaker spelling to its person. ``cluster_aliases`` maps retired cluster ids to the cluster holding
their pieces now. Cluster membership has one source of truth, per quoted piece: ``mention_pieces.cluster_id``
(``mentions.cluster_id`` is derived from it: the cluster of the mention's longest piece); the clusterer rebuilds
its index from it (migration 10 dropped ``clusterer_state``, the snapshots older versions kept beside it).
``clusters_fts`` (FTS5, when SQLite has it) indexes normalised wordings for ``list --search`` and ``trace``.

Modules: :mod:`.schema` (migrations), :mod:`.rows` (row types), :mod:`.connection` (open, migrate, transactions),
:mod:`.queries` (reads), :mod:`.writes` (writes, inside the caller's transaction). The use case that writes —
ingest, re-clustering, people — is :mod:`quotetrace.ingest.run`: it owns each transaction
(``with store.transaction():``). Connections use WAL and a busy timeout: readers work while an ingest is writing.
No typer/rich here.
"""

from __future__ import annotations

from quotetrace.store.connection import BUSY_TIMEOUT_MS, CLUSTER_SCHEME, database_error, unusable_index
from quotetrace.store.rows import (
    KINDS,
    LAST,
    SORTS,
    Appearance,
    BatchResult,
    ClusterQuery,
    ClusterSummary,
    ClusterValues,
    IndexStats,
    MemberRow,
    MentionQuery,
    MentionValues,
    OutletStats,
    PieceRow,
    PieceValues,
    Resolved,
    SortKey,
    SpeakerStats,
    StatementRow,
    StoredPiece,
)
from quotetrace.store.schema import MIGRATIONS, Migration
from quotetrace.store.writes import Writes
from quotetrace.text.fold import fold_store_key as fold

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CLUSTER_SCHEME",
    "KINDS",
    "LAST",
    "MIGRATIONS",
    "SORTS",
    "Appearance",
    "BatchResult",
    "ClusterQuery",
    "ClusterSummary",
    "ClusterValues",
    "IndexStats",
    "MemberRow",
    "MentionQuery",
    "MentionValues",
    "Migration",
    "OutletStats",
    "PieceRow",
    "PieceValues",
    "Resolved",
    "SortKey",
    "SpeakerStats",
    "StatementRow",
    "Store",
    "StoredPiece",
    "database_error",
    "fold",
    "unusable_index",
]


class Store(Writes):
    """An open index: :meth:`open` (a file) or :meth:`memory` (an empty, throwaway index). Reads are the methods of
    :class:`~quotetrace.store.queries.Queries`, writes those of :class:`~quotetrace.store.writes.Writes`. An index of an
    older clustering scheme (:meth:`needs_recluster`) is re-clustered by the use case that opens it
    (:func:`quotetrace.ingest.run.open_index`), never by the store."""
