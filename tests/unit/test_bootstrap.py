"""Each service's bootstrap assembles it in process: on SQLite in a scratch folder, with its peers'
clients pointing at ports where nothing listens (they are never called), nothing started. Its gRPC
faces and the kernel's are there, its jobs are driven by its Scheduler, its books prove, and its
REST face answers a read. The CLI imports no service's code."""
from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from fivelayer.kernel.config import REPO_ROOT, Settings
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.server import Parts
from fivelayer.v1 import common_pb2

START = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
NOWHERE = 1  # ports 1-6 and 101-106: nothing of ours listens there, and nothing is called
KERNEL = {"Events", "Scheduler", "Books", "NetworkFaults"}


class Fixed:
    """The sandbox clock as a peer reads it: here, one instant."""

    def now(self) -> datetime:
        return START


def control(settings: Settings) -> Parts:
    from fivelayer.control.bootstrap import build
    return build(settings, start=START)


def chain(settings: Settings) -> Parts:
    from fivelayer.chain.bootstrap import build
    return build(settings, Fixed())


def depository(settings: Settings) -> Parts:
    from fivelayer.depository.bootstrap import build
    return build(settings, Fixed())


def broker(settings: Settings) -> Parts:
    from fivelayer.broker.bootstrap import build
    return build(settings, Fixed())


def issuer(settings: Settings) -> Parts:
    from fivelayer.issuer.bootstrap import build
    return build(settings, Fixed())


def exchange(settings: Settings) -> Parts:
    from fivelayer.exchange.bootstrap import build
    return build(settings, Fixed(), confirmations=2)


# each service: its bootstrap, its own gRPC services, its background passes, and a read its REST face
# answers from its database
SERVICES: dict[str, tuple[Callable[[Settings], Parts], set[str], list[str], str, str]] = {
    "control": (control, {"Clock", "MarketData", "Sandbox", "Faults", "Drills"}, ["timeline-sync"],
                "/v1/Clock/Now", "now"),
    "chain": (chain, {"Chain", "Stablecoin"}, [], "/v1/Chain/ListTokens", "tokens"),
    "depository": (depository, {"Depository"}, [], "/v1/Depository/ListParticipants", "participants"),
    "broker": (broker, {"Broker"}, ["report-fills", "in-kind-mints"], "/v1/Broker/ListAccounts", "accounts"),
    "issuer": (issuer, {"Issuer"}, ["pending-hedges", "resume-requests"], "/v1/Issuer/ListMints", "mints"),
    "exchange": (exchange, {"Exchange", "Perpetuals"}, ["resume-requests", "deposit-watch"],
                 "/v1/Exchange/ListUsers", "users"),
}


@pytest.mark.parametrize("service", list(SERVICES))
def test_bootstrap_assembles_a_service_in_process(service: str, tmp_path: Path) -> None:
    build, own, passes, path, key = SERVICES[service]
    parts = build(Settings(port_base=NOWHERE, data_dir=tmp_path))
    assert parts.runtime.name == service
    faces = {e.descriptor.name: e.servicer for e in parts.everything()}
    assert set(faces) == own | KERNEL
    assert [p.name for p in parts.passes] == passes
    assert parts.jobs.jobs, "control drives its jobs"
    report: Any = cast(Any, faces["Books"]).Prove(common_pb2.Empty(), LocalContext())
    assert report.balanced, report
    due: Any = cast(Any, faces["Scheduler"]).NextDue(common_pb2.Empty(), LocalContext())
    assert not due.has_due or due.at.ToDatetime(UTC) >= START
    with TestClient(parts.rest_app()) as rest:
        answer = rest.post(path, json={})
        assert answer.status_code == 200, answer.text
        assert key in answer.json()
        assert rest.get("/healthz").json()["service"] == service


def test_the_cli_imports_no_service_code() -> None:
    found = subprocess.run(["grep", "-rnE", r"fivelayer\.(broker|issuer|exchange|depository|chain|control)",
                            str(REPO_ROOT / "services" / "fivelayer" / "cli")], capture_output=True, text=True)
    assert found.returncode == 1 and not found.stdout, found.stdout
