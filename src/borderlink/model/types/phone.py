"""Phone numbers to E.164 with phonenumbers; the agency's region is the default."""

from __future__ import annotations

import phonenumbers


def clean_phone(raw: str | None, region: str) -> tuple[str | None, bool | None]:
    """(E.164 or None, valid); None validity when there is nothing to check."""
    if raw is None or not raw.strip():
        return None, None
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None, False
    if not phonenumbers.is_valid_number(number):
        return None, False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True
