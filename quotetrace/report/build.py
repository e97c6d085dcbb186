"""Building the static report: read the index through the read views (``list``, ``show``, ``speakers``,
``outlets``), turn them into page data and write the HTML pages and their assets into a folder.

Everything printed on a page goes through Jinja2's autoescaping and, before that, through
:func:`quotetrace.text.sanitise.clean` (the ``finalize`` hook: every value a template prints), so article text
can neither add markup nor smuggle control characters into a page. The pages load nothing but their own
stylesheet and script, and say so in a Content-Security-Policy.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from quotetrace import __version__
from quotetrace.errors import QuotetraceError
from quotetrace.store import ClusterQuery, ClusterSummary, Store
from quotetrace.text.sanitise import clean

from . import views

__all__ = ["MARKER", "ReportError", "ReportResult", "build_report"]

MARKER = ".quotetrace-report"  # a folder holding this file is a report quotetrace may overwrite
ASSETS = ("report.css", "report.js")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
CUE_KEYS = ("neutral", "endorsing", "doubting", "conceding", "combative", "emotive", "other", "no_cue")
FIDELITY_KEYS = ("full", "fragment", "altered")
SUBDIRS = ("quotes", "speakers", "outlets", "assets")


class ReportError(QuotetraceError):
    """The report cannot be written where asked (a folder that is not a report, an unwritable path)."""


@dataclass
class ReportResult:
    """What a build wrote."""

    out_dir: Path
    quotes: int = 0
    speakers: int = 0
    outlets: int = 0
    pages: int = 0
    bytes: int = 0
    largest_page: tuple[str, int] = ("", 0)
    seconds: float = 0.0
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "index": str(self.index),
            "quotes": self.quotes,
            "speakers": self.speakers,
            "outlets": self.outlets,
            "pages": self.pages,
            "bytes": self.bytes,
            "largest_page": {"path": self.largest_page[0], "bytes": self.largest_page[1]},
            "seconds": round(self.seconds, 3),
        }


# ------------------------------------------------------------------------------------------------- jinja


def _finalize(value: Any) -> Any:
    """Every value a template prints: strings lose control characters and escape sequences (then autoescape
    makes them HTML text); ``None`` prints as nothing; anything else as itself."""
    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return clean(value)
    return value


def environment() -> Any:
    """The Jinja2 environment of the report's templates (package data): autoescape on for every template."""
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quotetrace.report", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.ChainableUndefined,  # a field the index does not have yet reads as empty
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = _pct
    env.filters["quoted"] = _quoted
    env.filters["page"] = views.page_name
    env.filters["short"] = views.shorten
    env.globals["csp"] = markupsafe.Markup(CSP)  # a constant of ours: its quotes need no escaping
    env.globals["version"] = __version__
    return env


_QUOTE_MARKS = "\"'“”‘’«»„"


def _quoted(value: Any) -> str:
    """Words in curly quotes, unless they already carry quotation marks of their own (scare quotes as printed)."""
    text = "" if value is None else str(value)
    return text if text[:1] in _QUOTE_MARKS and text[-1:] in _QUOTE_MARKS else f"“{text}”"


def _pct(value: Any) -> str:
    return f"{round(float(value) * 100)}%" if isinstance(value, (int, float)) else ""


# --------------------------------------------------------------------------------------------- the build


