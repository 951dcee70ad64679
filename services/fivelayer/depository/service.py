"""The Depository face (DTC + NSCC), gRPC and REST alike: protos to domain values and back, over the
service layer (`depository.handlers`) that the jobs call too."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlmodel import Session

from fivelayer.depository import buy_in, capture, corporate_actions, handlers
from fivelayer.depository.models import (
    BuyInRow,
    CorporateActionRow,
    CorporateActionStatus,
    DueBillRow,
    EntitlementRow,
    ObligationStatus,
    TradeRow,
    TradeStatus,
)
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import mutation, unary
from fivelayer.kernel.statuses import by_name
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import depository_pb2, depository_pb2_grpc, statuses_pb2

TRADE_STATUS_PB = by_name(TradeStatus, statuses_pb2.TradeStatus)
OBLIGATION_STATUS_PB = by_name(ObligationStatus, statuses_pb2.ObligationStatus)

CORPORATE_ACTION_STATUS_PB = by_name(CorporateActionStatus, statuses_pb2.CorporateActionStatus)


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


def buy_in_message(r: BuyInRow) -> depository_pb2.BuyIn:
    return depository_pb2.BuyIn(
        buy_in_id=r.buy_in_id, participant_id=r.participant_id, symbol=r.symbol, quantity=to_pb(r.quantity),
        price=to_pb(r.price), cost=to_pb(r.cost), failing_since=r.failing_since, deadline=r.deadline,
        executed_at=to_ts(r.executed_at), rule=buy_in.RULE,
        delivered=[depository_pb2.Holding(participant_id=p, quantity=to_pb(q)) for p, q in buy_in.delivered(r)])


def positions_message(p: handlers.Positions) -> depository_pb2.PositionsResponse:
    return depository_pb2.PositionsResponse(
        participant_id=p.participant_id, cash=to_pb(p.cash), pending_cash=to_pb(p.pending_cash),
        positions=[depository_pb2.Position(participant_id=p.participant_id, symbol=h.symbol, settled=to_pb(h.settled),
                                           pending_receive=to_pb(h.pending_receive),
                                           pending_deliver=to_pb(h.pending_deliver)) for h in p.positions])


def report_message(r: handlers.Report) -> depository_pb2.SettlementReport:
    return depository_pb2.SettlementReport(
        settlement_date=r.settlement_date, status=OBLIGATION_STATUS_PB[r.status], gross_value=to_pb(r.gross),
        net_value=to_pb(r.net), settled_at=to_ts(r.settled_at) if r.settled_at is not None else None,
        lines=[depository_pb2.SettlementLine(
            participant_id=line.participant_id, symbol=line.symbol, net_quantity=to_pb(line.net_quantity),
            net_money=to_pb(line.net_money), settled_quantity=to_pb(line.settled_quantity),
            failed_quantity=to_pb(line.failed_quantity), status=OBLIGATION_STATUS_PB[line.status],
            trades=line.trades) for line in r.lines])


class DepositoryServicer(depository_pb2_grpc.DepositoryServicer):
    """Requests read into domain values, the service layer (`depository.handlers`) called, its answers
    written back as messages."""

    def __init__(self, depository: handlers.Depository) -> None:
        self.depository = depository
        self.db = depository.db          # for @mutation (applied once by request id)
        self.clock = depository.clock

    @unary
    def ListParticipants(self, request: depository_pb2.ListParticipantsRequest, context: Any
                         ) -> depository_pb2.ListParticipantsResponse:
        with self.db.read() as session:
            rows, following = handlers.participants(session, request.limit, request.page_token)
        return depository_pb2.ListParticipantsResponse(participants=[
            depository_pb2.Participant(participant_id=p.participant_id, name=p.name, kind=p.kind) for p in rows],
            next_page_token=following)

    def _capture(self, session: Session, request: depository_pb2.SubmitTradeRequest) -> depository_pb2.Trade:
        if not request.HasField("executed_at"):
            raise DomainError(Common.INVALID_ARGUMENT, "executed_at is required")
        return trade_message(capture.capture(
            session, trade_ref=request.trade_ref, buyer=request.buyer, seller=request.seller, symbol=request.symbol,
            raw_quantity=request.quantity, raw_price=request.price, executed_at=from_ts(request.executed_at)))

    @unary
    def SubmitTrade(self, request: depository_pb2.SubmitTradeRequest, context: Any) -> depository_pb2.Trade:
        return self.depository.capture_once("SubmitTrade", request, lambda session: self._capture(session, request))

    @unary
    def SubmitTrades(self, request: depository_pb2.SubmitTradesRequest, context: Any
                     ) -> depository_pb2.SubmitTradesResponse:
        """A batch of trades, each applied once under its own request id (as SubmitTrade would)."""
        return depository_pb2.SubmitTradesResponse(trades=self.depository.capture_each(
            "SubmitTrade", list(request.trades),
            lambda session, trade: self._capture(session, cast(depository_pb2.SubmitTradeRequest, trade))))

    @mutation
    def SetDeliveryFail(self, request: depository_pb2.SetDeliveryFailRequest, session: Session
                        ) -> depository_pb2.DeliveryFail:
        """A participant fails (or stops failing) to deliver a security (`handlers.set_delivery_fail`)."""
        fail = handlers.set_delivery_fail(session, self.clock.now(), request.participant_id, request.symbol,
                                          request.settlement_date, request.failing)
        return depository_pb2.DeliveryFail(participant_id=fail.participant_id, symbol=fail.symbol,
                                           settlement_date=fail.settlement_date, failing=fail.failing)

    @unary
    def ListTrades(self, request: depository_pb2.ListTradesRequest, context: Any) -> depository_pb2.ListTradesResponse:
        with self.db.read() as session:
            rows, following = handlers.trades(session, request.participant_id, request.settlement_date,
                                              request.limit, request.page_token)
        return depository_pb2.ListTradesResponse(trades=[trade_message(t) for t in rows], next_page_token=following)

    @unary
    def GetPositions(self, request: depository_pb2.PositionsRequest, context: Any) -> depository_pb2.PositionsResponse:
        with self.db.read() as session:
            return positions_message(handlers.positions(session, request.participant_id))

    @unary
    def GetSettlement(self, request: depository_pb2.SettlementRequest, context: Any) -> depository_pb2.SettlementReport:
        with self.db.read() as session:
            return report_message(handlers.settlement_report(session, request.settlement_date,
                                                             request.participant_id))

    @unary
    def GetRegister(self, request: depository_pb2.RegisterRequest, context: Any) -> depository_pb2.Register:
        with self.db.read() as session:
            register = handlers.register(session, request.symbol)
        return depository_pb2.Register(
            symbol=register.symbol, registered_holder=register.registered_holder,
            registered_quantity=to_pb(register.total),
            participants=[depository_pb2.Holding(participant_id=p, quantity=to_pb(q)) for p, q in register.holders])

    # --- corporate actions -----------------------------------------------------------------------

    @unary
    def AnnounceDividend(self, request: depository_pb2.AnnounceDividendRequest, context: Any
                         ) -> depository_pb2.CorporateAction:
        """A cash dividend: entitlements fixed at 17:00 ET on the record date, cash paid at 09:00 ET on the
        pay date; the ex date is the record date, or for 25% or more of the last close (read first, from
        control) the first session after the pay date, due bills redeemed at 09:00 ET on it (FINRA 11140).
        Applied once per request id."""
        return self.depository.announce_once(
            "AnnounceDividend", request, lambda today, close: corporate_actions.dividend_terms(
                today, request.symbol, request.amount, request.ex_date, request.pay_date,
                record_date=request.record_date, close=close, late=request.late), action_message,
            priced=request.symbol)

    @unary
    def AnnounceSplit(self, request: depository_pb2.AnnounceSplitRequest, context: Any
                      ) -> depository_pb2.CorporateAction:
        """A split new:old, applied at 06:00 ET on the effective date."""
        return self.depository.announce_once(
            "AnnounceSplit", request, lambda today, _: corporate_actions.split_terms(
                today, request.symbol, request.new_shares, request.old_shares, request.effective_date, request.late),
            action_message)

    @unary
    def AnnounceMeeting(self, request: depository_pb2.AnnounceMeetingRequest, context: Any
                        ) -> depository_pb2.CorporateAction:
        """A shareholder meeting: who may vote is fixed at 17:00 ET on the record date; its agenda says
        which proposals are routine (NYSE Rule 452) and what the board recommends."""
        agenda = [corporate_actions.AgendaItem(p.proposal_id, p.text, p.routine, p.board_recommendation)
                  for p in request.agenda]
        return self.depository.announce_once(
            "AnnounceMeeting", request, lambda today, _: corporate_actions.meeting_terms(
                today, request.symbol, request.record_date, request.meeting_date, request.proposals, agenda,
                request.late), action_message)

    @unary
    def ListCorporateActions(self, request: depository_pb2.ListCorporateActionsRequest, context: Any
                             ) -> depository_pb2.ListCorporateActionsResponse:
        with self.db.read() as session:
            found, following = handlers.actions(session, request.symbol, request.kind, request.limit,
                                                request.page_token)
        return depository_pb2.ListCorporateActionsResponse(
            actions=[action_message(a, bills) for a, bills in found], next_page_token=following)

    @unary
    def ListEntitlements(self, request: depository_pb2.ListEntitlementsRequest, context: Any
                         ) -> depository_pb2.ListEntitlementsResponse:
        with self.db.read() as session:
            rows, following = handlers.entitlements(session, request.action_id, request.participant_id,
                                                    request.limit, request.page_token)
        return depository_pb2.ListEntitlementsResponse(entitlements=[entitlement_message(e) for e in rows],
                                                       next_page_token=following)

    @unary
    def ListBuyIns(self, request: depository_pb2.ListBuyInsRequest, context: Any) -> depository_pb2.ListBuyInsResponse:
        """The buy-ins of fails to deliver, in order, a page at a time (at most 1,000)."""
        with self.db.read() as session:
            rows, following = handlers.buy_ins(session, request.participant_id, request.symbol, request.limit,
                                               request.page_token)
        return depository_pb2.ListBuyInsResponse(buy_ins=[buy_in_message(r) for r in rows], next_page_token=following)
