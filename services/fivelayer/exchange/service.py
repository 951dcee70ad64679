"""The Exchange gRPC face: users, custody and the tokenized route."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from fivelayer.exchange import custody, ports, tokenized
from fivelayer.exchange.models import OrderRow, UserRow
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.kernel.rpc import mutation, spanning, unary
from fivelayer.kernel.saga import Plan, Saga
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import chain_pb2, common_pb2, exchange_pb2, exchange_pb2_grpc, issuer_pb2


def user_message(u: UserRow) -> exchange_pb2.User:
    return exchange_pb2.User(user_id=u.user_id, name=u.name, deposit_address=u.deposit_address,
                             created_at=to_ts(u.created_at))


def order_message(o: OrderRow) -> exchange_pb2.ExchangeOrder:
    return exchange_pb2.ExchangeOrder(
        order_id=o.order_id, request_id=o.request_id, user_id=o.user_id, route=o.route, side=o.side, token=o.token,
        quantity=to_pb(o.quantity), status=o.status, price=to_pb(o.price), fee=to_pb(o.fee), amount=to_pb(o.amount),
        issuer_ref=o.issuer_ref, created_at=to_ts(o.created_at),
        completed_at=to_ts(o.completed_at) if o.completed_at else None, failure_reason=o.failure_reason)


class ExchangeServicer(exchange_pb2_grpc.ExchangeServicer):
    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients) -> None:
        self.db, self.clock, self.clients = db, clock, clients

    def _balances(self, session: Session, user_id: str) -> exchange_pb2.Balances:
        return exchange_pb2.Balances(user_id=user_id, balances=[
            exchange_pb2.AssetBalance(asset=a, available=to_pb(available), pending=to_pb(pending))
            for a, available, pending in custody.balances(session, user_id)])

    @mutation
    def CreateUser(self, request: exchange_pb2.CreateUserRequest, session: Session) -> exchange_pb2.User:
        return user_message(custody.create_user(session, self.clock.now(), request.name))

    @unary
    def GetUser(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.User:
        with self.db.read() as session:
            return user_message(custody.get_user(session, request.user_id))

    @unary
    def ListUsers(self, request: common_pb2.Empty, context: Any) -> exchange_pb2.ListUsersResponse:
        with self.db.read() as session:
            return exchange_pb2.ListUsersResponse(users=[user_message(u) for u in session.exec(
                select(UserRow).order_by(UserRow.user_id))])

    @spanning
    def Deposit(self, request: exchange_pb2.DepositRequest) -> Saga[chain_pb2.Tx, exchange_pb2.Balances]:
        now, rid = self.clock.now(), request.request_id

        def finish(session: Session, plan: Plan, sweep: chain_pb2.Tx) -> exchange_pb2.Balances:
            custody.finish_deposit(session, now, rid, plan, sweep)
            return self._balances(session, request.user_id)

        return Saga(begin=lambda session: custody.begin_deposit(session, request.user_id, request.amount),
                    remote=lambda plan: custody.deposit_remote(self.clients.chain, rid, plan), finish=finish)

    @unary
    def GetBalances(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.Balances:
        with self.db.read() as session:
            return self._balances(session, request.user_id)

    def _quoted(self, request: exchange_pb2.TradeRequest, side: str) -> tokenized.Quoted:
        with self.db.read() as session:
            quantity = tokenized.check_trade(session, request.user_id, request.quantity)
        return tokenized.quote_trade(self.clients.issuer, request.token, quantity, side)

    @spanning
    def Buy(self, request: exchange_pb2.TradeRequest) -> Saga[issuer_pb2.MintReceipt, exchange_pb2.ExchangeOrder]:
        quoted, now, rid = self._quoted(request, "mint"), self.clock.now(), request.request_id
        return Saga(
            begin=lambda session: tokenized.begin_buy(session, now, rid, request.user_id, request.token, quoted),
            remote=lambda plan: tokenized.buy_remote(self.clients.chain, self.clients.issuer, rid, plan),
            finish=lambda session, plan, receipt: order_message(
                tokenized.finish_buy(session, now, rid, plan, receipt)),
            refused=lambda session, plan, error: tokenized.release(
                session, now, rid, request.user_id, STABLECOIN, Decimal(plan["total"])))

    @spanning
    def Sell(self, request: exchange_pb2.TradeRequest) -> Saga[issuer_pb2.Redemption, exchange_pb2.ExchangeOrder]:
        quoted, now, rid = self._quoted(request, "redeem"), self.clock.now(), request.request_id
        return Saga(
            begin=lambda session: tokenized.begin_sell(session, now, rid, request.user_id, request.token,
                                                       Decimal(quoted.quantity)),
            remote=lambda plan: tokenized.sell_remote(self.clients.chain, self.clients.issuer, rid, plan, quoted),
            finish=lambda session, plan, redemption: order_message(
                tokenized.finish_sell(session, now, rid, plan, quoted, redemption)),
            refused=lambda session, plan, error: tokenized.release(
                session, now, rid, request.user_id, request.token, Decimal(plan["quantity"])))

    @unary
    def GetOrder(self, request: exchange_pb2.OrderIdRequest, context: Any) -> exchange_pb2.ExchangeOrder:
        with self.db.read() as session:
            return order_message(tokenized.find(session, request.order_id))

    @unary
    def ListOrders(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.ListUserOrdersResponse:
        with self.db.read() as session:
            custody.get_user(session, request.user_id)
            return exchange_pb2.ListUserOrdersResponse(orders=[order_message(o) for o in session.exec(
                select(OrderRow).where(OrderRow.user_id == request.user_id).order_by(OrderRow.order_id))])

    @spanning
    def Withdraw(self, request: exchange_pb2.WithdrawRequest) -> Saga[chain_pb2.Tx, exchange_pb2.Withdrawal]:
        with self.db.read() as session:
            custody.get_user(session, request.user_id)
        decimals = self.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=request.asset)).decimals
        now, rid = self.clock.now(), request.request_id

        def finish(session: Session, plan: Plan, tx: chain_pb2.Tx) -> exchange_pb2.Withdrawal:
            row = custody.finish_withdraw(session, now, rid, plan, tx)
            return exchange_pb2.Withdrawal(withdrawal_id=row.withdrawal_id, user_id=row.user_id, asset=row.asset,
                                           amount=to_pb(row.amount), to_address=row.to_address, tx_hash=row.tx_hash)

        return Saga(
            begin=lambda session: custody.begin_withdraw(session, now, rid, request.user_id, request.asset, decimals,
                                                         request.amount, request.to_address),
            remote=lambda plan: custody.withdraw_remote(self.clients.chain, rid, plan), finish=finish,
            refused=lambda session, plan, error: custody.release(session, now, rid, plan))
