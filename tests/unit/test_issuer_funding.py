"""The SPV's funding modes: a prefunded mint reserves its hedge's cost from its product's buffer or is
refused BUFFER_EXHAUSTED; a broker-credit mint is refused CREDIT_LIMIT beyond the broker's line before it
is paid; an in-kind product takes no cash mint; the off-ramp sends FUSD held to FUSD's issuer and the
wire refills the buffer; the contracts' funding and standing terms are checked at load."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.issuer import funding, offramp, spv
from fivelayer.issuer.models import FundingRefusal, HedgeFunding, MintRow, OffRampWire, WireStatus
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.saga import IntentRow
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, issuer_pb2, statuses_pb2
from sqlmodel import select

from tests.unit.test_issuer_spv import AT, CONTRACTS, FakeBroker, FakeChain, FakeClients, FakeMarket

D = Decimal
PRICE = D("200.00")   # FakeMarket's price of every underlying


class FakeStablecoin:
    """FUSD's issuer: a redemption queues for Fedwire's window, then is paid (the test says when)."""

    def __init__(self) -> None:
        self.redemptions: dict[str, chain_pb2.StablecoinRedemption] = {}
        self.keys: list[str] = []

    def GetReserve(self, r: common_pb2.Empty) -> chain_pb2.StablecoinReserve:
        return chain_pb2.StablecoinReserve(redemption_address="0x00000000000000000000000000000000000fed00")

    def Redeem(self, r: chain_pb2.StablecoinRedemptionRequest) -> chain_pb2.StablecoinRedemption:
        self.keys.append(r.request_id)
        rid = f"fusd-red-{len(self.redemptions) + 1}"
        red = chain_pb2.StablecoinRedemption(
            redemption_id=rid, request_id=r.request_id, amount=to_pb(D("15040.40")), usd=to_pb(D("15040.40")),
            beneficiary_account_id=r.beneficiary_account_id,
            status=statuses_pb2.STABLECOIN_REDEMPTION_STATUS_QUEUED, value_date="2026-11-23",
            pays_at=chain_pb2.StablecoinRedemption().pays_at)
        red.pays_at.FromDatetime(datetime(2026, 11, 23, 2, 0))   # Sunday 21:00 ET: Monday's window opens
        self.redemptions[rid] = red
        return red

    def GetRedemption(self, r: chain_pb2.StablecoinRedemptionIdRequest) -> chain_pb2.StablecoinRedemption:
        return self.redemptions[r.redemption_id]


World = tuple[IssuerServicer, FakeClients, FakeStablecoin]


@pytest.fixture
def world(tmp_path: Path) -> World:
    clients = FakeClients(chain=FakeChain(), broker=FakeBroker(), market_data=FakeMarket())
    stablecoin = FakeStablecoin()
    servicer = IssuerServicer(Database(f"sqlite:///{tmp_path}/issuer.db"), FixedClock(AT), clients, CONTRACTS,
                              stablecoin=stablecoin)
    servicer.handlers.ensure_account()
    servicer.handlers.ensure_account()  # once
    return servicer, clients, stablecoin


def mint(servicer: IssuerServicer, token: str, quantity: str, rid: str = "r1") -> MintRow:
    receipt = servicer.Mint(issuer_pb2.MintRequest(
        request_id=rid, token=token, quantity=common_pb2.Decimal(value=quantity), payer_address=EXCHANGE_HOT_WALLET),
        LocalContext())
    with servicer.db.read() as s:
        return get_row(s, MintRow, receipt.mint_id, "mint")


def funding_of(servicer: IssuerServicer, token: str) -> issuer_pb2.ProductFunding:
    shown = servicer.GetFunding(common_pb2.Empty(), LocalContext())
    return next(p for p in shown.products if p.token == token)


def figures(servicer: IssuerServicer, token: str) -> funding.Figures:
    with servicer.db.read() as s:
        return funding.figures(s, CONTRACTS[token])


def refused(servicer: IssuerServicer, clients: FakeClients, token: str, quantity: str) -> DomainError:
    """A refused mint changes nothing: no chain call, no mint, no intent, no reservation."""
    before = list(clients.chain.calls)
    with servicer.db.read() as s:
        books = Ledger(s).balances()
    with pytest.raises(DomainError) as caught:
        mint(servicer, token, quantity, rid=f"refused-{token}")
    assert clients.chain.calls == before
    with servicer.db.read() as s:
        assert s.exec(select(IntentRow)).all() == [] and s.exec(select(HedgeFunding).where(
            HedgeFunding.request_id == f"refused-{token}")).all() == []
        assert Ledger(s).balances() == books
    return caught.value


# -- the contracts -----------------------------------------------------------------------------------------

def test_each_product_has_its_funding_mode_and_standing() -> None:
    modes = {c.symbol: (c.funding_mode, c.standing) for c in CONTRACTS.values() if c.kind == "stock"}
    assert modes == {"AAPLx": ("prefunded", "secured"), "TSLAx": ("prefunded", "unsecured"),
                     "NVDAx": ("broker-credit", "unsecured"), "SPYx": ("in-kind", "secured")}
    assert (CONTRACTS["AAPLx"].buffer, CONTRACTS["TSLAx"].buffer) == (D(2_000_000), D(1_000_000))
    assert (CONTRACTS["NVDAx"].credit_limit, CONTRACTS["NVDAx"].late_rate) == (D(2_000_000), D("0.08"))
    assert CONTRACTS["AAPLx"].agent and CONTRACTS["AAPLx"].agent_costs_bps == D(50)
    for contract in CONTRACTS.values():
        if contract.kind == "stock":
            assert "pari passu" not in contract.terms["insolvency_rank"]
            assert contract.funding_clause and contract.standing_clause


def edited(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "AAPLx.toml"
    text = (REPO_ROOT / "contracts" / "AAPLx.toml").read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return path


@pytest.mark.parametrize("old, new, says", [
    ('mode = "prefunded"', 'mode = "on-credit"', "terms.funding.mode must be one of prefunded"),
    ('buffer = "2000000"', 'cushion = "2000000"', "terms.funding.buffer is required when mode = 'prefunded'"),
    ('buffer = "2000000"', 'buffer = 2000000.5', "terms.funding.buffer must be a decimal string"),
    ('buffer = "2000000"', 'buffer = "-1"', "terms.funding.buffer must be above 0"),
    ('mode = "prefunded"', 'mode = "broker-credit"', "terms.funding.credit_limit is required"),
    ('[terms.funding]', '[terms.funded]', "needs a [terms.funding] table"),
    ('kind = "secured"', 'kind = "senior"', "terms.standing.kind must be one of secured, unsecured"),
    ('agent = "Fivelayer Security Trustee Ltd"', 'agent = ""', "terms.standing.agent must name the security agent"),
    ('agent_costs_bps = "50"', 'agent_costs_bps = "10000"', "agent_costs_bps must be below 10000"),
])
def test_a_contract_that_breaks_its_funding_or_standing_terms_is_refused_at_load(
        tmp_path: Path, old: str, new: str, says: str) -> None:
    with pytest.raises(ValueError) as caught:
        load_contract(edited(tmp_path, old, new))
    assert says in str(caught.value) and "AAPLx.toml" in str(caught.value)


# -- genesis ------------------------------------------------------------------------------------------------

def test_genesis_lends_the_buffers_and_asks_the_broker_for_the_credit_line(world: World) -> None:
    servicer, clients, _ = world
    shown = servicer.GetFunding(common_pb2.Empty(), LocalContext())
    assert from_pb(shown.sponsor_loan) == D(3_000_000)
    by_token = {p.token: p for p in shown.products}
    assert {t: (p.funding_mode, from_pb(p.buffer)) for t, p in by_token.items()} == {
        "AAPLx": ("prefunded", D(2_000_000)), "TSLAx": ("prefunded", D(1_000_000)),
        "NVDAx": ("broker-credit", D(0)), "SPYx": ("in-kind", D(0))}
    assert from_pb(by_token["NVDAx"].credit_limit) == D(2_000_000)
    line = clients.broker.line
    assert (from_pb(line.limit), from_pb(line.annual_rate)) == (D(2_000_000), D("0.08"))
    products = {p.token: p for p in servicer.ListProducts(issuer_pb2.ListProductsRequest(), LocalContext()).products}
    assert (products["AAPLx"].funding_mode, products["AAPLx"].standing) == ("prefunded", "secured")
    with servicer.db.read() as s:
        assert prove(s)[0]


def test_the_products_page_by_token_and_empty_on_the_wire_is_the_first_page(world: World) -> None:
    """ListProducts pages like every list (issue 20, item 8); it took Empty before, and Empty's bytes
    still read as its first page."""
    servicer, _, _ = world
    first = servicer.ListProducts(issuer_pb2.ListProductsRequest(limit=3), LocalContext())
    rest = servicer.ListProducts(issuer_pb2.ListProductsRequest(limit=3, page_token=first.next_page_token),
                                 LocalContext())
    assert [p.token for p in first.products] == ["AAPLx", "NVDAx", "SPYx"] and first.next_page_token
    assert [p.token for p in rest.products] == ["TSLAx"] and rest.next_page_token == ""
    assert first.broker_account_id == rest.broker_account_id != ""
    assert issuer_pb2.ListProductsRequest.FromString(common_pb2.Empty().SerializeToString()) == \
        issuer_pb2.ListProductsRequest()
    with pytest.raises(DomainError) as refused:
        servicer.ListProducts(issuer_pb2.ListProductsRequest(limit=1001), LocalContext())
    assert refused.value.reason == "INVALID_ARGUMENT"


# -- prefunded ----------------------------------------------------------------------------------------------

def test_a_prefunded_mint_reserves_its_hedge_and_the_fill_spends_it(world: World) -> None:
    servicer, clients, _ = world
    row = mint(servicer, "AAPLx", "2")
    estimate = D(2) * PRICE * D("1.05")                       # shares x price x (1 + 5% fill margin)
    f = figures(servicer, "AAPLx")
    assert (f.buffer, f.committed, f.held) == (D(2_000_000) - estimate, estimate, row.cost)
    shown = funding_of(servicer, "AAPLx")
    assert (from_pb(shown.committed), from_pb(shown.stablecoin_held)) == (estimate, D("400.4"))
    order = clients.broker.orders[row.hedge_order_id]          # fills dearer than the mint's price, within margin
    order.status, order.settled = statuses_pb2.ORDER_STATUS_FILLED, True
    order.filled_quantity.CopyFrom(to_pb(D(2)))
    order.filled_avg_price.CopyFrom(to_pb(D("205.125")))
    spv.pay_settled(servicer.db, clients, CONTRACTS, AT)
    f = figures(servicer, "AAPLx")
    assert (f.buffer, f.committed) == (D(2_000_000) - D("410.25"), D(0))
    with servicer.db.read() as s:
        assert get_row(s, HedgeFunding, "r1", "funding").status == "spent" and prove(s)[0]


def test_a_refused_hedge_frees_its_reservation(world: World) -> None:
    servicer, clients, _ = world
    clients.broker.refuse = "ROUTE_CUT"
    mint(servicer, "AAPLx", "2")
    f = figures(servicer, "AAPLx")
    assert (f.buffer, f.committed, f.held) == (D(2_000_000), D(0), D("400.4"))


def test_a_mint_beyond_the_buffer_is_refused_before_it_is_paid(world: World) -> None:
    servicer, clients, _ = world
    mint(servicer, "TSLAx", "4000")                            # 4,000 x 200 x 1.05 = 840,000 of 1,000,000
    error = refused(servicer, clients, "TSLAx", "1000")        # 210,000 more: 160,000 free
    assert error.reason == "BUFFER_EXHAUSTED"
    assert "160000 USD free of 1000000" in error.message and "210000" in error.message
    assert "goes out at the off-ramp's next run, 17:30 ET" in error.message
    assert funding_of(servicer, "TSLAx").mints_refused == 1
    assert mint(servicer, "TSLAx", "700", rid="r2").token == "TSLAx"   # 147,000: fits
    with servicer.db.read() as s:
        assert get_row(s, FundingRefusal, "TSLAx", "refusals").last_reason == "BUFFER_EXHAUSTED"


# -- broker credit ------------------------------------------------------------------------------------------

def test_a_broker_credit_mint_draws_the_line_and_is_refused_beyond_it(world: World) -> None:
    servicer, clients, _ = world
    mint(servicer, "NVDAx", "10")
    f = figures(servicer, "NVDAx")
    assert (f.credit_used, f.committed, f.buffer) == (D(2100), D(2100), D(0))
    clients.broker.line.available.CopyFrom(to_pb(D(1000)))     # the broker's line, drawn by other hedges
    error = refused(servicer, clients, "NVDAx", "5")           # 5 x 200 x 1.05 = 1,050 > 1,000
    assert error.reason == "CREDIT_LIMIT" and "1000 USD available" in error.message
    assert funding_of(servicer, "NVDAx").mints_refused == 1


def test_the_products_own_share_of_the_line_is_checked_at_begin(world: World) -> None:
    servicer, clients, _ = world
    error = refused(servicer, clients, "NVDAx", "10000")       # 2,100,000 > the 2,000,000 line
    assert error.reason == "CREDIT_LIMIT"


# -- in kind ------------------------------------------------------------------------------------------------

def test_an_in_kind_product_refuses_cash_mints_and_says_how(world: World) -> None:
    servicer, clients, _ = world
    error = refused(servicer, clients, "SPYx", "1")
    assert error.reason == "IN_KIND_ONLY" and "tokenization/mint" in error.message
    assert funding_of(servicer, "SPYx").mints_refused == 1


# -- the off-ramp -------------------------------------------------------------------------------------------

def test_the_off_ramp_sends_what_is_held_and_the_wire_refills_the_buffer(world: World) -> None:
    servicer, clients, stablecoin = world
    trigger = offramp.OffRampTrigger(servicer.db, CONTRACTS)
    assert trigger.get_next_fire_time(None, AT) is None        # nothing held: the job does not fire
    row = mint(servicer, "AAPLx", "200")                       # 40,040.00 FUSD: 15,040.00 beyond the float
    assert row.cost == D("40040.00")
    assert trigger.get_next_fire_time(None, AT) == datetime(2026, 11, 20, 22, 30, tzinfo=UTC)  # Fri 17:30 ET
    at = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
    assert servicer.handlers.run_offramp(at) == "1 wires sent (1 asked); 0 landed"
    assert ("transfer", "wire-AAPLx-000001:send") in clients.chain.calls
    assert stablecoin.keys == ["wire-AAPLx-000001:redeem"]
    f = figures(servicer, "AAPLx")
    assert (f.held, f.in_transit) == (D(25_000), D("15040.00"))
    shown = funding_of(servicer, "AAPLx")
    assert from_pb(shown.cash_in_transit) == D("15040.00") and "lands 2026-11-23T02:00:00" in shown.next_wire
    # the trigger wakes a minute after the wire's window opens (Sunday 21:00 ET), not before
    just_after = at + timedelta(microseconds=1)                # as the job runner asks, past its watermark
    assert trigger.get_next_fire_time(None, just_after) == datetime(2026, 11, 23, 2, 1, tzinfo=UTC)
    assert servicer.handlers.run_offramp(at) == "nothing held to send; no wire landed"   # queued: nothing twice
    # past its time and still queued (a delay, or the chain paying at the next advance): read each hour
    assert trigger.get_next_fire_time(None, datetime(2026, 11, 23, 2, 5, tzinfo=UTC)) == datetime(
        2026, 11, 23, 3, 0, tzinfo=UTC)
    [red] = stablecoin.redemptions.values()
    red.status, red.usd.value = statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID, "15040.00"
    before = figures(servicer, "AAPLx").buffer
    assert servicer.handlers.run_offramp(datetime(2026, 11, 23, 2, 1, tzinfo=UTC)).endswith("1 landed")
    f = figures(servicer, "AAPLx")
    assert (f.in_transit, f.buffer - before) == (D(0), D("15040.00"))
    assert trigger.get_next_fire_time(None, datetime(2026, 11, 23, 2, 2, tzinfo=UTC)) is None
    with servicer.db.read() as s:
        assert [w.status for w in s.exec(select(OffRampWire))] == [WireStatus.PAID]
        assert Ledger(s).balance(spv.TREASURY, STABLECOIN) == D("25000.00")
        assert prove(s)[0]


def test_a_wire_repays_the_credit_first(world: World) -> None:
    servicer, _, _ = world
    mint(servicer, "NVDAx", "10")                              # 2,100 drawn
    with servicer.db.transaction() as s:
        wire = funding.begin_wire(s, "NVDAx", D("2002.00"), AT)
        wire.status = WireStatus.IN_TRANSIT
        funding.wire_paid(s, CONTRACTS["NVDAx"], wire, D("2001.50"), AT)   # below par: a de-peg's discount
    f = figures(servicer, "NVDAx")
    assert (f.credit_used, f.buffer, f.in_transit) == (D("98.50"), D(0), D(0))
    with servicer.db.read() as s:
        assert Ledger(s).balance(funding.WIRE_SHORTFALL, funding.USD) == D("0.50") and prove(s)[0]


def test_pure_rules() -> None:
    aapl = CONTRACTS["AAPLx"]
    assert funding.hedge_estimate(aapl, D("0.333333333"), D("227.53")) == D("79.64")   # 79.6333... rounded up
    assert funding.to_send(D("40040.00"), D(25_000), D(1_000_000)) == D("15040.00")
    assert funding.to_send(D("40040.00"), D(25_000), D(10_000)) == D(10_000)          # never past the treasury
    assert funding.to_send(D("25000.50"), D(25_000), D(1_000_000)) == D(0)            # less than a dollar
    assert funding.settle_split(D(420), D("410.25")) == (D("9.75"), D(0))
    assert funding.settle_split(D(420), D(430)) == (D(0), D(10))


def test_a_redemption_pays_fusd_from_held_and_its_sale_settles_into_the_buffer(world: World) -> None:
    servicer, _, _ = world
    mint(servicer, "NVDAx", "10")                              # 2,100 drawn, 2,002 FUSD held
    with servicer.db.transaction() as s:
        funding.redemption_paid(s, CONTRACTS["NVDAx"], "red-1", proceeds=D(3000), payout=D("2997"), now=AT)
    f = figures(servicer, "NVDAx")
    assert (f.held, f.credit_used, f.buffer) == (D(0), D(0), D(900))
    with servicer.db.read() as s:
        assert Ledger(s).balance(funding.UNATTRIBUTED, funding.USD) == D(-995) and prove(s)[0]


def test_the_broker_line_is_read_before_the_payment(world: World) -> None:
    servicer, clients, _ = world
    seen: list[str] = []
    original = clients.broker.GetCreditLine

    def spy(r: broker_pb2.AccountRequest) -> broker_pb2.CreditLine:
        seen.append(f"line after {len(clients.chain.calls)} chain calls")
        return original(r)
    clients.broker.GetCreditLine = spy  # type: ignore[method-assign]
    mint(servicer, "NVDAx", "1")
    assert seen == ["line after 0 chain calls"]


def test_reconcile_shows_the_money_leg_beside_the_shares() -> None:
    from fivelayer.control.reconcile import IssuerShares, token_line
    token = chain_pb2.Token(symbol="NVDAx", underlying="NVDA", total_supply=to_pb(D(10)), multiplier=to_pb(D(1)))
    money = issuer_pb2.ProductFunding(token="NVDAx", funding_mode="broker-credit", buffer=to_pb(D(0)),
                                      cash_in_transit=to_pb(D("1500.5")), credit_used=to_pb(D(2100)),
                                      stablecoin_held=to_pb(D("502")), committed=to_pb(D(2100)))
    line = token_line(token, IssuerShares(), D(0), PRICE, funding=money)
    assert (line.funding_mode, from_pb(line.cash_in_transit), from_pb(line.credit_used), from_pb(line.buffer),
            from_pb(line.stablecoin_held), from_pb(line.committed)) == (
        "broker-credit", D("1500.5"), D(2100), D(0), D(502), D(2100))
    assert from_pb(line.unbacked_shares) == D(10)          # the shares' figures as before
    assert not token_line(token, IssuerShares(), D(0), PRICE).HasField("buffer")   # no funding: nothing shown
