"""In-kind mint and redemption (the Instant Tokenization Network flow) at the SPV.

The broker has already journaled an authorized participant's settled shares to the SPV's account
when it asks for a mint: the SPV mints the tokens to the wallet and confirms through the broker's
callback. No stablecoin, no hedge order, no T+1 wait: the shares are there. A redemption goes
back: the SPV collects the tokens (the wallet approved it), confirms through the broker's redeem
callback (the broker journals the shares back), then burns them; if the broker refuses the
callback (a cut route, a closed account) the tokens go back to the wallet and nothing else moved.

Minting halted, redemption halted and insolvency refuse these as they refuse the cash route.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_DOWN, Decimal

from sqlmodel import Session

from fivelayer.issuer import ports, reasons
from fivelayer.issuer.models import InKindRow
from fivelayer.issuer.pricing import shares_for
from fivelayer.issuer.spv import OUTSTANDING, Holding, product, refuse_if_insolvent, switch, tokens
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, RawAmount, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import ISSUER_ADDRESS, NETWORK
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.saga import TypedPlan
from fivelayer.v1 import broker_pb2, chain_pb2
from fivelayer.v1 import events_pb2 as ev

log = logging.getLogger(__name__)


def receipt_id(request_id: str) -> str:
    return f"ink-{request_id}"


def product_of_underlying(contracts: dict[str, Contract], symbol: str) -> Contract:
    for contract in contracts.values():
        if contract.kind == "stock" and contract.underlying == symbol:
            return contract
    raise DomainError(Common.UNKNOWN_TOKEN, f"the issuer tokenizes no {symbol!r}", symbol=symbol)


def tokens_for_shares(contract: Contract, multiplier: Decimal, shares: Decimal) -> Decimal:
    """Tokens for shares at the multiplier, rounded down to the token's places: a fraction of a
    token the shares cannot buy stays backing, never unbacked."""
    places = Decimal(1).scaleb(-min(contract.decimals, SHARE_PLACES))
    return (shares / multiplier).quantize(places, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class InKindPlan(TypedPlan):
    """What an in-kind mint or redemption's begin step fixed: the tokens for the shares, and where they go."""

    token: str
    tokens: Decimal
    shares: Decimal
    account_id: str
    wallet: str
    request_id: str
    underlying: str


def begin_mint(session: Session, contracts: dict[str, Contract], *, request_id: str, account_id: str,
               underlying: str, raw_qty: RawAmount, network: str, wallet: str, multiplier: Decimal) -> InKindPlan:
    contract = product_of_underlying(contracts, underlying)
    refuse_if_insolvent(session)
    state = switch(session, contract.symbol)
    require(not state.mint_halted, reasons.Issuer.MINT_HALTED,
            f"the issuer has halted minting {contract.symbol}: {state.reason}", token=contract.symbol)
    require(network == NETWORK, Common.INVALID_ARGUMENT, f"the issuer mints on {NETWORK!r}, not {network!r}")
    require(bool(wallet), Common.INVALID_ARGUMENT, "an in-kind mint needs the wallet address")
    shares = parse_amount(raw_qty, "qty", SHARE_PLACES)
    minted = tokens_for_shares(contract, multiplier, shares)
    require(minted > 0, Common.INVALID_ARGUMENT, f"{shares} shares make no whole unit of {contract.symbol}")
    return InKindPlan(token=contract.symbol, tokens=minted, shares=shares, account_id=account_id, wallet=wallet,
                      request_id=request_id, underlying=underlying)


@dataclass(frozen=True)
class InKindOutcome:
    tx_hash: str


