"""A drill's report as the series its plots draw (plotly.js draws them in the page).

Three questions a room asks after a drill: how much was unbacked, day by day; which refusals did
integrators see; and what does a token holder recover when the SPV fails, against someone who
owned the shares through a broker. The answers are read from the report's own record (its
`daily` layers, `refusals_seen`, and the insolvency findings), nothing recomputed from elsewhere.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from fivelayer.kernel.money import fmt

Json = dict[str, Any]
RECOVERY = "recovery per holder"
CENT = Decimal("0.01")
TOKEN_SUFFIX = "x"  # contracts/: each stock token is its underlying's symbol plus "x" (AAPL -> AAPLx)


def _usd(value: Decimal) -> str:
    return format(value.quantize(CENT), "f")


def _dec(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def unbacked(report: Json) -> Json:
    """Per token, its unbacked value ($) and shares at each day's snapshot (a live report's are `layers`)."""
    days = report.get("daily") or report.get("layers") or []
    at = [day["at"] for day in days]
    tokens = sorted({t["token"] for day in days for t in day.get("tokens", [])})
    series = []
    for token in tokens:
        values, shares = [], []
        for day in days:
            line = next((t for t in day.get("tokens", []) if t["token"] == token), None)
            values.append(fmt(_dec(line["unbacked_value"])) if line else "0")
            shares.append(fmt(_dec(line["shares_unbacked"])) if line else "0")
        series.append({"token": token, "unbacked_value": values, "unbacked_shares": shares})
    return {"at": at, "series": series}


def refusals(report: Json) -> Json:
    seen = report.get("refusals_seen") or {}
    reasons = sorted(seen, key=lambda r: (-int(seen[r]), r))
    return {"reasons": reasons, "counts": [int(seen[r]) for r in reasons]}


def _last_prices(report: Json) -> dict[str, Decimal]:
    days = report.get("daily") or []
    return {t["token"]: _dec(t["price"]) for t in (days[-1].get("tokens", []) if days else [])}


def recovery(report: Json) -> Json | None:
    """Each token holder's recovery from the estate as a share of her claim, and each holder on the
    traditional route (her own broker account) beside them: she still owns her shares, so she
    recovers all of their value. None when the drill had no insolvency."""
    rows = (report.get("findings") or {}).get(RECOVERY)
    if not isinstance(rows, list):
        return None
    holders = []
    for row in rows:
        claim, paid = _dec(row.get("claim_usd")), _dec(row.get("recovery_usd"))
        holders.append({"holder": f"{row.get('holder')} ({row.get('where')}, {row.get('token')})",
                        "route": row.get("route") or "tokenized", "claim_usd": _usd(claim), "recovery_usd": _usd(paid),
                        "percent": _usd(paid * 100 / claim) if claim else "0.00"})
    if any(h["route"] == "traditional" for h in holders):
        return {"holders": holders}  # the drill says what the traditional holders recover (a failed broker)
    prices = _last_prices(report)
    for row in report.get("holdings") or []:
        if row.get("where") != "broker account" or row.get("asset") == "USD":
            continue
        price = prices.get(f"{row['asset']}{TOKEN_SUFFIX}")
        if price is None:
            continue
        value = _usd(_dec(row["quantity"]) * price)
        holders.append({"holder": f"{row['holder']} (broker account, {row['asset']})", "route": "traditional",
                        "claim_usd": value, "recovery_usd": value, "percent": "100.00"})
    return {"holders": holders}


def plots(report: Json) -> Json:
    return {"unbacked": unbacked(report), "refusals": refusals(report), "recovery": recovery(report)}
