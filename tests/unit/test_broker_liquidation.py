"""The broker's failure: the SIPC arithmetic (pro rata over net equity, the $500,000 / $250,000 caps,
a debit balance, a zero shortfall, rounding) and the failed broker on its books (valued once, every
change refused BROKER_FAILED on both faces, reads still answered, customers paged)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fivelayer.broker import api, liquidation, partners
from fivelayer.broker.api.common import Face
from fivelayer.broker.in_kind import InKindMints
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.liquidation import CustomerBook, share
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reasons import Cutoff
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2, common_pb2

from tests.unit.test_broker_orders import FakeVenue

D = Decimal
MONDAY_10 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def book(account_id: str, securities: str, cash: str = "0") -> CustomerBook:
    return CustomerBook(account_id, account_id, D(securities), D(cash))


def recovery(outcome: liquidation.Outcome, account_id: str) -> liquidation.Recovery:
    return next(r for r in outcome.recoveries if r.book.account_id == account_id)


def test_sipcs_own_example_40_percent_recovered() -> None:
    """sipc.org, "How the claims process works": 40% of customer property is there."""
    outcome = share([book("a", "250000"), book("b", "1000000")], D("0.6"))
    assert outcome.rate == D("0.4")
    a, b = recovery(outcome, "a"), recovery(outcome, "b")
    assert (a.from_property, a.sipc_securities, a.recovered, a.loss) == (D(100000), D(150000), D(250000), D(0))
    assert (b.from_property, b.sipc_securities, b.recovered, b.loss) == (D(400000), D(500000), D(900000), D(100000))
    assert outcome.sipc_advanced == D(650000)
    assert outcome.customer_property == D(500000)


def test_a_claim_for_cash_is_advanced_at_most_250000() -> None:
    outcome = share([book("cash", "0", "1000000"), book("mixed", "400000", "400000")], D("0.5"))
    cash, mixed = recovery(outcome, "cash"), recovery(outcome, "mixed")
    assert (cash.from_property, cash.sipc_cash, cash.sipc_securities, cash.loss) == \
        (D(500000), D(250000), D(0), D(250000))
    # 200,000 of securities and 200,000 of cash left: cash first (all of it, under 250,000), then
    # securities up to the 500,000 in all
    assert (mixed.from_property, mixed.sipc_cash, mixed.sipc_securities, mixed.loss) == \
        (D(400000), D(200000), D(200000), D(0))


def test_a_debit_balance_reduces_net_equity_and_is_no_cash_claim() -> None:
    outcome = share([book("credit", "10000", "-4000"), book("owes", "1000", "-3000"), book("x", "4000")], D("0.5"))
    drawn = recovery(outcome, "credit")
    assert (drawn.book.net_equity, drawn.claim, drawn.from_property, drawn.sipc_cash, drawn.sipc_securities) == \
        (D(6000), D(6000), D(3000), D(0), D(3000))
    owes = recovery(outcome, "owes")   # owes the estate: no claim at all
    assert (owes.book.net_equity, owes.claim, owes.recovered, owes.loss) == (D(-2000), D(0), D(0), D(0))
    assert outcome.total_net_equity == D(10000)


def test_a_zero_shortfall_returns_everything_from_property() -> None:
    outcome = share([book("a", "123.45", "10"), book("b", "900000")], D(0))
    assert outcome.rate == D(1)
    assert all(r.from_property == r.claim and r.loss == 0 for r in outcome.recoveries)
    assert outcome.sipc_advanced == 0


def test_the_rate_rounds_down_to_6_places_and_shares_to_the_cent() -> None:
    outcome = share([book("a", "1000"), book("b", "2000")], D("0.33333333"))
    # property = 3000 x 0.66666667 = 2000.00001 -> 2000.00; rate 2000/3000 = 0.666666...
    assert (outcome.customer_property, outcome.rate) == (D("2000.00"), D("0.666666"))
    a = recovery(outcome, "a")
    assert a.from_property == D("666.66")                         # 666.666 rounded down
    assert sum(r.from_property for r in outcome.recoveries) <= outcome.customer_property
    assert a.recovered == D(1000)                                 # SIPC covers the rest under its caps


def test_nobody_with_a_claim_and_a_bad_shortfall() -> None:
    assert share([], D("0.2")).rate == 1
    with pytest.raises(ValueError):
        share([book("a", "1")], D(1))


# -- the failed broker ---------------------------------------------------------------------------------

def servicer(tmp_path: Path) -> tuple[BrokerServicer, str, str]:
    s = BrokerServicer(Database(f"sqlite:///{tmp_path}/b.db"), FixedClock(MONDAY_10), FakeVenue(), 7)
    ctx = LocalContext()
    for n, name in enumerate(("SPV", "Ada", "Bo")):
        a = s.CreateAccount(broker_pb2.CreateAccountRequest(request_id=f"a{n}", name=name, kind="institutional"), ctx)
        s.FundAccount(broker_pb2.FundAccountRequest(request_id=f"f{n}", account_id=a.account_id,
                                                    amount=common_pb2.Decimal(value="1000")), ctx)
        if n == 0:
            spv, key = a.account_id, a.api_key
    s.PlaceOrder(broker_pb2.PlaceOrderRequest(request_id="o1", account_id=spv, api_key=key, symbol="AAPL",
                                              side=broker_pb2.BUY, quantity=common_pb2.Decimal(value="5")), ctx)
    return s, spv, key


def fail_request(rid: str = "fail", shortfall: str = "0.2") -> broker_pb2.FailBrokerRequest:
    return broker_pb2.FailBrokerRequest(request_id=rid, reason="a hole in the customer reserve",
                                        shortfall=common_pb2.Decimal(value=shortfall))


def test_a_failed_broker_refuses_every_change_and_answers_reads(tmp_path: Path) -> None:
    s, spv, key = servicer(tmp_path)
    ctx = LocalContext()
    assert not s.GetLiquidation(broker_pb2.LiquidationRequest(), ctx).failed
    out = s.FailBroker(fail_request(), ctx)
    assert out.failed and from_pb(out.total_net_equity) == D(3000) and from_pb(out.pro_rata_rate) == D("0.8")
    assert [c.account_id for c in out.customers] == ["acct-000001", "acct-000002", "acct-000003"]
    spv_row = out.customers[0]
    assert (from_pb(spv_row.securities), from_pb(spv_row.cash), from_pb(spv_row.from_property),
            from_pb(spv_row.sipc_securities), from_pb(spv_row.sipc_cash), from_pb(spv_row.recovered)) == \
        (D(500), D(500), D(800), D(100), D(100), D(1000))
    assert spv_row.property_at.ToDatetime(tzinfo=UTC) == MONDAY_10 + liquidation.PROPERTY_AFTER
    assert s.FailBroker(fail_request(), ctx) == out                         # a replay: the same answer
    with pytest.raises(DomainError) as again:
        s.FailBroker(fail_request("fail-2", "0.5"), ctx)
    assert again.value.reason == Cutoff.BROKER_FAILED
    for call in (lambda: s.PlaceOrder(broker_pb2.PlaceOrderRequest(
                     request_id="o2", account_id=spv, api_key=key, symbol="AAPL", side=broker_pb2.BUY,
                     quantity=common_pb2.Decimal(value="1")), ctx),
                 lambda: s.FundAccount(broker_pb2.FundAccountRequest(
                     request_id="f9", account_id=spv, amount=common_pb2.Decimal(value="1")), ctx),
                 lambda: s.SetCreditLine(broker_pb2.SetCreditLineRequest(
                     request_id="l", account_id=spv, limit=common_pb2.Decimal(value="1")), ctx),
                 lambda: s.CreateAccount(broker_pb2.CreateAccountRequest(request_id="a9", name="Late",
                                                                         kind="individual"), ctx)):
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.reason == Cutoff.BROKER_FAILED
        assert "SIPC liquidation since 2026-11-23T15:00:00+00:00" in refused.value.message
    # a request applied before the failure is replayed, not refused
    assert s.FundAccount(broker_pb2.FundAccountRequest(request_id="f0", account_id=spv,
                                                       amount=common_pb2.Decimal(value="1000")), ctx).account_id == spv
    assert s.GetCash(broker_pb2.AccountRequest(account_id=spv), ctx).account_id == spv
    page = s.GetLiquidation(broker_pb2.LiquidationRequest(limit=2), ctx)
    assert [c.account_id for c in page.customers] == ["acct-000001", "acct-000002"]
    rest = s.GetLiquidation(broker_pb2.LiquidationRequest(limit=2, page_token=page.next_page_token), ctx)
    assert [c.account_id for c in rest.customers] == ["acct-000003"] and rest.next_page_token == ""
    with pytest.raises(DomainError):
        s.GetLiquidation(broker_pb2.LiquidationRequest(limit=1001), ctx)
    jobs = broker_jobs(s.db, s.venue)
    market_open = next(j for j in jobs.jobs if j.name == "market-open")
    assert "SIPC liquidation" in market_open.run(MONDAY_10 + timedelta(days=1))


def test_the_broker_api_face_refuses_changes_once_failed(tmp_path: Path) -> None:
    s, spv, _ = servicer(tmp_path)
    with s.db.transaction() as session:
        partners.ensure(session, "PK", "secret-key", "Acme", MONDAY_10)
    app = FastAPI()
    face = Face(s.db, s.clock, s.venue, 7)
    api.install(app, face, InKindMints(s.db, s.clock, s.venue, None, {}))  # type: ignore[arg-type]
    client = TestClient(app)
    assert client.get("/v1/accounts", auth=("PK", "secret-key")).status_code == 200
    s.FailBroker(fail_request(), LocalContext())
    refused = client.post("/v1/accounts", json={}, auth=("PK", "secret-key"))
    assert refused.status_code == 422 and "BROKER_FAILED" in refused.json()["message"]
    assert client.get("/v1/accounts", auth=("PK", "secret-key")).status_code == 200
