"""graph_edges from the hand-built world: the employer tie, by Latin name and by characters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from borderlink.graph.build import build_graph
from borderlink.store import Store


def test_employer_named_by_latin_or_chinese_name_gets_an_employs_edge(
    world: Callable[[], Store],
) -> None:
    with world() as store:
        # M3 names E1 by the Latin name (other case and spaces), M6 by E1's characters.
        store.execute("UPDATE person_records SET name_zh = '張老闆' WHERE record_id = 'p16'")
        store.execute("UPDATE person_records SET employer = ' Cheung BOSS' WHERE record_id = 'p15'")
        store.execute("UPDATE person_records SET employer = '張老闆' WHERE record_id = 'p25'")
        build_graph(store)
        edges = store.query(
            "SELECT source, target, weight, list_sort(record_ids) FROM graph_edges "
            "WHERE kind = 'employs' ORDER BY target"
        )
    assert edges == [
        ("person:E1", "person:M3", 1.0, ["p15", "p16"]),  # by the Latin name
        ("person:E1", "person:M6", 1.0, ["p16", "p25"]),  # by the characters
    ]


def test_the_graph_writes_exactly_the_declared_edge_kinds(tmp_path: Path) -> None:
    """Every kind in graph_edges is declared (edge.kinds); every declared, used kind is built."""
    from borderlink import Workspace
    from borderlink.graph.roles import EDGE_EXHIBIT
    from borderlink.model import load_model
    from borderlink.synth import generate
    from borderlink.workspace.models import IngestRequest

    generate(tmp_path / "world", seed=3, scale=600)
    Workspace.open(tmp_path / "ws").ingest(IngestRequest(export_dir=tmp_path / "world"))
    with Store.open(tmp_path / "ws") as store:
        build_graph(store)
        built = {k for (k,) in store.query("SELECT DISTINCT kind FROM graph_edges")}
    declared = load_model().edge_kinds()
    assert built == {k for k, v in declared.items() if v.used}
    for edge_kind, exhibit in EDGE_EXHIBIT.items():  # roles read exhibits by these kinds
        assert exhibit in declared[edge_kind].exhibits


def test_an_undeclared_edge_kind_cannot_be_written() -> None:
    from borderlink.errors import ModelError
    from borderlink.graph.build import kind

    assert kind("employs") == "'employs'"
    with pytest.raises(ModelError, match="edge kind 'knows' is not declared"):
        kind("knows")
