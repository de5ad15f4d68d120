"""An independent synthetic world for a held-out check of borderlink (bench only).

Written from docs/SOURCES.md alone: it shares no code or data with borderlink.synth.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .calls_reports import write_calls, write_reports
from .hk_exports import HkWriter
from .mainland_exports import MainlandWriter
from .phenomena import REPORTING_SEEDS, TUNING_SEEDS, Phenomena
from .world import World


class Delivery(MainlandWriter, HkWriter):
    """Every source's writer over one world."""


__all__ = ["REPORTING_SEEDS", "TUNING_SEEDS", "Phenomena", "generate"]


def generate(
    out: Path,
    *,
    seed: int = 1,
    scale: int = 3000,
    phenomena: Phenomena | None = None,
    syndicates: int | None = None,
) -> dict[str, int]:
    """Write the exports and truth/ into OUT (replaced); return rows per file.

    PHENOMENA: the rates of issue 11's phenomena (None: none of them, the world of
    earlier sessions); SYNDICATES: how many syndicates to build (default scale / 70).
    """
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    world = World(seed, scale, phenomena, syndicates)
    world.run()
    w = Delivery(world, out, seed)
    w.gd()
    w.gx()
    w.yn()
    w.hk()
    w.immd()
    w.write_truth()
    counts: dict[str, int] = {}
    for source, file, _, _ in w.truth:
        counts[f"{source}/{file}"] = counts.get(f"{source}/{file}", 0) + 1
    counts["calls"] = write_calls(world, out, seed)
    counts["reports"] = len(write_reports(world, out))
    counts["people"] = len(w.seen)
    counts["syndicates"] = len(
        {p.syndicate for pid, p in world.factory.all.items() if pid in w.seen and p.syndicate}
    )
    counts["id_errors"] = len(w.id_errors)
    counts["groups handing over (chains)"] = len(world.chains)
    counts["deceptive identities seen"] = sum(
        1 for a, b in world.aliases if a in w.seen and b in w.seen
    )
    counts["name-only sightings"] = sum(1 for c in world.cases for x in c.sightings if x.name_only)
    return counts
