"""Reference data defined once in the kernel agrees with the contracts and the depository's participants."""
from __future__ import annotations

from fivelayer.depository.capture import PARTICIPANTS
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.reference import (BROKER_PARTICIPANT, FAUCET_ADDRESS, ISSUER_ADDRESS, STABLECOIN,
                                        STREET_PARTICIPANT)


def test_the_stablecoin_and_the_well_known_addresses_are_the_contracts() -> None:
    contracts = load_contracts(REPO_ROOT / "contracts")
    assert [c.symbol for c in contracts.values() if c.kind == "stablecoin"] == [STABLECOIN]
    assert contracts[STABLECOIN].minter == contracts[STABLECOIN].owner == FAUCET_ADDRESS
    stocks = [c for c in contracts.values() if c.kind == "stock"]
    assert stocks and all(c.minter == c.owner == ISSUER_ADDRESS for c in stocks)


def test_the_participant_numbers_are_the_depository_participants() -> None:
    assert {(number, kind) for number, _, kind in PARTICIPANTS} == {(BROKER_PARTICIPANT, "broker"),
                                                                    (STREET_PARTICIPANT, "street")}
