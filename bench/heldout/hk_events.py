"""Hong Kong events: landings, harbouring and employment raids, overstayers, removals."""

from __future__ import annotations

from datetime import date, timedelta

from .events import PLACES, Case
from .handovers import HandOvers
from .name_lists import HK_BUSINESSES
from .people import Person
from .romanise import to_trad
from .syndicates import Route, Syndicate, new_migrant


class HkEvents(HandOvers):
    def hk_landing(self, s: Syndicate, route: Route) -> None:
        rng = self.rng
        when = s.date_in(rng)
        sea = route.method == "sea"
        district = rng.choice(PLACES["HK_SEA" if sea else "HK_LAND"])
        off = "illegal_landing" if rng.random() < 0.6 else "aiding"
        c = Case(self.case_no("hk_police", district, when.year), "hk_police", when, district, off)
        c.method = "sea" if sea else "land"
        stage = "cox" if sea else "hk_drv"
        if s.stage(stage) and rng.random() < 0.8:
            c.sightings.append(self.sight(rng.choice(s.stage(stage)), stage=stage))
        if s.stage("recv_hk") and rng.random() < 0.45:
            c.sightings.append(self.sight(rng.choice(s.stage("recv_hk")), stage="lookout"))
        if rng.random() < 0.1:
            c.sightings.append(self.sight(rng.choice(s.stage("org") + s.stage("recruit"))))
        for m in self.migrants_for(s, route, rng.randrange(2, 10), 0.35):
            c.sightings.append(self.sight(m, "migrant", migrant_kind="entrant"))
            r = rng.random()
            if r < 0.6:
                self.add_immd("removal", when + timedelta(days=rng.randrange(20, 120)), m)
            elif r < 0.85:
                s.arrived.append(m)
        self.add_case(c, s)
        self.hand_over(s, c, "recv")

    def harbour_raid(self, s: Syndicate, route: Route) -> None:
        rng = self.rng
        if not s.stage("harb"):
            return self.hk_landing(s, route)
        when = s.date_in(rng)
        district = rng.choice(PLACES["HK_TOWN"])
        c = Case(
            self.case_no("hk_police", district, when.year), "hk_police", when, district, "remaining"
        )
        addr = self.hk_address()
        h = rng.choice(s.stage("harb"))
        h.address = h.address or addr
        c.sightings.append(self.sight(h))
        k = rng.randrange(1, 6)
        for _ in range(k):
            if s.arrived and rng.random() < 0.5:
                m = s.arrived.pop(rng.randrange(len(s.arrived)))
            else:
                m = new_migrant(rng, s, self.factory, route)
            m.address = h.address
            c.sightings.append(self.sight(m, "migrant", migrant_kind="entrant"))
            if rng.random() < 0.5:
                self.add_immd(
                    "removal", when + timedelta(days=rng.randrange(20, 90)), m, address=m.address
                )
        self.add_case(c, s)

    def employer(self) -> Person:
        if self.employers and self.rng.random() < 0.35:
            return self.rng.choice(self.employers)
        e = self.factory.new("employer", None, "HKG", "HK")
        e.business = self.rng.choice(HK_BUSINESSES).format(s=to_trad(e.name.sur_zh, surname=True))
        self.employers.append(e)
        return e

    def employment_raid(self, s: Syndicate | None, route: Route | None) -> None:
        rng = self.rng
        when = s.date_in(rng) if s else date(2016, 1, 1) + timedelta(days=rng.randrange(1460))
        district = rng.choice(PLACES["HK_TOWN"])
        c = Case(
            self.case_no("hk_police", district, when.year), "hk_police", when, district, "employing"
        )
        e = self.employer()
        c.sightings.append(self.sight(e))
        for _ in range(rng.randrange(1, 5)):
            if s and route and s.arrived and rng.random() < 0.6:
                m = s.arrived.pop(rng.randrange(len(s.arrived)))
            elif s and route:
                m = new_migrant(rng, s, self.factory, route)
            else:
                m = self.loner()
            m.employer = e.business
            c.sightings.append(self.sight(m, "migrant", migrant_kind="worker"))
            if rng.random() < 0.6:
                self.add_immd(
                    "illegal_employment",
                    when + timedelta(days=rng.randrange(0, 10)),
                    m,
                    employer=e.business,
                )
        self.add_case(c, s)

    def loner(self) -> Person:
        nat = self.rng.choice(["VNM", "BGD", "PAK", "IND", "NPL", "LKA", "VNM", "PAK"])
        p = self.factory.new("migrant", None, nat, nat)
        self.loners.append(p)
        return p

    def overstay(self) -> None:
        rng = self.rng
        p = self.loner()
        when = date(2016, 1, 1) + timedelta(days=rng.randrange(1460))
        self.add_immd(
            "overstay", when, p, address=self.hk_address() if rng.random() < 0.3 else None
        )
        if rng.random() < 0.3:
            district = rng.choice(PLACES["HK_TOWN"])
            c = Case(
                self.case_no("hk_police", district, when.year),
                "hk_police",
                when - timedelta(days=2),
                district,
                "breach",
            )
            c.sightings.append(self.sight(p, "migrant", migrant_kind="overstayer"))
            self.add_case(c)
        if rng.random() < 0.1:
            self.add_immd("refused_entry", when + timedelta(days=rng.randrange(200, 500)), p)
