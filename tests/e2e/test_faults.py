"""Faults on demand in a live sandbox, under a client's own traffic.

A client that retries with its own request ids gets through every network fault with nothing
lost and nothing doubled, a lost reply included (the work was done, the answer dropped); a
rate-limited client sees 429 with the headers a real broker API sends; each domain fault's
reason reaches the exchange's REST client unchanged; a fault bounded by time ends by itself.
"""
from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    statuses_pb2,
)

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, deposit, spv_orders, token_contract

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"


def inject(c: Clients, kind: str, rid: str, network: common_pb2.NetworkFault | None = None,
           **fields: Any) -> control_pb2.Fault:
    request = control_pb2.InjectFaultRequest(request_id=rid, kind=kind, **fields)
    if network is not None:
        request.network.CopyFrom(network)
    return c.faults.InjectFault(request)


def clear_all(c: Clients, rid: str) -> None:
    c.faults.ClearFault(control_pb2.ClearFaultRequest(request_id=rid, all=True))


def rest_post(base: str, path: str, body: dict[str, object]) -> httpx.Response:
    return httpx.post(f"{base}/v1/{path}", json=body, timeout=30)


@pytest.mark.parametrize("kind, params", [
    ("latency", {"latency_ms": 30, "jitter_ms": 20}),
    ("error", {"grpc_code": "UNAVAILABLE", "rate": common_pb2.Decimal(value="0.5")}),
    ("timeout", {"max_requests": 2}),
    ("lost-reply", {"rate": common_pb2.Decimal(value="0.5")}),
    ("outage", {"max_requests": 3}),
    ("rate-limit", {"limit": 4, "window_seconds": 1}),
])
def test_a_retrying_client_loses_and_doubles_nothing_through_each_network_fault(
        sandbox_factory: SandboxFactory, kind: str, params: dict[str, Any]) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    user = create_user(c, "ada")
    deposit(c, user.user_id, "100000", "dep-1")
    # On the exchange's own face (what the client sees) and on the issuer -> chain hop inside.
    inject(c, kind, f"face-{kind}", service="exchange", network=common_pb2.NetworkFault(face="grpc", seed=7, **params))
    inject(c, kind, f"hop-{kind}", service="chain",
           network=common_pb2.NetworkFault(from_service="issuer", seed=11, **params))
    client = Clients(run.settings, retry_for=0)  # the test retries by hand, as an integrator's code would
    try:
        client_deadline = 2.0
        rids = [f"{kind}-{n}" for n in range(6)]
        for rid in rids:
            for _ in range(60):
                try:
                    client.exchange.Buy(exchange_pb2.TradeRequest(
                        request_id=rid, user_id=user.user_id, token="AAPLx",
                        quantity=common_pb2.Decimal(value="1")), timeout=client_deadline)
                    break
                except DomainError as error:
                    assert is_transient(error), error
                    time.sleep(0.05)
            else:
                raise AssertionError(f"{rid} never got through")
    finally:
        client.close()
    faults = c.faults.ListFaults(control_pb2.ListFaultsRequest()).faults
    assert sum(f.hits for f in faults) > 0, "the faults hit no request"
    clear_all(c, f"clear-{kind}")
    orders = whole(c.exchange.ListOrders, exchange_pb2.ListUserOrdersRequest(user_id=user.user_id)).orders
    assert sorted(o.request_id for o in orders) == sorted(rids)          # one order per request id
    mints = whole(c.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints
    assert len(mints) == len(rids)
    assert from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).total_supply) == len(rids)
    hedges = Counter(o.client_order_id for o in spv_orders(c))
    assert len(hedges) == len(rids) and set(hedges.values()) == {1}


