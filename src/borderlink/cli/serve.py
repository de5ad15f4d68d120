"""`borderlink serve`: the shared workspace's API and web app on one workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from borderlink.cli.options import WorkspaceOption, open_workspace, settings_for
from borderlink.errors import ConfigError, WorkspaceError


def serve(
    workspace: WorkspaceOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="Access policy YAML (default: built in).")
    ] = None,
) -> None:
    """Serve the API (/api, docs at /docs) and the web app; the server owns the workspace."""
    try:
        import uvicorn

        from borderlink.api.app import create_app
    except ImportError as exc:
        raise ConfigError("serve needs the web extra: pip install 'borderlink[web]'") from exc
    from borderlink.access import load_policy
    from borderlink.web.assets import missing_vendor_files

    ws = Path(settings_for(workspace).workspace)
    if not open_workspace(workspace).exists():
        raise WorkspaceError(f"no workspace at {ws}; run 'borderlink ingest' or 'make demo' first")
    missing = missing_vendor_files()
    if missing:
        typer.echo(
            f"note: {', '.join(missing)} not built (run 'make web-assets'): "
            "the network chart and API docs page will not load",
            err=True,
        )
    app = create_app(ws, policy=load_policy(policy))
    typer.echo(f"borderlink serving {ws} on http://{host}:{port}/ (API docs: /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
