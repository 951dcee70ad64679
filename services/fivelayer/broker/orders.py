"""Orders: taken through an account's API route, filled only in NYSE sessions, settled T+1.

A market order placed in a session fills at once at the market price; outside one it is
"accepted" and waits for the next open. A limit order fills only when the market price is at
or better than its limit (a buy at or below, a sell at or above), at the market price; until
then it rests ("new"), checked at the open and every few minutes of a session. A day order not
filled by its session's close expires (early closes included); a gtc order carries over. A
notional order buys or sells a USD amount: its quantity is fixed at the fill, rounded down.
Buying power holds back cash for open buys (a limit buy at its limit, a notional buy at its
notional). Long only: a sale needs the shares (settled or bought, unsettled).

Fractional shares and the street (DTC holds whole shares). Customers trade to 9 places; the
depository books, nets and delivers whole shares only. So the broker executes every customer fill
against its own fractional inventory (`INVENTORY`, a principal account per symbol on its ledger)
and trades on the street (participant 0999) only the whole shares that bring that inventory back
into [0, 1) share (`street_quantity`): customers buying 0.3 then 0.5 make it buy 1 share on the
street for the first (keeping 0.7) and serve the second from inventory (keeping 0.2). The street
trade is at the customer's fill price and is reported to the depository keyed `fill:<order_id>`
with the order as its trade ref; a fill with no street trade reports nothing. The customer's
position stays unsettled until its settlement date (T+1): an order with a street trade settles on
the broker's books when the depository's CNS run settled that trade; one served from inventory
settles at the settlement sync of its settlement date, with no depository trade. Either way, once.
The difference between what the customer pays (or receives) and what the street trade costs (or
brings) is the inventory's cash (its USD balance on `INVENTORY`). Invariant: the customers'
shares plus the inventory equal the broker's position at DTC plus its street trades in flight
(`@cns` is the other side of both), whole shares at DTC and fractions on the broker's books only.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Protocol

from google.protobuf.message import Message
from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.broker import accounts, credit, reasons
from fivelayer.broker.models import AccountRow, AccountStatus, NoticeRow, OrderRow, OrderStatus
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import (
    SHARE_PLACES,
    USD_PLACES,
    ZERO,
    RawAmount,
    fmt,
    parse_amount,
    quantize,
    round_down,
    round_up,
    to_pb,
)
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.timeutil import to_ts, utc
from fivelayer.v1 import events_pb2 as ev

CNS = "@cns"   # the clearing house on the other side of every settlement
# The broker's principal account: its fractional inventory (shares per symbol) and that inventory's
# cash (USD). Named "@" like `@broker-capital`: the broker's own money and shares, outside its
# customers' books, so its cash may run negative (what the inventory cost) and, briefly after a
# split, its shares too (`street_quantity` makes that good at the next buy).
INVENTORY = "@broker-inventory"
SIDES = ("buy", "sell")
SIPC_TOTAL, SIPC_CASH = Decimal(500_000), Decimal(250_000)


class Prices(Protocol):
    """Market prices: (price, market open) for a symbol at an instant."""

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]: ...


class Venue(Prices, Protocol):
    """What the broker needs from outside: prices (control) and the depository. Called only with
    no unit of work open: the order rules below take a PriceBook read beforehand."""

    def report_fills(self, orders: Sequence[OrderRow]) -> None: ...
    def settled_refs(self, settlement_date: str) -> set[str]: ...


@dataclass(frozen=True)
class PriceBook:
    """The prices a unit of work needs, read before it opens (a hop never happens inside one)."""

    at: datetime
    quotes: Mapping[str, tuple[Decimal, bool]]

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        if at != self.at or symbol not in self.quotes:
            raise AssertionError(f"{symbol} at {at.isoformat()} was not priced before the unit of work")
        return self.quotes[symbol]


def price_book(prices: Prices, symbols: Iterable[str], at: datetime) -> PriceBook:
    return PriceBook(at, {symbol: prices.price(symbol, at) for symbol in sorted(set(symbols))})


OPEN = (OrderStatus.ACCEPTED, OrderStatus.NEW)   # may still fill: waiting for the open, or resting in a session
# The event an order that ends unfilled records, by its final status (`cancel`).
ENDED_EVENTS: dict[str, Callable[..., Message]] = {
    "canceled": ev.BrokerOrderCanceled, "expired": ev.BrokerOrderExpired, "rejected": ev.BrokerOrderRejected}
ORDER_TYPES = ("market", "limit")
TIMES_IN_FORCE = ("day", "gtc")
CHECK_EVERY = timedelta(minutes=5)   # how often resting limit orders are checked in a session
MIN_NOTIONAL = Decimal(1)            # USD, as Alpaca
MAX_CLIENT_ORDER_ID = 128


@dataclass(frozen=True)
class Terms:
    """What an order asks for, checked: a quantity of shares, or a notional in USD whose quantity
    is fixed at the fill."""

    symbol: str
    side: str
    quantity: Decimal | None = None
    notional: Decimal | None = None
    order_type: str = "market"
    time_in_force: str = "day"
    limit_price: Decimal | None = None
    do_not_reduce: bool = False   # a buy limit kept at its price on a cash dividend's ex-date (FINRA 5330)


def terms(*, symbol: str, side: str, qty: RawAmount | None = None, notional: RawAmount | None = None,
          order_type: str = "market", time_in_force: str = "day", limit_price: RawAmount | None = None,
          do_not_reduce: bool = False) -> Terms:
    """Check an order's terms before anything is priced; every refusal says what to change."""
    symbol = symbol.strip().upper()
    require(bool(symbol), Common.INVALID_ARGUMENT, "an order needs a symbol")
    require(side in SIDES, Common.INVALID_ARGUMENT, f"side must be buy or sell, got {side!r}")
    require(order_type in ORDER_TYPES, Common.INVALID_ARGUMENT,
            f"type must be market or limit (stop, stop_limit and trailing_stop are not offered), got {order_type!r}")
    require(time_in_force in TIMES_IN_FORCE, Common.INVALID_ARGUMENT,
            f"time_in_force must be day or gtc (opg, cls, ioc and fok are not offered), got {time_in_force!r}")
    require(qty is not None or notional is not None, Common.INVALID_ARGUMENT, "an order needs qty or notional")
    require(qty is None or notional is None, Common.INVALID_ARGUMENT, "give qty or notional, not both")
    quantity = parse_amount(qty, "qty", SHARE_PLACES) if qty is not None else None
    amount = parse_amount(notional, "notional", USD_PLACES) if notional is not None else None
    if amount is not None:
        require(order_type == "market", Common.INVALID_ARGUMENT, "a notional order is a market order; a limit order "
                "needs qty")
        require(amount >= MIN_NOTIONAL, Common.INVALID_ARGUMENT, f"notional must be at least {MIN_NOTIONAL} USD, "
                f"got {amount}")
    if order_type == "limit":
        require(limit_price is not None, Common.INVALID_ARGUMENT, "a limit order needs limit_price")
    else:
        require(limit_price is None, Common.INVALID_ARGUMENT, "limit_price is for limit orders only")
    limit = parse_limit(limit_price) if limit_price is not None else None
    require(not do_not_reduce or (order_type == "limit" and side == "buy"), Common.INVALID_ARGUMENT,
            "do_not_reduce is for buy limit orders only (the ones a cash dividend reduces)")
    return Terms(symbol, side, quantity, amount, order_type, time_in_force, limit, do_not_reduce)


