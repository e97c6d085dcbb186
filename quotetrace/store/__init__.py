"""The SQLite index: :class:`Store` and its row types. It reads and writes; it decides nothing about meaning.

Layout (see :func:`~quotetrace.store.schema.m001_initial`): ``articles`` (with their text, for context), ``mentions``
(one row per quote mention, with its cluster id), and summaries kept up to date at write time so that reads never
aggregate: ``clusters`` (one row per cluster: fullest wording, speaker, outlets, first seen — as decided by
:mod:`quotetrace.summary`), ``cluster_outlets``, ``speakers`` (one row per person) and ``outlets``; ``people`` maps
each printed speaker spelling to its person. ``cluster_aliases`` maps retired cluster ids to the cluster holding
their pieces now. Cluster membership has one source of truth, per quoted piece: ``mention_pieces.cluster_id``
(``mentions.cluster_id`` is derived from it: the cluster of the mention's longest piece); the clusterer rebuilds
its index from it. ``clusterer_state`` (snapshots written by older versions) is emptied when an index is
re-clustered on open and never written. ``clusters_fts`` (FTS5, when SQLite has it) indexes normalised wordings for
``list --search`` and ``trace``.

Modules: :mod:`.schema` (migrations), :mod:`.rows` (row types), :mod:`.connection` (open, migrate, transactions),
:mod:`.queries` (reads), :mod:`.writes` (writes, inside the caller's transaction). The use case that writes —
ingest, re-clustering, people — is :mod:`quotetrace.ingest.run`: it owns each transaction
(``with store.transaction():``). Connections use WAL and a busy timeout: readers work while an ingest is writing.
No typer/rich here.
"""

from __future__ import annotations

from typing import Any

from quotetrace.pieces import clustering_pieces, clustering_text  # here for code written against the old module
from quotetrace.store.connection import BUSY_TIMEOUT_MS, CLUSTER_SCHEME, database_error
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
    "clustering_pieces",
    "clustering_text",
    "database_error",
    "fold",
    "same_moment",
]


def __getattr__(name: str) -> Any:
    # kept importable from here for code written against the single-module store; it lives in quotetrace.summary
    if name == "same_moment":
        from quotetrace.summary import same_moment

        return same_moment
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Store(Writes):
    """An open index: :meth:`open` (a file) or :meth:`memory` (an empty, throwaway index). Reads are the methods of
    :class:`~quotetrace.store.queries.Queries`, writes those of :class:`~quotetrace.store.writes.Writes`."""

    def ensure_cluster_scheme(self) -> None:
        """Migrate an index clustered by an older scheme: re-cluster it from its stored pieces (once, on open)."""
        if self.cluster_scheme_current():
            return
        has_pieces = self.conn.execute("SELECT 1 FROM mention_pieces LIMIT 1").fetchone() is not None
        if not has_pieces:
            with self.transaction():
                self.mark_cluster_scheme()
            return
        from quotetrace.ingest.run import recluster  # the data migration is a use case: clustering decides

        recluster(self)
