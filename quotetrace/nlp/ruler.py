"""The pipeline's attribute ruler matched through an index of token hashes: spaCy's own matches, found faster.

spaCy's ``attribute_ruler`` runs a general ``Matcher`` over every token for each of its ~180 patterns (tag-map
entries and exceptions such as "gonna" → "go"); on news that was a tenth of the ingest's time. Its patterns are
fixed-length and test only a few attributes with exact values, ``IN``, ``NOT_IN`` and ``REGEX``. Here each
pattern is filed under the value its first token must have, the Doc's attributes are read once as arrays of
hashes, and only the patterns filed under a token's own values are tried there. The result is the ruler's match
list, in its order; spaCy's ``set_annotations`` applies it unchanged. A pattern this does not understand (an
operator, another attribute or predicate) leaves the ruler as spaCy made it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Attribute name → (spaCy attribute id, whether its values are strings).
_COLUMNS: dict[str, tuple[int, bool]] = {
    "LOWER": (LOWER, True),
    "TAG": (TAG, True),
    "DEP": (DEP, True),
    "IS_SPACE": (IS_SPACE, False),
}
_ORDER = ("LOWER", "TAG", "DEP", "IS_SPACE")  # column order in the array read from a Doc
_INDEXABLE = ("LOWER", "TAG", "DEP")  # a first-token test on one of these files the pattern under its values

# One test on one token: (column, kind, operand); kind is "in", "not_in", "regex" or "eq" (a boolean flag).
_Test = tuple[int, str, Any]


class Unsupported(ValueError):
    """A pattern outside what the index reads: the ruler is left to spaCy's matcher."""


def _compile_token(spec: dict[str, Any], strings: Any) -> list[_Test]:
    tests: list[_Test] = []
    for name, value in spec.items():
        if name not in _COLUMNS:
            raise Unsupported(name)
        col = _ORDER.index(name)
        _attr, is_string = _COLUMNS[name]
        if not is_string:
            if not isinstance(value, bool):
                raise Unsupported(f"{name}={value!r}")
            tests.append((col, "eq", int(value)))
        elif isinstance(value, str):
            tests.append((col, "in", frozenset({strings.add(value)})))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                tests.append((col, op.lower(), frozenset(strings.add(a) for a in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((col, "regex", re.compile(arg)))
            else:
                raise Unsupported(f"{name} {op}")
        else:
            raise Unsupported(f"{name}={value!r}")
    return tests


class IndexedRuler:
    """The match step of one ``AttributeRuler``, from its patterns; call it with a Doc."""

    def __init__(self, patterns: list[dict[str, Any]], strings: Any) -> None:
        self.strings = strings
        # (attr_id, match_id, tests per token); attr_id is the pattern entry's position, as the ruler numbers them.
        self.patterns: list[tuple[int, int, list[list[_Test]]]] = []
        self.by_value: list[dict[int, list[int]]] = [{} for _ in _ORDER]  # column → hash → pattern numbers
        self.scan: list[int] = []  # patterns with no indexable first-token value: filed per Doc
        # Columns tested → their values → the (attr_id, match_id) of the one-token patterns that match there.
        self.settled: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        for attr_id, entry in enumerate(patterns):
            match_id = strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                if not pattern or not all(isinstance(t, dict) for t in pattern):
                    raise Unsupported(repr(pattern))
                tests = [_compile_token(t, strings) for t in pattern]
                number = len(self.patterns)
                self.patterns.append((attr_id, match_id, tests))
                if len(tests) == 1 and tests[0] and all(t[1] == "in" for t in tests[0]):
                    # One token, exact values only (the tag map, most exceptions): a match wherever the token
                    # has those values, found by one lookup with nothing left to try.
                    cols = tuple(sorted(t[0] for t in tests[0]))
                    operands = [next(t[2] for t in tests[0] if t[0] == c) for c in cols]
                    table = self.settled.setdefault(cols, {})
                    for values in itertools.product(*operands):
                        table.setdefault(values, []).append((attr_id, match_id))
                    continue
                key = next((t for t in tests[0] if t[1] == "in" and _ORDER[t[0]] in _INDEXABLE), None)
                if key is None:
                    self.scan.append(number)
                    continue
                for h in key[2]:
                    self.by_value[key[0]].setdefault(h, []).append(number)
        self._regex_cache: dict[tuple[int, int], bool] = {}

    def _holds(self, test: _Test, value: int) -> bool:
        _col, kind, operand = test
        if kind == "in":
            return value in operand
        if kind == "not_in":
            return value not in operand
        if kind == "eq":
            return bool(value == operand)
        key = (id(operand), value)  # regex, searched in the attribute's text as spaCy's matcher does
        hit = self._regex_cache.get(key)
        if hit is None:
            hit = self._regex_cache[key] = operand.search(self.strings[value] if value else "") is not None
        return hit

    def _passes(self, tests: list[_Test], row: list[int]) -> bool:
        return all(self._holds(t, row[t[0]]) for t in tests)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` for every match, sorted as ``AttributeRuler.match`` sorts them."""
        n = len(doc)
        if n == 0:
            return []
        arr = doc.to_array([_COLUMNS[name][0] for name in _ORDER]).tolist()
        found: set[tuple[int, int, int, int]] = set()
        indexed = [(col, self.by_value[col]) for col in range(len(_ORDER)) if self.by_value[col]]
        if self.scan:  # file the rest under the values of this Doc that pass their first test
            extra: dict[int, dict[int, list[int]]] = {}
            for number in self.scan:
                first = self.patterns[number][2][0][0]
                col = first[0]
                for value in {row[col] for row in arr}:
                    if self._holds(first, value):
                        extra.setdefault(col, {}).setdefault(value, []).append(number)
            indexed += extra.items()
        settled = list(self.settled.items())
        for i in range(n):
            row = arr[i]
            for cols, values in settled:
                got = values.get(tuple([row[c] for c in cols]))
                if got is not None:
                    for attr_id, match_id in got:
                        found.add((attr_id, match_id, i, i + 1))
            for col, table in indexed:
                hit = table.get(row[col])
                if hit is not None:
                    for number in hit:
                        self._try(number, arr, i, n, found)
        return sorted(found)

    def _try(self, number: int, arr: list[list[int]], i: int, n: int, found: set[tuple[int, int, int, int]]) -> None:
        attr_id, match_id, tests = self.patterns[number]
        end = i + len(tests)
        if end <= n and all(self._passes(t, arr[i + k]) for k, t in enumerate(tests)):
            found.add((attr_id, match_id, i, end))


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Have the pipeline's attribute ruler find its matches through :class:`IndexedRuler`.

    Returns whether it did: a pipeline without that component, or with a pattern the index does not read, keeps
    spaCy's matcher.
    """
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        indexed = IndexedRuler(list(ruler.patterns), nlp.vocab.strings)
    except Unsupported:
        return False
    ruler.match = indexed  # type: ignore[method-assign,assignment]
    return True
