"""Tests for the input readers (quotetrace.ingest): formats, ids, sidecars, stdin, globs and bad input."""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from quotetrace.ingest import iter_inputs
from quotetrace.ingest import readers as readers_mod
from quotetrace.models import Article, ReadProblem

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

Item = Article | ReadProblem


def read_all(paths: list[str], **kwargs: object) -> list[Item]:
    return list(iter_inputs(paths, **kwargs))  # type: ignore[arg-type]


def articles(items: list[Item]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list[Item]) -> list[ReadProblem]:
    return [i for i in items if isinstance(i, ReadProblem)]


def only_article(paths: list[str], **kwargs: object) -> Article:
    items = read_all(paths, **kwargs)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_problem(paths: list[str], **kwargs: object) -> ReadProblem:
    items = read_all(paths, **kwargs)
    assert len(items) == 1 and isinstance(items[0], ReadProblem), items
    return items[0]


def file_text(path: Path | str) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------- the committed corpora


SEED_IDS = [
    "000_5dbefd8b429d0a1d",
    "001_e0e615ac8af918c9",
    "002_f88bb93b45951a8e",
    "003_28bed51b40cfade8",
    "004_7c70adc32664e18b",
]


def test_seed_folder(in_root: Path) -> None:
    items = read_all(["seeds/"])
    assert problems(items) == []
    arts = articles(items)
    assert [a.id for a in arts] == SEED_IDS  # sorted, metadata.csv is not an article
    assert [a.path for a in arts] == [f"seeds/{i}.txt" for i in SEED_IDS]
    by_id = {a.id: a for a in arts}
    assert by_id["000_5dbefd8b429d0a1d"].outlet == "The Gateway Pundit"
    assert by_id["000_5dbefd8b429d0a1d"].title == (
        "NATO Chief Reverses Course, Warns Ukraine May Have to Compromise With Russia"
    )
    assert (by_id["001_e0e615ac8af918c9"].outlet, by_id["001_e0e615ac8af918c9"].date) == ("MENAFN", "2024-04-07")
    assert by_id["002_f88bb93b45951a8e"].outlet is None  # unknown in the sidecar and not inferable
    assert by_id["002_f88bb93b45951a8e"].date is None
    assert by_id["003_28bed51b40cfade8"].outlet == "RT"
    assert by_id["004_7c70adc32664e18b"].date == "2023-11-14"
    for a in arts:
        assert a.text == file_text(a.path or "")


def test_seed_files_named_directly_use_stem_ids_and_the_sidecar(in_root: Path) -> None:
    a = only_article(["seeds/003_28bed51b40cfade8.txt"])
    assert (a.id, a.path, a.outlet, a.title) == (
        "003_28bed51b40cfade8",
        "seeds/003_28bed51b40cfade8.txt",
        "RT",
        "Russian victory 'a tragedy' – NATO",
    )


def test_fixture_folder_ids_are_relative_to_the_folder_argument(in_root: Path) -> None:
    # other packages keep fixtures in fixtures/ too: look at ours only
    items = [i for i in read_all(["fixtures/"]) if (i.path or "").startswith("fixtures/ingest/")]
    assert problems(items) == []
    ids = [a.id for a in articles(items)]
    assert ids == [
        "a1",
        "ingest/corpus:3",
        "ingest/frontmatter",
        "ingest/page",
        "ingest/plain",
        "gazette-001",
        "ingest/records:1",
        "42",
        "ingest/sidecar/briefing",
    ]
    assert {a.path for a in articles(items)} >= {"fixtures/ingest/plain.txt", "fixtures/ingest/sidecar/briefing.txt"}


def test_fixture_folder_named_deeper(in_root: Path) -> None:
    ids = [a.id for a in articles(read_all(["fixtures/ingest"]))]
    assert "plain" in ids and "sidecar/briefing" in ids and "corpus:3" in ids


# ---------------------------------------------------------------------------- plain text and offsets


