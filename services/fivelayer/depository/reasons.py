"""The reason codes the depository gives, declared once (kernel/reasons.py registers them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

import grpc

from fivelayer.kernel.reasons import Reason, Reasons

_ARG = grpc.StatusCode.INVALID_ARGUMENT
_FOUND = grpc.StatusCode.NOT_FOUND
_DENIED = grpc.StatusCode.PERMISSION_DENIED
_EXISTS = grpc.StatusCode.ALREADY_EXISTS
_PRE = grpc.StatusCode.FAILED_PRECONDITION


class Depository(Reasons, owner="depository"):
    UNKNOWN_PARTICIPANT: Final = Reason("UNKNOWN_PARTICIPANT", _FOUND, "no participant of that id")
    MARKET_CLOSED: Final = Reason("MARKET_CLOSED", _PRE, "the market is closed")
    LATE_ANNOUNCEMENT: Final = Reason("LATE_ANNOUNCEMENT", _PRE,
                                      "less than 10 days before the record date (SEC Rule 10b-17)")
    NOT_WHOLE_SHARES: Final = Reason("NOT_WHOLE_SHARES", _PRE, "DTC holds, nets and delivers whole shares only")
