"""The verb lexicon (quotetrace.text.verbs): one set of cue verbs, their printed forms and their classes."""

from __future__ import annotations

import pytest

from quotetrace.framing.cues import classify_cue, load_cue_classes
from quotetrace.text.verbs import (
    BELIEF_VERBS,
    CUE_CLASSES,
    REPORTING_VERBS,
    SPEECH_VERBS,
    cue_table,
    irregular_forms,
    speech_forms,
)


@pytest.fixture(autouse=True)
def _bundled_table_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUOTETRACE_CUE_CLASSES", raising=False)


@pytest.mark.parametrize("verb", sorted(SPEECH_VERBS | BELIEF_VERBS))
def test_every_verb_the_extractor_accepts_has_a_cue_class(verb: str) -> None:
    assert cue_table().get(verb) in CUE_CLASSES
    assert classify_cue(verb) in CUE_CLASSES


def test_reporting_verbs_are_speech_verbs() -> None:
    assert REPORTING_VERBS < SPEECH_VERBS
    assert not REPORTING_VERBS & {"continue", "thank", "laugh"}  # they take no reported clause


def test_every_class_in_the_table_is_known() -> None:
    assert set(cue_table().values()) == set(CUE_CLASSES)


def test_cue_table_is_a_fresh_copy() -> None:
    table = cue_table()
    table["say"] = "combative"
    assert cue_table()["say"] == "neutral"
    assert load_cue_classes()["say"] == "neutral"


@pytest.mark.parametrize(
    ("printed", "cls"),
    [
        ("reaffirmed", "endorsing"),
        ("assured", "endorsing"),
        ("pointed", "endorsing"),
        ("pointed out", "endorsing"),
        ("disputed", "combative"),
        ("guessed", "doubting"),
        ("said", "neutral"),
        ("swore", "emotive"),
        ("slammed", "combative"),
        ("photographed", None),
        ("", None),
    ],
)
def test_printed_cues_are_classed(printed: str, cls: str | None) -> None:
    assert classify_cue(printed) == cls


def test_irregular_forms_of_reporting_verbs_are_speech_forms() -> None:
    irregular = {form for form, lemma in irregular_forms().items() if lemma in REPORTING_VERBS and " " not in form}
    assert irregular and irregular <= speech_forms(beliefs=False)


@pytest.mark.parametrize(
    ("word", "reporting", "with_beliefs"),
    [
        ("said", True, True),
        ("told", True, True),
        ("swore", True, True),
        ("according", True, True),
        ("denies", True, True),
        ("stated", True, True),
        ("state", False, False),  # mostly a noun: only its verb forms pick a paragraph
        ("pledged", False, False),  # mostly an adjective
        ("thought", False, True),
        ("believes", False, True),
        ("meant", False, True),
        ("thanked", False, False),  # a speech verb that takes no reported clause
        ("table", False, False),
    ],
)
def test_speech_forms(word: str, reporting: bool, with_beliefs: bool) -> None:
    assert (word in speech_forms(beliefs=False)) is reporting
    assert (word in speech_forms(beliefs=True)) is with_beliefs
