"""Load the hand-annotated BASIL gold (clusters, framing, paraphrase pairs), filling texts from the shared corpus."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import GOLD, shared_dir, skip

CLUSTERS_FILE = GOLD / "basil_clusters.json"
FRAMING_FILE = GOLD / "basil_framing.json"
PARAPHRASES_FILE = GOLD / "basil_paraphrases.json"
# The gold comes in three splits: "tune" (the first 13 events, which the rules were tuned on), "heldout"
# (12 events drawn at random and annotated before any rule change; see README.md; never tune on it) and
# "tune2" (10 more events annotated for issue 12 before its rule changes; clusters only, no framing or pair file).
SPLIT_FILES: dict[str, tuple[Path, Path | None, Path | None]] = {
    "tune": (CLUSTERS_FILE, FRAMING_FILE, PARAPHRASES_FILE),
    "heldout": (
        GOLD / "basil_clusters_heldout.json",
        GOLD / "basil_framing_heldout.json",
        GOLD / "basil_paraphrases_heldout.json",
    ),
    "tune2": (GOLD / "basil_clusters_tune2.json", None, None),
}
SPLITS = ("tune", "heldout", "tune2")
SPLIT_CHOICES = ("tune", "heldout", "tune2", "all")
ARTICLES = Path("eval") / "basil" / "articles.jsonl"

DOUBLE_MARKS = '"“”'
ALL_MARKS = "\"“”‘’'"
CLOSING_GAP = set(" \t,;:") | set(ALL_MARKS)
FIDELITY = {"full", "fragment", "altered"}
# Quoted spans whose opening mark the publisher left out; annotated by the closing mark / the quotation they continue.
KNOWN_UNOPENED = {
    ("2019_c9e4d35f/fox", 2969),  # Giuliani: closing mark printed, opening mark missing
    ("2019_c9e4d35f/fox", 3289),  # Mittenthal: continuation paragraph printed without its opening mark
    ("2012_b4dbeda7/hpo", 632),  # Politico excerpt: middle paragraph of a quotation opened once and closed once
    ("2012_b4dbeda7/hpo", 701),  # Politico excerpt: last paragraph, closing mark only
    ("2019_e71d149d/hpo", 1601),  # Warner: continuation paragraph printed without its opening mark
    ("2010_6b541575/hpo", 1401),  # Big Government excerpt: middle paragraph of a quotation opened once and closed once
    ("2010_6b541575/hpo", 1708),  # Big Government excerpt: last paragraph, closing mark only
    ("2010_6b541575/hpo", 2326),  # Mediaite excerpt: middle paragraph, no marks of its own
    ("2010_6b541575/hpo", 2611),  # Mediaite excerpt: last paragraph, closing mark only
}
CUE_CLASSES = {"neutral", "endorsing", "doubting", "conceding", "combative", "emotive", None}


def load_articles(shared: Path) -> dict[str, str]:
    """Article id ("<event>/<outlet>") -> text."""
    out: dict[str, str] = {}
    with open(shared / ARTICLES, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                art = json.loads(line)
                out[art["id"]] = art["text"]
    return out


def count_words(text: str) -> int:
    """Words as runs of letters/digits, keeping internal apostrophes, periods and hyphens."""
    return len(re.findall(r"[A-Za-z0-9$%]+(?:['’.\-][A-Za-z0-9]+)*", text))


def _read(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
        return data


def split_names(split: str) -> tuple[str, ...]:
    """A split name (tune, heldout, tune2 or all) -> the splits it stands for."""
    if split == "all":
        return SPLITS
    if split not in SPLIT_FILES:
        raise ValueError(f"unknown split {split!r} (choose from {', '.join(SPLIT_CHOICES)})")
    return (split,)


def _merged(kind: int, split: str) -> Any:
    """The raw gold of one kind (0 clusters, 1 framing, 2 paraphrases) for a split, splits merged for "all"."""
    files = [SPLIT_FILES[name][kind] for name in split_names(split)]
    parts = [_read(f) for f in files if f is not None]  # a split may have clusters only (tune2)
    if kind == 1:
        merged: dict[str, Any] = {}
        for part in parts:
            merged.update(part)
        return merged
    key = "events" if kind == 0 else "pairs"
    return {key: [item for part in parts for item in part[key]]}


def load_clusters(shared: Path, split: str = "tune") -> dict[str, Any]:
    """The eval_clusters.py gold with every mention's "text" filled and "n_words" recomputed."""
    arts = load_articles(shared)
    gold: dict[str, Any] = _merged(0, split)
    for ev in gold["events"]:
        for cl in ev["clusters"]:
            for m in cl["mentions"]:
                text = arts[f"{ev['event_id']}/{m['outlet']}"][m["char_start"] : m["char_end"]]
                m["text"] = text
                m["n_words"] = count_words(text)
    return gold


