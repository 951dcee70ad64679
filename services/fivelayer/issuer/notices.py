"""The SPV applies the corporate-action notices its broker sends it, each once, under each product's
contract (`distributions` does the sums).

A notice runs as a saga with no unit of work open across a call to another service:

1. read (no unit of work): the notice (broker ListNotices on the SPV's account), the price
   (control), the multiplier in force and scheduled (chain GetToken), the holders of record
   (chain HoldersAt at the close of the NYSE session before the ex-date);
2. begin (one transaction): a `DistributionRow` "pending" holding the plan (the amounts, the holders'
   lines), the dividend's receipt in the SPV's books, and the FUSD to pay reserved in an escrow;
3. remote (no unit of work): the keyed calls: the reinvestment's buy order (`div:<notice>:reinvest`),
   the multiplier (`dist:<notice>:multiplier`), one FUSD transfer per holder
   (`dist:<notice>:pay:<address>`);
4. finish (one transaction): the outcome, the books, the event; the row is "applied".

Steps 2 to 4 are a `kernel.saga.TypedSaga` keyed `notice:<id>` (`apply_notice`), whose plan names the
row. A failure in 3 leaves the row pending with its reason; the next pass (or, for an intent left by a crash
or an absent service, the issuer's resumer) carries it on from 3 with the same plan and the same keys, so
nothing is applied twice. The SPV's books (kernel ledger):
`dividends:<token>` (USD) holds what the SPV kept of each net dividend, `@dividends` is the paying
agent, `@withholding` the tax the broker withheld, `@irs` what the SPV withheld more under section
871(m) (only where the broker withheld less than 30%; `distributions.dividend_equivalent`),
`@market` what the reinvestment cost, `@broker-cash` the net dividend that funded a FUSD payout
(it stays in the SPV's broker cash); `distribution:<id>` (FUSD) escrows a payout's FUSD between
begin and finish.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.issuer import distributions as dist
from fivelayer.issuer import ex_dividends, ports, reasons
from fivelayer.issuer.in_kind import product_of_underlying
from fivelayer.issuer.models import (
    DistributionPayment,
    DistributionRow,
    DistributionStatus,
    EstateRow,
    ExDividendRow,
    PaymentStatus,
)
from fivelayer.issuer.spv import TREASURY, link, links, price_of
from fivelayer.kernel import calendar
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError, refusal
from fivelayer.kernel.ledger import Ledger, Leg
from fivelayer.kernel.money import STABLECOIN_PLACES, ZERO, from_pb, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.paging import whole
from fivelayer.kernel.reasons import Common, Revert
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.saga import TypedPlan, TypedSaga, run_saga
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, issuer_pb2, statuses_pb2
from fivelayer.v1 import events_pb2 as ev

log = logging.getLogger(__name__)
USD = "USD"
PENDING, APPLIED = DistributionStatus.PENDING, DistributionStatus.APPLIED   # a distribution's own status
# A line's status and its reason (`PaymentStatus`): each outcome a pair, never one string to take apart.
Line = tuple[PaymentStatus, str]
LINE_PENDING: Line = (PaymentStatus.PENDING, "")
PAID: Line = (PaymentStatus.PAID, "")
RETAINED_OWN: Line = (PaymentStatus.RETAINED, "the SPV's own")
RETAINED_FROZEN: Line = (PaymentStatus.RETAINED, "address frozen")
NOTHING_DUE: Line = (PaymentStatus.NOTHING_DUE, "rounds to 0")
KINDS = ("dividend", "split", "meeting")
BEFORE_OPEN = ("split", "meeting")  # the early pass: splits take effect at the open, so they are set before it


def dividend_account(token: str) -> str:
    return f"dividends:{token}"


def escrow_account(distribution_id: str) -> str:
    return f"distribution:{distribution_id}"


@dataclass
class PassReport:
    applied: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)   # "notice: reason"
    waiting: int = 0                                   # reinvestments waiting for an open market

    def outcome(self) -> str:
        text = f"{len(self.applied)} notices applied"
        if self.waiting:
            text += f"; {self.waiting} reinvestments wait for an open market"
        if self.pending:
            text += f"; {len(self.pending)} pending ({'; '.join(self.pending[:3])})"
        return text


# -- 1. read, with no unit of work open -----------------------------------------------------------

@dataclass(frozen=True)
class Facts:
    """What the other services say, read before the notice's unit of work."""

    price: Decimal = ZERO
    multiplier: Decimal = ZERO              # in force now
    base: Decimal = ZERO                    # the last scheduled, else the one in force
    scheduled_at: datetime | None = None    # when the last scheduled change takes effect
    snapshot: chain_pb2.Holders | None = None
    outstanding: Decimal = ZERO             # split: tokens outstanding now
    ex: ExDividendRow | None = None         # reinvest: the multiplier already raised at the ex-date's open


