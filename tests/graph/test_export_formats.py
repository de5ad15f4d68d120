"""Exports of a generated, analysed world as their consumers read them.

FollowTheMoney through followthemoney itself (the model and the `ftm` command Aleph's
tooling uses), GraphML/GEXF through networkx and the GEXF XML Gephi reads, and CSV
with and without the byte-order mark Excel needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from followthemoney import model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stats"))

from stats_world import build_world

from borderlink.cli.main import main
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.export_ftm import validate_entity
from borderlink.graph.export_graph import export_graph
from borderlink.graph.rules import gephi_style
from borderlink.store import Store

FTM = Path(sys.executable).parent / "ftm"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated world: ingested, clustered from truth, then analysed for real."""
    workspace, _ = build_world(tmp_path_factory.mktemp("exports"), seed=3, scale=300)
    with Store.open(workspace) as store:
        store.execute("DROP TABLE syndicates")
        store.execute("DROP TABLE syndicate_members")
        analyse_workspace(store)
    return workspace


@pytest.fixture(scope="module")
def ftm_entities(analysed: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("ftm") / "entities.ftm.json"
    with Store.open(analysed, read_only=True) as store:
        n = export_graph(store, "ftm", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines)
    return [json.loads(line) for line in lines]


def _by_schema(entities: list[dict[str, Any]], schema: str) -> list[dict[str, Any]]:
    return [e for e in entities if e["schema"] == schema]


def test_ftm_every_entity_validates_and_references_resolve(
    ftm_entities: list[dict[str, Any]],
) -> None:
    known = {e["id"] for e in ftm_entities}
    assert len(known) == len(ftm_entities)  # one line per entity
    for data in ftm_entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        assert validate_entity(model, data, known) is None
    counts = Counter(e["schema"] for e in ftm_entities)
    for schema in (
        "Person",
        "Passport",
        "Identification",
        "CourtCase",
        "CourtCaseParty",
        "Organization",
        "Membership",
        "Vehicle",
        "Vessel",
        "Asset",
        "Ownership",
        "Address",
        "Call",
        "Employment",
    ):
        assert counts[schema] > 0, schema


def test_ftm_people_carry_every_name_birth_date_and_nationality(
    ftm_entities: list[dict[str, Any]],
) -> None:
    people = _by_schema(ftm_entities, "Person")
    han_and_latin = [
        p
        for p in people
        if any(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in p["properties"]["name"])
        and any(n.isascii() for n in p["properties"]["name"])
    ]
    assert len(han_and_latin) >= 10  # one person, the name in characters and in Latin
    assert sum("birthDate" in p["properties"] for p in people) > len(people) * 0.8
    nationalities = Counter(n for p in people for n in p["properties"].get("nationality", []))
    assert {"cn", "hk", "vn"} <= set(nationalities)
    for p in people:  # a partial date never sits beside the full one it abbreviates
        dates = p["properties"].get("birthDate", [])
        assert not any(a != b and b.startswith(a) for a in dates for b in dates)


def test_ftm_documents_phones_and_calls_link_to_holders(ftm_entities: list[dict[str, Any]]) -> None:
    people = {p["id"]: p for p in _by_schema(ftm_entities, "Person")}
    docs = _by_schema(ftm_entities, "Passport") + _by_schema(ftm_entities, "Identification")
    assert all(d["properties"]["holder"][0] in people for d in docs)
    assert {"PRC resident identity card", "Passport"} <= {
        t for d in docs for t in d["properties"]["type"]
    }
    calls = _by_schema(ftm_entities, "Call")
    linked = [c for c in calls if c["properties"].get("caller") and c["properties"].get("receiver")]
    assert len(linked) > len(calls) / 3
    for call in linked:
        caller = people[call["properties"]["caller"][0]]
        assert call["properties"]["callerNumber"][0] in caller["properties"]["phone"]
    # smuggled people are victims: no documents, phones or addresses of theirs leave here
    migrants = {k for k, p in people.items() if p["properties"].get("keywords") == ["migrant"]}
    assert migrants
    assert not any(d["properties"]["holder"][0] in migrants for d in docs)
    assert not any("phone" in people[m]["properties"] for m in migrants)


def test_ftm_cases_things_and_money(ftm_entities: list[dict[str, Any]]) -> None:
    cases = _by_schema(ftm_entities, "CourtCase")
    dated = [
        c for c in cases if c["properties"].get("fileDate") and c["properties"].get("category")
    ]
    assert len(dated) == len(cases)
    people = {p["id"] for p in _by_schema(ftm_entities, "Person")}
    for schema in ("Vehicle", "Vessel"):
        assert all(
            set(v["properties"]["operator"]) <= people for v in _by_schema(ftm_entities, schema)
        )
    assets = {a["id"]: a for a in _by_schema(ftm_entities, "Asset")}
    assert all(a["properties"]["currency"] and a["properties"]["amount"] for a in assets.values())
    owned = {o["properties"]["asset"][0] for o in _by_schema(ftm_entities, "Ownership")}
    assert owned == set(assets)
    addresses = {a["id"] for a in _by_schema(ftm_entities, "Address")}
    lived = {
        a
        for p in _by_schema(ftm_entities, "Person")
        for a in p["properties"].get("addressEntity", [])
    }
    assert lived == addresses


def test_ftm_file_passes_the_ftm_command(analysed: Path, tmp_path: Path) -> None:
    """`ftm validate` re-parses every entity; `ftm statements` is the form Aleph/yente load."""
    out = tmp_path / "e.ftm.json"
    with Store.open(analysed, read_only=True) as store:
        n = export_graph(store, "ftm", out)
    checked = subprocess.run(
        [str(FTM), "validate", "-i", str(out)], capture_output=True, text=True, check=True
    )
    assert len(checked.stdout.splitlines()) == n
    statements = subprocess.run(
        [str(FTM), "statements", "-d", "borderlink", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(statements.stdout.splitlines()) > n


def test_graphml_is_undirected_flat_and_styled(analysed: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    with Store.open(analysed, read_only=True) as store:
        export_graph(store, "graphml", out)
        kpp = store.query("SELECT entity_id FROM key_players WHERE kpp_rank = 1")
        strongest = store.query(
            "SELECT entity_id FROM key_players ORDER BY key_player_score DESC, entity_id LIMIT 1"
        )
    graph = nx.read_graphml(str(out))
    assert not graph.is_directed()
    for _, data in [*graph.nodes(data=True), *((None, d) for *_, d in graph.edges(data=True))]:
        for value in data.values():
            assert not (isinstance(value, str) and value.startswith(("[", "{"))), value
    style = gephi_style()
    people = [d for _, d in graph.nodes(data=True) if d["kind"] == "person"]
    organiser = next(d for d in people if d["role"] == "organiser")
    assert organiser["colour"] == style.role_colours["organiser"]
    assert (organiser["r"], organiser["g"], organiser["b"]) == tuple(
        int(style.role_colours["organiser"][i : i + 2], 16) for i in (1, 3, 5)
    )
    first = graph.nodes[f"person:{kpp[0][0]}"]
    assert isinstance(first["key_player_score"], float) and first["kpp_rank"] == 1
    assert first["syndicate_id"].startswith("SYN-")
    top = graph.nodes[f"person:{strongest[0][0]}"]
    assert top["key_player_score"] > 0 and top["size"] > style.size_base
    calls = [d for *_, d in graph.edges(data=True) if d["kind"] == "call"]
    assert calls and all(d["directed"] and d["from_node"].startswith("phone:") for d in calls)
    assert all(isinstance(d["calls"], int) for d in calls)
    ties = [d for *_, d in graph.edges(data=True) if d["kind"] == "co_offending"]
    assert ties and not any(d["directed"] for d in ties)


def test_gexf_has_gephi_colours_and_sizes(analysed: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    with Store.open(analysed, read_only=True) as store:
        n = export_graph(store, "gexf", out)
        nodes = store.count("graph_nodes")
    root = ET.parse(out).getroot()
    ns = {"g": root.tag.split("}")[0][1:], "viz": "http://www.gexf.net/1.2draft/viz"}
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("defaultedgetype") == "undirected"
    colours = root.findall(".//g:node/viz:color", ns)
    sizes = root.findall(".//g:node/viz:size", ns)
    assert len(colours) == len(sizes) == nodes
    assert n > nodes


def test_csv_excel_option_writes_a_bom_on_every_csv_export(
    analysed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ws").symlink_to(analysed)
    with Store.open(analysed) as store:  # export records needs a resolve run
        store.execute(
            "CREATE TABLE IF NOT EXISTS resolve_runs AS SELECT 'truth' AS resolve_run_id, "
            "now() AS finished_at"
        )
    for command in ("people", "records"):
        plain, excel = tmp_path / f"{command}.csv", tmp_path / f"{command}-excel.csv"
        assert main(["export", command, "-w", str(analysed), "-o", str(plain)]) == 0
        assert main(["export", command, "-w", str(analysed), "-o", str(excel), "--excel"]) == 0
        assert plain.read_bytes()[:3] != b"\xef\xbb\xbf"
        assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    text = (tmp_path / "people-excel.csv").read_text(encoding="utf-8-sig")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert main(["export", "graph", "-w", str(analysed), "-o", str(tmp_path / "g.graphml")]) == 0
    capsys.readouterr()
