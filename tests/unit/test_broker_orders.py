"""Broker rules: fills only in sessions, the Monday open, T+1 settlement sync, refusals change nothing."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fivelayer.broker import accounts, orders
from fivelayer.broker.handlers import Handlers
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.models import OrderRow
from fivelayer.broker.reporting import report_fills
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.outbox import OutboxEvent, fields
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2, common_pb2, statuses_pb2
from sqlmodel import Session, select

FRIDAY_EVENING = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
MONDAY_OPEN = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
TUESDAY_SYNC = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)
D = Decimal


class FakeVenue:
    def __init__(self) -> None:
        self.prices = {"AAPL": D("100.00")}
        self.reported: list[tuple[str, str, Decimal, Decimal]] = []
        self.settled: set[str] = set()

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        if symbol not in self.prices:
            raise DomainError(Common.UNKNOWN_SYMBOL, symbol)
        from fivelayer.kernel import calendar
        return self.prices[symbol], calendar.market_open_at(at)

    def report_fills(self, orders: Sequence[OrderRow]) -> None:
        self.reported.extend((o.order_id, o.side, o.quantity, o.filled_avg_price) for o in orders)

    def settled_refs(self, settlement_date: str) -> set[str]:
        return self.settled


def settle(s: Session, venue: FakeVenue, at: datetime) -> int:
    """The settlement-sync job: read the depository's settled trades first, then settle."""
    return orders.settle_due(s, {d: venue.settled_refs(d) for d in orders.due_settlement_dates(s, at)}, at)


World = tuple[Database, FakeVenue, str, str]  # typed, so mypy checks the fake against the broker's Venue


@pytest.fixture
def world(tmp_path: Path) -> World:
    db = Database(f"sqlite:///{tmp_path}/broker.db")
    venue = FakeVenue()
    with db.transaction() as s:
        account, key = accounts.open_account(s, FRIDAY_EVENING, 7, "SPV", "institutional")
        accounts.fund(s, FRIDAY_EVENING, account.account_id, "10000")
    return db, venue, account.account_id, key


def place(db: Database, venue: FakeVenue, at: datetime, account_id: str, key: str, side: str = "buy",
          quantity: str = "10", cid: str = "c1") -> OrderRow:
    with db.transaction() as s:
        return orders.place(s, venue, at, client_order_id=cid, account_id=account_id, api_key=key, symbol="AAPL",
                            side=side, raw_quantity=quantity)


def test_friday_evening_order_waits_and_fills_at_monday_open_then_settles(world: World) -> None:
    db, venue, account_id, key = world
    order = place(db, venue, FRIDAY_EVENING, account_id, key)
    assert order.status == "accepted" and venue.reported == []
    venue.prices["AAPL"] = D("101.50")
    with db.transaction() as s:
        assert orders.fill_at_open(s, venue, MONDAY_OPEN) == (1, 0)
        filled = get_row(s, OrderRow, order.order_id, "order")
        assert (filled.status, filled.filled_avg_price) == ("filled", D("101.50"))
        assert (filled.trade_date, filled.settlement_date) == ("2026-11-23", "2026-11-24")
        assert orders.positions(s, account_id) == [("AAPL", D(0), D(10))]
        assert orders.cash_view(s, account_id) == (D("10000"), D("-1015.00"))
    assert venue.reported == []  # reported once the unit of work has committed, not inside it
    assert report_fills(db, venue) == 1 and report_fills(db, venue) == 0
    assert venue.reported == [(order.order_id, "buy", D(10), D("101.50"))]
    with db.transaction() as s:
        assert settle(s, venue, TUESDAY_SYNC) == 0  # the depository has not settled it
    venue.settled = {order.order_id}
    with db.transaction() as s:
        assert settle(s, venue, TUESDAY_SYNC) == 1
        assert settle(s, venue, TUESDAY_SYNC) == 0
        assert orders.positions(s, account_id) == [("AAPL", D(10), D(0))]
        assert orders.cash_view(s, account_id) == (D("8985.00"), D(0))
        assert prove(s)[0]


