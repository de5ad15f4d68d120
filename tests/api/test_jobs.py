"""An uploaded delivery becomes searchable once its ingest job is done: the server
rebuilds what search looks up (search_keys) after every job, while reads go on."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import httpx

from browse_world import World, _append
from server_fixture import PASSWORD, add_users, running_server

NEW_PHONE = "+852 9123 8765"


def test_a_new_delivery_is_searchable_after_its_ingest_job(
    copy_world: object, tmp_path: Path
) -> None:
    world: World = copy_world()  # type: ignore[operator]
    users = add_users(world.workspace)
    delivery = tmp_path / "delivery" / "hk_police"
    shutil.copytree(world.export / "hk_police", delivery)
    _append(
        delivery / "persons.csv",
        {
            "case_no": world.hk_case,
            "person_ref": f"{world.hk_case}-91",
            "name_en": "LEUNG Ka-fai",
            "sex": "M",
            "nationality": "Hong Kong",
            "phone": NEW_PHONE,
            "role": "Driver",
        },
    )
    archive = tmp_path / "delivery.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in delivery.iterdir():
            z.write(path, f"hk_police/{path.name}")
    with running_server(world.workspace) as url:
        token = httpx.post(
            f"{url}/api/auth/token",
            data={"username": users[("hk_police", "supervisor")], "password": PASSWORD},
        ).json()["access_token"]
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as c:
            assert c.get("/api/search", params={"q": NEW_PHONE}).json()["results"] == []
            job = c.post("/api/imports", files={"delivery": ("d.zip", archive.read_bytes())})
            assert job.status_code == 202
            state = job.json()
            reads = 0
            deadline = time.monotonic() + 180
            while state["state"] in ("queued", "running") and time.monotonic() < deadline:
                assert c.get("/api/search", params={"q": "陳志明"}).json()["results"]
                reads += 1
                state = c.get(f"/api/jobs/{state['job_id']}").json()
            assert state["state"] == "done", state
            assert any("persons.csv" in line for line in state["progress"])
            hits = c.get("/api/search", params={"q": NEW_PHONE}).json()["results"]
    assert reads >= 1
    assert len(hits) == 1 and hits[0]["matched"] == "phone"
    assert "LEUNG Ka-fai" in hits[0]["names"]
