"""Every export opens in its consumer's library."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from borderlink.errors import InvalidRequest
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.export_ftm import validate_entity
from borderlink.graph.export_graph import export_graph, export_people
from borderlink.store import Store


def test_people_csv_starts_with_contract_columns(
    world: Callable[[], Store], tmp_path: Path
) -> None:
    with world() as store:
        analyse_workspace(store)
        n = export_people(store, tmp_path / "people.csv")
    with (tmp_path / "people.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert n == len(rows) == 14
    assert list(rows[0])[:3] == ["entity_id", "syndicate_id", "role"]
    by_id = {r["entity_id"]: r for r in rows}
    assert by_id["M1"]["syndicate_id"] == "" and by_id["M1"]["role"] == "migrant"
    assert by_id["O1"]["syndicate_id"].startswith("SYN-")
    assert by_id["O1"]["names"] == "CHAN Chi; CHEN Zhi"


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_file_opens_in_networkx(
    world: Callable[[], Store], tmp_path: Path, fmt: str, reader: Callable[[str], nx.Graph]
) -> None:
    out = tmp_path / f"g.{fmt}"
    with world() as store:
        analyse_workspace(store)
        nodes, edges = store.count("graph_nodes"), store.count("graph_edges")
        export_graph(store, fmt, out)
    graph = reader(str(out))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)
    o1 = graph.nodes["person:O1"]
    assert o1["role"] == "organiser" and o1["syndicate_id"].startswith("SYN-")


def test_ftm_entities_validate_in_followthemoney(
    world: Callable[[], Store], tmp_path: Path
) -> None:
    out = tmp_path / "g.ftm.json"
    with world() as store:
        analyse_workspace(store)
        export_graph(store, "ftm", out)
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    known = {e["id"] for e in entities}
    for data in entities:
        proxy = model.get_proxy(data)
        assert proxy.schema.validate(data) is None
        assert validate_entity(model, data, known) is None
    schemata = {e["schema"] for e in entities}
    assert {
        "Person",
        "Organization",
        "Membership",
        "CourtCase",
        "CourtCaseParty",
        "Vehicle",
        "Vessel",
        "Call",
    } <= schemata
    assert sum(e["schema"] == "Membership" for e in entities) == 8


def test_unknown_format_is_a_usage_error(world: Callable[[], Store], tmp_path: Path) -> None:
    with world() as store, pytest.raises(InvalidRequest, match="graphml, gexf, ftm"):
        export_graph(store, "dot", tmp_path / "g.dot")


def test_people_csv_neutralises_formulas_in_delivered_names(
    world: Callable[[], Store], tmp_path: Path
) -> None:
    with world() as store:
        analyse_workspace(store)
        store.execute("""UPDATE person_records SET name = '=HYPERLINK("http://x","y")'""")
        export_people(store, tmp_path / "people.csv")
    with (tmp_path / "people.csv").open(encoding="utf-8") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def test_ftm_people_carry_every_vocabulary_nationality(
    world: Callable[[], Store], tmp_path: Path
) -> None:
    """Hong Kong, Macao and Taiwan persons keep their nationality (hk, mo, tw) in FtM."""
    given = {"O1": "HKG", "T1": "MAC", "M1": "TWN"}
    out = tmp_path / "g.ftm.json"
    with world() as store:
        for entity, country in given.items():
            store.execute(
                "UPDATE person_records SET nationality = ? WHERE record_id IN "
                "(SELECT record_id FROM clusters WHERE entity_id = ?)",
                [country, entity],
            )
        analyse_workspace(store)
        export_graph(store, "ftm", out)
    people = [
        (e["properties"]["name"], e["properties"].get("nationality"))
        for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())
        if e["schema"] == "Person"
    ]
    with world() as store:
        labels = dict(
            store.query(
                "SELECT entity_id, label FROM graph_nodes WHERE entity_id IN ('O1', 'T1', 'M1')"
            )
        )
    found = {e: next(nat for names, nat in people if labels[e] in names) for e in given}
    assert found == {"O1": ["hk"], "T1": ["mo"], "M1": ["tw"]}
