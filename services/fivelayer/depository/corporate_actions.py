"""Corporate actions at the depository: cash dividends, stock splits and shareholder meetings.

The issuer's paying agent announces an action on a security registered to Cede & Co; DTC works
out each participant's share from its own books and passes cash and shares on to participants,
who pass them on to their customers (the beneficial owners DTC does not know).

- Record date: under T+1 settlement the ex date is the record date. Entitlements are fixed at
  17:00 ET on the record date, after the 16:15 ET CNS run: a participant's settled position plus
  its open CNS obligations due on or before the record date (+ a fail to receive, - a fail to
  deliver). A trade on the day before the ex date settles on the record date and is entitled; a
  trade on the ex date settles after it, and the seller keeps the dividend. A delivery that fails
  still entitles the buyer, and the failing seller's entitlement is reduced by it (CNS charges it).
- Pay date (09:00 ET, and never before the record-date run): each participant's cash at DTC
  ("p:<id>" in USD) is credited with shares x amount rounded down to the cent, from the issuer's
  paying agent (an external account). A negative entitlement (a participant failing to deliver
  shares it does not hold) is charged, rounded up: the payer never gains by rounding.
- Split (06:00 ET on the effective date): every holding and every open CNS obligation in the
  symbol is multiplied by new/old, and open trades' prices divided by it (their money does not
  change). DTC holds whole shares: each holder (per participant, on its total: DTC does not know a
  participant's customers) keeps floor(position x new/old) whole shares, and the fraction (a
  reverse split, or an uneven ratio such as 3:2, makes one) goes back to the register and is paid
  as cash in lieu at the last close adjusted for the split, rounded down to the cent (the arithmetic and its
  rounding: `fivelayer.kernel.corporate_actions`, shared with the broker). 0555 with 7
  shares in a 3:2 split holds 10 and is paid 0.5 share's cash in lieu; what it owes its customers
  (10.5 for one customer's 7) is the broker's affair (`fivelayer.broker.corporate_actions`).
  Simplification: an open obligation is cut to whole shares the same way on both sides, with no
  cash for the part cut off.
- Notice (SEC Rule 10b-17): an issuer announces a dividend, split or meeting at least 10 calendar days
  before its record date. An announcement with less notice is refused (LATE_ANNOUNCEMENT, changing
  nothing) unless it says `late`, and a forced one is marked late (`late`, `notice_days`, on the row and
  on the `ca.announced` event). The date counted for a split is its effective date: the sandbox's split
  has no record date apart from it (DTC applies it at 06:00 ET on that date to whoever holds then), so
  the effective date is the date holders are fixed.
- Large distributions (FINRA Rule 11140(b)(2), `dividend_ex_date`): a cash dividend of 25% or more of the
  share's last close (control's market data price at the close of the last session before the
  announcement, read when it is announced) goes ex on the first NYSE session after the pay date, not on
  the record date. Entitlements and payment at the record and pay dates are as above (DTC pays its
  holders of record); a trade executed before the ex date that settles after the record date carries a
  due bill: at 09:00 ET on the ex date (every such trade is captured by then) DTC moves shares x amount,
  rounded down to the cent per trade, from the seller's cash to the buyer's (`redeem_due_bills`, a
  `DueBillRow` and the `ca.due_bills_redeemed` event), and each participant's entitlement shows its due
  bills, so its dividend follows its position by trade date before the ex date. Until then the action
  stands at `due-bills`; then `paid`.
- Meeting: entitlements (votes, no cash) fixed at the record date; held at 17:00 ET on its date. Its
  agenda lists each proposal with an id, whether it is routine under NYSE Rule 452 (a broker may vote
  shares its customer gave no instruction for: ratifying the auditor; not director elections or pay)
  and the board's recommendation (for or against); DTC passes the votes on to its participants, whose
  customers instruct them (the broker's `proxy_voting`).

Validation and arithmetic are pure functions; the steps act on one unit of work.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.depository import reasons
from fivelayer.depository.capture import REGISTER, account, registered
from fivelayer.depository.models import (
    CorporateActionRow,
    CorporateActionStatus,
    DueBillRow,
    EntitlementRow,
    OpenFail,
    ParticipantRow,
    TradeRow,
    TradeStatus,
)
from fivelayer.depository.settlement import project
from fivelayer.kernel import calendar
from fivelayer.kernel import corporate_actions as kca
from fivelayer.kernel.corporate_actions import cash_in_lieu as cash_in_lieu  # the depository's name for it too
from fivelayer.kernel.corporate_actions import dividend_cash as dividend_cash
from fivelayer.kernel.corporate_actions import due_bill, split_price
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger, is_external
from fivelayer.kernel.money import ZERO, RawAmount, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS
from fivelayer.kernel.timeutil import utc
from fivelayer.v1 import events_pb2 as ev

DIVIDEND, SPLIT, MEETING = "dividend", "split", "meeting"
KINDS = (DIVIDEND, SPLIT, MEETING)
ANNOUNCED, ENTITLED, PAID = CorporateActionStatus.ANNOUNCED, CorporateActionStatus.ENTITLED, CorporateActionStatus.PAID
EFFECTIVE, HELD = CorporateActionStatus.EFFECTIVE, CorporateActionStatus.HELD
DUE_BILLS = CorporateActionStatus.DUE_BILLS  # a large distribution paid to its holders of record, due bills open
NOTICE_DAYS = 10          # SEC Rule 10b-17: calendar days of notice before the record date
LARGE_DISTRIBUTION = Decimal("0.25")   # FINRA Rule 11140(b)(2): a distribution of 25% or more of the value
AMOUNT_PLACES = 6         # a dividend's USD per share
MAX_RATIO = 10_000        # either side of a split ratio
MAX_PROPOSALS, MAX_PROPOSAL_CHARS, MAX_PROPOSAL_ID = 50, 500, 20
RECOMMENDATIONS = ("for", "against")   # the board's recommendation on a proposal
# New York times of the steps: entitlements after the 16:15 CNS run, cash before the open, splits before it
RECORD_AT, PAY_AT, EFFECTIVE_AT, MEETING_AT = time(17, 0), time(9, 0), time(6, 0), time(17, 0)
DUE_BILL_AT = time(9, 0)  # on the ex date: every trade executed before it is captured


def paying_agent(symbol: str) -> str:
    """The issuer's paying agent, outside DTC's books: dividends and cash in lieu come from it."""
    return f"@paying-agent:{symbol}"


# --- validation --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgendaItem:
    """One proposal of a meeting: its id, its text, whether it is routine (NYSE Rule 452) and what
    the board recommends."""

    proposal_id: str
    text: str
    routine: bool = False
    board_recommendation: str = "for"

    def to_json(self) -> dict[str, object]:
        return {"proposal_id": self.proposal_id, "text": self.text, "routine": self.routine,
                "board_recommendation": self.board_recommendation}

    def to_event(self) -> ev.CaAnnounced.AgendaItem:
        return ev.CaAnnounced.AgendaItem(proposal_id=self.proposal_id, text=self.text, routine=self.routine,
                                         board_recommendation=self.board_recommendation)


def load_agenda(stored: str) -> tuple[AgendaItem, ...]:
    """A stored agenda: a JSON list of proposals, or (as first stored) of texts: numbered in order,
    non-routine, the board For."""
    items = []
    for place, item in enumerate(json.loads(stored or "[]"), 1):
        if isinstance(item, str):
            items.append(AgendaItem(str(place), item))
        else:
            items.append(AgendaItem(str(item["proposal_id"]), str(item["text"]), bool(item.get("routine", False)),
                                    str(item.get("board_recommendation") or "for")))
    return tuple(items)


@dataclass(frozen=True)
class Terms:
    """A validated announcement."""

    kind: str
    symbol: str
    amount: Decimal = ZERO
    new_shares: int = 0
    old_shares: int = 0
    ex_date: str = ""
    record_date: str = ""
    pay_date: str = ""
    effective_date: str = ""
    meeting_date: str = ""
    proposals: tuple[str, ...] = field(default_factory=tuple)    # the agenda's texts
    agenda: tuple[AgendaItem, ...] = field(default_factory=tuple)
    late: bool = False               # under 10 days' notice, forced (SEC Rule 10b-17)
    notice_days: int = 0             # calendar days from today to the record (split: effective) date
    last_close: Decimal | None = None   # dividend: the close the 25% test used
    large: bool = False              # dividend: 25% or more of last_close (FINRA Rule 11140)


def parse_day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"{name} must be a date YYYY-MM-DD, got {text!r}", field=name) from None


def check_symbol(symbol: str) -> str:
    require(symbol in LISTINGS, Common.UNKNOWN_SYMBOL,
            f"{symbol!r} is not a listed symbol; the universe is {', '.join(sorted(LISTINGS))}", symbol=symbol)
    return symbol


def first_record_day(today: date) -> date:
    """The earliest ex or record date an announcement on `today` may set: the next session."""
    return calendar.next_session(today)


def check_session(day: date, name: str, today: date) -> None:
    require(calendar.is_session(day), Common.INVALID_ARGUMENT, f"{name} {day} is not an NYSE session", field=name)
    first = first_record_day(today)
    require(day >= first, Common.INVALID_ARGUMENT,
            f"{name} {day} must be on or after {first}, the next session after today ({today})", field=name)


def check_notice(today: date, record_day: date, name: str, late: bool) -> int:
    """SEC Rule 10b-17: an issuer gives notice of a dividend, split or meeting at least 10 calendar days
    before its record date. Less notice is refused (LATE_ANNOUNCEMENT) unless `late` forces it. The days
    of notice."""
    days = (record_day - today).days
    require(days >= NOTICE_DAYS or late, reasons.Depository.LATE_ANNOUNCEMENT,
            f"SEC Rule 10b-17: an issuer announces at least {NOTICE_DAYS} calendar days before the record date; "
            f"{name} {record_day} is {days} days after today ({today}). Announce it earlier, or force it with "
            "late (CLI --late), which marks the announcement late", field=name, notice_days=days)
    return days


@dataclass(frozen=True)
class ExDate:
    """When a cash dividend goes ex, and who is entitled (`dividend_ex_date`)."""

    record_date: date
    pay_date: date
    ex_date: date
    large: bool       # 25% or more of the last close: ex after the pay date, due bills in between

    def carries_due_bill(self, trade_date: date, settlement_date: date) -> bool:
        """A trade executed before the ex date that settles after the record date: its seller is the holder
        of record and is paid, but its buyer bought the dividend, so the seller owes it to the buyer (a due
        bill). An ordinary dividend has none: its ex date is its record date, and a trade on it settles after."""
        return self.large and settlement_date > self.record_date and trade_date < self.ex_date


def dividend_ex_date(amount: Decimal, last_close: Decimal | None, record_day: date, pay_day: date) -> ExDate:
    """The ex date of a cash dividend of `amount` per share, by FINRA Rule 11140 (the Uniform Practice Code).

    (b)(1), under T+1 settlement: the ex date is the record date; a buyer on the day before settles on the
    record date and is the holder of record, a buyer on the ex date is not.
    (b)(2): a distribution of 25% or more of the security's value (here: `amount` >= 25% of `last_close`,
    the share's last close when it is announced) goes ex on the first business day after the payable
    date: the first NYSE session after `pay_day` (a trading day: the ex date is when the price drops; a
    session that is a bank holiday still counts). Trades executed from the record date up to the ex date
    settle after the record date, so their sellers are paid as holders of record, and carry due bills to
    their buyers (`ExDate.carries_due_bill`): the dividend belongs to whoever held by trade date before the
    ex date. `last_close` None (not priced): ordinary."""
    large = last_close is not None and last_close > 0 and amount >= LARGE_DISTRIBUTION * last_close
    return ExDate(record_day, pay_day, calendar.next_session(pay_day) if large else record_day, large)


def last_close(now: datetime) -> datetime:
    """The close of the last NYSE session closed at or before `now`: the price a dividend's size is
    measured against (FINRA Rule 11140's 25%)."""
    today = utc(now).astimezone(calendar.NEW_YORK).date()
    if calendar.is_session(today) and calendar.session_hours(today)[1] <= utc(now):
        return calendar.session_hours(today)[1]
    return calendar.close_before(today)


def dividend_terms(today: date, symbol: str, raw_amount: RawAmount, ex_date: str, pay_date: str, *,
                   record_date: str = "", close: Decimal | None = None, late: bool = False) -> Terms:
    """A cash dividend: amount USD per share (> 0, at most 6 places); the record date (`record_date`, or
    `ex_date`: an ordinary dividend's ex date is its record date under T+1) a session after today and at
    least 10 days after it (`check_notice`, unless `late`); the pay date a settlement day on or after the
    record date. The ex date: `dividend_ex_date`, against `close`, the last close."""
    check_symbol(symbol)
    amount = parse_amount(raw_amount, "amount", AMOUNT_PLACES)
    name = "record_date" if record_date.strip() else "ex_date"
    record = parse_day(record_date if record_date.strip() else ex_date, name)
    if record_date.strip() and ex_date.strip():
        require(parse_day(ex_date, "ex_date") == record, Common.INVALID_ARGUMENT,
                f"ex_date {ex_date} is not record_date {record_date}: give the record date (ex_date is its name for "
                "an ordinary dividend); a large distribution's ex date follows from its pay date (FINRA Rule 11140)",
                field="ex_date")
    check_session(record, name, today)
    pay = parse_day(pay_date, "pay_date")
    require(pay >= record, Common.INVALID_ARGUMENT, f"pay_date {pay} is before the record date {record}",
            field="pay_date")
    require(calendar.is_settlement_day(pay), Common.INVALID_ARGUMENT,
            f"pay_date {pay} is not a settlement day (an NYSE session that is a US bank day)", field="pay_date")
    ex = dividend_ex_date(amount, close, record, pay)
    days = check_notice(today, record, name, late)
    return Terms(DIVIDEND, symbol, amount=amount, ex_date=ex.ex_date.isoformat(), record_date=record.isoformat(),
                 pay_date=pay.isoformat(), late=days < NOTICE_DAYS, notice_days=days, last_close=close,
                 large=ex.large)


def split_terms(today: date, symbol: str, new_shares: int, old_shares: int, effective_date: str,
                late: bool = False) -> Terms:
    """A split new:old (4:1 forward, 1:4 reverse), effective at a session after today, at least 10 days
    after it unless `late` (`check_notice`: the effective date is the date holders are fixed)."""
    check_symbol(symbol)
    require(0 < new_shares <= MAX_RATIO and 0 < old_shares <= MAX_RATIO, Common.INVALID_ARGUMENT,
            f"a split ratio is two positive whole numbers up to {MAX_RATIO}, got {new_shares}:{old_shares}")
    require(new_shares != old_shares, Common.INVALID_ARGUMENT,
            f"a split of {new_shares}:{old_shares} changes nothing")
    effective = parse_day(effective_date, "effective_date")
    check_session(effective, "effective_date", today)
    days = check_notice(today, effective, "effective_date", late)
    return Terms(SPLIT, symbol, new_shares=new_shares, old_shares=old_shares, ex_date=effective.isoformat(),
                 effective_date=effective.isoformat(), late=days < NOTICE_DAYS, notice_days=days)


def check_agenda(texts: Iterable[str], agenda: Iterable[AgendaItem]) -> tuple[AgendaItem, ...]:
    """The proposals as texts (numbered in order, non-routine, the board For) or as an agenda, not both:
    each with a text, an id unique in the meeting (empty: its place) and a recommendation for or against."""
    texts, items = tuple(texts), tuple(agenda)
    require(not (texts and items), Common.INVALID_ARGUMENT, "give the proposals as texts or as an agenda, not both")
    items = items or tuple(AgendaItem("", text) for text in texts)
    require(len(items) <= MAX_PROPOSALS, Common.INVALID_ARGUMENT,
            f"at most {MAX_PROPOSALS} proposals of at most {MAX_PROPOSAL_CHARS} characters")
    checked: list[AgendaItem] = []
    for place, item in enumerate(items, 1):
        text, proposal_id = item.text.strip(), item.proposal_id.strip() or str(place)
        board = item.board_recommendation.strip().lower() or "for"
        require(bool(text), Common.INVALID_ARGUMENT, "a proposal must not be empty")
        require(len(text) <= MAX_PROPOSAL_CHARS, Common.INVALID_ARGUMENT,
                f"at most {MAX_PROPOSALS} proposals of at most {MAX_PROPOSAL_CHARS} characters")
        require(len(proposal_id) <= MAX_PROPOSAL_ID and proposal_id.isprintable(), Common.INVALID_ARGUMENT,
                f"a proposal id is up to {MAX_PROPOSAL_ID} printable characters, got {proposal_id!r}",
                field="proposal_id")
        require(proposal_id not in {c.proposal_id for c in checked}, Common.INVALID_ARGUMENT,
                f"proposal id {proposal_id!r} is given twice", field="proposal_id")
        require(board in RECOMMENDATIONS, Common.INVALID_ARGUMENT,
                f"the board's recommendation is for or against, got {item.board_recommendation!r}",
                field="board_recommendation")
        checked.append(AgendaItem(proposal_id, text, item.routine, board))
    return tuple(checked)


def meeting_terms(today: date, symbol: str, record_date: str, meeting_date: str,
                  proposals: Iterable[str], agenda: Iterable[AgendaItem] = (), late: bool = False) -> Terms:
    """A shareholder meeting: the record date a session after today and at least 10 days after it unless
    `late` (`check_notice`), the meeting after the record date; its proposals as texts or as an agenda
    (`check_agenda`)."""
    check_symbol(symbol)
    recorded = parse_day(record_date, "record_date")
    check_session(recorded, "record_date", today)
    meeting = parse_day(meeting_date, "meeting_date")
    require(meeting > recorded, Common.INVALID_ARGUMENT,
            f"meeting_date {meeting} must be after the record date {recorded}", field="meeting_date")
    calendar.is_session(meeting)  # inside the calendar's window
    items = check_agenda(proposals, agenda)
    days = check_notice(today, recorded, "record_date", late)
    return Terms(MEETING, symbol, record_date=recorded.isoformat(), meeting_date=meeting.isoformat(),
                 proposals=tuple(i.text for i in items), agenda=items, late=days < NOTICE_DAYS, notice_days=days)


# --- arithmetic: the shared rules (`fivelayer.kernel.corporate_actions`), applied to DTC's books -------

@dataclass(frozen=True)
class Holding:
    participant: str
    settled: Decimal   # at the end of the record date
    pending: Decimal   # open CNS obligations due on or before it: + receive, - deliver

    @property
    def shares(self) -> Decimal:
        return self.settled + self.pending


def record_holdings(settled: Mapping[str, Decimal], pending: Mapping[str, Decimal]) -> list[Holding]:
    """Each participant's entitlement at the record date, where it has any, in participant order."""
    return [Holding(p, settled.get(p, ZERO), pending.get(p, ZERO)) for p in sorted(set(settled) | set(pending))
            if settled.get(p, ZERO) != 0 or pending.get(p, ZERO) != 0]


def split_quantity(quantity: Decimal, new_shares: int, old_shares: int) -> tuple[Decimal, Fraction]:
    """DTC holds no fraction: `kca.whole_shares` (cut toward zero, and the part cut off)."""
    return kca.whole_shares(quantity, new_shares, old_shares)


@dataclass(frozen=True)
class SplitLine:
    holder: str        # a ledger account: "p:<participant>" or CNS's in-transit account
    before: Decimal
    after: Decimal     # before x new/old, cut to whole shares
    cash: Decimal      # cash in lieu of the part cut off


def split_holdings(holdings: Mapping[str, Decimal], new_shares: int, old_shares: int,
                   close: Decimal | None) -> list[SplitLine]:
    """Each holding after the split in whole shares, with cash in lieu of the fraction (at `close`,
    the last close before the split; needed only when a fraction arises). Holdings are not negative."""
    lines = []
    for holder in sorted(holdings):
        before = holdings[holder]
        after, cut = split_quantity(before, new_shares, old_shares)
        cash = ZERO
        if cut:
            if close is None:
                raise ValueError(f"a split of {new_shares}:{old_shares} leaves {holder} a fraction: a close is needed")
            cash = cash_in_lieu(cut, close, new_shares, old_shares)
        lines.append(SplitLine(holder, before, after, cash))
    return lines


def needs_close(new_shares: int, old_shares: int) -> bool:
    """Whether a split can leave a fraction of a share (so cash in lieu, at a price)."""
    return new_shares % old_shares != 0


# --- schedule -------------------------------------------------------------------------------------

def instant(day: str, at: time) -> datetime:
    """`at` New York time on `day`, as a UTC instant."""
    return utc(datetime.combine(date.fromisoformat(day), at, tzinfo=calendar.NEW_YORK))


def steps(row: CorporateActionRow) -> list[tuple[datetime, str]]:
    """The steps an action still has to run, each at its instant."""
    if row.kind == SPLIT:
        return [(instant(row.effective_date, EFFECTIVE_AT), "split")] if row.status == ANNOUNCED else []
    recorded = instant(row.record_date, RECORD_AT)
    last = (max(instant(row.pay_date, PAY_AT), recorded), "pay") if row.kind == DIVIDEND else \
        (max(instant(row.meeting_date, MEETING_AT), recorded), "hold")
    redeem = [(instant(row.ex_date, DUE_BILL_AT), "redeem")] if row.kind == DIVIDEND and row.large_distribution \
        else []
    if row.status == ANNOUNCED:
        return [(recorded, "entitle"), last, *redeem]
    if row.status == ENTITLED:
        return [last, *redeem]
    return redeem if row.status == DUE_BILLS else []


def open_actions(session: Session) -> list[CorporateActionRow]:
    return list(session.exec(select(CorporateActionRow).where(col(CorporateActionRow.status).in_(
        [ANNOUNCED, ENTITLED, DUE_BILLS])).order_by(col(CorporateActionRow.action_id))))


def next_instant(session: Session, now: datetime) -> datetime | None:
    """The first step of any open action at or after `now`; None when there is none."""
    return min((t for row in open_actions(session) for t, _ in steps(row) if t >= now), default=None)


def due(session: Session, at: datetime) -> list[tuple[datetime, str, str]]:
    """(instant, action id, step) of every step due by `at`, in time order."""
    return sorted((t, row.action_id, step) for row in open_actions(session) for t, step in steps(row) if t <= at)


def symbols_to_price(session: Session, at: datetime) -> list[str]:
    """The symbols of splits due by `at` that may pay cash in lieu: price them before the unit of work."""
    rows = [session.get(CorporateActionRow, action_id) for _, action_id, step in due(session, at) if step == "split"]
    return sorted({r.symbol for r in rows if r is not None and needs_close(r.new_shares, r.old_shares)})


# --- the steps ------------------------------------------------------------------------------------

def announce(session: Session, at: datetime, terms: Terms) -> CorporateActionRow:
    require(registered(session, terms.symbol) > 0, Common.UNKNOWN_SYMBOL,
            f"{terms.symbol!r} is not held at the depository", symbol=terms.symbol)
    count = session.exec(select(func.count()).select_from(CorporateActionRow)).one()
    row = CorporateActionRow(
        action_id=f"ca-{count + 1:06d}", kind=terms.kind, symbol=terms.symbol, amount=terms.amount,
        new_shares=terms.new_shares, old_shares=terms.old_shares, ex_date=terms.ex_date,
        record_date=terms.record_date, pay_date=terms.pay_date, effective_date=terms.effective_date,
        meeting_date=terms.meeting_date, proposals=json.dumps([i.to_json() for i in terms.agenda]),
        status=ANNOUNCED, announced_at=at, late=terms.late, notice_days=terms.notice_days,
        last_close=terms.last_close, large_distribution=terms.large)
    session.add(row)
    emit(session, at, ev.CaAnnounced(
        action_id=row.action_id, kind=row.kind, symbol=row.symbol, amount=to_pb(row.amount),
        new_shares=row.new_shares, old_shares=row.old_shares, ex_date=row.ex_date, record_date=row.record_date,
        pay_date=row.pay_date, effective_date=row.effective_date, meeting_date=row.meeting_date,
        proposals=terms.proposals, agenda=[i.to_event() for i in terms.agenda], late=terms.late,
        notice_days=terms.notice_days, last_close=to_pb(terms.last_close) if terms.last_close is not None else None,
        large_distribution=terms.large))
    session.flush()
    return row


def entitlements_query(action_id: str = "", participant_id: str = "") -> SelectOfScalar[EntitlementRow]:
    """The entitlements of one action, of one participant, or (both empty) all of them, unordered."""
    query = select(EntitlementRow)
    if action_id:
        query = query.where(EntitlementRow.action_id == action_id)
    if participant_id:
        query = query.where(EntitlementRow.participant_id == participant_id)
    return query


def entitlements(session: Session, action_id: str = "", participant_id: str = "") -> list[EntitlementRow]:
    """Every entitlement of the filter, by action then participant (the bound: one per participant and action)."""
    return list(session.exec(entitlements_query(action_id, participant_id).order_by(
        col(EntitlementRow.action_id), col(EntitlementRow.participant_id))))


def holdings_at_record(session: Session, symbol: str, record_day: date) -> list[Holding]:
    """Settled positions now (the record date's end, after its CNS run) and the open CNS obligations
    due on or before the record date."""
    ledger = Ledger(session)
    participants = [p.participant_id for p in session.exec(select(ParticipantRow))]
    settled = {p: ledger.balance(account(p), symbol) for p in participants}
    pending: dict[str, Decimal] = defaultdict(Decimal)
    for position in project(session, record_day).positions:
        if position.symbol == symbol:
            pending[position.participant] += position.quantity
    return record_holdings(settled, pending)


def entitle(session: Session, row: CorporateActionRow, at: datetime) -> str:
    holdings = holdings_at_record(session, row.symbol, date.fromisoformat(row.record_date))
    for h in holdings:
        cash = dividend_cash(h.shares, row.amount) if row.kind == DIVIDEND else ZERO
        session.add(EntitlementRow(action_id=row.action_id, participant_id=h.participant, symbol=row.symbol,
                                   settled=h.settled, pending=h.pending, shares=h.shares, cash=cash))
    row.status = ENTITLED
    session.add(row)
    total = sum((h.shares for h in holdings), ZERO)
    cash_total = sum((dividend_cash(h.shares, row.amount) for h in holdings), ZERO) if row.kind == DIVIDEND else ZERO
    emit(session, at, ev.CaEntitled(
        action_id=row.action_id, kind=row.kind, symbol=row.symbol, record_date=row.record_date, shares=to_pb(total),
        cash=to_pb(cash_total),
        entitlements=[ev.CaEntitled.Entitlement(participant=h.participant, settled=to_pb(h.settled),
                                                pending=to_pb(h.pending), shares=to_pb(h.shares)) for h in holdings]))
    return f"{row.action_id} {row.kind} {row.symbol}: {len(holdings)} entitlements, {total} shares"


def pay(session: Session, row: CorporateActionRow, at: datetime) -> str:
    ledger = Ledger(session)
    agent = paying_agent(row.symbol)
    paid = [e for e in entitlements(session, row.action_id) if not e.paid]
    for e in paid:
        if e.cash > 0:
            ledger.transfer(agent, account(e.participant_id), "USD", e.cash, at=at, transfer_id=f"{row.action_id}:pay",
                            memo=f"dividend {row.symbol} {row.amount} x {e.shares}")
        elif e.cash < 0:
            ledger.transfer(account(e.participant_id), agent, "USD", -e.cash, at=at,
                            transfer_id=f"{row.action_id}:pay", memo="dividend charged on a fail to deliver")
        e.paid, e.paid_at = True, at
        session.add(e)
    row.status = DUE_BILLS if row.large_distribution else PAID
    session.add(row)
    total = sum((e.cash for e in paid), ZERO)
    emit(session, at, ev.CaPaid(
        action_id=row.action_id, symbol=row.symbol, pay_date=row.pay_date, amount=to_pb(row.amount), cash=to_pb(total),
        payments=[ev.CaPaid.Payment(participant=e.participant_id, shares=to_pb(e.shares), cash=to_pb(e.cash))
                  for e in paid]))
    return f"{row.action_id} dividend {row.symbol}: paid {total} USD to {len(paid)} participants"


def due_bill_trades(session: Session, row: CorporateActionRow) -> list[TradeRow]:
    """The trades in the symbol that carry a due bill of a large distribution (`ExDate.carries_due_bill`)."""
    rule = ExDate(date.fromisoformat(row.record_date), date.fromisoformat(row.pay_date),
                  date.fromisoformat(row.ex_date), row.large_distribution)
    trades = session.exec(select(TradeRow).where(TradeRow.symbol == row.symbol,
                                                 col(TradeRow.settlement_date) > row.record_date,
                                                 col(TradeRow.trade_date) < row.ex_date)
                          .order_by(col(TradeRow.trade_id)))
    return [t for t in trades if rule.carries_due_bill(date.fromisoformat(t.trade_date),
                                                       date.fromisoformat(t.settlement_date))]


def redeem_due_bills(session: Session, row: CorporateActionRow, at: datetime) -> str:
    """On a large distribution's ex date: each due bill moves the dividend on its trade from the seller's
    cash to the buyer's (FINRA Rule 11140), and each participant's entitlement shows its due bills."""
    ledger = Ledger(session)
    net_shares: dict[str, Decimal] = defaultdict(Decimal)
    net_cash: dict[str, Decimal] = defaultdict(Decimal)
    bills = []
    for trade in due_bill_trades(session, row):
        cash = due_bill(trade.quantity, row.amount)
        if cash > 0:
            ledger.transfer(account(trade.seller), account(trade.buyer), "USD", cash, at=at,
                            transfer_id=f"{row.action_id}:due-bill:{trade.trade_id}",
                            memo=f"due bill {row.symbol} {row.amount} x {trade.quantity}")
        bill = DueBillRow(action_id=row.action_id, trade_id=trade.trade_id, trade_ref=trade.trade_ref,
                          symbol=row.symbol, seller=trade.seller, buyer=trade.buyer, shares=trade.quantity, cash=cash,
                          trade_date=trade.trade_date, settlement_date=trade.settlement_date, redeemed_at=at)
        session.add(bill)
        bills.append(bill)
        net_shares[trade.buyer] += trade.quantity
        net_shares[trade.seller] -= trade.quantity
        net_cash[trade.buyer] += cash
        net_cash[trade.seller] -= cash
    held = {e.participant_id: e for e in entitlements(session, row.action_id)}
    for participant in sorted(net_shares):
        e = held.get(participant) or EntitlementRow(
            action_id=row.action_id, participant_id=participant, symbol=row.symbol, settled=ZERO, pending=ZERO,
            shares=ZERO, cash=ZERO, paid=True, paid_at=at)
        e.due_bill_shares += net_shares[participant]
        e.due_bill_cash += net_cash[participant]
        session.add(e)
    row.status = PAID
    session.add(row)
    total = sum((b.cash for b in bills), ZERO)
    emit(session, at, ev.CaDueBillsRedeemed(
        action_id=row.action_id, symbol=row.symbol, amount=to_pb(row.amount), record_date=row.record_date,
        ex_date=row.ex_date, rule="FINRA Rule 11140", cash=to_pb(total),
        due_bills=[ev.CaDueBillsRedeemed.DueBill(trade_id=b.trade_id, trade_ref=b.trade_ref, seller=b.seller,
                                                 buyer=b.buyer, shares=to_pb(b.shares), cash=to_pb(b.cash),
                                                 trade_date=b.trade_date) for b in bills]))
    return f"{row.action_id} dividend {row.symbol}: {len(bills)} due bills, {total} USD from sellers to buyers"


def due_bills(session: Session, action_id: str) -> list[DueBillRow]:
    return list(session.exec(select(DueBillRow).where(DueBillRow.action_id == action_id)
                             .order_by(col(DueBillRow.trade_id))))


def hold(session: Session, row: CorporateActionRow, at: datetime) -> str:
    row.status = HELD
    session.add(row)
    emit(session, at, ev.CaHeld(action_id=row.action_id, symbol=row.symbol, meeting_date=row.meeting_date))
    return f"{row.action_id} meeting {row.symbol} held"


def split(session: Session, row: CorporateActionRow, at: datetime, close: Decimal | None) -> str:
    new, old, symbol = row.new_shares, row.old_shares, row.symbol
    ledger = Ledger(session)
    holdings = {acct: amount for (acct, asset), amount in ledger.balances().items()
                if asset == symbol and not is_external(acct)}
    lines = split_holdings(holdings, new, old, close)
    moves = [(line.holder, symbol, line.after - line.before) for line in lines if line.after != line.before]
    if moves:
        ledger.post([*moves, (REGISTER, symbol, -sum((m[2] for m in moves), ZERO))], at=at,
                    transfer_id=f"{row.action_id}:split", memo=f"split {new}:{old}")
    cash = [(line.holder, "USD", line.cash) for line in lines if line.cash > 0]
    if cash:
        ledger.post([*cash, (paying_agent(symbol), "USD", -sum((c[2] for c in cash), ZERO))], at=at,
                    transfer_id=f"{row.action_id}:cash-in-lieu", memo=f"cash in lieu at {close}")
    for line in lines:
        if line.holder.startswith("p:"):
            session.add(EntitlementRow(action_id=row.action_id, participant_id=line.holder.removeprefix("p:"),
                                       symbol=symbol, settled=line.before, pending=ZERO, shares=line.after,
                                       cash=line.cash, paid=True, paid_at=at))
    trades = list(session.exec(select(TradeRow).where(TradeRow.status == TradeStatus.CAPTURED,
                                                      TradeRow.symbol == symbol)))
    for trade in trades:
        trade.quantity = split_quantity(trade.quantity, new, old)[0]
        trade.price = split_price(trade.price, new, old)
        session.add(trade)
    fails = list(session.exec(select(OpenFail).where(OpenFail.symbol == symbol)))
    for fail in fails:
        fail.quantity = split_quantity(fail.quantity, new, old)[0]
        if fail.quantity != 0:
            session.add(fail)
        else:
            session.delete(fail)
    row.status = EFFECTIVE
    session.add(row)
    emit(session, at, ev.CaSplitApplied(
        action_id=row.action_id, symbol=symbol, new_shares=new, old_shares=old, effective_date=row.effective_date,
        close=to_pb(close) if close is not None else None, registered=to_pb(registered(session, symbol)),
        open_trades=len(trades), open_fails=len(fails),
        holdings=[ev.CaSplitApplied.Holding(holder=line.holder, before=to_pb(line.before), after=to_pb(line.after),
                                            cash_in_lieu=to_pb(line.cash)) for line in lines]))
    return f"{row.action_id} split {symbol} {new}:{old}: {len(lines)} holdings, {len(trades)} open trades"


def run_due(session: Session, at: datetime, closes: Mapping[str, Decimal]) -> list[str]:
    """Run every step due by `at`, in time order; `closes` are the last closes of the symbols
    `symbols_to_price` named."""
    outcomes = []
    for _, action_id, step in due(session, at):
        row = session.get(CorporateActionRow, action_id)
        assert row is not None
        if step == "entitle":
            outcomes.append(entitle(session, row, at))
        elif step == "pay":
            outcomes.append(pay(session, row, at))
        elif step == "hold":
            outcomes.append(hold(session, row, at))
        elif step == "redeem":
            outcomes.append(redeem_due_bills(session, row, at))
        else:
            outcomes.append(split(session, row, at, closes.get(row.symbol)))
    session.flush()
    return outcomes
