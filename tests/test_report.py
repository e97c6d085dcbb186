"""The static report without a browser: the `report` command (exit codes, stdout, stderr, filters, ids, folders it
refuses), the pages' content against the `show` JSON, escaping of hostile article text, safe links, the page data
(timeline geometry, wording diff runs, file names) and that `--help`, `list` and `show` import neither spaCy nor
Jinja2. The browser tests are in test_report_browser.py."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_runner
from hypothesis import given
from hypothesis import strategies as st

from quotetrace.cli import app
from quotetrace.framing.diffview import diff_runs, plain_diff
from quotetrace.report import views
from quotetrace.report.build import CSP, MARKER

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
WIRE = REPO / "fixtures" / "wire"
HOSTILE = REPO / "fixtures" / "report" / "hostile.jsonl"


runner = cli_runner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ingest(db: Path, *paths: Path) -> None:
    result = invoke("ingest", *map(str, paths), "--db", str(db))
    assert result.exit_code == 0, result.stderr


def build(db: Path, out: Path, *args: str) -> Any:
    result = invoke("report", *args, "-o", str(out), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out / "index.html")
    return result


def show(db: Path, cid: str) -> dict[str, Any]:
    result = invoke("show", cid, "--json", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def list_ids(db: Path, *args: str) -> list[str]:
    result = invoke("list", "--json", "-n", "0", "--db", str(db), *args)
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


@pytest.fixture(scope="session")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Indexes of the seeds, the wire fixtures and the hostile articles (one each, built once)."""
    root = tmp_path_factory.mktemp("report-dbs")
    dbs = {"seeds": root / "seeds.db", "wire": root / "wire.db", "hostile": root / "hostile.db"}
    ingest(dbs["seeds"], SEEDS)
    ingest(dbs["wire"], WIRE)
    ingest(dbs["hostile"], HOSTILE)
    return dbs


