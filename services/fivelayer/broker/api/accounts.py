"""Accounts on the Broker API face: open (with contact, identity, disclosures and agreements),
get, list (each partner sees only its own), update, close.

An application moves SUBMITTED -> APPROVED -> ACTIVE one sandbox minute apart; an applicant whose
email's local part ends in `+action_required` or `+rejected` comes back that way (the sandbox's
way to rehearse a failed KYC), as does one sent with Alpaca's own sandbox fixture
(`"additional_information": "/fixtures/status=REJECTED/fixtures/"`). Alpaca's documented request
bodies are accepted whole: the trusted contact and the documents' types are kept and shown back.

The application sets the customer's tax status (`broker.tax`): resident for tax in the US
(`identity.country_of_tax_residence`, "USA" if not given) with a `tax_id`, a W-9 (0%), without one
backup withholding (24%); resident elsewhere with a `w8ben` document among `documents`, a W-8BEN
(30% or its country's treaty rate), without one undocumented and presumed foreign (30%).
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlmodel import col, select

from fivelayer.broker import accounts, reasons, tax
from fivelayer.broker.api.common import MAX_LIST, TAG, Face, Partner, external_id, iso, own
from fivelayer.broker.approvals import status_at
from fivelayer.broker.models import AccountRow, AccountStatus
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import events_pb2 as ev

REQUIRED = ("contact", "identity", "disclosures", "agreements")
# Kept with the application and shown back, as Alpaca's Account shows them. The rest of Alpaca's
# create-account body (enabled_assets, account_type, trading_configurations, minor_identity, ...) is
# accepted and not kept: the sandbox offers one kind of account (a cash account in US equities).
KEPT = (*REQUIRED, "trusted_contact", "documents")
DOCUMENT_FIELDS = ("document_type", "document_sub_type", "mime_type")  # a document's content is not kept
FIXTURE = re.compile(r"/fixtures/status=([A-Z_]+)/fixtures/")
# Alpaca's sandbox fixtures (`additional_information`) the sandbox plays: the outcome they come to.
FIXTURES = {"ACTION_REQUIRED": "action_required", "REJECTED": "rejected", "APPROVED": "active",
            "ACTIVE": "active"}


def documents_kept(raw: Any) -> list[dict[str, Any]]:
    """The application's documents as kept: each one's type, sub type and mime type (their content,
    base64 or a W-8BEN's `content_data`, is the partner's record, not the sandbox's)."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(d, dict) and isinstance(d.get("document_type"), str)
                                            for d in raw):
        raise DomainError(Common.INVALID_ARGUMENT, "documents must be a list of objects, each with a document_type")
    return [{k: d[k] for k in DOCUMENT_FIELDS if isinstance(d.get(k), str)} for d in raw]


def fixture(body: dict[str, Any]) -> str:
    """The outcome an Alpaca sandbox fixture in `additional_information` asks for ("" for none):
    ACTION_REQUIRED and REJECTED as the `+action_required` / `+rejected` email does, APPROVED or
    ACTIVE the usual path; any other status Alpaca's sandbox names is refused, not ignored."""
    info = body.get("additional_information")
    if info is None:
        return ""
    if not isinstance(info, str):
        raise DomainError(Common.INVALID_ARGUMENT, f"additional_information must be a string, got {info!r}")
    found = FIXTURE.search(info)
    if found is None:
        return ""
    outcome = FIXTURES.get(found.group(1))
    require(outcome is not None, reasons.Broker.UNSUPPORTED, f"the sandbox plays the account fixtures "
            f"{', '.join(sorted(FIXTURES))}, not {found.group(1)}")
    return outcome or ""


def account_json(row: AccountRow, now: datetime) -> dict[str, Any]:
    application = json.loads(row.application or "{}")
    return {"id": row.external_id, "account_number": row.account_id.replace("acct-", "FL"),
            "account_type": "firm" if row.kind == accounts.FIRM else "trading", "status": status_at(row, now),
            "currency": "USD", "last_equity": "0",
            "created_at": iso(row.created_at),
            **{k: application[k] for k in KEPT if k in application}}


