"""The operation's figures, counted from the world exactly as the reports state them.

Definitions (also in docs/ARCHITECTURE.md, synth section), per region GD/GX/YN/HK,
"mainland" = GD+GX+YN, None = all four:
- cases_cracked: cases in the region's police export.
- people_arrested: person rows in the region's police export (one arrest per person
  per case; Immigration events are not arrests here).
- illegal_entrants: rows with role 偷渡人员 / "Illegal immigrant".
- illegal_workers: mainland rows 非法就业人员; in HK, Immigration's illegal_employment events.
- overstayers: mainland rows 非法居留人员; in HK, Immigration's overstay events.
- stowaways: HK "Illegal immigrant" rows in land-method cases (hidden in vehicles).
- traffickers: facilitator rows (组织者 … 资金结算者; Snakehead, Driver, Coxswain,
  Look-out, Harbourer).
- groups_broken_up: syndicates whose takedown (main case) was in the region.
"""

from __future__ import annotations

from collections import defaultdict

from borderlink.model.vocab import regions
from borderlink.synth.world import World

WHATS = (
    "cases_cracked",
    "people_arrested",
    "illegal_entrants",
    "illegal_workers",
    "overstayers",
    "stowaways",
    "traffickers",
    "groups_broken_up",
)
REGION_OF = {"gd_psb": "GD", "gx_psb": "GX", "yn_psb": "YN", "hk_police": "HK"}
FACILITATORS = {
    "组织者",
    "招募者",
    "运送者",
    "接应者",
    "容留者",
    "制售证件者",
    "资金结算者",
    "Snakehead",
    "Driver",
    "Coxswain",
    "Look-out",
    "Harbourer",
}
Counts = dict[str | None, dict[str, int]]


def operation_figures(world: World) -> Counts:
    """Figures per region key (GD, GX, YN, HK, 'mainland', None)."""
    by: dict[str, dict[str, int]] = {r: dict.fromkeys(WHATS, 0) for r in regions()}
    for case in world.cases:
        f = by[REGION_OF[case.agency]]
        f["cases_cracked"] += 1
        for inv in case.people:
            f["people_arrested"] += 1
            if inv.role in ("偷渡人员", "Illegal immigrant"):
                f["illegal_entrants"] += 1
                if case.agency == "hk_police" and case.method == "land":
                    f["stowaways"] += 1
            elif inv.role == "非法就业人员":
                f["illegal_workers"] += 1
            elif inv.role == "非法居留人员":
                f["overstayers"] += 1
            elif inv.role in FACILITATORS:
                f["traffickers"] += 1
    for event in world.immd:
        if event.event == "illegal_employment":
            by["HK"]["illegal_workers"] += 1
        elif event.event == "overstay":
            by["HK"]["overstayers"] += 1
    for syn in world.syndicates:
        if syn.takedown_region:
            by[syn.takedown_region]["groups_broken_up"] += 1
    out: Counts = {k: v for k, v in by.items()}
    out["mainland"] = {w: sum(by[r][w] for r in ("GD", "GX", "YN")) for w in WHATS}
    out[None] = {w: sum(by[r][w] for r in regions()) for w in WHATS}
    return out


def yearly(world: World, region: str, what: str) -> dict[int, int]:
    """cases_cracked or illegal_entrants per calendar year, for year-on-year changes."""
    counts: dict[int, int] = defaultdict(int)
    regions = ("GD", "GX", "YN") if region == "mainland" else (region,)
    for case in world.cases:
        if REGION_OF[case.agency] not in regions:
            continue
        if what == "cases_cracked":
            counts[case.opened.year] += 1
        elif what == "illegal_entrants":
            counts[case.opened.year] += sum(
                1 for i in case.people if i.role in ("偷渡人员", "Illegal immigrant")
            )
        else:
            raise ValueError(what)
    return dict(counts)


def change_percent(counts: dict[int, int], year: int) -> int | None:
    """Signed percent change from the year before, rounded; None without a base."""
    before, now = counts.get(year - 1, 0), counts.get(year, 0)
    if before == 0:
        return None
    return round((now - before) * 100 / before)
