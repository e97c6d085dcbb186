"""Canonical outlet names: the shipped table of common outlets (plus the user's own), site names and title suffixes.

One outlet has one name, however its pages print it: ``uk.reuters.com`` with site name "Reuters_Co_Uk" and
``in.reuters.com`` with "ReutersIndia" are both "Reuters"; "The Boston Herald" and "Boston Herald" are one
outlet; "WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale" is "WSVN 7News".

Resolution (:func:`canonical_outlet`): a url whose host is in the table gives the table's name; else a site
name that matches a table name or alias (ignoring case, spaces, punctuation, a leading "The" and a domain
ending) gives that name; else the site name's own brand segment; a site name that only repeats the url's
domain ("DW.COM", "tribune242.com") counts as no name, and the brand a page's ``<title>`` ends with is used
instead when given, then the name its feed link gives when that name spells the domain (a blog's "Luxury Haven
| … - Atom" on luxuryhaven.co; a section's feed, "Detroit Lions", names no outlet). The table is
``quotetrace/data/outlets.json``; users extend or override it with a file of the same shape at
``$QUOTETRACE_OUTLETS`` or ``<data dir>/outlets.json`` (see :mod:`quotetrace.config`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from quotetrace.text.data import read_json
from quotetrace.text.fold import fold_cached as fold

OUTLETS_ENV = "QUOTETRACE_OUTLETS"
USER_FILE = "outlets.json"

#: Separators between a site's brand and its tagline or a headline and the site ("Title | Site", "Site - Tagline").
SEPARATORS = re.compile(r"\s+[|\-–—·•:»«]\s+|\s*[|·•»«]\s*|\s+::\s+")
#: Endings of a name written as a domain ("Salon.com", "Telegraph.co.uk", "DW.COM").
_DOMAIN_END = re.compile(r"\.(?:com|net|org|info|news|co|[a-z]{2})(?:\.[a-z]{2})?$", re.IGNORECASE)
_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
#: A tagline segment (not a brand): lists of things, or words sites put after their name.
_TAGLINE = re.compile(
    r",|\b(?:news|breaking|latest|headlines|weather|sports?|opinion|online|home|official site|website)\b"
    r".*\b(?:and|&)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OutletTable:
    """Domains → canonical names and folded names/aliases → canonical names."""

    by_domain: Mapping[str, str]
    by_key: Mapping[str, str]


def fold_name(name: str) -> str:
    """A name as compared: case, accents, spaces, punctuation, a leading "The" and a domain ending ignored."""
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", fold(name.strip()))
    if " " not in s.strip():
        s = _DOMAIN_END.sub("", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"[\W_]+", "", s)


def _merge(table: dict[str, Any], by_domain: dict[str, str], by_key: dict[str, str]) -> None:
    outlets = table.get("outlets") or {}
    aliases = table.get("aliases") or {}
    if not isinstance(outlets, Mapping) or not isinstance(aliases, Mapping):
        raise ValueError("'outlets' and 'aliases' must be JSON objects")
    for name, domains in outlets.items():
        if not isinstance(name, str) or name.startswith("_"):
            continue
        by_key[fold_name(name)] = name
        for domain in domains if isinstance(domains, list) else []:
            if isinstance(domain, str) and domain.strip():
                by_domain[domain.strip().lower().removeprefix("www.")] = name
    for alias, name in aliases.items():
        if isinstance(alias, str) and isinstance(name, str) and not alias.startswith("_"):
            by_key[fold_name(alias)] = name


def user_table_path() -> Path | None:
    """The user's outlet file: ``$QUOTETRACE_OUTLETS``, else ``<data dir>/outlets.json`` when it exists."""
    env = os.environ.get(OUTLETS_ENV, "").strip()
    if env:
        return Path(os.path.expanduser(env))
    from quotetrace.config import default_data_dir

    path = default_data_dir() / USER_FILE
    return path if path.is_file() else None


class OutletTableError(ValueError):
    """The user's outlet file cannot be used (the message names the file and why)."""


@cache
def load_table(user_path: str | None = None) -> OutletTable:
    """The shipped table, extended (and overridden) by the user's file; raises OutletTableError for a bad file."""
    by_domain: dict[str, str] = {}
    by_key: dict[str, str] = {}
    _merge(read_json("outlets.json"), by_domain, by_key)
    if user_path:
        try:
            data = json.loads(Path(user_path).read_text(encoding="utf-8"))
            if not isinstance(data, Mapping):
                raise ValueError("not a JSON object")
            _merge(dict(data), by_domain, by_key)
        except (OSError, ValueError) as exc:
            raise OutletTableError(f"{user_path}: cannot use this outlet table ({exc})") from None
    return OutletTable(by_domain, by_key)


