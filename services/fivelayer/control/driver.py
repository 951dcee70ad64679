"""Running every job that falls due, in every service, in time order: under a manual advance and
under the realtime clock, by the same loop.

Control knows when each service's next job is due (asked once, then told by each RunDue reply, and
asked again when a service says its schedule moved: `wake`), steps to the earliest instant, has
every service due then run its jobs (in the fixed service order), and repeats. Jobs that cause
new work elsewhere (a fill reported to the depository) are seen on the next round, so effects
always follow causes. A manual advance returns only when all
have run; in realtime the clock is held at the next due instant until its jobs have run, so a
realtime span runs exactly the jobs a manual advance over it would.

A job that fails stays due: the advance stops there with JOB_FAILED; in realtime the clock waits
at that instant and the job is retried with backoff, reported once per instant.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from fivelayer.control import reasons
from fivelayer.control.clock import SandboxClock
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.calendar import NEW_YORK
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import SchedulerServicer
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.timeutil import from_ts, iso, to_ts, utc
from fivelayer.v1 import common_pb2, control_pb2

log = logging.getLogger(__name__)
MAX_ROUNDS = 100_000            # jobs in one advance: more means a runaway schedule
RETRY_FIRST, RETRY_MAX = 0.5, 10.0  # wall seconds between attempts of a failing job in realtime
IDLE_WAIT = 0.25                # the ticker looks at the clock at least this often (wall seconds)
PERSIST_EVERY = 0.25            # an advance stores the clock and its job log at least this often (wall seconds)


class SchedulerLike(Protocol):
    def NextDue(self, request: common_pb2.Empty) -> common_pb2.NextDueResponse: ...
    def RunDue(self, request: common_pb2.RunDueRequest) -> common_pb2.RunDueResponse: ...
    def ResetClock(self, request: common_pb2.ResetClockRequest) -> common_pb2.Empty: ...


class LocalScheduler:
    """Jobs of this process (control's own, or a unit test's), driven through the same interface
    as a remote service's Scheduler."""

    def __init__(self, servicer: SchedulerServicer) -> None:
        self.servicer = servicer

    def NextDue(self, request: common_pb2.Empty) -> common_pb2.NextDueResponse:
        return self.servicer.NextDue(request, LocalContext())

    def RunDue(self, request: common_pb2.RunDueRequest) -> common_pb2.RunDueResponse:
        return self.servicer.RunDue(request, LocalContext())

    def ResetClock(self, request: common_pb2.ResetClockRequest) -> common_pb2.Empty:
        return self.servicer.ResetClock(request, LocalContext())


@dataclass(frozen=True)
class Participant:
    service: str
    scheduler: SchedulerLike


@dataclass
class Failure:
    """A job that failed at its instant and stays due."""

    service: str
    job: str
    at: datetime
    reason: str
    message: str
    attempts: int = 1


RunsSink = Callable[[Sequence[common_pb2.JobRun]], None]
# told after each instant of an advance: the instant reached and the jobs run at it (a streamed advance's progress)
StepSink = Callable[[datetime, Sequence[common_pb2.JobRun]], None]


