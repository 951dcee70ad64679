"""Buy-ins of fails to deliver: Reg SHO Rule 204's close-out deadline, executed as NSCC's CNS buy-in.

The rule (SEC Rule 204(a)(1), 17 CFR 242.204; release 34-60388): a participant with a fail to deliver
from a long sale must close it out by purchasing the shares no later than the beginning of regular
trading hours on the third consecutive settlement day after the settlement date. A short sale's
fail must be closed out by the open of the settlement day after (204(a)); the sandbox's fails come
from the street's long inventory being withheld (the `settlement-fail` fault), so every fail is aged
as a long sale's.

The mechanism modelled: NSCC's CNS buy-in. At the open of the deadline day (09:30 ET) the
depository buys the shares still failing in the market, at the market price then, for the failing
participant: it is charged the cost (it was paid for the shares at the original settlement: NSCC
settles net money in full), and the shares go through CNS to the long positions still waiting for
them, in participant order. Those positions' trades then settle late (`settlement.settle_late`).

Simplifications, stated: a position that fails on several days in a row is aged from the first
(the whole position is bought in at that first deadline, not day by day); the sandbox has one street
participant (0999), which stands for every other firm, so the shares are bought from its inventory
even when it is the failing participant (its failing desk withholds; the rest of the street sells),
with the charge and the purchase shown as two legs through `@nscc:buy-in`; open fails are not
marked to market before the buy-in.

The dates are pure functions (`close_out_date`, `fail_since`, `due`); `execute` acts on one unit of work.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.depository.capture import account
from fivelayer.depository.models import BuyInRow, LineRow, OpenFail
from fivelayer.depository.settlement import CNS, settle_late
from fivelayer.kernel import calendar
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, round_up, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reference import STREET_PARTICIPANT
from fivelayer.v1 import events_pb2 as ev

LONG_SALE_DAYS = 3      # Rule 204(a)(1): the third consecutive settlement day after the settlement date
RULE = "Reg SHO Rule 204(a)(1), executed as an NSCC CNS buy-in"
BUYER = "@nscc:buy-in"  # NSCC's buy-in: charges the failing participant, pays the market
MARKET = STREET_PARTICIPANT   # the rest of the street, where the buy-in buys


def close_out_date(settlement_day: date, days: int = LONG_SALE_DAYS) -> date:
    """The `days`-th consecutive settlement day after `settlement_day` (an NYSE session that is a US
    bank settlement day: Columbus Day, Veterans Day and other bank holidays are skipped, like weekends)."""
    return calendar.settlement_date(settlement_day, days)


def close_out_at(settlement_day: date, days: int = LONG_SALE_DAYS) -> datetime:
    """The open of regular trading on the close-out date: the fail must be closed out by then."""
    return calendar.session_hours(close_out_date(settlement_day, days))[0]


def fail_since(history: Iterable[tuple[str, Decimal]]) -> date | None:
    """The first settlement date of the unbroken run of fails to deliver that ends at the last run:
    `history` is one position's (settlement date, failed quantity) per run, in any order; a fail to
    deliver is negative. None when the last run did not leave it failing to deliver."""
    since = None
    for day, failed in sorted(history, reverse=True):
        if failed >= 0:
            break
        since = date.fromisoformat(day)
    return since


@dataclass(frozen=True)
class Due:
    participant: str
    symbol: str
    quantity: Decimal      # shares to buy in (positive)
    since: date
    deadline: date


def due(fails: Mapping[tuple[str, str], Decimal], since: Mapping[tuple[str, str], date], at: datetime) -> list[Due]:
    """The fails to deliver whose close-out deadline (the open of `close_out_date`) has come by `at`,
    in participant then symbol order."""
    out = []
    for key in sorted(fails):
        first = since.get(key)
        if fails[key] < 0 and first is not None and close_out_at(first) <= at:
            out.append(Due(key[0], key[1], -fails[key], first, close_out_date(first)))
    return out


def allocate(quantity: Decimal, longs: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """The bought-in shares each long participant receives, in participant order, up to what it waits for."""
    out: dict[str, Decimal] = {}
    left = quantity
    for participant in sorted(longs):
        take = min(left, longs[participant])
        if take > 0:
            out[participant] = take
            left -= take
    return out


# --- on the depository's books --------------------------------------------------------------------

def aged(session: Session) -> tuple[dict[tuple[str, str], Decimal], dict[tuple[str, str], date]]:
    """The open fails, and when each fail to deliver began (from the settlement lines)."""
    fails = {(f.participant_id, f.symbol): f.quantity for f in session.exec(select(OpenFail))}
    since = {}
    for key, quantity in fails.items():
        if quantity < 0:
            lines = session.exec(select(LineRow).where(LineRow.participant_id == key[0], LineRow.symbol == key[1]))
            first = fail_since((line.settlement_date, line.failed_quantity) for line in lines)
            if first is not None:
                since[key] = first
    return fails, since


def next_close_out(session: Session, after: datetime) -> datetime | None:
    """The next open, at or after `after`, at which some fail to deliver is due for a buy-in (None
    while nothing fails): the buy-in job runs only then, not at every open."""
    _, since = aged(session)   # a start only for the fails to deliver
    ahead = [d for d in (close_out_at(first) for first in since.values()) if d >= after]
    return min(ahead) if ahead else None


def symbols_due(session: Session, at: datetime) -> list[str]:
    """The symbols to price before a buy-in run at `at`."""
    return sorted({d.symbol for d in due(*aged(session), at)})


def execute(session: Session, at: datetime, prices: Mapping[str, Decimal]) -> list[BuyInRow]:
    """Buy in every fail to deliver whose deadline has come, at `prices` (the market at `at`)."""
    ledger = Ledger(session)
    done = []
    for d in due(*aged(session), at):
        price = prices[d.symbol]
        cost = round_up(d.quantity * price, USD_PLACES)
        count = session.exec(select(func.count()).select_from(BuyInRow)).one()
        buy_in_id = f"bi-{count + 1:06d}"
        ledger.transfer(account(d.participant), BUYER, "USD", cost, at=at, transfer_id=f"{buy_in_id}:charge",
                        memo=f"buy-in of {d.quantity} {d.symbol} at {price}, failing since {d.since}")
        ledger.transfer(BUYER, account(MARKET), "USD", cost, at=at, transfer_id=f"{buy_in_id}:purchase",
                        memo=f"buy-in purchase of {d.quantity} {d.symbol}")
        ledger.transfer(account(MARKET), CNS, d.symbol, d.quantity, at=at, transfer_id=f"{buy_in_id}:purchase")
        longs = {f.participant_id: f.quantity for f in session.exec(select(OpenFail).where(
            OpenFail.symbol == d.symbol, col(OpenFail.quantity) > 0))}
        delivered = allocate(d.quantity, longs)
        for participant, shares in delivered.items():
            ledger.transfer(CNS, account(participant), d.symbol, shares, at=at, transfer_id=f"{buy_in_id}:deliver")
            _reduce(session, participant, d.symbol, -shares)
        _reduce(session, d.participant, d.symbol, d.quantity)
        row = BuyInRow(buy_in_id=buy_in_id, participant_id=d.participant, symbol=d.symbol, quantity=d.quantity,
                       price=price, cost=cost, failing_since=d.since.isoformat(), deadline=d.deadline.isoformat(),
                       executed_at=at, delivered=json.dumps([{"participant": p, "quantity": str(q)}
                                                             for p, q in delivered.items()]))
        session.add(row)
        session.flush()
        emit(session, at, ev.SettlementBoughtIn(
            buy_in_id=buy_in_id, participant=d.participant, symbol=d.symbol, quantity=to_pb(d.quantity),
            price=to_pb(price), cost=to_pb(cost), failing_since=d.since.isoformat(), deadline=d.deadline.isoformat(),
            rule=RULE, delivered=[ev.SettlementBoughtIn.Delivery(participant=p, quantity=to_pb(q))
                                  for p, q in delivered.items()]))
        done.append(row)
    if done:
        settle_late(session, at)
    return done


def _reduce(session: Session, participant: str, symbol: str, change: Decimal) -> None:
    fail = session.get(OpenFail, (participant, symbol))
    if fail is None:
        return
    fail.quantity += change
    if fail.quantity == 0:
        session.delete(fail)
    else:
        session.add(fail)
    session.flush()


def buy_ins_query(participant_id: str = "", symbol: str = "") -> SelectOfScalar[BuyInRow]:
    """The buy-ins of one participant, of one symbol, or (both empty) all of them, unordered."""
    query = select(BuyInRow)
    if participant_id:
        query = query.where(BuyInRow.participant_id == participant_id)
    if symbol:
        query = query.where(BuyInRow.symbol == symbol)
    return query


def delivered(row: BuyInRow) -> list[tuple[str, Decimal]]:
    return [(d["participant"], Decimal(d["quantity"])) for d in json.loads(row.delivered)]

