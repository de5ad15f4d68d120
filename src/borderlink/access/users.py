"""Users of the shared workspace (table `users`): add, list, disable, authenticate.

Passwords are hashed with argon2 (argon2-cffi, the `web` extra); the clear text
never reaches the workspace. A login, good or bad, is an audit entry.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from borderlink.access.policy import ROLES, Policy, default_policy
from borderlink.access.viewer import Viewer
from borderlink.audit import append
from borderlink.errors import ConfigError, Conflict, InvalidRequest, NotAuthenticated, NotFound
from borderlink.model.loader import load_model
from borderlink.store import Store

TABLE = "users"
MIN_PASSWORD = 10


class UserInfo(BaseModel):
    username: str
    agency: str
    role: str
    disabled: bool
    created_at: str


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError as exc:  # pragma: no cover - the extra is installed by make
        raise ConfigError(
            "password hashing needs argon2-cffi: pip install 'borderlink[web]'"
        ) from exc
    return PasswordHasher()


def ensure_users_table(store: Store) -> None:
    if not store.table_exists(TABLE):
        store.execute(load_model().by_table(TABLE).ddl(), stage="users", table=TABLE)


def add_user(
    store: Store,
    username: str,
    *,
    agency: str,
    role: str,
    password: str,
    policy: Policy | None = None,
) -> UserInfo:
    """Create a user; the name must be new, the agency the policy's, the role a known one."""
    policy = policy or default_policy()
    name = username.strip()
    if not name or any(c.isspace() for c in name):
        raise InvalidRequest("username", f"user name {username!r} must be one word")
    if agency not in policy.agencies:
        raise InvalidRequest(
            "agency", f"unknown agency {agency!r}; known: {', '.join(policy.agencies)}"
        )
    if role not in ROLES:
        raise InvalidRequest("role", f"unknown role {role!r}; known: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest("password", f"the password needs at least {MIN_PASSWORD} characters")
    digest = _hasher().hash(password)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        ensure_users_table(store)
        if store.count(TABLE, "username = ?", [name]):
            raise Conflict(f"user {name!r} already exists", username=name)
        store.execute(
            f"INSERT INTO {TABLE} (username, agency, role, password_hash, disabled, created_at) "
            "VALUES (?, ?, ?, ?, false, ?)",
            [name, agency, role, digest, created],
            stage="users",
            table=TABLE,
        )
        append(store, actor="cli", action="user_add", target=name, details={"agency": agency})
    return UserInfo(username=name, agency=agency, role=role, disabled=False, created_at=created)


def list_users(store: Store) -> list[UserInfo]:
    if not store.table_exists(TABLE):
        return []
    rows = store.query_dicts(
        f"SELECT username, agency, role, coalesce(disabled, false) AS disabled, created_at "
        f"FROM {TABLE} ORDER BY username"
    )
    return [UserInfo(**r) for r in rows]


def disable_user(store: Store, username: str) -> UserInfo:
    with store.transaction():
        ensure_users_table(store)
        if not store.count(TABLE, "username = ?", [username]):
            raise NotFound(f"no user {username!r}", username=username)
        store.execute(f"UPDATE {TABLE} SET disabled = true WHERE username = ?", [username])
        append(store, actor="cli", action="user_disable", target=username)
    return next(u for u in list_users(store) if u.username == username)


def find_viewer(store: Store, username: str, policy: Policy | None = None) -> Viewer:
    """The active user `username` as a Viewer (for a token that is already verified)."""
    row = None
    if store.table_exists(TABLE):
        row = store.query_one(
            f"SELECT agency, role FROM {TABLE} "
            "WHERE username = ? AND NOT coalesce(disabled, false)",
            [username],
        )
    if row is None:
        raise NotAuthenticated("unknown or disabled user")
    return Viewer(username, str(row[0]), str(row[1]), policy or default_policy())


def authenticate(
    store: Store, username: str, password: str, *, policy: Policy | None = None
) -> Viewer:
    """Check a password; every attempt is audited, a failure says nothing about which part."""
    from argon2.exceptions import InvalidHashError, VerificationError

    row = None
    if store.table_exists(TABLE):
        row = store.query_one(
            f"SELECT agency, role, password_hash, coalesce(disabled, false) FROM {TABLE} "
            "WHERE username = ?",
            [username],
        )
    ok = False
    if row is not None and not row[3]:
        try:
            ok = bool(_hasher().verify(str(row[2]), password))
        except (VerificationError, InvalidHashError):
            ok = False
    append(
        store,
        actor=username,
        agency=None if row is None else str(row[0]),
        action="login" if ok else "login_failed",
        result_count=1 if ok else 0,
    )
    if not ok or row is None:
        raise NotAuthenticated("wrong user name or password")
    return Viewer(username, str(row[0]), str(row[1]), policy or default_policy())


DEMO_USERS = (
    ("gd_analyst", "gd_psb", "analyst"),
    ("hk_analyst", "hk_police", "analyst"),
    ("tf_supervisor", "task_force", "supervisor"),
)


def create_demo_users(store: Store) -> list[tuple[str, str, str, str]]:
    """Users of two agencies and the task force with fresh random passwords, returned once
    (user, agency, role, password) to be shown to whoever ran the demo; never stored in clear."""
    import secrets

    made = []
    for name, agency, role in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        add_user(store, name, agency=agency, role=role, password=password)
        made.append((name, agency, role, password))
    return made
