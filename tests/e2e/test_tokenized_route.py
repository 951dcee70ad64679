"""The tokenized route end to end: six real processes, one sandbox clock.

A mint on a Friday evening is instant on chain; the issuer's hedge waits for Monday's open,
fills, and settles T+1 at the depository on Tuesday. A redemption on Tuesday evening sells on
Wednesday, settles on Friday (Thursday is Thanksgiving) and pays out in stablecoin.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2, depository_pb2, exchange_pb2, issuer_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, balances, buy, create_user, deposit, product_account, reconciliation, sell

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"      # 17:00 ET, after the close
MONDAY_AFTER_OPEN = "2026-11-23T14:31:00Z"   # 09:31 ET
TUESDAY_EVENING = "2026-11-24T22:00:00Z"     # 17:00 ET, after the 16:15 ET settlement run
FRIDAY_AFTER_PAYOUT = "2026-11-27T23:00:00Z"  # 18:00 ET, after the 17:00 payouts and 17:30 sync


def test_mint_friday_fill_monday_settle_tuesday_then_redeem(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    alice = create_user(c, "alice")
    deposit(c, alice.user_id, "10000", "dep-1")
    assert balances(c, alice.user_id)[STABLECOIN][0] == Decimal("10000")

    # Friday evening: the token is minted at once, the hedge waits for the open.
    order = buy(c, alice.user_id, "AAPLx", "10", "buy-1")
    assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
    cost = from_pb(order.amount)
    assert cost > 0
    assert balances(c, alice.user_id)["AAPLx"][0] == Decimal("10")
    assert balances(c, alice.user_id)[STABLECOIN][0] == Decimal("10000") - cost
    mint = c.issuer.GetMint(issuer_pb2.IdRequest(id=order.issuer_ref))
    assert from_pb(mint.quantity) == Decimal("10")
    token = c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx"))
    assert from_pb(token.total_supply) == Decimal("10")
    friday = reconciliation(c, "AAPLx")
    assert friday["tokens_outstanding"] == 10 and friday["shares_ordered"] == 10
    assert friday["shares_filled"] == 0 and friday["shares_settled"] == 0
    assert friday["unbacked_shares"] == 10

    # A retried buy with the same request id is the same order, not a second mint.
    again = buy(c, alice.user_id, "AAPLx", "10", "buy-1")
    assert again.order_id == order.order_id
    assert from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).total_supply) == Decimal("10")

    # Monday 09:30 ET: the broker fills the waiting order; the depository captures the trade for T+1.
    advance_to(c, MONDAY_AFTER_OPEN)
    account = product_account(c, "AAPLx")                          # AAPLx's own account at the broker
    hedge = c.broker.GetOrder(broker_pb2.OrderRequest(account_id=account, order_id=mint.hedge_order_id))
    assert hedge.status == statuses_pb2.ORDER_STATUS_FILLED
    assert hedge.trade_date == "2026-11-23" and hedge.settlement_date == "2026-11-24"
    assert not hedge.settled
    trades = c.depository.ListTrades(depository_pb2.ListTradesRequest(participant_id=BROKER_PARTICIPANT)).trades
    assert [(t.symbol, from_pb(t.quantity), t.settlement_date, t.status) for t in trades] == \
        [("AAPL", Decimal("10"), "2026-11-24", statuses_pb2.TRADE_STATUS_CAPTURED)]
    monday = reconciliation(c, "AAPLx")
    assert monday["shares_filled"] == 10 and monday["shares_settled"] == 0 and monday["unbacked_shares"] == 10

    # Tuesday 16:15 ET: CNS settles; 16:30 ET the broker marks the position settled.
    advance_to(c, TUESDAY_EVENING)
    settlement = c.depository.GetSettlement(depository_pb2.SettlementRequest(settlement_date="2026-11-24",
                                                                             participant_id=BROKER_PARTICIPANT))
    assert settlement.status == statuses_pb2.OBLIGATION_STATUS_SETTLED
    positions = {p.symbol: p for p in c.broker.GetPositions(broker_pb2.AccountRequest(account_id=account)).positions}
    assert from_pb(positions["AAPL"].settled) == Decimal("10") and from_pb(positions["AAPL"].unsettled) == 0
    at_dtc = {p.symbol: from_pb(p.settled) for p in c.depository.GetPositions(
        depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT)).positions}
    assert at_dtc["AAPL"] == Decimal("10")
    register = c.depository.GetRegister(depository_pb2.RegisterRequest(symbol="AAPL"))
    assert register.registered_holder == "Cede & Co"
    tuesday = reconciliation(c, "AAPLx")
    assert tuesday["shares_settled"] == 10 and tuesday["unbacked_shares"] == 0
    assert tuesday["broker_position_at_depository"] == 10

    # Tuesday evening: redeem 4 tokens. They burn at once; the sale waits for Wednesday's open.
    redemption_order = sell(c, alice.user_id, "AAPLx", "4", "sell-1")
    assert redemption_order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_PENDING_REDEMPTION
    assert balances(c, alice.user_id)["AAPLx"][0] == Decimal("6")
    assert balances(c, alice.user_id)[STABLECOIN][1] > 0  # proceeds pending
    assert from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).total_supply) == Decimal("6")

    # Wednesday fill, T+1 skips Thanksgiving: settles Friday 27th, paid out that evening.
    advance_to(c, FRIDAY_AFTER_PAYOUT)
    redemption = c.issuer.GetRedemption(issuer_pb2.IdRequest(id=redemption_order.issuer_ref))
    assert redemption.status == statuses_pb2.REDEMPTION_STATUS_PAID
    sale = c.broker.GetOrder(broker_pb2.OrderRequest(account_id=account, order_id=redemption.hedge_order_id))
    assert sale.trade_date == "2026-11-25" and sale.settlement_date == "2026-11-27" and sale.settled
    payout = from_pb(redemption.payout)
    assert payout > 0
    final = balances(c, alice.user_id)
    assert final[STABLECOIN] == (Decimal("10000") - cost + payout, Decimal(0))
    done = c.exchange.GetOrder(exchange_pb2.OrderIdRequest(order_id=redemption_order.order_id))
    assert done.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
    end = reconciliation(c, "AAPLx")
    assert end["tokens_outstanding"] == 6 and end["shares_settled"] == 6 and end["unbacked_shares"] == 0