def holders_of_record_instant(notice: broker_pb2.Notice) -> datetime:
    """The instant a dividend notice's token holders are fixed: the close before its ex date (the notice's
    `ex_date`: after the pay date for a distribution of 25% or more, FINRA Rule 11140), or before its
    record date when the notice has no ex date (an ordinary dividend's ex date is its record date)."""
    if notice.ex_date:
        return dist.holders_of_record_at(dist.parse_date(notice.ex_date, "ex_date"))
    return dist.holders_of_record_at(dist.parse_date(notice.record_date, "record_date"))


def read_facts(clients: ports.Clients, contract: Contract, notice: broker_pb2.Notice,
               ex: ExDividendRow | None = None) -> Facts:
    """`ex`: a reinvested dividend the multiplier already took in at the ex-date's open; its plan holds
    the tokens of record and the multiplier, so only the price is read."""
    policy = contract.dividend_policy
    if notice.kind == "meeting" or (notice.kind == "dividend" and policy == "none"):
        return Facts()
    if ex is not None:
        return Facts(price=price_of(clients, contract), ex=ex)
    token = clients.chain.GetToken(chain_pb2.TokenRequest(symbol=contract.symbol))
    multiplier = from_pb(token.multiplier, Decimal(1))
    scheduled = token.HasField("scheduled_at") and bool(token.scheduled_multiplier.value)
    base = from_pb(token.scheduled_multiplier) if scheduled else multiplier
    scheduled_at = from_ts(token.scheduled_at) if scheduled else None
    if notice.kind == "split":
        return Facts(multiplier=multiplier, base=base, scheduled_at=scheduled_at,
                     outstanding=from_pb(token.total_supply))
    snapshot = whole(clients.chain.HoldersAt, chain_pb2.HoldersAtRequest(   # every page of holders
        symbol=contract.symbol, at=to_ts(holders_of_record_instant(notice)), supply_only=policy == "reinvest"))
    price = price_of(clients, contract) if policy == "reinvest" else ZERO
    return Facts(price, multiplier, base, scheduled_at, snapshot)


# -- 2. begin: plan and reserve, one unit of work -------------------------------------------------

def _next_id(session: Session) -> str:
    return f"dist-{session.exec(select(func.count()).select_from(DistributionRow)).one() + 1:06d}"


def _not_before_scheduled(wanted: datetime, facts: Facts) -> datetime:
    """A change builds on the last scheduled one, so it cannot take effect before it."""
    return max(wanted, facts.scheduled_at) if facts.scheduled_at else wanted


def begin(session: Session, contract: Contract, notice: broker_pb2.Notice, facts: Facts,
          at: datetime) -> DistributionRow:
    row = DistributionRow(id=_next_id(session), notice_id=notice.notice_id, kind=notice.kind, token=contract.symbol,
                          underlying=contract.underlying, action_id=notice.action_id, policy="", at=at,
                          record_date=notice.record_date)
    ledger = Ledger(session)
    if notice.kind == "meeting":
        row.policy, row.clause = f"voting: {contract.voting_policy}", contract.voting_clause
        row.detail = dist.meeting_detail(contract.voting_policy)
        if notice.proposals:
            row.detail += f" ({len(notice.proposals)} proposals, meeting {notice.meeting_date})"
    elif notice.kind == "split":
        row.policy, row.clause = contract.split_method, contract.split_clause
        row.new_shares, row.old_shares = notice.new_shares, notice.old_shares
        lost = dist.split_rounding(from_pb(notice.shares), from_pb(notice.shares_after), notice.new_shares,
                                   notice.old_shares)
        row.multiplier_before = facts.base
        row.multiplier_after = dist.split_multiplier(facts.base, notice.new_shares, notice.old_shares,
                                                     facts.outstanding, lost)
        row.effective_at = _not_before_scheduled(
            dist.split_effective(dist.parse_date(notice.effective_date, "effective_date")), facts)
        ratio = f"{notice.new_shares}/{notice.old_shares}"
        row.detail = f"{notice.new_shares}:{notice.old_shares} split: multiplier x {ratio}"
        if lost > 0:
            row.detail += (f", less {lost} shares the 9-place rounding paid in cash in lieu, over "
                           f"{facts.outstanding} tokens")
    else:
        _begin_dividend(session, ledger, row, contract, notice, facts, at)
    session.add(row)
    emit(session, at, ev.DistributionBegun(distribution_id=row.id, notice_id=row.notice_id, kind=row.kind,
                                          token=row.token, policy=row.policy))
    session.flush()
    return row


