"""Direct-quote attribution rules of issue 12 (deliverable 4): text -> expected speaker, each with a negative case."""

from __future__ import annotations

import pytest

from quotetrace import extract_quotes

# Known failures: rules that fixed these on the tune splits and were dropped for no held-out gain (BENCHMARKS §43).
DROPPED = pytest.mark.xfail(strict=True, reason="rule dropped: no gain on the held-out splits (BENCHMARKS §43)")
DROPPED_51 = pytest.mark.xfail(strict=True, reason="rule dropped: no held-out change (BENCHMARKS §51)")


def speaker_of(text: str, words: str) -> str | None:
    hits = [m for m in extract_quotes(text) if words in m.text]
    assert len(hits) == 1, [m.to_dict() for m in extract_quotes(text)]
    return hits[0].speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a name the tagger took for a place, described as a person in apposition: the name speaks, without its
        # appositive
        ('"We will not back down," Etheridge, a Democrat, said on Tuesday.', "back down", "Etheridge"),
        ('Etheridge, a Democrat, said: "We will not back down."', "back down", "Etheridge"),
        # negative: a place described as no person is not read as a person's name (the state speaks as itself)
        ('Texas, a Republican stronghold, said: "We are open for business."', "open for business", "Texas"),
        # a minister's name the tagger ran into the ministry's: the person speaks, and "he" then finds him (a rule
        # that did this gained realweb tune +2 and nothing held out: dropped, BENCHMARKS §49)
        pytest.param(
            "Before the vote, Minister in the Ministry of Finance Brian Manning said, “The issue is a simple one "
            "today.” He added that it was “a situation that will be brought to equilibrium over time.”",
            "equilibrium",
            "Brian Manning",
            marks=pytest.mark.xfail(
                strict=True, reason="rule dropped: no gain on the held-out splits (BENCHMARKS §49)"
            ),
        ),
        # negative: the ministry alone speaks as itself
        ('The Ministry of Finance said, "The issue is a simple one today."', "simple one", "Ministry of Finance"),
        # a subjunctive in a that-clause is what was asked of someone, not their words
        ('Gowdy asked that Clinton agree to a "transcribed" interview.', "transcribed", "Gowdy"),
        # negative: a reported past tense is the other person's act of saying
        (
            "Senator Ann Berg said that Governor Paul Reyes agreed to “a full and open review of the books.”",
            "a full and open review",
            "Paul Reyes",
        ),
        # calling someone something in quoted words is saying it
        (
            "Donald Trump defended the incident, calling the protester “a very obnoxious guy who was a troublemaker.”",
            "obnoxious guy",
            "Donald Trump",
        ),
        # negative: calling someone (the police) quotes nobody
        (
            "Maria Lopez called the police.\n\n“Nobody came for hours and hours that night,” "
            "her neighbour Tom Hardy said.",
            "Nobody came",
            "Tom Hardy",
        ),
        # a participle after a comma has the subject of its sentence
        (
            "Band member Flea shared the news on social media last week, writing “Feels great to support someone I "
            "believe in and we love him.”",
            "Feels great",
            "Flea",
        ),
        # negative: a participle with its own subject keeps it
        (
            "Band member Flea shared the news, as Anna Berg was writing “This is a fine day for every one of us.”",
            "fine day",
            "Anna Berg",
        ),
        # the owner of a noun of saying said the quoted words
        (
            'LePage\'s promise to "seek the death penalty for drug dealers" drew fire, Thibodeau said.',
            "death penalty",
            "LePage",
        ),
        ('Smith rejected the claim by Jones that "the vote was rigged from the start."', "rigged", "Jones"),
        # negative: a possessor of a noun that is not about saying does not speak (the words are inside the office's
        # that-clause, so the office's: BENCHMARKS §56 round 9; Smith, before it)
        (
            'Jones\'s office said on Monday that "the vote was rigged from the start," Smith said.',
            "rigged",
            "Jones's office",
        ),
        # a weekday or month printed beside a cue is no sayer (issue 12: non-persons never speak)
        (
            "N.A.A.C.P. Challenges Tea Party on Racism\n\nOne of the nation’s largest and oldest civil rights "
            "groups passed a resolution Tuesday calling for Tea Party groups to weed “racist elements” out of "
            "their ranks.",
            "racist elements",
            None,
        ),
        (
            "The civil rights group passed a resolution Tuesday calling for Tea Party groups to weed out “racist "
            "elements” from their ranks.",
            "racist elements",
            "The civil rights group",
        ),
        ("“We will win in November,” Maria Lopez said Tuesday.", "We will win", "Maria Lopez"),
        # a cue the parser hung on the noun before it as a clause: that noun is the sayer
        (
            "It was his sharpest response yet.\n\n“Is he going to finally say the words? If he doesn't he should "
            "resign!” the presumptive Republican nominee, Donald Trump, tweeted Sunday after the attack.",
            "finally say the words",
            "Donald Trump",
        ),
        # negative: a past participle without a comma is passive ("a candidate called …" is named so)
        (
            "Rep. Michele Bachmann has declined to get into the scrum with Newsweek over its cover story on the "
            "presidential candidate called “The Queen of Rage,” with an unflattering photo.",
            "Queen of Rage",
            None,
        ),
        # an indefinite pronoun is an unnamed source: its description speaks, never the name nearby
        (
            "The Margaritaville project drew criticism at the meeting. “I am blown away by the size of this,” said "
            "someone at the meeting. Margaritaville Hotels did not respond.",
            "blown away",
            "someone at the meeting",
        ),
        (
            "Officers arrived at midnight.\n\n“It was chaos,” one of the officers said.",
            "It was chaos",
            "one of the officers",
        ),
        ("Maria Lopez defended the plan.\n\n“We disagree,” others said.", "We disagree", "others"),
        # negative: a personal pronoun is still the person it stands for
        ("Maria Lopez defended the plan.\n\n“We disagree,” she said.", "We disagree", "Maria Lopez"),
        # negative: "one" as a number before a noun is a description as before, not a pronoun
        ("“Nobody told us,” said one resident.", "Nobody told us", "one resident"),
        # a description resolves to the person named nearby when the text gave them that role (issue 12's example)
        (
            "Conservative MP Chris Grayling was asked about the plan.\n\n“We will not back down,” the Conservative "
            "MP said.",
            "We will not back down",
            "Chris Grayling",
        ),
        # ... in apposition too
        (
            "Chris Grayling, the Conservative MP for Epsom, was asked about the plan.\n\n“We will not back down,” "
            "the Conservative MP said.",
            "We will not back down",
            "Chris Grayling",
        ),
        # a title the tagger calls a proper noun is a role, not someone called "MP"
        (
            "The MP Chris Grayling was asked about the plan. “We will not back down,” the MP said.",
            "We will not back down",
            "Chris Grayling",
        ),
        # negative: the text never made him an MP, so the description stays the speaker
        (
            "Chris Grayling was asked about the plan.\n\n“We will not back down,” the Conservative MP said.",
            "We will not back down",
            "Conservative MP",
        ),
        # negative: an appositive's other words ("a former editor") say nothing of "the former coach"
        (
            "“There are a lot of stories,” said Jim Rich, a former editor of the Daily News.\n\n"
            "“We never lost that game,” the former coach said.",
            "We never lost",
            "the former coach",
        ),
        # a printed word ties a role to a title only as a whole word: "NATO" is not in "Senator"
        (
            "Senator Jane Roe met the delegation on Monday.\n\n“We will keep our promises,” a NATO spokesman said.",
            "keep our promises",
            "a NATO spokesman",
        ),
        # a description's capitalised words tie it to a title only all together: "British Airways" is no "British
        # nurse" (tried and dropped: realweb tune +3, no held-out change, §51; the §43 rule, "an indefinite
        # description names no one", was dropped too)
        pytest.param(
            "British nurse William Pooley was treated in London.\n\nA British Airways spokesman said: “We are "
            "working closely with the health authorities.”",
            "working closely",
            "A British Airways spokesman",
            marks=DROPPED_51,
        ),
        # negative: the whole organisation in the title ties the role to the person
        (
            "NATO Secretary General Jens Stoltenberg met the ministers.\n\n“We stand with Ukraine,” the NATO chief "
            "said.",
            "stand with",
            "Jens Stoltenberg",
        ),
        pytest.param(
            "Conservative MP Chris Grayling was asked about the plan.\n\n“We will not back down,” a Conservative "
            "MP said.",
            "We will not back down",
            "a Conservative MP",
            marks=DROPPED,
        ),
        # a pronoun after an unnamed source's cue is that source, not the person named before them
        pytest.param(
            "“We need an honest conversation,” Jo Grady said.\n\nBut a spokesperson for the employers said its "
            "members had cut such contracts.\n\n“We have worked with the unions for years,” he said.",
            "worked with the unions",
            "a spokesperson for the employers",
            marks=DROPPED,
        ),
        # negative: the person named after the unnamed source is whom the pronoun stands for
        (
            "A spokesperson for the employers said its members had cut such contracts. Jo Grady disagreed.\n\n"
            "“We have seen no such thing,” she said.",
            "no such thing",
            "Jo Grady",
        ),
        # negative: a definite description's cue leaves the pronoun to the named person
        (
            "“We need an honest conversation,” Jo Grady said.\n\nThe union leader said its members were angry.\n\n"
            "“We have waited for years,” she said.",
            "waited for years",
            "Jo Grady",
        ),
        # a manner of speaking before an inverted subject is a cue
        pytest.param(
            "“This is fantastic!” beamed Donald Hartley of Madison, Alabama.",
            "fantastic",
            "Donald Hartley",
            marks=DROPPED,
        ),
        # an inverted cue whose name the parse lost in a long title: the run of proper nouns, without the title
        pytest.param(
            "“Republicans are so frustrated,” said Oversight ranking Democrat Elijah Cummings (D-Md.).",
            "so frustrated",
            "Elijah Cummings",
            marks=DROPPED,
        ),
        # the subject's own name, not a name inside its appositive
        (
            "“He is waiting on the advice of counsel,” Bob Haueter, Farenthold’s chief of staff, told HuffPost.",
            "advice of counsel",
            "Bob Haueter",
        ),
        # negative: a role noun's appositive name is the speaker, its possessor is whom they speak for
        (
            "“We will appeal,” Trump’s lawyer, Rudy Giuliani, told reporters.",
            "We will appeal",
            "Rudy Giuliani",
        ),
        # a given name alone is the one person the article named in full with it
        (
            "Sir Keith Joseph was the force behind the plan.\n\n“We have to change the climate,” Keith told her.",
            "change the climate",
            "Keith Joseph",
        ),
        # negative: two people share the given name; it stays as printed
        (
            "Keith Joseph met Keith Martin on Monday.\n\n“We have to change the climate,” Keith told her.",
            "change the climate",
            "Keith",
        ),
        # negative: a headline's "Trump Declares" names no one called Trump Declares
        (
            "Trump Declares a National Emergency, and Provokes a Constitutional Clash\n\nThe president spoke on "
            "Friday.\n\n“We will build the wall,” Trump said.",
            "build the wall",
            "Trump",
        ),
        # a quotation that is its whole paragraph, after a paragraph reporting someone's speech, is theirs
        (
            "“We have seen a rise in attacks,” Ronald Walcott warned.\n\nHe said the Government would have to "
            "look at new laws on cybercrime.\n\n“I would expect it is only a matter of time before they act.”",
            "only a matter of time",
            "Ronald Walcott",
        ),
        # negative: declining to comment is no speech
        (
            "The company declined to comment.\n\n“This is a disaster for the whole country and for all of us.”",
            "disaster for the whole country",
            None,
        ),
        # negative: words after the quotation in its paragraph (a cue the parse may miss) leave it alone
        (
            "Sanders said the party must change.\n\n“Find your polling place and get there,” the pastor tells them.",
            "polling place",
            "the pastor",
        ),
        # negative: an inverted description stays a description
        ("“We will win this fight,” said the ranking member.", "win this fight", "the ranking member"),
        # a headline opening with its speaker: a name and a colon, or a name and a speech verb in the present
        ("Romney: My 'Preference' Is Marriage\n\nMitt Romney spoke in Iowa on Tuesday.", "Preference", "Mitt Romney"),
        (
            "Trump Calls Elephant Trophy Hunting A 'Horror Show'\n\nDonald Trump spoke on Friday.",
            "Horror Show",
            "Donald Trump",
        ),
        (
            "Ryan Slams 'Anti-Semitic Images' In Campaign\n\nHouse Speaker Paul Ryan spoke on Friday.",
            "Anti-Semitic Images",
            "Paul Ryan",
        ),
        # a present-tense cue the tagger reads as a plural noun ("demands") still has its subject (dropped in §43,
        # back in §55 as the sentence's root with a subject of its own: a held-out gain this time)
        ("“Who are you?” the seven-term congressman demands.", "Who are you", "the seven-term congressman"),
        ("“Who are you,” the seven-term congressman demands.", "Who are you", "the seven-term congressman"),
        # negative: a plural noun with no subject of its own is no cue
        (
            "The demands of the strikers were simple.\n\n“We want a raise for every worker in this plant.”",
            "a raise",
            None,
        ),
        # "quoted X as saying": the one quoted speaks, never the one quoting
        ("The Daily Mail quoted Doe as saying: “We will win this fight.”", "win this fight", "Doe"),
        ("Doe was quoted by the Daily Mail as saying: “We will win this fight.”", "win this fight", "Doe"),
        ("Doe was quoted as saying: “We will win this fight.”", "win this fight", "Doe"),
        ("Reuters cited a senior official as saying: “We will win this fight.”", "win this fight", "a senior official"),
        # negative: whoever quotes someone elsewhere in the sentence speaks by their own cue
        ("The Daily Mail, which quoted Doe at length, said: “We will win this fight.”", "win this fight", "Daily Mail"),
        # "put it" with nowhere to put it is a cue
        ("As Jens Stoltenberg put it, “We will win this fight.”", "win this fight", "Jens Stoltenberg"),
        ("Jens Stoltenberg put it bluntly: “We will win this fight.”", "win this fight", "Jens Stoltenberg"),
        ("“We will win this fight,” is how Jens Stoltenberg put it.", "win this fight", "Jens Stoltenberg"),
        # negative: putting something somewhere says nothing
        ("Jens Stoltenberg put it on the table. “We will win this fight.”", "win this fight", None),
        # a headline's role noun after an organisation: the role speaks ("NATO chief"), never the organisation
        (
            "NATO chief vows to ‘win this fight’\n\nThe alliance met in Brussels on Monday to discuss the war.",
            "win this fight",
            "NATO chief",
        ),
        (
            "NATO chief: ‘We will win this fight’\n\nThe alliance met in Brussels on Monday.",
            "win this fight",
            "NATO chief",
        ),
        # negative: an organisation alone before the colon is the organisation
        ("NATO: ‘We will win this fight’\n\nThe alliance met in Brussels on Monday.", "win this fight", "NATO"),
        # a byline or lead-in names a person: that person, not the organisation of their title nor a possessor
        ("“We will win this fight.” — Jens Stoltenberg, NATO Secretary General", "win this fight", "Jens Stoltenberg"),
        ("“We will win this fight.” — Rudy Giuliani, Donald Trump’s lawyer", "win this fight", "Rudy Giuliani"),
        # negative: an organisation alone after the dash is the organisation
        ("“We will win this fight.” — NATO", "win this fight", "NATO"),
        # who replies is the one asked, not the asker (tried and dropped: no tune or held-out figure moved, §51)
        pytest.param(
            "Jake Tapper asked Jens Stoltenberg whether NATO would win. “We will win this fight,” he replied.",
            "win this fight",
            "Jens Stoltenberg",
            marks=DROPPED_51,
        ),
        # negative: a pronoun that cannot be the one asked is the asker's
        (
            "Jake Tapper asked Mary Barra about the strike. “That is not an answer,” he replied.",
            "not an answer",
            "Jake Tapper",
        ),
        # an office or a campaign named after a titled person speaks as itself, as it does without the title (tried
        # and dropped: BASIL tune2 lost a pair, §51 — its gold gives a campaign's words to the candidate)
        pytest.param(
            "Israeli Prime Minister Benjamin Netanyahu’s office said: “We will win this fight.”",
            "win this fight",
            "Israeli Prime Minister Benjamin Netanyahu’s office",
            marks=DROPPED_51,
        ),
        pytest.param(
            "President Joe Biden’s campaign said: “We will win this fight.”",
            "win this fight",
            "President Joe Biden’s campaign",
            marks=DROPPED_51,
        ),
        # negative: a role after the organisation is the titled person
        (
            "NATO Secretary General Jens Stoltenberg spoke.\n\n“We will win this fight,” the NATO Secretary General "
            "said.",
            "win this fight",
            "Jens Stoltenberg",
        ),
        # "the company said" after a company is named: the company, as "it said" would be
        (
            "Apple declined to comment on the report.\n\n“We take privacy seriously,” the company said.",
            "privacy seriously",
            "Apple",
        ),
        (
            "The Foreign Ministry summoned the ambassador.\n\n“This is unacceptable,” the ministry said.",
            "unacceptable",
            "Foreign Ministry",
        ),
        # negative: with no organisation named before, the description stays
        (
            "Jens Stoltenberg spoke on Monday.\n\n“This is unacceptable,” the company said.",
            "unacceptable",
            "the company",
        ),
        # an unnamed source is described with what picks them out, and a person so picked out is one
        (
            "“We will win this fight,” said a person familiar with the talks.",
            "win this fight",
            "a person familiar with the talks",
        ),
        (
            "“We will win this fight,” said two people briefed on the matter.",
            "win this fight",
            "two people briefed on the matter",
        ),
        (
            "“We will win this fight,” said people with knowledge of the plan.",
            "win this fight",
            "people with knowledge of the plan",
        ),
        # negative: people in general name no one
        ("People said: “We will win this fight.”", "win this fight", None),
        # a verbless lead-in: the name before a preposition speaks, not the medium or the topic after it
        ("President Trump on Twitter: “We will win this fight!”", "win this fight", "Trump"),
        ("Biden on Iran: “We will not allow a nuclear weapon.”", "nuclear weapon", "Biden"),
        (
            "Jens Stoltenberg at the NATO summit in Vilnius: “We will win this fight.”",
            "win this fight",
            "Jens Stoltenberg",
        ),
        # negative: a source after "from" or "by" is the speaker
        ("The statement from the Kremlin on Ukraine: “We will win this fight.”", "win this fight", "Kremlin"),
    ],
)
def test_direct_rules(text: str, words: str, speaker: str | None) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a pronoun skips a person whose given name is nearly always the other sex's (tried twice and dropped: the US
        # census given-name lists, §51 — "Kim Brace", a man, was skipped by "he" — and a hand list of men's names,
        # §52 — realweb tune +3, nothing held out; the short FEMALE_NAMES list stays)
        pytest.param(
            "Jo Grady chairs the union. Brian Walsh, its treasurer, sat beside her.\n\n“We will publish the "
            "accounts,” she said.",
            "Jo Grady",
            marks=pytest.mark.xfail(strict=True, reason="given-name gender lexicon dropped (BENCHMARKS §51, §52)"),
        ),
        # negative: a name given to both sexes (mostly women's in the census) does not bar "he"
        (
            "Brian Walsh chairs the union. Kim Brace, its treasurer, sat beside him.\n\n“We will publish the "
            "accounts,” he said.",
            "Kim Brace",
        ),
        # the short list holds common women's names ("Jane") and none that men often have ("Dana White" is a man)
        (
            "Jane Morrow, the council leader, spoke after the vote.\n\nDana White, the UFC president, disagreed. "
            "“We will publish the accounts,” he said.",
            "Dana White",
        ),
        (
            "Dana White, the UFC president, spoke after the vote.\n\nJane Morrow, the council leader, disagreed. "
            "“We will publish the accounts,” she said.",
            "Jane Morrow",
        ),
        # and "she" skips a man named with a common man's name (the men's list, dropped, §52)
        pytest.param(
            "Ann Berg chairs the union. Tom Hale, its treasurer, sat beside her.\n\n“We will publish the "
            "accounts,” she said.",
            "Ann Berg",
            marks=pytest.mark.xfail(strict=True, reason="men's given-name list dropped (BENCHMARKS §52)"),
        ),
        pytest.param(
            "Tom Hale spoke. Her answer: “We will publish the accounts.”",
            None,
            marks=pytest.mark.xfail(strict=True, reason="men's given-name list dropped (BENCHMARKS §52)"),
        ),
    ],
)
def test_a_pronoun_and_given_names(text: str, speaker: str | None) -> None:
    assert speaker_of(text, "publish the accounts") == speaker


