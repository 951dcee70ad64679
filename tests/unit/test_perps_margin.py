"""Isolated perp margin: initial and maintenance margin, equity at the mark, the liquidation and
bankruptcy prices, the average entry on an increase, realized PnL and released margin on a reduction."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.exchange.perps.margin import (
    Position,
    bankruptcy_price,
    equity,
    increase,
    initial_margin,
    liquidatable,
    liquidation_price,
    maintenance_margin,
    open_position,
    reduce,
    unrealized_pnl,
)
from fivelayer.exchange.perps.params import market
from fivelayer.kernel.errors import DomainError

D = Decimal
AAPL = market("AAPL-PERP")
SPY = market("SPY-PERP")


def long_10x() -> Position:
    # 10 AAPL-PERP at 200, 10x: notional 2,000, initial margin 200
    return open_position("alice", D(10), D(200), 10, AAPL)


def test_initial_margin_is_notional_over_leverage_up_to_the_max() -> None:
    assert long_10x().margin == D(200)
    assert initial_margin(D(-3), D("187.33"), 3, AAPL) == D("187.33")    # 561.99 / 3
    assert initial_margin(D(1), D(100), 7, AAPL) == D("14.285715")       # 14.2857142... rounded up
    assert initial_margin(D(10), D(500), 20, SPY) == D(250)
    with pytest.raises(DomainError, match="leverage 1 to 10"):
        initial_margin(D(1), D(100), 11, AAPL)
    with pytest.raises(DomainError):
        initial_margin(D(1), D(100), 0, SPY)


def test_maintenance_is_half_the_initial_margin_at_max_leverage() -> None:
    # AAPL: 2,000 / (2 x 10) = 100; SPY 20x: 5,000 / 40 = 125
    assert maintenance_margin(long_10x(), D(200), AAPL) == D(100)
    assert maintenance_margin(open_position("b", D(-10), D(500), 20, SPY), D(500), SPY) == D(125)


def test_equity_and_the_liquidation_threshold_at_the_mark() -> None:
    position = long_10x()
    # at 190: PnL -100, equity 100, maintenance 1,900 / 20 = 95: safe
    assert unrealized_pnl(position, D(190)) == D(-100)
    assert equity(position, D(190)) == D(100) and not liquidatable(position, D(190), AAPL)
    # at 189: equity 90 < maintenance 94.5: liquidatable
    assert liquidatable(position, D(189), AAPL)


def test_the_liquidation_price_is_where_equity_meets_maintenance() -> None:
    # long: P = (E - margin/s) / (1 - m) = (200 - 20) / 0.95 = 189.4736842...
    position = long_10x()
    price = liquidation_price(position, AAPL)
    assert price is not None and price.quantize(D("0.000001")) == D("189.473684")
    # equal to the 50 digits the context keeps (the price itself is a rounded quotient)
    assert abs(equity(position, price) - maintenance_margin(position, price, AAPL)) < D("1e-40")
    assert not liquidatable(position, price, AAPL)
    assert liquidatable(position, price - D("0.000001"), AAPL)
    # short: P = (E + margin/|s|) / (1 + m) = 220 / 1.05 = 209.5238095...
    short = open_position("bob", D(-10), D(200), 10, AAPL)
    short_price = liquidation_price(short, AAPL)
    assert short_price is not None and short_price.quantize(D("0.000001")) == D("209.523810")
    assert liquidatable(short, short_price + D("0.000001"), AAPL)
    # a 1x long cannot be liquidated at a positive price: (200 - 200) / 0.95 = 0
    assert liquidation_price(open_position("c", D(10), D(200), 1, AAPL), AAPL) is None


def test_the_bankruptcy_price_is_where_equity_is_zero() -> None:
    assert bankruptcy_price(long_10x()) == D(180)                                          # 200 - 200/10
    assert bankruptcy_price(open_position("bob", D(-10), D(200), 10, AAPL)) == D(220)      # 200 + 200/10


def test_an_increase_averages_the_entry_and_posts_margin_at_the_positions_leverage() -> None:
    # add 5 at 230: entry (10 x 200 + 5 x 230) / 15 = 210; margin 200 + 1,150/10 = 315
    bigger = increase(long_10x(), D(5), D(230), AAPL)
    assert (bigger.size, bigger.entry_price, bigger.margin) == (D(15), D(210), D(315))
    # an average that does not end: (1 x 100 + 2 x 101) / 3 = 100.666666666... -> 9 places, half even
    odd = increase(open_position("d", D(1), D(100), 5, AAPL), D(2), D(101), AAPL)
    assert odd.entry_price == D("100.666666667")
    with pytest.raises(DomainError):
        increase(long_10x(), D(-1), D(200), AAPL)


def test_a_reduction_realizes_pnl_and_releases_its_share_of_the_margin() -> None:
    # 15 at 210 with 315 posted; close 5 at 220: PnL 5 x 10 = 50, margin released 315 x 5/15 = 105
    position = Position("alice", D(15), D(210), D(315), 10)
    step = reduce(position, D(5), D(220))
    assert (step.closed, step.realized_pnl, step.released) == (D(5), D(50), D(105))
    assert (step.position.size, step.position.entry_price, step.position.margin) == (D(10), D(210), D(210))
    # a short closing 4 of 10 at 190 from 200: PnL -4 x (190 - 200) = 40
    short = reduce(Position("bob", D(-10), D(200), D(200), 10), D(4), D(190))
    assert (short.closed, short.realized_pnl, short.released, short.position.size) == (D(-4), D(40), D(80), D(-6))
    # closing all releases all the margin
    assert reduce(position, D(15), D(200)).released == D(315)
    with pytest.raises(DomainError):
        reduce(position, D(16), D(200))


def test_realized_pnl_is_floored_against_the_trader() -> None:
    # a loss of 0.0000003 is taken as 0.000001; a gain of 0.0000003 as nothing
    position = Position("e", D(1), D("10.0000003"), D(2), 5)
    assert reduce(position, D(1), D(10)).realized_pnl == D("-0.000001")
    assert reduce(Position("e", D(1), D("9.9999997"), D(2), 5), D(1), D(10)).realized_pnl == D(0)
    # released margin rounds down: 1 of 3 contracts of a 1.000001 margin releases 0.333333
    assert reduce(Position("f", D(3), D(10), D("1.000001"), 30), D(1), D(10)).released == D("0.333333")