@pytest.mark.parametrize(
    "content",
    [
        "Headline\n\nBody with “curly quotes” and an em dash — here.\n",
        "Windows line endings\r\n\r\nBody line one.\r\nBody line two.\r\n",
        "Old Mac line endings\r\rBody.\r",
        "  leading spaces and trailing spaces  \n\n\tTabbed body.   \n\n\n",
        "No final newline at all",
        "Emoji 🎉 and combining e\u0301 and NBSP\u00a0here\u2028line separator\n",
    ],
    ids=["lf", "crlf", "cr", "whitespace", "no-newline", "unicode"],
)
def test_text_is_the_file_exactly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content.encode("utf-8"))
    a = only_article([str(path)])
    assert a.text == file_text(path) == content
    assert (a.id, a.path) == ("article", str(path))


def test_utf8_bom_is_stripped_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline here\r\n\r\nBody.\r\n")
    a = only_article([str(path)])
    assert a.text == "Headline here\r\n\r\nBody.\r\n"
    assert a.title == "Headline here"


def test_plain_text_metadata_inference(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "11:48 14.11.2023\n\nLeaders meet in Brussels\n\nThe talks began on 3 March 2019, officials recalled.\n\n"
        "The post Leaders meet appeared first on Example Daily.\n",
        encoding="utf-8",
    )
    a = only_article([str(path)])
    assert (a.title, a.date, a.outlet, a.url) == ("Leaders meet in Brussels", "2023-11-14", "Example Daily", None)


def test_plain_text_without_inferable_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Officials said on 3 March 2019 that the talks had failed, and that they would resume later. "
        "The statement was brief.\nMore text here.\n",
        encoding="utf-8",
    )
    a = only_article([str(path)])
    assert (a.title, a.date, a.outlet) == (None, None, None)


# ---------------------------------------------------------------------------- markdown and front matter


def test_front_matter_fixture(in_root: Path) -> None:
    a = only_article(["fixtures/ingest/frontmatter.md"])
    assert (a.id, a.title, a.outlet, a.date, a.url) == (
        "frontmatter",
        "Mayor defends corridor plan",
        "Example Gazette",
        "2023-11-14",
        "https://www.example.org/news/corridor",
    )
    raw = file_text("fixtures/ingest/frontmatter.md")
    assert raw.endswith(a.text) and a.text.startswith("The mayor defended")


