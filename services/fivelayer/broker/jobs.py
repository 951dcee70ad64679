"""The broker's day: record account applications moving to APPROVED and ACTIVE; work open orders at
the 9:30 ET open; check resting limit orders every few minutes of a session; expire day orders at the
close; sync settlement after DTC's run. With the depository's corporate actions (`corporate_actions`):
apply splits at 06:30 ET (after DTC's 06:00; a reverse split cancels open orders, FINRA 5330), reduce
open buy limits by the dividend at 06:45 ET on a cash dividend's ex-date (FINRA 5330; `do_not_reduce`
keeps one), allocate dividends DTC has paid at 10:00 ET (after its 09:00 pay-date run), send meeting
notices at 17:30 ET on record dates (after DTC fixes entitlements at 17:00), with voting instruction
forms; cast the votes of each meeting at its cutoff, 23:59 ET the day before it (`proxy_voting`).
Deposit the tax withheld in a month with the IRS on its due date (`withholding`: the 15th of the
next month, or the next bank day, at noon ET). Charge late interest on credit lines at 13:00 ET each
calendar day while one is drawn (`credit`). Once the broker has failed (`failure`), every job but settlement stops.

The limit checks, the expiries, the tax deposits and the opening fills fire only while orders or tax need
them (state-dependent triggers, read from the broker's database when control asks what is due next); the
corporate-action jobs only from the day an announced action needs them until it is applied (the broker's
copy of the depository's announcements, read again when control asks what is due: at each advance's start
and when the depository, announcing, wakes it), and a job that leaves notices tells the SPV (`notify`).
So a quiet sandbox runs only the daily settlement sync.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.broker import approvals, credit, failure, orders, proxy_voting, withholding
from fivelayer.broker import corporate_actions as ca
from fivelayer.broker.handlers import Handlers
from fivelayer.broker.models import OrderRow
from fivelayer.broker.orders import Venue
from fivelayer.broker.reporting import report_all
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.jobs import NEW_YORK, Job, JobBook, JobFn, WhileTrigger
from fivelayer.kernel.timeutil import utc


class RestingLimitTrigger(BaseTrigger):
    """Every CHECK_EVERY within NYSE sessions, while any limit order is open."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            resting = orders.has_resting_limits(session)
        return orders.next_check(now) if resting else None


class DayExpiryTrigger(BaseTrigger):
    """At the close that ends the next open day order."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            return orders.next_expiry(session, now)


class VoteCutoffTrigger(BaseTrigger):
    """At the cutoff of the next meeting whose votes are not cast yet."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            return proxy_voting.next_cutoff(session, now)