def test_rate_limited_clients_see_429_with_the_headers(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    inject(c, "rate-limit", "rl", service="broker",
           network=common_pb2.NetworkFault(face="rest", limit=2, window_seconds=60))
    base = run.settings.rest_address("broker")
    replies = [rest_post(base, "Broker/ListAccounts", {}) for _ in range(3)]
    assert [r.status_code for r in replies] == [200, 200, 429]
    limited = replies[2]
    assert limited.headers["content-type"].startswith("application/problem+json")
    assert limited.headers["x-ratelimit-limit"] == "2" and limited.headers["x-ratelimit-remaining"] == "0"
    assert int(limited.headers["retry-after"]) > 0 and int(limited.headers["x-ratelimit-reset"]) > 0
    assert limited.json()["reason"] == "RATE_LIMITED"
    assert replies[0].headers["x-ratelimit-remaining"] == "1"
    assert rest_post(base, "Broker/ListAccounts", {}).status_code == 429   # still within the window
    assert c.broker.ListAccounts(broker_pb2.ListAccountsRequest()).accounts        # the gRPC face is untouched


def test_each_domain_fault_reaches_the_exchange_rest_client_with_its_reason(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    user = create_user(c, "ada")
    deposit(c, user.user_id, "100000", "dep-1")
    buy(c, user.user_id, "AAPLx", "2", "buy-0")
    base = run.settings.rest_address("exchange")

    def trade(side: str, rid: str) -> httpx.Response:
        return rest_post(base, f"Exchange/{side}", {"request_id": rid, "user_id": user.user_id, "token": "AAPLx",
                                                     "quantity": "1"})

    inject(c, "halt-mint", "f1", token="AAPLx")
    assert trade("Buy", "b1").json()["reason"] == "MINT_HALTED"
    aapl = token_contract(c, "AAPLx")                                  # the contract's own pause, seen with web3.py
    assert aapl.functions.mintPaused().call() is True
    assert [e.args.paused for e in aapl.events.MintPausedSet.get_logs(from_block=0)] == [True]
    inject(c, "halt-redeem", "f2", token="AAPLx")
    assert trade("Sell", "s1").json()["reason"] == "REDEMPTION_HALTED"
    clear_all(c, "c1")
    assert trade("Buy", "b2").status_code == 200                       # cleared: minting again
    assert [e.args.paused for e in aapl.events.MintPausedSet.get_logs(from_block=0)] == [True, False]

    inject(c, "pause-transfers", "f3", token="AAPLx")
    withdrawal = rest_post(base, "Exchange/Withdraw", {"request_id": "w1", "user_id": user.user_id, "asset": "AAPLx",
                                                       "amount": "1", "to_address": "0x" + "ab" * 20})
    assert withdrawal.json()["reason"] == "TRANSFERS_PAUSED"
    clear_all(c, "c2")

    for kind, reason, n in (("route-cut", "ROUTE_CUT", 3), ("freeze-account", "ACCOUNT_FROZEN", 5)):
        inject(c, kind, f"f-{kind}")                                    # the SPV's own account, by default
        assert trade("Buy", f"b{n}").status_code == 200                 # minted; its hedge refused
        halted = trade("Buy", f"b{n + 1}").json()                      # and the SPV halted itself, saying why
        assert halted["reason"] == "MINT_HALTED" and reason in halted["detail"]
        clear_all(c, f"c-{kind}")
        c.issuer.SetHalt(issuer_pb2.SetHaltRequest(request_id=f"resume-{kind}"))  # its operator resumes

    insolvency = inject(c, "insolvency", "f5")
    assert trade("Buy", "b7").json()["reason"] == "ISSUER_INSOLVENT"
    with pytest.raises(DomainError) as caught:
        c.faults.ClearFault(control_pb2.ClearFaultRequest(request_id="c4", fault_id=insolvency.fault_id))
    assert caught.value.reason == "FAULT_NOT_CLEARABLE"
    balances = {b.asset: from_pb(b.available) for b in c.exchange.GetBalances(
        exchange_pb2.UserRequest(user_id=user.user_id)).balances}
    assert balances["AAPLx"] == Decimal(5)                              # b2, b3, b5 minted; nothing else moved


def test_a_fault_bounded_by_time_ends_by_itself_and_faults_survive_a_restart(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    fault = inject(c, "halt-mint", "f1", token="AAPLx", for_duration="2h")
    net = inject(c, "outage", "f2", service="depository", network=common_pb2.NetworkFault(method="GetRegister"))
    run.sandbox.kill("control")                                        # faults are state
    run.sandbox.restart("control")
    status = c.sandbox.Status(common_pb2.Empty())
    assert {f.fault_id for f in status.faults} == {fault.fault_id, net.fault_id}
    run.sandbox.kill("depository")                                     # a restarted service gets its faults back
    run.sandbox.restart("depository")
    time.sleep(1.0)
    with pytest.raises(DomainError) as caught:
        Clients(run.settings, retry_for=0).depository.GetRegister(depository_pb2.RegisterRequest(symbol="AAPL"))
    assert caught.value.reason == "UNAVAILABLE"
    with pytest.raises(DomainError) as beyond:                          # the clock stays in its calendar
        advance_to(c, "2031-01-01T00:00:00Z")
    assert beyond.value.reason == "INVALID_ARGUMENT" and "2030-12-31" in beyond.value.message
    advance_to(c, "2026-11-21T01:00:00Z")                              # past the 2 hours
    faults = {f.fault_id: f for f in c.faults.ListFaults(control_pb2.ListFaultsRequest(include_ended=True)).faults}
    assert faults[fault.fault_id].state == statuses_pb2.FAULT_STATE_EXPIRED
    assert faults[fault.fault_id].ended_at.ToJsonString() == "2026-11-21T00:00:00Z"
    product = [p for p in c.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products if p.token == "AAPLx"][0]
    assert not product.mint_halted
    events = [e.event.type for e in c.sandbox.ListEvents(control_pb2.ListEventsRequest(service="control")).events]
    assert events.count("fault.injected") == 2 and "fault.expired" in events


def test_a_drills_faults_alone_under_the_users_own_traffic(sandbox_factory: SandboxFactory) -> None:
    """`drill run api-cutoff --faults-only`: the drill's route cut is scheduled at the drill's
    instant in a live sandbox; the user's own buys meet it; the report shows the layers after."""
    run = sandbox_factory("2026-11-16T13:00:00Z")
    c = run.clients
    scheduled = c.drills.RunDrill(control_pb2.RunDrillRequest(name="api-cutoff", faults_only=True))
    assert "route-cut" in scheduled.report_markdown and "2026-11-18T14:15:00Z" in scheduled.report_markdown
    user = create_user(c, "zoe")
    deposit(c, user.user_id, "5000", "dep-1")
    buy(c, user.user_id, "AAPLx", "2", "buy-1")
    advance_to(c, "2026-11-18T14:20:00Z")                               # the cut starts at 14:15
    minted = buy(c, user.user_id, "AAPLx", "1", "buy-2")
    assert minted.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED  # minted; its hedge refused
    with pytest.raises(DomainError) as caught:
        buy(c, user.user_id, "AAPLx", "1", "buy-3")
    assert caught.value.reason == "MINT_HALTED" and "ROUTE_CUT" in caught.value.message
    advance_to(c, "2026-11-19T23:00:00Z")
    report = c.drills.ReportDrill(control_pb2.DrillReportRequest(name="api-cutoff"))
    assert report.ok and "| flt-000001 | route-cut | active |" in report.report_markdown
    assert "| AAPLx | 3 | 2 | 0 | 1 |" in report.report_markdown       # 3 on chain, 2 backed, 1 unbacked
    with pytest.raises(DomainError) as late:                            # too late to schedule it again
        c.drills.RunDrill(control_pb2.RunDrillRequest(name="api-cutoff", faults_only=True))
    assert late.value.reason == "SANDBOX_NOT_FRESH"
