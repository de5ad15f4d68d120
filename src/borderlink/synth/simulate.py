"""The simulation engine: syndicates, their crews and their smuggling trips.

One unit of simulation is one syndicate's life (its trips, the groups stopped on each
leg, the migrants' later lives in Guangdong or Hong Kong, and its takedown) plus the
overstayers and illegal workers that live beside it. Units are added until the world
holds the requested number of person records; the last unit is then cut back so the
count is exact. Everything is drawn from one seeded random.Random, in a fixed order.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from borderlink.model.vocab import chain_roles, role_label
from borderlink.synth.ids import make_bank_card, make_passport, make_recognizance
from borderlink.synth.phones import make_mobile
from borderlink.synth.scenario import Scenario
from borderlink.synth.vehicles import Fleet
from borderlink.synth.world import (
    Case,
    Exhibit,
    ImmdEvent,
    Involvement,
    Person,
    PersonFactory,
    Syndicate,
    World,
    places,
)

# the role as the mainland agencies write it (migrants are written by their kind instead)
ROLE_ZH = {role: role_label(role, "zh") for role in chain_roles() if role != "migrant"}
AGENCY = {"GD": "gd_psb", "GX": "gx_psb", "YN": "yn_psb", "HK": "hk_police"}


@dataclass
class Crew:
    """A syndicate's members by the job they do on the route."""

    syn: Syndicate
    origin: str
    entry: str | None  # GX / YN, or None for mainland Chinese routes
    organisers: list[Person] = field(default_factory=list)
    recruiters: list[Person] = field(default_factory=list)
    border: list[Person] = field(default_factory=list)
    road: list[Person] = field(default_factory=list)
    coxswains: list[Person] = field(default_factory=list)
    hk_drivers: list[Person] = field(default_factory=list)  # cross-boundary drivers
    receivers_gd: list[Person] = field(default_factory=list)
    receivers_hk: list[Person] = field(default_factory=list)
    harbourers_gd: list[Person] = field(default_factory=list)
    harbourers_hk: list[Person] = field(default_factory=list)
    vendor: Person | None = None
    financier: Person | None = None
    retry: list[Person] = field(default_factory=list)
    vessels: list[str] = field(default_factory=list)
    customers: list[tuple[Person, date]] = field(default_factory=list)
    first_day: date | None = None
    last_day: date | None = None

    def everyone(self) -> list[Person]:
        groups = (
            self.organisers,
            self.recruiters,
            self.border,
            self.road,
            self.coxswains,
            self.hk_drivers,
            self.receivers_gd,
            self.receivers_hk,
            self.harbourers_gd,
            self.harbourers_hk,
        )
        extra = [p for p in (self.vendor, self.financier) if p is not None]
        return [p for g in groups for p in g] + extra


def parse_route(route: str) -> tuple[str, list[str], str]:
    path, _, method = route.partition(":")
    parts = path.split(">")
    return parts[0], parts[1:], method


