"""The tokenized route: a buy is a mint at the issuer, a sell is a redemption.

Policy: when the issuer refuses (MINT_HALTED, REDEMPTION_HALTED, ROUTE_CUT...), the exchange
refuses the user's order with the same reason and changes nothing; it does not queue orders for
later. A sale is pending until the issuer pays out (after the sale settles, T+1); the user's
tokens leave the account at once, since the issuer burns them.

Each order is a saga (`kernel.saga`): the user's funds are reserved in escrow in a short unit of
work, the issuer is called with none open, and the order is recorded (or the escrow released)
in another. The hot wallet is one omnibus address; the issuer draws from it under a standing
allowance that each order reserves its amount of while the issuer works (`exchange.allowance`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, select

from fivelayer.exchange import ports
from fivelayer.exchange.allowance import StandingAllowance
from fivelayer.exchange.custody import get_user, next_id, user_account
from fivelayer.exchange.models import OrderRow, OrderStatus
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, RawAmount, fmt, from_pb, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.kernel.saga import TypedPlan
from fivelayer.v1 import common_pb2, issuer_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev


@dataclass(frozen=True)
class TradePlan(TypedPlan):
    """A buy or sale on the tokenized route: who, which token, how many, and (a buy) the stablecoin reserved."""

    user_id: str
    token: str
    quantity: Decimal
    total: Decimal = Decimal(0)


def escrow(request_id: str) -> str:
    """Where a request's funds wait while the issuer works: reserved, so no other order spends them."""
    return f"escrow:{request_id}"


@dataclass(frozen=True)
class Quoted:
    """What the issuer says before a trade begins (read with no unit of work open)."""

    quantity: str
    price: str
    total: str


def quote_trade(issuer: ports.Issuer, token: str, quantity: Decimal, side: str) -> Quoted:
    """The issuer's quote; the token must be one of its products."""
    try:
        q = issuer.GetQuote(issuer_pb2.QuoteRequest(token=token, quantity=to_pb(quantity), side=side))
    except DomainError as error:
        if error.reason == Common.UNKNOWN_TOKEN:
            raise DomainError(error.reason, f"the exchange offers no token {token!r} on the tokenized route",
                              token=token) from None
        raise
    return Quoted(str(quantity), q.price.value, q.total.value)


def check_trade(session: Session, user_id: str, raw_quantity: RawAmount) -> Decimal:
    """The user exists and the quantity is well formed: checked before asking the issuer anything."""
    get_user(session, user_id)
    return parse_amount(raw_quantity, "quantity", SHARE_PLACES)


# -- a buy: reserve the user's stablecoin, have the issuer mint ---------------------------

def begin_buy(session: Session, now: datetime, request_id: str, user_id: str, token: str, quoted: Quoted) -> TradePlan:
    quantity, total = Decimal(quoted.quantity), Decimal(quoted.total)
    available = Ledger(session).balance(user_account(user_id), STABLECOIN)
    require(available >= total, Common.INSUFFICIENT_FUNDS,
            f"buying {fmt(quantity)} {token} costs {fmt(total)} {STABLECOIN}; {fmt(available)} available")
    Ledger(session).transfer(user_account(user_id), escrow(request_id), STABLECOIN, total, at=now,
                             transfer_id=f"reserve:{request_id}")
    return TradePlan(user_id=user_id, token=token, quantity=quantity, total=total)


def buy_remote(allowance: StandingAllowance, issuer: ports.Issuer, request_id: str,
               plan: TradePlan) -> issuer_pb2.MintReceipt:
    total = common_pb2.Decimal(value=str(plan.total))
    with allowance.covering(request_id, STABLECOIN, plan.total):
        return issuer.Mint(issuer_pb2.MintRequest(
            request_id=f"{request_id}:mint", token=plan.token, quantity=to_pb(plan.quantity),
            payer_address=EXCHANGE_HOT_WALLET, recipient_address=EXCHANGE_HOT_WALLET, max_cost=total))


def finish_buy(session: Session, now: datetime, request_id: str, plan: TradePlan,
               receipt: issuer_pb2.MintReceipt) -> OrderRow:
    user_id, token, quantity = plan.user_id, plan.token, plan.quantity
    reserved, cost = plan.total, from_pb(receipt.cost)
    order = OrderRow(order_id=next_id(session, OrderRow, "xo"), request_id=request_id, user_id=user_id, side="buy",
                     token=token, quantity=quantity, status=OrderStatus.FILLED, price=from_pb(receipt.price),
                     fee=from_pb(receipt.fee), amount=cost, issuer_ref=receipt.mint_id, created_at=now,
                     completed_at=now)
    legs = [(escrow(request_id), STABLECOIN, -reserved), ("@issuer", STABLECOIN, cost),
            (user_account(user_id), STABLECOIN, reserved - cost),
            ("@issuer", token, -quantity), (user_account(user_id), token, quantity)]
    Ledger(session).post([leg for leg in legs if leg[2] != 0], at=now, transfer_id=f"order:{order.order_id}")
    session.add(order)
    emit(session, now, ev.ExchangeOrderFilled(order_id=order.order_id, user_id=user_id, side="buy", token=token,
                                              quantity=to_pb(quantity), amount=to_pb(cost), mint_id=receipt.mint_id))
    session.flush()
    return order


