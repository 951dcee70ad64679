"""Perp orders, fills and their FUSD: the exchange's books for issue 19's markets.

Ledger accounts (FUSD), all inside the exchange, so the hot wallet holds users' balances + these:
- "user:<id>": the user's custodial balance, where margin comes from and returns to;
- "perps:margin": every position's isolated margin (users', the maker's at 1x, the fund's), users'
  resting orders' reservations, and the PnL between positions (a realized gain is paid from here, a
  realized loss stays here: open interest is zero-sum, so it holds the open positions' equity);
- "perps:maker": the designated maker's cash (its capital, from the faucet once: `fund_maker`). The maker
  posts 1x margin (its whole notional) into perps:margin: a 1x long cannot lose more than its margin and a
  1x short only if the price more than doubles, so the maker is never liquidated (`perp_risk` skips it);
- "perps:insurance": the insurance fund's cash (funding residue, backstop gains; pays shortfalls);
- "perps:fees": fees collected.
A position's holder is its cash account's name ("user:<id>", "perps:maker", "perps:insurance").
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.exchange import custody, reasons
from fivelayer.exchange.perp_models import PerpEntryRow, PerpMarketRow, PerpOrderRow, PerpPositionRow
from fivelayer.exchange.perps import maker, matching
from fivelayer.exchange.perps.book import BookLevel
from fivelayer.exchange.perps.fills import FillEffect, apply_fill, fee
from fivelayer.exchange.perps.margin import Position, initial_margin
from fivelayer.exchange.perps.params import (
    MAKER_FEE,
    MARKET_ORDER_BAND,
    MAX_ORDER_PRICE,
    MAX_ORDER_SIZE,
    MAX_RESTING_ORDERS,
    PRICE_PLACES,
    SIZE_PLACES,
    TAKER_FEE,
    MarketParams,
    market,
)
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, RawAmount, fmt, parse_amount, round_down, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import events_pb2 as ev
from fivelayer.v1 import perpetuals_pb2 as pb
from fivelayer.v1 import statuses_pb2

MARGIN, MAKER, FUND, FEES = "perps:margin", "perps:maker", "perps:insurance", "perps:fees"
HOUSE = (MAKER, FUND)
LIVE = (statuses_pb2.PERP_ORDER_STATUS_OPEN, statuses_pb2.PERP_ORDER_STATUS_PARTIALLY_FILLED)


def holder(user_id: str) -> str:
    return custody.user_account(user_id)


def user_of(account: str) -> str:
    return account.split(":", 1)[1] if account.startswith("user:") else account


def count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


# -- positions ----------------------------------------------------------------------------------------

def position_row(session: Session, account: str, symbol: str) -> PerpPositionRow:
    row = session.get(PerpPositionRow, (account, symbol))
    return row if row is not None else PerpPositionRow(account=account, symbol=symbol)


def as_position(row: PerpPositionRow) -> Position:
    return Position(row.account, row.size, row.entry_price, row.margin, row.leverage)


def open_positions(session: Session, symbol: str) -> list[PerpPositionRow]:
    return list(session.exec(select(PerpPositionRow).where(PerpPositionRow.symbol == symbol,
                                                           PerpPositionRow.size != 0)
                             .order_by(col(PerpPositionRow.account)).limit(10_000)))


def entry(session: Session, now: datetime, account: str, kind: int, symbol: str, *, size: Decimal = ZERO,
          price: Decimal = ZERO, amount: Decimal = ZERO, rate: Decimal = ZERO, ref: str = "", note: str = "") -> None:
    """A line of a user's history (the house's accounts keep none)."""
    if account in HOUSE:
        return
    number = session.info.get("perp_entries")
    if number is None:
        number = count(session, PerpEntryRow)
    number += 1
    session.info["perp_entries"] = number
    session.add(PerpEntryRow(entry_id=f"pe-{number:06d}", number=number, account=account, kind=kind, symbol=symbol,
                             at=now, size=size, price=price, amount=amount, rate=rate, ref=ref, note=note))


def post_fill(session: Session, now: datetime, account: str, params: MarketParams, quantity: Decimal,
              price: Decimal, leverage: int, fee_rate: Decimal, ref: str,
              kind: int = pb.PERP_ENTRY_KIND_FILL, note: str = "") -> FillEffect:
    """Apply one fill to `account`'s position and post its FUSD: margin in or out of perps:margin, the PnL
    through it, the fee to perps:fees. Refused whole (INSUFFICIENT_FUNDS) if the holder cannot pay."""
    row = position_row(session, account, params.symbol)
    effect = apply_fill(as_position(row), quantity, price, leverage, params, fee_rate)
    through_margin = effect.released + effect.realized_pnl - effect.posted
    Ledger(session).post([(account, STABLECOIN, effect.cash), (MARGIN, STABLECOIN, -through_margin),
                          (FEES, STABLECOIN, effect.fee)], at=now, transfer_id=f"perp:{ref}:{account}",
                         memo=f"{params.symbol} {quantity} @ {price}")
    after = effect.position
    row.size, row.entry_price, row.margin, row.leverage = after.size, after.entry_price, after.margin, after.leverage
    row.realized_pnl += effect.realized_pnl
    row.fees += effect.fee
    session.add(row)
    entry(session, now, account, kind, params.symbol, size=quantity, price=price,
          amount=effect.realized_pnl - effect.fee, ref=ref, note=note or f"{'bought' if quantity > 0 else 'sold'} "
          f"{fmt(abs(quantity))} {params.symbol} at {fmt(price)}")
    return effect


def fill_cost(session: Session, account: str, params: MarketParams, quantity: Decimal, price: Decimal,
              leverage: int, fee_rate: Decimal) -> Decimal:
    """What the holder would pay for the fill (negative: receive), without posting it."""
    return -apply_fill(as_position(position_row(session, account, params.symbol)), quantity, price, leverage,
                       params, fee_rate).cash


# -- the book -------------------------------------------------------------------------------------------

def resting(session: Session, symbol: str, side: int) -> list[PerpOrderRow]:
    return list(session.exec(select(PerpOrderRow).where(PerpOrderRow.symbol == symbol, PerpOrderRow.side == side,
                                                        col(PerpOrderRow.status).in_(LIVE))
                             .order_by(col(PerpOrderRow.sequence)).limit(MAX_RESTING_ORDERS)))


def maker_funded(session: Session) -> bool:
    return Ledger(session).balance(MAKER, STABLECOIN) > 0


def maker_quotes(session: Session, row: PerpMarketRow) -> maker.Ladder:
    """The maker's ladder as quoted at the last update, less what was taken from it since."""
    quoted = maker.ladder(row.quote_oracle, row.quote_inventory, row.quote_in_session, maker_funded(session))
    return maker.Ladder(maker.consume(quoted.bids, row.bid_taken), maker.consume(quoted.asks, row.ask_taken))


