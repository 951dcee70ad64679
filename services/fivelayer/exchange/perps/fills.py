"""What one fill does to one account's isolated position, and the FUSD it moves, as numbers.

A fill of `quantity` (signed: + buys, - sells) at `price`:
- no position: opens one at the fill, posting its initial margin at `leverage`;
- the same way: increases it at the position's leverage (`margin.increase`);
- the other way: reduces it (`margin.reduce`, PnL realized, that part's margin released) and, past zero,
  opens the rest the other way at `leverage`.
`cash` is what the holder's cash account gets (negative: pays): released + realized - posted - fee.
Fees: FUSD, size x price x rate rounded up (never in the trader's favour). The caller keeps the position
and posts the money (`exchange.perp_trading`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from fivelayer.exchange.perps import margin
from fivelayer.exchange.perps.margin import Position
from fivelayer.exchange.perps.params import MarketParams
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, round_up


def fee(quantity: Decimal, price: Decimal, rate: Decimal) -> Decimal:
    return round_up(abs(quantity) * price * rate, STABLECOIN_PLACES)


@dataclass(frozen=True)
class FillEffect:
    position: Position     # after (size 0: closed)
    posted: Decimal        # margin posted by the holder
    released: Decimal      # margin released to the holder
    realized_pnl: Decimal
    fee: Decimal
    closed: Decimal        # contracts of the old position closed (positive)

    @property
    def cash(self) -> Decimal:
        """FUSD to the holder's cash account: + credit, - debit."""
        return self.released + self.realized_pnl - self.posted - self.fee


def apply_fill(position: Position, quantity: Decimal, price: Decimal, leverage: int, market: MarketParams,
               fee_rate: Decimal) -> FillEffect:
    """`position` may be empty (size 0) for an account with none; `leverage` applies to what opens."""
    if quantity == 0 or price <= 0:
        raise ValueError(f"a fill needs a size and a positive price, got {quantity} at {price}")
    paid = fee(quantity, price, fee_rate)
    if position.size == 0:
        opened = margin.open_position(position.account, quantity, price, leverage, market)
        return FillEffect(opened, opened.margin, ZERO, ZERO, paid, ZERO)
    if (quantity > 0) == (position.size > 0):
        grown = margin.increase(position, quantity, price, market)
        return FillEffect(grown, grown.margin - position.margin, ZERO, ZERO, paid, ZERO)
    closing = min(abs(quantity), abs(position.size))
    step = margin.reduce(position, closing, price)
    rest = abs(quantity) - closing
    if rest == 0:
        return FillEffect(step.position, ZERO, step.released, step.realized_pnl, paid, closing)
    side = 1 if quantity > 0 else -1
    opened = margin.open_position(position.account, side * rest, price, leverage, market)
    return FillEffect(opened, opened.margin, step.released, step.realized_pnl, paid, closing)


def empty(account: str, leverage: int = 1) -> Position:
    return Position(account, ZERO, ZERO, ZERO, leverage)


def with_margin(position: Position, amount: Decimal) -> Position:
    return replace(position, margin=position.margin + amount)
