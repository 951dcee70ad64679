"""Broker credit: a per-account line that extends buying power beyond the account's cash, as Alpaca's
instant funding does for a partner (buying power at once; settlement due by 13:00 ET on T+1; late
interest).

A buy the account's cash does not cover draws the difference on the line when it fills (so a second
buy sees the line already used); the draw is due by 13:00 ET on the buy's settlement date
(`deadline`). Cash that arrives (a wire, an incoming transfer, a sale settling) repays what is drawn
first: late interest, then the oldest deadline. What is still drawn after its deadline is overdue and costs interest at
the line's annual rate / 360 per calendar day (actual/360), on the overdue principal only (no interest
on interest), charged each day at 13:00 ET by the broker's credit job and added to what is drawn.
A buy beyond the line is refused CREDIT_LIMIT.

Books: the broker's loan to a customer is the outside account `@credit:<account>` (its balance is
minus what is drawn): a draw moves USD from it into the customer's cash, a repayment moves cash back;
a day's interest moves USD from it to `@broker-credit-interest` (the broker's income). The customer's
cash account never goes negative; its cash *view* does (`orders.cash_view`: cash less what is drawn).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, col, select

from fivelayer.broker import accounts, reasons
from fivelayer.broker.models import CreditDrawRow, CreditLineRow
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, ZERO, RawAmount, fmt, is_given, parse_amount, quantize, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Reason
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import events_pb2 as ev

DUE_TIME = time(13, 0)       # ET on the settlement date (Alpaca instant funding: 13:00 ET on T+1)
DAY_COUNT = Decimal(360)     # actual/360: a calendar day's interest is annual_rate / 360
RATE_PLACES = 6
MAX_RATE = Decimal(1)        # 100% a year: a sandbox bound, not a usury rule
INTEREST = "@broker-credit-interest"


def loan(account_id: str) -> str:
    """The broker's loan to the account: minus what is drawn."""
    return f"@credit:{account_id}"


# -- pure rules -------------------------------------------------------------------------------------

def deadline(settlement_day: date) -> datetime:
    """When a buy's cash is due: 13:00 ET on its settlement date, as a UTC instant."""
    return datetime.combine(settlement_day, DUE_TIME, tzinfo=calendar.NEW_YORK).astimezone(UTC)


def daily_interest(overdue: Decimal, annual_rate: Decimal) -> Decimal:
    """One calendar day's interest on `overdue`: overdue x annual_rate / 360, to the cent (halves up)."""
    if overdue <= 0 or annual_rate <= 0:
        return ZERO
    return quantize(overdue * annual_rate / DAY_COUNT, USD_PLACES, ROUND_HALF_UP)


def days_to_charge(last_charged: date | None, first_overdue: date, today: date) -> list[date]:
    """The calendar days interest is owed for and not yet charged: from the first day a draw was
    overdue (or the day after the last one charged) through today."""
    start = first_overdue if last_charged is None else max(first_overdue, last_charged + timedelta(days=1))
    return [start + timedelta(days=n) for n in range((today - start).days + 1)] if start <= today else []


@dataclass(frozen=True)
class Draw:
    """What one draw still owes and by when."""

    draw_id: str
    outstanding: Decimal
    due_at: datetime
    kind: str = "buy"


@dataclass(frozen=True)
class Standing:
    """A line's state at an instant: what is drawn, what falls due at the next deadline, what is late."""

    used: Decimal
    due: Decimal
    due_at: datetime | None
    overdue: Decimal
    overdue_principal: Decimal   # the buys' part of what is late: what interest runs on


def standing(draws: Iterable[Draw], at: datetime) -> Standing:
    open_draws = [d for d in draws if d.outstanding > 0]
    late = [d for d in open_draws if d.due_at <= at]
    coming = sorted(d.due_at for d in open_draws if d.due_at > at)
    next_at = coming[0] if coming else None
    return Standing(
        used=sum((d.outstanding for d in open_draws), ZERO),
        due=sum((d.outstanding for d in open_draws if d.due_at == next_at), ZERO),
        due_at=next_at,
        overdue=sum((d.outstanding for d in late), ZERO),
        overdue_principal=sum((d.outstanding for d in late if d.kind == "buy"), ZERO))


