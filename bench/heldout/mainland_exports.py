"""gd_psb (UTF-8 with BOM CSVs), gx_psb (one GB18030 CSV) and yn_psb (an XLSX workbook)."""

from __future__ import annotations

from datetime import datetime

import xlsxwriter

from . import identifiers as ids
from .events import Sighting
from .exports import CN_KIND, CN_NAT, CN_OFFENCE, CN_ROLE, Writer
from .people import Person, mainland_name, pinyin_column


class MainlandWriter(Writer):
    # --- gd_psb ----------------------------------------------------------------------
    def gd_number(self, p: Person) -> str:
        if p.pid in self.gd_numbers and self.rng.random() < 0.5:
            return self.gd_numbers[p.pid]
        while True:
            n = self.rng.randrange(10**6, 10**7)
            if n not in self.used_numbers:
                self.used_numbers.add(n)
                break
        self.gd_numbers[p.pid] = f"GDP-{n:07d}"
        return self.gd_numbers[p.pid]

    def gd(self) -> None:
        rng = self.rng
        cases, people, items = [], [], []
        for c in self.cases_of("gd_psb"):
            summary = f"{c.when.year}年{c.when.month}月，{c.place}查获{len(c.sightings)}人。"
            cases.append([c.case_no, CN_OFFENCE[c.offence], c.when.isoformat(), c.place, summary])
            for s in c.sightings:
                p = s.person
                key = self.gd_number(p)
                d = self.dob(p, s)
                dob = "" if d is None else (f"{d:%Y%m}" if rng.random() < 0.03 else f"{d:%Y%m%d}")
                doc = self.doc(s, "gd_psb", key, "涉案人员.csv")
                doc_type = (
                    {"rid": "居民身份证", "passport": "护照"}.get(doc[0], "无") if doc else "无"
                )
                role = CN_KIND[s.migrant_kind] if s.migrant_kind else CN_ROLE[s.role]
                assert s.name is not None
                people.append(
                    [
                        c.case_no,
                        key,
                        mainland_name(rng, s.name, "gd_psb"),
                        {"M": "男", "F": "女"}[p.sex] if rng.random() > 0.02 else "",
                        dob,
                        doc_type,
                        doc[1] if doc else "",
                        CN_NAT[p.nat],
                        self.phone(s, "GD"),
                        role,
                        s.outcome or "刑事拘留",
                    ]
                )
                self.record("gd_psb", "涉案人员.csv", key, p)
                items.extend([c.case_no, *it] for it in self.seized(s, key, "GD"))
            for kind, ident, holder in c.exhibits:
                hk = self.gd_numbers.get(holder.person.pid, "") if holder else ""
                items.append([c.case_no, {"document": "证件"}[kind], ident, hk])
        d = self.out / "gd_psb"
        self.write_csv(
            d / "案件.csv",
            ["案件编号", "案件类别", "立案日期", "发案地点", "简要案情"],
            cases,
            "utf-8-sig",
        )
        self.write_csv(
            d / "涉案人员.csv",
            [
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
            ],
            people,
            "utf-8-sig",
        )
        self.write_csv(
            d / "涉案物品.csv",
            ["案件编号", "物品类别", "物品标识", "关联人员编号"],
            items,
            "utf-8-sig",
        )

    def seized(self, s: Sighting, key: str, region: str) -> list[list[str]]:
        """Exhibits taken from a facilitator (gd_psb: 物品类别, 物品标识, 关联人员编号)."""
        rng, p, out = self.rng, s.person, []
        syn = next((x for x in self.w.syndicates if x.sid == p.syndicate), None)
        if p.role in ("migrant", "employer") or syn is None:
            if p.phones and rng.random() < 0.1:
                out.append(["手机", ids.write_phone(rng, p.phones[0], region), key])
            return out
        for ph in p.phones:
            if rng.random() < 0.45:
                out.append(["手机", ids.write_phone(rng, ph, region), key])
        if p.pid in syn.vehicles and rng.random() < 0.7:
            out.append(["车辆", ids.write_plate(rng, syn.vehicles[p.pid][0]), key])
        if p.pid in syn.vessels and rng.random() < 0.7:
            out.append(["船只", syn.vessels[p.pid], key])
        if p.pid in syn.cards:
            out.extend(["银行卡", card, key] for card in syn.cards[p.pid] if rng.random() < 0.6)
            if rng.random() < 0.5:
                out.append(["现金", str(rng.randrange(5, 400) * 1000), key])
        if p.role == "document_vendor":
            out.extend(["证件", ids.passport(rng, "VNM"), key] for _ in range(rng.randrange(1, 4)))
        return out

    # --- gx_psb ----------------------------------------------------------------------
    def gx(self) -> None:
        rng, rows = self.rng, []
        for c in self.cases_of("gx_psb"):
            opened = f"{c.when.year}年{c.when.month}月{c.when.day}日"
            for s in c.sightings:
                p = s.person
                key = f"row:{len(rows) + 2}"
                d = self.dob(p, s)
                dob = (
                    ""
                    if d is None
                    else (
                        f"{d.year}年" if rng.random() < 0.15 else f"{d.year}年{d.month}月{d.day}日"
                    )
                )
                doc = self.doc(s, "gx_psb", key, "涉案人员登记.csv")
                syn = next((x for x in self.w.syndicates if x.sid == p.syndicate), None)
                plate = ""
                if syn and p.pid in syn.vehicles and s.stage == "drv" and rng.random() < 0.8:
                    plate = ids.write_plate(rng, syn.vehicles[p.pid][0])
                role = CN_KIND[s.migrant_kind] if s.migrant_kind else CN_ROLE[s.role]
                notes = (
                    ["从越南芒街偷渡入境", "经北仑河入境", "已遣返"]
                    if s.migrant_kind
                    else ["驾车运送", "拒不交代", "负责联络", "供述受雇运送"]
                )
                note = "" if rng.random() < 0.7 else rng.choice(notes)
                assert s.name is not None
                rows.append(
                    [
                        c.case_no,
                        CN_OFFENCE[c.offence],
                        opened,
                        c.place,
                        mainland_name(rng, s.name, "gx_psb"),
                        {"M": "男", "F": "女"}[p.sex],
                        dob,
                        doc[1] if doc else "",
                        CN_NAT[p.nat],
                        self.phone(s, "GX"),
                        role,
                        plate,
                        note,
                    ]
                )
                self.record("gx_psb", "涉案人员登记.csv", key, p)
        self.write_csv(
            self.out / "gx_psb" / "涉案人员登记.csv",
            [
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
            ],
            rows,
            "gb18030",
        )

    # --- yn_psb ----------------------------------------------------------------------
    def yn(self) -> None:
        rng = self.rng
        d = self.out / "yn_psb"
        d.mkdir(parents=True, exist_ok=True)
        name = rng.choice(
            ["yn_export.xlsx", f"人员案件{2016 + self.seed % 4}.xlsx", "云南边境案件.xlsx"]
        )
        wb = xlsxwriter.Workbook(str(d / name))
        wb.set_properties({"created": datetime(2020, 1, 15, 9, 0, 0)})
        fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        cs, ps = wb.add_worksheet("案件"), wb.add_worksheet("人员")
        cs.write_row(0, 0, ["编号", "类别", "日期", "地点"])
        ps.write_row(
            0,
            0,
            ["案件编号", "姓名", "拼音", "性别", "出生年月", "国籍", "证件号码", "电话", "角色"],
        )
        r = 1
        for i, c in enumerate(self.cases_of("yn_psb"), start=1):
            cs.write_row(i, 0, [c.case_no, CN_OFFENCE[c.offence]])
            cs.write_datetime(i, 2, datetime(c.when.year, c.when.month, c.when.day), fmt)
            cs.write_string(i, 3, c.place)
            for s in c.sightings:
                p = s.person
                key = f"row:{r + 1}"
                assert s.name is not None
                written = mainland_name(rng, s.name, "yn_psb")
                dd = self.dob(p, s)
                doc = self.doc(s, "yn_psb", key, "人员")
                role = CN_KIND[s.migrant_kind] if s.migrant_kind else CN_ROLE[s.role]
                ps.write_row(
                    r,
                    0,
                    [
                        c.case_no,
                        written,
                        pinyin_column(rng, s.name, written),
                        {"M": "男", "F": "女"}[p.sex],
                        f"{dd:%Y-%m}" if dd else "",
                        CN_NAT[p.nat],
                        doc[1] if doc else "",
                    ],
                )
                phone = self.phone(s, "YN")
                if (
                    phone.isdigit()
                    and phone.startswith("1")
                    and len(phone) == 11
                    and rng.random() < 0.3
                ):
                    ps.write_number(r, 7, int(phone))  # typed into Excel as a number
                else:
                    ps.write_string(r, 7, phone)
                ps.write_string(r, 8, role)
                self.record("yn_psb", "人员", key, p)
                r += 1
        wb.close()
