"""Issuer rules: quotes never round in the counterparty's favour; a mint pays, mints and hedges in
one request; a refused hedge leaves an unbacked mint; halts refuse and change nothing; payouts wait
for settlement."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.issuer import in_kind, spv
from fivelayer.issuer.models import EstateRow, MintRow, RedemptionRow
from fivelayer.issuer.pricing import quote
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, NETWORK, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.saga import IntentRow, resume
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, issuer_pb2, statuses_pb2
from sqlmodel import select

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
CONTRACTS = load_contracts(REPO_ROOT / "contracts")
D = Decimal


class FakeChain:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.down_after: int | None = None  # calls after this many are UNAVAILABLE
        self.multiplier = D(1)  # the chain's, for every token

    def _tx(self, kind: str, request_id: str) -> chain_pb2.Tx:
        if self.down_after is not None and len(self.calls) >= self.down_after:
            raise DomainError(Common.UNAVAILABLE, "the chain is away")
        self.calls.append((kind, request_id))
        return chain_pb2.Tx(tx_hash=f"0x{kind}{len(self.calls)}")

    def TransferFrom(self, r: chain_pb2.TransferFromRequest) -> chain_pb2.Tx:
        return self._tx("transfer_from", r.request_id)

    def Mint(self, r: chain_pb2.MintTokensRequest) -> chain_pb2.Tx:
        return self._tx("mint", r.request_id)

    def Burn(self, r: chain_pb2.BurnTokensRequest) -> chain_pb2.Tx:
        return self._tx("burn", r.request_id)

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        return self._tx("transfer", r.request_id)

    def SetPause(self, r: chain_pb2.SetPauseRequest) -> chain_pb2.Tx:
        return self._tx("pause", r.request_id)

    def SetFrozen(self, r: chain_pb2.SetFrozenRequest) -> chain_pb2.Tx:
        return self._tx("freeze", r.request_id)

    def SetMultiplier(self, r: chain_pb2.SetMultiplierRequest) -> chain_pb2.Tx:
        return self._tx("multiplier", r.request_id)

    def HoldersAt(self, r: chain_pb2.HoldersAtRequest) -> chain_pb2.Holders:
        return chain_pb2.Holders(symbol=r.symbol, at=r.at, multiplier=to_pb(self.multiplier))

    def GetToken(self, r: chain_pb2.TokenRequest) -> chain_pb2.Token:
        return chain_pb2.Token(symbol=r.symbol, multiplier=to_pb(self.multiplier))

    def ListTokens(self, r: chain_pb2.ListTokensRequest) -> chain_pb2.ListTokensResponse:
        return chain_pb2.ListTokensResponse(tokens=[self.GetToken(chain_pb2.TokenRequest(symbol=s)) for s in CONTRACTS])

    def GetAllowance(self, r: chain_pb2.AllowanceRequest) -> chain_pb2.Allowance:
        return chain_pb2.Allowance(amount=to_pb(D(100)))

    def BalanceOf(self, r: chain_pb2.BalanceRequest) -> chain_pb2.Balance:
        return chain_pb2.Balance(amount=to_pb(D(100)))


class FakeBroker:
    def __init__(self, refuse: str = "") -> None:
        self.refuse = refuse
        self.orders: dict[str, broker_pb2.Order] = {}
        self.keys: list[str] = []
        self.notices: list[broker_pb2.Notice] = []  # corporate-action notices on the SPV's account
        self.announcements: list[broker_pb2.Announcement] = []  # the depository's, as the broker passes them on
        self.standing: dict[str, broker_pb2.StandingVotingInstructionRequest] = {}  # how the SPV votes, by key
        self.line = broker_pb2.CreditLine()   # the SPV's credit line, as the issuer set it
        self.opened: list[broker_pb2.CreateAccountRequest] = []   # the SPV's accounts, in the order asked
        self.funded: list[tuple[str, D]] = []                      # wires into them

    def CreateAccount(self, r: broker_pb2.CreateAccountRequest) -> broker_pb2.Account:
        self.opened.append(r)
        account_id = f"acct-{len(self.opened):06d}"
        return broker_pb2.Account(account_id=account_id, api_key=f"key-{len(self.opened)}",
                                  customer_id=r.customer_account_id or account_id)

    def FundAccount(self, r: broker_pb2.FundAccountRequest) -> broker_pb2.CashResponse:
        self.funded.append((r.account_id, from_pb(r.amount)))
        return broker_pb2.CashResponse()

    def SetAccountStatus(self, r: broker_pb2.SetAccountStatusRequest) -> broker_pb2.Account:
        return broker_pb2.Account(account_id=r.account_id, status=r.status)

    def PlaceOrder(self, r: broker_pb2.PlaceOrderRequest) -> broker_pb2.Order:
        self.keys.append(r.request_id)
        if self.refuse:
            raise refusal(self.refuse, "refused")
        order = broker_pb2.Order(order_id=f"ord-{len(self.orders) + 1}", status=statuses_pb2.ORDER_STATUS_ACCEPTED,
                                 side=r.side, quantity=r.quantity)
        self.orders[order.order_id] = order
        return order

    def GetOrder(self, r: broker_pb2.OrderRequest) -> broker_pb2.Order:
        return self.orders[r.order_id]

    def ListOrders(self, r: broker_pb2.ListOrdersRequest) -> broker_pb2.ListOrdersResponse:
        return broker_pb2.ListOrdersResponse(orders=list(self.orders.values()))

    def GetPositions(self, r: broker_pb2.AccountRequest) -> broker_pb2.AccountPositions:
        return broker_pb2.AccountPositions()

    def GetCash(self, r: broker_pb2.AccountRequest) -> broker_pb2.CashResponse:
        return broker_pb2.CashResponse()

    def RegisterTokenizationIssuer(self, r: broker_pb2.RegisterTokenizationIssuerRequest
                                   ) -> broker_pb2.TokenizationIssuer:
        return broker_pb2.TokenizationIssuer(issuer=r.issuer, account_id=r.account_id)

    def TokenizationCallback(self, r: broker_pb2.TokenizationCallbackRequest) -> broker_pb2.TokenizationRequest:
        self.keys.append(r.request_id)
        if self.refuse:
            raise refusal(self.refuse, "refused")
        return broker_pb2.TokenizationRequest(id=r.tokenization_request_id, kind=r.kind,
                                           status=statuses_pb2.TOKENIZATION_STATUS_COMPLETED)

    def ListNotices(self, r: broker_pb2.ListNoticesRequest) -> broker_pb2.ListNoticesResponse:
        return broker_pb2.ListNoticesResponse(notices=[n for n in self.notices if not r.kind or n.kind == r.kind])

    def ListAnnouncements(self, r: broker_pb2.ListAnnouncementsRequest) -> broker_pb2.ListAnnouncementsResponse:
        return broker_pb2.ListAnnouncementsResponse(announcements=[a for a in self.announcements if a.kind == r.kind])

    def GetAccount(self, r: broker_pb2.AccountRequest) -> broker_pb2.Account:
        return broker_pb2.Account(account_id=r.account_id, withholding_rate=to_pb(D("0.3")))

    def SetStandingVotingInstruction(self, r: broker_pb2.StandingVotingInstructionRequest
                                     ) -> broker_pb2.StandingVotingInstruction:
        self.standing[r.request_id] = r
        return broker_pb2.StandingVotingInstruction(account_id=r.account_id, symbols=r.symbols,
                                                    do_not_vote=r.do_not_vote, reason=r.reason)

    def SetCreditLine(self, r: broker_pb2.SetCreditLineRequest) -> broker_pb2.CreditLine:
        self.line = broker_pb2.CreditLine(account_id=r.account_id, limit=r.limit, annual_rate=r.annual_rate,
                                          used=to_pb(D(0)), available=r.limit)
        return self.line

    def GetCreditLine(self, r: broker_pb2.AccountRequest) -> broker_pb2.CreditLine:
        return self.line


class FakeMarket:
    def GetPrice(self, r: control_pb2.PriceRequest) -> control_pb2.Price:
        return control_pb2.Price(symbol=r.symbol, price=to_pb(D("200.00")))


@dataclass
class FakeClients:
    chain: FakeChain
    broker: FakeBroker
    market_data: FakeMarket


World = tuple[IssuerServicer, FakeClients]  # typed, so mypy checks the fakes against the issuer's ports


@pytest.fixture
def world(tmp_path: Path) -> World:
    clients = FakeClients(chain=FakeChain(), broker=FakeBroker(), market_data=FakeMarket())
    servicer = IssuerServicer(Database(f"sqlite:///{tmp_path}/issuer.db"), FixedClock(AT), clients, CONTRACTS)
    servicer.handlers.ensure_account()
    servicer.handlers.ensure_account()  # once
    return servicer, clients


def mint(servicer: IssuerServicer, rid: str = "r1", quantity: str = "2", max_cost: str = "") -> MintRow:
    receipt = servicer.Mint(issuer_pb2.MintRequest(
        request_id=rid, token="AAPLx", quantity=common_pb2.Decimal(value=quantity), payer_address=EXCHANGE_HOT_WALLET,
        max_cost=common_pb2.Decimal(value=max_cost)), LocalContext())
    with servicer.db.read() as s:
        return get_row(s, MintRow, receipt.mint_id, "mint")


def redeem(servicer: IssuerServicer, rid: str, quantity: str) -> RedemptionRow:
    receipt = servicer.Redeem(issuer_pb2.RedeemRequest(
        request_id=rid, token="AAPLx", quantity=common_pb2.Decimal(value=quantity), holder_address=EXCHANGE_HOT_WALLET),
        LocalContext())
    with servicer.db.read() as s:
        return get_row(s, RedemptionRow, receipt.redemption_id, "redemption")


def test_quotes_round_against_the_counterparty() -> None:
    aapl = CONTRACTS["AAPLx"]
    q = quote(aapl, D(1), D("0.333333333"), D("227.53"), "mint")
    assert q.gross == D("75.84333325749")  # exact
    # fee 0.0758433332... and total 75.9191772574... both rounded up at the 6th place
    assert q.fee == D("0.075844") and q.total == D("75.919178")
    r = quote(aapl, D(1), D("0.333333333"), D("227.53"), "redeem")
    assert r.total == D("75.767489")  # 75.7674892574... rounded down


def test_the_spv_tells_its_broker_not_to_vote_the_shares_its_products_give_no_vote(world: World) -> None:
    _, clients = world
    told = sorted(clients.broker.standing.values(), key=lambda r: r.account_id)   # once, however often it starts
    assert [(t.account_id, list(t.symbols), t.do_not_vote) for t in told] == [
        ("acct-000001", ["AAPL"], True), ("acct-000002", ["NVDA"], True), ("acct-000003", ["SPY"], True),
        ("acct-000004", ["TSLA"], True)]                          # each on its product's own account
    assert all(t.reason.startswith("voting = none: token holders have no vote") for t in told)


def test_each_product_has_its_own_account_of_one_customer(world: World) -> None:
    servicer, clients = world
    opened = clients.broker.opened                              # once each, however often it starts
    tokens = ("AAPLx", "NVDAx", "SPYx", "TSLAx")
    assert [r.request_id for r in opened] == [f"issuer:genesis:account:{t}" for t in tokens]
    assert [r.customer_account_id for r in opened] == ["", "acct-000001", "acct-000001", "acct-000001"]
    with servicer.db.read() as s:
        assert {row.token: row.account_id for row in spv.links(s)} == {
            "AAPLx": "acct-000001", "NVDAx": "acct-000002", "SPYx": "acct-000003", "TSLAx": "acct-000004"}
        assert spv.customer_id(s) == "acct-000001"
    assert clients.broker.line.account_id == "acct-000002"      # NVDAx's line, on NVDAx's account
    assert clients.broker.funded == [("acct-000001", D(2_000_000)), ("acct-000004", D(1_000_000))]  # the buffers


def test_mint_pays_mints_and_hedges_with_derived_request_ids(world: World) -> None:
    servicer, clients = world
    db = servicer.db
    row = mint(servicer)
    assert [c for c in clients.chain.calls] == [("transfer_from", "r1:pay"), ("mint", "r1:mint")]
    assert (row.quantity, row.price, row.cost, row.hedge_status) == (D(2), D("200.00"), D("400.4"), "accepted")
    with db.read() as s:
        assert Ledger(s).balance(spv.TREASURY, STABLECOIN) == D("400.4")
        assert Ledger(s).balance(spv.OUTSTANDING, "AAPLx") == D(2)
        assert prove(s)[0]


def test_a_refused_hedge_leaves_an_unbacked_mint(world: World) -> None:
    servicer, clients = world
    mint_in_kind(servicer)
    clients.chain.calls.clear()
    clients.broker.refuse = "ROUTE_CUT"
    row = mint(servicer)
    assert (row.hedge_status, row.hedge_reason, row.hedge_order_id) == ("rejected", "ROUTE_CUT", "")
    assert ("mint", "r1:mint") in clients.chain.calls


@pytest.mark.parametrize("kwargs, reason", [
    ({"quantity": "0"}, "INVALID_AMOUNT"), ({"quantity": "1.0000000001"}, "TOO_MANY_DECIMALS"),
    ({"max_cost": "1"}, "SLIPPAGE_EXCEEDED"),
])
def test_bad_mints_change_nothing(world: World, kwargs: dict[str, str], reason: str) -> None:
    servicer, clients = world
    with pytest.raises(DomainError) as caught:
        mint(servicer, **kwargs)
    assert caught.value.reason == reason
    assert clients.chain.calls == []
    with servicer.db.read() as s:
        assert s.exec(select(MintRow)).all() == [] and s.exec(select(IntentRow)).all() == []


def test_halts_refuse_with_a_reason(world: World) -> None:
    servicer, clients = world
    db = servicer.db
    with db.transaction() as s:
        spv.set_halt(s, CONTRACTS, AT, "", True, False, "drill")
    with pytest.raises(DomainError) as caught:
        mint(servicer)
    assert caught.value.reason == "MINT_HALTED" and clients.chain.calls == []
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        spv.set_halt(s, CONTRACTS, AT, "NOPEx", True, False, "x")
    assert caught.value.reason == "UNKNOWN_TOKEN"


def test_redemption_sells_first_and_pays_only_after_settlement(world: World) -> None:
    servicer, clients = world
    db = servicer.db
    mint(servicer)
    red = redeem(servicer, "x1", "1")
    assert red.status == "selling"
    assert clients.chain.calls[-2:] == [("transfer_from", "x1:collect"), ("burn", "x1:burn")]
    sale = clients.broker.orders[red.hedge_order_id]
    sale.status = statuses_pb2.ORDER_STATUS_FILLED
    sale.filled_avg_price.CopyFrom(to_pb(D("210")))
    sale.filled_quantity.CopyFrom(to_pb(D(1)))
    assert spv.pay_settled(db, clients, CONTRACTS, AT) == (0, 0)
    with db.read() as s:
        assert get_row(s, RedemptionRow, red.redemption_id, "redemption").status == "sold"
    sale.settled = True
    assert spv.pay_settled(db, clients, CONTRACTS, AT)[0] == 1
    with db.read() as s:
        paid = get_row(s, RedemptionRow, red.redemption_id, "redemption")
        assert (paid.status, paid.payout, paid.fee) == ("paid", D("209.79"), D("0.21"))
    assert spv.pay_settled(db, clients, CONTRACTS, AT)[0] == 0  # once


def test_a_payout_cut_short_resumes_with_the_same_plan_and_books(world: World) -> None:
    """Each payout is a saga keyed payout:<id>: the chain goes away at the FUSD transfer, the pass fails
    with the payout's intent kept and nothing booked; the resumer carries it on with its plan (priced and
    dated by the pass that began it), once, and the next pass finds nothing to pay."""
    servicer, clients = world
    db = servicer.db
    mint(servicer)
    red = redeem(servicer, "x1", "1")
    sale = clients.broker.orders[red.hedge_order_id]
    sale.status, sale.settled = statuses_pb2.ORDER_STATUS_FILLED, True
    sale.filled_avg_price.CopyFrom(to_pb(D("210")))
    sale.filled_quantity.CopyFrom(to_pb(D(1)))
    clients.chain.down_after = len(clients.chain.calls)          # the transfer finds the chain gone
    with pytest.raises(DomainError) as caught:
        spv.pay_settled(db, clients, CONTRACTS, AT)
    assert caught.value.reason == "UNAVAILABLE"
    with db.read() as s:
        assert get_row(s, RedemptionRow, red.redemption_id, "redemption").status == "selling"
        assert [i.key for i in s.exec(select(IntentRow))] == [f"PayRedemption:payout:{red.redemption_id}"]
        assert Ledger(s).balance("@payees", STABLECOIN) == 0
    clients.chain.down_after = None
    sale.filled_avg_price.CopyFrom(to_pb(D("999")))               # what the broker says later changes no plan
    assert list(resume(db, servicer, LocalContext(), older_than=0)) == [f"PayRedemption:payout:{red.redemption_id}"]
    with db.read() as s:
        paid = get_row(s, RedemptionRow, red.redemption_id, "redemption")
        assert (paid.status, paid.payout, paid.fee, paid.sale_price) == ("paid", D("209.79"), D("0.21"), D("210"))
        assert paid.paid_at is not None and paid.paid_at.replace(tzinfo=UTC) == AT
        assert Ledger(s).balance("@payees", STABLECOIN) == D("209.79")
        assert s.exec(select(IntentRow)).all() == [] and prove(s)[0]
    assert spv.pay_settled(db, clients, CONTRACTS, AT)[0] == 0    # once
    assert [c for c in clients.chain.calls if c[0] == "transfer"] == [("transfer", f"payout:{red.redemption_id}")]


def test_the_resumer_logs_a_saga_that_keeps_failing_once_per_cause(world: World,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    servicer, clients = world
    clients.chain.down_after = 1                                 # the payment goes through, then the chain is gone
    with pytest.raises(DomainError):
        mint(servicer, rid="r1")
    failures = FailureLog("resuming")
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert list(resume(servicer.db, servicer, LocalContext(), older_than=0, failures=failures)) == []
        assert [r.getMessage() for r in caplog.records if "resuming" in r.getMessage()] == [
            "resuming (Mint:r1) failed: DomainError: [UNAVAILABLE] the chain is away"]
        clients.chain.down_after = None
        assert list(resume(servicer.db, servicer, LocalContext(), older_than=0, failures=failures)) == ["Mint:r1"]
        assert "resuming (Mint:r1) recovered" in caplog.records[-1].getMessage()
    assert failures.failing() == {}


def test_a_cut_route_halts_minting_and_redemption_until_told_otherwise(world: World) -> None:
    servicer, clients = world
    mint_in_kind(servicer)
    clients.chain.calls.clear()
    clients.broker.refuse = "ROUTE_CUT"
    row = mint(servicer, rid="r1")
    assert (row.hedge_status, row.hedge_reason) == ("rejected", "ROUTE_CUT")   # the tokens stand, unbacked
    with servicer.db.read() as s:
        state = spv.switch(s, "NVDAx")
        assert state.mint_halted and state.redemption_halted and "cannot hedge" in state.reason
    with pytest.raises(DomainError) as caught:
        mint(servicer, rid="r2")
    assert caught.value.reason == "MINT_HALTED"


def test_an_absent_broker_leaves_the_hedge_pending_then_places_it_once(world: World) -> None:
    """A broker that is down is no answer: the mint stands with its hedge pending (never "rejected:
    UNAVAILABLE"), and the hedge is placed with the mint's own key when the broker returns."""
    servicer, clients = world
    clients.broker.refuse = "UNAVAILABLE"
    row = mint(servicer, rid="r1")
    assert (row.hedge_status, row.hedge_order_id) == (spv.PENDING_HEDGE, "")
    assert servicer.handlers.place_pending_hedges() == 0                  # still away: nothing placed, nothing lost
    clients.broker.refuse = ""
    assert servicer.handlers.place_pending_hedges() == 1
    assert servicer.handlers.place_pending_hedges() == 0                  # once
    with servicer.db.read() as s:
        hedged = get_row(s, MintRow, row.mint_id, "mint")
    assert (hedged.hedge_status, hedged.hedge_order_id) == ("accepted", "ord-1")
    assert clients.broker.keys == ["r1:hedge"] * 3               # the same key at every attempt


def test_a_mint_cut_short_resumes_with_the_same_keys(world: World) -> None:
    """The chain goes away between the payment and the mint: the request fails UNAVAILABLE with its
    intent kept; the client's retry (or the resumer) carries it on with the same sub-request keys."""
    servicer, clients = world
    clients.chain.down_after = 1                                 # the payment goes through, then the chain is gone
    with pytest.raises(DomainError) as caught:
        mint(servicer, rid="r1")
    assert caught.value.reason == "UNAVAILABLE"
    with servicer.db.read() as s:
        assert s.exec(select(MintRow)).all() == [] and len(s.exec(select(IntentRow)).all()) == 1
    clients.chain.down_after = None
    assert list(resume(servicer.db, servicer, LocalContext(), older_than=0)) == ["Mint:r1"]
    row = mint(servicer, rid="r1")                               # the client's retry: the same mint
    assert row.mint_id == "mint-000001"
    assert clients.chain.calls == [("transfer_from", "r1:pay"), ("transfer_from", "r1:pay"), ("mint", "r1:mint")]
    with servicer.db.read() as s:
        assert s.exec(select(IntentRow)).all() == [] and len(s.exec(select(MintRow)).all()) == 1
        assert prove(s)[0]


def test_the_chain_owns_the_multiplier(world: World) -> None:
    """A mint is priced and hedged at the chain's multiplier, not the contract file's; a redemption
    is paid what its sale sold, whatever the multiplier has become since."""
    servicer, clients = world
    db = servicer.db
    clients.chain.multiplier = D("1.5")  # say the owner reinvested dividends through SetMultiplier
    row = mint(servicer, quantity="2")
    hedge = clients.broker.orders[row.hedge_order_id]
    assert from_pb(hedge.quantity) == D(3) and row.cost == D("600.6")  # 2 tokens x 1.5 x 200, plus 10 bps
    red = redeem(servicer, "x1", "1")
    sale = clients.broker.orders[red.hedge_order_id]
    assert from_pb(sale.quantity) == D("1.5")
    sale.status, sale.settled = statuses_pb2.ORDER_STATUS_FILLED, True
    sale.filled_avg_price.CopyFrom(to_pb(D("210")))
    sale.filled_quantity.CopyFrom(sale.quantity)
    clients.chain.multiplier = D(2)
    assert spv.pay_settled(db, clients, CONTRACTS, AT)[0] == 1
    with db.read() as s:
        paid = get_row(s, RedemptionRow, red.redemption_id, "redemption")
        assert paid.payout == D("314.685")  # 1.5 shares x 210, less 10 bps


# -- in-kind tokenization: mints and redemptions against shares journaled at the broker ------

WALLET = "0x" + "ab" * 20


def mint_in_kind(servicer: IssuerServicer, rid: str = "tok-000001", qty: str = "3") -> issuer_pb2.InKindReceipt:
    return servicer.InKindMint(issuer_pb2.InKindMintRequest(
        request_id=rid, account_id="acct-000009", underlying_symbol="AAPL", qty=to_pb(D(qty)), network=NETWORK,
        wallet_address=WALLET), LocalContext())


def test_an_in_kind_mint_mints_to_the_wallet_and_confirms_without_payment_or_hedge(world: World) -> None:
    servicer, clients = world
    receipt = mint_in_kind(servicer)
    assert (receipt.kind, receipt.token, receipt.tokens.value, receipt.shares.value) == ("mint", "AAPLx", "3", "3")
    assert clients.chain.calls == [("mint", "tok-000001:mint")]                 # no stablecoin taken
    assert "tok-000001:callback" in clients.broker.keys and not clients.broker.orders  # confirmed, no hedge order
    assert mint_in_kind(servicer).id == receipt.id and clients.chain.calls == [("mint", "tok-000001:mint")]  # once
    with servicer.db.read() as s:
        assert Ledger(s).balance(spv.OUTSTANDING, "AAPLx") == D(3) and prove(s)[0]


def test_tokens_round_down_so_no_token_is_unbacked() -> None:
    assert in_kind.tokens_for_shares(CONTRACTS["AAPLx"], D("1.000000003"), D("1")) == D("0.999999997")


@pytest.mark.parametrize("stop", ["halt", "insolvency"])
def test_a_halt_or_insolvency_refuses_an_in_kind_mint_and_changes_nothing(world: World, stop: str) -> None:
    servicer, clients = world
    with servicer.db.transaction() as s:
        if stop == "halt":
            spv.set_halt(s, CONTRACTS, servicer.clock.now(), "AAPLx", True, False, "drill")
        else:
            s.add(EstateRow(id=1, reason="drill", declared_at=servicer.clock.now(), broker_account_id="acct-000001",
                            statement="{}"))
    with pytest.raises(DomainError) as refused:
        mint_in_kind(servicer)
    assert refused.value.reason == ("MINT_HALTED" if stop == "halt" else "ISSUER_INSOLVENT")
    assert clients.chain.calls == [] and "tok-000001:callback" not in clients.broker.keys


def test_a_refused_redeem_callback_returns_the_tokens_and_burns_nothing(world: World) -> None:
    servicer, clients = world
    mint_in_kind(servicer)
    clients.chain.calls.clear()
    clients.broker.refuse = "ROUTE_CUT"
    with pytest.raises(DomainError) as refused:
        servicer.InKindRedeem(issuer_pb2.InKindRedeemRequest(
            request_id="r9", account_id="acct-000009", token="AAPLx", quantity=to_pb(D(2)), wallet_address=WALLET),
            LocalContext())
    assert refused.value.reason == "ROUTE_CUT"
    assert clients.chain.calls == [("transfer_from", "r9:collect"), ("transfer", "r9:return")]
    clients.broker.refuse = ""
    receipt = servicer.InKindRedeem(issuer_pb2.InKindRedeemRequest(
        request_id="r10", account_id="acct-000009", token="AAPLx", quantity=to_pb(D(2)), wallet_address=WALLET),
        LocalContext())
    assert receipt.kind == "redeem" and clients.chain.calls[-1] == ("burn", "r10:burn")
