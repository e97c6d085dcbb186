"""The contract's types are the JSON contract: each TypedDict of quotetrace.contract has exactly the keys
docs/contract.md lists for its object, every field the contract documents (shipped and shared ../shared/CONTRACT.md) is
in its type, and what the commands print on the fixtures has exactly those keys. Real spaCy pipeline, one ingest."""

from __future__ import annotations

import json
import os
import re
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_runner

from quotetrace import contract
from quotetrace.cli import app

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "contract.md"
SHARED = Path(os.environ.get("QUOTETRACE_SHARED") or REPO.parent / "shared") / "CONTRACT.md"
CORPORA = [
    REPO / "seeds",
    REPO / "fixtures" / "index" / "wire.jsonl",
    REPO / "fixtures" / "wire",
    REPO / "fixtures" / "framing",
]
TYPES: dict[str, Any] = {name: getattr(contract, name) for name in contract.__all__}


# ------------------------------------------------------------------------------------------- the documents


def object_fields(text: str) -> dict[str, tuple[set[str], dict[str, set[str]]]]:
    """docs/contract.md's "Every object's fields": per type, its keys and its "only …" groups (condition → keys)."""
    section = text.split("## Every object's fields", 1)[1]
    out: dict[str, tuple[set[str], dict[str, set[str]]]] = {}
    for block in re.split(r"^### ", section, flags=re.M)[1:]:
        name = re.match(r"`(\w+)`", block)
        assert name, block[:60]
        keys: set[str] = set()
        only: dict[str, set[str]] = {}
        for item in re.split(r"^- ", block, flags=re.M)[1:]:
            label, _, rest = item.partition(": ")
            names = set(re.findall(r"`([a-z_]+)`", rest))
            if label == "keys":
                keys |= names
            else:
                assert label.startswith("only"), item
                only[label] = names
        out[name.group(1)] = (keys, only)
    return out


def literal_keys(literal: str) -> set[str]:
    """The top-level keys of a JSON-ish object as the contract writes them: ``{"a", "b": {...}, "c": [...]}``."""
    keys: set[str] = set()
    depth = 0
    prev = ""
    for tok in re.findall(r'"[^"]*"|[{}\[\],:|]', literal):
        if tok in "{[":
            depth += 1
        elif tok in "}]":
            depth -= 1
        elif tok.startswith('"') and depth == 1 and prev in ("{", ","):
            keys.add(tok.strip('"'))
        prev = tok
    return keys


def after(text: str, marker: str) -> str:
    """The first ``{…}`` object (balanced) after ``marker`` in ``text``."""
    start = text.index("{", text.index(marker))
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start : i + 1]
    raise AssertionError(f"unbalanced object after {marker!r}")


def documented(text: str) -> list[tuple[str, str, set[str]]]:
    """(where, type, fields) for every object the shared part of the contract spells out."""
    mention = literal_keys(after(text, "## Quote mention object"))
    # the fields a section's bullets define ("- `kind`: …", "; `coverage`: …")
    defined = {
        title: set(re.findall(r"`([a-z_]+)`:", text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]))
        for title in ("Quote mention object", "Framing fields")
    }
    first_seen = after(after(text, "`quotetrace list --format json`"), '"first_seen"')
    return [
        ("article object", "ArticleDict", literal_keys(after(text, "## Article object"))),
        ("quote mention object", "MentionDict", mention),
        ("pieces", "PieceDict", literal_keys(after(text, "- `pieces`:"))),
        ("edits", "EditDict", literal_keys(after(text, "`edits`: list of"))),
        ("extract", "ExtractRecord", literal_keys(after(text, "quotetrace extract PATH"))),
        ("list", "QuoteSummary", literal_keys(after(text, "`quotetrace list --format json`"))),
        ("list first_seen", "FirstSeen", literal_keys(first_seen)),
        ("show", "QuoteDetail", literal_keys(after(text, "`quotetrace show ID --format json`"))),
        ("show mentions", "ShownMention", mention | {"article"}),
        ("export", "MentionRecord", mention | {"cluster_id", "article"}),
        ("quote mention bullets", "MentionDict", defined["Quote mention object"]),
        ("framing fields in export", "MentionRecord", defined["Framing fields"]),
        ("framing fields in show", "ShownMention", defined["Framing fields"]),
    ]


