"""The FastAPI application of `borderlink serve`: API under /api, web pages at /.

The app holds one Workspace (the process's one connection, its job worker, the access
policy) and calls nothing else. Nothing is loaded from outside the server: the API docs
page uses Swagger UI's files from the package's static folder (copied from npm at build
time, like Cytoscape.js).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from borderlink.access.policy import Policy
from borderlink.api import errors, routes_exchange, routes_ops, routes_reads
from borderlink.api.context import ServerContext
from borderlink.web import exchange_page, pages
from borderlink.web.assets import STATIC_DIR
from borderlink.workspace import Workspace


def create_app(workspace: Path, *, policy: Policy | None = None) -> FastAPI:
    """An app owning `workspace` (held on startup, released on shutdown)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ws = Workspace.open(Path(workspace))
        if policy is not None:
            ws.policy = policy
        ws.hold()
        app.state.ctx = ServerContext(ws=ws)
        try:
            yield
        finally:
            app.state.ctx.close()

    app = FastAPI(
        title="borderlink",
        summary="The task force's shared workspace: search, entities, syndicates, review.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    errors.install(app)
    app.include_router(routes_ops.router)
    app.include_router(routes_reads.router)
    app.include_router(routes_exchange.router)
    app.include_router(pages.router)
    app.include_router(exchange_page.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="borderlink API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    return app
