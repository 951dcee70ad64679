"""Trading on the Broker API face: an account's orders (market and limit, qty or notional, day
or gtc; placed, listed, got, replaced, canceled), its trade account (cash, buying power, settled
and unsettled cash) and its positions, in the shapes `alpaca-py` parses.

The order rules are the broker's (`broker.orders`); this module reads the request, prices what a
unit of work needs before it opens, and writes Alpaca's JSON. Refusals carry Alpaca's statuses
here: an order it cannot pay for is 403, a malformed one 422.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse
from sqlmodel import Session

from fivelayer.broker import orders, reasons
from fivelayer.broker.api.common import MAX_LIST, TAG, Face, Partner, amount, body_field, external_id, iso, own
from fivelayer.broker.approvals import status_at
from fivelayer.broker.models import AccountRow, AccountStatus, OrderRow, OrderStatus
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import ZERO, quantize
from fivelayer.kernel.reasons import Common, Cutoff

MAX_ORDERS = 500                      # the longest order list (Alpaca's cap)
DEFAULT_ORDERS = 50
EXCHANGES = {"SPY": "ARCA"}           # listing exchange of a symbol; NASDAQ otherwise
# Alpaca's statuses for refusals on this face, where they differ from the sandbox-wide ones.
ALPACA_STATUS = {reasons.Broker.INSUFFICIENT_BUYING_POWER: 403, reasons.Broker.INSUFFICIENT_POSITION: 403,
                 "INVALID_ARGUMENT": 422, "INVALID_AMOUNT": 422, "TOO_MANY_DECIMALS": 422, "UNKNOWN_SYMBOL": 422}
UNSUPPORTED = ("stop_price", "trail_price", "trail_percent", "take_profit", "stop_loss", "legs")


class AlpacaRefusal(DomainError):
    """A refusal with the HTTP status Alpaca gives it."""

    def __init__(self, error: DomainError, status: int) -> None:
        super().__init__(error.reason, error.message, **error.metadata)
        self.status = status

    @property
    def http_status(self) -> int:
        return self.status


@contextmanager
def alpaca_statuses() -> Iterator[None]:
    try:
        yield
    except DomainError as error:
        status = ALPACA_STATUS.get(error.reason)
        if status is None or isinstance(error, AlpacaRefusal):
            raise
        raise AlpacaRefusal(error, status) from error


def asset_id(symbol: str) -> str:
    """The UUID of a symbol's asset on this face."""
    return external_id(f"asset:{symbol}")


# Alpaca's order statuses (its contract on this face), from ours: the one place they meet.
ALPACA_ORDER_STATUS: dict[OrderStatus, str] = {
    OrderStatus.ACCEPTED: "accepted", OrderStatus.NEW: "new", OrderStatus.FILLED: "filled",
    OrderStatus.CANCELED: "canceled", OrderStatus.REJECTED: "rejected", OrderStatus.EXPIRED: "expired",
    OrderStatus.REPLACED: "replaced"}
ENDED_AT = {OrderStatus.CANCELED: "canceled_at", OrderStatus.EXPIRED: "expired_at",
            OrderStatus.REPLACED: "replaced_at", OrderStatus.REJECTED: "failed_at"}


def order_json(order: OrderRow) -> dict[str, Any]:
    """An order in Alpaca's Order shape."""
    status = OrderStatus(order.status)
    ends = {field: iso(order.ended_at) if ENDED_AT.get(status) == field else None for field in ENDED_AT.values()}
    filled = status == OrderStatus.FILLED
    notional = order.notional is not None
    return {
        "id": external_id(order.order_id), "client_order_id": order.client_order_id,
        "created_at": iso(order.submitted_at), "updated_at": iso(order.updated_at or order.submitted_at),
        "submitted_at": iso(order.submitted_at), "filled_at": iso(order.filled_at),
        "expires_at": iso(order.expires_at), **ends,
        "replaced_by": external_id(order.replaced_by) if order.replaced_by else None,
        "replaces": external_id(order.replaces) if order.replaces else None,
        "asset_id": asset_id(order.symbol), "symbol": order.symbol, "asset_class": "us_equity",
        "notional": amount(order.notional) if order.notional is not None else None,
        "qty": None if notional else amount(order.quantity),
        "filled_qty": amount(order.filled_quantity), "filled_avg_price": amount(order.filled_avg_price) if filled
        else None,
        "order_class": "simple", "order_type": order.order_type, "type": order.order_type, "side": order.side,
        "time_in_force": order.time_in_force,
        "limit_price": amount(order.limit_price) if order.limit_price is not None else None, "stop_price": None,
        "status": ALPACA_ORDER_STATUS[status], "extended_hours": False, "legs": None, "trail_percent": None,
        "trail_price": None,
        "hwm": None, "position_intent": None,
    }