@pytest.mark.parametrize(
    ("front", "body", "expected"),
    [
        ("---\ntitle: T\n---\n", "Body.\n", {"title": "T"}),
        ("---\r\ntitle: T\r\nsource: S\r\n---\r\n", "Body.\r\n\r\nMore.\r\n", {"title": "T", "outlet": "S"}),
        ("---\nheadline: 'It''s here'\npublished: 14 November 2023\nlink: https://x.org/a\n---\n", "\nBody.\n",
         {"title": "It's here", "date": "2023-11-14", "url": "https://x.org/a", "outlet": "x.org"}),
        ('---\nid: custom-7\ntitle: "A: quoted"\n# a comment\nauthors:\n  - A\n  - B\n...\n', "Body.\n",
         {"id": "custom-7", "title": "A: quoted"}),
        ("---\nTitle: Upper\nDate: 2023-11-14\n---\n", "Body.", {"title": "Upper", "date": "2023-11-14"}),
        ("---\ntitle:\ndate: sometime\n---\n", "# Heading line\n\nBody.\n", {"title": "Heading line", "date": None}),
    ],
)  # fmt: skip
def test_front_matter(tmp_path: Path, front: str, body: str, expected: dict[str, str | None]) -> None:
    path = tmp_path / "post.md"
    path.write_bytes((front + body).encode("utf-8"))
    a = only_article([str(path)])
    assert a.text == body  # the body after the front matter, unmodified
    got = {"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date, "url": a.url}
    want = {"id": "post", "title": None, "outlet": None, "date": None, "url": None, **expected}
    assert got == want


@pytest.mark.parametrize(
    "content",
    [
        "No front matter here\n\nJust text.\n",
        "---\nThis is a horizontal rule around prose, not front matter.\n---\n\nBody.\n",
        "---\ntitle: never closed\n\nBody text.\n",
        "Intro\n---\ntitle: not at the start\n---\nBody.\n",
    ],
)
def test_markdown_without_front_matter_is_the_whole_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "note.md"
    path.write_text(content, encoding="utf-8")
    a = only_article([str(path)])
    assert a.text == file_text(path)


def test_front_matter_with_empty_body(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("---\ntitle: Nothing\n---\n\n  \n", encoding="utf-8")
    p = only_problem([str(path)])
    assert p.reason == "no text after the front matter"


# ---------------------------------------------------------------------------- JSON and JSONL


def test_json_fixtures(in_root: Path) -> None:
    a = only_article(["fixtures/ingest/record.json"])
    assert (a.id, a.title, a.outlet, a.date, a.url) == (
        "gazette-001",
        "Corridor plan passes",
        "Example Gazette",
        "2023-11-14T21:05:00Z",
        "https://www.example.org/news/corridor-passes",
    )
    assert a.text == json.loads(file_text("fixtures/ingest/record.json"))["body"]
    first, second = articles(read_all(["fixtures/ingest/records.json"]))
    assert (first.id, first.outlet, first.date, first.path) == (
        "records:1",
        "Fox News",
        "2023-11-15",
        "fixtures/ingest/records.json",
    )
    assert (second.id, second.outlet, second.url) == ("42", "BBC", "https://www.bbc.co.uk/news/x")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "T"}, {"id": "doc", "text": "T"}),
        ({"id": 7, "body": "B"}, {"id": "7", "text": "B"}),
        ({"id": " keep me ", "content": "C"}, {"id": " keep me ", "text": "C"}),
        ({"id": "", "text": "T"}, {"id": "doc", "text": "T"}),
        ({"text": "first", "body": "second"}, {"text": "first"}),
        ({"text": None, "body": "second"}, {"text": "second"}),
        ({"text": "  ", "content": "third"}, {"text": "third"}),
        ({"text": "  keep\r\n spacing  "}, {"text": "  keep\r\n spacing  "}),
        ({"text": "T", "title": "A", "headline": "B"}, {"title": "A"}),
        ({"text": "T", "headline": "B"}, {"title": "B"}),
        ({"text": "T", "source": {"id": "bbc-news", "name": "BBC News"}}, {"outlet": "BBC News"}),
        ({"text": "T", "site_name": "Site"}, {"outlet": "Site"}),
        ({"text": "T", "publisher": "P", "outlet": "O"}, {"outlet": "O"}),
        ({"text": "T", "publication_date": "2023-11-14"}, {"date": "2023-11-14"}),
        ({"text": "T", "published": "Tue, 14 Nov 2023 09:30:00 GMT"}, {"date": "2023-11-14T09:30:00+00:00"}),
        ({"text": "T", "date": "not a date"}, {"date": None}),
        ({"text": "T", "link": "https://www.cnn.com/x"}, {"url": "https://www.cnn.com/x", "outlet": "CNN"}),
        ({"text": "T", "url": "https://unknown.example.net/x"}, {"outlet": "example.net"}),
        ({"text": "T", "Title": "Mixed case key"}, {"title": "Mixed case key"}),
        ({"text": "T", "unknown": "ignored"}, {"title": None}),
    ],
)
def test_json_record_fields(tmp_path: Path, record: dict[str, object], expected: dict[str, str | None]) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    a = only_article([str(path)])
    for key, value in expected.items():
        assert getattr(a, key) == value, key


def test_json_text_is_not_title_guessed(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"text": "Looks like a headline\n\nBody."}), encoding="utf-8")
    assert only_article([str(path)]).title is None


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "one"}, {"id": "x", "text": "two"}, {"body": "three"}]), encoding="utf-8")
    assert [a.id for a in articles(read_all([str(path)]))] == ["batch:1", "x", "batch:3"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "a",\n "title": \n}', "malformed JSON at line 3: Expecting value (column 1)"),
        ("{", "malformed JSON at line 1: Expecting property name enclosed in double quotes (column 2)"),
        ('{"title": "no text"}', "no text field (expected one of: text, body, content)"),
        ('{"text": ""}', "empty text"),
        ('{"text": ["a", "b"]}', "field 'text' is not a string"),
        ("[]", "empty JSON array"),
        ('"just a string"', "JSON is neither an object nor an array of objects"),
        ("42", "JSON is neither an object nor an array of objects"),
        ("[" * 100_000 + "]" * 100_000, "malformed JSON: nested too deeply"),
    ],
)
def test_bad_json(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    p = only_problem([str(path)])
    assert (p.path, p.reason) == (str(path), reason)


def test_json_array_with_bad_elements_keeps_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"text": "ok"}, "nope", {"title": "no text"}, {"text": "ok too"}]), encoding="utf-8")
    items = read_all([str(path)])
    assert [a.id for a in articles(items)] == ["mixed:1", "mixed:4"]
    assert [(p.path, p.reason) for p in problems(items)] == [
        (str(path), "element 2: not a JSON object"),
        (str(path), "element 3: no text field (expected one of: text, body, content)"),
    ]