@dataclass
class Driver:
    clock: SandboxClock
    participants: Callable[[], Sequence[Participant]]
    on_runs: RunsSink = lambda runs: None          # where every job run is recorded (control's log)
    lock: threading.Lock = field(default_factory=threading.Lock)
    failing: dict[str, Failure] = field(default_factory=dict)   # by service
    _due: dict[str, datetime | None] | None = None               # next due per service; None: ask
    _schedule_error: str = ""                                    # last reported, so it is said once
    _unlogged: list[common_pb2.JobRun] = field(default_factory=list)  # runs not yet in the job log
    _woken: set[str] = field(default_factory=set)                 # services to ask again (`wake`)
    _woken_lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the schedule ---------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Something changed what is due (a fault with an end): ask every service again."""
        self._due = None

    def wake(self, service: str) -> None:
        """A service was given work sooner than it said (during this advance, by another service's job):
        ask it again before the next instant. Called from a gRPC thread while an advance may hold `lock`,
        so it only notes the name."""
        with self._woken_lock:
            self._woken.add(service)

    def _next_due(self) -> dict[str, datetime | None]:
        with self._woken_lock:
            woken, self._woken = self._woken, set()
        if self._due is not None and woken:
            for participant in self.participants():
                if participant.service in woken:
                    reply = participant.scheduler.NextDue(common_pb2.Empty())
                    self._due[participant.service] = from_ts(reply.at) if reply.has_due else None
        if self._due is None:
            due: dict[str, datetime | None] = {}
            for participant in self.participants():
                reply = participant.scheduler.NextDue(common_pb2.Empty())
                due[participant.service] = from_ts(reply.at) if reply.has_due else None
            self._due = due
        return self._due

    def _earliest(self) -> datetime | None:
        instants = [at for at in self._next_due().values() if at is not None]
        return min(instants) if instants else None

    def _run_instant(self, at: datetime) -> list[common_pb2.JobRun]:
        """Run the jobs every service has due at `at`, in service order; stop at the first failure
        (jobs are safe to repeat, so a service that failed part-way runs them all again)."""
        due = self._next_due()
        runs: list[common_pb2.JobRun] = []
        for participant in self.participants():
            if due.get(participant.service) != at:
                continue
            try:
                reply = participant.scheduler.RunDue(common_pb2.RunDueRequest(now=to_ts(at)))
            except DomainError as error:
                self._due = None  # ask every service afresh next time
                self._fail(participant.service, at, error)
                raise
            self._unlogged.extend(reply.runs)
            runs.extend(reply.runs)
            self.failing.pop(participant.service, None)
            due[participant.service] = from_ts(reply.next_at) if reply.has_next else None
        return runs

    def _fail(self, service: str, at: datetime, error: DomainError) -> None:
        job = error.metadata.get("job", "?")
        known = self.failing.get(service)
        if known is not None and (known.job, known.at) == (job, at):
            known.attempts += 1
            known.message = error.message
            return
        self.failing[service] = Failure(service, job, at, error.reason, error.message)
        log.error("%s job %s due at %s failed (it stays due): [%s] %s", service, job, iso(at), error.reason,
                  error.message)

    # -- a manual advance -----------------------------------------------------------------------

    def advance_to(self, target: datetime, on_step: StepSink | None = None) -> list[common_pb2.JobRun]:
        """Run every job due up to `target` in time order; `on_step` hears each instant as it is done."""
        target = utc(target)
        with self.lock:
            start = self.clock.now()
            if target < start:
                raise DomainError(reasons.Control.CLOCK_BACKWARDS, f"cannot advance back from {start.isoformat()} "
                                  f"to {target.isoformat()}")
            self._due = None  # a fresh look at every service, once per advance
            runs: list[common_pb2.JobRun] = []
            stored = time.monotonic()
            try:
                for _ in range(MAX_ROUNDS):
                    at = self._earliest()
                    self.clock.hold_at(at)
                    if at is None or at > target:
                        break
                    if at > self.clock.now():
                        self.clock.move_to(at, persist=False)
                    ran = self._run_instant(at)
                    runs.extend(ran)
                    if on_step is not None:
                        on_step(at, ran)
                    if time.monotonic() - stored > PERSIST_EVERY:  # a long advance: bound what a crash loses
                        self._store()
                        stored = time.monotonic()
                else:
                    raise DomainError(Common.INTERNAL, "too many job rounds in one advance")
                if target > self.clock.now():
                    self.clock.move_to(target, persist=False)
            finally:
                self.clock.hold_at(self._earliest_known())
                self._store()
            return runs

    def _store(self) -> None:
        """Persist the clock and log the job runs not yet logged: once per advance (and at least
        every PERSIST_EVERY of a long one), not once per instant."""
        self.clock.persist()
        if self._unlogged:
            self.on_runs(self._unlogged)
            self._unlogged = []

    def _earliest_known(self) -> datetime | None:
        """The barrier after a failure: the failing instant (nothing may pass it), else what is due."""
        if self.failing:
            return min(f.at for f in self.failing.values())
        try:
            return self._earliest()
        except DomainError:
            return self.clock.now()  # cannot tell what is due: hold here rather than skip a job

    # -- realtime -------------------------------------------------------------------------------

    def tick(self) -> float:
        """One step of the realtime clock: run what is due by now. Returns the wall seconds to
        wait before the next step (a failing job backs off, up to RETRY_MAX)."""
        with self.lock:
            try:
                at = self._earliest()
                self.clock.hold_at(at)
                if at is None:
                    return IDLE_WAIT
                if at > self.clock.now():
                    return min(IDLE_WAIT, self.clock.wall_seconds_until(at))
                try:
                    self._run_instant(at)
                finally:
                    if self._unlogged:
                        self.on_runs(self._unlogged)
                        self._unlogged = []
                self._schedule_error = ""
                self.clock.hold_at(self._earliest())
                return 0.0
            except DomainError as error:
                if not self.failing and error.message != self._schedule_error:  # a service is down
                    log.warning("realtime: cannot read the schedule: [%s] %s", error.reason, error.message)
                self._schedule_error = error.message
                self.clock.hold_at(self._earliest_known())
                attempts = max((f.attempts for f in self.failing.values()), default=1)
                return min(RETRY_MAX, RETRY_FIRST * 2.0 ** (attempts - 1))

    def reset(self, at: datetime) -> None:
        with self.lock:
            self.clock.reset(at)
            for participant in self.participants():
                participant.scheduler.ResetClock(common_pb2.ResetClockRequest(at=to_ts(at)))
            self._due = None
            self.failing.clear()
            self.clock.hold_at(self._earliest())


@dataclass
class ProgressPacer:
    """Turns an advance's steps into AdvanceProgress messages: one when the sandbox's New York date
    changes (so a few days' advance shows each day) or when `every` wall seconds have passed with jobs
    run (so a busy day still moves), never one per instant (a year has thousands)."""

    start: datetime
    target: datetime
    emit: Callable[[control_pb2.AdvanceProgress], None]
    every: float = 0.5
    wall: Callable[[], float] = time.monotonic
    jobs_run: int = 0
    _pending: list[common_pb2.JobRun] = field(default_factory=list)
    _day: date | None = None
    _sent: float = 0.0

    def __post_init__(self) -> None:
        self._day = self.start.astimezone(NEW_YORK).date()
        self._sent = self.wall()

    def step(self, at: datetime, runs: Sequence[common_pb2.JobRun]) -> None:
        self.jobs_run += len(runs)
        self._pending.extend(runs)
        day = at.astimezone(NEW_YORK).date()
        if day != self._day or (self._pending and self.wall() - self._sent >= self.every):
            self._day = day
            self.emit(self.progress(at))

    def progress(self, at: datetime, done: control_pb2.AdvanceResponse | None = None) -> control_pb2.AdvanceProgress:
        """The message for `at`, carrying the runs not yet sent (and the whole answer when `done`)."""
        runs, self._pending, self._sent = self._pending, [], self.wall()
        return control_pb2.AdvanceProgress(reached=to_ts(at), jobs_run=self.jobs_run, runs=runs,
                                           to=to_ts(self.target), done=done, **{"from": to_ts(self.start)})


class Ticker:
    """Drives the realtime clock in a thread: wakes when a job falls due, or when woken (a mode
    or speed change, an advance), and checkpoints the clock so a restart resumes where it was."""

    def __init__(self, driver: Driver, checkpoint_every: float = 1.0,
                 on_moved: Callable[[datetime], None] | None = None) -> None:
        self.driver = driver
        self.checkpoint_every = checkpoint_every
        self.on_moved = on_moved  # told the clock's now after each step in realtime (the chain mines a block)
        self.wake = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="realtime-ticker", daemon=True)
        self.failures = FailureLog("realtime ticker step", log)   # logged once per cause, and its recovery

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.wake.set()
        self.thread.join(timeout=5)

    def _loop(self) -> None:
        clock = self.driver.clock
        since_checkpoint = 0.0
        while not self.stopped.is_set():
            wait = IDLE_WAIT
            if clock.mode == "realtime":
                try:
                    wait = self.driver.tick()
                    if self.on_moved is not None:
                        self.on_moved(clock.now())
                    since_checkpoint += wait
                    if since_checkpoint >= self.checkpoint_every or wait == 0.0:
                        clock.checkpoint(ahead_wall_seconds=4 * self.checkpoint_every)
                        since_checkpoint = 0.0
                except Exception as error:  # noqa: BLE001 - the ticker must outlive any one failure (logged)
                    self.failures.failed(error)
                else:
                    self.failures.succeeded()
            if wait > 0:
                self.wake.wait(wait)
                self.wake.clear()
