"""Corporate actions at the broker: what the depository does for participant 0555, passed on to
the customers the broker's own books say are the beneficial owners.

Dividends. DTC credits 0555's cash on the pay date (its 09:00 ET run) with its entitlement: the
broker's position at the end of the record date plus CNS obligations due by then, times the
dividend, rounded down to the cent. The broker's job (10:00 ET) reads that credit and allocates
it by its own books with the same ex-date rule (`holders_at`): a customer's position at the end of
the record date counts every fill that settles on or before the record date, and none that
settles after it (a buy on the day before the ex date is entitled; a buy on the ex date is not:
the seller keeps that dividend). A distribution of 25% or more (FINRA Rule 11140: the depository
sets its ex date on the first session after the pay date) is allocated on its ex date instead, once
DTC has redeemed its due bills (its status `paid`), by position by trade date before the ex date
(`holders_at` with `ex_day`): a customer who bought between the record and ex dates is entitled,
its seller is not, and DTC's credit includes 0555's due bills. Each notice carries the ex date (the
SPV's holders of record are those at the close before it). Per customer (the arithmetic and its rounding:
`fivelayer.kernel.corporate_actions`, shared with the depository): gross = shares x rate
rounded DOWN to the cent (a payee is never rounded in its favour); withheld = gross x the rate of
the account's tax status (`tax`: W-9 0%, W-8BEN 30% or its country's treaty rate, no W-9 24% backup withholding,
undocumented and presumed foreign 30%) rounded to the nearest cent, halves up, as withholding
agents round (0.01 at 30% withholds nothing; 0.05 at 30%, 0.015, withholds 0.02); net = gross -
withheld goes to settled cash, the tax to the broker's withholding-payable account (backup
withholding to its own, deposited apart), which `withholding` empties to the IRS each month and
reports on each recipient's year-end statement. Each notice keeps the status it was paid under.
What is left of DTC's credit (the cents the per-customer rounding leaves; DTC rounds the whole
position once) stays with the broker, so the books balance to the cent. Should the broker's
books entitle its customers to more than DTC credited (a trade DTC does not know of), the broker
pays them from its own capital (`@broker-capital`), recorded as a negative remainder: a claim it
chases, as due bills do.

Splits. DTC applies a split at 06:00 ET on its effective date. The broker's job (06:30 ET) scales
each customer's share buckets (settled, receivable, deliverable, deliverable-pending: shares
kept to 9 places, rounded down) and its orders: a filled, unsettled order's quantity (what
settles; its executed quantity, price and cash stay as executed), and an open order's quantity
(x new/old, rounded down to 9 places; an order left with none is canceled) and limit price
(/ new/old: a buy's rounded down, a sell's up, to the cent at or above 1 USD). The part of a
customer's position below 9 places (only a reverse or uneven split makes one) is bought by the
broker at the last close (adjusted for the split) with its own money (`@broker-capital`), paid as cash in lieu rounded
down to the cent; DTC's cash in lieu for 0555's own fraction is the broker's (kept in
`broker:corporate-actions`). The broker's own fractions are not on these books (the share
counter-account is `@dtc`: 0555 at DTC).

The broker's stated policy for fractions in a split (DTC holds whole shares): DTC sees only 0555's
total and gives it floor(position x new/old) whole shares plus cash in lieu of the fraction at the
last close. The broker keeps its customers' fractions on its own books: a customer with 7 shares
in a 3:2 split gets 10.5 shares (not 10 and half a share's cash). Its fractional inventory
(`orders.INVENTORY`) absorbs the difference between what DTC holds for 0555 and what the customers
hold (`ca:<action>:inventory`: DTC's whole-share change, open street trades cut to whole shares as
DTC cuts them, less the customers' scaled positions), so customers plus inventory still equal
0555's position at DTC plus its street trades in flight; the inventory may be left short of a
fraction (7 -> 10 at DTC, 10.5 owed: -0.5), which the next street buy in the symbol makes good
(`orders.street_quantity`), and DTC's cash in lieu for 0555's fraction is the broker's (kept in
`broker:corporate-actions`), paying for that share. Each split records `inventory.split`.

Meetings. At the record date's end (17:30 ET, after DTC fixes its entitlements at 17:00) every
customer holding the symbol by the same rule gets a notice of the meeting and its proposals, and a
voting instruction form for its position then (`proxy_voting`; the broker votes at the cutoff).

Each customer's share of an action is a Notice row and an outbox event (`notice.dividend`,
`notice.split`, `notice.meeting`); each action is applied once (`CorporateActionRow`), so the
jobs are safe to repeat. The activity feed shows them as DIV and DIVNRA (the withholding),
SPLIT and CIL (cash in lieu), and MEM (a meeting notice: a memo without cash).
"""
from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, Protocol

