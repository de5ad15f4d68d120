"""`borderlink exchange request|requests`: ask another agency for the records matched with ours."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from borderlink.cli.options import WorkspaceOption

console = Console()


def request_cmd(
    pairs: Annotated[Path, typer.Argument(help="PAIRS.csv written by 'exchange match'.")],
    agreement: Annotated[str, typer.Option("--agreement", help="Agreement id.")],
    requester: Annotated[str, typer.Option("--from", help="This agency (asking).")],
    holder: Annotated[str, typer.Option("--to", help="The agency holding the records.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the records are needed.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="REQUEST.json to send to the holder.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Request the holder's records of the matched pairs; pending until a package answers."""
    from borderlink.cli.exchange import actor
    from borderlink.config import load_settings
    from borderlink.exchange.agreement import load_agreements
    from borderlink.exchange.requests import RecordsRequest, create_request

    settings, _ = load_settings(workspace=workspace)
    s = create_request(
        settings.workspace,
        pairs,
        RecordsRequest(agreement=agreement, requester=requester, holder=holder, reason=reason),
        out=out,
        agreements=load_agreements(settings.agreements_dir),
        actor=actor(),
    )
    typer.echo(
        f"request {s.request_id}: {s.n_records} records of {s.holder} under {s.agreement}, "
        f"{s.status}; audit entry {s.audit_seq}" + (f"; send {out} to {s.holder}" if out else "")
    )


def requests_cmd(
    agency: Annotated[
        str | None, typer.Option("--agency", help="Only requests made or received by AGENCY.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """List the exchange requests: who asked whom, for how many records, and their status."""
    from borderlink.config import load_settings
    from borderlink.workspace import Workspace

    settings, _ = load_settings(workspace=workspace)
    rows = Workspace.open(settings.workspace).exchange_requests(agency)
    table = Table("request", "agreement", "from", "to", "created", "records", "status", "package")
    for r in rows:
        table.add_row(
            r.request_id,
            r.agreement,
            r.requester,
            r.holder,
            r.created,
            f"{r.n_received}/{r.n_records}",
            r.status,
            escape(r.fulfilled_by or ""),
        )
    console.print(table)
    console.print(f"{len(rows)} requests, {sum(r.status != 'fulfilled' for r in rows)} open")


def register_requests(app: typer.Typer) -> None:
    app.command("request")(request_cmd)
    app.command("requests")(requests_cmd)
