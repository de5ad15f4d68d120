"""The headline figures recomputed in plain Python from truth/ and the delivered rows.

Nothing here uses borderlink.stats: identities and syndicates come from truth/, roles,
nationalities and dates from the rows as ingested, and the rules are re-implemented
from their written definitions (stats/rules/counting.yaml).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from stats_world import NOT_MEMBERS, person_of_record, read_csv

from borderlink.store import Store

ARREST_EVENTS = {"overstay", "illegal_employment"}
DOMESTIC = {"CHN", "HKG", "MAC", "TWN"}
REGIONS = {"mainland": {"GD", "GX", "YN"}}


def arrests(store: Store, truth: Path) -> list[dict[str, Any]]:
    """One dict per arrest: date, region, kind flags, true person, true syndicate."""
    person = person_of_record(store, truth)
    people = {r["person_id"]: r for r in read_csv(truth / "people.csv")}
    cases = {(c["source"], c["case_no"]): c for c in store.query_dicts("SELECT * FROM cases")}
    out = []
    for rec in store.query_dicts("SELECT * FROM person_records"):
        if rec["case_no"] is not None:
            case = cases.get((rec["source"], rec["case_no"]), {})
            day, method, offence = case.get("opened"), case.get("method"), case.get("offence")
        elif rec["event"] in ARREST_EVENTS:
            day, method, offence = rec["event_date"], None, None
        else:
            continue
        who = people[person[rec["record_id"]]]
        member = (
            bool(who["syndicate_id"])
            and who["role"] not in NOT_MEMBERS
            and rec["role"] not in NOT_MEMBERS  # arrested as a migrant: never a trafficker
        )
        out.append(
            {
                "date": day,
                "region": rec["region"],
                "case": (rec["source"], rec["case_no"]) if rec["case_no"] else None,
                "person": who["person_id"],
                "syndicate": who["syndicate_id"] if member else None,
                "illegal_entrants": rec["migrant_kind"] == "illegal_entrant",
                "illegal_workers": rec["migrant_kind"] == "illegal_worker",
                "overstayers": rec["migrant_kind"] == "overstayer",
                "stowaways": rec["migrant_kind"] == "illegal_entrant"
                and rec["nationality"] is not None
                and rec["nationality"] not in DOMESTIC
                and (method == "land" or offence == "transporting"),
                "traffickers": member,
                "facilitators": rec["role"] not in (None, "migrant", "employer"),
                "employers": rec["role"] == "employer",
                "people_arrested": True,
            }
        )
    return out


def expected(
    rows: list[dict[str, Any]], start: dt.date, end: dt.date, region: str | None = None
) -> dict[str, Any]:
    """figure -> (arrests, distinct people), cases and groups -> count."""
    wanted = REGIONS.get(region or "", {region} if region else None)
    picked = [
        r
        for r in rows
        if r["date"] and start <= r["date"] <= end and (wanted is None or r["region"] in wanted)
    ]
    result: dict[str, Any] = {
        "cases_cracked": len({r["case"] for r in picked if r["case"]}),
        "groups_broken_up": len({r["syndicate"] for r in picked if r["syndicate"]}),
    }
    for figure in (
        "people_arrested",
        "illegal_entrants",
        "stowaways",
        "illegal_workers",
        "overstayers",
        "traffickers",
        "facilitators",
        "employers",
    ):
        hits = [r for r in picked if r[figure]]
        result[figure] = (len(hits), len({r["person"] for r in hits}))
    return result


def per_year(rows: list[dict[str, Any]], figure: str) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for r in rows:
        if r["date"] and r[figure]:
            counts[r["date"].year] += 1
    return dict(counts)
