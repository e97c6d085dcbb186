"""The hand-annotated BASIL gold in bench/gold: the three splits validate, stay disjoint, and bad gold is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.gold import load

SHARED = load.shared_dir()
needs_corpus = pytest.mark.skipif(
    not (SHARED / load.ARTICLES).is_file(), reason="BASIL corpus not found beside the project (../shared/eval)"
)


@pytest.mark.parametrize(
    ("split", "expected"),
    [("tune", ("tune",)), ("heldout", ("heldout",)), ("tune2", ("tune2",)), ("all", ("tune", "heldout", "tune2"))],
)
def test_split_names(split: str, expected: tuple[str, ...]) -> None:
    assert load.split_names(split) == expected


@pytest.mark.parametrize("bad", ["", "both", "HELDOUT", "dev", "tune,heldout"])
def test_unknown_split_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown split"):
        load.split_names(bad)


def test_splits_hold_their_events_and_share_none() -> None:
    tune, heldout, tune2 = load.split_events("tune"), load.split_events("heldout"), load.split_events("tune2")
    assert len(tune) == 13 and len(heldout) == 12 and len(tune2) == 10
    assert not tune & heldout and not tune & tune2 and not heldout & tune2
    assert load.split_events("all") == tune | heldout | tune2


@needs_corpus
@pytest.mark.parametrize("split", ["tune", "heldout", "tune2", "all"])
def test_committed_gold_validates(split: str) -> None:
    assert load.check(SHARED, split) == []


@needs_corpus
def test_loaders_default_to_tune_and_fill_texts() -> None:
    assert {e["event_id"] for e in load.load_clusters(SHARED)["events"]} == load.split_events("tune")
    gold = load.load_clusters(SHARED, "heldout")
    mentions = [m for e in gold["events"] for c in e["clusters"] for m in c["mentions"]]
    assert mentions and all(m["text"] and m["n_words"] == load.count_words(m["text"]) for m in mentions)
    framing = load.load_framing(SHARED, "heldout")
    assert all(v["text"] for v in framing.values())
    pairs = load.load_paraphrases(SHARED, "all")["pairs"]
    assert len(pairs) == 98 + 78


@needs_corpus
def test_tune2_is_clusters_only() -> None:
    # no framing or pair file: the clusters load, the other loaders give nothing for it, and "all" stays as it was
    gold = load.load_clusters(SHARED, "tune2")
    assert {e["event_id"] for e in gold["events"]} == load.split_events("tune2")
    assert load.load_framing(SHARED, "tune2") == {}
    assert load.load_paraphrases(SHARED, "tune2")["pairs"] == []
    assert (
        load.load_framing(SHARED, "all").keys()
        == load.load_framing(SHARED, "tune").keys() | load.load_framing(SHARED, "heldout").keys()
    )


def _heldout_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Any) -> None:
    """Point the heldout split at a copy of its files, the clusters file changed by `edit`."""
    clusters, framing, pairs = load.SPLIT_FILES["heldout"]
    data = json.loads(clusters.read_text(encoding="utf-8"))
    edit(data)
    copy = tmp_path / "clusters.json"
    copy.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setitem(load.SPLIT_FILES, "heldout", (copy, framing, pairs))


@needs_corpus
def test_committed_article_text_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def leak(data: dict[str, Any]) -> None:
        data["events"][0]["clusters"][0]["mentions"][0]["text"] = "words copied from the article"

    _heldout_copy(tmp_path, monkeypatch, leak)
    assert any("committed text must be null" in e for e in load.check(SHARED, "heldout"))


@needs_corpus
def test_a_dropped_mention_leaves_its_marks_uncovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def drop(data: dict[str, Any]) -> None:
        cluster = next(c for e in data["events"] for c in e["clusters"] if c["not_speech"])
        cluster["mentions"].pop()

    _heldout_copy(tmp_path, monkeypatch, drop)
    errs = load.check(SHARED, "heldout")
    assert any("quotation mark at" in e and "not covered" in e for e in errs)


@needs_corpus
def test_an_event_in_both_splits_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tune = json.loads(load.SPLIT_FILES["tune"][0].read_text(encoding="utf-8"))

    def add_tune_event(data: dict[str, Any]) -> None:
        data["events"].append(tune["events"][0])

    _heldout_copy(tmp_path, monkeypatch, add_tune_event)
    assert any("is in both tune and heldout" in e for e in load.check(SHARED, "all"))
