"""Article metadata normalisation and inference: outlet, date and title from an article's own text and url."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urlsplit

from quotetrace.ingest.outlets import fold_name
from quotetrace.text.lexicon import HEADLINE_RUBRICS
from quotetrace.text.sentences import FIRM_ENDS

# --------------------------------------------------------------------------------------------
# Rules as data. Everything below the rules is generic machinery; extend the tables, not the code.
# --------------------------------------------------------------------------------------------

#: Second-level public suffixes under which a registrable domain has three labels (news.example.co.uk).
MULTI_LABEL_SUFFIXES: frozenset[str] = frozenset(
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "govt.nz", "co.za", "org.za", "co.jp", "ne.jp", "or.jp",
        "co.in", "co.il", "co.kr", "com.br", "com.ar", "com.mx", "com.tr", "com.ua",
        "com.cn", "com.hk", "com.sg", "com.my", "com.pk", "com.ng", "com.eg", "com.sa",
    }
)  # fmt: skip

Region = Literal["head", "tail", "edge"]


@dataclass(frozen=True)
class OutletRule:
    """Boilerplate that names the outlet: where to look, the pattern, and the outlet (None: the `outlet` group)."""

    region: Region  # head = first lines, tail = last lines, edge = either
    pattern: str
    outlet: str | None = None


#: Wire services recognised in a lede dateline such as "KYIV, Ukraine (AP) —" or "(Reuters) -".
WIRE_SERVICES: tuple[str, ...] = ("Reuters", "AP", "AFP", "UPI", "dpa", "Xinhua", "ANI", "PTI")

#: A wire service's copyright line ("Copyright 2023 The Associated Press. All rights reserved.").
_COPYRIGHT_HOLDER = r"(?:(?:19|20)\d\d,? )?(?P<outlet>The Associated Press|AFP|Agence France-Presse)\b"

#: Outlet boilerplate, tried in order; the first match wins. Patterns start with a literal where they
#: can (no leading \b): the regex engine then skips ahead fast on long lines.
OUTLET_RULES: tuple[OutletRule, ...] = (
    OutletRule("tail", r"^The post .+ appeared first on (?P<outlet>.+?)\.?$"),
    OutletRule(
        "tail",
        r"^(?:This|The) (?:article|story|post|piece) (?:was )?(?:originally|first) (?:appeared|published|ran)"
        r" (?:on|in|at|by) (?P<outlet>.+?)\.?$",
    ),
    OutletRule("edge", r"Read (?:the )?Full (?:Article|Story) (?:at|on) (?P<outlet>[\w.-]+\.[a-z]{2,})\.?$"),
    OutletRule("head", r"^\(MENAFN\b[^)]*\)", "MENAFN"),
    OutletRule("tail", r"^MENAFN\d{8}\d*ID\d+$", "MENAFN"),
    OutletRule("tail", r"Copyright\s*(?:©\s*)?" + _COPYRIGHT_HOLDER),
    OutletRule("tail", r"©\s*" + _COPYRIGHT_HOLDER),
    OutletRule(
        "head",
        r"^(?:[A-Z][A-Za-z.'’\-]*(?:[ ,]+[A-Z][A-Za-z.'’\-]*){0,4}\s*)?"
        r"\((?P<outlet>" + "|".join(map(re.escape, WIRE_SERVICES)) + r")\)\s*[-–—:]",
    ),
)

#: How many non-blank lines at the start / end of an article count as its header / trailer.
HEAD_LINES = 5
TAIL_LINES = 3

#: Words allowed on a dateline besides the date itself (lower-case; punctuation is ignored).
DATELINE_WORDS: frozenset[str] = frozenset(
    {
        "published", "updated", "posted", "last", "modified", "created", "date", "dated", "on", "at",
        "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt",
        "cet", "cest", "bst", "eet", "eest", "msk", "ist",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    }
)  # fmt: skip

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: A headline is shorter than this (characters).
MAX_TITLE_CHARS = 200
#: A first line that ends with a period is a headline only when followed by a blank line and at most this long.
MAX_TITLE_CHARS_WITH_PERIOD = 100
# An end mark (a closing quotation mark after it or not), spaces and a capital: the line holds two sentences.
_SENTENCE_BREAK = re.compile(rf"[{re.escape(FIRM_ENDS)}][\"”’']?\s+[A-Z“\"]")
#: Header lines that are never the headline and are skipped when looking for it (full-line, case-insensitive).
HEADER_NOISE: tuple[str, ...] = (
    r"\d+\s*min(?:ute)?s?\s+read",
    r"advertisement|sponsored|ad",
    r"listen to this article.*",
    r"share(?: this article)?",
)

#: Plausible publication years.
MIN_YEAR, MAX_YEAR = 1900, 2100

# --------------------------------------------------------------------------------------------

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_TZ = r"(?:Z|[+-]\d{2}(?::?\d{2})?)"
_ISO_RE = re.compile(
    r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6})\d*)?)?\s*(?P<tz>" + _TZ + r")?)?(?![\d])"
)
_SLASH_ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)")
_DOTTED_RE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])")
_SLASHED_RE = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d])")
_MDY_RE = re.compile(
    r"\b(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_DMY_RE = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>" + _MONTH_RE + r")\.?,?\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_TIME_RE = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?![\d:])", re.IGNORECASE)
_LEADING_TIME_RE = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?[\s,|/-]*", re.IGNORECASE)
_MENAFN_CODE_RE = re.compile(r"^MENAFN(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})\d*ID\d+$")
_BYLINE_RE = re.compile(r"\b(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z.']*")
_HEADER_NOISE_RE = re.compile("|".join(f"(?:{p})" for p in HEADER_NOISE), re.IGNORECASE)
_COMPILED_RULES: tuple[tuple[Region, re.Pattern[str], str | None], ...] = tuple(
    (r.region, re.compile(r.pattern), r.outlet) for r in OUTLET_RULES
)


# ---------------------------------------------------------------------------- dates


def _valid(y: int, m: int, d: int) -> dt.date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _tzinfo(tz: str | None) -> dt.tzinfo | None:
    if not tz:
        return None
    if tz == "Z":
        return dt.timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        return None
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _iso_from_match(m: re.Match[str]) -> str | None:
    day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["H"] is None:
        return day.isoformat()
    try:
        stamp = dt.datetime(
            day.year, day.month, day.day, int(m["H"]), int(m["M"]), int(m["S"] or 0),
            int((m["f"] or "0").ljust(6, "0")), tzinfo=_tzinfo(m["tz"]),
        )  # fmt: skip
    except ValueError:
        return day.isoformat()
    text = stamp.isoformat()
    return text[:-6] + "Z" if m["tz"] == "Z" else text


def _month_date(m: re.Match[str]) -> str | None:
    day = _valid(int(m["y"]), MONTHS[m["mon"].lower()], int(m["d"]))
    return day.isoformat() if day else None


def _slashed(m: re.Match[str]) -> str | None:
    """mm/dd/yyyy or dd/mm/yyyy, only when one of the two numbers cannot be a month."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 >= b:
        day = _valid(y, b, a)
    elif b > 12 >= a:
        day = _valid(y, a, b)
    else:
        return None
    return day.isoformat() if day else None


