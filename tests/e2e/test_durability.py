"""Nothing acknowledged is lost: a crashed service restarts on its data with the same books;
the same seed and inputs give the same timeline; PostgreSQL works as the embedded default does."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fivelayer.kernel.money import from_pb
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2

from .flows import advance_to, balances, buy, create_user, deposit, reconciliation

pytestmark = pytest.mark.e2e

START = "2026-11-20T22:00:00Z"


def short_day(c) -> None:
    """Two users mint on Friday evening; Monday's open fills the hedges."""
    for name, quantity in (("ann", "3"), ("ben", "0.5")):
        user = create_user(c, name)
        deposit(c, user.user_id, "5000", f"dep-{name}")
        buy(c, user.user_id, "NVDAx", quantity, f"buy-{name}")
    advance_to(c, "2026-11-23T15:00:00Z")


def test_crashed_services_restart_with_the_same_books(sandbox_factory) -> None:
    run = sandbox_factory(START)
    c = run.clients
    short_day(c)
    account = c.issuer.ListProducts(common_pb2.Empty()).broker_account_id
    before_orders = c.broker.ListOrders(broker_pb2.ListOrdersRequest(account_id=account))
    before_supply = c.chain.GetToken(chain_pb2.TokenRequest(symbol="NVDAx")).total_supply
    before_clock = c.clock.Now(common_pb2.Empty()).now
    for service in ("broker", "chain", "control"):
        run.sandbox.kill(service)  # SIGKILL: no clean shutdown
        run.sandbox.restart(service)
    assert c.broker.ListOrders(broker_pb2.ListOrdersRequest(account_id=account)) == before_orders
    assert c.chain.GetToken(chain_pb2.TokenRequest(symbol="NVDAx")).total_supply == before_supply
    assert c.clock.Now(common_pb2.Empty()).now == before_clock
    # The sandbox carries on: the fills settle on Tuesday.
    advance_to(c, "2026-11-24T22:00:00Z")
    line = reconciliation(c, "NVDAx")
    assert line["shares_settled"] == Decimal("3.5") and line["unbacked_shares"] == 0


def test_same_seed_same_inputs_same_timeline(sandbox_factory) -> None:
    digests = []
    for name in ("first", "second"):
        run = sandbox_factory(START, name=name)
        short_day(run.clients)
        digests.append(run.clients.sandbox.ListEvents(control_pb2.ListEventsRequest()).digest)
        run.clients.close()
        run.sandbox.stop_all()
    assert digests[0] == digests[1]


def test_postgresql_backend(sandbox_factory, pg_url_template) -> None:
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
