"""The reason codes the depository gives, declared once (kernel/reasons.py registers them with their statuses).

Other services never import this module: a code another service must recognise belongs to the kernel.
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.reasons import FOUND, PRE, Reason, Reasons


class Depository(Reasons, owner="depository"):
    UNKNOWN_PARTICIPANT: Final = Reason("UNKNOWN_PARTICIPANT", FOUND, "no participant of that id")
    MARKET_CLOSED: Final = Reason("MARKET_CLOSED", PRE, "the market is closed")
    LATE_ANNOUNCEMENT: Final = Reason("LATE_ANNOUNCEMENT", PRE,
                                      "less than 10 days before the record date (SEC Rule 10b-17)")
    NOT_WHOLE_SHARES: Final = Reason("NOT_WHOLE_SHARES", PRE, "DTC holds, nets and delivers whole shares only")
