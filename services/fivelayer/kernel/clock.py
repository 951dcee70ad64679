"""Where a service reads the sandbox time: always from the control service, never the wall clock.

A request has one instant: the servicer wrappers read the clock once, before any unit of work is
open, and pin it for the thread while the request runs (a job is pinned to the instant it is due
at). Every `now()` inside then answers at once, with no hop to control while a lock is held. The
instant travels with the request's sub-requests (gRPC metadata `fivelayer-instant`), as its
request id does: a mint is stamped with one instant at the exchange, the issuer, the chain and
the broker, and the callees need not ask control again.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Protocol

import grpc

from fivelayer.kernel.db import open_units
from fivelayer.kernel.errors import from_rpc_error
from fivelayer.kernel.retry import retrying
from fivelayer.kernel.timeutil import from_ts
from fivelayer.v1 import common_pb2, control_pb2_grpc

_pinned = threading.local()
INSTANT_HEADER = "fivelayer-instant"  # the parent request's instant, in microseconds since the epoch
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ClockSource(Protocol):
    def now(self) -> datetime: ...


@contextmanager
def pinned(clock: ClockSource, at: datetime | None = None) -> Iterator[datetime]:
    """Pin this thread's sandbox instant (`at`, or the clock's now) for one request or job.
    Nested pins keep the outer instant: a request has one."""
    outer: datetime | None = getattr(_pinned, "at", None)
    if outer is not None:
        yield outer
        return
    _pinned.at = at if at is not None else clock.now()
    try:
        yield _pinned.at
    finally:
        _pinned.at = None


def outgoing_metadata() -> tuple[tuple[str, str], ...]:
    """The metadata a sub-request carries: this thread's pinned instant, if any."""
    at: datetime | None = getattr(_pinned, "at", None)
    if at is None:
        return ()
    return ((INSTANT_HEADER, str((at - EPOCH) // timedelta(microseconds=1))),)


def incoming_instant(metadata: Iterable[tuple[str, str | bytes]]) -> datetime | None:
    for key, value in metadata:
        if key == INSTANT_HEADER:
            return EPOCH + timedelta(microseconds=int(value))
    return None


def request_instant(clock: object, context: object = None) -> AbstractContextManager[object]:
    """Pin a request's instant if its service reads the clock remotely (control's own clock is local):
    the parent's, when the request carries one, else control's now."""
    if not isinstance(clock, ControlClock):
        return nullcontext()
    metadata = getattr(context, "invocation_metadata", None)
    return pinned(clock, incoming_instant(metadata()) if callable(metadata) else None)


class ControlClock:
    """Asks control for the time (unless this thread's request has pinned it), so manual and
    realtime modes both hold."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.stub = control_pb2_grpc.ClockStub(channel)

    def now(self) -> datetime:
        at: datetime | None = getattr(_pinned, "at", None)
        if at is not None:
            return at
        if open_units():
            raise AssertionError("the clock was read with a unit of work open: pin the request's instant first")
        return retrying(self._now)

    def _now(self) -> datetime:
        try:
            return from_ts(self.stub.Now(common_pb2.Empty(), timeout=10).now)
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None


class FixedClock:
    """A clock for unit tests: stands still until moved."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at
