"""What the report's pages show, as plain data for the templates: the timeline and bar-chart geometry, the
wording diff runs, safe source links and page file names. Pure functions over the read views' dicts (the
``show``, ``speakers`` and ``outlets`` objects); nothing here reads the index or writes HTML."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from quotetrace.framing.diffview import diff_runs, edit_notes
from quotetrace.text.sanitise import clean

__all__ = [
    "anchor",
    "appearance_view",
    "bar_chart",
    "page_name",
    "safe_url",
    "shorten",
    "someone_else",
    "timeline",
]

# ------------------------------------------------------------------------------------------ names and links

# lowercase only: two names must never share a file on a case-insensitive disk
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")


def page_name(key: str) -> str:
    """A file name (no extension) for a quote id, speaker or outlet: readable ASCII and, unless ``key`` is
    already a plain id, a short hash so two names that read alike ("José"/"Jose") never share a page."""
    if _SAFE_ID.match(key):
        return key
    folded = unicodedata.normalize("NFKD", clean(key)).encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:48] or "x"
    return f"{stem}-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def safe_url(url: Any) -> str | None:
    """The url when it is an absolute http(s) address (the only links a report makes to a source), else None:
    ``javascript:``, ``data:``, relative and malformed addresses are never linked."""
    if not isinstance(url, str):
        return None
    text = clean(url).strip()
    if not text or any(c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def day_of(date: Any) -> int | None:
    """Days since year 1 of an ISO date (its first ten characters); None when absent or malformed."""
    if not isinstance(date, str) or len(date) < 10:
        return None
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------------- timeline

# user units; on a phone the drawing is scaled to the screen and its text and marks enlarged by the stylesheet
TL_LABEL_X = 8  # outlet names sit above their row
TL_PLOT_X0 = 24
TL_PLOT_X1 = 540
TL_UNDATED_X0 = 580  # the undated column, set apart by a rule
TL_WIDTH = 640
TL_ROW_H = 52
TL_LABEL_DY = 18  # baseline of a row's name below the row's top
TL_MARK_DY = 36  # the row's line below its top
TL_TOP = 4
TL_AXIS_H = 44
TL_MIN_GAP = 16  # marks of one outlet closer than this are nudged right so each stays visible
TL_LABEL_CHARS = 40


def shorten(text: str, n: int) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def timeline(mentions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The geometry of a quote's timeline: one row per outlet (in the order of its first appearance), one mark
    per appearance at its date (x scaled between the first and last date), marks of the first appearance(s)
    flagged, undated appearances in a column of their own to the right. ``mentions`` are the ``show`` mentions
    in date order (each with ``article.date``, ``article.outlet``, ``id``, ``first``)."""
    rows: dict[str, int] = {}
    for m in mentions:
        outlet = str((m.get("article") or {}).get("outlet") or "unknown outlet")
        rows.setdefault(outlet, len(rows))
    days = [day_of((m.get("article") or {}).get("date")) for m in mentions]
    known = [d for d in days if d is not None]
    lo, hi = (min(known), max(known)) if known else (0, 0)
    span = max(hi - lo, 1)
    has_undated = any(d is None for d in days)
    plot_x1 = TL_PLOT_X1 if has_undated else TL_WIDTH - 24

    def x_of(day: int) -> float:
        if hi == lo:
            return (TL_PLOT_X0 + plot_x1) / 2
        return TL_PLOT_X0 + (day - lo) / span * (plot_x1 - TL_PLOT_X0)

    # dated marks first: the undated column starts right of the last of them (nudged marks may pass plot_x1)
    xs: list[float] = [0.0] * len(mentions)
    last_x: dict[tuple[str, bool], float] = {}
    for dated_pass in (True, False):
        undated_x = max([TL_UNDATED_X0, *(x + 2 * TL_MIN_GAP for x, d in zip(xs, days, strict=True) if d is not None)])
        for i, (m, day) in enumerate(zip(mentions, days, strict=True)):
            if (day is not None) != dated_pass:
                continue
            outlet = str((m.get("article") or {}).get("outlet") or "unknown outlet")
            x = x_of(day) if day is not None else undated_x + 24
            prev = last_x.get((outlet, dated_pass))
            if prev is not None and x < prev + TL_MIN_GAP:
                x = prev + TL_MIN_GAP
            last_x[(outlet, dated_pass)] = x
            xs[i] = x
    marks = []
    for m, day, x in zip(mentions, days, xs, strict=True):
        art = m.get("article") or {}
        outlet = str(art.get("outlet") or "unknown outlet")
        dated = day is not None
        row = rows[outlet]
        date = art.get("date")
        label = f"{outlet}, {date[:10] if isinstance(date, str) and dated else 'undated'}"
        if m.get("first"):
            label += " — first appearance"
        marks.append(
            {
                "x": round(x, 1),
                "y": TL_TOP + row * TL_ROW_H + TL_MARK_DY,
                "first": bool(m.get("first")),
                "dated": dated,
                "date": date[:10] if isinstance(date, str) and dated else "",
                "mention_id": str(m.get("id") or ""),
                "anchor": anchor(m.get("id")),
                "label": label,
                "fidelity": m.get("fidelity"),
            }
        )
    height = TL_TOP + max(len(rows), 1) * TL_ROW_H + TL_AXIS_H
    ticks = []
    if known:
        points = [lo] if hi == lo else [lo, lo + (hi - lo) // 2, hi] if hi - lo >= 2 else [lo, hi]
        for d in points:
            ticks.append({"x": round(x_of(d), 1), "label": datetime.date.fromordinal(d).isoformat()})
    width = max(TL_WIDTH, int(max(xs, default=0.0) + 20))
    return {
        "width": width,
        "height": height,
        "rows": [
            {
                "label": shorten(o, TL_LABEL_CHARS),
                "full": o,
                "y": TL_TOP + i * TL_ROW_H + TL_MARK_DY,
                "label_y": TL_TOP + i * TL_ROW_H + TL_LABEL_DY,
            }
            for o, i in rows.items()
        ],
        "marks": marks,
        "ticks": ticks,
        "axis_y": TL_TOP + len(rows) * TL_ROW_H + 8,
        "plot_x0": TL_PLOT_X0,
        "plot_x1": plot_x1,
        "label_x": TL_LABEL_X,
        "undated": has_undated,
        "undated_x": undated_x if has_undated else None,
        "dated_count": len(known),
        "undated_count": len(days) - len(known),
        "first_date": datetime.date.fromordinal(lo).isoformat() if known else None,
        "last_date": datetime.date.fromordinal(hi).isoformat() if known else None,
    }


def anchor(mention_id: Any) -> str:
    """The fragment id of an appearance on its quote page."""
    return "a-" + page_name(str(mention_id or "x"))


# -------------------------------------------------------------------------------------------- appearances


def appearance_view(m: Mapping[str, Any], cluster_speaker: str | None) -> dict[str, Any]:
    """One appearance as its quote page shows it: the ``show`` mention plus the diff runs of its wording against
    the fullest one, the notes on its edits, a safe source link and whether the outlet credits the words to
    someone other than the quote's speaker."""
    art = m.get("article") or {}
    raw = str(m.get("quoted_text") or m.get("text") or "")
    edits = m.get("edits")
    runs = diff_runs(raw, edits or [], joints=m.get("joints") or ()) if edits is not None and raw else None
    notes, qualifiers = edit_notes(edits)
    words = " ".join(raw.split())
    sentence = m.get("sentence")
    show_sentence = bool(sentence) and (words not in " ".join(str(sentence).split()) or m.get("kind") == "mixed")
    credits = [c for c in m.get("credits") or [] if isinstance(c, Mapping) and not c.get("self")]
    return {
        "m": m,
        "article": art,
        "anchor": anchor(m.get("id")),
        "url": safe_url(art.get("url")),
        "runs": runs,
        "words": words,
        "notes": notes,
        "qualifiers": qualifiers,
        "coverage_pct": round(float(m["coverage"]) * 100) if isinstance(m.get("coverage"), (int, float)) else None,
        "credits": credits,
        "show_sentence": show_sentence,
        "other_speaker": other_speaker(m.get("speaker"), cluster_speaker),
        "paragraph": int(m["paragraph"]) + 1 if isinstance(m.get("paragraph"), int) else None,
    }


def other_speaker(speaker: Any, cluster_speaker: str | None) -> str | None:
    """The name this appearance credits the words to, when it is someone other than the quote's speaker (not
    merely another spelling of the same person, by :func:`quotetrace.people.same_person`); else None."""
    if not isinstance(speaker, str) or not speaker or not cluster_speaker or speaker == cluster_speaker:
        return None
    from quotetrace.people import same_person

    return None if same_person(speaker, cluster_speaker) else speaker


def someone_else(views: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Outlets that attribute the quote's words to someone else: one row per (outlet, name), first appearance."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for v in views:
        name = v.get("other_speaker")
        if not name:
            continue
        outlet = str((v.get("article") or {}).get("outlet") or "unknown outlet")
        key = (outlet, name)
        if key not in seen:
            seen[key] = {"outlet": outlet, "speaker": name, "anchor": v["anchor"], "date": v["article"].get("date")}
    return list(seen.values())


# ------------------------------------------------------------------------------------------------- charts

BAR_LABEL_W = 150
BAR_W = 240
BAR_H = 18
BAR_GAP = 6
BAR_VALUE_W = 70


def bar_chart(title: str, items: Sequence[tuple[str, int | float]], *, unit: str = "", key: str = "") -> dict[str, Any]:
    """A small horizontal bar chart: one bar per (label, value), widths scaled to the largest value; the title
    and a one-line description (every value in words) for screen readers."""
    top = max((float(v) for _, v in items), default=0.0)
    bars = []
    for i, (label, value) in enumerate(items):
        w = 0.0 if top <= 0 else float(value) / top * BAR_W
        bars.append(
            {
                "label": shorten(str(label), 22),
                "full": str(label),
                "value": value,
                "y": i * (BAR_H + BAR_GAP),
                "w": round(max(w, 1.0 if value else 0.0), 1),
                "cls": re.sub(r"[^a-z0-9_-]", "", str(label).lower().replace(" ", "_")),
            }
        )
    desc = "; ".join(f"{b['full']}: {b['value']}{unit}" for b in bars) or "no data"
    return {
        "id": key or page_name(title),
        "title": title,
        "desc": desc,
        "bars": bars,
        "width": BAR_LABEL_W + BAR_W + BAR_VALUE_W,
        "height": max(len(bars), 1) * (BAR_H + BAR_GAP),
        "label_w": BAR_LABEL_W,
        "bar_h": BAR_H,
        "unit": unit,
    }
