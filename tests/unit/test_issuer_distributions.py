"""What the SPV does with the corporate actions its broker passes on, product by product, to the
smallest unit: a reinvested dividend raises the multiplier (rounded down, effective at the next
open), a distributed one is paid in FUSD to the holders of record (each rounded down, the remainder
kept and shown), a kept one stays; a split moves the multiplier; a meeting stops at the SPV. Each
notice is applied once, rounding never favours the counterparty, and the books prove."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.issuer import distributions as dist
from fivelayer.issuer import notices
from fivelayer.issuer.jobs import issuer_jobs
from fivelayer.issuer.models import DistributionPayment, DistributionRow, EstateRow, ExDividendRow
from fivelayer.issuer.service import IssuerServicer
from fivelayer.issuer.spv import TREASURY
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb, round_down, round_up, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, FAUCET_ADDRESS, ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.saga import resume
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, control_pb2, issuer_pb2, statuses_pb2
from sqlmodel import select

from tests.unit.ledger_chain import LedgerChain, LedgerWallet

D = Decimal
CONTRACTS = load_contracts(REPO_ROOT / "contracts")
ALICE, BOB, CAROL = "0x" + "a1" * 20, "0x" + "b0" * 20, "0x" + "ca" * 20   # holders' own wallets
RECORD, PAY = "2026-12-07", "2026-12-09"                       # a Monday and a Wednesday, both sessions
BEFORE_RECORD = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)        # holders buy before the record date
AFTER_RECORD = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)         # ... and sell after it: too late
PAY_RUN = datetime(2026, 12, 9, 16, 0, tzinfo=UTC)              # 11:00 New York on the pay date
NEXT_OPEN = datetime(2026, 12, 10, 14, 30, tzinfo=UTC)          # 09:30 New York the next day


# -- the arithmetic, pure ------------------------------------------------------------------------

def test_the_spv_gets_the_dividend_less_30_percent_to_the_cent() -> None:
    cash = dist.dividend_cash(D(1000), D("0.26"), D("0.30"))
    assert (cash.gross, cash.withheld, cash.net) == (D("260.00"), D("78.00"), D("182.00"))
    odd = dist.dividend_cash(D("333.333333333"), D("0.2417"), D("0.30"))   # 80.566666... -> 80.56 down
    assert (odd.gross, odd.withheld, odd.net) == (D("80.56"), D("24.17"), D("56.39"))  # 24.168 -> 24.17 nearest
    dist.check_dividend(D("260.00"), D("78.00"), D("182.00"))
    for bad in ((D("260.00"), D("78.00"), D("182.01")), (D("260.001"), D("78.001"), D("182.00"))):
        with pytest.raises(DomainError):
            dist.check_dividend(*bad)


def test_reinvest_buys_net_over_price_rounded_down_and_the_multiplier_rises_rounded_down() -> None:
    plan = dist.reinvest(D("182.00"), D("230.00"), tokens_outstanding=D(1000), multiplier=D(1))
    assert plan.shares_bought == D("0.791304347")               # 0.7913043478... down to 9 places
    assert plan.cost == D("181.99999981") and plan.retained == D("0.00000019")  # the SPV keeps what 9 places leave
    assert plan.represented == D(1000)
    assert plan.multiplier_after == D("1.000791304347")         # 1 x (1000 + 0.791304347) / 1000, exact
    # 3 tokens: (3 + 0.791304347) / 3 does not end; rounded DOWN, so the tokens never claim more than was bought
    odd = dist.reinvest(D("182.00"), D("230.00"), tokens_outstanding=D(3), multiplier=D(1))
    assert odd.multiplier_after == D("1.263768115666666666")
    claimed, held = D(3) * odd.multiplier_after, D(3) + odd.shares_bought
    assert claimed <= held < D(3) * (odd.multiplier_after + D("1e-18"))  # the largest multiplier the shares back
    # on a multiplier already above 1, and on top of a scheduled change (a 2:1 split set for the same open)
    scheduled = dist.reinvest(D("182.00"), D("230.00"), D(1000), multiplier=D("1.5"), base=D(3))
    assert scheduled.multiplier_before == D(3)
    assert scheduled.multiplier_after == round_down(D(3) * (D(1500) + D("0.791304347")) / D(1500), 18)
    # nothing outstanding at the record date, or too little to buy: nothing bought, the SPV keeps the net
    for nothing in (dist.reinvest(D("182.00"), D("230.00"), D(0), D(1)),
                    dist.reinvest(D("0.00"), D("230.00"), D(1000), D(1))):
        assert (nothing.shares_bought, nothing.multiplier_after, nothing.retained) == (D(0), D(1), nothing.retained)
    assert dist.reinvest(D("182.00"), D("230.00"), D(0), D(1)).retained == D("182.00")


def test_stablecoin_pays_each_holder_rounded_down_and_keeps_the_remainder() -> None:
    three = dist.pro_rata(D("182.00"), [(ALICE, D(1)), (BOB, D(1)), (CAROL, D(1))])
    assert [p.amount for p in three.payouts] == [D("60.666666")] * 3
    assert (three.paid, three.remainder, three.supply) == (D("181.999998"), D("0.000002"), D(3))
    uneven = dist.pro_rata(D("182.00"), [(ALICE, D("0.5")), (BOB, D("1.25")), (CAROL, D("1.000000000000000001"))])
    for payout in uneven.payouts:
        exact = D("182.00") * payout.balance / uneven.supply
        assert payout.amount <= exact < payout.amount + D("0.000001")   # at most one unit below, never above
    assert uneven.paid + uneven.remainder == D("182.00") and uneven.remainder >= 0
    assert dist.pro_rata(D("182.00"), []).remainder == D("182.00")      # nobody of record: all kept


def test_splits_move_the_multiplier_rounded_down() -> None:
    assert dist.split_multiplier(D(1), 4, 1) == D(4)
    assert dist.split_multiplier(D("1.000791304347"), 1, 4) == D("0.25019782608675")
    assert dist.split_multiplier(D(1), 2, 3) == D("0.666666666666666666")
    with pytest.raises(DomainError):
        dist.split_multiplier(D(1), 0, 1)


@pytest.mark.parametrize("tokens, new, old", [(D(7), 2, 3), (D("1500.000000002"), 1, 4), (D("3.3"), 3, 7),
                                                (D(10), 4, 1)])
def test_a_split_never_leaves_tokens_claiming_more_than_the_shares_the_broker_kept(tokens: Decimal, new: int,
                                                                                 old: int) -> None:
    """Fully backed before (shares = tokens x multiplier), the broker scales the position to 9 places
    (rounding down, cash in lieu for the rest): the multiplier after leaves the claim at or below the
    shares, by less than a share's 9th place, and an even split changes nothing."""
    multiplier = D("1.5")                                       # a mint's shares never need more than 9 places
    shares = tokens * multiplier
    after = round_down(shares * new / old, 9)                 # the broker's rule (broker.corporate_actions.scaled)
    lost = dist.split_rounding(shares, after, new, old)
    moved = dist.split_multiplier(multiplier, new, old, tokens, lost)
    claim = tokens * moved
    assert claim <= after and after - claim < D("1e-9")
    if lost == 0:
        assert moved == dist.split_multiplier(multiplier, new, old)


