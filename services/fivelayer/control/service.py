"""Control's gRPC faces: Clock, MarketData, Sandbox and Drills. Transport only; rules live beside."""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from google.protobuf.message import Message

from fivelayer.control import faults, reasons, rights_trace
from fivelayer.control.clock import MANUAL, REALTIME, SandboxClock
from fivelayer.control.drills import routes_compare

# the runner first: it loads the drills' scenarios before routes_compare loads market_drills, which needs them
from fivelayer.control.drills.runner import drill_list, faults_only, live_report, run_drill
from fivelayer.control.driver import Driver, ProgressPacer
from fivelayer.control.faults import FaultBook
from fivelayer.control.handlers import ClockHandlers, DrillDesk
from fivelayer.control.joblog import JobLog
from fivelayer.control.marketdata import MarketData
from fivelayer.control.reconcile import reconcile
from fivelayer.control.timeline import Timeline
from fivelayer.kernel import calendar
from fivelayer.kernel.config import SERVICES, Settings
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import USD_PLACES, parse_amount, parse_decimal, to_pb
from fivelayer.kernel.paging import page_of
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import Clients, Context, abort, unary
from fivelayer.kernel.timeutil import from_ts, parse_duration, to_ts
from fivelayer.v1 import common_pb2, control_pb2, control_pb2_grpc

MODES = {control_pb2.MANUAL: MANUAL, control_pb2.REALTIME: REALTIME}
MODE_ENUM = {v: k for k, v in MODES.items()}


def clock_state(clock: SandboxClock) -> control_pb2.ClockState:
    now = clock.now()
    return control_pb2.ClockState(now=to_ts(now), mode=MODE_ENUM[clock.mode], speed=to_pb(clock.speed),
                                  market_open=calendar.market_open_at(now),
                                  session=calendar.current_or_next_session(now).isoformat())


Progress = TypeVar("Progress", bound=Message)
WATCH_SECONDS = 1800       # a watched advance's or drill's stream, in wall seconds, when the request states none
MAX_WATCH_SECONDS = 3600   # and at most


def watch_seconds(requested: int) -> int:
    """How long a watch stream stays open: the request's `max_seconds`, 0 meaning WATCH_SECONDS."""
    require(0 <= requested <= MAX_WATCH_SECONDS, Common.INVALID_ARGUMENT,
            f"max_seconds is 0 (meaning {WATCH_SECONDS}) to {MAX_WATCH_SECONDS}, got {requested}",
            field="max_seconds")
    return requested or WATCH_SECONDS


def relay(context: Context, work: Callable[[Callable[[Progress], None]], Progress],
          seconds: float = WATCH_SECONDS, what: str = "the work") -> Iterator[Progress]:
    """A streamed long operation: `work(tell)` runs in a worker thread and tells its progress, which is
    yielded as it comes; then the last message, which `work` returns (carrying the answer). A DomainError
    ends the stream with its status, as the unary call would have; a client that goes away does not stop
    the work (as with a unary caller that timed out). The stream lasts `seconds` of wall time at most:
    then it ends with WATCH_TIME_UP and the work carries on, as if the client had gone away."""
    updates: queue.Queue[tuple[str, Any]] = queue.Queue()
    deadline = time.monotonic() + seconds

    def run() -> None:
        try:
            updates.put(("done", work(lambda progress: updates.put(("progress", progress)))))
        except DomainError as error:
            updates.put(("error", error))
        except Exception as error:  # noqa: BLE001 - the stream must end with a status, not hang
            updates.put(("error", DomainError(Common.INTERNAL, f"{type(error).__name__}: {error}")))

    threading.Thread(target=run, name="streamed-work", daemon=True).start()
    while True:
        try:
            kind, item = updates.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            abort(context, DomainError(reasons.Control.WATCH_TIME_UP,
                                       f"the stream ended after its {seconds:g} s; {what} carries on to its end",
                                       max_seconds=f"{seconds:g}"))
        if kind == "error":
            abort(context, item)
        yield item
        if kind == "done":
            return


