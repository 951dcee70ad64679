"""The perp markets' clockwork: starting a market, the oracle and mark updates, funding, operator conditions.

An update (every minute in NYSE sessions, every five minutes outside them, while a market has positions or
resting orders: `jobs.PerpUpdateTrigger`) reads the book as it stands, then in one unit of work:
the oracle (NYSE's price x (1 + jump) in a session; off-hours the bounded EMA of the impact mid; held while
stale), the mark, a premium sample, the maker's new ladder around the new oracle (and the users' orders it
crosses, taken at their prices), then liquidations at the new mark, then the insurance fund unloading
positions it took over. NYSE's price is read from control before the unit of work opens.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from fivelayer.exchange import perp_risk, ports
from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_models import FundingRoundRow, PerpMarketRow, PerpOrderRow, PerpPositionRow
from fivelayer.exchange.perps import book as perp_book
from fivelayer.exchange.perps import funding, matching
from fivelayer.exchange.perps import oracle as perp_oracle
from fivelayer.exchange.perps.params import MAKER_FEE, MARKETS, MAX_PREMIUM_SAMPLES, MarketParams, market
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, fmt, from_pb, parse_decimal, quantize, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import control_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev
from fivelayer.v1 import perpetuals_pb2 as pb

JUMP_RANGE = (Decimal("-0.9"), Decimal(9))


@dataclass(frozen=True)
class Quote:
    price: Decimal
    market_open: bool


def nyse(market_data: ports.MarketData, underlying: str, at: datetime) -> Quote:
    price = market_data.GetPrice(control_pb2.PriceRequest(symbol=underlying, at=to_ts(at)))
    return Quote(from_pb(price.price), price.market_open)


def unstarted(session: Session) -> list[str]:
    started = {r.symbol for r in session.exec(select(PerpMarketRow)) if r.started}
    return [s for s in MARKETS if s not in started]


def start(session: Session, now: datetime, quotes: dict[str, Quote]) -> None:
    """Markets open at NYSE's price (the last close off-hours): oracle = mark = the maker's centre."""
    for symbol, quote in quotes.items():
        row = session.get(PerpMarketRow, symbol) or PerpMarketRow(symbol=symbol)
        if row.started:
            continue
        row.started, row.oracle_price, row.last_session_price = True, quote.price, quote.price
        row.in_session, row.oracle_at, row.mark_price, row.mark_at = quote.market_open, now, quote.price, now
        row.quote_oracle, row.quote_in_session, row.updated_at = quote.price, quote.market_open, now
        session.add(row)
        emit(session, now, ev.PerpMarketOpened(symbol=symbol, oracle=to_pb(quote.price)))


def restart(row: PerpMarketRow, now: datetime, quote: Quote) -> None:
    """An idle market's prices restarted from NYSE's now, as it started: oracle = mark = the maker's centre
    (in a session the price, with a jump fault; off-hours the last close, the centre of the bounds), the
    hour's premium samples dropped. A stale feed holds the oracle whatever the market did meanwhile."""
    if not row.oracle_stale:
        centre = quote.price * (1 + row.oracle_jump) if quote.market_open else quote.price
        row.oracle_price = row.last_session_price = row.mark_price = centre
        row.in_session, row.oracle_at, row.mark_at, row.basis_ema = quote.market_open, now, now, ZERO
    row.premium_sum, row.premium_count = ZERO, 0


def wake(session: Session, now: datetime, symbol: str, quote: Quote) -> bool:
    """An idle market (no position, no resting order: no updates ran) restarts before an order trades in it.
    Without this the order would meet the maker's ladder as it was quoted when the market went quiet, days
    ago perhaps. Nothing was open, so no one's margin or PnL depends on the old prices. Returns whether it
    woke the market."""
    row = session.get(PerpMarketRow, symbol)
    if row is None or not row.started or symbol in active_markets(session):
        return False
    restart(row, now, quote)
    requote(session, now, row, market(symbol))
    row.updated_at = now
    session.add(row)
    emit(session, now, ev.PerpMarketWoken(symbol=symbol, oracle=to_pb(row.oracle_price)))
    return True


def idle_view(row: PerpMarketRow, now: datetime, quote: Quote) -> PerpMarketRow:
    """What an idle market shows when read: as it would wake now, written nowhere (a detached copy), so a
    quiet market's oracle, session state and the maker's ladder are today's, not those of its last update."""
    view = PerpMarketRow.model_validate(row.model_dump())
    restart(view, now, quote)
    view.quote_oracle, view.quote_in_session, view.bid_taken, view.ask_taken = (view.oracle_price, view.in_session,
                                                                                 ZERO, ZERO)
    return view


