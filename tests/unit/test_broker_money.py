"""The broker's money rules: ACH relationships and transfers, journals (cash and settled shares,
the firm account), the activity feed's order and paging, and the JSON the face writes for them
as `alpaca-py`'s models parse it."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alpaca.broker.client import BrokerClient
from alpaca.broker.models import ACHRelationship, Journal, Transfer
from alpaca.trading.models import Asset, NonTradeActivity, TradeActivity
from fivelayer.broker import accounts, activities, approvals, funding, journals, orders
from fivelayer.broker.api import accounts as api_accounts
from fivelayer.broker.api import market, money
from fivelayer.broker.models import AccountRow, AccountStatus, JournalRow, JournalStatus, OrderRow, TransferRow
from fivelayer.control.marketdata import UNIVERSE
from fivelayer.kernel import calendar
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.outbox import OutboxEvent
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS
from sqlmodel import Session, select

FRIDAY_EVENING = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
MONDAY_MIDDAY = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
TUESDAY_SYNC = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)
LATER = FRIDAY_EVENING + timedelta(minutes=1)
ROUTING = "121000358"   # a routing number whose ABA check digit holds
D = Decimal


class Prices:
    def __init__(self, price: str = "100.00") -> None:
        self.quote = D(price)

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        return self.quote, calendar.market_open_at(at)


class World:
    """A broker database with one partner's firm account and two customers, and another's customer."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as s:
            self.firm = journals.ensure_firm_account(s, FRIDAY_EVENING, 7, "PK1", "Acme").account_id
            self.ada, self.ada_key = self._customer(s, "Ada", "PK1")
            self.bo, _ = self._customer(s, "Bo", "PK1")
            self.stranger, _ = self._customer(s, "Cy", "PK2")

    @staticmethod
    def _customer(s: Session, name: str, partner: str) -> tuple[str, str]:
        row, key = accounts.open_account(s, FRIDAY_EVENING, 7, name, "individual")
        row.correspondent, row.external_id = partner, accounts.external_id(row.account_id)
        s.add(row)
        return row.account_id, key

    def cash(self, account_id: str) -> Decimal:
        with self.db.read() as s:
            return Ledger(s).balance(accounts.cash(account_id), "USD")

    def link(self, account_id: str, at: datetime = FRIDAY_EVENING) -> str:
        with self.db.transaction() as s:
            return funding.create_relationship(s, at, account_id, owner_name="Ada Lovelace", account_type="CHECKING",
                                               account_number="123456789", routing_number=ROUTING).relationship_id

    def transfer(self, account_id: str, link: str, direction: str, amount: str, at: datetime = LATER,
                 prices: Prices | None = None) -> TransferRow:
        with self.db.transaction() as s:
            return funding.create_transfer(s, at, prices or Prices(), account_id=account_id, relationship_id=link,
                                           direction=direction, raw_amount=amount)

    def journal(self, at: datetime = LATER, **terms: object) -> JournalRow:
        with self.db.transaction() as s:
            return journals.execute(s, at, prices=Prices(), **terms)  # type: ignore[arg-type]

    def buy(self, account_id: str, key: str, quantity: str, at: datetime, cid: str) -> OrderRow:
        with self.db.transaction() as s:
            return orders.place(s, Prices(), at, client_order_id=cid, account_id=account_id, api_key=key,
                                symbol="AAPL", side="buy", raw_quantity=quantity)

    def events(self, kind: str) -> list[str]:
        with self.db.read() as s:
            return [e.payload for e in s.exec(select(OutboxEvent).where(OutboxEvent.type == kind))]


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(Database(f"sqlite:///{tmp_path}/broker.db"))


