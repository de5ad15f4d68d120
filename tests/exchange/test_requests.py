"""Requests for matched records: recorded, answered by a package, fulfilled on import."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from exchange_world import RECEIVER, SENDER

from borderlink.access import add_user
from borderlink.access.viewer import Viewer
from borderlink.audit import entries
from borderlink.cli.main import main
from borderlink.errors import InvalidRequest
from borderlink.exchange.export import ExportRequest, export_package
from borderlink.exchange.importer import import_package
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.matching import EncodeRequest, encode_workspace, match_and_record
from borderlink.exchange.overview import exchange_overview
from borderlink.exchange.requests import (
    RecordsRequest,
    answer_scope,
    create_request,
    read_pairs,
)
from borderlink.store import Store
from borderlink.workspace import Workspace
from borderlink.workspace.exchange import ExchangeOverviewRequest

Keys = tuple[KeyRing, KeyRing]
Spaces = tuple[Path, Path]
ASK = RecordsRequest(
    agreement="joint-operation", requester=RECEIVER, holder=SENDER, reason="same persons"
)


def _pairs(workspaces: Spaces, keys: Keys, tmp_path: Path) -> Path:
    """hk_police matches gd_psb's encodings with its own (the real encode and match)."""
    keys[0].create_secret("joint-operation")
    keys[1].install_secret("joint-operation", keys[0].secret_path("joint-operation"))
    encs = []
    for ws, ring, agency in ((workspaces[0], keys[0], SENDER), (workspaces[1], keys[1], RECEIVER)):
        out = tmp_path / f"{agency}.enc"
        encode_workspace(
            ws, EncodeRequest(agreement="joint-operation", agency=agency), out, keyring=ring
        )
        encs.append(out)
    match_and_record(workspaces[1], encs[0], encs[1], tmp_path / "pairs.csv")
    return tmp_path / "pairs.csv"