# A dateline's place is no subject and no part of the speaker's mention (the rule: nlp.credit_lines.dateline_end).
@pytest.mark.parametrize(
    ("text", "speaker", "printed"),
    [
        (
            "LONDON, England — Prime Minister Theresa May said: “Brexit means Brexit and we will make a success "
            "of it.”",
            "Theresa May",
            "Prime Minister Theresa May",
        ),
        (
            "PARIS, France — President Emmanuel Macron said on Monday that “France will not give in to terror.”",
            "Emmanuel Macron",
            "President Emmanuel Macron",
        ),
        (
            "AMHERST, N.H. — Gov. Rick Perry of Texas on Tuesday said he would back a federal policy “to detain and "
            "to deport every illegal alien that we apprehend.”",
            "Rick Perry",
            "Gov. Rick Perry of Texas",
        ),
        (
            "BERLIN, Dec 5 (Reuters) - Chancellor Olaf Scholz said: “Germany stands with Ukraine.”",
            "Olaf Scholz",
            "Chancellor Olaf Scholz",
        ),
        # negative: a name in capitals before a parenthetical dash is no dateline
        ("NATO — the alliance of 31 nations — said: “We will stand firm in the east.”", "NATO", "NATO"),
    ],
)
def test_a_datelines_place_never_speaks(text: str, speaker: str, printed: str) -> None:
    (m,) = [m for m in extract_quotes(text) if m.kind != "indirect"]
    assert (m.speaker, m.to_dict()["speaker_mention"]) == (speaker, printed)
    assert text[m.start : m.end].startswith(m.text[:10])  # offsets still point into the article, dateline and all


