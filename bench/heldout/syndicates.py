"""Syndicates: routes, a division of labour, their members' vehicles, vessels and phones."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import identifiers as ids
from .people import Person, make_person

ORIGIN_NAT = {
    "VN": "VNM",
    "MM": "MMR",
    "BD": "BGD",
    "PK": "PAK",
    "IN": "IND",
    "NP": "NPL",
    "LK": "LKA",
    "CN": "CHN",
}

ROUTES: list[tuple[str, float]] = [
    ("VN>GX>GD>HK:sea", 9),
    ("VN>GX>GD>HK:land", 3),
    ("VN>GX>GD:land", 4),
    ("MM>YN>GD>HK:sea", 5),
    ("MM>YN>GD:land", 4),
    ("BD>YN>GD>HK:sea", 2),
    ("BD>GD>HK:sea", 2),
    ("PK>GD>HK:sea", 2),
    ("IN>GD>HK:sea", 1.5),
    ("NP>GD>HK:sea", 1.5),
    ("LK>GD>HK:sea", 1),
    ("CN>GD>HK:sea", 3),
    ("CN>GD>HK:land", 1.5),
]


@dataclass
class Route:
    code: str
    origin: str
    entry: str | None  # GX / YN, or None when migrants arrive in GD directly
    to_hk: bool
    method: str

    @staticmethod
    def parse(code: str) -> Route:
        path, method = code.split(":")
        stops = path.split(">")
        entry = stops[1] if stops[1] in ("GX", "YN") else None
        return Route(code, stops[0], entry, stops[-1] == "HK", method)


@dataclass
class Syndicate:
    sid: str
    base: str
    routes: list[Route]
    stages: dict[str, list[Person]] = field(default_factory=dict)
    vehicles: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # pid -> plates
    vessels: dict[str, str] = field(default_factory=dict)
    cards: dict[str, list[str]] = field(default_factory=dict)
    start: date = date(2016, 1, 1)
    end: date = date(2019, 12, 31)
    migrants: list[Person] = field(default_factory=list)
    retry: list[Person] = field(default_factory=list)  # repatriated, will try again
    arrived: list[Person] = field(default_factory=list)  # got through to HK / GD
    taken_down: bool = False
    groups: dict[str, str] = field(default_factory=dict)  # pid -> group, for chained syndicates
    weight: float = 1.0

    def members(self) -> list[Person]:
        seen: dict[str, Person] = {}
        for people in self.stages.values():
            for p in people:
                seen.setdefault(p.pid, p)
        return list(seen.values())

    def stage(self, name: str) -> list[Person]:
        return self.stages.get(name, [])

    def date_in(self, rng: random.Random) -> date:
        return self.start + timedelta(days=rng.randrange(max(1, (self.end - self.start).days)))


class PersonFactory:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0
        self.all: dict[str, Person] = {}

    def new(self, role: str, syndicate: str | None, nat: str, home: str) -> Person:
        self.n += 1
        p = make_person(self.rng, f"H{self.n:06d}", role, syndicate, nat, home)
        self.all[p.pid] = p
        return p


def build_syndicate(rng: random.Random, sid: str, factory: PersonFactory) -> Syndicate:
    codes = [c for c, _ in ROUTES]
    first = rng.choices(codes, weights=[w for _, w in ROUTES])[0]
    routes = [Route.parse(first)]
    if rng.random() < 0.3:  # a second route from the same origin
        alt = [c for c in codes if c.split(">")[0] == first.split(">")[0] and c != first]
        if alt:
            routes.append(Route.parse(rng.choice(alt)))
    r0 = routes[0]
    if r0.entry and rng.random() < 0.55:
        base = r0.entry
    elif r0.to_hk and rng.random() < 0.2:
        base = "HK"
    else:
        base = "GD"
    s = Syndicate(sid, base, routes)
    origin_nat = ORIGIN_NAT[r0.origin]

    def add(stage: str, role: str, nat: str, home: str, k: int) -> None:
        for _ in range(k):
            s.stages.setdefault(stage, []).append(factory.new(role, sid, nat, home))

    org_nat, org_home = ("HKG", "HK") if base == "HK" else ("CHN", base)
    add("org", "organiser", org_nat, org_home, 1 if rng.random() < 0.8 else 2)
    n_rec = rng.randrange(1, 4)
    for _ in range(n_rec):
        if origin_nat != "CHN" and rng.random() < 0.55:
            add("recruit", "recruiter", origin_nat, origin_nat, 1)
        else:
            home = r0.entry or ("CHN" if origin_nat == "CHN" else "GD")
            add("recruit", "recruiter", "CHN", home, 1)
    entries = {r.entry for r in routes if r.entry}
    for e in sorted(entries):
        add("entry_drv", "transporter", "CHN", e, rng.randrange(1, 4))
    add("gd_drv", "transporter", "CHN", "GD", rng.randrange(1, 3))
    methods = {r.method for r in routes if r.to_hk}
    if "sea" in methods:
        add("cox", "transporter", "CHN" if rng.random() < 0.6 else "HKG", "GD", rng.randrange(1, 3))
        for p in s.stage("cox"):
            if p.nat == "HKG":
                p.home = "HK"
    if "land" in methods:
        add("hk_drv", "transporter", "HKG", "HK", rng.randrange(1, 3))
    if any(r.to_hk for r in routes):
        add("recv_hk", "receiver", "HKG", "HK", rng.randrange(1, 3))
        add("harb", "harbourer", "HKG", "HK", rng.randrange(0, 3))
        if rng.random() < 0.4:
            add("recv_gd", "receiver", "CHN", "GD", 1)
    else:
        add("recv_gd", "receiver", "CHN", "GD", rng.randrange(1, 3))
        add("harb", "harbourer", "CHN", "GD", rng.randrange(0, 2))
    if rng.random() < 0.45:
        add("docs", "document_vendor", "CHN", "GD", 1)
    if rng.random() < 0.55:
        fin_nat, fin_home = ("HKG", "HK") if base == "HK" or rng.random() < 0.3 else ("CHN", base)
        add("fin", "financier", fin_nat, fin_home if fin_nat == "CHN" else "HK", 1)
    # equipment
    for stage in ("entry_drv", "gd_drv"):
        for p in s.stage(stage):
            region = p.home if p.home in ("GX", "GD", "YN") else "GD"
            s.vehicles[p.pid] = (ids.mainland_plate(rng, region), None)
    for p in s.stage("hk_drv"):
        s.vehicles[p.pid] = ids.dual_plates(rng)
    boat = ids.hull(rng)
    for p in s.stage("cox"):
        s.vessels[p.pid] = boat if rng.random() < 0.6 else ids.hull(rng)
    for p in s.stage("org") + s.stage("fin"):
        s.cards[p.pid] = [ids.bank_card(rng) for _ in range(rng.randrange(1, 4))]
    # a shared work phone between two transporters
    drivers = s.stage("entry_drv") + s.stage("gd_drv") + s.stage("cox")
    if len(drivers) >= 2 and rng.random() < 0.35:
        a, b = rng.sample(drivers, 2)
        b.phones.append(a.phones[0])
    start = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 700))
    s.start = start
    s.end = min(date(2019, 12, 31), start + timedelta(days=rng.randrange(420, 1300)))
    s.weight = 0.5 + rng.random()
    return s


def new_migrant(rng: random.Random, s: Syndicate, factory: PersonFactory, route: Route) -> Person:
    nat = ORIGIN_NAT[route.origin]
    home = nat
    if nat == "CHN":
        home = rng.choice(["CHN", "CHN", "GD", "GX"])
    p = factory.new("migrant", None, nat, home)
    s.migrants.append(p)
    return p
