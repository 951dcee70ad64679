"""Scheduled work under the sandbox clock.

Jobs are declared with APScheduler 3 triggers (cron in New York time, mostly), but APScheduler
never runs them: it reads `datetime.now`, and the sandbox has its own clock. Its triggers are
used as pure functions (`get_next_fire_time`) and the control service drives every service's
jobs in time order through the Scheduler RPCs: NextDue, then RunDue at that instant.

Each service keeps a watermark, the instant up to which its jobs have run, in its database, so a
restart neither repeats nor skips a job. Jobs are written to be safe to repeat (they act on
state, like "fill every order waiting for the open"), since a crash between a job and the
watermark update runs it again.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlmodel import Field, SQLModel

from fivelayer.kernel.clock import ClockSource, pinned
from fivelayer.kernel.db import Database, UTCDateTime
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.rpc import Context, unary
from fivelayer.kernel.timeutil import from_ts, to_ts, utc
from fivelayer.v1 import common_pb2, common_pb2_grpc
from fivelayer.kernel.reasons import Common

log = logging.getLogger(__name__)
NEW_YORK = "America/New_York"
JobFn = Callable[[datetime], str]


@dataclass(frozen=True)
class Job:
    name: str
    trigger: BaseTrigger
    run: JobFn  # takes the instant it runs at, returns a short outcome for the timeline

    def next_fire(self, after: datetime) -> datetime | None:
        """The first fire time strictly after `after`."""
        fire = self.trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
        return utc(fire) if fire is not None else None


class JobBook:
    """The jobs one service declares, in the order they run when due at the same instant."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def add(self, name: str, trigger: BaseTrigger, run: JobFn) -> None:
        self.jobs.append(Job(name, trigger, run))

    def cron(self, name: str, **fields: str | int) -> Callable[[JobFn], JobFn]:
        """Decorator: run on a cron schedule, in New York time unless `timezone` is given."""
        fields.setdefault("timezone", NEW_YORK)

        def register(fn: JobFn) -> JobFn:
            self.add(name, CronTrigger(**fields), fn)
            return fn

        return register

    def next_due(self, after: datetime) -> datetime | None:
        fires = [t for job in self.jobs if (t := job.next_fire(after)) is not None]
        return min(fires) if fires else None

    def due_at(self, after: datetime, at: datetime) -> list[Job]:
        return [job for job in self.jobs if job.next_fire(after) == at]


class JobWatermark(SQLModel, table=True):
    __tablename__ = "job_watermark"
    id: int = Field(default=1, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)


class JobRunner:
    """Runs a service's due jobs up to an instant, advancing its persisted watermark."""

    def __init__(self, service: str, db: Database, book: JobBook, clock: ClockSource) -> None:
        self.service = service
        self.db = db
        self.book = book
        self.clock = clock
        self._reported: tuple[str, datetime] | None = None  # the failure last logged
        self._mark: datetime | None = None  # the persisted watermark, cached: this runner is its only writer

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

    def _set_watermark(self, at: datetime) -> None:
        with self.db.transaction() as session:
            row = session.get(JobWatermark, 1) or JobWatermark(id=1, at=at)
            row.at = at
            session.add(row)
        self._mark = at

    def next_due(self) -> datetime | None:
        return self.book.next_due(self.watermark())

    def run_due(self, now: datetime) -> list[common_pb2.JobRun]:
        runs: list[common_pb2.JobRun] = []
        mark = self.watermark()
        while (at := self.book.next_due(mark)) is not None and at <= now:
            for job in self.book.due_at(mark, at):
                try:
                    with pinned(self.clock, at):
                        outcome = job.run(at)
                except Exception as error:  # a failed job stays due; the advance stops here, saying why
                    if (job.name, at) != self._reported:  # once per instant, however often it is retried
                        self._reported = (job.name, at)
                        log.exception("%s job %s at %s failed", self.service, job.name, at.isoformat())
                    reason = error.reason if isinstance(error, DomainError) else type(error).__name__
                    raise DomainError(Common.JOB_FAILED, f"{self.service} job {job.name} at {at.isoformat()} failed: "
                                      f"[{reason}] {error}", service=self.service, job=job.name) from error
                log.info("%s job %s at %s: %s", self.service, job.name, at.isoformat(), outcome)
                runs.append(common_pb2.JobRun(service=self.service, job=job.name, at=to_ts(at), outcome=outcome))
            mark = at
            self._set_watermark(at)
        if now > mark:
            self._set_watermark(now)
        return runs

    def reset(self, at: datetime) -> None:
        self._set_watermark(at)


class SchedulerServicer(common_pb2_grpc.SchedulerServicer):
    def __init__(self, runner: JobRunner) -> None:
        self.runner = runner

    def NextDue(self, request: common_pb2.Empty, context: Context) -> common_pb2.NextDueResponse:
        at = self.runner.next_due()
        return common_pb2.NextDueResponse(has_due=at is not None, at=to_ts(at) if at else None)

    @unary
    def RunDue(self, request: common_pb2.RunDueRequest, context: Context) -> common_pb2.RunDueResponse:
        runs = self.runner.run_due(from_ts(request.now))
        following = self.runner.next_due()
        return common_pb2.RunDueResponse(runs=runs, has_next=following is not None,
                                         next_at=to_ts(following) if following else None)

    def ResetClock(self, request: common_pb2.ResetClockRequest, context: Context) -> common_pb2.Empty:
        self.runner.reset(from_ts(request.at))
        return common_pb2.Empty()
