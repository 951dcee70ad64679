"""A shareholder meeting voted through street name, end to end: announced at the depository with a
routine proposal, a director election and a shareholder proposal the board opposes; forms reach the
beneficial owners at the broker on the record date; one instructs through the Broker API (the
sandbox's own voting routes, partner auth), one through the `fivelayer` CLI; the issuer SPV, whose
products give token holders no vote, has told the broker not to vote its shares. At the cutoff
(23:59 ET the day before the meeting) the broker casts: as told, uninstructed routine shares with
the board, no broker vote on the others, whole shares only; the tally adds up on every face."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.requests import MarketOrderRequest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.v1 import broker_pb2, control_pb2, depository_pb2, statuses_pb2

from .alpaca_flows import broker_client, open_active_accounts, raw_data, raw_list, submit_order
from .conftest import Running, SandboxFactory
from .flows import advance_to, buy, create_user, dec, deposit, product_account
from .test_alpaca_money import internal

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
D = Decimal
LOST = statuses_pb2.RIGHT_STATUS_LOST


def cli(run: Running, *args: str) -> dict[str, Any]:
    done = subprocess.run([str(Path(sys.executable).parent / "fivelayer"), *args, "--json"], capture_output=True,
                          text=True, env=run.settings.to_env() | {"PATH": "/usr/bin:/bin"}, timeout=60, check=True)
    reply = json.loads(done.stdout)
    assert isinstance(reply, dict), reply
    return reply


def row(*figures: int | Decimal) -> tuple[Decimal, ...]:
    """A tally line's expected figures, as the Decimals it holds."""
    return tuple(D(f) for f in figures)


