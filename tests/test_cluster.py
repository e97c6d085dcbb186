"""Tests for quotetrace.cluster: normalisation, pairwise same/different decisions, fixtures, stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrace.cluster import (
    Clusterer,
    cluster_mentions,
    match_quotes,
    normalise_quote,
    quote_tokens,
    story_terms,
)
from quotetrace.models import Article, Mention

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"

VOS = "Katarina Vos"
LONG = (
    "We have run out of road with this bridge. Every engineer who has looked at it tells us the same thing: "
    "if we patch it again, we are gambling with people's lives, and I'm not willing to do that"
)
TRADE = "Nobody wins a trade war, and the farmers in Iowa will pay the price for this reckless policy"


# --- normalisation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“They’re NOT here,” he said.", "they are not here he said"),
        ("‘We can’t—and won’t—stop.’", "we can not and will not stop"),
        (
            "I'm sure it's over; we'd go, you'll see, they've left",
            "i am sure it is over we would go you will see they have left",
        ),
        ("[Russian] President Putin", "russian president putin"),
        ("we will … win. . . again...", "we will win again"),
        ("Señor Calderón's «plan»", "senor calderon's plan"),
        ("This is f***ing absurd", "this is f***ing absurd"),
        ("  Spaces\n\tand   TABS  ", "spaces and tabs"),
        ("It cost $1,000,000 — 10% more", "it cost 1000000 10 percent more"),
        ("", ""),
    ],
)
def test_normalise_quote(raw: str, expected: str) -> None:
    assert normalise_quote(raw) == expected


def test_quote_tokens_drop_insertions_and_mark_breaks() -> None:
    toks = quote_tokens("[Russian] President Putin … has made [a] mistake")
    assert toks.words == ("president", "putin", "has", "made", "mistake")
    assert toks.breaks == (2, 4)


def test_quote_tokens_fold_spelling() -> None:
    assert (
        quote_tokens("our defence and honour, modernised").words
        == quote_tokens("our defense and honor, modernized").words
    )


def test_match_quotes_fragment_alignment() -> None:
    m = match_quotes(LONG, "we are gambling with people's lives")
    assert m.coverage == 1.0
    assert m.density == 1.0
    assert m.b_span == (0, 6)
    assert m.a_span[1] - m.a_span[0] == 6


@pytest.mark.parametrize(
    ("a", "b", "matched", "density"),
    [
        # "is" four words before the shared run is a chance match: the passage is the run alone, and dense
        (
            "I don't favor civil unions if it's identical to marriage, and I don't favor marriage between people "
            "of the same gender.",
            "Well, I indicated my view, which is I do not favor marriage between people of the same gender.",
            11,
            1.0,
        ),
        # a block with a content word at the edge stays in the passage, gap and all
        ("we will build the new port and the old road", "we will build the port and the road", 8, 0.8),
        # stopwords alone are still a passage when there is nothing else
        ("of the", "one of the many", 2, 1.0),
    ],
)
def test_match_quotes_leaves_out_stopword_blocks_at_the_edges(a: str, b: str, matched: int, density: float) -> None:
    m = match_quotes(a, b)
    assert (m.matched, m.density) == (matched, density)


# --- pairwise decisions --------------------------------------------------------------------------------------


def _same(
    a: str,
    b: str,
    sa: str | None = VOS,
    sb: str | None = VOS,
    da: str | None = "2024-03-11",
    db: str | None = "2024-03-12",
) -> bool:
    c = Clusterer()
    x = c.add("m-a", a, sa, date=da, article_id="art-a", outlet="A")
    y = c.add("m-b", b, sb, date=db, article_id="art-b", outlet="B")
    assert c.clusters()[y] == (["m-a", "m-b"] if x == y else ["m-b"])
    return x == y


SAME = [
    pytest.param(LONG, LONG, {}, id="identical"),
    pytest.param(LONG, LONG.upper().replace(",", "").replace(":", ";"), {}, id="case-punctuation"),
    pytest.param(LONG, f"“{LONG.replace(chr(39), '’')}”", {}, id="curly-quotes"),
    pytest.param(LONG, "Every engineer who has looked at it tells us the same thing", {}, id="fragment-12-of-40"),
    pytest.param(LONG, "if we patch it again we are gambling", {}, id="fragment-5-content"),
    pytest.param(LONG, "gambling with people's lives", {}, id="short-fragment-same-speaker-story"),
    pytest.param(
        LONG, "We have run out of road with this bridge … we are gambling with people's lives", {}, id="ellipsis"
    ),
    pytest.param(LONG, "We have run out of road with this bridge... if we patch it again", {}, id="three-dots"),
    # an outlet stitched two passages with an ellipsis: each run is a verbatim fragment of its own passage
    pytest.param(
        "President Trump and I have talked, and both believe that conservation and healthy herds are critical",
        "both believe that conservation & healthy herds are critical...the issuing of permits is put on hold...",
        {},
        id="stitched-run-inside-one-passage",
    ),
    pytest.param(LONG, LONG.replace("I'm", "I am"), {}, id="contraction"),
    pytest.param(LONG, LONG.replace("tells us", "has told us"), {}, id="small-substitution"),
    pytest.param(
        LONG, "[The bridge] has run out of road, every engineer who has looked at it tells us", {}, id="bracket"
    ),
    pytest.param(
        "[Russian] President Putin has made a strategic mistake by attacking a sovereign country",
        "President Putin has made a strategic mistake by attacking a sovereign country",
        {},
        id="bracketed-insertion",
    ),
    pytest.param(
        "This is a f***ing disgrace and the minister knows it",
        "This is a fucking disgrace, and the minister knows it!",
        {},
        id="censored",
    ),
    pytest.param(
        "This is a f***ing disgrace and the minister knows it",
        "this is a f**king disgrace and the minister knows it",
        {},
        id="censored-differently",
    ),
    pytest.param(
        "We will defend every inch of allied territory. We will not back down.",
        "We will defend every inch of allied territory",
        {},
        id="sentence-split-first",
    ),
    pytest.param(
        "We will defend every inch of allied territory. We will not back down.",
        "We will not back down",
        {},
        id="sentence-split-second-short",
    ),
    pytest.param(
        TRADE,
        "the farmers in Iowa will pay the price for this reckless policy, which they refuse to reconsider at all",
        {},
        id="overlapping-trims",
    ),
    pytest.param(TRADE, TRADE.replace("Iowa", "Ohio"), {}, id="one-word-substituted"),
    pytest.param(
        "We must strengthen our defences and modernise our armed forces",
        "we must strengthen our defenses and modernize our armed forces",
        {},
        id="british-american-spelling",
    ),
    pytest.param(
        "I would say there is a two-in-three chance that we win, but there's a one-in-three chance we could lose",
        "there is a 1 in 3 chance we could lose",
        {},
        id="numbers-in-words-or-digits",
    ),
    pytest.param(LONG, LONG, {"sb": "Vos"}, id="surname-only-speaker"),
    pytest.param(LONG, LONG, {"sb": "Transport Minister Katarina Vos"}, id="titled-speaker"),
    pytest.param(TRADE, TRADE, {"sa": "Vicente Fox", "sb": "Vincente Fox"}, id="given-name-spelling"),
    pytest.param(TRADE, TRADE, {"sa": "Felipe Calderón", "sb": "Felipe Calderon"}, id="accent-folding"),
    pytest.param(TRADE, TRADE, {"sa": "Jens Stoltenberg", "sb": "NATO Secretary General Jens Stoltenberg"}, id="role"),
    pytest.param(LONG, LONG, {"sb": None}, id="null-speaker-long-identical"),
    # one outlet credits the lawyer, another the client: a long verbatim passage is still one utterance
    pytest.param(LONG, LONG, {"sb": "Antony Blinken"}, id="outlets-disagree-on-the-speaker"),
    pytest.param(LONG, LONG, {"sa": None, "sb": None}, id="both-null-speakers"),
    pytest.param(LONG, LONG, {"db": None}, id="undated"),
]


@pytest.mark.parametrize(("a", "b", "kw"), SAME)
def test_same_cluster(a: str, b: str, kw: dict[str, str | None]) -> None:
    assert _same(a, b, **kw)
    assert _same(b, a, **kw), "order must not matter for a pair"


DIFFERENT = [
    pytest.param(
        "freedom means freedom for everybody",
        "Freedom means freedom for everybody.",
        {"sa": "Dick Cheney", "sb": "Liz Cheney"},
        id="two-cheneys",
    ),
    pytest.param(LONG[:40], LONG[:40], {"sb": "Antony Blinken"}, id="other-speaker-same-short-words"),
    pytest.param(
        "our support for Ukraine is rock solid",
        "rock solid",
        {"sa": "Antony Blinken", "sb": "Lionel Achebe"},
        id="generic-phrase-other-speaker",
    ),
    pytest.param(
        "our support for Ukraine is rock solid",
        "rock solid",
        {"sa": "Antony Blinken", "sb": "Antony Blinken", "db": "2025-06-01"},
        id="generic-phrase-other-story",
    ),
    pytest.param(
        "the impeachment inquiry is a total sham",
        "sham",
        {"sa": "Donald Trump", "sb": "Donald Trump", "da": "2019-10-01", "db": "2021-01-20"},
        id="sham-years-apart",
    ),
    pytest.param(
        "The eastern flank is now more vulnerable than at any time since the Cold War",
        "more vulnerable",
        {"sa": "Jens Stoltenberg", "sb": None},
        id="short-fragment-null-speaker",
    ),
    pytest.param(LONG, "gambling with people's lives", {"sb": None}, id="null-speaker-short"),
    pytest.param(
        "The eastern flank is now more vulnerable than at any time since the Cold War",
        "The eastern flank is now more vulnerable than ever",
        {"sb": None},
        id="null-speaker-not-strong-enough",
    ),
    pytest.param(LONG, "We will defend every inch of allied territory", {}, id="different-quote-same-speaker"),
    pytest.param(
        "We will defend every inch of allied territory",
        "We will not back down.",
        {},
        id="two-sentences-printed-apart",
    ),
    pytest.param(
        "We are not going to let the farmers pay the price for this reckless trade war, not now and not ever",
        "Our farmers always pay the price when Washington starts a trade war with its friends",
        {},
        id="shared-vocabulary-different-quote",
    ),
    pytest.param(
        "the right candidate must be chosen, or I keep my right to run, and that is the right call",
        "right",
        {},
        id="short-fragment-at-several-places",
    ),
    pytest.param(LONG, LONG, {"sa": "Katarina Vos", "sb": "aides to Katarina Vos"}, id="aides-are-not-the-person"),
    pytest.param(LONG, LONG, {"sa": "Katarina Vos", "sb": "Katarina Vos and Owen Malley"}, id="joint-attribution"),
    pytest.param(
        "It is what it is, and we will see what happens",
        "It is what it is",
        {},
        id="no-content-words",
    ),
    # a stitched wording's run of fewer than four content words is no fragment of its own
    pytest.param(
        "President Trump and I have talked, and both believe that conservation and healthy herds are critical",
        "we have talked ... the issuing of permits is put on hold until the review",
        {},
        id="stitched-run-too-short",
    ),
    # a run of a stitched wording crosses speakers only as a strong match (twelve words or more)
    pytest.param(
        "President Trump and I have talked, and both believe that conservation and healthy herds are critical",
        "both believe that conservation & healthy herds are critical...the issuing of permits is put on hold...",
        {"sb": "Mark Gordon"},
        id="stitched-run-other-speaker",
    ),
]


# Tried and dropped (BENCHMARKS §52): each gained BASIL tune pairs (tune 192 -> 200, tune2 96 -> 101 together) and
# moved nothing held out (128 / 6 / 105 with and without), so the clusterer keeps its rules; the wanted behaviour stays
# recorded here.
_DROPPED_52 = pytest.mark.xfail(strict=True, reason="tried, tune-only gain, dropped (BENCHMARKS §52)")


@_DROPPED_52
@pytest.mark.parametrize(
    ("a", "b", "kw"),
    [
        # an outlet that named no one does not disagree with one that did: in the same story, wording alone
        pytest.param(
            "The eastern flank is now more vulnerable than at any time since the Cold War",
            "The eastern flank is now more vulnerable than ever",
            {"sb": None},
            id="unattributed-fragment-same-story",
        ),
        # two outlets name two people for six identical words printed a day apart
        pytest.param(
            "His conduct is unbecoming of a member of Congress, and voters will remember it",
            "His conduct is unbecoming of a member of Congress",
            {"sb": "Bob Etheridge"},
            id="disagreeing-speakers-same-story-mid-length",
        ),
    ],
)
def test_dropped_same_story_relaxations(a: str, b: str, kw: dict[str, str | None]) -> None:
    assert _same(a, b, **kw)


@pytest.mark.parametrize(("a", "b", "kw"), DIFFERENT)
def test_different_clusters(a: str, b: str, kw: dict[str, str | None]) -> None:
    assert not _same(a, b, **kw)
    assert not _same(b, a, **kw)


@pytest.mark.parametrize(("a", "b", "kw"), SAME)
def test_subsequence_bound_never_rules_out_a_pair_that_clusters(a: str, b: str, kw: dict[str, str | None]) -> None:
    # the longest common subsequence bounds every aligned passage: a pair that joins must pass the prefilter
    c = Clusterer()
    c.add("m-a", a, VOS, date="2024-03-11")
    cluster = next(iter(c._clusters.values()))
    _, chars, breaks, _ = c._prepare(b)
    assert c._may_match(chars, cluster, breaks)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(TRADE, "and the farmers in Iowa will pay", True, id="fragment"),
        pytest.param(TRADE, TRADE.replace("Iowa", "Ohio"), True, id="substitution"),
        pytest.param(
            "Nobody wins a trade war, and we will keep talking to our partners in Europe about steel",
            "The trade war with China will cost the farmers in Iowa a great deal this year",
            False,
            id="shared-phrase-by-chance",
        ),
        pytest.param(LONG, "We will defend every inch of allied territory", False, id="unrelated"),
    ],
)
def test_subsequence_bound_rules_out_chance_candidates(a: str, b: str, expected: bool) -> None:
    c = Clusterer()
    c.add("m-a", a, VOS)
    cluster = next(iter(c._clusters.values()))
    assert c._may_match(c._prepare(b)[1], cluster) is expected


def test_subsequence_bound_leaves_censored_words_to_the_alignment() -> None:
    c = Clusterer()
    c.add("m-a", "this is a f***ing disgrace and everybody in this town knows it", VOS)
    cluster = next(iter(c._clusters.values()))
    assert c._may_match(c._prepare("a fucking disgrace")[1], cluster)


def test_surname_only_is_ambiguous_between_two_full_names() -> None:
    c = Clusterer()
    dick = c.add("m1", "freedom means freedom for everybody in this country", "Dick Cheney", date="2024-01-01")
    liz = c.add("m2", "freedom means freedom for everybody in this country", "Liz Cheney", date="2024-01-01")
    bare = c.add("m3", "freedom means freedom for everybody in this country", "Cheney", date="2024-01-02")
    assert len({dick, liz, bare}) == 3


def test_surname_only_joins_the_unique_full_name() -> None:
    c = Clusterer()
    dick = c.add("m1", "freedom means freedom for everybody in this country", "Dick Cheney", date="2024-01-01")
    other = c.add("m2", "we will never negotiate with people who behave like this", "Liz Cheney", date="2024-01-01")
    bare = c.add("m3", "freedom means freedom for everybody", "Cheney", date="2024-01-02")
    assert bare == dick != other


def test_short_fragment_matching_two_clusters_stays_alone() -> None:
    c = Clusterer()
    a = c.add("m1", "The talks were a sham from start to finish and everybody knew it", "Ana Ruiz", date="2024-05-01")
    b = c.add("m2", "This election is a sham and I will not recognise its result", "Ana Ruiz", date="2024-05-02")
    frag = c.add("m3", "a sham", "Ana Ruiz", date="2024-05-03")
    assert len({a, b, frag}) == 3


def test_fragment_matching_two_clusters_equally_stays_alone() -> None:
    c = Clusterer()
    text = "we will not rest until every hostage is home"
    a = c.add("m1", f"{text}, and that is a promise to every family", "Ana Ruiz", date="2024-05-01")
    b = c.add("m2", f"I said it in March and I say it again: {text}", "Ana Ruiz", date="2024-05-01")
    assert a != b  # a fragment shared by two different quotes does not merge them
    frag = c.add("m3", text, "Ana Ruiz", date="2024-05-02")
    assert frag not in {a, b}


def test_bridging_mention_merges_pieces_printed_apart() -> None:
    c = Clusterer()
    first = c.add("m1", "We will defend every inch of allied territory.", VOS, date="2024-01-01")
    second = c.add("m2", "We will not back down, whatever Moscow says.", VOS, date="2024-01-01")
    assert first != second
    both = c.add(
        "m3",
        "We will defend every inch of allied territory. We will not back down, whatever Moscow says.",
        VOS,
        date="2024-01-02",
    )
    assert both == first
    assert {k: sorted(v) for k, v in c.clusters().items()} == {first: ["m1", "m2", "m3"]}
    assert c.resolve(second) == first


def test_longer_wording_absorbs_earlier_short_fragment() -> None:
    c = Clusterer()
    frag = c.add("m1", "rock solid", "Antony Blinken", date="2024-04-01", article_id="a1")
    full = c.add("m2", "US support for Ukraine remains rock solid", "Blinken", date="2024-04-01", article_id="a2")
    assert frag == full
    assert c.canonical_text(full) == "us support for ukraine remains rock solid"
    assert c.speaker(full) == "Antony Blinken"


def test_canonical_text_is_fullest_wording_and_id_is_founders() -> None:
    c = Clusterer()
    cid = c.add("m1", "we are gambling with people's lives", VOS, date="2024-03-11")
    assert c.add("m2", LONG, VOS, date="2024-03-11") == cid
    assert c.canonical_text(cid) == normalise_quote(LONG)


def test_add_is_idempotent() -> None:
    c = Clusterer()
    cid = c.add("m1", LONG, VOS)
    assert c.add("m1", LONG, VOS) == cid
    assert c.clusters() == {cid: ["m1"]}


def test_cluster_id_shape_and_collisions() -> None:
    c = Clusterer()
    a = c.add("m1", "sham", "Donald Trump", date="2016-01-01")
    b = c.add("m2", "sham", "Donald Trump", date="2020-01-01")
    assert a.startswith("q") and len(a) == 9
    assert b != a and b.startswith("q") and len(b) == 11


# --- fixtures: one wire story reprinted and trimmed by several outlets -------------------------------------


def _read(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    _, head, body = raw.split("---\n", 2)
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return Article(
        id=path.stem, text=body, path=str(path), outlet=meta["outlet"], title=meta["title"], date=meta["date"]
    )


# (article stem, quote as printed, speaker as the extractor resolves it in that article, expected group label).
# Labels name the expected clusters; a label used once is a singleton that must stay alone.
FIXTURE_MENTIONS: list[tuple[str, str, str | None, str]] = [
    ("2024-03-11-riverside-wire", LONG, VOS, "vos-road"),
    (
        "2024-03-11-riverside-wire",
        "I know this is going to be painful for commuters, for hauliers and for every shop on "
        "Quay Street, and I'm sorry for that",
        VOS,
        "vos-painful",
    ),
    ("2024-03-11-riverside-wire", "But the alternative is a bridge that fails without warning.", VOS, "vos-painful"),
    ("2024-03-11-riverside-wire", "a betrayal of every family on the east bank", "Vicente Ortega", "ortega-betrayal"),
    (
        "2024-03-11-riverside-wire",
        "They've known about the cracks since 2019 and they did absolutely nothing. Now they "
        "want the workers to pay for their negligence with two hours of traffic every single day",
        "Vicente Ortega",
        "ortega-cracks",
    ),
    (
        "2024-03-11-riverside-wire",
        "This is a f***ing disgrace and the minister knows it",
        "Vicente Ortega",
        "ortega-disgrace",
    ),
    (
        "2024-03-11-riverside-wire",
        "Ships will keep coming in and cargo will keep going out. The port is rock solid and nobody should panic",
        "Tomás Calderón",
        "calderon-port",
    ),
    ("2024-03-11-northgate-herald", "We have run out of road with this bridge", VOS, "vos-road"),
    ("2024-03-11-northgate-herald", "gambling with people’s lives.", VOS, "vos-road"),
    (
        "2024-03-11-northgate-herald",
        "They have known about the cracks since 2019 and they did absolutely nothing",
        "Vincente Ortega",
        "ortega-cracks",
    ),
    (
        "2024-03-11-northgate-herald",
        "Ships will keep coming in and cargo will keep going out",
        "Tomas Calderon",
        "calderon-port",
    ),
    ("2024-03-12-daily-ledger", "Gambling with people's lives", VOS, "vos-road"),
    ("2024-03-12-daily-ledger", "Every engineer who has looked at it tells us the same thing", VOS, "vos-road"),
    (
        "2024-03-12-daily-ledger",
        "If we patch it again, we are gambling with people's lives, and I am not willing to do that",
        VOS,
        "vos-road",
    ),
    (
        "2024-03-12-daily-ledger",
        "I know this is going to be painful for commuters ... but the alternative is a bridge "
        "that fails without warning",
        VOS,
        "vos-painful",
    ),
    (
        "2024-03-12-daily-ledger",
        "[The ministry] have known about the cracks since 2019 and they did absolutely nothing",
        "Vicente Ortega",
        "ortega-cracks",
    ),
    (
        "2024-03-12-daily-ledger",
        "This is a f**king disgrace and the minister knows it",
        "Vicente Ortega",
        "ortega-disgrace",
    ),
    (
        "2024-03-12-metro-bulletin",
        "Harwick deserves a bridge it can trust, and it deserves a ministry that keeps its promises",
        "Ruth Malley",
        "ruth-malley",
    ),
    (
        "2024-03-12-metro-bulletin",
        "I agree with my sister on one thing: Harwick deserves a bridge it can trust. That is "
        "exactly why it has to close",
        "Owen Malley",
        "owen-malley",
    ),
    ("2024-03-12-metro-bulletin", "a betrayal of every family on the east bank", "Vicente Ortega", "ortega-betrayal"),
    ("2024-03-13-coastline-post", "Betrayal", "Vincente Ortega", "ortega-betrayal"),
    ("2024-03-13-coastline-post", "a betrayal of every family on the east bank", "Vincente Ortega", "ortega-betrayal"),
    (
        "2024-03-13-coastline-post",
        "Now they want the workers to pay for their negligence with two hours of traffic every day.",
        "Vincente Ortega",
        "ortega-cracks",
    ),
    (
        "2024-03-13-coastline-post",
        "This is a F***ING disgrace, and the minister knows it",
        "Vincente Ortega",
        "ortega-disgrace",
    ),
    ("2024-03-13-coastline-post", "Harwick deserves a bridge it can trust", "Malley", "malley-ambiguous"),
    ("2024-03-13-coastline-post", "nobody should panic", "Calderon", "calderon-port"),
    (
        "2024-03-14-riverside-wire",
        "I know this is going to be painful for commuters, for hauliers and for every shop on "
        "Quay Street, and I'm sorry for that. But the alternative is a bridge that fails without warning.",
        VOS,
        "vos-painful",
    ),
    ("2024-03-14-riverside-wire", "Closed for good. Thanks for nothing.", None, "sign"),
    ("2024-08-20-daily-ledger", "rock solid", "Lionel Achebe", "achebe-rock-solid"),
    ("2024-08-20-daily-ledger", "painful for commuters", VOS, "vos-tram-painful"),
    ("2024-08-20-daily-ledger", "Nobody should panic about a few weeks of disruption", VOS, "vos-tram-panic"),
]


def _fixture_items(stems: set[str] | None = None) -> tuple[list[tuple[Mention, Article]], dict[str, str]]:
    articles = {p.stem: _read(p) for p in sorted(WIRE.glob("*.txt"))}
    items: list[tuple[Mention, Article]] = []
    labels: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for stem, quote, speaker, label in FIXTURE_MENTIONS:
        if stems is not None and stem not in stems:
            continue
        art = articles[stem]
        # The n-th listing of the same quote in one article is its n-th occurrence (headline, then body).
        nth = seen.get((stem, quote), 0)
        seen[(stem, quote)] = nth + 1
        start = -1
        for _ in range(nth + 1):
            start = art.text.index(quote, start + 1)
        m = Mention(article_id=stem, text=quote, spans=((start, start + len(quote)),), speaker=speaker)
        items.append((m, art))
        labels[m.id] = label
    return items, labels


def _groups(assign: dict[str, str], labels: dict[str, str]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    got: dict[str, set[str]] = {}
    want: dict[str, set[str]] = {}
    for mid, cid in assign.items():
        got.setdefault(cid, set()).add(mid)
        want.setdefault(labels[mid], set()).add(mid)
    return {frozenset(g) for g in got.values()}, {frozenset(g) for g in want.values()}


def test_fixture_articles_exist_and_quotes_are_verbatim() -> None:
    items, _ = _fixture_items()
    assert len({a.outlet for _, a in items}) >= 5
    for m, a in items:
        assert a.text[m.start : m.end] == m.text


def test_wire_fixture_groupings() -> None:
    items, labels = _fixture_items()
    got, want = _groups(cluster_mentions(items), labels)
    label_of = {mid: lab for mid, lab in labels.items()}
    missing = [sorted(label_of[m] for m in g) for g in want - got]
    extra = [sorted(label_of[m] for m in g) for g in got - want]
    assert got == want, f"expected groups not formed: {missing}; formed instead: {extra}"


def test_wire_fixture_ids_are_stable_and_deterministic() -> None:
    items, _ = _fixture_items()
    first = cluster_mentions(items)
    assert cluster_mentions(list(reversed(items))) == first
    assert all(cid.startswith("q") for cid in first.values())


def test_adding_unrelated_article_keeps_ids() -> None:
    items, _ = _fixture_items()
    base = cluster_mentions([it for it in items if it[1].id != "2024-08-20-daily-ledger"])
    full = cluster_mentions(items)
    assert {mid: full[mid] for mid in base} == base


def test_incremental_clusterer_state_round_trip_continues_the_same() -> None:
    items, _ = _fixture_items()
    early = [it for it in items if (it[1].date or "") <= "2024-03-12"]
    late = [it for it in items if (it[1].date or "") > "2024-03-12"]
    c = Clusterer()
    cluster_mentions(early, c)
    restored = Clusterer.from_state(json.loads(json.dumps(c.to_state())))
    cluster_mentions(late, restored)
    assert restored.to_state()["clusters"] == _state_of(items)["clusters"]


def _state_of(items: list[tuple[Mention, Article]]) -> dict[str, object]:
    c = Clusterer()
    cluster_mentions(items, c)
    return c.to_state()


def test_state_round_trip_is_lossless() -> None:
    items, _ = _fixture_items()
    state = _state_of(items)
    again = Clusterer.from_state(json.loads(json.dumps(state))).to_state()
    assert again == state


def test_from_state_rejects_unknown_version() -> None:
    with pytest.raises(ValueError, match="version"):
        Clusterer.from_state({"version": 999, "clusters": []})


def test_restored_clusterer_joins_existing_cluster_and_keeps_aliases() -> None:
    c = Clusterer()
    a = c.add("m1", "We will defend every inch of allied territory.", VOS, date="2024-01-01")
    b = c.add("m2", "We will not back down, whatever Moscow says.", VOS, date="2024-01-01")
    c.add(
        "m3",
        "We will defend every inch of allied territory. We will not back down, whatever Moscow says.",
        VOS,
        date="2024-01-02",
    )
    restored = Clusterer.from_state(json.loads(json.dumps(c.to_state())))
    assert restored.resolve(b) == a
    assert restored.add("m4", "“we will defend every inch of allied territory”", "Vos", date="2024-01-03") == a
    assert restored.canonical_text(b) == c.canonical_text(a)
    assert sorted(restored.clusters()[a]) == ["m1", "m2", "m3", "m4"]


def test_canonical_text_matches_normalise_quote() -> None:
    texts = [
        "“They’re NOT here,” he said — [Russian] President Putin … 1,000 people & 10% more",
        "Plain ascii text, with commas; and U.S. abbreviations.",
        "Señor Calderón's «plan» isn't f***ing working...",
    ]
    c = Clusterer()
    for i, text in enumerate(texts):
        cid = c.add(f"m{i}", text, None)
        assert c.canonical_text(cid) == normalise_quote(text)


def test_unknown_cluster_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        Clusterer().canonical_text("qdeadbeef")


def test_story_terms_pick_title_words_and_proper_nouns() -> None:
    art = Article(
        id="x",
        title="Kessel Bridge to close",
        text="The Kessel Bridge will close. Vos said Harwick would cope. Harwick traders disagree.",
    )
    terms = story_terms(art)
    assert {"kessel", "bridge", "harwick"} <= terms
    assert "the" not in terms


@pytest.mark.parametrize(
    ("key", "text"),
    [("", "plain"), ("jens stoltenberg", 'he said "no" \\ back'), ("x", "é ü 中文 \x01 \n tab\t"), ("a", "")],
)
def test_cluster_hash_equals_models_short_hash(key: str, text: str) -> None:
    from quotetrace.cluster import pair_hash
    from quotetrace.models import short_hash

    assert pair_hash(key, text) == short_hash(key, text, size=4)


def test_bridge_false_joins_one_cluster_without_merging() -> None:
    one = "We will defend every inch of allied territory."
    two = "We will not back down, whatever Moscow says."
    c = Clusterer()
    a = c.add("m1", one, VOS, date="2024-01-01")
    b = c.add("m2", two, VOS, date="2024-01-01")
    assert c.add("m3", f"{one} … {two}", VOS, date="2024-01-02", bridge=False) in {a, b}
    assert c.resolve(a) == a and c.resolve(b) == b and a != b


def test_multi_span_mention_is_clustered_on_its_pieces() -> None:
    one = "We will defend every inch of allied territory"
    art = Article(id="a3", text=f"“{one},” she said, “and we will not back down.”", date="2024-01-02")
    s2 = art.text.index("and we")
    m = Mention(
        article_id="a3",
        text=f"{one} and we will not back down.",
        spans=((1, 1 + len(one)), (s2, s2 + len("and we will not back down."))),
        speaker=VOS,
    )
    other = Mention(article_id="a1", text=one, spans=((0, len(one)),), speaker=VOS)
    got = cluster_mentions([(other, Article(id="a1", text=one, date="2024-01-01")), (m, art)])
    assert got[m.id] == got[other.id]


def test_passage_credited_to_someone_else_keeps_its_speaker() -> None:
    c = Clusterer()
    cid = c.add("m1", LONG, "Katarina Vos", date="2024-03-11")
    assert c.add("m2", LONG, "Antony Jonathan Blinken", date="2024-03-11") == cid  # outlets disagree on who
    assert c.speaker(cid) == "Katarina Vos"
    assert c.add("m3", "if we patch it again we are gambling", "Vos", date="2024-03-12") == cid
