"""The SPV's operations: instant mint against stablecoin, hedging at the broker, redemption.

A mint takes the payer's stablecoin (an ERC-20 allowance the payer granted), mints the tokens at
once, and sends a buy order for the shares to the product's own account at the broker (each product has
one, all of the SPV as one customer: `open_broker_accounts`), all in the same
request. If the broker refuses the hedge (a cut route), the tokens still exist: they are unbacked,
and the receipt says so; if the broker is away, the hedge is pending and placed, once, when it
returns. A redemption sells first (so a refused sale changes nothing), then takes and burns the
tokens; it is paid in stablecoin once the sale has settled, T+1, by a saga of its own (`pay_redemption`).

Each request runs as a saga (`kernel.saga`): `begin_*` validates in a short unit of work,
`*_remote` makes the keyed calls with none open, `finish_*` records the outcome.

The SPV's own books: stablecoin in its treasury, tokens outstanding. Shares are the broker's
record, read through its API.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from fivelayer.issuer import funding, ports, reasons
from fivelayer.issuer.messages import REDEMPTION_STATUS_PB, redemption_message
from fivelayer.issuer.models import (
    OPEN_REDEMPTIONS,
    BrokerLink,
    EstateRow,
    HedgeStatus,
    MintRow,
    ProductSwitch,
    RedemptionRow,
    RedemptionStatus,
)
from fivelayer.issuer.pricing import Quote, quote, quote_shares, shares_for
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import (
    SHARE_PLACES,
    STABLECOIN_PLACES,
    RawAmount,
    from_pb,
    parse_amount,
    round_down,
    round_up,
    to_pb,
)
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common, Cutoff, Revert
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN, TOKENIZATION_ISSUER
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.saga import TypedPlan, TypedSaga, run_saga
from fivelayer.kernel.statuses import by_name
from fivelayer.kernel.timeutil import to_ts, utc
from fivelayer.v1 import broker_pb2, chain_pb2, control_pb2, issuer_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev

NAME = "Fivelayer Tokens SPV Ltd"
COUNTRY, TAX_FORM = "JEY", "w8ben_e"   # a Jersey SPV on a W-8BEN-E: no US treaty, its dividends withheld at 30%
TREASURY, OUTSTANDING = "treasury", "tokens-outstanding"
# A broker that refuses these cannot be hedged with: the SPV stops minting and redeeming.
CUT_OFF = (Cutoff.ROUTE_CUT, Cutoff.ACCOUNT_FROZEN, Cutoff.BROKER_FAILED)
LIVE_HEDGE = (HedgeStatus.ACCEPTED, HedgeStatus.NEW, HedgeStatus.FILLED)   # hedges that may still change
PENDING_HEDGE = HedgeStatus.PENDING          # the broker was away: the hedge is placed when it returns
HEDGE_OF_ORDER: dict[statuses_pb2.OrderStatus, HedgeStatus] = {   # the broker's order status, as a hedge's
    statuses_pb2.ORDER_STATUS_ACCEPTED: HedgeStatus.ACCEPTED, statuses_pb2.ORDER_STATUS_NEW: HedgeStatus.NEW,
    statuses_pb2.ORDER_STATUS_FILLED: HedgeStatus.FILLED, statuses_pb2.ORDER_STATUS_CANCELED: HedgeStatus.CANCELED,
    statuses_pb2.ORDER_STATUS_REJECTED: HedgeStatus.REJECTED, statuses_pb2.ORDER_STATUS_EXPIRED: HedgeStatus.EXPIRED}
# The SPV's hedge statuses as statuses.proto declares them (its messages and events; redemptions: messages.py).
HEDGE_STATUS_PB = by_name(HedgeStatus, statuses_pb2.HedgeStatus)
# a sale or hedge that never fills
ENDED_ORDER = (statuses_pb2.ORDER_STATUS_CANCELED, statuses_pb2.ORDER_STATUS_REJECTED)
ORDER_BATCH = 500                            # order ids asked of the broker in one call


def refuse_if_insolvent(session: Session) -> None:
    row = session.get(EstateRow, 1)
    if row is not None:
        raise DomainError(reasons.Issuer.ISSUER_INSOLVENT, f"the SPV is insolvent since {row.declared_at.isoformat()}: "
                          f"{row.reason}; holders are unsecured creditors of its estate")


def halt_unhedgeable(session: Session, contracts: dict[str, Contract], now: datetime, refusal: str) -> None:
    """The broker refused a hedge for a cut route or frozen account: halt minting and redemption of
    every product, once, saying why."""
    switches = [switch(session, c.symbol) for c in contracts.values() if c.kind == "stock"]
    if all(s.mint_halted and s.redemption_halted for s in switches):
        return
    set_halt(session, contracts, now, "", True, True,
             f"the SPV cannot hedge: its broker refused its order ({refusal})")


def link(session: Session, token: str) -> BrokerLink:
    """A product's own account at the broker."""
    row = session.get(BrokerLink, token)
    if row is None:
        raise DomainError(Common.UNAVAILABLE, f"the SPV has no broker account for {token} yet (the broker was "
                          "unreachable at start)")
    return row


