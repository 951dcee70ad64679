"""Corporate actions of the underlyings at the perp markets [XYZ-corporate-actions], before the session opens.

- A split effective today: the market halts, every position realizes its PnL at the mark into its margin and
  is rescaled (`corporate_actions.split_position`), resting orders are rescaled (size x ratio, price / ratio:
  the same notional, so their reservations stand), the oracle, mark and maker's quote rescale
  (`oracle.rescale`), and the market reopens. Sizes round down: the contracts the rounding drops are given to
  the maker, so longs still equal shorts.
- A cash dividend going ex today: no adjustment; each holder's history gets a DIVIDEND line (amount 0).
Each action is applied once per market (`PerpActionRow`).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, select

from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_market import mark_state, oracle_state
from fivelayer.exchange.perp_models import PerpActionRow, PerpMarketRow, PerpOrderRow
from fivelayer.exchange.perps import oracle as perp_oracle
from fivelayer.exchange.perps.corporate_actions import dividend_note, split_position
from fivelayer.exchange.perps.params import MARKETS, PRICE_PLACES, SIZE_PLACES, MarketParams
from fivelayer.kernel.money import ZERO, fmt, from_pb, quantize, round_down, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.v1 import depository_pb2
from fivelayer.v1 import events_pb2 as ev
from fivelayer.v1 import perpetuals_pb2 as pb


def market_of(underlying: str) -> MarketParams | None:
    return next((m for m in MARKETS.values() if m.underlying == underlying), None)


def due(session: Session, actions: list[depository_pb2.CorporateAction], day: str) -> list[
        tuple[depository_pb2.CorporateAction, MarketParams]]:
    """The splits effective and dividends going ex on `day` that a started market has not applied."""
    out = []
    for action in actions:                            # bound: the depository's list
        params = market_of(action.symbol)
        when = action.effective_date if action.kind == "split" else action.ex_date
        if params is None or when != day or action.kind not in ("split", "dividend"):
            continue
        row = session.get(PerpMarketRow, params.symbol)
        if row is None or not row.started or session.get(PerpActionRow, (action.action_id, params.symbol)) is not None:
            continue
        out.append((action, params))
    return out


def apply(session: Session, at: datetime, action: depository_pb2.CorporateAction, params: MarketParams) -> str:
    session.add(PerpActionRow(action_id=action.action_id, symbol=params.symbol, kind=action.kind, at=at))
    if action.kind == "split":
        return split(session, at, action, params)
    note = dividend_note(params, from_pb(action.amount))
    holders = [p for p in trading.open_positions(session, params.symbol) if p.account not in trading.HOUSE]
    for position in holders:                          # bound: MAX_POSITIONS
        trading.entry(session, at, position.account, pb.PERP_ENTRY_KIND_DIVIDEND, params.symbol,
                      size=position.size, amount=ZERO, ref=action.action_id, note=note)
    emit(session, at, ev.PerpDividend(symbol=params.symbol, action_id=action.action_id, holders=len(holders)))
    return f"{params.symbol}: dividend {action.action_id}, {len(holders)} holders told"


def split(session: Session, at: datetime, action: depository_pb2.CorporateAction, params: MarketParams) -> str:
    row = session.get(PerpMarketRow, params.symbol)
    assert row is not None
    new, old = action.new_shares, action.old_shares
    ratio = Decimal(new) / Decimal(old)
    was_halted = row.halted
    emit(session, at, ev.PerpHalted(symbol=params.symbol, reason=f"split {action.action_id}"))
    mark = row.mark_price
    imbalance = ZERO
    for position in trading.open_positions(session, params.symbol):   # bound: MAX_POSITIONS
        result = split_position(trading.as_position(position), mark, new, old)
        exact = position.size * ratio
        imbalance += exact - result.after.size
        position.size, position.entry_price, position.margin = (result.after.size, result.after.entry_price,
                                                                result.after.margin)
        position.realized_pnl += result.realized_pnl
        session.add(position)
        trading.entry(session, at, position.account, pb.PERP_ENTRY_KIND_SPLIT, params.symbol,
                      size=result.after.size, price=mark, amount=result.realized_pnl, ref=action.action_id,
                      note=f"{params.underlying} split {new} for {old}: PnL {fmt(result.realized_pnl)} realized at the "
                           f"mark {fmt(mark)}, position now {fmt(result.after.size)} at "
                           f"{fmt(result.after.entry_price)}")
    if imbalance:
        maker = trading.position_row(session, trading.MAKER, params.symbol)
        maker.size += round_down(imbalance, SIZE_PLACES)
        maker.entry_price = maker.entry_price or quantize(mark / ratio, PRICE_PLACES)
        session.add(maker)
    for status in trading.LIVE:
        for order in session.exec(select(PerpOrderRow).where(PerpOrderRow.symbol == params.symbol,
                                                             PerpOrderRow.status == status).limit(10_000)):
            order.size = round_down(order.size * ratio, SIZE_PLACES)
            order.filled_size = round_down(order.filled_size * ratio, SIZE_PLACES)
            order.limit_price = quantize(order.limit_price / ratio, PRICE_PLACES)
            order.updated_at = at
            session.add(order)
    new_oracle, new_mark = perp_oracle.rescale(oracle_state(row), mark_state(row), ratio)
    row.oracle_price, row.last_session_price = new_oracle.price, new_oracle.last_session_price
    row.mark_price, row.basis_ema = new_mark.price, new_mark.basis_ema
    row.quote_oracle = quantize(row.quote_oracle / ratio, PRICE_PLACES)
    row.quote_inventory = trading.position_row(session, trading.MAKER, params.symbol).size
    row.bid_taken = row.ask_taken = ZERO
    row.last_trade = quantize(row.last_trade / ratio, PRICE_PLACES) if row.last_trade else ZERO
    row.halted = was_halted
    session.add(row)
    emit(session, at, ev.PerpSplit(symbol=params.symbol, action_id=action.action_id, new=new, old=old,
                                   mark_before=to_pb(mark), mark_after=to_pb(row.mark_price)))
    emit(session, at, ev.PerpReopened(symbol=params.symbol, reason=f"split {action.action_id}"))
    return f"{params.symbol}: split {new} for {old} ({action.action_id}) applied"
