"""The issuer's day: at each session's close (16:00 ET, 13:00 on an early close) take the dividends of
reinvesting products going ex at the next open into their multiplier (`ex_dividends`); at 7:00 ET set
the splits its broker has passed on (before the 9:30 open they take effect at); at 9:35 ET check its
hedges after the open; at 11:00 ET apply the dividends (after the broker's 10:00 allocation), splits
and meeting notices under each product's contract; at 17:00 ET pay redemptions whose sales settled
and refresh hedge status; at 17:30 ET, when a product holds FUSD to send, the off-ramp (`offramp`).

Each job fires only when its state needs it: the hedge checks and payouts while a hedge or a redemption
is live; the notice passes while its broker holds a notice on a product's underlying that the SPV has not
applied; the ex-dividend pass at the close before the ex date of a reinvesting product's dividend not yet
scheduled. What the broker holds is read (`BrokerNews`) when control asks what is due: at each advance's
start, and when the depository (announcing) or the broker (leaving notices) wakes the issuer."""
from __future__ import annotations

import logging
from datetime import date, datetime

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.issuer import distributions as dist
from fivelayer.issuer import ex_dividends, notices, offramp, spv
from fivelayer.issuer.in_kind import product_of_underlying
from fivelayer.issuer.models import (OPEN_REDEMPTIONS, DistributionRow, EstateRow, ExDividendRow, MintRow,
                                     RedemptionRow)
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import NEW_YORK, FromTrigger, JobBook, SessionTrigger, WhileTrigger
from fivelayer.kernel.timeutil import from_ts, utc
from fivelayer.v1 import broker_pb2

log = logging.getLogger(__name__)


class BrokerNews:
    """What the SPV's broker holds for it, as last read: its notices on the SPV's accounts and its dividend
    announcements. Read lazily after each `refresh` (control's NextDue); a broker that cannot be read reads
    as nothing until the next refresh (one try per NextDue, logged)."""

    def __init__(self, servicer: IssuerServicer) -> None:
        self.servicer = servicer
        self._notices: list[broker_pb2.Notice] | None = None
        self._dividends: list[broker_pb2.Announcement] | None = None

    def refresh(self) -> None:
        self._notices = self._dividends = None

    def notices(self) -> list[broker_pb2.Notice]:
        if self._notices is None:
            with self.servicer.db.read() as session:
                accounts = [row.account_id for row in spv.links(session)]
            try:
                self._notices = [n for account_id in accounts for n in self.servicer.clients.broker.ListNotices(
                    broker_pb2.ListNoticesRequest(account_id=account_id)).notices]
            except DomainError as error:   # read as none until the next asking: one try per NextDue
                log.warning("cannot read the SPV's notices: [%s] %s", error.reason, error.message)
                self._notices = []
        return self._notices

    def dividends(self) -> list[broker_pb2.Announcement]:
        if self._dividends is None:
            try:
                self._dividends = list(self.servicer.clients.broker.ListAnnouncements(
                    broker_pb2.ListAnnouncementsRequest(kind="dividend")).announcements)
            except DomainError as error:
                log.warning("cannot read the broker's announcements: [%s] %s", error.reason, error.message)
                self._dividends = []
        return self._dividends


def waiting_notices(servicer: IssuerServicer, known: list[broker_pb2.Notice], session: Session
                    ) -> list[broker_pb2.Notice]:
    """Of the `known` notices, those on a product's underlying the SPV has not applied (none once it is
    insolvent)."""
    if session.get(EstateRow, 1) is not None:
        return []
    mine = []
    for notice in known:
        try:
            product_of_underlying(servicer.contracts, notice.symbol)
        except DomainError:
            continue   # not a product's underlying: nothing of the SPV's tokens
        mine.append(notice)
    ids = [n.notice_id for n in mine]
    applied = set(session.exec(select(DistributionRow.notice_id).where(
        col(DistributionRow.notice_id).in_(ids), DistributionRow.status == notices.APPLIED))) if ids else set()
    return [n for n in mine if n.notice_id not in applied]


def live_work(session: Session) -> bool:
    """A hedge that may still change or wait to be placed, or a redemption not paid yet."""
    return session.exec(select(MintRow.mint_id).where(col(MintRow.hedge_status).in_(
        (*spv.LIVE_HEDGE, spv.PENDING_HEDGE))).limit(1)).first() is not None or \
        session.exec(select(RedemptionRow.redemption_id).where(col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))
                     .limit(1)).first() is not None


