"""Connected components in plain Spark SQL (no graph package to download).

Min-label propagation with pointer jumping: every node starts as its own
label, takes the smallest label among itself and its neighbours, then the
label of its label; the labels only fall, and the loop ends when none
changes. Each round is a few joins; pointer jumping keeps the rounds near
the log of a component's diameter on the chains that entity and syndicate
graphs form. Each round's labels are checkpointed locally so the plan stays short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderlink.errors import ResolutionError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def connected_components(edges: DataFrame, max_rounds: int = 60) -> DataFrame:
    """(node, component) for every node of `edges` (columns a, b); component = smallest node id."""
    from pyspark.sql import functions as F

    both = (
        edges.select(F.col("a").alias("src"), F.col("b").alias("dst"))
        .union(edges.select(F.col("b").alias("src"), F.col("a").alias("dst")))
        .where(F.col("src") != F.col("dst"))
        .distinct()
        .localCheckpoint()
    )
    labels = both.select(F.col("src").alias("node")).distinct()
    labels = labels.select("node", F.col("node").alias("label")).localCheckpoint()
    for _ in range(max_rounds):
        offered = both.join(labels, both.dst == labels.node).select(
            F.col("src").alias("node"), F.col("label")
        )
        lowest = labels.union(offered).groupBy("node").agg(F.min("label").alias("label"))
        parent = lowest.select(F.col("node").alias("p_node"), F.col("label").alias("p_label"))
        jumped = (
            lowest.join(parent, lowest.label == parent.p_node, "left")
            .select("node", F.least("label", F.coalesce("p_label", "label")).alias("label"))
            .localCheckpoint()
        )
        changed = (
            jumped.alias("n")
            .join(labels.alias("o"), "node")
            .where(F.col("n.label") != F.col("o.label"))
            .limit(1)
            .count()
        )
        labels = jumped
        if changed == 0:
            return labels.select("node", F.col("label").alias("component"))
    raise ResolutionError(
        f"connected components did not settle in {max_rounds} rounds", rounds=max_rounds
    )
