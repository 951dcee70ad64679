"""What the perp prices read from the order book: impact prices and the walk of one side.

The impact bid (ask) is the average price at which the market's impact notional would sell into the
bids (buy from the asks), best level first [HL-funding]. A side too thin to take the whole notional
has no impact price (None): the funding premium then samples zero and the off-hours oracle holds,
as trade.xyz sets a thin side's contribution to zero [XYZ-oracle].

Levels arrive best first (bids descending, asks ascending); at most MAX_BOOK_LEVELS are read.
Impact prices are exact quotients, not rounded: they are inputs to ratios, never paid.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from fivelayer.exchange.perps.params import MAX_BOOK_LEVELS
from fivelayer.kernel.money import ZERO


@dataclass(frozen=True)
class BookLevel:
    price: Decimal
    size: Decimal   # contracts resting at the price


def _bounded(levels: Sequence[BookLevel]) -> Sequence[BookLevel]:
    if len(levels) > MAX_BOOK_LEVELS:
        raise ValueError(f"a book side has {len(levels)} levels; at most {MAX_BOOK_LEVELS} are read")
    return levels


def impact_price(levels: Sequence[BookLevel], notional: Decimal) -> Decimal | None:
    """Average price of trading `notional` against one side, or None when the side cannot take it all."""
    if notional <= 0:
        raise ValueError(f"an impact notional must be positive, got {notional}")
    remaining, contracts = notional, ZERO
    for level in _bounded(levels):           # bound: MAX_BOOK_LEVELS
        value = level.price * level.size
        if value >= remaining:
            contracts += remaining / level.price
            return notional / contracts
        remaining -= value
        contracts += level.size
    return None


def impact_mid(bids: Sequence[BookLevel], asks: Sequence[BookLevel], notional: Decimal) -> Decimal | None:
    """The mean of the impact bid and impact ask; None if either side is too thin."""
    bid, ask = impact_price(bids, notional), impact_price(asks, notional)
    if bid is None or ask is None:
        return None
    return (bid + ask) / 2


def take(levels: Sequence[BookLevel], size: Decimal,
         no_worse_than: Decimal, selling: bool) -> list[BookLevel]:
    """The fills of a market order for `size` contracts against `levels`, stopping at the first level
    worse than `no_worse_than` (below it when selling into bids, above it when buying from asks)."""
    fills: list[BookLevel] = []
    remaining = size
    for level in _bounded(levels):           # bound: MAX_BOOK_LEVELS
        if remaining <= 0 or (level.price < no_worse_than if selling else level.price > no_worse_than):
            break
        quantity = min(remaining, level.size)
        fills.append(BookLevel(level.price, quantity))
        remaining -= quantity
    return fills