def links(session: Session) -> list[BrokerLink]:
    """Every product's account, by product."""
    return list(session.exec(select(BrokerLink).order_by(col(BrokerLink.token))))


def customer_id(session: Session) -> str:
    """The SPV as the broker's customer (its first account): its route, status and SIPC claim; "" before genesis."""
    first = session.exec(select(BrokerLink).order_by(col(BrokerLink.token))).first()
    return first.customer_id if first else ""


def open_broker_accounts(db: Database, broker: ports.Broker, now: datetime,
                         contracts: dict[str, Contract]) -> list[BrokerLink]:
    """Open each product's own account at the broker, once (fixed request ids make it idempotent): the first
    makes the SPV a customer, the others are accounts of that customer. A prefunded product's account gets
    its buffer from the sponsor's loan, a broker-credit one its line, and each takes the shares of its
    product's in-kind mints. Each step is a remote call, then a short unit of work that records it."""
    opened: list[BrokerLink] = []
    customer = ""
    for contract in sorted((c for c in contracts.values() if c.kind == "stock"), key=lambda c: c.symbol):
        row = _open_account(db, broker, now, contract, customer)
        customer = row.customer_id
        broker.RegisterTokenizationIssuer(broker_pb2.RegisterTokenizationIssuerRequest(
            request_id=f"issuer:genesis:tokenization:{contract.symbol}", issuer=TOKENIZATION_ISSUER,
            account_id=row.account_id, underlying_symbol=contract.underlying))
        if contract.funding_mode == "prefunded" and contract.buffer > 0 and not row.funded:
            row = _fund(db, broker, now, contract, row)
        if contract.funding_mode == "broker-credit":
            ask_credit_line(broker, row.account_id, contract)
        opened.append(row)
    return opened


def _open_account(db: Database, broker: ports.Broker, now: datetime, contract: Contract,
                  customer: str) -> BrokerLink:
    with db.read() as session:
        row = session.get(BrokerLink, contract.symbol)
    if row is not None:
        return row
    account = broker.CreateAccount(broker_pb2.CreateAccountRequest(
        request_id=f"issuer:genesis:account:{contract.symbol}", name=NAME, kind="institutional",
        country_of_tax_residence=COUNTRY, tax_status=TAX_FORM, customer_account_id=customer))
    with db.transaction() as session:
        row = session.get(BrokerLink, contract.symbol)
        if row is None:
            row = BrokerLink(token=contract.symbol, account_id=account.account_id, api_key=account.api_key,
                             customer_id=account.customer_id or customer or account.account_id)
            session.add(row)
            emit(session, now, ev.SpvAccountOpened(token=contract.symbol, account_id=account.account_id,
                                                   customer_id=row.customer_id, broker="Fivelayer Clearing LLC"))
        return row


def _fund(db: Database, broker: ports.Broker, now: datetime, contract: Contract, row: BrokerLink) -> BrokerLink:
    """The sponsor's loan wired into a prefunded product's account: its buffer."""
    broker.FundAccount(broker_pb2.FundAccountRequest(
        request_id=f"issuer:genesis:funding:{contract.symbol}", account_id=row.account_id,
        amount=to_pb(contract.buffer)))
    with db.transaction() as session:
        row = get_row(session, BrokerLink, contract.symbol, "broker account")
        if not row.funded:
            row.funded = True
            session.add(row)
            emit(session, now, ev.SpvAccountFunded(
                token=contract.symbol, account_id=row.account_id, amount=to_pb(contract.buffer),
                source="the sponsor's subordinated loan, opening the product's buffer"))
            funding.open_buffer(session, contract, now)
        return row


def ask_credit_line(broker: ports.Broker, account_id: str, contract: Contract) -> None:
    """A broker-credit product's line on its own account, at its stated late rate; keyed by what it asks,
    so a restart repeats nothing and changed terms are asked again."""
    digest = hashlib.sha256(f"{contract.symbol}|{contract.credit_limit}|{contract.late_rate}".encode()).hexdigest()[:12]
    broker.SetCreditLine(broker_pb2.SetCreditLineRequest(
        request_id=f"issuer:genesis:credit-line:{digest}", account_id=account_id, limit=to_pb(contract.credit_limit),
        annual_rate=to_pb(contract.late_rate)))


