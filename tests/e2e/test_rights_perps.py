"""The rights trace with the perp route, end to end: one user holds "AAPL" three ways (AAPLx, shares at the
broker, AAPL-PERP); a dividend goes ex; the trace shows the three side by side, the perp with the price
and funding only, and the drills' invariants (the hot wallet's FUSD with the perp desk, longs = shorts)
hold.

Needs the exchange's Perpetuals service (issue 19, the exchange's branch): skipped without it."""
from __future__ import annotations

import pytest
from fivelayer.control.drills import invariants
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import control_pb2, depository_pb2, exchange_pb2, perpetuals_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, dec, deposit

pytestmark = pytest.mark.e2e

MONDAY_MORNING = "2026-11-23T15:00:00Z"   # 10:00 ET, NYSE open: the perp's oracle is NYSE's price
TRANSFORMED, LOST = statuses_pb2.RIGHT_STATUS_TRANSFORMED, statuses_pb2.RIGHT_STATUS_LOST


def serves_perps(c: Clients) -> bool:
    try:
        c.perpetuals.ListPerpMarkets(perpetuals_pb2.ListPerpMarketsRequest())
    except DomainError as error:
        if error.reason == "UNIMPLEMENTED":
            return False
        raise
    return True


def test_one_user_holds_aapl_three_ways_and_the_perp_keeps_only_the_price(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(MONDAY_MORNING)
    c = run.clients
    if not serves_perps(c):
        pytest.skip("the exchange does not serve Perpetuals yet (issue 19's exchange branch)")
    ada = create_user(c, "ada", "USA")
    deposit(c, ada.user_id, "20000", "d1")
    buy(c, ada.user_id, "AAPLx", "2", "b1")                                               # tokenized
    c.exchange.BuyStock(exchange_pb2.TradeRequest(request_id="s1", user_id=ada.user_id, symbol="AAPL",
                                                  quantity=dec("2")))                      # traditional
    order = c.perpetuals.PlacePerpOrder(perpetuals_pb2.PlacePerpOrderRequest(
        request_id="p1", user_id=ada.user_id, symbol="AAPL-PERP", side=perpetuals_pb2.PERP_SIDE_BUY,
        type=perpetuals_pb2.PERP_ORDER_TYPE_MARKET, size=dec("2"), leverage=5))           # perpetual
    assert order.filled_size.value == "2", order
    c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="a1", symbol="AAPL", amount=dec("0.26"), ex_date="2026-11-24", pay_date="2026-11-27", late=True))
    # to Tuesday's session (ex, and hours of funding), a few hours a call: with a position open the perp
    # market updates every minute in sessions, and each advance stays well inside a call's deadline
    for hour in ("2026-11-23T18:00:00Z", "2026-11-23T21:00:00Z", "2026-11-24T03:00:00Z", "2026-11-24T09:00:00Z",
                 "2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z"):
        advance_to(c, hour)

    trace = c.sandbox.TraceRights(control_pb2.TraceRightsRequest(holder=ada.user_id))
    assert [(p.asset, p.route) for p in trace.positions] == [
        ("AAPLx", "tokenized"), ("AAPL", "traditional"), ("AAPL-PERP", "perpetual")]
    perp = trace.positions[-1]
    assert perp.quantity.value == "2" and perp.held_at.startswith("the exchange's books")
    rights = {r.right: r for r in perp.rights}
    assert {name: r.outcome for name, r in rights.items()} == {
        "price exposure": TRANSFORMED, "dividends": LOST, "voting": LOST, "redemption": TRANSFORMED,
        "SIPC protection": LOST, "recovery in insolvency": TRANSFORMED, "liquidation risk": TRANSFORMED}
    assert {s.layer for r in perp.rights for s in r.steps} == {"exchange"}
    assert "funding every hour" in rights["price exposure"].steps[-1].detail
    assert "no adjustment" in rights["dividends"].steps[0].detail
    assert "liquidated if the mark reaches" in rights["liquidation risk"].reached
    assert "unsecured" in rights["recovery in insolvency"].steps[0].detail

    breaches = {name: found for name, found in invariants.check(c, None).items() if found}
    assert breaches == {}