def parse_limit(raw: RawAmount) -> Decimal:
    """A limit price in whole cents at or above 1 USD, up to 4 places below (no sub-penny increments)."""
    price = parse_amount(raw, "limit_price", 4)
    require(price < 1 or price == round_down(price, USD_PLACES), Common.TOO_MANY_DECIMALS,
            f"limit_price {price} has a sub-penny increment: at most 2 decimal places at or above 1 USD")
    return price


def waiting_symbols(session: Session, account_id: str = "", side: str = "") -> set[str]:
    """Symbols of open orders (of one account, one side), which a unit of work prices."""
    query = select(OrderRow.symbol).where(col(OrderRow.status).in_(OPEN))
    if account_id:
        query = query.where(OrderRow.account_id == account_id)
    if side:
        query = query.where(OrderRow.side == side)
    return set(session.exec(query))


def shares(account_id: str, bucket: str = "") -> str:
    return f"cust:{account_id}" + (f":{bucket}" if bucket else "")


def money(account_id: str, bucket: str) -> str:
    return f"cust:{account_id}:{bucket}"


def street_quantity(side: str, quantity: Decimal, inventory: Decimal) -> Decimal:
    """The whole shares the broker trades on the street (same side, never negative) to fill a
    customer's `quantity` from its fractional inventory `inventory`, so the inventory afterwards is
    in [0, 1): a buy takes ceil(quantity - inventory) shares, a sale floor(inventory + quantity).
    An inventory below zero (a split can leave one: `corporate_actions.apply_split`) is made good
    by the next buy; a sale never buys."""
    if side == "buy":
        return max(ZERO, (quantity - inventory).to_integral_value(rounding=ROUND_CEILING))
    return max(ZERO, (inventory + quantity).to_integral_value(rounding=ROUND_FLOOR))


def street_value(quantity: Decimal, price: Decimal) -> Decimal:
    """The money of a street trade as the depository computes it (to the cent, halves to even)."""
    return quantize(quantity * price, USD_PLACES)


def trade_value(side: str, quantity: Decimal, price: Decimal) -> Decimal:
    """The cash of a fill: a buyer pays cents rounded up, a seller receives cents rounded down."""
    return round_up(quantity * price, USD_PLACES) if side == "buy" else round_down(quantity * price, USD_PLACES)


def _open(session: Session, account_id: str, side: str, symbol: str = "") -> list[OrderRow]:
    query = select(OrderRow).where(OrderRow.account_id == account_id, OrderRow.side == side,
                                   col(OrderRow.status).in_(OPEN))
    return list(session.exec(query.where(OrderRow.symbol == symbol) if symbol else query))


