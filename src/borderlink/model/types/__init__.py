"""One normaliser per value type: clean() returns None (or valid=False) instead of raising."""

from borderlink.model.types.dates import parse_date, parse_date_formats
from borderlink.model.types.identity import (
    check_hkid,
    check_resident_id,
    clean_hkid,
    clean_passport,
    clean_resident_id,
    infer_id_type,
)
from borderlink.model.types.phone import PhoneCheck, check_phone, clean_phone
from borderlink.model.types.text import clean_plate, clean_sex, name_script, split_surname_caps

__all__ = [
    "PhoneCheck",
    "check_hkid",
    "check_phone",
    "check_resident_id",
    "clean_hkid",
    "clean_passport",
    "clean_phone",
    "clean_plate",
    "clean_resident_id",
    "clean_sex",
    "infer_id_type",
    "name_script",
    "parse_date",
    "parse_date_formats",
    "split_surname_caps",
]
