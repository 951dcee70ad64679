"""Reference data defined once in the kernel agrees with the contracts and the depository's participants."""
from __future__ import annotations

from fivelayer.depository.capture import PARTICIPANTS
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.reference import (
    BROKER_PARTICIPANT,
    FAUCET_ADDRESS,
    ISSUER_ADDRESS,
    STABLECOIN,
    STREET_PARTICIPANT,
)


def test_the_stablecoin_and_the_well_known_addresses_are_the_contracts() -> None:
    contracts = load_contracts(REPO_ROOT / "contracts")
    assert [c.symbol for c in contracts.values() if c.kind == "stablecoin"] == [STABLECOIN]
    assert contracts[STABLECOIN].minter == contracts[STABLECOIN].owner == FAUCET_ADDRESS
    stocks = [c for c in contracts.values() if c.kind == "stock"]
    assert stocks and all(c.minter == c.owner == ISSUER_ADDRESS for c in stocks)


def test_the_participant_numbers_are_the_depository_participants() -> None:
    assert {(number, kind) for number, _, kind in PARTICIPANTS} == {(BROKER_PARTICIPANT, "broker"),
                                                                    (STREET_PARTICIPANT, "street")}


def test_each_role_address_is_the_key_its_service_holds_and_no_other_can_derive_it() -> None:
    import pytest
    from fivelayer.kernel import keys
    from fivelayer.kernel.errors import DomainError
    from fivelayer.kernel.reference import ROLE_ADDRESSES

    for role, address in ROLE_ADDRESSES.items():
        holder = keys.owner_of(role)
        assert keys.address_of(holder, role) == address
        for other in ("control", "chain", "issuer", "exchange", "broker", "depository"):
            if other != holder:
                with pytest.raises(DomainError) as refused:
                    keys.signer(other, role)
                assert refused.value.reason == "NOT_KEY_HOLDER"
    assert keys.address_of("exchange", "exchange:deposit:usr-000001") != keys.address_of("control", "wallet:ada")
    # the test accounts are anvil's and Hardhat's, from the well-known mnemonic
    assert keys.test_account(0).address == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"


def test_the_services_code_derives_only_its_own_roles_keys() -> None:
    """No service's code names another service's role when it asks for a key (`keys.signer`/`address_of`
    refuse at run time too; this reads the source, so a new call site is checked before it runs)."""
    import re

    from fivelayer.kernel import keys

    for path in (REPO_ROOT / "services" / "fivelayer").rglob("*.py"):
        service = path.relative_to(REPO_ROOT / "services" / "fivelayer").parts[0]
        for holder, name in re.findall(r'(?:signer|address_of)\(\s*"(\w+)",\s*f?"([\w:]+)', path.read_text()):
            assert holder == service, f"{path}: {service} asks for the key of {name!r} as {holder}"
            assert keys.owner_of(name) == service, f"{path}: {service} derives the key of {name!r}"
