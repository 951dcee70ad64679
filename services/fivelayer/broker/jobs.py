"""The broker's day: fill waiting orders at the 9:30 ET open; sync settlement after DTC's run."""
from __future__ import annotations

from datetime import datetime

from fivelayer.broker import orders
from fivelayer.broker.orders import Venue
from fivelayer.broker.reporting import report_all
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
        with db.read() as session:
            symbols = orders.waiting_symbols(session)
        prices = orders.price_book(venue, symbols, at)
        with db.transaction() as session:
            filled, dropped = orders.fill_at_open(session, prices, at)
        report_all(db, venue)
        return f"filled {filled} waiting orders, dropped {dropped}"

    @book.cron("settlement-sync", day_of_week="mon-fri", hour=16, minute=30)
    def settlement_sync(at: datetime) -> str:
        report_all(db, venue)  # a fill the depository missed settles late rather than never
        with db.read() as session:
            dates = orders.due_settlement_dates(session, at)
        settled_refs = {day: venue.settled_refs(day) for day in dates}
        with db.transaction() as session:
            count = orders.settle_due(session, settled_refs, at)
        return f"{count} orders settled"

    return book
