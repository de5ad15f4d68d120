"""Value normalisers: phones, dates with precision, identity documents, names."""

from __future__ import annotations

import datetime as dt

import pytest

from borderlink.model.types import (
    clean_hkid,
    clean_passport,
    clean_phone,
    clean_plate,
    clean_resident_id,
    clean_sex,
    name_script,
    parse_date,
    parse_date_formats,
)
from borderlink.model.types.identity import hkid_check_digit
from borderlink.model.vocab import country_code, offence_code, role_code


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("138 1234 5678", "CN", "+8613812345678"),
        ("138-1234-5678", "CN", "+8613812345678"),
        ("+84 912 345 678", "CN", "+84912345678"),
        ("9123 4567", "HK", "+85291234567"),
        ("+852 9123 4567", "CN", "+85291234567"),
    ],
)
def test_clean_phone_e164_by_agency_region(raw: str, region: str, expected: str) -> None:
    assert clean_phone(raw, region) == (expected, True)


def test_clean_phone_invalid_returns_none_and_false() -> None:
    assert clean_phone("12345", "CN") == (None, False)
    assert clean_phone("", "CN") == (None, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19850312", (dt.date(1985, 3, 12), "day", False)),
        ("2017年3月5日", (dt.date(2017, 3, 5), "day", False)),
        ("1985年", (dt.date(1985, 1, 1), "year", False)),
        ("1985-03", (dt.date(1985, 3, 1), "month", False)),
        ("199005", (dt.date(1990, 5, 1), "month", False)),
        ("13/02/1990", (dt.date(1990, 2, 13), "day", False)),
        ("1990", (dt.date(1990, 1, 1), "year", False)),
        ("2018-06-02", (dt.date(2018, 6, 2), "day", False)),
        ("19881301", (dt.date(1988, 1, 13), "day", True)),
        (dt.datetime(2018, 5, 6), (dt.date(2018, 5, 6), "day", False)),
    ],
)
def test_parse_date_formats_with_precision(raw: object, expected: object) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["31/31/1990", "yesterday", "1985-13", "2017年13月", "199013", "123456"]
)
def test_parse_date_unreadable_returns_none(raw: str) -> None:
    assert parse_date(raw) is None


def test_resident_id_check_digit() -> None:
    assert clean_resident_id("11010519491231002x") == ("11010519491231002X", True)
    assert clean_resident_id("110105194912310021")[1] is False


def test_hkid_check_digit_published_algorithm() -> None:
    assert hkid_check_digit("A", "123456") == "3"
    assert clean_hkid("A123456(3)") == ("A1234563", True)
    assert clean_hkid("A123456(4)") == ("A1234564", False)
    assert clean_hkid("AB987654(3)")[0] == "AB9876543"


def test_passport_plate_sex() -> None:
    assert clean_passport("c 123-4567") == "C1234567"
    assert clean_plate("粤B·3K721") == "粤B3K721"
    assert (clean_sex("男"), clean_sex("F"), clean_sex("?")) == ("M", "F", None)


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("陈志明", "han"),
        ("CHAN Tai-man", "latin"),
        ("Nguyễn Văn Hùng", "vietnamese"),
        ("阮 Van", "mixed"),
        ("", None),
    ],
)
def test_name_script(name: str, script: str | None) -> None:
    assert name_script(name) == script


def test_vocabularies_map_both_sides() -> None:
    assert offence_code("组织他人偷越国（边）境") == "organising"
    assert offence_code("Illegal landing") == "illegal_crossing"
    assert offence_code("Remaining in HK without authority") == "overstaying"
    assert country_code("孟加拉国") == country_code("Bangladesh") == "BGD"
    assert role_code("非法就业人员") == ("migrant", "illegal_worker")
    assert role_code("Coxswain") == ("transporter", None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("03/12/1985", (dt.date(1985, 3, 12), "day", False)),  # month first, as declared
        ("1985年3月", (dt.date(1985, 3, 1), "month", False)),
        ("1985", (dt.date(1985, 1, 1), "year", False)),
        (dt.date(2018, 5, 6), (dt.date(2018, 5, 6), "day", False)),
        ("13/12/1985", None),  # no month 13, and no day/month swap when formats are declared
    ],
)
def test_parse_date_formats_declared_by_mapping(raw: object, expected: object) -> None:
    assert parse_date_formats(raw, ("%m/%d/%Y", "%Y年%m月", "%Y")) == expected
