"""A reinvesting product takes a cash dividend into its multiplier at the ex-date's open, as issuers do,
so the token's value does not drop with the share price (only by the tax withheld).

At the close of the NYSE session before the ex-date (the holders-of-record instant, 16:00 New York or
13:00 on an early close) the SPV reads the announcement from its broker, and for each reinvesting
product on that underlying:

1. read (no unit of work): the close before the ex-date (control), the multiplier the change builds on
   (the last scheduled by the ex-date's open, chain), the tokens of record (chain HoldersAt at that
   close), the SPV's withholding rate (its broker account);
2. record an `ExDividendRow` "scheduling" with the plan: the new multiplier
   (`distributions.ex_date_multiplier`, at the reference price close - dividend) and the shares owed
   to the tokens of record (`distributions.shares_owed`);
3. set it on chain effective at the ex-date's open (keyed `exdiv:<action>:<token>:multiplier`), or at
   the next open when the SPV learns of it late;
4. mark the row "scheduled".

From the ex-date's open every token claims the new multiplier; a token minted from the record close on
is hedged at it (its hedge fills at the open, `spv`), so it brings its own shares. What the tokens of
record claim beyond the SPV's shares is the dividend receivable (reconcile shows it) until the pay
date's notice brings the cash and the SPV buys exactly the shares owed (`notices`), booked at the fill:
the difference between the net dividend and that cost is the SPV's own gain or loss.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from fivelayer.issuer import distributions as dist
from fivelayer.issuer import ports
from fivelayer.issuer.models import ExDividendRow, ExDividendStatus
from fivelayer.issuer.multipliers import Multipliers
from fivelayer.issuer.spv import link, price_at
from fivelayer.kernel import calendar
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reference import ISSUER_ADDRESS
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import broker_pb2, chain_pb2
from fivelayer.v1 import events_pb2 as ev

log = logging.getLogger(__name__)
SCHEDULING, SCHEDULED = ExDividendStatus.SCHEDULING, ExDividendStatus.SCHEDULED
MAX_PER_PASS = 100  # announcements a pass takes on (the rest wait for the next)


@dataclass(frozen=True)
class Due:
    action_id: str
    contract: Contract
    dividend: broker_pb2.Announcement
    ex_date: date
    snapshot_at: datetime


def due(clients: ports.Clients, db: Database, contracts: dict[str, Contract], now: datetime) -> list[Due]:
    """Reinvesting products' dividends whose holders-of-record instant has passed and which the SPV has
    not taken into the multiplier yet."""
    reinvesting = {c.underlying: c for c in contracts.values()
                   if c.kind == "stock" and c.dividend_policy == "reinvest"}
    if not reinvesting:
        return []
    found = []
    announced = whole(clients.broker.ListAnnouncements,
                      broker_pb2.ListAnnouncementsRequest(kind="dividend")).announcements
    for announcement in announced:
        contract = reinvesting.get(announcement.symbol)
        if contract is None or not announcement.ex_date:
            continue
        ex_date = date.fromisoformat(announcement.ex_date)
        snapshot_at = dist.holders_of_record_at(ex_date)
        if snapshot_at <= now:
            found.append(Due(announcement.action_id, contract, announcement, ex_date, snapshot_at))
    with db.read() as session:
        known = {(r.action_id, r.token): r.status for r in session.exec(select(ExDividendRow).where(
            col(ExDividendRow.action_id).in_([d.action_id for d in found])))} if found else {}
    return [d for d in found if known.get((d.action_id, d.contract.symbol)) != SCHEDULED][:MAX_PER_PASS]


def plan(clients: ports.Clients, multipliers: Multipliers, db: Database, item: Due, now: datetime) -> ExDividendRow:
    """Steps 1 and 2: read, then record the plan (once: a row already recorded keeps its plan)."""
    with db.read() as session:
        known = session.get(ExDividendRow, (item.action_id, item.contract.symbol))
        account = link(session, item.contract.symbol)
    if known is not None:
        return known
    opens = calendar.session_hours(calendar.session_on_or_after(item.ex_date))[0]
    effective_at = opens if opens > now else calendar.next_open(now)
    dividend = from_pb(item.dividend.amount)
    close_before = price_at(clients, item.contract, item.snapshot_at)
    reference = dist.reference_price(close_before, dividend)
    before = multipliers.at(item.contract.symbol, effective_at)
    rate = from_pb(clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=account.account_id)).withholding_rate)
    supply = from_pb(clients.chain.HoldersAt(chain_pb2.HoldersAtRequest(
        symbol=item.contract.symbol, at=to_ts(item.snapshot_at), supply_only=True)).total_supply)
    after = dist.ex_date_multiplier(before, dividend, rate, reference)
    row = ExDividendRow(action_id=item.action_id, token=item.contract.symbol, underlying=item.contract.underlying,
                        dividend=dividend, withholding_rate=rate, ex_date=item.ex_date.isoformat(),
                        pay_date=item.dividend.pay_date, close_before=close_before, reference=reference,
                        snapshot_at=item.snapshot_at, supply=supply, multiplier_before=before, multiplier_after=after,
                        shares_owed=dist.shares_owed(supply, before, after), effective_at=effective_at, at=now)
    with db.transaction() as session:
        if session.get(ExDividendRow, (row.action_id, row.token)) is None:
            session.add(row)
            emit(session, now, ev.ExDividendPlanned(
                action_id=row.action_id, token=row.token, dividend=to_pb(row.dividend), reference=to_pb(row.reference),
                supply=to_pb(row.supply), multiplier_before=to_pb(before), multiplier_after=to_pb(after),
                shares_owed=to_pb(row.shares_owed), effective_at=to_ts(effective_at)))
    return row


def schedule(clients: ports.Clients, db: Database, row: ExDividendRow, now: datetime) -> ExDividendRow:
    """Steps 3 and 4: the multiplier on chain, keyed, then the row scheduled."""
    tx = clients.chain.SetMultiplier(chain_pb2.SetMultiplierRequest(
        request_id=f"exdiv:{row.action_id}:{row.token}:multiplier", symbol=row.token, sender=ISSUER_ADDRESS,
        multiplier=to_pb(row.multiplier_after), effective_at=to_ts(row.effective_at)))
    with db.transaction() as session:
        stored = get_row(session, ExDividendRow, (row.action_id, row.token), "ex-dividend")
        if stored.status != SCHEDULED:
            stored.status, stored.multiplier_tx = SCHEDULED, tx.tx_hash
            if tx.HasField("effective_at"):
                stored.effective_at = from_ts(tx.effective_at)
            session.add(stored)
            emit(session, now, ev.ExDividendScheduled(action_id=stored.action_id, token=stored.token,
                                                      multiplier=to_pb(stored.multiplier_after),
                                                      effective_at=to_ts(stored.effective_at), tx_hash=tx.tx_hash))
        return stored


def run(clients: ports.Clients, multipliers: Multipliers, db: Database, contracts: dict[str, Contract],
        now: datetime) -> str:
    """The pass at each close: every reinvesting dividend due, planned and scheduled (a failure is
    logged and retried by the next pass, with the same plan and key)."""
    done = []
    for item in due(clients, db, contracts, now):
        try:
            row = schedule(clients, db, plan(clients, multipliers, db, item, now), now)
        except DomainError as error:
            log.warning("ex-dividend %s %s not scheduled yet: [%s] %s", item.action_id, item.contract.symbol,
                        error.reason, error.message)
            continue
        done.append(f"{row.token} x {row.multiplier_after} from {row.effective_at.isoformat()} "
                    f"({row.shares_owed} shares owed)")
    return "; ".join(done) or "no dividend goes ex next"


def scheduled(session: Session, action_ids: list[str]) -> set[tuple[str, str]]:
    """(action, token) of the dividends among `action_ids` already taken into a multiplier."""
    return {(r.action_id, r.token) for r in session.exec(select(ExDividendRow).where(
        col(ExDividendRow.action_id).in_(action_ids), ExDividendRow.status == SCHEDULED))}


def owed(db: Database, action_id: str, token: str) -> ExDividendRow | None:
    """The scheduled ex-date change of a dividend, if the SPV made one."""
    with db.read() as session:
        row = session.get(ExDividendRow, (action_id, token))
    return row if row is not None and row.status == SCHEDULED else None
