"""Where in an article a quote sits: headline, lede or body."""

from __future__ import annotations

from typing import Literal

Placement = Literal["headline", "lede", "body"]


def placement(paragraph: int | None, in_headline: bool, *, lede_paragraphs: int = 2) -> Placement:
    """``headline`` when in the title; ``lede`` for body paragraphs 0..lede_paragraphs-1; else ``body``.

    An unknown paragraph (None) outside the headline counts as ``body``.
    """
    if in_headline:
        return "headline"
    if paragraph is not None and 0 <= paragraph < lede_paragraphs:
        return "lede"
    return "body"
