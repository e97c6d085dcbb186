"""Compatibility names for :mod:`quotetrace.people` (person identity lives there, in one place).

Nothing in the package or its tests imports this module any more; only ``bench/realweb_eval.py`` still does.
Delete it once that script imports from :mod:`quotetrace.people`.
"""

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
