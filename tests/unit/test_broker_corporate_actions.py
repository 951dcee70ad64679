"""Corporate actions at the broker: dividends allocated by the broker's own books at the record date
(the ex-date rule), withheld by tax status and rounded to the cent (gross down, tax to the nearest), the
broker keeping DTC's remainder with books that prove; forward and reverse splits of positions and
orders with cash in lieu; meeting notices to holders only; the activities alpaca-py parses."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alpaca.broker.client import BrokerClient
from alpaca.trading.models import NonTradeActivity
from fivelayer.broker import accounts, activities, orders, tax
from fivelayer.broker import corporate_actions as ca
from fivelayer.broker.api import money
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.models import CorporateActionRow, NoticeRow, OrderRow
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel import calendar
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.outbox import OutboxEvent, fields
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2
from sqlmodel import select

D = Decimal
MON = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)          # 10:00 ET, in session
TUE = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
WED = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)          # the ex (= record) date below
FRI = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)          # after Thanksgiving; closes at 13:00 ET
NEXT_MON_0630 = datetime(2026, 11, 30, 11, 30, tzinfo=UTC)
NEXT_MON_10 = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)   # the pay date's allocation run
NEXT_MON_SYNC = datetime(2026, 11, 30, 21, 30, tzinfo=UTC)


class FakeVenue:
    def __init__(self) -> None:
        self.prices = {"AAPL": D("100")}
        self.asked: list[tuple[str, datetime]] = []

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        self.asked.append((symbol, at))
        return self.prices[symbol], calendar.market_open_at(at)

    def report_fills(self, orders: Sequence[OrderRow]) -> None:
        pass

    def settled_refs(self, settlement_date: str) -> set[str]:
        return set()


class FakeDepository:
    """Participant 0555's view of the depository's corporate actions."""

    def __init__(self) -> None:
        self.actions: list[ca.Action] = []
        self.credits: dict[str, ca.Credit] = {}

    def corporate_actions(self, kind: str) -> list[ca.Action]:
        return [a for a in self.actions if a.kind == kind]

    def entitlements(self, action_id: str) -> list[ca.Credit]:
        return [self.credits[action_id]] if action_id in self.credits else []


class World:
    def __init__(self, tmp_path: Path) -> None:
        self.db = Database(f"sqlite:///{tmp_path}/broker.db")
        self.venue = FakeVenue()
        self.depository = FakeDepository()
        self.keys: dict[str, str] = {}

    def customer(self, name: str, kind: str = "individual", cash: str = "100000") -> str:
        with self.db.transaction() as s:
            row, key = accounts.open_account(s, MON, 7, name, kind)
            accounts.fund(s, MON, row.account_id, cash)
        self.keys[row.account_id] = key
        return row.account_id

    def trade(self, at: datetime, account_id: str, side: str, qty: str, **terms: Any) -> OrderRow:
        with self.db.transaction() as s:
            return orders.submit(s, self.venue, at, accounts.get(s, account_id), "",
                                 orders.terms(symbol="AAPL", side=side, qty=qty, **terms))

    def settle(self, at: datetime) -> int:
        """DTC settled every trade due by `at`: the settlement-sync job."""
        with self.db.transaction() as s:
            due = orders.due_settlement_dates(s, at)
            everything = {o.order_id for o in s.exec(select(OrderRow))}
            return orders.settle_due(s, {d: everything for d in due}, at)

    def balance(self, account: str, asset: str) -> Decimal:
        with self.db.read() as s:
            return Ledger(s).balance(account, asset)

    def notices(self, kind: str = "", account_id: str = "") -> list[NoticeRow]:
        with self.db.read() as s:
            return ca.notices(s, ca.NoticeFilter(account_id, kind))

    def proves(self) -> None:
        with self.db.read() as s:
            balanced, _, problems = prove(s)
        assert balanced, problems

    def events(self, kind: str) -> list[dict[str, str]]:
        with self.db.read() as s:
            return [fields("broker", e) for e in s.exec(select(OutboxEvent).where(OutboxEvent.type == kind))]

    def feed(self, account_id: str) -> list[activities.Activity]:
        with self.db.read() as s:
            return activities.feed(s, activities.Scope("", account_id), activities.Window(ascending=True))


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_withholding_rounds_to_the_nearest_cent_and_gross_rounds_down() -> None:
    # issue 17: the tax is rounded to the nearest cent, halves up, no longer up (tests/unit/test_broker_tax.py)
    assert ca.withholding(D("3.25"), D(0)) == D("0.00")                 # a US person
    assert ca.withholding(D("1.89"), D("0.3")) == D("0.57")             # 0.567 -> 0.57
    assert ca.withholding(D("0.01"), D("0.3")) == D("0.00")             # 0.003: was 0.01 rounded up
    assert ca.withholding(D("0.86"), D("0.15")) == D("0.13")            # a treaty rate: 0.129
    assert ca.withholding(D("10.00"), D("0.3")) == D("3.00")            # exact stays exact
    split = ca.allocate_dividend({"a": D("7.3"), "b": D("3.333333333")}, {"a": D("0.3"), "b": D("0.15")},
                                 D("0.26"), dtc_cash=D("2.76"))
    assert [(x.gross, x.withheld, x.net) for x in split.lines] == [(D("1.89"), D("0.57"), D("1.32")),
                                                                    (D("0.86"), D("0.13"), D("0.73"))]
    assert (split.gross, split.withheld, split.retained) == (D("2.75"), D("0.70"), D("0.01"))
    assert sorted(split.legs()) == sorted([(ca.DTC, "USD", D("-2.76")), ("cust:a:cash", "USD", D("1.32")),
                                           ("cust:b:cash", "USD", D("0.73")), (ca.WITHHOLDING, "USD", D("0.70")),
                                           (ca.RETAINED, "USD", D("0.01"))])
    short = ca.allocate_dividend({"a": D(10)}, {}, D("0.26"), dtc_cash=D("2.00"))   # DTC knows fewer shares
    assert short.retained == D("-0.60") and (ca.CAPITAL, "USD", D("-0.60")) in short.legs()


def test_split_arithmetic_keeps_nine_places_and_never_worsens_a_limit() -> None:
    assert ca.scaled(D("10"), 2, 3) == D("6.666666666") and ca.scaled(D("2.5"), 4, 1) == D(10)
    assert (ca.split_limit(D(100), "buy", 3, 2), ca.split_limit(D(100), "sell", 3, 2)) == (D("66.66"), D("66.67"))
    assert ca.split_limit(D("3.99"), "sell", 10, 1) == D("0.399")               # below 1 USD: up to 4 places
    # 1 share, 1:3: 0.333333333 kept, 1/3 x 10^-9 of a new share (worth 300) left: 0.0000001 USD, no cent
    assert ca.cash_in_lieu(D(1), ca.scaled(D(1), 1, 3), 1, 3, D(100)) == D(0)
    assert ca.cash_in_lieu(D("10.000000001"), D("3.333333333"), 1, 3, D("50000000")) == D("0.10")
    before = ca.Buckets(settled=D(9), receivable=D(2), deliverable=D(1), pending=D("0.5"))
    after = ca.split_buckets(before, buys_after=ca.scaled(D("2.5"), 1, 3), sells_after=ca.scaled(D("1.5"), 1, 3),
                             new=1, old=3)
    assert after == ca.Buckets(D(3), D("0.666666667"), D("0.333333334"), D("0.166666666"))
    assert after.receivable + after.pending == ca.scaled(D("2.5"), 1, 3)       # what the buys will settle
    assert after.deliverable + after.pending == D("0.5")                        # what the sales will deliver


def test_tax_statuses_default_by_account_kind_and_residence_and_are_checked(world: World, tmp_path: Path) -> None:
    assert tax.default_status("individual") == "w9"                       # the application certifies it
    assert tax.default_status("individual", "DEU") == "w8ben"
    assert tax.default_status("institutional") == "undocumented_foreign"  # an entity files its own form
    servicer = BrokerServicer(world.db, FixedClock(MON), world.venue, 7)
    ctx = LocalContext()
    spv = servicer.CreateAccount(broker_pb2.CreateAccountRequest(request_id="a", name="SPV", kind="institutional"),
                                 ctx)
    assert (spv.tax_profile, spv.withholding_rate.value) == ("undocumented_foreign", "0.3")
    jersey = servicer.CreateAccount(broker_pb2.CreateAccountRequest(
        request_id="j", name="Jersey SPV", kind="institutional", country_of_tax_residence="JEY",
        tax_status="w8ben_e"), ctx)
    assert (jersey.tax_profile, jersey.tax_country, jersey.withholding_rate.value) == ("w8ben_e", "JEY", "0.3")
    assert "no US income tax treaty" in jersey.tax_basis

    def set_(rid: str, status: str, country: str = "") -> broker_pb2.Account:
        return servicer.SetTaxProfile(broker_pb2.SetTaxProfileRequest(
            request_id=rid, account_id=spv.account_id, tax_profile=status, country=country), ctx)

    treaty = set_("t1", "w8ben_e", "GBR")
    assert (treaty.tax_profile, treaty.tax_country, treaty.withholding_rate.value) == ("w8ben_e", "GBR", "0.15")
    for status, country, reason, words in [("w8ben", "", "INVALID_ARGUMENT", "names the beneficial owner's country"),
                                           ("w8ben", "USA", "INVALID_ARGUMENT", "certifies on a W-9"),
                                           ("w8ben", "XYZ", "UNKNOWN_COUNTRY", "not an ISO 3166-1 alpha-3"),
                                           ("us_person", "", "UNKNOWN_TAX_STATUS", "is not one of w9")]:
        with pytest.raises(DomainError) as refused:
            with world.db.transaction() as s:
                row = accounts.get(s, spv.account_id)
                row.tax_country = ""                        # so that no country on file stands in
                accounts.set_tax_profile(s, MON, spv.account_id, status, country)
        assert refused.value.reason == reason and words in str(refused.value), (status, country)
    with world.db.read() as s:                              # nothing changed
        row = accounts.get(s, spv.account_id)
        assert (row.tax_profile, row.tax_country, row.withholding_rate) == ("w8ben_e", "GBR", D("0.15"))
    assert set_("u1", "w9").withholding_rate.value == "0"
    assert world.events("account.tax_profile_set")[-1]["tax_status"] == "w9"


def dividend(world: World) -> tuple[str, str, str, str]:
    """Four customers around a Wednesday ex (= record) date; DTC pays 0555 on the next Monday."""
    ada = world.customer("Ada")                               # a US person
    bo = world.customer("Bo SPV", "institutional")            # offshore, no treaty: 30%
    cy = world.customer("Cy")
    dan = world.customer("Dan")
    with world.db.transaction() as s:
        accounts.set_tax_profile(s, MON, cy, "w8ben", "GBR")         # the UK treaty: 15%
    world.trade(MON, ada, "buy", "12.5")
    world.trade(MON, cy, "buy", "3.333333333")
    world.settle(datetime(2026, 11, 24, 21, 30, tzinfo=UTC))
    world.trade(TUE, bo, "buy", "7.3")                        # the day before the ex date: settles on it
    world.trade(WED, ada, "sell", "2")                        # on the ex date: settles after, ada keeps it
    world.trade(WED, cy, "buy", "3")                          # on the ex date: not entitled
    world.trade(WED, dan, "buy", "1")                         # only on the ex date: nothing
    world.settle(datetime(2026, 11, 25, 21, 30, tzinfo=UTC))
    world.settle(datetime(2026, 11, 27, 21, 30, tzinfo=UTC))
    dtc_shares = D("12.5") + D("7.3") + D("3.333333333")      # 0555's position by the record date at DTC
    world.depository.actions.append(ca.Action("ca-000001", "dividend", "AAPL", amount=D("0.26"),
                                              record_date="2026-11-25", pay_date="2026-11-30",
                                              status=ca.ActionStatus.PAID))
    world.depository.credits["ca-000001"] = ca.Credit("ca-000001", dtc_shares, D("6.01"), paid=True)  # 6.0146..
    return ada, bo, cy, dan


def test_a_dividend_goes_to_the_holders_of_record_by_the_ex_date_rule(world: World) -> None:
    ada, bo, cy, dan = dividend(world)
    with world.db.read() as s:
        assert ca.holders_at(s, "AAPL", datetime(2026, 11, 25).date()) == {
            ada: D("12.5"), bo: D("7.3"), cy: D("3.333333333")}
        assert ca.holders_at(s, "AAPL", datetime(2026, 11, 24).date()) == {ada: D("12.5"), cy: D("3.333333333")}
    cash_before = {a: world.balance(accounts.cash(a), "USD") for a in (ada, bo, cy, dan)}
    book = broker_jobs(world.db, world.venue, world.depository)
    job = next(j for j in book.jobs if j.name == "dividend-allocation")
    assert job.next_fire(NEXT_MON_10.replace(hour=14)) == NEXT_MON_10          # 10:00 ET
    assert job.run(NEXT_MON_10) == "ca-000001 AAPL: 6.00 to 3 customers, 0.70 withheld, 0.01 kept"
    assert job.run(NEXT_MON_10) == "no dividend to allocate"                    # once

    got = {n.account_id: (n.shares, n.gross, n.withheld, n.net, n.withholding_rate) for n in world.notices("dividend")}
    assert got == {ada: (D("12.5"), D("3.25"), D("0"), D("3.25"), D("0")),
                   bo: (D("7.3"), D("1.89"), D("0.57"), D("1.32"), D("0.3")),       # 1.898 down, 0.567 up
                   cy: (D("3.333333333"), D("0.86"), D("0.13"), D("0.73"), D("0.15"))}
    assert {a: world.balance(accounts.cash(a), "USD") - cash_before[a] for a in (ada, bo, cy, dan)} == {
        ada: D("3.25"), bo: D("1.32"), cy: D("0.73"), dan: D(0)}
    assert world.balance(ca.WITHHOLDING, "USD") == D("0.70")
    assert world.balance(ca.RETAINED, "USD") == D("0.01")                       # 6.01 from DTC - 6.00 paid
    assert world.balance(ca.DTC, "USD") == D("-6.01")
    world.proves()
    with world.db.read() as s:
        row = s.get(CorporateActionRow, "ca-000001")
        assert row is not None and (row.dtc_cash, row.paid, row.withheld, row.retained, row.notices) == (
            D("6.01"), D("6.00"), D("0.70"), D("0.01"), 3)
    assert [e["account_id"] for e in world.events("notice.dividend")] == [ada, bo, cy]

    last = {a.activity_type: a for a in world.feed(bo)[-2:]}                    # one instant: in id order
    assert {kind: a.fields["net_amount"] for kind, a in last.items()} == {"DIV": D("1.89"), "DIVNRA": D("-0.57")}
    div = last["DIV"]
    parsed = BrokerClient._parse_activity(money.activity_json(div))
    assert isinstance(parsed, NonTradeActivity)
    assert (parsed.activity_type.value, parsed.net_amount, parsed.qty, parsed.per_share_amount, parsed.symbol) == (
        "DIV", 1.89, 7.3, 0.26, "AAPL")
    assert [a.activity_type for a in world.feed(ada)][-1] == "DIV"              # a US person: no DIVNRA


def test_the_servicer_lists_notices(world: World) -> None:
    ada, *_ = dividend(world)
    ca.run_dividends(world.db, world.depository, NEXT_MON_10)
    servicer = BrokerServicer(world.db, FixedClock(NEXT_MON_10), world.venue, 7)
    reply = servicer.ListNotices(broker_pb2.ListNoticesRequest(account_id=ada), LocalContext())
    [notice] = reply.notices
    assert (notice.kind, notice.gross.value, notice.withheld.value, notice.net.value, notice.rate.value,
            notice.record_date, notice.pay_date) == ("dividend", "3.25", "0", "3.25", "0.26", "2026-11-25",
                                                     "2026-11-30")
    assert len(servicer.ListNotices(broker_pb2.ListNoticesRequest(kind="dividend"), LocalContext()).notices) == 3
    with pytest.raises(DomainError):
        with world.db.read() as s:
            ca.notices(s, ca.NoticeFilter(kind="coupon"))


def test_a_forward_split_scales_positions_and_open_orders(world: World) -> None:
    ada = world.customer("Ada")
    world.trade(WED, ada, "buy", "10")
    world.settle(datetime(2026, 11, 27, 21, 30, tzinfo=UTC))                   # settled Friday
    unsettled = world.trade(FRI, ada, "buy", "2")                               # settles on the effective date
    buy = world.trade(FRI, ada, "buy", "5", order_type="limit", limit_price="90.01", time_in_force="gtc")
    sell = world.trade(FRI, ada, "sell", "3", order_type="limit", limit_price="150.03", time_in_force="gtc")
    cash = world.balance(accounts.cash(ada), "USD")
    world.depository.actions.append(ca.Action("ca-000002", "split", "AAPL", new_shares=4, old_shares=1,
                                              effective_date="2026-11-30", status=ca.ActionStatus.EFFECTIVE))
    world.depository.credits["ca-000002"] = ca.Credit("ca-000002", D(40), D(0), paid=True, held=D(10))
    book = broker_jobs(world.db, world.venue, world.depository)
    job = next(j for j in book.jobs if j.name == "split-application")
    assert job.next_fire(datetime(2026, 11, 30, 5, 0, tzinfo=UTC)) == NEXT_MON_0630
    assert job.run(NEXT_MON_0630) == "ca-000002 AAPL 4:1: 1 customers"
    assert world.venue.asked[-1] == ("AAPL", datetime(2026, 11, 27, 18, 0, tzinfo=UTC))  # Friday's early close
    with world.db.read() as s:
        assert orders.positions(s, ada) == [("AAPL", D(40), D(8))]
        adjusted = {o.order_id: o for o in s.exec(select(OrderRow))}
    assert (adjusted[buy.order_id].quantity, adjusted[buy.order_id].limit_price) == (D(20), D("22.50"))   # 22.5025
    assert (adjusted[sell.order_id].quantity, adjusted[sell.order_id].limit_price) == (D(12), D("37.51"))  # 37.5075
    assert (adjusted[unsettled.order_id].quantity, adjusted[unsettled.order_id].filled_quantity) == (D(8), D(2))
    [notice] = world.notices("split")
    assert (notice.shares, notice.shares_after, notice.cash_in_lieu) == (D(12), D(48), D(0))
    world.settle(NEXT_MON_SYNC)                                                 # the 2 bought settle as 8
    with world.db.read() as s:
        assert orders.positions(s, ada) == [("AAPL", D(48), D(0))]
    assert world.balance(orders.money(ada, "cash-due"), "USD") == 0 and world.balance(accounts.cash(ada), "USD") == cash
    assert len(world.events("order.split_adjusted")) == 2
    assert world.balance(orders.INVENTORY, "AAPL") == 0                       # whole shares: no fraction anywhere
    split = [a for a in world.feed(ada) if a.activity_type == "SPLIT"]
    assert [(a.fields["qty"], a.fields["net_amount"]) for a in split] == [(D(36), D(0))]
    world.proves()


def test_a_reverse_split_pays_cash_in_lieu_below_nine_places_and_cancels_open_orders(world: World) -> None:
    ada = world.customer("Ada")
    bo = world.customer("Bo")
    cy = world.customer("Cy")
    world.trade(WED, ada, "buy", "9")
    world.trade(WED, bo, "buy", "10.000000001")
    world.trade(WED, cy, "buy", "4.5")
    world.settle(datetime(2026, 11, 27, 21, 30, tzinfo=UTC))
    sold = world.trade(FRI, cy, "sell", "1.5")                                  # delivers on the effective date
    waiting = world.trade(FRI, ada, "buy", "10", order_type="limit", limit_price="99", time_in_force="gtc")
    tiny = world.trade(FRI, ada, "buy", "0.000000002", order_type="limit", limit_price="99", time_in_force="gtc")
    receivable = world.balance(orders.money(cy, "cash-receivable"), "USD")
    world.venue.prices["AAPL"] = D("50000000")                                  # a last close that makes cents
    world.depository.actions.append(ca.Action("ca-000003", "split", "AAPL", new_shares=1, old_shares=3,
                                              effective_date="2026-11-30", status=ca.ActionStatus.EFFECTIVE))
    # DTC holds whole shares: 0555's 24 (street buys of 9, 11 and 4 for 9, 10.000000001 and 4.5) become 8,
    # with no fraction (was 7.833333333 and 0.01 of cash in lieu when DTC kept 9 places)
    world.depository.credits["ca-000003"] = ca.Credit("ca-000003", D(8), D(0), paid=True, held=D(24))
    assert ca.run_splits(world.db, world.depository, world.venue, NEXT_MON_0630) == \
        "ca-000003 AAPL 1:3: 3 customers"
    got = {n.account_id: (n.shares, n.shares_after, n.cash_in_lieu) for n in world.notices("split")}
    assert got == {ada: (D(9), D(3), D(0)),
                   bo: (D("10.000000001"), D("3.333333333"), D("0.10")),    # 0.000000002/3 x 3 x 50,000,000
                   cy: (D(3), D(1), D(0))}
    assert world.balance(ca.CAPITAL, "USD") == D("-0.10") and world.balance(ca.RETAINED, "USD") == D(0)
    # customers hold 3 + 3.333333333 + 1 (cy's 0.5 in flight to the street is not theirs): the
    # inventory is the rest of DTC's 8 (cy's street sale of 1 was cut to 0 at DTC)
    assert world.balance(orders.INVENTORY, "AAPL") == D("0.666666667")
    with world.db.read() as s:
        assert orders.positions(s, cy) == [("AAPL", D("1.5"), D("-0.5"))]     # 1 held + 0.5 to deliver
        adjusted = {o.order_id: o for o in s.exec(select(OrderRow))}
    for order in (waiting, tiny):  # FINRA 5330: a reverse split cancels open orders, as they were
        assert (adjusted[order.order_id].status, adjusted[order.order_id].reject_reason,
                adjusted[order.order_id].quantity, adjusted[order.order_id].limit_price) == (
            "canceled", "FINRA Rule 5330: the 1:3 reverse split cancels open orders", order.quantity, D(99))
    assert adjusted[sold.order_id].quantity == D("0.5")
    world.settle(NEXT_MON_SYNC)
    with world.db.read() as s:
        assert orders.positions(s, cy) == [("AAPL", D(1), D(0))]
    assert world.balance(orders.money(cy, "cash-receivable"), "USD") == 0
    assert world.balance(accounts.cash(cy), "USD") >= receivable               # the sale's cash, as executed
    assert {a.activity_type: a.fields["net_amount"] for a in world.feed(bo)[-2:]} == {"SPLIT": 0, "CIL": D("0.10")}
    world.proves()


def test_ex_dividend_limits_are_reduced_by_the_dividend_rounded_down_to_the_tick() -> None:
    assert ca.ex_dividend_limit(D("90.01"), D("0.26")) == D("89.75")
    assert ca.ex_dividend_limit(D("90.01"), D("0.265")) == D("89.74")      # 89.745: down to the cent
    assert ca.ex_dividend_limit(D("1.10"), D("0.2050")) == D("0.8950")     # below a dollar: 4 places
    assert ca.ex_dividend_limit(D("90.01"), D("0.009")) is None            # under a cent: no adjustment
    assert ca.ex_dividend_limit(D("0.50"), D("0.50")) == 0                 # no price left: canceled


def test_on_the_ex_date_open_buy_limits_are_reduced_unless_do_not_reduce(world: World) -> None:
    """FINRA 5330, before the open of the ex-date: buy limits down by the dividend; a do-not-reduce
    order, a sell limit and a market order kept; a limit the dividend exceeds canceled; once."""
    ada = world.customer("Ada")
    world.trade(WED, ada, "buy", "10")
    buy = world.trade(FRI, ada, "buy", "5", order_type="limit", limit_price="90.01", time_in_force="gtc")
    kept = world.trade(FRI, ada, "buy", "5", order_type="limit", limit_price="90.01", time_in_force="gtc",
                       do_not_reduce=True)
    low = world.trade(FRI, ada, "buy", "1", order_type="limit", limit_price="0.20", time_in_force="gtc")
    sell = world.trade(FRI, ada, "sell", "3", order_type="limit", limit_price="150.03", time_in_force="gtc")
    with pytest.raises(DomainError) as caught:
        world.trade(FRI, ada, "sell", "1", order_type="limit", limit_price="150", do_not_reduce=True)
    assert caught.value.reason == "INVALID_ARGUMENT" and "buy limit orders only" in caught.value.message
    world.depository.actions.append(ca.Action("ca-000009", "dividend", "AAPL", amount=D("0.26"),
                                              ex_date="2026-11-30", record_date="2026-11-30",
                                              pay_date="2026-12-03"))
    job = next(j for j in broker_jobs(world.db, world.venue, world.depository).jobs if j.name == "ex-date-orders")
    assert job.run(datetime(2026, 11, 27, 11, 45, tzinfo=UTC)) == "no ex-date today"     # Friday: not yet
    assert job.run(datetime(2026, 11, 30, 11, 45, tzinfo=UTC)) == \
        "ca-000009 AAPL ex 0.26: 1 buy limits reduced, 1 canceled"
    assert job.run(datetime(2026, 11, 30, 11, 46, tzinfo=UTC)) == "no ex-date today"     # once
    with world.db.read() as s:
        now = {o.order_id: o for o in s.exec(select(OrderRow))}
    assert now[buy.order_id].limit_price == D("89.75") and now[kept.order_id].limit_price == D("90.01")
    assert now[sell.order_id].limit_price == D("150.03") and now[low.order_id].status == "canceled"
    [event] = world.events("order.dividend_adjusted")
    assert (event["order_id"], event["limit_before"], event["limit_price"]) == (buy.order_id, "90.01", "89.75")
    world.proves()


def test_meeting_notices_reach_holders_at_the_record_date_only(world: World) -> None:
    ada = world.customer("Ada")     # holds through the record date
    bo = world.customer("Bo")       # sold out, settled before the record date
    cy = world.customer("Cy")       # buys on the record date: settles after it
    dan = world.customer("Dan")     # buys the day before: settles on it
    world.trade(MON, ada, "buy", "5")
    world.trade(MON, bo, "buy", "5")
    world.settle(datetime(2026, 11, 24, 21, 30, tzinfo=UTC))
    world.trade(TUE, bo, "sell", "5")
    world.trade(TUE, dan, "buy", "1")
    world.trade(WED, cy, "buy", "2")
    world.depository.actions.append(ca.Action("ca-000004", "meeting", "AAPL", record_date="2026-11-25",
                                              meeting_date="2027-01-15", proposals=("Elect directors", "Ratify KPMG")))
    book = broker_jobs(world.db, world.venue, world.depository)
    job = next(j for j in book.jobs if j.name == "meeting-notices")
    assert job.run(datetime(2026, 11, 24, 22, 30, tzinfo=UTC)) == "no meeting to notice"   # before its record date
    record_day_end = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)                             # 17:30 ET
    assert job.next_fire(datetime(2026, 11, 25, 20, 0, tzinfo=UTC)) == record_day_end
    assert job.run(record_day_end) == "ca-000004 AAPL: 2 notices"
    got = {n.account_id: (n.shares, json.loads(n.proposals), n.meeting_date) for n in world.notices("meeting")}
    assert got == {ada: (D(5), ["Elect directors", "Ratify KPMG"], "2027-01-15"),
                   dan: (D(1), ["Elect directors", "Ratify KPMG"], "2027-01-15")}
    assert [a.activity_type for a in world.feed(ada)][-1] == "MEM"
    assert world.notices(account_id=bo) == [] and world.notices(account_id=cy) == []
    assert job.run(record_day_end) == "no meeting to notice"
    world.proves()


def test_a_customer_with_7_shares_in_a_3_for_2_split_keeps_10_5_on_the_broker_books(world: World) -> None:
    """The broker's stated policy (issue 17 item 4): DTC holds whole shares for 0555 (7 -> 10) and
    pays cash in lieu of 0555's half share; the broker keeps its customer's fraction on its books
    (10.5, no cash in lieu to the customer); its fractional inventory absorbs the difference (-0.5,
    made good by its next street buy), and DTC's cash in lieu is the broker's."""
    ada, bo = world.customer("Ada"), world.customer("Bo")
    bought = world.trade(WED, ada, "buy", "7")
    assert bought.street_quantity == 7                                          # whole: all of it on the street
    world.settle(datetime(2026, 11, 27, 21, 30, tzinfo=UTC))
    world.depository.actions.append(ca.Action("ca-000004", "split", "AAPL", new_shares=3, old_shares=2,
                                              effective_date="2026-11-30", status=ca.ActionStatus.EFFECTIVE))
    # what the depository's split gives 0555 (fivelayer.depository.corporate_actions.split_holdings):
    # floor(7 x 3/2) = 10 whole shares, and 0.5 share at the last close (100 x 2/3) = 33.33 in lieu
    world.depository.credits["ca-000004"] = ca.Credit("ca-000004", D(10), D("33.33"), paid=True, held=D(7))
    assert ca.run_splits(world.db, world.depository, world.venue, NEXT_MON_0630) == "ca-000004 AAPL 3:2: 1 customers"
    [notice] = world.notices("split")
    assert (notice.shares, notice.shares_after, notice.cash_in_lieu) == (D(7), D("10.5"), D(0))
    with world.db.read() as s:
        assert orders.positions(s, ada) == [("AAPL", D("10.5"), D(0))]
    assert world.balance(orders.INVENTORY, "AAPL") == D("-0.5")                # 10 at DTC = 10.5 owed - 0.5
    assert world.balance(ca.RETAINED, "USD") == D("33.33")                     # DTC's cash in lieu: the broker's
    assert world.balance(accounts.cash(ada), "USD") == D(100000) - D(700)      # no cash in lieu to the customer
    [event] = world.events("inventory.split")
    assert (D(event["before"]), D(event["after"]), D(event["dtc_change"])) == (D(0), D("-0.5"), D(3))
    tiny = world.trade(NEXT_MON_10, bo, "buy", "0.3")                           # the next buy makes it good
    assert tiny.street_quantity == 1
    assert world.balance(orders.INVENTORY, "AAPL") == D("0.2")                 # 10.5 + 0.3 + 0.2 = 10 + 1
    world.proves()