def test_the_instants() -> None:
    # holders of record: at the close of the session before the ex-date (Monday's: Friday 16:00 New York)
    assert dist.holders_of_record_at(date(2026, 12, 7)) == datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
    assert dist.holders_of_record_at(date(2026, 7, 7)) == datetime(2026, 7, 6, 20, 0, tzinfo=UTC)      # EDT
    assert dist.holders_of_record_at(date(2026, 11, 30)) == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)  # 13:00:
    # the day after Thanksgiving closes early
    assert dist.reinvest_effective(PAY_RUN) == NEXT_OPEN
    assert dist.reinvest_effective(datetime(2026, 12, 24, 16, 0, tzinfo=UTC)) == \
        datetime(2026, 12, 28, 14, 30, tzinfo=UTC)                   # Christmas, then the weekend
    assert dist.split_effective(date(2026, 12, 10)) == NEXT_OPEN


# -- the notices, applied: the issuer against a model of the token contracts (tests/unit/ledger_chain.py) --

class LocalChain(LedgerWallet):
    """The issuer's wallet over the fake chain: it signs as the SPV only; `down` makes Transfer unavailable."""

    def __init__(self, chain: LedgerChain) -> None:
        super().__init__(chain, "issuer", [ISSUER_ADDRESS])
        self.down = False
        self.keys: list[str] = []

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        self.keys.append(r.request_id)
        if self.down:
            raise DomainError(Common.UNAVAILABLE, "the chain is away")
        return super().Transfer(r)

    def SetMultiplier(self, r: chain_pb2.SetMultiplierRequest) -> chain_pb2.Tx:
        self.keys.append(r.request_id)
        return super().SetMultiplier(r)


