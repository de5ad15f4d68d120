"""Breakdown dimensions (--by) as SQL key expressions over the arrests (stats/arrests.py).

Each dimension is a key expression over an arrest `a` (routes: over its route `r`). A case
or a group is counted in every row it touches (a case with people of two origins is in both
origin rows), so origin rows may add up to more than the total, and the output says so. An
arrest is on one route only (its syndicate's route through the arrest's region), so a
syndicate's totals are never copied to every route it works.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderlink.errors import InvalidRequest
from borderlink.stats.models import Inputs


@dataclass(frozen=True)
class Dimension:
    name: str
    key_sql: str
    routed: bool = False  # the key reads the arrest's route `r`
    needs: str | None = None  # the stage whose tables the dimension needs
    overlapping: bool = False  # rows can share cases/arrests, so they may not add up


DIMENSIONS: dict[str, Dimension] = {
    "region": Dimension("region", "a.region"),
    "agency": Dimension("agency", "a.source"),
    "month": Dimension("month", "strftime(a.arrest_date, '%Y-%m')"),
    "offence": Dimension("offence", "a.offence"),
    "origin": Dimension("origin", "a.nationality", overlapping=True),
    "route": Dimension(
        "route",
        "COALESCE(r.route, 'unattributed')",
        routed=True,
        needs="analyse",
    ),
}


def dimension(name: str) -> Dimension:
    """The dimension called `name`; InvalidRequest lists the valid ones."""
    found = DIMENSIONS.get(name.strip().lower())
    if found is None:
        raise InvalidRequest("by", f"unknown {name!r}: choose one of {', '.join(DIMENSIONS)}")
    return found


def available(dim: Dimension, inputs: Inputs) -> str | None:
    """None when the dimension can be computed, else the reason it cannot."""
    if dim.needs == "analyse" and not (inputs.clusters and inputs.members and inputs.syndicates):
        return "not computed: run resolve/analyse (routes come from the syndicates analyse finds)"
    return None
