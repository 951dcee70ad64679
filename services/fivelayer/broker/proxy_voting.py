"""Proxy voting at the broker: the forms it sends with a meeting's notices, its customers'
instructions, standing instructions, the votes it casts at the cutoff, and the tally. The rules are
`voting`'s (pure); this module applies them to the broker's records, one unit of work at a time.

- Forms: when the meeting notices go out (17:30 ET on the record date, `corporate_actions`), each
  customer holding the symbol at the record date gets a form (`vif-000001`) for its position then.
- Instructions (`InstructVote`, the Broker API's voting_instruction_forms, `fivelayer broker vote`):
  one per proposal, the last one before the cutoff counts. A refusal changes nothing.
- Standing instructions (`SetStandingVotingInstruction`): an owner that never votes (the issuer SPV,
  under its products' terms) says so once per symbol.
- The cast (job `proxy-votes`, at each meeting's cutoff, 23:59 New York time the day before it):
  every form's lines are computed and kept (`VoteRow`), the meeting is "cast", and one `votes.cast`
  event carries the tally. Before the cutoff the tally is provisional: what would be cast now.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.broker import accounts, reasons, voting
from fivelayer.broker.models import ProxyMeetingRow, StandingVotingRow, VoteRow, VotingFormRow, VotingInstructionRow
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import ZERO, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS
from fivelayer.kernel.timeutil import to_ts, utc
from fivelayer.v1 import events_pb2 as ev

MAX_FORMS = 1000
MAX_SYMBOLS, MAX_REASON = 50, 500


@dataclass(frozen=True)
class Holder:
    account_id: str
    shares: Decimal
    notice_id: str = ""


def open_forms(session: Session, at: datetime, action_id: str, symbol: str, record_date: str, meeting_date: str,
               agenda: tuple[voting.Proposal, ...], holders: list[Holder]) -> list[VotingFormRow]:
    """The meeting and a form for each holder at the record date, once."""
    if session.get(ProxyMeetingRow, action_id) is not None:
        return forms(session, action_id=action_id)
    session.add(ProxyMeetingRow(action_id=action_id, symbol=symbol, record_date=record_date, meeting_date=meeting_date,
                                cutoff=voting.cutoff(date.fromisoformat(meeting_date)),
                                agenda=voting.dump_agenda(agenda), opened_at=at))
    count = session.exec(select(func.count()).select_from(VotingFormRow)).one()
    rows = []
    for number, holder in enumerate(holders, count + 1):
        form_id = f"vif-{number:06d}"
        rows.append(VotingFormRow(form_id=form_id, external_id=accounts.external_id(form_id), action_id=action_id,
                                  account_id=holder.account_id, notice_id=holder.notice_id, symbol=symbol,
                                  shares=holder.shares, created_at=at))
    session.add_all(rows)
    session.flush()
    return rows


def meeting(session: Session, action_id: str) -> ProxyMeetingRow:
    row = session.get(ProxyMeetingRow, action_id)
    if row is None:
        raise DomainError(reasons.Broker.UNKNOWN_MEETING, f"no meeting {action_id!r} with voting instruction forms: "
                          "forms go out with the notices, at 17:30 New York time on the record date",
                          action_id=action_id)
    return row


def forms(session: Session, account_id: str = "", action_id: str = "") -> list[VotingFormRow]:
    """Forms, oldest first: of one account (or all), of one meeting (or all)."""
    query = forms_query(session, account_id, action_id)
    return list(session.exec(query.order_by(col(VotingFormRow.form_id)).limit(MAX_FORMS)))


def forms_query(session: Session, account_id: str = "", action_id: str = "") -> SelectOfScalar[VotingFormRow]:
    """The forms of the filter (its account checked), unordered: a caller pages them."""
    if account_id:
        accounts.get(session, account_id)
    query = select(VotingFormRow)
    if account_id:
        query = query.where(VotingFormRow.account_id == account_id)
    if action_id:
        query = query.where(VotingFormRow.action_id == action_id)
    return query


def form_of(session: Session, account_id: str, form_id: str = "", action_id: str = "") -> VotingFormRow:
    """The account's form: by its id (or its id on the Broker API face), or by the meeting's action id."""
    accounts.get(session, account_id)
    require(bool(form_id or action_id), Common.INVALID_ARGUMENT, "name the form (form_id) or the meeting (action_id)")
    if form_id:
        row = session.get(VotingFormRow, form_id) or session.exec(
            select(VotingFormRow).where(VotingFormRow.external_id == form_id)).first()
        if row is None or row.account_id != account_id:
            raise DomainError(reasons.Broker.VOTING_FORM_NOT_FOUND, f"account {account_id} has no voting instruction "
                              f"form {form_id!r}", form_id=form_id)
        return row
    row = session.exec(select(VotingFormRow).where(VotingFormRow.account_id == account_id,
                                                   VotingFormRow.action_id == action_id)).first()
    if row is None:
        meeting(session, action_id)
        raise DomainError(reasons.Broker.VOTING_FORM_NOT_FOUND, f"account {account_id} held no shares at the record "
                          f"date of {action_id}: it has no voting instruction form for it", action_id=action_id)
    return row


def instruct(session: Session, now: datetime, account_id: str, proposal_id: str, raw_choice: str, *,
             form_id: str = "", action_id: str = "") -> VotingFormRow:
    """Record the owner's instruction on one proposal (replacing an earlier one), before the cutoff."""
    form = form_of(session, account_id, form_id, action_id)
    held = meeting(session, form.action_id)
    item = voting.proposal(voting.load_agenda(held.agenda), proposal_id)
    choice = voting.parse_choice(raw_choice)
    voting.check_votes(form.form_id, form.symbol, form.shares)
    voting.check_open(form.form_id, held.status, utc(held.cutoff), now)
    row = session.get(VotingInstructionRow, (form.form_id, item.proposal_id)) or \
        VotingInstructionRow(form_id=form.form_id, proposal_id=item.proposal_id, choice=choice, at=now)
    row.choice, row.at = choice, now
    session.add(row)
    emit(session, now, ev.VoteInstructed(form_id=form.form_id, action_id=form.action_id, account_id=account_id,
                                         symbol=form.symbol, proposal_id=item.proposal_id, choice=choice,
                                         votes=to_pb(voting.votes(form.shares))))
    return form


