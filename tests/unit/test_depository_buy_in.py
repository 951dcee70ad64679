"""Buy-ins: Reg SHO Rule 204's deadline for a long sale's fail (the open of the third consecutive
settlement day after the settlement date), and the CNS buy-in that closes it out."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.depository import buy_in, capture, settlement
from fivelayer.depository.models import DeliveryFailRow, TradeRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT
from fivelayer.v1 import depository_pb2, statuses_pb2
from sqlmodel import select

from tests.unit.test_depository_corporate_actions import CTX, World

D = Decimal
BROKER, STREET = BROKER_PARTICIPANT, STREET_PARTICIPANT
GENESIS = datetime(2026, 11, 16, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize("settled, deadline", [
    ("2026-11-17", "2026-11-20"),   # Tue: Wed, Thu, Fri
    ("2026-11-19", "2026-11-24"),   # Thu: Fri, then the weekend, Mon, Tue
    ("2026-11-23", "2026-11-27"),   # Mon: Tue, Wed, Thanksgiving (26 Nov, no session) skipped, Fri
    ("2026-11-25", "2026-12-01"),   # Wed: Thanksgiving and the weekend skipped: Fri 27, Mon 30, Tue 1 Dec
    ("2026-10-08", "2026-10-14"),   # Thu: Fri 9, Columbus Day (an NYSE session, a bank holiday) skipped, Tue, Wed
    ("2026-11-09", "2026-11-13"),   # Mon: Tue 10, Veterans Day (a session, not a settlement day) skipped, Thu, Fri
])
def test_a_long_sale_fail_closes_out_by_the_third_settlement_day(settled: str, deadline: str) -> None:
    assert buy_in.close_out_date(date.fromisoformat(settled)) == date.fromisoformat(deadline)


def test_the_deadline_is_the_open_of_that_day() -> None:
    assert buy_in.close_out_at(date(2026, 11, 25)) == datetime(2026, 12, 1, 14, 30, tzinfo=UTC)  # 9:30 ET
    assert buy_in.close_out_at(date(2026, 10, 8)) == datetime(2026, 10, 14, 13, 30, tzinfo=UTC)  # 9:30 EDT


def test_a_fail_is_aged_from_the_first_day_of_its_unbroken_run() -> None:
    history = [("2026-11-20", D(-3)), ("2026-11-23", D(0)), ("2026-11-24", D(-4)), ("2026-11-25", D(-9))]
    assert buy_in.fail_since(history) == date(2026, 11, 24)
    assert buy_in.fail_since(history[:2]) is None            # delivered on the last run
    assert buy_in.fail_since([("2026-11-24", D(5))]) is None  # a fail to receive is not closed out by its holder


def test_due_only_fails_to_deliver_whose_deadline_has_come() -> None:
    fails = {(STREET, "AAPL"): D(-7), (BROKER, "AAPL"): D(7), (STREET, "NVDA"): D(-2)}
    since = {(STREET, "AAPL"): date(2026, 11, 25), (STREET, "NVDA"): date(2026, 11, 27)}
    assert buy_in.due(fails, since, datetime(2026, 12, 1, 14, 29, tzinfo=UTC)) == []
    due = buy_in.due(fails, since, datetime(2026, 12, 1, 14, 30, tzinfo=UTC))
    assert due == [buy_in.Due(STREET, "AAPL", D(7), date(2026, 11, 25), date(2026, 12, 1))]


def test_bought_in_shares_go_to_the_longs_in_participant_order() -> None:
    assert buy_in.allocate(D(5), {"B": D(4), "A": D(3)}) == {"A": D(3), "B": D(2)}
    assert buy_in.allocate(D(9), {"A": D(3)}) == {"A": D(3)}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path}/dep.db")
    with db.transaction() as session:
        capture.genesis(session, GENESIS, ["AAPL"])
    return db


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+00:00")


def test_a_withheld_delivery_is_bought_in_at_its_deadline_and_its_trades_settle_late(db: Database) -> None:
    """The street withholds AAPL from 25 November on: the broker's purchase of 24 November fails on the
    25th, the 27th and the 30th; at the open of 1 December it is bought in at the market price, charged to
    the street, delivered to the broker, and the failed trade settles."""
    with db.transaction() as s:
        capture.capture(s, trade_ref="ord-1", buyer=BROKER, seller=STREET, symbol="AAPL", raw_quantity="10",
                        raw_price="200", executed_at=at("2026-11-24T15:00:00"))
        s.add(DeliveryFailRow(participant_id=STREET, symbol="AAPL", settlement_date=""))
    for day in ("2026-11-25", "2026-11-27", "2026-11-30"):
        with db.transaction() as s:
            settlement.settle(s, date.fromisoformat(day), at(f"{day}T21:15:00"))
    with db.read() as s:
        assert settlement.open_fails(s) == {(BROKER, "AAPL"): D(10), (STREET, "AAPL"): D(-10)}
        assert buy_in.symbols_due(s, at("2026-12-01T14:29:00")) == []
        assert buy_in.symbols_due(s, at("2026-12-01T14:30:00")) == ["AAPL"]
        # the buy-in job fires at that open, not at every open before it
        assert buy_in.next_close_out(s, at("2026-11-30T21:15:00")) == at("2026-12-01T14:30:00")
        assert buy_in.next_close_out(s, at("2026-12-01T14:30:01")) is None
        street_cash = Ledger(s).balance("p:0999", "USD")
    with db.transaction() as s:
        done = buy_in.execute(s, at("2026-12-01T14:30:00"), {"AAPL": D("210.55")})
    assert [(r.participant_id, r.quantity, r.cost, r.failing_since, r.deadline) for r in done] == [
        (STREET, D(10), D("2105.50"), "2026-11-25", "2026-12-01")]
    with db.read() as s:
        ledger = Ledger(s)
        assert settlement.open_fails(s) == {}
        assert ledger.balance("p:0555", "AAPL") == D(10)
        assert ledger.balance(buy_in.BUYER, "USD") == 0
        # the sandbox's street is both the failing desk (charged) and the market (paid): its cash nets out
        assert ledger.balance("p:0999", "USD") == street_cash
        assert [t.status for t in s.exec(select(TradeRow))] == ["settled"]
        assert buy_in.delivered(done[0]) == [(BROKER, D(10))]
        assert prove(s)[0]
    with db.transaction() as s:  # once: nothing is left to buy in
        assert buy_in.execute(s, at("2026-12-01T14:31:00"), {"AAPL": D("210.55")}) == []
        assert buy_in.next_close_out(s, at("2026-11-20T00:00:00")) is None   # nothing fails: never


def test_a_fail_cured_before_its_deadline_is_not_bought_in(db: Database) -> None:
    with db.transaction() as s:
        capture.capture(s, trade_ref="ord-1", buyer=BROKER, seller=STREET, symbol="AAPL", raw_quantity="4",
                        raw_price="100", executed_at=at("2026-11-23T15:00:00"))
        s.add(DeliveryFailRow(participant_id=STREET, symbol="AAPL", settlement_date="2026-11-24"))
    for day in ("2026-11-24", "2026-11-25"):
        with db.transaction() as s:
            settlement.settle(s, date.fromisoformat(day), at(f"{day}T21:15:00"))
    with db.read() as s:
        assert settlement.open_fails(s) == {}
        assert [t.status for t in s.exec(select(TradeRow))] == ["settled"]  # settled late, on the 25th
        assert buy_in.symbols_due(s, at("2026-11-30T14:30:00")) == []


def test_the_jobs_entitle_the_buyer_to_the_dividend_on_the_fail_then_buy_it_in(tmp_path: Path) -> None:
    """Through the depository's own jobs and face: the street withholds the 10 AAPL the broker bought on
    Tuesday 1 December; a dividend's record date (Friday 4 December) falls inside the fail, so the broker is
    entitled to it on the shares not delivered and the street charged; at the open of Monday 7 December (the
    third settlement day after Wednesday 2 December) the buy-ins job buys the fail in at the market."""
    w = World(tmp_path, close="210")
    w.trade(at("2026-12-01T15:00:00"), BROKER, STREET, "10")
    w.servicer.SetDeliveryFail(depository_pb2.SetDeliveryFailRequest(
        request_id="fail", participant_id=STREET, symbol="AAPL", failing=True), CTX)
    action = w.dividend("0.50", "2026-12-04", "2026-12-07")
    w.run_to(at("2026-12-07T14:29:00"))
    assert w.entitlements(action.action_id)[BROKER][1:] == (D(10), D(10), D("5.00"))        # pending, shares, cash
    assert w.entitlements(action.action_id)[STREET][1] == D(-10)
    assert w.balance("p:0555", "AAPL") == 0
    outcomes = w.run_to(at("2026-12-07T14:30:00"))
    assert "buy-ins: bi-000001: 10 AAPL at 210 for 0999" in outcomes
    reply = w.servicer.ListBuyIns(depository_pb2.ListBuyInsRequest(symbol="AAPL", limit=1), CTX)
    assert [(b.participant_id, b.quantity.value, b.cost.value, b.failing_since, b.deadline) for b in reply.buy_ins] \
        == [(STREET, "10", "2100", "2026-12-02", "2026-12-07")]
    assert reply.next_page_token == "" and reply.buy_ins[0].delivered[0].participant_id == BROKER
    assert w.balance("p:0555", "AAPL") == D(10)
    trades = w.servicer.ListTrades(depository_pb2.ListTradesRequest(participant_id=BROKER), CTX).trades
    assert [t.status for t in trades] == [statuses_pb2.TRADE_STATUS_SETTLED]          # settled late
    with pytest.raises(DomainError) as refused:
        w.servicer.ListBuyIns(depository_pb2.ListBuyInsRequest(limit=1001), CTX)
    assert refused.value.reason == "INVALID_ARGUMENT"
