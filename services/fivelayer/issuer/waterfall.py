"""The SPV estate's waterfall: who is paid from what, in which order, by each product's terms.

Pure arithmetic over plain values (the declaration in `estate` gathers the facts). Two kinds of pool:

A secured product's collateral: its segregated shares (the SPV's position in its underlying, at the
price at insolvency) and the cash attributed to it (its buffer, cash in transit, stablecoin held).
Its security agent has a first-priority claim on that pool, sells it and pays
  1. its own costs: `agent_costs_bps` of the pool, rounded up to the cent, at most the pool;
  2. that product's holders, from what is left, up to their claim.
A surplus flows to the general estate; a deficiency is an unsecured claim of those holders.

The general estate: every unsecured product's shares, the SPV's cash and stablecoin not attributed to
a secured product (less what the broker's credit is owed: it can be negative), and the secured
surpluses. It pays
  3. the administrator: `administration_bps` of the general estate's gross, rounded up to the cent,
     at most the estate;
  4. the unsecured claims pro rata: unsecured products' holders, secured holders' deficiencies, and
     holders whose tokens were burned for a redemption not yet paid. One rate for all, rounded down to
     6 places, so the sum paid never exceeds what the estate has;
  5. the sponsor's subordinated loan, from what is left once every unsecured claim is paid in full
     (the residue of a rounded-down rate is not the sponsor's). What is left after it is the SPV's equity.

A holder's recovery per token is what that product's holders were paid in every rank, divided by the
tokens outstanding, rounded down to 6 places: a holder is never paid more than the estate paid.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from fivelayer.kernel.money import USD_PLACES, ZERO, round_down, round_up

ADMINISTRATION_BPS = Decimal(300)   # the administrator's costs: 3% of the general estate's gross, paid first
RATE_PLACES = 6
SECURED, UNSECURED = "secured", "unsecured"
GENERAL = "general estate"
BPS = Decimal(10_000)


def collateral(token: str) -> str:
    """The name of a secured product's pool, as tranches and asset lines give it."""
    return f"collateral:{token}"


@dataclass(frozen=True)
class Line:
    kind: str
    description: str
    value: Decimal
    quantity: Decimal = ZERO
    price: Decimal = ZERO
    pool: str = ""          # assets: "collateral:<token>" or "general estate"


@dataclass(frozen=True)
class Product:
    """One product's part of the estate."""

    token: str
    standing: str              # "secured" or "unsecured"
    supply: Decimal            # tokens outstanding
    claim_per_token: Decimal   # USD: the shares a token represents, at the price at insolvency
    shares: Line | None        # its underlying at the broker, valued (None: the SPV holds none)
    cash: Decimal = ZERO       # secured: its own cash (its account, its FUSD held and on the wire)
    agent: str = ""            # secured: its security agent
    agent_costs_bps: Decimal = ZERO

    @property
    def claim(self) -> Decimal:
        return self.supply * self.claim_per_token

    @property
    def secured(self) -> bool:
        return self.standing == SECURED


@dataclass(frozen=True)
class Tranche:
    rank: int
    kind: str          # "agent_costs", "secured_holders", "administration", "unsecured", "sponsor"
    token: str         # the product whose agent or holders it pays; empty for the others
    pool: str          # "collateral:<token>" or "general estate"
    description: str
    claim: Decimal
    paid: Decimal


@dataclass(frozen=True)
class Statement:
    assets: list[Line]               # everything the SPV owns, each line in its pool
    gross_assets: Decimal
    administration_costs: Decimal
    distributable: Decimal           # the general estate after the administrator: what rank 4 shares
    claims: list[Line]               # rank 4: the unsecured claims, pro rata
    total_claims: Decimal
    recovery_rate: Decimal           # rank 4's rate: what an unsecured dollar recovers
    tokens: dict[str, tuple[Decimal, Decimal]]   # token -> (claim per token, recovery per token)
    # Added with the waterfall; statements stored before it load with these defaults (all unsecured).
    standing: dict[str, str] = field(default_factory=dict)   # token -> "secured" or "unsecured"
    waterfall: list[Tranche] = field(default_factory=list)
    general_estate: Decimal = ZERO   # the general estate's gross: the administrator's base
    sponsor_loan: Decimal = ZERO


def recovery_rate(distributable: Decimal, total_claims: Decimal) -> Decimal:
    """Cents on the dollar, rounded down: an estate never pays out more than it has."""
    if total_claims <= 0:
        return Decimal(1)
    return min(Decimal(1), round_down(max(distributable, ZERO) / total_claims, RATE_PLACES))


