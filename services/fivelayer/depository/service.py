"""The Depository gRPC face (DTC + NSCC)."""
from __future__ import annotations

from collections import defaultdict
import functools
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlmodel import Session, col, select

from fivelayer.depository import buy_in, capture, corporate_actions, ports, settlement
from fivelayer.depository.models import (BuyInRow, CorporateActionRow, CorporateActionStatus, CycleRow,
                                         DeliveryFailRow, DueBillRow, EntitlementRow, LineRow, ObligationStatus,
                                         ParticipantRow, TradeRow, TradeStatus)
from fivelayer.kernel import calendar
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import page, page_by
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.idempotency import apply_each, apply_once
from fivelayer.kernel.reference import LISTINGS
from fivelayer.kernel.rpc import mutation, unary
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import events_pb2 as ev, statuses_pb2
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import control_pb2, depository_pb2, depository_pb2_grpc

TRADE_STATUS_PB: dict[TradeStatus, statuses_pb2.TradeStatus] = {
    TradeStatus.CAPTURED: statuses_pb2.TRADE_STATUS_CAPTURED,
    TradeStatus.SETTLED: statuses_pb2.TRADE_STATUS_SETTLED,
    TradeStatus.FAILED: statuses_pb2.TRADE_STATUS_FAILED}
OBLIGATION_STATUS_PB: dict[ObligationStatus, statuses_pb2.ObligationStatus] = {
    ObligationStatus.PENDING: statuses_pb2.OBLIGATION_STATUS_PENDING,
    ObligationStatus.SETTLED: statuses_pb2.OBLIGATION_STATUS_SETTLED,
    ObligationStatus.FAILED: statuses_pb2.OBLIGATION_STATUS_FAILED}

CORPORATE_ACTION_STATUS_PB: dict[CorporateActionStatus, statuses_pb2.CorporateActionStatus] = {
    CorporateActionStatus.ANNOUNCED: statuses_pb2.CORPORATE_ACTION_STATUS_ANNOUNCED,
    CorporateActionStatus.ENTITLED: statuses_pb2.CORPORATE_ACTION_STATUS_ENTITLED,
    CorporateActionStatus.DUE_BILLS: statuses_pb2.CORPORATE_ACTION_STATUS_DUE_BILLS,
    CorporateActionStatus.PAID: statuses_pb2.CORPORATE_ACTION_STATUS_PAID,
    CorporateActionStatus.EFFECTIVE: statuses_pb2.CORPORATE_ACTION_STATUS_EFFECTIVE,
    CorporateActionStatus.HELD: statuses_pb2.CORPORATE_ACTION_STATUS_HELD}


def trade_message(t: TradeRow) -> depository_pb2.Trade:
    return depository_pb2.Trade(trade_id=t.trade_id, trade_ref=t.trade_ref, buyer=t.buyer, seller=t.seller,
                                symbol=t.symbol, quantity=to_pb(t.quantity), price=to_pb(t.price),
                                amount=to_pb(t.amount), trade_date=t.trade_date, settlement_date=t.settlement_date,
                                status=TRADE_STATUS_PB[TradeStatus(t.status)], executed_at=to_ts(t.executed_at))


def due_bill_message(b: DueBillRow) -> depository_pb2.DueBill:
    return depository_pb2.DueBill(trade_id=b.trade_id, trade_ref=b.trade_ref, seller=b.seller, buyer=b.buyer,
                                  shares=to_pb(b.shares), cash=to_pb(b.cash), trade_date=b.trade_date,
                                  settlement_date=b.settlement_date, redeemed_at=to_ts(b.redeemed_at))


def action_message(a: CorporateActionRow, bills: Iterable[DueBillRow] = ()) -> depository_pb2.CorporateAction:
    agenda = corporate_actions.load_agenda(a.proposals)
    return depository_pb2.CorporateAction(
        action_id=a.action_id, kind=a.kind, symbol=a.symbol, amount=to_pb(a.amount), new_shares=a.new_shares,
        old_shares=a.old_shares, ex_date=a.ex_date, record_date=a.record_date, pay_date=a.pay_date,
        effective_date=a.effective_date, meeting_date=a.meeting_date, proposals=[i.text for i in agenda],
        status=CORPORATE_ACTION_STATUS_PB[CorporateActionStatus(a.status)], announced_at=to_ts(a.announced_at),
        agenda=[depository_pb2.Proposal(
            proposal_id=i.proposal_id, text=i.text, routine=i.routine, board_recommendation=i.board_recommendation)
            for i in agenda], late=a.late, notice_days=a.notice_days,
        last_close=to_pb(a.last_close) if a.last_close is not None else None,
        large_distribution=a.large_distribution, due_bills=[due_bill_message(b) for b in bills])


