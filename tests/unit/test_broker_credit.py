"""Broker credit: the pure rules (deadline, actual/360 interest, the days owed, FIFO repayment) and a
line on the broker's books (buys beyond cash draw on it, CREDIT_LIMIT beyond it, cash repays first,
late interest once a day while something is drawn)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import accounts, credit, orders
from fivelayer.broker import reasons as broker_reasons
from fivelayer.broker.credit import Draw
from fivelayer.broker.jobs import CreditTrigger
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import prove
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2, common_pb2, statuses_pb2

from tests.unit.test_broker_orders import FakeVenue, settle

D = Decimal
MONDAY_10 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)           # 10:00 ET, in session
TUESDAY_DEADLINE = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)    # 13:00 ET on T+1
TUESDAY_SYNC = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)


# -- pure rules ---------------------------------------------------------------------------------------

def test_cash_for_a_buy_is_due_at_13_et_on_its_settlement_date_in_either_season() -> None:
    assert credit.deadline(date(2026, 11, 24)) == TUESDAY_DEADLINE            # EST: 18:00 UTC
    assert credit.deadline(date(2026, 7, 7)) == datetime(2026, 7, 7, 17, 0, tzinfo=UTC)   # EDT: 17:00 UTC


@pytest.mark.parametrize("overdue, rate, expected", [
    ("5000", "0.08", "1.11"),        # 5000 x 0.08 / 360 = 1.111...
    ("3600", "0.10", "1.00"),
    ("100", "0.0009", "0.00"),       # 0.00025: below half a cent
    ("1800", "0.001", "0.01"),       # 0.005: a half cent rounds up
    ("0", "0.08", "0"),
    ("1000", "0", "0"),
])
def test_a_days_interest_is_actual_360_to_the_cent(overdue: str, rate: str, expected: str) -> None:
    assert credit.daily_interest(D(overdue), D(rate)) == D(expected)


def test_the_days_owed_run_from_the_first_late_day_or_the_day_after_the_last_charged() -> None:
    tue, wed, fri = date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 27)
    assert credit.days_to_charge(None, tue, tue) == [tue]
    assert credit.days_to_charge(tue, tue, tue) == []                                  # once a day
    assert credit.days_to_charge(tue, tue, fri) == [wed, date(2026, 11, 26), fri]      # Thanksgiving counts
    assert credit.days_to_charge(None, wed, tue) == []                                 # not late yet


def test_standing_splits_what_is_drawn_into_next_due_and_overdue() -> None:
    at = TUESDAY_DEADLINE + timedelta(hours=1)
    later = TUESDAY_DEADLINE + timedelta(days=1)
    draws = [Draw("a", D(300), TUESDAY_DEADLINE), Draw("b", D(200), later), Draw("c", D(50), later),
             Draw("i", D("1.11"), at, "interest"), Draw("z", D(0), later)]
    s = credit.standing(draws, at)
    assert (s.used, s.due, s.due_at, s.overdue, s.overdue_principal) == \
        (D("551.11"), D(250), later, D("301.11"), D(300))


def test_cash_repays_late_interest_then_the_earliest_deadline() -> None:
    draws = [Draw("late", D(100), TUESDAY_DEADLINE + timedelta(days=1)), Draw("early", D(60), TUESDAY_DEADLINE)]
    assert credit.allocate(draws, D(80)) == [("early", D(60)), ("late", D(20))]
    assert credit.allocate(draws, D(500)) == [("early", D(60)), ("late", D(100))]
    assert credit.allocate(draws, D(0)) == []
    with_interest = [*draws, Draw("interest", D("1.11"), TUESDAY_DEADLINE + timedelta(days=2), "interest")]
    assert credit.allocate(with_interest, D(10)) == [("interest", D("1.11")), ("early", D("8.89"))]


def test_the_job_fires_at_the_next_13_et_any_calendar_day() -> None:
    saturday_noon = datetime(2026, 11, 28, 17, 0, tzinfo=UTC)   # 12:00 ET
    assert credit.next_charge(saturday_noon) == datetime(2026, 11, 28, 18, 0, tzinfo=UTC)
    assert credit.next_charge(datetime(2026, 11, 28, 18, 0, 1, tzinfo=UTC)) == datetime(2026, 11, 29, 18, 0,
                                                                                         tzinfo=UTC)


# -- a line on the broker's books ---------------------------------------------------------------------

class Broker:
    """The servicer over a fresh database: an account with 1,000 USD and a 5,000 USD line at 8%."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = Database(f"sqlite:///{tmp_path}/broker.db")
        self.venue = FakeVenue()
        self.clock = FixedClock(MONDAY_10)
        self.servicer = BrokerServicer(self.db, self.clock, self.venue, 7)
        self.ctx = LocalContext()
        a = self.servicer.CreateAccount(broker_pb2.CreateAccountRequest(request_id="a", name="SPV",
                                                                        kind="institutional"), self.ctx)
        self.account, self.key = a.account_id, a.api_key
        self.fund("1000", "f1")
        line = self.servicer.SetCreditLine(broker_pb2.SetCreditLineRequest(
            request_id="l", account_id=self.account, limit=common_pb2.Decimal(value="5000"),
            annual_rate=common_pb2.Decimal(value="0.08")), self.ctx)
        assert (from_pb(line.limit), from_pb(line.available), from_pb(line.used)) == (D(5000), D(5000), D(0))

    def fund(self, amount: str, rid: str, account: str = "") -> None:
        self.servicer.FundAccount(broker_pb2.FundAccountRequest(
            request_id=rid, account_id=account or self.account, amount=common_pb2.Decimal(value=amount)), self.ctx)

    def buy(self, quantity: str, rid: str, account: str = "", key: str = "") -> broker_pb2.Order:
        return self.servicer.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account or self.account, api_key=key or self.key, symbol="AAPL",
            side=broker_pb2.BUY, quantity=common_pb2.Decimal(value=quantity)), self.ctx)

    def line(self) -> broker_pb2.CreditLine:
        return self.servicer.GetCreditLine(broker_pb2.AccountRequest(account_id=self.account), self.ctx)

    def cash(self) -> broker_pb2.CashResponse:
        return self.servicer.GetCash(broker_pb2.AccountRequest(account_id=self.account), self.ctx)


