"""Broker rules: fills only in sessions, the Monday open, T+1 settlement sync, refusals change nothing."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from fivelayer.broker import accounts, orders
from fivelayer.broker.models import OrderRow
from fivelayer.broker.reporting import report_fills
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import prove
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2, common_pb2

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
            raise DomainError("UNKNOWN_SYMBOL", symbol)
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
def test_refusals_change_nothing(world, change, reason) -> None:
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
    assert order.status == "filled" and order.client_order_id == "o1"
    cash = servicer.GetCash(broker_pb2.AccountRequest(account_id=account.account_id), ctx)
    assert (cash.settled.value, cash.unsettled.value, cash.buying_power.value) == ("500", "-100", "400")
