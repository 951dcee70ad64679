"""The route comparison's report, built from what the layers said: pure arithmetic, no calls.

`routes_compare` gathers one `Facts` per route (the holder's own figures as each layer reported them);
this module turns them into the report: what the holder has, was paid, paid and recovers, and the value
series a plot draws. The JSON is the record (sorted keys, decimals as strings, sandbox instants only),
so the same seed gives the same bytes; the Markdown and the RoutesReport message are rendered from it.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from fivelayer.kernel.money import ZERO, fmt
from fivelayer.kernel.timeutil import parse_instant, to_ts
from fivelayer.v1 import common_pb2, control_pb2

CENT = Decimal("0.01")
SHARE = Decimal("0.000000001")          # shares of exposure are shown to 9 places, as a broker's books
EXPOSURE_PLACES = Decimal("0.000001")  # shares of exposure bought: the same on every route
ROUTES = ("tokenized", "traditional", "perpetual")


def usd(value: Decimal) -> str:
    return str(value.quantize(CENT, ROUND_HALF_UP))


def shares_for(amount: Decimal, price: Decimal) -> Decimal:
    """The shares of exposure `amount` dollars buy at `price`, rounded down: never more than the amount."""
    return (amount / price).quantize(EXPOSURE_PLACES, ROUND_DOWN) if price > 0 else ZERO


def in_kind_dividend(tokens: Decimal, before: Decimal, after: Decimal, dividend: Decimal, rate: Decimal,
                     reference: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """A reinvested dividend as its holder sees it: (gross on the shares her tokens stood for, the tax the
    SPV had withheld from it at its broker, the value she received in kind: the multiplier's increase on
    her tokens at the reference price the issuer used)."""
    gross = (tokens * before * dividend).quantize(CENT, ROUND_DOWN)  # as the broker's notices: rounded down
    return gross, (gross * rate).quantize(CENT, ROUND_HALF_UP), (tokens * (after - before) * reference).quantize(CENT)


def split_funding(amounts: Iterable[Decimal]) -> tuple[Decimal, Decimal]:
    """Funding payments (+ received, - paid) as (received, paid), both positive."""
    values = list(amounts)
    return sum((a for a in values if a > 0), ZERO), -sum((a for a in values if a < 0), ZERO)


@dataclass(frozen=True)
class Point:
    at: str
    label: str
    price: Decimal
    value: Decimal


@dataclass(frozen=True)
class Recovered:
    insolvency: str
    at_stake: Decimal
    recovered: Decimal
    basis: str


@dataclass
class Facts:
    """One route's holder as the layers reported her; zero until read. `reason` set: the route refused."""

    route: str
    holder: str
    instrument: str
    reason: str = ""
    quantity: Decimal = ZERO
    exposure: Decimal = ZERO
    price: Decimal = ZERO          # the stock's price at the end
    cash: Decimal = ZERO           # FUSD at the exchange and USD at the broker
    fees: Decimal = ZERO
    dividend_gross: Decimal = ZERO
    dividend_received: Decimal = ZERO
    withholding: Decimal = ZERO
    dividend_terms: str = ""
    funding: list[Decimal] = field(default_factory=list)
    values: list[Point] = field(default_factory=list)
    recoveries: list[Recovered] = field(default_factory=list)
    position_value: Decimal | None = None  # a perp's equity (margin + PnL); else exposure x price


def outcome(facts: Facts) -> dict[str, Any]:
    """One route's row of the report."""
    position = facts.position_value if facts.position_value is not None else facts.exposure * facts.price
    received, paid = split_funding(facts.funding)
    return {
        "route": facts.route, "holder": facts.holder, "instrument": facts.instrument,
        "available": not facts.reason, "reason": facts.reason,
        "holds": {"quantity": fmt(facts.quantity), "exposure_shares": fmt(facts.exposure.quantize(SHARE, ROUND_DOWN)),
                  "position_value": usd(position), "cash": usd(facts.cash), "value": usd(position + facts.cash)},
        "was_paid": {"dividend_gross": usd(facts.dividend_gross), "dividend_received": usd(facts.dividend_received),
                     "funding_received": usd(received), "terms": facts.dividend_terms},
        "paid": {"fees": usd(facts.fees), "funding_paid": usd(paid), "withholding": usd(facts.withholding),
                 "total": usd(sum((Decimal(usd(v)) for v in (facts.fees, paid, facts.withholding)), ZERO))},
        "recovers": [{"insolvency": r.insolvency, "at_stake": usd(r.at_stake), "recovered": usd(r.recovered),
                      "percent": usd(r.recovered * 100 / r.at_stake) if r.at_stake else "100.00",
                      "basis": r.basis} for r in facts.recoveries],
        "values": [{"at": p.at, "label": p.label, "price": fmt(p.price), "value": usd(p.value)} for p in facts.values],
    }


