"""Role in the chain for every entity, from all the evidence, with its reasons.

Agencies disagree ("Snakehead" in Hong Kong, 运送者 in Guangdong), so a role
is a weighted vote: stage-specific reports count fully, generic ones only for
"some facilitator", and seized items, call patterns, shared addresses and the
regions of the cases add their weight (graph/rules/roles.yaml). Every decision
stores the scores and the evidence behind it, and an analyst's override wins.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from borderlink.graph.rules import RoleRules, role_rules
from borderlink.store import Store

EDGE_EXHIBIT = {
    "person_vehicle": "vehicle",
    "person_vessel": "vessel",
    "person_document": "document",
    "person_money": "cash",
    "person_card": "card",
}


@dataclass
class CallPartner:
    """Calls between the entity and one partner entity, split around the partner's first case."""

    partner: str
    calls: int
    before_partner_seen: int
    after_partner_seen: int


@dataclass
class EntityEvidence:
    entity_id: str
    reported: Counter[str] = field(default_factory=Counter)
    migrant_kind: int = 0
    exhibits: Counter[str] = field(default_factory=Counter)
    regions: set[str] = field(default_factory=set)
    partners: list[CallPartner] = field(default_factory=list)
    address_mates: set[str] = field(default_factory=set)
    employs: int = 0  # people whose records name this entity as their employer
    first_seen: date | None = None


@dataclass(frozen=True)
class RoleDecision:
    entity_id: str
    role: str
    confidence: float
    evidence: dict[str, Any]
    decided_by: str = "inference"


def _base_scores(
    ev: EntityEvidence, rules: RoleRules
) -> tuple[dict[str, float], float, dict[str, Any]]:
    """Scores from reports, exhibits and geography; plus the generic-facilitator weight."""
    scores = dict.fromkeys(rules.roles, 0.0)
    why: dict[str, Any] = {}
    generic = 0.0
    for role, n in ev.reported.items():
        if role == "facilitator":
            generic += rules.reported.facilitator_weight * n
        elif role in scores:
            scores[role] += rules.reported.specific_weight * n
    if ev.reported:
        why["reported"] = dict(sorted(ev.reported.items()))
    if ev.employs:
        scores["employer"] += rules.reported.named_employer_weight * ev.employs
        why["named_as_employer"] = ev.employs
    if ev.migrant_kind:
        scores["migrant"] += rules.reported.migrant_kind_weight * ev.migrant_kind
        why["immigration_events"] = ev.migrant_kind
    item_gain: dict[str, float] = {}
    for kind, n in ev.exhibits.items():
        rule = rules.exhibits.get(kind)
        if rule is None:
            continue
        gain = min(rule.cap, rule.weight * max(0, n - rule.free_items))
        if gain > 0:
            item_gain[rule.role] = item_gain.get(rule.role, 0.0) + gain
        why.setdefault("exhibits", {})[kind] = n
    for role, gain in item_gain.items():
        scores[role] += min(rules.exhibit_role_cap, gain)
    for geo in rules.geography.values():
        if ev.regions & set(geo.regions):
            for role, weight in geo.roles.items():
                scores[role] += weight
    if ev.regions:
        why["regions"] = sorted(ev.regions)
    return scores, generic, why


def facilitator_contacts(
    evidence: dict[str, EntityEvidence], prior: dict[str, str], rules: RoleRules
) -> dict[str, int]:
    """How many distinct facilitators (by `prior` roles) each entity calls."""
    fac = set(rules.facilitator_roles)
    return {
        e: len({p.partner for p in ev.partners if prior.get(p.partner) in fac})
        for e, ev in evidence.items()
    }


def _is_hub(
    ev: EntityEvidence, prior: dict[str, str], contacts: dict[str, int], fac: set[str]
) -> bool:
    """Calls more facilitators than any facilitator it calls: the centre of its call network."""
    partners = {p.partner for p in ev.partners if prior.get(p.partner) in fac}
    return bool(partners) and len(partners) > max(contacts.get(p, 0) for p in partners)


def _call_scores(
    ev: EntityEvidence,
    prior: dict[str, str],
    rules: RoleRules,
    scores: dict[str, float],
    why: dict[str, Any],
    contacts: dict[str, int] | None = None,
) -> None:
    """Call patterns: the central caller of many stages organises; before/after the crossing.

    A receiver also calls three stages (the transporter who delivers, the
    harbourer, the organiser), so breadth alone is not enough: the organiser is
    the one who calls more facilitators than any of them does (`contacts`).
    """
    fac = set(rules.facilitator_roles)
    stages = {prior[p.partner] for p in ev.partners if prior.get(p.partner) in fac}
    hub = contacts is None or _is_hub(ev, prior, contacts, fac)
    central = len(stages) >= rules.calls.organiser_min_stages and hub
    if central:
        scores["organiser"] += rules.calls.organiser_weight
        why["calls_stages"] = sorted(stages)
    for role, neighbours in rules.calls.between.items():
        # the centre calls every stage: sitting between two of them says nothing about it
        if not central and all(n in stages for n in neighbours):
            scores[role] += rules.calls.between_weight
            why.setdefault("calls_between", {})[role] = neighbours
    before = sum(p.before_partner_seen for p in ev.partners if prior.get(p.partner) == "migrant")
    after = sum(p.after_partner_seen for p in ev.partners if prior.get(p.partner) == "migrant")
    total = before + after
    if total >= rules.calls.min_calls:
        scores["recruiter"] += rules.calls.recruiter_before_weight * before / total
        scores["receiver"] += rules.calls.receiver_after_weight * after / total
        why["calls_to_migrants"] = {"before_crossing": before, "after_crossing": after}
    mates = [m for m in ev.address_mates if prior.get(m) == "migrant"]
    if mates:
        scores["harbourer"] += rules.addresses.harbourer_weight
        why["houses_migrants"] = len(mates)


