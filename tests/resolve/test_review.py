"""Review decisions: stored with who/when/why, obeyed by every resolve, also after re-import."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from person_world import PEOPLE

from borderlink.errors import InvalidRequest, NotFound, SourceError
from borderlink.ingest import ingest_export
from borderlink.resolve import resolve_workspace
from borderlink.resolve.review import (
    decide,
    export_decisions,
    import_decisions,
    uncertain_pairs,
)
from borderlink.store import Store

REC = {r.key: r.record_id for r in PEOPLE}


def _entity(ws: Path, record_id: str) -> str:
    with Store.open(ws, read_only=True) as store:
        return str(store.scalar("SELECT entity_id FROM clusters WHERE record_id = ?", [record_id]))


def test_decide_different_splits_a_linked_pair_on_the_next_resolve(resolved: Path) -> None:
    a, b = REC["GDP-04"], REC["HKP-04"]
    assert _entity(resolved, a) == _entity(resolved, b)
    d = decide(resolved, a, b, same=False, reason="different fathers' names", by="analyst7")
    assert (d.decision, d.decided_by, d.reason) == (
        "different",
        "analyst7",
        "different fathers' names",
    )
    summary = resolve_workspace(resolved)
    assert _entity(resolved, a) != _entity(resolved, b)
    assert summary.decisions_applied == 1


def test_decide_same_joins_records_the_model_keeps_apart(resolved: Path) -> None:
    a, b = REC["GDP-11"], REC["GDP-12"]
    decide(resolved, a, b, same=True, reason="same person, ID re-issued")
    resolve_workspace(resolved)
    assert _entity(resolved, a) == _entity(resolved, b)


def test_decide_records_user_from_environment(
    resolved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "officer_lee")
    d = decide(resolved, REC["GDP-01"], REC["HKP-01"], same=True, reason="photo match")
    assert d.decided_by == "officer_lee"


def test_decide_unknown_record_raises_not_found(resolved: Path) -> None:
    with pytest.raises(NotFound, match="unknown record id ffffffffffffffff"):
        decide(resolved, REC["GDP-01"], "ffffffffffffffff", same=True, reason="x")


def test_decide_without_reason_raises_option_error(resolved: Path) -> None:
    with pytest.raises(InvalidRequest, match="reason"):
        decide(resolved, REC["GDP-01"], REC["HKP-01"], same=True, reason="  ")


def test_review_export_import_round_trip_skips_held_decisions(
    resolved: Path, tmp_path: Path
) -> None:
    decide(resolved, REC["GDP-04"], REC["HKP-04"], same=False, reason="checked", by="a")
    out = tmp_path / "decisions.jsonl"
    assert export_decisions(resolved, out) == 1
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["decision"] == "different" and line["source_a"] in {"gd_psb", "hk_police"}
    assert import_decisions(resolved, out) == (0, 1)
    with Store.open(resolved) as store:
        store.execute("DELETE FROM review_decisions")
    assert import_decisions(resolved, out) == (1, 0)


def test_review_import_bad_line_names_file_and_line(resolved: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"record_a": "a", "record_b": "b", "decision": "maybe"}\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad.jsonl: line 1: decision"):
        import_decisions(resolved, bad)


def test_uncertain_pairs_lists_band_biggest_effect_first(resolved: Path) -> None:
    with Store.open(resolved) as store:  # put three pairs into the review band
        store.execute(
            "UPDATE match_pairs SET match_probability = 0.5 WHERE rowid IN "
            "(SELECT rowid FROM match_pairs ORDER BY record_a LIMIT 3)"
        )
    pairs, total = uncertain_pairs(resolved)
    assert total == 3 and len(pairs) == 3
    assert [p.effect for p in pairs] == sorted((p.effect for p in pairs), reverse=True)
    decide(resolved, pairs[0].record_a, pairs[0].record_b, same=True, reason="seen")
    assert len(uncertain_pairs(resolved)[0]) == 2


def _hk_delivery(root: Path, remark: str) -> Path:
    """A real hk_police delivery: two records of one man and one of another."""
    folder = root / "hk_police"
    folder.mkdir(parents=True, exist_ok=True)
    header = [
        "case_no",
        "person_ref",
        "name_en",
        "name_zh",
        "sex",
        "dob",
        "id_type",
        "id_no",
        "nationality",
        "phone",
        "role",
        "address",
    ]
    rows = [
        [
            "HKP-2018-000001",
            "P1",
            "CHAN Tai-man",
            "陳大文",
            "M",
            "01/02/1980",
            "HKID",
            "A123456(3)",
            "Chinese",
            "+852 9123 4567",
            "Snakehead",
            remark,
        ],
        [
            "HKP-2018-000002",
            "P7",
            "CHAN Tai-man",
            "陳大文",
            "M",
            "01/02/1980",
            "HKID",
            "A123456(3)",
            "Chinese",
            "+852 9123 4567",
            "Driver",
            "",
        ],
        [
            "HKP-2018-000003",
            "P9",
            "LEE Siu-ming",
            "李小明",
            "M",
            "03/04/1990",
            "",
            "",
            "Chinese",
            "",
            "Illegal immigrant",
            "",
        ],
    ]
    with (folder / "persons.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return root


def test_decision_survives_reimport_and_reresolve(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ingest_export(_hk_delivery(tmp_path / "export", ""), ws)
    resolve_workspace(ws)
    with Store.open(ws, read_only=True) as store:
        ids = [
            str(r[0])
            for r in store.query(
                "SELECT record_id FROM person_records WHERE record_key IN ('P1', 'P7') ORDER BY 1"
            )
        ]
    assert _entity(ws, ids[0]) == _entity(ws, ids[1])
    decide(ws, ids[0], ids[1], same=False, reason="father and son, same name")
    # a corrected re-delivery replaces the file's rows; the record ids come out the same
    summary = ingest_export(_hk_delivery(tmp_path / "export", "Flat 3, Tuen Mun"), ws)
    assert {f.action for f in summary.files} == {"replaced"}
    resolve_workspace(ws)
    assert _entity(ws, ids[0]) != _entity(ws, ids[1])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"record_a": "GDP-01", "record_b": "GDP-01"}, "two different records"),
        ({"record_a": "GDP-01", "record_b": "HKP-01", "reason": "  "}, "needs a reason"),
        ({"record_a": "GDP-01", "record_b": "'; DROP TABLE clusters; --"}, "unknown record id"),
    ],
)
def test_review_import_makes_the_checks_decide_makes(
    resolved: Path, tmp_path: Path, line: dict[str, str], message: str
) -> None:
    good = {"record_a": REC["GDP-04"], "record_b": REC["HKP-04"], "reason": "checked"}
    bad = {
        "decision": "same",
        "reason": "seen",
        "decided_by": "a",
        "decided_at": "2026-01-01T00:00:00Z",
    }
    bad.update({k: REC.get(v, v) for k, v in line.items()})
    file = tmp_path / "decisions.jsonl"
    first = {**bad, **good, "decision": "different"}
    file.write_text(json.dumps(first) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with Store.open(resolved) as store:
        before = store.count("review_decisions")
    with pytest.raises(SourceError, match=rf"decisions.jsonl: line 2: .*{message}"):
        import_decisions(resolved, file)
    with Store.open(resolved) as store:
        assert store.count("review_decisions") == before  # nothing of the file imported


def test_review_footer_and_resolve_leave_decided_pairs_out(resolved: Path) -> None:
    from borderlink.workspace import Workspace
    from borderlink.workspace.models import DecideRequest, ReviewRequest

    with Store.open(resolved) as store:  # three pairs into the review band
        store.execute(
            "UPDATE match_pairs SET match_probability = 0.5 WHERE rowid IN "
            "(SELECT rowid FROM match_pairs ORDER BY record_a LIMIT 3)"
        )
    ws = Workspace.open(resolved)
    first = ws.review(ReviewRequest(limit=1))
    assert first.total == 3 and len(first.pairs) == 1  # the total is not the page
    pair = first.pairs[0]
    request = DecideRequest(
        record_a=pair.record_b, record_b=pair.record_a, decision="same", reason="seen", apply=False
    )
    ws.decide(request)
    assert ws.review().total == 2
    assert ws.resolve().uncertain_pairs == 2  # re-clustered on the stored pairs
