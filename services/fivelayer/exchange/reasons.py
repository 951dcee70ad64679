"""The reason codes the exchange gives, declared once (kernel/reasons.py registers them with their statuses).

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


class Exchange(Reasons, owner="exchange"):
    UNKNOWN_USER: Final = Reason("UNKNOWN_USER", _FOUND, "no user of that id")
    NOT_A_TOKEN: Final = Reason("NOT_A_TOKEN", _PRE, "a stock of the traditional route is held at the broker")
    NO_BROKER_ACCOUNT: Final = Reason("NO_BROKER_ACCOUNT", _FOUND, "the user has not traded the traditional route yet")
    PERPS_HALTED: Final = Reason("PERPS_HALTED", _PRE, "the market is halted (a fault, a split): no orders")
    NO_LIQUIDITY: Final = Reason("NO_LIQUIDITY", _PRE, "a market order's rest: nothing within 5% of the mark")
    REDUCE_ONLY_VIOLATION: Final = Reason("REDUCE_ONLY_VIOLATION", _PRE, "a reduce-only order would open or flip")
    UNKNOWN_ORDER: Final = Reason("UNKNOWN_ORDER", _FOUND, "no perp order of that id")
    ORDER_NOT_OPEN: Final = Reason("ORDER_NOT_OPEN", _PRE, "only a resting order can be canceled")