@pytest.fixture(scope="session")
def reports(corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report of each index, written once per session."""
    root = tmp_path_factory.mktemp("reports")
    out = {}
    for name, db in corpora.items():
        out[name] = root / name
        build(db, out[name])
    return out


# ------------------------------------------------------------------------------------------------ HTML parsing


class Page(HTMLParser):
    """Tags with their attributes, text outside script/style, and whether the document nests sanely."""

    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"))

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1] not in ("script", "style"):
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def pages(out: Path) -> Iterator[Path]:
    yield from sorted(out.rglob("*.html"))


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------ the command


def test_report_writes_every_page(reports: dict[str, Path], corpora: dict[str, Path]) -> None:
    out = reports["wire"]
    ids = list_ids(corpora["wire"])
    assert ids
    for cid in ids:
        assert (out / "quotes" / f"{views.page_name(cid)}.html").is_file()
    assert (out / "index.html").is_file() and (out / "speakers.html").is_file() and (out / "outlets.html").is_file()
    assert (out / "assets" / "report.css").is_file() and (out / "assets" / "report.js").is_file()
    assert (out / MARKER).is_file()
    assert list((out / "speakers").glob("*.html")) and list((out / "outlets").glob("*.html"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr data-speaker="') == len(ids)


def test_report_stderr_summary_and_stdout_path(corpora: dict[str, Path], tmp_path: Path) -> None:
    result = build(corpora["wire"], tmp_path / "r")
    assert re.search(r"report: \d+ quote\(s\), \d+ speaker page\(s\), \d+ outlet page\(s\)", result.stderr)
    assert "report:" not in result.stdout


def test_report_given_ids_and_prefixes(corpora: dict[str, Path], tmp_path: Path) -> None:
    ids = list_ids(corpora["wire"], "--min-outlets", "2")
    assert len(ids) >= 2
    out = tmp_path / "two"
    build(corpora["wire"], out, ids[0], ids[1][:6], ids[0])
    written = sorted(p.stem for p in (out / "quotes").glob("*.html"))
    assert written == sorted({ids[0], ids[1]})


def test_report_filters_like_list(corpora: dict[str, Path], tmp_path: Path) -> None:
    for args in (["--min-outlets", "2"], ["--speaker", "vos"], ["--outlet", "ledger"], ["--since", "2024-03-12"]):
        out = tmp_path / "-".join(a.strip("-") for a in args)
        build(corpora["wire"], out, *args)
        written = sorted(p.stem for p in (out / "quotes").glob("*.html"))
        assert written == sorted(list_ids(corpora["wire"], *args)), args
        assert written


def test_report_ids_and_filters_combine(corpora: dict[str, Path], tmp_path: Path) -> None:
    multi = list_ids(corpora["wire"], "--min-outlets", "2")
    single = [i for i in list_ids(corpora["wire"]) if i not in multi]
    out = tmp_path / "both"
    build(corpora["wire"], out, multi[0], single[0], "--min-outlets", "2")
    assert [p.stem for p in (out / "quotes").glob("*.html")] == [multi[0]]
    result = invoke(
        "report", single[0], "--min-outlets", "2", "-o", str(tmp_path / "none"), "--db", str(corpora["wire"])
    )
    assert result.exit_code == 1
    assert "none of the given quotes" in result.stderr


def test_report_unknown_id_exits_1_with_hint(corpora: dict[str, Path], tmp_path: Path) -> None:
    result = invoke("report", "qzzzzzzz", "-o", str(tmp_path / "r"), "--db", str(corpora["wire"]))
    assert result.exit_code == 1
    assert "no quote or mention with id 'qzzzzzzz'" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("args", [["--since", "yesterday"], ["--kind", "quoted"], ["--min-outlets", "-1"]])
def test_report_bad_options_exit_2(corpora: dict[str, Path], tmp_path: Path, args: list[str]) -> None:
    result = invoke("report", *args, "-o", str(tmp_path / "r"), "--db", str(corpora["wire"]))
    assert result.exit_code == 2
    assert result.stdout == ""


def test_report_refuses_a_folder_that_is_not_a_report(corpora: dict[str, Path], tmp_path: Path) -> None:
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    result = invoke("report", "-o", str(precious), "--db", str(corpora["wire"]))
    assert result.exit_code == 1
    assert "refusing" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in precious.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "file.html"
    a_file.write_text("x", encoding="utf-8")
    result = invoke("report", "-o", str(a_file), "--db", str(corpora["wire"]))
    assert result.exit_code == 1 and "is a file" in result.stderr


def test_report_rewrites_an_earlier_report(corpora: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "r"
    build(corpora["wire"], out)
    before = {p.name for p in (out / "quotes").glob("*.html")}
    build(corpora["wire"], out, "--min-outlets", "3")
    after = {p.name for p in (out / "quotes").glob("*.html")}
    assert after and after < before  # pages of quotes no longer in the report are gone


def test_report_of_an_empty_index(tmp_path: Path) -> None:
    result = invoke("report", "-o", str(tmp_path / "r"), "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 0
    assert "no quotes" in result.stderr
    assert "No quotes match" in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "none.db").exists()


# --------------------------------------------------------------------------------------------- page content


def test_every_page_is_well_formed_with_csp_and_local_assets(reports: dict[str, Path]) -> None:
    for out in reports.values():
        for path in pages(out):
            page = parse(path)
            assert not page.problems, (path, page.problems[:3])
            assert not page.stack, (path, page.stack)
            metas = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
            assert [m.get("content") for m in metas] == [CSP], path
            assert len(page.all("h1")) == 1, path
            assert page.all("main") and page.all("nav"), path
            assert [a.get("href") for a in page.all("link") if a.get("rel") == "icon"] == ["data:,"], path
            for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
                for a in page.all(tag):
                    if a.get("rel") == "icon":  # empty, so that no browser asks the server for a favicon
                        continue
                    ref = a.get(attr) or ""
                    assert ref and "://" not in ref and not ref.startswith("//"), (path, tag, ref)
                    assert (path.parent / ref).resolve().is_file(), (path, ref)
            assert len(page.all("script")) == 1, path


def test_quote_page_matches_show(reports: dict[str, Path], corpora: dict[str, Path]) -> None:
    db = corpora["wire"]
    for cid in list_ids(db, "--min-outlets", "2"):
        detail = show(db, cid)
        page = parse(reports["wire"] / "quotes" / f"{cid}.html")
        text = " ".join(" ".join(page.text).split())
        marks = [a for a in page.all("a") if "mark" in (a.get("class") or "").split()]
        assert [m.get("data-mention") for m in marks] == [m["id"] for m in detail["mentions"]]
        assert [m.get("data-first") == "true" for m in marks] == [bool(m["first"]) for m in detail["mentions"]]
        arts = [a for a in page.all("article") if "appearance" in (a.get("class") or "")]
        assert len(arts) == len(detail["mentions"])
        for m in detail["mentions"]:
            art = m["article"]
            assert art["outlet"] in text
            if art.get("title"):
                assert " ".join(art["title"].split()) in text
            if m.get("cue"):
                assert (m.get("cue_phrase") or m["cue"]) in text
            if m.get("cue_class"):
                assert f"({m['cue_class']})" in text
            for h in m.get("hedges") or []:
                assert h in text
            if m.get("context_before"):
                assert " ".join(m["context_before"].split()) in text
        assert f"“{' '.join(detail['text'].split())}”" in text


def test_reported_speech_is_never_shown_as_a_quotation(reports: dict[str, Path], corpora: dict[str, Path]) -> None:
    """Statement clusters (ids "i…") hold the outlets' paraphrase: no quotation marks on their page or in the
    index table; quotations keep theirs."""
    db = corpora["seeds"]
    reported = list_ids(db, "--kind", "indirect")
    quoted = [cid for cid in list_ids(db) if cid.startswith("q")]
    assert reported and quoted
    rows = {
        a.get("href"): a
        for a in parse(reports["seeds"] / "index.html").all("a")
        if (a.get("href") or "").startswith("quotes/")
    }
    index_html = (reports["seeds"] / "index.html").read_text(encoding="utf-8")
    for cid in reported[:5]:
        detail = show(db, cid)
        html = (reports["seeds"] / "quotes" / f"{cid}.html").read_text(encoding="utf-8")
        h1 = html.split('<h1 class="quote-text">', 1)[1].split("</h1>", 1)[0]
        assert "“" not in h1 and "reported speech" in h1
        assert f"quotes/{cid}.html" in rows
        row = index_html.split(f'href="quotes/{cid}.html">', 1)[1][:2]
        assert not row.startswith("“"), detail["text"]
    for cid in quoted[:5]:
        html = (reports["seeds"] / "quotes" / f"{cid}.html").read_text(encoding="utf-8")
        assert html.split('<h1 class="quote-text">', 1)[1].startswith("“")


def test_altered_wording_is_marked_without_colour(reports: dict[str, Path], corpora: dict[str, Path]) -> None:
    """Every cut or insertion in the `show` edits is a <del>/<ins> with a visible bracket marker."""
    found = 0
    for cid in list_ids(corpora["wire"]):
        detail = show(corpora["wire"], cid)
        html = (reports["wire"] / "quotes" / f"{cid}.html").read_text(encoding="utf-8")
        for m in detail["mentions"]:
            for e in m.get("edits") or []:
                if e.get("cosmetic") or e.get("kind") in ("between_pieces", "headline_rewrite", "reordering"):
                    continue
                found += 1
                if e["op"] in ("delete", "replace"):
                    assert '<del class="cut"><span class="mk" aria-hidden="true">[−</span>' in html
                if e["op"] in ("insert", "replace"):
                    assert '<ins class="added"><span class="mk" aria-hidden="true">[+</span>' in html
    assert found  # the wire fixtures do cut and alter quotes


def test_speaker_and_outlet_pages_have_titled_charts(reports: dict[str, Path]) -> None:
    for sub in ("speakers", "outlets"):
        for path in (reports["wire"] / sub).glob("*.html"):
            page = parse(path)
            svgs = [a for a in page.all("svg") if "bars" in (a.get("class") or "")]
            assert svgs, path
            for svg in svgs:
                assert svg.get("role") == "img"
                ids = (svg.get("aria-labelledby") or "").split()
                assert len(ids) == 2
                html = path.read_text(encoding="utf-8")
                for i in ids:
                    assert f'id="{i}"' in html


def test_outlet_page_counts_match_outlets_command(reports: dict[str, Path], corpora: dict[str, Path]) -> None:
    result = invoke("outlets", "--json", "--framing", "--db", str(corpora["wire"]))
    assert result.exit_code == 0
    for row in json.loads(result.stdout):
        path = reports["wire"] / "outlets" / f"{views.page_name(row['outlet'])}.html"
        html = path.read_text(encoding="utf-8")
        for k, n in (row.get("fidelity") or {}).items():
            assert re.search(rf'<text class="bar-value" [^>]*>{n}</text>', html), (k, n)
        total = sum((row.get("fidelity") or {}).values())
        if total:
            assert f"Of its {total} quote appearance(s)" in html


# ------------------------------------------------------------------------------------------------- hostile


def test_hostile_article_text_is_escaped_everywhere(reports: dict[str, Path]) -> None:
    out = reports["hostile"]
    quote_pages = list((out / "quotes").glob("*.html"))
    assert quote_pages
    saw_markup_as_text = False
    for path in pages(out):
        html = path.read_text(encoding="utf-8")
        page = Page(html)
        scripts = page.all("script")
        assert [s.get("src") for s in scripts] == [("../" if path.parent != out else "") + "assets/report.js"], path
        assert not page.all("img") and not page.all("iframe") and not page.all("object"), path
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                if tag == "link" and attrs.get("rel") == "icon" and value == "data:,":
                    continue
                if name in ("href", "src", "action", "xlink:href"):
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), path
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", html), path
        text = " ".join(page.text)
        saw_markup_as_text |= "<script>window.__pwned" in text
    assert saw_markup_as_text  # the words were kept, as text


def test_only_http_source_links(reports: dict[str, Path]) -> None:
    hrefs = [
        a.get("href") or ""
        for path in (reports["hostile"] / "quotes").glob("*.html")
        for a in parse(path).all("a")
        if "noopener" in (a.get("rel") or "")
    ]
    assert hrefs  # the https source is linked
    assert all(h.startswith("https://example.org/harbour") for h in hrefs), hrefs


# ------------------------------------------------------------------------------------------------ page data


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://EXAMPLE.ORG/x", "HTTPS://EXAMPLE.ORG/x"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("java\x00script:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ("example.org/page", None),
        ("https://", None),
        ("https://exa mple.org", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url: Any, expected: str | None) -> None:
    assert views.safe_url(url) == expected


@given(st.text())
def test_safe_url_never_yields_a_non_http_link(url: str) -> None:
    got = views.safe_url(url)
    assert got is None or re.match(r"(?i)https?://[^\s]", got)


@given(st.text(min_size=1))
def test_page_names_are_plain_and_distinct(name: str) -> None:
    page = views.page_name(name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", page)
    assert views.page_name(name + "x") != page or page == views.page_name(name)


@pytest.mark.parametrize(("a", "b"), [("RT", "rt"), ("José Calderón", "Jose Calderon"), ("Kiev", "KIEV")])
def test_names_that_read_alike_get_their_own_page(a: str, b: str) -> None:
    assert views.page_name(a) != views.page_name(b)


def _m(mid: str, outlet: str | None, date: str | None, first: bool = False) -> dict[str, Any]:
    return {"id": mid, "first": first, "article": {"outlet": outlet, "date": date}}


def test_timeline_rows_marks_and_undated_column() -> None:
    t = views.timeline(
        [
            _m("m1", "A", "2024-03-01", True),
            _m("m2", "B", "2024-03-01T10:00:00", True),
            _m("m3", "A", "2024-03-11"),
            _m("m4", "A", "2024-03-11"),
            _m("m5", "C", None),
            _m("m6", None, "not a date"),
        ]
    )
    assert [r["full"] for r in t["rows"]] == ["A", "B", "C", "unknown outlet"]
    xs = [mk["x"] for mk in t["marks"]]
    assert [mk["first"] for mk in t["marks"]] == [True, True, False, False, False, False]
    assert xs[0] == xs[1] == t["plot_x0"]  # same day, different rows: same x
    assert xs[2] == t["plot_x1"] and xs[3] > xs[2]  # same outlet and day: nudged apart, order kept
    assert xs[4] > t["undated_x"] and xs[5] > t["undated_x"]  # undated (or unreadable dates) set apart
    assert t["undated"] and t["undated_count"] == 2 and t["dated_count"] == 4
    assert [k["label"] for k in t["ticks"]] == ["2024-03-01", "2024-03-06", "2024-03-11"]
    assert t["width"] >= max(xs)


def test_timeline_of_one_day_and_of_nothing() -> None:
    t = views.timeline([_m("m1", "A", "2024-03-01", True), _m("m2", "B", "2024-03-01")])
    assert t["marks"][0]["x"] == t["marks"][1]["x"]
    assert not t["undated"] and len(t["ticks"]) == 1
    empty = views.timeline([])
    assert empty["marks"] == [] and empty["rows"] == [] and empty["ticks"] == []


@given(st.lists(st.tuples(st.sampled_from("ABC"), st.one_of(st.none(), st.dates().map(str))), max_size=12))
def test_timeline_marks_follow_date_order(items: list[tuple[str, str | None]]) -> None:
    ordered = sorted(items, key=lambda x: (x[1] is None, x[1] or ""))
    t = views.timeline([_m(f"m{i}", o, d) for i, (o, d) in enumerate(ordered)])
    assert len(t["marks"]) == len(ordered)
    dated = [(d, mk["x"]) for (_, d), mk in zip(ordered, t["marks"], strict=True) if d]
    for (d1, x1), (d2, x2) in itertools.pairwise(dated):
        if d1 < d2:
            assert x1 <= x2 + views.TL_MIN_GAP * len(ordered)
    if t["undated"]:
        for (_, d), mk in zip(ordered, t["marks"], strict=True):
            assert (mk["x"] > t["undated_x"]) == (d is None)


def test_someone_else_is_a_different_person_not_a_spelling() -> None:
    apps = [
        {"other_speaker": views.other_speaker(s, "Vicente Ortega"), "anchor": a, "article": {"outlet": o}}
        for s, a, o in (("Vincente Ortega", "a1", "X"), ("Katarina Vos", "a2", "Y"), (None, "a3", "Z"))
    ]
    assert views.someone_else(apps) == [{"outlet": "Y", "speaker": "Katarina Vos", "anchor": "a2", "date": None}]


def test_bar_chart_scales_to_the_largest_value() -> None:
    c = views.bar_chart("Cue verbs", [("neutral", 10), ("combative", 5), ("doubting", 0)])
    assert [b["w"] for b in c["bars"]] == [240.0, 120.0, 0.0]
    assert c["desc"] == "neutral: 10; combative: 5; doubting: 0"
    assert views.bar_chart("Nothing", [])["desc"] == "no data"


# ------------------------------------------------------------------------------------------- wording diff


class Wordings(HTMLParser):
    """The text of each appearance's wording (blockquote.wording) as a sighted reader sees it: markers included,
    words only for screen readers left out; keyed by the appearance's anchor."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self.anchor = ""
        self.depth = 0  # inside blockquote.wording
        self.hidden = 0  # inside .visually-hidden
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article" and "appearance" in classes:
            self.anchor = a.get("id") or ""
        if tag == "blockquote" and "wording" in classes:
            self.depth = 1
            self.found[self.anchor] = ""
        elif self.depth:
            self.depth += 1
            if self.hidden or "visually-hidden" in classes:
                self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.hidden:
                self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.found[self.anchor] += data


_MARKS = {"cut": ("[−", "]"), "added": ("[+", "]"), "moved_cut": ("[↔−", "]"), "moved_added": ("[↔+", "]")}


def test_report_draws_the_diff_runs_with_visible_markers(reports: dict[str, Path], corpora: dict[str, Path]) -> None:
    """Every appearance's wording on its quote page reads as the diff runs `show` prints, each cut and insertion
    between visible brackets (the cue that does not depend on colour)."""
    checked = 0
    for name in ("seeds", "wire"):
        for cid in list_ids(corpora[name]):
            html = (reports[name] / "quotes" / f"{views.page_name(cid)}.html").read_text(encoding="utf-8")
            drawn = Wordings(html).found
            for m in show(corpora[name], cid)["mentions"]:
                raw = str(m.get("quoted_text") or m.get("text") or "")
                if m.get("edits") is None or not raw:
                    continue
                runs = diff_runs(raw, m["edits"], joints=m.get("joints") or ())
                marks = ("", "") if m["kind"] == "indirect" else ("“", "”")  # reported speech: no quotation marks
                expected = (
                    marks[0]
                    + "".join(_MARKS.get(r.kind, ("", ""))[0] + r.text + _MARKS.get(r.kind, ("", ""))[1] for r in runs)
                    + marks[1]
                )
                assert drawn[views.anchor(m["id"])] == expected
                checked += 1
    assert checked > 20


def test_terminal_diff_is_drawn_from_the_same_runs(corpora: dict[str, Path]) -> None:
    from quotetrace.cli.detail import wording_diff

    for cid in list_ids(corpora["wire"], "--min-outlets", "2"):
        for m in show(corpora["wire"], cid)["mentions"]:
            raw = str(m.get("quoted_text") or m.get("text") or "")
            if m.get("edits") is not None and raw:
                joints = m.get("joints") or ()
                assert wording_diff(raw, m["edits"], joints=joints).plain == plain_diff(raw, m["edits"], joints=joints)


@pytest.mark.parametrize(
    ("variant", "edits", "expected"),
    [
        ("we will win", [], "“we will win”"),
        (
            "we win",
            [{"op": "delete", "text": "will", "kind": "cut", "offsets": {"variant": [3, 3]}}],
            "“we [-will-] win”",
        ),
        (
            "we shall win",
            [{"op": "replace", "text": "will", "kind": "substitution", "offsets": {"variant": [3, 8]}}],
            "“we [-will-] {+shall+} win”",
        ),
        (
            "we really will win",
            [{"op": "insert", "text": "", "kind": "insertion", "offsets": {"variant": [3, 9]}}],
            "“we {+really+} will win”",
        ),
        (
            "We'll win",
            [
                {
                    "op": "replace",
                    "text": "We will",
                    "kind": "contraction",
                    "cosmetic": True,
                    "offsets": {"variant": [0, 5]},
                }
            ],
            "“We'll win”",
        ),
        ("anything", [{"op": "delete", "text": "x", "offsets": None}], "“[-x-] anything”"),
        ("no offsets", [{"op": "insert"}], "“no offsets”"),
    ],
)
def test_plain_diff_cases(variant: str, edits: list[dict[str, Any]], expected: str) -> None:
    assert plain_diff(variant, edits) == expected


@given(st.text(max_size=40), st.lists(st.integers(0, 40), max_size=4))
def test_diff_runs_keep_every_printed_word(variant: str, cuts: list[int]) -> None:
    edits = [{"op": "delete", "text": "gone", "kind": "cut", "offsets": {"variant": [c, c]}} for c in sorted(cuts)]
    runs = diff_runs(variant, edits)
    kept = "".join(r.text for r in runs if r.kind in ("kept", "space"))
    assert kept.replace(" ", "") == variant.replace(" ", "")


# --------------------------------------------------------------------------------------------- lean imports

PROBE = """
import sys
from quotetrace.cli import main
sys.argv = ["quotetrace", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("spacy", "jinja2", "quotetrace.report") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], set()),
        (["list"], set()),
        (["show", "{cid}"], set()),
        (["report", "--help"], set()),
        (["report", "-o", "{out}"], {"jinja2", "quotetrace.report"}),
    ],
)
def test_commands_import_neither_spacy_nor_jinja_unless_reporting(
    corpora: dict[str, Path], tmp_path: Path, args: list[str], allowed: set[str]
) -> None:
    cid = list_ids(corpora["wire"])[0]
    argv = [a.format(cid=cid, out=tmp_path / "r") for a in args]
    env = {"QUOTETRACE_DB": str(corpora["wire"]), "QUOTETRACE_NO_PROGRESS": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("HEAVY="))
    heavy = set(filter(None, line[len("HEAVY=") :].split(",")))
    assert heavy <= allowed, (args, heavy)
    assert "spacy" not in heavy


@pytest.mark.parametrize("opens", [True, False])
def test_open_starts_the_browser_on_the_index_page(
    corpora: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opens: bool
) -> None:
    import webbrowser

    calls: list[str] = []

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        calls.append(url)
        return opens

    monkeypatch.setattr(webbrowser, "open", fake_open)
    out = tmp_path / "r"
    result = invoke("report", "--open", "-o", str(out), "--db", str(corpora["wire"]))
    assert result.exit_code == 0
    assert calls == [(out / "index.html").resolve().as_uri()]
    assert result.stdout.strip() == str(out / "index.html")
    assert ("could not start a browser" in result.stderr) is not opens


def test_jobs_make_the_same_report(corpora: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quote pages made by two processes are byte for byte those made by one (small chunks, so the pool is used)."""
    from quotetrace.report import build as report_build

    monkeypatch.setattr(report_build, "QUOTE_CHUNK", 2)
    build(corpora["wire"], tmp_path / "one", "-j", "1")
    build(corpora["wire"], tmp_path / "two", "-j", "2")
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert len(one) > 20
    assert one == two
