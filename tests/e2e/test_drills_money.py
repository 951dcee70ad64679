"""The money leg's drills and faults end to end: each drill once with seed 1 in its own fresh sandbox,
the story's figures checked in its report; one drill's faults alone in a live sandbox under the user's
own traffic; each new fault injected and cleared through control's gRPC face."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fivelayer.control.drills.world import START
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.rpc import Clients
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import broker_pb2, common_pb2, control_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, create_user, deposit
from .test_drills import results, run

pytestmark = pytest.mark.e2e
EMPTY = common_pb2.Empty()


def inject(c: Clients, rid: str, kind: str, **fields: Any) -> control_pb2.Fault:
    for name in ("price", "amount", "fraction"):
        if name in fields:
            fields[name] = common_pb2.Decimal(value=fields[name])
    return c.faults.InjectFault(control_pb2.InjectFaultRequest(request_id=rid, kind=kind, **fields))


def clear(c: Clients, rid: str, fault_id: str) -> control_pb2.ListFaultsResponse:
    return c.faults.ClearFault(control_pb2.ClearFaultRequest(request_id=rid, fault_id=fault_id))


def conditions(c: Any) -> tuple[bool, Decimal, Decimal, str]:
    r = c.stablecoin.GetReserve(EMPTY)
    return r.redemptions_halted, from_pb(r.redemption_price, Decimal(1)), from_pb(r.stuck_usd), r.wire_delay


def test_the_stablecoin_faults_are_made_and_cleared_through_control(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(iso(START)).clients
    deposit(c, create_user(c, "zoe").user_id, "20000", "dep-1")   # dollars in FUSD's reserve, some to get stuck
    halt = inject(c, "f-1", "offramp-halt", reason="the reserve's bank failed")
    assert halt.state == statuses_pb2.FAULT_STATE_ACTIVE and conditions(c) == (True, Decimal(1), Decimal(0), "")
    depeg = inject(c, "f-2", "depeg", price="0.88", amount="5000")
    assert (depeg.price.value, depeg.amount.value) == ("0.88", "5000")
    assert conditions(c) == (True, Decimal("0.88"), Decimal(5000), "")       # the halt stands with it
    delay = inject(c, "f-3", "wire-delay", delay="36h")
    assert delay.delay == "36h" and conditions(c)[3] == "36h"
    assert inject(c, "f-3", "wire-delay", delay="36h").fault_id == delay.fault_id  # a retry makes nothing twice
    clear(c, "c-1", halt.fault_id)
    assert conditions(c) == (False, Decimal("0.88"), Decimal(5000), "36h")  # reopened, at the discount
    clear(c, "c-2", depeg.fault_id)
    clear(c, "c-3", delay.fault_id)
    assert conditions(c) == (False, Decimal(1), Decimal(0), "")
    for kind, fields, reason in (("depeg", {"price": "1.2"}, "INVALID_PRICE"),
                                 ("depeg", {}, "MISSING_FAULT_PARAMETER"),
                                 ("wire-delay", {"delay": "soon"}, "INVALID_DELAY"),
                                 ("broker-failure", {"fraction": "1"}, "INVALID_FRACTION"),
                                 ("offramp-halt", {"price": "0.9"}, "PARAMETER_NOT_USED")):
        with pytest.raises(DomainError) as caught:
            inject(c, f"bad-{kind}-{reason}", kind, **fields)
        assert caught.value.reason == reason, kind


def test_a_broker_failure_through_control_cannot_be_cleared(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(iso(START)).clients
    failed = inject(c, "f-1", "broker-failure", fraction="0.2", reason="drill")
    assert failed.fraction.value == "0.2" and "20% of customer property missing" in failed.description
    liquidation = c.broker.GetLiquidation(broker_pb2.LiquidationRequest())
    assert liquidation.failed and from_pb(liquidation.shortfall) == Decimal("0.2")
    with pytest.raises(DomainError) as caught:
        clear(c, "c-1", failed.fault_id)
    assert caught.value.reason == "FAULT_NOT_CLEARABLE" and "SIPC liquidation" in caught.value.message


def test_stablecoin_depeg_stops_mints_at_the_buffer_and_leaves_the_spv_short(sandbox_factory: SandboxFactory) -> None:
    reply, report = run(sandbox_factory, "stablecoin-depeg")
    findings = report["findings"]
    fund = results(report, "fay", "buy")
    assert fund[0] == "ok" and "BUFFER_EXHAUSTED" in fund            # mints go on until the buffer is spent
    assert "BUFFER_EXHAUSTED" in report["refusals_seen"]
    over_time = findings["the SPV's money leg over time"]
    assert any("halted at $0.88" in row["FUSD"] for row in over_time)
    assert any("open at $1" in row["FUSD"] for row in over_time[-1:])    # par again on Tuesday
    paid = [r for r in findings["redemptions at the stablecoin's issuer (the SPV's off-ramp)"]
            if r["status"] == "paid" and r["price"] == "0.88"]
    assert paid, "the SPV's queued redemptions are paid at the discount on Monday"
    assert all(r["value date"] >= "2026-11-23" for r in paid)
    short = findings["who is left short"]
    lost = sum((Decimal(r["FUSD"]) - Decimal(r["usd"]) for r in paid), Decimal(0))
    assert short["the SPV"].startswith(f"${lost.quantize(Decimal('0.01'))}:") and lost > 0
    assert short["FUSD holders at the failure"]                        # the users' FUSD, marked at $0.88
    assert "## What the fault caused" in reply.report_markdown


def test_broker_insolvency_shares_property_pro_rata_and_one_sipc_advance_for_the_spv(
        sandbox_factory: SandboxFactory) -> None:
    _, report = run(sandbox_factory, "broker-insolvency")
    findings = report["findings"]
    assert findings["the liquidation"]["shortfall"] == "0.2"
    assert "BROKER_FAILED" in findings["refusals after the failure"]
    assert results(report, "dee", "sell", after="2026-11-19T21:30:00Z")[0] == "BROKER_FAILED"
    for customer in findings["customers"]:
        assert Decimal(customer["SIPC for cash"] or 0) <= 250_000
        assert Decimal(customer["SIPC for securities"] or 0) + Decimal(customer["SIPC for cash"] or 0) <= 500_000
        assert customer["property delivered"] and customer["SIPC paid"] or not Decimal(customer["net equity"] or 0)
    rows = findings["recovery per holder"]
    tokens = [r for r in rows if r["route"] == "tokenized"]
    [dee] = [r for r in rows if r["route"] == "traditional"]
    assert tokens and all(Decimal(r["recovery_usd"]) <= Decimal(r["claim_usd"]) for r in tokens)
    assert len({r["rate"] for r in tokens}) == 1                       # one rate: the SPV's, spread by claim
    assert Decimal(dee["recovery_usd"]) <= Decimal(dee["claim_usd"]) and dee["when"]


def test_the_depegs_faults_alone_under_the_users_own_traffic(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(iso(START)).clients
    scheduled = c.drills.RunDrill(control_pb2.RunDrillRequest(name="stablecoin-depeg", faults_only=True))
    assert "offramp-halt" in scheduled.report_markdown and "depeg" in scheduled.report_markdown
    assert "2026-11-20T16:00:00Z" in scheduled.report_markdown
    deposit(c, create_user(c, "zoe").user_id, "50000", "dep-1")      # the reserve holds what gets stuck
    advance_to(c, "2026-11-20T16:30:00Z")                            # Friday 11:30: the bank has failed
    assert conditions(c)[:3] == (True, Decimal("0.88"), Decimal(10000))
    advance_to(c, "2026-11-23T15:00:00Z")                            # Monday 10:00: reopened at the discount
    assert conditions(c)[:2] == (False, Decimal("0.88"))
    advance_to(c, "2026-11-24T15:00:00Z")                            # Tuesday: par, nothing stuck
    assert conditions(c)[:3] == (False, Decimal(1), Decimal(0))
    report = c.drills.ReportDrill(control_pb2.DrillReportRequest(name="stablecoin-depeg"))
    assert "| offramp-halt | expired |" in report.report_markdown and "| depeg | expired |" in report.report_markdown
