"""The estate's waterfall: a secured product's agent and holders from their own collateral, then the
administrator, the unsecured claims pro rata and the subordinated sponsor, from the general estate;
rounded so the estate never pays out more than it has."""
from __future__ import annotations

import json
import random
from decimal import Decimal

from fivelayer.issuer.waterfall import (
    GENERAL,
    Line,
    Product,
    Statement,
    attribute_cash,
    recovery_rate,
    statement_from_json,
    statement_json,
    value_estate,
)

D = Decimal
AGENT = "Fivelayer Security Trustee Ltd"


def secured(token: str, supply: str, per_token: str, shares: str, cash: str = "0", bps: str = "50") -> Product:
    return Product(token, "secured", D(supply), D(per_token), Line("shares", f"{token} shares", D(shares)), D(cash),
                   AGENT, D(bps))


def unsecured(token: str, supply: str, per_token: str, shares: str) -> Product:
    return Product(token, "unsecured", D(supply), D(per_token), Line("shares", f"{token} shares", D(shares)))


def cash(value: str) -> Line:
    return Line("broker_cash", "cash", D(value))


def paid(s: Statement, kind: str, token: str = "") -> Decimal:
    return sum((t.paid for t in s.waterfall if t.kind == kind and t.token == token), D(0))


def test_a_covered_secured_product_pays_its_holders_in_full_and_its_surplus_to_the_general_estate() -> None:
    s = value_estate([secured("AAPLx", "100", "300", "33000"), unsecured("NVDAx", "50", "200", "10000")],
                     [cash("1000")], [], D(5000))
    assert [(t.rank, t.kind, t.token, t.pool) for t in s.waterfall] == [
        (1, "agent_costs", "AAPLx", "collateral:AAPLx"), (2, "secured_holders", "AAPLx", "collateral:AAPLx"),
        (3, "administration", "", GENERAL), (4, "unsecured", "NVDAx", GENERAL), (5, "sponsor", "", GENERAL)]
    assert paid(s, "agent_costs", "AAPLx") == D("165.00")          # 50 bps of 33,000
    assert paid(s, "secured_holders", "AAPLx") == D(30000)          # the whole claim
    assert s.general_estate == D(10000) + D(1000) + D("2835.00")    # NVDA shares, cash, AAPLx's surplus
    assert s.administration_costs == D("415.05") and s.recovery_rate == 1
    assert paid(s, "sponsor") == D("13835.00") - D("415.05") - D(10000)
    assert s.tokens == {"AAPLx": (D(300), D(300)), "NVDAx": (D(200), D(200))}
    assert s.standing == {"AAPLx": "secured", "NVDAx": "unsecured"}
    assert [c.kind for c in s.claims] == ["token_holders"]          # secured holders rank 4 only for a deficiency
    assert {a.pool for a in s.assets if a.description == "AAPLx shares"} == {"collateral:AAPLx"}


def test_a_secured_deficiency_ranks_with_the_unsecured_claims() -> None:
    s = value_estate([secured("AAPLx", "100", "300", "20000", cash="1000"), unsecured("NVDAx", "50", "200", "10000")],
                     [], [], D(5000))
    pool = D(21000)
    assert paid(s, "agent_costs", "AAPLx") == D("105.00")
    assert paid(s, "secured_holders", "AAPLx") == pool - D("105.00")
    deficiency = D(30000) - (pool - D("105.00"))
    assert [(c.kind, c.value) for c in s.claims] == [("secured_deficiency", deficiency), ("token_holders", D(10000))]
    assert s.general_estate == D(10000) and s.distributable == D("9700.00")
    assert s.recovery_rate == D("0.507720")                          # 9,700 / 19,105, rounded down
    aapl = (pool - D("105.00") + deficiency * s.recovery_rate) / 100
    assert s.tokens["AAPLx"][1] == aapl.quantize(D("0.000001"), rounding="ROUND_DOWN")
    assert s.tokens["NVDAx"][1] == D("101.544")                      # 200 x 0.507720
    assert s.tokens["AAPLx"][1] / 300 > s.tokens["NVDAx"][1] / 200   # secured beats unsecured per dollar
    assert paid(s, "sponsor") == 0


def test_unsecured_claims_share_pro_rata_and_the_sponsor_is_paid_last() -> None:
    owed = Line("redemptions_owed", "red-1: burned, not paid", D(2000), D(10), D(200))
    s = value_estate([unsecured("TSLAx", "10", "400", "3000"), unsecured("NVDAx", "40", "200", "6000")],
                     [cash("1000")], [owed], D(1_000_000))
    assert s.administration_costs == D("300.00") and s.distributable == D("9700.00")
    assert s.total_claims == D(4000) + D(8000) + D(2000)
    assert s.recovery_rate == D("0.692857")
    rank4 = [t for t in s.waterfall if t.rank == 4]
    assert [t.paid / t.claim for t in rank4] == [s.recovery_rate] * 3   # one rate for every unsecured claim
    assert [t.token for t in rank4] == ["NVDAx", "TSLAx", ""]
    assert paid(s, "sponsor") == 0 and s.sponsor_loan == D(1_000_000)
    assert sum((t.paid for t in s.waterfall), D(0)) <= s.gross_assets


