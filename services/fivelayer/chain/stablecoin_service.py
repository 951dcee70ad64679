"""The Stablecoin gRPC face: the FUSD issuer, played by the chain service (it holds the faucet's key).

Issue mints against dollars received; Redeem burns the FUSD a holder sent to the redemption address and
queues a wire; a job (`wire_job`) sends each wire when Fedwire would (`kernel.fedwire`), as a broker
FundAccount keyed `stablecoin:wire:<redemption id>`, with no unit of work open across the call, so a
retried job credits once. The books and rules are `chain.stablecoin`.
"""
from __future__ import annotations

from collections.abc import Callable

import threading
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from sqlmodel import Session, col, func, select

from fivelayer.chain import stablecoin
from fivelayer.chain.models import JournalEntry
from fivelayer.chain.ports import Broker
from fivelayer.chain.reader import TRANSFER_TOPIC, Decoded
from fivelayer.chain.service import ChainServicer
from fivelayer.chain.stablecoin_models import (RedemptionStatus, StablecoinConditions, StablecoinIssue,
                                               StablecoinRedemption)
from fivelayer.kernel import evm, fedwire
from fivelayer.kernel.addresses import check_address, is_tx_hash
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.idempotency import apply_once
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, fmt, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reference import FAUCET_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import unary
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, chain_pb2_grpc, common_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev
from fivelayer.kernel.reasons import Common
from fivelayer.chain import reasons

ISSUE_PREFIX: Final = "stablecoin:issue:"
DEFAULT_PAGE: Final = 100
MAX_PAGE: Final = 1_000
TRANSIENT: Final = ("UNAVAILABLE", "DEADLINE_EXCEEDED", "RATE_LIMITED")  # the job retries these; others return the wire
REDEMPTION_ADDRESS: Final = FAUCET_ADDRESS


def conditions_of(row: StablecoinConditions) -> stablecoin.Conditions:
    return stablecoin.Conditions(row.redemptions_halted, row.redemption_price, row.wire_delay, row.stuck_usd,
                                 row.reason)


REDEMPTION_STATUS_PB: dict[RedemptionStatus, statuses_pb2.StablecoinRedemptionStatus] = {
    RedemptionStatus.QUEUED: statuses_pb2.STABLECOIN_REDEMPTION_STATUS_QUEUED,
    RedemptionStatus.HALTED: statuses_pb2.STABLECOIN_REDEMPTION_STATUS_HALTED,
    RedemptionStatus.SENDING: statuses_pb2.STABLECOIN_REDEMPTION_STATUS_SENDING,
    RedemptionStatus.PAID: statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID,
    RedemptionStatus.RETURNED: statuses_pb2.STABLECOIN_REDEMPTION_STATUS_RETURNED}


def redemption_message(row: StablecoinRedemption) -> chain_pb2.StablecoinRedemption:
    message = chain_pb2.StablecoinRedemption(
        redemption_id=row.redemption_id, request_id=row.request_id, holder=row.holder, amount=to_pb(row.amount),
        beneficiary_account_id=row.beneficiary_account_id, status=REDEMPTION_STATUS_PB[RedemptionStatus(row.status)],
        requested_at=to_ts(row.requested_at),
        value_date=row.value_date, burn_tx=row.burn_tx, reason=row.reason)
    if row.price is not None:
        message.price.CopyFrom(to_pb(row.price))
    if row.usd is not None:
        message.usd.CopyFrom(to_pb(row.usd))
    if row.pays_at is not None:
        message.pays_at.CopyFrom(to_ts(row.pays_at))
    if row.paid_at is not None:
        message.paid_at.CopyFrom(to_ts(row.paid_at))
    return message


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


