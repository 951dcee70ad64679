"""Advancing time: run every job that falls due, in every service, in time order.

Control asks each service when its next job is due, steps the clock to the earliest instant,
has every service due then run its jobs (in the fixed service order), and repeats until the
target. Jobs that cause new work elsewhere (a fill reported to the depository) are seen on the
next round, so effects always follow causes. An advance returns only when all have run.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fivelayer.control.clock import SandboxClock
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.timeutil import from_ts, to_ts, utc
from fivelayer.v1 import common_pb2


class SchedulerLike(Protocol):
    def NextDue(self, request: common_pb2.Empty) -> common_pb2.NextDueResponse: ...
    def RunDue(self, request: common_pb2.RunDueRequest) -> common_pb2.RunDueResponse: ...
    def ResetClock(self, request: common_pb2.ResetClockRequest) -> common_pb2.Empty: ...


@dataclass(frozen=True)
class Participant:
    service: str
    scheduler: SchedulerLike


MAX_ROUNDS = 100_000


class Driver:
    def __init__(self, clock: SandboxClock, participants: Callable[[], Sequence[Participant]]) -> None:
        self.clock = clock
        self.participants = participants
        self.lock = threading.Lock()

    def advance_to(self, target: datetime) -> list[common_pb2.JobRun]:
        target = utc(target)
        with self.lock:
            start = self.clock.now()
            if target < start:
                raise DomainError("CLOCK_BACKWARDS", f"cannot advance back from {start.isoformat()} "
                                  f"to {target.isoformat()}")
            runs: list[common_pb2.JobRun] = []
            for _ in range(MAX_ROUNDS):
                due = self._next_due()
                if not due:
                    break
                at = min(due.values())
                if at > target:
                    break
                if at > self.clock.now():
                    self.clock.move_to(at)
                for participant in self.participants():
                    if due.get(participant.service) == at:
                        reply = participant.scheduler.RunDue(common_pb2.RunDueRequest(now=to_ts(at)))
                        runs.extend(reply.runs)
            else:
                raise DomainError("INTERNAL", "too many job rounds in one advance")
            if target > self.clock.now():
                self.clock.move_to(target)
            return runs

    def _next_due(self) -> dict[str, datetime]:
        due: dict[str, datetime] = {}
        for participant in self.participants():
            reply = participant.scheduler.NextDue(common_pb2.Empty())
            if reply.has_due:
                due[participant.service] = from_ts(reply.at)
        return due

    def reset(self, at: datetime) -> None:
        with self.lock:
            self.clock.reset(at)
            for participant in self.participants():
                participant.scheduler.ResetClock(common_pb2.ResetClockRequest(at=to_ts(at)))
