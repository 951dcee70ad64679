"""The market's drills, each in a fresh sandbox of real processes with a fixed seed: a weekend gap
(mints at Friday's price, hedged at Monday's open) and a settlement fail that cascades (who is owed
what, the dividend it diverts, its Reg SHO buy-in)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import control_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, deposit
from .test_drills import SEED, holding, results, run

pytestmark = pytest.mark.e2e
D = Decimal


def test_weekend_gap_mints_at_fridays_close_and_hedges_at_mondays_open(sandbox_factory: SandboxFactory) -> None:
    reply, report = run(sandbox_factory, "weekend-gap")
    findings = report["findings"]
    assert report["refusals_seen"] == {} and report["fault"]["at"] == "2026-11-21T14:00:00Z"
    assert findings["the gap"].startswith("AAPL closed at $335.53 on Friday 20 November and opened at $287.14")
    mints = findings["weekend mints, hedged at Monday's open"]
    aapl = [m for m in mints if m["token"] == "AAPLx"]
    assert [m["at"] for m in aapl] == ["2026-11-20T23:00:00Z", "2026-11-21T12:00:00Z", "2026-11-21T16:00:00Z",
                                       "2026-11-22T18:00:00Z", "2026-11-23T12:00:00Z"]
    for m in aapl:  # each paid at Friday's close, each hedged at Monday's open: the SPV gains the gap
        assert (m["price paid"], m["hedge fill"]) == ("335.53", "287.14")
        assert D(m["SPV's hedging cost (+) or gain (-) (USD)"]) == \
            D(m["hedge cost (USD)"]) - D(m["paid for the shares (USD)"]) < 0
    total = sum((D(m["SPV's hedging cost (+) or gain (-) (USD)"]) for m in aapl), D(0))
    assert findings["the SPV's hedging cost (+) or gain (-)"]["AAPLx"] == f"${total}"
    shares = sum((D(m["hedge shares"]) for m in aapl), D(0))
    assert total == shares * (D("287.14") - D("335.53"))  # unhedged shares x the gap
    exposure = findings["exposure carried over the weekend"]
    assert exposure[-2]["AAPLx"] == f"{shares} shares unhedged x $335.53 = ${shares * D('335.53')}"
    assert exposure[-1]["AAPLx"].startswith("0 shares unhedged")  # hedged a minute after the open
    nvda = [m for m in mints if m["token"] == "NVDAx"]  # no news: the open's own small move
    assert len(nvda) == 1 and abs(D(nvda[0]["SPV's hedging cost (+) or gain (-) (USD)"])) < 10
    assert "the holder, not the SPV, takes the gap" in findings["a weekend redemption"]
    assert results(report, "bo", "sell") == ["ok"]
    assert all(t["shares_unbacked"] == "0" for t in report["daily"][-1]["tokens"])
    assert holding(report, "dee", "broker account", "AAPL") > 0
    # The CLI runs the same drill in its own scratch sandbox: byte-identical report and timeline.
    cli = subprocess.run([str(Path(sys.executable).parent / "fivelayer"), "drill", "run", "weekend-gap", "--seed",
                          str(SEED), "--json"], capture_output=True, text=True, timeout=600)
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == reply.report_json


def test_settlement_fail_cascade_owes_diverts_and_buys_in(sandbox_factory: SandboxFactory) -> None:
    _, report = run(sandbox_factory, "settlement-fail-cascade")
    findings = report["findings"]
    cns = {(r["settlement date"], r["participant"]): (r["net (+receive/-deliver)"], r["open fail"], r["status"])
           for r in findings["CNS positions in AAPL, settlement day by settlement day"]}
    assert cns[("2026-11-24", "0999")] == ("-2", "0", "settled")           # before the fault
    assert cns[("2026-11-25", "0999")] == ("-3", "-3", "failed")           # the street withholds
    assert cns[("2026-11-27", "0555")] == ("5", "5", "failed")             # the fail grows with new purchases
    assert cns[("2026-11-30", "0999")] == ("-10", "-10", "failed")
    assert cns[("2026-12-01", "0999")] == ("-5", "0", "settled")           # bought in, then delivered again
    owed = findings["who was owed what on Monday 30 November (the evening before the deadline)"]
    assert owed["dee"].startswith("4 purchases due and not delivered: 4 AAPL")
    assert owed["the SPV (its hedges)"].startswith("4 purchases due and not delivered: 7 AAPL")
    assert owed["redeeming holders"].startswith("1 AAPLx redemptions sold and not yet paid")
    dividend = findings["the dividend the fail diverts"]
    entitled = {e["participant"]: e for e in dividend["entitlements at DTC"]}
    assert (entitled["0555"]["pending (+ to receive / - to deliver)"], entitled["0555"]["cash"]) == ("10", "32.76")
    assert entitled["0999"]["pending (+ to receive / - to deliver)"] == "-10"
    assert "$2.60 on the 10 shares not delivered" in dividend["how"]
    [bought] = findings["the buy-in"]
    assert (bought["failing participant"], bought["shares"], bought["failing since"], bought["deadline"],
            bought["executed at"], bought["delivered to"]) == \
        ("0999", "10", "2026-11-25", "2026-12-01", "2026-12-01T14:30:00Z", "0555 10")
    assert bought["cost charged"] == f"{D(bought['price']) * 10:.2f}"
    assert set(findings["after the buy-in"].values()) >= {"0 purchases due and not delivered: 0 AAPL ($0.00 paid)"}
    assert findings["after the buy-in"]["redeeming holders"] == "none waiting"
    # the shares behind the tokens settled (the dividend's reinvestment leaves a rounding dust in AAPLx)
    assert all(abs(D(t["shares_unbacked"])) < D("0.001") for t in report["daily"][-1]["tokens"])


def test_weekend_gap_faults_alone_under_the_users_own_traffic(sandbox_factory: SandboxFactory) -> None:
    """`drill run weekend-gap --faults-only`: the price gap is scheduled for Saturday in a live sandbox;
    a user's Saturday mint is priced at Friday's close and hedged at Monday's gapped open."""
    c = sandbox_factory("2026-11-16T13:00:00Z", name="faults-only").clients
    scheduled = c.drills.RunDrill(control_pb2.RunDrillRequest(name="weekend-gap", faults_only=True))
    assert "price-gap" in scheduled.report_markdown and "2026-11-21T14:00:00Z" in scheduled.report_markdown
    user = create_user(c, "zoe")
    deposit(c, user.user_id, "20000", "dep-1")
    advance_to(c, "2026-11-21T16:00:00Z")                                  # Saturday, after the news
    friday = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL")).price)
    order = buy(c, user.user_id, "AAPLx", "3", "buy-1")
    assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
    advance_to(c, "2026-11-23T15:00:00Z")
    monday_open = to_ts(datetime(2026, 11, 23, 14, 30, tzinfo=UTC))
    monday = from_pb(c.market_data.GetPrice(control_pb2.PriceRequest(symbol="AAPL", at=monday_open)).price)
    assert abs(monday / friday - 1) >= D("0.07")                            # the seeded 8-15% gap, and the open's draw
    # the cascade's fail is scheduled the same way, for Wednesday 25 November, on participant 0999 in AAPL
    cascade = c.drills.RunDrill(control_pb2.RunDrillRequest(name="settlement-fail-cascade", faults_only=True))
    assert "`settlement-fail` from 2026-11-25T12:00:00Z to 2026-12-01T14:00:00Z" in cascade.report_markdown
    assert "participant 0999 fails to deliver AAPL on every settlement date" in cascade.report_markdown
    report = c.drills.ReportDrill(control_pb2.DrillReportRequest(name="weekend-gap"))
    assert report.ok and "| flt-000001 | price-gap | active |" in report.report_markdown
    assert "| flt-000002 | settlement-fail | scheduled |" in report.report_markdown
    assert json.loads(report.report_json)["faults"][0]["kind"] == "price-gap"
