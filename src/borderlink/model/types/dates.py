"""Dates with their precision (day, month, year) from the formats agencies write."""

from __future__ import annotations

import datetime as dt
import re

_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ZH = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")
_YM = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_COMPACT_YM = re.compile(r"^((?:18|19|20)\d{2})(\d{2})$")  # 199005: YYYYMM, month precision
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_Y = re.compile(r"^(\d{4})$")

# No date format agencies write is longer (an ISO timestamp with offset is 32).
MAX_DATE_CHARS = 40

Parsed = tuple[dt.date, str, bool]  # date, precision, day/month swapped


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day(y: int, m: int, d: int) -> Parsed | None:
    date = _make(y, m, d)
    if date is not None:
        return date, "day", False
    swapped = _make(y, d, m)
    return (swapped, "day", True) if swapped is not None else None


def parse_date(raw: object) -> Parsed | None:
    """Parse a date cell or text; None when it cannot be read at all."""
    if isinstance(raw, dt.datetime):
        return raw.date(), "day", False
    if isinstance(raw, dt.date):
        return raw, "day", False
    if raw is None:
        return None
    text = str(raw).strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    if (m := _ZH.match(text)) is not None:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo is None:
            year = _make(int(y), 1, 1)
            return (year, "year", False) if year else None
        if d is None:
            date = _make(int(y), int(mo), 1)
            return (date, "month", False) if date else None
        return _day(int(y), int(mo), int(d))
    text = text.split("T")[0].split(" ")[0]
    if (m := _YMD.match(text) or _COMPACT.match(text)) is not None:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if (m := _DMY.match(text)) is not None:
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if (m := _YM.match(text) or _COMPACT_YM.match(text)) is not None:
        date = _make(int(m.group(1)), int(m.group(2)), 1)
        return (date, "month", False) if date else None
    if (m := _Y.match(text)) is not None:
        year = _make(int(m.group(1)), 1, 1)
        return (year, "year", False) if year else None
    return None


def _precision(fmt: str) -> str:
    if "%d" in fmt or "%j" in fmt:
        return "day"
    if "%m" in fmt or "%b" in fmt or "%B" in fmt:
        return "month"
    return "year"


def parse_date_formats(raw: object, formats: tuple[str, ...]) -> Parsed | None:
    """A date in one of the formats a mapping declares (strptime), tried in order.

    The precision follows the format: a day directive gives day, a month one
    month, else year. A date cell (XLSX) is a date whatever the formats say.
    """
    if isinstance(raw, (dt.date, dt.datetime)) or raw is None:
        return parse_date(raw)
    text = str(raw).strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    for fmt in formats:
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return value, _precision(fmt), False
    return None
