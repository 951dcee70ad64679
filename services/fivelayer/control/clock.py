"""The sandbox clock: manual (stands still until advanced) or realtime (runs at a speed).

Reads never wait for an advance in progress, because services ask for the time while control
is running their jobs. The wall clock is read only in realtime mode, in integer nanoseconds.

In realtime the clock never runs past a job that has not run: the driver holds it at the next
instant a job falls due (the barrier), and lets it go once that instant's jobs have run. Readers
therefore see time move forward only, and every job runs with the clock reading its own
instant, exactly as under a manual advance.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from fivelayer.control import reasons
from fivelayer.control.models import ClockRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc

MANUAL, REALTIME = "manual", "realtime"
MAX_SPEED = Decimal(100_000)
WallClock = Callable[[], int]


class SandboxClock:
    def __init__(self, db: Database, start: datetime, wall_ns: WallClock = time.time_ns) -> None:
        self.db = db
        self.wall_ns = wall_ns
        self._lock = threading.Lock()
        with db.transaction() as session:
            row = session.get(ClockRow, 1)
            if row is None:
                row = ClockRow(id=1, at=utc(start), mode=MANUAL, speed=Decimal(1), wall_at_ns=wall_ns())
                session.add(row)
            self._row = ClockRow(id=1, at=row.at, mode=row.mode, speed=row.speed, wall_at_ns=row.wall_at_ns)
            if self._row.mode == REALTIME:  # a restart resumes realtime from the instant it stopped
                self._row.wall_at_ns = wall_ns()
        # Until the driver has asked every service what is due next, hold at the stored instant.
        self._barrier: datetime | None = self._row.at

    @property
    def mode(self) -> str:
        return self._row.mode

    @property
    def speed(self) -> Decimal:
        return self._row.speed

    @property
    def barrier(self) -> datetime | None:
        return self._barrier

    def now(self) -> datetime:
        with self._lock:
            row = self._row
            if row.mode == MANUAL:
                return row.at
            elapsed_us = int(Decimal(self.wall_ns() - row.wall_at_ns) * row.speed) // 1000
            running = row.at + timedelta(microseconds=elapsed_us)
            barrier = self._barrier
            return running if barrier is None or running < barrier else max(barrier, row.at)

    def hold_at(self, barrier: datetime | None) -> None:
        """The next instant a job falls due (None: no job ever will): realtime stops there."""
        with self._lock:
            self._barrier = utc(barrier) if barrier is not None else None

    def wall_seconds_until(self, at: datetime) -> float:
        """How long, in wall seconds, realtime takes to reach `at` (0 if it has; inf in manual)."""
        now = self.now()
        if at <= now:
            return 0.0
        if self.mode == MANUAL:
            return float("inf")
        return (at - now).total_seconds() / float(self.speed)

    def _store(self, at: datetime, mode: str, speed: Decimal, persist: bool = True) -> None:
        with self._lock:
            self._row = ClockRow(id=1, at=utc(at), mode=mode, speed=speed, wall_at_ns=self.wall_ns())
            row = self._row
        if persist:
            self._persist(row)

    def persist(self) -> None:
        """Store the clock as it stands (after steps taken with `persist=False`)."""
        with self._lock:
            row = self._row
        self._persist(row)

    def _persist(self, row: ClockRow) -> None:
        with self.db.transaction() as session:
            stored = session.get(ClockRow, 1) or ClockRow(id=1, at=row.at)
            stored.at, stored.mode, stored.speed, stored.wall_at_ns = row.at, row.mode, row.speed, row.wall_at_ns
            session.add(stored)

    def checkpoint(self, ahead_wall_seconds: float = 0.0) -> datetime:
        """Persist where realtime has got to, so a restart resumes from there, not from the last
        instant the mode was set. Stored `ahead_wall_seconds` of realtime ahead (never past the
        barrier): a crash between checkpoints then resumes at or after every instant already read,
        so no service sees time go back. The running anchor is kept: no time is lost or gained."""
        now = self.now()
        at = now
        if self.mode == REALTIME and ahead_wall_seconds > 0:
            at = now + timedelta(microseconds=int(Decimal(str(ahead_wall_seconds)) * self.speed * 1_000_000))
            if self._barrier is not None:
                at = max(now, min(at, self._barrier))
        self._persist(ClockRow(id=1, at=at, mode=self.mode, speed=self.speed, wall_at_ns=self.wall_ns()))
        return at

    def move_to(self, at: datetime, persist: bool = True) -> None:
        """Step forward to `at` (during an advance); time never goes backwards here. An advance
        steps without storing each instant and stores the clock as it goes (`persist`)."""
        if utc(at) < self.now():
            raise DomainError(reasons.Control.CLOCK_BACKWARDS, f"cannot move the clock back from {self.now()} to {at}")
        self._store(at, self.mode, self.speed, persist)

    def reset(self, at: datetime) -> None:
        """Put a fresh sandbox at its start instant (the caller checks it is fresh)."""
        self._store(at, self.mode, self.speed)

    def set_mode(self, mode: str, speed: Decimal) -> None:
        """Change mode or speed from the instant the clock reads now: nothing is skipped or repeated."""
        if mode not in (MANUAL, REALTIME):
            raise DomainError(Common.INVALID_ARGUMENT, f"unknown clock mode {mode!r}")
        if speed <= 0 or speed > MAX_SPEED:
            raise DomainError(Common.INVALID_ARGUMENT, f"speed must be in (0, {MAX_SPEED}], got {speed}")
        self._store(self.now(), mode, speed)
