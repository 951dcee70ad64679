"""The SPV's off-ramp: the FUSD its mints were paid in becomes dollars at its broker, by wire.

When: once a weekday at 17:30 ET, and only when a product holds FUSD beyond what it keeps back for
its redemption payouts (or a wire it sent is due). A treasury desk sweeps once a day rather than
after each mint: one wire per product per bank day, sent after the 17:00 ET payouts (so what the
day's redemptions need is known and kept) and before Fedwire's 18:00 ET customer cut-off (so it can
still pay the same bank day). On a Fed holiday the stablecoin's issuer queues it for the next window.
The job's trigger reads the books, so a day with nothing held adds nothing to the timeline. A wire's
landing is learned at its `pays_at` (plus a minute) by reading the stablecoin issuer's redemption,
and each whole hour after while it waits (a delay, a halt, or a wire asked during a clock advance,
which the chain's wire job pays only at the next advance: control's driver does not see work one
service's job creates in another until then).

How, per product: a unit of work moves the amount from `held` to `in-transit` and records the wire
(its id keys every sub-request); then, with none open, the issuer signs an FUSD transfer to the
redemption address (`<wire>:send`) and asks Stablecoin.Redeem for a wire to the SPV's broker account
(`<wire>:redeem`); a unit of work records both. A crash in between re-drives the row with the same
keys. A wire paid moves `in-transit` to the buffer (prefunded) or repays the credit (broker-credit).
"""
from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlmodel import col, select

from fivelayer.issuer import funding, ports, spv
from fivelayer.issuer.models import EstateRow, OffRampWire, WireStatus
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.timeutil import from_ts, to_ts, utc
from fivelayer.v1 import chain_pb2, common_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev

CHECK_AFTER = timedelta(minutes=1)   # a wire's landing is read this long after its pays_at
WAITING = funding.WIRE_WAITING
# What a wire that is not paid yet waits on, in words, when the stablecoin's issuer gives no reason.
WAITS: dict[statuses_pb2.StablecoinRedemptionStatus, str] = {
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_QUEUED: "queued",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_HALTED: "halted",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_SENDING: "sending",
    statuses_pb2.STABLECOIN_REDEMPTION_STATUS_RETURNED: "returned"}


def sendable(db: Database, contracts: dict[str, Contract]) -> bool:
    """Does any product hold FUSD beyond its float (the trigger's cheap test; the run weighs payouts too)?"""
    with db.read() as session:
        ledger = Ledger(session)
        return any(ledger.balance(funding.account(c.symbol, "held"), funding.USD) - c.redemption_float
                   >= funding.MIN_WIRE for c in contracts.values() if c.kind == "stock")


def landings(db: Database, now: datetime) -> tuple[bool, list[datetime]]:
    """(a wire waits past its time or with none, the check times of those still to come)."""
    with db.read() as session:
        rows = list(session.exec(select(OffRampWire).where(col(OffRampWire.status).in_(WAITING))))
    checks = [utc(r.pays_at) + CHECK_AFTER for r in rows if r.pays_at is not None]
    late = len([c for c in checks if c >= utc(now)]) < len(rows)
    return late, [c for c in checks if c >= utc(now)]


class OffRampTrigger(BaseTrigger):
    """17:30 ET on weekdays while something is held to send; each waiting wire's pays_at plus a minute; and,
    while a wire waits past that (a delay, a halt, a wire the chain pays late), each whole hour. Every fire
    time it gives is at or after `now` (the runner asks from just after its watermark), so it never loops."""

    def __init__(self, db: Database, contracts: dict[str, Contract]) -> None:
        self.db, self.contracts = db, contracts
        hour, minute = funding.OFFRAMP_TIME
        self.daily = CronTrigger(day_of_week="mon-fri", hour=hour, minute=minute, timezone="America/New_York")
        self.hourly = CronTrigger(minute=0, timezone="America/New_York")

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        late, fires = landings(self.db, now)
        for trigger, wanted in ((self.daily, sendable(self.db, self.contracts)), (self.hourly, late)):
            fire = trigger.get_next_fire_time(None, now) if wanted else None
            if fire is not None:
                fires.append(utc(fire))
        if not fires:
            return None
        first = min(fires)
        zone: tzinfo | None = now.tzinfo
        return first.astimezone(zone) if zone else first


def follow(db: Database, stablecoin: ports.Stablecoin, contracts: dict[str, Contract], at: datetime) -> int:
    """Read each wire in transit; record those paid. Returns how many landed."""
    with db.read() as session:
        rows = list(session.exec(select(OffRampWire).where(OffRampWire.status == WireStatus.IN_TRANSIT)
                                 .order_by(col(OffRampWire.wire_id))))
    landed = 0
    for row in rows:
        seen = stablecoin.GetRedemption(chain_pb2.StablecoinRedemptionIdRequest(redemption_id=row.redemption_id))
        with db.transaction() as session:
            wire = get_row(session, OffRampWire, row.wire_id, "wire")
            if wire.status != WireStatus.IN_TRANSIT:
                continue
            if seen.status == statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID:
                funding.wire_paid(session, contracts[wire.token], wire, from_pb(seen.usd), at)
                landed += 1
            else:
                wire.pays_at = from_ts(seen.pays_at) if seen.HasField("pays_at") else None
                wire.value_date, wire.reason = seen.value_date, seen.reason or WAITS[seen.status]
                session.add(wire)
    return landed


