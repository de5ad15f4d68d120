"""export records: exactly source,file,record_key,entity_id, one row per person record."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from person_world import world, write_records

from borderlink.errors import WorkspaceError
from borderlink.resolve import ResolveSummary
from borderlink.resolve.export import export_records
from borderlink.store import Store


def test_export_records_one_row_per_record_with_its_entity(
    resolved_template: tuple[Path, ResolveSummary], tmp_path: Path
) -> None:
    ws, _ = resolved_template
    out = tmp_path / "records.csv"
    assert export_records(ws, out) == len(world())
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["source", "file", "record_key", "entity_id"]
    with Store.open(ws, read_only=True) as store:
        expected = {
            (s, f, k, e)
            for s, f, k, e in store.query(
                "SELECT p.source, p.file, p.record_key, c.entity_id FROM person_records p "
                "JOIN clusters c USING (record_id)"
            )
        }
    assert {tuple(r) for r in rows[1:]} == expected
    assert ("yn_psb", "人员", "row:2") in {tuple(r[:3]) for r in rows}


def test_export_records_before_resolve_raises_workspace_error(tmp_path: Path) -> None:
    write_records(tmp_path / "ws", world()[:3])
    with pytest.raises(WorkspaceError, match="not been resolved"):
        export_records(tmp_path / "ws", tmp_path / "out.csv")


def test_export_records_neutralises_formulas_in_record_keys(
    resolved_template: tuple[Path, ResolveSummary], tmp_path: Path
) -> None:
    ws, _ = resolved_template
    copy = tmp_path / "ws"
    copy.mkdir()
    (copy / "borderlink.duckdb").write_bytes((ws / "borderlink.duckdb").read_bytes())
    with Store.open(copy) as store:
        store.execute("UPDATE person_records SET record_key = '@SUM(1+1)*cmd|calc'")
    export_records(copy, tmp_path / "records.csv")
    with (tmp_path / "records.csv").open(encoding="utf-8", newline="") as fh:
        keys = {row[2] for row in list(csv.reader(fh))[1:]}
    assert keys == {"'@SUM(1+1)*cmd|calc"}
