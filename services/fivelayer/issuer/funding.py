"""The SPV's money leg, per product: how a cash mint's hedge is paid before the mint's FUSD is dollars.

A cash mint is paid in FUSD at once; the hedge it buys is paid in dollars at the broker, and dollars
reach the broker only by the stablecoin issuer's wire, on Fedwire's bank days before the 18:00 ET
cut-off. Each product bridges the gap by its terms (`contracts/`, `[terms.funding]`):

- prefunded: a buffer of USD in the product's account at the broker, lent by the sponsor (subordinated);
  a mint reserves its hedge's estimated cost from what is free, or is refused BUFFER_EXHAUSTED;
- broker-credit: the broker's line (as Alpaca's instant funding); a mint whose hedge would go past
  what the line has available is refused CREDIT_LIMIT, before any payment is taken;
- in-kind: no cash leg at all; cash mints and redemptions are refused IN_KIND_ONLY.

The issuer's books keep one sub-ledger per product, in USD (FUSD counted at par until its wire pays):
`funding:<token>:buffer` (cash at the broker free to hedge with), `:committed` (hedges placed, not yet
paid), `:held` (FUSD taken for mints, not yet sent), `:in-transit` (FUSD sent for redemption, its wire
not yet paid). Credit drawn is owed to `@broker-credit:<token>` (its negative balance), the loan to
`@sponsor`. Each product has its own account at the broker (`spv.open_broker_accounts`): its buffer or
credit line, its hedges' shares; the sub-ledgers follow its cash from FUSD to dollars.

Pure rules first (estimates, refusals, what to send), then small unit-of-work helpers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.issuer import reasons
from fivelayer.issuer.models import (
    OPEN_REDEMPTIONS,
    FundingRefusal,
    FundingStatus,
    HedgeFunding,
    OffRampWire,
    RedemptionRow,
    WireStatus,
)
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, ZERO, fmt, round_down, round_up, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.v1 import events_pb2 as ev

USD = "USD"
SPONSOR = "@sponsor"                  # the sponsor's subordinated loan that opened the prefunded buffers
MINT_PAYMENTS = "@mint-payments"      # FUSD paid for mints, at par
HEDGE_FILLS = "@hedge-fills"          # what settled hedges cost: cash gone to the market
SALES = "@redemption-sales"           # what redemptions' sales brought in at the broker
PAYOUTS = "@redemption-payouts"       # FUSD paid to redeeming holders
UNATTRIBUTED = "@unattributed-fusd"   # FUSD the SPV paid out beyond a product's own (its float, fees)
WIRE_SHORTFALL = "@wire-shortfall"    # a wire paid below par (a de-peg's discount)
OFFRAMP_TIME = (17, 30)               # ET: after the 17:00 payouts, before Fedwire's 18:00 customer cut-off
OFFRAMP_WHEN = "17:30 ET on a weekday (Fedwire's customer transfers cut off at 18:00 ET)"
WIRE_WAITING = (WireStatus.SENDING, WireStatus.IN_TRANSIT)   # off-ramp wires not yet paid (nor failed)
FUNDING_REFUSALS = (reasons.Issuer.BUFFER_EXHAUSTED, reasons.Issuer.CREDIT_LIMIT, reasons.Issuer.IN_KIND_ONLY)
LIVE = (FundingStatus.RESERVED, FundingStatus.COMMITTED)
MIN_WIRE = Decimal(1)                 # less than a dollar is not worth a wire


def account(token: str, part: str) -> str:
    return f"funding:{token}:{part}"


def credit_account(token: str) -> str:
    return f"@broker-credit:{token}"


def hedge_cash(token: str, mode: str) -> str:
    """Where a product's hedges take their cash from, and give back what they do not spend."""
    return account(token, "buffer") if mode == "prefunded" else credit_account(token)


# -- pure rules -----------------------------------------------------------------------------------------

def hedge_estimate(contract: Contract, shares: Decimal, price: Decimal) -> Decimal:
    """What a hedge of `shares` may cost: shares x price x (1 + the product's fill margin), rounded up to
    the cent. The order fills at the next session's price, which may gap from the mint's."""
    return round_up(shares * price * (1 + contract.fill_margin_bps / 10_000), USD_PLACES)