def load_framing(shared: Path, split: str = "tune") -> dict[str, dict[str, Any]]:
    """Framing gold keyed "<event>/<outlet>:<start>-<end>", each entry with the mention "text" added."""
    arts = load_articles(shared)
    framing: dict[str, dict[str, Any]] = _merged(1, split)
    for key, val in framing.items():
        art_id, span = key.rsplit(":", 1)
        start, end = (int(x) for x in span.split("-"))
        val["text"] = arts[art_id][start:end]
    return framing


def load_paraphrases(shared: Path, split: str = "tune") -> dict[str, Any]:
    """Paraphrase pairs with "text" filled on both sides."""
    arts = load_articles(shared)
    data: dict[str, Any] = _merged(2, split)
    for pair in data["pairs"]:
        for side in ("a", "b"):
            s = pair[side]
            s["text"] = arts[f"{pair['event_id']}/{s['outlet']}"][s["char_start"] : s["char_end"]]
    return data


def split_events(split: str) -> set[str]:
    """Event ids of a split (no article text needed)."""
    return {ev["event_id"] for ev in _merged(0, split)["events"]}


# ----------------------------------------------------------------------------- validation
def _is_mark(text: str, i: int) -> bool:
    """A quotation mark (not an apostrophe): any double mark, ‘, or a single mark opening a quotation."""
    ch = text[i]
    if ch in DOUBLE_MARKS or ch == "‘":
        return True
    if ch in "'’":
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        return not prev.isalnum() and prev not in ".,!?" and nxt.isalnum()
    return False


def _boundary_ok(text: str, s: int, e: int) -> bool:
    left = s == 0 or not (text[s - 1].isalnum() and text[s].isalnum())
    right = e == len(text) or not (text[e - 1].isalnum() and text[e].isalnum())
    return left and right


def _consumes(text: str, mark: int, s: int, e: int) -> bool:
    """Is the mark at `mark` the opening or closing mark of span [s, e)?"""
    if mark < s:
        gap = text[mark + 1 : s]
        return all(c.isspace() or c in ALL_MARKS for c in gap)
    if mark >= e:
        gap = text[e:mark]
        return all(c in CLOSING_GAP for c in gap)
    return False


def check(shared: Path, split: str = "all") -> list[str]:
    """Every problem in the gold files of a split (empty list = valid); "all" also checks the splits are disjoint."""
    errs: list[str] = []
    names = split_names(split)
    for name in names:
        errs.extend(f"[{name}] {err}" for err in _check_split(shared, name))
    if len(names) > 1:
        seen: dict[str, str] = {}
        for name in names:
            for eid in split_events(name):
                if eid in seen:
                    errs.append(f"event {eid} is in both {seen[eid]} and {name}")
                seen[eid] = name
    return errs


