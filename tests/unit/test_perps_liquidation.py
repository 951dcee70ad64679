"""The perp liquidation cascade: Monday's open, when the oracle jumps to the first NYSE print and a
10x long's maintenance is breached by a -8% gap; the book first, then the insurance fund at the mark,
then auto-deleveraging of the opposite side in its stated order at the bankruptcy price."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from fivelayer.exchange.perps.book import BookLevel
from fivelayer.exchange.perps.liquidation import plan_liquidation, rank_for_adl
from fivelayer.exchange.perps.margin import Position, equity, liquidatable, maintenance_margin, open_position
from fivelayer.exchange.perps.oracle import OracleState, next_mark, next_oracle, start_mark
from fivelayer.exchange.perps.params import market

D = Decimal
AAPL = market("AAPL-PERP")
FRIDAY_CLOSE = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
MONDAY_OPEN = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)   # 09:30 New York


def alice() -> Position:
    return open_position("alice", D(10), D(200), 10, AAPL)   # margin 200; liquidation price 189.47; bankruptcy 180


def test_a_gap_at_mondays_open_liquidates_a_10x_long() -> None:
    # Friday closes at 200. Over the weekend the book is quiet: the oracle stays inside 180..220 and alice is safe.
    oracle = OracleState(D(200), D(200), False, FRIDAY_CLOSE)
    oracle = next_oracle(oracle, FRIDAY_CLOSE + timedelta(days=1), AAPL, False, None, D(199))
    assert D(180) <= oracle.price <= D(220)
    mark = start_mark(D(200), FRIDAY_CLOSE)
    assert not liquidatable(alice(), D(200), AAPL)
    # Monday's first print is 184, -8%: the oracle jumps there at once. At 184 alice's equity would be
    # 200 - 160 = 40 against a maintenance of 1,840 / 20 = 92.
    oracle = next_oracle(oracle, MONDAY_OPEN, AAPL, True, D(184), None)
    assert oracle.price == D(184) and oracle.in_session
    assert equity(alice(), D(184)) == D(40) and maintenance_margin(alice(), D(184), AAPL) == D(92)
    # The mark follows at most 1% an update: 198, 196.02, 194.0598, 192.119202, 190.19801 (equity 101.98 against
    # maintenance 95.10: safe), then 188.29603: equity 200 + 10 x (188.29603 - 200) = 82.9603 < 94.148015
    at, updates = MONDAY_OPEN, 0
    while not liquidatable(alice(), mark.price, AAPL) and updates < 20:   # bound: 20 updates
        at += timedelta(seconds=3)
        mark = next_mark(mark, at, AAPL, oracle, D("183.9"), D("184.1"), D(184))
        updates += 1
    assert updates == 6 and mark.price == D("188.296030")
    assert equity(alice(), mark.price) == D("82.96030")
    assert maintenance_margin(alice(), mark.price, AAPL) == D("94.1480150")
    # The book bids 4 at 188.2 and 3 at 188 (above the bankruptcy price 180), then nothing until 170.
    # Fills: 4 at 188.2 (PnL -47.2, margin 80 released), 3 at 188 (PnL -36, margin 60 released): alice gets
    # 140 - 83.2 = 56.8 back. The rest, 3 long at 200 with 60 margin, is worth 60 + 3 x (188.29603 - 200)
    # = 24.88809 at the mark: positive, so even an empty fund takes it over, and books 24.888090.
    bids = [BookLevel(D("188.2"), D(4)), BookLevel(D(188), D(3)), BookLevel(D(170), D(100))]
    plan = plan_liquidation(alice(), mark.price, AAPL, bids, D(0), [])
    assert plan.bankruptcy_price == D(180)
    assert plan.book_fills == [BookLevel(D("188.2"), D(4)), BookLevel(D(188), D(3))]
    assert (plan.book_realized_pnl, plan.book_released) == (D("-83.2"), D(140))
    assert plan.backstop is not None
    assert (plan.backstop.size, plan.backstop.price, plan.backstop.fund_change) == (D(3), D("188.296030"),
                                                                                  D("24.888090"))
    assert plan.adl == [] and plan.ranking == []


def test_the_book_alone_can_close_a_liquidation() -> None:
    plan = plan_liquidation(alice(), D(189), AAPL, [BookLevel(D("188.9"), D(20))], D(0), [])
    # all 10 at 188.9: PnL -111, the whole margin 200 back: alice keeps 89
    assert plan.book_fills == [BookLevel(D("188.9"), D(10))]
    assert (plan.book_realized_pnl, plan.book_released, plan.backstop, plan.adl) == (D(-111), D(200), None, [])


def shorts() -> list[Position]:
    return [
        Position("s1", D(-4), D(220), D(88), 10),   # at 175: PnL +180, equity 268, leverage 700/268
        Position("s2", D(-5), D(200), D(100), 10),  # PnL +125, equity 225, leverage 875/225
        Position("s3", D(-3), D(180), D(54), 10),   # PnL +15, equity 69, leverage 525/69
        Position("s4", D(-2), D(170), D(34), 10),   # PnL -10, equity 24, leverage 350/24: a loser
        Position("s5", D(-1), D(100), D(5), 20),    # PnL -75, equity -70: not ranked (a liquidation itself)
    ]


def test_adl_ranks_the_opposite_side_by_profit_and_leverage() -> None:
    # key = (1 + PnL / (|size| x entry)) x (notional at the mark / equity), at a mark of 175:
    #   s3: (1 + 15/540)  x 525/69  = 7.8200483   s2: (1 + 125/1000) x 875/225 = 4.375
    #   s1: (1 + 180/880) x 700/268 = 3.1462008   s4: (1 - 10/340)   x 350/24  = 14.1544118, but at a loss: last
    ranking = rank_for_adl(shorts(), D(175))
    assert [r.account for r in ranking] == ["s3", "s2", "s1", "s4"]
    assert [r.key.quantize(D("0.0000001")) for r in ranking] == [D("7.8200483"), D("4.3750000"), D("3.1462008"),
                                                                 D("14.1544118")]


def test_the_fund_takes_the_rest_at_the_mark_when_it_covers_the_loss() -> None:
    # the mark gaps to 175, below alice's bankruptcy price 180; the book bids only at 170 (worse than 180):
    # no book fill. Equity at 175: 200 - 250 = -50. A fund of 100 covers it: it takes 10 at 175 and pays 50.
    plan = plan_liquidation(alice(), D(175), AAPL, [BookLevel(D(170), D(100))], D(100), shorts())
    assert plan.book_fills == []
    assert plan.backstop is not None
    assert (plan.backstop.size, plan.backstop.price, plan.backstop.fund_change) == (D(10), D(175), D(-50))
    assert plan.adl == []


def test_adl_closes_the_ranked_counterparties_at_the_bankruptcy_price_when_the_fund_cannot() -> None:
    # a fund of 49.99 cannot pay the 50: the 10 contracts go to s3 (3), s2 (5), s1 (2 of its 4), at 180
    # (`closed` is signed as the counterparty's position: these are shorts).
    # Their PnL at 180: s3 -3 x (180 - 180) = 0; s2 -5 x (180 - 200) = 100; s1 -2 x (180 - 220) = 80.
    # At the mark (175) s2 and s1 would have had 125 and 90: the 5 a contract between is the socialized loss.
    plan = plan_liquidation(alice(), D(175), AAPL, [BookLevel(D(170), D(100))], D("49.99"), shorts())
    assert plan.backstop is None
    assert [r.account for r in plan.ranking] == ["s3", "s2", "s1", "s4"]
    assert [(t.account, t.closed, t.price, t.realized_pnl) for t in plan.adl] == [
        ("s3", D(-3), D(180), D(0)), ("s2", D(-5), D(180), D(100)), ("s1", D(-2), D(180), D(80))]
    assert sum(-t.closed for t in plan.adl) == plan.size


def test_a_short_is_deleveraged_against_longs_and_a_thin_opposite_side_is_an_error() -> None:
    bob = open_position("bob", D(-10), D(200), 10, AAPL)          # bankruptcy 220
    longs = [Position("l1", D(6), D(150), D(90), 10), Position("l2", D(6), D(190), D(114), 10)]
    # mark 230, bob's equity 200 - 300 = -100 and an empty fund: ADL against the longs at bob's bankruptcy price 220
    #   l1: PnL 6 x 80 = 480, equity 570, key (1 + 480/900)  x 1380/570 = 3.7122807
    #   l2: PnL 6 x 40 = 240, equity 354, key (1 + 240/1140) x 1380/354 = 4.7190009: l2 first, then 4 of l1's 6
    plan = plan_liquidation(bob, D(230), AAPL, [], D(0), longs)
    assert [(t.account, t.closed, t.price) for t in plan.adl] == [("l2", D(6), D(220)), ("l1", D(4), D(220))]
    # their PnL at 220: l2 6 x 30 = 180, l1 4 x 70 = 280
    assert [t.realized_pnl for t in plan.adl] == [D(180), D(280)]
    with pytest.raises(ValueError, match="not balanced"):
        plan_liquidation(bob, D(230), AAPL, [], D(0), longs[:1])
    with pytest.raises(ValueError, match="above maintenance"):
        plan_liquidation(bob, D(200), AAPL, [], D(0), longs)
