"""Loaded variants: different names for one referent used by different outlets (Kiev/Kyiv, pro-life/anti-abortion)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from quotetrace.framing.tokens import word_matches
from quotetrace.text.data import read_json


@dataclass(frozen=True)
class Variant:
    """One referent named differently across outlets: which outlets used which form, and how it was printed."""

    id: str
    referent: str
    topic: str
    forms: dict[str, list[str]]  # form -> outlets using it
    printed: dict[str, dict[str, int]]  # outlet -> {text as printed: count}
    notes: dict[str, str] = field(default_factory=dict)  # form -> what the choice signals
    preferred: dict[str, str] = field(default_factory=dict)  # outlet -> the form it uses most

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the variant."""
        return {
            "id": self.id,
            "referent": self.referent,
            "topic": self.topic,
            "forms": {f: list(o) for f, o in self.forms.items()},
            "printed": {o: dict(p) for o, p in self.printed.items()},
            "notes": dict(self.notes),
            "preferred": dict(self.preferred),
        }


@dataclass(frozen=True)
class _Form:
    form: str
    note: str
    source: str
    flags: int

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile(self.source, self.flags)

    @property
    def anchor(self) -> str:
        """Lowercase leading letters every match starts with ("kiev"), or "" when the pattern has none."""
        return _anchor(self.source)


@lru_cache(maxsize=512)
def _compile(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


def _top_level_alternatives(pattern: str) -> list[str]:
    """``a|b(?:c|d)`` -> ``["a", "b(?:c|d)"]``: split on the bars outside any group or class."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


@lru_cache(maxsize=512)
def _anchor(source: str) -> str:
    """The lowercase letters every match of a form's pattern starts with, or "" when not sure."""
    suffix = r")(?![\w-])"
    if not (source.startswith("(?:") and source.endswith(suffix)):
        return ""
    heads = []
    for alt in _top_level_alternatives(source[3 : -len(suffix)]):
        m = re.match(r"[A-Za-z]{4,}", alt)
        if m is None or (m.end() < len(alt) and alt[m.end()] in "?*{"):
            return ""
        heads.append(m.group().lower())
    return heads[0] if heads and all(h.startswith(heads[0][:4]) for h in heads) and len(set(heads)) == 1 else ""


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
                # no leading look-behind: it would defeat the regex engine's literal-prefix scan (~15x slower);
                # the character before a match is checked in word_matches instead. Compiled on first use.
                r"(?:" + "|".join(f["patterns"]) + r")(?![\w-])",
                flags,
            )
            for f in raw["forms"]
        )
        entries.append(_Entry(raw["id"], raw["referent"], raw.get("topic", ""), forms))
    return tuple(entries)


def loaded_variants(texts_by_outlet: Mapping[str, str | Sequence[str]]) -> list[Variant]:
    """Referents that at least two outlets name with different forms, from the bundled table of known pairs.

    ``texts_by_outlet`` maps an outlet to its text (or list of texts). A referent is reported only when
    two outlets differ in the forms they use (Kiev in one, Kyiv in another; or both forms in one and
    only one in another) — never when every outlet uses the same form or forms. ``preferred`` gives
    each outlet's most used form. Results follow the table's order.
    """
    if len(texts_by_outlet) < 2:  # a contrast needs two outlets (see _contrasted): nothing to scan
        return []
    texts = {outlet: text if isinstance(text, str) else "\n".join(text) for outlet, text in texts_by_outlet.items()}
    lowered = {outlet: text.lower() for outlet, text in texts.items()}
    found: list[Variant] = []
    for entry in _table():
        uses: dict[str, set[str]] = {}  # outlet -> forms
        printed: dict[str, dict[str, int]] = {}
        tallies: dict[str, dict[str, int]] = {}  # outlet -> {form: count}
        for outlet, text in texts.items():
            for form in entry.forms:
                if form.anchor and form.anchor not in lowered[outlet]:
                    continue  # the form's leading letters are not in the text: no need to compile or scan
                for m in word_matches(form.pattern, text):
                    uses.setdefault(outlet, set()).add(form.form)
                    seen = printed.setdefault(outlet, {})
                    seen[m.group()] = seen.get(m.group(), 0) + 1
                    tally = tallies.setdefault(outlet, {})
                    tally[form.form] = tally.get(form.form, 0) + 1
        if not _contrasted(uses):
            continue
        forms = {
            f.form: sorted(o for o, fs in uses.items() if f.form in fs)
            for f in entry.forms
            if any(f.form in fs for fs in uses.values())
        }
        notes = {f.form: f.note for f in entry.forms if f.form in forms and f.note}
        preferred = {o: max(t, key=lambda f: (t[f], -list(forms).index(f))) for o, t in sorted(tallies.items())}
        found.append(
            Variant(entry.id, entry.referent, entry.topic, forms, dict(sorted(printed.items())), notes, preferred)
        )
    return found


def _contrasted(uses: dict[str, set[str]]) -> bool:
    """True when two outlets differ in the forms they use (not when every outlet uses the same ones)."""
    profiles = {frozenset(fs) for fs in uses.values()}
    return len(uses) >= 2 and len(profiles) >= 2 and len(set().union(*uses.values())) >= 2
