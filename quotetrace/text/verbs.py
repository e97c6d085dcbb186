"""The verb lexicon: speech, reporting and belief verbs, their printed forms and their cue classes.

The lemma sets are below; the irregular printed forms ("said", "told", "pointed out") are
``quotetrace/data/verb_forms.json`` and the cue classes (how a verb colours the quote it introduces) are
``quotetrace/data/cue_verbs.json``. The attributor accepts a cue by its lemma in these sets, the extractor
picks paragraphs for reported speech by :func:`speech_forms`, and the framing classifies the cue with
:func:`cue_table` (every verb in :data:`SPEECH_VERBS` and :data:`BELIEF_VERBS` has a class).
"""

from __future__ import annotations

from functools import lru_cache

from quotetrace.text.data import read_json

__all__ = [
    "ADDRESSEE_VERBS",
    "BELIEF_VERBS",
    "COLON_INTRO_VERBS",
    "CUE_CLASSES",
    "HEADLINE_SOURCES",
    "NAMING_VERBS",
    "NOUN_LIKE",
    "OBJECT_CUE_VERBS",
    "REPORTING_VERBS",
    "SPEECH_VERBS",
    "cue_table",
    "irregular_forms",
    "speech_forms",
]

# Lemmas of verbs that introduce speech or writing. Phrasal cues ("point out") are matched by their head.
SPEECH_VERBS: frozenset[str] = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "state",
        "declare",
        "announce",
        "explain",
        "note",
        "observe",
        "remark",
        "comment",
        "continue",
        "reply",
        "respond",
        "answer",
        "retort",
        "ask",
        "inquire",
        "wonder",
        "claim",
        "insist",
        "allege",
        "maintain",
        "contend",
        "assert",
        "argue",
        "admit",
        "acknowledge",
        "concede",
        "confess",
        "grant",
        "warn",
        "urge",
        "plead",
        "beg",
        "caution",
        "advise",
        "recommend",
        "suggest",
        "propose",
        "demand",
        "call",
        "cry",
        "shout",
        "scream",
        "yell",
        "exclaim",
        "whisper",
        "mutter",
        "murmur",
        "sigh",
        "laugh",
        "joke",
        "quip",
        "tweet",
        "post",
        "blog",
        "text",
        "email",
        "report",
        "reveal",
        "disclose",
        "confirm",
        "deny",
        "dispute",
        "reject",
        "stress",
        "emphasize",
        "emphasise",
        "underscore",
        "underline",
        "highlight",
        "reiterate",
        "repeat",
        "recall",
        "recount",
        "describe",
        "characterize",
        "characterise",
        "label",
        "brand",
        "dub",
        "term",
        "testify",
        "predict",
        "promise",
        "pledge",
        "vow",
        "swear",
        "threaten",
        "boast",
        "brag",
        "gush",
        "lament",
        "complain",
        "grumble",
        "protest",
        "object",
        "charge",
        "accuse",
        "blame",
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "slam",
        "blast",
        "rip",
        "lash",
        "attack",
        "hit",
        "fire",
        "mock",
        "scoff",
        "sneer",
        "taunt",
        "chide",
        "scold",
        "rebuke",
        "berate",
        "lecture",
        "snap",
        "bark",
        "growl",
        "rail",
        "decry",
        "praise",
        "hail",
        "applaud",
        "thank",
        "congratulate",
        "welcome",
        "counter",
        "rebut",
        "reason",
        "conclude",
        "concur",
        "agree",
        "disagree",
        "clarify",
        "elaborate",
        "specify",
        "indicate",
        "signal",
        "mention",
        "point",
        "muse",
        "opine",
        "posit",
        "theorize",
        "estimate",
        "calculate",
        "figure",
        "guess",
        "speculate",
        "hint",
        "imply",
        "tout",
        "trumpet",
        "champion",
        "assure",
        "reassure",
        "inform",
        "notify",
        "announce",
        "proclaim",
        "pronounce",
        "affirm",
        "reaffirm",
        "aver",
        "avow",
        "attest",
        "certify",
        "interject",
        "interrupt",
        "begin",
        "start",
        "finish",
        "go",
        "read",
        "sing",
        "chant",
        "yell",
        "holler",
        "gripe",
        "whine",
    ]
)