def _prepare(out_dir: Path) -> None:
    """Make ``out_dir`` ready: a new or empty folder, or a report written before (its pages are replaced).
    Anything else is refused rather than overwritten."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"cannot write the report to {out_dir}: it is a file", hint="give a folder with -o DIR")
    if out_dir.is_dir():
        entries = list(out_dir.iterdir())
        if entries and not (out_dir / MARKER).exists():
            raise ReportError(
                f"{out_dir} is not empty and holds no quotetrace report; refusing to write into it",
                hint="give a new or empty folder with -o DIR",
            )
        for sub in SUBDIRS:
            target = out_dir / sub
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for sub in SUBDIRS:
            (out_dir / sub).mkdir(exist_ok=True)
        (out_dir / MARKER).write_text(f"written by quotetrace {__version__}\n", encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"cannot write the report to {out_dir}: {exc.strerror or exc}") from None


class _Writer:
    def __init__(self, out_dir: Path, result: ReportResult) -> None:
        self.out_dir = out_dir
        self.result = result

    def write(self, rel: str, html: str) -> None:
        data = html.encode("utf-8", "replace")
        path = self.out_dir / rel
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.count(rel, len(data))

    def count(self, rel: str, size: int) -> None:
        self.result.pages += 1
        self.result.bytes += size
        if size > self.result.largest_page[1]:
            self.result.largest_page = (rel, size)


class _QuotePage(NamedTuple):
    """What one quote contributes to the rest of the report, once its page is written."""

    item: dict[str, Any]  # its index row
    cues: Counter[str]  # cue classes of its appearances (for its speaker's page)
    fidelity: Counter[str]  # full / fragment / altered appearances (for its speaker's page)
    terms: dict[str, list[str]]  # outlet -> words setting its context apart
    rel: str
    size: int


def _quote_page_file(store: Store, env: Any, out: Path, summary: ClusterSummary, in_report: set[str]) -> _QuotePage:
    """Write one quote's page (from the ``show`` view of it) and return what the other pages need of it."""
    from quotetrace.views import cluster_detail

    detail = cluster_detail(store, summary)
    cues: Counter[str] = Counter()
    fidelity: Counter[str] = Counter()
    for m in detail.get("mentions") or []:
        if isinstance(m, Mapping):
            cues[str(m.get("cue_class") or ("other" if m.get("cue") else "no_cue"))] += 1
            if m.get("fidelity"):
                fidelity[str(m["fidelity"])] += 1
    terms = {
        str(o): [str(t["term"]) for t in found or [] if isinstance(t, Mapping) and t.get("term")]
        for o, found in ((detail.get("framing") or {}).get("distinctive_terms") or {}).items()
    }
    rel = f"quotes/{views.page_name(summary.id)}.html"
    html = env.get_template("quote.html").render(root="../", **_quote_page(detail, in_report))
    data = html.encode("utf-8", "replace")
    try:
        (out / rel).write_bytes(data)
    except OSError as exc:
        raise ReportError(f"cannot write {out / rel}: {exc.strerror or exc}") from None
    return _QuotePage(_index_row(summary, detail), cues, fidelity, terms, rel, len(data))


# state of a worker process of the pool (set by _worker_init)
_WORKER: dict[str, Any] = {}


def _worker_init(db_path: str, out: str, in_report: set[str]) -> None:
    _WORKER["store"] = Store.open(db_path, create=False)
    _WORKER["env"] = environment()
    _WORKER["out"] = Path(out)
    _WORKER["in_report"] = in_report


def _worker_pages(chunk: list[ClusterSummary]) -> list[_QuotePage]:
    w = _WORKER
    return [_quote_page_file(w["store"], w["env"], w["out"], s, w["in_report"]) for s in chunk]


QUOTE_CHUNK = 32  # quotes per task sent to a worker process


def _quote_pages(
    store: Store, env: Any, out: Path, rows: list[ClusterSummary], in_report: set[str], jobs: int
) -> Iterator[_QuotePage]:
    """Every quote's page, in the order of ``rows``: in this process, or spread over ``jobs`` forked processes
    (each with its own connection to the index) when there are enough quotes to be worth it."""
    if jobs <= 1 or store.path is None or len(rows) < 2 * QUOTE_CHUNK:
        for summary in rows:
            yield _quote_page_file(store, env, out, summary, in_report)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = [rows[i : i + QUOTE_CHUNK] for i in range(0, len(rows), QUOTE_CHUNK)]
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(str(store.path), str(out), in_report)) as pool:
        for pages in pool.imap(_worker_pages, chunks):
            yield from pages


