"""The CNS settlement run on a settlement date (DTC/NSCC, Fed NSS net-net money at ~4:15 pm ET).

Every net position due that day or earlier settles: short positions deliver to CNS first, limited
by the shares the participant holds (the shortfall is a fail to deliver, carried to the next
settlement day: Reg SHO); then long positions receive from what CNS holds, in participant order
(the rest is a fail to receive). Net money settles in full for the day: NSCC guarantees it.
Simplification: open fails are not marked to market. Running a date twice does nothing.

A failed trade settles late once neither its buyer nor its seller has an open fail left in its
security (`settle_late`: after a later run delivered it, or a buy-in), so the broker, which reads its
trades' statuses, settles the orders behind it then.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, select

from fivelayer.depository.capture import account
from fivelayer.depository.models import (
    CycleRow,
    DeliveryFailRow,
    LineRow,
    ObligationStatus,
    OpenFail,
    TradeRow,
    TradeStatus,
)
from fivelayer.depository.netting import NetPosition, Trade, gross_value, net_positions, net_value
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.v1 import events_pb2 as ev

CNS = "cns:in-transit"  # shares delivered to CNS and not yet allocated; never negative
ZERO = Decimal(0)


@dataclass(frozen=True)
class Projection:
    positions: list[NetPosition]
    gross: Decimal
    net: Decimal


def open_fails(session: Session) -> dict[tuple[str, str], Decimal]:
    return {(f.participant_id, f.symbol): f.quantity for f in session.exec(select(OpenFail))}


def due_trades(session: Session, day: date, *, only_that_day: bool = False) -> list[TradeRow]:
    query = select(TradeRow).where(TradeRow.status == TradeStatus.CAPTURED)
    query = query.where(TradeRow.settlement_date == day.isoformat()) if only_that_day else \
        query.where(TradeRow.settlement_date <= day.isoformat())
    return list(session.exec(query.order_by(TradeRow.trade_id)))


def as_netting(trades: list[TradeRow]) -> list[Trade]:
    return [Trade(t.buyer, t.seller, t.symbol, t.quantity, t.amount) for t in trades]


def allocate(positions: Sequence[NetPosition], held: Mapping[tuple[str, str], Decimal],
             in_transit: Mapping[str, Decimal]) -> dict[tuple[str, str], Decimal]:
    """The shares each net position settles (- delivered, + received), from plain values.

    `held` is what each short (participant, symbol) holds, `in_transit` what CNS holds per symbol
    before the run. Shorts deliver first, each limited by its holding; then longs receive, in
    position order, from what CNS holds plus what was just delivered. Positions that move no
    shares (money only) are absent."""
    settled: dict[tuple[str, str], Decimal] = {}
    pool = dict(in_transit)
    for pos in positions:
        if pos.quantity < 0:
            deliver = min(held.get((pos.participant, pos.symbol), ZERO), -pos.quantity)
            if deliver > 0:
                pool[pos.symbol] = pool.get(pos.symbol, ZERO) + deliver
            settled[(pos.participant, pos.symbol)] = -deliver
    for pos in positions:
        if pos.quantity > 0:
            receive = min(pool.get(pos.symbol, ZERO), pos.quantity)
            if receive > 0:
                pool[pos.symbol] = pool.get(pos.symbol, ZERO) - receive
            settled[(pos.participant, pos.symbol)] = receive
    return settled


def failed_positions(positions: Iterable[NetPosition],
                     settled: Mapping[tuple[str, str], Decimal]) -> set[tuple[str, str]]:
    """The (participant, symbol) positions that did not settle in full."""
    return {(p.participant, p.symbol) for p in positions
            if p.quantity != settled.get((p.participant, p.symbol), ZERO)}


def trade_statuses(trades: Iterable[Trade], failed: set[tuple[str, str]]) -> list[TradeStatus]:
    """Each trade's status after the run: failed when its buyer's or seller's position failed."""
    if not failed:
        return [TradeStatus.SETTLED for _ in trades]
    return [TradeStatus.FAILED if (t.buyer, t.symbol) in failed or (t.seller, t.symbol) in failed
            else TradeStatus.SETTLED
            for t in trades]


def withholding(session: Session, day: date) -> set[tuple[str, str]]:
    """(participant, symbol) pairs that fail to deliver on `day`, whatever they hold (a fault)."""
    return {(f.participant_id, f.symbol) for f in session.exec(select(DeliveryFailRow))
            if f.settlement_date in ("", day.isoformat())}


