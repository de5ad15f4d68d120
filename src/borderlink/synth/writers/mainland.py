"""Mainland public security exports: gd_psb (CSV, UTF-8 with BOM), gx_psb (one flat
GB18030 CSV) and yn_psb (an XLSX workbook with real Excel date cells).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter

from borderlink.synth.noise import Clerk
from borderlink.synth.phones import write_phone
from borderlink.synth.spelling import mainland_name, pick_name, yn_pinyin
from borderlink.synth.world import Case, Person, Vehicle, World
from borderlink.synth.writers.fields import NATIONALITY_ZH, Sink, resident_id, write_csv
from borderlink.synth.writers.narratives import mainland_summary

EXHIBIT_ZH = {
    "phone": "手机",
    "vehicle": "车辆",
    "vessel": "船只",
    "document": "证件",
    "cash": "现金",
    "card": "银行卡",
}
SEX_ZH = {"M": "男", "F": "女"}


@dataclass
class Written:
    """A person's details as one mainland record states them."""

    name: str
    sex: str
    dob: date | None
    id_type: str
    id_number: str
    nationality: str
    phone: str


def person_fields(
    person: Person,
    phone: str | None,
    agency: str,
    clerk: Clerk,
    sink: Sink,
    where: tuple[str, str, str],
) -> Written:
    name = mainland_name(pick_name(person, clerk), agency, clerk)
    sex = "" if clerk.missing(0.5) else SEX_ZH[person.sex]
    dob = None if clerk.missing() else clerk.swapped(person.dob)
    id_type, number = "无", ""
    if person.resident_ids and not clerk.missing():
        id_type, number = "居民身份证", resident_id(person, clerk, sink, where)
    elif person.passport and not clerk.missing():
        id_type, number = "护照", person.passport
    nationality = "" if clerk.missing(0.3) else NATIONALITY_ZH[person.nationality]
    written_phone = ""
    if phone and not clerk.missing():
        style = "spaced" if agency == "gx_psb" else "plain"
        written_phone = write_phone(clerk.rng, phone, "86", style)
    return Written(name, sex, dob, id_type, number, nationality, written_phone)


def _cases(world: World, agency: str) -> list[Case]:
    return [c for c in world.cases if c.agency == agency]


def _summary(world: World, case: Case, cars: dict[int, Vehicle], rng: random.Random) -> str:
    people = [world.people[i.person - 1] for i in case.people]
    return mainland_summary(case, people, [i.role for i in case.people], cars, rng)


def write_gd(world: World, sink: Sink, clerk: Clerk) -> None:
    folder = sink.out / "gd_psb"
    cases = _cases(world, "gd_psb")
    cars = {v.owner: v for v in world.vehicles}
    case_rows = [
        [c.case_no, c.offence, c.opened.isoformat(), c.place, _summary(world, c, cars, clerk.rng)]
        for c in cases
    ]
    person_rows: list[list[str]] = []
    exhibit_rows: list[list[str]] = []
    counter = clerk.rng.randint(10_000, 90_000)
    for case in cases:
        key_of: dict[int, str] = {}
        for inv in case.people:
            counter += clerk.rng.randint(1, 3)
            key = f"GDP-{counter:07d}"
            key_of.setdefault(inv.person, key)
            person = world.people[inv.person - 1]
            w = person_fields(
                person, inv.phone, "gd_psb", clerk, sink, ("gd_psb", "涉案人员.csv", key)
            )
            # Guangdong's system wants a full date; a year or a month alone is rare.
            if w.dob is None:
                dob = ""
            elif clerk.hit(clerk.rates.partial_date / 4):
                dob = f"{w.dob:%Y}" if clerk.rng.random() < 0.5 else f"{w.dob:%Y%m}"
            else:
                dob = f"{w.dob:%Y%m%d}"
            person_rows.append(
                [
                    case.case_no,
                    key,
                    w.name,
                    w.sex,
                    dob,
                    w.id_type,
                    w.id_number,
                    w.nationality,
                    w.phone,
                    inv.role,
                    inv.outcome or "",
                ]
            )
            sink.record("gd_psb", "涉案人员.csv", key, person)
        for ex in case.exhibits:
            if ex.kind not in EXHIBIT_ZH:
                continue
            ident = (
                write_phone(clerk.rng, ex.identifier, "86") if ex.kind == "phone" else ex.identifier
            )
            holder = key_of.get(ex.holder, "") if ex.holder is not None else ""
            exhibit_rows.append([case.case_no, EXHIBIT_ZH[ex.kind], ident, holder])
    write_csv(
        folder / "案件.csv",
        ["案件编号", "案件类别", "立案日期", "发案地点", "简要案情"],
        case_rows,
        "utf-8-sig",
    )
    header = [
        "案件编号",
        "人员编号",
        "姓名",
        "性别",
        "出生日期",
        "证件类型",
        "证件号码",
        "国籍",
        "手机号码",
        "涉案身份",
        "处理结果",
    ]
    write_csv(folder / "涉案人员.csv", header, person_rows, "utf-8-sig")
    write_csv(
        folder / "涉案物品.csv",
        ["案件编号", "物品类别", "物品标识", "关联人员编号"],
        exhibit_rows,
        "utf-8-sig",
    )
    sink.counted("gd_psb/案件.csv", len(case_rows))
    sink.counted("gd_psb/涉案人员.csv", len(person_rows))
    sink.counted("gd_psb/涉案物品.csv", len(exhibit_rows))