def assemble(*, symbol: str, amount: Decimal, seed: int, market_seed: int, span: dict[str, Any],
             routes: list[Facts], steps: list[dict[str, str]], timeline: dict[str, Any]) -> dict[str, Any]:
    order = {name: n for n, name in enumerate(ROUTES)}
    return {"comparison": "routes", "symbol": symbol, "amount": usd(amount), "seed": seed, "market_seed": market_seed,
            "span": span, "routes": [outcome(f) for f in sorted(routes, key=lambda f: order.get(f.route, 99))],
            "steps": steps, "timeline": timeline}


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def series(report: dict[str, Any]) -> dict[str, Any]:
    """The three holders' value over the span, as the dashboard's plot draws it."""
    routes = report.get("routes") or []
    first: list[dict[str, str]] = next((r["values"] for r in routes if r.get("values")), [])
    return {"at": [p["at"] for p in first], "labels": [p["label"] for p in first],
            "series": [{"route": r["route"], "instrument": r["instrument"], "available": r["available"],
                        "values": [p["value"] for p in r["values"]]} for r in routes]}


def to_markdown(report: dict[str, Any]) -> str:
    span = report["span"]
    out = [f"# Routes compared: ${report['amount']} of {report['symbol']}", "",
           f"Seed {report['seed']} (market data seed {report['market_seed']}). {span['story']}", ""]
    for r in report["routes"]:
        out += [f"## {r['route']}: {r['instrument']} ({r['holder']})", ""]
        if not r["available"]:
            out += [f"Not available: {r['reason']}", ""]
            continue
        h, w, p = r["holds"], r["was_paid"], r["paid"]
        out += [f"- holds: {h['quantity']} {r['instrument']} ({h['exposure_shares']} shares of exposure) worth "
                f"${h['position_value']}, and ${h['cash']} in cash: ${h['value']}",
                f"- was paid: dividend ${w['dividend_received']} of ${w['dividend_gross']} gross; funding received "
                f"${w['funding_received']} — {w['terms']}",
                f"- paid: fees ${p['fees']}, funding ${p['funding_paid']}, withholding ${p['withholding']}: "
                f"${p['total']}"]
        out += [f"- recovers under {x['insolvency']}: ${x['recovered']} of ${x['at_stake']} ({x['percent']}%) — "
                f"{x['basis']}" for x in r["recovers"]]
        out += ["", "| at | when | price | value |", "|---|---|---|---|"]
        out += [f"| {v['at']} | {v['label']} | {v['price']} | {v['value']} |" for v in r["values"]]
        out.append("")
    t = report["timeline"]
    out += [f"Timeline: {t['events']} events, sha256 digest `{t['digest']}`: the same seed gives the same report.", ""]
    return "\n".join(out)


def _dec(text: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=text)


def to_message(report: dict[str, Any]) -> control_pb2.RoutesReport:
    routes = []
    for r in report["routes"]:
        h, w, p = r["holds"], r["was_paid"], r["paid"]
        routes.append(control_pb2.RouteOutcome(
            route=r["route"], holder=r["holder"], instrument=r["instrument"], available=r["available"],
            reason=r["reason"], quantity=_dec(h["quantity"]), exposure=_dec(h["exposure_shares"]),
            position_value=_dec(h["position_value"]), cash=_dec(h["cash"]), value=_dec(h["value"]),
            dividend_gross=_dec(w["dividend_gross"]), dividend_received=_dec(w["dividend_received"]),
            withholding=_dec(p["withholding"]), fees=_dec(p["fees"]), funding_received=_dec(w["funding_received"]),
            funding_paid=_dec(p["funding_paid"]), dividend_terms=w["terms"],
            recoveries=[control_pb2.Recovery(insolvency=x["insolvency"], at_stake=_dec(x["at_stake"]),
                                             recovered=_dec(x["recovered"]), basis=x["basis"])
                        for x in r["recovers"]],
            values=[control_pb2.ValuePoint(at=to_ts(parse_instant(v["at"])), label=v["label"], price=_dec(v["price"]),
                                           value=_dec(v["value"])) for v in r["values"]]))
    return control_pb2.RoutesReport(symbol=report["symbol"], amount=_dec(report["amount"]), seed=report["seed"],
                                    routes=routes, timeline_digest=report["timeline"]["digest"],
                                    report_json=to_json(report), report_markdown=to_markdown(report))
