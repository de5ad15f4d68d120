"""Hand-overs between cooperating groups, and cases split by group (chained syndicates)."""

from __future__ import annotations

from datetime import timedelta

from .events import PLACES, Case, EventBase
from .syndicates import Syndicate


class HandOvers(EventBase):
    def by_group(self, s: Syndicate, c: Case) -> list[Case]:
        """C as one case per cooperating group (a takedown of a chain hits each group apart)."""
        if not s.groups:
            return [c]
        parts: dict[str | None, list] = {}
        for x in c.sightings:
            parts.setdefault(self._group(s, x.person), []).append(x)
        out = []
        for i, (_, sightings) in enumerate(sorted(parts.items(), key=lambda kv: kv[0] or "")):
            no = c.case_no if i == 0 else self.case_no(c.source, c.place, c.when.year)
            out.append(Case(no, c.source, c.when, c.place, c.offence, c.method, sightings))
        return out

    def hand_over(self, s: Syndicate, c: Case, to: str) -> None:
        """Some of C's migrants turn up days later with the next group of the chain.

        to = "transport": a recruiting group's customers are caught with the transport
        group's driver in Guangdong; to = "recv": a transport group's landed customers are
        found with the Hong Kong receivers' harbourer.
        """
        pr = self.prng
        if not s.groups or pr.random() < 0.4:
            return
        migrants = [x.person for x in c.sightings if x.role == "migrant"]
        stage = "gd_drv" if to == "transport" else ("harb" if s.stage("harb") else "recv_hk")
        if not migrants or not s.stage(stage):
            return
        moved = pr.sample(migrants, max(1, round(len(migrants) * pr.uniform(0.3, 0.8))))
        if to == "transport":
            source, place = "gd_psb", pr.choice(PLACES["GD"][:5])
            when = c.when + timedelta(days=pr.randrange(2, 30))
            h = Case(self.case_no(source, place, when.year), source, when, place, "transporting")
            h.sightings.append(self.sight(pr.choice(s.stage(stage)), outcome="刑事拘留"))
            kind, outcome = "entrant", "遣返"
        else:
            source, place = "hk_police", pr.choice(PLACES["HK_TOWN"])
            when = c.when + timedelta(days=pr.randrange(5, 60))
            h = Case(self.case_no(source, place, when.year), source, when, place, "remaining")
            h.sightings.append(self.sight(pr.choice(s.stage(stage))))
            kind, outcome = "entrant", ""
        for m in moved:
            h.sightings.append(self.sight(m, "migrant", migrant_kind=kind, outcome=outcome))
        self.add_case(h, s)
