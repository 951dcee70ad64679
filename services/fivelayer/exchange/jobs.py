"""The exchange's day: at 16:45 ET, record what the broker did with the users' traditional-route
orders (fills at the open, settlement at 16:30 ET); at 17:30 ET, credit sales the issuer paid
out at 17:00 ET."""
from __future__ import annotations

from datetime import datetime

from fivelayer.exchange import ports
from fivelayer.exchange.tokenized import sync_redemptions
from fivelayer.exchange.traditional import sync_orders
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook


def exchange_jobs(db: Database, clients: ports.Clients) -> JobBook:
    book = JobBook()

    @book.cron("broker-order-sync", day_of_week="mon-fri", hour=16, minute=45)
    def broker_order_sync(at: datetime) -> str:
        return f"recorded {sync_orders(db, clients.broker, at)} changes of orders at the broker"

    @book.cron("redemption-sync", day_of_week="mon-fri", hour=17, minute=30)
    def redemption_sync(at: datetime) -> str:
        paid, failed = sync_redemptions(db, clients.issuer, at)
        return f"credited {paid} paid redemptions, {failed} failed"

    return book
