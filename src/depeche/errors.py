"""Coded, actionable errors raised by depeche (one place, so messages stay consistent)."""
from __future__ import annotations

from collections.abc import Iterable


class DepecheError(Exception):
    """Base class: every error carries a short code and a message that says what to do."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        prefix = f"{path}: " if path else ""
        super().__init__(f"{prefix}[{self.code}] {message}")


class InputError(DepecheError):
    """A document that cannot be read: empty, binary, too large, badly encoded, malformed."""

    code = "E100"


class DataError(DepecheError):
    """A knowledge table under depeche/data is missing or malformed."""

    code = "E200"


class PipelineError(DepecheError):
    """A pipeline is misconfigured: unknown stage, unmet requirement."""

    code = "E300"


class StoreError(DepecheError):
    """The SQLite store cannot be opened or written. `lost`: (id, outcome, events) of the documents reported
    stored earlier that a rolled-back batch took with it."""

    code = "E400"

    def __init__(self, message: str, *, path: str | None = None, lost: Iterable[tuple[str, str, int]] = ()):
        super().__init__(message, path=path)
        self.lost = list(lost)


class QueryError(DepecheError):
    """A filter given to a query is not valid (bad date, unknown type)."""

    code = "E500"
