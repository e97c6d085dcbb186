"""The static report in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright for Python.

Reports of the seeds (served by a real http.server on 127.0.0.1) and of fixtures/wire and the hostile articles
(opened as file:// pages): no console errors on any page, one timeline mark per appearance in date order, the
search box and filters hide rows (and without scripts every row is there), an injected <script> never runs,
keyboard navigation, nothing wider than a 375 px phone, and screenshots at 375 and 1280 px written to
test-artefacts/report/ (or $QUOTETRACE_TEST_ARTEFACTS).

Without Chromium or Playwright these tests are skipped with the commands that install them; with
QUOTETRACE_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead, so CI never skips them silently.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report import HOSTILE, REPO, SEEDS, WIRE, build, ingest, list_ids

INSTALL = (
    "the report's browser tests need Chromium and Playwright for Python: as root `apt-get install -y chromium`, "
    "then `pip install -e '.[dev]'` (Playwright drives that Chromium; never run `playwright install`)"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

if CHROMIUM is None or sync_playwright is None:
    missing = "Chromium" if CHROMIUM is None else "Playwright"
    if os.environ.get("QUOTETRACE_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{missing} is missing but QUOTETRACE_REQUIRE_BROWSER=1: {INSTALL}")
    pytest.skip(f"{missing} not found — {INSTALL}", allow_module_level=True)

WIDTHS = (375, 1280)
ARTEFACTS = Path(os.environ.get("QUOTETRACE_TEST_ARTEFACTS") or REPO / "test-artefacts") / "report"


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("browser-reports")
    out = {}
    for name, src in (("seeds", SEEDS), ("wire", WIRE), ("hostile", HOSTILE)):
        db = root / f"{name}.db"
        ingest(db, src)
        out[name] = root / name
        build(db, out[name])
        out[name + ".db"] = db
    return out


@pytest.fixture(scope="session")
def server(sites: dict[str, Path]) -> Iterator[str]:
    """The seeds report served over HTTP on 127.0.0.1 (a real local server, as a user sharing it would)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(sites["seeds"]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    assert sync_playwright is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield b
        finally:
            b.close()


class Tab:
    """A page in a fresh context that records console errors/warnings, page errors and dialogs."""

    def __init__(self, browser: Any, width: int, *, scripts: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=scripts)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "warning"):
            self.problems.append(f"console {msg.type}: {msg.text}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def go(self, url: str) -> Any:
        self.page.goto(url, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Callable[..., Tab]]:
    made: list[Tab] = []

    def make(width: int = 1280, *, scripts: bool = True) -> Tab:
        t = Tab(browser, width, scripts=scripts)
        made.append(t)
        return t

    yield make
    for t in made:
        t.close()


def url_of(path: Path) -> str:
    return path.resolve().as_uri()


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def shot(page: Any, name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path


# ------------------------------------------------------------------------------------------------ loading


@pytest.mark.parametrize("name", ["wire", "hostile"])
def test_every_page_loads_without_console_errors(sites: dict[str, Path], tab: Callable[..., Tab], name: str) -> None:
    t = tab(1280)
    for path in all_pages(sites[name]):
        t.go(url_of(path))
        assert t.page.evaluate("document.styleSheets.length") == 1, path
        assert t.page.evaluate("window.getComputedStyle(document.body).marginTop") == "0px", path  # CSS applied
    assert t.problems == []


def test_served_seeds_report_loads_without_console_errors(
    sites: dict[str, Path], server: str, tab: Callable[..., Tab]
) -> None:
    t = tab(1280)
    pages = all_pages(sites["seeds"])
    assert len(pages) > 10
    for path in pages:
        rel = path.relative_to(sites["seeds"]).as_posix()
        response = t.page.goto(server + rel, wait_until="load")
        assert response is not None and response.ok, rel
    # the script ran (the controls are shown) under the page's Content-Security-Policy
    t.go(server + "index.html")
    assert t.page.is_visible("#q")
    assert t.problems == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["seeds", "wire"])
def test_readable_at_phone_and_desktop_width_with_screenshots(
    sites: dict[str, Path], tab: Callable[..., Tab], name: str, width: int
) -> None:
    site = sites[name]
    t = tab(width)
    quotes = sorted((site / "quotes").glob("*.html"), key=lambda p: -p.stat().st_size)
    targets = {
        "index": site / "index.html",
        "quote": quotes[0],
        "speaker": sorted((site / "speakers").glob("*.html"))[0],
        "outlet": sorted((site / "outlets").glob("*.html"))[0],
    }
    for kind, path in targets.items():
        page = t.go(url_of(path))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, width, overflow)  # wide parts (timeline, tables) scroll inside their box
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main td')).fontSize)")
        assert size >= 14, (path, size)
        shot(page, f"{name}-{kind}-{width}.png")
    assert t.problems == []


