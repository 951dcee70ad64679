"""The fault kinds as the sandbox names them: reference data that control (which checks and makes them,
`control/faults.py`) and the CLI (whose choices and help list them with no sandbox running) both read,
as `kernel/drills.py` is for the drills. Each kind is declared here once, with its family, its line of
help and whether it can be undone; what it takes and does is control's, declared once per kind there,
and a unit test holds the two to the same names.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

JUMP_LOW, JUMP_HIGH = Decimal("-0.9"), Decimal(9)   # oracle-jump: the exchange's bounds, the price stays positive

DOMAIN: Final = "domain"
MONEY: Final = "money"
PERPS: Final = "perps"
NETWORK: Final = "network"
FAMILIES: Final[dict[str, str]] = {   # family -> how `fivelayer fault inject --help` introduces it
    DOMAIN: "The layers (each made through its service's own API, and undone by `fault clear` where it can be)",
    MONEY: "The money leg",
    PERPS: "The perpetuals (the exchange's perp markets; each undone by `fault clear`)",
    NETWORK: "The network (enforced by the faulted service on its faces or one hop; --service, --from, --face, "
             "--method, --rate, --requests, --seed)",
}


@dataclass(frozen=True)
class FaultInfo:
    """A fault kind's name, family, one line of help, and why it cannot be undone ("" if it can)."""

    name: str
    family: str
    help: str
    why_not: str = ""

    @property
    def clearable(self) -> bool:
        return not self.why_not


CATALOGUE: Final[dict[str, FaultInfo]] = {f.name: f for f in (
    FaultInfo("halt-mint", DOMAIN, "halt-mint [--token]: the issuer halts minting (and pauses its contracts' mint)"),
    FaultInfo("halt-redeem", DOMAIN, "halt-redeem [--token]: the issuer halts redemptions"),
    FaultInfo("route-cut", DOMAIN, "route-cut [--account]: the broker cuts an account's API route (the SPV's)"),
    FaultInfo("route-restore", DOMAIN, "route-restore [--account]: the broker restores it, ending its route cuts"),
    FaultInfo("freeze-account", DOMAIN, "freeze-account [--account | --address --token]: the broker freezes an "
                                        "account, or the issuer an address in a token"),
    FaultInfo("insolvency", DOMAIN, "insolvency: the issuer SPV is declared insolvent",
              why_not="an insolvent SPV's estate is being wound up"),
    FaultInfo("pause-transfers", DOMAIN, "pause-transfers --token: the issuer pauses the token's transfers"),
    FaultInfo("settlement-fail", DOMAIN, "settlement-fail --participant --symbol [--date]: a participant fails "
                                         "to deliver"),
    FaultInfo("stale-prices", DOMAIN, "stale-prices: market data stops updating"),
    FaultInfo("reorg", DOMAIN, "reorg --depth [--drop]: the chain replaces its last blocks",
              why_not="the replaced blocks are gone (the chain carries on from there)"),
    FaultInfo("price-gap", DOMAIN, "price-gap --symbol --date: a stock gaps at a session's open by a seeded move"),
    FaultInfo("offramp-halt", MONEY, "offramp-halt: FUSD redemptions queue until cleared"),
    FaultInfo("depeg", MONEY, "depeg --price 0.88 --stuck N: redemptions pay the discount; cleared: par"),
    FaultInfo("wire-delay", MONEY, "wire-delay --delay 36h: every outgoing wire late"),
    FaultInfo("broker-failure", MONEY, "broker-failure --fraction 0.2: a SIPC liquidation; it cannot be cleared",
              why_not="a failed broker is in SIPC liquidation"),
    FaultInfo("halt-perps", PERPS, "halt-perps [--symbol AAPL-PERP]: no orders, funding or liquidations"),
    FaultInfo("oracle-stale", PERPS, "oracle-stale [--symbol]: the oracle feed stops, oracle and mark hold"),
    FaultInfo("oracle-jump", PERPS, "oracle-jump --fraction -0.2 [--symbol]: a bad print moves the oracle"),
    FaultInfo("latency", NETWORK, "latency --latency MS [--jitter MS]: answers wait"),
    FaultInfo("error", NETWORK, "error [--code UNAVAILABLE] [--http-status 503]: requests are refused"),
    FaultInfo("timeout", NETWORK, "timeout [--latency MS]: no answer until the caller's deadline"),
    FaultInfo("lost-reply", NETWORK, "lost-reply: applied, then the reply is dropped"),
    FaultInfo("outage", NETWORK, "outage: the service is unreachable"),
    FaultInfo("rate-limit", NETWORK, "rate-limit --limit N --window S: refused past N a window"),
)}


def names(family: str) -> tuple[str, ...]:
    """The kinds of one family, in the catalogue's order."""
    return tuple(n for n, f in CATALOGUE.items() if f.family == family)


def choices() -> str:
    """The kinds, family by family, for the CLI's argument help."""
    return "; ".join(f"{family}: {', '.join(names(family))}" for family in FAMILIES)


def inject_help() -> str:
    """`fivelayer fault inject --help`: every kind's line, family by family."""
    return "Switch a fault on in the running sandbox, under whatever traffic is driving it.\n\n" + "\n\n".join(
        f"{title}: " + "; ".join(f"`{CATALOGUE[n].help}`" for n in names(family)) + "."
        for family, title in FAMILIES.items())

