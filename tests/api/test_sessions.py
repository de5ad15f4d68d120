"""Logins and jobs outlive the server process: a real server is stopped and started again
on the same workspace; the token still works, a logout ends it for good, a finished job
can still be looked up, and the workspace holds token digests only."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from borderlink import InvalidRequest, Workspace
from borderlink.workspace.read_models import LoginRequest
from browse_world import World
from server_fixture import PASSWORD, add_users, running_server


def _token(url: str, user: str) -> str:
    r = httpx.post(f"{url}/api/auth/token", data={"username": user, "password": PASSWORD})
    r.raise_for_status()
    return str(r.json()["access_token"])


def _wait(c: httpx.Client, job_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 180
    state: dict[str, object] = c.get(f"/api/jobs/{job_id}").json()
    while state["state"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.3)
        state = c.get(f"/api/jobs/{job_id}").json()
    return state


def test_login_and_job_survive_a_restart_and_logout_revokes(copy_world: object) -> None:
    world: World = copy_world()  # type: ignore[operator]
    users = add_users(world.workspace)
    analyst, supervisor = users[("gd_psb", "analyst")], users[("task_force", "supervisor")]
    with running_server(world.workspace) as url:
        token, boss = _token(url, analyst), _token(url, supervisor)
        other = _token(url, analyst)  # a second login of the same user
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {boss}"}) as c:
            job = c.post("/api/jobs", json={"kind": "extract"}).json()
            assert _wait(c, job["job_id"])["state"] == "done"
    with running_server(world.workspace) as url:  # a new process state: nothing in memory
        me = httpx.get(f"{url}/api/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200 and me.json()["username"] == analyst
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {boss}"}) as c:
            again = c.get(f"/api/jobs/{job['job_id']}").json()
            assert again["state"] == "done" and again["kind"] == "extract"
            assert again["result"]["reports"] >= 1
            assert any(j["job_id"] == job["job_id"] for j in c.get("/api/jobs").json()["jobs"])
        out = httpx.post(f"{url}/api/auth/logout", headers={"Authorization": f"Bearer {token}"})
        assert out.status_code == 204
        gone = httpx.get(f"{url}/api/me", headers={"Authorization": f"Bearer {token}"})
        assert gone.status_code == 401 and gone.json()["error"]["code"] == "not_authenticated"
        still = httpx.get(f"{url}/api/me", headers={"Authorization": f"Bearer {other}"})
        assert still.status_code == 200  # only the token logged out ends
        assert httpx.post(f"{url}/api/auth/logout").status_code == 401
    with running_server(world.workspace) as url:
        gone = httpx.get(f"{url}/api/me", headers={"Authorization": f"Bearer {token}"})
        assert gone.status_code == 401
    ws = Workspace.open(world.workspace)
    logouts = ws.audit_entries(actor=analyst, action="logout")
    assert len(logouts) == 1 and logouts[0].agency == "gd_psb"
    raw = (world.workspace / "borderlink.duckdb").read_bytes()
    assert token.encode() not in raw and boss.encode() not in raw  # digests only


def test_a_job_a_stopped_server_left_running_is_marked_failed(copy_world: object) -> None:
    world: World = copy_world()  # type: ignore[operator]
    users = add_users(world.workspace)
    supervisor = users[("task_force", "supervisor")]
    with running_server(world.workspace) as url:
        boss = _token(url, supervisor)
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {boss}"}) as c:
            first = c.post("/api/jobs", json={"kind": "resolve"}).json()
            queued = c.post("/api/jobs", json={"kind": "report"}).json()
            assert c.get(f"/api/jobs/{queued['job_id']}").json()["state"] == "queued"
            # reads go on while the resolve job writes
            for _ in range(3):
                assert c.get("/api/search", params={"q": "陳志明"}).status_code == 200
            assert _wait(c, first["job_id"])["state"] == "done"
            # stop while the report job may still be queued or running
    with (
        running_server(world.workspace) as url,
        httpx.Client(base_url=url, headers={"Authorization": f"Bearer {boss}"}) as c,
    ):
        report = c.get(f"/api/jobs/{queued['job_id']}").json()
    assert report["state"] in ("done", "failed")
    if report["state"] == "failed":
        assert report["error"] == "the server stopped"


def test_credentials_never_leave_in_a_parquet_export(copy_world: object, tmp_path: Path) -> None:
    world: World = copy_world()  # type: ignore[operator]
    add_users(world.workspace)
    ws = Workspace.open(world.workspace)
    ws.hold()
    try:
        token = ws.login(LoginRequest(username="gd_psb.analyst", password=PASSWORD)).access_token
    finally:
        ws.release()
    counts = ws.export_parquet(tmp_path / "out")
    assert "person_records" in counts and "audit_log" in counts
    assert "users" not in counts and "sessions" not in counts
    blob = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert b"argon2" not in blob and token.encode() not in blob
    with pytest.raises(InvalidRequest, match="never exported"):
        ws.export_parquet(tmp_path / "again", ["users"])
