"""Word lists that drive attribution (reporting verbs, role nouns, pronouns), kept as data."""

from __future__ import annotations

# Lemmas of verbs that introduce speech or writing. Phrasal cues ("point out") are matched by their head.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add write state declare announce explain note observe remark comment continue
    reply respond answer retort ask inquire wonder claim insist allege maintain contend assert argue
    admit acknowledge concede confess grant warn urge plead beg caution advise recommend suggest
    propose demand call cry shout scream yell exclaim whisper mutter murmur sigh laugh joke quip
    tweet post blog text email report reveal disclose confirm deny dispute reject stress emphasize
    emphasise underscore underline highlight reiterate repeat recall recount describe testify
    predict promise pledge vow swear threaten boast brag gush lament complain grumble protest
    object charge accuse blame criticize criticise condemn denounce slam blast rip lash attack hit
    fire mock scoff sneer taunt chide scold rebuke berate lecture snap bark growl rail decry
    praise hail applaud thank congratulate welcome counter rebut reason conclude concur agree
    disagree clarify elaborate specify indicate signal mention point muse opine posit theorize
    estimate calculate figure guess speculate hint imply tout trumpet champion assure reassure
    inform notify announce proclaim pronounce affirm reaffirm aver avow attest certify
    interject interrupt begin start finish go read sing chant yell holler gripe whine
    """.split()
)

# Lemmas that express belief or intention, not speech (excluded unless asked for).
BELIEF_VERBS: frozenset[str] = frozenset(
    "think believe feel want hope fear expect know doubt suspect assume consider wish intend plan".split()
)

# Cues strong enough that a following quote attaches to them even across a sentence boundary.
COLON_INTRO_VERBS: frozenset[str] = SPEECH_VERBS

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

# Head nouns of noun phrases that name a role rather than a person ("the NATO chief", "the aide").
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    chief head leader president vice-president secretary secretary-general minister premier chancellor
    spokesman spokeswoman spokesperson representative aide adviser advisor official officer
    senator congressman congresswoman lawmaker governor mayor ambassador diplomat envoy general
    commander admiral director chairman chairwoman chair ceo founder executive manager candidate
    nominee challenger incumbent prosecutor attorney lawyer judge justice sheriff commissioner
    analyst expert economist scientist researcher professor author writer columnist reporter
    journalist host anchor correspondent editor actor actress singer star player coach captain
    owner worker employee witness victim suspect defendant plaintiff mother father son daughter
    wife husband brother sister woman man boy girl source insider critic supporter opponent
    activist organizer organiser protester resident voter citizen official staffer strategist
    pollster consultant chief-of-staff king queen prince princess pope bishop priest pastor rabbi
    imam monarch dictator strongman autocrat billionaire businessman businesswoman entrepreneur
    investor banker doctor nurse physician surgeon teacher student officer soldier veteran
    trooper agent detective inspector investigator negotiator mediator delegate member
    """.split()
)

# Nouns that head an organisation-like speaker ("the ministry", "the White House" is an entity).
ORG_NOUNS: frozenset[str] = frozenset(
    """
    ministry department agency government administration office committee council commission
    party campaign company firm group alliance bloc union court army military police
    spokesperson embassy kremlin pentagon parliament congress senate house cabinet board
    statement report study survey poll newspaper network channel magazine outlet
    """.split()
)

# Honorifics that carry gender.
FEMALE_TITLES: frozenset[str] = frozenset({"ms", "ms.", "mrs", "mrs.", "miss", "madam", "lady", "dame", "queen"})
MALE_TITLES: frozenset[str] = frozenset({"mr", "mr.", "sir", "lord", "king"})

# Titles stripped from the front of a canonical name ("President Vladimir Putin" -> "Vladimir Putin").
NAME_TITLES: frozenset[str] = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sen sen. senator rep rep. representative gov gov.
    governor president vice premier prime minister secretary general chancellor mayor judge justice
    pope king queen prince princess lord sir dame gen gen. col col. lt lt. capt capt. sgt sgt. adm adm.
    rev rev. father sister brother ambassador commissioner chairman chairwoman chief speaker leader
    former late then acting deputy first lady madam minister spokesman spokeswoman
    """.split()
)

# A short list of common female given names, used only to keep "she" off a man and "he" off a woman.
FEMALE_NAMES: frozenset[str] = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
    sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
    joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
    jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy
    sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
    charlotte marie kayla alexis lori hillary hilary nikki kamala nancy ursula angela theresa kaja
    marine giorgia liz sarah elise kellyanne kirstjen condoleezza madeleine ilhan alexandria ayanna
    rashida tulsi kirsten amy elizabeth dianne susan lisa shelley marsha joni tammy maxine sheila
    jill melania ivanka michelle laura hope kayleigh jen dana karine huma donna debbie stacey gretchen
    greta malala jacinda theresa federica annalena christine mette sanna kaja ylva ulrike
    """.split()
)

# Words that, as the whole subject of a cue, never name a speaker.
NON_SPEAKERS: frozenset[str] = frozenset({"who", "which", "that", "what", "this", "there", "one", "some", "many", "others"})