def refused(reason: str, call: Callable[..., object], *args: object, **kwargs: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.reason == reason, caught.value
    return caught.value


# ---------------------------------------------------------------------------------------- funding


def test_routing_numbers_need_nine_digits_and_the_aba_check_digit() -> None:
    assert funding.routing_number_ok(ROUTING) and funding.routing_number_ok("011000015")
    assert not funding.routing_number_ok("123456789")      # nine digits, wrong check digit
    assert not funding.routing_number_ok("12100035") and not funding.routing_number_ok("12100035x")


def test_a_relationship_is_approved_at_once_and_only_one_is_live(world: World) -> None:
    link = world.link(world.ada)
    with world.db.read() as s:
        assert funding.relationship_status(funding.relationship(s, world.ada, link), FRIDAY_EVENING) == "APPROVED"
    world.transfer(world.ada, link, "INCOMING", "10", at=FRIDAY_EVENING)
    refused("ACH_RELATIONSHIP_EXISTS", world.link, world.ada)
    with world.db.transaction() as s:
        funding.cancel_relationship(s, LATER, world.ada, link)
        assert funding.relationships(s, LATER, world.ada) == []
        assert [r.relationship_id for r in funding.relationships(s, LATER, world.ada, ("CANCELED",))] == [link]
    assert "CANCELED" in refused("ACH_RELATIONSHIP_NOT_APPROVED", world.transfer, world.ada, link, "INCOMING",
                                 "10").message
    with world.db.transaction() as s:
        refused("ACH_RELATIONSHIP_CANCELED", funding.cancel_relationship, s, LATER, world.ada, link)
    world.link(world.ada, LATER)                              # a new one, once the old is canceled


def test_bad_bank_details_are_refused_plainly(world: World) -> None:
    def link(**change: str) -> None:
        details = {"owner_name": "Ada", "account_type": "CHECKING", "account_number": "123456789",
                   "routing_number": ROUTING, **change}
        with world.db.transaction() as s:
            funding.create_relationship(s, FRIDAY_EVENING, world.ada, **details)

    assert "check digit" in refused("INVALID_ARGUMENT", link, routing_number="123456789").message
    assert "CHECKING or SAVINGS" in refused("INVALID_ARGUMENT", link, account_type="BROKERAGE").message
    refused("INVALID_ARGUMENT", link, account_number="12ab")
    refused("INVALID_ARGUMENT", link, owner_name=" ")


def test_frozen_and_estate_accounts_show_alpacas_disabled_and_closed(world: World) -> None:
    active_at = FRIDAY_EVENING + approvals.ACTIVATION
    with world.db.transaction() as s:
        row = accounts.get(s, world.bo)
        assert approvals.status_at(row, active_at) == "ACTIVE"
        for status, shown in ((AccountStatus.FROZEN, "DISABLED"), (AccountStatus.ESTATE, "ACCOUNT_CLOSED"),
                               (AccountStatus.ACTIVE, "ACTIVE")):
            accounts.set_status(s, active_at, world.bo, status, "a court order")
            assert approvals.status_at(accounts.get(s, world.bo), active_at) == shown, status
        row.application = json.dumps({"fixture": "rejected"})          # Alpaca's sandbox fixture, as kept
        assert approvals.status_at(row, active_at) == "REJECTED"
    assert approvals.broker_status("closed") == "ACCOUNT_CLOSED"


def test_alpacas_sandbox_fixtures_and_documents_are_read_from_an_application() -> None:
    assert api_accounts.fixture({"additional_information": "/fixtures/status=REJECTED/fixtures/"}) == "rejected"
    assert api_accounts.fixture({"additional_information": "/fixtures/status=ACTION_REQUIRED/fixtures/"}) == \
        "action_required"
    assert api_accounts.fixture({"additional_information": "wire details"}) == api_accounts.fixture({}) == ""
    assert "DISABLED" in refused("UNSUPPORTED", api_accounts.fixture,
                                 {"additional_information": "/fixtures/status=DISABLED/fixtures/"}).message
    refused("INVALID_ARGUMENT", api_accounts.fixture, {"additional_information": 7})
    assert api_accounts.documents_kept([{"document_type": "w8ben", "content_data": {"full_name": "John Doe"},
                                         "mime_type": "application/json"}]) == [
        {"document_type": "w8ben", "mime_type": "application/json"}]           # the form's content is not kept
    refused("INVALID_ARGUMENT", api_accounts.documents_kept, [{"content": "JVBERi0K"}])
    refused("INVALID_ARGUMENT", api_accounts.documents_kept, "w8ben")


def test_account_numbers_as_alpacas_own_examples_write_them_are_taken() -> None:
    assert funding.bank_account_number_ok("32131231abc") and funding.bank_account_number_ok("123456789abc")
    assert funding.bank_account_number_ok("1234") and funding.bank_account_number_ok("1" * 17)
    for bad in ("12ab", "123", "abc1234", "1" * 18, "1234 56", "12345678abc-"):
        assert not funding.bank_account_number_ok(bad), bad


def test_recipient_banks_are_kept_listed_and_deleted(world: World) -> None:
    def bank(**change: Any) -> str:
        details: dict[str, Any] = {"name": "Bank XYZ", "bank_code_type": "ABA", "bank_code": "123456789",
                                   "account_number": "123456789abc", **change}
        with world.db.transaction() as s:
            return funding.create_bank(s, FRIDAY_EVENING, world.ada, **details).bank_id

    domestic = bank()                                   # Alpaca's example: no ABA check digit asked of it
    abroad = bank(bank_code_type="BIC", bank_code="DEUTDEFF500", address={
        "country": "DEU", "state_province": "HE", "postal_code": "60325", "city": "Frankfurt",
        "street_address": "Taunusanlage 12"})
    assert "9-digit" in refused("INVALID_ARGUMENT", bank, bank_code="12345678").message
    assert "ABA or BIC" in refused("INVALID_ARGUMENT", bank, bank_code_type="IBAN").message
    assert "country is required" in refused("INVALID_ARGUMENT", bank, bank_code_type="BIC",
                                            bank_code="DEUTDEFF").message
    refused("INVALID_ARGUMENT", bank, account_number="12ab")
    refused("INVALID_ARGUMENT", bank, name=" ")
    with world.db.read() as s:
        assert {b.bank_id for b in funding.banks(s, world.ada)} == {abroad, domestic}
        assert [funding.bank_status(b) for b in funding.banks(s, world.ada)] == ["APPROVED", "APPROVED"]
        refused("INVALID_ARGUMENT", funding.banks, s, world.ada, "QUEUED")
    with world.db.transaction() as s:
        funding.cancel_bank(s, LATER, world.ada, domestic)
        refused("NOT_FOUND", funding.cancel_bank, s, LATER, world.ada, domestic)
        refused("NOT_FOUND", funding.cancel_bank, s, LATER, world.bo, abroad)   # another account's bank
    with world.db.read() as s:
        assert [b.bank_id for b in funding.banks(s, world.ada)] == [abroad]
        assert [funding.bank_status(b) for b in funding.banks(s, world.ada, "INACTIVE")] == ["CANCELED"]
    assert len(world.events("recipient_bank.created")) == 2 and len(world.events("recipient_bank.canceled")) == 1


def test_incoming_ach_credits_at_once_and_outgoing_only_withdrawable_cash(world: World) -> None:
    link = world.link(world.ada)
    deposit = world.transfer(world.ada, link, "INCOMING", "1000.50")
    assert (deposit.status, deposit.completed_at) == ("COMPLETE", LATER) and world.cash(world.ada) == D("1000.50")
    assert len(world.events("transfer.queued")) == len(world.events("transfer.completed")) == 1
    world.buy(world.ada, world.ada_key, "5", LATER, "b1")     # Friday evening: waits, holding 500 USD back
    message = refused("INSUFFICIENT_FUNDS", world.transfer, world.ada, link, "OUTGOING", "600").message
    assert "500.50 USD withdrawable" in message
    withdrawal = world.transfer(world.ada, link, "OUTGOING", "500.50", at=LATER + timedelta(seconds=1))
    assert withdrawal.status == "COMPLETE" and world.cash(world.ada) == D("500")
    message = refused("TRANSFER_NOT_CANCELABLE", _cancel_transfer, world, deposit.transfer_id).message
    assert "only a QUEUED transfer" in message
    with world.db.read() as s:
        assert [t.direction for t in funding.transfers(s, world.ada)] == ["OUTGOING", "INCOMING"]  # newest first
        assert [t.direction for t in funding.transfers(s, world.ada, "INCOMING")] == ["INCOMING"]
        assert prove(s)[0]


def _cancel_transfer(world: World, transfer_id: str) -> None:
    with world.db.transaction() as s:
        funding.cancel_transfer(s, LATER, world.ada, transfer_id)


@pytest.mark.parametrize(("amount", "reason", "words"), [
    ("50000000.01", "INVALID_AMOUNT", "at most 50,000,000"), ("10.001", "TOO_MANY_DECIMALS", "2 decimal"),
    ("-5", "INVALID_AMOUNT", "positive"), ("0", "INVALID_AMOUNT", "positive"), ("ten", "INVALID_AMOUNT", "number")])
def test_transfer_amounts_are_bounded_exact_cents(world: World, amount: str, reason: str, words: str) -> None:
    link = world.link(world.ada)
    assert words in refused(reason, world.transfer, world.ada, link, "INCOMING", amount).message
    assert world.cash(world.ada) == 0 and world.events("transfer.queued") == []


def test_the_largest_transfer_is_fifty_million(world: World) -> None:
    assert world.transfer(world.ada, world.link(world.ada), "INCOMING", "50000000").amount == D(50_000_000)


# --------------------------------------------------------------------------------------- journals


def test_the_firm_account_is_opened_once_with_a_million(world: World) -> None:
    with world.db.transaction() as s:
        again = journals.ensure_firm_account(s, LATER, 7, "PK1", "Acme")
        other = journals.ensure_firm_account(s, LATER, 7, "PK2", "Beta")
    assert again.account_id == world.firm and again.kind == "firm" and again.correspondent == "PK1"
    assert other.account_id != world.firm
    assert world.cash(world.firm) == D(1_000_000) and world.cash(other.account_id) == D(1_000_000)
    with world.db.transaction() as s:
        refused("INVALID_ARGUMENT", accounts.open_account, s, LATER, 7, "Eve", "firm")  # not through CreateAccount


def test_cash_journals_move_withdrawable_cash_and_refuse_an_overdraft(world: World) -> None:
    row = world.journal(entry_type="JNLC", from_account=world.firm, to_account=world.ada, amount="250.25",
                        description="welcome bonus", partner="PK1")
    assert (row.status, row.executed_at, row.amount) == ("executed", LATER, D("250.25"))
    assert world.cash(world.ada) == D("250.25") and world.cash(world.firm) == D("999749.75")
    message = refused("INSUFFICIENT_FUNDS", world.journal, entry_type="JNLC", from_account=world.ada,
                      to_account=world.bo, amount="300").message
    assert "250.25 USD withdrawable" in message and world.cash(world.bo) == 0
    world.buy(world.ada, world.ada_key, "2", LATER, "b1")    # waits for Monday, holding 200 USD back
    refused("INSUFFICIENT_FUNDS", world.journal, entry_type="JNLC", from_account=world.ada, to_account=world.bo,
            amount="50.26")
    world.journal(entry_type="JNLC", from_account=world.ada, to_account=world.bo, amount="50.25")
    assert world.cash(world.bo) == D("50.25")
    assert len(world.events("journal.executed")) == 2


def test_journals_stay_inside_one_partner_and_between_two_active_accounts(world: World) -> None:
    cash: dict[str, Any] = {"entry_type": "JNLC", "amount": "1"}
    message = refused("PERMISSION_DENIED", world.journal, from_account=world.firm, to_account=world.stranger,
                      partner="PK1", **cash).message
    assert world.stranger in message and world.cash(world.stranger) == 0
    world.journal(from_account=world.firm, to_account=world.stranger, **cash)   # the broker itself may
    refused("INVALID_ARGUMENT", world.journal, from_account=world.firm, to_account=world.firm, **cash)
    with world.db.transaction() as s:
        accounts.set_status(s, LATER, world.bo, AccountStatus.FROZEN, "a court order")
    refused("ACCOUNT_FROZEN", world.journal, from_account=world.firm, to_account=world.bo, **cash)
    refused("INVALID_ARGUMENT", world.journal, from_account=world.firm, to_account=world.ada, entry_type="JNLC",
            amount="1", symbol="AAPL")
    refused("UNKNOWN_SYMBOL", world.journal, from_account=world.ada, to_account=world.bo, entry_type="JNLS",
            symbol="ZZZZ", qty="1")
    refused("INVALID_AMOUNT", world.journal, from_account=world.firm, to_account=world.ada, entry_type="JNLC",
            amount="50000000.01")


def test_only_settled_shares_can_be_journaled(world: World) -> None:
    world.journal(entry_type="JNLC", from_account=world.firm, to_account=world.ada, amount="2000")
    buy = world.buy(world.ada, world.ada_key, "10", MONDAY_MIDDAY, "b1")       # fills at once, settles Tuesday
    assert buy.status == "filled"
    shares = {"entry_type": "JNLS", "from_account": world.ada, "to_account": world.bo, "symbol": "AAPL"}
    message = refused("INSUFFICIENT_POSITION", world.journal, at=MONDAY_MIDDAY, qty="1", **shares).message
    assert "only settled shares can be journaled" in message and "10 more are bought and not yet settled" in message
    with world.db.transaction() as s:
        assert orders.settle_due(s, {"2026-11-24": {buy.order_id}}, TUESDAY_SYNC) == 1
    row = world.journal(at=TUESDAY_SYNC, qty="3.5", **shares)
    assert (row.status, row.qty, row.symbol) == ("executed", D("3.5"), "AAPL")
    with world.db.read() as s:
        assert orders.positions(s, world.bo) == [("AAPL", D("3.5"), D(0))]
        assert orders.positions(s, world.ada) == [("AAPL", D("6.5"), D(0))]
    refused("INSUFFICIENT_POSITION", world.journal, at=TUESDAY_SYNC, qty="6.6", **shares)


def test_a_refused_journal_is_kept_rejected_and_an_executed_one_cannot_be_canceled(world: World) -> None:
    terms = {"entry_type": "JNLC", "from_account": world.ada, "to_account": world.bo, "amount": "5"}
    error = refused("INSUFFICIENT_FUNDS", world.journal, **terms)
    with world.db.transaction() as s:
        rejected = journals.reject(s, LATER, error, **terms)
        assert rejected is not None and rejected.status == "rejected" and "withdrawable" in rejected.reason
        assert journals.reject(s, LATER, DomainError(Common.INVALID_ARGUMENT, "x"), **terms) is None
    assert len(world.events("journal.rejected")) == 1
    row = world.journal(entry_type="JNLC", from_account=world.firm, to_account=world.ada, amount="5")
    with world.db.transaction() as s:
        message = refused("JOURNAL_NOT_CANCELABLE", journals.cancel, s, LATER, journals.get(s, row.journal_id)).message
        assert "only a pending journal" in message
        assert [j.status for j in journals.listed(s, "PK1")] in (["executed", "rejected"], ["rejected", "executed"])
        assert [j.journal_id for j in journals.listed(s, "PK1", status=JournalStatus.EXECUTED)] == [row.journal_id]
        assert journals.listed(s, "PK2") == []
        assert len(journals.listed(s, "PK1", after=LATER.date(), before=LATER.date())) == 2
        assert journals.listed(s, "PK1", after=LATER.date() + timedelta(days=1)) == []


# ------------------------------------------------------------------------------------- activities


def activity(at: datetime, key: str, kind: str = "CSD") -> activities.Activity:
    return activities.Activity(at, key, kind, "acct-000001", {})


def test_activity_ids_sort_by_time_and_pages_walk_them_once_in_either_direction() -> None:
    base = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
    items = [activity(base + timedelta(milliseconds=i // 3), f"k{i}", "CSD" if i % 2 else "JNLC") for i in range(10)]
    assert items[0].id.startswith("20261120220000000::") and items[9].id.startswith("20261120220000003::")
    for ascending in (True, False):
        seen: list[str] = []
        token = ""
        while True:
            got = activities.page(items, activities.Window(ascending=ascending, token=token, size=3))
            if not got:
                break
            seen += [a.id for a in got]
            token = got[-1].id
        assert seen == sorted((a.id for a in items), reverse=not ascending)
    only = activities.page(items, activities.Window(size=100), frozenset({"JNLC"}))
    assert {a.activity_type for a in only} == {"JNLC"} and len(only) == 5
    window = activities.Window(start=base + timedelta(milliseconds=1), end=base + timedelta(milliseconds=3))
    assert {a.key for a in activities.page(items, window)} == {f"k{i}" for i in range(3, 9)}
    refused("INVALID_ARGUMENT", activities.Window, size=101)
    refused("INVALID_ARGUMENT", activities.Window, token="yesterday")


def test_the_feed_lists_wires_transfers_journals_and_fills_newest_first(world: World) -> None:
    with world.db.transaction() as s:
        accounts.fund(s, FRIDAY_EVENING, world.ada, "100")
    world.transfer(world.ada, world.link(world.ada), "INCOMING", "1000")
    world.journal(at=LATER + timedelta(seconds=1), entry_type="JNLC", from_account=world.ada, to_account=world.bo,
                  amount="10")
    buy = world.buy(world.ada, world.ada_key, "1", MONDAY_MIDDAY, "b1")
    with world.db.read() as s:
        feed = activities.feed(s, activities.Scope("PK1", world.ada), activities.Window())
        assert [(a.activity_type, a.fields.get("net_amount")) for a in feed] == [
            ("FILL", None), ("JNLC", D(-10)), ("CSD", D(1000)), ("CSD", D(100))]
        assert feed[0].fields["order_id"] == accounts.external_id(buy.order_id)
        everyone = activities.feed(s, activities.Scope("PK1"), activities.Window(ascending=True))
        customers = [a for a in everyone if a.account_id != world.firm]
        assert [a.activity_type for a in customers] == ["CSD", "CSD", "JNLC", "JNLC", "FILL"]
        assert {a.account_id for a in customers[2:4]} == {world.ada, world.bo}   # one journal, both its sides
        assert [a.activity_type for a in everyone if a.account_id == world.firm] == ["CSD"]   # its million
        assert activities.feed(s, activities.Scope("PK2"), activities.Window()) == []
        cash_out = activities.feed(s, activities.Scope("PK1", world.ada), activities.Window(), frozenset({"CSW"}))
        assert cash_out == []


def test_the_feed_pages_through_many_activities_of_one_instant(world: World) -> None:
    """A paused sandbox clock stamps many activities alike: paging still yields each once."""
    for _ in range(7):
        world.journal(at=LATER, entry_type="JNLC", from_account=world.firm, to_account=world.ada, amount="1")
    with world.db.transaction() as s:
        accounts.fund(s, LATER + timedelta(seconds=5), world.ada, "1")
    with world.db.read() as s:
        whole = activities.feed(s, activities.Scope("PK1", world.ada), activities.Window(ascending=True))
        for ascending in (True, False):
            seen, token = [], ""
            while got := activities.feed(s, activities.Scope("PK1", world.ada),
                                         activities.Window(ascending=ascending, token=token, size=2)):
                seen += [a.id for a in got]
                token = got[-1].id
            assert seen == sorted((a.id for a in whole), reverse=not ascending) and len(seen) == 8


# ------------------------------------------------------------------------------ the face's shapes


def test_the_json_of_money_parses_in_the_sdk_models(world: World) -> None:
    link = world.link(world.ada)
    moved = world.transfer(world.ada, link, "INCOMING", "1000")
    cash = world.journal(entry_type="JNLC", from_account=world.ada, to_account=world.bo, amount="10")
    buy = world.buy(world.ada, world.ada_key, "1.5", MONDAY_MIDDAY, "b1")
    with world.db.transaction() as s:
        orders.settle_due(s, {"2026-11-24": {buy.order_id}}, TUESDAY_SYNC)
        row = funding.relationship(s, world.ada, link)
    shares = world.journal(at=TUESDAY_SYNC, entry_type="JNLS", from_account=world.ada, to_account=world.bo,
                           symbol="AAPL", qty="0.5")
    assert ACHRelationship(**money.relationship_json(row, LATER)).status == "APPROVED"
    assert Transfer(**money.transfer_json(moved)).amount == "1000"
    assert Journal(**money.journal_json(cash)).net_amount == 10
    parsed = Journal(**money.journal_json(shares))
    assert (parsed.symbol, parsed.qty, str(parsed.status.value)) == ("AAPL", 0.5, "executed")
    with world.db.read() as s:
        feed = activities.feed(s, activities.Scope("PK1", world.ada), activities.Window())
    kinds = [BrokerClient._parse_activity(money.activity_json(a)) for a in feed]
    assert [type(k) for k in kinds] == [NonTradeActivity, TradeActivity, NonTradeActivity, NonTradeActivity]
    assert [k.activity_type.value for k in kinds] == ["JNLS", "FILL", "JNLC", "CSD"]
    assert Asset(**market.asset_json("SPY")).exchange.value == "ARCA"


def test_the_listed_universe_is_the_one_control_prices() -> None:
    assert set(LISTINGS) == set(UNIVERSE)
    assert market.find_asset("aapl") == "AAPL" and market.find_asset(market.asset_id("TSLA")) == "TSLA"
    refused("NOT_FOUND", market.find_asset, "ZZZZ")


def test_money_moves_only_in_an_active_application(world: World) -> None:
    with world.db.read() as s:
        ada, firm = s.get(AccountRow, world.ada), s.get(AccountRow, world.firm)
    assert ada is not None and firm is not None
    ada.application = '{"contact": {"email_address": "ada@example.com"}}'
    assert "SUBMITTED" in refused("ACCOUNT_NOT_ACTIVE", money.movable, ada, FRIDAY_EVENING).message
    assert money.movable(ada, FRIDAY_EVENING + timedelta(minutes=2)) is ada
    assert money.movable(firm, FRIDAY_EVENING) is firm
