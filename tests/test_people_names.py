"""Tests for quotetrace.people: name keys, person identity across articles and the variant index."""

from __future__ import annotations

import pytest

from quotetrace.people import NameIndex, name_key, parse_name, same_person, surname_key
from quotetrace.text.fold import fold_cached as fold
from quotetrace.text.lexicon import TITLE_WORDS


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("Jens Stoltenberg", "jens stoltenberg"),
        ("NATO Secretary General Jens Stoltenberg", "jens stoltenberg"),
        ("Stoltenberg", "stoltenberg"),
        ("Stoltenberg’s", "stoltenberg"),
        ("Jens Stoltenberg, NATO's secretary general", "jens stoltenberg"),
        ("Secretary of State Antony Blinken", "antony blinken"),
        ("Ukrainian Foreign Minister Dmytro Kuleba", "dmytro kuleba"),
        ("UN Secretary-General António Guterres", "antonio guterres"),
        ("Former President Donald J. Trump", "donald j trump"),
        ("Sen. Ted Cruz (R-Texas)", "ted cruz"),
        ("Martin Luther King, Jr.", "martin luther king jr"),
        ("Martin Luther King III", "martin luther king iii"),
        ("Donald Trump Sr.", "donald trump"),
        ("Dr. Jane Smith, PhD", "jane smith"),
        ("Ursula von der Leyen", "ursula leyen"),
        ("J.D. Vance", "jd vance"),
        ("J. D. Vance", "jd vance"),
        ("JD Vance", "jd vance"),
        ("Felipe Calderón", "felipe calderon"),
        ("Mr. Trump", "trump"),
        ("a spokesman for Boehner", "spokesman for boehner"),
        ("Josh Earnest, spokesman for the White House", "josh earnest"),
        ("White House spokesman Josh Earnest", "josh earnest"),
        ("the White House", "whitehouse"),
        ("White House", "whitehouse"),
        ("Barack Obama and Hillary Clinton (joint statement)", "barack obama and hillary clinton"),
        ("Joe Bishop", "joe bishop"),
        ("", ""),
        (None, ""),
    ],
)
def test_name_key(printed: str | None, key: str) -> None:
    assert name_key(printed) == key


def test_fold_and_surname_key() -> None:
    assert fold("Calderón’s") == "calderon's"
    assert surname_key("Transport Minister Katarina Vos") == "vos"
    assert parse_name("George H. W. Bush").given == ("george", "hw")


