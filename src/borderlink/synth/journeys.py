"""One smuggling trip, leg by leg, and where each group gets stopped.

Border (Guangxi/Yunnan police), road (Guangdong or inland police), the Guangdong coast
or the boundary checkpoints, arrival in Hong Kong (police), and afterwards: harboured
migrants found in a flat, illegal workers in raids, removals by Immigration. A
migrant sent back may try again with the same syndicate, so one person can appear in
Guangxi's records and later in Hong Kong's.
"""

from __future__ import annotations

from datetime import date, timedelta

from borderlink.synth.simulate import Crew, Simulator, parse_route
from borderlink.synth.world import SOUTH_ASIAN, Person

STOWAWAY = "偷渡人员"
WORKER = "非法就业人员"
OVERSTAYER = "非法居留人员"
TRANSPORTING = "运送他人偷越国(边)境"


def run_trips(sim: Simulator, crew: Crew) -> None:
    low, high = sim.sc.journeys_per_syndicate
    routes = [sim.rng.choice(crew.syn.routes) for _ in range(sim.rng.randint(low, high))]
    trips = sorted((sim.trip_day(route), route) for route in routes)
    crew.first_day, crew.last_day = trips[0][0], trips[-1][0]
    for day, route in trips:
        trip(sim, crew, route, day)


def trip(sim: Simulator, crew: Crew, route: str, day: date) -> None:
    rng, sc = sim.rng, sim.sc
    _origin, path, method = parse_route(route)
    to_hk = "HK" in path
    low, high = sc.group_size["sea" if to_hk and method == "sea" else "land"]
    group = sim.new_migrants(crew, rng.randint(low, high))
    start = sim.clip(day)
    enforcement = sc.enforcement.get(start.year, 1.0)
    crew.customers.extend((person, start) for person in group)
    for person in group:
        if person.phones and person.nationality != "CHN" and sim.chance(0.25):
            person.phones.append(sim.people_phone_cn())
        if to_hk and person.nationality in SOUTH_ASIAN and sim.chance(0.1):
            # Refused entry at the airport before trying the boat.
            refused = start - timedelta(days=rng.randint(30, 300))
            if refused >= sc.start:
                sim.immd(person, "refused_entry", refused)
    recruiter = rng.choice(crew.recruiters)
    if crew.entry and sim.chance(sc.interception["border"] * enforcement):
        group = border_stop(sim, crew, group, start, recruiter, route)
    moved = sim.later(start, 1, 4)
    if not group or moved is None:
        return
    if sim.chance(sc.interception["road"] * enforcement):
        group = road_stop(sim, crew, group, moved, route)
    if not group:
        return
    if not to_hk:
        gd_work(sim, crew, group, moved)
        return
    crossing = sim.later(moved, 3, 30)
    if crossing is None:
        return
    if sim.chance(sc.interception["gd_coast"] * enforcement):
        group = coast_stop(sim, crew, group, crossing, method, route)
    if group:
        hk_arrival(sim, crew, group, crossing, method, route)


def _caught(sim: Simulator, group: list[Person]) -> list[Person]:
    if sim.chance(0.6) or len(group) == 1:
        return list(group)
    k = max(1, int(len(group) * sim.rng.uniform(0.5, 1.0)))
    return sim.rng.sample(group, k)


def _sent_back(sim: Simulator, crew: Crew, caught: list[Person]) -> None:
    for person in caught:
        if sim.chance(sim.sc.retry_share):
            crew.retry.append(person)


def border_stop(
    sim: Simulator, crew: Crew, group: list[Person], day: date, recruiter: Person, route: str
) -> list[Person]:
    assert crew.entry is not None
    city = sim.rng.choice(["东兴", "凭祥"] if crew.entry == "GX" else ["瑞丽", "勐腊"])
    caught = _caught(sim, group)
    guide = sim.rng.choice(crew.border)
    with_guide = sim.chance(0.7)
    offence = TRANSPORTING if with_guide else "偷越国(边)境"
    case = sim.case(
        crew.entry,
        offence,
        day,
        sim.mainland_place(crew.entry, city),
        "border",
        crew,
        "land",
        route,
    )
    if with_guide:
        outcome = sim.facilitator_outcome()
        car = sim.fleet.car_of(guide)
        sim.involve(case, guide, "运送者", outcome, car.mainland_plate if car else None)
        sim.replace_if_jailed(crew, crew.border, guide, outcome, "border")
    if sim.chance(0.15):
        sim.involve(case, recruiter, "招募者", sim.facilitator_outcome())
    for person in caught:
        sim.involve(case, person, STOWAWAY, sim.migrant_outcome(person))
    _sent_back(sim, crew, caught)
    return [p for p in group if p not in caught]


