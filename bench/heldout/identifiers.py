"""Identity documents, phone numbers, plates, hulls and bank cards, and how agencies write them."""

from __future__ import annotations

import random
from datetime import date

import phonenumbers

# Real county-level area codes (GB/T 2260) by home region.
AREA_CODES: dict[str, list[str]] = {
    "GD": ["440306", "440304", "440303", "441900", "440402", "440103", "440106", "442000"],
    "GX": ["450681", "451481", "450602", "450102", "450103", "451402"],
    "YN": ["533102", "532823", "532502", "530102", "532532", "533103"],
    "CHN": ["430102", "420102", "350102", "360102", "510107", "410105", "431002", "450521"],
}

_RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def rid_check(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2)."""
    total = sum(int(c) * w for c, w in zip(first17, _RID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def resident_id(rng: random.Random, region: str, dob: date, sex: str) -> str:
    area = rng.choice(AREA_CODES.get(region, AREA_CODES["CHN"]))
    seq = rng.randrange(0, 100) * 10 + rng.choice(
        [1, 3, 5, 7, 9] if sex == "M" else [0, 2, 4, 6, 8]
    )
    body = f"{area}{dob:%Y%m%d}{seq:03d}"
    return body + rid_check(body)


def hkid_check(letters: str, digits: str) -> str:
    vals = [(ord(c) - 55) for c in letters]
    if len(vals) == 1:
        vals = [36, *vals]
    total = sum(v * w for v, w in zip(vals, (9, 8), strict=True))
    total += sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def hkid(rng: random.Random) -> str:
    letters = rng.choice("AAABCDEGHKKKMPRVYZ")
    digits = f"{rng.randrange(100000, 1000000)}"
    return f"{letters}{digits}({hkid_check(letters, digits)})"


def break_id(rng: random.Random, number: str) -> tuple[str, str]:
    """A clerical error on an ID: one digit retyped, or a wrong check character."""
    if rng.random() < 0.5:
        pos = [i for i, c in enumerate(number) if c.isdigit()][:-1]
        i = rng.choice(pos)
        d = str((int(number[i]) + rng.randrange(1, 10)) % 10)
        return number[:i] + d + number[i + 1 :], "digit_typo"
    if number.endswith(")"):
        check = number[-2]
        new = rng.choice([c for c in "0123456789A" if c != check])
        return number[:-2] + new + ")", "wrong_check_digit"
    new = rng.choice([c for c in "0123456789X" if c != number[-1]])
    return number[:-1] + new, "wrong_check_digit"


def passport(rng: random.Random, nat: str) -> str:
    n7 = f"{rng.randrange(10**7):07d}"
    if nat == "VNM":
        return rng.choice("CCCB") + n7
    if nat == "MMR":
        return rng.choice(["MA", "MB", "MC"]) + f"{rng.randrange(10**6):06d}"
    if nat in ("BGD", "PAK"):
        return rng.choice(["BN", "BR", "EB", "AK", "DF"]) + n7
    if nat == "IND":
        return rng.choice("JKLMNPRZ") + n7
    if nat == "NPL":
        return f"{rng.randrange(10**8):08d}" if rng.random() < 0.6 else "PA" + n7
    if nat == "LKA":
        return "N" + n7
    return "E" + f"{rng.randrange(10**8):08d}"


# --- phones ---------------------------------------------------------------------------
_CN_PREFIX = [
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "182",
    "183",
    "186",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "177",
    "180",
    "189",
    "199",
    "133",
    "153",
]


def mobile(rng: random.Random, country: str) -> str:
    """An E.164 mobile number valid in its numbering plan (checked with libphonenumber)."""
    for _ in range(50):
        number = _mobile(rng, country)
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number
    raise ValueError(f"no valid mobile drawn for {country}")


def _mobile(rng: random.Random, country: str) -> str:
    if country == "CN":
        return "+86" + rng.choice(_CN_PREFIX) + f"{rng.randrange(10**8):08d}"
    if country == "HK":
        return "+852" + rng.choice("69") + str(rng.randrange(1, 9)) + f"{rng.randrange(10**6):06d}"
    if country == "VN":
        return (
            "+84"
            + rng.choice(["91", "94", "96", "97", "98", "86", "32", "35", "39"])
            + (f"{rng.randrange(10**7):07d}")
        )
    if country == "MM":
        return "+959" + rng.choice(["45", "42", "79", "78", "77"]) + f"{rng.randrange(10**7):07d}"
    if country == "BD":
        return "+8801" + rng.choice("3456789") + f"{rng.randrange(10**8):08d}"
    if country == "PK":
        return "+923" + rng.choice(["00", "01", "21", "33", "45"]) + f"{rng.randrange(10**7):07d}"
    if country == "IN":
        return "+91" + rng.choice("6789") + f"{rng.randrange(10**9):09d}"
    if country == "NP":
        return "+97798" + rng.choice("0146") + f"{rng.randrange(10**7):07d}"
    if country == "LK":
        return "+947" + rng.choice("01245678") + f"{rng.randrange(10**7):07d}"
    raise ValueError(country)


_CC = {
    "86": "CN",
    "852": "HK",
    "84": "VN",
    "95": "MM",
    "880": "BD",
    "92": "PK",
    "91": "IN",
    "977": "NP",
    "94": "LK",
}


def _split(e164: str) -> tuple[str, str]:
    digits = e164[1:]
    for n in (3, 2):
        if digits[:n] in _CC:
            return digits[:n], digits[n:]
    raise ValueError(e164)


def write_phone(rng: random.Random, e164: str, agency_region: str) -> str:
    """The number as an officer of the agency would type it."""
    cc, nsn = _split(e164)
    r = rng.random()
    if cc == "86":
        a, b, c = nsn[:3], nsn[3:7], nsn[7:]
        if agency_region != "HK":
            forms = [nsn, f"{a} {b} {c}", f"{a}-{b}-{c}", f"+86 {a}-{b}-{c}", f"+86{nsn}"]
            weights = [0.5, 0.2, 0.1, 0.1, 0.1]
            if agency_region == "GX":
                weights = [0.2, 0.4, 0.3, 0.05, 0.05]
        else:
            forms = [f"+86 {a} {b} {c}", f"86-{nsn}", f"+86{nsn}", nsn]
            weights = [0.5, 0.2, 0.25, 0.05]
    elif cc == "852":
        a, b = nsn[:4], nsn[4:]
        if agency_region == "HK":
            forms = [f"{a} {b}", nsn, f"+852 {a} {b}", f"852-{nsn}"]
            weights = [0.4, 0.2, 0.3, 0.1]
        else:
            forms = [f"+852 {a} {b}", f"00852 {nsn}", f"852-{a}-{b}"]
            weights = [0.5, 0.2, 0.3]
    elif cc == "84":
        forms = [
            f"+84 {nsn[:3]} {nsn[3:6]} {nsn[6:]}",
            f"+84{nsn}",
            f"0084 {nsn}",
            f"0{nsn[:3]} {nsn[3:6]} {nsn[6:]}",
        ]
        weights = [0.5, 0.2, 0.15, 0.15]
    elif cc == "95":
        forms = [f"+95 {nsn[0]} {nsn[1:4]} {nsn[4:7]} {nsn[7:]}", f"+95{nsn}", f"0{nsn}"]
        weights = [0.5, 0.3, 0.2]
    else:
        forms = [f"+{cc} {nsn[:4]}-{nsn[4:]}", f"+{cc}{nsn}", f"00{cc} {nsn}"]
        weights = [0.5, 0.35, 0.15]
    acc = 0.0
    for form, w in zip(forms, weights, strict=True):
        acc += w
        if r < acc:
            return form
    return forms[-1]


# --- vehicles, vessels, money -----------------------------------------------------------
_PLATE_PREFIX = {
    "GX": ["桂P", "桂F", "桂A", "桂N"],
    "GD": ["粤B", "粤S", "粤C", "粤E"],
    "YN": ["云N", "云K", "云A"],
}
_PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def mainland_plate(rng: random.Random, region: str) -> str:
    prefix = rng.choice(_PLATE_PREFIX[region])
    tail = rng.choice("ABCDEFGHJKLMN") + "".join(rng.choice(_PLATE_CHARS) for _ in range(4))
    return f"{prefix}·{tail}"


def dual_plates(rng: random.Random) -> tuple[str, str]:
    """A cross-boundary car: the Guangdong 粤Z plate and its Hong Kong plate."""
    mainland = "粤Z·" + "".join(rng.choice(_PLATE_CHARS) for _ in range(4)) + "港"
    hk = (
        "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXY") for _ in range(2))
        + f" {rng.randrange(1, 9999)}"
    )
    return mainland, hk


def write_plate(rng: random.Random, plate: str) -> str:
    r = rng.random()
    if r < 0.6:
        return plate
    if r < 0.85:
        return plate.replace("·", "")
    return plate.replace("·", " ")


def hull(rng: random.Random) -> str:
    port = rng.choice(["粤深渔", "粤珠渔", "粤中渔", "粤湛渔", "粤东渔"])
    return f"{port}{rng.randrange(10000, 99999)}"


def bank_card(rng: random.Random) -> str:
    body = rng.choice(["622202", "621700", "622848", "621226", "623058"]) + "".join(
        str(rng.randrange(10)) for _ in range(12)
    )
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)
