"""Every help screen reads like a well-made CLI's at 80 columns (issue 13), and the issue's other small CLI defects
stay fixed: FORCE_COLOR=0 draws no colour, an ambiguous id prefix is named as such (exit 1), the ingest progress bar
has a total, and dateutil's timezone warning never reaches the terminal.

Help: flags show no type, value options a metavar in words (N, TEXT, DATE, PATH, FORMAT, [a|b|c]), no Python type
(``<bool>``, ``<list[str]>``, ``<int range>``), no 19-digit range, no line past 80 columns, nothing cut mid-word.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quotetrace.cli import app

REPO = Path(__file__).resolve().parent.parent
WIRE = REPO / "fixtures" / "wire"
WEB = REPO / "fixtures" / "web"
WIDTH = 80


def _command_names(typer_app: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the app: the root, each command, each group and each of its commands."""
    out = [prefix]
    for info in typer_app.registered_commands:
        name = info.name or info.callback.__name__.lower().replace("_", "-")
        out.append((*prefix, name))
    for group in typer_app.registered_groups:
        out += _command_names(group.typer_instance, (*prefix, group.name))
    return out


COMMANDS = _command_names(app)


def _invoke(argv: list[str], **env: str) -> Any:
    return CliRunner().invoke(app, argv, env={"COLUMNS": str(WIDTH), "NO_COLOR": None, **env})  # type: ignore[dict-item]


def test_every_command_is_walked() -> None:
    names = {" ".join(c) for c in COMMANDS}
    assert {"", "extract", "ingest", "list", "show", "export", "report", "db", "db stats", "db load"} <= names


# An option row: two spaces, the option names, then its metavar, if any: "  -n, --limit N", "  --kind [a|b|c]".
_ROW = re.compile(r"^  (-[-\w]+(?:, -[-\w]+)*(?: / -[-\w]+(?:, -[-\w]+)*)?)(?: (\S+))?(?:  |$)")
_METAVAR = re.compile(r"^(?:[A-Z][A-Z_]*|\[[a-z-]+(?:\|[a-z-]+)+\])$")  # a word in capitals, or every choice
_TYPE_LABEL = re.compile(r"<(?:bool|str|int|float|path|list|tuple|datetime|uuid|file)\b|<[a-z-]+\|")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "quotetrace")
def test_help_reads_well_at_80_columns(command: tuple[str, ...]) -> None:
    result = _invoke([*command, "--help"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Usage: ")
    assert "<bool>" not in text and "<list[" not in text and "9223372036854775807" not in text
    assert not _TYPE_LABEL.search(text), _TYPE_LABEL.search(text)
    assert "\x1b" not in text
    lines = text.splitlines()
    assert all(len(line) <= WIDTH for line in lines), [line for line in lines if len(line) > WIDTH]
    split = [d for d in re.findall(r"\[(?:default|env var): [^\]]*\]", text) if re.search(r"\S-\n", d)]
    assert not split, split  # a default (quotetrace-report) never broken at its hyphen
    section = ""
    for line in lines:
        if line and not line.startswith(" "):
            section = line.rstrip(":")
            continue
        if section == "Options" and line.startswith("  -"):
            row = _ROW.match(line)
            assert row, line
            if row.group(2):
                assert _METAVAR.match(row.group(2)), f"metavar {row.group(2)!r} in {line!r}"
        elif section == "Commands" and line.strip():
            assert not line.rstrip().endswith(("...", "…")), f"short help cut: {line!r}"
    assert "-h, --help" in text and "Show this message and exit." in text


def test_flags_show_no_value_and_values_show_their_metavar() -> None:
    text = _invoke(["list", "--help"]).stdout
    for row in ("-r, --reverse  ", "--json  ", "--indirect / --no-indirect  ", "-h, --help  "):
        assert row in text, row
    for row in (
        "-n, --limit N ",
        "--since DATE ",
        "--db PATH ",
        "-f, --format FORMAT ",
        "--kind [direct|mixed|indirect]",
    ):
        assert row in text, row
    assert "[x>=0]" not in text  # a count's lower bound says nothing; --jobs's [1<=x<=256] does
    assert "1<=x<=256" in text


def test_shell_completion_stays_available() -> None:
    text = _invoke(["--help"]).stdout
    assert "--install-completion  " in text and "--show-completion  " in text


def test_arguments_are_named_in_usage_and_described() -> None:
    for argv, usage, described in (
        (["ingest"], "[PATHS...]", "PATHS are files, folders"),
        (["extract"], "{PATHS...}", "PATHS are files, folders"),
        (["show"], "{ID}", "ID is a quote id"),
        (["trace"], "{WORDS}", "WORDS are some quoted words"),
        (["speakers"], "[ACTION] [NAME...]", "merge NAME NAME..."),
        (["report"], "[QUOTE_ID...]", "QUOTE_IDs (optional)"),
        (["db", "load"], "{DIR}", "DIR is a stage folder"),
    ):
        text = " ".join(_invoke([*argv, "--help"]).stdout.split())
        assert f"[OPTIONS] {usage}" in text and described in text, argv


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--limit", "-1"],
        ["list", "--offset", "-5"],
        ["outlets", "--top", "-1"],
        ["report", "--min-outlets", "99999999999999999999"],
        ["extract", "x.txt", "--max-mb", "0"],
        ["ingest", "x.txt", "--max-mb", "2000000"],
    ],
)
def test_bounds_checked_outside_the_help_are_usage_errors(argv: list[str], tmp_path: Path) -> None:
    result = _invoke(argv, QUOTETRACE_DB=str(tmp_path / "none.db"))
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--" in result.stderr and result.stdout == ""
    assert not (tmp_path / "none.db").exists()


