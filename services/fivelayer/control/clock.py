"""The sandbox clock: manual (stands still until advanced) or realtime (runs at a speed).

Reads never wait for an advance in progress, because services ask for the time while control
is running their jobs. The wall clock is read only in realtime mode, in integer nanoseconds.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from fivelayer.control.models import ClockRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.timeutil import utc

MANUAL, REALTIME = "manual", "realtime"
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

    @property
    def mode(self) -> str:
        return self._row.mode

    @property
    def speed(self) -> Decimal:
        return self._row.speed

    def now(self) -> datetime:
        with self._lock:
            row = self._row
            if row.mode == MANUAL:
                return row.at
            elapsed_us = int(Decimal(self.wall_ns() - row.wall_at_ns) * row.speed) // 1000
            return row.at + timedelta(microseconds=elapsed_us)

    def _store(self, at: datetime, mode: str, speed: Decimal) -> None:
        with self._lock:
            self._row = ClockRow(id=1, at=utc(at), mode=mode, speed=speed, wall_at_ns=self.wall_ns())
            row = self._row
        with self.db.transaction() as session:
            stored = session.get(ClockRow, 1) or ClockRow(id=1, at=row.at)
            stored.at, stored.mode, stored.speed, stored.wall_at_ns = row.at, row.mode, row.speed, row.wall_at_ns
            session.add(stored)

    def move_to(self, at: datetime) -> None:
        """Step forward to `at` (during an advance); time never goes backwards here."""
        if utc(at) < self.now():
            raise DomainError("CLOCK_BACKWARDS", f"cannot move the clock back from {self.now()} to {at}")
        self._store(at, self.mode, self.speed)

    def reset(self, at: datetime) -> None:
        """Put a fresh sandbox at its start instant (the caller checks it is fresh)."""
        self._store(at, self.mode, self.speed)

    def set_mode(self, mode: str, speed: Decimal) -> None:
        if mode not in (MANUAL, REALTIME):
            raise DomainError("INVALID_ARGUMENT", f"unknown clock mode {mode!r}")
        if speed <= 0 or speed > 100_000:
            raise DomainError("INVALID_ARGUMENT", f"speed must be in (0, 100000], got {speed}")
        self._store(self.now(), mode, speed)
