"""The trading and settlement calendar: NYSE sessions (XNYS) and US settlement days.

A trade's date is the NYSE session in which it executes. It settles T+1: the next day that is
both an NYSE session (exchange_calendars XNYS) and a US bank settlement day (pandas_market_calendars
SIFMAUS), so Columbus Day and Veterans Day, NYSE sessions but bank holidays, are skipped
(SEC Rule 15c6-1; FINRA notices 95-77, 88-82). Calendars are built once per process: building
one costs ~80 ms and they are immutable.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import exchange_calendars
import pandas as pd
import pandas_market_calendars

from fivelayer.kernel.timeutil import utc

NEW_YORK = ZoneInfo("America/New_York")
WINDOW_START = "2020-01-01"
WINDOW_END = "2030-12-31"


@cache
def _xnys() -> exchange_calendars.ExchangeCalendar:
    return exchange_calendars.get_calendar("XNYS", start=WINDOW_START, end=WINDOW_END)


@cache
def _sessions() -> frozenset[date]:
    return frozenset(s.date() for s in _xnys().sessions)


@cache
def _bank_days() -> frozenset[date]:
    sifma = pandas_market_calendars.get_calendar("SIFMAUS")
    return frozenset(d.date() for d in sifma.valid_days(WINDOW_START, WINDOW_END))


def _check_window(day: date) -> None:
    if not (date.fromisoformat(WINDOW_START) <= day <= date.fromisoformat(WINDOW_END)):
        raise ValueError(f"{day} is outside the calendar window {WINDOW_START}..{WINDOW_END}")


def is_session(day: date) -> bool:
    """An NYSE trading day."""
    _check_window(day)
    return day in _sessions()


def is_settlement_day(day: date) -> bool:
    """A day on which DTC settles: an NYSE session that is also a US bank settlement day."""
    return is_session(day) and day in _bank_days()


def session_hours(day: date) -> tuple[datetime, datetime]:
    """Open and close (UTC) of the session on `day`; early closes (13:00 ET) included."""
    if not is_session(day):
        raise ValueError(f"{day} is not an NYSE session")
    ts = pd.Timestamp(day)
    cal = _xnys()
    return (cal.session_open(ts).to_pydatetime(), cal.session_close(ts).to_pydatetime())


def market_open_at(instant: datetime) -> bool:
    """Whether the NYSE is in its regular session at `instant` (open inclusive, close exclusive)."""
    day = utc(instant).astimezone(NEW_YORK).date()
    if not is_session(day):
        return False
    opens, closes = session_hours(day)
    return opens <= utc(instant) < closes


def next_session(day: date) -> date:
    """The first NYSE session strictly after `day`."""
    candidate = day + timedelta(days=1)
    while not is_session(candidate):
        candidate += timedelta(days=1)
    return candidate


def session_on_or_after(day: date) -> date:
    return day if is_session(day) else next_session(day)


def current_or_next_session(instant: datetime) -> date:
    """The session open at `instant`, or the next one to open (today's if it has not opened yet)."""
    day = utc(instant).astimezone(NEW_YORK).date()
    if is_session(day) and utc(instant) < session_hours(day)[1]:
        return day
    return next_session(day)


def next_open(instant: datetime) -> datetime:
    """The next regular-session open at or after `instant` (UTC)."""
    day = current_or_next_session(instant)
    opens = session_hours(day)[0]
    if opens >= utc(instant):
        return opens
    return session_hours(next_session(day))[0]


def trade_date(instant: datetime) -> date:
    """The session a trade executed at `instant` belongs to (the market must be open)."""
    if not market_open_at(instant):
        raise ValueError(f"the market is closed at {instant}")
    return utc(instant).astimezone(NEW_YORK).date()


def settlement_date(trade_day: date, cycle_days: int = 1) -> date:
    """T+n: the n-th day after `trade_day` that is a settlement day."""
    day = trade_day
    for _ in range(cycle_days):
        day += timedelta(days=1)
        while not is_settlement_day(day):
            day += timedelta(days=1)
    return day
