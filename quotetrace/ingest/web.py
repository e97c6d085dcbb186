"""Articles straight from the web: URLs, RSS/Atom feeds, sitemaps and URL lists, fetched politely and cached.

Pages are fetched through trafilatura's connection pool (``trafilatura.downloads.create_pool``: it refuses
private and loopback addresses, redirects included, and honours its proxy setting) with quotetrace's request
policy: its user agent, a timeout, a pause between two requests to the same host, and retries with backoff on
timeouts, refused connections and 429/5xx answers. (``fetch_response`` itself ties retries to the redirect
budget and the backoff to half the timeout: a page that never answered took 42 s with a 2 s timeout.) Feeds
are read with feedparser and sitemaps (and sitemap indexes) with lxml: courlan, under trafilatura's own feed
and sitemap helpers, drops every link to an IP address or ``localhost``, which an intranet and the tests need.

Every page's raw HTML is cached under the index's data folder (``<folder>/web-cache``), keyed by the URL, so
a re-ingest reads the cache instead of the network (``refetch`` bypasses it). Feeds and sitemaps are fetched
again each time: they list new articles. Each page goes through the same
HTML path as an ``.html`` file (:mod:`quotetrace.ingest.htmlpage`); its URL is the article's id and ``url``.
A URL that cannot be read is a ReadProblem naming the URL and why — never the end of the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin, urlsplit

from quotetrace.models import Article, ReadProblem

#: Answers worth asking again for: rate limited, or the server had a passing problem.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: Content types read as HTML pages (a missing type is sniffed from the bytes).
HTML_TYPES = ("text/html", "application/xhtml+xml")
CACHE_DIR = "web-cache"
MAX_SITEMAPS = 50
MAX_REDIRECTS = 5
MAX_LINKS = 100_000

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def is_url(arg: str) -> bool:
    """True for an ``http://`` or ``https://`` URL (what ``ingest`` fetches instead of reading a file).

    A string with control or formatting characters (escape sequences, bidi overrides) is never a URL: a feed
    or sitemap is data, and what it lists ends up in warnings on the terminal.
    """
    s = arg.strip()
    return bool(_URL.match(s)) and s.isprintable()


def user_agent() -> str:
    from quotetrace import __version__

    return f"quotetrace/{__version__} (+https://pypi.org/project/quotetrace/; quote provenance research)"


@dataclass
class WebOptions:
    """How politely and where from to fetch."""

    timeout: float = 20.0  # seconds per request
    retries: int = 2  # further attempts after a timeout, a connection error or a 429/5xx answer
    delay: float = 1.0  # seconds between two requests to the same host
    backoff: float = 1.0  # seconds before the first retry, doubled for each further one
    cache_dir: Path | None = None  # None: no cache
    refetch: bool = False  # ignore cached pages (they are still written)
    allow_private: bool = False  # fetch from loopback/private addresses (intranets, tests)
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = field(default_factory=user_agent)


@dataclass
class Fetched:
    """One page as fetched (or read from the cache)."""

    url: str  # the URL asked for
    final_url: str
    status: int
    content_type: str
    data: bytes
    from_cache: bool = False


class FetchError(Exception):
    """A page that could not be fetched; the message says why in a few words."""


def _reason(exc: BaseException) -> str:
    """A few words for why a request failed (urllib3 wraps the cause in MaxRetryError)."""
    cause = getattr(exc, "reason", None) or exc
    name = type(cause).__name__
    text = f"{name} {cause}".lower()
    for needle, reason in (
        ("timeout", "timed out"),
        ("timed out", "timed out"),
        ("connection refused", "connection refused"),
        ("name or service not known", "unknown host"),
        ("nodename nor servname", "unknown host"),
        ("temporary failure in name resolution", "unknown host"),
        ("failed to resolve", "unknown host"),
        ("redirect", "too many redirects"),
        ("non-public", "refused: a private or loopback address (--allow-private-hosts to fetch it)"),
        ("private", "refused: a private or loopback address (--allow-private-hosts to fetch it)"),
        ("ssl", "TLS/SSL error"),
        ("too many", "the server kept failing"),
    ):
        if needle in text:
            return reason
    return f"{name}: {str(cause)[:120]}"


class Fetcher:
    """Fetches pages through trafilatura's pool: a user agent, a timeout, per-host pauses, retries, a cache."""

    def __init__(self, options: WebOptions, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self.fetched = 0
        self.cached = 0
        self._pool_manager: Any = None

    def _pool(self) -> Any:
        """trafilatura's connection pool: it refuses private and loopback addresses unless allowed, and honours
        its proxy setting. The request policy (timeout, retries, redirects) is quotetrace's."""
        if self._pool_manager is None:
            import certifi
            from trafilatura.downloads import create_pool

            self._pool_manager = create_pool(
                ssrf_protection=not self.options.allow_private, ca_certs=certifi.where(), cert_reqs="CERT_REQUIRED"
            )
        return self._pool_manager

    # ------------------------------------------------------------------ cache

    def cache_paths(self, url: str) -> tuple[Path, Path] | None:
        """The cached body and its metadata for ``url`` (keyed by a hash of the URL)."""
        if self.options.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        folder = self.options.cache_dir / key[:2]
        return folder / f"{key}.body", folder / f"{key}.json"

    def _from_cache(self, url: str) -> Fetched | None:
        paths = self.cache_paths(url)
        if paths is None or self.options.refetch:
            return None
        body, meta = paths
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(info, dict) or info.get("url") != url:
            return None
        try:
            return Fetched(url, str(info.get("final_url") or url), int(info.get("status", 200)),
                           str(info.get("content_type", "")), data, from_cache=True)  # fmt: skip
        except (TypeError, ValueError):
            return None  # a damaged cache entry: fetch again

    def _to_cache(self, page: Fetched) -> None:
        paths = self.cache_paths(page.url)
        if paths is None:
            return
        body, meta = paths
        try:
            body.parent.mkdir(parents=True, exist_ok=True)
            tmp = body.with_suffix(".tmp")
            tmp.write_bytes(page.data)
            os.replace(tmp, body)
            info = {
                "url": page.url,
                "final_url": page.final_url,
                "status": page.status,
                "content_type": page.content_type,
                "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            meta.write_text(json.dumps(info), encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs a refetch next time

    # ------------------------------------------------------------------ fetching

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.options.delay - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = time.monotonic()

    def _request(self, url: str) -> Fetched:
        import urllib3

        from quotetrace.ingest.readers import format_limit

        self._wait_for(urlsplit(url).netloc.lower())
        retry = urllib3.util.Retry(
            total=self.options.retries + MAX_REDIRECTS,
            connect=self.options.retries,
            read=self.options.retries,
            status=self.options.retries,
            redirect=MAX_REDIRECTS,
            backoff_factor=self.options.backoff,
            backoff_max=30,
            status_forcelist=RETRY_STATUS,
            allowed_methods=frozenset({"GET"}),
            raise_on_status=False,
            respect_retry_after_header=True,
        )
        headers = urllib3.util.make_headers(accept_encoding=True) | {"User-Agent": self.options.user_agent}
        try:
            response = self._pool().request(
                "GET", url, headers=headers, retries=retry, timeout=self.options.timeout, preload_content=False
            )
            try:
                data = bytearray()
                for chunk in response.stream(2**16):
                    data += chunk
                    if len(data) > self.options.max_bytes:
                        raise FetchError(f"page is over the {format_limit(self.options.max_bytes)} limit (--max-mb)")
            finally:
                response.release_conn()
        except FetchError:
            raise
        except Exception as exc:  # urllib3 raises many kinds; one bad URL must never end the run
            raise FetchError(_reason(exc)) from None
        final = urljoin(url, response.geturl() or url)
        return Fetched(url, final, int(response.status), response.headers.get("content-type", ""), bytes(data))

    def fetch(self, url: str, *, cache: bool = True) -> Fetched:
        """The page at ``url`` (from the cache when there); raises FetchError saying why it cannot be had.

        With ``cache=False`` (feeds and sitemaps, which change) the network is always asked and nothing is kept.
        """
        if cache:
            cached = self._from_cache(url)
            if cached is not None:
                self.cached += 1
                return cached
        page = self._request(url)
        if page.status != 200:
            raise FetchError(f"HTTP {page.status}")
        self.fetched += 1
        if cache:
            self._to_cache(page)
        return page


# ---------------------------------------------------------------------------- reading pages


def _decode(data: bytes, content_type: str) -> str:
    from quotetrace.ingest.readers import Unreadable, decode

    m = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    if m:
        try:
            return data.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data, html=True)
    except Unreadable as exc:
        raise FetchError(exc.reason) from None


def _is_html(page: Fetched) -> bool:
    kind = page.content_type.split(";")[0].strip().lower()
    if kind:
        return kind in HTML_TYPES
    head = page.data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def article_from_html(
    markup: str, *, url: str, date: str | None = None, path: str | None = None
) -> Article | ReadProblem:
    """An Article whose id and ``url`` are ``url``, read through the one HTML path (also used for WARC records)."""
    from quotetrace.ingest.htmlpage import read_page
    from quotetrace.ingest.readers import build_article

    page = read_page(markup, url=url, date=date)
    if page.text is None:
        return ReadProblem(path or url, page.problem or "no article text found in the HTML")
    return build_article(id=url, text=page.text, path=path or url, layers=[page.meta])


class WebReader:
    """Articles from URLs, feeds, sitemaps and URL lists, in the order given; problems instead of exceptions."""

    def __init__(self, options: WebOptions, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.fetcher = Fetcher(options, sleep=sleep)
        self._seen: set[str] = set()

    def page(self, url: str) -> Article | ReadProblem:
        try:
            fetched = self.fetcher.fetch(url)
        except FetchError as exc:
            return ReadProblem(url, f"cannot fetch: {exc}")
        if not _is_html(fetched):
            kind = fetched.content_type.split(";")[0].strip() or "unknown type"
            return ReadProblem(url, f"not an HTML page ({kind})")
        try:
            markup = _decode(fetched.data, fetched.content_type)
        except FetchError as exc:
            return ReadProblem(url, str(exc))
        try:
            return article_from_html(markup, url=url)
        except Exception as exc:  # one odd page must not stop a run of thousands
            return ReadProblem(url, f"could not be read ({type(exc).__name__}: {exc})")

    def pages(self, urls: Iterable[str]) -> Iterator[Article | ReadProblem]:
        """Each new URL's article (a URL met twice is read once)."""
        for url in urls:
            url = url.strip()
            if url in self._seen:
                continue
            self._seen.add(url)
            yield self.page(url)

    def _document(self, url: str, what: str) -> str | ReadProblem:
        try:
            fetched = self.fetcher.fetch(url, cache=False)  # a feed or sitemap changes: always ask again
            return _decode(fetched.data, fetched.content_type)
        except FetchError as exc:
            return ReadProblem(url, f"cannot fetch the {what}: {exc}")

    def feed_links(self, url: str) -> list[str] | ReadProblem:
        """The article links of an RSS or Atom feed, in the feed's order."""
        import feedparser

        text = self._document(url, "feed")
        if isinstance(text, ReadProblem):
            return text
        parsed = feedparser.parse(text)
        links: list[str] = []
        for entry in parsed.entries:
            link = entry.get("link") or next(
                (lk.get("href") for lk in entry.get("links", []) if lk.get("rel", "alternate") == "alternate"), None
            )
            if isinstance(link, str) and link.strip():
                absolute = urljoin(url, link.strip())
                if is_url(absolute):
                    links.append(absolute)
        if not links:
            bad = parsed.get("bozo") and not parsed.entries
            return ReadProblem(url, "not an RSS or Atom feed" if bad else "the feed lists no articles")
        return links

    def sitemap_links(self, url: str) -> list[str] | ReadProblem:
        """The page links of a sitemap, following a sitemap index (at most MAX_SITEMAPS sitemaps)."""
        from lxml import etree

        todo: list[str] = [url]
        seen: set[str] = set()
        links: list[str] = []
        problem: ReadProblem | None = None
        while todo and len(seen) < MAX_SITEMAPS:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            text = self._document(current, "sitemap")
            if isinstance(text, ReadProblem):
                problem = problem or text
                continue
            parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
            try:
                root = etree.fromstring(text.encode("utf-8"), parser)
            except etree.XMLSyntaxError:
                root = None
            if root is None or not isinstance(root.tag, str):
                problem = problem or ReadProblem(current, "not an XML sitemap")
                continue
            is_index = etree.QName(root).localname == "sitemapindex"
            for loc in root.iter("{*}loc", "loc"):
                if loc.text and is_url(loc.text):
                    (todo if is_index else links).append(loc.text.strip())
                    if len(links) >= MAX_LINKS:
                        break
        if not links:
            return problem or ReadProblem(url, "the sitemap lists no pages")
        return links


def read_url_list(source: str, stdin: TextIO | None = None) -> tuple[list[str], list[ReadProblem]]:
    """The URLs in a file (``-``: standard input), one a line; blank lines and ``#`` comments skipped."""
    import sys

    try:
        if source == "-":
            text = (stdin or sys.stdin).read()
        else:
            with open(source, encoding="utf-8") as fh:
                text = fh.read(10 * 1024 * 1024)
    except (OSError, UnicodeDecodeError) as exc:
        reason = "not valid UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc)).lower()
        return [], [ReadProblem(source, reason)]
    urls: list[str] = []
    problems: list[ReadProblem] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
        if not line:
            continue
        if is_url(line):
            urls.append(line)
        else:
            problems.append(ReadProblem(f"{source}:{n}", "not an http(s) URL"))
    return urls, problems


@dataclass
class WebSources:
    """What to fetch: URLs, feeds, sitemaps and files of URLs."""

    urls: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    url_files: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds or self.sitemaps or self.url_files)


def iter_web(
    sources: WebSources, options: WebOptions, *, stdin: TextIO | None = None, reader: WebReader | None = None
) -> Iterator[Article | ReadProblem]:
    """The articles of every URL, feed, sitemap and URL file in ``sources``; problems as ReadProblems."""
    from quotetrace.ingest import only_english

    web = reader or WebReader(options)

    def items() -> Iterator[Article | ReadProblem]:
        for url in sources.urls:
            yield from web.pages([url])
        for listing in sources.url_files:
            urls, problems = read_url_list(listing, stdin)
            yield from problems
            yield from web.pages(urls)
        for feed in sources.feeds:
            links = web.feed_links(feed)
            if isinstance(links, ReadProblem):
                yield links
            else:
                yield from web.pages(links)
        for sitemap in sources.sitemaps:
            links = web.sitemap_links(sitemap)
            if isinstance(links, ReadProblem):
                yield links
            else:
                yield from web.pages(links)

    yield from only_english(items())


def default_cache_dir(db_path: Path | None) -> Path:
    """``web-cache`` in the index's folder (the default data folder without an index)."""
    from quotetrace.config import default_data_dir

    return (db_path.parent if db_path is not None else default_data_dir()) / CACHE_DIR
