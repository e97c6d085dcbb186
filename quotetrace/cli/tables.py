"""Tables on stdout for a terminal: ``extract``, ``list``, ``export``, ``speakers``, ``outlets`` and ``db stats``,
fitted to the terminal's width (long cells cut with an ellipsis, wide characters counted)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from quotetrace.cli.console import (
    CUE_CLASS_STYLES,
    FIDELITY_STYLES,
    out_console,
    outlet_count_cell,
    print_indented,
    safe,
)
from quotetrace.text.sanitise import clean

if TYPE_CHECKING:
    from rich.text import Text

    from quotetrace.models import Article, Mention


def extract_table(results: Iterable[tuple[Article, list[Mention]]]) -> int:
    """One table per article (outlet, title), rows: speaker, cue, quote. Returns the number of mentions shown."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    n = 0
    width = out_console().width
    for art, mentions in results:
        art = art.with_updates(outlet=clean(art.outlet), title=clean(art.title), id=clean(art.id), date=clean(art.date))
        head = Text()
        head.append(art.outlet or "unknown outlet", style="bold cyan")
        if art.date:
            head.append(f"  {art.date}", style="dim")
        head.append("  " + (art.title or art.id), style="bold")
        out_console().print(head)
        if not mentions:
            out_console().print(Text("  no quotations found", style="dim"))
            out_console().print()
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
        out_console().print(t)
        out_console().print()
    return n


def fit(text: str, width: int) -> str:
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
    width = out_console().width
    gap = 2
    ids = [str(d["id"]) for d in items]
    speakers = [str(d.get("speaker") or "?") for d in items]
    outs = [outlet_count_cell(d) for d in items]
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
        sp = fit(speakers[i], w_sp)
        line.append(sp + " " * (w_sp - cell_len(sp)), style="green" if d.get("speaker") else "red")
        line.append(sep)
        line.append(kinds[i].ljust(w_kind), style="dim")
        line.append(sep)
        words = " ".join(str(d.get("text") or "").split())
        # reported speech is the outlet's paraphrase: never shown in quotation marks as if verbatim
        quote = fit(words if kinds[i] == "indirect" else "“" + words + "”", w_quote)
        line.append(quote + " " * (w_quote - cell_len(quote)))
        line.append(sep + outs[i].rjust(w_out) + sep + mens[i].rjust(w_men))
        if show_first:
            fs = d.get("first_seen") or {}
            first = fit(firsts[i], w_first)
            date_part = (fs.get("date") or "undated")[: len(first)]
            line.append(sep)
            line.append(date_part, style="" if fs.get("date") else "dim")
            line.append(first[len(date_part) :], style="cyan")
        line.rstrip()
        lines.append(line)
    out_console().print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)


def mentions_table(records: Iterable[dict[str, Any]]) -> int:
    """``export --format table``: one row per mention. Returns the number of rows."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    width = out_console().width
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
        out_console().print(t)
    return n


def _grid(
    header: Sequence[str], rows: Sequence[Sequence[Any]], details: Sequence[Text | None], name_style: str
) -> None:
    """Rows laid out by hand: a name column, right-aligned numbers, a last column taking the room left (cut with
    an ellipsis), and under a row an indented detail line when it has one (wrapped, never a cramped column)."""
    from rich.cells import cell_len
    from rich.text import Text

    width = out_console().width
    sep = "  "
    n_num = len(header) - 2
    names = [str(r[0]) for r in rows]
    nums = [[str(x) for x in r[1 : 1 + n_num]] for r in rows]
    w_name = min(max([cell_len(header[0]), *map(cell_len, names)]), max(12, width // 3))
    w_nums = [max([len(header[1 + i]), *(len(n[i]) for n in nums)]) for i in range(n_num)]
    used = w_name + sum(w + len(sep) for w in w_nums) + len(sep)
    w_last = max(10, width - used)
    head = Text(fit(header[0], w_name).ljust(w_name), style="dim")
    for i, w in enumerate(w_nums):
        head.append(sep + header[1 + i].rjust(w), style="dim")
    head.append(sep + header[-1], style="dim")
    out_console().print(head, no_wrap=True, overflow="ignore", crop=False)
    for r, num, detail in zip(rows, nums, details, strict=True):
        line = Text()
        name = fit(str(r[0]), w_name)
        line.append(name + " " * (w_name - cell_len(name)), style=name_style)
        for i, w in enumerate(w_nums):
            line.append(sep + num[i].rjust(w))
        last = r[-1] if isinstance(r[-1], Text) else Text(str(r[-1]))
        last.truncate(w_last, overflow="ellipsis")
        line.append(sep)
        line.append_text(last)
        line.rstrip()
        out_console().print(line, no_wrap=True, overflow="ignore", crop=False)
        if detail is not None and detail.plain:
            print_indented([detail], 4)


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
        # "(unknown outlet)" is already in parentheses: not "((unknown outlet))"
        names = [o[1:-1] if o.startswith("(") and o.endswith(")") else o for o in by_desc[desc]]
        line.append(" (" + ", ".join(names) + ")", style="cyan")
    return line


def speakers_table(items: Sequence[dict[str, Any]]) -> None:
    """``speakers``: counts and the outlets quoting each speaker most; under each, how outlets describe them."""
    from rich.text import Text

    rows = []
    details: list[Text | None] = []
    for d in safe(items):
        most = Text(", ".join(f"{o['outlet']} {o['cluster_count']}" for o in (d.get("outlets") or [])[:4]))
        rows.append(
            (d["speaker"], d["cluster_count"], d["mention_count"], outlet_count_cell(d), d["article_count"], most)
        )
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
    out_console().print(t)