def position_json(holding: orders.Holding) -> dict[str, Any]:
    """A position in Alpaca's Position shape, with its settled and unsettled shares besides."""
    pl = holding.market_value - holding.cost_basis
    return {
        "asset_id": asset_id(holding.symbol), "symbol": holding.symbol,
        "exchange": EXCHANGES.get(holding.symbol, "NASDAQ"), "asset_class": "us_equity", "asset_marginable": False,
        "avg_entry_price": amount(holding.avg_entry_price), "qty": amount(holding.quantity),
        "qty_available": amount(holding.available), "side": "long" if holding.quantity > 0 else "short",
        "market_value": amount(holding.market_value), "cost_basis": amount(holding.cost_basis),
        "unrealized_pl": amount(pl),
        "unrealized_plpc": amount(quantize(pl / holding.cost_basis, 6)) if holding.cost_basis else "0",
        "unrealized_intraday_pl": None, "unrealized_intraday_plpc": None,
        "current_price": amount(holding.price), "lastday_price": None, "change_today": None,
        "qty_settled": amount(holding.settled), "qty_unsettled": amount(holding.unsettled),
    }


def trade_account_json(row: AccountRow, now: datetime, settled: Decimal, unsettled: Decimal, power: Decimal,
                       held: list[orders.Holding]) -> dict[str, Any]:
    """The trade account in Alpaca's TradeAccount shape: cash is settled plus unsettled; what can
    be withdrawn is the free, settled cash no open buy holds back."""
    status = status_at(row, now)
    cash = settled + unsettled
    long_value = sum((h.market_value for h in held), ZERO)
    equity = cash + long_value
    power = max(power, ZERO)
    held_back = row.status != AccountStatus.ACTIVE   # closed, frozen (DISABLED) or an estate's (ACCOUNT_CLOSED)
    return {
        "id": row.external_id, "account_number": row.account_id.replace("acct-", "FL"), "status": status,
        "crypto_status": None, "currency": "USD", "buying_power": amount(power), "regt_buying_power": amount(power),
        "daytrading_buying_power": None, "non_marginable_buying_power": amount(power),
        "options_buying_power": "0", "cash": amount(cash), "cash_withdrawable": amount(power),
        "cash_transferable": amount(power), "accrued_fees": "0", "pending_transfer_out": "0",
        "pending_transfer_in": "0", "portfolio_value": amount(equity), "pattern_day_trader": False,
        "trading_blocked": status != "ACTIVE" or row.status != AccountStatus.ACTIVE or not row.route_enabled,
        "transfers_blocked": held_back, "account_blocked": held_back, "created_at": iso(row.created_at),
        "trade_suspended_by_user": False, "multiplier": "1", "shorting_enabled": False, "equity": amount(equity),
        "last_equity": None, "long_market_value": amount(long_value), "short_market_value": "0",
        "initial_margin": "0", "maintenance_margin": "0", "last_maintenance_margin": "0", "sma": "0",
        "daytrade_count": 0, "previous_close": iso(last_close(now)), "last_long_market_value": None,
        "last_short_market_value": None, "last_cash": None, "last_initial_margin": None,
        "last_regt_buying_power": None, "last_buying_power": None, "clearing_broker": "SELF",
        "settled_cash": amount(settled), "unsettled_cash": amount(unsettled),
    }


def last_close(now: datetime) -> datetime:
    """The close of the last session that has closed by `now`."""
    day = now.astimezone(calendar.NEW_YORK).date()
    while not (calendar.is_session(day) and calendar.session_hours(day)[1] <= now):
        day -= timedelta(days=1)
    return calendar.session_hours(day)[1]


def trading_account(session: Session, partner_key: str, account: str, now: datetime) -> AccountRow:
    """The partner's account, if it may trade on this face: ACTIVE (an application is not yet)."""
    row = own(session, partner_key, account)
    status = status_at(row, now)
    require(row.status in (AccountStatus.ACTIVE, AccountStatus.CLOSED), Cutoff.ACCOUNT_FROZEN,
            f"account {account} is {status} ({row.status}: {row.status_reason}): no orders")
    require(status != "ACCOUNT_CLOSED", reasons.Broker.ACCOUNT_CLOSED, f"account {account} is closed: no orders")
    require(status == "ACTIVE", reasons.Broker.ACCOUNT_NOT_ACTIVE,
            f"account {account} is {status}: it can trade once ACTIVE")
    return row


