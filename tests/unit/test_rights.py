"""The rights trace: the same "AAPL" carries different rights by route and product, and each right
says at which layer it was kept, transformed or lost, and by which clause."""
from __future__ import annotations

from decimal import Decimal

from fivelayer.control.rights import (
    KEPT,
    LOST,
    TRANSFORMED,
    RightStatus,
    TokenView,
    TraditionalView,
    trace_token,
    trace_traditional,
)
from fivelayer.control.rights_trace import RIGHT_STATUS_PB
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts
from fivelayer.v1 import statuses_pb2

CONTRACTS = load_contracts(REPO_ROOT / "contracts")
D = Decimal
SPV_DIVIDEND = [{"gross": "260.00", "withheld": "78.00", "net": "182.00"}]


def token_view(token: str, **overrides: object) -> TokenView:
    contract = CONTRACTS[token]
    fields: dict[str, object] = dict(token=token, underlying=contract.underlying, quantity=D(10), multiplier=D(1),
                                     price=D("230.00"), terms=contract.terms, custody="own wallet",
                                     dividends_to_spv=SPV_DIVIDEND, meetings=1)
    fields.update(overrides)
    return TokenView(**fields)  # type: ignore[arg-type]


def outcomes(position: object) -> dict[str, str]:
    return {r.right: r.outcome for r in position.rights}  # type: ignore[attr-defined]


def test_a_token_holder_keeps_exposure_in_another_form_and_loses_the_vote_and_sipc() -> None:
    position = trace_token(token_view("AAPLx", distributions=[
        {"multiplier_before": "1", "multiplier_after": "1.000791304", "effective_at": "2026-12-01T14:30:00Z"}]))
    assert outcomes(position) == {"price exposure": TRANSFORMED, "dividends": TRANSFORMED, "voting": LOST,
                                  "redemption": TRANSFORMED, "SIPC protection": LOST,
                                  "recovery in insolvency": TRANSFORMED}
    voting = next(r for r in position.rights if r.right == "voting")
    assert [(s.layer, s.status) for s in voting.steps] == [("depository", KEPT), ("broker", TRANSFORMED),
                                                            ("issuer SPV", LOST)]
    assert "none" in voting.steps[-1].rule and "do not vote" in voting.steps[-1].detail
    spv_form = {"action_id": "ca-000003", "symbol": "AAPL", "shares": "10", "votes": "10", "status": "cast",
                "cutoff": "2026-12-15T04:59:00Z", "do_not_vote": True, "proposals": [
                    {"proposal_id": "1", "instruction": "", "vote": "", "how": "not voted"}]}
    voted = next(r for r in trace_token(token_view("AAPLx", spv_forms=[spv_form])).rights if r.right == "voting")
    assert voted.reached == ("no vote, no meeting notice; the SPV's shares behind the tokens: "
                             "ca-000003 (10 of 10 AAPL vote): the broker cast 1 not voted")
    dividends = next(r for r in position.rights if r.right == "dividends")
    assert "withheld 78.00" in dividends.steps[1].detail and "1 -> 1.000791304" in dividends.reached


def test_a_product_that_passes_nothing_loses_the_dividend_at_the_issuer() -> None:
    position = trace_token(token_view("TSLAx"))
    dividends = next(r for r in position.rights if r.right == "dividends")
    assert dividends.outcome == LOST and dividends.steps[-1].layer == "issuer SPV" and dividends.reached == "nothing"


def test_a_stablecoin_product_pays_the_holder_and_an_insolvent_spv_shows_the_recovery() -> None:
    position = trace_token(token_view("NVDAx", paid_to_holder=D("0.91"), insolvent=True,
                                      recovery_per_token=D("151.20")))
    reached = {r.right: r.reached for r in position.rights}
    assert reached["dividends"] == "0.91 FUSD to the holder's address"
    assert reached["recovery in insolvency"] == "151.20 USD per token, 1512.00 USD"


def form(status: str, *proposals: dict[str, object]) -> dict[str, object]:
    return {"action_id": "ca-000003", "symbol": "AAPL", "shares": "2.5", "votes": "2", "status": status,
            "cutoff": "2026-12-15T04:59:00Z", "do_not_vote": False, "proposals": list(proposals)}


def test_a_traditional_holder_keeps_every_right_but_votes_through_the_broker() -> None:
    position = trace_traditional(TraditionalView(
        symbol="AAPL", quantity=D(2), settled=D(2), price=D("230.00"), account_id="acct-000004",
        tax_profile="us_person", dividends=[{"gross": "0.52", "withheld": "0", "net": "0.52"}],
        meetings=[{"symbol": "AAPL"}], sipc_protected=D("460.00"), forms=[form(
            "cast", {"proposal_id": "1", "instruction": "", "vote": "for", "how": "broker vote"},
            {"proposal_id": "2", "instruction": "against", "vote": "against", "how": "instructed"},
            {"proposal_id": "3", "instruction": "", "vote": "", "how": "broker non-vote"})]))
    assert outcomes(position) == {"price exposure": KEPT, "dividends": KEPT, "voting": TRANSFORMED,
                                  "redemption": KEPT, "SIPC protection": KEPT, "recovery in insolvency": KEPT}
    reached = {r.right: r.reached for r in position.rights}
    assert reached["dividends"] == "0.52 USD cash (gross 0.52, withheld 0)"
    assert reached["voting"] == ("ca-000003 (2 of 2.5 AAPL vote): the broker cast 1 for (broker vote), "
                                 "2 against (instructed), 3 not voted (broker non-vote)")
    voting = next(r for r in position.rights if r.right == "voting")
    assert voting.steps[-1].detail.startswith("an instruction right") and "NYSE Rule 452" in voting.steps[-1].rule
    waiting = trace_traditional(TraditionalView(
        symbol="AAPL", quantity=D(2), settled=D(2), price=D("230.00"), account_id="acct-000004",
        tax_profile="us_person", forms=[form("open", {"proposal_id": "1", "instruction": "for"},
                                             {"proposal_id": "2", "instruction": ""})]))
    assert next(r for r in waiting.rights if r.right == "voting").reached == (
        "ca-000003 (2 of 2.5 AAPL vote): instructions taken until 2026-12-15T04:59:00Z; 1 for, 2 no instruction yet")


def test_a_stablecoin_dividend_to_the_exchanges_omnibus_wallet_stops_at_the_exchange() -> None:
    position = trace_token(token_view("NVDAx", custody="the exchange's omnibus wallet", paid_to_custodian=D("0.03")))
    dividends = next(r for r in position.rights if r.right == "dividends")
    assert [(s.layer, s.status) for s in dividends.steps][-1] == ("exchange", LOST)
    assert "0.03 FUSD reached the exchange's omnibus wallet" in dividends.steps[-1].detail


def test_a_rights_status_travels_as_the_enum_value_of_its_name() -> None:
    assert {s.name: statuses_pb2.RightStatus.Name(v).removeprefix("RIGHT_STATUS_")
            for s, v in RIGHT_STATUS_PB.items()} == {s.name: s.name for s in RightStatus}