def test_a_follow_on_quote_naming_the_last_speaker_is_not_theirs() -> None:
    text = (
        'Barack Obama spoke on Monday. "We will win this race," he said.\n\n'
        '"Obama is a great man and the people love him very much."'
    )
    assert speaker_of(text, "great man") is None


def test_a_follow_on_quote_without_the_name_stays_theirs() -> None:
    text = (
        'Barack Obama spoke on Monday. "We will win this race," he said.\n\n'
        '"The people love us and we love them very much."'
    )
    assert speaker_of(text, "love us") == "Barack Obama"


def test_an_age_description_stays_the_speakers_mention() -> None:
    """ "the 46-year-old" is a DATE to the tagger, but no date name: it stays the printed source (the date rule
    above must not take it away)."""
    text = "The former model defended her husband.\n\n“He is an amazing leader,” said the 46-year-old."
    hits = [m for m in extract_quotes(text) if "amazing leader" in m.text]
    assert len(hits) == 1 and hits[0].speaker_mention == "the 46-year-old"


@pytest.mark.parametrize(
    ("text", "words", "kept"),
    [
        # a title after a preposition or a possessive names a show or a book, whatever cue is near it
        ('Issa said on "Sunday Morning Futures" that the plan had failed badly.', "Sunday Morning", False),
        ("He told Fox News’ “Fox and Friends” that the plan had failed badly.", "Fox and Friends", False),
        pytest.param(
            "The family, according to “The Trumps: Three Generations That Built an Empire,” was poor.",
            "Three Generations",
            False,
            marks=DROPPED,
        ),
        # negative: a title-case quotation that opens the sentence and takes the cue is speech
        ("“Ted Cruz Is The Best Candidate,” Richard Viguerie said.", "Ted Cruz Is The Best", True),
    ],
)
def test_named_works_are_not_speech(text: str, words: str, kept: bool) -> None:
    assert any(words in m.text for m in extract_quotes(text)) is kept


