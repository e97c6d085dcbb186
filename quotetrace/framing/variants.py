"""Loaded variants: different names for one referent used by different outlets (Kiev/Kyiv, pro-life/anti-abortion)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from quotetrace.framing._data import read_json


@dataclass(frozen=True)
class Variant:
    """One referent named differently across outlets: which outlets used which form, and how it was printed."""

    id: str
    referent: str
    topic: str
    forms: dict[str, list[str]]  # form -> outlets using it
    printed: dict[str, dict[str, int]]  # outlet -> {text as printed: count}
    notes: dict[str, str] = field(default_factory=dict)  # form -> what the choice signals

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the variant."""
        return {
            "id": self.id,
            "referent": self.referent,
            "topic": self.topic,
            "forms": {f: list(o) for f, o in self.forms.items()},
            "printed": {o: dict(p) for o, p in self.printed.items()},
            "notes": dict(self.notes),
        }


@dataclass(frozen=True)
class _Form:
    form: str
    note: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Entry:
    id: str
    referent: str
    topic: str
    forms: tuple[_Form, ...]


@lru_cache(maxsize=1)
def _table() -> tuple[_Entry, ...]:
    entries: list[_Entry] = []
    for raw in read_json("framing_loaded_variants.json")["variants"]:
        flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
        forms = tuple(
            _Form(
                f["form"],
                f.get("note", ""),
                re.compile(r"(?<![\w-])(?:" + "|".join(f["patterns"]) + r")(?![\w-])", flags),
            )
            for f in raw["forms"]
        )
        entries.append(_Entry(raw["id"], raw["referent"], raw.get("topic", ""), forms))
    return tuple(entries)


def loaded_variants(texts_by_outlet: Mapping[str, str | Sequence[str]]) -> list[Variant]:
    """Referents that at least two outlets name with different forms, from the bundled table of known pairs.

    ``texts_by_outlet`` maps an outlet to its text (or list of texts). A pair is reported only when
    some outlet uses one form and another outlet a different one; an outlet using both forms counts
    for both. Results follow the table's order.
    """
    texts = {outlet: text if isinstance(text, str) else "\n".join(text) for outlet, text in texts_by_outlet.items()}
    found: list[Variant] = []
    for entry in _table():
        uses: dict[str, set[str]] = {}  # outlet -> forms
        printed: dict[str, dict[str, int]] = {}
        for outlet, text in texts.items():
            for form in entry.forms:
                for m in form.pattern.finditer(text):
                    uses.setdefault(outlet, set()).add(form.form)
                    seen = printed.setdefault(outlet, {})
                    seen[m.group()] = seen.get(m.group(), 0) + 1
        if not _contrasted(uses):
            continue
        forms = {
            f.form: sorted(o for o, fs in uses.items() if f.form in fs)
            for f in entry.forms
            if any(f.form in fs for fs in uses.values())
        }
        notes = {f.form: f.note for f in entry.forms if f.form in forms and f.note}
        found.append(Variant(entry.id, entry.referent, entry.topic, forms, dict(sorted(printed.items())), notes))
    return found


def _contrasted(uses: dict[str, set[str]]) -> bool:
    """True when two different outlets use two different forms."""
    pairs = [(o, f) for o, fs in uses.items() for f in fs]
    return any(o1 != o2 and f1 != f2 for o1, f1 in pairs for o2, f2 in pairs)
