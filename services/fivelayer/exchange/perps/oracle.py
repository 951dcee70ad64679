"""The oracle and mark of a stock perpetual, one update at a time.

Oracle. While NYSE is in session the oracle is the NYSE price. Outside sessions (nights, weekends,
holidays) nobody prints the stock, so the oracle starts from the last session price and moves only by
a continuous-time EMA of the book's impact mid [XYZ-oracle]:
    S' = b S + (1 - b) impact_mid,   b = exp(-min(dt, c tau) / tau),  tau = 1 h, c = 0.1,
held within last session price x (1 +/- 1/max leverage) [XYZ-bounds]. No impact mid (a thin book),
or a session with no print (the feed stale): the oracle holds. The first print of a session replaces
it outright: that is Monday's gap.

Mark [HL-mark]: the median of
    (1) oracle + EMA_150s(mid - oracle),  (2) median(best bid, best ask, last trade),  (3) oracle;
a missing book component (an empty book) leaves the median of (1) and (3), their mean. Each update
then moves the mark at most MARK_MOVE_CAP (1%) from the last mark [HIP-3], and off-hours the mark is
also held within the discovery bounds, last, so the bound holds whatever the cap allowed.

Pure: the caller passes the instant, the session state and the market data, and keeps the returned
state. Rounding: oracle and mark to PRICE_PLACES (6), halves to even; EMA weights and the basis exact.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from fivelayer.exchange.perps.params import (
    EMA_STEP_CAP,
    MARK_BASIS_TAU_SECONDS,
    MARK_MOVE_CAP,
    OFF_HOURS_TAU_SECONDS,
    PRICE_PLACES,
    MarketParams,
)
from fivelayer.kernel.money import ZERO, quantize


def seconds(elapsed: timedelta) -> Decimal:
    """A timedelta in exact decimal seconds (never a float); negative time counts as none."""
    return max(ZERO, Decimal(elapsed // timedelta(microseconds=1)) / 1_000_000)


def ema_weight(elapsed: timedelta, tau: Decimal, step_cap: Decimal | None = None) -> Decimal:
    """The weight b the old value keeps: exp(-dt/tau), with dt capped at step_cap x tau when given
    (so one late update after a halt cannot swing the average further than one ordinary step)."""
    dt = seconds(elapsed)
    if step_cap is not None:
        dt = min(dt, step_cap * tau)
    return (-dt / tau).exp()


def bound(price: Decimal, centre: Decimal, fraction: Decimal) -> Decimal:
    """`price` held within centre x (1 +/- fraction)."""
    return min(max(price, centre * (1 - fraction)), centre * (1 + fraction))


def median(values: list[Decimal]) -> Decimal:
    """The median of one to three values (the mean of the middle two for an even count)."""
    if not 1 <= len(values) <= 3:
        raise ValueError(f"a median here takes one to three values, got {len(values)}")
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class OracleState:
    price: Decimal               # the oracle
    last_session_price: Decimal  # the last NYSE price seen in a session: the centre of the off-hours bounds
    in_session: bool             # whether `price` is an NYSE price (False: the off-hours EMA)
    at: datetime                 # when `price` was set


def start_oracle(nyse_price: Decimal, at: datetime) -> OracleState:
    return OracleState(nyse_price, nyse_price, True, at)


def next_oracle(state: OracleState, now: datetime, market: MarketParams, in_session: bool,
                nyse_price: Decimal | None, impact_mid: Decimal | None) -> OracleState:
    """The oracle at `now`: the NYSE price in a session, else the bounded EMA of the impact mid."""
    if in_session:
        if nyse_price is None:   # the feed is stale: hold, and keep the time the price was set
            return state
        return OracleState(nyse_price, nyse_price, True, now)
    if impact_mid is None:
        return replace(state, in_session=False, at=now)
    b = ema_weight(now - state.at, OFF_HOURS_TAU_SECONDS, EMA_STEP_CAP)
    moved = b * state.price + (1 - b) * impact_mid
    held = bound(moved, state.last_session_price, market.discovery_bound)
    return OracleState(quantize(held, PRICE_PLACES), state.last_session_price, False, now)


@dataclass(frozen=True)
class MarkState:
    price: Decimal       # the mark
    basis_ema: Decimal   # EMA_150s(mid - oracle), exact
    at: datetime


def start_mark(oracle: Decimal, at: datetime) -> MarkState:
    return MarkState(oracle, ZERO, at)


def book_median(best_bid: Decimal | None, best_ask: Decimal | None, last_trade: Decimal | None) -> Decimal | None:
    """Component (2): the median of whichever of best bid, best ask and last trade exist."""
    present = [p for p in (best_bid, best_ask, last_trade) if p is not None]
    return median(present) if present else None


def next_mark(state: MarkState, now: datetime, market: MarketParams, oracle: OracleState,
              best_bid: Decimal | None, best_ask: Decimal | None, last_trade: Decimal | None) -> MarkState:
    """The mark at `now` from the oracle just computed and the top of the book."""
    basis = state.basis_ema
    if best_bid is not None and best_ask is not None:   # no two-sided book, no mid: the basis holds
        b = ema_weight(now - state.at, MARK_BASIS_TAU_SECONDS)
        basis = b * basis + (1 - b) * ((best_bid + best_ask) / 2 - oracle.price)
    components = [oracle.price + basis, oracle.price]
    from_book = book_median(best_bid, best_ask, last_trade)
    if from_book is not None:
        components.append(from_book)
    price = bound(median(components), state.price, MARK_MOVE_CAP)
    if not oracle.in_session:
        price = bound(price, oracle.last_session_price, market.discovery_bound)
    return MarkState(quantize(price, PRICE_PLACES), basis, now)


def rescale(state: OracleState, mark: MarkState, ratio: Decimal) -> tuple[OracleState, MarkState]:
    """Both states after a split of `ratio` new shares per old (every price / ratio), for the reopening."""
    return (replace(state, price=quantize(state.price / ratio, PRICE_PLACES),
                    last_session_price=quantize(state.last_session_price / ratio, PRICE_PLACES)),
            replace(mark, price=quantize(mark.price / ratio, PRICE_PLACES), basis_ema=mark.basis_ema / ratio))
