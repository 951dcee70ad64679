"""What a product's contract makes of a corporate action that reached the SPV: the arithmetic, pure.

The broker pays the SPV a dividend net of withholding (the SPV is a foreign entity: 30%) and tells it
of splits and meetings (a Notice). The product's terms (contracts/) decide what passes to the token
holders; `issuer.notices` reads the notices and makes the calls, these functions do the sums.

- reinvest: the net dividend buys net / price shares, rounded down to 9 places, and the multiplier
  rises in proportion: new = base x (represented + bought) / represented, where represented = tokens
  outstanding at the record date x the multiplier in force (the shares the tokens claim), rounded
  DOWN to the multiplier's 18 places, so tokens never claim more shares than the SPV holds. What the
  9 places leave of the net (net - bought x price) stays with the SPV.
- holders of record: the token's holders at the close of the NYSE session before the ex-date.
- stablecoin: each holder of record gets net x balance / supply in FUSD, rounded DOWN to FUSD's 6
  places; the remainder stays with the SPV, and is recorded.
- none: the SPV keeps the net dividend.
- split (multiplier): the multiplier x new / old, less the shares the split's 9-place rounding took
  from the SPV per token, rounded down; balances do not change.
- meeting: stops at the SPV (voting = none).

Rounding never favours the SPV's counterparty: holders get at most their exact share, the
multiplier never claims more shares than were bought, and what rounding leaves is kept and shown.

Tax (section 871(m), 26 CFR 1.871-15). What a product passes on for a dividend of its US underlying
(FUSD paid, or the multiplier raised by the reinvestment) is a dividend equivalent: a US-source
dividend for the token's holders, presumed foreign, taxed at 30% of the gross. The broker withheld
upstream on the SPV's own dividend (`dividend_cash`: 30% for an undocumented or no-treaty foreign
SPV); that tax relieves a second withholding, so the SPV withholds only what 30% exceeds it by,
nothing where the broker withheld 30% (`dividend_equivalent`). A product that passes nothing on
(dividends = none) pays no dividend equivalent.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import SHARE_PLACES, STABLECOIN_PLACES, USD_PLACES, ZERO, quantize, round_down, round_up
from fivelayer.kernel.reasons import Common

MULTIPLIER_PLACES = 18  # the chain's multiplier takes up to 18 places


# -- a dividend as the broker pays it (checked, not recomputed: the broker's notice is the record) ----

@dataclass(frozen=True)
class DividendCash:
    gross: Decimal      # USD: shares x rate, rounded down to the cent
    withheld: Decimal   # USD: gross x withholding rate, to the nearest cent, halves up (as withholding agents round)
    net: Decimal        # USD: gross - withheld


def dividend_cash(shares: Decimal, rate: Decimal, withholding_rate: Decimal) -> DividendCash:
    """The broker's rule for a customer's dividend: what the SPV should see on its notice."""
    gross = round_down(shares * rate, USD_PLACES)
    withheld = withhold(gross, withholding_rate)
    return DividendCash(gross, withheld, gross - withheld)


def withhold(gross: Decimal, rate: Decimal) -> Decimal:
    """Tax on a gross payment: gross x rate to the nearest cent, halves up (the broker's `tax.withhold`)."""
    return quantize(gross * rate, USD_PLACES, ROUND_HALF_UP)


SECTION_871M_RATE = Decimal("0.30")   # on a dividend equivalent paid to a (presumed) foreign holder


@dataclass(frozen=True)
class DividendEquivalent:
    """Section 871(m) on what a product passes on for one dividend of its underlying."""

    gross: Decimal          # USD: the dividend the payment tracks (the SPV's gross)
    tax: Decimal            # USD: 30% of it, to the nearest cent
    withheld_upstream: Decimal  # USD: what the broker withheld from the SPV's dividend
    additional: Decimal     # USD: what the SPV withholds more: tax - upstream, not below 0

    def note(self) -> str:
        more = (f"the SPV withholds {self.additional} more" if self.additional > 0 else
                "the SPV withholds nothing more")
        return (f"section 871(m) dividend equivalent: US-source dividend for the holders, tax 30% of {self.gross} = "
                f"{self.tax}; the broker withheld {self.withheld_upstream} upstream, credited: {more}")


def dividend_equivalent(gross: Decimal, withheld_upstream: Decimal) -> DividendEquivalent:
    """The 871(m) tax on a dividend equivalent, less the tax already withheld on the dividend it tracks."""
    due = withhold(gross, SECTION_871M_RATE)
    return DividendEquivalent(gross, due, withheld_upstream, max(due - withheld_upstream, ZERO))


def check_dividend(gross: Decimal, withheld: Decimal, net: Decimal) -> None:
    """A notice's amounts must be whole cents, not negative, and net = gross - withheld."""
    amounts = {"gross": gross, "withheld": withheld, "net": net}
    for name, value in amounts.items():
        if value < 0 or value != round_down(value, USD_PLACES):
            raise DomainError(Common.INVALID_AMOUNT, f"the dividend notice's {name} is not a whole number of cents: "
                              f"{value}", field=name)
    if net != gross - withheld:
        raise DomainError(Common.INVALID_AMOUNT, f"the dividend notice does not add up: gross {gross} - withheld "
                          f"{withheld} is not net {net}")


# -- reinvest -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reinvestment:
    shares_bought: Decimal      # net / price, rounded down to 9 places (0: nothing to buy)
    cost: Decimal               # shares_bought x price, exact (USD)
    retained: Decimal           # net - cost: what the 9 places leave, kept by the SPV
    represented: Decimal        # tokens outstanding x multiplier in force: the shares the tokens claim
    multiplier_before: Decimal  # the base the change builds on
    multiplier_after: Decimal   # rounded down to 18 places


def reinvest(net: Decimal, price: Decimal, tokens_outstanding: Decimal, multiplier: Decimal,
             base: Decimal | None = None) -> Reinvestment:
    """Buy shares with the net dividend and raise the multiplier by what they add per share the tokens
    claim. `multiplier` is the one in force now (the units the shares are bought in); `base` the one
    the change builds on (the last scheduled, when a change is already scheduled; else `multiplier`).
    With no tokens outstanding at the record date nothing is bought: the SPV keeps the dividend."""
    if price <= 0 or multiplier <= 0:
        raise DomainError(Common.INVALID_AMOUNT, f"reinvesting needs a positive price and multiplier, got {price}, "
                          f"{multiplier}")
    base = multiplier if base is None else base
    represented = tokens_outstanding * multiplier
    bought = round_down(net / price, SHARE_PLACES) if net > 0 and represented > 0 else ZERO
    if bought <= 0:
        return Reinvestment(ZERO, ZERO, net, represented, base, base)
    after = round_down(base * (represented + bought) / represented, MULTIPLIER_PLACES)
    cost = bought * price
    return Reinvestment(bought, cost, net - cost, represented, base, after)


# -- reinvest at the ex-date --------------------------------------------------------------------------

def reference_price(close_before: Decimal, dividend: Decimal) -> Decimal:
    """The ex-date's reference price: the close before it less the dividend (the price the share's
    market opens from)."""
    reference = close_before - dividend
    if reference <= 0:
        raise DomainError(Common.INVALID_AMOUNT, f"a dividend of {dividend} is not below the close {close_before}")
    return reference


def ex_date_multiplier(multiplier: Decimal, dividend: Decimal, withholding_rate: Decimal,
                       reference: Decimal) -> Decimal:
    """A reinvesting token's multiplier from the ex-date's open: each share it claims earns the dividend
    net of the tax withheld from the SPV, reinvested at the reference price, so
    new = multiplier x (1 + dividend x (1 - rate) / reference), rounded down to 18 places. At the open the
    token's value (multiplier x price) moves from multiplier x close to new x reference =
    multiplier x (close - dividend x rate): it drops by the tax withheld, no more."""
    if multiplier <= 0 or reference <= 0 or not ZERO <= withholding_rate < 1:
        raise DomainError(Common.INVALID_AMOUNT,
                          f"reinvesting needs a positive multiplier and reference price and a rate "
                          f"in [0, 1), got {multiplier}, {reference}, {withholding_rate}")
    return round_down(multiplier * (1 + dividend * (1 - withholding_rate) / reference), MULTIPLIER_PLACES)


def shares_owed(supply: Decimal, before: Decimal, after: Decimal) -> Decimal:
    """The shares the SPV must buy for the tokens of record: supply x (after - before), rounded UP to a
    share's 9 places (the SPV buys the last part of a share itself, never the holders short)."""
    return round_up(max(supply * (after - before), ZERO), SHARE_PLACES)


# -- stablecoin -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Payout:
    address: str
    balance: Decimal    # tokens held at the snapshot
    amount: Decimal     # net x balance / supply, rounded down to the stablecoin's places


@dataclass(frozen=True)
class ProRata:
    supply: Decimal             # the sum of the holders' balances at the snapshot
    payouts: tuple[Payout, ...]
    paid: Decimal               # the sum of the amounts
    remainder: Decimal          # net - paid: what rounding leaves, kept by the SPV


def pro_rata(net: Decimal, holdings: Sequence[tuple[str, Decimal]], places: int = STABLECOIN_PLACES) -> ProRata:
    """Share `net` among holders in proportion to their balances, each amount rounded down."""
    supply = sum((balance for _, balance in holdings), ZERO)
    if supply <= 0 or net <= 0:
        return ProRata(supply, tuple(Payout(a, b, ZERO) for a, b in holdings), ZERO, max(net, ZERO))
    payouts = tuple(Payout(address, balance, round_down(net * balance / supply, places))
                    for address, balance in holdings)
    paid = sum((p.amount for p in payouts), ZERO)
    return ProRata(supply, payouts, paid, net - paid)


# -- split --------------------------------------------------------------------------------------

def split_multiplier(base: Decimal, new_shares: int, old_shares: int, tokens_outstanding: Decimal = ZERO,
                     shares_lost: Decimal = ZERO) -> Decimal:
    """A split of new for old moves the multiplier by new / old, less what the split's rounding took from
    the SPV's shares, spread over the tokens outstanding, rounded down to 18 places.

    The broker keeps positions to 9 places: an uneven or reverse split leaves the SPV
    shares_before x new / old - shares_after (below 1e-9 a bucket) in cash in lieu, not in shares.
    Taking that off the multiplier keeps tokens x multiplier at or below the shares the SPV holds (by
    less than tokens x 1e-18), so a split never makes a token claim a share the SPV does not have;
    the holders' part of the cash in lieu stays with the SPV, as the contract says."""
    if new_shares <= 0 or old_shares <= 0:
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"a split needs positive new and old shares, got {new_shares}:{old_shares}")
    assert shares_lost >= 0, f"a split's rounding cannot add shares ({shares_lost})"
    ratio = base * Decimal(new_shares) / Decimal(old_shares)
    if tokens_outstanding > 0 and shares_lost > 0:
        ratio -= shares_lost / tokens_outstanding
    return round_down(ratio, MULTIPLIER_PLACES)