@pytest.mark.parametrize(
    "text",
    [
        # negative: no name opens the headline; the quoted words stay a scare quote
        "Benghazi committee seeks 'transcribed' interview\n\nThe committee met on Tuesday.",
        # negative: a headline-like first line that is the only paragraph is no headline
        "Romney: My 'Preference' Is Marriage",
    ],
)
def test_headline_quotes_need_a_named_opening(text: str) -> None:
    assert all(m.speaker is None for m in extract_quotes(text))


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        # the printed mention closes the aside its appositive opens
        ("“We will win,” Sen. Ted Cruz (R-TX) told reporters.", "Sen. Ted Cruz (R-TX)"),
        ("Rep. Nancy Pelosi (D-Calif.) said: “We will win this fight for the people.”", "Rep. Nancy Pelosi (D-Calif.)"),
        # negative: no aside, nothing added
        ("“We will win,” Sen. Ted Cruz told reporters.", "Sen. Ted Cruz"),
    ],
)
def test_the_printed_speaker_mention_is_balanced(text: str, printed: str) -> None:
    (m,) = extract_quotes(text)
    assert m.speaker_mention == printed


def test_a_quotation_after_reported_speech_is_only_as_sure_as_a_follow_on() -> None:
    text = (
        "“We have seen a rise in attacks,” Ronald Walcott warned.\n\nHe said the Government would have to look at "
        "new laws on cybercrime.\n\n“I would expect it is only a matter of time before they act.”"
    )
    (m,) = [m for m in extract_quotes(text) if "matter of time" in m.text]
    assert m.speaker == "Ronald Walcott" and m.speaker_via == "follow-on"


ECHO_QUOTE = (
    "“This committee is left with no alternative but to request a transcribed interview,” "
    "Rep. Trey Gowdy said in a statement."
)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a headline's scare quote repeats the words of the article's one quotation holding them
        (
            f"Benghazi committee seeks 'transcribed' interview with Clinton\n\nThe committee met.\n\n{ECHO_QUOTE}",
            "transcribed",
            "Trey Gowdy",
        ),
        # negative: in the body a scare quote is as often the writer's words (PolNeAR train: no gain, less precision)
        (f"{ECHO_QUOTE}\n\nThe committee's “no alternative” letter went out on Monday.", "no alternative", None),
        # negative: not word for word ("transcribe" is not "transcribed")
        (f"Clinton asked to 'transcribe' her emails\n\nThe committee met.\n\n{ECHO_QUOTE}", "transcribe", None),
        # negative: two speakers' quotations hold the words: whose they are is not known
        (
            f"The 'transcribed interview' fight\n\nThe committee met.\n\n{ECHO_QUOTE}\n\n"
            "“I will not sit for a transcribed interview,” Hillary Clinton told reporters.",
            "transcribed interview",
            None,
        ),
        # negative: stopwords only
        (f"Nobody knew what “but to” meant\n\nThe committee met.\n\n{ECHO_QUOTE}", "but to", None),
    ],
)
def test_a_scare_quote_echoing_one_quotation_is_its_speakers(text: str, words: str, speaker: str | None) -> None:
    hits = [m for m in extract_quotes(text) if m.text.strip("'‘’“”") == words]
    if speaker is None:
        assert hits == [] or all(m.speaker is None for m in hits)
    else:
        (m,) = hits
        assert (m.speaker, m.speaker_via, m.kind) == (speaker, "echo", "direct")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # one person's coordinated titles are not two speakers
        ("“We expect a strong year,” President and CEO John Smith said.", "strong year", "John Smith"),
        (
            "There is no end in sight, President and Chief Financial Officer of Super Value Debra Symonette said, "
            "adding that the chain is doing its best to “beat the price” every week.",
            "beat the price",
            "Debra Symonette",
        ),
        # a title the parser coordinated with the name after it
        (
            "Sirius XM Vice President for news and talk Dave Gorab called the show "
            "“the conservative news show of record.”",
            "news show",
            "Dave Gorab",
        ),
        # negative: two names are two speakers together
        (
            "“We will fight this all the way,” Senator Ann Berg and Governor Paul Reyes said.",
            "fight this",
            "Ann Berg and Paul Reyes",
        ),
        ("“We will fight this all the way,” Obama and Clinton said.", "fight this", "Obama and Clinton"),
        # transcript labels in capitals: the whole label, or the person named before with that surname
        (
            "The interview follows.\n\nANN BERG: We will fight this all the way.\n\nBOB JONES: Yes, we will.",
            "fight this",
            "Ann Berg",
        ),
        (
            "Senator Ann Berg joined Chris Wallace.\n\nWALLACE: Will you fight?\n\n"
            "BERG: We will fight this all the way.",
            "fight this",
            "Ann Berg",
        ),
        # a name the tagger cut at its particle is whole; its surname alone is the same person
        (
            "“This is a historic day,” said Ursula von der Leyen, president of the Commission.",
            "historic",
            "Ursula von der Leyen",
        ),
        (
            "Ursula von der Leyen spoke.\n\n“This is a historic day,” von der Leyen said.",
            "historic",
            "Ursula von der Leyen",
        ),
        ("Marine Le Pen spoke on Monday.\n\n“This is a historic day,” Le Pen said.", "historic", "Marine Le Pen"),
        # the tagger stopped before a lower-case particle (and read "ten" as a number): the surname after it joins
        ("Manchester United manager Erik ten Hag said: “We have to do better.”", "do better", "Erik ten Hag"),
        # negative: a lower-case word after a name that is no particle, or a particle before a lower-case word
        ("“We have to do better,” said Erik, ten Hag players said.", "do better", "Erik"),
        # local and civic offices printed before a name are titles (tried and dropped: realweb tune +1, no held-out
        # change, §51); "Supervisor" came back with the occupations printed as titles (§53: held-out +2)
        ("“We will get there,” said Supervisor Alfredo Pedroza.", "get there", "Alfredo Pedroza"),
        pytest.param("“We will get there,” Assemblywoman Jane Roe said.", "get there", "Jane Roe", marks=DROPPED_51),
        # an abbreviated title keeps its full stop: no sentence ends between it and the name
        ("“We’re looking into it,” said Det. Sgt. Maria Gomez of the NYPD.", "looking into", "Maria Gomez"),
        ("“Stay away from the area,” said Cpl. Ian Cole. “It is not safe.”", "not safe", "Ian Cole"),
        # negative: a short label nobody was named with stays as printed (an acronym)
        (
            "The interview follows.\n\nCNN: We will fight this all the way.\n\nBOB JONES: Yes, we will.",
            "fight this",
            "CNN",
        ),
    ],
)
def test_one_persons_titles_and_labels_in_capitals(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


def test_according_to_a_publication_is_where_the_report_comes_from() -> None:
    # §48's rule for it was dropped; the words inside the clause of the cue before them have been the cue's since
    # BENCHMARKS §56 round 9
    text = "Marmorato called the decision “a heartbreaking betrayal of the voters,” according to the Bronx Times."
    assert speaker_of(text, "betrayal") == "Marmorato"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a body named after a person speaks, not the person
        ("“We will win,” the Harris campaign said.", "Harris campaign"),
        ("“We will review it,” the Biden administration said.", "Biden administration"),
        ("“We are devastated,” the Smith family said in a statement.", "Smith family"),
        ("“We are devastated,” his family said.", "his family"),
        # negative: the person named with the body's title speaks
        pytest.param(
            "“We will win,” Harris campaign manager Jen Dillon said.",
            "Jen Dillon",
            marks=pytest.mark.xfail(strict=True, reason="the tagger misses the name; the title's person is taken"),
        ),
        ("“We will win,” said Ann Berg, the campaign’s chair.", "Ann Berg"),
    ],
)
def test_a_body_named_after_a_person_is_the_speaker(text: str, speaker: str) -> None:
    (m,) = extract_quotes(text)
    assert m.speaker == speaker


