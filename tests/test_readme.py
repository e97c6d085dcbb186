"""Every example in README.md runs, in README order, on a fresh index, and prints what the README shows.

Two kinds of block: a ```sh block of commands (each must exit 0 and print something; `jq` lines run when jq is
installed), and a block of `$ command` lines each followed by its output, compared line by line (trailing spaces
ignored) at the README's width with colour off. After a change that alters an output on purpose, rewrite the shown
outputs with:  QUOTETRACE_README_UPDATE=1 .venv/bin/python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
WIDTH = "100"
FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```\n", re.M | re.S)


@dataclass
class Example:
    command: str
    shown: list[str] = field(default_factory=list)  # None-like empty for commands whose output is not shown
    compare: bool = False
    span: tuple[int, int] = (0, 0)  # where the shown output sits in the README text


def examples(text: str) -> list[Example]:
    out: list[Example] = []
    for block in FENCE.finditer(text):
        lang, body = block.group(1), block.group(2)
        start = block.start(2)
        lines = body.splitlines(keepends=True)
        if lines and lines[0].startswith("$ "):
            pos = start
            current: Example | None = None
            for line in lines:
                if line.startswith("$ "):
                    current = Example(line[2:].strip(), compare=True)
                    current.span = (pos + len(line), pos + len(line))
                    out.append(current)
                elif current is not None:
                    current.shown.append(line.rstrip("\n"))
                    current.span = (current.span[0], pos + len(line))
                pos += len(line)
        elif lang == "sh" and "quotetrace" in body:
            for line in lines:
                cmd = line.split("  #")[0].strip()
                if cmd.startswith("quotetrace ") or cmd.startswith("make "):
                    out.append(Example(cmd))
    return out


def run(cmd: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    cwd = tmp_path_factory.mktemp("readme")
    for name in ("seeds", "fixtures"):
        (cwd / name).symlink_to(REPO / name)
    env = dict(os.environ)
    env.update(
        {
            "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
            "QUOTETRACE_DB": str(cwd / "index.db"),
            "QUOTETRACE_NO_PROGRESS": "1",
            "COLUMNS": WIDTH,
            "NO_COLOR": "1",
        }
    )
    env.pop("FORCE_COLOR", None)
    env.pop("QUOTETRACE_MODEL", None)
    return cwd, env


def test_readme_examples_print_what_the_readme_shows(workdir: tuple[Path, dict[str, str]]) -> None:
    cwd, env = workdir
    text = README.read_text(encoding="utf-8")
    found = examples(text)
    assert sum(e.compare for e in found) >= 3 and any("show q" in e.command for e in found)
    update = os.environ.get("QUOTETRACE_README_UPDATE") == "1"
    replacements: list[tuple[tuple[int, int], str]] = []
    problems: list[str] = []
    for ex in found:
        if ex.command.startswith("make "):
            continue  # make demo / make test: the CI runs those itself
        if "| jq" in ex.command and shutil.which("jq") is None:
            continue
        result = run(ex.command, cwd, env)
        if result.returncode != 0:
            problems.append(f"{ex.command!r} exited {result.returncode}: {result.stderr.strip()[:300]}")
            continue
        if not ex.compare:
            if not result.stdout.strip() and ">" not in ex.command:
                problems.append(f"{ex.command!r} printed nothing")
            continue
        got = [line.rstrip() for line in result.stdout.rstrip("\n").splitlines()]
        want = [line.rstrip() for line in ex.shown]
        if got != want:
            if update:
                replacements.append((ex.span, "".join(line + "\n" for line in got)))
            else:
                diff = "\n".join(f"- {w}\n+ {g}" for w, g in zip(want, got, strict=False) if w != g)
                problems.append(f"{ex.command!r} printed something else:\n{diff or (len(want), len(got))}")
    if update and replacements:
        for (a, b), new in sorted(replacements, reverse=True):
            text = text[:a] + new + text[b:]
        README.write_text(text, encoding="utf-8")
    assert not problems, "\n\n".join(problems)


def test_the_readme_names_only_options_that_exist(workdir: tuple[Path, dict[str, str]]) -> None:
    """Every `--option` the README mentions is in some command's help."""
    cwd, env = workdir
    helps = ""
    for cmd in ("extract", "ingest", "list", "show", "export", "speakers", "outlets", "trace", "report", "db stats"):
        helps += run(f"quotetrace {cmd} --help", cwd, env | {"COLUMNS": "200"}).stdout
    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", text))
    missing = sorted(o for o in named if o not in helps and o not in ("--no-deps", "--help", "--version"))
    assert not missing, missing


def test_the_readme_mention_is_what_extract_prints(workdir: tuple[Path, dict[str, str]]) -> None:
    import json

    cwd, env = workdir
    block = next(m.group(2) for m in FENCE.finditer(README.read_text(encoding="utf-8")) if m.group(1) == "json")
    shown = json.loads(block)
    result = run(f"quotetrace extract seeds/{shown['article_id']}.txt --format jsonl", cwd, env)
    assert result.returncode == 0, result.stderr
    quotes = [q for line in result.stdout.splitlines() for q in json.loads(line)["quotes"]]
    assert shown in quotes