class CreditTrigger(BaseTrigger):
    """At 13:00 ET each calendar day while some credit line is drawn (None when nothing is owed, or
    once the broker has failed: the trustee, not the broker, collects from then on)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            drawn = credit.is_drawn(session) and failure.state(session) is None
        return credit.next_charge(now) if drawn else None


# Trades the broker made before it failed still settle at DTC (NSCC guarantees them), so the trustee's books
# keep following settlement; nothing else runs.
TRUSTEE_JOBS = ("settlement-sync",)


def stopped_at_failure(db: Database, name: str, run: JobFn) -> JobFn:
    """A job that does nothing once the broker has failed (SIPC liquidation): no fill, allocation or
    interest after the trustee takes over the books; settlement of trades already made goes on."""
    if name in TRUSTEE_JOBS:
        return run

    def guarded(at: datetime) -> str:
        with db.read() as session:
            failed = failure.state(session)
        if failed is not None:
            return f"the broker is in SIPC liquidation since {utc(failed.failed_at).isoformat()}: {name} stopped"
        return run(at)

    return guarded


def broker_jobs(db: Database, venue: Venue, depository: ca.Depository | None = None,
                notify: Callable[[], None] = lambda: None) -> JobBook:
    """`notify`: tells the broker's customers that notices wait (wakes the issuer's SPV through control)."""
    book = _jobs(db, venue, depository, notify)
    book.jobs = [Job(job.name, job.trigger, stopped_at_failure(db, job.name, job.run)) for job in book.jobs]
    return book


def _jobs(db: Database, venue: Venue, depository: ca.Depository | None,
          notify: Callable[[], None]) -> JobBook:
    book = JobBook()

    work_open_orders = Handlers(db, venue).work_open_orders

    def market_open(at: datetime) -> str:
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day):
            return f"{day} is not an NYSE session"
        filled, dropped = work_open_orders(at)
        return f"filled {filled} waiting orders, dropped {dropped}"

    def waiting(session: Session) -> bool:
        return session.exec(select(OrderRow.order_id).where(col(OrderRow.status).in_(orders.OPEN))
                            .limit(1)).first() is not None

    def first_waiting(session: Session) -> datetime | None:
        return session.exec(select(func.min(OrderRow.submitted_at)).where(col(OrderRow.status).in_(orders.OPEN))).one()

    # the open's fills, only while some order waits (a quiet broker has nothing to work)
    book.add("market-open", WhileTrigger(db, waiting, CronTrigger(day_of_week="mon-fri", hour=9, minute=30,
                                                                  timezone=NEW_YORK), first_waiting), market_open)

    def limit_check(at: datetime) -> str:
        if not calendar.market_open_at(at):
            return "the market is closed"
        filled, dropped = work_open_orders(at)
        return f"filled {filled} limit orders, dropped {dropped}"

    def day_expiry(at: datetime) -> str:
        with db.transaction() as session:
            expired = orders.expire_day_orders(session, at)
        return f"{expired} day orders expired"

    def account_approvals(at: datetime) -> str:
        with db.transaction() as session:
            return f"{approvals.record_moves(session, at)} applications moved"

    book.add("account-approvals", approvals.ApprovalTrigger(db), account_approvals)
    book.add("limit-check", RestingLimitTrigger(db), limit_check)
    book.add("day-expiry", DayExpiryTrigger(db), day_expiry)
    book.add("tax-deposit", withholding.DepositTrigger(db), lambda at: withholding.run_deposits(db, at))

    def proxy_votes(at: datetime) -> str:
        with db.transaction() as session:
            return "; ".join(proxy_voting.cast_due(session, at)) or "no meeting to vote"

    book.add("proxy-votes", VoteCutoffTrigger(db), proxy_votes)

    def credit_interest(at: datetime) -> str:
        """Repay draws from cash that has arrived, then charge each day's late interest (`credit`)."""
        with db.transaction() as session:
            return "; ".join(credit.charge_interest(session, at)) or "no late interest"

    book.add("credit-interest", CreditTrigger(db), credit_interest)

    if depository is not None:
        reader = depository
        announced = ca.Announcements(reader)
        book.before_asking(announced.refresh)

        def when(start: Callable[[Session, list[ca.Action], datetime], datetime | None], hour: int,
                 minute: int) -> BaseTrigger:
            return ca.AnnouncedTrigger(db, announced, CronTrigger(day_of_week="mon-fri", hour=hour, minute=minute,
                                                                  timezone=NEW_YORK), start)

        def telling(run: JobFn) -> JobFn:
            """A job that may leave notices for the broker's customers tells them (the SPV: `notify`)."""
            def told(at: datetime) -> str:
                outcome = run(at)
                if not outcome.startswith("no "):
                    notify()
                return outcome
            return told

        def split_application(at: datetime) -> str:
            return ca.run_splits(db, reader, venue, at)

        def ex_date_orders(at: datetime) -> str:
            """Before the open of a cash dividend's ex-date: its open buy limits reduced (FINRA 5330)."""
            return ca.run_ex_dates(db, reader, at)

        def dividend_allocation(at: datetime) -> str:
            return ca.run_dividends(db, reader, at)

        def meeting_notices(at: datetime) -> str:
            return ca.run_meetings(db, reader, at)

        book.add("split-application", when(ca.split_from, 6, 30), telling(split_application))
        book.add("ex-date-orders", when(ca.ex_date_from, 6, 45), ex_date_orders)
        book.add("dividend-allocation", when(ca.dividend_from, 10, 0), telling(dividend_allocation))
        book.add("meeting-notices", when(ca.meeting_from, 17, 30), telling(meeting_notices))

    @book.cron("settlement-sync", day_of_week="mon-fri", hour=16, minute=30)
    def settlement_sync(at: datetime) -> str:
        report_all(db, venue)  # a fill the depository missed settles late rather than never
        with db.read() as session:
            dates = orders.due_settlement_dates(session, at)
        settled_refs = {day: venue.settled_refs(day) for day in dates}
        with db.transaction() as session:
            count = orders.settle_due(session, settled_refs, at)
        return f"{count} orders settled"

    return book