def test_jsonl_fixture(in_root: Path) -> None:
    a1, a3 = articles(read_all(["fixtures/ingest/corpus.jsonl"]))
    assert (a1.id, a1.outlet, a1.date) == ("a1", "Reuters", "2023-11-14")
    assert (a3.id, a3.outlet, a3.path) == ("corpus:3", "The Associated Press", "fixtures/ingest/corpus.jsonl")


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "first"}),
        json.dumps({"id": "two", "text": "second"}),
        '{"text": "broken',
        "",
        "[1, 2]",
        json.dumps({"headline": "no text"}),
        json.dumps({"text": "line\u2028separator inside a string"}),
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    items = read_all([str(path)])
    assert [(a.id, a.text) for a in articles(items)] == [
        ("feed:1", "first"),
        ("two", "second"),
        ("feed:7", "line\u2028separator inside a string"),
    ]
    got = [(p.path, p.reason) for p in problems(items)]
    assert got[0][0] == f"{path}:3" and got[0][1].startswith("malformed JSON: Unterminated string")
    assert got[1:] == [
        (f"{path}:5", "not a JSON object"),
        (f"{path}:6", "no text field (expected one of: text, body, content)"),
    ]
    assert [type(i).__name__ for i in items] == [
        "Article", "Article", "ReadProblem", "ReadProblem", "ReadProblem", "Article",
    ]  # fmt: skip


def test_jsonl_with_only_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n\n", encoding="utf-8")
    assert only_problem([str(path)]).reason == "empty file (only whitespace)"


# ---------------------------------------------------------------------------- HTML


def test_html_fixture(in_root: Path) -> None:
    a = only_article(["fixtures/ingest/page.html"])
    assert (a.id, a.title, a.outlet, a.date, a.url) == (
        "page",
        "Minister says “we will not back down”",
        "Example Times",
        "2023-11-14",
        "https://www.example.org/news/minister",
    )
    assert "“We have listened, and we will keep listening,” she told reporters" in a.text
    assert "<p>" not in a.text and "Home" not in a.text


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.htm"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Caf\xe9 owners protest</title></head><body><article><h1>Caf\xe9 owners protest</h1>"
        + "<p>The caf\xe9 owners said the new rules were \xabunfair\xbb and would cost them dearly this winter.</p>" * 3
        + "</article></body></html>"
    )
    path.write_bytes(html.encode("latin-1"))
    a = only_article([str(path)])
    assert "café owners said the new rules were «unfair»" in a.text


def test_html_metadata_is_below_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes((ROOT / "fixtures/ingest/page.html").read_bytes())
    (tmp_path / "metadata.csv").write_text("file,outlet,date\npage.html,The Real Outlet,\n", encoding="utf-8")
    a = only_article([str(tmp_path)])
    assert (a.outlet, a.date) == ("The Real Outlet", "2023-11-14")