def test_in_session_orders_fill_at_once_and_sales_need_shares(world: World) -> None:
    db, venue, account_id, key = world
    buy = place(db, venue, MONDAY_OPEN, account_id, key, quantity="2.5")
    assert buy.status == "filled"
    sale = place(db, venue, MONDAY_OPEN, account_id, key, side="sell", quantity="2.5", cid="c2")
    assert sale.status == "filled"  # selling bought, unsettled shares is allowed
    with pytest.raises(DomainError) as caught:
        place(db, venue, MONDAY_OPEN, account_id, key, side="sell", quantity="0.1", cid="c3")
    assert caught.value.reason == "INSUFFICIENT_POSITION"


def test_shares_sold_before_they_arrive_are_delivered_when_they_do(world: World) -> None:
    db, venue, account_id, key = world
    buy = place(db, venue, MONDAY_OPEN, account_id, key)  # 10 bought Monday, settle Tuesday
    tuesday_morning = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    sale = place(db, venue, tuesday_morning, account_id, key, side="sell", quantity="4", cid="c2")  # settles Wed
    with db.read() as s:
        assert orders.positions(s, account_id) == [("AAPL", D(0), D(6))]
    venue.settled = {buy.order_id}
    with db.transaction() as s:
        assert settle(s, venue, TUESDAY_SYNC) == 1
        assert orders.positions(s, account_id) == [("AAPL", D(10), D(-4))]  # 4 of the 10 still to deliver
    venue.settled = {sale.order_id}
    with db.transaction() as s:
        assert settle(s, venue, datetime(2026, 11, 25, 21, 30, tzinfo=UTC)) == 1
        assert orders.positions(s, account_id) == [("AAPL", D(6), D(0))]
        assert orders.cash_view(s, account_id) == (D("9400.00"), D(0))
        assert prove(s)[0]


def test_a_same_day_round_trip_settles_buy_first(world: World) -> None:
    db, venue, account_id, key = world
    buy_id = place(db, venue, MONDAY_OPEN, account_id, key, quantity="3").order_id
    sale = place(db, venue, MONDAY_OPEN, account_id, key, side="sell", quantity="3", cid="c2")
    venue.settled = {buy_id, sale.order_id}
    with db.transaction() as s:
        assert settle(s, venue, TUESDAY_SYNC) == 2
        assert orders.positions(s, account_id) == [] and orders.cash_view(s, account_id) == (D("10000.00"), D(0))


@pytest.mark.parametrize("change, reason", [
    ({"key": "wrong"}, "INVALID_API_KEY"), ({"quantity": "1000"}, "INSUFFICIENT_BUYING_POWER"),
    ({"quantity": "0.0000000001"}, "TOO_MANY_DECIMALS"), ({"account_id": "acct-9"}, "UNKNOWN_ACCOUNT"),
    ({"side": "short"}, "INVALID_ARGUMENT"),
])
def test_refusals_change_nothing(world: World, change: dict[str, str], reason: str) -> None:
    db, venue, account_id, key = world
    args = {"account_id": account_id, "key": key, "quantity": "1", "side": "buy", **change}
    with pytest.raises(DomainError) as caught:
        place(db, venue, MONDAY_OPEN, args["account_id"], args["key"], side=args["side"], quantity=args["quantity"])
    assert caught.value.reason == reason
    with db.read() as s:
        assert orders.positions(s, account_id) == []
        assert orders.cash_view(s, account_id) == (D("10000"), D(0))


def test_a_cut_route_refuses_orders_and_cancels_waiting_ones(world: World) -> None:
    db, venue, account_id, key = world
    waiting = place(db, venue, FRIDAY_EVENING, account_id, key)
    with db.transaction() as s:
        accounts.set_route(s, FRIDAY_EVENING, account_id, False, "compliance review")
    with pytest.raises(DomainError) as caught:
        place(db, venue, FRIDAY_EVENING, account_id, key, cid="c9")
    assert caught.value.reason == "ROUTE_CUT"
    with db.transaction() as s:
        assert orders.fill_at_open(s, venue, MONDAY_OPEN) == (0, 1)
        canceled = get_row(s, OrderRow, waiting.order_id, "order")
        assert (canceled.status, canceled.reject_reason) == ("canceled", "ROUTE_CUT")


def test_sipc_limits() -> None:
    assert orders.sipc(D(900_000), D(300_000)) == (D(250_000), D(250_000), D(500_000))
    assert orders.sipc(D(100_000), D(50_000)) == (D(100_000), D(50_000), D(150_000))


