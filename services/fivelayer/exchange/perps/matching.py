"""Matching: price-time priority, with users' orders ahead of the maker at the same price.

One side of the book is a list of `Resting` entries: users' orders (sequence = arrival) and the maker's
levels (MAKER, after every user at its price). `sort_side` orders a side best first; `match` walks it for
an incoming order of `size` no worse than `limit` (None: any price) and returns the fills, each at the
resting entry's price (the maker of a trade sets its price). `crossing` gives the users' orders the
maker's new quotes cross, for the maker to take at the users' prices.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from fivelayer.exchange.perps.book import BookLevel
from fivelayer.exchange.perps.params import MAX_BOOK_LEVELS, MAX_RESTING_ORDERS
from fivelayer.kernel.money import ZERO

MAKER = "maker"
MAKER_SEQUENCE = 1 << 62   # after every user order at the same price


@dataclass(frozen=True)
class Resting:
    order_id: str      # a user order's id, or MAKER
    price: Decimal
    size: Decimal      # contracts left
    sequence: int      # arrival: lower first at a price


@dataclass(frozen=True)
class Fill:
    order_id: str
    price: Decimal
    size: Decimal


def sort_side(entries: Sequence[Resting], bids: bool) -> list[Resting]:
    """Best price first (highest bid, lowest ask), then arrival, users before the maker."""
    if len(entries) > MAX_RESTING_ORDERS + MAX_BOOK_LEVELS:
        raise ValueError(f"{len(entries)} entries on one side of a book")
    return sorted(entries, key=lambda e: (-e.price if bids else e.price, e.sequence, e.order_id))


def maker_entries(levels: Sequence[BookLevel]) -> list[Resting]:
    return [Resting(MAKER, level.price, level.size, MAKER_SEQUENCE) for level in levels]


def acceptable(price: Decimal, limit: Decimal | None, buying: bool) -> bool:
    return limit is None or (price <= limit if buying else price >= limit)


def match(side: Sequence[Resting], size: Decimal, limit: Decimal | None, buying: bool,
          skip: Collection[str] = ()) -> list[Fill]:
    """Fills of an order for `size` against `side` (sorted best first), stopping at the first entry beyond
    `limit`. `skip` holds the orders it must not trade with (no self-trade): they are passed over."""
    if size <= 0:
        raise ValueError(f"an order's size must be positive, got {size}")
    fills: list[Fill] = []
    left = size
    for entry in side:                          # bound: sort_side's check
        if left <= 0 or not acceptable(entry.price, limit, buying):
            break
        if entry.order_id in skip:
            continue
        quantity = min(left, entry.size)
        fills.append(Fill(entry.order_id, entry.price, quantity))
        left -= quantity
    return fills


def levels(side: Sequence[Resting], depth: int) -> list[tuple[Decimal, Decimal, bool]]:
    """(price, size, any user) per price, best first, at most `depth` prices."""
    out: list[tuple[Decimal, Decimal, bool]] = []
    for entry in side:                          # bound: sort_side's check
        user = entry.order_id != MAKER
        if out and out[-1][0] == entry.price:
            price, size, users = out[-1]
            out[-1] = (price, size + entry.size, users or user)
        elif len(out) == depth:
            break
        else:
            out.append((entry.price, entry.size, user))
    return out


def crossing(users: Sequence[Resting], maker: Sequence[BookLevel], users_buying: bool) -> list[Fill]:
    """The users' resting orders (one side, best first) the maker's opposite quotes (best first) cross,
    as fills at each user's price, taken from the maker's size at prices no worse for it than the user's."""
    fills: list[Fill] = []
    available = [BookLevel(level.price, level.size) for level in maker]
    for order in users:                         # bound: MAX_RESTING_ORDERS
        want = order.size
        for i, level in enumerate(available):   # bound: MAKER_LEVELS
            if want <= 0:
                break
            crosses = level.price <= order.price if users_buying else level.price >= order.price
            if not crosses:
                break
            quantity = min(want, level.size)
            if quantity > 0:
                available[i] = BookLevel(level.price, level.size - quantity)
                want -= quantity
        if want < order.size:
            fills.append(Fill(order.order_id, order.price, order.size - want))
        if not any(level.size > ZERO for level in available):
            break
    return fills
