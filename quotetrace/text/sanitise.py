"""Making text that came from articles safe to show: terminal control sequences, bidi overrides, CSV formulas.

Article text, titles, outlets, speakers and file names are data. Before any of it reaches a terminal, a table
export or an HTML page it goes through :func:`clean`; CSV cells go through :func:`csv_cell`. JSON output keeps
the data as stored (JSON escapes control characters itself).
"""

from __future__ import annotations

import re

__all__ = ["clean", "csv_cell", "has_controls", "whole_chars"]

# Whole escape sequences first, so that their printable tails ("[2J", "]0;title") do not survive:
# CSI (ESC [ ... final byte), OSC / DCS / SOS / PM / APC strings (ESC ] ... BEL or ST), two-byte ESC sequences,
# and their 8-bit C1 forms (U+009B CSI, U+009D OSC, ...).
_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?          # CSI ... final
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC/DCS/SOS/PM/APC ... BEL|ST
    | \x1b[\x20-\x2f]*[\x30-\x7e]?                                # other ESC sequences (and a lone ESC)
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
# line/paragraph separators, and lone surrogates (unencodable, they crash a UTF-8 stream).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
_LAYOUT = re.compile("[\t\n]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def clean(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text safe to print: escape sequences and control characters removed.

    Tabs and newlines become spaces unless ``keep_newlines`` (a layout that shows paragraphs); every other C0/C1
    control, bidi override and lone surrogate is dropped. ``None`` gives ``""``.
    """
    if not text:
        return ""
    if text.isprintable() and text.isascii():  # the common case, no work
        return text
    out = _CONTROL.sub("", _SEQUENCE.sub("", text))
    if not keep_newlines:
        out = _LAYOUT.sub(" ", out)
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def whole_chars(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD — one character for one, so offsets into it stay where they
    were. JSON may spell one (``"\\ud800"``) and a command line may carry one (undecodable bytes); no UTF-8
    stream or SQLite can."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def has_controls(text: str) -> bool:
    """Whether ``text`` holds anything :func:`clean` would remove (tabs and newlines aside)."""
    return bool(_CONTROL.search(text) or "\x1b" in text)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula, with controls removed.

    Strings that start with ``= + - @`` (or a tab/carriage return) get a leading apostrophe, as spreadsheet-safe
    exporters do (OWASP "CSV injection"); a number keeps its sign. Other values pass unchanged.
    """
    if not isinstance(value, str):
        return value
    text = clean(value, keep_newlines=True)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None