def test_html_without_a_usable_trafilatura_is_a_problem(in_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    p = only_problem(["fixtures/ingest/page.html"])
    assert p.reason.startswith("cannot read HTML: trafilatura is not usable")


@pytest.mark.parametrize(
    "content",
    [
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_html_without_article_text(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(content, encoding="utf-8")
    assert only_problem([str(path)]).reason == "no article text found in the HTML"


# ---------------------------------------------------------------------------- sidecar metadata


def test_sidecar_fixture_beats_inference(in_root: Path) -> None:
    a = only_article(["fixtures/ingest/sidecar"])
    # the text says "appeared first on Some Other Site"; the sidecar says otherwise and wins
    assert (a.id, a.outlet, a.title, a.date) == (
        "briefing",
        "Example Wire",
        "Briefing: corridor, vote and reaction",
        "2023-11-14",
    )


def test_sidecar_rules(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline A\n\nThe post A appeared first on Inferred Outlet.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Headline B\n\nText.\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("---\noutlet: Front Matter Outlet\n---\nText.\n", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"text": "x"}\n{"text": "y", "outlet": "Own"}\n', encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "\ufeffFile,Outlet,Title,Date,URL,id,extra\n"
        "a.txt,,,,,,ignored\n"  # empty cells = unknown: inference still applies
        "b.txt,Sidecar Outlet,Sidecar Title,2023-11-14,https://www.foxnews.com/x,custom-b,\n"
        "c.md,Sidecar Outlet,,,,,\n"
        "d.jsonl,Feed Outlet,Feed Title,,,feed-id,\n"
        "missing.txt,Nobody,,,,,\n",
        encoding="utf-8",
    )
    by_path = {a.path: a for a in articles(read_all([str(tmp_path)]))}
    a, b, c = by_path[str(tmp_path / "a.txt")], by_path[str(tmp_path / "b.txt")], by_path[str(tmp_path / "c.md")]
    assert (a.id, a.outlet, a.title) == ("a", "Inferred Outlet", "Headline A")
    assert (b.id, b.outlet, b.title, b.date, b.url) == (
        "custom-b",
        "Sidecar Outlet",
        "Sidecar Title",
        "2023-11-14",
        "https://www.foxnews.com/x",
    )
    assert c.outlet == "Front Matter Outlet"  # the file's own explicit value wins over the sidecar
    records = [x for x in articles(read_all([str(tmp_path / "d.jsonl")]))]
    # a file of many records: only the sidecar's outlet applies, as a default
    assert [(r.id, r.outlet, r.title) for r in records] == [("d:1", "Feed Outlet", None), ("d:2", "Own", None)]


@pytest.mark.parametrize(
    ("csv_bytes", "reason"),
    [
        (b"name,outlet\na.txt,X\n", "sidecar metadata ignored: no 'file' column"),
        (b"file,outlet\na.txt,\xff\xfe\n", "sidecar metadata ignored: not valid UTF-8 text"),
        (b'file,outlet\n"a.txt,X\n', None),  # unterminated quote: csv reads it leniently
    ],
)
def test_bad_sidecar_is_reported_once_and_files_still_read(
    tmp_path: Path, csv_bytes: bytes, reason: str | None
) -> None:
    (tmp_path / "a.txt").write_text("Text A.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text B.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(csv_bytes)
    items = read_all([str(tmp_path)])
    assert [a.id for a in articles(items)] == ["a", "b"]
    assert [(p.path, p.reason) for p in problems(items)] == (
        [(str(tmp_path / "metadata.csv"), reason)] if reason else []
    )


def test_metadata_csv_named_or_globbed_is_never_an_article(in_root: Path) -> None:
    assert read_all(["seeds/metadata.csv"]) == []
    assert [a.id for a in articles(read_all(["seeds/*"]))] == SEED_IDS


# ---------------------------------------------------------------------------- folders, ids, globs


@pytest.fixture
def tree(in_tmp: Path) -> Path:
    corpus = in_tmp / "corpus"
    (corpus / "b" / "deep").mkdir(parents=True)
    (corpus / "a").mkdir()
    (corpus / ".hidden").mkdir()
    for rel in ["z.txt", "a/one.txt", "a/two.md", "b/deep/three.txt", "b/x.txt", ".hidden/secret.txt", ".dot.txt"]:
        (corpus / rel).write_text(f"Text of {rel}.\n", encoding="utf-8")
    (corpus / "notes.log").write_text("A log file.\n", encoding="utf-8")
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (in_tmp / "other").mkdir()
    (in_tmp / "other" / "x.txt").write_text("Another x.\n", encoding="utf-8")
    return in_tmp


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tree: Path) -> None:
    items = read_all(["corpus"])
    assert problems(items) == []
    assert [(a.id, a.path) for a in articles(items)] == [
        ("a/one", os.path.join("corpus", "a", "one.txt")),
        ("a/two", os.path.join("corpus", "a", "two.md")),
        ("b/deep/three", os.path.join("corpus", "b", "deep", "three.txt")),
        ("b/x", os.path.join("corpus", "b", "x.txt")),
        ("z", os.path.join("corpus", "z.txt")),
    ]


def test_folder_argument_with_trailing_slash_and_dot(tree: Path) -> None:
    assert articles(read_all(["corpus/"]))[0].path == "corpus/a/one.txt"
    os.chdir(tree / "corpus")
    assert [a.id for a in articles(read_all(["."]))][:2] == ["a/one", "a/two"]


@pytest.mark.parametrize(
    ("args", "expected_ids"),
    [
        (["corpus/b/x.txt"], ["x"]),  # a file named directly → its stem
        (["corpus/notes.log"], ["notes"]),  # named explicitly: unknown extension tried as text
        (["corpus/.dot.txt"], [".dot"]),  # named explicitly: hidden is fine
        (["corpus/b", "other"], ["deep/three", "x", "x"]),
        (["corpus/*.txt"], ["z"]),  # globs skip hidden files
        (["corpus/**/*.txt"], ["a/one", "b/deep/three", "b/x", "z"]),  # ids relative to the glob's folder
        (["corpus/*/*.md"], ["a/two"]),
        (["corpus/*.log"], ["notes"]),  # a pattern that names the extension asks for those files
        (["corpus/*"], ["a/one", "a/two", "b/deep/three", "b/x", "z"]),  # folders matched are walked
        (["corpus/**"], ["a/one", "a/two", "b/deep/three", "b/x", "z"]),  # each file once
        (["*/x.txt"], ["other/x"]),  # a glob without a literal folder: ids relative to the current one
        (["*/b/x.txt"], ["corpus/b/x"]),
        (["corpus/b/x.txt", "corpus/b"], ["x", "deep/three"]),  # the same file is read once
        (["corpus/z.txt", "corpus/a/one.txt"], ["z", "one"]),  # command-line order
    ],
)
def test_ids_and_globs(tree: Path, args: list[str], expected_ids: list[str]) -> None:
    items = read_all(args)
    assert problems(items) == []
    assert [a.id for a in articles(items)] == expected_ids


def test_glob_paths_are_as_matched(tree: Path) -> None:
    paths = [a.path for a in articles(read_all(["corpus/**/*.txt"]))]
    assert paths == ["corpus/a/one.txt", "corpus/b/deep/three.txt", "corpus/b/x.txt", "corpus/z.txt"]


@pytest.mark.parametrize(
    ("arg", "reason"),
    [
        ("missing.txt", "no such file or directory"),
        ("missing/", "no such file or directory"),
        ("", "no such file or directory"),
        ("corpus/*.nothing", "no files match this pattern"),
        ("nowhere/**/*.txt", "no files match this pattern"),
    ],
)
def test_missing_paths_and_empty_globs(tree: Path, arg: str, reason: str) -> None:
    p = only_problem([arg])
    assert (p.path, p.reason) == (arg, reason)


def test_a_bad_input_does_not_stop_the_others(tree: Path) -> None:
    items = read_all(["missing.txt", "corpus/z.txt", "corpus/*.nothing", "other"])
    assert [type(i).__name__ for i in items] == ["ReadProblem", "Article", "ReadProblem", "Article"]


def test_symlinked_folder_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "t.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    assert [a.id for a in articles(read_all([str(tmp_path)]))] == ["a/t"]


# ---------------------------------------------------------------------------- bad input never raises


def _write(content: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "bad.txt"
        path.write_bytes(content)
        return path

    return make


def _broken_symlink(folder: Path) -> Path:
    path = folder / "dangling.txt"
    path.symlink_to(folder / "does-not-exist.txt")
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_write(b""), "empty file"),
        (_write(b"\xef\xbb\xbf"), "empty file"),
        (_write(b"  \n\t\r\n  "), "empty file (only whitespace)"),
        (_write(b"GIF89a\x00\x01\x02binary"), "binary file"),
        (_write("caf\xe9 au lait".encode("latin-1")), "not valid UTF-8 text (byte 0xe9 at offset 3)"),
        (_write(b"\xef\xbb\xbfok then \xff"), "not valid UTF-8 text (byte 0xff at offset 11)"),
        (_write("text".encode("utf-16")), "UTF-16 text is not supported (save it as UTF-8)"),
        (_broken_symlink, "broken symlink"),
    ],
    ids=["empty", "bom-only", "whitespace", "binary", "latin-1", "bad-byte-after-bom", "utf-16", "broken-symlink"],
)
def test_bad_files(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    path = make(tmp_path)
    p = only_problem([str(path)])
    assert (p.path, p.reason) == (str(path), reason)
    # the same file found inside a folder gives the same problem
    p = only_problem([str(tmp_path)])
    assert (p.path, p.reason) == (str(path), reason)


def test_broken_symlink_with_unknown_extension_in_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "dangling.bin").symlink_to(tmp_path / "nowhere.bin")
    assert read_all([str(tmp_path)]) == []


def test_over_max_bytes_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(20 * MB)  # sparse: cheap to make

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(readers_mod, "open", no_open, raising=False)
    p = only_problem([str(path)])
    assert p.reason == "file is 20.0 MB, over the 10 MB limit (--max-mb)"


@pytest.mark.parametrize(
    ("size", "limit", "reason"),
    [
        (101, 100, "file is 101 bytes, over the 100 bytes limit (--max-mb)"),
        (3000, 2048, "file is 2.9 KB, over the 2 KB limit (--max-mb)"),
        (100, 100, None),
    ],
)
def test_max_bytes(tmp_path: Path, size: int, limit: int, reason: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * size)
    items = read_all([str(path)], max_bytes=limit)
    if reason is None:
        assert isinstance(items[0], Article) and len(items[0].text) == size
    else:
        assert items == [ReadProblem(str(path), reason)]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Text.\n", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers_mod, "_open_fd", denied)
    assert only_problem([str(path)]) == ReadProblem(str(path), "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Text.\n", encoding="utf-8")
    path.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert only_problem([str(path)]) == ReadProblem(str(path), "permission denied")
        assert only_problem([str(locked)]) == ReadProblem(str(locked), "permission denied")
    finally:
        path.chmod(0o644)
        locked.chmod(0o755)


def test_an_unexpected_parser_error_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("Text A.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text B.\n", encoding="utf-8")
    real = readers_mod.build_article

    def flaky(**kwargs: object) -> Article:
        if str(kwargs["path"]).endswith("a.txt"):
            raise RuntimeError("boom")
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readers_mod, "build_article", flaky)
    items = read_all([str(tmp_path)])
    assert items[0] == ReadProblem(str(tmp_path / "a.txt"), "could not be read (RuntimeError: boom)")
    assert isinstance(items[1], Article) and items[1].id == "b"


def test_random_garbage_never_raises(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    for i in range(60):
        ext = [".txt", ".md", ".json", ".jsonl", ".html"][i % 5]
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300)))
        if i % 3 == 0:
            data = data.replace(b"\x00", b"")
        (tmp_path / f"f{i:02d}{ext}").write_bytes(data)
    items = read_all([str(tmp_path)])
    assert len(items) >= 60 and all(isinstance(i, Article | ReadProblem) for i in items)


