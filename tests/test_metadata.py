"""Tests for metadata normalisation and inference (quotetrace.ingest.metadata): dates, outlets, titles."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from quotetrace.ingest import metadata as md

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# ---------------------------------------------------------------------------- normalise_date


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2023-11-14", "2023-11-14"),
        ("  2023-11-14 ", "2023-11-14"),
        ("2023/11/14", "2023-11-14"),
        ("2023-11-14T09:30:00Z", "2023-11-14T09:30:00Z"),
        ("2023-11-14T09:30:00", "2023-11-14T09:30:00"),
        ("2023-11-14 09:30", "2023-11-14T09:30:00"),
        ("2023-11-14T09:30:00+01:00", "2023-11-14T09:30:00+01:00"),
        ("2023-11-14T09:30:00.250-0500", "2023-11-14T09:30:00.250000-05:00"),
        ("Tue, 14 Nov 2023 09:30:00 GMT", "2023-11-14T09:30:00+00:00"),
        ("November 14, 2023", "2023-11-14"),
        ("Nov. 14, 2023", "2023-11-14"),
        ("Tuesday, November 14, 2023", "2023-11-14"),
        ("14 November 2023", "2023-11-14"),
        ("14th Nov 2023", "2023-11-14"),
        ("14.11.2023", "2023-11-14"),
        ("05.06.2023", "2023-06-05"),  # dotted dates are day-first
        ("14/11/2023", "2023-11-14"),
        ("11/14/2023", "2023-11-14"),
    ],
)
def test_normalise_date(given: str, expected: str) -> None:
    assert md.normalise_date(given) == expected


@pytest.mark.parametrize(
    "given",
    [
        None,
        "",
        "   ",
        "yesterday",
        "03/04/2023",  # ambiguous: March 4 or 3 April
        "2023-02-30",  # no such day
        "2023-13-01",
        "1066-10-14",  # implausible publication year
        "He spoke on 3 March 2019 in Brussels",  # a sentence, not a date
        20231114,
        1699954200,  # epoch numbers are not taken as dates
        ["2023-11-14"],
    ],
)
def test_normalise_date_rejects(given: object) -> None:
    assert md.normalise_date(given) is None


# ---------------------------------------------------------------------------- infer_date

BODY = "\n\nThe minister spoke to reporters.\n\nShe said more later.\n"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("2023-11-14", "2023-11-14"),
        ("Published: 2023-11-14T09:30:00Z", "2023-11-14"),
        ("11:48 14.11.2023", "2023-11-14"),
        ("11:48 05.06.2023", "2023-06-05"),  # leading time: the site's dd.mm.yyyy dateline
        ("14.11.2023", "2023-11-14"),  # day > 12: unambiguous
        ("November 14, 2023", "2023-11-14"),
        ("Tuesday, November 14, 2023 10:32 AM EST", "2023-11-14"),
        ("14 November 2023", "2023-11-14"),
        ("Updated 14 Nov 2023, 10:32 GMT", "2023-11-14"),
        ("By Jane Doe | November 14, 2023", "2023-11-14"),
        ("Published 14 November 2023 | Updated 15 November 2023", "2023-11-14"),
    ],
)
def test_infer_date_from_a_dateline(head: str, expected: str) -> None:
    assert md.infer_date(head + BODY) == expected
    assert md.infer_date("Some headline here\n" + head + BODY) == expected


def test_infer_date_from_a_menafn_trailer() -> None:
    assert md.infer_date("(MENAFN) Text of the article.\n\nMore text.\n\nMENAFN07042024000045015687ID1108067888\n") == (
        "2024-04-07"
    )


def test_infer_date_from_a_trailer_line() -> None:
    assert md.infer_date("Headline\n\nBody text.\n\nPublished November 14, 2023\n") == "2023-11-14"


@pytest.mark.parametrize(
    "text",
    [
        "NATO said on 3 March 2019 that it would respond.\n\nMore text.",
        "What happened on 3 March 2019\n\nA look back.",  # a headline that mentions a date
        "Headline\n\nBody.\n\nThe treaty was signed on 3 March 2019 in Vienna.\n",  # a body sentence at the end
        "Headline\n\nFirst paragraph.\nSecond.\nThird.\nFourth.\nFifth.\n\n3 March 2019\n\nMore.\nEven more.\nEnd.",
        "05.06.2023\n\nBody text.",  # could be 5 June or May 6
        "03/04/2023\n\nBody text.",
        "Copyright 2023 The Associated Press\n\nBody text.",
        "No date anywhere in this article.\n\nReally none.",
        "",
    ],
)
def test_infer_date_negatives(text: str) -> None:
    assert md.infer_date(text) is None


# ---------------------------------------------------------------------------- outlets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Body.\n\nThe post Some Headline appeared first on The Gateway Pundit.", "The Gateway Pundit"),
        ("(MENAFN) Officials said...\n\nMore.", "MENAFN"),
        ("(MENAFN- Jordan Times) Officials said...", "MENAFN"),
        ("Body.\n\nMENAFN07042024000045015687ID1108067888", "MENAFN"),
        ("Headline\nSummary sentence Read Full Article at RT.com\nBody.", "RT"),
        ("WASHINGTON (Reuters) - The U.S. said on Tuesday...", "Reuters"),
        ("(Reuters) - The company said...", "Reuters"),
        ("KYIV, Ukraine (AP) — Ukrainian officials said...", "The Associated Press"),
        ("PARIS (AFP) - France said...", "AFP"),
        ("Body.\n\nCopyright 2023 The Associated Press. All rights reserved.", "The Associated Press"),
        ("Body.\n\n© 2024 The Associated Press", "The Associated Press"),
        ("Body.\n\nCopyright AFP. All rights reserved.", "AFP"),
        ("Body.\n\nThis story first appeared in Associated Press.", "The Associated Press"),
        ("Body.\n\nThis article originally appeared on The Conversation.", "The Conversation"),
        ("Body.\n\nThis story was originally published by ProPublica.", "ProPublica"),
        ("Body.\n\nThis article originally appeared on nytimes.com.", "The New York Times"),
        ("Body.\n\nThis article originally appeared on [Grist](https://grist.org/x).", "Grist"),
    ],
)
def test_infer_outlet(text: str, expected: str) -> None:
    assert md.infer_outlet(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Plain article with no boilerplate.\n\nSource link",
        "Body.\n\nAccording to Reuters, the talks failed.",  # citing an outlet is not being it
        "In an interview with the BBC, he said...",
        "Officials told (Reuters) reporters...\n\n" + "Line.\n" * 10,  # not a lede dateline
        "First.\nSecond.\nThird.\nFourth.\nFifth.\nSixth.\nWASHINGTON (Reuters) - late in the text.",
        "Body.\n\nThe post Title appeared first on a site whose very long name goes on and on and on and on here.",
        "",
    ],
)
def test_infer_outlet_negatives(text: str) -> None:
    assert md.infer_outlet(text) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.nytimes.com/2023/11/14/world/x.html", "The New York Times"),
        ("https://www.foxnews.com/politics/x", "Fox News"),
        ("https://www.huffpost.com/entry/x", "HuffPost"),
        ("https://www.huffingtonpost.com/entry/x", "HuffPost"),
        ("https://www.bbc.co.uk/news/x", "BBC"),
        ("https://www.bbc.com/news/x", "BBC"),
        ("https://news.bbc.co.uk/1/hi/x", "BBC"),
        ("https://www.reuters.com/world/x", "Reuters"),
        ("https://apnews.com/article/x", "The Associated Press"),
        ("https://www.theguardian.com/world/x", "The Guardian"),
        ("https://www.washingtonpost.com/x", "The Washington Post"),
        ("https://edition.cnn.com/2023/x", "CNN"),
        ("https://www.breitbart.com/x", "Breitbart"),
        ("https://www.rt.com/news/x", "RT"),
        ("https://menafn.com/x", "MENAFN"),
        ("https://www.thegatewaypundit.com/2024/x", "The Gateway Pundit"),
        ("https://abcnews.go.com/x", "ABC News"),
        ("HTTPS://WWW.NYTIMES.COM/x", "The New York Times"),
        ("nytimes.com/x", "The New York Times"),
        ("https://news.example.org/a/b", "example.org"),  # unknown host → registrable domain
        ("https://www.example.co.uk/a", "example.co.uk"),
        ("https://blog.example.com.au:8080/a", "example.com.au"),
    ],
)
def test_outlet_for_url(url: str, expected: str) -> None:
    assert md.outlet_for_url(url) == expected


@pytest.mark.parametrize("url", ["", "not a url", "http://localhost/x", "http://127.0.0.1/x", "mailto:", "https://"])
def test_outlet_for_url_negatives(url: str) -> None:
    assert md.outlet_for_url(url) is None


def test_outlet_for_url_without_domain_fallback() -> None:
    assert md.outlet_for_url("https://www.cnn.com/x", domain_fallback=False) == "CNN"
    assert md.outlet_for_url("https://www.example.org/x", domain_fallback=False) is None


# ---------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO Chief Reverses Course\n\nBody text.", "NATO Chief Reverses Course"),
        ("Russian victory 'a tragedy' – NATO\nBody text follows directly.", "Russian victory 'a tragedy' – NATO"),
        ("Is this the end of the war?\n\nBody.", "Is this the end of the war?"),
        ("11:48 14.11.2023\n\nTalks: Ukraine decides this\n\nBody.", "Talks: Ukraine decides this"),
        ("Stoltenberg says Ukraine must decide.\n\nBody text.", "Stoltenberg says Ukraine must decide."),
        ("# Markdown heading here\n\nBody.", "Markdown heading here"),
        ("\n\n  Leading blank lines then a headline  \n\nBody.", "Leading blank lines then a headline"),
        ("By Jane Doe\n3 min read\nAdvertisement\nThe real headline\n\nBody.", "The real headline"),
    ],
)
def test_infer_title(text: str, expected: str) -> None:
    assert md.infer_title(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A" * 30 + " " + "b" * 200 + "\n\nBody.",  # too long
        "He said it. Then he left.\n\nBody.",  # two sentences
        "The first paragraph is a sentence that ends with a period.\nAnd the text goes on.",  # period, no blank line
        "(MENAFN) Officials said on Tuesday\n\nBody.",
        "Only one line in the whole article",
        "Word\n\nBody.",  # a single word
        "By Jane Doe\n\nHe said it. Then he left.",  # a byline is not a headline
        "2023\n\nBody.",
        "The minister said the following:\n\nBody.",
        "",
        "\n\n\n",
    ],
)
def test_infer_title_negatives(text: str) -> None:
    assert md.infer_title(text) is None


# ---------------------------------------------------------------------------- the seed corpus


def _seed_rows() -> list[dict[str, str]]:
    with open(SEEDS / "metadata.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", _seed_rows(), ids=lambda row: row["file"])
def test_inference_agrees_with_the_seed_sidecar(row: dict[str, str]) -> None:
    """Inference never contradicts the hand-made metadata; where that metadata is empty it stays unsure."""
    text = (SEEDS / row["file"]).read_text(encoding="utf-8")
    inferred = {"outlet": md.infer_outlet(text), "date": md.infer_date(text), "title": md.infer_title(text)}
    for key, value in inferred.items():
        if value is not None and row[key]:
            assert value == row[key], key
    if not row["outlet"]:
        assert inferred["outlet"] is None
