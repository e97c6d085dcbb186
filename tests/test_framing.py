"""Tests for the pure framing analysis: wording fidelity, cue classes, hedges, credits, descriptors, terms."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrace.errors import QuotetraceError
from quotetrace.framing import (
    CUE_CLASSES,
    classify_cue,
    compare_wording,
    distinctive_terms,
    find_credits,
    find_hedges,
    find_qualifiers,
    load_cue_classes,
    loaded_variants,
    log_odds_dirichlet,
    placement,
    split_descriptor,
)
from quotetrace.framing.cues import ENV_VAR

LAUTEN = "try showing a little class"
STOLTENBERG = "if President Putin wins in Ukraine, it is a tragedy for Ukrainians but it is also dangerous for us"
BLINKEN = (
    "Based on what I heard today, everyone, including the United States, is going to double back and, "
    "as necessary, increase their support for Ukraine"
)

# ---------------------------------------------------------------- compare_wording


@pytest.mark.parametrize(
    ("full", "variant", "label", "kinds"),
    [
        # negatives: printing differences are never changes
        (LAUTEN, LAUTEN, "full", []),
        (LAUTEN, "Try showing a little class.", "full", []),
        (LAUTEN, "TRY showing a LITTLE class", "full", []),
        ("it has to be Ukraine that decides", "it has to be Ukraine, that decides!", "full", []),
        ("we’re ready", "we're ready", "full", []),
        ("the US-led bloc", "the US led bloc", "full", []),
        ("U.S. support is rock-solid", "US support is rock solid", "full", []),
        ("10% of the budget", "10 percent of the budget", "full", []),
        (
            "an acceptable result around the negotiating table",
            "an acceptable result around the negotiating table…",
            "full",
            [],
        ),
        # fragments: cut only at the ends
        (LAUTEN, "showing a little class", "fragment", ["cut"]),
        (LAUTEN, "try showing", "fragment", ["cut"]),
        (LAUTEN, "a little", "fragment", ["cut", "cut"]),
        (
            BLINKEN,
            "… everyone, including the United States, is going to double back",
            "fragment",
            ["cut_marked", "cut"],
        ),
        # internal changes
        (LAUTEN, "try showing class", "altered", ["cut"]),
        (
            BLINKEN,
            "Based on what I heard today, everyone … is going to double back and, "
            "as necessary, increase their support for Ukraine",
            "altered",
            ["cut_marked"],
        ),
        (
            BLINKEN,
            "Based on what I heard today … everyone, including the United States, is going to double back "
            "and, as necessary, increase their support for Ukraine",
            "full",
            [],
        ),
        (LAUTEN, "try showing a lot of class", "altered", ["substitution"]),
        (LAUTEN, "try showing a little bit of class", "altered", ["insertion"]),
        (
            STOLTENBERG,
            "if [Russian] President [Vladimir] Putin wins in Ukraine, it is a tragedy for Ukrainians but "
            "it is also dangerous for us",
            "altered",
            ["bracketed_insertion", "bracketed_insertion"],
        ),
        ("he is ready to talk", "[Putin] is ready to talk", "altered", ["bracketed_substitution"]),
        ("we will support Ukraine", "Ukraine we will support", "altered", ["reordering", "reordering"]),
        (LAUTEN, "Show A Little Class", "altered", ["headline_rewrite"]),
        # cosmetic edits keep the label
        ("I would never say that", "I'd never say that", "full", ["contraction"]),
        ("they are not going", "they're not going", "full", ["contraction"]),
        ("we will not back down", "we won't back down", "full", ["contraction"]),
        ("they're not going", "they are not going", "full", ["contraction"]),
        ("it is fucking ridiculous", "it is f***ing ridiculous", "full", ["censored"]),
        ("it is fucking ridiculous", "it is f—king ridiculous", "full", ["censored"]),
        ("that is shit", "that is s***", "full", ["censored"]),
        ("to build their defences", "to build their defenses", "full", ["spelling"]),
        ("Zelenskyy must decide", "Zelensky must decide", "full", ["spelling"]),
        (LAUTEN, "Try Showing A Little Class", "full", ["case_rewrite"]),
        ("if [Russian] President Putin wins", "if President Putin wins", "full", ["editorial_omitted"]),
    ],
)
def test_compare_wording_label_and_kinds(full: str, variant: str, label: str, kinds: list[str]) -> None:
    result = compare_wording(full, variant)
    assert result.label == label
    assert [e.kind for e in result.edits] == kinds


@pytest.mark.parametrize(
    ("full", "variant", "coverage"),
    [
        (LAUTEN, LAUTEN, 1.0),
        (LAUTEN, "showing a little class", 0.8),
        (LAUTEN, "a little", 0.4),
        (LAUTEN, "try showing class", 0.6),
        ("I would never say that", "I'd never say that", 1.0),
        (LAUTEN, "", 0.0),
        (STOLTENBERG, "it is a tragedy for Ukrainians", 6 / 19),
    ],
)
def test_coverage_is_share_of_full_words_reproduced(full: str, variant: str, coverage: float) -> None:
    assert compare_wording(full, variant).coverage == pytest.approx(coverage)


def test_edit_offsets_point_into_both_strings() -> None:
    full = "we need to support Ukraine for many years, to build their defences"
    variant = "“We need to support Ukraine … to build their defences”"
    result = compare_wording(full, variant)
    assert result.label == "altered"
    (cut,) = result.edits
    assert (cut.op, cut.kind, cut.marked, cut.text) == ("delete", "cut_marked", True, "for many years")
    assert full[cut.full_start : cut.full_end] == "for many years"
    assert variant[cut.variant_start : cut.variant_end] == "…"


def test_edit_to_dict_follows_the_contract() -> None:
    result = compare_wording("he may have to compromise", "he will have to compromise")
    d = result.to_dict()
    assert d["fidelity"] == "altered"
    assert d["coverage"] == 0.8
    (edit,) = d["edits"]
    assert {"op", "text", "with", "marked"} <= edit.keys()
    assert edit["op"] == "replace" and edit["text"] == "may" and edit["with"] == "will"
    assert edit["marked"] is False and edit["kind"] == "substitution"
    assert edit["offsets"] == {"full": [3, 6], "variant": [3, 7]}
    json.dumps(d)  # serialisable as it stands


def test_delete_and_insert_carry_null_for_the_missing_side() -> None:
    deleted = compare_wording("try showing class", "try class").to_dict()["edits"][0]
    assert deleted["op"] == "delete" and deleted["text"] == "showing" and deleted["with"] is None
    inserted = compare_wording("try class", "try showing class").to_dict()["edits"][0]
    assert inserted["op"] == "insert" and inserted["text"] is None and inserted["with"] == "showing"


@pytest.mark.parametrize(
    ("full", "variant", "qualifiers"),
    [
        (
            "We will win, unless they cut our funding, and we will fight",
            "We will win, and we will fight",
            ("unless",),
        ),
        (
            "Even if we believe the war will end soon, we need to support Ukraine",
            "we need to support Ukraine",
            ("even", "if", "we believe"),
        ),
        (BLINKEN, "everyone is going to double back and increase their support for Ukraine", ("as necessary",)),
        ("he may have to compromise", "he will have to compromise", ("may",)),
        ("it will probably end", "it will end", ("probably",)),
        ("we do not support it", "we do support it", ("not",)),
        ("Ukraine may ultimately have to compromise", "Ukraine Will Have To Compromise", ("may", "ultimately")),
    ],
)
def test_cuts_dropping_a_qualifier_are_flagged(full: str, variant: str, qualifiers: tuple[str, ...]) -> None:
    result = compare_wording(full, variant)
    assert result.dropped_qualifier
    found = tuple(q for e in result.edits for q in e.qualifier_words)
    assert found == qualifiers


def test_cut_without_a_qualifier_is_not_flagged() -> None:
    result = compare_wording("we need to support Ukraine for many years", "we need to support Ukraine")
    assert result.label == "fragment"
    assert not result.dropped_qualifier


def test_find_qualifiers_prefers_the_phrase() -> None:
    assert find_qualifiers(["increase", "support", "if", "necessary"]) == ("if necessary",)
    assert find_qualifiers(["at", "least", "ten"]) == ("at least",)
    assert find_qualifiers(["a", "strong", "result"]) == ()


# ---------------------------------------------------------------- cue verbs


@pytest.mark.parametrize(
    ("lemma", "cls"),
    [
        ("say", "neutral"),
        ("tell", "neutral"),
        ("add", "neutral"),
        ("reply", "neutral"),
        ("explain", "endorsing"),
        ("note", "endorsing"),
        ("point out", "endorsing"),
        ("claim", "doubting"),
        ("insist", "doubting"),
        ("allege", "doubting"),
        ("admit", "conceding"),
        ("acknowledge", "conceding"),
        ("concede", "conceding"),
        ("slam", "combative"),
        ("fire back", "combative"),
        ("hit out", "combative"),
        ("lash out", "combative"),
        ("accuse", "combative"),
        ("warn", "emotive"),
        ("urge", "emotive"),
        ("plead", "emotive"),
        ("boast", "emotive"),
        # printed forms and case are tolerated
        ("Slammed", "combative"),
        ("pointed out", "endorsing"),
        ("fired back", "combative"),
        ("said", "neutral"),
        ("noting", "endorsing"),
        ("cries", "emotive"),
        # unknown or absent
        ("frobnicate", None),
        ("", None),
        (None, None),
    ],
)
def test_classify_cue(lemma: str | None, cls: str | None) -> None:
    assert classify_cue(lemma) == cls


def test_cue_table_is_thorough_and_well_formed() -> None:
    table = load_cue_classes(None)
    assert len(table) >= 150
    assert set(table.values()) == set(CUE_CLASSES)
    assert sum(" " in lemma for lemma in table) >= 10  # phrasal verbs


def test_user_cue_file_from_env_var_merges_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "cues.json"
    user.write_text(json.dumps({"frobnicate": "combative", "say": "emotive", "slam": None}), encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(user))
    assert classify_cue("frobnicate") == "combative"
    assert classify_cue("say") == "emotive"
    assert classify_cue("slam") is None
    assert classify_cue("claim") == "doubting"  # the rest of the bundled table stays


def test_user_cue_file_toml_grouped_form(tmp_path: Path) -> None:
    user = tmp_path / "cues.toml"
    user.write_text('[cue_classes]\ncombative = ["zing", "own"]\n', encoding="utf-8")
    table = load_cue_classes(str(user))
    assert classify_cue("zing", table) == "combative"
    assert classify_cue("zinged", table) == "combative"


@pytest.mark.parametrize(
    "content",
    ['{"zing": "sarcastic"}', "not json", '["a", "list"]'],
)
def test_bad_user_cue_file_raises_a_user_facing_error(tmp_path: Path, content: str) -> None:
    user = tmp_path / "cues.json"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(QuotetraceError) as info:
        load_cue_classes(str(user))
    assert info.value.hint


def test_missing_user_cue_file_raises(tmp_path: Path) -> None:
    with pytest.raises(QuotetraceError):
        load_cue_classes(str(tmp_path / "absent.json"))


# ---------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("Russia has reportedly moved troops to the border.", [("reportedly", "reportedly")]),
        ("no matter what he claims.", [("claims", "claimed")]),
        ("the claim that he lied", [("claim", "claimed")]),
        ("The troops were said to be exhausted.", [("were said to", "reportedly")]),
        ("He allegedly took bribes from the alleged donor.", [("allegedly", "allegedly"), ("alleged", "allegedly")]),
        ("According to officials, talks stalled.", [("According to", "according_to")]),
        ("the so-called peace plan", [("so-called", "so_called")]),
        ("the self-proclaimed republic", [("self-proclaimed", "so_called")]),
        ("the purported letter", [("purported", "purported")]),
        ("Trump claimed the election was stolen.", [("claimed", "claimed")]),
        ("The video could not be independently verified.", [("could not be independently verified", "unverified")]),
        ("He said, without evidence, that it was rigged.", [("without evidence", "unverified")]),
        ("in what Putin called a special operation", [("what Putin called", "what_called")]),
        ("to avoid such a “dangerous” outcome", [("“dangerous”", "scare_quote")]),
        ("the ‘peace deal’ is a trap", [("‘peace deal’", "scare_quote")]),
        # negatives
        ("Stoltenberg told reporters in Brussels on Friday.", []),
        ("The group claimed responsibility for the attack.", []),
        ("Reuters reported the story first.", []),
        ("“Yes,” he said.", []),
        ("“We need to support Ukraine for many years,” he said.", []),
        ("It’s Stoltenberg’s view that Ukraine's choice matters.", []),
        ("the class-action claims against Wal-Mart", []),
        ("You are not supposed to worship it.", []),
        ("he grabbed the self-identified “student” after", [("“student”", "scare_quote")]),
        ("the lawmaker said he is “profoundly” sorry", []),  # a partial quote after a speech verb
        ("his failure to use the word “God” more", []),  # a word mentioned, not used
        ("Trump told NBC's “Today” show", []),  # a title
        ("Richard Blumenthal Calls NYT Report 'Outrageous Distortion'", []),
    ],
)
def test_find_hedges(context: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.text, h.kind) for h in find_hedges(context)] == expected


def test_hedge_offsets_and_to_dict() -> None:
    context = "Russia has reportedly moved troops."
    (hedge,) = find_hedges(context)
    assert context[hedge.start : hedge.end] == "reportedly"
    assert hedge.to_dict() == {"text": "reportedly", "kind": "reportedly", "span": [11, 21]}


def test_words_inside_an_attributed_quote_are_not_hedges_or_scare_quotes() -> None:
    context = "He said “reportedly” and then “they allegedly lied”, reportedly."
    first = context.index("reportedly")
    second = context.index("they allegedly lied")
    spans = [(first, first + len("reportedly")), (second, second + len("they allegedly lied"))]
    hedges = find_hedges(context, spans)
    assert [(h.text, h.kind, h.start) for h in hedges] == [("reportedly", "reportedly", context.rindex("reportedly"))]


# ---------------------------------------------------------------- credits


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("Stoltenberg told the BBC on Saturday.", [("BBC", "told the BBC")]),
        ("he told Reuters.", [("Reuters", "told Reuters")]),
        ("In an interview with CNN, he said", [("CNN", "In an interview with CNN")]),
        ("In an interview with the BBC published on Saturday", [("BBC", "In an interview with the BBC")]),
        ("according to Reuters.", [("Reuters", "according to Reuters")]),
        (
            "as first reported by The Washington Post.",
            [("The Washington Post", "as first reported by The Washington Post")],
        ),
        ("WASHINGTON (Reuters) - The president said", [("Reuters", "(Reuters)")]),
        ("(MENAFN) NATO Secretary General Jens Stoltenberg", [("MENAFN", "(MENAFN)")]),
        (
            "she said in a statement to Fox News Digital.",
            [("Fox News Digital", "said in a statement to Fox News Digital")],
        ),
        ("he told CNN's Jake Tapper on Sunday", [("CNN", "told CNN")]),
        ("Earlier, the Kyiv Independent reported that", [("Kyiv Independent", "Kyiv Independent reported")]),
        (
            "according to a report by The Wall Street Journal",
            [("The Wall Street Journal", "according to a report by The Wall Street Journal")],
        ),
        (
            "she wrote in an op-ed for The New York Times",
            [("The New York Times", "wrote in an op-ed for The New York Times")],
        ),
        # negatives
        ("Blinken told reporters in Brussels", []),
        ("he told Biden that", []),
        ("according to officials", []),
        ("according to the International Atomic Energy Agency", []),
        ("the Pentagon Press Secretary said", []),
    ],
)
def test_find_credits(context: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.outlet, c.phrase) for c in find_credits(context)] == expected


def test_credit_offsets() -> None:
    context = "Stoltenberg told the BBC on Saturday."
    (credit,) = find_credits(context)
    assert context[credit.outlet_start : credit.outlet_end] == "BBC"
    assert context[credit.start : credit.end] == "told the BBC"
    assert credit.to_dict()["outlet_span"] == [21, 24]


# ---------------------------------------------------------------- descriptors


@pytest.mark.parametrize(
    ("mention", "canonical", "descriptor"),
    [
        ("NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg", "NATO Secretary General"),
        (
            "the US-led bloc's secretary-general Jens Stoltenberg",
            "Jens Stoltenberg",
            "the US-led bloc's secretary-general",
        ),
        ("Stoltenberg", "Jens Stoltenberg", None),
        ("Mr. Stoltenberg", "Jens Stoltenberg", None),
        ("he", "Jens Stoltenberg", None),
        ("the NATO chief", "Jens Stoltenberg", "the NATO chief"),
        ("Elizabeth Lauten, who is gay", "Elizabeth Lauten", "who is gay"),
        ("openly lesbian Rep. Tammy Baldwin", "Tammy Baldwin", "openly lesbian Rep."),
        ("Ukrainian President Volodymyr Zelensky", "Volodymyr Zelenskyy", "Ukrainian President"),
        ("President Donald J. Trump", "Donald Trump", "President"),
        # without a canonical name
        ("NATO Secretary General Jens Stoltenberg", None, "NATO Secretary General"),
        ("Ukrainian Foreign Minister Dmytro Kuleba", None, "Ukrainian Foreign Minister"),
        ("Jens Stoltenberg, NATO's secretary general,", None, "NATO's secretary general"),
        ("Stoltenberg", None, None),
        ("", None, None),
    ],
)
def test_split_descriptor(mention: str, canonical: str | None, descriptor: str | None) -> None:
    assert split_descriptor(mention, canonical) == descriptor


# ---------------------------------------------------------------- placement


@pytest.mark.parametrize(
    ("paragraph", "in_headline", "expected"),
    [
        (0, False, "lede"),
        (1, False, "lede"),
        (2, False, "body"),
        (7, False, "body"),
        (None, False, "body"),
        (None, True, "headline"),
        (0, True, "headline"),
    ],
)
def test_placement(paragraph: int | None, in_headline: bool, expected: str) -> None:
    assert placement(paragraph, in_headline) == expected


# ---------------------------------------------------------------- log-odds (Monroe, Colaresi & Quinn 2008)


def test_log_odds_matches_a_hand_computation() -> None:
    a = Counter({"war": 3, "peace": 1, "tank": 2})
    b = Counter({"war": 1, "peace": 3})
    prior = Counter({"war": 2, "peace": 2})
    scores = log_odds_dirichlet(a, b, prior, alpha0=6)
    # V = {war, peace, tank}; background smoothed (count + 1) / (4 + 3) -> 3/7, 3/7, 1/7; scaled by alpha0 = 6
    alpha_war, alpha_tank = 18 / 7, 6 / 7
    n_a, n_b, a0 = 6, 4, 6
    # war: y_a = 3, y_b = 1
    delta_war = math.log((3 + alpha_war) / (n_a + a0 - 3 - alpha_war)) - math.log(
        (1 + alpha_war) / (n_b + a0 - 1 - alpha_war)
    )
    assert delta_war == pytest.approx(math.log(39 / 25))  # (39/45) / (25/45)
    z_war = delta_war / math.sqrt(1 / (3 + alpha_war) + 1 / (1 + alpha_war))
    assert z_war == pytest.approx(math.log(39 / 25) / math.sqrt(7 / 39 + 7 / 25))
    # tank: y_a = 2, y_b = 0, absent from the background
    delta_tank = math.log((20 / 7) / (64 / 7)) - math.log((6 / 7) / (64 / 7))
    assert delta_tank == pytest.approx(math.log(10 / 3))
    z_tank = delta_tank / math.sqrt(1 / (2 + alpha_tank) + 1 / alpha_tank)
    assert scores["war"] == pytest.approx((delta_war, z_war))
    assert scores["tank"] == pytest.approx((delta_tank, z_tank))
    # peace: y_a = 1, y_b = 3 -> log((25/7) / (59/7)) - log((39/7) / (31/7))
    assert scores["peace"][0] == pytest.approx(math.log(25 / 59) - math.log(39 / 31))
    assert set(scores) == {"war", "peace", "tank"}


def test_log_odds_is_antisymmetric_and_defaults_to_laplace() -> None:
    a = Counter({"war": 3, "peace": 1})
    b = Counter({"war": 1, "peace": 3})
    forward = log_odds_dirichlet(a, b, Counter())
    backward = log_odds_dirichlet(b, a, Counter())
    assert forward["war"][0] == pytest.approx(-backward["war"][0])
    # empty prior, alpha0 = |V| = 2 -> alpha_w = 1 (add-one): log(4/2) - log(2/4)
    assert forward["war"][0] == pytest.approx(math.log(4 / 2) - math.log(2 / 4))
    assert forward["war"][1] == pytest.approx(math.log(4) / math.sqrt(1 / 4 + 1 / 2))


def test_distinctive_terms_finds_each_outlets_words() -> None:
    rt = ["the Kiev regime shelled Donbass again, the Kiev regime said"] * 6
    bbc = ["Russian forces shelled Kyiv again as Russian troops advanced"] * 6
    result = distinctive_terms({"RT": rt, "BBC": bbc})
    assert result["RT"] and result["BBC"]
    rt_terms = [t for t, _ in result["RT"]]
    bbc_terms = [t for t, _ in result["BBC"]]
    assert "kiev" in rt_terms and "regime" in rt_terms
    assert "russian" in bbc_terms
    assert "shelled" not in rt_terms + bbc_terms  # shared by both
    assert all(z > 1.96 for _, z in result["RT"] + result["BBC"])
    assert [z for _, z in result["RT"]] == sorted((z for _, z in result["RT"]), reverse=True)


def test_distinctive_terms_small_corpus_shows_little() -> None:
    result = distinctive_terms({"A": ["the talks stalled on Friday"], "B": ["the talks resumed on Monday"]})
    assert result == {"A": [], "B": []}


def test_distinctive_terms_single_group_without_background() -> None:
    assert distinctive_terms({"A": ["war war war"]}) == {"A": []}


# ---------------------------------------------------------------- loaded variants


def test_loaded_variants_reports_contrasting_outlets() -> None:
    texts = {
        "RT": "Moscow says the Kiev regime shells Donbass. Lugansk was hit.",
        "BBC": "Kyiv says Russian forces shelled the Donbas. Luhansk was hit.",
        "AP": "In Kyiv, officials met Volodymyr Zelenskyy.",
    }
    found = {v.id: v for v in loaded_variants(texts)}
    assert set(found) == {"kyiv", "donbas", "luhansk"}
    assert found["kyiv"].forms == {"Kiev": ["RT"], "Kyiv": ["AP", "BBC"]}
    assert found["kyiv"].printed["RT"] == {"Kiev": 1}
    assert found["kyiv"].preferred == {"AP": "Kyiv", "BBC": "Kyiv", "RT": "Kiev"}
    json.dumps([v.to_dict() for v in found.values()])


@pytest.mark.parametrize(
    "texts",
    [
        {"BBC": "Kyiv and Kharkiv", "AP": "Kyiv and Kharkiv"},  # same form everywhere
        {"RT": "Kiev and Kyiv"},  # one outlet only
        {"A": "Islamic State, or ISIS", "B": "ISIS, the Islamic State"},  # both outlets use both forms
        {"A": "Turkey dinner", "B": "the pro-life movement"},  # different referents
    ],
)
def test_loaded_variants_negatives(texts: dict[str, str]) -> None:
    assert loaded_variants(texts) == []


def test_loaded_variants_phrases_are_case_insensitive() -> None:
    found = loaded_variants({"Fox": "Pro-life groups rallied.", "NYT": "Anti-abortion groups rallied."})
    assert [(v.id, v.forms) for v in found] == [("abortion_opponents", {"pro-life": ["Fox"], "anti-abortion": ["NYT"]})]


CALLED = "She called the attack an “act of terror” and called for “hardening our defenses.”"


@pytest.mark.parametrize(
    ("text", "piece", "cls"),
    [
        # each quoted piece of a mixed quote takes the verb printed nearest before it
        (CALLED, "act of terror", "neutral"),
        (CALLED, "hardening", "emotive"),
        # an irregular form counts, the earlier verb does not
        ("He confirmed the charges and said that she “asserts her innocence.”", "asserts", "neutral"),
        # words inside quotation marks are never the cue
        ("The mayor “slammed the door” on it, the aide said.", "slammed", None),
        # nouns are not verbs: "the claim" does not make the piece doubting
        ("The claim was “entirely false.”", "entirely", None),
    ],
)
def test_piece_cue_class(text: str, piece: str, cls: str | None) -> None:
    from quotetrace.framing.quote import piece_cue_class

    start = text.index(piece)
    quoted = [(m.start() + 1, m.end() - 1) for m in re.finditer(r"“[^”]*”", text)]
    assert piece_cue_class(text, 0, start, quoted) == cls


@given(
    st.text(alphabet="abcdeéxyz'’-", max_size=14),
    st.text(alphabet="abcdeéxyz'’-", max_size=14),
    st.sampled_from([0.5, 0.8, 0.85, 0.9]),
)
@settings(max_examples=400, deadline=None)
def test_similar_agrees_with_rapidfuzz(a: str, b: str, at_least: float) -> None:
    """The edit-distance bounds only skip pairs rapidfuzz would reject too."""
    from rapidfuzz.distance import Levenshtein

    from quotetrace.framing.tokens import similar

    assert similar(a, b, at_least) == (Levenshtein.normalized_similarity(a, b) >= at_least)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("stoltenberg", "stoltenber", True),
        ("kuleba", "kouleba", True),
        ("trump", "trumb", True),  # one edit in five letters: exactly 0.8
        ("trump", "biden", False),
        ("", "", True),
    ],
)
def test_similar_cases(a: str, b: str, expected: bool) -> None:
    from quotetrace.framing.tokens import similar

    assert similar(a, b, 0.8) is expected
