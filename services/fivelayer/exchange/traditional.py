"""The traditional route: the exchange as an introducing front end of the broker.

Each user who trades it gets a fully disclosed account at the broker, opened by the exchange as
the broker's correspondent (`CreateAccount` keyed `exchange:<user_id>:account`, kind
"individual", in the user's name, with the country of tax residence the user declared and the
tax form that goes with it: `tax_status`; the broker withholds on the user's dividends by it).
The shares and cash in it are the user's on the broker's books (a beneficial owner's position,
SIPC-protected), not the exchange's: the exchange keeps the account's API key (as the issuer
keeps its own) and places the user's orders with it. The stock is not a token, so it cannot be
withdrawn to a wallet (NOT_A_TOKEN).

A buy is paid from the user's exchange USD (FUSD). The account's buying power is topped up to
the order's cost at today's price plus a collar (COLLAR: a market order taken after the close
fills at the next open, which may gap up): the top-up is taken from the user's FUSD balance,
the FUSD leaves the hot wallet for the exchange's treasury on chain (so the hot wallet still
holds exactly what users are credited), and the exchange wires the same USD to the account
(`FundAccount`). What the collar leaves over, and a sale's proceeds, stay in the account as cash
(the user's balances show it, route "traditional") and pay for later buys first; nothing is
swept back to FUSD.

Each order is a saga (`kernel.saga`), as on the tokenized route: the top-up is reserved in
escrow in a short unit of work; the treasury transfer (`<rid>:treasury`), the wire
(`<rid>:fund`) and the order (`<rid>:order`, its client order id at the broker) are keyed from
the request id and made with no unit of work open; the outcome is recorded in another. A
refusal before any money moved (the chain refuses the transfer; the broker refuses an order
that needed no top-up) refuses the request and changes nothing. Once the FUSD has moved, every
outcome is recorded, never raised, so a retry with the same request id returns it and repeats
no keyed step: a refused order is recorded "rejected" with the broker's reason, and the wired
USD waits in the account as cash; a refused wire (it cannot happen for an account just read)
moves the FUSD back (`<rid>:treasury-return`) and releases the reservation.

Ledger accounts: "treasury" holds the exchange's own FUSD (on chain at EXCHANGE_TREASURY);
"@bank" -> "@broker:<account_id>" in USD records each wire from the exchange's bank.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from google.protobuf.message import Message
from sqlmodel import Session, col, select

from fivelayer.exchange import ports, reasons
from fivelayer.exchange.custody import get_user, next_id, user_account
from fivelayer.exchange.models import ORDER_STATUS_PB, BrokerLinkRow, BrokerOrderRow, OrderRow, OrderStatus
from fivelayer.exchange.tokenized import escrow
from fivelayer.kernel.countries import US
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.idempotency import MAX_BATCH
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import (
    SHARE_PLACES,
    USD_PLACES,
    ZERO,
    RawAmount,
    fmt,
    from_pb,
    parse_amount,
    round_down,
    round_up,
    to_pb,
)
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY, LISTINGS, STABLECOIN
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.saga import TypedPlan
from fivelayer.kernel.timeutil import from_ts
from fivelayer.v1 import broker_pb2, chain_pb2, control_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev

ROUTE = "traditional"
BROKER_NAME = "Fivelayer Clearing LLC"
ACCOUNT_KIND = "individual"
W9, W8BEN, UNDOCUMENTED = "w9", "w8ben", "undocumented_foreign"   # the broker's tax statuses
COLLAR = Decimal("0.02")      # a buy is covered at today's price + 2% (the open's gap is at most 0.5% here)
TREASURY = "treasury"         # ledger: the exchange's own FUSD, on chain at EXCHANGE_TREASURY
BANK = "@bank"                # ledger: the exchange's bank account, which wires USD to the broker
OPEN = (OrderStatus.ACCEPTED, OrderStatus.NEW)    # broker orders that may still fill
ENDED = (OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.REJECTED, OrderStatus.REPLACED)
# A traditional order's status here is its broker order's, read from the broker's enum in this one place,
# never from text (the rows keep the broker's words: no migration), with the event a move to it makes the
# exchange record (each with the same fields).
FROM_BROKER: dict[statuses_pb2.OrderStatus, tuple[OrderStatus, Callable[..., Message]]] = {
    statuses_pb2.ORDER_STATUS_ACCEPTED: (OrderStatus.ACCEPTED, ev.ExchangeOrderAccepted),
    statuses_pb2.ORDER_STATUS_NEW: (OrderStatus.NEW, ev.ExchangeOrderNew),
    statuses_pb2.ORDER_STATUS_FILLED: (OrderStatus.FILLED, ev.ExchangeOrderFilled),
    statuses_pb2.ORDER_STATUS_CANCELED: (OrderStatus.CANCELED, ev.ExchangeOrderCanceled),
    statuses_pb2.ORDER_STATUS_REJECTED: (OrderStatus.REJECTED, ev.ExchangeOrderRejected),
    statuses_pb2.ORDER_STATUS_EXPIRED: (OrderStatus.EXPIRED, ev.ExchangeOrderExpired),
    statuses_pb2.ORDER_STATUS_REPLACED: (OrderStatus.REPLACED, ev.ExchangeOrderReplaced)}


def from_broker(status: statuses_pb2.OrderStatus) -> OrderStatus:
    """The exchange's status of a traditional order whose broker order has `status`."""
    return FROM_BROKER[status][0]