# ---------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Piped headline here\n\nBody.\n", [("stdin", "Piped headline here\n\nBody.\n", "Piped headline here")]),
        ("\ufeffBOM text\r\n", [("stdin", "BOM text\r\n", None)]),
        ('{"text": "one", "title": "T"}', [("stdin", "one", "T")]),
        ('  [{"text": "a"}, {"id": "b", "text": "b"}]', [("stdin:1", "a", None), ("b", "b", None)]),
        ('{"text": "a"}\n{"text": "b"}\n', [("stdin:1", "a", None), ("stdin:2", "b", None)]),
        ("---\ntitle: Piped\n---\nBody.\n", [("stdin", "Body.\n", "Piped")]),
        ("[Updated] The story\n\nText.", [("stdin", "[Updated] The story\n\nText.", "[Updated] The story")]),
        ("{braces} in a headline\n\nText.", [("stdin", "{braces} in a headline\n\nText.", "{braces} in a headline")]),
    ],
)  # fmt: skip
def test_stdin(content: str, expected: list[tuple[str, str, str | None]]) -> None:
    items = read_all(["-"], stdin=io.StringIO(content))
    assert all(isinstance(i, Article) and i.path == "-" for i in items), items
    assert [(a.id, a.text, a.title) for a in articles(items)] == expected


