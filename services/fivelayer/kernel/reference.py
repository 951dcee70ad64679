"""Reference data that several services use, defined once.

Participant numbers at the depository, the sandbox's stablecoin, and the well-known addresses on
chain (each a named account of `kernel.keys`, whose key only the service playing it derives;
tests/unit/test_reference.py derives them again).
"""
from __future__ import annotations

from typing import Final

# DTC participant numbers
BROKER_PARTICIPANT: Final = "0555"  # Fivelayer Clearing LLC, the self-clearing broker
STREET_PARTICIPANT: Final = "0999"  # Street Liquidity LP, the market maker on the other side of every fill

# The USD stablecoin (contracts/FUSD.toml): deposits, mint payments and redemption payouts
STABLECOIN: Final = "FUSD"

# Well-known addresses on chain
# "issuer": the SPV, owner and minter of every stock token
ISSUER_ADDRESS: Final = "0x3f27ce95e04ddc8db89ba2352648e30ca408f85f"
# "faucet": issuer and minter of the stablecoin (the chain service holds its key)
FAUCET_ADDRESS: Final = "0x18e2b692e9444653349faf5adf297a55032e3e2e"
# "deployer": deploys the contracts at genesis and holds no role in them
DEPLOYER_ADDRESS: Final = "0x8e1dbb8f3534bb533a3bbf342a694a3687261290"
# "exchange:hot": the exchange's omnibus wallet
EXCHANGE_HOT_WALLET: Final = "0xa1bebae2063ec956b5da1cbb21d76a96f8c8850e"
# "exchange:treasury": the exchange's own FUSD (traditional-route funding)
EXCHANGE_TREASURY: Final = "0xaaa13781cbe5b690b4fb36221de7f2594fb4f6b2"
ROLE_ADDRESSES: Final[dict[str, str]] = {"issuer": ISSUER_ADDRESS, "faucet": FAUCET_ADDRESS,
                                         "deployer": DEPLOYER_ADDRESS, "exchange:hot": EXCHANGE_HOT_WALLET,
                                         "exchange:treasury": EXCHANGE_TREASURY}

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
