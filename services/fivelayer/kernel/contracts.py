"""Token products from `contracts/*.toml`: on-chain behaviour and legal terms, read by chain and issuer.

Roles ("issuer", "faucet") name who holds a permission: the named accounts of `kernel.keys`, whose
addresses `kernel.reference` lists, so every service agrees without a registry.
A file's multiplier is only the chain's genesis value: from deployment on, the chain owns it (its
owner changes it with SetMultiplier), and the issuer and control read it from the chain.

A stock product's terms say what the issuer does with the corporate actions that reach the SPV:
`terms.dividends` ("reinvest", "stablecoin" or "none"), `terms.voting` ("none": meeting notices stop
at the SPV) and `terms.corporate_actions.split` ("multiplier"), each with the clause the rights
trace quotes (`dividends_clause`, `voting_clause`, `split_clause`).
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

DIVIDEND_POLICIES: Final = ("reinvest", "stablecoin", "none")
VOTING_POLICIES: Final = ("none",)
# "rebase" (every balance x new/old) is a way real products split, but not one this sandbox's chain offers
SPLIT_METHODS: Final = ("multiplier",)


def role_address(role: str) -> str:
    """The address of a fixed role named in a contract file."""
    from fivelayer.kernel.reference import ROLE_ADDRESSES  # reference data; it imports nothing of this module
    if role not in ROLE_ADDRESSES:
        raise ValueError(f"no role {role!r}: known are {', '.join(ROLE_ADDRESSES)}")
    return ROLE_ADDRESSES[role]


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

    # --- corporate actions ([terms] and [terms.corporate_actions]) ------------------------------

    @property
    def corporate_actions(self) -> dict[str, Any]:
        section = self.terms.get("corporate_actions", {})
        return section if isinstance(section, dict) else {}

    @property
    def dividend_policy(self) -> str:
        """What the SPV does with a net dividend: "reinvest" (the multiplier rises), "stablecoin" (paid
        to holders of record) or "none" (kept)."""
        return str(self.terms.get("dividends", "none"))

    @property
    def voting_policy(self) -> str:
        """"none": meeting notices stop at the SPV; token holders have no vote."""
        return str(self.terms.get("voting", "none"))

    @property
    def split_method(self) -> str:
        """"multiplier": a split moves the multiplier by new/old, balances stay."""
        return str(self.corporate_actions.get("split", "multiplier"))

    @property
    def dividends_clause(self) -> str:
        return str(self.corporate_actions.get("dividends_clause", f"dividends = {self.dividend_policy}"))

    @property
    def voting_clause(self) -> str:
        return str(self.corporate_actions.get("voting_clause", f"voting = {self.voting_policy}"))

    @property
    def split_clause(self) -> str:
        return str(self.corporate_actions.get("split_clause", f"split = {self.split_method}"))

    # --- standing on the SPV's insolvency ([terms.standing]) -----------------------------------

    @property
    def standing(self) -> str:
        """"secured" (a security agent holds a first-priority claim on the product's segregated shares
        and cash) or "unsecured" (its holders share the SPV's general estate)."""
        return str(self.terms.get("standing", {}).get("kind", "unsecured"))

    @property
    def agent_costs_bps(self) -> Decimal:
        """A secured product's security agent's costs, in bps of the collateral it sells."""
        return Decimal(str(self.terms.get("standing", {}).get("agent_costs_bps", "0")))

    def terms_json(self) -> str:
        return json.dumps(self.terms, sort_keys=True)


def _check_terms(contract: Contract, path: Path) -> None:
    """A stock product's corporate-action terms must name a policy the issuer applies."""
    if contract.kind != "stock":
        return
    for value, allowed, key in ((contract.dividend_policy, DIVIDEND_POLICIES, "terms.dividends"),
                                (contract.voting_policy, VOTING_POLICIES, "terms.voting"),
                                (contract.split_method, SPLIT_METHODS, "terms.corporate_actions.split")):
        if value not in allowed:
            raise ValueError(f"{path.name}: {key} must be one of {', '.join(allowed)}, got {value!r}")


def load_contract(path: Path) -> Contract:
    data = tomllib.loads(path.read_text())
    token, chain = data["token"], data["chain"]
    decimals = int(token["decimals"])
    if not 0 <= decimals <= 18:
        raise ValueError(f"{path.name}: decimals must be 0..18")
    contract = Contract(symbol=token["symbol"], name=token["name"], kind=token["kind"],
                        underlying=token["underlying"], decimals=decimals,
                        genesis_multiplier=Decimal(str(token["multiplier"])), owner_role=chain["owner"],
                        minter_role=chain["minter"], terms=data.get("terms", {}), source=path.name)
    _check_terms(contract, path)
    return contract


def load_contracts(folder: Path) -> dict[str, Contract]:
    """Every contract in `folder`, by token symbol, in file-name order."""
    contracts = [load_contract(p) for p in sorted(folder.glob("*.toml"))]
    return {c.symbol: c for c in contracts}
