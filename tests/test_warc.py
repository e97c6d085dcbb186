"""WARC archives in: HTML response records read like .html files (URL and date from the record), the rest counted.

The archives are written by the tests with warcio (in the dev extra; skipped cleanly without it)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from quotetrace.ingest import iter_inputs
from quotetrace.models import Article, ReadProblem

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"
BRIDGE = "https://northwind-times.example/news/harbour-bridge"
FERRY = "https://valley-courier.example/ferry"
UNDATED = "https://harbour-post.example/market"

UNDATED_PAGE = (
    "<html><head><title>Fish market moves to the quay | Harbour Post</title></head><body><article>"
    "<h1>Fish market moves to the quay</h1>"
    "<p>The fish market will move to the old quay in June, the harbour board decided on Wednesday after a long"
    " debate about parking, deliveries and the smell.</p>"
    '<p>"It is where the boats are, so it is where the market belongs," said Ella Moss, who chairs the board.</p>'
    "<p>Traders will pay the same rent for the first year, the board said, and the old hall will be sold.</p>"
    "</article></body></html>"
)


def _response(writer: WARCWriter, url: str, body: bytes, *, ctype: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2025-05-07T12:00:00Z") -> None:  # fmt: skip
    http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": date}
    )
    writer.write_record(record)


def make_warc(path: Path, *, gzip: bool) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "quotetrace tests"}))
        request = StatusAndHeaders("GET /news/harbour-bridge HTTP/1.1", [("Host", "northwind-times.example")],
                                   is_http_request=True)  # fmt: skip
        writer.write_record(writer.create_warc_record(BRIDGE, "request", payload=io.BytesIO(b""), http_headers=request))
        _response(writer, BRIDGE, (WEB / "harbour-bridge.html").read_bytes())
        _response(writer, "https://northwind-times.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
                  ctype="image/png")  # fmt: skip
        _response(writer, "https://northwind-times.example/gone", b"<html><body>Not found</body></html>",
                  status="404 Not Found")  # fmt: skip
        _response(writer, FERRY, (WEB / "ferry-timetable.html").read_bytes(), ctype="text/html")
        _response(writer, BRIDGE, (WEB / "harbour-bridge.html").read_bytes())  # the same URL again
        _response(writer, UNDATED, UNDATED_PAGE.encode("utf-8"), date="2025-05-08T06:30:00Z")
        _response(writer, "https://example.org/fr", (WEB / "french.html").read_bytes())


def read(path: Path) -> tuple[list[Article], list[ReadProblem]]:
    items = list(iter_inputs([str(path)]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadProblem)]


@pytest.mark.parametrize("name", ["news.warc", "news.warc.gz"])
def test_warc_html_records_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    make_warc(path, gzip=name.endswith(".gz"))
    articles, problems = read(path)
    assert [a.id for a in articles] == [BRIDGE, FERRY, UNDATED]
    assert all(a.url == a.id and a.path == str(path) for a in articles)
    bridge, ferry, undated = articles
    assert bridge.title == "Harbour bridge to reopen in May, mayor says" and bridge.outlet == "The Northwind Times"
    assert (bridge.date or "").startswith("2025-05-05")  # the page's own date
    assert undated.date and undated.date.startswith("2025-05-08")  # the record's WARC-Date
    assert undated.title == "Fish market moves to the quay"
    assert ferry.title == "Ferry timetable changes for the summer"
    assert "Loading Photo Gallery" not in ferry.text
    reasons = {p.reason for p in problems}
    assert any(r.startswith("not English") for r in reasons)
    assert f"{path}" in {p.path for p in problems}
    assert "3 record(s) skipped: 1 not HTML, 1 not a 200 answer, 1 a URL already read; 4 article(s) read" in reasons


def test_warc_reads_like_the_html_file(tmp_path: Path) -> None:
    path = tmp_path / "one.warc.gz"
    make_warc(path, gzip=True)
    from_warc = read(path)[0][0]
    from_file = read(WEB / "harbour-bridge.html")[0][0]
    assert from_warc.text == from_file.text and from_warc.title == from_file.title


def test_damaged_archive_keeps_what_came_before(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    make_warc(whole, gzip=True)
    data = whole.read_bytes()
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(data[: int(len(data) * 0.7)] + b"\x00garbage" * 10)
    articles, problems = read(damaged)
    assert articles and [a.id for a in articles] == [BRIDGE, FERRY, UNDATED][: len(articles)]
    assert any("archive damaged after" in p.reason for p in problems)


@pytest.mark.parametrize("content", [b"", b"WARC/1.0\r\nnot really\r\n\r\n", b"plain text, not an archive"])
def test_not_an_archive(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    articles, problems = read(path)
    assert not articles and problems and all(p.path == str(path) for p in problems)


def test_warc_found_in_a_folder(tmp_path: Path) -> None:
    make_warc(tmp_path / "a.warc.gz", gzip=True)
    (tmp_path / "notes.txt").write_text("Mayor Maria Lopez said the bridge would reopen in May.\n", encoding="utf-8")
    articles, _ = read(tmp_path)
    assert {a.id for a in articles} == {BRIDGE, FERRY, UNDATED, "notes"}


@pytest.mark.slow
def test_extract_command_reads_a_warc(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from quotetrace.cli import app

    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    path = tmp_path / "news.warc.gz"
    make_warc(path, gzip=True)
    result = runner.invoke(app, ["extract", str(path), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["article"]["id"] for d in docs] == [BRIDGE, FERRY, UNDATED]
    quotes = {q["text"] for d in docs for q in d["quotes"]}
    assert "It is where the boats are, so it is where the market belongs" in quotes
    assert "record(s) skipped" in result.stderr and str(path) in result.stderr
    assert "not English" in result.stderr