# ------------------------------------------------------------------------------------------------ timeline


def test_timeline_one_mark_per_appearance_in_date_order(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280)
    checked = 0
    for path in sorted((sites["wire"] / "quotes").glob("*.html")):
        page = t.go(url_of(path))
        marks = page.eval_on_selector_all(
            "#timeline a.mark",
            """els => els.map(e => {
                const b = e.getBoundingClientRect();
                return {id: e.dataset.mention, date: e.dataset.date, first: e.dataset.first === 'true',
                        x: b.left + b.width / 2, y: b.top + b.height / 2, w: b.width, href: e.getAttribute('href')};
            })""",
        )
        apps = page.eval_on_selector_all("article.appearance", "els => els.map(e => e.id)")
        assert len(marks) == len(apps) > 0, path
        assert [m["href"] for m in marks] == ["#" + a for a in apps], path
        assert all(m["w"] > 4 for m in marks)  # drawn, not collapsed
        dated = [m for m in marks if m["date"]]
        undated = [m for m in marks if not m["date"]]
        assert marks == dated + undated, path  # undated last
        assert [m["date"] for m in dated] == sorted(m["date"] for m in dated), path
        rows: dict[float, list[dict[str, Any]]] = {}
        for m in dated:
            rows.setdefault(round(m["y"]), []).append(m)
        for row in rows.values():  # along one outlet's row, later is further right
            assert [m["x"] for m in row] == sorted(m["x"] for m in row), path
        by_date = sorted(dated, key=lambda m: m["date"])
        for a, b in itertools.pairwise(by_date):
            if a["date"] < b["date"] and round(a["y"]) != round(b["y"]):
                assert a["x"] < b["x"] + 12, path  # across rows, only a nudge may reorder
        if undated and dated:
            assert min(m["x"] for m in undated) > max(m["x"] for m in dated), path
        firsts = [m for m in marks if m["first"]]
        assert firsts and firsts[0] == marks[0], path
        classes = page.eval_on_selector_all("#timeline a.mark.first", "els => els.length")
        assert classes == len(firsts)
        checked += 1
    assert checked > 5
    assert t.problems == []


def test_timeline_marks_are_keyboard_links_to_their_appearance(
    sites: dict[str, Path], corpora_ids: list[str], tab: Callable[..., Tab]
) -> None:
    t = tab(1280)
    page = t.go(url_of(sites["wire"] / "quotes" / f"{corpora_ids[0]}.html"))
    target = None
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('mark')"):
            target = page.evaluate("document.activeElement.getAttribute('href')")
            break
    assert target, "no timeline mark reachable with Tab"
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=target)
    assert page.evaluate("document.querySelector(location.hash).matches(':target')")
    assert t.problems == []


@pytest.fixture(scope="session")
def corpora_ids(sites: dict[str, Path]) -> list[str]:
    """Quote ids of the wire index printed by at least two outlets."""
    return list_ids(sites["wire.db"], "--min-outlets", "2")


# ------------------------------------------------------------------------------------------ search, filters


def visible_rows(page: Any) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "#quotes tbody tr:not([hidden])",
        "els => els.map(e => ({text: e.innerText, outlets: +e.dataset.outlets,"
        " names: JSON.parse(e.dataset.outletNames), kind: e.dataset.kind,"
        " search: (e.textContent + ' ' + JSON.parse(e.dataset.outletNames).join(' ')).toLowerCase()"
        ".normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '')}))",
    )


def test_search_box_filters_rows(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280)
    page = t.go(url_of(sites["wire"] / "index.html"))
    total = len(visible_rows(page))
    assert total > 5
    page.fill("#q", "cracks")
    rows = visible_rows(page)
    assert 0 < len(rows) < total
    assert all("cracks" in r["search"] for r in rows)
    assert page.inner_text("#shown") == f"Showing {len(rows)} of {total} quotes."
    page.fill("#q", "CALDERON")  # case and accents folded: finds Calderón
    assert visible_rows(page) and all("calderon" in r["search"] for r in visible_rows(page))
    page.fill("#q", "zzzz-no-such-words")
    assert visible_rows(page) == []
    page.fill("#q", "")
    assert len(visible_rows(page)) == total
    assert t.problems == []


