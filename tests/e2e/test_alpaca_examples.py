"""Alpaca's own documented example requests (`alpaca_examples.py`), sent as Alpaca wrote them to a
running sandbox's Broker API face, with plain httpx and through `alpaca-py`'s typed requests: each
one the face serves is taken. Two are refused plainly, on purpose: a Plaid processor token (the
sandbox links banks by their numbers) and the Getting Started transfer of 1234.567 USD (a tenth of
a cent no ACH transfer carries; the sandbox does not round a customer's money)."""
from __future__ import annotations

from typing import Any

import httpx
import pytest
from alpaca.broker.models import Account, ACHRelationship, Bank, BatchJournalResponse
from alpaca.broker.requests import CreateAccountRequest, CreateACHRelationshipRequest, CreateBankRequest
from pydantic import TypeAdapter

from .alpaca_examples import (
    ACCOUNT_FIXTURE,
    ACCOUNT_MODEL_DOCUMENTS,
    CREATE_ACCOUNT,
    CREATE_ACH_RELATIONSHIP,
    CREATE_BATCH_JOURNAL,
    CREATE_JOURNAL,
    CREATE_ORDER,
    CREATE_RECIPIENT_BANK,
    CREATE_REVERSE_BATCH_JOURNAL,
    CREATE_TRANSFER,
    GET_STARTED_ACCOUNT,
    GET_STARTED_ACH_RELATIONSHIP,
    GET_STARTED_JOURNAL,
    GET_STARTED_ORDER,
    GET_STARTED_TRANSFER,
    PLAID_ACH_RELATIONSHIP,
    W8BEN_DOCUMENT,
)
from .alpaca_flows import broker_client
from .conftest import PARTNER, SandboxFactory
from .flows import advance_to
from .test_faults import clear_all, inject

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"


