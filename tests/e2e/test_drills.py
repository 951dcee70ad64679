"""The three drills, each in a fresh sandbox of real processes, with a fixed seed: who holds what,
what each holder recovers, which refusals integrators saw, and that nothing broke underneath."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fivelayer.control.drills.world import START
from fivelayer.kernel.drills import CATALOGUE
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import control_pb2

from .conftest import SandboxFactory

pytestmark = pytest.mark.e2e
SEED = 1


def run(sandbox_factory: SandboxFactory, name: str) -> tuple[control_pb2.DrillReport, dict[str, Any]]:
    c = sandbox_factory(iso(START), name=name, seed=SEED).clients
    reply = c.drills.RunDrill(control_pb2.RunDrillRequest(name=name, seed=SEED), timeout=600)
    report = json.loads(reply.report_json)
    assert reply.ok and report["bugs"] == [], report["bugs"]
    assert all(not breaches for breaches in report["invariants"].values())
    assert reply.timeline_digest == report["timeline"]["digest"] and reply.report_markdown.startswith("# Drill")
    return reply, report


def holding(report: dict[str, Any], holder: str, where: str, asset: str) -> Decimal:
    return sum((Decimal(h["quantity"]) for h in report["holdings"]
                if (h["holder"], h["where"], h["asset"]) == (holder, where, asset)), Decimal(0))


def results(report: dict[str, Any], actor: str, prefix: str, after: str = "") -> list[str]:
    return [s["result"] for s in report["steps"] if s["actor"] == actor and s["action"].startswith(prefix)
            and s["at"] >= after]


def test_halt_of_mint_refuses_mints_not_transfers_and_clears_on_resume(sandbox_factory: SandboxFactory) -> None:
    reply, report = run(sandbox_factory, "halt-of-mint")
    assert report["refusals_seen"] == {"MINT_HALTED": 2, "MINT_PAUSED": 1}
    assert results(report, "cy", "buy", after=report["fault"]["at"]) == ["MINT_HALTED", "MINT_HALTED", "ok", "ok"]
    assert results(report, "ada", "send") == ["ok"] * 4          # transfers never stopped
    assert results(report, "bo", "sell") == ["ok"] * 4           # nor redemptions
    assert all(t["shares_unbacked"] == "0" for t in report["daily"][-1]["tokens"])
    assert holding(report, "ada", "own wallet", "AAPLx") == 1 and holding(report, "bo", "own wallet", "AAPLx") == 4
    # The CLI runs the same drill in its own scratch sandbox: byte-identical report and timeline.
    cli = subprocess.run([str(Path(sys.executable).parent / "fivelayer"), "drill", "run", "halt-of-mint", "--seed",
                          str(SEED), "--json"], capture_output=True, text=True, timeout=600)
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == reply.report_json


def test_api_cutoff_strands_nothing_but_leaves_tokens_unbacked(sandbox_factory: SandboxFactory) -> None:
    _, report = run(sandbox_factory, "api-cutoff")
    assert report["refusals_seen"] == {"MINT_HALTED": 5, "REDEMPTION_HALTED": 5}
    in_flight = report["findings"]["orders in flight at the cut"]
    assert in_flight["filled, not settled"].endswith("-> settled")
    assert in_flight["not yet filled"].endswith("-> canceled (ROUTE_CUT)")
    assert [(m["quantity"], m["hedge"]) for m in report["findings"]["mints without a hedge"]] == \
        [("12", "canceled: ROUTE_CUT"), ("3", "rejected: ROUTE_CUT")]
    final = {t["token"]: t for t in report["daily"][-1]["tokens"]}
    assert final["AAPLx"]["shares_unbacked"] == "15" and final["AAPLx"]["unbacked_value"] == "4932.30"
    assert final["NVDAx"]["shares_unbacked"] == "0"
    assert set(results(report, "dee", "")) == {"ok"}                # the traditional route is untouched


def test_issuer_insolvency_pays_secured_holders_from_their_collateral_first(sandbox_factory: SandboxFactory) -> None:
    _, report = run(sandbox_factory, "issuer-insolvency")
    assert report["refusals_seen"] == {"ISSUER_INSOLVENT": 10, "TRANSFERS_PAUSED": 10}
    estate = report["findings"]["the estate"]
    waterfall = estate["waterfall"]
    assert [(w["rank"], w["kind"], w["token"], w["pool"]) for w in waterfall] == [
        (1, "agent_costs", "AAPLx", "collateral:AAPLx"), (2, "secured_holders", "AAPLx", "collateral:AAPLx"),
        (3, "administration", "", "general estate"), (4, "unsecured", "NVDAx", "general estate"),
        (5, "sponsor", "", "general estate")]
    agent, secured, _, _, sponsor = waterfall
    # AAPLx's collateral is its own account at the broker (its shares and its buffer) and its FUSD (held: the
    # thief took it): the agent's 50 bps come out of it, its holders are paid in full, and the surplus goes
    # to the general estate.
    assert (agent["paid"], secured["claim"], secured["paid"]) == ("10000.91", "24266.88", "24266.88")
    assert "a surplus of" in secured["what"]
    # The $3M sponsor loan that funded the buffers is subordinated: it bears the stolen treasury, and the
    # holders of both products are paid in full.
    assert estate["unsecured recovery rate"] == "1" and Decimal(sponsor["paid"]) < Decimal(sponsor["claim"])
    compared = report["findings"]["secured against unsecured, holder by holder"]["holders"]
    for row in compared[:-1]:
        secured_rate, unsecured_rate = (Decimal(row[k]["per_dollar"]) for k in ("AAPLx (secured)", "NVDAx (unsecured)"))
        assert secured_rate >= unsecured_rate and Decimal(row["AAPLx (secured)"]["claim_usd"]) > 0
    assert [r["holder"] for r in compared] == ["ada", "bo", "cy", "dee"]
    assert compared[-1]["AAPL (own shares)"] == {"shares": "35", "value_usd": "11796.40", "recovery_usd": "11796.40",
                                                 "per_dollar": "1"}
    recovery = {(r["holder"], r["where"], r["token"]): (r["standing"], r["claim_usd"], r["recovery_usd"])
                for r in report["findings"]["recovery per holder"]}
    assert recovery[("ada", "own wallet", "AAPLx")] == ("secured", "1685.20", "1685.20")
    assert recovery[("cy", "exchange account", "NVDAx")] == ("unsecured", "4264.47", "4264.47")
    assert "is estate" in report["findings"]["the SPV's broker account"]
    assert "would protect at most $283441.72" in report["findings"]["SIPC"]
    assert "against $34217.31 of token claims" in report["findings"]["SIPC"]   # AAPLx's and NVDAx's holders
    assert set(results(report, "dee", "")) == {"ok"} and holding(report, "dee", "broker account", "AAPL") == 35
    assert holding(report, "dee", "broker account", "NVDA") == 10


def test_a_drill_needs_a_fresh_sandbox_and_a_known_name(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory("2026-11-17T13:00:00Z", seed=SEED).clients
    for name, reason in (("halt-of-mint", "SANDBOX_NOT_FRESH"), ("fire-drill", "UNKNOWN_DRILL")):
        with pytest.raises(DomainError) as caught:
            c.drills.RunDrill(control_pb2.RunDrillRequest(name=name, seed=SEED))
        assert caught.value.reason == reason
    assert [d.name for d in c.drills.ListDrills(control_pb2.ListDrillsRequest()).drills] == list(CATALOGUE)
