"""Reading one unit (file or sheet): rows -> records, quarantine rows and value issues."""

from __future__ import annotations

import json
from typing import Any

from borderlink.ingest.delivery import Unit
from borderlink.ingest.ids import record_id
from borderlink.ingest.transform import RowRejected, ValueIssue, as_text, transform
from borderlink.ingest.writer import TableWriter
from borderlink.sources.base import BadRow, Row, Source
from borderlink.sources.csv_reader import CsvSource
from borderlink.sources.jsonl_reader import JsonlSource, get_path
from borderlink.sources.mapping import FileSpec, SourceMapping, check_header
from borderlink.sources.text_reader import read_report
from borderlink.sources.xlsx_reader import XlsxSource


def open_source(unit: Unit) -> Source | None:
    """The reader for a unit; None for a free-text report (read whole)."""
    spec = unit.primary[1]
    if spec.format == "csv":
        return CsvSource(unit.path, spec.encoding, name=unit.file)
    if spec.format == "xlsx":
        assert unit.sheet is not None
        return XlsxSource(unit.path, unit.sheet)
    if spec.format == "jsonl":
        return JsonlSource(unit.path, spec.encoding)
    return None


def _key(
    spec: FileSpec, values: dict[str, Any], number: int, file: str
) -> tuple[str, tuple[str, ...]]:
    """(record_key, unique key values) of a row; an empty key column rejects the row."""
    if spec.key.row:
        key = f"row:{number}"
    elif spec.key.file_name:
        key = file
    else:
        assert spec.key.column is not None
        text = as_text(get_path(values, spec.key.column))
        if text is None:
            raise RowRejected(spec.key.column, None, "required column empty")
        key = text
    if not spec.key.unique:
        return key, (key,)
    unique = []
    for col in spec.key.unique:
        text = as_text(get_path(values, col))
        if text is None:
            raise RowRejected(col, None, "required column empty")
        unique.append(text)
    return key, tuple(unique)


def _raw_row(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, default=str)


class UnitReader:
    """Streams one unit through its entries; counts read = imported + quarantined."""

    def __init__(
        self,
        mapping: SourceMapping,
        unit: Unit,
        source: Source | None,
        run_id: str,
        sha: str,
        writers: dict[str, TableWriter],
        progress: Any,
    ) -> None:
        self.mapping, self.unit, self.source = mapping, unit, source
        self.run_id, self.sha, self.writers, self.progress = run_id, sha, writers, progress
        self.read = self.imported = self.quarantined = 0
        self.seen: dict[str, set[tuple[str, ...]]] = {n: set() for n, _ in unit.entries}
        self.columns = {t: frozenset(w.columns) for t, w in writers.items()}
        origin = str(mapping.path) if mapping.path else f"mappings/{mapping.source}.yaml"
        absent: set[str] = set()
        if source is not None:
            known = set().union(*(spec.columns_used() for _, spec in unit.entries))
            for name, spec in unit.entries:
                absent.update(check_header(origin, name, spec, unit.file, source.header, known))
        self.absent_columns = sorted(absent)

    def _provenance(self, rid: str, key: str, number: int) -> dict[str, Any]:
        return {
            "record_id": rid,
            "source": self.mapping.source,
            "file": self.unit.file,
            "path": self.unit.rel,
            "record_key": key,
            "row_number": number,
            "run_id": self.run_id,
            "file_sha256": self.sha,
        }

    def _quarantine(
        self,
        number: int,
        key: str | None,
        column: str | None,
        raw: str | None,
        reason: str,
        raw_row: str,
    ) -> None:
        self.quarantined += 1
        self.writers["quarantine"].add(
            {
                "run_id": self.run_id,
                "source": self.mapping.source,
                "file": self.unit.file,
                "path": self.unit.rel,
                "row_number": number,
                "record_key": key,
                "column": column,
                "raw_value": raw,
                "reason": reason,
                "raw_row": raw_row,
            }
        )

    def run(self) -> None:
        if self.source is None:
            self._report()
            return
        for item in self.source.rows():
            self.read += 1
            if isinstance(item, BadRow):
                self._quarantine(
                    item.number,
                    None,
                    item.column,
                    item.raw,
                    item.reason,
                    json.dumps({"line": item.raw}, ensure_ascii=False),
                )
                continue
            self._row(item)
            if self.progress is not None and self.read % 50_000 == 0:
                self.progress(self.mapping.source, self.unit.file, self.read)

    def _report(self) -> None:
        self.read += 1
        content = read_report(self.unit.path)
        rid = record_id(self.mapping.source, self.unit.file, self.unit.rel)
        self.writers["report_files"].add({**self._provenance(rid, self.unit.rel, 1), **content})
        self.imported += 1

    def _row(self, row: Row) -> None:
        name, spec = self.unit.primary
        key: str | None = None
        try:
            key, unique = _key(spec, row.values, row.number, self.unit.file)
            rec, issues = transform(
                spec, row.values, self.mapping.phone_region, self.columns[spec.table]
            )
            if unique in self.seen[name]:
                raise RowRejected(
                    spec.key.column or ",".join(spec.key.unique), key, "duplicate key in file"
                )
        except RowRejected as rej:
            self._quarantine(row.number, key, rej.column, rej.raw, rej.reason, _raw_row(row.values))
            return
        self.seen[name].add(unique)
        rid = record_id(self.mapping.source, self.unit.file, *unique)
        rec.update(self._provenance(rid, key, row.number))
        self.writers[spec.table].add(rec)
        self.imported += 1
        self._issues(rid, spec.table, row.number, issues)
        for dname, dspec in self.unit.entries:
            if dspec.derived:
                self._derived(dname, dspec, row, key, rid)

    def _derived(
        self, name: str, spec: FileSpec, row: Row, primary_key: str, primary_rid: str
    ) -> None:
        """A second record from the same row (gx_psb: its case, its vehicle)."""
        if spec.when and as_text(row.values.get(spec.when)) is None:
            return
        try:
            key, unique = _key(spec, row.values, row.number, self.unit.file)
            rec, issues = transform(
                spec, row.values, self.mapping.phone_region, self.columns[spec.table]
            )
        except RowRejected:
            return  # the row itself was imported; a derived record needs its own values
        if unique in self.seen[name]:
            return  # repeated case columns of a flat file: the first row describes the case
        self.seen[name].add(unique)
        rid = record_id(self.mapping.source, self.unit.file, name, *unique)
        if spec.holder == "same_row":
            rec["holder_key"], rec["holder_record_id"] = primary_key, primary_rid
        rec.update(self._provenance(rid, key, row.number))
        self.writers[spec.table].add(rec)
        self._issues(rid, spec.table, row.number, issues)

    def _issues(self, rid: str, table: str, number: int, issues: list[ValueIssue]) -> None:
        for issue in issues:
            self.writers["value_issues"].add(
                {
                    "run_id": self.run_id,
                    "record_id": rid,
                    "table_name": table,
                    "source": self.mapping.source,
                    "file": self.unit.file,
                    "path": self.unit.rel,
                    "row_number": number,
                    "column": issue.column,
                    "raw_value": issue.raw,
                    "reason": issue.reason,
                }
            )
