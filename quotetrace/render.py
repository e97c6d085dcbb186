"""All output: the stdout data console, the stderr console, and table / json / jsonl / csv rendering.

Text that came from articles (and file names, and messages quoting them) is data: every table and message goes
through :func:`quotetrace.text.sanitise.clean` before it is laid out or cut, CSV cells through ``csv_cell``; JSON
keeps the data as stored, with control, bidi and lone surrogate characters written as ``\\u`` escapes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from quotetrace.models import SCHEMA
from quotetrace.text.sanitise import clean, csv_cell

if TYPE_CHECKING:  # rich is imported where a table or a message is drawn: JSON output never loads it
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quotetrace.models import Article, Mention

Format = Literal["table", "json", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv")

_consoles: dict[str, Console] = {}


def _colour(stream: Any) -> dict[str, Any]:
    """Console options for ``FORCE_COLOR=0`` (or ``false``/``no``/``off``): no colour, and a terminal only when the
    stream is one — Rich reads any non-empty FORCE_COLOR as "force"."""
    force = os.environ.get("FORCE_COLOR")
    if force is None or force.strip().lower() not in ("0", "false", "no", "off"):
        return {}
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    return {"no_color": True, "force_terminal": tty}


def _out() -> Console:
    """The stdout console (tables), made on first use."""
    con = _consoles.get("out")
    if con is None:
        from rich.console import Console

        con = _consoles["out"] = Console(soft_wrap=False, highlight=False, **_colour(sys.stdout))
    return con


def _err() -> Console:
    """The stderr console (messages, progress), made on first use."""
    con = _consoles.get("err")
    if con is None:
        from rich.console import Console

        con = _consoles["err"] = Console(stderr=True, highlight=False, **_colour(sys.stderr))
    return con


def reset_consoles() -> None:
    """Forget the consoles so the next output makes new ones on the current stdout/stderr (the CLI calls this so
    that tests capturing stdout/stderr see the output)."""
    _consoles.clear()


def warn(message: str) -> None:
    from rich.text import Text

    _err().print(Text("warning: ", style="yellow bold") + Text(clean(message)), soft_wrap=True)


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr (never wrapped, so scripts can grep it), and an optional hint line."""
    from rich.text import Text

    _err().print(Text("error: ", style="red bold") + Text(clean(message)), soft_wrap=True)
    if hint:
        _err().print(Text("  hint: ", style="dim") + Text(clean(hint)), soft_wrap=True)


def info(message: str) -> None:
    from rich.text import Text

    _err().print(Text(clean(message), style="dim"), soft_wrap=True)