def normalise_date(value: object) -> str | None:
    """A given date as ISO ``YYYY-MM-DD`` (or a full ISO timestamp when the time is given); None if unparseable.

    Accepts ISO dates/timestamps, ``YYYY/MM/DD``, ``dd.mm.yyyy`` (dotted dates are day-first),
    ``dd/mm/yyyy`` or ``mm/dd/yyyy`` only when unambiguous, RFC 2822 (``Tue, 14 Nov 2023 09:30:00 GMT``),
    ``November 14, 2023`` and ``14 November 2023``. A number is not taken as a date.
    """
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 80:
        return None
    m = _ISO_RE.fullmatch(s)
    if m:
        return _iso_from_match(m)
    m = _SLASH_ISO_RE.fullmatch(s)
    if m:
        day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        return day.isoformat() if day else None
    m = _DOTTED_RE.fullmatch(s)
    if m:
        day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        return day.isoformat() if day else None
    m = _SLASHED_RE.fullmatch(s)
    if m:
        return _slashed(m)
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", s):
        try:
            stamp = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            stamp = None
        if stamp is not None and MIN_YEAR <= stamp.year <= MAX_YEAR:
            return stamp.isoformat()
    for pattern in (_MDY_RE, _DMY_RE):
        m = pattern.search(s)
        if m and _is_dateline(s, [m.span()]):
            return _month_date(m)
    return None