def test_servicer_wiring(tmp_path: Path) -> None:
    servicer = BrokerServicer(Database(f"sqlite:///{tmp_path}/b.db"), FixedClock(MONDAY_OPEN), FakeVenue(), 7)
    ctx = LocalContext()
    account = servicer.CreateAccount(broker_pb2.CreateAccountRequest(request_id="a", name="SPV",
                                                                     kind="institutional"), ctx)
    assert account.api_key.startswith("key-")
    assert servicer.GetAccount(broker_pb2.AccountRequest(account_id=account.account_id), ctx).api_key == ""
    servicer.FundAccount(broker_pb2.FundAccountRequest(request_id="f", account_id=account.account_id,
                                                       amount=common_pb2.Decimal(value="500")), ctx)
    order = servicer.PlaceOrder(broker_pb2.PlaceOrderRequest(
        request_id="o1", account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=broker_pb2.BUY,
        quantity=common_pb2.Decimal(value="1")), ctx)
    assert order.status == statuses_pb2.ORDER_STATUS_FILLED and order.client_order_id == "o1"
    cash = servicer.GetCash(broker_pb2.AccountRequest(account_id=account.account_id), ctx)
    assert (cash.settled.value, cash.unsettled.value, cash.buying_power.value) == ("500", "-100", "400")


# --- limit, notional, day/gtc, replace: the Broker API face's order rules -------------------------

MONDAY_10 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)          # 10:00 ET, in session
MONDAY_CLOSE = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)       # 16:00 ET
BLACK_FRIDAY_10 = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)    # the day after Thanksgiving closes at 13:00 ET
BLACK_FRIDAY_CLOSE = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def submit(db: Database, venue: FakeVenue, at: datetime, account_id: str, cid: str = "", **raw: Any) -> OrderRow:
    """An order through the face's rules: terms checked, priced, taken."""
    raw.setdefault("side", "buy")
    if "qty" not in raw and "notional" not in raw:
        raw["qty"] = "10"
    with db.transaction() as s:
        return orders.submit(s, venue, at, accounts.get(s, account_id), cid, orders.terms(symbol="AAPL", **raw))


def events(db: Database, kind: str) -> list[dict[str, str]]:
    with db.read() as s:
        return [fields("broker", e) for e in s.exec(select(OutboxEvent).where(OutboxEvent.type == kind))]


def test_a_limit_buy_rests_until_the_price_comes_down_and_fills_at_the_market_price(world: World) -> None:
    db, venue, account_id, _ = world
    resting = submit(db, venue, MONDAY_10, account_id, order_type="limit", limit_price="99.50")
    assert resting.status == "new" and events(db, "order.new")[0]["order_id"] == resting.order_id
    at_once = submit(db, venue, MONDAY_10, account_id, qty="1", order_type="limit", limit_price="100.00")
    assert (at_once.status, at_once.filled_avg_price) == ("filled", D("100.00"))   # marketable: fills at once
    venue.prices["AAPL"] = D("99.75")
    with db.transaction() as s:
        assert orders.work_open_orders(s, venue, MONDAY_10 + timedelta(minutes=5)) == (0, 0)   # not there yet
    venue.prices["AAPL"] = D("99.20")
    with db.transaction() as s:
        assert orders.work_open_orders(s, venue, MONDAY_10 + timedelta(minutes=10)) == (1, 0)
        filled = get_row(s, OrderRow, resting.order_id, "order")
        assert (filled.status, filled.filled_avg_price) == ("filled", D("99.20"))   # the market's, not the limit


def test_a_limit_sell_fills_at_or_above_its_limit(world: World) -> None:
    db, venue, account_id, _ = world
    submit(db, venue, MONDAY_10, account_id, qty="4")
    sale = submit(db, venue, MONDAY_10, account_id, qty="4", side="sell", order_type="limit", limit_price="100.01")
    assert sale.status == "new"
    with pytest.raises(DomainError) as caught:   # the 4 shares are held back by the resting sale
        submit(db, venue, MONDAY_10, account_id, qty="1", side="sell")
    assert caught.value.reason == "INSUFFICIENT_POSITION" and "0 are available" in caught.value.message
    venue.prices["AAPL"] = D("100.01")
    with db.transaction() as s:
        assert orders.work_open_orders(s, venue, MONDAY_10 + timedelta(minutes=5)) == (1, 0)
        assert get_row(s, OrderRow, sale.order_id, "order").filled_avg_price == D("100.01")