def test_filters_and_sorting(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280)
    page = t.go(url_of(sites["wire"] / "index.html"))
    total = len(visible_rows(page))
    page.fill("#f-min", "2")
    rows = visible_rows(page)
    assert len(rows) == len(list_ids(sites["wire.db"], "--min-outlets", "2"))
    assert all(r["outlets"] >= 2 for r in rows)
    page.fill("#f-min", "0")
    outlet = page.eval_on_selector_all("#f-outlet option", "els => els.map(e => e.value)")[1]
    page.select_option("#f-outlet", outlet)
    rows = visible_rows(page)
    assert 0 < len(rows) < total and all(outlet in r["names"] for r in rows)
    page.select_option("#f-outlet", "")
    page.click("th[data-sort=outlets] button")
    counts = [r["outlets"] for r in visible_rows(page)]
    assert counts == sorted(counts, reverse=True)
    assert page.get_attribute("th[data-sort=outlets]", "aria-sort") == "descending"
    page.click("th[data-sort=outlets] button")
    counts = [r["outlets"] for r in visible_rows(page)]
    assert counts == sorted(counts)
    assert page.get_attribute("th[data-sort=date]", "aria-sort") is None
    assert t.problems == []


def test_without_scripts_every_row_is_listed(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280, scripts=False)
    page = t.go(url_of(sites["wire"] / "index.html"))
    n = len(list_ids(sites["wire.db"]))
    assert page.eval_on_selector_all("#quotes tbody tr", "els => els.filter(e => e.offsetParent).length") == n
    assert not page.is_visible("#controls")
    assert page.is_visible("noscript p") or "Searching" in page.content()
    assert page.is_visible("#quotes tbody tr a")


def test_keyboard_skip_link_and_search(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280)
    page = t.go(url_of(sites["wire"] / "index.html"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    focused = ""
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused == "q":
            break
    assert focused == "q"
    page.keyboard.type("bridge")
    assert all("bridge" in r["search"] for r in visible_rows(page))
    page.keyboard.press("Enter")  # no submission, no navigation
    assert page.url.split("#")[0].endswith("index.html")
    assert t.problems == []


# ------------------------------------------------------------------------------------------------- hostile


def test_injected_script_never_runs(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280)
    pages = all_pages(sites["hostile"])
    saw_text = False
    for path in pages:
        page = t.go(url_of(path))
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("document.scripts.length") == 1, path
        # every address on the page is harmless (the empty icon "data:," keeps browsers from asking for one)
        assert page.evaluate(
            "[...document.querySelectorAll('[href],[src]')].filter(e => !(e.rel === 'icon' && e.href === 'data:,'))"
            ".every(e => !/^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') || e.getAttribute('src')))"
        ), path
        assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0, path
        body = page.inner_text("body")
        assert "\x1b" not in body and "\u202e" not in body and "\x07" not in body
        saw_text |= "<script>window.__pwned='quote'</script>" in body
        for link in page.query_selector_all("a[href]"):  # follow nothing, but every link's target is harmless
            href = link.get_attribute("href") or ""
            assert href.startswith(("#", "https://", "http://")) or "://" not in href, href
    assert saw_text
    quote = next(p for p in (sites["hostile"] / "quotes").glob("*.html") if "pwned=&#39;quote&#39;" in p.read_text())
    page = t.go(url_of(quote))
    for mark in page.query_selector_all("#timeline a.mark"):
        mark.click()
    for link in page.query_selector_all("article.appearance a[href^='https']"):
        assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "hostile-quote-1280.png")
    assert t.problems == []


def test_print_stylesheet_hides_navigation(sites: dict[str, Path], tab: Callable[..., Tab]) -> None:
    t = tab(1280)
    page = t.go(url_of(sites["wire"] / "index.html"))
    page.emulate_media(media="print")
    assert not page.is_visible("header.site")
    assert not page.is_visible("#controls")
    assert page.is_visible("#quotes")
    page.emulate_media(media="screen")
    assert page.is_visible("header.site")
