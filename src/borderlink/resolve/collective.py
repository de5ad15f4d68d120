"""Collective resolution: records judged by the company they were arrested in.

Many migrant records carry a name and nationality only, often misspelt, so the pair
model alone leaves them below the match threshold. What such a record still has is
its case: the people booked with it. Two records whose cases hold a common person
(already resolved, from another record) are very likely one traveller moved on with
the same companions; two records of one case are two people (clusters.py refuses that
merge). This module reads each record's case and proposes the extra links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from borderlink.resolve.backends.duckdb import FEATURES_TABLE
from borderlink.resolve.backends.protocol import Grouping
from borderlink.resolve.clusters import Decision, Evidence
from borderlink.resolve.components import (
    Ints,
    Links,
    cluster_arrays,
    codes,
    pair_links,
    record_index,
)
from borderlink.resolve.spec import FollowOn, ModelSpec
from borderlink.store import Store

CASES_SQL = """
SELECT record_id, source || chr(31) || case_no AS case_key FROM person_records
WHERE case_no IS NOT NULL AND trim(case_no) <> ''"""

Mask = npt.NDArray[np.bool_]


def _band(index: pa.Array, pairs: pa.Table, floor: float, threshold: float) -> Links:
    """The scored pairs with FLOOR <= probability < THRESHOLD between records of INDEX."""
    return pair_links(index, pairs, floor=floor, below=threshold)


def _as_tuples(ids: Sequence[str], links: Links) -> list[tuple[str, str, float]]:
    return [
        (ids[a], ids[b], p)
        for a, b, p in zip(links.a.tolist(), links.b.tolist(), links.p.tolist(), strict=True)
    ]


def _aligned(index: pa.Array, table: pa.Table, key: str, column: str) -> pa.Array:
    """TABLE's COLUMN for each record of INDEX (null where the record has no row)."""
    at = pc.index_in(index, value_set=table.column(key).combine_chunks())
    return table.column(column).combine_chunks().take(at)


def _case_column(store: Store, index: pa.Array) -> pa.Array:
    table = store.query_arrow(CASES_SQL, stage="resolve", table="person_records")
    return _aligned(index, table, "record_id", "case_key")


def companion_mask(
    band: Links, entity: Ints, case: Ints, *, min_shared: int = 1, max_cases: int = 3
) -> Mask:
    """Which band links join records whose cases share MIN_SHARED companions.

    A companion of a record is the entity (ENTITY, the first clustering) of any
    other record in its case (CASE: codes, -1 for none), booked in at most
    MAX_CASES cases (a fellow traveller, not the driver of many loads); the
    pair's own entities never count.
    """
    ea, eb, ca, cb = entity[band.a], entity[band.b], case[band.a], case[band.b]
    valid: Mask = (ea != eb) & (ca >= 0) & (cb >= 0) & (ca != cb)
    if not valid.any():
        return valid
    width = int(entity.max()) + 1
    booked = case >= 0
    held = np.unique(case[booked] * width + entity[booked])  # (case, entity), sorted by case
    held_case, held_entity = held // width, held % width
    cases_of = np.bincount(held_entity, minlength=width)  # a driver booked in many cases
    wanted = np.isin(held_case, np.union1d(ca, cb)) & (cases_of[held_entity] <= max_cases)
    held, held_case, held_entity = held[wanted], held_case[wanted], held_entity[wanted]
    k = np.flatnonzero(valid)
    start = np.searchsorted(held_case, ca[k], "left")
    count = np.searchsorted(held_case, ca[k], "right") - start
    pair = np.repeat(k, count)
    offset = np.repeat(start - (np.cumsum(count) - count), count)
    companion = held_entity[np.arange(int(count.sum())) + offset]
    also = np.isin(cb[pair] * width + companion, held)
    counts = also & (companion != ea[pair]) & (companion != eb[pair])
    shared = np.bincount(pair[counts], minlength=len(band))
    keep: Mask = valid & (shared >= min_shared)
    return keep


def companion_links(
    record_ids: Sequence[str],
    groups: Sequence[Sequence[int]],
    cases: Sequence[str | None],
    pairs: pa.Table,
    *,
    floor: float,
    threshold: float,
    min_shared: int = 1,
    max_cases: int = 3,
) -> list[tuple[str, str, float]]:
    """Scored pairs between FLOOR and THRESHOLD whose cases share MIN_SHARED companions
    (companion_mask over record ids, the first clustering's GROUPS and CASES)."""
    entity = np.zeros(len(record_ids), np.int64)
    for g, members in enumerate(groups):
        entity[list(members)] = g
    case, _ = codes(pa.array(list(cases), pa.string()))
    band = _band(record_index(record_ids), pairs, floor, threshold)
    keep = companion_mask(band, entity, case, min_shared=min_shared, max_cases=max_cases)
    return _as_tuples(record_ids, Links(band.a[keep], band.b[keep], band.p[keep]))


DATES_SQL = """
SELECT p.record_id, p.source, coalesce(k.opened, p.event_date) AS seen_on
FROM person_records p
LEFT JOIN (SELECT case_no, min(opened) AS opened FROM cases GROUP BY case_no) k
  ON k.case_no = p.case_no"""


