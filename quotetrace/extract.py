"""Extraction: Articles in, Mentions out — choosing what to parse, running spaCy, mapping offsets back."""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from quotetrace.models import PIECE_SEPARATOR, Article, Mention
from quotetrace.nlp.credit_lines import is_credit_line
from quotetrace.nlp.marks import ALL_MARKS, iter_marks, paragraphs
from quotetrace.speakers import full_names
from quotetrace.text.lexicon import SPEECH_NOUNS
from quotetrace.text.names import name_form
from quotetrace.text.sentences import FIRM_ENDS, sentence_around, sentence_start, sure_ends
from quotetrace.text.verbs import speech_forms

SEPARATOR = "\n\n"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class View:
    """The parts of an article handed to spaCy, with the offset map back to the article text."""

    text: str
    doc_starts: tuple[int, ...]
    art_starts: tuple[int, ...]
    art_paragraph: tuple[int, ...]  # article paragraph index of each piece

    def to_article(self, offset: int) -> int:
        i = bisect.bisect_right(self.doc_starts, offset) - 1
        return self.art_starts[max(i, 0)] + offset - self.doc_starts[max(i, 0)]

    def paragraph_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.doc_starts, offset) - 1
        return self.art_paragraph[max(i, 0)]


_SPEECH_FORMS: dict[bool, frozenset[str]] = {}
_WORD = re.compile(r"[A-Za-z]+")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his|their|them)\b", re.IGNORECASE)


def _speech_hits(forms: frozenset[str], chunk: str) -> Iterator[int]:
    """Where the reporting-verb forms in lower case (a capitalised "Post" or "State" mid-sentence is a name), and
    "according to" a source, start in ``chunk``. One set lookup per word (a regex alternation of several hundred
    forms costs a hundred times more)."""
    for m in _WORD.finditer(chunk):
        word = m.group(0)
        if word in forms:
            if word != "according" or _names_a_source(chunk, m.end()):
                yield m.start()
        elif word == "According" and _names_a_source(chunk, m.end()):
            yield m.start()


# A noun of saying after its owner's possessive: "Trump's statement that …", "his promise to …".
_OWNED_NOUN = re.compile(
    r"(?:['’]s?|\b(?:his|her|their))\s+(?:[a-z-]+\s+){0,2}(?:"
    + "|".join(sorted(SPEECH_NOUNS, key=len, reverse=True))
    + r")s?\b"
)


def _hits(forms: frozenset[str], chunk: str) -> Iterator[int]:
    """Where a sentence of ``chunk`` may report speech: a reporting verb's form, "according to", or a noun of saying
    after a possessive (see :data:`_OWNED_NOUN`)."""
    yield from _speech_hits(forms, chunk)
    if "'" in chunk or "’" in chunk or " h" in chunk or " t" in chunk:
        for m in _OWNED_NOUN.finditer(chunk):
            yield m.start()


def _names_a_source(chunk: str, end: int) -> bool:
    """ "according to" followed by a source: a person, a body or a document ("according to officials", "according
    to a poll of 400 voters", "according to the results") — not an idiom of manner ("according to plan")."""
    words = chunk[end : end + 40].split()
    if len(words) < 2 or words[0].lower() != "to":
        return False
    return words[1].strip(",.;:’'\"”()").lower() not in _NOT_SOURCES


# "according to plan", "according to schedule": what follows "according to" in these is a standard, not a source.
_NOT_SOURCES = frozenset(["plan", "schedule", "script", "need", "needs"])


def _needs_antecedent(chunk: str, at: int) -> bool:
    """Whether the sentence words before a speech verb at ``at`` name nobody: a pronoun ("He said …") or no
    capitalised word after the sentence's first ("Officials said …", "According to him, …"). The paragraph
    before is then parsed too, for the name those words point back to."""
    before = chunk[sentence_start(chunk, at) : at]
    if _PRONOUN.search(before):
        return True
    return not any(w[:1].isupper() for w in before.split()[1:])


_LABEL = re.compile(r"^[A-Z][A-Z.'’\- ]{1,38}[A-Z.]\s*:")


_LEDE_WORDS = 15  # the first paragraph this long is the lede, which introduces the people quoted after it


