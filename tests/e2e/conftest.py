"""End-to-end fixtures: real service processes on free ports, driven through their public APIs."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from fivelayer.cli.supervisor import Sandbox, free_port_base, release_port_base
from fivelayer.kernel.config import SERVICES, Settings
from fivelayer.kernel.rpc import Clients
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "FIVELAYER_TEST_PG_URL"
PARTNER = ("PKTESTPARTNER0000001", "test-partner-secret")  # the Broker API correspondent of test sandboxes


class Running:
    """A started sandbox and typed clients for it."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.settings = sandbox.settings
        self.clients = Clients(sandbox.settings)

    def stop(self) -> None:
        """Close the clients, stop the services, and give the port block back to the host."""
        self.clients.close()
        self.sandbox.stop_all()
        release_port_base(self.settings.port_base)


def start_sandbox(data_dir: Path, start: str, db_url: str = "", seed: int = 7) -> Running:
    settings = Settings(port_base=free_port_base(), data_dir=data_dir, db_url=db_url, seed=seed)
    sandbox = Sandbox(settings, start=start, partner=PARTNER)
    sandbox.start_all(timeout=90)
    return Running(sandbox)


class SandboxFactory(Protocol):
    """What the `sandbox_factory` fixture gives a test: start a sandbox at `start` (its data under `name`),
    stopped when the test ends."""

    def __call__(self, start: str, name: str = "data", db_url: str = "", seed: int = 7) -> Running: ...


@pytest.fixture
def sandbox_factory(tmp_path: Path) -> Iterator[SandboxFactory]:
    started: list[Running] = []

    def make(start: str, name: str = "data", db_url: str = "", seed: int = 7) -> Running:
        running = start_sandbox(tmp_path / name, start, db_url, seed)
        started.append(running)
        return running

    yield make
    for running in started:
        running.stop()


@pytest.fixture
def pg_url_template() -> Iterator[str]:
    """A {service} URL template on fresh PostgreSQL databases, dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL to test against (.ci/run sets it)")
    prefix = f"fl_{uuid.uuid4().hex[:8]}"
    url = make_url(base)
    yield url.set(database=f"{prefix}_{{service}}").render_as_string(hide_password=False).replace("%7B", "{") \
        .replace("%7D", "}")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for service in SERVICES:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{prefix}_{service}" WITH (FORCE)'))
    admin.dispose()
