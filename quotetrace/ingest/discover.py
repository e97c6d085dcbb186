"""Turning command-line inputs (files, folders, glob patterns) into a lazy, sorted stream of files to read."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator

from quotetrace.ingest.readers import EXTENSIONS, Format, Source
from quotetrace.ingest.sidecar import SIDECAR_NAME
from quotetrace.models import ReadProblem

_MAGIC = re.compile(r"[*?[]")


def _format(name: str, *, explicit: bool) -> Format | None:
    """A file's format by extension; an explicitly named file with another extension is tried as text."""
    if name.lower().endswith(".warc.gz"):
        return "warc"
    fmt = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if fmt is None and explicit:
        return "text"
    return fmt


def _id_under(path: str, root: str) -> str:
    """``path`` relative to the folder ``root`` it was found under, without extension, with ``/``."""
    rel = os.path.relpath(path, root or ".")
    return os.path.splitext(rel)[0].replace(os.sep, "/")


class _Walker:
    """Yields each input file once (by real path) in command-line order, folders sorted and recursive."""

    def __init__(self) -> None:
        self._seen: set[tuple[int, int] | str] = set()

    def _first_time(self, path: str, entry: os.DirEntry[str] | None = None) -> bool:
        key: tuple[int, int] | str
        try:
            st = entry.stat() if entry is not None else os.stat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:  # a broken symlink, say: the reader reports it
            key = os.path.realpath(path)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def file(
        self, path: str, id_base: str, fmt: Format, entry: os.DirEntry[str] | None = None
    ) -> Iterator[Source | ReadProblem]:
        if os.path.basename(path) == SIDECAR_NAME:
            return  # sidecar metadata, never an article
        if self._first_time(path, entry):
            yield Source(path, id_base, fmt)

    def folder(self, folder: str, root: str, ancestors: frozenset[str] = frozenset()) -> Iterator[Source | ReadProblem]:
        real = os.path.realpath(folder)
        if real in ancestors:
            return  # a symlink loop
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except PermissionError:
            yield ReadProblem(folder, "permission denied")
            return
        except OSError as exc:
            yield ReadProblem(folder, (exc.strerror or str(exc)).lower())
            return
        inside = ancestors | {real}
        for entry in entries:
            path = os.path.join(folder, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.folder(path, root, inside)
                continue
            fmt = _format(entry.name, explicit=False)
            if fmt is not None:
                yield from self.file(path, _id_under(path, root), fmt, entry)

    def named(self, arg: str) -> Iterator[Source | ReadProblem]:
        """A path the user named: a folder, a file (its id is its stem), or a missing path / broken link."""
        if os.path.isdir(arg):
            yield from self.folder(arg, arg)
        elif os.path.lexists(arg):
            # a file, a broken symlink, a fifo...: the reader reports what is wrong with it
            fmt = _format(arg, explicit=True) or "text"
            yield from self.file(arg, os.path.splitext(os.path.basename(arg))[0] or arg, fmt)
        else:
            yield ReadProblem(arg, "no such file or directory")

    def pattern(self, pattern: str) -> Iterator[Source | ReadProblem]:
        """A glob pattern the shell did not expand (``**`` included); ids are relative to its literal folder."""
        parts = re.split(r"[/\\]" if os.sep == "\\" else "/", pattern)
        literal: list[str] = []
        for part in parts[:-1]:
            if _MAGIC.search(part):
                break
            literal.append(part)
        root = "/".join(literal) if literal != [""] else "/"
        # A pattern ending in a literal extension (``notes/*.log``) asks for those files, known format or not.
        wants_extension = re.search(r"\.\w+$", parts[-1]) is not None and not _MAGIC.search(
            os.path.splitext(parts[-1])[1]
        )
        matches = sorted(glob.iglob(pattern, recursive=True))
        if not matches:
            yield ReadProblem(pattern, "no files match this pattern")
            return
        for match in matches:
            if os.path.isdir(match):
                yield from self.folder(match, root)
                continue
            fmt = _format(match, explicit=wants_extension)
            if fmt is not None:
                yield from self.file(match, _id_under(match, root), fmt)


def iter_sources(paths: list[str]) -> Iterator[Source | ReadProblem | None]:
    """Each file to read, in order; ``None`` stands for standard input (``-``)."""
    walker = _Walker()
    for arg in paths:
        if arg == "-":
            yield None
        elif os.path.lexists(arg) or not _MAGIC.search(arg):
            yield from walker.named(arg)
        else:
            yield from walker.pattern(arg)
