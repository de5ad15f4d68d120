"""Clerical review: the uncertain pairs, the analysts' decisions, and their exchange as JSONL.

A decision names two record ids. Record ids are derived from the delivery's
own keys, so a decision survives a re-import of the same data, and every later
resolve obeys the latest decision on a pair ('same' forces a link, 'different'
forbids one, see clusters.py).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from borderlink.errors import InvalidRequest, NotFound, SourceError
from borderlink.outputs import write_text
from borderlink.resolve.spec import load_spec
from borderlink.resolve.tables import ensure_resolve_tables, require_resolved
from borderlink.store import Store


class UncertainPair(BaseModel):
    record_a: str
    record_b: str
    match_probability: float
    linked: bool  # at or above the match threshold (same entity unless a decision split it)
    effect: int  # records whose entity a decision on this pair could change
    name_a: str | None
    name_b: str | None
    source_a: str
    source_b: str
    # the compared fields, side by side (as the records hold them)
    sex_a: str | None = None
    sex_b: str | None = None
    dob_a: str | None = None
    dob_b: str | None = None
    id_a: str | None = None
    id_b: str | None = None
    phone_a: str | None = None
    phone_b: str | None = None
    nationality_a: str | None = None
    nationality_b: str | None = None


class DecisionRecord(BaseModel):
    record_a: str
    record_b: str
    decision: Literal["same", "different", "possible_alias"]  # an alias: flagged, not merged
    reason: str
    decided_by: str
    decided_at: dt.datetime


_NAME = "coalesce(nullif(trim({p}.name), ''), concat_ws(' ', {p}.surname, {p}.given_names))"

UNCERTAIN_SQL = f"""
WITH sizes AS (SELECT entity_id, count(*) AS n FROM clusters GROUP BY entity_id),
decided AS (SELECT least(record_a, record_b) AS a, greatest(record_a, record_b) AS b
            FROM review_decisions)
SELECT m.record_a, m.record_b, m.match_probability,
  m.match_probability >= $match AS linked,
  CASE WHEN ca.entity_id = cb.entity_id THEN sa.n ELSE sa.n + sb.n END AS effect,
  {_NAME.format(p="pa")} AS name_a, {_NAME.format(p="pb")} AS name_b,
  pa.source AS source_a, pb.source AS source_b,
  pa.sex AS sex_a, pb.sex AS sex_b,
  CAST(pa.dob AS VARCHAR) AS dob_a, CAST(pb.dob AS VARCHAR) AS dob_b,
  coalesce(pa.id_number, pa.id_raw) AS id_a, coalesce(pb.id_number, pb.id_raw) AS id_b,
  coalesce(pa.phone, pa.phone_raw) AS phone_a, coalesce(pb.phone, pb.phone_raw) AS phone_b,
  pa.nationality AS nationality_a, pb.nationality AS nationality_b
FROM match_pairs m
JOIN clusters ca ON ca.record_id = m.record_a JOIN sizes sa ON sa.entity_id = ca.entity_id
JOIN clusters cb ON cb.record_id = m.record_b JOIN sizes sb ON sb.entity_id = cb.entity_id
JOIN person_records pa ON pa.record_id = m.record_a
JOIN person_records pb ON pb.record_id = m.record_b
WHERE m.match_probability >= $low AND m.match_probability < $high
  AND NOT EXISTS (SELECT 1 FROM decided d WHERE d.a = m.record_a AND d.b = m.record_b)
ORDER BY effect DESC, abs(m.match_probability - 0.5), m.record_a, m.record_b
LIMIT $limit"""


# The pairs in the review band that no decision covers yet (what is left to review).
UNDECIDED_SQL = """
SELECT count(*) FROM match_pairs m
WHERE m.match_probability >= ? AND m.match_probability < ?
  AND NOT EXISTS (SELECT 1 FROM review_decisions d
                  WHERE least(d.record_a, d.record_b) = m.record_a
                    AND greatest(d.record_a, d.record_b) = m.record_b)"""


def uncertain_pairs(workspace: Path, *, limit: int = 50) -> tuple[list[UncertainPair], int]:
    """The undecided pairs in the review band, biggest effect first; and how many there are."""
    with Store.open(workspace, read_only=True) as store:
        return uncertain_in_store(store, limit=limit)


def uncertain_in_store(store: Store, *, limit: int = 50) -> tuple[list[UncertainPair], int]:
    """uncertain_pairs on an open store (the server reads through its own connection)."""
    t = load_spec().thresholds
    require_resolved(store)
    rows = store.query_dicts(
        UNCERTAIN_SQL,
        {"match": t.match, "low": t.review_low, "high": t.review_high, "limit": limit},
        stage="review",
        table="match_pairs",
    )
    total = int(
        store.scalar(
            UNDECIDED_SQL, [t.review_low, t.review_high], stage="review", table="match_pairs"
        )
    )
    return [UncertainPair(**r) for r in rows], total


def _who(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    return os.environ.get("USER") or getpass.getuser()


def _known_records(store: Store, ids: list[str]) -> set[str]:
    """Which of the ids are person records of this workspace."""
    if not store.table_exists("person_records"):
        raise NotFound("the workspace holds no person records; run 'borderlink ingest' first")
    return {
        str(r[0])
        for r in store.query(
            "SELECT record_id FROM person_records WHERE record_id IN (SELECT unnest(?))", [ids]
        )
    }


def _check_records(store: Store, ids: list[str]) -> None:
    found = _known_records(store, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"unknown record id {missing[0]}", record_id=missing[0])


def _decision_problem(record_a: str, record_b: str, reason: str) -> tuple[str, str] | None:
    """(field, problem) that makes a decision invalid, the same for `decide` and `review import`."""
    if record_a == record_b:
        return "record_b", "a decision needs two different records"
    if not reason.strip():
        return "reason", "a decision needs a reason"
    return None


def _check_records_known(
    store: Store, file: Path, numbered: list[tuple[int, DecisionRecord]]
) -> None:
    """Every imported decision names records of this workspace (one query for all)."""
    found = _known_records(
        store, sorted({i for _, d in numbered for i in (d.record_a, d.record_b)})
    )
    for n, d in numbered:
        for rid in (d.record_a, d.record_b):
            if rid not in found:
                raise SourceError(f"{file}: line {n}: unknown record id {rid}", line=n)


def decide(
    workspace: Path, record_a: str, record_b: str, *, same: bool, reason: str, by: str | None = None
) -> DecisionRecord:
    """Store an analyst's decision on a pair; every later resolve obeys it."""
    if (problem := _decision_problem(record_a, record_b, reason)) is not None:
        raise InvalidRequest(*problem)
    decision = DecisionRecord(
        record_a=record_a,
        record_b=record_b,
        decision="same" if same else "different",
        reason=reason.strip(),
        decided_by=_who(by),
        decided_at=dt.datetime.now(dt.UTC),
    )
    with Store.open(workspace) as store:
        _check_records(store, [record_a, record_b])
        ensure_resolve_tables(store)
        _insert(store, [decision])
    return decision


