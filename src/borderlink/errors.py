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


class OptionError(BorderlinkError):
    """A command was called with options that cannot work (bad usage: exit code 2)."""

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
    code = "not_found"
    status = 404


class AuditChainBroken(BorderlinkError):
    """The audit log fails verification: names the first entry whose hash or link fails."""

    code = "audit_chain_broken"
    status = 409


class NotAuthenticated(BorderlinkError):
    """No valid login: a wrong password, a disabled user, a missing or expired token."""

    code = "not_authenticated"
    status = 401


class Forbidden(BorderlinkError):
    """The user is known but their role or agency may not do this."""

    code = "forbidden"
    status = 403
