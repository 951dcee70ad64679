"""Network faults, enforced by the faulted service on its own faces (gRPC and REST) or on one hop.

Control owns faults (`control/faults.py`) and gives each service the set in force on it
(`NetworkFaults.Apply`); this module decides, request by request, what a fault does:

- latency: the answer waits `latency_ms` plus up to `jitter_ms`;
- error: the request is refused with the chosen gRPC status (REST: the chosen HTTP status);
- timeout: no answer until the caller's deadline (REST: a 504 after `latency_ms`, 30 s by default);
- lost-reply: the request is applied and committed, then its reply is dropped (UNAVAILABLE /
  503): the hardest case for a client's retry, since the work was done;
- outage: the service is unreachable (UNAVAILABLE / 503), nothing is applied;
- rate-limit: past `limit` requests in a window of `window_seconds`, RESOURCE_EXHAUSTED / 429
  with `Retry-After` and `X-RateLimit-Limit/Remaining/Reset`, as a real broker API answers.

Each fault draws from its own `random.Random(seed)` once per request it matches, so the same
seed and the same sequence of requests hit the same requests. A fault with `max_requests` ends
after hitting that many. A hop is named by the caller's service (`fivelayer-caller` metadata,
set by every service's RPC client); an integrator's own calls carry none. The kernel's own
services (scheduler, events, books, health) and control's clock are never faulted, so the
sandbox can always be driven and the faults cleared.
"""
from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import grpc

from fivelayer.kernel.faults import NETWORK, names
from fivelayer.kernel.money import from_pb
from fivelayer.v1 import common_pb2, common_pb2_grpc

if TYPE_CHECKING:
    from fastapi import FastAPI

CALLER_HEADER = "fivelayer-caller"
NETWORK_KINDS = names(NETWORK)  # declared in kernel/faults.py's catalogue: latency, error, timeout, ...
EXEMPT_SERVICES = frozenset({"fivelayer.v1.Events", "fivelayer.v1.Scheduler", "fivelayer.v1.Books",
                             "fivelayer.v1.NetworkFaults", "fivelayer.v1.Clock", "fivelayer.v1.Faults",
                             "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"})
REST_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Outcome:
    """What the faults in force do to one request."""

    delay: float = 0.0               # wall seconds to wait before answering
    refuse: str = ""                 # "error", "timeout", "outage", "rate-limit": answer without applying
    grpc_code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE
    http_status: int = 503
    drop_reply: bool = False         # lost-reply: apply, then drop the answer
    headers: dict[str, str] = field(default_factory=dict)
    message: str = ""


@dataclass
class Active:
    """One fault in force here, with its seeded draws and its count of hits."""

    spec: common_pb2.NetworkFault
    rng: random.Random
    hits: int = 0
    window_start: float = 0.0
    window_count: int = 0

    @property
    def exhausted(self) -> bool:
        return self.spec.max_requests > 0 and self.hits >= self.spec.max_requests

    def matches(self, face: str, caller: str, method: str) -> bool:
        s = self.spec
        return (not self.exhausted and (not s.face or s.face == face)
                and (not s.from_service or s.from_service == caller) and (not s.method or s.method == method))


@dataclass
class Made:
    """What the faults hitting one request have made of it so far (an `Outcome` once all have drawn)."""

    delay: float = 0.0
    refuse: str = ""
    code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE
    status: int = 503
    drop: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    message: str = ""


def _latency(made: Made, active: Active, fault_id: str) -> None:
    s = active.spec
    jitter = active.rng.random() * s.jitter_ms if s.jitter_ms else 0.0
    made.delay += (s.latency_ms + jitter) / 1000


def _lost_reply(made: Made, active: Active, fault_id: str) -> None:
    made.drop, made.message = True, f"the reply was lost ({fault_id})"


def _refusal(refuse: Callable[[Made, common_pb2.NetworkFault, str], None]) -> Callable[[Made, Active, str], None]:
    """A kind that refuses the request: only the first refusal among the faults hitting it counts."""
    def effect(made: Made, active: Active, fault_id: str) -> None:
        if not made.refuse:
            made.refuse = active.spec.kind
            refuse(made, active.spec, fault_id)
    return effect


def _error(made: Made, s: common_pb2.NetworkFault, fault_id: str) -> None:
    made.code, made.status = _code(s.grpc_code), s.http_status or 503
    made.message = f"injected error {made.code.name} ({fault_id})"


