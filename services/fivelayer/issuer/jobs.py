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
from datetime import datetime

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from fivelayer.issuer import notices, offramp, spv
from fivelayer.issuer.handlers import IssuerHandlers
from fivelayer.kernel import calendar
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import NEW_YORK, FromTrigger, JobBook, SessionTrigger, WhileTrigger
from fivelayer.kernel.paging import whole
from fivelayer.kernel.timeutil import from_ts, utc
from fivelayer.v1 import broker_pb2

log = logging.getLogger(__name__)


class BrokerNews:
    """What the SPV's broker holds for it, as last read: its notices on the SPV's accounts and its dividend
    announcements. Read lazily after each `refresh` (control's NextDue); a broker that cannot be read reads
    as nothing until the next refresh (one try per NextDue; logged once per cause, and its recovery)."""

    def __init__(self, handlers: IssuerHandlers) -> None:
        self.handlers = handlers
        self.failures = FailureLog("reading the SPV's broker", log)
        self._notices: list[broker_pb2.Notice] | None = None
        self._dividends: list[broker_pb2.Announcement] | None = None

    def refresh(self) -> None:
        self._notices = self._dividends = None

    def notices(self) -> list[broker_pb2.Notice]:
        if self._notices is None:
            broker = self.handlers.clients.broker
            try:
                self._notices = [n for account_id in self.handlers.accounts() for n in whole(
                    broker.ListNotices, broker_pb2.ListNoticesRequest(account_id=account_id)).notices]
            except DomainError as error:   # read as none until the next asking: one try per NextDue
                self.failures.failed(error, "notices")
                self._notices = []
            else:
                self.failures.succeeded("notices")
        return self._notices

    def dividends(self) -> list[broker_pb2.Announcement]:
        if self._dividends is None:
            try:
                self._dividends = list(whole(self.handlers.clients.broker.ListAnnouncements,
                                             broker_pb2.ListAnnouncementsRequest(kind="dividend")).announcements)
            except DomainError as error:
                self.failures.failed(error, "announcements")
                self._dividends = []
            else:
                self.failures.succeeded("announcements")
        return self._dividends


def issuer_jobs(handlers: IssuerHandlers) -> JobBook:
    book = JobBook()
    news = BrokerNews(handlers)
    book.before_asking(news.refresh)

    def cron(hour: int, minute: int) -> CronTrigger:
        return CronTrigger(day_of_week="mon-fri", hour=hour, minute=minute, timezone=NEW_YORK)

    def payouts(at: datetime) -> str:
        paid, settled = handlers.pay_settled(at)
        return f"paid {paid} redemptions; {settled} mint hedges settled"

    def hedge_check(at: datetime) -> str:
        """After the open: learn which hedges filled, and whether the broker cancelled any."""
        handlers.place_pending_hedges()
        paid, settled = handlers.pay_settled(at)
        return f"hedges checked; paid {paid} redemptions"

    def first_notice() -> datetime | None:
        """When the first notice the SPV has not applied came (None: none waits). The broker is read first,
        with no unit of work open."""
        known = news.notices()
        if not known:
            return None
        return min((utc(from_ts(n.at)) for n in handlers.waiting_notices(known)), default=None)

    def before_open(at: datetime) -> str:
        """Splits effective today take effect at the open: their multiplier is set before it."""
        return handlers.apply_notices(notices.BEFORE_OPEN).outcome()

    def ex_dividends_at_close(at: datetime) -> str:
        """At the close before a reinvesting product's ex-date: its multiplier from the ex-date's open."""
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day) or calendar.session_hours(day)[1] != at:
            return "not a session's close"
        return handlers.schedule_ex_dividends()

    def distributions(at: datetime) -> str:
        """Dividends reinvested, paid in FUSD or kept; splits; meetings stopped at the SPV."""
        return handlers.apply_notices().outcome()

    def waiting(trigger: BaseTrigger) -> BaseTrigger:
        return FromTrigger(first_notice, trigger)

    book.add("redemption-payouts", WhileTrigger(handlers.db, spv.live_work, cron(17, 0), spv.live_since), payouts)
    book.add("hedge-check", WhileTrigger(handlers.db, spv.live_work, cron(9, 35), spv.live_since), hedge_check)
    book.add("corporate-actions-before-open", waiting(cron(7, 0)), before_open)
    book.add("ex-dividends", FromTrigger(lambda: handlers.first_unscheduled_ex_dividend(news.dividends()),
                                         SessionTrigger("close")), ex_dividends_at_close)
    book.add("distributions", waiting(cron(11, 0)), distributions)
    # the off-ramp fires only when FUSD is held to send or a wire is due (its trigger reads the books)
    book.add("offramp", offramp.OffRampTrigger(handlers.db, handlers.contracts), handlers.run_offramp)
    return book