Piece = tuple[int, int, int]  # (article paragraph index, start, end): a part of an article handed to spaCy


def _names_someone(sentence: str) -> bool:
    """A capitalised word after the sentence's first: a name (or a title, a place) a pronoun may point back to."""
    return any(w[:1].isupper() for w in sentence.split()[1:])


def _antecedent(text: str, paras: list[tuple[int, int]], i: int, before: int, context: int) -> list[Piece]:
    """What to parse before offset ``before`` of paragraph ``i`` for the name its pronoun or role noun points back
    to: back to the nearest sentence that names someone, in this paragraph or up to ``context`` paragraphs
    before it (the whole paragraph when none of its sentences does)."""
    out: list[Piece] = []
    for p in range(i, max(-1, i - context - 1), -1):
        ps, pe = paras[p]
        end = before if p == i else pe
        if end <= ps:
            continue
        chunk = text[ps:end]
        starts = [0, *(nxt for _, nxt in sure_ends(chunk))]
        for k in range(len(starts) - 1, -1, -1):
            stop = starts[k + 1] if k + 1 < len(starts) else len(chunk)
            if _names_someone(chunk[starts[k] : stop]):
                out.append((p, ps + starts[k], end))
                return out
        out.append((p, ps, end))
    return out


MAX_UNIT = 20_000  # a paragraph longer than this (a whole file on one line) is read in parts cut at sentence ends
DOC_CHARS = 100_000  # the most text handed to spaCy in one Doc: memory and time stay bounded (spaCy's E088 at 1M)