def install(app: FastAPI, face: Face) -> None:
    db, clock, seed = face.db, face.clock, face.seed

    @app.post("/v1/accounts", tags=[TAG], include_in_schema=False)
    def create_account(body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        missing = [k for k in REQUIRED if not body.get(k)]
        if missing:
            raise DomainError(Common.INVALID_ARGUMENT, f"an account application needs {', '.join(missing)}")
        identity = body["identity"]
        name = f"{identity.get('given_name', '')} {identity.get('family_name', '')}".strip()
        if not name:
            raise DomainError(Common.INVALID_ARGUMENT, "identity needs given_name and family_name")
        country = str(identity.get("country_of_tax_residence") or "USA")
        documents = body.get("documents") or []
        w8ben = any(isinstance(d, dict) and str(d.get("document_type", "")).lower() == "w8ben" for d in documents)
        documented = bool(identity.get("tax_id")) if country.strip().upper() == "USA" else w8ben
        status = tax.default_status("individual", country, documented)
        kept = {k: body[k] for k in REQUIRED} | {"documents": documents_kept(body.get("documents"))}
        trusted = body.get("trusted_contact")
        if trusted is not None:
            require(isinstance(trusted, dict), Common.INVALID_ARGUMENT, "trusted_contact must be an object")
            kept["trusted_contact"] = trusted
        outcome = fixture(body)
        if outcome:
            kept["fixture"] = outcome
        now = clock.now()
        with db.transaction() as session:
            row, _key = accounts.open_account(session, now, seed, name, "individual", country=country,
                                              tax_status=status)
            row.correspondent, row.external_id = partner_key, external_id(row.account_id)
            for n, document in enumerate(kept["documents"]):   # Alpaca's Document: its id and when it came
                document |= {"id": external_id(f"{row.account_id}:document:{n}"), "created_at": iso(now)}
            row.application = json.dumps(kept, sort_keys=True)
            session.add(row)
        return JSONResponse(account_json(row, now))

    @app.get("/v1/accounts", tags=[TAG], include_in_schema=False)
    def list_accounts(partner_key: Partner, query: str = "") -> JSONResponse:
        now = clock.now()
        with db.read() as session:
            rows = session.exec(select(AccountRow).where(AccountRow.correspondent == partner_key)
                                .order_by(col(AccountRow.account_id)).limit(MAX_LIST))
            found = [account_json(r, now) for r in rows]
        words = query.lower().split()
        return JSONResponse([a for a in found if all(w in json.dumps(a).lower() for w in words)])

    @app.get("/v1/accounts/{account}", tags=[TAG], include_in_schema=False)
    def get_account(account: str, partner_key: Partner) -> JSONResponse:
        now = clock.now()
        with db.read() as session:
            return JSONResponse(account_json(own(session, partner_key, account), now))

    @app.patch("/v1/accounts/{account}", tags=[TAG], include_in_schema=False)
    def update_account(account: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        """Update the application's contact, identity, disclosures or trusted contact."""
        unknown = sorted(set(body) - {"contact", "identity", "disclosures", "trusted_contact"})
        if unknown:
            raise DomainError(Common.INVALID_ARGUMENT, f"these fields cannot be updated: {', '.join(unknown)}")
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            if row.status == AccountStatus.CLOSED:
                raise DomainError(reasons.Broker.ACCOUNT_CLOSED, f"account {account} is closed")
            application = json.loads(row.application or "{}")
            for key, value in body.items():
                application[key] = {**application.get(key, {}), **value} if isinstance(value, dict) else value
            row.application = json.dumps(application, sort_keys=True)
            session.add(row)
            emit(session, now, ev.AccountUpdated(account_id=row.account_id, fields=",".join(sorted(body))))
            return JSONResponse(account_json(row, now))

    @app.post("/v1/accounts/{account}/actions/close", tags=[TAG], include_in_schema=False)
    def close_account(account: str, partner_key: Partner) -> JSONResponse:
        """Close an account: no more orders; its records stay."""
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            if row.status != AccountStatus.CLOSED:
                row.status, row.status_reason = AccountStatus.CLOSED, "closed by its correspondent"
                session.add(row)
                emit(session, now, ev.AccountClosed(account_id=row.account_id))
        return JSONResponse({}, status_code=200)