def test_a_limit_order_placed_out_of_session_is_worked_at_the_open(world: World) -> None:
    db, venue, account_id, _ = world
    cheap = submit(db, venue, FRIDAY_EVENING, account_id, qty="1", order_type="limit", limit_price="90")
    good = submit(db, venue, FRIDAY_EVENING, account_id, qty="1", order_type="limit", limit_price="101")
    assert (cheap.status, good.status) == ("accepted", "accepted")
    with db.transaction() as s:
        assert orders.fill_at_open(s, venue, MONDAY_OPEN) == (1, 0)
        assert get_row(s, OrderRow, cheap.order_id, "order").status == "new"     # rests in the session
        assert get_row(s, OrderRow, good.order_id, "order").status == "filled"


def test_a_notional_order_fixes_its_quantity_at_the_fill_rounded_down(world: World) -> None:
    db, venue, account_id, _ = world
    waiting = submit(db, venue, FRIDAY_EVENING, account_id, notional="1000")
    assert (waiting.status, waiting.quantity, waiting.notional) == ("accepted", D(0), D(1000))
    venue.prices["AAPL"] = D("101.50")
    with db.transaction() as s:
        assert orders.fill_at_open(s, venue, MONDAY_OPEN) == (1, 0)
        filled = get_row(s, OrderRow, waiting.order_id, "order")
        assert filled.quantity == filled.filled_quantity == D("9.852216748")     # 9.85221674876... down
        assert orders.cash_view(s, account_id) == (D("10000"), D("-1000.00"))    # 999.99999992 rounds up
    venue.prices["AAPL"] = D("300")
    sold = submit(db, venue, MONDAY_OPEN, account_id, notional="100", side="sell")
    assert (sold.status, sold.quantity) == ("filled", D("0.333333333"))


def test_buying_power_holds_back_limit_buys_at_their_limit_and_notional_buys_in_full(world: World) -> None:
    db, venue, account_id, _ = world
    submit(db, venue, FRIDAY_EVENING, account_id, qty="10", order_type="limit", limit_price="90")   # 900.00
    submit(db, venue, FRIDAY_EVENING, account_id, notional="500")                                  # 500
    submit(db, venue, FRIDAY_EVENING, account_id, qty="2")                                         # 200.00 today
    with db.read() as s:
        assert orders.buying_power(s, venue, account_id, FRIDAY_EVENING) == D("8400.00")
    with pytest.raises(DomainError) as caught:
        submit(db, venue, FRIDAY_EVENING, account_id, qty="1", order_type="limit", limit_price="8400.01")
    assert caught.value.reason == "INSUFFICIENT_BUYING_POWER"
    assert "needs 8400.01 USD; buying power is 8400.00 USD" in caught.value.message
    assert submit(db, venue, FRIDAY_EVENING, account_id, notional="8400").status == "accepted"   # exactly enough


def test_day_orders_expire_at_their_sessions_close_and_gtc_orders_carry_over(world: World) -> None:
    db, venue, account_id, _ = world
    day = submit(db, venue, FRIDAY_EVENING, account_id, qty="1", order_type="limit", limit_price="50")
    gtc = submit(db, venue, FRIDAY_EVENING, account_id, qty="1", order_type="limit", limit_price="50",
                 time_in_force="gtc")
    assert day.expires_at == MONDAY_CLOSE and gtc.expires_at is None       # the next session's close
    with db.transaction() as s:
        assert orders.next_expiry(s, FRIDAY_EVENING) == MONDAY_CLOSE
        orders.fill_at_open(s, venue, MONDAY_OPEN)
        assert orders.expire_day_orders(s, MONDAY_CLOSE - timedelta(seconds=1)) == 0
        assert orders.expire_day_orders(s, MONDAY_CLOSE) == 1
        assert get_row(s, OrderRow, day.order_id, "order").status == "expired"
        assert get_row(s, OrderRow, gtc.order_id, "order").status == "new"        # carries over
        assert orders.next_expiry(s, MONDAY_CLOSE) is None                        # no day order open: no job
    assert events(db, "order.expired")[0]["order_id"] == day.order_id
    early = submit(db, venue, BLACK_FRIDAY_10, account_id, qty="1", order_type="limit", limit_price="50")
    assert early.expires_at == BLACK_FRIDAY_CLOSE                               # 13:00 ET
    with db.transaction() as s:
        assert orders.next_expiry(s, BLACK_FRIDAY_10) == BLACK_FRIDAY_CLOSE
        assert orders.expire_day_orders(s, BLACK_FRIDAY_CLOSE) == 1
        assert get_row(s, OrderRow, gtc.order_id, "order").status == "new"