class Broker:
    """The SPV's broker: its account, its notices, its orders (each client order id once)."""

    def __init__(self) -> None:
        self.notices: list[broker_pb2.Notice] = []
        self.announcements: list[broker_pb2.Announcement] = []  # the depository's, as the broker passes them on
        self.fill_prices: dict[str, Decimal] = {}  # a fill away from the quote, by symbol
        self.orders: dict[str, broker_pb2.Order] = {}
        self.refuse = ""
        self.line = broker_pb2.CreditLine()

    def CreateAccount(self, r: broker_pb2.CreateAccountRequest) -> broker_pb2.Account:
        token = r.request_id.rsplit(":", 1)[-1]          # each product's own account: spv-<token>
        return broker_pb2.Account(account_id=f"spv-{token}", api_key=f"key-{token}",
                                  customer_id=r.customer_account_id or f"spv-{token}")

    def FundAccount(self, r: broker_pb2.FundAccountRequest) -> broker_pb2.CashResponse:
        return broker_pb2.CashResponse()

    def SetAccountStatus(self, r: broker_pb2.SetAccountStatusRequest) -> broker_pb2.Account:
        return broker_pb2.Account(account_id=r.account_id)

    def PlaceOrder(self, r: broker_pb2.PlaceOrderRequest) -> broker_pb2.Order:
        if self.refuse:
            raise refusal(self.refuse, "refused")
        assert r.account_id.startswith("spv-") and r.api_key == r.account_id.replace("spv-", "key-")
        assert r.symbol == CONTRACTS[r.account_id.removeprefix("spv-")].underlying   # on its product's account
        if r.request_id not in self.orders:
            self.orders[r.request_id] = broker_pb2.Order(   # a market order in a session: filled at the quote
                order_id=f"ord-{len(self.orders) + 1}", client_order_id=r.request_id, symbol=r.symbol, side=r.side,
                quantity=r.quantity, status=statuses_pb2.ORDER_STATUS_FILLED, filled_quantity=r.quantity,
                filled_avg_price=to_pb(self.fill_prices.get(r.symbol, Market.PRICES[r.symbol])))
        return self.orders[r.request_id]

    def GetOrder(self, r: broker_pb2.OrderRequest) -> broker_pb2.Order:
        return next(o for o in self.orders.values() if o.order_id == r.order_id)

    def ListOrders(self, r: broker_pb2.ListOrdersRequest) -> broker_pb2.ListOrdersResponse:
        return broker_pb2.ListOrdersResponse(orders=list(self.orders.values()))

    def GetPositions(self, r: broker_pb2.AccountRequest) -> broker_pb2.AccountPositions:
        return broker_pb2.AccountPositions()

    def SetStandingVotingInstruction(self, r: broker_pb2.StandingVotingInstructionRequest
                                     ) -> broker_pb2.StandingVotingInstruction:
        return broker_pb2.StandingVotingInstruction(account_id=r.account_id, symbols=r.symbols,
                                                    do_not_vote=r.do_not_vote, reason=r.reason)

    def GetCash(self, r: broker_pb2.AccountRequest) -> broker_pb2.CashResponse:
        return broker_pb2.CashResponse()

    def RegisterTokenizationIssuer(self, r: broker_pb2.RegisterTokenizationIssuerRequest
                                   ) -> broker_pb2.TokenizationIssuer:
        return broker_pb2.TokenizationIssuer(issuer=r.issuer, account_id=r.account_id)

    def TokenizationCallback(self, r: broker_pb2.TokenizationCallbackRequest) -> broker_pb2.TokenizationRequest:
        return broker_pb2.TokenizationRequest(id=r.tokenization_request_id, kind=r.kind,
                                           status=statuses_pb2.TOKENIZATION_STATUS_COMPLETED)

    def ListNotices(self, r: broker_pb2.ListNoticesRequest) -> broker_pb2.ListNoticesResponse:
        return broker_pb2.ListNoticesResponse(notices=[n for n in self.notices if n.account_id == r.account_id
                                                       and (not r.kind or n.kind == r.kind)])

    def ListAnnouncements(self, r: broker_pb2.ListAnnouncementsRequest) -> broker_pb2.ListAnnouncementsResponse:
        return broker_pb2.ListAnnouncementsResponse(announcements=[a for a in self.announcements if a.kind == r.kind])

    def GetAccount(self, r: broker_pb2.AccountRequest) -> broker_pb2.Account:
        return broker_pb2.Account(account_id=r.account_id, withholding_rate=to_pb(D("0.3")))

    def SetCreditLine(self, r: broker_pb2.SetCreditLineRequest) -> broker_pb2.CreditLine:
        self.line = broker_pb2.CreditLine(account_id=r.account_id, limit=r.limit, annual_rate=r.annual_rate,
                                          used=to_pb(D(0)), available=r.limit)
        return self.line

    def GetCreditLine(self, r: broker_pb2.AccountRequest) -> broker_pb2.CreditLine:
        return self.line


