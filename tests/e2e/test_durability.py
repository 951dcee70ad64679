"""Nothing acknowledged is lost: a crashed service restarts on its data with the same books;
the same seed and inputs give the same timeline; PostgreSQL works as the embedded default does."""
from __future__ import annotations

import time
from decimal import Decimal

import pytest
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.rpc import Clients
from fivelayer.v1 import chain_pb2, common_pb2, control_pb2, exchange_pb2

from .conftest import SandboxFactory
from .flows import advance_to, balances, buy, create_user, deposit, reconciliation, spv_orders

pytestmark = pytest.mark.e2e

START = "2026-11-20T22:00:00Z"


def short_day(c: Clients) -> None:
    """Two users mint on Friday evening; Monday's open fills the hedges."""
    for name, quantity in (("ann", "3"), ("ben", "0.5")):
        user = create_user(c, name)
        deposit(c, user.user_id, "5000", f"dep-{name}")
        buy(c, user.user_id, "NVDAx", quantity, f"buy-{name}")
    advance_to(c, "2026-11-23T15:00:00Z")


def test_crashed_services_restart_with_the_same_books(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(START)
    c = run.clients
    short_day(c)
    before_orders = spv_orders(c)
    before_supply = c.chain.GetToken(chain_pb2.TokenRequest(symbol="NVDAx")).total_supply
    before_clock = c.clock.Now(common_pb2.Empty()).now
    for service in ("broker", "chain", "control"):
        run.sandbox.kill(service)  # SIGKILL: no clean shutdown
        run.sandbox.restart(service)
    assert spv_orders(c) == before_orders
    assert c.chain.GetToken(chain_pb2.TokenRequest(symbol="NVDAx")).total_supply == before_supply
    assert c.clock.Now(common_pb2.Empty()).now == before_clock
    # The sandbox carries on: the fills settle on Tuesday.
    advance_to(c, "2026-11-24T22:00:00Z")
    line = reconciliation(c, "NVDAx")
    assert line["shares_settled"] == Decimal("3.5") and line["unbacked_shares"] == 0


def test_same_seed_same_inputs_same_timeline(sandbox_factory: SandboxFactory) -> None:
    digests = []
    for name in ("first", "second"):
        run = sandbox_factory(START, name=name)
        short_day(run.clients)
        digests.append(run.clients.sandbox.ListEvents(control_pb2.ListEventsRequest()).digest)
        run.clients.close()
        run.sandbox.stop_all()
    assert digests[0] == digests[1]


def test_postgresql_backend(sandbox_factory: SandboxFactory, pg_url_template: str) -> None:
    run = sandbox_factory(START, db_url=pg_url_template)
    c = run.clients
    user = create_user(c, "pat")
    deposit(c, user.user_id, "1000", "dep-pat")
    buy(c, user.user_id, "TSLAx", "1.25", "buy-pat")
    advance_to(c, "2026-11-24T22:00:00Z")
    assert balances(c, user.user_id)["TSLAx"][0] == Decimal("1.25")
    line = reconciliation(c, "TSLAx")
    assert line["shares_settled"] == Decimal("1.25") and line["unbacked_shares"] == 0
    assert from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="TSLAx")).total_supply) == Decimal("1.25")


def test_the_node_killed_during_mints_deposits_and_withdrawals_loses_nothing(sandbox_factory: SandboxFactory) -> None:
    """SIGKILL the node's own binary again and again while users deposit, mint, redeem and withdraw:
    every acknowledged request is on chain afterwards, once, and the books reconcile."""
    import os
    import signal
    import threading

    from web3 import Web3

    from .flows import sell, token_contract

    run = sandbox_factory(START)
    c = run.clients
    users = [create_user(c, name) for name in ("ann", "ben")]
    done: list[tuple[str, str, str]] = []
    errors: list[BaseException] = []

    def traffic(user_id: str, phase: int) -> None:
        try:
            if phase == 1:  # Friday evening: deposits and mints
                deposit(c, user_id, "2000", f"dep-{user_id}")
                for i in range(6):
                    buy(c, user_id, "NVDAx", "1", f"buy-{user_id}-{i}")
                    done.append((user_id, "buy", "1"))
            else:           # Monday in session, the hedges filled: a redemption and a withdrawal
                sell(c, user_id, "NVDAx", "1", f"sell-{user_id}")
                done.append((user_id, "sell", "1"))
                c.exchange.Withdraw(exchange_pb2.WithdrawRequest(
                    request_id=f"wd-{user_id}", user_id=user_id, asset="FUSD", amount=common_pb2.Decimal(value="10"),
                    to_address="0x" + "cd" * 20))
                done.append((user_id, "withdraw", "10"))
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    kills = 0
    for phase in (1, 2):
        if phase == 2:
            advance_to(c, "2026-11-23T15:00:00Z")           # Monday's open fills the hedges
        threads = [threading.Thread(target=traffic, args=(u.user_id, phase)) for u in users]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            os.kill(c.chain_service.GetNetwork(common_pb2.Empty()).node_pid, signal.SIGKILL)  # the binary itself
            kills += 1
            time.sleep(2.5)  # a restart and its replay take about a second: clients retry for 10 s
        for t in threads:
            t.join(timeout=240)
    assert not errors, errors
    assert kills >= 2
    bought = sum(1 for _, kind, _ in done if kind == "buy")
    assert bought == 12
    supply = from_pb(c.chain.GetToken(chain_pb2.TokenRequest(symbol="NVDAx")).total_supply)
    assert supply == Decimal(bought - 2)                    # each buy minted once, each sale burned once
    fusd = token_contract(c, "FUSD")
    arrived = fusd.events.Transfer.get_logs(from_block=0, argument_filters={"to": Web3.to_checksum_address(
        "0x" + "cd" * 20)})
    assert sorted(log.args.value for log in arrived) == [10 * 10**6, 10 * 10**6]  # each withdrawal once
    line = reconciliation(c, "NVDAx")                       # and every service's books balance
    assert line["tokens_outstanding"] == supply
