"""One input row -> one canonical record (plus value issues), driven by the mapping.

Pure functions: no I/O. A row that cannot be read raises RowRejected (it goes to
quarantine); a value that can be read but not cleaned is kept as written in its
_raw column, flagged, and reported as a ValueIssue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from borderlink.model import vocab
from borderlink.model.types import (
    clean_hkid,
    clean_passport,
    clean_phone,
    clean_plate,
    clean_resident_id,
    clean_sex,
    name_script,
    parse_date,
)
from borderlink.sources.jsonl_reader import get_path
from borderlink.sources.mapping import FieldSpec, FileSpec

_ID_TYPES = {
    "passport": "passport",
    "hkid": "hkid",
    "resident_id": "resident_id",
    "mainland_id": "mainland_id",
    "recognizance": "recognizance",
    "id_card": "other",
}
_AMOUNT = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


class RowRejected(Exception):
    def __init__(self, column: str | None, raw: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column, self.raw, self.reason = column, raw, reason


@dataclass(frozen=True)
class ValueIssue:
    column: str
    raw: str
    reason: str


def as_text(value: Any) -> str | None:
    """A cell as text, as a person would read it; blank -> None."""
    if type(value) is str:
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


cached_date = lru_cache(maxsize=200_000)(parse_date)
cached_phone = lru_cache(maxsize=200_000)(clean_phone)


def _value(spec: FieldSpec, values: dict[str, Any]) -> tuple[Any, str | None]:
    """(the cell as delivered, its text)."""
    if spec.literal is not None:
        return spec.literal, spec.literal
    if spec.template is not None:
        parts = {k: as_text(v) or "" for k, v in values.items() if not isinstance(v, dict)}
        text = " ".join(spec.template.format_map(_Blank(parts)).split())
        return text, text or None
    assert spec.column is not None
    raw = get_path(values, spec.column) if "." in spec.column else values.get(spec.column)
    return raw, as_text(raw)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _id_type(spec: FieldSpec, values: dict[str, Any], number: str) -> str:
    declared = None
    if spec.type_column:
        raw_type = as_text(get_path(values, spec.type_column))
        if raw_type:
            declared = spec.values.get(raw_type) or _ID_TYPES.get(raw_type.lower(), "other")
    if declared and declared != "none":
        return declared
    compact = re.sub(r"[^0-9Xx]", "", number)
    if len(compact) == 18 and compact[:17].isdigit():
        return "resident_id"
    if re.fullmatch(r"[A-Za-z]{1,2}\d{6}\(?[0-9Aa]\)?", number.replace(" ", "")):
        return "hkid"
    return "passport"


def _set_id(
    rec: dict[str, Any],
    spec: FieldSpec,
    values: dict[str, Any],
    text: str,
    issues: list[ValueIssue],
) -> None:
    kind = _id_type(spec, values, text)
    rec["id_raw"], rec["id_type"] = text, kind
    if kind in ("resident_id", "mainland_id") and len(re.sub(r"\W", "", text)) == 18:
        rec["id_number"], rec["id_valid"] = clean_resident_id(text)
    elif kind == "hkid":
        rec["id_number"], rec["id_valid"] = clean_hkid(text)
    else:
        rec["id_number"], rec["id_valid"] = clean_passport(text), None
    if rec["id_valid"] is False:
        issues.append(ValueIssue("id_number", text, f"invalid {kind} check digit"))
    if spec.issuer_column:
        issuer = as_text(get_path(values, spec.issuer_column))
        rec["id_issuer"] = vocab.country_code(issuer) or issuer


def _set_identifier(
    rec: dict[str, Any], text: str, file: FileSpec, region: str, issues: list[ValueIssue]
) -> None:
    kind = rec.get("kind")
    rec["identifier_raw"] = text
    if kind == "phone":
        e164, valid = cached_phone(text, region)
        rec["identifier"] = e164
        if not valid:
            issues.append(ValueIssue("identifier", text, "unparseable phone number"))
    elif kind == "vehicle":
        rec["identifier"] = clean_plate(text)
    elif kind == "cash":
        m = _AMOUNT.search(text)
        rec["amount"] = float(m.group().replace(",", "")) if m else None
        rec["currency"] = file.currency
        rec["identifier"] = None
        if m is None:
            issues.append(ValueIssue("amount", text, "no amount in text"))
    else:
        rec["identifier"] = clean_passport(text)


def apply_field(
    rec: dict[str, Any],
    name: str,
    spec: FieldSpec,
    values: dict[str, Any],
    file: FileSpec,
    phone_region: str,
    columns: frozenset[str],
    issues: list[ValueIssue],
) -> None:
    raw, text = _value(spec, values)
    where = spec.column or name
    if text is None:
        if spec.required:
            raise RowRejected(where, None, "required column empty")
        return
    kind = spec.type
    if kind in ("text", "json"):
        rec[name] = text
    elif kind == "name":
        rec[name] = raw.strip() if isinstance(raw, str) else text
        if name == "name":
            rec["name_script"] = name_script(rec[name])
    elif kind == "date":
        rec[f"{name}_raw"] = text
        parsed = cached_date(raw) if isinstance(raw, (dt.date, dt.datetime)) else cached_date(text)
        if parsed is None:
            if spec.required:
                raise RowRejected(where, text, "unparseable date")
            issues.append(ValueIssue(name, text, "unparseable date"))
            return
        rec[name], rec[f"{name}_precision"] = parsed[0], parsed[1]
        if parsed[2]:
            issues.append(ValueIssue(name, text, "day and month swapped to make a valid date"))
    elif kind == "sex":
        rec["sex_raw"], rec["sex"] = text, clean_sex(text)
        if rec["sex"] is None:
            issues.append(ValueIssue("sex", text, "unknown sex code"))
    elif kind == "id":
        _set_id(rec, spec, values, text, issues)
    elif kind == "nationality":
        rec["nationality_raw"], rec["nationality"] = text, vocab.country_code(text)
        if rec["nationality"] is None:
            issues.append(ValueIssue("nationality", text, "unknown country"))
    elif kind == "phone":
        region = phone_region
        if spec.region_column:
            region = spec.regions.get(as_text(values.get(spec.region_column)) or "", region)
        e164, valid = cached_phone(text, region)
        rec[name], rec[f"{name}_raw"] = e164, text
        if f"{name}_valid" in columns:
            rec[f"{name}_valid"] = valid
        if not valid:
            issues.append(ValueIssue(name, text, "unparseable phone number"))
    elif kind == "role":
        rec["role_raw"] = text
        rec["role"], rec["migrant_kind"] = vocab.role_code(spec.values.get(text, text))
        if rec["role"] is None:
            issues.append(ValueIssue("role", text, "unknown role"))
    elif kind == "offence":
        rec["offence_raw"], rec["offence"] = text, vocab.offence_code(text)
        if rec["offence"] is None:
            issues.append(ValueIssue("offence", text, "unknown offence"))
    elif kind == "outcome":
        rec["outcome_raw"], rec["outcome"] = text, vocab.outcome_code(text)
    elif kind == "exhibit_kind":
        rec["kind"] = vocab.exhibit_kind(text)
        if rec["kind"] is None:
            issues.append(ValueIssue("kind", text, "unknown exhibit kind"))
    elif kind == "identifier":
        _set_identifier(rec, text, file, phone_region, issues)
    elif kind == "integer":
        try:
            rec[name] = int(float(text))
        except ValueError:
            issues.append(ValueIssue(name, text, "not a number"))
    elif kind == "timestamp":
        try:
            rec[name] = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            issues.append(ValueIssue(name, text, "unparseable timestamp"))


def transform(
    file: FileSpec, values: dict[str, Any], phone_region: str, columns: frozenset[str]
) -> tuple[dict[str, Any], list[ValueIssue]]:
    """The canonical record for one row, and the values that could not be cleaned."""
    rec: dict[str, Any] = {}
    issues: list[ValueIssue] = []
    for name, spec in file.fields.items():
        apply_field(rec, name, spec, values, file, phone_region, columns, issues)
    return rec, issues