def _is_dateline(line: str, spans: list[tuple[int, int]]) -> bool:
    """True when ``line`` holds nothing but the date(s) at ``spans``, times, dateline words and maybe a byline."""
    rest = line
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = _TIME_RE.sub(" ", rest)
    rest = _BYLINE_RE.sub(" ", rest, count=1)
    if re.search(r"\d", rest):
        return False
    return all(w.strip(".").lower() in DATELINE_WORDS for w in _WORD_RE.findall(rest))


def _date_in_line(line: str) -> str | None:
    """The date of a dateline ("11:48 14.11.2023", "Published: November 14, 2023"), or None for anything else."""
    s = line.strip()
    if not s or len(s) > 120:
        return None
    m = _MENAFN_CODE_RE.match(s)
    if m:
        day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        return day.isoformat() if day else None
    found: list[tuple[tuple[int, int], str | None]] = []
    for m in _ISO_RE.finditer(s):
        found.append((m.span(), _iso_from_match(m)))
    for m in _SLASH_ISO_RE.finditer(s):
        day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        found.append((m.span(), day.isoformat() if day else None))
    for pattern in (_MDY_RE, _DMY_RE):
        for m in pattern.finditer(s):
            found.append((m.span(), _month_date(m)))
    leading_time = _LEADING_TIME_RE.match(s)
    for m in _DOTTED_RE.finditer(s):
        d, mo = int(m["d"]), int(m["m"])
        unambiguous = d > 12 or (leading_time is not None and leading_time.end() == m.start())
        day = _valid(int(m["y"]), mo, d) if unambiguous else None
        found.append((m.span(), day.isoformat() if day else None))
    for m in _SLASHED_RE.finditer(s):
        found.append((m.span(), _slashed(m)))
    if not found:
        return None
    found = _drop_overlaps(found)
    if not _is_dateline(s, [span for span, _ in found]):
        return None
    value = found[0][1]
    if value and "T" in value:
        value = value.split("T", 1)[0]
    return value


def _drop_overlaps(found: list[tuple[tuple[int, int], str | None]]) -> list[tuple[tuple[int, int], str | None]]:
    found.sort(key=lambda f: (f[0][0], -f[0][1]))
    kept: list[tuple[tuple[int, int], str | None]] = []
    for span, value in found:
        if kept and span[0] < kept[-1][0][1]:
            continue
        kept.append((span, value))
    return kept


def _nonblank_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _head(text: str, n: int) -> list[str]:
    lines: list[str] = []
    for line in text[:20_000].splitlines():
        if line.strip():
            lines.append(line.strip())
            if len(lines) >= n:
                break
    return lines


def _tail(text: str, n: int) -> list[str]:
    return _nonblank_lines(text[-20_000:])[-n:]


def infer_date(text: str) -> str | None:
    """The article's date when printed unambiguously on a dateline in its first lines or a trailer line.

    Never taken from a sentence of the body: a line qualifies only if it holds nothing but the date,
    a time, dateline words ("Published", "Updated", weekday names) and at most a byline.
    """
    for line in _head(text, HEAD_LINES):
        value = _date_in_line(line)
        if value:
            return value
    for line in reversed(_tail(text, TAIL_LINES)):
        value = _date_in_line(line)
        if value:
            return value
    return None


# ---------------------------------------------------------------------------- outlets