def build_report(
    store: Store,
    out_dir: Path | str,
    *,
    query: ClusterQuery | None = None,
    summaries: Sequence[ClusterSummary] | None = None,
    on_progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> ReportResult:
    """Write the report of the quotes ``list`` would give for ``query`` (or exactly ``summaries``) into
    ``out_dir``: ``index.html``, ``quotes/ID.html``, a page per speaker and per outlet of these quotes,
    ``speakers.html``, ``outlets.html`` and the stylesheet and script in ``assets/``. With ``jobs`` > 1 the quote
    pages are made by that many processes."""
    from quotetrace.views import outlet_framing, parsed_speaker, speaker_framing

    started = time.perf_counter()
    out = Path(out_dir)
    _prepare(out)
    result = ReportResult(out_dir=out)
    writer = _Writer(out, result)
    env = environment()
    advance = on_progress or (lambda n: None)

    rows = (
        list(summaries)
        if summaries is not None
        else store.list_clusters(parsed_speaker(store, (query or ClusterQuery())._replace(limit=None, offset=0)))
    )
    in_report = {r.id for r in rows}

    by_speaker: dict[str, list[dict[str, Any]]] = {}
    speaker_framing_counts: dict[str, dict[str, Counter[str]]] = {}  # speaker -> cue classes / wordings seen
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    outlet_terms: dict[str, Counter[str]] = {}
    index_rows: list[dict[str, Any]] = []
    for summary, made in zip(rows, _quote_pages(store, env, out, rows, in_report, jobs), strict=True):
        item = made.item
        index_rows.append(item)
        if summary.speaker:
            by_speaker.setdefault(summary.speaker, []).append(item)
            tally = speaker_framing_counts.setdefault(summary.speaker, {"cues": Counter(), "fidelity": Counter()})
            tally["cues"].update(made.cues)
            tally["fidelity"].update(made.fidelity)
        for o in summary.outlets:
            by_outlet.setdefault(o, []).append(item)
        for o, words in made.terms.items():
            outlet_terms.setdefault(o, Counter()).update(words)
        writer.count(made.rel, made.size)
        result.quotes += 1
        advance(1)

    speaker_names = sorted(by_speaker, key=lambda s: (-len(by_speaker[s]), s))
    speaker_stats = {s.name: s.to_dict() for s in store.speakers(limit=None) if s.name in by_speaker}
    speaker_extra = speaker_framing(store, speaker_names)
    speaker_tpl = env.get_template("speaker.html")
    speaker_rows = []
    for name in speaker_names:
        page = _speaker_page(
            name,
            speaker_stats.get(name, {}),
            speaker_extra.get(name, {}),
            by_speaker[name],
            speaker_framing_counts.get(name, {}),
        )
        writer.write(f"speakers/{views.page_name(name)}.html", speaker_tpl.render(root="../", **page))
        speaker_rows.append(page["row"])
        result.speakers += 1

    outlet_names = sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o))
    outlet_stats = {o.name: o.to_dict() for o in store.outlets(limit=None, top=5) if o.name in by_outlet}
    outlet_extra = outlet_framing(store, outlet_names) if outlet_names else {}
    outlet_tpl = env.get_template("outlet.html")
    outlet_rows = []
    for name in outlet_names:
        page = _outlet_page(
            name, outlet_stats.get(name, {}), outlet_extra.get(name, {}), by_outlet[name], outlet_terms.get(name)
        )
        writer.write(f"outlets/{views.page_name(name)}.html", outlet_tpl.render(root="../", **page))
        outlet_rows.append(page["row"])
        result.outlets += 1

    facets = {
        "outlets": sorted(by_outlet, key=str.casefold),
        "kinds": sorted({r["kind"] for r in index_rows if r["kind"]}),
    }
    writer.write(
        "index.html",
        env.get_template("index.html").render(
            root="",
            rows=index_rows,
            facets=facets,
            counts=_counts(index_rows, speaker_rows, outlet_rows),
            query=_query_words(query, summaries),
        ),
    )
    writer.write("speakers.html", env.get_template("speakers.html").render(root="", rows=speaker_rows))
    writer.write("outlets.html", env.get_template("outlets.html").render(root="", rows=outlet_rows))
    for name in ASSETS:
        data = resources.files("quotetrace.report").joinpath("assets").joinpath(name).read_bytes()
        (out / "assets" / name).write_bytes(data)
        result.bytes += len(data)
    result.seconds = time.perf_counter() - started
    return result