def _cut(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Where to cut the run ``text[lo:]`` at or before ``hi``: (end of this part, start of the next). At the last
    sure sentence end in the second half of the window, else at the last space, else at ``hi``."""
    last: tuple[int, int] | None = None
    for found in sure_ends(text, lo + (hi - lo) // 2, hi):
        last = found
    if last is not None:
        return last
    space = text.rfind(" ", lo + (hi - lo) // 2, hi)
    if space > lo:
        return space, space + 1
    return hi, hi


def units(text: str, max_chars: int = MAX_UNIT) -> list[tuple[int, int, int]]:
    """The paragraphs of ``text`` as ``(paragraph index, start, end)``; a paragraph longer than ``max_chars``
    comes as several parts of the same index, so that nothing downstream ever scans a huge run per quote."""
    out: list[tuple[int, int, int]] = []
    for p, (s, e) in enumerate(paragraphs(text)):
        while e - s > max_chars:
            end, nxt = _cut(text, s, s + max_chars)
            out.append((p, s, end))
            s = nxt
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((p, s, e))
    return out


def select_pieces(text: str, *, indirect: bool = False, beliefs: bool = False, context: int = 1) -> list[Piece]:
    """The parts of an article worth parsing, in reading order.

    A paragraph with a quotation mark or a transcript label is parsed whole, together with the ``context``
    paragraphs before it, where the names that pronouns and role nouns point back to usually stand, and
    then the first two paragraphs and the lede (the headline and first sentences introduce the people).
    For reported speech, so is each sentence with a reporting verb (or a belief verb with ``beliefs``)
    in a paragraph without quotation marks; when the words before the verb name nobody ("He said …",
    "Officials said …") with the sentences before it and the ``context`` paragraphs: "Smith said …" needs
    none. Everything else is never handed to spaCy. A paragraph longer than :data:`MAX_UNIT` counts as
    several (see :func:`units`), so the work per article grows linearly with its length.
    """
    cut = units(text)
    paras = [(s, e) for _, s, e in cut]
    owner = [p for p, _, _ in cut]
    whole: set[int] = set()
    parts: dict[int, list[tuple[int, int]]] = {}
    forms = None
    if indirect:
        forms = _SPEECH_FORMS.get(beliefs)
        if forms is None:
            forms = _SPEECH_FORMS[beliefs] = speech_forms(beliefs=beliefs)
    for i, (s, e) in enumerate(paras):
        chunk = text[s:e]
        if next(iter_marks(chunk), None) is not None or _LABEL.match(chunk):
            whole.update(range(max(0, i - context), i + 1))
            continue
        if forms is None:
            continue
        for at in _hits(forms, chunk):
            a, b = sentence_around(chunk, at)
            if is_credit_line(chunk[a:b]):
                continue  # "(Reporting by …; Editing by …)": staff credits, not speech
            parts.setdefault(i, []).append((s + a, s + b))
            if _needs_antecedent(chunk, at):
                for p, pa, pb in _antecedent(text, paras, i, s + a, context):
                    if pa == paras[p][0] and pb == paras[p][1]:
                        whole.add(p)
                    else:
                        parts.setdefault(p, []).append((pa, pb))
    if whole or parts:
        whole.update(range(min(2, len(paras))))
        lede = next((i for i, (s, e) in enumerate(paras) if len(text[s:e].split()) >= _LEDE_WORDS), None)
        if lede is not None:  # past a dateline, a "2 min read" or a repeated headline
            whole.add(lede)
    pieces: list[Piece] = []
    for i in sorted(whole | parts.keys()):
        if i in whole:
            pieces.append((i, *paras[i]))
            continue
        for a, b in sorted(parts[i]):
            if pieces and pieces[-1][0] == i and a <= pieces[-1][2] + 1:  # overlapping or adjacent sentences
                pieces[-1] = (i, pieces[-1][1], max(b, pieces[-1][2]))
            else:
                pieces.append((i, a, b))
    return [(owner[i], a, b) for i, a, b in pieces]


def views_of(text: str, pieces: Sequence[Piece], max_chars: int = DOC_CHARS) -> list[View]:
    """The pieces as one View, or as several of at most ``max_chars`` each when an article is that long (each
    piece is at most :data:`MAX_UNIT`, so no View grows past ``max_chars`` + one piece)."""
    groups: list[list[Piece]] = [[]]
    size = 0
    for piece in pieces:
        n = piece[2] - piece[1] + len(SEPARATOR)
        if groups[-1] and size + n > max_chars:
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += n
    return [make_view(text, pieces=g) for g in groups]


def select_paragraphs(text: str, *, indirect: bool = False, beliefs: bool = False, context: int = 1) -> list[int]:
    """Indices of the paragraphs :func:`select_pieces` parses (whole or in part)."""
    return sorted({p for p, _, _ in select_pieces(text, indirect=indirect, beliefs=beliefs, context=context)})


def make_view(text: str, keep: Iterable[int] | None = None, *, pieces: Sequence[Piece] | None = None) -> View:
    """The text spaCy sees: the ``pieces`` (or the paragraphs ``keep``, or all) joined by paragraph breaks."""
    if pieces is None:
        paras = paragraphs(text)
        chosen = sorted(set(keep)) if keep is not None else list(range(len(paras)))
        pieces = [(i, *paras[i]) for i in chosen]
    parts: list[str] = []
    doc_starts: list[int] = []
    art_starts: list[int] = []
    pos = 0
    for _, s, e in pieces:
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        doc_starts.append(pos)
        art_starts.append(s)
        parts.append(text[s:e])
        pos += e - s
    return View("".join(parts), tuple(doc_starts), tuple(art_starts), tuple(p for p, _, _ in pieces))


def headline_index(article: Article) -> int | None:
    """The paragraph that is the headline: the one equal to the title, else a short unpunctuated first line."""
    paras = paragraphs(article.text)
    if not paras:
        return None
    first_lines = paras[:4]
    if article.title:
        want = _SPACES.sub(" ", article.title).strip().lower()
        for i, (s, e) in enumerate(first_lines):
            if _SPACES.sub(" ", article.text[s:e]).strip().lower() == want:
                return i
        return None
    s, e = paras[0]
    line = article.text[s:e]
    if len(paras) > 1 and len(line) < 160 and not line.rstrip().endswith((*FIRM_ENDS, ":")) and len(line.split()) >= 3:
        return 0
    return None


def _name(speaker: str | None) -> str | None:
    """A speaker name as the index keeps it (NFC, no invisible characters; the spans still index the text)."""
    return name_form(speaker) if speaker else speaker


def join_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """A mention's ``text``: its pieces joined with " … " where the article interrupted them ("X," he said, "Y"),
    with a space where only quotation marks stand between them (the quoted words inside a reported clause)."""
    parts: list[str] = []
    for k, (s, e) in enumerate(spans):
        if k:
            gap = text[spans[k - 1][1] : s]
            parts.append(" " if all(c.isspace() or c in ALL_MARKS for c in gap) else PIECE_SEPARATOR)
        parts.append(_SPACES.sub(" ", text[s:e]))
    return "".join(parts)


def mentions_from_records(article: Article, view: View, records: list[dict[str, Any]]) -> list[Mention]:
    return mentions_from_views(article, [(view, records)])


def mentions_from_views(article: Article, parsed: Sequence[tuple[View, list[dict[str, Any]]]]) -> list[Mention]:
    """The article's Mentions from the records of each View it was parsed as (one, or several when long)."""
    head = headline_index(article)
    out: list[Mention] = []
    lone = {
        r["speaker"]
        for _, records in parsed
        for r in records
        if r.get("speaker_kind") == "PERSON" and r["speaker"] and " " not in r["speaker"]
    }
    expand = full_names(article.text, lone) if lone else {}
    for view, r in ((v, r) for v, records in parsed for r in records):
        spans = tuple((view.to_article(s), view.to_article(s) + (e - s)) for s, e in r["spans"])
        para = view.paragraph_at(r["spans"][0][0])
        in_headline = head is not None and para == head
        body_para = None if in_headline else (para - (head + 1) if head is not None and para > head else para)

        def mp(span: Any, view: View = view) -> tuple[int, int] | None:
            if not span:
                return None
            s0 = view.to_article(span[0])
            return (s0, s0 + span[1] - span[0])

        out.append(
            Mention(
                article_id=article.id,
                text=join_spans(article.text, spans),
                spans=spans,
                kind=r["kind"],
                speaker=_name(expand.get(r["speaker"], r["speaker"])),
                speaker_mention=r["speaker_mention"],
                speaker_span=mp(r["speaker_span"]),
                cue=r["cue"],
                cue_span=mp(r["cue_span"]),
                cue_lemma=r["cue_lemma"],
                descriptor=r["descriptor"],
                paragraph=max(body_para, 0) if body_para is not None else None,
                in_headline=in_headline,
                attribution=r["rule"],
                speaker_via=r.get("speaker_via"),
                speaker_confidence=r.get("speaker_confidence"),
                quoted_spans=tuple(sp for sp in (mp(q) for q in r["quoted_spans"]) if sp is not None),
            )
        )
    return out


def has_candidates(text: str) -> bool:
    return next(iter_marks(text), None) is not None or bool(re.search(r"[A-Z]{2,}\s*:", text))


def extract_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    include_indirect: bool = False,
    include_beliefs: bool = False,
) -> Iterator[tuple[Article, list[Mention]]]:
    """Mentions for each article, in input order (spaCy runs only on the paragraphs that need it).

    ``include_indirect`` adds reported speech without quotation marks; ``include_beliefs`` also
    counts statements of belief or intention ("X thinks", "X wants") as reports. With ``n_process``
    above 1, forked workers run the whole extraction and send back only the mentions.
    """
    from quotetrace.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model, indirect=include_indirect, beliefs=include_beliefs)
    if n_process > 1 and _can_fork():
        yield from _extract_forked(nlp, articles, n_process, batch_size, (include_indirect, include_beliefs))
        return
    yield from _extract_local(nlp, articles, n_process, batch_size, (include_indirect, include_beliefs))


