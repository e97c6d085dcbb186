"""WARC archives in (``.warc``, ``.warc.gz``, Common Crawl's CC-NEWS format), streamed record by record with warcio.

Each HTML response record (a ``response`` or ``resource`` record whose HTTP answer is 200 with an HTML content
type) is read through the same HTML path as an ``.html`` file (:mod:`quotetrace.ingest.htmlpage`); its target
URL is the article's id and ``url``, and its ``WARC-Date`` the article's date when the page gives none.
Requests, metadata and ``warcinfo`` records are not pages and are passed over; response records that are not
HTML, not a 200 answer, too large, repeated, or broken are skipped and counted, and one warning per archive says
how many. A damaged archive yields every article before the damage. warcio is an optional dependency
(``pip install 'quotetrace[scale]'``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from quotetrace.models import Article, ReadProblem

#: Record types that carry a page; the others (request, metadata, warcinfo, revisit, conversion) do not.
PAGE_RECORDS = frozenset({"response", "resource"})
HTML_TYPES = ("text/html", "application/xhtml+xml")

_SKIP_LABELS = {
    "not_html": "not HTML",
    "not_ok": "not a 200 answer",
    "too_big": "too large",
    "no_text": "no article text",
    "duplicate": "a URL already read",
    "broken": "broken",
}


def is_warc(path: str) -> bool:
    """True for a ``.warc`` or ``.warc.gz`` file name."""
    low = path.lower()
    return low.endswith((".warc", ".warc.gz"))


def _content_type(record: Any) -> str:
    http = record.http_headers
    value = http.get_header("Content-Type") if http is not None else None
    if not value:
        value = record.rec_headers.get_header("Content-Type") or ""
    return str(value).split(";")[0].strip().lower()


def _charset(record: Any) -> str | None:
    http = record.http_headers
    value = (http.get_header("Content-Type") if http is not None else None) or ""
    for part in str(value).split(";")[1:]:
        key, _, val = part.strip().partition("=")
        if key.lower() == "charset" and val:
            return val.strip("\"' ")
    return None


def _markup(data: bytes, charset: str | None) -> str | None:
    from quotetrace.ingest.readers import Unreadable, decode

    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data, html=True)
    except Unreadable:
        return None


def _summary(path: str, skipped: Counter[str], read: int) -> ReadProblem:
    parts = [f"{n} {_SKIP_LABELS[k]}" for k, n in skipped.items() if n]
    total = sum(skipped.values())
    if not read:
        head = "no article in this archive"
        return ReadProblem(path, head + (f" ({total} record(s) skipped: {', '.join(parts)})" if parts else ""))
    return ReadProblem(path, f"{total} record(s) skipped: {', '.join(parts)}; {read} article(s) read")


def read_warc(path: str, *, max_bytes: int) -> Iterator[Article | ReadProblem]:
    """Every article in the WARC file at ``path`` (``max_bytes`` per record), then one note of what was skipped."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield ReadProblem(path, "reading WARC files needs warcio: pip install 'quotetrace[scale]'")
        return
    from quotetrace.ingest.htmlpage import read_page
    from quotetrace.ingest.metadata import normalise_date
    from quotetrace.ingest.readers import build_article

    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    read = 0
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in the finally below, around a generator
    except OSError as exc:
        yield ReadProblem(path, (exc.strerror or str(exc)).lower())
        return
    damage: str | None = None
    try:
        records = ArchiveIterator(fh, arc2warc=True)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
                skipped["broken"] += 1
                damage = f"{type(exc).__name__}: {str(exc)[:100]}"
                break
            if record.rec_type not in PAGE_RECORDS:
                continue
            try:
                url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
                status = record.http_headers.get_statuscode() if record.http_headers is not None else "200"
                if str(status) != "200":
                    skipped["not_ok"] += 1
                    continue
                if _content_type(record) not in HTML_TYPES:
                    skipped["not_html"] += 1
                    continue
                data = record.content_stream().read(max_bytes + 1)
            except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
                skipped["broken"] += 1
                damage = f"{type(exc).__name__}: {str(exc)[:100]}"
                break
            if len(data) > max_bytes:
                skipped["too_big"] += 1
                continue
            if getattr(record.raw_stream, "limit", 0):  # fewer bytes than the record declares: the file ends here
                skipped["broken"] += 1
                damage = "a record is cut short"
                break
            if not url or url in seen:
                skipped["duplicate" if url else "broken"] += 1
                continue
            markup = _markup(data, _charset(record))
            if markup is None:
                skipped["broken"] += 1
                continue
            try:
                page = read_page(markup, url=url)
            except Exception:  # one odd record must not end an archive of thousands
                skipped["broken"] += 1
                continue
            if page.text is None:
                skipped["no_text"] += 1
                continue
            seen.add(url)
            meta = page.meta
            if not meta.date:
                warc_date = normalise_date(record.rec_headers.get_header("WARC-Date"))
                meta = replace(meta, date=warc_date)
            read += 1
            yield build_article(id=url, text=page.text, path=path, layers=[meta])
    finally:
        fh.close()
    if damage is not None:
        skipped["broken"] -= 1
        skipped = +skipped
        yield ReadProblem(path, f"archive damaged after {read} article(s) ({damage}); the rest was not read")
    if skipped or (not read and damage is None):
        yield _summary(path, skipped, read)
