"""`Workspace`: the one surface every front end calls (CLI, REST API, notebooks).

Each method takes a request model and returns a pydantic result (workspace/models.py).
A writing stage holds the workspace's writer lock, named after the stage, for its whole
run, so a second writer in another process gets WorkspaceBusy ("workspace busy: resolve
since ..., pid ...") instead of DuckDB's lock error. Reads open the database read-only;
while another process writes they read the copy of the last committed state that the
writing stage made at its start (store/snapshot.py).

The object holds a path and settings, and no open connection, except when a
long-running process (the server) holds it (`hold()`, workspace/serving.py): then the
Workspace keeps the one DuckDB connection of the process and every read, write and job
runs on a cursor of it, so reads go on (MVCC) while a job writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from borderlink.access.policy import default_policy
from borderlink.config import Settings, load_settings
from borderlink.errors import WorkspaceError
from borderlink.model.tables import SCHEMA_VERSION
from borderlink.store import Store, snapshot, workspace_db_path
from borderlink.store import lock as writer_lock
from borderlink.workspace.access import AccessMethods
from borderlink.workspace.datasets import DatasetMethods
from borderlink.workspace.exchange import ExchangeMethods
from borderlink.workspace.findings import FindingsMethods
from borderlink.workspace.models import (
    AnalyseRequest,
    DecideRequest,
    DecideResult,
    DecisionsExportRequest,
    DecisionsImported,
    DecisionsImportRequest,
    EvaluateRequest,
    EvaluationResult,
    ExplainRequest,
    ExportRequest,
    ExportResult,
    ExtractEvaluateRequest,
    ExtractRequest,
    GraphExportRequest,
    IngestRequest,
    QuarantineRequest,
    QuarantineRows,
    ReportRequest,
    ResolveRequest,
    ReviewPage,
    ReviewRequest,
    RoleOverrideRequest,
    StatsRequest,
    WorkspaceStatus,
)
from borderlink.workspace.roles import RolesMethods
from borderlink.workspace.schema import open_check, stamp
from borderlink.workspace.serving import ServingMethods

if TYPE_CHECKING:
    from borderlink.extract.evaluate import Evaluation as ExtractEvaluation
    from borderlink.extract.facts import ExtractSummary
    from borderlink.graph.analysis import AnalysisSummary
    from borderlink.graph.disrupt import DisruptionResult
    from borderlink.graph.overrides import RoleOverride
    from borderlink.ingest.status import StatusReport
    from borderlink.ingest.summary import IngestSummary
    from borderlink.reports import ReportSummary
    from borderlink.resolve.explain import Explanation
    from borderlink.resolve.run import ResolveSummary
    from borderlink.stats.compare import Comparison
    from borderlink.stats.models import OperationFigures
    from borderlink.workspace.models import DisruptRequest

IngestProgress = Callable[[str, str, int], None]
# Set inside a writing stage of this process: nested stages make no copy of their own.
_in_stage: ContextVar[bool] = ContextVar("borderlink_in_stage", default=False)
Progress = Callable[[str], None]


class Workspace(
    AccessMethods, FindingsMethods, DatasetMethods, RolesMethods, ExchangeMethods, ServingMethods
):
    """A workspace folder (one DuckDB file) and the settings to work on it with."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = Path(path)
        self.settings = settings
        self.schema_version = SCHEMA_VERSION
        self._held = None
        self._jobs = None
        self.policy = default_policy()

    @classmethod
    def open(cls, path: Path | str, settings: Settings | None = None) -> Workspace:
        """A handle on the workspace at `path`; its schema is checked (and migrated) here.

        A folder that does not exist yet is fine: `ingest` creates it.
        """
        path = Path(path)
        if settings is None:
            settings, _ = load_settings(workspace=path)
        else:
            settings = settings.model_copy(update={"workspace": path})
        ws = cls(path, settings)
        ws.schema_version = open_check(path)
        return ws

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    # -- connections -------------------------------------------------------------------------------
    def _reader(self) -> Store:
        if self._held is not None:
            return self._held.cursor()
        return Store.open(
            self.path,
            read_only=True,
            threads=self.settings.threads,
            memory_limit=self.settings.memory_limit,
        )

    @contextmanager
    def _writing(self, stage: str) -> Iterator[None]:
        """Hold the writer lock for the whole stage, naming it for anyone who waits.

        The outermost stage of this process first copies the committed database for
        readers in other processes (store/snapshot.py) and removes the copy at its end.
        """
        outermost = not _in_stage.get()
        token = _in_stage.set(True)
        try:
            with writer_lock.command(stage):
                if not self.path.is_dir():
                    yield  # nothing to protect yet: the stage's store creates the folder
                    return
                publish = outermost and not writer_lock.holds(self.path)
                writer_lock.acquire(self.path)
                try:
                    holder = writer_lock.read_lock(self.path) if publish else None
                    if holder is not None:
                        snapshot.publish(workspace_db_path(self.path), holder)
                    yield
                finally:
                    if publish:
                        snapshot.discard(self.path)
                    writer_lock.release(self.path)
        finally:
            _in_stage.reset(token)

    @contextmanager
    def _writer(self, stage: str, *, create: bool = False) -> Iterator[Store]:
        """The writer on the workspace's database; `create` makes a missing one first."""
        if self._held is not None:  # the process holds the file and its lock already
            with writer_lock.command(stage), self._held.cursor() as cursor:
                yield cursor
            return
        if create:
            self.path.mkdir(parents=True, exist_ok=True)  # so the lock guards the creation
        with (
            self._writing(stage),
            Store.open(
                self.path,
                create=create,
                threads=self.settings.threads,
                memory_limit=self.settings.memory_limit,
            ) as store,
        ):
            yield store

    # -- ingest ------------------------------------------------------------------------------------
    def ingest(
        self,
        request: IngestRequest,
        *,
        progress: IngestProgress | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> IngestSummary:
        """Read a delivery through the source mappings (one transaction; idempotent re-import)."""
        from borderlink.ingest import ingest_export

        with self._writing("ingest"):
            summary = ingest_export(
                request.export_dir,
                self.path,
                sources=request.sources,
                mapping=request.mapping,
                dry_run=request.dry_run,
                allow_shrink=request.allow_shrink,
                progress=progress,
                notice=notice,
            )
            if not request.dry_run:
                with self._writer("ingest") as store:
                    stamp(store)  # a new workspace holds the current declared tables
        return summary

    def imports(self) -> StatusReport:
        """Import runs, rows per source and file, quarantine per reason, absent columns."""
        from borderlink.ingest import workspace_status

        return workspace_status(self.path)

    def status(self) -> WorkspaceStatus:
        """Per stage: has it run, and is it out of date after a newer import or decision."""
        from borderlink.views import stage_states

        # imports() opens its own reader: while this one is open it shares its DuckDB
        # instance instead of starting a second one (~25 ms on a small workspace)
        with self._reader() as store:
            stages = stage_states(store)
            imports = self.imports()
        return WorkspaceStatus(schema_version=self.schema_version, stages=stages, imports=imports)

    def quarantine(self, request: QuarantineRequest) -> QuarantineRows:
        from borderlink.ingest import quarantined_rows

        rows = quarantined_rows(self.path, issues=request.issues, limit=request.limit)
        return QuarantineRows(issues=request.issues, rows=rows)

    # -- resolve and review ------------------------------------------------------------------------
    def resolve(
        self, request: ResolveRequest | None = None, *, progress: Progress | None = None
    ) -> ResolveSummary:
        """Resolve person records into entities; retrains only on new data or on request."""
        from borderlink.resolve import resolve_workspace
        from borderlink.resolve.recluster import recluster_workspace, reusable_model

        request = request or ResolveRequest()
        with self._writing("resolve"):
            if not request.retrain and request.engine in (None, "duckdb"):
                with self._reader() as store:
                    reuse = reusable_model(store)
                if reuse:
                    return recluster_workspace(self.path, progress=progress)
            return resolve_workspace(
                self.path,
                progress=progress,
                engine=request.engine,
                spark_master=request.spark_master,
                settings=self.settings,
            )

    def review(self, request: ReviewRequest | None = None) -> ReviewPage:
        """The undecided pairs in the review band, biggest effect on the clustering first."""
        from borderlink.resolve.review import uncertain_pairs

        request = request or ReviewRequest()
        pairs, total = uncertain_pairs(self.path, limit=request.limit)
        return ReviewPage(pairs=pairs, total=total)

    def decide(self, request: DecideRequest, *, progress: Progress | None = None) -> DecideResult:
        """Record a decision on a pair and (by default) re-cluster at once with the stored model."""
        from borderlink.resolve.recluster import entity_of, recluster_workspace
        from borderlink.resolve.review import decide

        with self._writing("decide"):
            record = decide(
                self.path,
                request.record_a,
                request.record_b,
                same=request.decision == "same",
                reason=request.reason,
                by=request.decided_by,
            )
            if not request.apply:
                return DecideResult(decision=record, applied=None, entity_a=None, entity_b=None)
            applied = recluster_workspace(self.path, progress=progress)
        with self._reader() as store:
            entities = entity_of(store, [request.record_a, request.record_b])
        return DecideResult(
            decision=record,
            applied=applied,
            entity_a=entities.get(request.record_a),
            entity_b=entities.get(request.record_b),
        )

    def export_decisions(self, request: DecisionsExportRequest) -> ExportResult:
        from borderlink.resolve.review import export_decisions

        n = export_decisions(self.path, request.out)
        return ExportResult(out=str(request.out), items=n)

    def import_decisions(self, request: DecisionsImportRequest) -> DecisionsImported:
        from borderlink.resolve.review import import_decisions

        with self._writing("review import"):
            added, held = import_decisions(self.path, request.file)
        return DecisionsImported(added=added, already_held=held)

    def explain(self, request: ExplainRequest) -> Explanation:
        """Each comparison's level and weight for one pair, under the latest run's model."""
        from borderlink.resolve.explain import explain_pair

        return explain_pair(
            self.path, request.record_a, request.record_b, waterfall=request.waterfall
        )

    def evaluate(self, request: EvaluateRequest) -> EvaluationResult:
        """Scores against a generated world's truth: pairs, then the graph when analysed."""
        from borderlink.graph.evaluate import evaluate_workspace_graph
        from borderlink.resolve.evaluate import evaluate_workspace

        with self._writing("evaluate"):
            resolved = evaluate_workspace(
                self.path, request.truth, baseline=request.baseline, settings=self.settings
            )
        graph = evaluate_workspace_graph(self.path, request.truth)
        return EvaluationResult(resolve=resolved, graph=graph)

    # -- graph -------------------------------------------------------------------------------------
    def analyse(
        self, request: AnalyseRequest | None = None, *, progress: Progress | None = None
    ) -> AnalysisSummary:
        """Build the link graph, infer roles, find syndicates and their key players.

        Refused before any resolve: every record would stand for a person of its own and
        the syndicates, roles and figures would be wrong without saying so.
        """
        from borderlink.graph.analysis import analyse_workspace
        from borderlink.views import has_clusters

        request = request or AnalyseRequest()
        with self._writer("analyse") as store:
            if not has_clusters(store):
                raise WorkspaceError(
                    "the workspace has not been resolved yet; run 'borderlink resolve' "
                    "before 'borderlink analyse'"
                )
            return analyse_workspace(
                store,
                progress,
                engine=request.engine,
                spark_master=request.spark_master,
                settings=self.settings,
            )

    def disrupt(self, request: DisruptRequest) -> DisruptionResult:
        """What is left of a syndicate after removing members (named, or its top K)."""
        from borderlink.graph.disrupt import disrupt_syndicate

        remove = [r.strip() for r in request.remove if r.strip()] if request.remove else None
        with self._reader() as store:
            return disrupt_syndicate(store, request.syndicate_id, remove=remove, top=request.top)

    def override_role(self, request: RoleOverrideRequest) -> RoleOverride:
        """Fix an entity's role; every later analyse honours the latest override."""
        from borderlink.graph.overrides import override_role

        with self._writer("roles override") as store:
            return override_role(
                store, request.entity_id, request.role, request.reason, request.decided_by
            )

    # -- extract, stats, report --------------------------------------------------------------------
    def extract(
        self,
        request: ExtractRequest | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> ExtractSummary:
        """Facts from every report in the workspace, stored with their provenance."""
        from borderlink.extract import extract_workspace

        with self._writer("extract") as store:
            return extract_workspace(store, progress)

    def evaluate_extraction(self, request: ExtractEvaluateRequest) -> ExtractEvaluation:
        """The stored facts scored against gold facts, over the reports that were read."""
        from borderlink.extract import evaluate, load_gold, stored_facts

        with self._reader() as store:
            facts = stored_facts(store)
            files = {r[0] for r in store.query("SELECT file FROM report_extractions")}
        return evaluate(facts, load_gold(request.gold), files=files)

    def stats(self, request: StatsRequest | None = None) -> OperationFigures:
        """Cases cracked, arrests and people by kind, groups broken up, year on year."""
        from borderlink.stats import operation_figures

        request = request or StatsRequest()
        with self._reader() as store:
            return operation_figures(store, (request.start, request.end), request.by)

    def compare_reports(self) -> list[Comparison]:
        """Each figure a report states beside the same figure computed from the records."""
        from borderlink.errors import WorkspaceError
        from borderlink.stats import compare_reports

        with self._reader() as store:
            rows = compare_reports(store)
        if not rows:
            raise WorkspaceError(
                "no figures from reports in the workspace: run 'borderlink extract' first"
            )
        return rows

    def report(self, request: ReportRequest) -> ReportSummary:
        """Write the operation report (HTML, PDF, CSV, JSON) into the request's folder."""
        from borderlink.reports import build_report

        with self._reader() as store:
            return build_report(
                store,
                request.out,
                lang=request.lang,
                window=(request.start, request.end),
                pdf=request.pdf,
                chromium=request.chromium,
                marking=request.marking,
            )

    # -- exports -----------------------------------------------------------------------------------
    def export_records(self, request: ExportRequest) -> ExportResult:
        """One CSV row per person record: source, file, record_key, entity_id."""
        from borderlink.resolve.export import export_records

        return ExportResult(
            out=str(request.out), items=export_records(self.path, request.out, excel=request.excel)
        )

    def export_people(self, request: ExportRequest) -> ExportResult:
        """One CSV row per entity: syndicate, role, names, nationality, key-player score."""
        from borderlink.graph.export_graph import export_people

        with self._reader() as store:
            return ExportResult(
                out=str(request.out),
                items=export_people(store, request.out, excel=request.excel),
            )

    def export_graph(self, request: GraphExportRequest) -> ExportResult:
        """The link graph as GraphML, GEXF (Gephi) or FollowTheMoney entities (Aleph)."""
        from borderlink.graph.export_graph import export_graph

        with self._reader() as store:
            n = export_graph(store, request.format, request.out)
        return ExportResult(out=str(request.out), items=n)
