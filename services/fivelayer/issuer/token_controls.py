"""The token contracts' switches the SPV holds as their owner, and a drill's stolen key.

Control drives the chain-level faults through the issuer, as an operator would ask a token's owner:
pause minting or transfers of a product (`PauseToken`), freeze one address in it (`FreezeAddress`).
Only the issuer's process holds the SPV's key, so only it can sign these contract calls. Each runs
as a saga keyed by its request id: the contract call is a keyed sub-request (`<id>:pause`,
`<id>:freeze`), so a retry sends nothing twice, and the finish records an event on the issuer's
timeline.

`CompromiseKey` is a drill's fault, not an operation: the SPV's hot key is stolen and the thief sends
the whole stablecoin treasury to an address of their own. The SPV's books are not told: they learn
the loss from the chain when the estate is valued (`estate.finish_declare`), as a real SPV would.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from fivelayer.issuer import ports, spv
from fivelayer.kernel.addresses import check_address
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import require
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.saga import TypedPlan
from fivelayer.v1 import chain_pb2, issuer_pb2
from fivelayer.v1 import events_pb2 as ev


@dataclass(frozen=True)
class PausePlan(TypedPlan):
    """Both switches of one product's contract, as asked."""

    token: str
    mint_paused: bool
    transfers_paused: bool


@dataclass(frozen=True)
class FreezePlan(TypedPlan):
    """One address of one product's contract, frozen or unfrozen."""

    token: str
    address: str
    frozen: bool


@dataclass(frozen=True)
class CompromisePlan(TypedPlan):
    """Where the stolen treasury goes and how much: fixed when the request was first seen."""

    to: str
    amount: Decimal
    reason: str


def reply(tx: chain_pb2.Tx) -> issuer_pb2.TokenControlReply:
    return issuer_pb2.TokenControlReply(tx_hash=tx.tx_hash, block_number=tx.block_number)


# --- pause ---------------------------------------------------------------------------------------

def begin_pause(contracts: dict[str, Contract], token: str, mint_paused: bool,
                transfers_paused: bool) -> PausePlan:
    spv.product(contracts, token)
    return PausePlan(token=token, mint_paused=mint_paused, transfers_paused=transfers_paused)


def pause_remote(chain: ports.Chain, request_id: str, plan: PausePlan) -> chain_pb2.Tx:
    """Both switches as asked (the wallet sends a transaction for each one that changes)."""
    return chain.SetPause(chain_pb2.SetPauseRequest(
        request_id=f"{request_id}:pause", symbol=plan.token, sender=ISSUER_ADDRESS,
        mint_paused=plan.mint_paused, transfers_paused=plan.transfers_paused))


def finish_pause(session: Session, now: datetime, plan: PausePlan, tx: chain_pb2.Tx) -> issuer_pb2.TokenControlReply:
    emit(session, now, ev.TokenPaused(token=plan.token, mint_paused=plan.mint_paused,
                                      transfers_paused=plan.transfers_paused, tx_hash=tx.tx_hash))
    return reply(tx)


# --- freeze --------------------------------------------------------------------------------------

def begin_freeze(contracts: dict[str, Contract], token: str, address: str, frozen: bool) -> FreezePlan:
    spv.product(contracts, token)
    return FreezePlan(token=token, address=check_address(address, "address"), frozen=frozen)


def freeze_remote(chain: ports.Chain, request_id: str, plan: FreezePlan) -> chain_pb2.Tx:
    return chain.SetFrozen(chain_pb2.SetFrozenRequest(
        request_id=f"{request_id}:freeze", symbol=plan.token, sender=ISSUER_ADDRESS, address=plan.address,
        frozen=plan.frozen))


def finish_freeze(session: Session, now: datetime, plan: FreezePlan, tx: chain_pb2.Tx) -> issuer_pb2.TokenControlReply:
    frozen = ev.TokenFrozen if plan.frozen else ev.TokenUnfrozen
    emit(session, now, frozen(token=plan.token, address=plan.address, tx_hash=tx.tx_hash))
    return reply(tx)


# --- the stolen key (a drill's fault) ------------------------------------------------------------

def treasury(chain: ports.Chain) -> Decimal:
    """The SPV's stablecoin on chain: what a thief holding its key can take."""
    return from_pb(chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=ISSUER_ADDRESS)).amount)


def begin_compromise(to_address: str, amount: Decimal, reason: str) -> CompromisePlan:
    """The amount is the treasury when the request was first seen: a retry takes the same amount."""
    to = check_address(to_address, "to_address")
    require(to != ISSUER_ADDRESS, Common.INVALID_ARGUMENT, "the stolen treasury must leave the SPV's address")
    require(amount > 0, Common.INSUFFICIENT_FUNDS,
            f"the SPV's {STABLECOIN} treasury is empty: there is nothing to take")
    return CompromisePlan(to=to, amount=amount, reason=reason or "the SPV's hot key is stolen (drill)")


def compromise_remote(chain: ports.Chain, request_id: str, plan: CompromisePlan) -> chain_pb2.Tx:
    """The thief signs with the SPV's key: a plain transfer, which the issuer's process alone can sign."""
    return chain.Transfer(chain_pb2.TransferRequest(
        request_id=f"{request_id}:steal", symbol=STABLECOIN, sender=ISSUER_ADDRESS, to_address=plan.to,
        amount=to_pb(plan.amount)))


def finish_compromise(session: Session, now: datetime, plan: CompromisePlan,
                      tx: chain_pb2.Tx) -> issuer_pb2.TokenControlReply:
    """An event for the drill's timeline only: the books stay as they were until the loss is recognised."""
    emit(session, now, ev.SpvKeyCompromised(asset=STABLECOIN, amount=to_pb(plan.amount), to=plan.to,
                                            reason=plan.reason, tx_hash=tx.tx_hash))
    return reply(tx)
