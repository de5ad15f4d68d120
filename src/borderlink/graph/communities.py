"""Syndicates: Leiden communities on the graph of facilitators.

Smuggled people and employers are customers, not members, so they are left
out of the community graph; but two facilitators who moved the same people
are tied through them (`shared_customer`), because agencies on each side of a
border often book the same migrant with different halves of one syndicate.
"""

from __future__ import annotations

import random

import igraph as ig
import leidenalg
import numpy as np
import numpy.typing as npt
import pandas as pd

from borderlink.graph.rules import LeidenSettings, LinkingRules
from borderlink.model.tables import fill_table
from borderlink.store import Store


def _roles_in(roles: set[str] | frozenset[str]) -> str:
    """SQL: the role names as an IN list (from the role vocabulary; quoted all the same)."""
    return "(" + ", ".join("'" + r.replace("'", "''") + "'" for r in sorted(roles)) + ")"


def _bridges_sql(rules: LinkingRules) -> str:
    """CTEs `links`, `degree` and `bridges`: facilitators tied through a shared customer.

    With `customer_window_days` set, only dealings close in time count (one trip): a
    migrant caught and returned who travels again months later with another syndicate,
    or a customer handed from one cooperating group to the next, is no evidence that
    the facilitators work together (issue 11).
    """
    w = rules.edge_weights
    if w.customer_window_days is None:
        return f"""links AS (  -- customer -> facilitator dealings (not living at one address)
  SELECT a AS c, b AS f FROM pp
  WHERE kind <> 'shared_address' AND a IN (SELECT * FROM cust) AND b IN (SELECT * FROM fac)
  UNION SELECT b, a FROM pp
  WHERE kind <> 'shared_address' AND b IN (SELECT * FROM cust) AND a IN (SELECT * FROM fac)
),
degree AS (  -- facilitators each customer dealt with
  SELECT c, count(*) AS k FROM links GROUP BY c
  HAVING count(*) BETWEEN 2 AND {w.customer_link_cap}
),
bridges AS (  -- a customer's ties weigh 1 / (k - 1) each: its weight in all stays linear in k
  SELECT l1.f AS a, l2.f AS b, {w.shared_customer} * sum(1.0 / (d.k - 1)) AS w
  FROM links l1 JOIN links l2 ON l1.c = l2.c AND l1.f < l2.f JOIN degree d ON d.c = l1.c
  GROUP BY ALL
),"""
    return f"""dealt AS (  -- a customer arrested in one case with a facilitator, and when
  SELECT DISTINCT c.entity_id AS c, f.entity_id AS f, c.case_no AS k, c.seen_on AS d
  FROM graph_persons c JOIN graph_persons f ON f.case_no = c.case_no AND f.entity_id <> c.entity_id
  WHERE c.entity_id IN (SELECT * FROM cust) AND f.entity_id IN (SELECT * FROM fac)
),
links AS (SELECT DISTINCT c, f FROM dealt),
degree AS (
  SELECT c, count(*) AS k FROM links GROUP BY c
  HAVING count(*) BETWEEN 2 AND {w.customer_link_cap}
),
trips AS (  -- two dealings of one customer in different cases within the window
  SELECT DISTINCT l1.c, l1.f AS a, l2.f AS b
  FROM dealt l1 JOIN dealt l2 ON l1.c = l2.c AND l1.f < l2.f AND l1.k <> l2.k
  WHERE abs(date_diff('day', l1.d, l2.d)) <= {int(w.customer_window_days)}
),
bridges AS (
  SELECT t.a, t.b, {w.shared_customer} * sum(1.0 / (d.k - 1)) AS w
  FROM trips t JOIN degree d ON d.c = t.c GROUP BY ALL
),"""


