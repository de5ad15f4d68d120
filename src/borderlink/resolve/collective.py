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
from collections import defaultdict
from collections.abc import Iterator, Sequence

import pyarrow as pa

from borderlink.resolve import clusters as clustering
from borderlink.resolve.backends.duckdb import FEATURES_TABLE, links_at
from borderlink.resolve.backends.protocol import Grouping
from borderlink.resolve.clusters import Decision
from borderlink.resolve.spec import FollowOn, ModelSpec
from borderlink.store import Store

CASES_SQL = """
SELECT record_id, source || chr(31) || case_no FROM person_records
WHERE case_no IS NOT NULL AND trim(case_no) <> ''"""


def _in_band(pairs: pa.Table, floor: float, threshold: float) -> Iterator[tuple[str, str, float]]:
    """The scored pairs with FLOOR <= probability < THRESHOLD."""
    a_col = pairs.column("record_a").to_pylist()
    b_col = pairs.column("record_b").to_pylist()
    p_col = pairs.column("match_probability").to_pylist()
    for a, b, p in zip(a_col, b_col, p_col, strict=True):
        if p is not None and floor <= p < threshold:
            yield a, b, p


def record_cases(store: Store, record_ids: Sequence[str]) -> list[str | None]:
    """Each record's case (source and case number, aligned with RECORD_IDS) or None."""
    shared: dict[str, str] = {}  # one string object per case: a million records, few cases
    case_of = {
        str(r): shared.setdefault(str(c), str(c))
        for r, c in store.query(CASES_SQL, stage="resolve")
    }
    return [case_of.get(r) for r in record_ids]


def band_records(pairs: pa.Table, floor: float, threshold: float) -> list[str]:
    """The records of the pairs scored in [FLOOR, THRESHOLD)."""
    return sorted({r for a, b, _ in _in_band(pairs, floor, threshold) for r in (a, b)})


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
    """Scored pairs between FLOOR and THRESHOLD whose cases share MIN_SHARED companions.

    A companion of a record is the entity (from GROUPS, the first clustering) of any
    other record in its case, booked in at most MAX_CASES cases (a fellow traveller, not
    the driver of many loads); the pair's own entities never count.
    """
    entity = [0] * len(record_ids)
    for g, members in enumerate(groups):
        for i in members:
            entity[i] = g
    index = {rid: i for i, rid in enumerate(record_ids)}
    band = [index[r] for r in band_records(pairs, floor, threshold) if r in index]
    wanted = {cases[j] for j in band}  # only these cases hold companions worth counting
    in_case: dict[str, set[int]] = defaultdict(set)
    for i, case in enumerate(cases):
        if case is not None and case in wanted:
            in_case[case].add(entity[i])
    present = set().union(*in_case.values()) if in_case else set()
    seen_in: dict[int, set[str]] = defaultdict(set)  # a driver booked in many cases is
    for i, case in enumerate(cases):  # no sign that two of them held one traveller
        if case is not None and entity[i] in present:
            seen_in[entity[i]].add(case)
    for held in in_case.values():
        held.difference_update({e for e in held if len(seen_in[e]) > max_cases})
    out: list[tuple[str, str, float]] = []
    for a, b, p in _in_band(pairs, floor, threshold):
        ia, ib = index.get(a), index.get(b)
        if ia is None or ib is None or entity[ia] == entity[ib]:
            continue
        ca, cb = cases[ia], cases[ib]
        if ca is None or cb is None or ca == cb:
            continue
        shared = (in_case[ca] & in_case[cb]) - {entity[ia], entity[ib]}
        if len(shared) >= min_shared:
            out.append((a, b, p))
    return out


DATES_SQL = """
SELECT p.record_id, p.source, coalesce(k.opened, p.event_date) AS seen_on
FROM person_records p
LEFT JOIN (SELECT case_no, min(opened) AS opened FROM cases GROUP BY case_no) k
  ON k.case_no = p.case_no"""


def record_events(store: Store, record_ids: Sequence[str]) -> dict[str, tuple[str, dt.date | None]]:
    """Source and date seen (its case's date, else its event's) of each of RECORD_IDS."""
    sql = (
        DATES_SQL
        if store.table_exists("cases")
        else "SELECT record_id, source, event_date FROM person_records p"
    )
    rows = store.query(
        sql + " WHERE p.record_id IN (SELECT unnest(?))", [list(record_ids)], stage="resolve"
    )
    return {str(r): (str(s), d) for r, s, d in rows}


def follow_on_links(
    events: dict[str, tuple[str, dt.date | None]],
    pairs: pa.Table,
    follow_ons: Sequence[FollowOn],
    *,
    floor: float,
    threshold: float,
) -> list[tuple[str, str, float]]:
    """Scored pairs between FLOOR and THRESHOLD that are one agency's arrest and the next
    agency's follow-on action (a Hong Kong Police arrest, then an Immigration removal)
    within the follow-on's window: the second record is what happened to the first's
    person, so the pair's weak name evidence is enough."""
    rules = {(f.first, f.then): f.max_days for f in follow_ons}
    out: list[tuple[str, str, float]] = []
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
    events line up, are linked, and the records are clustered once more.
    """
    threshold = spec.thresholds.match
    ids = first.record_ids
    rows = {
        str(r[0]): r[1:]
        for r in store.query(
            f"SELECT unique_id, lifelong_doc, dob_ymd, sex FROM {FEATURES_TABLE}",
            stage="resolve",
            table=FEATURES_TABLE,
        )
    }
    blank: tuple[None, None, None] = (None, None, None)
    evidence = clustering.Evidence(
        documents=[rows.get(i, blank)[0] for i in ids],
        birth_dates=[rows.get(i, blank)[1] for i in ids],
        sexes=[rows.get(i, blank)[2] for i in ids],
        cases=record_cases(store, ids),
    )
    links = links_at(pairs, threshold)
    extra = companion_links(
        ids,
        first.groups,
        evidence.cases,
        pairs,
        floor=spec.thresholds.companion,
        threshold=threshold,
    )
    band = band_records(pairs, spec.thresholds.companion, threshold)
    extra += follow_on_links(
        record_events(store, band),
        pairs,
        spec.follow_ons,
        floor=spec.thresholds.companion,
        threshold=threshold,
    )
    groups, result = clustering.cluster(ids, links + extra, decisions, evidence=evidence)
    return Grouping(ids, groups, result)