INVERTED = pytest.mark.xfail(strict=True, reason="rule dropped: no gain on the held-out splits (BENCHMARKS §48)")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an inverted cue right after the quotation: the parser takes the sayer for its object (rule tried and
        # dropped: PolNeAR train +4 speakers, no held-out change, BENCHMARKS §48)
        pytest.param("“Do it now,” urged Zelensky.", "Zelensky", marks=INVERTED),
        pytest.param("“That’s absurd,” scoffed the mayor.", "the mayor", marks=INVERTED),
        # the headline's look-ahead (§54 K) names the President of the first paragraph; later on, still not
        ('"Do it now", urged President Zelensky, who visited Kyiv.', "Zelensky"),
        pytest.param(
            'The war went on.\n\n"Do it now", urged President Zelensky, who visited Kyiv.', "Zelensky", marks=INVERTED
        ),
        # negative: an object after a cue that does not follow the quotation is no sayer
        ("Berg spoke of “people who never paid a cent,” attacking those who refused.", "Berg"),
    ],
)
def test_an_inverted_cue_after_the_quotation_has_its_sayer_after_it(text: str, speaker: str) -> None:
    assert extract_quotes(text)[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # an organisation's acronym, printed after its full name, is the same speaker
        (
            "“We will fight this,” the American Civil Liberties Union said. The ACLU added: “This is wrong.”",
            ["American Civil Liberties Union", "American Civil Liberties Union"],
        ),
        # the acronym in parentheses is no part of the name, and the name is not the acronym's
        (
            "The National Rifle Association (NRA) said: “We will fight this.” The NRA added: “This is wrong.”",
            ["National Rifle Association", "National Rifle Association"],
        ),
        # negative: an acronym of other words is another organisation
        (
            "“We will fight this,” the American Civil Liberties Union said. The NAACP added: “This is wrong.”",
            ["American Civil Liberties Union", "NAACP"],
        ),
    ],
)
def test_an_acronym_is_its_organisation(text: str, speakers: list[str]) -> None:
    assert [m.speaker for m in extract_quotes(text)] == speakers


# Tried and dropped (BENCHMARKS §52): everyday nouns of people ("farmer", "passenger", "architect") as unnamed
# sources cost a PolNeAR dev speaker ("not paying an architect who said …, saying, “…”" went to the architect).
DROPPED_52 = pytest.mark.xfail(strict=True, reason="rule dropped: a measured cost, no held-out gain (BENCHMARKS §52)")


def sole_speaker(text: str) -> str | None:
    """The speaker of the one quotation in ``text``."""
    (m,) = extract_quotes(text)
    return m.speaker


# Everyday news formulas, one sentence each (BENCHMARKS §52): what quotetrace reads in them, with negatives.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # --- a role's appositive name ---
        # a role's appositive proper name is the person, however the tagger typed it ("Costa" as a place)
        ("The minister, Ana Costa, said: “There will be no new taxes.”", "Ana Costa"),
        ("The minister, Ana Costa, insisted: “There will be no new taxes.”", "Ana Costa"),
        ("“There will be no new taxes,” the minister, Ana Costa, said on Monday.", "Ana Costa"),
        # negative: the tagger's own person is kept, and a role with no appositive name stays a description
        ("The company’s chief executive, John Smith, said: “We are growing.”", "John Smith"),
        ("“There will be no new taxes,” the finance minister said.", "the finance minister"),
        # negative: an organisation in apposition to a body is the organisation (no role, no person)
        ("The company, Acme Corp, said: “We are growing.”", "Acme Corp"),
        # --- an addressee never speaks ---
        # whoever was spoken to never speaks, whether the cue, a speech noun or a word of conversation leads to them
        ("Ana Costa spoke on Monday. “There will be no new taxes,” she said, speaking to Reuters.", None),
        ("Ana Costa spoke on Monday. “There will be no new taxes,” she said in an interview with the BBC.", None),
        ("Ana Costa spoke on Monday. “There will be no new taxes,” she said on a call with investors.", None),
        ("Ana Costa spoke on Monday. “There will be no new taxes,” she said in an email to Reuters.", None),
        # "the company" is the organisation named before, never the one it wrote to
        ("In a statement to NBC News, the company said: “We take these concerns seriously.”", "the company"),
        ("Apple declined to comment to NBC News. “We take it seriously,” the company said.", "Apple"),
        # negative: with a person the pronoun can find, that person speaks
        ("Maria Costa spoke on Monday. “There will be no new taxes,” she said, speaking to Reuters.", "Maria Costa"),
        # negative: the subject of the cue may be an organisation
        ("“There will be no new taxes,” Reuters said, speaking for its editors.", "Reuters"),
        # --- a cue in an "as" clause ---
        # a cue in an "as" clause names who printed or heard the words; the cue it hangs on, who said them
        ("Doe said, as the Daily Mail reported: “We will not go back.”", "Doe"),
        ("Doe told the court, as reported by the Guardian: “We will not go back.”", "Doe"),
        ("As the Daily Mail reported, Doe said: “We will not go back.”", "Doe"),
        # negative: an "as" clause on its own is the cue: "as Doe put it"
        ("As Doe put it: “We will not go back.”", "Doe"),
        # negative: a clause of what happened meanwhile has its own sayer
        ("Cruz said as the heckler yelled: “You suck!”", None),  # (not Cruz; "heckler" is no role the rules know)
        # --- a party description ---
        # a party description names the politician the text gave that party (and state)
        (
            "Sen. Mitch McConnell (R-Ky.) said the bill was dead. “It’s not going anywhere,” the Kentucky Republican "
            "said.",
            "Mitch McConnell",
        ),
        (
            "Rep. Nancy Pelosi, D-Calif., spoke. “We will pass it,” the California Democrat told reporters.",
            "Nancy Pelosi",
        ),
        ("Mitch McConnell, a Republican, spoke. “It’s not going anywhere,” the Republican said.", "Mitch McConnell"),
        # the state must agree: the nearer Kentucky senator is not "the Texas Republican"
        (
            "Sen. Ted Cruz (R-Texas) and Sen. Rand Paul (R-Ky.) spoke. “We will pass it,” the Texas Republican said.",
            "Ted Cruz",
        ),
        # negative: the other party's politician is not the one described
        ("Sen. Chuck Schumer (D-N.Y.) spoke. “We will pass it,” the Republican said.", "Republican"),
        # negative: no party printed for anyone, no one resolved
        ("Gov. Ron DeSantis spoke. “We will pass it,” the Florida Republican said.", "Florida Republican"),
        # negative: an indefinite party description is an unnamed source
        ("Sen. Rand Paul (R-Ky.) spoke. “We will pass it,” one Republican said.", "one Republican"),
        # --- an everyday unnamed source ---
        # a place or body that qualifies an unnamed source never speaks for them
        ("“It is Pinot Noir,” a winemaker in Chambolle-Musigny told DW.", None),
        ("“It is Pinot Noir,” says a winemaker in Chambolle-Musigny.", "a winemaker in Chambolle-Musigny"),
        # an everyday unnamed source is their description (tried and dropped)
        pytest.param("“It is Pinot Noir,” said a winemaker from Burgundy.", "a winemaker", marks=DROPPED_52),
        pytest.param("“The train just stopped,” one passenger told the BBC.", "one passenger", marks=DROPPED_52),
        # negative: a named person after the noun speaks
        ("“It is Pinot Noir,” said a winemaker, Anne Gros.", "Anne Gros"),
        # --- a document's author, a saying's owner ---
        # a document's author, named as the agent of its participle (tried and dropped: a BASIL tune pair lost when
        # "a letter signed by the 42 members of the Republican caucus" named its signers, §52)
        pytest.param(
            "The letter, written by Sen. Ann Berg, warned: “This is not normal.”", "Ann Berg", marks=DROPPED_52
        ),
        pytest.param(
            "The statement, issued by the ministry, said: “This is not normal.”", "the ministry", marks=DROPPED_52
        ),
        # the owner of a noun of saying before a colon
        ("Tom Hale was asked about the plan. His reply: “It is dead on arrival.”", "Tom Hale"),
        # negative: a noun of saying with no owner names no one
        ("Tom Hale spoke. The reply: “It is dead on arrival.”", None),
        # --- a document before a colon ---
        # a document before the colon speaks for whoever issued it, named as an entity by the tagger or not
        ("Uber issued a statement: “We are all concerned with events in CBD.”", "Uber"),
        ("Uber later sent this tweet: “We are all concerned with events in CBD.”", "Uber"),
        ("Uber issued a statement:\n\n“We are all concerned with events in CBD.”", "Uber"),
        ("Apple declined to comment. The company released the following statement: “We take it seriously.”", "Apple"),
        # negative: a document nobody is said to have issued names no one
        ("The statement was short: “We take it seriously.”", None),
        # --- an organisation's whole name ---
        # an organisation's name runs past its prepositions: two committees of one chamber are two speakers
        (
            "The Senate Committee on Foreign Relations said in a statement: “We will hold hearings.”",
            "Senate Committee on Foreign Relations",
        ),
        (
            "“We will hold hearings,” the House Committee on Oversight and Reform said.",
            "House Committee on Oversight and Reform",
        ),
        # negative: a person's description keeps its own words, and an office of one word stays one
        (
            "A spokesman for the Committee on Foreign Relations said: “We will hold hearings.”",
            "A spokesman for the Committee on Foreign Relations",
        ),
        ("The Department of Health said: “The vaccine is safe.”", "Department of Health"),
        # --- one organisation's name the tagger split in two (BENCHMARKS §53) ---
        (
            "“Tourism is critical,” according to the World Travel and Tourism Council, an industry body.",
            "World Travel and Tourism Council",
        ),
        (
            "“At least 121 people have been killed,” according to the United Nations Office for the Coordination of "
            "Humanitarian Affairs.",
            "United Nations Office for the Coordination of Humanitarian Affairs",
        ),
        # negative: two organisations stay two
        ("“We will fight this,” the ACLU and the NAACP said.", "ACLU and NAACP"),
        ("Microsoft and Google said: “We support the rules.”", "Microsoft and Google"),
        # --- whoever was told, asked or warned heard the words; the agent said them (BENCHMARKS §53) ---
        ("Mary Jones went to hospital. “You need surgery,” she was told by doctors.", "doctors"),
        ("Mary Jones went to hospital. “You need surgery,” she was told.", None),
        ("Mary Jones went to hospital. She was told by a nurse: “You need surgery.”", "a nurse"),
        ("Smith was warned by police: “Stay away from the house.”", "police"),
        # negative: the one quoted, heard or asked-of in the active speaks
        ("“We will look into it,” Smith was quoted as saying by the BBC.", "Smith"),
        ("Mary Jones went to hospital. A nurse told her: “You need surgery.”", "A nurse"),
        # --- the person an indefinite pronoun's appositive names (BENCHMARKS §53) ---
        ("“It’s a disaster,” one of the protesters, Anna Kowalski, 34, said.", "Anna Kowalski"),
        ("One of the protesters, Anna Kowalski, said: “It’s a disaster.”", "Anna Kowalski"),
        # negative: without a name the source stays unnamed
        ("“It’s a disaster,” one of the protesters said.", "one of the protesters"),
        ("Someone at the meeting, who asked not to be named, said: “It was chaos.”", "Someone at the meeting"),
        # --- "the airline said" is never a nationality (BENCHMARKS §53) ---
        (
            "The Indonesian pilot was experienced, the airline said. “The plane was maintained in Jakarta,” the "
            "airline said.",
            None,
        ),
        # negative: the organisation named before still is
        ("Lion Air flight JT610 crashed. “The Indonesian pilot was experienced,” the airline said.", "Lion Air"),
    ],
)
def test_everyday_formulas(text: str, speaker: str | None) -> None:
    assert sole_speaker(text) == speaker


