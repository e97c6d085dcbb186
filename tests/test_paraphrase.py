"""Paraphrase links: same statement in other words, by the same speaker, in another article."""

from __future__ import annotations

import pytest

from quotetrace.paraphrase import ParaphraseScorer, Statement, content_stems, link_paraphrases, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [("decide", "decides"), ("decision", "decides"), ("compromises", "compromise"), ("Kyiv’s", "Kyiv")],
)
def test_stems_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stopwords_are_not_content() -> None:
    assert content_stems("it is the one that they said") == []


BACKGROUND = [
    "The minister said the budget would be cut next year.",
    "Officials met in Geneva on Tuesday to discuss the budget.",
    "The talks will continue next week, the spokesman said.",
    "Farmers protested against the new tax in the capital.",
]


def statements() -> list[Statement]:
    return [
        Statement("a1", "We will not raise taxes on farmers this year, whatever happens", "Ana Silva", "art-a"),
        Statement("b1", "taxes on farmers would not be raised this year", "Ana Silva", "art-b", "indirect"),
        Statement("b2", "the budget talks in Geneva would continue next week", "Ana Silva", "art-b", "indirect"),
        Statement("c1", "taxes on farmers will not be raised this year", "Rui Costa", "art-c", "indirect"),
        Statement("a2", "taxes on farmers will stay the same this year", "Ana Silva", "art-a", "indirect"),
    ]


def test_links_a_paraphrase_by_the_same_speaker_elsewhere() -> None:
    st = statements()
    links = link_paraphrases(st[:1], st[1:], scorer=ParaphraseScorer([*BACKGROUND, *(s.text for s in st)]))
    targets = [lk.target_id for lk in links]
    assert targets == ["b1"]
    assert 0 < links[0].score <= 1
    assert links[0].to_dict()["relation"] == "paraphrase"


def test_never_links_another_speaker_or_the_same_article() -> None:
    st = statements()
    links = link_paraphrases(st[:1], st[1:], threshold=0.0)
    assert "c1" not in {lk.target_id for lk in links}  # Rui Costa said it, not Ana Silva
    assert "a2" not in {lk.target_id for lk in links}  # the same article


def test_a_different_statement_scores_lower() -> None:
    sc = ParaphraseScorer([*BACKGROUND, *(s.text for s in statements())])
    same = sc.score(statements()[0].text, statements()[1].text)
    other = sc.score(statements()[0].text, statements()[2].text)
    assert same > other


def test_speaker_matching_is_pluggable() -> None:
    st = statements()
    links = link_paraphrases(
        [Statement("x", st[0].text, "Silva", "art-x")],
        st[1:2],
        same_speaker=lambda a, b: a.split()[-1] == b.split()[-1],
    )
    assert [lk.target_id for lk in links] == ["b1"]
