"""Hourly funding: what keeps the perp near its oracle, paid between longs and shorts [HL-funding].

- premium sample = impact mid / oracle - 1, taken every PREMIUM_SAMPLE_SECONDS; a sample with no
  impact mid (a side too thin) is 0. (Hyperliquid's own sample is zero while the oracle sits inside
  the impact spread; issue 19 asks for the impact mid, which this follows.)
- P = the mean of the hour's samples (at most MAX_PREMIUM_SAMPLES; none: 0).
- 8-hour rate F = P + clamp(r - P, -0.05%, +0.05%), r = 0.01%: within 0.05% of P, pulled toward r.
- hourly rate = F / 8, capped at +/-4%.
- payment = size x oracle x hourly rate: positive, longs pay shorts; negative, shorts pay longs.

Rates are exact. Money is FUSD to 6 places: every payer's amount is rounded UP and every receiver's
DOWN (kernel.money's rule: rounding never favours the counterparty), so the payers pay at least what
the receivers get. Conservation: paid = received + residue, exactly; the residue (at most 1e-6 FUSD per
position) goes to the insurance fund, the backstop the same rounding protects. The positions given
must be all of the market's open interest (longs' size = shorts' size, the fund's own included),
or the exact amounts would not balance to begin with.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from fivelayer.exchange.perps.params import (
    FUNDING_PERIODS_PER_RATE,
    HOURLY_FUNDING_CAP,
    INTEREST_RATE_8H,
    MAX_POSITIONS,
    MAX_PREMIUM_SAMPLES,
    PREMIUM_CLAMP,
)
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, round_down, round_up


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return min(max(value, low), high)


def premium_sample(impact_mid: Decimal | None, oracle: Decimal) -> Decimal:
    """One premium sample: how far the book's impact mid stands from the oracle, as a fraction."""
    if oracle <= 0:
        raise ValueError(f"an oracle price must be positive, got {oracle}")
    return ZERO if impact_mid is None else impact_mid / oracle - 1


def average_premium(samples: Sequence[Decimal]) -> Decimal:
    if len(samples) > MAX_PREMIUM_SAMPLES:
        raise ValueError(f"{len(samples)} premium samples in an hour; at most {MAX_PREMIUM_SAMPLES}")
    return sum(samples, ZERO) / len(samples) if samples else ZERO


@dataclass(frozen=True)
class FundingRate:
    premium: Decimal      # P, the hour's average premium
    rate_8h: Decimal      # F = P + clamp(r - P, -0.05%, +0.05%)
    hourly: Decimal       # what is paid this hour: F / 8, capped
    capped: bool          # whether the 4%-an-hour cap cut it


def funding_rate(premium: Decimal, interest_8h: Decimal = INTEREST_RATE_8H) -> FundingRate:
    rate_8h = premium + clamp(interest_8h - premium, -PREMIUM_CLAMP, PREMIUM_CLAMP)
    uncapped = rate_8h / FUNDING_PERIODS_PER_RATE
    hourly = clamp(uncapped, -HOURLY_FUNDING_CAP, HOURLY_FUNDING_CAP)
    return FundingRate(premium, rate_8h, hourly, hourly != uncapped)


@dataclass(frozen=True)
class FundingPayment:
    account: str
    size: Decimal      # + long, - short
    amount: Decimal    # FUSD, + received, - paid


@dataclass(frozen=True)
class FundingRound:
    rate: FundingRate
    oracle: Decimal
    payments: list[FundingPayment]
    paid: Decimal       # what the payers pay in all (positive)
    received: Decimal   # what the receivers get in all
    residue: Decimal    # paid - received: rounding, to the insurance fund


def settle_funding(positions: Sequence[tuple[str, Decimal]], oracle: Decimal, rate: FundingRate) -> FundingRound:
    """One hour's payments for (account, signed size) positions, in the order given."""
    if len(positions) > MAX_POSITIONS:
        raise ValueError(f"{len(positions)} positions in one market; at most {MAX_POSITIONS}")
    longs = sum((size for _, size in positions if size > 0), ZERO)
    shorts = sum((-size for _, size in positions if size < 0), ZERO)
    if longs != shorts:
        raise ValueError(f"funding needs the whole open interest: longs {longs} against shorts {shorts}")
    payments: list[FundingPayment] = []
    paid = received = ZERO
    for account, size in positions:          # bound: MAX_POSITIONS
        exact = -size * oracle * rate.hourly  # a long pays (negative) when the rate is positive
        if exact < 0:
            amount = -round_up(-exact, STABLECOIN_PLACES)
            paid -= amount
        else:
            amount = round_down(exact, STABLECOIN_PLACES)
            received += amount
        payments.append(FundingPayment(account, size, amount))
    return FundingRound(rate, oracle, payments, paid, received, paid - received)
