"""Everything the report shows, computed through the store before any template runs.

The report adds three tables of its own to the stats figures: person flows between
regions (from resolved entities), the syndicate table (from graph tables, when present)
and the breakdowns by every dimension. All are plain models, so the same data feeds the
HTML, the PDF, and the CSV/JSON files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from borderlink.exchange.marks import MarkCount, mark_counts
from borderlink.reports.chain import ChainLink, syndicate_chain
from borderlink.reports.network import SyndicateNetwork, syndicate_networks
from borderlink.reports.plots import chart_specs
from borderlink.stats import (
    Comparison,
    OperationFigures,
    Window,
    compare_reports,
    operation_figures,
)
from borderlink.stats.arrests import members_arrested, migrant_flows
from borderlink.stats.breakdowns import DIMENSIONS
from borderlink.store import Store


class Flow(BaseModel):
    """People moved from one place to the next: an origin country or a region."""

    source: str
    target: str
    people: int


class SyndicateRow(BaseModel):
    syndicate_id: str
    size: int | None
    base_region: str | None
    routes: list[str]
    active_from: date | None
    active_to: date | None
    members_arrested: int
    roles: dict[str, int]
    key_players: list[str]


class ReportData(BaseModel):
    figures: OperationFigures
    breakdowns: dict[str, OperationFigures]
    flows: list[Flow]
    syndicates: list[SyndicateRow] | None  # None: analyse has not run
    comparisons: list[Comparison] | None = None  # None: extract has not run
    chain: list[ChainLink] | None = None  # None: analyse has not run
    networks: list[SyndicateNetwork] = Field(default_factory=list)  # the major syndicates
    generated_world: bool = False  # the workspace holds a generated (synthetic) world
    # records received under exchange agreements that the figures count, per handling code
    exchanged: list[MarkCount] = Field(default_factory=list)


def person_flows(store: Store, window: Window) -> list[Flow]:
    """Origin -> first region a person was arrested in, and region -> next region.

    Reads the arrests operation_figures built: with resolve's clusters a person seen in
    Guangxi and later in Hong Kong gives the leg GX -> HK; without, each arrest stands
    alone and only origin -> region legs appear.
    """
    return [Flow(source=s, target=t, people=n) for s, t, n in migrant_flows(store, window)]


def _syndicate_sql(store: Store) -> str:
    name = "NULL::VARCHAR"
    join = ""
    if store.table_exists("entities"):
        join = "LEFT JOIN entities e ON e.entity_id = kp.entity_id"
        name = "e.names[1]"
    return f"""
WITH roles AS (
  SELECT syndicate_id, map_from_entries(list((role, n) ORDER BY n DESC, role)) AS roles
  FROM (SELECT syndicate_id, role, count(*)::INTEGER AS n FROM syndicate_members GROUP BY 1, 2)
  GROUP BY 1
), kp AS (
  SELECT s.syndicate_id, trim(k.key) AS entity_id, k.pos
  FROM syndicates s,
       unnest(string_split(COALESCE(s.key_players, ''), ';')) WITH ORDINALITY AS k(key, pos)
  WHERE trim(k.key) <> ''
), kp_named AS (
  SELECT kp.syndicate_id, list(COALESCE({name} || ' (' || kp.entity_id || ')', kp.entity_id)
         ORDER BY kp.pos) AS key_players
  FROM kp {join} GROUP BY 1
)
SELECT s.syndicate_id, s.size, s.base_region, s.routes, s.active_from, s.active_to,
       r.roles, k.key_players
FROM syndicates s
LEFT JOIN roles r USING (syndicate_id)
LEFT JOIN kp_named k USING (syndicate_id)
"""


def syndicate_rows(store: Store, window: Window) -> list[SyndicateRow] | None:
    """Syndicates analyse found, with their members arrested in the window; None before analyse."""
    if not all(store.table_exists(t) for t in ("syndicates", "syndicate_members")):
        return None
    arrested = members_arrested(store, window)
    rows = store.query_dicts(_syndicate_sql(store), stage="reports", table="syndicates")
    rows.sort(
        key=lambda r: (
            -arrested.get(r["syndicate_id"], 0),
            r["size"] is None,
            -(r["size"] or 0),
            r["syndicate_id"],
        )
    )
    out = []
    for row in rows:
        roles: Any = row["roles"] or {}
        out.append(
            SyndicateRow(
                syndicate_id=row["syndicate_id"],
                size=row["size"],
                base_region=row["base_region"],
                routes=[r.strip() for r in (row["routes"] or "").split(";") if r.strip()],
                active_from=row["active_from"],
                active_to=row["active_to"],
                members_arrested=arrested.get(row["syndicate_id"], 0),
                roles={str(k): int(v) for k, v in dict(roles).items()},
                key_players=list(row["key_players"] or []),
            )
        )
    return out


def report_data(store: Store, window: tuple[date | None, date | None] | None = None) -> ReportData:
    """Figures for the window, every breakdown, flows, syndicates, reported vs computed."""
    figures = operation_figures(store, window, by="region")
    breakdowns = {"region": figures}
    for name in DIMENSIONS:
        if name != "region":
            breakdowns[name] = operation_figures(store, figures.window, by=name)
    flows = person_flows(store, figures.window)
    syndicates = syndicate_rows(store, figures.window)
    # the reports' own figures beside ours, each for the report's own region and period
    comparisons = compare_reports(store) if store.table_exists("report_facts") else None
    spec = chart_specs()["network"]
    ids = [s.syndicate_id for s in syndicates or []]
    return ReportData(
        figures=figures,
        breakdowns=breakdowns,
        flows=flows,
        syndicates=syndicates,
        comparisons=comparisons,
        chain=syndicate_chain(store),
        networks=syndicate_networks(store, ids, spec["max"], spec["min_members"]),
        generated_world=generated_world(store),
        exchanged=mark_counts(store),
    )


def generated_world(store: Store) -> bool:
    """True when an import came from a generated world (its folder holds truth/records.csv,
    which `borderlink generate` writes and no agency delivers)."""
    if not store.table_exists("import_runs"):
        return False
    folders = [str(r[0]) for r in store.query("SELECT DISTINCT export_dir FROM import_runs")]
    for folder in folders:
        path = Path(folder)
        if any((p / "truth" / "records.csv").is_file() for p in (path, path.parent)):
            return True
    return False
