"""Cross-article speaker-name reconciliation: name keys, person identity tests and a variant index."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from quotetrace.text.names import name_form

__all__ = [
    "NameIndex",
    "ParsedName",
    "compatible",
    "fold",
    "fullness",
    "name_key",
    "parse_name",
    "same_person",
    "surname_key",
]


def _wordset(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text."""
    return frozenset(text.split())


# Words that describe a role rather than name a person. Everything up to the last of these (or an acronym
# such as NATO, or a lowercase word) in front of a name is dropped: "NATO Secretary General Jens Stoltenberg".
TITLE_WORDS: frozenset[str] = _wordset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother rabbi imam
    pope cardinal archbishop bishop sheikh king queen prince princess emperor sultan emir crown
    president vice presidential premier prime minister ministers secretary deputy undersecretary assistant
    general gen lieutenant lt colonel col major maj captain capt commander cmdr admiral adm sergeant sgt
    corporal cpl private pvt marshal field brigadier officer chief chairman chairwoman chairperson chair
    ceo cfo coo cto founder director executive manager spokesman spokeswoman spokesperson spokesman
    senator sen sens representative rep reps congressman congresswoman congressmember councilman
    councilwoman councillor councilor alderman governor gov lt-gov mayor judge justice attorney ambassador
    envoy commissioner chancellor speaker leader minority majority whip state foreign defence defense
    interior home finance treasury health education energy justice labour labor trade economy economic
    affairs national security adviser advisor counsel press house senate white former ex acting interim
    outgoing incoming then late head coach analyst professor economist researcher scientist author
    correspondent reporter editor columnist host anchor candidate nominee hopeful contender
    opposition party republican democrat democratic conservative liberal labour socialist green
    mp mep mla msp ag dhs doj fbi cia
    """
)
# Name particles that belong to a surname and must not be stripped as lowercase role words.
PARTICLES: frozenset[str] = _wordset(
    "van von der den de da del della di du dos das do la le bin ibn al el ben ter ten af zu st"
)
SUFFIXES: frozenset[str] = _wordset("jr sr ii iii iv v phd md esq")
# Common English hypocoristics (both directions are looked up): "Dick Cheney" is "Richard Cheney".
NICKNAMES: dict[str, frozenset[str]] = {
    k: _wordset(v)
    for k, v in {
        "richard": "dick rick rich ricky richie",
        "william": "bill billy will willie liam",
        "robert": "bob bobby rob robbie bert",
        "elizabeth": "liz lizzie beth betsy eliza libby betty",
        "michael": "mike mick mikey",
        "joseph": "joe joey",
        "james": "jim jimmy jamie",
        "john": "jack johnny",
        "charles": "chuck charlie chas",
        "thomas": "tom tommy",
        "edward": "ed ted eddie ned",
        "theodore": "ted teddy theo",
        "anthony": "tony",
        "antony": "tony",
        "christopher": "chris kit",
        "christine": "chris chrissy",
        "daniel": "dan danny",
        "david": "dave davy",
        "donald": "don donnie",
        "gerald": "jerry gerry",
        "kenneth": "ken kenny",
        "lawrence": "larry",
        "matthew": "matt",
        "nicholas": "nick nicky",
        "patrick": "pat paddy",
        "patricia": "pat patty trish",
        "peter": "pete",
        "samuel": "sam sammy",
        "stephen": "steve",
        "steven": "steve",
        "timothy": "tim timmy",
        "alexander": "alex sasha",
        "alexandra": "alex sasha",
        "benjamin": "ben bibi benny",
        "catherine": "cathy kate katie",
        "katherine": "kathy kate katie",
        "margaret": "maggie meg peggy",
        "rebecca": "becky",
        "susan": "sue suzy",
        "jennifer": "jen jenny",
        "deborah": "deb debbie",
        "andrew": "andy drew",
        "gregory": "greg",
        "jeffrey": "jeff",
        "joshua": "josh",
        "ronald": "ron ronnie",
        "frederick": "fred freddie",
        "vladimir": "vova",
        "abraham": "abe",
        "albert": "al bert",
        "allen": "al",
        "alan": "al",
        "francis": "frank",
        "franklin": "frank",
        "harold": "hal harry",
        "henry": "hank harry",
        "raymond": "ray",
        "walter": "walt",
        "nancy": "nan",
        "barbara": "barb",
        "pamela": "pam",
        "victoria": "vicky tori",
    }.items()
}
_NICK_TO_FULL: dict[str, frozenset[str]] = {}
for _full, _nicks in NICKNAMES.items():
    for _n in _nicks:
        _NICK_TO_FULL[_n] = _NICK_TO_FULL.get(_n, frozenset()) | {_full}

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*\.?", re.UNICODE)
_ACRONYM_RE = re.compile(r"^(?:[A-Z]{2,}|(?:[A-Z]\.){2,})s?$")
_GLUE = frozenset({"the", "of", "for", "and", "a", "an", "at", "in", "on", "to"})


def fold(text: str) -> str:
    """Lowercase and strip accents: "Calderón" -> "calderon"."""
    decomposed = unicodedata.normalize("NFKD", name_form(text).translate(_APOS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class ParsedName:
    """A person name with role words, suffixes and accents removed; ``given`` holds first and middle names."""

    given: tuple[str, ...]
    surname: str

    @cached_property
    def key(self) -> str:
        return " ".join((*self.given, self.surname)).strip()

    @property
    def first(self) -> str:
        return self.given[0] if self.given else ""

    @property
    def is_surname_only(self) -> bool:
        return not self.given


_PROXY = (
    r"aides?|advisers?|advisors?|allies|ally|spokes(?:man|woman|person|people)|lawyers?|attorneys?|"
    r"representatives?|friends?|family|relatives?|campaign|office|staff|team|supporters?|associates?|"
    r"officials?|sources?|people|members?|critics?|opponents?|backers?"
)
_PROXY_OF_RE = re.compile(rf"\b(?:{_PROXY})\s+(?:to|for|of|close\s+to|with|around|near)\s+\S", re.IGNORECASE)
_PROXY_POSSESSIVE_RE = re.compile(rf"'s?\s+(?:{_PROXY})\b", re.IGNORECASE)
_JOINT_RE = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)


def _group_key(text: str) -> str:
    """A key of its own for speakers that are not one named person: "aides to John Boehner", "Boehner's
    lawyers", "Barack Obama and Hillary Clinton". They match only the same description, never the person."""
    if _PROXY_OF_RE.search(text) or _PROXY_POSSESSIVE_RE.search(text):
        words = fold(text).replace("'s", "").split()
    else:
        parts = _JOINT_RE.split(text)
        if len(parts) < 2 or sum(1 for p in parts if _looks_like_name(p)) < 2:
            return ""
        words = fold(text).split()
    while words and words[0] in {"a", "an", "the", "one", "two", "several", "some"}:
        words.pop(0)
    return " ".join(words)


