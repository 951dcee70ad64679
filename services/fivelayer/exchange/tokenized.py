"""The tokenized route: a buy is a mint at the issuer, a sell is a redemption.

Policy: when the issuer refuses (MINT_HALTED, REDEMPTION_HALTED, ROUTE_CUT...), the exchange
refuses the user's order with the same reason and changes nothing; it does not queue orders for
later. A sale is pending until the issuer pays out (after the sale settles, T+1); the user's
tokens leave the account at once, since the issuer burns them.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from fivelayer.exchange import ports
from fivelayer.exchange.custody import get_user, next_id, user_account
from fivelayer.exchange.models import OrderRow
from fivelayer.kernel.db import get_row
from fivelayer.kernel.errors import require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, RawAmount, fmt, from_pb, parse_amount, to_pb
from fivelayer.kernel.outbox import record
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.v1 import chain_pb2, common_pb2, issuer_pb2


def issuer_address(issuer: ports.Issuer, token: str) -> str:
    products = issuer.ListProducts(common_pb2.Empty())
    require(any(p.token == token for p in products.products), "UNKNOWN_TOKEN",
            f"the exchange offers no token {token!r} on the tokenized route", token=token)
    return products.issuer_address


def buy(session: Session, chain: ports.Chain, issuer: ports.Issuer, now: datetime, request_id: str, user_id: str,
        token: str, raw_quantity: RawAmount) -> OrderRow:
    get_user(session, user_id)
    quantity = parse_amount(raw_quantity, "quantity", SHARE_PLACES)
    spender = issuer_address(issuer, token)
    q = issuer.GetQuote(issuer_pb2.QuoteRequest(token=token, quantity=to_pb(quantity), side="mint"))
    total = from_pb(q.total)
    available = Ledger(session).balance(user_account(user_id), STABLECOIN)
    require(available >= total, "INSUFFICIENT_FUNDS",
            f"buying {fmt(quantity)} {token} costs {fmt(total)} {STABLECOIN}; {fmt(available)} available")
    chain.Approve(chain_pb2.ApproveRequest(request_id=f"{request_id}:approve", symbol=STABLECOIN,
                                           sender=EXCHANGE_HOT_WALLET, spender=spender, amount=q.total))
    receipt = issuer.Mint(issuer_pb2.MintRequest(request_id=f"{request_id}:mint", token=token, quantity=to_pb(quantity),
                                                 payer_address=EXCHANGE_HOT_WALLET,
                                                 recipient_address=EXCHANGE_HOT_WALLET, max_cost=q.total))
    cost = from_pb(receipt.cost)
    order = OrderRow(order_id=next_id(session, OrderRow, "xo"), request_id=request_id, user_id=user_id, side="buy",
                     token=token, quantity=quantity, status="filled", price=from_pb(receipt.price),
                     fee=from_pb(receipt.fee), amount=cost, issuer_ref=receipt.mint_id, created_at=now,
                     completed_at=now)
    Ledger(session).post([(user_account(user_id), STABLECOIN, -cost), ("@issuer", STABLECOIN, cost),
                          ("@issuer", token, -quantity), (user_account(user_id), token, quantity)],
                         at=now, transfer_id=f"order:{order.order_id}")
    session.add(order)
    record(session, now, "order.filled", order_id=order.order_id, user_id=user_id, side="buy", token=token,
           quantity=quantity, amount=cost, mint_id=receipt.mint_id)
    session.flush()
    return order


def sell(session: Session, chain: ports.Chain, issuer: ports.Issuer, now: datetime, request_id: str, user_id: str,
         token: str, raw_quantity: RawAmount) -> OrderRow:
    get_user(session, user_id)
    quantity = parse_amount(raw_quantity, "quantity", SHARE_PLACES)
    spender = issuer_address(issuer, token)
    held = Ledger(session).balance(user_account(user_id), token)
    require(held >= quantity, "INSUFFICIENT_FUNDS", f"selling {fmt(quantity)} {token}; {fmt(held)} held")
    q = issuer.GetQuote(issuer_pb2.QuoteRequest(token=token, quantity=to_pb(quantity), side="redeem"))
    chain.Approve(chain_pb2.ApproveRequest(request_id=f"{request_id}:approve", symbol=token, sender=EXCHANGE_HOT_WALLET,
                                           spender=spender, amount=to_pb(quantity)))
    redemption = issuer.Redeem(issuer_pb2.RedeemRequest(request_id=f"{request_id}:redeem", token=token,
                                                        quantity=to_pb(quantity), holder_address=EXCHANGE_HOT_WALLET,
                                                        payout_address=EXCHANGE_HOT_WALLET))
    order = OrderRow(order_id=next_id(session, OrderRow, "xo"), request_id=request_id, user_id=user_id, side="sell",
                     token=token, quantity=quantity, status="pending_redemption", price=from_pb(q.price),
                     expected=from_pb(q.total), issuer_ref=redemption.redemption_id, created_at=now)
    Ledger(session).transfer(user_account(user_id), "@issuer", token, quantity, at=now,
                             transfer_id=f"order:{order.order_id}")
    session.add(order)
    record(session, now, "order.pending", order_id=order.order_id, user_id=user_id, side="sell", token=token,
           quantity=quantity, expected=order.expected, redemption_id=redemption.redemption_id)
    session.flush()
    return order


def sync_redemptions(session: Session, issuer: ports.Issuer, at: datetime) -> tuple[int, int]:
    """Credit users whose redemptions the issuer has paid. A failed redemption is marked failed and
    credits nothing: the tokens were burned, and what the holder is owed is a claim on the issuer."""
    paid = failed = 0
    for order in session.exec(select(OrderRow).where(OrderRow.status == "pending_redemption")
                              .order_by(OrderRow.order_id)):
        redemption = issuer.GetRedemption(issuer_pb2.IdRequest(id=order.issuer_ref))
        if redemption.status == "paid":
            payout = from_pb(redemption.payout)
            Ledger(session).post([("@issuer", STABLECOIN, -payout), (user_account(order.user_id), STABLECOIN, payout)],
                                 at=at, transfer_id=f"payout:{order.order_id}")
            order.status, order.amount, order.fee, order.completed_at = "filled", payout, from_pb(redemption.fee), at
            order.price = from_pb(redemption.sale_price)
            record(session, at, "order.filled", order_id=order.order_id, user_id=order.user_id, side="sell",
                   token=order.token, quantity=order.quantity, amount=payout)
            paid += 1
        elif redemption.status == "failed":
            order.status, order.failure_reason, order.completed_at = "failed", "the issuer's sale failed", at
            record(session, at, "order.failed", order_id=order.order_id, user_id=order.user_id,
                   reason=order.failure_reason)
            failed += 1
        session.add(order)
    return paid, failed


def find(session: Session, order_id: str) -> OrderRow:
    return get_row(session, OrderRow, order_id, "exchange order")


