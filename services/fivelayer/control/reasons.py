"""The reason codes the control service gives, declared once (kernel/reasons.py registers them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

import grpc

from fivelayer.kernel.reasons import ARG, FOUND, PRE, Reason, Reasons


class Control(Reasons, owner="control"):
    CLOCK_BACKWARDS: Final = Reason("CLOCK_BACKWARDS", PRE, "the sandbox clock only moves forward")
    UNKNOWN_DRILL: Final = Reason("UNKNOWN_DRILL", FOUND, "no drill of that name")
    SANDBOX_NOT_FRESH: Final = Reason("SANDBOX_NOT_FRESH", PRE, "a drill runs on a fresh sandbox")
    DRILL_RUNNING: Final = Reason("DRILL_RUNNING", PRE, "a drill is running: one at a time")
    WATCH_TIME_UP: Final = Reason("WATCH_TIME_UP", grpc.StatusCode.DEADLINE_EXCEEDED,
                                  "a watched advance or drill outlasted the stream's max_seconds; it carries on")
    UNKNOWN_FAULT: Final = Reason("UNKNOWN_FAULT", ARG, "not a fault kind (`fivelayer fault inject --help`)")
    FAULT_NOT_CLEARABLE: Final = Reason("FAULT_NOT_CLEARABLE", PRE, "the fault cannot be undone")
    FAULT_ENDED: Final = Reason("FAULT_ENDED", PRE, "the fault is no longer pending or active")
    # a fault's parameters (kernel/faults.py): each names what is wrong
    INVALID_PRICE: Final = Reason("INVALID_PRICE", ARG, "depeg --price: USD per FUSD, above 0 and below 1")
    INVALID_STUCK_AMOUNT: Final = Reason("INVALID_STUCK_AMOUNT", ARG,
                                         "depeg --stuck: positive dollars, at most 2 places")
    INVALID_FRACTION: Final = Reason("INVALID_FRACTION", ARG, "a fraction parameter out of its range")
    INVALID_DELAY: Final = Reason("INVALID_DELAY", ARG, "wire-delay --delay: a positive duration, e.g. 36h")
    MISSING_FAULT_PARAMETER: Final = Reason("MISSING_FAULT_PARAMETER", ARG, "the kind needs a parameter not given")
    PARAMETER_NOT_USED: Final = Reason("PARAMETER_NOT_USED", ARG, "a parameter the kind does not take")