def test_buys_beyond_cash_draw_on_the_line_and_beyond_it_are_refused_credit_limit(tmp_path: Path) -> None:
    b = Broker(tmp_path)
    assert from_pb(b.cash().buying_power) == D(6000)                  # 1,000 cash + 5,000 of credit
    assert b.buy("40", "o1").status == statuses_pb2.ORDER_STATUS_FILLED                    # 4,000: 3,000 on credit
    line = b.line()
    assert (from_pb(line.used), from_pb(line.available), from_pb(line.due)) == (D(3000), D(2000), D(3000))
    assert line.due_at.ToDatetime(tzinfo=UTC) == TUESDAY_DEADLINE
    with pytest.raises(DomainError) as refused:
        b.buy("30", "o2")                                             # 3,000 > 2,000 left
    assert refused.value.reason == broker_reasons.Broker.CREDIT_LIMIT
    assert "2000 USD left on a 5000 USD line" in refused.value.message
    assert b.buy("20", "o3").status == statuses_pb2.ORDER_STATUS_FILLED   # exactly the rest of the line
    assert from_pb(b.line().available) == D(0)
    cash = b.cash()                                                   # the cash view owes what is drawn
    assert (from_pb(cash.settled) + from_pb(cash.unsettled), from_pb(cash.buying_power)) == (D(-5000), D(0))
    # an account without a line keeps the old reason
    other = b.servicer.CreateAccount(broker_pb2.CreateAccountRequest(request_id="b", name="Bo", kind="individual"),
                                     b.ctx)
    with pytest.raises(DomainError) as plain:
        b.buy("1", "o4", other.account_id, other.api_key)
    assert plain.value.reason == broker_reasons.Broker.INSUFFICIENT_BUYING_POWER
    with b.db.read() as s:
        assert prove(s)[0]


