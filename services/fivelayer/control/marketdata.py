"""Seeded, deterministic market data for a small universe.

A price is a pure function of (seed, symbol, instant): each NYSE session's close follows a
random walk of daily returns in basis points drawn from a generator keyed by seed, symbol and
session date; within a session the price runs from the open (the last close plus a gap) to the
close with per-minute noise. Outside a session the price is the last close. No floats: returns
are integers of basis points applied to exact decimals.

Corporate actions the depository announced move the quoted price as they move a share's market:
from a split's effective date the price is divided by new/old; from a cash dividend's ex-date's
open it is reduced by the dividend (the walk times 1 - dividend / the quoted close before the
ex-date, the usual total-return adjustment), so a buyer on the ex-date pays the ex-dividend price.

A price gap (the `price-gap` fault, what a weekend's news does) moves every price of a symbol from one
session's open on by a stated return, drawn from the seed (`shock`: 8% to 15%, up or down): the session
opens at its seeded open times 1 + the move, and the walk carries on from there (a level shift, so the
day does not drift back to the old price). Before that open nothing shows it: off-hours the price is still
the last close, which is what the issuer quotes a weekend mint at.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import quantize
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc

UNIVERSE: dict[str, Decimal] = {  # reference closes on the first session of EPOCH's year
    "AAPL": Decimal("230.00"), "NVDA": Decimal("180.00"), "TSLA": Decimal("400.00"),
    "SPY": Decimal("660.00"), "MSFT": Decimal("510.00"),
}
EPOCH = date(2025, 1, 2)   # the first session whose close is the reference price
DAILY_BPS = 200            # daily returns drawn uniformly from -2% .. +2%
GAP_BPS = 50               # overnight gap at the open
NOISE_BPS = 15             # per-minute noise inside a session
SHOCK_BPS = (800, 1500)    # a price gap (a fault): its size in basis points, either way, drawn from the seed
BPS = Decimal(10_000)


def _draw(seed: int, *key: object, spread: int) -> Decimal:
    return Decimal(random.Random(":".join(map(str, (seed, *key)))).randint(-spread, spread)) / BPS


@dataclass(frozen=True, order=True)
class Split:
    """A stock split as the depository announced it: NEW shares for OLD from the effective date."""

    effective: date
    symbol: str
    new_shares: int
    old_shares: int


@dataclass(frozen=True, order=True)
class Dividend:
    """A cash dividend as the depository announced it: AMOUNT USD per share, quoted ex from EX."""

    ex: date
    symbol: str
    amount: Decimal


@dataclass(frozen=True, order=True)
class Gap:
    """A price gap (a fault): from SESSION's open every price of SYMBOL is moved by MOVE (e.g. -0.12)."""

    session: date
    symbol: str
    move: Decimal


def shock(seed: int, symbol: str, session: date) -> Decimal:
    """The seeded size of a price gap at `session`'s open: 8% to 15% in whole basis points, up or down."""
    draw = random.Random(f"{seed}:{symbol}:{session}:shock")
    size = draw.randint(*SHOCK_BPS)
    return Decimal(size if draw.randint(0, 1) else -size) / BPS


