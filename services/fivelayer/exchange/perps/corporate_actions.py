"""What a corporate action of the underlying does to a perp position [XYZ-corporate-actions].

A perp holds no shares, so nothing flows through from the issuer of the stock:
- a cash dividend: no adjustment. The oracle follows NYSE, which opens the ex-date lower by about
  the dividend, so a long loses that much in price and is paid nothing for it (a short gains it).
  `dividend_note` says so for the rights trace.
- a split of `new` shares for `old`: the market halts, every position realizes its PnL at the mark into
  its own isolated margin (so its equity does not move), and reopens at size x ratio, entry = mark / ratio,
  ratio = new / old. The notional (size x price) is unchanged, up to the size's rounding.

Rounding: realized PnL floored to FUSD's 6 places (as in `margin`), size rounded down to SIZE_PLACES (9):
the sliver the rounding drops was just realized at the mark, so it is closed at no gain or loss; the
entry rounds half-even to ENTRY_PLACES (9).
[XYZ-corporate-actions] docs.trade.xyz and docs.qfex.com, corporate actions: dividends no adjustment;
splits halt, settle at the mark and rescale.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal

from fivelayer.exchange.perps.margin import Position
from fivelayer.exchange.perps.params import ENTRY_PLACES, PRICE_PLACES, SIZE_PLACES, MarketParams
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import STABLECOIN_PLACES, fmt, quantize, round_down
from fivelayer.kernel.reasons import Common


def dividend_note(market: MarketParams, rate: Decimal) -> str:
    """The rights trace's line for a cash dividend of `rate` per share of the underlying."""
    return (f"{market.symbol}: {market.underlying} pays a cash dividend of {fmt(rate)} per share; a perp holds no "
            f"shares, so no adjustment is made and the perp holder gets nothing. The oracle follows NYSE's "
            f"ex-date open, about {fmt(rate)} lower: a long loses that in price, uncompensated, and a short "
            f"gains it. Funding is not adjusted either.")


@dataclass(frozen=True)
class SplitResult:
    before: Position
    after: Position
    realized_pnl: Decimal   # FUSD realized at the mark, now in the position's margin
    mark_after: Decimal     # mark / ratio (6 places, as `oracle.rescale`), the price the market reopens from


def split_position(position: Position, mark: Decimal, new: int, old: int) -> SplitResult:
    """The position after a split of `new` shares for every `old`, with the market halted at `mark`."""
    if new <= 0 or old <= 0:
        raise DomainError(Common.INVALID_ARGUMENT, f"a split takes positive share counts, not {new} for {old}")
    ratio = Decimal(new) / Decimal(old)
    realized = quantize(position.size * (mark - position.entry_price), STABLECOIN_PLACES, ROUND_FLOOR)
    after = replace(position, size=round_down(position.size * ratio, SIZE_PLACES),
                    entry_price=quantize(mark / ratio, ENTRY_PLACES), margin=position.margin + realized)
    return SplitResult(position, after, realized, quantize(mark / ratio, PRICE_PLACES))
