"""The depository's service layer: the reads, projections and sequences its gRPC and REST faces
(`service`, one servicer for both) and its jobs (`jobs`) call, once each, in domain values and rows.

A price is a hop to control's market data, and a hop never happens inside a unit of work. So every
change that needs one (a dividend's size against the last close, a buy-in at the open, a split's cash
in lieu at the close before it) reads the price first (`prices`), then runs one short unit of work.
An announcement, once committed, wakes the depository's participants (`announced`); a capture wakes
the settlement run (`captured`), which may now be due sooner than control was told.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from google.protobuf.message import Message
from sqlmodel import Session, col, select

from fivelayer.depository import buy_in, capture, corporate_actions, ports, settlement
from fivelayer.depository.models import (
    BuyInRow,
    CorporateActionRow,
    CycleRow,
    DeliveryFailRow,
    DueBillRow,
    EntitlementRow,
    LineRow,
    ObligationStatus,
    ParticipantRow,
    TradeRow,
    TradeStatus,
)
from fivelayer.kernel import calendar
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.idempotency import apply_each, apply_once
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, from_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import page, page_by
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import control_pb2
from fivelayer.v1 import events_pb2 as ev

M = TypeVar("M", bound=Message)


def parse_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, f"{field} must be a date YYYY-MM-DD, got {text!r}") from None


@dataclass(frozen=True)
class Position:
    symbol: str
    settled: Decimal
    pending_receive: Decimal
    pending_deliver: Decimal


@dataclass(frozen=True)
class Positions:
    """A participant's settled holdings and cash, and what the next settlement run would move."""
    participant_id: str
    cash: Decimal
    pending_cash: Decimal
    positions: list[Position]


@dataclass(frozen=True)
class Line:
    participant_id: str
    symbol: str
    net_quantity: Decimal
    net_money: Decimal
    settled_quantity: Decimal
    failed_quantity: Decimal
    status: ObligationStatus
    trades: int


@dataclass(frozen=True)
class Report:
    """A settlement date: its run's lines once settled, else the projection of what is due."""
    settlement_date: str
    status: ObligationStatus
    gross: Decimal
    net: Decimal
    settled_at: datetime | None
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class Register:
    symbol: str
    registered_holder: str
    total: Decimal
    holders: list[tuple[str, Decimal]]    # participant id, quantity


@dataclass(frozen=True)
class DeliveryFail:
    participant_id: str
    symbol: str
    settlement_date: str
    failing: bool


# --- reads --------------------------------------------------------------------------------------------


def participants(session: Session, limit: int, page_token: str) -> tuple[list[ParticipantRow], str]:
    return page_by(session, select(ParticipantRow), col(ParticipantRow.participant_id), page_token, limit,
                   lambda p: p.participant_id)


def trades(session: Session, participant_id: str, settlement_date: str, limit: int,
           page_token: str) -> tuple[list[TradeRow], str]:
    query = select(TradeRow)
    if participant_id:
        capture.participant(session, participant_id)
        query = query.where((TradeRow.buyer == participant_id) | (TradeRow.seller == participant_id))
    if settlement_date:
        query = query.where(TradeRow.settlement_date == parse_date(settlement_date, "settlement_date").isoformat())
    return page_by(session, query, col(TradeRow.trade_id), page_token, limit, lambda t: t.trade_id)


def positions(session: Session, participant_id: str) -> Positions:
    """Settled holdings and cash from the ledger; pending ones from the projection of the latest settlement
    date of a captured trade (which nets every trade due by then)."""
    capture.participant(session, participant_id)
    own = capture.account(participant_id)
    held = {asset: amount for (acct, asset), amount in Ledger(session).balances(own).items() if acct == own}
    receive: dict[str, Decimal] = defaultdict(Decimal)
    deliver: dict[str, Decimal] = defaultdict(Decimal)
    pending_cash = ZERO
    latest = max((t.settlement_date for t in session.exec(select(TradeRow).where(
        TradeRow.status == TradeStatus.CAPTURED))), default=None)
    projection = settlement.project(session, date.fromisoformat(latest)) if latest else None
    for pos in (projection.positions if projection else []):
        if pos.participant != participant_id:
            continue
        (receive if pos.quantity > 0 else deliver)[pos.symbol] += abs(pos.quantity)
        pending_cash += pos.money
    symbols = sorted((set(held) - {"USD"}) | set(receive) | set(deliver))
    return Positions(participant_id, held.get("USD", ZERO), pending_cash,
                     [Position(s, held.get(s, ZERO), receive[s], deliver[s]) for s in symbols])


