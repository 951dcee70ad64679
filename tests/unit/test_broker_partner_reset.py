"""`fivelayer reset --partner KEY` (broker ResetPartner): one partner's accounts emptied, its money
wired back to the sandbox with a ledger entry, its firm account back at its opening funding, and
the other partner's accounts, orders and money not touched; once per request_id; refused for an
unknown partner, for the services' own correspondents and from a partner's own key."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from fivelayer.broker import accounts, api, journals, orders, partners
from fivelayer.broker.api.common import Face
from fivelayer.broker.in_kind import InKindMints
from fivelayer.broker.models import AccountRow, OrderRow
from fivelayer.broker.reasons import Broker
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel import credentials
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, LedgerBalance, prove
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2
from sqlmodel import col, select

from tests.unit.test_broker_orders import FakeVenue

D = Decimal
MONDAY_10 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)   # 10:00 ET, in session
KEYS = ("PKALICE", "PKBOB")


def as_partner(key: str) -> LocalContext:
    return LocalContext(((credentials.AUTHORIZATION, credentials.basic(key, f"{key}-secret")),))


def operator() -> LocalContext:
    return LocalContext()


class Team:
    """Two partners, each with a firm account and a funded customer account holding 2 AAPL and a
    resting limit buy."""

    def __init__(self, tmp_path: Path) -> None:
        self.venue = FakeVenue()
        self.broker = BrokerServicer(Database(f"sqlite:///{tmp_path}/b.db"), FixedClock(MONDAY_10), self.venue, 7)
        self.db = self.broker.db
        self.customer: dict[str, str] = {}
        self.firm: dict[str, str] = {}
        with self.db.transaction() as s:
            for key in KEYS:
                partners.ensure(s, key, f"{key}-secret", key, MONDAY_10)
        for key in KEYS:
            account = self.broker.CreateAccount(broker_pb2.CreateAccountRequest(
                request_id=f"open:{key}", name=f"{key} customer", kind="individual"), as_partner(key))
            self.customer[key] = account.account_id
            with self.db.transaction() as s:
                self.firm[key] = journals.ensure_firm_account(s, MONDAY_10, 7, key, key).account_id
                accounts.fund(s, MONDAY_10, account.account_id, "5000")
                row = accounts.get(s, account.account_id)
                orders.submit(s, self.venue, MONDAY_10, row, f"{key}-fill", orders.terms(symbol="AAPL", side="buy",
                                                                                           qty="2"))
                orders.submit(s, self.venue, MONDAY_10, row, f"{key}-rest", orders.terms(
                    symbol="AAPL", side="buy", qty="3", order_type="limit", limit_price="90"))
                # the firm journals money out, so its reset has something to bring back
                Ledger(s).transfer(accounts.cash(self.firm[key]), accounts.WIRE, "USD", D(250), at=MONDAY_10,
                                   transfer_id=f"spent:{key}")

    def books_of(self, key: str) -> tuple[object, ...]:
        """Everything the broker keeps about one partner's accounts: rows, orders, balances."""
        ids = {self.customer[key], self.firm[key]}
        with self.db.read() as s:
            rows = sorted((a.account_id, a.status, a.correspondent, a.status_reason) for a in s.exec(
                select(AccountRow).where(col(AccountRow.account_id).in_(ids))))
            held = sorted((o.order_id, o.status, o.filled_quantity) for o in s.exec(
                select(OrderRow).where(col(OrderRow.account_id).in_(ids))))
            money = sorted((b.account, b.asset, b.amount) for b in s.exec(select(LedgerBalance))
                           if any(i in b.account for i in ids))
        return tuple(rows), tuple(held), tuple(money)

    def reset(self, key: str, rid: str = "reset-1") -> broker_pb2.ResetPartnerResponse:
        return self.broker.ResetPartner(broker_pb2.ResetPartnerRequest(request_id=rid, partner_key=key), operator())


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


