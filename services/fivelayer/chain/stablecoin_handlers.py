"""The stablecoin issuer's service layer: what the Stablecoin face (`stablecoin_service`) and the wire job
(`jobs`, `pay_due`) call, in domain values and rows (the only messages here are events, the broker's
requests, and a request's id keying SetConditions once).

Issue mints against dollars received; Redeem burns the FUSD a holder sent to the redemption address and
queues a wire; the wire job sends each wire when Fedwire would (`kernel.fedwire`), as a broker
FundAccount keyed `stablecoin:wire:<redemption id>`, with no unit of work open across the call, so a
retried job credits once. The books and rules are `chain.stablecoin`; the chain it reads and signs on is
`chain.handlers`.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from google.protobuf.message import Message
from sqlmodel import Session, col, func, select

from fivelayer.chain import reasons, stablecoin
from fivelayer.chain.handlers import Chain, Transaction
from fivelayer.chain.models import JournalEntry
from fivelayer.chain.ports import Broker
from fivelayer.chain.reader import TRANSFER_TOPIC, Decoded
from fivelayer.chain.stablecoin_models import (
    RedemptionStatus,
    StablecoinConditions,
    StablecoinIssue,
    StablecoinRedemption,
    status_pb,
)
from fivelayer.kernel import evm, fedwire
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.idempotency import apply_once
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, fmt, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import page_by
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import FAUCET_ADDRESS, STABLECOIN
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import broker_pb2, common_pb2
from fivelayer.v1 import events_pb2 as ev

ISSUE_PREFIX: Final = "stablecoin:issue:"
TRANSIENT: Final = ("UNAVAILABLE", "DEADLINE_EXCEEDED", "RATE_LIMITED")  # the job retries these; others return the wire
REDEMPTION_ADDRESS: Final = FAUCET_ADDRESS


def conditions_of(row: StablecoinConditions) -> stablecoin.Conditions:
    return stablecoin.Conditions(row.redemptions_halted, row.redemption_price, row.wire_delay, row.stuck_usd,
                                 row.reason)


def halt(row: StablecoinRedemption, conditions: stablecoin.Conditions) -> None:
    row.status, row.pays_at, row.value_date = RedemptionStatus.HALTED, None, ""
    row.reason = (f"redemptions are halted ({conditions.reason or 'the off-ramp is closed'}): "
                  "the wire is scheduled when they reopen")


def schedule(row: StablecoinRedemption, conditions: stablecoin.Conditions, now: datetime) -> None:
    """Queue a redemption's wire on Fedwire's rule after the wire delay, or hold it while redemptions halt."""
    if conditions.halted:
        halt(row, conditions)
        return
    quote = stablecoin.schedule(now, conditions.delay())
    row.status, row.pays_at, row.value_date, row.reason = RedemptionStatus.QUEUED, quote.pays_at, \
        quote.value_date.isoformat(), quote.rule


def current_conditions(session: Session) -> StablecoinConditions:
    row = session.get(StablecoinConditions, 1)
    return row if row is not None else StablecoinConditions(id=1)


@dataclass(frozen=True)
class Reserve:
    supply: Decimal             # FUSD outstanding on chain
    held: Decimal               # dollars held against it, stuck ones included
    stuck: Decimal              # of which at a failed bank
    in_transit: Decimal         # owed for redemptions and not yet wired
    conditions: stablecoin.Conditions


class StablecoinIssuer:
    def __init__(self, db: Database, clock: ClockSource, chain: Chain, broker: Broker,
                 schedule_moved: Callable[[], None] = lambda: None) -> None:
        self.db = db
        self.clock = clock
        self.chain = chain
        self.broker = broker
        self.schedule_moved = schedule_moved  # tells control a wire is now due (`Runtime.schedule_moved`)
        self.lock = threading.Lock()  # one redemption at a time: a transfer is redeemed once
        chain.landed_hooks.append(self.on_landed)

    # --- the books kept from what lands -----------------------------------------------------------------

    def on_landed(self, session: Session, entry: JournalEntry, decoded: Decoded) -> None:
        """Every FUSD mint by the issuer's key books the dollars it stands for (a faucet deposit or Issue)."""
        if decoded.kind != "mint" or decoded.symbol != STABLECOIN or decoded.sender != FAUCET_ADDRESS:
            return
        request_id = entry.request_id or ""
        issued = session.get(StablecoinIssue, request_id.removeprefix(ISSUE_PREFIX)) \
            if request_id.startswith(ISSUE_PREFIX) else None
        reference = issued.wire_reference if issued is not None else "sandbox deposit (faucet)"
        stablecoin.book_received(Ledger(session), entry.at, entry.tx_hash, decoded.amount, reference)
        emit(session, entry.at, ev.StablecoinIssued(to=decoded.to_address, amount=to_pb(decoded.amount),
                                                    tx_hash=entry.tx_hash, request_id=request_id,
                                                    wire_reference=reference))

    # --- reads -------------------------------------------------------------------------------------------

    def reserve(self) -> Reserve:
        token = self.chain.token(STABLECOIN)
        supply = evm.from_units(self.chain.contracts.call(token, "totalSupply", []), token.decimals)
        with self.db.read() as session:
            conditions = conditions_of(current_conditions(session))
            held, stuck = stablecoin.reserve(Ledger(session))
            waiting = [r.amount for r in session.exec(select(StablecoinRedemption).where(
                col(StablecoinRedemption.status).in_(stablecoin.WAITING)))]
        in_transit = sum((stablecoin.wire_usd(a, conditions.price) for a in waiting), ZERO)
        return Reserve(supply, held, stuck, in_transit, conditions)

    def redemption(self, redemption_id: str) -> StablecoinRedemption:
        with self.db.read() as session:
            row = session.exec(select(StablecoinRedemption).where(
                StablecoinRedemption.redemption_id == redemption_id)).first()
        if row is None:
            raise DomainError(Common.NOT_FOUND, f"no redemption {redemption_id!r}", id=redemption_id)
        return row

    def redemptions(self, holder: str, limit: int, page_token: str) -> tuple[list[StablecoinRedemption], str]:
        """A page of the redemptions (of one holder, if given) in the order they came in."""
        query = select(StablecoinRedemption)
        if holder:
            query = query.where(StablecoinRedemption.holder == holder)
        with self.db.read() as session:
            return page_by(session, query, col(StablecoinRedemption.seq), page_token, limit,
                           lambda r: r.seq or 0, int)

    def quote(self, at: datetime | None) -> fedwire.WireQuote:
        """When a wire asked at `at` (now if None) would be sent: the wire delay in force, then Fedwire's rule."""
        with self.db.read() as session:
            delay = conditions_of(current_conditions(session)).delay()
        return stablecoin.schedule(at or self.clock.now(), delay)

    # --- writes ------------------------------------------------------------------------------------------

    def issue(self, request_id: str, to: str, amount: Decimal, wire_reference: str) -> Transaction:
        """FUSD 1:1 for dollars received; its books are kept when the mint lands (`on_landed`)."""
        with self.db.transaction() as session:
            if session.get(StablecoinIssue, request_id) is None:
                session.add(StablecoinIssue(request_id=request_id, to_address=to, amount=amount,
                                            wire_reference=wire_reference))
        return self.chain.faucet_mint(ISSUE_PREFIX + request_id, to, amount)

    def _known(self, request_id: str, tx_hash: str) -> StablecoinRedemption | None:
        with self.db.read() as session:
            row = session.exec(select(StablecoinRedemption).where(
                StablecoinRedemption.request_id == request_id)).first()
            if row is not None:
                if row.tx_hash != tx_hash:
                    raise DomainError(Common.IDEMPOTENCY_KEY_REUSED, f"request {request_id!r} redeemed {row.tx_hash}, "
                                      f"not {tx_hash}", request_id=request_id)
                return row
            other = session.exec(select(StablecoinRedemption).where(StablecoinRedemption.tx_hash == tx_hash)).first()
        if other is not None:
            raise DomainError(reasons.Stablecoin.ALREADY_REDEEMED, f"transaction {tx_hash} was redeemed as "
                              f"{other.redemption_id} (request {other.request_id!r})",
                              redemption_id=other.redemption_id, tx_hash=tx_hash)
        return None

    def redeem(self, request_id: str, tx_hash: str, beneficiary_account_id: str) -> StablecoinRedemption:
        """Redeem the FUSD transfer `tx_hash` once (a repeat of the request returns the first redemption)."""
        with self.lock:
            known = self._known(request_id, tx_hash)
            if known is not None:
                return known
            row = self._redeem(request_id, tx_hash, beneficiary_account_id)
        self.schedule_moved()   # after the commit: its wire may be due before anything control knows of
        return row

    def _redeem(self, request_id: str, tx_hash: str, beneficiary_account_id: str) -> StablecoinRedemption:
        """Burn the redeemed FUSD and queue its wire for Fedwire's next window (under `self.lock`)."""
        token = self.chain.token(STABLECOIN)
        receipt = self.chain.node.call("eth_getTransactionReceipt", tx_hash)
        holder, units = stablecoin.redeemed_transfer(receipt, token.address, REDEMPTION_ADDRESS, TRANSFER_TOPIC)
        # the beneficiary must exist before anything is burned (UNKNOWN_ACCOUNT comes back from the broker)
        self.broker.GetAccount(broker_pb2.AccountRequest(account_id=beneficiary_account_id))
        redemption_id = "fr_" + tx_hash[2:18]
        burn = self.chain.faucet_call(f"stablecoin:burn:{redemption_id}", "burn", [units])
        amount = evm.from_units(units, token.decimals)
        now = self.clock.now()
        with self.db.transaction() as session:
            conditions = conditions_of(current_conditions(session))
            row = StablecoinRedemption(redemption_id=redemption_id, request_id=request_id,
                                       tx_hash=tx_hash, holder=holder, amount=amount,
                                       beneficiary_account_id=beneficiary_account_id,
                                       status=RedemptionStatus.QUEUED, requested_at=now, burn_tx=burn.tx_hash)
            schedule(row, conditions, now)
            session.add(row)
            stablecoin.book_redemption(Ledger(session), now, redemption_id, amount)
            emit(session, now, ev.StablecoinRedemptionRequested(
                redemption_id=redemption_id, holder=holder, amount=to_pb(amount), tx_hash=tx_hash, burn_tx=burn.tx_hash,
                beneficiary_account_id=beneficiary_account_id, status=status_pb(row), value_date=row.value_date,
                pays_at=to_ts(row.pays_at) if row.pays_at else None, reason=row.reason))
            session.flush()
        return row

    def set_conditions(self, request: Message, request_id: str, wanted: stablecoin.Conditions) -> Reserve:
        """The off-ramp's state, applied once by the request's id: halting holds every wire not yet sent;
        reopening schedules them from now. Returns the reserve after it."""
        def apply(session: Session) -> common_pb2.Empty:
            self._set_conditions(session, wanted, request_id)
            return common_pb2.Empty()

        apply_once(self.db, "SetStablecoinConditions", request, apply)
        return self.reserve()

    def _set_conditions(self, session: Session, wanted: stablecoin.Conditions, request_id: str) -> None:
        now = self.clock.now()
        row = current_conditions(session)
        stablecoin.book_stuck(Ledger(session), now, request_id, wanted.stuck_usd)
        row.redemptions_halted, row.redemption_price, row.wire_delay = wanted.halted, wanted.price, wanted.wire_delay
        row.stuck_usd, row.reason = wanted.stuck_usd, wanted.reason
        session.add(row)
        moved = 0
        moving = RedemptionStatus.QUEUED if wanted.halted else RedemptionStatus.HALTED
        for waiting in session.exec(select(StablecoinRedemption).where(StablecoinRedemption.status == moving)):
            schedule(waiting, wanted, now)
            session.add(waiting)
            moved += 1
        emit(session, now, ev.StablecoinConditionsSet(
            redemptions_halted=wanted.halted, redemption_price=to_pb(wanted.price), wire_delay=wanted.wire_delay,
            stuck_usd=to_pb(wanted.stuck_usd), reason=wanted.reason,
            halted=moved if wanted.halted else None, rescheduled=None if wanted.halted else moved))

    # --- the wire job --------------------------------------------------------------------------------------

    def next_wire(self) -> datetime | None:
        """The earliest instant a queued wire is due (None when nothing waits for Fedwire)."""
        with self.db.read() as session:
            at: datetime | None = session.exec(select(func.min(StablecoinRedemption.pays_at)).where(
                col(StablecoinRedemption.status).in_((RedemptionStatus.QUEUED, RedemptionStatus.SENDING)))).one()
        return at

    def pay_due(self, at: datetime) -> str:
        """Send every wire due at `at`: priced now, booked out of the reserve, then credited at the broker."""
        held = short = 0
        with self.db.transaction() as session:
            conditions = conditions_of(current_conditions(session))
            ledger = Ledger(session)
            due = list(session.exec(select(StablecoinRedemption).where(
                col(StablecoinRedemption.status).in_((RedemptionStatus.QUEUED, RedemptionStatus.SENDING)),
                col(StablecoinRedemption.pays_at) <= at).order_by(col(StablecoinRedemption.seq))))
            for row in due:
                if row.status != RedemptionStatus.QUEUED:
                    continue
                if conditions.halted:
                    halt(row, conditions)
                    held += 1
                    emit(session, at, ev.StablecoinWireHeld(redemption_id=row.redemption_id, status=status_pb(row),
                                                            reason=row.reason))
                else:
                    usd = stablecoin.wire_usd(row.amount, conditions.price)
                    if stablecoin.liquid(ledger) < usd:
                        self._short(row, ledger, usd, at)
                        short += 1
                        emit(session, at, ev.StablecoinWireHeld(redemption_id=row.redemption_id, status=status_pb(row),
                                                                value_date=row.value_date, reason=row.reason))
                    else:
                        row.status, row.price, row.usd = RedemptionStatus.SENDING, conditions.price, usd
                        stablecoin.book_wire_sent(ledger, at, row.redemption_id, usd)
                session.add(row)
            sending = [(r.redemption_id, r.beneficiary_account_id, r.amount, r.usd or ZERO, r.price or ZERO)
                       for r in due if r.status == RedemptionStatus.SENDING]
        paid = returned = 0
        for redemption_id, account, amount, usd, price in sending:  # no unit of work open across the broker's call
            problem = ""
            if usd > 0:
                try:
                    self.broker.FundAccount(broker_pb2.FundAccountRequest(
                        request_id=f"stablecoin:wire:{redemption_id}", account_id=account, amount=to_pb(usd)))
                except DomainError as error:
                    if error.reason in TRANSIENT:
                        raise  # the job stays due and runs again; the keyed request credits once
                    problem = f"the broker refused the wire: [{error.reason}] {error.message}"
            self._settle(redemption_id, at, amount, usd, price, problem)
            paid, returned = (paid, returned + 1) if problem else (paid + 1, returned)
        return (f"wired {paid}" + (f", {returned} returned" if returned else "") + (f", {held} halted" if held else "")
                + (f", {short} short of liquid reserve" if short else ""))

    def _short(self, row: StablecoinRedemption, ledger: Ledger, usd: Decimal, at: datetime) -> None:
        """Not enough dollars at working banks: the wire waits for the next bank day's window."""
        value = fedwire.next_bank_day(fedwire.quote(at).value_date)
        row.pays_at, row.value_date = fedwire.window(value)[0], value.isoformat()
        _, stuck = stablecoin.reserve(ledger)
        row.reason = (f"the reserve's dollars at working banks ({fmt(stablecoin.liquid(ledger))} USD) do not cover "
                      f"this wire ({fmt(usd)} USD); {fmt(stuck)} USD are stuck at a failed bank: retried for value "
                      f"{value.isoformat()}")

    def _settle(self, redemption_id: str, at: datetime, amount: Decimal, usd: Decimal, price: Decimal,
                problem: str) -> None:
        with self.db.transaction() as session:
            row = session.exec(select(StablecoinRedemption).where(
                StablecoinRedemption.redemption_id == redemption_id)).one()
            ledger = Ledger(session)
            if problem:
                row.status, row.reason = RedemptionStatus.RETURNED, problem
                stablecoin.book_wire_returned(ledger, at, redemption_id, usd)
                emit(session, at, ev.StablecoinWireReturned(redemption_id=redemption_id,
                                                            account_id=row.beneficiary_account_id, usd=to_pb(usd),
                                                            reason=problem))
            else:
                row.status, row.paid_at = RedemptionStatus.PAID, at
                row.reason = "" if price == stablecoin.PAR else f"paid at {fmt(price)} per FUSD (de-pegged)"
                stablecoin.book_wire_credited(ledger, at, redemption_id, amount, usd)
                emit(session, at, ev.StablecoinWireSent(
                    redemption_id=redemption_id, account_id=row.beneficiary_account_id, amount=to_pb(amount),
                    price=to_pb(price), usd=to_pb(usd), value_date=row.value_date,
                    request_id=f"stablecoin:wire:{redemption_id}"))
            session.add(row)