def settlement_report(session: Session, settlement_date: str, participant_id: str) -> Report:
    """The run's lines for a settled date, else the projection of what is due (of one participant, if given)."""
    day = parse_date(settlement_date, "settlement_date")
    if participant_id:
        capture.participant(session, participant_id)
    cycle = session.get(CycleRow, day.isoformat())
    if cycle is not None:
        rows = session.exec(select(LineRow).where(LineRow.settlement_date == day.isoformat())
                            .order_by(LineRow.participant_id, LineRow.symbol))
        lines = [Line(r.participant_id, r.symbol, r.net_quantity, r.net_money, r.settled_quantity, r.failed_quantity,
                      ObligationStatus(r.status), r.trades) for r in rows]
        report = Report(day.isoformat(), ObligationStatus.SETTLED, cycle.gross_value, cycle.net_value,
                        cycle.settled_at)
    else:
        projection = settlement.project(session, day)
        lines = [Line(p.participant, p.symbol, p.quantity, p.money, ZERO, ZERO, ObligationStatus.PENDING, p.trades)
                 for p in projection.positions]
        report = Report(day.isoformat(), ObligationStatus.PENDING, projection.gross, projection.net, None)
    report.lines.extend(line for line in lines if not participant_id or line.participant_id == participant_id)
    return report


def register(session: Session, symbol: str) -> Register:
    """Cede & Co.'s holding of a security and the participants' positions behind it."""
    total = capture.registered(session, symbol)
    if total <= 0:
        raise DomainError(Common.UNKNOWN_SYMBOL, f"{symbol!r} is not held at the depository")
    holders = sorted((acct, amount) for (acct, asset), amount in Ledger(session).balances().items()
                     if asset == symbol and not acct.startswith("@"))   # by ledger account, CNS's own included
    return Register(symbol, capture.CEDE, total, [(acct.removeprefix("p:"), amount) for acct, amount in holders])


def actions(session: Session, symbol: str, kind: str, limit: int,
            page_token: str) -> tuple[list[tuple[CorporateActionRow, list[DueBillRow]]], str]:
    """A page of corporate actions, each with its due bills if it is a large distribution."""
    require(not kind or kind in corporate_actions.KINDS, Common.INVALID_ARGUMENT,
            f"kind is one of {', '.join(corporate_actions.KINDS)}, got {kind!r}")
    query = select(CorporateActionRow)
    if symbol:
        query = query.where(CorporateActionRow.symbol == symbol)
    if kind:
        query = query.where(CorporateActionRow.kind == kind)
    rows, following = page_by(session, query, col(CorporateActionRow.action_id), page_token, limit,
                              lambda a: a.action_id)
    return [(a, corporate_actions.due_bills(session, a.action_id) if a.large_distribution else [])
            for a in rows], following


def entitlements(session: Session, action_id: str, participant_id: str, limit: int,
                 page_token: str) -> tuple[list[EntitlementRow], str]:
    if action_id and session.get(CorporateActionRow, action_id) is None:
        raise DomainError(Common.NOT_FOUND, f"no corporate action {action_id!r}", action_id=action_id)
    if participant_id:
        capture.participant(session, participant_id)
    return page(session, corporate_actions.entitlements_query(action_id, participant_id),
                [(col(EntitlementRow.action_id), str), (col(EntitlementRow.participant_id), str),
                 (col(EntitlementRow.id), int)],
                page_token, limit, lambda e: (e.action_id, e.participant_id, e.id or 0))


def buy_ins(session: Session, participant_id: str, symbol: str, limit: int,
            page_token: str) -> tuple[list[BuyInRow], str]:
    """The buy-ins of fails to deliver, in order, a page at a time."""
    if participant_id:
        capture.participant(session, participant_id)
    return page_by(session, buy_in.buy_ins_query(participant_id, symbol), col(BuyInRow.buy_in_id), page_token,
                   limit, lambda b: b.buy_in_id)


# --- writes -------------------------------------------------------------------------------------------


def set_delivery_fail(session: Session, at: datetime, participant_id: str, symbol: str, settlement_date: str,
                      failing: bool) -> DeliveryFail:
    """A participant fails (or stops failing) to deliver a security (on one settlement date, or every one):
    the settlement run delivers none of it from that participant, and the fail is carried forward."""
    capture.participant(session, participant_id)
    require(bool(symbol), Common.INVALID_ARGUMENT, "a delivery fail needs a symbol")
    if settlement_date:
        parse_date(settlement_date, "settlement_date")
    key = (participant_id, symbol, settlement_date)
    row = session.get(DeliveryFailRow, key)
    if failing and row is None:
        session.add(DeliveryFailRow(participant_id=participant_id, symbol=symbol, settlement_date=settlement_date))
    elif not failing and row is not None:
        session.delete(row)
    fail = ev.DeliveryFailSet if failing else ev.DeliveryFailCleared
    emit(session, at, fail(participant=participant_id, symbol=symbol, settlement_date=settlement_date or "every"))
    return DeliveryFail(participant_id, symbol, settlement_date, failing)


