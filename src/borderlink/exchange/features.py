"""What a person record contributes to privacy-preserving matching, in clear text.

The encoder turns these tokens into keyed Bloom filters; a clear-text matcher
(the benchmark's reference) compares them as plain sets. Names contribute their
cross-script whole-name keys (resolve/names), so 陳志明 and CHEN Zhiming share
`py:chen|zhi ming`; romanisation-bridge keys let CHAN Chi-ming meet CHEN Zhiming
without characters. Fields the agreement withholds for a record's role (a
migrant's phone and ID) are not encoded either.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from borderlink.errors import AgreementError
from borderlink.exchange.agreement import Release
from borderlink.resolve.features import fuzzy_keys
from borderlink.resolve.names import NameInput, bridge_keys, latin_forms, name_keys


class FieldBits(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    bits: int
    k: int


class NameBits(FieldBits):
    slots: int
    bridge_slots: int


class Blocking(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max_block_pairs: int


class MatchRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: float
    rare_name_support: float
    conflict_penalty: float
    dob_conflict_below: float
    id_conflict_below: float
    year_only_support: float
    month_support: float
    min_name: float
    inexact_name_needs_document: bool
    max_weak_name_pairs: int
    sex_conflict: bool
    id_support_at: float


class EncodingParams(BaseModel):
    """exchange/encoding.yaml: filter sizes, blocking and the match rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int
    name: NameBits
    dob: FieldBits
    id_number: FieldBits
    phone: FieldBits
    sex: FieldBits
    id_kind: FieldBits
    blocking: Blocking
    match: MatchRule