def _extract_local(
    nlp: Any, articles: Iterable[Article], n_process: int, batch_size: int, mode: tuple[bool, bool]
) -> Iterator[tuple[Article, list[Mention]]]:
    from quotetrace.nlp.pipeline import records_of

    pending: deque[tuple[Article, list[View]]] = deque()

    def feed(batch: Iterable[Article]) -> Iterator[tuple[str, int]]:
        for n, art in enumerate(batch):
            views = views_of(art.text, select_pieces(art.text, indirect=mode[0], beliefs=mode[1]))
            pending.append((art, views))
            for view in views:
                yield view.text, n

    parsed: list[tuple[View, list[dict[str, Any]]]] = []  # the Docs of the first pending article so far

    def run(texts: Iterable[tuple[str, int]], size: int) -> Iterator[tuple[Article, list[Mention]]]:
        for doc, _n in nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=size):
            art, views = pending[0]
            _report(art, doc)
            parsed.append((views[len(parsed)], records_of(doc)))
            if len(parsed) == len(views):
                pending.popleft()
                found = mentions_from_views(art, parsed)
                parsed.clear()
                yield art, found

    if n_process > 1:  # spaCy's own processes (no fork here): one stream
        yield from run(feed(articles), batch_size)
        return
    # spaCy holds a whole batch in memory at once: a batch is at most ``batch_size`` Docs and about DOC_CHARS of text
    texts: list[tuple[str, int]] = []
    size = 0
    for item in feed(articles):
        if texts and (len(texts) >= batch_size or size + len(item[0]) > DOC_CHARS):
            yield from run(texts, len(texts))
            texts, size = [], 0
        texts.append(item)
        size += len(item[0])
    if texts:
        yield from run(texts, len(texts))


