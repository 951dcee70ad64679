"""Insolvency: the SPV's estate, and what its creditors recover.

The token holder owns a claim on the SPV, not the shares: the shares sit in the SPV's own account
at the broker. A secured product's shares and cash are that product's collateral, held for its
holders by a security agent; everything else the SPV owns passes into its general estate, shared by
the unsecured products' holders and its other unsecured creditors, ahead of the sponsor's
subordinated loan (`waterfall` is the arithmetic and states the order).

A declaration halts the products (`begin_declare`), freezes what must stop and gathers the facts
through the other services' APIs (`declare_remote`), then values and records the statement
(`finish_declare`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from fivelayer.issuer import funding, ports, spv
from fivelayer.issuer.models import EstateRow, RedemptionRow
from fivelayer.issuer.pricing import shares_for
from fivelayer.issuer.waterfall import Line, Product, attribute_cash, statement_json, value_estate
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, from_pb
from fivelayer.kernel.outbox import record
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2


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


def attributed_cash(session: Session, contracts: list[Contract]) -> dict[str, Decimal]:
    """The cash each secured product's funding books hold for it (`funding.figures`): its buffer at the
    broker, free and committed to hedges not yet filled, the FUSD its mints paid that the treasury still
    holds, and its dollars on the wire from FUSD's issuer. The agent's pool takes it first."""
    wanted = {}
    for contract in contracts:
        if contract.standing == "secured":
            f = funding.figures(session, contract)
            wanted[contract.symbol] = f.buffer + f.committed + f.held + f.in_transit
    return wanted


def in_transit(session: Session, contracts: list[Contract]) -> Decimal:
    """Dollars FUSD's issuer owes the SPV's broker account for FUSD already redeemed: an asset of the estate."""
    return sum((funding.figures(session, c).in_transit for c in contracts), ZERO)


def finish_declare(session: Session, contracts: dict[str, Contract], now: datetime, plan: dict[str, str],
                   facts: Facts) -> EstateRow:
    """Value the estate from the facts, pool by pool, and record its statement."""
    products = [c for c in contracts.values() if c.kind == "stock"]
    reason, prices = plan["reason"], facts.prices
    treasury = facts.treasury
    booked = Ledger(session).balance(spv.TREASURY, STABLECOIN)
    if treasury < booked:  # the books learn what the chain already shows
        Ledger(session).transfer(spv.TREASURY, "@losses", STABLECOIN, booked - treasury, at=now,
                                 transfer_id="insolvency:treasury-loss")
        record(session, now, "spv.loss_recognised", asset=STABLECOIN, amount=booked - treasury)
    transit = in_transit(session, products)
    cash = attribute_cash(facts.broker_cash + treasury + transit, attributed_cash(session, products))

    pools = []
    for contract in products:  # a holder's claim: the shares a token represents now, at the insolvency price
        symbol, price = contract.symbol, prices[contract.symbol]
        held = facts.positions.get(contract.underlying, ZERO)
        shares = Line("shares", f"{contract.underlying} held at the broker", held * price, held, price) if held else None
        pools.append(Product(symbol, contract.standing, facts.supplies[symbol],
                             shares_for(facts.multipliers[symbol], Decimal(1)) * price, shares, cash.get(symbol, ZERO),
                             str(contract.terms.get("standing", {}).get("agent", "")), contract.agent_costs_bps))
    attributed = sum(cash.values(), ZERO)   # taken from the broker cash, then the treasury, then the wires
    from_broker = min(attributed, max(facts.broker_cash, ZERO))
    from_treasury = min(attributed - from_broker, max(treasury, ZERO))
    from_transit = attributed - from_broker - from_treasury
    general = [Line("broker_cash", "cash at the broker, settled and unsettled, not attributed to a secured product",
                    facts.broker_cash - from_broker),
               Line("stablecoin", f"{STABLECOIN} in the SPV's treasury on chain, not attributed to a secured product",
                    treasury - from_treasury, treasury - from_treasury, Decimal(1))]
    if transit:
        general.append(Line("cash_in_transit", "USD on the wire from FUSD's issuer, not attributed to a secured "
                            "product", transit - from_transit))
    owed = []
    for red in session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(("selling", "sold")))
                            .order_by(RedemptionRow.redemption_id)):
        price = red.sale_price or prices[red.token]  # owed what its sale sold (or will sell): the broker's record
        owed.append(Line("redemptions_owed", f"{red.redemption_id}: burned, not paid",
                         facts.sold[red.redemption_id] * price, red.quantity, price))

    statement = value_estate(pools, general, owed, spv.SPONSOR_LOAN)
    row = EstateRow(id=1, reason=reason, declared_at=now, broker_account_id=plan["account_id"],
                    statement=statement_json(statement))
    session.add(row)
    record(session, now, "spv.insolvent", reason=reason, gross_assets=statement.gross_assets,
           total_claims=statement.total_claims, recovery_rate=statement.recovery_rate)
    session.flush()
    return row