# Speech verbs that report what was said in a clause of their own ("she said/warned/denied that …"): the
# only ones reported speech is looked for with. The others introduce a quotation or describe how something
# was said ("he continued", "she thanked them", "they called for", "he laughed") but take no reported clause.
_NOT_REPORTING: frozenset[str] = frozenset(
    (
        "accuse",
        "applaud",
        "attack",
        "bark",
        "beg",
        "begin",
        "berate",
        "blame",
        "blast",
        "brand",
        "call",
        "champion",
        "characterise",
        "characterize",
        "chant",
        "chide",
        "condemn",
        "congratulate",
        "continue",
        "criticise",
        "criticize",
        "cry",
        "decry",
        "denounce",
        "describe",
        "dub",
        "elaborate",
        "finish",
        "fire",
        "go",
        "growl",
        "gush",
        "hail",
        "hit",
        "holler",
        "interject",
        "interrupt",
        "lash",
        "label",
        "laugh",
        "lecture",
        "mock",
        "murmur",
        "mutter",
        "plead",
        "praise",
        "pronounce",
        "rail",
        "read",
        "rebuke",
        "rebut",
        "reject",
        "rip",
        "scoff",
        "scold",
        "sigh",
        "sing",
        "slam",
        "snap",
        "sneer",
        "start",
        "taunt",
        "term",
        "thank",
        "tout",
        "trumpet",
        "welcome",
        "yell",
    )
)
REPORTING_VERBS: frozenset[str] = SPEECH_VERBS - _NOT_REPORTING

# Speech verbs whose object is what was said, in reported speech without a clause: "accused him of lying",
# "called it a disgrace", "called for his dismissal", "criticized the plan", "described the move as a breach",
# "cited the crowds", "questioned his record", "referred to the shooting as an act of terror", "announced his
# candidacy", "denied the allegations". Other reporting verbs report by a clause only: their object is seldom
# speech ("wrote a book", "added a layer", "posted a video", "maintained a lead").
OBJECT_CUE_VERBS: frozenset[str] = frozenset(
    (
        "accuse",
        "announce",
        "ask",
        "claim",
        "confirm",
        "demand",
        "deny",
        "mention",
        "pledge",
        "predict",
        "promise",
        "propose",
        "recommend",
        "reveal",
        "urge",
        "vow",
        "attack",
        "blame",
        "blast",
        "call",
        "cite",
        "condemn",
        "criticise",
        "criticize",
        "decry",
        "denounce",
        "describe",
        "praise",
        "question",
        "refer",
        "slam",
    )
)
# Verbs whose bare object is the person addressed, not what was said: "told reporters", "asked the senator".
ADDRESSEE_VERBS: frozenset[str] = frozenset(("tell", "ask", "inform", "remind", "assure", "urge", "warn", "brief"))
# Verbs that name or describe what their object is ("called it a disgrace", "labelled the group extremist"): in
# the passive the subject is what was named, not the one naming it ("the group was branded “extremist” by critics").
NAMING_VERBS: frozenset[str] = frozenset(
    ("call", "describe", "label", "brand", "dub", "term", "characterize", "characterise", "nickname")
)
# Nouns that, as a headline's label ("Poll: Trump ties Clinton"), are the source of the rest of the headline.
HEADLINE_SOURCES: frozenset[str] = frozenset(("report", "poll", "survey", "study", "source", "sources", "official"))

# Lemmas that express belief or intention, not speech (excluded unless asked for).
BELIEF_VERBS: frozenset[str] = frozenset(
    [
        "think",
        "believe",
        "feel",
        "want",
        "hope",
        "fear",
        "expect",
        "know",
        "doubt",
        "suspect",
        "assume",
        "consider",
        "wish",
        "intend",
        "plan",
    ]
)