def test_a_reset_empties_one_partner_and_keeps_the_books_balanced(team: Team) -> None:
    alice, bob = KEYS
    bob_before = team.books_of(bob)
    with team.db.read() as s:
        cash = Ledger(s).balance(accounts.cash(team.customer[alice]), "USD")
        wire = Ledger(s).balance(accounts.WIRE, "USD")
    assert cash > 0

    done = team.reset(alice)

    assert list(done.closed_account_ids) == [team.customer[alice]] and done.orders_canceled == 1
    assert from_pb(done.cash_returned) == cash
    assert done.firm_account_id == team.firm[alice] and from_pb(done.firm_cash_adjustment) == D(250)
    with team.db.read() as s:
        ledger = Ledger(s)
        row = accounts.get(s, team.customer[alice])
        assert row.status == "closed" and row.correspondent == "" and alice in row.status_reason
        assert ledger.balance(accounts.cash(row.account_id), "USD") == 0
        assert ledger.balance(orders.money(row.account_id, "receivable"), "AAPL") == D(2)  # shares stay: no trade
        assert ledger.balance(orders.money(row.account_id, "cash-due"), "USD") == D(200)  # the buy still settles
        assert ledger.balance(accounts.cash(team.firm[alice]), "USD") == journals.FIRM_FUNDING
        assert ledger.balance(accounts.WIRE, "USD") == wire + cash - D(250)    # the money went back, no more
        assert orders.open_orders(s, row.account_id, 10) == []
        assert [a.account_id for a in s.exec(select(AccountRow).where(AccountRow.correspondent == alice))] == [
            team.firm[alice]]
        assert prove(s)[0]
    assert team.books_of(bob) == bob_before                                   # the other partner: untouched


def test_a_reset_applies_once_per_request_id(team: Team) -> None:
    first = team.reset(KEYS[0])
    after = team.books_of(KEYS[0])
    assert team.reset(KEYS[0]) == first and team.books_of(KEYS[0]) == after
    again = team.reset(KEYS[0], "reset-2")                                     # a new reset: nothing left to empty
    assert list(again.closed_account_ids) == [] and again.orders_canceled == 0
    assert from_pb(again.cash_returned) == 0 and from_pb(again.firm_cash_adjustment) == 0


