"""Control's gRPC faces: Clock, MarketData, Sandbox and Drills. Transport only; rules live beside."""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, TypeVar

from google.protobuf.message import Message

from fivelayer.control.clock import MANUAL, REALTIME, SandboxClock
from fivelayer.control import faults, rights_trace
from fivelayer.control.driver import Driver, ProgressPacer, StepSink, Ticker
from fivelayer.control.faults import FaultBook
from fivelayer.control.joblog import JobLog
# the runner first: it loads the drills' scenarios before routes_compare loads market_drills, which needs them
from fivelayer.control.drills.runner import drill_list, faults_only, live_report, run_drill
from fivelayer.control.drills import routes_compare
from fivelayer.control.marketdata import MarketData
from fivelayer.control.reconcile import reconcile
from fivelayer.control.timeline import Timeline
from fivelayer.kernel import calendar
from fivelayer.kernel.config import SERVICES, Settings
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import USD_PLACES, fmt, parse_amount, parse_decimal, to_pb
from fivelayer.kernel.rpc import Clients, Context, abort, unary
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.timeutil import from_ts, parse_duration, to_ts
from fivelayer.v1 import common_pb2, control_pb2, control_pb2_grpc
from fivelayer.v1 import events_pb2 as ev
from fivelayer.kernel.reasons import Common
from fivelayer.control import reasons

MODES = {control_pb2.MANUAL: MANUAL, control_pb2.REALTIME: REALTIME}
MODE_ENUM = {v: k for k, v in MODES.items()}


def clock_state(clock: SandboxClock) -> control_pb2.ClockState:
    now = clock.now()
    return control_pb2.ClockState(now=to_ts(now), mode=MODE_ENUM[clock.mode], speed=to_pb(clock.speed),
                                  market_open=calendar.market_open_at(now),
                                  session=calendar.current_or_next_session(now).isoformat())


Progress = TypeVar("Progress", bound=Message)


def relay(context: Context, work: Callable[[Callable[[Progress], None]], Progress]) -> Iterator[Progress]:
    """A streamed long operation: `work(tell)` runs in a worker thread and tells its progress, which is
    yielded as it comes; then the last message, which `work` returns (carrying the answer). A DomainError
    ends the stream with its status, as the unary call would have; a client that goes away does not stop
    the work (as with a unary caller that timed out)."""
    updates: queue.Queue[tuple[str, Any]] = queue.Queue()

    def run() -> None:
        try:
            updates.put(("done", work(lambda progress: updates.put(("progress", progress)))))
        except DomainError as error:
            updates.put(("error", error))
        except Exception as error:  # noqa: BLE001 - the stream must end with a status, not hang
            updates.put(("error", DomainError(Common.INTERNAL, f"{type(error).__name__}: {error}")))

    threading.Thread(target=run, name="streamed-work", daemon=True).start()
    while True:
        kind, item = updates.get()
        if kind == "error":
            abort(context, item)
        yield item
        if kind == "done":
            return


