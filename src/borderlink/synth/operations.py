"""Takedowns, document fraud, overstayers and workers; the unit loop and the exact cut.

`simulate` adds units (one syndicate's life plus the overstayers and workers beside it)
until the world holds `scale` person records, removes the surplus records of the last
unit, and numbers cases and Immigration records the way each agency does (per year,
in date order, with gaps for the cases of other kinds the export does not hold).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from borderlink.synth.journeys import after_hk_arrest, hk_work_raid, run_trips
from borderlink.synth.scenario import Scenario
from borderlink.synth.simulate import ROLE_ZH, Crew, Simulator
from borderlink.synth.world import Case, ImmdEvent, Person, World

ORGANISING = "组织他人偷越国(边)境"
HK_ROLE = {
    "organiser": "Snakehead",
    "receiver": "Snakehead",
    "harbourer": "Harbourer",
    "financier": "Snakehead",
}
CASE_PREFIX = {
    "gd_psb": ("GD", 5),
    "gx_psb": ("GX", 5),
    "yn_psb": ("YN", 5),
    "hk_police": ("HKP", 6),
}


def simulate(scenario: Scenario, seed: int, scale: int) -> Simulator:
    sim = Simulator(scenario, random.Random(seed))
    unit = 0
    while sim.rows < scale:
        crew = sim.new_crew(unit)
        run_trips(sim, crew)
        if sim.chance(scenario.takedown_share):
            takedown(sim, crew)
        independents(sim)
        unit += 1
    trim(sim, scale)
    number_records(sim)
    return sim


def _arrested(sim: Simulator, people: list[Person], p: float = 0.85) -> list[Person]:
    return [person for person in people if sim.chance(p)]


def takedown(sim: Simulator, crew: Crew) -> None:
    """The syndicate is broken up: its base region arrests the core, others in step."""
    assert crew.last_day is not None
    day = sim.later(crew.last_day, 10, 90)
    if day is None:
        return
    syn = crew.syn
    base = syn.base_region
    vendor_case = crew.vendor is not None and sim.chance(0.4)
    if vendor_case and crew.vendor is not None:
        document_case(sim, crew, crew.vendor, day)
    if base == "HK":
        main = hk_takedown(sim, crew, day, core=True)
        mainland = (
            crew.receivers_gd + crew.harbourers_gd + [p for p in crew.road if p.registered == "GD"]
        )
        if crew.vendor is not None and not vendor_case:
            mainland.append(crew.vendor)
        _mainland_case(sim, crew, "GD", day, _arrested(sim, mainland))
    else:
        core = crew.organisers + _arrested(sim, [crew.financier] if crew.financier else [], 0.9)
        core += _arrested(sim, crew.receivers_gd + crew.harbourers_gd)
        core += [p for p in crew.recruiters if p.nationality == "CHN" or sim.chance(0.3)]
        core += _arrested(sim, crew.road, 0.5)
        if crew.vendor is not None and not vendor_case and sim.chance(0.85):
            core.append(crew.vendor)
        if base == crew.entry:
            core += _arrested(sim, crew.border)
        main = _mainland_case(sim, crew, base, day, core)
        if crew.entry and base != crew.entry:
            border = _arrested(sim, crew.border) + [p for p in crew.recruiters if sim.chance(0.2)]
            if border:
                _mainland_case(
                    sim,
                    crew,
                    crew.entry,
                    day + timedelta(days=sim.rng.randint(0, 5)),
                    border,
                    transport=True,
                )
        if crew.receivers_hk or crew.harbourers_hk:
            hk_takedown(sim, crew, day + timedelta(days=sim.rng.randint(0, 7)), core=False)
    syn.takedown, syn.takedown_region = main.opened, base
    syn.takedown_cases.remove(main)
    syn.takedown_cases.insert(0, main)  # the main case first


def _mainland_case(
    sim: Simulator,
    crew: Crew,
    region: str,
    day: date,
    people: list[Person],
    transport: bool = False,
) -> Case:
    offence = "运送他人偷越国(边)境" if transport else ORGANISING
    case = sim.case(
        region,
        offence,
        sim.clip(day),
        sim.mainland_place(region),
        "takedown",
        crew,
        "unknown",
        crew.syn.routes[0],
    )
    seen: set[int] = set()
    for person in people:
        if person.index in seen:
            continue
        seen.add(person.index)
        car = sim.fleet.car_of(person)
        sim.involve(
            case,
            person,
            ROLE_ZH[person.role],
            sim.facilitator_outcome(),
            car.mainland_plate if car else None,
        )
        if person.role == "organiser":
            for phone in person.phones:
                sim.exhibit(case, "phone", phone, person)
            sim.exhibit(case, "cash", str(sim.rng.randint(5, 200) * 1000), person)
        elif person.phones and sim.chance(0.6):
            sim.exhibit(case, "phone", person.phones[0], person)
        if person.role == "financier":
            for _ in range(sim.rng.randint(2, 5)):
                sim.exhibit(case, "card", sim.bank_card(), person)
        if person.role == "document_vendor":
            for _ in range(sim.rng.randint(2, 6)):
                sim.exhibit(case, "document", sim.forged_passport(), person)
        if car and car.mainland_plate:
            sim.exhibit(case, "vehicle", car.mainland_plate, person)
    if not transport and crew.vessels and sim.chance(0.5):
        sim.exhibit(case, "vessel", crew.vessels[0], None)
    crew.syn.takedown_cases.append(case)
    return case


def hk_takedown(sim: Simulator, crew: Crew, day: date, core: bool) -> Case:
    people = list(crew.organisers) if core else []
    if core and crew.financier:
        people.append(crew.financier)
    people += _arrested(sim, crew.receivers_hk + crew.harbourers_hk)
    people += [
        p for p in crew.coxswains + crew.hk_drivers if p.nationality == "HKG" and sim.chance(0.7)
    ]
    offence = (
        "Arranging passage of unauthorized entrants"
        if core
        else "Aiding and abetting illegal immigration"
    )
    harbourer = next((p for p in people if p.role == "harbourer"), None)
    district = (
        sim.district_of.get(harbourer.address or "", "Yuen Long") if harbourer else "Yuen Long"
    )
    case = sim.case("HK", offence, sim.clip(day), district, "takedown", crew)
    for person in people:
        if person.role == "transporter":
            role = "Coxswain" if person in crew.coxswains else "Driver"
        else:
            role = HK_ROLE.get(person.role, "Snakehead")
        sim.involve(case, person, role)
        if person.phones:
            sim.exhibit(case, "phone", person.phones[0], person)
        if person.role in ("organiser", "financier"):
            sim.exhibit(case, "cash", str(sim.rng.randint(10, 400) * 1000), person)
        car = sim.fleet.car_of(person)
        if car and car.hk_plate:
            sim.exhibit(case, "vehicle", car.hk_plate, person)
    crew.syn.takedown_cases.append(case)
    return case


def document_case(sim: Simulator, crew: Crew, vendor: Person, day: date) -> None:
    """A document vendor caught selling forged exit documents, with some buyers."""
    opened = sim.clip(day - timedelta(days=sim.rng.randint(0, 60)))
    case = sim.case("GD", "骗取出境证件", opened, sim.mainland_place("GD"), "documents", crew)
    sim.involve(case, vendor, "制售证件者", "刑事拘留")
    for _ in range(sim.rng.randint(1, 3)):
        buyer = sim.people.new("migrant", "CHN", "CN" if sim.chance(0.7) else "GD")
        sim.involve(case, buyer, "偷渡人员", "行政拘留")
        sim.exhibit(case, "document", sim.forged_passport(), buyer)


def independents(sim: Simulator) -> None:
    rng = sim.rng
    for _ in range(round(sim.sc.independent["hk_overstayers"] * rng.uniform(0.5, 1.5))):
        hk_overstayer(sim)
    workers = round(sim.sc.independent["gd_workers"] * rng.uniform(0.5, 1.5))
    while workers > 0:
        size = min(workers, rng.randint(1, 4))
        gd_overstayers(sim, size)
        workers -= size


def hk_overstayer(sim: Simulator) -> None:
    rng = sim.rng
    nat = rng.choices(
        ["VNM", "IND", "PAK", "BGD", "NPL", "LKA", "CHN", "MMR"],
        weights=[30, 14, 14, 10, 10, 6, 10, 6],
        k=1,
    )[0]
    person = sim.people.new(
        "migrant", nat, "CN" if nat == "CHN" else nat, passport_share=1.0, phone_share=0.8
    )
    if person.phones and sim.chance(0.5):
        person.phones.append(sim.hk_phone())
    district = rng.choice(sorted(sim.places["hong_kong"]["streets"]))
    person.address = str(rng.choice(sim.places["hong_kong"]["streets"][district]))
    day = sim.any_day()
    sim.immd(person, "overstay", day)
    if sim.chance(0.35) and (found := sim.later(day, 0, 60)):
        offence = rng.choice(["Breach of condition of stay", "Remaining in HK without authority"])
        case = sim.case("HK", offence, found, district, "overstay", None)
        sim.involve(case, person, "Overstayer")
        after_hk_arrest(sim, [person], found)
    elif sim.chance(0.5) and (removal := sim.later(day, 30, 300)):
        sim.immd(person, "removal", removal)
    if sim.chance(0.25) and (raid := sim.later(day, 10, 200)):
        hk_work_raid(sim, [person], raid)


def gd_overstayers(sim: Simulator, size: int) -> None:
    rng = sim.rng
    day = sim.any_day()
    overstay = sim.chance(0.5)
    city = rng.choice(["东莞", "深圳", "广州", "珠海"])
    case = sim.case(
        "GD",
        "非法居留" if overstay else "非法就业",
        day,
        sim.mainland_place("GD", city),
        "work",
        None,
    )
    sim.involve(case, sim.employer("GD"), "雇主", "行政拘留")
    for _ in range(size):
        nat = "VNM" if sim.chance(0.7) else "MMR"
        person = sim.people.new("migrant", nat, nat, passport_share=0.4, phone_share=0.6)
        sim.involve(
            case,
            person,
            "非法居留人员" if overstay else "非法就业人员",
            sim.migrant_outcome(person),
        )


def trim(sim: Simulator, scale: int) -> None:
    """Drop the newest person records until exactly `scale` remain."""
    world = sim.world
    removed_events: set[int] = set()
    while sim.rows > scale:
        case, item = sim.log.pop()
        if case is None:
            assert isinstance(item, ImmdEvent)
            removed_events.add(item.seq)
        else:
            for i in range(len(case.people) - 1, -1, -1):
                if case.people[i] is item:
                    del case.people[i]
                    break
        sim.rows -= 1
    world.immd = [e for e in world.immd if e.seq not in removed_events]
    world.cases = [c for c in world.cases if c.people]
    for case in world.cases:
        present = {inv.person for inv in case.people}
        for exhibit in case.exhibits:
            if exhibit.holder is not None and exhibit.holder not in present:
                exhibit.holder = None
    for syn in world.syndicates:
        if syn.takedown_cases and syn.takedown_cases[0].people:
            syn.takedown_cases = [c for c in syn.takedown_cases if c.people]
        else:  # the main case was cut: the syndicate was not broken up in this world
            syn.takedown, syn.takedown_region, syn.takedown_cases = None, None, []


def number_records(sim: Simulator) -> None:
    """Case numbers per agency and year in date order; Immigration record ids likewise."""
    world: World = sim.world
    world.cases.sort(key=lambda c: (c.agency, c.opened, c.seq))
    counters: dict[tuple[str, int], int] = {}
    for case in world.cases:
        prefix, width = CASE_PREFIX[case.agency]
        key = (case.agency, case.opened.year)
        counters[key] = counters.get(key, sim.rng.randint(1, 300)) + sim.rng.randint(1, 4)
        case.case_no = f"{prefix}-{case.opened.year}-{counters[key]:0{width}d}"
    world.immd.sort(key=lambda e: (e.day, e.seq))
    ids: dict[int, int] = {}
    for event in world.immd:
        ids[event.day.year] = ids.get(
            event.day.year, sim.rng.randint(10_000, 60_000)
        ) + sim.rng.randint(1, 9)
        event.record_id = f"IMMD-{event.day.year}-{ids[event.day.year]:05d}"