class Market:
    PRICES = {"AAPL": D("230.00"), "NVDA": D("180.00"), "TSLA": D("400.00"), "SPY": D("650.00")}

    def GetPrice(self, r: control_pb2.PriceRequest) -> control_pb2.Price:
        return control_pb2.Price(symbol=r.symbol, price=to_pb(self.PRICES[r.symbol]))


@dataclass
class Clients:
    chain: LocalChain
    broker: Broker
    market_data: Market


@dataclass
class World:
    issuer: IssuerServicer
    chain: LedgerChain   # the test stands for anyone on it: holders, the faucet
    clients: Clients
    clock: FixedClock

    def at(self, instant: datetime) -> None:
        self.clock.at = instant

    def mint(self, token: str, to: str, amount: str) -> None:
        self.chain.Mint(chain_pb2.MintTokensRequest(request_id=f"mint:{token}:{to}:{amount}:{self.clock.at}",
                                                    symbol=token, sender=ISSUER_ADDRESS, to_address=to,
                                                    amount=to_pb(D(amount))))

    def send(self, token: str, sender: str, to: str, amount: str) -> None:
        self.chain.Transfer(chain_pb2.TransferRequest(request_id=f"send:{sender}:{to}:{self.clock.at}", symbol=token,
                                                      sender=sender, to_address=to, amount=to_pb(D(amount))))

    def notice(self, kind: str, symbol: str, **fields: object) -> broker_pb2.Notice:
        n = broker_pb2.Notice(notice_id=f"ntc-{len(self.clients.broker.notices) + 1:06d}", kind=kind,
                              action_id=f"ca-{len(self.clients.broker.notices) + 1:06d}", account_id=f"spv-{symbol}x",
                              symbol=symbol, record_date=RECORD, at=to_ts(self.clock.at),
                              **fields)  # type: ignore[arg-type]
        self.clients.broker.notices.append(n)
        return n

    def dividend(self, symbol: str) -> broker_pb2.Notice:
        """0.26 USD a share on the SPV's 1,000 shares, 30% withheld: net 182.00."""
        return self.notice("dividend", symbol, shares=to_pb(D(1000)), rate=to_pb(D("0.26")), gross=to_pb(D("260.00")),
                           withheld=to_pb(D("78.00")), net=to_pb(D("182.00")), withholding_rate=to_pb(D("0.3")),
                           pay_date=PAY)

    def rows(self) -> list[DistributionRow]:
        with self.issuer.db.read() as s:
            return list(s.exec(select(DistributionRow).order_by(DistributionRow.id)))

    def fusd(self, address: str) -> Decimal:
        return from_pb(self.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=address)).amount)

    def multiplier(self, token: str) -> str:
        return self.chain.GetToken(chain_pb2.TokenRequest(symbol=token)).multiplier.value

    def proves(self) -> None:
        with self.issuer.db.read() as s:
            balanced, _, problems = prove(s)
            assert balanced, problems
        with self.chain.db.read() as s:
            assert prove(s)[0]


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def make_world(tmp_path: Path) -> World:
    """An issuer SPV on a ledger chain and fake broker and market, with a FUSD treasury."""
    clock = FixedClock(BEFORE_RECORD)
    chain = LedgerChain(Database(f"sqlite:///{tmp_path}/chain.db"), clock)
    chain.genesis(CONTRACTS)
    clients = Clients(LocalChain(chain), Broker(), Market())
    issuer = IssuerServicer(Database(f"sqlite:///{tmp_path}/issuer.db"), clock, clients, CONTRACTS)
    issuer.handlers.ensure_account()
    # the SPV's FUSD treasury, from earlier mints: on chain and in its books
    chain.Mint(chain_pb2.MintTokensRequest(request_id="faucet", symbol=STABLECOIN, sender=FAUCET_ADDRESS,
                                           to_address=ISSUER_ADDRESS, amount=to_pb(D(1000))))
    with issuer.db.transaction() as s:
        Ledger(s).transfer("@payers", TREASURY, STABLECOIN, D(1000), at=BEFORE_RECORD, transfer_id="mint:earlier")
    return World(issuer, chain, clients, clock)


FRIDAY_CLOSE = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)          # 16:00 New York: the holders of record
EX_OPEN = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)              # Monday 09:30, the ex-date's open


def announce(world: World, amount: str = "0.26") -> None:
    world.clients.broker.announcements.append(broker_pb2.Announcement(
        action_id="ca-000001", kind="dividend", symbol="AAPL", amount=to_pb(D(amount)), ex_date=RECORD,
        record_date=RECORD, pay_date=PAY))


