"""Perp funding: the premium, the 8-hour rate and its +/-0.05% clamp, the hourly 4% cap, the payments'
direction, rounding and conservation (paid = received + residue, the residue to the insurance fund)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.exchange.perps.funding import (
    average_premium,
    funding_rate,
    premium_sample,
    settle_funding,
)
from fivelayer.exchange.perps.params import MAX_PREMIUM_SAMPLES

D = Decimal


def test_premium_is_the_average_of_impact_mid_over_oracle() -> None:
    # impact mids 100.03, 100.05, 100.01 against an oracle of 100: samples 0.0003, 0.0005, 0.0001; mean 0.0003
    samples = [premium_sample(D(mid), D(100)) for mid in ("100.03", "100.05", "100.01")]
    assert samples == [D("0.0003"), D("0.0005"), D("0.0001")]
    assert average_premium(samples) == D("0.0003")


def test_a_thin_book_samples_zero_and_an_empty_hour_averages_zero() -> None:
    assert premium_sample(None, D(100)) == 0
    assert average_premium([]) == 0


def test_within_the_clamp_the_rate_is_the_interest_rate() -> None:
    # P = 0.03%: r - P = -0.02% is inside +/-0.05%, so F = P + (r - P) = r = 0.01%; hourly 0.01% / 8 = 0.00125%
    rate = funding_rate(D("0.0003"))
    assert rate.rate_8h == D("0.0001")
    assert rate.hourly == D("0.0000125")
    assert not rate.capped


def test_the_clamp_limits_the_pull_toward_interest_to_five_basis_points() -> None:
    # P = 0.2%: r - P = -0.19%, clamped to -0.05%: F = 0.2% - 0.05% = 0.15%; hourly 0.01875%
    high = funding_rate(D("0.002"))
    assert high.rate_8h == D("0.0015")
    assert high.hourly == D("0.0001875")
    # P = -0.1%: r - P = 0.11%, clamped to +0.05%: F = -0.05%; hourly -0.00625% (shorts pay longs)
    low = funding_rate(D("-0.001"))
    assert low.rate_8h == D("-0.0005")
    assert low.hourly == D("-0.0000625")


def test_the_hourly_rate_is_capped_at_four_percent_either_way() -> None:
    # P = 50%: F = 0.5 - 0.0005 = 0.4995; / 8 = 6.24375% an hour, capped at 4%
    up = funding_rate(D("0.5"))
    assert up.rate_8h == D("0.4995")
    assert up.hourly == D("0.04") and up.capped
    # P = -40%: F = -0.4 + 0.0005 = -0.3995; / 8 = -4.99375%, capped at -4%
    down = funding_rate(D("-0.4"))
    assert down.hourly == D("-0.04") and down.capped
    # just inside: F = 32% exactly gives 4% an hour, not marked capped
    assert not funding_rate(D("0.3205")).capped


def test_longs_pay_shorts_on_size_times_oracle_rounded_against_the_payer() -> None:
    # hourly 0.00125% at an oracle of 187.33:
    #   A long 1:  1 x 187.33 x 0.0000125 = 0.002341625 -> pays 0.002342 (rounded up)
    #   B long 2:  0.00468325                           -> pays 0.004684
    #   C short 3: 0.007024875                          -> receives 0.007024 (rounded down)
    # paid 0.007026 = received 0.007024 + residue 0.000002 (to the insurance fund)
    rate = funding_rate(D(0))   # P = 0: F = clamp(0.01%) = 0.01%
    assert rate.hourly == D("0.0000125")
    result = settle_funding([("A", D(1)), ("B", D(2)), ("C", D(-3))], D("187.33"), rate)
    assert [(p.account, p.amount) for p in result.payments] == [
        ("A", D("-0.002342")), ("B", D("-0.004684")), ("C", D("0.007024"))]
    assert result.paid == D("0.007026")
    assert result.received == D("0.007024")
    assert result.residue == D("0.000002")
    assert result.paid == result.received + result.residue
    assert -sum(p.amount for p in result.payments) == result.residue


def test_negative_funding_has_shorts_pay_longs() -> None:
    # hourly -0.00625% at 200: the short of 4 pays 4 x 200 x 0.0000625 = 0.05, the long of 4 receives 0.05
    result = settle_funding([("L", D(4)), ("S", D(-4))], D(200), funding_rate(D("-0.001")))
    assert [p.amount for p in result.payments] == [D("0.05"), D("-0.05")]
    assert result.residue == 0


def test_funding_is_conserved_over_many_awkward_positions() -> None:
    # 40 longs of 0.123456789 x k against one short of the total: every payment rounded, nothing lost
    longs = [(f"L{k}", D("0.123456789") * k) for k in range(1, 41)]
    short = ("S", -sum((size for _, size in longs), D(0)))
    for premium in (D("0.00037"), D("-0.0123"), D("0.9")):
        result = settle_funding([*longs, short], D("431.17"), funding_rate(premium))
        assert result.paid == result.received + result.residue
        assert 0 <= result.residue <= D("0.000001") * len(result.payments)


def test_funding_refuses_an_unbalanced_open_interest_and_too_many_samples() -> None:
    with pytest.raises(ValueError, match="open interest"):
        settle_funding([("A", D(1)), ("B", D(-2))], D(100), funding_rate(D(0)))
    with pytest.raises(ValueError, match="premium samples"):
        average_premium([D(0)] * (MAX_PREMIUM_SAMPLES + 1))
