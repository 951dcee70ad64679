"""Users and their custodial balances: stablecoin deposits from chain, withdrawals to chain.

A deposit is minted by the sandbox faucet to the user's own deposit address, swept into the
exchange's omnibus hot wallet, and credited to the user's account: from then on the user holds
a claim on the exchange, which holds the coins. A deposit address is the exchange's named account
"exchange:deposit:<user id>" (`kernel.keys`): the exchange holds its key and signs the sweep with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from fivelayer.exchange import ports, reasons
from fivelayer.exchange.models import DepositRow, DepositStatus, OrderRow, OrderStatus, UserRow, WithdrawalRow
from fivelayer.kernel import evm, keys
from fivelayer.kernel.countries import country_code
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, RawAmount, from_pb, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, STABLECOIN
from fivelayer.kernel.saga import TypedPlan
from fivelayer.v1 import chain_pb2
from fivelayer.v1 import events_pb2 as ev


def user_account(user_id: str) -> str:
    return f"user:{user_id}"


def deposit_account(user_id: str) -> str:
    """The named account of a user's deposit address, whose key the exchange holds."""
    return f"exchange:deposit:{user_id}"


def next_id(session: Session, model: type[SQLModel], prefix: str) -> str:
    return f"{prefix}-{session.exec(select(func.count()).select_from(model)).one() + 1:06d}"


def create_user(session: Session, now: datetime, name: str, country: str = "") -> UserRow:
    """A user, with the country of tax residence it declared at sign-up (ISO alpha-3, checked; "" none),
    which the exchange passes to the broker with the user's tax form (`traditional.open_account`)."""
    require(bool(name.strip()), Common.INVALID_ARGUMENT, "a user needs a name")
    code = country_code(country, "country")
    user_id = next_id(session, UserRow, "usr")
    user = UserRow(user_id=user_id, name=name.strip(),
                   deposit_address=keys.address_of("exchange", deposit_account(user_id)), created_at=now,
                   country=code)
    session.add(user)
    emit(session, now, ev.UserCreated(user_id=user_id, name=user.name, deposit_address=user.deposit_address,
                                      country=code))
    session.flush()
    return user


def get_user(session: Session, user_id: str) -> UserRow:
    user = session.get(UserRow, user_id)
    if user is None:
        raise DomainError(reasons.Exchange.UNKNOWN_USER, f"no exchange user {user_id!r}", user_id=user_id)
    return user


@dataclass(frozen=True)
class DepositPlan(TypedPlan):
    """A faucet deposit: how much goes to which user's deposit address."""

    user_id: str
    amount: Decimal
    deposit_address: str


@dataclass(frozen=True)
class WithdrawPlan(TypedPlan):
    """A withdrawal: the user's credit reserved in escrow, and where the chain transfer sends it."""

    user_id: str
    asset: str
    amount: Decimal
    to_address: str


def begin_deposit(session: Session, user_id: str, raw_amount: RawAmount) -> DepositPlan:
    user = get_user(session, user_id)
    amount = parse_amount(raw_amount, "amount", STABLECOIN_PLACES)
    return DepositPlan(user_id=user_id, amount=amount, deposit_address=user.deposit_address)


def fund_from_faucet(chain_service: ports.ChainService, request_id: str, plan: DepositPlan) -> chain_pb2.Tx:
    """The faucet sends the stablecoin to the user's deposit address; the deposit watcher
    (`exchange.deposits`) credits it from the chain's logs, as it would a transfer from the user's own key."""
    return chain_service.Faucet(chain_pb2.FaucetRequest(request_id=f"{request_id}:faucet",
                                                        to_address=plan.deposit_address,
                                                        amount=to_pb(plan.amount)))


def balances(session: Session, user_id: str) -> list[tuple[str, Decimal, Decimal]]:
    """(asset, available, pending): pending is what is on its way, sales still pending on the issuer and
    deposits without their confirmations yet."""
    get_user(session, user_id)
    held = {asset: amount for (acct, asset), amount in Ledger(session).balances(user_account(user_id)).items()
            if acct == user_account(user_id)}
    pending: dict[str, Decimal] = {}
    for row in session.exec(select(DepositRow).where(DepositRow.user_id == user_id,
                                                     DepositRow.status == DepositStatus.PENDING)):
        pending[row.asset] = pending.get(row.asset, ZERO) + row.amount
    sales = sum((o.expected for o in session.exec(select(OrderRow).where(
        OrderRow.user_id == user_id, OrderRow.status == OrderStatus.PENDING_REDEMPTION))), ZERO)
    if sales:
        pending[STABLECOIN] = pending.get(STABLECOIN, ZERO) + sales
    return [(a, held.get(a, ZERO), pending.get(a, ZERO)) for a in sorted(set(held) | set(pending))]


def begin_withdraw(session: Session, now: datetime, request_id: str, user_id: str, asset: str, decimals: int,
                   raw_amount: RawAmount, to_address: str) -> WithdrawPlan:
    """Reserve what leaves: the user's credit waits in escrow until the chain transfer is done."""
    get_user(session, user_id)
    evm.checksum(to_address, "to_address")  # a real address, before anything is reserved
    amount = parse_amount(raw_amount, "amount", decimals)
    Ledger(session).transfer(user_account(user_id), f"escrow:{request_id}", asset, amount, at=now,
                             transfer_id=f"reserve:{request_id}")
    return WithdrawPlan(user_id=user_id, asset=asset, amount=amount, to_address=to_address)


def withdraw_remote(chain: ports.Chain, request_id: str, plan: WithdrawPlan) -> chain_pb2.Tx:
    return chain.Transfer(chain_pb2.TransferRequest(request_id=f"{request_id}:withdraw", symbol=plan.asset,
                                                    sender=EXCHANGE_HOT_WALLET, to_address=plan.to_address,
                                                    amount=to_pb(plan.amount)))


def finish_withdraw(session: Session, now: datetime, request_id: str, plan: WithdrawPlan,
                    tx: chain_pb2.Tx) -> WithdrawalRow:
    user_id, asset, amount = plan.user_id, plan.asset, plan.amount
    Ledger(session).transfer(f"escrow:{request_id}", "@withdrawals", asset, amount, at=now,
                             transfer_id=f"withdraw:{request_id}")
    row = WithdrawalRow(withdrawal_id=next_id(session, WithdrawalRow, "wd"), user_id=user_id, asset=asset,
                        amount=amount, to_address=plan.to_address, tx_hash=tx.tx_hash)
    session.add(row)
    emit(session, now, ev.WithdrawalSent(withdrawal_id=row.withdrawal_id, user_id=user_id, asset=asset,
                                         amount=to_pb(amount), to=row.to_address, tx_hash=tx.tx_hash))
    return row


def release(session: Session, now: datetime, request_id: str, plan: WithdrawPlan) -> None:
    """The chain refused (paused transfers, a frozen address): the credit goes back whole."""
    Ledger(session).transfer(f"escrow:{request_id}", user_account(plan.user_id), plan.asset,
                             plan.amount, at=now, transfer_id=f"release:{request_id}")


def hot_wallet_balance(chain: ports.Chain, asset: str) -> Decimal:
    return from_pb(chain.BalanceOf(chain_pb2.BalanceRequest(symbol=asset, address=EXCHANGE_HOT_WALLET)).amount)


