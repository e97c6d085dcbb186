"""The library interface returns exactly what the commands print as JSON (one definition, used by both), typed as
quotetrace.contract says; reading an index never imports spaCy, Typer or Rich. Real spaCy pipeline on the fixtures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_runner

import quotetrace.api as qt
from quotetrace import contract
from quotetrace.cli import app
from quotetrace.errors import NotFound

REPO = Path(__file__).resolve().parent.parent
WIRE = REPO / "fixtures" / "index" / "wire.jsonl"
SEEDS = REPO / "seeds"


runner = cli_runner()


def cli(*args: str) -> Any:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    if "jsonl" in args:
        return [json.loads(line) for line in result.stdout.splitlines()]
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "index.db"
    with qt.open_index(path) as index:
        report = index.ingest([SEEDS, WIRE])
    assert report["stored"] == report["read"] > 5
    return path


@pytest.fixture
def index(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typing.Iterator[qt.Index]:
    target = tmp_path / "index.db"
    shutil.copy(template_db, target)
    monkeypatch.setenv("QUOTETRACE_DB", str(target))
    monkeypatch.setenv("QUOTETRACE_NO_PROGRESS", "1")
    with qt.open_index() as idx:  # found as the CLI finds it
        assert idx.path == target
        yield idx


def has_contract_keys(obj: dict[str, Any], kind: Any) -> None:
    missing = set(kind.__required_keys__) - set(obj)
    assert not missing, (kind.__name__, missing)


@pytest.mark.parametrize(
    ("kwargs", "args"),
    [
        ({}, ()),
        ({"speaker": "okafor"}, ("--speaker", "okafor")),
        ({"min_outlets": 2, "sort": "outlets"}, ("--min-outlets", "2", "--sort", "outlets")),
        ({"search": "taxes", "kind": "direct"}, ("--search", "taxes", "--kind", "direct")),
        ({"since": "2024-03-01", "limit": 3, "offset": 1}, ("--since", "2024-03-01", "-n", "3", "--offset", "1")),
        ({"statements": True}, ("--statements",)),
    ],
)
def test_quotes_are_what_list_prints(index: qt.Index, kwargs: dict[str, Any], args: tuple[str, ...]) -> None:
    got = index.quotes(**kwargs)
    assert got == cli("list", "--json", "-n", "0", *args) if "-n" not in args else got == cli("list", "--json", *args)
    assert got
    for q in got:
        has_contract_keys(dict(q), contract.QuoteSummary)


def test_quote_is_what_show_prints_and_mentions_what_export_lists(index: qt.Index) -> None:
    top = index.quotes(sort="outlets", limit=1)[0]
    detail = index.quote(top["id"])
    assert detail == cli("show", top["id"], "--json")
    has_contract_keys(dict(detail), contract.QuoteDetail)
    for m in detail["mentions"]:
        has_contract_keys(dict(m), contract.MentionRecord)
        has_contract_keys(dict(m["article"]), contract.ArticleDict)
    assert index.quote(top["id"][:6]) == detail  # a unique prefix, as show takes it
    every = list(index.mentions(framing=True))
    assert every == cli("export", "--framing", "--json")
    for r in every:
        has_contract_keys(dict(r), contract.MentionRecord)
        for p in r["pieces"]:
            has_contract_keys(dict(p), contract.PieceDict)
    some = list(index.mentions(outlet="reuters", kind="direct", ids=[top["id"]]))
    assert some == cli("export", "--json", "--outlet", "reuters", "--kind", "direct", "--id", top["id"])


def test_speakers_outlets_trace_and_stats(index: qt.Index) -> None:
    assert index.speakers() == cli("speakers", "--json", "-n", "0", "--descriptors")
    assert index.speakers(search="okafor") == cli("speakers", "--json", "--search", "okafor")
    assert index.outlets() == cli("outlets", "--json", "-n", "0", "--framing")
    for o in index.outlets():
        has_contract_keys(dict(o), contract.OutletRecord)
    hit = index.trace("not raise taxes on working families")
    assert hit is not None and hit == cli("trace", "not raise taxes on working families", "--json")
    has_contract_keys(dict(hit), contract.TraceRecord)
    assert index.trace("purple elephant submarine banana") is None
    stats = index.stats()
    assert stats["mentions"] == len(list(index.mentions()))


def test_unknown_ids_and_bad_filters(index: qt.Index) -> None:
    with pytest.raises(NotFound):
        index.quote("qnothere0")
    with pytest.raises(NotFound):
        list(index.mentions(ids=["qnothere0"]))
    with pytest.raises(ValueError, match="kind"):
        index.quotes(kind="sideways")
    with pytest.raises(ValueError, match="sort"):
        index.quotes(sort="loudest")


def test_extract_is_what_the_extract_command_prints(tmp_path: Path) -> None:
    text = (
        "Harbour news\n\n“We will not raise taxes on working families,” Finance Minister Maria Okafor said. "
        "“The budget is sound,” she added, “and it protects the most vulnerable.”\n\nThe end."
    )
    path = tmp_path / "okafor.txt"
    path.write_text(text, encoding="utf-8")
    from_files = list(qt.extract_files(path))
    assert from_files == cli("extract", str(path), "--format", "jsonl")
    one = qt.extract(text, id=from_files[0]["article"]["id"], title=from_files[0]["article"]["title"])
    assert one["quotes"] == from_files[0]["quotes"]
    has_contract_keys(dict(one), contract.ExtractRecord)
    interrupted = next(q for q in one["quotes"] if len(q["spans"]) == 2)
    assert interrupted["text"] == "The budget is sound … and it protects the most vulnerable."
    assert [p["text"] for p in interrupted["pieces"]] == interrupted["text"].split(" … ")
    for q in one["quotes"]:
        has_contract_keys(dict(q), contract.MentionDict)
        assert all(text[s:e] for s, e in q["spans"])
    problems = [p for p in qt.read_articles([tmp_path / "missing.txt"]) if not hasattr(p, "text")]
    assert len(problems) == 1


def test_reading_an_index_imports_neither_spacy_nor_the_cli(template_db: Path) -> None:
    code = (
        "import sys, quotetrace.api as qt\n"
        f"i = qt.open_index({str(template_db)!r}, create=False)\n"
        "q = i.quotes(limit=1)[0]; i.quote(q['id']); list(i.mentions(ids=[q['id']])); i.speakers(); i.stats()\n"
        "bad = [m for m in ('spacy', 'typer', 'rich', 'click') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
