"""An independent synthetic world for a held-out check of borderlink (bench only).

Written from docs/SOURCES.md alone: it shares no code or data with borderlink.synth.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .calls_reports import write_calls, write_reports
from .hk_exports import HkWriter
from .mainland_exports import MainlandWriter
from .world import World


class Delivery(MainlandWriter, HkWriter):
    """Every source's writer over one world."""


__all__ = ["generate"]


def generate(out: Path, *, seed: int = 1, scale: int = 3000) -> dict[str, int]:
    """Write the exports and truth/ into OUT (replaced); return rows per file."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    world = World(seed, scale)
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
    counts["syndicates"] = sum(
        1 for s in world.syndicates if any(m.pid in w.seen for m in s.members())
    )
    counts["id_errors"] = len(w.id_errors)
    return counts