def tax_status(country: str) -> str:
    """The tax form the exchange passes on when it opens a user's broker account: the user certified
    its status at sign-up with its country, a W-9 for the US, a W-8BEN elsewhere; a user who declared
    no country has no form, and the broker presumes an offshore exchange's user foreign (30%)."""
    if not country:
        return UNDOCUMENTED
    return W9 if country == US else W8BEN


def account_key(user_id: str) -> str:
    """The broker CreateAccount request id of a user's account: one account per user, ever."""
    return f"exchange:{user_id}:account"


def wired(account_id: str) -> str:
    """The ledger account of what the exchange wired to a broker account (USD, from the users' FUSD)."""
    return f"@broker:{account_id}"


def not_a_token(asset: str) -> DomainError | None:
    """The refusal of a withdrawal of a listed stock: it is held at the broker, not a token."""
    symbol = asset.strip().upper()
    if symbol not in LISTINGS:
        return None
    return DomainError(
        reasons.Exchange.NOT_A_TOKEN,
        f"{symbol} bought on the traditional route is held for you at the broker (a beneficial owner's position, "
        "SIPC-protected), not a token: it cannot be withdrawn to a wallet; sell it or transfer it to another "
        "broker (ACATS, not modelled)", asset=symbol)


def check_symbol(raw: str) -> str:
    symbol = raw.strip().upper()
    if symbol not in LISTINGS:
        hint = f"; {raw.strip()} is a token: trade it on the tokenized route (Buy, Sell)" \
            if symbol.removesuffix("X") in LISTINGS else ""
        raise DomainError(Common.UNKNOWN_SYMBOL, f"the traditional route trades the listed stocks "
                          f"{', '.join(sorted(LISTINGS))}, not {raw.strip()!r}{hint}", symbol=raw)
    return symbol


def check_trade(session: Session, user_id: str, raw_symbol: str, raw_quantity: RawAmount) -> tuple[str, Decimal]:
    """The user exists, the symbol is listed, the quantity is well formed: before asking anyone."""
    get_user(session, user_id)
    return check_symbol(raw_symbol), parse_amount(raw_quantity, "quantity", SHARE_PLACES)


def find_link(session: Session, user_id: str) -> BrokerLinkRow | None:
    return session.get(BrokerLinkRow, user_id)


def get_link(session: Session, user_id: str) -> BrokerLinkRow:
    get_user(session, user_id)
    link = find_link(session, user_id)
    if link is None:
        raise DomainError(reasons.Exchange.NO_BROKER_ACCOUNT, f"{user_id} has no account at the broker yet: it is "
                          "opened on the first stock bought on the traditional route (or by OpenBrokerAccount)",
                          user_id=user_id)
    return link


# -- the account: opened once per user, through the broker's gRPC face as its correspondent ----------

