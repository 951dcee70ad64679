"""Broker credit and the broker's failure, end to end.

An integrator's customer with 1,000 USD and a 5,000 USD credit line at 8% buys 4,000 USD of AAPL on
Monday (3,000 on credit; the cash is due by 13:00 ET on Tuesday, the settlement date); a further buy
beyond the line is refused CREDIT_LIMIT. Nobody wires the cash: from Tuesday 13:00 ET the draw is
overdue and costs interest each day (actual/360). Then the broker fails (a SIPC liquidation with 20%
of customer property missing): every change is refused BROKER_FAILED on the gRPC face and on the
Broker API face `alpaca-py` talks to, reads still answer, and the trustee's figures show what the
customer gets back, from where, and when.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from decimal import Decimal

import pytest
from alpaca.broker.models import Account
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.requests import MarketOrderRequest
from fivelayer.broker import credit, liquidation
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import USD_PLACES, from_pb, round_down
from fivelayer.kernel.reasons import Cutoff
from fivelayer.kernel.rpc import ServiceClient
from fivelayer.v1 import broker_pb2, broker_pb2_grpc, common_pb2

from .alpaca_flows import broker_client, model, open_active_accounts, submit_order
from .conftest import Running, SandboxFactory
from .flows import advance_to

pytestmark = pytest.mark.e2e

MONDAY_BEFORE_OPEN = "2026-11-23T14:00:00Z"   # 09:00 ET
MONDAY_10 = "2026-11-23T15:00:00Z"            # 10:00 ET, in session
TUESDAY_DEADLINE = "2026-11-24T18:00:00Z"     # 13:00 ET on the settlement date
WEDNESDAY_AFTERNOON = "2026-11-25T19:00:00Z"  # 14:00 ET: two days of late interest
D = Decimal


def broker(run: Running) -> ServiceClient:
    """The broker's gRPC face, with the rpcs of the money leg (not yet on the kernel's typed port)."""
    return ServiceClient(broker_pb2_grpc.BrokerStub(run.clients.channel("broker")))


def refused_grpc(call: Callable[[], object], reason: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.reason == reason, caught.value
    return caught.value


def test_credit_beyond_cash_late_interest_then_the_broker_fails(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(MONDAY_BEFORE_OPEN)
    client = broker_client(run)
    [ada] = open_active_accounts(run, client, "ada@example.com")
    account_id = ada.account_number.replace("FL", "acct-")
    grpc = broker(run)
    grpc.FundAccount(broker_pb2.FundAccountRequest(request_id="wire-ada", account_id=account_id,
                                                   amount=common_pb2.Decimal(value="1000")))
    line = grpc.SetCreditLine(broker_pb2.SetCreditLineRequest(
        request_id="line-ada", account_id=account_id, limit=common_pb2.Decimal(value="5000"),
        annual_rate=common_pb2.Decimal(value="0.08")))
    assert (from_pb(line.limit), from_pb(line.available), from_pb(line.used)) == (D(5000), D(5000), D(0))

    # Monday in session: 4,000 USD of AAPL, 3,000 of it on credit; beyond the line: CREDIT_LIMIT
    advance_to(run.clients, MONDAY_10)
    bought = submit_order(client, ada.id, MarketOrderRequest(
        symbol="AAPL", notional=4000, side=OrderSide.BUY, time_in_force=TimeInForce.DAY, client_order_id="buy-1"))
    assert bought.status == "filled"
    assert bought.filled_qty is not None and bought.filled_avg_price is not None
    cost = (D(bought.filled_qty) * D(bought.filled_avg_price)).quantize(D("0.01"), rounding="ROUND_UP")
    line = grpc.GetCreditLine(broker_pb2.AccountRequest(account_id=account_id))
    drawn = cost - D(1000)
    assert (from_pb(line.used), from_pb(line.available), from_pb(line.due)) == (drawn, D(5000) - drawn, drawn)
    assert line.due_at.ToDatetime(tzinfo=UTC).isoformat() == "2026-11-24T18:00:00+00:00"
    with pytest.raises(APIError) as beyond:
        submit_order(client, ada.id, MarketOrderRequest(
            symbol="AAPL", notional=2500, side=OrderSide.BUY, time_in_force=TimeInForce.DAY,
            client_order_id="buy-2"))
    assert beyond.value.status_code == 422 and "CREDIT_LIMIT" in str(beyond.value), str(beyond.value)

    # no cash by Tuesday 13:00 ET: overdue, and interest each calendar day on the overdue principal
    advance_to(run.clients, WEDNESDAY_AFTERNOON)
    line = grpc.GetCreditLine(broker_pb2.AccountRequest(account_id=account_id))
    daily = credit.daily_interest(drawn, D("0.08"))
    assert daily > 0
    assert from_pb(line.interest_charged) == 2 * daily                 # Tuesday and Wednesday
    assert from_pb(line.used) == from_pb(line.overdue) == drawn + 2 * daily
    cash = grpc.GetCash(broker_pb2.AccountRequest(account_id=account_id))
    assert from_pb(cash.settled) + from_pb(cash.unsettled) == -(drawn + 2 * daily)   # the cash view owes it

    # the broker fails: customer property 20% short
    failed = grpc.FailBroker(broker_pb2.FailBrokerRequest(request_id="fail-1", reason="a hole in the reserve",
                                                          shortfall=common_pb2.Decimal(value="0.2")))
    assert failed.failed and from_pb(failed.shortfall) == D("0.2")
    assert grpc.FailBroker(broker_pb2.FailBrokerRequest(request_id="fail-1", reason="a hole in the reserve",
                                                        shortfall=common_pb2.Decimal(value="0.2"))) == failed
    refused_grpc(lambda: grpc.FailBroker(broker_pb2.FailBrokerRequest(
        request_id="fail-2", reason="again", shortfall=common_pb2.Decimal(value="0.5"))), Cutoff.BROKER_FAILED)
    message = refused_grpc(lambda: grpc.FundAccount(broker_pb2.FundAccountRequest(
        request_id="wire-late", account_id=account_id, amount=common_pb2.Decimal(value="10000"))),
        Cutoff.BROKER_FAILED).message
    assert "SIPC liquidation since 2026-11-25T19:00:00+00:00" in message
    refused_grpc(lambda: grpc.SetCreditLine(broker_pb2.SetCreditLineRequest(
        request_id="line-2", account_id=account_id, limit=common_pb2.Decimal(value="1"))),
        Cutoff.BROKER_FAILED)
    with pytest.raises(APIError) as closed:
        submit_order(client, ada.id, MarketOrderRequest(
            symbol="AAPL", qty=1, side=OrderSide.SELL, time_in_force=TimeInForce.DAY, client_order_id="sell-1"))
    assert closed.value.status_code == 422 and "BROKER_FAILED" in str(closed.value), str(closed.value)
    assert model(client.get_account_by_id(ada.id), Account).id == ada.id  # reads still answer
    assert grpc.GetCash(broker_pb2.AccountRequest(account_id=account_id)).account_id == account_id

    # the trustee's figures for this customer
    rows, token = [], ""
    while True:
        page = grpc.GetLiquidation(broker_pb2.LiquidationRequest(limit=2, page_token=token))
        rows += list(page.customers)
        token = page.next_page_token
        if not token:
            break
    assert [r.account_id for r in rows] == sorted(r.account_id for r in rows)
    assert len(rows) == len({r.account_id for r in rows})
    mine = next(r for r in rows if r.account_id == account_id)
    rate = from_pb(page.pro_rata_rate)
    assert D("0.799999") <= rate <= D("0.8")
    securities, owed = from_pb(mine.securities), -(drawn + 2 * daily)
    assert from_pb(mine.cash) == owed and from_pb(mine.net_equity) == securities + owed
    claim = securities + owed                                          # the debit comes off the securities
    assert from_pb(mine.from_property) == round_down(claim * rate, USD_PLACES)
    assert from_pb(mine.sipc_cash) == 0                                 # no cash claim: the account owes cash
    assert from_pb(mine.recovered) == claim and from_pb(mine.loss) == 0  # SIPC covers the rest
    failed_at = page.failed_at.ToDatetime(tzinfo=UTC)
    assert mine.property_at.ToDatetime(tzinfo=UTC) == failed_at + liquidation.PROPERTY_AFTER
    assert mine.sipc_at.ToDatetime(tzinfo=UTC) == failed_at + liquidation.SIPC_AFTER
    assert from_pb(page.customer_property) == round_down(from_pb(page.total_net_equity) * D("0.8"), USD_PLACES)

    # the broker's jobs stop with it: no more interest
    advance_to(run.clients, "2026-11-27T19:00:00Z")
    after = grpc.GetCreditLine(broker_pb2.AccountRequest(account_id=account_id))
    assert from_pb(after.interest_charged) == 2 * daily
