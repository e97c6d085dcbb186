"""What a mention is clustered on: its pieces (each pair of quotation marks apart) and the words of each, the whole
mention's words, and which of its pieces' clusters is the mention's own (the longest piece wins)."""

from __future__ import annotations

from collections.abc import Sequence

from quotetrace.models import Mention

__all__ = ["clustered_spans", "clustering_pieces", "clustering_text", "elided_text", "own_cluster"]


def clustered_spans(mention: Mention) -> tuple[tuple[int, int], ...]:
    """The spans a mention's pieces are cut from: the quoted words of a mixed mention, else its spans."""
    return tuple(mention.quoted_spans if mention.kind == "mixed" and mention.quoted_spans else mention.spans)


def clustering_text(mention: Mention, article_text: str | None) -> str:
    """The words a mention is clustered on: for a mixed mention the pieces inside quotation marks, else its text."""
    if mention.kind == "mixed" and mention.quoted_spans and article_text is not None:
        pieces = [" ".join(article_text[s:e].split()) for s, e in mention.quoted_spans]
        joined = " ".join(p for p in pieces if p)
        if joined:
            return joined
    return mention.text


def clustering_pieces(mention: Mention, article_text: str | None) -> list[tuple[str, str, int]]:
    """The units a mention is clustered on, as (piece id, words, start offset).

    Each pair of quotation marks is its own unit: ``"X," he said, "Y"`` and the quoted words of a mixed
    mention may reproduce different passages, and another outlet may print them apart. A mention with
    one piece clusters under its own id; pieces of a longer one get ``<mention id>~<n>``.
    """
    spans = clustered_spans(mention)
    if mention.kind == "indirect" or len(spans) <= 1 or article_text is None:
        return [(mention.id, clustering_text(mention, article_text), mention.start if mention.spans else 0)]
    out = []
    for k, (s, e) in enumerate(spans):
        words = " ".join(article_text[s:e].split())
        if words:
            out.append((f"{mention.id}~{k}", words, s))
    return out or [(mention.id, clustering_text(mention, article_text), mention.start)]


def elided_text(mention: Mention, article_text: str | None) -> str:
    """A whole mention as one clustering unit (:func:`quotetrace.cluster.cluster_mentions`, which clusters mentions
    rather than pieces): its pieces joined by an ellipsis, since the outlet may have skipped words between them
    and the joint is a marked elision. Falls back to ``mention.text`` when the spans do not index the text."""
    spans = clustered_spans(mention)
    text = article_text or ""
    if len(spans) <= 1 or not all(0 <= s <= e <= len(text) for s, e in spans):
        return mention.text
    pieces = [text[s:e].strip() for s, e in spans]
    return " … ".join(p for p in pieces if p) or mention.text


def own_cluster(pieces: Sequence[tuple[str, str | None]]) -> str | None:
    """A mention's own cluster: that of its longest clustered piece (the later one among equals), or None.
    ``pieces``: (words, cluster id) of each piece, in order. The one rule: ingest applies it both to new mentions
    and to stored mentions whose pieces moved (the store only reads and writes the result)."""
    best: tuple[int, int, str] | None = None
    for k, (words, cid) in enumerate(pieces):
        if cid and (best is None or (len(words), k) > best[:2]):
            best = (len(words), k, cid)
    return None if best is None else best[2]