def facilitator_edges_sql(rules: LinkingRules, facilitator_roles: set[str]) -> str:
    """Weighted facilitator-facilitator ties from entity_roles, graph_edges and entity_calls."""
    w = rules.edge_weights
    fac_roles = _roles_in(facilitator_roles)
    return f"""
WITH fac AS (SELECT entity_id FROM entity_roles WHERE role IN {fac_roles}),
cust AS (SELECT entity_id FROM entity_roles WHERE role NOT IN {fac_roles}),
pp AS (
  SELECT substr(source, 8) AS a, substr(target, 8) AS b, kind,
         CASE kind WHEN 'co_offending' THEN {w.co_offending}
                   ELSE {w.shared_address} END * weight AS w
  FROM graph_edges WHERE kind IN ('co_offending', 'shared_address')
  UNION ALL
  SELECT a, b, 'call', {w.call} * ln(1 + n) FROM entity_calls WHERE a < b
  UNION ALL
  SELECT substr(x.source, 8), substr(y.source, 8), 'item', {w.shared_item}
  FROM graph_edges x JOIN graph_edges y ON x.target = y.target AND x.source < y.source
  WHERE x.kind = y.kind
    AND x.kind IN ('person_vehicle', 'person_vessel', 'person_document', 'person_card')
),
{_bridges_sql(rules)}
fac_pp AS (
  SELECT least(a, b) AS a, greatest(a, b) AS b, w FROM pp
  WHERE a IN (SELECT * FROM fac) AND b IN (SELECT * FROM fac) AND a <> b
  UNION ALL SELECT a, b, w FROM bridges
)
SELECT a, b, sum(w) AS weight FROM fac_pp GROUP BY a, b
"""


def customers_sql(facilitator_roles: set[str]) -> str:
    """Each customer's ties to each syndicate, through its members (g_customer_links)."""
    return f"""
CREATE OR REPLACE TEMP TABLE g_customer_links AS
WITH pp AS (
  SELECT substr(source, 8) AS a, substr(target, 8) AS b, weight AS w
  FROM graph_edges WHERE kind IN ('co_offending', 'shared_address')
  UNION ALL SELECT a, b, ln(1 + n) FROM entity_calls WHERE a < b
),
links AS (
  SELECT a AS c, b AS f, w FROM pp UNION ALL SELECT b, a, w FROM pp
)
SELECT l.c AS entity_id, r.role, m.syndicate_id, sum(l.w) AS weight, count(*) AS ties
FROM links l JOIN entity_roles r ON r.entity_id = l.c
  AND r.role NOT IN {_roles_in(facilitator_roles)}
JOIN syndicate_members m ON m.entity_id = l.f
GROUP BY ALL
"""


# Employers rarely meet a facilitator: they are placed through the migrants they employ.
EMPLOYERS_SQL = """
INSERT INTO g_customer_links
WITH migrant_best AS (
  SELECT entity_id, arg_max(syndicate_id, weight) AS syndicate_id FROM g_customer_links
  WHERE role = 'migrant' GROUP BY entity_id
),
ties AS (
  SELECT substr(source, 8) AS a, substr(target, 8) AS b, weight FROM graph_edges
  WHERE kind IN ('co_offending', 'employs')
),
both_ways AS (SELECT a, b, weight FROM ties UNION ALL SELECT b, a, weight FROM ties)
SELECT t.a, 'employer', mb.syndicate_id, 0.5 * sum(t.weight), count(*)
FROM both_ways t JOIN entity_roles r ON r.entity_id = t.a AND r.role = 'employer'
JOIN migrant_best mb ON mb.entity_id = t.b
WHERE t.a NOT IN (SELECT entity_id FROM g_customer_links)
GROUP BY t.a, mb.syndicate_id
"""


def leiden_membership(
    n_nodes: int,
    src: npt.NDArray[np.int64],
    dst: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64],
    settings: LeidenSettings,
) -> npt.NDArray[np.int64]:
    """Leiden (CPM or modularity, with a resolution parameter) on an edge list; community per node.

    CPM (the shipped objective) keeps groups whose ties weigh more than `resolution`
    per pair of members, so its answer does not drift with the size of the world the
    way modularity's does (modularity compares each group with the whole graph).

    The default engine is igraph's C implementation of Leiden, which runs the same
    algorithm as leidenalg 10-100x faster on large graphs (bench/RESULTS.md);
    `engine: leidenalg` in linking.yaml selects leidenalg's RBConfiguration.
    """
    graph = ig.Graph(n=n_nodes, edges=np.column_stack((src, dst)), directed=False)
    graph.es["weight"] = weight.tolist()
    if settings.engine == "leidenalg":
        partition_type = (
            leidenalg.CPMVertexPartition
            if settings.objective == "CPM"
            else leidenalg.RBConfigurationVertexPartition
        )
        partition = leidenalg.find_partition(
            graph,
            partition_type,
            weights="weight",
            resolution_parameter=settings.resolution,
            n_iterations=settings.iterations,
            seed=settings.seed,
        )
        return np.asarray(partition.membership, dtype=np.int64)
    ig.set_random_number_generator(random.Random(settings.seed))
    try:
        membership = _leiden_igraph(graph, settings)
        return _split_large(graph, membership, settings)
    finally:
        ig.set_random_number_generator(random)


