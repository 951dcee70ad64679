"""Exchange rules on the traditional route: the user's own account at the broker, opened on the
first buy and topped up from the user's FUSD by exactly what the order lacks (today's price plus
the collar, less the buying power there); every step keyed from the request id; a refusal before
money moves changes nothing, one after is recorded; a stock is never withdrawn to a wallet."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import reasons as broker_reasons
from fivelayer.exchange import custody, traditional
from fivelayer.exchange.models import ORDER_STATUS_PB, BrokerLinkRow, OrderRow, OrderStatus
from fivelayer.exchange.service import ExchangeServicer
from fivelayer.kernel import keys
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb, round_up, to_pb
from fivelayer.kernel.outbox import OutboxEvent, typed
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.saga import IntentRow
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, exchange_pb2, issuer_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev
from sqlmodel import col, select

from tests.unit.chain_logs import TransferLogs

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)   # a Friday evening: the broker holds orders for the open
D = Decimal
PRICE = D("100.00")


class FakeChain(TransferLogs):
    """Balances per (symbol, address); Transfer and the faucet move them, once per request id, and log
    the faucet's transfers. It is the exchange's wallet too: a transfer from an address whose key the
    exchange does not hold is refused."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.balances: dict[tuple[str, str], Decimal] = {}
        self.refuse = ""
        self.held = {EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY}

    def hold(self, name: str) -> str:
        address = keys.address_of("exchange", name)
        self.held.add(address)
        return address

    def _tx(self, request_id: str) -> chain_pb2.Tx:
        self.calls.append(request_id)
        return chain_pb2.Tx(tx_hash=f"0x{len(self.calls)}")

    def _move(self, symbol: str, sender: str, to: str, amount: Decimal) -> None:
        if sender:
            self.balances[(symbol, sender)] = self.balances.get((symbol, sender), D(0)) - amount
        self.balances[(symbol, to)] = self.balances.get((symbol, to), D(0)) + amount

    def Faucet(self, r: chain_pb2.FaucetRequest) -> chain_pb2.Tx:
        if r.request_id in self.calls:
            return self._tx(r.request_id)
        self._move(STABLECOIN, "", r.to_address, from_pb(r.amount))
        tx = self._tx(r.request_id)
        self.log_transfer(tx.tx_hash, STABLECOIN, "", r.to_address, from_pb(r.amount))
        return tx

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        if r.sender not in self.held:
            raise DomainError(Common.NOT_KEY_HOLDER, f"the exchange holds no key for {r.sender}")
        if self.refuse:
            raise refusal(self.refuse, "refused by the chain")
        if r.request_id not in self.calls:
            self._move(r.symbol, r.sender, r.to_address, from_pb(r.amount))
        return self._tx(r.request_id)

    def IncreaseAllowance(self, r: chain_pb2.IncreaseAllowanceRequest) -> chain_pb2.Tx:
        self.grant(r)
        return self._tx(r.request_id)

    def GetToken(self, r: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return chain_pb2.Token(symbol=r.symbol, decimals=6 if r.symbol == STABLECOIN else 9)

    def BalanceOf(self, r: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        amount = self.balances.get((r.symbol, r.address), D(0))
        return chain_pb2.Balance(symbol=r.symbol, address=r.address, amount=to_pb(amount))


class FakeIssuer:
    """The tokenized route's issuer: never called here."""

    def ListProducts(self, _: issuer_pb2.ListProductsRequest) -> issuer_pb2.ListProductsResponse:
        raise AssertionError("the traditional route does not ask the issuer")

    def GetQuote(self, r: issuer_pb2.QuoteRequest) -> issuer_pb2.Quote:
        raise AssertionError("the traditional route does not ask the issuer")

    def Mint(self, r: issuer_pb2.MintRequest) -> issuer_pb2.MintReceipt:
        raise AssertionError("the traditional route does not ask the issuer")

    def Redeem(self, r: issuer_pb2.RedeemRequest) -> issuer_pb2.Redemption:
        raise AssertionError("the traditional route does not ask the issuer")

    def GetRedemption(self, r: issuer_pb2.IdRequest) -> issuer_pb2.Redemption:
        raise AssertionError("the traditional route does not ask the issuer")


class FakeMarketData:
    def GetPrice(self, r: control_pb2.PriceRequest) -> control_pb2.Price:
        return control_pb2.Price(symbol=r.symbol, price=to_pb(PRICE), market_open=False)


@dataclass
class FakeAccount:
    account: broker_pb2.Account
    api_key: str
    cash: Decimal = D(0)


class FakeBroker:
    """Accounts, wires and orders applied once per request id, as the broker does; market orders
    wait for the open (the clock is a Friday evening) and hold back their cash at today's price."""

    def __init__(self) -> None:
        self.accounts: dict[str, FakeAccount] = {}
        self.applied: dict[str, object] = {}
        self.orders: dict[str, broker_pb2.Order] = {}
        self.calls: list[str] = []
        self.refuse_order = ""
        self.refuse_wire = ""
        self.notices: list[broker_pb2.Notice] = []

    def CreateAccount(self, r: broker_pb2.CreateAccountRequest) -> broker_pb2.Account:
        self.calls.append(r.request_id)
        if r.request_id not in self.applied:
            account_id = f"acct-{len(self.accounts) + 1:06d}"
            account = broker_pb2.Account(account_id=account_id, name=r.name, kind=r.kind,
                                         status=statuses_pb2.ACCOUNT_STATUS_ACTIVE,
                                         route_enabled=True, tax_profile=r.tax_status,
                                         tax_country=r.country_of_tax_residence)
            self.accounts[account_id] = FakeAccount(account, f"key-{account_id}")
            reply = broker_pb2.Account()
            reply.CopyFrom(account)
            reply.api_key = f"key-{account_id}"
            self.applied[r.request_id] = reply
        answer = self.applied[r.request_id]
        assert isinstance(answer, broker_pb2.Account)
        return answer

    def GetAccount(self, r: broker_pb2.AccountRequest) -> broker_pb2.Account:
        return self.accounts[r.account_id].account

    def _reserved(self, account_id: str) -> Decimal:
        return sum((round_up(from_pb(o.quantity) * PRICE, 2) for o in self.orders.values()
                    if o.account_id == account_id and o.side == broker_pb2.BUY
                    and o.status == statuses_pb2.ORDER_STATUS_ACCEPTED), D(0))

    def GetCash(self, r: broker_pb2.AccountRequest) -> broker_pb2.CashResponse:
        cash = self.accounts[r.account_id].cash
        return broker_pb2.CashResponse(account_id=r.account_id, settled=to_pb(cash), unsettled=to_pb(D(0)),
                                       buying_power=to_pb(cash - self._reserved(r.account_id)))

    def FundAccount(self, r: broker_pb2.FundAccountRequest) -> broker_pb2.CashResponse:
        self.calls.append(r.request_id)
        if self.refuse_wire:
            raise refusal(self.refuse_wire, "refused by the broker")
        if r.request_id not in self.applied:
            self.accounts[r.account_id].cash += from_pb(r.amount)
            self.applied[r.request_id] = r.amount
        return self.GetCash(broker_pb2.AccountRequest(account_id=r.account_id))

    def PlaceOrder(self, r: broker_pb2.PlaceOrderRequest) -> broker_pb2.Order:
        self.calls.append(r.request_id)
        if r.request_id in self.applied:
            answer = self.applied[r.request_id]
            assert isinstance(answer, broker_pb2.Order)
            return answer
        if self.refuse_order:
            raise refusal(self.refuse_order, "refused by the broker")
        assert r.api_key == self.accounts[r.account_id].api_key
        if r.side == broker_pb2.BUY:
            need = round_up(from_pb(r.quantity) * PRICE, 2)
            power = from_pb(self.GetCash(broker_pb2.AccountRequest(account_id=r.account_id)).buying_power)
            if power < need:
                raise DomainError(broker_reasons.Broker.INSUFFICIENT_BUYING_POWER, f"needs {need}, has {power}")
        order = broker_pb2.Order(order_id=f"ord-{len(self.orders) + 1:06d}", client_order_id=r.request_id,
                                 account_id=r.account_id, symbol=r.symbol, side=r.side, quantity=r.quantity,
                                 status=statuses_pb2.ORDER_STATUS_ACCEPTED)
        self.orders[order.order_id] = order
        self.applied[r.request_id] = order
        return order

    def ListOrders(self, r: broker_pb2.ListOrdersRequest) -> broker_pb2.ListOrdersResponse:
        return broker_pb2.ListOrdersResponse(orders=[o for o in self.orders.values() if o.account_id == r.account_id
                                                     and (not r.order_ids or o.order_id in r.order_ids)])

    def GetPositions(self, r: broker_pb2.AccountRequest) -> broker_pb2.AccountPositions:
        held: dict[str, tuple[Decimal, Decimal]] = {}
        for o in self.orders.values():
            if o.account_id == r.account_id and o.status == statuses_pb2.ORDER_STATUS_FILLED:
                settled, unsettled = held.get(o.symbol, (D(0), D(0)))
                q = from_pb(o.filled_quantity) * (1 if o.side == broker_pb2.BUY else -1)
                held[o.symbol] = (settled + q, unsettled) if o.settled else (settled, unsettled + q)
        return broker_pb2.AccountPositions(account_id=r.account_id, positions=[
            broker_pb2.BrokerPosition(symbol=s, settled=to_pb(a), unsettled=to_pb(b), total=to_pb(a + b))
            for s, (a, b) in sorted(held.items())])

    def ListNotices(self, r: broker_pb2.ListNoticesRequest) -> broker_pb2.ListNoticesResponse:
        return broker_pb2.ListNoticesResponse(notices=[n for n in self.notices if n.account_id == r.account_id
                                                       and (not r.kind or n.kind == r.kind)])

    def fill(self, order_id: str, price: Decimal, settled: bool = False) -> None:
        o = self.orders[order_id]
        o.status, o.settled = statuses_pb2.ORDER_STATUS_FILLED, settled
        o.filled_quantity.CopyFrom(o.quantity)
        o.filled_avg_price.CopyFrom(to_pb(price))
        o.trade_date, o.settlement_date = "2026-11-23", "2026-11-24"
        cost = round_up(from_pb(o.quantity) * price, 2)
        if o.side == broker_pb2.BUY and not settled:
            self.accounts[o.account_id].cash -= cost


@dataclass
class FakeClients:
    chain: FakeChain = field(default_factory=FakeChain)
    issuer: FakeIssuer = field(default_factory=FakeIssuer)
    broker: FakeBroker = field(default_factory=FakeBroker)
    market_data: FakeMarketData = field(default_factory=FakeMarketData)

    @property
    def chain_service(self) -> FakeChain:  # the faucet: the same fake chain, so deposits land in its balances
        return self.chain


World = tuple[ExchangeServicer, FakeClients, str]  # typed: mypy checks the fakes against the ports


@pytest.fixture
def world(tmp_path: Path) -> World:
    clients = FakeClients()
    servicer = ExchangeServicer(Database(f"sqlite:///{tmp_path}/exchange.db"), FixedClock(AT), clients)
    user = servicer.CreateUser(exchange_pb2.CreateUserRequest(request_id="u1", name="ada"), LocalContext())
    servicer.Deposit(exchange_pb2.DepositRequest(request_id="d1", user_id=user.user_id, amount=dec("1000")),
                     LocalContext())
    return servicer, clients, user.user_id


def dec(value: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=value)


def buy(servicer: ExchangeServicer, rid: str, user_id: str, quantity: str,
        symbol: str = "AAPL") -> exchange_pb2.ExchangeOrder:
    return servicer.BuyStock(exchange_pb2.TradeRequest(request_id=rid, user_id=user_id, symbol=symbol,
                                                       quantity=dec(quantity)), LocalContext())


def sell(servicer: ExchangeServicer, rid: str, user_id: str, quantity: str) -> exchange_pb2.ExchangeOrder:
    return servicer.SellStock(exchange_pb2.TradeRequest(request_id=rid, user_id=user_id, token="AAPL",
                                                        quantity=dec(quantity)), LocalContext())


def fusd(servicer: ExchangeServicer, account: str) -> Decimal:
    with servicer.db.read() as s:
        return Ledger(s).balance(account, STABLECOIN)


def events(servicer: ExchangeServicer) -> list[str]:
    with servicer.db.read() as s:
        return [e.type for e in s.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq)))]