def _begin_dividend(session: Session, ledger: Ledger, row: DistributionRow, contract: Contract,
                    notice: broker_pb2.Notice, facts: Facts, at: datetime) -> None:
    gross, withheld, net = from_pb(notice.gross), from_pb(notice.withheld), from_pb(notice.net)
    dist.check_dividend(gross, withheld, net)
    row.gross, row.withheld, row.net = gross, withheld, net
    row.policy, row.clause = contract.dividend_policy, contract.dividends_clause
    legs: list[Leg] = [("@dividends", USD, -gross), ("@withholding", USD, withheld),
                       (dividend_account(contract.symbol), USD, net)]
    ledger.post(legs, at=at, transfer_id=f"dist:{row.id}:received", memo=f"notice {notice.notice_id}")
    if row.policy == "none":
        row.retained, row.detail = net, "the SPV keeps the dividend"
        row.tax_note = "no dividend equivalent: the product passes nothing on for the dividend (section 871(m))"
        return
    equivalent = dist.dividend_equivalent(gross, withheld)
    row.dividend_equivalent, row.tax_871m, row.tax_871m_additional = True, equivalent.tax, equivalent.additional
    row.tax_note = equivalent.note()
    if equivalent.additional > 0:  # withheld from what passes on, deposited with the IRS at once
        ledger.post([(dividend_account(contract.symbol), USD, -equivalent.additional),
                     ("@irs", USD, equivalent.additional)], at=at, transfer_id=f"dist:{row.id}:871m",
                    memo=f"section 871(m) withholding on notice {notice.notice_id}")
        net -= equivalent.additional
    if row.policy == "reinvest" and facts.ex is not None:
        ex = facts.ex  # the tokens of record already claim the shares owed: buy exactly those
        row.snapshot_at, row.supply, row.price = ex.snapshot_at, ex.supply, facts.price
        row.shares_bought, row.cost = ex.shares_owed, ex.shares_owed * facts.price  # as quoted; booked at the fill
        row.multiplier_before, row.multiplier_after = ex.multiplier_before, ex.multiplier_after  # set at the ex-date
        row.effective_at, row.multiplier_tx = ex.effective_at, ex.multiplier_tx
        row.retained = net - row.cost
        row.detail = (f"buy the {ex.shares_owed} {contract.underlying} the tokens of record were promised at the "
                      f"ex-date's open (multiplier {ex.multiplier_before} -> {ex.multiplier_after} from "
                      f"{ex.effective_at.isoformat()}); the net dividend less their cost is the SPV's gain or loss")
        return
    snapshot = facts.snapshot
    assert snapshot is not None
    row.snapshot_at = from_ts(snapshot.at)
    row.supply = from_pb(snapshot.total_supply)
    if row.policy == "reinvest":
        plan = dist.reinvest(net, facts.price, row.supply, facts.multiplier, facts.base)
        row.price, row.shares_bought, row.cost = facts.price, plan.shares_bought, plan.cost
        row.multiplier_before, row.multiplier_after = plan.multiplier_before, plan.multiplier_after
        row.retained = plan.retained
        row.effective_at = _not_before_scheduled(dist.reinvest_effective(at), facts)
        row.detail = (f"buy {plan.shares_bought} {contract.underlying} at {facts.price}; multiplier "
                      f"{plan.multiplier_before} -> {plan.multiplier_after}" if plan.shares_bought else
                      "no tokens outstanding at the record date, or too little to buy a share's 9th place: kept")
        return
    holdings = [(h.address, from_pb(h.balance)) for h in snapshot.holders]
    shares = dist.pro_rata(net, holdings, STABLECOIN_PLACES)
    row.holders, row.supply = len(holdings), shares.supply
    to_pay = ZERO
    for payout in shares.payouts:
        own = payout.address == ISSUER_ADDRESS
        status, reason = RETAINED_OWN if own else LINE_PENDING if payout.amount > 0 else NOTHING_DUE
        session.add(DistributionPayment(distribution_id=row.id, address=payout.address, token=contract.symbol,
                                        balance=payout.balance, amount=payout.amount, status=status, reason=reason))
        to_pay += ZERO if own else payout.amount
    if to_pay > 0:  # the FUSD to pay, reserved: nothing else may spend it while the transfers run
        ledger.transfer(TREASURY, escrow_account(row.id), STABLECOIN, to_pay, at=at,
                        transfer_id=f"dist:{row.id}:reserve")
    row.retained = net - to_pay  # until finish: what rounding leaves, and the SPV's own line
    row.detail = f"{shares.paid} FUSD among {len(holdings)} holders of record; remainder {shares.remainder} kept"