def test_stdin_html() -> None:
    html = (ROOT / "fixtures/ingest/page.html").read_text(encoding="utf-8")
    a = only_article(["-"], stdin=io.StringIO(html))
    assert (a.id, a.path, a.outlet, a.title) == ("stdin", "-", "Example Times", "Minister says “we will not back down”")


class _BinaryStdin(io.TextIOWrapper):
    """A stdin whose bytes are read from .buffer, as sys.stdin is."""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"   \n", "empty input (only whitespace)"),
        (b"\xff\xfe bytes", "UTF-16 text is not supported (save it as UTF-8)"),
        (b"caf\xe9", "not valid UTF-8 text (byte 0xe9 at offset 3)"),
        (b"bin\x00ary", "binary file"),
        (b'{"text": "a",}', "malformed JSON at line 1: Expecting property name enclosed in double quotes (column 14)"),
        (b'[{"title": "x"}]', "element 1: no text field (expected one of: text, body, content)"),
        (b"x" * 101, "input is over the 100 bytes limit (--max-mb)"),
    ],
)
def test_bad_stdin(data: bytes, reason: str) -> None:
    stream = _BinaryStdin(io.BytesIO(data), encoding="utf-8")
    assert read_all(["-"], stdin=stream, max_bytes=100) == [ReadProblem("-", reason)]