def release(session: Session, now: datetime, request_id: str, user_id: str, asset: str, amount: Decimal) -> None:
    """The issuer refused: what was reserved goes back, and nothing else changed."""
    Ledger(session).transfer(escrow(request_id), user_account(user_id), asset, amount, at=now,
                             transfer_id=f"release:{request_id}")


# -- a sale: reserve the user's tokens, have the issuer redeem them; paid after settlement ------

def begin_sell(session: Session, now: datetime, request_id: str, user_id: str, token: str,
               quantity: Decimal) -> TradePlan:
    held = Ledger(session).balance(user_account(user_id), token)
    require(held >= quantity, Common.INSUFFICIENT_FUNDS, f"selling {fmt(quantity)} {token}; {fmt(held)} held")
    Ledger(session).transfer(user_account(user_id), escrow(request_id), token, quantity, at=now,
                             transfer_id=f"reserve:{request_id}")
    return TradePlan(user_id=user_id, token=token, quantity=quantity)


def sell_remote(allowance: StandingAllowance, issuer: ports.Issuer, request_id: str,
                plan: TradePlan) -> issuer_pb2.Redemption:
    with allowance.covering(request_id, plan.token, plan.quantity):
        return issuer.Redeem(issuer_pb2.RedeemRequest(
            request_id=f"{request_id}:redeem", token=plan.token, quantity=to_pb(plan.quantity),
            holder_address=EXCHANGE_HOT_WALLET, payout_address=EXCHANGE_HOT_WALLET))


def finish_sell(session: Session, now: datetime, request_id: str, plan: TradePlan, quoted: Quoted,
                redemption: issuer_pb2.Redemption) -> OrderRow:
    user_id, token, quantity = plan.user_id, plan.token, plan.quantity
    order = OrderRow(order_id=next_id(session, OrderRow, "xo"), request_id=request_id, user_id=user_id, side="sell",
                     token=token, quantity=quantity, status=OrderStatus.PENDING_REDEMPTION, price=Decimal(quoted.price),
                     expected=Decimal(quoted.total), issuer_ref=redemption.redemption_id, created_at=now)
    Ledger(session).transfer(escrow(request_id), "@issuer", token, quantity, at=now,
                             transfer_id=f"order:{order.order_id}")
    session.add(order)
    emit(session, now, ev.ExchangeOrderPending(order_id=order.order_id, user_id=user_id, side="sell", token=token,
                                               quantity=to_pb(quantity), expected=to_pb(order.expected),
                                               redemption_id=redemption.redemption_id))
    session.flush()
    return order


# -- the daily pass: credit what the issuer paid ------------------------------------------------------

def pending_sales(session: Session) -> list[OrderRow]:
    return list(session.exec(select(OrderRow).where(OrderRow.status == OrderStatus.PENDING_REDEMPTION)
                             .order_by(OrderRow.order_id)))


def sync_redemptions(db: Database, issuer: ports.Issuer, at: datetime) -> tuple[int, int]:
    """Credit users whose redemptions the issuer has paid. A failed redemption is marked failed and
    credits nothing: the tokens were burned, and what the holder is owed is a claim on the issuer.
    The issuer is asked first, with no unit of work open; then one records the outcomes."""
    with db.read() as session:
        pending = pending_sales(session)
    redemptions = {o.order_id: issuer.GetRedemption(issuer_pb2.IdRequest(id=o.issuer_ref)) for o in pending}
    paid = failed = 0
    with db.transaction() as session:
        for order in pending:
            order = get_row(session, OrderRow, order.order_id, "exchange order")
            if order.status != OrderStatus.PENDING_REDEMPTION:
                continue
            redemption = redemptions[order.order_id]
            if redemption.status == statuses_pb2.REDEMPTION_STATUS_PAID:
                payout = from_pb(redemption.payout)
                Ledger(session).post([("@issuer", STABLECOIN, -payout),
                                      (user_account(order.user_id), STABLECOIN, payout)],
                                     at=at, transfer_id=f"payout:{order.order_id}")
                order.status, order.amount, order.completed_at = OrderStatus.FILLED, payout, at
                order.fee, order.price = from_pb(redemption.fee), from_pb(redemption.sale_price)
                emit(session, at, ev.ExchangeOrderFilled(order_id=order.order_id, user_id=order.user_id, side="sell",
                                                         token=order.token, quantity=to_pb(order.quantity),
                                                         amount=to_pb(payout)))
                paid += 1
            elif redemption.status == statuses_pb2.REDEMPTION_STATUS_FAILED:
                order.status, order.completed_at = OrderStatus.FAILED, at
                order.failure_reason = "the issuer's sale failed"
                emit(session, at, ev.ExchangeOrderFailed(order_id=order.order_id, user_id=order.user_id,
                                                         reason=order.failure_reason))
                failed += 1
            session.add(order)
    return paid, failed


def find(session: Session, order_id: str) -> OrderRow:
    return get_row(session, OrderRow, order_id, "exchange order")


