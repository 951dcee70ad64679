"""The SPV's operations: instant mint against stablecoin, hedging at the broker, redemption.

A mint takes the payer's stablecoin (an ERC-20 allowance the payer granted), mints the tokens at
once, and sends a buy order for the shares to the SPV's account at the broker, all in the same
request. If the broker refuses the hedge (a cut route), the tokens still exist: they are unbacked,
and the receipt says so. A redemption sells first (so a refused sale changes nothing), then takes
and burns the tokens; it is paid in stablecoin once the sale has settled, T+1.

The SPV's own books: stablecoin in its treasury, tokens outstanding. Shares are the broker's
record, read through its API.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from fivelayer.issuer import ports
from fivelayer.issuer.models import BrokerLink, EstateRow, MintRow, ProductSwitch, RedemptionRow
from fivelayer.issuer.pricing import Quote, quote, quote_shares, shares_for
from fivelayer.kernel import reasons
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, STABLECOIN_PLACES, RawAmount, from_pb, parse_amount, to_pb
from fivelayer.kernel.outbox import record
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.v1 import broker_pb2, chain_pb2, control_pb2

NAME = "Fivelayer Tokens SPV Ltd"
OPENING_CASH = Decimal(10_000_000)
TREASURY, OUTSTANDING = "treasury", "tokens-outstanding"
# A broker that refuses these cannot be hedged with: the SPV stops minting and redeeming.
CUT_OFF = (reasons.Broker.ROUTE_CUT, reasons.Broker.ACCOUNT_FROZEN)
LIVE_HEDGE = ("accepted", "filled")          # broker order statuses that may still change


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


def link(session: Session) -> BrokerLink:
    row = session.get(BrokerLink, 1)
    if row is None:
        raise DomainError("UNAVAILABLE", "the SPV has no broker account yet (the broker was unreachable at start)")
    return row


def open_broker_account(session: Session, clients: ports.Clients, now: datetime) -> BrokerLink:
    """Open and fund the SPV's account at the broker, once (fixed request ids make it idempotent)."""
    row = session.get(BrokerLink, 1)
    if row is None:
        account = clients.broker.CreateAccount(broker_pb2.CreateAccountRequest(
            request_id="issuer:genesis:account", name=NAME, kind="institutional"))
        row = BrokerLink(id=1, account_id=account.account_id, api_key=account.api_key)
        session.add(row)
        record(session, now, "spv.account_opened", account_id=account.account_id, broker="Fivelayer Clearing LLC")
    if not row.funded:
        clients.broker.FundAccount(broker_pb2.FundAccountRequest(
            request_id="issuer:genesis:funding", account_id=row.account_id, amount=to_pb(OPENING_CASH)))
        row.funded = True
        session.add(row)
        record(session, now, "spv.account_funded", account_id=row.account_id, amount=OPENING_CASH)
    session.flush()
    return row


def product(contracts: dict[str, Contract], token: str) -> Contract:
    contract = contracts.get(token)
    if contract is None or contract.kind != "stock":
        raise DomainError("UNKNOWN_TOKEN", f"the issuer runs no product {token!r}", token=token)
    return contract


def switch(session: Session, token: str) -> ProductSwitch:
    return session.get(ProductSwitch, token) or ProductSwitch(token=token)


def price_of(clients: ports.Clients, contract: Contract) -> Decimal:
    return from_pb(clients.market_data.GetPrice(control_pb2.PriceRequest(symbol=contract.underlying)).price)


def multiplier_of(clients: ports.Clients, contract: Contract) -> Decimal:
    """Shares per token, as the chain has it now: the chain owns a token's multiplier."""
    token = clients.chain.GetToken(chain_pb2.TokenRequest(symbol=contract.symbol))
    return from_pb(token.multiplier, Decimal(1))


def tokens(contract: Contract, multiplier: Decimal, raw: RawAmount) -> Decimal:
    """Token quantities: positive, within the token's decimals and the 9 places of a share."""
    quantity = parse_amount(raw, "quantity", min(contract.decimals, SHARE_PLACES))
    shares = shares_for(multiplier, quantity)
    require(shares == shares.quantize(Decimal(1).scaleb(-SHARE_PLACES)),
            "TOO_MANY_DECIMALS", "the shares behind this quantity need more than 9 decimal places")
    return quantity


def _next_id(session: Session, model: type[SQLModel], prefix: str) -> str:
    return f"{prefix}-{session.exec(select(func.count()).select_from(model)).one() + 1:06d}"


