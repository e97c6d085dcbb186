"""Person identity, in one place: name parsing, the one same-person rule and nickname table (used within an article
and across articles), and the identity of speakers across an index (spellings -> one person, aliases file)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from quotetrace.text.fold import APOSTROPHES
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.lexicon import TITLE_WORDS
from quotetrace.text.words import wordset

__all__ = [
    "NICKNAMES",
    "Aliases",
    "NameIndex",
    "ParsedName",
    "compatible",
    "fold",
    "fullness",
    "identify",
    "load_aliases",
    "name_key",
    "parse_name",
    "same_given",
    "same_person",
    "save_aliases",
    "surname_key",
]


# Name particles that belong to a surname and must not be stripped as lowercase role words.
PARTICLES: frozenset[str] = wordset(
    "van von der den de da del della di du dos das do la le bin ibn al el ben ter ten af zu st"
)
GIVEN_PARTICLES: frozenset[str] = wordset("ben al")  # particles that are given names too
SUFFIXES: frozenset[str] = wordset("jr sr ii iii iv v phd md esq")
#: The suffixes that name another person of the same name ("Donald Trump Jr." is not Donald Trump); "Sr." only
#: marks the father, who is the name without a suffix.
GENERATIONS: frozenset[str] = wordset("jr ii iii iv")
#: An organisation's legal or reach suffix: "Safari Club International" is the Safari Club, "Acme Inc." is Acme.
ORG_SUFFIXES: frozenset[str] = wordset("inc incorporated llc ltd plc corp corporation international")
# Common English hypocoristics (both directions are looked up): "Dick Cheney" is "Richard Cheney".
NICKNAMES: dict[str, frozenset[str]] = {
    k: wordset(v)
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

_APOS = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*\.?", re.UNICODE)
_ACRONYM_RE = re.compile(r"^(?:[A-Z]{2,}|(?:[A-Z]\.){2,})s?$")
_GLUE = frozenset({"the", "of", "for", "and", "a", "an", "at", "in", "on", "to"})


@dataclass(frozen=True)
class ParsedName:
    """A person name with role words, suffixes and accents removed; ``given`` holds first and middle names."""

    given: tuple[str, ...]
    surname: str
    suffix: str = ""  # a generational suffix that tells a son from his father: "jr", "ii", "iii", "iv"

    @cached_property
    def key(self) -> str:
        return " ".join((*self.given, self.surname, self.suffix)).strip()

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
    if len(tok) == 2 and tok[1] == "." and tok[0].isupper():
        return False  # a middle initial ("John A. Boehner"), not the article "a"
    return (
        low in TITLE_WORDS
        or all(part in TITLE_WORDS for part in low.split("-"))
        or (bool(_ACRONYM_RE.match(tok)) and not initials)
        or (tok[:1].islower() and low not in PARTICLES)
        or low in _GLUE
    )


def _looks_like_name(part: str) -> bool:
    return any(t[:1].isupper() and not _is_role(t) for t in _TOKEN_RE.findall(part))


@lru_cache(maxsize=1 << 16)
def parse_name(name: str | None) -> ParsedName:
    """Split a printed speaker name into given names and surname, dropping titles and role words.

    "NATO Secretary General Jens Stoltenberg" -> given=("jens",), surname="stoltenberg";
    "Stoltenberg's" -> surname="stoltenberg"; "Jens Stoltenberg, NATO's chief" -> the part before the comma.
    """
    if not name:
        return ParsedName((), "")
    text = _PAREN_RE.sub(" ", name.translate(_APOS))
    # An apposition after a comma ("Jens Stoltenberg, NATO chief") describes, it does not name.
    suffix = next((w for p in text.split(",") if (w := fold(p).strip().strip(".")) in GENERATIONS), "")
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
    capitals = [t for t in tokens if t[:1].isupper()]
    if len(capitals) >= 2 and all(fold(t).strip(".") in TITLE_WORDS for t in capitals):
        # a name made of title words only ("White House", "Foreign Minister"): all of it is the name, not its last
        # word (the White House is not "the House")
        return ParsedName((), "".join(fold(t).strip(".") for t in capitals))
    # Drop everything up to the last role word in front of the final token (a suffix is no final token: "King" of
    # "Martin Luther King III" is his surname, not a title).
    last = len(tokens) - 1
    while last > 0 and fold(tokens[last]).strip(".") in SUFFIXES:
        last -= 1
    cut = 0
    for i, tok in enumerate(tokens[:last]):
        if _is_role(tok, before_surname=i == last - 1):
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
    while len(words) > 1 and (words[-1] in SUFFIXES or words[-1] in ORG_SUFFIXES):
        if words[-1] in GENERATIONS:
            suffix = words[-1]
        words.pop()
    if not words:
        return ParsedName((), "")
    # Surname particles ("von der Leyen") are dropped from the given names; only the last word is compared.
    surname = words[-1]
    # A particle opening the name is a given name only when it is one ("Ben Jealous", "Al Gore"): "von der Leyen",
    # "Le Pen" and "De Niro" are surnames of Ursula von der Leyen, Marine Le Pen and Robert De Niro.
    given = [w for k, w in enumerate(words[:-1]) if w not in PARTICLES or (k == 0 and w in GIVEN_PARTICLES)]
    return ParsedName(tuple(given), surname, suffix if given else "")


def name_key(name: str | None) -> str:
    """A comparison key for a speaker name: folded given names + surname, titles dropped ("" when unknown)."""
    return parse_name(name).key


def surname_key(name: str | None) -> str:
    """The folded surname of a speaker name ("" when unknown)."""
    return parse_name(name).surname


def same_given(a: str, b: str) -> bool:
    """Whether two folded given names can be the same person's: equal, an initial ("J." / "JD" against "Jens"), a
    known nickname either way ("Bill"/"William", "Dick"/"Richard"), or a close spelling variant with the same first
    letter ("Vicente"/"Vincente"). The one rule, within an article and across articles."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if not a or not b:
        return False
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
    ratio = fuzz.ratio(a, b)
    if ratio >= 85.0:
        return True
    cutoff = 80.0 if min(len(a), len(b)) <= 5 else 75.0
    return min(len(a), len(b)) >= 4 and ratio >= cutoff


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
    if a.suffix != b.suffix:
        return False  # "Donald Trump Jr." is the son of Donald Trump; "Martin Luther King III" of "… Jr."
    if not same_given(a.first, b.first):
        return False
    # Middle names/initials conflict only when both sides print one: "George W." vs "George H. W.".
    ma, mb = a.given[1:], b.given[1:]
    if ma and mb:
        x, y = ma[0], mb[0]
        if len(x) == 1 or len(y) == 1:
            return x[0] == y[0]
        return same_given(x, y)
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