def _check_split(shared: Path, split: str) -> list[str]:
    """Every problem found in one split's three files."""
    errs: list[str] = []
    arts = load_articles(shared)
    clusters_file, framing_file, paraphrases_file = SPLIT_FILES[split]
    assert clusters_file is not None
    raw = _read(clusters_file)
    spans_by_art: dict[str, list[tuple[int, int]]] = {}
    speech_keys: set[str] = set()
    for ev in raw["events"]:
        eid = ev["event_id"]
        for cl in ev["clusters"]:
            where = f"{eid}:{cl['id']}"
            outlets = {m["outlet"] for m in cl["mentions"]}
            if cl["cross_outlet"] != (len(outlets) >= 2):
                errs.append(f"{where}: cross_outlet should be {len(outlets) >= 2}")
            if not cl["mentions"]:
                errs.append(f"{where}: empty cluster")
            for m in cl["mentions"]:
                aid = f"{eid}/{m['outlet']}"
                text = arts.get(aid)
                s, e = m["char_start"], m["char_end"]
                tag = f"{where} {aid}:{s}-{e}"
                if text is None:
                    errs.append(f"{tag}: no such article")
                    continue
                if m.get("text") is not None:
                    errs.append(f"{tag}: committed text must be null")
                if not 0 <= s < e <= len(text):
                    errs.append(f"{tag}: offsets out of range")
                    continue
                span = text[s:e]
                if span[0] in ALL_MARKS or span[-1] in ALL_MARKS or span != span.strip():
                    errs.append(f"{tag}: quotation mark or space at an edge: {span[:20]!r}...{span[-20:]!r}")
                if not _boundary_ok(text, s, e):
                    errs.append(f"{tag}: not on word boundaries")
                if "\n" in span:
                    errs.append(f"{tag}: mention crosses a paragraph break")
                if m["in_headline"] != (e <= text.find("\n")):
                    errs.append(f"{tag}: in_headline wrong")
                if m["n_words"] != count_words(span):
                    errs.append(f"{tag}: n_words {m['n_words']} != {count_words(span)}")
                spans_by_art.setdefault(aid, []).append((s, e))
                if not cl["not_speech"]:
                    speech_keys.add(f"{aid}:{s}-{e}")
    # nesting flags, overlaps, and coverage of every quotation mark in the chosen articles
    for ev in raw["events"]:
        for cl in ev["clusters"]:
            for m in cl["mentions"]:
                aid = f"{ev['event_id']}/{m['outlet']}"
                s, e = m["char_start"], m["char_end"]
                inside = any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans_by_art.get(aid, []))
                if m["nested_in_cluster"] != inside:
                    errs.append(f"{aid}:{s}-{e}: nested_in_cluster should be {inside}")
    chosen = {f"{ev['event_id']}/{o}" for ev in raw["events"] for o in ("fox", "nyt", "hpo")}
    for aid in sorted(chosen):
        text = arts[aid]
        spans = sorted(spans_by_art.get(aid, []))
        if len(spans) != len(set(spans)):
            errs.append(f"{aid}: a span is annotated twice")
        for i, (a, b) in enumerate(spans):
            for c, d in spans[i + 1 :]:
                if c < b and not (c >= a and d <= b):
                    errs.append(f"{aid}: spans {a}-{b} and {c}-{d} overlap without nesting")
        for i in range(len(text)):
            if _is_mark(text, i) and not any(_consumes(text, i, a, b) for a, b in spans):
                errs.append(f"{aid}: quotation mark at {i} not covered: {text[max(0, i - 30) : i + 30]!r}")
        for a, b in spans:
            before = text[:a].rstrip(" ")
            opened = bool(before) and (_is_mark(text, len(before) - 1) or before[-1] in ALL_MARKS)
            if not opened and (aid, a) not in KNOWN_UNOPENED:
                errs.append(f"{aid}:{a}-{b}: no opening mark before the span")
            rest = text[b:]
            gap = len(rest) - len(rest.lstrip("".join(CLOSING_GAP)))
            closed = any(c in ALL_MARKS for c in rest[:gap])
            if not closed and not (rest[:gap].strip(" ,;:") == "" and (not rest[gap:] or rest[gap] == "\n")):
                errs.append(f"{aid}:{a}-{b}: no closing mark (and not a paragraph-final continuation)")
    if framing_file is None or paraphrases_file is None:  # a clusters-only split (tune2)
        return errs
    # framing
    framing = _read(framing_file)
    if set(framing) != speech_keys:
        errs.append(
            f"framing keys differ from speech mentions: missing {sorted(speech_keys - set(framing))[:5]}, "
            f"extra {sorted(set(framing) - speech_keys)[:5]}"
        )
    for key, val in framing.items():
        if val.get("fidelity") not in FIDELITY:
            errs.append(f"{key}: bad fidelity {val.get('fidelity')}")
        if val.get("cue_class") not in CUE_CLASSES or (val.get("cue") is None) != (val.get("cue_class") is None):
            errs.append(f"{key}: bad cue/cue_class {val.get('cue')}/{val.get('cue_class')}")
        if not isinstance(val.get("hedges"), list) or not val.get("speaker"):
            errs.append(f"{key}: hedges must be a list and speaker set")
    # paraphrase pairs
    pairs = _read(paraphrases_file)["pairs"]
    events = {ev["event_id"] for ev in raw["events"]}
    for k, pair in enumerate(pairs):
        if pair["event_id"] not in events:
            errs.append(f"pair {k}: event {pair['event_id']} is not annotated in this split")
        if pair["a"]["outlet"] == pair["b"]["outlet"]:
            errs.append(f"pair {k}: both sides from the same outlet")
        for side in ("a", "b"):
            sd = pair[side]
            text = arts.get(f"{pair['event_id']}/{sd['outlet']}", "")
            s, e = sd["char_start"], sd["char_end"]
            if not 0 <= s < e <= len(text) or not _boundary_ok(text, s, e) or "text" in sd:
                errs.append(f"pair {k} side {side}: bad span {s}-{e}")
    pos = sum(bool(p["same_statement"]) for p in pairs)
    if len(pairs) < 48 or pos > len(pairs) - pos:
        errs.append(f"pairs: need >= 48 with at least half negatives (have {len(pairs)}, {pos} positive)")
    return errs


