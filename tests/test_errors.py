"""The domain errors every front end maps: a stable code, an HTTP status, the facts as details."""

from __future__ import annotations

import pytest

from borderlink.errors import (
    BorderlinkError,
    Conflict,
    InvalidRequest,
    NotFound,
    WorkspaceBusy,
)


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (InvalidRequest("top", "must be at least 1"), "invalid_request", 422),
        (NotFound("no syndicate SYN-9999", syndicate_id="SYN-9999"), "not_found", 404),
        (Conflict("pair decided already", pair=["a", "b"]), "conflict", 409),
        (WorkspaceBusy("resolve", "2026-12-03 18:00:00", 4242), "workspace_busy", 503),
    ],
)
def test_each_domain_error_has_a_code_and_an_http_status(
    error: BorderlinkError, code: str, status: int
) -> None:
    assert isinstance(error, BorderlinkError)
    assert (error.code, error.status) == (code, status)
    assert error.details  # the facts, for the API's JSON envelope


def test_invalid_request_names_the_field_in_library_terms() -> None:
    error = InvalidRequest("top", "must be at least 1")
    assert (error.field, error.details["field"]) == ("top", "top")
    assert str(error) == "top: must be at least 1" and "--" not in str(error)
    assert error.exit_code == 2  # bad usage on the command line


def test_workspace_busy_says_who_holds_it_and_since_when() -> None:
    error = WorkspaceBusy("analyse", "2026-12-03 18:00:00", 4242)
    assert str(error).startswith("workspace busy: analyse since 2026-12-03 18:00:00, pid 4242")
    assert error.details == {"command": "analyse", "since": "2026-12-03 18:00:00", "pid": 4242}