def snapshot(servicer: ExchangeServicer, clients: FakeClients) -> tuple[object, ...]:
    """Everything a refusal must leave as it was: the books, orders, intents, events, chain, broker."""
    with servicer.db.read() as s:
        books = sorted(Ledger(s).balances().items())
        orders = len(s.exec(select(OrderRow)).all())
        intents = len(s.exec(select(IntentRow)).all())
    return (books, orders, intents, events(servicer), dict(clients.chain.balances),
            {a: f.cash for a, f in clients.broker.accounts.items()}, len(clients.broker.orders))


def test_the_broker_account_carries_the_users_country_and_tax_form(world: World) -> None:
    servicer, clients, ada = world                     # no country declared: no form, presumed foreign
    users = {name: servicer.CreateUser(exchange_pb2.CreateUserRequest(request_id=name, name=name, country=country),
                                       LocalContext()) for name, country in [("gil", "gbr"), ("uma", "USA")]}
    assert (users["gil"].country, users["uma"].country) == ("GBR", "USA")
    for user in (ada, users["gil"].user_id, users["uma"].user_id):
        servicer.Deposit(exchange_pb2.DepositRequest(request_id=f"d-{user}", user_id=user, amount=dec("1000")),
                         LocalContext())
        buy(servicer, f"b-{user}", user, "1")
    opened = {a.account.name: (a.account.tax_profile, a.account.tax_country) for a in clients.broker.accounts.values()}
    assert opened == {"ada": ("undocumented_foreign", ""), "gil": ("w8ben", "GBR"), "uma": ("w9", "USA")}
    with pytest.raises(DomainError) as refused:
        servicer.CreateUser(exchange_pb2.CreateUserRequest(request_id="x", name="xi", country="UK"), LocalContext())
    assert refused.value.reason == "UNKNOWN_COUNTRY"
    assert len(servicer.ListUsers(exchange_pb2.ListUsersRequest(), LocalContext()).users) == 3     # nothing created