def test_stdin_bytes_are_read_exactly() -> None:
    stream = _BinaryStdin(io.BytesIO("Line one\r\nLine “two”\r\n".encode()), encoding="utf-8")
    assert only_article(["-"], stdin=stream).text == "Line one\r\nLine “two”\r\n"


def test_stdin_mixed_with_files(in_root: Path) -> None:
    items = read_all(["seeds/000_5dbefd8b429d0a1d.txt", "-"], stdin=io.StringIO("Piped text.\n"))
    assert [a.id for a in articles(items)] == ["000_5dbefd8b429d0a1d", "stdin"]


# ---------------------------------------------------------------------------- streaming


def test_thousands_of_files_stream_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Headline {i}\n\nBody of article {i}.\n", encoding="utf-8")
    reads: list[str] = []
    real = readers_mod.read_limited

    def counting(path: str, max_bytes: int, **kwargs: bool) -> bytes:
        reads.append(path)
        return real(path, max_bytes, **kwargs)

    monkeypatch.setattr(readers_mod, "read_limited", counting)
    stream = iter_inputs([str(tmp_path)])
    first = next(stream)
    assert isinstance(first, Article) and first.id == "00000"
    assert len(reads) == 1  # lazily: nothing else was read yet
    start = time.perf_counter()
    rest = list(stream)
    assert len(rest) == 2999 and all(isinstance(a, Article) for a in rest)
    assert time.perf_counter() - start < 10


def test_a_single_path_string_is_one_path(in_root: Path) -> None:
    assert [a.id for a in articles(read_all("seeds"))] == SEED_IDS  # type: ignore[arg-type]


def test_iter_inputs_is_lazy_and_never_raises_at_call_time() -> None:
    stream = iter_inputs(["/definitely/not/here"])
    assert next(stream) == ReadProblem("/definitely/not/here", "no such file or directory")
    assert list(iter_inputs([])) == []


def test_txt_front_matter_is_metadata(tmp_path: Path) -> None:
    """.txt takes the same optional front matter as .md; the text is the body after it."""
    f = tmp_path / "story.txt"
    f.write_text("---\noutlet: Valley Herald\ndate: 2025-03-02\n---\nBody line “quoted,” she said.\n", encoding="utf-8")
    (art,) = [x for x in iter_inputs([str(f)]) if isinstance(x, Article)]
    assert art.outlet == "Valley Herald" and art.date == "2025-03-02"
    assert art.text == "Body line “quoted,” she said.\n"
