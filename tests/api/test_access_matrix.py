"""Every API route for every agency and role: allowed or denied as the policy says, and
no withheld value of another agency's record in any answer.

The route list comes from /openapi.json, so a new route without a row here fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from borderlink.access import ROLES, default_policy
from server_fixture import Served

AGENCIES = tuple(default_policy().agencies)
# Values on the Hong Kong police record of CHAN Chi-ming withheld from other agencies
# (Guangdong holds the same phone on its own record, so it may see that one).
ID_AND_ADDRESS = ("K1234563", "K123456(3)", "Nathan Road")
PHONE = ("+85261234567", "6123 4567")


def withheld_for(agency: str) -> tuple[str, ...]:
    if agency in ("hk_police", "task_force"):
        return ()
    return ID_AND_ADDRESS if agency == "gd_psb" else ID_AND_ADDRESS + PHONE


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # as in the OpenAPI document
    url: str
    body: dict[str, Any] | None = None
    files: dict[str, Any] | None = None
    supervisors_only: bool = False
    ok: int = 200


def _calls(served: Served, entity_id: str, pair: dict[str, str]) -> list[Call]:
    w = served.world
    return [
        Call("GET", "/api/me", "/api/me"),
        Call("GET", "/api/search", "/api/search?q=" + quote("陳志明")),
        Call("GET", "/api/entities/{entity_id}", f"/api/entities/{entity_id}"),
        Call("GET", "/api/syndicates", "/api/syndicates"),
        Call("GET", "/api/syndicates/{syndicate_id}", "/api/syndicates/SYN-0001"),
        Call(
            "POST",
            "/api/syndicates/{syndicate_id}/disrupt",
            "/api/syndicates/SYN-0001/disrupt",
            body={"top": 1},
        ),
        Call("GET", "/api/cases/{case_no}", f"/api/cases/{quote(w.hk_case)}"),
        Call("GET", "/api/review", "/api/review?limit=5"),
        Call(
            "GET",
            "/api/review/pair",
            f"/api/review/pair?record_a={pair['record_a']}&record_b={pair['record_b']}",
        ),
        Call(
            "POST",
            "/api/review/decisions",
            "/api/review/decisions",
            body={**pair, "decision": "possible_alias", "reason": "matrix test"},
            ok=201,
        ),
        Call("GET", "/api/stats", "/api/stats"),
        Call("GET", "/api/audit", "/api/audit?limit=5", supervisors_only=True),
        Call("GET", "/api/imports", "/api/imports"),
        Call("GET", "/api/exchange", "/api/exchange"),  # each agency sees its own packages
        # A broken upload: supervisors get past the permission check to the zip check (422).
        Call(
            "POST",
            "/api/imports",
            "/api/imports",
            files={"delivery": ("d.zip", b"not a zip", "application/zip")},
            supervisors_only=True,
            ok=422,
        ),
        Call(
            "POST",
            "/api/jobs",
            "/api/jobs",
            body={"kind": "extract"},
            supervisors_only=True,
            ok=202,
        ),
        Call("GET", "/api/jobs", "/api/jobs"),
        Call("GET", "/api/jobs/{job_id}", "/api/jobs/unknown", ok=404),
        Call("GET", "/api/reports/{job_id}/{name}", "/api/reports/unknown/report.html", ok=404),
    ]


@pytest.fixture(scope="module")
def targets(served: Served) -> tuple[str, dict[str, str]]:
    with served.client(served.user("task_force")) as c:
        eid = c.get("/api/search", params={"q": "陳志明"}).json()["results"][0]["entity_id"]
        pair = c.get("/api/review", params={"limit": 1}).json()["pairs"][0]
    return eid, {"record_a": pair["record_a"], "record_b": pair["record_b"]}


def test_every_route_is_in_the_matrix(served: Served, targets: tuple[str, dict[str, str]]) -> None:
    spec = httpx.get(f"{served.url}/openapi.json").json()
    routes = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    covered = {(c.method, c.path) for c in _calls(served, *targets)}
    covered.add(("POST", "/api/auth/token"))  # the one public route, tested in test_api.py
    covered.add(("POST", "/api/auth/logout"))  # ends the session: tests/api/test_sessions.py
    assert routes == covered


def _send(client: httpx.Client, call: Call) -> httpx.Response:
    if call.files is not None:
        return client.request(call.method, call.url, files=call.files)
    return client.request(call.method, call.url, json=call.body)


@pytest.mark.parametrize("agency", AGENCIES)
def test_matrix(served: Served, targets: tuple[str, dict[str, str]], agency: str) -> None:
    calls = _calls(served, *targets)
    with served.client() as anon:
        for call in calls:
            assert _send(anon, call).status_code == 401, call.path
    for role in ROLES:
        with served.client(served.user(agency, role)) as c:
            for call in calls:
                r = _send(c, call)
                allowed = not call.supervisors_only or role in ("supervisor", "admin")
                expected = call.ok if allowed else 403
                assert r.status_code == expected, (agency, role, call.path, r.text[:200])
                for value in withheld_for(agency):
                    assert value not in r.text, (agency, role, call.path, value)
