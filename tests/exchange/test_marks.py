"""Handling codes and grading follow received items: graph, exports, entity page, report."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from exchange_world import RECEIVER, SENDER

from borderlink.access.viewer import Viewer
from borderlink.browse import EntityRequest, entity
from borderlink.exchange.export import ExportRequest, export_package
from borderlink.exchange.importer import import_package, local_record_id
from borderlink.exchange.keys import KeyRing
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.export_graph import export_graph, export_people
from borderlink.resolve import resolve_workspace
from borderlink.resolve.export import export_records
from borderlink.store import Store

CHEN_GD = local_record_id("exchange:gd_psb", "gd_psb/涉案人员.csv", "GDP-01")
CHEN_HK = local_record_id("hk_police", "persons.csv", "HKP-01")


@pytest.fixture(scope="module")
def marked(
    workspace_templates: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """hk_police's workspace after importing gd_psb's package marked H2 / C3, resolved
    and analysed."""
    root = tmp_path_factory.mktemp("marks")
    sender, receiver = KeyRing(root / "keys-gd"), KeyRing(root / "keys-hk")
    sender.generate(SENDER)
    receiver.generate(RECEIVER)
    sender.export_public(SENDER, root / "gd.pub")
    receiver.trust(root / "gd.pub", SENDER)
    src, ws = root / "ws-gd", root / "ws-hk"
    shutil.copytree(workspace_templates[0], src)
    shutil.copytree(workspace_templates[1], ws)
    request = ExportRequest(
        agreement="joint-operation",
        sender=SENDER,
        receiver=RECEIVER,
        handling_code="H2",
        source_reliability="C",
        information_grade="3",
    )
    export_package(src, request, root / "p.blpkg", keyring=sender)
    import_package(ws, root / "p.blpkg", keyring=receiver, agency=RECEIVER)
    resolve_workspace(ws)
    with Store.open(ws) as store:
        analyse_workspace(store)
    return ws


def _chen(store: Store) -> str:
    return str(store.scalar("SELECT entity_id FROM clusters WHERE record_id = ?", [CHEN_HK]))


def test_graph_nodes_and_edges_carry_the_marks_of_their_records(marked: Path) -> None:
    with Store.open(marked, read_only=True) as store:
        chen = _chen(store)
        node = store.query_one(
            "SELECT handling_codes, gradings FROM graph_nodes WHERE node_id = ?", [f"person:{chen}"]
        )
        edge_marks = store.query(
            "SELECT DISTINCT handling_codes, gradings FROM graph_edges "
            "WHERE list_contains(record_ids, ?)",
            [CHEN_GD],
        )
        own_only = store.scalar(
            "SELECT count(*) FROM graph_nodes n WHERE handling_codes IS NOT NULL AND kind = "
            "'person' AND NOT EXISTS (SELECT 1 FROM clusters c JOIN person_records p "
            "USING (record_id) WHERE 'person:' || c.entity_id = n.node_id "
            "AND p.source = 'exchange:gd_psb')"
        )
        unmarked = store.scalar("SELECT count(*) FROM graph_nodes WHERE handling_codes IS NULL")
    assert node == ("H2", "C3")
    assert edge_marks == [("H2", "C3")]  # every edge built from the received record
    assert own_only == 0  # a person with no received record carries no mark
    assert unmarked > 0


def test_graphml_gexf_and_ftm_exports_keep_the_marks(marked: Path, tmp_path: Path) -> None:
    with Store.open(marked, read_only=True) as store:
        chen = _chen(store)
        export_graph(store, "graphml", tmp_path / "g.graphml")
        export_graph(store, "gexf", tmp_path / "g.gexf")
        export_graph(store, "ftm", tmp_path / "g.ftm.json")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.nodes[f"person:{chen}"]["handling_codes"] == "H2"
    assert graph.nodes[f"person:{chen}"]["gradings"] == "C3"
    assert {d["handling_codes"] for _, _, d in graph.edges(data=True)} == {"", "H2"}
    gexf = ET.parse(tmp_path / "g.gexf").getroot()
    ns = {"g": gexf.tag.split("}")[0].strip("{")}
    titles = {a.get("title"): a.get("id") for a in gexf.iterfind(".//g:attribute", ns)}
    node = gexf.find(f".//g:node[@id='person:{chen}']", ns)
    assert node is not None
    values = {v.get("for"): v.get("value") for v in node.iterfind(".//g:attvalue", ns)}
    assert values[titles["handling_codes"]] == "H2"
    people = [json.loads(line) for line in (tmp_path / "g.ftm.json").read_text().splitlines()]
    notes = [p["properties"].get("notes", [""])[0] for p in people if p["schema"] == "Person"]
    assert sum("handling H2, grading C3" in n for n in notes) >= 5
    assert "" in notes  # agency-own people carry no note


def test_record_and_people_csv_exports_carry_the_marks(marked: Path, tmp_path: Path) -> None:
    export_records(marked, tmp_path / "records.csv")
    with Store.open(marked, read_only=True) as store:
        export_people(store, tmp_path / "people.csv")
        chen = _chen(store)
    with (tmp_path / "records.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == [
        "source",
        "file",
        "record_key",
        "entity_id",
        "handling_code",
        "source_reliability",
        "information_grade",
    ]
    received = [r for r in rows if r["source"] == "exchange:gd_psb"]
    assert received and all(
        (r["handling_code"], r["source_reliability"], r["information_grade"]) == ("H2", "C", "3")
        for r in received
    )
    assert all(r["handling_code"] == "" for r in rows if r["source"] != "exchange:gd_psb")
    with (tmp_path / "people.csv").open(encoding="utf-8") as fh:
        people = {r["entity_id"]: r for r in csv.DictReader(fh)}
    assert (people[chen]["handling_codes"], people[chen]["gradings"]) == ("H2", "C3")


def test_records_export_without_received_records_keeps_its_four_columns(
    workspace_templates: tuple[Path, Path], tmp_path: Path
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(workspace_templates[1], ws)
    resolve_workspace(ws)
    export_records(ws, tmp_path / "records.csv")
    header = (tmp_path / "records.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "source,file,record_key,entity_id"


def test_entity_view_shows_each_record_with_its_code(marked: Path) -> None:
    with Store.open(marked) as store:
        chen = _chen(store)
        for viewer in (Viewer("hk", RECEIVER, "analyst"), Viewer("tf", "task_force", "analyst")):
            view = entity(store, viewer, EntityRequest(entity_id=chen))
            by_source = {r.source: r for r in view.records}
            got = by_source["exchange:gd_psb"]
            assert (got.handling_code, got.source_reliability, got.information_grade) == (
                "H2",
                "C",
                "3",
            )
            assert "handling_code" not in got.fields  # shown as a mark, never as a field
            assert by_source["hk_police"].handling_code is None
            dumped = view.model_dump(mode="json")  # the API's entity response
            assert any(r["handling_code"] == "H2" for r in dumped["records"])


def test_links_drawn_from_h2_records_are_not_passed_on(marked: Path, tmp_path: Path) -> None:
    """A link resting on records received under H2 (graph_edges.handling_codes) is left
    out of every package; links of one's own records go."""
    from borderlink.exchange.agreement import Grading, get_agreement
    from borderlink.exchange.select import _links

    ws = tmp_path / "ws"
    shutil.copytree(marked, ws)
    release = get_agreement("joint-operation").releases["links"]
    with Store.open(ws) as store:
        a, b = (r[0] for r in store.query("SELECT entity_id FROM entities ORDER BY 1 LIMIT 2"))
        store.execute(
            "INSERT INTO graph_edges (source, target, kind, weight, record_ids, handling_codes) "
            "VALUES ($a, $b, 'co_offending', 1, [], 'H1;H2'), ($a, $b, 'employs', 1, [], 'H1'),"
            " ($a, $b, 'shared_address', 1, [], NULL)",
            {"a": f"person:{a}", "b": f"person:{b}"},
        )
        links = _links(store, {a, b}, set(), release, Grading())
    pair = {f"person:{a}", f"person:{b}"}
    kinds = {x["kind"] for x in links if {x["source"], x["target"]} == pair}
    assert kinds == {"employs", "shared_address"}  # the H2 one stays