def test_a_meeting_voted_through_street_name_by_instruction_broker_vote_and_the_spvs_terms(
        sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    c, client = run.clients, broker_client(run)
    ada, bo = open_active_accounts(run, client, "ada@example.com", "bo@example.com")
    for rid, account in (("f-ada", ada), ("f-bo", bo)):
        c.broker.FundAccount(broker_pb2.FundAccountRequest(request_id=rid, account_id=internal(account),
                                                           amount=dec("100000")))
    for account, qty in ((ada, "10.5"), (bo, "3")):
        submit_order(client, account.id, MarketOrderRequest(symbol="AAPL", qty=qty, side=OrderSide.BUY,
                                                            time_in_force=TimeInForce.DAY))
    cy = create_user(c, "cy")
    deposit(c, cy.user_id, "10000", "d1")
    buy(c, cy.user_id, "AAPLx", "4", "b1")                 # the SPV buys the shares behind the tokens
    advance_to(c, "2026-11-24T23:00:00Z")                  # filled Monday, settled Tuesday

    meeting = c.depository.AnnounceMeeting(depository_pb2.AnnounceMeetingRequest(
        request_id="m1", symbol="AAPL", record_date="2026-11-30", meeting_date="2026-12-02", late=True, agenda=[
            depository_pb2.Proposal(text="Ratify the auditor", routine=True),
            depository_pb2.Proposal(text="Elect the directors"),
            depository_pb2.Proposal(text="Report on lobbying (a shareholder proposal)",
                                    board_recommendation="against")]))
    assert [(p.proposal_id, p.routine, p.board_recommendation) for p in meeting.agenda] == [
        ("1", True, "for"), ("2", False, "for"), ("3", False, "against")]
    advance_to(c, "2026-11-30T23:00:00Z")                  # forms out with the notices, 17:30 ET on the record date

    # the Broker API face: ada's form, her instructions, a refusal that changes nothing
    [form] = raw_list(client.get(f"/accounts/{ada.id}/voting_instruction_forms"))
    assert (form["corporate_action_id"], form["qty"], form["votes"], form["status"], form["cutoff_at"]) == (
        meeting.action_id, "10.5", "10", "open", "2026-12-02T04:59:00Z")
    for bad, reason in (({"proposal_id": "2", "choice": "maybe"}, "INVALID_VOTE_CHOICE"),
                        ({"instructions": [{"proposal_id": "2", "choice": "against"},
                                           {"proposal_id": "9", "choice": "for"}]}, "UNKNOWN_PROPOSAL")):
        with pytest.raises(APIError) as refused:
            client.post(f"/accounts/{ada.id}/voting_instruction_forms/{form['id']}/instructions", bad)
        assert reason in str(refused.value)
    assert all(p["instruction"] is None for p in raw_data(client.get(
        f"/accounts/{ada.id}/voting_instruction_forms/{form['id']}"))["proposals"])   # all or nothing
    told = raw_data(client.post(f"/accounts/{ada.id}/voting_instruction_forms/{form['id']}/instructions", {
        "instructions": [{"proposal_id": "2", "choice": "against"}, {"proposal_id": "3", "choice": "for"}]}))
    assert [p["instruction"] for p in told["proposals"]] == [None, "against", "for"]

    # the CLI: bo votes against the auditor, by the meeting's id
    voted = cli(run, "broker", "vote", internal(bo), meeting.action_id, "1", "against")
    assert [p["instruction"] for p in voted["proposals"]] == ["against", "", ""]

    spv = product_account(c, "AAPLx")                      # AAPL is held in AAPLx's own account
    [spv_form] = c.broker.ListVotingForms(broker_pb2.ListVotingFormsRequest(account_id=spv)).forms
    assert spv_form.do_not_vote and from_pb(spv_form.votes) >= 4        # its standing instruction: voting = none

    advance_to(c, "2026-12-02T05:00:00Z")                  # past the cutoff: the broker has cast
    with pytest.raises(DomainError) as late:
        c.broker.InstructVote(broker_pb2.VoteInstructionRequest(request_id="late", account_id=internal(bo),
                                                                action_id=meeting.action_id, proposal_id="2",
                                                                choice="for"))
    assert late.value.reason == "VOTING_CLOSED"

    tally = c.broker.GetVoteTally(broker_pb2.VoteTallyRequest(action_id=meeting.action_id))
    s = from_pb(spv_form.votes)
    spv_fraction = from_pb(spv_form.shares) - s
    assert tally.status == statuses_pb2.MEETING_STATUS_CAST
    assert tally.broker_vote_method == "with the board's recommendation"
    got = [tuple(from_pb(getattr(t, k)) for k in ("votes_for", "votes_against", "abstentions", "instructed",
                                                   "broker_votes", "broker_non_votes", "not_voted", "fractions"))
           for t in tally.proposals]
    assert got == [row(10, 3, 0, 3, 10, 0, s, D("0.5") + spv_fraction),   # routine: ada's 10 with the board
                   row(0, 10, 0, 10, 0, 3, s, D("0.5") + spv_fraction),   # ada against; bo a broker non-vote
                   row(10, 0, 0, 10, 0, 3, s, D("0.5") + spv_fraction)]   # ada for, against the board
    assert all(from_pb(t.entitled) == D("13.5") + from_pb(spv_form.shares) for t in tally.proposals)

    face = raw_data(client.get(f"/corporate_actions/meetings/{meeting.action_id}/tally"))  # the partner's own lines
    assert face["status"] == "cast" and [p["for"] for p in face["proposals"]] == ["10", "0", "10"]
    assert {line["account_id"] for line in face["lines"]} == {str(ada.id), str(bo.id)}
    [cast] = raw_list(client.get(f"/accounts/{ada.id}/voting_instruction_forms"))
    assert [(p["vote"], p["vote_type"]) for p in cast["proposals"]] == [
        ("for", "broker vote"), ("against", "instructed"), ("for", "instructed")]
    assert cli(run, "broker", "tally", meeting.action_id)["proposals"][1]["broker_non_votes"] == "3"

    # the trace: a token holder's vote stops at the SPV, whose shares the broker did not vote
    trace = c.sandbox.TraceRights(control_pb2.TraceRightsRequest(holder=cy.user_id))
    [voting] = [r for p in trace.positions for r in p.rights if p.asset == "AAPLx" and r.right == "voting"]
    assert voting.outcome == LOST and "the broker cast 1 not voted, 2 not voted, 3 not voted" in voting.reached
