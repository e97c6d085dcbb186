"""Where a sentence ends in raw text: the end marks, the abbreviations, and the three splits built on them.

Nothing else in the package says what a sentence end is. The splits differ because their callers need different
things, and each is named for its purpose:

- the **reading** split (:func:`sentence_bounds`, :func:`sentences_around`): every sentence of an article as a
  reader sees it, for the sentence a quote is shown in and framed by (``show``, hedges, credits, cue class);
- the **sure** split (:func:`sure_ends`, :func:`sentence_around`): only the ends it cannot be wrong about (a lower
  case word's full stop, then a capital), for choosing which text spaCy parses and where a huge run is cut;
- the **quick** split (:func:`sentence_start`): the words just before an offset, back to the last end mark and
  space, with no look at abbreviations ("Sen. Cruz" splits);

and :func:`ends_sentence` says whether a string ends in an end mark. spaCy's own sentences (``doc.sents``, in
:mod:`quotetrace.nlp`) are a parse, not a split of text, and are not defined here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

__all__ = [
    "ABBREVIATIONS",
    "CLOSERS",
    "ENDS",
    "FIRM_ENDS",
    "TITLE_ABBREVIATIONS",
    "Span",
    "ends_sentence",
    "is_abbreviation",
    "sentence_around",
    "sentence_bounds",
    "sentence_start",
    "sentences_around",
    "sure_ends",
]

Span = tuple[int, int]

#: The marks that end a sentence.
ENDS = ".!?…"
#: The end marks a split can be sure of: an ellipsis may also trail off inside a sentence ("We will … try").
FIRM_ENDS = ".!?"
#: Closing marks printed after the end mark, part of the sentence they close ('… said it." Then').
CLOSERS = "\"'”’)]"

#: Words whose full stop ends no sentence ("Sen. Cruz", "U.S. officials", "Jan. 5", "Apple Inc. and"), as printed,
#: dots trimmed. The reading split reads them in any case; the sure split only as printed, and needs only those
#: with two lower-case letters before the stop (it never ends a sentence after "Mr.", "U.S." or "No.").
#: Titles printed before a name, abbreviated ("Sgt. Maria Gomez", "Det. Supt. Ian Cole"): part of the name's phrase.
TITLE_ABBREVIATIONS: tuple[str, ...] = tuple(
    """
    Mr Mrs Ms Dr Prof Sen Sens Rep Reps Gov Govs Pres Hon Gen Lt Col Maj Capt Sgt Det Cpl Pvt Cmdr Adm Brig Supt Insp
    Atty Amb Commr Rev
    """.split()  # noqa: SIM905
)
ABBREVIATIONS: tuple[str, ...] = TITLE_ABBREVIATIONS + tuple(
    """
    Mss St Jr Sr
    Inc Co Corp Ltd Bros No vs etc U.S U.K U.N E.U Mt Ft Ave Blvd
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """.split()  # noqa: SIM905
)
_FOLDED_ABBREVIATIONS = frozenset(a.lower() for a in ABBREVIATIONS)


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` (its full stops trimmed, any case) is one of :data:`ABBREVIATIONS` ("Sen.", "u.s.", "JAN")."""
    return word.rstrip(".").lower() in _FOLDED_ABBREVIATIONS


_ENDS_TUPLE = tuple(ENDS)
_FIRM_ENDS_TUPLE = tuple(FIRM_ENDS)


def ends_sentence(text: str, *, firm: bool = False) -> bool:
    """Whether ``text`` ends in an end mark (with ``firm``, a full stop, ``?`` or ``!``: not an ellipsis). A closing
    mark or a space after it does not count: callers strip what they mean to."""
    return text.endswith(_FIRM_ENDS_TUPLE if firm else _ENDS_TUPLE)


# -- the quick split ------------------------------------------------------------------------------------------------

_QUICK_END = re.compile(rf"[{re.escape(ENDS)}][{re.escape(CLOSERS)}]*\s|\n")


def sentence_start(text: str, at: int, lo: int = 0) -> int:
    """The quick split: where the sentence holding offset ``at`` starts, no earlier than ``lo``: just after the last
    end mark (with its closing marks) and a space, or the last line break, before ``at`` (``at`` itself when the
    text before it ends in one). For a glance at the few words before a word; it splits after any full stop
    ("Sen. Cruz")."""
    start = lo
    for m in _QUICK_END.finditer(text, lo, at):
        start = m.end()
    return start


# -- the sure split -------------------------------------------------------------------------------------------------

# An end after a lower-case word's full stop, ? or ! (not "U.S.", "Sen.", "Jan."), with any closing marks, then
# spaces and a capital or an opening mark. The positive look-behind comes first: most positions fail it at once,
# before the abbreviations' look-behinds are tried (20 times faster than the other way round).
_SURE_END = re.compile(
    rf"(?<=[a-z]{{2}}[{re.escape(FIRM_ENDS)}])"
    + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in ABBREVIATIONS if re.search("[a-z]{2}$", a))
    + rf"[{re.escape(CLOSERS)}]*\s+(?=[A-Z“\"‘(])"
)


