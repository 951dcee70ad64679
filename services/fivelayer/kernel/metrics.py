"""The sandbox's own health and load, as Prometheus metrics (prometheus_client), at GET /metrics on each
service's REST face.

Each service process holds one `ServiceMetrics`: its own registry (so services built side by side in one
test process do not mix), every series labelled with `service` as well (so one Prometheus query sums
over the six without relabelling):

- `fivelayer_requests_total{service,face,method,status}`: requests answered. `face` is "grpc" or "rest";
  `method` is "Exchange.Buy" on both faces (the proto service's short name and the method: gRPC
  `/fivelayer.v1.Exchange/Buy`, REST `POST /v1/Exchange/Buy`), "GET /v1/clock" style (verb and route
  template) for any other HTTP route, "unmatched" for a path no route serves; `status` is the gRPC status
  code's name (OK, FAILED_PRECONDITION, ...: a DomainError's reason maps to one) or the HTTP status
  ("200", "422", ...). Network-fault refusals (kernel/netfaults.py) count with the status they answered.
  The scrape itself (GET /metrics) is not counted: an idle sandbox under a 15 s scrape would otherwise
  show a steady request rate and a latency that is the collector's own.
- `fivelayer_request_seconds{service,face,method}`: a histogram of the time to answer (a stream: to its end).
- `fivelayer_jobs_run_total{service,job,outcome}`: scheduled jobs run (kernel/jobs.py), outcome "ok" or
  "failed" (a failed job stays due and is retried: each attempt counts).
- `fivelayer_saga_intents_pending{service}`: spanning requests begun and not finished (kernel/saga.py's
  `saga_intent` rows): in flight now, or left for a client's retry or the resumer. Counted at scrape time.
- `fivelayer_outbox_depth{service}`: events in the service's outbox (kernel/outbox.py) that control's
  timeline has not yet received. The outbox keeps no record of its readers, so this is read from the
  timeline's own requests: control asks `Events.Subscribe(after_seq=N)` with N the last seq it stored, and
  reads to the head, so after a read that ran to its end the timeline holds everything up to the last seq
  sent, after a read that did not it holds N. Depth is the outbox's head (MAX(seq), its primary key) minus
  that. Until the timeline's first read since this process started the figure is unknown and the series is
  absent (control reads every 2 wall seconds, so it appears within seconds of a start); a depth that grows
  means control is away or cannot keep up.
- `fivelayer_outbox_head{service}`: the outbox's last seq, which is its size (seqs are gap-free from 1):
  `rate()` of it is the service's events per second.
- `fivelayer_database_up{service}`: 1 if the scrape's queries for the two gauges above answered, else 0.

plus prometheus_client's process collector (`process_cpu_seconds_total`, `process_resident_memory_bytes`,
open file descriptors; Prometheus's `instance` label tells the services apart). docs/metrics.md has the
dashboards' queries.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import grpc
from fastapi import FastAPI
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func
from sqlmodel import select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fivelayer.kernel.db import Database
from fivelayer.kernel.outbox import OutboxEvent
from fivelayer.kernel.saga import IntentRow

log = logging.getLogger(__name__)
# No `_created` series beside every counter and histogram: half the series, nothing a dashboard reads lost.
disable_created_metrics()  # type: ignore[no-untyped-call]

METRICS_PATH = "/metrics"
GRPC, REST = "grpc", "rest"
JOB_OK, JOB_FAILED = "ok", "failed"
UNMATCHED = "unmatched"
# Seconds: a read answers in a few milliseconds, a mint in tens to hundreds, a Clock.Advance over weeks in minutes.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 120.0)


class ServiceMetrics:
    """One service's metrics: what its faces and jobs record, and its database's gauges at each scrape."""

    def __init__(self, service: str, db: Database) -> None:
        self.service = service
        self.registry = CollectorRegistry()
        self.requests = Counter("fivelayer_requests", "Requests answered, by face, method and status.",
                                ["service", "face", "method", "status"], registry=self.registry)
        self.latency = Histogram("fivelayer_request_seconds", "Time to answer a request (a stream: to its end).",
                                 ["service", "face", "method"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.jobs = Counter("fivelayer_jobs_run", "Scheduled jobs run under the sandbox clock, by outcome.",
                            ["service", "job", "outcome"], registry=self.registry)
        self.gauges = DatabaseGauges(service, db)
        self.registry.register(self.gauges)
        ProcessCollector(registry=self.registry)

    def request(self, face: str, method: str, status: str, seconds: float) -> None:
        self.requests.labels(self.service, face, method, status).inc()
        self.latency.labels(self.service, face, method).observe(seconds)

    def job_ran(self, job: str, ok: bool) -> None:
        self.jobs.labels(self.service, job, JOB_OK if ok else JOB_FAILED).inc()

    def timeline_has(self, seq: int) -> None:
        """Control's timeline holds this service's events up to `seq` (see `fivelayer_outbox_depth`)."""
        self.gauges.timeline_seq = seq

    def exposition(self) -> bytes:
        """The registry in Prometheus's text format."""
        return generate_latest(self.registry)


