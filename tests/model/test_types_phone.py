"""Phones: a national-format number is read in the agency's region, never turned into
a number of the wrong country; what could not be read says why."""

from __future__ import annotations

from borderlink.model.types import check_phone


def test_check_phone_myanmar_local_mobile_in_yunnan_is_ambiguous() -> None:
    result = check_phone("09783747785", "CN", "MM")
    assert result.e164 is None and result.valid is False
    assert result.problem == "no country code, ambiguous: valid in CN and in MM"


def test_check_phone_foreign_local_number_not_valid_here_is_read_in_the_home_country() -> None:
    result = check_phone("0919537330", "CN", "VN")
    assert (result.e164, result.valid, result.problem) == ("+84919537330", True, None)
    assert result.note == "no country code, not valid in CN: read in VN, the holder's"


def test_check_phone_without_holder_read_where_only_one_country_has_it() -> None:
    # a call record: no holder; of the migrants' origin countries only Vietnam reads them
    result = check_phone("0321 461 605", "CN")
    assert result.e164 == "+84321461605"
    assert result.note == (
        "no country code, not valid in CN: read in VN, the only origin country where it is valid"
    )
    # a holder from elsewhere: the Vietnamese reading is not taken for them
    other = check_phone("0321 461 605", "CN", "BD")
    assert (other.e164, other.problem) == (None, "no country code and not valid in CN")


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


def test_check_phone_country_code_written_without_plus_is_read() -> None:
    assert check_phone("852-6234-0328", "CN").e164 == "+85262340328"
    assert check_phone("86-13014643857", "HK").e164 == "+8613014643857"
    assert check_phone("(84) 912 345 678", "HK").e164 == "+84912345678"
    # a valid local number is never re-read as international
    assert check_phone("13812345678", "CN").e164 == "+8613812345678"
    # digits that start with no calling code of the region's countries stay flagged
    assert check_phone("4412345678", "CN").problem == "no country code and not valid in CN"


def test_plain_national_digits_read_as_parse_reads_them() -> None:
    # the fast path for plain national digits must agree with phonenumbers.parse()
    import random

    import phonenumbers

    from borderlink.model.types.phone import _plain_national

    rng = random.Random(5)
    answered = 0
    for region in ("CN", "HK"):
        for _ in range(3000):
            length = rng.choice([7, 8, 9, 11, 12])
            digits = str(rng.randint(1, 9)) + "".join(
                str(rng.randint(0, 9)) for _ in range(length - 1)
            )
            fast = _plain_national(digits, region)
            if fast is None:
                continue
            answered += 1
            parsed = phonenumbers.parse(digits, region)
            assert phonenumbers.is_valid_number(parsed) and parsed == fast, digits
    assert answered > 300
    assert _plain_national("0755 1234 5678", "CN") is None  # trunk prefix: parse() decides