def table() -> OutletTable:
    """The table in effect (shipped + user file); a broken user file is ignored with the shipped table kept
    (:func:`table_problem` says why, for the command to warn)."""
    path = user_table_path()
    try:
        return load_table(str(path) if path else None)
    except OutletTableError:
        return load_table(None)


def table_problem() -> str | None:
    """Why the user's outlet file is not used, or None when there is none or it is fine."""
    path = user_table_path()
    if path is None:
        return None
    try:
        load_table(str(path))
    except OutletTableError as exc:
        return f"{exc}; using the shipped outlet table only"
    return None


def outlet_for_domain(host: str) -> str | None:
    """The table's name for ``host`` or the nearest parent domain in the table (``uk.reuters.com`` → Reuters)."""
    labels = host.lower().rstrip(".").removeprefix("www.").split(".")
    domains = table().by_domain
    for i in range(len(labels) - 1):
        name = domains.get(".".join(labels[i:]))
        if name:
            return name
    return None


def outlet_for_name(name: str) -> str | None:
    """The table's name for a printed name or alias ("The Boston Herald", "Timesofisrael"), else None."""
    key = fold_name(name)
    return table().by_key.get(key) if key else None


def _segments(name: str) -> list[str]:
    return [s.strip(" \t\"'“”‘’*_") for s in SEPARATORS.split(name) if s.strip(" \t\"'“”‘’*_")]


def _names_domain(name: str, host: str | None) -> bool:
    """True when ``name`` is only the url's domain written out ("DW.COM", "tribune242.com", "guardian.co.tt")."""
    if not _DOMAIN_LIKE.match(name.strip()):
        return False
    if host is None:
        return True
    from quotetrace.ingest.metadata import registrable_domain

    domain = registrable_domain(host) or host
    return name.strip().lower().removeprefix("www.").rstrip("/") in {host, domain} or fold_name(name) == fold_name(
        domain
    )


def _spells_domain(name: str, host: str | None) -> bool:
    """True when ``name`` is the url's domain label written as words ("Luxury Haven" for luxuryhaven.co)."""
    if not host or not name.strip():
        return False
    from quotetrace.ingest.metadata import registrable_domain

    label = (registrable_domain(host) or host).split(".")[0]
    return len(label) >= 4 and fold_name(name) == fold_name(label)


def brand_of(site_name: str) -> str | None:
    """The brand in a site name: its first segment that is not a tagline ("WSVN 7News | Miami News, …" → WSVN 7News)."""
    parts = _segments(site_name)
    for part in parts:
        if len(part) <= 60 and len(part.split()) <= 6 and not _TAGLINE.search(part):
            return part
    return parts[0] if parts and len(parts[0]) <= 80 else None


def canonical_outlet(
    site_name: str | None = None,
    url: str | None = None,
    *,
    title_brand: str | None = None,
    feed_name: str | None = None,
    fallback: bool = True,
) -> str | None:
    """The one name of the outlet a page belongs to (see the module docstring for the order).

    With ``fallback=False`` a page that names no outlet gives None instead of its url's domain.
    """
    from quotetrace.ingest.metadata import host_of, registrable_domain

    host = host_of(url) if url else None
    if host:
        known = outlet_for_domain(host)
        if known:
            return known
    for candidate in (site_name, title_brand, feed_name):
        if not candidate or not candidate.strip():
            continue
        if candidate is feed_name and not _spells_domain(brand_of(candidate) or "", host):
            continue  # a feed is often a section's ("Detroit Lions", "All news stories"): only the site's own name
        if _DOMAIN_LIKE.match(candidate.strip()):  # a domain names an outlet only through the table's domains
            known = outlet_for_domain(candidate.strip().lower().split("://")[-1].strip("/"))
        else:
            known = outlet_for_name(candidate)
        if known:
            return known
        brand = brand_of(candidate)
        if brand and not _names_domain(brand, host):
            return outlet_for_name(brand) or brand
    if site_name and site_name.strip() and _DOMAIN_LIKE.match(site_name.strip()):
        # the page names itself by its domain: keep the site's own spelling ("NJ.com", "MLive.com")
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", site_name.strip(), flags=re.IGNORECASE).rstrip("/")
    if not fallback:
        return None
    return registrable_domain(host) if host else None


def same_outlet(a: str, b: str) -> bool:
    """True when two printed names are one outlet."""
    return fold_name(canonical_outlet(a) or a) == fold_name(canonical_outlet(b) or b)


def name_keys(names: Iterable[str | None]) -> set[str]:
    """Folded forms of the given names and of their brands (for spotting a site's name in a title)."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        keys.add(fold_name(name))
        brand = brand_of(name)
        if brand:
            keys.add(fold_name(brand))
    keys.discard("")
    return keys
