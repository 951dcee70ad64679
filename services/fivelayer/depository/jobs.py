"""The depository's day: the CNS settlement run at 4:15 pm ET on settlement days, buy-ins of fails to
deliver at the 9:30 am ET open of their Reg SHO close-out date, and the steps of announced corporate
actions (entitlements at 17:00 ET on a record date, payment at 09:00 ET on a pay date, a split at
06:00 ET on its effective date). Every job fires only when its state needs it (triggers read from the
database): the settlement run on settlement days from the earliest open trade's settlement date, or while
a fail waits to settle again; the buy-in and corporate-action jobs only at their instants. A quiet sandbox
runs none of them. An announcement wakes the depository and its participants (`announced`), which read it.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.depository import buy_in, corporate_actions
from fivelayer.depository.handlers import Depository
from fivelayer.depository.models import OpenFail, TradeRow, TradeStatus
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import NEW_YORK, JobBook, WhileTrigger

# whom an announcement wakes: the depository's own corporate-action job, its participant the broker, and the
# broker's customer the SPV (which reads the announcements from its broker)
ANNOUNCED_TO = ("depository", "broker", "issuer")


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


def to_settle(session: Session) -> bool:
    """Whether a settlement run has anything to do: a trade captured or failed and not settled, or a fail to
    settle again."""
    return session.exec(select(TradeRow.trade_id).where(
        col(TradeRow.status).in_((TradeStatus.CAPTURED, TradeStatus.FAILED)))
                        .limit(1)).first() is not None \
        or session.exec(select(OpenFail.symbol).limit(1)).first() is not None


def first_settlement(session: Session) -> datetime | None:
    """The start of the earliest settlement date of a captured trade: no run is due for it before (a fail
    to settle again: the next run after the one that left it)."""
    day = session.exec(select(func.min(TradeRow.settlement_date)).where(TradeRow.status == TradeStatus.CAPTURED)).one()
    return corporate_actions.instant(day, time(0)) - timedelta(microseconds=1) if day else None


def depository_jobs(depository: Depository) -> JobBook:
    """The jobs, each a step of the service layer (`handlers.Depository`) at its trigger's instants."""
    book = JobBook()
    db = depository.db
    book.add("cns-settlement", WhileTrigger(db, to_settle, CronTrigger(
        day_of_week="mon-fri", hour=16, minute=15, timezone=NEW_YORK), first_settlement), depository.settle)
    book.add("buy-ins", BuyInTrigger(db), depository.buy_in)   # at the open of a close-out date
    book.add("corporate-actions", CorporateActionTrigger(db), depository.corporate_action_steps)
    return book
