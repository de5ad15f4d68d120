"""The requests every Workspace method takes and the results it returns, in one place.

Requests are frozen pydantic models: a front end (CLI, REST API, notebook) builds one
from its own input, and a value that does not fit raises InvalidRequest naming the
request field, which the front end maps back to its own spelling (the CLI to a flag).
Results are the stages' own pydantic summaries, re-exported here so a caller imports
every type of the public surface from one module.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from borderlink.errors import InvalidRequest
from borderlink.extract.evaluate import Evaluation as ExtractEvaluation
from borderlink.extract.facts import ExtractSummary, Fact
from borderlink.graph.analysis import AnalysisSummary, SyndicateSummary
from borderlink.graph.disrupt import DisruptionResult, NetworkState
from borderlink.graph.evaluate import GraphEvaluation
from borderlink.graph.overrides import RoleOverride
from borderlink.ingest.status import StatusReport
from borderlink.ingest.summary import FileSummary, IngestSummary
from borderlink.outputs import check_folder
from borderlink.reports import ReportSummary
from borderlink.resolve.evaluate import Evaluation as ResolveEvaluation
from borderlink.resolve.explain import Explanation
from borderlink.resolve.review import DecisionRecord, UncertainPair
from borderlink.resolve.run import ResolveSummary
from borderlink.stats.compare import Comparison
from borderlink.stats.models import OperationFigures
from borderlink.stats.windows import parse_day
from borderlink.views import StageState

GRAPH_FORMATS = ("graphml", "gexf", "ftm")


def invalid(exc: ValidationError) -> InvalidRequest:
    """The first problem of a failed validation, named by its top-level field."""
    first = exc.errors()[0]
    loc = [str(p) for p in first["loc"]]
    field = loc[0] if loc else ""
    message = str(first["msg"]).removeprefix("Value error, ")
    return InvalidRequest(field, message)


def _day(value: Any, info: ValidationInfo) -> Any:
    """A date given as text must be ISO (2016-02-01): nothing else is guessed."""
    if isinstance(value, str):
        return parse_day(value, str(info.field_name))
    return value


class Request(BaseModel):
    """Base of every request: unknown fields refused, frozen, InvalidRequest on bad values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise invalid(exc) from None

    @classmethod
    def parse(cls, **data: Any) -> Self:
        """Build from loosely typed input (text from a command line or a form), validated."""
        return cls(**data)


# -- ingest ---------------------------------------------------------------------------------
class IngestRequest(Request):
    export_dir: Path = Field(description="One source folder, or a folder of them.")
    sources: list[str] | None = Field(default=None, description="Only these sources.")
    mapping: Path | None = Field(
        default=None, description="A mapping YAML for a new or changed source."
    )
    dry_run: bool = Field(default=False, description="Read and check; write nothing.")
    allow_shrink: bool = Field(
        default=False, description="Let a file with far fewer rows replace its last import."
    )


class WorkspaceStatus(BaseModel):
    """Per stage: has it run, and is it out of date; then the import history."""

    schema_version: int
    stages: list[StageState]
    imports: StatusReport


class QuarantineRequest(Request):
    issues: bool = Field(
        default=False, description="List value issues instead of quarantined rows."
    )
    limit: int = Field(default=100, ge=1, description="At most this many rows.")


class QuarantineRows(BaseModel):
    issues: bool
    rows: list[dict[str, Any]]


# -- resolve and review -------------------------------------------------------------------------
class EngineChoice(Request):
    engine: Literal["duckdb", "spark"] | None = Field(
        default=None, description="Where to run: duckdb or spark (default: the engine setting)."
    )
    spark_master: str | None = Field(
        default=None, description="Spark master URL (default: the spark_master setting)."
    )


class ResolveRequest(EngineChoice):
    retrain: bool = Field(
        default=False,
        description="Train the model again even when the data has not changed since the "
        "last run (otherwise an unchanged workspace is only re-clustered with its model).",
    )


class ReviewRequest(Request):
    limit: int = Field(default=30, ge=1, description="At most this many pairs.")


class ReviewPage(BaseModel):
    pairs: list[UncertainPair]
    total: int  # undecided pairs in the review band, of which `pairs` are the first


class DecideRequest(Request):
    record_a: str
    record_b: str
    decision: Literal["same", "different"]
    reason: str = Field(description="Why (kept with the decision).")
    decided_by: str | None = Field(
        default=None, description="Who decides (default: the login name)."
    )
    apply: bool = Field(
        default=True, description="Re-cluster at once with the stored model (no retraining)."
    )

    @model_validator(mode="after")
    def _check(self) -> DecideRequest:
        if self.record_a == self.record_b:
            raise InvalidRequest("record_b", "a decision needs two different records")
        if not self.reason.strip():
            raise InvalidRequest("reason", "a decision needs a reason")
        return self


class DecideResult(BaseModel):
    decision: DecisionRecord
    applied: ResolveSummary | None  # the re-clustering, when the decision was applied
    entity_a: str | None  # each record's entity after it (None when not applied)
    entity_b: str | None


class ExplainRequest(Request):
    record_a: str
    record_b: str
    waterfall: Path | None = Field(
        default=None, description="Also write Splink's waterfall chart to this HTML file."
    )


class DashboardsRequest(Request):
    out: Path = Field(description="Folder for Splink's comparison viewer and cluster studio.")
    clusters: int = Field(default=20, ge=1, description="Entities shown in cluster studio.")

    @model_validator(mode="after")
    def _folder(self) -> DashboardsRequest:
        # checked when asked, so `resolve --dashboards FILE` fails before resolving
        check_folder(self.out)
        return self


