"""A small generated world run through ingest, resolve and analyse, plus one person the
web tests look for in four spellings: 陳志明 (Hong Kong, traditional, with CHAN Chi-ming)
and 陈志明 (Guangdong, simplified), added to two cases of one true syndicate.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from borderlink.graph.analysis import analyse_workspace
from borderlink.ingest import ingest_export
from borderlink.resolve import resolve_workspace
from borderlink.store import Store
from borderlink.synth import generate

HK_FILE = ("hk_police", "persons.csv")
GD_FILE = ("gd_psb", "涉案人员.csv")
PHONE = "+852 6123 4567"


@dataclass(frozen=True)
class World:
    workspace: Path
    export: Path
    hk_record_key: str
    gd_record_key: str
    hk_case: str
    gd_case: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _append(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([row.get(h, "") for h in header])


def _cases_of_one_syndicate(export: Path) -> tuple[str, str]:
    """An HK police case and a Guangdong case holding members of the same true syndicate."""
    truth = export / "truth"
    people = {r["person_id"]: r for r in _rows(truth / "people.csv")}
    where: dict[tuple[str, str, str], str] = {}
    for r in _rows(truth / "records.csv"):
        where[(r["source"], r["file"], r["record_key"])] = r["person_id"]
    hk = {
        people[where[(*HK_FILE, r["person_ref"])]]["syndicate_id"]: r["case_no"]
        for r in _rows(export.joinpath(*HK_FILE))
        if people[where[(*HK_FILE, r["person_ref"])]]["syndicate_id"]
    }
    for r in _rows(export.joinpath(*GD_FILE)):
        sid = people[where[(*GD_FILE, r["人员编号"])]]["syndicate_id"]
        if sid and sid in hk:
            return hk[sid], r["案件编号"]
    raise AssertionError("no syndicate with records in both hk_police and gd_psb")


def build_world(root: Path, *, seed: int = 3, scale: int = 600) -> World:
    export, workspace = root / "export", root / "ws"
    generate(export, seed=seed, scale=scale)
    hk_case, gd_case = _cases_of_one_syndicate(export)
    _append(
        export.joinpath(*HK_FILE),
        {
            "case_no": hk_case,
            "person_ref": f"{hk_case}-90",
            "name_en": "CHAN Chi-ming",
            "name_zh": "陳志明",
            "sex": "M",
            "dob": "12/03/1980",
            "id_type": "HKID",
            "id_no": "K123456(3)",
            "nationality": "Hong Kong",
            "phone": PHONE,
            "role": "Snakehead",
            "address": "12 Nathan Road, Yau Ma Tei",
        },
    )
    _append(
        export.joinpath(*GD_FILE),
        {
            "案件编号": gd_case,
            "人员编号": "GDP-9900001",
            "姓名": "陈志明",
            "性别": "男",
            "出生日期": "19800312",
            "证件类型": "无",
            "国籍": "中国香港",
            "手机号码": PHONE,
            "涉案身份": "组织者",
            "处理结果": "刑事拘留",
        },
    )
    ingest_export(export, workspace)
    resolve_workspace(workspace)
    with Store.open(workspace) as store:
        analyse_workspace(store)
    return World(workspace, export, f"{hk_case}-90", "GDP-9900001", hk_case, gd_case)


def _master(tmp_path_factory: pytest.TempPathFactory) -> World:
    """Built once per test session, whichever folder's tests ask first (kept on disk)."""
    root = tmp_path_factory.getbasetemp() / "browse_world"
    done = root / "built.json"
    if done.is_file():
        return World(
            **{
                k: Path(v) if k in ("workspace", "export") else v
                for k, v in json.loads(done.read_text()).items()
            }
        )
    if root.exists():
        shutil.rmtree(root)
    world = build_world(root)
    done.write_text(json.dumps({k: str(v) for k, v in world.__dict__.items()}))
    return world


@pytest.fixture(scope="session")
def browse_world_master(tmp_path_factory: pytest.TempPathFactory) -> World:
    return _master(tmp_path_factory)


@pytest.fixture
def copy_world(browse_world_master: World, tmp_path: Path) -> Callable[[], World]:
    """A fresh copy of the world's workspace, for a test that writes to it."""

    def make() -> World:
        target = tmp_path / "ws"
        shutil.copytree(browse_world_master.workspace, target)
        w = browse_world_master
        return World(target, w.export, w.hk_record_key, w.gd_record_key, w.hk_case, w.gd_case)

    return make
