"""Extraction: Articles in, Mentions out — choosing what to parse, running spaCy, mapping offsets back."""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from quotetrace.models import Article, Mention
from quotetrace.nlp.marks import iter_marks, paragraphs
from quotetrace.speakers import full_names

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


def _speech_forms(beliefs: bool) -> re.Pattern[str]:
    """Printed forms of the speech verbs (and, with ``beliefs``, of the belief verbs) as one regex."""
    from quotetrace.nlp.lexicon import BELIEF_VERBS, SPEECH_VERBS

    forms: set[str] = {"according", "said", "told", "wrote", "written", "spoke"}
    if beliefs:
        forms |= {"thought", "felt", "knew", "meant"}
    for v in SPEECH_VERBS | BELIEF_VERBS if beliefs else SPEECH_VERBS:
        stem = v[:-1] if v.endswith("e") else v
        forms |= {v + "ed", v + "d", v + "ing", stem + "ing", stem + "ed"}
        if v not in _NOUN_LIKE:  # "the state", "a report", "his remarks": only their verb forms count
            forms |= {v, v + "s"}
        if v.endswith("y"):
            forms |= {v[:-1] + "ied", v[:-1] + "ies"}
        if v.endswith(("ch", "sh", "ss", "x")):
            forms.add(v + "es")
    alternatives = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


_SPEECH_FORMS: dict[bool, re.Pattern[str]] = {}
# Speech verbs whose base and -s forms are mostly nouns in news text: a paragraph is picked for reported
# speech by their past or -ing forms only ("stated", "reporting"), not by "the state" or "his remarks".
_NOUN_LIKE = frozenset(
    [
        "state",
        "post",
        "point",
        "text",
        "email",
        "remark",
        "comment",
        "report",
        "attack",
        "call",
        "go",
        "start",
        "finish",
        "answer",
        "reply",
        "note",
        "message",
        "tweet",
        "charge",
        "question",
        "promise",
        "pledge",
        "vow",
        "demand",
        "request",
        "blast",
        "slam",
        "hit",
        "challenge",
        "order",
        "record",
        "word",
        "release",
        "issue",
        "address",
        "voice",
    ]
)


def _speech_hit(forms: re.Pattern[str], chunk: str) -> bool:
    """A speech-verb form in lower case (a capitalised "Post" or "State" mid-sentence is a name), or "According"."""
    return any(m.group(0).islower() or m.group(0) == "According" for m in forms.finditer(chunk))


_LABEL = re.compile(r"^[A-Z][A-Z.'’\- ]{1,38}[A-Z.]\s*:")


def select_paragraphs(text: str, *, indirect: bool = False, beliefs: bool = False, context: int = 1) -> list[int]:
    """Indices of the paragraphs worth parsing.

    A paragraph with a quotation mark or a transcript label (and, for reported speech, one with
    a speech verb, or a belief verb with ``beliefs``) is parsed together with the ``context``
    paragraphs before it, where the names that pronouns and role nouns point back to usually stand,
    and the first paragraph (the headline or lede that introduces the people). Everything else is
    never handed to spaCy.
    """
    paras = paragraphs(text)
    want: set[int] = set()
    for i, (s, e) in enumerate(paras):
        chunk = text[s:e]
        hit = next(iter_marks(chunk), None) is not None or bool(_LABEL.match(chunk))
        if not hit and indirect:
            forms = _SPEECH_FORMS.get(beliefs)
            if forms is None:
                forms = _SPEECH_FORMS[beliefs] = _speech_forms(beliefs)
            hit = _speech_hit(forms, chunk)
        if hit:
            want.update(range(max(0, i - context), i + 1))
    if want and paras:
        want.update(range(min(2, len(paras))))
    return sorted(want)


def make_view(text: str, keep: Iterable[int] | None = None) -> View:
    paras = paragraphs(text)
    chosen = sorted(set(keep)) if keep is not None else list(range(len(paras)))
    parts: list[str] = []
    doc_starts: list[int] = []
    art_starts: list[int] = []
    pos = 0
    for i in chosen:
        s, e = paras[i]
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        doc_starts.append(pos)
        art_starts.append(s)
        parts.append(text[s:e])
        pos += e - s
    return View("".join(parts), tuple(doc_starts), tuple(art_starts), tuple(chosen))


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
    if (
        len(paras) > 1
        and len(line) < 160
        and not line.rstrip().endswith((".", "!", "?", ":"))
        and len(line.split()) >= 3
    ):
        return 0
    return None


def mentions_from_records(article: Article, view: View, records: list[dict[str, Any]]) -> list[Mention]:
    head = headline_index(article)
    out: list[Mention] = []
    lone = {
        r["speaker"] for r in records if r.get("speaker_kind") == "PERSON" and r["speaker"] and " " not in r["speaker"]
    }
    expand = full_names(article.text, lone) if lone else {}
    for r in records:
        spans = tuple((view.to_article(s), view.to_article(s) + (e - s)) for s, e in r["spans"])
        para = view.paragraph_at(r["spans"][0][0])
        in_headline = head is not None and para == head
        body_para = None if in_headline else (para - (head + 1) if head is not None and para > head else para)

        def mp(span: Any) -> tuple[int, int] | None:
            if not span:
                return None
            s0 = view.to_article(span[0])
            return (s0, s0 + span[1] - span[0])

        out.append(
            Mention(
                article_id=article.id,
                text=" ".join(_SPACES.sub(" ", article.text[s:e]) for s, e in spans),
                spans=spans,
                kind=r["kind"],
                speaker=expand.get(r["speaker"], r["speaker"]),
                speaker_mention=r["speaker_mention"],
                speaker_span=mp(r["speaker_span"]),
                cue=r["cue"],
                cue_span=mp(r["cue_span"]),
                cue_lemma=r["cue_lemma"],
                descriptor=r["descriptor"],
                paragraph=max(body_para, 0) if body_para is not None else None,
                in_headline=in_headline,
                attribution=r["rule"],
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

    pending: deque[tuple[Article, View]] = deque()

    def feed() -> Iterator[tuple[str, int]]:
        for n, art in enumerate(articles):
            view = make_view(art.text, select_paragraphs(art.text, indirect=mode[0], beliefs=mode[1]))
            pending.append((art, view))
            yield view.text, n

    for doc, _n in nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        art, view = pending.popleft()
        yield art, mentions_from_records(art, view, records_of(doc))


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

    views = [make_view(a.text, select_paragraphs(a.text, indirect=mode[0], beliefs=mode[1])) for a in chunk]
    docs = _WORKER_NLP.pipe((v.text for v in views), batch_size=batch_size)
    return [mentions_from_records(a, v, records_of(d)) for a, v, d in zip(chunk, views, docs, strict=True)]


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
