"""The reason codes the chain (and its stablecoin, FUSD) gives, declared once (kernel/reasons.py registers
them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.reasons import EXISTS, FOUND, PRE, Reason, Reasons


class Chain(Reasons, owner="chain"):
    UNKNOWN_ACCOUNT: Final = Reason("UNKNOWN_ACCOUNT", FOUND, "no account of that address on the node")
    ALREADY_KNOWN: Final = Reason("ALREADY_KNOWN", PRE, "the transaction is already on chain")
    NOT_IN_WINDOW: Final = Reason("NOT_IN_WINDOW", PRE, "no such transaction in the reorganisable window")
    SANDBOX_TX_KEPT: Final = Reason("SANDBOX_TX_KEPT", PRE, "only an integrator's transaction can be dropped")
    TX_REJECTED: Final = Reason("TX_REJECTED", PRE, "the node refused the transaction")
    NONCE_GAP: Final = Reason("NONCE_GAP", PRE, "the transaction's nonce is ahead of its sender's next one")


class Stablecoin(Reasons, owner="chain"):
    NOT_A_REDEMPTION: Final = Reason("NOT_A_REDEMPTION", PRE,
                                     "the transaction is not a FUSD transfer to the redemption address")
    ALREADY_REDEEMED: Final = Reason("ALREADY_REDEEMED", EXISTS, "that transfer was redeemed by another request")
