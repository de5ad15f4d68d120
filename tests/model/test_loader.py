"""The declarative model: two-pass load, frozen objects, DDL, dangling references."""

from __future__ import annotations

import dataclasses

import pytest

from borderlink.errors import ModelError
from borderlink.model import load_model
from borderlink.model.loader import load_model_from_texts
from borderlink.store import Store


def test_model_declares_every_contract_table() -> None:
    tables = {rt.table for rt in load_model().record_types.values()}
    assert {
        "cases",
        "person_records",
        "exhibits",
        "calls",
        "report_files",
        "import_runs",
        "import_files",
        "quarantine",
        "value_issues",
    } <= tables


def test_model_objects_are_frozen() -> None:
    rt = load_model().by_table("cases")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rt.table = "x"  # type: ignore[misc]


def test_model_ddl_creates_tables_with_provenance() -> None:
    store = Store.memory()
    for ddl in load_model().ddl():
        store.execute(ddl)
    cols = store.columns("person_records")
    assert cols[:8] == [
        "record_id",
        "source",
        "file",
        "path",
        "record_key",
        "row_number",
        "run_id",
        "file_sha256",
    ]
    assert "phone_valid" in cols and "migrant_kind" in cols


def test_model_dangling_edge_reference_fails() -> None:
    texts = {
        "a.yaml": "name: A\ntable: a\nedge: {source: self, target: Nowhere}\n"
        "properties: {x: {type: string}}\n"
    }
    with pytest.raises(ModelError, match=r"a\.yaml: edge\.target.*Nowhere"):
        load_model_from_texts(texts)


def test_model_unknown_type_fails() -> None:
    with pytest.raises(ModelError, match=r"b.yaml: properties.x.type"):
        load_model_from_texts({"b.yaml": "name: B\ntable: b\nproperties: {x: {type: blob}}\n"})