def test_the_first_buy_opens_the_account_and_wires_exactly_the_shortfall(world: World) -> None:
    servicer, clients, user = world
    order = buy(servicer, "b1", user, "2")
    # 2 x 100.00 x 1.02 = 204.00 is wired in: the FUSD leaves the hot wallet for the treasury
    assert (order.route, order.symbol, order.token, order.side, order.status) == \
        ("traditional", "AAPL", "", "buy", statuses_pb2.EXCHANGE_ORDER_STATUS_ACCEPTED)
    assert from_pb(order.funded) == D("204.00") and order.broker_account_id == "acct-000001"
    assert order.broker_order_id == "ord-000001"
    assert fusd(servicer, custody.user_account(user)) == D("796.00")
    assert fusd(servicer, traditional.TREASURY) == D("204.00")
    assert clients.chain.balances[(STABLECOIN, EXCHANGE_HOT_WALLET)] == D("796.00")   # = what users are credited
    assert clients.chain.balances[(STABLECOIN, EXCHANGE_TREASURY)] == D("204.00")
    broker = clients.broker
    assert broker.accounts["acct-000001"].cash == D("204.00")
    assert broker.accounts["acct-000001"].account.kind == "individual"
    assert broker.accounts["acct-000001"].account.name == "ada"
    # every step keyed: the account per user, the rest from the request id
    assert broker.calls == [f"exchange:{user}:account", "b1:fund", "b1:order"]
    assert clients.chain.calls[-1] == "b1:treasury"
    with servicer.db.read() as s:
        assert prove(s)[0] and Ledger(s).balance(traditional.wired("acct-000001"), "USD") == D("204.00")
        assert Ledger(s).balance("escrow:b1", STABLECOIN) == 0
        link = s.get(BrokerLinkRow, user)
        assert link is not None and link.api_key == "key-acct-000001"
    assert buy(servicer, "b1", user, "2") == order                       # the same request: the same order
    assert broker.calls == [f"exchange:{user}:account", "b1:fund", "b1:order"]
    assert [e for e in events(servicer) if e.startswith(("broker_account", "order"))] == \
        ["broker_account.opened", "broker_account.funded", "order.placed"]
    account = servicer.GetBrokerAccount(exchange_pb2.UserRequest(user_id=user), LocalContext())
    assert (account.account_id, account.kind, account.status, from_pb(account.funded)) == \
        ("acct-000001", "individual", statuses_pb2.ACCOUNT_STATUS_ACTIVE, D("204.00"))