def split_rounding(shares_before: Decimal, shares_after: Decimal, new_shares: int, old_shares: int) -> Decimal:
    """Shares a split's 9-place rounding took from a holding (exact: what cash in lieu paid for)."""
    return max(shares_before * Decimal(new_shares) / Decimal(old_shares) - shares_after, ZERO)


# -- meetings -----------------------------------------------------------------------------------

def meeting_detail(voting_policy: str) -> str:
    """voting = none: the meeting stops at the SPV, whose standing instruction to its broker (`spv.instruct_votes`)
    is not to vote the shares: the broker casts none of them, not even on routine proposals."""
    return f"not passed on: contracts say voting = {voting_policy}; the SPV's shares are not voted"


# -- instants -----------------------------------------------------------------------------------

def holders_of_record_at(ex_date: date) -> datetime:
    """The close of the last NYSE session before the ex-date (16:00 New York, 13:00 on an early close):
    the token's holders at this instant are its holders of record. A buyer on the ex-date buys at the
    ex-dividend price and is not paid, as in the share's own market; on chain, the balances are those of
    the last block stamped at or before this instant. Under T+1 an ordinary dividend's ex-date is its
    record date; a distribution of 25% or more goes ex after its pay date (FINRA Rule 11140). The
    broker's notice carries the ex-date (`notices.holders_of_record_instant`)."""
    return calendar.close_before(ex_date)


def reinvest_effective(at: datetime) -> datetime:
    """A reinvested dividend's multiplier takes effect at the next NYSE open after `at` (09:30 New York)."""
    return calendar.next_open(at + timedelta(microseconds=1))


def split_effective(effective_date: date) -> datetime:
    """A split's multiplier takes effect at the open of its effective date (the first session from it)."""
    return calendar.session_hours(calendar.session_on_or_after(effective_date))[0]


def parse_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"{field} is not a date (YYYY-MM-DD): {text!r}", field=field) from None
