"""The sandbox's keys: every account on chain comes from one mnemonic, so addresses stay the same run to run.

Two branches of the BIP-44 tree:
- m/44'/60'/0'/0/i: the test accounts integrators get (anvil unlocks and funds the first ten, as
  anvil and Hardhat do with their default mnemonic);
- m/44'/60'/1'/0/n: the sandbox's named accounts (a role such as "issuer", an exchange user's deposit
  address, a drill holder's wallet), n drawn from the name, so a new name never needs a table.

A named account's key belongs to the service that plays its part (`OWNERS`); `signer` refuses to
derive it anywhere else, so the issuer's key lives only in the issuer's process. Addresses are
public: the fixed roles' are written in `kernel.reference` (a unit test derives them again).
"""
from __future__ import annotations

import functools
import hashlib
from typing import TYPE_CHECKING, Final

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount

MNEMONIC: Final = "test test test test test test test test test test test junk"
TEST_ACCOUNTS: Final = 10
TEST_ACCOUNT_ETH: Final = 10_000
CHAIN_ID: Final = 31337

# Who holds a named account's key: an exact name, or a prefix ending in ':'.
OWNERS: Final[dict[str, str]] = {
    "deployer": "chain",        # deploys the contracts at genesis, and holds no role in them
    "faucet": "chain",          # the stablecoin's issuer and minter (a devnet's faucet)
    "issuer": "issuer",         # the SPV: owner and minter of every stock token
    "exchange:": "exchange",    # the hot wallet, the treasury, users' deposit addresses
    "wallet:": "control",       # drill holders' own (self-custody) wallets: control plays the end users
}

# The named accounts each service's wallet takes at start (an exchange user's deposit key is taken when needed).
HELD: Final[dict[str, tuple[str, ...]]] = {
    "chain": ("deployer", "faucet"),
    "issuer": ("issuer",),
    "exchange": ("exchange:hot", "exchange:treasury"),
}


def owner_of(name: str) -> str:
    for pattern, service in OWNERS.items():
        if name == pattern or (pattern.endswith(":") and name.startswith(pattern)):
            return service
    raise DomainError(Common.UNKNOWN_ROLE, f"no service plays {name!r}: known are {', '.join(OWNERS)}", name=name)


@functools.lru_cache(maxsize=1)
def _seed() -> bytes:
    from eth_account.hdaccount import seed_from_mnemonic  # loaded by the services that sign, not by every one

    return seed_from_mnemonic(MNEMONIC, "")


def path_of(name: str) -> str:
    """The named account's derivation path: its index is the name's SHA-256, cut to 31 bits."""
    index = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") & 0x7FFFFFFF
    return f"m/44'/60'/1'/0/{index}"


@functools.lru_cache(maxsize=4096)
def _account(path: str) -> LocalAccount:
    from eth_account import Account
    from eth_account.hdaccount import key_from_seed

    account: LocalAccount = Account.from_key(key_from_seed(_seed(), path))
    return account


def signer(service: str, name: str) -> LocalAccount:
    """The key of a named account, for the service that holds it and for no other."""
    owner = owner_of(name)
    if owner != service:
        raise DomainError(Common.NOT_KEY_HOLDER, f"{service} holds no key for {name!r}: {owner} does", name=name,
                          holder=owner)
    return _account(path_of(name))


def address_of(service: str, name: str) -> str:
    """A named account's address (lowercase hex), derived by the service that holds its key."""
    return signer(service, name).address.lower()


def test_account(index: int) -> LocalAccount:
    """Test account `index` (m/44'/60'/0'/0/index): the ones anvil funds and unlocks."""
    if not 0 <= index < TEST_ACCOUNTS:
        raise DomainError(Common.INVALID_ARGUMENT, f"test accounts are 0..{TEST_ACCOUNTS - 1}, not {index}")
    return _account(f"m/44'/60'/0'/0/{index}")
