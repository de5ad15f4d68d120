"""truth/ covers every person row, and every check digit is valid unless truth says not."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import openpyxl
import phonenumbers
from stdnum.cn import ric

from .conftest import World


def _hkid_ok(number: str) -> bool:
    """Independent HKID check: weights 9..2, prefix padded with a space worth 36."""
    m = re.fullmatch(r"([A-Z]{1,2})(\d{6})\(([0-9A])\)", number)
    if m is None:
        return False
    prefix, digits, check = m.groups()
    values = [36 if c == " " else ord(c) - 55 for c in prefix.rjust(2)] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    expected = (11 - total % 11) % 11
    return check == ("A" if expected == 10 else str(expected))


def _gx_rows(world: World) -> list[dict[str, str]]:
    raw = (world.out / "gx_psb" / "涉案人员登记.csv").read_bytes().decode("gb18030")
    return list(csv.DictReader(io.StringIO(raw)))


def _yn_rows(world: World) -> list[tuple[int, dict[str, str]]]:
    [path] = list((world.out / "yn_psb").glob("*.xlsx"))
    header, *rows = list(
        openpyxl.load_workbook(path, read_only=True)["人员"].iter_rows(values_only=True)
    )
    return [
        (n, {str(h): ("" if v is None else str(v)) for h, v in zip(header, row, strict=False)})
        for n, row in enumerate(rows, start=2)
    ]


def _person_keys(world: World) -> Counter[tuple[str, str, str]]:
    keys: Counter[tuple[str, str, str]] = Counter()
    for row in world.csv_rows("gd_psb/涉案人员.csv", "utf-8-sig"):
        keys[("gd_psb", "涉案人员.csv", row["人员编号"])] += 1
    for n, _row in enumerate(_gx_rows(world), start=2):
        keys[("gx_psb", "涉案人员登记.csv", f"row:{n}")] += 1
    for n, _yn in _yn_rows(world):
        keys[("yn_psb", "人员", f"row:{n}")] += 1
    for row in world.csv_rows("hk_police/persons.csv"):
        keys[("hk_police", "persons.csv", row["person_ref"])] += 1
    for event in world.jsonl("hk_immd/enforcement.jsonl"):
        keys[("hk_immd", "enforcement.jsonl", str(event["record_id"]))] += 1
    return keys


def test_truth_covers_every_person_row_exactly_once(world: World) -> None:
    truth = Counter(
        (r["source"], r["file"], r["record_key"]) for r in world.csv_rows("truth/records.csv")
    )
    assert truth == _person_keys(world)
    assert max(truth.values()) == 1


def test_people_table_lists_exactly_the_people_in_records(world: World) -> None:
    in_records = {r["person_id"] for r in world.csv_rows("truth/records.csv")}
    people = [r["person_id"] for r in world.csv_rows("truth/people.csv")]
    assert len(people) == len(set(people))
    assert set(people) == in_records


def _written_ids(world: World) -> list[tuple[tuple[str, str, str], str, str]]:
    """(truth key, kind, number) for every resident ID and HKID written in the exports."""
    out: list[tuple[tuple[str, str, str], str, str]] = []
    for row in world.csv_rows("gd_psb/涉案人员.csv", "utf-8-sig"):
        if row["证件类型"] == "居民身份证":
            out.append((("gd_psb", "涉案人员.csv", row["人员编号"]), "resident", row["证件号码"]))
    for n, row in enumerate(_gx_rows(world), start=2):
        if len(row["证件号码"]) == 18:
            out.append((("gx_psb", "涉案人员登记.csv", f"row:{n}"), "resident", row["证件号码"]))
    for n, yn in _yn_rows(world):
        if len(yn["证件号码"]) == 18:
            out.append((("yn_psb", "人员", f"row:{n}"), "resident", yn["证件号码"]))
    for row in world.csv_rows("hk_police/persons.csv"):
        kind = {"Mainland ID": "resident", "HKID": "hkid"}.get(row["id_type"])
        if kind:
            out.append((("hk_police", "persons.csv", row["person_ref"]), kind, row["id_no"]))
    return out


def test_check_digits_are_valid_except_where_truth_marks_an_error(world: World) -> None:
    errors = {
        (r["source"], r["file"], r["record_key"]) for r in world.csv_rows("truth/id_errors.csv")
    }
    written = _written_ids(world)
    assert len(written) > 300
    invalid = {
        key
        for key, kind, number in written
        if not (ric.is_valid(number) if kind == "resident" else _hkid_ok(number))
    }
    assert invalid == errors
    assert errors, "the default scenario breaks a few IDs on purpose"


def test_clean_scenario_breaks_no_ids(tmp_path: object) -> None:
    from pathlib import Path

    from borderlink.synth import generate

    out = Path(str(tmp_path)) / "clean"
    summary = generate(out, seed=3, scale=600, scenario="clean-joint-operation-2016")
    assert summary.id_errors == 0
    assert (out / "truth" / "id_errors.csv").read_text(encoding="utf-8").splitlines() == [
        "source,file,record_key,reason"
    ]


def test_every_true_phone_number_is_valid_in_its_plan(world: World) -> None:
    phones = {r["phone"] for r in world.csv_rows("truth/phones.csv")}
    assert len(phones) > 100
    bad = [p for p in phones if not phonenumbers.is_valid_number(phonenumbers.parse(p))]
    assert bad == []


def test_shared_phones_and_burners_exist(world: World) -> None:
    rows = world.csv_rows("truth/phones.csv")
    holders = Counter(r["phone"] for r in rows)
    per_person = Counter(r["person_id"] for r in rows)
    assert max(holders.values()) >= 2  # a work phone shared by two transporters
    assert max(per_person.values()) >= 3  # an organiser's burners