def sure_ends(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Span]:
    """The sure split: each sentence end in ``text[pos:endpos]`` that cannot be inside a name or an abbreviation,
    as (end of the sentence with its closing marks, start of the next one). Conservative: "in 2010. The" and
    "U.S. Then" are not ends. For deciding what spaCy parses and where to cut a run too long to parse whole."""
    for m in _SURE_END.finditer(text, pos, len(text) if endpos is None else endpos):
        yield m.start() + len(m.group(0).rstrip()), m.end()


def sentence_around(text: str, at: int) -> Span:
    """The sure split's sentence of ``text`` holding offset ``at``: ``(start, end)``, the end with its closing
    marks. An offset in the spaces between two sentences belongs to the one before."""
    start, end = 0, len(text)
    for stop, nxt in sure_ends(text):
        if nxt <= at:
            start = nxt
        else:
            end = stop
            break
    return start, end


# -- the reading split ----------------------------------------------------------------------------------------------

_READING_END = re.compile(rf"[{re.escape(ENDS)}]+[{re.escape(CLOSERS)}]*(?=\s|$)|\n+")
_QUOTE_CLOSERS = "\"'”’"
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w’'-]*)([.!?,;:]?)")
_ATTRIBUTION_WORDS = 8


def _last_word(text: str, start: int, end: int) -> str:
    """The word before a sentence-ending mark, lowercase, dots trimmed ("u.s", "mr"), scanning back from ``end``
    (a regex search from the sentence start was quadratic in the sentence length)."""
    j = end
    while j > start and text[j - 1] in CLOSERS:
        j -= 1
    while j > start and text[j - 1] in ENDS:
        j -= 1
    k = j
    while k > start and (text[k - 1].isalnum() or text[k - 1] in "_."):
        k -= 1
    return text[k:j].rstrip(".").lower()


def _attribution_follows(text: str, end: int, said: Callable[[str], bool]) -> bool:
    """True when one of the few words after a quote ending in ? or ! is a lower-case word ``said`` accepts
    ("… at all?” Mrs. Clinton said")."""
    pos = end
    for _ in range(_ATTRIBUTION_WORDS):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return False
        word, stop = m.group(1), m.group(2)
        if word.islower() and said(word):
            return True
        if stop and not (stop == "." and is_abbreviation(word)):
            return False
        pos = m.end()
    return False


@lru_cache(maxsize=64)
def sentence_bounds(text: str, *, said: Callable[[str], bool] | None = None) -> tuple[Span, ...]:
    """The reading split: the sentence spans of ``text``, whitespace trimmed, by end marks (with their closing
    marks) and line breaks. No end after an abbreviation or an initial ("Sen. Cruz", "J. Smith"), nor before a
    lower-case word. With ``said`` (does a word report speech?), a quotation ending in ``?`` or ``!`` keeps the
    attribution that follows it ("“… at all?” Mrs. Clinton said" is one sentence).

    Cached: ``show`` asks for the same article's sentences once per appearance and once for the context terms.
    """
    bounds: list[Span] = []
    start = 0
    for m in _READING_END.finditer(text):
        end = m.end()
        if not m.group().startswith("\n"):
            token = _last_word(text, start, end)
            if m.group().startswith(".") and (is_abbreviation(token) or (len(token) == 1 and token.isalpha())):
                continue
            nxt = text[end : end + 3].lstrip()
            if nxt[:1].islower():
                continue
            if (
                said is not None
                and m.group()[-1:] in _QUOTE_CLOSERS
                and m.group()[:1] in "?!"
                and _attribution_follows(text, end, said)
            ):
                continue  # “… at all?” Mrs. Clinton said: the attribution belongs to the quote's sentence
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            bounds.append((start + lead, start + len(piece.rstrip())))
        start = end
    tail = text[start:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        bounds.append((start + lead, start + len(tail.rstrip())))
    return tuple(bounds)


def sentences_around(bounds: Sequence[Span], start: int, end: int) -> tuple[Span, Span | None, Span | None]:
    """The sentence(s) of the reading split ``bounds`` holding ``[start, end)``, widened to cover it, and the
    sentences either side (None at the text's edges). With no bounds, ``[start, end)`` and no neighbours."""
    if not bounds:
        return (start, end), None, None
    first = next((i for i, (_, e) in enumerate(bounds) if e > start), len(bounds) - 1)
    last = next((i for i, (_, e) in enumerate(bounds) if e >= end), len(bounds) - 1)
    last = max(last, first)
    sentence = (min(bounds[first][0], start), max(bounds[last][1], end))
    before = bounds[first - 1] if first > 0 else None
    after = bounds[last + 1] if last + 1 < len(bounds) else None
    return sentence, before, after