def allocate(draws: Sequence[Draw], cash: Decimal) -> list[tuple[str, Decimal]]:
    """Cash applied to open draws, late interest first (as a lender applies a payment), then the
    earliest deadline (then by id): (draw_id, paid) while cash lasts."""
    out = []
    left = cash
    for d in sorted(draws, key=lambda d: (d.kind != "interest", d.due_at, d.draw_id)):
        if left <= 0:
            break
        paid = min(left, d.outstanding)
        if paid > 0:
            out.append((d.draw_id, paid))
            left -= paid
    return out


# -- the books ----------------------------------------------------------------------------------------

def line(session: Session, account_id: str) -> CreditLineRow | None:
    return session.get(CreditLineRow, account_id)


def used(session: Session, account_id: str) -> Decimal:
    return -Ledger(session).balance(loan(account_id), "USD")


def available(session: Session, account_id: str) -> Decimal:
    """What the line still lends: limit less what is drawn (0 without a line)."""
    row = line(session, account_id)
    return max(row.limit - used(session, account_id), ZERO) if row is not None else ZERO


def set_line(session: Session, now: datetime, account_id: str, raw_limit: RawAmount,
             raw_rate: RawAmount) -> CreditLineRow:
    """Open or change an account's line; a limit of 0 closes it (what is drawn stays owed)."""
    accounts.get(session, account_id)
    limit = parse_amount(raw_limit, "limit", USD_PLACES, allow_zero=True)
    rate = parse_amount(raw_rate, "annual_rate", RATE_PLACES, allow_zero=True) if is_given(raw_rate) else ZERO
    require(rate <= MAX_RATE, Common.INVALID_ARGUMENT, f"annual_rate is a fraction a year (0.08 is 8%), at most "
            f"{MAX_RATE}; got {rate}")
    row = line(session, account_id)
    if row is None:
        row = CreditLineRow(account_id=account_id, limit=limit, annual_rate=rate, set_at=now)
    row.limit, row.annual_rate, row.set_at = limit, rate, now
    session.add(row)
    session.flush()
    emit(session, now, ev.CreditLineSet(account_id=account_id, limit=to_pb(limit), annual_rate=to_pb(rate),
                                        used=to_pb(used(session, account_id))))
    return row


def open_draws(session: Session, account_id: str = "") -> list[CreditDrawRow]:
    query = select(CreditDrawRow).where(CreditDrawRow.open == True)  # noqa: E712
    if account_id:
        query = query.where(CreditDrawRow.account_id == account_id)
    return list(session.exec(query.order_by(col(CreditDrawRow.due_at), col(CreditDrawRow.draw_id))))


def _draws(rows: Iterable[CreditDrawRow]) -> list[Draw]:
    return [Draw(r.draw_id, r.amount - r.repaid, r.due_at, r.kind) for r in rows]


def refusal(session: Session, account_id: str) -> Reason:
    """The reason a buy beyond buying power is refused: CREDIT_LIMIT on an account with a line."""
    return reasons.Broker.CREDIT_LIMIT if line(session, account_id) is not None \
        else reasons.Broker.INSUFFICIENT_BUYING_POWER


def draw(session: Session, at: datetime, account_id: str, amount: Decimal, due_at: datetime, draw_id: str,
         kind: str = "buy") -> CreditDrawRow:
    """Lend `amount` into the account's cash, due at `due_at`; beyond the line: CREDIT_LIMIT."""
    free = available(session, account_id)
    require(amount <= free, refusal(session, account_id),
            f"beyond the credit line: {fmt(amount)} USD more is needed and {fmt(free)} USD of credit is left",
            needed=amount, available=free)
    Ledger(session).transfer(loan(account_id), accounts.cash(account_id), "USD", amount, at=at,
                             transfer_id=f"credit-draw:{draw_id}")
    row = CreditDrawRow(draw_id=draw_id, account_id=account_id, kind=kind, amount=amount, due_at=due_at, drawn_at=at)
    session.add(row)
    session.flush()
    emit(session, at, ev.CreditDrawn(account_id=account_id, draw_id=draw_id, amount=to_pb(amount), due_at=to_ts(due_at),
                                     used=to_pb(used(session, account_id))))
    return row


