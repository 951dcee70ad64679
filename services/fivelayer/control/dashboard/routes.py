"""The dashboard's HTTP routes on control's REST face: the page, its files, and its JSON API.

Mounted by `install` at `/dashboard/`, outside `/v1/` (so network faults on control's REST face
never hide the page that clears them) and outside the OpenAPI document (the generated `/v1/...`
routes are the service's contract; these serve one page). Every endpoint checks its input and
refuses as the REST faces do, with `application/problem+json` and a machine-readable reason.
"""
from __future__ import annotations

import asyncio
import importlib.util
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from fivelayer.control import faults as fault_kinds
from fivelayer.control.dashboard import events, figures, gather, week
from fivelayer.control.dashboard.drills import DrillRuns
from fivelayer.control.dashboard.ports import Reads
from fivelayer.control.dashboard.routes_runs import ComparisonRuns, unavailable
from fivelayer.control.drills.runner import drill_list
from fivelayer.control.models import TimelineRow
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.calendar import NEW_YORK
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import BROKER_PARTICIPANT
from fivelayer.kernel.rest import parse_message, problem_response, to_json
from fivelayer.kernel.rpc import Context
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import common_pb2, control_pb2, depository_pb2, exchange_pb2, issuer_pb2

STATIC = Path(__file__).parent / "static"
TEXT = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8"}
TAIL = 40            # events a page's first connection gets, so its ticker is not empty
BATCH = 200          # events sent per poll at most (a long advance's burst is sent in a few polls)
KEEPALIVE = 15.0     # wall seconds between comments on a quiet stream, so proxies keep it open
MAX_HOLDER = 200


class ClockFace(Protocol):
    """Control's Clock servicer, called in process (an advance may outlast any client deadline)."""

    def Now(self, request: common_pb2.Empty, context: Context, /) -> control_pb2.ClockState: ...
    def Advance(self, request: control_pb2.AdvanceRequest, context: Context, /) -> control_pb2.AdvanceResponse: ...


class FaultsFace(Protocol):
    """Control's Faults servicer, called in process."""

    def ListFaults(self, request: control_pb2.ListFaultsRequest, context: Context, /
                   ) -> control_pb2.ListFaultsResponse: ...
    def InjectFault(self, request: control_pb2.InjectFaultRequest, context: Context, /) -> control_pb2.Fault: ...
    def ClearFault(self, request: control_pb2.ClearFaultRequest, context: Context, /
                   ) -> control_pb2.ListFaultsResponse: ...


class TimelineFeed(Protocol):
    """Control's timeline: pulled from every service, read in the order rows arrived."""

    def sync(self) -> int: ...
    def after_id(self, after: int, limit: int) -> list[TimelineRow]: ...
    def last_id(self) -> int: ...


@dataclass
class Dashboard:
    """What the page reads and drives. `reads` have short deadlines (a faulted service shows as
    unavailable in its box, the page does not hang); `trace_rights` is `Sandbox.TraceRights`' work and
    `buy` the exchange's Buy (retried as any client's call is)."""

    reads: Reads
    trace_rights: Callable[[str], control_pb2.RightsTraceResponse]
    buy: Callable[[exchange_pb2.TradeRequest], exchange_pb2.ExchangeOrder]
    clock: ClockFace
    faults: FaultsFace
    timeline: TimelineFeed
    drills: DrillRuns
    routes: ComparisonRuns = field(default_factory=lambda: ComparisonRuns(unavailable))  # the route comparison
    poll_seconds: float = 0.5
    stream_seconds: float = 600.0
    _synced: float = field(default=0.0, repr=False)
    _sync_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _spv: str = field(default="", repr=False)
    closing: threading.Event = field(default_factory=threading.Event, repr=False)  # control is stopping

    def follow(self) -> None:
        """Pull new events, at most once per poll interval however many pages follow."""
        with self._sync_lock:
            if time.monotonic() - self._synced < self.poll_seconds:
                return
            self.timeline.sync()
            self._synced = time.monotonic()

    def spv_account(self) -> str:
        """The SPV's broker account (its events are the tokenized route's), asked until known."""
        if not self._spv:
            try:
                self._spv = self.reads.issuer.ListProducts(issuer_pb2.ListProductsRequest()).broker_account_id
            except DomainError:
                return ""
        return self._spv

    def clock_view(self) -> dict[str, Any]:
        state = self.clock.Now(common_pb2.Empty(), None)
        now = from_ts(state.now)
        return {**to_json(state), "now_et": now.astimezone(NEW_YORK).strftime("%a %d %b %Y %H:%M ET"),
                "targets": {k: iso(v) for k, v in week.targets(now).items()}}


