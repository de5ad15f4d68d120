"""Phone numbers to E.164 with phonenumbers; the agency's region is the default.

A number written without its country code is read in the agency's region. When
the holder is a foreign national and the same digits also make a valid number
in their home country as written there, trunk prefix included (a Myanmar `09…`
mobile reads as a Chinese landline too), the reading is ambiguous: the number is
kept as written and flagged instead of being turned into a number of the wrong
country.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

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

    @property
    def valid(self) -> bool | None:
        if self.e164 is None and self.problem is None:
            return None
        return self.problem is None


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


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_phone(raw: str | None, region: str, home_region: str | None = None) -> PhoneCheck:
    """Read a phone as written; home_region is the holder's country (ISO alpha-2), if foreign.

    Parses once: parsing is the largest single cost of ingest.
    """
    if raw is None or not raw.strip():
        return PhoneCheck(None, None)
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    international = text.startswith("+")
    if not any(c.isdigit() for c in text):
        return PhoneCheck(None, "no digits")
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
    if home is not None:
        return PhoneCheck(
            None, f"no country code and not valid in {region} (valid in {home_region})"
        )
    return PhoneCheck(None, f"no country code and not valid in {region}")


def clean_phone(raw: str | None, region: str) -> tuple[str | None, bool | None]:
    """(E.164 or None, valid); None validity when there is nothing to check."""
    result = check_phone(raw, region)
    return result.e164, result.valid