def mint(session: Session, clients: ports.Clients, contracts: dict[str, Contract], now: datetime, *, request_id: str,
         token: str, raw_quantity: RawAmount, payer: str, recipient: str, raw_max_cost: RawAmount) -> MintRow:
    contract = product(contracts, token)
    refuse_if_insolvent(session)
    state = switch(session, token)
    require(not state.mint_halted, reasons.Issuer.MINT_HALTED, f"the issuer has halted minting {token}: {state.reason}",
            token=token)
    multiplier = multiplier_of(clients, contract)
    quantity = tokens(contract, multiplier, raw_quantity)
    account = link(session)
    price = price_of(clients, contract)
    q: Quote = quote(contract, multiplier, quantity, price, "mint")
    if raw_max_cost:
        max_cost = parse_amount(raw_max_cost, "max_cost", STABLECOIN_PLACES)
        require(q.total <= max_cost, reasons.Issuer.SLIPPAGE_EXCEEDED,
                f"the mint costs {q.total} {STABLECOIN}, above max_cost {max_cost}")
    recipient = recipient or payer
    payment = clients.chain.TransferFrom(chain_pb2.TransferFromRequest(
        request_id=f"{request_id}:pay", symbol=STABLECOIN, sender=ISSUER_ADDRESS, from_address=payer,
        to_address=ISSUER_ADDRESS, amount=to_pb(q.total)))
    minted = clients.chain.Mint(chain_pb2.MintTokensRequest(
        request_id=f"{request_id}:mint", symbol=token, sender=ISSUER_ADDRESS, to_address=recipient,
        amount=to_pb(quantity)))
    row = MintRow(mint_id=_next_id(session, MintRow, "mint"), request_id=request_id, token=token, quantity=quantity,
                  price=price, fee=q.fee, cost=q.total, payment_tx=payment.tx_hash, mint_tx=minted.tx_hash, at=now)
    try:
        order = clients.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=f"{request_id}:hedge", account_id=account.account_id, api_key=account.api_key,
            symbol=contract.underlying, side=broker_pb2.BUY, quantity=to_pb(shares_for(multiplier, quantity))))
        row.hedge_order_id, row.hedge_status = order.order_id, order.status
    except DomainError as refused:  # the tokens stand; the exposure is unbacked
        row.hedge_status = f"rejected: {refused.reason}"
        if refused.reason in CUT_OFF:
            halt_unhedgeable(session, contracts, now, refused.reason)
    ledger = Ledger(session)
    ledger.transfer("@payers", TREASURY, STABLECOIN, q.total, at=now, transfer_id=f"mint:{row.mint_id}")
    ledger.transfer("@chain", OUTSTANDING, token, quantity, at=now, transfer_id=f"mint:{row.mint_id}")
    session.add(row)
    record(session, now, "mint.completed", mint_id=row.mint_id, token=token, quantity=quantity, price=price,
           fee=q.fee, cost=q.total, payer=payer, recipient=recipient, mint_tx=row.mint_tx,
           hedge_order_id=row.hedge_order_id, hedge_status=row.hedge_status)
    session.flush()
    return row


def redeem(session: Session, clients: ports.Clients, contracts: dict[str, Contract], now: datetime, *, request_id: str,
           token: str, raw_quantity: RawAmount, holder: str, payout_address: str) -> RedemptionRow:
    contract = product(contracts, token)
    refuse_if_insolvent(session)
    state = switch(session, token)
    require(not state.redemption_halted, reasons.Issuer.REDEMPTION_HALTED,
            f"the issuer has halted redemptions of {token}: {state.reason}", token=token)
    multiplier = multiplier_of(clients, contract)
    quantity = tokens(contract, multiplier, raw_quantity)
    account = link(session)
    allowance = from_pb(clients.chain.GetAllowance(chain_pb2.AllowanceRequest(
        symbol=token, owner=holder, spender=ISSUER_ADDRESS)).amount)
    require(allowance >= quantity, reasons.Chain.INSUFFICIENT_ALLOWANCE,
            f"{holder} has approved the issuer for {allowance} {token}, not {quantity}")
    held = from_pb(clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=token, address=holder)).amount)
    require(held >= quantity, "INSUFFICIENT_FUNDS", f"{holder} holds {held} {token}, not {quantity}")
    order = clients.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
        request_id=f"{request_id}:hedge", account_id=account.account_id, api_key=account.api_key,
        symbol=contract.underlying, side=broker_pb2.SELL, quantity=to_pb(shares_for(multiplier, quantity))))
    clients.chain.TransferFrom(chain_pb2.TransferFromRequest(
        request_id=f"{request_id}:collect", symbol=token, sender=ISSUER_ADDRESS, from_address=holder,
        to_address=ISSUER_ADDRESS, amount=to_pb(quantity)))
    burned = clients.chain.Burn(chain_pb2.BurnTokensRequest(
        request_id=f"{request_id}:burn", symbol=token, sender=ISSUER_ADDRESS, amount=to_pb(quantity)))
    row = RedemptionRow(redemption_id=_next_id(session, RedemptionRow, "red"), request_id=request_id, token=token,
                        quantity=quantity, holder_address=holder, payout_address=payout_address or holder,
                        status="sold" if order.status == "filled" else "selling", burn_tx=burned.tx_hash,
                        hedge_order_id=order.order_id, sale_price=from_pb(order.filled_avg_price), requested_at=now)
    Ledger(session).transfer(OUTSTANDING, "@chain", token, quantity, at=now, transfer_id=f"redeem:{row.redemption_id}")
    session.add(row)
    record(session, now, "redemption.requested", redemption_id=row.redemption_id, token=token, quantity=quantity,
           holder=holder, burn_tx=row.burn_tx, hedge_order_id=row.hedge_order_id, status=row.status)
    session.flush()
    return row


