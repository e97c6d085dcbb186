"""Attribution rules on short texts: cue verbs, inverted cues, colons, pronouns, roles, bylines, transcripts."""

from __future__ import annotations

import pytest

from quotetrace import extract_quotes
from quotetrace.models import Mention

# Known failures: rules dropped for no held-out gain (BENCHMARKS §43).
DROPPED = pytest.mark.xfail(strict=True, reason="rule dropped: no gain on the held-out splits (BENCHMARKS §43)")


def one(text: str, **kw: object) -> Mention:
    ms = extract_quotes(text, **kw)  # type: ignore[arg-type]
    assert len(ms) == 1, [m.to_dict() for m in ms]
    return ms[0]


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "“We will rebuild the bridge,” Maria Lopez said on Monday.",
            "We will rebuild the bridge",
            "Maria Lopez",
            "said",
        ),
        ("“We will rebuild the bridge,” said Maria Lopez.", "We will rebuild the bridge", "Maria Lopez", "said"),
        ("Maria Lopez said: “We will rebuild the bridge.”", "We will rebuild the bridge.", "Maria Lopez", "said"),
        (
            "Maria Lopez told reporters, “We will rebuild the bridge.”",
            "We will rebuild the bridge.",
            "Maria Lopez",
            "told",
        ),
        (
            "“We will rebuild the bridge,” the mayor, Maria Lopez, told reporters in Springfield.",
            "We will rebuild the bridge",
            "Maria Lopez",
            "told",
        ),
        (
            "“The budget is a disgrace,” Senator Tom Hardy wrote on Twitter.",
            "The budget is a disgrace",
            "Tom Hardy",
            "wrote",
        ),
        (
            "“The budget is a disgrace,” the ministry said in a statement.",
            "The budget is a disgrace",
            "the ministry",
            "said",
        ),
        (
            "According to Tom Hardy, “the budget is a disgrace and must be withdrawn.”",
            "the budget is a disgrace and must be withdrawn.",
            "Tom Hardy",
            "According to",
        ),
    ],
)
def test_cue_verbs(text: str, quote: str, speaker: str, cue: str) -> None:
    m = one(text)
    assert m.text == quote
    assert m.speaker == speaker
    assert m.cue == cue
    assert m.kind == "direct"


def test_interrupted_quote_is_one_mention_with_two_spans() -> None:
    text = "“We are ready,” Maria Lopez said, “and we will not wait any longer.”"
    m = one(text)
    assert len(m.spans) == 2
    assert [text[s:e] for s, e in m.spans] == ["We are ready", "and we will not wait any longer."]
    assert m.text == "We are ready … and we will not wait any longer."  # the contract: pieces joined with " … "
    assert m.speaker == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # a quotation its own cue introduced is not interrupted by the next speaker's cue
        (
            "Maria Lopez met Tom Hardy on Monday. Lopez said: “We are ready.” Hardy agreed: “The bridge opens in May.”",
            [("Maria Lopez", "We are ready."), ("Tom Hardy", "The bridge opens in May.")],
        ),
        # negative: a cue between two quotations with none before them interrupts one quotation
        (
            "“We are ready.” Maria Lopez said. “The bridge opens in May.”",
            [("Maria Lopez", "We are ready. … The bridge opens in May.")],
        ),
    ],
)
def test_a_cue_between_quotations(text: str, quotes: list[tuple[str, str]]) -> None:
    assert [(m.speaker, m.text) for m in extract_quotes(text) if m.kind != "indirect"] == quotes


def test_two_cues_make_two_quotes() -> None:
    text = "“We are ready,” Maria Lopez said, adding later, “The bridge will open in May.”"
    ms = extract_quotes(text)
    assert len(ms) == 2
    assert {m.cue for m in ms} == {"said", "adding"}
    assert {m.speaker for m in ms} == {"Maria Lopez"}


