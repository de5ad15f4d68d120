"""One input row -> one canonical record (plus value issues), driven by the mapping.

Pure functions: no I/O. A row that cannot be read raises RowRejected (it goes to
quarantine); a value that can be read but not cleaned is kept as written in its
_raw column, flagged, and reported as a ValueIssue.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from borderlink.ingest.plausible import (
    MAX_AMOUNT,
    MAX_NUMBER_CHARS,
    implausible_date,
    outside_period,
    read_integer,
    read_timestamp,
)
from borderlink.model import vocab
from borderlink.model.types import (
    PhoneCheck,
    check_hkid,
    check_phone,
    check_resident_id,
    clean_passport,
    clean_plate,
    clean_sex,
    infer_id_type,
    name_script,
    parse_date,
    parse_date_formats,
    split_surname_caps,
)
from borderlink.model.types.identity import MAX_ID_CHARS, TOO_LONG
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


_BEFORE_BIRTH = "event date before the person's birth"


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
cached_date_formats = lru_cache(maxsize=200_000)(parse_date_formats)
cached_phone = lru_cache(maxsize=200_000)(check_phone)
# Fields read after the others: typing an ID and reading a national-format phone
# use the holder's nationality.
_LATE_TYPES = frozenset({"id", "phone"})


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


def _id_type(spec: FieldSpec, values: dict[str, Any], number: str, nationality: Any) -> str:
    """The declared document type; without one, the number's shape and the nationality."""
    declared = None
    if spec.type_column:
        raw_type = as_text(get_path(values, spec.type_column))
        if raw_type:
            declared = spec.values.get(raw_type) or _ID_TYPES.get(raw_type.lower(), "other")
    if declared and declared != "none":
        return declared
    return infer_id_type(number, nationality if isinstance(nationality, str) else None)


_ID_LABELS = {"resident_id": "resident ID", "mainland_id": "mainland ID", "hkid": "HKID"}


def _set_id(
    rec: dict[str, Any],
    spec: FieldSpec,
    values: dict[str, Any],
    text: str,
    issues: list[ValueIssue],
) -> None:
    kind = _id_type(spec, values, text, rec.get("nationality"))
    rec["id_raw"], rec["id_type"] = text, kind
    problems: list[str] = []
    if kind in ("resident_id", "mainland_id"):
        rec["id_number"], problems = check_resident_id(text)
        rec["id_valid"] = not problems
    elif kind == "hkid":
        rec["id_number"], problems = check_hkid(text)
        rec["id_valid"] = not problems
    else:
        rec["id_number"], rec["id_valid"] = clean_passport(text), None
    if not problems and len(rec["id_number"]) > MAX_ID_CHARS:
        problems = [TOO_LONG]
    if problems:
        label = _ID_LABELS.get(kind, kind)
        issues.append(ValueIssue("id_number", text, f"invalid {label}: {'; '.join(problems)}"))
    if spec.issuer_column:
        issuer = as_text(get_path(values, spec.issuer_column))
        rec["id_issuer"] = vocab.country_code(issuer) or issuer


def _phone_issue(column: str, text: str, phone: PhoneCheck, issues: list[ValueIssue]) -> None:
    """What could not be read, or how a number without country code was placed."""
    why = phone.problem or phone.note
    if why is not None:
        issues.append(ValueIssue(column, text, f"phone: {why}"))


def _set_identifier(
    rec: dict[str, Any], text: str, file: FileSpec, region: str, issues: list[ValueIssue]
) -> None:
    kind = rec.get("kind")
    rec["identifier_raw"] = text
    if kind == "phone":
        phone = cached_phone(text, region, None)
        rec["identifier"] = phone.e164
        _phone_issue("identifier", text, phone, issues)
    elif kind == "vehicle":
        rec["identifier"] = clean_plate(text)
    elif kind == "cash":
        m = _AMOUNT.search(text[:MAX_NUMBER_CHARS])
        amount = float(m.group().replace(",", "")) if m else None
        rec["currency"] = file.currency
        rec["identifier"] = None
        if amount is None:
            issues.append(ValueIssue("amount", text, "no amount in text"))
        elif not math.isfinite(amount) or abs(amount) > MAX_AMOUNT:
            issues.append(ValueIssue("amount", text, "amount out of range"))
        else:
            rec["amount"] = amount
    else:
        rec["identifier"] = clean_passport(text)


