"""Identity documents: resident ID (GB 11643), HKID, passports."""

from __future__ import annotations

import re

from stdnum.cn import ric

_HKID = re.compile(r"^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$")
_PUNCT = re.compile(r"[^0-9A-Z]")


def clean_resident_id(raw: str) -> tuple[str, bool]:
    """18-digit mainland resident ID; stdnum validates the GB 11643 check digit."""
    compact = _PUNCT.sub("", raw.upper())
    return compact, bool(ric.is_valid(compact))


def hkid_check_digit(prefix: str, digits: str) -> str:
    """The published HKID algorithm: weights 9..2 over a space-padded prefix and 6 digits."""
    letters = prefix.rjust(2, " ")
    values = [36 if c == " " else ord(c) - 55 for c in letters] + [int(c) for c in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def clean_hkid(raw: str) -> tuple[str, bool]:
    """Normalised `A1234563` form and check digit validity."""
    text = raw.upper().replace(" ", "")
    m = _HKID.match(text)
    if m is None:
        return _PUNCT.sub("", text), False
    prefix, digits, check = m.groups()
    return prefix + digits + check, hkid_check_digit(prefix, digits) == check


def clean_passport(raw: str) -> str:
    """Passport numbers: uppercase, no spaces or punctuation."""
    return _PUNCT.sub("", raw.upper())
