"""Insolvency: the SPV's estate, and what its creditors recover.

The token holder owns a claim on the SPV, not the shares: the shares sit in the SPV's own account
at the broker, and pass with everything else the SPV owns into its estate. The estate pays the
administrator first, then every unsecured creditor pari passu: token holders (tokens x multiplier
x the price at insolvency), holders whose tokens were burned for a redemption not yet paid, and
the sponsor whose facility funded the SPV's broker account.

`value_estate` is the arithmetic, free of I/O; a declaration halts the products (`begin_declare`),
freezes what must stop and gathers the facts through the other services' APIs (`declare_remote`),
then records the statement (`finish_declare`).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from fivelayer.issuer import ports, spv
from fivelayer.issuer.models import EstateRow, RedemptionRow
from fivelayer.issuer.pricing import shares_for
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, ZERO, from_pb, round_down, round_up
from fivelayer.kernel.outbox import record
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2

ADMINISTRATION_BPS = Decimal(300)   # the administrator's costs: 3% of gross assets, paid first
RATE_PLACES = 6
SPONSOR_FACILITY = "sponsor_facility"


@dataclass(frozen=True)
class Line:
    kind: str
    description: str
    value: Decimal
    quantity: Decimal = ZERO
    price: Decimal = ZERO


@dataclass(frozen=True)
class Statement:
    assets: list[Line]
    gross_assets: Decimal
    administration_costs: Decimal
    distributable: Decimal
    claims: list[Line]
    total_claims: Decimal
    recovery_rate: Decimal
    tokens: dict[str, tuple[Decimal, Decimal]]   # token -> (claim per token, recovery per token)


def recovery_rate(distributable: Decimal, total_claims: Decimal) -> Decimal:
    """Cents on the dollar, rounded down: an estate never pays out more than it has."""
    if total_claims <= 0:
        return Decimal(1)
    return min(Decimal(1), round_down(max(distributable, ZERO) / total_claims, RATE_PLACES))


def value_estate(assets: Sequence[Line], claims: Sequence[Line], claim_per_token: dict[str, Decimal],
                 administration_bps: Decimal = ADMINISTRATION_BPS) -> Statement:
    gross = sum((a.value for a in assets), ZERO)
    administration = min(gross, round_up(gross * administration_bps / Decimal(10_000), USD_PLACES))
    distributable = gross - administration
    total = sum((c.value for c in claims), ZERO)
    rate = recovery_rate(distributable, total)
    per_token = {token: (claim, round_down(claim * rate, RATE_PLACES)) for token, claim in claim_per_token.items()}
    return Statement(list(assets), gross, administration, distributable, list(claims), total, rate, per_token)


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
    data = json.loads(text)
    lines = lambda items: [Line(i["kind"], i["description"], Decimal(i["value"]), Decimal(i["quantity"]),  # noqa: E731
                                Decimal(i["price"])) for i in items]
    return Statement(lines(data["assets"]), Decimal(data["gross_assets"]), Decimal(data["administration_costs"]),
                     Decimal(data["distributable"]), lines(data["claims"]), Decimal(data["total_claims"]),
                     Decimal(data["recovery_rate"]),
                     {t: (Decimal(c), Decimal(r)) for t, (c, r) in data["tokens"].items()})


@dataclass(frozen=True)
class Facts:
    """What the other services say of the SPV at insolvency, gathered with no unit of work open."""

    positions: dict[str, Decimal]      # underlying -> shares at the broker, settled and unsettled
    prices: dict[str, Decimal]         # token -> price of its underlying
    broker_cash: Decimal
    treasury: Decimal                  # stablecoin on chain
    supplies: dict[str, Decimal]       # token -> total supply on chain
    multipliers: dict[str, Decimal]    # token -> shares per token, as the chain says now
    sold: dict[str, Decimal]           # redemption id -> shares its sale order sells (the broker's record)


def begin_declare(session: Session, contracts: dict[str, Contract], now: datetime, reason: str) -> dict[str, str]:
    """Refuse a second declaration; halt every product at once, before the freeze goes out. The
    plan names the redemptions burned and not yet paid, whose sales the broker is asked about."""
    spv.refuse_if_insolvent(session)
    account = spv.link(session)
    reason = reason or "declared insolvent by its directors"
    spv.set_halt(session, contracts, now, "", True, True, f"insolvent: {reason}")
    owed = session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(("selling", "sold")))
                        .order_by(RedemptionRow.redemption_id))
    return {"account_id": account.account_id, "reason": reason,
            "owed": ",".join(f"{red.redemption_id}={red.hedge_order_id}" for red in owed)}


def declare_remote(clients: ports.Clients, contracts: dict[str, Contract], plan: dict[str, str]) -> Facts:
    """Freeze the token contracts and pass the broker account to the estate (keyed, so once), then
    read what the estate holds and owes."""
    products = [c for c in contracts.values() if c.kind == "stock"]
    for contract in products:  # the token contract's owner freezes transfers and minting
        clients.chain.SetPause(chain_pb2.SetPauseRequest(
            request_id=f"insolvency:{contract.symbol}:pause", symbol=contract.symbol, sender=ISSUER_ADDRESS,
            mint_paused=True, transfers_paused=True))
    account = broker_pb2.AccountRequest(account_id=plan["account_id"])
    clients.broker.SetAccountStatus(broker_pb2.SetAccountStatusRequest(
        request_id="insolvency:estate", account_id=plan["account_id"], status="estate",
        reason=f"{spv.NAME} is insolvent; the account belongs to its estate"))
    positions = {p.symbol: from_pb(p.settled) + from_pb(p.unsettled)
                 for p in clients.broker.GetPositions(account).positions}
    cash = clients.broker.GetCash(account)
    treasury = from_pb(clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN,
                                                                      address=ISSUER_ADDRESS)).amount)
    tokens = {c.symbol: clients.chain.GetToken(chain_pb2.TokenRequest(symbol=c.symbol)) for c in products}
    sold = {}
    for pair in filter(None, plan["owed"].split(",")):
        redemption_id, order_id = pair.split("=")
        sold[redemption_id] = from_pb(clients.broker.GetOrder(broker_pb2.OrderRequest(
            account_id=plan["account_id"], order_id=order_id)).quantity)
    return Facts(positions, {c.symbol: spv.price_of(clients, c) for c in products},
                 from_pb(cash.settled) + from_pb(cash.unsettled), treasury,
                 {symbol: from_pb(t.total_supply) for symbol, t in tokens.items()},
                 {symbol: from_pb(t.multiplier, Decimal(1)) for symbol, t in tokens.items()}, sold)


def finish_declare(session: Session, contracts: dict[str, Contract], now: datetime, plan: dict[str, str],
                   facts: Facts) -> EstateRow:
    """Value the estate from the facts and record its statement."""
    products = [c for c in contracts.values() if c.kind == "stock"]
    reason, prices = plan["reason"], facts.prices
    assets, claims, per_token = [], [], {}
    for contract in products:
        shares = facts.positions.get(contract.underlying, ZERO)
        if shares:
            assets.append(Line("shares", f"{contract.underlying} held at the broker", shares * prices[contract.symbol],
                               shares, prices[contract.symbol]))
    assets.append(Line("broker_cash", "cash at the broker, settled and unsettled", facts.broker_cash))
    treasury = facts.treasury
    assets.append(Line("stablecoin", f"{STABLECOIN} in the SPV's treasury on chain", treasury, treasury, Decimal(1)))
    booked = Ledger(session).balance(spv.TREASURY, STABLECOIN)
    if treasury < booked:  # the books learn what the chain already shows
        Ledger(session).transfer(spv.TREASURY, "@losses", STABLECOIN, booked - treasury, at=now,
                                 transfer_id="insolvency:treasury-loss")
        record(session, now, "spv.loss_recognised", asset=STABLECOIN, amount=booked - treasury)

    for contract in products:  # a holder's claim: the shares a token represents now, at the insolvency price
        supply = facts.supplies[contract.symbol]
        multiplier = facts.multipliers[contract.symbol]
        per_token[contract.symbol] = shares_for(multiplier, Decimal(1)) * prices[contract.symbol]
        if supply:
            claims.append(Line("token_holders", f"holders of {contract.symbol}", supply * per_token[contract.symbol],
                               supply, per_token[contract.symbol]))
    for red in session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(("selling", "sold")))
                            .order_by(RedemptionRow.redemption_id)):
        price = red.sale_price or prices[red.token]  # owed what its sale sold (or will sell): the broker's record
        claims.append(Line("redemptions_owed", f"{red.redemption_id}: burned, not paid",
                           facts.sold[red.redemption_id] * price, red.quantity, price))
    claims.append(Line(SPONSOR_FACILITY, "the sponsor's facility that funded the broker account", spv.OPENING_CASH))

    statement = value_estate(assets, claims, per_token)
    row = EstateRow(id=1, reason=reason, declared_at=now, broker_account_id=plan["account_id"],
                    statement=statement_json(statement))
    session.add(row)
    record(session, now, "spv.insolvent", reason=reason, gross_assets=statement.gross_assets,
           total_claims=statement.total_claims, recovery_rate=statement.recovery_rate)
    session.flush()
    return row
