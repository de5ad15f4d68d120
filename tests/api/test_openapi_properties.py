"""Property-based tests against /openapi.json (schemathesis): no input gives a 500.

Every operation of the running server's OpenAPI document gets generated requests
(a task-force supervisor's token, so every route is open) and none may answer 5xx.
A bounded number of examples per operation by default
(BORDERLINK_SCHEMA_EXAMPLES raises it).
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings

from server_fixture import Served

EXAMPLES = int(os.environ.get("BORDERLINK_SCHEMA_EXAMPLES", "10"))
# Jobs and uploads start real work in the server; the matrix and API tests cover them.
# Logout would revoke the token every other operation is called with (test_sessions.py).
SKIP = {("POST", "/api/jobs"), ("POST", "/api/imports"), ("POST", "/api/auth/logout")}


def test_no_input_gives_a_server_error(served: Served) -> None:
    supervisor = served.user("task_force", "supervisor")
    served.client(supervisor).close()
    auth = {"Authorization": f"Bearer {served.tokens[supervisor]}"}
    schema = schemathesis.openapi.from_url(f"{served.url}/openapi.json")
    schema.config.base_url = served.url
    tried: list[str] = []
    errors: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        tried.append(f"{operation.method.upper()} {operation.path}")

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            headers = {} if case.path == "/api/auth/token" else auth
            response = case.call(base_url=served.url, headers=headers, timeout=60)
            if response.status_code >= 500:
                errors.append(f"{case.method} {case.formatted_path}: {response.status_code}")
            if response.status_code >= 400:  # every failure is the one envelope
                assert set(response.json()) == {"error"}, response.text[:200]

        check()
    assert len(tried) >= 15
    assert errors == []
