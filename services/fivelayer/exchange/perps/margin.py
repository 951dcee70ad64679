"""Isolated margin: each position carries its own FUSD collateral and nothing else stands behind it.

- initial margin = notional / leverage, 1 <= leverage <= the market's max [HL-margin].
- maintenance margin = notional at the mark / (2 x max leverage): half the initial margin at max
  leverage (5% of the notional for 10x, 2.5% for 20x).
- equity = margin + unrealized PnL at the mark, where unrealized PnL = size x (mark - entry).
- liquidatable when equity < maintenance at the mark; the liquidation price is where they are equal,
  the bankruptcy price where equity is zero.
- increase: the entry becomes the size-weighted average of the old entry and the fill.
- reduce: PnL realized on the closed part at the fill, and that part's share of the margin released.

Sizes are signed (+ long, - short). Rounding: money (margins, realized PnL) to FUSD's 6 places and
never in the trader's favour: margin required rounds up, margin released rounds down, realized PnL
floors (a gain down, a loss up). Average entries round half-even to ENTRY_PLACES (9). Valuations
(unrealized PnL, equity, liquidation and bankruptcy prices) are exact: they decide, they are not paid.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal

from fivelayer.exchange.perps.params import ENTRY_PLACES, MarketParams
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, quantize, round_down, round_up
from fivelayer.kernel.reasons import Common


@dataclass(frozen=True)
class Position:
    account: str
    size: Decimal          # contracts: + long, - short
    entry_price: Decimal
    margin: Decimal        # FUSD posted to this position (isolated)
    leverage: int

    @property
    def side(self) -> int:
        return 1 if self.size > 0 else -1


def notional(size: Decimal, price: Decimal) -> Decimal:
    return abs(size) * price


def initial_margin(size: Decimal, price: Decimal, leverage: int, market: MarketParams) -> Decimal:
    """What opening (or adding) `size` at `price` and `leverage` must post."""
    if not 1 <= leverage <= market.max_leverage:
        raise DomainError(Common.INVALID_ARGUMENT, f"{market.symbol} allows leverage 1 to {market.max_leverage}, "
                          f"not {leverage}", field="leverage")
    return round_up(notional(size, price) / leverage, STABLECOIN_PLACES)


def maintenance_margin(position: Position, mark: Decimal, market: MarketParams) -> Decimal:
    return notional(position.size, mark) * market.maintenance_rate


def unrealized_pnl(position: Position, mark: Decimal) -> Decimal:
    return position.size * (mark - position.entry_price)


def equity(position: Position, mark: Decimal) -> Decimal:
    return position.margin + unrealized_pnl(position, mark)


def liquidatable(position: Position, mark: Decimal, market: MarketParams) -> bool:
    return position.size != 0 and equity(position, mark) < maintenance_margin(position, mark, market)


def liquidation_price(position: Position, market: MarketParams) -> Decimal | None:
    """The mark at which equity equals maintenance: margin + s(P - E) = |s| P m, so
    P = (E - margin/s) / (1 - side x m). None where no positive price gets there (a long whose
    margin covers its whole entry)."""
    m = market.maintenance_rate
    price = (position.entry_price - position.margin / position.size) / (1 - position.side * m)
    return price if price > 0 else None


def bankruptcy_price(position: Position) -> Decimal:
    """The price at which equity is zero: E - margin / s (not below zero)."""
    return max(ZERO, position.entry_price - position.margin / position.size)


def open_position(account: str, size: Decimal, price: Decimal, leverage: int, market: MarketParams) -> Position:
    if size == 0:
        raise DomainError(Common.INVALID_AMOUNT, "a position needs a non-zero size", field="size")
    return Position(account, size, price, initial_margin(size, price, leverage, market), leverage)


def increase(position: Position, size: Decimal, price: Decimal, market: MarketParams) -> Position:
    """Add `size` (same sign as the position) at `price`, posting its initial margin at the position's leverage."""
    if size == 0 or (size > 0) != (position.size > 0):
        raise DomainError(Common.INVALID_AMOUNT, f"an increase of a {position.size} position must have its sign, "
                          f"not {size}", field="size")
    total = position.size + size
    entry = (abs(position.size) * position.entry_price + abs(size) * price) / abs(total)
    added = initial_margin(size, price, position.leverage, market)
    return replace(position, size=total, entry_price=quantize(entry, ENTRY_PLACES),
                   margin=position.margin + added)


@dataclass(frozen=True)
class Reduction:
    position: Position      # what is left (size 0: closed)
    closed: Decimal         # contracts closed, signed as the position was
    realized_pnl: Decimal   # FUSD, floored
    released: Decimal       # FUSD of margin back to the trader's balance, with the realized PnL on top


def reduce(position: Position, size: Decimal, price: Decimal) -> Reduction:
    """Close `size` contracts (a positive amount, at most the position's) at `price`."""
    if not ZERO < size <= abs(position.size):
        raise DomainError(Common.INVALID_AMOUNT, f"a reduction of a {position.size} position must be between 0 and "
                          f"{abs(position.size)}, not {size}", field="size")
    closed = position.side * size
    realized = quantize(closed * (price - position.entry_price), STABLECOIN_PLACES, ROUND_FLOOR)
    remaining = position.size - closed
    released = position.margin if remaining == 0 else round_down(position.margin * size / abs(position.size),
                                                                 STABLECOIN_PLACES)
    return Reduction(replace(position, size=remaining, margin=position.margin - released), closed, realized, released)