def test_late_cash_costs_interest_each_day_and_cash_that_arrives_repays_first(tmp_path: Path) -> None:
    b = Broker(tmp_path)
    b.buy("40", "o1")
    trigger = CreditTrigger(b.db)
    assert trigger.get_next_fire_time(None, MONDAY_10) == datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    b.venue.settled = {"ord-000001"}
    with b.db.transaction() as s:
        assert credit.charge_interest(s, datetime(2026, 11, 23, 18, 0, tzinfo=UTC)) == []   # not due yet
        assert credit.charge_interest(s, TUESDAY_DEADLINE) == \
            ["acct-000001: 0.67 USD for 1 day(s) on 3000 USD overdue"]                     # 3000 x 0.08 / 360
        assert credit.charge_interest(s, TUESDAY_DEADLINE) == []                            # once a day
        assert settle(s, b.venue, TUESDAY_SYNC) == 1
    b.clock.at = TUESDAY_SYNC
    line = b.line()
    assert (from_pb(line.used), from_pb(line.overdue), from_pb(line.interest_charged)) == \
        (D("3000.67"), D("3000.67"), D("0.67"))
    b.fund("1000.67", "f2")                                          # repays the interest and 1,000 of the buy
    line = b.line()
    assert (from_pb(line.used), from_pb(line.available)) == (D(2000), D(3000))
    with b.db.transaction() as s:
        assert credit.charge_interest(s, TUESDAY_DEADLINE + timedelta(days=1)) == \
            ["acct-000001: 0.44 USD for 1 day(s) on 2000 USD overdue"]
    b.clock.at = TUESDAY_DEADLINE + timedelta(days=1, hours=1)
    b.fund("5000", "f3")
    line = b.line()
    assert (from_pb(line.used), from_pb(line.interest_charged)) == (D(0), D("1.11"))
    assert from_pb(b.cash().settled) == D("2999.56")               # 1000 + 1000.67 + 5000 - 4000 - 1.11
    assert trigger.get_next_fire_time(None, b.clock.at) is None    # nothing owed: the job sleeps
    with b.db.read() as s:
        assert prove(s)[0]


def test_a_sale_settling_repays_the_line(tmp_path: Path) -> None:
    b = Broker(tmp_path)
    b.buy("40", "o1")
    b.venue.settled = {"ord-000001"}
    with b.db.transaction() as s:
        settle(s, b.venue, TUESDAY_SYNC)
    b.clock.at = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    b.servicer.PlaceOrder(broker_pb2.PlaceOrderRequest(
        request_id="s1", account_id=b.account, api_key=b.key, symbol="AAPL", side=broker_pb2.SELL,
        quantity=common_pb2.Decimal(value="10")), b.ctx)
    b.venue.settled = {"ord-000002"}
    with b.db.transaction() as s:
        settle(s, b.venue, datetime(2026, 11, 27, 18, 30, tzinfo=UTC))   # Black Friday: T+1 after Thanksgiving
    assert from_pb(b.line().used) == D(2000)


def test_a_line_is_checked_and_closing_it_leaves_the_draw_owed(tmp_path: Path) -> None:
    b = Broker(tmp_path)
    b.buy("40", "o1")
    for limit, rate, reason in (("-1", "0.08", "INVALID_AMOUNT"), ("100.001", "0.08", "TOO_MANY_DECIMALS"),
                                ("100", "1.5", "INVALID_ARGUMENT")):
        with pytest.raises(DomainError) as bad:
            b.servicer.SetCreditLine(broker_pb2.SetCreditLineRequest(
                request_id=f"bad{limit}{rate}", account_id=b.account, limit=common_pb2.Decimal(value=limit),
                annual_rate=common_pb2.Decimal(value=rate)), b.ctx)
        assert bad.value.reason == reason
    closed = b.servicer.SetCreditLine(broker_pb2.SetCreditLineRequest(
        request_id="close", account_id=b.account, limit=common_pb2.Decimal(value="0"),
        annual_rate=common_pb2.Decimal(value="0.08")), b.ctx)
    assert (from_pb(closed.used), from_pb(closed.available)) == (D(3000), D(0))
    with pytest.raises(DomainError) as refused:
        b.buy("1", "o2")
    assert refused.value.reason == broker_reasons.Broker.CREDIT_LIMIT


def test_withdrawable_cash_never_counts_the_line(tmp_path: Path) -> None:
    b = Broker(tmp_path)
    with b.db.read() as s:
        book = orders.price_book(b.venue, {"AAPL"}, MONDAY_10)
        assert orders.cash_power(s, book, b.account, MONDAY_10) == D(1000)
        assert orders.buying_power(s, book, b.account, MONDAY_10) == D(6000)
        assert accounts.get(s, b.account).account_id == b.account
