"""Tax at the SPV (issue 17): its dividend from the broker is withheld by the broker's rule (to the
nearest cent, halves up); what a product passes on for it is a section 871(m) dividend equivalent,
recorded with its tax, and the SPV withholds only what 30% exceeds the broker's withholding by."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import tax
from fivelayer.issuer import distributions as dist
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import issuer_pb2

from tests.unit.test_issuer_distributions import ALICE, BOB, PAY, PAY_RUN, World, make_world

D = Decimal


@pytest.mark.parametrize(("shares", "rate", "withholding", "gross", "withheld"), [
    ("0.1", "0.1", "0.3", "0.01", "0.00"),          # 0.003: nothing withheld
    ("0.5", "0.1", "0.3", "0.05", "0.02"),          # 0.015: the half up
    ("1000", "0.26", "0.3", "260.00", "78.00"),
    ("333.333333333", "0.2417", "0.3", "80.56", "24.17"),   # 24.168
    ("7.3", "0.26", "0.15", "1.89", "0.28"),        # 0.2835
])
def test_the_spv_checks_its_dividend_by_the_brokers_rule(shares: str, rate: str, withholding: str, gross: str,
                                                         withheld: str) -> None:
    cash = dist.dividend_cash(D(shares), D(rate), D(withholding))
    assert (cash.gross, cash.withheld, cash.net) == (D(gross), D(withheld), D(gross) - D(withheld))
    assert cash.withheld == tax.withhold(cash.gross, D(withholding))      # the broker's rule, the same


def test_the_two_services_round_alike() -> None:
    for cents in range(0, 1001, 7):
        for rate in ("0", "0.1", "0.15", "0.24", "0.25", "0.3"):
            gross = D(cents) / 100
            assert dist.withhold(gross, D(rate)) == tax.withhold(gross, D(rate)), (gross, rate)


def test_a_dividend_equivalent_credits_what_the_broker_withheld() -> None:
    full = dist.dividend_equivalent(D("260.00"), D("78.00"))
    assert (full.tax, full.additional) == (D("78.00"), D(0)) and "withholds nothing more" in full.note()
    treaty = dist.dividend_equivalent(D("260.00"), D("39.00"))           # an SPV withheld at a treaty 15%
    assert (treaty.tax, treaty.additional) == (D("78.00"), D("39.00")) and "withholds 39.00 more" in treaty.note()
    assert dist.dividend_equivalent(D("0.05"), D("0.02")).additional == 0


@pytest.fixture
def spv(tmp_path: Path) -> World:
    return make_world(tmp_path)


def test_the_spv_records_the_871m_tax_and_withholds_nothing_more_after_30_percent(spv: World) -> None:
    spv.mint("AAPLx", EXCHANGE_HOT_WALLET, "1000")
    spv.mint("TSLAx", EXCHANGE_HOT_WALLET, "10")
    spv.at(PAY_RUN)
    spv.dividend("AAPL")                                       # reinvest: the multiplier's rise is the payment
    spv.dividend("TSLA")                                       # none: nothing passes on
    spv.issuer.handlers.apply_notices()
    reinvest, none = spv.rows()
    assert (reinvest.dividend_equivalent, reinvest.tax_871m, reinvest.tax_871m_additional) == (True, D("78.00"), D(0))
    assert "section 871(m)" in reinvest.tax_note and "withholds nothing more" in reinvest.tax_note
    assert reinvest.net == D("182.00") and reinvest.cost + reinvest.retained == D("182.00")   # all of it reinvested
    assert (none.dividend_equivalent, none.tax_871m) == (False, D(0)) and "no dividend equivalent" in none.tax_note
    [listed, _] = spv.issuer.ListDistributions(issuer_pb2.ListDistributionsRequest(), LocalContext()).distributions
    assert (listed.dividend_equivalent, listed.tax_871m.value, listed.tax_871m_additional.value) == (True, "78", "0")
    with spv.issuer.db.read() as s:
        assert Ledger(s).balance("@irs", "USD") == 0
    spv.proves()


def test_an_spv_withheld_less_upstream_withholds_the_rest_before_paying_holders(spv: World) -> None:
    spv.mint("NVDAx", ALICE, "3")
    spv.mint("NVDAx", BOB, "1")
    spv.at(PAY_RUN)
    spv.notice("dividend", "NVDA", shares=to_pb(D(1000)), rate=to_pb(D("0.26")), gross=to_pb(D("260.00")),
               withheld=to_pb(D("39.00")), net=to_pb(D("221.00")), withholding_rate=to_pb(D("0.15")), pay_date=PAY,
               tax_status="w8ben_e", tax_country="IRL")
    before = {a: spv.fusd(a) for a in (ALICE, BOB)}
    spv.issuer.handlers.apply_notices()
    [row] = spv.rows()
    assert (row.tax_871m, row.tax_871m_additional) == (D("78.00"), D("39.00"))
    assert {a: spv.fusd(a) - before[a] for a in before} == {ALICE: D("136.5"), BOB: D("45.5")}   # 182.00 shared
    assert row.paid_total == D("182.00") and row.retained == 0
    with spv.issuer.db.read() as s:
        assert Ledger(s).balance("@irs", "USD") == D("39.00")
        assert Ledger(s).balance("dividends:NVDAx", "USD") == 0
    spv.proves()
