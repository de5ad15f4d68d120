"""The web app's forms against a real server: the session cookie's flags, CSRF tokens on
the login form, on every other form and on script POSTs, and the one error envelope when
a token is missing or wrong."""

from __future__ import annotations

import re

import httpx

from server_fixture import PASSWORD, Served


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def _login(served: Served, client: httpx.Client, user: str) -> None:
    form = client.get("/login")
    data = {"username": user, "password": PASSWORD, "csrf": _field(form.text, "csrf")}
    r = client.post("/login", data=data)
    assert r.status_code == 303, r.text[:200]
    cookie = r.headers["set-cookie"].lower()
    assert "borderlink_session=" in cookie and "httponly" in cookie
    assert "samesite=strict" in cookie


def test_login_form_needs_its_csrf_token(served: Served) -> None:
    with httpx.Client(base_url=served.url) as c:
        c.get("/login")
        data = {"username": served.user("gd_psb"), "password": PASSWORD}
        missing = c.post("/login", data=data)
        assert missing.status_code == 403
        assert missing.json()["error"]["code"] == "forbidden"
        wrong = c.post("/login", data={**data, "csrf": "x" * 32})
        assert wrong.status_code == 403 and "borderlink_session" not in c.cookies
    with httpx.Client(base_url=served.url) as c:
        _login(served, c, served.user("gd_psb"))
        assert c.get("/search").status_code == 200


def test_forms_and_script_posts_need_the_session_csrf_token(served: Served) -> None:
    with httpx.Client(base_url=served.url) as c:
        _login(served, c, served.user("yn_psb"))
        page = c.get("/review")
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
        assert csrf
        token = csrf.group(1)
        pair = re.search(r"/review/pair\?a=([^&\"]+)&(?:amp;)?b=([^\"&]+)", page.text)
        assert pair, "no pair to decide on"
        form = {
            "record_a": pair.group(1),
            "record_b": pair.group(2),
            "decision": "different",
            "reason": "csrf test",
        }
        assert c.post("/review/decide", data=form).status_code == 403
        assert c.post("/review/decide", data={**form, "csrf": "wrong"}).status_code == 403
        assert c.post("/review/decide", data={**form, "csrf": token}).status_code == 303
        # a script's POST with the cookie must send the token as a header
        body = {k: form[k] for k in ("record_a", "record_b")} | {
            "decision": "possible_alias",
            "reason": "csrf test, script",
        }
        bare = c.post("/api/review/decisions", json=body)
        assert bare.status_code == 403 and bare.json()["error"]["code"] == "forbidden"
        sent = c.post("/api/review/decisions", json=body, headers={"X-CSRF-Token": token})
        assert sent.status_code == 201
        assert c.post("/logout", data={}).status_code == 403  # logout is a form too
        assert c.get("/search").status_code == 200  # still logged in
        assert c.post("/logout", data={"csrf": token}).status_code == 303
        assert c.get("/api/me").status_code == 401
