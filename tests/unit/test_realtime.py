"""The realtime clock runs every job a manual advance would, in the same order, at the same
instants; it never passes a job that has not run, and a failing job holds it and is said once."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.control.clock import MANUAL, REALTIME, SandboxClock
from fivelayer.control.driver import Driver, LocalScheduler, Participant
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import CronFields, JobBook, JobRunner, SchedulerServicer
from fivelayer.kernel.timeutil import from_ts

FRIDAY_EVENING = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
Seen = list[tuple[str, str, datetime, datetime]]  # service, job, its instant, what the clock read




class World:
    """Two services with NYSE-like jobs under one clock, on a wall clock the test moves."""

    def __init__(self, folder: Path, fail: Callable[[str, datetime], bool] = lambda job, at: False) -> None:
        folder.mkdir()
        self.wall = [10**18]
        self.clock = SandboxClock(Database(f"sqlite:///{folder}/control.db"), FRIDAY_EVENING,
                                  wall_ns=lambda: self.wall[0])
        self.seen: Seen = []
        self.fail = fail
        participants = [
            self._service(folder, "depository", {"settle": {"day_of_week": "mon-fri", "hour": 16, "minute": 15}}),
            self._service(folder, "broker", {"open": {"day_of_week": "mon-fri", "hour": 9, "minute": 30},
                                             "sync": {"day_of_week": "mon-fri", "hour": 16, "minute": 30}}),
        ]
        self.logged: list[tuple[str, str, datetime]] = []
        self.driver = Driver(self.clock, lambda: participants,
                             on_runs=lambda runs: self.logged.extend((r.service, r.job, from_ts(r.at)) for r in runs))

    def _service(self, folder: Path, name: str, jobs: dict[str, CronFields]) -> Participant:
        book = JobBook()
        for job, cron in jobs.items():
            def run(at: datetime, n: str = name, j: str = job) -> str:
                if self.fail(j, at):
                    raise RuntimeError(f"{j} cannot run yet")
                self.seen.append((n, j, at, self.clock.now()))
                return "ok"
            book.cron(job, **cron)(run)
        runner = JobRunner(name, Database(f"sqlite:///{folder}/{name}.db"), book, self.clock)
        return Participant(name, LocalScheduler(SchedulerServicer(runner)))

    def run_realtime(self, wall_seconds: float, step: float = 0.5) -> None:
        """Let wall time pass in steps, ticking the driver as the control ticker does."""
        for _ in range(int(wall_seconds / step)):
            while self.driver.tick() == 0.0:
                pass
            self.wall[0] += int(step * 10**9)
        while self.driver.tick() == 0.0:
            pass


def test_barrier_holds_realtime_at_the_next_due_job(tmp_path: Path) -> None:
    wall = [10**18]
    clock = SandboxClock(Database(f"sqlite:///{tmp_path}/c.db"), FRIDAY_EVENING, wall_ns=lambda: wall[0])
    clock.set_mode(REALTIME, Decimal(60))
    clock.hold_at(FRIDAY_EVENING + timedelta(minutes=1))
    wall[0] += 2 * 10**9
    assert clock.now() == FRIDAY_EVENING + timedelta(minutes=1)  # held: a job is due then
    clock.hold_at(None)
    assert clock.now() == FRIDAY_EVENING + timedelta(minutes=2)  # released: no time was lost


def test_realtime_runs_what_a_manual_advance_runs(tmp_path: Path) -> None:
    """Friday evening to Tuesday night at x3600 (a sandbox hour a wall second): the same jobs, in
    the same order, each seeing the clock read its own instant, as a manual advance."""
    manual, realtime = World(tmp_path / "manual"), World(tmp_path / "realtime")
    end = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    manual.driver.advance_to(end)

    realtime.clock.set_mode(REALTIME, Decimal(3600))
    realtime.run_realtime((end - FRIDAY_EVENING).total_seconds() / 3600)
    realtime.clock.set_mode(MANUAL, Decimal(1))
    assert realtime.clock.now() >= end - timedelta(hours=1)

    assert realtime.seen == manual.seen
    assert [(n, j, at) for n, j, at, _ in manual.seen] == [
        ("broker", "open", datetime(2026, 11, 23, 14, 30, tzinfo=UTC)),
        ("depository", "settle", datetime(2026, 11, 23, 21, 15, tzinfo=UTC)),
        ("broker", "sync", datetime(2026, 11, 23, 21, 30, tzinfo=UTC)),
        ("broker", "open", datetime(2026, 11, 24, 14, 30, tzinfo=UTC)),
        ("depository", "settle", datetime(2026, 11, 24, 21, 15, tzinfo=UTC)),
        ("broker", "sync", datetime(2026, 11, 24, 21, 30, tzinfo=UTC)),
    ]
    assert all(at == read for _, _, at, read in realtime.seen)  # the clock read the job's instant
    assert realtime.logged == manual.logged == [(n, j, at) for n, j, at, _ in manual.seen]


@pytest.mark.parametrize("speed", [1, 60, 3600, 10_000])
def test_switching_modes_and_speeds_neither_skips_nor_repeats(tmp_path: Path, speed: int) -> None:
    manual, mixed = World(tmp_path / "manual"), World(tmp_path / "mixed")
    monday_noon = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
    end = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    manual.driver.advance_to(end)

    mixed.clock.set_mode(REALTIME, Decimal(speed))
    mixed.run_realtime(min(20.0, (monday_noon - FRIDAY_EVENING).total_seconds() / speed), step=0.25)
    mixed.clock.set_mode(MANUAL, Decimal(speed))
    mixed.driver.advance_to(max(monday_noon, mixed.clock.now()))
    mixed.clock.set_mode(REALTIME, Decimal(speed * 2))
    mixed.run_realtime(3.0, step=0.25)
    mixed.clock.set_mode(REALTIME, Decimal(10_000))
    mixed.run_realtime(20.0, step=0.25)
    mixed.clock.set_mode(MANUAL, Decimal(1))
    mixed.driver.advance_to(max(end, mixed.clock.now()))
    assert [s[:3] for s in mixed.seen if s[2] <= end] == [s[:3] for s in manual.seen]
    assert all(at == read for _, _, at, read in mixed.seen)


def test_a_failing_job_holds_the_clock_stays_due_and_is_said_once(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    monday_open = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    broken = [True]
    world = World(tmp_path / "w", fail=lambda job, at: broken[0] and job == "settle")
    world.clock.set_mode(REALTIME, Decimal(3600))
    with caplog.at_level(logging.ERROR):
        world.run_realtime(80.0, step=0.5)   # Friday 22:00 + 80 h: far past Monday's 16:15 settlement
    held = datetime(2026, 11, 23, 21, 15, tzinfo=UTC)
    assert world.clock.now() == held                          # it cannot pass the failing job
    assert world.seen == [("broker", "open", monday_open, monday_open)]
    failure = world.driver.failing["depository"]
    assert (failure.job, failure.at, failure.reason) == ("settle", held, "JOB_FAILED") and failure.attempts > 1
    said = [r.name for r in caplog.records if "settle" in r.getMessage()]
    assert sorted(said) == ["fivelayer.control.driver", "fivelayer.kernel.jobs"]  # once each, not per retry

    broken[0] = False
    world.run_realtime(1.0)
    assert "depository" not in world.driver.failing
    assert [s[1] for s in world.seen] == ["open", "settle", "sync"]
    assert world.clock.now() > held
