"""The JSON contract holds across commands: export lists what show shows (every cluster, every piece framed against
its own cluster), and every count a command prints (outlets, db stats, list, the ingest summary) agrees with what
export lists. Real spaCy pipeline, one ingest of the fixtures per session; each test works on a copy."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_runner
from hypothesis import given
from hypothesis import strategies as st

from quotetrace.cli import app
from quotetrace.extract import join_spans

REPO = Path(__file__).resolve().parent.parent
CORPORA = [
    REPO / "seeds",
    REPO / "fixtures" / "index" / "wire.jsonl",
    REPO / "fixtures" / "wire",
    REPO / "fixtures" / "framing",
]

# Two pieces of one quote that other outlets print apart: the mention's pieces sit in different clusters.
SPLIT = [
    {
        "id": "split/a",
        "outlet": "Alpha News",
        "date": "2024-05-01",
        "title": "Mayor on the wall",
        "text": 'Mayor on the wall\n\n"I\'m not going to pay for that wall, not one cent of it, not ever," '
        'Mayor Dana Whitcombe said. "He should pay for it himself. He\'s got the money in the bank."\n\nThe end.',
    },
    {
        "id": "split/b",
        "outlet": "Beta Times",
        "date": "2024-05-02",
        "title": "Whitcombe refuses",
        "text": "Whitcombe refuses\n\nThe mayor was blunt. \"He should pay for it himself. He's got the money in "
        'the bank," Dana Whitcombe told reporters on Thursday.\n\nNothing else was said.',
    },
    {
        "id": "split/c",
        "outlet": "Gamma Post",
        "date": "2024-05-03",
        "title": "No cent for the wall",
        "text": 'No cent for the wall\n\n"I\'m not going to pay for that wall, not one cent of it, not ever," '
        "Dana Whitcombe said on Friday.\n\nThe council meets next week.",
    },
]


runner = cli_runner()


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def run_json(*args: str) -> Any:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def run_jsonl(*args: str) -> list[dict[str, Any]]:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("contract")
    split = base / "split.jsonl"
    split.write_text("".join(json.dumps(r) + "\n" for r in SPLIT), encoding="utf-8")
    path = base / "index.db"
    result = invoke("ingest", *map(str, CORPORA), str(split), "--db", str(path))
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def db(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "index.db"
    shutil.copy(template_db, target)
    monkeypatch.setenv("QUOTETRACE_DB", str(target))
    monkeypatch.setenv("QUOTETRACE_NO_PROGRESS", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return target


@pytest.fixture
def framed(db: Path) -> list[dict[str, Any]]:
    return run_jsonl("export", "--framing")


def cluster_ids(rec: dict[str, Any]) -> set[str]:
    """Every cluster a mention sits in: its own, and each piece's."""
    ids = {p["cluster_id"] for p in rec["pieces"] if p["cluster_id"]}
    if rec["cluster_id"]:
        ids.add(rec["cluster_id"])
    return ids


# ---------------------------------------------------------------------------------------- shape of a mention


def test_text_joins_pieces_with_an_ellipsis_and_pieces_follow_spans(framed: list[dict[str, Any]]) -> None:
    multi = [r for r in framed if r["kind"] == "direct" and len(r["spans"]) > 1]
    assert multi, "the fixtures hold interrupted quotes"
    for r in multi:
        assert r["text"].count(" … ") == len(r["spans"]) - 1
        assert [p["span"] for p in r["pieces"]] == r["spans"]
    for r in framed:
        assert r["schema"] == "quotetrace/1"
        assert r["paragraph_number"] == (None if r["paragraph"] is None else r["paragraph"] + 1)
        if r["kind"] == "indirect":
            assert r["pieces"] == []
        for p in r["pieces"]:
            assert set(p) >= {"span", "text", "cluster_id", "fidelity", "coverage", "edits", "cue_class", "hedges"}


def test_a_mention_split_across_clusters_frames_each_piece_against_its_own(framed: list[dict[str, Any]]) -> None:
    rec = next(r for r in framed if r["article_id"] == "split/a" and len(r["pieces"]) == 2)
    first, second = rec["pieces"]
    assert first["cluster_id"] != second["cluster_id"]
    assert first["fidelity"] == second["fidelity"] == "full", rec["pieces"]
    assert first["coverage"] == second["coverage"] == 1.0
    # the mention's own cluster is its longest piece's, and its top-level framing is against that cluster
    longest = max(rec["pieces"], key=lambda p: len(p["text"]))
    assert rec["cluster_id"] == longest["cluster_id"] and rec["fidelity"] == "full"
    # show on the other piece's cluster lists the mention, as full, with the mention's own cluster id
    other = next(p for p in rec["pieces"] if p["cluster_id"] != rec["cluster_id"])
    shown = run_json("show", other["cluster_id"], "--json")
    m = next(m for m in shown["mentions"] if m["id"] == rec["id"])
    assert m["fidelity"] == "full" and m["cluster_id"] == rec["cluster_id"]