def test_a_reset_is_refused_for_an_unknown_partner_a_service_and_a_partners_own_key(
        team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {key: team.books_of(key) for key in KEYS}
    with pytest.raises(DomainError) as unknown:
        team.reset("PKNOBODY")
    assert unknown.value.reason == Broker.UNKNOWN_PARTNER and "PKNOBODY" in unknown.value.message
    key_name, secret_name = credentials.env_names("exchange")
    monkeypatch.setenv(key_name, KEYS[1])
    monkeypatch.setenv(secret_name, "its-secret")
    with pytest.raises(DomainError) as service:
        team.reset(KEYS[1])
    assert service.value.reason == Broker.SERVICE_PARTNER
    with pytest.raises(DomainError) as own:
        team.broker.ResetPartner(broker_pb2.ResetPartnerRequest(request_id="r", partner_key=KEYS[1]),
                                 as_partner(KEYS[0]))
    assert own.value.reason == Broker.PERMISSION_DENIED
    assert {key: team.books_of(key) for key in KEYS} == before


def test_team_partners_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secrets_file = tmp_path / "partners"
    secrets_file.write_text("# one per integrator\nPKCI:ci-secret-123\n")
    monkeypatch.setenv(credentials.TEAM_PARTNERS, "PKDEV1:dev1-secret, PKDEV2:dev2-secret")
    monkeypatch.setenv(credentials.TEAM_PARTNERS_FILE, str(secrets_file))
    assert credentials.team_partners() == [("PKDEV1", "dev1-secret"), ("PKDEV2", "dev2-secret"),
                                           ("PKCI", "ci-secret-123")]
    monkeypatch.setenv(credentials.TEAM_PARTNERS, "PKBROKEN")
    with pytest.raises(ValueError, match="KEY:SECRET"):
        credentials.team_partners()


# -- isolation on the Broker API face ----------------------------------------------------------------

CALLBACKS = ("/tokenization/callback/",)   # an issuer's calls: refused to a partner that is no issuer (403)
BODY = {"qty": "1", "symbol": "AAPL", "side": "sell", "type": "market", "time_in_force": "day", "amount": "10",
        "direction": "OUTGOING", "transfer_type": "ach", "relationship_id": "x", "tokenization_request_id": "x",
        "issuer_request_id": "x", "underlying_symbol": "AAPL", "issuer": "Xstocks", "network": "solana",
        "wallet_address": "0x" + "ab" * 20,
        "instructions": [{"proposal_id": "p1", "choice": "for"}]}
QUERY = {"client_request_id": "x", "issuer_request_id": "x", "client_order_id": "x"}
BODIES = {("PATCH", "/v1/accounts/{account}"): {"contact": {"email_address": "eve@example.com"}}}


def face_client(team: Team) -> tuple[FastAPI, TestClient]:
    face = Face(team.db, FixedClock(MONDAY_10 + timedelta(minutes=5)), team.venue, 7)  # the accounts are ACTIVE
    app = FastAPI()
    api.install(app, face, InKindMints(team.db, face.clock, team.venue, None, {}))  # type: ignore[arg-type]
    return app, TestClient(app, raise_server_exceptions=False)


def test_a_partner_cannot_see_list_trade_fund_or_journal_another_partners_accounts(team: Team) -> None:
    alice, bob = KEYS
    app, client = face_client(team)
    with team.db.read() as s:
        theirs = accounts.get(s, team.customer[alice]).external_id
        their_firm = accounts.get(s, team.firm[alice]).external_id
        mine = accounts.get(s, team.customer[bob]).external_id
        [resting] = orders.open_orders(s, team.customer[alice], 10)
    as_alice, as_bob = (alice, f"{alice}-secret"), (bob, f"{bob}-secret")
    journal = client.post("/v1/journals", auth=as_alice, json={
        "from_account": their_firm, "to_account": theirs, "entry_type": "JNLC", "amount": "5"})
    assert journal.status_code == 200, journal.text
    before = {key: team.books_of(key) for key in KEYS}

    tried = 0
    for route in app.routes:
        if not isinstance(route, APIRoute) or "{account}" not in route.path:
            continue
        path = (route.path.replace("{account}", theirs).replace("{order_id}", external(resting.order_id))
                .replace("{symbol_or_asset_id}", "AAPL"))
        for name in ("relationship_id", "bank_id", "transfer_id", "form", "request_id"):
            path = path.replace("{" + name + "}", "x")
        for method in route.methods or ():
            body = BODIES.get((method, route.path), BODY)
            reply = client.request(method, path, auth=as_bob, json=body, params=QUERY)
            allowed = {403, 404} if any(c in path for c in CALLBACKS) else {404}
            assert reply.status_code in allowed, (method, route.path, reply.status_code, reply.text)
            tried += 1
    assert tried >= 30

    listed = client.get("/v1/accounts", auth=as_bob).json()
    assert theirs not in {a["id"] for a in listed} and mine in {a["id"] for a in listed}
    refusals = [
        client.post("/v1/journals", auth=as_bob, json={
            "from_account": mine, "to_account": theirs, "entry_type": "JNLC", "amount": "5"}),
        client.post("/v1/journals/batch", auth=as_bob, json={
            "from_account": mine, "entry_type": "JNLC", "entries": [{"to_account": theirs, "amount": "5"}]}),
        client.get(f"/v1/journals/{journal.json()['id']}", auth=as_bob),
        client.delete(f"/v1/journals/{journal.json()['id']}", auth=as_bob),
        client.get("/v1/journals", params={"to_account": theirs}, auth=as_bob),
        client.get("/v1/accounts/activities", params={"account_id": theirs}, auth=as_bob),
    ]
    assert [r.status_code for r in refusals] == [404] * len(refusals), [r.text for r in refusals]
    assert journal.json()["id"] not in {j["id"] for j in client.get(
        "/v1/journals", auth=as_bob).json()}
    assert {key: team.books_of(key) for key in KEYS} == before                # nothing changed, on either side

    team.reset(alice)                                                          # and a reset hides them from alice
    ids = {a["id"] for a in client.get("/v1/accounts", auth=as_alice).json()}
    assert ids == {their_firm}
    assert client.get(f"/v1/accounts/{theirs}", auth=as_alice).status_code == 404


def external(internal_id: str) -> str:
    return accounts.external_id(internal_id)