def decide(
    ev: EntityEvidence,
    prior: dict[str, str] | None,
    rules: RoleRules,
    contacts: dict[str, int] | None = None,
) -> RoleDecision:
    """One entity's role; `prior` holds other entities' first-pass roles (None = first pass).

    `contacts` (facilitators each entity calls, from facilitator_contacts) lets
    the call-breadth rule ask whether this entity is its network's centre.
    """
    scores, generic, why = _base_scores(ev, rules)
    if prior is not None:
        _call_scores(ev, prior, rules, scores, why, contacts)
    fac_roles = rules.facilitator_roles
    fac_total = sum(scores[r] for r in fac_roles) + generic
    customer = {r: scores[r] for r in rules.customer_roles}
    total = fac_total + sum(customer.values())
    best_customer = max(customer, key=lambda r: customer[r])
    if customer[best_customer] > fac_total:
        role = best_customer
        confidence = customer[best_customer] / total if total else 0.0
    else:
        stage_total = sum(scores[r] for r in fac_roles)
        if stage_total > 0:
            role = max(fac_roles, key=lambda r: scores[r])
            stage_conf = scores[role] / stage_total
        else:
            role = rules.default_facilitator_role
            stage_conf = 1.0 / len(fac_roles)
            why["default"] = "no stage-specific evidence"
        confidence = (fac_total / total if total else 0.0) * stage_conf
    if generic:
        why["generic_facilitator_weight"] = round(generic, 3)
    why["scores"] = {r: round(s, 3) for r, s in scores.items() if s}
    return RoleDecision(ev.entity_id, role, round(confidence, 4), why)


def infer_roles(
    evidence: dict[str, EntityEvidence],
    overrides: dict[str, tuple[str, str]] | None = None,
    rules: RoleRules | None = None,
) -> dict[str, RoleDecision]:
    """Two passes (the second reads partners' first-pass roles); overrides applied last."""
    rules = rules or role_rules()
    first = {e: decide(ev, None, rules).role for e, ev in evidence.items()}
    contacts = facilitator_contacts(evidence, first, rules)
    decisions = {e: decide(ev, first, rules, contacts) for e, ev in evidence.items()}
    for entity, (role, reason) in (overrides or {}).items():
        inferred = decisions.get(entity)
        if inferred is None:  # kept in role_overrides until the entity is in the workspace
            continue
        evidence_json: dict[str, Any] = {
            "override_reason": reason,
            "inferred": {"role": inferred.role, "confidence": inferred.confidence},
        }
        decisions[entity] = RoleDecision(entity, role, 1.0, evidence_json, "override")
    return decisions


def gather_evidence(store: Store) -> dict[str, EntityEvidence]:
    """Read every entity's evidence from graph_persons and graph_edges (built by build.py)."""
    evidence: dict[str, EntityEvidence] = {}

    def ev(entity: str) -> EntityEvidence:
        item = evidence.get(entity)
        if item is None:
            item = evidence[entity] = EntityEvidence(entity)
        return item

    for entity, role, kind_n, n, first in store.query(
        "SELECT entity_id, role, count(migrant_kind), count(*), min(seen_on) "
        "FROM graph_persons GROUP BY entity_id, role"
    ):
        item = ev(entity)
        if role:
            item.reported[role] += int(n)
        item.migrant_kind += int(kind_n)
        if first is not None and (item.first_seen is None or first < item.first_seen):
            item.first_seen = first
    for entity, regions in store.query(
        "SELECT entity_id, list(DISTINCT case_region) FILTER (WHERE case_region IS NOT NULL) "
        "FROM graph_persons GROUP BY entity_id"
    ):
        ev(entity).regions = set(regions or [])
    for source, kind, n in store.query(
        "SELECT substr(source, 8), kind, count(*) FROM graph_edges WHERE kind IN "
        "('person_vehicle','person_vessel','person_document','person_money','person_card') "
        "GROUP BY ALL"
    ):
        ev(source).exhibits[EDGE_EXHIBIT[kind]] += int(n)
    for a, b in store.query(
        "SELECT substr(source, 8), substr(target, 8) FROM graph_edges WHERE kind = 'shared_address'"
    ):
        ev(a).address_mates.add(b)
        ev(b).address_mates.add(a)
    for entity, n in store.query(
        "SELECT substr(source, 8), count(*) FROM graph_edges WHERE kind = 'employs' GROUP BY 1"
    ):
        ev(entity).employs = int(n)
    for a, b, n, before, after in store.query(
        "SELECT a, b, n, n_before, n_after FROM entity_calls"
    ):
        ev(a).partners.append(CallPartner(b, int(n), int(before), int(after)))
    return evidence
