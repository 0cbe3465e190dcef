"""Calendar arithmetic for temporal values: bounds of a value, shifting days, naming periods."""

import calendar
from datetime import date, timedelta

from service.pipeline.records import Expression


def bounds(value: str | None) -> tuple[date | None, date | None]:
    """Return the first and last day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value."""
    if not value:
        return None, None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), month_end(parts[0], parts[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def month_end(year: int, month: int) -> date:
    """Return the last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def value_of(earliest: date, latest: date) -> str:
    """Name the finest calendar unit holding both bounds."""
    if earliest == latest:
        return earliest.isoformat()
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.year}-{earliest.month:02}"
    if earliest.year == latest.year:
        return str(earliest.year)
    return f"{earliest.year}/{latest.year}"


def shift(day: date, unit: str, amount: int) -> date:
    """Move a day by whole units, clamping to the end of shorter months."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    if unit == "hour":  # a day of hours is a day later; fewer leave the day as it is
        return day + timedelta(days=amount // 24)
    months = amount * (12 if unit == "year" else 1)
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return min(date(year, month + 1, 1), month_end(year, month + 1)).replace(
        day=min(day.day, calendar.monthrange(year, month + 1)[1])
    )


def iso_week(day: date) -> tuple[str, date, date]:
    """Return the ISO week holding a day: its value (`2024-W14`), Monday and Sunday."""
    year, week, weekday = day.isocalendar()
    monday = day - timedelta(days=weekday - 1)
    return f"{year}-W{week:02}", monday, monday + timedelta(days=6)


def set_years(e: Expression, first: int, last: int) -> Expression:
    """Set a span of whole years."""
    e.earliest, e.latest = date(first, 1, 1), date(last, 12, 31)
    return e


def place_time(e: Expression, day: date | None, anchor: int | str) -> Expression:
    """Put a time of day (its "T22:40" in `extra["clock"]`) on a day."""
    e.anchor, e.earliest, e.latest = anchor, day, day
    e.value = f"{day.isoformat()}{e.extra['clock']}" if day else e.extra["clock"]
    return e


def set_day(e: Expression, year: int, month: int, day: int) -> Expression | None:
    """Set one day, or drop an impossible one."""
    try:
        e.earliest = e.latest = date(year, month, day)
    except ValueError:
        return None
    e.value = e.earliest.isoformat()
    return e


def set_month(e: Expression, year: int, month: int) -> Expression:
    """Set one month."""
    e.value, e.earliest, e.latest = (
        f"{year}-{month:02}",
        date(year, month, 1),
        month_end(year, month),
    )
    return e


def set_value(e: Expression) -> Expression:
    """Name the finest calendar unit holding the bounds."""
    if e.earliest is None or e.latest is None:
        raise ValueError(f"'{e.text}' has no bounds to name")
    e.value = value_of(e.earliest, e.latest)
    return e
