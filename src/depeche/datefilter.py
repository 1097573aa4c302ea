"""Date filters as people type them: YYYY, YYYY-MM or YYYY-MM-DD, checked, or a span back from today (7d, 2w, 3m, 1y)."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .errors import QueryError

ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
SPAN = re.compile(r"(\d{1,6})([dwmy])")
FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD (2025-12-01), or a span back from today: 7d, 2w, 3m or 1y"


def date_filter(value: str, option: str = "--since", *, today: dt.date | None = None) -> str:
    """The filter's date as the store compares it (YYYY, YYYY-MM or YYYY-MM-DD); a QueryError that says what to
    write for anything else, an impossible date (2025-02-30) included."""
    text = value.strip()
    if m := ISO.fullmatch(text):
        try:
            dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError as exc:
            raise QueryError(f"{option} {value!r} is not a date ({exc}); {FORMS}") from exc
        return text
    if m := SPAN.fullmatch(text.lower()):
        try:
            return _back(int(m[1]), m[2], today or dt.date.today()).isoformat()
        except (OverflowError, ValueError) as exc:
            raise QueryError(f"{option} {value!r} reaches back before the year 1; {FORMS}") from exc
    raise QueryError(f"{option} {value!r} is not a date: {FORMS}")


def _back(n: int, unit: str, today: dt.date) -> dt.date:
    if unit in "dw":
        return today - dt.timedelta(days=n * (7 if unit == "w" else 1))
    months = today.year * 12 + today.month - 1 - n * (12 if unit == "y" else 1)
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def check_range(since: str | None, until: str | None) -> None:
    """A range no date can fall in is refused ('~' sorts after every digit: --until 2026-03 takes all of March)."""
    if since and until and since > until + "~":
        raise QueryError(f"--since {since} is after --until {until}: no event can match; swap them")