def test_resting_limit_orders_are_checked_every_five_minutes_of_a_session_only() -> None:
    assert orders.next_check(FRIDAY_EVENING) == MONDAY_OPEN + timedelta(minutes=5)
    assert orders.next_check(MONDAY_OPEN) == MONDAY_OPEN + timedelta(minutes=5)
    assert orders.next_check(MONDAY_10 + timedelta(seconds=1)) == MONDAY_10 + timedelta(minutes=5)
    assert orders.next_check(MONDAY_10) == MONDAY_10
    assert orders.next_check(MONDAY_CLOSE - timedelta(minutes=5)) == MONDAY_CLOSE - timedelta(minutes=5)
    assert orders.next_check(MONDAY_CLOSE - timedelta(minutes=4)) == datetime(2026, 11, 24, 14, 35, tzinfo=UTC)
    assert orders.next_check(BLACK_FRIDAY_CLOSE - timedelta(minutes=1)) == datetime(2026, 11, 30, 14, 35, tzinfo=UTC)


def test_the_broker_runs_limit_checks_and_expiries_only_while_orders_need_them(world: World) -> None:
    db, venue, account_id, _ = world
    book = broker_jobs(db, venue)
    assert book.next_due(MONDAY_10) == datetime(2026, 11, 23, 21, 30, tzinfo=UTC)   # settlement-sync: quiet
    submit(db, venue, MONDAY_10, account_id, qty="1", order_type="limit", limit_price="50")
    assert [j.name for j in book.due_at(MONDAY_10, MONDAY_10 + timedelta(minutes=5))] == ["limit-check"]
    assert [j.name for j in book.due_at(MONDAY_CLOSE - timedelta(minutes=1), MONDAY_CLOSE)] == ["day-expiry"]
    assert book.jobs[-1].name == "settlement-sync"
    expire = next(j for j in book.jobs if j.name == "day-expiry")
    assert expire.run(MONDAY_CLOSE) == "1 day orders expired"
    assert book.next_due(MONDAY_CLOSE) == datetime(2026, 11, 23, 21, 30, tzinfo=UTC)  # quiet again


def test_replace_ends_the_old_order_and_takes_a_new_one_or_changes_nothing(world: World) -> None:
    db, venue, account_id, _ = world
    old = submit(db, venue, FRIDAY_EVENING, account_id, cid="mine", qty="10", order_type="limit",
                 limit_price="90", time_in_force="gtc")
    with db.transaction() as s:
        new = orders.replace(s, venue, FRIDAY_EVENING, get_row(s, OrderRow, old.order_id, "order"), qty="20",
                             limit_price="95", client_order_id="mine-2")
        before = get_row(s, OrderRow, old.order_id, "order")
        assert (before.status, before.replaced_by) == ("replaced", new.order_id)
        assert (new.replaces, new.quantity, new.limit_price, new.time_in_force, new.status) == \
            (old.order_id, D(20), D(95), "gtc", "accepted")
        assert orders.buying_power(s, venue, account_id, FRIDAY_EVENING) == D("8100.00")   # only the new holds
    assert events(db, "order.replaced") == [{"order_id": old.order_id, "account_id": account_id,
                                             "replaced_by": new.order_id}]
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        orders.replace(s, venue, FRIDAY_EVENING, get_row(s, OrderRow, new.order_id, "order"), qty="200")
    assert caught.value.reason == "INSUFFICIENT_BUYING_POWER"
    with pytest.raises(DomainError) as again, db.transaction() as s:
        orders.replace(s, venue, FRIDAY_EVENING, get_row(s, OrderRow, old.order_id, "order"), qty="1")
    assert again.value.reason == "ORDER_NOT_REPLACEABLE"
    with db.read() as s:
        assert get_row(s, OrderRow, new.order_id, "order").status == "accepted"        # unchanged
        assert orders.buying_power(s, venue, account_id, FRIDAY_EVENING) == D("8100.00")


