"""A generated world ingested into a real workspace, with resolve and graph filled from truth/.

Clusters come from truth/records.csv (each true person is one entity) and syndicates from
truth/people.csv and syndicates.csv, so the stats tests check the counting, not the
resolver or the community detection.
"""

from __future__ import annotations

import csv
from pathlib import Path

from borderlink.ingest import ingest_export
from borderlink.store import Store
from borderlink.synth import generate

NOT_MEMBERS = ("migrant", "employer")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build_world(
    root: Path, *, seed: int = 11, scale: int = 1200, graph: bool = True
) -> tuple[Path, Path]:
    """(workspace, truth folder) of a freshly generated and ingested world."""
    export = root / "export"
    workspace = root / "ws"
    generate(export, seed=seed, scale=scale)
    ingest_export(export, workspace)
    truth = export / "truth"
    if graph:
        with Store.open(workspace) as store:
            fill_from_truth(store, truth)
    return workspace, truth


def person_of_record(store: Store, truth: Path) -> dict[str, str]:
    """record_id -> true person_id, through (source, file, record_key)."""
    key_to_person = {
        (r["source"], r["file"], r["record_key"]): r["person_id"]
        for r in read_csv(truth / "records.csv")
    }
    rows = store.query("SELECT record_id, source, file, record_key FROM person_records")
    return {rid: key_to_person[(src, file, key)] for rid, src, file, key in rows}


def fill_from_truth(store: Store, truth: Path) -> None:
    """clusters, syndicate_members and syndicates with the contract's columns, from truth/."""
    people = {r["person_id"]: r for r in read_csv(truth / "people.csv")}
    mapping = person_of_record(store, truth)
    store.execute(
        "CREATE OR REPLACE TABLE clusters "
        "(record_id VARCHAR, entity_id VARCHAR, resolve_run_id VARCHAR)"
    )
    store.executemany("INSERT INTO clusters VALUES (?, ?, 'truth')", sorted(mapping.items()))
    store.execute(
        "CREATE OR REPLACE TABLE syndicate_members (syndicate_id VARCHAR, entity_id VARCHAR, "
        "role VARCHAR, analyse_run_id VARCHAR)"
    )
    members = [
        (p["syndicate_id"], pid, p["role"])
        for pid, p in sorted(people.items())
        if p["syndicate_id"] and p["role"] not in NOT_MEMBERS
    ]
    store.executemany("INSERT INTO syndicate_members VALUES (?, ?, ?, 'truth')", members)
    store.execute(
        "CREATE OR REPLACE TABLE syndicates (syndicate_id VARCHAR, size INTEGER, routes VARCHAR, "
        "base_region VARCHAR, active_from DATE, active_to DATE, members_by_year JSON, "
        "key_players VARCHAR, analyse_run_id VARCHAR)"
    )
    syndicates = read_csv(truth / "syndicates.csv")
    firsts = {m[0]: m[1] for m in reversed(members)}  # first member of each syndicate
    store.executemany(
        "INSERT INTO syndicates VALUES (?, ?, ?, ?, NULL, NULL, NULL, ?, 'truth')",
        [
            (
                s["syndicate_id"],
                int(s["size"]),
                s["routes"],
                s["base_region"],
                firsts.get(s["syndicate_id"], ""),
            )
            for s in syndicates
        ],
    )
