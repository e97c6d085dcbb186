"""Extraction: Articles in, Mentions out — choosing what to parse, running spaCy, mapping offsets back."""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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


def _speech_forms() -> re.Pattern[str]:
    from quotetrace.nlp.lexicon import BELIEF_VERBS, SPEECH_VERBS

    forms: set[str] = {"according", "said", "told", "wrote", "written", "spoke", "thought", "felt", "knew", "meant"}
    for v in SPEECH_VERBS | BELIEF_VERBS:
        stem = v[:-1] if v.endswith("e") else v
        forms |= {v, v + "s", v + "ed", v + "d", v + "ing", stem + "ing", stem + "ed"}
        if v.endswith("y"):
            forms |= {v[:-1] + "ied", v[:-1] + "ies"}
        if v.endswith(("ch", "sh", "ss", "x")):
            forms.add(v + "es")
    alternatives = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


_SPEECH_FORMS: re.Pattern[str] | None = None
_LABEL = re.compile(r"^[A-Z][A-Z.'’\- ]{1,38}[A-Z.]\s*:")


def select_paragraphs(text: str, *, indirect: bool = False, context: int = 1) -> list[int]:
    """Indices of the paragraphs worth parsing.

    A paragraph with a quotation mark or a transcript label (and, for reported speech, one with
    a speech verb) is parsed together with the ``context`` paragraphs before it, where the names
    that pronouns and role nouns point back to usually stand, and the first paragraph (the
    headline or lede that introduces the people). Everything else is never handed to spaCy.
    """
    global _SPEECH_FORMS
    paras = paragraphs(text)
    want: set[int] = set()
    for i, (s, e) in enumerate(paras):
        chunk = text[s:e]
        hit = next(iter_marks(chunk), None) is not None or bool(_LABEL.match(chunk))
        if not hit and indirect:
            if _SPEECH_FORMS is None:
                _SPEECH_FORMS = _speech_forms()
            hit = bool(_SPEECH_FORMS.search(chunk))
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
    counts statements of belief or intention ("X thinks", "X wants") as reports.
    """
    from quotetrace.nlp.pipeline import load_pipeline, records_of

    nlp = load_pipeline(model, indirect=include_indirect, beliefs=include_beliefs)
    pending: deque[tuple[Article, View]] = deque()

    def feed() -> Iterator[tuple[str, int]]:
        for n, art in enumerate(articles):
            view = make_view(art.text, select_paragraphs(art.text, indirect=include_indirect))
            pending.append((art, view))
            yield view.text, n

    for doc, _n in nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        art, view = pending.popleft()
        yield art, mentions_from_records(art, view, records_of(doc))


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
