"""Query parameters of the API, validated once: event filters, sorting, pagination."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from ..lang import shared_tables

EVENT_TYPES: tuple[str, ...] = tuple(shared_tables().plover["types"])
FACTUALITY = ("fact", "possible", "denied", "future")
SORTS = ("-date", "date", "type", "-type", "doc", "-doc", "factuality", "-factuality")
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_OFFSET = 10_000_000  # deeper pages are a filter's job; past 2**63 - 1, SQLite could not even be sent the offset

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]


class Blankless(BaseModel):
    """An HTML form sends empty fields as empty strings: they mean 'no filter'."""

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if info.field_name == "type":  # ?type=assault is ASSAULT
                value = value.upper()
            return value or None
        return value


class EventFilters(Blankless):
    """Which events: every value reaches SQL as a parameter, never as text of the query."""

    type: EventType | None = Field(None, description="PLOVER event type (or CRASH).")
    actor: str | None = Field(None, max_length=100, description="Actor code (RUS), name or words of the mention.")
    country: str | None = Field(None, max_length=10, description="Country code of an actor, recipient or the place.")
    since: str | None = Field(None, pattern=DATE, description="Earliest event date, YYYY[-MM[-DD]].")
    until: str | None = Field(None, pattern=DATE, description="Latest event date, YYYY[-MM[-DD]].")
    factuality: Literal[FACTUALITY] | None = Field(None)  # type: ignore[valid-type]
    claimant: str | None = Field(None, max_length=100, description="Who says so: code, name or words.")
    incident: str | None = Field(None, max_length=40, description="Incident id (old merged ids resolve).")
    text: str | None = Field(None, max_length=200, description="Words of the article (accents and case ignored).")


class EventParams(EventFilters):
    """A page of events: filters, order and pagination."""

    sort: Literal[SORTS] = Field("-date", description="Order; a leading '-' means descending.")  # type: ignore[valid-type]
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ExportParams(EventFilters):
    """The current filtered view, in a file."""

    sort: Literal[SORTS] = "-date"  # type: ignore[valid-type]


class TimelineParams(EventFilters):
    bucket: Literal["auto", "day", "week", "month"] = Field(
        "auto", description="Width of one bar; auto: day, week or month, from how long the events span.")

    @field_validator("bucket", mode="before")
    @classmethod
    def _blank_is_auto(cls, value: Any) -> Any:
        return "auto" if value is None or (isinstance(value, str) and not value.strip()) else value


class IncidentParams(Blankless):
    """Which incidents, one page at a time (each row's place and actors are read from its reports)."""

    type: EventType | None = None
    country: str | None = Field(None, max_length=10, description="Country code of the incident's place.")
    since: str | None = Field(None, pattern=DATE, description="Incidents whose last date is on or after this.")
    until: str | None = Field(None, pattern=DATE, description="Incidents whose first date is on or before this.")
    conflicts: bool = Field(False, description="Only incidents whose sources disagree.")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DocumentParams(Blankless):
    q: str | None = Field(None, max_length=200, description="Full-text search (accents and case ignored).")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