class ClockServicer(control_pb2_grpc.ClockServicer):
    def __init__(self, clock: SandboxClock, driver: Driver, timeline: Timeline, db: Database,
                 ticker: Ticker | None = None, on_moved: Callable[[datetime], None] | None = None) -> None:
        self.clock, self.driver, self.timeline, self.db, self.ticker = clock, driver, timeline, db, ticker
        self.on_moved = on_moved  # the chain mines a block at the instant an advance reached

    @unary
    def Now(self, request: common_pb2.Empty, context: Any) -> control_pb2.ClockState:
        return clock_state(self.clock)

    def _advance(self, target: datetime, reason: str,
                 on_step: StepSink | None = None) -> control_pb2.AdvanceResponse:
        """Run every job due up to `target`; a target past the calendar's last day is refused whole
        (its sessions are unknown), so an advance is bounded."""
        last_day = date.fromisoformat(calendar.WINDOW_END)
        if target.astimezone(calendar.NEW_YORK).date() >= last_day:
            raise DomainError(Common.INVALID_ARGUMENT, f"the sandbox's calendar runs to {last_day}: cannot move the "
                              f"clock to {target.isoformat()}", end=last_day.isoformat())
        start = self.clock.now()
        self.timeline.sync(("depository",))  # what it announced (a split moves prices) is known before jobs run
        runs = self.driver.advance_to(target, on_step)
        end = self.clock.now()
        if self.on_moved is not None:
            self.on_moved(end)
        with self.db.transaction() as session:
            emit(session, end, ev.ClockAdvanced(start=to_ts(start), to=to_ts(end), reason=reason, jobs=len(runs)))
        self.timeline.sync()
        return control_pb2.AdvanceResponse(to=to_ts(end), runs=runs, **{"from": to_ts(start)})

    def _target(self, request: control_pb2.AdvanceRequest) -> tuple[datetime, str]:
        which = request.WhichOneof("target")
        if which == "by":
            return self.clock.now() + parse_duration(request.by), f"by {request.by}"
        if which == "to":
            return from_ts(request.to), "to"
        raise DomainError(Common.INVALID_ARGUMENT, "advance needs `by` (a duration) or `to` (an instant)")

    @unary
    def Advance(self, request: control_pb2.AdvanceRequest, context: Any) -> control_pb2.AdvanceResponse:
        return self._advance(*self._target(request))

    def AdvanceWatch(self, request: control_pb2.AdvanceRequest,
                     context: Context) -> Iterator[control_pb2.AdvanceProgress]:
        """Advance, streaming progress. Why a server stream rather than the CLI advancing in chunks or
        polling Now beside a unary call: chunks would record one `clock.advanced` event and sync the
        timeline per chunk (the timeline a seeded run produces would change with the chunk size), and
        polling sees the date but not the jobs run. The stream runs the very same advance (same
        driver, same lock, same events) in a worker thread and relays what `ProgressPacer` emits, so
        any gRPC client can show a year's advance as it goes. A refusal ends the stream with the
        status Advance would return; a client that goes away does not stop the advance (as with a
        unary call whose caller timed out)."""
        try:
            target, reason = self._target(request)
        except DomainError as error:
            abort(context, error)

        def work(tell: Callable[[control_pb2.AdvanceProgress], None]) -> control_pb2.AdvanceProgress:
            pacer = ProgressPacer(self.clock.now(), target, tell)
            answer = self._advance(target, reason, pacer.step)
            return pacer.progress(from_ts(answer.to), done=answer)

        yield from relay(context, work)

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
        """Move forward to `at` (running due jobs, like an advance) and/or change mode and speed.
        Time never goes back: the books of every service are stamped with it."""
        speed = parse_decimal(request.speed, "speed") if request.speed.value else self.clock.speed
        mode = MODES.get(request.mode, self.clock.mode)
        if request.HasField("at"):
            target = from_ts(request.at)
            if target < self.clock.now():
                raise DomainError(reasons.Control.CLOCK_BACKWARDS,
                                  f"the sandbox is at {self.clock.now().isoformat()}; time "
                                  "cannot go back (start a new data folder with `fivelayer up --start`)")
            self._advance(target, "set")
        if mode != self.clock.mode or speed != self.clock.speed:
            self.clock.set_mode(mode, speed)
            with self.db.transaction() as session:
                emit(session, self.clock.now(), ev.ClockMode(mode=mode, speed=fmt(speed)))
            if self.ticker is not None:
                self.ticker.wake.set()
        return clock_state(self.clock)


