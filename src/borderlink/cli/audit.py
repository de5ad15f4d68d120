"""`borderlink audit verify|list`: check the hash chain, read the log."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.errors import AuditChainBroken


def register(app: typer.Typer) -> None:
    audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)

    @audit_app.command("verify")
    def verify_cmd(workspace: WorkspaceOption = None) -> None:
        """Check every entry's hash and link; name the first entry that fails."""
        result = open_workspace(workspace).verify_audit()
        if not result.ok:
            raise AuditChainBroken(
                f"audit log fails at entry {result.first_bad_seq}: {result.reason}",
                seq=result.first_bad_seq,
            )
        typer.echo(f"audit log verified: {result.checked} entries, chain intact")

    @audit_app.command("list")
    def list_cmd(
        workspace: WorkspaceOption = None,
        actor: Annotated[str | None, typer.Option(help="Only this user's entries.")] = None,
        action: Annotated[str | None, typer.Option(help="Only this action.")] = None,
        limit: Annotated[int, typer.Option(help="At most this many entries (latest).")] = 50,
    ) -> None:
        """The latest entries: when, who, agency, what, target, result count."""
        log = open_workspace(workspace).audit_entries(actor=actor, action=action)
        rows = log[-max(limit, 0) :]
        table = Table("seq", "at", "actor", "agency", "action", "target", "results")
        for e in rows:
            table.add_row(
                str(e.seq),
                e.at,
                escape(e.actor),
                escape(e.agency or ""),
                escape(e.action),
                escape(e.target or ""),
                "" if e.result_count is None else str(e.result_count),
            )
        Console().print(table)

    app.add_typer(audit_app, name="audit")
