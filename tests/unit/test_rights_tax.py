"""The rights trace's tax lines (issue 17): on the token route the broker's withholding on the SPV
and the section 871(m) dividend equivalent at the SPV; on the traditional route the holder's own
tax status, its basis and its statement."""
from __future__ import annotations

from decimal import Decimal

from fivelayer.control.rights import TRANSFORMED, TokenView, TraditionalView, trace_token, trace_traditional
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts

CONTRACTS = load_contracts(REPO_ROOT / "contracts")
D = Decimal
SPV_DIVIDEND = [{"gross": "260.00", "withheld": "78.00", "net": "182.00", "withholding_rate": "0.3",
                 "tax_status": "w8ben_e", "tax_country": "JEY"}]
EQUIVALENT = [{"gross": "260.00", "withheld": "78.00", "tax_871m": "78.00", "tax_871m_additional": "0"}]


def dividends(token: str, **fields: object) -> object:
    contract = CONTRACTS[token]
    values: dict[str, object] = dict(token=token, underlying=contract.underlying, quantity=D(10), multiplier=D(1),
                                     price=D("230.00"), terms=contract.terms, custody="own wallet",
                                     dividends_to_spv=SPV_DIVIDEND, **fields)
    view = TokenView(**values)  # type: ignore[arg-type]
    return next(r for r in trace_token(view).rights if r.right == "dividends")


def test_the_token_route_shows_the_spvs_withholding_and_the_871m_tax() -> None:
    right = dividends("NVDAx", dividend_equivalents=EQUIVALENT, paid_to_holder=D("0.91"))
    layers = [(s.layer, s.status) for s in right.steps]  # type: ignore[attr-defined]
    assert layers == [("depository", "kept"), ("broker", TRANSFORMED), ("issuer SPV", TRANSFORMED),
                      ("issuer SPV", TRANSFORMED)]
    broker, section, policy = right.steps[1], right.steps[2], right.steps[3]  # type: ignore[attr-defined]
    assert "withheld 78.00 (w8ben_e JEY at 0.3)" in broker.detail
    assert "dividend equivalent" in section.detail and "tax 78.00" in section.detail
    assert "the SPV withheld 0 more" in section.detail and "1.871-15" in section.rule
    assert policy.rule == CONTRACTS["NVDAx"].dividends_clause                  # the contract still decides
    assert right.reached == "0.91 FUSD to the holder's address"               # type: ignore[attr-defined]
    waiting = dividends("AAPLx")
    assert "will be a dividend equivalent" in waiting.steps[2].detail          # type: ignore[attr-defined]
    kept = dividends("TSLAx")                                                  # passes nothing: no 871(m) line
    assert not any("871(m)" in s.detail for s in kept.steps)                   # type: ignore[attr-defined]


def test_the_traditional_route_shows_the_holders_status_and_its_basis() -> None:
    position = trace_traditional(TraditionalView(
        symbol="AAPL", quantity=D(10), settled=D(10), price=D("230.00"), account_id="acct-000003",
        tax_profile="w8ben", tax_country="JPN",
        tax_basis="W-8BEN, JPN: US-Japan treaty rate on portfolio dividends 10%",
        dividends=[{"gross": "2.6", "withheld": "0.26", "net": "2.34", "withholding_rate": "0.1",
                    "tax_status": "w8ben", "tax_country": "JPN"}]))
    right = next(r for r in position.rights if r.right == "dividends")
    step = right.steps[-1]
    assert (step.layer, step.status) == ("broker", TRANSFORMED)
    assert "tax status w8ben (JPN): withheld 0.26 of 2.6" in step.detail and "tax-statement" in step.detail
    assert "US-Japan treaty" in step.rule
    assert right.reached == "2.34 USD cash (gross 2.6, withheld 0.26)"
