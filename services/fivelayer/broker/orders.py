"""Orders: taken through an account's API route, filled only in NYSE sessions, settled T+1.

A market order placed in a session fills at once at the market price; outside one it is
"accepted" and waits for the next open. Each fill is reported to the depository as a trade
against the street (participant 0999), and the position stays unsettled until the depository's
CNS run settles that trade. Long only: a sale needs the shares (settled or bought, unsettled).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func
from sqlmodel import Session, select

from fivelayer.broker import accounts
from fivelayer.broker.models import OrderRow
from fivelayer.kernel import calendar, reasons
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, USD_PLACES, ZERO, RawAmount, parse_amount, round_down, round_up
from fivelayer.kernel.outbox import record

CNS = "@cns"   # the clearing house on the other side of every settlement
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


def waiting_symbols(session: Session, account_id: str = "", side: str = "") -> set[str]:
    """Symbols of orders waiting for the open (of one account, one side), which a unit of work prices."""
    query = select(OrderRow.symbol).where(OrderRow.status == "accepted")
    if account_id:
        query = query.where(OrderRow.account_id == account_id)
    if side:
        query = query.where(OrderRow.side == side)
    return set(session.exec(query))


def shares(account_id: str, bucket: str = "") -> str:
    return f"cust:{account_id}" + (f":{bucket}" if bucket else "")


def money(account_id: str, bucket: str) -> str:
    return f"cust:{account_id}:{bucket}"


def trade_value(side: str, quantity: Decimal, price: Decimal) -> Decimal:
    """The cash of a fill: a buyer pays cents rounded up, a seller receives cents rounded down."""
    return round_up(quantity * price, USD_PLACES) if side == "buy" else round_down(quantity * price, USD_PLACES)


def _open_sells(session: Session, account_id: str, symbol: str) -> Decimal:
    rows = session.exec(select(OrderRow).where(OrderRow.account_id == account_id, OrderRow.symbol == symbol,
                                               OrderRow.side == "sell", OrderRow.status == "accepted"))
    return sum((r.quantity for r in rows), ZERO)


def reserved_cash(session: Session, venue: Prices, account_id: str, now: datetime) -> Decimal:
    """Cash held back for accepted buy orders, at today's price."""
    rows = session.exec(select(OrderRow).where(OrderRow.account_id == account_id, OrderRow.side == "buy",
                                               OrderRow.status == "accepted"))
    return sum((round_up(r.quantity * venue.price(r.symbol, now)[0], USD_PLACES) for r in rows), ZERO)


def place(session: Session, venue: Prices, now: datetime, *, client_order_id: str, account_id: str, api_key: str,
          symbol: str, side: str, raw_quantity: RawAmount) -> OrderRow:
    accounts.authorize(session, account_id, api_key)
    require(side in SIDES, "INVALID_ARGUMENT", "side must be BUY or SELL")
    quantity = parse_amount(raw_quantity, "quantity", SHARE_PLACES)
    price, market_open = venue.price(symbol, now)
    ledger = Ledger(session)
    if side == "buy":
        free = ledger.balance(accounts.cash(account_id), "USD") - reserved_cash(session, venue, account_id, now)
        cost = round_up(quantity * price, USD_PLACES)
        require(free >= cost, reasons.Broker.INSUFFICIENT_BUYING_POWER,
                f"buying {quantity} {symbol} needs about {cost} USD; buying power is {free} USD")
    else:
        held = ledger.balance(shares(account_id), symbol) + ledger.balance(shares(account_id, "receivable"), symbol) \
            - _open_sells(session, account_id, symbol)
        require(held >= quantity, reasons.Broker.INSUFFICIENT_POSITION,
                f"selling {quantity} {symbol} needs the shares; {held} are available (no short sales)")
    count = session.exec(select(func.count()).select_from(OrderRow)).one()
    order = OrderRow(order_id=f"ord-{count + 1:06d}", client_order_id=client_order_id, account_id=account_id,
                     symbol=symbol, side=side, quantity=quantity, submitted_at=now)
    session.add(order)
    session.flush()
    if market_open:
        fill(session, order, price, now)
    else:
        record(session, now, "order.accepted", order_id=order.order_id, account_id=account_id, symbol=symbol,
               side=side, quantity=quantity, opens=calendar.next_open(now))
    return order


def fill(session: Session, order: OrderRow, price: Decimal, at: datetime) -> None:
    """Execute in full at `price` and move the books to unsettled. The trade is reported to the
    depository after the unit of work commits (`reporting.report_fills`), never inside it."""
    ledger = Ledger(session)
    amount = trade_value(order.side, order.quantity, price)
    tid = f"fill:{order.order_id}"
    if order.side == "buy":
        ledger.post([(money(order.account_id, "cash"), "USD", -amount), (money(order.account_id, "cash-due"), "USD",
                                                                         amount),
                     (CNS, order.symbol, -order.quantity), (shares(order.account_id, "receivable"), order.symbol,
                                                           order.quantity)], at=at, transfer_id=tid)
    else:
        settled = ledger.balance(shares(order.account_id), order.symbol)
        from_settled = min(settled, order.quantity)
        # Shares sold before they were received are earmarked from the receivable; they become
        # deliverable when the buy that brings them settles.
        legs = [(shares(order.account_id), order.symbol, -from_settled),
                (shares(order.account_id, "deliverable"), order.symbol, from_settled),
                (shares(order.account_id, "receivable"), order.symbol, -(order.quantity - from_settled)),
                (shares(order.account_id, "deliverable-pending"), order.symbol, order.quantity - from_settled),
                (CNS, "USD", -amount), (money(order.account_id, "cash-receivable"), "USD", amount)]
        ledger.post([leg for leg in legs if leg[2] != 0], at=at, transfer_id=tid)
    trade_day = calendar.trade_date(at)
    order.status, order.filled_quantity, order.filled_avg_price, order.filled_at = "filled", order.quantity, price, at
    order.trade_date = trade_day.isoformat()
    order.settlement_date = calendar.settlement_date(trade_day).isoformat()
    session.add(order)
    session.flush()
    record(session, at, "order.filled", order_id=order.order_id, account_id=order.account_id, symbol=order.symbol,
           side=order.side, quantity=order.quantity, price=price, amount=amount, trade_date=order.trade_date,
           settlement_date=order.settlement_date)