def set_standing(session: Session, now: datetime, account_id: str, symbols: list[str], do_not_vote: bool,
                 reason: str) -> list[StandingVotingRow]:
    """The owner's standing instruction for each of `symbols` (one event for them all)."""
    accounts.get(session, account_id)
    wanted = sorted({s.strip() for s in symbols})
    require(0 < len(wanted) <= MAX_SYMBOLS, Common.INVALID_ARGUMENT,
            f"give 1 to {MAX_SYMBOLS} symbols, got {len(wanted)}")
    for symbol in wanted:
        require(symbol in LISTINGS, Common.UNKNOWN_SYMBOL, f"{symbol!r} is not a listed symbol", symbol=symbol)
    rows = []
    for symbol in wanted:
        row = session.get(StandingVotingRow, (account_id, symbol)) or \
            StandingVotingRow(account_id=account_id, symbol=symbol, at=now)
        row.do_not_vote, row.reason, row.at = do_not_vote, reason.strip()[:MAX_REASON], now
        session.add(row)
        rows.append(row)
    emit(session, now, ev.VoteStandingInstruction(account_id=account_id, symbols=wanted, do_not_vote=do_not_vote,
                                                  reason=reason.strip()[:MAX_REASON]))
    return rows


def standing(session: Session, account_id: str, symbol: str) -> StandingVotingRow | None:
    row = session.get(StandingVotingRow, (account_id, symbol))
    return row if row is not None and row.do_not_vote else None


def instructions(session: Session, form_id: str) -> dict[str, VotingInstructionRow]:
    return {r.proposal_id: r for r in session.exec(select(VotingInstructionRow).where(
        VotingInstructionRow.form_id == form_id))}


def ballot(session: Session, form: VotingFormRow) -> voting.Ballot:
    stand = standing(session, form.account_id, form.symbol)
    return voting.Ballot(form.form_id, form.account_id, form.shares,
                         {p: r.choice for p, r in instructions(session, form.form_id).items()},
                         do_not_vote=stand is not None, reason=stand.reason if stand else "")


def lines(session: Session, held: ProxyMeetingRow) -> list[voting.Line]:
    """What was cast (once the meeting is cast), else what would be cast now."""
    agenda = voting.load_agenda(held.agenda)
    if held.status == voting.CAST:
        rows = session.exec(select(VoteRow).where(VoteRow.action_id == held.action_id))
        cast = [voting.Line(r.form_id, r.account_id, r.proposal_id, r.shares, r.vote, r.how, r.detail) for r in rows]
        order = {p.proposal_id: n for n, p in enumerate(agenda)}
        return sorted(cast, key=lambda v: (v.form_id, order.get(v.proposal_id, 0), v.how == voting.FRACTION))
    return [line for form in forms(session, action_id=held.action_id)
            for line in voting.cast(agenda, ballot(session, form))]


