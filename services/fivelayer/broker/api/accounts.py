"""Accounts on the Broker API face: open (with contact, identity, disclosures and agreements),
get, list (each partner sees only its own), update, close.

An application moves SUBMITTED -> APPROVED -> ACTIVE one sandbox minute apart; an applicant whose
email's local part ends in `+action_required` or `+rejected` comes back that way (the sandbox's
way to rehearse a failed KYC).

The application sets the customer's tax status (`broker.tax`): resident for tax in the US
(`identity.country_of_tax_residence`, "USA" if not given) with a `tax_id`, a W-9 (0%), without one
backup withholding (24%); resident elsewhere with a `w8ben` document among `documents`, a W-8BEN
(30% or its country's treaty rate), without one undocumented and presumed foreign (30%).
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlmodel import col, select

from fivelayer.broker import accounts, tax
from fivelayer.broker.api.common import MAX_LIST, TAG, Face, Partner, external_id, iso, own
from fivelayer.broker.approvals import status_at
from fivelayer.broker.models import AccountRow, AccountStatus
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.outbox import record

REQUIRED = ("contact", "identity", "disclosures", "agreements")


def account_json(row: AccountRow, now: datetime) -> dict[str, Any]:
    application = json.loads(row.application or "{}")
    return {"id": row.external_id, "account_number": row.account_id.replace("acct-", "FL"),
            "account_type": "firm" if row.kind == accounts.FIRM else "trading", "status": status_at(row, now), "currency": "USD", "last_equity": "0",
            "created_at": iso(row.created_at),
            **{k: application[k] for k in REQUIRED if k in application}}


def install(app: FastAPI, face: Face) -> None:
    db, clock, seed = face.db, face.clock, face.seed

    @app.post("/v1/accounts", tags=[TAG], include_in_schema=False)
    def create_account(body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        missing = [k for k in REQUIRED if not body.get(k)]
        if missing:
            raise DomainError("INVALID_ARGUMENT", f"an account application needs {', '.join(missing)}")
        identity = body["identity"]
        name = f"{identity.get('given_name', '')} {identity.get('family_name', '')}".strip()
        if not name:
            raise DomainError("INVALID_ARGUMENT", "identity needs given_name and family_name")
        country = str(identity.get("country_of_tax_residence") or "USA")
        documents = body.get("documents") or []
        w8ben = any(isinstance(d, dict) and str(d.get("document_type", "")).lower() == "w8ben" for d in documents)
        documented = bool(identity.get("tax_id")) if country.strip().upper() == "USA" else w8ben
        status = tax.default_status("individual", country, documented)
        now = clock.now()
        with db.transaction() as session:
            row, _key = accounts.open_account(session, now, seed, name, "individual", country=country,
                                              tax_status=status)
            row.correspondent, row.external_id = partner_key, external_id(row.account_id)
            row.application = json.dumps({k: body[k] for k in REQUIRED}, sort_keys=True)
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
            raise DomainError("INVALID_ARGUMENT", f"these fields cannot be updated: {', '.join(unknown)}")
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            if row.status == AccountStatus.CLOSED:
                raise DomainError("ACCOUNT_CLOSED", f"account {account} is closed")
            application = json.loads(row.application or "{}")
            for key, value in body.items():
                application[key] = {**application.get(key, {}), **value} if isinstance(value, dict) else value
            row.application = json.dumps(application, sort_keys=True)
            session.add(row)
            record(session, now, "account.updated", account_id=row.account_id, fields=",".join(sorted(body)))
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
                record(session, now, "account.closed", account_id=row.account_id)
        return JSONResponse({}, status_code=200)
