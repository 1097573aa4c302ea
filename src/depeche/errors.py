"""Coded, actionable errors raised by depeche (one place, so messages stay consistent)."""
from __future__ import annotations


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


class InputWarning(DepecheError):
    """A document was read, but repaired on the way (lone surrogates replaced, NUL characters removed)."""

    code = "W100"


class LanguageWarning(DepecheError):
    """An article in a language depeche has no tables for: reported and left out, never read as another one."""

    code = "W110"

    def __init__(self, message: str, *, path: str | None = None, lang: str | None = None):
        self.lang = lang
        super().__init__(message, path=path)


class DataError(DepecheError):
    """A knowledge table under depeche/data is missing or malformed."""

    code = "E200"


class PipelineError(DepecheError):
    """A pipeline is misconfigured: unknown stage, unmet requirement."""

    code = "E300"


class StoreError(DepecheError):
    """The SQLite store cannot be opened or written."""

    code = "E400"


class MissingStoreError(StoreError):
    """A command or server that only reads was given a database file that does not exist."""

    code = "E401"


class CorruptStoreError(StoreError):
    """A file SQLite cannot read as a database, a damaged one, or an SQLite file of another program."""

    code = "E402"


class QueryError(DepecheError):
    """A filter given to a query is not valid (bad date, unknown type)."""

    code = "E500"


class ExportWarning(DepecheError):
    """An export left something out: events without coordinates are not in a GeoJSON file."""

    code = "W600"