def open_account(db: Database, broker: ports.Broker, now: datetime, user_id: str) -> BrokerLinkRow:
    """The user's account at the broker, opened on first use (the fixed request id makes it
    idempotent): the remote call, then a short unit of work that records it."""
    with db.read() as session:
        user = get_user(session, user_id)
        link = find_link(session, user_id)
    if link is not None:
        return link
    account = broker.CreateAccount(broker_pb2.CreateAccountRequest(
        request_id=account_key(user_id), name=user.name, kind=ACCOUNT_KIND, country_of_tax_residence=user.country,
        tax_status=tax_status(user.country)))
    with db.transaction() as session:
        link = find_link(session, user_id)
        if link is None:
            link = BrokerLinkRow(user_id=user_id, account_id=account.account_id, api_key=account.api_key,
                                 opened_at=now)
            session.add(link)
            emit(session, now, ev.BrokerAccountOpened(user_id=user_id, account_id=account.account_id,
                                                      broker=BROKER_NAME, kind=ACCOUNT_KIND, name=user.name))
    return link


def usable(account: broker_pb2.Account) -> None:
    """The account takes orders: checked before any money moves (the broker checks again)."""
    status = statuses_pb2.AccountStatus.Name(account.status)
    require(account.status == statuses_pb2.ACCOUNT_STATUS_ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"your account {account.account_id} at the broker is "
            f"{status.removeprefix('ACCOUNT_STATUS_').lower()}: {account.status_reason}",
            account_id=account.account_id, status=status)
    require(account.route_enabled, Cutoff.ROUTE_CUT,
            f"the broker has cut the API route of your account {account.account_id}", account_id=account.account_id)


def funded_total(session: Session, account_id: str) -> Decimal:
    return Ledger(session).balance(wired(account_id), "USD")


# -- a buy: top the account up from FUSD, then place the order ----------------------------------------

@dataclass(frozen=True)
class Cover:
    """What a buy needs at the broker, read before it begins (no unit of work open)."""

    price: Decimal          # today's price (the last close outside a session)
    buying_power: Decimal   # the account's, now
    need: Decimal           # quantity x price x (1 + COLLAR), rounded up to the cent
    top_up: Decimal         # what the account lacks: taken from the user's FUSD and wired in


def cover(market_data: ports.MarketData, broker: ports.Broker | None, account_id: str, symbol: str,
          quantity: Decimal) -> Cover:
    """The price and the account's buying power (none yet without an account), and the top-up."""
    price = from_pb(market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol)).price)
    power = from_pb(broker.GetCash(broker_pb2.AccountRequest(account_id=account_id)).buying_power) \
        if broker is not None else ZERO
    need = round_up(quantity * price * (1 + COLLAR), USD_PLACES)
    return Cover(price, power, need, max(need - power, ZERO))


def check_funds(session: Session, user_id: str, symbol: str, quantity: Decimal, c: Cover) -> None:
    available = Ledger(session).balance(user_account(user_id), STABLECOIN)
    require(available >= c.top_up, Common.INSUFFICIENT_FUNDS,
            f"buying {fmt(quantity)} {symbol} needs {fmt(c.need)} USD at the broker ({fmt(c.price)} a share plus a "
            f"{COLLAR:.0%} collar for the open), {fmt(c.buying_power)} USD is there: {fmt(c.top_up)} {STABLECOIN} "
            f"is needed, {fmt(available)} available", needed=c.top_up, available=available)


def begin_buy(session: Session, now: datetime, request_id: str, user_id: str, account_id: str, symbol: str,
              quantity: Decimal, c: Cover) -> StockPlan:
    """Reserve the top-up: it waits in escrow until the wire is done."""
    check_funds(session, user_id, symbol, quantity, c)
    if c.top_up > 0:
        Ledger(session).transfer(user_account(user_id), escrow(request_id), STABLECOIN, c.top_up, at=now,
                                 transfer_id=f"reserve:{request_id}")
    return StockPlan(user_id=user_id, account_id=account_id, symbol=symbol, quantity=quantity, top_up=c.top_up,
                     price=c.price)


