"""Ingest: mapping + reader -> canonical rows with provenance; quarantine; one transaction."""

from borderlink.ingest.run import ingest_export
from borderlink.ingest.status import StatusReport, quarantined_rows, workspace_status
from borderlink.ingest.summary import FileSummary, IngestSummary

__all__ = [
    "FileSummary",
    "IngestSummary",
    "StatusReport",
    "ingest_export",
    "quarantined_rows",
    "workspace_status",
]
