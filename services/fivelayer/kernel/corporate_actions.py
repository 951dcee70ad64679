"""Corporate-action arithmetic, pure, shared by the depository (DTC's books, whole shares) and the broker
(its customers' books, fractional shares): splits, cash in lieu, dividends, withholding, due bills.

Every ratio is computed exactly (a split new:old as a Fraction of the Decimal quantity), and rounded once,
at the end, in the direction that never favours the party rounding in its own favour:

- whole shares (DTC holds no fraction): position x new/old cut TOWARD ZERO to a whole share
  (`whole_shares`); the part cut off is paid as cash in lieu. An open CNS obligation or a street trade is
  cut the same way, with no cash for the part cut off.
- fractional shares (the broker's books): position x new/old rounded DOWN to 9 places (`fractional_shares`);
  the part below 9 places is paid as cash in lieu.
- cash in lieu: the fraction of a post-split share x the last close adjusted for the split (close x old/new),
  rounded DOWN to the cent (`cash_in_lieu`): a payee is never rounded in its favour.
- a price after a split: price x old/new, to 9 places, halves to even (`split_price`: an open trade's price,
  whose money does not change); a limit price to the cent at or above 1 USD, else 4 places, a buy's rounded
  DOWN and a sell's UP, never worse than the customer asked (`split_limit`).
- a dividend: shares x amount rounded DOWN to the cent; a negative entitlement (a fail to deliver) is charged,
  rounded UP in size (`dividend_cash`): the payer never gains by rounding. A due bill is the same sum on the
  trade's quantity. Each holder is rounded once, on its own position (DTC rounds a participant's total; the
  broker each customer's, and keeps what the per-customer rounding leaves).
- withholding: gross x rate to the NEAREST cent, halves up, as withholding agents round (`withholding`:
  0.015 withholds 0.02); net = gross - withheld, exactly.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from fivelayer.kernel.money import SHARE_PLACES, USD_PLACES, ZERO, quantize, round_down, round_up

PRICE_PLACES = 9   # an open trade's price after a split


def _decimal(value: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten, exactly."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).normalize() if value else ZERO


def _places(value: Fraction, places: int) -> Decimal:
    """A fraction rounded toward zero to `places` decimals, exactly (no 28-digit intermediate)."""
    scale = 10 ** places
    return Decimal(math.trunc(value * scale)).scaleb(-places)


def ratio(quantity: Decimal, new_shares: int, old_shares: int) -> Fraction:
    """`quantity` x new/old, exactly."""
    if new_shares <= 0 or old_shares <= 0:
        raise ValueError(f"a split ratio is two positive whole numbers, got {new_shares}:{old_shares}")
    return Fraction(quantity) * new_shares / old_shares


def whole_shares(quantity: Decimal, new_shares: int, old_shares: int) -> tuple[Decimal, Fraction]:
    """DTC's rule: `quantity` x new/old cut toward zero to whole shares, and the exact part cut off (in
    post-split shares), for which the holder is paid cash in lieu."""
    exact = ratio(quantity, new_shares, old_shares)
    kept = Fraction(math.trunc(exact))
    return _decimal(kept), exact - kept


def fractional_shares(quantity: Decimal, new_shares: int, old_shares: int) -> tuple[Decimal, Fraction]:
    """The broker's rule: `quantity` x new/old rounded down to 9 places (its books keep fractions), and the
    exact part below them (in post-split shares), for which the customer is paid cash in lieu."""
    exact = ratio(quantity, new_shares, old_shares)
    kept = _places(exact, SHARE_PLACES)
    return kept, exact - Fraction(kept)


def cash_in_lieu(fraction: Fraction, close: Decimal, new_shares: int, old_shares: int) -> Decimal:
    """A fraction of a post-split share at the last close adjusted for the split (close x old/new), rounded
    down to the cent; nothing for no fraction."""
    if fraction <= 0:
        return ZERO
    value = fraction * Fraction(close) * old_shares / new_shares
    return Decimal(math.floor(value * 100)).scaleb(-USD_PLACES)


def split_price(price: Decimal, new_shares: int, old_shares: int) -> Decimal:
    """A price per share after the split (price x old/new), to 9 places, halves to even."""
    exact = Fraction(price) * old_shares / new_shares
    return quantize(Decimal(exact.numerator) / Decimal(exact.denominator), PRICE_PLACES, ROUND_HALF_EVEN) \
        .normalize()


def split_limit(limit: Decimal, side: str, new_shares: int, old_shares: int) -> Decimal:
    """A limit price after a new:old split: divided by new/old; a buy's rounded down, a sell's up (never a
    worse price than the customer asked), to the cent at or above 1 USD, else 4 places."""
    exact = Fraction(limit) * old_shares / new_shares
    places = USD_PLACES if exact >= 1 else 4
    scale = 10 ** places
    steps = math.floor(exact * scale) if side == "buy" else math.ceil(exact * scale)
    return Decimal(steps).scaleb(-places)


def dividend_cash(shares: Decimal, amount: Decimal) -> Decimal:
    """shares x amount, rounded down to the cent; a negative entitlement is charged, rounded up in size."""
    value = shares * amount
    return round_down(value, USD_PLACES) if value >= 0 else round_up(value, USD_PLACES)


def withholding(gross: Decimal, rate: Decimal) -> Decimal:
    """Tax withheld on a gross payment: gross x rate, to the nearest cent, halves up."""
    return quantize(gross * rate, USD_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Payment:
    """One holder's dividend: gross, the tax withheld from it, and the net paid."""

    gross: Decimal
    withheld: Decimal

    @property
    def net(self) -> Decimal:
        return self.gross - self.withheld


def dividend_payment(shares: Decimal, amount: Decimal, rate: Decimal = ZERO) -> Payment:
    """A holder's dividend: gross = `dividend_cash`, withheld = `withholding` at `rate`."""
    gross = dividend_cash(shares, amount)
    return Payment(gross, withholding(gross, rate))


def due_bill(quantity: Decimal, amount: Decimal) -> Decimal:
    """What a trade's seller owes its buyer on a large distribution (FINRA Rule 11140): the dividend on the
    trade's quantity, rounded down to the cent, per trade."""
    return dividend_cash(quantity, amount)
