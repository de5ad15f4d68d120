"""The clustering of resolve as it was before components.py: the reference the tests hold
the array version to (record by record, link by link, in Python lists)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

import pyarrow as pa

from borderlink.resolve import clusters as clustering
from borderlink.resolve.backends.duckdb import FEATURES_TABLE
from borderlink.resolve.backends.protocol import Grouping
from borderlink.resolve.clusters import Decision
from borderlink.resolve.collective import CASES_SQL, DATES_SQL
from borderlink.resolve.spec import ModelSpec
from borderlink.store import Store


def links_at(pairs: pa.Table, threshold: float) -> list[tuple[str, str, float]]:
    a = pairs.column("record_a").to_pylist()
    b = pairs.column("record_b").to_pylist()
    p = pairs.column("match_probability").to_pylist()
    return [(x, y, q) for x, y, q in zip(a, b, p, strict=True) if q is not None and q >= threshold]


def _in_band(pairs: pa.Table, floor: float, threshold: float) -> Iterator[tuple[str, str, float]]:
    for a, b, p in links_at(pairs, floor):
        if p < threshold:
            yield a, b, p


def _entities(n: int, groups: Sequence[Sequence[int]]) -> list[int]:
    entity = [0] * n
    for g, members in enumerate(groups):
        for i in members:
            entity[i] = g
    return entity


def companion_links(
    ids: Sequence[str],
    groups: Sequence[Sequence[int]],
    cases: Sequence[str | None],
    pairs: pa.Table,
    floor: float,
    threshold: float,
) -> list[tuple[str, str, float]]:
    entity = _entities(len(ids), groups)
    index = {rid: i for i, rid in enumerate(ids)}
    band = {r for a, b, _ in _in_band(pairs, floor, threshold) for r in (a, b) if r in index}
    wanted = {cases[index[r]] for r in band}
    in_case: dict[str, set[int]] = defaultdict(set)
    for i, case in enumerate(cases):
        if case is not None and case in wanted:
            in_case[case].add(entity[i])
    seen_in: dict[int, set[str]] = defaultdict(set)
    for i, case in enumerate(cases):
        if case is not None:
            seen_in[entity[i]].add(case)
    for held in in_case.values():
        held.difference_update({e for e in held if len(seen_in[e]) > 3})
    out = []
    for a, b, p in _in_band(pairs, floor, threshold):
        ia, ib = index.get(a), index.get(b)
        if ia is None or ib is None or entity[ia] == entity[ib]:
            continue
        ca, cb = cases[ia], cases[ib]
        if ca is None or cb is None or ca == cb:
            continue
        if (in_case[ca] & in_case[cb]) - {entity[ia], entity[ib]}:
            out.append((a, b, p))
    return out


def follow_on_links(
    store: Store, spec: ModelSpec, pairs: pa.Table, floor: float, threshold: float
) -> list[tuple[str, str, float]]:
    band = sorted({r for a, b, _ in _in_band(pairs, floor, threshold) for r in (a, b)})
    rows = store.query(
        DATES_SQL + " WHERE p.record_id IN (SELECT unnest(?))", [band], stage="resolve"
    )
    events: dict[str, tuple[str, dt.date | None]] = {str(r): (str(s), d) for r, s, d in rows}
    rules = {(f.first, f.then): f.max_days for f in spec.follow_ons}
    out = []
    for a, b, p in _in_band(pairs, floor, threshold):
        if a not in events or b not in events:
            continue
        (sa, da), (sb, db) = events[a], events[b]
        if da is None or db is None:
            continue
        for (s1, d1), (s2, d2) in (((sa, da), (sb, db)), ((sb, db), (sa, da))):
            window = rules.get((s1, s2))
            if window is not None and 0 <= (d2 - d1).days <= window:
                out.append((a, b, p))
                break
    return out


def reference_clusters(
    store: Store, spec: ModelSpec, pairs: pa.Table, decisions: list[Decision]
) -> Grouping:
    """First clustering, then the collective regrouping, the way resolve did them."""
    threshold, floor = spec.thresholds.match, spec.thresholds.companion
    rows = store.query(
        f"SELECT unique_id, lifelong_doc, dob_ymd, sex FROM {FEATURES_TABLE} ORDER BY unique_id"
    )
    ids = [str(r[0]) for r in rows]
    evidence = clustering.Evidence(
        documents=[r[1] for r in rows],
        birth_dates=[r[2] for r in rows],
        sexes=[r[3] for r in rows],
    )
    links = links_at(pairs, threshold)
    first, _ = clustering.cluster(ids, links, decisions, evidence=evidence)
    case_of = {str(r): str(c) for r, c in store.query(CASES_SQL)}
    cases = [case_of.get(r) for r in ids]
    evidence = clustering.Evidence(
        documents=evidence.documents,
        birth_dates=evidence.birth_dates,
        sexes=evidence.sexes,
        cases=cases,
    )
    extra = companion_links(ids, first, cases, pairs, floor, threshold)
    extra += follow_on_links(store, spec, pairs, floor, threshold)
    groups, result = clustering.cluster(ids, links + extra, decisions, evidence=evidence)
    return Grouping(ids, groups, result)