@dataclass(frozen=True)
class Book:
    bids: list[matching.Resting]
    asks: list[matching.Resting]
    orders: dict[str, PerpOrderRow]

    def levels(self, bids: bool) -> list[BookLevel]:
        return [BookLevel(p, s) for p, s, _ in matching.levels(self.bids if bids else self.asks, 1000)]


def book(session: Session, row: PerpMarketRow) -> Book:
    quotes = maker_quotes(session, row)
    orders: dict[str, PerpOrderRow] = {}
    sides: dict[int, list[matching.Resting]] = {}
    for side in (pb.PERP_SIDE_BUY, pb.PERP_SIDE_SELL):
        entries = []
        for o in resting(session, row.symbol, side):
            orders[o.order_id] = o
            entries.append(matching.Resting(o.order_id, o.limit_price, o.size - o.filled_size, o.sequence))
        levels = quotes.bids if side == pb.PERP_SIDE_BUY else quotes.asks
        sides[side] = matching.sort_side(entries + matching.maker_entries(levels), side == pb.PERP_SIDE_BUY)
    return Book(sides[pb.PERP_SIDE_BUY], sides[pb.PERP_SIDE_SELL], orders)


def trade_against(session: Session, now: datetime, row: PerpMarketRow, params: MarketParams, taker: str,
                  buying: bool, fill: matching.Fill, orders: dict[str, PerpOrderRow], leverage: int,
                  taker_fee: Decimal, ref: str, kind: int = pb.PERP_ENTRY_KIND_FILL) -> FillEffect:
    """One fill between `taker` and a resting entry (a user's order or the maker's level), both posted."""
    signed = fill.size if buying else -fill.size
    if fill.order_id == matching.MAKER:
        post_fill(session, now, MAKER, params, -signed, fill.price, 1, ZERO, ref)
        if buying:
            row.ask_taken += fill.size
        else:
            row.bid_taken += fill.size
    else:
        fill_resting(session, now, params, orders[fill.order_id], fill.size, ref)
    effect = post_fill(session, now, taker, params, signed, fill.price, leverage, taker_fee, ref, kind)
    row.last_trade = fill.price
    emit(session, now, ev.PerpFill(symbol=params.symbol, taker=user_of(taker), maker=fill.order_id, size=to_pb(signed),
                                   price=to_pb(fill.price), ref=ref))
    return effect


