"""The workspace side of extraction: read `report_files`, write `report_facts` and
`report_extractions`, and give the stats stage the reported figures back.

Each run replaces the earlier facts of the reports it reads, in one transaction, so a
re-run never doubles a figure; every report gets a row in `report_extractions` with its
status, including the ones that gave no facts.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from borderlink.errors import WorkspaceError
from borderlink.extract.facts import ExtractSummary, Fact
from borderlink.extract.links import Linker
from borderlink.extract.outcomes import report_outcome
from borderlink.model.tables import create_tables
from borderlink.store import Store

STAGE = "extract"
FACT_COLUMNS = (
    "fact_id",
    "run_id",
    "record_id",
    "source",
    "file",
    "path",
    "kind",
    "what",
    "value_num",
    "value_text",
    "qualifier",
    "unit",
    "direction",
    "region",
    "start_date",
    "end_date",
    "sentence",
    "char_start",
    "char_end",
    "links",
    "extracted_at",
)

Progress = Callable[[int, int], None]


def ensure_tables(store: Store) -> None:
    """report_facts and report_extractions, as declared in model/schema/."""
    create_tables(store, "extract")


def _fact_id(record_id: str, index: int, fact: Fact) -> str:
    key = f"{record_id}\x1f{index}\x1f{fact.kind}\x1f{fact.char_start}\x1f{fact.char_end}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _fact_row(
    fact: Fact, index: int, report: dict[str, Any], run_id: str, now: datetime
) -> list[Any]:
    number = isinstance(fact.value, int | float)
    return [
        _fact_id(report["record_id"], index, fact),
        run_id,
        report["record_id"],
        report.get("source"),
        report.get("file"),
        report.get("path"),
        fact.kind,
        fact.what,
        float(fact.value) if number else None,  # type: ignore[arg-type]
        None if number or fact.value is None else str(fact.value),
        fact.qualifier,
        fact.unit,
        fact.direction,
        fact.region,
        fact.start,
        fact.end,
        fact.sentence,
        fact.char_start,
        fact.char_end,
        fact.links,
        now,
    ]


def extract_workspace(workspace: Path | Store, progress: Progress | None = None) -> ExtractSummary:
    """Extract facts from every report in `report_files` and store them with provenance."""
    if isinstance(workspace, Store):
        return _extract_store(workspace, progress)
    with Store.open(Path(workspace)) as store:
        return _extract_store(store, progress)


def _extract_store(store: Store, progress: Progress | None) -> ExtractSummary:
    if not store.table_exists("report_files"):
        raise WorkspaceError(
            "the workspace has no report_files table: ingest an export with reports/ first",
            table="report_files",
        )
    reports = store.query_dicts(
        "SELECT record_id, source, file, path, text, status FROM report_files ORDER BY path, file"
    )
    now = datetime.now(UTC)
    run_id = "ext-" + now.strftime("%Y%m%dT%H%M%S%f")
    linker = Linker.from_store(store)
    summary = ExtractSummary(run_id=run_id, reports=len(reports))
    fact_rows: list[list[Any]] = []
    status_rows: list[list[Any]] = []
    statuses: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for done, report in enumerate(reports, start=1):
        outcome = report_outcome(report["file"], report["text"], report["status"] or "undecodable")
        facts = linker.link(outcome.facts)
        statuses[outcome.status] += 1
        kinds.update(f.kind for f in facts)
        summary.linked_facts += sum(1 for f in facts if f.links)
        if outcome.message:
            summary.messages.append(outcome.message)
        fact_rows += [_fact_row(f, i, report, run_id, now) for i, f in enumerate(facts)]
        status_rows.append(
            [
                report["record_id"],
                run_id,
                report["source"],
                report["file"],
                report["path"],
                outcome.status,
                len(facts),
                outcome.message or None,
                now,
            ]
        )
        if progress is not None:
            progress(done, len(reports))
    with store.transaction():
        ensure_tables(store)
        ids = [r["record_id"] for r in reports]
        if ids:
            store.execute(
                "DELETE FROM report_facts WHERE list_contains(?, record_id)",
                [ids],
                stage=STAGE,
                table="report_facts",
            )
            store.execute(
                "DELETE FROM report_extractions WHERE list_contains(?, record_id)",
                [ids],
                stage=STAGE,
                table="report_extractions",
            )
        marks = ", ".join("?" for _ in FACT_COLUMNS)
        store.executemany(
            f"INSERT INTO report_facts VALUES ({marks})",
            fact_rows,
            stage=STAGE,
            table="report_facts",
        )
        store.executemany(
            "INSERT INTO report_extractions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            status_rows,
            stage=STAGE,
            table="report_extractions",
        )
    summary.facts = len(fact_rows)
    summary.by_status = dict(statuses)
    summary.by_kind = dict(kinds)
    return summary


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def stored_facts(store: Store, kinds: tuple[str, ...] | None = None) -> list[Fact]:
    """Facts kept in the workspace (all kinds, or only `kinds`), in report and text order."""
    if not store.table_exists("report_facts"):
        return []
    where = ""
    params: list[Any] = []
    if kinds:
        where = "WHERE list_contains(?, kind)"
        params = [list(kinds)]
    rows = store.query_dicts(
        f"SELECT * FROM report_facts {where} ORDER BY file, char_start, kind", params or None
    )
    return [
        Fact(
            file=r["file"],
            kind=r["kind"],
            what=r["what"],
            value=_number(r["value_num"]) if r["value_num"] is not None else r["value_text"],
            qualifier=r["qualifier"],
            unit=r["unit"],
            direction=r["direction"],
            region=r["region"],
            start=r["start_date"],
            end=r["end_date"],
            sentence=r["sentence"] or "",
            char_start=r["char_start"],
            char_end=r["char_end"],
            links=list(r["links"] or []),
        )
        for r in rows
    ]


def reported_figures(store: Store) -> list[Fact]:
    """Figures and changes the reports state, for `stats --compare-reports`."""
    return stored_facts(store, ("figure", "change"))