# --- identity across an index ---------------------------------------------------------------------------------

# A bare surname is the person of that surname whose full names make at least this share of the full-name
# mentions of the surname (among those printed beside it, when any are).
DOMINANT_SHARE = 0.85


@dataclass(frozen=True)
class Aliases:
    """What the rules cannot know, from an aliases file: spellings that are one person (the first is the name
    shown) and spellings that are never the same person.

    File format (JSON)::

        {"merge": [["Donald Trump", "The Donald"]], "split": [["Bill Clinton", "Clinton"]]}
    """

    merge: tuple[tuple[str, ...], ...] = ()
    split: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_dict(cls, data: Any) -> Aliases:
        if not isinstance(data, dict):
            raise ValueError("an aliases file holds a JSON object with 'merge' and 'split' lists")

        def groups(key: str) -> tuple[tuple[str, ...], ...]:
            raw = data.get(key) or []
            if not isinstance(raw, list) or not all(
                isinstance(g, list) and all(isinstance(n, str) and n.strip() for n in g) for g in raw
            ):
                raise ValueError(f"'{key}' must be a list of lists of names")
            return tuple(tuple(n.strip() for n in g) for g in raw if len(g) >= 2)

        return cls(groups("merge"), groups("split"))

    def to_dict(self) -> dict[str, list[list[str]]]:
        return {"merge": [list(g) for g in self.merge], "split": [list(g) for g in self.split]}

    def merged(self, a: str, b: str) -> Aliases:
        """These aliases plus "a and b are one person" (and without any split that said otherwise)."""
        fa, fb = fold(a), fold(b)
        split = tuple(g for g in self.split if not ({fold(n) for n in g} >= {fa, fb}))
        groups = [list(g) for g in self.merge]
        hit = [g for g in groups if {fold(n) for n in g} & {fa, fb}]
        rest = [g for g in groups if g not in hit]
        joined: list[str] = [a, b] if not hit else []
        for g in hit:
            joined.extend(g)
        if hit:
            joined.extend(n for n in (a, b) if fold(n) not in {fold(x) for x in joined})
        return Aliases((*(tuple(g) for g in rest), tuple(dict.fromkeys(joined))), split)

    def splitted(self, a: str, b: str) -> Aliases:
        """These aliases plus "a and b are different people" (removing them from a merge that joined them)."""
        fa, fb = fold(a), fold(b)
        merge = []
        for g in self.merge:
            keys = {fold(n) for n in g}
            if fa in keys and fb in keys:
                kept = tuple(n for n in g if fold(n) != fb)
                if len(kept) >= 2:
                    merge.append(kept)
            else:
                merge.append(g)
        return Aliases(tuple(merge), (*self.split, (a, b)))