class ClockServicer(control_pb2_grpc.ClockServicer):
    def __init__(self, handlers: ClockHandlers) -> None:
        self.handlers, self.clock, self.driver, self.ticker = handlers, handlers.clock, handlers.driver, handlers.ticker

    @unary
    def Now(self, request: common_pb2.Empty, context: Any) -> control_pb2.ClockState:
        return clock_state(self.clock)

    def _target(self, request: control_pb2.AdvanceRequest) -> tuple[datetime, str]:
        which = request.WhichOneof("target")
        if which == "by":
            return self.clock.now() + parse_duration(request.by), f"by {request.by}"
        if which == "to":
            return from_ts(request.to), "to"
        raise DomainError(Common.INVALID_ARGUMENT, "advance needs `by` (a duration) or `to` (an instant)")

    @unary
    def Advance(self, request: control_pb2.AdvanceRequest, context: Any) -> control_pb2.AdvanceResponse:
        return self.handlers.advance(*self._target(request))

    def AdvanceWatch(self, request: control_pb2.AdvanceRequest,
                     context: Context) -> Iterator[control_pb2.AdvanceProgress]:
        """Advance, streaming progress. Why a server stream rather than the CLI advancing in chunks or
        polling Now beside a unary call: chunks would record one `clock.advanced` event and sync the
        timeline per chunk (the timeline a seeded run produces would change with the chunk size), and
        polling sees the date but not the jobs run. The stream runs the very same advance (same
        driver, same lock, same events) in a worker thread and relays what `ProgressPacer` emits, so
        any gRPC client can show a year's advance as it goes. A refusal ends the stream with the
        status Advance would return; a client that goes away does not stop the advance (as with a
        unary call whose caller timed out), nor does the stream's end after `max_seconds`."""
        try:
            seconds = watch_seconds(request.max_seconds)
            target, reason = self._target(request)
        except DomainError as error:
            abort(context, error)

        def work(tell: Callable[[control_pb2.AdvanceProgress], None]) -> control_pb2.AdvanceProgress:
            pacer = ProgressPacer(self.clock.now(), target, tell)
            answer = self.handlers.advance(target, reason, pacer.step)
            return pacer.progress(from_ts(answer.to), done=answer)

        yield from relay(context, work, seconds, "the advance")

    @unary
    def Wake(self, request: control_pb2.WakeRequest, context: Any) -> common_pb2.Empty:
        """A service's schedule moved earlier: the driver asks it again before its next instant (it takes
        no lock: the advance that waits on the caller holds it)."""
        self.driver.wake(request.service)
        if self.ticker is not None:
            self.ticker.wake.set()
        return common_pb2.Empty()

    @unary
    def Set(self, request: control_pb2.SetClockRequest, context: Any) -> control_pb2.ClockState:
        """Move forward to `at` and/or change mode and speed (`ClockHandlers.set`)."""
        speed = parse_decimal(request.speed, "speed") if request.speed.value else self.clock.speed
        self.handlers.set(from_ts(request.at) if request.HasField("at") else None,
                          MODES.get(request.mode, self.clock.mode), speed)
        return clock_state(self.clock)


class FaultsServicer(control_pb2_grpc.FaultsServicer):
    def __init__(self, book: FaultBook, clock: SandboxClock) -> None:
        self.book, self.clock = book, clock

    @unary
    def ListFaults(self, request: control_pb2.ListFaultsRequest, context: Any) -> control_pb2.ListFaultsResponse:
        rows, following = self.book.page(request.include_ended, request.page_token, request.limit)
        hits = self.book.hits() if rows else {}
        return control_pb2.ListFaultsResponse(faults=[faults.message(r, hits.get(r.fault_id, 0)) for r in rows],
                                              next_page_token=following)

    @unary
    def InjectFault(self, request: control_pb2.InjectFaultRequest, context: Any) -> control_pb2.Fault:
        return self.book.inject(request, self.clock.now())

    @unary
    def ClearFault(self, request: control_pb2.ClearFaultRequest, context: Any) -> control_pb2.ListFaultsResponse:
        return self.book.clear(request, self.clock.now())


class MarketDataServicer(control_pb2_grpc.MarketDataServicer):
    def __init__(self, market: MarketData, clock: SandboxClock) -> None:
        self.market, self.clock = market, clock

    @unary
    def GetPrice(self, request: control_pb2.PriceRequest, context: Any) -> control_pb2.Price:
        at = from_ts(request.at) if request.HasField("at") else self.clock.now()
        price, market_open = self.market.price(request.symbol, at)
        return control_pb2.Price(symbol=request.symbol, price=to_pb(price), at=to_ts(at), market_open=market_open)

    @unary
    def ListSymbols(self, request: control_pb2.ListSymbolsRequest, context: Any) -> control_pb2.ListSymbolsResponse:
        symbols, following = page_of(self.market.symbols(), lambda symbol: (symbol,), [str], request.page_token,
                                      request.limit)
        return control_pb2.ListSymbolsResponse(symbols=symbols, next_page_token=following)