# --- the cast at the cutoff ---------------------------------------------------------------------

def next_cutoff(session: Session, after: datetime) -> datetime | None:
    """The next cutoff of a meeting not yet cast (at once if one is overdue); None when none is open."""
    first = session.exec(select(func.min(ProxyMeetingRow.cutoff)).where(ProxyMeetingRow.status == voting.OPEN)).one()
    return None if first is None else max(utc(first), after)


def cast_due(session: Session, at: datetime) -> list[str]:
    """Cast every open meeting whose cutoff has come: keep each form's lines, close the meeting."""
    done = []
    for held in session.exec(select(ProxyMeetingRow).where(ProxyMeetingRow.status == voting.OPEN,
                                                           col(ProxyMeetingRow.cutoff) <= at)
                             .order_by(col(ProxyMeetingRow.action_id))).all():
        cast = lines(session, held)
        for line in cast:
            session.add(VoteRow(form_id=line.form_id, proposal_id=line.proposal_id, how=line.how,
                                action_id=held.action_id, account_id=line.account_id, shares=line.shares,
                                vote=line.vote, detail=line.detail, at=at))
        held.status, held.cast_at = voting.CAST, at
        session.add(held)
        agenda = voting.load_agenda(held.agenda)
        tallies = voting.tally(agenda, cast)
        emit(session, at, ev.VotesCast(action_id=held.action_id, symbol=held.symbol, meeting_date=held.meeting_date,
                                       cutoff=to_ts(utc(held.cutoff)), method=voting.BROKER_VOTE_METHOD,
                                       forms=len({line.form_id for line in cast}),
                                       proposals=[tally_event(t) for t in tallies]))
        done.append(f"{held.action_id} {held.symbol}: " + "; ".join(
            f"{t.proposal.proposal_id} for {t.votes_for} against {t.votes_against} abstain {t.abstentions} "
            f"non-votes {t.broker_non_votes} not voted {t.not_voted}" for t in tallies))
    session.flush()
    return done


def tally_event(t: voting.Tally) -> ev.Tally:
    return ev.Tally(proposal_id=t.proposal.proposal_id, routine=t.proposal.routine, board=t.proposal.board,
                    against=to_pb(t.votes_against), abstain=to_pb(t.abstentions), instructed=to_pb(t.instructed),
                    broker_votes=to_pb(t.broker_votes), broker_non_votes=to_pb(t.broker_non_votes),
                    not_voted=to_pb(t.not_voted), fractions=to_pb(t.fractions), entitled=to_pb(t.entitled),
                    **{"for": to_pb(t.votes_for)})


# --- views ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormView:
    """A form with its meeting, the owner's instructions, its standing instruction and, once cast, its votes."""

    form: VotingFormRow
    meeting: ProxyMeetingRow
    agenda: tuple[voting.Proposal, ...]
    instructions: dict[str, VotingInstructionRow]
    do_not_vote: bool
    cast: dict[str, VoteRow] = field(default_factory=dict)   # proposal id -> the whole shares' line

    @property
    def votes(self) -> Decimal:
        return voting.votes(self.form.shares)

    @property
    def status(self) -> str:
        return self.meeting.status


def view(session: Session, form: VotingFormRow) -> FormView:
    held = meeting(session, form.action_id)
    cast = {r.proposal_id: r for r in session.exec(select(VoteRow).where(VoteRow.form_id == form.form_id))
            if r.how != voting.FRACTION}
    return FormView(form, held, voting.load_agenda(held.agenda), instructions(session, form.form_id),
                    standing(session, form.account_id, form.symbol) is not None, cast)


@dataclass(frozen=True)
class TallyView:
    meeting: ProxyMeetingRow
    tallies: list[voting.Tally]
    lines: list[voting.Line]

    @property
    def entitled(self) -> Decimal:
        return max((t.entitled for t in self.tallies), default=ZERO)


def tally_of(session: Session, action_id: str, account_ids: set[str] | None = None) -> TallyView:
    """The meeting's tally over every form; `account_ids` limits the lines shown (not the totals)."""
    held = meeting(session, action_id)
    every = lines(session, held)
    shown = every if account_ids is None else [line for line in every if line.account_id in account_ids]
    return TallyView(held, voting.tally(voting.load_agenda(held.agenda), every), shown)
