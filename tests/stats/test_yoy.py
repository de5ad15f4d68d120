"""Year-on-year arithmetic and the periods it compares."""

from __future__ import annotations

from datetime import date

import pytest

from borderlink.stats.windows import (
    Window,
    comparable_periods,
    month_span,
    one_year_earlier,
    year_parts,
)
from borderlink.stats.yoy import yoy_change


def test_yoy_change_is_signed_percent_with_base() -> None:
    assert yoy_change(41, 100, base_covered=True).percent == -59.0
    assert yoy_change(150, 100, base_covered=True).percent == 50.0
    assert yoy_change(1, 3, base_covered=True).percent == -66.7


def test_yoy_change_is_new_when_last_year_zero() -> None:
    change = yoy_change(12, 0, base_covered=True)
    assert change.status == "new" and change.percent is None
    assert change.text() == "new"


def test_yoy_change_is_none_when_both_years_zero() -> None:
    assert yoy_change(0, 0, base_covered=True).status == "none"


def test_yoy_change_has_no_base_outside_the_data() -> None:
    # a zero before the data begins means "no data", not "nothing happened"
    assert yoy_change(12, 0, base_covered=False).status == "no_base"


def test_yoy_change_not_computed_when_figure_missing() -> None:
    assert yoy_change(None, None, base_covered=True).status == "not_computed"


def test_year_parts_cut_window_at_year_boundaries() -> None:
    parts = year_parts(Window(start=date(2016, 2, 1), end=date(2019, 7, 31)))
    assert [(p.start, p.end) for p in parts] == [
        (date(2016, 2, 1), date(2016, 12, 31)),
        (date(2017, 1, 1), date(2017, 12, 31)),
        (date(2018, 1, 1), date(2018, 12, 31)),
        (date(2019, 1, 1), date(2019, 7, 31)),
    ]


def test_window_cut_mid_year_compares_same_months() -> None:
    coverage = Window(start=date(2016, 2, 1), end=date(2019, 7, 31))
    periods = comparable_periods(Window(start=date(2019, 1, 1), end=date(2019, 7, 31)), coverage)
    assert periods is not None
    current, base = periods
    assert current == Window(start=date(2019, 1, 1), end=date(2019, 7, 31))
    assert base == Window(start=date(2018, 1, 1), end=date(2018, 7, 31))


def test_base_starting_before_data_cuts_both_periods() -> None:
    # data from February 2016: 2017 is compared Feb-Dec with Feb-Dec 2016
    coverage = Window(start=date(2016, 2, 1), end=date(2019, 7, 31))
    periods = comparable_periods(Window(start=date(2017, 1, 1), end=date(2017, 12, 31)), coverage)
    assert periods == (
        Window(start=date(2017, 2, 1), end=date(2017, 12, 31)),
        Window(start=date(2016, 2, 1), end=date(2016, 12, 31)),
    )


def test_first_year_of_data_has_no_base() -> None:
    coverage = Window(start=date(2016, 2, 1), end=date(2019, 7, 31))
    assert comparable_periods(Window(start=date(2016, 2, 1), end=date(2016, 12, 31)), coverage) == (
        Window(start=date(2016, 2, 1), end=date(2016, 12, 31)),
        None,
    )


def test_window_beyond_data_is_cut_to_coverage() -> None:
    coverage = Window(start=date(2016, 2, 1), end=date(2019, 7, 31))
    periods = comparable_periods(Window(start=date(2019, 1, 1), end=date(2019, 12, 31)), coverage)
    assert periods is not None and periods[0].end == date(2019, 7, 31)
    assert periods[1] == Window(start=date(2018, 1, 1), end=date(2018, 7, 31))


def test_leap_day_shifts_to_february_28() -> None:
    assert one_year_earlier(date(2016, 2, 29)) == date(2015, 2, 28)


def test_month_span_covers_whole_months() -> None:
    assert month_span(date(2016, 2, 11), date(2019, 12, 3)) == Window(
        start=date(2016, 2, 1), end=date(2019, 12, 31)
    )


def test_window_rejects_reversed_dates() -> None:
    with pytest.raises(ValueError, match="after it ends"):
        Window(start=date(2019, 1, 2), end=date(2019, 1, 1))
