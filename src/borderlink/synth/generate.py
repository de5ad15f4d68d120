"""`generate`: the synthetic world written as the agencies' exports plus truth/.

The same seed, scale and scenario always write byte-identical files: one seeded
generator drives the world, each writer has its own generator seeded from the seed
and its name, iteration is in list order, and nothing reads the clock.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from borderlink.errors import InvalidRequest
from borderlink.synth.calls import make_calls
from borderlink.synth.noise import Clerk
from borderlink.synth.operations import simulate
from borderlink.synth.reports import write_reports
from borderlink.synth.scenario import load_scenario
from borderlink.synth.truth import write_truth
from borderlink.synth.writers.fields import Sink
from borderlink.synth.writers.hong_kong import write_calls, write_hk_immd, write_hk_police
from borderlink.synth.writers.mainland import write_gd, write_gx, write_yn

SOURCE_DIRS = ("gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd", "calls", "reports", "truth")
MAX_SCALE = 20_000_000


class GenerateSummary(BaseModel):
    """What `generate` wrote: rows per file and the size of the world behind them."""

    out: str
    seed: int
    scale: int
    scenario: str
    person_records: int = Field(description="person rows over all sources (= scale)")
    people: int = Field(description="distinct true people in the exports")
    syndicates: int = Field(description="syndicates with at least one member in the exports")
    cases: int
    calls: int
    id_errors: int
    files: dict[str, int] = Field(description="relative path (XLSX: path#sheet) -> data rows")


def _prepare(out: Path) -> None:
    """Create OUT, or clear a previous generated world in it; refuse anything else."""
    if out.exists() and not out.is_dir():
        raise InvalidRequest("out", f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / "truth").is_dir():
        raise InvalidRequest(
            "out", f"{out} is not empty and holds no generated world; choose an empty folder"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in SOURCE_DIRS:
            if (out / name).is_dir():
                shutil.rmtree(out / name)
    except OSError as exc:
        raise InvalidRequest("out", f"cannot write to {out}: {exc.strerror or exc}") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise InvalidRequest("out", f"cannot write to {out}: permission denied")


def generate(
    out: Path,
    *,
    seed: int = 7,
    scale: int = 3000,
    scenario: str = "joint-operation-2016",
    progress: Callable[[str], None] | None = None,
) -> GenerateSummary:
    """Write the world for (seed, scale, scenario) into OUT; InvalidRequest on bad options."""
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise InvalidRequest(
            "scale", f"must be a whole number of person records, at least 1 (got {scale})"
        )
    if scale > MAX_SCALE:
        raise InvalidRequest("scale", f"{scale} is above the supported {MAX_SCALE:,}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidRequest("seed", f"must be a whole number >= 0 (got {seed})")
    sc = load_scenario(scenario)
    out = Path(out)
    _prepare(out)
    step = progress or (lambda _text: None)
    step("simulating the world")
    sim = simulate(sc, seed, scale)
    make_calls(sim)
    world = sim.world
    sink = Sink(out)

    def clerk(name: str) -> Clerk:
        return Clerk(random.Random(f"{seed}:{name}"), sc.noise)

    step("writing gd_psb")
    write_gd(world, sink, clerk("gd_psb"))
    step("writing gx_psb")
    write_gx(world, sink, clerk("gx_psb"))
    step("writing yn_psb")
    write_yn(world, sink, clerk("yn_psb"), seed)
    step("writing hk_police")
    write_hk_police(world, sink, clerk("hk_police"))
    step("writing hk_immd")
    write_hk_immd(world, sink, clerk("hk_immd"))
    step("writing calls")
    write_calls(world, sink, clerk("calls"))
    step("writing reports and truth")
    report_files, facts = write_reports(world, sc, out, seed)
    sink.files.update(report_files)
    sink.files.update(write_truth(world, sink, facts))
    people = {pid for *_, pid in sink.records}
    syndicates = {world.people[int(pid[1:]) - 1].syndicate_id for pid in people} - {""}
    return GenerateSummary(
        out=str(out),
        seed=seed,
        scale=scale,
        scenario=sc.name,
        person_records=len(sink.records),
        people=len(people),
        syndicates=len(syndicates),
        cases=len(world.cases),
        calls=len(world.calls),
        id_errors=len(sink.id_errors),
        files=dict(sorted(sink.files.items())),
    )
