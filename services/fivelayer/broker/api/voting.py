"""Proxy voting on the Broker API face. Alpaca's Broker API has no proxy-voting endpoint (its
partners' customers vote through the processor's own site); these routes are this sandbox's own,
in the same style and under the same HTTP Basic partner auth, over the rules of `broker.voting`:

- `GET /v1/accounts/{account}/voting_instruction_forms`: the account's forms, oldest first
  (`?meeting=ca-000003` for one meeting);
- `GET /v1/accounts/{account}/voting_instruction_forms/{form}`: one form (its UUID on this face, or
  its number `vif-000001`);
- `POST .../voting_instruction_forms/{form}/instructions` with `{"proposal_id": "2", "choice":
  "for"}` or `{"instructions": [{...}, ...]}` (all or none): for, against or abstain, until the cutoff;
  answers the form;
- `GET /v1/corporate_actions/meetings/{meeting}/tally`: the meeting's tally per proposal (every
  share the broker votes), with the lines of the partner's own accounts only.

Refusals carry the broker's reasons (`VOTING_FORM_NOT_FOUND`, `NO_SHARES_TO_VOTE`,
`UNKNOWN_PROPOSAL`, `INVALID_VOTE_CHOICE`, `VOTING_CLOSED`, `UNKNOWN_MEETING`) in the face's error shape.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlmodel import select

from fivelayer.broker import proxy_voting, voting
from fivelayer.broker.api.common import TAG, Face, Partner, amount, body_field, external_id, iso, own
from fivelayer.broker.models import AccountRow
from fivelayer.kernel.errors import require
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc

MAX_INSTRUCTIONS = 50


def form_json(v: proxy_voting.FormView, account: AccountRow) -> dict[str, Any]:
    f, m = v.form, v.meeting
    proposals = []
    for p in v.agenda:
        told, cast = v.instructions.get(p.proposal_id), v.cast.get(p.proposal_id)
        proposals.append({"id": p.proposal_id, "text": p.text, "routine": p.routine,
                          "board_recommendation": p.board, "instruction": told.choice if told else None,
                          "instructed_at": iso(told.at) if told else None,
                          "vote": (cast.vote or None) if cast else None, "vote_type": cast.how if cast else None})
    return {"id": f.external_id, "form_number": f.form_id, "account_id": account.external_id,
            "corporate_action_id": f.action_id, "symbol": f.symbol, "qty": amount(f.shares),
            "votes": amount(v.votes), "record_date": m.record_date, "meeting_date": m.meeting_date,
            "cutoff_at": iso(utc(m.cutoff)), "status": m.status, "do_not_vote": v.do_not_vote,
            "proposals": proposals, "cast_at": iso(m.cast_at)}


def tally_json(t: proxy_voting.TallyView) -> dict[str, Any]:
    m = t.meeting
    return {"corporate_action_id": m.action_id, "symbol": m.symbol, "record_date": m.record_date,
            "meeting_date": m.meeting_date, "cutoff_at": iso(utc(m.cutoff)), "status": m.status,
            "cast_at": iso(m.cast_at), "broker_vote_method": voting.BROKER_VOTE_METHOD,
            "proposals": [{"id": p.proposal.proposal_id, "text": p.proposal.text, "routine": p.proposal.routine,
                           "board_recommendation": p.proposal.board, "for": amount(p.votes_for),
                           "against": amount(p.votes_against), "abstain": amount(p.abstentions),
                           "instructed": amount(p.instructed), "broker_votes": amount(p.broker_votes),
                           "broker_non_votes": amount(p.broker_non_votes), "not_voted": amount(p.not_voted),
                           "fractions": amount(p.fractions), "entitled": amount(p.entitled)} for p in t.tallies],
            "lines": [{"form_number": line.form_id, "account_id": external_id(line.account_id),
                       "proposal_id": line.proposal_id, "qty": amount(line.shares), "vote": line.vote or None,
                       "vote_type": line.how, "detail": line.detail} for line in t.lines]}


def _instructions(body: dict[str, Any]) -> list[tuple[str, str]]:
    items = body_field(body, "instructions", list, None)
    if items is None:
        items = [body]
    require(0 < len(items) <= MAX_INSTRUCTIONS, Common.INVALID_ARGUMENT,
            f"give 1 to {MAX_INSTRUCTIONS} instructions, got {len(items)}")
    pairs = []
    for item in items:
        require(isinstance(item, dict), Common.INVALID_ARGUMENT, f"an instruction is an object, got {item!r}")
        proposal_id, choice = body_field(item, "proposal_id", str, ""), body_field(item, "choice", str, "")
        require(bool(proposal_id), Common.INVALID_ARGUMENT, "proposal_id is required")
        pairs.append((str(proposal_id), str(choice)))
    return pairs


def install(app: FastAPI, face: Face) -> None:
    db, clock = face.db, face.clock

    @app.get("/v1/accounts/{account}/voting_instruction_forms", tags=[TAG], include_in_schema=False)
    def list_forms(account: str, partner_key: Partner, meeting: str = "") -> JSONResponse:
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse([form_json(proxy_voting.view(session, f), row)
                                 for f in proxy_voting.forms(session, row.account_id, meeting)])

    @app.get("/v1/accounts/{account}/voting_instruction_forms/{form}", tags=[TAG], include_in_schema=False)
    def get_form(account: str, form: str, partner_key: Partner) -> JSONResponse:
        with db.read() as session:
            row = own(session, partner_key, account)
            return JSONResponse(form_json(proxy_voting.view(session, proxy_voting.form_of(
                session, row.account_id, form)), row))

    @app.post("/v1/accounts/{account}/voting_instruction_forms/{form}/instructions", tags=[TAG],
              include_in_schema=False)
    def instruct(account: str, form: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        pairs, now = _instructions(body), clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            found = proxy_voting.form_of(session, row.account_id, form)
            for proposal_id, choice in pairs:
                proxy_voting.instruct(session, now, row.account_id, proposal_id, choice, form_id=found.form_id)
            session.flush()
            return JSONResponse(form_json(proxy_voting.view(session, found), row))

    @app.get("/v1/corporate_actions/meetings/{meeting}/tally", tags=[TAG], include_in_schema=False)
    def tally(meeting: str, partner_key: Partner) -> JSONResponse:
        with db.read() as session:
            mine = {r.account_id for r in session.exec(select(AccountRow).where(
                AccountRow.correspondent == partner_key))}
            return JSONResponse(tally_json(proxy_voting.tally_of(session, meeting, mine)))