# Each bullet of "Fields this version adds" names the types holding the fields it lists.
ADDED: dict[str, tuple[str, ...]] = {
    "Every object": (),
    "Mention": ("MentionDict",),
    "Mention in `show`": ("ShownMention",),
    "Cluster (`list`, `show`)": ("QuoteSummary", "QuoteDetail"),
    "`speakers --format json`": ("SpeakerRecord",),
    "`trace WORDS --min-score N` (default 80)": (),
}


def added_fields(text: str) -> list[tuple[str, str, set[str]]]:
    """(bullet, type, fields) for "Fields this version adds": the backticked names after the bullet's colon, outside
    parentheses (which give values and details)."""
    section = text.split("## Fields this version adds", 1)[1].split("\n## ", 1)[0]
    out = []
    for item in re.split(r"^- ", section, flags=re.M)[1:]:
        label, _, rest = " ".join(item.split()).partition(": ")
        assert label in ADDED, f"a new bullet in 'Fields this version adds': {label!r}; map it in ADDED"
        while re.search(r"\([^()]*\)", rest):
            rest = re.sub(r"\([^()]*\)", "", rest)
        names = set(re.findall(r"`([a-z_]+)`", rest))
        assert names or not ADDED[label], label
        out.extend((label, t, names) for t in ADDED[label])
    return out


def all_keys(t: Any) -> set[str]:
    return set(t.__required_keys__) | set(t.__optional_keys__)


def test_every_type_has_exactly_the_fields_docs_contract_lists() -> None:
    fields = object_fields(DOC.read_text(encoding="utf-8"))
    assert set(fields) == set(TYPES)
    for name, (keys, only) in fields.items():
        t = TYPES[name]
        assert set(t.__required_keys__) == keys, name
        assert set(t.__optional_keys__) == set().union(*only.values()), name


def test_nested_objects_are_typed_with_the_contract_types() -> None:
    hints = {name: typing.get_type_hints(t) for name, t in TYPES.items()}
    assert hints["ExtractRecord"]["quotes"] == list[contract.MentionDict]
    assert hints["MentionRecord"]["article"] is contract.ArticleDict
    assert hints["QuoteDetail"]["mentions"] == list[contract.ShownMention]
    assert hints["QuoteSummary"]["first_seen"] is contract.FirstSeen
    assert hints["TraceRecord"]["alternatives"] == list[contract.TraceAlternative]


@pytest.mark.parametrize("source", ["docs/contract.md", "shared CONTRACT.md"])
def test_every_field_the_contract_spells_out_is_in_its_type(source: str) -> None:
    path = DOC if source == "docs/contract.md" else SHARED
    if not path.exists():
        pytest.skip(f"{path} not found (the shared evaluation folder is absent; set $QUOTETRACE_SHARED)")
    text = path.read_text(encoding="utf-8")
    for where, name, fields in documented(text):
        assert fields, where
        missing = fields - all_keys(TYPES[name])
        assert not missing, (where, name, missing)


def _added_cases() -> list[Any]:
    cases = []
    for label, name, fields in added_fields(DOC.read_text(encoding="utf-8")):
        cases.append(pytest.param(label, name, fields, id=f"{label}-{name}"))
    return cases


@pytest.mark.parametrize(("label", "name", "fields"), _added_cases())
def test_every_added_field_is_in_its_type(label: str, name: str, fields: set[str]) -> None:
    missing = fields - all_keys(TYPES[name])
    assert not missing, (label, name, missing)


# ---------------------------------------------------------------------------------------------- real output