def shares_held_back(order: OrderRow, price: Decimal) -> Decimal:
    """The shares an open sell holds back: its quantity, or its notional at `price` rounded up."""
    if order.notional is not None:
        return round_up(order.notional / price, SHARE_PLACES)
    return order.quantity


def cash_held_back(order: OrderRow, price: Decimal) -> Decimal:
    """The cash an open buy holds back: a limit buy at its limit, a notional buy its notional, a
    market buy at `price` (today's)."""
    if order.notional is not None:
        return order.notional
    return round_up(order.quantity * (order.limit_price if order.limit_price is not None else price), USD_PLACES)


def _open_sells(session: Session, prices: Prices, account_id: str, symbol: str, now: datetime) -> Decimal:
    rows = _open(session, account_id, "sell", symbol)
    return sum((shares_held_back(r, prices.price(symbol, now)[0]) for r in rows), ZERO) if rows else ZERO


def reserved_cash(session: Session, venue: Prices, account_id: str, now: datetime) -> Decimal:
    """Cash held back for open buy orders."""
    return sum((cash_held_back(r, venue.price(r.symbol, now)[0]) for r in _open(session, account_id, "buy")), ZERO)


def cash_power(session: Session, prices: Prices, account_id: str, now: datetime) -> Decimal:
    """Free cash less what open buys hold back (sale proceeds count once they settle): what may
    also leave the account (`funding.withdrawable`)."""
    free = Ledger(session).balance(accounts.cash(account_id), "USD")
    return free - reserved_cash(session, prices, account_id, now)


def buying_power(session: Session, prices: Prices, account_id: str, now: datetime) -> Decimal:
    """What buys may spend: the cash power plus what the account's credit line still lends."""
    return cash_power(session, prices, account_id, now) + credit.available(session, account_id)


def tradable(account: AccountRow) -> None:
    """An account takes orders only while active with its route open."""
    require(account.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"account {account.account_id} is {account.status}: {account.status_reason}",
            account_id=account.account_id, status=account.status)
    require(account.route_enabled, Cutoff.ROUTE_CUT,
            f"the broker has cut the API route of {account.account_id}: {account.route_reason}",
            account_id=account.account_id)


def place(session: Session, venue: Prices, now: datetime, *, client_order_id: str, account_id: str, api_key: str,
          symbol: str, side: str, raw_quantity: RawAmount) -> OrderRow:
    """A market order through an account's own API key (the gRPC face: the issuer's hedges)."""
    account = accounts.authorize(session, account_id, api_key)
    require(side in SIDES, Common.INVALID_ARGUMENT, "side must be BUY or SELL")
    quantity = parse_amount(raw_quantity, "quantity", SHARE_PLACES)
    return submit(session, venue, now, account, client_order_id, Terms(symbol, side, quantity))


def submit(session: Session, prices: Prices, now: datetime, account: AccountRow, client_order_id: str,
           order_terms: Terms, replaces: str = "") -> OrderRow:
    """Take an order on an account: check it can be paid for (or the shares are there), then fill
    it if the market is open and its price is good, let it rest if not, or hold it for the open.
    `client_order_id` is unique per account; empty, it is the order's own id on the face."""
    t = order_terms
    tradable(account)
    require(len(client_order_id) <= MAX_CLIENT_ORDER_ID, Common.INVALID_ARGUMENT,
            f"client_order_id is at most {MAX_CLIENT_ORDER_ID} characters")
    taken = session.exec(select(OrderRow.order_id).where(OrderRow.account_id == account.account_id,
                                                         OrderRow.client_order_id == client_order_id)).first()
    require(not client_order_id or taken is None, reasons.Broker.DUPLICATE_CLIENT_ORDER_ID,
            f"client_order_id {client_order_id!r} is already used by another order of this account: "
            "it must be unique")
    price, market_open = prices.price(t.symbol, now)
    _check_cover(session, prices, now, account.account_id, t, price)
    count = session.exec(select(func.count()).select_from(OrderRow)).one()
    order_id = f"ord-{count + 1:06d}"
    expires = calendar.session_hours(calendar.current_or_next_session(now))[1] if t.time_in_force == "day" else None
    order = OrderRow(order_id=order_id, client_order_id=client_order_id or accounts.external_id(order_id),
                     external_id=accounts.external_id(order_id), account_id=account.account_id, symbol=t.symbol,
                     side=t.side, quantity=t.quantity if t.quantity is not None else ZERO, notional=t.notional,
                     order_type=t.order_type, time_in_force=t.time_in_force, limit_price=t.limit_price,
                     expires_at=expires, submitted_at=now, updated_at=now, replaces=replaces,
                     do_not_reduce=t.do_not_reduce)
    session.add(order)
    session.flush()
    if market_open and marketable(order, price):
        fill(session, order, price, now)
    elif market_open:
        rest(session, order, now)
    else:
        emit(session, now, ev.BrokerOrderAccepted(
            order_id=order.order_id, account_id=order.account_id, symbol=order.symbol, side=order.side,
            quantity=to_pb(order.quantity), notional=to_pb(order.notional) if order.notional is not None else None,
            type=order.order_type, time_in_force=order.time_in_force,
            limit_price=to_pb(order.limit_price) if order.limit_price is not None else None,
            opens=to_ts(calendar.next_open(now))))
    return order


