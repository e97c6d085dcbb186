"""Word lists that drive attribution (role nouns, titles, pronouns), kept as data (verbs: quotetrace.text.verbs)."""

from __future__ import annotations

from quotetrace.text.words import wordset

# Title and role words printed before a person's name, never part of it ("NATO Secretary General Jens
# Stoltenberg", "Supt Peters", "Republican Sen. John Thune"): the one list. The name parser drops everything up to the
# last of these in front of a name; the framing's descriptors end where these end and the name begins.
# NAME_TITLES below is the narrower set of honorifics stripped from the front of a canonical name.
TITLE_WORDS: frozenset[str] = wordset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady baron baroness rev reverend fr father sister brother
    rabbi imam pope cardinal archbishop bishop sheikh king queen prince princess emperor sultan emir crown
    president president-elect vice presidential premier prime minister ministers secretary secretary-general
    deputy undersecretary assistant general gen lieutenant lt colonel col major maj captain capt commander cmdr
    admiral adm sergeant sgt corporal cpl private pvt marshal field brigadier officer chief chief-of-staff
    chairman chairwoman chairperson chair ceo cfo coo cto founder director executive manager spokesman
    spokeswoman spokesperson senator sen sens representative rep reps congressman congresswoman
    congressmember councilman councilwoman councillor councilor alderman governor gov lt-gov mayor judge
    justice attorney solicitor ambassador envoy commissioner chancellor superintendent supt inspector insp
    detective det constable cllr govs brig amb atty commr hon pres
    agent sheriff speaker leader minority majority whip state foreign defence defense interior home finance
    treasury health education energy trade labour labor economy economic affairs national security adviser
    advisor counsel press house senate white former ex acting interim outgoing incoming then late head coach
    analyst economist researcher scientist author correspondent reporter editor columnist host anchor
    candidate nominee hopeful contender opposition party republican democrat democratic conservative liberal
    socialist green mp mep mla msp ag dhs doj fbi cia
    """
)
# Occupations printed as a title before a name ("Farmer Chad Smith", "Oceanographer Pattiaratchi", "Supervisor
# Alfredo Pedroza"): the name is the person, the occupation a title. Not the occupations that are common given
# names ("Dean Yates", "Hunter Biden": dean, hunter, mason, carter, taylor, cooper, parker, porter, baker, …).
OCCUPATION_TITLES: frozenset[str] = wordset(
    """
    supervisor administrator treasurer auditor comptroller clerk assessor coroner trustee provost
    farmer rancher fisherman oceanographer biologist ecologist chemist physicist geologist astronomer
    epidemiologist virologist historian archaeologist anthropologist sociologist psychologist psychiatrist
    physician surgeon nurse doctor dentist pharmacist paramedic veterinarian lawyer prosecutor
    pastor priest chaplain rector vicar deacon teacher lecturer engineer architect designer photographer
    filmmaker producer actor actress singer songwriter rapper musician comedian novelist poet playwright
    journalist entrepreneur investor banker firefighter trooper quarterback goalkeeper
    """
)
TITLE_WORDS = TITLE_WORDS | OCCUPATION_TITLES

# Rubrics a headline opens with before a colon, saying nothing of who speaks ("Exclusive: …", "Analysis: …"): never a
# headline's speaker label, and dropped from a web page's title.
HEADLINE_RUBRICS: frozenset[str] = frozenset(
    ["exclusive", "breaking", "breaking news", "watch", "update", "analysis", "opinion", "live", "video"]
)

PERSONAL_PRONOUNS: dict[str, str] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": "p",
    "them": "p",
    "it": "n",
    "we": "p",
    "i": "s",
    "you": "s",
}

# Role nouns and the titles printed before a name that hold the same office ("the congressman" is the
# person introduced as "Rep. X"). Folded, without dots.
_OFFICES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("congressman", "congresswoman", "lawmaker", "representative"),
        ("rep", "representative", "congressman", "congresswoman"),
    ),
    (("senator", "lawmaker"), ("sen", "senator")),
    (("governor",), ("gov", "governor")),
    (("general", "commander"), ("gen", "general")),
    (("president",), ("president",)),
    (("minister",), ("minister", "premier")),
    (("mayor",), ("mayor",)),
)
ROLE_TITLES: dict[str, frozenset[str]] = {}
for _roles, _titles in _OFFICES:
    for _role in _roles:
        ROLE_TITLES[_role] = ROLE_TITLES.get(_role, frozenset()) | frozenset(_titles)

# Offices and standings a definite description uses for the person the story is about ("the
# congressman said", "the presumptive nominee"); unlike "the spokesman" or "the lawyer", they do not
# introduce somebody new.
OFFICE_NOUNS: frozenset[str] = frozenset(ROLE_TITLES) | frozenset(
    {
        "nominee",
        "candidate",
        "incumbent",
        "challenger",
        "front-runner",
        "frontrunner",
        "chairman",
        "chairwoman",
        "democrat",
        "republican",
        "leader",
    }
)

# Head nouns of noun phrases that name a role rather than a person ("the NATO chief", "the aide").
ROLE_NOUNS: frozenset[str] = frozenset(
    [
        "chief",
        "head",
        "leader",
        "president",
        "vice-president",
        "secretary",
        "secretary-general",
        "minister",
        "premier",
        "chancellor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "aide",
        "adviser",
        "advisor",
        "official",
        "officer",
        "senator",
        "congressman",
        "congresswoman",
        "lawmaker",
        "governor",
        "mayor",
        "ambassador",
        "diplomat",
        "envoy",
        "general",
        "commander",
        "admiral",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "executive",
        "manager",
        "candidate",
        "nominee",
        "challenger",
        "incumbent",
        "prosecutor",
        "attorney",
        "lawyer",
        "judge",
        "justice",
        "sheriff",
        "commissioner",
        "analyst",
        "expert",
        "economist",
        "scientist",
        "researcher",
        "professor",
        "author",
        "writer",
        "columnist",
        "reporter",
        "journalist",
        "host",
        "anchor",
        "correspondent",
        "editor",
        "actor",
        "actress",
        "singer",
        "star",
        "player",
        "coach",
        "captain",
        "owner",
        "worker",
        "employee",
        "witness",
        "victim",
        "suspect",
        "defendant",
        "plaintiff",
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "woman",
        "man",
        "boy",
        "girl",
        "source",
        "insider",
        "critic",
        "supporter",
        "opponent",
        "activist",
        "organizer",
        "organiser",
        "protester",
        "resident",
        "voter",
        "citizen",
        "official",
        "staffer",
        "strategist",
        "pollster",
        "consultant",
        "chief-of-staff",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "bishop",
        "priest",
        "pastor",
        "rabbi",
        "imam",
        "monarch",
        "dictator",
        "strongman",
        "autocrat",
        "billionaire",
        "businessman",
        "businesswoman",
        "entrepreneur",
        "investor",
        "banker",
        "doctor",
        "nurse",
        "physician",
        "surgeon",
        "teacher",
        "student",
        "officer",
        "soldier",
        "veteran",
        "trooper",
        "agent",
        "detective",
        "inspector",
        "investigator",
        "negotiator",
        "mediator",
        "delegate",
        "member",
    ]
)

# Nouns that head an organisation-like speaker ("the ministry", "the White House" is an entity).
ORG_NOUNS: frozenset[str] = frozenset(
    [
        "ministry",
        "department",
        "agency",
        "government",
        "administration",
        "office",
        "committee",
        "council",
        "commission",
        "party",
        "campaign",
        "family",
        "company",
        "firm",
        "group",
        "alliance",
        "bloc",
        "union",
        "court",
        "army",
        "military",
        "police",
        "spokesperson",
        "embassy",
        "kremlin",
        "pentagon",
        "parliament",
        "congress",
        "senate",
        "house",
        "cabinet",
        "board",
        "statement",
        "report",
        "study",
        "survey",
        "poll",
        "newspaper",
        "network",
        "channel",
        "magazine",
        "outlet",
    ]
)

# Honorifics that carry gender.
FEMALE_TITLES: frozenset[str] = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "madam", "lady", "dame", "queen"})
MALE_TITLES: frozenset[str] = frozenset({"mr", "mr.", "sir", "lord", "king"})

# Titles stripped from the front of a canonical name ("President Vladimir Putin" -> "Vladimir Putin").
#: Abbreviated places that read like initials where a sentence boundary is lost ("… in Washington, D.C. Jackson's
#: wife …"): never the start of a person's name. State abbreviations stay out ("N.C. Wyeth" is a painter).
PLACE_INITIALS: frozenset[str] = frozenset({"d.c.", "u.s.", "u.k.", "u.n.", "e.u."})

NAME_TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "representative",
        "gov",
        "gov.",
        "governor",
        "president",
        "vice",
        "premier",
        "prime",
        "minister",
        "secretary",
        "general",
        "chancellor",
        "mayor",
        "judge",
        "justice",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "lord",
        "sir",
        "dame",
        "gen",
        "gen.",
        "col",
        "col.",
        "lt",
        "lt.",
        "capt",
        "capt.",
        "sgt",
        "sgt.",
        "sergeant",
        "superintendent",
        "supt",
        "supt.",
        "inspector",
        "insp",
        "insp.",
        "detective",
        "det",
        # abbreviated titles (text.sentences.TITLE_ABBREVIATIONS) and plurals ("Reps. Peter DeFazio and …")
        "sens",
        "reps",
        "govs",
        "maj",
        "cpl",
        "pvt",
        "cmdr",
        "brig",
        "amb",
        "atty",
        "commr",
        "hon",
        "pres",
        "det.",
        "constable",
        "councillor",
        "cllr",
        "adm",
        "adm.",
        "rev",
        "rev.",
        "father",
        "sister",
        "brother",
        "ambassador",
        "commissioner",
        "chairman",
        "chairwoman",
        "chief",
        "speaker",
        "leader",
        "former",
        "late",
        "then",
        "acting",
        "deputy",
        "first",
        "lady",
        "madam",
        "minister",
        "spokesman",
        "spokeswoman",
    ]
)

# A short list of common female given names, used only to keep "she" off a man and "he" off a woman (no name men
# often have too: "Dana White" is a man).
FEMALE_NAMES: frozenset[str] = wordset(
    """
    abigail alexandria alexis alice amanda amber amelia amy ana andrea angela ann anna annalena anne ashley ayanna
    barbara betty beverly brenda brittany carol carolyn catherine charlotte cheryl chloe christina christine claire
    condoleezza cynthia danielle debbie deborah debra denise diana diane dianne donna doris dorothy elena elise
    elizabeth ella ellen emilia emily emma erin eva eve evelyn federica fiona frances giorgia gloria grace greta
    gretchen hannah heather helen hilary hillary hope huma ilhan ingrid irene isabella ivanka jacinda jacqueline
    jane janet janice jean jen jennifer jessica jill joan joni joyce judith judy julia julie kaja kamala karen
    karine kate katherine kathleen kathryn katie kayla kayleigh kelly kellyanne kimberly kirsten kirstjen kristen
    laura lauren lily linda lisa liz lori lucy madeleine madison malala margaret maria marie marilyn marine marsha
    marta martha mary maxine megan melania melissa mette mia michelle monica nancy natalie nicole nikki olivia
    pamela patricia paula rachel rashida rebecca rose ruth samantha sandra sanna sara sarah sharon sheila shelley
    shirley silvia sofia sophia stacey stephanie susan tammy teresa theresa tina tulsi ulrike ursula victoria
    virginia ylva zoe
    """
)

# Words of a conversation: the object of "to" or "with" after one is who was spoken to, never who spoke ("speaking
# to Reuters", "in an interview with the BBC", "talked with reporters", "on a call with investors").
CONVERSATION_WORDS: frozenset[str] = frozenset(
    {"speak", "talk", "chat", "interview", "conversation", "call", "exchange", "meeting", "podcast", "briefing"}
    | {"email", "e-mail", "letter", "message", "note"}  # what was written to someone: "in an email to Reuters"
)

# Nouns of saying whose owner said the quoted words: "LePage's promise to “seek …”", "Suthers' opinion that “…”".
SPEECH_NOUNS: frozenset[str] = frozenset(
    {
        "promise",
        "pledge",
        "vow",
        "opinion",
        "claim",
        "assertion",
        "argument",
        "statement",
        "remark",
        "comment",
        "warning",
        "threat",
        "demand",
        "call",
        "plea",
        "accusation",
        "charge",
        "insistence",
        "suggestion",
        "description",
        "characterization",
        "answer",
        "reply",
        "response",
        "retort",
        "admission",
        "declaration",
        "announcement",
        "prediction",
        "boast",
        "word",
        "tweet",
    }
)

# Words that, as the whole subject of a cue, never name a speaker.
NON_SPEAKERS: frozenset[str] = frozenset(
    {"who", "which", "that", "what", "this", "there", "one", "some", "many", "others"}
)

# Nouns for an organisation already named, after "the": "Apple declined to comment. … the company said" is Apple's,
# as "it said" would be.
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    {
        "company",
        "firm",
        "corporation",
        "agency",
        "ministry",
        "department",
        "bank",
        "airline",
        "carrier",
        "retailer",
        "automaker",
        "carmaker",
        "insurer",
        "manufacturer",
        "broadcaster",
        "publisher",
        "charity",
        "organisation",
        "organization",
        "group",
    }
)

# Nouns for people in general: with a word that picks some out ("a person familiar with the talks", "two people
# briefed on the matter") they describe an unnamed source; bare ("People said") they name no one.
PEOPLE_NOUNS: frozenset[str] = frozenset({"person", "people", "individual", "individuals"})

# Indefinite pronouns: as the subject of a cue they are an unnamed source ("someone at the meeting said", "one of
# the officers said", "others said"), whose description is the speaker; never resolved to a name nearby.
INDEFINITE_PRONOUNS: frozenset[str] = frozenset(
    {
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "one",
        "another",
        "others",
        "some",
        "many",
        "several",
        "few",
    }
)

# The party words a description of a US politician is made of ("the Kentucky Republican"), as a party and state tag
# after a name abbreviates them ("McConnell (R-Ky.)").
PARTY_LETTERS: dict[str, str] = {"r": "republican", "d": "democrat", "i": "independent"}

# US states by every abbreviation a party tag uses (AP style and postal codes), folded, to the state's name folded.
_STATES = (
    ("alabama", "ala al"), ("alaska", "alaska ak"), ("arizona", "ariz az"), ("arkansas", "ark ar"),
    ("california", "calif cal ca"), ("colorado", "colo co"), ("connecticut", "conn ct"), ("delaware", "del de"),
    ("florida", "fla fl"), ("georgia", "ga"), ("hawaii", "hawaii hi"), ("idaho", "idaho id"), ("illinois", "ill il"),
    ("indiana", "ind in"), ("iowa", "iowa ia"), ("kansas", "kan kans ks"), ("kentucky", "ky"), ("louisiana", "la"),
    ("maine", "maine me"), ("maryland", "md"), ("massachusetts", "mass ma"), ("michigan", "mich mi"),
    ("minnesota", "minn mn"), ("mississippi", "miss ms"), ("missouri", "mo"), ("montana", "mont mt"),
    ("nebraska", "neb nebr ne"), ("nevada", "nev nv"), ("new hampshire", "nh"), ("new jersey", "nj"),
    ("new mexico", "nm"), ("new york", "ny"), ("north carolina", "nc"), ("north dakota", "nd"), ("ohio", "ohio oh"),
    ("oklahoma", "okla ok"), ("oregon", "ore or"), ("pennsylvania", "pa penn"), ("rhode island", "ri"),
    ("south carolina", "sc"), ("south dakota", "sd"), ("tennessee", "tenn tn"), ("texas", "texas tex tx"),
    ("utah", "utah ut"), ("vermont", "vt"), ("virginia", "va"), ("washington", "wash wa"), ("west virginia", "wva wv"),
    ("wisconsin", "wis wisc wi"), ("wyoming", "wyo wy"),
)  # fmt: skip
US_STATES: dict[str, str] = {abbr: name for name, abbrs in _STATES for abbr in abbrs.split()}
US_STATE_NAMES: frozenset[str] = frozenset(name for name, _ in _STATES)
