"""The depository's day: the CNS settlement run at 4:15 pm ET on settlement days, buy-ins of fails to
deliver at the 9:30 am ET open of their Reg SHO close-out date, and the steps of announced corporate
actions (entitlements at 17:00 ET on a record date, payment at 09:00 ET on a pay date, a split at
06:00 ET on its effective date). The buy-in and corporate-action jobs fire only at those instants
(state-dependent triggers read from the database), so a sandbox without fails or corporate actions
runs no extra job.
"""
from __future__ import annotations

from datetime import datetime

from apscheduler.triggers.base import BaseTrigger

from fivelayer.depository import buy_in, corporate_actions, ports
from fivelayer.depository.settlement import settle
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import JobBook
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import control_pb2


class CorporateActionTrigger(BaseTrigger):
    """At the next step of an announced corporate action."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            return corporate_actions.next_instant(session, now)


class BuyInTrigger(BaseTrigger):
    """At the open of the next close-out date of a fail to deliver (`buy_in.next_close_out`)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            return buy_in.next_close_out(session, now)


def depository_jobs(db: Database, market_data: ports.MarketData | None = None) -> JobBook:
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

    def buy_ins(at: datetime) -> str:
        """At the open of a close-out date (`BuyInTrigger`): buy in the fails to deliver whose Reg SHO
        Rule 204 deadline is this open (`buy_in`), at the market price then, read before the unit of work."""
        with db.read() as session:
            symbols = buy_in.symbols_due(session, at)
        if not symbols:
            return "no fail due for a buy-in"
        if market_data is None:
            raise RuntimeError("a fail is due for a buy-in but the depository has no market data")
        prices = {s: from_pb(market_data.GetPrice(control_pb2.PriceRequest(symbol=s, at=to_ts(at))).price)
                  for s in symbols}
        with db.transaction() as session:
            done = buy_in.execute(session, at, prices)
        return "; ".join(f"{r.buy_in_id}: {r.quantity} {r.symbol} at {r.price} for {r.participant_id}"
                         for r in done) or "nothing bought in"

    book.add("buy-ins", BuyInTrigger(db), buy_ins)

    def corporate_action_steps(at: datetime) -> str:
        """Price the splits that may pay cash in lieu first (the last close), then run the due steps."""
        with db.read() as session:
            symbols = corporate_actions.symbols_to_price(session, at)
        if symbols and market_data is None:
            raise RuntimeError("a split pays cash in lieu but the depository has no market data")
        last_close = calendar.close_before(at.astimezone(calendar.NEW_YORK).date())  # before the split
        closes = {s: from_pb(market_data.GetPrice(control_pb2.PriceRequest(symbol=s, at=to_ts(last_close))).price)
                  for s in symbols} if market_data is not None else {}
        with db.transaction() as session:
            outcomes = corporate_actions.run_due(session, at, closes)
        return "; ".join(outcomes) or "nothing due"

    book.add("corporate-actions", CorporateActionTrigger(db), corporate_action_steps)
    return book
