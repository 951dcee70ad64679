"""Exchange rules on the tokenized route: deposits credit the user's claim, a buy is paid from
it and refused whole when short or when the issuer refuses, a sale is pending until the issuer
pays, and a failed redemption credits nothing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fivelayer.exchange import custody, tokenized
from fivelayer.exchange.allowance import GRANT
from fivelayer.exchange.models import OrderRow
from fivelayer.exchange.service import ExchangeServicer
from fivelayer.kernel import keys
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY, ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.saga import IntentRow
from fivelayer.v1 import chain_pb2, common_pb2, exchange_pb2, issuer_pb2, statuses_pb2
from sqlmodel import select

from tests.unit.chain_logs import TransferLogs

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
D = Decimal


class FakeChain(TransferLogs):
    """The exchange's wallet (it signs only for the keys it holds: its hot wallet's and treasury's, and
    the deposit addresses it takes) and the chain service's faucet, whose transfers it logs."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.held = {EXCHANGE_HOT_WALLET, EXCHANGE_TREASURY}
        self.senders: list[str] = []

    def _tx(self, request_id: str, sender: str = "") -> chain_pb2.Tx:
        if sender and sender not in self.held:
            raise DomainError(Common.NOT_KEY_HOLDER, f"the exchange holds no key for {sender}")
        self.calls.append(request_id)
        self.senders.append(sender)
        return chain_pb2.Tx(tx_hash=f"0x{len(self.calls)}")

    def hold(self, name: str) -> str:
        address = keys.address_of("exchange", name)
        self.held.add(address)
        return address

    def Faucet(self, r: chain_pb2.FaucetRequest) -> chain_pb2.Tx:
        tx = self._tx(r.request_id)
        self.log_transfer(tx.tx_hash, STABLECOIN, "", r.to_address, from_pb(r.amount))
        return tx

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        return self._tx(r.request_id, r.sender)

    def IncreaseAllowance(self, r: chain_pb2.IncreaseAllowanceRequest) -> chain_pb2.Tx:
        tx = self._tx(r.request_id, r.sender)
        self.grant(r)
        return tx

    def GetToken(self, r: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return chain_pb2.Token(symbol=r.symbol, decimals=6 if r.symbol == STABLECOIN else 9)

    def BalanceOf(self, r: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        return chain_pb2.Balance(symbol=r.symbol, address=r.address, amount=to_pb(D(0)))


class FakeIssuer:
    """Prices AAPLx at 100 with a flat 0.10 fee either way; refuses with `refuse` when set; draws what
    it is paid from the hot wallet's allowance, as its transferFrom would."""

    def __init__(self, chain: FakeChain) -> None:
        self.chain = chain
        self.refuse = ""
        self.redemptions: dict[str, issuer_pb2.Redemption] = {}
        self.mints: list[str] = []

    def ListProducts(self, _: issuer_pb2.ListProductsRequest) -> issuer_pb2.ListProductsResponse:
        return issuer_pb2.ListProductsResponse(issuer_address="0xissuer", products=[issuer_pb2.Product(token="AAPLx")])

    def GetQuote(self, r: issuer_pb2.QuoteRequest) -> issuer_pb2.Quote:
        gross = D(r.quantity.value) * 100
        total = gross + D("0.10") if r.side == "mint" else gross - D("0.10")
        return issuer_pb2.Quote(price=to_pb(D(100)), total=to_pb(total))

    def Mint(self, r: issuer_pb2.MintRequest) -> issuer_pb2.MintReceipt:
        if self.refuse:
            raise refusal(self.refuse, "refused by the issuer")
        self.chain.draw(STABLECOIN, r.payer_address, ISSUER_ADDRESS, from_pb(r.max_cost))
        self.mints.append(r.request_id)
        return issuer_pb2.MintReceipt(mint_id="mint-1", price=to_pb(D(100)), fee=to_pb(D("0.10")), cost=r.max_cost)

    def Redeem(self, r: issuer_pb2.RedeemRequest) -> issuer_pb2.Redemption:
        if self.refuse:
            raise refusal(self.refuse, "refused by the issuer")
        self.chain.draw(r.token, r.holder_address, ISSUER_ADDRESS, from_pb(r.quantity))
        red = issuer_pb2.Redemption(redemption_id=f"red-{len(self.redemptions) + 1}",
                                    status=statuses_pb2.REDEMPTION_STATUS_SELLING)
        self.redemptions[red.redemption_id] = red
        return red

    def GetRedemption(self, r: issuer_pb2.IdRequest) -> issuer_pb2.Redemption:
        return self.redemptions[r.id]


World = tuple[ExchangeServicer, FakeChain, FakeIssuer, str]  # typed: mypy checks the fakes against the ports


@pytest.fixture
def world(tmp_path: Path) -> World:
    chain = FakeChain()
    issuer = FakeIssuer(chain)
    servicer = ExchangeServicer(Database(f"sqlite:///{tmp_path}/exchange.db"), FixedClock(AT),
                                FakeClients(chain, issuer))
    user = servicer.CreateUser(exchange_pb2.CreateUserRequest(request_id="u1", name="ada"), LocalContext())
    deposit(servicer, "d1", user.user_id, "1000")
    return servicer, chain, issuer, user.user_id


@dataclass
class FakeClients:
    chain: FakeChain
    issuer: FakeIssuer
    broker: Any = None       # the tokenized route never calls the broker or control's prices
    market_data: Any = None  # (tests/unit/test_exchange_traditional.py fakes them)

    @property
    def chain_service(self) -> FakeChain:  # the faucet: the same fake chain
        return self.chain


def dec(value: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=value)


def deposit(servicer: ExchangeServicer, rid: str, user_id: str, amount: str) -> exchange_pb2.Balances:
    return servicer.Deposit(exchange_pb2.DepositRequest(request_id=rid, user_id=user_id, amount=dec(amount)),
                            LocalContext())


def buy(servicer: ExchangeServicer, rid: str, user_id: str, quantity: str) -> exchange_pb2.ExchangeOrder:
    return servicer.Buy(exchange_pb2.TradeRequest(request_id=rid, user_id=user_id, token="AAPLx",
                                                  quantity=dec(quantity)), LocalContext())


def sell(servicer: ExchangeServicer, rid: str, user_id: str, quantity: str) -> exchange_pb2.ExchangeOrder:
    return servicer.Sell(exchange_pb2.TradeRequest(request_id=rid, user_id=user_id, token="AAPLx",
                                                   quantity=dec(quantity)), LocalContext())


def balance(servicer: ExchangeServicer, user_id: str, asset: str) -> Decimal:
    with servicer.db.read() as s:
        return Ledger(s).balance(custody.user_account(user_id), asset)


def test_a_deposit_is_minted_swept_and_credited(world: World) -> None:
    servicer, chain, _, user = world
    assert chain.calls == ["d1:faucet", "sweep:0x1:0"]  # the watcher sweeps the transfer it credited
    # the user's deposit address is the exchange's own named account; the sweep is signed with its key
    address = keys.address_of("exchange", f"exchange:deposit:{user}")
    assert servicer.GetUser(exchange_pb2.UserRequest(user_id=user), LocalContext()).deposit_address == address
    assert chain.senders == ["", address]
    assert balance(servicer, user, "FUSD") == D(1000)
    with pytest.raises(DomainError) as caught:
        deposit(servicer, "d2", user, "-5")
    assert caught.value.reason == "INVALID_AMOUNT" and balance(servicer, user, "FUSD") == D(1000)


def test_a_buy_pays_the_issuer_and_credits_tokens(world: World) -> None:
    servicer, chain, issuer, user = world
    order = buy(servicer, "b1", user, "2")
    assert (order.status, from_pb(order.amount)) == (statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED, D("200.10"))
    assert balance(servicer, user, "FUSD") == D("799.90") and balance(servicer, user, "AAPLx") == D(2)
    assert buy(servicer, "b1", user, "2") == order                     # the same request: the same order
    assert chain.calls[-1] == "b1:approve:0" and len(issuer.mints) == 1  # the first order opens the allowance
    assert from_pb(chain.GetAllowance(chain_pb2.AllowanceRequest(
        symbol=STABLECOIN, owner=EXCHANGE_HOT_WALLET, spender=ISSUER_ADDRESS)).amount) == GRANT[STABLECOIN]
    buy(servicer, "b2", user, "1")
    assert chain.calls[-1] == "b1:approve:0" and len(issuer.mints) == 2  # the next draws on it: no transaction
    with servicer.db.read() as s:
        assert prove(s)[0] and Ledger(s).balance(tokenized.escrow("b1"), "FUSD") == 0


@pytest.mark.parametrize("quantity, refuse, reason", [
    ("20", "", "INSUFFICIENT_FUNDS"), ("1", "MINT_HALTED", "MINT_HALTED"), ("1", "ROUTE_CUT", "ROUTE_CUT"),
    ("1.0000000001", "", "TOO_MANY_DECIMALS"),
])
def test_a_refused_buy_changes_nothing(world: World, quantity: str, refuse: str, reason: str) -> None:
    servicer, chain, issuer, user = world
    issuer.refuse = refuse
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b1", user, quantity)
    assert caught.value.reason == reason
    assert balance(servicer, user, "FUSD") == D(1000) and balance(servicer, user, "AAPLx") == D(0)
    with servicer.db.read() as s:
        assert s.get(OrderRow, "xo-000001") is None and s.exec(select(IntentRow)).all() == []


def test_an_issuer_away_keeps_the_reservation_until_the_retry(world: World) -> None:
    """UNAVAILABLE is no answer: the funds stay reserved (no other order can spend them) and the
    retry with the same request id completes the one buy."""
    servicer, chain, issuer, user = world
    issuer.refuse = "UNAVAILABLE"
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b1", user, "2")
    assert caught.value.reason == "UNAVAILABLE"
    assert balance(servicer, user, "FUSD") == D("799.90")            # reserved, not spent, not released
    with pytest.raises(DomainError) as caught:
        buy(servicer, "b2", user, "8")                                 # cannot spend what is reserved
    assert caught.value.reason == "INSUFFICIENT_FUNDS"
    issuer.refuse = ""
    order = buy(servicer, "b1", user, "2")
    assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED and len(issuer.mints) == 1
    assert balance(servicer, user, "FUSD") == D("799.90") and balance(servicer, user, "AAPLx") == D(2)


def test_a_sale_is_pending_until_the_issuer_pays(world: World) -> None:
    servicer, chain, issuer, user = world
    db = servicer.db
    buy(servicer, "b1", user, "2")
    sale = sell(servicer, "s1", user, "1")
    assert sale.status == statuses_pb2.EXCHANGE_ORDER_STATUS_PENDING_REDEMPTION
    with db.read() as s:
        assert custody.balances(s, user) == [("AAPLx", D(1), D(0)), ("FUSD", D("799.90"), D("99.90"))]
    assert tokenized.sync_redemptions(db, issuer, AT) == (0, 0)
    paid = issuer.redemptions["red-1"]
    paid.status = statuses_pb2.REDEMPTION_STATUS_PAID
    paid.payout.CopyFrom(to_pb(D("104.89")))
    assert tokenized.sync_redemptions(db, issuer, AT) == (1, 0)
    assert tokenized.sync_redemptions(db, issuer, AT) == (0, 0)  # credited once
    assert balance(servicer, user, "FUSD") == D("904.79")


def test_a_failed_redemption_credits_nothing(world: World) -> None:
    servicer, chain, issuer, user = world
    buy(servicer, "b1", user, "1")
    sell(servicer, "s1", user, "1")
    issuer.redemptions["red-1"].status = statuses_pb2.REDEMPTION_STATUS_FAILED
    assert tokenized.sync_redemptions(servicer.db, issuer, AT) == (0, 1)
    assert balance(servicer, user, "FUSD") == D("899.90") and balance(servicer, user, "AAPLx") == D(0)
