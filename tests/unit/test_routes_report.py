"""The route comparison's report: the arithmetic from what the layers said, and its renderings."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from fivelayer.control.drills.routes_report import (
    Facts,
    Point,
    Recovered,
    assemble,
    in_kind_dividend,
    outcome,
    series,
    shares_for,
    split_funding,
    to_json,
    to_markdown,
    to_message,
)

D = Decimal


def facts() -> list[Facts]:
    tokenized = Facts("tokenized", "usr-000001", "AAPLx", quantity=D("29.711501"), exposure=D("29.76307668593"),
                      price=D("281.68"), cash=D("490"), fees=D("10"), dividend_gross=D("24.66"),
                      dividend_received=D("17.26"), withholding=D("7.40"), dividend_terms="reinvested",
                      values=[Point("2026-11-20T21:00:00Z", "Friday close", D("335.53"), D("10459.1"))],
                      recoveries=[Recovered("issuer-insolvency", D("8383.66"), D("8300"), "secured")])
    perp = Facts("perpetual", "usr-000003", "AAPL-PERP", quantity=D("29.711501"), exposure=D("29.711501"),
                 price=D("281.68"), cash=D("500"), fees=D("4.5"), funding=[D("-1.25"), D("0.5"), D("-0.25")],
                 position_value=D("8400.123"),
                 values=[Point("2026-11-20T21:00:00Z", "Friday close", D("335.53"), D("10460"))],
                 recoveries=[Recovered("issuer-insolvency", D("8400.12"), D("8400.12"), "the exchange")])
    traditional = Facts("traditional", "usr-000002", "AAPL", reason="UNAVAILABLE: down")
    return [perp, traditional, tokenized]


def test_shares_for_never_buys_more_than_the_amount() -> None:
    assert shares_for(D("10000"), D("336.16")) == D("29.747739")
    assert shares_for(D("10000"), D("336.16")) * D("336.16") <= D("10000")
    assert shares_for(D("10000"), D("0")) == 0


def test_a_reinvested_dividend_is_gross_less_the_spvs_withholding_in_kind() -> None:
    # 10 tokens of 1 share each, $1 dividend, 30% withheld, reference $99: the multiplier grows by 0.7/99
    after = D(1) + D("0.7") / D(99)
    gross, withheld, received = in_kind_dividend(D(10), D(1), after, D(1), D("0.3"), D(99))
    assert (gross, withheld, received) == (D("10.00"), D("3.00"), D("7.00"))


def test_funding_splits_into_received_and_paid() -> None:
    assert split_funding([D("-1.25"), D("0.5"), D("-0.25")]) == (D("0.5"), D("1.5"))
    assert split_funding([]) == (D(0), D(0))


def test_outcome_values_a_perp_by_its_equity_and_a_token_by_its_exposure() -> None:
    perp, _, tokenized = facts()
    p, t = outcome(perp), outcome(tokenized)
    assert p["holds"] == {"quantity": "29.711501", "exposure_shares": "29.711501", "position_value": "8400.12",
                          "cash": "500.00", "value": "8900.12"}
    assert p["paid"] == {"fees": "4.50", "funding_paid": "1.50", "withholding": "0.00", "total": "6.00"}
    assert p["was_paid"]["funding_received"] == "0.50"
    assert t["holds"]["position_value"] == str((D("29.76307668593") * D("281.68")).quantize(D("0.01")))
    assert t["holds"]["exposure_shares"] == "29.763076685"
    assert t["paid"]["total"] == "17.40" and t["was_paid"]["dividend_received"] == "17.26"
    assert t["recovers"] == [{"insolvency": "issuer-insolvency", "at_stake": "8383.66", "recovered": "8300.00",
                              "percent": "99.00", "basis": "secured"}]


def report() -> dict[str, Any]:
    return assemble(symbol="AAPL", amount=D(10000), seed=1, market_seed=1, span={"story": "a week"},
                    routes=facts(), steps=[], timeline={"events": 3, "digest": "abc"})


def test_the_report_lists_the_routes_in_order_and_is_canonical_json() -> None:
    r = report()
    assert [x["route"] for x in r["routes"]] == ["tokenized", "traditional", "perpetual"]
    assert r["routes"][1]["available"] is False and r["routes"][1]["reason"] == "UNAVAILABLE: down"
    text = to_json(r)
    assert text == to_json(json.loads(text)) and text == to_json(report())


def test_series_gives_one_line_per_route_on_the_same_instants() -> None:
    s = series(report())
    assert s["at"] == ["2026-11-20T21:00:00Z"] and s["labels"] == ["Friday close"]
    assert [(x["route"], x["values"]) for x in s["series"]] == [
        ("tokenized", ["10459.10"]), ("traditional", []), ("perpetual", ["10460.00"])]


def test_markdown_and_message_carry_the_same_figures() -> None:
    r = report()
    markdown = to_markdown(r)
    assert "## tokenized: AAPLx (usr-000001)" in markdown and "Not available: UNAVAILABLE: down" in markdown
    assert "recovers under issuer-insolvency: $8300.00 of $8383.66 (99.00%)" in markdown
    message = to_message(r)
    assert [o.route for o in message.routes] == ["tokenized", "traditional", "perpetual"]
    perp = message.routes[2]
    assert (perp.value.value, perp.funding_paid.value, perp.values[0].label) == ("8900.12", "1.50", "Friday close")
    assert message.report_json == to_json(r) and message.timeline_digest == "abc"


def test_what_was_paid_adds_up_to_the_cent_as_shown() -> None:
    f = Facts("perpetual", "u", "AAPL-PERP", fees=D("4.504"), funding=[D("-18.204")], withholding=D("0.004"))
    paid = outcome(f)["paid"]
    assert (paid["fees"], paid["funding_paid"], paid["withholding"], paid["total"]) == ("4.50", "18.20", "0.00",
                                                                                         "22.70")