def summary(gold: dict[str, Any], pairs: dict[str, Any]) -> str:
    """One line of counts."""
    cls = [c for ev in gold["events"] for c in ev["clusters"]]
    speech = [c for c in cls if not c["not_speech"]]
    return (
        f"events={len(gold['events'])} clusters={len(cls)} (speech {len(speech)}, "
        f"cross-outlet speech {sum(c['cross_outlet'] for c in speech)}) "
        f"mentions={sum(len(c['mentions']) for c in cls)} (speech {sum(len(c['mentions']) for c in speech)}) "
        f"pairs={len(pairs['pairs'])} (same_statement {sum(p['same_statement'] for p in pairs['pairs'])})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="validate offsets, coverage and the framing/pair files")
    ap.add_argument("--write-filled", metavar="PATH", help="write the filled cluster gold to PATH ('-': a temp file)")
    ap.add_argument(
        "--split",
        choices=SPLIT_CHOICES,
        default="all",
        help="tune (the 13 events rules were tuned on), heldout (12 events nobody tuned on), tune2 (10 more "
        "tuning events, clusters only) or all (default)",
    )
    args = ap.parse_args(argv)
    shared = shared_dir()
    if not (shared / ARTICLES).is_file():
        return skip(f"BASIL articles not found at {shared / ARTICLES}")
    for name in split_names(args.split):
        print(f"{name}: {summary(load_clusters(shared, name), load_paraphrases(shared, name))}")
    gold = load_clusters(shared, args.split)
    if args.write_filled:
        if args.write_filled == "-":
            fd, name = tempfile.mkstemp(prefix="basil_gold_", suffix=".json")
            os.close(fd)
        else:
            name = args.write_filled
        with open(name, "w", encoding="utf-8") as fh:
            json.dump(gold, fh, ensure_ascii=False)
        print(name)
    if args.check:
        errs = check(shared, args.split)
        for err in errs:
            print(err, file=sys.stderr)
        print("check: OK" if not errs else f"check: {len(errs)} problem(s)")
        return 1 if errs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
