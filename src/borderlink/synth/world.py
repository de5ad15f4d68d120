"""The synthetic world: people, syndicates, cases, immigration events and calls.

These are the true facts. Writers later render them the way each agency records
them (with their spellings and clerical noise); truth/ is written from here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from borderlink.model.vocab import chain_roles, regions
from borderlink.synth.ids import area_code_at, make_hkid, make_passport, make_resident_id
from borderlink.synth.names_burmese import BurmeseName, burmese_names
from borderlink.synth.names_south_asian import SouthAsianName, south_asian_names
from borderlink.synth.names_vi import VietnameseName, vietnamese_names
from borderlink.synth.names_zh import ChineseName, chinese_names
from borderlink.synth.phones import make_mobile

Name = ChineseName | VietnameseName | BurmeseName | SouthAsianName

ROLES = chain_roles()
SOUTH_ASIAN = ("BGD", "PAK", "IND", "NPL", "LKA")
REGIONS = regions()


@dataclass(slots=True)
class Person:
    index: int
    sex: str  # M / F
    dob: date
    nationality: str  # ISO 3166 alpha-3
    registered: str  # GD, GX, YN, HK, CN (other province) or a country code
    role: str
    syndicate_id: str  # "" for migrants and employers
    name: Name
    aliases: list[Name] = field(default_factory=list)
    resident_ids: list[str] = field(default_factory=list)
    hkid: str | None = None
    passport: str | None = None
    recognizance: str | None = None
    phones: list[str] = field(default_factory=list)
    address: str | None = None  # where they live or are harboured (HK only)

    @property
    def person_id(self) -> str:
        return f"P{self.index:07d}"

    @property
    def home_region(self) -> str:
        return self.registered if self.registered in REGIONS else self.nationality


@dataclass(slots=True)
class Involvement:
    """One person in one case, as the case file reports them."""

    person: int
    role: str  # the agency's role word (涉案身份 or HK police role)
    outcome: str | None = None
    vehicle: str | None = None  # plate of the vehicle they drove (gx_psb column)
    phone: str | None = None  # the number they used in this case


@dataclass(slots=True)
class Exhibit:
    kind: str  # phone / vehicle / vessel / document / cash / card / sim
    identifier: str
    holder: int | None


@dataclass(slots=True)
class Case:
    seq: int
    agency: str  # gd_psb / gx_psb / yn_psb / hk_police
    offence: str  # as the agency writes it
    opened: date
    place: str  # mainland place, or HK district
    method: str  # sea / land / unknown
    kind: str  # border, road, coast, landing, crossing, later, work, takedown, documents, overstay
    syndicate_id: str
    route: str
    spot: str = ""  # landing spot or crossing, for the narrative
    people: list[Involvement] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    case_no: str = ""


@dataclass(slots=True)
class ImmdEvent:
    seq: int
    person: int
    event: str  # overstay / illegal_employment / removal / refused_entry
    day: date
    employer: int | None = None  # the employing person, written by name
    company: str | None = None  # or their business, as ImmD writes it
    record_id: str = ""


@dataclass(slots=True)
class Call:
    caller: str  # E.164
    callee: str
    start: datetime
    duration_s: int
    agency: str


@dataclass(slots=True)
class Syndicate:
    syndicate_id: str
    base_region: str
    routes: list[str]
    members: list[int] = field(default_factory=list)
    takedown: date | None = None
    takedown_region: str | None = None
    takedown_cases: list[Case] = field(default_factory=list)


@dataclass(slots=True)
class Vehicle:
    vehicle_id: str
    mainland_plate: str | None
    hk_plate: str | None
    owner: int


@dataclass(slots=True)
class World:
    people: list[Person] = field(default_factory=list)
    syndicates: list[Syndicate] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    immd: list[ImmdEvent] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)


@lru_cache(maxsize=1)
def places() -> dict[str, Any]:
    text = resources.files("borderlink.synth").joinpath("data", "places.yaml")
    data: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    return data


class PersonFactory:
    """Makes people with names, documents and phones that fit who they are."""

    def __init__(self, rng: random.Random, world: World, year: int) -> None:
        self.rng = rng
        self.world = world
        self.year = year
        self.zh = chinese_names()
        self.vi = vietnamese_names()
        self.my = burmese_names()
        self.sa = south_asian_names()
        self.places = places()

    def area_code(self, registered: str, year: int) -> str:
        """An area code of the place, one that existed in the holder's birth year."""
        if registered in ("GD", "GX", "YN"):
            options = self.places["mainland"][registered]
        else:
            options = self.places["other_provinces"]
        code = str(self.rng.choice(options)["code"])
        fallbacks = sorted({str(p["code"])[:4] for p in options if str(p["code"])[:2] == code[:2]})
        return area_code_at(self.rng, code, year, fallbacks)

    def draw_name(self, sex: str, nationality: str, registered: str) -> Name:
        if nationality in ("CHN", "HKG"):
            return self.zh.draw(self.rng, sex, "HK" if nationality == "HKG" else registered)
        if nationality == "VNM":
            return self.vi.draw(self.rng, sex)
        if nationality == "MMR":
            return self.my.draw(self.rng, sex)
        return self.sa.draw(self.rng, sex, nationality)

    def new(
        self,
        role: str,
        nationality: str,
        registered: str,
        syndicate_id: str = "",
        *,
        passport_share: float = 0.5,
        phone_share: float = 0.6,
    ) -> Person:
        rng = self.rng
        male_share = {"migrant": 0.7, "employer": 0.7}.get(role, 0.88)
        if nationality in SOUTH_ASIAN:
            male_share = max(male_share, 0.9)
        sex = "M" if rng.random() < male_share else "F"
        low, high = (18, 45) if role == "migrant" else (22, 62)
        dob = date(self.year - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(
            index=len(self.world.people) + 1,
            sex=sex,
            dob=dob,
            nationality=nationality,
            registered=registered,
            role=role,
            syndicate_id=syndicate_id,
            name=self.draw_name(sex, nationality, registered),
        )
        if nationality == "CHN":
            person.resident_ids.append(
                make_resident_id(rng, self.area_code(registered, dob.year), dob, sex)
            )
            if rng.random() < 0.1:
                person.passport = make_passport(rng, "CHN")
        elif nationality == "HKG":
            person.hkid = make_hkid(rng)
            if rng.random() < 0.4:
                person.passport = make_passport(rng, "HKG")
        elif rng.random() < passport_share:
            person.passport = make_passport(rng, nationality)
        home = "HKG" if registered == "HK" else ("CHN" if nationality == "CHN" else nationality)
        if role != "migrant" or rng.random() < phone_share:
            person.phones.append(make_mobile(rng, home))
        self.world.people.append(person)
        return person

    def give_cover(self, person: Person, aliases: int, extra_ids: int, phones: int) -> None:
        """An organiser's aliases, extra (valid) identity cards and burner phones."""
        rng = self.rng
        for _ in range(aliases):
            alias = self.draw_name(person.sex, person.nationality, person.registered)
            real = person.name
            # An alias usually keeps the real surname.
            if (
                isinstance(alias, ChineseName)
                and isinstance(real, ChineseName)
                and rng.random() < 0.6
            ):
                alias = ChineseName(
                    real.surname,
                    alias.given,
                    real.surname_t,
                    alias.given_t,
                    real.readings[: len(real.surname_t)] + alias.readings[len(alias.surname_t) :],
                )
            person.aliases.append(alias)
        for _ in range(extra_ids):
            if person.nationality == "CHN":
                shifted = person.dob.replace(day=min(28, person.dob.day + rng.randint(0, 9)))
                area = self.area_code(rng.choice(["GD", "GX", "YN", "CN"]), shifted.year)
                person.resident_ids.append(make_resident_id(rng, area, shifted, person.sex))
        home = "HKG" if person.registered == "HK" else "CHN"
        for _ in range(phones):
            person.phones.append(make_mobile(rng, home))
