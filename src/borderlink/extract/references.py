"""Case numbers and phone numbers written in a report: what links a fact to records.

Case numbers have the agencies' shape (GD-2017-00421, HKP-2018-004512); phones are
found with phonenumbers and normalised to E.164, the form ingest stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

_CASE_NO = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,5}-(?:19|20)\d{2}-\d{3,7}(?![0-9])")
_PHONE_REGIONS = ("CN", "HK")


@dataclass(frozen=True)
class Reference:
    kind: str  # case_ref / phone
    value: str
    start: int
    end: int


def find_references(text: str) -> list[Reference]:
    """Case numbers and valid phone numbers, in text order, without overlaps."""
    found = [Reference("case_ref", m.group(), m.start(), m.end()) for m in _CASE_NO.finditer(text)]
    for region in _PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            if any(r.start < match.end and match.start < r.end for r in found):
                continue
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            found.append(Reference("phone", e164, match.start, match.end))
    return sorted(found, key=lambda r: r.start)
