"""The maker's ladder: around the oracle, wider off-hours, leaning against its inventory, within its capital."""
from __future__ import annotations

from decimal import Decimal

from fivelayer.exchange.perps.book import BookLevel, impact_mid
from fivelayer.exchange.perps.maker import consume, ladder, skew
from fivelayer.exchange.perps.params import MAKER_LEVELS, MAKER_MAX_INVENTORY, market

D = Decimal


def test_a_flat_maker_quotes_symmetrically_around_the_oracle_in_cents() -> None:
    quotes = ladder(D(200), D(0), True)
    assert len(quotes.bids) == len(quotes.asks) == MAKER_LEVELS
    assert (quotes.bids[0].price, quotes.asks[0].price) == (D("199.90"), D("200.10"))   # 5 bp either side
    assert [b.price for b in quotes.bids] == sorted((b.price for b in quotes.bids), reverse=True)
    assert all(level.price == level.price.quantize(D("0.01")) for level in quotes.bids + quotes.asks)
    mid = impact_mid(quotes.bids, quotes.asks, market("AAPL-PERP").impact_notional)
    assert mid is not None and abs(mid - 200) < D("0.01")          # the first level covers the impact notional


def test_off_hours_spreads_are_wider() -> None:
    assert ladder(D(200), D(0), False).bids[0].price == D("199.50")   # 25 bp


def test_inventory_skews_the_ladder_against_itself() -> None:
    long = ladder(D(200), D(5000), True)       # 1,000,000 of inventory: half the cap, the centre 0.25% lower
    assert skew(D(200), D(5000)) == D("-0.0025")
    assert long.asks[0].price < D("200.10") and long.bids[0].price < D("199.90")
    short = ladder(D(200), D(-5000), True)
    assert short.bids[0].price > D("199.90")


def test_a_full_inventory_quotes_only_the_side_that_unwinds_it() -> None:
    full = MAKER_MAX_INVENTORY / D(200)
    quotes = ladder(D(200), full, True)
    assert quotes.bids == [] and quotes.asks
    near = ladder(D(200), full - D(3), True)
    assert sum(b.size for b in near.bids) == D(3)


def test_no_capital_no_quotes_and_taken_levels_are_consumed_best_first() -> None:
    assert ladder(D(200), D(0), True, capital_ok=False).bids == []
    side = [BookLevel(D(10), D(2)), BookLevel(D(9), D(3))]
    assert consume(side, D(3)) == [BookLevel(D(9), D(2))]
    assert consume(side, D(0)) == side
