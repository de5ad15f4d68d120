"""Benchmark: syndicates (Leiden) and key players on a 1,000,000-node, 5,000,000-edge graph.

The graph is a planted partition: communities of 10-150 nodes (90% of edges
inside a community, 10% at random between them), the shape of many small
syndicates loosely tied by shared customers. Times the two steps analyse runs
on the facilitator graph: Leiden, then per-syndicate degree, betweenness and
KPP-Neg. Usage: .venv/bin/python bench/bench_graph.py [--nodes N] [--edges M]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from borderlink.graph.communities import leiden_membership
from borderlink.graph.keyplayers import key_players, split_by_community
from borderlink.graph.rules import linking_rules


def planted_partition(
    nodes: int, edges: int, seed: int = 7
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    sizes = []
    total = 0
    while total < nodes:
        s = int(min(rng.integers(10, 151), nodes - total))
        sizes.append(s)
        total += s
    size = np.array(sizes)
    start = np.concatenate(([0], np.cumsum(size)[:-1]))
    block = np.repeat(np.arange(len(size)), size)
    n_intra = int(edges * 0.9)
    u = rng.integers(0, nodes, n_intra)
    c = block[u]
    v = start[c] + (rng.random(n_intra) * size[c]).astype(np.int64)
    a = rng.integers(0, nodes, edges - n_intra)
    b = rng.integers(0, nodes, edges - n_intra)
    src = np.concatenate((u, a))
    dst = np.concatenate((v, b))
    keep = src != dst
    return src[keep].astype(np.int64), dst[keep].astype(np.int64), block


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=5_000_000)
    args = parser.parse_args()
    rules = linking_rules()
    t0 = time.perf_counter()
    src, dst, block = planted_partition(args.nodes, args.edges)
    weight = np.ones(len(src), dtype=np.float64)
    t1 = time.perf_counter()
    membership = leiden_membership(args.nodes, src, dst, weight, rules.leiden)
    t2 = time.perf_counter()
    kp_members = 0
    syndicates = 0
    for _community, nodes, graph in split_by_community(membership, src, dst):
        if len(nodes) < rules.min_syndicate_size:
            continue
        key_players(graph, rules.key_players.k, rules.key_players.candidates)
        kp_members += len(nodes)
        syndicates += 1
    t3 = time.perf_counter()
    from borderlink.graph.evaluate import adjusted_rand_index

    ari = adjusted_rand_index(
        [str(x) for x in block.tolist()], [str(x) for x in membership.tolist()]
    )
    print(
        f"graph: {args.nodes} nodes, {len(src)} edges, {int(block.max()) + 1} planted communities "
        f"(generated in {t1 - t0:.1f} s)"
    )
    print(
        f"leiden: {t2 - t1:.1f} s, {syndicates} communities of >= "
        f"{rules.min_syndicate_size}, ARI vs planted {ari:.3f}"
    )
    print(f"key players: {t3 - t2:.1f} s over {kp_members} members")
    print(f"syndicates + key players: {t3 - t1:.1f} s")


if __name__ == "__main__":
    main()