def instruct_votes(db: Database, broker: ports.Broker, contracts: dict[str, Contract]) -> int:
    """Tell the broker how the SPV votes the shares behind each product, on the product's own account: by
    its terms (voting = none) the SPV votes none of them, so it gives the broker a standing instruction not
    to vote them; without one the broker would vote them on routine proposals as an uninstructed owner's
    (NYSE Rule 452). One call per account, keyed by what it says, so a restart repeats nothing and changed
    terms are sent again. Returns the calls made."""
    with db.read() as session:
        accounts = {row.token: row.account_id for row in links(session)}
    made = 0
    for contract in sorted(contracts.values(), key=lambda c: c.symbol):
        if contract.kind != "stock" or contract.symbol not in accounts:
            continue
        do_not_vote = contract.voting_policy == "none"
        reason = f"voting = {contract.voting_policy}: {contract.voting_clause}"
        digest = hashlib.sha256(f"{contract.symbol}|{do_not_vote}|{reason}".encode()).hexdigest()[:16]
        broker.SetStandingVotingInstruction(broker_pb2.StandingVotingInstructionRequest(
            request_id=f"issuer:voting:{digest}", account_id=accounts[contract.symbol],
            symbols=[contract.underlying], do_not_vote=do_not_vote, reason=reason))
        made += 1
    return made


def product(contracts: dict[str, Contract], token: str) -> Contract:
    contract = contracts.get(token)
    if contract is None or contract.kind != "stock":
        raise DomainError(Common.UNKNOWN_TOKEN, f"the issuer runs no product {token!r}", token=token)
    return contract


def switch(session: Session, token: str) -> ProductSwitch:
    return session.get(ProductSwitch, token) or ProductSwitch(token=token)


def price_of(clients: ports.Clients, contract: Contract) -> Decimal:
    return from_pb(clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=contract.underlying)).price)


def price_at(clients: ports.Clients, contract: Contract, at: datetime) -> Decimal:
    """The underlying's price at an instant (a close)."""
    return from_pb(clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=contract.underlying,
                                                                        at=to_ts(at))).price)


def tokens(contract: Contract, raw: RawAmount) -> Decimal:
    """Token quantities: positive, within the token's decimals and the 9 places of a share (the shares
    behind any quantity are rounded to a share's 9 places: `hedge_shares`)."""
    return parse_amount(raw, "quantity", min(contract.decimals, SHARE_PLACES))


def hedge_shares(multiplier: Decimal, quantity: Decimal, side: str) -> Decimal:
    """The shares a mint's hedge buys, or a redemption's sale sells, for `quantity` tokens at the
    multiplier in force when the order fills: rounded to a share's 9 places toward the SPV's backing (a
    buy UP, a sale DOWN), so tokens never claim a share the SPV did not buy (the multiplier has 18 places)."""
    shares = shares_for(multiplier, quantity)
    return round_up(shares, SHARE_PLACES) if side == "mint" else round_down(shares, SHARE_PLACES)


def _next_id(session: Session, model: type[SQLModel], prefix: str) -> str:
    return f"{prefix}-{session.exec(select(func.count()).select_from(model)).one() + 1:06d}"


# -- a cash mint: take stablecoin, mint at once, hedge at the broker ------------------------------

@dataclass(frozen=True)
class HedgeLeg(TypedPlan):
    """The broker order that hedges a mint or sells for a redemption: the product's account and shares."""

    account_id: str
    api_key: str
    underlying: str
    shares: Decimal


@dataclass(frozen=True)
class MintPlan(HedgeLeg):
    """A priced mint: what the payment, the mint and the hedge send, and the funding read beforehand."""

    token: str
    quantity: Decimal
    price: Decimal
    fee: Decimal
    cost: Decimal
    payer: str
    recipient: str
    funding_mode: str
    hedge_estimate: Decimal
    credit_free: Decimal


@dataclass(frozen=True)
class RedeemPlan(HedgeLeg):
    """A redemption: the sale, then the tokens collected from the holder and burned."""

    token: str
    quantity: Decimal
    holder: str
    payout: str


@dataclass(frozen=True)
class MintOutcome:
    payment_tx: str
    mint_tx: str
    hedge_order_id: str
    hedge_status: HedgeStatus
    refusal: str          # the broker's reason when it refused the hedge (the mint's `hedge_reason`)


