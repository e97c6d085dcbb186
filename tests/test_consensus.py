"""Consensus speakers and one identity per person in the index (store level, with a fake extractor)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from quotetrace.ingest.run import ingest, set_aliases
from quotetrace.models import Article, Mention
from quotetrace.people import Aliases
from quotetrace.store import ClusterQuery, Store
from quotetrace.views import cluster_detail

# "NAME said (CONF): “WORDS”" — the confidence stands for how the extractor found the speaker
_SAID = re.compile(r"((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*)*) said \((0\.\d+)\): “([^”]+)”")


def fake_extract(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
    for art in articles:
        out = []
        for m in _SAID.finditer(art.text):
            out.append(
                Mention(
                    article_id=art.id,
                    text=m.group(3),
                    spans=((m.start(3), m.end(3)),),
                    speaker=m.group(1),
                    speaker_mention=m.group(1),
                    speaker_span=(m.start(1), m.end(1)),
                    cue="said",
                    speaker_via="name" if float(m.group(2)) >= 0.9 else "pronoun",
                    speaker_confidence=float(m.group(2)),
                    paragraph=0,
                )
            )
        yield art, out


def article(aid: str, outlet: str, date: str, *quotes: tuple[str, float, str]) -> Article:
    paras = [f"Story {aid}"] + [
        f"It was late. {who} said ({conf}): “{words}”. Nobody replied." for who, conf, words in quotes
    ]
    return Article(id=aid, text="\n\n".join(paras), outlet=outlet, date=date, title=f"Story {aid}")


LONG = "We will defend every inch of allied territory and we will never back down whatever the cost"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "index.db")
    yield s
    s.close()


def run(store: Store, arts: list[Article]) -> None:
    ingest(store, arts, extractor=fake_extract)  # type: ignore[arg-type]


def test_outlets_disagreeing_on_the_speaker_are_a_finding(store: Store) -> None:
    run(
        store,
        [
            article("a", "Reuters", "2024-03-01", ("Maria Okafor", 0.9, LONG)),
            article("b", "AP", "2024-03-01", ("Maria Okafor", 0.9, LONG)),
            article("c", "Blog", "2024-03-02", ("José Calderón", 0.65, LONG)),
        ],
    )
    (summary,) = store.list_clusters(ClusterQuery())
    assert summary.speaker == "Maria Okafor"
    assert summary.misattributed is True
    d = summary.to_dict()
    assert [(a["speaker"], a["outlets"], a["mentions"]) for a in d["attributions"]] == [
        ("Maria Okafor", ["Reuters", "AP"], 2),
        ("José Calderón", ["Blog"], 1),
    ]
    assert d["speaker_confidence"] == pytest.approx(1.8 / 2.45, abs=1e-3)
    detail = cluster_detail(store, summary)
    by_outlet = {m["article"]["outlet"]: m for m in detail["mentions"]}
    blog = by_outlet["Blog"]
    assert blog["speaker"] == "José Calderón"  # the article's own attribution stays
    assert blog["consensus_speaker"] == "Maria Okafor" and blog["speaker_disagrees"] is True
    assert by_outlet["AP"]["speaker_disagrees"] is False
    assert blog["speaker_confidence"] == 0.65 and blog["speaker_via"] == "pronoun"
    assert detail["misattributed"] is True and detail["attributions"][0]["speaker"] == "Maria Okafor"


def test_confidence_outweighs_numbers(store: Store) -> None:
    run(
        store,
        [
            article("a", "Reuters", "2024-03-01", ("Maria Okafor", 0.9, LONG)),
            article("b", "AP", "2024-03-01", ("José Calderón", 0.4, LONG)),
            article("c", "Blog", "2024-03-02", ("José Calderón", 0.4, LONG)),
        ],
    )
    (summary,) = store.list_clusters(ClusterQuery())
    assert summary.speaker == "Maria Okafor"  # one name at the cue (0.9) outweighs two weak attributions (0.8)
    assert summary.speaker_confidence == pytest.approx(0.9 / 1.7, abs=1e-3)  # a narrow win, not confident
    detail = cluster_detail(store, summary)
    assert all(m["consensus_speaker"] is None for m in detail["mentions"])  # no confident consensus to show


def test_one_agreeing_cluster_is_not_misattributed(store: Store) -> None:
    run(store, [article("a", "Reuters", "2024-03-01", ("Maria Okafor", 0.9, LONG), ("Okafor", 0.9, "short words"))])
    assert not any(c.misattributed for c in store.list_clusters(ClusterQuery()))


def test_one_row_per_person_with_the_spellings_seen(store: Store) -> None:
    run(
        store,
        [
            article(
                "a", "Reuters", "2024-03-01", ("Donald Trump", 0.9, "The economy is doing better than anyone thought")
            ),
            article(
                "b", "AP", "2024-03-05", ("Trump", 0.9, "Nobody has ever seen crowds like these before in history")
            ),
            article("c", "Fox", "2024-03-06", ("Tomás Calderón", 0.9, "The port will stay open through the winter")),
            article(
                "d", "Blog", "2024-03-07", ("Tomas Calderon", 0.9, "Dockers will get their overtime back this year")
            ),
        ],
    )
    rows = {s.name: s for s in store.speakers()}
    assert set(rows) == {"Donald Trump", "Tomás Calderón"} or set(rows) == {"Donald Trump", "Tomas Calderon"}
    assert set(rows["Donald Trump"].spellings) == {"Donald Trump", "Trump"}
    assert rows["Donald Trump"].mention_count == 2
    trump = next(c for c in store.list_clusters(ClusterQuery()) if "crowds" in c.text)
    assert trump.speaker == "Donald Trump"
    (m,) = cluster_detail(store, trump)["mentions"]
    assert m["speaker"] == "Donald Trump" and m["speaker_mention"] == "Trump"


def test_two_clintons_keep_the_bare_surname_apart_until_an_alias_says(store: Store) -> None:
    run(
        store,
        [
            article(
                "a", "Reuters", "2016-03-01", ("Hillary Clinton", 0.9, "We are going to win this nomination together")
            ),
            article("b", "AP", "1998-03-05", ("Bill Clinton", 0.9, "I did not have that conversation with anyone")),
            article("c", "Fox", "2016-03-06", ("Clinton", 0.9, "The wall will never be built under my watch")),
        ],
    )
    assert {s.name for s in store.speakers()} == {"Hillary Clinton", "Bill Clinton", "Clinton"}
    set_aliases(store, Aliases(merge=(("Hillary Clinton", "Clinton"),)))
    rows = {s.name: s for s in store.speakers()}
    assert set(rows) == {"Hillary Clinton", "Bill Clinton"}
    assert set(rows["Hillary Clinton"].spellings) == {"Hillary Clinton", "Clinton"}
    set_aliases(store, Aliases())
    assert {s.name for s in store.speakers()} == {"Hillary Clinton", "Bill Clinton", "Clinton"}