def host_of(url: str) -> str | None:
    """The lower-case host of ``url`` without ``www.`` (a bare ``example.org/path`` is accepted too)."""
    s = url.strip()
    if not s:
        return None
    if "://" not in s:
        s = "//" + s
    try:
        host = urlsplit(s).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    if not _HOSTNAME.fullmatch(host):
        return None  # "0.·", "a..b", spaces: not a host name
    return host[4:] if host.startswith("www.") else host


#: A host name: labels of letters (any script), digits and hyphens, separated by single dots.
_HOSTNAME = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?)(?:\.(?:[^\W_](?:[\w-]*[^\W_])?))+")


def registrable_domain(host: str) -> str | None:
    """``news.example.co.uk`` → ``example.co.uk``; None for IP addresses and single labels."""
    labels = [label for label in host.lower().rstrip(".").split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels) or ":" in host:
        return None
    keep = 3 if ".".join(labels[-2:]) in MULTI_LABEL_SUFFIXES and len(labels) >= 3 else 2
    return ".".join(labels[-keep:])


def known_outlet_for_host(host: str) -> str | None:
    """A well-known host's outlet name from the outlet table (subdomains included), else None."""
    from quotetrace.ingest.outlets import outlet_for_domain

    return outlet_for_domain(host)


def outlet_for_host(host: str) -> str | None:
    """A well-known host's outlet name (subdomains included); else the registrable domain ("example.org")."""
    return known_outlet_for_host(host) or registrable_domain(host.lower().removeprefix("www."))


def outlet_for_url(url: str, *, domain_fallback: bool = True) -> str | None:
    """The outlet a url belongs to (see outlet_for_host), or None when it has no usable host.

    With ``domain_fallback=False`` only well-known hosts (the outlet table) give a name.
    """
    host = host_of(url)
    if not host:
        return None
    return outlet_for_host(host) if domain_fallback else known_outlet_for_host(host)


