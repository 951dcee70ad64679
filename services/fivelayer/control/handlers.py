"""Control's service layer: the sequences its faces share, written once.

The Clock face's Advance, AdvanceWatch and Set all move the clock the same way (bounded by the
calendar, the depository's announcements read first, every job due run, the chain mining at the
instant reached, one `clock.advanced` event, the timeline synced after), and the dashboard's "advance
to" reaches it through that face. The Drills face's RunDrill, RunDrillWatch and CompareRoutes each take
the sandbox for themselves, one at a time. Faces translate requests to these calls and answers back.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from fivelayer.control import reasons
from fivelayer.control.clock import SandboxClock
from fivelayer.control.driver import Driver, StepSink, Ticker
from fivelayer.control.timeline import Timeline
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import fmt
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import control_pb2
from fivelayer.v1 import events_pb2 as ev


@dataclass
class ClockHandlers:
    clock: SandboxClock
    driver: Driver
    timeline: Timeline
    db: Database
    ticker: Ticker | None = None
    on_moved: Callable[[datetime], None] | None = None  # the chain mines a block at the instant an advance reached

    def advance(self, target: datetime, reason: str, on_step: StepSink | None = None) -> control_pb2.AdvanceResponse:
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

    def set(self, at: datetime | None, mode: str, speed: Decimal) -> None:
        """Move forward to `at` (running due jobs, like an advance) and/or change mode and speed.
        Time never goes back: the books of every service are stamped with it."""
        if at is not None:
            if at < self.clock.now():
                raise DomainError(reasons.Control.CLOCK_BACKWARDS,
                                  f"the sandbox is at {self.clock.now().isoformat()}; time "
                                  "cannot go back (start a new data folder with `fivelayer up --start`)")
            self.advance(at, "set")
        if mode != self.clock.mode or speed != self.clock.speed:
            self.clock.set_mode(mode, speed)
            with self.db.transaction() as session:
                emit(session, self.clock.now(), ev.ClockMode(mode=mode, speed=fmt(speed)))
            if self.ticker is not None:
                self.ticker.wake.set()


@dataclass
class DrillDesk:
    """One drill (or route comparison) at a time in a sandbox: a second is refused, not queued."""

    lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        if not self.lock.acquire(blocking=False):
            raise DomainError(reasons.Control.DRILL_RUNNING, "a drill is already running in this sandbox")
        try:
            yield
        finally:
            self.lock.release()
