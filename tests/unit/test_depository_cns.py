"""CNS netting and the settlement run: nets per participant and security, T+1, fails carried."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fivelayer.depository import capture, settlement
from fivelayer.depository.models import DeliveryFailRow
from fivelayer.depository.netting import NetPosition, Trade, gross_value, net_positions, net_value, whole
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT

MONDAY_10AM = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
GENESIS = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
BROKER, STREET = BROKER_PARTICIPANT, STREET_PARTICIPANT
D = Decimal


def test_netting_per_participant_and_security() -> None:
    trades = [Trade("A", "S", "AAPL", D(10), D(1000)), Trade("S", "A", "AAPL", D(4), D(404)),
              Trade("A", "S", "NVDA", D(1), D(150)), Trade("B", "A", "AAPL", D(3), D(303))]
    positions = {(p.participant, p.symbol): (p.quantity, p.money, p.trades) for p in net_positions(trades)}
    assert positions[("A", "AAPL")] == (D(3), D(-293), 3)   # +10 -4 -3 shares; -1000 +404 +303 money
    assert positions[("S", "AAPL")] == (D(-6), D(596), 2)
    assert positions[("B", "AAPL")] == (D(3), D(-303), 1)
    assert positions[("A", "NVDA")] == (D(1), D(-150), 1)
    assert gross_value(trades) == D(1857)
    assert net_value(net_positions(trades)) == D(746)  # A pays 443, B pays 303: the rest nets away


def test_offsetting_trades_net_to_nothing_and_fails_carry() -> None:
    trades = [Trade("A", "S", "AAPL", D(5), D(500)), Trade("S", "A", "AAPL", D(5), D(500))]
    assert net_positions(trades) == []
    carried = net_positions([], {("A", "AAPL"): D(2)})
    assert [(p.participant, p.quantity, p.money) for p in carried] == [("A", D(2), D(0))]


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path}/dep.db")
    with db.transaction() as session:
        assert capture.genesis(session, GENESIS, ["AAPL"])
        assert not capture.genesis(session, GENESIS, ["AAPL"])
    return db


def test_capture_settles_t_plus_one_and_moves_interests_not_registration(db: Database) -> None:
    with db.transaction() as s:
        trade = capture.capture(s, trade_ref="ord-1", buyer=BROKER, seller=STREET, symbol="AAPL",
                                raw_quantity="10", raw_price="200.1234", executed_at=MONDAY_10AM)
    assert (trade.trade_date, trade.settlement_date, trade.amount) == ("2026-11-23", "2026-11-24", D("2001.23"))
    with db.transaction() as s:
        assert settlement.settle(s, date(2026, 11, 23), MONDAY_10AM) is not None  # nothing due yet
    with db.transaction() as s:
        cycle = settlement.settle(s, date(2026, 11, 24), MONDAY_10AM)
        assert cycle is not None and cycle.gross_value == D("2001.23")
        assert settlement.settle(s, date(2026, 11, 24), MONDAY_10AM) is None  # once
    with db.read() as s:
        ledger = Ledger(s)
        assert ledger.balance("p:0555", "AAPL") == D(10)
        assert ledger.balance("p:0555", "USD") == capture.OPENING_CASH - D("2001.23")
        assert capture.registered(s, "AAPL") == capture.REGISTERED_SHARES
        assert prove(s)[0]


def test_a_short_without_shares_fails_and_carries_to_the_next_day(db: Database) -> None:
    with db.transaction() as s:  # the broker sells shares it does not hold at DTC
        capture.capture(s, trade_ref="ord-2", buyer=STREET, seller=BROKER, symbol="AAPL", raw_quantity="3",
                        raw_price="100", executed_at=MONDAY_10AM)
    with db.transaction() as s:
        settlement.settle(s, date(2026, 11, 24), MONDAY_10AM)
    with db.read() as s:
        assert settlement.open_fails(s) == {(BROKER, "AAPL"): D(-3), (STREET, "AAPL"): D(3)}
        assert [t.status for t in settlement.due_trades(s, date(2026, 11, 30))] == []
        assert settlement.project(s, date(2026, 11, 25)).positions[0].quantity == D(-3)


def test_a_delivery_fail_fault_fails_a_holder_on_that_date_and_carries_forward(db: Database) -> None:
    """settlement-fail: the street holds the shares but fails to deliver them on 24 November; the
    fail is carried and settles on the next run, once the fault is lifted."""
    with db.transaction() as s:
        capture.capture(s, trade_ref="ord-1", buyer=BROKER, seller=STREET, symbol="AAPL", raw_quantity="4",
                        raw_price="100", executed_at=MONDAY_10AM)
        s.add(DeliveryFailRow(participant_id=STREET, symbol="AAPL", settlement_date="2026-11-24"))
    with db.transaction() as s:
        settlement.settle(s, date(2026, 11, 24), MONDAY_10AM)
    with db.read() as s:
        assert settlement.open_fails(s) == {(BROKER, "AAPL"): D(4), (STREET, "AAPL"): D(-4)}
        assert Ledger(s).balance("p:0555", "AAPL") == 0
    with db.transaction() as s:  # the fault named one date: on the next, the street delivers
        settlement.settle(s, date(2026, 11, 25), MONDAY_10AM)
    with db.read() as s:
        assert settlement.open_fails(s) == {} and Ledger(s).balance("p:0555", "AAPL") == D(4)
        assert prove(s)[0]


@pytest.mark.parametrize("kwargs, reason", [
    ({"buyer": "9999"}, "UNKNOWN_PARTICIPANT"), ({"seller": BROKER}, "INVALID_ARGUMENT"),
    ({"symbol": "ZZZ"}, "UNKNOWN_SYMBOL"), ({"raw_quantity": "0"}, "INVALID_AMOUNT"),
    ({"raw_price": "1.00001"}, "TOO_MANY_DECIMALS"), ({"executed_at": GENESIS}, "MARKET_CLOSED"),
])
def test_bad_trades_are_refused(db: Database, kwargs: dict[str, Any], reason: str) -> None:
    trade = {"trade_ref": "x", "buyer": BROKER, "seller": STREET, "symbol": "AAPL", "raw_quantity": "1",
             "raw_price": "1", "executed_at": MONDAY_10AM, **kwargs}
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        capture.capture(s, **trade)
    assert caught.value.reason == reason


def test_allocation_delivers_first_then_receives_in_participant_order() -> None:
    positions = [NetPosition("A", "AAPL", D(5), D(-500), 1), NetPosition("B", "AAPL", D(4), D(-400), 1),
                 NetPosition("C", "AAPL", D(-6), D(600), 1), NetPosition("D", "AAPL", D(-3), D(300), 1),
                 NetPosition("E", "AAPL", D(0), D(-7), 1)]
    settled = settlement.allocate(positions, {("C", "AAPL"): D(10), ("D", "AAPL"): D(1)}, {"AAPL": D(1)})
    # C delivers 6, D only the 1 it holds; CNS then has 1 + 7: A gets 5, B the 3 left
    assert settled == {("C", "AAPL"): D(-6), ("D", "AAPL"): D(-1), ("A", "AAPL"): D(5), ("B", "AAPL"): D(3)}
    failed = settlement.failed_positions(positions, settled)
    assert failed == {("D", "AAPL"), ("B", "AAPL")}
    trades = [Trade("A", "C", "AAPL", D(5), D(500)), Trade("B", "D", "AAPL", D(3), D(300)),
              Trade("E", "C", "MSFT", D(1), D(7))]
    assert settlement.trade_statuses(trades, failed) == ["settled", "failed", "settled"]
    assert settlement.trade_statuses(trades, set()) == ["settled"] * 3


def reference_positions(trades: list[Trade], fails: dict[tuple[str, str], Decimal]) \
        -> dict[tuple[str, str], tuple[Decimal, Decimal, int]]:
    """Netting the slow, obvious way: every trade's legs, one (participant, symbol) at a time."""
    out: dict[tuple[str, str], tuple[Decimal, Decimal, int]] = {}
    keys = {(t.buyer, t.symbol) for t in trades} | {(t.seller, t.symbol) for t in trades} | set(fails)
    for participant, symbol in keys:
        bought = [t for t in trades if t.buyer == participant and t.symbol == symbol]
        sold = [t for t in trades if t.seller == participant and t.symbol == symbol]
        quantity = sum((t.quantity for t in bought), D(0)) - sum((t.quantity for t in sold), D(0)) + \
            fails.get((participant, symbol), D(0))
        money = sum((t.amount for t in sold), D(0)) - sum((t.amount for t in bought), D(0))
        if quantity or money:
            out[(participant, symbol)] = (quantity, money, len(bought) + len(sold))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_netting_matches_a_straightforward_reference_on_random_trades(seed: int) -> None:
    import random
    rng = random.Random(seed)
    people, symbols = ["0100", "0101", "0102", "0555", "0999"], ["AAPL", "NVDA", "MSFT"]
    trades = []
    for _ in range(300):
        buyer, seller = rng.sample(people, 2)
        quantity = D(rng.randrange(1, 10 ** rng.choice((1, 3, 5))))   # whole shares: all DTC nets
        trades.append(Trade(buyer, seller, rng.choice(symbols), quantity, D(rng.randrange(1, 10 ** 7)).scaleb(-2)))
    trades.append(Trade("0100", "0101", "AAPL", D(1), D("10.00")))  # a pair that nets to nothing
    trades.append(Trade("0101", "0100", "AAPL", D(1), D("10.00")))
    fails = {("0100", "NVDA"): D(-2), ("0777", "AAPL"): D(3)}
    positions = net_positions(trades, fails)
    assert [(p.participant, p.symbol) for p in positions] == sorted(reference_positions(trades, fails))
    assert {(p.participant, p.symbol): (p.quantity, p.money, p.trades) for p in positions} == \
        reference_positions(trades, fails)
    assert gross_value(trades) == sum((t.amount for t in trades), D(0))
    payers: dict[str, Decimal] = {}
    for (participant, _), (_, money, _) in reference_positions(trades, fails).items():
        payers[participant] = payers.get(participant, D(0)) + money
    assert net_value(positions) == sum((-m for m in payers.values() if m < 0), D(0))


def test_dtc_refuses_a_fractional_trade_and_nets_only_whole_shares(db: Database) -> None:
    with pytest.raises(DomainError) as caught, db.transaction() as s:
        capture.capture(s, trade_ref="frac", buyer=BROKER, seller=STREET, symbol="AAPL", raw_quantity="0.3",
                        raw_price="100", executed_at=MONDAY_10AM)
    assert caught.value.reason == "NOT_WHOLE_SHARES"
    with db.read() as s:   # nothing captured
        assert settlement.due_trades(s, date(2026, 11, 24)) == []
    assert whole(D(3)) and whole(D("3.000")) and not whole(D("0.000000001"))
    with pytest.raises(ValueError):
        net_positions([Trade("A", "B", "AAPL", D("1.5"), D(150))])
    with pytest.raises(ValueError):
        net_positions([], {("A", "AAPL"): D("0.5")})
    positions = net_positions([Trade("A", "B", "AAPL", D(2), D(200)), Trade("B", "A", "AAPL", D(1), D(100))],
                              {("A", "AAPL"): D(-1)})
    assert all(whole(p.quantity) for p in positions)