def raw_amount(body: dict[str, Any], name: str) -> str | None:
    """A number of the body as text (the SDK sends floats; their shortest repr is the decimal meant)."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be a number, got {value!r}")
    return str(value)


def order_terms(body: dict[str, Any]) -> orders.Terms:
    """An order request's terms, checked; what is not offered is refused, not ignored. Alpaca's
    `commission` (the fee a partner collects on the order, in its documented example) is taken and
    not charged: the sandbox's correspondents are paid no commission, so no cash moves for it."""
    given = [name for name in UNSUPPORTED if body.get(name) is not None]
    require(not given, Common.INVALID_ARGUMENT, f"{', '.join(given)} are not offered: market and limit orders only")
    require(body.get("order_class") in (None, "", "simple"), Common.INVALID_ARGUMENT,
            f"order_class must be simple, got {body.get('order_class')!r}")
    require(not body.get("extended_hours"), Common.INVALID_ARGUMENT, "extended hours trading is not offered")
    return orders.terms(symbol=body_field(body, "symbol", str, ""), side=body_field(body, "side", str, ""),
                        qty=raw_amount(body, "qty"), notional=raw_amount(body, "notional"),
                        order_type=body_field(body, "type", str, "market"),
                        time_in_force=body_field(body, "time_in_force", str, "day"),
                        limit_price=raw_amount(body, "limit_price"),
                        do_not_reduce=body_field(body, "do_not_reduce", bool, False))


