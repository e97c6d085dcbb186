"""Tests for bench/realweb_eval.py: quote matching, speaker matching, the gold checker and a whole run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import realweb_eval as rw


def toks(text: str) -> frozenset[str]:
    return rw.tokens(text)  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    ("gold", "pred", "matches"),
    [
        ("We will win this election.", "We will win this election", True),
        ("We will win this election.", "we WILL win this election!", True),
        ("They’re not ready,", "they are not ready", True),  # contractions and marks folded
        ("We will win this election and then we will govern well.", "We will win this election", True),  # half
        # the prediction ran on past the quote (no closing mark): the gold words are all inside
        ("We will win this election.", "We will win this election. Then he left the stage and went home to rest", True),
        ("wild", "It was wild to see myself in the teaser, said the actor at length", False),  # too short to contain
        ("wild", "wild", True),
        ("We will win this election.", "The weather was cold and grey in Boston today", False),
        ("", "anything", False),
    ],
)
def test_match_rule(gold: str, pred: str, matches: bool) -> None:
    assert (rw.match_score(toks(gold), toks(pred)) is not None) is matches


def test_assign_is_one_to_one_best_first() -> None:
    gold = [toks("a quote about taxes and roads"), toks("a quote about taxes")]
    pred = [toks("a quote about taxes")]
    assert rw.assign(gold, pred) == {1: 0}  # the exact match wins; the other gold quote stays unfound


word = st.sampled_from(["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"])
phrase = st.lists(word, min_size=1, max_size=6).map(" ".join)


@given(st.lists(phrase, max_size=6), st.lists(phrase, max_size=6))
def test_assign_pairs_are_unique_and_valid(gold: list[str], pred: list[str]) -> None:
    g, p = [toks(x) for x in gold], [toks(x) for x in pred]
    pairs = rw.assign(g, p)
    assert len(set(pairs.values())) == len(pairs)
    for gi, pi in pairs.items():
        assert rw.match_score(g[gi], p[pi]) is not None


# ------------------------------------------------------------------------------------------------ speakers


@pytest.mark.parametrize(
    ("description", "head"),
    [
        ("A British Airways spokesman", "spokesman"),
        ("one person during public comment", "person"),
        ("someone in the public who called into the meeting", "someone"),
        ("a spokesperson for the Universities and Colleges Employers' Association", "spokesperson"),
        ("an official", "official"),
        ("my father", "father"),
        ("one GOP operative in the state", "operative"),
        ("others", "others"),
    ],
)
def test_head_noun(description: str, head: str) -> None:
    assert rw.head_noun(description) == head


def g(speaker: str | None, typ: str) -> object:
    return rw.GoldQuote("p.html", (0, 1), "x", speaker, typ, False)


@pytest.mark.parametrize(
    ("speaker", "typ", "predicted", "right"),
    [
        ("Donald Trump", "person", "Trump", True),
        ("Donald Trump", "person", "Donald Trump", True),
        ("Anna Berg", "person", "Health Minister Anna Berg", True),
        ("Nicola Sturgeon", "person", "Jeremy Hunt", False),
        ("Nicola Sturgeon", "person", None, False),
        ("Keith Joseph", "person", "Keith", False),  # a first name alone is another name
        ("Massy Stores", "organisation", "Massy", True),
        ("Amazon", "organisation", "Amazon", True),
        ("the No 10 policy unit", "organisation", "Margaret Thatcher", False),
        ("A British Airways spokesman", "unnamed", "A British Airways spokesman", True),
        ("A British Airways spokesman", "unnamed", "the spokesman", True),
        ("A British Airways spokesman", "unnamed", "William Pooley", False),
        ("one GOP operative", "unnamed", "Jim Davis", False),
        ("someone at the meeting", "unnamed", "Margaritaville Hotels", False),
        (None, "unknown", None, True),
        (None, "unknown", "the risk to other patients", False),
    ],
)
def test_speaker_right(speaker: str | None, typ: str, predicted: str | None, right: bool) -> None:
    assert rw.speaker_right(g(speaker, typ), rw.Piece("x", predicted)) is right


# ------------------------------------------------------------------------------------------------ --check

PAGE = (
    "<html><head><title>Mayor says no</title></head><body><article>\n"
    "<h1>Mayor says &#8216;no deal&#8217; on the bridge</h1>\n"
    "<p>“We will not pay for it,” said Mayor Ann Lee on Tuesday.</p>\n"
    "<p>&ldquo;The bridge is safe. It was inspected last year.</p>\n"
    "<p>Nobody has shown us otherwise.&rdquo;</p>\n"
    '<p>Critics called the plan "reckless" and left.</p>\n'
    "<p>“She told us ‘the money is gone’ and left,” Lee said.</p>\n"
    "<p>He replied: &ldquo;&nbsp;We paid twice already.&nbsp;</p>\n"
    "</article></body></html>\n"
)


def span_of(page: str, words: str) -> list[int]:
    s = page.index(words)
    return [s, s + len(words)]


def gold_doc(page: str, quotes: list[dict[str, object]], split: str = "tune") -> dict[str, object]:
    return {"version": 1, "split": split, "note": "", "pages": {"p.html": {"encoding": "utf-8", "quotes": quotes}}}


def q(span: list[int], speaker: str | None = "Ann Lee", typ: str = "person") -> dict[str, object]:
    return {"span": span, "speaker": speaker, "speaker_type": typ, "in_headline": False}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    d = tmp_path / "shared" / "eval" / "realweb" / "pages"
    d.mkdir(parents=True)
    (d / "p.html").write_text(PAGE, encoding="utf-8", newline="")
    return d


def test_check_accepts_marks_entities_and_continuations(pages: Path) -> None:
    quotes = [
        q(span_of(PAGE, "no deal")),  # between &#8216; and &#8217;
        q(span_of(PAGE, "We will not pay for it,")),
        q(span_of(PAGE, "The bridge is safe. It was inspected last year.")),  # unclosed: ends at the paragraph
        q(span_of(PAGE, "Nobody has shown us otherwise.")),  # continuation: no opening mark
        q(span_of(PAGE, "reckless"), None, "not_speech"),
        q(span_of(PAGE, "We paid twice already.")),  # &nbsp; between the mark and the words, and before </p>
    ]
    assert rw.check_gold(gold_doc(PAGE, quotes), "tune", pages) == []


@pytest.mark.parametrize(
    ("quote", "problem"),
    [
        (q(span_of(PAGE, "will not pay")), "no opening quotation mark"),
        (q(span_of(PAGE, "We will not pay")), "no closing quotation mark"),
        (q([len(PAGE) - 5, len(PAGE) + 10]), "out of range"),
        (q([40, 30]), "out of range"),
        (q(span_of(PAGE, "reckless"), None, "person"), "needs a speaker"),
        (q(span_of(PAGE, "reckless"), "X", "scare"), "speaker_type"),
        ({"speaker": "X", "speaker_type": "person"}, "'span' must be"),
    ],
)
def test_check_rejects(pages: Path, quote: dict[str, object], problem: str) -> None:
    found = rw.check_gold(gold_doc(PAGE, [quote]), "tune", pages)
    assert any(problem in p for p in found), found


def test_check_rejects_overlaps_and_wrong_split(pages: Path) -> None:
    s, e = span_of(PAGE, "We will not pay for it,")
    found = rw.check_gold(gold_doc(PAGE, [q([s, e]), q([s, e])], split="heldout"), "tune", pages)
    assert any("overlap" in p for p in found)
    assert any("'split'" in p for p in found)


def test_check_reads_pages_in_text_mode_and_explains_untranslated_offsets(tmp_path: Path) -> None:
    d = tmp_path / "pages"
    d.mkdir()
    crlf = PAGE.replace("\n", "\r\n")
    (d / "p.html").write_bytes(crlf.encode("utf-8"))
    # offsets into the text as Python's text mode reads it (CRLF -> LF): valid
    assert rw.check_gold(gold_doc(PAGE, [q(span_of(PAGE, "We will not pay for it,"))]), "tune", d) == []
    # offsets counted on the undecoded CRLF text: wrong, and the checker says why
    found = rw.check_gold(gold_doc(crlf, [q(span_of(crlf, "We will not pay for it,"))]), "tune", d)
    assert any("text mode" in p for p in found), found


def test_nested_quotes_may_overlap_only_when_marked(pages: Path) -> None:
    outer = span_of(PAGE, "She told us ‘the money is gone’ and left,")
    inner = span_of(PAGE, "the money is gone")
    inner_q = {**q(inner), "note": "nested in Lee's quote"}
    assert rw.check_gold(gold_doc(PAGE, [q(outer), inner_q]), "tune", pages) == []
    found = rw.check_gold(gold_doc(PAGE, [q(outer), q(inner)]), "tune", pages)
    assert any("overlap" in p for p in found)


@pytest.mark.parametrize(
    ("note", "dropped"),
    [
        (None, False),
        ("standalone paragraph", False),
        ("nested in Hasib's quote", True),
        ("dek; repeats the body", True),
        ("caption; photo", True),
        ("gallery; slide 3", True),
        ("a caption-like remark", False),
    ],
)
def test_entries_outside_the_running_text(note: str | None, dropped: bool) -> None:
    assert rw.out_of_running_text({"note": note}) is dropped


def test_gold_text_is_unescaped_and_untagged() -> None:
    raw = "<p>&ldquo;Don&#8217;t <a href='x'>go</a>\n  now,&rdquo; she said.</p>"
    s = raw.index("Don")
    assert rw.span_text(raw, s, raw.index("&rdquo;")) == "Don’t go now,"


# ------------------------------------------------------------------------------------------------ runs


def test_skips_without_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUOTETRACE_SHARED", str(tmp_path / "absent"))
    assert rw.main(["--split", "tune"]) == 0
    err = capsys.readouterr()
    assert "skipped" in err.err and err.out == ""


def test_check_exit_codes(pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTETRACE_SHARED", str(tmp_path / "shared"))
    monkeypatch.setattr(rw, "GOLD_DIR", tmp_path / "gold")
    (tmp_path / "gold").mkdir()
    good = gold_doc(PAGE, [q(span_of(PAGE, "We will not pay for it,"))])
    (tmp_path / "gold" / "realweb_tune.json").write_text(json.dumps(good), encoding="utf-8")
    assert rw.main(["--check"]) == 0  # the absent heldout file is reported, not an error
    bad = gold_doc(PAGE, [q(span_of(PAGE, "will not pay"))])
    (tmp_path / "gold" / "realweb_tune.json").write_text(json.dumps(bad), encoding="utf-8")
    assert rw.main(["--check"]) == 1


ARTICLE = (
    "<html><head><title>Council backs the new bridge plan</title></head><body><article>\n"
    "<h1>Council backs the new bridge plan</h1>\n"
    "<p>The city council voted on Tuesday to approve the long-delayed bridge over the river, ending a decade of "
    "argument about its cost and its route through the old market district.</p>\n"
    "<p>“This bridge will connect two halves of a city that have been apart for too long,” said Mayor Ann Lee, "
    "who has campaigned for the project since her election in 2019.</p>\n"
    "<p>Residents of the market district were less pleased with the decision taken by the council.</p>\n"
    "<p>“Nobody asked us about the noise or the traffic,” said one shop owner on Market Street.</p>\n"
    "<p>Work on the foundations is due to begin in the spring, and the bridge should open within three years, "
    "according to the council's own timetable published last month.</p>\n"
    "</article></body></html>\n"
)


def test_whole_run_scores_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "shared" / "eval" / "realweb" / "pages"
    pages.mkdir(parents=True)
    (pages / "p.html").write_text(ARTICLE, encoding="utf-8", newline="")
    monkeypatch.setenv("QUOTETRACE_SHARED", str(tmp_path / "shared"))
    monkeypatch.setattr(rw, "GOLD_DIR", tmp_path / "gold")
    (tmp_path / "gold").mkdir()
    quotes = [
        q(span_of(ARTICLE, "This bridge will connect two halves of a city that have been apart for too long,")),
        q(
            span_of(ARTICLE, "Nobody asked us about the noise or the traffic,"),
            "one shop owner on Market Street",
            "unnamed",
        ),
    ]
    (tmp_path / "gold" / "realweb_tune.json").write_text(json.dumps(gold_doc(ARTICLE, quotes)), encoding="utf-8")
    assert rw.main(["--json"]) == 0  # both splits side by side
    out = json.loads(capsys.readouterr().out)
    tune = out["tune"]
    assert tune["gold_quotes"] == 2
    assert tune["found"] == 2
    assert tune["right_speaker"] == 2
    assert tune["precision"] == 1.0
    assert out["heldout"] is None  # not annotated: reported as such, not scored as zero