def cancel(session: Session, now: datetime, order: OrderRow, reason: str, status: str = "canceled") -> None:
    require(order.status == "accepted", reasons.Broker.ORDER_NOT_CANCELABLE, f"{order.order_id} is {order.status}")
    order.status, order.reject_reason = status, reason
    session.add(order)
    record(session, now, f"order.{status}", order_id=order.order_id, account_id=order.account_id, reason=reason)


def fill_at_open(session: Session, venue: Prices, at: datetime) -> tuple[int, int]:
    """At the open, fill every waiting order at the opening price. Orders of a cut route are
    cancelled, as a broker off-boarding a client cancels its open orders; a buy the account can no
    longer pay for is rejected."""
    filled = dropped = 0
    for order in session.exec(select(OrderRow).where(OrderRow.status == "accepted").order_by(OrderRow.order_id)):
        account = accounts.get(session, order.account_id)
        if not account.route_enabled or account.status != "active":
            cancel(session, at, order,
                   reasons.Broker.ROUTE_CUT if not account.route_enabled else reasons.Broker.ACCOUNT_FROZEN)
            dropped += 1
            continue
        price, _ = venue.price(order.symbol, at)
        cost = round_up(order.quantity * price, USD_PLACES)
        if order.side == "buy" and Ledger(session).balance(accounts.cash(order.account_id), "USD") < cost:
            cancel(session, at, order, reasons.Broker.INSUFFICIENT_BUYING_POWER, status="rejected")
            dropped += 1
            continue
        fill(session, order, price, at)
        filled += 1
    return filled, dropped


def _due(session: Session, at: datetime) -> list[OrderRow]:
    today = at.astimezone(calendar.NEW_YORK).date().isoformat()
    return list(session.exec(select(OrderRow).where(OrderRow.status == "filled", OrderRow.settled == False,  # noqa: E712
                                                    OrderRow.settlement_date <= today)
                             .order_by(OrderRow.settlement_date, OrderRow.side, OrderRow.order_id)))  # buys first


def due_settlement_dates(session: Session, at: datetime) -> list[str]:
    """The settlement dates of filled, unsettled orders due by `at`: whose depository records to read."""
    return sorted({order.settlement_date for order in _due(session, at)})


def settle_due(session: Session, settled_refs: Mapping[str, set[str]], at: datetime) -> int:
    """Mark filled orders settled once the depository's CNS run settled their trades
    (`settled_refs`: per settlement date, the trade refs the depository settled, read beforehand)."""
    count = 0
    ledger = Ledger(session)
    for order in _due(session, at):
        refs = settled_refs.get(order.settlement_date, set())
        if order.order_id not in refs:
            continue
        tid = f"settle:{order.order_id}"
        value = trade_value(order.side, order.quantity, order.filled_avg_price)
        if order.side == "buy":
            received = min(ledger.balance(shares(order.account_id, "receivable"), order.symbol), order.quantity)
            earmarked = order.quantity - received  # already sold: goes straight to deliverable
            legs = [(shares(order.account_id, "receivable"), order.symbol, -received),
                    (shares(order.account_id), order.symbol, received),
                    (shares(order.account_id, "deliverable-pending"), order.symbol, -earmarked),
                    (shares(order.account_id, "deliverable"), order.symbol, earmarked),
                    (money(order.account_id, "cash-due"), "USD", -value), (CNS, "USD", value)]
            ledger.post([leg for leg in legs if leg[2] != 0], at=at, transfer_id=tid)
        else:
            ledger.post([(shares(order.account_id, "deliverable"), order.symbol, -order.quantity),
                         (CNS, order.symbol, order.quantity),
                         (money(order.account_id, "cash-receivable"), "USD", -value),
                         (money(order.account_id, "cash"), "USD", value)], at=at, transfer_id=tid)
        order.settled = True
        session.add(order)
        record(session, at, "order.settled", order_id=order.order_id, account_id=order.account_id,
               symbol=order.symbol, side=order.side, quantity=order.quantity, settlement_date=order.settlement_date)
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


def cash_view(session: Session, account_id: str) -> tuple[Decimal, Decimal]:
    """(settled, unsettled): cash due on unsettled buys is still settled cash until it is paid."""
    ledger = Ledger(session)
    free = ledger.balance(money(account_id, "cash"), "USD")
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
    """Filled orders whose trade the depository has not yet acknowledged, oldest first."""
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
        raise DomainError("NOT_FOUND", f"no order {order_id or client_order_id!r} in {account_id}")
    return order
