"""The learned speaker ranker (quotetrace/nlp/attribution/ranker.py): the switch, the shipped weights, its picks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources

import pytest

from quotetrace import extract_quotes
from quotetrace.nlp.attribution import ranker


def speakers(text: str) -> list[str | None]:
    return [m.speaker for m in extract_quotes(text) if m.kind in {"direct", "mixed"}]


@pytest.mark.parametrize(
    ("value", "mode"),
    [
        (None, "low"),  # the default
        ("", "low"),
        ("x", "low"),
        ("low", "low"),
        ("0", "off"),
        ("off", "off"),
        ("1", "always"),
        ("always", "always"),
    ],
)
def test_the_switch(monkeypatch: pytest.MonkeyPatch, value: str | None, mode: str) -> None:
    if value is None:
        monkeypatch.delenv(ranker.ENV, raising=False)
    else:
        monkeypatch.setenv(ranker.ENV, value)
    assert ranker.mode() == mode


def test_the_model_file_loads_and_scores_deterministically() -> None:
    ranker.load_model.cache_clear()
    m1 = ranker.load_model()
    ranker.load_model.cache_clear()
    m2 = ranker.load_model()
    assert m1 == m2 and m1.weights and 0.0 < m1.threshold <= 1.01
    x = {"rule": 1.0, "m_same_sent": 1.0, "cue_before": 1.0, "kind_person": 1.0}
    s = ranker.score(m1, x)
    assert s == ranker.score(m2, dict(reversed(list(x.items()))))
    z = m1.bias + sum(m1.weights.get(k, 0.0) * v for k, v in x.items())
    assert s == pytest.approx(1 / (1 + pow(2.718281828459045, -z)))
    assert 0.0 < ranker.score(m1, {}) < 1.0


def test_the_weights_name_features_not_words_of_the_text() -> None:
    raw = json.loads(resources.files("quotetrace.data").joinpath(ranker.MODEL_FILE).read_text(encoding="utf-8"))
    assert raw["weights"]
    for name in raw["weights"]:
        assert re.fullmatch(r"[a-z0-9_-]+", name), name


def test_the_package_never_imports_sklearn() -> None:
    code = (
        "import os, sys; os.environ['QUOTETRACE_SPEAKER_RANKER'] = '1'\n"
        "from quotetrace import extract_quotes\n"
        "ms = extract_quotes('“We will rebuild the bridge,” said Maria Lopez.')\n"
        "assert ms and ms[0].speaker == 'Maria Lopez', ms\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'sklearn', 'scipy'})\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


CASES = [
    ("“We will rebuild the bridge,” said Maria Lopez.", ["Maria Lopez"]),
    ("“We will rebuild the bridge,” Maria Lopez said on Monday.", ["Maria Lopez"]),
    ("Maria Lopez told reporters, “We will rebuild the bridge.”", ["Maria Lopez"]),
    (
        "Maria Lopez, the mayor, spoke on Monday. “We will rebuild the bridge,” she said.\n\n"
        "“It will take two years and a great deal of money from the state,” she added.",
        ["Maria Lopez", "Maria Lopez"],
    ),
    (
        "“We will rebuild the bridge,” Maria Lopez said.\n\n"
        "“It will take two years and a great deal of money from the state.”",
        ["Maria Lopez", "Maria Lopez"],
    ),
    (
        "Tom Hardy criticised the plan. “The budget is a disgrace,” Maria Lopez said in reply.",
        ["Maria Lopez"],
    ),
]


@pytest.mark.parametrize("mode", ["1", "low"])
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_text_to_speaker_with_the_ranker(
    monkeypatch: pytest.MonkeyPatch, mode: str, text: str, expected: list[str]
) -> None:
    monkeypatch.setenv(ranker.ENV, mode)
    assert speakers(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_default_keeps_the_rules_where_they_are_sure(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str]
) -> None:
    monkeypatch.setenv(ranker.ENV, "0")
    off = [m.to_dict() for m in extract_quotes(text)]
    monkeypatch.delenv(ranker.ENV)
    assert [m.to_dict() for m in extract_quotes(text)] == off
    assert speakers(text) == expected


# The rules find no speaker for the last quotation: two people are named in the paragraph before it.
UNATTRIBUTED = (
    "Tom Hardy criticised the plan. Maria Lopez defended it.\n\n“The budget works for everyone in this town.”"
)


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        # weights that favour the candidate named nearest the quotation: the ranker credits Maria Lopez
        (ranker.Model({"named": 4.0, "nearest": 6.0}, bias=-5.0, threshold=0.5), "Maria Lopez"),
        # weights that favour the first-named one
        (ranker.Model({"named": 4.0, "second": 6.0}, bias=-5.0, threshold=0.5), "Tom Hardy"),
        # no candidate reaches the threshold: the quotation stays unattributed, as the rules left it
        (ranker.Model({"named": 1.0}, bias=-10.0, threshold=0.5), None),
    ],
)
def test_the_ranker_decides_where_the_rules_found_nobody(
    monkeypatch: pytest.MonkeyPatch, model: ranker.Model, expected: str | None
) -> None:
    monkeypatch.setenv(ranker.ENV, "0")
    assert speakers(UNATTRIBUTED) == [None]
    monkeypatch.setenv(ranker.ENV, "low")
    monkeypatch.setattr(ranker, "load_model", lambda: model)
    assert speakers(UNATTRIBUTED) == [expected]


def test_candidates_carry_no_words_and_the_rules_pick() -> None:
    from quotetrace.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    text = "Tom Hardy criticised the plan. “The budget is a disgrace,” Maria Lopez said in reply."
    ranker.collect(True)
    try:
        doc = nlp(text)
        rows = doc.user_data.get(ranker.COLLECT_KEY) or []  # the pipeline's quote component gathered them
    finally:
        ranker.collect(False)
    assert len(rows) == 1
    cands = {c["name"]: c for c in rows[0]["cands"]}
    assert "rule" in cands["Maria Lopez"]["src"] and "cue_after" in cands["Maria Lopez"]["src"]
    assert "named" in cands["Tom Hardy"]["src"] and "rule" not in cands["Tom Hardy"]["src"]
    assert cands["Maria Lopez"]["x"]["m_same_sent"] == 1.0
    for c in rows[0]["cands"]:
        assert all(re.fullmatch(r"[a-z0-9_-]+", k) for k in c["x"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whoever was spoken to is no candidate: the object of a speech verb, or "to" after one
        ("“We are not going anywhere,” she told the New York Times in an interview.", [None]),
        ("“We are not going anywhere,” she said to Reuters on Monday.", [None]),
        # the person "she" stands for is still found
        (
            "Maria Lopez runs the shelter.\n\n“We are not going anywhere,” she told the New York Times.",
            ["Maria Lopez"],
        ),
        # a name that is the subject nearby still is one
        ("Tom Hardy criticised the plan.\n\n“The budget is a disgrace,” he told the Herald.", ["Tom Hardy"]),
    ],
)
def test_an_addressee_never_speaks(monkeypatch: pytest.MonkeyPatch, text: str, expected: list[str | None]) -> None:
    monkeypatch.delenv(ranker.ENV, raising=False)
    assert speakers(text) == expected


@pytest.mark.parametrize(("gap", "expected"), [(0, "Maria Lopez"), (ranker.NEARBY + 500, None)])
def test_only_names_near_the_quotation_are_candidates(
    monkeypatch: pytest.MonkeyPatch, gap: int, expected: str | None
) -> None:
    """A name further than NEARBY characters from the quotation is no candidate, so one paragraph of thousands of
    quotations costs each of them a bounded scan (hostile input), and no article's paragraphs are that long."""
    filler = ("The clerks checked every table twice before the members went home. " * 200)[:gap]
    text = "Tom Hardy criticised the plan. Maria Lopez defended it.\n\n" + filler + "“The budget works for everyone.”"
    monkeypatch.setenv(ranker.ENV, "low")
    monkeypatch.setattr(ranker, "load_model", lambda: ranker.Model({"named": 4.0, "nearest": 6.0}, -5.0, 0.5))
    assert speakers(text)[-1:] == [expected]