from apscheduler.triggers.base import BaseTrigger
from google.protobuf.message import Message
from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.broker import accounts, orders, proxy_voting, tax, voting
from fivelayer.broker.models import (
    AccountRow,
    CorporateActionRow,
    ExDateAdjustmentRow,
    NoticeRow,
    OrderRow,
    OrderStatus,
)
from fivelayer.kernel import calendar
from fivelayer.kernel import corporate_actions as kca
from fivelayer.kernel.corporate_actions import split_limit as split_limit  # the shared rules, by their names here
from fivelayer.kernel.corporate_actions import withholding as withholding
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger, LedgerBalance, LedgerPosting, Leg
from fivelayer.kernel.money import USD_PLACES, ZERO, round_down, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc
from fivelayer.v1 import events_pb2 as ev

log = logging.getLogger(__name__)
DTC = "@dtc"                                  # participant 0555's accounts at the depository
CAPITAL = "@broker-capital"                   # the broker's own money, outside its customers' books
WITHHOLDING = "broker:withholding-payable"    # chapter 3 tax withheld from foreign persons, owed to the IRS (Form 1042)
BACKUP_WITHHOLDING = "broker:backup-withholding-payable"  # backup withholding from US persons (Form 945)
RETAINED = "broker:corporate-actions"         # what the broker keeps of DTC's credits (rounding)
KINDS = ("dividend", "split", "meeting")
BUCKETS = ("", "receivable", "deliverable", "deliverable-pending")
MAX_NOTICES = 1000


class ActionStatus(StrEnum):
    """Where a corporate action stands at the depository, as the broker reads it (statuses.proto
    `CorporateActionStatus`; `Announcement.status` passes it on). The values are the broker's words."""
    ANNOUNCED = "announced"      # its record (split: effective) date has not come
    ENTITLED = "entitled"        # dividend: holders of record fixed, the pay date to come
    DUE_BILLS = "due-bills"      # a large distribution paid to its holders of record, due bills open
    PAID = "paid"                # dividend: paid (and any due bills redeemed)
    EFFECTIVE = "effective"      # split: in effect
    HELD = "held"                # meeting: held


@dataclass(frozen=True)
class Action:
    """A corporate action as the depository announced it."""

    action_id: str
    kind: str
    symbol: str
    amount: Decimal = ZERO          # dividend: USD per share
    ex_date: str = ""               # dividend: the first session its buyers are not entitled (FINRA 5330's day)
    new_shares: int = 1
    old_shares: int = 1
    record_date: str = ""
    pay_date: str = ""
    effective_date: str = ""
    meeting_date: str = ""
    proposals: tuple[str, ...] = ()
    status: ActionStatus = ActionStatus.ANNOUNCED
    agenda: tuple[voting.Proposal, ...] = ()   # meeting: ids, routine flags, the board's recommendations


@dataclass(frozen=True)
class Credit:
    """Participant 0555's entitlement at the depository: its shares and the cash DTC pays it."""

    action_id: str
    shares: Decimal = ZERO
    cash: Decimal = ZERO
    paid: bool = False
    held: Decimal | None = None   # a split: 0555's settled position at DTC before it (None: not known)


class Depository(Protocol):
    """What the jobs read at the depository (participant 0555's view), with no unit of work open."""

    def corporate_actions(self, kind: str) -> list[Action]: ...
    def entitlements(self, action_id: str) -> list[Credit]: ...


# --- the broker's books at a record date ----------------------------------------------------------

def record_cutoff(record_day: date) -> datetime:
    """The end of the record date (midnight New York time), as a UTC instant."""
    return utc(datetime.combine(record_day + timedelta(days=1), time(0), tzinfo=calendar.NEW_YORK))


def due_bills_apply(action: Action) -> bool:
    """A dividend whose ex date the depository set after its record date: a distribution of 25% or more
    (FINRA Rule 11140(b)(2)), ex on the first session after the pay date, with due bills in between."""
    return action.kind == "dividend" and bool(action.ex_date) and action.ex_date > action.record_date