# --- input ------------------------------------------------------------------------------------

def read_object(raw: bytes, fields: dict[str, tuple[type, ...]]) -> dict[str, Any]:
    """A small JSON object body: known fields only, each of its type (a bool is not a number)."""
    try:
        body = json.loads(raw) if raw else {}
    except (ValueError, RecursionError) as exc:
        raise DomainError(Common.INVALID_ARGUMENT, f"the body is not valid JSON: {exc}", field="body") from None
    if not isinstance(body, dict):
        raise DomainError(Common.INVALID_ARGUMENT, "the body must be a JSON object", field="body")
    for name, value in body.items():
        if name not in fields:
            raise DomainError(Common.INVALID_ARGUMENT, f"{name}: unknown field (the fields are {', '.join(fields)})",
                              field=name)
        expected = fields[name]
        if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
            raise DomainError(Common.INVALID_ARGUMENT, f"{name}: wrong type, got {json.dumps(value)}", field=name)
    return body


def with_request_id(message: Any, prefix: str) -> Any:
    """A mutation the page sends without an idempotency key gets a fresh one."""
    if not message.request_id.strip():
        message.request_id = f"dash-{prefix}-{uuid.uuid4().hex[:16]}"
    return message


def query_flag(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "").lower()
    if raw not in ("", "0", "1", "true", "false"):
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be true or false, got {raw!r}", field=name)
    return raw in ("1", "true")


