"""The Exchange gRPC face: users, custody, the tokenized route and the traditional route."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import Session

from fivelayer.exchange import custody, ports, queries, tokenized, traditional
from fivelayer.exchange.allowance import StandingAllowance
from fivelayer.exchange.deposits import DEFAULT_CONFIRMATIONS, DepositWatcher
from fivelayer.exchange.handlers import Balance, ExchangeHandlers
from fivelayer.exchange.models import (
    ORDER_STATUS_PB,
    BrokerLinkRow,
    BrokerOrderRow,
    DepositRow,
    DepositStatus,
    OrderRow,
    OrderStatus,
    UserRow,
)
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import mutation, spanning, unary
from fivelayer.kernel.saga import TypedSaga
from fivelayer.kernel.statuses import by_name
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, exchange_pb2, exchange_pb2_grpc, issuer_pb2, statuses_pb2

CUSTODY = "custody"  # the route of what the exchange holds for the user itself (FUSD, tokens)


def user_message(u: UserRow) -> exchange_pb2.User:
    return exchange_pb2.User(user_id=u.user_id, name=u.name, deposit_address=u.deposit_address,
                             created_at=to_ts(u.created_at), country=u.country)


def order_message(o: OrderRow, b: BrokerOrderRow | None = None) -> exchange_pb2.ExchangeOrder:
    message = exchange_pb2.ExchangeOrder(
        order_id=o.order_id, request_id=o.request_id, user_id=o.user_id, route=o.route, side=o.side, token=o.token,
        quantity=to_pb(o.quantity), status=ORDER_STATUS_PB[OrderStatus(o.status)], price=to_pb(o.price),
        fee=to_pb(o.fee), amount=to_pb(o.amount),
        issuer_ref=o.issuer_ref, created_at=to_ts(o.created_at),
        completed_at=to_ts(o.completed_at) if o.completed_at else None, failure_reason=o.failure_reason)
    if o.route == traditional.ROUTE:  # the stock is not a token: its symbol, and where it is held
        message.token, message.symbol = "", o.token
        if b is not None:
            message.broker_account_id, message.broker_order_id = b.account_id, b.broker_order_id
            message.trade_date, message.settlement_date, message.settled = b.trade_date, b.settlement_date, b.settled
            message.funded.CopyFrom(to_pb(b.funded))
    return message


def broker_account_message(link: BrokerLinkRow, account: broker_pb2.Account,
                           funded: Decimal) -> exchange_pb2.BrokerAccount:
    return exchange_pb2.BrokerAccount(
        user_id=link.user_id, account_id=link.account_id, broker=traditional.BROKER_NAME, name=account.name,
        kind=account.kind, status=account.status, route_enabled=account.route_enabled, funded=to_pb(funded),
        opened_at=to_ts(link.opened_at))


DEPOSIT_STATUS_PB = by_name(DepositStatus, statuses_pb2.DepositStatus)


def deposit_message(r: DepositRow, required: int) -> exchange_pb2.DepositRecord:
    return exchange_pb2.DepositRecord(
        tx_hash=r.tx_hash, log_index=r.log_index, asset=r.asset, amount=to_pb(r.amount), from_address=r.from_address,
        block_number=r.block_number, confirmations=r.confirmations, required=required,
        status=DEPOSIT_STATUS_PB[DepositStatus(r.status)],
        seen_at=to_ts(r.seen_at), credited_at=to_ts(r.credited_at) if r.credited_at else None,
        reversed_at=to_ts(r.reversed_at) if r.reversed_at else None, sweep_tx=r.sweep_tx,
        shortfall=to_pb(r.shortfall))


def custody_balances(user_id: str, held: list[Balance]) -> exchange_pb2.Balances:
    return exchange_pb2.Balances(user_id=user_id, balances=[
        exchange_pb2.AssetBalance(asset=a, available=to_pb(available), pending=to_pb(pending), route=CUSTODY)
        for a, available, pending in held])


class ExchangeServicer(exchange_pb2_grpc.ExchangeServicer):
    """Requests to `handlers` (and to the sagas' steps), answers to messages."""

    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients,
                 confirmations: int = DEFAULT_CONFIRMATIONS) -> None:
        self.db, self.clock, self.clients = db, clock, clients
        self.handlers = ExchangeHandlers(db, clock, clients)
        self.watcher = DepositWatcher(db, clients.chain, clock, confirmations)
        self.allowance = StandingAllowance(clients.chain, EXCHANGE_HOT_WALLET, ISSUER_ADDRESS)

    @mutation
    def CreateUser(self, request: exchange_pb2.CreateUserRequest, session: Session) -> exchange_pb2.User:
        return user_message(custody.create_user(session, self.clock.now(), request.name, request.country))

    @unary
    def GetUser(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.User:
        with self.db.read() as session:
            return user_message(custody.get_user(session, request.user_id))

    @unary
    def ListUsers(self, request: exchange_pb2.ListUsersRequest, context: Any) -> exchange_pb2.ListUsersResponse:
        with self.db.read() as session:
            rows, following = queries.users(session, request.page_token, request.limit)
            return exchange_pb2.ListUsersResponse(users=[user_message(u) for u in rows], next_page_token=following)

    @spanning
    def Deposit(self, request: exchange_pb2.DepositRequest
                ) -> TypedSaga[custody.DepositPlan, chain_pb2.Tx, exchange_pb2.Balances]:
        """The faucet's transfer, then a pass of the deposit watcher, which credits it if it has its
        confirmations (the reply shows it available, or pending)."""
        rid = request.request_id

        def remote(plan: custody.DepositPlan) -> chain_pb2.Tx:
            tx = custody.fund_from_faucet(self.clients.chain_service, rid, plan)
            self.watcher.scan()
            return tx

        return TypedSaga(custody.DepositPlan,
                         begin=lambda session: custody.begin_deposit(session, request.user_id, request.amount),
                         remote=remote,
                         finish=lambda session, plan, tx: custody_balances(
                             request.user_id, custody.balances(session, request.user_id)))

    @unary
    def ListDeposits(self, request: exchange_pb2.ListDepositsRequest, context: Any
                     ) -> exchange_pb2.ListDepositsResponse:
        with self.db.read() as session:
            rows, following = queries.deposits(session, request.user_id, request.page_token, request.limit)
            return exchange_pb2.ListDepositsResponse(deposits=[deposit_message(r, self.watcher.required)
                                                               for r in rows], next_page_token=following)

    @unary
    def GetBalances(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.Balances:
        """Custodial balances, then what the user holds at the broker (route "traditional": shares
        settled/unsettled, and cash), read from the broker after the unit of work closes."""
        held = self.handlers.balances(request.user_id)
        balances = custody_balances(request.user_id, held.custody)
        if held.link is not None:
            balances.balances.extend(
                exchange_pb2.AssetBalance(asset=asset, available=to_pb(settled), pending=to_pb(unsettled),
                                          route=traditional.ROUTE, broker_account_id=held.link.account_id)
                for asset, settled, unsettled in held.broker)
        return balances

    def _quoted(self, request: exchange_pb2.TradeRequest, side: str) -> tokenized.Quoted:
        return self.handlers.quoted(request.user_id, request.token, request.quantity, side)

    @spanning
    def Buy(self, request: exchange_pb2.TradeRequest
            ) -> TypedSaga[tokenized.TradePlan, issuer_pb2.MintReceipt, exchange_pb2.ExchangeOrder]:
        quoted, now, rid = self._quoted(request, "mint"), self.clock.now(), request.request_id
        return TypedSaga(
            tokenized.TradePlan,
            begin=lambda session: tokenized.begin_buy(session, now, rid, request.user_id, request.token, quoted),
            remote=lambda plan: tokenized.buy_remote(self.allowance, self.clients.issuer, rid, plan),
            finish=lambda session, plan, receipt: order_message(
                tokenized.finish_buy(session, now, rid, plan, receipt)),
            refused=lambda session, plan, error: tokenized.release(
                session, now, rid, request.user_id, STABLECOIN, plan.total))

    @spanning
    def Sell(self, request: exchange_pb2.TradeRequest
             ) -> TypedSaga[tokenized.TradePlan, issuer_pb2.Redemption, exchange_pb2.ExchangeOrder]:
        quoted, now, rid = self._quoted(request, "redeem"), self.clock.now(), request.request_id
        return TypedSaga(
            tokenized.TradePlan,
            begin=lambda session: tokenized.begin_sell(session, now, rid, request.user_id, request.token,
                                                       Decimal(quoted.quantity)),
            remote=lambda plan: tokenized.sell_remote(self.allowance, self.clients.issuer, rid, plan),
            finish=lambda session, plan, redemption: order_message(
                tokenized.finish_sell(session, now, rid, plan, quoted, redemption)),
            refused=lambda session, plan, error: tokenized.release(
                session, now, rid, request.user_id, request.token, plan.quantity))

    @unary
    def GetOrder(self, request: exchange_pb2.OrderIdRequest, context: Any) -> exchange_pb2.ExchangeOrder:
        return order_message(*self.handlers.order(request.order_id))

    @unary
    def ListOrders(self, request: exchange_pb2.ListUserOrdersRequest, context: Any
                   ) -> exchange_pb2.ListUserOrdersResponse:
        views, following = self.handlers.order_page(request.user_id, request.page_token, request.limit)
        return exchange_pb2.ListUserOrdersResponse(orders=[order_message(o, b) for o, b in views],
                                                   next_page_token=following)

    @spanning
    def Withdraw(self, request: exchange_pb2.WithdrawRequest
                 ) -> TypedSaga[custody.WithdrawPlan, chain_pb2.Tx, exchange_pb2.Withdrawal]:
        decimals = self.handlers.withdrawal_decimals(request.user_id, request.asset)
        now, rid = self.clock.now(), request.request_id

        def finish(session: Session, plan: custody.WithdrawPlan, tx: chain_pb2.Tx) -> exchange_pb2.Withdrawal:
            row = custody.finish_withdraw(session, now, rid, plan, tx)
            return exchange_pb2.Withdrawal(withdrawal_id=row.withdrawal_id, user_id=row.user_id, asset=row.asset,
                                           amount=to_pb(row.amount), to_address=row.to_address, tx_hash=row.tx_hash)

        return TypedSaga(
            custody.WithdrawPlan,
            begin=lambda session: custody.begin_withdraw(session, now, rid, request.user_id, request.asset, decimals,
                                                         request.amount, request.to_address),
            remote=lambda plan: custody.withdraw_remote(self.clients.chain, rid, plan), finish=finish,
            refused=lambda session, plan, error: custody.release(session, now, rid, plan))

    # -- the traditional route --------------------------------------------------------------------

    @spanning
    def BuyStock(self, request: exchange_pb2.TradeRequest
                 ) -> TypedSaga[traditional.StockPlan, traditional.Placed, exchange_pb2.ExchangeOrder]:
        """Checked, priced and covered first (the account opened if need be), with no unit of work open."""
        now, rid, user_id = self.clock.now(), request.request_id, request.user_id
        terms = self.handlers.stock_terms(request)
        symbol, quantity, link, cover = terms.symbol, terms.quantity, terms.link, terms.cover

        def finish(session: Session, plan: traditional.StockPlan,
                   placed: traditional.Placed) -> exchange_pb2.ExchangeOrder:
            return order_message(*traditional.finish_buy(session, now, rid, plan, placed))

        return TypedSaga(
            traditional.StockPlan,
            begin=lambda session: traditional.begin_buy(session, now, rid, user_id, link.account_id, symbol,
                                                        quantity, cover),
            remote=lambda plan: traditional.buy_remote(self.clients.chain, self.clients.broker, rid, plan,
                                                       link.api_key),
            finish=finish, refused=lambda session, plan, error: traditional.release(session, now, rid, plan))

    @spanning
    def SellStock(self, request: exchange_pb2.TradeRequest
                  ) -> TypedSaga[traditional.StockPlan, broker_pb2.Order, exchange_pb2.ExchangeOrder]:
        """A sale at the broker; its proceeds stay in the account as cash (they pay for later buys)."""
        now, rid, user_id = self.clock.now(), request.request_id, request.user_id
        symbol, quantity, link = self.handlers.stock_sale(request)
        return TypedSaga(
            traditional.StockPlan,
            begin=lambda session: traditional.begin_sell(session, rid, user_id, symbol, quantity),
            remote=lambda plan: traditional.sell_remote(self.clients.broker, rid, plan, link.api_key),
            finish=lambda session, plan, placed: order_message(
                *traditional.finish_sell(session, now, rid, plan, placed)))

    @unary
    def OpenBrokerAccount(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.BrokerAccount:
        """Open the user's account at the broker now (idempotent: one account per user)."""
        return broker_account_message(*self.handlers.open_account(request.user_id))

    @unary
    def GetBrokerAccount(self, request: exchange_pb2.UserRequest, context: Any) -> exchange_pb2.BrokerAccount:
        """The user's account at the broker; empty (no account_id) while the user has none."""
        found = self.handlers.broker_account(request.user_id)
        if found is None:
            return exchange_pb2.BrokerAccount(user_id=request.user_id, broker=traditional.BROKER_NAME)
        return broker_account_message(*found)

    @unary
    def ListNotices(self, request: exchange_pb2.UserNoticesRequest, context: Any) -> broker_pb2.ListNoticesResponse:
        """The broker's notices on the user's account (dividends with their withholding, splits,
        meetings): the broker is the one that knows the user as a beneficial owner."""
        return self.handlers.notices(request)