def instant(text: str, name: str) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace(" ", "+"))   # a '+' in a query string may arrive as ' '
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be an RFC 3339 instant, got {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def order_filter(status: str, limit: int, after: str, until: str, direction: str, side: str,
                 symbols: str) -> orders.OrderFilter:
    require(status in ("open", "closed", "all"), Common.INVALID_ARGUMENT, f"status must be open, closed or all, got "
            f"{status!r}")
    require(1 <= limit <= MAX_ORDERS, Common.INVALID_ARGUMENT, f"limit must be 1..{MAX_ORDERS}, got {limit}")
    require(direction in ("asc", "desc"), Common.INVALID_ARGUMENT, f"direction must be asc or desc, got {direction!r}")
    require(side in ("", "buy", "sell"), Common.INVALID_ARGUMENT, f"side must be buy or sell, got {side!r}")
    wanted = tuple(sorted({s.strip().upper() for s in symbols.split(",") if s.strip()}))
    require(len(wanted) <= MAX_ORDERS, Common.INVALID_ARGUMENT, f"ask for at most {MAX_ORDERS} symbols")
    return orders.OrderFilter(status, limit, instant(after, "after"), instant(until, "until"), direction == "asc",
                              side, wanted)


def install(app: FastAPI, face: Face) -> None:
    db, clock, handlers = face.db, face.clock, face.handlers
    base = "/v1/trading/accounts/{account}"

    @app.post(base + "/orders", tags=[TAG], include_in_schema=False)
    def submit_order(account: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        """Take an order; priced before its unit of work, its fill reported after."""
        now = clock.now()
        with alpaca_statuses():
            def waiting(session: Session) -> set[str]:
                row = trading_account(session, partner_key, account, now)   # an account that cannot trade: first
                return orders.waiting_symbols(session, row.account_id) | {order_terms(body).symbol}

            prices = handlers.prices(now, waiting)
            terms = order_terms(body)
            client_order_id = body_field(body, "client_order_id", str, "") or ""

            def submit(session: Session, prices: orders.PriceBook) -> dict[str, Any]:
                row = trading_account(session, partner_key, account, now)
                return order_json(orders.submit(session, prices, now, row, client_order_id, terms))

            placed = handlers.change(prices, submit, fills="new")
        return JSONResponse(placed)

    @app.get(base + "/orders", tags=[TAG], include_in_schema=False)
    def list_orders(account: str, partner_key: Partner, status: str = "open", limit: int = DEFAULT_ORDERS,
                    after: str = "", until: str = "", direction: str = "desc", side: str = "", symbols: str = "",
                    nested: bool = False) -> JSONResponse:
        with alpaca_statuses():
            wanted = order_filter(status, limit, after, until, direction, side, symbols)
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse([order_json(o) for o in orders.listed(session, row.account_id, wanted)])

    @app.delete(base + "/orders", tags=[TAG], include_in_schema=False)
    def cancel_all_orders(account: str, partner_key: Partner) -> JSONResponse:
        """Cancel every open order of the account: per order, its status (Alpaca's 207 multi-status)."""
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            canceled = []
            for order in orders.open_orders(session, row.account_id, MAX_LIST):
                orders.cancel(session, now, order, "canceled by the customer")
                canceled.append({"id": external_id(order.order_id), "status": 200, "body": order_json(order)})
        return JSONResponse(canceled, status_code=207)

    @app.get(base + "/orders:by_client_order_id", tags=[TAG], include_in_schema=False)
    def order_by_client_id(account: str, partner_key: Partner, client_order_id: str = "") -> JSONResponse:
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse(order_json(orders.lookup(session, row.account_id, client_order_id=client_order_id)))

    @app.get(base + "/orders/{order_id}", tags=[TAG], include_in_schema=False)
    def get_order(account: str, order_id: str, partner_key: Partner, nested: bool = False) -> JSONResponse:
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse(order_json(orders.lookup(session, row.account_id, external_id=order_id)))

    @app.patch(base + "/orders/{order_id}", tags=[TAG], include_in_schema=False)
    def replace_order(account: str, order_id: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        """Replace an open order: the old one becomes "replaced", the new one `replaces` it."""
        now = clock.now()
        with alpaca_statuses():
            given = [name for name in ("stop_price", "trail") if body.get(name) is not None]
            require(not given, Common.INVALID_ARGUMENT, f"{', '.join(given)} cannot be replaced: no stop or trailing "
                    "orders here")

            def waiting(session: Session) -> set[str]:
                row = trading_account(session, partner_key, account, now)
                symbol = orders.lookup(session, row.account_id, external_id=order_id).symbol
                return orders.waiting_symbols(session, row.account_id) | {symbol}

            def replace(session: Session, prices: orders.PriceBook) -> dict[str, Any]:
                row = trading_account(session, partner_key, account, now)
                order = orders.lookup(session, row.account_id, external_id=order_id)
                return order_json(orders.replace(session, prices, now, order, qty=raw_amount(body, "qty"),
                                                 limit_price=raw_amount(body, "limit_price"),
                                                 time_in_force=body_field(body, "time_in_force", str),
                                                 client_order_id=body_field(body, "client_order_id", str, "") or ""))

            replaced = handlers.change(handlers.prices(now, waiting), replace, fills="new")
        return JSONResponse(replaced)

    @app.delete(base + "/orders/{order_id}", tags=[TAG], include_in_schema=False)
    def cancel_order(account: str, order_id: str, partner_key: Partner) -> Response:
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            orders.cancel(session, now, orders.lookup(session, row.account_id, external_id=order_id),
                          "canceled by the customer")
        return Response(status_code=204)

    def valued(partner_key: str, account: str) -> tuple[AccountRow, datetime, orders.PriceBook]:
        """The account, and the prices of what it holds and its open orders, read before valuing."""
        now = clock.now()
        with db.read() as session:
            row = own(session, partner_key, account)

        def held(session: Session) -> set[str]:
            return {s for s, _, _ in orders.positions(session, row.account_id)} | \
                orders.waiting_symbols(session, row.account_id)

        return row, now, handlers.prices(now, held)

    @app.get(base + "/account", tags=[TAG], include_in_schema=False)
    def trade_account(account: str, partner_key: Partner) -> JSONResponse:
        row, now, prices = valued(partner_key, account)
        with db.read() as session:
            settled, unsettled = orders.cash_view(session, row.account_id)
            power = orders.buying_power(session, prices, row.account_id, now)
            held = orders.holdings(session, prices, row.account_id, now)
        return JSONResponse(trade_account_json(row, now, settled, unsettled, power, held))

    @app.get(base + "/positions", tags=[TAG], include_in_schema=False)
    def list_positions(account: str, partner_key: Partner) -> JSONResponse:
        row, now, prices = valued(partner_key, account)
        with db.read() as session:
            return JSONResponse([position_json(h) for h in orders.holdings(session, prices, row.account_id, now)])

    @app.get(base + "/positions/{symbol_or_asset_id}", tags=[TAG], include_in_schema=False)
    def get_position(account: str, symbol_or_asset_id: str, partner_key: Partner) -> JSONResponse:
        row, now, prices = valued(partner_key, account)
        wanted = symbol_or_asset_id.strip()
        with db.read() as session:
            for holding in orders.holdings(session, prices, row.account_id, now):
                if wanted in (holding.symbol, asset_id(holding.symbol)) or wanted.upper() == holding.symbol:
                    return JSONResponse(position_json(holding))
        raise DomainError(Common.NOT_FOUND, f"position does not exist: no open position in {wanted!r} on this account")