def _clean_outlet(raw: str) -> str | None:
    s = raw.strip()
    link = re.fullmatch(r"\[([^\]]+)\]\([^)]*\)", s)  # markdown link
    if link:
        s = link.group(1)
    s = s.strip(" \t\"'“”‘’*_").rstrip(".!,;:").strip()
    if not s or len(s) > 80 or len(s.split()) > 8:
        return None
    if " " not in s and re.fullmatch(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", s, re.IGNORECASE):
        return outlet_for_url(s)
    from quotetrace.ingest.outlets import outlet_for_name

    return outlet_for_name(s) or s


def infer_outlet(text: str) -> str | None:
    """The outlet named by boilerplate the article carries (OUTLET_RULES), or None."""
    head, tail = _head(text, HEAD_LINES), _tail(text, TAIL_LINES)
    for region, pattern, outlet in _COMPILED_RULES:
        lines = head if region == "head" else tail if region == "tail" else head + tail
        for line in lines:
            m = pattern.search(line)
            if not m:
                continue
            name = outlet if outlet is not None else _clean_outlet(m["outlet"])
            if name:
                return name
    return None


# ---------------------------------------------------------------------------- titles


def _skippable_header(line: str) -> bool:
    from quotetrace.ingest.boilerplate import is_boilerplate  # page furniture is never the headline either

    s = line.strip()
    return not s or bool(
        _HEADER_NOISE_RE.fullmatch(s) or _BYLINE_RE.fullmatch(s) or _date_in_line(s) or is_boilerplate(s)
    )


def infer_title(text: str) -> str | None:
    """The first line when it looks like a headline; leading datelines, bylines and noise are skipped. None when unsure.

    A headline is short (< MAX_TITLE_CHARS), has text after it, and either has no final period or is a
    single short sentence followed by a blank line. A markdown ``# Heading`` counts too.
    """
    lines = text[:50_000].splitlines()
    i = 0
    while i < len(lines) and _skippable_header(lines[i]):
        i += 1
        if i > HEAD_LINES * 2:
            return None
    if i >= len(lines):
        return None
    line = lines[i].strip()
    if not any(rest.strip() for rest in lines[i + 1 :]):
        return None  # the whole article is one line: not a headline
    heading = re.match(r"^#{1,2}\s+(.+?)\s*#*$", line)
    if heading:
        line = heading.group(1).strip()
    if len(line) >= MAX_TITLE_CHARS or len(line.split()) < 2 or not re.search(r"[^\W\d_]", line):
        return None
    if line.startswith("(") or line.endswith((",", ";", ":", "-", "–", "—")) or infer_outlet(line):
        return None
    if line.endswith("."):
        followed_by_blank = i + 1 < len(lines) and not lines[i + 1].strip()
        single_sentence = not _SENTENCE_BREAK.search(line)
        if not (followed_by_blank and single_sentence and len(line) <= MAX_TITLE_CHARS_WITH_PERIOD):
            return None
    return line


#: Separators between a headline and the site's name, section or date ("Title - Telegraph", "Title | DW | 19.01.2020").
_TITLE_SEPARATOR = re.compile(r"(\s+[|\-–—·•»«]\s+|\s*\|\s*|\s+::\s+)")


def _names_site(part: str, keys: set[str]) -> bool:
    """True when a title segment is the site's name (or a short form of it), its domain, or a date."""
    key = fold_name(part)
    if not key:
        return True  # a segment of punctuation only
    if key in keys or normalise_date(part) or _date_in_line(part):
        return True
    from quotetrace.ingest.outlets import outlet_for_name

    known = outlet_for_name(part)  # "BBC News" is the BBC
    if known and fold_name(known) in keys:
        return True
    # the site's name and a section: "CNN Politics", "BBC Sport", "Reuters World News"
    words = [fold_name(w) for w in part.split()]
    if any("".join(words[:n]) in keys for n in range(max(1, len(words) - 2), len(words))):
        return True
    return len(key) >= 4 and any(key in k or (k in key and len(key) <= len(k) + 4) for k in keys if len(k) >= 4)


_RUBRIC_RE = re.compile(r"^([A-Za-z][A-Za-z ]{1,20}):\s+")
_BYLINE_JOIN = re.compile(r"\s*(?:[,;&]|\band\b)\s*", re.IGNORECASE)


def _names_authors(part: str, authors: set[str]) -> bool:
    """True when a title segment is nothing but the page's author names ("Maggie Haberman and Shira Toeplitz")."""
    if not authors:
        return False
    names = [fold_name(n) for n in _BYLINE_JOIN.split(re.sub(r"^\s*by\s+", "", part, flags=re.IGNORECASE))]
    names = [n for n in names if n]
    return bool(names) and all(n in authors for n in names)


def strip_title_site(
    title: str | None, names: list[str | None], url: str | None = None, authors: str | None = None
) -> str | None:
    """A page title without the site's name, domain or date before or after it, nor a leading rubric ("Analysis:").

    ``names`` are what the page calls its site (site name, canonical outlet, brand); the url's domain counts
    too. ``authors`` is the page's byline as its metadata gives it ("A. Writer; B. Writer"): a last segment that
    only names them goes too. Only whole segments between separators (`` - ``, ``|``, `` — `` …) go, and never
    the last one left, so a headline with a dash inside ("Arrest BVI Premier - Governor Calls For Calm") keeps it.
    """
    if not title:
        return title
    from quotetrace.ingest.outlets import name_keys

    keys = name_keys(names)
    host = host_of(url) if url else None
    if host:
        domain = registrable_domain(host) or host
        keys |= {fold_name(domain), fold_name(host)}
    keys.discard("")
    pieces = _TITLE_SEPARATOR.split(title.strip())
    parts, seps = pieces[0::2], pieces[1::2]
    bylines = {fold_name(a) for a in _BYLINE_JOIN.split(authors or "")} - {""}
    while len(parts) > 1 and (_names_site(parts[-1], keys) or _names_authors(parts[-1], bylines)):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and _names_site(parts[0], keys):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    out = out.strip()
    rubric = _RUBRIC_RE.match(out)
    if rubric and rubric.group(1).lower() in HEADLINE_RUBRICS and len(out[rubric.end() :].split()) >= 3:
        out = out[rubric.end() :]  # "Analysis: The nonstop sparring match …": the rubric is no part of the headline
    return out or title
