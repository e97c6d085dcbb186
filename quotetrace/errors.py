"""One exception hierarchy for quotetrace; the CLI maps it to exit codes."""

from __future__ import annotations


class QuotetraceError(Exception):
    """Base class: a user-facing failure with a one-line message and an optional hint."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ModelNotFound(QuotetraceError):
    """The requested spaCy pipeline is not installed."""


class InputError(QuotetraceError):
    """Nothing usable could be read from the given inputs."""


class StoreError(QuotetraceError):
    """The index could not be opened, created or migrated."""


class NotFound(QuotetraceError):
    """No such quote, cluster or speaker in the index."""
