"""The policy-aware reads on a real resolved and analysed workspace.

Withheld fields must never appear in any answer for another agency's user, a search
must not match on them, and every read leaves one audit entry.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from borderlink.access import Viewer
from borderlink.audit import entries, verify
from borderlink.browse import (
    AuditRequest,
    CaseRequest,
    DecisionRequest,
    DisruptRequest,
    EntityRequest,
    ReviewQueueRequest,
    SearchRequest,
    SyndicateRequest,
    audit_log,
    case,
    decide,
    disrupt,
    entity,
    review_queue,
    search,
    syndicate,
)
from borderlink.errors import Forbidden, NotFound
from borderlink.store import Store
from browse_world import World

TASK_FORCE = Viewer("tf", "task_force", "supervisor")
GD = Viewer("gd", "gd_psb", "analyst")
IMMD = Viewer("immd", "hk_immd", "analyst")
HK = Viewer("hkp", "hk_police", "analyst")
# Values on the Hong Kong police record of CHAN Chi-ming that other agencies may not see
# (Guangdong holds the same phone on its own record, so it may see that one).
HK_WITHHELD = ("K123456", "61234567", "6123 4567", "Nathan Road")
GD_WITHHELD = ("K123456", "Nathan Road")


@pytest.fixture
def world(copy_world: Callable[[], World]) -> World:
    return copy_world()


def _the_entity(store: Store, viewer: Viewer, q: str) -> str:
    hits = search(store, viewer, SearchRequest(q=q)).results
    assert hits, q
    return hits[0].entity_id


def test_four_spellings_find_one_entity(world: World) -> None:
    with Store.open(world.workspace) as store:
        found = {
            _the_entity(store, GD, q) for q in ("陳志明", "陈志明", "CHAN Chi-ming", "CHEN Zhiming")
        }
        assert len(found) == 1
        view = entity(store, GD, EntityRequest(entity_id=found.pop()))
    assert {"陳志明", "陈志明", "CHAN Chi-ming"} <= set(view.names)
    assert {r.source for r in view.records} == {"hk_police", "gd_psb"}
    assert view.syndicate_id is not None
    assert {world.hk_case, world.gd_case} <= {c.case_no for c in view.cases}


def test_other_agency_never_sees_withheld_fields(world: World) -> None:
    with Store.open(world.workspace) as store:
        eid = _the_entity(store, TASK_FORCE, "CHAN Chi-ming")
        full = entity(store, TASK_FORCE, EntityRequest(entity_id=eid)).model_dump_json()
        for viewer, withheld in ((GD, GD_WITHHELD), (IMMD, HK_WITHHELD)):
            view = entity(store, viewer, EntityRequest(entity_id=eid))
            text = view.model_dump_json()
            for value in withheld:
                assert value not in text, (viewer.agency, value)
            assert view.more_elsewhere
            hk = next(r for r in view.records if r.source == "hk_police")
            assert hk.withheld and "id_number" not in hk.fields and "name" in hk.fields
            c = case(store, viewer, CaseRequest(case_no=world.hk_case)).model_dump_json()
            assert not any(v in c for v in withheld)
        own = entity(store, HK, EntityRequest(entity_id=eid))
    assert "K1234563" in full and "+85261234567" in full and "Nathan Road" in full
    assert "K1234563" in own.model_dump_json()
    gd_record = next(r for r in own.records if r.source == "gd_psb")
    assert "phone" not in gd_record.fields  # HK police does not see Guangdong's phone


def test_search_does_not_match_on_withheld_values(world: World) -> None:
    with Store.open(world.workspace) as store:
        assert search(store, IMMD, SearchRequest(q="K123456(3)")).results == []
        assert search(store, IMMD, SearchRequest(q="+852 6123 4567")).results == []
        assert search(store, HK, SearchRequest(q="K123456(3)")).results  # its own record
        assert search(store, GD, SearchRequest(q="+852 6123 4567")).results  # GD holds it too


def test_migrants_of_other_agencies_are_shared_least(world: World) -> None:
    with Store.open(world.workspace) as store:
        row = store.query_one(
            "SELECT name, c.entity_id FROM person_records p JOIN clusters c USING (record_id) "
            "WHERE source = 'hk_immd' AND role = 'migrant' AND c.entity_id IN "
            "(SELECT entity_id FROM clusters GROUP BY 1 HAVING count(*) = 1) LIMIT 1"
        )
        assert row is not None
        name, eid = row
        assert search(store, IMMD, SearchRequest(q=name)).results
        assert all(h.entity_id != eid for h in search(store, GD, SearchRequest(q=name)).results)
        view = entity(store, GD, EntityRequest(entity_id=eid))
    assert view.names == [] and name not in view.model_dump_json()
    assert set(view.records[0].fields) <= {
        "role",
        "migrant_kind",
        "nationality",
        "sex",
        "case_no",
        "event",
        "event_date",
        "event_date_precision",
        "region",
    }


def test_every_read_is_audited(world: World) -> None:
    with Store.open(world.workspace) as store:
        before = len(entries(store))
        eid = _the_entity(store, GD, "陳志明")
        entity(store, GD, EntityRequest(entity_id=eid))
        sid = syndicate(store, GD, SyndicateRequest(syndicate_id="SYN-0001")).syndicate.syndicate_id
        disrupt(store, GD, sid, DisruptRequest(top=1))
        case(store, GD, CaseRequest(case_no=world.gd_case))
        with pytest.raises(NotFound):
            entity(store, GD, EntityRequest(entity_id="E000000000000"))
        new = entries(store, after_seq=before)
        assert verify(store).ok
    assert [e.action for e in new] == [
        "search",
        "read_entity",
        "read_syndicate",
        "disrupt",
        "read_case",
        "read_entity",
    ]
    assert all(e.actor == "gd" and e.agency == "gd_psb" for e in new)
    assert new[0].target == "陳志明" and new[0].result_count == 1
    assert new[-1].result_count == 0


def test_decision_is_stored_and_audited(world: World) -> None:
    with Store.open(world.workspace) as store:
        queue = review_queue(store, GD, ReviewQueueRequest(limit=5))
        assert queue.pairs and queue.total >= len(queue.pairs)
        pair = queue.pairs[0]
        made = decide(
            store,
            GD,
            DecisionRequest(
                record_a=pair.record_a,
                record_b=pair.record_b,
                decision="possible_alias",
                reason="same phone, different birth year",
            ),
        )
        row = store.query_one(
            "SELECT decision, decided_by FROM review_decisions WHERE record_a = ? AND record_b = ?",
            [pair.record_a, pair.record_b],
        )
        last = entries(store)[-1]
    assert made.decision == "possible_alias" and row == ("possible_alias", "gd")
    assert last.action == "decide" and "possible_alias" in last.details


def test_audit_log_is_for_supervisors(world: World) -> None:
    with Store.open(world.workspace) as store:
        with pytest.raises(Forbidden):
            audit_log(store, GD, AuditRequest())
        view = audit_log(store, TASK_FORCE, AuditRequest(limit=5))
    assert view.chain_ok and len(view.entries) <= 5