def pay_settled(session: Session, clients: ports.Clients, contracts: dict[str, Contract],
                at: datetime) -> tuple[int, int]:
    """Pay every redemption whose sale has settled; refresh the mints' hedge status. Repeatable.
    An insolvent SPV pays nothing: what it has belongs to the estate."""
    if session.get(EstateRow, 1) is not None:
        return 0, 0
    account = link(session)

    def order_of(order_id: str) -> broker_pb2.Order:
        return clients.broker.GetOrder(broker_pb2.OrderRequest(account_id=account.account_id, order_id=order_id))

    paid = 0
    for row in session.exec(select(RedemptionRow).where(col(RedemptionRow.status).in_(("selling", "sold")))
                            .order_by(RedemptionRow.redemption_id)):
        order = order_of(row.hedge_order_id)
        if order.status in ("canceled", "rejected"):
            row.status = "failed"
            record(session, at, "redemption.failed", redemption_id=row.redemption_id, reason=order.reject_reason)
        elif order.status == "filled":
            row.status, row.sale_price = "sold", from_pb(order.filled_avg_price)
            if order.settled:
                # paid what its sale sold: the shares behind the tokens at the multiplier when they were redeemed
                q = quote_shares(contracts[row.token], from_pb(order.filled_quantity), row.sale_price, "redeem")
                tx = clients.chain.Transfer(chain_pb2.TransferRequest(
                    request_id=f"payout:{row.redemption_id}", symbol=STABLECOIN, sender=ISSUER_ADDRESS,
                    to_address=row.payout_address, amount=to_pb(q.total)))
                row.fee, row.payout, row.payout_tx, row.paid_at, row.status = q.fee, q.total, tx.tx_hash, at, "paid"
                Ledger(session).transfer(TREASURY, "@payees", STABLECOIN, q.total, at=at,
                                         transfer_id=f"payout:{row.redemption_id}")
                record(session, at, "redemption.paid", redemption_id=row.redemption_id, payout=q.total,
                       sale_price=row.sale_price, fee=q.fee, payout_tx=tx.tx_hash)
                paid += 1
        session.add(row)
    settled = 0
    # Only live hedges can still change: settled, cancelled and rejected ones are final.
    for mint_row in session.exec(select(MintRow).where(MintRow.hedge_order_id != "",
                                                       col(MintRow.hedge_status).in_(LIVE_HEDGE))):
        order = order_of(mint_row.hedge_order_id)
        status = "settled" if order.settled else order.status
        if order.status in ("canceled", "rejected"):
            status = f"{order.status}: {order.reject_reason}"
            if order.reject_reason in CUT_OFF:
                halt_unhedgeable(session, contracts, at, order.reject_reason)
        if status != mint_row.hedge_status:
            mint_row.hedge_status = status
            session.add(mint_row)
            if status == "settled":
                record(session, at, "mint.hedge_settled", mint_id=mint_row.mint_id, order_id=order.order_id)
                settled += 1
    return paid, settled


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
        record(session, now, "product.halted" if (mint_halted or redemption_halted) else "product.resumed",
               token=symbol, mint_halted=mint_halted, redemption_halted=redemption_halted, reason=reason)
        rows.append(row)
    session.flush()
    return rows