def test_a_later_buy_uses_the_cash_at_the_broker_first(world: World) -> None:
    servicer, clients, user = world
    buy(servicer, "b1", user, "2")                      # 204.00 wired, 200.00 held back: 4.00 buying power
    second = buy(servicer, "b2", user, "1")             # 1 x 100 x 1.02 = 102.00 needed: 98.00 wired
    assert from_pb(second.funded) == D("98.00")
    assert fusd(servicer, custody.user_account(user)) == D("698.00")
    assert clients.broker.accounts["acct-000001"].cash == D("302.00")
    assert clients.broker.calls.count(f"exchange:{user}:account") == 1
    clients.broker.accounts["acct-000001"].cash += D(500)                    # e.g. a sale's proceeds
    third = buy(servicer, "b3", user, "1")
    assert from_pb(third.funded) == 0 and "b3:fund" not in clients.broker.calls
    assert fusd(servicer, custody.user_account(user)) == D("698.00")


def test_short_of_fusd_is_refused_before_an_account_is_opened(world: World) -> None:
    servicer, clients, user = world
    before = snapshot(servicer, clients)
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b1", user, "10")                 # 1,020.00 needed, 1,000 FUSD held
    assert caught.value.reason == "INSUFFICIENT_FUNDS"
    assert clients.broker.accounts == {} and snapshot(servicer, clients) == before