def live_since(session: Session) -> datetime | None:
    """When the earliest live hedge's mint or open redemption began: nothing is due for it before."""
    mint = session.exec(select(func.min(MintRow.at)).where(col(MintRow.hedge_status).in_(
        (*spv.LIVE_HEDGE, spv.PENDING_HEDGE)))).one()
    redemption = session.exec(select(func.min(RedemptionRow.requested_at)).where(
        col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))).one()
    return min((utc(t) for t in (mint, redemption) if t is not None), default=None)


def issuer_jobs(servicer: IssuerServicer) -> JobBook:
    book = JobBook()
    news = BrokerNews(servicer)
    book.before_asking(news.refresh)

    def cron(hour: int, minute: int) -> CronTrigger:
        return CronTrigger(day_of_week="mon-fri", hour=hour, minute=minute, timezone=NEW_YORK)

    def payouts(at: datetime) -> str:
        paid, settled = spv.pay_settled(servicer.db, servicer.clients, servicer.contracts, at)
        return f"paid {paid} redemptions; {settled} mint hedges settled"

    def hedge_check(at: datetime) -> str:
        """After the open: learn which hedges filled, and whether the broker cancelled any."""
        servicer.place_pending_hedges()
        paid, settled = spv.pay_settled(servicer.db, servicer.clients, servicer.contracts, at)
        return f"hedges checked; paid {paid} redemptions"

    def first_notice() -> datetime | None:
        """When the first notice the SPV has not applied came (None: none waits). The broker is read first,
        with no unit of work open."""
        known = news.notices()
        if not known:
            return None
        with servicer.db.read() as session:
            waiting = waiting_notices(servicer, known, session)
        return min((utc(from_ts(n.at)) for n in waiting), default=None)

    def before_open(at: datetime) -> str:
        """Splits effective today take effect at the open: their multiplier is set before it."""
        return servicer.apply_notices(notices.BEFORE_OPEN).outcome()

    def first_ex_dividend() -> datetime | None:
        """The close before the ex date of the first reinvesting product's dividend not scheduled yet."""
        reinvesting = {c.underlying: c.symbol for c in servicer.contracts.values()
                       if c.kind == "stock" and c.dividend_policy == "reinvest"}
        due = [(a.action_id, reinvesting[a.symbol], a.ex_date) for a in news.dividends()
               if a.symbol in reinvesting and a.ex_date] if reinvesting else []
        if not due:
            return None
        with servicer.db.read() as session:
            scheduled = {(r.action_id, r.token) for r in session.exec(select(ExDividendRow).where(
                col(ExDividendRow.action_id).in_([d[0] for d in due]), ExDividendRow.status == ex_dividends.SCHEDULED))}
        return min((dist.holders_of_record_at(date.fromisoformat(ex)) for action_id, token, ex in due
                    if (action_id, token) not in scheduled), default=None)

    def ex_dividends_at_close(at: datetime) -> str:
        """At the close before a reinvesting product's ex-date: its multiplier from the ex-date's open."""
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day) or calendar.session_hours(day)[1] != at:
            return "not a session's close"
        return servicer.schedule_ex_dividends()

    def distributions(at: datetime) -> str:
        """Dividends reinvested, paid in FUSD or kept; splits; meetings stopped at the SPV."""
        return servicer.apply_notices().outcome()

    def waiting(trigger: BaseTrigger) -> BaseTrigger:
        return FromTrigger(first_notice, trigger)

    book.add("redemption-payouts", WhileTrigger(servicer.db, live_work, cron(17, 0), live_since), payouts)
    book.add("hedge-check", WhileTrigger(servicer.db, live_work, cron(9, 35), live_since), hedge_check)
    book.add("corporate-actions-before-open", waiting(cron(7, 0)), before_open)
    book.add("ex-dividends", FromTrigger(first_ex_dividend, SessionTrigger("close")), ex_dividends_at_close)
    book.add("distributions", waiting(cron(11, 0)), distributions)
    # the off-ramp fires only when FUSD is held to send or a wire is due (its trigger reads the books)
    book.add("offramp", offramp.OffRampTrigger(servicer.db, servicer.contracts), servicer.run_offramp)
    return book