class FaultsServicer(control_pb2_grpc.FaultsServicer):
    def __init__(self, book: FaultBook, clock: SandboxClock) -> None:
        self.book, self.clock = book, clock

    @unary
    def ListFaults(self, request: control_pb2.ListFaultsRequest, context: Any) -> control_pb2.ListFaultsResponse:
        hits = self.book.hits()
        return control_pb2.ListFaultsResponse(faults=[faults.message(r, hits.get(r.fault_id, 0))
                                                      for r in self.book.rows(request.include_ended,
                                                                              faults.PENDING_OR_ACTIVE)])

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
    def ListSymbols(self, request: common_pb2.Empty, context: Any) -> control_pb2.ListSymbolsResponse:
        return control_pb2.ListSymbolsResponse(symbols=self.market.symbols())


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
        if request.after < 0 or request.limit < 0:
            raise DomainError(Common.INVALID_ARGUMENT, "after and limit must not be negative")
        entries, next_after = self.joblog.page(request.after, request.limit)
        return control_pb2.ListJobRunsResponse(
            runs=[control_pb2.JobRunEntry(index=i, run=run) for i, run in entries], next_after=next_after)

    @unary
    def Reconcile(self, request: control_pb2.ReconcileRequest, context: Any) -> control_pb2.ReconcileResponse:
        now = self.clock.now()
        response = reconcile(self.clients, now, request.token)
        response.at.CopyFrom(to_ts(now))
        return response

    @unary
    def TraceRights(self, request: control_pb2.TraceRightsRequest, context: Any) -> control_pb2.RightsTraceResponse:
        """Per position of a holder, each right and where it was kept, transformed or lost."""
        return rights_trace.to_message(rights_trace.gather(self.clients, request.holder.strip()))

    @unary
    def ListEvents(self, request: control_pb2.ListEventsRequest, context: Any) -> control_pb2.ListEventsResponse:
        self.timeline.sync()
        chosen, following = self.timeline.page(request.service, request.page_token, request.limit, request.after)
        return control_pb2.ListEventsResponse(
            events=[control_pb2.TimelineEvent(index=i, event=Timeline.to_message(r)) for i, r in chosen],
            digest="" if request.page_token else self.timeline.digest(request.service), next_page_token=following)


class DrillsServicer(control_pb2_grpc.DrillsServicer):
    """Drills run here, in the service that owns the clock, driving the others over gRPC."""

    def __init__(self, settings: Settings, clients: Clients, timeline: Timeline) -> None:
        self.settings, self.clients, self.timeline = settings, clients, timeline
        self.lock = threading.Lock()

    @unary
    def ListDrills(self, request: common_pb2.Empty, context: Any) -> control_pb2.ListDrillsResponse:
        return drill_list()

    @unary
    def ReportDrill(self, request: control_pb2.DrillReportRequest, context: Any) -> control_pb2.DrillReport:
        return live_report(self.clients, self.timeline, request.name)

    @unary
    def RunDrill(self, request: control_pb2.RunDrillRequest, context: Any) -> control_pb2.DrillReport:
        if not self.lock.acquire(blocking=False):
            raise DomainError(reasons.Control.DRILL_RUNNING, "a drill is already running in this sandbox")
        try:
            if request.faults_only:
                return faults_only(self.clients, request.name)
            return run_drill(self.clients, self.timeline, self.settings.seed, request.name, request.seed)
        finally:
            self.lock.release()

    def RunDrillWatch(self, request: control_pb2.RunDrillRequest,
                      context: Context) -> Iterator[control_pb2.DrillProgress]:
        """RunDrill, streaming each step as the drill takes it (`relay`): a drill runs a minute or more."""
        if request.faults_only:  # scheduling faults takes no time: one message, the report
            yield control_pb2.DrillProgress(report=self.RunDrill(request, context))
            return

        def run(tell: Callable[[control_pb2.DrillProgress], None]) -> control_pb2.DrillProgress:
            if not self.lock.acquire(blocking=False):
                raise DomainError(reasons.Control.DRILL_RUNNING, "a drill is already running in this sandbox")
            try:
                return control_pb2.DrillProgress(report=run_drill(
                    self.clients, self.timeline, self.settings.seed, request.name, request.seed,
                    lambda step: tell(control_pb2.DrillProgress(step=control_pb2.DrillStep(
                        at=step.at, actor=step.actor, action=step.action, result=step.result, detail=step.detail)))))
            finally:
                self.lock.release()

        yield from relay(context, run)

    @unary
    def CompareRoutes(self, request: control_pb2.CompareRoutesRequest, context: Any) -> control_pb2.RoutesReport:
        if not self.lock.acquire(blocking=False):
            raise DomainError(reasons.Control.DRILL_RUNNING, "a drill is already running in this sandbox")
        try:
            amount = parse_amount(request.amount.value, "amount", USD_PLACES)
            return routes_compare.run(self.clients, self.timeline, self.settings.seed, request.symbol, amount,
                                      request.seed)
        finally:
            self.lock.release()
