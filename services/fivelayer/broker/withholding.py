"""What the broker does with the tax it withholds: it deposits it with the IRS on a schedule, and
gives each recipient a statement of its year (the rules are in `tax`).

Deposits. Dividends credit the withholding-payable accounts (`corporate_actions`): chapter 3 tax
withheld from foreign persons (reported on Form 1042) and backup withholding from US persons
(Form 945), kept and deposited apart. What was withheld in a calendar month (New York time) is
moved to the IRS (`@irs`, the Treasury's account through EFTPS) on its due date (`tax.deposit_due`:
the 15th of the next month, or the next bank day), each month and form once (`TaxDepositRow`, the
transfer keyed `tax-deposit:<form>:<YYYY-MM>`), with a `tax.deposited` event: after the deposit for
a month, nothing withheld in it is left in the account. The job's trigger fires only when a month's
tax waits, so a sandbox without withholding runs no extra job.

Statements. A recipient's year is read from the broker's dividend notices paid in it (pay date):
gross, rate and tax withheld, summed per form, status, country and rate, as a Form 1042-S
(income code 06) for a foreign person or a Form 1099-DIV for a US person (boxes 1a and 4).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from apscheduler.triggers.base import BaseTrigger
from sqlmodel import Session, col, select

from fivelayer.broker import accounts, tax
from fivelayer.broker.corporate_actions import BACKUP_WITHHOLDING, WITHHOLDING
from fivelayer.broker.models import NoticeRow, TaxDepositRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.ledger import Ledger, LedgerPosting
from fivelayer.kernel.money import ZERO, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import events_pb2 as ev

IRS = "@irs"
DEPOSIT_PREFIX = "tax-deposit:"
WITHHOLDING_AGENT = "Fivelayer Clearing LLC"
# (the return the deposits belong to, the payable account it empties)
PAYABLE = (("1042", WITHHOLDING), ("945", BACKUP_WITHHOLDING))


def _next_period(session: Session, form: str, account: str) -> str | None:
    """The oldest month whose tax in `account` is not deposited yet, if any."""
    if Ledger(session).balance(account, "USD") == 0:
        return None
    last = session.exec(select(TaxDepositRow.period).where(TaxDepositRow.form == form)
                        .order_by(col(TaxDepositRow.period).desc()).limit(1)).first()
    query = select(LedgerPosting.at).where(LedgerPosting.account == account, LedgerPosting.asset == "USD",
                                           col(LedgerPosting.transfer_id).not_like(f"{DEPOSIT_PREFIX}%"))
    if last is not None:
        query = query.where(col(LedgerPosting.at) >= tax.period_bounds(last)[1])
    first = session.exec(query.order_by(col(LedgerPosting.at)).limit(1)).first()
    return tax.period_of(first) if first is not None else None


def next_deposit(session: Session) -> datetime | None:
    """When the next deposit falls due: the earliest due date of a month not yet deposited."""
    dues = [tax.deposit_due(period) for form, account in PAYABLE
            if (period := _next_period(session, form, account)) is not None]
    return min(dues) if dues else None


def deposit_due(session: Session, at: datetime) -> list[TaxDepositRow]:
    """Deposit, per form and oldest first, each month's tax whose due date has come."""
    ledger = Ledger(session)
    done = []
    for form, account in PAYABLE:
        while (period := _next_period(session, form, account)) is not None and tax.deposit_due(period) <= at:
            start, end = tax.period_bounds(period)
            amount = sum((p.amount for p in session.exec(select(LedgerPosting).where(
                LedgerPosting.account == account, LedgerPosting.asset == "USD",
                col(LedgerPosting.transfer_id).not_like(f"{DEPOSIT_PREFIX}%"),
                col(LedgerPosting.at) >= start, col(LedgerPosting.at) < end))), ZERO)
            row = TaxDepositRow(deposit_id=f"{form}:{period}", form=form, period=period, amount=amount,
                                due_at=tax.deposit_due(period), deposited_at=at)
            if amount > 0:
                ledger.transfer(account, IRS, "USD", amount, at=at, transfer_id=f"{DEPOSIT_PREFIX}{form}:{period}",
                                memo=f"Form {form} deposit for {period}")
            session.add(row)
            session.flush()
            emit(session, at, ev.TaxDeposited(form=form, period=period, amount=to_pb(amount), account=account,
                                              authority=IRS, due_at=to_ts(row.due_at),
                                              left=to_pb(ledger.balance(account, "USD"))))
            done.append(row)
    return done


def run_deposits(db: Database, at: datetime) -> str:
    with db.transaction() as session:
        done = deposit_due(session, at)
    return "; ".join(f"Form {d.form} {d.period}: {d.amount} to the IRS" for d in done) or "nothing to deposit"


class DepositTrigger(BaseTrigger):
    """At the due date of the oldest month of withheld tax not yet deposited."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            due = next_deposit(session)
        return None if due is None else max(due, now)


# --- the year-end statement -------------------------------------------------------------------------

@dataclass(frozen=True)
class Statement:
    account_id: str
    year: int
    recipient: str
    tax_status: str        # now, on file
    country: str
    basis: str
    final: bool            # the year has ended on the sandbox clock
    lines: tuple[tax.StatementLine, ...]

    @property
    def gross(self) -> Decimal:
        return sum((line.gross for line in self.lines), ZERO)

    @property
    def withheld(self) -> Decimal:
        return sum((line.withheld for line in self.lines), ZERO)


def statement(session: Session, account_id: str, year: int, now: datetime) -> Statement:
    """A recipient's year: its dividend notices paid in `year`, summed by form, status and rate."""
    first, last = tax.year_bounds(year)
    row = accounts.get(session, account_id)
    notices = session.exec(select(NoticeRow).where(NoticeRow.account_id == account_id, NoticeRow.kind == "dividend",
                                                   col(NoticeRow.pay_date) >= first.isoformat(),
                                                   col(NoticeRow.pay_date) <= last.isoformat())
                           .order_by(col(NoticeRow.notice_id)))
    payments = [tax.Payment(n.gross, n.withholding_rate, n.withheld, n.tax_status or row.tax_profile,
                            n.tax_country if n.tax_status else row.tax_country) for n in notices]
    on_file = accounts.tax_of(row)
    final = tax.period_of(now) >= f"{year + 1:04d}-01"
    return Statement(account_id, year, row.name, on_file.status, on_file.country, on_file.basis, final,
                     tuple(tax.statement_lines(payments)))
