"""Clustering on Spark: components of the links, then the union-find per component.

A link, a 'same' decision or a chain of them can only join records of one
connected component, so clustering.cluster (links strongest first, decisions
obeyed, clashing evidence refused) runs on each component on its own, on the
executors (cogroup + applyInPandas), and gives the clusters the whole-workspace
run gives. Records in no link are singletons and never leave Spark.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from borderlink.resolve import clusters as clustering
from borderlink.resolve.clusters import Decision
from borderlink.spark.components import connected_components

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

OUT_SCHEMA = "record_id string, grp string, linked long, refused long, conflicts string"


def _cluster_component(decisions: Sequence[Decision]) -> Any:
    def run(nodes: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
        nodes = nodes.sort_values("record_id")
        ids = [str(r) for r in nodes["record_id"]]
        members = set(ids)

        def values(column: str) -> list[str | None]:
            return [None if pd.isna(v) else str(v) for v in nodes[column]]

        evidence = clustering.Evidence(
            documents=values("lifelong_doc"),
            birth_dates=values("dob_ymd"),
            sexes=values("sex"),
        )
        mine = [d for d in decisions if d.record_a in members and d.record_b in members]
        edges = zip(links["a"], links["b"], links["p"], strict=True)
        groups, result = clustering.cluster(
            ids, [(str(a), str(b), float(p)) for a, b, p in edges], mine, evidence=evidence
        )
        rows = [(ids[i], ids[min(g)]) for g in groups for i in g]
        out = pd.DataFrame(rows, columns=["record_id", "grp"])
        out["linked"] = 0
        out["refused"] = 0
        out["conflicts"] = ""
        if len(out):
            out.loc[0, ["linked", "refused"]] = [result.linked_pairs, result.refused_links]
            out.loc[0, "conflicts"] = json.dumps(
                [[d.record_a, d.record_b] for d in result.conflicts]
            )
        return out

    return run


def cluster_on_spark(
    spark: SparkSession,
    features: DataFrame,
    pairs: DataFrame,
    threshold: float,
    decisions: list[Decision],
) -> tuple[pd.DataFrame, clustering.Clustering]:
    """(record_id, grp) for every record in a multi-record component, and the counts."""
    from pyspark.sql import functions as F

    links = pairs.where(F.col("match_probability") >= threshold).select(
        F.col("record_a").alias("a"), F.col("record_b").alias("b"), F.col("match_probability")
    )
    same = [(d.record_a, d.record_b) for d in decisions if d.same]
    edges = links.select("a", "b")
    if same:
        edges = edges.union(spark.createDataFrame(same, "a string, b string"))
    components = connected_components(edges)
    nodes = components.join(
        features.select(F.col("unique_id").alias("node"), "lifelong_doc", "dob_ymd", "sex"),
        "node",
    ).select(F.col("component"), F.col("node").alias("record_id"), "lifelong_doc", "dob_ymd", "sex")
    placed = links.join(components, links.a == components.node).select(
        "component", "a", "b", F.col("match_probability").alias("p")
    )
    out = cast(
        pd.DataFrame,
        nodes.groupBy("component")
        .cogroup(placed.groupBy("component"))
        .applyInPandas(_cluster_component(decisions), OUT_SCHEMA)
        .toPandas(),
    )
    result = clustering.Clustering({})
    result.linked_pairs = int(out["linked"].sum()) if len(out) else 0
    result.refused_links = int(out["refused"].sum()) if len(out) else 0
    for text in out["conflicts"]:
        for a, b in json.loads(text) if text else []:
            result.conflicts.append(Decision(a, b, True))
    return out[["record_id", "grp"]], result