@pytest.mark.parametrize("symbol, reason", [("AAPLx", "UNKNOWN_SYMBOL"), ("ZZZ", "UNKNOWN_SYMBOL")])
def test_only_listed_stocks_trade_on_the_traditional_route(world: World, symbol: str, reason: str) -> None:
    servicer, clients, user = world
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b1", user, "1", symbol)
    assert caught.value.reason == reason and clients.broker.calls == []


def test_a_stock_cannot_be_withdrawn_to_a_wallet(world: World) -> None:
    servicer, clients, user = world
    buy(servicer, "b1", user, "2")
    before = snapshot(servicer, clients)
    with pytest.raises(DomainError) as caught:
        servicer.Withdraw(exchange_pb2.WithdrawRequest(request_id="w1", user_id=user, asset="AAPL", amount=dec("2"),
                                                       to_address="0x" + "ab" * 20), LocalContext())
    assert caught.value.reason == "NOT_A_TOKEN"
    assert caught.value.message == (
        "AAPL bought on the traditional route is held for you at the broker (a beneficial owner's position, "
        "SIPC-protected), not a token: it cannot be withdrawn to a wallet; sell it or transfer it to another broker "
        "(ACATS, not modelled)")
    assert snapshot(servicer, clients) == before


def test_a_chain_refusal_changes_nothing(world: World) -> None:
    servicer, clients, user = world
    servicer.OpenBrokerAccount(exchange_pb2.UserRequest(user_id=user), LocalContext())
    before = snapshot(servicer, clients)
    clients.chain.refuse = "TRANSFERS_PAUSED"
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b1", user, "2")
    assert caught.value.reason == "TRANSFERS_PAUSED"
    assert snapshot(servicer, clients) == before and "b1:fund" not in clients.broker.calls