def test_a_reinvested_dividend_raises_the_multiplier_at_the_ex_date_open_and_buys_what_it_owes(world: World) -> None:
    """At the close before the ex-date the SPV takes the net dividend into the multiplier from the open
    (at the reference price, close - dividend); the shares the tokens of record are owed are bought on
    the pay date at the fill, the net dividend less their cost the SPV's own (here a loss)."""
    world.mint("AAPLx", EXCHANGE_HOT_WALLET, "1000")
    announce(world)
    world.at(datetime(2026, 12, 4, 20, 59, tzinfo=UTC))
    assert world.issuer.handlers.schedule_ex_dividends() == "no dividend goes ex next"      # a minute before the close
    world.at(FRIDAY_CLOSE)
    assert world.issuer.handlers.schedule_ex_dividends().startswith("AAPLx x 1.000792")
    with world.issuer.db.read() as s:
        [ex] = s.exec(select(ExDividendRow)).all()
    reference = D("230.00") - D("0.26")
    after = round_down(1 + D("0.26") * D("0.7") / reference, 18)
    assert (ex.reference, ex.supply, ex.multiplier_before, ex.multiplier_after) == (reference, D(1000), D(1), after)
    assert ex.shares_owed == round_up(1000 * (after - 1), 9) and ex.effective_at == EX_OPEN
    assert world.multiplier("AAPLx") == "1"                                      # until the open
    assert world.issuer.handlers.schedule_ex_dividends() == "no dividend goes ex next"    # once
    world.at(EX_OPEN)
    assert world.multiplier("AAPLx") == str(after)                               # the token's value holds
    world.mint("AAPLx", ALICE, "500")                           # after the open: hedged at the new multiplier
    world.at(PAY_RUN)
    world.dividend("AAPL")
    world.clients.broker.fill_prices["AAPL"] = D("231.00")      # the reinvestment fills above the quote
    assert world.issuer.handlers.apply_notices().applied == ["ntc-000001"]
    [row] = world.rows()
    assert (row.shares_bought, row.multiplier_before, row.multiplier_after) == (ex.shares_owed, D(1), after)
    assert row.price == D("231.00") and row.cost == ex.shares_owed * D("231.00")
    assert row.retained == D("182.00") - row.cost < 0                           # the SPV's loss, shown
    assert world.clients.chain.keys == ["exdiv:ca-000001:AAPLx:multiplier"]     # no second change
    order = world.clients.broker.orders["div:ntc-000001:reinvest"]
    assert order.quantity.value == str(ex.shares_owed)
    with world.issuer.db.read() as s:
        assert Ledger(s).balance("@spv-capital", "USD") == row.retained        # the SPV paid the difference
        assert s.exec(select(ExDividendRow)).one().order_id == order.order_id
    world.proves()


def test_reinvest_buys_the_shares_and_raises_the_multiplier_from_the_next_open(world: World) -> None:
    world.mint("AAPLx", EXCHANGE_HOT_WALLET, "1000")
    world.at(AFTER_RECORD)
    world.mint("AAPLx", ALICE, "500")                           # minted after the record date: not outstanding then
    world.at(PAY_RUN)
    world.dividend("AAPL")
    assert world.issuer.handlers.apply_notices().applied == ["ntc-000001"]
    [row] = world.rows()
    assert (row.policy, row.status, row.net, row.price) == ("reinvest", "applied", D("182.00"), D("230.00"))
    assert (row.supply, row.shares_bought, row.cost) == (D(1000), D("0.791304347"), D("181.99999981"))
    assert (row.multiplier_before, row.multiplier_after) == (D(1), D("1.000791304347"))
    assert row.retained == D("0.00000019") and row.effective_at == NEXT_OPEN
    assert row.clause == CONTRACTS["AAPLx"].dividends_clause and "reinvests" in row.clause
    order = world.clients.broker.orders["div:ntc-000001:reinvest"]
    assert (order.symbol, order.side, order.quantity.value) == ("AAPL", broker_pb2.BUY, "0.791304347")
    assert world.multiplier("AAPLx") == "1"                     # the old multiplier until the stated instant
    world.at(NEXT_OPEN)
    assert world.multiplier("AAPLx") == "1.000791304347"
    assert world.issuer.handlers.apply_notices().applied == []          # once
    assert len(world.clients.broker.orders) == 1 and world.clients.chain.keys == ["dist:ntc-000001:multiplier"]
    with world.issuer.db.read() as s:
        ledger = Ledger(s)
        assert ledger.balance("dividends:AAPLx", "USD") == D("0.00000019")   # kept: what 9 places leave
        assert ledger.balance("@withholding", "USD") == D("78.00")
    world.proves()


