"""Stock perpetuals end to end (issue 19), through the Perpetuals gRPC face and its REST face, on one sandbox.

Friday 14:30 ET: users open longs and shorts (market and limit) against the designated maker, a resting
limit order is canceled, refusals change nothing, and the 15:00 ET funding round is paid. Over the weekend
the mark is held within 1/max leverage of Friday's last price. Monday: TSLA's 2-for-1 split rescales a
position before the open; AAPL opens 13% lower (control's price-gap) and the 10x long is liquidated as the
mark walks down (1% an update), the insurance fund taking it over; SPY-PERP, halted over the gap, reopens
with a 20x long far below its bankruptcy price, which the fund cannot cover: it is auto-deleveraged
against the shorts, highest ranked first. Throughout, the hot wallet's FUSD is the users' balances plus
the perp desk's.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import requests
from fivelayer.cli.main import app
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import chain_pb2, common_pb2, control_pb2, depository_pb2, exchange_pb2, statuses_pb2
from fivelayer.v1 import perpetuals_pb2 as pb
from typer.testing import CliRunner

from .conftest import Running, start_sandbox
from .flows import advance_to, balances, create_user, dec, deposit

pytestmark = pytest.mark.e2e

FRIDAY = "2026-11-20T19:30:00Z"            # 14:30 ET
AFTER_FUNDING = "2026-11-20T20:00:30Z"     # 15:00 ET's round paid
FRIDAY_CLOSED = "2026-11-20T21:05:00Z"     # 16:05 ET: the last session price is the close
WEEKEND = ["2026-11-21T05:00:00Z", "2026-11-21T17:00:00Z", "2026-11-22T05:00:00Z", "2026-11-22T17:00:00Z",
           "2026-11-23T05:00:00Z"]          # twelve hours (144 updates) a call: each well inside a call's deadline
MONDAY_BEFORE_OPEN = "2026-11-23T14:05:00Z"   # 09:05 ET: the split applied at 09:00 ET
MONDAY_AFTER_GAP = "2026-11-23T14:40:00Z"     # ten updates after the gapped open
MONDAY_ADL = "2026-11-23T14:48:00Z"
EMPTY = common_pb2.Empty()


def users_of(c: Clients) -> exchange_pb2.ListUsersResponse:
    """Every exchange user, page by page."""
    return whole(c.exchange.ListUsers, exchange_pb2.ListUsersRequest())


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_sandbox(Path(tmp_path_factory.mktemp("perps")), FRIDAY)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def users(run: Running) -> dict[str, str]:
    c = run.clients
    ids = {}
    for name in ("alice", "bob", "carol", "dave", "erin", "frank", "gina"):
        ids[name] = create_user(c, name).user_id
        deposit(c, ids[name], "100000", f"dep-{name}")
    return ids


def d(value: common_pb2.Decimal) -> Decimal:
    return from_pb(value)


def rest(run: Running, method: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(f"{run.settings.rest_address('exchange')}/v1/Perpetuals/{method}", json=body, timeout=60)


def order(c: Clients, rid: str, user: str, symbol: str, side: int, size: str, leverage: int = 0,
          limit: str = "") -> pb.PerpOrder:
    kind = pb.PERP_ORDER_TYPE_LIMIT if limit else pb.PERP_ORDER_TYPE_MARKET
    return c.perpetuals.PlacePerpOrder(pb.PlacePerpOrderRequest(
        request_id=rid, user_id=user, symbol=symbol, side=side, type=kind, size=dec(size), leverage=leverage,  # type: ignore[arg-type]
        limit_price=dec(limit) if limit else None))


def perp_market(c: Clients, symbol: str) -> pb.PerpMarket:
    return c.perpetuals.GetPerpMarket(pb.PerpMarketRequest(symbol=symbol))


def position(c: Clients, user: str, symbol: str) -> pb.PerpPosition | None:
    found = c.perpetuals.GetPerpPositions(pb.PerpPositionsRequest(user_id=user, symbol=symbol)).positions
    return found[0] if found else None


def fusd(c: Clients, user: str) -> Decimal:
    return balances(c, user).get(STABLECOIN, (Decimal(0), Decimal(0)))[0]


def assert_hot_wallet_invariant(c: Clients) -> None:
    """The hot wallet's FUSD on chain = the users' FUSD balances + what the perp desk holds; the books prove."""
    held = d(c.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=EXCHANGE_HOT_WALLET)).amount)
    users = sum((fusd(c, u.user_id) for u in users_of(c).users), Decimal(0))
    desk = c.perpetuals.GetPerpDesk(EMPTY)
    assert held == users + d(desk.total), (held, users, desk)
    assert d(desk.total) == d(desk.margin_held) + d(desk.insurance_fund) + d(desk.maker_capital) + d(desk.fees)
    report = c.books("exchange").Prove(EMPTY)
    assert report.balanced, list(report.problems)


def test_markets_refusals_and_a_halted_market(run: Running, users: dict[str, str]) -> None:
    c = run.clients
    markets = {m.symbol: m for m in c.perpetuals.ListPerpMarkets(pb.ListPerpMarketsRequest()).markets}
    assert set(markets) == {"AAPL-PERP", "NVDA-PERP", "TSLA-PERP", "SPY-PERP"}
    aapl = markets["AAPL-PERP"]
    nyse = d(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL")).price)
    assert aapl.in_session and d(aapl.oracle_price) == nyse and aapl.max_leverage == 10
    assert (markets["SPY-PERP"].max_leverage, d(markets["SPY-PERP"].maintenance_rate)) == (20, Decimal("0.025"))
    alice = users["alice"]
    before = fusd(c, alice)
    refusals: list[tuple[str, dict[str, Any]]] = [
        ("UNKNOWN_SYMBOL", dict(symbol="MSFT-PERP")), ("INVALID_AMOUNT", dict(size="0")),
        ("INVALID_ARGUMENT", dict(leverage=11)), ("INSUFFICIENT_FUNDS", dict(size="5000", leverage=1)),
        ("UNKNOWN_USER", dict(user="usr-999999")), ("REDUCE_ONLY_VIOLATION", dict(reduce_only=True))]
    for i, (reason, changes) in enumerate(refusals):
        with pytest.raises(DomainError) as refused:
            c.perpetuals.PlacePerpOrder(pb.PlacePerpOrderRequest(
                request_id=f"bad-{i}", user_id=str(changes.get("user", alice)),
                symbol=str(changes.get("symbol", "AAPL-PERP")), side=pb.PERP_SIDE_BUY,
                type=pb.PERP_ORDER_TYPE_MARKET, size=dec(str(changes.get("size", "1"))),
                leverage=int(changes.get("leverage", 0)), reduce_only=bool(changes.get("reduce_only", False))))
        assert refused.value.reason == reason, (reason, refused.value)
    assert fusd(c, alice) == before
    assert not c.perpetuals.ListPerpOrders(pb.ListPerpOrdersRequest(user_id=alice)).orders

    # halted (the fault halt-perps sets this): no orders, on either face
    c.perpetuals.SetPerpConditions(pb.SetPerpConditionsRequest(request_id="halt-tsla", symbol="TSLA-PERP",
                                                               halted=True, halt_reason="fault: halt-perps"))
    with pytest.raises(DomainError) as refused:
        order(c, "halted-1", alice, "TSLA-PERP", pb.PERP_SIDE_BUY, "1")
    assert refused.value.reason == "PERPS_HALTED"
    reply = rest(run, "PlacePerpOrder", {"request_id": "halted-2", "user_id": alice, "symbol": "TSLA-PERP",
                                         "side": "PERP_SIDE_BUY", "type": "PERP_ORDER_TYPE_MARKET", "size": "1"})
    assert reply.status_code == 422 and reply.json()["reason"] == "PERPS_HALTED"
    assert reply.headers["content-type"].startswith("application/problem+json")
    c.perpetuals.SetPerpConditions(pb.SetPerpConditionsRequest(request_id="reopen-tsla", symbol="TSLA-PERP"))
    assert not perp_market(c, "TSLA-PERP").halted


def test_longs_and_shorts_market_and_limit_on_both_faces(run: Running, users: dict[str, str]) -> None:
    c = run.clients
    alice, bob, gina = users["alice"], users["bob"], users["gina"]
    book = c.perpetuals.GetPerpBook(pb.PerpBookRequest(symbol="AAPL-PERP", depth=3))
    best_ask, best_bid = d(book.asks[0].price), d(book.bids[0].price)
    assert best_bid < d(book.oracle_price) < best_ask and book.asks[0].source == "maker" and len(book.bids) == 3
    before = fusd(c, alice)
    long = order(c, "alice-long", alice, "AAPL-PERP", pb.PERP_SIDE_BUY, "10", leverage=10)   # gRPC, market
    assert long.status == statuses_pb2.PERP_ORDER_STATUS_FILLED and d(long.average_price) == best_ask
    fee = (10 * best_ask * Decimal("0.00045")).quantize(Decimal("0.000001"), rounding="ROUND_CEILING")
    assert d(long.fee) == fee
    assert order(c, "alice-long", alice, "AAPL-PERP", pb.PERP_SIDE_BUY, "10", leverage=10) == long   # idempotent
    margin = (10 * best_ask / 10).quantize(Decimal("0.000001"), rounding="ROUND_CEILING")
    assert fusd(c, alice) == before - margin - fee

    # REST, limit: a sell priced through the best bid takes it, a short; a buy below the book rests, then is canceled
    short = rest(run, "PlacePerpOrder", {"request_id": "bob-short", "user_id": bob, "symbol": "AAPL-PERP",
                                         "side": "PERP_SIDE_SELL", "type": "PERP_ORDER_TYPE_LIMIT", "size": "5",
                                         "limit_price": str(best_bid - 1), "leverage": 10})
    assert short.status_code == 200, short.text
    assert short.json()["status"] == "PERP_ORDER_STATUS_FILLED" and Decimal(short.json()["average_price"]) == best_bid
    held = fusd(c, gina)
    resting = rest(run, "PlacePerpOrder", {"request_id": "gina-bid", "user_id": gina, "symbol": "AAPL-PERP",
                                           "side": "PERP_SIDE_BUY", "type": "PERP_ORDER_TYPE_LIMIT", "size": "2",
                                           "limit_price": str(best_bid - 50), "leverage": 2}).json()
    assert resting["status"] == "PERP_ORDER_STATUS_OPEN" and fusd(c, gina) < held
    book = rest(run, "GetPerpBook", {"symbol": "AAPL-PERP", "depth": 100}).json()
    assert any(level["source"] == "users" and Decimal(level["price"]) == best_bid - 50 for level in book["bids"])
    canceled = rest(run, "CancelPerpOrder", {"request_id": "gina-cancel", "order_id": resting["order_id"]}).json()
    assert canceled["status"] == "PERP_ORDER_STATUS_CANCELED" and canceled["reason"] == "USER_CANCELED"
    assert fusd(c, gina) == held
    again = rest(run, "CancelPerpOrder", {"request_id": "gina-cancel-2", "order_id": resting["order_id"]})
    assert again.status_code == 422 and again.json()["reason"] == "ORDER_NOT_OPEN"

    # the gap's cast: SPY at 20x both ways (carol long, dave and frank short), TSLA 2x long for the split
    order(c, "carol-spy", users["carol"], "SPY-PERP", pb.PERP_SIDE_BUY, "50", leverage=20)
    order(c, "dave-spy", users["dave"], "SPY-PERP", pb.PERP_SIDE_SELL, "50", leverage=20)
    order(c, "frank-spy", users["frank"], "SPY-PERP", pb.PERP_SIDE_SELL, "20", leverage=5)
    order(c, "erin-tsla", users["erin"], "TSLA-PERP", pb.PERP_SIDE_BUY, "4", leverage=2)

    mine = position(c, alice, "AAPL-PERP")
    assert mine is not None and d(mine.size) == 10 and d(mine.entry_price) == best_ask and mine.leverage == 10
    assert d(mine.unrealized_pnl) == 10 * (d(mine.mark_price) - best_ask)
    assert d(mine.equity) == d(mine.margin) + d(mine.unrealized_pnl)
    theirs = rest(run, "GetPerpPositions", {"user_id": bob}).json()["positions"][0]
    assert Decimal(theirs["size"]) == -5 and Decimal(theirs["liquidation_price"]) > best_bid
    history = c.perpetuals.GetPerpHistory(pb.PerpHistoryRequest(user_id=alice)).entries
    assert [(e.kind, d(e.size), d(e.amount)) for e in history] == [(pb.PERP_ENTRY_KIND_FILL, Decimal(10), -fee)]
    assert_hot_wallet_invariant(c)


def test_an_hours_funding(run: Running, users: dict[str, str]) -> None:
    c = run.clients
    advance_to(c, AFTER_FUNDING)
    rounds = c.perpetuals.ListFunding(pb.ListFundingRequest(symbol="AAPL-PERP")).rounds
    assert len(rounds) == 1 and rounds[0].positions == 3    # alice, bob and the maker
    paid = rounds[0]
    assert d(paid.paid) == d(paid.received) + d(paid.residue) and Decimal(0) <= d(paid.residue) <= Decimal("0.000003")
    funding = c.perpetuals.GetPerpHistory(pb.PerpHistoryRequest(user_id=users["alice"],
                                                                kind=pb.PERP_ENTRY_KIND_FUNDING)).entries
    assert len(funding) == 1 and funding[0].ref == paid.round_id and d(funding[0].rate) == d(paid.hourly_rate)
    expected = -10 * d(paid.oracle_price) * d(paid.hourly_rate)
    assert abs(d(funding[0].amount) - expected) <= Decimal("0.000001")
    page = rest(run, "ListFunding", {"limit": 1}).json()
    assert len(page["rounds"]) == 1 and page["next_page_token"]
    assert_hot_wallet_invariant(c)


def test_weekend_split_gap_liquidation_and_adl(run: Running, users: dict[str, str]) -> None:
    c = run.clients
    advance_to(c, FRIDAY_CLOSED)
    friday = {s: d(perp_market(c, s).last_session_price) for s in ("AAPL-PERP", "SPY-PERP")}
    for symbol in ("AAPL", "SPY"):
        c.faults.InjectFault(control_pb2.InjectFaultRequest(request_id=f"gap-{symbol}", kind="price-gap",
                                                            symbol=symbol, settlement_date="2026-11-23"))
    c.depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id="tsla-split", symbol="TSLA", new_shares=2, old_shares=1, effective_date="2026-11-23", late=True))
    c.perpetuals.SetPerpConditions(pb.SetPerpConditionsRequest(request_id="halt-spy", symbol="SPY-PERP",
                                                               halted=True, halt_reason="fault: halt-perps"))
    with pytest.raises(DomainError) as refused:
        order(c, "spy-halted", users["carol"], "SPY-PERP", pb.PERP_SIDE_SELL, "1")
    assert refused.value.reason == "PERPS_HALTED"

    tsla_mark = d(perp_market(c, "TSLA-PERP").mark_price)
    for instant in WEEKEND + [MONDAY_BEFORE_OPEN]:           # off-hours: held within 1/max leverage of Friday
        advance_to(c, instant)
        for symbol, last in friday.items():
            m = perp_market(c, symbol)
            assert not m.in_session and d(m.last_session_price) == last
            bound = last / m.max_leverage
            assert last - bound <= d(m.mark_price) <= last + bound and d(m.lower_bound) == last - bound

    # the split, before the open: the position doubled at half the price, its PnL realized at the mark
    erin = position(c, users["erin"], "TSLA-PERP")
    assert erin is not None and d(erin.size) == 8
    split = c.perpetuals.GetPerpHistory(pb.PerpHistoryRequest(user_id=users["erin"],
                                                              kind=pb.PERP_ENTRY_KIND_SPLIT)).entries
    assert len(split) == 1 and d(split[0].size) == 8
    assert abs(d(perp_market(c, "TSLA-PERP").mark_price) * 2 - tsla_mark) / tsla_mark < Decimal("0.1")

    # AAPL opens 13% lower: the mark walks down 1% an update; alice's 10x long goes under maintenance
    advance_to(c, MONDAY_AFTER_GAP)
    liquidations = c.perpetuals.ListLiquidations(pb.ListLiquidationsRequest(symbol="AAPL-PERP")).liquidations
    assert len(liquidations) == 1
    gone = liquidations[0]
    assert gone.user_id == users["alice"] and d(gone.size) == 10
    assert d(gone.book_size) + d(gone.backstop_size) == 10 and not gone.ranking
    assert d(gone.mark_price) > d(gone.bankruptcy_price)
    assert position(c, users["alice"], "AAPL-PERP") is None
    kinds = [e.kind for e in c.perpetuals.GetPerpHistory(pb.PerpHistoryRequest(user_id=users["alice"])).entries]
    assert kinds[-1] == pb.PERP_ENTRY_KIND_LIQUIDATION
    desk = c.perpetuals.GetPerpDesk(EMPTY)
    if d(gone.backstop_size):
        assert [(p.symbol, d(p.size)) for p in desk.fund_positions] == [("AAPL-PERP", d(gone.backstop_size))]
    assert_hot_wallet_invariant(c)

    # SPY-PERP reopens after its gap with carol's 20x long past bankruptcy: the fund cannot pay, ADL
    c.perpetuals.SetPerpConditions(pb.SetPerpConditionsRequest(request_id="reopen-spy", symbol="SPY-PERP"))
    advance_to(c, MONDAY_ADL)
    adl = c.perpetuals.ListLiquidations(pb.ListLiquidationsRequest(symbol="SPY-PERP")).liquidations
    assert len(adl) == 1 and adl[0].user_id == users["carol"] and d(adl[0].size) == 50
    ranking = list(adl[0].ranking)
    assert [r.user_id for r in ranking] == [users["dave"], users["frank"]]    # 20x before 5x, both in profit
    assert d(ranking[0].key) > d(ranking[1].key) and d(ranking[0].closed) == 50 and d(ranking[1].closed) == 0
    assert d(ranking[0].realized_pnl) > 0 and d(adl[0].backstop_size) == 0
    dave = c.perpetuals.GetPerpHistory(pb.PerpHistoryRequest(user_id=users["dave"], kind=pb.PERP_ENTRY_KIND_ADL))
    assert len(dave.entries) == 1 and d(dave.entries[0].size) == 50
    assert position(c, users["dave"], "SPY-PERP") is None
    assert position(c, users["frank"], "SPY-PERP") is not None
    assert_hot_wallet_invariant(c)
    assert c.perpetuals.GetPerpDesk(EMPTY).maker_positions   # the maker's inventory is shown


def test_paging_and_unknowns_on_the_rest_face(run: Running, users: dict[str, str]) -> None:
    first = rest(run, "GetPerpHistory", {"user_id": users["alice"], "limit": 1}).json()
    second = rest(run, "GetPerpHistory", {"user_id": users["alice"], "limit": 1,
                                          "page_token": first["next_page_token"]}).json()
    assert first["entries"][0]["entry_id"] < second["entries"][0]["entry_id"]
    assert rest(run, "GetPerpOrder", {"order_id": "po-999999"}).json()["reason"] == "UNKNOWN_ORDER"
    assert rest(run, "GetPerpMarket", {"symbol": "NOPE"}).status_code == 404
    assert rest(run, "ListPerpOrders", {"user_id": users["alice"], "limit": 1001}).status_code == 400
    assert isinstance(users_of(run.clients).users[0], exchange_pb2.User)


def test_the_cli_speaks_perps(run: Running, users: dict[str, str]) -> None:
    cli = CliRunner()
    base = ["--port-base", str(run.settings.port_base), "perps"]
    placed = cli.invoke(app, base + ["order", users["gina"], "NVDA-PERP", "buy", "1", "--leverage", "2", "--json"])
    assert placed.exit_code == 0, placed.output
    assert json.loads(placed.output)["status"] == "PERP_ORDER_STATUS_FILLED"
    for command in (["markets"], ["book", "NVDA-PERP"], ["orders", users["gina"]], ["positions", users["gina"]],
                    ["history", users["gina"]], ["funding"], ["liquidations"], ["desk"]):
        shown = cli.invoke(app, base + command)
        assert shown.exit_code == 0, (command, shown.output)
    refused = cli.invoke(app, base + ["cancel", "po-999999"])
    assert refused.exit_code == 1 and "UNKNOWN_ORDER" in refused.output
