"""Logins: bearer tokens for the API, the same token in an HttpOnly cookie for the web
pages, and a CSRF token bound to that cookie for every form and script POST.

Tokens are opaque random strings; the workspace keeps only their digests with expiry
and revocation (access/sessions.py), so a login survives a server restart and a logout
ends it. The user is looked up on every request, so disabling a user ends their session
at once.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from borderlink.api.context import ServerContext
from borderlink.errors import Forbidden, NotAuthenticated
from borderlink.workspace import Workspace
from borderlink.workspace.read_models import SessionUser

COOKIE = "borderlink_session"
# Declares the OAuth2 password flow in the OpenAPI document (the docs page's "Authorize"
# logs in through it); the token itself is read below, from the header or the cookie.
OAUTH2 = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx


def workspace(ctx: Annotated[ServerContext, Depends(context)]) -> Workspace:
    return ctx.ws


def _token_of(request: Request) -> tuple[str | None, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    cookie = request.cookies.get(COOKIE)
    return (cookie, True) if cookie else (None, False)


def bearer(request: Request) -> str:
    token, _ = _token_of(request)
    if not token:
        raise NotAuthenticated("log in first: POST /api/auth/token or /login")
    return token


def user_dep(
    request: Request,
    ws: Annotated[Workspace, Depends(workspace)],
    _: Annotated[str | None, Depends(OAUTH2)],
) -> SessionUser:
    """The logged-in user; a cookie session must also send the CSRF token on a POST."""
    token, by_cookie = _token_of(request)
    if not token:
        raise NotAuthenticated("log in first: POST /api/auth/token or /login")
    user = ws.session(token)
    if by_cookie and request.method not in ("GET", "HEAD", "OPTIONS"):
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent, ws.csrf_token(token)):
            raise Forbidden("missing or wrong CSRF token")
    return user
