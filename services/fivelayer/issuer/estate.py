"""Insolvency: the SPV's estate, and what its creditors recover.

The token holder owns a claim on the SPV, not the shares: the shares sit in the SPV's own accounts
at the broker, one per product. A secured product's account (its shares and cash), its FUSD on the
wire and the FUSD its mints paid that the treasury still holds are that product's collateral, held
for its holders by a security agent; everything else the SPV owns passes into its general estate,
shared by the unsecured products' holders and its other unsecured creditors, ahead of the sponsor's
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
from fivelayer.issuer.models import OPEN_REDEMPTIONS, EstateRow, RedemptionRow
from fivelayer.issuer.pricing import shares_for
from fivelayer.issuer.waterfall import Line, Product, attribute_cash, statement_json, value_estate
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.saga import TypedPlan
from fivelayer.v1 import broker_pb2, chain_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev


@dataclass(frozen=True)
class Facts:
    """What the other services say of the SPV at insolvency, gathered with no unit of work open."""

    positions: dict[str, Decimal]      # token -> its underlying's shares in its account, settled and unsettled
    prices: dict[str, Decimal]         # token -> price of its underlying
    broker_cash: dict[str, Decimal]    # token -> cash in its account, settled and unsettled (a debit: negative)
    treasury: Decimal                  # stablecoin on chain
    supplies: dict[str, Decimal]       # token -> total supply on chain
    multipliers: dict[str, Decimal]    # token -> shares per token, as the chain says now
    sold: dict[str, Decimal]           # redemption id -> shares its sale order sells (the broker's record)


@dataclass(frozen=True)
class DeclarePlan(TypedPlan):
    """A declaration: the SPV's customer, why, its products' accounts (`token=account,...`) and the redemptions
    burned and not yet paid (`redemption=token=order,...`), in the flat form a stored plan holds."""

    customer_id: str
    reason: str
    accounts: str
    owed: str

    def account_of(self) -> dict[str, str]:
        """token -> the product's account at the broker."""
        return dict(pair.split("=", 1) for pair in filter(None, self.accounts.split(",")))

    def owed_sales(self) -> list[tuple[str, str, str]]:
        """(redemption id, token, sale order id) of each redemption owed."""
        return [(r, t, o) for r, t, o in (item.split("=") for item in filter(None, self.owed.split(",")))]


def begin_declare(session: Session, contracts: dict[str, Contract], now: datetime, reason: str) -> DeclarePlan:
    """Refuse a second declaration; halt every product at once, before the freeze goes out. The
    plan names the products' accounts, and the redemptions burned and not yet paid, whose sales the
    broker is asked about."""
    spv.refuse_if_insolvent(session)
    accounts = spv.links(session)
    if not accounts:
        raise DomainError(Common.UNAVAILABLE, "the SPV has no broker account yet (the broker was unreachable at start)")
    reason = reason or "declared insolvent by its directors"
    spv.set_halt(session, contracts, now, "", True, True, f"insolvent: {reason}")
    owed = session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))
                        .order_by(RedemptionRow.redemption_id))
    return DeclarePlan(customer_id=spv.customer_id(session), reason=reason,
                       accounts=",".join(f"{row.token}={row.account_id}" for row in accounts),
                       owed=",".join(f"{red.redemption_id}={red.token}={red.hedge_order_id}" for red in owed))


def declare_remote(clients: ports.Clients, contracts: dict[str, Contract], plan: DeclarePlan) -> Facts:
    """Freeze the token contracts and pass the SPV's accounts to the estate (the status is the customer's:
    one call, keyed, so once), then read what each product's account holds and owes."""
    products = [c for c in contracts.values() if c.kind == "stock"]
    for contract in products:  # the token contract's owner freezes transfers and minting
        clients.chain.SetPause(chain_pb2.SetPauseRequest(
            request_id=f"insolvency:{contract.symbol}:pause", symbol=contract.symbol, sender=ISSUER_ADDRESS,
            mint_paused=True, transfers_paused=True))
    clients.broker.SetAccountStatus(broker_pb2.SetAccountStatusRequest(
        request_id="insolvency:estate", account_id=plan.customer_id, status=statuses_pb2.ACCOUNT_STATUS_ESTATE,
        reason=f"{spv.NAME} is insolvent; its accounts belong to its estate"))
    accounts = plan.account_of()
    positions, cash = {}, {}
    for contract in products:
        if contract.symbol not in accounts:
            continue
        account = broker_pb2.AccountRequest(account_id=accounts[contract.symbol])
        positions[contract.symbol] = sum((from_pb(p.settled) + from_pb(p.unsettled) for p in
                                          clients.broker.GetPositions(account).positions
                                          if p.symbol == contract.underlying), ZERO)
        held = clients.broker.GetCash(account)
        cash[contract.symbol] = from_pb(held.settled) + from_pb(held.unsettled)
    treasury = from_pb(clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN,
                                                                      address=ISSUER_ADDRESS)).amount)
    tokens = {c.symbol: clients.chain.GetToken(chain_pb2.TokenRequest(symbol=c.symbol)) for c in products}
    sold = {}
    for redemption_id, token, order_id in plan.owed_sales():
        sold[redemption_id] = from_pb(clients.broker.GetOrder(broker_pb2.OrderRequest(
            account_id=accounts[token], order_id=order_id)).quantity)
    return Facts(positions, {c.symbol: spv.price_of(clients, c) for c in products}, cash, treasury,
                 {symbol: from_pb(t.total_supply) for symbol, t in tokens.items()},
                 {symbol: from_pb(t.multiplier, Decimal(1)) for symbol, t in tokens.items()}, sold)


