"""Received records resolve with local ones like any source, across scripts."""

from __future__ import annotations

import csv
from pathlib import Path

from exchange_world import RECEIVER, SENDER

from borderlink.exchange.export import ExportRequest, export_package
from borderlink.exchange.importer import import_package, local_record_id
from borderlink.exchange.keys import KeyRing
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.export_graph import export_people
from borderlink.resolve import resolve_workspace
from borderlink.store import Store


def _entity(store: Store, record_id: str) -> str:
    return str(store.scalar("SELECT entity_id FROM clusters WHERE record_id = ?", [record_id]))


def test_imported_records_link_to_local_ones_across_scripts(
    workspaces: tuple[Path, Path], keys: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    request = ExportRequest(agreement="joint-operation", sender=SENDER, receiver=RECEIVER)
    export_package(workspaces[0], request, tmp_path / "p.blpkg", keyring=keys[0])
    import_package(workspaces[1], tmp_path / "p.blpkg", keyring=keys[1], agency=RECEIVER)
    resolve_workspace(workspaces[1])
    received = "exchange:gd_psb"
    with Store.open(workspaces[1], read_only=True) as store:
        # 陈志明 (gd_psb, simplified characters) and CHAN Chi-ming / 陳志明 (hk_police).
        chen_gd = local_record_id(received, "gd_psb/涉案人员.csv", "GDP-01")
        chen_hk = local_record_id("hk_police", "persons.csv", "HKP-01")
        assert _entity(store, chen_gd) == _entity(store, chen_hk)
        # The received records stay marked in the entity's records.
        marks = store.query_one(
            "SELECT handling_code, information_grade FROM person_records WHERE record_id = ?",
            [chen_gd],
        )
        linked = store.scalar(
            """SELECT count(DISTINCT a.record_id) FROM clusters a JOIN clusters b
               ON a.entity_id = b.entity_id AND a.record_id <> b.record_id
               JOIN person_records pa ON pa.record_id = a.record_id
               JOIN person_records pb ON pb.record_id = b.record_id
               WHERE pa.source = ? AND pb.source <> ?""",
            [received, received],
        )
    assert marks == ("H1", "2")
    assert linked >= 5  # several of gd_psb's people met their records in other agencies


def test_people_export_shows_the_handling_codes_of_received_records(
    workspaces: tuple[Path, Path], keys: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    request = ExportRequest(
        agreement="joint-operation", sender=SENDER, receiver=RECEIVER, handling_code="H2"
    )
    export_package(workspaces[0], request, tmp_path / "p.blpkg", keyring=keys[0])
    import_package(workspaces[1], tmp_path / "p.blpkg", keyring=keys[1], agency=RECEIVER)
    resolve_workspace(workspaces[1])
    with Store.open(workspaces[1]) as store:
        analyse_workspace(store)
        export_people(store, tmp_path / "people.csv")
        chen = _entity(store, local_record_id("hk_police", "persons.csv", "HKP-01"))
    with (tmp_path / "people.csv").open(encoding="utf-8") as fh:
        rows = {r["entity_id"]: r for r in csv.DictReader(fh)}
    assert rows[chen]["handling_codes"] == "H2"  # the received 陈志明 record is H2
    assert {r["handling_codes"] for r in rows.values()} == {"", "H2"}