def _check_cover(session: Session, prices: Prices, now: datetime, account_id: str, t: Terms,
                 price: Decimal) -> None:
    """A buy needs the buying power for what it holds back; a sale needs the shares (no short sales)."""
    if t.side == "buy":
        unit = t.limit_price if t.limit_price is not None else price
        need = t.notional if t.notional is not None else round_up((t.quantity or ZERO) * unit, USD_PLACES)
        free = buying_power(session, prices, account_id, now)
        what = f"{t.notional} USD of {t.symbol}" if t.notional is not None else f"{t.quantity} {t.symbol}"
        line = credit.line(session, account_id)
        if line is None:
            require(free >= need, reasons.Broker.INSUFFICIENT_BUYING_POWER,
                    f"insufficient buying power: buying {what} needs {need} USD; buying power is "
                    f"{max(free, ZERO)} USD", needed=need, available=max(free, ZERO))
            return
        lent = credit.available(session, account_id)
        what = f"{fmt(t.notional)} USD of {t.symbol}" if t.notional is not None \
            else f"{fmt(t.quantity or ZERO)} {t.symbol}"
        require(free >= need, reasons.Broker.CREDIT_LIMIT,
                f"beyond the credit line: buying {what} needs {fmt(need)} USD; buying power is "
                f"{fmt(max(free, ZERO))} USD ({fmt(max(free - lent, ZERO))} USD of cash and {fmt(lent)} USD left "
                f"on a {fmt(line.limit)} USD line)",
                needed=need, available=max(free, ZERO), credit_available=lent, limit=line.limit)
        return
    quantity = t.quantity if t.quantity is not None else round_up((t.notional or ZERO) / price, SHARE_PLACES)
    ledger = Ledger(session)
    held = ledger.balance(shares(account_id), t.symbol) + ledger.balance(shares(account_id, "receivable"), t.symbol) \
        - _open_sells(session, prices, account_id, t.symbol, now)
    require(held >= quantity, reasons.Broker.INSUFFICIENT_POSITION,
            f"insufficient qty available: selling {quantity} {t.symbol} needs the shares; {max(held, ZERO)} are "
            "available (no short sales)", needed=quantity, available=max(held, ZERO))


def marketable(order: OrderRow, price: Decimal) -> bool:
    """Whether the order fills at `price`: a market order always; a limit buy at or below its
    limit, a limit sell at or above."""
    if order.limit_price is None:
        return True
    return price <= order.limit_price if order.side == "buy" else price >= order.limit_price


def rest(session: Session, order: OrderRow, at: datetime) -> None:
    """A limit order the market has not reached: it rests in the session ("new")."""
    order.status, order.updated_at = OrderStatus.NEW, at
    session.add(order)
    emit(session, at, ev.BrokerOrderNew(
        order_id=order.order_id, account_id=order.account_id, symbol=order.symbol, side=order.side,
        quantity=to_pb(order.quantity), limit_price=to_pb(order.limit_price) if order.limit_price is not None else None,
        time_in_force=order.time_in_force, expires_at=to_ts(order.expires_at) if order.expires_at else None))


def fill(session: Session, order: OrderRow, price: Decimal, at: datetime) -> None:
    """Execute in full at `price` and move the books to unsettled (a notional order's quantity is
    fixed here, rounded down). The trade is reported to the depository after the unit of work
    commits (`reporting.report_fills`), never inside it."""
    if order.notional is not None:
        order.quantity = round_down(order.notional / price, SHARE_PLACES)
        require(order.quantity > 0, Common.INVALID_AMOUNT, f"notional {order.notional} buys no share at {price}")
    ledger = Ledger(session)
    amount = trade_value(order.side, order.quantity, price)
    tid = f"fill:{order.order_id}"
    street = street_quantity(order.side, order.quantity, ledger.balance(INVENTORY, order.symbol))
    order.street_quantity = street
    trade_day = calendar.trade_date(at)
    settlement_day = calendar.settlement_date(trade_day)
    if order.side == "buy":
        short = amount - ledger.balance(money(order.account_id, "cash"), "USD")
        if short > 0:   # the cash the account lacks is lent by its credit line, due on the settlement date
            credit.draw(session, at, order.account_id, short, credit.deadline(settlement_day), tid)
        # the street's whole shares come in through CNS; the inventory gives the rest or keeps the excess
        legs = [(money(order.account_id, "cash"), "USD", -amount), (money(order.account_id, "cash-due"), "USD", amount),
                (CNS, order.symbol, -street), (INVENTORY, order.symbol, street - order.quantity),
                (shares(order.account_id, "receivable"), order.symbol, order.quantity)]
        ledger.post([leg for leg in legs if leg[2] != 0], at=at, transfer_id=tid)
    else:
        settled = ledger.balance(shares(order.account_id), order.symbol)
        from_settled = min(settled, order.quantity)
        # Shares sold before they were received are earmarked from the receivable; they become
        # deliverable when the buy that brings them settles.
        legs = [(shares(order.account_id), order.symbol, -from_settled),
                (shares(order.account_id, "deliverable"), order.symbol, from_settled),
                (shares(order.account_id, "receivable"), order.symbol, -(order.quantity - from_settled)),
                (shares(order.account_id, "deliverable-pending"), order.symbol, order.quantity - from_settled),
                (CNS, "USD", -street_value(street, price)), (INVENTORY, "USD", street_value(street, price) - amount),
                (money(order.account_id, "cash-receivable"), "USD", amount),
                # the inventory takes what the street does not: CNS receives the customer's shares at
                # settlement and passes the part beyond the street trade on to the inventory now
                (INVENTORY, order.symbol, order.quantity - street), (CNS, order.symbol, street - order.quantity)]
        ledger.post([leg for leg in legs if leg[2] != 0], at=at, transfer_id=tid)
    order.status, order.filled_quantity, order.filled_avg_price, order.filled_at = \
        OrderStatus.FILLED, order.quantity, price, at
    order.updated_at = at
    order.trade_date = trade_day.isoformat()
    order.settlement_date = settlement_day.isoformat()
    session.add(order)
    session.flush()
    emit(session, at, ev.BrokerOrderFilled(
        order_id=order.order_id, account_id=order.account_id, symbol=order.symbol, side=order.side,
        quantity=to_pb(order.quantity), price=to_pb(price), amount=to_pb(amount), trade_date=order.trade_date,
        settlement_date=order.settlement_date, street_quantity=to_pb(street)))


