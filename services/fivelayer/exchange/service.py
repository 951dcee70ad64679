"""The Exchange gRPC face: users, custody and the tokenized route."""
from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from fivelayer.exchange import custody, ports, tokenized
from fivelayer.exchange.models import OrderRow, UserRow
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.rpc import mutation, unary
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import common_pb2, exchange_pb2, exchange_pb2_grpc


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

    @mutation
    def Deposit(self, request: exchange_pb2.DepositRequest, session: Session) -> exchange_pb2.Balances:
        custody.deposit(session, self.clients.chain, self.clock.now(), request.request_id, request.user_id,
                        request.amount)
        return self._balances(session, request.user_id)

    @unary
    def GetBalances(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.Balances:
        with self.db.read() as session:
            return self._balances(session, request.user_id)

    @mutation
    def Buy(self, request: exchange_pb2.TradeRequest, session: Session) -> exchange_pb2.ExchangeOrder:
        return order_message(tokenized.buy(session, self.clients.chain, self.clients.issuer, self.clock.now(),
                                           request.request_id, request.user_id, request.token, request.quantity))

    @mutation
    def Sell(self, request: exchange_pb2.TradeRequest, session: Session) -> exchange_pb2.ExchangeOrder:
        return order_message(tokenized.sell(session, self.clients.chain, self.clients.issuer, self.clock.now(),
                                            request.request_id, request.user_id, request.token, request.quantity))

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

    @mutation
    def Withdraw(self, request: exchange_pb2.WithdrawRequest, session: Session) -> exchange_pb2.Withdrawal:
        row = custody.withdraw(session, self.clients.chain, self.clock.now(), request.request_id, request.user_id,
                               request.asset, request.amount, request.to_address)
        return exchange_pb2.Withdrawal(withdrawal_id=row.withdrawal_id, user_id=row.user_id, asset=row.asset,
                                       amount=to_pb(row.amount), to_address=row.to_address, tx_hash=row.tx_hash)