class DatabaseGauges(Collector):
    """The gauges read from the service's database at scrape time, two cheap queries: COUNT over the
    saga_intent table (it holds only unfinished requests, a handful of rows) and MAX over the outbox's
    primary key (an index lookup, however long the outbox)."""

    def __init__(self, service: str, db: Database) -> None:
        self.service = service
        self.db = db
        self.timeline_seq: int | None = None  # the last seq control's timeline is known to hold, once known
        self._failing = False

    def describe(self) -> Iterable[Metric]:
        return self._families()

    def _families(self) -> list[GaugeMetricFamily]:
        return [GaugeMetricFamily("fivelayer_saga_intents_pending",
                                  "Spanning requests (sagas) begun and not yet finished.", labels=["service"]),
                GaugeMetricFamily("fivelayer_outbox_depth",
                                  "Outbox events control's timeline has not yet received.", labels=["service"]),
                GaugeMetricFamily("fivelayer_outbox_head", "The outbox's last seq (its size).", labels=["service"]),
                GaugeMetricFamily("fivelayer_database_up", "1 if the service's database answered this scrape.",
                                  labels=["service"])]

    def collect(self) -> Iterator[Metric]:
        pending, depth, head, up = self._families()
        try:
            with self.db.read() as session:
                intents = session.exec(select(func.count()).select_from(IntentRow)).one()
                last = session.exec(select(func.max(OutboxEvent.seq))).one() or 0
        except Exception as error:  # noqa: BLE001 - a database away is what this scrape reports, not a failed scrape
            if not self._failing:
                log.warning("metrics: %s database did not answer: %s", self.service, error)
            self._failing = True
            up.add_metric([self.service], 0)
            yield up
            return
        self._failing = False
        pending.add_metric([self.service], intents)
        head.add_metric([self.service], last)
        known = self.timeline_seq
        if known is not None:
            depth.add_metric([self.service], max(0, last - known))
        up.add_metric([self.service], 1)
        yield from (pending, depth, head, up)


# ---------------------------------------------------------------- the gRPC face

def grpc_method(full: str) -> str:
    """`/fivelayer.v1.Exchange/Buy` -> `Exchange.Buy` (the REST face's route name for the same method)."""
    service, _, method = full.lstrip("/").partition("/")
    return f"{service.rpartition('.')[2]}.{method}"


def _status(context: grpc.ServicerContext, raised: bool) -> str:
    """The status the call ended with: the code the handler set or aborted with (a DomainError's, through
    kernel/rpc.py's abort), else OK, or UNKNOWN for an exception that set none (gRPC answers UNKNOWN)."""
    code = context.code()  # type: ignore[attr-defined]  # grpc's ServicerContext.code(), missing from the stubs
    if isinstance(code, grpc.StatusCode):
        return code.name
    return "UNKNOWN" if raised else "OK"


class MetricsInterceptor(grpc.ServerInterceptor):
    """Counts and times every gRPC call the server answers, unary and streaming. The first interceptor,
    so a network fault's refusal (netfaults.FaultInterceptor, inside it) counts too."""

    def __init__(self, metrics: ServiceMetrics) -> None:
        self.metrics = metrics

    def intercept_service(self, continuation: Callable[[Any], Any], handler_call_details: Any) -> Any:
        handler = continuation(handler_call_details)
        if handler is None:
            return None  # no such method: gRPC answers UNIMPLEMENTED without a handler
        method = grpc_method(handler_call_details.method)
        if handler.unary_unary is not None:
            return handler._replace(unary_unary=self._single(method, handler.unary_unary))
        if handler.stream_unary is not None:
            return handler._replace(stream_unary=self._single(method, handler.stream_unary))
        if handler.unary_stream is not None:
            return handler._replace(unary_stream=self._stream(method, handler.unary_stream))
        return handler._replace(stream_stream=self._stream(method, handler.stream_stream))

    def _single(self, method: str, inner: Callable[[Any, grpc.ServicerContext], Any]
                ) -> Callable[[Any, grpc.ServicerContext], Any]:
        def answer(request: Any, context: grpc.ServicerContext) -> Any:
            start = time.perf_counter()
            raised = True
            try:
                reply = inner(request, context)
                raised = False
                return reply
            finally:
                self.metrics.request(GRPC, method, _status(context, raised), time.perf_counter() - start)

        return answer

    def _stream(self, method: str, inner: Callable[[Any, grpc.ServicerContext], Iterable[Any]]
                ) -> Callable[[Any, grpc.ServicerContext], Iterator[Any]]:
        def answer(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            start = time.perf_counter()
            status = "CANCELLED"  # the stream closed before its end: the client went away
            try:
                yield from inner(request, context)
                status = _status(context, raised=False)
            except GeneratorExit:
                raise
            except BaseException:
                status = _status(context, raised=True)
                raise
            finally:
                self.metrics.request(GRPC, method, status, time.perf_counter() - start)

        return answer


# ---------------------------------------------------------------- the REST face

def rest_method(scope: Scope) -> str:
    """The route that answered: `Exchange.Buy` for a generated `/v1/Exchange/Buy` (as on gRPC), else the
    verb and the route's template (`GET /v1/accounts/{account_id}`: one series per route, not per id)."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not isinstance(path, str):
        return UNMATCHED
    name = getattr(route, "name", "")
    if path.startswith("/v1/") and name == path[4:].replace("/", "."):
        return str(name)
    return f"{scope.get('method', 'GET')} {path}"


class RestMetrics:
    """ASGI middleware: counts and times each HTTP request by route and status (an exception: 500).
    Plain ASGI rather than Starlette's BaseHTTPMiddleware: no task and stream per request."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == METRICS_PATH:
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            # the router writes the matched route into the scope it was given, which is this one
            self.metrics.request(REST, rest_method(scope), str(status), time.perf_counter() - start)


def install_metrics(app: FastAPI, metrics: ServiceMetrics) -> None:
    """Serve GET /metrics (not in the OpenAPI document) and count every other request. Install it last,
    so it is the outermost middleware and sees what the others answer."""

    def scrape() -> Response:  # a plain function: FastAPI runs it in a worker thread (it reads the database)
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    app.add_api_route(METRICS_PATH, scrape, methods=["GET"], include_in_schema=False, name="metrics")
    app.add_middleware(RestMetrics, metrics=metrics)