def cancel(session: Session, now: datetime, order: OrderRow, reason: str,
           status: OrderStatus = OrderStatus.CANCELED) -> None:
    """End an open order: canceled (by its customer or the broker), rejected, expired or replaced."""
    require(order.status in OPEN, reasons.Broker.ORDER_NOT_CANCELABLE,
            f"order {order.client_order_id!r} is {order.status}: only an open order (accepted or new) can be "
            f"{status}", status=order.status)
    order.status, order.reject_reason, order.ended_at, order.updated_at = status, reason, now, now
    session.add(order)
    session.flush()
    emit(session, now, ENDED_EVENTS[status](order_id=order.order_id, account_id=order.account_id, reason=reason))


def replace(session: Session, prices: Prices, now: datetime, order: OrderRow, *, qty: RawAmount | None = None,
            limit_price: RawAmount | None = None, time_in_force: str | None = None,
            client_order_id: str = "") -> OrderRow:
    """Replace an open order with a new one on the same account, symbol and side: the old one
    becomes "replaced" and the new one is taken like any order (checked, filled if it can be). A
    refusal leaves the old order as it was."""
    require(order.status in OPEN, reasons.Broker.ORDER_NOT_REPLACEABLE,
            f"order {order.client_order_id!r} is {order.status}: only an open order (accepted or new) can be "
            "replaced", status=order.status)
    require(limit_price is None or order.order_type == "limit", Common.INVALID_ARGUMENT,
            "limit_price can only be replaced on a limit order")
    keep_notional = qty is None and order.notional is not None
    new_terms = terms(symbol=order.symbol, side=order.side,
                      qty=None if keep_notional else (qty if qty is not None else order.quantity),
                      notional=order.notional if keep_notional else None, order_type=order.order_type,
                      time_in_force=time_in_force or order.time_in_force,
                      limit_price=limit_price if limit_price is not None else order.limit_price,
                      do_not_reduce=order.do_not_reduce)
    order.status, order.ended_at, order.updated_at = OrderStatus.REPLACED, now, now   # holds nothing back from here on
    session.add(order)
    session.flush()
    account = accounts.get(session, order.account_id)
    new = submit(session, prices, now, account, client_order_id, new_terms, replaces=order.order_id)
    order.replaced_by = new.order_id
    session.add(order)
    emit(session, now, ev.BrokerOrderReplaced(order_id=order.order_id, account_id=order.account_id,
                                              replaced_by=new.order_id))
    return new


def fill_at_open(session: Session, venue: Prices, at: datetime) -> tuple[int, int]:
    """At the open, work every open order at the opening price (market orders fill, limit orders
    fill if the price is good, else rest). Orders of a cut route are cancelled, as a broker
    off-boarding a client cancels its open orders; a buy the account can no longer pay for, or a
    sale of shares no longer there, is rejected."""
    return work_open_orders(session, venue, at)


def work_open_orders(session: Session, venue: Prices, at: datetime) -> tuple[int, int]:
    """Work the open orders taken by `at` at the prices of `at`: (filled, dropped)."""
    filled = dropped = 0
    query = select(OrderRow).where(col(OrderRow.status).in_(OPEN), OrderRow.submitted_at <= at)
    for order in session.exec(query.order_by(OrderRow.order_id)).all():
        account = accounts.get(session, order.account_id)
        if not account.route_enabled or account.status != AccountStatus.ACTIVE:
            cancel(session, at, order,
                   Cutoff.ROUTE_CUT if not account.route_enabled else Cutoff.ACCOUNT_FROZEN)
            dropped += 1
            continue
        price, _ = venue.price(order.symbol, at)
        if not marketable(order, price):
            if order.status == OrderStatus.ACCEPTED:
                rest(session, order, at)
            continue
        refusal = _uncovered(session, order, price)
        if refusal:
            cancel(session, at, order, refusal, status=OrderStatus.REJECTED)
            dropped += 1
            continue
        fill(session, order, price, at)
        filled += 1
    return filled, dropped


