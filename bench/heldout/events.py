"""What happens to the syndicates, 2016-2019: interceptions, raids, takedowns, removals."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .chains import can_chain, split_chain
from .people import Name, Person
from .phenomena import Phenomena, garbled, second_identity
from .syndicates import PersonFactory, Route, Syndicate, build_syndicate, new_migrant

PLACES = {
    "GX": ["广西东兴市", "广西凭祥市", "广西防城港市", "广西东兴市江平镇", "广西南宁市"],
    "YN": ["云南省瑞丽市", "云南省勐腊县", "云南省瑞丽市姐告", "云南省昆明市", "云南省河口县"],
    "GD": [
        "广东省深圳市宝安区",
        "广东省深圳市南山区蛇口",
        "广东省东莞市",
        "广东省珠海市香洲区",
        "广东省深圳市龙岗区",
        "广东省广州市白云区",
        "广东省江门市台山市",
    ],
    "HK_SEA": ["Tuen Mun", "Yuen Long", "Sai Kung", "Tai Po", "Islands"],
    "HK_LAND": ["North", "Yuen Long", "Kwai Tsing"],
    "HK_TOWN": [
        "Sham Shui Po",
        "Yau Tsim Mong",
        "Kowloon City",
        "Kwun Tong",
        "Tsuen Wan",
        "Wong Tai Sin",
        "Yuen Long",
        "Tuen Mun",
    ],
}


@dataclass
class Sighting:
    person: Person
    role: str  # the role the agency records (one of the nine, or 'migrant')
    migrant_kind: str | None = None  # entrant / worker / overstayer
    outcome: str = ""
    name: Name | None = None
    doc: tuple[str, str] | None = None
    phone: str | None = None
    stage: str = ""
    name_only: bool = False  # written with a name and nationality only


@dataclass
class Case:
    case_no: str
    source: str
    when: date
    place: str
    offence: str
    method: str = "unknown"
    sightings: list[Sighting] = field(default_factory=list)
    exhibits: list[tuple[str, str, Sighting | None]] = field(default_factory=list)


@dataclass
class ImmdEvent:
    record_id: str
    event: str
    when: date
    person: Person
    doc: tuple[str, str] | None
    employer: str | None = None
    address: str | None = None
    phone: str | None = None


HK_STREETS = [
    "青山公路",
    "元朗大馬路",
    "荔枝角道",
    "彌敦道",
    "西洋菜南街",
    "大埔道",
    "屯門鄉事會路",
]


class EventBase:
    def __init__(
        self,
        seed: int,
        scale: int,
        phenomena: Phenomena | None = None,
        n_syndicates: int | None = None,
    ) -> None:
        self.rng = random.Random(seed * 7919 + 13)
        self.prng = random.Random(seed * 6151 + 29)  # the phenomena's own stream
        self.ph = phenomena or Phenomena.off()
        self.scale = scale
        self.factory = PersonFactory(self.rng)
        self.cases: list[Case] = []
        self.immd: list[ImmdEvent] = []
        self.rows = 0
        self.counters: dict[str, int] = {}
        n_syn = n_syndicates or max(3, round(scale / 70))
        self.syndicates = [
            build_syndicate(self.rng, f"T{i + 1:03d}", self.factory) for i in range(n_syn)
        ]
        self.employers: list[Person] = []
        self.loners: list[Person] = []  # overstayers and lone crossers, no syndicate
        self.chains: list[tuple[str, str]] = []  # hand-overs between groups (truth)
        self.second: dict[str, Person] = {}  # pid -> the same person's deceptive identity
        self.aliases: list[tuple[str, str]] = []  # (person, deceptive identity) (truth)
        self._add_phenomena()

    def _add_phenomena(self) -> None:
        pr = self.prng
        n = len(self.syndicates)
        for s in self.syndicates:
            if can_chain(s) and pr.random() < self.ph.chain_share:
                k = len(self.chains) // 2
                ids = (f"T{n + 2 * k + 1:03d}", f"T{n + 2 * k + 2:03d}")
                self.chains.extend(split_chain(s, self.factory, ids))
        for s in self.syndicates:
            for p in s.members():
                if p.role == "organiser" or pr.random() >= self.ph.alias_share:
                    continue
                other = second_identity(pr, p, "D" + p.pid[1:])
                if other is not None:
                    self.factory.all[other.pid] = other
                    self.second[p.pid] = other
                    self.aliases.append((p.pid, other.pid))

    # --- helpers ---------------------------------------------------------------------
    def _no(self, key: str, year: int) -> int:
        k = f"{key}{year}"
        self.counters[k] = self.counters.get(k, 0) + self.rng.randrange(1, 6)
        return self.counters[k]

    def case_no(self, source: str, place: str, year: int) -> str:
        n = self._no(source, year)
        if source == "gd_psb":
            return f"GD-{year}-{n:05d}"
        if source == "gx_psb":
            city = place.replace("广西", "")[:2]
            return f"{city}公(边)立字[{year}]{n:04d}号"
        if source == "yn_psb":
            city = place.replace("云南省", "")[:2]
            return f"{city}公刑〔{year}〕{n}号"
        return f"HKP-{year}-{n:06d}"

    def sight(self, p: Person, role: str | None = None, **kw: object) -> Sighting:
        rng = self.rng
        if p.pid in self.second and self.prng.random() < self.ph.alias_use:
            p = self.second[p.pid]
        name = p.name
        if p.aliases and rng.random() < 0.35:
            name = rng.choice(p.aliases)
        doc = p.docs[0] if len(p.docs) == 1 or rng.random() < 0.6 else rng.choice(p.docs[1:])
        phone = rng.choice(p.phones) if p.phones else None
        reported = role or p.role
        if role is None and p.role != "migrant" and rng.random() < 0.05:
            reported = rng.choice(["organiser", "recruiter", "transporter", "receiver"])
        s = Sighting(p, reported, name=name, doc=doc, phone=phone)
        for k, v in kw.items():
            setattr(s, k, v)
        if reported == "migrant" and self.prng.random() < self.ph.name_only:
            s.name_only, s.doc, s.phone = True, None, None
            s.name = garbled(self.prng, name)
        return s

    def add_case(self, c: Case, s: Syndicate | None = None) -> None:
        pr = self.prng
        c.sightings = [
            x
            for x in c.sightings
            if x.person.role != "organiser" or pr.random() < self.ph.org_arrest
        ]
        if s is not None and s.groups:  # a case arrests one cooperating group only
            groups = [self._group(s, x.person) for x in c.sightings]
            first = next((g for g in groups if g is not None), None)
            pairs = zip(c.sightings, groups, strict=True)
            c.sightings = [x for x, g in pairs if g in (first, None)]
        room = self.scale - self.rows
        c.sightings = c.sightings[:room]
        if not c.sightings:
            return
        self.rows += len(c.sightings)
        self.cases.append(c)

    @staticmethod
    def _group(s: Syndicate, p: Person) -> str | None:
        """P's group in chained syndicate S (a deceptive identity counts as its owner)."""
        return s.groups.get("H" + p.pid[1:])

    def add_immd(self, event: str, when: date, p: Person, **kw: object) -> None:
        if self.rows >= self.scale:
            return
        rid = f"IMMD-{when.year}-{self._no('immd', when.year):05d}"
        doc = next((d for d in p.docs if d[0] == "passport"), None)
        if p.nat == "CHN" and self.rng.random() < 0.3:
            doc = ("permit", "C" + "".join(self.rng.choice("0123456789ABCDEFGH") for _ in range(8)))
        ev = ImmdEvent(rid, event, when, p, doc if self.rng.random() < 0.75 else None)
        for k, v in kw.items():
            setattr(ev, k, v)
        if p.phones and self.rng.random() < 0.4:
            ev.phone = p.phones[0]
        self.immd.append(ev)
        self.rows += 1

    def migrants_for(self, s: Syndicate, route: Route, k: int, retry_share: float) -> list[Person]:
        out: list[Person] = []
        for _ in range(k):
            if self.prng.random() < self.ph.repeat_other:
                # caught and returned with another syndicate, now trying again with this one
                others = [o for o in self.syndicates if o is not s and o.retry]
                same = [o for o in others if o.routes[0].origin == route.origin]
                others = same or others
                if others:
                    o = self.prng.choice(others)
                    out.append(o.retry.pop(self.prng.randrange(len(o.retry))))
                    continue
            if s.retry and self.rng.random() < retry_share:
                out.append(s.retry.pop(self.rng.randrange(len(s.retry))))
            else:
                out.append(new_migrant(self.rng, s, self.factory, route))
        return out

    def hk_address(self) -> str:
        rng = self.rng
        street, no, floor = rng.choice(HK_STREETS), rng.randrange(1, 400), rng.randrange(1, 30)
        return f"{street}{no}號{floor}樓{rng.choice('ABCDEFGH')}室"