def _set_integer(
    rec: dict[str, Any], name: str, spec: FieldSpec, text: str, issues: list[ValueIssue]
) -> None:
    value, problem = read_integer(text, spec.minimum)
    if problem is not None:
        issues.append(ValueIssue(name, text, problem))
    else:
        rec[name] = value


def _set_timestamp(
    rec: dict[str, Any],
    name: str,
    spec: FieldSpec,
    values: dict[str, Any],
    text: str,
    issues: list[ValueIssue],
) -> None:
    """A time with its offset; without one, in the zone the mapping states for the row."""
    zone = spec.timezone
    if spec.region_column and spec.timezones:
        zone = spec.timezones.get(as_text(values.get(spec.region_column)) or "", zone)
    value, problem = read_timestamp(text, zone)
    if problem is None and value is not None and spec.period is not None:
        problem = outside_period(value.date(), spec.period.earliest, spec.period.latest)
    if problem is not None:
        issues.append(ValueIssue(name, text, problem))
    if value is not None:
        rec[name] = value


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
        if spec.split == "surname_caps_first":
            surname, given = split_surname_caps(rec[name])
            rec.setdefault("surname", surname)
            rec.setdefault("given_names", given)
    elif kind == "date":
        rec[f"{name}_raw"] = text
        value = raw if isinstance(raw, (dt.date, dt.datetime)) else text
        parsed = (
            cached_date_formats(value, tuple(spec.formats)) if spec.formats else cached_date(value)
        )
        if parsed is None:
            if spec.required:
                raise RowRejected(where, text, "unparseable date")
            issues.append(ValueIssue(name, text, "unparseable date"))
            return
        rec[name], rec[f"{name}_precision"] = parsed[0], parsed[1]
        if parsed[2]:
            issues.append(ValueIssue(name, text, "day and month swapped to make a valid date"))
        doubt = implausible_date(name, parsed[0])
        if doubt is None and spec.period is not None:
            doubt = outside_period(parsed[0], spec.period.earliest, spec.period.latest)
        if doubt is not None:
            issues.append(ValueIssue(name, text, doubt))
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
        nationality = rec.get("nationality")
        home = vocab.country_alpha2(nationality) if isinstance(nationality, str) else None
        phone = cached_phone(text, region, home)
        rec[name], rec[f"{name}_raw"] = phone.e164, text
        if f"{name}_valid" in columns:
            rec[f"{name}_valid"] = phone.valid
        _phone_issue(name, text, phone, issues)
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
        _set_integer(rec, name, spec, text, issues)
    elif kind == "timestamp":
        _set_timestamp(rec, name, spec, values, text, issues)


def transform(
    file: FileSpec, values: dict[str, Any], phone_region: str, columns: frozenset[str]
) -> tuple[dict[str, Any], list[ValueIssue]]:
    """The canonical record for one row, and the values that could not be cleaned."""
    rec: dict[str, Any] = {}
    issues: list[ValueIssue] = []
    late = []
    for name, spec in file.fields.items():
        if spec.type in _LATE_TYPES:
            late.append((name, spec))
        else:
            apply_field(rec, name, spec, values, file, phone_region, columns, issues)
    for name, spec in late:
        apply_field(rec, name, spec, values, file, phone_region, columns, issues)
    _before_birth(file, rec, issues)
    return rec, issues


def _before_birth(file: FileSpec, rec: dict[str, Any], issues: list[ValueIssue]) -> None:
    """An event of a person's row (the mapping's dated events) cannot precede their birth."""
    born = rec.get("dob")
    if not isinstance(born, dt.date):
        return
    for name, spec in file.fields.items():
        when = rec.get(name)
        if spec.period is None or not isinstance(when, dt.date):
            continue
        if (when.date() if isinstance(when, dt.datetime) else when) < born:
            issues.append(ValueIssue(name, rec.get(f"{name}_raw") or str(when), _BEFORE_BIRTH))
