"""The chain's scheduled instants: a block at each instant a contract rule changes at.

The token contracts read the time of the block they run in, so a multiplier scheduled for 14:30 is what
eth_call sees once a block stamped 14:30 exists. Control asks for the next such instant like any
job's, and the chain mines an empty block there; the end of every clock advance is mined too
(control's `on_moved`), so confirmations accrue as sandbox time passes.

The stablecoin issuer's wires are a job too: it fires only when a queued wire's send time comes (its next
fire time is the earliest one; none while nothing waits), and sends every wire due.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.base import BaseTrigger

from fivelayer.kernel.jobs import JobBook


class ScheduledChangeTrigger(BaseTrigger):
    """At the next instant a scheduled multiplier takes effect (`pending(after)` lists them)."""

    def __init__(self, pending: Callable[[datetime], list[int]]) -> None:
        self.pending = pending

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        instants = [t for t in self.pending(now) if datetime.fromtimestamp(t, UTC) >= now]
        return datetime.fromtimestamp(min(instants), UTC) if instants else None


class WireDueTrigger(BaseTrigger):
    """At the earliest queued wire's send time (`next_wire()`), or at once if one is overdue (a wire asked
    inside Fedwire's window is due the instant it is asked; it goes with the clock's next move)."""

    def __init__(self, next_wire: Callable[[], datetime | None]) -> None:
        self.next_wire = next_wire

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        at = self.next_wire()
        if at is None:
            return None
        whole = now if now.microsecond == 0 else now.replace(microsecond=0) + timedelta(seconds=1)
        return max(at, whole)  # an overdue wire goes at the next whole second (block times are whole seconds)


def chain_jobs(pending: Callable[[datetime], list[int]], mine: Callable[[datetime], bool],
               wires: tuple[Callable[[], datetime | None], Callable[[datetime], str]] | None = None) -> JobBook:
    book = JobBook()

    def scheduled_change(at: datetime) -> str:
        return f"mined a block at {at.isoformat()}" if mine(at) else "the head is already there"

    book.add("scheduled-change", ScheduledChangeTrigger(pending), scheduled_change)
    if wires is not None:
        book.add("stablecoin-wires", WireDueTrigger(wires[0]), wires[1])
    return book