def repay(session: Session, at: datetime, account_id: str, source: str) -> Decimal:
    """Apply the account's cash to what it has drawn, oldest deadline first; returns what was repaid."""
    rows = open_draws(session, account_id)
    if not rows:
        return ZERO
    ledger = Ledger(session)
    cash = ledger.balance(accounts.cash(account_id), "USD")
    paid = allocate(_draws(rows), min(cash, used(session, account_id)))
    total = sum((p for _, p in paid), ZERO)
    if total <= 0:
        return ZERO
    ledger.transfer(accounts.cash(account_id), loan(account_id), "USD", total, at=at,
                    transfer_id=f"credit-repay:{account_id}:{source}")
    by_id = dict(paid)
    for row in rows:
        if row.draw_id in by_id:
            row.repaid += by_id[row.draw_id]
            row.open = row.repaid < row.amount
            session.add(row)
    session.flush()
    emit(session, at, ev.CreditRepaid(account_id=account_id, amount=to_pb(total), source=source,
                                      used=to_pb(used(session, account_id))))
    return total


def charge_interest(session: Session, at: datetime) -> list[str]:
    """The daily credit job: repay from whatever cash has arrived, then charge each account's late
    interest for the days not yet charged (once per New York date)."""
    today = at.astimezone(calendar.NEW_YORK).date()
    done = []
    for account_id in sorted({r.account_id for r in open_draws(session)}):
        repay(session, at, account_id, f"sweep:{today.isoformat()}")
        row = line(session, account_id)
        still_open = open_draws(session, account_id)
        state = standing(_draws(still_open), at)
        if row is None or state.overdue_principal <= 0:
            continue
        late = [r for r in still_open if r.kind == "buy" and r.due_at <= at]
        first = min(r.due_at for r in late).astimezone(calendar.NEW_YORK).date()
        last = date.fromisoformat(row.interest_through) if row.interest_through else None
        days = days_to_charge(last, first, today)
        amount = daily_interest(state.overdue_principal, row.annual_rate) * len(days)
        if days:
            row.interest_through = today.isoformat()
        if amount > 0:
            draw_id = f"interest:{account_id}:{today.isoformat()}"
            Ledger(session).transfer(loan(account_id), INTEREST, "USD", amount, at=at,
                                     transfer_id=f"credit-interest:{account_id}:{today.isoformat()}")
            session.add(CreditDrawRow(draw_id=draw_id, account_id=account_id, kind="interest", amount=amount,
                                      due_at=at, drawn_at=at))
            row.interest_charged += amount
            emit(session, at, ev.CreditInterestCharged(
                account_id=account_id, amount=to_pb(amount), overdue=to_pb(state.overdue_principal),
                annual_rate=to_pb(row.annual_rate), days=[d.isoformat() for d in days],
                used=to_pb(used(session, account_id))))
            done.append(f"{account_id}: {fmt(amount)} USD for {len(days)} day(s) on {fmt(state.overdue_principal)} "
                        "USD overdue")
        session.add(row)
        session.flush()
    return done


def is_drawn(session: Session) -> bool:
    return session.exec(select(CreditDrawRow.draw_id).where(CreditDrawRow.open == True).limit(1)).first() \
        is not None  # noqa: E712


def next_charge(after: datetime) -> datetime:
    """The first 13:00 ET at or after `after` (any calendar day: interest runs on weekends too)."""
    local = after.astimezone(calendar.NEW_YORK)
    candidate = datetime.combine(local.date(), DUE_TIME, tzinfo=calendar.NEW_YORK)
    if candidate < local:
        candidate = datetime.combine(local.date() + timedelta(days=1), DUE_TIME, tzinfo=calendar.NEW_YORK)
    return candidate.astimezone(UTC)


@dataclass(frozen=True)
class View:
    account_id: str
    limit: Decimal
    annual_rate: Decimal
    available: Decimal
    standing: Standing
    interest_charged: Decimal


def view(session: Session, account_id: str, at: datetime) -> View:
    """An account's line as GetCreditLine shows it (an account without one: a zero line)."""
    accounts.get(session, account_id)
    row = line(session, account_id)
    state = standing(_draws(open_draws(session, account_id)), at)
    return View(account_id, row.limit if row else ZERO, row.annual_rate if row else ZERO,
                available(session, account_id), state, row.interest_charged if row else ZERO)