def fill_resting(session: Session, now: datetime, params: MarketParams, order: PerpOrderRow, size: Decimal,
                 ref: str) -> FillEffect:
    """A resting user order filled by `size` at its price: its reservation for that part released first."""
    left = order.size - order.filled_size
    release = order.reserved if size == left else round_down(order.reserved * size / left, STABLECOIN_PLACES)
    if release:
        Ledger(session).transfer(MARGIN, holder(order.user_id), STABLECOIN, release, at=now,
                                 transfer_id=f"perp:{ref}:release:{order.order_id}")
        order.reserved -= release
    signed = size if order.side == pb.PERP_SIDE_BUY else -size
    effect = post_fill(session, now, holder(order.user_id), params, signed, order.limit_price, order.leverage,
                       MAKER_FEE, f"{ref}:{order.order_id}")
    order.filled_size += size
    order.filled_value += size * order.limit_price
    order.fee += effect.fee
    order.realized_pnl += effect.realized_pnl
    order.status = statuses_pb2.PERP_ORDER_STATUS_FILLED if order.filled_size == order.size else \
        statuses_pb2.PERP_ORDER_STATUS_PARTIALLY_FILLED
    order.updated_at = now
    session.add(order)
    return effect


def close_order(session: Session, now: datetime, order: PerpOrderRow, status: statuses_pb2.PerpOrderStatus,
                reason: str) -> None:
    """Cancel or reject what is left of an order, its reservation back to the user."""
    if order.reserved:
        Ledger(session).transfer(MARGIN, holder(order.user_id), STABLECOIN, order.reserved, at=now,
                                 transfer_id=f"perp:release:{order.order_id}:{reason}")
    order.reserved, order.status, order.reason, order.updated_at = ZERO, status, reason, now
    session.add(order)
    emit(session, now, ev.PerpOrderClosed(order_id=order.order_id, user_id=order.user_id, symbol=order.symbol,
                                          status=status, reason=reason))


# -- placing and canceling --------------------------------------------------------------------------------

@dataclass(frozen=True)
class OrderTerms:
    params: MarketParams
    side: int
    type: int
    size: Decimal
    limit: Decimal
    leverage: int
    reduce_only: bool


def check_terms(session: Session, request: pb.PlacePerpOrderRequest) -> OrderTerms:
    """Everything about an order that can be refused before it touches the book."""
    params = market(request.symbol)
    custody.get_user(session, request.user_id)
    require(request.side in (pb.PERP_SIDE_BUY, pb.PERP_SIDE_SELL), Common.INVALID_ARGUMENT,
            "side is PERP_SIDE_BUY or PERP_SIDE_SELL", field="side")
    require(request.type in (pb.PERP_ORDER_TYPE_MARKET, pb.PERP_ORDER_TYPE_LIMIT), Common.INVALID_ARGUMENT,
            "type is PERP_ORDER_TYPE_MARKET or PERP_ORDER_TYPE_LIMIT", field="type")
    size = parse_amount(request.size.value if request.HasField("size") else "", "size", SIZE_PLACES)
    limit = ZERO
    if request.type == pb.PERP_ORDER_TYPE_LIMIT:
        raw: RawAmount = request.limit_price.value if request.HasField("limit_price") else ""
        limit = parse_amount(raw, "limit_price", PRICE_PLACES)
    else:
        require(not request.HasField("limit_price") or not request.limit_price.value, Common.INVALID_ARGUMENT,
                "a market order takes no limit_price", field="limit_price")
    require(size <= MAX_ORDER_SIZE, Common.INVALID_AMOUNT,
            f"an order is at most {MAX_ORDER_SIZE} contracts, not {size}",
            field="size")
    require(limit <= MAX_ORDER_PRICE, Common.INVALID_AMOUNT, f"a limit price is at most {MAX_ORDER_PRICE}, not {limit}",
            field="limit_price")
    require(0 <= request.leverage <= params.max_leverage, Common.INVALID_ARGUMENT,
            f"{params.symbol} allows leverage 1 to {params.max_leverage}, not {request.leverage}", field="leverage")
    row = session.get(PerpMarketRow, params.symbol)
    if row is not None and row.halted:
        raise DomainError(reasons.Exchange.PERPS_HALTED, f"{params.symbol} is halted ({row.halt_reason}): "
                          "no orders until it reopens", symbol=params.symbol)
    position = position_row(session, holder(request.user_id), params.symbol)
    leverage = request.leverage or (position.leverage if position.size else 1)
    if position.size and request.leverage and request.leverage != position.leverage:
        raise DomainError(Common.INVALID_ARGUMENT, f"the open {params.symbol} position is at {position.leverage}x; "
                          f"an order for it cannot set {request.leverage}x", field="leverage")
    buying = request.side == pb.PERP_SIDE_BUY
    if request.reduce_only:
        reduces = position.size < 0 if buying else position.size > 0
        if not reduces or size > abs(position.size):
            raise DomainError(reasons.Exchange.REDUCE_ONLY_VIOLATION,
                              f"a reduce-only {'buy' if buying else 'sell'} of {size} would not only reduce the "
                              f"{position.size} {params.symbol} position", symbol=params.symbol)
    return OrderTerms(params, request.side, request.type, size, limit, leverage, request.reduce_only)


