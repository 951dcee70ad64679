"""The clock's buttons and the coming week, from the sandbox's own calendar (`kernel.calendar`).

A room asks "when does this settle?" more than anything else; the answer depends on NYSE sessions,
early closes and bank holidays together (Veterans Day trades, banks do not), so the week is drawn
from the same tables the services settle by, never from a second list kept here.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from fivelayer.kernel import calendar
from fivelayer.kernel.calendar import NEW_YORK
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import iso, utc
from fivelayer.v1 import depository_pb2, statuses_pb2

# The depository's CNS settlement run (depository/jobs.py: 16:15 ET, Monday to Friday).
SETTLEMENT_RUN = time(16, 15)
REGULAR_CLOSE = time(16, 0)
TARGETS = ("next-open", "next-close", "next-settlement", "plus-1d")
MAX_DAYS = 31


def settlement_run(day: date) -> datetime:
    """16:15 ET on `day`, in UTC."""
    return utc(datetime.combine(day, SETTLEMENT_RUN, tzinfo=NEW_YORK))


def next_settlement_run(now: datetime) -> datetime:
    """The first settlement run strictly after `now`: 16:15 ET on a day that is both an NYSE session
    and a bank settlement day (today's, if it has not run yet)."""
    day = utc(now).astimezone(NEW_YORK).date()
    while not (calendar.is_settlement_day(day) and settlement_run(day) > utc(now)):
        day += timedelta(days=1)
    return settlement_run(day)


def next_close(now: datetime) -> datetime:
    """The close of the session open now, or of the next one (13:00 ET on early-close days)."""
    return calendar.session_hours(calendar.current_or_next_session(now))[1]


def next_open(now: datetime) -> datetime:
    """The next open strictly after `now` (a second click on "next open" goes on to the next day's)."""
    return calendar.next_open(utc(now) + timedelta(microseconds=1))


def targets(now: datetime) -> dict[str, datetime]:
    """Where each clock button moves the clock from `now`."""
    return {"next-open": next_open(now), "next-close": next_close(now),
            "next-settlement": next_settlement_run(now), "plus-1d": utc(now) + timedelta(days=1)}


def target(name: object, now: datetime) -> datetime:
    """One button's instant; anything but a known button name is the caller's mistake."""
    if not isinstance(name, str) or name not in TARGETS:
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"`to` must be one of {', '.join(TARGETS)}, got {name!r}", field="to")
    return targets(now)[name]


def et(instant: datetime) -> str:
    """A wall time in New York, as the room reads it ("09:30")."""
    return utc(instant).astimezone(NEW_YORK).strftime("%H:%M")


def _trade(trade: depository_pb2.Trade) -> dict[str, str]:
    return {"trade_id": trade.trade_id, "symbol": trade.symbol, "quantity": trade.quantity.value,
            "buyer": trade.buyer, "seller": trade.seller, "trade_date": trade.trade_date,
            "settlement_date": trade.settlement_date,
            "status": statuses_pb2.TradeStatus.Name(trade.status)}


def day_view(day: date, today: date, trades: list[dict[str, str]]) -> dict[str, Any]:
    """One day of the calendar: the session and its hours, what is closed, and what settles."""
    weekday = day.weekday() < 5
    session = calendar.is_session(day)
    bank_day = calendar.is_bank_day(day)
    settles = calendar.is_settlement_day(day)
    view: dict[str, Any] = {"date": day.isoformat(), "weekday": day.strftime("%a"), "today": day == today,
                            "session": session, "open": "", "close": "", "open_at": "", "close_at": "",
                            "early_close": False, "nyse_holiday": weekday and not session,
                            "bank_holiday": weekday and not bank_day, "settlement_day": settles,
                            "settlement_run": "", "settles": trades, "notes": []}
    notes: list[str] = view["notes"]
    if session:
        opens, closes = calendar.session_hours(day)
        view.update(open=et(opens), close=et(closes), open_at=iso(opens), close_at=iso(closes),
                    early_close=closes.astimezone(NEW_YORK).time() < REGULAR_CLOSE)
        notes.append(f"NYSE {et(opens)}-{et(closes)} ET" + (" (early close)" if view["early_close"] else ""))
    elif not weekday:
        notes.append("weekend")
    else:
        notes.append("NYSE holiday: no session")
    if view["bank_holiday"]:
        notes.append("bank holiday: nothing settles" + (", though the NYSE trades" if session else ""))
    if settles:
        view["settlement_run"] = f"{SETTLEMENT_RUN.strftime('%H:%M')} ET"
        notes.append(f"settlement run {view['settlement_run']}")
    return view


def week(now: datetime, trades: Iterable[depository_pb2.Trade], days: int = 7) -> dict[str, Any]:
    """`days` days from today (New York) and the settlement date of each unsettled trade; trades due
    outside those days (a failed one carried forward, or one due later) are listed apart."""
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(Common.INVALID_ARGUMENT, f"days must be from 1 to {MAX_DAYS}, got {days}", field="days")
    today = utc(now).astimezone(NEW_YORK).date()
    last = min(today + timedelta(days=days - 1), date.fromisoformat(calendar.WINDOW_END))
    unsettled = [_trade(t) for t in trades if t.status != statuses_pb2.TRADE_STATUS_SETTLED]
    shown = [today + timedelta(days=i) for i in range((last - today).days + 1)]
    by_date: dict[str, list[dict[str, str]]] = {d.isoformat(): [] for d in shown}
    outside: list[dict[str, str]] = []
    for trade in sorted(unsettled, key=lambda t: (t["settlement_date"], t["trade_id"])):
        (by_date[trade["settlement_date"]] if trade["settlement_date"] in by_date else outside).append(trade)
    return {"now": iso(now), "today": today.isoformat(), "targets": {k: iso(v) for k, v in targets(now).items()},
            "days": [day_view(d, today, by_date[d.isoformat()]) for d in shown],
            "unsettled": len(unsettled), "outside": outside}
