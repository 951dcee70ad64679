"""A team's sandbox: two integrators, each its own partner (FIVELAYER_PARTNERS), drive the Broker API
through `alpaca-py`; neither sees or moves the other's accounts, and `fivelayer reset --partner KEY`
empties one partner's accounts while the other's stay exactly as they were."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from alpaca.broker import BrokerClient
from alpaca.broker.models import Account
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.requests import MarketOrderRequest
from fivelayer.kernel import credentials
from fivelayer.v1 import broker_pb2, statuses_pb2

from .alpaca_flows import broker_client, model, models, open_active_accounts, raw_list, submit_order
from .conftest import SandboxFactory
from .flows import dec

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
FIVELAYER = str(Path(sys.executable).parent / "fivelayer")
ALICE, BOB = ("PKTEAMALICE", "alice-secret-1"), ("PKTEAMBOB", "bob-secret-1")


def internal(account: Account) -> str:
    return account.account_number.replace("FL", "acct-")


def seen_by(client: BrokerClient, account: Account) -> tuple[object, ...]:
    """What a partner sees of one of its accounts: the account, its orders, its cash."""
    orders = raw_list(client.get(f"/trading/accounts/{account.id}/orders", {"status": "all"}))
    trade = client.get(f"/trading/accounts/{account.id}/account")
    return (model(client.get_account_by_id(account.id), Account).status,
            sorted((o["id"], o["status"]) for o in orders), json.dumps(trade, sort_keys=True))


def fivelayer(port_base: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FIVELAYER, "--port-base", str(port_base), *args], capture_output=True, text=True,
                          timeout=60, check=False)


def test_two_partners_are_isolated_and_one_is_reset_without_touching_the_other(
        sandbox_factory: SandboxFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(credentials.TEAM_PARTNERS, ",".join(f"{k}:{s}" for k, s in (ALICE, BOB)))
    run = sandbox_factory(FRIDAY_EVENING)
    alice, bob = broker_client(run, ALICE), broker_client(run, BOB)
    [theirs] = open_active_accounts(run, alice, "alice@example.com")
    [mine] = open_active_accounts(run, bob, "bob@example.com")
    for account in (theirs, mine):
        run.clients.broker.FundAccount(broker_pb2.FundAccountRequest(
            request_id=f"fund:{account.id}", account_id=internal(account), amount=dec("1000")))
    for client, account in ((alice, theirs), (bob, mine)):   # the market is shut: each order waits, open
        submit_order(client, str(account.id), MarketOrderRequest(symbol="AAPL", qty=1, side=OrderSide.BUY,
                                                                 time_in_force=TimeInForce.DAY))
    bobs = seen_by(bob, mine)
    bobs_ids = {a.id for a in models(bob.list_accounts(), Account)}

    for call in (lambda: alice.get_account_by_id(mine.id),
                 lambda: submit_order(alice, str(mine.id), MarketOrderRequest(
                     symbol="AAPL", qty=1, side=OrderSide.SELL, time_in_force=TimeInForce.DAY)),
                 lambda: alice.post("/journals", {"from_account": str(theirs.id), "to_account": str(mine.id),
                                                  "entry_type": "JNLC", "amount": "10"})):
        with pytest.raises(APIError) as hidden:
            call()
        assert hidden.value.status_code == 404
    assert mine.id not in {a.id for a in models(alice.list_accounts(), Account)}

    port_base = run.settings.port_base
    reset = fivelayer(port_base, "reset", "--partner", ALICE[0], "--request-id", "team-reset-1", "--json")
    assert reset.returncode == 0, reset.stderr
    done = json.loads(reset.stdout)
    assert done["closed_account_ids"] == [internal(theirs)] and done["orders_canceled"] == 1, done
    again = fivelayer(port_base, "reset", "--partner", ALICE[0], "--request-id", "team-reset-1", "--json")
    assert json.loads(again.stdout) == done                                    # once per request id
    unknown = fivelayer(port_base, "reset", "--partner", "PKNOBODY")
    assert unknown.returncode == 1 and "UNKNOWN_PARTNER" in unknown.stderr

    left = models(alice.list_accounts(), Account)
    assert [a.id for a in left] != [] and theirs.id not in {a.id for a in left}   # only its firm account stays
    with pytest.raises(APIError) as gone:
        alice.get_account_by_id(theirs.id)
    assert gone.value.status_code == 404
    assert seen_by(bob, mine) == bobs                                          # the other partner: as it was
    assert {a.id for a in models(bob.list_accounts(), Account)} == bobs_ids
    closed = run.clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=internal(theirs)))
    assert closed.status == statuses_pb2.ACCOUNT_STATUS_CLOSED                 # the operator still finds it