def test_a_client_order_id_is_unique_per_account(world: World) -> None:
    db, venue, account_id, _ = world
    first = submit(db, venue, FRIDAY_EVENING, account_id, cid="one")
    with pytest.raises(DomainError) as caught:
        submit(db, venue, FRIDAY_EVENING, account_id, cid="one", qty="1")
    assert caught.value.reason == "DUPLICATE_CLIENT_ORDER_ID" and "unique" in caught.value.message
    unnamed = submit(db, venue, FRIDAY_EVENING, account_id, qty="1")
    assert unnamed.client_order_id == unnamed.external_id != first.external_id


@pytest.mark.parametrize("raw, reason, words", [
    ({}, "INVALID_ARGUMENT", "needs qty or notional"),
    ({"qty": "1", "notional": "10"}, "INVALID_ARGUMENT", "not both"),
    ({"qty": "0"}, "INVALID_AMOUNT", "positive"),
    ({"qty": "-1"}, "INVALID_AMOUNT", "positive"),
    ({"qty": "0.0000000001"}, "TOO_MANY_DECIMALS", "9 decimal places"),
    ({"qty": "1", "time_in_force": "ioc"}, "INVALID_ARGUMENT", "day or gtc"),
    ({"qty": "1", "order_type": "stop"}, "INVALID_ARGUMENT", "market or limit"),
    ({"qty": "1", "order_type": "limit"}, "INVALID_ARGUMENT", "needs limit_price"),
    ({"qty": "1", "limit_price": "10"}, "INVALID_ARGUMENT", "limit orders only"),
    ({"qty": "1", "order_type": "limit", "limit_price": "10.001"}, "TOO_MANY_DECIMALS", "sub-penny"),
    ({"notional": "10", "order_type": "limit", "limit_price": "10"}, "INVALID_ARGUMENT", "market order"),
    ({"notional": "0.5"}, "INVALID_ARGUMENT", "at least 1 USD"),
    ({"notional": "10.001"}, "TOO_MANY_DECIMALS", "2 decimal places"),
])
def test_order_terms_are_checked_with_a_clear_reason(raw: dict[str, Any], reason: str, words: str) -> None:
    with pytest.raises(DomainError) as caught:
        orders.terms(symbol="AAPL", side="buy", **raw)
    assert caught.value.reason == reason and words in caught.value.message
    assert orders.terms(symbol=" aapl ", side="sell", qty="0.5", order_type="limit", limit_price="0.1234") == \
        orders.Terms("AAPL", "sell", D("0.5"), None, "limit", "day", D("0.1234"))


# --- fractional shares: the broker's fractional inventory against DTC's whole shares ---------------

@pytest.mark.parametrize(("side", "quantity", "inventory", "street"), [
    ("buy", "0.3", "0", 1), ("buy", "0.5", "0.7", 0), ("buy", "2", "0.2", 2), ("buy", "1", "0", 1),
    ("buy", "0.3", "-0.5", 1),                                     # a split left it short: made good
    ("sell", "0.9", "0.2", 1), ("sell", "0.3", "0.7", 1), ("sell", "0.3", "0.2", 0), ("sell", "3", "0", 3),
    ("sell", "0.3", "-0.5", 0),                                    # a sale never buys
])
def test_street_quantity_keeps_the_inventory_in_zero_to_one(side: str, quantity: str, inventory: str,
                                                            street: int) -> None:
    got = orders.street_quantity(side, D(quantity), D(inventory))
    assert got == street and got == got.to_integral_value()
    after = D(inventory) + (got - D(quantity) if side == "buy" else D(quantity) - got)
    assert D(0) <= after < 1 or D(inventory) < 0