def begin_mint(session: Session, contracts: dict[str, Contract], *, token: str, raw_quantity: RawAmount,
               payer: str, recipient: str, raw_max_cost: RawAmount, price: Decimal, multiplier: Decimal,
               hedge_multiplier: Decimal | None = None, request_id: str, now: datetime) -> MintPlan:
    """Validate and price a mint (a short unit of work); the plan is what the remote steps do. The price
    is the token's value now (`multiplier`); the hedge buys the shares the token will claim when the
    hedge fills (`hedge_multiplier`: a change scheduled for the next open, e.g. a dividend going ex).
    The hedge's cash comes by the product's funding mode (`funding`): an in-kind product takes no cash
    mint; a prefunded one reserves the hedge's estimated cost from its free buffer, or refuses."""
    contract = product(contracts, token)
    refuse_if_insolvent(session)
    state = switch(session, token)
    require(not state.mint_halted, reasons.Issuer.MINT_HALTED, f"the issuer has halted minting {token}: {state.reason}",
            token=token)
    funding.refuse_cash_leg(contract, "mint")
    quantity = tokens(contract, raw_quantity)
    account = link(session, token)
    q: Quote = quote(contract, multiplier, quantity, price, "mint")
    if raw_max_cost:
        max_cost = parse_amount(raw_max_cost, "max_cost", STABLECOIN_PLACES)
        require(q.total <= max_cost, reasons.Issuer.SLIPPAGE_EXCEEDED,
                f"the mint costs {q.total} {STABLECOIN}, above max_cost {max_cost}")
    shares = hedge_shares(hedge_multiplier or multiplier, quantity, "mint")
    estimate = funding.hedge_estimate(contract, shares, price)
    funding.reserve(session, contract, request_id, estimate, now)
    return MintPlan(token=token, quantity=quantity, price=price, fee=q.fee, cost=q.total, payer=payer,
                    recipient=recipient or payer, account_id=account.account_id, api_key=account.api_key,
                    underlying=contract.underlying, shares=shares, funding_mode=contract.funding_mode,
                    hedge_estimate=estimate, credit_free=funding.book_free(session, contract) + estimate)


def hedge_order(leg: HedgeLeg, request_id: str, side: broker_pb2.Side) -> broker_pb2.PlaceOrderRequest:
    return broker_pb2.PlaceOrderRequest(request_id=f"{request_id}:hedge", account_id=leg.account_id,
                                        api_key=leg.api_key, symbol=leg.underlying, side=side,
                                        quantity=to_pb(leg.shares))


def place_hedge(broker: ports.Broker, order: broker_pb2.PlaceOrderRequest) -> tuple[str, HedgeStatus, str]:
    """(order id, status, refusal): a refusal is an outcome; a broker that stays away leaves the
    hedge pending, to be placed with the same key when it returns."""
    try:
        placed = broker.PlaceOrder(order)
    except DomainError as refused:
        if is_transient(refused):
            return "", PENDING_HEDGE, ""
        return "", HedgeStatus.REJECTED, refused.reason
    return placed.order_id, HEDGE_OF_ORDER[placed.status], ""


def check_line(broker: ports.Broker, contract: Contract, plan: MintPlan) -> None:
    """A broker-credit mint: the broker's line, read before any payment is taken (no unit of work open)."""
    line = broker.GetCreditLine(broker_pb2.AccountRequest(account_id=plan.account_id))
    funding.check_credit(contract, plan.hedge_estimate, from_pb(line.available), plan.credit_free)


def mint_remote(clients: ports.Clients, hedging: ports.Broker, plan: MintPlan, request_id: str,
                contract: Contract | None = None) -> MintOutcome:
    """Take the payment, mint, hedge: each keyed from the request id, so a repeat applies nothing twice.
    A broker-credit product's line is read first: beyond it the mint is refused before it is paid."""
    if plan.funding_mode == "broker-credit" and contract is not None:
        check_line(clients.broker, contract, plan)
    payment = clients.chain.TransferFrom(chain_pb2.TransferFromRequest(
        request_id=f"{request_id}:pay", symbol=STABLECOIN, sender=ISSUER_ADDRESS, from_address=plan.payer,
        to_address=ISSUER_ADDRESS, amount=to_pb(plan.cost)))
    minted = clients.chain.Mint(chain_pb2.MintTokensRequest(
        request_id=f"{request_id}:mint", symbol=plan.token, sender=ISSUER_ADDRESS, to_address=plan.recipient,
        amount=to_pb(plan.quantity)))
    order_id, status, refusal = place_hedge(hedging, hedge_order(plan, request_id, broker_pb2.BUY))
    return MintOutcome(payment.tx_hash, minted.tx_hash, order_id, status, refusal)