def refuse_cash_leg(contract: Contract, what: str) -> None:
    if contract.funding_mode == "in-kind":
        raise DomainError(reasons.Issuer.IN_KIND_ONLY,
                          f"{contract.symbol} is created and redeemed in kind only: no cash {what}; an authorized "
                          f"participant with settled {contract.underlying} at the SPV's broker asks the broker's "
                          f"tokenization API (POST /v1/accounts/{{account_id}}/tokenization/mint, the Instant "
                          f"Tokenization Network journal) to move them to the SPV, which mints against them",
                          token=contract.symbol)


def check_buffer(contract: Contract, needed: Decimal, free: Decimal, next_wire: str) -> None:
    """A prefunded mint's hedge must fit in what its product's buffer has free."""
    if needed > free:
        raise DomainError(reasons.Issuer.BUFFER_EXHAUSTED,
                          f"{contract.symbol}'s buffer at the broker has {fmt(free)} USD free of "
                          f"{fmt(contract.buffer)}; this mint's hedge may cost {fmt(needed)} USD; {next_wire}",
                          token=contract.symbol, free=str(free), needed=str(needed))


def check_credit(contract: Contract, needed: Decimal, available: Decimal, book_free: Decimal) -> None:
    """A broker-credit mint's hedge must fit in what the broker's line on the product's account has
    available, and in what the books leave of its limit after hedges placed and not yet drawn for (the
    broker draws only when a hedge settles)."""
    free = min(available, book_free)
    if needed > free:
        raise DomainError(reasons.Issuer.CREDIT_LIMIT,
                          f"{contract.symbol}'s hedges are bought on the broker's credit: the line on its account "
                          f"has {fmt(available)} USD available, {fmt(book_free)} of {fmt(contract.credit_limit)} "
                          f"after hedges not yet settled; this mint's hedge may cost {fmt(needed)} USD; the line "
                          "frees as FUSD redeemed by wire repays it", token=contract.symbol, available=str(free),
                          needed=str(needed))


def to_send(held: Decimal, keep: Decimal, treasury: Decimal) -> Decimal:
    """FUSD the off-ramp sends for a product: what it holds beyond what it keeps back for its redemption
    payouts, never more than the SPV's treasury holds, to the cent; nothing below a dollar."""
    amount = round_down(min(held - keep, treasury), USD_PLACES)
    return amount if amount >= MIN_WIRE else ZERO


def settle_split(estimate: Decimal, cost: Decimal) -> tuple[Decimal, Decimal]:
    """A settled hedge: (released back to the product, drawn beyond the estimate)."""
    return (estimate - cost, ZERO) if cost <= estimate else (ZERO, cost - estimate)


# -- the books --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figures:
    token: str
    mode: str
    buffer: Decimal
    committed: Decimal
    held: Decimal
    in_transit: Decimal
    credit_used: Decimal
    reserved: Decimal       # mints begun and not yet finished (prefunded: not free)
    refused: int
    next_wire: str

    @property
    def free(self) -> Decimal:
        return self.buffer - self.reserved


def reserved(session: Session, token: str) -> Decimal:
    """Estimates reserved for hedges not yet placed; summed here, not in SQL (the column is exact text)."""
    rows = session.exec(select(HedgeFunding).where(HedgeFunding.token == token,
                                                   HedgeFunding.status == FundingStatus.RESERVED))
    return sum((row.estimate for row in rows), ZERO)


def next_wire(session: Session, contract: Contract, held: Decimal) -> str:
    """When dollars next reach the product's buffer, in words."""
    token = contract.symbol
    wires = list(session.exec(select(OffRampWire).where(OffRampWire.token == token,
                                                        col(OffRampWire.status).in_(WIRE_WAITING))
                              .order_by(col(OffRampWire.pays_at))))
    said = [f"{fmt(w.amount)} FUSD in transit " + (f"lands {w.pays_at.isoformat()} (value date {w.value_date})"
                                                    if w.pays_at else f"waits at the stablecoin's issuer: {w.reason}")
            for w in wires[:3]]
    if held - contract.redemption_float >= MIN_WIRE:
        said.append(f"{fmt(held)} FUSD held ({fmt(contract.redemption_float)} of it kept for redemption payouts) "
                    f"goes out at the off-ramp's next run, {OFFRAMP_WHEN}")
    return "; ".join(said) if said else "no wire is due"


