"""The market on the Broker API face: the clock (from the sandbox clock) and the calendar (the
real NYSE sessions, each with its T+1 settlement date)."""
from __future__ import annotations

from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from fivelayer.broker.api.common import TAG, Face, Partner
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError


def install(app: FastAPI, face: Face) -> None:
    clock = face.clock

    @app.get("/v1/clock", tags=[TAG], include_in_schema=False)
    def market_clock(partner_key: Partner) -> JSONResponse:
        now = clock.now()
        opens = calendar.next_open(now)
        session_day = calendar.current_or_next_session(now)
        closes = calendar.session_hours(session_day)[1]
        return JSONResponse({"timestamp": now.astimezone(calendar.NEW_YORK).isoformat(),
                             "is_open": calendar.market_open_at(now),
                             "next_open": opens.astimezone(calendar.NEW_YORK).isoformat(),
                             "next_close": closes.astimezone(calendar.NEW_YORK).isoformat()})

    @app.get("/v1/calendar", tags=[TAG], include_in_schema=False)
    def market_calendar(partner_key: Partner, start: str = "", end: str = "") -> JSONResponse:
        try:
            first = date.fromisoformat(start) if start else clock.now().date()
            last = date.fromisoformat(end) if end else first + timedelta(days=30)
        except ValueError:
            raise DomainError("INVALID_ARGUMENT", f"start and end are dates YYYY-MM-DD, got {start!r}, {end!r}") \
                from None
        if last < first or (last - first).days > 366:
            raise DomainError("INVALID_ARGUMENT", "end must be on or after start, at most a year later")
        days = []
        day = first
        while day <= last:
            if calendar.is_session(day):
                opens, closes = calendar.session_hours(day)
                days.append({"date": day.isoformat(), "open": opens.astimezone(calendar.NEW_YORK).strftime("%H:%M"),
                             "close": closes.astimezone(calendar.NEW_YORK).strftime("%H:%M"),
                             "session_open": "0400", "session_close": "2000",
                             "settlement_date": calendar.settlement_date(day).isoformat()})
            day += timedelta(days=1)
        return JSONResponse(days)
