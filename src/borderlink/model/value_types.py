"""The one registry of value types: what each type is stored as, and which a mapping may use.

The model's schema files (`type:` of a property), the source mappings (`type:` of a
field) and ingest (the cleaner it applies) all name these types, so a type is added
here once. Ingest's cleaners (`ingest/transform.py`) are dispatched on the same names;
a test checks that every mapping type has one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ValueType:
    name: str
    sql: str  # the DuckDB column type of a property of this type
    mapping: bool  # a source mapping may declare a field of this type (ingest cleans it)
    description: str


TYPES: tuple[ValueType, ...] = (
    ValueType("string", "VARCHAR", False, "text kept as computed"),
    ValueType("text", "VARCHAR", True, "free text, trimmed"),
    ValueType("name", "VARCHAR", True, "a person's name as written, with its script"),
    ValueType("identifier", "VARCHAR", True, "an exhibit's identifier, normalised by kind"),
    ValueType("id", "VARCHAR", True, "an identity document number, checked where a check exists"),
    ValueType("phone", "VARCHAR", True, "a phone number in E.164"),
    ValueType("nationality", "VARCHAR", True, "a country name or code read as ISO alpha-3"),
    ValueType("country", "VARCHAR", False, "ISO 3166 alpha-3"),
    ValueType("region", "VARCHAR", False, "GD, GX, YN or HK"),
    ValueType("role", "VARCHAR", True, "a reported role read as a chain role code"),
    ValueType("offence", "VARCHAR", True, "an offence read as a code of the shared taxonomy"),
    ValueType("outcome", "VARCHAR", True, "a case outcome read as its code"),
    ValueType("exhibit_kind", "VARCHAR", True, "phone, vehicle, vessel, document, cash, ..."),
    ValueType("sex", "VARCHAR", True, "M or F"),
    ValueType("date", "DATE", True, "a date with its precision (day, month, year)"),
    ValueType("timestamp", "TIMESTAMPTZ", True, "a point in time"),
    ValueType("integer", "BIGINT", True, "a whole number"),
    ValueType("integer32", "INTEGER", False, "a small whole number"),
    ValueType("number", "DOUBLE", False, "a real number"),
    ValueType("boolean", "BOOLEAN", False, "true or false"),
    ValueType("json", "JSON", True, "a JSON value"),
    ValueType("strings", "VARCHAR[]", False, "a list of texts"),
    ValueType("integers", "INTEGER[]", False, "a list of small whole numbers"),
    ValueType("numbers", "DOUBLE[]", False, "a list of real numbers"),
)

BY_NAME: dict[str, ValueType] = {t.name: t for t in TYPES}


def sql_types() -> dict[str, str]:
    """Type name -> DuckDB column type, for the model's schema files."""
    return {t.name: t.sql for t in TYPES}


def mapping_types() -> tuple[str, ...]:
    """The types a source mapping may give a field."""
    return tuple(t.name for t in TYPES if t.mapping)
