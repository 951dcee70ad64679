"""The perp markets' clockwork on a scratch database: the update cadence, the oracle faults (jump, stale),
funding's residue to the fund, a split's rescaling and a dividend's note."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.exchange import models, perp_actions, perp_market, perp_models  # noqa: F401
from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.jobs import PerpCadence
from fivelayer.exchange.perp_models import PerpEntryRow, PerpMarketRow, PerpOrderRow, PerpPositionRow
from fivelayer.exchange.perps.params import market
from fivelayer.kernel.db import Database
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import common_pb2, depository_pb2, statuses_pb2
from fivelayer.v1 import perpetuals_pb2 as pb
from sqlmodel import select

D = Decimal
AAPL = market("AAPL-PERP")
FRIDAY = datetime(2026, 11, 20, 19, 30, tzinfo=UTC)       # 14:30 ET, in session


def test_every_minute_in_session_every_five_off_hours() -> None:
    cadence = PerpCadence()
    assert cadence.get_next_fire_time(None, datetime(2026, 11, 20, 19, 30, 1, tzinfo=UTC)) == \
        datetime(2026, 11, 20, 19, 31, tzinfo=UTC)
    assert cadence.get_next_fire_time(None, datetime(2026, 11, 21, 12, 1, tzinfo=UTC)) == \
        datetime(2026, 11, 21, 12, 5, tzinfo=UTC)                               # Saturday
    assert cadence.get_next_fire_time(None, datetime(2026, 11, 23, 14, 26, tzinfo=UTC)) == \
        datetime(2026, 11, 23, 14, 30, tzinfo=UTC)                              # Monday's open


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path}/exchange.db")
    with database.transaction() as session:
        Ledger(session).post([("@faucet", STABLECOIN, D(-1_010_000)), ("user:u1", STABLECOIN, D(10_000)),
                              (trading.MAKER, STABLECOIN, D(1_000_000))], at=FRIDAY, transfer_id="seed")
        perp_market.start(session, FRIDAY, {"AAPL-PERP": perp_market.Quote(D(200), True)})
        trading.post_fill(session, FRIDAY, "user:u1", AAPL, D(10), D(200), 5, D(0), "o1")
        trading.post_fill(session, FRIDAY, trading.MAKER, AAPL, D(-10), D(200), 1, D(0), "o1")
    return database


def market_row(db: Database) -> PerpMarketRow:
    with db.read() as session:
        row = session.get(PerpMarketRow, "AAPL-PERP")
        assert row is not None
        return row


def test_an_oracle_jump_moves_the_mark_1_percent_an_update_and_stale_holds(db: Database) -> None:
    with db.transaction() as session:
        perp_market.set_conditions(session, FRIDAY, pb.SetPerpConditionsRequest(
            request_id="j", symbol="AAPL-PERP", oracle_jump=common_pb2.Decimal(value="-0.2")))
        perp_market.update(session, datetime(2026, 11, 20, 19, 31, tzinfo=UTC), "AAPL-PERP",
                           perp_market.Quote(D(200), True))
    row = market_row(db)
    assert row.oracle_price == D(160) and row.mark_price == D(198)        # capped at 1% from 200
    with db.transaction() as session:
        perp_market.set_conditions(session, FRIDAY, pb.SetPerpConditionsRequest(request_id="s", symbol="AAPL-PERP",
                                                                                 oracle_stale=True))
        perp_market.update(session, datetime(2026, 11, 20, 19, 32, tzinfo=UTC), "AAPL-PERP",
                           perp_market.Quote(D(150), True))
    row = market_row(db)
    assert (row.oracle_price, row.mark_price, row.oracle_jump) == (D(160), D(198), D(0))


def test_funding_pays_between_positions_and_the_residue_goes_to_the_fund(db: Database) -> None:
    with db.transaction() as session:
        row = session.get(PerpMarketRow, "AAPL-PERP")
        assert row is not None
        row.premium_sum, row.premium_count = D("0.003"), 3      # P = 0.1%: longs pay
        session.add(row)
        paid = perp_market.pay_funding(session, datetime(2026, 11, 20, 20, 0, tzinfo=UTC), "AAPL-PERP")
    assert paid is not None and paid.positions == 2 and paid.hourly_rate > 0
    with db.read() as session:
        longs = session.get(PerpPositionRow, ("user:u1", "AAPL-PERP"))
        assert longs is not None and longs.funding < 0 and longs.margin == D(400) + longs.funding
        assert Ledger(session).balance(trading.FUND, STABLECOIN) == paid.residue
        assert prove(session)[0]
        assert [e.kind for e in session.exec(select(PerpEntryRow))][-1] == \
            pb.PERP_ENTRY_KIND_FUNDING
    assert market_row(db).premium_count == 0


def test_a_split_rescales_positions_orders_and_prices_and_a_dividend_is_a_note(db: Database) -> None:
    with db.transaction() as session:
        session.add(PerpOrderRow(order_id="po-000009", sequence=9, user_id="u1", symbol="AAPL-PERP",
                                 side=pb.PERP_SIDE_BUY, type=pb.PERP_ORDER_TYPE_LIMIT, size=D(3), limit_price=D(150),
                                 status=statuses_pb2.PERP_ORDER_STATUS_OPEN, created_at=FRIDAY, updated_at=FRIDAY))
        row = session.get(PerpMarketRow, "AAPL-PERP")
        assert row is not None
        row.mark_price = D(210)
        session.add(row)
    split = depository_pb2.CorporateAction(action_id="ca-000001", kind="split", symbol="AAPL", new_shares=3,
                                           old_shares=2, effective_date="2026-11-23")
    dividend = depository_pb2.CorporateAction(action_id="ca-000002", kind="dividend", symbol="AAPL",
                                              amount=common_pb2.Decimal(value="0.26"), ex_date="2026-11-23")
    at = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    with db.transaction() as session:
        due = perp_actions.due(session, [split, dividend], "2026-11-23")
        assert [a.action_id for a, _ in due] == ["ca-000001", "ca-000002"]
        for action, params in due:
            perp_actions.apply(session, at, action, params)
        assert perp_actions.due(session, [split, dividend], "2026-11-23") == []    # once
    with db.read() as session:
        mine = session.get(PerpPositionRow, ("user:u1", "AAPL-PERP"))
        maker = session.get(PerpPositionRow, (trading.MAKER, "AAPL-PERP"))
        assert mine is not None and maker is not None
        assert (mine.size, mine.entry_price, mine.realized_pnl) == (D(15), D(140), D(100))
        assert mine.margin == D(400) + D(100) and mine.size + maker.size == 0
        placed = session.get(PerpOrderRow, "po-000009")
        assert placed is not None and (placed.size, placed.limit_price) == (D("4.5"), D(100))
        row = session.get(PerpMarketRow, "AAPL-PERP")
        assert row is not None and (row.mark_price, row.oracle_price, row.halted) == (D(140), D("133.333333"), False)
        notes = [e for e in session.exec(select(PerpEntryRow))
                 if e.kind == pb.PERP_ENTRY_KIND_DIVIDEND]
        assert len(notes) == 1 and notes[0].amount == 0 and "no adjustment" in notes[0].note


def test_a_resting_bid_inside_the_spread_is_taken_by_the_makers_next_quotes(db: Database) -> None:
    """A bid at 199.95 rests between the maker's 199.90 and 200.10 (its margin and fee reserved); the oracle
    falls to 199.70, the new asks start at 199.80, and the maker sells to the bid at the bid's 199.95."""
    with db.transaction() as session:
        session.add(models.UserRow(user_id="u2", name="u2", deposit_address="0x0", created_at=FRIDAY))
        Ledger(session).transfer("@faucet", "user:u2", STABLECOIN, D(1_000), at=FRIDAY, transfer_id="seed-u2")
        placed = trading.place(session, FRIDAY, pb.PlacePerpOrderRequest(
            request_id="r1", user_id="u2", symbol="AAPL-PERP", side=pb.PERP_SIDE_BUY, type=pb.PERP_ORDER_TYPE_LIMIT,
            size=common_pb2.Decimal(value="2"), limit_price=common_pb2.Decimal(value="199.95"), leverage=2))
        assert placed.status == statuses_pb2.PERP_ORDER_STATUS_OPEN and placed.reserved == D("199.95") + D("0.059985")
    with db.transaction() as session:
        perp_market.update(session, datetime(2026, 11, 20, 19, 31, tzinfo=UTC), "AAPL-PERP",
                           perp_market.Quote(D("199.70"), True))
    with db.read() as session:
        order = session.get(PerpOrderRow, placed.order_id)
        assert order is not None and order.status == statuses_pb2.PERP_ORDER_STATUS_FILLED and order.reserved == 0
        assert order.filled_value == D(2) * D("199.95") and order.fee == D("0.059985")
        mine = session.get(PerpPositionRow, ("user:u2", "AAPL-PERP"))
        assert mine is not None and (mine.size, mine.entry_price, mine.margin) == (D(2), D("199.95"), D("199.95"))
        assert Ledger(session).balance("user:u2", STABLECOIN) == D(1_000) - D("199.95") - D("0.059985")
        assert prove(session)[0]


