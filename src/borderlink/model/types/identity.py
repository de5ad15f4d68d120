"""Identity documents: resident ID (GB 11643), HKID, passports.

Each check returns the normalised number and the list of what is wrong with it
(empty when valid), so a flag says exactly which part failed: the length, the
area code, the birth date, the HKID letter prefix or the check digit. The
problems are fixed phrases (the raw value is stored beside them), so flags
group by reason.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from stdnum import numdb
from stdnum.cn import ric

_PUNCT = re.compile(r"[^0-9A-Z]")
_HKID_SHAPE = re.compile(r"^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$")
_HKID_BRACKETED = re.compile(r"^[A-Z]{1,2}\d{6}\([0-9A]\)$")
_HKID_LIKE = re.compile(r"^([^\d(]*)(\d*)\(?([^)]*)\)?$")
_RESIDENT_SHAPE = re.compile(r"^\d{17}[\dX]$")
# No identity document number is longer; longer text is not checked by the patterns
# above at all, which keeps every check linear in a hostile delivery (an HKID field of
# 120,000 characters made _HKID_LIKE backtrack for minutes).
MAX_ID_CHARS = 32
TOO_LONG = f"longer than {MAX_ID_CHARS} characters: not a document number"

# GB/T 2260 province-level codes: the first two digits of a resident ID's area code.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
# Nationalities (ISO alpha-3) whose residents can hold a Hong Kong identity card
# without a foreign passport being the likelier reading of a letter+digits number.
HKID_NATIONALITIES = frozenset({"HKG"})


@cache
def _county_table() -> numdb.NumDB:
    return numdb.get("cn/loc")


def _area_problem(number: str) -> str | None:
    province = int(number[:2])
    if province not in PROVINCE_CODES:
        return "area code: no such province"
    # stdnum's county table (GB/T 2260 history). Any period counts: the code is
    # given at registration, which need not be the year of birth.
    found = _county_table().info(number[:6])
    if not any("county" in props for _, props in found):
        return "area code: no such county in GB/T 2260"
    return None


def check_resident_id(raw: str) -> tuple[str, list[str]]:
    """18-character mainland resident ID (GB 11643): the normalised number and its problems."""
    number = _PUNCT.sub("", raw.upper())
    if len(number) > MAX_ID_CHARS:
        return number[:MAX_ID_CHARS], [TOO_LONG]
    if len(number) != 18:
        return number, ["wrong length (18 characters expected)"]
    if _RESIDENT_SHAPE.match(number) is None:
        return number, ["not 17 digits and a check digit (0-9 or X)"]
    problems: list[str] = []
    area = _area_problem(number)
    if area is not None:
        problems.append(area)
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        problems.append("birth date is not a date")
    else:
        # a real date, but no living holder was born then: a slip in the birth digits
        if not 1880 <= born.year <= dt.date.today().year:
            problems.append("birth year out of range")
    expected = ric.calc_check_digit(number)
    if number[-1] != expected:
        problems.append("check digit does not match")
    return number, problems


def clean_resident_id(raw: str) -> tuple[str, bool]:
    """Normalised number and validity (area code, birth date and check digit)."""
    number, problems = check_resident_id(raw)
    return number, not problems


def hkid_check_digit(prefix: str, digits: str) -> str:
    """The published HKID algorithm: weights 9..2 over a space-padded prefix and 6 digits."""
    letters = prefix.rjust(2, " ")
    values = [36 if c == " " else ord(c) - 55 for c in letters] + [int(c) for c in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def _hkid_shape_problems(text: str) -> list[str]:
    """Which part of a number that is not in the HKID form is wrong."""
    m = _HKID_LIKE.match(text)
    if m is None:
        return ["not in the HKID form (1-2 letters, 6 digits, check digit)"]
    prefix, digits, check = m.groups()
    problems = []
    if not (1 <= len(prefix) <= 2 and prefix.isalpha() and prefix.isascii()):
        problems.append("letter prefix is not 1 or 2 letters")
    if len(digits) != 6:
        problems.append("not 6 digits after the letter prefix")
    if len(check) != 1 or check not in "0123456789A":
        problems.append("check digit is not 0-9 or A")
    return problems or ["not in the HKID form (1-2 letters, 6 digits, check digit)"]


def check_hkid(raw: str) -> tuple[str, list[str]]:
    """HKID in its `A1234563` form and its problems (prefix, digits, check digit)."""
    text = raw.upper().replace(" ", "")
    if len(text) > MAX_ID_CHARS:
        return _PUNCT.sub("", text)[:MAX_ID_CHARS], [TOO_LONG]
    m = _HKID_SHAPE.match(text)
    if m is None:
        return _PUNCT.sub("", text), _hkid_shape_problems(text)
    prefix, digits, check = m.groups()
    ok = hkid_check_digit(prefix, digits) == check
    problems = [] if ok else ["check digit does not match"]
    return prefix + digits + check, problems


def clean_hkid(raw: str) -> tuple[str, bool]:
    """Normalised `A1234563` form and validity."""
    number, problems = check_hkid(raw)
    return number, not problems


def clean_passport(raw: str) -> str:
    """Passport numbers: uppercase, no spaces or punctuation."""
    return _PUNCT.sub("", raw.upper())


def infer_id_type(raw: str, nationality: str | None) -> str:
    """The document a number is, where the source gives no document type.

    18 characters of GB 11643 shape are a resident ID. A number in the HKID form
    is an HKID only when written with its bracketed check digit, or when the
    holder is a Hong Kong resident (or of unknown nationality and the check
    digit holds); a foreign national's letter+7-digit number is a passport
    (Vietnam's `C1234567` has the HKID's unbracketed shape).
    """
    text = raw.upper().replace(" ", "")
    if len(text) > MAX_ID_CHARS:
        return "passport"
    compact = _PUNCT.sub("", text)
    if _RESIDENT_SHAPE.match(compact):
        return "resident_id"
    if _HKID_SHAPE.match(text) is None:
        return "passport"
    if _HKID_BRACKETED.match(text) or nationality in HKID_NATIONALITIES:
        return "hkid"
    if nationality is None and not check_hkid(text)[1]:
        return "hkid"
    return "passport"
