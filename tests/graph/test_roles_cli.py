"""roles list / override / --clear, and the listing formats of analyse and disrupt, on the
hand-built world, through the CLI as an analyst types them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.store import Store


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _roles(capsys: pytest.CaptureFixture[str], ws: str, *extra: str) -> list[dict[str, object]]:
    code, out, _ = _run(capsys, "roles", "list", "-w", ws, "--format", "json", *extra)
    assert code == 0
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_override_list_and_clear_round_trip(
    world: Callable[[], Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world().close()
    ws = str(tmp_path / "ws")
    assert _run(capsys, "analyse", "-w", ws)[0] == 0
    inferred = {r["entity_id"]: r["role"] for r in _roles(capsys, ws)}
    assert inferred["T1"] != "financier"

    code, _, err = _run(capsys, "roles", "override", "NOPE", "financier", "--reason", "x", "-w", ws)
    assert code == 1 and err.count("\n") == 1 and "no entity NOPE" in err

    assert (
        _run(capsys, "roles", "override", "T1", "financier", "--reason", "ledger", "-w", ws)[0] == 0
    )
    (row,) = _roles(capsys, ws, "--overrides")
    assert (row["entity_id"], row["override_role"], row["pending"]) == ("T1", "financier", True)
    assert _run(capsys, "analyse", "-w", ws)[0] == 0
    (row,) = _roles(capsys, ws, "--overrides")
    assert (row["role"], row["decided_by"], row["pending"]) == ("financier", "override", False)
    assert row["override_reason"] == "ledger"

    # take it back: inference decides again at the next analyse
    code, _, err = _run(capsys, "roles", "override", "T1", "--clear", "-w", ws)
    assert code == 2 and "--reason: must not be empty" in err
    assert _run(capsys, "roles", "override", "T1", "--clear", "--reason", "wrong", "-w", ws)[0] == 0
    (row,) = _roles(capsys, ws, "--overrides")
    assert row["override_role"] is None and row["pending"] is True
    assert _run(capsys, "analyse", "-w", ws)[0] == 0
    assert _roles(capsys, ws, "--overrides") == []
    again = {r["entity_id"]: r["role"] for r in _roles(capsys, ws)}
    assert again["T1"] == inferred["T1"]
    code, _, err = _run(capsys, "roles", "override", "T1", "--clear", "--reason", "x", "-w", ws)
    assert code == 1 and "no role override to clear" in err
    # the history keeps both rows: who put it, who took it back
    with Store.open(tmp_path / "ws", read_only=True) as store:
        assert store.query("SELECT role FROM role_overrides ORDER BY decided_at") == [
            ("financier",),
            (None,),
        ]


def test_roles_override_needs_a_role_or_clear(
    world: Callable[[], Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world().close()
    ws = str(tmp_path / "ws")
    code, _, err = _run(capsys, "roles", "override", "T1", "-w", ws)
    assert code == 2 and "give a ROLE, or --clear" in err
    code, _, err = _run(capsys, "roles", "override", "T1", "financier", "--clear", "-w", ws)
    assert code == 2


def test_listing_formats_of_analyse_disrupt_and_roles(
    world: Callable[[], Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world().close()
    ws = str(tmp_path / "ws")
    code, out, err = _run(capsys, "analyse", "-w", ws, "--format", "json")
    assert code == 0
    summary = json.loads(out)  # progress went to stderr, stdout is the document
    assert summary["syndicates"] and "analyse:" in err
    sid = summary["syndicates"][0]["syndicate_id"]
    code, out, _ = _run(capsys, "analyse", "-w", ws, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["syndicate_id"] for r in rows] == [s["syndicate_id"] for s in summary["syndicates"]]

    code, out, _ = _run(
        capsys, "disrupt", "--syndicate", sid.lower(), "--top", "1", "-w", ws, "--format", "jsonl"
    )
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [r["state"] for r in lines] == ["before", "after"]
    assert lines[0]["members"] > lines[1]["members"]

    code, out, _ = _run(capsys, "roles", "list", "-w", ws, "--syndicate", sid, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and {r["syndicate_id"] for r in rows} == {sid}
    code, out, _ = _run(capsys, "roles", "list", "-w", ws, "--role", "migrant", "--format", "jsonl")
    assert code == 0 and {json.loads(x)["role"] for x in out.splitlines()} == {"migrant"}