class StablecoinServicer(chain_pb2_grpc.StablecoinServicer):
    def __init__(self, db: Database, clock: ClockSource, chain: ChainServicer, broker: Broker,
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

    def _conditions(self, session: Session) -> StablecoinConditions:
        row = session.get(StablecoinConditions, 1)
        return row if row is not None else StablecoinConditions(id=1)

    def _reserve(self) -> chain_pb2.StablecoinReserve:
        token = self.chain.token(STABLECOIN)
        supply = evm.from_units(self.chain.contracts.call(token, "totalSupply", []), token.decimals)
        with self.db.read() as session:
            conditions = conditions_of(self._conditions(session))
            held, stuck = stablecoin.reserve(Ledger(session))
            waiting = [r.amount for r in session.exec(select(StablecoinRedemption).where(
                col(StablecoinRedemption.status).in_(stablecoin.WAITING)))]
        in_transit = sum((stablecoin.wire_usd(a, conditions.price) for a in waiting), ZERO)
        return chain_pb2.StablecoinReserve(
            supply=to_pb(supply), reserve_usd=to_pb(held), stuck_usd=to_pb(stuck), in_transit_usd=to_pb(in_transit),
            redemption_price=to_pb(conditions.price), redemptions_halted=conditions.halted,
            wire_delay=conditions.wire_delay, reason=conditions.reason, redemption_address=REDEMPTION_ADDRESS)

    @unary
    def GetReserve(self, request: common_pb2.Empty, context: Any) -> chain_pb2.StablecoinReserve:
        return self._reserve()

    @unary
    def GetRedemption(self, request: chain_pb2.StablecoinRedemptionIdRequest,
                      context: Any) -> chain_pb2.StablecoinRedemption:
        with self.db.read() as session:
            row = session.exec(select(StablecoinRedemption).where(
                StablecoinRedemption.redemption_id == request.redemption_id)).first()
            if row is None:
                raise DomainError(Common.NOT_FOUND,
                                  f"no redemption {request.redemption_id!r}", id=request.redemption_id)
            return redemption_message(row)

    @unary
    def ListRedemptions(self, request: chain_pb2.ListStablecoinRedemptionsRequest,
                        context: Any) -> chain_pb2.ListStablecoinRedemptionsResponse:
        limit = request.limit or DEFAULT_PAGE
        require(0 < limit <= MAX_PAGE, Common.INVALID_ARGUMENT, f"limit is 1 to {MAX_PAGE}, not {limit}", field="limit")
        after = 0
        if request.page_token:
            require(request.page_token.isdigit() and len(request.page_token) <= 18, Common.INVALID_ARGUMENT,
                    f"bad page_token {request.page_token!r}")
            after = int(request.page_token)
        query = select(StablecoinRedemption).where(col(StablecoinRedemption.seq) > after)
        if request.holder:
            query = query.where(StablecoinRedemption.holder == check_address(request.holder, "holder"))
        with self.db.read() as session:
            rows = list(session.exec(query.order_by(col(StablecoinRedemption.seq)).limit(limit + 1)))
        page = rows[:limit]
        token = str(page[-1].seq) if len(rows) > limit else ""
        return chain_pb2.ListStablecoinRedemptionsResponse(redemptions=[redemption_message(r) for r in page],
                                                           next_page_token=token)

    @unary
    def QuoteWire(self, request: chain_pb2.WireQuoteRequest, context: Any) -> chain_pb2.WireQuote:
        """When a wire asked at `at` (now if unset) would be sent: the wire delay in force, then Fedwire's rule."""
        at = from_ts(request.at) if request.HasField("at") else self.clock.now()
        with self.db.read() as session:
            delay = conditions_of(self._conditions(session)).delay()
        quote = stablecoin.schedule(at, delay)
        return chain_pb2.WireQuote(value_date=quote.value_date.isoformat(), pays_at=to_ts(quote.pays_at),
                                   rule=quote.rule)

    # --- writes ------------------------------------------------------------------------------------------

    @unary
    def Issue(self, request: chain_pb2.IssueStablecoinRequest, context: Any) -> chain_pb2.Tx:
        """FUSD 1:1 for dollars received; its books are kept when the mint lands (`on_landed`)."""
        require(bool(request.request_id), Common.MISSING_REQUEST_ID, "Issue needs a request_id")
        to = check_address(request.to_address, "to_address")
        amount = parse_amount(request.amount.value, "amount", STABLECOIN_PLACES)
        with self.db.transaction() as session:
            if session.get(StablecoinIssue, request.request_id) is None:
                session.add(StablecoinIssue(request_id=request.request_id, to_address=to, amount=amount,
                                            wire_reference=request.wire_reference))
        return self.chain.faucet_mint(ISSUE_PREFIX + request.request_id, to, amount)

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

    @unary
    def Redeem(self, request: chain_pb2.StablecoinRedemptionRequest,
               context: Any) -> chain_pb2.StablecoinRedemption:
        require(bool(request.request_id), Common.MISSING_REQUEST_ID, "Redeem needs a request_id")
        require(is_tx_hash(request.tx_hash), Common.INVALID_ARGUMENT,
                f"tx_hash must be 0x followed by 64 hex characters, got {request.tx_hash!r}", field="tx_hash")
        require(bool(request.beneficiary_account_id), Common.INVALID_ARGUMENT, "a redemption names the broker account "
                "its wire credits", field="beneficiary_account_id")
        tx_hash = request.tx_hash.lower()
        with self.lock:
            known = self._known(request.request_id, tx_hash)
            if known is not None:
                return redemption_message(known)
            answer = self._redeem(request, tx_hash)
        self.schedule_moved()   # after the commit: its wire may be due before anything control knows of
        return answer

    def _redeem(self, request: chain_pb2.StablecoinRedemptionRequest, tx_hash: str) -> chain_pb2.StablecoinRedemption:
        """Burn the redeemed FUSD and queue its wire for Fedwire's next window (under `self.lock`)."""
        token = self.chain.token(STABLECOIN)
        receipt = self.chain.node.call("eth_getTransactionReceipt", tx_hash)
        holder, units = stablecoin.redeemed_transfer(receipt, token.address, REDEMPTION_ADDRESS, TRANSFER_TOPIC)
        # the beneficiary must exist before anything is burned (UNKNOWN_ACCOUNT comes back from the broker)
        self.broker.GetAccount(broker_pb2.AccountRequest(account_id=request.beneficiary_account_id))
        redemption_id = "fr_" + tx_hash[2:18]
        burn = self.chain.faucet_call(f"stablecoin:burn:{redemption_id}", "burn", [units])
        amount = evm.from_units(units, token.decimals)
        now = self.clock.now()
        with self.db.transaction() as session:
            conditions = conditions_of(self._conditions(session))
            row = StablecoinRedemption(redemption_id=redemption_id, request_id=request.request_id,
                                       tx_hash=tx_hash, holder=holder, amount=amount,
                                       beneficiary_account_id=request.beneficiary_account_id,
                                       status=RedemptionStatus.QUEUED, requested_at=now, burn_tx=burn.tx_hash)
            schedule(row, conditions, now)
            session.add(row)
            stablecoin.book_redemption(Ledger(session), now, redemption_id, amount)
            emit(session, now, ev.StablecoinRedemptionRequested(
                redemption_id=redemption_id, holder=holder, amount=to_pb(amount), tx_hash=tx_hash, burn_tx=burn.tx_hash,
                beneficiary_account_id=request.beneficiary_account_id,
                status=REDEMPTION_STATUS_PB[RedemptionStatus(row.status)], value_date=row.value_date,
                pays_at=to_ts(row.pays_at) if row.pays_at else None, reason=row.reason))
            session.flush()
            return redemption_message(row)

    @unary
    def SetConditions(self, request: chain_pb2.SetStablecoinConditionsRequest,
                      context: Any) -> chain_pb2.StablecoinReserve:
        """The off-ramp's state: halting holds every wire not yet sent; reopening schedules them from now."""
        wanted = stablecoin.conditions(request.redemptions_halted, request.redemption_price.value,
                                       request.wire_delay, request.stuck_usd.value, request.reason)

        def apply(session: Session) -> common_pb2.Empty:
            now = self.clock.now()
            row = self._conditions(session)
            stablecoin.book_stuck(Ledger(session), now, request.request_id, wanted.stuck_usd)
            row.redemptions_halted, row.redemption_price, row.wire_delay = wanted.halted, wanted.price, \
                wanted.wire_delay
            row.stuck_usd, row.reason = wanted.stuck_usd, wanted.reason
            session.add(row)
            moved = 0
            for waiting in session.exec(select(StablecoinRedemption).where(
                    StablecoinRedemption.status
                    == (RedemptionStatus.QUEUED if wanted.halted else RedemptionStatus.HALTED))):
                schedule(waiting, wanted, now)
                session.add(waiting)
                moved += 1
            emit(session, now, ev.StablecoinConditionsSet(
                redemptions_halted=wanted.halted, redemption_price=to_pb(wanted.price), wire_delay=wanted.wire_delay,
                stuck_usd=to_pb(wanted.stuck_usd), reason=wanted.reason,
                halted=moved if wanted.halted else None, rescheduled=None if wanted.halted else moved))
            return common_pb2.Empty()

        apply_once(self.db, "SetStablecoinConditions", request, apply)
        return self._reserve()

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
            conditions = conditions_of(self._conditions(session))
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
                    emit(session, at, ev.StablecoinWireHeld(
                        redemption_id=row.redemption_id, status=REDEMPTION_STATUS_PB[RedemptionStatus(row.status)],
                        reason=row.reason))
                else:
                    usd = stablecoin.wire_usd(row.amount, conditions.price)
                    if stablecoin.liquid(ledger) < usd:
                        self._short(row, ledger, usd, at)
                        short += 1
                        emit(session, at, ev.StablecoinWireHeld(
                            redemption_id=row.redemption_id, status=REDEMPTION_STATUS_PB[RedemptionStatus(row.status)],
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