def project(session: Session, day: date) -> Projection:
    """What the run on `day` would settle, from the trades captured so far and the open fails."""
    trades = as_netting(due_trades(session, day))
    positions = net_positions(trades, open_fails(session))
    return Projection(positions, gross_value(trades), net_value(positions))


def settle(session: Session, day: date, at: datetime) -> CycleRow | None:
    """Run the settlement of `day` once; None if it already ran."""
    if session.get(CycleRow, day.isoformat()) is not None:
        return None
    trades = due_trades(session, day)
    netted = as_netting(trades)
    positions = net_positions(netted, open_fails(session))
    ledger = Ledger(session)
    tid = f"cns:{day.isoformat()}"
    withheld = withholding(session, day)
    held = {(p.participant, p.symbol): ZERO if (p.participant, p.symbol) in withheld
            else ledger.balance(account(p.participant), p.symbol) for p in positions if p.quantity < 0}
    in_transit = {s: ledger.balance(CNS, s) for s in sorted({p.symbol for p in positions if p.quantity > 0})}
    settled = allocate(positions, held, in_transit)
    for pos in (p for p in positions if p.quantity < 0):
        deliver = -settled[(pos.participant, pos.symbol)]
        if deliver > 0:
            ledger.transfer(account(pos.participant), CNS, pos.symbol, deliver, at=at, transfer_id=tid)
    for pos in (p for p in positions if p.quantity > 0):
        receive = settled[(pos.participant, pos.symbol)]
        if receive > 0:
            ledger.transfer(CNS, account(pos.participant), pos.symbol, receive, at=at, transfer_id=tid)
    money = [(account(p.participant), "USD", p.money) for p in positions if p.money != 0]
    if money:
        ledger.post(money, at=at, transfer_id=f"nss:{day.isoformat()}", memo="net-net money settlement")
    for fail in session.exec(select(OpenFail)):
        session.delete(fail)
    failed_keys = failed_positions(positions, settled)
    for pos in positions:
        done = settled.get((pos.participant, pos.symbol), ZERO)
        failed = pos.quantity - done
        status = ObligationStatus.SETTLED if failed == 0 else ObligationStatus.FAILED
        if failed != 0:
            session.add(OpenFail(participant_id=pos.participant, symbol=pos.symbol, quantity=failed))
        session.add(LineRow(settlement_date=day.isoformat(), participant_id=pos.participant, symbol=pos.symbol,
                            net_quantity=pos.quantity, net_money=pos.money, settled_quantity=done,
                            failed_quantity=failed, status=status, trades=pos.trades))
        line = ev.SettlementLineSettled if failed == 0 else ev.SettlementLineFailed
        emit(session, at, line(settlement_date=day.isoformat(), participant=pos.participant, symbol=pos.symbol,
                               net_quantity=to_pb(pos.quantity), net_money=to_pb(pos.money),
                               settled_quantity=to_pb(done), failed_quantity=to_pb(failed)))
    for trade, after in zip(trades, trade_statuses(netted, failed_keys), strict=True):
        trade.status = after
        session.add(trade)
    settle_late(session, at)
    cycle = CycleRow(settlement_date=day.isoformat(), settled_at=at, gross_value=gross_value(netted),
                     net_value=net_value(positions))
    session.add(cycle)
    emit(session, at, ev.SettlementCompleted(settlement_date=day.isoformat(), trades=len(trades), lines=len(positions),
                                             gross_value=to_pb(cycle.gross_value), net_value=to_pb(cycle.net_value),
                                             fails=len(failed_keys)))
    session.flush()
    return cycle


def settle_late(session: Session, at: datetime) -> list[TradeRow]:
    """Failed trades whose buyer and seller have no open fail left in the security: settled now."""
    session.flush()
    fails = open_fails(session)
    late = [t for t in session.exec(select(TradeRow).where(TradeRow.status == TradeStatus.FAILED)
                                    .order_by(TradeRow.trade_id))
            if (t.buyer, t.symbol) not in fails and (t.seller, t.symbol) not in fails]
    for trade in late:
        trade.status = TradeStatus.SETTLED
        session.add(trade)
        emit(session, at, ev.TradeSettledLate(trade_id=trade.trade_id, trade_ref=trade.trade_ref, symbol=trade.symbol,
                                              quantity=to_pb(trade.quantity), settlement_date=trade.settlement_date))
    return late