# -- 3. remote: the keyed calls, no unit of work open --------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    order_id: str = ""
    multiplier_tx: str = ""
    effective_at: datetime | None = None
    payments: dict[str, tuple[Line, str]] = field(default_factory=dict)  # address -> ((status, reason), tx hash)
    filled: Decimal = ZERO            # reinvest: the shares the order bought, and at what price
    fill_price: Decimal = ZERO


def remote(clients: ports.Clients, row: DistributionRow, payments: list[DistributionPayment],
           account: tuple[str, str]) -> Outcome:
    key = f"dist:{row.notice_id}"
    order_id, multiplier_tx, effective_at = row.order_id, "", row.effective_at
    if row.policy == "reinvest" and row.shares_bought > 0 and not order_id:
        order = clients.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
            request_id=f"div:{row.notice_id}:reinvest", account_id=account[0], api_key=account[1],
            symbol=row.underlying, side=broker_pb2.BUY, quantity=to_pb(row.shares_bought)))
        if order.status in (statuses_pb2.ORDER_STATUS_CANCELED, statuses_pb2.ORDER_STATUS_REJECTED):
            ended = "canceled" if order.status == statuses_pb2.ORDER_STATUS_CANCELED else "rejected"
            raise refusal(order.reject_reason or reasons.Issuer.ORDER_REJECTED,
                          f"the broker {ended} the reinvestment order {order.order_id}")
        order_id = order.order_id
    filled = fill_price = ZERO
    if row.policy == "reinvest" and order_id:  # the fill, as the broker has it (booked at it)
        bought = clients.broker.GetOrder(broker_pb2.OrderRequest(account_id=account[0], order_id=order_id))
        filled, fill_price = from_pb(bought.filled_quantity), from_pb(bought.filled_avg_price)
    if row.multiplier_after and row.multiplier_after != row.multiplier_before and not row.multiplier_tx:
        tx = clients.chain.SetMultiplier(chain_pb2.SetMultiplierRequest(
            request_id=f"{key}:multiplier", symbol=row.token, sender=ISSUER_ADDRESS,
            multiplier=to_pb(row.multiplier_after), effective_at=to_ts(row.effective_at) if row.effective_at else None))
        multiplier_tx = tx.tx_hash
        effective_at = from_ts(tx.effective_at) if tx.HasField("effective_at") else effective_at
    paid: dict[str, tuple[Line, str]] = {}
    for line in payments:
        if line.status != PaymentStatus.PENDING:
            continue
        try:
            tx = clients.chain.Transfer(chain_pb2.TransferRequest(
                request_id=f"{key}:pay:{line.address}", symbol=STABLECOIN, sender=ISSUER_ADDRESS,
                to_address=line.address, amount=to_pb(line.amount)))
            paid[line.address] = (PAID, tx.tx_hash)
        except DomainError as refused:
            if refused.reason != Revert.ADDRESS_FROZEN:
                raise
            paid[line.address] = (RETAINED_FROZEN, "")  # the SPV keeps a frozen holder's amount
    return Outcome(order_id, multiplier_tx, effective_at, paid, filled, fill_price)


# -- 4. finish: record, one unit of work -------------------------------------------------------------

