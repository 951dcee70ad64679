"""Each service's Prometheus metrics (kernel/metrics.py, issue 21 item 5) without processes: the gRPC
interceptor's and the REST middleware's labels, the jobs counted, and the gauges read from a database."""
from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from fastapi.testclient import TestClient
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import JobBook, JobRunner, SchedulerServicer
from fivelayer.kernel.metrics import MetricsInterceptor, ServiceMetrics, grpc_method, install_metrics
from fivelayer.kernel.netfaults import CALLER_HEADER, FaultTable, install_rest_faults
from fivelayer.kernel.outbox import EventsServicer, OutboxEvent
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rest import build_rest_app
from fivelayer.kernel.saga import IntentRow
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import common_pb2, common_pb2_grpc, exchange_pb2, exchange_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)   # a Friday evening
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def samples(metrics: ServiceMetrics) -> Samples:
    """Every sample of a scrape, parsed as Prometheus parses it: (name, labels) -> value."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(metrics.exposition().decode()) for s in family.samples}


def value(scrape: Samples, name: str, **labels: str) -> float | None:
    return scrape.get((name, frozenset(labels.items())))


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path}/svc.db")


def _record(db: Database, seqs: range) -> None:
    with db.transaction() as session:
        for seq in seqs:
            session.add(OutboxEvent(seq=seq, at=AT, type="token.mint", payload="{}"))


def test_the_grpc_method_is_named_as_the_rest_route_is() -> None:
    assert grpc_method("/fivelayer.v1.Exchange/Buy") == "Exchange.Buy"
    assert grpc_method("/grpc.health.v1.Health/Check") == "Health.Check"


@pytest.fixture
def served(db: Database) -> Iterator[tuple[grpc.Channel, ServiceMetrics]]:
    """A gRPC server with the interceptor, serving a service's kernel faces: the outbox (a stream) and the
    scheduler, whose one job fails at its second run."""
    metrics = ServiceMetrics("svc", db)
    book = JobBook()
    runs: list[datetime] = []

    @book.cron("open", day_of_week="mon-fri", hour=9, minute=30)
    def job(at: datetime) -> str:
        runs.append(at)
        if len(runs) == 2:
            raise RuntimeError("the tape is late")
        return "opened"

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), interceptors=[MetricsInterceptor(metrics)])
    common_pb2_grpc.add_EventsServicer_to_server(EventsServicer("svc", db, metrics.timeline_has), server)
    common_pb2_grpc.add_SchedulerServicer_to_server(
        SchedulerServicer(JobRunner("svc", db, book, FixedClock(AT), metrics)), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    try:
        yield channel, metrics
    finally:
        channel.close()
        server.stop(grace=None)


def test_the_interceptor_counts_grpc_calls_by_method_and_status_and_the_jobs_by_outcome(
        served: tuple[grpc.Channel, ServiceMetrics], db: Database) -> None:
    channel, metrics = served
    events, scheduler = common_pb2_grpc.EventsStub(channel), common_pb2_grpc.SchedulerStub(channel)
    _record(db, range(1, 4))
    assert events.Head(common_pb2.Empty()).seq == 3
    assert [e.seq for e in events.Subscribe(common_pb2.SubscribeRequest(after_seq=1))] == [2, 3]   # a stream
    with pytest.raises(grpc.RpcError) as refused:                                          # refused in a stream
        list(events.Subscribe(common_pb2.SubscribeRequest(max_seconds=99_999)))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    monday = to_ts(AT + timedelta(days=3, hours=12))
    scheduler.RunDue(common_pb2.RunDueRequest(now=monday))                                 # Monday's open: ok
    with pytest.raises(grpc.RpcError) as failed:                                           # Tuesday's: the job fails
        scheduler.RunDue(common_pb2.RunDueRequest(now=to_ts(AT + timedelta(days=4, hours=12))))
    assert failed.value.code() == grpc.StatusCode.INTERNAL                                 # JOB_FAILED's status

    scrape = samples(metrics)
    calls = "fivelayer_requests_total"
    assert value(scrape, calls, service="svc", face="grpc", method="Events.Head", status="OK") == 1
    assert value(scrape, calls, service="svc", face="grpc", method="Events.Subscribe", status="OK") == 1
    assert value(scrape, calls, service="svc", face="grpc", method="Events.Subscribe", status="INVALID_ARGUMENT") == 1
    assert value(scrape, calls, service="svc", face="grpc", method="Scheduler.RunDue", status="OK") == 1
    assert value(scrape, calls, service="svc", face="grpc", method="Scheduler.RunDue", status="INTERNAL") == 1
    assert value(scrape, "fivelayer_request_seconds_count", service="svc", face="grpc",
                 method="Events.Subscribe") == 2
    assert value(scrape, "fivelayer_jobs_run_total", service="svc", job="open", outcome="ok") == 1
    assert value(scrape, "fivelayer_jobs_run_total", service="svc", job="open", outcome="failed") == 1
    assert not any(name.endswith("_created") for name, _ in scrape)


def test_the_outbox_depth_is_what_controls_timeline_has_not_received(
        served: tuple[grpc.Channel, ServiceMetrics], db: Database) -> None:
    channel, metrics = served
    events = common_pb2_grpc.EventsStub(channel)
    _record(db, range(1, 6))
    assert value(samples(metrics), "fivelayer_outbox_head", service="svc") == 5
    assert value(samples(metrics), "fivelayer_outbox_depth", service="svc") is None   # no timeline read yet: unknown
    list(events.Subscribe(common_pb2.SubscribeRequest(after_seq=0)))                # another reader: not the timeline
    assert value(samples(metrics), "fivelayer_outbox_depth", service="svc") is None
    timeline = ((CALLER_HEADER, "control"),)
    assert len(list(events.Subscribe(common_pb2.SubscribeRequest(after_seq=2), metadata=timeline))) == 3
    assert value(samples(metrics), "fivelayer_outbox_depth", service="svc") == 0      # it read to the head
    _record(db, range(6, 8))
    assert value(samples(metrics), "fivelayer_outbox_depth", service="svc") == 2
    assert value(samples(metrics), "fivelayer_outbox_head", service="svc") == 7


def test_the_saga_gauge_counts_the_intents_left_and_a_database_away_says_so(db: Database, tmp_path: Path) -> None:
    metrics = ServiceMetrics("svc", db)
    assert value(samples(metrics), "fivelayer_saga_intents_pending", service="svc") == 0
    with db.transaction() as session:
        for n in range(3):
            session.add(IntentRow(key=f"Buy:r{n}", method="Buy", request_hash="h", request_type="t", request=b"",
                                  plan="{}", begun_wall=0.0))
    scrape = samples(metrics)
    assert value(scrape, "fivelayer_saga_intents_pending", service="svc") == 3
    assert value(scrape, "fivelayer_database_up", service="svc") == 1
    assert value(scrape, "process_resident_memory_bytes") is not None                   # the process's own
    away = ServiceMetrics("svc", Database(f"sqlite:///{tmp_path}/svc.db"))
    away.gauges.db.engine.dispose()
    (tmp_path / "svc.db").unlink()                                                      # the database is gone
    (tmp_path / "svc.db").mkdir()                                                       # and cannot be opened
    scrape = samples(away)
    assert value(scrape, "fivelayer_database_up", service="svc") == 0
    assert value(scrape, "fivelayer_saga_intents_pending", service="svc") is None


class Desk(exchange_pb2_grpc.ExchangeServicer):
    """An exchange that knows no user and has every balance."""

    def GetUser(self, request: exchange_pb2.UserRequest, context: object) -> exchange_pb2.User:
        raise DomainError(Common.NOT_FOUND, f"no user {request.user_id!r}")

    def GetBalances(self, request: exchange_pb2.UserRequest, context: object) -> exchange_pb2.Balances:
        return exchange_pb2.Balances(user_id=request.user_id)


def test_the_rest_middleware_counts_by_route_and_http_status_and_serves_metrics(db: Database) -> None:
    metrics = ServiceMetrics("exchange", db)
    app = build_rest_app("exchange", [(exchange_pb2.DESCRIPTOR.services_by_name["Exchange"], Desk())])
    install_rest_faults(app, FaultTable())
    install_metrics(app, metrics)   # as kernel/server.py's rest_app does: last, the outermost
    client = TestClient(app)
    assert client.post("/v1/Exchange/GetBalances", json={"user_id": "u1"}).status_code == 200
    assert client.post("/v1/Exchange/GetBalances", json={"user_id": "u1"}).status_code == 200
    assert client.post("/v1/Exchange/GetUser", json={"user_id": "u9"}).status_code == 404     # the domain refused
    assert client.post("/v1/Exchange/GetUser", content=b"{bad").status_code == 400           # refused before it
    assert client.get("/healthz").status_code == 200
    assert client.get("/nowhere").status_code == 404
    scraped = client.get("/metrics")
    assert scraped.status_code == 200 and scraped.headers["content-type"].startswith("text/plain")
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]

    scrape = samples(metrics)
    calls = "fivelayer_requests_total"
    assert value(scrape, calls, service="exchange", face="rest", method="Exchange.GetBalances", status="200") == 2
    assert value(scrape, calls, service="exchange", face="rest", method="Exchange.GetUser", status="404") == 1
    assert value(scrape, calls, service="exchange", face="rest", method="Exchange.GetUser", status="400") == 1
    assert value(scrape, calls, service="exchange", face="rest", method="GET /healthz", status="200") == 1
    assert value(scrape, calls, service="exchange", face="rest", method="unmatched", status="404") == 1
    assert not any("/metrics" in dict(labels).get("method", "") for _, labels in scrape)        # a scrape: not counted
    assert value(scrape, "fivelayer_request_seconds_bucket", service="exchange", face="rest",
                 method="Exchange.GetBalances", le="+Inf") == 2
