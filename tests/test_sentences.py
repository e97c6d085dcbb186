"""Sentence ends (quotetrace.text.sentences): the reading, sure and quick splits, and whether a string ends one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotetrace.framing.context import Window, sentences
from quotetrace.text.sentences import (
    ABBREVIATIONS,
    ends_sentence,
    is_abbreviation,
    sentence_around,
    sentence_bounds,
    sentence_start,
    sentences_around,
    sure_ends,
)

# -- the reading split ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen. Cruz said it. Then he left.", ["Sen. Cruz said it.", "Then he left."]),
        ("U.S. officials met. They agreed.", ["U.S. officials met.", "They agreed."]),
        ("It was Jan. 5 when he came. Nobody knew.", ["It was Jan. 5 when he came.", "Nobody knew."]),
        ("J. Smith arrived. He sat.", ["J. Smith arrived.", "He sat."]),
        ("He arrived at 9 a.m. on Monday. He sat.", ["He arrived at 9 a.m. on Monday.", "He sat."]),
        ('He said it." Then he left.', ['He said it."', "Then he left."]),
        ("He said it.” Then he left.", ["He said it.”", "Then he left."]),
        ("He (the mayor) left.) Then", ["He (the mayor) left.)", "Then"]),
        ("He paused… Then he left.", ["He paused…", "Then he left."]),
        ("It rose in 2010. The end.", ["It rose in 2010.", "The end."]),
        ("One line\nSecond line", ["One line", "Second line"]),
        ("One.\n\nTwo", ["One.", "Two"]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        ("Wait?! No.", ["Wait?!", "No."]),
        ("  spaced.  Out.  ", ["spaced.", "Out."]),
        ("no end at all", ["no end at all"]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_reading_split(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_bounds(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mrs. Clinton left.",  # a title
        "Apple Inc. and Google agreed.",  # a company
        "The U.S. Senate voted.",  # initials
        "John F. Kennedy spoke.",  # an initial
        "He said no. then he left.",  # a lower-case word follows
        "In the U.S. The plan failed.",  # after an abbreviation even before a capital (a lost end, kept whole)
        "It is No. 5 on the list.",
        "Sens. Ted Cruz and Marco Rubio voted.",  # the sure split's plurals, on the one list
        "Adm. Harry B. Harris spoke.",
        "apples vs. Oranges were compared.",
    ],
)
def test_reading_split_no_end(text: str) -> None:
    assert len(sentence_bounds(text)) == 1


def test_attribution_after_a_question_stays_with_the_quote() -> None:
    text = "“Why not?” Mrs. Clinton said. Nobody answered."
    assert [text[a:b] for a, b in sentence_bounds(text)] == ["“Why not?”", "Mrs. Clinton said.", "Nobody answered."]
    joined = ["“Why not?” Mrs. Clinton said.", "Nobody answered."]
    assert [text[a:b] for a, b in sentence_bounds(text, said={"said", "asked"}.__contains__)] == joined
    assert [text[a:b] for a, b in sentences(text)] == joined  # show's: the cue table knows "said"
    other = "“Why not?” It rained. Nobody answered."  # no speech verb follows: the question ends its sentence
    assert [other[a:b] for a, b in sentences(other)] == ["“Why not?”", "It rained.", "Nobody answered."]


def test_sentences_around_a_passage() -> None:
    text = "Mr. Smith arrived at 9 a.m. on Monday. He said the U.S. plan was “bold.” Nobody agreed.\nNext line"
    start = text.index("bold")
    sentence, before, after = sentences_around(sentences(text), start, start + 4)
    assert (text[slice(*sentence)], before and text[slice(*before)], after and text[slice(*after)]) == (
        "He said the U.S. plan was “bold.”",
        "Mr. Smith arrived at 9 a.m. on Monday.",
        "Nobody agreed.",
    )
    assert sentences_around(sentences(text), 0, 3)[1] is None
    assert sentences_around(sentences(text), len(text) - 2, len(text))[2] is None
    two = sentences_around(sentences(text), text.index("plan"), text.index("agreed"))[0]  # a passage over two
    assert text[slice(*two)] == "He said the U.S. plan was “bold.” Nobody agreed."
    assert sentences_around((), 4, 9) == ((4, 9), None, None)
    win = Window(text, start, start + 4)
    assert (win.sentence, text[slice(*win.paragraph)]) == (sentence, text.split("\n")[0])


# -- the sure split -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Sen. Cruz said it. Then he left.", "said", "Sen. Cruz said it."),
        ("U.S. officials said so. Then they left.", "said", "U.S. officials said so."),
        ("On Jan. 5 he said so. Then it rained.", "said", "On Jan. 5 he said so."),
        ("Mrs. Clinton said so. Mr. Trump did not.", "did", "Mr. Trump did not."),
        ('He said it." Then he left.', "said", 'He said it."'),
        ('He said it." Then he left.', "Then", "Then he left."),
        ("He said it.” “Then he left.", "Then", "“Then he left."),
        ("He said it.' Then he left.", "Then", "Then he left."),
        ("He called it ''unfit.'' Then he left.", "called", "He called it ''unfit.''"),
        ("He (the mayor) left.] Then he said so.", "said", "Then he said so."),
        ("Why? Because he said so.", "Why", "Why?"),
        ("Why? Because he said so.", "said", "Because he said so."),
        ("Stop! He said so.", "said", "He said so."),
        ("no end at all", "end", "no end at all"),
    ],
)
def test_sure_split(text: str, word: str, expected: str) -> None:
    a, b = sentence_around(text, text.index(word))
    assert text[a:b] == expected


@pytest.mark.parametrize(
    "text",
    [
        "He paused… Then he said so.",  # an ellipsis may trail off
        "It rose in 2010. The mayor said so.",  # a number's full stop
        "In the U.S. The mayor said so.",  # initials
        "Gen. Smith said so.",
        "Apple Inc. Then said so.",
        "Pres. Obama said so.",  # the reading split's titles, on the one list
        "Lt. Gov. Smith said so.",
        "It ended. then he said so.",  # no capital after
        "One line\nSecond said so",  # a line break is no end here: chunks are single lines
    ],
)
def test_sure_split_no_end(text: str) -> None:
    assert list(sure_ends(text)) == []
    assert sentence_around(text, text.index("said")) == (0, len(text))


def test_sure_split_empty_and_window() -> None:
    assert sentence_around("", 0) == (0, 0)
    text = "He left. She said so! In 2010. The end."
    assert list(sure_ends(text)) == [(8, 9), (21, 22)]  # not after "2010."
    assert list(sure_ends(text, 10)) == [(21, 22)]
    assert list(sure_ends(text, 0, 15)) == [(8, 9)]


# -- the quick split ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("He left. She said", "said", "She "),
        ("He left? She said", "said", "She "),
        ("He left! She said", "said", "She "),
        ("He left… She said", "said", "She "),
        ("He left.\nShe said", "said", "She "),
        ("Sen. Cruz said", "said", "Cruz "),  # quick: any full stop and space
        ('He left." She said', "said", "She "),  # closing marks after the stop
        ("He left.) She said", "said", "She "),
        ("She said", "said", "She "),
        ("He left. ", None, ""),  # the text before ends a sentence: the offset opens the next
        ("", None, ""),
    ],
)
def test_quick_split(text: str, word: str | None, expected: str) -> None:
    at = text.index(word) if word else len(text)
    assert text[sentence_start(text, at) : at] == expected


def test_quick_split_window() -> None:
    assert sentence_start("One. Two three", 14, 6) == 6
    assert sentence_start("One. Two. three", 15, 2) == 10


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Sen.", True),
        ("sen", True),
        ("SENS.", True),
        ("U.S.", True),
        ("u.s", True),
        ("Jan.", True),
        ("vs.", True),
        ("said.", False),
        ("US", False),
        ("S.", False),  # an initial: the reading split's own rule, not the list
        ("", False),
    ],
)
def test_is_abbreviation(word: str, expected: bool) -> None:
    assert is_abbreviation(word) is expected


def test_one_abbreviation_list() -> None:
    assert all(a.strip(".") == a and " " not in a for a in ABBREVIATIONS)
    assert len(set(ABBREVIATIONS)) == len(ABBREVIATIONS)


# -- ends_sentence --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ends", "firm"),
    [
        ("Done.", True, True),
        ("Done?", True, True),
        ("Done!", True, True),
        ("Wait…", True, False),
        ("Sen.", True, True),  # marks only: whether "Sen." ends a sentence is the splits' business
        ('He said it."', False, False),  # a closing mark after: the caller strips it if it means to
        ("Done. ", False, False),
        ("Done,", False, False),
        ("no end", False, False),
        ("", False, False),
    ],
)
def test_ends_sentence(text: str, ends: bool, firm: bool) -> None:
    assert ends_sentence(text) is ends
    assert ends_sentence(text, firm=True) is firm


# -- properties -----------------------------------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("aAbBsSz .!?…\"'”’)]“‘(\n,:;5")), max_size=80) | st.text(max_size=40)


@given(_TEXT)
def test_reading_bounds_cover_the_text_in_order(text: str) -> None:
    bounds = sentence_bounds(text)
    ends = [0]
    for a, b in bounds:
        assert ends[-1] <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        ends.append(b)
    covered = {i for a, b in bounds for i in range(a, b)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@given(_TEXT, st.data())
def test_sure_sentence_holds_its_offset(text: str, data: st.DataObject) -> None:
    last = 0
    for end, nxt in sure_ends(text):
        assert last <= end < nxt and text[end:nxt].isspace()
        last = nxt
    at = data.draw(st.integers(0, len(text)))
    a, b = sentence_around(text, at)
    assert 0 <= a <= at and b <= len(text)
    if at < len(text) and not text[at].isspace():
        assert at < b


@given(_TEXT, st.data())
def test_quick_start_in_window(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, at))
    start = sentence_start(text, at, lo)
    assert lo <= start <= at
    assert start in (lo, sentence_start(text, at))  # the window only clips the search
