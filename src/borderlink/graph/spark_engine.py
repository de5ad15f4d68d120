"""`analyse --engine spark`: syndicates and key players computed on Spark's executors.

The facilitator graph is split into its connected components in Spark SQL
(borderlink.spark.components), and Leiden runs on each component on the
executors (applyInPandas, igraph), with the same settings as on one machine.
CPM, the shipped objective, scores each community on its own ties, and Leiden
never returns a community that is not connected, so a component holds whole
syndicates and running Leiden per component gives the same kind of answer as
on the whole graph. Key players run per syndicate on the executors too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from borderlink.config import Settings
from borderlink.graph.communities import leiden_membership
from borderlink.graph.keyplayers import key_players
from borderlink.graph.rules import LeidenSettings, LinkingRules, linking_rules
from borderlink.spark.components import connected_components
from borderlink.spark.session import spark_session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

COMMUNITY_SCHEMA = "entity_id string, community string"
KEY_PLAYER_SCHEMA = (
    "syndicate_id string, entity_id string, degree int, betweenness double, "
    "key_player_score double, kpp_rank int, kpp_set_fragmentation double"
)


def _leiden_per_component(settings: LeidenSettings) -> Any:
    def run(frame: pd.DataFrame) -> pd.DataFrame:
        nodes = sorted(set(frame["a"]) | set(frame["b"]))
        index = {e: i for i, e in enumerate(nodes)}
        membership = leiden_membership(
            len(nodes),
            frame["a"].map(index).to_numpy(dtype=np.int64),
            frame["b"].map(index).to_numpy(dtype=np.int64),
            frame["weight"].to_numpy(dtype=np.float64),
            settings,
        )
        component = str(frame["component"].iloc[0])
        return pd.DataFrame(
            {"entity_id": nodes, "community": [f"{component}/{m}" for m in membership.tolist()]}
        )

    return run


def _key_players_per_syndicate(k: int, candidates: int) -> Any:
    def run(members: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
        import igraph as ig

        nodes = sorted(members["entity_id"])
        index = {e: i for i, e in enumerate(nodes)}
        pairs = [(index[a], index[b]) for a, b in zip(edges["a"], edges["b"], strict=True)]
        graph = ig.Graph(n=len(nodes), edges=pairs)
        graph.simplify()
        result = key_players(graph, k, candidates)
        rank = {v: i + 1 for i, v in enumerate(result.kpp_set)}
        sid = str(members["syndicate_id"].iloc[0])
        return pd.DataFrame(
            {
                "syndicate_id": sid,
                "entity_id": nodes,
                "degree": result.degree,
                "betweenness": result.betweenness,
                "key_player_score": result.single_fragmentation,
                "kpp_rank": [rank.get(v) for v in range(len(nodes))],
                "kpp_set_fragmentation": result.kpp_fragmentation,
            }
        ).astype({"kpp_rank": "Int32", "degree": "int32"})

    return run


class SparkGraph:
    """The Spark session and the per-component graph steps of `analyse`."""

    def __init__(self, settings: Settings, workspace: Path) -> None:
        self.spark = spark_session(settings, workspace, app="borderlink analyse")

    def _edges(self, edges: pd.DataFrame) -> DataFrame:
        frame = edges[["a", "b", "weight"]].astype({"a": str, "b": str, "weight": float})
        return self.spark.createDataFrame(frame, "a string, b string, weight double")

    def communities(
        self, facilitators: list[str], edges: pd.DataFrame, rules: LinkingRules
    ) -> list[set[str]]:
        """Leiden communities of at least min_syndicate_size members, per component."""
        spark_edges = self._edges(edges)
        components = connected_components(spark_edges.select("a", "b"))
        placed = spark_edges.join(components, spark_edges.a == components.node).select(
            "component", "a", "b", "weight"
        )
        found = cast(
            pd.DataFrame,
            placed.groupBy("component")
            .applyInPandas(_leiden_per_component(rules.leiden), COMMUNITY_SCHEMA)
            .toPandas(),
        )
        groups: dict[str, set[str]] = {}
        for entity, community in zip(found["entity_id"], found["community"], strict=True):
            groups.setdefault(str(community), set()).add(str(entity))
        linked = set(found["entity_id"])
        singles = [{e} for e in facilitators if e not in linked]
        kept = [g for g in [*groups.values(), *singles] if len(g) >= rules.min_syndicate_size]
        return sorted(kept, key=lambda g: (-len(g), min(g)))

    def key_player_rows(
        self, edges: pd.DataFrame, member_sid: dict[str, str]
    ) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
        """Per-member key-player figures and each syndicate's KPP-Neg set, per syndicate."""
        settings = linking_rules().key_players
        members = self.spark.createDataFrame(
            pd.DataFrame(
                {"entity_id": list(member_sid), "syndicate_id": list(member_sid.values())}
            ),
            "entity_id string, syndicate_id string",
        )
        sid_a = edges["a"].map(member_sid)
        inside = edges.loc[sid_a.notna() & (sid_a == edges["b"].map(member_sid)), ["a", "b"]]
        intra = self.spark.createDataFrame(
            inside.assign(syndicate_id=sid_a[inside.index]).astype(str),
            "a string, b string, syndicate_id string",
        )
        rows = cast(
            pd.DataFrame,
            members.groupBy("syndicate_id")
            .cogroup(intra.groupBy("syndicate_id"))
            .applyInPandas(
                _key_players_per_syndicate(settings.k, settings.candidates), KEY_PLAYER_SCHEMA
            )
            .toPandas(),
        )
        out: list[dict[str, Any]] = []
        sets: dict[str, list[tuple[int, str]]] = {}
        for row in rows.to_dict("records"):
            rank = row["kpp_rank"]
            row["kpp_rank"] = None if pd.isna(rank) else int(rank)
            if row["kpp_rank"] is not None:
                sets.setdefault(row["syndicate_id"], []).append((row["kpp_rank"], row["entity_id"]))
            out.append(row)
        return out, {sid: [e for _, e in sorted(ranked)] for sid, ranked in sets.items()}
