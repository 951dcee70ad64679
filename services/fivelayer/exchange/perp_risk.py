"""Liquidations at the new mark and the insurance fund's unloading, posted.

A user's position under maintenance at the mark (`margin.liquidatable`) is liquidated by `plan_liquidation`'s
cascade, each step posted:
1. the book: its resting orders are canceled, then it trades into the book (users' orders and the maker's
   levels) no worse than the bankruptcy price, without fees; each fill returns that part's margin and PnL;
2. the backstop: the insurance fund takes the rest over at the mark. The rest's loss at the mark is realized
   (it stays in perps:margin for the winners); its equity there moves between perps:margin and the fund's
   cash (a gain, or the shortfall the fund pays). The fund's position carries no margin: its cash stands
   behind it (cross-margined) and it sells it into the book on later updates (`unload_fund`);
3. auto-deleveraging, when the fund cannot pay the shortfall (its cash less its positions' losses at the
   mark, `fund_capacity`): the ranked counterparties close against
   the rest at its bankruptcy price (each gets its margin share and PnL at that price); the rest's margin
   stays in perps:margin, which is exactly what pays them.
Each liquidation is a LiquidationRecord (with the ADL ranking), an entry in the histories and an event.
"""
from __future__ import annotations

import json
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from sqlmodel import Session, select

from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_models import LiquidationRow, PerpMarketRow, PerpPositionRow
from fivelayer.exchange.perps import margin, matching
from fivelayer.exchange.perps.liquidation import AdlTake, plan_liquidation
from fivelayer.exchange.perps.params import MARKET_ORDER_BAND, MAX_FUND_UNLOAD, MarketParams
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, fmt, quantize, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import events_pb2 as ev
from fivelayer.v1 import perpetuals_pb2 as pb
from fivelayer.v1 import statuses_pb2


def liquidate_all(session: Session, at: datetime, row: PerpMarketRow, params: MarketParams) -> int:
    """Liquidate every user position under maintenance at the mark, lowest equity first."""
    due = [p for p in trading.open_positions(session, params.symbol)
           if p.account not in trading.HOUSE
           and margin.liquidatable(trading.as_position(p), row.mark_price, params)]
    due.sort(key=lambda p: (margin.equity(trading.as_position(p), row.mark_price), p.account))
    done = 0
    for position in due:                               # bound: MAX_POSITIONS
        # an earlier liquidation's ADL may have closed or changed it: decide on it as it is now
        if position.size != 0 and margin.liquidatable(trading.as_position(position), row.mark_price, params):
            liquidate(session, at, row, params, position)
            done += 1
    return done


def fund_capacity(session: Session) -> Decimal:
    """What the fund can pay a shortfall with: its cash, less what its positions would lose at their marks
    (a gain on them is not cash until they are unloaded, so it is not counted: the fund never overdraws)."""
    marks = {r.symbol: r.mark_price for r in session.exec(select(PerpMarketRow))}
    held = session.exec(select(PerpPositionRow).where(PerpPositionRow.account == trading.FUND,
                                                      PerpPositionRow.size != 0))
    equity = sum((margin.equity(trading.as_position(p), marks.get(p.symbol, p.entry_price)) for p in held), ZERO)
    return max(Ledger(session).balance(trading.FUND, STABLECOIN) + min(equity, ZERO), ZERO)


def backstop_legs(rest_margin: Decimal, realized: Decimal) -> tuple[Decimal, list[tuple[str, str, Decimal]]]:
    """The fund's booking of a rest taken over: its equity at the mark = margin + realized loss (floored), moved
    from perps:margin to the fund (a gain) or from the fund (the shortfall it pays)."""
    equity = rest_margin + realized
    if equity == 0:
        return equity, []
    return equity, [(trading.MARGIN, STABLECOIN, -equity), (trading.FUND, STABLECOIN, equity)]


def liquidate(session: Session, at: datetime, row: PerpMarketRow, params: MarketParams,
              position: PerpPositionRow) -> LiquidationRow:
    account, symbol, mark = position.account, params.symbol, row.mark_price
    user_id = trading.user_of(account)
    for order in trading.resting(session, symbol, pb.PERP_SIDE_BUY) + trading.resting(session, symbol,
                                                                                       pb.PERP_SIDE_SELL):
        if order.user_id == user_id:
            trading.close_order(session, at, order, statuses_pb2.PERP_ORDER_STATUS_CANCELED, "LIQUIDATION")
    number = trading.count(session, LiquidationRow) + 1
    liquidation_id = f"pl-{number:06d}"
    long = position.size > 0
    current = trading.book(session, row)
    side = current.bids if long else current.asks
    plan = plan_liquidation(trading.as_position(position), mark, params, current.levels(long), fund_capacity(session),
                            [trading.as_position(p) for p in trading.open_positions(session, symbol)])
    size = position.size
    returned = book_size = book_value = ZERO
    for fill in matching.match(side, abs(size), plan.bankruptcy_price, not long):   # bound: match's
        effect = trading.trade_against(session, at, row, params, account, not long, fill, current.orders,
                                       position.leverage, ZERO, liquidation_id, pb.PERP_ENTRY_KIND_LIQUIDATION)
        returned += effect.cash
        book_size += fill.size
        book_value += fill.size * fill.price
    rest = session.get(PerpPositionRow, (account, symbol))
    assert rest is not None
    fund_change = backstop_size = ZERO
    if rest.size != 0 and plan.backstop is not None:
        backstop_size, fund_change = backstop(session, at, rest, mark, liquidation_id)
    elif rest.size != 0:
        deleverage(session, at, params, rest, plan.bankruptcy_price, plan.adl, liquidation_id)
    ranking = [{"user_id": trading.user_of(r.account), "key": str(r.key), "pnl_fraction": str(r.pnl_fraction),
                "leverage": str(r.leverage),
                "closed": str(next((abs(t.closed) for t in plan.adl if t.account == r.account), ZERO)),
                "realized_pnl": str(next((t.realized_pnl for t in plan.adl if t.account == r.account), ZERO))}
               for r in plan.ranking]
    record_row = LiquidationRow(
        liquidation_id=liquidation_id, number=number, symbol=symbol, account=account, at=at, size=size,
        mark_price=mark, bankruptcy_price=plan.bankruptcy_price, book_size=book_size,
        book_average_price=book_value / book_size if book_size else ZERO, backstop_size=backstop_size,
        fund_change=fund_change, returned=returned, ranking=json.dumps(ranking))
    session.add(record_row)
    trading.entry(session, at, account, pb.PERP_ENTRY_KIND_LIQUIDATION, symbol, size=-size, price=mark,
                  amount=returned, ref=liquidation_id,
                  note=f"liquidated at mark {fmt(mark)} (bankruptcy {fmt(quantize(plan.bankruptcy_price, 6))}): book "
                       f"{fmt(book_size)}, fund {fmt(abs(backstop_size))}, "
                       f"ADL {fmt(sum((abs(t.closed) for t in plan.adl), ZERO))}")
    emit(session, at, ev.PerpLiquidation(
        liquidation_id=liquidation_id, symbol=symbol, user_id=user_id, size=to_pb(size), mark=to_pb(mark),
        book=to_pb(book_size), backstop=to_pb(backstop_size), fund_change=to_pb(fund_change), adl=len(plan.adl),
        returned=to_pb(returned)))
    return record_row


