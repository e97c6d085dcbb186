"""Cleaner pages in: canonical outlets, titles without site suffixes, bodies without furniture, credits not speech."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotetrace.ingest import iter_inputs, outlets
from quotetrace.ingest.boilerplate import clean_body, is_boilerplate
from quotetrace.ingest.htmlpage import feed_title, json_ld_body, read_page, title_brand
from quotetrace.ingest.language import foreign_language
from quotetrace.ingest.metadata import strip_title_site
from quotetrace.models import Article, ReadProblem
from quotetrace.nlp.credit_lines import dateline_end, is_credit_line

WEB = Path(__file__).resolve().parent.parent / "fixtures" / "web"


@pytest.fixture(autouse=True)
def _no_user_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(outlets.OUTLETS_ENV, raising=False)


# ---------------------------------------------------------------------------- outlets


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("ReutersIndia", "http://in.reuters.com/article/x", "Reuters"),
        ("Reuters_Co_Uk", "http://uk.reuters.com/article/x", "Reuters"),
        ("The Boston Herald", "https://www.bostonherald.com/x", "Boston Herald"),
        ("The Boston Herald", None, "Boston Herald"),
        ("Boston Herald", None, "Boston Herald"),
        ("WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale", "https://wsvn.com/news/x", "WSVN 7News"),
        ("Timesofisrael", "https://www.timesofisrael.com/x", "The Times of Israel"),
        ("Timesofisrael", None, "The Times of Israel"),
        ("Telegraph.co.uk", None, "The Telegraph"),
        ("DW.COM", "https://www.dw.com/en/x", "DW"),
        ("The Huffington Post", None, "HuffPost"),
        ("Fox News Latino", "http://latino.foxnews.com/x", "Fox News"),
        ("St. Lucia Times News", "https://stluciatimes.example/x", "St. Lucia Times News"),
        ("guardian.co.tt", "http://www.guardian.co.tt/news/x", "guardian.co.tt"),  # a domain is not "The Guardian"
        (None, "https://news.example.org/a", "example.org"),
        (None, None, None),
    ],
)
def test_canonical_outlet(site: str | None, url: str | None, expected: str | None) -> None:
    assert outlets.canonical_outlet(site, url) == expected


def test_canonical_outlet_from_title_brand_when_site_name_is_the_domain() -> None:
    got = outlets.canonical_outlet("tribune242.com", "http://www.tribune242.com/x", title_brand="The Tribune")
    assert got == "The Tribune"
    assert outlets.canonical_outlet("tribune242.com", "http://www.tribune242.com/x", fallback=False) == "tribune242.com"
    assert outlets.canonical_outlet("NJ.com", "http://www.nj.com/x") == "NJ.com"  # the site's own spelling
    assert outlets.canonical_outlet(None, "http://www.tribune242.com/x", fallback=False) is None


def test_same_outlet() -> None:
    assert outlets.same_outlet("The Boston Herald", "Boston Herald")
    assert not outlets.same_outlet("Boston Herald", "The Boston Globe")


def test_user_table_extends_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "mine.json"
    table.write_text(
        json.dumps({"outlets": {"Harbour Post": ["harbour-post.example"], "Reuters News": ["reuters.com"]}}),
        encoding="utf-8",
    )
    monkeypatch.setenv(outlets.OUTLETS_ENV, str(table))
    assert outlets.canonical_outlet(None, "https://www.harbour-post.example/x") == "Harbour Post"
    assert outlets.canonical_outlet("ReutersIndia", "http://in.reuters.com/x") == "Reuters News"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"outlets": ["a"]}'])
def test_broken_user_table_keeps_the_shipped_one(content: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "bad.json"
    table.write_text(content, encoding="utf-8")
    monkeypatch.setenv(outlets.OUTLETS_ENV, str(table))
    assert outlets.canonical_outlet(None, "https://www.reuters.com/x") == "Reuters"
    with pytest.raises(outlets.OutletTableError, match=r"bad\.json"):
        outlets.load_table(str(table))
    assert (outlets.table_problem() or "").startswith(f"{table}: cannot use this outlet table")


def test_broken_user_table_is_a_warning_on_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from quotetrace.cli import app

    table = tmp_path / "bad.json"
    table.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv(outlets.OUTLETS_ENV, str(table))
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(app, ["extract", str(WEB / "harbour-bridge.html"), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"{table}: cannot use this outlet table" in result.stderr
    assert json.loads(result.stdout)[0]["article"]["outlet"] == "The Northwind Times"


# ---------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("title", "names", "url", "expected"),
    [
        ("Thatcher feared GCSEs would lower standards - Telegraph", ["Telegraph.co.uk"], None,
         "Thatcher feared GCSEs would lower standards"),
        ("Berlin confronts its colonial past | DW | 19.01.2020", ["DW.COM"], None,
         "Berlin confronts its colonial past"),
        ("Arrest BVI Premier - Governor Calls For Calm - St. Lucia Times News", ["St. Lucia Times News"], None,
         "Arrest BVI Premier - Governor Calls For Calm"),
        ("Forex motion defeated - Trinidad and Tobago Newsday", ["Trinidad and Tobago Newsday"], None,
         "Forex motion defeated"),
        ("BBC News - Storm hits the coast", ["BBC"], None, "Storm hits the coast"),
        ("Storm hits the coast | example.org", [], "https://www.example.org/x", "Storm hits the coast"),
        ("Trump - Biden debate ends early", ["The Hill"], None, "Trump - Biden debate ends early"),
        ("Telegraph", ["Telegraph.co.uk"], None, "Telegraph"),  # never the last segment left
        ("Senate passes the bill", ["Politico"], None, "Senate passes the bill"),
        # the site's name and a section
        ("Takeaways from the trial | CNN Politics", ["CNN"], None, "Takeaways from the trial"),
        ("BBC Sport - Late goal wins it", ["BBC"], None, "Late goal wins it"),
        ("Obama speaks - CNN Heroes Of The Year Awards", ["CNN"], None, "Obama speaks - CNN Heroes Of The Year Awards"),
        # a leading rubric goes; a speaker's label stays, and so does a rubric before too short a rest
        ("Analysis: The sparring match at the court | CNN Politics", ["CNN"], None, "The sparring match at the court"),
        ("Rubio: I still believe in it", ["CNN"], None, "Rubio: I still believe in it"),
        ("Watch: Fire", ["CNN"], None, "Watch: Fire"),
        (None, ["X"], None, None),
    ],
)  # fmt: skip
def test_strip_title_site(title: str | None, names: list[str | None], url: str | None, expected: str | None) -> None:
    assert strip_title_site(title, names, url) == expected


@pytest.mark.parametrize(
    ("title", "authors", "expected"),
    [
        ("2012 map takes unfamiliar shape - Maggie Haberman and Shira Toeplitz", "Maggie Haberman; Shira Toeplitz",
         "2012 map takes unfamiliar shape"),
        ("Storm hits the coast | By Jane Doe", "Jane Doe", "Storm hits the coast"),
        ("Storm hits the coast - Jane Doe & John Roe - Example News", "Jane Doe; John Roe", "Storm hits the coast"),
        # only a segment of nothing but the byline's names goes, and never the last one left
        ("Storm hits the coast - Jane Doe and the mayor", "Jane Doe", "Storm hits the coast - Jane Doe and the mayor"),
        ("Jane Doe - Storm hits the coast", "Jane Doe", "Jane Doe - Storm hits the coast"),
        ("Jane Doe", "Jane Doe", "Jane Doe"),
        ("Storm hits the coast - Jane Doe", None, "Storm hits the coast - Jane Doe"),
    ],
)  # fmt: skip
def test_strip_title_byline(title: str, authors: str | None, expected: str) -> None:
    assert strip_title_site(title, ["Example News"], None, authors=authors) == expected


def test_title_brand_skips_dates() -> None:
    markup = "<html><head><title>Ferry changes | Valley Courier | 06.05.2025</title></head></html>"
    assert title_brand(markup, "Ferry changes") == "Valley Courier"
    assert title_brand(markup, "Something else") is None


@pytest.mark.parametrize(
    ("title_tag", "headline", "brand"),
    [
        # the headline's own dash is no separator: the brand is what the <title> adds after the headline
        ("Hating Millennials - the prejudice you&#039;re allowed to boast about / Boing Boing",
         "Hating Millennials - the prejudice you're allowed to boast about", "Boing Boing"),
        ("Arrest BVI Premier - Governor Calls For Calm | The Observer", "Arrest BVI Premier - Governor Calls For Calm",
         "The Observer"),
        ("The Observer | Arrest BVI Premier - Governor Calls For Calm", "Arrest BVI Premier - Governor Calls For Calm",
         "The Observer"),
        ("Ferry changes", "Ferry changes", None),  # nothing added
        ("Ferry changes / 06.05.2025", "Ferry changes", None),  # only a date added
    ],
)  # fmt: skip
def test_title_brand_is_what_the_title_adds_to_the_headline(title_tag: str, headline: str, brand: str | None) -> None:
    markup = f"<html><head><title>{title_tag}</title></head></html>"
    assert title_brand(markup, headline) == brand
    names = [None, None, brand]
    assert strip_title_site(headline, names, None) == headline  # the headline keeps all of itself


@pytest.mark.parametrize(
    ("links", "name"),
    [
        ('<link rel="alternate" type="application/atom+xml" title="Luxury Haven | Award-winning Blog - Atom">',
         "Luxury Haven | Award-winning Blog"),
        ("<link title='Valley Courier &raquo; Feed' href='/feed' type='application/rss+xml' rel='alternate'>",
         "Valley Courier"),
        # a comments feed names a post; the site's feed after it is the one
        ('<link rel="alternate" type="application/rss+xml" title="Courier &raquo; Ferry changes Comments Feed">'
         '<link rel="alternate" type="application/rss+xml" title="Courier RSS">', "Courier"),
        ('<link rel="stylesheet" type="text/css" title="Courier" href="/c.css">', None),  # not a feed
        ('<link rel="alternate" hreflang="de" title="Courier (Deutsch)" href="/de">', None),  # a translation
        ("", None),
    ],
)  # fmt: skip
def test_feed_title(links: str, name: str | None) -> None:
    assert feed_title(f"<html><head>{links}</head><body></body></html>") == name


@pytest.mark.parametrize(
    ("feed", "url", "outlet"),
    [
        ("Luxury Haven | Award-winning Singapore Lifestyle Blog", "https://www.luxuryhaven.co/2019/05/x.html",
         "Luxury Haven"),
        # a section's feed does not spell the site: no outlet from it
        ("Detroit Lions", "https://www.mlivefeeds.com/lions/x.html", None),
        ("All news stories", "https://phys.org/news/x.html", None),
        ("Luxury Haven", None, None),  # no url to check it against
    ],
)  # fmt: skip
def test_a_feed_names_the_outlet_only_when_it_spells_the_domain(feed: str, url: str | None, outlet: str | None) -> None:
    assert outlets.canonical_outlet(None, url, feed_name=feed, fallback=False) == outlet


def _ld(body: object, kind: str = "NewsArticle") -> str:
    return '<script type="application/ld+json">' + json.dumps({"@type": kind, "articleBody": body}) + "</script>"


LONG = "  ".join(
    f"Paragraph {i} says the council met on Monday and agreed the plan after a long debate." for i in range(12)
)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (_ld(LONG), [f"Paragraph {i} says the council met on Monday and agreed the plan after a long debate."
                     for i in range(12)]),
        (_ld("<p>First &amp; foremost.</p><p>Second.</p>"), ["First & foremost.", "Second."]),
        ('<script type="application/ld+json">{"@graph": [{"@type": "Page"}, {"articleBody": "In a graph."}]}</script>',
         ["In a graph."]),
        ('<script type="application/ld+json">{"articleBody": "cut off</script>', None),  # broken JSON
        ('<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>", None),  # hostile depth
        (_ld(42), None),
        ("<p>No structured data.</p>", None),
    ],
)  # fmt: skip
def test_json_ld_body(markup: str, expected: list[str] | None) -> None:
    body = json_ld_body(f"<html><head>{markup}</head><body></body></html>")
    assert (body.split("\n") if body else None) == expected


def _stub_page(html_words: int, ld: str) -> str:
    story = " ".join(["The council met and talked about the bridge again."] * (html_words // 9))
    return (
        "<html><head><title>Bridge plan agreed</title>"
        f"{ld}</head><body><article><h1>Bridge plan agreed</h1><p>{story}</p></article></body></html>"
    )


def test_a_stub_page_reads_its_structured_article_body() -> None:
    page = read_page(_stub_page(20, _ld(LONG)))
    assert page.text is not None
    assert page.text.split("\n")[0].startswith("Paragraph 0 says")
    assert len(page.text.split("\n")) == 12


@pytest.mark.parametrize(
    "ld",
    [
        _ld("A short teaser of the story."),  # not twice as long as the page's own text, nor 100 words
        "",
    ],
)
def test_the_page_text_stays_when_structured_data_adds_nothing(ld: str) -> None:
    page = read_page(_stub_page(60, ld))
    assert page.text is not None and "The council met" in page.text


def test_a_full_page_keeps_its_own_text_over_structured_data() -> None:
    page = read_page(_stub_page(400, _ld(LONG + "  " + LONG)))
    assert page.text is not None and "Paragraph 0" not in page.text


# ---------------------------------------------------------------------------- boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "- Tweet this", "- Link this", "- Digg this", "Share", "Read more: Looted colonial art: Germany sets up office",
        "Loading Photo Gallery", "Loading weather data ...", "MORE POLITICS", "Like us on Facebook",
        "Follow us on Twitter & Instagram", "Our Standards: The Thomson Reuters Trust Principles.",
        "peter.christopher@example.com", "(Credit: Clayton Aldern / Grist)", "Chip Somodevilla/Getty Images",
        "Photo: Jan Olsen/Getty Images", "If you're on the ABC7 News app, click here to watch live",
        "CNN will soon launch Royal News, a weekly newsletter bringing you the inside track",
        "Sign up for our daily newsletter and get the news in your inbox.",
        "Weak factory reports suggest more central bank action Full Article",
        "Copyright 2025 Northwind Times. All rights reserved.",
        "Story continues below advertisement", "Continue reading the main story", "Advertisement - scroll to continue",
        "Media playback is unsupported on your device", "Image copyright Getty Images", "Skip to main content",
        "Already a subscriber? Log in", "This video is not available in your region.", "Sign in to comment",
        "Support independent journalism today.", "More Must-Reads From TIME", "More stories from The Courier:",
        "Write to Jane Doe at jane.doe@example.com", "-- By Michael Russell Follow @tdmrussell",
        "You Might Also Like …",
        "You read this long post all the way down. Thanks, much obliged! Now, let me ask you something: Do you enjoy"
        " reading Verfassungsblog? If you do, please support us so that we can keep up our work and stay independent.",
        "If you value our independent journalism, please support us with a donation today.",
        "Become a member and help keep our journalism free to read.",
        "Topics: olympics-summer, swimming, australia", "Tagged: armed forces, Marines, military",
        "Filed under: Nation, Politics", "See TIME's Pictures of the Week.", "Watch the video",
        "Just a heads up, some of the links on Example are affiliate links. This means if you click on them and make a"
        " purchase, we may earn a small commission at no additional cost to you.",
    ],
)  # fmt: skip
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "He said the share price fell.", "More than 100 people died.", "Share prices fell 3% on Monday.",
        "Read the statement, he said.", "The photo: a man standing by the road.", "Loading the ships took a week.",
        "Reuters said on Tuesday that the talks had failed.", "(Writing by Dean Yates; Editing by Michael Perry)",
        "The story continues below the bridge, where the river widens.", "Image rights were sold.",
        "He could not skip to the end.", "Already, a subscriber base of millions?",
        "“Follow the money,” she said on Twitter, where she has millions of followers and posts daily about the case"
        " and the newsletter she writes for the campaign, which she says she will sign up to keep writing.",
        "She wrote to the council at the time.", "More from the minister's speech was released on Friday evening.",
        "Police asked anyone with information to contact them at tips@police.example.gov.",
        # an appeal in someone's quoted words, or "support us" without a word of the site's own work, is the story's
        "“Please support us so we can keep going,” the shelter director told reporters.",
        "The charity asked residents to support us in keeping the library open, the mayor said.",
        # a label that heads a sentence or a quotation, and a look at something in the story, are the story's
        "Topics: “Why we fight,” he said, were many that night!", "See photos of the damage.",
        "See the results below.", "Watch what happens when the vote comes.",
        "",
    ],
)  # fmt: skip
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_furniture_is_never_a_plain_text_headline() -> None:
    from quotetrace.ingest.metadata import infer_title

    text = "- Tweet this\nLoading Photo Gallery\nMayor says bridge reopens in May\n\nThe mayor said so on Monday."
    assert infer_title(text) == "Mayor says bridge reopens in May"


def test_clean_body_drops_furniture_and_invisible_characters() -> None:
    text = "Thou\u00adsands came.\n\n- Tweet this\n- Digg this\n\nThey left.\n\nRead more: Other story"
    assert clean_body(text) == "Thousands came.\n\nThey left."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a related-links heading and the short bulleted headlines under it go; the story after it stays
        ("Story.\nMore Must-Reads From TIME\n- The Struggle to Save Lives\n- Inside Gaza’s Hospitals\nThe end.",
         "Story.\nThe end."),
        ("Story.\n\nYou Might Also Like …\n• Your browser does not belong to you\n\nThe end.", "Story.\n\nThe end."),
        ("Story.\nEditors’ Recommendations:\n- Crates are leaving the game\n- Review: rats, so many rats\nThe end.",
         "Story.\nThe end."),
        # a bulleted list of the story's own, under no such heading, is the story
        ("Laws:\n- Oregon: paid leave\n- Delaware: fins", "Laws:\n- Oregon: paid leave\n- Delaware: fins"),
        # a long bulleted line under the heading is not a headline: the list has ended
        ("More from The Courier\n- " + "A long line of the story. " * 7, "- " + "A long line of the story. " * 7),
    ],
)  # fmt: skip
def test_clean_body_drops_related_links_lists(text: str, expected: str) -> None:
    assert clean_body(text) == expected


@given(st.lists(st.sampled_from(["A sentence of the story.", "- Tweet this", "", "Loading Photo Gallery", "Quote."])))
def test_clean_body_keeps_every_story_line_in_order(lines: list[str]) -> None:
    out = clean_body("\n".join(lines)).split("\n")
    story = [line for line in lines if line.strip() and not is_boilerplate(line)]
    assert [line for line in out if line.strip()] == story


# ---------------------------------------------------------------------------- credit lines


@pytest.mark.parametrize(
    "line",
    [
        "(Writing by Dean Yates; Editing by Robert Birsel)",
        "(Reporting by Andy Bruce in London and Ankur Banerjee in Bengaluru; Editing by Joyjeet Das)",
        "Additional reporting by Steve Gorman; Editing by Marguerita Choy, Nick Zieminski and Simon Cameron-Moore",
        "(REPORTING BY JANE DOE)",
        "Photo by Jane Doe/Getty Images",
        "Marc Santora contributed reporting from London.",
        "CNN's Jason Carroll and Ben Brumfield contributed to this report.",
        "Andrew Kramer reported from Kyiv, and Ivan Nechepurenko reported from Moscow.",
    ],
)
def test_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "He said the reporting by the BBC was unfair.",
        "Smith said the report was written by aides.",
        "The army reported from the front that it had advanced.",
        "Editing by committee is a bad idea, she said.",
        "Reporting by Reuters showed that he lied.",
        "",
    ],
)
def test_not_credit_lines(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.slow
def test_credit_lines_are_never_reported_speech() -> None:
    from quotetrace import extract_quotes

    text = (
        "KYIV (Reuters) - Ukraine's army said on Tuesday that it had retaken two villages in the east.\n\n"
        "Andrew Kramer reported from Kyiv, and Ivan Nechepurenko reported from Moscow.\n\n"
        "(Reporting by Pavel Polityuk; Writing by Tom Balmforth; Editing by Alex Richardson)\n\n"
        "Additional reporting by Steve Gorman; Editing by Marguerita Choy\n"
    )
    mentions = extract_quotes(text, include_indirect=True)
    assert [m.text for m in mentions] == ["it had retaken two villages in the east"]
    assert all(not is_credit_line(text[m.start : m.end]) for m in mentions)


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("AMHERST, N.H. — Gov. Rick Perry of Texas said on Tuesday …", "AMHERST, N.H. — "),
        ("WASHINGTON — Senators met …", "WASHINGTON — "),
        ("ST. LOUIS -- The mayor said …", "ST. LOUIS -- "),
        ("SAN JUAN, Puerto Rico — Residents …", "SAN JUAN, Puerto Rico — "),
        ("NEW YORK (AP) — Mayor Bill de Blasio said …", "NEW YORK (AP) — "),
        ("KYIV, Ukraine (Reuters) - President Volodymyr Zelenskiy said …", "KYIV, Ukraine (Reuters) - "),
        ("BERLIN, Dec 5 (Reuters) - Chancellor Olaf Scholz said …", "BERLIN, Dec 5 (Reuters) - "),
        ("(Reuters) - The company said …", "(Reuters) - "),
        ("(CNN)President Joe Biden said …", "(CNN)"),
        ("WASHINGTON (CNN) President Joe Biden said …", "WASHINGTON (CNN) "),
        ("WASHINGTON — “We will win,” Smith said.", "WASHINGTON — "),
        # negative: no dateline
        ("NATO — the alliance of 31 nations — said it would stand firm.", ""),
        ("SMITH: We will fight on.", ""),
        ("Washington — the capital — is quiet.", ""),
        ("Paris, France — a city of light.", ""),
        ("WASHINGTON-based groups said …", ""),
        ("The President — Joe Biden — said …", ""),
        ("(and he meant it) said Smith.", ""),
        ("", ""),
    ],
)
def test_dateline_end(paragraph: str, dateline: str) -> None:
    assert paragraph[: dateline_end(paragraph)] == dateline


@given(st.text(alphabet="ABCN. ,—–-()'’“\"abc12\n", max_size=60))
def test_a_dateline_ends_where_a_sentence_starts(paragraph: str) -> None:
    end = dateline_end(paragraph)
    assert 0 <= end < len(paragraph) or end == 0
    if end:
        assert paragraph[end] in "ABCN12“\"'" and paragraph[:1] in "ABCN("


# ---------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le pont du port sera de nouveau ouvert à la circulation au mois de mai, après huit mois de travaux, a annoncé"
         " lundi la maire de la ville. « Nous avons réparé ce qui était cassé et nous l'ouvrirons à temps », a déclaré"
         " la maire aux journalistes dans la salle du conseil.", "French"),
        ("Die Bundesregierung hat am Montag angekündigt, dass die Brücke im Mai wieder geöffnet wird. „Wir haben"
         " repariert, was kaputt war“, sagte die Bürgermeisterin vor Journalisten im Rathaus. Die Arbeiten hätten"
         " 40 Millionen Euro gekostet, weniger als der Rat befürchtet hatte.", "German"),
        ("El puente del puerto volverá a abrirse al tráfico en mayo, después de ocho meses de obras, anunció el lunes"
         " la alcaldesa de la ciudad. «Hemos arreglado lo que estaba roto y lo abriremos a tiempo», dijo la alcaldesa"
         " a los periodistas en el ayuntamiento, según la agencia.", "Spanish"),
        ("The harbour bridge will reopen to traffic in May after eight months of repairs, the city's mayor said on"
         " Monday. \"We have fixed what was broken,\" she told reporters at City Hall, adding that the works had cost"
         " less than the council had feared.", None),
        ("The Élysée said « non » to the plan: President Macron told reporters in Paris on Monday that France would"
         " not sign the treaty as it stood, and that his ministers would go back to Brussels with a new offer.", None),
        ("Le pont rouvrira.", None),  # too short to judge
        ("", None),
    ],
)  # fmt: skip
def test_foreign_language(text: str, expected: str | None) -> None:
    assert foreign_language(text) == expected


def test_non_english_article_is_skipped_with_one_warning() -> None:
    items = list(iter_inputs([str(WEB / "french.html"), str(WEB / "harbour-bridge.html")]))
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert len(problems) == 1
    assert problems[0].path.endswith("french.html")
    assert "not English (looks French" in problems[0].reason
    assert [i.id for i in items if isinstance(i, Article)] == ["harbour-bridge"]
    assert len([i for i in iter_inputs([str(WEB / "french.html")], english_only=False)]) == 1


# ---------------------------------------------------------------------------- a whole page


def test_read_page_cleans_a_fixture_page() -> None:
    page = read_page((WEB / "harbour-bridge.html").read_text(encoding="utf-8"))
    assert page.text is not None
    assert page.meta.title == "Harbour bridge to reopen in May, mayor says"
    assert page.meta.outlet == "The Northwind Times"
    assert (page.meta.date or "").startswith("2025-05-05")
    for gone in ("Tweet this", "Digg this", "Read more", "Follow us", "newsletter"):
        assert gone not in page.text
    assert page.text.split("\n")[:2] == [
        "Harbour bridge to reopen in May, mayor says",
        "NORTHWIND (Northwind Times) - The harbour bridge will reopen to traffic in May after eight months of repairs,"
        " the city's mayor said on Monday.",
    ]
    assert "(Reporting by Anna Berg; Writing by Tom Reed; Editing by Clara Diaz)" in page.text


def test_read_page_url_and_date_given_win() -> None:
    markup = (WEB / "ferry-timetable.html").read_text(encoding="utf-8")
    page = read_page(markup, url="https://www.reuters.com/world/ferry", date="2025-05-07")
    assert page.meta.url == "https://www.reuters.com/world/ferry"
    assert page.meta.outlet == "Reuters"
    assert page.meta.date == "2025-05-07"
    assert page.text is not None and "Loading Photo Gallery" not in page.text and "Getty" not in page.text


@pytest.mark.parametrize("markup", ["<html><body></body></html>", "<html><body><p>- Tweet this</p><p>Share</p>"])
def test_read_page_without_article_text(markup: str) -> None:
    page = read_page(markup)
    assert page.text is None and page.problem


# ---------------------------------------------------------------------------- properties

_names = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(["Reuters", "DW.COM", "The Boston Herald", ""]))


@given(title=st.text(max_size=200), site=_names, url=st.one_of(st.none(), st.text(max_size=60)))
def test_strip_title_site_only_removes_whole_outer_segments(title: str, site: str | None, url: str | None) -> None:
    out = strip_title_site(title, [site], url)
    assert out is not None
    assert out in title  # a middle part of the title, never rewritten
    assert out.strip() or not title.strip()


@given(site=_names, url=st.one_of(st.none(), st.text(max_size=80), st.just("https://uk.reuters.com/x")))
def test_canonical_outlet_never_raises_and_is_stable(site: str | None, url: str | None) -> None:
    name = outlets.canonical_outlet(site, url)
    if name is not None:
        assert name.strip() and len(name) <= 200
        assert outlets.canonical_outlet(name, url) == name  # canonical names are fixed points


def test_no_timezone_warning_from_page_dates() -> None:
    import warnings

    markup = (
        (WEB / "harbour-bridge.html")
        .read_text(encoding="utf-8")
        .replace(
            '<meta property="article:published_time" content="2025-05-05T09:30:00Z">',
            '<meta name="date" content="2014-12-29 09:45 EST">',  # dateutil warns about "EST" on this one
        )
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = read_page(markup)
    assert page.meta.date == "2014-12-29"
    assert not [w for w in caught if "tzname" in str(w.message)]


# ---------------------------------------------------------------------------- dropped (BENCHMARKS §50)
# Rules found on the sixth unseen batch that moved nothing on the held-out pages (one held-out title got worse):
# dropped as the held-out habit says, kept here as known failures.
DROPPED_50 = pytest.mark.xfail(strict=True, reason="rule dropped: no gain on the held-out pages (BENCHMARKS §50)")


def _nav(host: str, n: int) -> str:
    return "".join(f'<a href="https://www.{host}/section/{i}">Section {i}</a>' for i in range(n))


@DROPPED_50
def test_a_page_with_no_url_or_site_name_is_named_by_its_links() -> None:
    markup = (
        "<html><head><title>Babies Who Eat Peanuts Early May Avoid Allergy</title></head><body>"
        + _nav("webmd.com", 12)
        + "<h1>Allergies Health Center</h1><h2>Babies Who Eat Peanuts Early May Avoid Allergy</h2>"
        + "<p>Life-threatening peanut allergies have been on the rise in the past decade, with little hope for a"
        " cure, and a new study may offer a way to stem that rise, say the authors of the study.</p>"
        * 3
        + "<p>Today on WebMD</p><p>WebMD Health News</p></body></html>"
    )
    page = read_page(markup)
    assert (page.meta.outlet, page.meta.title) == ("WebMD", "Babies Who Eat Peanuts Early May Avoid Allergy")


@DROPPED_50
def test_a_run_together_site_name_takes_the_titles_spacing() -> None:
    assert outlets.canonical_outlet("HeraldSun", None, title_brand="Herald Sun") == "Herald Sun"


@DROPPED_50
@pytest.mark.parametrize("line", ["Please wait...", "This feature is temporarily unavailable. Please try again later."])
def test_dropped_widget_lines(line: str) -> None:
    assert is_boilerplate(line)


@DROPPED_50
def test_clean_body_drops_headlines_after_the_credit() -> None:
    text = (
        "The attack killed 20.\nHeba Habib contributed to this report.\nTunisia’s Islamists get a sobering lesson\n"
        "Tunisia sends most foreign fighters to Syria"
    )
    assert clean_body(text) == "The attack killed 20.\nHeba Habib contributed to this report."