@dataclass(frozen=True)
class StockPlan(TypedPlan):
    """A buy or sale at the broker: the user's account, the order, and (a buy) the FUSD top-up reserved for it
    and the price it was covered at."""

    user_id: str
    account_id: str
    symbol: str
    quantity: Decimal
    top_up: Decimal = Decimal(0)
    price: Decimal = Decimal(0)


@dataclass(frozen=True)
class Placed:
    """What the remote steps of a buy did: the FUSD moved to the treasury (its tx), the USD wired
    (or not), and the broker's order, or its refusal once money had moved."""

    order: broker_pb2.Order | None
    treasury_tx: str = ""
    wired: bool = False
    refusal: DomainError | None = None


def place(broker: ports.Broker, request_id: str, plan: StockPlan, api_key: str,
          side: broker_pb2.Side) -> broker_pb2.Order:
    return broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
        request_id=f"{request_id}:order", account_id=plan.account_id, api_key=api_key, symbol=plan.symbol,
        side=side, quantity=to_pb(plan.quantity)))


def buy_remote(chain: ports.Chain, broker: ports.Broker, request_id: str, plan: StockPlan, api_key: str) -> Placed:
    top_up = plan.top_up
    if top_up == 0:
        return Placed(place(broker, request_id, plan, api_key, broker_pb2.BUY))  # a refusal: nothing changed
    amount = to_pb(top_up)
    tx = chain.Transfer(chain_pb2.TransferRequest(  # refused (paused, frozen): nothing moved, raised
        request_id=f"{request_id}:treasury", symbol=STABLECOIN, sender=EXCHANGE_HOT_WALLET,
        to_address=EXCHANGE_TREASURY, amount=amount)).tx_hash
    try:
        broker.FundAccount(broker_pb2.FundAccountRequest(request_id=f"{request_id}:fund",
                                                         account_id=plan.account_id, amount=amount))
    except DomainError as error:
        if is_transient(error):
            raise
        chain.Transfer(chain_pb2.TransferRequest(
            request_id=f"{request_id}:treasury-return", symbol=STABLECOIN, sender=EXCHANGE_TREASURY,
            to_address=EXCHANGE_HOT_WALLET, amount=amount))
        return Placed(None, tx, wired=False, refusal=error)
    try:
        return Placed(place(broker, request_id, plan, api_key, broker_pb2.BUY), tx, wired=True)
    except DomainError as error:
        if is_transient(error):
            raise
        return Placed(None, tx, wired=True, refusal=error)


def release(session: Session, now: datetime, request_id: str, plan: StockPlan) -> None:
    """Refused before any money moved: the reservation goes back whole."""
    top_up = plan.top_up
    if top_up > 0:
        Ledger(session).transfer(escrow(request_id), user_account(plan.user_id), STABLECOIN, top_up, at=now,
                                 transfer_id=f"release:{request_id}")


def finish_buy(session: Session, now: datetime, request_id: str, plan: StockPlan,
               placed: Placed) -> tuple[OrderRow, BrokerOrderRow]:
    user_id, account_id, top_up = plan.user_id, plan.account_id, plan.top_up
    if placed.wired:
        Ledger(session).post([(escrow(request_id), STABLECOIN, -top_up), (TREASURY, STABLECOIN, top_up),
                              (BANK, "USD", -top_up), (wired(account_id), "USD", top_up)],
                             at=now, transfer_id=f"fund:{request_id}",
                             memo=f"{top_up} FUSD to the treasury, {top_up} USD wired to {account_id}")
        emit(session, now, ev.BrokerAccountFunded(user_id=user_id, account_id=account_id, amount=to_pb(top_up),
                                                  asset=STABLECOIN, treasury_tx=placed.treasury_tx))
    elif top_up > 0:
        release(session, now, request_id, plan)
    order, broker_order = record_order(session, now, request_id, plan, "buy", placed.order,
                                       top_up if placed.wired else ZERO)
    if placed.refusal is not None:
        error = placed.refusal
        kept = f"; the {fmt(top_up)} USD wired stays in your broker account {account_id} as cash" if placed.wired \
            else f"; your {fmt(top_up)} {STABLECOIN} is back"
        order.status, order.completed_at = OrderStatus.REJECTED, now
        order.failure_reason = f"[{error.reason}] {error.message}{kept}"
        session.add(order)
        emit(session, now, ev.ExchangeOrderRejected(order_id=order.order_id, user_id=user_id, route=ROUTE,
                                                    reason=error.reason, message=order.failure_reason))
    return order, broker_order