class DashboardsWritten(BaseModel):
    files: list[str]


class DecisionsExportRequest(Request):
    out: Path = Field(description="JSON Lines file to write.")


class DecisionsImportRequest(Request):
    file: Path = Field(description="JSON Lines file of decisions.")


class DecisionsImported(BaseModel):
    added: int
    already_held: int


class EvaluateRequest(Request):
    truth: Path = Field(description="The generator's truth/ folder.")
    baseline: bool = Field(default=True, description="Also train and score plain Splink.")


class EvaluationResult(BaseModel):
    resolve: ResolveEvaluation
    graph: GraphEvaluation | None  # None when the workspace was never analysed


# -- graph ---------------------------------------------------------------------------------------
class AnalyseRequest(EngineChoice):
    """Build the link graph and find syndicates, on the chosen engine."""


class DisruptRequest(Request):
    syndicate_id: str
    remove: list[str] | None = Field(default=None, description="Entity ids to remove.")
    top: int | None = Field(
        default=None, ge=1, description="Remove the top K key players (KPP-Neg)."
    )

    @model_validator(mode="after")
    def _check(self) -> DisruptRequest:
        if self.remove is not None and not [r for r in self.remove if r.strip()]:
            raise InvalidRequest("remove", "needs at least one entity id")
        if (self.remove is None) == (self.top is None):
            raise InvalidRequest(
                "remove", "give exactly one of remove (entity ids) or top (a number)"
            )
        return self


class RoleOverrideRequest(Request):
    entity_id: str
    role: str = Field(description="One of the nine roles in the chain.")
    reason: str = Field(description="Why the analyst decides so.")
    decided_by: str = Field(default="analyst", description="Analyst name.")


class RoleClearRequest(Request):
    entity_id: str
    reason: str = Field(description="Why the override is taken back.")
    decided_by: str = Field(default="analyst", description="Analyst name.")


class RolesRequest(Request):
    syndicate_id: str | None = Field(default=None, description="Only this syndicate's members.")
    role: str | None = Field(default=None, description="Only entities with this role.")
    overrides_only: bool = Field(default=False, description="Only entities with an override.")


# -- extract, stats, reports ------------------------------------------------------------------
class ExtractRequest(Request):
    pass


class ExtractEvaluateRequest(Request):
    gold: Path = Field(description="Gold facts (JSON Lines).")


class StatsRequest(Request):
    start: date | None = Field(default=None, description="First day of the window.")
    end: date | None = Field(default=None, description="Last day of the window.")

    _days = field_validator("start", "end", mode="before")(_day)
    by: str | None = Field(default=None, description="region|route|origin|month|offence|agency")

    @model_validator(mode="after")
    def _check(self) -> StatsRequest:
        from borderlink.stats.breakdowns import dimension

        if self.by is not None:
            dimension(self.by)
        if self.start and self.end and self.start > self.end:
            raise InvalidRequest("window", f"start {self.start} is after end {self.end}")
        return self


class ReportRequest(Request):
    out: Path = Field(description="Folder for report.html, report.pdf, CSV and JSON.")
    lang: str = Field(default="en", description="en, zh or both.")
    start: date | None = None
    end: date | None = None

    _days = field_validator("start", "end", mode="before")(_day)

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str) -> str:
        from borderlink.reports.labels import labels_for

        labels_for(value)  # InvalidRequest naming the languages there are
        return value

    pdf: bool = Field(default=True, description="Also print report.pdf with Chromium.")
    chromium: Path | None = Field(default=None, description="Chromium executable for the PDF.")
    marking: str | None = Field(
        default=None, description="Classification printed on every page (default: restricted)."
    )


# -- exports ------------------------------------------------------------------------------------
class ExportRequest(Request):
    out: Path = Field(description="File to write.")
    excel: bool = Field(
        default=False, description="CSV: start with a UTF-8 BOM so Excel shows Chinese."
    )


class GraphExportRequest(ExportRequest):
    format: Literal["graphml", "gexf", "ftm"] = "graphml"


class ExportResult(BaseModel):
    out: str
    items: int  # rows (CSV) or nodes + edges (graphs) or entities (FtM)


__all__ = [
    "GRAPH_FORMATS",
    "AnalyseRequest",
    "AnalysisSummary",
    "Comparison",
    "DashboardsRequest",
    "DashboardsWritten",
    "DecideRequest",
    "DecideResult",
    "DecisionRecord",
    "DecisionsExportRequest",
    "DecisionsImportRequest",
    "DecisionsImported",
    "DisruptRequest",
    "DisruptionResult",
    "EvaluateRequest",
    "EvaluationResult",
    "ExplainRequest",
    "Explanation",
    "ExportRequest",
    "ExportResult",
    "ExtractEvaluateRequest",
    "ExtractEvaluation",
    "ExtractRequest",
    "ExtractSummary",
    "Fact",
    "FileSummary",
    "GraphEvaluation",
    "GraphExportRequest",
    "IngestRequest",
    "IngestSummary",
    "NetworkState",
    "OperationFigures",
    "QuarantineRequest",
    "QuarantineRows",
    "ReportRequest",
    "ReportSummary",
    "Request",
    "ResolveEvaluation",
    "ResolveRequest",
    "ResolveSummary",
    "ReviewPage",
    "ReviewRequest",
    "RoleOverride",
    "RoleOverrideRequest",
    "StageState",
    "StatsRequest",
    "StatusReport",
    "SyndicateSummary",
    "UncertainPair",
    "WorkspaceStatus",
]
