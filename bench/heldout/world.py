"""The world's timeline: mainland interceptions and takedowns, and the loop over events."""

from __future__ import annotations

from datetime import timedelta

from . import identifiers as ids
from .events import PLACES, Case
from .hk_events import HkEvents
from .syndicates import Route, Syndicate, new_migrant


class World(HkEvents):
    def entry_interception(self, s: Syndicate, route: Route) -> None:
        rng = self.rng
        region = route.entry or "GD"
        source = {"GX": "gx_psb", "YN": "yn_psb"}.get(region, "gd_psb")
        when = s.date_in(rng)
        place = rng.choice(PLACES[region][:4])
        drivers = [p for p in s.stage("entry_drv") if p.home == region] or s.stage("gd_drv")
        c = Case(
            self.case_no(source, place, when.year), source, when, place, "transporting", "land"
        )
        c.sightings.append(self.sight(rng.choice(drivers), outcome="刑事拘留", stage="drv"))
        if rng.random() < 0.3 and s.stage("recruit"):
            c.sightings.append(self.sight(rng.choice(s.stage("recruit")), outcome="刑事拘留"))
        for m in self.migrants_for(s, route, rng.randrange(2, 8), 0.15):
            c.sightings.append(self.sight(m, "migrant", migrant_kind="entrant", outcome="遣返"))
            if rng.random() < 0.45:
                s.retry.append(m)
        self.add_case(c, s)
        self.hand_over(s, c, "transport")

    def gd_interception(self, s: Syndicate, route: Route) -> None:
        rng = self.rng
        when = s.date_in(rng)
        place = rng.choice(PLACES["GD"][:5])
        sea = route.method == "sea" and route.to_hk and rng.random() < 0.5
        off = "organising" if rng.random() < 0.3 else "transporting"
        c = Case(self.case_no("gd_psb", place, when.year), "gd_psb", when, place, off)
        if sea and s.stage("cox"):
            c.sightings.append(
                self.sight(rng.choice(s.stage("cox")), outcome="刑事拘留", stage="cox")
            )
        else:
            c.sightings.append(
                self.sight(rng.choice(s.stage("gd_drv")), outcome="刑事拘留", stage="drv")
            )
        if s.stage("recv_gd") and rng.random() < 0.5:
            c.sightings.append(self.sight(rng.choice(s.stage("recv_gd")), outcome="刑事拘留"))
        if off == "organising" and rng.random() < 0.4:
            c.sightings.append(self.sight(rng.choice(s.stage("org")), outcome="刑事拘留"))
        kind = "entrant" if route.to_hk or rng.random() < 0.6 else "worker"
        for m in self.migrants_for(s, route, rng.randrange(2, 9), 0.3):
            c.sightings.append(self.sight(m, "migrant", migrant_kind=kind, outcome="遣返"))
            if rng.random() < 0.35:
                s.retry.append(m)
        self.add_case(c, s)

    def gd_workers(self, s: Syndicate, route: Route) -> None:
        rng = self.rng
        when = s.date_in(rng)
        place = rng.choice(["广东省东莞市", "广东省广州市白云区", "广东省佛山市南海区"])
        kind = rng.choice(["worker", "worker", "overstayer"])
        off = "illegal_employment" if kind == "worker" else "illegal_stay"
        c = Case(self.case_no("gd_psb", place, when.year), "gd_psb", when, place, off)
        if s.stage("harb") and rng.random() < 0.5:
            c.sightings.append(self.sight(rng.choice(s.stage("harb")), outcome="刑事拘留"))
        for _ in range(rng.randrange(2, 7)):
            m = (
                s.arrived.pop()
                if s.arrived and rng.random() < 0.4
                else new_migrant(rng, s, self.factory, route)
            )
            c.sightings.append(self.sight(m, "migrant", migrant_kind=kind, outcome="行政拘留"))
        self.add_case(c, s)

    def document_case(self, s: Syndicate, route: Route) -> None:
        rng = self.rng
        if not s.stage("docs"):
            return self.gd_interception(s, route)
        when = s.date_in(rng)
        place = rng.choice(PLACES["GD"])
        c = Case(self.case_no("gd_psb", place, when.year), "gd_psb", when, place, "document_fraud")
        v = self.sight(s.stage("docs")[0], outcome="刑事拘留")
        c.sightings.append(v)
        for m in self.migrants_for(s, route, rng.randrange(1, 4), 0.2):
            c.sightings.append(self.sight(m, "migrant", migrant_kind="entrant", outcome="遣返"))
            c.exhibits.append(("document", ids.passport(rng, m.nat), v))
        self.add_case(c, s)

    def takedown(self, s: Syndicate) -> None:
        rng = self.rng
        s.taken_down = True
        region = s.base if s.base != "HK" else "GD"
        source = {"GX": "gx_psb", "YN": "yn_psb"}.get(region, "gd_psb")
        when = s.end
        place = rng.choice(PLACES[region])
        c = Case(self.case_no(source, place, when.year), source, when, place, "organising")
        people = s.stage("org") + s.stage("fin") + s.stage("docs") + s.stage("recruit")
        people += [p for p in s.stage("entry_drv") + s.stage("gd_drv") if rng.random() < 0.5]
        mainland = [p for p in people if p.nat != "HKG" or rng.random() < 0.3]
        for p in mainland:
            c.sightings.append(
                self.sight(p, outcome=rng.choice(["刑事拘留", "刑事拘留", "取保候审"]))
            )
        for part in self.by_group(s, c):
            self.add_case(part, s)
        hk = [p for p in s.members() if p.nat == "HKG" and rng.random() < 0.7]
        if hk:
            district = rng.choice(PLACES["HK_TOWN"])
            h = Case(
                self.case_no("hk_police", district, when.year),
                "hk_police",
                when + timedelta(days=rng.randrange(0, 3)),
                district,
                "arranging",
            )
            h.sightings = [self.sight(p) for p in hk]
            self.add_case(h, s)

    # --- the loop --------------------------------------------------------------------
    def run(self) -> None:
        rng = self.rng
        kinds = ["entry", "gd", "hk", "harbour", "employ", "takedown", "docs", "gdwork", "overstay"]
        weights = [0.28, 0.12, 0.22, 0.07, 0.08, 0.09, 0.03, 0.05, 0.08]
        guard = 0
        while self.rows < self.scale and guard < 100000:
            guard += 1
            kind = rng.choices(kinds, weights=weights)[0]
            if kind == "overstay":
                self.overstay()
                continue
            live = [s for s in self.syndicates if not s.taken_down]
            if not live:
                for s in self.syndicates:
                    s.taken_down = False
                live = self.syndicates
            s = rng.choices(live, weights=[x.weight for x in live])[0]
            route = rng.choice(s.routes)
            if kind == "entry" and route.entry:
                self.entry_interception(s, route)
            elif kind in ("entry", "gd"):
                self.gd_interception(s, route)
            elif kind == "hk" or (kind == "harbour" and route.to_hk and not s.stage("harb")):
                self.hk_landing(s, route) if route.to_hk else self.gd_workers(s, route)
            elif kind == "harbour":
                self.harbour_raid(s, route) if route.to_hk else self.gd_workers(s, route)
            elif kind == "employ":
                self.employment_raid(s, route) if route.to_hk else self.gd_workers(s, route)
            elif kind == "takedown":
                if (s.end - s.start).days > 300 and rng.random() < 0.7:
                    self.takedown(s)
            elif kind == "docs":
                self.document_case(s, route)
            else:
                self.gd_workers(s, route)