# Verbs that report by a noun of saying as their object: "reiterated his call for a ban", "issued a warning that
# …", "renewed her demand for an inquiry" (the noun needs a complement: "issued a statement" alone says nothing).
SPEECH_NOUN_VERBS: frozenset[str] = frozenset(["issue", "renew", "repeat", "reiterate", "restate", "echo", "voice"])

# Cues strong enough that a following quote attaches to them even across a sentence boundary.
COLON_INTRO_VERBS: frozenset[str] = SPEECH_VERBS

#: The cue classes, from plain reporting to loaded: how the verb that introduces a quote colours it.
CUE_CLASSES = ("neutral", "endorsing", "doubting", "conceding", "combative", "emotive")


def cue_table() -> dict[str, str]:
    """The bundled lemma -> cue class table (a fresh copy: callers merge users' entries into it)."""
    return {k: v for k, v in read_json("cue_verbs.json").items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def irregular_forms() -> dict[str, str]:
    """Irregular printed forms of the verbs and their lemmas ("said" -> "say", "pointed out" -> "point out")."""
    return {k: v for k, v in read_json("verb_forms.json").items() if not k.startswith("_")}


# Speech verbs whose base and -s forms are mostly nouns in news text: a paragraph is picked for reported
# speech by their past or -ing forms only ("stated", "reporting"), not by "the state" or "his remarks".
NOUN_LIKE = frozenset(
    [
        "state",
        "post",
        "point",
        "text",
        "email",
        "remark",
        "comment",
        "report",
        "attack",
        "call",
        "go",
        "start",
        "finish",
        "answer",
        "reply",
        "note",
        "message",
        "tweet",
        "charge",
        "question",
        "promise",
        "pledge",
        "vow",
        "demand",
        "request",
        "blast",
        "slam",
        "hit",
        "challenge",
        "order",
        "record",
        "word",
        "release",
        "issue",
        "address",
        "voice",
        "reason",
        "claim",
        "figure",
        "mention",
        "signal",
        "protest",
        "estimate",
        "guess",
        "dispute",
        "object",
        "counter",
        "joke",
        "grant",
        "highlight",
        "hint",
        "respond",
    ]
)


# Verb forms that are mostly adjectives in news text ("a pledged sum", "a promising start").
_ADJECTIVE_FORMS = frozenset(["pledged", "charged", "promising"])
# Words outside the lexicon that still mark a paragraph as reporting speech: "according to" a source, "spoke
# to reporters" (speak is no reporting verb: it takes no clause) and, with beliefs, "meant".
_OTHER_CUES = frozenset(["according", "spoke"])
_OTHER_BELIEF_CUES = frozenset(["meant"])


@lru_cache(maxsize=2)
def speech_forms(*, beliefs: bool = False) -> frozenset[str]:
    """Printed forms of the reporting verbs (and, with ``beliefs``, of the belief verbs), lower case: the
    regular inflections, and the irregular ones of :func:`irregular_forms`."""
    verbs = REPORTING_VERBS | OBJECT_CUE_VERBS | SPEECH_NOUN_VERBS | (BELIEF_VERBS if beliefs else frozenset())
    forms: set[str] = set(_OTHER_CUES | _OTHER_BELIEF_CUES) if beliefs else set(_OTHER_CUES)
    forms |= {form for form, lemma in irregular_forms().items() if lemma in verbs and " " not in form}
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        forms |= {v + "ed", v + "d", v + "ing", stem + "ing", stem + "ed"}
        if v not in NOUN_LIKE:  # "the state", "a report", "his remarks": only their verb forms count
            forms |= {v, v + "s"}
        if v.endswith("y"):
            forms |= {v[:-1] + "ied", v[:-1] + "ies"}
        if v.endswith(("ch", "sh", "ss", "x")):
            forms.add(v + "es")
    return frozenset(forms - _ADJECTIVE_FORMS)