def test_a_stablecoin_payout_is_fixed_at_the_close_before_the_ex_date(world: World) -> None:
    """Both sides of the boundary: a buyer before Friday's close is a holder of record; one during the
    ex-date's session (Monday, the record date under T+1) buys ex-dividend and is not paid."""
    world.mint("NVDAx", ALICE, "2")
    world.at(datetime(2026, 12, 4, 20, 59, 59, tzinfo=UTC))  # Friday 15:59:59 New York: before the close
    world.send("NVDAx", ALICE, BOB, "1")
    world.at(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))       # Monday 10:00, the ex-date: after the snapshot
    world.send("NVDAx", ALICE, CAROL, "1")
    world.at(PAY_RUN)
    world.dividend("NVDA")
    before = {a: world.fusd(a) for a in (ALICE, BOB, CAROL)}
    world.issuer.handlers.apply_notices()
    [row] = world.rows()
    assert row.snapshot_at == datetime(2026, 12, 4, 21, 0, tzinfo=UTC) and row.holders == 2
    paid = {a: world.fusd(a) - before[a] for a in before}
    assert paid[ALICE] == paid[BOB] > 0 and paid[CAROL] == 0


def test_stablecoin_pays_the_holders_of_record_and_keeps_the_remainder(world: World) -> None:
    for holder in (ALICE, BOB, EXCHANGE_HOT_WALLET):
        world.mint("NVDAx", holder, "1")
    world.at(AFTER_RECORD)
    world.send("NVDAx", ALICE, CAROL, "1")                     # sold after the record date: Alice keeps the dividend
    world.at(PAY_RUN)
    world.dividend("NVDA")
    before = {a: world.fusd(a) for a in (ALICE, BOB, CAROL, EXCHANGE_HOT_WALLET, ISSUER_ADDRESS)}
    world.issuer.handlers.apply_notices()
    [row] = world.rows()
    assert (row.policy, row.status, row.holders, row.supply) == ("stablecoin", "applied", 3, D(3))
    assert (row.paid_total, row.retained) == (D("181.999998"), D("0.000002"))
    assert row.snapshot_at == dist.holders_of_record_at(date(2026, 12, 7))
    paid = {a: world.fusd(a) - before[a] for a in before}
    assert paid == {ALICE: D("60.666666"), BOB: D("60.666666"), CAROL: D(0), EXCHANGE_HOT_WALLET: D("60.666666"),
                    ISSUER_ADDRESS: D("-181.999998")}
    world.issuer.handlers.apply_notices()                                # once: the keyed transfers are not sent again
    assert world.fusd(ALICE) - before[ALICE] == D("60.666666")
    assert sorted(set(world.clients.chain.keys)) == sorted(f"dist:ntc-000001:pay:{a}"
                                                           for a in (ALICE, BOB, EXCHANGE_HOT_WALLET))
    lines = world.issuer.ListDistributionPayments(issuer_pb2.ListDistributionPaymentsRequest(address=ALICE),
                                                  LocalContext()).payments
    assert [(p.amount.value, p.status) for p in lines] == [("60.666666", statuses_pb2.PAYMENT_STATUS_PAID)]
    with world.issuer.db.read() as s:
        ledger = Ledger(s)
        assert ledger.balance(TREASURY, STABLECOIN) == D(1000) - D("181.999998")
        assert ledger.balance("dividends:NVDAx", "USD") == D("0.000002")
        assert ledger.balance("distribution:dist-000001", STABLECOIN) == D(0)
    world.proves()


def test_a_frozen_holder_and_the_spvs_own_tokens_keep_their_amounts_at_the_spv(world: World) -> None:
    for holder, amount in ((ALICE, "2"), (BOB, "1"), (ISSUER_ADDRESS, "1")):
        world.mint("NVDAx", holder, amount)
    world.chain.SetFrozen(chain_pb2.SetFrozenRequest(request_id="f", symbol=STABLECOIN, sender=FAUCET_ADDRESS,
                                                     address=BOB, frozen=True))
    world.at(PAY_RUN)
    world.dividend("NVDA")
    world.issuer.handlers.apply_notices()
    [row] = world.rows()
    assert (row.paid_total, row.retained) == (D("91.00"), D("91.00"))  # Alice's half paid; Bob's, the SPV's kept
    with world.issuer.db.read() as s:
        statuses = {p.address: (p.status, p.reason) for p in s.exec(select(DistributionPayment))}
        assert Ledger(s).balance(TREASURY, STABLECOIN) == D(1000) - D("91.00")
    assert statuses == {ALICE: ("paid", ""), BOB: notices.RETAINED_FROZEN, ISSUER_ADDRESS: notices.RETAINED_OWN}
    world.proves()


