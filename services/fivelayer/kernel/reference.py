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
EXCHANGE_TREASURY: Final = role_address("exchange:treasury")  # the exchange's own FUSD (traditional-route funding)

# The sandbox's chain, as a tokenization request names its network, and the issuer SPV's name there
NETWORK: Final = "fivechain"
TOKENIZATION_ISSUER: Final = "fivelayer"

# The sandbox's stock universe as listed (control prices exactly these symbols): symbol -> (the
# issuer's name, the listing exchange as the Broker API's assets name it). SPY is NYSE Arca's.
LISTINGS: Final[dict[str, tuple[str, str]]] = {
    "AAPL": ("Apple Inc. Common Stock", "NASDAQ"),
    "MSFT": ("Microsoft Corporation Common Stock", "NASDAQ"),
    "NVDA": ("NVIDIA Corporation Common Stock", "NASDAQ"),
    "SPY": ("SPDR S&P 500 ETF Trust", "ARCA"),
    "TSLA": ("Tesla, Inc. Common Stock", "NASDAQ"),
}
