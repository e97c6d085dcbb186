"""Articles straight from the web, against a real http.server on 127.0.0.1 serving fixtures/web (nothing leaves
the machine): pages, RSS and Atom feeds, sitemaps, URL lists, the cache, politeness and every kind of failure."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from quotetrace import __version__
from quotetrace.ingest.web import (
    Fetcher,
    WebOptions,
    WebReader,
    WebSources,
    is_url,
    iter_web,
    read_url_list,
)
from quotetrace.models import Article, ReadProblem

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"

ROUTES = {
    "/news/harbour-bridge.html": ("harbour-bridge.html", "text/html; charset=utf-8"),
    "/news/ferry-timetable.html": ("ferry-timetable.html", "text/html"),
    "/news/french.html": ("french.html", "text/html; charset=utf-8"),
    "/feed.xml": ("feed.xml", "application/rss+xml"),
    "/atom.xml": ("atom.xml", "application/atom+xml"),
    "/sitemap.xml": ("sitemap.xml", "application/xml"),
    "/sitemap-index.xml": ("sitemap-index.xml", "application/xml"),
    "/doc.pdf": ("doc.pdf", "application/pdf"),
    "/not-a-feed.xml": ("harbour-bridge.html", "text/html"),
}


class Site:
    """The local server: what it was asked for, and with which headers."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.flaky_failures = 1
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes = b"", ctype: str = "text/html") -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def do_GET(self) -> None:
                site.hits[self.path] += 1
                site.agents.append(self.headers.get("User-Agent", ""))
                if self.path == "/slow.html":
                    time.sleep(2.0)
                    self._send(200, b"<html><body><p>Too late.</p></body></html>")
                elif self.path == "/flaky.html":
                    if site.hits[self.path] <= site.flaky_failures:
                        self._send(503, b"busy")
                    else:
                        body = (WEB / "ferry-timetable.html").read_bytes()
                        self._send(200, body)
                elif self.path == "/moved.html":
                    self.send_response(301)
                    self.send_header("Location", "/news/harbour-bridge.html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path in ROUTES:
                    name, ctype = ROUTES[self.path]
                    body = (WEB / name).read_bytes().replace(b"{base}", site.base.encode())
                    self._send(200, body, ctype)
                else:
                    self._send(404, b"not here")

        return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.thread.start()
    try:
        yield s
    finally:
        s.server.shutdown()
        s.server.server_close()


def options(tmp_path: Path, **kw: Any) -> WebOptions:
    base: dict[str, Any] = {"timeout": 0.5, "retries": 1, "delay": 0.0, "backoff": 0.0, "allow_private": True}
    base["cache_dir"] = tmp_path / "cache"
    return WebOptions(**(base | kw))


def articles(items: list[Article | ReadProblem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list[Article | ReadProblem]) -> dict[str, str]:
    return {i.path: i.reason for i in items if isinstance(i, ReadProblem)}


# ---------------------------------------------------------------------------- pages


def test_page_url_is_id_and_url(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/harbour-bridge.html")
    (article,) = articles(list(WebReader(options(tmp_path)).pages([url])))
    assert article.id == url and article.url == url and article.path == url
    assert article.title == "Harbour bridge to reopen in May, mayor says"
    assert article.outlet == "The Northwind Times"
    assert (article.date or "").startswith("2025-05-05")
    assert "Tweet this" not in article.text and "We have fixed what was broken" in article.text


def test_user_agent_names_quotetrace_and_version(site: Site, tmp_path: Path) -> None:
    list(WebReader(options(tmp_path)).pages([site.url("/news/harbour-bridge.html")]))
    assert site.agents and all(a.startswith(f"quotetrace/{__version__}") for a in site.agents)


def test_redirect_is_followed(site: Site, tmp_path: Path) -> None:
    (article,) = articles(list(WebReader(options(tmp_path)).pages([site.url("/moved.html")])))
    assert article.id == site.url("/moved.html")
    assert article.title == "Harbour bridge to reopen in May, mayor says"


def test_cache_means_no_refetch(site: Site, tmp_path: Path) -> None:
    urls = [site.url("/news/harbour-bridge.html"), site.url("/news/ferry-timetable.html")]
    first = articles(list(WebReader(options(tmp_path)).pages(urls)))
    hits = dict(site.hits)
    second_reader = WebReader(options(tmp_path))
    second = articles(list(second_reader.pages(urls)))
    assert dict(site.hits) == hits  # nothing fetched again
    assert second_reader.fetcher.cached == 2 and second_reader.fetcher.fetched == 0
    assert [a.text for a in second] == [a.text for a in first]
    articles(list(WebReader(options(tmp_path, refetch=True)).pages(urls)))
    assert all(site.hits[u.removeprefix(site.base)] == 2 for u in urls)


def test_without_cache_dir_nothing_is_written(site: Site, tmp_path: Path) -> None:
    list(WebReader(options(tmp_path, cache_dir=None)).pages([site.url("/news/harbour-bridge.html")]))
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "cannot fetch: HTTP 404"),
        ("/slow.html", "cannot fetch: timed out"),
        ("/doc.pdf", "not an HTML page (application/pdf)"),
        ("/news/french.html", "not English (looks French"),
    ],
)
def test_one_failing_url_is_a_warning_not_the_end(site: Site, tmp_path: Path, path: str, reason: str) -> None:
    bad, good = site.url(path), site.url("/news/harbour-bridge.html")
    items = list(iter_web(WebSources(urls=[bad, good]), options(tmp_path, retries=0)))
    assert [a.id for a in articles(items)] == [good]
    assert list(problems(items)) == [bad]
    assert problems(items)[bad].startswith(reason)