def _gx_remark(person: Person, role: str, vehicle: str | None, rng: random.Random) -> str:
    if role in ("偷渡人员", "非法就业人员", "非法居留人员"):
        return rng.choice(["无有效出入境证件", "经边境便道入境", "", "已移交遣返", ""])
    if vehicle:
        return f"驾驶{vehicle}车辆接送偷渡人员"
    if person.aliases and rng.random() < 0.3:
        alias = person.aliases[0]
        alias_text = getattr(alias, "simplified", "")
        return f"又名{alias_text}" if alias_text else "使用多个化名"
    return ""


def write_gx(world: World, sink: Sink, clerk: Clerk) -> None:
    rows: list[list[str]] = []
    for case in _cases(world, "gx_psb"):
        opened = f"{case.opened.year}年{case.opened.month}月{case.opened.day}日"
        place = case.place.replace("省", "") if case.place.startswith("广西") else case.place
        for inv in case.people:
            key = f"row:{len(rows) + 2}"
            person = world.people[inv.person - 1]
            w = person_fields(
                person, inv.phone, "gx_psb", clerk, sink, ("gx_psb", "涉案人员登记.csv", key)
            )
            if w.dob is None:
                dob = ""
            elif clerk.partial():
                dob = f"{w.dob.year}年"
            else:
                dob = f"{w.dob.year}年{w.dob.month}月{w.dob.day}日"
            remark = _gx_remark(person, inv.role, inv.vehicle, clerk.rng)
            rows.append(
                [
                    case.case_no,
                    case.offence,
                    opened,
                    place,
                    w.name,
                    w.sex,
                    dob,
                    w.id_number,
                    w.nationality,
                    w.phone,
                    inv.role,
                    inv.vehicle or "",
                    remark,
                ]
            )
            sink.record("gx_psb", "涉案人员登记.csv", key, person)
    header = [
        "案件编号",
        "案件类别",
        "立案时间",
        "发案地",
        "姓名",
        "性别",
        "出生日期",
        "证件号码",
        "国籍",
        "联系电话",
        "身份",
        "车辆号牌",
        "备注",
    ]
    write_csv(sink.out / "gx_psb" / "涉案人员登记.csv", header, rows, "gb18030")
    sink.counted("gx_psb/涉案人员登记.csv", len(rows))


def yn_workbook_name(seed: int) -> str:
    """Yunnan's file name changes between deliveries."""
    return random.Random(f"{seed}:yn-name").choice(
        ["yn_export.xlsx", "人员案件2019.xlsx", "云南涉偷渡案件.xlsx"]
    )


def write_yn(world: World, sink: Sink, clerk: Clerk, seed: int) -> None:
    folder = sink.out / "yn_psb"
    folder.mkdir(parents=True, exist_ok=True)
    name = yn_workbook_name(seed)
    cases = _cases(world, "yn_psb")
    book = xlsxwriter.Workbook(
        str(folder / name), {"constant_memory": True, "strings_to_numbers": False}
    )
    # Fixed properties so the same seed gives byte-identical workbooks.
    book.set_properties({"author": "云南省公安厅", "created": datetime(2019, 8, 1, 9, 0, 0)})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("案件")
    for col, title in enumerate(["编号", "类别", "日期", "地点"]):
        sheet.write_string(0, col, title)
    for row, case in enumerate(cases, start=1):
        sheet.write_string(row, 0, case.case_no)
        sheet.write_string(row, 1, case.offence)
        sheet.write_datetime(
            row, 2, datetime(case.opened.year, case.opened.month, case.opened.day), date_format
        )
        sheet.write_string(row, 3, case.place)
    people = book.add_worksheet("人员")
    header = ["案件编号", "姓名", "拼音", "性别", "出生年月", "国籍", "证件号码", "电话", "角色"]
    for col, title in enumerate(header):
        people.write_string(0, col, title)
    row = 0
    for case in cases:
        for inv in case.people:
            row += 1
            key = f"row:{row + 1}"
            person = world.people[inv.person - 1]
            w = person_fields(person, inv.phone, "yn_psb", clerk, sink, ("yn_psb", "人员", key))
            values = [
                case.case_no,
                w.name,
                yn_pinyin(w.name, clerk),
                w.sex,
                "" if w.dob is None else f"{w.dob.year}-{w.dob.month:02d}",
                w.nationality,
                w.id_number,
                w.phone,
                inv.role,
            ]
            for col, value in enumerate(values):
                if value:
                    people.write_string(row, col, value)
            sink.record("yn_psb", "人员", key, person)
    book.close()
    sink.counted(f"yn_psb/{name}#案件", len(cases))
    sink.counted(f"yn_psb/{name}#人员", row)
