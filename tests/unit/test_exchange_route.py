"""Exchange rules on the tokenized route: deposits credit the user's claim, a buy is paid from
it and refused whole when short or when the issuer refuses, a sale is pending until the issuer
pays, and a failed redemption credits nothing."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from fivelayer.exchange import custody, tokenized
from fivelayer.exchange.models import OrderRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import chain_pb2, common_pb2, issuer_pb2

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
D = Decimal


class FakeChain:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def _tx(self, request_id: str) -> chain_pb2.Tx:
        self.calls.append(request_id)
        return chain_pb2.Tx(tx_hash=f"0x{len(self.calls)}")

    def Mint(self, r: chain_pb2.MintTokensRequest) -> chain_pb2.Tx:
        return self._tx(r.request_id)

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        return self._tx(r.request_id)

    def Approve(self, r: chain_pb2.ApproveRequest) -> chain_pb2.Tx:
        return self._tx(r.request_id)

    def GetToken(self, r: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return chain_pb2.Token(symbol=r.symbol, decimals=6 if r.symbol == STABLECOIN else 9)

    def BalanceOf(self, r: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        return chain_pb2.Balance(symbol=r.symbol, address=r.address, amount=to_pb(D(0)))


class FakeIssuer:
    """Prices AAPLx at 100 with a flat 0.10 fee either way; refuses with `refuse` when set."""

    def __init__(self) -> None:
        self.refuse = ""
        self.redemptions: dict[str, issuer_pb2.Redemption] = {}

    def ListProducts(self, _: common_pb2.Empty) -> issuer_pb2.ListProductsResponse:
        return issuer_pb2.ListProductsResponse(issuer_address="0xissuer", products=[issuer_pb2.Product(token="AAPLx")])

    def GetQuote(self, r: issuer_pb2.QuoteRequest) -> issuer_pb2.Quote:
        gross = D(r.quantity.value) * 100
        total = gross + D("0.10") if r.side == "mint" else gross - D("0.10")
        return issuer_pb2.Quote(price=to_pb(D(100)), total=to_pb(total))

    def Mint(self, r: issuer_pb2.MintRequest) -> issuer_pb2.MintReceipt:
        if self.refuse:
            raise DomainError(self.refuse, "refused by the issuer")
        return issuer_pb2.MintReceipt(mint_id="mint-1", price=to_pb(D(100)), fee=to_pb(D("0.10")), cost=r.max_cost)

    def Redeem(self, r: issuer_pb2.RedeemRequest) -> issuer_pb2.Redemption:
        if self.refuse:
            raise DomainError(self.refuse, "refused by the issuer")
        red = issuer_pb2.Redemption(redemption_id=f"red-{len(self.redemptions) + 1}", status="selling")
        self.redemptions[red.redemption_id] = red
        return red

    def GetRedemption(self, r: issuer_pb2.IdRequest) -> issuer_pb2.Redemption:
        return self.redemptions[r.id]


World = tuple[Database, FakeChain, FakeIssuer, str]  # typed, so mypy checks the fakes against the exchange's ports


@pytest.fixture
def world(tmp_path: Path) -> World:
    db = Database(f"sqlite:///{tmp_path}/exchange.db")
    chain, issuer = FakeChain(), FakeIssuer()
    with db.transaction() as s:
        user = custody.create_user(s, AT, "ada")
        custody.deposit(s, chain, AT, "d1", user.user_id, "1000")
    return db, chain, issuer, user.user_id


def balance(db: Database, user_id: str, asset: str) -> Decimal:
    with db.read() as s:
        return Ledger(s).balance(custody.user_account(user_id), asset)


def test_a_deposit_is_minted_swept_and_credited(world: World) -> None:
    db, chain, _, user = world
    assert chain.calls == ["d1:faucet", "d1:sweep"]
    assert balance(db, user, STABLECOIN) == D(1000)
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        custody.deposit(s, chain, AT, "d2", user, "-5")
    assert caught.value.reason == "INVALID_AMOUNT" and balance(db, user, STABLECOIN) == D(1000)


def test_a_buy_pays_the_issuer_and_credits_tokens(world: World) -> None:
    db, chain, issuer, user = world
    with db.transaction() as s:
        order = tokenized.buy(s, chain, issuer, AT, "b1", user, "AAPLx", "2")
    assert (order.status, order.amount) == ("filled", D("200.10"))
    assert balance(db, user, STABLECOIN) == D("799.90") and balance(db, user, "AAPLx") == D(2)
    with db.read() as s:
        assert prove(s)[0]


@pytest.mark.parametrize("quantity, refuse, reason", [
    ("20", "", "INSUFFICIENT_FUNDS"), ("1", "MINT_HALTED", "MINT_HALTED"), ("1", "ROUTE_CUT", "ROUTE_CUT"),
    ("1.0000000001", "", "TOO_MANY_DECIMALS"),
])
def test_a_refused_buy_changes_nothing(world: World, quantity: str, refuse: str, reason: str) -> None:
    db, chain, issuer, user = world
    issuer.refuse = refuse
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        tokenized.buy(s, chain, issuer, AT, "b1", user, "AAPLx", quantity)
    assert caught.value.reason == reason
    assert balance(db, user, STABLECOIN) == D(1000) and balance(db, user, "AAPLx") == D(0)
    with db.read() as s:
        assert s.get(OrderRow, "xo-000001") is None


def test_a_sale_is_pending_until_the_issuer_pays(world: World) -> None:
    db, chain, issuer, user = world
    with db.transaction() as s:
        tokenized.buy(s, chain, issuer, AT, "b1", user, "AAPLx", "2")
        sale = tokenized.sell(s, chain, issuer, AT, "s1", user, "AAPLx", "1")
    assert sale.status == "pending_redemption" and sale.expected == D("99.90")
    with db.read() as s:
        assert custody.balances(s, user) == [("AAPLx", D(1), D(0)), (STABLECOIN, D("799.90"), D("99.90"))]
    with db.transaction() as s:
        assert tokenized.sync_redemptions(s, issuer, AT) == (0, 0)
    paid = issuer.redemptions["red-1"]
    paid.status = "paid"
    paid.payout.CopyFrom(to_pb(D("104.89")))
    with db.transaction() as s:
        assert tokenized.sync_redemptions(s, issuer, AT) == (1, 0)
        assert tokenized.sync_redemptions(s, issuer, AT) == (0, 0)  # credited once
    assert balance(db, user, STABLECOIN) == D("904.79")


def test_a_failed_redemption_credits_nothing(world: World) -> None:
    db, chain, issuer, user = world
    with db.transaction() as s:
        tokenized.buy(s, chain, issuer, AT, "b1", user, "AAPLx", "1")
        tokenized.sell(s, chain, issuer, AT, "s1", user, "AAPLx", "1")
    issuer.redemptions["red-1"].status = "failed"
    with db.transaction() as s:
        assert tokenized.sync_redemptions(s, issuer, AT) == (0, 1)
    assert balance(db, user, STABLECOIN) == D("899.90") and balance(db, user, "AAPLx") == D(0)