def record_events(store: Store, record_ids: Sequence[str]) -> pa.Table:
    """Source and date seen (its case's date, else its event's) of each of RECORD_IDS."""
    sql = (
        DATES_SQL
        if store.table_exists("cases")
        else "SELECT record_id, source, event_date AS seen_on FROM person_records p"
    )
    return store.query_arrow(
        sql + " WHERE p.record_id IN (SELECT unnest(?))", [list(record_ids)], stage="resolve"
    )


def follow_on_mask(
    band: Links, source: Ints, sources: list[str], day: Ints, follow_ons: Sequence[FollowOn]
) -> Mask:
    """Which band links are one agency's arrest and the next agency's follow-on action
    (a Hong Kong Police arrest, then an Immigration removal) within the follow-on's
    window: the second record is what happened to the first's person, so the pair's
    weak name evidence is enough. SOURCE holds codes into SOURCES, DAY day numbers
    (-1 for an unknown source, a null day for an unknown date)."""
    rules = {(f.first, f.then): f.max_days for f in follow_ons}
    code = {name: i for i, name in enumerate(sources)}
    sa, sb, da, db = source[band.a], source[band.b], day[band.a], day[band.b]
    known = (sa >= 0) & (sb >= 0) & (da != _NO_DAY) & (db != _NO_DAY)
    out = np.zeros(len(band), bool)
    for (first, then), window in rules.items():
        if first not in code or then not in code:
            continue
        f, t = code[first], code[then]
        out |= (sa == f) & (sb == t) & (db - da >= 0) & (db - da <= window)
        out |= (sb == f) & (sa == t) & (da - db >= 0) & (da - db <= window)
    keep: Mask = out & known
    return keep


_NO_DAY = np.iinfo(np.int64).min


def _event_columns(events: pa.Table, index: pa.Array) -> tuple[Ints, list[str], Ints]:
    source, sources = codes(_aligned(index, events, "record_id", "source"))
    seen = _aligned(index, events, "record_id", "seen_on").cast(pa.date32()).cast(pa.int32())
    day = seen.cast(pa.int64()).fill_null(pa.scalar(_NO_DAY, pa.int64()))
    return source, sources, np.asarray(day.to_numpy(zero_copy_only=False), np.int64)


def follow_on_links(
    events: dict[str, tuple[str, dt.date | None]],
    pairs: pa.Table,
    follow_ons: Sequence[FollowOn],
    *,
    floor: float,
    threshold: float,
) -> list[tuple[str, str, float]]:
    """Scored pairs between FLOOR and THRESHOLD that follow_on_mask keeps, for EVENTS
    given as record id -> (source, date seen)."""
    ids = list(events)
    table = pa.table(
        {
            "record_id": pa.array(ids, pa.string()),
            "source": pa.array([events[i][0] for i in ids], pa.string()),
            "seen_on": pa.array([events[i][1] for i in ids], pa.date32()),
        }
    )
    index = record_index(ids)
    band = _band(index, pairs, floor, threshold)
    keep = follow_on_mask(band, *_event_columns(table, index), follow_ons)
    return _as_tuples(ids, Links(band.a[keep], band.b[keep], band.p[keep]))


def regroup(
    store: Store,
    spec: ModelSpec,
    pairs: pa.Table,
    first: Grouping,
    decisions: list[Decision],
) -> Grouping:
    """The engine's clusters refined by context, the same on every engine.

    The engine clusters the links above the match threshold; here the records' cases
    join the evidence (two records of one case are two people), pairs in the band below
    the threshold whose co-arrested companions resolved together, or whose follow-on
    events line up, are linked, and the records are clustered once more. All of it
    runs over arrays of record indices (components.py), never pair by pair in Python.
    """
    threshold, floor = spec.thresholds.match, spec.thresholds.companion
    ids = first.record_ids
    index = record_index(ids)
    features = store.query_arrow(
        f"SELECT unique_id, lifelong_doc, dob_ymd, sex FROM {FEATURES_TABLE}",
        stage="resolve",
        table=FEATURES_TABLE,
    )
    cases = _case_column(store, index)
    evidence = Evidence(
        documents=_aligned(index, features, "unique_id", "lifelong_doc").to_pylist(),
        birth_dates=_aligned(index, features, "unique_id", "dob_ymd").to_pylist(),
        sexes=_aligned(index, features, "unique_id", "sex").to_pylist(),
        cases=cases.to_pylist(),
    )
    links = pair_links(index, pairs, floor=threshold)
    band = _band(index, pairs, floor, threshold)
    entity = np.zeros(len(ids), np.int64)
    for g, members in enumerate(first.groups):
        entity[members] = g
    case, _ = codes(cases)
    keep = companion_mask(band, entity, case)
    links = links.then(Links(band.a[keep], band.b[keep], band.p[keep]))
    in_band = np.unique(np.concatenate([band.a, band.b]))
    events = record_events(store, [ids[i] for i in in_band.tolist()])
    keep = follow_on_mask(band, *_event_columns(events, index), spec.follow_ons)
    links = links.then(Links(band.a[keep], band.b[keep], band.p[keep]))
    groups, result = cluster_arrays(ids, links, decisions, evidence=evidence)
    return Grouping(ids, groups, result)