def test_alpacas_documented_examples_are_taken_as_written(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    http = httpx.Client(base_url=run.settings.rest_address("broker"), auth=PARTNER, timeout=30)

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = http.post(path, json=body)
        assert response.status_code == 200, (path, response.text)
        taken: dict[str, Any] = response.json()
        return taken

    opened = post("/v1/accounts", CREATE_ACCOUNT)
    assert opened["status"] == "SUBMITTED" and opened["trusted_contact"] == CREATE_ACCOUNT["trusted_contact"]
    [document] = opened["documents"]                                            # its content is not kept
    assert {k: document[k] for k in ("document_type", "document_sub_type", "mime_type")} == {
        "document_type": "identity_verification", "document_sub_type": "passport", "mime_type": "image/jpeg"}
    assert "content" not in document and document["id"] and document["created_at"]
    payee = post("/v1/accounts", {**CREATE_ACCOUNT, "documents": ACCOUNT_MODEL_DOCUMENTS})
    w8ben = post("/v1/accounts", {**CREATE_ACCOUNT, "documents": [*CREATE_ACCOUNT["documents"], W8BEN_DOCUMENT]})
    assert [d["document_type"] for d in w8ben["documents"]] == ["identity_verification", "w8ben"]
    rejected = post("/v1/accounts", {**CREATE_ACCOUNT, **ACCOUNT_FIXTURE})
    starter = post("/v1/accounts", GET_STARTED_ACCOUNT)
    typed = broker_client(run).create_account(CreateAccountRequest(**CREATE_ACCOUNT))
    assert isinstance(typed, Account)

    advance_to(run.clients, "2026-11-20T22:02:00Z")
    statuses = {a: http.get(f"/v1/accounts/{a}").json()["status"]
                for a in (opened["id"], payee["id"], w8ben["id"], rejected["id"], starter["id"], str(typed.id))}
    assert statuses == {opened["id"]: "ACTIVE", payee["id"]: "ACTIVE", w8ben["id"]: "ACTIVE",
                        rejected["id"]: "REJECTED", starter["id"]: "ACTIVE", str(typed.id): "ACTIVE"}

    account = opened["id"]
    link = post(f"/v1/accounts/{account}/ach_relationships", CREATE_ACH_RELATIONSHIP)
    assert (link["status"], link["bank_account_number"]) == ("APPROVED", "32131231abc")
    plaid = http.post(f"/v1/accounts/{payee['id']}/ach_relationships", json=PLAID_ACH_RELATIONSHIP)
    assert plaid.status_code >= 400 and "Plaid" in plaid.json()["message"]
    typed_link = broker_client(run).create_ach_relationship_for_account(
        payee["id"], CreateACHRelationshipRequest(**CREATE_ACH_RELATIONSHIP))
    assert isinstance(typed_link, ACHRelationship) and str(typed_link.status).endswith("APPROVED")

    bank = post(f"/v1/accounts/{account}/recipient_banks", CREATE_RECIPIENT_BANK)
    assert (bank["status"], bank["bank_code"], bank["account_number"]) == ("APPROVED", "123456789", "123456789abc")
    typed_bank = broker_client(run).create_bank_for_account(payee["id"], CreateBankRequest(**CREATE_RECIPIENT_BANK))
    banks = broker_client(run).get_banks_for_account(payee["id"])
    assert isinstance(typed_bank, Bank) and [b.id for b in banks if isinstance(b, Bank)] == [typed_bank.id]
    assert [b["id"] for b in http.get(f"/v1/accounts/{account}/recipient_banks").json()] == [bank["id"]]
    assert http.delete(f"/v1/accounts/{account}/recipient_banks/{bank['id']}").status_code == 204
    assert http.get(f"/v1/accounts/{account}/recipient_banks").json() == []

    transfer = post(f"/v1/accounts/{account}/transfers", {**CREATE_TRANSFER, "relationship_id": link["id"]})
    assert (transfer["status"], transfer["amount"]) == ("COMPLETE", "500")
    journal = post("/v1/journals", {**CREATE_JOURNAL, "from_account": account, "to_account": payee["id"]})
    assert (journal["status"], journal["net_amount"]) == ("executed", "51")

    post(f"/v1/accounts/{account}/transfers", {**CREATE_TRANSFER, "relationship_id": link["id"], "amount": "5000"})
    order = post(f"/v1/trading/accounts/{account}/orders", CREATE_ORDER)
    assert (order["symbol"], order["qty"], order["type"], order["time_in_force"]) == ("AAPL", "4.125", "market",
                                                                                       "day")

    # Alpaca's Getting Started guide, step by step, on its own account
    starter_link = post(f"/v1/accounts/{starter['id']}/ach_relationships", GET_STARTED_ACH_RELATIONSHIP)
    tenth_of_a_cent = http.post(f"/v1/accounts/{starter['id']}/transfers",
                                json={**GET_STARTED_TRANSFER, "relationship_id": starter_link["id"]})
    assert tenth_of_a_cent.status_code == 400 and "TOO_MANY_DECIMALS" in tenth_of_a_cent.json()["message"]
    [firm] = [a for a in http.get("/v1/accounts").json() if a["account_type"] == "firm"]
    cash = post("/v1/journals", {**GET_STARTED_JOURNAL, "from_account": firm["id"], "to_account": starter["id"]})
    assert (cash["status"], cash["net_amount"], cash["from_account"]) == ("executed", "42", firm["id"])
    post(f"/v1/accounts/{starter['id']}/transfers", {**CREATE_TRANSFER, "relationship_id": starter_link["id"]})
    fraction = post(f"/v1/trading/accounts/{starter['id']}/orders", GET_STARTED_ORDER)
    assert (fraction["qty"], fraction["status"]) == ("0.42", "accepted")          # waits for Monday's open

    # batch journals, one to many and many to one, taken whole or refused whole
    def post_list(path: str, body: dict[str, Any]) -> list[dict[str, Any]]:
        response = http.post(path, json=body)
        assert response.status_code == 200, (path, response.text)
        taken: list[dict[str, Any]] = response.json()
        return taken

    customers = [opened["id"], payee["id"], w8ben["id"]]
    fanned = post_list("/v1/journals/batch", {**CREATE_BATCH_JOURNAL, "from_account": firm["id"], "entries": [
        {**e, "to_account": a} for e, a in zip(CREATE_BATCH_JOURNAL["entries"], customers, strict=True)]})
    assert [(j["to_account"], j["net_amount"], j["status"]) for j in fanned] == [
        (opened["id"], "10", "executed"), (payee["id"], "100", "executed"), (w8ben["id"], "1000", "executed")]
    assert [j.error_message for j in TypeAdapter(list[BatchJournalResponse]).validate_python(fanned)] == [""] * 3
    gathered = post_list("/v1/journals/reverse_batch", {**CREATE_REVERSE_BATCH_JOURNAL, "to_account": firm["id"],
                                                         "entries": [{**e, "from_account": a} for e, a in zip(
                                                             CREATE_REVERSE_BATCH_JOURNAL["entries"], customers,
                                                             strict=True)]})
    assert [(j["from_account"], j["net_amount"]) for j in gathered] == [
        (opened["id"], "10"), (payee["id"], "100"), (w8ben["id"], "100")]
    before = len(http.get("/v1/journals").json())
    whole = http.post("/v1/journals/batch", json={**CREATE_BATCH_JOURNAL, "from_account": firm["id"], "entries": [
        {**e, "to_account": a} for e, a in zip(CREATE_BATCH_JOURNAL["entries"], [opened["id"], rejected["id"],
                                                                                  payee["id"]], strict=True)]})
    assert whole.status_code >= 400 and f"entry 1 (to_account {rejected['id']})" in whole.json()["message"]
    assert len(http.get("/v1/journals").json()) == before                      # the first entry did not move

    # the broker freezes an account: Alpaca's DISABLED, no orders (ACCOUNT_FROZEN); lifted: ACTIVE again
    inject(run.clients, "freeze-account", "f1", account_id=payee["account_number"].replace("FL", "acct-"),
           reason="a court order")
    assert http.get(f"/v1/accounts/{payee['id']}").json()["status"] == "DISABLED"
    trade = http.get(f"/v1/trading/accounts/{payee['id']}/account").json()
    assert (trade["status"], trade["trading_blocked"], trade["account_blocked"]) == ("DISABLED", True, True)
    frozen = http.post(f"/v1/trading/accounts/{payee['id']}/orders", json=GET_STARTED_ORDER)
    assert frozen.status_code >= 400 and "ACCOUNT_FROZEN" in frozen.json()["message"]
    clear_all(run.clients, "c1")
    assert http.get(f"/v1/accounts/{payee['id']}").json()["status"] == "ACTIVE"
