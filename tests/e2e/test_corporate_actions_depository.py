"""A cash dividend through the depository, end to end: announced over gRPC, trades placed at the
broker on both sides of the ex date, entitlements fixed at 17:00 ET on the record date, and the
broker's participant (0555) paid at 09:00 ET on the pay date."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STREET_PARTICIPANT
from fivelayer.v1 import broker_pb2, depository_pb2

from .flows import advance_to, dec

pytestmark = pytest.mark.e2e

TUESDAY_10 = "2026-12-01T15:00:00Z"          # 10:00 ET: announce, and buy the day before the ex date
WEDNESDAY_10 = "2026-12-02T15:00:00Z"        # the ex (= record) date: these trades are not entitled
WEDNESDAY_1730 = "2026-12-02T22:30:00Z"      # after the 16:15 CNS run and the 17:00 entitlement run
FRIDAY_0830 = "2026-12-04T13:30:00Z"         # pay date, before the 09:00 ET payment
FRIDAY_0905 = "2026-12-04T14:05:00Z"


def dtc_cash(c, participant: str) -> Decimal:  # type: ignore[no-untyped-def]
    return from_pb(c.depository.GetPositions(depository_pb2.PositionsRequest(participant_id=participant)).cash)


def test_dividend_entitles_trades_before_the_ex_date_and_pays_the_participant(sandbox_factory) -> None:
    c = sandbox_factory(TUESDAY_10).clients
    action = c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="div-1", symbol="AAPL", amount=dec("0.123456"), ex_date="2026-12-02", pay_date="2026-12-04"))
    assert (action.action_id, action.status, action.record_date) == ("ca-000001", "announced", "2026-12-02")
    listed = c.depository.ListCorporateActions(depository_pb2.ListCorporateActionsRequest(symbol="AAPL")).actions
    assert [a.action_id for a in listed] == ["ca-000001"]

    account = c.broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="acct", name="Ada", kind="individual"))
    c.broker.FundAccount(broker_pb2.FundAccountRequest(request_id="fund", account_id=account.account_id,
                                                       amount=dec("100000")))

    def order(rid: str, side: int, quantity: str) -> broker_pb2.Order:
        placed = c.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=rid, account_id=account.account_id, api_key=account.api_key, symbol="AAPL", side=side,
            quantity=dec(quantity)))
        assert placed.status == "filled", placed
        return placed

    assert order("buy-tue", broker_pb2.BUY, "10").settlement_date == "2026-12-02"   # settles on the record date
    advance_to(c, WEDNESDAY_10)
    assert order("buy-wed", broker_pb2.BUY, "7").settlement_date == "2026-12-03"    # after it: not entitled
    order("sell-wed", broker_pb2.SELL, "4")                                          # the seller keeps it

    advance_to(c, WEDNESDAY_1730)
    entitled = {e.participant_id: e for e in c.depository.ListEntitlements(
        depository_pb2.ListEntitlementsRequest(action_id=action.action_id)).entitlements}
    broker = entitled[BROKER_PARTICIPANT]
    assert (from_pb(broker.settled), from_pb(broker.pending), from_pb(broker.shares), from_pb(broker.cash)) == \
        (Decimal(10), Decimal(0), Decimal(10), Decimal("1.23"))   # 10 x 0.123456, rounded down
    assert not broker.paid
    assert from_pb(entitled[STREET_PARTICIPANT].shares) == Decimal(99_999_990)

    advance_to(c, FRIDAY_0830)
    before = dtc_cash(c, BROKER_PARTICIPANT)
    advance_to(c, FRIDAY_0905)
    assert dtc_cash(c, BROKER_PARTICIPANT) == before + Decimal("1.23")
    paid = c.depository.ListEntitlements(depository_pb2.ListEntitlementsRequest(
        action_id=action.action_id, participant_id=BROKER_PARTICIPANT)).entitlements
    assert [(e.paid, from_pb(e.cash)) for e in paid] == [(True, Decimal("1.23"))]
    assert [a.status for a in c.depository.ListCorporateActions(
        depository_pb2.ListCorporateActionsRequest()).actions] == ["paid"]
