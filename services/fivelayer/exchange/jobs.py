"""The exchange's day: at 17:30 ET, credit sales the issuer paid out at 17:00 ET."""
from __future__ import annotations

from datetime import datetime

from fivelayer.exchange import ports
from fivelayer.exchange.tokenized import sync_redemptions
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook


def exchange_jobs(db: Database, clients: ports.Clients) -> JobBook:
    book = JobBook()

    @book.cron("redemption-sync", day_of_week="mon-fri", hour=17, minute=30)
    def redemption_sync(at: datetime) -> str:
        paid, failed = sync_redemptions(db, clients.issuer, at)
        return f"credited {paid} paid redemptions, {failed} failed"

    return book