def safe(obj: Any) -> Any:
    """A copy of ``obj`` (dicts, lists, tuples, strings, keys included) with every string passed through
    :func:`clean`: what a table shows of article data, before any of it is measured or cut."""
    if isinstance(obj, str):
        return clean(obj)
    if isinstance(obj, dict):
        return {safe(k): safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [safe(x) for x in obj]
    return obj


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


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


def shows_progress() -> bool:
    """True when a progress bar would be drawn (stderr is a terminal and QUOTETRACE_NO_PROGRESS is unset)."""
    return _err().is_terminal and not os.environ.get("QUOTETRACE_NO_PROGRESS")


@contextmanager
def progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr, shown only when stderr is a terminal; yields an ``advance(n)`` callback. With a
    ``total``: done/total and the time left; without one: a count and the rate (never "0/?")."""
    if not shows_progress():

        def nothing(n: int = 1) -> None:
            return None

        yield nothing
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns: list[Any]
    if total is None:
        columns = [
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} done"),
            TimeElapsedColumn(),
        ]
    else:
        columns = [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
        ]
    with Progress(*columns, console=_err(), transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


# ---------------------------------------------------------------------------- extract

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


def extract_record(article: Article, mentions: list[Mention]) -> dict[str, Any]:
    from quotetrace.models import extract_record as record

    return record(article, mentions)


def extract_rows(results: Iterable[tuple[Article, list[Mention]]]) -> Iterator[dict[str, Any]]:
    for art, mentions in results:
        for m in mentions:
            d = m.to_dict(art.text)
            d.update({"outlet": art.outlet, "title": art.title, "spans": json.dumps(d["spans"])})
            yield d


def extract_table(results: Iterable[tuple[Article, list[Mention]]]) -> int:
    """One table per article (outlet, title), rows: speaker, cue, quote. Returns the number of mentions shown."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    n = 0
    width = _out().width
    for art, mentions in results:
        art = art.with_updates(outlet=clean(art.outlet), title=clean(art.title), id=clean(art.id), date=clean(art.date))
        head = Text()
        head.append(art.outlet or "unknown outlet", style="bold cyan")
        if art.date:
            head.append(f"  {art.date}", style="dim")
        head.append("  " + (art.title or art.id), style="bold")
        _out().print(head)
        if not mentions:
            _out().print(Text("  no quotations found", style="dim"))
            _out().print()
            continue
        t = Table(box=None, show_header=True, header_style="dim", pad_edge=False, expand=False, width=width)
        t.add_column("speaker", style="green", max_width=max(12, width // 5), overflow="fold")
        t.add_column("cue", style="magenta", max_width=14, overflow="fold")
        t.add_column("kind", style="dim", width=7, no_wrap=True)
        t.add_column("quote", ratio=1, overflow="fold")
        for m in mentions:
            name, printed = clean(m.speaker), clean(m.speaker_mention)
            speaker = Text(name or "?", style="green" if name else "red")
            if printed and name and printed.lower() != name.lower():
                speaker.append(f" ({printed})", style="dim")
            t.add_row(speaker, escape(clean(m.cue)), m.kind, "“" + escape(clean(m.text)) + "”")
            n += 1
        _out().print(t)
        _out().print()
    return n


def quote_text(text: str, width: int) -> str:
    return "“" + shorten(text, max(10, width - 2)) + "”"


def table(
    columns: Sequence[tuple[str, dict[str, Any]]], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> Table:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    t = Table(box=None, show_header=True, header_style="dim", pad_edge=False, title=title, width=_out().width)
    for name, kw in columns:
        t.add_column(name, **kw)
    for r in rows:
        t.add_row(*[x if isinstance(x, Text) else escape(clean(str(x))) if x is not None else "" for x in r])
    return t


# ---------------------------------------------------------------------------- index: list, show, trace, export

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


def _fit(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` terminal cells with an ellipsis (wide characters counted)."""
    from rich.cells import cell_len, set_cell_size

    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)).rstrip() + "…" if width > 0 else ""


def _first_seen_plain(fs: dict[str, Any]) -> str:
    text = fs.get("date") or "undated"
    if fs.get("outlet"):
        text += " " + fs["outlet"]
    tied = fs.get("tied_with") or []
    if tied:
        text += f" +{len(tied)}"
    return text


def cluster_table(items: Sequence[dict[str, Any]]) -> None:
    """``list`` as a table that fits the terminal: the quote column takes the room left and is shortened.

    Laid out by hand (one line per cluster): Rich's Table measures every cell several times, which costs more
    than the whole query on a large index.
    """
    from rich.cells import cell_len
    from rich.text import Text

    items = safe(items)
    width = _out().width
    gap = 2
    ids = [str(d["id"]) for d in items]
    speakers = [str(d.get("speaker") or "?") for d in items]
    outs = [str(d.get("outlet_count", "")) for d in items]
    mens = [str(d.get("mention_count", "")) for d in items]
    firsts = [_first_seen_plain(d.get("first_seen") or {}) for d in items]
    w_id = max([2, *map(len, ids)])
    w_sp = min(max([7, *map(cell_len, speakers)]), max(10, width // 6))
    w_out = max([3, *map(len, outs)])
    w_men = max([3, *map(len, mens)])
    kinds = [str(d.get("kind") or "") for d in items]
    w_kind = max([4, *map(len, kinds)])
    w_first = min(max([10, *map(cell_len, firsts)]), max(16, width // 5))
    fixed = w_id + w_sp + w_kind + w_out + w_men + gap * 5
    show_first = width - fixed - w_first - gap >= 20
    w_quote = max(10, width - fixed - (w_first + gap if show_first else 0))
    sep = " " * gap

    header = Text(style="dim")
    header.append("id".ljust(w_id) + sep + "speaker".ljust(w_sp) + sep + "kind".ljust(w_kind) + sep)
    header.append("quote".ljust(w_quote) + sep)
    header.append("out".rjust(w_out) + sep + "men".rjust(w_men))
    if show_first:
        header.append(sep + "first seen")
    lines = [header]
    for i, d in enumerate(items):
        line = Text()
        line.append(ids[i].ljust(w_id), style="bold")
        line.append(sep)
        sp = _fit(speakers[i], w_sp)
        line.append(sp + " " * (w_sp - cell_len(sp)), style="green" if d.get("speaker") else "red")
        line.append(sep)
        line.append(kinds[i].ljust(w_kind), style="dim")
        line.append(sep)
        words = " ".join(str(d.get("text") or "").split())
        # reported speech is the outlet's paraphrase: never shown in quotation marks as if verbatim
        quote = _fit(words if kinds[i] == "indirect" else "“" + words + "”", w_quote)
        line.append(quote + " " * (w_quote - cell_len(quote)))
        line.append(sep + outs[i].rjust(w_out) + sep + mens[i].rjust(w_men))
        if show_first:
            fs = d.get("first_seen") or {}
            first = _fit(firsts[i], w_first)
            date_part = (fs.get("date") or "undated")[: len(first)]
            line.append(sep)
            line.append(date_part, style="" if fs.get("date") else "dim")
            line.append(first[len(date_part) :], style="cyan")
        line.rstrip()
        lines.append(line)
    _out().print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)


# -- show: one quote, every appearance with its framing

CUE_CLASS_STYLES: dict[str, str] = {
    "neutral": "",
    "endorsing": "green",
    "doubting": "yellow",
    "conceding": "blue",
    "combative": "red",
    "emotive": "magenta",
}
FIDELITY_STYLES: dict[str, str] = {"full": "green", "fragment": "yellow", "altered": "bold red"}
CUT_STYLE = "red strike"
ADD_STYLE = "green underline"
MOVE_STYLE = "blue"
COSMETIC_STYLE = "italic"


def wording_diff(
    variant: str,
    edits: Sequence[dict[str, Any]],
    *,
    base_style: str = "",
    joints: Sequence[Sequence[int]] = (),
) -> Text:
    """The wording as printed with each change from the fullest wording marked: ``[-cut-]`` and ``{+added+}``
    (readable without colour), struck through in red and underlined in green on a colour terminal; cosmetic
    changes in italics, separately quoted pieces as ``“X” … “Y”``. The runs are those of
    :func:`quotetrace.framing.diffview.diff_runs`, which the HTML report draws too."""
    from rich.text import Text

    from quotetrace.framing.diffview import diff_runs

    styles = {
        "kept": base_style,
        "space": "",
        "cut": CUT_STYLE,
        "added": ADD_STYLE,
        "moved_cut": MOVE_STYLE,
        "moved_added": MOVE_STYLE,
        "cosmetic": COSMETIC_STYLE,
        "rewritten": ADD_STYLE,
        "joint": "dim",
    }
    line = Text("“")
    for run in diff_runs(variant, edits, joints=joints):
        text = clean(run.text)  # the runs are the wording as stored: each printed piece is cleaned
        if run.kind in ("cut", "moved_cut"):
            line.append("[-" + text + "-]", style=styles[run.kind])
        elif run.kind in ("added", "moved_added"):
            line.append("{+" + text + "+}", style=styles[run.kind])
        else:
            line.append(text, style=styles.get(run.kind, ""))
    line.append("”")
    return line


def _fidelity_line(m: dict[str, Any]) -> Text:
    from rich.text import Text

    label = m.get("fidelity")
    line = Text()
    if label is None:
        return line
    line.append(str(label), style=FIDELITY_STYLES.get(str(label), ""))
    if m.get("coverage") is not None:
        line.append(f" · {round(float(m['coverage']) * 100)}% of the fullest wording", style="dim")
    from quotetrace.framing.diffview import edit_notes

    notes, quals = edit_notes(m.get("edits"))
    if notes:
        line.append(" · " + ", ".join(notes), style="dim")
    if quals:
        line.append(" · drops qualifier " + ", ".join(f"“{q}”" for q in dict.fromkeys(quals)), style="bold red")
    return line


def _attribution_line(m: dict[str, Any]) -> Text:
    from rich.text import Text

    line = Text()
    placement = m.get("placement")
    if placement:
        line.append(str(placement), style="bold" if placement in ("headline", "lede") else "dim")
        if m.get("paragraph") is not None:
            line.append(f", paragraph {int(m['paragraph']) + 1}", style="dim")
        line.append(" · ", style="dim")
    cls = m.get("cue_class")
    if m.get("cue") and m.get("attribution_in_sentence") is False:
        line.append(f"{m['cue']} (in an earlier sentence)", style="dim")
    elif m.get("cue"):
        cue = m.get("cue_phrase") or m["cue"]
        line.append(str(cue), style=("bold " + CUE_CLASS_STYLES.get(str(cls), "")).strip())
        if cls and cls != "neutral":
            line.append(f" ({cls})", style=CUE_CLASS_STYLES.get(str(cls), ""))
    else:
        line.append("(no cue verb)", style="dim")
    line.append(" · ", style="dim")
    printed = " ".join(str(m.get("speaker_mention") or m.get("speaker") or "?").split())
    line.append(printed, style="green")
    desc = m.get("descriptor")
    if desc and " ".join(str(desc).split()) not in printed:
        line.append(f" ({desc})", style="green dim")
    if m.get("speaker_disagrees") and m.get("consensus_speaker"):
        line.append(f" · this outlet: {m.get('speaker')}; other outlets: {m['consensus_speaker']}", style="bold yellow")
    return line


def _hedges_line(m: dict[str, Any]) -> Text | None:
    from rich.text import Text

    hedges = m.get("hedges") or []
    credits = [c for c in m.get("credits") or [] if not c.get("self")]
    if not hedges and not credits:
        return None
    line = Text()
    if hedges:
        line.append("hedges: ", style="dim")
        line.append(", ".join(f"“{h}”" for h in hedges), style="yellow")
    if credits:
        if hedges:
            line.append(" · ", style="dim")
        line.append("credits: ", style="dim")
        line.append(", ".join(f"“{c['phrase']}”" for c in credits), style="cyan")
    return line


def _mention_block(m: dict[str, Any], *, selected: bool = False, width: int | None = None) -> list[Text]:
    """One appearance: a header line (first mark, date, outlet, title), then attribution, hedges and credits,
    the sentence before (dim), the wording as a diff against the fullest wording, its fidelity, the sentence after."""
    from rich.text import Text

    width = width or _out().width
    art = m.get("article") or {}
    head = Text()
    if m.get("first"):
        head.append("★ first ", style="bold yellow")
    elif selected:
        head.append("▶ ", style="bold magenta")
    head.append(art.get("date") or "undated", style="bold" if art.get("date") else "dim")
    head.append("  ")
    head.append(art.get("outlet") or "unknown outlet", style="bold cyan")
    if art.get("title"):
        head.append("  " + " ".join(str(art["title"]).split()), style="bold")
    lines = [head, _attribution_line(m)]
    hedges = _hedges_line(m)
    if hedges is not None:
        lines.append(hedges)
    context_room = max(60, 2 * (width - 4) - 4)
    if m.get("context_before"):
        lines.append(Text("… " + shorten(m["context_before"], context_room), style="dim"))
    words = " ".join(str(m.get("quoted_text") or m.get("text") or "").split())
    raw = str(m.get("quoted_text") or m.get("text") or "")
    base = "bold" if selected or m.get("first") else ""
    if m.get("edits") is not None and raw:
        lines.append(wording_diff(raw, m.get("edits") or [], base_style=base, joints=m.get("joints") or ()))
    else:
        lines.append(Text("“") + Text(words, style=base) + Text("”"))
    fid = _fidelity_line(m)
    if fid.plain:
        lines.append(fid)
    sentence = m.get("sentence")
    if (sentence and words not in " ".join(sentence.split())) or (sentence and m.get("kind") == "mixed"):
        lines.append(Text("in: " + sentence, style="dim"))
    if m.get("context_after"):
        lines.append(Text(shorten(m["context_after"], context_room) + " …", style="dim"))
    return lines


def _cluster_header(detail: dict[str, Any]) -> list[Text]:
    from rich.text import Text

    head = Text()
    head.append(detail["id"], style="bold")
    head.append("  ")
    head.append(detail.get("speaker") or "unknown speaker", style="bold green" if detail.get("speaker") else "red")
    variants = detail.get("speaker_variants") or []
    if variants:
        head.append("  (also: " + "; ".join(variants) + ")", style="dim")
    lines = [head, Text("“" + str(detail.get("text") or "") + "”", style="bold")]
    if detail.get("misattributed"):
        who = Text("outlets attribute these words to different people: ", style="yellow")
        for i, a in enumerate(detail.get("attributions") or []):
            if i:
                who.append(" · ", style="dim")
            who.append(str(a.get("speaker")), style="bold green" if i == 0 else "green")
            who.append(" (" + ", ".join(a.get("outlets") or []) + ")", style="cyan")
        lines.append(who)
    fs = detail.get("first_seen") or {}
    facts = Text(style="dim")
    facts.append(
        f"{detail.get('outlet_count', 0)} outlet(s) · {detail.get('mention_count', 0)} mention(s) · first seen "
    )
    facts.append(fs.get("date") or "undated")
    if fs.get("outlet"):
        facts.append(" " + fs["outlet"])
    if fs.get("tied_with"):
        facts.append(" (tied with " + ", ".join(fs["tied_with"]) + ")", style="yellow")
    lines.append(facts)
    ref = (detail.get("framing") or {}).get("reference") or {}
    part_of = ref.get("part_of")
    if part_of:
        note = Text("part of a longer quote ", style="dim")
        note.append(str(part_of.get("id")), style="bold")
        if part_of.get("speaker"):
            note.append(f" ({part_of['speaker']})", style="green")
        note.append(": “" + shorten(str(part_of.get("text") or ""), 300) + "” — wordings are compared with it", "dim")
        lines.append(note)
    if ref.get("reconstructed"):
        note = Text("wording compared with the fullest one completed by words other outlets print inside it: ", "dim")
        note.append(", ".join(f"“{w}”" for w in ref.get("added") or []), style="green")
        lines.append(note)
    fid = (detail.get("framing") or {}).get("fidelity") or {}
    if any(fid.values()):
        counts = Text("wording: ", style="dim")
        parts = [(k, n) for k, n in fid.items() if n]
        for i, (k, n) in enumerate(parts):
            if i:
                counts.append(" · ", style="dim")
            counts.append(f"{n} {k}", style=FIDELITY_STYLES.get(k, ""))
        lines.append(counts)
    return lines


def _framing_footer(framing: dict[str, Any]) -> list[Text]:
    """Distinctive context terms per outlet, loaded variants and the credit chain (only those present)."""
    from rich.text import Text

    lines: list[Text] = []
    terms = {o: t for o, t in (framing.get("distinctive_terms") or {}).items() if t}
    if terms:
        z = framing.get("z_threshold", 1.96)
        lines.append(Text(f"Words around the quote that set an outlet apart (log-odds, z > {z}):", style="bold"))
        for outlet, found in terms.items():
            line = Text("  ")
            line.append(outlet, style="cyan")
            line.append(": " + ", ".join(f"{t['term']} ({t['z']:.1f})" for t in found))
            lines.append(line)
    variants = framing.get("loaded_variants") or []
    if variants:
        lines.append(Text("Loaded variants in these articles:", style="bold"))
        for v in variants:
            line = Text("  " + str(v.get("referent") or v.get("id")) + ": ")
            forms = v.get("forms") or {}
            for i, (form, outlets) in enumerate(forms.items()):
                if i:
                    line.append(" · ", style="dim")
                line.append(f"“{form}”", style="bold")
                line.append(" " + ", ".join(outlets), style="cyan")
            lines.append(line)
    chain = (framing.get("provenance") or {}).get("credit_chain") or []
    if chain:
        lines.append(Text("Credits:", style="bold"))
        for c in chain:
            line = Text("  ")
            line.append(str(c["from"]), style="cyan")
            line.append(" → ")
            line.append(str(c["to"]), style="cyan")
            line.append(f"  “{c['phrase']}”", style="dim")
            if c.get("to_in_cluster") and c.get("to_printed_no_later") is False:
                line.append("  (printed it later)", style="yellow")
            elif not c.get("to_in_cluster"):
                line.append("  (not in this index)", style="dim")
            lines.append(line)
    return lines


def _wrapped(lines: Sequence[Text], indent: int = 0) -> list[Text]:
    """Each line wrapped to the terminal width minus ``indent``, every wrapped line indented (no trailing pad)."""
    from rich.text import Text

    pad = " " * indent
    room = max(20, _out().width - indent)
    found: list[Text] = []
    for line in lines:
        if not line.plain:
            found.append(Text())
            continue
        for part in line.wrap(_out(), room):
            part.rstrip()
            found.append(Text(pad) + part if indent else part)
    return found


def _print_lines(lines: Sequence[Text]) -> None:
    """Lines already fitted to the width, in one print (each Console.print call costs a fraction of a ms)."""
    from rich.text import Text

    if lines:
        _out().print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)


def _print_indented(lines: Sequence[Text], indent: int = 4) -> None:
    """Each line wrapped to the terminal width minus ``indent``, every wrapped line indented (no trailing pad)."""
    _print_lines(_wrapped(lines, indent))


def cluster_view(detail: dict[str, Any], *, selected: str | None = None) -> None:
    """``show`` for a terminal: the quote, its speaker and variants, then every appearance in date order with
    its framing (cue class, descriptor, hedges, credits, wording diff), then what differs across outlets."""
    from rich.text import Text

    detail = _safe_detail(detail)
    lines = _wrapped(_cluster_header(detail))
    if detail.get("compare"):
        _print_lines(lines)
        lines = []
        _compare_view(detail, selected=selected)
    else:
        for m in detail.get("mentions") or []:
            head_line, *rest = _mention_block(m, selected=selected is not None and m.get("id") == selected)
            lines.append(Text())
            lines.extend(_wrapped([head_line]))
            lines.extend(_wrapped(rest, 4))
    footer = _framing_footer(detail.get("framing") or {})
    if footer:
        lines.append(Text())
        lines.extend(_wrapped(footer))
    _print_lines(lines)


def _safe_detail(detail: dict[str, Any]) -> dict[str, Any]:
    """``show``'s detail with every string cleaned, except the wordings a diff is drawn on (its edits hold offsets
    into them as stored; :func:`wording_diff` cleans each piece it prints)."""
    out: dict[str, Any] = safe(detail)
    for raw, done in zip(detail.get("mentions") or [], out.get("mentions") or [], strict=False):
        if raw.get("edits") is not None:
            for key in ("text", "quoted_text", "edits"):
                if key in raw:
                    done[key] = raw[key]
    return out


_COMPARE_LABELS = {
    "fidelity": "wording",
    "cue_classes": "cue classes",
    "cues": "cue verbs",
    "descriptors": "speaker described as",
    "hedges": "hedges",
    "credits": "credits",
    "placements": "placement",
}


def _compare_value(key: str, value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{n} {k}" for k, n in value.items() if n) or "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return "–" if value is None else str(value)


def _compare_view(detail: dict[str, Any], *, selected: str | None = None) -> None:
    """Two (or more) outlets side by side: one column each with its appearances, then the differing fields."""
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    compare = detail["compare"]
    outlets: list[str] = list(compare.get("outlets") or [])
    width = _out().width
    col = max(20, (width - 3 * (len(outlets) - 1)) // max(1, len(outlets)))
    t = Table(box=None, show_header=True, header_style="bold cyan", pad_edge=False, width=width, padding=(0, 3, 0, 0))
    for o in outlets:
        t.add_column(o, ratio=1, overflow="fold", vertical="top")
    cells: list[Any] = []
    for o in outlets:
        blocks: list[Text] = []
        for m in detail.get("mentions") or []:
            if (m.get("article") or {}).get("outlet") != o:
                continue
            if blocks:
                blocks.append(Text(""))
            blocks.extend(_mention_block(m, selected=selected is not None and m.get("id") == selected, width=col))
        cells.append(Group(*blocks) if blocks else Text("(not printed)", style="dim"))
    _out().print()
    t.add_row(*cells)
    _out().print(t)
    _out().print()
    first = compare.get("first") or []
    line = Text("printed first: ", style="bold")
    line.append(", ".join(first) if first else "unknown (undated)", style="yellow" if len(first) > 1 else "")
    if compare.get("tied"):
        line.append(" (same day)", style="yellow")
    _out().print(line)
    diffs = compare.get("differences") or {}
    if not diffs:
        _out().print(Text("no differences in wording, cue verb, descriptor, hedges, credits or placement", style="dim"))
        return
    d = Table(box=None, show_header=True, header_style="dim", pad_edge=False, width=width)
    d.add_column("differs", style="bold", no_wrap=True)
    for o in outlets:
        d.add_column(o, ratio=1, overflow="fold")
    for key, values in diffs.items():
        d.add_row(_COMPARE_LABELS.get(key, key), *[escape(_compare_value(key, values.get(o))) for o in outlets])
    _out().print(d)


def trace_header(detail: dict[str, Any]) -> None:
    from rich.text import Text

    detail = safe(detail)
    _err().print(
        Text(f"best match for “{detail.get('query')}”: {detail['id']} (score {detail.get('match_score')})", style="dim")
    )
    alts = detail.get("alternatives") or []
    if alts:
        _err().print(
            Text("other candidates: " + ", ".join(f"{a['id']} ({a['match_score']})" for a in alts[:5]), style="dim")
        )


def mentions_table(records: Iterable[dict[str, Any]]) -> int:
    """``export --format table``: one row per mention. Returns the number of rows."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    width = _out().width
    t = Table(box=None, show_header=True, header_style="dim", pad_edge=False, width=width)
    t.add_column("quote id", style="bold", no_wrap=True)
    t.add_column("date", no_wrap=True)
    t.add_column("outlet", style="cyan", no_wrap=True, overflow="ellipsis", max_width=max(8, width // 7))
    t.add_column("speaker", style="green", no_wrap=True, overflow="ellipsis", max_width=max(8, width // 6))
    t.add_column("quote", no_wrap=True, overflow="ellipsis", ratio=1, min_width=10)
    n = 0
    for d in map(safe, records):
        art = d.get("article") or {}
        t.add_row(
            d.get("cluster_id") or "",
            art.get("date") or "",
            escape(art.get("outlet") or ""),
            escape(d.get("speaker") or "?"),
            Text("“" + " ".join(str(d.get("text") or "").split()) + "”"),
        )
        n += 1
    if n:
        _out().print(t)
    return n


def _grid(
    header: Sequence[str], rows: Sequence[Sequence[Any]], details: Sequence[Text | None], name_style: str
) -> None:
    """Rows laid out by hand: a name column, right-aligned numbers, a last column taking the room left (cut with
    an ellipsis), and under a row an indented detail line when it has one (wrapped, never a cramped column)."""
    from rich.cells import cell_len
    from rich.text import Text

    width = _out().width
    sep = "  "
    n_num = len(header) - 2
    names = [str(r[0]) for r in rows]
    nums = [[str(x) for x in r[1 : 1 + n_num]] for r in rows]
    w_name = min(max([cell_len(header[0]), *map(cell_len, names)]), max(12, width // 3))
    w_nums = [max([len(header[1 + i]), *(len(n[i]) for n in nums)]) for i in range(n_num)]
    used = w_name + sum(w + len(sep) for w in w_nums) + len(sep)
    w_last = max(10, width - used)
    head = Text(_fit(header[0], w_name).ljust(w_name), style="dim")
    for i, w in enumerate(w_nums):
        head.append(sep + header[1 + i].rjust(w), style="dim")
    head.append(sep + header[-1], style="dim")
    _out().print(head, no_wrap=True, overflow="ignore", crop=False)
    for r, num, detail in zip(rows, nums, details, strict=True):
        line = Text()
        name = _fit(str(r[0]), w_name)
        line.append(name + " " * (w_name - cell_len(name)), style=name_style)
        for i, w in enumerate(w_nums):
            line.append(sep + num[i].rjust(w))
        last = r[-1] if isinstance(r[-1], Text) else Text(str(r[-1]))
        last.truncate(w_last, overflow="ellipsis")
        line.append(sep)
        line.append_text(last)
        line.rstrip()
        _out().print(line, no_wrap=True, overflow="ignore", crop=False)
        if detail is not None and detail.plain:
            _print_indented([detail], 4)


def _described_as(descriptors: dict[str, list[dict[str, Any]]], limit: int = 3) -> Text:
    """The most printed descriptors of a speaker, each with the outlets printing it."""
    from rich.text import Text

    by_desc: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    for outlet, found in descriptors.items():
        for d in found:
            by_desc.setdefault(d["descriptor"], []).append(outlet)
            totals[d["descriptor"]] = totals.get(d["descriptor"], 0) + int(d["count"])
    line = Text()
    for i, desc in enumerate(sorted(by_desc, key=lambda k: (-totals[k], k))[:limit]):
        line.append("; " if i else "described as ", style="dim" if not i else "")
        line.append(f"“{desc}”", style="green")
        line.append(" (" + ", ".join(by_desc[desc]) + ")", style="cyan")
    return line


def speakers_table(items: Sequence[dict[str, Any]]) -> None:
    """``speakers``: counts and the outlets quoting each speaker most; under each, how outlets describe them."""
    from rich.text import Text

    rows = []
    details: list[Text | None] = []
    for d in safe(items):
        most = Text(", ".join(f"{o['outlet']} {o['cluster_count']}" for o in (d.get("outlets") or [])[:4]))
        rows.append((d["speaker"], d["cluster_count"], d["mention_count"], d["outlet_count"], d["article_count"], most))
        detail = _described_as(d.get("descriptors") or {}) if d.get("descriptors") else None
        others = [n for n in d.get("spellings") or [] if n != d["speaker"]]
        if d.get("unnamed"):
            note = Text("unnamed source: described, never named", style="dim")
            detail = note if detail is None else Text.assemble(note, "\n", detail)
        if others:
            also = Text("also printed as: " + "; ".join(others), style="dim")
            detail = also if detail is None else Text.assemble(also, "\n", detail)
        details.append(detail)
    _grid(("speaker", "quotes", "mentions", "outlets", "articles", "quoted most by"), rows, details, "green")


def _shares(counts: dict[str, int] | None, keys: Sequence[str], styles: dict[str, str], limit: int = 3) -> Text:
    """``neutral 82% · doubting 6%``: the largest shares of ``counts`` over ``keys``."""
    from rich.text import Text

    line = Text()
    if not counts:
        return line
    total = sum(counts.get(k, 0) for k in keys)
    if not total:
        return Text("–", style="dim")
    ranked = sorted((k for k in keys if counts.get(k)), key=lambda k: -counts[k])[:limit]
    for i, k in enumerate(ranked):
        if i:
            line.append(" · ", style="dim")
        share = 100 * counts[k] / total
        line.append(k, style=styles.get(k, ""))
        line.append(f" {share:.0f}%" if share >= 0.5 else " <1%")
    return line


_CUE_KEYS = ("neutral", "endorsing", "doubting", "conceding", "combative", "emotive", "other")


def outlets_table(items: Sequence[dict[str, Any]]) -> None:
    """``outlets``: counts and top speakers; under each outlet (when computed) the shares of its cue-verb classes
    and how many of its quotes it printed full, as fragments or altered."""
    from rich.text import Text

    rows = []
    details: list[Text | None] = []
    for d in safe(items):
        tops = ", ".join(f"{s['speaker']} ({s['cluster_count']})" for s in d.get("top_speakers") or [])
        rows.append((d["outlet"] or "(unknown)", d["article_count"], d["mention_count"], d["cluster_count"], tops))
        if d.get("cue_classes") is None and d.get("fidelity") is None:
            details.append(None)
            continue
        detail = Text("cue verbs ", style="dim")
        detail.append_text(_shares(d.get("cue_classes"), _CUE_KEYS, CUE_CLASS_STYLES, 4))
        if d.get("fidelity") is not None:
            detail.append(" · wording ", style="dim")
            detail.append_text(_shares(d.get("fidelity"), ("full", "fragment", "altered"), FIDELITY_STYLES))
        details.append(detail)
    _grid(("outlet", "articles", "mentions", "quotes", "top speakers"), rows, details, "cyan")


def stats_table(stats: dict[str, Any]) -> None:
    """``db stats`` as aligned ``key  value`` lines."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(box=None, show_header=False, pad_edge=False)
    t.add_column("key", style="dim", no_wrap=True)
    t.add_column("value", overflow="fold")
    for k, v in safe(stats).items():
        if isinstance(v, dict):
            v = ", ".join(f"{kk} {vv}" for kk, vv in v.items())
        t.add_row(k.replace("_", " "), escape("" if v is None else str(v)))
    _out().print(t)


def ingest_summary(report: dict[str, Any], db_path: str) -> None:
    """The end-of-ingest summary on stderr: read, stored, skipped (and why), mentions, clusters."""
    from rich.text import Text

    db_path = clean(db_path)
    sk = report.get("skipped") or {}
    why = [
        f"{n} {label}"
        for label, n in (
            ("unchanged", sk.get("unchanged", 0)),
            ("metadata-only update", sk.get("metadata_only", 0)),
            ("duplicate id", sk.get("duplicate", 0)),
            ("unreadable", sk.get("unreadable", 0)),
        )
        if n
    ]
    skipped = sum(int(v) for v in sk.values())
    line = Text()
    line.append("interrupted: " if report.get("interrupted") else "ingested: ", style="bold")
    line.append(f"{report.get('read', 0)} article(s) read, {report.get('stored', 0)} stored")
    if report.get("changed"):
        line.append(f" ({report['new']} new, {report['changed']} changed)")
    line.append(f", {skipped} skipped")
    if why:
        line.append(" (" + ", ".join(why) + ")")
    line.append(f"; {report.get('mentions', 0)} mention(s) stored")
    line.append(f"; {report.get('clusters_touched', 0)} quote cluster(s) added or updated")
    _err().print(line)
    _err().print(
        Text(
            f"index {db_path}: {report.get('articles_total', 0)} article(s), {report.get('clusters_total', 0)} quote(s)"
            f" · {report.get('seconds', 0):.1f}s",
            style="dim",
        )
    )


# ---------------------------------------------------------------------------- paraphrases


def paraphrase_view(links: Sequence[dict[str, Any]], *, limit: int = 8) -> None:
    """The statements elsewhere that say the same in other words (linked, never merged)."""
    from rich.text import Text

    if not links:
        return
    links = safe(links)
    _out().print()
    _out().print(Text(f"Paraphrased elsewhere ({len(links)})", style="bold"))
    for link in links[:limit]:
        line = Text("  ")
        line.append(f"{link['similarity']:.2f} ", style="cyan")
        line.append(link["id"], style="bold")
        seen = link.get("first_seen") or {}
        where = " · ".join(x for x in (seen.get("outlet"), seen.get("date")) if x)
        if where:
            line.append(f"  {where}", style="dim")
        _out().print(line)
        marks = ("“", "”") if link.get("kind") != "indirect" else ("", "")
        _out().print(Text("    " + marks[0] + shorten(link["text"], max(20, _out().width - 8)) + marks[1]))
    if len(links) > limit:
        _out().print(Text(f"  … {len(links) - limit} more (--json lists them all)", style="dim"))
