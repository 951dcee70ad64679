"""The price-gap fault: control's market data moves a symbol at a session's open by a seeded move."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fivelayer.control import faults
from fivelayer.control.marketdata import MarketData, shock
from fivelayer.kernel.errors import DomainError
from fivelayer.v1 import control_pb2

FRIDAY_CLOSE = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
SATURDAY = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
MONDAY_OPEN = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
MONDAY = date(2026, 11, 23)


def test_the_move_is_seeded_and_stated() -> None:
    move = shock(1, "AAPL", MONDAY)
    assert move == shock(1, "AAPL", MONDAY) and Decimal("0.08") <= abs(move) <= Decimal("0.15")
    assert {shock(seed, "AAPL", MONDAY) > 0 for seed in range(20)} == {True, False}  # either way


def test_a_gap_shifts_prices_from_its_open_on_and_not_before() -> None:
    plain, gapped = MarketData(1), MarketData(1)
    gap = gapped.gap("AAPL", MONDAY)
    gapped.set_gap(gap, True)
    assert gapped.price("AAPL", SATURDAY) == plain.price("AAPL", SATURDAY)  # off-hours: Friday's close
    assert gapped.price("AAPL", FRIDAY_CLOSE)[0] == plain.price("AAPL", FRIDAY_CLOSE)[0]
    for instant in (MONDAY_OPEN, datetime(2026, 11, 23, 20, 0, tzinfo=UTC), datetime(2026, 11, 24, 15, 0, tzinfo=UTC)):
        expected = (plain.price("AAPL", instant)[0] * (1 + gap.move)).quantize(Decimal("0.01"))
        assert abs(gapped.price("AAPL", instant)[0] - expected) <= Decimal("0.01")
    assert gapped.price("NVDA", MONDAY_OPEN) == plain.price("NVDA", MONDAY_OPEN)
    gapped.set_gap(gap, False)
    assert gapped.price("AAPL", MONDAY_OPEN) == plain.price("AAPL", MONDAY_OPEN)


@pytest.mark.parametrize("symbol, day, reason", [("ZZZ", "2026-11-23", "--symbol"), ("AAPL", "", "--date"),
                                                 ("AAPL", "2026-11-26", "not an NYSE session"),
                                                 ("AAPL", "23/11/2026", "YYYY-MM-DD")])
def test_a_price_gap_needs_a_symbol_and_a_session(symbol: str, day: str, reason: str) -> None:
    request = control_pb2.InjectFaultRequest(kind="price-gap", symbol=symbol, settlement_date=day)
    with pytest.raises(DomainError) as refused:
        faults.validate(request, lambda: "")
    assert refused.value.reason == "INVALID_ARGUMENT" and reason in refused.value.message


def test_a_price_gap_target_and_its_description() -> None:
    target = faults.validate(control_pb2.InjectFaultRequest(kind="price-gap", symbol="AAPL",
                                                            settlement_date="2026-11-23"), lambda: "")
    assert (target.kind, target.symbol, target.settlement_date) == ("price-gap", "AAPL", "2026-11-23")
    assert "AAPL gaps at the open of 2026-11-23" in target.description()
    market = MarketData(1)
    faults.switch(target, True, "k", None, market, SATURDAY)  # type: ignore[arg-type]
    assert market.gaps() == [market.gap("AAPL", MONDAY)]
    with pytest.raises(DomainError):  # an open already passed is history
        faults.switch(target, True, "k", None, market, MONDAY_OPEN)  # type: ignore[arg-type]