def held(s: Session, account_ids: Sequence[str]) -> Decimal:
    """What the customers hold (settled + receivable: `orders.positions`), summed."""
    return sum((settled + unsettled for a in account_ids for _, settled, unsettled in orders.positions(s, a)), D(0))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_inventory_and_customers_sum_to_the_dtc_position_after_random_fills(tmp_path: Path, seed: int) -> None:
    """Customers buying 0.3 then 0.5: 1 share bought on the street, 0.7 then 0.2 kept; and after random
    fractional fills the customers' positions plus the inventory equal 0555's whole-share position
    at DTC (the street trades reported), every order settling once, T+1, the books balanced."""
    import random
    rng = random.Random(seed)
    db = Database(f"sqlite:///{tmp_path}/broker.db")
    venue = FakeVenue()
    ids = []
    with db.transaction() as s:
        for n in range(4):
            row, _ = accounts.open_account(s, FRIDAY_EVENING, 7, f"c{n}", "individual")
            accounts.fund(s, FRIDAY_EVENING, row.account_id, "1000000")
            ids.append(row.account_id)
    at_dtc = D(0)
    filled: list[OrderRow] = []
    for step in range(60):
        at = MONDAY_OPEN + timedelta(minutes=step)
        account_id = rng.choice(ids)
        with db.transaction() as s:
            mine = sum((a + b for _, a, b in orders.positions(s, account_id)), D(0))
            side = "sell" if mine > 1 and rng.random() < 0.4 else "buy"
            quantity = D(rng.randrange(1, 3 * 10 ** 9)).scaleb(-9) if side == "buy" else \
                min(mine, D(rng.randrange(1, 2 * 10 ** 9)).scaleb(-9))
            if step < 2:
                side, quantity = "buy", D(("0.3", "0.5")[step])
            order = orders.submit(s, venue, at, accounts.get(s, account_id), "", orders.Terms("AAPL", side, quantity))
            filled.append(order)
            inventory = Ledger(s).balance(orders.INVENTORY, "AAPL")
            assert order.street_quantity == order.street_quantity.to_integral_value()
            at_dtc += order.street_quantity if side == "buy" else -order.street_quantity
            assert D(0) <= inventory < 1
            assert held(s, ids) + inventory == at_dtc
            # settled: the customers' settled shares plus the inventory's settled part are 0555's settled
            # position at DTC, none of these fills having settled yet
            settled_inventory = sum((i[1] for i in orders.inventory(s)), D(0))
            assert sum((p[1] for a in ids for p in orders.positions(s, a)), D(0)) + settled_inventory == 0
            if step == 0:
                assert (order.street_quantity, inventory) == (D(1), D("0.7"))
            if step == 1:
                assert (order.street_quantity, inventory) == (D(0), D("0.2"))
    assert report_fills(db, venue, limit=1000) == len(filled)
    street = [o for o in filled if o.street_quantity > 0]
    assert [r[0] for r in venue.reported] == [o.order_id for o in street]   # only the street trades
    venue.settled = {o.order_id for o in street}
    with db.transaction() as s:
        assert settle(s, venue, TUESDAY_SYNC) == len(filled)                  # each order once, T+1
        assert settle(s, venue, TUESDAY_SYNC) == 0
    with db.read() as s:
        inventory = Ledger(s).balance(orders.INVENTORY, "AAPL")
        assert held(s, ids) + inventory == at_dtc and at_dtc == at_dtc.to_integral_value()
        assert all(unsettled == 0 for a in ids for _, _, unsettled in orders.positions(s, a))
        assert orders.inventory(s) == ([("AAPL", inventory, D(0))] if inventory else [])
        assert prove(s)[0]


def test_the_service_layer_prices_first_changes_once_and_reports_fills_after(world: World) -> None:
    """`handlers.Handlers`: the one price -> unit of work -> report sequence every face and job uses."""
    db, venue, account_id, key = world
    handlers = Handlers(db, venue)
    waiting = place(db, venue, FRIDAY_EVENING, account_id, key, quantity="2", cid="w1")   # waits for Monday
    book = handlers.account_prices(MONDAY_OPEN, account_id, side="buy")
    assert set(book.quotes) == {"AAPL"} and book.at == MONDAY_OPEN      # the waiting buy's symbol, priced

    def buy(cid: str, quantity: str) -> Callable[[Session, orders.PriceBook], OrderRow]:
        return lambda s, prices: orders.place(s, prices, prices.at, client_order_id=cid, account_id=account_id,
                                               api_key=key, symbol="AAPL", side="buy", raw_quantity=quantity)

    with pytest.raises(DomainError):                                    # refused: nothing moves, nothing reported
        handlers.change(book, buy("big", "1000"), fills="new")
    assert venue.reported == []
    with pytest.raises(AssertionError, match="was not priced"):        # a unit of work never prices
        handlers.change(handlers.prices(MONDAY_OPEN, lambda s: set()), buy("b1", "1"))
    assert handlers.work_open_orders(MONDAY_OPEN) == (1, 0)             # the job: the waiting buy, reported
    assert [r[0] for r in venue.reported] == [waiting.order_id]
    filled = handlers.change(handlers.account_prices(MONDAY_OPEN, account_id, "AAPL"), buy("b2", "1"), fills="new")
    assert filled.status == "filled" and venue.reported[-1][0] == filled.order_id
