"""The broker's day: fill waiting orders at the 9:30 ET open; sync settlement after DTC's run."""
from __future__ import annotations

from datetime import datetime

from fivelayer.broker import orders
from fivelayer.broker.orders import Venue
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook


def broker_jobs(db: Database, venue: Venue) -> JobBook:
    book = JobBook()

    @book.cron("market-open", day_of_week="mon-fri", hour=9, minute=30)
    def market_open(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day):
            return f"{day} is not an NYSE session"
        with db.transaction() as session:
            filled, dropped = orders.fill_at_open(session, venue, at)
        return f"filled {filled} waiting orders, dropped {dropped}"

    @book.cron("settlement-sync", day_of_week="mon-fri", hour=16, minute=30)
    def settlement_sync(at: datetime) -> str:
        with db.transaction() as session:
            count = orders.settle_due(session, venue, at)
        return f"{count} orders settled"

    return book