def holders_at(session: Session, symbol: str, record_day: date, ex_day: date | None = None) -> dict[str, Decimal]:
    """Each customer's position by the record date, by the broker's own books: the shares it held
    or had bought (settled, or receivable) at the record date's end, less what it bought that
    settles after the record date, plus what it sold that settles after it (the seller keeps the
    right: the ex-date rule under T+1). With `ex_day` (a large distribution, FINRA Rule 11140) the
    position by trade date before the ex date: every fill before the ex date's start counts, whenever
    it settles (a buyer before the ex date holds a due bill, its seller owes it). Only positive
    positions, by account id."""
    cutoff = record_cutoff(ex_day - timedelta(days=1)) if ex_day is not None else record_cutoff(record_day)
    held: dict[str, Decimal] = defaultdict(Decimal)
    postings = session.exec(select(LedgerPosting).where(LedgerPosting.asset == symbol,
                                                        col(LedgerPosting.account).startswith("cust:"),
                                                        LedgerPosting.at < cutoff))
    for posting in postings:
        parts = posting.account.split(":")
        if len(parts) == 2 or parts[2] == "receivable":
            held[parts[1]] += posting.amount
    if ex_day is not None:
        return {account_id: shares for account_id, shares in sorted(held.items()) if shares > 0}
    late = session.exec(select(OrderRow).where(OrderRow.symbol == symbol, OrderRow.filled_at != None,  # noqa: E711
                                               col(OrderRow.filled_at) < cutoff,
                                               OrderRow.settlement_date > record_day.isoformat()))
    for order in late:
        held[order.account_id] += -order.filled_quantity if order.side == "buy" else order.filled_quantity
    return {account_id: shares for account_id, shares in sorted(held.items()) if shares > 0}


# --- dividends: pure allocation ---------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    account_id: str
    shares: Decimal
    gross: Decimal
    withheld: Decimal
    net: Decimal
    withholding_rate: Decimal
    backup: bool = False        # backup withholding (a US person's), deposited apart


@dataclass(frozen=True)
class Allocation:
    lines: tuple[Line, ...]
    dtc_cash: Decimal

    @property
    def gross(self) -> Decimal:
        return sum((line.gross for line in self.lines), ZERO)

    @property
    def withheld(self) -> Decimal:
        return sum((line.withheld for line in self.lines), ZERO)

    @property
    def backup_withheld(self) -> Decimal:
        return sum((line.withheld for line in self.lines if line.backup), ZERO)

    @property
    def retained(self) -> Decimal:
        """What the broker keeps of DTC's credit (negative: what it paid from its capital)."""
        return self.dtc_cash - self.gross

    def legs(self) -> list[Leg]:
        """DTC's credit to each customer's settled cash (net), the withholding, the remainder."""
        legs: list[Leg] = [(DTC, "USD", -self.dtc_cash)]
        legs += [(accounts.cash(line.account_id), "USD", line.net) for line in self.lines]
        legs += [(WITHHOLDING, "USD", self.withheld - self.backup_withheld),
                 (BACKUP_WITHHOLDING, "USD", self.backup_withheld),
                 (RETAINED if self.retained > 0 else CAPITAL, "USD", self.retained)]
        return [leg for leg in legs if leg[2] != 0]


def allocate_dividend(holdings: Mapping[str, Decimal], rates: Mapping[str, Decimal], per_share: Decimal,
                      dtc_cash: Decimal, backup: Collection[str] = ()) -> Allocation:
    """Per customer: `kca.dividend_payment` (gross = shares x per_share rounded down to the cent, withheld =
    gross x its rate to the nearest cent, halves up, net = gross - withheld). `backup`: the accounts whose
    withholding is backup withholding."""
    lines = []
    for account_id in sorted(holdings):
        shares, rate = holdings[account_id], rates.get(account_id, ZERO)
        pay = kca.dividend_payment(shares, per_share, rate)
        lines.append(Line(account_id, shares, pay.gross, pay.withheld, pay.net, rate, account_id in backup))
    return Allocation(tuple(lines), dtc_cash)


# --- splits: the shared rules (`fivelayer.kernel.corporate_actions`), applied to the broker's books --------

def scaled(quantity: Decimal, new: int, old: int) -> Decimal:
    """A quantity after a new:old split, kept to 9 places (rounded down: `kca.fractional_shares`)."""
    return kca.fractional_shares(quantity, new, old)[0]


def street_split(quantity: Decimal, new: int, old: int) -> Decimal:
    """A whole-share street quantity after a new:old split, as DTC cuts an open trade: toward zero,
    to whole shares (with no cash for the part cut off: `kca.whole_shares`)."""
    return kca.whole_shares(quantity, new, old)[0]


def ex_dividend_limit(limit: Decimal, dividend: Decimal) -> Decimal | None:
    """An open buy limit on a cash dividend's ex-date (FINRA Rule 5330): reduced by the dividend, the
    result rounded down to the price increment (a cent at or above 1 USD, else 0.0001: Reg NMS Rule
    612), so the order keeps its distance below a price that opens lower by the dividend. None: no
    change, for a dividend under a cent (the rule's de minimis). A result at or below zero leaves the
    order no price: the caller cancels it."""
    if dividend < Decimal("0.01"):
        return None
    reduced = limit - dividend
    if reduced <= 0:
        return ZERO
    return round_down(reduced, USD_PLACES if reduced >= 1 else 4)


