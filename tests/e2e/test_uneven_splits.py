"""Uneven and reverse splits leave no unbacked residue: the broker keeps the SPV's shares to 9 places
(cash in lieu for the rest), and the multiplier the SPV sets takes that rounding into account, so
reconcile shows no share unbacked after a 2:3 split and then a 1:4 reverse split. DTC holds whole
shares (issue 17 item 4): 0555's position is cut to whole shares with cash in lieu of its fraction,
and the broker's fractional inventory makes up the difference to its customers' fractions."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import BROKER_PARTICIPANT
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import broker_pb2, common_pb2, depository_pb2

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, deposit, reconciliation

pytestmark = pytest.mark.e2e


def whole_shares_at_dtc(c: Clients, action_id: str) -> tuple[Decimal, Decimal, Decimal]:
    """(0555's AAPL at DTC, DTC's cash in lieu to 0555 for the split, the broker's settled inventory),
    checking that the customers' settled shares plus the inventory are 0555's position at DTC."""
    at_dtc = {p.symbol: from_pb(p.settled) for p in c.depository.GetPositions(
        depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)).positions}["AAPL"]
    [entitlement] = c.depository.ListEntitlements(depository_pb2.ListEntitlementsRequest(
        action_id=action_id, participant_id=BROKER_PARTICIPANT)).entitlements
    inventory = {p.symbol: from_pb(p.settled) for p in c.broker.GetInventory(common_pb2.Empty()).positions}
    customers = sum((from_pb(p.settled) for a in whole(c.broker.ListAccounts, broker_pb2.ListAccountsRequest()).accounts
                     for p in c.broker.GetPositions(broker_pb2.AccountRequest(account_id=a.account_id)).positions
                     if p.symbol == "AAPL"), Decimal(0))
    assert at_dtc == at_dtc.to_integral_value() and from_pb(entitlement.shares) == at_dtc
    assert customers + inventory.get("AAPL", Decimal(0)) == at_dtc
    return at_dtc, from_pb(entitlement.cash), inventory.get("AAPL", Decimal(0))


FRIDAY_EVENING = "2026-11-20T22:00:00Z"


def test_a_2_for_3_then_a_1_for_4_split_leave_nothing_unbacked(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(FRIDAY_EVENING).clients
    ada = create_user(c, "ada")
    deposit(c, ada.user_id, "10000", "d1")
    buy(c, ada.user_id, "AAPLx", "7", "b1")
    advance_to(c, "2026-11-24T23:00:00Z")                                 # hedged Monday, settled Tuesday
    assert reconciliation(c, "AAPLx")["unbacked_shares"] == 0

    c.depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id="s1", symbol="AAPL", new_shares=2, old_shares=3, effective_date="2026-11-25", late=True))
    advance_to(c, "2026-11-25T15:00:00Z")                                 # 10:00 New York, after the open
    line = reconciliation(c, "AAPLx")
    assert line["shares_settled"] == Decimal("4.666666666")              # 7 x 2/3 to 9 places
    assert line["multiplier"] < Decimal(2) / 3 and line["unbacked_shares"] == 0
    at_dtc, cash_in_lieu, inventory = whole_shares_at_dtc(c, "ca-000001")
    assert at_dtc == 4 and line["broker_position_at_depository"] == 4    # floor(7 x 2/3): whole shares
    assert cash_in_lieu > 0                                                 # for 0555's 2/3 of a share
    assert inventory == Decimal("-0.666666666")                             # the SPV keeps 4.666666666

    c.depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id="s2", symbol="AAPL", new_shares=1, old_shares=4, effective_date="2026-12-01", late=True))
    advance_to(c, "2026-12-01T15:00:00Z")
    line = reconciliation(c, "AAPLx")
    assert line["shares_settled"] == Decimal("1.166666666")              # 4.666666666 / 4 to 9 places
    assert line["shares_represented"] <= line["shares_settled"] and line["unbacked_shares"] == 0
    at_dtc, cash_in_lieu, inventory = whole_shares_at_dtc(c, "ca-000002")
    assert at_dtc == 1 and cash_in_lieu == 0                                # 4 / 4: no fraction at DTC
    assert inventory == Decimal("-0.166666666")
