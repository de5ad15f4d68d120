"""Key players per syndicate: degree, betweenness and a KPP-Neg set.

KPP-Neg (Borgatti) asks which k members, once removed, leave the syndicate
most fragmented: F = 1 - sum s(s-1) / (n(n-1)) over the remaining components.
The set is found greedily and improved by swaps. Candidates are the cut
vertices plus the members of highest betweenness: removing any other member
of a connected syndicate leaves it connected, so the search stays small and
runs per syndicate, never on the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import igraph as ig
import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class KeyPlayerResult:
    """Per member (local index order): degree, betweenness, single-removal fragmentation."""

    degree: list[int]
    betweenness: list[float]
    single_fragmentation: list[float]
    kpp_set: list[int]
    kpp_fragmentation: float


def fragmentation(graph: ig.Graph, removed: Sequence[int]) -> float:
    """Borgatti's F on what is left after removing `removed` (1.0 when <= 1 node remains)."""
    gone = set(removed)
    n = int(graph.vcount()) - len(gone)
    if n <= 1:
        return 1.0
    left = graph.copy()  # copy-and-delete is the cheapest subgraph for small syndicates
    left.delete_vertices(sorted(gone))
    sizes: list[int] = left.connected_components().sizes()
    return 1.0 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))


def kpp_neg(graph: ig.Graph, k: int, candidates: Sequence[int]) -> tuple[list[int], float]:
    """Greedy then one swap pass over `candidates`; returns the set and its fragmentation."""
    chosen: list[int] = []
    pool = list(dict.fromkeys(candidates))
    k = min(k, len(pool))
    best = fragmentation(graph, [])
    for _ in range(k):
        scored = [(fragmentation(graph, [*chosen, c]), -c) for c in pool if c not in chosen]
        value, neg = max(scored)
        chosen.append(-neg)
        best = value
    for i in range(len(chosen)):
        for c in pool:
            if c in chosen:
                continue
            trial = [*chosen[:i], c, *chosen[i + 1 :]]
            value = fragmentation(graph, trial)
            if value > best + 1e-12:
                chosen, best = trial, value
    return chosen, best


def key_players(graph: ig.Graph, k: int, max_candidates: int) -> KeyPlayerResult:
    """Degree, betweenness and the KPP-Neg set of one syndicate's graph."""
    n = graph.vcount()
    degree = [int(d) for d in graph.degree()]
    betweenness = [float(b) for b in graph.betweenness(directed=False)] if n > 2 else [0.0] * n
    cut = set(graph.articulation_points()) if n > 2 else set()
    single = [fragmentation(graph, [v]) if v in cut else 0.0 for v in range(n)]
    if n < 3:
        return KeyPlayerResult(degree, betweenness, single, [], 0.0)
    by_rank = sorted(range(n), key=lambda v: (-single[v], -betweenness[v], -degree[v], v))
    candidates = by_rank[: max(max_candidates, 1)]
    size = min(k, max(1, n // 3))
    chosen, value = kpp_neg(graph, size, candidates)
    return KeyPlayerResult(degree, betweenness, single, chosen, value)


def split_by_community(
    membership: npt.NDArray[np.int64],
    src: npt.NDArray[np.int64],
    dst: npt.NDArray[np.int64],
) -> Iterator[tuple[int, npt.NDArray[np.int64], ig.Graph]]:
    """Yield (community, global node ids, its induced graph) for each community, in one sort."""
    if len(membership) == 0:
        return
    order = np.argsort(membership, kind="stable")
    sorted_comm = membership[order]
    bounds = np.flatnonzero(np.diff(sorted_comm)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(order)]))
    local = np.empty(len(membership), dtype=np.int64)
    for s, e in zip(starts, ends, strict=True):
        local[order[s:e]] = np.arange(e - s)
    intra = membership[src] == membership[dst]
    e_src, e_dst = src[intra], dst[intra]
    e_comm = membership[e_src]
    e_order = np.argsort(e_comm, kind="stable")
    e_src, e_dst, e_comm = e_src[e_order], e_dst[e_order], e_comm[e_order]
    e_lo = np.searchsorted(e_comm, sorted_comm[starts], side="left")
    e_hi = np.searchsorted(e_comm, sorted_comm[starts], side="right")
    for s, e, lo, hi in zip(starts, ends, e_lo, e_hi, strict=True):
        nodes = order[s:e]
        edges = np.column_stack((local[e_src[lo:hi]], local[e_dst[lo:hi]]))
        graph = ig.Graph(n=int(e - s), edges=edges.tolist())
        graph.simplify()
        yield int(sorted_comm[s]), nodes, graph
