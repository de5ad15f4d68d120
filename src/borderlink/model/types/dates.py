"""Dates with their precision (day, month, year) from the formats agencies write."""

from __future__ import annotations

import datetime as dt
import re

_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ZH = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")
_YM = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_Y = re.compile(r"^(\d{4})$")

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
    if (m := _ZH.match(text)) is not None:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo is None:
            return dt.date(int(y), 1, 1), "year", False
        if d is None:
            date = _make(int(y), int(mo), 1)
            return (date, "month", False) if date else None
        return _day(int(y), int(mo), int(d))
    text = text.split("T")[0].split(" ")[0]
    if (m := _YMD.match(text) or _COMPACT.match(text)) is not None:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if (m := _DMY.match(text)) is not None:
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if (m := _YM.match(text)) is not None:
        date = _make(int(m.group(1)), int(m.group(2)), 1)
        return (date, "month", False) if date else None
    if (m := _Y.match(text)) is not None:
        return dt.date(int(m.group(1)), 1, 1), "year", False
    return None
