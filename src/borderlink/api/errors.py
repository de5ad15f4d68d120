"""One error envelope for every failure: {"error": {"code", "message", "details"}}.

Library errors carry their own code and HTTP status; request validation becomes
`invalid_request` (422) naming each bad field; anything unexpected is a 500 with
no internals in the body (the traceback goes to the server log).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from borderlink.errors import BorderlinkError, NotAuthenticated

log = logging.getLogger("borderlink.api")


def envelope(status: int, code: str, message: str, details: Any = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"error": {"code": code, "message": message, "details": details or {}}},
        status_code=status,
        headers=headers,
    )


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(BorderlinkError)
    async def _library(request: Request, exc: BorderlinkError) -> Response:
        if isinstance(exc, NotAuthenticated) and _wants_page(request):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        if _wants_page(request):
            from borderlink.web.pages import error_page

            return error_page(request, exc.status, exc.code, exc.message)
        details = {k: v for k, v in exc.details.items() if isinstance(v, str | int | float)}
        return envelope(exc.status, exc.code, exc.message, details)

    @app.exception_handler(ValidationError)
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError | ValidationError) -> Response:
        errors = [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": str(e.get("msg"))}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": "?", "message": "invalid"}
        return envelope(
            422, "invalid_request", f"{first['field']}: {first['message']}", {"errors": errors}
        )

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        if _wants_page(request):
            from borderlink.web.pages import error_page

            return error_page(request, exc.status_code, code, str(exc.detail))
        return envelope(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return envelope(500, "internal_error", "unexpected server error (see the server log)")
