"""One HTML page into article text and metadata: trafilatura's extraction, then outlet, title and body cleaned.

Every HTML input goes through :func:`read_page` — ``.html`` files, pages fetched from the web and WARC
records — so they read the same. The outlet is canonical (:mod:`quotetrace.ingest.outlets`), the title loses
the site's name and date around it, the body loses page furniture (:mod:`quotetrace.ingest.boilerplate`).
"""

from __future__ import annotations

import html
import json
import re
import warnings
from dataclasses import dataclass
from typing import Any

from quotetrace.ingest import metadata as md
from quotetrace.ingest.boilerplate import clean_body
from quotetrace.ingest.outlets import SEPARATORS, canonical_outlet
from quotetrace.ingest.records import Meta

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
# Around a site name in a <title>: the usual separators, a spaced slash ("Headline / Boing Boing") among them.
_BRAND_EDGE = " \t|-–—·•:»«/"
_BRAND_SEPARATORS = re.compile(rf"{SEPARATORS.pattern}|\s+/\s+")


@dataclass(frozen=True)
class Page:
    """What an HTML page says: its cleaned body text and metadata (a ReadProblem reason when it has no text)."""

    text: str | None
    meta: Meta
    problem: str | None = None


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    return value.strip() or None if isinstance(value, str) else None


def title_tag(markup: str) -> str | None:
    """The text of the page's first ``<title>`` element (entities decoded, whitespace collapsed)."""
    m = _TITLE_TAG.search(markup[:200_000])
    if not m:
        return None
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", m.group(1))).split())
    return text or None


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FEED_KIND = re.compile(r"(?:\s*[-»|:–—]\s*|\s+)(?:(?:rss|atom)(?:\s*2\.0)?(?:\s+feed)?|feed)\s*$", re.IGNORECASE)


def feed_title(markup: str) -> str | None:
    """The site's name as its feed link gives it (``<link rel="alternate" type="application/rss+xml"
    title="Luxury Haven | Award-winning … - Atom">``): the first feed's title without the feed kind.

    Blogs and small sites often have no ``og:site_name`` and a ``<title>`` that is the headline alone; their feed
    link still names the site.
    """
    for tag in _LINK_TAG.finditer(markup[:200_000]):
        attrs = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _ATTR.finditer(tag.group())
        }
        kind = (attrs.get("type") or "").lower()
        if "alternate" not in (attrs.get("rel") or "").lower().split() or kind not in (
            "application/rss+xml",
            "application/atom+xml",
        ):
            continue
        name = " ".join(html.unescape(attrs.get("title") or "").split())
        name = _FEED_KIND.sub("", name).strip()
        if re.search(r"comments?\b", name, re.IGNORECASE):
            continue  # a comments feed names a post, not (only) the site
        if name:
            return name
    return None


def title_brand(markup: str, headline: str | None) -> str | None:
    """The site name a ``<title>`` prints after (or before) the headline ("Two more gunned down | The Tribune")."""
    full = title_tag(markup)
    if not full or not headline:
        return None
    head = " ".join(headline.split()).casefold()
    folded = full.casefold()
    if folded.startswith(head) and len(full) > len(head):
        # what the <title> adds after the headline, whatever separates them ("Hating Millennials - the prejudice
        # … / Boing Boing": the headline's own dash is no separator of the site name)
        rest_text = full[len(head) :].lstrip(_BRAND_EDGE)
    elif folded.endswith(head) and len(full) > len(head):
        rest_text = full[: len(full) - len(head)].rstrip(_BRAND_EDGE)
    else:
        return None
    rest = [p.strip() for p in _BRAND_SEPARATORS.split(rest_text) if p.strip()]
    return next((p for p in rest if not (md.normalise_date(p) or md.infer_date(p)) and re.search(r"[^\W\d_]", p)), None)


