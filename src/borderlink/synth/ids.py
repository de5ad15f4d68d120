"""Identity numbers with real check digits, and the deliberate errors truth records.

Agencies' exports carry mainland resident IDs (GB 11643-1999, ISO 7064 MOD 11-2) and
Hong Kong identity cards (weighted mod 11 over the letter prefix and six digits). The
generator writes valid numbers, so that an invalid one in the data is always one it
broke on purpose and listed in truth/id_errors.csv.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from datetime import date
from functools import cache

_RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_CHECK = "10X98765432"


def resident_check_digit(first17: str) -> str:
    """GB 11643 check character of the first 17 digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, _RESIDENT_WEIGHTS, strict=True))
    return _RESIDENT_CHECK[total % 11]


def resident_id_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return resident_check_digit(number[:17]) == number[17].upper()


@cache
def _prefecture_codes(prefix4: str) -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    """County codes under a prefecture, with the years each code was in use.

    The history is python-stdnum's copy of the national division codes; checkers such
    as stdnum reject an ID whose area code did not exist in the holder's birth year.
    """
    from stdnum import numdb

    db = numdb.get("cn/loc")
    out: list[tuple[str, tuple[tuple[int, int], ...]]] = []
    for i in range(100):
        code = f"{prefix4}{i:02d}"
        info = {k: v for _, props in db.info(code) for k, v in props.items()}
        county = info.get("county")
        if not county:
            continue
        spans: list[tuple[int, int]] = []
        for part in county.split(","):
            if part.startswith("[") and "]" in part:
                start, _, end = part[1:].split("]")[0].partition("-")
                spans.append((int(start) if start else 0, int(end) if end else 9999))
            else:
                spans.append((0, 9999))
        out.append((code, tuple(spans)))
    return tuple(out)


def area_code_at(rng: random.Random, code: str, year: int, fallbacks: Sequence[str]) -> str:
    """`code` if it existed in `year`, else a code of the same prefecture (or of the
    fallback prefectures, 4-digit prefixes) that did."""
    for prefix in (code[:4], *fallbacks):
        entries = _prefecture_codes(prefix)
        spans = dict(entries)
        if code in spans and any(s <= year <= e for s, e in spans[code]):
            return code
        valid = [c for c, sp in entries if any(s <= year <= e for s, e in sp)]
        if valid:
            return rng.choice(valid)
    return code


def make_resident_id(rng: random.Random, area_code: str, dob: date, sex: str) -> str:
    """An 18-digit resident ID: area, birth date, sequence (odd for men), check digit."""
    seq = rng.randrange(0, 500) * 2 + (1 if sex == "M" else 0)
    first17 = f"{area_code}{dob:%Y%m%d}{seq:03d}"
    return first17 + resident_check_digit(first17)


def _hkid_value(ch: str) -> int:
    if ch == " ":
        return 36
    if ch.isdigit():
        return int(ch)
    return ord(ch.upper()) - ord("A") + 10


def hkid_check_digit(body: str) -> str:
    """Check character of an HKID body ("A123456" or "XA123456")."""
    padded = body.rjust(8)
    total = sum(_hkid_value(c) * w for c, w in zip(padded, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def hkid_valid(number: str) -> bool:
    """True for 'A123456(3)' style numbers whose check character is right."""
    text = number.replace("(", "").replace(")", "").strip()
    if len(text) not in (8, 9) or not text[-7:-1].isdigit():
        return False
    return hkid_check_digit(text[:-1]) == text[-1].upper()


def make_hkid(rng: random.Random) -> str:
    # Most cards have one prefix letter; the two-letter ranges are rarer.
    prefix = rng.choice("ACDEGKPRVYZ") if rng.random() < 0.9 else "X" + rng.choice("ABCDEG")
    body = prefix + f"{rng.randrange(0, 1_000_000):06d}"
    return f"{body}({hkid_check_digit(body)})"


# Passport number shapes by issuing country (ISO 3166 alpha-3).
_PASSPORT_SHAPES: dict[str, tuple[str, int]] = {
    "VNM": ("BC", 7),
    "MMR": ("MA MB MC", 6),
    "BGD": ("A BW EB", 7),
    "PAK": ("AB AC BN", 7),
    "IND": ("J K L M N P R", 7),
    "NPL": ("PA 0", 7),
    "LKA": ("N", 7),
    "CHN": ("E", 8),
    "HKG": ("K", 8),
}


def make_passport(rng: random.Random, issuer: str) -> str:
    prefixes, digits = _PASSPORT_SHAPES.get(issuer, ("P", 7))
    options = prefixes.split() if " " in prefixes else list(prefixes)
    return rng.choice(options) + "".join(rng.choice(string.digits) for _ in range(digits))


def make_recognizance(rng: random.Random) -> str:
    """Number of a recognizance form (ID 220) issued to non-refoulement claimants."""
    return f"ID220-{rng.randrange(10_000, 100_000)}-{rng.randrange(14, 20)}"


def luhn_complete(digits: str) -> str:
    """Append the Luhn check digit, as bank card numbers carry."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return digits + str((10 - total % 10) % 10)


def make_bank_card(rng: random.Random) -> str:
    """A UnionPay-style 19-digit debit card number (BIN 62xxxx) with a Luhn digit."""
    body = "62" + "".join(rng.choice(string.digits) for _ in range(16))
    return luhn_complete(body)


def break_resident_id(rng: random.Random, number: str) -> tuple[str, str]:
    """A copying mistake that makes the check digit fail, and its reason for truth."""
    for _ in range(20):
        if rng.random() < 0.5:
            pos = rng.randrange(6, 17)
            digits = [d for d in string.digits if d != number[pos]]
            broken = number[:pos] + rng.choice(digits) + number[pos + 1 :]
            reason = "digit_typo"
        else:
            broken = number[:17] + rng.choice([c for c in "0123456789X" if c != number[17]])
            reason = "wrong_check_digit"
        if not resident_id_valid(broken):
            return broken, reason
    raise AssertionError("could not break a resident ID")  # pragma: no cover


def break_hkid(rng: random.Random, number: str) -> tuple[str, str]:
    body = number.replace("(", "").replace(")", "")[:-1]
    check = number[-2]
    for _ in range(20):
        if rng.random() < 0.5:
            pos = len(body) - rng.randrange(1, 7)
            new_body = body[:pos] + rng.choice(string.digits) + body[pos + 1 :]
            broken = f"{new_body}({check})"
            reason = "digit_typo"
        else:
            wrong = rng.choice([c for c in "0123456789A" if c != check])
            broken = f"{body}({wrong})"
            reason = "wrong_check_digit"
        if not hkid_valid(broken):
            return broken, reason
    raise AssertionError("could not break an HKID")  # pragma: no cover
