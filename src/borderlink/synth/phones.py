"""Mobile numbers by country (kept as E.164) and the ways each agency writes them.

A number has one true value; agencies write it locally ("138 1234 5678",
"9123 4567") or internationally ("+84 912 345 678", "0086 13812345678"), and the
calls table gets the same treatment, so linking phones needs normalisation.
"""

from __future__ import annotations

import random

import phonenumbers

_CN_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "177",
    "199",
]
_VN_PREFIX_LIST = [
    f"{n:02d}"
    for n in (
        90,
        91,
        93,
        94,
        96,
        97,
        98,
        32,
        33,
        34,
        35,
        36,
        37,
        38,
        39,
        70,
        76,
        77,
        78,
        79,
        81,
        82,
        83,
        84,
        85,
        88,
    )
]

COUNTRY_CODE = {
    "CHN": "86",
    "HKG": "852",
    "VNM": "84",
    "MMR": "95",
    "BGD": "880",
    "PAK": "92",
    "IND": "91",
    "NPL": "977",
    "LKA": "94",
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


# Plans with gaps: draws are checked against libphonenumber's metadata and redrawn.
_CHECKED = {"HKG", "MMR", "PAK", "NPL"}


def make_mobile(rng: random.Random, country: str) -> str:
    """A mobile number valid in the country's numbering plan, in E.164 (+...)."""
    for _ in range(50):
        number = _draw_mobile(rng, country)
        if country not in _CHECKED or phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number
    raise AssertionError(f"no valid number drawn for {country}")  # pragma: no cover


def _draw_mobile(rng: random.Random, country: str) -> str:
    if country == "CHN":
        national = rng.choice(_CN_PREFIXES) + _digits(rng, 8)
    elif country == "HKG":
        roll = rng.random()
        first = "9" if roll < 0.6 else ("6" if roll < 0.9 else "5" + str(rng.randint(1, 6)))
        national = first + _digits(rng, 8 - len(first))
    elif country == "VNM":
        national = rng.choice(_VN_PREFIX_LIST) + _digits(rng, 7)
    elif country == "MMR":
        national = (
            "9"
            + rng.choice(["75", "76", "77", "78", "79", "42", "45", "96", "97"])
            + _digits(rng, 7)
        )
    elif country == "BGD":
        national = "1" + str(rng.randint(3, 9)) + _digits(rng, 8)
    elif country == "PAK":
        national = "3" + str(rng.randint(0, 4)) + _digits(rng, 8)
    elif country == "IND":
        national = str(rng.randint(7, 9)) + _digits(rng, 9)
    elif country == "NPL":
        national = "98" + str(rng.randint(0, 6)) + _digits(rng, 7)
    elif country == "LKA":
        national = "7" + rng.choice("0125678") + _digits(rng, 7)
    else:
        raise ValueError(f"no numbering plan for {country}")
    return f"+{COUNTRY_CODE[country]}{national}"


def _split(e164: str) -> tuple[str, str]:
    for code in sorted(COUNTRY_CODE.values(), key=len, reverse=True):
        if e164.startswith("+" + code):
            return code, e164[1 + len(code) :]
    raise ValueError(e164)


def _group(national: str, code: str) -> str:
    if code == "86":
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if code == "852":
        return f"{national[:4]} {national[4:]}"
    return f"{national[:3]} {national[3:6]} {national[6:]}".strip()


def write_phone(rng: random.Random, e164: str, home: str, style: str = "plain") -> str:
    """The number as an agency in `home` ('86' mainland, '852' Hong Kong) writes it.

    style: 'plain' (gd_psb, yn_psb), 'spaced' (gx_psb: spaces or dashes), 'hk' (HK police,
    ImmD), 'calls' (call records).
    """
    code, national = _split(e164)
    roll = rng.random()
    if code == home:
        if style == "spaced":
            grouped = _group(national, code)
            return grouped if roll < 0.6 else grouped.replace(" ", "-") if roll < 0.9 else national
        if style == "hk":
            return (
                _group(national, code)
                if roll < 0.5
                else national
                if roll < 0.8
                else f"+852 {_group(national, code)}"
            )
        if roll < 0.85:
            return national
        return f"+{code} {_group(national, code)}" if roll < 0.95 else f"+{code}{national}"
    # A foreign number: international forms, and now and then a bare national one
    # (leading 0), which cannot be read without knowing the country.
    if roll < 0.55:
        return f"+{code} {_group(national, code)}"
    if roll < 0.8:
        return f"+{code}{national}"
    if roll < 0.97:
        return f"00{code}{national}"
    return "0" + national