# Tried and dropped (BENCHMARKS §53): an unnamed source as the antecedent of the pronoun after it ("he added" after
# "A British Airways spokesman said" is the spokesman, not the passenger named before) gained on the tune pages and
# cost one quotation of the unseen fifth batch's held-out half. The negatives pass either way.
DROPPED_53 = pytest.mark.xfail(strict=True, reason="rule dropped: a held-out cost (BENCHMARKS §53)")


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "William Pooley, 29, was flown home. A British Airways spokesman said: “We are working with the health "
            "authorities.” “Customers who flew on BA1478 should call us,” he added.",
            ["A British Airways spokesman", "A British Airways spokesman"],
            marks=DROPPED_53,
        ),
        pytest.param(
            "Jo Grady, the union's general secretary, called the figures shocking. A spokesperson for the employers "
            "said: “We have worked with unions for years.” “Our own analysis shows growth,” she added.",
            ["A spokesperson for the employers", "A spokesperson for the employers"],
            marks=DROPPED_53,
        ),
        pytest.param(
            "Maria Lopez, 52, was arrested in March. Her lawyer said: “She is innocent.” “We will appeal,” he added.",
            ["Her lawyer", "Her lawyer"],
            marks=DROPPED_53,
        ),
        pytest.param(
            "The woman, who asked not to be named, said: “I was scared.” “I didn't know what to do,” she said.",
            ["The woman", "The woman"],
            marks=DROPPED_53,
        ),
        pytest.param(
            "John Smith was arrested on Friday. A police spokeswoman said: “He was charged with theft.” “He will "
            "appear in court,” she added. “I did nothing wrong,” he told reporters.",
            ["A police spokeswoman", "A police spokeswoman", "John Smith"],
            marks=DROPPED_53,
        ),
        # negative: a person named after the description is nearer
        (
            "An official said: “The president will attend.” Donald Trump later told reporters: “I will go.” “It will "
            "be great,” he added.",
            ["An official", "Donald Trump", "Donald Trump"],
        ),
        # negative: a group is no one's antecedent
        (
            "Two officials said: “The deal is done.” Smith, however, was less sure. “We are not there yet,” he said.",
            ["Two officials", "Smith"],
        ),
    ],
)
def test_a_pronoun_after_an_unnamed_source_is_that_source(text: str, speakers: list[str]) -> None:
    assert [m.speaker for m in extract_quotes(text)] == speakers


# Tried and dropped a third time (§43, §51, BENCHMARKS §53: realweb tune +3, no held-out change): an indefinite
# description names someone new, so only its role noun may name a title printed before, not its other words ("A
# British Airways spokesman" is not the "British nurse"). A definite one may.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # (an appositive description is matched by its role noun only, with or without the rule)
        (
            "William Pooley, 29, a British nurse, was flown home on Sunday.\n\nThe airline was told on Monday. "
            "A British Airways spokesman said: “We are working with the health authorities.”",
            "A British Airways spokesman",
        ),
        pytest.param(
            "Senator Mark Kelly criticised the plan. A spokeswoman for the senator said: “He has been clear.”",
            "A spokeswoman for the senator",
            marks=DROPPED_53,
        ),
        # negative: a role noun that names the title printed before still resolves
        (
            "Jane Smith, the company's spokeswoman, declined to comment on Friday. On Monday a spokeswoman said: "
            "“We are reviewing it.”",
            "Jane Smith",
        ),
    ],
)
def test_an_indefinite_description_is_someone_new(text: str, speaker: str) -> None:
    assert [m.speaker for m in extract_quotes(text)][-1] == speaker


# Tried and dropped (BENCHMARKS §53): a speech verb after a quotation that reports a that-clause of its own is not
# the quotation's cue. It cost one quotation found on realweb held-out (and one right speaker on realweb tune).
@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "“This desperate action is motivated by a fallacy,” Mann writes. “It is wrong.” (Current models say that "
            "emissions will warm the atmosphere less.)",
            ["Mann"],
            marks=DROPPED_53,
        ),
        ("“It is wrong.” Current models say that emissions will warm the atmosphere less.", [None]),
        # negative: the cue's own words are the quotation, or its that-clause comes after another cue
        ("“We lost,” Smith said, adding that the team would regroup.", ["Smith"]),
        ("“We lost,” said Smith, who added that the team would regroup.", ["Smith"]),
        ("“We will win,” Smith said. (Polls say that the race is close.)", ["Smith"]),
    ],
)
def test_a_cue_with_its_own_that_clause_reports_that_clause(text: str, speakers: list[str | None]) -> None:
    assert [m.speaker for m in extract_quotes(text)] == speakers


# A pronoun the tokenizer left glued to its contraction ("—I’m told") is that pronoun, never a name (BENCHMARKS §53).
@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        ("It was a significant challenge—I’m told there is no other mapping service that even tries.", None, "I’m"),
        ("“We won,” I’m told.", None, "I’m"),
        # negative: a contraction the tokenizer split leaves the pronoun to resolve as ever
        ("Tom Hale spoke on Monday. “We won,” he’s said.", "Tom Hale", "he"),
    ],
)
def test_a_pronoun_glued_to_its_contraction_is_no_name(text: str, speaker: str | None, mention: str) -> None:
    found = extract_quotes(text, include_indirect=True)
    assert [(m.speaker, m.speaker_mention) for m in found][:1] == [(speaker, mention)]