def test_failures_are_not_cached(site: Site, tmp_path: Path) -> None:
    url = site.url("/missing.html")
    list(WebReader(options(tmp_path, retries=0)).pages([url]))
    list(WebReader(options(tmp_path, retries=0)).pages([url]))
    assert site.hits["/missing.html"] == 2


def test_retries_after_a_passing_server_error(site: Site, tmp_path: Path) -> None:
    url = site.url("/flaky.html")
    (article,) = articles(list(WebReader(options(tmp_path, retries=2)).pages([url])))
    assert article.title == "Ferry timetable changes for the summer"
    assert site.hits["/flaky.html"] == 2


def test_no_retries_means_one_try(site: Site, tmp_path: Path) -> None:
    url = site.url("/flaky.html")
    items = list(WebReader(options(tmp_path, retries=0)).pages([url]))
    assert problems(items) == {url: "cannot fetch: HTTP 503"}
    assert site.hits["/flaky.html"] == 1


def test_unreachable_host(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x.html"
    items = list(WebReader(options(tmp_path, retries=0)).pages([url]))
    assert problems(items) == {url: "cannot fetch: connection refused"}


def test_loopback_refused_unless_allowed(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/harbour-bridge.html")
    items = list(WebReader(options(tmp_path, allow_private=False)).pages([url]))
    assert problems(items)[url].startswith("cannot fetch: refused: a private or loopback address")
    assert site.hits[url.removeprefix(site.base)] == 0


def test_per_host_delay(site: Site, tmp_path: Path) -> None:
    slept: list[float] = []
    reader = WebReader(options(tmp_path, delay=5.0), sleep=slept.append)
    list(reader.pages([site.url("/news/harbour-bridge.html"), site.url("/news/ferry-timetable.html")]))
    assert len(slept) == 1 and 4.0 < slept[0] <= 5.0
    other = WebReader(options(tmp_path, delay=5.0, refetch=True), sleep=slept.append)
    list(other.pages([site.url("/news/harbour-bridge.html")]))
    assert len(slept) == 1  # a new host (for this reader) never waits


def test_the_same_url_twice_is_read_once(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/harbour-bridge.html")
    assert len(list(WebReader(options(tmp_path)).pages([url, url]))) == 1


# ---------------------------------------------------------------------------- feeds, sitemaps, lists


@pytest.mark.parametrize("feed", ["/feed.xml", "/atom.xml"])
def test_feed(site: Site, tmp_path: Path, feed: str) -> None:
    items = list(iter_web(WebSources(feeds=[site.url(feed)]), options(tmp_path)))
    ids = [a.id for a in articles(items)]
    assert site.url("/news/ferry-timetable.html") in ids
    if feed == "/feed.xml":
        assert ids == [site.url("/news/harbour-bridge.html"), site.url("/news/ferry-timetable.html")]
        assert problems(items) == {site.url("/news/missing.html"): "cannot fetch: HTTP 404"}


@pytest.mark.parametrize(
    ("feed", "reason"),
    [("/no-feed.xml", "cannot fetch the feed: HTTP 404"), ("/not-a-feed.xml", "not an RSS or Atom feed")],
)
def test_bad_feed(site: Site, tmp_path: Path, feed: str, reason: str) -> None:
    items = list(iter_web(WebSources(feeds=[site.url(feed)]), options(tmp_path, retries=0)))
    assert problems(items) == {site.url(feed): reason}


@pytest.mark.parametrize("sitemap", ["/sitemap.xml", "/sitemap-index.xml"])
def test_sitemap(site: Site, tmp_path: Path, sitemap: str) -> None:
    items = list(iter_web(WebSources(sitemaps=[site.url(sitemap)]), options(tmp_path, retries=0)))
    assert [a.id for a in articles(items)] == [
        site.url("/news/harbour-bridge.html"),
        site.url("/news/ferry-timetable.html"),
    ]


def test_bad_sitemap(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/harbour-bridge.html")  # HTML, not a sitemap
    items = list(iter_web(WebSources(sitemaps=[url]), options(tmp_path)))
    assert list(problems(items)) == [url] and not articles(items)


def test_url_list(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# today's stories\n{site.url('/news/harbour-bridge.html')}\n\nnot a url\n{site.url('/missing.html')}\n",
        encoding="utf-8",
    )
    urls, bad = read_url_list(str(listing))
    assert urls == [site.url("/news/harbour-bridge.html"), site.url("/missing.html")]
    assert [(p.path, p.reason) for p in bad] == [(f"{listing}:4", "not an http(s) URL")]
    items = list(iter_web(WebSources(url_files=[str(listing)]), options(tmp_path, retries=0)))
    assert [a.id for a in articles(items)] == [site.url("/news/harbour-bridge.html")]
    assert set(problems(items)) == {f"{listing}:4", site.url("/missing.html")}


def test_missing_url_list(tmp_path: Path) -> None:
    urls, bad = read_url_list(str(tmp_path / "none.txt"))
    assert urls == [] and [p.reason for p in bad] == ["no such file or directory"]


@pytest.mark.parametrize(
    ("arg", "expected"),
    [("https://example.org/a", True), ("http://127.0.0.1:8000/x", True), ("HTTP://EXAMPLE.ORG", True),
     ("example.org/a", False), ("ftp://example.org/a", False), ("seeds/", False), ("-", False), ("https://", False),
     ("https://example.org/\x1b[31mred", False), ("https://example.org/\u202eevil", False)],
)  # fmt: skip
def test_is_url(arg: str, expected: bool) -> None:
    assert is_url(arg) is expected


def test_fetcher_cache_is_keyed_by_url(tmp_path: Path) -> None:
    fetcher = Fetcher(options(tmp_path))
    a, b = fetcher.cache_paths("https://example.org/a"), fetcher.cache_paths("https://example.org/b")
    assert a is not None and b is not None and a != b
    assert a[0].is_relative_to(tmp_path / "cache")


# ---------------------------------------------------------------------------- the command


@pytest.mark.slow
def test_ingest_command_from_the_web(site: Site, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotetrace.cli import app

    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    db = tmp_path / "web.db"
    args = ["ingest", "--db", str(db), "--allow-private-hosts", "--delay", "0", "--timeout", "1", "--retries", "0",
            "--feed", site.url("/feed.xml"), site.url("/doc.pdf"), "--json"]  # fmt: skip
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["read"] == 2
    assert site.url("/news/missing.html") in result.stderr and "HTTP 404" in result.stderr
    assert site.url("/doc.pdf") in result.stderr and "not an HTML page" in result.stderr
    assert (db.parent / "web-cache").is_dir()
    hits = dict(site.hits)
    again = runner.invoke(app, args, catch_exceptions=False)
    assert again.exit_code == 0
    pages = ["/news/harbour-bridge.html", "/news/ferry-timetable.html", "/doc.pdf"]
    assert all(site.hits[p] == hits[p] for p in pages)  # cached: not fetched again
    listed = runner.invoke(app, ["list", "--db", str(db), "--json"], catch_exceptions=False)
    quotes = json.loads(listed.stdout)
    assert any("We have fixed what was broken" in json.dumps(q) for q in quotes)


def test_ingest_command_with_nothing_to_read(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotetrace.cli import app

    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2


def test_a_feed_is_fetched_again_its_pages_are_not(site: Site, tmp_path: Path) -> None:
    sources = WebSources(feeds=[site.url("/feed.xml")])
    list(iter_web(sources, options(tmp_path, retries=0)))
    list(iter_web(sources, options(tmp_path, retries=0)))
    assert site.hits["/feed.xml"] == 2  # new items would be seen
    assert site.hits["/news/harbour-bridge.html"] == 1 and site.hits["/news/ferry-timetable.html"] == 1


def test_url_list_from_stdin() -> None:
    import io

    urls, bad = read_url_list("-", io.StringIO("https://example.org/a\n# note\n\nftp://example.org/b\n"))
    assert urls == ["https://example.org/a"]
    assert [(p.path, p.reason) for p in bad] == [("-:4", "not an http(s) URL")]


def test_page_over_the_size_limit(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/harbour-bridge.html")
    items = list(WebReader(options(tmp_path, max_bytes=1024)).pages([url]))
    assert problems(items) == {url: "cannot fetch: page is over the 1 KB limit (--max-mb)"}


def test_a_damaged_cache_entry_is_fetched_again(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/harbour-bridge.html")
    reader = WebReader(options(tmp_path))
    list(reader.pages([url]))
    paths = reader.fetcher.cache_paths(url)
    assert paths is not None
    paths[1].write_text(json.dumps({"url": url, "status": "not a number"}), encoding="utf-8")
    (article,) = articles(list(WebReader(options(tmp_path)).pages([url])))
    assert article.id == url and site.hits["/news/harbour-bridge.html"] == 2
