"""`borderlink users add|list|disable`: who may log in to the shared workspace."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.errors import OptionError


def register(app: typer.Typer) -> None:
    users_app = typer.Typer(help="Users of the shared workspace (web app and API).")

    @users_app.command("add")
    def add_cmd(
        name: Annotated[str, typer.Argument(help="User name (one word).")],
        agency: Annotated[str, typer.Option("--agency", help="gd_psb, hk_police, ... task_force.")],
        role: Annotated[
            str,
            typer.Option(
                "--role", metavar="analyst|supervisor|admin", help="What the user may do."
            ),
        ],
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from stdin.")
        ] = False,
        workspace: WorkspaceOption = None,
    ) -> None:
        """Add a user; the password is read from stdin and stored as an argon2 hash."""
        if not password_stdin:
            raise OptionError("give the password on stdin with --password-stdin")
        password = sys.stdin.readline().rstrip("\r\n")
        user = open_workspace(workspace).add_user(name, agency=agency, role=role, password=password)
        typer.echo(f"user {user.username} added ({user.agency}, {user.role})")

    @users_app.command("list")
    def list_cmd(workspace: WorkspaceOption = None) -> None:
        """Every user: agency, role, whether disabled."""
        users = open_workspace(workspace).users()
        table = Table("user", "agency", "role", "disabled", "created")
        for u in users:
            table.add_row(
                escape(u.username), u.agency, u.role, "yes" if u.disabled else "", u.created_at
            )
        Console().print(table)

    @users_app.command("disable")
    def disable_cmd(
        name: Annotated[str, typer.Argument(help="User name.")],
        workspace: WorkspaceOption = None,
    ) -> None:
        """Stop a user from logging in (their audit trail stays)."""
        open_workspace(workspace).disable_user(name)
        typer.echo(f"user {name} disabled")

    app.add_typer(users_app, name="users")
