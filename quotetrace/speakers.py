"""Within-article speaker resolution: the name registry, canonical names, pronouns and role nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from quotetrace.people import GIVEN_PARTICLES, PARTICLES, SUFFIXES, acronym_of, plausible_given, same_given
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.lexicon import (
    FEMALE_NAMES,
    FEMALE_TITLES,
    INSTITUTION_NOUNS,
    MALE_TITLES,
    NAME_TITLES,
    OCCUPATION_TITLES,
    ORG_NOUNS,
    PARTY_LETTERS,
    PLACE_INITIALS,
    ROLE_NOUNS,
    US_STATES,
)

_NOT_IN_NAMES = frozenset({"to", "and", "of", "the", "for", "on", "in", "at", "vs", "vs.", "with", "says", "said"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WS = re.compile(r"\s+")


def split_title(text: str) -> tuple[str | None, str]:
    """Split a printed name into title and name: "Health Minister Anna Berg" -> ("Health Minister", "Anna Berg")."""
    words = _WS.sub(" ", text).strip().split(" ")
    last = len(words) - 1  # the final name word: "King" of "Martin Luther King Jr." is his surname, not a title
    while last > 0 and fold(words[last]).strip(".,") in SUFFIXES:
        last -= 1
    cut = 0
    for i, w in enumerate(words[:last]):
        lw = w.lower().rstrip(".,")
        if lw in NAME_TITLES or lw in ROLE_NOUNS or (lw in OCCUPATION_TITLES and len(words) - i - 1 <= 3):
            cut = i + 1
    if cut == 0:
        return None, text
    rest = words[cut:]
    if rest[-1].lower().rstrip(".,") in _BODY_HEADS:
        # "Justice Department", "Sheriff Department", "Nurse Practitioners Association": a body's name, not a
        # titled person
        return None, text
    if rest[0] in _OF:  # "chief of staff Stian Jenssen", "Secretary of State Antony Blinken": one office
        j = 1
        while j < len(rest) and (rest[j].islower() or rest[j].lower().rstrip(".,") in _OFFICE_OF):
            j += 1
        if j == len(rest):
            return None, text  # an office and no name ("chief of staff"): the whole is what was printed
        cut += j
    return " ".join(words[:cut]), " ".join(words[cut:])


#: Words that end an organisation's name, beyond the organisation nouns of the lexicon.
_BODY_HEADS = (
    ORG_NOUNS
    | INSTITUTION_NOUNS
    | frozenset({"association", "society", "institute", "foundation", "federation", "league", "coalition", "club"})
    | frozenset({"center", "centre", "network", "system", "fund", "trust", "union", "guild", "academy", "college"})
)

_OF = frozenset({"of", "for", "to"})
# Capitalised words that continue an office after "of" / "for" ("Secretary of State", "Minister for Trade").
_OFFICE_OF = frozenset(
    (
        "staff",
        "state",
        "defense",
        "defence",
        "justice",
        "foreign",
        "affairs",
        "homeland",
        "security",
        "treasury",
        "commerce",
        "energy",
        "health",
        "education",
        "labor",
        "labour",
        "interior",
        "agriculture",
        "transportation",
        "transport",
        "veterans",
        "finance",
        "trade",
        "housing",
        "culture",
        "environment",
        "economy",
        "home",
        "war",
        "navy",
        "army",
    )
)


# a party and state tag after a name: "Pelosi, D-Calif.", "Ted Cruz (R-TX)", "Sanders, I-Vt."
_PARTY_TAG = re.compile(r"(?:,\s*|\s*\()[DRI]-[A-Z][A-Za-z.]{0,12}(?:\s[A-Z][A-Za-z.]{0,12})?\)?\.?$")


# the same tag printed right after a name, read: its party letter and its state as printed
_PARTY_TAG_AFTER = re.compile(r"\s*(?:,\s*|\()([DRI])\s?[-–]\s?([A-Z][A-Za-z.]{0,12}(?:\s[A-Z][A-Za-z.]{0,12})?)[,).]")


def party_tag(after: str) -> tuple[str, str | None] | None:
    """The party ("republican", "democrat", "independent") and US state ("kentucky", None when the tag names no
    state) of a party and state tag at the start of ``after``, the text printed after a name: "(R-Ky.)" is
    ("republican", "kentucky"), ", D-N.Y.," ("democrat", "new york")."""
    m = _PARTY_TAG_AFTER.match(after)
    if m is None:
        return None
    state = fold(m.group(2)).replace(".", "").replace(" ", "")
    return PARTY_LETTERS[m.group(1).lower()], US_STATES.get(state)


# What may stand at a printed name's edges and is no part of it: punctuation, quotation marks, list bullets.
_EDGE = " ,.;:-–—\"'“”‘’()•·▪►‣*"


def clean_name(text: str) -> str:
    """A printed name without possessive, leading titles, determiners, a party tag or edge punctuation."""
    text = _WS.sub(" ", text).strip(_EDGE)
    text = _PARTY_TAG.sub("", text)
    text = _POSSESSIVE.sub("", text)
    words = split_title(text)[1].split(" ")
    while (
        len(words) > 1
        and (words[0].lower().rstrip(".") in NAME_TITLES or words[0].lower() in NAME_TITLES)
        and words[1] not in _OF  # "chief of staff" is an office, not "of staff"
    ):
        words = words[1:]
    if words and words[0].lower() in {"the", "a", "an"} and len(words) > 1 and words[1][:1].isupper():
        words = words[1:]
    while len(words) > 1 and words[0].lower() in PLACE_INITIALS:  # "D.C. Jackson": a lost sentence end
        words = words[1:]
    return " ".join(words)


def description_name(text: str) -> str:
    """An unnamed source as its description: the words as printed ("one GOP operative", "a lawyer for Mr. Grimm"),
    spaces normalised and edge punctuation gone, a leading "the" dropped before a capitalised word as for names.
    Unlike :func:`clean_name` it never cuts at a title, so the person spoken for is not taken for the speaker."""
    words = _WS.sub(" ", text).strip(_EDGE).split(" ")
    if len(words) > 1 and words[0].lower() == "the" and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words)


@dataclass
class Person:
    """A speaker known in one article: canonical name, variants seen, titles used, gender if known."""

    name: str
    kind: str = "PERSON"  # PERSON | ORG
    variants: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    gender: str | None = None  # "m" | "f" | None
    described: set[str] = field(default_factory=set)  # appositives: "Chris Grayling, the MP for Epsom,"
    named_in_body: bool = False  # printed with given name and surname outside a headline ("Sir Keith Joseph")
    _folded: set[str] = field(default_factory=set, repr=False)

    @property
    def folded(self) -> set[str]:
        """The variants as folded keys (kept in step with ``variants``)."""
        if len(self._folded) != len(self.variants):
            self._folded = {fold(v) for v in self.variants}
        return self._folded

    @property
    def surname(self) -> str:
        return self.name.split(" ")[-1]


class NameRegistry:
    """Groups the names printed in one article so that "Stoltenberg", "Jens Stoltenberg" and a typo meet."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def _find(self, name: str, kind: str) -> Person | None:
        key = fold(name)
        parts = _name_words(key)
        best: tuple[float, Person] | None = None
        for p in self.people:
            pkey = fold(p.name)
            if (key == pkey or key in p.folded) and (kind == p.kind or kind == "ORG"):
                return p
            if kind == "PERSON" and p.kind != "PERSON":
                continue  # a person is never an organisation that happens to share the spelling
            if kind != p.kind:
                # an ORG named like a person surname is rare; keep kinds apart except exact matches
                continue
            pparts = _name_words(pkey)
            if kind == "PERSON" and p.kind == "PERSON":
                # surname-only (or first+last vs full) match
                if parts[-1] == pparts[-1] and (len(parts) == 1 or len(pparts) == 1 or parts[0] == pparts[0]):
                    return p
                if parts[-1] == pparts[-1] and same_given(parts[0], pparts[0]):
                    return p
                # a typo in the surname ("Stoltenber"): same initial, close spelling, long enough
                if len(parts[-1]) >= 5 and parts[-1][0] == pparts[-1][0]:
                    score = fuzz.ratio(parts[-1], pparts[-1])
                    given_ok = len(parts) == 1 or len(pparts) == 1 or same_given(parts[0], pparts[0])
                    if score >= 85 and given_ok and (best is None or score > best[0]):
                        best = (score, p)
            elif kind == p.kind and key.replace(".", "") == pkey.replace(".", ""):
                return p
            elif kind == "ORG" and (acronym_of(p.name, name) or acronym_of(name, p.name)):
                return p  # "The American Civil Liberties Union said … The ACLU added"
        if best is None and kind == "PERSON" and len(parts) == 1:
            # "Sir Keith said", "Ava told the crew": a given name alone is the one person of the article named in
            # full with it in the body (a surname, matched above, always goes first; a headline's "Trump Declares"
            # names nobody)
            given = [
                p
                for p in self.people
                if p.named_in_body
                and fold(p.name).split(" ")[0] == key
                and all(plausible_given(w) for w in p.name.split(" ")[1:])  # not "Trump Declares"
            ]
            if len(given) == 1:
                return given[0]
        return best[1] if best else None

    def add(self, printed: str, kind: str = "PERSON", title: str | None = None) -> Person | None:
        inner_title, _ = split_title(_POSSESSIVE.sub("", printed.strip()))
        if inner_title and kind == "PERSON":
            title = f"{title} {inner_title}" if title else inner_title
        name = clean_name(printed)
        if not name or not any(c.isalpha() for c in name):
            return None
        if kind == "PERSON" and any(w.lower() in _NOT_IN_NAMES for w in name.split(" ")[1:-1] + name.split(" ")[:1]):
            return None  # "Mitt To Akin" is a headline fragment, not a person
        p = self._find(name, kind)
        if p is None:
            p = Person(name=name, kind=kind)
            self.people.append(p)
        else:
            if (
                len(name.split(" ")) > len(p.name.split(" "))
                and kind == p.kind
                and fold(name).endswith(fold(p.surname))
            ):
                p.variants.add(p.name)
                p.name = name
        if p.name.isupper() and not name.isupper():
            p.variants.add(p.name)
            p.name = name  # "WALLACE" in a transcript label, "Chris Wallace" or "Wallace" elsewhere
        p.variants.add(name)
        if title:
            p.titles.add(title)
            first = fold(title.split(" ")[-1]).rstrip(".")
            if fold(title).split(" ")[0] in FEMALE_TITLES or first in FEMALE_TITLES:
                p.gender = "f"
            elif fold(title).split(" ")[0] in MALE_TITLES:
                p.gender = "m"
        if p.gender is None and p.kind == "PERSON" and len(p.name.split(" ")) > 1:
            given = fold(p.name.split(" ")[0])
            if given in FEMALE_NAMES:
                p.gender = "f"
        return p

    def lookup(self, printed: str, kind: str = "PERSON") -> Person | None:
        name = clean_name(printed)
        return self._find(name, kind) if name else None

    def canonical(self, printed: str, kind: str = "PERSON") -> str:
        p = self.lookup(printed, kind)
        return p.name if p else clean_name(printed)


