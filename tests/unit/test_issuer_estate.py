"""Insolvency arithmetic: administration first, then every unsecured claim pari passu, rounded so
the estate never pays out more than it has."""
from __future__ import annotations

from decimal import Decimal

from fivelayer.issuer.estate import Line, recovery_rate, statement_from_json, statement_json, value_estate

D = Decimal


def test_administration_first_then_pari_passu() -> None:
    assets = [Line("shares", "AAPL", D("600000"), D(2000), D(300)), Line("broker_cash", "cash", D("400000"))]
    claims = [Line("token_holders", "AAPLx", D("900000")), Line("sponsor_facility", "loan", D("300000"))]
    s = value_estate(assets, claims, {"AAPLx": D("300")}, administration_bps=D(300))
    assert (s.gross_assets, s.administration_costs, s.distributable) == (D(1_000_000), D("30000.00"), D("970000.00"))
    assert s.total_claims == D(1_200_000)
    assert s.recovery_rate == D("0.808333")              # 0.80833333... rounded down
    assert s.tokens["AAPLx"] == (D(300), D("242.4999"))  # 300 x 0.808333
    paid = sum((c.value * s.recovery_rate for c in claims), D(0))
    assert paid <= s.distributable


def test_a_solvent_estate_pays_in_full_and_never_more() -> None:
    assert recovery_rate(D(500), D(400)) == 1
    assert recovery_rate(D(-5), D(400)) == 0
    assert recovery_rate(D(0), D(0)) == 1


def test_the_statement_survives_its_json() -> None:
    s = value_estate([Line("stablecoin", "FUSD", D("12.5"), D("12.5"), D(1))], [Line("token_holders", "x", D(25))],
                     {"AAPLx": D("250.5")})
    assert statement_from_json(statement_json(s)) == s
