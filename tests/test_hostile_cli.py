"""Issue 10, the hostile user: every case that lost data, reached the terminal raw, stopped a run or printed a
traceback — run end to end through the CLI (exit code, parsed stdout, stderr). docs/reliability.md lists them."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_runner

from quotetrace.cli import app
from quotetrace.store import Store
from quotetrace.text.sanitise import has_controls

QUOTE = 'Budget talks\n\n"We will not raise taxes on working families," said Finance Minister Anna Berg.\n'
OTHER = 'Port strike\n\n"The port stays shut until we get a deal," said union leader Tom Hardy.\n'


runner = cli_runner()


def invoke(*args: str, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")


def ingest_json(*args: str, input: str | None = None) -> dict[str, Any]:
    result = invoke("ingest", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def article_ids() -> list[str]:
    result = invoke("export")
    assert result.exit_code == 0, result.stderr
    return sorted({json.loads(line)["article"]["id"] for line in result.stdout.splitlines()})


def stored_articles(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT id, path FROM articles"))


# ------------------------------------------------------------------------------------------------ data loss


def test_same_named_files_in_two_folders_are_two_articles(tmp_path: Path, _isolated_index: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(QUOTE)
    (tmp_path / "b" / "story.txt").write_text(OTHER)
    first = ingest_json(str(tmp_path / "a"))
    second = ingest_json(str(tmp_path / "b"))
    assert first["new"] == 1 and second["new"] == 1 and second["changed"] == 0
    ids = [i for i, _ in stored_articles(_isolated_index)]
    assert ids == ["b/story", "story"]  # the first keeps its id; the second takes in its folder
    # reading either folder again is the same source: a no-op
    again = ingest_json(str(tmp_path / "a"), str(tmp_path / "b"))
    assert again["skipped"]["unchanged"] == 2 and again["stored"] == 0
    assert [i for i, _ in stored_articles(_isolated_index)] == ids


def test_same_named_files_in_one_run_are_both_stored(tmp_path: Path, _isolated_index: Path) -> None:
    for folder, text in (("a", QUOTE), ("b", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    report = ingest_json(str(tmp_path / "a"), str(tmp_path / "b"))
    assert report["new"] == 2 and report["skipped"]["duplicate"] == 0
    assert [p for _, p in stored_articles(_isolated_index)] == [
        str(tmp_path / "b" / "story.txt"),
        str(tmp_path / "a" / "story.txt"),
    ]


def test_extract_never_prints_one_derived_id_for_two_files(tmp_path: Path) -> None:
    for folder, text in (("a", QUOTE), ("b", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    result = invoke("extract", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["story", "b/story"]


def test_records_without_ids_in_two_files_are_kept_apart(tmp_path: Path, _isolated_index: Path) -> None:
    for folder, text in (("x", QUOTE), ("y", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.jsonl").write_text(json.dumps({"text": text}) + "\n")
    ingest_json(str(tmp_path / "x" / "news.jsonl"))
    report = ingest_json(str(tmp_path / "y" / "news.jsonl"))
    assert report["new"] == 1
    assert [i for i, _ in stored_articles(_isolated_index)] == ["news:1", "y/news:1"]


def test_two_stdin_runs_are_two_articles_and_the_same_text_again_is_one(_isolated_index: Path) -> None:
    assert ingest_json("-", input=QUOTE)["new"] == 1
    assert ingest_json("-", input=OTHER)["new"] == 1
    assert ingest_json("-", input=QUOTE)["skipped"]["unchanged"] == 1
    ids = [i for i, _ in stored_articles(_isolated_index)]
    assert len(ids) == 2 and ids[0] == "stdin" and ids[1].startswith("stdin-")


def test_an_explicit_id_clash_is_refused_naming_both_paths(tmp_path: Path, _isolated_index: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps({"id": "story-1", "text": QUOTE}))
    two.write_text(json.dumps({"id": "story-1", "text": OTHER}))
    ingest_json(str(one))
    result = invoke("ingest", str(two), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["stored"] == 0 and report["skipped"]["duplicate"] == 1
    assert str(one) in result.stderr and str(two) in result.stderr and "story-1" in result.stderr
    assert stored_articles(_isolated_index) == [("story-1", str(one))]  # nothing replaced
    # the same file edited is the same source: it replaces what it stored
    one.write_text(json.dumps({"id": "story-1", "text": OTHER}))
    assert ingest_json(str(one))["changed"] == 1


def test_a_jsonl_line_with_a_nul_byte_is_skipped_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": QUOTE}), '{"id": "b", "text": "bad\x00line"}', json.dumps({"text": OTHER})]
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n")
    result = invoke("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["a", "feed:3"]
    assert f"{path}:2: line holds a NUL byte" in result.stderr and "binary" not in result.stderr


# ---------------------------------------------------------------------------------------- terminal injection

EVIL = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\\u202e"


def _evil_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    rec = {
        "id": "evil" + EVIL,
        "title": "Title" + EVIL,
        "outlet": "Outlet" + EVIL,
        "text": f'Headline{EVIL}\n\n"We will not{EVIL} raise taxes on families," said Anna Be\x1b[31mrg{EVIL}.\n',
    }
    (folder / "evil.jsonl").write_text(json.dumps(rec) + "\n")
    (folder / f"name{EVIL[:4]}.txt").write_text(OTHER)
    return folder


def _no_controls(text: str) -> None:
    assert not has_controls(text), repr(text[:400])
    assert "\x1b" not in text and "\u202e" not in text


def test_nothing_from_an_article_reaches_the_terminal_raw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    folder = _evil_corpus(tmp_path)
    result = invoke("ingest", str(folder))
    assert result.exit_code == 0, result.stderr
    _no_controls(result.stderr)
    cluster = json.loads(invoke("list", "--json").stdout)
    assert any("\x1b[2J" in (c["text"] or "") for c in cluster)  # JSON keeps the data as stored
    qid = next(c["id"] for c in cluster if "\x1b" in (c["text"] or ""))
    commands = [
        ["list"],
        ["list", "--statements"],
        ["show", qid],
        ["speakers"],
        ["outlets"],
        ["trace", "raise taxes on families"],
        ["export", "--format", "table"],
        ["db", "stats"],
        ["extract", str(folder)],
    ]
    for cmd in commands:
        result = invoke(*cmd)
        assert result.exit_code == 0, (cmd, result.stderr)
        assert result.stdout.strip(), cmd
        _no_controls(result.stdout)
        _no_controls(result.stderr)
    for cmd in (["list", "--format", "csv"], ["export", "--format", "csv"], ["speakers", "--format", "csv"]):
        out = invoke(*cmd).stdout
        _no_controls(out)


def test_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    text = 'Vote\n\n"=HYPERLINK(""http://x"") is what we want," said =cmd Smith.\n'
    path.write_text(json.dumps({"id": "=1+1", "outlet": "@SUM(A1)", "title": "-2+3 cells", "text": text}) + "\n")
    result = invoke("extract", str(path), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["article_id"] == "'=1+1" and rows[0]["outlet"] == "'@SUM(A1)"
    assert rows[0]["title"] == "'-2+3 cells"
    assert all(not v.startswith(("=", "+", "@")) for row in rows for v in row.values() if v)


# ---------------------------------------------------------------------------------------- denial of service


def test_a_paragraph_over_a_million_characters_is_read_and_the_run_goes_on(tmp_path: Path) -> None:
    filler = "The committee met again on Tuesday to review the figures in detail. " * 16_000  # 1.1M characters
    huge = tmp_path / "huge.txt"
    huge.write_text('Long read\n\nIt began quietly. "We are ready," said Anna Berg. ' + filler + "\n")
    good = tmp_path / "good.txt"
    good.write_text(OTHER)
    result = invoke("extract", str(huge), str(good), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # one valid array, both articles in it
    assert [d["article"]["id"] for d in data] == ["huge", "good"]
    assert [q["speaker"] for q in data[0]["quotes"]] == ["Anna Berg"]
    assert "E088" not in result.stderr and "Traceback" not in result.stderr


def test_a_lone_surrogate_in_json_is_stored_as_a_replacement_character(tmp_path: Path, _isolated_index: Path) -> None:
    path = tmp_path / "s.json"
    record = {"id": "s", "title": "T\ud800", "text": "Head\udfff line\n\n" + QUOTE.split("\n\n")[1]}
    path.write_text(json.dumps(record))  # JSON spells the lone surrogates as \ud800 escapes
    assert "\\ud800" in path.read_text()
    good = tmp_path / "good.txt"
    good.write_text(OTHER)
    report = ingest_json(str(path), str(good))
    assert report["new"] == 2
    with sqlite3.connect(_isolated_index) as conn:
        title, text = conn.execute("SELECT title, text FROM articles WHERE id = 's'").fetchone()
    assert title == "T\ufffd" and text.startswith("Head\ufffd line")
    result = invoke("list", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_a_fifo_in_a_folder_is_skipped_never_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "story.txt").write_text(OTHER)
    proc = subprocess.run(
        [sys.executable, "-m", "quotetrace", "extract", str(folder), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QUOTETRACE_NO_PROGRESS": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["article"]["id"] for line in proc.stdout.splitlines()] == ["story"]
    assert f"{folder / 'pipe.txt'}: not a regular file (a named pipe (FIFO)), skipped" in proc.stderr


def test_invisible_and_decomposed_names_are_one_speaker(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text('War\n\n"We will win this war," said Volodymyr Zelen\u200bsky on Monday.\n')
    (tmp_path / "two.txt").write_text('War\n\n"We will win this war," said Volodymyr Zelens\u0301ky on Monday.\n')
    (tmp_path / "three.txt").write_text('War\n\n"We will win this war," said Volodymyr Zelensky on Monday.\n')
    assert invoke("ingest", str(tmp_path)).exit_code == 0
    names = [s["speaker"] for s in json.loads(invoke("speakers", "--json").stdout)]
    assert "Volodymyr Zelensky" in names and not any("\u200b" in n for n in names)
    hits = json.loads(invoke("list", "--speaker", "zelensky", "--json").stdout)
    assert hits and all("\u200b" not in (h["speaker"] or "") for h in hits)
    assert sum(h["mention_count"] for h in hits) >= 2


# --------------------------------------------------------------------------------- an error line, not a trace

LONG = "x" * 60_000


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--speaker", LONG],
        ["list", "--outlet", LONG],
        ["list", "--search", LONG],
        ["speakers", "--search", LONG],
        ["trace", "words", "--speaker", LONG],
        ["report", "--speaker", LONG],
        ["report", "--outlet", LONG],
        ["report", "--search", LONG],
        ["report", "--since", "2024-13-45"],
        ["list", "--limit", "99999999999999999999"],
        ["list", "--offset", "99999999999999999999"],
        ["list", "--min-outlets", "99999999999999999999"],
        ["outlets", "--top", "99999999999999999999"],
        ["list", "--since", "2024-13-45"],
        ["list", "--until", "2024-02-30"],
        ["extract", "x.txt", "--max-mb", "nan"],
        ["extract", "x.txt", "--max-mb", "inf"],
    ],
    ids=lambda a: " ".join(x[:20] for x in a),
)
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_real_dates_still_pass() -> None:
    for value in ("2024", "2024-02", "2024-02-29", "2024-02-29T10:00:00Z"):
        assert invoke("list", "--since", value, "--json").exit_code == 0


def test_a_full_disk_keeps_what_was_stored(
    tmp_path: Path, _isolated_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(QUOTE)
    assert ingest_json(str(tmp_path / "a.txt"))["new"] == 1
    before = stored_articles(_isolated_index)
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def tiny(cls: type[Store], path: Path | str, **kwargs: Any) -> Store:
        store = real_open(cls, path, **kwargs)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own 'database or disk is full'
        return store

    monkeypatch.setattr(Store, "open", classmethod(tiny))
    big = tmp_path / "big"
    big.mkdir()
    for i in range(3):
        (big / f"{i}.txt").write_text(OTHER.replace("Tom Hardy", f"Tom Hardy {i}") + "More words. " * 2000)
    result = invoke("ingest", str(big), "--json")
    assert result.exit_code == 1
    assert "full" in result.stderr and "intact" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["stored"] == 0  # the summary so far, on stdout as asked
    monkeypatch.undo()
    assert stored_articles(_isolated_index) == before
    assert invoke("list", "--json").exit_code == 0


def test_a_damaged_index_is_one_error_line_with_how_to_rebuild(tmp_path: Path, _isolated_index: Path) -> None:
    (tmp_path / "a.txt").write_text(QUOTE)
    ingest_json(str(tmp_path / "a.txt"))
    size = _isolated_index.stat().st_size
    with open(_isolated_index, "r+b") as fh:  # overwrite every page after the first
        fh.seek(4096)
        fh.write(b"\xa5" * (size - 4096))
    for cmd in (["list"], ["list", "--json"], ["show", "q1"], ["speakers"], ["outlets"], ["export"], ["db", "stats"]):
        result = invoke(*cmd)
        assert result.exit_code == 1, cmd
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith("error:") and str(_isolated_index) in lines[0], lines
        assert "rebuild" in result.stderr and "Traceback" not in result.stderr
        assert result.stdout in ("", "[]\n"), result.stdout


def test_read_commands_open_the_index_read_only(tmp_path: Path, _isolated_index: Path) -> None:
    (tmp_path / "a.txt").write_text(QUOTE)
    ingest_json(str(tmp_path / "a.txt"))
    with Store.open(_isolated_index, create=False, read_only=True) as store:
        assert store.counts()[0] == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("DELETE FROM articles")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_an_index_in_a_read_only_folder_can_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "index.db"
    (tmp_path / "a.txt").write_text(QUOTE)
    assert invoke("ingest", str(tmp_path / "a.txt"), "--db", str(db)).exit_code == 0
    folder.chmod(0o555)
    db.chmod(0o444)
    try:
        result = invoke("list", "--db", str(db), "--json")
        assert result.exit_code == 0, result.stderr
        assert len(json.loads(result.stdout)) >= 1
    finally:
        folder.chmod(0o755)


def test_the_size_limit_message_names_the_real_option(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000)
    result = invoke("extract", str(big), "--max-mb", "1")
    assert result.exit_code == 1
    assert "--max-mb" in result.stderr and "--max-bytes" not in result.stderr


def test_ctrl_c_during_ingest_json_prints_the_summary_so_far(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotetrace.ingest.run as index_mod

    def interrupted(model: str | None, n_process: int, include_indirect: bool = True) -> Any:
        def run(articles: Any) -> Any:
            for _ in articles:
                raise KeyboardInterrupt
            yield from ()

        return run

    monkeypatch.setattr(index_mod, "_default_extractor", interrupted)
    (tmp_path / "a.txt").write_text(QUOTE)
    result = invoke("ingest", str(tmp_path / "a.txt"), "--json")
    assert result.exit_code == 130
    report = json.loads(result.stdout)
    assert report["interrupted"] is True and report["read"] == 1
    assert "interrupted" in result.stderr


def test_a_db_in_a_missing_folder_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.db"
    monkeypatch.setenv("QUOTETRACE_DB", str(target))
    (tmp_path / "a.txt").write_text(QUOTE)
    result = invoke("ingest", str(tmp_path / "a.txt"))
    assert result.exit_code == 1 and result.stdout == ""
    assert "does not exist" in result.stderr and "QUOTETRACE_DB" in result.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_json_output_stays_valid_when_a_run_stops(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import quotetrace.extract as extract_mod

    real = extract_mod.extract_articles

    def stops(articles: Any, **kwargs: Any) -> Any:
        for n, item in enumerate(real(articles, **kwargs)):
            if n == 1:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(extract_mod, "extract_articles", stops)
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(QUOTE)
    result = invoke("extract", str(tmp_path), "--format", "json")
    assert result.exit_code == 130
    assert [d["article"]["id"] for d in json.loads(result.stdout)] == ["0"]


def test_a_bug_met_on_one_article_does_not_stop_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quotetrace.nlp.pipeline as pipeline_mod

    real = pipeline_mod.attribute

    def fragile(doc: Any, **kwargs: Any) -> Any:
        if "Kaboom" in doc.text:
            raise IndexError("list index out of range")
        return real(doc, **kwargs)

    monkeypatch.setattr(pipeline_mod, "attribute", fragile)
    (tmp_path / "a.txt").write_text(QUOTE.replace("Budget talks", "Kaboom"))
    (tmp_path / "b.txt").write_text(OTHER)
    result = invoke("extract", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(d["article"]["id"], len(d["quotes"])) for d in data] == [("a", 0), ("b", 1)]
    assert f"{tmp_path / 'a.txt'}: quotations not read" in result.stderr and "IndexError" in result.stderr


def test_an_index_made_before_sources_were_recorded_is_read_again_as_the_same(
    tmp_path: Path, _isolated_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(QUOTE)
    monkeypatch.chdir(tmp_path)
    ingest_json("news")
    ingest_json("-", input=OTHER)
    with sqlite3.connect(_isolated_index) as conn:  # as an index from before migration 6 has it
        conn.execute("DELETE FROM article_sources")
    again = ingest_json("./news/")  # the same file, named another way (only its recorded path is updated)
    assert again["stored"] == 0 and again["skipped"]["unchanged"] + again["skipped"]["metadata_only"] == 1
    other = ingest_json("-", input=QUOTE)  # a different stdin text never takes over the old "stdin"
    assert other["new"] == 1 and other["changed"] == 0
    ids = [i for i, _ in stored_articles(_isolated_index)]
    assert len(ids) == 3 and ids[0] == "stdin" and ids[1].startswith("stdin-") and ids[2] == "story"
