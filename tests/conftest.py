"""Shared test fixtures: the spaCy pipeline loaded once, and an index path that never touches the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own index path and no progress bars."""
    db = tmp_path / "index.db"
    monkeypatch.setenv("QUOTETRACE_DB", str(db))
    monkeypatch.setenv("QUOTETRACE_NO_PROGRESS", "1")
    monkeypatch.delenv("QUOTETRACE_MODEL", raising=False)
    return db


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from quotetrace.nlp.pipeline import load_pipeline

    return load_pipeline()