def figures(session: Session, contract: Contract) -> Figures:
    ledger, token = Ledger(session), contract.symbol
    held = ledger.balance(account(token, "held"), USD)
    refusal = session.get(FundingRefusal, token)
    return Figures(token=token, mode=contract.funding_mode, buffer=ledger.balance(account(token, "buffer"), USD),
                   committed=ledger.balance(account(token, "committed"), USD), held=held,
                   in_transit=ledger.balance(account(token, "in-transit"), USD),
                   credit_used=-ledger.balance(credit_account(token), USD), reserved=reserved(session, token),
                   refused=refusal.count if refusal else 0, next_wire=next_wire(session, contract, held))


def lent(session: Session) -> Decimal:
    return -Ledger(session).balance(SPONSOR, USD)


def open_buffer(session: Session, contract: Contract, now: datetime) -> None:
    """Book the sponsor's loan into a prefunded product's buffer, once (its account was just funded)."""
    ledger = Ledger(session)
    if ledger.balance(account(contract.symbol, "buffer"), USD) == 0:
        ledger.transfer(SPONSOR, account(contract.symbol, "buffer"), USD, contract.buffer, at=now,
                        transfer_id=f"sponsor-loan:{contract.symbol}")
        emit(session, now, ev.FundingBufferOpened(token=contract.symbol, buffer=to_pb(contract.buffer),
                                                  clause=contract.funding_clause))


def reserve(session: Session, contract: Contract, request_id: str, estimate: Decimal, now: datetime) -> None:
    """At a cash mint's begin: prefunded, the estimate must fit in the free buffer (it is then reserved);
    broker-credit, in the product's share of the line (the broker's own line is read in the remote step)."""
    f = figures(session, contract)
    if contract.funding_mode == "prefunded":
        check_buffer(contract, estimate, f.free, f.next_wire)
    elif contract.funding_mode == "broker-credit":
        free = book_free(session, contract, f)
        check_credit(contract, estimate, free, free)
    session.add(HedgeFunding(request_id=request_id, token=contract.symbol, mode=contract.funding_mode,
                             estimate=estimate, at=now))


def book_free(session: Session, contract: Contract, f: Figures | None = None) -> Decimal:
    f = f or figures(session, contract)
    return contract.credit_limit - f.credit_used - f.reserved


def drop_reservation(session: Session, request_id: str) -> None:
    """A mint refused after its begin (the broker's line, the payment): as if never asked."""
    row = session.get(HedgeFunding, request_id)
    if row is not None and row.status == FundingStatus.RESERVED:
        session.delete(row)


def count_refusal(session: Session, token: str, reason: str) -> None:
    row = session.get(FundingRefusal, token) or FundingRefusal(token=token)
    row.count, row.last_reason = row.count + 1, reason
    session.add(row)


def mint_paid(session: Session, contract: Contract, request_id: str, mint_id: str, cost: Decimal, hedged: bool,
              now: datetime) -> None:
    """A cash mint done: its FUSD is held for the product; a hedge placed commits its estimate (from the
    buffer, or drawn on the broker's credit); a hedge refused needs no cash and frees the reservation."""
    token, ledger = contract.symbol, Ledger(session)
    ledger.transfer(MINT_PAYMENTS, account(token, "held"), USD, cost, at=now, transfer_id=f"held:{mint_id}")
    row = session.get(HedgeFunding, request_id)
    if row is None or row.status != FundingStatus.RESERVED:
        return
    row.mint_id = mint_id
    if hedged:
        ledger.transfer(hedge_cash(token, row.mode), account(token, "committed"), USD, row.estimate, at=now,
                        transfer_id=f"commit:{mint_id}")
        row.status = FundingStatus.COMMITTED
    else:
        row.status = FundingStatus.RELEASED
    session.add(row)


def hedge_done(session: Session, request_id: str, cost: Decimal | None, now: datetime) -> None:
    """A mint's hedge settled (`cost`: what it cost) or was cancelled (None): committed cash is spent, the
    rest goes back where it came from; a fill dearer than the estimate takes the rest from the buffer
    (prefunded) or the line (broker-credit)."""
    row = session.get(HedgeFunding, request_id)
    if row is None or row.status not in LIVE:
        return
    token, ledger = row.token, Ledger(session)
    back = hedge_cash(token, row.mode)
    if row.status == FundingStatus.RESERVED:   # a hedge that never got its cash committed
        row.status = FundingStatus.RELEASED if cost is None else FundingStatus.SPENT
        session.add(row)
        return
    if cost is None:
        ledger.transfer(account(token, "committed"), back, USD, row.estimate, at=now,
                        transfer_id=f"release:{row.mint_id}")
        row.status = FundingStatus.RELEASED
    else:
        returned, extra = settle_split(row.estimate, cost)
        legs = [(account(token, "committed"), USD, -row.estimate), (HEDGE_FILLS, USD, cost)]
        if returned:
            legs.append((back, USD, returned))
        if extra:   # beyond the buffer's free cash: the shortfall is the product's overdraft at the broker
            take = min(extra, ledger.balance(back, USD)) if row.mode == "prefunded" else extra
            legs += [(back, USD, -take)] + ([(credit_account(token), USD, -(extra - take))] if extra > take else [])
        ledger.post(legs, at=now, transfer_id=f"spend:{row.mint_id}")
        row.status, row.spent = FundingStatus.SPENT, cost
    session.add(row)