def _uncovered(session: Session, order: OrderRow, price: Decimal) -> str:
    """Why a fill at `price` cannot be paid for or delivered now, or "": the cash for a buy, the
    shares (settled or receivable) for a sale."""
    ledger = Ledger(session)
    quantity = round_down(order.notional / price, SHARE_PLACES) if order.notional is not None else order.quantity
    if order.side == "buy":
        cash = ledger.balance(accounts.cash(order.account_id), "USD") + credit.available(session, order.account_id)
        covered = quantity > 0 and cash >= trade_value("buy", quantity, price)
        return "" if covered else credit.refusal(session, order.account_id)
    held = ledger.balance(shares(order.account_id), order.symbol) + \
        ledger.balance(shares(order.account_id, "receivable"), order.symbol)
    return "" if 0 < quantity <= held else reasons.Broker.INSUFFICIENT_POSITION


def expire_day_orders(session: Session, at: datetime) -> int:
    """At a session's close, day orders not filled expire."""
    due = session.exec(select(OrderRow).where(col(OrderRow.status).in_(OPEN), OrderRow.time_in_force == "day",
                                              col(OrderRow.expires_at) <= at).order_by(OrderRow.order_id)).all()
    for order in due:
        cancel(session, at, order, "a day order not filled by the close", status=OrderStatus.EXPIRED)
    return len(due)


def next_expiry(session: Session, after: datetime) -> datetime | None:
    """When the next open day order expires (at once if one is overdue), or None: no job is due
    while no day order is open."""
    first = session.exec(select(func.min(OrderRow.expires_at)).where(
        col(OrderRow.status).in_(OPEN), OrderRow.time_in_force == "day")).one()
    return None if first is None else max(utc(first), after)


def has_resting_limits(session: Session) -> bool:
    """Whether any open limit order waits for its price."""
    return session.exec(select(OrderRow.order_id).where(col(OrderRow.status).in_(OPEN),
                                                        OrderRow.order_type == "limit").limit(1)).first() is not None


