"""Control's own scheduled work: marking the NYSE open and close on the timeline."""
from __future__ import annotations

from datetime import datetime

from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook
from fivelayer.kernel.outbox import emit
from fivelayer.v1 import events_pb2 as ev


def market_jobs(db: Database) -> JobBook:
    book = JobBook()

    @book.cron("market-open", day_of_week="mon-fri", hour=9, minute=30)
    def market_open(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day):
            return f"{day} is not an NYSE session"
        with db.transaction() as session:
            emit(session, at, ev.MarketOpen(session=day.isoformat()))
        return f"NYSE open for {day}"

    # Early closes (13:00 ET) and regular closes (16:00 ET): the one matching the calendar records.
    @book.cron("market-close", day_of_week="mon-fri", hour="13,16", minute=0)
    def market_close(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day) or calendar.session_hours(day)[1] != at:
            return "no close now"
        with db.transaction() as session:
            emit(session, at, ev.MarketClose(session=day.isoformat(),
                                             settles=calendar.settlement_date(day).isoformat()))
        return f"NYSE closed for {day}; its trades settle {calendar.settlement_date(day)}"

    return book
