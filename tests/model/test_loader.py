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


NODES = "name: N\ntable: n\nnode_kinds: [person, phone]\nproperties: {x: {type: string}}\n"


def _with_kind(kind: str) -> dict[str, str]:
    return {
        "n.yaml": NODES,
        "a.yaml": "name: A\ntable: a\nedge:\n  source: self\n  target: self\n  kinds:\n"
        f"    {kind}\nproperties: {{x: {{type: string}}}}\n",
    }


def test_edge_kinds_are_one_registry_from_the_record_types() -> None:
    kinds = load_model().edge_kinds()
    assert kinds["call"].record_type == "Call" and kinds["call"].directed
    assert kinds["employs"].directed and not kinds["co_offending"].directed
    assert kinds["person_money"].exhibits == ("cash",)
    assert set(kinds["person_phone"].exhibits) == {"phone", "sim"}
    model = load_model_from_texts(
        _with_kind("uses: {label: {en: Uses}, from: [person], to: [phone], directed: true}")
    )
    assert model.edge_kinds()["uses"].to_nodes == ("phone",)
    assert model.edge_kinds()["uses"].used  # built unless marked otherwise
    kept = load_model_from_texts(
        _with_kind("uses: {label: {en: Uses}, from: [person], to: [phone], used: false}")
    )
    assert not kept.edge_kinds()["uses"].used


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("uses: {label: {en: U}, from: [person], to: [boat]}", r"kinds\.uses\.to: unknown 'boat'"),
        ("uses: {from: [person], to: [phone]}", r"kinds\.uses\.label: needs an 'en' label"),
        ("uses: {label: {en: U}, from: person, to: [phone]}", r"kinds\.uses\.from: needs a list"),
        (
            "uses: {label: {en: U}, from: [person], to: [phone], directed: maybe}",
            r"kinds\.uses\.directed: needs true or false",
        ),
        (
            "uses: {label: {en: U}, from: [person], to: [phone], exhibits: [boat]}",
            r"kinds\.uses\.exhibits: unknown 'boat'",
        ),
        (
            "uses: {label: {en: U}, from: [person], to: [phone], colour: red}",
            r"kinds\.uses: unknown key 'colour'",
        ),
    ],
)
def test_a_bad_edge_kind_fails_on_load_naming_file_and_path(kind: str, message: str) -> None:
    with pytest.raises(ModelError, match=rf"a\.yaml: edge\.{message}"):
        load_model_from_texts(_with_kind(kind))


def test_an_edge_kind_declared_twice_fails() -> None:
    texts = _with_kind("uses: {label: {en: U}, from: [person], to: [phone]}")
    texts["b.yaml"] = texts["a.yaml"].replace("name: A\ntable: a", "name: B\ntable: b")
    with pytest.raises(ModelError, match=r"edge\.kinds\.uses: declared already by"):
        load_model_from_texts(texts)
