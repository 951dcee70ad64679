"""Where a service reads the sandbox time: always from the control service, never the wall clock."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

import grpc

from fivelayer.kernel.errors import from_rpc_error
from fivelayer.kernel.retry import retrying
from fivelayer.kernel.timeutil import from_ts
from fivelayer.v1 import common_pb2, control_pb2_grpc


class ClockSource(Protocol):
    def now(self) -> datetime: ...


class ControlClock:
    """Asks control for the time on every call, so manual and realtime modes both hold."""

    def __init__(self, channel: grpc.Channel) -> None:
        self.stub = control_pb2_grpc.ClockStub(channel)

    def now(self) -> datetime:
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