def test_pronoun_resolves_to_the_last_speaker_not_the_last_name() -> None:
    text = (
        "Maria Lopez met Governor Tom Hardy in Springfield on Monday.\n\n"
        "“We are ready,” Lopez told reporters after meeting Hardy.\n\n"
        "“The bridge opens in May,” she continued."
    )
    ms = extract_quotes(text)
    assert [m.speaker for m in ms] == ["Maria Lopez", "Maria Lopez"]
    assert ms[1].speaker_mention == "she"


def test_he_skips_a_known_woman() -> None:
    text = "Tom Hardy spoke after Mrs. Jane Porter left.\n\n“We will win,” he said."
    assert one(text).speaker == "Tom Hardy"


def test_follow_on_quote_inherits_the_speaker() -> None:
    text = "“We are ready,” Maria Lopez said.\n\n“The bridge will open in May and nobody will stop it.”"
    ms = extract_quotes(text)
    assert [m.speaker for m in ms] == ["Maria Lopez", "Maria Lopez"]
    assert ms[1].attribution == "follow-on"


def test_role_noun_resolves_to_the_named_person() -> None:
    text = (
        "Health Minister Anna Berg visited the hospital on Friday.\n\n"
        "“The hospital will stay open for as long as it is needed,” the minister said."
    )
    m = one(text)
    assert m.speaker == "Anna Berg"
    assert m.speaker_mention == "the minister"


@pytest.mark.parametrize(
    ("text", "speaker", "printed"),
    [
        (
            "The agency released a statement on Monday.\n\n“We regret the delay,” the statement said.",
            "agency",
            "the statement",
        ),
        ("“We regret the delay,” Mayor Ana Silva's statement said.", "Ana Silva", "Mayor Ana Silva's statement"),
    ],
)
def test_a_document_credits_its_issuer_and_describes_no_one(text: str, speaker: str, printed: str) -> None:
    """The document is printed as the source, but "the statement" is no description of the person who issued it."""
    m = one(text)
    assert speaker in (m.speaker or "")
    assert m.speaker_mention == printed
    assert m.descriptor is None


@pytest.mark.parametrize(
    "text",
    [
        "Trump testified on Monday.\n\nHis flourishes went beyond attacking those who are investigating him.",
        "The hearing ran late.\n\nThe statement went on criticizing them for the delay.",
    ],
)
def test_the_cues_own_object_is_never_its_sayer(text: str) -> None:
    """With no subject in the parse, the word after the cue may be its sayer ("…,” said he); not its object."""
    for m in extract_quotes(text, include_indirect=True):
        assert (m.speaker_mention or "").lower() not in {"those", "them"}, m.to_dict()


def test_names_are_canonical_within_an_article() -> None:
    text = (
        "Prime Minister Erik Solheim arrived in Oslo.\n\n"
        "“We have to be patient with this process,” Solheim said.\n\n"
        "“Nobody wins a war like this one,” Solhem said."  # a typo of the surname
    )
    ms = extract_quotes(text)
    assert [m.speaker for m in ms] == ["Erik Solheim", "Erik Solheim"]
    assert ms[1].speaker_mention == "Solhem"


def test_colon_in_previous_paragraph() -> None:
    text = "The statement from Maria Lopez read:\n\n“The bridge will open in May and nobody will stop it.”"
    assert one(text).speaker == "Maria Lopez"


def test_dash_byline() -> None:
    text = "“The rules protect consumers and we will enforce them.” —Commissioner Geoffrey Starks"
    m = one(text)
    assert m.speaker == "Geoffrey Starks"
    assert m.attribution == "dash"


def test_transcript_lines() -> None:
    text = (
        "WALLACE: Governor, do you think the debate will change anything at all?\n"
        "PENCE: I think people will see a leader on that stage tomorrow night.\n"
        "WALLACE: Thank you for joining us today, Governor.\n"
    )
    ms = extract_quotes(text)
    assert [m.speaker for m in ms] == ["Wallace", "Pence", "Wallace"]
    assert ms[1].text == "I think people will see a leader on that stage tomorrow night."


