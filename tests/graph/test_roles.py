"""Role rules on small hand-built evidence and on the hand-built world."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from graph_world import PEOPLE, build_world

from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.roles import CallPartner, EntityEvidence, decide, infer_roles
from borderlink.graph.rules import role_rules
from borderlink.store import Store


def test_specific_report_outweighs_generic_reports_when_agencies_disagree() -> None:
    ev = EntityEvidence("x", reported=Counter({"facilitator": 2, "transporter": 1}))
    decision = decide(ev, None, role_rules())
    assert decision.role == "transporter"
    assert decision.evidence["reported"] == {"facilitator": 2, "transporter": 1}


def test_majority_of_specific_reports_wins_when_two_stages_are_reported() -> None:
    ev = EntityEvidence("x", reported=Counter({"organiser": 1, "transporter": 2}))
    assert decide(ev, None, role_rules()).role == "transporter"


def test_vessel_makes_generic_facilitator_a_transporter() -> None:
    ev = EntityEvidence("x", reported=Counter({"facilitator": 1}), exhibits=Counter({"vessel": 1}))
    assert decide(ev, None, role_rules()).role == "transporter"


def test_single_document_does_not_make_a_migrant_a_vendor() -> None:
    ev = EntityEvidence("x", reported=Counter({"migrant": 1}), exhibits=Counter({"document": 1}))
    assert decide(ev, None, role_rules()).role == "migrant"


def test_calls_to_migrants_before_crossing_point_to_recruiter() -> None:
    evidence = {
        "f": EntityEvidence(
            "f", reported=Counter({"facilitator": 1}), partners=[CallPartner("m", 5, 5, 0)]
        ),
        "m": EntityEvidence("m", reported=Counter({"migrant": 1})),
    }
    decisions = infer_roles(evidence)
    assert decisions["f"].role == "recruiter"
    assert decisions["f"].evidence["calls_to_migrants"] == {
        "before_crossing": 5,
        "after_crossing": 0,
    }


def test_calls_to_migrants_after_crossing_point_to_receiver() -> None:
    evidence = {
        "f": EntityEvidence(
            "f", reported=Counter({"facilitator": 1}), partners=[CallPartner("m", 4, 0, 4)]
        ),
        "m": EntityEvidence("m", reported=Counter({"migrant": 1})),
    }
    assert infer_roles(evidence)["f"].role == "receiver"


def test_caller_of_three_stages_is_organiser() -> None:
    evidence = {
        "f": EntityEvidence(
            "f",
            reported=Counter({"facilitator": 1}),
            partners=[CallPartner(p, 2, 0, 0) for p in ("a", "b", "c")],
        ),
        "a": EntityEvidence("a", reported=Counter({"recruiter": 1})),
        "b": EntityEvidence("b", reported=Counter({"transporter": 1})),
        "c": EntityEvidence("c", reported=Counter({"receiver": 1})),
    }
    decision = infer_roles(evidence)["f"]
    assert decision.role == "organiser"
    assert decision.evidence["calls_stages"] == ["receiver", "recruiter", "transporter"]


def test_override_replaces_inferred_role_with_full_confidence() -> None:
    evidence = {"x": EntityEvidence("x", reported=Counter({"migrant": 2}))}
    decision = infer_roles(evidence, {"x": ("financier", "bank records")})["x"]
    assert (decision.role, decision.confidence, decision.decided_by) == (
        "financier",
        1.0,
        "override",
    )
    assert decision.evidence["inferred"]["role"] == "migrant"


def test_world_roles_match_the_hand_built_truth(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        roles = dict(store.query("SELECT entity_id, role FROM entity_roles"))
        evidence = json.loads(
            store.scalar("SELECT evidence FROM entity_roles WHERE entity_id = 'H2'")
        )
    assert roles == {
        "O1": "organiser",
        "R1": "recruiter",
        "T1": "transporter",
        "V1": "receiver",
        "O2": "organiser",
        "T2": "transporter",
        "H2": "harbourer",
        "D2": "document_vendor",
        "M1": "migrant",
        "M2": "migrant",
        "M3": "migrant",
        "M5": "migrant",
        "M6": "migrant",
        "E1": "employer",
    }
    assert evidence["houses_migrants"] == 2


def test_stored_override_is_honoured_by_later_analyse(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        store.execute(
            "INSERT INTO role_overrides VALUES ('T1', 'financier', 'ledger', 'ana', now())"
        )
        analyse_workspace(store)
        row = store.query_one(
            "SELECT role, confidence, decided_by FROM entity_roles WHERE entity_id = 'T1'"
        )
    assert row == ("financier", 1.0, "override")


def test_override_for_an_entity_not_in_the_workspace_waits() -> None:
    evidence = {"x": EntityEvidence("x", reported=Counter({"migrant": 1}))}
    decisions = infer_roles(evidence, {"ghost": ("organiser", "informant")})
    assert set(decisions) == {"x"}


def test_entity_named_as_employer_is_an_employer_placed_with_the_workers_syndicate(
    tmp_path: Path,
) -> None:
    boss = ("p28", "E2", None, "YIP Chef", "CHN", None, None, None, "HK")
    with Store.open(tmp_path / "ws", create=True) as store:
        build_world(store, people=[*PEOPLE, boss])
        store.execute("UPDATE person_records SET employer = 'Yip Chef' WHERE record_id = 'p24'")
        analyse_workspace(store)
        role, evidence = store.query_one(
            "SELECT role, evidence FROM entity_roles WHERE entity_id = 'E2'"
        ) or (None, None)
        placed = store.query_one(
            "SELECT c.relation, m.entity_id FROM syndicate_customers c JOIN syndicate_members m "
            "USING (syndicate_id) WHERE c.entity_id = 'E2' AND m.entity_id = 'O2'"
        )
    assert role == "employer"
    assert json.loads(evidence)["named_as_employer"] == 1
    assert placed == ("employed", "O2")


def _symmetric_calls(pairs: list[tuple[str, str]]) -> dict[str, list[CallPartner]]:
    """Each pair called twice, listed under both ends (as g_entity_calls holds them)."""
    out: dict[str, list[CallPartner]] = {}
    for a, b in pairs:
        out.setdefault(a, []).append(CallPartner(b, 2, 0, 0))
        out.setdefault(b, []).append(CallPartner(a, 2, 0, 0))
    return out


def test_receiver_calling_three_stages_is_not_organiser_when_the_hub_calls_more() -> None:
    # o calls five facilitators; r (a generic "Snakehead" in Hong Kong) calls the
    # transporter who delivers, the harbourer and o: three stages, but not the centre.
    calls = _symmetric_calls(
        [("o", "a"), ("o", "t"), ("o", "r"), ("o", "h"), ("o", "f"), ("r", "t"), ("r", "h")]
    )
    reported = {"a": "recruiter", "t": "transporter", "h": "harbourer", "f": "financier"}
    evidence = {
        e: EntityEvidence(
            e,
            reported=Counter({reported.get(e, "facilitator"): 1}),
            regions={"HK"},
            partners=calls[e],
        )
        for e in calls
    }
    decisions = infer_roles(evidence)
    assert decisions["o"].role == "organiser"
    assert decisions["o"].evidence["calls_stages"] == [
        "financier",
        "harbourer",
        "receiver",
        "recruiter",
        "transporter",
    ]
    assert "calls_between" not in decisions["o"].evidence  # the centre calls every stage
    assert decisions["r"].role == "receiver"
    assert "calls_stages" not in decisions["r"].evidence
    assert decisions["r"].evidence["calls_between"] == {"receiver": ["transporter", "harbourer"]}


def test_facilitator_between_transporter_and_harbourer_receives_though_living_with_migrants() -> (
    None
):
    calls = _symmetric_calls([("r", "t"), ("r", "h")])
    evidence = {
        "r": EntityEvidence(
            "r",
            reported=Counter({"facilitator": 1}),
            regions={"HK"},
            partners=calls["r"],
            address_mates={"m1", "m2"},
        ),
        "t": EntityEvidence("t", reported=Counter({"transporter": 1}), partners=calls["t"]),
        "h": EntityEvidence("h", reported=Counter({"harbourer": 1}), partners=calls["h"]),
        "m1": EntityEvidence("m1", reported=Counter({"migrant": 1})),
        "m2": EntityEvidence("m2", reported=Counter({"migrant": 1})),
    }
    decision = infer_roles(evidence)["r"]
    assert decision.role == "receiver"
    assert decision.evidence["houses_migrants"] == 2


def test_generic_facilitator_holding_seized_cash_is_financier() -> None:
    ev = EntityEvidence(
        "x", reported=Counter({"facilitator": 1}), exhibits=Counter({"cash": 1}), regions={"HK"}
    )
    decision = decide(ev, None, role_rules())
    assert decision.role == "financier"
    assert decision.evidence["scores"]["financier"] == 0.5


def test_organiser_reported_once_holding_cash_and_cards_stays_organiser() -> None:
    # cash and cards are one kind of evidence (money): together capped below one report
    ev = EntityEvidence(
        "x", reported=Counter({"organiser": 1}), exhibits=Counter({"cash": 3, "card": 3})
    )
    decision = decide(ev, None, role_rules())
    assert decision.role == "organiser"
    assert decision.evidence["scores"]["financier"] == 0.9
