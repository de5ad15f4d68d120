"""`borderlink roles list` and `roles override` (with `--clear` to take one back)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.listing import Format, FormatOption, emit
from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.terminal import cell, esc, number
from borderlink.errors import OptionError
from borderlink.model.vocab import chain_roles

console = Console()
roles_app = typer.Typer(
    help="List roles in the chain, override one, or take an override back.",
    no_args_is_help=True,
)
ROLES = chain_roles()
ROLE_CHOICES = "|".join(ROLES)
ROLE_COLUMNS = (
    "entity_id",
    "name",
    "syndicate_id",
    "role",
    "confidence",
    "decided_by",
    "override_role",
    "override_reason",
    "override_by",
    "override_at",
    "pending",
)


@roles_app.command("override")
def roles_override(
    entity: Annotated[str, typer.Argument(help="Entity id.", show_default=False)],
    role: Annotated[
        str | None,
        typer.Argument(metavar="[ROLE]", help=f"One of: {', '.join(ROLES)}.", show_default=False),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the analyst decides so.", show_default=False)
    ] = "",
    clear: Annotated[
        bool, typer.Option("--clear", help="Take the entity's override back (give no ROLE).")
    ] = False,
    by: Annotated[str, typer.Option("--by", help="Analyst name.")] = "analyst",
    workspace: WorkspaceOption = None,
) -> None:
    """Fix an entity's role (every later analyse honours it), or --clear the override."""
    from borderlink.workspace.models import RoleClearRequest, RoleOverrideRequest

    if clear == (role is not None):
        raise OptionError("give a ROLE, or --clear without one")
    ws = open_workspace(workspace)
    if clear:
        ws.clear_role_override(RoleClearRequest(entity_id=entity, reason=reason, decided_by=by))
        console.print(
            f"{esc(entity)}: override cleared; run 'borderlink analyse' to infer its role again"
        )
        return
    request = RoleOverrideRequest(entity_id=entity, role=role or "", reason=reason, decided_by=by)
    done = ws.override_role(request)
    if not done.in_last_analysis:
        console.print(f"note: {esc(entity)} is not in the last analysis; the override waits for it")
    console.print(
        f"{esc(entity)}: role {role} (override recorded; run 'borderlink analyse' to apply)"
    )


@roles_app.command("list")
def roles_list(
    syndicate: Annotated[
        str | None,
        typer.Option("--syndicate", help="Only this syndicate's members.", show_default=False),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", metavar=ROLE_CHOICES, help="Only this role.", show_default=False),
    ] = None,
    overrides: Annotated[
        bool, typer.Option("--overrides", help="Only entities with an override.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 100,
    fmt: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
) -> None:
    """Each entity's role as the last analysis decided it, and the overrides that stand."""
    from borderlink.workspace.models import RolesRequest

    request = RolesRequest(syndicate_id=syndicate, role=role, overrides_only=overrides)
    rows = open_workspace(workspace).roles(request)
    shown = rows[:limit]

    def table() -> None:
        out = Table(
            "entity",
            "name",
            "syndicate",
            "role",
            "conf.",
            "by",
            "override",
            "reason",
            title=f"Roles ({number(len(shown))} of {number(len(rows))})",
        )
        for r in shown:
            override = (r.override_role or "cleared") if r.override_by else ""
            out.add_row(
                cell(r.entity_id),
                cell(r.name or ""),
                cell(r.syndicate_id or ""),
                r.role or "",
                "" if r.confidence is None else f"{r.confidence:.2f}",
                r.decided_by or "",
                override + (" (at next analyse)" if r.pending else ""),
                cell(r.override_reason or ""),
            )
        console.print(out)

    emit(fmt, shown, ROLE_COLUMNS, table)