def test_the_sponsor_takes_what_is_left_after_everyone_else_up_to_its_loan() -> None:
    rich = value_estate([unsecured("NVDAx", "10", "200", "2000")], [cash("100000")], [], D(50000))
    assert rich.recovery_rate == 1 and paid(rich, "sponsor") == D(50000)     # the rest is the SPV's equity
    thin = value_estate([unsecured("NVDAx", "10", "200", "2000")], [cash("1000")], [], D(50000))
    assert paid(thin, "sponsor") == D(3000) - D("90.00") - D(2000)


def test_agent_costs_never_exceed_the_collateral() -> None:
    s = value_estate([secured("AAPLx", "1", "300", "0.01")], [cash("1000")], [], D(0))
    agent = next(t for t in s.waterfall if t.kind == "agent_costs")
    assert (agent.claim, agent.paid) == (D("0.01"), D("0.01"))       # 50 bps of a cent, rounded up: the whole pool
    assert paid(s, "secured_holders", "AAPLx") == 0
    greedy = value_estate([secured("AAPLx", "1", "300", "100", bps="20000")], [], [], D(0))
    agent = next(t for t in greedy.waterfall if t.kind == "agent_costs")
    assert (agent.claim, agent.paid) == (D("200.00"), D(100))
    assert [(c.kind, c.value) for c in greedy.claims] == [("secured_deficiency", D(300))]


def test_an_empty_estate_pays_nothing() -> None:
    s = value_estate([], [], [], D(10_000_000))
    assert (s.gross_assets, s.administration_costs, s.distributable, s.total_claims) == (D(0), D(0), D(0), D(0))
    assert s.recovery_rate == 1 and s.tokens == {}
    assert [(t.kind, t.paid) for t in s.waterfall] == [("administration", D(0)), ("sponsor", D(0))]
    none_held = value_estate([secured("AAPLx", "0", "300", "0"), unsecured("NVDAx", "0", "200", "0")], [], [], D(0))
    assert none_held.tokens == {"AAPLx": (D(300), D(300)), "NVDAx": (D(200), D(200))}
    assert [t.kind for t in none_held.waterfall] == ["administration", "sponsor"]


def test_rounding_never_pays_more_than_the_estate_has() -> None:
    rng = random.Random(18)

    def amount(places: int, top: int) -> Decimal:
        return D(rng.randrange(0, top * 10 ** places)).scaleb(-places)
    for _ in range(300):
        products = [secured("AAPLx", str(amount(18, 50)), str(amount(9, 400)), str(amount(11, 20000)),
                            str(amount(2, 500)), str(rng.randrange(0, 300))),
                    secured("SPYx", str(amount(18, 10)), str(amount(9, 700)), str(amount(11, 9000))),
                    unsecured("NVDAx", str(amount(18, 90)), str(amount(9, 200)), str(amount(11, 20000)))]
        s = value_estate(products, [cash(str(amount(2, 5000) - 2500)), Line("stablecoin", "FUSD", amount(6, 900))],
                         [Line("redemptions_owed", "r", amount(8, 3000))], amount(2, 9000))
        assert sum((t.paid for t in s.waterfall), D(0)) <= sum((a.value for a in s.assets if a.value > 0), D(0))
        assert sum((t.paid for t in s.waterfall if t.pool == GENERAL), D(0)) <= max(s.general_estate, D(0))
        assert all(0 <= t.paid <= t.claim for t in s.waterfall)
        for pool in {p.token for p in products if p.secured}:
            spent = sum((t.paid for t in s.waterfall if t.pool == f"collateral:{pool}"), D(0))
            assert spent <= sum((a.value for a in s.assets if a.pool == f"collateral:{pool}"), D(0))
        for p in products:
            to_holders = sum((t.paid for t in s.waterfall if t.token == p.token and t.kind != "agent_costs"), D(0))
            assert p.supply * s.tokens[p.token][1] <= to_holders
            assert s.tokens[p.token][1] <= p.claim_per_token


def test_the_products_cash_is_what_the_spv_still_has() -> None:
    assert attribute_cash(D(100), {"SPYx": D(80), "AAPLx": D(50)}) == {"AAPLx": D(50), "SPYx": D(50)}
    assert attribute_cash(D(-5), {"AAPLx": D(50)}) == {"AAPLx": D(0)}


def test_a_solvent_estate_pays_in_full_and_never_more() -> None:
    assert recovery_rate(D(500), D(400)) == 1
    assert recovery_rate(D(-5), D(400)) == 0
    assert recovery_rate(D(0), D(0)) == 1


def test_the_statement_survives_its_json_and_old_statements_still_load() -> None:
    s = value_estate([secured("AAPLx", "2", "250.5", "400", cash="12.5"), unsecured("NVDAx", "1", "100", "90")],
                     [Line("stablecoin", "FUSD", D("12.5"), D("12.5"), D(1))],
                     [Line("redemptions_owed", "x", D(25))], D(1000))
    assert statement_from_json(statement_json(s)) == s
    old = json.loads(statement_json(s))
    for key in ("standing", "waterfall", "general_estate", "sponsor_loan"):
        del old[key]
    for line in old["assets"] + old["claims"]:
        del line["pool"]
    loaded = statement_from_json(json.dumps(old))
    assert loaded.standing == {"AAPLx": "unsecured", "NVDAx": "unsecured"} and loaded.waterfall == []
    assert loaded.general_estate == s.gross_assets and loaded.tokens == s.tokens