def finish_mint(session: Session, contracts: dict[str, Contract], now: datetime, request_id: str, plan: MintPlan,
                done: MintOutcome) -> MintRow:
    """Record the mint (the tokens stand even when the hedge was refused: the exposure is unbacked)."""
    token, quantity, cost = plan.token, plan.quantity, plan.cost
    row = MintRow(mint_id=_next_id(session, MintRow, "mint"), request_id=request_id, token=token, quantity=quantity,
                  shares=plan.shares, price=plan.price, fee=plan.fee, cost=cost,
                  payment_tx=done.payment_tx, mint_tx=done.mint_tx, hedge_order_id=done.hedge_order_id,
                  hedge_status=done.hedge_status, hedge_reason=done.refusal, at=now)
    if done.refusal in CUT_OFF:
        halt_unhedgeable(session, contracts, now, done.refusal)
    funding.mint_paid(session, contracts[token], request_id, row.mint_id, cost, hedged=not done.refusal, now=now)
    ledger = Ledger(session)
    ledger.transfer("@payers", TREASURY, STABLECOIN, cost, at=now, transfer_id=f"mint:{row.mint_id}")
    ledger.transfer("@chain", OUTSTANDING, token, quantity, at=now, transfer_id=f"mint:{row.mint_id}")
    session.add(row)
    emit(session, now, ev.MintCompleted(
        mint_id=row.mint_id, token=token, quantity=to_pb(quantity), price=to_pb(row.price), fee=to_pb(row.fee),
        cost=to_pb(cost), payer=plan.payer, recipient=plan.recipient, mint_tx=row.mint_tx,
        hedge_order_id=row.hedge_order_id, hedge_status=HEDGE_STATUS_PB[HedgeStatus(row.hedge_status)]))
    session.flush()
    return row


def pending_hedges(session: Session, limit: int) -> list[MintRow]:
    return list(session.exec(select(MintRow).where(MintRow.hedge_status == PENDING_HEDGE)
                             .order_by(col(MintRow.mint_id)).limit(limit)))


def place_pending_hedges(db: Database, hedging: ports.Broker, contracts: dict[str, Contract], now: datetime,
                         limit: int = 100) -> int:
    """Place the hedges the broker was away for, with their original keys: each once."""
    with db.read() as session:
        waiting = pending_hedges(session, limit)
        accounts = {row.token: row for row in links(session)}
    placed = 0
    for row in waiting:
        account = accounts[row.token]
        leg = HedgeLeg(account_id=account.account_id, api_key=account.api_key,
                       underlying=contracts[row.token].underlying, shares=row.shares)
        order_id, status, refusal = place_hedge(hedging, hedge_order(leg, row.request_id, broker_pb2.BUY))
        if status == PENDING_HEDGE:
            break  # still away: the next pass tries again
        with db.transaction() as session:
            mint = get_row(session, MintRow, row.mint_id, "mint")
            mint.hedge_order_id, mint.hedge_status, mint.hedge_reason = order_id, status, refusal
            session.add(mint)
            if refusal in CUT_OFF:
                halt_unhedgeable(session, contracts, now, refusal)
            if refusal:
                funding.hedge_done(session, mint.request_id, None, now)
            emit(session, now, ev.MintHedged(mint_id=mint.mint_id, hedge_order_id=order_id,
                                              hedge_status=HEDGE_STATUS_PB[status]))
        placed += 1
    return placed


# -- a redemption: sell first, then take and burn the tokens; paid after the sale settles ------------

@dataclass(frozen=True)
class Holding:
    """What the chain says of the holder before the redemption begins (read with no unit of work open)."""

    allowance: Decimal
    held: Decimal
    multiplier: Decimal

    def require(self, holder: str, token: str, quantity: Decimal) -> None:
        """The holder has approved the issuer for, and holds, the tokens it would hand back."""
        require(self.allowance >= quantity, Revert.INSUFFICIENT_ALLOWANCE,
                f"{holder} has approved the issuer for {self.allowance} {token}, not {quantity}")
        require(self.held >= quantity, Common.INSUFFICIENT_FUNDS, f"{holder} holds {self.held} {token}, not {quantity}")


def holding(chain: ports.Chain, contract: Contract, holder: str, multiplier: Decimal) -> Holding:
    token = contract.symbol
    allowance = from_pb(chain.GetAllowance(chain_pb2.AllowanceRequest(symbol=token, owner=holder,
                                                                      spender=ISSUER_ADDRESS)).amount)
    held = from_pb(chain.BalanceOf(chain_pb2.BalanceRequest(symbol=token, address=holder)).amount)
    return Holding(allowance, held, multiplier)


def begin_redeem(session: Session, contracts: dict[str, Contract], *, token: str, raw_quantity: RawAmount,
                 holder: str, payout_address: str, chain_view: Holding) -> RedeemPlan:
    contract = product(contracts, token)
    refuse_if_insolvent(session)
    state = switch(session, token)
    require(not state.redemption_halted, reasons.Issuer.REDEMPTION_HALTED,
            f"the issuer has halted redemptions of {token}: {state.reason}", token=token)
    funding.refuse_cash_leg(contract, "redemption")
    quantity = tokens(contract, raw_quantity)
    account = link(session, token)
    chain_view.require(holder, token, quantity)
    return RedeemPlan(token=token, quantity=quantity, holder=holder, payout=payout_address or holder,
                      account_id=account.account_id, api_key=account.api_key, underlying=contract.underlying,
                      shares=hedge_shares(chain_view.multiplier, quantity, "redeem"))


