"""Control's own scheduled work: marking the NYSE open and close on the timeline, on sessions only
(`SessionTrigger`: no run on a weekend, a holiday, or at 16:00 on an early close)."""
from __future__ import annotations

from datetime import datetime

from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook, SessionTrigger
from fivelayer.kernel.outbox import emit
from fivelayer.v1 import events_pb2 as ev


def market_jobs(db: Database) -> JobBook:
    book = JobBook()

    def market_open(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day):
            return f"{day} is not an NYSE session"
        with db.transaction() as session:
            emit(session, at, ev.MarketOpen(session=day.isoformat()))
        return f"NYSE open for {day}"

    # Early closes (13:00 ET) and regular closes (16:00 ET): the trigger fires at the calendar's close.
    def market_close(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day) or calendar.session_hours(day)[1] != at:
            return "no close now"
        with db.transaction() as session:
            emit(session, at, ev.MarketClose(session=day.isoformat(),
                                             settles=calendar.settlement_date(day).isoformat()))
        return f"NYSE closed for {day}; its trades settle {calendar.settlement_date(day)}"

    book.add("market-open", SessionTrigger("open"), market_open)
    book.add("market-close", SessionTrigger("close"), market_close)
    return book
