"""Token products from `contracts/*.toml`: on-chain behaviour and legal terms, read by chain and issuer.

Roles ("issuer", "faucet") name who holds a permission; `role_address` turns a role or any name
into the sandbox's deterministic address for it, so every service agrees without a registry.
A file's multiplier is only the chain's genesis value: from deployment on, the chain owns it (its
owner changes it with SetMultiplier), and the issuer and control read it from the chain.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any


def role_address(name: str) -> str:
    """A deterministic 20-byte hex address for a role or a named holder."""
    return "0x" + hashlib.sha256(f"fivelayer:{name}".encode()).hexdigest()[:40]


@dataclass(frozen=True)
class Contract:
    symbol: str
    name: str
    kind: str  # "stock" or "stablecoin"
    underlying: str
    decimals: int
    genesis_multiplier: Decimal  # the chain's multiplier at deployment; the chain owns it from then on
    owner_role: str
    minter_role: str
    terms: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def owner(self) -> str:
        return role_address(self.owner_role)

    @property
    def minter(self) -> str:
        return role_address(self.minter_role)

    @property
    def mint_fee_bps(self) -> Decimal:
        return Decimal(str(self.terms.get("mint", {}).get("fee_bps", "0")))

    @property
    def redemption_fee_bps(self) -> Decimal:
        return Decimal(str(self.terms.get("redemption", {}).get("fee_bps", "0")))

    @property
    def in_kind_fee_bps(self) -> Decimal:
        """The fee of an in-kind mint or redemption (the Instant Tokenization Network flow)."""
        return Decimal(str(self.terms.get("in_kind", {}).get("fee_bps", "0")))

    def terms_json(self) -> str:
        return json.dumps(self.terms, sort_keys=True)


def load_contract(path: Path) -> Contract:
    data = tomllib.loads(path.read_text())
    token, chain = data["token"], data["chain"]
    decimals = int(token["decimals"])
    if not 0 <= decimals <= 18:
        raise ValueError(f"{path.name}: decimals must be 0..18")
    return Contract(symbol=token["symbol"], name=token["name"], kind=token["kind"], underlying=token["underlying"],
                    decimals=decimals, genesis_multiplier=Decimal(str(token["multiplier"])), owner_role=chain["owner"],
                    minter_role=chain["minter"], terms=data.get("terms", {}), source=path.name)


def load_contracts(folder: Path) -> dict[str, Contract]:
    """Every contract in `folder`, by token symbol, in file-name order."""
    contracts = [load_contract(p) for p in sorted(folder.glob("*.toml"))]
    return {c.symbol: c for c in contracts}
