"""Tests for quotetrace.speakers: printed names split into title and name, and cleaned for display."""

from __future__ import annotations

import pytest

from quotetrace.people import acronym_of
from quotetrace.speakers import clean_name, party_tag, split_title


@pytest.mark.parametrize(
    ("printed", "title", "name"),
    [
        ("Health Minister Anna Berg", "Health Minister", "Anna Berg"),
        ("NATO chief of staff Stian Jenssen", "NATO chief of staff", "Stian Jenssen"),
        ("Secretary of State Antony Blinken", "Secretary of State", "Antony Blinken"),
        ("Minister for Trade Liz Truss", "Minister for Trade", "Liz Truss"),
        ("Sen. Ted Cruz", "Sen.", "Ted Cruz"),
        # an office with no name is what was printed, never its tail ("of staff")
        ("chief of staff", None, "chief of staff"),
        ("his chief of staff", None, "his chief of staff"),
        ("Anna Berg", None, "Anna Berg"),
        # a surname that is also a title stays the name before a suffix
        ("Martin Luther King Jr.", None, "Martin Luther King Jr."),
        ("Martin Luther King III", None, "Martin Luther King III"),
        # negative: a title before a regnal name is a title
        ("King Charles III", "King", "Charles III"),
    ],
)
def test_split_title(printed: str, title: str | None, name: str) -> None:
    assert split_title(printed) == (title, name)


@pytest.mark.parametrize(
    ("printed", "cleaned"),
    [
        ("Dr. Anna Berg", "Anna Berg"),
        ("Chief Justice John Roberts", "John Roberts"),
        ("Stoltenberg’s", "Stoltenberg"),
        ("chief of staff", "chief of staff"),
        ("Chief of Staff", "Chief of Staff"),
        ("the Kremlin", "Kremlin"),
        ("D.C. Jackson", "Jackson"),  # "… in Washington, D.C. Jackson's wife …": a sentence end lost
        ("U.S. Bharara", "Bharara"),
        ("N.C. Wyeth", "N.C. Wyeth"),  # initials stay a name
        # a party and state tag is no part of the name
        ("Pelosi, D-Calif.", "Pelosi"),
        ("Ted Cruz (R-TX)", "Ted Cruz"),
        ("Sanders, I-Vt.", "Sanders"),
        ("Ann Berg, R-New Mexico", "Ann Berg"),
        # negative: hyphenated names stay whole
        ("Ann Berg-Smith", "Ann Berg-Smith"),
        ("D-Money", "D-Money"),
        # abbreviated titles, plural ones too
        ("Reps. Peter DeFazio", "Peter DeFazio"),
        ("Det. Sgt. Maria Gomez", "Maria Gomez"),
        # a list bullet or a quotation mark the tagger ran into is no part of a name
        ('• "Maria Gomez', "Maria Gomez"),
        ("▪ Maria Gomez", "Maria Gomez"),
        # an occupation printed as a title (BENCHMARKS §53)
        ("Farmer Chad Smith", "Chad Smith"),
        ("Supervisor Alfredo Pedroza", "Alfredo Pedroza"),
        ("Oceanographer Pattiaratchi", "Pattiaratchi"),
        # negative: an occupation that is the surname, a given name, or the start of a body's name
        ("John Farmer", "John Farmer"),
        ("Dana Priest", "Dana Priest"),
        ("Dean Yates", "Dean Yates"),
        ("Nurse Practitioners Association", "Nurse Practitioners Association"),
        ("Teacher Retirement System", "Teacher Retirement System"),
    ],
)
def test_clean_name(printed: str, cleaned: str) -> None:
    assert clean_name(printed) == cleaned


@pytest.mark.parametrize(
    ("after", "tag"),
    [
        (" (R-Ky.) said", ("republican", "kentucky")),
        (", D-N.Y., said", ("democrat", "new york")),
        (", D-Calif., said", ("democrat", "california")),
        (" (R-TX) told", ("republican", "texas")),
        (", I-Vt., said", ("independent", "vermont")),
        (" (D-W.Va.) said", ("democrat", "west virginia")),
        (" (R-Guam) said", ("republican", None)),  # a party without a state it knows
        # negative: no tag, or a tag not at the name
        (" said (R-Ky.)", None),
        (", the senator,", None),
        (" (Reuters) -", None),
    ],
)
def test_party_tag(after: str, tag: tuple[str, str | None] | None) -> None:
    assert party_tag(after) == tag


@pytest.mark.parametrize(
    ("full", "short", "expected"),
    [
        ("American Civil Liberties Union", "ACLU", True),
        ("People for the Ethical Treatment of Animals", "PETA", True),
        ("National Rifle Association", "NRA", True),
        ("Universities and Colleges Employers' Association", "UCEA", True),
        ("North Atlantic Treaty Organization", "N.A.T.O.", True),
        # negative: a word, a person's initials, the wrong letters, the wrong count
        ("University Union", "Union", False),
        ("American Civil Liberties Union", "ACL", False),
        ("National Rifle Association", "NAR", False),
        ("American Civil Liberties Union", "aclu", False),
    ],
)
def test_acronym_of(full: str, short: str, expected: bool) -> None:
    assert acronym_of(full, short) is expected
