"""`borderlink demo` runs every stage on a generated world and says where to look."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.errors import InvalidRequest
from borderlink.pipeline import MARKER, prepare_out, run_demo
from borderlink.store import Store


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = main(["demo", "--out", str(out), "--scale", "600", "--seed", "3", "--no-pdf"])
    assert code == 0
    return out, buffer.getvalue()


def test_demo_fills_every_stage_table_in_one_workspace(demo_run: tuple[Path, str]) -> None:
    out, _ = demo_run
    with Store.open(out / "workspace", read_only=True) as store:
        assert store.count("person_records") == 600
        assert 0 < store.scalar("SELECT count(DISTINCT entity_id) FROM clusters") < 600
        assert store.count("syndicate_members") > 0
        assert store.count("report_facts") > 0
        # migrants are customers, never members
        overlap = store.scalar(
            "SELECT count(*) FROM syndicate_members m JOIN syndicate_customers c "
            "ON m.entity_id = c.entity_id"
        )
        assert overlap == 0
    assert (out / "report" / "report.html").stat().st_size > 10_000
    assert not (out / "report" / "report.pdf").exists()


def test_demo_prints_counts_syndicates_figures_accuracy_and_next_steps(
    demo_run: tuple[Path, str],
) -> None:
    _, text = demo_run
    for heading in ("Ingest", "Resolve", "Syndicates", "Operation figures", "truth"):
        assert heading in text
    assert "600" in text and "uncertain pairs to review" in text
    assert "Cases cracked" in text and "Groups broken up" in text
    assert "pair F1" in text and "syndicate adjusted Rand index" in text
    assert "borderlink review --workspace" in text


def test_demo_scores_its_world_against_truth(tmp_path: Path) -> None:
    summary = run_demo(tmp_path / "d", seed=5, scale=400, pdf=False)
    assert summary.ingest.quarantined + summary.ingest.imported == summary.ingest.read
    assert summary.resolution_accuracy.f1 > 0.9
    assert summary.graph_accuracy is not None
    assert summary.graph_accuracy.migrants_in_syndicates <= 0.02
    assert set(summary.timings) >= {"generate", "ingest", "resolve", "analyse", "report"}
    biggest = summary.analysis.syndicates[0]
    assert len(biggest.key_player_labels) == len(biggest.key_players) > 0
    facilitator_roles = {
        "organiser",
        "recruiter",
        "transporter",
        "receiver",
        "harbourer",
        "document_vendor",
        "financier",
    }
    for label in biggest.key_player_labels:
        name, _, role = label.rpartition(" (")
        assert name and name not in biggest.key_players  # a name, not an entity id
        assert role.rstrip(")") in facilitator_roles


def test_demo_reruns_into_its_own_folder_but_refuses_a_foreign_one(tmp_path: Path) -> None:
    own = tmp_path / "own"
    prepare_out(own)
    (own / "stale.txt").write_text("x")
    prepare_out(own)
    assert not (own / "stale.txt").exists() and (own / MARKER).is_file()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(InvalidRequest, match="not made by 'borderlink demo'"):
        prepare_out(foreign)
    assert (foreign / "notes.txt").read_text() == "mine"


def test_demo_bad_scale_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--out", str(tmp_path / "x"), "--scale", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--scale" in err


def test_demo_ends_with_the_web_app_and_demo_users(demo_run: tuple[Path, str]) -> None:
    out, text = demo_run
    tail = text[text.index("The web app") :]
    assert f"borderlink serve --workspace {out / 'workspace'}" in tail
    assert "http://127.0.0.1:8000/" in tail
    shown = {
        line.split()[0]: line.split()[-1]
        for line in tail.splitlines()
        if line.startswith("  ") and len(line.split()) == 4
    }
    assert set(shown) == {"gd_analyst", "hk_analyst", "tf_supervisor"}
    from borderlink.access import authenticate

    with Store.open(out / "workspace") as store:
        viewer = authenticate(store, "hk_analyst", shown["hk_analyst"])
        hashes = [str(h) for (h,) in store.query("SELECT password_hash FROM users")]
    assert viewer.agency == "hk_police"
    assert not any(p in h for p in shown.values() for h in hashes)