def _report(article: Article, doc: Any) -> None:
    """Log (logger ``quotetrace``; the CLI prints it as a warning) a Doc whose quotations could not be found."""
    from quotetrace.nlp.pipeline import parse_error

    err = parse_error(doc)
    if err:
        import logging

        where = article.path or article.id
        logging.getLogger("quotetrace").warning("%s: quotations not read in part of the text (%s)", where, err)


# The pipeline handed to forked workers: set in the parent just before the fork, so each worker
# shares the loaded model copy-on-write instead of unpickling or reloading it.
_WORKER_NLP: Any = None


def _can_fork() -> bool:
    import multiprocessing
    import sys

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it terminates the pool


def _extract_chunk(chunk: list[Article], batch_size: int, mode: tuple[bool, bool]) -> list[list[Mention]]:
    from quotetrace.nlp.pipeline import records_of

    views = [views_of(a.text, select_pieces(a.text, indirect=mode[0], beliefs=mode[1])) for a in chunk]
    docs = iter(_WORKER_NLP.pipe((v.text for vs in views for v in vs), batch_size=batch_size))
    out: list[list[Mention]] = []
    for a, vs in zip(chunk, views, strict=True):
        parsed = []
        for v in vs:
            doc = next(docs)
            _report(a, doc)
            parsed.append((v, records_of(doc)))
        out.append(mentions_from_views(a, parsed))
    return out


def _extract_forked(
    nlp: Any, articles: Iterable[Article], n_process: int, batch_size: int, mode: tuple[bool, bool]
) -> Iterator[tuple[Article, list[Mention]]]:
    """Chunks of articles go to a pool of forked workers; results come back in input order.

    Only the mentions cross the process boundary (spaCy's own ``n_process`` ships every parsed Doc
    back to the parent, which then costs the parent as much as a worker). At most two chunks per
    worker are in flight, so a huge corpus is never read into memory ahead of the parser.
    """
    import multiprocessing

    global _WORKER_NLP
    _WORKER_NLP = nlp
    ctx = multiprocessing.get_context("fork")
    chunk_size = max(1, batch_size // 4)
    in_flight: deque[tuple[list[Article], Any]] = deque()
    with ctx.Pool(n_process, initializer=_worker_init) as pool:
        it = iter(articles)
        while True:
            while len(in_flight) < 2 * n_process:
                chunk = list(islice(it, chunk_size))
                if not chunk:
                    break
                in_flight.append((chunk, pool.apply_async(_extract_chunk, (chunk, batch_size, mode))))
            if not in_flight:
                return
            chunk, result = in_flight.popleft()
            yield from zip(chunk, result.get(), strict=True)


def extract_quotes(
    text: str,
    *,
    title: str | None = None,
    model: str | None = None,
    article_id: str = "text",
    include_indirect: bool = False,
    include_beliefs: bool = False,
) -> list[Mention]:
    """Every quotation in one text, with its speaker (and reported speech when asked)."""
    art = Article(id=article_id, text=text, title=title)
    found = extract_articles([art], model=model, include_indirect=include_indirect, include_beliefs=include_beliefs)
    return next(found)[1]
