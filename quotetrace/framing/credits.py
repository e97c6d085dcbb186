"""Credits: where a quote says it came from ("told the BBC", "according to Reuters", "(AP) —")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from quotetrace.text.data import read_json


@dataclass(frozen=True)
class Credit:
    """One credited outlet as printed ("BBC", "The Washington Post") and the phrase that credits it."""

    outlet: str
    phrase: str
    start: int
    end: int
    outlet_start: int
    outlet_end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"outlet", "phrase", "kind", "span", "outlet_span"}``."""
        return {
            "outlet": self.outlet,
            "phrase": self.phrase,
            "kind": self.kind,
            "span": [self.start, self.end],
            "outlet_span": [self.outlet_start, self.outlet_end],
        }


@dataclass(frozen=True)
class _Outlets:
    names: frozenset[str]
    folded: frozenset[str]
    media_words: frozenset[str]
    not_last: frozenset[str]


@lru_cache(maxsize=1)
def _outlets() -> _Outlets:
    data = read_json("framing_outlets.json")
    names = frozenset(data["outlets"])
    return _Outlets(
        names=names,
        folded=frozenset(n.lower() for n in names if not n.isupper() or len(n) > 4),
        media_words=frozenset(data["media_words"]),
        not_last=frozenset(data["not_outlet_last_words"]),
    )


# A capitalised name: words starting with a capital or digit, joined by spaces or by a few small words.
_WORD = r"(?-i:[A-Z0-9])[\w&.\-'’/]*"
_SP = r"[^\S\n]+"  # spaces within one line: a name never runs over a line break
_NAME = rf"(?:[Tt]he{_SP})?{_WORD}(?:{_SP}(?-i:(?:of|and|for|de|del|della|di|du|des|la|le|el|al|am|&){_SP})?{_WORD})*"
_O = rf"(?P<outlet>{_NAME})"
_ADJ = (
    r"(?:(?:exclusive|recent|new|televised|radio|TV|television|lengthy|wide-ranging|separate|phone|telephone|"
    r"podcast|sit-down|rare|brief)\s+)*"
)