def next_check(after: datetime) -> datetime:
    """The first check of resting limit orders at or after `after`: every CHECK_EVERY from a
    session's open (the open itself is the market-open job's), before its close."""
    day = calendar.current_or_next_session(after)
    while True:
        opens, closes = calendar.session_hours(day)
        steps = max(1, -((opens - after) // CHECK_EVERY))   # ceil((after - opens) / CHECK_EVERY)
        tick = opens + steps * CHECK_EVERY
        if tick < closes:
            return tick
        day = calendar.next_session(day)


def _due(session: Session, at: datetime) -> list[OrderRow]:
    today = at.astimezone(calendar.NEW_YORK).date().isoformat()
    return list(session.exec(select(OrderRow).where(OrderRow.status == OrderStatus.FILLED, OrderRow.settled == False,  # noqa: E712
                                                    OrderRow.settlement_date <= today)
                             .order_by(OrderRow.settlement_date, OrderRow.side, OrderRow.order_id)))  # buys first


def due_settlement_dates(session: Session, at: datetime) -> list[str]:
    """The settlement dates of filled, unsettled orders due by `at`: whose depository records to read."""
    return sorted({order.settlement_date for order in _due(session, at)})


def settle_due(session: Session, settled_refs: Mapping[str, set[str]], at: datetime) -> int:
    """Mark filled orders settled once the depository's CNS run settled their street trades
    (`settled_refs`: per settlement date, the trade refs the depository settled, read beforehand);
    an order with no street trade (served from the fractional inventory) settles on the broker's
    books once its settlement date has come (the sync runs after that day's CNS run)."""
    count = 0
    ledger = Ledger(session)
    for order in _due(session, at):
        refs = settled_refs.get(order.settlement_date, set())
        if order.street_quantity > 0 and order.order_id not in refs:
            continue
        tid = f"settle:{order.order_id}"
        # The cash of the fill as executed; a split since then scaled the shares that settle (`quantity`).
        value = trade_value(order.side, order.filled_quantity, order.filled_avg_price)
        if order.side == "buy":
            received = min(ledger.balance(shares(order.account_id, "receivable"), order.symbol), order.quantity)
            earmarked = order.quantity - received  # already sold: goes straight to deliverable
            legs = [(shares(order.account_id, "receivable"), order.symbol, -received),
                    (shares(order.account_id), order.symbol, received),
                    (shares(order.account_id, "deliverable-pending"), order.symbol, -earmarked),
                    (shares(order.account_id, "deliverable"), order.symbol, earmarked),
                    (money(order.account_id, "cash-due"), "USD", -value),
                    (CNS, "USD", street_value(order.street_quantity, order.filled_avg_price)),
                    (INVENTORY, "USD", value - street_value(order.street_quantity, order.filled_avg_price))]
            ledger.post([leg for leg in legs if leg[2] != 0], at=at, transfer_id=tid)
        else:
            ledger.post([(shares(order.account_id, "deliverable"), order.symbol, -order.quantity),
                         (CNS, order.symbol, order.quantity),
                         (money(order.account_id, "cash-receivable"), "USD", -value),
                         (money(order.account_id, "cash"), "USD", value)], at=at, transfer_id=tid)
            credit.repay(session, at, order.account_id, tid)   # a sale's cash repays what is drawn first
        order.settled = True
        session.add(order)
        emit(session, at, ev.BrokerOrderSettled(order_id=order.order_id, account_id=order.account_id,
                                                symbol=order.symbol, side=order.side, quantity=to_pb(order.quantity),
                                                settlement_date=order.settlement_date))
        count += 1
    return count


def positions(session: Session, account_id: str) -> list[tuple[str, Decimal, Decimal]]:
    """(symbol, settled, unsettled): settled = held at DTC for the account (deliverable included
    until it is delivered); unsettled = bought and not yet received, minus sold and not yet delivered
    (a sale of shares not yet received is netted against their receipt)."""
    balances = Ledger(session).balances(shares(account_id))
    per: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for (acct, asset), amount in balances.items():
        if asset == "USD":
            continue
        per[asset][acct.removeprefix(shares(account_id)).lstrip(":") or "settled"] += amount
    out = []
    for symbol in sorted(per):
        b = per[symbol]
        out.append((symbol, b["settled"] + b["deliverable"], b["receivable"] - b["deliverable"]))
    return out


def inventory_delta(order: OrderRow) -> Decimal:
    """What a fill moved in the fractional inventory: a buy's street shares less the customer's, a
    sale's customer shares less the street's."""
    return order.street_quantity - order.quantity if order.side == "buy" else order.quantity - order.street_quantity


def inventory(session: Session) -> list[tuple[str, Decimal, Decimal]]:
    """The broker's fractional inventory, (symbol, settled, unsettled): unsettled is what the fills
    not yet settled moved, settled the rest, the part behind 0555's settled position at DTC (so the
    customers' settled shares plus it equal that position)."""
    ledger = Ledger(session)
    held = {asset: amount for (account, asset), amount in ledger.balances(INVENTORY).items()
            if account == INVENTORY and asset != "USD"}
    moving: dict[str, Decimal] = defaultdict(Decimal)
    for order in session.exec(select(OrderRow).where(OrderRow.status == OrderStatus.FILLED, OrderRow.settled == False)):  # noqa: E712
        moving[order.symbol] += inventory_delta(order)
    return [(symbol, held.get(symbol, ZERO) - moving[symbol], moving[symbol])
            for symbol in sorted(set(held) | set(moving)) if held.get(symbol, ZERO) or moving[symbol]]


def cash_view(session: Session, account_id: str) -> tuple[Decimal, Decimal]:
    """(settled, unsettled): cash due on unsettled buys is still settled cash until it is paid; what
    the account has drawn on its credit line is owed, so settled cash goes negative by it."""
    ledger = Ledger(session)
    free = ledger.balance(money(account_id, "cash"), "USD") - credit.used(session, account_id)
    due = ledger.balance(money(account_id, "cash-due"), "USD")
    receivable = ledger.balance(money(account_id, "cash-receivable"), "USD")
    return free + due, receivable - due


def sipc(securities: Decimal, cash: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """SIPC: up to 500,000 per customer, of which at most 250,000 cash; custody, not market losses."""
    protected_cash = min(max(cash, ZERO), SIPC_CASH)
    protected_securities = min(max(securities, ZERO), SIPC_TOTAL - protected_cash)
    return protected_securities, protected_cash, protected_securities + protected_cash


UNREPORTED = (OrderRow.filled_at != None, OrderRow.reported == False)  # noqa: E711,E712


def unreported_fills(session: Session, limit: int) -> list[OrderRow]:
    """Filled orders whose trade the depository has not yet acknowledged, oldest first (a fill
    with no street trade is among them until marked reported: there is nothing to send)."""
    return list(session.exec(select(OrderRow).where(*UNREPORTED).order_by(OrderRow.order_id).limit(limit)))


def count_unreported(session: Session) -> int:
    return session.exec(select(func.count()).select_from(OrderRow).where(*UNREPORTED)).one()


def find(session: Session, account_id: str, order_id: str = "", client_order_id: str = "") -> OrderRow:
    accounts.get(session, account_id)
    query = select(OrderRow).where(OrderRow.account_id == account_id)
    query = query.where(OrderRow.order_id == order_id) if order_id else \
        query.where(OrderRow.client_order_id == client_order_id)
    order = session.exec(query).first()
    if order is None or not (order_id or client_order_id):
        raise DomainError(Common.NOT_FOUND, f"no order {order_id or client_order_id!r} in {account_id}")
    return order


def lookup(session: Session, account_id: str, *, external_id: str = "", client_order_id: str = "") -> OrderRow:
    """An account's order by its id on the Broker API face or by its client order id."""
    query = select(OrderRow).where(OrderRow.account_id == account_id)
    query = query.where(OrderRow.external_id == external_id) if external_id else \
        query.where(OrderRow.client_order_id == client_order_id)
    order = session.exec(query).first() if (external_id or client_order_id) else None
    if order is None:
        raise DomainError(Common.NOT_FOUND, f"no order {external_id or client_order_id!r} on this account")
    return order


@dataclass(frozen=True)
class OrderFilter:
    """Which of an account's orders a list shows: open, closed or all, newest first unless
    ascending, at most `limit`."""

    status: str = "open"
    limit: int = 50
    after: datetime | None = None
    until: datetime | None = None
    ascending: bool = False
    side: str = ""
    symbols: tuple[str, ...] = ()


def listed(session: Session, account_id: str, wanted: OrderFilter) -> list[OrderRow]:
    query = select(OrderRow).where(OrderRow.account_id == account_id)
    if wanted.status == "open":
        query = query.where(col(OrderRow.status).in_(OPEN))
    elif wanted.status == "closed":
        query = query.where(col(OrderRow.status).not_in(OPEN))
    if wanted.after is not None:
        query = query.where(OrderRow.submitted_at > wanted.after)
    if wanted.until is not None:
        query = query.where(OrderRow.submitted_at <= wanted.until)
    if wanted.side:
        query = query.where(OrderRow.side == wanted.side)
    if wanted.symbols:
        query = query.where(col(OrderRow.symbol).in_(wanted.symbols))
    keys = (col(OrderRow.submitted_at), col(OrderRow.order_id))
    query = query.order_by(*(k.asc() if wanted.ascending else k.desc() for k in keys))
    return list(session.exec(query.limit(wanted.limit)))


def open_orders(session: Session, account_id: str, limit: int) -> list[OrderRow]:
    return list(session.exec(select(OrderRow).where(OrderRow.account_id == account_id, col(OrderRow.status).in_(OPEN))
                             .order_by(OrderRow.order_id).limit(limit)))


def entry_costs(session: Session, account_id: str) -> dict[str, tuple[Decimal, Decimal]]:
    """Per symbol, (quantity, cost) of the fills on the account at average cost: a buy adds its
    cash, a sale takes its share of the cost away, a split scales the quantity (the cost stays)."""
    held: dict[str, tuple[Decimal, Decimal]] = {}
    fills = session.exec(select(OrderRow).where(OrderRow.account_id == account_id,
                                                OrderRow.status == OrderStatus.FILLED)
                         .order_by(col(OrderRow.filled_at), col(OrderRow.order_id)))
    splits = list(session.exec(select(NoticeRow).where(NoticeRow.account_id == account_id, NoticeRow.kind == "split")
                               .order_by(col(NoticeRow.at), col(NoticeRow.notice_id))))
    events: list[tuple[datetime, int, OrderRow | NoticeRow]] = \
        [(utc(o.filled_at or o.submitted_at), 0, o) for o in fills] + [(utc(n.at), 1, n) for n in splits]
    for _, _, event in sorted(events, key=lambda e: (e[0], e[1])):
        quantity, cost = held.get(event.symbol, (ZERO, ZERO))
        if isinstance(event, NoticeRow):
            held[event.symbol] = (quantity * event.new_shares / event.old_shares, cost)
        elif event.side == "buy":
            bought = event.filled_quantity
            held[event.symbol] = (quantity + bought, cost + bought * event.filled_avg_price)
        elif quantity > 0:
            left = max(quantity - event.filled_quantity, ZERO)
            held[event.symbol] = (left, cost * left / quantity)
    return held


@dataclass(frozen=True)
class Holding:
    """A position valued at a price: settled and unsettled shares, what open sales hold back, and
    its average entry price (of the fills on the account)."""

    symbol: str
    settled: Decimal
    unsettled: Decimal
    available: Decimal
    price: Decimal
    avg_entry_price: Decimal

    @property
    def quantity(self) -> Decimal:
        return self.settled + self.unsettled

    @property
    def market_value(self) -> Decimal:
        return round_down(self.quantity * self.price, USD_PLACES)

    @property
    def cost_basis(self) -> Decimal:
        return round_up(self.quantity * self.avg_entry_price, USD_PLACES)


def holdings(session: Session, prices: Prices, account_id: str, at: datetime) -> list[Holding]:
    """The account's open positions (a position sold out is gone), valued at `at` (priced beforehand)."""
    costs = entry_costs(session, account_id)
    out = []
    for symbol, settled, unsettled in positions(session, account_id):
        if settled + unsettled == 0:
            continue
        price = prices.price(symbol, at)[0]
        quantity, cost = costs.get(symbol, (ZERO, ZERO))
        average = round_up(cost / quantity, 4) if quantity > 0 else price
        available = settled + unsettled - _open_sells(session, prices, account_id, symbol, at)
        out.append(Holding(symbol, settled, unsettled, available, price, average))
    return out