@dataclass(frozen=True)
class Buckets:
    """An account's shares of one symbol, by ledger bucket (`orders.shares`)."""

    settled: Decimal = ZERO
    receivable: Decimal = ZERO
    deliverable: Decimal = ZERO
    pending: Decimal = ZERO     # deliverable-pending: sold before it was received

    @property
    def held(self) -> Decimal:
        """What the customer owns: settled (not sold) plus bought and not yet received."""
        return self.settled + self.receivable


def split_buckets(before: Buckets, buys_after: Decimal, sells_after: Decimal, new: int,
                  old: int) -> Buckets:
    """The buckets after a split, consistent with the unsettled orders' scaled quantities (which
    settle them): receivable + deliverable-pending = unsettled buys, deliverable +
    deliverable-pending = unsettled sales."""
    pending = min(scaled(before.pending, new, old), buys_after, sells_after)
    return Buckets(scaled(before.settled, new, old), max(buys_after - pending, ZERO),
                   max(sells_after - pending, ZERO), pending)


def cash_in_lieu(held_before: Decimal, held_after: Decimal, new: int, old: int, close: Decimal) -> Decimal:
    """The part of a holding below 9 places after the split (exact), bought at the last close adjusted for
    the split, rounded down to the cent (`kca.cash_in_lieu`)."""
    return kca.cash_in_lieu(kca.ratio(held_before, new, old) - Fraction(held_after), close, new, old)


# --- applying an action to the books --------------------------------------------------------------

def applied(session: Session, action_id: str) -> bool:
    return session.get(CorporateActionRow, action_id) is not None


# The event a customer's notice records, by the action's kind.
NOTICE_EVENTS: dict[str, Callable[..., Message]] = {
    "dividend": ev.NoticeDividend, "split": ev.NoticeSplit, "meeting": ev.NoticeMeeting}


def _notice(session: Session, at: datetime, action: Action, account_id: str, **values: Any) -> NoticeRow:
    count = session.exec(select(func.count()).select_from(NoticeRow)).one()
    row = NoticeRow(notice_id=f"ntc-{count + 1:06d}", kind=action.kind, action_id=action.action_id,
                    account_id=account_id, symbol=action.symbol, at=at, **values)
    session.add(row)
    session.flush()
    emit(session, at, NOTICE_EVENTS[action.kind](
        notice_id=row.notice_id, action_id=action.action_id, account_id=account_id, symbol=action.symbol,
        shares=to_pb(row.shares), gross=to_pb(row.gross), withheld=to_pb(row.withheld), net=to_pb(row.net),
        withholding_rate=to_pb(row.withholding_rate), shares_after=to_pb(row.shares_after),
        cash_in_lieu=to_pb(row.cash_in_lieu), record_date=row.record_date, pay_date=row.pay_date,
        effective_date=row.effective_date, meeting_date=row.meeting_date, ex_date=row.ex_date))
    return row


def _done(session: Session, at: datetime, action: Action, *, dtc: Credit | None, customer_shares: Decimal,
          paid: Decimal = ZERO, withheld: Decimal = ZERO, notices: int = 0) -> CorporateActionRow:
    dtc_cash = dtc.cash if dtc else ZERO
    row = CorporateActionRow(action_id=action.action_id, kind=action.kind, symbol=action.symbol,
                             dtc_shares=dtc.shares if dtc else ZERO, dtc_cash=dtc_cash,
                             customer_shares=customer_shares, paid=paid, withheld=withheld,
                             retained=dtc_cash - paid, notices=notices, applied_at=at)
    session.add(row)
    emit(session, at, ev.CaApplied(
        action_id=action.action_id, kind=action.kind, symbol=action.symbol, dtc_shares=to_pb(row.dtc_shares),
        dtc_cash=to_pb(dtc_cash), customer_shares=to_pb(customer_shares), paid=to_pb(paid), withheld=to_pb(withheld),
        retained=to_pb(row.retained), notices=notices))
    return row