def _name_words(key: str) -> list[str]:
    """A folded name's words as names compare them: surname particles are no given names ("von der leyen" is
    the surname "leyen" alone), unless one opens the name and is a given name too ("ben jealous")."""
    words = key.split(" ")
    return [w for k, w in enumerate(words[:-1]) if w not in PARTICLES or (k == 0 and w in GIVEN_PARTICLES)] + words[-1:]


_CAP_WORD = r"[A-Z][a-zà-ÿ'’\-]+|[A-Z]\."
# a nickname quoted between given name and surname: William "Mo" Cowan, John “Tig” Tiegen
_NICKNAME = r"[\"“‘'](?P<nick>[A-Z][a-zà-ÿ'’\-]+)[\"”’']"


def in_title_case_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits in a line of four or more words nearly all capitalised (a headline)."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    words = [w for w in text[a : b if b >= 0 else len(text)].split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def full_names(text: str, surnames: set[str]) -> dict[str, str]:
    """For surnames printed alone as speakers, the full name the article prints elsewhere, when it is unique.

    Runs on the raw text (cheap, no parse), so names in paragraphs spaCy never saw still count:
    "Ukrainian President Vladimir Zelensky" makes a later "Zelensky" into "Vladimir Zelensky".
    Two different given names for one surname (Liz and Dick Cheney) leave the surname alone. A nickname quoted
    between given name and surname (William "Mo" Cowan) is the same person's: the full name is the given name's
    (William Cowan), and "Mo Cowan" elsewhere in the article is that person too.
    """
    out: dict[str, str] = {}
    for surname in surnames:
        if " " in surname or not surname[:1].isupper():
            continue
        given: dict[str, str] = {}
        nicknames: dict[str, str] = {}
        # words of one line only: a headline's last word is no given name of the body's first name
        pattern = re.compile(rf"\b((?:(?:{_CAP_WORD})[^\S\n]+){{1,2}})(?:{_NICKNAME}[^\S\n]+)?{re.escape(surname)}\b")
        for m in pattern.finditer(text):
            if in_title_case_line(text, m.start(), m.end()):
                continue  # a headline capitalises every word: "…Jobs Bill Obama…" names no Bill Obama
            words = [w for w in m.group(1).split() if plausible_given(w)]
            if not words or words[-1].lower() in ROLE_NOUNS:
                continue
            first = words[0] if len(words) == 1 or len(words[-1]) <= 2 else words[-1]
            name = " ".join([*words[words.index(first) :], surname]) if first in words else f"{first} {surname}"
            given[fold(first.rstrip("."))] = name
            if m.group("nick"):
                nicknames[fold(m.group("nick"))] = name
        given.update(nicknames)
        names = {given[k] for k in given if len(k) > 1}
        if len(names) == 1:
            out[surname] = names.pop()
    return out