def test_export_lists_what_show_shows_on_every_cluster(framed: list[dict[str, Any]]) -> None:
    by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in framed:
        for cid in cluster_ids(r):
            by_cluster[cid].append(r)
    summaries = run_json("list", "--json", "-n", "0")
    assert {s["id"] for s in summaries} == set(by_cluster)
    for s in summaries:
        shown = run_json("show", s["id"], "--json")
        exported = {r["id"]: r for r in by_cluster[s["id"]]}
        assert [m["id"] for m in shown["mentions"]] == sorted(exported, key=[m["id"] for m in shown["mentions"]].index)
        assert set(exported) == {m["id"] for m in shown["mentions"]}, s["id"]
        assert s["mention_count"] == shown["mention_count"] == len(exported)
        assert sorted(s["outlets"]) == sorted(
            {r["article"]["outlet"] for r in exported.values() if r["article"]["outlet"]}
        )
        for m in shown["mentions"]:
            r = exported[m["id"]]
            for key in ("cluster_id", "text", "spans", "kind", "speaker", "cue", "paragraph", "article_id"):
                assert m[key] == r[key], (s["id"], key)
            # each piece in this cluster has the same framing in show and export
            here = [p for p in r["pieces"] if p["cluster_id"] == s["id"]]
            assert [p for p in m["pieces"] if p["cluster_id"] == s["id"]] == here or not here
            for mp, ep in zip(m["pieces"], r["pieces"], strict=True):
                for key in ("span", "text", "cluster_id", "fidelity", "coverage", "edits", "cue_class", "hedges"):
                    assert mp[key] == ep[key], (s["id"], m["id"], key)
            if r["cluster_id"] == s["id"]:  # the mention's own cluster: the top-level framing agrees
                for key in ("fidelity", "coverage", "edits", "cue_class", "hedges", "descriptor"):
                    assert m[key] == r[key], (s["id"], m["id"], key)


# ------------------------------------------------------------------------------------------- counts agree


def test_outlets_counts_agree_with_export(framed: list[dict[str, Any]]) -> None:
    outlets = run_json("outlets", "--json", "--framing", "-n", "0")
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in framed:
        by_outlet[r["article"]["outlet"]].append(r)
    assert {o["outlet"] for o in outlets} == {k for k in by_outlet if k}
    for o in outlets:
        recs = by_outlet[o["outlet"]]
        assert o["mention_count"] == len(recs), o["outlet"]
        assert o["article_count"] == len({r["article_id"] for r in recs})
        assert o["cluster_count"] == len(set().union(*(cluster_ids(r) for r in recs)))
        labels = Counter(r["fidelity"] for r in recs if r["fidelity"])
        assert o["fidelity"] == {k: labels.get(k, 0) for k in ("full", "fragment", "altered")}, o["outlet"]
        assert sum(o["fidelity"].values()) == sum(1 for r in recs if r["cluster_id"])


def test_db_stats_agree_with_export(db: Path) -> None:
    plain = run_jsonl("export")
    stats = run_json("db", "stats", "--json")
    assert stats["mentions"] == len(plain)
    assert stats["mentions_by_kind"] == {
        k: sum(1 for r in plain if r["kind"] == k) for k in ("direct", "mixed", "indirect")
    }
    clusters = set().union(*(cluster_ids(r) for r in plain))
    assert stats["clusters"] == len(clusters) == len(run_json("list", "--json", "-n", "0"))
    assert stats["clusters_by_kind"]["statements"] == len({c for c in clusters if c.startswith("i")})
    assert sum(stats["clusters_by_kind"].values()) == stats["clusters"]
    assert stats["articles"] == len({r["article_id"] for r in plain})
    assert stats["outlets"] == len({r["article"]["outlet"] for r in plain if r["article"]["outlet"]})


def test_speakers_counts_agree_with_export(framed: list[dict[str, Any]]) -> None:
    speaker_of = {q["id"]: q["speaker"] for q in run_json("list", "--json", "-n", "0")}
    mentions: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    outlets: dict[str, set[str]] = defaultdict(set)
    quotes: dict[str, set[str]] = defaultdict(set)
    for r in framed:
        for cid in cluster_ids(r):
            name = speaker_of.get(cid)
            if name:
                mentions[name].add(r["id"])
                articles[name].add(r["article_id"])
                quotes[name].add(cid)
                if r["article"]["outlet"]:
                    outlets[name].add(r["article"]["outlet"])
    speakers = run_json("speakers", "--json", "-n", "0", "--no-descriptors", "--unnamed")
    assert {s["speaker"] for s in speakers} == set(quotes)
    for s in speakers:
        name = s["speaker"]
        got = (s["cluster_count"], s["mention_count"], s["article_count"], s["outlet_count"])
        assert got == (len(quotes[name]), len(mentions[name]), len(articles[name]), len(outlets[name])), name


def test_export_table_and_csv_list_the_same_mentions(db: Path) -> None:
    plain = run_jsonl("export")
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in plain]
    assert [json.loads(r["spans"]) for r in rows] == [r["spans"] for r in plain]


