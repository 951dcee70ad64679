"""Corporate actions on a perp: a cash dividend changes nothing (and the trace says the holder gets
nothing); a split realizes PnL at the mark and rescales size and price, preserving the notional."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.exchange.perps.corporate_actions import dividend_note, split_position
from fivelayer.exchange.perps.margin import Position, equity, liquidatable, open_position
from fivelayer.exchange.perps.params import market
from fivelayer.kernel.errors import DomainError

D = Decimal
AAPL = market("AAPL-PERP")


def test_a_cash_dividend_makes_no_adjustment_and_says_so() -> None:
    note = dividend_note(AAPL, D("0.26"))
    assert "AAPL-PERP" in note and "0.26" in note
    assert "no adjustment" in note and "gets nothing" in note


def test_a_forward_split_realizes_at_the_mark_and_keeps_the_notional() -> None:
    # 10 long at 200 with 200 margin, halted at a mark of 220; 4-for-1:
    # realized 10 x 20 = 200 into the margin (400); size 40, entry 220 / 4 = 55, the market reopens at 55.
    # notional 10 x 220 = 2,200 = 40 x 55; equity 400 before and after
    position = open_position("alice", D(10), D(200), 10, AAPL)
    result = split_position(position, D(220), 4, 1)
    assert result.realized_pnl == D(200)
    assert (result.after.size, result.after.entry_price, result.after.margin) == (D(40), D(55), D(400))
    assert result.mark_after == D(55)
    assert result.after.size * result.mark_after == position.size * D(220)
    assert equity(result.after, result.mark_after) == equity(position, D(220)) == D(400)
    assert liquidatable(result.after, result.mark_after, AAPL) == liquidatable(position, D(220), AAPL)


def test_a_reverse_split_rounds_the_size_down_and_states_the_sliver() -> None:
    # short 10 at 30 with 30 margin, mark 31, 1-for-3: realized -10 x 1 = -10 (margin 20);
    # size -10/3 = -3.333333333 (9 places, toward zero), entry 31 x 3 = 93.
    # notional 3.333333333 x 93 = 309.999999969 against 310 before: the dropped 3.33e-10 contracts x 93
    position = Position("bob", D(-10), D(30), D(30), 10)
    result = split_position(position, D(31), 1, 3)
    assert (result.realized_pnl, result.after.margin) == (D(-10), D(20))
    assert (result.after.size, result.after.entry_price, result.mark_after) == (D("-3.333333333"), D(93), D(93))
    assert abs(result.after.size) * result.mark_after == D("309.999999969")
    assert equity(result.after, result.mark_after) == equity(position, D(31)) == D(20)


def test_a_split_needs_positive_counts() -> None:
    with pytest.raises(DomainError):
        split_position(open_position("c", D(1), D(10), 2, AAPL), D(10), 0, 1)