def decision_on(store: Store, record_a: str, record_b: str) -> DecisionRecord | None:
    """The decision that applies to the pair (the latest, whichever order it was given in)."""
    if not store.table_exists("review_decisions"):
        return None
    rows = store.query_dicts(
        "SELECT record_a, record_b, decision, reason, decided_by, decided_at "
        "FROM review_decisions WHERE (record_a = ? AND record_b = ?) "
        "OR (record_a = ? AND record_b = ?) ORDER BY decided_at DESC, rowid DESC LIMIT 1",
        [record_a, record_b, record_b, record_a],
        stage="explain",
        table="review_decisions",
    )
    return DecisionRecord(**rows[0]) if rows else None


def _insert(store: Store, decisions: list[DecisionRecord]) -> None:
    store.executemany(
        "INSERT INTO review_decisions VALUES (?, ?, ?, ?, ?, ?)",
        [
            [d.record_a, d.record_b, d.decision, d.reason, d.decided_by, d.decided_at]
            for d in decisions
        ],
        stage="review",
        table="review_decisions",
    )


def export_decisions(workspace: Path, out: Path) -> int:
    """Every decision, oldest first, as JSON Lines (with each record's source and key)."""
    with Store.open(workspace, read_only=True) as store:
        if not store.table_exists("review_decisions"):
            rows: list[dict[str, Any]] = []
        else:
            rows = store.query_dicts(
                "SELECT d.*, pa.source AS source_a, pa.record_key AS record_key_a, "
                "pb.source AS source_b, pb.record_key AS record_key_b FROM review_decisions d "
                "LEFT JOIN person_records pa ON pa.record_id = d.record_a "
                "LEFT JOIN person_records pb ON pb.record_id = d.record_b "
                "ORDER BY d.decided_at, d.record_a, d.record_b"
            )
    lines = []
    for row in rows:
        row["decided_at"] = row["decided_at"].isoformat() if row["decided_at"] else None
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    write_text(out, "".join(lines))
    return len(rows)


def _read_decisions(file: Path) -> list[tuple[int, DecisionRecord]]:
    """(line, decision) of a JSONL file; the first invalid line refuses the whole file."""
    if not file.is_file():
        raise SourceError(f"{file}: no such file")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{file}: cannot read as UTF-8 JSON Lines: {exc}") from None
    decisions: list[tuple[int, DecisionRecord]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            decision = DecisionRecord.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SourceError(f"{file}: line {n}: {where}: {first['msg']}", line=n) from exc
        if problem := _decision_problem(decision.record_a, decision.record_b, decision.reason):
            raise SourceError(f"{file}: line {n}: {problem[1]}", line=n)
        decisions.append((n, decision))
    return decisions


def import_decisions(workspace: Path, file: Path) -> tuple[int, int]:
    """Add the decisions of a JSONL file (skipping ones already held); (added, already held).

    Each decision passes the checks `decide` makes (two different records, both in
    the workspace, a reason); one that does not refuses the file, naming its line.
    """
    numbered = _read_decisions(file)
    decisions = [d for _, d in numbered]
    with Store.open(workspace) as store:
        if numbered:
            _check_records_known(store, file, numbered)
        ensure_resolve_tables(store)
        held = {
            (str(a), str(b), str(d), t.isoformat() if t else "")
            for a, b, d, t in store.query(
                "SELECT record_a, record_b, decision, decided_at FROM review_decisions"
            )
        }
        new = [
            d
            for d in decisions
            if (d.record_a, d.record_b, d.decision, d.decided_at.isoformat()) not in held
        ]
        with store.transaction():
            _insert(store, new)
    return len(new), len(decisions) - len(new)
