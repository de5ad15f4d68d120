"""Clustering over arrays: connected components first, the union-find only where it can matter.

clusters.cluster merges links strongest first and refuses a merge when a
'different' decision or clashing evidence (documents, confirmed birth dates,
sex with birth date, a shared case) forbids it. That walk is sequential, but
it can only ever join records of one connected component of the links and
'same' decisions, and inside a component where no two records could clash and
no 'different' decision holds, it never refuses a merge: the component is the
cluster, whatever the order of its links.

So `cluster_arrays` finds the components with igraph on integer record
indices, marks (over numpy arrays) the components where a refusal is possible
at all, and hands only those to clusters.cluster. The result is exactly what
clusters.cluster gives on the whole input (groups, their order, the counts and
the conflicts); tests/resolve/test_components.py holds it to that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import igraph as ig
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from borderlink.resolve import clusters as clustering
from borderlink.resolve.clusters import Clustering, Decision, Evidence

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Links:
    """Links as record indices (into the record ids) and probabilities, in input order."""

    a: Ints
    b: Ints
    p: npt.NDArray[np.float64]

    @staticmethod
    def empty() -> Links:
        return Links(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64))

    def __len__(self) -> int:
        return len(self.a)

    def then(self, other: Links) -> Links:
        """These links followed by OTHER's (the order clustering breaks ties by)."""
        return Links(
            np.concatenate([self.a, other.a]),
            np.concatenate([self.b, other.b]),
            np.concatenate([self.p, other.p]),
        )


def record_index(record_ids: Sequence[str] | pa.Array) -> pa.Array:
    """The record ids as an Arrow string array, to look indices up in."""
    if isinstance(record_ids, pa.Array):
        return record_ids.cast(pa.string())
    return pa.array(list(record_ids), pa.string())


def positions(index: pa.Array, values: pa.Array | pa.ChunkedArray) -> Ints:
    """Each value's position in INDEX, -1 where absent (or null)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    found = pc.index_in(values, value_set=index).fill_null(pa.scalar(-1, pa.int32()))
    return np.asarray(found.to_numpy(zero_copy_only=False), np.int64)


def links_from(
    index: pa.Array,
    a: pa.Array | pa.ChunkedArray,
    b: pa.Array | pa.ChunkedArray,
    p: pa.Array | pa.ChunkedArray,
    *,
    floor: float,
    below: float | None = None,
) -> Links:
    """The pairs with FLOOR <= p (< BELOW) whose records both are in INDEX, as Links."""
    if isinstance(p, pa.ChunkedArray):
        p = p.combine_chunks()
    filled = pc.fill_null(p.cast(pa.float64()), pa.scalar(float("nan"), pa.float64()))
    prob = np.asarray(filled.to_numpy(zero_copy_only=False), np.float64)
    keep = prob >= floor  # NaN (no probability) compares False
    if below is not None:
        keep &= prob < below
    ai, bi = positions(index, a), positions(index, b)
    keep &= (ai >= 0) & (bi >= 0)
    return Links(ai[keep], bi[keep], prob[keep].astype(np.float64))


def pair_links(
    index: pa.Array, pairs: pa.Table, *, floor: float, below: float | None = None
) -> Links:
    """links_from over a scored pair table (record_a, record_b, match_probability)."""
    return links_from(
        index,
        pairs.column("record_a"),
        pairs.column("record_b"),
        pairs.column("match_probability"),
        floor=floor,
        below=below,
    )


def codes(values: pa.Array) -> tuple[Ints, list[str]]:
    """Integer codes of a string array (-1 for null or blank) and the values they stand for."""
    values = values.cast(pa.string())
    values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
    encoded = values.dictionary_encode()
    found = encoded.indices.fill_null(pa.scalar(-1, encoded.indices.type))
    return np.asarray(found.to_numpy(zero_copy_only=False), np.int64), [
        str(v) for v in encoded.dictionary.to_pylist()
    ]


def _codes(values: Sequence[str | None], n: int) -> Ints:
    """Integer codes of VALUES (aligned with the records), -1 for none or blank."""
    if not values:
        return np.full(n, -1, np.int64)
    return codes(pa.array(list(values), pa.string()))[0]


def _count_per_pair(comp: Ints, code: Ints) -> tuple[Ints, Ints]:
    """Distinct (component, code) pairs over records with a code, and each pair's count."""
    has = code >= 0
    keys = comp[has] * (int(code.max(initial=0)) + 1) + code[has]
    uniq, counts = np.unique(keys, return_counts=True)
    return uniq // (int(code.max(initial=0)) + 1), counts.astype(np.int64)


def _distinct_per_comp(comp: Ints, code: Ints, n_comp: int, min_count: int = 1) -> Ints:
    """Per component, how many distinct codes its records hold (each held MIN_COUNT times)."""
    comps, counts = _count_per_pair(comp, code)
    return np.bincount(comps[counts >= min_count], minlength=n_comp)