def _leiden_igraph(graph: ig.Graph, settings: LeidenSettings) -> npt.NDArray[np.int64]:
    clustering = graph.community_leiden(
        objective_function=settings.objective,
        weights="weight",
        resolution=settings.resolution,
        n_iterations=settings.iterations,
    )
    return np.asarray(clustering.membership, dtype=np.int64)


def _split_large(
    graph: ig.Graph, membership: npt.NDArray[np.int64], settings: LeidenSettings
) -> npt.NDArray[np.int64]:
    """Re-run Leiden inside communities above max_size.

    Modularity cannot see groups smaller than about sqrt(2m) edges in a graph
    of m edges (its resolution limit), so on a large graph small syndicates
    merge; on the community's own subgraph the limit is far lower.
    """
    out = membership.copy()
    next_id = int(out.max()) + 1 if len(out) else 0
    pending = [c for c, n in enumerate(np.bincount(out)) if n > settings.max_size]
    for _depth in range(settings.max_splits):
        if not pending:
            break
        again = []
        for community in pending:
            nodes = np.flatnonzero(out == community)
            sub = graph.induced_subgraph(nodes.tolist())
            local = _leiden_igraph(sub, settings)
            if local.max() == 0:
                continue
            for part in range(1, int(local.max()) + 1):
                out[nodes[local == part]] = next_id
                if int((local == part).sum()) > settings.max_size:
                    again.append(next_id)
                next_id += 1
            if int((local == 0).sum()) > settings.max_size:
                again.append(community)
        pending = again
    return out


def facilitator_graph(
    store: Store, roles: dict[str, str], facilitator_roles: set[str], rules: LinkingRules
) -> tuple[list[str], pd.DataFrame]:
    """Fill facilitator_edges (needs entity_roles); return the facilitators and their edges.

    The edges come back indexed (`ai`, `bi`: positions in the returned facilitator list).
    """
    fill_table(store, "facilitator_edges", facilitator_edges_sql(rules, facilitator_roles))
    facilitators = sorted(e for e, r in roles.items() if r in facilitator_roles)
    edges = store.query_df("SELECT a, b, weight FROM facilitator_edges WHERE weight > 0")
    index = {e: i for i, e in enumerate(facilitators)}
    edges["ai"] = edges["a"].map(index)
    edges["bi"] = edges["b"].map(index)
    edges = edges.dropna(subset=["ai", "bi"])
    return facilitators, edges


def detect_communities(
    facilitators: list[str], edges: pd.DataFrame, rules: LinkingRules
) -> tuple[list[set[str]], npt.NDArray[np.int64]]:
    """Communities of at least min_syndicate_size members; also the raw membership per node."""
    src = edges["ai"].to_numpy(dtype=np.int64)
    dst = edges["bi"].to_numpy(dtype=np.int64)
    membership = leiden_membership(
        len(facilitators), src, dst, edges["weight"].to_numpy(dtype=np.float64), rules.leiden
    )
    groups: dict[int, set[str]] = {}
    for entity, community in zip(facilitators, membership.tolist(), strict=True):
        groups.setdefault(community, set()).add(entity)
    kept = [g for g in groups.values() if len(g) >= rules.min_syndicate_size]
    return kept, membership


def assign_customers(store: Store, facilitator_roles: set[str]) -> pd.DataFrame:
    """Which syndicate moved or employed each customer (needs entity_roles, syndicate_members)."""
    store.execute(customers_sql(facilitator_roles), stage="graph", table="g_customer_links")
    store.execute(EMPLOYERS_SQL, stage="graph", table="g_customer_links")
    return store.query_df(
        """
SELECT entity_id, syndicate_id,
       CASE WHEN role = 'employer' THEN 'employed' ELSE 'moved' END AS relation,
       weight, ties,
       row_number() OVER (PARTITION BY entity_id ORDER BY weight DESC, syndicate_id) = 1
         AS is_primary
FROM g_customer_links ORDER BY entity_id, weight DESC
"""
    )