def test_a_route_cut_seen_first_is_refused_before_money_moves(world: World) -> None:
    servicer, clients, user = world
    servicer.OpenBrokerAccount(exchange_pb2.UserRequest(user_id=user), LocalContext())
    clients.broker.accounts["acct-000001"].account.route_enabled = False
    before = snapshot(servicer, clients)
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b1", user, "2")
    assert caught.value.reason == "ROUTE_CUT" and snapshot(servicer, clients) == before


def test_a_refusal_after_the_wire_is_recorded_and_the_cash_stays_at_the_broker(world: World) -> None:
    servicer, clients, user = world
    clients.broker.refuse_order = "ACCOUNT_FROZEN"      # frozen between the account read and the order
    order = buy(servicer, "b1", user, "2")
    assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_REJECTED
    assert order.failure_reason.startswith("[ACCOUNT_FROZEN]")
    assert "the 204 USD wired stays in your broker account acct-000001 as cash" in order.failure_reason
    assert fusd(servicer, custody.user_account(user)) == D("796.00")
    assert clients.broker.accounts["acct-000001"].cash == D("204.00")
    clients.broker.refuse_order = ""
    assert buy(servicer, "b1", user, "2") == order                       # recorded: a retry repeats nothing
    assert clients.broker.calls.count("b1:order") == 1 and clients.broker.calls.count("b1:fund") == 1
    with servicer.db.read() as s:
        assert prove(s)[0]


def test_a_refused_wire_moves_the_fusd_back(world: World) -> None:
    servicer, clients, user = world
    clients.broker.refuse_wire = "UNKNOWN_ACCOUNT"
    order = buy(servicer, "b1", user, "2")
    assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_REJECTED
    assert f"your 204 {STABLECOIN} is back" in order.failure_reason
    assert clients.chain.calls[-2:] == ["b1:treasury", "b1:treasury-return"]
    assert clients.chain.balances[(STABLECOIN, EXCHANGE_HOT_WALLET)] == D(1000)
    assert clients.chain.balances[(STABLECOIN, EXCHANGE_TREASURY)] == 0
    assert fusd(servicer, custody.user_account(user)) == D(1000) and fusd(servicer, traditional.TREASURY) == 0


def test_a_sale_needs_an_account_and_its_proceeds_stay_at_the_broker(world: World) -> None:
    servicer, clients, user = world
    with pytest.raises(DomainError) as caught:
        sell(servicer, "s0", user, "1")
    assert caught.value.reason == "NO_BROKER_ACCOUNT"
    assert servicer.GetBrokerAccount(exchange_pb2.UserRequest(user_id=user), LocalContext()).account_id == ""
    bought = buy(servicer, "b1", user, "2")
    clients.broker.fill(bought.broker_order_id, D("101.00"), settled=True)
    books = snapshot(servicer, clients)[0]
    sale = sell(servicer, "s1", user, "1")
    assert (sale.route, sale.side, sale.symbol, sale.status, from_pb(sale.funded)) == \
        ("traditional", "sell", "AAPL", statuses_pb2.EXCHANGE_ORDER_STATUS_ACCEPTED, D(0))
    assert snapshot(servicer, clients)[0] == books                       # nothing moves in the exchange's books
    clients.broker.refuse_order = "INSUFFICIENT_POSITION"
    with pytest.raises(DomainError) as refused:
        sell(servicer, "s2", user, "5")
    assert refused.value.reason == "INSUFFICIENT_POSITION"