def test_partial_quote_in_reported_speech_is_mixed() -> None:
    text = "Antony Blinken insisted that U.S. support for Ukraine remained “rock solid” despite the risks."
    m = one(text)
    assert m.kind == "mixed"
    assert m.speaker == "Antony Blinken"
    assert m.cue == "insisted"
    assert m.quoted_spans and text[m.quoted_spans[0][0] : m.quoted_spans[0][1]] == "rock solid"


@pytest.mark.parametrize(
    ("text", "words", "kind"),
    [
        # a colon sets the quotation off from its introduction: direct, whatever cue follows it
        (
            "She declared the need for ambition and drive: “Change the world and when you’ve done that, change it "
            "again,” she said.",
            "Change the world",
            "direct",
        ),
        ("Ryan said,“Look, anti-Semitic images have no place in a campaign.”", "anti-Semitic images", "direct"),
        # negative: words of the quotation inside the clause of the cue stay mixed
        ("Because they “agreed to it last year,” Stoltenberg said.", "agreed to it", "mixed"),
        # negative: a lower-case fragment after a colon is part of the sentence
        ("He named the problem: “a failure of nerve,” she said.", "failure of nerve", "mixed"),
    ],
)
def test_kind_of_a_quotation_with_its_cue_after(text: str, words: str, kind: str) -> None:
    (m,) = [m for m in extract_quotes(text) if words in m.text]
    assert m.kind == kind


def test_organisations_speak() -> None:
    m = one("“The alliance stands united behind its members,” NATO said in a statement.")
    assert m.speaker == "NATO"


@pytest.mark.parametrize(
    "text",
    [
        "He appeared on “Fox News Sunday” this week.",  # a show's name, not speech
        "The so-called “peace plan” was never published.",  # a scare quote with no speaker
        "It's the ’90s all over again, isn't it?",
        "They watched “The Steve Harvey Morning Show” together on Tuesday.",
    ],
)
def test_not_quotations(text: str) -> None:
    assert extract_quotes(text) == []


def test_headline_quote_with_dash_attribution() -> None:
    text = "Russian victory 'a tragedy' – NATO\nNATO will keep supplying weapons, the alliance's chief said."
    ms = extract_quotes(text)
    assert ms[0].text == "a tragedy"
    assert ms[0].speaker == "NATO"
    assert ms[0].placement == "headline"


def test_offsets_index_the_text() -> None:
    text = "Intro line here.\n\n“We will rebuild the bridge,” Maria Lopez said.\n"
    m = one(text)
    ((s, e),) = m.spans
    assert text[s:e] == "We will rebuild the bridge"
    assert m.speaker_span is not None and text[m.speaker_span[0] : m.speaker_span[1]] == "Maria Lopez"
    assert m.cue_span is not None and text[m.cue_span[0] : m.cue_span[1]] == "said"


