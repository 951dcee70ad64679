"""The broker's outside world over gRPC: control's prices and the depository (trades, settlement,
corporate actions)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from fivelayer.broker import ports
from fivelayer.broker.corporate_actions import Action, ActionStatus, Credit
from fivelayer.broker.models import OrderRow
from fivelayer.broker.voting import Proposal
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT
from fivelayer.kernel.statuses import by_name, inverse
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import control_pb2, depository_pb2, statuses_pb2

# The depository's corporate-action status in the broker's own terms, and back (what `Announcement` shows):
# the one place the two meet.
ACTION_STATUS_PB = by_name(ActionStatus, statuses_pb2.CorporateActionStatus)
ACTION_STATUS_OF_PB = inverse(ACTION_STATUS_PB)


class RemoteVenue:
    def __init__(self, clients: ports.Clients) -> None:
        self.clients = clients

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        reply = self.clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=symbol, at=to_ts(at)))
        return from_pb(reply.price), reply.market_open

    def report_fills(self, orders: Sequence[OrderRow]) -> None:
        """Submit the fills' street trades (whole shares: `OrderRow.street_quantity`) to the depository
        in one batch, each keyed `fill:<order_id>`."""
        trades = []
        for order in orders:
            buyer, seller = (BROKER_PARTICIPANT, STREET_PARTICIPANT) if order.side == "buy" else \
                (STREET_PARTICIPANT, BROKER_PARTICIPANT)
            assert order.filled_at is not None
            trades.append(depository_pb2.SubmitTradeRequest(
                request_id=f"fill:{order.order_id}", trade_ref=order.order_id, buyer=buyer, seller=seller,
                symbol=order.symbol, quantity=to_pb(order.street_quantity), price=to_pb(order.filled_avg_price),
                executed_at=to_ts(order.filled_at)))
        self.clients.depository.SubmitTrades(depository_pb2.SubmitTradesRequest(trades=trades))

    def settled_refs(self, settlement_date: str) -> set[str]:
        trades = all_pages(self.clients.depository.ListTrades, depository_pb2.ListTradesRequest(
            participant_id=BROKER_PARTICIPANT, settlement_date=settlement_date), lambda page: page.trades)
        return {t.trade_ref for t in trades if t.status == statuses_pb2.TRADE_STATUS_SETTLED}

    def corporate_actions(self, kind: str) -> list[Action]:
        reply = whole(self.clients.depository.ListCorporateActions,
                      depository_pb2.ListCorporateActionsRequest(kind=kind))
        return [Action(action_id=a.action_id, kind=a.kind, symbol=a.symbol, amount=from_pb(a.amount),
                       ex_date=a.ex_date, new_shares=a.new_shares or 1, old_shares=a.old_shares or 1,
                       record_date=a.record_date, pay_date=a.pay_date, effective_date=a.effective_date,
                       meeting_date=a.meeting_date,
                       proposals=tuple(a.proposals), status=ACTION_STATUS_OF_PB[a.status],
                       agenda=tuple(Proposal(p.proposal_id, p.text, p.routine, p.board_recommendation or "for")
                                    for p in a.agenda)) for a in reply.actions]

    def entitlements(self, action_id: str) -> list[Credit]:
        """Participant 0555's entitlements to one action (with its due bills of a large distribution)."""
        reply = whole(self.clients.depository.ListEntitlements, depository_pb2.ListEntitlementsRequest(
            action_id=action_id, participant_id=BROKER_PARTICIPANT))
        return [Credit(action_id=e.action_id, shares=from_pb(e.shares) + from_pb(e.due_bill_shares),
                       cash=from_pb(e.cash) + from_pb(e.due_bill_cash), paid=e.paid, held=from_pb(e.settled))
                for e in reply.entitlements]