# ------------------------------------------------------------------------------- the rest of issue 13


@pytest.fixture(scope="module")
def wire_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("wire") / "index.db"
    result = _invoke(["ingest", str(WIRE), "--db", str(db)], QUOTETRACE_NO_PROGRESS="1")
    assert result.exit_code == 0, result.output
    return db


ANSI = re.compile(r"\x1b\[")


@pytest.mark.parametrize("value", ["0", "false", "no", "off"])
def test_force_color_zero_draws_no_colour(wire_db: Path, value: str) -> None:
    table = _invoke(["list", "--db", str(wire_db)], FORCE_COLOR=value)
    assert table.exit_code == 0 and "Katarina Vos" in table.stdout
    assert not ANSI.search(table.stdout) and not ANSI.search(table.stderr)
    missing = _invoke(["show", "qnope", "--db", str(wire_db)], FORCE_COLOR=value)
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no quote")
    assert not ANSI.search(missing.stderr)


def test_force_color_one_still_colours(wire_db: Path) -> None:
    assert ANSI.search(_invoke(["list", "--db", str(wire_db)], FORCE_COLOR="1").stdout)


def test_an_ambiguous_prefix_says_so(wire_db: Path) -> None:
    import json

    ids = [c["id"] for c in json.loads(_invoke(["list", "--json", "--db", str(wire_db)]).stdout)]
    prefix = next(i[:2] for i in ids if sum(j.startswith(i[:2]) for j in ids) > 1)
    result = _invoke(["show", prefix, "--db", str(wire_db)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: ambiguous id prefix {prefix!r}")
    assert "hint: give more of the id: " in result.stderr


def test_the_ingest_progress_bar_has_a_total(tmp_path: Path) -> None:
    from quotetrace.cli.index_cmds import _count_articles

    assert _count_articles([str(WIRE)]) == len(list(WIRE.glob("*.txt")))
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    assert _count_articles([str(tmp_path / "a.jsonl"), str(WIRE)]) == 2 + len(list(WIRE.glob("*.txt")))
    assert _count_articles(["-"]) is None  # stdin: a count and a rate instead, never "0/?"


def test_the_progress_bar_shows_done_total_and_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from quotetrace.cli import console, progress

    monkeypatch.delenv("QUOTETRACE_NO_PROGRESS")
    buf = io.StringIO()
    console._consoles["err"] = Console(file=buf, force_terminal=True, width=100, no_color=True)
    try:
        with progress.progress(4, "ingesting") as advance:
            advance(3)
            console.err_console().print()  # a refresh is drawn at least once before the bar goes
    finally:
        console.reset_consoles()
    drawn = buf.getvalue()
    assert "3/4" in drawn and "left" in drawn and "0/?" not in drawn


def test_no_timezone_warning_on_the_terminal(tmp_path: Path) -> None:
    page = (WEB / "harbour-bridge.html").read_text(encoding="utf-8")
    stamp = '<meta property="article:published_time" content="2025-05-05T09:30:00Z">'
    assert stamp in page
    (tmp_path / "est.html").write_text(page.replace(stamp, '<meta name="date" content="2014-12-29 09:45 EST">'))
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # a warning that escapes the reader would print on stderr
        result = _invoke(["ingest", str(tmp_path / "est.html"), "--db", str(tmp_path / "i.db")])
    assert result.exit_code == 0, result.output
    assert "tzname" not in result.stderr and "UnknownTimezoneWarning" not in result.stderr