def speaker_of(text: str, words: str) -> str | None:
    hits = [m for m in extract_quotes(text) if words in m.text]
    assert len(hits) == 1, [m.to_dict() for m in extract_quotes(text)]
    return hits[0].speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # plural pronouns refer to a group, never to the last person named
        (
            "All 40 members of the Farmers Union signed a letter to Governor Ellen Park.\n\n"
            "“We cannot accept these cuts,” they wrote.",
            "We cannot accept",
            "Farmers Union",
        ),
        # the statement of a role noun's person: "the statement from X's lawyer, Name"
        (
            "Mayor Tom Hardy faces charges.\n\n"
            "“We are disappointed but not surprised,” said the statement from Hardy's lawyer, Ruth Keller.",
            "We are disappointed",
            "Ruth Keller",
        ),
        # a definite office noun is the person introduced with that title
        (
            "Rep. Daniel Ortega Smith resigned on Friday after weeks of pressure.\n\n"
            "“I made mistakes,” the three-term congressman said in December.",
            "I made mistakes",
            "Daniel Ortega Smith",
        ),
        # the subject of what was said is not the sayer
        (
            "Senator Anna Berg went so far as to say Governor Paul Reyes should “step down” at once.",
            "step down",
            "Anna Berg",
        ),
        # a place in a phrase about the speaker does not speak
        (
            "A farmer from Kansas called the plan “a disaster for every grower in the state” on Tuesday.",
            "a disaster for every grower",
            None,
        ),
        # the subject of a reported clause is not who "he" is in the next quote
        (
            "Ben Ortiz said Mark Hale would probably chair the committee.\n\n"
            "“That would be a mistake for the state,” he said.",
            "That would be a mistake",
            "Ben Ortiz",
        ),
        # "called for" with quoted words as its object is a report of those words
        (
            "Governor Ellen Park called for “rebuilding every bridge in the county” on Monday.",
            "rebuilding every bridge",
            "Ellen Park",
        ),
        # a negated speech verb attributes nothing; the other cue does
        (
            "Mayor Lina Cho, speaking on Sunday, said the fire was being treated as “an act of arson,” "
            "though police did not say who was behind it.",
            "an act of arson",
            "Lina Cho",
        ),
    ],
)
def test_speaker_resolution_rules(text: str, words: str, speaker: str | None) -> None:
    assert speaker_of(text, words) == speaker


def test_they_is_not_resolved_to_one_person() -> None:
    text = "Governor Ellen Park met the striking workers on Monday.\n\n“We will not go back,” they said."
    assert speaker_of(text, "We will not go back") != "Ellen Park"


def test_the_spokesman_is_not_the_person_the_story_is_about() -> None:
    text = "Rep. Daniel Smith resigned on Friday.\n\n“He has no further comment,” the spokesman said."
    assert speaker_of(text, "no further comment") != "Daniel Smith"


def test_a_place_in_a_clause_about_the_speaker_is_not_the_speaker() -> None:
    text = "A Democrat running for Senate in Iowa mocked his rival as a “farmer who never went to law school.”"
    assert speaker_of(text, "never went to law school") not in {"Iowa", "Senate"}


def test_calling_for_something_unquoted_is_not_speech() -> None:
    text = "Governor Ellen Park called for new bridges, a plan critics call “a fantasy budget.”"
    assert all(m.speaker != "Ellen Park" for m in extract_quotes(text))


def test_a_paragraph_break_ends_the_sentence() -> None:
    text = (
        "“We will not stop until the work is done,” Maria Lopez said. “Nobody can afford to wait anymore.”\n\n"
        "Tom Hardy, speaking from the town hall on Sunday, said the flood was being treated as an "
        "“emergency of the first order,” though he did not say for how long."
    )
    assert speaker_of(text, "emergency of the first order") == "Tom Hardy"


def test_coordinated_speakers_speak_together() -> None:
    text = "“We will not be afraid of anyone,” Mayor Tom Hardy and Governor Ellen Park said in a joint statement."
    assert speaker_of(text, "We will not be afraid") == "Tom Hardy and Ellen Park"


def test_a_cue_in_the_next_sentence_does_not_attribute_a_closed_quote() -> None:
    text = (
        "Tom Hardy spoke first.\n\n"
        "The council described the flood as “the worst disaster in the history of the county.” "
        "Ellen Park later explained that the budget would be cut."
    )
    assert speaker_of(text, "the worst disaster") != "Ellen Park"


