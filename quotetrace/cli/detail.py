"""``show`` and ``trace`` on a terminal: one quote, its speaker and every appearance in date order with its framing
(cue class, descriptor, hedges, credits, the wording as a diff against the fullest wording), what differs across
outlets, two outlets side by side, and the paraphrases linked to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quotetrace.cli.console import (
    CUE_CLASS_STYLES,
    FIDELITY_STYLES,
    err_console,
    out_console,
    outlet_count_cell,
    print_lines,
    safe,
    shorten,
    wrapped,
)
from quotetrace.text.sanitise import clean

if TYPE_CHECKING:
    from rich.text import Text

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
    quoted: bool = True,
) -> Text:
    """The wording as printed with each change from the fullest wording marked: ``[-cut-]`` and ``{+added+}``
    (readable without colour), struck through in red and underlined in green on a colour terminal; cosmetic
    changes in italics, separately quoted pieces as ``“X” … “Y”`` (no marks around reported speech,
    ``quoted=False``). The runs are those of
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
    line = Text("“" if quoted else "")
    for run in diff_runs(variant, edits, joints=joints):
        text = clean(run.text)  # the runs are the wording as stored: each printed piece is cleaned
        if run.kind in ("cut", "moved_cut"):
            line.append("[-" + text + "-]", style=styles[run.kind])
        elif run.kind in ("added", "moved_added"):
            line.append("{+" + text + "+}", style=styles[run.kind])
        else:
            line.append(text, style=styles.get(run.kind, ""))
    if quoted:
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

    width = width or out_console().width
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
        lines.append(
            wording_diff(
                raw,
                m.get("edits") or [],
                base_style=base,
                joints=m.get("joints") or (),
                quoted=m.get("kind") != "indirect",  # reported speech: the outlet's words, not a quotation
            )
        )
    elif m.get("kind") == "indirect":
        lines.append(Text(words, style=base))  # reported speech: the outlet's words, never shown as a quotation
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
    if detail.get("kind") == "indirect":
        # a statement cluster holds reported speech: the outlets' paraphrase, never shown as a quotation
        said = Text(str(detail.get("text") or ""), style="bold")
        said.append("  (reported speech)", style="dim")
    else:
        said = Text("“" + str(detail.get("text") or "") + "”", style="bold")
    lines = [head, said]
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
        ("no known outlet" if outlet_count_cell(detail) == "–" else f"{detail.get('outlet_count', 0)} outlet(s)")
        + f" · {detail.get('mention_count', 0)} mention(s) · first seen "
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


def cluster_view(detail: dict[str, Any], *, selected: str | None = None) -> None:
    """``show`` for a terminal: the quote, its speaker and variants, then every appearance in date order with
    its framing (cue class, descriptor, hedges, credits, wording diff), then what differs across outlets."""
    from rich.text import Text

    detail = _safe_detail(detail)
    lines = wrapped(_cluster_header(detail))
    if detail.get("compare"):
        print_lines(lines)
        lines = []
        _compare_view(detail, selected=selected)
    else:
        for m in detail.get("mentions") or []:
            head_line, *rest = _mention_block(m, selected=selected is not None and m.get("id") == selected)
            lines.append(Text())
            lines.extend(wrapped([head_line]))
            lines.extend(wrapped(rest, 4))
    footer = _framing_footer(detail.get("framing") or {})
    if footer:
        lines.append(Text())
        lines.extend(wrapped(footer))
    print_lines(lines)


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
    width = out_console().width
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
    out_console().print()
    t.add_row(*cells)
    out_console().print(t)
    out_console().print()
    first = compare.get("first") or []
    line = Text("printed first: ", style="bold")
    line.append(", ".join(first) if first else "unknown (undated)", style="yellow" if len(first) > 1 else "")
    if compare.get("tied"):
        line.append(" (same day)", style="yellow")
    out_console().print(line)
    diffs = compare.get("differences") or {}
    if not diffs:
        out_console().print(
            Text("no differences in wording, cue verb, descriptor, hedges, credits or placement", style="dim")
        )
        return
    d = Table(box=None, show_header=True, header_style="dim", pad_edge=False, width=width)
    d.add_column("differs", style="bold", no_wrap=True)
    for o in outlets:
        d.add_column(o, ratio=1, overflow="fold")
    for key, values in diffs.items():
        d.add_row(_COMPARE_LABELS.get(key, key), *[escape(_compare_value(key, values.get(o))) for o in outlets])
    out_console().print(d)


def trace_header(detail: dict[str, Any]) -> None:
    from rich.text import Text

    detail = safe(detail)
    err_console().print(
        Text(f"best match for “{detail.get('query')}”: {detail['id']} (score {detail.get('match_score')})", style="dim")
    )
    alts = detail.get("alternatives") or []
    if alts:
        err_console().print(
            Text("other candidates: " + ", ".join(f"{a['id']} ({a['match_score']})" for a in alts[:5]), style="dim")
        )


def paraphrase_view(links: Sequence[dict[str, Any]], *, limit: int = 8) -> None:
    """The statements elsewhere that say the same in other words (linked, never merged)."""
    from rich.text import Text

    if not links:
        return
    links = safe(links)
    out_console().print()
    out_console().print(Text(f"Paraphrased elsewhere ({len(links)})", style="bold"))
    for link in links[:limit]:
        line = Text("  ")
        line.append(f"{link['similarity']:.2f} ", style="cyan")
        line.append(link["id"], style="bold")
        seen = link.get("first_seen") or {}
        where = " · ".join(x for x in (seen.get("outlet"), seen.get("date")) if x)
        if where:
            line.append(f"  {where}", style="dim")
        out_console().print(line)
        marks = ("“", "”") if link.get("kind") != "indirect" else ("", "")
        out_console().print(
            Text("    " + marks[0] + shorten(link["text"], max(20, out_console().width - 8)) + marks[1])
        )
    if len(links) > limit:
        out_console().print(Text(f"  … {len(links) - limit} more (--json lists them all)", style="dim"))