def test_request_is_pending_until_the_answering_package_is_imported(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pairs = _pairs(workspaces, keys, tmp_path)
    theirs, ours = read_pairs(pairs, RECEIVER, SENDER)
    assert ("gd_psb", "涉案人员.csv", "GDP-01") in theirs and len(ours) >= 4
    first = create_request(workspaces[1], pairs, ASK, out=tmp_path / "request.json")
    again = create_request(workspaces[1], pairs, ASK, out=tmp_path / "request.json")
    assert first.request_id == again.request_id and first.status == "pending"
    assert first.n_records == len(theirs)
    hk = Workspace.open(workspaces[1])
    [listed] = hk.exchange_requests(RECEIVER)
    assert (listed.status, listed.n_received, listed.holder) == ("pending", 0, SENDER)
    sent = json.loads((tmp_path / "request.json").read_text(encoding="utf-8"))
    assert sent["record_keys"] == [list(k) for k in theirs]  # the holder's keys only
    assert set(sent) == {
        "request_id",
        "agreement",
        "requester",
        "holder",
        "created",
        "reason",
        "record_keys",
    }  # nothing of ours but the request itself

    # gd_psb answers with exactly the requested records.
    scope = answer_scope(tmp_path / "request.json", "joint-operation", SENDER, RECEIVER)
    request = ExportRequest(agreement="joint-operation", sender=SENDER, receiver=RECEIVER, **scope)
    out = export_package(workspaces[0], request, tmp_path / "answer.blpkg", keyring=keys[0])
    assert out.counts["person_records"] == len(theirs)
    with Store.open(workspaces[0], read_only=True) as store:
        assert json.loads(entries(store)[-1].details)["answers"] == first.request_id
    summary = import_package(
        workspaces[1], tmp_path / "answer.blpkg", keyring=keys[1], agency=RECEIVER
    )
    assert summary.requests_answered == [first.request_id]
    [done] = hk.exchange_requests()
    assert (done.status, done.n_received, done.fulfilled_by) == (
        "fulfilled",
        len(theirs),
        out.package_id,
    )
    with Store.open(workspaces[1]) as store:
        actions = [e.action for e in entries(store)]
        assert actions.count("exchange_request") == 2 and actions[-1] == "exchange_import"
        view = exchange_overview(store, Viewer("hk", RECEIVER, "analyst"))
        assert [p.package_id for p in view.received] == [out.package_id]
        assert view.requests[0].status == "fulfilled"
        assert view.items_total == sum(out.counts.values())
        assert {i.handling_code for i in view.items} == {"H1"}
        assert {i.grading for i in view.items} == {"B2"}
        other = exchange_overview(store, Viewer("immd", "hk_immd", "analyst"))
        assert other.received == [] and other.requests == [] and other.items == []
        assert entries(store)[-1].action == "read_exchange"
        add_user(store, "hk.analyst", agency=RECEIVER, role="analyst", password="a long password")
    # The same view through the library's surface, for the user named.
    lib = hk.exchange_overview(ExchangeOverviewRequest(user="hk.analyst"))
    assert [p.package_id for p in lib.received] == [out.package_id]
    assert lib.sent == [] and lib.agreements[0].id == "joint-operation"


def test_a_package_of_other_records_leaves_the_request_pending(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pairs = _pairs(workspaces, keys, tmp_path)
    rows = list(csv.reader(pairs.open(encoding="utf-8")))
    (tmp_path / "one.csv").write_text(
        "\n".join(",".join(r) for r in rows[:2]) + "\n", encoding="utf-8"
    )
    ask = create_request(workspaces[1], tmp_path / "one.csv", ASK, out=tmp_path / "r.json")
    scope = answer_scope(tmp_path / "r.json", "joint-operation", SENDER, RECEIVER)
    scope["only_records"] = [("gd_psb", "涉案人员.csv", "no-such-key")]
    request = ExportRequest(agreement="joint-operation", sender=SENDER, receiver=RECEIVER, **scope)
    export_package(workspaces[0], request, tmp_path / "p.blpkg", keyring=keys[0])
    import_package(workspaces[1], tmp_path / "p.blpkg", keyring=keys[1], agency=RECEIVER)
    [still] = Workspace.open(workspaces[1]).exchange_requests()
    assert (still.request_id, still.status, still.n_received) == (ask.request_id, "pending", 0)


def test_bad_pairs_and_misaddressed_requests_are_refused(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "source_a,file_a,record_key_a,source_b,file_b,record_key_b,score\n"
        "gd_psb,a.csv,1,hk_police,p.csv,2,0.9\n"
        "gx_psb,b.csv,3,hk_police,p.csv,4,0.9\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidRequest, match=r"bad.csv: row 3: column source_a/source_b"):
        create_request(workspaces[1], bad, ASK)
    (tmp_path / "head.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InvalidRequest, match=r"head.csv: row 1: the header must be"):
        create_request(workspaces[1], tmp_path / "head.csv", ASK)
    good = tmp_path / "good.csv"
    good.write_text(
        bad.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        + "gd_psb,a.csv,1,hk_police,p.csv,2,0.9\n",
        encoding="utf-8",
    )
    create_request(workspaces[1], good, ASK, out=tmp_path / "r.json")
    with pytest.raises(InvalidRequest, match=r"r.json: the request is for 'hk_police' here"):
        answer_scope(tmp_path / "r.json", "joint-operation", SENDER, "hk_immd")


def test_request_and_requests_on_the_command_line(
    workspaces: Spaces, keys: Keys, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = _pairs(workspaces, keys, tmp_path)
    argv = ["exchange", "request", str(pairs), "--agreement", "joint-operation"]
    argv += ["--from", RECEIVER, "--to", SENDER, "--reason", "same persons"]
    argv += ["--out", str(tmp_path / "req.json"), "-w", str(workspaces[1])]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "pending" in out and "send" in out and (tmp_path / "req.json").is_file()
    assert main(["exchange", "requests", "-w", str(workspaces[1])]) == 0
    listing = capsys.readouterr().out
    assert "pending" in listing and "1 requests, 1 open" in listing
    exp = ["exchange", "export", "--agreement", "joint-operation", "--from", SENDER, "--to"]
    exp += [RECEIVER, "--out", str(tmp_path / "a.blpkg"), "-w", str(workspaces[0])]
    exp += ["--keys-dir", str(keys[0].folder), "--request", str(tmp_path / "req.json")]
    assert main(exp) == 0
    capsys.readouterr()
    imp = ["exchange", "import", str(tmp_path / "a.blpkg"), "-w", str(workspaces[1])]
    assert main([*imp, "--keys-dir", str(keys[1].folder), "--agency", RECEIVER]) == 0
    capsys.readouterr()
    assert main(["exchange", "requests", "-w", str(workspaces[1])]) == 0
    assert "1 requests, 0 open" in capsys.readouterr().out
    wrong = [*argv[:-2], "-w", str(workspaces[1])]
    wrong[wrong.index("--to") + 1] = "nowhere"
    assert main(wrong) == 1
    assert "is not a party" in capsys.readouterr().err
