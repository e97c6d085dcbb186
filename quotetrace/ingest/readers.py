"""Reading one input (a file or stdin) into Articles: byte limits, decoding, format parsers and metadata layering."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TextIO

from quotetrace.ingest import metadata as md
from quotetrace.ingest.records import Meta, meta_from_mapping, split_front_matter, text_of
from quotetrace.ingest.sidecar import SidecarCache
from quotetrace.models import Article, ReadProblem

Format = Literal["text", "markdown", "json", "jsonl", "html", "warc"]

#: File extensions (lower-case) → format. Other extensions are skipped inside folders.
EXTENSIONS: dict[str, Format] = {
    ".txt": "markdown",  # plain text, with optional front matter like .md
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",  # and .warc.gz (see discover): streamed record by record, never read whole
}

STDIN_PATH = "-"
STDIN_ID = "stdin"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One file to read: the path as the user would recognise it, the id it gets, and its format."""

    path: str
    id_base: str
    format: Format


class Unreadable(Exception):
    """Internal: an input that cannot be read, with a short human reason (becomes a ReadProblem)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------- bytes and decoding


def format_size(n: int) -> str:
    """``20.0 MB``, ``3.2 KB``, ``150 bytes``."""
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def format_limit(n: int) -> str:
    """``10 MB`` (a round limit without decimals), else as format_size."""
    if n >= _MB and n % _MB == 0:
        return f"{n // _MB} MB"
    if 1024 <= n < _MB and n % 1024 == 0:
        return f"{n // 1024} KB"
    return format_size(n)


def _too_big(size: int, max_bytes: int) -> Unreadable:
    return Unreadable(f"file is {format_size(size)}, over the {format_limit(max_bytes)} limit (--max-bytes)")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def read_limited(path: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, checking its size before reading; raises Unreadable."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise Unreadable("broken symlink" if os.path.islink(path) else "no such file or directory") from None
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise Unreadable("is a directory")
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise _too_big(st.st_size, max_bytes)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    if len(data) > max_bytes:  # grew since stat, or a pipe
        raise _too_big(len(data), max_bytes)
    return data


_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, *, html: bool = False) -> str:
    """UTF-8 text exactly as in the file (a UTF-8 BOM is stripped, nothing else); raises Unreadable.

    HTML (only) may instead use the charset its ``<meta>`` declares.
    """
    if not data:
        raise Unreadable("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unreadable("UTF-16 text is not supported (save it as UTF-8)")
    if b"\x00" in data:
        raise Unreadable("binary file")
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _HTML_CHARSET.search(data[:4096]) if html else None
        text = ""
        if declared:
            try:
                text = body.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                text = ""
        if not text:
            offset = exc.start + (len(data) - len(body))
            raise Unreadable(f"not valid UTF-8 text (byte 0x{body[exc.start]:02x} at offset {offset})") from None
    if not text.strip():
        raise Unreadable("empty file" if not text else "empty file (only whitespace)")
    return text


# ---------------------------------------------------------------------------- articles


def build_article(
    *, id: str, text: str, path: str, layers: Sequence[Meta | None], guess_title: bool = False
) -> Article:
    """An Article whose metadata comes from the first layer that has each field, then from inference.

    Layers are ordered by authority (record / front matter, sidecar, extracted HTML metadata). Inference
    fills only what no layer gives: outlet from a well-known url host, then from boilerplate in the text,
    then the url's registrable domain; date from a dateline; title (plain text only) from the first line.
    """
    present = [layer for layer in layers if layer is not None]

    def first(name: str) -> str | None:
        for layer in present:
            value: str | None = getattr(layer, name)
            if value:
                return value
        return None

    url = first("url")
    outlet = first("outlet")
    if not outlet and url:
        outlet = md.outlet_for_url(url, domain_fallback=False)
    if not outlet:
        outlet = md.infer_outlet(text)
    if not outlet and url:
        outlet = md.outlet_for_url(url)
    title = first("title") or (md.infer_title(text) if guess_title else None)
    date = first("date") or md.infer_date(text)
    return Article(id=first("id") or id, text=text, path=path, outlet=outlet, title=title, date=date, url=url)


def _plain(text: str, src: Source, sidecar: Meta | None) -> Iterator[Article | ReadProblem]:
    yield build_article(id=src.id_base, text=text, path=src.path, layers=[sidecar], guess_title=True)


def _markdown(text: str, src: Source, sidecar: Meta | None) -> Iterator[Article | ReadProblem]:
    split = split_front_matter(text)
    if split is None:
        yield from _plain(text, src, sidecar)
        return
    fields, body = split
    if not body.strip():
        yield ReadProblem(src.path, "no text after the front matter")
        return
    yield build_article(
        id=src.id_base, text=body, path=src.path, layers=[meta_from_mapping(fields), sidecar], guess_title=True
    )


def _record(
    record: Any, *, id: str, src: Source, sidecar: Meta | None, path: str | None = None, prefix: str = ""
) -> Article | ReadProblem:
    """One JSON record as an Article; a problem names ``path`` (default: the file's) and starts with ``prefix``."""
    path = path or src.path
    if not isinstance(record, Mapping):
        return ReadProblem(path, f"{prefix}not a JSON object")
    try:
        text = text_of(record)
    except ValueError as exc:
        return ReadProblem(path, f"{prefix}{exc}")
    return build_article(id=id, text=text, path=src.path, layers=[meta_from_mapping(record), sidecar])


def _file_default(sidecar: Meta | None) -> Meta | None:
    """What a sidecar row says about a file of many records: only its outlet applies to each record."""
    return Meta(outlet=sidecar.outlet) if sidecar and sidecar.outlet else None


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"malformed JSON at line {exc.lineno}: {exc.msg} (column {exc.colno})"


def _json(text: str, src: Source, sidecar: Meta | None) -> Iterator[Article | ReadProblem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadProblem(src.path, _json_error(exc))
        return
    except RecursionError:
        yield ReadProblem(src.path, "malformed JSON: nested too deeply")
        return
    if isinstance(data, list):
        if not data:
            yield ReadProblem(src.path, "empty JSON array")
            return
        default = _file_default(sidecar)
        for n, item in enumerate(data, 1):
            yield _record(item, id=f"{src.id_base}:{n}", src=src, sidecar=default, prefix=f"element {n}: ")
        return
    if not isinstance(data, Mapping):
        yield ReadProblem(src.path, "JSON is neither an object nor an array of objects")
        return
    yield _record(data, id=src.id_base, src=src, sidecar=sidecar)


def _jsonl(text: str, src: Source, sidecar: Meta | None) -> Iterator[Article | ReadProblem]:
    default = _file_default(sidecar)
    seen = False
    for n, raw in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 may sit inside a JSON string
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        seen = True
        where = f"{src.path}:{n}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield ReadProblem(where, "malformed JSON: nested too deeply")
            continue
        yield _record(data, id=f"{src.id_base}:{n}", src=src, sidecar=default, path=where)
    if not seen:
        yield ReadProblem(src.path, "empty file")


def _html(text: str, src: Source, sidecar: Meta | None) -> Iterator[Article | ReadProblem]:
    from quotetrace.ingest.htmlpage import read_page  # the one HTML path (files, web pages, WARC records)

    page = read_page(text)
    if page.text is None:
        yield ReadProblem(src.path, page.problem or "no article text found in the HTML")
        return
    yield build_article(id=src.id_base, text=page.text, path=src.path, layers=[sidecar, page.meta])


_PARSERS = {"text": _plain, "markdown": _markdown, "json": _json, "jsonl": _jsonl, "html": _html}


def read_source(src: Source, *, max_bytes: int, sidecars: SidecarCache) -> Iterator[Article | ReadProblem]:
    """Every Article (and ReadProblem) of one file; never raises for bad input."""
    if src.format == "warc":
        from quotetrace.ingest.warc import read_warc

        yield from _guarded(read_warc(src.path, max_bytes=max_bytes), src.path)
        return
    row, problem = sidecars.lookup(src.path)
    if problem is not None:
        yield problem
    try:
        text = decode(read_limited(src.path, max_bytes), html=src.format == "html")
    except Unreadable as exc:
        yield ReadProblem(src.path, exc.reason)
        return
    yield from _guarded(_PARSERS[src.format](text, src, row), src.path)


def _guarded(items: Iterator[Article | ReadProblem], path: str) -> Iterator[Article | ReadProblem]:
    """A last line of defence: an unexpected error in a parser ends that input as a ReadProblem, not a crash."""
    try:
        yield from items
    except Exception as exc:  # a bug, not bad input: still, one odd file must not stop a run of thousands
        yield ReadProblem(path, f"could not be read ({type(exc).__name__}: {exc})")


# ---------------------------------------------------------------------------- stdin

_JSONISH = re.compile(r'\A\s*(?:\{\s*(?:"|\}|\Z)|\[\s*(?:[{\["\]]|\Z))')
_HTMLISH = re.compile(r"\A\s*<(?:!doctype\s+html|html|head|body|article|meta|!--)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|article|body|h1|span)[\s>]", re.IGNORECASE)


def sniff(text: str) -> Format:
    """The format of stdin content: JSON object/array, JSONL, HTML, markdown with front matter, else text."""
    head = text.lstrip()[:1]
    if head in "{[" and head:
        try:
            json.loads(text)
            return "json"
        except (json.JSONDecodeError, RecursionError):
            pass
        lines = [line for line in text.split("\n") if line.strip()]
        if head == "{" and len(lines) > 1:
            try:
                json.loads(lines[0])
                return "jsonl"
            except (json.JSONDecodeError, RecursionError):
                pass
        if _JSONISH.match(text):
            return "json"  # clearly meant as JSON: report it as malformed
    if _HTMLISH.match(text) or (text.lstrip().startswith("<") and _HTML_TAGS.search(text[:4096])):
        return "html"
    if split_front_matter(text) is not None:
        return "markdown"
    return "text"


def read_stdin(stream: TextIO | None, *, max_bytes: int) -> Iterator[Article | ReadProblem]:
    """The Articles on standard input (path ``-``, id ``stdin`` or ``stdin:<n>``)."""
    stream = sys.stdin if stream is None else stream
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read(max_bytes + 1)
        else:
            chars = stream.read(max_bytes + 1)
            data = chars.encode("utf-8", "surrogatepass")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            reason = "not valid UTF-8 text"
        else:
            reason = f"cannot read standard input ({exc})"
        yield ReadProblem(STDIN_PATH, reason)
        return
    if len(data) > max_bytes:
        yield ReadProblem(STDIN_PATH, f"input is over the {format_limit(max_bytes)} limit (--max-bytes)")
        return
    try:
        text = decode(data)
    except Unreadable as exc:
        reason = exc.reason.replace("empty file", "empty input")
        yield ReadProblem(STDIN_PATH, reason)
        return
    fmt = sniff(text)
    yield from _guarded(_PARSERS[fmt](text, Source(STDIN_PATH, STDIN_ID, fmt), None), STDIN_PATH)
