"""Phone numbers to E.164 with phonenumbers; the agency's region is the default.

A number written without its country code is read in the agency's region. When
the holder is a foreign national and the same digits also make a valid number
in their home country as written there, trunk prefix included (a Myanmar `09…`
mobile reads as a Chinese landline too), the reading is ambiguous: the number is
kept as written and flagged instead of being turned into a number of the wrong
country. When the digits are not valid in the agency's region but are valid in
the holder's home country as written there (a Vietnamese `0912 345 678` in a
Guangdong record), that reading is taken; without a holder (call records) it is
taken only when exactly one of the migrants' origin countries reads the digits
as a valid number. Either way the record keeps a note saying how it was read.

A number written with its country code but without `+` or `00` (`852-6234-0328`,
`86 138 1234 5678`, as clerks copy them from forms) is not valid in the agency's
region; when its digits start with the calling code of a country of the task
force's world (model/vocabularies/countries.yaml) and read as a valid number of
that country, that is the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import phonenumbers

from borderlink.model.loader import load_vocabulary

_E = phonenumbers.NumberParseException
_PARSE_ERRORS = {
    _E.INVALID_COUNTRY_CODE: "unknown country code",
    _E.NOT_A_NUMBER: "not a phone number",
    _E.TOO_SHORT_AFTER_IDD: "too short after the international prefix",
    _E.TOO_SHORT_NSN: "too short",
    _E.TOO_LONG: "too long",
}


@dataclass(frozen=True)
class PhoneCheck:
    """E.164 (None when not valid) and, when not valid, what is wrong."""

    e164: str | None
    problem: str | None
    note: str | None = None  # how a number written without country code was placed

    @property
    def valid(self) -> bool | None:
        if self.e164 is None and self.problem is None:
            return None
        return self.problem is None


# Longest text read as a phone: libphonenumber itself refuses more than 250 characters;
# a bound here keeps every step over the text short whatever a delivery holds.
MAX_PHONE_CHARS = 64


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _has_trunk_prefix(text: str, region: str) -> bool:
    """Whether the digits start with the region's national (trunk) prefix, as a
    number dialled inside that country is written (Myanmar, Vietnam: `0…`)."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = meta.national_prefix if meta is not None else None
    digits = "".join(c for c in text if c.isdigit())
    return prefix is not None and prefix != "" and digits.startswith(prefix)


@cache
def _regions(origins_only: bool) -> tuple[str, ...]:
    """ISO alpha-2 of the vocabulary's countries (or of the migrants' origins only)."""
    return tuple(
        sorted(
            str(spec["alpha2"])
            for spec in load_vocabulary("countries").values()
            if spec.get("alpha2") and (spec.get("origin") or not origins_only)
        )
    )


@cache
def _calling_codes() -> tuple[str, ...]:
    """Calling codes of the vocabulary's countries, longest first (852 before 85)."""
    codes = {str(phonenumbers.country_code_for_region(r)) for r in _regions(False)}
    return tuple(sorted(codes - {"0"}, key=lambda c: (-len(c), c)))


def _national_reading(text: str, region: str) -> tuple[str, phonenumbers.PhoneNumber] | None:
    """The one origin country where the digits, trunk prefix and all, are a valid number."""
    found = [
        (r, n)
        for r in _regions(True)
        if r != region and _has_trunk_prefix(text, r) and (n := _parse(text, r)) is not None
    ]
    return found[0] if len(found) == 1 else None


def _without_plus(text: str) -> phonenumbers.PhoneNumber | None:
    """The number when its digits are a known country's calling code plus a valid number."""
    digits = "".join(c for c in text if c.isdigit())
    if not digits.startswith(_calling_codes()):
        return None
    return _parse("+" + digits, "ZZ")


def _plain_national(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    """A number written as plain national digits (`138 1234 5678`), when the region's
    metadata holds it valid: what parse() would return for it, without the cost of
    parsing (most numbers in an export are of this form; parsing is most of ingest's
    time). Anything else, a trunk prefix included, goes through parse()."""
    digits = text.replace(" ", "").replace("-", "")
    # isdigit() alone admits superscripts and other scripts' digits, which int() refuses
    if not (digits.isascii() and digits.isdigit()) or digits[0] == "0" or len(digits) > 15:
        return None
    number = phonenumbers.PhoneNumber(
        country_code=phonenumbers.country_code_for_region(region), national_number=int(digits)
    )
    return number if phonenumbers.is_valid_number(number) else None


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_phone(raw: str | None, region: str, home_region: str | None = None) -> PhoneCheck:
    """Read a phone as written; home_region is the holder's country (ISO alpha-2), if foreign.

    Parses once: parsing is the largest single cost of ingest.
    """
    if raw is None or not raw.strip():
        return PhoneCheck(None, None)
    text = raw.strip()
    if len(text) > MAX_PHONE_CHARS:
        return PhoneCheck(None, "too long to be a phone number")
    if text.startswith("00"):
        text = "+" + text[2:]
    international = text.startswith("+")
    if not any(c.isdigit() for c in text):
        return PhoneCheck(None, "no digits")
    local = None if international else _plain_national(text, region)
    if local is None:
        try:
            parsed = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException as exc:
            return PhoneCheck(None, _PARSE_ERRORS.get(exc.error_type, "not a phone number"))
        local = parsed if phonenumbers.is_valid_number(parsed) else None
    home = None
    if (
        not international
        and home_region
        and home_region != region
        and _has_trunk_prefix(text, home_region)
    ):
        home = _parse(text, home_region)
    if local is not None and home is not None:
        return PhoneCheck(
            None, f"no country code, ambiguous: valid in {region} and in {home_region}"
        )
    if local is not None:
        return PhoneCheck(_e164(local), None)
    if international:
        return PhoneCheck(None, "not a valid number for its country code")
    if (coded := _without_plus(text)) is not None:
        return PhoneCheck(_e164(coded), None)
    if home is not None:
        note = f"no country code, not valid in {region}: read in {home_region}, the holder's"
        return PhoneCheck(_e164(home), None, note)
    if home_region is None and (found := _national_reading(text, region)) is not None:
        note = (
            f"no country code, not valid in {region}: read in {found[0]}, the only origin country"
        )
        return PhoneCheck(_e164(found[1]), None, note + " where it is valid")
    return PhoneCheck(None, f"no country code and not valid in {region}")


def clean_phone(raw: str | None, region: str) -> tuple[str | None, bool | None]:
    """(E.164 or None, valid); None validity when there is nothing to check."""
    result = check_phone(raw, region)
    return result.e164, result.valid
