"""A reinvesting product takes a cash dividend into its multiplier at the ex-date's open: tokens minted
after the record close are hedged at the new multiplier and a redemption in between sells at it; the
tokens of record are covered by a dividend receivable in reconcile until the pay date's purchase of
their shares settles, and then nothing is unbacked."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.kernel.money import from_pb, round_down, round_up
from fivelayer.kernel.paging import whole
from fivelayer.v1 import broker_pb2, control_pb2, depository_pb2, issuer_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, dec, deposit, reconciliation, sell, spv_orders

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
DIVIDEND = Decimal("0.26")


def test_the_multiplier_rises_at_the_ex_date_open_and_nothing_is_left_unbacked(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(FRIDAY_EVENING).clients
    ada = create_user(c, "ada")
    deposit(c, ada.user_id, "20000", "d1")
    buy(c, ada.user_id, "AAPLx", "10", "b1")
    c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="a1", symbol="AAPL", amount=dec(str(DIVIDEND)), ex_date="2026-12-07", pay_date="2026-12-09"))
    advance_to(c, "2026-12-04T20:00:00Z")                                 # Friday 15:00 New York
    buy(c, ada.user_id, "AAPLx", "2", "b2")                               # a holder of record too
    advance_to(c, "2026-12-04T23:00:00Z")                                 # after the close: the change is set
    [ex] = whole(c.issuer.ListExDividends, issuer_pb2.ListExDividendsRequest()).ex_dividends
    after = from_pb(ex.multiplier_after)
    assert (ex.token, ex.status, from_pb(ex.supply), from_pb(ex.multiplier_before)) == (
        "AAPLx", statuses_pb2.EX_DIVIDEND_STATUS_SCHEDULED, Decimal(12), Decimal(1))
    assert ex.effective_at.ToJsonString() == "2026-12-07T14:30:00Z"
    close = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL")).price)
    assert from_pb(ex.reference) == close - DIVIDEND
    # the token's value at the reference price falls by the tax withheld from the dividend (30%), no more
    assert abs(after * (close - DIVIDEND) - (close - DIVIDEND * Decimal("0.3"))) < Decimal("1e-9") * close
    assert from_pb(ex.shares_owed) == round_up(12 * (after - 1), 9)

    buy(c, ada.user_id, "AAPLx", "3", "b3")                               # after the record close: ...
    sell(c, ada.user_id, "AAPLx", "1", "s1")                              # ... and a redemption
    orders = {o.client_order_id: o for o in spv_orders(c)}
    hedge = next(o for k, o in orders.items() if k.endswith("b3:mint:hedge"))
    assert from_pb(hedge.quantity) == round_up(3 * after, 9)               # hedged at the new multiplier
    sale = next(o for o in orders.values() if o.side == broker_pb2.SELL)
    assert from_pb(sale.quantity) == round_down(after, 9)                 # sold at it

    advance_to(c, "2026-12-08T23:00:00Z")                                 # Tuesday: the new hedge settled
    line = reconciliation(c, "AAPLx")
    assert line["multiplier"] == after and line["tokens_outstanding"] == 14
    # nothing unbacked: a share's 9th place over, at most, from the SPV rounding its hedges up and its sale down
    assert line["dividend_receivable_shares"] == from_pb(ex.shares_owed)
    assert Decimal("-0.000000003") <= line["unbacked_shares"] <= 0

    advance_to(c, "2026-12-10T23:00:00Z")                                 # paid Wednesday, bought, settled
    line = reconciliation(c, "AAPLx")
    assert line["dividend_receivable_shares"] == 0 and Decimal("-0.000000003") <= line["unbacked_shares"] <= 0
    assert line["shares_settled"] >= line["shares_represented"]
    [row] = [d for d in whole(c.issuer.ListDistributions, issuer_pb2.ListDistributionsRequest()).distributions
             if d.kind == "dividend"]
    assert from_pb(row.shares_bought) == from_pb(ex.shares_owed) and from_pb(row.multiplier_after) == after
    assert row.price.value and from_pb(row.retained) == from_pb(row.net) - from_pb(row.shares_bought) * from_pb(
        row.price)                                                         # the SPV's gain or loss, at the fill
