"""quotetrace: who said what, where each quote appears, and how each outlet frames it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from quotetrace.models import Mention

__all__ = ["__version__", "extract_quotes"]


def extract_quotes(text: str, *, title: str | None = None, model: str | None = None, **kwargs: Any) -> list[Mention]:
    """Find every quotation in ``text`` with its speaker (loads the spaCy pipeline lazily)."""
    from quotetrace.extract import extract_quotes as _extract

    return _extract(text, title=title, model=model, **kwargs)
