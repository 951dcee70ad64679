"""The perp oracle and mark: the NYSE price in sessions, the bounded impact-price EMA off hours (the
bound at +/- 1/max leverage of the last session price, for the oracle and the mark), the mark's median
and its 1%-per-update cap, a stale feed, and the impact prices read from the book."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from fivelayer.exchange.perps.book import BookLevel, impact_mid, impact_price, take
from fivelayer.exchange.perps.oracle import (
    MarkState,
    OracleState,
    book_median,
    median,
    next_mark,
    next_oracle,
    rescale,
    start_mark,
    start_oracle,
)
from fivelayer.exchange.perps.params import MARKETS, market

D = Decimal
AAPL = market("AAPL-PERP")   # 10x: off-hours bound +/-10%
SPY = market("SPY-PERP")     # 20x: +/-5%
FRIDAY_CLOSE = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)   # 16:00 New York


def off_hours(price: str, last: str = "100") -> OracleState:
    return OracleState(D(price), D(last), False, FRIDAY_CLOSE)


def test_the_markets_and_their_leverage() -> None:
    assert sorted(MARKETS) == ["AAPL-PERP", "NVDA-PERP", "SPY-PERP", "TSLA-PERP"]
    assert [MARKETS[s].max_leverage for s in ("AAPL-PERP", "NVDA-PERP", "TSLA-PERP", "SPY-PERP")] == [10, 10, 10, 20]
    assert AAPL.maintenance_rate == D("0.05") and SPY.maintenance_rate == D("0.025")
    with pytest.raises(Exception, match="UNKNOWN_SYMBOL"):
        market("MSFT-PERP")


def test_in_session_the_oracle_is_the_nyse_price() -> None:
    state = next_oracle(off_hours("104"), FRIDAY_CLOSE + timedelta(days=3), AAPL, True, D("97.5"), D(104))
    assert (state.price, state.last_session_price, state.in_session) == (D("97.5"), D("97.5"), True)


def test_a_stale_feed_in_session_holds_the_oracle() -> None:
    state = start_oracle(D(100), FRIDAY_CLOSE)
    assert next_oracle(state, FRIDAY_CLOSE + timedelta(seconds=3), AAPL, True, None, D(101)) == state


def test_off_hours_the_oracle_moves_by_the_ema_of_the_impact_mid() -> None:
    # 60 s later, impact mid 102: b = exp(-60/3600); 1 - b = 0.0165285462
    # S' = 100 + 0.0165285462 x 2 = 100.0330570924 -> 100.033057
    state = next_oracle(off_hours("100"), FRIDAY_CLOSE + timedelta(seconds=60), AAPL, False, None, D(102))
    assert state.price == D("100.033057")
    assert state.last_session_price == D(100) and not state.in_session


def test_a_long_gap_moves_the_oracle_one_capped_step_only() -> None:
    # a day without updates: dt* = min(86400, 0.1 x 3600) = 360 s; 1 - b = 1 - e^-0.1 = 0.0951625820
    # S' = 100 + 4 x 0.0951625820 = 100.380650
    state = next_oracle(off_hours("100"), FRIDAY_CLOSE + timedelta(days=1), AAPL, False, None, D(104))
    assert state.price == D("100.380650")


def test_a_thin_book_holds_the_oracle_off_hours() -> None:
    state = next_oracle(off_hours("101"), FRIDAY_CLOSE + timedelta(minutes=5), AAPL, False, None, None)
    assert state.price == D(101)


def test_the_off_hours_ema_is_held_at_one_over_max_leverage() -> None:
    # from 109, a step of 360 s toward an impact mid of 150: 109 + 41 x 0.0951626 = 112.90 > 110 = 100 x (1 + 1/10)
    state = next_oracle(off_hours("109"), FRIDAY_CLOSE + timedelta(minutes=6), AAPL, False, None, D(150))
    assert state.price == D("110.000000")
    # a weekend of buying does not get past it either (bounded loop: 500 steps of 6 minutes)
    for _ in range(500):
        state = next_oracle(state, state.at + timedelta(minutes=6), AAPL, False, None, D(150))
    assert state.price == D(110)
    # nor selling, and SPY's bound is 1/20 = 5%
    spy = next_oracle(off_hours("96", "100"), FRIDAY_CLOSE + timedelta(minutes=6), SPY, False, None, D(50))
    assert spy.price == D("95.000000")


def test_the_mark_is_held_within_the_bound_off_hours_whatever_the_book() -> None:
    # oracle at its bound 110; the book trades at 150. Components: oracle 110, oracle + basis (> 110), book 150:
    # median > 110; the 1% cap allows 109.5 x 1.01 = 110.595; the discovery bound holds it at 110
    oracle = off_hours("110")
    mark = MarkState(D("109.5"), D(0), FRIDAY_CLOSE)
    moved = next_mark(mark, FRIDAY_CLOSE + timedelta(seconds=3), AAPL, oracle, D("149.9"), D("150.1"), D(150))
    assert moved.price == D("110.000000")


def test_the_mark_is_the_median_of_basis_book_and_oracle() -> None:
    # 150 s after the last update, bid 100.9 / ask 101.1 (mid 101), last 101, oracle 100:
    # basis = (1 - e^-1) x (101 - 100) = 0.6321205588; components 100.6321205588, 101 (book), 100 (oracle)
    # median 100.632121, inside the 1% cap (101)
    oracle = start_oracle(D(100), FRIDAY_CLOSE)
    mark = next_mark(start_mark(D(100), FRIDAY_CLOSE), FRIDAY_CLOSE + timedelta(seconds=150), AAPL, oracle,
                     D("100.9"), D("101.1"), D(101))
    assert mark.price == D("100.632121")
    assert mark.basis_ema.quantize(D("0.0000000001")) == D("0.6321205588")


def test_the_book_alone_cannot_move_the_mark() -> None:
    # a print at 130 with the oracle at 100 and no basis yet: median(100 + ~0, 130, 100) = 100
    oracle = start_oracle(D(100), FRIDAY_CLOSE)
    mark = next_mark(start_mark(D(100), FRIDAY_CLOSE), FRIDAY_CLOSE, AAPL, oracle, None, None, D(130))
    assert mark.price == D(100)


def test_each_mark_update_moves_at_most_one_percent() -> None:
    # Monday's first print is 92 (-8%) and the book follows; the mark goes 100 x 0.99^n, rounded to 6 places:
    # 99, 98.01, 97.0299, 96.059601, 95.099005, 94.148015, 93.206535, 92.274470, then 92 (the 9th update)
    at = FRIDAY_CLOSE + timedelta(days=2, hours=17, minutes=30)   # Monday 09:30 New York
    oracle = next_oracle(off_hours("100"), at, AAPL, True, D(92), None)
    mark = start_mark(D(100), at)
    path = []
    for _ in range(12):
        at += timedelta(seconds=3)
        mark = next_mark(mark, at, AAPL, oracle, D("91.99"), D("92.01"), D(92))
        path.append(mark.price)
    assert path[:5] == [D(99), D("98.01"), D("97.0299"), D("96.059601"), D("95.099005")]
    assert path[7] == D("92.274470")
    assert path[8:] == [D(92)] * 4


def test_medians_and_a_split_rescale_of_the_states() -> None:
    assert median([D(3), D(1), D(2)]) == 2 and median([D(1), D(2)]) == D("1.5")
    assert book_median(None, None, None) is None and book_median(D(1), None, D(3)) == 2
    oracle, mark = rescale(off_hours("220", "210"), MarkState(D(221), D("0.4"), FRIDAY_CLOSE), D(4))
    assert (oracle.price, oracle.last_session_price, mark.price, mark.basis_ema) == (D(55), D("52.5"), D("55.25"),
                                                                                    D("0.1"))


def test_impact_prices_walk_the_book_for_the_impact_notional() -> None:
    # 6,000 into bids of 20 @ 100 and 100 @ 99: 2,000 from the first level, 4,000 / 99 = 40.4040 contracts from
    # the second; average 6000 / (20 + 4000/99) = 594000 / 5980 = 99.3311036789...
    bids = [BookLevel(D(100), D(20)), BookLevel(D(99), D(100))]
    asks = [BookLevel(D(101), D(100))]
    bid = impact_price(bids, D(6000))
    assert bid is not None and bid.quantize(D("0.0000000001")) == D("99.3311036789")
    assert impact_price(asks, D(6000)) == D(101)
    mid = impact_mid(bids, asks, D(6000))
    assert mid is not None and mid == (bid + 101) / 2
    assert impact_price([BookLevel(D(100), D(1))], D(6000)) is None   # 100 FUSD of depth cannot take 6,000
    assert impact_mid(bids, [], D(6000)) is None


def test_take_stops_at_the_limit_price() -> None:
    bids = [BookLevel(D(190), D(2)), BookLevel(D(185), D(5)), BookLevel(D(179), D(50))]
    assert take(bids, D(10), D(180), selling=True) == [BookLevel(D(190), D(2)), BookLevel(D(185), D(5))]
    asks = [BookLevel(D(210), D(3)), BookLevel(D(225), D(3))]
    assert take(asks, D(4), D(220), selling=False) == [BookLevel(D(210), D(3))]
