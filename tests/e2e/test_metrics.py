"""Each service's Prometheus metrics on a running sandbox (issue 21 item 5): calls on both faces, a refusal,
a job run by the clock, and the gauges, read from GET /metrics as Prometheus reads them."""
from __future__ import annotations

import time

import httpx
import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.v1 import exchange_pb2
from prometheus_client.parser import text_string_to_metric_families

from .conftest import Running, SandboxFactory
from .flows import advance_to, buy, create_user, deposit

pytestmark = pytest.mark.e2e
START = "2026-11-20T22:00:00Z"   # a Friday evening, after the close
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(running: Running, service: str) -> Samples:
    reply = httpx.get(f"{running.settings.rest_address(service)}/metrics", timeout=10)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/plain")
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(reply.text) for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_the_services_count_their_calls_jobs_sagas_and_outbox(sandbox_factory: SandboxFactory, store: str,
                                                              request: pytest.FixtureRequest) -> None:
    running = sandbox_factory(START, db_url=request.getfixturevalue("pg_url_template") if store == "postgresql" else "")
    c = running.clients
    bob = create_user(c, "bob")
    deposit(c, bob.user_id, "1000", "dep-1")
    buy(c, bob.user_id, "AAPLx", "1", "buy-1")                               # a saga: the issuer mints
    with pytest.raises(DomainError) as refused:
        c.exchange.GetUser(exchange_pb2.UserRequest(user_id="usr-999999"))
    assert refused.value.reason == "UNKNOWN_USER"
    rest = running.settings.rest_address("exchange")
    assert httpx.post(f"{rest}/v1/Exchange/GetBalances", json={"user_id": bob.user_id}).status_code == 200
    assert httpx.post(f"{rest}/v1/Exchange/GetUser", json={"user_id": "usr-999999"}).status_code == 404
    advance_to(c, "2026-11-23T15:00:00Z")                                    # Monday 10:00 ET: the open has run

    exchange = scrape(running, "exchange")
    calls = "fivelayer_requests_total"
    for method, status in [("Exchange.CreateUser", "OK"), ("Exchange.Deposit", "OK"), ("Exchange.Buy", "OK"),
                           ("Exchange.GetUser", "NOT_FOUND")]:
        assert value(exchange, calls, service="exchange", face="grpc", method=method, status=status) == 1, method
    assert value(exchange, calls, service="exchange", face="rest", method="Exchange.GetBalances", status="200") == 1
    assert value(exchange, calls, service="exchange", face="rest", method="Exchange.GetUser", status="404") == 1
    assert value(exchange, "fivelayer_request_seconds_count", service="exchange", face="grpc",
                 method="Exchange.Buy") == 1
    assert value(exchange, "fivelayer_saga_intents_pending", service="exchange") == 0   # the buy finished
    assert (value(exchange, "fivelayer_outbox_head", service="exchange") or 0) >= 3     # user, deposit, order
    assert value(exchange, "fivelayer_database_up", service="exchange") == 1

    control = scrape(running, "control")
    assert value(control, calls, service="control", face="grpc", method="Clock.Advance", status="OK") == 1
    assert (value(control, "fivelayer_jobs_run_total", service="control", job="market-open", outcome="ok") or 0) >= 1
    assert value(control, "fivelayer_jobs_run_total", service="control", job="market-open", outcome="failed") is None
    # the issuer answered the exchange's mint over gRPC: its scheduler was driven too
    issuer = scrape(running, "issuer")
    assert (value(issuer, calls, service="issuer", face="grpc", method="Scheduler.RunDue", status="OK") or 0) >= 1

    # control's timeline reads every outbox every 2 s and after each advance: nothing stays unread for long
    deadline = time.monotonic() + 15
    while value(exchange, "fivelayer_outbox_depth", service="exchange") != 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        exchange = scrape(running, "exchange")
    assert value(exchange, "fivelayer_outbox_depth", service="exchange") == 0
    assert value(scrape(running, "control"), "fivelayer_outbox_depth", service="control") is not None