def _query_words(query: ClusterQuery | None, summaries: Sequence[ClusterSummary] | None) -> list[str]:
    """The filters the report was made with, in words (shown on the index page)."""
    if summaries is not None:
        return [f"{len(summaries)} chosen quote(s)"]
    if query is None:
        return []
    words = []
    for label, value in (
        ("speaker", query.speaker),
        ("outlet", query.outlet),
        ("search", query.search),
        ("since", query.since),
        ("until", query.until),
        ("kind", query.kind),
    ):
        if value:
            words.append(f"{label}: {value}")
    if query.min_outlets > 1:
        words.append(f"at least {query.min_outlets} outlets")
    return words


def _index_row(summary: ClusterSummary, detail: Mapping[str, Any]) -> dict[str, Any]:
    fs = detail.get("first_seen") or {}
    fid = (detail.get("framing") or {}).get("fidelity") or {}
    return {
        "id": summary.id,
        "page": views.page_name(summary.id),
        "speaker": summary.speaker,
        "speaker_page": views.page_name(summary.speaker) if summary.speaker else None,
        "text": summary.text,
        "kind": summary.kind,
        "outlets": list(summary.outlets),
        "outlet_count": summary.outlet_count,
        "mention_count": summary.mention_count,
        "first_date": fs.get("date"),
        "first_outlet": fs.get("outlet"),
        "altered": int(fid.get("altered") or 0),
        "outlet_names": [clean(o) for o in summary.outlets],
    }


def _quote_page(detail: Mapping[str, Any], in_report: set[str]) -> dict[str, Any]:
    speaker = detail.get("speaker")
    mentions = [m for m in detail.get("mentions") or [] if isinstance(m, Mapping)]
    apps = [views.appearance_view(m, speaker) for m in mentions]
    framing = detail.get("framing") or {}
    paraphrases = []
    for p in detail.get("paraphrases") or []:
        paraphrases.append({**p, "page": views.page_name(str(p.get("id"))) if p.get("id") in in_report else None})
    reference = framing.get("reference") or {}
    part_of = reference.get("part_of")
    if part_of:
        part_of = {
            **part_of,
            "page": views.page_name(str(part_of.get("id"))) if part_of.get("id") in in_report else None,
            "other_speaker": views.other_speaker(part_of.get("speaker"), speaker),
        }
    by_outlet = framing.get("by_outlet") or {}
    terms = {o: t for o, t in (framing.get("distinctive_terms") or {}).items() if t}
    return {
        "d": detail,
        "title": f"{speaker or 'Unknown speaker'}: “{views.shorten(str(detail.get('text') or ''), 80)}”",
        "speaker_page": views.page_name(speaker) if speaker else None,
        "timeline": views.timeline(mentions),
        "apps": apps,
        "someone_else": views.someone_else(apps),
        "paraphrases": paraphrases,
        "part_of": part_of,
        "reference": reference,
        "fidelity": framing.get("fidelity") or {},
        "by_outlet": by_outlet,
        "terms": terms,
        "variants": framing.get("loaded_variants") or [],
        "credit_chain": (framing.get("provenance") or {}).get("credit_chain") or [],
        "has_diff": any(r.kind not in ("kept", "space") for a in apps for r in a["runs"] or ()),
    }


