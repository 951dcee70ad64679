"""The depository's day: the CNS settlement run at 4:15 pm ET on settlement days."""
from __future__ import annotations

from datetime import datetime

from fivelayer.depository.settlement import settle
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook


def depository_jobs(db: Database) -> JobBook:
    book = JobBook()

    @book.cron("cns-settlement", day_of_week="mon-fri", hour=16, minute=15)
    def cns_settlement(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_settlement_day(day):
            return f"{day} is not a settlement day"
        with db.transaction() as session:
            cycle = settle(session, day, at)
        if cycle is None:
            return f"{day} already settled"
        return f"settled {day}: gross {cycle.gross_value} USD, net {cycle.net_value} USD"

    return book
