"""Every quotation in the five seed articles is found, with the right speaker and kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrace.extract import extract_articles
from quotetrace.models import Article, Mention

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# (seed prefix, words the quotation contains, speaker, kind)
EXPECTED = [
    ("000", "it has to be Ukraine that decides what kind of compromises", "Jens Stoltenberg", "direct"),
    ("000", "we need to support Ukraine for many years", "Jens Stoltenberg", "direct"),
    ("000", "rock solid", "Antony Blinken", "mixed"),
    ("000", "Ukraine will become a member of NATO", "Antony Blinken", "direct"),
    ("000", "Our purpose at the summit is to help build a bridge", "Antony Blinken", "direct"),
    ("000", "double down on finding the resources", "Antony Blinken", "direct"),
    ("001", "real peace", "Jens Stoltenberg", "mixed"),
    ("002", "if you want a lasting, just peace", "Jens Stoltenberg", "direct"),
    ("002", "There is no doubt about that", "Jens Stoltenberg", "direct"),
    ("003", "a tragedy", "NATO", "direct"),
    ("003", "more vulnerable", "Jens Stoltenberg", "mixed"),
    ("003", "dangerous", "Jens Stoltenberg", "mixed"),
    ("003", "agreed", "Jens Stoltenberg", "mixed"),
    ("003", "it is in our interests to do so", "Jens Stoltenberg", "mixed"),
    ("003", "if [Russian] President [Vladimir] Putin wins in Ukraine", "Jens Stoltenberg", "direct"),
    ("003", "authoritarian leaders", "Jens Stoltenberg", "mixed"),
    ("003", "violate international law", "Jens Stoltenberg", "mixed"),
    ("003", "get what they want", "Jens Stoltenberg", "mixed"),
    ("003", "That will make us more vulnerable", "Jens Stoltenberg", "direct"),
    ("003", "confident that North America and Europe together", "Jens Stoltenberg", "mixed"),
    ("003", "negotiated peaceful solution to this conflict", "Jens Stoltenberg", "mixed"),
    ("003", "the stronger their hand will be at the negotiating table", "Jens Stoltenberg", "direct"),
    ("003", "This is not going to happen", "Vladimir Zelensky", "direct"),
    ("003", "reality on the ground", "Russia", "mixed"),
    ("003", "sham", "Kiev", "mixed"),
]


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, tuple[Article, list[Mention]]]:
    arts = [
        Article(id=p.name[:3], text=p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(SEEDS.glob("*.txt"))
    ]
    return {a.id: (a, ms) for a, ms in extract_articles(arts)}


def _covering(article: Article, mentions: list[Mention], words: str) -> list[Mention]:
    """Mentions with a quoted piece equal to ``words``, else the ones whose pieces contain them."""

    def pieces(m: Mention) -> list[str]:
        spans = m.quoted_spans if m.kind == "mixed" and m.quoted_spans else m.spans
        return [article.text[s:e].strip(" .,") for s, e in spans]

    exact = [m for m in mentions if words in pieces(m)]
    return exact or [m for m in mentions if any(words in p for p in pieces(m))]


@pytest.mark.parametrize(("seed", "words", "speaker", "kind"), EXPECTED, ids=[f"{e[0]}:{e[1][:30]}" for e in EXPECTED])
def test_seed_quotation(
    seed_mentions: dict[str, tuple[Article, list[Mention]]], seed: str, words: str, speaker: str, kind: str
) -> None:
    article, mentions = seed_mentions[seed]
    hits = _covering(article, mentions, words)
    assert hits, f"not found: {words!r}"
    assert len(hits) == 1, "found twice"
    (m,) = hits
    assert m.speaker == speaker
    assert m.kind == kind


def test_more_than_twenty_quotations(seed_mentions: dict[str, tuple[Article, list[Mention]]]) -> None:
    pieces = sum(
        len(m.quoted_spans) or len(m.spans) for _, ms in seed_mentions.values() for m in ms if m.kind != "indirect"
    )
    assert pieces >= 24


def test_no_speaker_is_a_pronoun_when_the_article_names_the_person(
    seed_mentions: dict[str, tuple[Article, list[Mention]]],
) -> None:
    for _, ms in seed_mentions.values():
        for m in ms:
            assert m.speaker is not None
            assert m.speaker.lower() not in {"he", "she", "they", "it", "we", "i"}


def test_stoltenberg_variants_are_one_name(seed_mentions: dict[str, tuple[Article, list[Mention]]]) -> None:
    _, ms = seed_mentions["003"]
    printed = {m.speaker_mention for m in ms if m.speaker == "Jens Stoltenberg"}
    assert {"Stoltenber", "Stoltenberg", "Jens Stoltenberg"} <= printed


def test_headline_placement(seed_mentions: dict[str, tuple[Article, list[Mention]]]) -> None:
    article, ms = seed_mentions["003"]
    (m,) = _covering(article, ms, "a tragedy")
    assert m.placement == "headline"


def test_descriptor_as_printed(seed_mentions: dict[str, tuple[Article, list[Mention]]]) -> None:
    article, ms = seed_mentions["000"]
    (m,) = _covering(article, ms, "rock solid")
    assert m.descriptor == "Secretary of State"
