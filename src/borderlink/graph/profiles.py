"""What each syndicate looks like: routes, base region, active period, members by year.

Routes are read from the people a syndicate moved: where they come from
(nationality), which regions their cases lie in (ordered along the route) and
how they entered Hong Kong (the HK case's method), written as `VN>GX>GD>HK:sea`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from borderlink.graph.rules import RouteSettings
from borderlink.store import Store


@dataclass(frozen=True)
class CustomerTrail:
    nationality: str | None
    regions: list[str]
    hk_method: str | None


def route_of(trail: CustomerTrail, settings: RouteSettings, countries: dict[str, str]) -> str:
    """`ORIGIN>REGION>...` plus `:method` when the trail ends in Hong Kong with a known method."""
    origin = countries.get(trail.nationality or "", trail.nationality or "?")
    regions = [r for r in settings.order if r in trail.regions]
    route = ">".join([origin, *regions])
    if "HK" in regions and trail.hk_method in ("sea", "land"):
        route += f":{trail.hk_method}"
    return route


def syndicate_routes(
    trails: list[CustomerTrail], settings: RouteSettings, countries: dict[str, str]
) -> list[str]:
    """Routes per origin: regions seen by at least min_share of that origin's customers."""
    by_origin: dict[str | None, list[CustomerTrail]] = defaultdict(list)
    for t in trails:
        by_origin[t.nationality].append(t)
    routes: list[tuple[int, str]] = []
    for nationality, group in by_origin.items():
        if len(group) < settings.min_share * len(trails):
            continue
        region_count = Counter(r for t in group for r in set(t.regions))
        regions = [r for r, n in region_count.items() if n >= settings.min_share * len(group)]
        methods = Counter(t.hk_method for t in group if t.hk_method in ("sea", "land"))
        method = methods.most_common(1)[0][0] if methods else None
        merged = CustomerTrail(nationality, regions, method)
        routes.append((len(group), route_of(merged, settings, countries)))
    return [r for _, r in sorted(routes, key=lambda x: (-x[0], x[1]))]


TRAILS_SQL = """
SELECT sc.syndicate_id, g.entity_id, mode(g.nationality) AS nationality,
       list(DISTINCT g.case_region) FILTER (WHERE g.case_region IS NOT NULL) AS regions,
       mode(g.method) FILTER (WHERE g.case_region = 'HK' AND g.method IN ('sea', 'land')) AS method
FROM syndicate_customers sc JOIN graph_persons g ON g.entity_id = sc.entity_id
WHERE sc.is_primary AND sc.relation = 'moved'
GROUP BY sc.syndicate_id, g.entity_id
"""

MEMBER_FACTS_SQL = """
SELECT m.syndicate_id, mode(g.case_region) AS base_region, min(g.seen_on) AS active_from,
       max(g.seen_on) AS active_to
FROM syndicate_members m JOIN graph_persons g ON g.entity_id = m.entity_id
GROUP BY m.syndicate_id
"""

MEMBERS_BY_YEAR_SQL = """
SELECT m.syndicate_id, year(g.seen_on) AS y, count(DISTINCT m.entity_id) AS n
FROM syndicate_members m JOIN graph_persons g ON g.entity_id = m.entity_id
WHERE g.seen_on IS NOT NULL GROUP BY ALL ORDER BY 1, 2
"""


@dataclass(frozen=True)
class SyndicateProfile:
    routes: list[str]
    base_region: str | None
    active_from: date | None
    active_to: date | None
    members_by_year: dict[str, int]


def profile_syndicates(
    store: Store, settings: RouteSettings, countries: dict[str, str]
) -> dict[str, SyndicateProfile]:
    """Profiles of every syndicate in syndicate_members (from customers and graph_persons)."""
    trails: dict[str, list[CustomerTrail]] = defaultdict(list)
    for sid, _e, nat, regions, method in store.query(TRAILS_SQL):
        trails[sid].append(CustomerTrail(nat, list(regions or []), method))
    by_year: dict[str, dict[str, int]] = defaultdict(dict)
    for sid, year, n in store.query(MEMBERS_BY_YEAR_SQL):
        by_year[sid][str(year)] = int(n)
    out: dict[str, SyndicateProfile] = {}
    for sid, base, start, end in store.query(MEMBER_FACTS_SQL):
        out[sid] = SyndicateProfile(
            syndicate_routes(trails.get(sid, []), settings, countries),
            base,
            start,
            end,
            by_year.get(sid, {}),
        )
    return out


def profile_row(sid: str, size: int, profile: SyndicateProfile | None) -> dict[str, Any]:
    """A `syndicates` row (without key players) for one syndicate."""
    if profile is None:
        profile = SyndicateProfile([], None, None, None, {})
    return {
        "syndicate_id": sid,
        "size": size,
        "routes": ";".join(profile.routes),
        "base_region": profile.base_region,
        "active_from": profile.active_from,
        "active_to": profile.active_to,
        "members_by_year": json.dumps(profile.members_by_year),
    }
