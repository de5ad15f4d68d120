"""One normaliser per value type: clean() returns None (or valid=False) instead of raising."""

from borderlink.model.types.dates import parse_date
from borderlink.model.types.identity import clean_hkid, clean_passport, clean_resident_id
from borderlink.model.types.phone import clean_phone
from borderlink.model.types.text import clean_plate, clean_sex, name_script

__all__ = [
    "clean_hkid",
    "clean_passport",
    "clean_phone",
    "clean_plate",
    "clean_resident_id",
    "clean_sex",
    "name_script",
    "parse_date",
]
