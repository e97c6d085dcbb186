"""Cue-verb classes: how the verb that introduces a quote colours it (neutral, doubting, combative...)."""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from quotetrace.errors import QuotetraceError
from quotetrace.text.verbs import CUE_CLASSES, cue_table, irregular_forms

ENV_VAR = "QUOTETRACE_CUE_CLASSES"


def _toml_loads(text: str) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError as exc:
            raise QuotetraceError(
                "reading a TOML cue-class file needs Python 3.11+ or the 'tomli' package",
                hint="pip install tomli, or write the file as JSON",
            ) from exc
    return tomllib.loads(text)


def _normalise(lemma: str) -> str:
    return " ".join(lemma.replace("’", "'").lower().split())


def _user_table(path: str) -> dict[str, str | None]:
    """Parse a user file: ``{"lemma": "class"}`` or ``{"class": ["lemma", ...]}``, JSON or TOML."""
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuotetraceError(
            f"cannot read the cue-class file {path}: {exc.strerror or exc}",
            hint=f"check the path given (or the {ENV_VAR} environment variable)",
        ) from exc
    try:
        data = _toml_loads(text) if file.suffix.lower() == ".toml" else json.loads(text)
    except ValueError as exc:
        raise QuotetraceError(f"cannot parse the cue-class file {path}: {exc}", hint="it must be JSON or TOML") from exc
    if isinstance(data, dict) and isinstance(data.get("cue_classes"), dict):
        data = data["cue_classes"]
    if not isinstance(data, dict):
        raise QuotetraceError(f"the cue-class file {path} must hold a mapping", hint='e.g. {"slam": "combative"}')
    table: dict[str, str | None] = {}
    for key, value in data.items():
        if str(key).startswith("_"):
            continue
        if isinstance(value, list):  # grouped form: class -> lemmas
            _check_class(str(key), path)
            table.update({_normalise(str(v)): str(key) for v in value})
        elif value is None or value == "":  # un-classify a bundled lemma
            table[_normalise(str(key))] = None
        elif isinstance(value, str):
            _check_class(value, path)
            table[_normalise(str(key))] = value
        else:
            raise QuotetraceError(f"bad entry {key!r} in the cue-class file {path}", hint="values are class names")
    return table


def _check_class(name: str, path: str) -> None:
    if name not in CUE_CLASSES:
        raise QuotetraceError(f"unknown cue class {name!r} in {path}", hint="use one of: " + ", ".join(CUE_CLASSES))


def load_cue_classes(extra_path: str | None = None) -> dict[str, str]:
    """The bundled lemma -> class table, merged with a user file (JSON or TOML).

    The user file is ``extra_path`` when given, else the file named by ``$QUOTETRACE_CUE_CLASSES``.
    Its entries win; a lemma mapped to ``null`` (JSON) or ``""`` is removed from the table.
    """
    table = cue_table()
    path = extra_path if extra_path is not None else os.environ.get(ENV_VAR) or None
    if path:
        for lemma, cls in _user_table(path).items():
            if cls is None:
                table.pop(lemma, None)
            else:
                table[lemma] = cls
    return table


@lru_cache(maxsize=8)
def _default_table(env_value: str | None) -> dict[str, str]:
    return load_cue_classes(env_value or None)


def _lemma_candidates(word: str) -> list[str]:
    """Plausible lemmas of an inflected English verb (slammed -> slam, noting -> note, cries -> cry)."""
    out = [word]
    if word.endswith("ies") or word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            out.extend([stem, stem + "e"])
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
    if word.endswith("ed"):
        out.append(word[:-1])
    return out


def lemma_of(cue: str, table: dict[str, str] | None = None) -> str | None:
    """The table's lemma for a printed or lemmatised cue ("fired back" -> "fire back"), or None if unknown."""
    table = table if table is not None else _default_table(os.environ.get(ENV_VAR))
    key = _normalise(cue)
    if not key:
        return None
    if key in table:
        return key
    forms = irregular_forms()
    if key in forms and forms[key] in table:
        return forms[key]
    first, _, rest = key.partition(" ")
    for cand in _lemma_candidates(first):
        phrase = f"{cand} {rest}" if rest else cand
        if phrase in table:
            return phrase
        if cand in forms and (f"{forms[cand]} {rest}" if rest else forms[cand]) in table:
            return f"{forms[cand]} {rest}" if rest else forms[cand]
    return None


def classify_cue(lemma: str | None, table: dict[str, str] | None = None) -> str | None:
    """The class of a cue verb: neutral | endorsing | doubting | conceding | combative | emotive, or None.

    ``lemma`` is the verb's lemma ("say", "point out", "fire back"); inflected forms ("slammed",
    "pointed out") are de-inflected as a fallback. Unknown verbs give None. The table is the bundled
    one merged with ``$QUOTETRACE_CUE_CLASSES`` unless ``table`` is passed (see :func:`load_cue_classes`).
    """
    if lemma is None:
        return None
    table = table if table is not None else _default_table(os.environ.get(ENV_VAR))
    found = lemma_of(lemma, table)
    return table[found] if found is not None else None
