"""The shared corporate-action arithmetic (kernel/corporate_actions.py): DTC's whole shares and the broker's
fractions, cash in lieu, prices after a split, dividends, withholding and due bills, at their rounding edges."""
from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from fivelayer.kernel import corporate_actions as kca


def test_dtc_keeps_whole_shares_and_pays_the_cut_fraction_in_lieu() -> None:
    assert kca.whole_shares(D(7), 3, 2) == (D(10), Fraction(1, 2))          # 10.5: 10 kept, half a share cut
    assert kca.whole_shares(D(7), 4, 1) == (D(28), Fraction(0))             # an even split cuts nothing
    assert kca.whole_shares(D(10), 1, 4) == (D(2), Fraction(1, 2))          # a reverse split: 2.5
    assert kca.whole_shares(D(-7), 3, 2) == (D(-10), Fraction(-1, 2))       # toward zero, both sides alike
    assert kca.cash_in_lieu(Fraction(1, 2), D("100"), 3, 2) == D("33.33")   # half a share at 100 x 2/3
    assert kca.cash_in_lieu(Fraction(1, 2), D("200"), 1, 4) == D("400.00")  # half a post-split share at 800
    assert kca.cash_in_lieu(Fraction(0), D("100"), 3, 2) == 0


def test_the_broker_keeps_nine_places_and_pays_what_lies_below_them() -> None:
    kept, below = kca.fractional_shares(D(10), 2, 3)                         # 6.666...
    assert kept == D("6.666666666") and below == Fraction(2, 3) / 10 ** 9
    assert kca.fractional_shares(D(7), 3, 2) == (D("10.5"), Fraction(0))     # a customer keeps 10.5, not 10
    assert kca.fractional_shares(D("2.5"), 4, 1)[0] == D(10)
    # a customer's 1/3 share below 9 places at a close of 300: far under a cent, paid nothing
    assert kca.cash_in_lieu(below, D("300"), 2, 3) == D("0.00")
    # exact: no 28-digit intermediate rounds a long fraction up to the next 9th place
    assert kca.fractional_shares(D("0.999999999999999999999999999999"), 1, 1)[0] == D("0.999999999")


def test_prices_after_a_split_never_worsen_a_limit() -> None:
    assert kca.split_limit(D(100), "buy", 3, 2) == D("66.66")                 # 66.666...: a buy's down
    assert kca.split_limit(D(100), "sell", 3, 2) == D("66.67")                # a sell's up
    assert kca.split_limit(D("1.50"), "buy", 2, 1) == D("0.75")               # under 1 USD: 4 places
    assert kca.split_limit(D("1.00"), "sell", 3, 1) == D("0.3334")
    assert kca.split_price(D("100"), 3, 1) == D("33.333333333")              # an open trade's price, 9 places
    assert kca.split_price(D("10"), 1, 4) == D("40")


def test_a_dividend_is_rounded_down_for_the_payee_and_up_for_a_fail_to_deliver() -> None:
    assert kca.dividend_cash(D(10), D("0.123456")) == D("1.23")
    assert kca.dividend_cash(D("0.999999999"), D("0.01")) == D("0.00")      # a fractional position: 0.0099...
    assert kca.dividend_cash(D(-10), D("0.123456")) == D("-1.24")           # charged, never in the payer's favour
    assert kca.due_bill(D(3), D("0.333333")) == D("0.99")                   # per trade, rounded down
    pay = kca.dividend_payment(D("7.3"), D("0.26"), D("0.3"))                 # 1.898 -> 1.89; 0.567 -> 0.57
    assert (pay.gross, pay.withheld, pay.net) == (D("1.89"), D("0.57"), D("1.32"))


@pytest.mark.parametrize(("gross", "rate", "withheld"), [
    ("0.01", "0.3", "0.00"),     # 0.003
    ("0.05", "0.3", "0.02"),     # 0.015: halves up
    ("0.86", "0.15", "0.13"),    # 0.129
    ("10.00", "0.3", "3.00"),    # exact stays exact
    ("3.25", "0", "0.00"),
])
def test_withholding_is_to_the_nearest_cent_halves_up(gross: str, rate: str, withheld: str) -> None:
    assert kca.withholding(D(gross), D(rate)) == D(withheld)


def test_a_ratio_is_two_positive_whole_numbers() -> None:
    with pytest.raises(ValueError, match="positive"):
        kca.whole_shares(D(1), 0, 1)
