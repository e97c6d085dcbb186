"""Each caller's accent/case fold, pinned from its outputs before the folds moved to quotetrace.text.fold.

The cases were produced by the separate folds each module had (store, people, framing tokens, framing outlet
names, the clusterer's normalisation, outlet keys); every caller must keep folding exactly as it did. When the
folds moved, each new form was also checked against its old fold on every single Unicode code point (no
difference).
"""

from __future__ import annotations

import pytest

from quotetrace import people, store
from quotetrace.framing import quote, tokens
from quotetrace.ingest import outlets
from quotetrace.text.fold import fold, fold_cached, fold_store_key, fold_text, fold_wording

_STORE_FOLD = [
    ("José  Calderón", "jose calderon"),
    ("O’Brien", "o'brien"),
    ("O‘Brien", "o‘brien"),
    ("O`Brien", "o`brien"),
    ("O´Brien", "o brien"),
    ("Oʼ Brien", "oʼ brien"),
    ("Zelen\u200bsky", "zelensky"),
    ("Zelen\xadsky", "zelensky"),
    ("ZELENSKYY", "zelenskyy"),
    ("The BBC News", "the bbc news"),
    ("  Fox & Friends ", "fox & friends"),
    ("nytimes.com", "nytimes.com"),
    ("https://www.bbc.co.uk/", "https://www.bbc.co.uk/"),
    ("Müller–Lüdenscheid", "muller–ludenscheid"),
    ("“Don’t” — he said…", "“don't” — he said..."),
    ("ﬁnance", "finance"),
    ("İstanbul", "istanbul"),
    ("straße", "straße"),
    ("l'état", "l'etat"),
    ("50% & more", "50% & more"),
    ("", ""),
    ("\xa0x\xa0y", "x y"),
    ("a\tb\nc", "a b c"),
    ("Ærøskøbing", "ærøskøbing"),
    ("Đorđević", "đorđevic"),
    ("שָׁלוֹם", "שלום"),
    ("नमस्ते", "नमसते"),
    ("é", "e"),
    ("Å", "a"),
    ("Ⅻ", "xii"),
    ("１２３", "123"),
    ("It's 1,000 . . . really", "it's 1,000 . . . really"),
    ("[Russian] President", "[russian] president"),
    ("the Washington Post", "the washington post"),
    ("AT&T", "at&t"),
    ("Le Monde.fr", "le monde.fr"),
    ("www.theguardian.com", "www.theguardian.com"),
    ("Ｔｈｅ Ｔｉｍｅｓ", "the times"),
    ("f***ing", "f***ing"),
    ("‛quoted′", "‛quoted′"),
]
_PEOPLE_FOLD = [
    ("José  Calderón", "jose  calderon"),
    ("O’Brien", "o'brien"),
    ("O‘Brien", "o'brien"),
    ("O`Brien", "o'brien"),
    ("O´Brien", "o'brien"),
    ("Oʼ Brien", "o' brien"),
    ("Zelen\u200bsky", "zelensky"),
    ("Zelen\xadsky", "zelensky"),
    ("ZELENSKYY", "zelenskyy"),
    ("The BBC News", "the bbc news"),
    ("  Fox & Friends ", "  fox & friends "),
    ("nytimes.com", "nytimes.com"),
    ("https://www.bbc.co.uk/", "https://www.bbc.co.uk/"),
    ("Müller–Lüdenscheid", "muller–ludenscheid"),
    ("“Don’t” — he said…", "“don't” — he said..."),
    ("ﬁnance", "finance"),
    ("İstanbul", "istanbul"),
    ("straße", "straße"),
    ("l'état", "l'etat"),
    ("50% & more", "50% & more"),
    ("", ""),
    ("\xa0x\xa0y", " x y"),
    ("a\tb\nc", "a\tb\nc"),
    ("Ærøskøbing", "ærøskøbing"),
    ("Đorđević", "đorđevic"),
    ("שָׁלוֹם", "שלום"),
    ("नमस्ते", "नमसते"),
    ("é", "e"),
    ("Å", "a"),
    ("Ⅻ", "xii"),
    ("１２３", "123"),
    ("It's 1,000 . . . really", "it's 1,000 . . . really"),
    ("[Russian] President", "[russian] president"),
    ("the Washington Post", "the washington post"),
    ("AT&T", "at&t"),
    ("Le Monde.fr", "le monde.fr"),
    ("www.theguardian.com", "www.theguardian.com"),
    ("Ｔｈｅ Ｔｉｍｅｓ", "the times"),
    ("f***ing", "f***ing"),
    ("‛quoted′", "‛quoted′"),
]
_TOKENS_FOLD = [
    ("José  Calderón", "jose  calderon"),
    ("O’Brien", "o'brien"),
    ("O‘Brien", "o'brien"),
    ("O`Brien", "o`brien"),
    ("O´Brien", "o brien"),
    ("Oʼ Brien", "o' brien"),
    ("Zelen\u200bsky", "zelen\u200bsky"),
    ("Zelen\xadsky", "zelen\xadsky"),
    ("ZELENSKYY", "zelenskyy"),
    ("The BBC News", "the bbc news"),
    ("  Fox & Friends ", "  fox & friends "),
    ("nytimes.com", "nytimes.com"),
    ("https://www.bbc.co.uk/", "https://www.bbc.co.uk/"),
    ("Müller–Lüdenscheid", "muller–ludenscheid"),
    ("“Don’t” — he said…", "“don't” — he said..."),
    ("ﬁnance", "finance"),
    ("İstanbul", "istanbul"),
    ("straße", "straße"),
    ("l'état", "l'etat"),
    ("50% & more", "50% & more"),
    ("", ""),
    ("\xa0x\xa0y", " x y"),
    ("a\tb\nc", "a\tb\nc"),
    ("Ærøskøbing", "ærøskøbing"),
    ("Đorđević", "đorđevic"),
    ("שָׁלוֹם", "שלום"),
    ("नमस्ते", "नमसते"),
    ("é", "e"),
    ("Å", "a"),
    ("Ⅻ", "xii"),
    ("１２３", "123"),
    ("It's 1,000 . . . really", "it's 1,000 . . . really"),
    ("[Russian] President", "[russian] president"),
    ("the Washington Post", "the washington post"),
    ("AT&T", "at&t"),
    ("Le Monde.fr", "le monde.fr"),
    ("www.theguardian.com", "www.theguardian.com"),
    ("Ｔｈｅ Ｔｉｍｅｓ", "the times"),
    ("f***ing", "f***ing"),
    ("‛quoted′", "‛quoted′"),
]
_QUOTE_FOLD = [
    ("José  Calderón", "jose calderon"),
    ("O’Brien", "o brien"),
    ("O‘Brien", "o brien"),
    ("O`Brien", "o brien"),
    ("O´Brien", "o brien"),
    ("Oʼ Brien", "oʼ brien"),
    ("Zelen\u200bsky", "zelen sky"),
    ("Zelen\xadsky", "zelen sky"),
    ("ZELENSKYY", "zelenskyy"),
    ("The BBC News", "bbc news"),
    ("  Fox & Friends ", "fox & friends"),
    ("nytimes.com", "nytimes com"),
    ("https://www.bbc.co.uk/", "https www bbc co uk"),
    ("Müller–Lüdenscheid", "muller ludenscheid"),
    ("“Don’t” — he said…", "don t he said"),
    ("ﬁnance", "finance"),
    ("İstanbul", "istanbul"),
    ("straße", "straße"),
    ("l'état", "l etat"),
    ("50% & more", "50 & more"),
    ("", ""),
    ("\xa0x\xa0y", "x y"),
    ("a\tb\nc", "a b c"),
    ("Ærøskøbing", "ærøskøbing"),
    ("Đorđević", "đorđevic"),
    ("שָׁלוֹם", "שלום"),
    ("नमस्ते", "नमसत"),
    ("é", "e"),
    ("Å", "a"),
    ("Ⅻ", "xii"),
    ("１２３", "123"),
    ("It's 1,000 . . . really", "it s 1 000 really"),
    ("[Russian] President", "russian president"),
    ("the Washington Post", "washington post"),
    ("AT&T", "at&t"),
    ("Le Monde.fr", "le monde fr"),
    ("www.theguardian.com", "www theguardian com"),
    ("Ｔｈｅ Ｔｉｍｅｓ", "times"),
    ("f***ing", "f ing"),
    ("‛quoted′", "quoted"),
]
_NORMALISE_FOLD_TEXT = [
    ("José  Calderón", "jose  calderon"),
    ("O’Brien", "o'brien"),
    ("O‘Brien", "o'brien"),
    ("O`Brien", "o'brien"),
    ("O´Brien", "o brien"),
    ("Oʼ Brien", "o' brien"),
    ("Zelen\u200bsky", "zelen\u200bsky"),
    ("Zelen\xadsky", "zelen\xadsky"),
    ("ZELENSKYY", "zelenskyy"),
    ("The BBC News", "the bbc news"),
    ("  Fox & Friends ", "  fox  and  friends "),
    ("nytimes.com", "nytimes.com"),
    ("https://www.bbc.co.uk/", "https://www.bbc.co.uk/"),
    ("Müller–Lüdenscheid", "muller ludenscheid"),
    ("“Don’t” — he said…", '"don\'t"   he said...'),
    ("ﬁnance", "finance"),
    ("İstanbul", "istanbul"),
    ("straße", "straße"),
    ("l'état", "l'etat"),
    ("50% & more", "50 percent   and  more"),
    ("", ""),
    ("\xa0x\xa0y", " x y"),
    ("a\tb\nc", "a\tb\nc"),
    ("Ærøskøbing", "ærøskøbing"),
    ("Đorđević", "đorđevic"),
    ("שָׁלוֹם", "שָׁלוֹם"),
    ("नमस्ते", "नमस्ते"),
    ("é", "e"),
    ("Å", "a"),
    ("Ⅻ", "xii"),
    ("１２３", "123"),
    ("It's 1,000 . . . really", "it's 1,000 . . . really"),
    ("[Russian] President", "[russian] president"),
    ("the Washington Post", "the washington post"),
    ("AT&T", "at and t"),
    ("Le Monde.fr", "le monde.fr"),
    ("www.theguardian.com", "www.theguardian.com"),
    ("Ｔｈｅ Ｔｉｍｅｓ", "the times"),
    ("f***ing", "f***ing"),
    ("‛quoted′", "'quoted'"),
]
_OUTLETS_FOLD_NAME = [
    ("José  Calderón", "josecalderon"),
    ("O’Brien", "obrien"),
    ("O‘Brien", "obrien"),
    ("O`Brien", "obrien"),
    ("O´Brien", "obrien"),
    ("Oʼ Brien", "obrien"),
    ("Zelen\u200bsky", "zelensky"),
    ("Zelen\xadsky", "zelensky"),
    ("ZELENSKYY", "zelenskyy"),
    ("The BBC News", "bbcnews"),
    ("  Fox & Friends ", "foxfriends"),
    ("nytimes.com", "nytimes"),
    ("https://www.bbc.co.uk/", "bbccouk"),
    ("Müller–Lüdenscheid", "mullerludenscheid"),
    ("“Don’t” — he said…", "donthesaid"),
    ("ﬁnance", "finance"),
    ("İstanbul", "istanbul"),
    ("straße", "straße"),
    ("l'état", "letat"),
    ("50% & more", "50more"),
    ("", ""),
    ("\xa0x\xa0y", "xy"),
    ("a\tb\nc", "abc"),
    ("Ærøskøbing", "ærøskøbing"),
    ("Đorđević", "đorđevic"),
    ("שָׁלוֹם", "שלום"),
    ("नमस्ते", "नमसत"),
    ("é", "e"),
    ("Å", "a"),
    ("Ⅻ", "xii"),
    ("１２３", "123"),
    ("It's 1,000 . . . really", "its1000really"),
    ("[Russian] President", "russianpresident"),
    ("the Washington Post", "washingtonpost"),
    ("AT&T", "att"),
    ("Le Monde.fr", "lemondefr"),
    ("www.theguardian.com", "theguardian"),
    ("Ｔｈｅ Ｔｉｍｅｓ", "times"),
    ("f***ing", "fing"),
    ("‛quoted′", "quoted"),
]


