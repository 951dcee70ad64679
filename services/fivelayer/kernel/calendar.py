"""The trading and settlement calendar: NYSE sessions (XNYS) and US settlement days.

A trade's date is the NYSE session in which it executes. It settles T+1: the next day that is
both an NYSE session (exchange_calendars XNYS) and a US bank settlement day (pandas_market_calendars
SIFMAUS), so Columbus Day and Veterans Day, NYSE sessions but bank holidays, are skipped
(SEC Rule 15c6-1; FINRA notices 95-77, 88-82).

The two libraries (and pandas under them) cost ~50 MB and a second of import in every process
that asks, so their answer over the window is tabled once per machine: every session's open
and close, and every bank settlement day, in a JSON file keyed by the libraries' versions
(`FIVELAYER_CACHE`, default ~/.cache/fivelayer). A service reads the table; the libraries are
imported only to build it. The table is the libraries' own output, not a hand-kept list.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc

NEW_YORK = ZoneInfo("America/New_York")
WINDOW_START = "2020-01-01"
WINDOW_END = "2030-12-31"


@dataclass(frozen=True)
class Table:
    hours: dict[date, tuple[datetime, datetime]]   # NYSE session -> (open, close), UTC
    bank_days: frozenset[date]                      # SIFMA US settlement days


def _cache_file() -> Path:
    folder = Path(os.environ.get("FIVELAYER_CACHE", Path.home() / ".cache" / "fivelayer"))
    versions = "-".join(version(p) for p in ("exchange_calendars", "pandas_market_calendars"))
    return folder / f"calendar-{WINDOW_START}-{WINDOW_END}-{versions}.json"


def _build() -> Table:
    """Ask the libraries (the slow, memory-hungry path, once per machine and library version)."""
    import exchange_calendars
    import pandas_market_calendars

    xnys = exchange_calendars.get_calendar("XNYS", start=WINDOW_START, end=WINDOW_END)
    hours = {s.date(): (utc(o.to_pydatetime()), utc(c.to_pydatetime()))
             for s, o, c in zip(xnys.sessions, xnys.opens, xnys.closes, strict=True)}
    sifma = pandas_market_calendars.get_calendar("SIFMAUS")
    return Table(hours, frozenset(d.date() for d in sifma.valid_days(WINDOW_START, WINDOW_END)))


def _write(path: Path, table: Table) -> None:
    data = {"sessions": [[d.isoformat(), o.isoformat(), c.isoformat()] for d, (o, c) in sorted(table.hours.items())],
            "bank_days": sorted(d.isoformat() for d in table.bank_days)}
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as out:
        json.dump(data, out)
    os.replace(out.name, path)  # atomic: a concurrent reader sees the whole table or none


def _read(path: Path) -> Table:
    data = json.loads(path.read_text())
    hours = {date.fromisoformat(d): (datetime.fromisoformat(o), datetime.fromisoformat(c))
             for d, o, c in data["sessions"]}
    return Table(hours, frozenset(date.fromisoformat(d) for d in data["bank_days"]))


@cache
def table() -> Table:
    """The calendar over the window, read from the machine's table (built on first use)."""
    path = _cache_file()
    try:
        return _read(path)
    except (OSError, ValueError, KeyError):
        built = _build()
        try:
            _write(path, built)
        except OSError:
            pass  # a read-only home: each process builds its own
        return built


class OutsideCalendar(DomainError, ValueError):
    """A day the calendar does not cover: a caller's bad input (INVALID_ARGUMENT, 400 on REST), not a
    server error; still a ValueError to code that asks the calendar."""


def _check_window(day: date) -> None:
    if not (date.fromisoformat(WINDOW_START) <= day <= date.fromisoformat(WINDOW_END)):
        raise OutsideCalendar(Common.INVALID_ARGUMENT,
                              f"{day} is outside the calendar window {WINDOW_START}..{WINDOW_END}",
                              start=WINDOW_START, end=WINDOW_END)


def is_session(day: date) -> bool:
    """An NYSE trading day."""
    _check_window(day)
    return day in table().hours


def is_bank_day(day: date) -> bool:
    """A US bank settlement day (SIFMA): money moves. A weekday that is not one is a bank holiday."""
    _check_window(day)
    return day in table().bank_days


def is_settlement_day(day: date) -> bool:
    """A day on which DTC settles: an NYSE session that is also a US bank settlement day."""
    return is_session(day) and day in table().bank_days


def session_hours(day: date) -> tuple[datetime, datetime]:
    """Open and close (UTC) of the session on `day`; early closes (13:00 ET) included."""
    if not is_session(day):
        raise ValueError(f"{day} is not an NYSE session")
    return table().hours[day]


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


def close_before(day: date) -> datetime:
    """The close of the last NYSE session before `day`: the price a corporate action on `day` is
    valued at (a split's cash in lieu)."""
    previous = day - timedelta(days=1)
    while not is_session(previous):
        previous -= timedelta(days=1)
    return session_hours(previous)[1]
