"""Turn date parts (day, month, weekday, offsets) into calendar dates relative to publication."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date and how precise it is ('day', 'month', 'year' or None when unknown)."""

    date: dt.date | None
    precision: str | None

    @classmethod
    def parse(cls, published: str | None) -> Anchor:
        text = (published or "").strip()[:10]
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                return cls(dt.date.fromisoformat(text), "day")
            except ValueError:
                pass
        for fmt, prec in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
            try:
                return cls(dt.datetime.strptime(text[: len(fmt) + 2], fmt).date(), prec)
            except ValueError:
                continue
        return cls(None, None)


def fmt(date: dt.date, precision: str) -> str:
    if precision == "day":
        return date.isoformat()
    return f"{date.year:04d}-{date.month:02d}" if precision == "month" else str(date.year)


def anchor_value(anchor: Anchor) -> tuple[str | None, str | None]:
    """The publication date itself, at its own precision."""
    if anchor.date is None or anchor.precision is None:
        return None, None
    return fmt(anchor.date, anchor.precision), anchor.precision


def explicit(anchor: Anchor, day: int | None, month: int, year: int | None, *,
             future: bool = False) -> tuple[str, str] | None:
    """'29 décembre', 'February 2025', 'en mars': year, when missing, is the latest one not after publication."""
    if year is None:
        if anchor.date is None:
            return None
        year = anchor.date.year
        ref_month = anchor.date.month
        if not future and month > ref_month:
            year -= 1
        if future and month < ref_month:
            year += 1
    try:
        date = dt.date(year, month, day or 1)
    except ValueError:
        return None
    precision = "day" if day else "month"
    return fmt(date, precision), precision


def weekday(anchor: Anchor, wd: int, *, shift: int = 0) -> tuple[str, str] | None:
    """A weekday: the latest such day on or before publication; shift -1 = 'last', +1 = 'next'."""
    if anchor.date is None:
        return None
    if anchor.precision != "day":
        return anchor_value(anchor)  # type: ignore[return-value]
    back = (anchor.date.weekday() - wd) % 7
    date = anchor.date - dt.timedelta(days=back)
    if shift < 0 and back == 0:
        date -= dt.timedelta(days=7)
    if shift > 0:
        date += dt.timedelta(days=7 if back else 7)
        if back and date - anchor.date > dt.timedelta(days=7):
            date -= dt.timedelta(days=7)
    return fmt(date, "day"), "day"


def relative(anchor: Anchor, unit: str, amount: int) -> tuple[str, str] | None:
    """'hier' (day, -1), 'la semaine dernière' (week, -1), 'l'an dernier' (year, -1)."""
    if anchor.date is None:
        return None
    d = anchor.date
    if unit == "day":
        if anchor.precision != "day":
            return anchor_value(anchor)  # type: ignore[return-value]
        return fmt(d + dt.timedelta(days=amount), "day"), "day"
    if unit == "week":
        return fmt(d + dt.timedelta(days=7 * amount), "month"), "month"
    if unit == "month":
        month_index = d.year * 12 + d.month - 1 + amount
        return fmt(dt.date(month_index // 12, month_index % 12 + 1, 1), "month"), "month"
    return str(d.year + amount), "year"
