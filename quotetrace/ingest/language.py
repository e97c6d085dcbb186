"""Is an article English? A cheap check (function words and quotation-mark style) so others are skipped, not misread.

quotetrace's pipeline and lexicons are English: a French, German or Spanish article would silently yield no
quotes. :func:`foreign_language` names the language an article is written in when it is clearly not English,
from the share of each language's commonest function words among its first words (no model, no download),
and the quotation marks it uses (« » for French, „ “ for German) as a tie-breaker.
"""

from __future__ import annotations

import re


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


#: The commonest short function words of each language (lower case). Words shared with English are left out.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "English": _words(
        "the of and to in is that for it with was on as he she they his her be by at from this have has had are were"
        " not but an or which who will would said says their its been after about",
    ),
    "French": _words(
        "le la les des du de un une et est que qui dans pour pas sur au aux ce cette ses son sont avec il elle ils"
        " nous vous mais ou par plus été être a été lors selon",
    ),
    "German": _words(
        "der die das und ist nicht zu den dem des ein eine einer einem mit sich auf für von auch es im wird wurde"
        " sie er wir ich dass bei nach aus oder sind hat haben",
    ),
    "Spanish": _words(
        "el la los las de del que y en un una es por con para se su sus al lo como más pero fue ha este esta"
        " según ya muy sobre entre",
    ),
    "Italian": _words(
        "il lo la gli le di del della che e è un una per con non si sono nel nella al alla ha anche",
        "come più dei",
    ),
    "Portuguese": _words(
        "o os a as de do da dos das que e é um uma para com não se em no na por mais foi pelo pela ao como",
    ),
    "Dutch": _words(
        "de het een en van is dat niet op te zijn met voor er ook aan bij maar door om als wordt werd hij zij",
    ),
}

#: Quotation marks that only some languages use to open a quotation.
QUOTE_STYLES: dict[str, str] = {"«": "French", "»": "French", "„": "German"}

#: How many words are looked at, and fewer than how many the check does not judge.
SAMPLE_WORDS = 400
MIN_WORDS = 25
#: English function words make up a fifth to a half of English prose; below this share it is not English.
MIN_ENGLISH_SHARE = 0.10

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _shares(words: list[str]) -> dict[str, float]:
    n = len(words)
    return {lang: sum(w in fw for w in words) / n for lang, fw in FUNCTION_WORDS.items()}


def foreign_language(text: str) -> str | None:
    """The language ``text`` is written in when it is clearly not English ("French"), else None.

    Short texts and texts that mix languages are not judged (None): skipping an English article would lose it.
    """
    words = [m.group(0).lower() for m in _WORD.finditer(text[:20_000])][:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return None
    shares = _shares(words)
    english = shares.pop("English")
    best = max(shares, key=lambda lang: shares[lang])
    if english >= MIN_ENGLISH_SHARE and english >= shares[best] / 2:
        return None
    if shares[best] < max(2 * english, 0.08):
        return None
    marks = [QUOTE_STYLES[c] for c in text[:20_000] if c in QUOTE_STYLES]
    if marks and best not in marks:  # French and Italian share words; « » and „ “ tell them apart
        top = max(set(marks), key=marks.count)
        if shares.get(top, 0) >= shares[best] * 0.6:
            return top
    return best


def describe(language: str, text: str) -> str:
    """The reason printed when an article is skipped: the language and the evidence."""
    marks = sorted({c for c in text[:20_000] if c in QUOTE_STYLES or c in "“”"} & set(QUOTE_STYLES))
    quoted = f", {' '.join(marks)} quotation marks" if marks else ""
    return f"not English (looks {language}{quoted}); skipped — quotetrace reads English articles only"
