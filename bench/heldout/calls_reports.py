"""Call records between the people of the world, and a few intelligence reports."""

from __future__ import annotations

import csv
import random
from datetime import datetime
from pathlib import Path

from . import identifiers as ids
from .syndicates import Syndicate
from .world import World

AGENCY = {"GD": "gd_psb", "GX": "gx_psb", "YN": "yn_psb", "HK": "hk_police"}
# Which stages talk to which: the chain, plus the organiser to everyone.
CHAIN = [
    ("recruit", "entry_drv"),
    ("entry_drv", "gd_drv"),
    ("recruit", "gd_drv"),
    ("gd_drv", "cox"),
    ("gd_drv", "hk_drv"),
    ("cox", "recv_hk"),
    ("hk_drv", "recv_hk"),
    ("recv_hk", "harb"),
    ("gd_drv", "recv_gd"),
    ("recv_gd", "harb"),
    ("docs", "recruit"),
    ("fin", "recv_hk"),
]


def _when(rng: random.Random, s: Syndicate) -> datetime:
    day = s.date_in(rng)
    hour = rng.choice([7, 9, 11, 13, 15, 18, 20, 21, 22, 23, 0, 1, 2])
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))


def write_calls(world: World, out: Path, seed: int) -> int:
    rng = random.Random(seed * 17 + 3)
    rows: list[tuple[datetime, str, str, int, str]] = []

    def call(s: Syndicate, a: str, b: str, n: int) -> None:
        agency = AGENCY[s.base]
        for _ in range(n):
            x, y = (a, b) if rng.random() < 0.55 else (b, a)
            rows.append((_when(rng, s), x, y, rng.randrange(8, 900), agency))

    for s in world.syndicates:
        pairs: set[tuple[str, str]] = set()
        group = s.groups  # chained syndicates: each group's organiser calls its own people
        for org in s.stage("org"):
            for m in s.members():
                if m.pid != org.pid and group.get(org.pid) == group.get(m.pid):
                    pairs.add((org.pid, m.pid))
        for a, b in CHAIN:
            for pa in s.stage(a):
                for pb in s.stage(b):
                    apart = group.get(pa.pid) != group.get(pb.pid)
                    if pa.pid != pb.pid and not (apart and rng.random() < 0.6):
                        pairs.add((pa.pid, pb.pid))  # groups talk only at some hand-overs
        people = {m.pid: m for m in s.members()}
        for a, b in sorted(pairs):
            pa, pb = people[a], people[b]
            if rng.random() < 0.15:
                continue
            call(s, rng.choice(pa.phones), rng.choice(pb.phones), rng.randrange(2, 14))
        contacts = s.stage("recruit") + s.stage("recv_hk") + s.stage("recv_gd")
        for m in s.migrants:
            if m.phones and contacts and rng.random() < 0.3:
                c = rng.choice(contacts)
                call(s, rng.choice(c.phones), m.phones[0], rng.randrange(1, 3))
    everyone = [p for p in world.factory.all.values() if p.phones]
    for _ in range(len(rows) // 25):  # background calls with no meaning
        a, b = rng.sample(everyone, 2)
        s = rng.choice(world.syndicates)
        rows.append(
            (_when(rng, s), a.phones[0], b.phones[0], rng.randrange(5, 300), AGENCY[s.base])
        )
    rows.sort()
    path = out / "calls" / "calls.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    region = {v: k for k, v in AGENCY.items()}
    with path.open("w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(["caller", "callee", "start", "duration_s", "agency"])
        for when, a, b, dur, agency in rows:
            r = region[agency]
            wr.writerow(
                [
                    ids.write_phone(rng, a, r),
                    ids.write_phone(rng, b, r),
                    when.isoformat() + "+08:00",
                    dur,
                    agency,
                ]
            )
    return len(rows)


def _count(world: World, source: str, year: int) -> tuple[int, int, int, int]:
    cases = [c for c in world.cases if c.source == source and c.when.year == year]
    rows = [s for c in cases for s in c.sightings]
    entrants = sum(1 for s in rows if s.migrant_kind == "entrant")
    traffickers = sum(1 for s in rows if not s.migrant_kind and s.role != "employer")
    return len(cases), len(rows), entrants, traffickers


def _pct(a: int, b: int) -> str:
    return f"{abs(a - b) / b * 100:.1f}%" if b else "n/a"


def write_reports(world: World, out: Path) -> list[str]:
    d = out / "reports"
    d.mkdir(parents=True, exist_ok=True)
    gd18, gd17 = _count(world, "gd_psb", 2018), _count(world, "gd_psb", 2017)
    hk18, hk17 = _count(world, "hk_police", 2018), _count(world, "hk_police", 2017)
    gx18 = _count(world, "gx_psb", 2018)
    up = "上升" if gd18[0] >= gd17[0] else "下降"
    texts = {
        "广东省公安厅通报.txt": (
            f"2018年，全省公安机关深入开展打击偷渡专项行动，共破获组织、运送他人偷越国(边)境案件"
            f"{gd18[0]}起，同比{up}{_pct(gd18[0], gd17[0])}，抓获犯罪嫌疑人{gd18[3]}名，"
            f"查获偷渡人员{gd18[2]}名。偷渡人员主要来自越南、缅甸，经广西、云南入境后"
            f"由陆路运至深圳、东莞，再乘快艇偷渡香港。\n"
        ),
        "hk_police_press_release.txt": (
            f"Hong Kong Police said today that {hk18[2]} illegal immigrants were intercepted in "
            f"2018, against {hk17[2]} in 2017. Officers arrested {hk18[3]} suspected snakeheads, "
            f"drivers and coxswains in {hk18[0]} cases. Most had landed by speedboat in Tuen Mun, "
            f"Yuen Long and Sai Kung after travelling from Vietnam through Guangxi and Shenzhen.\n"
        ),
        "广西东兴边境管理通报.txt": (
            f"2018年东兴、凭祥边境地区共查处偷渡案件{gx18[0]}起，抓获涉案人员{gx18[1]}人，"
            f"其中偷渡人员{gx18[2]}人，组织运送者{gx18[3]}人，打掉偷渡团伙若干个。\n"
        ),
        "border_smuggling_feature.md": (
            "# Snakeheads shift routes\n\nInvestigators say syndicates now move South Asian "
            "migrants from Yunnan's Ruili crossing to Dongguan and on to Hong Kong by sea, while "
            "Vietnamese workers still cross the Beilun river at Dongxing. Some groups use "
            "dual-plated cars through the Lok Ma Chau control point.\n"
        ),
    }
    for name, text in texts.items():
        (d / name).write_text(text, encoding="utf-8")
    return list(texts)
