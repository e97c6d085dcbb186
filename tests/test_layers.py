"""The layers import downwards only: text/ needs nothing else of the package, identity never reaches into nlp/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "quotetrace"


def imported(path: Path) -> set[str]:
    """Every quotetrace module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    out |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return {m for m in out if m.startswith("quotetrace")}


@pytest.mark.parametrize("path", sorted((PACKAGE / "text").glob("*.py")), ids=lambda p: p.name)
def test_text_imports_only_text(path: Path) -> None:
    assert {m for m in imported(path) if not m.startswith("quotetrace.text")} == set()


@pytest.mark.parametrize("name", ["people.py", "speakers.py"])
def test_identity_never_imports_the_nlp_layer(name: str) -> None:
    assert {m for m in imported(PACKAGE / name) if m.startswith("quotetrace.nlp")} == set()


def test_the_test_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from quotetrace.nlp.pipeline import load_pipeline\n", encoding="utf-8")
    assert imported(bad) == {"quotetrace.nlp.pipeline"}