def test_an_idle_market_wakes_at_the_price_now_and_its_jobs_start_after_it(tmp_path: Path) -> None:
    """Started on Thursday, quiet until a Friday order: the market restarts from Friday's price (its maker's
    ladder is not Thursday's), and neither the updates nor funding are run for the quiet hours."""
    from apscheduler.triggers.cron import CronTrigger
    from fivelayer.kernel.jobs import WhileTrigger

    database = Database(f"sqlite:///{tmp_path}/exchange.db")
    thursday, friday = datetime(2026, 11, 19, 22, 0, tzinfo=UTC), datetime(2026, 11, 20, 14, 35, tzinfo=UTC)
    with database.transaction() as session:
        perp_market.start(session, thursday, {"AAPL-PERP": perp_market.Quote(D(200), False)})
    funding_trigger = WhileTrigger(database, lambda session: True, CronTrigger(minute=0, timezone="UTC"),
                                   lambda session: perp_market.last_updated(session, ["AAPL-PERP"]))
    assert funding_trigger.get_next_fire_time(None, thursday) == datetime(2026, 11, 19, 23, 0, tzinfo=UTC)
    with database.transaction() as session:
        assert perp_market.wake(session, friday, "AAPL-PERP", perp_market.Quote(D(210), True))
    row = market_row(database)
    assert (row.oracle_price, row.mark_price, row.quote_oracle, row.in_session) == (D(210), D(210), D(210), True)
    # the watermark is still Thursday evening: the next funding is after the wake, not at Thursday 23:00
    assert funding_trigger.get_next_fire_time(None, thursday) == datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def test_a_market_with_a_position_is_not_woken(db: Database) -> None:
    with db.transaction() as session:
        assert not perp_market.wake(session, datetime(2026, 11, 23, 15, 0, tzinfo=UTC), "AAPL-PERP",
                                    perp_market.Quote(D(150), True))
    assert market_row(db).oracle_price == D(200)


def test_an_idle_market_is_read_as_it_would_wake_and_nothing_is_written(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path}/exchange.db")
    friday, saturday = datetime(2026, 11, 20, 19, 0, tzinfo=UTC), datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
    with database.transaction() as session:
        perp_market.start(session, friday, {"AAPL-PERP": perp_market.Quote(D(346), True)})
    row = market_row(database)
    view = perp_market.idle_view(row, saturday, perp_market.Quote(D("335.53"), False))   # Friday's close
    assert (view.oracle_price, view.mark_price, view.last_session_price, view.in_session, view.quote_oracle) == \
        (D("335.53"), D("335.53"), D("335.53"), False, D("335.53"))
    assert (market_row(database).oracle_price, market_row(database).in_session) == (D(346), True)
