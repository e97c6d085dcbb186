"""Sanitising article text for terminals and CSV (quotetrace.text.sanitise)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotetrace.text.sanitise import clean, csv_cell, has_controls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("Tomás Calderón “quoted”", "Tomás Calderón “quoted”"),
        ("a\x1b[2Jb", "ab"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b]0;title\x07after", "after"),
        ("\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\", "click"),
        ("\x9b2Jx", "x"),
        ("\x9d0;t\x9cy", "y"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("rtl \u202eevil\u202c end", "rtl evil end"),
        ("isolate \u2066x\u2069", "isolate x"),
        ("line\nbreak\ttab", "line break tab"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("cut in half \x1b[", "cut in half "),
        ("\x1b", ""),
        (None, ""),
        ("", ""),
    ],
)
def test_clean(text: str | None, expected: str) -> None:
    assert clean(text) == expected


def test_clean_keeps_newlines_when_asked() -> None:
    assert clean("a\nb\tc\x1b[2J", keep_newlines=True) == "a\nb\tc"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("ordinary", "ordinary"),
        ("a\x1b[2Jb", "ab"),
        (7, 7),
        (None, None),
    ],
)
def test_csv_cell(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


_BAD = set(range(0x00, 0x09)) | set(range(0x0B, 0x20)) | set(range(0x7F, 0xA0)) | {0x202E, 0x2066, 0xD800}


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x2100)))
def test_clean_leaves_no_controls(text: str) -> None:
    out = clean(text)
    assert not any(ord(ch) in _BAD for ch in out)
    assert "\n" not in out and "\x1b" not in out
    assert not has_controls(out)
    assert clean(out) == out  # idempotent