def pay_dividend(session: Session, at: datetime, action: Action, dtc: Credit | None) -> Allocation:
    """Allocate DTC's dividend credit to the customers entitled by the broker's books (by trade date
    before the ex date for a large distribution, `due_bills_apply`)."""
    ex_day = date.fromisoformat(action.ex_date) if due_bills_apply(action) else None
    holdings = holders_at(session, action.symbol, date.fromisoformat(action.record_date), ex_day)
    payees = {row.account_id: row for row in session.exec(
        select(AccountRow).where(col(AccountRow.account_id).in_(list(holdings))))}
    rates = {account_id: row.withholding_rate for account_id, row in payees.items()}
    backup = {account_id for account_id, row in payees.items() if row.tax_profile == tax.UNDOCUMENTED_US}
    allocation = allocate_dividend(holdings, rates, action.amount, dtc.cash if dtc else ZERO, backup)
    legs = allocation.legs()
    if legs:
        Ledger(session).post(legs, at=at, transfer_id=f"ca:{action.action_id}", memo=f"{action.symbol} dividend")
    for line in allocation.lines:
        payee = payees.get(line.account_id)
        _notice(session, at, action, line.account_id, shares=line.shares, rate=action.amount, gross=line.gross,
                withheld=line.withheld, net=line.net, withholding_rate=line.withholding_rate,
                tax_status=payee.tax_profile if payee else "", tax_country=payee.tax_country if payee else "",
                record_date=action.record_date, pay_date=action.pay_date, ex_date=action.ex_date or action.record_date)
    _done(session, at, action, dtc=dtc, customer_shares=sum(holdings.values(), ZERO), paid=allocation.gross,
          withheld=allocation.withheld, notices=len(allocation.lines))
    return allocation


def _buckets(ledger: Ledger, account_id: str, symbol: str) -> Buckets:
    return Buckets(*(ledger.balance(orders.shares(account_id, bucket), symbol) for bucket in BUCKETS))


def apply_split(session: Session, at: datetime, action: Action, close: Decimal, dtc: Credit | None) -> list[NoticeRow]:
    """Scale every customer's positions and orders in the symbol by new/old; pay cash in lieu for
    the part of a holding below 9 places at `close` (the last close, read beforehand)."""
    new, old, symbol = action.new_shares, action.old_shares, action.symbol
    ledger = Ledger(session)
    unsettled: dict[str, list[OrderRow]] = defaultdict(list)
    # 0555's change at DTC, whole shares (`street_split`): its settled position, and its street
    # trades in flight, each cut to whole shares as DTC cuts them
    at_dtc = dtc.shares - dtc.held if dtc is not None and dtc.held is not None else ZERO
    inventory = ledger.balance(orders.INVENTORY, symbol)
    for order in session.exec(select(OrderRow).where(OrderRow.symbol == symbol, OrderRow.status == OrderStatus.FILLED,
                                                     OrderRow.settled == False)  # noqa: E712
                              .order_by(OrderRow.order_id)):
        street = street_split(order.street_quantity, new, old)
        at_dtc += (street - order.street_quantity) * (1 if order.side == "buy" else -1)
        order.street_quantity = street
        order.quantity = scaled(order.quantity, new, old)
        order.updated_at = at
        session.add(order)
        unsettled[order.account_id].append(order)
    _adjust_open_orders(session, at, action)
    holders = {b.account.split(":")[1] for b in session.exec(
        select(LedgerBalance).where(LedgerBalance.asset == symbol, col(LedgerBalance.account).startswith("cust:")))
        if b.amount != 0}
    notices, paid, held_total = [], ZERO, ZERO
    for account_id in sorted(holders | set(unsettled)):
        before = _buckets(ledger, account_id, symbol)
        mine = unsettled.get(account_id, [])
        after = split_buckets(before, sum((o.quantity for o in mine if o.side == "buy"), ZERO),
                              sum((o.quantity for o in mine if o.side == "sell"), ZERO), new, old)
        cil = cash_in_lieu(before.held, after.held, new, old, close)
        legs: list[Leg] = []
        for bucket, was, now in zip(BUCKETS, (before.settled, before.receivable, before.deliverable, before.pending),
                                    (after.settled, after.receivable, after.deliverable, after.pending), strict=True):
            legs.append((orders.shares(account_id, bucket), symbol, now - was))
        # the inventory absorbs the change of what the customer holds (settled + receivable); what
        # is in flight to CNS (deliverable) is on the @dtc side, as the street trade's cut is
        legs.append((orders.INVENTORY, symbol, before.held - after.held))
        legs.append((DTC, symbol, (before.deliverable + before.pending) - (after.deliverable + after.pending)))
        legs += [(CAPITAL, "USD", -cil), (accounts.cash(account_id), "USD", cil)]
        legs = [leg for leg in legs if leg[2] != 0]
        if legs:
            ledger.post(legs, at=at, transfer_id=f"ca:{action.action_id}:{account_id}",
                        memo=f"{symbol} {new}:{old} split")
        if before.held > 0:
            held_total += before.held
            paid += cil
            notices.append(_notice(session, at, action, account_id, shares=before.held, new_shares=new,
                                   old_shares=old, shares_after=after.held, cash_in_lieu=cil,
                                   effective_date=action.effective_date))
    legs = [(DTC, symbol, -at_dtc), (orders.INVENTORY, symbol, at_dtc)]
    if at_dtc:   # DTC's whole shares for 0555 into the inventory, which gave its customers their fractions
        ledger.post(legs, at=at, transfer_id=f"ca:{action.action_id}:inventory",
                    memo=f"{symbol} {new}:{old} split at DTC")
    emit(session, at, ev.InventorySplit(action_id=action.action_id, symbol=symbol, before=to_pb(inventory),
                                        after=to_pb(ledger.balance(orders.INVENTORY, symbol)), dtc_change=to_pb(at_dtc),
                                        dtc_cash_in_lieu=to_pb(dtc.cash if dtc else ZERO)))
    dtc_cash = dtc.cash if dtc else ZERO
    if dtc_cash > 0:   # DTC's cash in lieu for 0555's own fraction: the broker's (it paid its customers')
        ledger.post([(DTC, "USD", -dtc_cash), (RETAINED, "USD", dtc_cash)], at=at,
                    transfer_id=f"ca:{action.action_id}:cash-in-lieu", memo=f"{symbol} cash in lieu from DTC")
    _done(session, at, action, dtc=dtc, customer_shares=held_total, paid=paid, notices=len(notices))
    return notices


