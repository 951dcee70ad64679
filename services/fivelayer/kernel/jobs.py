"""Scheduled work under the sandbox clock.

Jobs are declared with APScheduler 3 triggers (cron in New York time, mostly), but APScheduler
never runs them: it reads `datetime.now`, and the sandbox has its own clock. Its triggers are
used as pure functions (`get_next_fire_time`) and the control service drives every service's
jobs in time order through the Scheduler RPCs: NextDue, then RunDue at that instant.

A job fires only when its state needs it: a cron says when it may run, and a state trigger (`WhileTrigger`,
`FromTrigger`, `SessionTrigger`) says whether anything is there for it to do, read from the service's own
database (or from what another service told it: `JobBook.before_asking` refreshes such knowledge once per
NextDue or RunDue), so a quiet sandbox runs few jobs. A service that gives another work sooner than that
one's last NextDue said wakes it through control (`Runtime.schedule_moved`, or the Clock's Wake naming it).

Each service keeps a watermark, the instant up to which its jobs have run, in its database, so a
restart neither repeats nor skips a job. Jobs are written to be safe to repeat (they act on
state, like "fill every order waiting for the open"), since a crash between a job and the
watermark update runs it again.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypedDict, Unpack

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlmodel import Field, Session, SQLModel

from fivelayer.kernel import calendar
from fivelayer.kernel.clock import ClockSource, pinned
from fivelayer.kernel.db import Database, UTCDateTime
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.metrics import ServiceMetrics
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import Context, Runtime, unary
from fivelayer.kernel.timeutil import from_ts, to_ts, utc
from fivelayer.v1 import common_pb2, common_pb2_grpc, control_pb2

log = logging.getLogger(__name__)
NEW_YORK = "America/New_York"
JobFn = Callable[[datetime], str]


class CronFields(TypedDict, total=False):
    """The fields of a cron schedule (APScheduler's CronTrigger), each a number or a cron expression."""
    year: int | str
    month: int | str
    day: int | str
    week: int | str
    day_of_week: int | str
    hour: int | str
    minute: int | str
    second: int | str
    timezone: str


@dataclass(frozen=True)
class Job:
    name: str
    trigger: BaseTrigger
    run: JobFn  # takes the instant it runs at, returns a short outcome for the timeline

    def next_fire(self, after: datetime) -> datetime | None:
        """The first fire time strictly after `after`."""
        fire = self.trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
        return utc(fire) if fire is not None else None


class WhileTrigger(BaseTrigger):
    """Another trigger's instants, while `holds` says there is something to do (read at each asking), and
    only after `since` (when given): the job watermark stays where the last job ran, so without it a job that
    wakes after a quiet spell would be handed every instant of the spell, before what woke it existed."""

    def __init__(self, db: Database, holds: Callable[[Session], bool], inner: BaseTrigger,
                 since: Callable[[Session], datetime | None] | None = None) -> None:
        self.db, self.holds, self.inner, self.since = db, holds, inner, since

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            if not self.holds(session):
                return None
            begun = self.since(session) if self.since is not None else None
        if begun is not None and utc(begun) >= utc(now):
            now = utc(begun) + timedelta(microseconds=1)
        return self.inner.get_next_fire_time(previous_fire_time, now)


class FromTrigger(BaseTrigger):
    """Another trigger's instants from the instant `start()` names (read at each asking); none while it names
    none. For work that exists from a known instant on, until done: a split effective on a day, from its
    06:30 ET on (again each day, should it not be done)."""

    def __init__(self, start: Callable[[], datetime | None], inner: BaseTrigger) -> None:
        self.start, self.inner = start, inner

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        begun = self.start()
        if begun is None:
            return None
        return self.inner.get_next_fire_time(previous_fire_time, max(utc(now), utc(begun)))


def session_open_or_close(edge: str, after: datetime) -> datetime:
    """The first NYSE session open (`edge` "open") or close ("close", 13:00 ET on an early close) at or after
    `after`."""
    index = 0 if edge == "open" else 1
    day: date = utc(after).astimezone(calendar.NEW_YORK).date()
    if not calendar.is_session(day):
        day = calendar.next_session(day)
    while calendar.session_hours(day)[index] < utc(after):
        day = calendar.next_session(day)
    return calendar.session_hours(day)[index]


class SessionTrigger(BaseTrigger):
    """At each NYSE session's open or close (`edge`), holidays skipped and early closes at 13:00 ET: a
    job that only marks sessions fires on sessions only."""

    def __init__(self, edge: str) -> None:
        if edge not in ("open", "close"):
            raise ValueError(f"edge is open or close, got {edge!r}")
        self.edge = edge

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        return session_open_or_close(self.edge, now)


class JobBook:
    """The jobs one service declares, in the order they run when due at the same instant."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self._refreshers: list[Callable[[], None]] = []

    def add(self, name: str, trigger: BaseTrigger, run: JobFn) -> None:
        self.jobs.append(Job(name, trigger, run))

    def before_asking(self, refresh: Callable[[], None]) -> None:
        """Call `refresh` at each NextDue, before any trigger is read: a trigger that depends on what another
        service told this one (the depository's announcements) reads a copy, not the other service at each
        of its many askings. Control asks NextDue at the start of each advance and whenever a service is
        woken (an announcement wakes its participants), so the copy is fresh whenever it can have changed."""
        self._refreshers.append(refresh)

    def refresh(self) -> None:
        for refresh in self._refreshers:
            refresh()

    def cron(self, name: str, **fields: Unpack[CronFields]) -> Callable[[JobFn], JobFn]:
        """Decorator: run on a cron schedule, in New York time unless `timezone` is given."""
        fields.setdefault("timezone", NEW_YORK)

        def register(fn: JobFn) -> JobFn:
            self.add(name, CronTrigger(**fields), fn)
            return fn

        return register

    def fires(self, after: datetime) -> list[tuple[Job, datetime | None]]:
        """Each job's first fire time after `after`, in book order: every trigger read once (a state
        trigger reads the database, so a runner asks this once per instant, not once per question)."""
        return [(job, job.next_fire(after)) for job in self.jobs]

    def next_due(self, after: datetime) -> datetime | None:
        return earliest(self.fires(after))

    def due_at(self, after: datetime, at: datetime) -> list[Job]:
        """The jobs whose first fire after `after` is `at`, as a runner at `at` would run them."""
        return due(self.fires(after), at)


def earliest(fires: list[tuple[Job, datetime | None]]) -> datetime | None:
    return min((t for _, t in fires if t is not None), default=None)


def due(fires: list[tuple[Job, datetime | None]], at: datetime) -> list[Job]:
    """The jobs of `fires` that fire at `at`, in book order."""
    return [job for job, fire in fires if fire == at]


WAKE_BOUND = 5.0   # seconds a wake may take; after that the next advance asks anyway


def wake(runtime: Runtime, *services: str) -> None:
    """Tell control that `services` were given work sooner than their last NextDue said (an announcement, a
    notice), so it asks them again before its next instant. Best effort: control asks every service afresh at
    each advance's start, so a wake lost while control is away costs nothing but under the realtime clock."""
    for service in services:
        try:
            runtime.clients.clock.Wake(control_pb2.WakeRequest(service=service), timeout=WAKE_BOUND)
        except DomainError as error:
            log.warning("could not wake %s: [%s] %s", service, error.reason, error.message)


class JobWatermark(SQLModel, table=True):
    __tablename__ = "job_watermark"
    id: int = Field(default=1, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)


class JobRunner:
    """Runs a service's due jobs up to an instant, advancing its persisted watermark."""

    def __init__(self, service: str, db: Database, book: JobBook, clock: ClockSource,
                 metrics: ServiceMetrics | None = None) -> None:
        self.service = service
        self.db = db
        self.book = book
        self.clock = clock
        self.metrics = metrics  # counts each run, ok or failed
        self._reported: tuple[str, datetime] | None = None  # the failure last logged
        self._mark: datetime | None = None  # the persisted watermark, cached: this runner is its only writer
        self.following: datetime | None = None  # the next instant due after the last run_due

    def watermark(self) -> datetime:
        if self._mark is not None:
            return self._mark
        with self.db.read() as session:
            row = session.get(JobWatermark, 1)
        if row is not None:
            self._mark = row.at
            return row.at
        now = self.clock.now()  # first contact: jobs start from the sandbox's present
        with self.db.transaction() as session:
            row = session.get(JobWatermark, 1)
            if row is None:
                row = JobWatermark(id=1, at=now)
                session.add(row)
        self._mark = row.at
        return row.at

    def _set_watermark(self, at: datetime, durable: bool = False) -> None:
        """Persist the watermark. It survives a crash of the process at once, but waits for the next durable
        commit (a job's own, or a reset's) to reach the disk: a power cut that loses it runs those instants'
        jobs again, which they are written to allow. Control's driver runs one instant per RunDue, so "durable
        at a run's end" was a sync every instant: 676 fdatasyncs over 90 quiet days before, 494 after (strace)."""
        with self.db.transaction(durable=durable) as session:
            row = session.get(JobWatermark, 1) or JobWatermark(id=1, at=at)
            row.at = at
            session.add(row)
        self._mark = at

    def next_due(self, refresh: bool = True) -> datetime | None:
        if refresh:
            self.book.refresh()
        return self.book.next_due(self.watermark())

    def run_due(self, now: datetime) -> list[common_pb2.JobRun]:
        """Run every job due by `now`, in time order; `following` is then the next instant due after it."""
        runs: list[common_pb2.JobRun] = []
        mark = self.watermark()
        fires = self.book.fires(mark)
        while (at := earliest(fires)) is not None and at <= now:
            for job in due(fires, at):
                try:
                    with pinned(self.clock, at):
                        outcome = job.run(at)
                except Exception as error:  # a failed job stays due; the advance stops here, saying why
                    if self.metrics is not None:
                        self.metrics.job_ran(job.name, ok=False)
                    if (job.name, at) != self._reported:  # once per instant, however often it is retried
                        self._reported = (job.name, at)
                        log.exception("%s job %s at %s failed", self.service, job.name, at.isoformat())
                    reason = error.reason if isinstance(error, DomainError) else type(error).__name__
                    raise DomainError(Common.JOB_FAILED, f"{self.service} job {job.name} at {at.isoformat()} failed: "
                                      f"[{reason}] {error}", service=self.service, job=job.name) from error
                if self.metrics is not None:
                    self.metrics.job_ran(job.name, ok=True)
                log.info("%s job %s at %s: %s", self.service, job.name, at.isoformat(), outcome)
                runs.append(common_pb2.JobRun(service=self.service, job=job.name, at=to_ts(at), outcome=outcome))
            mark = at
            fires = self.book.fires(mark)
            self._set_watermark(at)
        if now > mark:
            self._set_watermark(now)
        # nothing fires in (mark, now]: the first fire after mark is the first after now, read after the jobs ran
        self.following = at
        return runs

    def reset(self, at: datetime) -> None:
        self._set_watermark(at, durable=True)


class SchedulerServicer(common_pb2_grpc.SchedulerServicer):
    def __init__(self, runner: JobRunner) -> None:
        self.runner = runner

    def NextDue(self, request: common_pb2.Empty, context: Context) -> common_pb2.NextDueResponse:
        at = self.runner.next_due()
        return common_pb2.NextDueResponse(has_due=at is not None, at=to_ts(at) if at else None)

    @unary
    def RunDue(self, request: common_pb2.RunDueRequest, context: Context) -> common_pb2.RunDueResponse:
        runs = self.runner.run_due(from_ts(request.now))
        following = self.runner.following
        return common_pb2.RunDueResponse(runs=runs, has_next=following is not None,
                                         next_at=to_ts(following) if following else None)

    def ResetClock(self, request: common_pb2.ResetClockRequest, context: Context) -> common_pb2.Empty:
        self.runner.reset(from_ts(request.at))
        return common_pb2.Empty()
