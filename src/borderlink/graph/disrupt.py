"""What is left of a syndicate after some members are removed (arrested).

Measured on the syndicate's facilitator graph: the number of components, the
share of the original members still in the largest one, and which stages of
the chain (recruiting, transporting, ...) no longer reach that core: a chain
whose core has lost its transporters cannot move people even if it survives.
"""

from __future__ import annotations

import igraph as ig
from pydantic import BaseModel

from borderlink.errors import InvalidRequest, NotFound
from borderlink.graph.keyplayers import key_players, kpp_neg
from borderlink.graph.rules import linking_rules
from borderlink.model.vocab import facilitator_roles
from borderlink.store import Store

STAGE_ORDER = facilitator_roles()  # the chain's stages, in order


class NetworkState(BaseModel):
    members: int
    components: int
    largest_component: int
    largest_share: float
    stages_in_core: list[str]


class DisruptionResult(BaseModel):
    syndicate_id: str
    removed: list[str]
    before: NetworkState
    after: NetworkState
    stages_cut_off: list[str]


def _state(
    graph: ig.Graph, names: list[str], roles: dict[str, str], removed: set[str], total: int
) -> NetworkState:
    keep = [i for i, n in enumerate(names) if n not in removed]
    if not keep:
        return NetworkState(
            members=0, components=0, largest_component=0, largest_share=0.0, stages_in_core=[]
        )
    sub = graph.induced_subgraph(keep)
    comps = sub.connected_components()
    largest = max(comps, key=len)
    core_roles = {roles.get(names[keep[v]], "") for v in largest}
    stages = [s for s in STAGE_ORDER if s in core_roles]
    return NetworkState(
        members=len(keep),
        components=len(comps),
        largest_component=len(largest),
        largest_share=round(len(largest) / total, 4),
        stages_in_core=stages,
    )


def disrupt_graph(
    syndicate_id: str, graph: ig.Graph, names: list[str], roles: dict[str, str], removed: list[str]
) -> DisruptionResult:
    """Before/after figures for removing `removed` (entity ids) from a syndicate graph."""
    unknown = [r for r in removed if r not in names]
    if unknown:
        raise InvalidRequest("remove", f"not members of {syndicate_id}: {', '.join(unknown)}")
    total = len(names)
    before = _state(graph, names, roles, set(), total)
    after = _state(graph, names, roles, set(removed), total)
    cut = [s for s in before.stages_in_core if s not in after.stages_in_core]
    return DisruptionResult(
        syndicate_id=syndicate_id,
        removed=list(removed),
        before=before,
        after=after,
        stages_cut_off=cut,
    )


def top_k_removal(graph: ig.Graph, names: list[str], k: int) -> list[str]:
    """The KPP-Neg set of size k (greedy + swap over the best candidates)."""
    if k < 1:
        raise InvalidRequest("top", "must be at least 1")
    base = key_players(graph, 1, len(names))
    ranked = sorted(
        range(len(names)),
        key=lambda v: (-base.single_fragmentation[v], -base.betweenness[v], -base.degree[v], v),
    )
    pool = ranked[: max(linking_rules().key_players.candidates, k)]
    chosen, _ = kpp_neg(graph, min(k, len(names)), pool)
    return [names[v] for v in chosen]


def load_syndicate_graph(
    store: Store, syndicate_id: str
) -> tuple[ig.Graph, list[str], dict[str, str]]:
    """A syndicate's facilitator graph as analyse stored it (members, ties, roles)."""
    if not store.table_exists("syndicate_members") or not store.table_exists("facilitator_edges"):
        raise NotFound("no analysis in this workspace: run 'borderlink analyse' first")
    rows = store.query(
        "SELECT entity_id, role FROM syndicate_members WHERE syndicate_id = ? ORDER BY entity_id",
        [syndicate_id],
    )
    if not rows:
        known = [
            str(r[0])
            for r in store.query("SELECT DISTINCT syndicate_id FROM syndicate_members ORDER BY 1")
        ]
        shown = ", ".join(known[:12]) + (f" ... ({len(known)} in all)" if len(known) > 12 else "")
        raise NotFound(
            f"no syndicate {syndicate_id} in this workspace; known: {shown or 'none'}",
            syndicate_id=syndicate_id,
        )
    names = [r[0] for r in rows]
    roles = {r[0]: r[1] for r in rows}
    index = {n: i for i, n in enumerate(names)}
    edges = store.query(
        "WITH m AS (SELECT entity_id FROM syndicate_members WHERE syndicate_id = $s) "
        "SELECT a, b FROM facilitator_edges "
        "WHERE a IN (SELECT * FROM m) AND b IN (SELECT * FROM m)",
        {"s": syndicate_id},
    )
    graph = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in edges])
    return graph, names, roles


def disrupt_syndicate(
    store: Store, syndicate_id: str, *, remove: list[str] | None = None, top: int | None = None
) -> DisruptionResult:
    """Remove the named members, or the top-k key players, and report before/after."""
    if (remove is None) == (top is None):
        raise InvalidRequest("remove", "give exactly one of remove (entity ids) or top (a number)")
    syndicate_id = syndicate_id.strip().upper()  # SYN-0001, however typed
    graph, names, roles = load_syndicate_graph(store, syndicate_id)
    if top is not None and top >= len(names):
        raise InvalidRequest(
            "top", f"{syndicate_id} has {len(names)} members; remove fewer than all of them"
        )
    removed = remove if remove is not None else top_k_removal(graph, names, int(top or 0))
    return disrupt_graph(syndicate_id, graph, names, roles, removed)
