"""Proxy voting in street name: the rules, pure (`proxy_voting` applies them to the broker's books).

DTC is the holder of record (Cede & Co) and passes the votes of its participants' shares to them by an
omnibus proxy; the broker, which alone knows the beneficial owners, sends each customer holding the
symbol at the record date a voting instruction form (VIF) and votes as it is told (SEC Rule 14b-1;
in practice through a processor such as Broadridge). The rules here:

- Whole shares only. A position of 10.6 shares votes 10; the 0.6 is shown, never voted (the broker's
  fractions are on its own books, not DTC's: a corporation counts whole shares).
- Instructions: for, against or abstain, per proposal, until the cutoff, 23:59 New York time on the
  calendar day before the meeting (a processor's usual deadline); another instruction before then
  replaces the first. At the cutoff the broker casts every form at once.
- Instructed shares are voted as told.
- Uninstructed shares (NYSE Rule 452): on a routine proposal (ratifying the auditor, the usual one)
  the broker votes them, with the board's recommendation; on a non-routine one (director elections
  since 2010, say-on-pay and other compensation matters under Dodd-Frank s. 957, mergers, contested
  matters, most shareholder proposals) it may not: a broker non-vote.
  Why with the board: it is what Rule 452's discretionary vote has meant in practice for most
  brokers, it is defined when no owner instructed anyone (proportional voting, which some brokers
  use instead, voting uninstructed shares in the proportions of the instructed ones, is not: a
  meeting with no instructions has no proportions), and a reader can check it against the board's
  recommendation in the tally without rounding.
- An owner's standing instruction not to vote (the issuer SPV, whose products' terms give token
  holders no vote) leaves its uninstructed shares not voted, routine or not; a form it does instruct
  is voted as told.

The tally per proposal adds each share's fate: for, against, abstain (instructed and broker votes),
broker non-votes, not voted, and fractions; they sum to the shares entitled at the record date.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from fivelayer.broker import reasons
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import ZERO
from fivelayer.kernel.timeutil import utc

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
CHOICES = (FOR, AGAINST, ABSTAIN)
RECOMMENDATIONS = (FOR, AGAINST)
INSTRUCTED, BROKER_VOTE, BROKER_NON_VOTE, NOT_VOTED, FRACTION = (
    "instructed", "broker vote", "broker non-vote", "not voted", "fraction")
BROKER_VOTE_METHOD = "with the board's recommendation"
CUTOFF_AT = time(23, 59)      # New York time, on the calendar day before the meeting


class MeetingStatus(StrEnum):
    """A meeting's status (broker.proto `MeetingStatus`); the values are what rows store and the Broker API shows."""
    OPEN = "open"
    CAST = "cast"


OPEN, CAST = MeetingStatus.OPEN, MeetingStatus.CAST


@dataclass(frozen=True)
class Proposal:
    """One item of a meeting's agenda, as the depository announced it."""

    proposal_id: str
    text: str
    routine: bool = False
    board: str = FOR              # the board's recommendation: for or against

    def to_json(self) -> dict[str, object]:
        return {"proposal_id": self.proposal_id, "text": self.text, "routine": self.routine,
                "board_recommendation": self.board}


def agenda_of(texts: Iterable[str], agenda: Sequence[Proposal] = ()) -> tuple[Proposal, ...]:
    """The agenda; without one (only texts), each text numbered in order, non-routine, the board For."""
    return tuple(agenda) if agenda else tuple(Proposal(str(place), text) for place, text in enumerate(texts, 1))


def dump_agenda(agenda: Iterable[Proposal]) -> str:
    return json.dumps([p.to_json() for p in agenda])


def load_agenda(stored: str) -> tuple[Proposal, ...]:
    return tuple(Proposal(str(p["proposal_id"]), str(p["text"]), bool(p["routine"]), str(p["board_recommendation"]))
                 for p in json.loads(stored or "[]"))


def cutoff(meeting_date: date) -> datetime:
    """The last instant instructions are taken: 23:59 New York time the day before the meeting."""
    return utc(datetime.combine(meeting_date - timedelta(days=1), CUTOFF_AT, tzinfo=calendar.NEW_YORK))


def votes(shares: Decimal) -> Decimal:
    """The shares that vote: the whole part of a position (none of a negative one)."""
    return Decimal(math.floor(shares)) if shares > 0 else ZERO


# --- checking an instruction ---------------------------------------------------------------------

def parse_choice(raw: str) -> str:
    choice = raw.strip().lower()
    require(choice in CHOICES, reasons.Broker.INVALID_VOTE_CHOICE,
            f"an instruction is for, against or abstain, got {raw!r}", field="choice")
    return choice


