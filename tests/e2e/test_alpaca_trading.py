"""Trading on the broker's Broker API face through an unmodified `alpaca-py` BrokerClient: orders
placed out of session wait for the open, fill, and settle T+1; cancel, cancel all, replace;
limit orders that rest and fill or expire at the close; notional orders; the trade account and
positions with their settled and unsettled parts; refusals raised as the SDK's APIError, each
changing nothing."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from alpaca.broker import BrokerClient
from alpaca.broker.models import Account, Order, TradeAccount
from alpaca.common.enums import Sort
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, OrderStatus, QueryOrderStatus, TimeInForce
from alpaca.trading.models import Position
from alpaca.trading.requests import (
    CancelOrderResponse,
    GetOrdersRequest,
    LimitOrderRequest,
    MarketOrderRequest,
    ReplaceOrderRequest,
)
from fivelayer.kernel.money import SHARE_PLACES, from_pb, round_down, round_up
from fivelayer.kernel.timeutil import parse_instant, to_ts
from fivelayer.v1 import broker_pb2, common_pb2, control_pb2

from .alpaca_flows import application, broker_client, model, models, open_active_accounts, raw_data, submit_order
from .conftest import PARTNER, Running, SandboxFactory
from .flows import advance_to

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
MONDAY_OPEN = "2026-11-23T14:30:00Z"
D = Decimal


def fund(run: Running, account: Account, amount: str) -> None:
    """Cash in by wire, on the broker's gRPC face (the account's number is its internal id)."""
    run.clients.broker.FundAccount(broker_pb2.FundAccountRequest(
        request_id=f"wire:{account.id}", account_id=account.account_number.replace("FL", "acct-"),
        amount=common_pb2.Decimal(value=amount)))


def price(run: Running, symbol: str, at: str | datetime) -> Decimal:
    instant = parse_instant(at) if isinstance(at, str) else at
    return from_pb(run.clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol, at=to_ts(instant))).price)


def refused(call: Callable[[], object], status: int, *words: str) -> str:
    with pytest.raises(APIError) as caught:
        call()
    message = str(caught.value)
    assert caught.value.status_code == status, message
    assert all(w in message for w in words), message
    return message


def ids(client: BrokerClient, account: Account) -> list[str]:
    every = models(client.get_orders_for_account(account.id, GetOrdersRequest(status=QueryOrderStatus.ALL, limit=500)),
                   Order)
    return [str(o.id) for o in every]


def test_orders_wait_for_the_open_fill_settle_and_are_canceled_or_replaced(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    raw = BrokerClient(*PARTNER, url_override=run.settings.rest_address("broker"), raw_data=True)
    [account] = open_active_accounts(run, client, "ada@example.com")
    fund(run, account, "10000")
    buy = submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=10, side=OrderSide.BUY, time_in_force=TimeInForce.DAY, client_order_id="buy-aapl"))
    assert (buy.status, buy.qty, buy.filled_qty, buy.filled_at) == (OrderStatus.ACCEPTED, "10", "0", None)
    assert model(client.get_order_for_account_by_id(account.id, buy.id), Order).client_order_id == "buy-aapl"
    assert model(client.get_order_for_account_by_client_id(account.id, "buy-aapl"), Order).id == buy.id

    # refusals, each with a clear message, each changing nothing
    friday = price(run, "AAPL", FRIDAY_EVENING)
    power = D(10000) - round_up(10 * friday, 2)
    before = ids(client, account)
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=1, side=OrderSide.BUY, time_in_force=TimeInForce.DAY, client_order_id="buy-aapl")),
        422, "DUPLICATE_CLIENT_ORDER_ID", "unique")
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=0, side=OrderSide.BUY, time_in_force=TimeInForce.DAY)), 422, "qty must be positive")
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=0.0000000001, side=OrderSide.BUY, time_in_force=TimeInForce.DAY)),
        422, "TOO_MANY_DECIMALS", "9 decimal places")
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="ZZZZ", qty=1, side=OrderSide.BUY, time_in_force=TimeInForce.DAY)), 422, "UNKNOWN_SYMBOL", "ZZZZ")
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=1, side=OrderSide.BUY, time_in_force=TimeInForce.IOC)), 422, "day or gtc")
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=1000, side=OrderSide.BUY, time_in_force=TimeInForce.DAY)),
        403, "INSUFFICIENT_BUYING_POWER", "insufficient buying power", "buying power is")
    refused(lambda: submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=1, side=OrderSide.SELL, time_in_force=TimeInForce.DAY)), 403, "no short sales")
    pending = model(client.create_account(application("bo@example.com")), Account)
    refused(lambda: submit_order(client, pending.id, MarketOrderRequest(
        symbol="AAPL", qty=1, side=OrderSide.BUY, time_in_force=TimeInForce.DAY)), 422, "SUBMITTED", "ACTIVE")
    refused(lambda: client.get_order_for_account_by_client_id(account.id, "nope"), 404, "NOT_FOUND")
    assert ids(client, account) == before
    assert D(model(client.get_trade_account_by_id(account.id), TradeAccount).buying_power or "") == power

    # a cancel, a replace, a cancel of all that is open
    nvda = submit_order(client, account.id, MarketOrderRequest(
        symbol="NVDA", qty=1.5, side=OrderSide.BUY, time_in_force=TimeInForce.GTC))
    client.cancel_order_for_account_by_id(account.id, nvda.id)
    canceled = model(client.get_order_for_account_by_id(account.id, nvda.id), Order)
    assert (canceled.status, canceled.qty, canceled.canceled_at is not None) == (OrderStatus.CANCELED, "1.5", True)
    refused(lambda: client.cancel_order_for_account_by_id(account.id, nvda.id), 422, "ORDER_NOT_CANCELABLE")
    limit = submit_order(client, account.id, LimitOrderRequest(
        symbol="AAPL", qty=1, limit_price=100, side=OrderSide.BUY, time_in_force=TimeInForce.GTC,
        client_order_id="dip"))
    new = model(client.replace_order_for_account_by_id(account.id, limit.id, ReplaceOrderRequest(
        qty=2, limit_price=101.5, client_order_id="dip-2")), Order)
    old = model(client.get_order_for_account_by_id(account.id, limit.id), Order)
    assert (old.status, old.replaced_by, old.replaced_at is not None) == (OrderStatus.REPLACED, new.id, True)
    assert (new.replaces, new.qty, new.limit_price, new.status, new.time_in_force) == \
        (limit.id, "2", "101.5", OrderStatus.ACCEPTED, TimeInForce.GTC)
    assert D(model(client.get_trade_account_by_id(account.id), TradeAccount).buying_power or "") == power - D("203")
    closed = models(client.get_orders_for_account(account.id, GetOrdersRequest(status=QueryOrderStatus.CLOSED)), Order)
    assert [o.id for o in closed] == [limit.id, nvda.id]                        # newest first
    assert [o.id for o in models(client.get_orders_for_account(account.id, GetOrdersRequest(
        status=QueryOrderStatus.ALL, direction=Sort.ASC, limit=2)), Order)] == [buy.id, nvda.id]
    assert [o.id for o in models(client.get_orders_for_account(account.id, GetOrdersRequest(
        status=QueryOrderStatus.ALL, symbols=["NVDA"])), Order)] == [nvda.id]
    assert [r.id for r in models(client.cancel_orders_for_account(account.id), CancelOrderResponse)
            if r.status == 200] == [buy.id, new.id]
    refused(lambda: client.get_orders_for_account(account.id, GetOrdersRequest(limit=501)), 422, "limit")

    # the buy again, filled at Monday's open; unsettled Monday, settled after Tuesday's run
    again = submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", qty=10, side=OrderSide.BUY, time_in_force=TimeInForce.DAY))
    advance_to(run.clients, MONDAY_OPEN)
    opening = price(run, "AAPL", MONDAY_OPEN)
    filled = model(client.get_order_for_account_by_id(account.id, again.id), Order)
    assert (filled.status, filled.filled_qty, D(str(filled.filled_avg_price))) == (OrderStatus.FILLED, "10", opening)
    assert filled.filled_at is not None and filled.filled_at.isoformat() == "2026-11-23T14:30:00+00:00"
    cost = round_up(10 * opening, 2)
    [position] = models(client.get_all_positions_for_account(account.id), Position)
    assert (position.symbol, position.qty, D(position.avg_entry_price), D(position.cost_basis)) == \
        ("AAPL", "10", opening, cost)
    unsettled = raw_data(raw.get_open_position_for_account(account.id, "AAPL"))
    assert (unsettled["qty_settled"], unsettled["qty_unsettled"]) == ("0", "10")
    monday = raw_data(raw.get_trade_account_by_id(account.id))
    assert (D(monday["cash"]), D(monday["settled_cash"]), D(monday["unsettled_cash"])) == \
        (D(10000) - cost, D(10000), -cost)
    assert D(model(client.get_trade_account_by_id(account.id), TradeAccount).cash_withdrawable or "") == D(10000) - cost
    refused(lambda: client.get_open_position_for_account(account.id, "NVDA"), 404, "position does not exist")

    advance_to(run.clients, "2026-11-24T21:31:00Z")
    settled = raw_data(raw.get_open_position_for_account(account.id, "AAPL"))
    assert (settled["qty"], settled["qty_settled"], settled["qty_unsettled"]) == ("10", "10", "0")
    tuesday = raw_data(raw.get_trade_account_by_id(account.id))
    assert (D(tuesday["cash"]), D(tuesday["settled_cash"]), D(tuesday["unsettled_cash"])) == \
        (D(10000) - cost, D(10000) - cost, D(0))
    trade = model(client.get_trade_account_by_id(account.id), TradeAccount)
    tuesday_close = price(run, "AAPL", "2026-11-24T21:31:00Z")
    assert D(trade.long_market_value or "") == round_down(10 * tuesday_close, 2)
    assert D(trade.equity or "") == D(10000) - cost + round_down(10 * tuesday_close, 2)


def test_limit_orders_rest_then_fill_or_expire_and_notional_orders_fill_in_a_session(
        sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory("2026-11-23T14:58:00Z")    # Monday, 9:58 ET
    client = broker_client(run)
    [account] = open_active_accounts(run, client, "ada@example.com")    # ACTIVE at 15:00Z
    fund(run, account, "10000")
    now = parse_instant("2026-11-23T15:00:00Z")
    market = price(run, "AAPL", now)
    ticks = [now + timedelta(minutes=5 * k) for k in range(1, 13)]    # the limit checks of the next hour
    quotes = [price(run, "AAPL", t) for t in ticks]
    limit = min(quotes)
    assert limit < market                               # seed 7: the price dips within the hour
    first = ticks[next(i for i, q in enumerate(quotes) if q <= limit)]

    resting = submit_order(client, account.id, LimitOrderRequest(
        symbol="AAPL", qty=1, limit_price=float(limit), side=OrderSide.BUY, time_in_force=TimeInForce.DAY))
    assert (resting.status, D(str(resting.limit_price))) == (OrderStatus.NEW, limit)
    at_once = submit_order(client, account.id, LimitOrderRequest(
        symbol="AAPL", qty=2, limit_price=float(market + 1), side=OrderSide.BUY, time_in_force=TimeInForce.DAY))
    assert (at_once.status, D(str(at_once.filled_avg_price))) == (OrderStatus.FILLED, market)
    dollars = submit_order(client, account.id, MarketOrderRequest(
        symbol="AAPL", notional=1000, side=OrderSide.BUY, time_in_force=TimeInForce.DAY))
    bought = round_down(D(1000) / market, SHARE_PLACES)
    assert (dollars.status, dollars.notional, dollars.qty, D(str(dollars.filled_qty))) == \
        (OrderStatus.FILLED, "1000", None, bought)
    low_day = submit_order(client, account.id, LimitOrderRequest(
        symbol="AAPL", qty=1, limit_price=1, side=OrderSide.BUY, time_in_force=TimeInForce.DAY))
    low_gtc = submit_order(client, account.id, LimitOrderRequest(
        symbol="AAPL", qty=1, limit_price=1, side=OrderSide.BUY, time_in_force=TimeInForce.GTC))
    spent = round_up(2 * market, 2) + round_up(bought * market, 2)
    assert D(model(client.get_trade_account_by_id(account.id), TradeAccount).buying_power or "") == \
        D(10000) - spent - limit - 2
    refused(lambda: submit_order(client, account.id, LimitOrderRequest(
        symbol="AAPL", qty=1, limit_price=100.001, side=OrderSide.BUY, time_in_force=TimeInForce.DAY)),
        422, "sub-penny")

    advance_to(run.clients, "2026-11-23T16:00:00Z")
    rested = model(client.get_order_for_account_by_id(account.id, resting.id), Order)
    assert (rested.status, D(str(rested.filled_avg_price))) == (OrderStatus.FILLED, price(run, "AAPL", first))
    assert rested.filled_at is not None and rested.filled_at.isoformat() == first.isoformat()
    assert model(client.get_order_for_account_by_id(account.id, low_day.id), Order).status == OrderStatus.NEW

    advance_to(run.clients, "2026-11-23T21:05:00Z")
    expired = model(client.get_order_for_account_by_id(account.id, low_day.id), Order)
    assert (expired.status, expired.expired_at and expired.expired_at.isoformat()) == \
        (OrderStatus.EXPIRED, "2026-11-23T21:00:00+00:00")
    assert model(client.get_order_for_account_by_id(account.id, low_gtc.id), Order).status == \
        OrderStatus.NEW                                                                     # carries over
    [position] = models(client.get_all_positions_for_account(account.id), Position)
    assert D(position.qty) == 3 + bought
    assert model(client.get_open_position_for_account(account.id, position.asset_id), Position).symbol == "AAPL"
