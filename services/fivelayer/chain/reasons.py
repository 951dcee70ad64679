"""The reason codes the chain (and its stablecoin, FUSD) gives, declared once (kernel/reasons.py registers them
with their statuses).

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


class Chain(Reasons, owner="chain"):
    TOO_MANY_HOLDERS: Final = Reason("TOO_MANY_HOLDERS", _PRE, "HoldersAt answers at most 10,000 holders")
    UNKNOWN_ACCOUNT: Final = Reason("UNKNOWN_ACCOUNT", _FOUND, "no account of that address on the node")
    ALREADY_KNOWN: Final = Reason("ALREADY_KNOWN", _PRE, "the transaction is already on chain")
    NOT_IN_WINDOW: Final = Reason("NOT_IN_WINDOW", _PRE, "no such transaction in the reorganisable window")
    SANDBOX_TX_KEPT: Final = Reason("SANDBOX_TX_KEPT", _PRE, "only an integrator's transaction can be dropped")
    TX_REJECTED: Final = Reason("TX_REJECTED", _PRE, "the node refused the transaction")
    NONCE_GAP: Final = Reason("NONCE_GAP", _PRE, "the transaction's nonce is ahead of its sender's next one")


class Stablecoin(Reasons, owner="chain"):
    NOT_A_REDEMPTION: Final = Reason("NOT_A_REDEMPTION", _PRE,
                                     "the transaction is not a FUSD transfer to the redemption address")
    ALREADY_REDEEMED: Final = Reason("ALREADY_REDEEMED", _EXISTS, "that transfer was redeemed by another request")
