"""The exchange's day: at 16:45 ET, record what the broker did with the users' traditional-route
orders (fills at the open, settlement at 16:30 ET) — only on days some order is still live, so a
sandbox without the traditional route runs no such job; at 17:30 ET, credit sales the issuer paid
out at 17:00 ET."""
from __future__ import annotations

from datetime import datetime

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from fivelayer.exchange import ports
from fivelayer.exchange.tokenized import sync_redemptions
from fivelayer.exchange.traditional import has_live_orders, sync_orders
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import NEW_YORK, JobBook


class LiveOrdersTrigger(BaseTrigger):
    """The sync's cron instants, while some traditional-route order may still change."""

    def __init__(self, db: Database, cron: CronTrigger) -> None:
        self.db, self.cron = db, cron

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            live = has_live_orders(session)
        return self.cron.get_next_fire_time(previous_fire_time, now) if live else None


def exchange_jobs(db: Database, clients: ports.Clients) -> JobBook:
    book = JobBook()

    def broker_order_sync(at: datetime) -> str:
        return f"recorded {sync_orders(db, clients.broker, at)} changes of orders at the broker"

    book.add("broker-order-sync", LiveOrdersTrigger(db, CronTrigger(day_of_week="mon-fri", hour=16, minute=45,
                                                                     timezone=NEW_YORK)), broker_order_sync)

    @book.cron("redemption-sync", day_of_week="mon-fri", hour=17, minute=30)
    def redemption_sync(at: datetime) -> str:
        paid, failed = sync_redemptions(db, clients.issuer, at)
        return f"credited {paid} paid redemptions, {failed} failed"

    return book
