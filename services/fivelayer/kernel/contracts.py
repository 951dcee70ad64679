"""Token products from `contracts/*.toml`: on-chain behaviour and legal terms, read by chain and issuer.

Roles ("issuer", "faucet") name who holds a permission: the named accounts of `kernel.keys`, whose
addresses `kernel.reference` lists, so every service agrees without a registry.
A file's multiplier is only the chain's genesis value: from deployment on, the chain owns it (its
owner changes it with SetMultiplier), and the issuer and control read it from the chain.

A stock product's terms say what the issuer does with the corporate actions that reach the SPV:
`terms.dividends` ("reinvest", "stablecoin" or "none"), `terms.voting` ("none": meeting notices stop
at the SPV) and `terms.corporate_actions.split` ("multiplier"), each with the clause the rights
trace quotes (`dividends_clause`, `voting_clause`, `split_clause`).

Its money leg is `terms.funding`: `mode` "prefunded" (a `buffer` of USD at the broker, lent by the
sponsor), "broker-credit" (the broker's `credit_limit` USD, `late_rate` a year on late cash) or
"in-kind" (no cash mints); its holders' standing on the SPV's insolvency is `terms.standing`: `kind`
"secured" (a security `agent` with `agent_costs_bps`) or "unsecured". Each has a `clause` the rights
trace and reports quote. A file that breaks these rules is refused at load, saying what is wrong.
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
FUNDING_MODES: Final = ("prefunded", "broker-credit", "in-kind")
STANDINGS: Final = ("secured", "unsecured")
DEFAULT_FILL_MARGIN_BPS: Final = Decimal(500)  # a hedge's cost is estimated at shares x price x (1 + 5%)


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

    # --- the money leg ([terms.funding]) ---------------------------------------------------------

    def _table(self, name: str) -> dict[str, Any]:
        """A `[terms.<name>]` table (empty when absent or not a table: `load_contract` refuses those)."""
        section = self.terms.get(name, {})
        return section if isinstance(section, dict) else {}

    @property
    def funding(self) -> dict[str, Any]:
        return self._table("funding")

    @property
    def funding_mode(self) -> str:
        """"prefunded", "broker-credit" or "in-kind" (a stock product's file must say which)."""
        return str(self.funding.get("mode", ""))

    @property
    def buffer(self) -> Decimal:
        """prefunded: the USD at the broker its hedges are paid from (the sponsor's loan opens it)."""
        return Decimal(str(self.funding.get("buffer", "0"))) if self.funding_mode == "prefunded" else Decimal(0)

    @property
    def credit_limit(self) -> Decimal:
        """broker-credit: the broker's line for this product's hedges, USD."""
        return Decimal(str(self.funding.get("credit_limit", "0"))) if self.funding_mode == "broker-credit" \
            else Decimal(0)

    @property
    def late_rate(self) -> Decimal:
        """broker-credit: annual interest on cash that reaches the broker after its deadline."""
        return Decimal(str(self.funding.get("late_rate", "0")))

    @property
    def fill_margin_bps(self) -> Decimal:
        """The margin over shares x price a hedge's cost is estimated at (the fill may be dearer)."""
        return Decimal(str(self.funding.get("fill_margin_bps", DEFAULT_FILL_MARGIN_BPS)))

    @property
    def redemption_float(self) -> Decimal:
        """FUSD the off-ramp keeps back for this product's redemption payouts (paid in FUSD)."""
        return Decimal(str(self.funding.get("redemption_float", "0")))

    @property
    def funding_clause(self) -> str:
        return str(self.funding.get("clause", f"funding = {self.funding_mode}"))

    # --- standing on the SPV's insolvency ([terms.standing]) -----------------------------------

    @property
    def standing_terms(self) -> dict[str, Any]:
        return self._table("standing")

    @property
    def standing(self) -> str:
        """"secured" (a security agent holds a first-priority claim on the product's segregated shares
        and cash) or "unsecured" (its holders share the SPV's general estate)."""
        return str(self.standing_terms.get("kind", "unsecured"))

    @property
    def agent(self) -> str:
        """A secured product's security agent (empty when unsecured)."""
        return str(self.standing_terms.get("agent", "")) if self.standing == "secured" else ""

    @property
    def agent_costs_bps(self) -> Decimal:
        """A secured product's security agent's costs, in bps of the collateral it sells."""
        return Decimal(str(self.standing_terms.get("agent_costs_bps", "0")))

    @property
    def standing_clause(self) -> str:
        return str(self.standing_terms.get("clause", f"standing = {self.standing}"))

    def terms_json(self) -> str:
        return json.dumps(self.terms, sort_keys=True)


def _decimal(path: Path, key: str, raw: object, *, positive: bool = False) -> Decimal:
    """A USD amount, rate or bps from a contract file: a decimal string (or integer), never a float."""
    if isinstance(raw, float) or isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ValueError(f"{path.name}: {key} must be a decimal string such as \"2000000\", got {raw!r}")
    try:
        value = Decimal(str(raw))
    except ArithmeticError:
        raise ValueError(f"{path.name}: {key} must be a decimal string, got {raw!r}") from None
    if not value.is_finite() or value < 0 or (positive and value == 0):
        raise ValueError(f"{path.name}: {key} must be {'above' if positive else 'at least'} 0, got {raw!r}")
    return value


def _check_funding(contract: Contract, path: Path) -> None:
    """[terms.funding]: a mode the issuer runs, the amounts that mode needs, and a clause in words."""
    section = contract.terms.get("funding")
    if not isinstance(section, dict):
        raise ValueError(f"{path.name}: a stock product needs a [terms.funding] table (mode = "
                         f"{' | '.join(FUNDING_MODES)})")
    mode = section.get("mode")
    if mode not in FUNDING_MODES:
        raise ValueError(f"{path.name}: terms.funding.mode must be one of {', '.join(FUNDING_MODES)}, got {mode!r}")
    needs = {"prefunded": ("buffer",), "broker-credit": ("credit_limit", "late_rate"), "in-kind": ()}[mode]
    for key in needs:
        if key not in section:
            raise ValueError(f"{path.name}: terms.funding.{key} is required when mode = {mode!r}")
        _decimal(path, f"terms.funding.{key}", section[key], positive=key != "late_rate")
    for key in ("fill_margin_bps", "redemption_float"):
        if key in section:
            _decimal(path, f"terms.funding.{key}", section[key])
    if not str(section.get("clause", "")).strip():
        raise ValueError(f"{path.name}: terms.funding.clause must say the funding terms in words")


def _check_standing(contract: Contract, path: Path) -> None:
    """[terms.standing]: secured (an agent, its costs) or unsecured, with a clause in words."""
    section = contract.terms.get("standing")
    if not isinstance(section, dict):
        raise ValueError(f"{path.name}: a stock product needs a [terms.standing] table (kind = "
                         f"{' | '.join(STANDINGS)})")
    kind = section.get("kind")
    if kind not in STANDINGS:
        raise ValueError(f"{path.name}: terms.standing.kind must be one of {', '.join(STANDINGS)}, got {kind!r}")
    if kind == "secured":
        if not str(section.get("agent", "")).strip():
            raise ValueError(f"{path.name}: terms.standing.agent must name the security agent of a secured product")
        if "agent_costs_bps" not in section:
            raise ValueError(f"{path.name}: terms.standing.agent_costs_bps is required for a secured product")
        if _decimal(path, "terms.standing.agent_costs_bps", section["agent_costs_bps"]) >= 10_000:
            raise ValueError(f"{path.name}: terms.standing.agent_costs_bps must be below 10000")
    if not str(section.get("clause", "")).strip():
        raise ValueError(f"{path.name}: terms.standing.clause must say the holders' standing in words")


def _check_terms(contract: Contract, path: Path) -> None:
    """A stock product's terms must name a policy the issuer applies."""
    if contract.kind != "stock":
        return
    for value, allowed, key in ((contract.dividend_policy, DIVIDEND_POLICIES, "terms.dividends"),
                                (contract.voting_policy, VOTING_POLICIES, "terms.voting"),
                                (contract.split_method, SPLIT_METHODS, "terms.corporate_actions.split")):
        if value not in allowed:
            raise ValueError(f"{path.name}: {key} must be one of {', '.join(allowed)}, got {value!r}")
    _check_funding(contract, path)
    _check_standing(contract, path)


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