def _adjust_open_orders(session: Session, at: datetime, action: Action) -> None:
    """FINRA Rule 5330: a forward split adjusts open orders (quantity x new/old, limit / new/old); a
    reverse split cancels them (the customer decides again at the new price)."""
    new, old = action.new_shares, action.old_shares
    for order in session.exec(select(OrderRow).where(OrderRow.symbol == action.symbol,
                                                     col(OrderRow.status).in_(orders.OPEN))
                              .order_by(OrderRow.order_id)).all():
        if new < old:
            orders.cancel(session, at, order, f"FINRA Rule 5330: the {new}:{old} reverse split cancels open orders")
            continue
        if order.notional is None:
            quantity = scaled(order.quantity, new, old)
            if quantity == 0:
                orders.cancel(session, at, order, f"the {new}:{old} split left the order no quantity")
                continue
            order.quantity = quantity
        if order.limit_price is not None:
            order.limit_price = kca.split_limit(order.limit_price, order.side, new, old)
        order.updated_at = at
        session.add(order)
        emit(session, at, ev.OrderSplitAdjusted(
            order_id=order.order_id, account_id=order.account_id, symbol=order.symbol, quantity=to_pb(order.quantity),
            limit_price=to_pb(order.limit_price) if order.limit_price is not None else None, new_shares=new,
            old_shares=old, action_id=action.action_id))


def notify_meeting(session: Session, at: datetime, action: Action, dtc: Credit | None) -> list[NoticeRow]:
    """A notice of the meeting and a voting instruction form to every customer holding the symbol at
    its record date."""
    holdings = holders_at(session, action.symbol, date.fromisoformat(action.record_date))
    notices = [_notice(session, at, action, account_id, shares=shares, record_date=action.record_date,
                       meeting_date=action.meeting_date, proposals=json.dumps(list(action.proposals)))
               for account_id, shares in holdings.items()]
    proxy_voting.open_forms(session, at, action.action_id, action.symbol, action.record_date, action.meeting_date,
                            voting.agenda_of(action.proposals, action.agenda),
                            [proxy_voting.Holder(n.account_id, n.shares, n.notice_id) for n in notices])
    _done(session, at, action, dtc=dtc, customer_shares=sum(holdings.values(), ZERO), notices=len(notices))
    return notices


# --- the jobs: read the depository first, then one unit of work per action ---------------------------

def _today(at: datetime) -> str:
    return at.astimezone(calendar.NEW_YORK).date().isoformat()


def _pending(db: Database, actions: Iterable[Action]) -> list[Action]:
    with db.read() as session:
        return [a for a in actions if not applied(session, a.action_id)]


def _credit(depository: Depository, action_id: str) -> Credit | None:
    return next(iter(depository.entitlements(action_id)), None)


