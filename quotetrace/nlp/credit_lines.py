"""Staff credit lines ("Reporting by …; Editing by …", "X contributed reporting") and datelines: never speech.

A credit line names who wrote, reported, edited or photographed a story. Its words ("reporting", "writing",
"reported") look like reporting verbs, so the extractor asks :func:`is_credit_line` before it reads a
sentence as reported speech. A dateline ("AMHERST, N.H. —", "KYIV, Ukraine (Reuters) -") says where a story
was filed; parsed with the sentence after it, its place reads as the speaker's name, so the extractor hands
spaCy the paragraph from :func:`dateline_end` on.
"""

from __future__ import annotations

import re

#: The jobs a credit line credits ("Additional reporting by", "Writing and editing by", "Photos by").
_JOB = (
    r"(?i:(?:additional |further |extra |staff |wire |contributing )?"
    r"(?:reporting|writing|written|editing|edited|compiled|compilation|production|produced|research|researched|"
    r"graphics?|photos?|photography|photographs?|pictures?|images?|video|illustrations?|translation|translated|"
    r"fact[- ]checking|data|design|interactive|story|text|words|reported|prepared|sub-?editing))"
)
_NAME = r"(?:(?:de|van|von|der|den|la|le|da|di|du|bin|al|el)\s+)*[A-Z][\w.'’-]*"
_NAMES = _NAME + r"(?:\s+" + _NAME + r")*"
_PERSON = _NAMES + r"(?:\s+(?:in|from|at)\s+" + _NAMES + r")?"
_PEOPLE = _PERSON + r"(?:\s*(?:,\s*and|,|and|&|/)\s*" + _PERSON + r")*"
_CREDIT_ITEM = _JOB + r"(?:\s*(?:and|&|,)\s*" + _JOB + r")*\s+(?i:by|from)\s+" + _PEOPLE
#: A line made only of credits, each naming people: "(Reporting by A in London; Writing by B; Editing by C)".
_CREDIT_LINE = re.compile(r"^[\s(\[]*" + _CREDIT_ITEM + r"(?:\s*[;,.]\s*(?:and\s+)?" + _CREDIT_ITEM + r")*[\s.;)\]]*$")
#: "Jane Doe contributed reporting from Kyiv." / "CNN's X and Y contributed to this report."
_CONTRIBUTED = re.compile(
    r"^[^\"“”]{2,200}\b(?:contributed|contributes|also contributed)\b(?: \w+)? "
    r"(?:reporting|to this (?:report|story|article)|research|writing)\b[^\"“”]*$",
    re.IGNORECASE,
)
#: "Andrew Kramer reported from Kyiv, and Ivan Nechepurenko from Moscow." — a place, not a statement.
_REPORTED_FROM = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:reported|reports|wrote) from [A-Z][^\"“”]{0,160}$"
)


def is_credit_line(sentence: str) -> bool:
    """True when ``sentence`` (a line or one sentence) is a staff credit, not something anyone said."""
    s = " ".join(sentence.split())
    if not s or len(s) > 400:
        return False
    return bool(_CREDIT_LINE.match(s) or _CONTRIBUTED.match(s) or _REPORTED_FROM.match(s))


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = (
    r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]*){0,3}"
    r"(?:, (?:" + _MONTH + r" \d{1,2}|[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,2}))?"
)
_WIRE = r"\([A-Z][\w.&'’ \-]{0,30}\)"
_DASH = r"(?:\s*[—–]\s*|\s+--?\s+)"
#: A paragraph's dateline: a place in capitals ("WASHINGTON", "ST. LOUIS", "AMHERST, N.H.", "SAN JUAN, Puerto
#: Rico"), maybe a date ("BERLIN, Dec 5") and a wire credit ("(Reuters)", "(AP)"), then a dash — or a wire
#: credit alone, dash or not ("(CNN)President …") — and then the story's first sentence (a capital, a digit or a
#: quotation mark: "NATO — the alliance …" is no dateline). A colon is no dateline's: "SMITH: …" labels a speaker.
_DATELINE = re.compile(rf"(?:{_PLACE}(?: ?{_WIRE})?{_DASH}|(?:{_PLACE} ?)?{_WIRE}(?:{_DASH}|\s*))" r"(?=[A-Z0-9“\"‘'])")


def dateline_end(paragraph: str) -> int:
    """Where the story starts in ``paragraph``: past its dateline ("LONDON, England — "), else 0."""
    m = _DATELINE.match(paragraph)
    return m.end() if m else 0