@dataclass(frozen=True)
class RedeemOutcome:
    order: broker_pb2.Order
    burn_tx: str


def redeem_remote(clients: ports.Clients, plan: RedeemPlan, request_id: str) -> RedeemOutcome:
    """Sell first (a refused sale changes nothing), then collect and burn the tokens."""
    order = clients.broker.PlaceOrder(hedge_order(plan, request_id, broker_pb2.SELL))
    quantity = to_pb(plan.quantity)
    clients.chain.TransferFrom(chain_pb2.TransferFromRequest(
        request_id=f"{request_id}:collect", symbol=plan.token, sender=ISSUER_ADDRESS, from_address=plan.holder,
        to_address=ISSUER_ADDRESS, amount=quantity))
    burned = clients.chain.Burn(chain_pb2.BurnTokensRequest(
        request_id=f"{request_id}:burn", symbol=plan.token, sender=ISSUER_ADDRESS, amount=quantity))
    return RedeemOutcome(order, burned.tx_hash)


def finish_redeem(session: Session, now: datetime, request_id: str, plan: RedeemPlan,
                  done: RedeemOutcome) -> RedemptionRow:
    token, quantity = plan.token, plan.quantity
    row = RedemptionRow(redemption_id=_next_id(session, RedemptionRow, "red"), request_id=request_id, token=token,
                        quantity=quantity, holder_address=plan.holder, payout_address=plan.payout,
                        status=RedemptionStatus.SOLD if done.order.status == statuses_pb2.ORDER_STATUS_FILLED
                        else RedemptionStatus.SELLING,
                        burn_tx=done.burn_tx,
                        hedge_order_id=done.order.order_id, sale_price=from_pb(done.order.filled_avg_price),
                        requested_at=now)
    Ledger(session).transfer(OUTSTANDING, "@chain", token, quantity, at=now, transfer_id=f"redeem:{row.redemption_id}")
    session.add(row)
    emit(session, now, ev.RedemptionRequested(
        redemption_id=row.redemption_id, token=token, quantity=to_pb(quantity), holder=plan.holder,
        burn_tx=row.burn_tx, hedge_order_id=row.hedge_order_id,
        status=REDEMPTION_STATUS_PB[RedemptionStatus(row.status)]))
    session.flush()
    return row


# -- the daily pass: pay settled redemptions (a saga each), follow the hedges ------------------------

PAY_METHOD = "PayRedemption"   # the payout saga's name: its intents' keys start with it (`kernel.saga`)


@dataclass(frozen=True)
class PayoutPlan(TypedPlan):
    """A settled sale's payout, fixed at begin: what the sale sold (`quote_shares`: a multiplier changed
    since the burn changes nothing owed), the fee, and the instant it is booked at, so a payout carried on
    after a crash pays and books exactly this."""

    redemption_id: str
    token: str
    payout_address: str
    sale_price: Decimal
    gross: Decimal
    fee: Decimal
    total: Decimal
    at: datetime


def payout_request(redemption_id: str) -> issuer_pb2.PayoutRequest:
    """The payout saga's request: keyed `payout:<id>`, the key its FUSD transfer has always had."""
    return issuer_pb2.PayoutRequest(request_id=f"payout:{redemption_id}", redemption_id=redemption_id)


def _settled_sale(sale: broker_pb2.Order) -> bool:
    return sale.status == statuses_pb2.ORDER_STATUS_FILLED and sale.settled


