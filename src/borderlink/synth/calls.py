"""Call records: dense inside a syndicate, sparse between a syndicate and its migrants.

Calls are only known from phones that an agency seized or subpoenaed, so a call is
recorded when one of its two people was arrested; the agency is the one that first
arrested that person. Organisers rotate burner phones over time, and transporters may
share a work phone, so one number can stand for two people and one person for several
numbers.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

from borderlink.synth.simulate import Crew, Simulator
from borderlink.synth.world import Call, Person

UTC8 = timezone(timedelta(hours=8))


def _first_arrests(sim: Simulator) -> dict[int, tuple[date, str]]:
    first: dict[int, tuple[date, str]] = {}
    for case in sim.world.cases:
        for inv in case.people:
            seen = first.get(inv.person)
            if seen is None or (case.opened, case.agency) < seen:
                first[inv.person] = (case.opened, case.agency)
    return first


def _phone_at(person: Person, day: date, start: date, end: date) -> str:
    """The phone in use that day: burners are used one after another."""
    if len(person.phones) == 1:
        return person.phones[0]
    span = max(1, (end - start).days + 1)
    slot = min(len(person.phones) - 1, max(0, (day - start).days * len(person.phones) // span))
    return person.phones[slot]


def _links(crew: Crew) -> list[tuple[Person, Person, int]]:
    """Who calls whom, with a weight: the organiser calls everyone, the chain its neighbours."""
    out: list[tuple[Person, Person, int]] = []
    members = crew.everyone()
    for boss in crew.organisers:
        out += [(boss, m, 6) for m in members if m is not boss]
    hk_leg = crew.coxswains + crew.hk_drivers
    chain = [
        (crew.recruiters, crew.border or crew.road),
        (crew.border, crew.road),
        (crew.road, crew.receivers_gd),
        (crew.receivers_gd, crew.harbourers_gd),
        (crew.receivers_gd, hk_leg),
        (hk_leg, crew.receivers_hk),
        (crew.receivers_hk, crew.harbourers_hk),
    ]
    for left, right in chain:
        out += [(a, b, 4) for a in left for b in right if a is not b]
    if crew.financier:
        out += [(crew.financier, b, 8) for b in crew.organisers]
    if crew.vendor:
        out += [(crew.vendor, b, 2) for b in crew.receivers_gd]
    return out


def make_calls(sim: Simulator) -> None:
    rng: random.Random = sim.rng
    first = _first_arrests(sim)
    calls = sim.world.calls

    def add(a: Person, b: Person, day: date, start: date, end: date, agency: str) -> None:
        caller, callee = (a, b) if rng.random() < 0.6 else (b, a)
        moment = datetime.combine(day, time(0, 0), UTC8) + timedelta(seconds=rng.randrange(86_400))
        duration = int(rng.lognormvariate(4.0, 1.0)) + 1
        number_a = _phone_at(caller, day, start, end)
        number_b = _phone_at(callee, day, start, end)
        if number_a != number_b:
            calls.append(Call(number_a, number_b, moment, duration, agency))

    for crew in sim.crews:
        if crew.first_day is None or crew.last_day is None:
            continue
        start = max(sim.sc.start, crew.first_day - timedelta(days=60))
        end = min(sim.sc.end, crew.syn.takedown or crew.last_day + timedelta(days=30))
        span = max(0, (end - start).days)
        for a, b, weight in _links(crew):
            if not (a.phones and b.phones):
                continue
            seized = first.get(a.index) or first.get(b.index)
            if seized is None:
                continue
            for _ in range(rng.randint(1, weight)):
                add(a, b, start + timedelta(days=rng.randint(0, span)), start, end, seized[1])
        for migrant, day in crew.customers:
            if not migrant.phones or not crew.recruiters:
                continue
            recruiter = crew.recruiters[migrant.index % len(crew.recruiters)]
            seized = first.get(migrant.index) or first.get(recruiter.index)
            if seized is None or not recruiter.phones:
                continue
            for _ in range(rng.randint(1, 2)):
                when = max(sim.sc.start, day - timedelta(days=rng.randint(1, 30)))
                add(recruiter, migrant, when, start, end, seized[1])
    calls.sort(key=lambda c: (c.start, c.caller, c.callee))