# (kind, pattern, which end of the captured name is anchored: "start" = name follows the phrase)
_PATTERNS: tuple[tuple[str, str, str], ...] = (  # keep _TRIGGERS below in step
    ("interview", rf"\b(?:(?:in|during)\s+(?:an?\s+)?{_ADJ})?interview(?:ed)?\s+(?:with|on|for|to|by)\s+{_O}", "start"),
    (
        "interview",
        rf"\b(?:in|during)\s+(?:an?\s+)?{_ADJ}interview\s+(?:broadcast|aired|published|posted)\s+(?:by|on|in)\s+{_O}",
        "start",
    ),
    (
        "statement",
        r"\b(?:(?:said|says|added|wrote)\s+)?(?:in\s+)?(?:a|an|the)\s+(?:written\s+|emailed\s+|joint\s+|brief\s+)?"
        r"(?:statement|comments?|remarks|email|e-mail|message|letter|response|reply)\s+"
        rf"(?:(?:provided|sent|given|issued|emailed|made)\s+)?to\s+{_O}",
        "start",
    ),
    ("told", rf"\btold\s+{_O}", "start"),
    (
        "told",
        rf"\b(?:said|says|added|explained|stated|noted|admitted|insisted|claimed|wrote)\s+to\s+{_O}",
        "start",
    ),
    ("told", rf"\b(?:speaking|talking|spoke|speaks|talked|talks)\s+(?:exclusively\s+)?(?:to|with)\s+{_O}", "start"),
    (
        "appeared_on",
        rf"\b(?:appear(?:ed|ing|s)?|said|says|saying|speaking|spoke|told\s+\w+)\s+(?:on|during)\s+{_O}",
        "start",
    ),
    ("confirmed_to", rf"\bconfirmed\s+(?:to|for)\s+{_O}", "start"),
    (
        "according_to",
        r"\baccording\s+to\s+(?:(?:a|an|the)\s+(?:(?:new|recent|exclusive|separate|latest|earlier)\s+)?"
        r"(?:report|story|article|investigation|analysis|poll|survey|interview|tally|count|review|transcript|video|"
        rf"recording|readout|translation)\s+(?:by|from|in|with|on|published\s+by|for)\s+)?{_O}",
        "start",
    ),
    (
        "reported_by",
        r"\b(?:(?:as\s+)?(?:was\s+)?(?:first\s+|initially\s+|previously\s+|earlier\s+|exclusively\s+|originally\s+)?"
        r"(?:reported|revealed|published|broadcast|aired)\s+(?:first\s+)?(?:by|in|on)|quoted\s+by|cited\s+by|"
        rf"(?:a\s+)?reports?\s+(?:by|in|from)|(?<![\w-])via|(?<![\w-])per)\s+{_O}",
        "start",
    ),
    (
        "wrote_in",
        r"\b(?:wrote|writes|writing|write|published)\s+(?:in|for|on)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:op-ed|column|essay|piece|article|editorial|letter|post|opinion\s+piece|commentary|blog\s+post)\s+"
        rf"(?:(?:published\s+)?(?:in|for|by|on)\s+))?{_O}",
        "start",
    ),
    (
        "wrote_in",
        r"\bin\s+an?\s+(?:[\w-]+\s+)?(?:op-ed|column|essay|editorial|opinion\s+piece|commentary|guest\s+essay)\s+"
        rf"(?:published\s+)?(?:in|for|by|on)\s+{_O}",
        "start",
    ),
    (
        "outlet_reported",
        rf"(?:^|(?<=[.!?;:,(“\"\n]\s)|(?<=\n)|(?<=\bthe\s)){_O}\s+(?:(?:first|earlier|previously|exclusively|also|"
        r"initially|originally)\s+)?(?:reported|reports|has\s+reported|had\s+reported|revealed|has\s+revealed|"
        r"broke\s+the\s+news|quoted\s+\w+\s+as\s+saying|cited)\b",
        "end",
    ),
    ("dateline", rf"\((?P<outlet>{_NAME})\)\s*[-–—:]", "whole"),
    ("dateline", rf"(?m)^\s*\((?P<outlet>{_NAME})\)", "whole"),
)


# Lowercase words one of which every match of the pattern at the same index contains: a passage without any of them
# skips the pattern, which is then never compiled (the 15 patterns take ~15 ms to compile, at every command start).
_TRIGGERS: tuple[tuple[str, ...], ...] = (
    ("interview",),
    ("interview",),
    ("statement", "comment", "remarks", "email", "e-mail", "message", "letter", "response", "reply"),
    ("told",),
    ("said", "says", "added", "explained", "stated", "noted", "admitted", "insisted", "claimed", "wrote"),
    ("speaking", "talking", "spoke", "speaks", "talked", "talks"),
    ("appear", "said", "says", "saying", "speaking", "spoke", "told"),
    ("confirmed",),
    ("according",),
    ("reported", "revealed", "published", "broadcast", "aired", "quoted", "cited", "report", "via", "per"),
    ("wrote", "writes", "writing", "write", "published"),
    ("op-ed", "column", "essay", "editorial", "opinion", "commentary"),
    ("reported", "reports", "revealed", "broke", "quoted", "cited"),
    ("(",),
    ("(",),
)


@lru_cache(maxsize=32)
def _pattern(index: int) -> re.Pattern[str]:
    return re.compile(_PATTERNS[index][1], re.IGNORECASE)


def _compiled() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((kind, _pattern(i), anchor) for i, (kind, _, anchor) in enumerate(_PATTERNS))


def _applicable(context: str) -> list[tuple[str, re.Pattern[str], str]]:
    """The patterns that can match ``context`` (one of their trigger words occurs in it), compiled on first use."""
    low = context.lower()
    return [
        (kind, _pattern(i), anchor)
        for i, (kind, _, anchor) in enumerate(_PATTERNS)
        if any(t in low for t in _TRIGGERS[i])
    ]


_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_WORD = re.compile(r"\S+")