def _timeout(made: Made, s: common_pb2.NetworkFault, fault_id: str) -> None:
    made.code, made.status = grpc.StatusCode.DEADLINE_EXCEEDED, 504
    made.delay += s.latency_ms / 1000 if s.latency_ms else 0.0
    made.message = f"no answer before the deadline ({fault_id})"


def _outage(made: Made, s: common_pb2.NetworkFault, fault_id: str) -> None:
    made.code, made.status, made.message = grpc.StatusCode.UNAVAILABLE, 503, f"service unreachable ({fault_id})"


# what each network kind does to a request it hits, one entry per kind of the kernel's catalogue
# (rate-limit counts every request instead: `FaultTable._rate_limit`)
EFFECTS: dict[str, Callable[[Made, Active, str], None]] = {
    "latency": _latency, "error": _refusal(_error), "timeout": _refusal(_timeout),
    "lost-reply": _lost_reply, "outage": _refusal(_outage)}
if set(EFFECTS) | {"rate-limit"} != set(NETWORK_KINDS):
    raise ValueError(f"kernel/netfaults.py handles {sorted(EFFECTS)}, the catalogue declares {NETWORK_KINDS}")


def _code(name: str) -> grpc.StatusCode:
    return getattr(grpc.StatusCode, name.upper(), grpc.StatusCode.UNAVAILABLE) if name else grpc.StatusCode.UNAVAILABLE