def _speaker_page(
    name: str,
    stats: Mapping[str, Any],
    extra: Mapping[str, Any],
    quotes: list[dict[str, Any]],
    tally: Mapping[str, Counter[str]],
) -> dict[str, Any]:
    outlets = [o for o in extra.get("outlets") or [] if isinstance(o, Mapping)]
    cues = tally.get("cues") or Counter()
    fidelity = tally.get("fidelity") or Counter()
    descriptors = extra.get("descriptors") or {}
    row = {
        "name": name,
        "page": views.page_name(name),
        "quotes": len(quotes),
        "mentions": stats.get("mention_count", sum(q["mention_count"] for q in quotes)),
        "outlets": stats.get("outlet_count", len(outlets)),
    }
    return {
        "title": name,
        "name": name,
        "stats": stats,
        "row": row,
        "chart": views.bar_chart(
            f"Quotes of {name} per outlet",
            [(str(o.get("outlet")), int(o.get("cluster_count") or 0)) for o in outlets[:12]],
            key="chart-outlets",
        ),
        "cue_chart": views.bar_chart(
            f"Cue verbs introducing {name}'s words, by class",
            [(k.replace("_", " "), cues[k]) for k in CUE_KEYS if cues.get(k)],
            key="chart-cues",
        ),
        "fid_chart": views.bar_chart(
            f"Appearances of {name}'s quotes: full, fragment or altered",
            [(k, fidelity[k]) for k in FIDELITY_KEYS],
            key="chart-fidelity",
        ),
        "has_fidelity": sum(fidelity.values()) > 0,
        "descriptors": descriptors,
        "quotes": quotes,
    }


def _outlet_page(
    name: str,
    stats: Mapping[str, Any],
    extra: Mapping[str, Any],
    quotes: list[dict[str, Any]],
    terms: Counter[str] | None,
) -> dict[str, Any]:
    classes = extra.get("cue_classes") or {}
    fidelity = extra.get("fidelity") or {}
    cue_chart = views.bar_chart(
        f"Cue verbs of {name} by class",
        [(k.replace("_", " "), int(classes.get(k) or 0)) for k in CUE_KEYS if k in classes],
        key="chart-cues",
    )
    fid_chart = views.bar_chart(
        f"Quote appearances in {name}: full, fragment or altered",
        [(k, int(fidelity.get(k) or 0)) for k in FIDELITY_KEYS if k in fidelity],
        key="chart-fidelity",
    )
    total = sum(int(fidelity.get(k) or 0) for k in FIDELITY_KEYS)
    row = {
        "name": name,
        "page": views.page_name(name),
        "quotes": len(quotes),
        "articles": stats.get("article_count"),
        "mentions": stats.get("mention_count"),
        "altered_share": (int(fidelity.get("altered") or 0) / total) if total else None,
        "cut_share": (int(fidelity.get("fragment") or 0) / total) if total else None,
    }
    return {
        "title": name,
        "name": name,
        "stats": stats,
        "row": row,
        "cue_chart": cue_chart,
        "fid_chart": fid_chart,
        "has_cues": any(int(v or 0) for v in classes.values()),
        "has_fidelity": total > 0,
        "top_cues": extra.get("top_cues") or [],
        "terms": (terms or Counter()).most_common(15),
        "quotes": quotes,
        "total": total,
    }


def _counts(rows: Iterable[Mapping[str, Any]], speakers: Sequence[Any], outlets: Sequence[Any]) -> dict[str, int]:
    rows = list(rows)
    return {
        "quotes": len(rows),
        "mentions": sum(int(r["mention_count"]) for r in rows),
        "speakers": len(speakers),
        "outlets": len(outlets),
    }


def open_in_browser(path: Path) -> bool:
    """Open a page of the report in the user's browser; False when none could be started."""
    import webbrowser

    try:
        return bool(webbrowser.open(path.resolve().as_uri()))
    except (webbrowser.Error, OSError):
        return False
