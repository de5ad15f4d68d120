"""Periods and report dates, relative dates resolved against the report date."""

from __future__ import annotations

from datetime import date

import pytest

from borderlink.extract.periods import find_periods, find_report_date

REPORT = date(2019, 1, 15)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("since February 2016", date(2016, 2, 1), None),
        ("the operation was extended until July 2019", None, date(2019, 7, 31)),
        ("二〇一六年二月以来", date(2016, 2, 1), None),
        ("专项行动已延长至2019年7月", None, date(2019, 7, 31)),
        ("2018年1月至6月", date(2018, 1, 1), date(2018, 6, 30)),
        ("from January to June 2018", date(2018, 1, 1), date(2018, 6, 30)),
        ("between March and May 2018", date(2018, 3, 1), date(2018, 5, 31)),
        ("between 1 and 5 December", date(2019, 12, 1), date(2019, 12, 5)),
        ("in the first half of 2017", date(2017, 1, 1), date(2017, 6, 30)),
        ("in the first nine months of 2018", date(2018, 1, 1), date(2018, 9, 30)),
        ("in the first eight months of 2018", date(2018, 1, 1), date(2018, 8, 31)),
        ("2018年前10个月", date(2018, 1, 1), date(2018, 10, 31)),
        ("at least 5 per cent lower than in December", None, None),
        ("2019年第一季度", date(2019, 1, 1), date(2019, 3, 31)),
        ("截至2018年底", None, date(2018, 12, 31)),
        ("自2015年3月至2018年2月", date(2015, 3, 1), date(2018, 2, 28)),
        ("6月11日至15日", date(2019, 6, 11), date(2019, 6, 15)),
        ("In 2017, police", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_find_periods_reads_explicit_periods(
    text: str, start: date | None, end: date | None
) -> None:
    periods = find_periods(text, REPORT)
    assert [(p.start, p.end) for p in periods] == ([(start, end)] if start or end else [])


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("今年以来", date(2019, 1, 1), None),
        ("去年", date(2018, 1, 1), date(2018, 12, 31)),
        ("last year", date(2018, 1, 1), date(2018, 12, 31)),
        ("so far this year", date(2019, 1, 1), None),
        ("今年1至11月", date(2019, 1, 1), date(2019, 11, 30)),
        ("Between January and April this year", date(2019, 1, 1), date(2019, 4, 30)),
        ("since January", date(2019, 1, 1), None),
        ("今年首九個月", date(2019, 1, 1), date(2019, 9, 30)),
    ],
)
def test_find_periods_resolves_relative_dates_against_report_date(
    text: str, start: date | None, end: date | None
) -> None:
    (period,) = find_periods(text, REPORT)
    assert (period.start, period.end) == (start, end)


def test_relative_dates_without_report_date_give_no_period() -> None:
    assert find_periods("今年以来，last year", None) == []


@pytest.mark.parametrize(
    "text",
    [
        "a drop of 59 per cent compared with the same period last year",
        "比去年同期下降21.5%",
        "nearly double the number in the same period of 2016",
        "up 6.5 per cent from 2016",
        "On 15 January 2019 officers raided a flat",
    ],
)
def test_comparison_dates_and_point_dates_are_not_periods(text: str) -> None:
    assert find_periods(text, REPORT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 15 January 2019\n\nBody", date(2019, 1, 15)),
        ("Title\nIssued at HKT 14:32, 3 March 2018\n", date(2018, 3, 3)),
        ("发布时间：2019年1月15日\n正文", date(2019, 1, 15)),
        ("---\ndate: 2019-03-01\n---\n", date(2019, 3, 1)),
        ("截至2018年底，全省共破获案件100宗。", None),
        ("BEIJING, Nov 20 (Staff) - police said", None),
    ],
)
def test_find_report_date_from_label_or_dateline(text: str, expected: date | None) -> None:
    found = find_report_date(text)
    assert (found[0] if found else None) == expected


def test_month_labelling_a_compared_figure_is_not_a_period() -> None:
    text = "Illegal entrants arrested: 312 (February: 287) in March 2019; 上月（2月：287）"
    periods = find_periods(text, REPORT)
    assert [(p.start, p.end) for p in periods] == [(date(2019, 3, 1), date(2019, 3, 31))]
