"""Logins that outlive the server process: opaque bearer tokens, stored only as digests.

A token is 32 random bytes handed to the user once. The workspace keeps its SHA-256
(table `sessions`) with the user, expiry and revocation, so a restarted server still
knows every live login, a logout (revoke) ends the token at once, and nothing in the
workspace, its exports or logs can be replayed as a token. The CSRF token of a web
session is derived from the session token, so a page's forms carry a value an attacker
without the HttpOnly cookie cannot compute.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from borderlink.access.users import TABLE as USERS
from borderlink.audit import append
from borderlink.errors import NotAuthenticated
from borderlink.model.loader import load_model
from borderlink.store import Store

TABLE = "sessions"


class SessionUser(BaseModel):
    """Who a live token belongs to (agency and role as the users table says now)."""

    username: str
    agency: str
    role: str


class SessionToken(BaseModel):
    access_token: str
    expires_at: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def ensure_sessions_table(store: Store) -> None:
    if not store.table_exists(TABLE):
        store.execute(load_model().by_table(TABLE).ddl(), stage="access", table=TABLE)
        store.execute(
            f'CREATE INDEX IF NOT EXISTS "{TABLE}_token" ON {TABLE} (token_sha256)',
            stage="access",
            table=TABLE,
        )


def issue(store: Store, username: str, seconds: int) -> SessionToken:
    """A new token for an authenticated user; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    now = _now()
    expires = _iso(now + timedelta(seconds=seconds))
    ensure_sessions_table(store)
    store.execute(
        f"INSERT INTO {TABLE} (token_sha256, username, issued_at, expires_at) VALUES (?, ?, ?, ?)",
        [_digest(token), username, _iso(now), expires],
        stage="access",
        table=TABLE,
    )
    return SessionToken(access_token=token, expires_at=expires)


def session_user(store: Store, token: str) -> SessionUser:
    """The active user of a live (unexpired, unrevoked) token; NotAuthenticated otherwise."""
    row = None
    if token and len(token) <= 200 and store.table_exists(TABLE):
        row = store.query_one(
            f"SELECT u.username, u.agency, u.role FROM {TABLE} s JOIN {USERS} u "
            "ON u.username = s.username WHERE s.token_sha256 = ? AND s.revoked_at IS NULL "
            "AND s.expires_at > ? AND NOT coalesce(u.disabled, false)",
            [_digest(token), _iso(_now())],
            stage="access",
            table=TABLE,
        )
    if row is None:
        raise NotAuthenticated("invalid or expired token")
    return SessionUser(username=str(row[0]), agency=str(row[1]), role=str(row[2]))


def revoke(store: Store, token: str) -> bool:
    """End a token (logout); audited. True when a live session was ended."""
    user = session_user(store, token)
    with store.transaction():
        store.execute(
            f"UPDATE {TABLE} SET revoked_at = ? WHERE token_sha256 = ?",
            [_iso(_now()), _digest(token)],
            stage="access",
            table=TABLE,
        )
        append(store, actor=user.username, agency=user.agency, action="logout", result_count=1)
    return True


def csrf_for(token: str) -> str:
    """The CSRF token of a web session: a digest of the session token under its own label."""
    raw = hashlib.sha256(b"borderlink csrf\0" + token.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
