"""The attribution package: its public names, and no module reaching into another's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import quotetrace.nlp.attribution as attribution

PACKAGE = Path(attribution.__file__).parent


def test_the_package_exports_what_the_module_did() -> None:
    from quotetrace.nlp.attribution import (  # noqa: F401
        DOC_NOUNS,
        GUESSED_SUBJECT_FACTOR,
        ROLE_REACH,
        SPEAKER_CONFIDENCE,
        SPEAKER_ENTS,
        Found,
        attribute,
        speaker_confidence,
    )

    assert speaker_confidence("name") == 0.9
    assert speaker_confidence("pronoun", guessed=True) == round(0.65 * GUESSED_SUBJECT_FACTOR, 3)
    assert speaker_confidence(None) is None
    for name in attribution.__all__:
        assert hasattr(attribution, name), name


def test_every_module_says_what_it_owns() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, path.name


def test_no_module_imports_another_modules_private_names() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quotetrace"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.name} imports {private} from {node.module}"
