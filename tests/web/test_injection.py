"""Injection, web app channel: names from deliveries are data in every page.

A copy of the browse world whose people carry hostile names (`<script>`, a script
element's end tag, an attribute break-out) is served on 127.0.0.1; the search, entity
and syndicate pages escape them in the HTML, and the syndicate page's network data
(JSON inside a script element) holds them as JSON without ending its element early.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from urllib.parse import quote

import httpx
import pytest
from markupsafe import escape

from borderlink.store import Store
from browse_world import World
from server_fixture import PASSWORD, add_users, running_server

HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"><img src=x onerror=alert(3)>',
]


@pytest.fixture
def hostile_site(copy_world: Callable[[], World]) -> Iterator[tuple[httpx.Client, str, str]]:
    world = copy_world()
    with Store.open(world.workspace) as store:
        for table, column in (("person_records", "name"), ("entities", "names")):
            value = "[?]" if column == "names" else "?"
            key = "record_id" if table == "person_records" else "entity_id"
            for i, name in enumerate(HOSTILE):
                store.execute(
                    f"UPDATE {table} SET {column} = {value} WHERE hash({key}) % 3 = {i}", [name]
                )
        syndicate = store.scalar(
            "SELECT syndicate_id FROM syndicate_members GROUP BY 1 ORDER BY count(*) DESC"
        )
        entity = store.scalar(
            "SELECT entity_id FROM syndicate_members WHERE syndicate_id = ? ORDER BY 1",
            [syndicate],
        )
    add_users(world.workspace)
    with (
        running_server(world.workspace) as url,
        httpx.Client(base_url=url, timeout=60) as client,
    ):
        form = re.search(r'name="csrf" value="([^"]*)"', client.get("/login").text)
        assert form, "the login form carries its CSRF token"
        login = client.post(
            "/login",
            data={"username": "task_force.analyst", "password": PASSWORD, "csrf": form.group(1)},
        )
        assert login.status_code == 303
        yield client, str(syndicate), str(entity)


def _page(client: httpx.Client, path: str) -> str:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    return r.text


def _shown_as_text(page: str) -> None:
    """No hostile name is markup in the page; at least one is shown, escaped."""
    for name in HOSTILE:
        assert name not in page
    assert any(str(escape(name)) in page for name in HOSTILE)


def test_pages_escape_hostile_names(hostile_site: tuple[httpx.Client, str, str]) -> None:
    client, syndicate, entity = hostile_site
    for path in (f"/syndicates/{syndicate}", f"/entities/{entity}"):
        _shown_as_text(_page(client, path))
    # a hostile query is echoed into the search form as text too
    _shown_as_text(_page(client, f"/search?q={quote(HOSTILE[1])}"))


def test_network_data_holds_hostile_names_as_json(
    hostile_site: tuple[httpx.Client, str, str],
) -> None:
    client, syndicate, _ = hostile_site
    page = _page(client, f"/syndicates/{syndicate}")
    block = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S
    )
    assert block is not None
    data = json.loads(block[1])  # what the page's script parses (no entity decoding)
    labels = {m["label"] for m in data["members"]}
    assert labels & set(HOSTILE), labels  # the names reach the diagram, whole
    assert "</script" not in block[1].lower()  # and cannot end their element