DROPPED_54 = pytest.mark.xfail(strict=True, reason="rule dropped: a tune-only gain (BENCHMARKS §54)")


# A surname the tagger read as a common noun is still a name: "Hannity" and "D’Souza" were tagged NN.
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        pytest.param(
            '"I think we need him back in the city," Hannity said during a panel on his show.',
            "I think",
            "Hannity",
            marks=DROPPED_54,
        ),
        pytest.param(
            "After Glenn Beck asked the conservative who would win, D’Souza replied, “I would bet on Hillary.”",
            "I would bet",
            "D’Souza",
            marks=DROPPED_54,
        ),
        # negatives: a capitalised common noun after a quotation stays what it was; a headline's words are no names
        ('"We will appeal," Police said on Monday.', "We will", "Police"),
        ("“It was chaos,” Witnesses told reporters.", "It was", "Witnesses"),
    ],
)
def test_a_surname_tagged_as_a_common_noun_is_a_name(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


# A cue-less quotation right after a sentence that issued a document is the document's words.
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        pytest.param(
            "Maria Lopez released a statement on Monday. “We are reviewing the report.”",
            "We are",
            "Maria Lopez",
            marks=DROPPED_54,
        ),
        pytest.param(
            "Maria Lopez released a statement on Monday.\n\n“We are reviewing the report.”",
            "We are",
            "Maria Lopez",
            marks=DROPPED_54,
        ),
        pytest.param(
            "Sen. Ted Cruz tweeted a message. “Remember in November who filibustered.”",
            "Remember",
            "Ted Cruz",
            marks=DROPPED_54,
        ),
        pytest.param(
            "Tom Hale spoke on Monday. “It was hard,” he said. Maria Lopez released a statement. “We will respond.”",
            "We will",
            "Maria Lopez",
            marks=DROPPED_54,
        ),
        # negatives: no document; a cue of its own wins
        ("Maria Lopez arrived on Monday. “We are reviewing the report.”", "We are", None),
        ("Maria Lopez released a statement on Monday. “We are reviewing it,” said John Smith.", "We are", "John Smith"),
    ],
)
def test_a_documents_words_after_the_sentence_that_issued_it(text: str, words: str, speaker: str | None) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the tagger ran "Facebook, Lopez" into one organisation: the phrase before the comma is no part of the name
        ("In a video posted on Facebook, Lopez said: “Stay home.”", "Stay home", "Lopez"),
        ("In a statement to Reuters, Microsoft said: “We are reviewing it.”", "We are", "Microsoft"),
    ],
)
def test_a_name_never_runs_back_over_a_comma(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a document issued before the colon, wherever the colon falls: its issuer speaks
        ("The company sent a letter to its customers on Monday: “We apologise.”", "We apologise", "The company"),
        ("Uber issued a statement: “We apologise.”", "We apologise", "Uber"),
        # negative: an object that is no document
        ("The report, published on Monday, reached one conclusion: “Nobody was to blame.”", "Nobody", None),
    ],
)
def test_a_document_before_a_colon_speaks_for_its_issuer(text: str, words: str, speaker: str | None) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # verbs that name or describe what their object is: their sayer is their subject
        (
            "Sen. Jane Smith criticized the plan, labeling it the “wrong move at the wrong time.”",
            "wrong move",
            "Jane Smith",
        ),
        ("Jones branded Smith “a liar and a fraud” at a rally on Tuesday.", "a liar", "Jones"),
        ("What critics have termed “the nuclear option” is back.", "nuclear option", "critics"),
        # in the passive the subject is what was named; the agent, if printed, named it
        ("The group has been labeled “extremist” by Sen. Jane Smith.", "extremist", "Jane Smith"),
        ("The group has been called “extremist” by critics.", "extremist", "critics"),
        ("The group was called “extremist.”", "extremist", None),
    ],
)
def test_a_naming_verbs_sayer(text: str, words: str, speaker: str | None) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    "text",
    [
        # a participle that names without an agent prints a label, no one's words
        "Labeled “MDMA,” the bag held a white powder.",
        "The proposal, dubbed “Medicare for All,” would cost trillions.",
    ],
)
def test_a_printed_label_is_no_quotation_of_anyone(text: str) -> None:
    assert [m.speaker for m in extract_quotes(text) if m.kind == "direct" and m.cue] == []


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a present-tense cue the tagger read as a plural noun, with a subject of its own
        (
            "“Who are you!” the seven-term congressman demands. “Tell me who you are.”",
            "Who are you",
            "the seven-term congressman",
        ),
        # a document's issuer printed as its modifier ("a White House statement", "the NAACP resolution")
        ("“We are deeply saddened,” the White House statement said.", "deeply saddened", "White House"),
        ("The UN resolution demands “an immediate ceasefire.”", "ceasefire", "UN"),
        # a noun of saying coordinated with one its owner's possessive governs
        (
            "Mr. Thibodeau said many Republicans were still deciding whether Mr. LePage's apology and promise to seek"
            " “spiritual guidance” had allayed their concerns.",
            "spiritual guidance",
            "LePage",
        ),
        # negative: the cue's verb is no part of an organisation's name ("NAACP Resolution Calls on Tea Party")
        (
            "The Senate Committee on Foreign Relations said: “We object.”",
            "We object",
            "Senate Committee on Foreign Relations",
        ),
    ],
)
def test_cues_and_owners_the_tagger_hid(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


# BENCHMARKS §55 round 2: a dash credit on the line after a quotation (PolNeAR train +0.1, no held-out change).
DROPPED_55 = pytest.mark.xfail(strict=True, reason="rule dropped: a tune-only gain (BENCHMARKS §55)")
DROPPED_55_HELD = pytest.mark.xfail(strict=True, reason="rule dropped: a held-out cost (BENCHMARKS §55)")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quotation that is its whole paragraph, credited on the next line
        pytest.param(
            "Facts.\n\n“All new income goes to the top 1 percent.”\n\n- Bernie Sanders.\n\nMore.",
            "Bernie Sanders",
            marks=DROPPED_55,
        ),
        pytest.param(
            "Quote of the day.\n\n“Great speech. She's ready.”\n\n—President Obama, tweeting after the speech.",
            "Obama",
            marks=DROPPED_55,
        ),
        # negatives: a list's dash items name no one; a quotation with its own cue keeps it
        (
            "Their pitch.\n\n“We will vote for change and we will win.”\n\n- Lower taxes\n\n- Better schools",
            None,
        ),
        ("It went on.\n\n“We will win,” said Maria Lopez.\n\n- Bernie Sanders.", "Maria Lopez"),
    ],
)
def test_a_dash_credit_on_the_next_line(text: str, speaker: str | None) -> None:
    assert [m.speaker for m in extract_quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # whom a message was sent or written to never says its words: the sender does (§55 round 5: PolNeAR train
        # +0.1, no held-out change; dropped)
        pytest.param(
            "Sen. Maria Lopez emailed supporters saying: “The struggle continues.”", "Maria Lopez", marks=DROPPED_55
        ),
        pytest.param(
            "The Lopez campaign sent a text message to supporters saying: “We won!”", "Lopez campaign", marks=DROPPED_55
        ),
        # negatives: a participle on an object of another verb is that object's saying; a noun's own clause
        ("Police arrested a man shouting “God is great” outside the station.", "a man"),
        ("Officials speaking on condition of anonymity said: “The deal is off.”", "Officials"),
    ],
)
def test_whom_a_message_was_sent_to_never_says_it(text: str, speaker: str) -> None:
    assert [m.speaker for m in extract_quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an organisation's initials the tagger read as a common noun or a pronoun still name it (§55 round 6: unseen
        # batches 1-4 +2, seen in tuning output; no held-out change; dropped)
        pytest.param("“We will appeal,” GLAAD said on Monday.", "GLAAD", marks=DROPPED_55),
        pytest.param("“We are worried,” WHO said on Monday.", "WHO", marks=DROPPED_55),
        pytest.param("The hunt resumed on Monday. PETA said: “This hunt is cruel.”", "PETA", marks=DROPPED_55),
        # negatives: a pronoun is no acronym; a headline in capitals prints every word so
        ("“It is over,” said the man who led the team.", "the man"),
        ("“WHO IS TO BLAME?” HE ASKED.", None),
    ],
)
def test_initials_the_tagger_missed_name_an_organisation(text: str, speaker: str | None) -> None:
    assert [m.speaker for m in extract_quotes(text) if m.kind == "direct"][-1:] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # verbs that dismiss or portray something in quoted words are cues, as "called" and "described" are (§55 round
        # 7 made them cues: PolNeAR dev direct e2e -0.1, dropped; the quotation without a cue finds the subject anyway
        # when it is long enough)
        pytest.param("Sen. Jane Smith dismissed the report as “fake news.”", "Jane Smith", marks=DROPPED_55_HELD),
        ("Sen. Jane Smith derided the plan as “a giveaway to the rich.”", "Jane Smith"),
        ("Sen. Jane Smith portrayed the bill as “a tax on working families.”", "Jane Smith"),
        # negative: a court dismissing a case says nothing; the quotation keeps its own cue
        ("The judge dismissed the case on Monday. “We are pleased,” said the lawyer, Tom Hale.", "Tom Hale"),
    ],
)
def test_dismissing_and_portraying_verbs_are_cues(text: str, speaker: str) -> None:
    assert [m.speaker for m in extract_quotes(text)] == [speaker]


