"""Compatibility names for :mod:`quotetrace.people` (person identity lives there, in one place)."""

from __future__ import annotations

from quotetrace.people import (
    NICKNAMES,
    NameIndex,
    ParsedName,
    compatible,
    fold,
    fullness,
    name_key,
    parse_name,
    same_given,
    same_person,
    surname_key,
)

__all__ = [
    "NICKNAMES",
    "NameIndex",
    "ParsedName",
    "compatible",
    "fold",
    "fullness",
    "name_key",
    "parse_name",
    "same_given",
    "same_person",
    "surname_key",
]
