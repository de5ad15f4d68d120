"""Numbers as reports write them, with their qualifiers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from borderlink.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("67,000", Decimal(67000)),
        ("6.7万", Decimal(67000)),
        ("二百九十", Decimal(290)),
        ("一千二百", Decimal(1200)),
        ("1.2 million", Decimal(1200000)),
        ("twenty-five", Decimal(25)),
        ("1 127", Decimal(1127)),
        ("兩", Decimal(2)),
    ],
)
def test_parse_number_reads_arabic_chinese_and_words(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier", "measure"),
    [
        ("破获案件290多宗", "290多宗", 290, "more_than", "宗"),
        ("抓获6.7万人", "6.7万人", 67000, None, "人"),
        ("打掉团伙50余个", "50余个", 50, "more_than", "个"),
        ("共破获案件二百九十多宗", "二百九十多宗", 290, "more_than", "宗"),
        ("查获偷渡人员1000余人", "1000余人", 1000, "more_than", "人"),
        ("超过1000名偷渡人员", "超过1000名", 1000, "more_than", "名"),
        ("近500人", "近500人", 500, "nearly", "人"),
        ("查获偷渡人员逾千人", "逾千人", 1000, "more_than", "人"),
        ("打掉团伙50个以上", "50个以上", 50, "at_least", "个"),
        ("cracked more than 290 cases", "more than 290", 290, "more_than", None),
        ("arrested over 67,000 people", "over 67,000", 67000, "over", None),
        ("at least 14,600 foreigners", "at least 14,600", 14600, "at_least", None),
        ("about 2,600.", "about 2,600", 2600, "about", None),
        ("a 290-plus haul", "290-plus", 290, "more_than", None),
    ],
)
def test_find_numbers_reads_value_qualifier_and_measure(
    text: str, span: str, value: int, qualifier: str | None, measure: str | None
) -> None:
    (m,) = find_numbers(text, [])
    assert text[m.start : m.end] == span
    assert (m.value, m.qualifier, m.measure, m.percent) == (value, qualifier, measure, False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("59%", 59),
        ("59 per cent", 59),
        ("23 percent", 23),
        ("百分之五十九", 59),
        ("三成", 30),
        ("12.6％", 12.6),
    ],
)
def test_find_numbers_marks_percentages(text: str, value: float) -> None:
    (m,) = find_numbers(text, [])
    assert m.percent and m.value == value


def test_find_numbers_skips_blocked_spans_codes_money_and_bare_chinese_numerals() -> None:
    text = "案件GD-2017-00421中，统一行动进一步开展，HK$8,000"
    assert find_numbers(text, [(2, 15)]) == []
    assert [m.value for m in find_numbers("in 2018 127 people", [])] == [2018, 127]
