"""`analyse`: graph, roles, syndicates, customers, key players, in one transaction.

The order matters: roles decide who is a facilitator, facilitators form the
community graph, communities become syndicates (with ids matched to the last
run), and only then can customers, routes and key players be read.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from borderlink.graph.build import build_graph
from borderlink.graph.chains import ChainRelation, build_chain, chain_relations
from borderlink.graph.communities import assign_customers, detect_communities, facilitator_graph
from borderlink.graph.keyplayers import key_players, split_by_community
from borderlink.graph.profiles import profile_row, profile_syndicates
from borderlink.graph.roles import RoleDecision, gather_evidence, infer_roles
from borderlink.graph.rules import linking_rules, role_rules
from borderlink.graph.stable_ids import assign_stable_ids
from borderlink.model.tables import create_table, fill_table
from borderlink.store import Store

if TYPE_CHECKING:
    from borderlink.config import Settings
    from borderlink.graph.spark_engine import SparkGraph

ANALYSE_STEPS = 6  # progress steps analyse_workspace reports


class SyndicateSummary(BaseModel):
    syndicate_id: str
    size: int
    routes: str
    base_region: str | None
    key_players: list[str]
    # "name (role)" per key player, in the same order: what an analyst reads
    key_player_labels: list[str] = Field(default_factory=list)


class AnalysisSummary(BaseModel):
    analyse_run_id: str
    resolve_run_id: str | None
    nodes: int = 0
    edges: int = 0
    entities: int = 0
    facilitators: int = 0
    customers_placed: int = 0
    syndicates: list[SyndicateSummary] = Field(default_factory=list)
    chain: list[ChainRelation] = Field(default_factory=list)  # hand-overs between syndicates


def _person_labels(store: Store) -> dict[str, str]:
    """Each person node's label (the name the graph shows), by entity id."""
    rows = store.query(
        "SELECT entity_id, label FROM graph_nodes WHERE kind = 'person' AND label IS NOT NULL",
        stage="graph",
        table="graph_nodes",
    )
    return {str(e): str(label) for e, label in rows}


def ensure_overrides_table(store: Store) -> None:
    create_table(store, "role_overrides")


def current_overrides(store: Store) -> dict[str, tuple[str, str]]:
    """The latest override per entity: role and reason (a cleared one, role NULL, is none)."""
    ensure_overrides_table(store)
    rows = store.query(
        "SELECT entity_id, role, reason FROM role_overrides QUALIFY row_number() OVER "
        "(PARTITION BY entity_id ORDER BY decided_at DESC) = 1 AND role IS NOT NULL"
    )
    return {e: (r, why) for e, r, why in rows}


def _write_frame(store: Store, table: str, frame: pd.DataFrame, types: dict[str, str]) -> None:
    """Replace `table` with `frame`, casting the columns named in `types`."""
    store.query(
        "SELECT 1"
    )  # drain the last statement's result: DuckDB refuses to register otherwise
    store.register("g_frame", frame)
    cols = ", ".join(
        f'CAST("{c}" AS {types[c]}) AS "{c}"' if c in types else f'"{c}"' for c in frame.columns
    )
    fill_table(store, table, f"SELECT {cols} FROM g_frame")
    store.unregister("g_frame")


def _previous_syndicates(store: Store) -> dict[str, set[str]]:
    if not store.table_exists("syndicate_members"):
        return {}
    previous: dict[str, set[str]] = {}
    for sid, entity in store.query("SELECT syndicate_id, entity_id FROM syndicate_members"):
        previous.setdefault(sid, set()).add(entity)
    return previous


def _issued(store: Store) -> int:
    """The highest syndicate number ever issued: a dissolved syndicate's id is never reused."""
    if not store.table_exists("analyse_runs"):
        return 0
    value = store.scalar(
        "SELECT max(CAST(counts->>'max_syndicate_number' AS INTEGER)) FROM analyse_runs"
    )
    return int(value or 0)


def _roles_frame(decisions: dict[str, RoleDecision], run_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity_id": [d.entity_id for d in decisions.values()],
            "role": [d.role for d in decisions.values()],
            "confidence": [d.confidence for d in decisions.values()],
            "evidence": [
                json.dumps(d.evidence, ensure_ascii=False, sort_keys=True)
                for d in decisions.values()
            ],
            "decided_by": [d.decided_by for d in decisions.values()],
            "analyse_run_id": run_id,
        }
    )


