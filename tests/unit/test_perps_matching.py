"""Price-time priority with users ahead of the maker at a price, and the maker taking the orders it crosses."""
from __future__ import annotations

from decimal import Decimal

from fivelayer.exchange.perps.book import BookLevel
from fivelayer.exchange.perps.matching import MAKER, Fill, Resting, crossing, levels, maker_entries, match, sort_side

D = Decimal


def asks() -> list[Resting]:
    users = [Resting("po-2", D(101), D(1), 2), Resting("po-1", D(101), D(2), 1), Resting("po-3", D(100.5), D(1), 3)]
    return sort_side(users + maker_entries([BookLevel(D(101), D(5)), BookLevel(D(102), D(5))]), bids=False)


def test_best_price_then_arrival_then_the_maker() -> None:
    assert [(e.order_id, e.price) for e in asks()] == [
        ("po-3", D(100.5)), ("po-1", D(101)), ("po-2", D(101)), (MAKER, D(101)), (MAKER, D(102))]


def test_a_buy_walks_the_asks_to_its_limit_at_each_resting_price() -> None:
    fills = match(asks(), D(6), D(101), buying=True)
    assert fills == [Fill("po-3", D(100.5), D(1)), Fill("po-1", D(101), D(2)), Fill("po-2", D(101), D(1)),
                     Fill(MAKER, D(101), D(2))]
    assert match(asks(), D(100), None, buying=True)[-1] == Fill(MAKER, D(102), D(5))


def test_no_self_trade_and_levels_merge_sources() -> None:
    fills = match(asks(), D(2), D(101), buying=True, skip={"po-3"})
    assert fills == [Fill("po-1", D(101), D(2))]
    assert levels(asks(), 2) == [(D(100.5), D(1), True), (D(101), D(8), True)]


def test_the_maker_takes_user_bids_its_new_asks_cross_at_the_users_prices() -> None:
    bids = sort_side([Resting("po-1", D(105), D(3), 1), Resting("po-2", D(100), D(1), 2)], bids=True)
    fills = crossing(bids, [BookLevel(D(101), D(2)), BookLevel(D(104), D(10))], users_buying=True)
    assert fills == [Fill("po-1", D(105), D(3))]     # 100 is below every ask: it rests
    small = crossing(bids, [BookLevel(D(101), D(2))], users_buying=True)
    assert small == [Fill("po-1", D(105), D(2))]     # as far as the maker's size goes
