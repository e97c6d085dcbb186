"""Speaker descriptors: the words an article puts around a speaker's name ("NATO Secretary General")."""

from __future__ import annotations

import re

from quotetrace.framing.tokens import similar
from quotetrace.text.data import read_word_list
from quotetrace.text.fold import fold_text as fold
from quotetrace.text.lexicon import TITLE_WORDS
from quotetrace.text.spelling import spelling_key

_WORD_RE = re.compile(r"[\w’'.\-]+")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_EDGE_PUNCT = " \t\n,;:—–-()[]\"“”‘’'"
_BARE_WORDS = frozenset({"the", "a", "an", "mr", "mrs", "ms", "miss", "mx", "said", "says"})


def _key(word: str) -> str:
    w = fold(word).rstrip(".")
    w = _POSSESSIVE_RE.sub("", w)
    return spelling_key(w)


def _is_title_word(word: str) -> bool:
    """A title or role word, or the article and "of" that join them ("The Secretary of State")."""
    w = fold(word).rstrip(".").replace("’", "'")
    return w in TITLE_WORDS or w in ("the", "of")


def _matches_name(word: str, name_keys: list[str]) -> bool:
    k = _key(word)
    if not k:
        return False
    if k in name_keys:
        return True
    if len(k) == 1 and word[:1].isupper():  # a middle initial: "Donald J. Trump"
        return True
    return len(k) >= 5 and any(len(n) >= 5 and similar(k, n, 0.8) for n in name_keys)


def _name_run(words: list[re.Match[str]], canonical_name: str | None) -> tuple[int, int] | None:
    """The index range of the words that are the speaker's name, or None when the mention does not name them."""
    if canonical_name:
        name_keys = [_key(w) for w in _WORD_RE.findall(canonical_name)]
        name_keys = [k for k in name_keys if k]
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            if _matches_name(words[i].group(), name_keys) and len(_key(words[i].group())) > 1:
                j = i + 1
                while j < len(words) and _matches_name(words[j].group(), name_keys):
                    j += 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        if runs:
            return max(runs, key=lambda r: (r[1] - r[0], r[0]))
        return None
    # no canonical name: the last run of capitalised words that are neither titles nor acronyms
    best: tuple[int, int] | None = None
    i = 0
    while i < len(words):
        if _could_be_name(words[i].group()):
            j = i + 1
            while j < len(words) and (_could_be_name(words[j].group()) or _is_initial(words[j].group())):
                j += 1
            best = (i, j)
            i = j
        else:
            i += 1
    return best


def _is_initial(word: str) -> bool:
    return re.fullmatch(r"[A-Z]\.", word) is not None


def _could_be_name(word: str) -> bool:
    core = _POSSESSIVE_RE.sub("", word).rstrip(".")
    if not core[:1].isupper() or _is_title_word(word):
        return False
    return not (core.isupper() and len(core) > 1)  # NATO, US, EU are not names


def _clean(part: str) -> str:
    part = part.strip(_EDGE_PUNCT)
    words = part.split()
    if all(fold(w).rstrip(".") in _BARE_WORDS for w in words):
        return ""
    return part


def split_descriptor(speaker_mention: str, canonical_name: str | None) -> str | None:
    """What the mention says about the speaker besides their name, as printed, or None.

    "NATO Secretary General Jens Stoltenberg" -> "NATO Secretary General"; "Jens Stoltenberg, who
    leads the alliance" -> "who leads the alliance"; "the NATO chief" -> "the NATO chief" (a role
    noun in place of the name); "Stoltenberg", "Mr. Stoltenberg", "he" -> None. Without a canonical
    name the name is taken to be the last run of capitalised words that are not titles or acronyms.
    """
    mention = speaker_mention.strip()
    if not mention or fold(mention) in read_word_list("framing_pronouns.txt"):
        return None
    words = list(_WORD_RE.finditer(mention))
    run = _name_run(words, canonical_name)
    if run is None:  # a role noun in place of the name: "the NATO chief"
        return _clean(mention) or None
    start, end = words[run[0]].start(), words[run[1] - 1].end()
    before = _clean(mention[:start])
    after_text = mention[end:]
    after_text = re.sub(r"^['’]s?\b", "", after_text)
    after = _clean(after_text)
    parts = [p for p in (before, after) if p]
    return ", ".join(parts) if parts else None
