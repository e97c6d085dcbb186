"""The package uses Typer through its public API only: what ``import typer`` exports, from the CLI package alone.

Read with ``ast`` (not a text search): every import of typer or click, and every ``typer.<name>`` chain, in every
module under ``quotetrace/``. A private module (``typer._coercion``), a private name, a submodule reached past the
top-level API (``typer.core.TyperCommand``) or click itself (typer vendors its own) is a finding.
"""

from __future__ import annotations

import ast
import types
from pathlib import Path
from typing import Any

import pytest
import typer

PACKAGE = Path(__file__).resolve().parent.parent / "quotetrace"
CLI = PACKAGE / "cli"
PUBLIC = frozenset(
    n for n in dir(typer) if not n.startswith("_") and not isinstance(getattr(typer, n), types.ModuleType)
)


def findings(source: str, where: str = "<test>", *, cli: bool = True) -> list[str]:
    """Each use of a private or non-top-level typer/click name in ``source``, as ``where:line: what``."""
    tree = ast.parse(source)
    out: list[str] = []
    aliases = set()  # local names bound to the typer module

    def bad(node: ast.AST, what: str) -> None:
        out.append(f"{where}:{getattr(node, 'lineno', 0)}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                root = a.name.split(".")[0]
                if root == "click":
                    bad(node, f"import {a.name} (typer vendors its own click; use typer's API)")
                elif root == "typer":
                    if a.name != "typer":
                        bad(node, f"import {a.name} (only `import typer` is public)")
                    elif not cli:
                        bad(node, "import typer outside quotetrace/cli")
                    aliases.add(a.asname or "typer")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            root = node.module.split(".")[0]
            if root == "click":
                bad(node, f"from {node.module} import … (typer vendors its own click)")
            elif root == "typer":
                if node.module != "typer":
                    bad(node, f"from {node.module} import … (only the top-level typer module is public)")
                if not cli:
                    bad(node, "typer imported outside quotetrace/cli")
                for a in node.names:
                    if node.module == "typer" and a.name not in PUBLIC:
                        bad(node, f"from typer import {a.name} (not in typer's public API)")
    for node in ast.walk(tree):
        named = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
        if named and node.attr not in PUBLIC:  # type: ignore[attr-defined]
            bad(node, f"{node.value.id}.{node.attr} (not in typer's public API)")  # type: ignore[attr-defined]
    return out


@pytest.mark.parametrize(
    "source",
    [
        "from typer._coercion import RuntimeParam",
        "import typer._click",
        "import typer.core",
        "from typer.core import TyperCommand",
        "from typer import _coercion",
        "from typer import core",
        "import typer\nclass C(typer.core.TyperCommand): pass",
        "import typer as t\nx = t._click.Context",
        "import typer\nx = typer.main.get_command",
        "import click",
        "from click.core import Option",
        "def f():\n    from typer._coercion import RuntimeParam\n    return RuntimeParam",
    ],
)
def test_the_checker_finds_private_typer_use(source: str) -> None:
    assert findings(source), source


@pytest.mark.parametrize(
    "source",
    [
        "import typer\napp = typer.Typer()\nx = typer.Option('--x', metavar='TEXT')",
        "from typer import Argument, BadParameter, Exit",
        "import typer\nraise typer.Exit(2)",
        "import os\nos._exit",  # another module's private name is not this test's business
    ],
)
def test_the_checker_passes_the_public_api(source: str) -> None:
    assert findings(source) == []


def test_typer_outside_the_cli_is_a_finding() -> None:
    assert findings("import typer", cli=False)
    assert findings("from typer import Exit", cli=False)


def test_no_module_uses_typer_internals() -> None:
    problems: list[str] = []
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20  # the walk found the package
    for path in files:
        where = str(path.relative_to(PACKAGE.parent))
        problems += findings(path.read_text(encoding="utf-8"), where, cli=CLI in path.parents)
    assert problems == []


# ------------------------------------------------------------- what the internals did, kept with the public API


def _invoke(argv: list[str], tmp_path: Path) -> Any:
    from typer.testing import CliRunner

    from quotetrace.cli import app

    return CliRunner().invoke(app, argv, env={"QUOTETRACE_DB": str(tmp_path / "none.db"), "COLUMNS": "200"})


@pytest.mark.parametrize(
    "argv",
    [
        ["ingest", "--delay", "inf", "x"],
        ["ingest", "--timeout", "inf", "x"],
        ["ingest", "--delay", "nan", "x"],
        ["ingest", "--max-mb", "1e400", "x"],
        ["extract", "--max-mb", "inf", "x"],
        ["trace", "words", "--min-score", "nan"],
    ],
)
def test_numbers_that_are_not_finite_are_usage_errors(argv: list[str], tmp_path: Path) -> None:
    res = _invoke(argv, tmp_path)
    assert res.exit_code == 2, res.output
    assert "Invalid value for '--" in res.output
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("argv", [["0.5"], ["2"], ["1e-3"]])
def test_finite_numbers_pass(argv: list[str], tmp_path: Path) -> None:
    res = _invoke(["trace", "words", "--min-score", *argv], tmp_path)
    assert res.exit_code == 1  # parsed; nothing to find in an empty index
    assert "Invalid value" not in res.output


@pytest.mark.parametrize(
    ("command", "shown", "hidden"),
    [
        (["list"], ["--speaker TEXT", "--limit N", "[PATHS...]"], ["<str>", "<int", "<bool>", "<list[str]>"]),
        (["ingest"], ["--max-mb MB", "--feed URL"], ["<float", "<str>", "<list[str]>"]),
        (["show"], ["{ID}", "--outlet TEXT"], ["<list[str]>"]),
    ],
)
def test_help_names_values_in_words(command: list[str], shown: list[str], hidden: list[str], tmp_path: Path) -> None:
    res = _invoke([*command, "--help"], tmp_path)
    assert res.exit_code == 0
    for word in shown:
        assert word in res.output, word
    for word in hidden:  # Typer's own --help and completion rows included (tests/test_cli_help.py: every screen)
        assert word not in res.output, word
