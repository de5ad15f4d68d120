"""The main job end to end on the embedded default: what `borderlink demo` runs.

generate -> ingest -> resolve -> analyse -> extract -> report, each stage through its
own library function, then the same world's truth scores what came out. It lives in
the library rather than the CLI so that a notebook or a test can run the whole
chain and read every stage's summary.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from borderlink.errors import ConfigError, InvalidRequest
from borderlink.store import Store

if TYPE_CHECKING:
    from borderlink.extract import ExtractSummary
    from borderlink.graph.analysis import AnalysisSummary
    from borderlink.graph.evaluate import GraphEvaluation
    from borderlink.ingest import IngestSummary
    from borderlink.reports import ReportSummary
    from borderlink.resolve import ResolveSummary
    from borderlink.resolve.evaluate import PairMetrics
    from borderlink.synth import GenerateSummary

# A folder the demo made carries this file; only such a folder is ever cleared.
MARKER = ".borderlink-demo"
STAGES = ("generate", "ingest", "resolve", "analyse", "extract", "report", "evaluate")


@dataclass
class DemoPaths:
    out: Path

    @property
    def export(self) -> Path:
        return self.out / "export"

    @property
    def workspace(self) -> Path:
        return self.out / "workspace"

    @property
    def report(self) -> Path:
        return self.out / "report"

    @property
    def truth(self) -> Path:
        return self.export / "truth"


@dataclass
class DemoSummary:
    paths: DemoPaths
    generate: GenerateSummary
    ingest: IngestSummary
    resolve: ResolveSummary
    analysis: AnalysisSummary
    extract: ExtractSummary
    report: ReportSummary
    resolution_accuracy: PairMetrics
    graph_accuracy: GraphEvaluation | None
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # (user, agency, role, password) of the web app's demo users; passwords shown once.
    users: list[tuple[str, str, str, str]] = field(default_factory=list)


def prepare_out(out: Path) -> DemoPaths:
    """Claim OUT for the demo: new or empty, or a previous demo's folder (then cleared)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InvalidRequest("out", f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise InvalidRequest(
                "out",
                f"{out} is not empty and was not made by 'borderlink demo'; choose a new folder",
            )
        for child in out.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / MARKER).write_text("made by borderlink demo; cleared by the next demo run\n")
    except OSError as exc:
        raise InvalidRequest("out", f"cannot write to {out}: {exc.strerror or exc}") from exc
    return DemoPaths(out)


def _pdf_browser(notes: list[str]) -> bool:
    from borderlink.reports.pdf import find_chromium

    try:
        find_chromium()
    except ConfigError as exc:
        notes.append(f"report written without its PDF: {exc}")
        return False
    return True


def run_demo(
    out: Path,
    *,
    seed: int = 7,
    scale: int = 3000,
    scenario: str = "joint-operation-2016",
    pdf: bool = True,
    progress: Callable[[str, str], None] | None = None,
) -> DemoSummary:
    """Run every stage on a generated world in OUT and score the result against its truth.

    `progress(stage, message)` hears each stage start and its own progress messages.
    """
    from borderlink.graph.evaluate import evaluate_graph
    from borderlink.resolve.evaluate import evaluate_workspace
    from borderlink.synth import generate
    from borderlink.workspace import Workspace
    from borderlink.workspace.models import IngestRequest, ReportRequest

    if isinstance(scale, bool) or scale < 1:
        raise InvalidRequest("scale", f"must be at least 1 (got {scale})")
    say = progress or (lambda _stage, _msg: None)
    paths = prepare_out(out)
    notes: list[str] = []
    timings: dict[str, float] = {}

    def timed(stage: str) -> Callable[[], None]:
        say(stage, stage)
        start = time.perf_counter()

        def stop() -> None:
            timings[stage] = time.perf_counter() - start

        return stop

    stop = timed("generate")
    generated = generate(
        paths.export,
        seed=seed,
        scale=scale,
        scenario=scenario,
        progress=lambda m: say("generate", m),
    )
    stop()

    ws = Workspace.open(paths.workspace)
    stop = timed("ingest")
    ingested = ws.ingest(
        IngestRequest(export_dir=paths.export),
        progress=lambda src, file, rows: say("ingest", f"{src}/{file}: {rows:,} rows"),
        notice=notes.append,
    )
    stop()

    stop = timed("resolve")
    resolved = ws.resolve(progress=lambda m: say("resolve", m))
    stop()

    stop = timed("analyse")
    analysis = ws.analyse(progress=lambda m: say("analyse", m))
    stop()
    stop = timed("extract")
    extracted = ws.extract()
    stop()
    stop = timed("report")
    report = ws.report(
        ReportRequest(out=paths.report, lang="both", pdf=pdf and _pdf_browser(notes))
    )
    stop()
    stop = timed("evaluate")
    with Store.open(paths.workspace, read_only=True) as store:
        graph_accuracy = evaluate_graph(store, paths.truth)

    evaluation = evaluate_workspace(paths.workspace, paths.truth, baseline=False, notes=notes)
    stop()
    users = _demo_users(paths.workspace, notes)
    return DemoSummary(
        paths=paths,
        generate=generated,
        ingest=ingested,
        resolve=resolved,
        analysis=analysis,
        extract=extracted,
        report=report,
        resolution_accuracy=evaluation.resolve,
        graph_accuracy=graph_accuracy,
        timings=timings,
        notes=notes + list(resolved.notes),
        users=users,
    )


def _demo_users(workspace: Path, notes: list[str]) -> list[tuple[str, str, str, str]]:
    """Users for `borderlink serve` on the demo workspace (needs the web extra)."""
    try:
        import argon2  # noqa: F401
    except ImportError:
        notes.append("no demo users: the web app needs pip install 'borderlink[web]'")
        return []
    from borderlink.access.users import create_demo_users

    with Store.open(workspace) as store:
        return create_demo_users(store)