def _name_words(name: str, offset: int) -> list[tuple[str, int, int]]:
    """The words of a captured name, cut at the first possessive ("CNN's Jake Tapper" -> "CNN")."""
    out: list[tuple[str, int, int]] = []
    for m in _NAME_WORD.finditer(name):
        word = m.group()
        start, end = offset + m.start(), offset + m.end()
        stripped = word.rstrip(".,;:")
        end -= len(word) - len(stripped)
        word = stripped
        poss = _POSSESSIVE.search(word) if len(word) > 2 else None
        if poss:
            word = word[: poss.start()]
            end -= len(stripped) - len(word)
            if word:
                out.append((word, start, end))
            break
        if word:
            out.append((word, start, end))
    return out


def is_outlet(name: str) -> bool:
    """True when ``name`` (as printed, "the" optional) is a known outlet or reads like one ("Kyiv Independent")."""
    lib = _outlets()
    bare = re.sub(r"^(?:the|The)\s+", "", name)
    if name in lib.names or bare in lib.names or bare.lower() in lib.folded or name.lower() in lib.folded:
        return True
    parts = re.split(r"[\s/-]+", bare)
    return bool(parts) and parts[-1] not in lib.not_last and any(p in lib.media_words for p in parts)


def _resolve(words: list[tuple[str, int, int]], anchor: str) -> tuple[int, int] | None:
    """The run of ``words`` (as index range) naming an outlet, anchored at one end of the capture."""
    n = len(words)
    if n == 0:
        return None
    if anchor == "whole":
        ranges = [(0, n)]
    elif anchor == "start":
        ranges = [(0, k) for k in range(n, 0, -1)]
    else:
        ranges = [(k, n) for k in range(n)]
    lib = _outlets()

    def text(a: int, b: int) -> str:
        return " ".join(w for w, _, _ in words[a:b])

    for a, b in ranges:  # a listed name first, longest first
        if words[a][0] in {"the", "The"} and b - a == 1:
            continue
        t = text(a, b)
        bare = re.sub(r"^(?:the|The)\s+", "", t)
        if t in lib.names or bare in lib.names or bare.lower() in lib.folded:
            return a, b
    whole = (0, n) if anchor != "end" else next(((k, n) for k in range(n) if words[k][0] in {"The"}), (0, n))
    if is_outlet(text(*whole)):
        return whole
    return None


def find_credits(context: str) -> list[Credit]:
    """Outlets a passage credits for its quotes, in reading order, as printed.

    Recognises "told (the) X", "said to X", "in an interview with/on X", "said in a statement to X",
    "according to (a report by) X", "as first reported by X", "X reported", "wrote in X", "via X" and
    datelines "(Reuters) -". An X must be a known outlet (bundled list) or a capitalised name with a
    media word (News, Times, Post, Radio...), so "told reporters" and "told Biden" are not credits.
    """
    found: list[Credit] = []
    for kind, pattern, anchor in _applicable(context):
        for m in pattern.finditer(context):
            words = _name_words(m.group("outlet"), m.start("outlet"))
            picked = _resolve(words, anchor)
            if picked is None:
                continue
            a, b = picked
            o_start, o_end = words[a][1], words[b - 1][2]
            if context[o_start : o_start + 4] == "the ":  # a printed "The" stays part of the name
                o_start += 4
            start = m.start() if anchor != "end" else o_start
            if kind == "dateline":
                start, end = m.start("outlet") - 1, m.end("outlet") + 1
            else:
                end = o_end if anchor != "end" else m.end()
            found.append(Credit(context[o_start:o_end], context[start:end], start, end, o_start, o_end, kind))
    return _dedupe(found)


def _dedupe(credits: list[Credit]) -> list[Credit]:
    """Keep one credit per outlet mention: the longest phrase that covers it."""
    credits.sort(key=lambda c: (c.outlet_start, -(c.end - c.start)))
    kept: list[Credit] = []
    for c in credits:
        if any(k.outlet_start <= c.outlet_start < k.outlet_end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)