def road_stop(
    sim: Simulator, crew: Crew, group: list[Person], day: date, route: str
) -> list[Person]:
    inland = crew.entry is not None and sim.chance(0.3)
    region = crew.entry if inland and crew.entry else "GD"
    city = {"GX": "南宁", "YN": "昆明"}.get(region, sim.rng.choice(["深圳", "东莞", "广州"]))
    caught = _caught(sim, group)
    driver = sim.rng.choice(crew.road)
    car = sim.fleet.car_of(driver)
    case = sim.case(
        region, TRANSPORTING, day, sim.mainland_place(region, city), "road", crew, "land", route
    )
    outcome = sim.facilitator_outcome()
    sim.involve(case, driver, "运送者", outcome, car.mainland_plate if car else None)
    if sim.chance(0.3):
        sim.involve(case, sim.rng.choice(crew.receivers_gd), "接应者", sim.facilitator_outcome())
    for person in caught:
        sim.involve(case, person, STOWAWAY, sim.migrant_outcome(person))
        if person.passport and sim.chance(0.5):
            sim.exhibit(case, "document", person.passport, person)
    if car and car.mainland_plate:
        sim.exhibit(case, "vehicle", car.mainland_plate, driver)
    if driver.phones:
        sim.exhibit(case, "phone", driver.phones[0], driver)
    if sim.chance(0.3):
        sim.exhibit(case, "cash", str(sim.rng.randint(2, 30) * 1000), driver)
    sim.replace_if_jailed(crew, crew.road, driver, outcome, "road")
    _sent_back(sim, crew, caught)
    return [p for p in group if p not in caught]


def coast_stop(
    sim: Simulator, crew: Crew, group: list[Person], day: date, method: str, route: str
) -> list[Person]:
    """Stopped on the Guangdong side: a boat at the shore or a car at a checkpoint."""
    caught = _caught(sim, group)
    crew_list = crew.coxswains if method == "sea" else crew.hk_drivers
    if not crew_list:
        return group
    pilot = sim.rng.choice(crew_list)
    city = sim.rng.choice(["深圳", "珠海"]) if method == "sea" else "深圳"
    case = sim.case(
        "GD", TRANSPORTING, day, sim.mainland_place("GD", city), "coast", crew, method, route
    )
    sim.involve(case, pilot, "运送者", sim.facilitator_outcome())
    for person in caught:
        sim.involve(case, person, STOWAWAY, sim.migrant_outcome(person))
    if method == "sea" and crew.vessels:
        sim.exhibit(case, "vessel", sim.rng.choice(crew.vessels), pilot)
    car = sim.fleet.car_of(pilot)
    if car and car.mainland_plate:
        sim.exhibit(case, "vehicle", car.mainland_plate, pilot)
    _sent_back(sim, crew, caught)
    return [p for p in group if p not in caught]


def hk_arrival(
    sim: Simulator, crew: Crew, group: list[Person], day: date, method: str, route: str
) -> None:
    rng, hk = sim.rng, sim.places["hong_kong"]
    spots = hk["landing"] if method == "sea" else hk["land_crossing"]
    district = rng.choice(sorted(spots))
    spot = str(rng.choice(spots[district]))
    if sim.steady_chance("hk_arrival", sim.sc.interception["hk_arrival"]):
        caught = _caught(sim, group)
        crew_list = crew.coxswains if method == "sea" else crew.hk_drivers
        pilot = rng.choice(crew_list) if crew_list else None
        if method == "sea":
            with_pilot = pilot is not None and sim.chance(0.45)
            offence = "Illegal landing"
        else:
            with_pilot = pilot is not None and sim.chance(0.9)
            offence = "Aiding and abetting illegal immigration" if with_pilot else "Illegal landing"
        case = sim.case("HK", offence, day, district, "landing", crew, method, route, spot)
        if with_pilot and pilot is not None:
            sim.involve(case, pilot, "Coxswain" if method == "sea" else "Driver")
        if method == "sea" and crew.receivers_hk and sim.chance(0.15):
            sim.involve(case, crew.receivers_hk[0], "Look-out")
        for person in caught:
            sim.involve(case, person, "Illegal immigrant")
        if method == "sea" and crew.vessels:
            sim.exhibit(case, "vessel", rng.choice(crew.vessels), pilot if with_pilot else None)
        car = sim.fleet.car_of(pilot) if pilot and with_pilot else None
        if car and car.hk_plate:
            sim.exhibit(case, "vehicle", car.hk_plate, pilot)
        if with_pilot and pilot is not None and pilot.phones:
            sim.exhibit(case, "phone", pilot.phones[-1], pilot)
        for person in caught[:2]:
            if person.phones and sim.chance(0.5):
                sim.exhibit(case, "sim", person.phones[-1], person)
        after_hk_arrest(sim, caught, day)
        group = [p for p in group if p not in caught]
    if group:
        hk_afterwards(sim, crew, group, day)


