"""A distribution of 25% or more at the broker (FINRA Rule 11140): it goes ex on the first session after
its pay date, so the broker allocates it on the ex date, once DTC has redeemed the due bills, to its
customers by position by trade date before the ex date; the notice carries the ex date."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import accounts, orders
from fivelayer.broker import corporate_actions as ca
from fivelayer.broker.models import NoticeRow, OrderRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.ledger import prove
from fivelayer.kernel.outbox import OutboxEvent, fields
from sqlmodel import select

from tests.unit.test_broker_corporate_actions import FakeDepository, FakeVenue

D = Decimal
MON = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)           # 10:00 ET
WED = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)           # the record date
FRI = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)           # the pay date (after Thanksgiving; closes 13:00 ET)
EX_OPEN = datetime(2026, 11, 30, 14, 31, tzinfo=UTC)      # Monday 09:31 ET: the ex date
EX_10 = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)         # the broker's allocation run on the ex date


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path}/broker.db")


def customer(db: Database, name: str) -> str:
    with db.transaction() as s:
        row, _ = accounts.open_account(s, MON, 7, name, "individual")
        accounts.fund(s, MON, row.account_id, "100000")
    return row.account_id


def trade(db: Database, at: datetime, account_id: str, side: str, qty: str) -> None:
    with db.transaction() as s:
        orders.submit(s, FakeVenue(), at, accounts.get(s, account_id), "",
                      orders.terms(symbol="AAPL", side=side, qty=qty))


def settle(db: Database, at: datetime) -> None:
    with db.transaction() as s:
        due = orders.due_settlement_dates(s, at)
        everything = {o.order_id for o in s.exec(select(OrderRow))}
        orders.settle_due(s, {d: everything for d in due}, at)


def test_a_large_distribution_follows_the_position_by_trade_date_before_the_ex_date(db: Database) -> None:
    ada, bo, cy, dan = (customer(db, n) for n in ("Ada", "Bo", "Cy", "Dan"))
    trade(db, MON, ada, "buy", "10")                     # settles Tuesday: of record
    settle(db, datetime(2026, 11, 24, 21, 30, tzinfo=UTC))
    trade(db, WED, bo, "buy", "5")                       # on the record date: settles after it, a due bill to bo
    trade(db, WED, ada, "sell", "4")                     # ada is of record for 10, owes 4 by due bill
    trade(db, FRI, cy, "buy", "2")                       # on the pay date: a due bill to cy
    settle(db, datetime(2026, 11, 27, 18, 30, tzinfo=UTC))
    trade(db, EX_OPEN, dan, "buy", "1")                  # on the ex date: ex-dividend
    record_day, ex_day = date(2026, 11, 25), date(2026, 11, 30)
    with db.read() as s:
        assert ca.holders_at(s, "AAPL", record_day) == {ada: D(10)}                       # by settlement
        assert ca.holders_at(s, "AAPL", record_day, ex_day) == {ada: D(6), bo: D(5), cy: D(2)}  # by trade date

    depository = FakeDepository()
    action = ca.Action("ca-000001", "dividend", "AAPL", amount=D("30"), ex_date="2026-11-30",
                       record_date="2026-11-25", pay_date="2026-11-27", status=ca.ActionStatus.DUE_BILLS)
    assert ca.due_bills_apply(action)
    assert not ca.due_bills_apply(ca.Action("ca-000002", "dividend", "AAPL", amount=D("1"), ex_date="2026-11-25",
                                            record_date="2026-11-25", pay_date="2026-11-27"))
    depository.actions.append(action)
    # DTC paid 0555 as holder of record (10 shares) on the pay date; due bills not yet redeemed
    depository.credits["ca-000001"] = ca.Credit("ca-000001", D(10), D(300), paid=True)
    assert ca.run_dividends(db, depository, datetime(2026, 11, 27, 16, 0, tzinfo=UTC)) == "no dividend to allocate"
    assert ca.run_dividends(db, depository, EX_10) == "no dividend to allocate"          # DTC still at due-bills
    # 09:00 ET on the ex date: DTC redeemed 0555's due bills (bought 7, sold 4 between the dates: +3 x 30)
    depository.actions[0] = ca.Action("ca-000001", "dividend", "AAPL", amount=D("30"), ex_date="2026-11-30",
                                      record_date="2026-11-25", pay_date="2026-11-27", status=ca.ActionStatus.PAID)
    depository.credits["ca-000001"] = ca.Credit("ca-000001", D(13), D(390), paid=True)
    assert ca.run_dividends(db, depository, EX_10).startswith("ca-000001 AAPL: 390.00 to 3 customers")
    with db.read() as s:
        got = {n.account_id: (n.shares, n.gross, n.record_date, n.ex_date) for n in s.exec(select(NoticeRow))}
        assert prove(s)[0]
        events = [fields("broker", e) for e in s.exec(select(OutboxEvent).where(
            OutboxEvent.type == "notice.dividend"))]
    assert got == {ada: (D(6), D(180), "2026-11-25", "2026-11-30"), bo: (D(5), D(150), "2026-11-25", "2026-11-30"),
                   cy: (D(2), D(60), "2026-11-25", "2026-11-30")}                       # dan bought ex-dividend
    assert {e["ex_date"] for e in events} == {"2026-11-30"}


def test_an_ordinary_dividends_notice_carries_its_ex_date_the_record_date(db: Database) -> None:
    ada = customer(db, "Ada")
    trade(db, MON, ada, "buy", "10")
    depository = FakeDepository()
    depository.actions.append(ca.Action("ca-000001", "dividend", "AAPL", amount=D("1"), ex_date="2026-11-25",
                                        record_date="2026-11-25", pay_date="2026-11-27", status=ca.ActionStatus.PAID))
    depository.credits["ca-000001"] = ca.Credit("ca-000001", D(10), D(10), paid=True)
    assert ca.run_dividends(db, depository, FRI.replace(hour=16)).startswith("ca-000001 AAPL: 10.00 to 1 customers")
    with db.read() as s:
        assert [(n.record_date, n.ex_date) for n in s.exec(select(NoticeRow))] == [("2026-11-25", "2026-11-25")]