def _key_player_rows(
    facilitators: list[str], edges: pd.DataFrame, member_sid: dict[str, str]
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Per-member key-player figures and the KPP-Neg set of every syndicate."""
    settings = linking_rules().key_players
    sids = sorted(set(member_sid.values()))
    code = {s: i for i, s in enumerate(sids)}
    membership = np.array(
        [code.get(member_sid.get(e, ""), -1) for e in facilitators], dtype=np.int64
    )
    src = edges["ai"].to_numpy(dtype=np.int64)
    dst = edges["bi"].to_numpy(dtype=np.int64)
    rows: list[dict[str, Any]] = []
    sets: dict[str, list[str]] = {}
    for community, nodes, graph in split_by_community(membership, src, dst):
        if community < 0:
            continue
        sid = sids[community]
        result = key_players(graph, settings.k, settings.candidates)
        rank = {v: i + 1 for i, v in enumerate(result.kpp_set)}
        sets[sid] = [facilitators[int(nodes[v])] for v in result.kpp_set]
        for v, node in enumerate(nodes.tolist()):
            rows.append(
                {
                    "syndicate_id": sid,
                    "entity_id": facilitators[node],
                    "degree": result.degree[v],
                    "betweenness": result.betweenness[v],
                    "key_player_score": result.single_fragmentation[v],
                    "kpp_rank": rank.get(v),
                    "kpp_set_fragmentation": result.kpp_fragmentation,
                }
            )
    return rows, sets


def _spark_graph(
    store: Store, engine: str | None, spark_master: str | None, settings: Settings | None
) -> SparkGraph | None:
    """The Spark side of `analyse` when the engine (flag or setting) is spark."""
    from borderlink.config import settings_for_run

    workspace = store.path.parent if store.path is not None else Path(".")
    settings = settings_for_run(settings, workspace, engine=engine, spark_master=spark_master)
    if settings.engine != "spark":
        return None
    from borderlink.graph.spark_engine import SparkGraph

    return SparkGraph(settings, workspace)


def analyse_workspace(
    store: Store,
    progress: Callable[[str], None] | None = None,
    *,
    engine: str | None = None,
    spark_master: str | None = None,
    settings: Settings | None = None,
) -> AnalysisSummary:
    """Build and store the link graph, roles, syndicates, customers and key players.

    With the spark engine, syndicates (Leiden per connected component) and key
    players (per syndicate) are computed on Spark's executors.
    """
    step = progress or (lambda _msg: None)
    spark = _spark_graph(store, engine, spark_master, settings)
    rules, linking = role_rules(), linking_rules()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    with store.transaction():
        ensure_overrides_table(store)
        step("building the link graph")
        resolve_run = build_graph(
            store, max_case=linking.max_case_size, max_address=linking.max_address_size
        )
        step("inferring roles")
        decisions = infer_roles(gather_evidence(store), current_overrides(store), rules)
        roles = {e: d.role for e, d in decisions.items()}
        _write_frame(
            store,
            "entity_roles",
            _roles_frame(decisions, run_id),
            {
                "evidence": "JSON",
                "entity_id": "VARCHAR",
                "role": "VARCHAR",
                "decided_by": "VARCHAR",
                "analyse_run_id": "VARCHAR",
            },
        )
        step("finding syndicates")
        fac_roles = set(rules.facilitator_roles)
        facilitators, edges = facilitator_graph(store, roles, fac_roles, linking)
        if spark is None:
            groups, _ = detect_communities(facilitators, edges, linking)
        else:
            groups = spark.communities(facilitators, edges, linking)
        ids = assign_stable_ids(
            groups, _previous_syndicates(store), linking.stable_id_min_jaccard, _issued(store)
        )
        member_sid = {e: sid for sid, g in zip(ids, groups, strict=True) for e in g}
        members = pd.DataFrame(
            {
                "syndicate_id": list(member_sid.values()),
                "entity_id": list(member_sid),
                "role": [roles[e] for e in member_sid],
                "analyse_run_id": run_id,
            },
            columns=["syndicate_id", "entity_id", "role", "analyse_run_id"],
        )
        _write_frame(store, "syndicate_members", members, {c: "VARCHAR" for c in members.columns})
        step("placing customers")
        customers = assign_customers(store, fac_roles)
        _write_frame(
            store,
            "syndicate_customers",
            customers,
            {"entity_id": "VARCHAR", "syndicate_id": "VARCHAR", "relation": "VARCHAR"},
        )
        build_chain(store, run_id, linking.chain.window_days, linking.chain.min_customers)
        step("key players")
        if spark is None:
            kp_rows, kpp_sets = _key_player_rows(facilitators, edges, member_sid)
        else:
            kp_rows, kpp_sets = spark.key_player_rows(edges, member_sid)
        kp = pd.DataFrame(
            kp_rows,
            columns=[
                "syndicate_id",
                "entity_id",
                "degree",
                "betweenness",
                "key_player_score",
                "kpp_rank",
                "kpp_set_fragmentation",
            ],
        )
        _write_frame(
            store,
            "key_players",
            kp,
            {
                "syndicate_id": "VARCHAR",
                "entity_id": "VARCHAR",
                "degree": "INTEGER",
                "betweenness": "DOUBLE",
                "key_player_score": "DOUBLE",
                "kpp_rank": "INTEGER",
                "kpp_set_fragmentation": "DOUBLE",
            },
        )
        step("profiling syndicates")
        profiles = profile_syndicates(store, linking.route, linking.countries)
        sizes = members.groupby("syndicate_id").size().to_dict() if len(members) else {}
        synd_rows = [
            {
                **profile_row(sid, int(sizes.get(sid, 0)), profiles.get(sid)),
                "key_players": ";".join(kpp_sets.get(sid, [])),
                "analyse_run_id": run_id,
            }
            for sid in ids
        ]
        synd = pd.DataFrame(
            synd_rows,
            columns=[
                "syndicate_id",
                "size",
                "routes",
                "base_region",
                "active_from",
                "active_to",
                "members_by_year",
                "key_players",
                "analyse_run_id",
            ],
        )
        _write_frame(
            store,
            "syndicates",
            synd,
            {
                "syndicate_id": "VARCHAR",
                "size": "INTEGER",
                "routes": "VARCHAR",
                "base_region": "VARCHAR",
                "active_from": "DATE",
                "active_to": "DATE",
                "members_by_year": "JSON",
                "key_players": "VARCHAR",
                "analyse_run_id": "VARCHAR",
            },
        )
        store.execute(
            """
UPDATE graph_nodes SET role = r.role, syndicate_id = m.syndicate_id
FROM entity_roles r LEFT JOIN syndicate_members m USING (entity_id)
WHERE graph_nodes.entity_id = r.entity_id
""",
            stage="graph",
            table="graph_nodes",
        )
        summary = AnalysisSummary(analyse_run_id=run_id, resolve_run_id=resolve_run)
        summary.nodes = store.count("graph_nodes")
        summary.edges = store.count("graph_edges")
        summary.entities = len(decisions)
        summary.chain = chain_relations(store)
        summary.facilitators = len(facilitators)
        summary.customers_placed = (
            int(customers.loc[customers["is_primary"]].shape[0]) if len(customers) else 0
        )
        labels = _person_labels(store)
        summary.syndicates = [
            SyndicateSummary(
                syndicate_id=r["syndicate_id"],
                size=r["size"],
                routes=r["routes"],
                base_region=r["base_region"],
                key_players=kpp_sets.get(r["syndicate_id"], []),
                key_player_labels=[
                    f"{labels.get(e, e)} ({decisions[e].role})" if e in decisions else e
                    for e in kpp_sets.get(r["syndicate_id"], [])
                ],
            )
            for r in sorted(synd_rows, key=lambda r: -int(r["size"]))
        ]
        create_table(store, "analyse_runs")
        store.execute(
            "INSERT INTO analyse_runs VALUES (?, ?, now(), ?)",
            [
                run_id,
                resolve_run,
                json.dumps(
                    {
                        "nodes": summary.nodes,
                        "edges": summary.edges,
                        "entities": summary.entities,
                        "syndicates": len(ids),
                        "max_syndicate_number": max(
                            [_issued(store), *(int(i.split("-")[1]) for i in ids)]
                        ),
                    }
                ),
            ],
        )
    return summary