def adjust_for_dividend(session: Session, at: datetime, action: Action) -> tuple[int, int]:
    """On a cash dividend's ex-date, before the open: each open buy limit in the symbol not marked
    do-not-reduce is reduced by the dividend (`ex_dividend_limit`), or canceled when that leaves it no
    price. Sell limits keep their price; sell stops are not offered here. (adjusted, canceled)."""
    session.add(ExDateAdjustmentRow(action_id=action.action_id, symbol=action.symbol, at=at))
    adjusted = canceled = 0
    for order in session.exec(select(OrderRow).where(
            OrderRow.symbol == action.symbol, OrderRow.side == "buy", OrderRow.order_type == "limit",
            col(OrderRow.status).in_(orders.OPEN)).order_by(OrderRow.order_id)).all():
        assert order.limit_price is not None, f"limit order {order.order_id} has no limit price"
        if order.do_not_reduce:
            continue
        reduced = ex_dividend_limit(order.limit_price, action.amount)
        if reduced is None:
            continue
        if reduced <= 0:
            orders.cancel(session, at, order, f"FINRA Rule 5330: the {action.amount} dividend leaves the "
                                              f"{order.limit_price} limit no price")
            canceled += 1
            continue
        before, order.limit_price, order.updated_at = order.limit_price, reduced, at
        session.add(order)
        emit(session, at, ev.OrderDividendAdjusted(
            order_id=order.order_id, account_id=order.account_id, symbol=order.symbol, limit_before=to_pb(before),
            limit_price=to_pb(reduced), dividend=to_pb(action.amount), action_id=action.action_id,
            rule="FINRA Rule 5330"))
        adjusted += 1
    return adjusted, canceled


def run_ex_dates(db: Database, depository: Depository, at: datetime) -> str:
    """Adjust open orders for each cash dividend whose ex-date is today (once per dividend)."""
    today = _today(at)
    done = []
    for action in depository.corporate_actions("dividend"):
        if action.ex_date != today:
            continue
        with db.transaction() as session:
            if session.get(ExDateAdjustmentRow, action.action_id) is not None:
                continue
            adjusted, canceled = adjust_for_dividend(session, at, action)
        done.append(f"{action.action_id} {action.symbol} ex {action.amount}: {adjusted} buy limits reduced, "
                    f"{canceled} canceled")
    return "; ".join(done) or "no ex-date today"


def run_dividends(db: Database, depository: Depository, at: datetime) -> str:
    """Allocate each dividend DTC has paid 0555 (on or before today) and the broker has not; a large
    distribution on or after its ex date, once DTC has redeemed its due bills."""
    today = _today(at)
    done = []
    for action in _pending(db, (a for a in depository.corporate_actions("dividend") if a.pay_date <= today)):
        credit = _credit(depository, action.action_id)
        if due_bills_apply(action):
            if action.status != ActionStatus.PAID or action.ex_date > today:
                continue   # DTC has not redeemed the due bills yet
        elif not (action.status == ActionStatus.PAID or (credit is not None and credit.paid)):
            continue   # DTC has not paid yet
        with db.transaction() as session:
            if applied(session, action.action_id):
                continue
            allocation = pay_dividend(session, at, action, credit)
        done.append(f"{action.action_id} {action.symbol}: {allocation.gross} to {len(allocation.lines)} customers, "
                    f"{allocation.withheld} withheld, {allocation.retained} kept")
    return "; ".join(done) or "no dividend to allocate"


def run_splits(db: Database, depository: Depository, prices: orders.Prices, at: datetime) -> str:
    """Apply each split effective on or before today that the broker has not applied."""
    today = _today(at)
    done = []
    for action in _pending(db, (a for a in depository.corporate_actions("split") if a.effective_date <= today)):
        close = prices.price(action.symbol, calendar.close_before(date.fromisoformat(action.effective_date)))[0]
        credit = _credit(depository, action.action_id)
        with db.transaction() as session:
            if applied(session, action.action_id):
                continue
            notices = apply_split(session, at, action, close, credit)
        done.append(f"{action.action_id} {action.symbol} {action.new_shares}:{action.old_shares}: "
                    f"{len(notices)} customers")
    return "; ".join(done) or "no split to apply"


def run_meetings(db: Database, depository: Depository, at: datetime) -> str:
    """Send notices of each meeting whose record date is today or past and not yet noticed."""
    today = _today(at)
    done = []
    for action in _pending(db, (a for a in depository.corporate_actions("meeting") if a.record_date <= today)):
        credit = _credit(depository, action.action_id)
        with db.transaction() as session:
            if applied(session, action.action_id):
                continue
            notices = notify_meeting(session, at, action, credit)
        done.append(f"{action.action_id} {action.symbol}: {len(notices)} notices")
    return "; ".join(done) or "no meeting to notice"


# --- when the jobs fire: only while an announced action waits for them -----------------------------

class Announcements:
    """The depository's corporate actions as the broker last read them, for the jobs' triggers: read again
    (lazily) after each `refresh`, which the job book calls when control asks what is due (at each advance's
    start, and when the depository, announcing an action, wakes its participants). A depository that cannot
    be read reads as no announcement until the next refresh (one try per NextDue, logged). The jobs themselves
    read the depository afresh."""

    def __init__(self, depository: Depository) -> None:
        self.depository = depository
        self._actions: list[Action] | None = None

    def refresh(self) -> None:
        self._actions = None

    def actions(self) -> list[Action]:
        if self._actions is None:
            try:
                self._actions = [a for kind in KINDS for a in self.depository.corporate_actions(kind)]
            except DomainError as error:   # read as none until the next asking: one try per NextDue
                log.warning("cannot read the depository's corporate actions: [%s] %s", error.reason, error.message)
                self._actions = []
        return self._actions


