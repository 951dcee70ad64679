"""The exchange's day (and the perp markets' clock, `perp_jobs`): at 16:45 ET, record what the broker did
with the users' traditional-route orders (fills at the open, settlement at 16:30 ET) — only on days some
order is still live, so a sandbox without the traditional route runs no such job; at 17:30 ET, credit sales
the issuer paid out at 17:00 ET — only while a sale waits for its payout."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlmodel import Session

from fivelayer.exchange import perp_actions, perp_market, ports
from fivelayer.exchange.perps.params import MARKETS, market
from fivelayer.exchange.tokenized import pending_sales, sync_redemptions
from fivelayer.exchange.traditional import has_live_orders, sync_orders
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import NEW_YORK, JobBook, WhileTrigger
from fivelayer.kernel.money import ZERO
from fivelayer.kernel.paging import all_pages
from fivelayer.kernel.timeutil import utc
from fivelayer.v1 import depository_pb2


class LiveOrdersTrigger(BaseTrigger):
    """The sync's cron instants, while some traditional-route order may still change."""

    def __init__(self, db: Database, cron: CronTrigger) -> None:
        self.db, self.cron = db, cron

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            live = has_live_orders(session)
        return self.cron.get_next_fire_time(previous_fire_time, now) if live else None


def exchange_jobs(db: Database, clients: ports.Clients) -> JobBook:
    book = JobBook()

    def broker_order_sync(at: datetime) -> str:
        return f"recorded {sync_orders(db, clients.broker, at)} changes of orders at the broker"

    book.add("broker-order-sync", LiveOrdersTrigger(db, CronTrigger(day_of_week="mon-fri", hour=16, minute=45,
                                                                     timezone=NEW_YORK)), broker_order_sync)

    def redemption_sync(at: datetime) -> str:
        paid, failed = sync_redemptions(db, clients.issuer, at)
        return f"credited {paid} paid redemptions, {failed} failed"

    def selling(session: Session) -> bool:
        return bool(pending_sales(session))

    def first_sale(session: Session) -> datetime | None:
        return min((o.created_at for o in pending_sales(session)), default=None)

    # only while a sale waits for the issuer's payout
    book.add("redemption-sync", WhileTrigger(db, selling, CronTrigger(day_of_week="mon-fri", hour=17, minute=30,
                                                                      timezone=NEW_YORK), first_sale), redemption_sync)

    return book


class PerpCadence(BaseTrigger):
    """Every minute while NYSE is in session, every five minutes outside it (the off-hours EMA's step cap is
    six minutes, so nothing of it is lost), on whole minutes."""

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        minute = utc(now).replace(second=0, microsecond=0)
        if minute < utc(now):
            minute += timedelta(minutes=1)
        if calendar.market_open_at(minute):
            return minute
        return minute + timedelta(minutes=(-minute.minute) % 5)


def perp_jobs(book: JobBook, db: Database, clients: ports.PerpClients) -> None:
    """Corporate actions before the open (09:00 ET), the oracle and mark updates while a market has positions or
    resting orders, and funding on the hour while it has positions, in that order at one instant."""

    def started(session: Session) -> bool:
        return len(perp_market.unstarted(session)) < len(MARKETS)

    def corporate_actions(at: datetime) -> str:
        actions = [a for kind in ("split", "dividend") for a in all_pages(
            clients.depository.ListCorporateActions, depository_pb2.ListCorporateActionsRequest(kind=kind),
            lambda page: page.actions)]
        day = utc(at).astimezone(ZoneInfo(NEW_YORK)).date().isoformat()
        outcomes = []
        with db.transaction() as session:
            for action, params in perp_actions.due(session, actions, day):   # bound: the depository's list
                outcomes.append(perp_actions.apply(session, at, action, params))
        return "; ".join(outcomes) or "no corporate actions of the perps' underlyings today"

    def update(at: datetime) -> str:
        with db.read() as session:
            symbols = perp_market.active_markets(session)
        # off-hours the oracle does not read NYSE: no call to control for a price it would not use
        quotes = {s: perp_market.nyse(clients.market_data, market(s).underlying, at) if calendar.market_open_at(at)
                  else perp_market.Quote(ZERO, False) for s in symbols}
        # not waiting for the disk: the watermark's durable commit right after it syncs this one too
        with db.transaction(durable=False) as session:
            for symbol in symbols:                                            # bound: MARKETS
                perp_market.update(session, at, symbol, quotes[symbol])
        return f"updated {', '.join(symbols) or 'no market'}"

    def pay_funding(at: datetime) -> str:
        with db.transaction() as session:
            rounds = [r for s in MARKETS if (r := perp_market.pay_funding(session, at, s)) is not None]
        return f"paid {len(rounds)} funding rounds"

    def since_started(session: Session) -> datetime | None:
        return perp_market.last_updated(session, [s for s in MARKETS if s not in perp_market.unstarted(session)])

    def since_active(session: Session) -> datetime | None:
        return perp_market.last_updated(session, perp_market.active_markets(session))

    book.add("perp-corporate-actions", WhileTrigger(db, started, CronTrigger(
        day_of_week="mon-fri", hour=9, minute=0, timezone=NEW_YORK), since_started), corporate_actions)
    book.add("perp-update", WhileTrigger(db, perp_market.active, PerpCadence(), since_active), update)
    book.add("perp-funding", WhileTrigger(db, perp_market.has_positions, CronTrigger(minute=0, timezone="UTC"),
                                          since_active), pay_funding)