def backstop(session: Session, at: datetime, rest: PerpPositionRow, mark: Decimal, ref: str) -> tuple[Decimal,
                                                                                                     Decimal]:
    """The fund takes `rest` over at the mark (see the module's docstring); returns (size, fund change)."""
    realized = quantize(rest.size * (mark - rest.entry_price), STABLECOIN_PLACES, ROUND_FLOOR)
    equity, legs = backstop_legs(rest.margin, realized)
    if legs:
        Ledger(session).post(legs, at=at, transfer_id=f"perp:{ref}:backstop")
    fund = trading.position_row(session, trading.FUND, rest.symbol)
    size = rest.size
    if fund.size == 0 or (fund.size > 0) == (size > 0):
        total = fund.size + size
        fund.entry_price = (abs(fund.size) * fund.entry_price + abs(size) * mark) / abs(total)
        fund.size = total
    else:   # the fund's position the other way: the take-over nets against it at the mark
        closing = min(abs(size), abs(fund.size))
        pnl = quantize((1 if fund.size > 0 else -1) * closing * (mark - fund.entry_price), STABLECOIN_PLACES,
                       ROUND_FLOOR)
        settle_house(session, at, trading.FUND, pnl, f"{ref}:net")
        fund.realized_pnl += pnl
        fund.size += size
        if fund.size != 0 and (fund.size > 0) == (size > 0):
            fund.entry_price = mark
    fund.leverage = 1
    session.add(fund)
    rest.realized_pnl += realized
    rest.size, rest.margin = ZERO, ZERO
    session.add(rest)
    return size, equity


def settle_house(session: Session, at: datetime, account: str, pnl: Decimal, ref: str) -> None:
    if pnl:
        Ledger(session).post([(trading.MARGIN, STABLECOIN, -pnl), (account, STABLECOIN, pnl)], at=at,
                             transfer_id=f"perp:{ref}:{account}")


def deleverage(session: Session, at: datetime, params: MarketParams, rest: PerpPositionRow,
               bankrupt: Decimal, takes: list[AdlTake], ref: str) -> None:
    """Close the rest against the ranked counterparties at its bankruptcy price."""
    for take in takes:                                  # bound: MAX_POSITIONS (the plan's)
        counterparty = trading.position_row(session, take.account, params.symbol)
        trading.post_fill(session, at, take.account, params, -take.closed, bankrupt, counterparty.leverage, ZERO,
                          f"{ref}:adl", pb.PERP_ENTRY_KIND_ADL,
                          note=f"auto-deleveraged: {fmt(abs(take.closed))} closed at {fmt(quantize(bankrupt, 6))} "
                               f"against liquidation {ref}")
    realized = -rest.margin   # closed at bankruptcy: the margin is exactly its loss, and pays the counterparties
    rest.realized_pnl += realized
    rest.size, rest.margin = ZERO, ZERO
    session.add(rest)


def unload_fund(session: Session, at: datetime, row: PerpMarketRow, params: MarketParams) -> None:
    """The fund sells what it took over into the book, no worse than 5% from the mark, as far as its cash
    covers the loss (else it waits for a later update)."""
    fund = trading.position_row(session, trading.FUND, params.symbol)
    if fund.size == 0:
        return
    selling = fund.size > 0
    current = trading.book(session, row)
    band = row.mark_price * (1 - MARKET_ORDER_BAND if selling else 1 + MARKET_ORDER_BAND)
    fills = matching.match(current.bids if selling else current.asks, abs(fund.size), band, not selling)
    for i, fill in enumerate(fills[:MAX_FUND_UNLOAD]):
        signed = -fill.size if selling else fill.size
        cost = trading.fill_cost(session, trading.FUND, params, signed, fill.price, 1, ZERO)
        if cost > Ledger(session).balance(trading.FUND, STABLECOIN):
            break
        trading.trade_against(session, at, row, params, trading.FUND, not selling, fill, current.orders, 1, ZERO,
                              f"fu-{at.strftime('%Y%m%dT%H%M%S')}-{params.symbol}-{i}")