class FaultTable:
    """The network faults in force on this service (thread-safe), and the decision per request."""

    def __init__(self, wall: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._active: dict[str, Active] = {}
        self._wall = wall

    def apply(self, faults: list[common_pb2.NetworkFault]) -> None:
        """Replace the set; a fault already in force keeps its draws and counts."""
        with self._lock:
            kept = {f.fault_id: self._active.get(f.fault_id) or Active(f, random.Random(f.seed)) for f in faults}
            self._active = kept

    def hits(self) -> list[common_pb2.FaultHit]:
        with self._lock:
            return [common_pb2.FaultHit(fault_id=i, hits=a.hits, exhausted=a.exhausted)
                    for i, a in sorted(self._active.items())]

    def decide(self, face: str, caller: str, method: str) -> Outcome:
        """Draw once from each matching fault, in fault-id order, and combine what they do: a rate limit
        counts every request; another kind hits a request its draw falls under its rate, and does its
        `EFFECTS` (the first refusal wins; delays add up)."""
        made = Made()
        with self._lock:
            for fault_id, active in sorted(self._active.items()):
                if not active.matches(face, caller, method):
                    continue
                draw = active.rng.random()
                if active.spec.kind == "rate-limit":
                    self._rate_limit(made, active, fault_id)
                    continue
                if Decimal(str(draw)) >= from_pb(active.spec.rate, Decimal(1)):
                    continue
                active.hits += 1
                EFFECTS[active.spec.kind](made, active, fault_id)
        return Outcome(made.delay, made.refuse, made.code, made.status, made.drop, made.headers, made.message)

    def _rate_limit(self, made: Made, active: Active, fault_id: str) -> None:
        s = active.spec
        hit, headers = self._rate_limited(active)
        made.headers = headers
        if hit:
            made.refuse, made.code, made.status = "rate-limit", grpc.StatusCode.RESOURCE_EXHAUSTED, 429
            made.message = f"rate limit of {s.limit} requests per {s.window_seconds}s exceeded ({fault_id})"
            active.hits += 1

    def _rate_limited(self, active: Active) -> tuple[bool, dict[str, str]]:
        s, now = active.spec, self._wall()
        window = max(s.window_seconds, 1)
        if now - active.window_start >= window:
            active.window_start, active.window_count = now, 0
        active.window_count += 1
        reset = max(1, math.ceil(active.window_start + window - now))
        remaining = max(s.limit - active.window_count, 0)
        headers = {"X-RateLimit-Limit": str(s.limit), "X-RateLimit-Remaining": str(remaining),
                   "X-RateLimit-Reset": str(reset)}
        if active.window_count > s.limit:
            return True, {**headers, "Retry-After": str(reset)}
        return False, headers


def _caller(metadata: Any) -> str:
    for key, value in metadata or ():
        if key == CALLER_HEADER:
            return str(value)
    return ""


class FaultInterceptor(grpc.ServerInterceptor):
    """Applies the table to the gRPC face: unary calls of the service's own APIs."""

    def __init__(self, table: FaultTable) -> None:
        self.table = table

    def intercept_service(self, continuation: Callable[[Any], Any], handler_call_details: Any) -> Any:
        handler = continuation(handler_call_details)
        service, _, method = handler_call_details.method.lstrip("/").partition("/")
        if handler is None or handler.unary_unary is None or service in EXEMPT_SERVICES:
            return handler
        caller = _caller(handler_call_details.invocation_metadata)
        inner = handler.unary_unary

        def faulted(request: Any, context: grpc.ServicerContext) -> Any:
            outcome = self.table.decide("grpc", caller, method)
            if outcome.refuse == "timeout":
                remaining = context.time_remaining()
                time.sleep(min(remaining, 3600.0) if remaining is not None else REST_TIMEOUT_SECONDS)
            elif outcome.delay:
                time.sleep(outcome.delay)
            if outcome.refuse:
                if outcome.headers:
                    context.set_trailing_metadata(tuple((k.lower(), v) for k, v in outcome.headers.items()))
                context.abort(outcome.grpc_code, f"[{outcome.grpc_code.name}] {outcome.message}")
            reply = inner(request, context)
            if outcome.drop_reply:
                context.abort(grpc.StatusCode.UNAVAILABLE, f"[UNAVAILABLE] {outcome.message}")
            return reply

        return grpc.unary_unary_rpc_method_handler(faulted, request_deserializer=handler.request_deserializer,
                                                   response_serializer=handler.response_serializer)


class NetworkFaultsServicer(common_pb2_grpc.NetworkFaultsServicer):
    def __init__(self, table: FaultTable) -> None:
        self.table = table

    def Apply(self, request: common_pb2.NetworkFaultSet, context: Any) -> common_pb2.Empty:
        self.table.apply(list(request.faults))
        return common_pb2.Empty()

    def Hits(self, request: common_pb2.Empty, context: Any) -> common_pb2.FaultHits:
        return common_pb2.FaultHits(hits=self.table.hits())


def install_rest_faults(app: FastAPI, table: FaultTable) -> None:
    """Applies the table to the REST face (`POST /v1/<Service>/<Method>`), as on the gRPC face, and
    to any other `/v1/` route a service serves (the broker's Broker API face, whose `--method` is
    the route's path, e.g. `/v1/clock`, and whose refusals take that face's `{"code", "message"}`)."""
    import asyncio

    from fastapi import Request
    from fastapi.responses import JSONResponse, Response

    def problem(outcome: Outcome, status: int, reason: str) -> JSONResponse:
        body = {"type": f"https://fivelayer.dev/problems/{reason.lower().replace('_', '-')}", "title": reason,
                "status": status, "detail": outcome.message, "reason": reason}
        return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=outcome.headers)

    def refusal(outcome: Outcome, status: int, reason: str, generated: bool) -> JSONResponse:
        if generated:
            return problem(outcome, status, reason)
        body = {"code": status * 100000, "message": f"[{reason}] {outcome.message}"}
        return JSONResponse(body, status_code=status, headers=outcome.headers)

    @app.middleware("http")
    async def faults(request: Request, call_next: Callable[[Request], Any]) -> Response:
        parts = request.url.path.strip("/").split("/")
        generated = len(parts) == 3 and parts[1][:1].isupper()  # /v1/<Service>/<Method>
        if parts[0] != "v1" or len(parts) < 2 or (generated and f"fivelayer.v1.{parts[1]}" in EXEMPT_SERVICES):
            response: Response = await call_next(request)
            return response
        method = parts[2] if generated else request.url.path
        outcome = table.decide("rest", request.headers.get(CALLER_HEADER, ""), method)
        if outcome.refuse == "timeout":
            await asyncio.sleep(outcome.delay or REST_TIMEOUT_SECONDS)
        elif outcome.delay:
            await asyncio.sleep(outcome.delay)
        if outcome.refuse:
            reason = {"rate-limit": "RATE_LIMITED", "timeout": "DEADLINE_EXCEEDED"}.get(outcome.refuse, "UNAVAILABLE")
            if outcome.refuse == "error":
                reason = outcome.grpc_code.name
            return refusal(outcome, outcome.http_status, reason, generated)
        response = await call_next(request)
        if outcome.drop_reply:
            return refusal(outcome, 503, "UNAVAILABLE", generated)
        for key, value in outcome.headers.items():
            response.headers[key] = value
        return response