@pytest.mark.parametrize(("text", "expected"), _STORE_FOLD)
def test_store_key(text: str, expected: str) -> None:
    assert fold_store_key(text) == expected
    assert store.fold is fold_store_key


@pytest.mark.parametrize(("text", "expected"), _PEOPLE_FOLD)
def test_person_name_fold(text: str, expected: str) -> None:
    assert fold(text) == fold_cached(text) == expected
    assert people.fold is fold_cached


@pytest.mark.parametrize(("text", "expected"), _TOKENS_FOLD)
def test_running_text_fold(text: str, expected: str) -> None:
    assert fold_text(text) == expected
    assert tokens.fold is fold_text


@pytest.mark.parametrize(("text", "expected"), _QUOTE_FOLD)
def test_printed_outlet_fold(text: str, expected: str) -> None:
    assert quote._outlet_words(text) == expected


@pytest.mark.parametrize(("text", "expected"), _NORMALISE_FOLD_TEXT)
def test_wording_fold(text: str, expected: str) -> None:
    assert fold_wording(text) == expected


@pytest.mark.parametrize(("text", "expected"), _OUTLETS_FOLD_NAME)
def test_outlet_key(text: str, expected: str) -> None:
    assert outlets.fold_name(text) == expected


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("O`Brien", {}, "o'brien"),
        ("O`Brien", {"apostrophes": "’"}, "o`brien"),
        ("Zelen\u200bsky", {}, "zelensky"),
        ("Zelen\u200bsky", {"invisible": False}, "zelen\u200bsky"),
        (" a \t b ", {"spaces": True}, "a b"),
        ("BBC-News: live", {"punctuation": True}, "bbc news live"),
        ("AT&T", {"punctuation": True}, "at&t"),
        ("“Yes” — 50%", {"marks": True}, '"yes"   50 percent '),
        ("", {"marks": True, "spaces": True}, ""),
    ],
)
def test_fold_options(text: str, options: dict[str, object], expected: str) -> None:
    assert fold(text, **options) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Calderón’s", "calderon"),
        ("RÉSUMÉS", "resum"),
        ("naïvely", "naive"),
        ("don’t", "don"),
        ("ᴬpples", "appl"),  # a modifier capital decomposes to "A", then lowercased (the old stemmer kept "A")
    ],
)
def test_paraphrase_stem_folds_with_the_one_fold(word: str, expected: str) -> None:
    from quotetrace.paraphrase import stem

    assert stem(word) == expected
