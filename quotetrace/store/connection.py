"""An open index file: opening it (WAL, busy timeout, read-only when asked), applying migrations, transactions and
the ``meta`` table. Writes and queries build on this (:mod:`.writes`, :mod:`.queries`). No typer/rich here."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from quotetrace.errors import StoreError
from quotetrace.store.schema import MIGRATIONS, Migration

__all__ = ["BUSY_TIMEOUT_MS", "CLUSTER_SCHEME", "Connection", "database_error"]

BUSY_TIMEOUT_MS = 15_000
# The clustering scheme an index was built with; another value (or none) means: re-cluster on open
# (2: clusters and ids are a function of the set of articles, see quotetrace.cluster.CorpusClusterer).
CLUSTER_SCHEME = "2"

_C = TypeVar("_C", bound="Connection")


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def unusable_index(exc: sqlite3.DatabaseError, path: Path | str | None) -> StoreError:
    """The error for a file that cannot be read as an index: damaged (how to rebuild it) or not an index at all."""
    if "malformed" in str(exc):
        return database_error(exc, path)
    return StoreError(f"{path} is not a usable quotetrace index ({exc})", hint="move it aside or pick another --db")


def database_error(exc: sqlite3.Error, path: Path | str | None) -> StoreError:
    """A one-line StoreError for an SQLite failure met while using the index at ``path``: a full disk (the batch
    in flight was rolled back, everything stored before is intact), a damaged file (how to rebuild it), or
    anything else SQLite reports."""
    where = str(path) if path is not None else "the index"
    msg = str(exc)
    low = msg.lower()
    if "disk is full" in low or "disk i/o error" in low:
        return StoreError(
            f"cannot write to the index {where}: {msg}; the batch in progress was not stored, everything stored "
            "before it is intact",
            hint="free some space and run the same command again: it goes on where it stopped",
        )
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return StoreError(
            f"the index {where} is damaged ({msg})",
            hint=f"rebuild it: move {where} aside and run quotetrace ingest on your articles again "
            f"(sqlite3 {where} .recover may save what it still holds)",
        )
    if "readonly" in low or "read-only" in low:
        return StoreError(f"the index {where} cannot be written ({msg})", hint="check the permissions of the file")
    return StoreError(f"the index {where} could not be used: {msg}")


class Connection:
    """An open index file (the base of :class:`~quotetrace.store.Store`). Use :meth:`open` or :meth:`memory`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._fts: bool | None = None
        self.read_only = False  # opened with mode=ro: never written (nor re-clustered)
        from quotetrace.config import resolve_aliases_path

        self.aliases_path: Path | None = resolve_aliases_path(None, path)
        # the people.Aliases read from aliases_path, kept here once the use case has read them (ingest.run.aliases_of)
        self.aliases: Any = None

    # -- opening ---------------------------------------------------------------------------------------------

    @classmethod
    def open(cls: type[_C], path: Path | str, *, create: bool = True, read_only: bool = False) -> _C:
        """Open (and migrate) the index at ``path``; with ``create`` make it and its folder if missing.

        ``read_only`` (read commands): opened with ``mode=ro``, never written — and with ``immutable=1`` when the
        folder is read-only and the file is in WAL mode (WAL readers need to write ``-shm`` beside it). It is opened
        for writing only to apply a pending migration, when it can be written.

        Raises :class:`StoreError` with a one-line message naming the path for a folder, an unwritable
        location, a corrupt file, or a file that is not a quotetrace index.
        """
        p = Path(path)
        if p.is_dir():
            raise StoreError(
                f"{p} is a directory, not an index file", hint=f"use a file path, e.g. --db {p / 'index.db'}"
            )
        if not p.exists():
            if not create:
                raise StoreError(f"no index at {p}", hint="add articles with: quotetrace ingest PATH...")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the index {p}: {exc.strerror or exc}") from None
            if not os.access(p.parent, os.W_OK):
                raise StoreError(f"cannot create the index {p}: folder is not writable")
        elif create and not os.access(p, os.W_OK):
            raise StoreError(f"the index {p} is not writable")
        if read_only:
            store = cls._open_read_only(p)
            if store is not None:
                return store
        try:
            conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the index {p}: {exc}") from None
        store = cls(conn, p)
        try:
            store._setup(wal=True)
            store.migrate()
            store._mark_scheme_if_empty()
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise unusable_index(exc, p) from None
        return store

    @classmethod
    def _open_read_only(cls: type[_C], p: Path) -> _C | None:
        """The index opened read-only, or None when it has a migration pending and can be written (the caller then
        opens it for writing and migrates)."""
        from urllib.parse import quote

        uri = "file:" + quote(str(p.absolute()))
        last: Exception | None = None
        for flags in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(uri + flags, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            except sqlite3.Error as exc:
                last = exc
                continue
            store = cls(conn, p)
            store.read_only = True
            try:
                store._setup(wal=False)
                version = store.schema_version()
            except sqlite3.OperationalError as exc:  # WAL in a read-only folder: no -shm can be made
                conn.close()
                last = exc
                continue
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise unusable_index(exc, p) from None
            latest = MIGRATIONS[-1].version
            if version == latest:
                return store
            conn.close()
            if version > latest:
                raise StoreError(
                    f"the index {p} has schema version {version}, newer than this quotetrace knows ({latest})",
                    hint="upgrade quotetrace",
                )
            if os.access(p, os.W_OK) and os.access(p.parent, os.W_OK):
                return None
            if version == 0:
                raise StoreError(f"{p} is an SQLite database but not a quotetrace index", hint="pick another --db")
            raise StoreError(
                f"the index {p} is read-only and was made by an older quotetrace (schema {version} of {latest})",
                hint="run quotetrace ingest once where it can be written, to upgrade it",
            )
        raise StoreError(f"cannot open the index {p} read-only: {last}")

    @classmethod
    def memory(cls: type[_C]) -> _C:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        store = cls(conn, None)
        store._setup(wal=False)
        store.migrate()
        store._mark_scheme_if_empty()
        return store

    def _setup(self, *, wal: bool) -> None:
        c = self.conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal:
            mode = c.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self: _C) -> _C:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- migrations ------------------------------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        if row is None:
            return 0
        return int(self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])

    def migrate(self, migrations: Sequence[Migration] | None = None) -> list[int]:
        """Apply the pending numbered migrations, each in its own transaction; returns the versions applied."""
        migrations = MIGRATIONS if migrations is None else migrations
        current = self.schema_version()
        if current == 0:
            others = self.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if others:
                raise StoreError(
                    f"{self.path} is an SQLite database but not a quotetrace index", hint="pick another --db"
                )
        latest = migrations[-1].version if migrations else 0
        if current > latest:
            raise StoreError(
                f"the index {self.path} has schema version {current}, newer than this quotetrace knows ({latest})",
                hint="upgrade quotetrace",
            )
        applied: list[int] = []
        pending = [mig for mig in migrations if mig.version > current]
        if pending:  # tables are rebuilt to add foreign keys: enforcement is off while migrating (a no-op inside
            self.conn.execute("PRAGMA foreign_keys = OFF")  # a transaction, so set here)
        try:
            self._apply(pending, applied)
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")
        return applied

    def _apply(self, migrations: Sequence[Migration], applied: list[int]) -> None:
        for mig in migrations:
            with self.transaction():
                if self.schema_version() >= mig.version:  # another process got there first
                    continue
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                mig.apply(self.conn)
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (mig.version, mig.name, now()),
                )
                self.conn.execute(f"PRAGMA user_version = {int(mig.version)}")
            applied.append(mig.version)

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [
            (int(v), str(n))
            for v, n in self.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        ]

    # -- transactions and meta -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception (Ctrl-C included) rolls the whole batch back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
                with suppress(sqlite3.Error):  # the original error is the one to report
                    self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:  # a deferred foreign key: the batch would leave a dangling reference
            self.conn.execute("ROLLBACK")
            raise StoreError(
                f"the index {self.path} refused a write that would break its integrity ({exc}); nothing was saved",
                hint="please report this with the input that caused it",
            ) from None

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str | None) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def has_fts(self) -> bool:
        if self._fts is None:
            self._fts = self.get_meta("fts") == "1"
        return self._fts

    # -- clustering -----------------------------------------------------------------------------------------

    def generation(self) -> str | None:
        """Bumped by every batch that clusters: a changed value means another ingest committed meanwhile."""
        return self.get_meta("clusterer_generation")

    def cluster_scheme_current(self) -> bool:
        return self.get_meta("cluster_scheme") == CLUSTER_SCHEME

    def mark_cluster_scheme(self) -> None:
        self.set_meta("cluster_scheme", CLUSTER_SCHEME)

    def needs_recluster(self) -> bool:
        """The index holds pieces clustered by an older scheme: the use case re-clusters it
        (:func:`quotetrace.ingest.run.open_index`); the store never does on its own."""
        if self.cluster_scheme_current():
            return False
        return self.conn.execute("SELECT 1 FROM mention_pieces LIMIT 1").fetchone() is not None

    def _mark_scheme_if_empty(self) -> None:
        """An index without pieces has nothing to re-cluster: it is of the current scheme as it is."""
        if not self.cluster_scheme_current() and not self.needs_recluster():
            with self.transaction():
                self.mark_cluster_scheme()
