"""Reference data that several services use, defined once.

Participant numbers at the depository, the sandbox's stablecoin, and the well-known addresses on
chain (each the `role_address` of a role named in `contracts/`, or of the exchange's omnibus wallet).
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.contracts import role_address

# DTC participant numbers
BROKER_PARTICIPANT: Final = "0555"  # Fivelayer Clearing LLC, the self-clearing broker
STREET_PARTICIPANT: Final = "0999"  # Street Liquidity LP, the market maker on the other side of every fill

# The USD stablecoin (contracts/FUSD.toml): deposits, mint payments and redemption payouts
STABLECOIN: Final = "FUSD"

# Well-known addresses on chain
ISSUER_ADDRESS: Final = role_address("issuer")  # the SPV: owner and minter of every stock token
FAUCET_ADDRESS: Final = role_address("faucet")  # the sandbox faucet: owner and minter of the stablecoin
EXCHANGE_HOT_WALLET: Final = role_address("exchange:hot")  # the exchange's omnibus wallet
