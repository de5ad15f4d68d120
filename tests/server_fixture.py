"""A real uvicorn server on 127.0.0.1 (a free port) over a copy of the browse world,
with one user per agency and role. Shared by the API, access-matrix and browser tests.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn

from borderlink.access import ROLES, add_user, default_policy
from borderlink.api.app import create_app
from borderlink.store import Store
from browse_world import World

PASSWORD = "test password 123"


@dataclass
class Served:
    url: str
    world: World
    users: dict[tuple[str, str], str] = field(default_factory=dict)  # (agency, role) -> name
    tokens: dict[str, str] = field(default_factory=dict)

    def user(self, agency: str, role: str = "analyst") -> str:
        return self.users[(agency, role)]

    def client(self, username: str | None = None) -> httpx.Client:
        headers = {}
        if username is not None:
            if username not in self.tokens:
                r = httpx.post(
                    f"{self.url}/api/auth/token", data={"username": username, "password": PASSWORD}
                )
                r.raise_for_status()
                self.tokens[username] = r.json()["access_token"]
            headers["Authorization"] = f"Bearer {self.tokens[username]}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def add_users(workspace: Path) -> dict[tuple[str, str], str]:
    users: dict[tuple[str, str], str] = {}
    with Store.open(workspace) as store:
        for agency in default_policy().agencies:
            for role in ROLES:
                name = f"{agency}.{role}"
                add_user(store, name, agency=agency, role=role, password=PASSWORD)
                users[(agency, role)] = name
    return users


@pytest.fixture(scope="session")
def served(
    browse_world_master: World, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    workspace = root / "ws"
    shutil.copytree(browse_world_master.workspace, workspace)
    users = add_users(workspace)
    w = browse_world_master
    world = World(workspace, w.export, w.hk_record_key, w.gd_record_key, w.hk_case, w.gd_case)
    with serving(workspace) as url:
        yield Served(url, world, users)


@contextmanager
def serving(workspace: Path) -> Iterator[str]:
    """A real server over `workspace` on a free port of 127.0.0.1; yields its URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
