"""Write the world as each agency delivers it (SOURCES.md), and the truth of who is who."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path
from typing import Any

from . import identifiers as ids
from .events import Case, Sighting
from .people import Person
from .world import World

CN_ROLE = {
    "organiser": "组织者",
    "recruiter": "招募者",
    "transporter": "运送者",
    "receiver": "接应者",
    "harbourer": "容留者",
    "document_vendor": "制售证件者",
    "financier": "资金结算者",
}
CN_KIND = {"entrant": "偷渡人员", "worker": "非法就业人员", "overstayer": "非法居留人员"}
CN_OFFENCE = {
    "organising": "组织他人偷越国(边)境",
    "transporting": "运送他人偷越国(边)境",
    "illegal_crossing": "偷越国(边)境",
    "illegal_employment": "非法就业",
    "illegal_stay": "非法居留",
    "document_fraud": "骗取出境证件",
}
HK_OFFENCE = {
    "illegal_landing": "Illegal landing",
    "remaining": "Remaining in HK without authority",
    "aiding": "Aiding and abetting illegal immigration",
    "arranging": "Arranging passage of unauthorized entrants",
    "employing": "Employing an illegal immigrant",
    "breach": "Breach of condition of stay",
}
CN_NAT = {
    "CHN": "中国",
    "HKG": "中国",
    "VNM": "越南",
    "MMR": "缅甸",
    "BGD": "孟加拉国",
    "PAK": "巴基斯坦",
    "IND": "印度",
    "NPL": "尼泊尔",
    "LKA": "斯里兰卡",
}
EN_NAT = {
    "CHN": ("Chinese", "Chinese"),
    "HKG": ("Chinese", "Chinese"),
    "VNM": ("Vietnamese", "Vietnam"),
    "MMR": ("Burmese", "Myanmar"),
    "BGD": ("Bangladeshi", "Bangladesh"),
    "PAK": ("Pakistani", "Pakistan"),
    "IND": ("Indian", "India"),
    "NPL": ("Nepalese", "Nepal"),
    "LKA": ("Sri Lankan", "Sri Lanka"),
}
REGION_OF = {"gd_psb": "GD", "gx_psb": "GX", "yn_psb": "YN", "hk_police": "HK", "hk_immd": "HK"}


class Writer:
    def __init__(self, world: World, out: Path, seed: int) -> None:
        self.w = world
        self.out = out
        self.seed = seed
        self.rng = random.Random(seed * 31 + 5)
        self.truth: list[tuple[str, str, str, str]] = []
        self.id_errors: list[tuple[str, str, str, str]] = []
        self.seen: set[str] = set()
        self.gd_numbers: dict[str, str] = {}
        self.used_numbers: set[int] = set()

    # --- shared field writers ------------------------------------------------------
    def dob(self, p: Person, s: Sighting | None = None) -> date | None:
        if s is not None and s.name_only:
            return None
        r = self.rng.random()
        if r < 0.07:
            return None
        d = p.dob
        if r < 0.085 and d.day <= 12 and d.day != d.month:
            return date(d.year, d.day, d.month)
        if r < 0.09:
            return date(d.year + self.rng.choice([-1, 1]), d.month, min(d.day, 28))
        return d

    def doc(self, s: Sighting, source: str, key: str, file: str) -> tuple[str, str] | None:
        if s.doc is None or self.rng.random() < (0.25 if s.person.role == "migrant" else 0.08):
            return None
        kind, number = s.doc
        if kind in ("rid", "hkid") and self.rng.random() < 0.012:
            number, why = ids.break_id(self.rng, number)
            self.id_errors.append((source, file, key, why))
        return kind, number

    def phone(self, s: Sighting, region: str) -> str:
        if s.phone is None or self.rng.random() < 0.2:
            return ""
        return ids.write_phone(self.rng, s.phone, region)

    def record(self, source: str, file: str, key: str, p: Person) -> None:
        self.truth.append((source, file, key, p.pid))
        self.seen.add(p.pid)

    def write_csv(self, path: Path, header: list[str], rows: list[list[Any]], enc: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding=enc, newline="") as fh:
            wr = csv.writer(fh)
            wr.writerow(header)
            wr.writerows(rows)

    def cases_of(self, source: str) -> list[Case]:
        return sorted((c for c in self.w.cases if c.source == source), key=lambda c: c.when)

    # --- truth -----------------------------------------------------------------------
    def write_truth(self) -> None:
        t = self.out / "truth"
        rows = list(dict.fromkeys(self.truth))
        self.write_csv(
            t / "records.csv", ["source", "file", "record_key", "person_id"], rows, "utf-8"
        )
        people = [p for pid, p in self.w.factory.all.items() if pid in self.seen]
        self.write_csv(
            t / "people.csv",
            ["person_id", "syndicate_id", "role", "home_region"],
            [[p.pid, p.syndicate or "", p.role, p.home] for p in people],
            "utf-8",
        )
        syn_rows = []
        for s in self.w.syndicates:
            size = sum(1 for m in s.members() if m.pid in self.seen)
            if size:
                syn_rows.append([s.sid, s.base, ";".join(r.code for r in s.routes), size])
        self.write_csv(
            t / "syndicates.csv",
            ["syndicate_id", "base_region", "routes", "size"],
            syn_rows,
            "utf-8",
        )
        self.write_csv(
            t / "aliases.csv",
            ["person_id", "alias_person_id"],
            [[a, b] for a, b in self.w.aliases if a in self.seen and b in self.seen],
            "utf-8",
        )
        self.write_csv(t / "chains.csv", ["from_syndicate", "to_syndicate"], self.w.chains, "utf-8")
        self.write_csv(
            t / "id_errors.csv", ["source", "file", "record_key", "reason"], self.id_errors, "utf-8"
        )
