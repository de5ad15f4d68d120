"""The REST API on a real uvicorn server: login, reads, decisions, jobs, error envelope."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from server_fixture import PASSWORD, Served

SPELLINGS = ("陳志明", "陈志明", "CHAN Chi-ming", "CHEN Zhiming")


def _envelope(body: dict[str, Any], code: str) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_token_flow_and_401_without(served: Served) -> None:
    with served.client() as anon:
        r = anon.get("/api/search", params={"q": "陳志明"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        _envelope(r.json(), "not_authenticated")
        bad = anon.post(
            "/api/auth/token", data={"username": served.user("gd_psb"), "password": "nope"}
        )
        assert bad.status_code == 401
        _envelope(bad.json(), "not_authenticated")
        good = anon.post(
            "/api/auth/token", data={"username": served.user("gd_psb"), "password": PASSWORD}
        )
        assert good.status_code == 200 and good.json()["token_type"] == "bearer"
        forged = anon.get(
            "/api/me", headers={"Authorization": "Bearer " + good.json()["access_token"] + "x"}
        )
        assert forged.status_code == 401


def test_four_spellings_one_entity_with_provenance(served: Served) -> None:
    with served.client(served.user("hk_immd")) as c:
        hits = [c.get("/api/search", params={"q": q}).json()["results"] for q in SPELLINGS]
        ids = {h[0]["entity_id"] for h in hits}
        assert len(ids) == 1
        first = hits[0][0]
        assert set(first) == {
            "entity_id",
            "names",
            "nationality",
            "role",
            "syndicate_id",
            "score",
            "matched",
        }
        e = c.get(f"/api/entities/{ids.pop()}").json()
    assert {"陳志明", "陈志明", "CHAN Chi-ming"} <= set(e["names"])
    assert all({"source", "file", "record_key", "fields"} <= set(r) for r in e["records"])
    keys = {r["record_key"] for r in e["records"]}
    assert {served.world.hk_record_key, served.world.gd_record_key} <= keys
    for key in ("cases", "phones", "vehicles", "links", "role", "aliases", "timeline"):
        assert key in e
    assert e["more_elsewhere"] is True


def test_errors_share_one_envelope(served: Served) -> None:
    with served.client(served.user("gd_psb")) as c:
        r = c.get("/api/entities/E000000000000")
        assert r.status_code == 404
        _envelope(r.json(), "not_found")
        r = c.get("/api/search", params={"q": ""})
        assert r.status_code == 422
        _envelope(r.json(), "invalid_request")
        assert r.json()["error"]["details"]["errors"][0]["field"] == "query.q"
        r = c.get("/api/stats", params={"by": "colour"})
        assert r.status_code == 422
        _envelope(r.json(), "invalid_request")
        assert r.json()["error"]["details"]["field"] == "by"
        r = c.delete("/api/search")
        assert r.status_code == 405
        _envelope(r.json(), "method_not_allowed")
        r = c.get("/api/no-such-route")
        assert r.status_code == 404
        _envelope(r.json(), "not_found")
        r = c.post("/api/syndicates/SYN-0001/disrupt", json={"remove": ["E000000000000"]})
        assert r.status_code == 422
        _envelope(r.json(), "invalid_request")


def test_decision_then_audit_shows_every_read(served: Served) -> None:
    analyst = served.user("gx_psb")
    supervisor = served.user("task_force", "supervisor")
    with served.client(supervisor) as s:
        before = s.get("/api/audit", params={"limit": 1}).json()["entries"][0]["seq"]
    served.tokens.pop(analyst, None)  # log in again: the login is part of the trail
    with served.client(analyst) as c:
        c.get("/api/search", params={"q": "CHAN Chi-ming"}).raise_for_status()
        eid = c.get("/api/search", params={"q": "CHAN Chi-ming"}).json()["results"][0]["entity_id"]
        c.get(f"/api/entities/{eid}").raise_for_status()
        c.get(f"/api/cases/{quote(served.world.gd_case)}").raise_for_status()
        pair = c.get("/api/review", params={"limit": 1}).json()["pairs"][0]
        c.get(
            "/api/review/pair", params={"record_a": pair["record_a"], "record_b": pair["record_b"]}
        ).raise_for_status()
        made = c.post(
            "/api/review/decisions",
            json={
                **{k: pair[k] for k in ("record_a", "record_b")},
                "decision": "different",
                "reason": "different birth dates",
            },
        )
        assert made.status_code == 201 and made.json()["decided_by"] == analyst
    with served.client(supervisor) as s:
        log = s.get("/api/audit", params={"actor": analyst}).json()
    assert log["chain_ok"] is True
    mine = [e for e in reversed(log["entries"]) if e["seq"] > before]
    actions = [e["action"] for e in mine]
    assert actions == [
        "login",
        "search",
        "search",
        "read_entity",
        "read_case",
        "review_queue",
        "read_pair",
        "decide",
    ]
    assert all(e["agency"] == "gx_psb" for e in mine)


def test_job_runs_while_reads_continue(served: Served) -> None:
    with served.client(served.user("task_force", "supervisor")) as c:
        job = c.post("/api/jobs", json={"kind": "report"})
        assert job.status_code == 202
        job_id = job.json()["job_id"]
        reads = 0
        deadline = time.monotonic() + 120
        state = "queued"
        while state in ("queued", "running") and time.monotonic() < deadline:
            assert c.get("/api/search", params={"q": "陳志明"}).status_code == 200
            reads += 1
            state = c.get(f"/api/jobs/{job_id}").json()["state"]
        final = c.get(f"/api/jobs/{job_id}").json()
        assert final["state"] == "done", final
        report = c.get(f"/api/reports/{job_id}/report.html")
        assert report.status_code == 200 and "<html" in report.text.lower()
    assert reads >= 1


def test_docs_are_served_locally(served: Served) -> None:
    with served.client() as c:
        page = c.get("/docs").text
        spec = c.get("/openapi.json").json()
        assert c.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    assert "https://" not in page and "//cdn" not in page
    assert "/static/vendor/swagger-ui-bundle.js" in page
    assert "/api/search" in spec["paths"] and "/api/auth/token" in spec["paths"]
    flows = spec["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]
    assert flows["password"]["tokenUrl"] == "/api/auth/token"
    assert spec["paths"]["/api/search"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]


def test_upload_delivery_runs_an_ingest_job(served: Served, tmp_path: Path) -> None:
    archive = tmp_path / "delivery.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in (served.world.export / "hk_police").iterdir():
            z.write(path, f"export/hk_police/{path.name}")
    with served.client(served.user("hk_police", "analyst")) as analyst:
        denied = analyst.post("/api/imports", files={"delivery": archive.open("rb")})
        assert denied.status_code == 403
    with served.client(served.user("hk_police", "supervisor")) as c:
        job = c.post("/api/imports", files={"delivery": ("d.zip", archive.read_bytes())})
        assert job.status_code == 202 and job.json()["kind"] == "ingest"
        deadline = time.monotonic() + 120
        state = job.json()
        while state["state"] in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.5)
            state = c.get(f"/api/jobs/{job.json()['job_id']}").json()
        assert state["state"] == "done", state
        assert state["result"]["read"] > 0
        runs = c.get("/api/imports").json()["runs"]
    assert any(r["run_id"] == state["result"]["run_id"] for r in runs)
