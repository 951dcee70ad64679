"""The reason codes the exchange gives, declared once (kernel/reasons.py registers them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.reasons import FOUND, PRE, Reason, Reasons


class Exchange(Reasons, owner="exchange"):
    UNKNOWN_USER: Final = Reason("UNKNOWN_USER", FOUND, "no user of that id")
    NOT_A_TOKEN: Final = Reason("NOT_A_TOKEN", PRE, "a stock of the traditional route is held at the broker")
    NO_BROKER_ACCOUNT: Final = Reason("NO_BROKER_ACCOUNT", FOUND, "the user has not traded the traditional route yet")
    PERPS_HALTED: Final = Reason("PERPS_HALTED", PRE, "the market is halted (a fault, a split): no orders")
    NO_LIQUIDITY: Final = Reason("NO_LIQUIDITY", PRE, "a market order's rest: nothing within 5% of the mark")
    REDUCE_ONLY_VIOLATION: Final = Reason("REDUCE_ONLY_VIOLATION", PRE, "a reduce-only order would open or flip")
    UNKNOWN_ORDER: Final = Reason("UNKNOWN_ORDER", FOUND, "no perp order of that id")
    ORDER_NOT_OPEN: Final = Reason("ORDER_NOT_OPEN", PRE, "only a resting order can be canceled")