def test_none_keeps_the_dividend_and_says_which_clause(world: World) -> None:
    world.mint("TSLAx", ALICE, "5")
    world.at(PAY_RUN)
    world.dividend("TSLA")
    world.issuer.handlers.apply_notices()
    [row] = world.rows()
    assert (row.policy, row.net, row.retained, row.paid_total, row.shares_bought) == ("none", D("182.00"),
                                                                                      D("182.00"), D(0), D(0))
    assert row.clause == CONTRACTS["TSLAx"].dividends_clause and "keeps" in row.clause
    assert world.clients.broker.orders == {} and world.clients.chain.keys == [] and world.multiplier("TSLAx") == "1"
    world.proves()


def test_a_split_moves_the_multiplier_at_its_open_and_a_meeting_stops_at_the_spv(world: World) -> None:
    early = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)            # 07:00 New York on the effective date
    world.at(early)
    world.notice("split", "NVDA", new_shares=4, old_shares=1, effective_date="2026-12-10",
                 shares=to_pb(D(1000)), shares_after=to_pb(D(4000)))
    world.notice("meeting", "AAPL", meeting_date="2027-01-15", proposals=["elect the board", "ratify auditors"])
    assert world.issuer.handlers.apply_notices(notices.BEFORE_OPEN).applied == ["ntc-000001", "ntc-000002"]
    split, meeting = world.rows()
    assert (split.policy, split.multiplier_before, split.multiplier_after) == ("multiplier", D(1), D(4))
    assert split.effective_at == NEXT_OPEN and split.clause == CONTRACTS["NVDAx"].split_clause
    assert world.multiplier("NVDAx") == "1"
    world.at(NEXT_OPEN)
    assert world.multiplier("NVDAx") == "4"
    assert (meeting.kind, meeting.policy) == ("meeting", "voting: none")
    assert meeting.detail.startswith("not passed on: contracts say voting = none")
    assert meeting.clause == CONTRACTS["AAPLx"].voting_clause
    response = world.issuer.ListDistributions(issuer_pb2.ListDistributionsRequest(), LocalContext())
    assert [(d.kind, d.token, d.multiplier_after.value) for d in response.distributions] == [
        ("split", "NVDAx", "4"), ("meeting", "AAPLx", "0")]
    assert from_ts(response.distributions[0].effective_at) == NEXT_OPEN


def test_a_reinvestment_waits_for_an_open_market_and_a_cut_short_one_carries_on_with_its_keys(world: World) -> None:
    world.mint("AAPLx", ALICE, "3")
    world.at(datetime(2026, 12, 25, 16, 0, tzinfo=UTC))       # Christmas, 11:00 New York: the market is closed
    world.dividend("AAPL")
    report = world.issuer.handlers.apply_notices()
    assert (report.applied, report.waiting, world.rows()) == ([], 1, [])
    world.at(datetime(2026, 12, 28, 16, 0, tzinfo=UTC))
    world.clients.broker.refuse = "UNAVAILABLE"
    report = world.issuer.handlers.apply_notices()
    assert report.pending == ["ntc-000001: UNAVAILABLE"]
    [row] = world.rows()
    assert (row.status, row.last_error) == ("pending", "[UNAVAILABLE] refused")   # the plan stands, kept
    world.clients.broker.refuse = ""
    assert world.issuer.handlers.apply_notices().applied == ["ntc-000001"]
    [row] = world.rows()
    assert (row.status, row.multiplier_after) == ("applied", D("1.263768115666666666"))
    assert row.effective_at == datetime(2026, 12, 29, 14, 30, tzinfo=UTC)
    world.proves()


def test_a_payout_cut_short_resumes_with_the_same_keys(world: World) -> None:
    for holder in (ALICE, BOB):
        world.mint("NVDAx", holder, "1")
    world.at(PAY_RUN)
    world.dividend("NVDA")
    world.clients.chain.down = True
    assert world.issuer.handlers.apply_notices().pending == ["ntc-000001: UNAVAILABLE"]
    with world.issuer.db.read() as s:
        assert Ledger(s).balance("distribution:dist-000001", STABLECOIN) == D("182.00")   # reserved meanwhile
    world.clients.chain.down = False
    world.issuer.handlers.apply_notices()
    [row] = world.rows()
    assert (row.status, row.paid_total, row.retained) == ("applied", D("182.00"), D(0))
    assert world.fusd(ALICE) == D("91.00") == world.fusd(BOB)
    world.proves()


