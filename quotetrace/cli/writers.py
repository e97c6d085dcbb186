"""Machine-readable output on stdout: JSON arrays and objects, JSON lines, CSV, raw text, and the rows and columns
each command writes in them.

JSON keeps the data as stored, with control, bidi and lone surrogate characters written as ``\\u`` escapes; CSV
cells go through :func:`quotetrace.text.sanitise.csv_cell` (controls removed, formulas quoted). Never imports rich.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from quotetrace.models import SCHEMA
from quotetrace.text.sanitise import csv_cell

if TYPE_CHECKING:
    from quotetrace.models import Article, Mention

# Characters JSON may carry raw (ensure_ascii=False) that a terminal would act on or a UTF-8 stream cannot hold:
# DEL and C1 controls, line/paragraph separators, bidi controls, lone surrogates. Written as \u escapes: the same
# data once parsed.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json(obj: Any, **kwargs: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    if text.isascii():
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def with_schema(obj: dict[str, Any]) -> dict[str, Any]:
    return {"schema": SCHEMA, **obj}


def write_raw(text: str) -> None:
    """Data on stdout, bypassing Rich (no markup, no colour, no wrapping)."""
    sys.stdout.write(text)


def emit_json_array(objs: Iterable[dict[str, Any]]) -> None:
    """A JSON array streamed element by element (valid when piped, never highlighted)."""
    write = sys.stdout.write
    first = True
    write("[")
    try:
        for o in objs:
            line = _json(with_schema(o))
            write("\n  " if first else ",\n  ")
            write(line)
            first = False
    finally:  # an error or Ctrl-C part-way still leaves valid JSON (the elements so far)
        write("\n]\n" if not first else "]\n")
        sys.stdout.flush()


def emit_json_object(obj: dict[str, Any]) -> None:
    write_raw(_json(with_schema(obj), indent=2) + "\n")


def emit_jsonl(objs: Iterable[dict[str, Any]]) -> None:
    for o in objs:
        sys.stdout.write(_json(with_schema(o)) + "\n")
    sys.stdout.flush()


def emit_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    sys.stdout.write(buf.getvalue())
    for r in rows:
        buf.seek(0)
        buf.truncate()
        w.writerow([_cell(r.get(c)) for c in columns])
        sys.stdout.write(buf.getvalue())
    sys.stdout.flush()


def _cell(v: Any) -> Any:
    """A CSV cell: lists joined with ``; ``, dicts as JSON, then neutralised (controls removed, a leading
    ``= + - @`` quoted with an apostrophe so a spreadsheet never runs it as a formula)."""
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return csv_cell("; ".join(str(_cell(x)) for x in v))
    if isinstance(v, dict):
        return csv_cell(_json(v))
    return csv_cell(v if isinstance(v, (int, float)) else str(v))


def flat_rows(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows for CSV: nested lists of objects become ``a (n); b (m)``, dicts become JSON."""
    for d in items:
        row: dict[str, Any] = {}
        for k, v in d.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                row[k] = "; ".join(
                    f"{x.get('speaker') or x.get('outlet') or x.get('id')} ({x.get('cluster_count', '')})" for x in v
                )
            elif isinstance(v, dict):
                row[k] = json.dumps(v, ensure_ascii=False)
            else:
                row[k] = v
        yield row


EXTRACT_CSV_COLUMNS = (
    "article_id",
    "outlet",
    "title",
    "id",
    "kind",
    "speaker",
    "speaker_mention",
    "cue",
    "text",
    "spans",
)


def extract_rows(results: Iterable[tuple[Article, list[Mention]]]) -> Iterator[dict[str, Any]]:
    for art, mentions in results:
        for m in mentions:
            d = m.to_dict(art.text)
            d.update({"outlet": art.outlet, "title": art.title, "spans": json.dumps(d["spans"])})
            yield d


LIST_CSV_COLUMNS = (
    "id",
    "speaker",
    "text",
    "outlet_count",
    "mention_count",
    "first_date",
    "first_outlet",
    "first_article_id",
    "tied_with",
    "outlets",
    "kind",
    "last_seen",
)


def cluster_csv_rows(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """List items flattened for CSV (first_seen spread into columns)."""
    for d in items:
        fs = d.get("first_seen") or {}
        yield {
            **d,
            "first_date": fs.get("date"),
            "first_outlet": fs.get("outlet"),
            "first_article_id": fs.get("article_id"),
            "tied_with": fs.get("tied_with"),
        }


MENTION_CSV_COLUMNS = (
    "cluster_id",
    "id",
    "first",
    "date",
    "outlet",
    "title",
    "article_id",
    "kind",
    "speaker",
    "speaker_mention",
    "descriptor",
    "cue",
    "cue_class",
    "text",
    "spans",
    "fidelity",
    "coverage",
    "hedges",
    "placement",
    "context_before",
    "context_after",
    "url",
)


def mention_csv_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Mention records (with their ``article``) flattened for CSV."""
    for d in records:
        art = d.get("article") or {}
        yield {
            **d,
            "date": art.get("date"),
            "outlet": art.get("outlet"),
            "title": art.get("title"),
            "url": art.get("url"),
            "spans": json.dumps(d.get("spans")),
        }


SPEAKER_CSV_COLUMNS = (
    "speaker",
    "cluster_count",
    "mention_count",
    "outlet_count",
    "article_count",
    "outlets",
    "descriptors",
    "spellings",
    "unnamed",
)


OUTLET_CSV_COLUMNS = (
    "outlet",
    "article_count",
    "mention_count",
    "cluster_count",
    "top_speakers",
    "cue_classes",
    "fidelity",
)
