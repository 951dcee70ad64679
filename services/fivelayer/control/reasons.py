"""The reason codes the control service gives, declared once (kernel/reasons.py registers them with their statuses).

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


class Control(Reasons, owner="control"):
    CLOCK_BACKWARDS: Final = Reason("CLOCK_BACKWARDS", _PRE, "the sandbox clock only moves forward")
    UNKNOWN_DRILL: Final = Reason("UNKNOWN_DRILL", _FOUND, "no drill of that name")
    SANDBOX_NOT_FRESH: Final = Reason("SANDBOX_NOT_FRESH", _PRE, "a drill runs on a fresh sandbox")
    DRILL_RUNNING: Final = Reason("DRILL_RUNNING", _PRE, "a drill is running: one at a time")
    UNKNOWN_FAULT: Final = Reason("UNKNOWN_FAULT", _PRE, "not a fault kind (`fivelayer fault inject --help`)")
    FAULT_NOT_CLEARABLE: Final = Reason("FAULT_NOT_CLEARABLE", _PRE, "the fault cannot be undone")
    FAULT_ENDED: Final = Reason("FAULT_ENDED", _PRE, "the fault is no longer pending or active")
    # a fault's parameters (kernel/faults.py): each names what is wrong
    INVALID_PRICE: Final = Reason("INVALID_PRICE", _ARG, "depeg --price: USD per FUSD, above 0 and below 1")
    INVALID_STUCK_AMOUNT: Final = Reason("INVALID_STUCK_AMOUNT", _ARG,
                                         "depeg --stuck: positive dollars, at most 2 places")
    INVALID_FRACTION: Final = Reason("INVALID_FRACTION", _ARG, "a fraction parameter out of its range")
    INVALID_DELAY: Final = Reason("INVALID_DELAY", _ARG, "wire-delay --delay: a positive duration, e.g. 36h")
    MISSING_FAULT_PARAMETER: Final = Reason("MISSING_FAULT_PARAMETER", _ARG, "the kind needs a parameter not given")
    PARAMETER_NOT_USED: Final = Reason("PARAMETER_NOT_USED", _ARG, "a parameter the kind does not take")
