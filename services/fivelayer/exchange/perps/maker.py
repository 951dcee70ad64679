"""The designated market maker's ladder: what it quotes around the oracle, skewed against its inventory.

Why skewed: a maker that is long (users sold to it) moves its whole ladder down, so its bids get worse
and its asks better: it sells its inventory back and buys less, and the book's impact mid (hence the
off-hours oracle and the funding premium) leans the way users traded, as on a venue with real makers.

- centre = oracle x (1 - MAKER_MAX_SKEW x inventory notional / MAKER_MAX_INVENTORY), the fraction capped at +/-1;
- level i (0-based) of bids at centre x (1 - half spread - i x step), rounded down to the tick; asks up;
- each level MAKER_LEVEL_NOTIONAL / price contracts (3 places), but a side never offers more than takes the
  inventory to MAKER_MAX_INVENTORY notional (the 1x margin it can post), so a full inventory quotes one side.
Spreads: tighter in NYSE sessions (a hedgeable price), wider off-hours (`params`).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from fivelayer.exchange.perps.book import BookLevel
from fivelayer.exchange.perps.params import (
    MAKER_LEVEL_NOTIONAL,
    MAKER_LEVELS,
    MAKER_MAX_INVENTORY,
    MAKER_MAX_SKEW,
    OFF_HOURS_HALF_SPREAD,
    OFF_HOURS_LEVEL_STEP,
    SESSION_HALF_SPREAD,
    SESSION_LEVEL_STEP,
    TICK,
)
from fivelayer.kernel.money import ZERO

SIZE_STEP = Decimal("0.001")


@dataclass(frozen=True)
class Ladder:
    bids: list[BookLevel]   # best (highest) first
    asks: list[BookLevel]   # best (lowest) first


def skew(oracle: Decimal, inventory: Decimal) -> Decimal:
    """The fraction the centre moves: negative when long (quotes lower), positive when short."""
    fraction = inventory * oracle / MAKER_MAX_INVENTORY
    return -MAKER_MAX_SKEW * min(max(fraction, Decimal(-1)), Decimal(1))


def _side(centre: Decimal, half: Decimal, step: Decimal, capacity: Decimal, buying: bool) -> list[BookLevel]:
    levels: list[BookLevel] = []
    left = capacity                             # contracts this side may still take on
    for i in range(MAKER_LEVELS):               # bound: MAKER_LEVELS
        distance = half + step * i
        raw = centre * (1 - distance) if buying else centre * (1 + distance)
        price = raw.quantize(TICK, rounding=ROUND_FLOOR if buying else ROUND_CEILING)
        if price <= 0 or left <= 0:
            break
        size = min((MAKER_LEVEL_NOTIONAL / price).quantize(SIZE_STEP, rounding=ROUND_FLOOR), left)
        size = size.quantize(SIZE_STEP, rounding=ROUND_FLOOR)
        if size <= 0:
            break
        levels.append(BookLevel(price, size))
        left -= size
    return levels


def ladder(oracle: Decimal, inventory: Decimal, in_session: bool, capital_ok: bool = True) -> Ladder:
    """The maker's quotes for an oracle and its signed inventory (contracts); none without capital."""
    if oracle <= 0 or not capital_ok:
        return Ladder([], [])
    half, step = (SESSION_HALF_SPREAD, SESSION_LEVEL_STEP) if in_session else (OFF_HOURS_HALF_SPREAD,
                                                                               OFF_HOURS_LEVEL_STEP)
    centre = oracle * (1 + skew(oracle, inventory))
    limit = MAKER_MAX_INVENTORY / oracle       # contracts of inventory it may hold either way
    buy_capacity = max(ZERO, limit - inventory)
    sell_capacity = max(ZERO, limit + inventory)
    return Ladder(_side(centre, half, step, buy_capacity, True), _side(centre, half, step, sell_capacity, False))


def consume(levels: list[BookLevel], taken: Decimal) -> list[BookLevel]:
    """The side after `taken` contracts were traded against it since it was quoted, best levels first."""
    left: list[BookLevel] = []
    for level in levels:                        # bound: MAKER_LEVELS
        if taken >= level.size:
            taken -= level.size
            continue
        left.append(BookLevel(level.price, level.size - taken))
        taken = ZERO
    return left
