"""The liquidation cascade of one isolated position, as decisions: who takes how much at what price.

1. The book. The whole position is sent to the book as a market order [HL-liquidations], taking each
   level no worse than the bankruptcy price (a fill beyond it would leave a debt nobody has agreed to
   carry; what is left is for the next steps). Each fill closes its part of the position at its price:
   the trader keeps that part's margin plus its PnL, never negative at those prices. The rest keeps its
   share of the margin and its entry, so its bankruptcy price is unchanged.
2. The backstop. The insurance fund takes the rest over at the mark if its balance covers the rest's
   loss there (the shortfall, -equity when equity is negative). The trader keeps nothing of that part
   (as in Hyperliquid's backstop, the maintenance margin is not returned); the fund books the rest's
   equity at the mark, a gain or a loss.
3. Auto-deleveraging, when the fund cannot. The opposite side's positions with positive equity are
   ranked: those in profit first (issue 19: the most profitable), then those not; within each group by
   Hyperliquid's key [HL-adl], highest first, ties by account:
       key = (1 + unrealized PnL / (|size| x entry)) x (notional at the mark / equity),
   which is Hyperliquid's (mark / entry) x (notional / account value) for a long, mirrored for a short.
   (Hyperliquid sorts by the key alone, so a small loser at high leverage can precede a winner; the
   profit-first grouping keeps the issue's promise without changing the order among winners.)
   Each in turn gives up min(what is left, its size) at the bankruptcy price: the
   liquidated position ends at zero equity, and the counterparties, not the fund, bear the mark's gap
   below (above) it. Nobody without an open position pays anything.

Bounds: book levels <= MAX_BOOK_LEVELS, positions <= MAX_POSITIONS; each loop walks one of them once.
Rounding: as in `margin` (realized PnL floored to 6 places); the fund's booking floors too.
[HL-liquidations] Hyperliquid docs, Trading > Liquidations; [HL-adl] Trading > Auto-deleveraging.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal

from fivelayer.exchange.perps import margin
from fivelayer.exchange.perps.book import BookLevel, take
from fivelayer.exchange.perps.margin import Position
from fivelayer.exchange.perps.params import MAX_POSITIONS, MarketParams
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, quantize


@dataclass(frozen=True)
class BackstopTake:
    size: Decimal         # contracts the fund takes over, signed as the liquidated position
    price: Decimal        # the mark
    fund_change: Decimal  # FUSD the fund books: the rest's equity at the mark (negative: the shortfall paid)


@dataclass(frozen=True)
class AdlRank:
    account: str
    key: Decimal            # (1 + pnl fraction) x leverage, the sort key (descending)
    pnl_fraction: Decimal   # unrealized PnL / (|size| x entry)
    leverage: Decimal       # notional at the mark / equity


@dataclass(frozen=True)
class AdlTake:
    account: str
    closed: Decimal         # contracts closed from this counterparty, signed as its position
    price: Decimal          # the liquidated position's bankruptcy price
    realized_pnl: Decimal   # the counterparty's PnL on them, floored to 6 places


@dataclass(frozen=True)
class LiquidationPlan:
    account: str
    size: Decimal                   # the liquidated position's size
    mark: Decimal
    bankruptcy_price: Decimal
    book_fills: list[BookLevel]     # in the order taken
    book_realized_pnl: Decimal      # the trader's PnL on the book fills
    book_released: Decimal          # the margin of the part the book took, back to the trader with that PnL
    backstop: BackstopTake | None
    ranking: list[AdlRank]          # the opposite side as ranked (empty unless ADL ran)
    adl: list[AdlTake]


def adl_rank(position: Position, mark: Decimal) -> AdlRank | None:
    """A counterparty's place in the ADL queue; None when its equity is not positive (no account value
    to rank by: it is a liquidation case itself)."""
    value = margin.equity(position, mark)
    if value <= 0 or position.size == 0:
        return None
    pnl_fraction = margin.unrealized_pnl(position, mark) / (abs(position.size) * position.entry_price)
    leverage = margin.notional(position.size, mark) / value
    return AdlRank(position.account, (1 + pnl_fraction) * leverage, pnl_fraction, leverage)


def rank_for_adl(opposite: Sequence[Position], mark: Decimal) -> list[AdlRank]:
    if len(opposite) > MAX_POSITIONS:
        raise ValueError(f"{len(opposite)} positions in one market; at most {MAX_POSITIONS}")
    ranks = [r for r in (adl_rank(p, mark) for p in opposite) if r is not None]   # bound: MAX_POSITIONS
    return sorted(ranks, key=lambda r: (r.pnl_fraction <= 0, -r.key, r.account))


def plan_liquidation(position: Position, mark: Decimal, market: MarketParams, book: Sequence[BookLevel],
                     fund_balance: Decimal, opposite: Sequence[Position]) -> LiquidationPlan:
    """The cascade for `position`, liquidatable at `mark`. `book` is the side it trades into (bids for a
    long, asks for a short), best first; `opposite` the positions on the other side of the market."""
    if not margin.liquidatable(position, mark, market):
        raise ValueError(f"{position.account}'s position is above maintenance at {mark}")
    bankrupt = margin.bankruptcy_price(position)
    fills = take(book, abs(position.size), bankrupt, selling=position.size > 0)
    rest, realized, released = position, ZERO, ZERO
    for fill in fills:                       # bound: MAX_BOOK_LEVELS (take's result)
        step = margin.reduce(rest, fill.size, fill.price)
        rest, realized, released = step.position, realized + step.realized_pnl, released + step.released
    plan = LiquidationPlan(position.account, position.size, mark, bankrupt, fills, realized, released,
                           None, [], [])
    if rest.size == 0:
        return plan
    equity = margin.equity(rest, mark)
    if fund_balance >= -equity:
        backstop = BackstopTake(rest.size, mark, quantize(equity, STABLECOIN_PLACES, ROUND_FLOOR))
        return replace(plan, backstop=backstop)
    ranking = rank_for_adl([p for p in opposite if p.side != rest.side], mark)
    by_account = {p.account: p for p in opposite}   # isolated: one position per account and market
    left = abs(rest.size)
    takes: list[AdlTake] = []
    for rank in ranking:                     # bound: MAX_POSITIONS (rank_for_adl's check)
        if left == 0:
            break
        counterparty = by_account[rank.account]
        amount = min(left, abs(counterparty.size))
        closed = counterparty.side * amount
        pnl = quantize(closed * (bankrupt - counterparty.entry_price), STABLECOIN_PLACES, ROUND_FLOOR)
        takes.append(AdlTake(rank.account, closed, bankrupt, pnl))
        left -= amount
    if left > 0:
        raise ValueError(f"the opposite side holds too little to deleverage {rest.size}: {left} left over; "
                         "open interest is not balanced")
    return replace(plan, ranking=ranking, adl=takes)