def finish(session: Session, distribution_id: str, done: Outcome, at: datetime) -> DistributionRow:
    row = get_row(session, DistributionRow, distribution_id, "distribution")
    if row.status == APPLIED:
        return row  # a concurrent pass got here first
    ledger = Ledger(session)
    row.order_id = done.order_id or row.order_id
    row.multiplier_tx = done.multiplier_tx or row.multiplier_tx
    row.effective_at = done.effective_at or row.effective_at
    if row.policy == "reinvest" and done.filled > 0:  # booked at the fill: what the net leaves is the SPV's
        row.price, row.cost = done.fill_price, done.filled * done.fill_price
        row.retained = row.net - row.tax_871m_additional - row.cost   # its gain, or (negative) its loss
    if row.policy == "reinvest" and row.cost > 0:
        available = Ledger(session).balance(dividend_account(row.token), USD)
        from_capital = max(row.cost - available, ZERO)  # a fill dearer than the net dividend: the SPV pays it
        bought: list[Leg] = [(dividend_account(row.token), USD, -(row.cost - from_capital)),
                             ("@spv-capital", USD, -from_capital), ("@market", USD, row.cost)]
        ledger.post([leg for leg in bought if leg[2] != 0], at=at, transfer_id=f"dist:{row.id}:reinvested",
                    memo=f"order {row.order_id}")
        ex = session.get(ExDividendRow, (row.action_id, row.token))
        if ex is not None and not ex.order_id:
            ex.order_id = row.order_id
            session.add(ex)
    if row.policy == "stablecoin":
        lines = list(session.exec(select(DistributionPayment).where(DistributionPayment.distribution_id == row.id)))
        paid = returned = ZERO
        for line in lines:
            if line.address in done.payments:
                (line.status, line.reason), line.tx_hash = done.payments[line.address]
                session.add(line)
            if (line.status, line.reason) == PAID:
                paid += line.amount
            elif (line.status, line.reason) == RETAINED_FROZEN:
                returned += line.amount
        legs: list[Leg] = [(escrow_account(row.id), STABLECOIN, -(paid + returned)), ("@holders", STABLECOIN, paid),
                           (TREASURY, STABLECOIN, returned),
                           (dividend_account(row.token), USD, -paid), ("@broker-cash", USD, paid)]
        ledger.post(legs, at=at, transfer_id=f"dist:{row.id}:paid")
        row.paid_total, row.retained = paid, row.net - row.tax_871m_additional - paid
    row.status, row.applied_at, row.last_error = APPLIED, at, ""
    session.add(row)
    emit(session, at, ev.DistributionApplied(
        distribution_id=row.id, notice_id=row.notice_id, kind=row.kind, token=row.token, policy=row.policy,
        net=to_pb(row.net), shares_bought=to_pb(row.shares_bought), multiplier_before=to_pb(row.multiplier_before),
        multiplier_after=to_pb(row.multiplier_after),
        effective_at=to_ts(row.effective_at) if row.effective_at else None,
        paid_total=to_pb(row.paid_total), holders=row.holders, retained=to_pb(row.retained), detail=row.detail,
        dividend_equivalent=row.dividend_equivalent, tax_871m=to_pb(row.tax_871m),
        tax_871m_additional=to_pb(row.tax_871m_additional)))
    return row


# -- the saga and the pass ------------------------------------------------------------------------------

NOTICE_METHOD = "ApplyNotice"   # the notice saga's name: its intents' keys start with it (`kernel.saga`)


@dataclass(frozen=True)
class NoticePlan(TypedPlan):
    """The distribution a notice's begin step made: its row holds the amounts and the holders' lines that
    the remote step sends and finish books, so the plan names it."""

    distribution_id: str
    notice_id: str


def notice_request(notice_id: str) -> issuer_pb2.NoticeRequest:
    return issuer_pb2.NoticeRequest(request_id=f"notice:{notice_id}", notice_id=notice_id)


@dataclass(frozen=True)
class Begun:
    """What a notice's begin step needs, read with no unit of work open."""

    contract: Contract
    notice: broker_pb2.Notice
    facts: Facts


def apply_notice(db: Database, clients: ports.Clients, request: issuer_pb2.NoticeRequest, at: datetime,
                 begun: Begun | None = None) -> None:
    """Apply one notice, once (`kernel.saga`, keyed `notice:<id>`): begin makes its distribution (or finds
    the one a pass made before: a refused or interrupted notice is carried on from its row); remote sends
    the keyed calls; finish books them at `at`. The resumer gives no `begun`: it carries on a plan."""
    def begin_step(session: Session) -> NoticePlan:
        row = session.exec(select(DistributionRow).where(DistributionRow.notice_id == request.notice_id)).first()
        if row is None:
            if begun is None:
                raise DomainError(Common.NOT_FOUND, f"no distribution of notice {request.notice_id} to carry on; "
                                  "the next notice pass applies it", notice_id=request.notice_id)
            row = begin(session, begun.contract, begun.notice, begun.facts, at)
        return NoticePlan(distribution_id=row.id, notice_id=row.notice_id)

    def remote_step(plan: NoticePlan) -> Outcome:
        with db.read() as session:
            row = get_row(session, DistributionRow, plan.distribution_id, "distribution")
            payments = list(session.exec(select(DistributionPayment).where(
                DistributionPayment.distribution_id == plan.distribution_id)
                .order_by(col(DistributionPayment.address))))
            account = link(session, row.token)
        if row.status == APPLIED:
            return Outcome()
        return remote(clients, row, payments, (account.account_id, account.api_key))

    def finish_step(session: Session, plan: NoticePlan, done: Outcome) -> common_pb2.Empty:
        finish(session, plan.distribution_id, done, at)
        return common_pb2.Empty()   # the outcome is the distribution row; nothing else to answer

    run_saga(db, NOTICE_METHOD, request, lambda: TypedSaga(NoticePlan, begin=begin_step, remote=remote_step,
                                                          finish=finish_step))