def into_product(ledger: Ledger, token: str, usd: Decimal) -> tuple[Decimal, list[tuple[str, str, Decimal]]]:
    """Dollars that reach the product at the broker repay its broker credit first, the rest goes to its
    buffer: (what repaid the credit, the two legs)."""
    repay = min(usd, -ledger.balance(credit_account(token), USD))
    return repay, [(credit_account(token), USD, repay), (account(token, "buffer"), USD, usd - repay)]


def redemption_paid(session: Session, contract: Contract, redemption_id: str, proceeds: Decimal, payout: Decimal,
                    now: datetime) -> None:
    """A redemption's sale settled and its holder was paid in FUSD: the payout leaves the product's FUSD
    held (beyond it, the SPV's unattributed float), the sale's proceeds settle into its buffer (repaying
    its credit first, for a broker-credit product)."""
    token, ledger = contract.symbol, Ledger(session)
    from_held = min(payout, ledger.balance(account(token, "held"), USD))
    legs = [(PAYOUTS, USD, payout), (account(token, "held"), USD, -from_held)]
    if payout > from_held:
        legs.append((UNATTRIBUTED, USD, -(payout - from_held)))
    legs += [(SALES, USD, -proceeds), *into_product(ledger, token, proceeds)[1]]
    ledger.post([leg for leg in legs if leg[2] != 0], at=now, transfer_id=f"redeemed:{redemption_id}")


def keep_back(session: Session, contract: Contract, price: Decimal) -> Decimal:
    """FUSD kept for the product's payouts: its float, and its unpaid redemptions at their sale price (or
    the price now)."""
    unpaid = session.exec(select(RedemptionRow).where(RedemptionRow.token == contract.symbol,
                                                      col(RedemptionRow.status).in_(OPEN_REDEMPTIONS)))
    return contract.redemption_float + sum((r.quantity * (r.sale_price or price) for r in unpaid), ZERO)


def begin_wire(session: Session, token: str, amount: Decimal, now: datetime) -> OffRampWire:
    """The off-ramp's first step for a product: the FUSD leaves `held` for `in-transit` before it is sent,
    so a crash re-sends nothing (the row's id keys the transfer and the redemption)."""
    count = session.exec(select(func.count()).select_from(OffRampWire).where(OffRampWire.token == token)).one()
    row = OffRampWire(wire_id=f"wire-{token}-{count + 1:06d}", token=token, amount=amount, at=now)
    Ledger(session).transfer(account(token, "held"), account(token, "in-transit"), USD, amount, at=now,
                             transfer_id=f"offramp:{row.wire_id}")
    session.add(row)
    session.flush()
    return row


def wire_paid(session: Session, contract: Contract, row: OffRampWire, usd: Decimal, now: datetime) -> None:
    """The stablecoin issuer's wire landed at the broker: repay the product's credit, then its buffer; a
    wire below par (a de-peg) leaves the difference as a loss."""
    token, ledger = contract.symbol, Ledger(session)
    repay, refill = into_product(ledger, token, usd)
    legs = [(account(token, "in-transit"), USD, -row.amount), *refill, (WIRE_SHORTFALL, USD, row.amount - usd)]
    ledger.post([leg for leg in legs if leg[2] != 0], at=now, transfer_id=f"wire-paid:{row.wire_id}")
    row.status, row.usd, row.paid_at = WireStatus.PAID, usd, now
    session.add(row)
    emit(session, now, ev.FundingWirePaid(token=token, wire_id=row.wire_id, redemption_id=row.redemption_id,
                                          amount=to_pb(row.amount), usd=to_pb(usd), credit_repaid=to_pb(repay),
                                          buffer=to_pb(ledger.balance(account(token, "buffer"), USD))))