def payout_saga(clients: ports.Clients, contracts: dict[str, Contract], request: issuer_pb2.PayoutRequest,
                sale: broker_pb2.Order, at: datetime
                ) -> TypedSaga[PayoutPlan, str, issuer_pb2.Redemption]:
    """Begin: the redemption is open, its sale settled, the SPV solvent; the payout priced. Remote: the
    FUSD transfer, keyed by the request. Finish: the redemption paid, its books and its event."""
    def begin(session: Session) -> PayoutPlan:
        refuse_if_insolvent(session)
        row = get_row(session, RedemptionRow, request.redemption_id, "redemption")
        require(row.status in OPEN_REDEMPTIONS and _settled_sale(sale), reasons.Issuer.NOTHING_TO_PAY,
                f"redemption {row.redemption_id} is {row.status} and its sale {sale.order_id or row.hedge_order_id} "
                "has not settled: nothing to pay", redemption_id=row.redemption_id)
        q = quote_shares(contracts[row.token], from_pb(sale.quantity), from_pb(sale.filled_avg_price), "redeem")
        return PayoutPlan(redemption_id=row.redemption_id, token=row.token, payout_address=row.payout_address,
                          sale_price=from_pb(sale.filled_avg_price), gross=q.gross, fee=q.fee, total=q.total, at=at)

    def remote(plan: PayoutPlan) -> str:
        return clients.chain.Transfer(chain_pb2.TransferRequest(
            request_id=request.request_id, symbol=STABLECOIN, sender=ISSUER_ADDRESS, to_address=plan.payout_address,
            amount=to_pb(plan.total))).tx_hash

    def finish(session: Session, plan: PayoutPlan, tx_hash: str) -> issuer_pb2.Redemption:
        row = get_row(session, RedemptionRow, plan.redemption_id, "redemption")
        row.sale_price, row.fee, row.payout, row.payout_tx = plan.sale_price, plan.fee, plan.total, tx_hash
        row.paid_at, row.status = plan.at, RedemptionStatus.PAID
        Ledger(session).transfer(TREASURY, "@payees", STABLECOIN, plan.total, at=plan.at,
                                 transfer_id=f"payout:{row.redemption_id}")
        funding.redemption_paid(session, contracts[row.token], row.redemption_id, plan.gross, plan.total, plan.at)
        emit(session, plan.at, ev.RedemptionPaid(redemption_id=row.redemption_id, payout=to_pb(plan.total),
                                                 sale_price=to_pb(plan.sale_price), fee=to_pb(plan.fee),
                                                 payout_tx=tx_hash))
        session.add(row)
        session.flush()
        return redemption_message(row)

    return TypedSaga(PayoutPlan, begin=begin, remote=remote, finish=finish)


def sale_of(session: Session, redemption_id: str) -> tuple[str, str]:
    """(account, order id) of a redemption's sale."""
    row = get_row(session, RedemptionRow, redemption_id, "redemption")
    return link(session, row.token).account_id, row.hedge_order_id


def pay_redemption(db: Database, clients: ports.Clients, contracts: dict[str, Contract],
                   request: issuer_pb2.PayoutRequest, at: datetime,
                   sale: broker_pb2.Order | None = None) -> issuer_pb2.Redemption:
    """Pay one redemption, once (`kernel.saga`): the pass gives the sale it read; the resumer, carrying on
    an intent a crash or an absent chain left, has the broker read it (the plan, not the sale, decides)."""
    def make() -> TypedSaga[PayoutPlan, str, issuer_pb2.Redemption]:
        known = sale
        if known is None:
            with db.read() as session:
                account_id, order_id = sale_of(session, request.redemption_id)
            known = _orders(clients, {account_id: {order_id}}).get(order_id, broker_pb2.Order())
        return payout_saga(clients, contracts, request, known, at)
    return run_saga(db, PAY_METHOD, request, make)


def _orders(clients: ports.Clients, wanted: dict[str, set[str]]) -> dict[str, broker_pb2.Order]:
    """The orders of each account asked of the broker, a bounded batch of ids at a time."""
    known: dict[str, broker_pb2.Order] = {}
    for account_id, ids in sorted(wanted.items()):
        ordered = sorted(ids)
        for start in range(0, len(ordered), ORDER_BATCH):
            known.update((o.order_id, o) for o in whole(clients.broker.ListOrders, broker_pb2.ListOrdersRequest(
                account_id=account_id, order_ids=ordered[start:start + ORDER_BATCH])).orders)
    return known