def after_hk_arrest(sim: Simulator, caught: list[Person], day: date) -> None:
    """Claimants get a recognizance form; most others are removed by Immigration."""
    for person in caught:
        claimant = person.nationality in SOUTH_ASIAN or (
            person.nationality != "CHN" and sim.chance(0.1)
        )
        if claimant and person.recognizance is None and sim.chance(0.6):
            person.recognizance = sim.recognizance()
        if sim.chance(0.35 if claimant else 0.65):
            removal = sim.later(day, 20, 200)
            if removal:
                sim.immd(person, "removal", removal)


def hk_afterwards(sim: Simulator, crew: Crew, group: list[Person], day: date) -> None:
    """Harboured in a flat; later found there, or caught working, or never caught."""
    harbourer = sim.rng.choice(crew.harbourers_hk) if crew.harbourers_hk else None
    for person in group:
        if harbourer is not None:
            person.address = harbourer.address
    if harbourer is not None and sim.chance(sim.sc.interception["hk_later"]):
        found = sim.later(day, 5, 120)
        if found and harbourer.address:
            caught = _caught(sim, group)
            with_harbourer = sim.chance(0.4)
            offence = (
                "Aiding and abetting illegal immigration"
                if with_harbourer
                else "Remaining in HK without authority"
            )
            district = sim.district_of.get(harbourer.address, "Yau Tsim Mong")
            case = sim.case("HK", offence, found, district, "later", crew)
            if with_harbourer:
                sim.involve(case, harbourer, "Harbourer")
            for person in caught:
                sim.involve(case, person, "Illegal immigrant")
            after_hk_arrest(sim, caught, found)
            group = [p for p in group if p not in caught]
    working = [p for p in group if sim.chance(0.4)]
    if working and sim.chance(0.6):
        raid = sim.later(day, 30, 400)
        if raid:
            hk_work_raid(sim, working, raid)


def hk_work_raid(sim: Simulator, workers: list[Person], day: date) -> None:
    """Immigration raids a workplace; the police sometimes take the employer to court."""
    boss = sim.employer("HK")
    company = sim.company.get(boss.index)
    for person in workers:
        by_company = company if sim.chance(0.3) else None
        sim.immd(person, "illegal_employment", day, None if by_company else boss, by_company)
    if sim.chance(0.5):
        district = sim.district_of.get(boss.address or "", "Kwai Tsing")
        offence = "Employing an illegal immigrant"
        case = sim.case("HK", offence, day, district, "work", None)
        sim.involve(case, boss, "Employer")
        for person in workers:
            role = (
                "Overstayer"
                if person.passport and person.nationality != "VNM" and sim.chance(0.3)
                else "Illegal immigrant"
            )
            sim.involve(case, person, role)


def gd_work(sim: Simulator, crew: Crew, group: list[Person], day: date) -> None:
    """Migrants who stay in Guangdong work in factories until a raid finds them."""
    if not sim.chance(sim.sc.interception["gd_work"]):
        return
    raid = sim.later(day, 30, 365)
    if raid is None:
        return
    caught = _caught(sim, group)
    overstaying = sim.chance(0.3)
    offence = "非法居留" if overstaying else "非法就业"
    city = sim.rng.choice(["东莞", "东莞", "深圳", "广州"])
    case = sim.case("GD", offence, raid, sim.mainland_place("GD", city), "work", crew)
    sim.involve(case, sim.employer("GD"), "雇主", "行政拘留" if sim.chance(0.6) else "取保候审")
    if crew.harbourers_gd and sim.chance(0.2):
        sim.involve(case, crew.harbourers_gd[0], "容留者", sim.facilitator_outcome())
    for person in caught:
        sim.involve(
            case, person, OVERSTAYER if overstaying else WORKER, sim.migrant_outcome(person)
        )