def test_a_short_tail_after_a_closed_quote_still_attributes_it() -> None:
    text = "“The bridge will be rebuilt by the end of the year.” said Tom Hardy."
    assert speaker_of(text, "The bridge will be rebuilt") == "Tom Hardy"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an organisation, party or place qualifying the source does not speak: the source is unnamed
        ("“Meadows screwed everybody,” said one GOP operative in the state.", "one GOP operative in the state"),
        ("“Those who return are rare,” the Senate historian said.", "Senate historian"),
        ("“There's a whole lot of anger,” said one Democrat who opposed her.", "one Democrat"),
        ("“We will not back down,” the Senate's top Democrat said on Tuesday.", "Senate's top Democrat"),
        # whom a source speaks for is not the source
        ("“We are looking into it,” a lawyer for Mr. Grimm said.", "a lawyer for Mr. Grimm"),
        ("“This is a fake story,” a spokesman for Senator Warren told reporters.", "a spokesman for Senator Warren"),
        ("“He did nothing wrong,” Trump's lawyer said on Monday.", "Trump's lawyer"),
        # ... unless the phrase names the source too
        ("“It was a mistake,” said Ms. Smith's spokeswoman, Jane Doe.", "Jane Doe"),
        ("“The budget is a disgrace,” the Chinese foreign ministry said.", "Chinese foreign ministry"),
        ("“The budget is a disgrace,” Senator Tom Hardy of Ohio said.", "Tom Hardy"),
    ],
)
def test_an_unnamed_source_is_its_description(text: str, speaker: str) -> None:
    m = one(text)
    assert m.speaker == speaker


def test_an_unnamed_source_never_lends_its_client_to_a_later_pronoun() -> None:
    text = (
        "Senator Tom Hardy met the board. “We are looking into it,” a lawyer for Mr. Grimm said. "
        "“We will know more next week,” he added."
    )
    ms = extract_quotes(text)
    assert ms[0].speaker == "a lawyer for Mr. Grimm"
    assert all(m.speaker != "Grimm" for m in ms)


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("The Justice Department", "Justice Department"),
        ("the Sacramento County Sheriff Department", "Sacramento County Sheriff Department"),
        ("Justice Anthony Kennedy", "Anthony Kennedy"),
        ("Health Minister Anna Berg", "Anna Berg"),
        # police and council ranks, abbreviated without a full stop as British and Caribbean papers print them
        ("Supt Peters", "Peters"),
        ("Supt. Peters", "Peters"),
        ("Det Sgt John Peters", "John Peters"),
        ("Insp Mary Cole", "Mary Cole"),
        ("Cllr Mary Jones", "Mary Jones"),
        ("Superintendent Audley Peters", "Audley Peters"),
        ("Constable Ann Rees", "Ann Rees"),
        # local-government titles: two came back with the occupations printed as titles (BENCHMARKS §53)
        ("Supervisor Alfredo Pedroza", "Alfredo Pedroza"),
        pytest.param("Assemblywoman Claudia Tenney", "Claudia Tenney", marks=DROPPED),
        ("Comptroller Scott Stringer", "Scott Stringer"),
        pytest.param("Councilmember Ann Rees", "Ann Rees", marks=DROPPED),
        # negative: a rank that is also a surname stays the surname
        ("John Constable", "John Constable"),
        ("Mary Treasurer", "Mary Treasurer"),
    ],
)
def test_titles_and_offices_before_a_name(printed: str, name: str) -> None:
    from quotetrace.speakers import clean_name

    assert clean_name(printed) == name


