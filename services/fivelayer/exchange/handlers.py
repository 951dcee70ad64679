"""The exchange's service layer: the sequences its face runs around a unit of work, each written once.

A call to another service never happens inside a unit of work (it would hold the database's lock across
the network), so a read that needs the broker or the issuer is: read the books, close the unit of
work, then ask (`orders`, `balances`, `broker_account`, `notices`); and a trade or a withdrawal is
checked (and priced) before its saga begins (`quoted`, `stock_terms`, `stock_sale`,
`withdrawal_decimals`). The gRPC face (and the REST face generated from it) translates requests into
these calls and their answers into messages; the sagas' steps live in `custody`, `tokenized` and
`traditional`, the queries in `queries`.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fivelayer.exchange import custody, ports, queries, tokenized, traditional
from fivelayer.exchange.models import BrokerLinkRow
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.idempotency import idempotency_key
from fivelayer.kernel.money import RawAmount
from fivelayer.kernel.saga import IntentRow
from fivelayer.v1 import broker_pb2, chain_pb2, exchange_pb2

Balance = tuple[str, Decimal, Decimal]  # (asset, available or settled, pending or unsettled)


@dataclass(frozen=True)
class Balances:
    """What the exchange holds for the user, and what the user holds at the broker (if an account is open)."""
    custody: list[Balance]
    link: BrokerLinkRow | None
    broker: list[Balance]


@dataclass(frozen=True)
class StockTerms:
    """A checked stock buy: what, how much, the account it goes through, and the FUSD that covers it."""
    symbol: str
    quantity: Decimal
    link: BrokerLinkRow
    cover: traditional.Cover


@dataclass(frozen=True)
class ExchangeHandlers:
    db: Database
    clock: ClockSource
    clients: ports.Clients

    def orders(self, views: list[queries.OrderView]) -> list[queries.OrderView]:
        """Orders as the broker has them now, traditional ones overlaid (read with no unit of work open)."""
        traditional.refresh(self.clients.broker, views)
        return views

    def order(self, order_id: str) -> queries.OrderView:
        with self.db.read() as session:
            view = queries.order(session, order_id)
        return self.orders([view])[0]

    def order_page(self, user_id: str, token: str, limit: int) -> tuple[list[queries.OrderView], str]:
        with self.db.read() as session:
            views, following = queries.orders(session, user_id, token, limit)
        return self.orders(views), following

    def balances(self, user_id: str) -> Balances:
        """Custodial balances, then what the user holds at the broker (route "traditional": shares
        settled/unsettled, and cash), read from the broker after the unit of work closes."""
        with self.db.read() as session:
            held = custody.balances(session, user_id)
            link = traditional.find_link(session, user_id)
        return Balances(held, link, traditional.holdings(self.clients.broker, link.account_id) if link else [])

    def quoted(self, user_id: str, token: str, quantity: RawAmount, side: str) -> tokenized.Quoted:
        """A tokenized trade checked against the books, then quoted by the issuer."""
        with self.db.read() as session:
            checked = tokenized.check_trade(session, user_id, quantity)
        return tokenized.quote_trade(self.clients.issuer, token, checked, side)

    def account(self, user_id: str) -> tuple[BrokerLinkRow, broker_pb2.Account]:
        """The user's account at the broker, opened on first use, as the broker has it now."""
        link = traditional.open_account(self.db, self.clients.broker, self.clock.now(), user_id)
        return link, self.clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=link.account_id))

    def stock_terms(self, request: exchange_pb2.TradeRequest) -> StockTerms:
        """Checked, priced and covered first (the account opened if need be), with no unit of work open."""
        user_id = request.user_id
        with self.db.read() as session:
            symbol, quantity = traditional.check_trade(session, user_id, request.symbol or request.token,
                                                       request.quantity)
            link = traditional.find_link(session, user_id)
            resuming = session.get(IntentRow, idempotency_key("BuyStock", request)) is not None
        if link is None:  # short of FUSD for the whole order: refused before an account is opened
            first = traditional.cover(self.clients.market_data, None, "", symbol, quantity)
            with self.db.read() as session:
                traditional.check_funds(session, user_id, symbol, quantity, first)
        link, account = self.account(user_id)
        if not resuming:  # a begun buy carries on with its plan: the broker has the last word
            traditional.usable(account)
        cover = traditional.cover(self.clients.market_data, self.clients.broker, link.account_id, symbol, quantity)
        return StockTerms(symbol, quantity, link, cover)

    def open_account(self, user_id: str) -> tuple[BrokerLinkRow, broker_pb2.Account, Decimal]:
        """Open the user's account at the broker now (one account per user), with what funded it."""
        link, account = self.account(user_id)
        with self.db.read() as session:
            return link, account, traditional.funded_total(session, link.account_id)

    def stock_sale(self, request: exchange_pb2.TradeRequest) -> tuple[str, Decimal, BrokerLinkRow]:
        """A stock sale checked against the books: what, how much, and the account it is sold from."""
        with self.db.read() as session:
            symbol, quantity = traditional.check_trade(session, request.user_id, request.symbol or request.token,
                                                       request.quantity)
            return symbol, quantity, traditional.get_link(session, request.user_id)

    def withdrawal_decimals(self, user_id: str, asset: str) -> int:
        """A withdrawal checked (a known user, a token: a stock is held at the broker, refused with
        nothing changed), and the token's decimals on chain."""
        with self.db.read() as session:
            custody.get_user(session, user_id)
        refusal = traditional.not_a_token(asset)
        if refusal is not None:
            raise refusal
        return self.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=asset)).decimals

    def broker_account(self, user_id: str) -> tuple[BrokerLinkRow, broker_pb2.Account, Decimal] | None:
        """The user's account at the broker with what the user funded it with; None while the user has none."""
        with self.db.read() as session:
            custody.get_user(session, user_id)
            link = traditional.find_link(session, user_id)
            if link is None:
                return None
            funded = traditional.funded_total(session, link.account_id)
        return link, self.clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=link.account_id)), funded

    def notices(self, request: exchange_pb2.UserNoticesRequest) -> broker_pb2.ListNoticesResponse:
        """The broker's notices on the user's account; none while the user has no account."""
        with self.db.read() as session:
            custody.get_user(session, request.user_id)
            link = traditional.find_link(session, request.user_id)
        if link is None:
            return broker_pb2.ListNoticesResponse()
        return self.clients.broker.ListNotices(broker_pb2.ListNoticesRequest(
            account_id=link.account_id, kind=request.kind, limit=request.limit, page_token=request.page_token))
