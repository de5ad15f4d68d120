"""Phones: a national-format number is read in the agency's region, never turned into
a number of the wrong country; what could not be read says why."""

from __future__ import annotations

from borderlink.model.types import check_phone


def test_check_phone_myanmar_local_mobile_in_yunnan_is_ambiguous() -> None:
    result = check_phone("09783747785", "CN", "MM")
    assert result.e164 is None and result.valid is False
    assert result.problem == "no country code, ambiguous: valid in CN and in MM"


def test_check_phone_foreign_local_number_not_valid_here_is_flagged_with_home_reading() -> None:
    result = check_phone("0919537330", "CN", "VN")
    assert (result.e164, result.valid) == (None, False)
    assert result.problem == "no country code and not valid in CN (valid in VN)"


def test_check_phone_hong_kong_mobile_of_a_foreigner_stays_hong_kong() -> None:
    # no Nepalese trunk prefix written: the 8 digits are a Hong Kong number
    assert check_phone("9734 0179", "HK", "NP").e164 == "+85297340179"


def test_check_phone_international_forms_ignore_the_holder() -> None:
    assert check_phone("+84 912 345 678", "CN", "VN").e164 == "+84912345678"
    assert check_phone("00923016676884", "HK", "PK").e164 == "+923016676884"
    bad = check_phone("+84 12", "CN", "VN")
    assert bad.problem == "not a valid number for its country code"


def test_check_phone_nothing_or_no_digits() -> None:
    assert check_phone("  ", "CN").valid is None
    assert check_phone("unknown", "CN").problem == "no digits"
    assert check_phone("12345", "CN").problem == "no country code and not valid in CN"


def test_check_phone_parse_failures_say_why() -> None:
    assert check_phone("+999 12345", "CN").problem == "unknown country code"
    assert check_phone("1" * 30, "CN").problem == "too long"
