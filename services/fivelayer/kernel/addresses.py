"""Chain addresses and transaction hashes as text: one check for every service and the CLI (no web3 needed)."""
from __future__ import annotations

import re
from typing import Final

from fivelayer.kernel.errors import require
from fivelayer.kernel.reasons import Revert

ADDRESS: Final = re.compile(r"^0x[0-9a-fA-F]{40}$")
TX_HASH: Final = re.compile(r"^0x[0-9a-fA-F]{64}$")


def is_address(text: str) -> bool:
    return bool(ADDRESS.match(text or ""))


def is_tx_hash(text: str) -> bool:
    return bool(TX_HASH.match(text or ""))


def check_address(address: str, field: str = "address") -> str:
    """A chain address, lowercase (as the chain answers addresses), or INVALID_ADDRESS naming the field."""
    require(is_address(address), Revert.INVALID_ADDRESS,
            f"{field} must be 0x followed by 40 hex characters, got {address!r}", field=field)
    return address.lower()
