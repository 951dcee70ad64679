"""The issuer's day: at each session's close (16:00 ET, 13:00 on an early close) take the dividends of
reinvesting products going ex at the next open into their multiplier (`ex_dividends`); at 7:00 ET set
the splits its broker has passed on (before the 9:30 open they take effect at); at 9:35 ET check its
hedges after the open; at 11:00 ET apply the dividends (after the broker's 10:00 allocation), splits
and meeting notices under each product's contract; at 17:00 ET pay redemptions whose sales settled
and refresh hedge status; at 17:30 ET, when a product holds FUSD to send, the off-ramp (`offramp`)."""
from __future__ import annotations

from datetime import datetime

from fivelayer.issuer import notices, offramp, spv
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel import calendar
from fivelayer.kernel.jobs import JobBook


def issuer_jobs(servicer: IssuerServicer) -> JobBook:
    book = JobBook()

    @book.cron("redemption-payouts", day_of_week="mon-fri", hour=17, minute=0)
    def payouts(at: datetime) -> str:
        paid, settled = spv.pay_settled(servicer.db, servicer.clients, servicer.contracts, at)
        return f"paid {paid} redemptions; {settled} mint hedges settled"

    @book.cron("hedge-check", day_of_week="mon-fri", hour=9, minute=35)
    def hedge_check(at: datetime) -> str:
        """After the open: learn which hedges filled, and whether the broker cancelled any."""
        servicer.place_pending_hedges()
        paid, settled = spv.pay_settled(servicer.db, servicer.clients, servicer.contracts, at)
        return f"hedges checked; paid {paid} redemptions"

    @book.cron("corporate-actions-before-open", day_of_week="mon-fri", hour=7, minute=0)
    def before_open(at: datetime) -> str:
        """Splits effective today take effect at the open: their multiplier is set before it."""
        return servicer.apply_notices(notices.BEFORE_OPEN).outcome()

    def ex_dividends(at: datetime) -> str:
        """At the close before a reinvesting product's ex-date: its multiplier from the ex-date's open."""
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_session(day) or calendar.session_hours(day)[1] != at:
            return "not a session's close"
        return servicer.schedule_ex_dividends()

    book.cron("ex-dividends", day_of_week="mon-fri", hour=16, minute=0)(ex_dividends)
    book.cron("ex-dividends-early-close", day_of_week="mon-fri", hour=13, minute=0)(ex_dividends)

    @book.cron("distributions", day_of_week="mon-fri", hour=11, minute=0)
    def distributions(at: datetime) -> str:
        """Dividends reinvested, paid in FUSD or kept; splits; meetings stopped at the SPV."""
        return servicer.apply_notices().outcome()

    # the off-ramp fires only when FUSD is held to send or a wire is due (its trigger reads the books)
    book.add("offramp", offramp.OffRampTrigger(servicer.db, servicer.contracts), servicer.run_offramp)
    return book
