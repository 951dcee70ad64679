"""Uneven and reverse splits leave no unbacked residue: the broker keeps the SPV's shares to 9 places
(cash in lieu for the rest), and the multiplier the SPV sets takes that rounding into account, so
reconcile shows no share unbacked after a 2:3 split and then a 1:4 reverse split."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fivelayer.v1 import depository_pb2

from .flows import advance_to, buy, create_user, deposit, reconciliation

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"


def test_a_2_for_3_then_a_1_for_4_split_leave_nothing_unbacked(sandbox_factory) -> None:
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

    c.depository.AnnounceSplit(depository_pb2.AnnounceSplitRequest(
        request_id="s2", symbol="AAPL", new_shares=1, old_shares=4, effective_date="2026-12-01", late=True))
    advance_to(c, "2026-12-01T15:00:00Z")
    line = reconciliation(c, "AAPLx")
    assert line["shares_settled"] == Decimal("1.166666666")              # 4.666666666 / 4 to 9 places
    assert line["shares_represented"] <= line["shares_settled"] and line["unbacked_shares"] == 0