DROPPED_56 = pytest.mark.xfail(strict=True, reason="rule dropped: a tune-only gain (BENCHMARKS §56 round 4)")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a quotation with no source of its own repeating one speaker's words printed earlier: theirs again (realweb
        # tune +1, seen pages +3, nothing held out: dropped)
        pytest.param(
            "Acme Corp tweeted this announcement: “We are all concerned with events downtown. Fares have increased to "
            "bring more drivers to the area.”\n\nLet us start by parsing that tweet:\n\n“We are all concerned with "
            "events downtown …”\n\nThat opener suggests a civic response.",
            "events downtown …",
            "Acme Corp",
            marks=DROPPED_56,
        ),
        # negative: words two speakers both printed name neither
        (
            "Maria Lopez said: “The bridge must close for good this year.”\n\nJohn Smith said: “The bridge must close "
            "for good this year, and nobody will miss it.”\n\nThe council met again.\n\n“The bridge must close for "
            "good this year.”",
            "must close for good this year.",
            None,
        ),
    ],
)
def test_a_repeated_quotation_is_its_first_speakers(text: str, words: str, speaker: str | None) -> None:
    hits = [m for m in extract_quotes(text) if m.text.startswith(words) or m.text.endswith(words)]
    assert hits[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quotation that is its whole paragraph after a question put to the speaker of the paragraph before: the
        # answer of the one asked (one quotation on a page read in tuning, nothing held out: dropped, §56 round 5)
        pytest.param(
            "“That can be true,” Prelogar said, “but the risk of waiting is far greater.”\n\n“But there is some "
            "risk,” Alito interjected. “Do you dispute that?”\n\n“There can be a very minimal risk for some people.”",
            "Prelogar",
            marks=DROPPED_56,
        ),
        # negative: a rhetorical question after the writer's own paragraph: the same speaker goes on
        (
            "The crowd cheered as the rally began.\n\n“Who is going to pay for the wall?” Trump asked the crowd."
            "\n\n“There can be a very minimal risk for some people.”",
            "Trump",
        ),
        # negative: no question, the previous speaker goes on
        (
            "“That can be true,” Prelogar said.\n\n“But there is some risk,” Alito interjected.\n\n“There can be a "
            "very minimal risk for some people.”",
            "Alito",
        ),
    ],
)
def test_an_answer_after_a_question_is_the_one_asked(text: str, speaker: str) -> None:
    assert speaker_of(text, "very minimal risk") == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words quoted inside the clause of a cue before them are that report's, whatever cue follows them
        (
            "Lopez said the plan “would cost billions,” calling it “a disgrace.”",
            [("mixed", "Lopez", "said")],
        ),
        # a cue hung on a verb of the quoted words: that verb's subject is whom they speak of, not the sayer (a rule
        # for it cost PolNeAR dev direct+mixed e2e 0.1 on its own: dropped, BENCHMARKS §56 round 8)
        pytest.param(
            "Trump told Newsmax that Mitt Romney “had a crazy policy of self-deportation which was maniacal,” adding, "
            "“He lost all of the Latino vote.”",
            [("direct", "Trump", "adding")],
            marks=pytest.mark.xfail(strict=True, reason="rule dropped: a held-out cost (BENCHMARKS §56 round 8)"),
        ),
        # … and is no first half of a quotation the next cue interrupts
        (
            "The mayor said the process could be “messy,” adding, “Democracy is messy.”",
            [("mixed", "The mayor", "said"), ("direct", "The mayor", "adding")],
        ),
        # negative: a quotation opening its sentence, or after a comma, is interrupted by its cue as before
        ("“We will fight,” Lopez said, “and we will win.”", [("direct", "Lopez", "said")]),
        # … after a participle that sets the scene for the cue after it, too
        (
            "Asked about the plan, “It will never work,” Lopez said, “and everyone knows it.”",
            [("direct", "Lopez", "said")],
        ),
        ("In Paris, “we will fight,” Lopez said, “and we will win.”", [("direct", "Lopez", "said")]),
    ],
)
def test_words_quoted_inside_a_reports_clause(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(m.kind, m.speaker, m.cue) for m in extract_quotes(text)] == expected


def test_a_quotation_after_an_answer_to_a_question_is_the_answerers() -> None:
    # the paragraph before reports speech after a participle of asking: its first cue that reports gives the speaker
    text = (
        "Asked if the shooting was gang-related, Supt Peters said it was possible.\n\n"
        "“That is a possibility we won’t rule out, because as we get the information, we correlate it.”"
    )
    [m] = [m for m in extract_quotes(text) if m.kind == "direct"]
    assert (m.speaker, m.speaker_via) == ("Peters", "follow-on")


DROPPED_57 = pytest.mark.xfail(strict=True, reason="BENCHMARKS §57 round 2: a tune-only gain, dropped")


@DROPPED_57
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a surname printed in full earlier and read by the tagger as an adverb (its "-ly") is the one who said it
        (
            "Bill Skelly, a longtime data operative, vouched for both Braynard and Chrabaszcz.\n\n"
            "“Having access to the file is valuable,” said Skelly, explaining he worked with Chrabaszcz.",
            "valuable",
            "Bill Skelly",
        ),
        (
            "Bill Skelly, a data operative, vouched for Chrabaszcz.\n\n“It is valuable,” Skelly said.",
            "valuable",
            "Bill Skelly",
        ),
        # "shot back" as a cue like "fired back" (dropped too: the cue lexicon then read "the shooting" near a quoted
        # piece as a combative cue, framing cue class 286 -> 284 on the tune events)
        (
            "After former Gov. Jerry Brown criticized Bill Clinton during a debate, Hillary Clinton shot back, “I "
            "suppose I could have stayed home and baked cookies.”",
            "baked cookies",
            "Hillary Clinton",
        ),
    ],
)
def test_a_surname_read_as_an_adverb_names_the_sayer(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a cue and a comma before the quotation set it off, whatever cue follows it
        pytest.param(
            "After Hillary Clinton accused him of sexism, he warned, “Certainly if they play the woman's card with "
            "me, that will be fair game,” Donald Trump told NBC.",
            "direct",
            marks=DROPPED_57,
        ),
        # negative: words of the clause before the quotation make it mixed
        ("The plan was “a disgrace,” Maria Lopez said.", "mixed"),
    ],
)
def test_a_cue_before_the_quotation_sets_it_off(text: str, kind: str) -> None:
    [m] = extract_quotes(text)
    assert m.kind == kind


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the parser made the quotation's vocative the subject and the name after it its appositive
        (
            "Michelle Obama attended the party.\n\n“That was a good speech you gave last night, Mr. President,” "
            "Representative Steve Cohen, Democrat of Tennessee, told Mr. Obama as he stopped by.",
            "good speech",
            "Steve Cohen",
        ),
        # negative: the one told is never the sayer
        ("“We are sorry,” Smith told reporters.", "sorry", "Smith"),
    ],
)
def test_a_name_the_parser_hung_on_a_quoted_vocative_is_the_sayer(text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker
