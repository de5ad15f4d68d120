"""Time windows: parsing --from/--to, and the calendar-year parts a window is cut into.

Year-on-year compares like with like: when a window cuts a year (Feb-Dec 2016,
Jan-Jul 2019) the part inside the window is compared with the same months one year
earlier, never with a whole year.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, model_validator

from borderlink.errors import InvalidRequest


class Window(BaseModel):
    """A closed date interval [start, end]."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.start > self.end:
            raise ValueError(f"window starts {self.start} after it ends {self.end}")
        return self

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    @property
    def months(self) -> int:
        """Calendar months the window touches."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def is_whole_year(self) -> bool:
        return (
            self.start == date(self.start.year, 1, 1)
            and self.end == date(self.start.year, 12, 31)
            and self.start.year == self.end.year
        )


def parse_day(text: str, field: str) -> date:
    """An ISO date; InvalidRequest names the request field it came from."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidRequest(field, f"must be a date like 2016-02-01 (got {text!r})") from None


def make_window(start: date | None, end: date | None, data: Window) -> Window:
    """The window asked for, open ends filled from the data's own first and last date."""
    lo = start or data.start
    hi = end or data.end
    if lo > hi:
        raise InvalidRequest("window", f"start {lo.isoformat()} is after end {hi.isoformat()}")
    return Window(start=lo, end=hi)


def month_span(first: date, last: date) -> Window:
    """The whole calendar months from `first` to `last`: the data's coverage."""
    next_month = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return Window(start=first.replace(day=1), end=next_month - timedelta(days=1))


def one_year_later(day: date) -> date:
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def one_year_earlier(day: date) -> date:
    """The same day a year before; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def year_parts(window: Window) -> list[Window]:
    """The window cut at calendar-year boundaries, in order."""
    parts: list[Window] = []
    for year in range(window.start.year, window.end.year + 1):
        lo = max(window.start, date(year, 1, 1))
        hi = min(window.end, date(year, 12, 31))
        parts.append(Window(start=lo, end=hi))
    return parts


def comparable_periods(part: Window, coverage: Window) -> tuple[Window, Window | None] | None:
    """(current, base) for one year part, both inside the data's coverage, same months.

    The current period is the part inside the coverage (None when nothing is left). Its
    base is the same months a year earlier; when the data begins inside that base, both
    are cut to begin at the same day of the year (Feb-Dec 2017 vs Feb-Dec 2016). No base
    is left when the data begins after it.
    """
    lo, hi = max(part.start, coverage.start), min(part.end, coverage.end)
    if lo > hi:
        return None
    base_lo, base_hi = one_year_earlier(lo), one_year_earlier(hi)
    if base_hi < coverage.start:
        return Window(start=lo, end=hi), None
    if base_lo < coverage.start:
        base_lo = coverage.start
        lo = one_year_later(base_lo)
    return Window(start=lo, end=hi), Window(start=base_lo, end=base_hi)
