"""The indexed attribute ruler finds exactly the matches spaCy's own matcher finds, in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from quotetrace.nlp.ruler import IndexedRuler, index_attribute_ruler

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def spacy_matches(ruler: Any, doc: Doc) -> list[tuple[int, int, int, int]]:
    """What ``AttributeRuler.match`` returns, whatever the instance's ``match`` now is."""
    return list(AttributeRuler.match(ruler, doc))


def before_ruler(nlp: Any, text: str) -> Doc:
    """The Doc as the ruler meets it in the pipeline: tagged and parsed, the ruler not yet run."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = proc(doc)
    return doc


def test_the_pipeline_matches_through_the_index(nlp: Any) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler").match, IndexedRuler)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "Y'all ain't gonna believe it, but we got nothin' to lose.",
        "\u201cWe're gonna win,\u201d she said. \u201cY all know it.\u201d",
        "I wanna go, he said, 'cause they gotta see it.",
        "He said: \u201cIt ain't over.\u201d\n\nShe didn't reply.\t\t It's done.",
        "Sen. Warren (D-Mass.) told reporters Tuesday that the U.S. won't back down.",
        "\x1b[31mred\x1b[0m \u200b zero\u00a0width \ufeff and  double  spaces",
        "\u00ab Je ne sais pas \u00bb, a-t-il dit. \u201eNein\u201c, sagte er.",
        "N'T n't nt NOTHIN' nuthin' y' all yall",
    ],
)
def test_same_matches_as_spacy(nlp: Any, text: str) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    doc = before_ruler(nlp, text)
    assert ruler.match(doc) == spacy_matches(ruler, doc)


def test_same_matches_on_every_fixture_article(nlp: Any) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    paths = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".md", ".html", ".json"))
    assert paths
    seen = 0
    for path in paths:
        doc = before_ruler(nlp, path.read_text(encoding="utf-8", errors="replace")[:20_000])
        got = ruler.match(doc)
        assert got == spacy_matches(ruler, doc), path.name
        seen += len(got)
    assert seen > 1000  # the tag map matched nearly every token


WORDS = [
    "gon",
    "na",
    "got",
    "ta",
    "y'",
    "y",
    "all",
    "ai",
    "n't",
    "nt",
    "nothin'",
    "nuthin'",
    "ca",
    "wo",
    "the",
    "'s",
    "He",
    "said",
    "\u201c",
    "\u201d",
    ".",
    ",",
    " ",
    "\n",
    "Mr.",
    "Trump",
    "lets",
    "us",
    "'cause",
    "dunno",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_same_matches_on_any_mix_of_the_exception_words(nlp: Any, words: list[str]) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    doc = before_ruler(nlp, " ".join(words))
    assert ruler.match(doc) == spacy_matches(ruler, doc)


def blank_with_ruler(patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}, "LOWER": "said"}]], "attrs": {"LEMMA": "say"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["nsubj", ""]}}]], "attrs": {"MORPH": "X=1"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"TAG": "NN"}], [{"LOWER": "dog"}]], "attrs": {"POS": "PROPN"}},  # two patterns, one entry
]


@pytest.mark.parametrize(
    ("words", "tags", "deps"),
    [
        (
            ["The", "dog", "said", "y'", "all", "gon", "na", "win"],
            ["DT", "NN", "VBD", "PRP", "DT", "VBG", "TO", "VB"],
            ["det", "nsubj", "ROOT", "nsubj", "dep", "aux", "aux", "xcomp"],
        ),
        (["y", "all", " ", "dog", "dog"], ["PRP", "DT", "_SP", "NN", "NN"], ["nsubj", "dep", "dep", "ROOT", "dobj"]),
        (["gon"], ["VBG"], ["ROOT"]),
        (["Said", "said", "SAID"], ["VBZ", "VBD", "NN"], ["ROOT", "ccomp", "dobj"]),
    ],
)
def test_same_matches_for_each_kind_of_test(words: list[str], tags: list[str], deps: list[str]) -> None:
    nlp, ruler = blank_with_ruler(PATTERNS)
    heads = [0] * len(words)
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)
    expected = spacy_matches(ruler, doc)
    assert expected  # the case exercises the patterns
    assert index_attribute_ruler(nlp)
    assert ruler.match(doc) == expected
    ruler.set_annotations(doc, ruler.match(doc))  # spaCy's own step applies the list unchanged


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}],  # an operator
        [{"ORTH": "Trump"}],  # an attribute the index does not read
        [{"LENGTH": {">=": 3}}],  # a comparison
        [{"LOWER": {"FUZZY": "said"}}],  # a predicate it does not know
    ],
)
def test_patterns_it_does_not_read_leave_spacy_matching(pattern: list[dict[str, Any]]) -> None:
    nlp, ruler = blank_with_ruler([*PATTERNS, {"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
    assert not index_attribute_ruler(nlp)
    assert "match" not in vars(ruler)  # the class's own method, untouched


def test_a_pipeline_without_the_ruler_is_left_alone() -> None:
    assert not index_attribute_ruler(spacy.blank("en"))
