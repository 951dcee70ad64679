"""Concurrent clients, crashes and an absent broker: nothing acknowledged is lost or doubled.

Every sub-request is keyed from its parent's request id, so a client that retries with its own
ids after any failure gets exactly one of everything: one exchange order, one mint, one token
minted per unit, one hedge at the broker.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from decimal import Decimal

import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.paging import whole
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import chain_pb2, exchange_pb2, issuer_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, deposit, reconciliation, spv_orders

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"   # hedges wait for Monday's open
TUESDAY_EVENING = "2026-11-24T23:00:00Z"  # after Tuesday's settlement and payouts


def buy_until_done(c: Clients, user_id: str, rid: str, wall_limit: float = 90.0) -> exchange_pb2.ExchangeOrder:
    """What an integrator's client does: retry a transient failure with the same request id."""
    deadline = time.monotonic() + wall_limit
    while True:
        try:
            return buy(c, user_id, "AAPLx", "1", rid)
        except DomainError as error:
            if not is_transient(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def assert_one_of_everything(c: Clients, buys: int) -> None:
    mints = whole(c.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints
    assert len(mints) == buys and len({m.request_id for m in mints}) == buys
    supply = from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).total_supply)
    assert supply == Decimal(buys)
    hedges = Counter(o.client_order_id for o in spv_orders(c))
    assert sorted(hedges) == sorted(f"{m.request_id}:hedge" for m in mints) and set(hedges.values()) == {1}


def test_an_absent_broker_delays_hedges_and_places_each_once(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    user = create_user(c, "ada")
    deposit(c, user.user_id, "100000", "dep-1")
    run.sandbox.kill("broker")
    for n in range(3):   # the broker is away: the tokens are minted, their hedges wait
        assert buy(c, user.user_id, "AAPLx", "1", f"away-{n}").status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
    mints = whole(c.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints
    assert [m.hedge_status for m in mints] == [statuses_pb2.HEDGE_STATUS_PENDING] * 3   # never rejected: UNAVAILABLE
    run.sandbox.restart("broker")
    deadline = time.monotonic() + 30
    while any(m.hedge_status == statuses_pb2.HEDGE_STATUS_PENDING
              for m in whole(c.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints):
        assert time.monotonic() < deadline, "the pending hedges were not placed after the broker returned"
        time.sleep(0.5)
    assert_one_of_everything(c, 3)
    advance_to(c, TUESDAY_EVENING)
    line = reconciliation(c, "AAPLx")
    assert line["shares_settled"] == 3 and line["unbacked_shares"] == 0


def test_a_crash_mid_mint_under_concurrent_clients_loses_and_doubles_nothing(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c = run.clients
    clients, per_client = 8, 6
    users = []
    for i in range(clients):
        user = create_user(c, f"u{i}")
        deposit(c, user.user_id, "100000", f"dep-{i}")
        users.append(user.user_id)
    orders: dict[str, exchange_pb2.ExchangeOrder] = {}
    failures: list[BaseException] = []

    def client(i: int) -> None:
        own = Clients(run.settings)
        try:
            for j in range(per_client):
                rid = f"u{i}-b{j}"
                orders[rid] = buy_until_done(own, users[i], rid)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    for service in ("issuer", "exchange"):      # SIGKILL in the middle of the traffic, then back
        run.sandbox.kill(service)
        time.sleep(0.5)
        run.sandbox.restart(service)
        time.sleep(1.0)
    for thread in threads:
        thread.join(timeout=180)
    assert not failures, failures
    assert len(orders) == clients * per_client
    assert all(o.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED for o in orders.values())

    for i, user_id in enumerate(users):            # each user: one order per request id, tokens to match
        mine = whole(c.exchange.ListOrders, exchange_pb2.ListUserOrdersRequest(user_id=user_id)).orders
        assert sorted(o.request_id for o in mine) == sorted(f"u{i}-b{j}" for j in range(per_client))
        held = {b.asset: from_pb(b.available) for b in c.exchange.GetBalances(
            exchange_pb2.UserRequest(user_id=user_id)).balances}
        assert held["AAPLx"] == per_client
        assert held["FUSD"] == Decimal(100000) - sum(from_pb(o.amount) for o in mine)
    assert_one_of_everything(c, clients * per_client)
    paid = sum(from_pb(m.cost) for m in whole(c.issuer.ListMints, issuer_pb2.ListMintsRequest()).mints)
    assert paid == sum(from_pb(o.amount) for o in orders.values())
    assert c.issuer.GetReserves(issuer_pb2.QuoteRequest(token="AAPLx")).tokens_outstanding.value == \
        str(clients * per_client)
    advance_to(c, TUESDAY_EVENING)
    line = reconciliation(c, "AAPLx")               # every service's books balance, and all is backed
    assert line["shares_settled"] == clients * per_client and line["unbacked_shares"] == 0
