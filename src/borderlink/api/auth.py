"""Logins: signed bearer tokens for the API, the same token in an HttpOnly cookie for
the web pages, and a CSRF token bound to that cookie for every form and script POST.

Tokens are `payload.signature` (HMAC-SHA256 with the server's secret); the user is
looked up on every request, so disabling a user ends their session at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from borderlink.access import Viewer, find_viewer
from borderlink.api.context import ServerContext
from borderlink.errors import Forbidden, NotAuthenticated
from borderlink.store import Store

COOKIE = "borderlink_session"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_token(ctx: ServerContext, username: str) -> str:
    payload = _b64(
        json.dumps({"u": username, "exp": int(time.time()) + ctx.token_seconds}).encode()
    )
    sig = _b64(hmac.new(ctx.secret, payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{sig}"


def token_user(ctx: ServerContext, token: str) -> str:
    """The user name a valid, unexpired token was issued to; NotAuthenticated otherwise."""
    try:
        payload, sig = token.split(".", 1)
        good = _b64(hmac.new(ctx.secret, payload.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(sig, good):
            raise ValueError("signature")
        data = json.loads(_unb64(payload))
        if int(data["exp"]) < time.time():
            raise ValueError("expired")
        return str(data["u"])
    except (ValueError, KeyError, TypeError) as exc:
        raise NotAuthenticated("invalid or expired token") from exc


def csrf_token(ctx: ServerContext, session: str) -> str:
    return _b64(hmac.new(ctx.secret, b"csrf:" + session.encode(), hashlib.sha256).digest())


def context(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx


def store_dep(ctx: Annotated[ServerContext, Depends(context)]) -> Iterator[Store]:
    with ctx.cursor() as store:
        yield store


def _token_of(request: Request) -> tuple[str | None, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    cookie = request.cookies.get(COOKIE)
    return (cookie, True) if cookie else (None, False)


def viewer_dep(
    request: Request,
    ctx: Annotated[ServerContext, Depends(context)],
    store: Annotated[Store, Depends(store_dep)],
) -> Viewer:
    """The logged-in user; a cookie session must also send the CSRF token on a POST."""
    token, by_cookie = _token_of(request)
    if not token:
        raise NotAuthenticated("log in first: POST /api/auth/token or /login")
    username = token_user(ctx, token)
    if by_cookie and request.method not in ("GET", "HEAD", "OPTIONS"):
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent, csrf_token(ctx, token)):
            raise Forbidden("missing or wrong CSRF token")
    return find_viewer(store, username, ctx.policy)
