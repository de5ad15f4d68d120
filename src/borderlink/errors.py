"""The one exception tree of borderlink.

Library code raises only these, so the CLI and the API can turn any expected
failure into a one-line message (CLI) or a JSON envelope (API) without
catching unrelated bugs, which keep their traceback.
"""

from __future__ import annotations

from typing import Any


class BorderlinkError(Exception):
    """Base of every expected failure: a stable code, a message, details, an HTTP status."""

    code = "borderlink_error"
    status = 500
    exit_code = 1

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details

    def __str__(self) -> str:
        return self.message


class InvalidRequest(BorderlinkError):
    """A request that cannot work, named by the request field at fault (bad usage: exit 2).

    The message is in the library's terms (`top: must be at least 1`); a front end
    maps `field` to its own spelling (the CLI to its flag, the API to the JSON key).
    """

    code = "invalid_request"
    status = 422
    exit_code = 2

    def __init__(self, field: str, problem: str, **details: Any) -> None:
        super().__init__(f"{field}: {problem}" if field else problem, field=field, **details)
        self.field = field
        self.problem = problem


class PathError(InvalidRequest):
    """A path the user gave for output cannot be used (a folder for a file, no permission,
    no such parent): one line naming the path, exit code 1 like every file error."""

    code = "path_error"
    exit_code = 1


class OptionError(BorderlinkError):
    """Bad usage found by the CLI itself (two flags that exclude each other): exit code 2.

    Only `borderlink.cli` raises it; library code raises InvalidRequest instead.
    """

    code = "bad_option"
    status = 400
    exit_code = 2


class ConfigError(BorderlinkError):
    code = "config_error"
    status = 400


class ModelError(BorderlinkError):
    """The declarative data model (model/schema/*.yaml) is inconsistent."""

    code = "model_error"


class MappingError(BorderlinkError):
    """A source mapping is invalid: names the mapping file, the YAML path and the value."""

    code = "mapping_error"
    status = 400


class SourceError(BorderlinkError):
    """A delivered file cannot be read at all: names the file and what is wrong."""

    code = "source_error"
    status = 422


class StoreError(BorderlinkError):
    """A workspace statement failed: carries the stage, the table and the SQL."""

    code = "store_error"


class WorkspaceError(BorderlinkError):
    """The workspace is missing, or lacks what a stage needs (e.g. resolve before ingest)."""

    code = "workspace_error"
    status = 409


class ResolutionError(BorderlinkError):
    code = "resolution_error"


class NotFound(BorderlinkError):
    """A named thing (record, entity, syndicate, case) is not in the workspace."""

    code = "not_found"
    status = 404


class AuditChainBroken(BorderlinkError):
    """The audit log fails verification: names the first entry whose hash or link fails."""

    code = "audit_chain_broken"
    status = 409


class Conflict(BorderlinkError):
    """The request contradicts what the workspace holds (e.g. a decision on a pair twice)."""

    code = "conflict"
    status = 409


class WorkspaceBusy(BorderlinkError):
    """Another process is writing the workspace: says which command, since when, and its pid.

    A reader gets this instead of DuckDB's lock error, and can try again later.
    """

    code = "workspace_busy"
    status = 503

    def __init__(self, command: str, since: str, pid: int | None, **details: Any) -> None:
        who = f", pid {pid}" if pid is not None else ""
        super().__init__(
            f"workspace busy: {command} since {since}{who}; try again when it has finished",
            command=command,
            since=since,
            pid=pid,
            **details,
        )
        self.command = command
        self.since = since
        self.pid = pid


class AgreementError(BorderlinkError):
    """An exchange agreement file is invalid: names the file, the YAML path and the value."""

    code = "agreement_error"
    status = 400


class KeyStoreError(BorderlinkError):
    """A signing key is missing, unreadable, or conflicts with one already trusted."""

    code = "key_error"
    status = 400


class PackageRejected(BorderlinkError):
    """A package failed a check (signature, trust, agreement, hash); nothing was imported."""

    code = "package_rejected"
    status = 422


class ExchangeRefused(BorderlinkError):
    """An agreement's rule forbids what was asked (e.g. re-exporting an H2 item); names the rule."""

    code = "exchange_refused"
    status = 403


class NotAuthenticated(BorderlinkError):
    """No valid login: a wrong password, a disabled user, a missing or expired token."""

    code = "not_authenticated"
    status = 401


class Forbidden(BorderlinkError):
    """The user is known but their role or agency may not do this."""

    code = "forbidden"
    status = 403