def plan_sends(db: Database, clients: ports.Clients, contracts: dict[str, Contract], at: datetime) -> int:
    """Record one wire per product that holds FUSD to send (its amount leaves `held` at once)."""
    prices = {c.symbol: spv.price_of(clients, c) for c in contracts.values()
              if c.kind == "stock" and c.funding_mode != "in-kind"}
    made = 0
    with db.transaction() as session:
        ledger = Ledger(session)
        treasury = ledger.balance(spv.TREASURY, STABLECOIN)
        sending = session.exec(select(OffRampWire).where(OffRampWire.status == WireStatus.SENDING))
        treasury -= sum((w.amount for w in sending), ZERO)
        for token, price in sorted(prices.items()):
            contract = contracts[token]
            held = ledger.balance(funding.account(token, "held"), funding.USD)
            amount = funding.to_send(held, funding.keep_back(session, contract, price), treasury)
            if amount > 0:
                row = funding.begin_wire(session, token, amount, at)
                treasury -= amount
                emit(session, at, ev.FundingWireAsked(token=token, wire_id=row.wire_id, amount=to_pb(amount)))
                made += 1
    return made


def send(db: Database, clients: ports.Clients, stablecoin: ports.Stablecoin, at: datetime) -> int:
    """Send each recorded wire's FUSD and ask for its redemption, with the wire's own keys; its dollars go
    to its product's own account at the broker (the buffer it refills, or the line it repays)."""
    with db.read() as session:
        rows = list(session.exec(select(OffRampWire).where(OffRampWire.status == WireStatus.SENDING)
                                 .order_by(col(OffRampWire.wire_id))))
        accounts = {row.token: row.account_id for row in spv.links(session)}
    if not rows:
        return 0
    address = stablecoin.GetReserve(common_pb2.Empty()).redemption_address
    sent = 0
    for row in rows:
        try:
            tx = clients.chain.Transfer(chain_pb2.TransferRequest(
                request_id=f"{row.wire_id}:send", symbol=STABLECOIN, sender=ISSUER_ADDRESS, to_address=address,
                amount=to_pb(row.amount)))
            redemption = stablecoin.Redeem(chain_pb2.StablecoinRedemptionRequest(
                request_id=f"{row.wire_id}:redeem", tx_hash=tx.tx_hash, beneficiary_account_id=accounts[row.token]))
        except DomainError as refused:
            if is_transient(refused):
                raise   # the job stays due; the retry re-drives the same keys
            with db.transaction() as session:
                wire = get_row(session, OffRampWire, row.wire_id, "wire")
                wire.status, wire.reason = WireStatus.FAILED, f"[{refused.reason}] {refused.message}"
                session.add(wire)
                emit(session, at, ev.FundingWireFailed(token=wire.token, wire_id=wire.wire_id, reason=refused.reason))
            continue
        with db.transaction() as session:
            wire = get_row(session, OffRampWire, row.wire_id, "wire")
            if wire.status != WireStatus.SENDING:
                continue
            wire.status, wire.send_tx, wire.redemption_id = WireStatus.IN_TRANSIT, tx.tx_hash, redemption.redemption_id
            wire.value_date, wire.reason = redemption.value_date, redemption.reason
            wire.pays_at = from_ts(redemption.pays_at) if redemption.HasField("pays_at") else None
            session.add(wire)
            Ledger(session).transfer(spv.TREASURY, "@stablecoin-redemptions", STABLECOIN, wire.amount, at=at,
                                     transfer_id=f"offramp:{wire.wire_id}")
            emit(session, at, ev.FundingWireSent(token=wire.token, wire_id=wire.wire_id, amount=to_pb(wire.amount),
                                                 redemption_id=wire.redemption_id, value_date=wire.value_date,
                                                 pays_at=to_ts(wire.pays_at) if wire.pays_at else None))
        sent += 1
    return sent


def run(db: Database, clients: ports.Clients, stablecoin: ports.Stablecoin, contracts: dict[str, Contract],
        at: datetime) -> str:
    """The off-ramp's pass: wires landed, then new wires asked and sent, then what landed at once."""
    with db.read() as session:
        if session.get(EstateRow, 1) is not None:
            return "the SPV is insolvent: its FUSD belongs to the estate"
    landed = follow(db, stablecoin, contracts, at)
    asked = plan_sends(db, clients, contracts, at)
    sent = send(db, clients, stablecoin, at)
    landed += follow(db, stablecoin, contracts, at) if sent else 0
    if not (landed or asked or sent):
        return "nothing held to send; no wire landed"
    return f"{sent} wires sent ({asked} asked); {landed} landed"