def last_updated(session: Session, symbols: list[str]) -> datetime | None:
    """The oldest last update among `symbols`' markets: the perp jobs run after it, never before (a market
    that just woke must not be given the updates and funding of the hours it was idle)."""
    instants = [r.updated_at for s in symbols if (r := session.get(PerpMarketRow, s)) is not None and r.updated_at]
    return min(instants) if instants else None


def active(session: Session) -> bool:
    """Whether any market has an open position or a resting order (updates run only then)."""
    if session.exec(select(PerpPositionRow.account).where(PerpPositionRow.size != 0).limit(1)).first():
        return True
    return session.exec(select(PerpOrderRow.order_id).where(
        PerpOrderRow.status.in_(trading.LIVE)).limit(1)).first() is not None  # type: ignore[attr-defined]


def has_positions(session: Session) -> bool:
    return session.exec(select(PerpPositionRow.account).where(PerpPositionRow.size != 0).limit(1)).first() \
        is not None


def active_markets(session: Session) -> list[str]:
    symbols = {r.symbol for r in session.exec(select(PerpPositionRow).where(PerpPositionRow.size != 0))}
    symbols |= {r.symbol for r in session.exec(select(PerpOrderRow).where(
        PerpOrderRow.status.in_(trading.LIVE)))}  # type: ignore[attr-defined]
    return sorted(s for s in symbols if s in MARKETS)


# -- updates ---------------------------------------------------------------------------------------------

def oracle_state(row: PerpMarketRow) -> perp_oracle.OracleState:
    assert row.oracle_at is not None
    return perp_oracle.OracleState(row.oracle_price, row.last_session_price, row.in_session, row.oracle_at)


def mark_state(row: PerpMarketRow) -> perp_oracle.MarkState:
    assert row.mark_at is not None
    return perp_oracle.MarkState(row.mark_price, row.basis_ema, row.mark_at)


def top(side: list[matching.Resting]) -> Decimal | None:
    return side[0].price if side else None


def update(session: Session, at: datetime, symbol: str, quote: Quote) -> None:
    """One update of one market at `at` (see the module's docstring)."""
    params = market(symbol)
    row = session.get(PerpMarketRow, symbol)
    if row is None or not row.started:
        return
    current = trading.book(session, row)
    mid = perp_book.impact_mid(current.levels(True), current.levels(False), params.impact_notional)
    if not row.oracle_stale:
        price = quote.price * (1 + row.oracle_jump) if quote.market_open else None
        new_oracle = perp_oracle.next_oracle(oracle_state(row), at, params, quote.market_open, price, mid)
        last = row.last_trade if row.last_trade else None
        new_mark = perp_oracle.next_mark(mark_state(row), at, params, new_oracle, top(current.bids),
                                         top(current.asks), last)
        row.oracle_price, row.last_session_price = new_oracle.price, new_oracle.last_session_price
        row.in_session, row.oracle_at = new_oracle.in_session, new_oracle.at
        row.mark_price, row.basis_ema, row.mark_at = new_mark.price, new_mark.basis_ema, new_mark.at
    if row.premium_count < MAX_PREMIUM_SAMPLES:
        row.premium_sum += funding.premium_sample(mid, row.oracle_price)
        row.premium_count += 1
    requote(session, at, row, params)
    if not row.halted:
        perp_risk.liquidate_all(session, at, row, params)
        perp_risk.unload_fund(session, at, row, params)
    row.updated_at = at
    session.add(row)


def requote(session: Session, at: datetime, row: PerpMarketRow, params: MarketParams) -> None:
    """The maker's ladder around the new oracle, and the users' resting orders it crosses, taken at their
    prices (while halted it quotes but takes nothing)."""
    inventory = trading.position_row(session, trading.MAKER, params.symbol).size
    row.quote_oracle, row.quote_inventory, row.quote_in_session = row.oracle_price, inventory, row.in_session
    row.bid_taken = row.ask_taken = ZERO
    if row.halted:
        return
    quotes = trading.maker_quotes(session, row)
    for side, against, buying in ((pb.PERP_SIDE_BUY, quotes.asks, True), (pb.PERP_SIDE_SELL, quotes.bids, False)):
        orders = trading.resting(session, params.symbol, side)
        entries = matching.sort_side([matching.Resting(o.order_id, o.limit_price, o.size - o.filled_size,
                                                       o.sequence) for o in orders], buying)
        by_id = {o.order_id: o for o in orders}
        for fill in matching.crossing(entries, against, buying):     # bound: crossing's
            order = by_id[fill.order_id]
            signed = fill.size if buying else -fill.size
            try:
                cost = trading.fill_cost(session, trading.holder(order.user_id), params, signed, fill.price,
                                         order.leverage, MAKER_FEE)
            except DomainError:
                cost = None
            held = Ledger(session).balance(trading.holder(order.user_id), STABLECOIN) + order.reserved
            if cost is None or cost > held:
                trading.close_order(session, at, order, statuses_pb2.PERP_ORDER_STATUS_CANCELED, "INSUFFICIENT_FUNDS")
                continue
            ref = f"mk-{at.strftime('%Y%m%dT%H%M%S')}-{fill.order_id}"
            trading.fill_resting(session, at, params, order, fill.size, ref)
            trading.post_fill(session, at, trading.MAKER, params, -signed, fill.price, 1, ZERO, ref)
            if buying:
                row.ask_taken += fill.size
            else:
                row.bid_taken += fill.size
            row.last_trade = fill.price
            emit(session, at, ev.PerpFill(symbol=params.symbol, taker="perps:maker", maker=fill.order_id,
                                          size=to_pb(-signed), price=to_pb(fill.price), ref=ref))