@cache
def load_params() -> EncodingParams:
    name = "exchange/encoding.yaml"
    text = (resources.files("borderlink.exchange") / "encoding.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    try:
        params = EncodingParams.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise AgreementError(f"{name}: {where}: {first['msg']}", file=name) from exc
    for field in ("name", "dob", "id_number", "phone", "sex", "id_kind"):
        bits = getattr(params, field).bits
        if bits <= 0 or bits % 64:
            raise AgreementError(f"{name}: {field}.bits: {bits} is not a positive multiple of 64")
    return params


@dataclass(frozen=True)
class PersonTokens:
    """One record's matching tokens, in clear (never written anywhere as such)."""

    key: tuple[str, str, str]  # source, file, record_key: as `export records` names it
    names: tuple[str, ...]  # one whole-name key per name slot
    dob: tuple[str, ...]
    id_grams: tuple[str, ...]
    id_kind: tuple[str, ...]  # the document kind, so numbers of two kinds never conflict
    phone: tuple[str, ...]
    sex: tuple[str, ...]
    blocks: tuple[str, ...]


# Document kinds as resolve groups them (a mainland resident ID is one kind however typed).
ID_KINDS = {
    "resident_id": "cn_resident",
    "mainland_id": "cn_resident",
    "hkid": "hkid",
    "passport": "passport",
    "recognizance": "recognizance",
}

# Prefix of the blocking tokens that stand for a whole-name key alone: when the key
# is rare on both sides and held by one record on each, the name supports the pair.
NAME_ONLY = "n:"

RECORD_COLUMNS = (
    "source, file, record_key, name, name_zh, name_pinyin, surname, given_names, "
    "nationality, sex, dob, dob_precision, id_type, id_number, id_valid, phone, role"
)


def _dob_tokens(dob: Any, precision: str | None) -> tuple[str, ...]:
    """Year, year-month, full date as precision allows; plus the date with day and month
    unordered, so a date written day-first in one agency and month-first in another
    still shares half its tokens."""
    if not isinstance(dob, dt.date):
        return ()
    out = [f"y:{dob.year}"]
    if precision in ("month", "day", None):
        out.append(f"ym:{dob.year}-{dob.month:02d}")
    if precision in ("day", None):
        out.append(f"ymd:{dob.isoformat()}")
        low, high = sorted((dob.month, dob.day))
        out.append(f"yu:{dob.year}-{low:02d}-{high:02d}")
    return tuple(out)


def _id_birth_date(row: dict[str, Any]) -> dt.date | None:
    """The birth date a valid mainland resident ID encodes (digits 7-14), as resolve uses it."""
    number = str(row.get("id_number") or "")
    if row.get("id_type") not in ("resident_id", "mainland_id") or not row.get("id_valid"):
        return None
    try:
        return dt.datetime.strptime(number[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def _id_grams(id_number: str | None) -> tuple[str, ...]:
    text = re.sub(r"[^0-9A-Z]", "", (id_number or "").upper())
    if len(text) < 4:
        return ()
    padded = f"^{text}$"
    return tuple(sorted({padded[i : i + 2] + f"@{i}" for i in range(len(padded) - 1)}))


@cache
def _name_slots(
    n: NameInput, slots: int, bridge_slots: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(slot keys, fuzzy blocking keys) of one distinct name."""
    keys = sorted(name_keys(n))
    hk, py = bridge_keys(n)
    bridge = [k for k in sorted(hk | py) if k not in keys][:bridge_slots]
    chosen = keys[: slots - len(bridge)] + bridge
    return tuple(chosen), tuple(fuzzy_keys(latin_forms(n)))


def person_tokens(row: dict[str, Any], release: Release | None) -> PersonTokens:
    """Tokens of one person_records row; withheld fields stay out."""
    params = load_params().name
    allowed = set(release.fields_for(row.get("role"))) if release else None

    def ok(field: str) -> bool:
        return allowed is None or field in allowed

    def text(field: str) -> str | None:
        value = row.get(field)
        return str(value) if ok(field) and value not in (None, "") else None

    n = NameInput(
        text("name"),
        text("name_zh"),
        text("name_pinyin"),
        text("surname"),
        text("given_names"),
        text("nationality"),
    )
    names, fuzzy = _name_slots(n, params.slots, params.bridge_slots)
    dob: tuple[str, ...] = ()
    if ok("dob") and row.get("dob") is not None:
        dob = _dob_tokens(row.get("dob"), row.get("dob_precision"))
    elif ok("dob") and ok("id_number") and (from_id := _id_birth_date(row)) is not None:
        dob = _dob_tokens(from_id, "day")
    sex = (f"s:{text('sex')}",) if text("sex") else ()
    kind = ID_KINDS.get(str(row.get("id_type") or ""), "other")
    # A recognizance form is issued per arrest: it never identifies a person.
    number = text("id_number") if kind != "recognizance" else None
    ids = _id_grams(number)
    id_kind = (f"k:{kind}",) if ids else ()
    phone = (f"p:{text('phone')}",) if text("phone") else ()
    year = next((t[2:] for t in dob if t.startswith("y:")), None)
    blocks = {f"{NAME_ONLY}{k}" for k in names} | {f"ny:{k}|{year}" for k in names if year}
    blocks |= {f"f:{k}" for k in fuzzy} | {f"fy:{k}|{year}" for k in fuzzy if year}
    # A full birth date with sex meets a misspelt name the name tokens miss.
    blocks |= {f"ds:{t[4:]}|{sex[0] if sex else ''}" for t in dob if t.startswith("ymd:")}
    if number:
        blocks.add(f"i:{number}")
    blocks |= set(phone)
    key = (str(row["source"]), str(row["file"]), str(row["record_key"]))
    return PersonTokens(key, names, dob, ids, id_kind, phone, sex, tuple(sorted(blocks)))


def rare_name_keys(tokens: list[PersonTokens]) -> frozenset[str]:
    """Name keys that likely belong to one person in this agency's records.

    The estimate resolve uses (resolve/features.py, KEY_HOLDERS_SQL): the larger
    of the distinct birth years among a key's holders and the count expected if
    surname and given name were drawn independently at their frequencies within
    the key's family; rare when it is at most one and the expectation below 0.5.
    So NGUYEN VAN HOA, unique in one agency, is still not rare.
    """
    fam: dict[str, int] = {}
    sur: dict[tuple[str, str], int] = {}
    giv: dict[tuple[str, str], int] = {}
    years: dict[str, set[str]] = {}
    for t in tokens:
        year = next((d[2:] for d in t.dob if d.startswith("y:")), "")
        for key in t.names:
            family, _, body = key.partition(":")
            surname, _, given = body.partition("|")
            fam[family] = fam.get(family, 0) + 1
            sur[family, surname] = sur.get((family, surname), 0) + 1
            giv[family, given] = giv.get((family, given), 0) + 1
            years.setdefault(key, set()).add(year)
    out = set()
    for key, seen in years.items():
        family, _, body = key.partition(":")
        surname, bar, given = body.partition("|")
        if not bar or not given:  # a phonetic whole-string key: no frequencies to judge by
            continue
        expected = sur[family, surname] * giv[family, given] / fam[family]
        if len(seen - {""}) <= 1 and expected < 0.5:
            out.add(key)
    return frozenset(out)


def block_kind(block: str, rare: frozenset[str]) -> int:
    """1 for a rare whole-name key standing alone, 2 for another whole-name key alone
    (the matcher counts how many pairs share it: a name's rarity), else 0."""
    if not block.startswith(NAME_ONLY):
        return 0
    return 1 if block[len(NAME_ONLY) :] in rare else 2
