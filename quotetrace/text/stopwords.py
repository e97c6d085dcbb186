"""The stopword lists, by use: quote matching (:data:`STOPWORDS`), paraphrase terms, framing's context words.

The three lists differ (135, 151 and 283 words) and are kept exactly as they were when they lived with their callers
(:mod:`quotetrace.normalise`, :mod:`quotetrace.paraphrase`, :mod:`quotetrace.framing.distinctive`): merging them would
change which words count as content, and so clusters, paraphrase links and distinctive terms.
"""

from __future__ import annotations

from quotetrace.text.data import read_word_list
from quotetrace.text.words import wordset

__all__ = ["PARAPHRASE_STOPWORDS", "STOPWORDS", "framing_stopwords"]

# Function words: they never count as "content" and shingles made only of them are not indexed.
STOPWORDS: frozenset[str] = wordset(
    """
    a an the and or but nor so yet for of to in on at by with from into onto upon about as than then that this
    these those there here it its it's i me my mine we us our ours you your yours he him his she her hers they
    them their theirs who whom whose which what when where why how is am are was were be been being do does did
    done doing have has had having will would shall should can could may might must not no yes if else also
    just very too only all any some each every both either neither other such own same more most much many few
    less least up down out off over under again further once there's let s t just ve ll re d m o y oh well
    going get got gets go goes said says say one
    """
)

# Paraphrase scoring: the words left out of a statement's terms and of its named entities.
PARAPHRASE_STOPWORDS: frozenset[str] = wordset(
    """
    a an the and or but if then than that this these those there here it its it's they them their theirs we us
    our ours you your yours i me my mine he him his she her hers who whom whose which what when where why how
    all any both each few more most other some such no nor not only own same so too very can will just should
    now is are was were be been being have has had having do does did doing would could might must shall may of
    at by for with about against between into through during before after above below to from up down in out on
    off over under again further once also as until while because said says say told tell added noted according
    one
    """
)


def framing_stopwords() -> frozenset[str]:
    """The bundled English stopword list of framing (``data/framing_stopwords.txt``: function words and reporting
    boilerplate), for distinctive context words."""
    return read_word_list("framing_stopwords.txt")
