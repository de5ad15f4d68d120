"""Issue 6's targets on a generated world at the default scale.

generate -> ingest -> resolve -> analyse -> evaluate_graph, once per module:
syndicate ARI >= 0.90, migrants placed in a syndicate <= 2%, role macro-F1 >= 0.85.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.evaluate import GraphEvaluation, evaluate_workspace_graph
from borderlink.ingest import ingest_export
from borderlink.resolve import resolve_workspace
from borderlink.store import Store
from borderlink.synth import generate


@dataclass
class GeneratedWorld:
    workspace: Path
    truth: Path
    before_analyse: GraphEvaluation | None
    before_analyse_output: str
    evaluation: GraphEvaluation


def _evaluate_command(export: Path, workspace: Path) -> tuple[int, str]:
    """`borderlink evaluate` (no baseline) with its printed output."""
    out = io.StringIO()
    argv = ["evaluate", "--truth", str(export / "truth"), "-w", str(workspace), "--no-baseline"]
    with redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GeneratedWorld:
    root = tmp_path_factory.mktemp("graph_targets")
    export, workspace = root / "export", root / "ws"
    generate(export)  # the generator's defaults: seed 7, 3,000 person records
    ingest_export(export, workspace)
    resolve_workspace(workspace)
    before = evaluate_workspace_graph(workspace, export / "truth")
    code, before_output = _evaluate_command(export, workspace)
    assert code == 0, before_output
    with Store.open(workspace) as store:
        analyse_workspace(store)
    evaluation = evaluate_workspace_graph(workspace, export / "truth")
    assert evaluation is not None
    return GeneratedWorld(workspace, export / "truth", before, before_output, evaluation)


def test_syndicates_match_truth_with_ari_at_least_090(generated: GeneratedWorld) -> None:
    ev = generated.evaluation
    assert ev.people_unmatched == 0
    assert ev.syndicate_members_scored > 300
    assert ev.syndicate_ari >= 0.90, ev


def test_at_most_two_percent_of_migrants_are_placed_in_a_syndicate(
    generated: GeneratedWorld,
) -> None:
    ev = generated.evaluation
    assert ev.migrants_scored > 1000
    assert ev.migrants_in_syndicates <= 0.02, ev


def test_role_macro_f1_over_the_nine_roles_at_least_085(generated: GeneratedWorld) -> None:
    ev = generated.evaluation
    assert set(ev.role_f1) == {
        "organiser",
        "recruiter",
        "transporter",
        "receiver",
        "harbourer",
        "document_vendor",
        "financier",
        "migrant",
        "employer",
    }
    assert ev.role_macro_f1 >= 0.85, ev
    assert min(ev.role_f1.values()) >= 0.7, ev.role_f1


def test_graph_evaluation_is_none_before_analyse(generated: GeneratedWorld) -> None:
    assert generated.before_analyse is None
    assert "graph not analysed; run 'borderlink analyse'" in generated.before_analyse_output


def test_evaluate_command_reports_the_graph_figures(generated: GeneratedWorld) -> None:
    code, output = _evaluate_command(generated.truth.parent, generated.workspace)
    assert code == 0, output
    assert "syndicate ARI" in output and "role macro-F1" in output
    assert f"{generated.evaluation.syndicate_ari:.4f}" in output
    assert "document_vendor" in output
    assert "graph not analysed" not in output