# -- funding --------------------------------------------------------------------------------------------

def pay_funding(session: Session, at: datetime, symbol: str) -> FundingRoundRow | None:
    """The hour's funding of one market: paid between positions out of their isolated margins; the rounding
    residue to the insurance fund. None while halted or without positions (the premium restarts anyway)."""
    row = session.get(PerpMarketRow, symbol)
    if row is None or not row.started:
        return None
    premium = row.premium_sum / row.premium_count if row.premium_count else ZERO
    row.premium_sum, row.premium_count = ZERO, 0
    session.add(row)
    positions = trading.open_positions(session, symbol)
    if row.halted or not positions:
        return None
    rate = funding.funding_rate(premium)
    settled = funding.settle_funding([(p.account, p.size) for p in positions], row.oracle_price, rate)
    number = trading.count(session, FundingRoundRow) + 1
    round_id = f"fr-{number:06d}"
    by_account = {p.account: p for p in positions}
    for payment in settled.payments:                 # bound: MAX_POSITIONS (settle_funding's)
        position = by_account[payment.account]
        position.margin += payment.amount
        position.funding += payment.amount
        session.add(position)
        trading.entry(session, at, payment.account, pb.PERP_ENTRY_KIND_FUNDING, symbol, size=payment.size,
                      price=row.oracle_price, amount=payment.amount, rate=rate.hourly, ref=round_id,
                      note=f"funding at {fmt(quantize(rate.hourly * 100, 8))}% an hour on {fmt(abs(payment.size))} x "
                           f"{fmt(row.oracle_price)}: "
                           f"{'received' if payment.amount >= 0 else 'paid'}")
    if settled.residue > 0:
        Ledger(session).transfer(trading.MARGIN, trading.FUND, STABLECOIN, settled.residue, at=at,
                                 transfer_id=f"perp:{round_id}:residue")
    funding_row = FundingRoundRow(round_id=round_id, number=number, symbol=symbol, at=at, premium=premium,
                                  rate_8h=rate.rate_8h, hourly_rate=rate.hourly, capped=rate.capped,
                                  oracle_price=row.oracle_price, paid=settled.paid, received=settled.received,
                                  residue=settled.residue, positions=len(positions))
    session.add(funding_row)
    emit(session, at, ev.PerpFunding(
        round_id=round_id, symbol=symbol, hourly_rate=to_pb(rate.hourly), premium=to_pb(premium),
        oracle=to_pb(row.oracle_price), paid=to_pb(settled.paid), received=to_pb(settled.received),
        residue=to_pb(settled.residue), positions=len(positions)))
    return funding_row


# -- conditions -----------------------------------------------------------------------------------------

def set_conditions(session: Session, now: datetime, request: pb.SetPerpConditionsRequest) -> list[PerpMarketRow]:
    symbols = [market(request.symbol).symbol] if request.symbol else list(MARKETS)
    jump = parse_decimal(request.oracle_jump.value, "oracle_jump") if request.HasField("oracle_jump") and \
        request.oracle_jump.value else ZERO
    if not JUMP_RANGE[0] <= jump <= JUMP_RANGE[1]:
        raise DomainError(Common.INVALID_ARGUMENT, f"oracle_jump is a fraction between -0.9 and 9, not {jump}",
                          field="oracle_jump")
    rows = []
    for symbol in symbols:                            # bound: MARKETS
        row = session.get(PerpMarketRow, symbol) or PerpMarketRow(symbol=symbol)
        row.halted, row.halt_reason = request.halted, (request.halt_reason or "operator") if request.halted else ""
        row.oracle_stale, row.oracle_jump = request.oracle_stale, jump
        session.add(row)
        rows.append(row)
        emit(session, now, ev.PerpConditions(symbol=symbol, halted=row.halted, halt_reason=row.halt_reason,
                                             oracle_stale=row.oracle_stale, oracle_jump=to_pb(jump)))
    return rows


def next_hour(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