SAME = [
    ("Stoltenberg", "Jens Stoltenberg"),
    ("Jens Stoltenberg", "NATO Secretary General Jens Stoltenberg"),
    ("Vicente Fox", "Vincente Fox"),
    ("Felipe Calderón", "Felipe Calderon"),
    ("Calderón", "Felipe Calderon"),
    ("Dick Cheney", "Richard Cheney"),
    ("Liz Cheney", "Elizabeth Cheney"),
    ("Bill Clinton", "William Jefferson Clinton"),
    ("J. Stoltenberg", "Jens Stoltenberg"),
    ("George W. Bush", "George Bush"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("Aleksandr Lukashenko", "Alexander Lukashenko"),
    # a surname with its particles, printed alone, is the person's
    ("von der Leyen", "Ursula von der Leyen"),
    ("Le Pen", "Marine Le Pen"),
    ("De Niro", "Robert De Niro"),
    ("bin Laden", "Osama bin Laden"),
    ("Ben Jealous", "Benjamin Jealous"),
    # an organisation's legal or reach suffix is no part of who it is
    ("Safari Club International", "Safari Club"),
    ("Amnesty International", "Amnesty"),
    ("Acme Corp.", "Acme"),
    ("Hyatt Hotels Corporation", "Hyatt Hotels"),
    # a generational suffix printed two ways, or a father's "Sr."
    ("Donald Trump Jr.", "Donald Trump, Jr."),
    ("Donald Trump Sr.", "Donald Trump"),
    ("Trump", "Donald Trump Jr."),  # a bare surname fits either: the index decides which
]
DIFFERENT = [
    # a son of the same name is another person
    ("Donald Trump Jr.", "Donald Trump"),
    ("Martin Luther King III", "Martin Luther King Jr."),
    ("Robert F. Kennedy Jr.", "Robert F. Kennedy"),
    ("Dick Cheney", "Liz Cheney"),
    ("George W. Bush", "George H. W. Bush"),
    ("Hillary Clinton", "Bill Clinton"),
    ("Boris Johnson", "Lyndon Johnson"),
    ("Dan Smith", "Don Smith"),
    ("Zelensky", "Volodymyr Zelenskyy"),  # a bare surname must match exactly
    ("Jens Stoltenberg", "Antony Blinken"),
    ("aides to John Boehner", "John Boehner"),
    ("Boehner's lawyers", "Boehner"),
    ("Barack Obama and Hillary Clinton", "Hillary Clinton"),
    ("Jens Stoltenberg", None),
    (None, None),
    ("", "Stoltenberg"),
    ("the White House", "the House"),  # a name of title words only is all of it, not its last word
    ("Foreign Minister", "Minister"),
    # negative: a particle that is a given name stays one
    ("Ben Jealous", "Todd Jealous"),
    ("Al Gore", "Tipper Gore"),
    # negative: a suffix alone names no one, and two organisations with one suffix stay two
    ("International", "Amnesty International"),
    ("Safari Club International", "Sierra Club International"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_person(a: str | None, b: str | None) -> None:
    assert not same_person(a, b)
    assert not same_person(b, a)


def test_index_maps_variants_to_fullest_name() -> None:
    idx = NameIndex(["Stoltenberg", "Jens Stoltenberg", "NATO Secretary General Jens Stoltenberg", "Vicente Fox"])
    assert idx.canonical("Stoltenberg") == "NATO Secretary General Jens Stoltenberg"
    assert idx.canonical("Jens Stoltenberg") == "NATO Secretary General Jens Stoltenberg"
    assert idx.canonical("Vincente Fox") == "Vicente Fox"
    assert idx.canonical("Blinken") is None
    assert idx.canonical(None) is None
    assert len(idx) == 2


def test_index_surname_only_needs_a_unique_full_name() -> None:
    idx = NameIndex(["Dick Cheney", "Liz Cheney", "Cheney"])
    assert idx.persons_with_surname("cheney") == ["Dick Cheney", "Liz Cheney"]
    assert idx.canonical("Cheney") is None
    assert not idx.resolves_to_same("Cheney", "Dick Cheney")
    assert idx.resolves_to_same("Dick Cheney", "Richard Cheney")
    one = NameIndex(["Dick Cheney", "Cheney"])
    assert one.canonical("Cheney") == "Dick Cheney"
    assert one.resolves_to_same("Cheney", "Dick Cheney")


def test_index_surname_only_without_full_name() -> None:
    idx = NameIndex(["Vos", "Minister Vos"])
    assert idx.canonical("Vos") in {"Vos", "Minister Vos"}
    assert len(idx) == 1


def test_index_does_not_bridge_incompatible_people() -> None:
    # "George Bush" is compatible with both; it must not weld the two presidents together.
    idx = NameIndex(["George W. Bush", "George H. W. Bush", "George Bush"])
    assert len(idx.persons_with_surname("bush")) == 2


@pytest.mark.parametrize("word", sorted(TITLE_WORDS))
def test_name_parser_and_descriptors_share_the_title_words(word: str) -> None:
    """One list says which words are a title or role before a name: the name parser drops them, the framing's
    descriptor does not read them as the name, and none of them is a given name."""
    from quotetrace.framing.descriptors import _is_title_word
    from quotetrace.people import parse_name, plausible_given

    printed = word.capitalize()
    assert _is_title_word(printed)
    assert parse_name(f"{printed} Jane Doe").given == ("jane",)
    assert not plausible_given(printed)


def test_every_abbreviated_title_is_a_title_word_and_stripped_from_names() -> None:
    from quotetrace.speakers import clean_name
    from quotetrace.text.lexicon import NAME_TITLES
    from quotetrace.text.sentences import TITLE_ABBREVIATIONS

    for abbr in TITLE_ABBREVIATIONS:
        assert abbr.lower() in TITLE_WORDS and abbr.lower() in NAME_TITLES, abbr
        assert clean_name(f"{abbr}. Ann Berg") == "Ann Berg", abbr
