"""Numbers, times and dates read from delivered text: bounded, total, plausible.

Every reader here returns a value or a fixed phrase saying why there is none; none
raises on what a delivery holds (`inf`, `1e400`, 20-digit numbers, year 0, a year
before Christ, a time without offset). Values that read but cannot be right (a
birth date in the future, a date before 1900, an event outside the delivery's
period) are kept and flagged.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

# Longest text read as a number: no count, duration or amount needs more digits.
MAX_NUMBER_CHARS = 32
# Largest integer stored: well inside BIGINT and exactly representable as a double.
MAX_INTEGER = 2**53
# Largest amount read from a seizure (any currency): above it the text is not money.
MAX_AMOUNT = 1e15
# An ISO 8601 time with microseconds and offset is 32 characters.
MAX_TIME_CHARS = 40
EARLIEST_YEAR = 1900


def read_integer(text: str, minimum: int | None = None) -> tuple[int | None, str | None]:
    """(the integer, None) or (None, why not): finite, in range, not below `minimum`."""
    if len(text) > MAX_NUMBER_CHARS:
        return None, "not a number"
    try:
        value = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return None, "not a number"
        if not math.isfinite(number):
            return None, "not a finite number"
        if abs(number) > MAX_INTEGER:
            return None, "number out of range"
        value = int(number)
    if abs(value) > MAX_INTEGER:
        return None, "number out of range"
    if minimum is not None and value < minimum:
        return None, f"below the minimum ({minimum})"
    return value, None


def read_timestamp(text: str, zone: str | None) -> tuple[dt.datetime | None, str | None]:
    """(the time in UTC, problem): ISO 8601; a time without offset is read in `zone`."""
    if len(text) > MAX_TIME_CHARS:
        return None, "unparseable timestamp"
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, "unparseable timestamp"
    if not EARLIEST_YEAR <= value.year <= dt.date.today().year + 1:
        return None, f"time before {EARLIEST_YEAR} or in the future"
    if value.tzinfo is None:
        if zone is None:
            return None, "time without UTC offset and the mapping states no time zone"
        value = value.replace(tzinfo=ZoneInfo(zone))
    try:
        return value.astimezone(dt.UTC), None
    except (OverflowError, ValueError):
        return None, "unparseable timestamp"


def implausible_date(field: str, value: dt.date) -> str | None:
    """Why a date that reads is still not believable, or None."""
    if value > dt.date.today():
        return "date in the future"
    if value.year < EARLIEST_YEAR:
        return f"date before {EARLIEST_YEAR}"
    return None


def outside_period(value: dt.date, earliest: dt.date, latest: dt.date | None) -> str | None:
    """Why an event date falls outside the delivery's period (the mapping's), or None.

    Without a stated end the period runs to the day of import: nothing a delivery
    records can have happened after it arrived.
    """
    if value < earliest:
        return f"event date before the delivery's period (from {earliest.isoformat()})"
    if value > (latest or dt.date.today()):
        end = latest.isoformat() if latest is not None else "the day of import"
        return f"event date after the delivery's period (to {end})"
    return None