class SandboxServicer(control_pb2_grpc.SandboxServicer):
    def __init__(self, settings: Settings, clients: Clients, clock: SandboxClock, timeline: Timeline,
                 driver: Driver, joblog: JobLog, book: FaultBook) -> None:
        self.settings, self.clients, self.clock, self.timeline = settings, clients, clock, timeline
        self.driver, self.joblog, self.book = driver, joblog, book

    @unary
    def Status(self, request: common_pb2.Empty, context: Any) -> control_pb2.StatusResponse:
        services = []
        for name in SERVICES:
            try:
                head, serving = self.clients.events(name).Head(common_pb2.Empty(), timeout=2).seq, True
            except DomainError:
                head, serving = 0, False
            services.append(control_pb2.ServiceStatus(
                service=name, grpc_address=self.settings.grpc_address(name),
                rest_address=self.settings.rest_address(name), serving=serving, head_seq=head))
        failing = [control_pb2.JobFailure(service=f.service, job=f.job, at=to_ts(f.at), reason=f.reason,
                                          message=f.message, attempts=f.attempts)
                   for f in list(self.driver.failing.values())]
        return control_pb2.StatusResponse(services=services, clock=clock_state(self.clock), seed=self.settings.seed,
                                          last_job=self.joblog.last(), failing=failing,
                                          faults=[faults.message(r) for r in self.book.rows(
                                              states=faults.PENDING_OR_ACTIVE)])

    @unary
    def ListJobRuns(self, request: control_pb2.ListJobRunsRequest, context: Any) -> control_pb2.ListJobRunsResponse:
        entries, following = self.joblog.page(request.after, request.page_token, request.limit)
        return control_pb2.ListJobRunsResponse(
            runs=[control_pb2.JobRunEntry(index=i, run=run) for i, run in entries], next_page_token=following)

    @unary
    def Reconcile(self, request: control_pb2.ReconcileRequest, context: Any) -> control_pb2.ReconcileResponse:
        now = self.clock.now()
        response = reconcile(self.clients, now, request.token)
        response.at.CopyFrom(to_ts(now))
        return response

    @unary
    def TraceRights(self, request: control_pb2.TraceRightsRequest, context: Any) -> control_pb2.RightsTraceResponse:
        """Per position of a holder, each right and where it was kept, transformed or lost."""
        return rights_trace.trace(self.clients, request.holder.strip())

    @unary
    def ListEvents(self, request: control_pb2.ListEventsRequest, context: Any) -> control_pb2.ListEventsResponse:
        self.timeline.sync()
        chosen, following = self.timeline.page(request.service, request.page_token, request.limit, request.after)
        return control_pb2.ListEventsResponse(
            events=[control_pb2.TimelineEvent(index=i, event=Timeline.to_message(r)) for i, r in chosen],
            digest="" if request.page_token else self.timeline.digest(request.service), next_page_token=following)


class DrillsServicer(control_pb2_grpc.DrillsServicer):
    """Drills run here, in the service that owns the clock, driving the others over gRPC; one at a time
    (`DrillDesk`)."""

    def __init__(self, settings: Settings, clients: Clients, timeline: Timeline, desk: DrillDesk | None = None) -> None:
        self.settings, self.clients, self.timeline = settings, clients, timeline
        self.desk = desk or DrillDesk()

    @unary
    def ListDrills(self, request: control_pb2.ListDrillsRequest, context: Any) -> control_pb2.ListDrillsResponse:
        catalogue = list(enumerate(drill_list().drills))   # keyed by place: the catalogue's order
        chosen, following = page_of(catalogue, lambda entry: (entry[0],), [int], request.page_token, request.limit)
        return control_pb2.ListDrillsResponse(drills=[drill for _, drill in chosen], next_page_token=following)

    @unary
    def ReportDrill(self, request: control_pb2.DrillReportRequest, context: Any) -> control_pb2.DrillReport:
        return live_report(self.clients, self.timeline, request.name)

    @unary
    def RunDrill(self, request: control_pb2.RunDrillRequest, context: Any) -> control_pb2.DrillReport:
        with self.desk.exclusive():
            if request.faults_only:
                return faults_only(self.clients, request.name)
            return run_drill(self.clients, self.timeline, self.settings.seed, request.name, request.seed)

    def RunDrillWatch(self, request: control_pb2.RunDrillRequest,
                      context: Context) -> Iterator[control_pb2.DrillProgress]:
        """RunDrill, streaming each step as the drill takes it (`relay`): a drill runs a minute or more.
        The stream ends after `max_seconds` at the latest; the drill carries on."""
        try:
            seconds = watch_seconds(request.max_seconds)
        except DomainError as error:
            abort(context, error)
        if request.faults_only:  # scheduling faults takes no time: one message, the report
            yield control_pb2.DrillProgress(report=self.RunDrill(request, context))
            return

        def run(tell: Callable[[control_pb2.DrillProgress], None]) -> control_pb2.DrillProgress:
            with self.desk.exclusive():
                return control_pb2.DrillProgress(report=run_drill(
                    self.clients, self.timeline, self.settings.seed, request.name, request.seed,
                    lambda step: tell(control_pb2.DrillProgress(step=control_pb2.DrillStep(
                        at=step.at, actor=step.actor, action=step.action, result=step.result, detail=step.detail)))))

        yield from relay(context, run, seconds, "the drill")

    @unary
    def CompareRoutes(self, request: control_pb2.CompareRoutesRequest, context: Any) -> control_pb2.RoutesReport:
        with self.desk.exclusive():
            amount = parse_amount(request.amount.value, "amount", USD_PLACES)
            return routes_compare.run(self.clients, self.timeline, self.settings.seed, request.symbol, amount,
                                      request.seed)
