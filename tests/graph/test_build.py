"""graph_edges from the hand-built world: the employer tie, by Latin name and by characters."""

from __future__ import annotations

from collections.abc import Callable

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