def attribute_cash(available: Decimal, wanted: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """The cash each secured product's books attribute to it, in token order, never more than the SPV
    still has (a drained treasury takes the products' stablecoin with it): the rest is general."""
    left, out = max(available, ZERO), {}
    for token in sorted(wanted):
        out[token] = min(left, max(wanted[token], ZERO))
        left -= out[token]
    return out


def _per_token(product: Product, paid: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    if product.supply > 0:
        return product.claim_per_token, round_down(paid / product.supply, RATE_PLACES)
    return product.claim_per_token, round_down(product.claim_per_token * rate, RATE_PLACES)  # no holders


def value_estate(products: Sequence[Product], general: Sequence[Line], other_claims: Sequence[Line],
                 sponsor_loan: Decimal, administration_bps: Decimal = ADMINISTRATION_BPS) -> Statement:
    """The waterfall of the module docstring. `general` holds the assets no secured product's agent
    holds (unsecured products' shares are taken from `products`); `other_claims` the unsecured claims
    that are not a product's holders (redemptions burned and not paid)."""
    ordered = sorted(products, key=lambda p: p.token)
    assets: list[Line] = []
    tranches: list[Tranche] = []
    ranked: list[tuple[str, Line]] = []   # rank 4's claims, each with the product whose holders hold it
    held: dict[str, Decimal] = {}    # token -> paid to its holders so far
    surplus = ZERO
    for p in ordered:   # ranks 1 and 2, each secured product from its own collateral
        pool = collateral(p.token) if p.secured else GENERAL
        if p.shares is not None:
            assets.append(Line(p.shares.kind, p.shares.description, p.shares.value, p.shares.quantity,
                               p.shares.price, pool))
        if not p.secured:
            continue
        if p.cash:
            assets.append(Line("product_cash",
                               f"cash of {p.token}: its account at the broker, its FUSD held and on the wire",
                               p.cash, pool=pool))
        value = (p.shares.value if p.shares else ZERO) + p.cash
        if not value and not p.claim:   # no holders and nothing held: no tranche to show
            continue
        costs_due = round_up(value * p.agent_costs_bps / BPS, USD_PLACES)
        costs = min(value, costs_due)
        paid = min(p.claim, value - costs)
        held[p.token] = paid
        surplus += value - costs - paid
        deficiency = p.claim - paid
        tranches.append(Tranche(1, "agent_costs", p.token, pool,
                                f"{p.agent or 'the security agent'}: {p.agent_costs_bps} bps of {p.token}'s "
                                f"collateral of {value}", costs_due, costs))
        tranches.append(Tranche(2, "secured_holders", p.token, pool,
                                f"holders of {p.token} from their collateral; "
                                + (f"a deficiency of {deficiency} ranks unsecured" if deficiency
                                   else f"a surplus of {value - costs - paid} goes to the general estate"),
                                p.claim, paid))
        if deficiency:
            ranked.append((p.token, Line("secured_deficiency",
                                         f"holders of {p.token}: what their collateral did not pay", deficiency)))
    for p in ordered:
        if not p.secured and p.claim:
            ranked.append((p.token, Line("token_holders", f"holders of {p.token}", p.claim, p.supply,
                                         p.claim_per_token)))
    ranked.extend(("", c) for c in other_claims)
    claims = [c for _, c in ranked]
    assets.extend(Line(a.kind, a.description, a.value, a.quantity, a.price, GENERAL) for a in general)

    general_gross = surplus + sum((a.value for a in assets if a.pool == GENERAL), ZERO)
    base = max(general_gross, ZERO)
    administration = min(base, round_up(base * administration_bps / BPS, USD_PLACES))
    distributable = base - administration
    tranches.append(Tranche(3, "administration", "", GENERAL,
                            f"the administrator: {administration_bps} bps of the general estate", administration,
                            administration))
    total = sum((c.value for c in claims), ZERO)
    rate = recovery_rate(distributable, total)
    for token, c in ranked:    # rank 4: one rate for every unsecured claim
        if token:
            held[token] = held.get(token, ZERO) + c.value * rate
        tranches.append(Tranche(4, "unsecured", token, GENERAL, f"{c.kind}: {c.description}", c.value,
                                c.value * rate))
    # only once every unsecured claim is paid in full: a rounding residue of a short rate is not the sponsor's
    left = distributable - sum((t.paid for t in tranches if t.rank == 4), ZERO) if rate == 1 else ZERO
    tranches.append(Tranche(5, "sponsor", "", GENERAL, "the sponsor's subordinated loan", sponsor_loan,
                            min(sponsor_loan, max(left, ZERO))))
    tranches.sort(key=lambda t: t.rank)   # stable: within a rank, in token order

    return Statement(
        assets=assets, gross_assets=sum((a.value for a in assets), ZERO), administration_costs=administration,
        distributable=distributable, claims=claims, total_claims=total, recovery_rate=rate,
        tokens={p.token: _per_token(p, held.get(p.token, ZERO), rate) for p in ordered},
        standing={p.token: p.standing for p in ordered}, waterfall=tranches, general_estate=general_gross,
        sponsor_loan=sponsor_loan)


def statement_json(statement: Statement) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value
    return json.dumps(plain(asdict(statement)), sort_keys=True)


def statement_from_json(text: str) -> Statement:
    """A stored statement; one stored before the waterfall loads as all unsecured, with no tranches."""
    data = json.loads(text)

    def lines(items: list[dict[str, str]]) -> list[Line]:
        return [Line(i["kind"], i["description"], Decimal(i["value"]), Decimal(i["quantity"]), Decimal(i["price"]),
                     i.get("pool", "")) for i in items]
    tokens = {t: (Decimal(c), Decimal(r)) for t, (c, r) in data["tokens"].items()}
    return Statement(
        lines(data["assets"]), Decimal(data["gross_assets"]), Decimal(data["administration_costs"]),
        Decimal(data["distributable"]), lines(data["claims"]), Decimal(data["total_claims"]),
        Decimal(data["recovery_rate"]), tokens,
        standing=data.get("standing", {t: UNSECURED for t in tokens}),
        waterfall=[Tranche(int(t["rank"]), t["kind"], t["token"], t["pool"], t["description"], Decimal(t["claim"]),
                           Decimal(t["paid"])) for t in data.get("waterfall", [])],
        general_estate=Decimal(data.get("general_estate", data["gross_assets"])),
        sponsor_loan=Decimal(data.get("sponsor_loan", "0")))