Terms = Callable[[date, Decimal | None], corporate_actions.Terms]   # today, the last close (dividends) -> terms


class Depository:
    """The sequences that span a hop or wake others: captures, announcements and the jobs' steps."""

    def __init__(self, db: Database, clock: ClockSource, market_data: ports.MarketData | None = None,
                 announced: Callable[[], None] = lambda: None, captured: Callable[[], None] = lambda: None) -> None:
        self.db = db
        self.clock = clock
        self.market_data = market_data   # prices: a dividend's last close (FINRA 11140), buy-ins, cash in lieu
        self.announced = announced       # tells the participants (and the depository's own jobs) of an announcement
        self.captured = captured         # tells control the settlement run may be due sooner

    def prices(self, symbols: Iterable[str], at: datetime, why: str) -> dict[str, Decimal]:
        """Control's market data price of each symbol at `at`, read with no unit of work open."""
        wanted = sorted(set(symbols))
        if not wanted:
            return {}
        if self.market_data is None:
            raise RuntimeError(f"{why} but the depository has no market data")
        market = self.market_data
        return {s: from_pb(market.GetPrice(control_pb2.PriceRequest(symbol=s, at=to_ts(at))).price) for s in wanted}

    def today(self) -> date:
        return self.clock.now().astimezone(calendar.NEW_YORK).date()

    # --- captures -----------------------------------------------------------------------------------

    def capture_once(self, method: str, request: Message, work: Callable[[Session], M]) -> M:
        """A trade captured once by its request id, then the settlement run told."""
        done = apply_once(self.db, method, request, work)
        self.captured()
        return done

    def capture_each(self, method: str, requests: list[Message], work: Callable[[Session, Message], M]) -> list[M]:
        """A batch of trades, each applied once under its own request id (as `method` would), then the run told."""
        done = apply_each(self.db, method, requests, work)
        self.captured()
        return done

    # --- announcements ------------------------------------------------------------------------------

    def announce_once(self, method: str, request: Message, terms: Terms, reply: Callable[[CorporateActionRow], M],
                      priced: str = "") -> M:
        """An announcement: the last close of `priced` first (a dividend is measured against it; none for a
        symbol not listed, refused by its terms), then the action announced once by the request's id, then
        the participants told."""
        close = None
        if priced and priced in LISTINGS:
            at = corporate_actions.last_close(self.clock.now())
            close = self.prices([priced], at, "a dividend is measured against the last close")[priced]

        def announce(session: Session) -> M:
            return reply(corporate_actions.announce(session, self.clock.now(), terms(self.today(), close)))

        done = apply_once(self.db, method, request, announce)
        self.announced()
        return done

    # --- the jobs' steps ------------------------------------------------------------------------------

    def settle(self, at: datetime) -> str:
        """The CNS settlement run of `at`'s date, if a settlement day (once)."""
        day = at.astimezone(calendar.NEW_YORK).date()
        if not calendar.is_settlement_day(day):
            return f"{day} is not a settlement day"
        with self.db.transaction() as session:
            cycle = settlement.settle(session, day, at)
        if cycle is None:
            return f"{day} already settled"
        return f"settled {day}: gross {cycle.gross_value} USD, net {cycle.net_value} USD"

    def buy_in(self, at: datetime) -> str:
        """Buy in the fails to deliver whose Reg SHO Rule 204 deadline is this open, at the market price then."""
        with self.db.read() as session:
            symbols = buy_in.symbols_due(session, at)
        if not symbols:
            return "no fail due for a buy-in"
        prices = self.prices(symbols, at, "a fail is due for a buy-in")
        with self.db.transaction() as session:
            done = buy_in.execute(session, at, prices)
        return "; ".join(f"{r.buy_in_id}: {r.quantity} {r.symbol} at {r.price} for {r.participant_id}"
                         for r in done) or "nothing bought in"

    def corporate_action_steps(self, at: datetime) -> str:
        """Price the splits that may pay cash in lieu first (the last close before them), then run the due steps."""
        with self.db.read() as session:
            symbols = corporate_actions.symbols_to_price(session, at)
        last_close = calendar.close_before(at.astimezone(calendar.NEW_YORK).date())  # before the split
        closes = self.prices(symbols, last_close, "a split pays cash in lieu")
        with self.db.transaction() as session:
            outcomes = corporate_actions.run_due(session, at, closes)
        return "; ".join(outcomes) or "nothing due"
