"""Sidecar ``metadata.csv`` files: per-folder metadata for that folder's files, looked up by file name."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from quotetrace.ingest.metadata import normalise_date
from quotetrace.ingest.records import Meta
from quotetrace.models import ReadProblem

SIDECAR_NAME = "metadata.csv"
#: Columns a sidecar may have besides ``file``; others are ignored.
SIDECAR_COLUMNS: tuple[str, ...] = ("id", "outlet", "title", "date", "url")
#: A sidecar larger than this is not read.
MAX_SIDECAR_BYTES = 20 * 1024 * 1024


@dataclass
class Sidecar:
    """The rows of one folder's metadata.csv by file name, and the problem met reading it (if any)."""

    path: str
    rows: dict[str, Meta] = field(default_factory=dict)
    problem: ReadProblem | None = None


def parse_sidecar(path: str) -> Sidecar:
    """Read ``path`` (a metadata.csv); never raises: a bad file gives an empty Sidecar with a problem."""
    sidecar = Sidecar(path)
    try:
        if os.path.getsize(path) > MAX_SIDECAR_BYTES:
            sidecar.problem = ReadProblem(path, "sidecar metadata ignored: file too large")
            return sidecar
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        sidecar.problem = ReadProblem(path, f"sidecar metadata ignored: {(exc.strerror or str(exc)).lower()}")
        return sidecar
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        sidecar.problem = ReadProblem(path, "sidecar metadata ignored: not valid UTF-8 text")
        return sidecar
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [h.strip().lower() for h in next(reader, [])]
        if "file" not in header:
            sidecar.problem = ReadProblem(path, "sidecar metadata ignored: no 'file' column")
            return sidecar
        columns = {name: header.index(name) for name in ("file", *SIDECAR_COLUMNS) if name in header}
        for row in reader:
            cells = {name: (row[i].strip() if i < len(row) else "") for name, i in columns.items()}
            name = os.path.basename(cells["file"].replace("\\", "/"))
            if not name or name in sidecar.rows:
                continue
            sidecar.rows[name] = Meta(
                id=cells.get("id") or None,
                title=cells.get("title") or None,
                outlet=cells.get("outlet") or None,
                date=normalise_date(cells.get("date") or None),
                url=cells.get("url") or None,
            )
    except csv.Error as exc:
        sidecar.rows.clear()
        sidecar.problem = ReadProblem(path, f"sidecar metadata ignored: malformed CSV ({exc})")
    return sidecar


class SidecarCache:
    """Each folder's sidecar, parsed once; a sidecar's problem is reported the first time it is met."""

    def __init__(self) -> None:
        self._by_dir: dict[str, Sidecar | None] = {}

    def lookup(self, file_path: str) -> tuple[Meta | None, ReadProblem | None]:
        """The sidecar row for ``file_path`` (by file name) and a problem to report now, if any."""
        folder = os.path.dirname(file_path) or "."
        key = os.path.abspath(folder)
        problem: ReadProblem | None = None
        if key not in self._by_dir:
            candidate = os.path.join(folder, SIDECAR_NAME) if os.path.dirname(file_path) else SIDECAR_NAME
            sidecar = parse_sidecar(candidate) if os.path.isfile(candidate) else None
            self._by_dir[key] = sidecar
            problem = sidecar.problem if sidecar else None
        sidecar = self._by_dir[key]
        if sidecar is None:
            return None, problem
        return sidecar.rows.get(os.path.basename(file_path)), problem