def _stuck(db: Database, notice_id: str, error: DomainError) -> None:
    """A notice's distribution that failed keeps its reason, and stays pending for the next pass."""
    with db.transaction() as session:
        row = session.exec(select(DistributionRow).where(DistributionRow.notice_id == notice_id)).first()
        if row is not None and row.status != APPLIED:
            row.last_error = f"[{error.reason}] {error.message}"
            session.add(row)


def apply_notices(db: Database, clients: ports.Clients, contracts: dict[str, Contract], at: datetime,
                  kinds: tuple[str, ...] = KINDS, failures: FailureLog | None = None) -> PassReport:
    """Apply every notice of `kinds` on the SPV's accounts (each product's own) not yet applied, each once
    and in the order the broker sent them (a saga each: `apply_notice`); carry on the pending ones. A notice
    that fails stays for the next pass (its reason recorded; logged once per cause); the others go on.
    An insolvent SPV applies nothing: what it has belongs to its estate."""
    report = PassReport()
    failures = failures or FailureLog("notice pass", log)
    with db.read() as session:
        if session.get(EstateRow, 1) is not None:
            return report
        accounts = [row.account_id for row in links(session)]
    notices = sorted((n for account_id in accounts for n in whole(
        clients.broker.ListNotices, broker_pb2.ListNoticesRequest(account_id=account_id)).notices),
        key=lambda n: (from_ts(n.at), n.notice_id))
    notices = [n for n in notices if n.kind in kinds]
    with db.read() as session:
        ids = [n.notice_id for n in notices]
        known = {r.notice_id: r for r in session.exec(select(DistributionRow).where(
            col(DistributionRow.notice_id).in_(ids)))} if ids else {}
    market_open = calendar.market_open_at(at)
    for notice in notices:
        row = known.get(notice.notice_id)
        if row is not None and row.status == APPLIED:
            continue
        try:
            begun = None
            if row is None:
                contract = _product(contracts, notice)
                if contract is None:
                    continue  # not a product's underlying: nothing of the SPV's tokens
                if notice.kind == "dividend" and contract.dividend_policy == "reinvest" and not market_open:
                    report.waiting += 1  # bought at the price of an open market, at a later pass
                    continue
                ex = ex_dividends.owed(db, notice.action_id, contract.symbol) \
                    if notice.kind == "dividend" and contract.dividend_policy == "reinvest" else None
                begun = Begun(contract, notice, read_facts(clients, contract, notice, ex))
            apply_notice(db, clients, notice_request(notice.notice_id), at, begun)
            report.applied.append(notice.notice_id)
            failures.succeeded(notice.notice_id)
        except DomainError as error:
            _stuck(db, notice.notice_id, error)
            failures.failed(error, notice.notice_id)
            report.pending.append(f"{notice.notice_id}: {error.reason}")
    return report


def waiting(session: Session, contracts: dict[str, Contract], known: list[broker_pb2.Notice]
            ) -> list[broker_pb2.Notice]:
    """Of the `known` notices, those on a product's underlying the SPV has not applied (none once it is
    insolvent)."""
    if session.get(EstateRow, 1) is not None:
        return []
    mine = [n for n in known if _product(contracts, n) is not None]   # others: nothing of the SPV's tokens
    ids = [n.notice_id for n in mine]
    applied = set(session.exec(select(DistributionRow.notice_id).where(
        col(DistributionRow.notice_id).in_(ids), DistributionRow.status == APPLIED))) if ids else set()
    return [n for n in mine if n.notice_id not in applied]


def _product(contracts: dict[str, Contract], notice: broker_pb2.Notice) -> Contract | None:
    try:
        return product_of_underlying(contracts, notice.symbol)
    except DomainError:
        return None
