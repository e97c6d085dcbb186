"""Person identity: the one same-given-name rule, identity across an index, the aliases file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrace import people
from quotetrace.people import Aliases, identify, is_personal_name, load_aliases, same_given, save_aliases


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("jens", "jens", True),
        ("j.", "jens", True),  # an initial
        ("jd", "james", False),  # two initials do not stand for one name
        ("bill", "william", True),  # a nickname, either way
        ("william", "bill", True),
        ("dick", "richard", True),
        ("vicente", "vincente", True),  # a close spelling variant
        ("jon", "john", True),
        ("bill", "hillary", False),
        ("donald", "melania", False),
        ("anna", "hanna", False),  # another first letter
        ("", "jens", False),
    ],
)
def test_same_given(a: str, b: str, same: bool) -> None:
    assert same_given(a, b) is same
    assert same_given(b, a) is same


def test_one_rule_within_and_across_articles() -> None:
    """The within-article registry and the cross-article rule use the same function and nickname table."""
    from quotetrace import speakers

    assert speakers.same_given is people.same_given
    reg = speakers.NameRegistry()
    bill = reg.add("William Clinton")
    assert reg.add("Bill Clinton") is bill  # a nickname joins within an article as it does across articles
    assert reg.add("Hillary Clinton") is not bill


COUNTS = {
    "Donald Trump": 147,
    "Trump": 95,
    "Mr. Trump": 3,
    "TRUMP": 1,
    "Tomás Calderón": 2,
    "Tomas Calderon": 3,
    "Bill Clinton": 4,
    "Hillary Clinton": 10,
    "Hillary Rodham Clinton": 2,
    "Clinton": 7,
    "J. Smith": 1,
    "John Smith": 1,
    "Jane Smith": 1,
    "aides to John Boehner": 2,
    "John Boehner": 5,
}


def test_identify_joins_what_the_index_makes_one_person() -> None:
    got = identify(COUNTS)
    assert {got[n] for n in ("Donald Trump", "Trump", "Mr. Trump", "TRUMP")} == {"Donald Trump"}
    assert got["Tomás Calderón"] == got["Tomas Calderon"]
    assert got["Hillary Rodham Clinton"] == got["Hillary Clinton"] == "Hillary Clinton"
    # conservative: two Clintons with given names, so the bare surname stays its own row
    assert got["Bill Clinton"] == "Bill Clinton" and got["Clinton"] == "Clinton"
    # an initial that fits two people joins neither
    assert got["J. Smith"] == "J. Smith" and got["John Smith"] != got["Jane Smith"]
    # a group never joins the person it speaks for
    assert got["aides to John Boehner"] == "aides to John Boehner"


def test_identify_uses_the_names_printed_beside_a_bare_surname() -> None:
    beside = {"Clinton": ["Hillary Clinton", "Donald Trump"]}
    got = identify(COUNTS, cooccur=lambda n: beside.get(n, []))
    assert got["Clinton"] == "Hillary Clinton"
    both = {"Clinton": ["Hillary Clinton", "Bill Clinton"]}
    assert identify(COUNTS, cooccur=lambda n: both.get(n, []))["Clinton"] == "Clinton"


@pytest.mark.parametrize(
    ("counts", "same", "apart"),
    [
        # an organisation's legal suffix names the same organisation (BENCHMARKS §53)
        ({"Microsoft Corp": 1, "Microsoft": 3}, ["Microsoft Corp", "Microsoft"], []),
        ({"Apple Inc.": 2, "Apple": 1, "Tim Cook": 4}, ["Apple Inc.", "Apple"], ["Tim Cook"]),
        ({"Barclays plc": 1, "Barclays": 1}, ["Barclays plc", "Barclays"], []),
        # negative: a generation suffix is another person, and a word the parser dropped is another name
        ({"Trump Jr": 1, "Trump": 2, "Donald Trump": 3}, ["Trump", "Donald Trump"], ["Trump Jr"]),
        ({"ABC News": 2, "ABC": 1}, [], ["ABC News", "ABC"]),
        # an occupation printed as a title is no given name (BENCHMARKS §53)
        (
            {"Oceanographer Pattiaratchi": 1, "Charitha Pattiaratchi": 2},
            ["Oceanographer Pattiaratchi", "Charitha Pattiaratchi"],
            [],
        ),
    ],
)
def test_identify_suffixes_and_occupations(counts: dict[str, int], same: list[str], apart: list[str]) -> None:
    got = identify(counts)
    assert len({got[n] for n in same}) <= 1
    assert all(got[n] not in {got[m] for m in (*same, *apart) if m != n} for n in apart)


def test_aliases_merge_and_split() -> None:
    aliases = Aliases(merge=(("Donald Trump", "The Donald"),), split=(("Trump", "Donald Trump"),))
    got = identify({**COUNTS, "The Donald": 2}, aliases=aliases)
    assert got["The Donald"] == "Donald Trump"
    assert got["Trump"] != "Donald Trump"


@settings(max_examples=30, deadline=None)
@given(st.permutations(sorted(COUNTS)))
def test_identify_does_not_depend_on_order_with_acronyms_either(order: list[str]) -> None:
    counts = {**COUNTS, "American Civil Liberties Union": 4, "ACLU": 2, "A.C.L.U.": 1}
    shuffled = {n: counts[n] for n in [*order, "ACLU", "American Civil Liberties Union", "A.C.L.U."]}
    assert identify(shuffled) == identify(counts)
    assert identify(counts)["A.C.L.U."] == identify(counts)["ACLU"] == "American Civil Liberties Union"


@settings(max_examples=30, deadline=None)
@given(st.permutations(sorted(COUNTS)))
def test_identify_does_not_depend_on_order(order: list[str]) -> None:
    assert identify({n: COUNTS[n] for n in order}) == identify(COUNTS)


def test_aliases_edits_and_file_round_trip(tmp_path: Path) -> None:
    a = Aliases().merged("Donald Trump", "The Donald").merged("The Donald", "Trump")
    assert a.merge == (("Donald Trump", "The Donald", "Trump"),)
    b = a.splitted("Donald Trump", "Trump")
    assert b.merge == (("Donald Trump", "The Donald"),) and b.split == (("Donald Trump", "Trump"),)
    assert b.merged("Donald Trump", "Trump").split == ()
    path = tmp_path / "sub" / "aliases.json"
    save_aliases(path, b)
    assert load_aliases(path) == b
    assert load_aliases(tmp_path / "missing.json") == Aliases()


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"merge": "Trump"}', '{"merge": [["Trump", 3]]}', "\xff"])
def test_a_malformed_aliases_file_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "aliases.json"
    path.write_text(content, encoding="latin-1")
    with pytest.raises(ValueError, match=r"aliases\.json"):
        load_aliases(path)


def test_aliases_file_is_plain_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    save_aliases(path, Aliases(merge=(("Tomás Calderón", "Calderon"),)))
    assert json.loads(path.read_text(encoding="utf-8")) == {"merge": [["Tomás Calderón", "Calderon"]], "split": []}


@pytest.mark.parametrize(
    ("counts", "spelling", "person"),
    [
        # one namesake dominates the full names printed: the bare surname is theirs
        ({"Donald Trump": 40, "Ivanka Trump": 2, "Trump": 30}, "Trump", "Donald Trump"),
        # two prominent namesakes: the bare surname stays its own row
        ({"Bill Clinton": 20, "Hillary Clinton": 25, "Clinton": 9}, "Clinton", "Clinton"),
        # a headline word before a surname is no given name
        ({"Donald Trump": 40, "Says Trump": 2}, "Says Trump", "Donald Trump"),
        ({"Ask Sestak": 3, "Urge Sestak": 1}, "Urge Sestak", "Sestak"),
        # the son is not the father
        ({"Donald Trump": 40, "Trump Jr": 5}, "Trump Jr", "Trump Jr"),
        # organisations and outlets are not namesakes of a person
        ({"Los Angeles Times": 3, "Times": 4}, "Times", "Times"),
        ({"White House": 3, "House": 4}, "House", "House"),
        ({"Vicente Fox": 9, "Fox": 2}, "Fox", "Fox"),
        ({"Log Cabin Republicans": 9, "Republicans": 12}, "Republicans", "Republicans"),
        ({"ABC News": 2, "Fox News": 3}, "ABC News", "ABC News"),
        # a name whose other words the parser drops is not printed bare
        ({"Bob Etheridge": 9, "Etheridge, a Democrat": 2}, "Etheridge, a Democrat", "Bob Etheridge"),
        # middle initials and given names that look like particles
        ({"John Boehner": 9, "John A. Boehner": 3}, "John A. Boehner", "John Boehner"),
        ({"Benjamin Todd Jealous": 9, "Ben Jealous": 3}, "Ben Jealous", "Benjamin Todd Jealous"),
        # unnamed sources keep their description as printed
        ({"the official": 3, "The official": 2}, "The official", "the official"),
        # ... and never join another description, nor a person, by their last word
        (
            {"A senior State Department official": 2, "One State Department official": 1},
            "One State Department official",
            "One State Department official",
        ),
        ({"Republican": 2, "Every Republican": 1, "Florida Republican": 3}, "Every Republican", "Every Republican"),
        # an office named by its last word is its own row, not a surname
        ({"State Department": 3, "Department": 1}, "State Department", "State Department"),
        ({"Justice Department": 3, "State Department": 2}, "Justice Department", "Justice Department"),
        # an acronym is the one organisation of the index it abbreviates
        ({"American Civil Liberties Union": 5, "ACLU": 3}, "ACLU", "American Civil Liberties Union"),
        ({"World Health Organization": 5, "W.H.O.": 1}, "W.H.O.", "World Health Organization"),
        # negative: two it could abbreviate, or none, and it stays its own row
        ({"National Rifle Association": 2, "National Recovery Administration": 1, "NRA": 4}, "NRA", "NRA"),
        ({"American Civil Liberties Union": 5, "NAACP": 3}, "NAACP", "NAACP"),
        # negative: a person's initials are no acronym of a body
        ({"John Fitzgerald Kennedy": 5, "JFK": 3, "Kennedy": 2}, "Kennedy", "John Fitzgerald Kennedy"),
    ],
)
def test_identify_cases(counts: dict[str, int], spelling: str, person: str) -> None:
    assert identify(counts)[spelling] == person


@pytest.mark.parametrize(
    ("spelling", "personal"),
    [
        ("Donald Trump", True),
        ("Trump", True),
        ("Kevin de León", True),
        ("Etheridge, a Democrat", True),
        ("ACLU", True),
        ("a senior official", False),
        ("The official", False),
        ("aides", False),
        ("One State Department official", False),
        ("State Department", False),
        ("White House", False),
        ("Obama and Clinton", False),
        ("", False),
    ],
)
def test_is_personal_name(spelling: str, personal: bool) -> None:
    assert is_personal_name(spelling) is personal


@pytest.mark.parametrize(
    ("word", "can"),
    [
        ("Donald", True),
        ("jens", True),  # folded, as the name parser passes it
        ("J.", True),  # printed initials
        ("J.D.", True),
        ("JD", True),
        ("jd", True),  # initials folded
        ("Al", True),
        ("Emily", True),  # an -ly given name
        ("Kimberly", True),
        ("Apparently", False),  # a sentence adverb
        ("Reportedly", False),
        ("Says", False),  # speech verb forms
        ("asked", False),
        ("Despite", False),  # headline fragment heads
        ("Plus", False),
        ("In", False),  # function words of two letters are no initials
        ("A", False),
        ("the", False),
        ("Monday", False),  # date words
        ("December", False),
        ("President", False),  # titles
        ("Sen.", False),
        ("", False),
    ],
)
def test_plausible_given(word: str, can: bool) -> None:
    assert people.plausible_given(word) is can


def test_no_second_not_given_list() -> None:
    """One place says which words are no given name: full-name completion and identity share it."""
    import quotetrace.speakers as speakers

    assert not hasattr(speakers, "_NOT_GIVEN")
    assert speakers.plausible_given is people.plausible_given


# Dropped (BENCHMARKS §50): no held-out gain (the fifth batch's held-out half, realweb held-out, PolNeAR dev, BASIL).
@pytest.mark.xfail(strict=True, reason="rule dropped: no gain on the held-out splits (BENCHMARKS §50)")
def test_a_given_name_alone_joins_the_full_name_printed_later() -> None:
    from quotetrace import speakers

    reg = speakers.NameRegistry()
    assert reg.add("Fiona") is reg.add("Fiona Parry")