@pytest.mark.parametrize(
    ("text", "surname", "expected"),
    [
        # a title-case headline ("…Jobs Bill Obama…") names no Bill Obama
        ("Obama Taunts G.O.P. for Ignoring Jobs Bill Obama Wanted\n\nMr. Obama spoke.", "Obama", None),
        ("Obama Taunts G.O.P. for Ignoring Jobs Bill\n\nPresident Obama spoke.", "Obama", None),
        (
            "Obama Taunts G.O.P. for Ignoring Jobs Bill\n\nPresident Barack Obama spoke. Mr. Obama left.",
            "Obama",
            "Barack Obama",
        ),
        # a sentence adverb before a name is no given name (issue 12: "Apparently Lindsey" was a speaker)
        ("She wrote it.\nApparently Lindsey's posts were real.", "Lindsey", None),
        ("Reportedly Warren declined. Unfortunately Warren left.", "Warren", None),
        ("Presumably Ortiz knew.", "Ortiz", None),
        # given names with the same ending stay given names
        ("Kimberly Lindsey spoke.", "Lindsey", "Kimberly Lindsey"),
        ("Sally Field spoke. Field left.", "Field", "Sally Field"),
        ("Emily Warren spoke.", "Warren", "Emily Warren"),
        # an adverb before the full name: the given name is still found
        ("Apparently Kelly Lindsey wrote it.", "Lindsey", "Kelly Lindsey"),
        # the one "can this word be a given name" rule (people.plausible_given) serves full names too
        ("Says Warren: no. Elizabeth Warren spoke.", "Warren", "Elizabeth Warren"),
        ("Despite Trump, it passed.", "Trump", None),
        ("On Monday Warren declined.", "Warren", None),
        ("In Trump's view it failed.", "Trump", None),
        ("Asked Smith about it, she left.", "Smith", None),
        ("J.D. Vance spoke. JD Vance left.", "Vance", None),  # initials alone are no given name to complete with
        ("President Donald J. Trump spoke. Trump left.", "Trump", "Donald J. Trump"),
        # a nickname quoted between given name and surname is the same person's
        ('Patrick appointed William "Mo" Cowan. Cowan said he was honoured.', "Cowan", "William Cowan"),
        ("John “Tig” Tiegen spoke. Tiegen left.", "Tiegen", "John Tiegen"),
        ("Chief of Staff William 'Mo' Cowan spoke. Cowan left.", "Cowan", "William Cowan"),
        # the nickname with the surname elsewhere in the body is that person too, not a second given name
        ('William "Mo" Cowan was named. Friends call him Mo Cowan. Cowan said yes.', "Cowan", "William Cowan"),
        # two people still leave the surname alone
        ('William "Mo" Cowan and Jonathan Cowan spoke. Cowan said no.', "Cowan", None),
        # a quoted word that is no nickname (lowercase, or not before the surname) changes nothing
        ('Jane "the boss" Smith spoke. Smith left.', "Smith", None),
        ('He called it "Crooked" Smith said. Smith left.', "Smith", None),
    ],
)
def test_full_names(text: str, surname: str, expected: str | None) -> None:
    """A surname printed alone as a speaker, completed to the full name the article prints (speakers.full_names)."""
    from quotetrace.speakers import full_names

    assert full_names(text, {surname}).get(surname) == expected


def test_a_rank_before_a_surname_completes_to_the_full_name() -> None:
    text = (
        "Superintendent Audley Peters said police were investigating.\n\n"
        "“Those males discharged those weapons at that victim,” Supt Peters said."
    )
    assert [m.speaker for m in extract_quotes(text)] == ["Audley Peters"]


# ---------------------------------------------------------------------------- dialogue, interviews, bullets

# Rules tuned on the fifth unseen batch's tune half that changed nothing on any held-out split (BENCHMARKS §50).
DROPPED_50 = pytest.mark.xfail(strict=True, reason="rule dropped: no gain on the held-out splits (BENCHMARKS §50)")

INTERVIEW = (
    "Jim McKelvey founded Square in 2009 with Jack Dorsey.\n"
    "Do you remember the first time you met Jack?\n"
    "McKelvey: He came into my office. He tapped me on the shoulder and said, “I'm Jack.” And I said, “I'm Jim.”"
    " I asked him what he wanted and he said, ‘I don't know.’\n"
)


@DROPPED_50
def test_a_cue_after_a_quotation_its_own_cue_led_into_opens_the_next_one() -> None:
    got = [(m.text, m.speaker) for m in extract_quotes(INTERVIEW)]
    assert ("I'm Jack.", "Jack Dorsey") in got
    assert ("I'm Jim.", "Jim McKelvey") in got  # "I" in McKelvey's labelled answer is McKelvey ...
    assert ("I don't know.", "Jack Dorsey") in got  # ... and "he" there is never him


