"""`export records`: one row per person record with the entity it was resolved to.

Columns are exactly source,file,record_key,entity_id (file as delivered, the
sheet for XLSX; record_key as SOURCES.md defines it), so the file lines up with
a generator's truth/records.csv. A record the latest run did not cluster (it
arrived after the last resolve) stands for itself as `rec:<record_id>`, as in the graph.

A workspace holding records received under an exchange agreement adds the
columns handling_code, source_reliability, information_grade (empty on the
agency's own rows), so the marks travel with the records that carry them.
"""

from __future__ import annotations

from pathlib import Path

from borderlink.csv_export import write_csv
from borderlink.exchange.marks import has_marks
from borderlink.exchange.tables import MARKS
from borderlink.resolve.tables import require_person_records, require_resolved
from borderlink.store import Store

COLUMNS = ("source", "file", "record_key", "entity_id")

EXPORT_SQL = """
SELECT p.source, p.file, p.record_key,
       coalesce(c.entity_id, 'rec:' || p.record_id) AS entity_id{marks}
FROM person_records p
LEFT JOIN clusters c ON c.record_id = p.record_id AND c.resolve_run_id = ?
ORDER BY p.source, p.file, p.row_number, p.record_id"""


def export_records(workspace: Path, out: Path, *, excel: bool = False) -> int:
    """Write the CSV; returns the number of rows."""
    with Store.open(workspace, read_only=True) as store:
        require_person_records(store)
        run = require_resolved(store)
        marked = has_marks(store)
        columns = (*COLUMNS, *MARKS) if marked else COLUMNS
        sql = EXPORT_SQL.format(marks="".join(f", p.{m}" for m in MARKS) if marked else "")
        rows = store.query(sql, [run], stage="export", table="person_records")
    write_csv(out, columns, rows, excel=excel)
    return len(rows)
