"""The index commands end to end with the real spaCy pipeline: ingest, list, show, export, speakers, outlets,
trace, db path/stats — every format, exit codes, messages on stderr, empty index, bad --db paths, no spaCy on reads.

The corpus (seeds/ + fixtures/index/wire.jsonl) is ingested once per session; each test works on a copy.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_runner

from quotetrace.cli import app

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
WIRE = REPO / "fixtures" / "index" / "wire.jsonl"
SCHEMA = "quotetrace/1"


runner = cli_runner()


def invoke(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own index path; nothing touches the user's real index."""
    monkeypatch.setenv("QUOTETRACE_DB", str(tmp_path / "index.db"))
    monkeypatch.setenv("QUOTETRACE_NO_PROGRESS", "1")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "index.db"
    result = runner.invoke(app, ["ingest", str(SEEDS), str(WIRE), "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's ingested index at $QUOTETRACE_DB."""
    target = tmp_path / "index.db"
    shutil.copy(template_db, target)
    return target


def list_json(*args: str) -> list[dict[str, Any]]:
    result = invoke("list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def tax_cluster() -> dict[str, Any]:
    hits = list_json("--search", "raise taxes on working families")
    assert len(hits) == 1, hits
    return hits[0]


# ------------------------------------------------------------------------------------------------- ingest


def test_ingest_summary_on_stderr_and_rerun_skips_unchanged(db: Path) -> None:
    result = invoke("ingest", str(WIRE))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "4 article(s) read" in result.stderr and "4 unchanged" in result.stderr
    result = invoke("ingest", str(WIRE), "--json")
    report = json.loads(result.stdout)
    assert report["schema"] == SCHEMA
    assert report["skipped"]["unchanged"] == 4 and report["stored"] == 0 and report["db"] == str(db)


def test_ingest_counts_unreadable_inputs(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    result = invoke("ingest", str(WIRE), str(bad), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skipped"]["unreadable"] == 1
    assert "broken.json" in result.stderr


def test_ingest_nothing_readable_exits_1(tmp_path: Path) -> None:
    result = invoke("ingest", str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 1
    assert result.stdout == ""


def test_ingest_refuses_a_db_in_a_missing_folder(tmp_path: Path, template_db: Path) -> None:
    # a --db (or $QUOTETRACE_DB) in a folder that does not exist is a typo until shown otherwise: nothing is made
    target = tmp_path / "deep" / "er" / "index.db"
    result = invoke("ingest", str(SEEDS / "000_5dbefd8b429d0a1d.txt"), "--db", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"the folder {target.parent} does not exist" in result.stderr and "mkdir -p" in result.stderr
    assert not (tmp_path / "deep").exists()


def test_ingest_creates_the_default_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUOTETRACE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = invoke("ingest", str(SEEDS / "000_5dbefd8b429d0a1d.txt"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "data" / "quotetrace" / "index.db").exists()


def test_changed_file_replaces_its_mentions(tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    shutil.copy(WIRE, wire)
    assert invoke("ingest", str(wire)).exit_code == 0
    before = {
        m["id"] for m in map(json.loads, invoke("export").stdout.splitlines()) if m["article"]["id"] == "budget/monde"
    }
    lines = WIRE.read_text().splitlines()
    rec = json.loads(lines[-1])
    rec["text"] = rec["text"].replace("and families will pay for it", "and pensioners will pay for it")
    wire.write_text("\n".join([*lines[:-1], json.dumps(rec)]) + "\n")  # the same file, edited
    result = invoke("ingest", str(wire), "--json")
    report = json.loads(result.stdout)
    assert report["changed"] == 1 and report["new"] == 0
    assert report["skipped"]["unchanged"] == 3
    after = [m for m in map(json.loads, invoke("export").stdout.splitlines()) if m["article"]["id"] == "budget/monde"]
    assert {m["id"] for m in after} and all("pensioners" in m["text"] for m in after if "fantasy" in m["text"])
    assert before  # the old mentions were there


# --------------------------------------------------------------------------------------------------- list


def test_list_json_shape(db: Path) -> None:
    data = list_json()
    assert data
    for item in data:
        assert item["schema"] == SCHEMA
        for key in ("id", "speaker", "text", "outlets", "mention_count", "first_seen", "outlet_count", "kind"):
            assert key in item
        assert set(item["first_seen"]) >= {"date", "outlet", "article_id"}
        assert isinstance(item["outlets"], list)
    tax = tax_cluster()
    assert tax["speaker"] == "Maria Okafor"
    assert set(tax["outlets"]) == {"Reuters", "Associated Press"} and tax["outlet_count"] == 2
    assert tax["first_seen"]["date"] == "2024-03-01"
    assert {tax["first_seen"]["outlet"], *tax["first_seen"]["tied_with"]} == {"Reuters", "Associated Press"}


def test_list_table_fits_and_messages_go_to_stderr(db: Path) -> None:
    result = invoke("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "speaker", "kind", "quote"]
    assert all(len(line) <= 100 for line in lines)
    assert "\x1b[" not in result.stdout
    result = invoke("list", "-n", "2")
    assert len(result.stdout.splitlines()) == 3
    assert "--offset 2" in result.stderr


def test_list_table_shows_no_outlet_count_for_articles_of_no_outlet(db: Path) -> None:
    """Two seed articles name no outlet: their quotes keep ``outlet_count`` 0 in JSON, but the table prints "–"."""
    rows = list_json("--limit", "0")
    orphan = next(d for d in rows if d["outlet_count"] == 0 and d["mention_count"] > 0)
    counted = next(d for d in rows if d["outlet_count"] > 0)
    table = {line.split()[0]: line for line in invoke("list", "--limit", "0").stdout.splitlines()[1:]}
    assert " – " in table[orphan["id"]] and f" {orphan['mention_count']} " in table[orphan["id"]] + " "
    assert " – " not in table[counted["id"]]


def test_show_prints_reported_speech_without_quotation_marks(db: Path) -> None:
    cid = list_json("--kind", "indirect")[0]["id"]
    detail = json.loads(invoke("show", cid, "--format", "json").stdout)
    out = invoke("show", cid).stdout
    assert "(reported speech)" in out.splitlines()[1] + out.splitlines()[2]
    assert "“" + detail["text"][:20] not in out
    qid = next(d["id"] for d in list_json() if d["kind"] != "indirect")
    assert "“" in invoke("show", qid).stdout.splitlines()[1]


def test_list_jsonl_and_csv(db: Path) -> None:
    lines = invoke("list", "--format", "jsonl").stdout.splitlines()
    assert lines and all(json.loads(x)["schema"] == SCHEMA for x in lines)
    rows = list(csv.DictReader(io.StringIO(invoke("list", "--format", "csv").stdout)))
    assert len(rows) == len(lines)
    assert {"id", "speaker", "text", "outlet_count", "first_date", "first_outlet"} <= set(rows[0])


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (("--speaker", "okafor"), lambda d: d and all(x["speaker"] == "Maria Okafor" for x in d)),
        (("--speaker", "CALDERON"), lambda d: d and all("Calder" in x["speaker"] for x in d)),
        (("--outlet", "le monde"), lambda d: d and all("Le Monde" in x["outlets"] for x in d)),
        (("--min-outlets", "2"), lambda d: d and all(x["outlet_count"] >= 2 for x in d)),
        (("--since", "2024-03-02"), lambda d: all((x["first_seen"]["date"] or "") >= "2024-03-02" for x in d)),
        (("--until", "2024"), lambda d: d and all((x["first_seen"]["date"] or "9") <= "2024~" for x in d)),
        (("--kind", "mixed"), lambda d: all(x["kinds"]["mixed"] > 0 for x in d)),
        (
            ("--kind", "indirect"),
            lambda d: d and all(x["kinds"]["indirect"] > 0 and x["id"].startswith("i") for x in d),
        ),
        (("--speaker", "nobody such"), lambda d: d == []),
    ],
)
def test_list_filters(db: Path, args: tuple[str, ...], check: Any) -> None:
    assert check(list_json(*args))


def test_list_sort_and_paging_are_stable(db: Path) -> None:
    full = [x["id"] for x in list_json()]
    assert [x["id"] for x in list_json("-n", "3")] + [x["id"] for x in list_json("--offset", "3")] == full
    by_outlets = list_json("--sort", "outlets")
    counts = [x["outlet_count"] for x in by_outlets]
    assert counts == sorted(counts, reverse=True)
    speakers = [x["speaker"] for x in list_json("--sort", "speaker") if x["speaker"]]
    assert speakers == sorted(speakers, key=lambda s: s.lower().replace("é", "e").replace("ó", "o"))
    assert [x["id"] for x in list_json("--reverse")] == list(reversed(full))


def test_list_with_paths_ingests_first(tmp_path: Path) -> None:
    result = invoke("list", str(WIRE), "--json")
    assert result.exit_code == 0
    assert any("raise taxes" in x["text"] for x in json.loads(result.stdout))
    assert "4 stored" in result.stderr


def test_list_usage_errors_exit_2(db: Path) -> None:
    assert invoke("list", "--since", "last tuesday").exit_code == 2
    assert invoke("list", "--sort", "bogus").exit_code == 2
    assert invoke("list", "--json", "--format", "csv").exit_code == 2
    assert invoke("list", "-n", "-1").exit_code == 2


# --------------------------------------------------------------------------------------------------- show


def test_show_json(db: Path) -> None:
    tax = tax_cluster()
    result = invoke("show", tax["id"], "--json")
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["schema"] == SCHEMA and d["id"] == tax["id"] and d["speaker"] == "Maria Okafor"
    assert d["text"] == tax["text"]
    ms = d["mentions"]
    assert len(ms) == 2
    assert [m["first"] for m in ms] == [True, True]  # same day: a tie
    assert d["first_tied"] is True
    for m in ms:
        assert m["cluster_id"] == tax["id"]
        assert set(m["article"]) >= {"id", "outlet", "title", "date", "url", "path"}
        for key in ("spans", "kind", "speaker_mention", "cue", "descriptor", "context_before", "context_after"):
            assert key in m
    assert "speaker_variants" in d


def test_show_table_and_other_formats(db: Path) -> None:
    tax = tax_cluster()
    table = invoke("show", tax["id"])
    assert table.exit_code == 0
    assert "Maria Okafor" in table.stdout and "★ first" in table.stdout and "Reuters" in table.stdout
    assert "tied with" in table.stdout
    lines = invoke("show", tax["id"], "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["cluster_id"] == tax["id"] for x in lines)
    rows = list(csv.DictReader(io.StringIO(invoke("show", tax["id"], "--format", "csv").stdout)))
    assert {r["outlet"] for r in rows} == {"Reuters", "Associated Press"}


def test_show_accepts_mention_ids_and_prefixes(db: Path) -> None:
    tax = tax_cluster()
    d = json.loads(invoke("show", tax["id"], "--json").stdout)
    mid = d["mentions"][1]["id"]
    result = invoke("show", mid, "--json")
    assert result.exit_code == 0
    got = json.loads(result.stdout)
    assert got["id"] == tax["id"]
    assert [m["selected"] for m in got["mentions"]] == [False, True]
    assert "belongs to quote" in result.stderr
    assert json.loads(invoke("show", tax["id"][:7], "--json").stdout)["id"] == tax["id"]


def test_show_unknown_id_exits_1_with_suggestions(db: Path) -> None:
    tax = tax_cluster()
    wrong = tax["id"][:-2] + ("zz" if not tax["id"].endswith("zz") else "yy")
    result = invoke("show", wrong)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no quote or mention" in result.stderr and "did you mean" in result.stderr
    assert tax["id"] in result.stderr
    assert invoke("show", "qdefinitelynot", "--json").exit_code == 1


# ------------------------------------------------------------------------------------------------- export


def test_export_every_format(db: Path) -> None:
    lines = invoke("export").stdout.splitlines()
    stats = json.loads(invoke("db", "stats", "--json").stdout)
    assert len(lines) == stats["mentions"]
    first = json.loads(lines[0])
    assert first["schema"] == SCHEMA
    assert "cluster_id" in first and first["article"]["id"] == first["article_id"]
    for key in ("id", "text", "spans", "kind", "speaker", "speaker_mention", "speaker_span", "cue", "cue_span"):
        assert key in first
    data = json.loads(invoke("export", "--format", "json").stdout)
    assert len(data) == len(lines)
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert len(rows) == len(lines) and rows[0]["cluster_id"]
    table = invoke("export", "--format", "table")
    assert table.exit_code == 0 and "quote id" in table.stdout


# ------------------------------------------------------------------------------------- speakers, outlets


def test_speakers(db: Path) -> None:
    data = json.loads(invoke("speakers", "--json").stdout)
    okafor = next(s for s in data if s["speaker"] == "Maria Okafor")
    assert okafor["schema"] == SCHEMA and okafor["cluster_count"] >= 2 and okafor["outlet_count"] >= 3
    assert [s["speaker"] for s in json.loads(invoke("speakers", "--search", "stoltenberg", "--json").stdout)] == [
        "Jens Stoltenberg"
    ]
    table = invoke("speakers")
    assert table.exit_code == 0 and "Maria Okafor" in table.stdout
    assert "cluster_count" in invoke("speakers", "--format", "csv").stdout.splitlines()[0]


def test_outlets(db: Path) -> None:
    data = json.loads(invoke("outlets", "--json").stdout)
    reuters = next(o for o in data if o["outlet"] == "Reuters")
    assert reuters["article_count"] == 1 and reuters["cluster_count"] >= 2
    assert reuters["top_speakers"][0]["speaker"] == "Maria Okafor"
    table = invoke("outlets")
    assert table.exit_code == 0 and "Reuters" in table.stdout
    assert len(invoke("outlets", "--format", "jsonl").stdout.splitlines()) == len(data)


# -------------------------------------------------------------------------------------------------- trace


def test_trace(db: Path) -> None:
    tax = tax_cluster()
    result = invoke("trace", "not raise taxes on working families", "--json")
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["id"] == tax["id"] and d["match_score"] >= 80 and d["mentions"][0]["first"] is True
    table = invoke("trace", "we will not raise taxes")
    assert table.exit_code == 0 and tax["id"] in table.stdout and "best match" in table.stderr
    miss = invoke("trace", "zebras juggling marmalade in antarctica")
    assert miss.exit_code == 1 and "no quote in the index matches" in miss.stderr


# ----------------------------------------------------------------------------------------------------- db


def test_db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke("db", "path").stdout.strip() == str(tmp_path / "index.db")
    assert invoke("db", "path", "--db", str(tmp_path / "other.db")).stdout.strip() == str(tmp_path / "other.db")
    monkeypatch.delenv("QUOTETRACE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    d = json.loads(invoke("db", "path", "--json").stdout)
    assert d == {
        "schema": SCHEMA,
        "path": str(tmp_path / "xdg" / "quotetrace" / "index.db"),
        "source": "default",
        "exists": False,
    }


def test_db_stats(db: Path) -> None:
    stats = json.loads(invoke("db", "stats", "--json").stdout)
    assert stats["articles"] == 9 and stats["exists"] is True and stats["clusters"] > 5
    assert stats["schema_version"] >= 2 and stats["model"]
    table = invoke("db", "stats")
    assert table.exit_code == 0 and "articles" in table.stdout


# ---------------------------------------------------------------------------------------------- empty, bad


def test_empty_index(tmp_path: Path) -> None:
    result = invoke("list", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    result = invoke("list")
    assert result.exit_code == 0 and result.stdout == ""
    assert "empty" in result.stderr and "quotetrace ingest" in result.stderr
    assert json.loads(invoke("speakers", "--json").stdout) == []
    assert json.loads(invoke("outlets", "--json").stdout) == []
    assert invoke("export").stdout == ""
    assert invoke("show", "q1234").exit_code == 1
    assert json.loads(invoke("db", "stats", "--json").stdout)["articles"] == 0
    assert not (tmp_path / "index.db").exists()  # reading never creates the index


@pytest.mark.parametrize("kind", ["dir", "corrupt", "parent_is_file"])
@pytest.mark.parametrize("command", [("list",), ("ingest", str(WIRE))])
def test_bad_db_paths_exit_1_with_one_line(tmp_path: Path, kind: str, command: tuple[str, ...]) -> None:
    path = tmp_path / "bad.db"
    if kind == "dir":
        path.mkdir()
    elif kind == "corrupt":
        path.write_bytes(b"\x00garbage" * 500)
    else:
        (tmp_path / "afile").write_text("x")
        path = tmp_path / "afile" / "bad.db"
    result = invoke(*command, "--db", str(path))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("error:")
    # one message (Rich may fold it at the console width when stderr is not a terminal)
    message = result.stderr.split("hint:")[0].replace("\n", "")
    assert str(path) in message
    assert result.stdout == ""


# ------------------------------------------------------------------------------------------------ no spaCy

_PROBE = """
import sys
from quotetrace.cli import app
args = sys.argv[1:]
try:
    app(args, standalone_mode=False)
except SystemExit:
    pass
print("SPACY-LOADED" if "spacy" in sys.modules else "NO-SPACY", file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["list", "--speaker", "okafor", "--json"],
        ["show", "ID"],
        ["trace", "raise taxes"],
        ["export"],
        ["speakers"],
        ["outlets"],
        ["db", "stats"],
    ],
)
def test_read_commands_never_import_spacy(db: Path, args: list[str]) -> None:
    if args == ["show", "ID"]:
        args = ["show", tax_cluster()["id"]]
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args, "--db", str(db)]
        if args != ["--help"]
        else [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.stderr.strip().splitlines()[-1] == "NO-SPACY", proc.stderr


_JSON_PROBE = """
import sys
from quotetrace.cli import app_for
args = sys.argv[1:]
try:
    app_for(args)(args, standalone_mode=False)
except SystemExit:
    pass
heavy = sorted(m for m in ("rich", "rapidfuzz", "quotetrace.cluster", "spacy") if m in sys.modules)
print("LOADED " + " ".join(heavy) if heavy else "LEAN", file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--speaker", "okafor", "--format", "jsonl"],
        ["show", "ID", "--json"],
        ["show", "ID", "--format", "csv"],
        ["db", "stats", "--json"],
    ],
)
def test_json_reads_load_neither_rich_nor_the_clusterer(db: Path, args: list[str]) -> None:
    # `show` and `list` answer in well under 300 ms on a 100k-article index because machine-readable output
    # never imports rich (tables only) or the clusterer/RapidFuzz (ingest only)
    args = [tax_cluster()["id"] if a == "ID" else a for a in args]
    proc = subprocess.run(
        [sys.executable, "-c", _JSON_PROBE, *args, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
    assert proc.stderr.strip().splitlines()[-1] == "LEAN", proc.stderr


@pytest.mark.parametrize(
    ("argv", "commands", "groups"),
    [
        (["show", "q1"], ["show"], []),
        (["list", "--json"], ["list"], []),
        (["db", "path"], [], ["db"]),
    ],
)
def test_app_for_builds_only_the_command_being_run(argv: list[str], commands: list[str], groups: list[str]) -> None:
    from quotetrace.cli import app_for

    lean = app_for(argv)
    assert lean is not app
    assert [c.name for c in lean.registered_commands] == commands
    assert [g.name for g in lean.registered_groups] == groups
    assert len(app.registered_commands) > len(commands)  # the app itself is untouched


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["sho"], ["nonsense", "x"]])
def test_app_for_falls_back_to_the_whole_app(argv: list[str]) -> None:
    from quotetrace.cli import app_for

    assert app_for(argv) is app


def test_lean_app_behaves_like_the_app(db: Path) -> None:
    from quotetrace.cli import app_for

    runner = cli_runner()
    qid = tax_cluster()["id"]
    for argv in (["show", qid, "--db", str(db), "--json"], ["show", "qnope", "--db", str(db)], ["show"]):
        full = runner.invoke(app, argv)
        lean = runner.invoke(app_for(argv), argv)
        assert (lean.exit_code, lean.stdout, lean.stderr) == (full.exit_code, full.stdout, full.stderr)


def test_speakers_merge_and_split_edit_the_aliases_file_and_the_index(db: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.json"
    merged = invoke("speakers", "merge", "Maria Okafor", "Jens Stoltenberg", "--aliases", str(aliases))
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout == "" and "saved" in merged.stderr
    assert json.loads(aliases.read_text(encoding="utf-8"))["merge"] == [["Maria Okafor", "Jens Stoltenberg"]]
    rows = json.loads(invoke("speakers", "--json").stdout)
    okafor = next(s for s in rows if s["speaker"] == "Maria Okafor")
    assert "Jens Stoltenberg" in okafor["spellings"]
    assert not any(s["speaker"] == "Jens Stoltenberg" for s in rows)
    split = invoke("speakers", "split", "Maria Okafor", "Jens Stoltenberg", "--aliases", str(aliases))
    assert split.exit_code == 0, split.stderr
    rows = json.loads(invoke("speakers", "--json").stdout)
    assert {"Maria Okafor", "Jens Stoltenberg"} <= {s["speaker"] for s in rows}


@pytest.mark.parametrize(
    "args", [("speakers", "merge", "Only One"), ("speakers", "split", "A", "B", "C"), ("speakers", "rename", "A", "B")]
)
def test_speakers_alias_usage_errors_exit_2(db: Path, args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and result.stdout == ""


def test_show_and_list_json_carry_the_speaker_vote(db: Path) -> None:
    tax = tax_cluster()
    assert tax["misattributed"] is False and tax["attributions"][0]["speaker"] == tax["speaker"]
    assert 0 < tax["speaker_confidence"] <= 1
    shown = json.loads(invoke("show", tax["id"], "--json").stdout)
    assert shown["attributions"] == tax["attributions"]
    for m in shown["mentions"]:
        assert m["consensus_speaker"] == tax["speaker"] and m["speaker_disagrees"] is False
        assert m["speaker_via"] in {"name", "pronoun", "descriptor", "document", "follow-on", "description", "joint"}
        assert 0 < m["speaker_confidence"] <= 1


def test_speakers_lists_unnamed_sources_only_when_asked(tmp_path: Path) -> None:
    """An unnamed source ("a senior official", described in every article, named in none) is not a person:
    `speakers` lists the people it knows by name; --unnamed or a --search brings the descriptions in, marked."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry talks\n\n“The talks have failed,” a senior official said on Monday.\n\n"
        "“We will keep the ferry running,” Maria Lopez said.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Ferry again\n\n“The ferry stays,” Maria Lopez told reporters.\n", encoding="utf-8")
    db = tmp_path / "u.db"
    assert invoke("ingest", str(folder), "--db", str(db)).exit_code == 0
    named = json.loads(invoke("speakers", "--json", "--db", str(db)).stdout)
    assert [(s["speaker"], s["unnamed"]) for s in named] == [("Maria Lopez", False)]
    every = json.loads(invoke("speakers", "--json", "--unnamed", "--db", str(db)).stdout)
    assert {(s["speaker"], s["unnamed"]) for s in every} == {("Maria Lopez", False), ("a senior official", True)}
    found = json.loads(invoke("speakers", "--json", "--search", "official", "--db", str(db)).stdout)
    assert [(s["speaker"], s["unnamed"]) for s in found] == [("a senior official", True)]
    table = invoke("speakers", "--unnamed", "--db", str(db)).stdout
    assert "unnamed source" in table and "Maria Lopez" in table