def mint_remote(clients: ports.Clients, plan: InKindPlan) -> InKindOutcome:
    """Mint to the wallet, then confirm through the broker's callback (each keyed from the request)."""
    rid = plan.request_id
    minted = clients.chain.Mint(chain_pb2.MintTokensRequest(
        request_id=f"{rid}:mint", symbol=plan.token, sender=ISSUER_ADDRESS, to_address=plan.wallet,
        amount=to_pb(plan.tokens)))
    try:
        clients.broker.TokenizationCallback(broker_pb2.TokenizationCallbackRequest(
            request_id=f"{rid}:callback", kind="mint", tokenization_request_id=rid,
            issuer_request_id=receipt_id(rid), tx_hash=minted.tx_hash))
    except DomainError as refused:  # the tokens stand: the broker completes the request on this reply too
        if is_transient(refused):
            raise
        log.warning("in-kind mint %s: the broker refused the callback: %s", rid, refused)
    return InKindOutcome(minted.tx_hash)


def begin_redeem(session: Session, contracts: dict[str, Contract], *, request_id: str, account_id: str, token: str,
                 raw_quantity: RawAmount, wallet: str, chain_view: Holding) -> InKindPlan:
    contract = product(contracts, token)
    refuse_if_insolvent(session)
    state = switch(session, token)
    require(not state.redemption_halted, reasons.Issuer.REDEMPTION_HALTED,
            f"the issuer has halted redemptions of {token}: {state.reason}", token=token)
    require(bool(account_id), Common.INVALID_ARGUMENT, "an in-kind redemption needs the participant's broker account")
    quantity = tokens(contract, raw_quantity)
    chain_view.require(wallet, token, quantity)
    return InKindPlan(token=token, tokens=quantity, shares=shares_for(chain_view.multiplier, quantity),
                      account_id=account_id, wallet=wallet, request_id=request_id, underlying=contract.underlying)


def redeem_remote(clients: ports.Clients, plan: InKindPlan) -> InKindOutcome:
    """Collect the tokens, have the broker journal the shares back, burn; a refused callback
    returns the tokens."""
    rid, amount = plan.request_id, to_pb(plan.tokens)
    collected = clients.chain.TransferFrom(chain_pb2.TransferFromRequest(
        request_id=f"{rid}:collect", symbol=plan.token, sender=ISSUER_ADDRESS, from_address=plan.wallet,
        to_address=ISSUER_ADDRESS, amount=amount))
    try:
        clients.broker.TokenizationCallback(broker_pb2.TokenizationCallbackRequest(
            request_id=f"{rid}:callback", kind="redeem", account_id=plan.account_id,
            underlying_symbol=plan.underlying, qty=to_pb(plan.shares), wallet_address=plan.wallet,
            issuer_request_id=receipt_id(rid), tx_hash=collected.tx_hash))
    except DomainError as refused:
        if not is_transient(refused):
            clients.chain.Transfer(chain_pb2.TransferRequest(
                request_id=f"{rid}:return", symbol=plan.token, sender=ISSUER_ADDRESS, to_address=plan.wallet,
                amount=amount))
        raise
    burned = clients.chain.Burn(chain_pb2.BurnTokensRequest(
        request_id=f"{rid}:burn", symbol=plan.token, sender=ISSUER_ADDRESS, amount=amount))
    return InKindOutcome(burned.tx_hash)


def finish(session: Session, now: datetime, kind: str, plan: InKindPlan, done: InKindOutcome) -> InKindRow:
    """Record it; tokens outstanding move with it."""
    row = InKindRow(receipt_id=receipt_id(plan.request_id), request_id=plan.request_id, kind=kind,
                    token=plan.token, tokens=plan.tokens, shares=plan.shares,
                    account_id=plan.account_id, wallet_address=plan.wallet, tx_hash=done.tx_hash, at=now)
    ledger = Ledger(session)
    legs = ("@chain", OUTSTANDING) if kind == "mint" else (OUTSTANDING, "@chain")
    ledger.transfer(*legs, row.token, row.tokens, at=now, transfer_id=f"in-kind:{row.receipt_id}")
    session.add(row)
    finished = ev.InKindMinted if kind == "mint" else ev.InKindRedeemed
    emit(session, now, finished(receipt_id=row.receipt_id, token=row.token, tokens=to_pb(row.tokens),
                                shares=to_pb(row.shares), account_id=row.account_id, wallet=row.wallet_address,
                                tx_hash=row.tx_hash))
    session.flush()
    return row