def next_order(session: Session) -> int:
    return count(session, PerpOrderRow) + 1


def place(session: Session, now: datetime, request: pb.PlacePerpOrderRequest) -> PerpOrderRow:
    terms = check_terms(session, request)
    row = session.get(PerpMarketRow, terms.params.symbol)
    require(row is not None and row.started, reasons.Exchange.PERPS_HALTED,
            f"{terms.params.symbol} has no oracle price yet", symbol=terms.params.symbol)
    assert row is not None
    number = next_order(session)
    order = PerpOrderRow(order_id=f"po-{number:06d}", sequence=number, request_id=request.request_id,
                         user_id=request.user_id, symbol=terms.params.symbol, side=terms.side, type=terms.type,
                         size=terms.size, limit_price=terms.limit, leverage=terms.leverage,
                         reduce_only=terms.reduce_only, status=statuses_pb2.PERP_ORDER_STATUS_OPEN, created_at=now,
                         updated_at=now)
    session.add(order)
    buying = terms.side == pb.PERP_SIDE_BUY
    limit = terms.limit if terms.type == pb.PERP_ORDER_TYPE_LIMIT else \
        row.mark_price * (1 + MARKET_ORDER_BAND if buying else 1 - MARKET_ORDER_BAND)
    current = book(session, row)
    own = {o.order_id for o in current.orders.values() if o.user_id == request.user_id}
    fills = matching.match(current.asks if buying else current.bids, terms.size, limit, buying, own)
    account = holder(request.user_id)
    for fill in fills:                                   # bound: match's
        effect = trade_against(session, now, row, terms.params, account, buying, fill, current.orders,
                               terms.leverage, TAKER_FEE, order.order_id)
        order.filled_size += fill.size
        order.filled_value += fill.size * fill.price
        order.fee += effect.fee
        order.realized_pnl += effect.realized_pnl
    left = terms.size - order.filled_size
    if left == 0:
        order.status = statuses_pb2.PERP_ORDER_STATUS_FILLED
    elif terms.type == pb.PERP_ORDER_TYPE_MARKET:
        order.status, order.reason = statuses_pb2.PERP_ORDER_STATUS_CANCELED, reasons.Exchange.NO_LIQUIDITY
    else:
        if order.filled_size:
            order.status = statuses_pb2.PERP_ORDER_STATUS_PARTIALLY_FILLED
        reserve = fee(left, terms.limit, MAKER_FEE)
        if not terms.reduce_only:
            reserve += initial_margin(left, terms.limit, terms.leverage, terms.params)
        if reserve:
            Ledger(session).transfer(account, MARGIN, STABLECOIN, reserve, at=now,
                                     transfer_id=f"perp:reserve:{order.order_id}")
            order.reserved = reserve
    session.add(row)
    session.add(order)
    emit(session, now, ev.PerpOrderPlaced(
        order_id=order.order_id, user_id=request.user_id, symbol=terms.params.symbol, side=pb.PerpSide.Name(terms.side),
        type=pb.PerpOrderType.Name(terms.type), size=to_pb(terms.size),
        limit_price=to_pb(terms.limit), filled=to_pb(order.filled_size),
        status=order.status))  # type: ignore[arg-type]  # the row keeps the PerpOrderStatus number
    return order


def get_order(session: Session, order_id: str) -> PerpOrderRow:
    order = session.get(PerpOrderRow, order_id)
    if order is None:
        raise DomainError(reasons.Exchange.UNKNOWN_ORDER, f"no perp order {order_id!r}", order_id=order_id)
    return order


def cancel(session: Session, now: datetime, order_id: str) -> PerpOrderRow:
    order = get_order(session, order_id)
    if order.status not in LIVE:
        raise DomainError(reasons.Exchange.ORDER_NOT_OPEN,
                          f"{order_id} is {statuses_pb2.PerpOrderStatus.Name(order.status)}: "
                          "only a resting order can be canceled", order_id=order_id)
    close_order(session, now, order, statuses_pb2.PERP_ORDER_STATUS_CANCELED, "USER_CANCELED")
    return order