def test_a_notice_cut_short_is_carried_on_by_the_resumer(world: World) -> None:
    """Each notice is a saga keyed notice:<id>: the chain away mid-way leaves its intent, which the
    issuer's resumer carries on with the same plan and keys; the next pass finds it applied."""
    for holder in (ALICE, BOB):
        world.mint("NVDAx", holder, "1")
    world.at(PAY_RUN)
    world.dividend("NVDA")
    world.clients.chain.down = True
    assert world.issuer.handlers.apply_notices().pending == ["ntc-000001: UNAVAILABLE"]
    [stuck] = world.rows()
    assert stuck.status == "pending" and stuck.last_error.startswith("[UNAVAILABLE]")
    world.clients.chain.down = False
    resumed = list(resume(world.issuer.db, world.issuer, LocalContext(), older_than=0))
    assert resumed == ["ApplyNotice:notice:ntc-000001"]
    [row] = world.rows()
    assert (row.status, row.paid_total, row.retained) == ("applied", D("182.00"), D(0))
    assert world.fusd(ALICE) == D("91.00") == world.fusd(BOB)
    assert world.issuer.handlers.apply_notices().applied == []     # once
    world.proves()


def test_an_insolvent_spv_passes_nothing_on(world: World) -> None:
    world.mint("NVDAx", ALICE, "1")
    world.at(PAY_RUN)
    world.dividend("NVDA")
    with world.issuer.db.transaction() as s:
        s.add(EstateRow(id=1, reason="drill", declared_at=PAY_RUN, broker_account_id="spv-AAPLx", statement="{}"))
    assert world.issuer.handlers.apply_notices().applied == [] and world.rows() == []


def test_the_issuer_applies_notices_at_seven_and_eleven_new_york(world: World) -> None:
    book = issuer_jobs(world.issuer.handlers)
    assert book.next_due(PAY_RUN - timedelta(hours=1)) is None            # no notice waits: no pass fires
    world.mint("TSLAx", ALICE, "1")
    world.at(PAY_RUN - timedelta(hours=2))
    world.dividend("TSLA")                                                # a dividend waits for the 11:00 pass
    book.refresh()                                                        # control asks again (the broker woke it)
    assert book.next_due(PAY_RUN - timedelta(hours=1)) == PAY_RUN          # 11:00 New York: after the broker's 10:00
    assert [j.name for j in book.due_at(PAY_RUN - timedelta(hours=1), PAY_RUN)] == ["distributions"]
    seven = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    assert [j.name for j in book.due_at(seven - timedelta(hours=1), seven)] == ["corporate-actions-before-open"]
    world.at(seven)
    [early] = book.due_at(seven - timedelta(hours=1), seven)
    assert early.run(seven) == "0 notices applied" and world.rows() == []
    [late] = book.due_at(PAY_RUN - timedelta(hours=1), PAY_RUN)
    assert late.run(seven) == "1 notices applied"


def test_a_large_distributions_holders_of_record_are_those_at_the_close_before_its_ex_date(world: World) -> None:
    """FINRA Rule 11140: 25% or more goes ex on the first session after the pay date (the notice's
    ex_date), so the SPV's holders of record are those at the close of the pay date, not of the record date's eve."""
    notice = broker_pb2.Notice(kind="dividend", record_date=RECORD, ex_date="2026-12-10")
    assert notices.holders_of_record_instant(notice) == datetime(2026, 12, 9, 21, 0, tzinfo=UTC)  # Wed 16:00 NY
    assert notices.holders_of_record_instant(broker_pb2.Notice(kind="dividend", record_date=RECORD)) == \
        datetime(2026, 12, 4, 21, 0, tzinfo=UTC)                    # no ex date: the record date's (= ex date's) eve
    world.mint("NVDAx", ALICE, "2")
    world.at(datetime(2026, 12, 8, 15, 0, tzinfo=UTC))        # Tuesday, after the record date, before the ex date
    world.send("NVDAx", ALICE, BOB, "1")
    world.at(datetime(2026, 12, 10, 15, 0, tzinfo=UTC))       # Thursday, the ex date: ex-dividend
    world.send("NVDAx", ALICE, CAROL, "1")
    world.at(datetime(2026, 12, 10, 16, 0, tzinfo=UTC))       # the broker's notice comes on the ex date
    world.dividend("NVDA").ex_date = "2026-12-10"
    before = {a: world.fusd(a) for a in (ALICE, BOB, CAROL)}
    world.issuer.handlers.apply_notices()
    [row] = world.rows()
    assert row.snapshot_at == datetime(2026, 12, 9, 21, 0, tzinfo=UTC) and row.holders == 2
    paid = {a: world.fusd(a) - before[a] for a in before}
    assert paid[ALICE] == paid[BOB] > 0 and paid[CAROL] == 0
