"""truth/: who every written record really is, as SOURCES.md specifies, plus extras.

Contract files: records.csv, people.csv, syndicates.csv. Extras (documented in
docs/ARCHITECTURE.md): id_errors.csv (deliberately broken check digits),
report_facts.jsonl (figures the reports state), takedowns.csv (which case broke up
which syndicate), phones.csv (who holds which number) and vehicles.csv (the two plates
of dual-plated cars).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from borderlink.synth.reports import facts_jsonl
from borderlink.synth.world import World
from borderlink.synth.writers.fields import Sink, write_csv


def write_truth(world: World, sink: Sink, facts: list[dict[str, Any]]) -> dict[str, int]:
    folder: Path = sink.out / "truth"
    seen: set[str] = {pid for *_, pid in sink.records}
    people = [p for p in world.people if p.person_id in seen]
    sizes: dict[str, int] = {}
    for person in people:
        if person.syndicate_id:
            sizes[person.syndicate_id] = sizes.get(person.syndicate_id, 0) + 1
    syndicates = [s for s in world.syndicates if s.syndicate_id in sizes]
    tables: dict[str, tuple[list[str], list[list[str]]]] = {
        "records.csv": (
            ["source", "file", "record_key", "person_id"],
            [list(r) for r in sink.records],
        ),
        "people.csv": (
            ["person_id", "syndicate_id", "role", "home_region"],
            [[p.person_id, p.syndicate_id, p.role, p.home_region] for p in people],
        ),
        "syndicates.csv": (
            ["syndicate_id", "base_region", "routes", "size"],
            [
                [s.syndicate_id, s.base_region, ";".join(s.routes), str(sizes[s.syndicate_id])]
                for s in syndicates
            ],
        ),
        "id_errors.csv": (
            ["source", "file", "record_key", "reason"],
            [list(e) for e in sink.id_errors],
        ),
        "takedowns.csv": (
            ["syndicate_id", "region", "date", "case_no", "main"],
            [
                [
                    s.syndicate_id,
                    s.takedown_region or "",
                    s.takedown.isoformat() if s.takedown else "",
                    c.case_no,
                    "1" if i == 0 else "0",
                ]
                for s in world.syndicates
                for i, c in enumerate(s.takedown_cases)
            ],
        ),
        "phones.csv": (
            ["phone", "person_id"],
            [[phone, p.person_id] for p in people for phone in p.phones],
        ),
        "vehicles.csv": (
            ["vehicle_id", "mainland_plate", "hk_plate", "person_id"],
            [
                [
                    v.vehicle_id,
                    v.mainland_plate or "",
                    v.hk_plate or "",
                    world.people[v.owner - 1].person_id,
                ]
                for v in world.vehicles
                if world.people[v.owner - 1].person_id in seen
            ],
        ),
    }
    counts: dict[str, int] = {}
    for name, (header, rows) in tables.items():
        write_csv(folder / name, header, rows, "utf-8")
        counts[f"truth/{name}"] = len(rows)
    (folder / "report_facts.jsonl").write_text(facts_jsonl(facts), encoding="utf-8", newline="\n")
    counts["truth/report_facts.jsonl"] = len(facts)
    return counts
