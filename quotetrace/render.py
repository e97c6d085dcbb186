"""All output: the stdout data console, the stderr console, and table / json / jsonl / csv rendering."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from quotetrace.models import SCHEMA, Article, Mention

Format = Literal["table", "json", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")

out = Console(soft_wrap=False, highlight=False)
err = Console(stderr=True, highlight=False)


def reset_consoles() -> None:
    """Re-create the consoles (the CLI calls this so that tests capturing stdout/stderr see the output)."""
    global out, err
    out = Console(soft_wrap=False, highlight=False)
    err = Console(stderr=True, highlight=False)


def warn(message: str) -> None:
    err.print(Text("warning: ", style="yellow bold") + Text(message))


def error(message: str, hint: str | None = None) -> None:
    err.print(Text("error: ", style="red bold") + Text(message))
    if hint:
        err.print(Text("  hint: ", style="dim") + Text(hint))


def info(message: str) -> None:
    err.print(Text(message, style="dim"))


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
    for o in objs:
        write("\n  " if first else ",\n  ")
        write(json.dumps(with_schema(o), ensure_ascii=False))
        first = False
    write("\n]\n" if not first else "]\n")
    sys.stdout.flush()


def emit_json_object(obj: dict[str, Any]) -> None:
    write_raw(json.dumps(with_schema(obj), ensure_ascii=False, indent=2) + "\n")


def emit_jsonl(objs: Iterable[dict[str, Any]]) -> None:
    for o in objs:
        sys.stdout.write(json.dumps(with_schema(o), ensure_ascii=False) + "\n")
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


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


@contextmanager
def progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr, shown only when stderr is a terminal; yields an ``advance(n)`` callback."""
    if not err.is_terminal or os.environ.get("QUOTETRACE_NO_PROGRESS"):
        yield lambda n=1: None
        return
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


# ---------------------------------------------------------------------------- extract

EXTRACT_CSV_COLUMNS = (
    "article_id", "outlet", "title", "id", "kind", "speaker", "speaker_mention", "cue", "text", "spans",
)


def extract_record(article: Article, mentions: list[Mention]) -> dict[str, Any]:
    return {"article": article.to_dict(), "quotes": [m.to_dict() for m in mentions]}


def extract_rows(results: Iterable[tuple[Article, list[Mention]]]) -> Iterator[dict[str, Any]]:
    for art, mentions in results:
        for m in mentions:
            d = m.to_dict()
            d.update({"outlet": art.outlet, "title": art.title})
            yield d


def extract_table(results: Iterable[tuple[Article, list[Mention]]]) -> int:
    """One table per article (outlet, title), rows: speaker, cue, quote. Returns the number of mentions shown."""
    n = 0
    width = out.width
    for art, mentions in results:
        head = Text()
        head.append(art.outlet or "unknown outlet", style="bold cyan")
        if art.date:
            head.append(f"  {art.date}", style="dim")
        head.append("  " + (art.title or art.id), style="bold")
        out.print(head)
        if not mentions:
            out.print(Text("  no quotations found", style="dim"))
            out.print()
            continue
        t = Table(box=None, show_header=True, header_style="dim", pad_edge=False, expand=False, width=width)
        t.add_column("speaker", style="green", max_width=max(12, width // 5), overflow="fold")
        t.add_column("cue", style="magenta", max_width=14, overflow="fold")
        t.add_column("kind", style="dim", width=7, no_wrap=True)
        t.add_column("quote", ratio=1, overflow="fold")
        for m in mentions:
            speaker = Text(m.speaker or "?", style="green" if m.speaker else "red")
            if m.speaker_mention and m.speaker and m.speaker_mention.lower() != m.speaker.lower():
                speaker.append(f" ({m.speaker_mention})", style="dim")
            t.add_row(speaker, escape(m.cue or ""), m.kind, "“" + escape(m.text) + "”")
            n += 1
        out.print(t)
        out.print()
    return n


def quote_text(text: str, width: int) -> str:
    return "“" + shorten(text, max(10, width - 2)) + "”"


def table(columns: Sequence[tuple[str, dict[str, Any]]], rows: Iterable[Sequence[Any]], *, title: str | None = None) -> Table:
    t = Table(box=None, show_header=True, header_style="dim", pad_edge=False, title=title, width=out.width)
    for name, kw in columns:
        t.add_column(name, **kw)
    for r in rows:
        t.add_row(*[x if isinstance(x, Text) else escape(str(x)) if x is not None else "" for x in r])
    return t
