"""One HTML page into article text and metadata: trafilatura's extraction, then outlet, title and body cleaned.

Every HTML input goes through :func:`read_page` — ``.html`` files, pages fetched from the web and WARC
records — so they read the same. The outlet is canonical (:mod:`quotetrace.ingest.outlets`), the title loses
the site's name and date around it, the body loses page furniture (:mod:`quotetrace.ingest.boilerplate`).
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from typing import Any

from quotetrace.ingest import metadata as md
from quotetrace.ingest.boilerplate import clean_body
from quotetrace.ingest.outlets import SEPARATORS, canonical_outlet
from quotetrace.ingest.records import Meta

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


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


def title_brand(markup: str, headline: str | None) -> str | None:
    """The site name a ``<title>`` prints after (or before) the headline ("Two more gunned down | The Tribune")."""
    full = title_tag(markup)
    if not full or not headline:
        return None
    parts = [p.strip() for p in SEPARATORS.split(full) if p.strip()]
    if len(parts) < 2:
        return None
    head = " ".join(headline.split()).casefold()
    if parts[0].casefold() == head or full.casefold().startswith(head):
        rest = [p for p in parts[1:] if p.casefold() not in head]
    elif parts[-1].casefold() == head:
        rest = parts[:-1]
    else:
        return None
    return next((p for p in rest if not (md.normalise_date(p) or md.infer_date(p)) and re.search(r"[^\W\d_]", p)), None)


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
    if not isinstance(body, str) or not body.strip():
        return Page(None, Meta(), "no article text found in the HTML")
    body = clean_body(body)
    if not body.strip():
        return Page(None, Meta(), "no article text found in the HTML (only page furniture)")
    page_url = url or _field(fields, "url")
    site = _field(fields, "sitename")
    raw_title = _field(fields, "title")
    brand = title_brand(markup, raw_title)
    outlet = canonical_outlet(site, page_url, title_brand=brand, fallback=False)
    title = md.strip_title_site(raw_title, [site, outlet, brand], page_url)
    return Page(
        body,
        Meta(title=title, outlet=outlet, date=md.normalise_date(date) or md.normalise_date(_field(fields, "date")),
             url=page_url),
    )  # fmt: skip