def query_int(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be a whole number, got {raw!r}", field=name)
    return int(raw)


async def answer(work: Callable[[], Any], status: int = 200) -> Response:
    """Run the work off the event loop (it waits on gRPC); a refusal becomes problem+json."""
    try:
        result = await run_in_threadpool(work)
    except DomainError as error:
        return problem_response(error)
    return JSONResponse(result, status_code=status, headers={"cache-control": "no-store"})


# --- files ------------------------------------------------------------------------------------

def plotly_js() -> Path | None:
    """plotly.js as the `plotly` Python package ships it (found without importing the package)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def static_file(name: str) -> Path:
    if name == "plotly.min.js":
        path = plotly_js()
        if path is None:
            raise DomainError(Common.NOT_FOUND, "plotly.js comes from the `plotly` Python package, which is not "
                              "installed (pip install 'plotly>=5')", file=name)
        return path
    path = STATIC / name
    if name not in ("app.js", "style.css") or not path.is_file():
        raise DomainError(Common.NOT_FOUND, f"no dashboard file {name!r}", file=name)
    return path


# --- the stream -------------------------------------------------------------------------------

POLL_FAILURES = FailureLog("dashboard event poll")   # logged once per cause (every open page polls)


async def event_stream(dashboard: Dashboard, after: int | None) -> AsyncIterator[str]:
    """The timeline as Server-Sent Events, polled every `poll_seconds`, for `stream_seconds` of wall
    time (or until control stops: an open stream would hold its REST face up); then an `end` event,
    and the page reconnects from its last id."""
    if after is None:
        after = max(0, await run_in_threadpool(dashboard.timeline.last_id) - TAIL)
    spv = await run_in_threadpool(dashboard.spv_account)
    yield "retry: 1000\n\n"
    began = quiet = time.monotonic()
    while time.monotonic() - began < dashboard.stream_seconds and not dashboard.closing.is_set():
        try:
            await run_in_threadpool(dashboard.follow)
            rows = await run_in_threadpool(dashboard.timeline.after_id, after, BATCH)
        except Exception as error:  # noqa: BLE001 - a failed poll is retried at the next one; the stream stays
            POLL_FAILURES.failed(error)
            rows = []
        else:
            POLL_FAILURES.succeeded()
        for row in rows:
            after = row.id or after
            yield events.sse_frame(events.event_view(row, spv))
        if rows:
            quiet = time.monotonic()
            if len(rows) == BATCH:
                continue
        elif time.monotonic() - quiet > KEEPALIVE:
            quiet = time.monotonic()
            yield ": keepalive\n\n"
        await asyncio.sleep(dashboard.poll_seconds)
    yield f"event: end\ndata: {json.dumps({'after': after})}\n\n"


# --- the routes -------------------------------------------------------------------------------

def install(app: FastAPI, dashboard: Dashboard) -> None:
    """Mount the page, its files and its API on control's REST app (none of it in the OpenAPI document)."""
    router = APIRouter(include_in_schema=False)
    d = dashboard

    @router.get("/dashboard")
    def to_index() -> RedirectResponse:
        return RedirectResponse("/dashboard/")

    @router.get("/dashboard/")
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type=TEXT[".html"], headers={"cache-control": "no-cache"})

    @router.get("/dashboard/static/{name}")
    def static(name: str) -> Response:
        try:
            path = static_file(name)
        except DomainError as error:
            return problem_response(error)
        cache = "max-age=86400" if name == "plotly.min.js" else "no-cache"
        return FileResponse(path, media_type=TEXT.get(path.suffix, "application/octet-stream"),
                            headers={"cache-control": cache})

    @router.get("/dashboard/api/layers")
    async def layers() -> Response:
        def work() -> dict[str, Any]:
            clock = d.clock_view()
            return {**figures.layers(gather.gather(d.reads), clock["now"]), "clock": clock}
        return await answer(work)

    @router.get("/dashboard/api/events")
    async def stream(request: Request) -> Response:
        try:
            after = events.parse_after(request.query_params.get("after"), request.headers.get("last-event-id"))
        except DomainError as error:
            return problem_response(error)
        return StreamingResponse(event_stream(d, after), media_type="text/event-stream",
                                 headers={"cache-control": "no-store", "x-accel-buffering": "no"})

    @router.get("/dashboard/api/clock")
    async def clock() -> Response:
        return await answer(d.clock_view)

    @router.post("/dashboard/api/clock/advance")
    async def advance(request: Request) -> Response:
        raw = await request.body()

        def work() -> dict[str, Any]:
            body = read_object(raw, {"to": (str,)})
            if "to" not in body:
                raise DomainError(Common.INVALID_ARGUMENT, f"`to` is required: one of {', '.join(week.TARGETS)}",
                                  field="to")
            now = from_ts(d.clock.Now(common_pb2.Empty(), None).now)
            target = week.target(body["to"], now)
            moved = d.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(target)), None)
            return {"to": body["to"], "target": iso(target), "advance": to_json(moved), "clock": d.clock_view()}
        return await answer(work)

    @router.get("/dashboard/api/calendar")
    async def calendar(request: Request) -> Response:
        def work() -> dict[str, Any]:
            days = query_int(request, "days", 7)
            now = from_ts(d.clock.Now(common_pb2.Empty(), None).now)
            listing = depository_pb2.ListTradesRequest(participant_id=BROKER_PARTICIPANT)
            trades = list(all_pages(d.reads.depository.ListTrades, listing, lambda page: page.trades))
            return week.week(now, trades, days)
        return await answer(work)

    @router.get("/dashboard/api/users")
    async def users() -> Response:
        return await answer(lambda: to_json(whole(d.reads.exchange.ListUsers, exchange_pb2.ListUsersRequest())))

    @router.get("/dashboard/api/rights")
    async def rights(request: Request) -> Response:
        def work() -> dict[str, Any]:
            holder = request.query_params.get("holder", "").strip()
            if not holder or len(holder) > MAX_HOLDER:
                raise DomainError(Common.INVALID_ARGUMENT, "holder is an exchange user id (usr-...) or a chain "
                                  "address (0x...)", field="holder")
            return to_json(d.trace_rights(holder))
        return await answer(work)

    @router.get("/dashboard/api/drills")
    async def drills() -> Response:
        return await answer(lambda: {**to_json(drill_list()), "runs": [r.view(full=False) for r in d.drills.all()]})

    @router.post("/dashboard/api/drills/run")
    async def run_drill(request: Request) -> Response:
        raw = await request.body()

        def work() -> dict[str, Any]:
            body = read_object(raw, {"name": (str,), "seed": (int,)})
            return d.drills.start(body.get("name", ""), body.get("seed", 1)).view(full=False)
        return await answer(work, status=202)

    @router.get("/dashboard/api/drills/runs/{run_id}")
    async def drill_run(run_id: str) -> Response:
        return await answer(lambda: d.drills.get(run_id).view())

    # --- the route comparison (issue 19): the three holders' value over the span -----------------------

    @router.get("/dashboard/api/routes")
    async def route_runs() -> Response:
        return await answer(lambda: {"runs": [r.view(full=False) for r in d.routes.all()]})

    @router.post("/dashboard/api/routes/compare")
    async def compare_routes(request: Request) -> Response:
        raw = await request.body()

        def work() -> dict[str, Any]:
            body = read_object(raw, {"symbol": (str,), "amount": (str,), "seed": (int,)})
            return d.routes.start(body.get("symbol", "AAPL"), body.get("amount", "10000"),
                                  body.get("seed", 1)).view(full=False)
        return await answer(work, status=202)

    @router.get("/dashboard/api/routes/runs/{run_id}")
    async def route_run(run_id: str) -> Response:
        return await answer(lambda: d.routes.get(run_id).view())

    @router.get("/dashboard/api/faults")
    async def faults(request: Request) -> Response:
        def work() -> dict[str, Any]:
            listed = whole(lambda r: d.faults.ListFaults(r, None),
                           control_pb2.ListFaultsRequest(include_ended=query_flag(request, "all")))
            return {**to_json(listed), "kinds": list(fault_kinds.KINDS)}
        return await answer(work)

    @router.post("/dashboard/api/faults")
    async def inject(request: Request) -> Response:
        raw = await request.body()

        def work() -> dict[str, Any]:
            message = with_request_id(parse_message(control_pb2.InjectFaultRequest, raw), "fault")
            return to_json(d.faults.InjectFault(message, None))
        return await answer(work)

    @router.post("/dashboard/api/faults/clear")
    async def clear(request: Request) -> Response:
        raw = await request.body()

        def work() -> dict[str, Any]:
            message = with_request_id(parse_message(control_pb2.ClearFaultRequest, raw), "clear")
            return to_json(d.faults.ClearFault(message, None))
        return await answer(work)

    @router.post("/dashboard/api/exchange/buy")
    async def buy(request: Request) -> Response:
        raw = await request.body()

        def work() -> dict[str, Any]:
            message = with_request_id(parse_message(exchange_pb2.TradeRequest, raw), "buy")
            if not message.user_id.strip() or not message.token.strip():
                raise DomainError(Common.INVALID_ARGUMENT, "a buy needs user_id, token and quantity", field="user_id")
            return to_json(d.buy(message))
        return await answer(work)

    @router.api_route("/dashboard/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def unknown(rest: str, request: Request) -> Response:
        return problem_response(DomainError(Common.NOT_FOUND,
                                            f"no dashboard endpoint {request.method} /dashboard/{rest}",
                                            path=f"/dashboard/{rest}"))

    app.include_router(router)