class Simulator:
    def __init__(self, scenario: Scenario, rng: random.Random) -> None:
        self.sc = scenario
        self.rng = rng
        self.world = World()
        self.people = PersonFactory(rng, self.world, scenario.start.year)
        self.fleet = Fleet(rng, self.world)
        self.places = places()
        self.log: list[tuple[Case | None, Involvement | ImmdEvent]] = []
        self.rows = 0
        self.seq = 0
        self.crews: list[Crew] = []
        self.hk_employers: list[Person] = []
        self.gd_employers: list[Person] = []
        self.company: dict[int, str] = {}
        self.district_of: dict[str, str] = {
            addr: district
            for district, addrs in self.places["hong_kong"]["streets"].items()
            for addr in addrs
        }
        self.months: list[tuple[int, int]] = []
        weights: list[float] = []
        day = scenario.start.replace(day=1)
        while day <= scenario.end:
            self.months.append((day.year, day.month))
            weights.append(scenario.journey_volume.get(day.year, 1.0))
            day = (day + timedelta(days=32)).replace(day=1)
        self.month_cum = list(itertools.accumulate(weights))
        self.trip_phase = rng.random()
        self.phases: dict[str, float] = {}
        self.trip_phases: dict[str, float] = {}

    # --- time ---------------------------------------------------------------
    def trip_day(self, route: str) -> date:
        """A trip's day. Months come from a golden-ratio sequence (one per route) through
        the volume curve, so even a small world has the scenario's year-on-year shape."""
        phase = (self.trip_phases.get(route, self.trip_phase) + 0.6180339887498949) % 1.0
        self.trip_phases[route] = phase
        target = phase * self.month_cum[-1]
        index = bisect.bisect_right(self.month_cum, target)
        year, month = self.months[min(index, len(self.months) - 1)]
        return self.clip(date(year, month, self.rng.randint(1, 28)))

    def clip(self, day: date) -> date:
        return min(max(day, self.sc.start), self.sc.end)

    def later(self, day: date, low: int, high: int) -> date | None:
        """A day low..high days after `day`, or None if it falls after the period."""
        out = day + timedelta(days=self.rng.randint(low, high))
        return out if out <= self.sc.end else None

    def people_phone_cn(self) -> str:
        """A mainland SIM bought on the way."""
        return make_mobile(self.rng, "CHN")

    def hk_phone(self) -> str:
        return make_mobile(self.rng, "HKG")

    def bank_card(self) -> str:
        return make_bank_card(self.rng)

    def forged_passport(self) -> str:
        return make_passport(self.rng, self.rng.choice(["VNM", "MMR", "CHN", "HKG", "BGD"]))

    def any_day(self) -> date:
        """A day anywhere in the period, evenly (for events outside the syndicates)."""
        span = (self.sc.end - self.sc.start).days
        return self.sc.start + timedelta(days=self.rng.randint(0, span))

    def recognizance(self) -> str:
        return make_recognizance(self.rng)

    def steady_chance(self, name: str, p: float) -> bool:
        """A yes/no whose share of yeses is p over any run of draws (an additive
        low-discrepancy sequence per name): keeps small worlds on the scenario's shape."""
        # Step sqrt(2)-1, not the golden ratio that spaces trip dates: no correlation.
        phase = (self.phases.get(name, 0.5) + 0.4142135623730951) % 1.0
        self.phases[name] = phase
        return phase < p

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- records ------------------------------------------------------------
    def case(
        self,
        region: str,
        offence: str,
        day: date,
        place: str,
        kind: str,
        crew: Crew | None,
        method: str = "unknown",
        route: str = "",
        spot: str = "",
    ) -> Case:
        self.seq += 1
        syn = crew.syn.syndicate_id if crew else ""
        case = Case(self.seq, AGENCY[region], offence, day, place, method, kind, syn, route, spot)
        self.world.cases.append(case)
        return case

    def involve(
        self,
        case: Case,
        person: Person,
        role: str,
        outcome: str | None = None,
        vehicle: str | None = None,
    ) -> None:
        phone = person.phones[self.rng.randrange(len(person.phones))] if person.phones else None
        inv = Involvement(person.index, role, outcome, vehicle, phone)
        case.people.append(inv)
        self.log.append((case, inv))
        self.rows += 1

    def immd(
        self,
        person: Person,
        event: str,
        day: date,
        employer: Person | None = None,
        company: str | None = None,
    ) -> None:
        self.seq += 1
        ev = ImmdEvent(
            self.seq, person.index, event, day, employer.index if employer else None, company
        )
        self.world.immd.append(ev)
        self.log.append((None, ev))
        self.rows += 1

    def exhibit(self, case: Case, kind: str, identifier: str, holder: Person | None) -> None:
        case.exhibits.append(Exhibit(kind, identifier, holder.index if holder else None))

    def mainland_place(self, region: str, city: str | None = None) -> str:
        options = self.places["mainland"][region]
        if city:
            options = [p for p in options if p["city"] == city] or options
        return str(self.rng.choice(options)["place"])

    def facilitator_outcome(self) -> str:
        return "刑事拘留" if self.chance(0.75) else "取保候审"

    def migrant_outcome(self, person: Person) -> str:
        if person.nationality == "CHN":
            return "行政拘留"
        return "遣返" if self.chance(0.85) else "行政拘留"

    # --- crews --------------------------------------------------------------
    def new_crew(self, unit: int) -> Crew:
        rng, sc, mk = self.rng, self.sc, self.people.new
        names = list(sc.routes)
        route = rng.choices(names, weights=list(sc.routes.values()), k=1)[0]
        origin, path, method = parse_route(route)
        routes = [route]
        other = f"{route.split(':')[0]}:{'land' if method == 'sea' else 'sea'}"
        if "HK" in path and other in sc.routes and self.chance(0.25):
            routes.append(other)
        entry = path[0] if path[0] in ("GX", "YN") else None
        if "HK" in path and self.chance(sc.hk_based_share):
            base = "HK"
        elif entry and self.chance(0.35):
            base = entry
        else:
            base = "GD"
        syn = Syndicate(f"S{len(self.world.syndicates) + 1:05d}", base, routes)
        self.world.syndicates.append(syn)
        crew = Crew(syn, origin, entry)
        sid = syn.syndicate_id
        boss_nat = "HKG" if base == "HK" else "CHN"
        for _ in range(2 if self.chance(0.15) else 1):
            boss = mk("organiser", boss_nat, base, sid)
            self.people.give_cover(boss, rng.randint(1, 2), rng.randint(1, 2), rng.randint(2, 3))
            crew.organisers.append(boss)
        for _ in range(rng.randint(1, 3)):
            crew.recruiters.append(self.new_recruiter(crew))
        if entry:
            for _ in range(rng.randint(1, 2)):
                crew.border.append(self.new_member(crew, "border"))
        for _ in range(rng.randint(1, 2)):
            crew.road.append(self.new_member(crew, "road"))
        hk_routes = [r for r in routes if "HK" in r]
        for r in hk_routes:
            for _ in range(rng.randint(1, 2)):
                if r.endswith("sea"):
                    crew.coxswains.append(self.new_member(crew, "sea"))
                else:
                    crew.hk_drivers.append(self.new_member(crew, "land"))
        crew.vessels = [self.fleet.vessel(self.chance(0.4)) for _ in crew.coxswains[:2]]
        for _ in range(rng.randint(1, 2)):
            crew.receivers_gd.append(mk("receiver", "CHN", "GD", sid))
        crew.harbourers_gd.append(mk("harbourer", "CHN", "GD", sid))
        if hk_routes:
            crew.receivers_hk.append(self.hk_resident("receiver", sid))
            for _ in range(rng.randint(1, 2)):
                crew.harbourers_hk.append(self.hk_resident("harbourer", sid))
        if unit == 0 or self.chance(0.6):
            crew.vendor = mk("document_vendor", "CHN", "GD", sid)
        if unit == 0 or self.chance(0.75):
            crew.financier = mk("financier", boss_nat, base, sid)
        self.share_a_phone(crew)
        self.crews.append(crew)
        return crew

    def hk_resident(self, role: str, syndicate_id: str = "") -> Person:
        person = self.people.new(role, "HKG", "HK", syndicate_id)
        district = self.rng.choice(list(self.places["hong_kong"]["streets"]))
        person.address = str(self.rng.choice(self.places["hong_kong"]["streets"][district]))
        return person

    def employer(self, region: str) -> Person:
        """An employer of illegal workers; the same ones are caught again now and then."""
        pool = self.hk_employers if region == "HK" else self.gd_employers
        if pool and self.chance(0.4):
            return pool[self.rng.randrange(len(pool))]
        if region == "HK":
            person = self.hk_resident("employer")
            self.company[person.index] = str(self.rng.choice(self.places["hong_kong"]["employers"]))
        else:
            person = self.people.new("employer", "CHN", "GD")
        pool.append(person)
        return person

    def new_recruiter(self, crew: Crew) -> Person:
        sid = crew.syn.syndicate_id
        if crew.origin == "VN":
            person = self.people.new("recruiter", "VNM", "VNM", sid, passport_share=0.7)
        elif crew.origin == "MM":
            nat = "MMR" if self.chance(0.7) else self.rng.choice(["BGD", "PAK"])
            person = self.people.new("recruiter", nat, nat, sid, passport_share=0.8)
        else:
            person = self.people.new("recruiter", "CHN", "CN", sid)
        if self.chance(0.3):
            self.people.give_cover(person, 1, 0, 1 if person.nationality == "CHN" else 0)
        return person

    def new_member(self, crew: Crew, job: str) -> Person:
        """A transporter: border guide, road driver, coxswain or cross-border driver."""
        sid, mk = crew.syn.syndicate_id, self.people.new
        if job == "border":
            assert crew.entry is not None
            if self.chance(0.3):
                nat = "VNM" if crew.origin == "VN" else "MMR"
                return mk("transporter", nat, nat, sid, passport_share=0.6)
            person = mk("transporter", "CHN", crew.entry, sid)
            self.fleet.mainland_car(person, crew.entry)
            return person
        if job == "road":
            person = mk("transporter", "CHN", self.rng.choice(["GD", crew.entry or "GD"]), sid)
            self.fleet.mainland_car(person, person.registered)
            return person
        if job == "sea":
            return (
                mk("transporter", "CHN", "GD", sid)
                if self.chance(0.6)
                else self.hk_resident("transporter", sid)
            )
        person = (
            self.hk_resident("transporter", sid)
            if self.chance(0.5)
            else mk("transporter", "CHN", "GD", sid)
        )
        self.fleet.dual_plated(person)
        return person

    def share_a_phone(self, crew: Crew) -> None:
        """Two transporters, or a receiver and a harbourer, often carry the same work phone."""
        for group in (crew.border + crew.road, crew.receivers_gd + crew.harbourers_gd):
            if len(group) >= 2 and self.chance(0.5):
                a, b = group[0], group[1]
                if a.phones and a.phones[0] not in b.phones:
                    b.phones.append(a.phones[0])

    def replace_if_jailed(
        self, crew: Crew, group: list[Person], person: Person, outcome: str, job: str
    ) -> None:
        """A detained transporter is replaced by a new one; one on bail carries on."""
        if outcome == "刑事拘留" and person in group and self.chance(0.5):
            group[group.index(person)] = self.new_member(crew, job)

    def new_migrants(self, crew: Crew, count: int) -> list[Person]:
        group: list[Person] = []
        while crew.retry and len(group) < count // 3:
            group.append(crew.retry.pop(0))
        mix = self.sc.origins[crew.origin]
        nats, weights = list(mix), list(mix.values())
        for _ in range(count - len(group)):
            nat = self.rng.choices(nats, weights=weights, k=1)[0]
            if nat == "CHN":
                reg = "GD" if self.chance(0.3) else "CN"
                group.append(self.people.new("migrant", "CHN", reg, phone_share=0.7))
                continue
            share = {"VNM": 0.15, "MMR": 0.2}.get(nat, 0.7)
            group.append(
                self.people.new("migrant", nat, nat, passport_share=share, phone_share=0.5)
            )
        return group
