"""The reason codes the issuer gives, declared once (kernel/reasons.py registers them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.reasons import PRE, Reason, Reasons


class Issuer(Reasons, owner="issuer"):
    MINT_HALTED: Final = Reason("MINT_HALTED", PRE, "minting is halted")
    REDEMPTION_HALTED: Final = Reason("REDEMPTION_HALTED", PRE, "redemption is halted")
    ISSUER_INSOLVENT: Final = Reason("ISSUER_INSOLVENT", PRE, "the issuer is insolvent")
    SLIPPAGE_EXCEEDED: Final = Reason("SLIPPAGE_EXCEEDED", PRE, "the hedge's price moved past the allowed slippage")
    BUFFER_EXHAUSTED: Final = Reason("BUFFER_EXHAUSTED", PRE,
                                     "a prefunded product's hedge would go past its free buffer")
    CREDIT_LIMIT: Final = Reason("CREDIT_LIMIT", PRE, "a broker-credit product's hedge would go past the broker's line")
    ORDER_REJECTED: Final = Reason("ORDER_REJECTED", PRE, "the broker rejected an order the issuer placed")
    IN_KIND_ONLY: Final = Reason("IN_KIND_ONLY", PRE, "an in-kind product takes no cash mint or redemption")
    NOTHING_TO_PAY: Final = Reason("NOTHING_TO_PAY", PRE, "the redemption is not open, or its sale has not settled")