def day_start(day: str) -> datetime:
    """Midnight New York time at the start of `day`, as a UTC instant."""
    return utc(datetime.combine(date.fromisoformat(day), time(0), tzinfo=calendar.NEW_YORK))


def _unapplied(session: Session, actions: Iterable[Action]) -> list[Action]:
    wanted = list(actions)
    done = set(session.exec(select(CorporateActionRow.action_id).where(
        col(CorporateActionRow.action_id).in_([a.action_id for a in wanted])))) if wanted else set()
    return [a for a in wanted if a.action_id not in done]


def split_from(session: Session, actions: list[Action], now: datetime) -> datetime | None:
    """Splits the broker has not applied: from their effective date."""
    return min((day_start(a.effective_date) for a in _unapplied(session, (a for a in actions if a.kind == "split"))
                if a.effective_date), default=None)


def ex_date_from(session: Session, actions: list[Action], now: datetime) -> datetime | None:
    """Cash dividends going ex today or later whose open buy limits are not adjusted yet: on their ex date."""
    today = _today(now)
    days = [a for a in actions if a.kind == "dividend" and a.ex_date and a.ex_date >= today]
    done = set(session.exec(select(ExDateAdjustmentRow.action_id).where(
        col(ExDateAdjustmentRow.action_id).in_([a.action_id for a in days])))) if days else set()
    return min((day_start(a.ex_date) for a in days if a.action_id not in done), default=None)


def dividend_from(session: Session, actions: list[Action], now: datetime) -> datetime | None:
    """Dividends the broker has not allocated: from their pay date (a large one: from its ex date, once DTC
    has redeemed the due bills), again each day until DTC has paid."""
    return min((day_start(max(a.pay_date, a.ex_date) if due_bills_apply(a) else a.pay_date)
                for a in _unapplied(session, (a for a in actions if a.kind == "dividend")) if a.pay_date),
               default=None)


def meeting_from(session: Session, actions: list[Action], now: datetime) -> datetime | None:
    """Meetings the broker has not noticed: from their record date."""
    return min((day_start(a.record_date) for a in _unapplied(session, (a for a in actions if a.kind == "meeting"))
                if a.record_date), default=None)


class AnnouncedTrigger(BaseTrigger):
    """A cron's instants from the first instant `start` names for the announced actions not yet done (None:
    nothing waits, the job does not fire), read from the broker's books and its copy of the announcements."""

    def __init__(self, db: Database, announcements: Announcements, inner: BaseTrigger,
                 start: Callable[[Session, list[Action], datetime], datetime | None]) -> None:
        self.db, self.announcements, self.inner, self.start = db, announcements, inner, start

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        actions = self.announcements.actions()
        if not actions:
            return None
        with self.db.read() as session:
            begun = self.start(session, actions, utc(now))
        if begun is None:
            return None
        return self.inner.get_next_fire_time(previous_fire_time, max(utc(now), begun))


# --- reading notices ----------------------------------------------------------------------------

@dataclass(frozen=True)
class NoticeFilter:
    account_id: str = ""
    kind: str = ""
    limit: int = 0


def notices(session: Session, wanted: NoticeFilter) -> list[NoticeRow]:
    """Notices, oldest first: of one account (or all), of one kind (or all), at most `limit` (0: 1000)."""
    require(0 <= wanted.limit <= MAX_NOTICES, Common.INVALID_ARGUMENT, f"limit is 0..{MAX_NOTICES}, got {wanted.limit}")
    query = notices_query(session, wanted)
    return list(session.exec(query.order_by(NoticeRow.notice_id).limit(wanted.limit or MAX_NOTICES)))


def notices_query(session: Session, wanted: NoticeFilter) -> SelectOfScalar[NoticeRow]:
    """The notices of the filter (its account checked), unordered: a caller pages them."""
    require(not wanted.kind or wanted.kind in KINDS, Common.INVALID_ARGUMENT,
            f"kind must be one of {', '.join(KINDS)}, got {wanted.kind!r}")
    if wanted.account_id:
        accounts.get(session, wanted.account_id)
    query = select(NoticeRow)
    if wanted.account_id:
        query = query.where(NoticeRow.account_id == wanted.account_id)
    if wanted.kind:
        query = query.where(NoticeRow.kind == wanted.kind)
    return query
