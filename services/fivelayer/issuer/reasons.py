"""The reason codes the issuer gives, declared once (kernel/reasons.py registers them with their statuses).

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


class Issuer(Reasons, owner="issuer"):
    MINT_HALTED: Final = Reason("MINT_HALTED", _PRE, "minting is halted")
    REDEMPTION_HALTED: Final = Reason("REDEMPTION_HALTED", _PRE, "redemption is halted")
    ISSUER_INSOLVENT: Final = Reason("ISSUER_INSOLVENT", _PRE, "the issuer is insolvent")
    SLIPPAGE_EXCEEDED: Final = Reason("SLIPPAGE_EXCEEDED", _PRE, "the hedge's price moved past the allowed slippage")
    BUFFER_EXHAUSTED: Final = Reason("BUFFER_EXHAUSTED", _PRE,
                                     "a prefunded product's hedge would go past its free buffer")
    CREDIT_LIMIT: Final = Reason("CREDIT_LIMIT", _PRE,
                                 "a broker-credit product's hedge would go past the broker's line")
    ORDER_REJECTED: Final = Reason("ORDER_REJECTED", _PRE, "the broker rejected an order the issuer placed")
    IN_KIND_ONLY: Final = Reason("IN_KIND_ONLY", _PRE, "an in-kind product takes no cash mint or redemption")