def test_a_no_op_reingest_adds_or_updates_no_cluster(db: Path, tmp_path: Path) -> None:
    seeds = REPO / "seeds"
    again = invoke("ingest", str(seeds))
    assert again.exit_code == 0 and "0 quote cluster(s) added or updated" in " ".join(again.stderr.split())
    # the same files by another path: only their metadata (path) changes, no quote does
    link = tmp_path / "elsewhere"
    link.symlink_to(seeds)
    moved = invoke("ingest", str(link), "--json")
    report = json.loads(moved.stdout)
    assert report["skipped"]["metadata_only"] == 5 and report["clusters_touched"] == 0


# --------------------------------------------------------------------------------------------- filters, trace


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (("--kind", "indirect"), lambda r: r["kind"] == "indirect"),
        (("--outlet", "riverside"), lambda r: r["article"]["outlet"] == "Riverside Wire"),
        (
            ("--since", "2024-03-12", "--until", "2024-03-13"),
            lambda r: "2024-03-12" <= r["article"]["date"][:10] <= "2024-03-13",
        ),
        (("--speaker", "okafor"), lambda r: "Okafor" in (r["speaker"] or "")),
    ],
)
def test_export_filters(db: Path, args: tuple[str, ...], check: Any) -> None:
    every = run_jsonl("export")
    got = run_jsonl("export", *args)
    assert got and all(check(r) for r in got)
    assert [r["id"] for r in got] == [r["id"] for r in every if r["id"] in {g["id"] for g in got}]
    assert len(got) < len(every)


def test_export_by_id_lists_the_clusters_mentions(db: Path) -> None:
    top = run_json("list", "--json", "--sort", "mentions", "-n", "1")[0]
    got = run_jsonl("export", "--id", top["id"])
    assert len(got) == top["mention_count"] and all(top["id"] in cluster_ids(r) for r in got)
    assert len(run_jsonl("export", "--id", top["id"][:6])) == len(got)  # a unique prefix
    missing = invoke("export", "--id", "qzzzzzzzz")
    assert missing.exit_code == 1 and "no quote or mention" in missing.stderr and not missing.stdout
    bad = invoke("export", "--kind", "sideways")
    assert bad.exit_code == 2


def test_trace_below_the_threshold_is_not_found(db: Path) -> None:
    miss = invoke("trace", "purple elephant submarine banana")
    assert miss.exit_code == 1 and "not found" in miss.stderr and not miss.stdout
    weak = invoke("trace", "purple elephant taxes banana")  # shares a word with a quote, far below the threshold
    assert weak.exit_code == 1 and "not found" in weak.stderr and "closest" in weak.stderr
    assert invoke("trace", "purple elephant taxes banana", "--min-score", "0").exit_code == 0
    hit = run_json("trace", "restore confidence in our public finances", "--json")
    assert hit["match_score"] >= 80
    assert invoke("trace", "restore confidence", "--min-score", "101").exit_code == 2


def test_list_and_show_agree_on_first_seen(db: Path) -> None:
    for s in run_json("list", "--json", "-n", "0"):
        assert s["first_date"] == s["first_seen"]["date"] and s["last_date"] == s["last_seen"]
        assert s["first_tied"] == bool(s["first_seen"]["tied_with"])
    s = run_json("list", "--json", "--sort", "outlets", "-n", "1")[0]
    shown = run_json("show", s["id"], "--json")
    for key in ("first_seen", "first_tied", "first_date", "last_seen", "last_date", "mention_count", "outlets"):
        assert shown[key] == s[key], key


# ------------------------------------------------------------------------------------- text of a mention

WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
GAP = st.sampled_from(['," he said, "', "” she added “", '" ', "“", " ", ', said Vos. "'])


@given(st.lists(WORD, min_size=1, max_size=5), st.lists(GAP, min_size=4, max_size=4))
def test_join_spans_marks_every_interruption_and_only_those(words: list[str], gaps: list[str]) -> None:
    text, spans, seps = "", [], []
    for k, w in enumerate(words):
        if k:
            gap = gaps[k - 1]
            text += gap
            seps.append(" " if all(c.isspace() or c in '"“”' for c in gap) else " … ")
        spans.append((len(text), len(text) + len(w)))
        text += w
    joined = join_spans(text, spans)
    expected = words[0] + "".join(sep + w for sep, w in zip(seps, words[1:], strict=True))
    assert joined == expected
    assert joined.count(" … ") == sum(sep == " … " for sep in seps)


def spans_of(text: str, *parts: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for p in parts:
        at = text.index(p, at)
        out.append((at, at + len(p)))
        at += len(p)
    return out


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        (
            '"We are ready," Vos said, "and we will not wait."',
            ("We are ready", "and we will not wait."),
            "We are ready … and we will not wait.",
        ),
        # a reported clause whose quoted words only quotation marks set apart: no interruption
        (
            "Vos said the plan was “a fantasy” for all.",
            ("the plan was", "a fantasy", "for all"),
            "the plan was a fantasy for all",
        ),
        ("“One … two”", ("One … two",), "One … two"),  # an ellipsis the article printed stays as printed
        ("", (), ""),
    ],
)
def test_join_spans_cases(text: str, parts: tuple[str, ...], expected: str) -> None:
    assert join_spans(text, spans_of(text, *parts)) == expected