def pay_settled(db: Database, clients: ports.Clients, contracts: dict[str, Contract], at: datetime) -> tuple[int, int]:
    """Pay every redemption whose sale has settled; refresh the mints' hedge status. Repeatable.
    An insolvent SPV pays nothing: what it has belongs to the estate. The broker is read with no unit of
    work open; then each redemption in id order (so its events keep their order) is paid by its saga
    (`pay_redemption`, keyed `payout:<id>`) or marked sold or failed; then one unit records the hedges."""
    with db.read() as session:
        if session.get(EstateRow, 1) is not None:
            return 0, 0
        accounts = {row.token: row.account_id for row in links(session)}
        redemptions = list(session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))
                                        .order_by(RedemptionRow.redemption_id)))
        # Only live hedges can still change: settled, cancelled and rejected ones are final.
        hedged = list(session.exec(select(MintRow).where(MintRow.hedge_order_id != "",
                                                         col(MintRow.hedge_status).in_(LIVE_HEDGE))
                                   .order_by(MintRow.mint_id)))

    wanted: dict[str, set[str]] = {}   # each product's orders, asked of its own account
    for token, order_id in [*((r.token, r.hedge_order_id) for r in redemptions),
                            *((m.token, m.hedge_order_id) for m in hedged)]:
        wanted.setdefault(accounts[token], set()).add(order_id)
    known = _orders(clients, wanted)

    def order_of(order_id: str) -> broker_pb2.Order:
        if order_id not in known:
            raise DomainError(Common.NOT_FOUND, f"the broker has no order {order_id!r} for the SPV")
        return known[order_id]

    sales = {row.redemption_id: order_of(row.hedge_order_id) for row in redemptions}
    hedges = {row.mint_id: order_of(row.hedge_order_id) for row in hedged}

    paid = settled = 0
    for row in redemptions:
        sale = sales[row.redemption_id]
        if _settled_sale(sale):
            pay_redemption(db, clients, contracts, payout_request(row.redemption_id), at, sale)
            paid += 1
        elif sale.status in ENDED_ORDER or sale.status == statuses_pb2.ORDER_STATUS_FILLED:
            _sale_ended(db, row.redemption_id, sale, at)
    with db.transaction() as session:
        for mint_row in hedged:
            mint_row = get_row(session, MintRow, mint_row.mint_id, "mint")
            order = hedges[mint_row.mint_id]
            status = HedgeStatus.SETTLED if order.settled else HEDGE_OF_ORDER[order.status]
            reason = order.reject_reason if order.status in ENDED_ORDER else ""
            if order.status in ENDED_ORDER and order.reject_reason in CUT_OFF:
                halt_unhedgeable(session, contracts, at, order.reject_reason)
            if (status, reason) != (mint_row.hedge_status, mint_row.hedge_reason):
                mint_row.hedge_status, mint_row.hedge_reason = status, reason
                session.add(mint_row)
                if status == HedgeStatus.SETTLED:
                    funding.hedge_done(session, mint_row.request_id, round_up(
                        from_pb(order.filled_quantity) * from_pb(order.filled_avg_price), 2), at)
                elif order.status in ENDED_ORDER:
                    funding.hedge_done(session, mint_row.request_id, None, at)
                if status == HedgeStatus.SETTLED:
                    emit(session, at, ev.MintHedgeSettled(mint_id=mint_row.mint_id, order_id=order.order_id))
                    settled += 1
    return paid, settled


def live_work(session: Session) -> bool:
    """A hedge that may still change or wait to be placed, or a redemption not paid yet."""
    return session.exec(select(MintRow.mint_id).where(col(MintRow.hedge_status).in_(
        (*LIVE_HEDGE, PENDING_HEDGE))).limit(1)).first() is not None or \
        session.exec(select(RedemptionRow.redemption_id).where(col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))
                     .limit(1)).first() is not None


def live_since(session: Session) -> datetime | None:
    """When the earliest live hedge's mint or open redemption began: nothing is due for it before."""
    mint = session.exec(select(func.min(MintRow.at)).where(col(MintRow.hedge_status).in_(
        (*LIVE_HEDGE, PENDING_HEDGE)))).one()
    redemption = session.exec(select(func.min(RedemptionRow.requested_at)).where(
        col(RedemptionRow.status).in_(OPEN_REDEMPTIONS))).one()
    return min((utc(t) for t in (mint, redemption) if t is not None), default=None)


def _sale_ended(db: Database, redemption_id: str, sale: broker_pb2.Order, at: datetime) -> None:
    """A sale the broker filled (the redemption is sold, paid once it settles) or never will (failed)."""
    with db.transaction() as session:
        row = get_row(session, RedemptionRow, redemption_id, "redemption")
        if row.status not in OPEN_REDEMPTIONS:
            return  # a concurrent pass got here first
        if sale.status in ENDED_ORDER:
            row.status = RedemptionStatus.FAILED
            emit(session, at, ev.RedemptionFailed(redemption_id=row.redemption_id, reason=sale.reject_reason))
        else:
            row.status, row.sale_price = RedemptionStatus.SOLD, from_pb(sale.filled_avg_price)
        session.add(row)


def set_halt(session: Session, contracts: dict[str, Contract], now: datetime, token: str, mint_halted: bool,
             redemption_halted: bool, reason: str) -> list[ProductSwitch]:
    targets = [product(contracts, token).symbol] if token else [c.symbol for c in contracts.values()
                                                                 if c.kind == "stock"]
    rows = []
    for symbol in targets:
        row = switch(session, symbol)
        row.mint_halted, row.redemption_halted = mint_halted, redemption_halted
        row.reason = reason if (mint_halted or redemption_halted) else ""
        session.add(row)
        switched = ev.ProductHalted if mint_halted or redemption_halted else ev.ProductResumed
        emit(session, now, switched(token=symbol, mint_halted=mint_halted, redemption_halted=redemption_halted,
                                    reason=reason))
        rows.append(row)
    session.flush()
    return rows
