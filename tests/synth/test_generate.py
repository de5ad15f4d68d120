"""The generated exports: layout, encodings, determinism and bad options."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from borderlink.cli.main import main
from borderlink.errors import InvalidRequest
from borderlink.synth import generate

from .conftest import SCALE, SEED, World

EXPECTED = [
    "gd_psb/案件.csv",
    "gd_psb/涉案人员.csv",
    "gd_psb/涉案物品.csv",
    "gx_psb/涉案人员登记.csv",
    "hk_police/cases.csv",
    "hk_police/persons.csv",
    "hk_police/exhibits.csv",
    "hk_immd/enforcement.jsonl",
    "calls/calls.csv",
    "truth/records.csv",
    "truth/people.csv",
    "truth/syndicates.csv",
    "truth/id_errors.csv",
    "truth/report_facts.jsonl",
]


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_every_export_file_is_written(world: World) -> None:
    files = _tree(world.out)
    assert set(EXPECTED) <= set(files)
    assert len([f for f in files if f.startswith("yn_psb/") and f.endswith(".xlsx")]) == 1
    reports = [f for f in files if f.startswith("reports/")]
    assert any(f.endswith(".txt") for f in reports) and any(f.endswith(".md") for f in reports)


def test_same_seed_writes_identical_bytes(world: World, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(again, seed=SEED, scale=SCALE)
    assert _tree(again) == _tree(world.out)
    for rel in _tree(world.out):
        assert filecmp.cmp(world.out / rel, again / rel, shallow=False), rel


def test_other_seed_writes_another_world(world: World, tmp_path: Path) -> None:
    generate(tmp_path / "other", seed=SEED + 1, scale=SCALE)
    a = (world.out / "truth" / "records.csv").read_bytes()
    assert (tmp_path / "other" / "truth" / "records.csv").read_bytes() != a


def test_scale_is_the_exact_number_of_person_records(world: World) -> None:
    assert world.summary.person_records == SCALE
    assert len(world.csv_rows("truth/records.csv")) == SCALE


def test_gd_psb_is_utf8_with_bom(world: World) -> None:
    raw = (world.out / "gd_psb" / "涉案人员.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and set(rows[0]) >= {"案件编号", "人员编号", "姓名", "证件号码", "涉案身份"}
    keys = [r["人员编号"] for r in rows]
    assert len(keys) == len(set(keys))


def test_gx_psb_is_gb18030_and_not_utf8(world: World) -> None:
    raw = (world.out / "gx_psb" / "涉案人员登记.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw.decode("gb18030"))))
    assert rows[0]["立案时间"].endswith("日") and "年" in rows[0]["立案时间"]
    assert any(r["出生日期"].endswith("年") for r in rows)  # year-only birth dates


def test_yn_psb_workbook_has_real_date_cells(world: World) -> None:
    [book_path] = list((world.out / "yn_psb").glob("*.xlsx"))
    book = openpyxl.load_workbook(book_path, read_only=True)
    assert book.sheetnames == ["案件", "人员"]
    header, *rows = list(book["案件"].iter_rows(values_only=True))
    assert header == ("编号", "类别", "日期", "地点")
    assert rows and all(isinstance(r[2], datetime) for r in rows)
    people = list(book["人员"].iter_rows(values_only=True))
    assert people[0][:3] == ("案件编号", "姓名", "拼音")
    months = [r[4] for r in people[1:] if r[4]]
    assert months and all(len(m) == 7 and m[4] == "-" for m in months)


def test_hk_exports_are_utf8_csv_and_json_lines(world: World) -> None:
    persons = world.csv_rows("hk_police/persons.csv")
    refs = [p["person_ref"] for p in persons]
    assert len(refs) == len(set(refs))
    assert any(p["name_zh"] for p in persons)
    events = world.jsonl("hk_immd/enforcement.jsonl")
    assert list(events[0]) == [
        "record_id", "event", "event_date", "surname", "given_names", "chinese_name", "sex",
        "date_of_birth", "nationality", "travel_document", "employer", "address", "phone",
    ]  # fmt: skip
    assert {e["event"] for e in events} <= {
        "overstay",
        "illegal_employment",
        "removal",
        "refused_entry",
    }
    assert len({e["record_id"] for e in events}) == len(events)


def test_calls_use_local_and_international_formats(world: World) -> None:
    calls = world.csv_rows("calls/calls.csv")
    assert calls
    numbers = [c["caller"] for c in calls] + [c["callee"] for c in calls]
    assert any(n.startswith("+") for n in numbers) and any(
        n[0].isdigit() and not n.startswith("00") for n in numbers
    )
    assert all(c["start"].endswith("+08:00") for c in calls)
    assert {c["agency"] for c in calls} <= {"gd_psb", "gx_psb", "yn_psb", "hk_police"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "-5"], "--scale"),
        (["--scenario", "no-such-world"], "unknown scenario"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["generate", str(tmp_path / "out"), *args])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err


def test_unwritable_out_exits_2_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "borderlink.cli.main",
            "generate",
            str(blocker / "out"),
            "--scale",
            "50",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_refuses_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InvalidRequest, match="not empty"):
        generate(tmp_path, scale=50)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_summary_counts_match_files(world: World) -> None:
    files = world.summary.files
    assert files["gd_psb/涉案人员.csv"] == len(world.csv_rows("gd_psb/涉案人员.csv", "utf-8-sig"))
    assert files["hk_immd/enforcement.jsonl"] == len(world.jsonl("hk_immd/enforcement.jsonl"))
    facts = (world.out / "truth" / "report_facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert files["truth/report_facts.jsonl"] == len(facts) and all(json.loads(f) for f in facts)


def test_regenerating_into_the_same_folder_replaces_the_world(tmp_path: Path) -> None:
    out = tmp_path / "w"
    generate(out, seed=1, scale=200)
    generate(out, seed=2, scale=200)
    fresh = tmp_path / "fresh"
    generate(fresh, seed=2, scale=200)
    assert _tree(out) == _tree(fresh)
    assert len(list((out / "yn_psb").glob("*.xlsx"))) == 1
