"""Assemble control: the sandbox clock and its driver, market data, the fault book, the timeline,
the drills, the dashboard and the gRPC faces (`build`).

This is the one place control's parts are wired to each other: the driver runs every service's jobs
(control's own through a local scheduler), a fault with an end wakes the driver, the timeline's
announcements move the market's prices, and the realtime ticker has the chain mine as the clock moves.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from fivelayer.control import (
    models,  # noqa: F401  (tables)
    rights_trace,
)
from fivelayer.control.clock import SandboxClock
from fivelayer.control.dashboard.drills import DrillRuns, scratch_runner  # first: the drills import in this order
from fivelayer.control.dashboard.routes import Dashboard
from fivelayer.control.dashboard.routes import install as install_dashboard
from fivelayer.control.dashboard.routes_runs import ComparisonRuns, scratch_comparer
from fivelayer.control.driver import Driver, LocalScheduler, Participant, Ticker
from fivelayer.control.faults import ExpiryTrigger, FaultBook
from fivelayer.control.handlers import ClockHandlers
from fivelayer.control.joblog import JobLog
from fivelayer.control.jobs import market_jobs
from fivelayer.control.marketdata import MarketData
from fivelayer.control.service import ClockServicer, DrillsServicer, FaultsServicer, MarketDataServicer, SandboxServicer
from fivelayer.control.timeline import Timeline
from fivelayer.kernel.config import SERVICES, Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import JobRunner, SchedulerServicer
from fivelayer.kernel.rpc import Clients, Runtime
from fivelayer.kernel.server import Parts, Pass, expose
from fivelayer.kernel.timeutil import parse_instant, to_ts
from fivelayer.v1 import chain_pb2, control_pb2, control_pb2_grpc

log = logging.getLogger("fivelayer.control")
DASHBOARD_TIMEOUT = 5.0  # seconds a dashboard read waits for a service
DASHBOARD_RETRY = 2.0    # and retries one that is away


@dataclass(kw_only=True)
class ControlParts(Parts):
    clock: SandboxClock
    driver: Driver
    ticker: Ticker
    market: MarketData
    faults_book: FaultBook
    timeline: Timeline
    clock_servicer: ClockServicer
    sandbox: SandboxServicer
    dashboard: Dashboard


def start_instant() -> datetime:
    """FIVELAYER_START, or the wall-clock time truncated to the second for a new sandbox."""
    text = os.environ.get("FIVELAYER_START", "")
    return parse_instant(text) if text else datetime.now(UTC).replace(microsecond=0)


def restore_faults(book: FaultBook, attempts: int = 12) -> None:
    """After a restart: stale prices stay stale and each service gets its network faults again
    (the services may still be starting: each push retries, then the next attempt)."""
    for _ in range(attempts):
        try:
            book.restore()
            return
        except DomainError as error:
            log.warning("faults not restored yet: %s", error)


def build(settings: Settings, start: datetime | None = None) -> ControlParts:
    """Control's parts; `start` is the clock's instant for a new data folder (default: FIVELAYER_START, or now)."""
    runtime = Runtime("control", settings)
    clock = SandboxClock(runtime.db, start or start_instant())
    runtime.clock = clock  # control's clock is its own, not read from control over gRPC
    market = MarketData(settings.seed)
    book = FaultBook(runtime.db, runtime.clients, market, runtime.faults.apply)
    jobs = market_jobs(runtime.db)
    jobs.add("faults", ExpiryTrigger(book), book.run_due)
    local = LocalScheduler(SchedulerServicer(JobRunner("control", runtime.db, jobs, clock, runtime.metrics)))

    def participants() -> list[Participant]:
        return [Participant("control", local)] + [Participant(s, runtime.clients.scheduler(s)) for s in SERVICES[1:]]

    joblog = JobLog(runtime.db)
    driver = Driver(clock, participants, on_runs=joblog.append)
    timeline = Timeline(runtime.db, runtime.clients)

    def follow_announcements() -> None:  # prices follow the splits and dividends announced at the depository
        market.set_splits(timeline.splits())
        market.set_dividends(timeline.dividends())

    timeline.on_sync = follow_announcements
    follow_announcements()
    blocks = Clients(settings, retry_for=0.0, caller="control", timeout=10.0)  # an away chain does not stall the clock

    def mine(at: datetime) -> None:
        """Block time is sandbox time: the chain mines a block at the instant the clock reached (a chain
        that is away mines at the next move; its own scheduled instants are its jobs)."""
        try:
            blocks.chain_service.Mine(chain_pb2.MineRequest(at=to_ts(at)))
        except DomainError as error:
            log.warning("the chain did not mine at %s: [%s] %s", at.isoformat(), error.reason, error.message)

    ticker = Ticker(driver, checkpoint_every=0.25, on_moved=mine)

    def faults_changed() -> None:
        driver.invalidate()
        ticker.wake.set()

    book.on_change = faults_changed
    clock_servicer = ClockServicer(ClockHandlers(clock, driver, timeline, runtime.db, ticker, on_moved=mine))
    faults_servicer = FaultsServicer(book, clock)
    sandbox = SandboxServicer(settings, runtime.clients, clock, timeline, driver, joblog, book)
    # The workshop dashboard reads with short deadlines: a faulted service greys its own box, the page never hangs.
    reads = Clients(settings, retry_for=DASHBOARD_RETRY, caller="control", timeout=DASHBOARD_TIMEOUT)
    dashboard = Dashboard(reads=reads, trace_rights=lambda holder: rights_trace.trace(reads, holder),
                          buy=runtime.clients.exchange.Buy, clock=clock_servicer, faults=faults_servicer,
                          timeline=timeline, drills=DrillRuns(scratch_runner(settings)),
                          routes=ComparisonRuns(scratch_comparer(settings)))

    def stop() -> None:
        """Stop driving the clock and persist exactly where it is, so a restart resumes there; end the
        dashboard's event streams, which would otherwise hold the REST face open."""
        dashboard.closing.set()
        ticker.stop()
        clock.checkpoint()

    def restore_in_background() -> None:
        threading.Thread(target=restore_faults, args=(book,), name="fault-restore", daemon=True).start()

    return ControlParts(
        runtime=runtime, clock=clock, driver=driver, ticker=ticker, market=market, faults_book=book,
        timeline=timeline, clock_servicer=clock_servicer, sandbox=sandbox, dashboard=dashboard, jobs=jobs,
        services=[expose(control_pb2, control_pb2_grpc, "Clock", clock_servicer),
                  expose(control_pb2, control_pb2_grpc, "MarketData", MarketDataServicer(market, clock)),
                  expose(control_pb2, control_pb2_grpc, "Sandbox", sandbox),
                  expose(control_pb2, control_pb2_grpc, "Faults", faults_servicer),
                  expose(control_pb2, control_pb2_grpc, "Drills", DrillsServicer(settings, runtime.clients, timeline))],
        starting=[ticker.start, restore_in_background],
        passes=[Pass("timeline-sync", 2.0, timeline.sync)],
        on_stop=stop, extend_rest=lambda app: install_dashboard(app, dashboard))