def entitlement_message(e: EntitlementRow) -> depository_pb2.Entitlement:
    return depository_pb2.Entitlement(
        action_id=e.action_id, participant_id=e.participant_id, symbol=e.symbol, settled=to_pb(e.settled),
        pending=to_pb(e.pending), shares=to_pb(e.shares), cash=to_pb(e.cash), paid=e.paid,
        paid_at=to_ts(e.paid_at) if e.paid_at else None, due_bill_shares=to_pb(e.due_bill_shares),
        due_bill_cash=to_pb(e.due_bill_cash))


def parse_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, f"{field} must be a date YYYY-MM-DD, got {text!r}") from None


def buy_in_message(r: BuyInRow) -> depository_pb2.BuyIn:
    return depository_pb2.BuyIn(
        buy_in_id=r.buy_in_id, participant_id=r.participant_id, symbol=r.symbol, quantity=to_pb(r.quantity),
        price=to_pb(r.price), cost=to_pb(r.cost), failing_since=r.failing_since, deadline=r.deadline,
        executed_at=to_ts(r.executed_at), rule=buy_in.RULE,
        delivered=[depository_pb2.Holding(participant_id=p, quantity=to_pb(q)) for p, q in buy_in.delivered(r)])


F = TypeVar("F", bound=Callable[..., Any])


def telling(handler: F) -> F:
    """An announcement, once its unit of work has committed: the depository tells its participants
    (`DepositoryServicer.announced`), whose jobs read it."""
    @functools.wraps(handler)
    def told(self: DepositoryServicer, request: Any, context: Any) -> Any:
        reply = handler(self, request, context)
        self.announced()
        return reply
    return cast(F, told)


def settling(handler: F) -> F:
    """A capture, once committed: a trade may be due to settle before anything the depository's last NextDue
    said (its settlement run fires only while something is to settle), so control is told (`captured`)."""
    @functools.wraps(handler)
    def told(self: DepositoryServicer, request: Any, context: Any) -> Any:
        reply = handler(self, request, context)
        self.captured()
        return reply
    return cast(F, told)