# -- a sale: placed at the broker; the proceeds stay in the account as cash ---------------------------

def begin_sell(session: Session, request_id: str, user_id: str, symbol: str, quantity: Decimal) -> StockPlan:
    """Nothing to reserve here: the broker holds the shares back for the order (or refuses it)."""
    link = get_link(session, user_id)
    return StockPlan(user_id=user_id, account_id=link.account_id, symbol=symbol, quantity=quantity)


def sell_remote(broker: ports.Broker, request_id: str, plan: StockPlan, api_key: str) -> broker_pb2.Order:
    return place(broker, request_id, plan, api_key, broker_pb2.SELL)  # a refusal: nothing changed


def finish_sell(session: Session, now: datetime, request_id: str, plan: StockPlan,
                placed: broker_pb2.Order) -> tuple[OrderRow, BrokerOrderRow]:
    return record_order(session, now, request_id, plan, "sell", placed, ZERO)


def record_order(session: Session, now: datetime, request_id: str, plan: StockPlan, side: str,
                 placed: broker_pb2.Order | None, funded: Decimal) -> tuple[OrderRow, BrokerOrderRow]:
    order = OrderRow(order_id=next_id(session, OrderRow, "xo"), request_id=request_id, user_id=plan.user_id,
                     route=ROUTE, side=side, token=plan.symbol, quantity=plan.quantity,
                     status=from_broker(placed.status) if placed is not None else OrderStatus.REJECTED,
                     created_at=now)
    broker_order = BrokerOrderRow(order_id=order.order_id, account_id=plan.account_id, symbol=plan.symbol,
                                  broker_order_id=placed.order_id if placed is not None else "", funded=funded)
    if placed is not None:
        apply_broker(order, broker_order, placed)
    session.add(order)
    session.add(broker_order)
    if placed is not None:
        emit(session, now, ev.ExchangeOrderPlaced(
            order_id=order.order_id, user_id=order.user_id, route=ROUTE, side=side, symbol=order.token,
            quantity=to_pb(order.quantity), account_id=broker_order.account_id, broker_order_id=placed.order_id,
            status=ORDER_STATUS_PB[from_broker(placed.status)], funded=to_pb(funded)))
    session.flush()
    return order, broker_order


def apply_broker(order: OrderRow, broker_order: BrokerOrderRow, o: broker_pb2.Order) -> None:
    """The exchange's view of an order, as the broker has it now."""
    order.status = from_broker(o.status)
    broker_order.trade_date, broker_order.settlement_date, broker_order.settled = \
        o.trade_date, o.settlement_date, o.settled
    if o.status == statuses_pb2.ORDER_STATUS_FILLED:
        price, quantity = from_pb(o.filled_avg_price), from_pb(o.filled_quantity)
        order.price = price
        order.amount = round_up(quantity * price, USD_PLACES) if order.side == "buy" \
            else round_down(quantity * price, USD_PLACES)
        order.completed_at = from_ts(o.filled_at) if o.HasField("filled_at") else order.completed_at
    elif order.status in ENDED:
        order.failure_reason = o.reject_reason or order.failure_reason


# -- reading the broker: orders, holdings -------------------------------------------------------------

def live(order: OrderRow, broker_order: BrokerOrderRow | None) -> bool:
    """Still changing at the broker: open, or filled and not yet settled."""
    return broker_order is not None and bool(broker_order.broker_order_id) and (
        order.status in OPEN or (order.status == OrderStatus.FILLED and not broker_order.settled))


def broker_orders(broker: ports.Broker, wanted: dict[str, list[str]]) -> dict[str, broker_pb2.Order]:
    """The broker's orders by id, per account (asked in batches, with no unit of work open)."""
    found: dict[str, broker_pb2.Order] = {}
    for account_id, ids in sorted(wanted.items()):
        for start in range(0, len(ids), MAX_BATCH):
            reply = whole(broker.ListOrders, broker_pb2.ListOrdersRequest(account_id=account_id,
                                                                   order_ids=ids[start:start + MAX_BATCH]))
            found.update({o.order_id: o for o in reply.orders})
    return found


