"""The drills as the sandbox names them: reference data that control (which runs them) and the CLI (which
lists them with no sandbox running, and starts a scratch sandbox at their instant) both read.

What each drill does is control's (`control/drills/scenarios.py`); a unit test holds the two to the same names.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

START: Final = datetime.fromisoformat("2026-11-16T13:00:00+00:00")  # Monday 8:00 am New York: every drill's start


@dataclass(frozen=True)
class DrillInfo:
    name: str
    title: str
    summary: str


CATALOGUE: Final[dict[str, DrillInfo]] = {d.name: d for d in (
    DrillInfo("halt-of-mint", "the issuer halts minting",
              "Minting stops for two days; users keep buying, selling and sending tokens on chain."),
    DrillInfo("api-cutoff", "the broker cuts the issuer's API route",
              "The SPV can no longer hedge: in-flight orders, forced halts and unbacked tokens over time."),
    DrillInfo("issuer-insolvency", "the issuer SPV becomes insolvent",
              "Tokens frozen, redemptions impossible, the estate valued, each holder's recovery against a "
              "traditional holder's."),
    DrillInfo("stablecoin-depeg", "FUSD de-pegs over a long weekend",
              "Part of FUSD's reserve is stuck at a failed bank: redemptions halt Friday, reopen Monday at $0.88 and "
              "are at par on Tuesday; the SPV's buffer is not refilled, mints stop when it is spent, and the report "
              "says who is left short."),
    DrillInfo("broker-insolvency", "the self-clearing broker fails",
              "A SIPC liquidation with a fifth of customer property missing: property shared pro rata, SIPC's "
              "advance per customer; the SPV is one customer for all its token holders, the traditional holder "
              "one in her own name; each holder's recovery and how long it took."),
    DrillInfo("weekend-gap", "a stock gaps between Friday's close and Monday's open",
              "Mints taken over the weekend at Friday's price, hedged at Monday's open: the SPV's hedging cost "
              "or gain per mint, and the exposure it carried."),
    DrillInfo("settlement-fail-cascade", "the street fails to deliver for days",
              "Who is owed what while the fail stands, the dividend it diverts, and its buy-in at the Reg SHO "
              "Rule 204 deadline."),
)}