def _is_role(tok: str, before_surname: bool = False) -> bool:
    low = fold(tok).strip(".")
    initials = before_surname and len(tok.replace(".", "")) <= 2  # "JD Vance", "J.D. Vance"
    return (
        low in TITLE_WORDS
        or all(part in TITLE_WORDS for part in low.split("-"))
        or (bool(_ACRONYM_RE.match(tok)) and not initials)
        or (tok[:1].islower() and low not in PARTICLES)
        or low in _GLUE
    )


def _looks_like_name(part: str) -> bool:
    return any(t[:1].isupper() and not _is_role(t) for t in _TOKEN_RE.findall(part))


def parse_name(name: str | None) -> ParsedName:
    """Split a printed speaker name into given names and surname, dropping titles and role words.

    "NATO Secretary General Jens Stoltenberg" -> given=("jens",), surname="stoltenberg";
    "Stoltenberg's" -> surname="stoltenberg"; "Jens Stoltenberg, NATO's chief" -> the part before the comma.
    """
    if not name:
        return ParsedName((), "")
    text = _PAREN_RE.sub(" ", name.translate(_APOS))
    # An apposition after a comma ("Jens Stoltenberg, NATO chief") describes, it does not name.
    parts = [p for p in text.split(",") if p.strip() and fold(p).strip().strip(".") not in SUFFIXES]
    if len(parts) > 1:
        text = next((p for p in parts if _looks_like_name(p)), parts[0])
    elif parts:
        text = parts[0]
    group = _group_key(text)
    if group:
        return ParsedName((), group)
    tokens = [re.sub(r"'s?$", "", tok) for tok in _TOKEN_RE.findall(text)]
    tokens = [t for t in tokens if t]
    # Drop everything up to the last role word in front of the final token.
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        if _is_role(tok, before_surname=i == len(tokens) - 2):
            cut = i + 1
    words: list[str] = []
    previous_initial = False
    for tok in tokens[cut:]:
        low = fold(tok).replace(".", "") if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?", tok) else fold(tok).rstrip(".")
        if not low:
            continue
        initial = len(low) == 1 or (tok.count(".") >= 2 and len(low) <= 3)
        # Runs of initials meet their joined spelling: "J. D. Vance" == "JD Vance" == "J.D. Vance".
        if initial and previous_initial and len(low) == 1:
            words[-1] += low
            continue
        words.append(low)
        previous_initial = initial
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    if not words:
        return ParsedName((), "")
    # Surname particles ("von der Leyen") are dropped from the given names; only the last word is compared.
    surname = words[-1]
    given = [w for w in words[:-1] if w not in PARTICLES]
    return ParsedName(tuple(given), surname)