class DepositoryServicer(depository_pb2_grpc.DepositoryServicer):
    def __init__(self, db: Database, clock: ClockSource, market_data: ports.MarketData,
                 announced: Callable[[], None] = lambda: None, captured: Callable[[], None] = lambda: None) -> None:
        self.db = db
        self.clock = clock
        self.market_data = market_data   # the last close a dividend is measured against (FINRA Rule 11140)
        self.announced = announced       # tells the participants (and the depository's own jobs) of an announcement
        self.captured = captured         # tells control the settlement run may be due sooner

    @unary
    def ListParticipants(self, request: depository_pb2.ListParticipantsRequest, context: Any
                         ) -> depository_pb2.ListParticipantsResponse:
        with self.db.read() as session:
            rows, following = page_by(session, select(ParticipantRow), col(ParticipantRow.participant_id),
                                      request.page_token, request.limit, lambda p: p.participant_id)
            return depository_pb2.ListParticipantsResponse(participants=[
                depository_pb2.Participant(participant_id=p.participant_id, name=p.name, kind=p.kind) for p in rows],
                next_page_token=following)

    @settling
    @mutation
    def SubmitTrade(self, request: depository_pb2.SubmitTradeRequest, session: Session) -> depository_pb2.Trade:
        return self._capture(session, request)

    def _capture(self, session: Session, request: depository_pb2.SubmitTradeRequest) -> depository_pb2.Trade:
        if not request.HasField("executed_at"):
            raise DomainError(Common.INVALID_ARGUMENT, "executed_at is required")
        return trade_message(capture.capture(
            session, trade_ref=request.trade_ref, buyer=request.buyer, seller=request.seller, symbol=request.symbol,
            raw_quantity=request.quantity, raw_price=request.price, executed_at=from_ts(request.executed_at)))

    @mutation
    def SetDeliveryFail(self, request: depository_pb2.SetDeliveryFailRequest, session: Session
                        ) -> depository_pb2.DeliveryFail:
        """A participant fails (or stops failing) to deliver a security: the settlement run
        delivers none of it from that participant, and the fail is carried forward."""
        capture.participant(session, request.participant_id)
        require(bool(request.symbol), Common.INVALID_ARGUMENT, "a delivery fail needs a symbol")
        if request.settlement_date:
            parse_date(request.settlement_date, "settlement_date")
        key = (request.participant_id, request.symbol, request.settlement_date)
        row = session.get(DeliveryFailRow, key)
        if request.failing and row is None:
            session.add(DeliveryFailRow(participant_id=key[0], symbol=key[1], settlement_date=key[2]))
        elif not request.failing and row is not None:
            session.delete(row)
        fail = ev.DeliveryFailSet if request.failing else ev.DeliveryFailCleared
        emit(session, self.clock.now(), fail(participant=key[0], symbol=key[1], settlement_date=key[2] or "every"))
        return depository_pb2.DeliveryFail(participant_id=key[0], symbol=key[1], settlement_date=key[2],
                                           failing=request.failing)

    @settling
    @unary
    def SubmitTrades(self, request: depository_pb2.SubmitTradesRequest, context: Any
                     ) -> depository_pb2.SubmitTradesResponse:
        """A batch of trades, each applied once under its own request id (as SubmitTrade would)."""
        return depository_pb2.SubmitTradesResponse(trades=apply_each(
            self.db, "SubmitTrade", request.trades,
            lambda session, trade: self._capture(session, cast(depository_pb2.SubmitTradeRequest, trade))))

    @unary
    def ListTrades(self, request: depository_pb2.ListTradesRequest, context: Any) -> depository_pb2.ListTradesResponse:
        with self.db.read() as session:
            query = select(TradeRow)
            if request.participant_id:
                capture.participant(session, request.participant_id)
                query = query.where((TradeRow.buyer == request.participant_id) |
                                    (TradeRow.seller == request.participant_id))
            if request.settlement_date:
                query = query.where(TradeRow.settlement_date ==
                                    parse_date(request.settlement_date, "settlement_date").isoformat())
            rows, following = page_by(session, query, col(TradeRow.trade_id), request.page_token, request.limit,
                                      lambda t: t.trade_id)
            return depository_pb2.ListTradesResponse(trades=[trade_message(t) for t in rows], next_page_token=following)

    @unary
    def GetPositions(self, request: depository_pb2.PositionsRequest, context: Any) -> depository_pb2.PositionsResponse:
        with self.db.read() as session:
            capture.participant(session, request.participant_id)
            balances = Ledger(session).balances(capture.account(request.participant_id))
            held = {asset: amount for (acct, asset), amount in balances.items()
                    if acct == capture.account(request.participant_id)}
            receive: dict[str, Decimal] = defaultdict(Decimal)
            deliver: dict[str, Decimal] = defaultdict(Decimal)
            pending_cash = ZERO
            latest = max((t.settlement_date for t in session.exec(select(TradeRow).where(
                TradeRow.status == TradeStatus.CAPTURED))), default=None)
            projection = settlement.project(session, date.fromisoformat(latest)) if latest else None
            for pos in (projection.positions if projection else []):
                if pos.participant != request.participant_id:
                    continue
                (receive if pos.quantity > 0 else deliver)[pos.symbol] += abs(pos.quantity)
                pending_cash += pos.money
            symbols = sorted((set(held) - {"USD"}) | set(receive) | set(deliver))
            return depository_pb2.PositionsResponse(
                participant_id=request.participant_id, cash=to_pb(held.get("USD", ZERO)),
                pending_cash=to_pb(pending_cash),
                positions=[depository_pb2.Position(participant_id=request.participant_id, symbol=s,
                                                   settled=to_pb(held.get(s, ZERO)), pending_receive=to_pb(receive[s]),
                                                   pending_deliver=to_pb(deliver[s])) for s in symbols])

    @unary
    def GetSettlement(self, request: depository_pb2.SettlementRequest, context: Any) -> depository_pb2.SettlementReport:
        day = parse_date(request.settlement_date, "settlement_date")
        with self.db.read() as session:
            if request.participant_id:
                capture.participant(session, request.participant_id)
            cycle = session.get(CycleRow, day.isoformat())
            if cycle is not None:
                rows = session.exec(select(LineRow).where(LineRow.settlement_date == day.isoformat())
                                    .order_by(LineRow.participant_id, LineRow.symbol))
                lines = [depository_pb2.SettlementLine(
                    participant_id=r.participant_id, symbol=r.symbol, net_quantity=to_pb(r.net_quantity),
                    net_money=to_pb(r.net_money), settled_quantity=to_pb(r.settled_quantity),
                    failed_quantity=to_pb(r.failed_quantity),
                    status=OBLIGATION_STATUS_PB[ObligationStatus(r.status)], trades=r.trades) for r in rows]
                report = depository_pb2.SettlementReport(settlement_date=day.isoformat(),
                                                         status=statuses_pb2.OBLIGATION_STATUS_SETTLED,
                                                         gross_value=to_pb(cycle.gross_value),
                                                         net_value=to_pb(cycle.net_value),
                                                         settled_at=to_ts(cycle.settled_at))
            else:
                projection = settlement.project(session, day)
                lines = [depository_pb2.SettlementLine(
                    participant_id=p.participant, symbol=p.symbol, net_quantity=to_pb(p.quantity),
                    net_money=to_pb(p.money), settled_quantity=to_pb(ZERO), failed_quantity=to_pb(ZERO),
                    status=statuses_pb2.OBLIGATION_STATUS_PENDING, trades=p.trades) for p in projection.positions]
                report = depository_pb2.SettlementReport(settlement_date=day.isoformat(),
                                                         status=statuses_pb2.OBLIGATION_STATUS_PENDING,
                                                         gross_value=to_pb(projection.gross),
                                                         net_value=to_pb(projection.net))
            report.lines.extend(line for line in lines
                                if not request.participant_id or line.participant_id == request.participant_id)
            return report

    @unary
    def GetRegister(self, request: depository_pb2.RegisterRequest, context: Any) -> depository_pb2.Register:
        with self.db.read() as session:
            total = capture.registered(session, request.symbol)
            if total <= 0:
                raise DomainError(Common.UNKNOWN_SYMBOL, f"{request.symbol!r} is not held at the depository")
            holders = sorted((acct, amount) for (acct, asset), amount in Ledger(session).balances().items()
                             if asset == request.symbol and not acct.startswith("@"))
            return depository_pb2.Register(
                symbol=request.symbol, registered_holder=capture.CEDE, registered_quantity=to_pb(total),
                participants=[depository_pb2.Holding(participant_id=acct.removeprefix("p:"), quantity=to_pb(amount))
                              for acct, amount in holders])

    # --- corporate actions -----------------------------------------------------------------------

    def _today(self) -> date:
        return self.clock.now().astimezone(calendar.NEW_YORK).date()

    def _last_close(self, symbol: str) -> Decimal | None:
        """The share's last close (control's market data price at the close of the last session before
        now), read with no unit of work open; None for a symbol that is not listed (refused later)."""
        if symbol not in LISTINGS:
            return None
        at = corporate_actions.last_close(self.clock.now())
        return from_pb(self.market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol, at=to_ts(at))).price)

    @telling
    @unary
    def AnnounceDividend(self, request: depository_pb2.AnnounceDividendRequest, context: Any
                         ) -> depository_pb2.CorporateAction:
        """A cash dividend: entitlements fixed at 17:00 ET on the record date, cash paid at 09:00 ET on the
        pay date; the ex date is the record date, or for 25% or more of the last close (read first, from
        control) the first session after the pay date, due bills redeemed at 09:00 ET on it (FINRA 11140).
        Applied once per request id, as a mutation."""
        close = self._last_close(request.symbol)

        def announce(session: Session) -> depository_pb2.CorporateAction:
            terms = corporate_actions.dividend_terms(
                self._today(), request.symbol, request.amount, request.ex_date, request.pay_date,
                record_date=request.record_date, close=close, late=request.late)
            return action_message(corporate_actions.announce(session, self.clock.now(), terms))

        return apply_once(self.db, "AnnounceDividend", request, announce)

    @telling
    @mutation
    def AnnounceSplit(self, request: depository_pb2.AnnounceSplitRequest, session: Session
                      ) -> depository_pb2.CorporateAction:
        """A split new:old, applied at 06:00 ET on the effective date."""
        terms = corporate_actions.split_terms(self._today(), request.symbol, request.new_shares, request.old_shares,
                                              request.effective_date, request.late)
        return action_message(corporate_actions.announce(session, self.clock.now(), terms))

    @telling
    @mutation
    def AnnounceMeeting(self, request: depository_pb2.AnnounceMeetingRequest, session: Session
                        ) -> depository_pb2.CorporateAction:
        """A shareholder meeting: who may vote is fixed at 17:00 ET on the record date; its agenda says
        which proposals are routine (NYSE Rule 452) and what the board recommends."""
        agenda = [corporate_actions.AgendaItem(p.proposal_id, p.text, p.routine, p.board_recommendation)
                  for p in request.agenda]
        terms = corporate_actions.meeting_terms(self._today(), request.symbol, request.record_date,
                                                request.meeting_date, request.proposals, agenda, request.late)
        return action_message(corporate_actions.announce(session, self.clock.now(), terms))

    @unary
    def ListCorporateActions(self, request: depository_pb2.ListCorporateActionsRequest, context: Any
                             ) -> depository_pb2.ListCorporateActionsResponse:
        require(not request.kind or request.kind in corporate_actions.KINDS, Common.INVALID_ARGUMENT,
                f"kind is one of {', '.join(corporate_actions.KINDS)}, got {request.kind!r}")
        with self.db.read() as session:
            query = select(CorporateActionRow)
            if request.symbol:
                query = query.where(CorporateActionRow.symbol == request.symbol)
            if request.kind:
                query = query.where(CorporateActionRow.kind == request.kind)
            rows, following = page_by(session, query, col(CorporateActionRow.action_id), request.page_token,
                                      request.limit, lambda a: a.action_id)
            return depository_pb2.ListCorporateActionsResponse(
                actions=[action_message(a, corporate_actions.due_bills(session, a.action_id) if a.large_distribution
                                        else ()) for a in rows], next_page_token=following)

    @unary
    def ListEntitlements(self, request: depository_pb2.ListEntitlementsRequest, context: Any
                         ) -> depository_pb2.ListEntitlementsResponse:
        with self.db.read() as session:
            if request.action_id and session.get(CorporateActionRow, request.action_id) is None:
                raise DomainError(Common.NOT_FOUND, f"no corporate action {request.action_id!r}",
                                  action_id=request.action_id)
            if request.participant_id:
                capture.participant(session, request.participant_id)
            rows, following = page(
                session, corporate_actions.entitlements_query(request.action_id, request.participant_id),
                [(col(EntitlementRow.action_id), str), (col(EntitlementRow.participant_id), str),
                 (col(EntitlementRow.id), int)],
                request.page_token, request.limit, lambda e: (e.action_id, e.participant_id, e.id or 0))
            return depository_pb2.ListEntitlementsResponse(entitlements=[entitlement_message(e) for e in rows],
                                                           next_page_token=following)

    @unary
    def ListBuyIns(self, request: depository_pb2.ListBuyInsRequest, context: Any) -> depository_pb2.ListBuyInsResponse:
        """The buy-ins of fails to deliver, in order, a page at a time (at most 1,000)."""
        with self.db.read() as session:
            if request.participant_id:
                capture.participant(session, request.participant_id)
            rows, following = page_by(session, buy_in.buy_ins_query(request.participant_id, request.symbol),
                                      col(BuyInRow.buy_in_id), request.page_token, request.limit,
                                      lambda b: b.buy_in_id)
        return depository_pb2.ListBuyInsResponse(buy_ins=[buy_in_message(r) for r in rows], next_page_token=following)
