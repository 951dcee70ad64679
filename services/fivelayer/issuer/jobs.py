"""The issuer's day: at 9:35 ET check its hedges after the open; at 17:00 ET pay redemptions whose
sales settled and refresh hedge status."""
from __future__ import annotations

from datetime import datetime

from fivelayer.issuer import spv
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel.jobs import JobBook


def issuer_jobs(servicer: IssuerServicer) -> JobBook:
    book = JobBook()

    @book.cron("redemption-payouts", day_of_week="mon-fri", hour=17, minute=0)
    def payouts(at: datetime) -> str:
        paid, settled = spv.pay_settled(servicer.db, servicer.clients, servicer.contracts, at)
        return f"paid {paid} redemptions; {settled} mint hedges settled"

    @book.cron("hedge-check", day_of_week="mon-fri", hour=9, minute=35)
    def hedge_check(at: datetime) -> str:
        """After the open: learn which hedges filled, and whether the broker cancelled any."""
        servicer.place_pending_hedges()
        paid, settled = spv.pay_settled(servicer.db, servicer.clients, servicer.contracts, at)
        return f"hedges checked; paid {paid} redemptions"

    return book
