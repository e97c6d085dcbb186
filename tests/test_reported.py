"""Reported (indirect) speech: patterns, the seed examples, and what is not a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrace import extract_quotes
from quotetrace.models import Mention

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def indirect(text: str, **kw: bool) -> list[Mention]:
    return [m for m in extract_quotes(text, include_indirect=True, **kw) if m.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Maria Lopez said that the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Maria Lopez",
            "said",
        ),
        ("Maria Lopez said the bridge would reopen in May.", "the bridge would reopen in May", "Maria Lopez", "said"),
        (
            "Maria Lopez told reporters the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Maria Lopez",
            "told",
        ),
        (
            "Maria Lopez warned that the bridge would stay closed for years.",
            "the bridge would stay closed for years",
            "Maria Lopez",
            "warned",
        ),
        ("The bridge would reopen in May, Maria Lopez said.", "The bridge would reopen in May", "Maria Lopez", "said"),
        (
            "According to Maria Lopez, the bridge will reopen in May.",
            "the bridge will reopen in May",
            "Maria Lopez",
            "According to",
        ),
        (
            "In an interview with the BBC, Maria Lopez said the bridge would reopen in May.",
            "the bridge would reopen in May",
            "Maria Lopez",
            "said",
        ),
    ],
)
def test_patterns(text: str, content: str, speaker: str, cue: str) -> None:
    (m,) = indirect(text)
    assert m.text == content
    assert m.speaker == speaker
    assert m.cue == cue


def test_pronoun_speaker_of_reported_speech() -> None:
    text = "Maria Lopez visited the site on Monday.\n\nShe said the bridge would reopen in May."
    (m,) = indirect(text)
    assert m.speaker == "Maria Lopez"
    assert m.speaker_mention == "She"


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez thinks the bridge will reopen in May.",  # belief, not speech
        "Maria Lopez wants the bridge to reopen in May.",  # intention
        "Did Maria Lopez say that the bridge would reopen in May?",  # a question
        "If Maria Lopez said that the bridge would reopen, nobody heard it.",  # hypothetical
        "Maria Lopez would never say that the bridge would reopen.",  # hypothetical
        "Maria Lopez did not say whether the bridge would reopen.",  # a denial
        "It was reported that the bridge would reopen in May.",  # no source
        "Bridge to reopen in May, officials hope",  # a headline with no speech verb
    ],
)
def test_not_reports(text: str) -> None:
    assert indirect(text) == []


def test_beliefs_on_request() -> None:
    (m,) = indirect("Maria Lopez thinks the bridge will reopen in May.", include_beliefs=True)
    assert m.speaker == "Maria Lopez" and m.cue == "thinks"


def test_indirect_is_off_by_default() -> None:
    assert extract_quotes("Maria Lopez said that the bridge would reopen in May.") == []


def test_mixed_quote_is_returned_once() -> None:
    text = "Antony Blinken insisted that U.S. support for Ukraine remained “rock solid” despite the risks."
    ms = extract_quotes(text, include_indirect=True)
    assert [m.kind for m in ms] == ["mixed"]


@pytest.mark.parametrize(
    ("seed", "content", "speaker"),
    [
        ("000", "Ukraine would have to decide what compromises they would be willing to make", "Jens Stoltenberg"),
        ("001", "any concessions made by Ukraine must be voluntary", "Jens Stoltenberg"),
        ("002", "Ukraine could potentially give up territory in exchange for NATO membership", "Stian Jenssen"),
        ("004", "Ukraine decides what are acceptable terms for negotiations", "Jens Stoltenberg"),
    ],
)
def test_seed_examples(seed: str, content: str, speaker: str) -> None:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    ms = indirect(path.read_text(encoding="utf-8"))
    hits = [m for m in ms if m.text.startswith(content)]
    assert hits, [m.text for m in ms]
    assert hits[0].speaker == speaker


@pytest.mark.parametrize(
    ("paragraph", "picked"),
    [
        ("The minister said the plan would go ahead.", True),
        ("The plan would go ahead, the minister stated on Monday.", True),
        ("According to the ministry, the plan will go ahead.", True),
        ("The company is reporting losses, officials confirmed.", True),
        # nouns and names that share a speech verb's form do not make a paragraph worth parsing
        ("The state budget rose by 4 percent in the United States last year.", False),
        ("The Washington Post ran a long report on the remarks.", False),
        ("Shares fell after the company missed the point where a text or an email would do.", False),
        # verbs that report by their object ("called for calm", "criticize the plan"): parsed since issue 12
        ("The senator continued to criticize the plan and thanked the volunteers.", True),  # object content
        ("The governor called for calm and praised the firefighters.", True),  # object content (issue 12)
        # "according to" a source, a document or figures, not a standard ("according to plan")
        ("Turnout reached 61 percent, according to the results.", True),  # a document is a source
        ("The bridge was rebuilt according to plan.", False),
        ("Turnout reached 61 percent, according to officials.", True),
        ("Turnout reached 61 percent, according to Smith.", True),
        # nouns and adjectives that share a reporting verb's form
        ("The reason for the claim is a figure with no mention of the signal.", False),
        ("She has 500 pledged delegates and a promising lead.", False),
        ("He claimed the figures were wrong.", True),
    ],
)
def test_reported_speech_paragraph_selection(paragraph: str, picked: bool) -> None:
    from quotetrace.extract import select_paragraphs

    text = "Headline about a budget\n\nA first paragraph with nothing.\n\nAnother plain paragraph here.\n\n" + paragraph
    assert (3 in select_paragraphs(text, indirect=True)) is picked
    assert 3 not in select_paragraphs(text, indirect=False)


@pytest.mark.parametrize(
    ("paragraph", "with_context"),
    [
        ("He said the plan would go ahead.", True),  # the name "he" points back to is in the paragraph before
        ("Officials said the plan would go ahead.", True),
        ("In the afternoon, she told reporters the plan would go ahead.", True),
        ("According to him, the plan will go ahead.", True),
        ("Maria Lopez said the plan would go ahead.", False),  # names its speaker: nothing to look back for
        ("In Brussels, Lopez warned that the plan would go ahead.", False),
    ],
)
def test_reported_speech_parses_the_paragraph_before_only_for_an_unnamed_speaker(
    paragraph: str, with_context: bool
) -> None:
    from quotetrace.extract import select_paragraphs

    text = "Headline\n\nA first paragraph.\n\nA plain paragraph.\n\nAnother plain one.\n\n" + paragraph
    picked = select_paragraphs(text, indirect=True)
    assert 4 in picked
    assert (3 in picked) is with_context


def test_the_lede_is_parsed_past_a_dateline_and_a_repeated_headline() -> None:
    from quotetrace.extract import select_paragraphs

    lede = "Transport Minister Maria Lopez announced on Monday that the old bridge over the river will be closed."
    text = "11:48 14.11.2023\n\nBridge to close\n\n2 min read\n\nBridge to close\n\n" + lede
    text += "\n\nA plain paragraph.\n\n“It is over,” she said."
    picked = select_paragraphs(text)
    assert picked == [0, 1, 4, 5, 6]


LEDE = "The old bridge over the river will close next month after engineers found cracks in two of its piers."


def test_only_the_reporting_sentence_of_a_paragraph_without_quotes_is_parsed() -> None:
    from quotetrace.extract import make_view, select_pieces

    long_para = (
        "The bridge was built in 1932 and has been repaired many times since. "
        "Maria Lopez said the U.S. Army would help to rebuild it. "
        "Traffic has been diverted through the town centre for months."
    )
    text = "Headline\n\n" + LEDE + "\n\nA plain paragraph.\n\n" + long_para
    pieces = select_pieces(text, indirect=True)
    assert [text[a:b] for p, a, b in pieces if p == 3] == [
        "Maria Lopez said the U.S. Army would help to rebuild it."  # never cut at an abbreviation
    ]
    view = make_view(text, pieces=pieces)
    offset = view.text.index("Maria")
    assert text[view.to_article(offset) :].startswith("Maria Lopez said")
    assert view.paragraph_at(offset) == 3
    assert select_pieces(text) == []  # no quotation: nothing to parse for direct quotes


def test_an_unnamed_subject_parses_back_to_the_nearest_sentence_that_names_someone() -> None:
    from quotetrace.extract import select_pieces

    before = "The minister arrived late. Transport Minister Maria Lopez met the mayor. The talks went on."
    text = "Headline\n\n" + LEDE + "\n\nA plain paragraph.\n\n" + before + "\n\nIt was late. She said it was over."
    pieces = {p: text[a:b] for p, a, b in select_pieces(text, indirect=True)}
    assert pieces[3] == "Transport Minister Maria Lopez met the mayor. The talks went on."
    assert pieces[4] == "It was late. She said it was over."


def test_according_to_opening_a_sentence_parses_back_for_its_antecedent() -> None:
    from quotetrace.extract import select_pieces

    para = "Maria Lopez met the mayor on Monday. According to her, the bridge will reopen in May."
    text = "Headline\n\n" + LEDE + "\n\nA plain paragraph.\n\n" + para
    pieces = {p: text[a:b] for p, a, b in select_pieces(text, indirect=True)}
    assert pieces[3] == para  # "According to her" names nobody: the sentence before is parsed for "her"


# Issue 12: the classes of reported speech PolNeAR train missed most (a cue set off inside its sentence, content that
# is the cue's object, an unnamed source as the speaker, "according to" on either side, a headline label).
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The good news for the party, Maria Lopez said, is that the bridge will reopen in May.",
            "The good news for the party … is that the bridge will reopen in May",
            "Maria Lopez",
        ),
        # a cue set off inside its sentence speaks for its own words, never the clause's subject (§57)
        (
            "That attitude, many argue, could carry constitutional implications.",
            "That attitude … could carry constitutional implications",
            "many",
        ),
        ("The economy, experts say, will slow next year.", "The economy … will slow next year", "experts"),
        ("Maria Lopez accused the council of hiding the report.", "the council of hiding the report", "Maria Lopez"),
        ("Maria Lopez called for the mayor's resignation.", "the mayor's resignation", "Maria Lopez"),
        ("Maria Lopez urged the council to reopen the bridge.", "to reopen the bridge", "Maria Lopez"),
        ("Maria Lopez announced her candidacy for mayor.", "her candidacy for mayor", "Maria Lopez"),
        (
            "Some of the mayor's oldest allies said they have come to accept the plan.",
            "they have come to accept the plan",
            "Some of the mayor's oldest allies",
        ),
        (
            "Turnout fell sharply in the city, according to a survey of 400 voters.",
            "Turnout fell sharply in the city",
            "a survey of 400 voters",
        ),
        (
            "The council announced that it hired Maria Lopez, who has run the bridge office since 2019.",
            "it hired Maria Lopez",
            "The council",
        ),
        (
            "As the Daily Ledger reported, the council had approved the money in March.",
            "the council had approved the money in March",
            "Daily Ledger",
        ),
        (
            "Fundraising, according to the campaign, has surged in the same period.",
            "Fundraising … has surged in the same period",
            "the campaign",
        ),
        (
            "Maria Lopez said the bridge would reopen in May, adding that the council had approved the money.",
            "the bridge would reopen in May",
            "Maria Lopez",
        ),
    ],
)
def test_issue12_patterns(text: str, content: str, speaker: str) -> None:
    (m,) = indirect(text)[:1]
    assert m.text == content
    assert (m.speaker or m.speaker_mention) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez told reporters on Monday.",  # only the one addressed
        "Maria Lopez wrote a book about the bridge.",  # a reporting verb whose object is no speech
        "The bridge was rebuilt according to plan.",  # a standard, not a source
        "The so-called plan for the bridge failed.",  # a modifier
        "Maria Lopez did not mention the bridge at all.",  # a denial
        "As Maria Lopez said this, the crowd cheered loudly.",  # "as" of time: the cue has its own object
    ],
)
def test_issue12_not_reports(text: str) -> None:
    assert indirect(text) == []


def test_headline_label_is_the_source_of_the_headline() -> None:
    text = "Lopez: The Bridge Will Reopen in May\n\nThe council met on Monday. Maria Lopez said the money was there."
    heads = [m for m in indirect(text) if m.in_headline or m.spans[0][0] == 7]
    assert [(m.text, m.speaker or m.speaker_mention) for m in heads] == [("The Bridge Will Reopen in May", "Lopez")]


def test_headline_label_needs_a_name_or_a_document() -> None:
    text = "Breaking news: The Bridge Will Reopen in May\n\nThe council met. Maria Lopez said the money was there."
    assert all(m.spans[0][0] > 50 for m in indirect(text))


def test_unclosed_quotation_is_cut_at_its_paragraph() -> None:
    text = (
        "Storm hits coast\n\n"
        "“It was an unexplained accident, and the crew knows it, said the captain on Monday night.\n\n"
        "In the morning the harbour reopened and ships left for the islands as planned."
    )
    (m,) = extract_quotes(text)
    assert m.text.endswith("Monday night.")
    assert "harbour" not in m.text


def test_editorial_marks_are_kept_as_printed() -> None:
    """Brackets, ellipses and censoring stay in the mention (shown as edits); matching folds them."""
    text = "Storm hits coast\n\nThe mayor said: “He should pay [for] it. We will f***ing find them … and we will.”"
    (m,) = extract_quotes(text)
    assert m.text == "He should pay [for] it. We will f***ing find them … and we will."


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        (
            "Maria Lopez spoke on Monday.\n\nMaria Lopez called the decision “a huge mistake” in a long interview.",
            "a huge mistake",
            "Maria Lopez",
        ),
        (
            "Maria Lopez spoke on Monday.\n\n"
            "Maria Lopez released a statement calling the collapse an “act of negligence” by the council.",
            "act of negligence",
            "Maria Lopez",
        ),
        (
            "Maria Lopez spoke on Monday.\n\nMaria Lopez referred to the collapse as a “clear failure” of the council.",
            "clear failure",
            "Maria Lopez",
        ),
    ],
)
def test_short_quotation_under_a_speech_verb_is_its_subjects(text: str, quoted: str, speaker: str) -> None:
    (m,) = [m for m in extract_quotes(text) if quoted in m.text]
    assert m.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A letter from Maria Lopez calling the plan a “reckless gamble” reached the council.", "Maria Lopez"),
        ("The council released a statement calling the plan a “reckless gamble” on Monday.", "The council"),
        # a document nobody is said to have issued: not the last person named
        ("A statement calling the plan a “reckless gamble” circulated on Monday.", None),
    ],
)
def test_a_document_calling_something_speaks_for_its_issuer(text: str, speaker: str | None) -> None:
    (m,) = [m for m in extract_quotes("Maria Lopez spoke on Monday.\n\n" + text) if "reckless gamble" in m.text]
    assert m.speaker == speaker


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Bridge closes\n\nThe man shouted at the officer.\n\n“Who are you!”\n\nThe officer left.", True),
        ("Bridge closes\n\nThe council met.\n\n“A tough decision.”\n\nThe officer left.", False),  # no verb
        ("Bridge closes\n\nThe “tough decision” was made on Monday by the council.", False),  # no speech verb
    ],
)
def test_short_whole_sentence_is_speech(text: str, kept: bool) -> None:
    assert bool(extract_quotes(text)) is kept


def test_mixed_clause_leaves_out_when_it_was_said() -> None:
    text = "Head line\n\nMaria Lopez said on Tuesday that the council would not “waste the money” on the bridge."
    (m,) = extract_quotes(text)
    assert m.kind == "mixed"
    assert m.text == "the council would not waste the money on the bridge"


def test_a_title_with_a_full_stop_does_not_end_the_parsed_sentence() -> None:
    text = (
        "Head line\n\nThe dinner was in May. Maria Lopez said that 100 people had attended the dinner at Mrs. "
        "Clinton's house in the spring."
    )
    (m,) = indirect(text)
    assert m.text == "100 people had attended the dinner at Mrs. Clinton's house in the spring"


# BENCHMARKS §54, round A: a that-clause the parser hung on an adverbial between the speech verb and it ("said after
# the meeting ended that …", "confirmed in a statement that …") was taken as the report; PolNeAR train +11 mentions,
# PolNeAR dev detection precision and recall -0.1 each with end-to-end unchanged: dropped.
DROPPED_54 = pytest.mark.xfail(strict=True, reason="BENCHMARKS §54 round A: no held-out gain, dropped")
# BENCHMARKS §54, round F: a speaker inside the content its cue introduced was dropped; PolNeAR train end-to-end -0.1.
DROPPED_54_F = pytest.mark.xfail(strict=True, reason="BENCHMARKS §54 round F: a tune cost, dropped")
# BENCHMARKS §54, round I: a bare object of "call" as no speech; PolNeAR dev detection recall -0.2.
DROPPED_54_I = pytest.mark.xfail(strict=True, reason="BENCHMARKS §54 round I: a held-out cost, dropped")
# BENCHMARKS §55 round 8: a document's author after "from"/"released by" as the source; a tune cost.
DROPPED_55 = pytest.mark.xfail(strict=True, reason="BENCHMARKS §55 round 8: a tune cost, dropped")


# The clause of a speech verb starts after its "that", whatever the parser made of it.
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        pytest.param(
            "Maria Lopez said after the meeting ended that the two sides had agreed on a plan.",
            "the two sides had agreed on a plan",
            "Maria Lopez",
            marks=DROPPED_54,
        ),
        pytest.param(
            "Maria Lopez confirmed in a statement that prosecutors intended to file charges against her client.",
            "prosecutors intended to file charges against her client",
            "Maria Lopez",
            marks=DROPPED_54,
        ),
        (
            "The ministry said at the time that it would investigate the crash.",
            "it would investigate the crash",
            "The ministry",
        ),
        (
            "Maria Lopez said last week, when the report came out, that the plan had failed.",
            "the plan had failed",
            "Maria Lopez",
        ),
    ],
)
def test_a_displaced_that_clause_is_the_report(text: str, content: str, speaker: str) -> None:
    (m,) = indirect(text)
    assert m.text == content
    assert (m.speaker or m.speaker_mention) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez responded to reports that she would resign by calling a news conference.",  # the reports' claim
        "Maria Lopez spoke at the time that the factory closed.",  # a time, and "spoke" takes no clause
        "Maria Lopez said in response to the news that the factory would close.",  # the news's content
    ],
)
def test_a_that_clause_of_a_content_noun_or_a_time_is_not_the_report(text: str) -> None:
    assert all(not m.text.startswith(("she would", "the factory")) for m in indirect(text))


# A verb that reports by a noun of saying as its object; a noun of saying set off after the clause is the writer's.
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Maria Lopez reiterated her call for a ban on trucks crossing the bridge.",
            "her call for a ban on trucks crossing the bridge",
            "Maria Lopez",
        ),
        ("Maria Lopez renewed her demand that the mayor resign.", "her demand that the mayor resign", "Maria Lopez"),
        # the document's own participle cue says what it said (§55)
        ("Maria Lopez issued a statement saying the bridge was safe.", "the bridge was safe", "Maria Lopez"),
        ("Maria Lopez issued a statement on Monday saying the bridge was safe.", "the bridge was safe", "Maria Lopez"),
        (
            "Maria Lopez said that the bridge would never reopen, comments that were widely condemned.",
            "the bridge would never reopen",
            "Maria Lopez",
        ),
        (
            "Maria Lopez said the bridge would never reopen, a claim the mayor rejected.",
            "the bridge would never reopen",
            "Maria Lopez",
        ),
    ],
)
def test_a_noun_of_saying_as_object_and_as_the_writers_summary(text: str, content: str, speaker: str) -> None:
    (m,) = indirect(text)
    assert m.text == content
    assert (m.speaker or m.speaker_mention) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The company issued a statement on Monday.",  # a noun of saying with nothing it says
        "Uber issued a statement: “We apologise.”",  # its words are the quotation's, not a report of their own
        "The ministry issued a statement on Monday evening: “We apologise.”",
        "The agency issued a recall for two million cars.",  # no noun of saying
        "Maria Lopez voiced concern.",
    ],
)
def test_a_light_verb_without_a_noun_of_saying_reports_nothing(text: str) -> None:
    assert indirect(text) == []


# "said … but added, “…”": the second cue reports on its own; the first clause stops before it.
@pytest.mark.parametrize(
    ("text", "contents"),
    [
        (
            "Maria Lopez said it was too early to reopen the bridge but added, “We are close.”",
            ["it was too early to reopen the bridge", "We are close."],
        ),
        (
            "Maria Lopez said the plan had failed and added that the mayor should resign.",
            ["the plan had failed", "the mayor should resign"],
        ),
        # "added jobs" is no speech: the clause keeps it
        (
            "Maria Lopez said the company grew quickly and added jobs in every state.",
            ["the company grew quickly and added jobs in every state"],
        ),
    ],
)
def test_a_second_cue_of_the_same_sayer_ends_the_first_report(text: str, contents: list[str]) -> None:
    found = extract_quotes(text, include_indirect=True)
    assert [m.text for m in found] == contents
    assert {m.speaker for m in found} == {"Maria Lopez"}


# A participle cue's sayer: the main clause's subject after "to"/"by"/"after" …; never who the cue speaks of.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Maria Lopez devotes much of her speech to effusively praising Mr. Obama's record on the economy.",
            "Maria Lopez",
        ),
        ("Maria Lopez angered the council by saying that the plan had failed.", "Maria Lopez"),
        ("Maria Lopez ended the meeting after praising the mayor for his work.", "Maria Lopez"),
        # no subject to be found: no speaker at all rather than a word of the one spoken of
        ("There is still time, even after repeatedly calling Senate Majority Leader Mitch McConnell a liar.", None),
        pytest.param(
            "Since Thursday, Mr. Khan has mounted a campaign to condemn Mr. Trump for the proposal.",
            "Khan",
            marks=pytest.mark.xfail(strict=True, reason="a campaign's owner is not climbed to: no speaker, not 'Mr'"),
        ),
    ],
)
def test_a_participle_cues_sayer(text: str, speaker: str | None) -> None:
    found = indirect(text)
    assert [m.speaker for m in found] == ([speaker] if speaker else [])


def test_a_participle_cue_never_takes_a_word_of_its_object_as_sayer() -> None:
    text = "Since Thursday, Mr. Khan has mounted a campaign to condemn Mr. Trump for the proposal."
    assert all(m.speaker not in {"Mr", "Trump", "Donald Trump"} for m in extract_quotes(text, include_indirect=True))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Obama spoke on Sunday. And he made a point of saying the nightclub where the killing occurred “was a "
            "place of solidarity,” where members of the city's gay, lesbian, bisexual and transgender community “came "
            "together to be with friends.”",
            marks=DROPPED_54_F,
        ),
        "Mrs. Clinton devotes much of her speech to praising Mr. Obama's success in reviving the economy.",
    ],
)
def test_a_word_of_what_was_said_is_never_who_said_it(text: str) -> None:
    for m in extract_quotes(text, include_indirect=True):
        if m.speaker_span is not None:
            assert not any(a <= m.speaker_span[0] and m.speaker_span[1] <= b for a, b in m.spans), m


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param("Maria Lopez called a news conference on Monday.", None, marks=DROPPED_54_I),
        pytest.param("Maria Lopez called an early election.", None, marks=DROPPED_54_I),
        pytest.param("Maria Lopez called the mayor on Monday.", None, marks=DROPPED_54_I),  # a phone call
        ("Maria Lopez called it a disgrace.", "it a disgrace"),
        ("Maria Lopez called for an inquiry.", "an inquiry"),
        ("Maria Lopez called on the mayor to resign.", "the mayor to resign"),
    ],
)
def test_a_bare_object_of_call_is_no_speech(text: str, content: str | None) -> None:
    assert [m.text for m in indirect(text)] == ([content] if content else [])


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Governor says naming of the bridge is historic\n\nGov. Maria Lopez said on Monday that naming the "
            "bridge after the nurses was historic.",
            "Maria Lopez",
        ),
        (
            "Mayor says city will close schools\n\nThe city will close its schools, Mayor John Smith said on Monday.",
            "John Smith",
        ),
        # nobody given the title: an unnamed holder of it, still no person called "President"
        ("President says talks failed\n\nThe talks failed on Monday.", "President"),
    ],
)
def test_a_headlines_bare_title_is_the_person_the_story_gives_it(text: str, speaker: str) -> None:
    first = extract_quotes(text, include_indirect=True)[0]
    assert first.speaker == speaker
    assert first.to_dict()["speaker_via"] == ("description" if speaker == "President" else "descriptor")


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # a noun of saying with its owner and its content reports what the owner said
        (
            "Maria Lopez's statement on Tuesday that she was stepping down surprised her aides.",
            "she was stepping down",
            "Maria Lopez",
            "statement",
        ),
        (
            "The senator's claim that the bill would cut taxes was false.",
            "the bill would cut taxes",
            "The senator",
            "claim",
        ),
        (
            "The plan rests on Maria Lopez's promise to close the airport by May.",
            "to close the airport by May",
            "Maria Lopez",
            "promise",
        ),
        (
            "Critics seized on John Smith's call for a ban on imports.",
            "a ban on imports",
            "John Smith",
            "call",
        ),
    ],
)
def test_a_noun_of_saying_reports_for_its_owner(text: str, content: str, speaker: str, cue: str) -> None:
    hits = indirect(text)
    assert [(m.text, m.speaker, m.cue) for m in hits] == [(content, speaker, cue)]


@pytest.mark.parametrize(
    "text",
    [
        "The claim that vaccines cause autism has been debunked.",  # no owner: no one to report
        "His statement on Monday was brief.",  # no content
        "Maria Lopez's statement was brief.",
    ],
)
def test_a_noun_of_saying_without_owner_or_content_reports_nothing(text: str) -> None:
    assert indirect(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a document's author after "from" or "released by" speaks, not the document (§55 round 8: BASIL tune -1 pair,
        # dropped before its held-out run)
        pytest.param(
            "Acme Corp cut jobs. The plant will close in May, according to a statement from the company.",
            "Acme Corp",
            marks=DROPPED_55,
        ),
        pytest.param(
            "The plant will close in May, according to a statement released by Acme Corp on Monday.",
            "Acme Corp",
            marks=DROPPED_55,
        ),
        # negative: a document with no author printed stays the source as printed
        ("The plant will close in May, according to a statement.", "a statement"),
    ],
)
def test_a_documents_author_after_from_or_by(text: str, speaker: str | None) -> None:
    assert indirect(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        # the parser hung the clause's gerund subject on the cue and the clause's verb on the gerund
        (
            "Maria Lopez said legalizing it could put thousands of people to work.",
            [("legalizing it could put thousands of people to work", "Maria Lopez")],
        ),
        # another sayer's report set off after the first is not part of it, and is a report of its own
        (
            "After the event, several supporters said the former president had made a good case for his wife, while "
            "other voters said they had not heard anything new.",
            [
                ("the former president had made a good case for his wife", "several supporters"),
                ("they had not heard anything new", "other voters"),
            ],
        ),
        # negative: a relative clause's cue inside the report leaves the report whole
        (
            "Maria Lopez said the plan, which critics say is flawed, would pass.",
            [("the plan, which critics say is flawed, would pass", "Maria Lopez")],
        ),
        # negative: a gerund that is the report's object, with no clause of its own, reports nothing
        ("Maria Lopez admitted stealing the car.", []),
    ],
)
def test_a_reports_extent_under_a_misparsed_gerund_and_before_another_sayer(
    text: str, reports: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.speaker) for m in indirect(text)] == reports


DROPPED_56 = pytest.mark.xfail(strict=True, reason="BENCHMARKS §56 round 2: a tune-only gain, dropped")


@DROPPED_56
def test_a_condition_the_parser_hung_on_the_cue_is_part_of_the_report() -> None:
    # "should the opportunity …" parsed as a second clause of "said" (PolNeAR train detection R +0.1, dev unchanged)
    [m] = indirect("Maria Lopez said she would be honored to serve should the opportunity present itself.")
    assert m.text == "she would be honored to serve should the opportunity present itself"


DROPPED_56_HELD = pytest.mark.xfail(strict=True, reason="BENCHMARKS §56 round 3: a held-out recall cost, dropped")


@DROPPED_56_HELD
def test_a_naming_participle_on_a_noun_reports_nothing() -> None:
    # "a firm called Cambridge Analytica" gave a report by "Cambridge" (PolNeAR dev detection R 78.1 -> 78.0 without it)
    assert indirect("The campaign hired a data firm called Cambridge Analytica to target voters.") == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # without "that", the parser puts when it was said inside the clause: the day goes, the clause stays
        ("Acme Corp said on Monday it would cut 500 jobs.", "it would cut 500 jobs"),
        ("The minister said last week the plant would close.", "the plant would close"),
        ("The mayor said Tuesday night the road would reopen.", "the road would reopen"),
        # negative: after "that" the date is inside what was said; a year may be either, so it stays
        ("Acme Corp said that on Monday it would cut 500 jobs.", "on Monday it would cut 500 jobs"),
        ("Maria Lopez said in 2010 the economy collapsed.", "in 2010 the economy collapsed"),
    ],
)
def test_the_day_of_saying_is_no_part_of_the_report(text: str, content: str) -> None:
    assert [m.text for m in indirect(text)] == [content]


@DROPPED_56_HELD
def test_reported_with_an_object_reports_it() -> None:
    # "report" as a cue by its object (PolNeAR dev detection R +0.1 but speaker accuracy and e2e precision -0.1:
    # dropped, BENCHMARKS §56 round 7)
    assert [(m.text, m.speaker) for m in indirect("Police reported no arrests late Monday.")] == [
        ("no arrests", "Police")
    ]


DROPPED_57_HELD = pytest.mark.xfail(strict=True, reason="BENCHMARKS §57: a held-out cost, dropped")
DROPPED_57_TUNE = pytest.mark.xfail(strict=True, reason="BENCHMARKS §57: a tune-only gain, dropped")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the one asked is the one spoken to: a past participle set before the sentence reports nothing
        (
            "Asked about the plan, Maria Lopez said it would never work.",
            [("indirect", "it would never work", "Maria Lopez", "said")],
        ),
        (
            "Asked whether he would run, John Smith said he had not decided.",
            [("indirect", "he had not decided", "John Smith", "said")],
        ),
        # … and the phrase set off before a quotation is no part of it (PolNeAR dev direct+mixed e2e -0.2: dropped,
        # BENCHMARKS §57)
        pytest.param(
            "Asked about the plan, “It will never work,” Maria Lopez said.",
            [("direct", "It will never work", "Maria Lopez", "said")],
            marks=DROPPED_57_HELD,
        ),
        pytest.param(
            "In a statement, “We are sorry,” the company said.",
            [("direct", "We are sorry", "the company", "said")],
            marks=DROPPED_57_HELD,
        ),
        # negative: words before the quotation that are not set off by a comma are the report's
        (
            "The plan was “a disgrace,” Maria Lopez said.",
            [("mixed", "The plan was a disgrace", "Maria Lopez", "said")],
        ),
        # negative: a participle with its own subject or a present participle may report
        (
            "Speaking to reporters, Maria Lopez said the bridge would reopen.",
            [("indirect", "the bridge would reopen", "Maria Lopez", "said")],
        ),
    ],
)
def test_the_one_asked_reports_nothing_by_being_asked(text: str, found: list[tuple[str, str, str | None, str]]) -> None:
    got = extract_quotes(text, include_indirect=True)
    assert [(m.kind, m.text, m.speaker, m.cue) for m in got] == found


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        # a clause before a semicolon is a sentence of its own, whatever the parser hung it on
        (
            "More than six in 10 said they were not looking forward to the campaign; 46 percent said they were "
            "unenthusiastic about the election.",
            [
                ("they were not looking forward to the campaign", "More than six in 10"),
                ("they were unenthusiastic about the election", "46 percent"),
            ],
        ),
        (
            "The voters hold liberal views: 53% describe themselves as liberal; 26% say they are conservative.",
            [("themselves as liberal", "53%"), ("they are conservative", "26%")],
        ),
        # negative: a displaced clause with no semicolon is still the report
        ("The bridge will reopen in May, Maria Lopez said.", [("The bridge will reopen in May", "Maria Lopez")]),
    ],
)
def test_a_clause_before_a_semicolon_is_not_the_next_cues_report(text: str, reports: list[tuple[str, str]]) -> None:
    assert [(m.text, m.speaker or m.speaker_mention) for m in indirect(text)] == reports


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the words of a mixed quotation stop before a cue of their own, as a report's do (PolNeAR train +0.2, nothing
        # held out moved: dropped, BENCHMARKS §57)
        pytest.param(
            "The mayor said the process could be “messy,” adding, “Democracy is messy.”",
            [("mixed", "the process could be messy", "said"), ("direct", "Democracy is messy.", "adding")],
            marks=DROPPED_57_TUNE,
        ),
        pytest.param(
            "Maria Lopez said the vote was “a disgrace,” saying, “We will appeal.”",
            [("mixed", "the vote was a disgrace", "said"), ("direct", "We will appeal.", "saying")],
            marks=DROPPED_57_TUNE,
        ),
        # negative: a participle that is no cue stays in the clause
        (
            "Maria Lopez said the bridge was “unsafe,” citing a report from May.",
            [("mixed", "the bridge was unsafe, citing a report from May", "said")],
        ),
    ],
)
def test_a_mixed_quotation_stops_before_a_cue_of_its_own(text: str, found: list[tuple[str, str, str]]) -> None:
    got = extract_quotes(text, include_indirect=True)
    assert [(m.kind, m.text, m.cue) for m in got] == found


def test_a_semicolon_ends_the_parsed_sentence() -> None:
    # the clauses a semicolon joins are parsed apart: no source runs over it, and the words after it are not hung on
    # the sentence before ("one lawmaker" was parsed as an appositive of "That proposal", the quotation as Parliament's)
    text = (
        "That proposal prompted Britain's Parliament to call a debate on whether to ban Trump; one lawmaker called "
        'Trump "the orange prince of American self-publicity."'
    )
    found = extract_quotes(text, include_indirect=True)
    assert all(";" not in (m.speaker_mention or "") for m in found)
    assert [m.speaker for m in found if "orange prince" in m.text] == [None]
