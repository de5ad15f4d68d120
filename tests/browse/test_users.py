"""Users: argon2 hashes, wrong passwords and disabled users refused, logins audited."""

from __future__ import annotations

import pytest

from borderlink.access import add_user, authenticate, disable_user, list_users
from borderlink.audit import entries
from borderlink.errors import InvalidRequest, NotAuthenticated
from borderlink.store import Store


def test_add_authenticate_disable() -> None:
    store = Store.memory()
    add_user(store, "wong", agency="hk_police", role="analyst", password="correct horse 1")
    viewer = authenticate(store, "wong", "correct horse 1")
    assert (viewer.username, viewer.agency, viewer.role) == ("wong", "hk_police", "analyst")
    stored = store.scalar("SELECT password_hash FROM users")
    assert str(stored).startswith("$argon2") and "correct horse" not in str(stored)
    with pytest.raises(NotAuthenticated):
        authenticate(store, "wong", "wrong password")
    with pytest.raises(NotAuthenticated):
        authenticate(store, "nobody", "correct horse 1")
    disable_user(store, "wong")
    with pytest.raises(NotAuthenticated):
        authenticate(store, "wong", "correct horse 1")
    assert [u.disabled for u in list_users(store)] == [True]
    actions = [e.action for e in entries(store)]
    assert actions == [
        "user_add",
        "login",
        "login_failed",
        "login_failed",
        "user_disable",
        "login_failed",
    ]


@pytest.mark.parametrize(
    ("agency", "role", "password", "message"),
    [
        ("mi5", "analyst", "long enough pw", "unknown agency 'mi5'"),
        ("gd_psb", "boss", "long enough pw", "unknown role 'boss'"),
        ("gd_psb", "analyst", "short", "at least 10 characters"),
    ],
)
def test_bad_user_is_refused(agency: str, role: str, password: str, message: str) -> None:
    with pytest.raises(InvalidRequest, match=message):
        add_user(Store.memory(), "li", agency=agency, role=role, password=password)