class MarketData:
    """Prices for the universe under one seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._closes: dict[tuple[str, date], Decimal] = {}
        self.frozen_at: datetime | None = None  # stale prices: quotes stop at this instant
        self._splits: dict[str, tuple[Split, ...]] = {}  # announced at the depository, by symbol
        self._dividends: dict[str, tuple[Dividend, ...]] = {}
        self._ex_factors: dict[Dividend, Decimal] = {}  # 1 - amount / the close before its ex-date
        self._gaps: dict[tuple[str, date], Gap] = {}  # price-gap faults in force, by (symbol, session)

    @staticmethod
    def symbols() -> list[str]:
        return sorted(UNIVERSE)

    def _check(self, symbol: str) -> None:
        if symbol not in UNIVERSE:
            raise DomainError(Common.UNKNOWN_SYMBOL, f"no market data for {symbol!r}; the universe is "
                              f"{', '.join(self.symbols())}", symbol=symbol)

    def close(self, symbol: str, session: date) -> Decimal:
        """The closing price of `session` (a random walk from the reference close at EPOCH),
        walked forward from the last cached close so no recursion runs deep."""
        self._check(symbol)
        if session <= EPOCH:
            return UNIVERSE[symbol]
        if (symbol, session) not in self._closes:
            pending = [session]
            while (day := self._previous_session(pending[-1])) > EPOCH and (symbol, day) not in self._closes:
                pending.append(day)
            price = self._closes.get((symbol, day), UNIVERSE[symbol])
            for day in reversed(pending):
                price = quantize(price * (1 + _draw(self.seed, symbol, day, spread=DAILY_BPS)), 2)
                self._closes[(symbol, day)] = price
        return self._closes[(symbol, session)]

    @staticmethod
    def _previous_session(session: date) -> date:
        day = session
        while True:
            day = date.fromordinal(day.toordinal() - 1)
            if day <= EPOCH or calendar.is_session(day):
                return day

    def open(self, symbol: str, session: date) -> Decimal:
        previous = self.close(symbol, self._previous_session(session))
        return quantize(previous * (1 + _draw(self.seed, symbol, session, "open", spread=GAP_BPS)), 2)

    def freeze(self, at: datetime | None) -> None:
        """Stale prices (a fault): from `at` on, every price is the one quoted at `at`; None thaws."""
        self.frozen_at = utc(at) if at is not None else None

    def gap(self, symbol: str, session: date) -> Gap:
        """The gap a `price-gap` fault would put at `session`'s open (seeded: `shock`)."""
        self._check(symbol)
        if not calendar.is_session(session):
            raise DomainError(Common.INVALID_ARGUMENT, f"{session} is not an NYSE session", session=str(session))
        return Gap(session, symbol, shock(self.seed, symbol, session))

    def set_gap(self, gap: Gap, on: bool) -> None:
        """Put a gap in the price path (`on`), or take it out (prices from its open revert to the walk)."""
        if on:
            self._gaps[(gap.symbol, gap.session)] = gap
        else:
            self._gaps.pop((gap.symbol, gap.session), None)

    def gaps(self) -> list[Gap]:
        return sorted(self._gaps.values())

    def gap_factor(self, symbol: str, at: datetime) -> Decimal:
        """1 + each gap's move, for the gaps whose session has opened by `at`."""
        factor = Decimal(1)
        for (gapped, session), gap in sorted(self._gaps.items()):
            if gapped == symbol and calendar.session_hours(session)[0] <= at:
                factor *= 1 + gap.move
        return factor

    def set_splits(self, splits: Iterable[Split]) -> None:
        """The splits the depository has announced: from its effective date a price is divided by
        new/old, so a position's value is the same on both sides of the split."""
        by_symbol: dict[str, list[Split]] = {}
        for split in splits:
            by_symbol.setdefault(split.symbol, []).append(split)
        self._splits = {symbol: tuple(sorted(rows)) for symbol, rows in by_symbol.items()}

    def set_dividends(self, dividends: Iterable[Dividend]) -> None:
        """The cash dividends the depository has announced: from its ex-date a price is reduced by it."""
        by_symbol: dict[str, list[Dividend]] = {}
        for dividend in dividends:
            by_symbol.setdefault(dividend.symbol, []).append(dividend)
        self._dividends = {symbol: tuple(sorted(rows)) for symbol, rows in by_symbol.items()}
        self._ex_factors = {d: f for d, f in self._ex_factors.items() if d in by_symbol.get(d.symbol, ())}

    def dividend_factor(self, symbol: str, at: datetime) -> Decimal:
        """What the dividends gone ex by `at` leave of a price: each from its ex-date's open (the last
        trade before it is the close before, at its own price), the product of 1 - dividend / the quoted
        close before each ex-date (that close already reduced by the earlier ones, so each is read once,
        in ex-date order; never below 0.0001 of the price)."""
        factor = Decimal(1)
        for dividend in self._dividends.get(symbol, ()):
            if calendar.session_hours(calendar.session_on_or_after(dividend.ex))[0] > at:
                break
            if dividend not in self._ex_factors:
                before = self.price(symbol, calendar.close_before(dividend.ex))[0]
                self._ex_factors[dividend] = max(Decimal(1) - dividend.amount / before, Decimal("0.0001")) \
                    if before > 0 else Decimal(1)
            factor *= self._ex_factors[dividend]
        return factor

    def split_factor(self, symbol: str, day: date) -> Fraction:
        """Shares now per share before every split effective on or before `day` (New York)."""
        factor = Fraction(1)
        for split in self._splits.get(symbol, ()):
            if split.effective <= day:
                factor *= Fraction(split.new_shares, split.old_shares)
        return factor

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        """The price at `at` and whether the market is open then (stale while frozen: the price
        stops at the freeze, the session still opens and closes), adjusted for splits and dividends."""
        self._check(symbol)
        at = utc(at)
        if self.frozen_at is not None and at > self.frozen_at:
            return self.price(symbol, self.frozen_at)[0], calendar.market_open_at(at)
        raw, market_open = self._raw_price(symbol, at)
        day = at.astimezone(calendar.NEW_YORK).date()
        factor, paid = self.split_factor(symbol, day), self.dividend_factor(symbol, at)
        paid *= self.gap_factor(symbol, at)
        if factor == 1 and paid == 1:
            return raw, market_open
        return quantize(raw * factor.denominator / factor.numerator * paid, 2), market_open

    def _raw_price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        """The seeded walk, in the units before any split."""
        if calendar.market_open_at(at):
            session = calendar.trade_date(at)
            opens, closes = calendar.session_hours(session)
            start, end = self.open(symbol, session), self.close(symbol, session)
            elapsed = Decimal(int((at - opens).total_seconds()))
            total = Decimal(int((closes - opens).total_seconds()))
            minute = int((at - opens).total_seconds()) // 60
            noise = _draw(self.seed, symbol, session, minute, spread=NOISE_BPS) if elapsed else Decimal(0)
            drift = start + (end - start) * elapsed / total
            return quantize(drift * (1 + noise), 2), True
        last = calendar.current_or_next_session(at)
        last = self._previous_session(last) if last >= at.astimezone(calendar.NEW_YORK).date() else last
        return self.close(symbol, last), False
