"""Word lists written in code as whitespace-separated text (titles, particles, stopwords, common capitals)."""

from __future__ import annotations

__all__ = ["wordlist", "wordset"]


def wordlist(text: str) -> list[str]:
    """A word list written as whitespace-separated text, in order."""
    return text.split()


def wordset(text: str) -> frozenset[str]:
    """A word set written as whitespace-separated text."""
    return frozenset(text.split())