def refresh(broker: ports.Broker, orders: list[tuple[OrderRow, BrokerOrderRow | None]]) -> None:
    """Overlay the broker's current state on detached rows (nothing is written): a read-through
    view. A broker away leaves the rows as last synced."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for order, broker_order in orders:
        if broker_order is not None and live(order, broker_order):
            wanted[broker_order.account_id].append(broker_order.broker_order_id)
    if not wanted:
        return
    try:
        found = broker_orders(broker, wanted)
    except DomainError as error:
        if is_transient(error):
            return
        raise
    for order, broker_order in orders:
        if broker_order is not None and broker_order.broker_order_id in found:
            apply_broker(order, broker_order, found[broker_order.broker_order_id])


def has_live_orders(session: Session) -> bool:
    """Whether some traditional-route order may still change at the broker (not final, or not settled)."""
    rows = session.exec(select(OrderRow, BrokerOrderRow).join(BrokerOrderRow, col(BrokerOrderRow.order_id) ==
                                                              col(OrderRow.order_id))
                        .where(OrderRow.route == ROUTE).order_by(col(OrderRow.order_id).desc()).limit(10_000))
    return any(live(o, b) for o, b in rows)


def sync_orders(db: Database, broker: ports.Broker, at: datetime) -> int:
    """Record what the broker did with the users' orders (fills, settlement, expiry), with their
    events: the broker is asked first, with no unit of work open; then one records the changes."""
    with db.read() as session:
        rows = session.exec(select(OrderRow, BrokerOrderRow).join(BrokerOrderRow, col(BrokerOrderRow.order_id) ==
                                                                  col(OrderRow.order_id))
                            .where(OrderRow.route == ROUTE).order_by(OrderRow.order_id)).all()
        pending = [(o, b) for o, b in rows if live(o, b)]
    wanted: dict[str, list[str]] = defaultdict(list)
    for _, b in pending:
        wanted[b.account_id].append(b.broker_order_id)
    if not wanted:
        return 0
    found = broker_orders(broker, wanted)
    changed = 0
    with db.transaction() as session:
        for old, _ in pending:
            order, broker_order = session.get(OrderRow, old.order_id), session.get(BrokerOrderRow, old.order_id)
            if order is None or broker_order is None or broker_order.broker_order_id not in found:
                continue
            before = (order.status, broker_order.settled)
            seen = found[broker_order.broker_order_id]
            apply_broker(order, broker_order, seen)
            if (order.status, broker_order.settled) == before:
                continue
            session.add(order)
            session.add(broker_order)
            changed += 1
            fields: dict[str, Any] = dict(order_id=order.order_id, user_id=order.user_id, route=ROUTE, side=order.side,
                                          symbol=order.token, quantity=to_pb(order.quantity),
                                          broker_order_id=broker_order.broker_order_id)
            if order.status != before[0]:
                emit(session, at, FROM_BROKER[seen.status][1](
                    price=to_pb(order.price), amount=to_pb(order.amount), trade_date=broker_order.trade_date,
                    settlement_date=broker_order.settlement_date, reason=order.failure_reason, **fields))
            if broker_order.settled and not before[1]:
                emit(session, at, ev.ExchangeOrderSettled(settlement_date=broker_order.settlement_date, **fields))
    return changed


Holding = tuple[str, Decimal, Decimal]  # (asset, settled, unsettled)


def holdings(broker: ports.Broker, account_id: str) -> list[Holding]:
    """What the user holds at the broker: each position (settled, unsettled) and the cash ("USD")."""
    request = broker_pb2.AccountRequest(account_id=account_id)
    positions = [(p.symbol, from_pb(p.settled), from_pb(p.unsettled))
                 for p in broker.GetPositions(request).positions if from_pb(p.total) or from_pb(p.settled)]
    cash = broker.GetCash(request)
    return positions + [("USD", from_pb(cash.settled), from_pb(cash.unsettled))]
