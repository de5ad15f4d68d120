"""Findings an analyst reviews beside the entities: possible aliases, the chain of groups,
Splink's dashboards of the resolution, and the facts read from reports.

A mixin of `Workspace` so that workspace.py keeps the pipeline stages; the reads here
open the workspace read-only through the stage modules that own the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderlink.workspace.handle import WorkspaceHandle
from borderlink.workspace.models import (
    DashboardsRequest,
    DashboardsWritten,
    ExportRequest,
    ExportResult,
)

if TYPE_CHECKING:
    from borderlink.extract.facts import Fact
    from borderlink.resolve.aliases import AliasPair


class FindingsMethods(WorkspaceHandle):
    """Possible-alias pairs (resolve) and hand-over relations between syndicates (graph)."""

    def aliases(self) -> list[AliasPair]:
        """Pairs of entities that may be one person under two identities, strongest first."""
        from borderlink.resolve.aliases import workspace_aliases

        return workspace_aliases(self.path)

    def export_aliases(self, request: ExportRequest) -> ExportResult:
        """The possible aliases as CSV: source/file/record_key of each side, score, evidence."""
        from borderlink.resolve.aliases import export_aliases

        items = export_aliases(self.path, request.out, excel=request.excel)
        return ExportResult(out=str(request.out), items=items)

    def export_chain(self, request: ExportRequest) -> ExportResult:
        """The hand-over relations between syndicates as CSV or JSON (by the file's suffix)."""
        from borderlink.graph.chains import export_chain

        items = export_chain(self.path, request.out, excel=request.excel)
        return ExportResult(out=str(request.out), items=items)

    def facts(self) -> list[Fact]:
        """The facts `extract` stored from the workspace's reports, in report and text order."""
        from borderlink.extract import stored_facts

        with self._reader() as store:
            return stored_facts(store)

    def dashboards(self, request: DashboardsRequest) -> DashboardsWritten:
        """Splink's comparison viewer and cluster studio of the latest resolve run, offline."""
        from borderlink.resolve.dashboards import write_dashboards

        with self._reader() as store:
            files = write_dashboards(store, request.out, clusters=request.clusters)
        return DashboardsWritten(files=[str(f) for f in files])