def test_balances_show_what_the_broker_holds_as_the_traditional_route(world: World) -> None:
    servicer, clients, user = world
    bought = buy(servicer, "b1", user, "2")
    clients.broker.fill(bought.broker_order_id, D("101.00"))
    reply = servicer.GetBalances(exchange_pb2.UserRequest(user_id=user), LocalContext())
    rows = {(b.asset, b.route): (from_pb(b.available), from_pb(b.pending), b.broker_account_id)
            for b in reply.balances}
    assert rows == {(STABLECOIN, "custody"): (D("796.00"), D(0), ""),
                    ("AAPL", "traditional"): (D(0), D(2), "acct-000001"),
                    ("USD", "traditional"): (D("2.00"), D(0), "acct-000001")}
    listed = servicer.ListOrders(exchange_pb2.ListUserOrdersRequest(user_id=user), LocalContext()).orders
    assert [(o.status, from_pb(o.price), from_pb(o.amount), o.trade_date) for o in listed] == \
        [(statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED, D("101.00"), D("202.00"), "2026-11-23")]  # read through


def test_the_sync_records_fills_and_settlement_once(world: World) -> None:
    servicer, clients, user = world
    bought = buy(servicer, "b1", user, "2")
    assert traditional.sync_orders(servicer.db, clients.broker, AT) == 0
    clients.broker.fill(bought.broker_order_id, D("101.00"))
    assert traditional.sync_orders(servicer.db, clients.broker, AT) == 1
    clients.broker.orders[bought.broker_order_id].settled = True
    assert traditional.sync_orders(servicer.db, clients.broker, AT) == 1
    assert traditional.sync_orders(servicer.db, clients.broker, AT) == 0
    with servicer.db.read() as s:
        stored = s.exec(select(OutboxEvent).where(col(OutboxEvent.type).in_(["order.filled", "order.settled"]))).all()
        row = s.get(OrderRow, bought.order_id)
        assert row is not None and (row.status, row.amount) == (OrderStatus.FILLED, D("202.00"))
    assert [e.type for e in stored] == ["order.filled", "order.settled"]
    filled = typed("exchange", stored[0])
    assert isinstance(filled, ev.ExchangeOrderFilled) and filled.route == "traditional"


def test_the_brokers_notices_on_the_users_account_show_through(world: World) -> None:
    servicer, clients, user = world
    ask = exchange_pb2.UserNoticesRequest(user_id=user, kind="dividend")
    assert list(servicer.ListNotices(ask, LocalContext()).notices) == []          # no account: none
    buy(servicer, "b1", user, "2")
    dividend = broker_pb2.Notice(notice_id="ntc-000001", kind="dividend", account_id="acct-000001", symbol="AAPL",
                                 gross=to_pb(D("0.52")), withheld=to_pb(D(0)), net=to_pb(D("0.52")))
    clients.broker.notices = [dividend, broker_pb2.Notice(notice_id="ntc-000002", kind="dividend",
                                                          account_id="acct-000002")]
    assert list(servicer.ListNotices(ask, LocalContext()).notices) == [dividend]


def test_each_status_is_declared_once_and_travels_as_its_enum() -> None:
    """Every broker order status maps to the exchange's (with its event) in one table, and every exchange
    order status to the proto enum value of the same name."""
    broker = {v.number for v in statuses_pb2.OrderStatus.DESCRIPTOR.values} - {statuses_pb2.ORDER_STATUS_UNSPECIFIED}
    assert set(traditional.FROM_BROKER) == broker
    assert {statuses_pb2.OrderStatus.Name(b).removeprefix("ORDER_STATUS_"): s.name
            for b, (s, _) in traditional.FROM_BROKER.items()} == {s.name: s.name for s, _ in
                                                                  traditional.FROM_BROKER.values()}
    assert {s.name: statuses_pb2.ExchangeOrderStatus.Name(v).removeprefix("EXCHANGE_ORDER_STATUS_")
            for s, v in ORDER_STATUS_PB.items()} == {s.name: s.name for s in OrderStatus}