def proposal(agenda: Sequence[Proposal], proposal_id: str) -> Proposal:
    found = next((p for p in agenda if p.proposal_id == proposal_id.strip()), None)
    if found is None:
        raise DomainError(reasons.Broker.UNKNOWN_PROPOSAL, f"no proposal {proposal_id!r} on the agenda; it has "
                          f"{', '.join(p.proposal_id for p in agenda) or 'none'}", proposal_id=proposal_id)
    return found


def check_open(form_id: str, status: str, closes: datetime, now: datetime) -> None:
    require(status == OPEN and now < closes, reasons.Broker.VOTING_CLOSED,
            f"voting on {form_id} closed at {closes.isoformat()} (23:59 New York time the day before the meeting): "
            "the broker has cast its votes", form_id=form_id)


def check_votes(form_id: str, symbol: str, shares: Decimal) -> None:
    require(votes(shares) > 0, reasons.Broker.NO_SHARES_TO_VOTE,
            f"{form_id}: {shares} {symbol} at the record date; only whole shares vote", form_id=form_id)


# --- casting ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ballot:
    """One form as the broker casts it."""

    form_id: str
    account_id: str
    shares: Decimal                                # the position at the record date
    instructions: Mapping[str, str]                # proposal id -> for / against / abstain
    do_not_vote: bool = False                      # the owner's standing instruction
    reason: str = ""                               # and why (the SPV: its product's voting clause)


@dataclass(frozen=True)
class Line:
    """One form's shares on one proposal and what became of them."""

    form_id: str
    account_id: str
    proposal_id: str
    shares: Decimal
    vote: str            # for, against, abstain; "" not voted
    how: str             # instructed, broker vote, broker non-vote, not voted, fraction
    detail: str


def fate(p: Proposal, ballot: Ballot) -> tuple[str, str, str]:
    """What becomes of the form's whole shares on one proposal: (vote, how, detail)."""
    choice = ballot.instructions.get(p.proposal_id, "")
    if choice:
        return choice, INSTRUCTED, f"voted {choice} as the owner instructed"
    if ballot.do_not_vote:
        because = f" ({ballot.reason})" if ballot.reason else ""
        return "", NOT_VOTED, f"uninstructed; the owner's standing instruction: do not vote{because}"
    if p.routine:
        return p.board, BROKER_VOTE, (f"uninstructed, routine (NYSE Rule 452): the broker voted {p.board}, "
                                      f"{BROKER_VOTE_METHOD}")
    return "", BROKER_NON_VOTE, "uninstructed, not routine (NYSE Rule 452): the broker may not vote"


def cast(agenda: Sequence[Proposal], ballot: Ballot) -> list[Line]:
    """Each proposal's line for the form's whole shares, and one for its fraction (never voted)."""
    whole = votes(ballot.shares)
    fraction = ballot.shares - whole if ballot.shares > 0 else ZERO
    lines = []
    for p in agenda:
        if whole > 0:
            lines.append(Line(ballot.form_id, ballot.account_id, p.proposal_id, whole, *fate(p, ballot)))
        if fraction > 0:
            lines.append(Line(ballot.form_id, ballot.account_id, p.proposal_id, fraction, "", FRACTION,
                              f"{fraction} of a share: only whole shares vote"))
    return lines


@dataclass(frozen=True)
class Tally:
    """Where one proposal's shares went."""

    proposal: Proposal
    votes_for: Decimal = ZERO
    votes_against: Decimal = ZERO
    abstentions: Decimal = ZERO
    instructed: Decimal = ZERO
    broker_votes: Decimal = ZERO
    broker_non_votes: Decimal = ZERO
    not_voted: Decimal = ZERO
    fractions: Decimal = ZERO

    @property
    def entitled(self) -> Decimal:
        return (self.votes_for + self.votes_against + self.abstentions + self.broker_non_votes + self.not_voted
                + self.fractions)


def tally(agenda: Sequence[Proposal], lines: Iterable[Line]) -> list[Tally]:
    """Per proposal, in agenda order: the lines added by what became of them."""
    sums: dict[str, dict[str, Decimal]] = {p.proposal_id: {} for p in agenda}
    for line in lines:
        bucket = sums[line.proposal_id]
        for key in ((f"vote:{line.vote}",) if line.vote else ()) + (line.how,):
            bucket[key] = bucket.get(key, ZERO) + line.shares
    return [Tally(p, *(sums[p.proposal_id].get(k, ZERO) for k in (
        f"vote:{FOR}", f"vote:{AGAINST}", f"vote:{ABSTAIN}", INSTRUCTED, BROKER_VOTE, BROKER_NON_VOTE, NOT_VOTED,
        FRACTION))) for p in agenda]