_LD_SCRIPT = re.compile(
    r"""<script\b[^>]*\btype\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script\s*>""", re.IGNORECASE | re.DOTALL
)
_BLOCK_END = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|h[1-6]|li|blockquote))\s*>", re.IGNORECASE)
#: An extracted body shorter than this many words may be a stub ("Read full article"): the page's JSON-LD
#: ``articleBody`` is used instead when it is at least twice as long and this long itself.
STUB_WORDS = 150


def json_ld_body(markup: str) -> str | None:
    """The longest ``articleBody`` in the page's JSON-LD, as lines of plain text (one paragraph a line).

    Paywalled and script-rendered pages (an SCMP opinion piece) often print a stub in their HTML and the whole
    article in their structured data.
    """
    best = ""
    for m in _LD_SCRIPT.finditer(markup):
        try:
            data: Any = json.loads(m.group(1).strip())
        except (ValueError, RecursionError):
            continue  # broken or hostile JSON: this block says nothing
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str) and len(body) > len(best):
                    best = body
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
    if not best.strip():
        return None
    text = html.unescape(re.sub(r"<[^>]*>", " ", _BLOCK_END.sub("\n", best)))
    paragraphs = text.split("\n") if "\n" in text else re.split(r"(?<=[.!?\"”’)])\s{2,}", text)
    lines = [" ".join(p.split()) for p in paragraphs]
    return "\n".join(line for line in lines if line) or None


def _words(text: str) -> int:
    return len(text.split())


def _stub_of(body: str, structured: str) -> bool:
    """Whether the page's extracted ``body`` is a stub of its structured ``articleBody``: at most half as long, or
    the same words on one line (trafilatura's own fallback reads that field without its paragraphs)."""
    if _words(structured) < 100:
        return False
    return _words(structured) >= 2 * _words(body) or " ".join(body.split()) == " ".join(structured.split())


def read_page(markup: str, *, url: str | None = None, date: str | None = None) -> Page:
    """Extract and clean one page; ``url`` and ``date`` (e.g. where it was fetched from) win over the page's own."""
    try:
        import trafilatura
        from trafilatura.settings import set_date_params
    except ImportError as exc:  # e.g. lxml without lxml_html_clean
        return Page(None, Meta(), f"cannot read HTML: trafilatura is not usable ({exc})")
    try:
        with warnings.catch_warnings():
            # htmldate hands dateutil stamps like "EST": dateutil warns on each, the date is still read
            warnings.filterwarnings("ignore", message=r"tzname .* identified but not understood")
            doc = trafilatura.bare_extraction(
                markup,
                url=url,
                with_metadata=True,
                include_comments=False,
                date_extraction_params=set_date_params(False),  # markup only: no guessing from the page text
            )
    except Exception as exc:  # trafilatura/lxml may raise many kinds of errors on odd markup
        return Page(None, Meta(), f"cannot parse HTML ({type(exc).__name__})")
    fields: dict[str, Any] = {}
    if doc is not None:
        fields = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = fields.get("text")
    if not isinstance(body, str):
        body = ""
    if _words(body) < STUB_WORDS or "\n" not in body.strip():
        structured = json_ld_body(markup)
        if structured and _stub_of(body, structured):
            body = structured
    if not body.strip():
        return Page(None, Meta(), "no article text found in the HTML")
    body = clean_body(body)
    if not body.strip():
        return Page(None, Meta(), "no article text found in the HTML (only page furniture)")
    page_url = url or _field(fields, "url")
    site = _field(fields, "sitename")
    raw_title = _field(fields, "title")
    brand = title_brand(markup, raw_title)
    outlet = canonical_outlet(site, page_url, title_brand=brand, feed_name=feed_title(markup), fallback=False)
    title = md.strip_title_site(raw_title, [site, outlet, brand], page_url, authors=_field(fields, "author"))
    return Page(
        body,
        Meta(title=title, outlet=outlet, date=md.normalise_date(date) or md.normalise_date(_field(fields, "date")),
             url=page_url),
    )  # fmt: skip
