"""The FastAPI application of `borderlink serve`: API under /api, web pages at /.

Nothing is loaded from outside the server: the API docs page uses Swagger UI's files
from the package's static folder (copied from npm at build time, like Cytoscape.js).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from borderlink.access.policy import Policy, default_policy
from borderlink.access.users import ensure_users_table
from borderlink.api import errors, routes_exchange, routes_ops, routes_reads
from borderlink.api.context import ServerContext
from borderlink.api.jobs import JobRunner
from borderlink.audit.log import ensure_table
from borderlink.browse.indexes import ensure_browse_indexes
from borderlink.store import Store
from borderlink.web import exchange_page, pages
from borderlink.web.assets import STATIC_DIR


def create_app(workspace: Path, *, policy: Policy | None = None) -> FastAPI:
    """An app owning `workspace` (opened on startup, closed on shutdown)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = Store.open(Path(workspace))
        with store.transaction():
            ensure_table(store)
            ensure_users_table(store)
        ensure_browse_indexes(store)

        def reindex() -> None:  # a job may have replaced tables and dropped their indexes
            with store.cursor() as cur:
                ensure_browse_indexes(cur)

        app.state.ctx = ServerContext(
            workspace=Path(workspace),
            store=store,
            policy=policy or default_policy(),
            jobs=JobRunner(after_each=reindex),
        )
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