@pytest.mark.parametrize(
    "text",
    [
        # "I" with no labelled answer around it names no one
        "He tapped me on the shoulder and said, “I'm Jack.” And I said, “I'm Jim.”",
        # a label that names no one the article names is no answer ("Update:")
        "Update: I said, “We will rebuild the bridge.”",
    ],
)
def test_i_names_no_one_outside_a_labelled_answer(text: str) -> None:
    got = {m.text: m.speaker for m in extract_quotes(text)}
    assert got.get("I'm Jim.", got.get("We will rebuild the bridge.")) is None


@DROPPED_50
def test_a_co_founder_is_not_the_founder() -> None:
    text = (
        "Mark Zuckerberg gave the interview in 2005. That is co-founder Dustin Moskovitz doing a keg stand.\n"
        "When asked what was next, the Facebook founder said, “There doesn't have to be more.”"
    )
    (m,) = extract_quotes(text)
    assert m.speaker != "Dustin Moskovitz"


@DROPPED_50
def test_bulleted_quotations_are_read_and_a_bullet_is_no_name() -> None:
    text = (
        "A House Democratic source provided a memo laying out the key messages, which include:\n"
        "• “Republicans promise once again to privatize and cut your Social Security.\n"
        "• “Social Security has been, for 75 years, a bedrock promise.\n"
    )
    ms = extract_quotes(text)
    assert [m.text for m in ms] == [
        "Republicans promise once again to privatize and cut your Social Security.",
        "Social Security has been, for 75 years, a bedrock promise.",
    ]
    assert all(m.speaker is None or ("•" not in m.speaker and "“" not in m.speaker) for m in ms)


@DROPPED_50
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # someone unnamed whatever the noun ("one user", "a reader"): dropped, PolNeAR dev and BASIL held-out lost
        ("“He's amazing. A gift to this community,” one user wrote on the Silk Road forum.", "one user"),
        ("“The paper got it wrong,” a reader wrote in a letter to the editor.", "a reader"),
    ],
)
def test_dropped_any_noun_unnamed_source(text: str, speaker: str) -> None:
    assert one(text).speaker == speaker


@DROPPED_50
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an indefinite description brings in someone new: dropped, realweb held-out lost one (BENCHMARKS §50)
        (
            "William Pooley, a spokesman, was flown home.\nA British Airways spokesman said: “We are working with the"
            " health authorities.”",
            "A British Airways spokesman",
        ),
    ],
)
def test_dropped_an_indefinite_description_names_no_one_before(text: str, speaker: str) -> None:
    assert one(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a person named before a role or group noun is whom they speak for ("Obama's aides"), not the speaker
        ("Obama aides said the plan was good.", "Obama aides"),
        (
            "Hillary Clinton spoke in Iowa. Later, several Clinton supporters said the plan was good.",
            "several Clinton supporters",
        ),
        ("The Obama official said the plan was good.", "Obama official"),
        # negative: a name after its title, or with the role in apposition, is the speaker
        ("Trump adviser Kellyanne Conway said the plan was good.", "Kellyanne Conway"),
        ("NATO Secretary General Jens Stoltenberg said the plan was good.", "Jens Stoltenberg"),
        ("Former New York Mayor Rudy Giuliani said the plan was good.", "Rudy Giuliani"),
    ],
)
def test_a_name_before_a_role_noun_is_spoken_for(text: str, speaker: str) -> None:
    assert [m.speaker for m in extract_quotes(text, include_indirect=True)] == [speaker]


@pytest.mark.parametrize(
    ("text", "mention", "cue"),
    [
        # a cue the tagger read as a singular noun, the sentence's root with a subject of its own
        ("The email read: “We will win the state by ten points.”", "The email", "read"),
        ("“We will win the state by ten points,” the senators state.", "the senators", "state"),
    ],
)
def test_a_cue_tagged_as_a_singular_noun(text: str, mention: str, cue: str) -> None:
    [m] = extract_quotes(text)
    assert (m.speaker_mention, m.cue) == (mention, cue)