def _may_refuse(
    comp: Ints, n_comp: int, evidence: Evidence, n: int, different: list[tuple[int, int]]
) -> npt.NDArray[np.bool_]:
    """Components where clusters.cluster could refuse a merge (see the module docstring)."""
    docs = _codes(evidence.documents, n)
    dates = _codes(evidence.birth_dates, n)
    sexes = _codes(evidence.sexes, n)
    cases = _codes(evidence.cases, n)
    risky = _distinct_per_comp(comp, docs, n_comp) >= 2  # two lifelong documents
    risky |= _distinct_per_comp(comp, dates, n_comp, min_count=2) >= 2  # two confirmed dates
    both = (dates >= 0) & (sexes >= 0)  # records differing in sex and in date
    risky |= (_distinct_per_comp(comp, np.where(both, dates, -1), n_comp) >= 2) & (
        _distinct_per_comp(comp, np.where(both, sexes, -1), n_comp) >= 2
    )
    case_comps, case_counts = _count_per_pair(comp, cases)  # two records of one case
    risky[case_comps[case_counts >= 2]] = True
    for x, y in different:
        if comp[x] == comp[y]:
            risky[comp[x]] = True
    return risky


def _components(n: int, a: Ints, b: Ints) -> tuple[Ints, int]:
    graph = ig.Graph(n=n, edges=np.column_stack([a, b]).tolist(), directed=False)
    membership = np.asarray(graph.connected_components().membership, np.int64)
    return membership, int(membership.max(initial=-1)) + 1


def cluster_arrays(
    record_ids: Sequence[str],
    links: Links,
    decisions: Sequence[Decision] = (),
    evidence: Evidence | None = None,
) -> tuple[list[list[int]], Clustering]:
    """What clusters.cluster(record_ids, links, decisions, evidence=evidence) returns."""
    n = len(record_ids)
    evidence = evidence or Evidence()
    index = {rid: i for i, rid in enumerate(record_ids)} if decisions else {}
    different_keys: list[int] = []
    different: list[tuple[int, int]] = []
    same: list[tuple[int, int]] = []
    for d in decisions:
        if d.record_a not in index or d.record_b not in index:
            continue
        x, y = index[d.record_a], index[d.record_b]
        if d.same:
            same.append((x, y))
        else:
            different.append((x, y))
            if d.record_a <= d.record_b:  # clusters.cluster skips links by (min, max) id
                different_keys.append(min(x, y) * n + max(x, y))
    keep = ~np.isin(np.minimum(links.a, links.b) * n + np.maximum(links.a, links.b), different_keys)
    la, lb, lp = links.a[keep], links.b[keep], links.p[keep]
    same_a = np.array([x for x, _ in same], np.int64)
    same_b = np.array([y for _, y in same], np.int64)
    comp, n_comp = _components(n, np.concatenate([la, same_a]), np.concatenate([lb, same_b]))
    risky = _may_refuse(comp, n_comp, evidence, n, different)
    exact = np.flatnonzero(risky[comp])  # records whose clusters the union-find decides
    result = Clustering({})
    groups: list[list[int]] = []
    if len(exact):
        groups, result = _cluster_exact(record_ids, exact, la, lb, lp, decisions, evidence)
    free = ~risky[comp]
    # Each component left is one cluster: all its merges succeed, the decisions' first.
    same_comp, _ = _components(n, same_a, same_b)
    n_free = int(np.unique(comp[free]).size)
    result.linked_pairs += int(np.unique(same_comp[free]).size) - n_free
    order = np.argsort(comp[free], kind="stable")
    members = np.flatnonzero(free)[order].tolist()
    cuts = [0, *(np.flatnonzero(np.diff(comp[free][order])) + 1).tolist(), len(members)]
    groups.extend(members[s:e] for s, e in pairwise(cuts) if e > s)
    groups.sort(key=lambda g: g[0])  # clusters.cluster lists groups by their first record
    return groups, result


def _cluster_exact(
    record_ids: Sequence[str],
    exact: Ints,
    la: Ints,
    lb: Ints,
    lp: npt.NDArray[np.float64],
    decisions: Sequence[Decision],
    evidence: Evidence,
) -> tuple[list[list[int]], Clustering]:
    """clusters.cluster on the records of EXACT only (whole components), mapped back."""
    inside = np.zeros(len(record_ids), bool)
    inside[exact] = True
    mine = inside[la]  # a link lies in one component: both ends or neither
    ids = [record_ids[i] for i in exact.tolist()]

    def part(values: Sequence[str | None]) -> list[str | None]:
        return [values[i] for i in exact.tolist()] if values else []

    sub = Evidence(
        documents=part(evidence.documents),
        birth_dates=part(evidence.birth_dates),
        sexes=part(evidence.sexes),
        cases=part(evidence.cases),
    )
    links = zip(
        [record_ids[i] for i in la[mine].tolist()],
        [record_ids[i] for i in lb[mine].tolist()],
        lp[mine].tolist(),
        strict=True,
    )
    groups, result = clustering.cluster(ids, list(links), decisions, evidence=sub)
    back = exact.tolist()
    return [[back[i] for i in g] for g in groups], result