def name_key(name: str | None) -> str:
    """A comparison key for a speaker name: folded given names + surname, titles dropped ("" when unknown)."""
    return parse_name(name).key


def surname_key(name: str | None) -> str:
    """The folded surname of a speaker name ("" when unknown)."""
    return parse_name(name).surname


def _same_given(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) <= 2 or len(b) <= 2:
        # Initials: "J." / "JD" against "Jens" / "James".
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return len(short) <= 2 and long_.startswith(short[0]) and (len(short) == 1 or len(long_) <= 2)
    if b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ()):
        return True
    if _NICK_TO_FULL.get(a, frozenset()) & _NICK_TO_FULL.get(b, frozenset()):
        return True
    if a[0] != b[0]:
        return False
    cutoff = 80.0 if min(len(a), len(b)) <= 5 else 75.0
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= cutoff


def _same_surname(a: ParsedName, b: ParsedName) -> bool:
    if a.surname == b.surname:
        return True
    # Transliteration variants ("Zelensky"/"Zelenskyy") only when the given names agree exactly.
    return (
        bool(a.first)
        and a.first == b.first
        and min(len(a.surname), len(b.surname)) >= 6
        and fuzz.ratio(a.surname, b.surname) >= 88.0
    )


def compatible(a: ParsedName, b: ParsedName) -> bool:
    """:func:`same_person` on already parsed names (the clusterer caches parses)."""
    if not a.surname or not b.surname:
        return False
    if not _same_surname(a, b):
        return False
    if a.is_surname_only or b.is_surname_only:
        return True
    if not _same_given(a.first, b.first):
        return False
    # Middle names/initials conflict only when both sides print one: "George W." vs "George H. W.".
    ma, mb = a.given[1:], b.given[1:]
    if ma and mb:
        x, y = ma[0], mb[0]
        if len(x) == 1 or len(y) == 1:
            return x[0] == y[0]
        return _same_given(x, y)
    return True


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two printed names can denote the same person.

    Surnames must agree (after accent folding); given names must agree exactly, as an initial, as a known
    nickname, or as a close spelling variant ("Vicente"/"Vincente"). A surname alone is compatible with any
    full name of that surname; deciding *which* one is :class:`NameIndex`'s job. Unknown (None) is never
    the same person as anything.
    """
    if not a or not b:
        return False
    return compatible(parse_name(a), parse_name(b))


def fullness(name: str) -> tuple[int, int, int, str]:
    """Sort key: the larger, the fuller a printed name (more given names, then longer, then printed form)."""
    p = parse_name(name)
    # More name words first, then longer given names (not initials), then the longer printed form.
    return (len(p.given), sum(len(g) for g in p.given), len(name), name)


class NameIndex:
    """Maps the variants of each person's name seen in a group to one canonical (the fullest) name.

    Full names are grouped with :func:`same_person`. A surname-only name resolves to a person only when
    exactly one person with that surname is known in the index; otherwise it stays ambiguous (``None``).
    """

    def __init__(self, names: Iterable[str | None] = ()) -> None:
        self._persons: list[list[str]] = []  # each: printed variants of one person with a given name
        self._parsed: dict[str, ParsedName] = {}
        self._surname_only: dict[str, list[str]] = {}
        for n in names:
            self.add(n)

    def _parse(self, name: str) -> ParsedName:
        p = self._parsed.get(name)
        if p is None:
            p = self._parsed[name] = parse_name(name)
        return p

    def add(self, name: str | None) -> None:
        """Register a printed name (None and names without a surname are ignored)."""
        if not name:
            return
        p = self._parse(name)
        if not p.surname:
            return
        if p.is_surname_only:
            bucket = self._surname_only.setdefault(p.surname, [])
            if name not in bucket:
                bucket.append(name)
            return
        matches = [grp for grp in self._persons if any(compatible(p, self._parse(v)) for v in grp)]
        if not matches:
            self._persons.append([name])
            return
        first = matches[0]
        if name not in first:
            first.append(name)
        # A new variant may bridge two groups only if all of their members stay pairwise compatible.
        for other in matches[1:]:
            if all(compatible(self._parse(x), self._parse(y)) for x in first for y in other):
                first.extend(v for v in other if v not in first)
                self._persons.remove(other)

    def persons_with_surname(self, surname: str) -> list[str]:
        """Canonical names of the distinct people (with a given name) whose surname is ``surname``."""
        out = []
        for grp in self._persons:
            if any(self._parse(v).surname == surname for v in grp):
                out.append(max(grp, key=fullness))
        return sorted(out)

    def canonical(self, name: str | None) -> str | None:
        """The fullest known variant of ``name``'s person; ``None`` when unknown or ambiguous."""
        if not name:
            return None
        p = self._parse(name)
        if not p.surname:
            return None
        if p.is_surname_only:
            people = self.persons_with_surname(p.surname)
            if len(people) == 1:
                return people[0]
            if people:
                return None
            variants = self._surname_only.get(p.surname)
            return max(variants, key=fullness) if variants else None
        for grp in self._persons:
            if name in grp or any(compatible(p, self._parse(v)) for v in grp):
                return max(grp, key=fullness)
        return None

    def resolves_to_same(self, a: str | None, b: str | None) -> bool:
        """Whether ``a`` and ``b`` denote the same person given everyone else in this index."""
        if not a or not b:
            return False
        pa, pb = self._parse(a), self._parse(b)
        if not compatible(pa, pb):
            return False
        if pa.is_surname_only and pb.is_surname_only:
            return True
        if pa.is_surname_only or pb.is_surname_only:
            full = b if pa.is_surname_only else a
            surname = pa.surname if pa.is_surname_only else pb.surname
            people = self.persons_with_surname(surname)
            return len(people) <= 1 or all(same_person(full, person) for person in people)
        return True

    def __len__(self) -> int:
        return len(self._persons) + sum(1 for k in self._surname_only if not self.persons_with_surname(k))