def load_aliases(path: Path | None) -> Aliases:
    """The aliases file at ``path`` (none, or a missing file: no aliases). A malformed file is a ValueError naming
    the file and the problem."""
    if path is None or not path.exists():
        return Aliases()
    try:
        return Aliases.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise ValueError(f"cannot read the speaker aliases file {path}: {exc}") from None


def save_aliases(path: Path, aliases: Aliases) -> None:
    """Write ``aliases`` to ``path`` (its folder is created; written whole, then moved into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(aliases.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


# Endings of sentence adverbs, which no given name has ("Apparently Lindsey's posts", "Reportedly Smith"): Emily,
# Kelly, Kimberly and Beverly, Sally and Wally keep theirs.
_ADVERB = re.compile(r"\w{3,}(?:ent|ant|al|ous|ed|ive|ate|ib|ab|ing|ful|less)ly$", re.IGNORECASE)
# Initials as printed: "J.", "J.D.", "JD".
_PRINTED_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]{2}")


@lru_cache(maxsize=1)
def _not_given_words() -> frozenset[str]:
    """Words that are no given name: the shipped list, the stopwords (function words, days) and the title words."""
    from quotetrace.normalise import STOPWORDS
    from quotetrace.text.data import read_word_list
    from quotetrace.text.lexicon import NAME_TITLES

    titles = {t.rstrip(".") for t in NAME_TITLES} | TITLE_WORDS
    return read_word_list("not_given_names.txt") | STOPWORDS | read_word_list("framing_stopwords.txt") | titles


@lru_cache(maxsize=1 << 14)
def plausible_given(word: str) -> bool:
    """Whether a word before a surname can be a given name; the one rule for full-name completion and identity.

    Takes the word as printed ("Says", "J.", "In") or folded ("says"). Printed initials always can; a function,
    date or title word, a headline-fragment head ("Despite"), a sentence adverb ("Apparently") or a speech verb
    form ("Says", "Asked") cannot; other words of one or two letters are initials as the name parser folds them.
    """
    from quotetrace.text.verbs import SPEECH_VERBS

    if _PRINTED_INITIALS.fullmatch(word):
        return True
    w = fold(word).strip(".")
    if not w or w in _not_given_words():
        return False
    if len(w) <= 2:
        return True  # initials, folded: "jd"
    if _ADVERB.search(w):
        return False
    stems = {w, w[:-1], w[:-2], w[:-3], w[:-1] + "e" if w.endswith("ing") else w}
    if w.endswith("ies"):
        stems.add(w[:-3] + "y")
    return not (stems & SPEECH_VERBS and (w in SPEECH_VERBS or w.endswith(("s", "ed", "ing"))))


def _identity_name(p: ParsedName) -> ParsedName:
    """The name identity works on: a lone "given name" that cannot be one ("Says Trump") leaves the bare surname."""
    if len(p.given) == 1 and not plausible_given(p.first):
        return ParsedName((), p.surname)
    return p


_PUBLICATION_WORDS = wordset("times news post journal tribune herald press review telegraph guardian daily")


def _person_surname(surname: str) -> bool:
    """Whether a bare surname can stand for a person at all: not an organisation or role noun ("House",
    "Department"), a publication word ("Times") or a group ("Republicans")."""
    from quotetrace.text.lexicon import ORG_NOUNS, ROLE_NOUNS

    if " " in surname or surname in ORG_NOUNS or surname in ROLE_NOUNS or surname in _PUBLICATION_WORDS:
        return False
    if surname in _outlet_words():
        return False  # "Fox" may be Fox News ("told Fox"): never taken for a namesake person
    return not (surname.endswith("s") and (surname[:-1] in TITLE_WORDS or surname[:-1] in ROLE_NOUNS))


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    """Known outlet names of one word, and the first word of the others ("Fox" of "Fox News")."""
    from quotetrace.text.data import read_json

    names = read_json("framing_outlets.json").get("outlets", [])
    return frozenset(fold(str(n)).split()[0] for n in names if str(n).split())


def _printed_bare(spelling: str, surname: str) -> bool:
    """Whether a spelling prints the surname with nothing but titles ("Trump", "Mr. Trump", "Sen. Schumer") or an
    organisation's legal suffix ("Microsoft Corp", "Apple Inc."), as opposed to a name whose other words the parser
    dropped ("ABC News")."""
    head = _PAREN_RE.sub(" ", spelling).split(",")[0]  # "Etheridge, a Democrat": the name before the apposition
    for tok in _TOKEN_RE.findall(head.translate(_APOS)):
        low = fold(re.sub(r"'s?$", "", tok)).strip(".")
        if low in SUFFIXES:
            return False  # "Trump Jr" is the son, not the father
        if low == surname or low in TITLE_WORDS or low in ORG_SUFFIXES or not plausible_given(low):
            continue
        return False
    return True


def _display(spellings: Iterable[str], counts: Mapping[str, int]) -> str:
    """The name shown for a person: the most printed spelling that has a given name (then the fuller one; a
    spelling in capitals only when there is no other)."""
    names = list(spellings)
    with_given = [n for n in names if not _identity_name(parse_name(n)).is_surname_only]
    if not with_given:  # bare surnames only: the most printed, without a headline word before it ("Ask Sestak")
        names = [_strip_fragment_head(n) for n in names]
        tally: dict[str, int] = {}
        for n, orig in zip(names, spellings, strict=True):
            tally[n] = tally.get(n, 0) + counts.get(orig, 0)
        counts = tally
    return max(with_given or names, key=lambda n: ("," not in n, not n.isupper(), counts.get(n, 0), fullness(n)))


def _strip_fragment_head(spelling: str) -> str:
    """ "Ask Sestak" -> "Sestak": a lone word before a surname that cannot be a given name is dropped."""
    words = spelling.split()
    if len(words) == 2 and words[1][:1].isupper() and not plausible_given(fold(words[0]).strip(".")):
        return words[1]
    return spelling


# Words that open a description of an unnamed source ("a senior official", "one Democrat", "the spokesperson")
_DESCRIPTION_HEADS = frozenset(
    {"a", "an", "the", "one", "some", "another", "any", "every", "each", "several", "many", "most", "other"}
    | {"others", "two", "three", "four", "five", "few", "this", "that", "these", "those"}
)


_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")
_ACRONYM_GLUE = frozenset({"of", "the", "for", "and", "on", "in", "at", "to", "&"})


def acronym_of(full: str, short: str) -> bool:
    """Whether ``short`` is printed as the acronym of the organisation ``full``: capitals, the initials of its
    words but the little ones ("PETA": People for the Ethical Treatment of Animals; "NRA": National Rifle
    Association); never a word of its own ("Union" is no acronym)."""
    short = short.replace(".", "")
    if not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
        return False
    words = [w for w in re.split(r"[\s-]+", full.strip()) if w and w.lower() not in _ACRONYM_GLUE]
    return len(words) == len(short) and all(w[:1].upper() == c for w, c in zip(words, short, strict=True))


def is_personal_name(spelling: str) -> bool:
    """Whether a speaker spelling can be a person's name that other spellings may join ("Trump", "Donald J.
    Trump", "de Léon"): not a description of an unnamed source ("A senior State Department official", "aides":
    a determiner first, or a lowercase word that is not a name particle) nor an office or body named by its last
    word ("State Department", "White House"). Such spellings are their own row, whatever their last word."""
    from quotetrace.text.lexicon import ORG_NOUNS

    words = spelling.split(",")[0].split()  # "Etheridge, a Democrat": the name before the apposition
    if not words or fold(words[0]) in _DESCRIPTION_HEADS:
        return False
    if any(w[:1].islower() and fold(w).strip(".") not in PARTICLES | ORG_SUFFIXES for w in words):
        return False
    return fold(words[-1]).strip(".,") not in ORG_NOUNS


def identify(
    counts: Mapping[str, int],
    *,
    cooccur: Callable[[str], Iterable[str]] | None = None,
    aliases: Aliases | None = None,
) -> dict[str, str]:
    """Spelling -> the name shown for its person, for every speaker spelling of an index (``counts``: mentions
    per spelling). A function of the spellings, their co-occurrence and the aliases, never of their order.

    - Full names are one person when :func:`compatible` says so for every pair ("Tomás Calderón" / "Tomas
      Calderon", "Bill Clinton" / "William Clinton"); a spelling compatible with two people ("J. Smith" with John
      and Jane Smith) stays apart.
    - A bare surname ("Trump", "Mr. Trump") is the one person with that surname among the full names of the index;
      when there are several ("Clinton": Bill and Hillary), the one among the full names printed in the articles
      where it appears (``cooccur``: spelling -> other spellings of those articles), if that is unique; else it
      stays its own row.
    - ``aliases`` merge what the rules cannot know and split what they must not join.
    """
    aliases = aliases or Aliases()
    every = sorted(n for n in counts if n and n.strip())
    # descriptions and offices are a row each (their case-folded spellings together), never matched by surname
    others: dict[str, list[str]] = {}
    for n in every:
        if not is_personal_name(n):
            others.setdefault(fold(n), []).append(n)
    names = [n for n in every if is_personal_name(n)]
    parsed = {n: _identity_name(parse_name(n)) for n in names}
    forbidden: set[frozenset[str]] = set()
    for g in aliases.split:
        keys = [fold(n) for n in g]
        forbidden.update(frozenset((x, y)) for i, x in enumerate(keys) for y in keys[i + 1 :] if x != y)

    def allowed(xs: Iterable[str], ys: Iterable[str]) -> bool:
        fx, fy = {fold(x) for x in xs}, {fold(y) for y in ys}
        return not any(frozenset((x, y)) in forbidden for x in fx for y in fy)

    # 1. full names, per surname, most printed first: join the one group every member of which is compatible
    groups: list[list[str]] = []
    by_surname: dict[str, list[int]] = {}
    fulls = [n for n in names if parsed[n].surname and not parsed[n].is_surname_only]
    # names spelled out first (an initial joins only the one person it fits), then the most printed
    for n in sorted(fulls, key=lambda n: (len(parsed[n].first) <= 2, -counts[n], n)):
        p = parsed[n]
        fits = [
            gi
            for gi in by_surname.get(p.surname, [])
            if all(compatible(p, parsed[m]) for m in groups[gi]) and allowed([n], groups[gi])
        ]
        if len(fits) == 1:
            groups[fits[0]].append(n)
        else:
            by_surname.setdefault(p.surname, []).append(len(groups))
            groups.append([n])
    # 2. bare surnames: the one person of that surname (in the index, else among the names printed beside them)
    where: dict[str, int] = {n: gi for gi, g in enumerate(groups) for n in g}
    lone: dict[str, list[str]] = {}
    for n in names:
        p = parsed[n]
        if not p.surname or not p.is_surname_only:
            continue
        bare = _person_surname(p.surname) and _printed_bare(n, p.surname)
        cands = [gi for gi in by_surname.get(p.surname, []) if bare and allowed([n], groups[gi])]
        near: set[int] | None = None
        if len(cands) > 1 and cooccur is not None:
            near = {where[m] for m in cooccur(n) if m in where}
            if any(gi in near for gi in cands):
                cands = [gi for gi in cands if gi in near]
        if len(cands) > 1:
            # one person of that surname dominates the full names printed (Donald Trump against a rare Ivanka
            # Trump): the bare surname is theirs; two prominent namesakes (Bill and Hillary Clinton) stay apart
            weight = {gi: sum(counts[m] for m in groups[gi]) for gi in cands}
            top = max(cands, key=lambda gi: (weight[gi], -gi))
            if weight[top] >= DOMINANT_SHARE * sum(weight.values()):
                cands = [top]
        if len(cands) == 1:
            groups[cands[0]].append(n)
            where[n] = cands[0]
        else:
            # spellings of one bare surname are one row ("Trump", "Mr. Trump"); anything else keeps its own
            lone.setdefault(p.surname if bare else "\x00" + fold(n), []).append(n)
    for surname in sorted(lone):
        gi = len(groups)
        groups.append(lone[surname])
        for n in lone[surname]:
            where[n] = gi
    shown: dict[int, str] = {}
    for key in sorted(others):
        gi = len(groups)
        groups.append(others[key])
        # shown as most printed ("the official" over "The official" at a sentence start), then lowercase first
        shown[gi] = max(others[key], key=lambda n: (counts.get(n, 0), n[:1].islower(), n))
        for n in others[key]:
            where[n] = gi
    # 3. an organisation's acronym ("ACLU") is the one organisation of the index it abbreviates ("American Civil
    # Liberties Union"); two it could abbreviate, it stays its own row
    for n in every:
        if n not in where or not _ACRONYM.fullmatch(n):
            continue
        targets = {where[m] for m in every if m in where and where[m] != where[n] and acronym_of(m, n)}
        if len(targets) == 1:
            (gi,) = targets
            src = where[n]
            if allowed(groups[src], groups[gi]) and all(_ACRONYM.fullmatch(m) for m in groups[src]):
                groups[gi].extend(groups[src])
                for m in groups[src]:
                    where[m] = gi
                groups[src] = []
                shown.pop(src, None)
    names = every
    # 4. aliases: merge groups (the first spelling listed is the name shown)
    key_of = {fold(n): n for n in names}
    for g in aliases.merge:
        present = [key_of[fold(n)] for n in g if fold(n) in key_of]
        idx = sorted({where[n] for n in present})
        if not idx:
            continue
        keep = idx[0]
        for gi in idx[1:]:
            groups[keep].extend(groups[gi])
            for n in groups[gi]:
                where[n] = keep
            groups[gi] = []
        shown[keep] = g[0]
    out: dict[str, str] = {}
    for gi, members in enumerate(groups):
        if not members:
            continue
        name = shown.get(gi) or _display(members, counts)
        for n in members:
            out[n] = name
    for n in names:
        out.setdefault(n, n)
    return out
