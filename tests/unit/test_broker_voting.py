"""Proxy voting in street name at the broker: whole shares only; instructed shares voted as told;
uninstructed shares voted with the board on routine proposals only (NYSE Rule 452), a broker
non-vote otherwise; an owner's standing instruction not to vote; instructions until 23:59 New York
time the day before the meeting, then the broker casts at that cutoff; a tally that adds up; bad
instructions refused with their reason, changing nothing."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import accounts, proxy_voting, voting
from fivelayer.broker import corporate_actions as ca
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.models import OrderRow, VotingInstructionRow
from fivelayer.broker.service import BrokerServicer
from fivelayer.broker.voting import (
    ABSTAIN,
    AGAINST,
    BROKER_NON_VOTE,
    BROKER_VOTE,
    FOR,
    FRACTION,
    INSTRUCTED,
    NOT_VOTED,
    Ballot,
    Proposal,
)
from fivelayer.kernel import calendar
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.outbox import OutboxEvent, fields
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2, statuses_pb2
from sqlmodel import select

D = Decimal
AUDITOR = Proposal("1", "Ratify the auditor", routine=True)
DIRECTORS = Proposal("2", "Elect the directors")
HOLDER_PROPOSAL = Proposal("3", "A shareholder proposal on lobbying", board=AGAINST)
AGENDA = (AUDITOR, DIRECTORS, HOLDER_PROPOSAL)


def fates(lines: Sequence[voting.Line]) -> list[tuple[str, Decimal, str, str]]:
    return [(line.proposal_id, line.shares, line.vote, line.how) for line in lines]


# --- the rules, pure -------------------------------------------------------------------------------

def test_only_whole_shares_vote_and_the_fraction_is_shown_not_voted() -> None:
    assert [voting.votes(D(s)) for s in ("10.6", "0.999999999", "3", "0", "-2")] == [10, 0, 3, 0, 0]
    lines = voting.cast((AUDITOR,), Ballot("vif-1", "acct-1", D("10.6"), {"1": AGAINST}))
    assert fates(lines) == [("1", D(10), AGAINST, INSTRUCTED), ("1", D("0.6"), "", FRACTION)]
    lines = voting.cast((AUDITOR,), Ballot("vif-2", "acct-2", D("0.4"), {}))
    assert fates(lines) == [("1", D("0.4"), "", FRACTION)]   # less than a share: no vote at all


def test_instructed_shares_are_voted_as_told_on_any_proposal() -> None:
    lines = voting.cast(AGENDA, Ballot("vif-1", "acct-1", D(7), {"1": AGAINST, "2": ABSTAIN, "3": FOR}))
    assert fates(lines) == [("1", D(7), AGAINST, INSTRUCTED), ("2", D(7), ABSTAIN, INSTRUCTED),
                            ("3", D(7), FOR, INSTRUCTED)]


def test_uninstructed_shares_are_voted_with_the_board_on_routine_proposals_only() -> None:
    lines = voting.cast(AGENDA, Ballot("vif-1", "acct-1", D(5), {}))
    assert fates(lines) == [("1", D(5), FOR, BROKER_VOTE),          # routine: with the board
                            ("2", D(5), "", BROKER_NON_VOTE),       # director elections: not routine
                            ("3", D(5), "", BROKER_NON_VOTE)]
    against = Proposal("9", "Routine, the board against", routine=True, board=AGAINST)
    [line] = voting.cast((against,), Ballot("vif-2", "acct-2", D(2), {}))
    assert (line.vote, line.how) == (AGAINST, BROKER_VOTE) and "NYSE Rule 452" in line.detail


def test_a_standing_instruction_not_to_vote_leaves_uninstructed_shares_unvoted_even_routine() -> None:
    ballot = Ballot("vif-1", "acct-spv", D("20.5"), {"2": FOR}, do_not_vote=True, reason="voting = none")
    lines = voting.cast(AGENDA, ballot)
    assert fates(lines) == [("1", D(20), "", NOT_VOTED), ("1", D("0.5"), "", FRACTION),
                            ("2", D(20), FOR, INSTRUCTED), ("2", D("0.5"), "", FRACTION),
                            ("3", D(20), "", NOT_VOTED), ("3", D("0.5"), "", FRACTION)]
    assert "voting = none" in lines[0].detail


def test_the_cutoff_is_2359_new_york_the_day_before_the_meeting() -> None:
    assert voting.cutoff(date(2026, 12, 15)) == datetime(2026, 12, 15, 4, 59, tzinfo=UTC)   # EST: UTC-5
    assert voting.cutoff(date(2026, 7, 1)) == datetime(2026, 7, 1, 3, 59, tzinfo=UTC)       # EDT: UTC-4
    closes = voting.cutoff(date(2026, 12, 15))
    voting.check_open("vif-1", voting.OPEN, closes, closes - timedelta(microseconds=1))
    for now, status in ((closes, voting.OPEN), (closes + timedelta(days=1), voting.OPEN),
                        (closes - timedelta(hours=1), voting.CAST)):
        with pytest.raises(DomainError) as closed:
            voting.check_open("vif-1", status, closes, now)
        assert closed.value.reason == "VOTING_CLOSED"


def test_choices_and_proposals_are_checked() -> None:
    assert [voting.parse_choice(c) for c in ("For", " against ", "ABSTAIN")] == [FOR, AGAINST, ABSTAIN]
    for bad in ("yes", "", "withhold"):
        with pytest.raises(DomainError) as refused:
            voting.parse_choice(bad)
        assert refused.value.reason == "INVALID_VOTE_CHOICE"
    assert voting.proposal(AGENDA, "2") == DIRECTORS
    with pytest.raises(DomainError) as unknown:
        voting.proposal(AGENDA, "4")
    assert unknown.value.reason == "UNKNOWN_PROPOSAL" and "1, 2, 3" in unknown.value.message
    with pytest.raises(DomainError) as none:
        voting.check_votes("vif-1", "AAPL", D("0.7"))
    assert none.value.reason == "NO_SHARES_TO_VOTE"


def test_the_tally_adds_each_shares_fate_up_to_the_shares_entitled() -> None:
    ballots = [Ballot("vif-1", "acct-1", D("10.25"), {"1": AGAINST, "2": FOR}),   # instructed
               Ballot("vif-2", "acct-2", D(4), {}),                                # uninstructed
               Ballot("vif-3", "acct-3", D("100.5"), {}, do_not_vote=True),        # the SPV
               Ballot("vif-4", "acct-4", D("0.5"), {})]                             # a fraction only
    lines = [line for b in ballots for line in voting.cast(AGENDA, b)]
    auditor, directors, holders = voting.tally(AGENDA, lines)
    assert (auditor.votes_for, auditor.votes_against, auditor.abstentions, auditor.instructed, auditor.broker_votes,
            auditor.broker_non_votes, auditor.not_voted, auditor.fractions) == \
        (D(4), D(10), D(0), D(10), D(4), D(0), D(100), D("1.25"))
    assert (directors.votes_for, directors.instructed, directors.broker_votes, directors.broker_non_votes,
            directors.not_voted) == (D(10), D(10), D(0), D(4), D(100))
    assert (holders.votes_for, holders.votes_against, holders.broker_non_votes, holders.not_voted) == \
        (D(0), D(0), D(14), D(100))
    for t in (auditor, directors, holders):
        assert t.entitled == D("115.25") == sum((b.shares for b in ballots), D(0))
        assert t.votes_for + t.votes_against + t.abstentions == t.instructed + t.broker_votes


def test_an_agenda_of_texts_only_is_numbered_non_routine_with_the_board_for() -> None:
    agenda = voting.agenda_of(("Elect directors", "Ratify KPMG"))
    assert agenda == (Proposal("1", "Elect directors"), Proposal("2", "Ratify KPMG"))
    assert voting.load_agenda(voting.dump_agenda(AGENDA)) == AGENDA
    assert voting.agenda_of(("ignored",), AGENDA) == AGENDA


# --- on the broker's books: forms, instructions, the cast at the cutoff ----------------------------------

RECORD_DAY_1730 = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)   # the record date's notices, 17:30 ET
MEETING = "2026-11-30"                                          # Monday: the cutoff is Sunday 23:59 ET
CUTOFF = datetime(2026, 11, 30, 4, 59, tzinfo=UTC)


class NoVenue:
    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        return D(100), calendar.market_open_at(at)

    def report_fills(self, orders: Sequence[OrderRow]) -> None:
        pass

    def settled_refs(self, settlement_date: str) -> set[str]:
        return set()


class OneMeeting:
    def __init__(self) -> None:
        self.action = ca.Action("ca-000007", "meeting", "AAPL", record_date="2026-11-25", meeting_date=MEETING,
                                proposals=tuple(p.text for p in AGENDA), agenda=AGENDA)

    def corporate_actions(self, kind: str) -> list[ca.Action]:
        return [self.action] if kind == "meeting" else []

    def entitlements(self, action_id: str) -> list[ca.Credit]:
        return []


class Broker:
    def __init__(self, tmp_path: Path) -> None:
        self.db = Database(f"sqlite:///{tmp_path}/broker.db")
        self.clock = FixedClock(datetime(2026, 11, 23, 15, 0, tzinfo=UTC))
        self.servicer = BrokerServicer(self.db, self.clock, NoVenue(), 7)
        self.book = broker_jobs(self.db, NoVenue(), OneMeeting())

    def customer(self, name: str, shares: str, kind: str = "individual") -> str:
        at = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
        with self.db.transaction() as s:
            row, _ = accounts.open_account(s, at, 7, name, kind)
            if D(shares) > 0:
                Ledger(s).post([(f"cust:{row.account_id}", "AAPL", D(shares)), ("@dtc", "AAPL", -D(shares))], at=at,
                               transfer_id=f"seed:{row.account_id}")
        return row.account_id

    def run(self, job: str, at: datetime) -> str:
        self.clock.at = at
        return next(j for j in self.book.jobs if j.name == job).run(at)

    def instruct(self, account_id: str, proposal_id: str, choice: str, rid: str, **form: str) -> broker_pb2.VotingForm:
        return self.servicer.InstructVote(broker_pb2.VoteInstructionRequest(
            request_id=rid, account_id=account_id, proposal_id=proposal_id, choice=choice, **form), LocalContext())

    def forms(self, account_id: str = "") -> list[broker_pb2.VotingForm]:
        return list(self.servicer.ListVotingForms(broker_pb2.ListVotingFormsRequest(account_id=account_id),
                                                  LocalContext()).forms)

    def tally(self) -> broker_pb2.VoteTally:
        return self.servicer.GetVoteTally(broker_pb2.VoteTallyRequest(action_id="ca-000007"), LocalContext())

    def events(self, kind: str) -> list[dict[str, object]]:
        with self.db.read() as s:
            return [fields("broker", e) for e in s.exec(select(OutboxEvent).where(OutboxEvent.type == kind))]


@pytest.fixture
def broker(tmp_path: Path) -> Broker:
    return Broker(tmp_path)


def test_forms_go_out_with_the_notices_and_instructions_are_taken_until_the_cutoff(broker: Broker) -> None:
    ada, bo = broker.customer("Ada", "10.6"), broker.customer("Bo", "3")
    spv = broker.customer("Tokens SPV", "50", kind="institutional")
    crumbs = broker.customer("Cy", "0.5")
    broker.customer("Dan", "0")                                              # held nothing: no form
    broker.servicer.SetStandingVotingInstruction(broker_pb2.StandingVotingInstructionRequest(
        request_id="s1", account_id=spv, symbols=["AAPL", "TSLA"], do_not_vote=True, reason="voting = none"),
        LocalContext())
    assert broker.run("meeting-notices", RECORD_DAY_1730) == "ca-000007 AAPL: 4 notices"
    forms = {f.account_id: f for f in broker.forms()}
    assert set(forms) == {ada, bo, spv, crumbs}
    form = forms[ada]
    assert (form.form_id, form.shares.value, form.votes.value, form.status, form.meeting_date) == (
        "vif-000001", "10.6", "10", statuses_pb2.MEETING_STATUS_OPEN, MEETING)
    assert form.cutoff.ToDatetime(tzinfo=UTC) == CUTOFF and form.notice_id.startswith("ntc-")
    assert [(p.proposal_id, p.routine, p.board_recommendation) for p in form.proposals] == [
        ("1", True, "for"), ("2", False, "for"), ("3", False, "against")]
    assert forms[spv].do_not_vote and not form.do_not_vote

    broker.clock.at = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    told = broker.instruct(ada, "2", "against", "i1", form_id=form.form_id)
    assert [(p.proposal_id, p.instruction) for p in told.proposals] == [("1", ""), ("2", "against"), ("3", "")]
    told = broker.instruct(ada, "2", "For", "i2", action_id="ca-000007")      # by the meeting; replaces the first
    assert told.proposals[1].instruction == "for"
    broker.instruct(spv, "3", "abstain", "i3", action_id="ca-000007")          # an instruction beats the standing one

    provisional = broker.tally()
    assert provisional.status == statuses_pb2.MEETING_STATUS_OPEN
    assert provisional.broker_vote_method == "with the board's recommendation"

    job = next(j for j in broker.book.jobs if j.name == "proxy-votes")
    assert job.next_fire(RECORD_DAY_1730) == CUTOFF                            # at the cutoff, not before
    assert broker.run("proxy-votes", CUTOFF) == (
        "ca-000007 AAPL: 1 for 13 against 0 abstain 0 non-votes 0 not voted 50; "
        "2 for 10 against 0 abstain 0 non-votes 3 not voted 50; 3 for 0 against 0 abstain 50 non-votes 13 not voted 0")
    assert broker.run("proxy-votes", CUTOFF + timedelta(minutes=1)) == "no meeting to vote"
    tally = broker.tally()
    assert tally.status == statuses_pb2.MEETING_STATUS_CAST and tally.cast_at.ToDatetime(tzinfo=UTC) == CUTOFF
    auditor, directors, holders = tally.proposals
    assert [(t.votes_for.value, t.votes_against.value, t.abstentions.value, t.instructed.value, t.broker_votes.value,
             t.broker_non_votes.value, t.not_voted.value, t.fractions.value, t.entitled.value)
            for t in tally.proposals] == [
        ("13", "0", "0", "0", "13", "0", "50", "1.1", "64.1"),     # routine: ada 10 + bo 3 with the board
        ("10", "0", "0", "10", "0", "3", "50", "1.1", "64.1"),     # ada as told; bo a broker non-vote
        ("0", "0", "50", "50", "0", "13", "0", "1.1", "64.1")]     # the SPV abstained as told
    spv_lines = [(line.proposal_id, line.vote, line.how) for line in tally.lines if line.account_id == spv]
    assert spv_lines == [("1", "", NOT_VOTED), ("2", "", NOT_VOTED), ("3", "abstain", INSTRUCTED)]
    cast_form = next(f for f in broker.forms(ada))
    assert [(p.vote, p.how) for p in cast_form.proposals] == [("for", BROKER_VOTE), ("for", INSTRUCTED),
                                                              ("", BROKER_NON_VOTE)]
    [event] = broker.events("votes.cast")
    assert event["action_id"] == "ca-000007" and event["forms"] == 4

    with pytest.raises(DomainError) as closed:                                 # after the cutoff: nothing changes
        broker.instruct(bo, "1", "against", "late", action_id="ca-000007")
    assert closed.value.reason == "VOTING_CLOSED"
    assert broker.tally() == tally


@pytest.mark.parametrize(("who", "form", "proposal", "choice", "reason"), [
    ("ada", {"form_id": "vif-000099"}, "1", "for", "VOTING_FORM_NOT_FOUND"),
    ("ada", {"form_id": "vif-000002"}, "1", "for", "VOTING_FORM_NOT_FOUND"),    # bo's form, not ada's
    ("nobody", {"action_id": "ca-000007"}, "1", "for", "VOTING_FORM_NOT_FOUND"),  # held nothing at the record date
    ("ada", {"action_id": "ca-000099"}, "1", "for", "UNKNOWN_MEETING"),
    ("ada", {"action_id": "ca-000007"}, "7", "for", "UNKNOWN_PROPOSAL"),
    ("ada", {"action_id": "ca-000007"}, "1", "yes", "INVALID_VOTE_CHOICE"),
    ("crumbs", {"action_id": "ca-000007"}, "1", "for", "NO_SHARES_TO_VOTE"),    # 0.5 of a share
    ("ghost", {"action_id": "ca-000007"}, "1", "for", "UNKNOWN_ACCOUNT"),
])
def test_a_bad_instruction_is_refused_with_its_reason_and_changes_nothing(
        broker: Broker, who: str, form: dict[str, str], proposal: str, choice: str, reason: str) -> None:
    ids = {"ada": broker.customer("Ada", "10"), "bo": broker.customer("Bo", "3"),
           "crumbs": broker.customer("Cy", "0.5"), "nobody": broker.customer("Dan", "0"), "ghost": "acct-999999"}
    broker.run("meeting-notices", RECORD_DAY_1730)
    before = broker.events("vote.instructed")
    with pytest.raises(DomainError) as refused:
        broker.instruct(ids[who], proposal, choice, "bad", **form)
    assert refused.value.reason == reason, refused.value
    assert broker.events("vote.instructed") == before
    with broker.db.read() as s:
        assert s.exec(select(VotingInstructionRow)).all() == []
    assert broker.instruct(ids["ada"], "1", "for", "good", action_id="ca-000007").proposals[0].instruction == "for"


def test_a_meeting_noticed_after_its_cutoff_is_cast_at_once(broker: Broker) -> None:
    broker.customer("Ada", "2")
    late = CUTOFF + timedelta(hours=3)
    broker.run("meeting-notices", late)                         # the notices job ran late
    with broker.db.read() as s:
        assert proxy_voting.next_cutoff(s, late) == late
    assert broker.run("proxy-votes", late).startswith("ca-000007 AAPL: 1 for 2")
