"""Reads keep working while another process writes: they see the last committed state.

A writing stage copies the committed database at its start (store/snapshot.py); a
reader in another process opens that copy, a second writer gets the one-line
"workspace busy: <command> since <time>, pid <n>", and the copy never outlives the
write it was made for.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from borderlink import Workspace
from borderlink.cli.main import main
from borderlink.store import Store
from borderlink.store.snapshot import ABOUT, COPY
from borderlink.synth import generate
from borderlink.workspace.models import IngestRequest

SRC = Path(__file__).resolve().parents[2] / "src"

# A resolve-named stage that deletes every person record (committed at once) and then
# waits: a reader that still sees the records reads the state before the write.
WRITER = """
import sys
from borderlink import Workspace
from borderlink.cli.main import main
ws = Workspace.open(sys.argv[1])
with ws._writer("resolve") as store:
    store.execute("DELETE FROM person_records")
    print("held", flush=True)
    sys.stdin.readline()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC)}


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command in this process (not the writer's): exit code, stdout, stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    root = tmp_path_factory.mktemp("reads")
    generate(root / "export", seed=5, scale=120)
    workspace = Workspace.open(root / "ws")
    summary = workspace.ingest(IngestRequest(export_dir=root / "export"))
    workspace.resolve()
    workspace.analyse()
    with Store.open(root / "ws", read_only=True) as store:
        people = store.count("person_records")
    assert people > 0 and summary.read > people
    return root / "ws", root / "export", people


@pytest.fixture
def writing(ingested: tuple[Path, Path, int], tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    ws = tmp_path / "ws"
    shutil.copytree(ingested[0], ws)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(ws)],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def test_reads_see_the_state_before_a_running_write(
    ingested: tuple[Path, Path, int],
    writing: subprocess.Popen[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ws, people = tmp_path / "ws", ingested[2]
    assert (ws / COPY).exists() and (ws / ABOUT).exists()
    with Store.open(ws, read_only=True) as store:
        assert store.count("person_records") == people  # the writer's delete is not seen
        assert store.during is not None
        assert store.during.command == "resolve" and store.during.pid == writing.pid
    code, out, err = _cli(capsys, "status", "--workspace", str(ws))
    assert code == 0, err
    assert "Import runs" in out and "RUN-" in out
    records = tmp_path / "records.csv"
    code, _, err = _cli(capsys, "export", "records", "--out", str(records), "--workspace", str(ws))
    assert code == 0, err
    with records.open(encoding="utf-8") as fh:
        assert sum(1 for _ in csv.reader(fh)) == people + 1
    for command in (["quarantine"], ["review"], ["stats"], ["export", "people", "--out"]):
        if command[-1] == "--out":
            command = [*command, str(tmp_path / "people.csv")]
        code, _, err = _cli(capsys, *command, "--workspace", str(ws))
        assert code == 0, f"{command}: {err}"


def test_a_second_writer_gets_one_line_naming_the_running_command(
    ingested: tuple[Path, Path, int],
    writing: subprocess.Popen[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _cli(capsys, "ingest", str(ingested[1]), "--workspace", str(tmp_path / "ws"))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("borderlink: error: workspace busy: resolve since ")
    assert lines[0].endswith(f", pid {writing.pid}; try again when it has finished")


def test_the_copy_goes_when_the_write_ends_and_reads_see_the_new_state(
    writing: subprocess.Popen[str], tmp_path: Path
) -> None:
    ws = tmp_path / "ws"
    assert writing.stdin is not None
    writing.stdin.write("done\n")
    writing.stdin.flush()
    assert writing.wait(timeout=60) == 0
    assert not list(ws.glob("borderlink.read.*"))
    with Store.open(ws, read_only=True) as store:
        assert store.count("person_records") == 0 and store.during is None


def test_a_killed_writer_copy_is_never_read_and_the_next_write_clears_it(
    ingested: tuple[Path, Path, int], writing: subprocess.Popen[str], tmp_path: Path
) -> None:
    ws = tmp_path / "ws"
    writing.send_signal(signal.SIGKILL)
    writing.wait()
    assert (ws / COPY).exists()  # left behind by the kill
    with Store.open(ws, read_only=True) as store:
        assert store.during is None  # the lock is stale: the database itself is read
        assert store.count("person_records") == 0  # the delete was committed
    Workspace.open(ws).ingest(IngestRequest(export_dir=ingested[1], dry_run=True))
    assert not list(ws.glob("borderlink.read.*"))
