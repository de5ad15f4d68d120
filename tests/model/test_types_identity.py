"""Identity documents: each flag names the part that failed; typing without a type column."""

from __future__ import annotations

import pytest
from stdnum.cn import ric

from borderlink.model.types import check_hkid, check_resident_id, infer_id_type
from borderlink.model.types.identity import hkid_check_digit

VALID_RID = "11010519491231002X"


def test_check_resident_id_valid_number_has_no_problem() -> None:
    assert check_resident_id(VALID_RID.lower()) == (VALID_RID, [])


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("110105194912310021", "check digit does not match"),
        ("99010519491231002X", "area code: no such province"),
        ("44039919850312451X", "area code: no such county in GB/T 2260"),
        ("110105194913310021", "birth date is not a date"),
        ("533102157607108912", "birth year out of range"),
        ("1101051949123100", "wrong length (18 characters expected)"),
        ("11010519491231A02X", "not 17 digits and a check digit (0-9 or X)"),
    ],
)
def test_check_resident_id_names_the_failed_part(raw: str, problem: str) -> None:
    _, problems = check_resident_id(raw)
    assert problem in problems


def test_check_resident_id_area_failure_is_not_called_check_digit() -> None:
    # the check digit is recomputed for the wrong area code: only the area fails
    body = "99010519491231002"
    number = body + ric.calc_check_digit(body + "0")
    assert check_resident_id(number)[1] == ["area code: no such province"]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("A123456(4)", "check digit does not match"),
        ("1234567(8)", "letter prefix is not 1 or 2 letters"),
        ("ABC123456(7)", "letter prefix is not 1 or 2 letters"),
        ("A12345(6)", "not 6 digits after the letter prefix"),
        ("A123456(Z)", "check digit is not 0-9 or A"),
    ],
)
def test_check_hkid_names_the_failed_part(raw: str, problem: str) -> None:
    assert problem in check_hkid(raw)[1]


def test_check_hkid_valid_two_letter_prefix() -> None:
    check = hkid_check_digit("XG", "637845")
    assert check_hkid(f"XG637845({check})") == (f"XG637845{check}", [])
    assert check_hkid("A123456(3)") == ("A1234563", [])


@pytest.mark.parametrize(
    ("raw", "nationality", "kind"),
    [
        ("C1234567", "VNM", "passport"),  # Vietnamese passport: HKID shape, no brackets
        ("B5118396", "VNM", "passport"),
        ("C1234567", "MMR", "passport"),
        ("A123456(3)", "VNM", "hkid"),  # the bracketed check digit is the HKID's own form
        ("A1234563", "HKG", "hkid"),
        ("A1234563", None, "hkid"),  # unknown holder, the HKID check digit holds
        ("C1234567", None, "passport"),  # unknown holder, it does not
        (VALID_RID, "VNM", "resident_id"),
        ("EB1234567", "BGD", "passport"),
    ],
)
def test_infer_id_type_uses_shape_and_nationality(
    raw: str, nationality: str | None, kind: str
) -> None:
    assert infer_id_type(raw, nationality) == kind