def finish_declare(session: Session, contracts: dict[str, Contract], now: datetime, plan: DeclarePlan,
                   facts: Facts) -> EstateRow:
    """Value the estate from the facts, pool by pool, and record its statement."""
    products = [c for c in contracts.values() if c.kind == "stock"]
    reason, prices = plan.reason, facts.prices
    treasury = facts.treasury
    booked = Ledger(session).balance(spv.TREASURY, STABLECOIN)
    if treasury < booked:  # the books learn what the chain already shows
        Ledger(session).transfer(spv.TREASURY, "@losses", STABLECOIN, booked - treasury, at=now,
                                 transfer_id="insolvency:treasury-loss")
        emit(session, now, ev.SpvLossRecognised(asset=STABLECOIN, amount=to_pb(booked - treasury)))
    books = {c.symbol: funding.figures(session, c) for c in products}
    transit = {token: f.in_transit for token, f in books.items()}   # each wire pays its own product
    # The FUSD each secured product's mints paid that its books say the treasury still holds (one address on
    # chain holds every product's: the books say whose); the agent's pool takes it first.
    fusd = attribute_cash(treasury, {c.symbol: books[c.symbol].held for c in products if c.standing == "secured"})

    pools, general_cash, general_transit = [], ZERO, ZERO
    for contract in products:  # a holder's claim: the shares a token represents now, at the insolvency price
        symbol, price = contract.symbol, prices[contract.symbol]
        held = facts.positions.get(symbol, ZERO)
        shares = Line("shares", f"{contract.underlying} held in {symbol}'s account at the broker", held * price,
                      held, price) if held else None
        account_cash = facts.broker_cash.get(symbol, ZERO)
        if contract.standing == "secured":
            cash = account_cash + fusd.get(symbol, ZERO) + transit[symbol]
        else:
            cash, general_cash, general_transit = ZERO, general_cash + account_cash, general_transit + transit[symbol]
        pools.append(Product(symbol, contract.standing, facts.supplies[symbol],
                             shares_for(facts.multipliers[symbol], Decimal(1)) * price, shares, cash,
                             str(contract.terms.get("standing", {}).get("agent", "")), contract.agent_costs_bps))
    free_fusd = treasury - sum(fusd.values(), ZERO)
    general = [Line("broker_cash", "cash in the unsecured products' accounts at the broker, settled and unsettled",
                    general_cash),
               Line("stablecoin", f"{STABLECOIN} in the SPV's treasury on chain, not held for a secured product",
                    free_fusd, free_fusd, Decimal(1))]
    if general_transit:
        general.append(Line("cash_in_transit", "USD on the wire from FUSD's issuer to the unsecured products' "
                            "accounts", general_transit))
    owed = []
    for red in session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))
                            .order_by(RedemptionRow.redemption_id)):
        price = red.sale_price or prices[red.token]  # owed what its sale sold (or will sell): the broker's record
        owed.append(Line("redemptions_owed", f"{red.redemption_id}: burned, not paid",
                         facts.sold[red.redemption_id] * price, red.quantity, price))

    statement = value_estate(pools, general, owed, funding.lent(session))
    row = EstateRow(id=1, reason=reason, declared_at=now, broker_account_id=plan.customer_id,
                    statement=statement_json(statement))
    session.add(row)
    emit(session, now, ev.SpvInsolvent(reason=reason, gross_assets=to_pb(statement.gross_assets),
                                       total_claims=to_pb(statement.total_claims),
                                       recovery_rate=to_pb(statement.recovery_rate)))
    session.flush()
    return row