runner = cli_runner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("views") / "index.db")
    result = runner.invoke(app, ["ingest", *map(str, CORPORA), "--db", path, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    if "jsonl" in args:
        return [json.loads(line) for line in result.stdout.splitlines()]
    return json.loads(result.stdout)


def exactly(objs: Iterable[dict[str, Any]], t: Any, *extra: str) -> int:
    """Every object has exactly ``t``'s required keys plus ``extra`` (some of its optional ones); returns how many."""
    expected = set(t.__required_keys__) | set(extra)
    assert set(extra) <= set(t.__optional_keys__), extra
    n = 0
    for obj in objs:
        assert set(obj) == expected, (t.__name__, sorted(set(obj) ^ expected))
        n += 1
    return n


FRAMED = tuple(contract.MentionRecord.__optional_keys__)
FRAMED_PIECE = tuple(contract.PieceDict.__optional_keys__)


def test_extract_prints_exactly_the_typed_keys() -> None:
    records = run("extract", str(REPO / "seeds"), "--format", "jsonl")
    assert exactly(records, contract.ExtractRecord) > 3
    assert exactly((r["article"] for r in records), contract.ArticleDict)
    mentions = [m for r in records for m in r["quotes"]]
    assert exactly(mentions, contract.MentionDict)
    assert exactly((p for m in mentions for p in m["pieces"]), contract.PieceDict)


def test_list_prints_exactly_the_typed_keys(db: str) -> None:
    quotes = run("list", "--json", "-n", "0", "--db", db)
    assert exactly(quotes, contract.QuoteSummary) > 10
    assert exactly((q["first_seen"] for q in quotes), contract.FirstSeen)
    assert exactly((a for q in quotes for a in q["attributions"]), contract.AttributionDict)
    grouped = run("list", "--json", "-n", "0", "--statements", "--db", db)
    folding = [q for q in grouped if "paraphrased_by" in q]
    assert folding and exactly(folding, contract.QuoteSummary, "paraphrased_by")
    assert exactly((q for q in grouped if "paraphrased_by" not in q), contract.QuoteSummary)
    assert exactly((p for q in folding for p in q["paraphrased_by"]), contract.QuoteSummary)


def test_show_prints_exactly_the_typed_keys(db: str) -> None:
    ids = [q["id"] for q in run("list", "--json", "-n", "0", "--db", db)]
    details = [run("show", i, "--json", "--db", db) for i in ids]
    assert exactly(details, contract.QuoteDetail) == len(ids)
    mentions = [m for d in details for m in d["mentions"]]
    assert exactly(mentions, contract.ShownMention, *FRAMED)
    assert exactly((m["article"] for m in mentions), contract.ArticleDict)
    pieces = [p for m in mentions for p in m["pieces"]]
    assert exactly(pieces, contract.PieceDict, *FRAMED_PIECE)
    edits = [e for m in mentions for e in m["edits"] or []] + [e for p in pieces for e in p["edits"] or []]
    assert exactly(edits, contract.EditDict)
    assert exactly((e["offsets"] for e in edits), contract.EditOffsets)
    assert exactly((p for d in details for p in d["paraphrases"]), contract.ParaphraseRecord)

    two = next(d for d in details if len(d["outlets"]) > 1)
    compared = run(
        "show", two["id"], "--json", "--db", db, "--outlet", two["outlets"][0], "--outlet", two["outlets"][1]
    )
    exactly([compared], contract.QuoteDetail, "selected_outlets", "compare")
    one = run("show", two["mentions"][0]["id"], "--json", "--db", db)
    exactly(one["mentions"], contract.ShownMention, *FRAMED, "selected")


@pytest.mark.parametrize("framing", [False, True])
def test_export_prints_exactly_the_typed_keys(db: str, framing: bool) -> None:
    args = ("--framing",) if framing else ()
    records = run("export", "--format", "jsonl", "--db", db, *args)
    # without --framing the framing details are missing, not null: the contract's "never missing" does not hold there
    assert exactly(records, contract.MentionRecord, *(FRAMED if framing else ())) > 20
    assert exactly((p for r in records for p in r["pieces"]), contract.PieceDict, *(FRAMED_PIECE if framing else ()))


def test_speakers_outlets_and_trace_print_exactly_the_typed_keys(db: str) -> None:
    speakers = run("speakers", "--json", "-n", "0", "--descriptors", "--unnamed", "--db", db)
    assert exactly(speakers, contract.SpeakerRecord) > 3
    assert exactly((o for s in speakers for o in s["outlets"]), contract.SpeakerOutlet)
    described = [d for s in speakers for per in (s["descriptors"] or {}).values() for d in per]
    assert exactly(described, contract.DescriptorCount)
    outlets = run("outlets", "--json", "-n", "0", "--framing", "--db", db)
    assert exactly(outlets, contract.OutletRecord) > 3
    assert exactly((t for o in outlets for t in o["top_speakers"]), contract.TopSpeaker)
    assert exactly((c for o in outlets for c in o["top_cues"] or []), contract.CueCount)
    hit = run("trace", "not raise taxes on working families", "--json", "--db", db)
    exactly([hit], contract.TraceRecord)
    exactly(hit["alternatives"], contract.TraceAlternative)
    exactly(hit["mentions"], contract.ShownMention, *FRAMED)
