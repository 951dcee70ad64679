"""Withholding at the broker (issue 17): the rate of each tax status and treaty country applied to
the gross and rounded to the nearest cent, halves up; the tax deposited with the IRS monthly, so
the payable accounts empty; each recipient's year-end statement sums what it was paid and withheld."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import accounts, tax, withholding
from fivelayer.broker import corporate_actions as ca
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.models import AccountRow
from fivelayer.broker.service import BrokerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.countries import COUNTRIES
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import USD_PLACES, round_down
from fivelayer.kernel.outbox import OutboxEvent, fields
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2
from sqlmodel import select

D = Decimal
OPENED = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
NOV_PAY = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)      # the broker's 10:00 ET allocation run
DEC_PAY = datetime(2026, 12, 21, 15, 0, tzinfo=UTC)
DEC_DUE = datetime(2026, 12, 15, 17, 0, tzinfo=UTC)      # noon ET on the 15th (a Tuesday)
JAN_DUE = datetime(2027, 1, 15, 17, 0, tzinfo=UTC)       # a Friday


# --- rounding ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("gross", "rate", "withheld"), [
    ("0.01", "0.3", "0.00"),       # 0.003: nothing (rounded up, it was 0.01, a 100% rate)
    ("0.05", "0.3", "0.02"),       # 0.015: the half rounds up
    ("0.04", "0.3", "0.01"),       # 0.012
    ("0.03", "0.15", "0.00"),      # 0.0045
    ("0.10", "0.15", "0.02"),      # 0.015
    ("0.49", "0.3", "0.15"),       # 0.147
    ("1.89", "0.3", "0.57"),       # 0.567
    ("2.60", "0.24", "0.62"),      # 0.624
    ("2.60", "0.3", "0.78"),       # exact
    ("3.25", "0", "0.00"),
])
def test_tax_is_the_rate_on_the_gross_to_the_nearest_cent_halves_up(gross: str, rate: str, withheld: str) -> None:
    assert tax.withhold(D(gross), D(rate)) == D(withheld)
    assert ca.withholding(D(gross), D(rate)) == D(withheld)          # the allocation uses the same rule


def test_rounding_never_takes_more_than_half_a_cent_over_the_rate() -> None:
    for cents in range(1, 301):
        gross = D(cents) / 100
        for rate in (D("0.3"), D("0.24"), D("0.15"), D("0.1"), D("0.25")):
            assert abs(tax.withhold(gross, rate) - gross * rate) <= D("0.005")


# --- statuses and the treaty table -----------------------------------------------------------------------

@pytest.mark.parametrize(("status", "country", "rate", "form"), [
    ("w9", "", "0", "1099-DIV"),
    ("w9", "FRA", "0", "1099-DIV"),                    # a US citizen living in France: still a US person
    ("undocumented_us", "USA", "0.24", "1099-DIV"),    # backup withholding
    ("undocumented_foreign", "", "0.3", "1042-S"),     # presumed foreign
    ("w8ben", "GBR", "0.15", "1042-S"),
    ("w8ben", "DEU", "0.15", "1042-S"),
    ("w8ben", "FRA", "0.15", "1042-S"),
    ("w8ben", "CAN", "0.15", "1042-S"),
    ("w8ben", "JPN", "0.10", "1042-S"),
    ("w8ben", "MEX", "0.10", "1042-S"),
    ("w8ben", "IND", "0.25", "1042-S"),
    ("w8ben", "TUR", "0.20", "1042-S"),
    ("w8ben", "SGP", "0.3", "1042-S"),                 # no US income tax treaty
    ("w8ben_e", "JEY", "0.3", "1042-S"),               # a Jersey SPV
    (" W8BEN ", "gbr", "0.15", "1042-S"),              # spelled loosely, read the same
])
def test_each_status_and_country_comes_to_its_rate(status: str, country: str, rate: str, form: str) -> None:
    got = tax.withholding_for(status, country)
    assert (got.rate, got.form) == (D(rate), form)
    assert got.status == status.strip().lower() and got.country == country.strip().upper()
    assert got.basis


def test_the_treaty_table_is_real_data_with_its_source() -> None:
    assert len(tax.TREATIES) >= 10 and "Table 1" in tax.TREATY_SOURCE and "income code 06" in tax.TREATY_SOURCE
    for code, treaty in tax.TREATIES.items():
        assert code == treaty.country and code in COUNTRIES and code != "USA"
        assert D("0") < treaty.rate < tax.STATUTORY_RATE
    assert {c: tax.TREATIES[c].rate for c in ("GBR", "DEU", "FRA", "JPN", "CAN", "CHN")} == {
        "GBR": D("0.15"), "DEU": D("0.15"), "FRA": D("0.15"), "JPN": D("0.10"), "CAN": D("0.15"), "CHN": D("0.10")}
    assert "treaty rate on portfolio dividends 15%" in tax.withholding_for("w8ben", "GBR").basis
    assert "no US income tax treaty" in tax.withholding_for("w8ben", "ARE").basis


@pytest.mark.parametrize(("status", "country", "reason", "words"), [
    ("us_person", "", "UNKNOWN_TAX_STATUS", "is not one of w9"),
    ("foreign_treaty", "GBR", "UNKNOWN_TAX_STATUS", "w8ben"),
    ("w8ben", "", "INVALID_ARGUMENT", "names the beneficial owner's country"),
    ("w8ben", "USA", "INVALID_ARGUMENT", "a US person certifies on a W-9"),
    ("w8ben", "XYZ", "UNKNOWN_COUNTRY", "not an ISO 3166-1 alpha-3"),
    ("w8ben", "GB", "UNKNOWN_COUNTRY", "three letters"),
    ("w9", "UK", "UNKNOWN_COUNTRY", "not an ISO 3166-1 alpha-3"),
])
def test_bad_input_gets_a_specific_error(status: str, country: str, reason: str, words: str) -> None:
    with pytest.raises(DomainError) as refused:
        tax.withholding_for(status, country)
    assert refused.value.reason == reason and words in str(refused.value)


def test_default_status_of_an_account_opened_without_one() -> None:
    assert tax.default_status("individual") == "w9"
    assert tax.default_status("individual", "USA") == "w9"
    assert tax.default_status("individual", "JPN") == "w8ben"
    assert tax.default_status("individual", "USA", documented=False) == "undocumented_us"
    assert tax.default_status("individual", "JPN", documented=False) == "undocumented_foreign"
    assert tax.default_status("institutional") == "undocumented_foreign"
    assert tax.default_status("institutional", "USA") == "undocumented_us"
    assert tax.default_status("firm") == "w9"                                   # a correspondent's sweep account
    with pytest.raises(DomainError, match="not an ISO"):
        tax.default_status("individual", "Germany")


def test_a_months_tax_is_due_on_the_15th_or_the_next_bank_day() -> None:
    assert tax.deposit_due("2026-11") == DEC_DUE
    assert tax.deposit_due("2026-12") == JAN_DUE
    assert tax.deposit_due("2026-07").date() == date(2026, 8, 17)      # the 15th a Saturday
    assert tax.deposit_due("2027-01").date() == date(2027, 2, 16)      # the 15th Presidents' Day
    assert tax.period_of(datetime(2026, 12, 1, 4, 59, tzinfo=UTC)) == "2026-11"   # still November in New York


# --- the broker's books: a dividend, the deposits, the statements ---------------------------------------

class Venue:
    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        return D(100), False

    def report_fills(self, orders: object) -> None:
        pass

    def settled_refs(self, settlement_date: str) -> set[str]:
        return set()


class World:
    def __init__(self, tmp_path: Path) -> None:
        self.db = Database(f"sqlite:///{tmp_path}/broker.db")
        self.ids: dict[str, str] = {}
        for name, kind, country, status in [("ada", "individual", "", ""), ("gil", "individual", "GBR", ""),
                                            ("sam", "individual", "SGP", ""),
                                            ("ulf", "individual", "USA", "undocumented_us"),
                                            ("spv", "institutional", "", "")]:
            with self.db.transaction() as s:
                row, _ = accounts.open_account(s, OPENED, 7, name, kind, country=country, tax_status=status)
                Ledger(s).post([(f"cust:{row.account_id}", "AAPL", D(10)), ("@dtc", "AAPL", D(-10))], at=OPENED,
                               transfer_id=f"seed:{name}")
            self.ids[name] = row.account_id

    def pay(self, action_id: str, amount: str, record_date: str, pay_date: str, at: datetime) -> ca.Allocation:
        dtc = ca.Credit(action_id, D(50), round_down(D(50) * D(amount), USD_PLACES), paid=True)
        with self.db.transaction() as s:
            return ca.pay_dividend(s, at, ca.Action(action_id, "dividend", "AAPL", amount=D(amount),
                                                    record_date=record_date, pay_date=pay_date), dtc)

    def balance(self, account: str) -> Decimal:
        with self.db.read() as s:
            return Ledger(s).balance(account, "USD")

    def events(self, kind: str) -> list[dict[str, str]]:
        with self.db.read() as s:
            return [fields("broker", e) for e in s.exec(select(OutboxEvent).where(OutboxEvent.type == kind))]


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_each_customer_is_withheld_at_its_status_and_the_deposits_empty_the_accounts(world: World) -> None:
    ids = world.ids
    paid = world.pay("ca-1", "0.26", "2026-11-25", "2026-11-30", NOV_PAY)       # 2.60 gross each
    assert {line.account_id: (line.withheld, line.backup) for line in paid.lines} == {
        ids["ada"]: (D("0"), False), ids["gil"]: (D("0.39"), False), ids["sam"]: (D("0.78"), False),
        ids["ulf"]: (D("0.62"), True), ids["spv"]: (D("0.78"), False)}
    assert world.balance(ca.WITHHOLDING) == D("1.95") and world.balance(ca.BACKUP_WITHHOLDING) == D("0.62")
    with world.db.read() as s:
        notices = {n.account_id: n for n in ca.notices(s, ca.NoticeFilter(kind="dividend"))}
    assert (notices[ids["gil"]].tax_status, notices[ids["gil"]].tax_country) == ("w8ben", "GBR")
    assert notices[ids["ulf"]].tax_status == "undocumented_us"

    job = next(j for j in broker_jobs(world.db, Venue()).jobs if j.name == "tax-deposit")
    assert job.next_fire(NOV_PAY) == DEC_DUE                                   # the 15th of the next month
    assert job.run(DEC_DUE) == "Form 1042 2026-11: 1.95 to the IRS; Form 945 2026-11: 0.62 to the IRS"
    assert (world.balance(ca.WITHHOLDING), world.balance(ca.BACKUP_WITHHOLDING)) == (D(0), D(0))   # emptied
    assert job.next_fire(DEC_DUE) is None                                      # nothing waits: no job

    with world.db.transaction() as s:                                          # sam hands in a W-9 in December
        accounts.set_tax_profile(s, DEC_PAY, ids["sam"], "w9")
    small = world.pay("ca-2", "0.005", "2026-12-16", "2026-12-21", DEC_PAY)     # 0.05 gross each
    assert {line.account_id: line.withheld for line in small.lines} == {
        ids["ada"]: D("0"), ids["gil"]: D("0.01"), ids["sam"]: D("0"), ids["ulf"]: D("0.01"),
        ids["spv"]: D("0.02")}                                                  # 0.0075, 0.012, 0.015
    assert (world.balance(ca.WITHHOLDING), world.balance(ca.BACKUP_WITHHOLDING)) == (D("0.03"), D("0.01"))
    assert job.next_fire(DEC_PAY) == JAN_DUE
    assert job.run(JAN_DUE) == "Form 1042 2026-12: 0.03 to the IRS; Form 945 2026-12: 0.01 to the IRS"
    assert (world.balance(ca.WITHHOLDING), world.balance(ca.BACKUP_WITHHOLDING)) == (D(0), D(0))
    assert world.balance(withholding.IRS) == D("2.61")
    assert job.next_fire(JAN_DUE) is None
    assert job.run(JAN_DUE) == "nothing to deposit"
    deposits = world.events("tax.deposited")
    assert [(e["form"], e["period"], e["amount"]) for e in deposits] == [
        ("1042", "2026-11", "1.95"), ("945", "2026-11", "0.62"), ("1042", "2026-12", "0.03"),
        ("945", "2026-12", "0.01")]
    assert deposits[0]["left"] == "0"
    with world.db.read() as s:
        balanced, _, problems = prove(s)
    assert balanced, problems

    servicer = BrokerServicer(world.db, FixedClock(JAN_DUE), Venue(), 7)

    def statement(name: str, year: int = 2026) -> broker_pb2.TaxStatement:
        return servicer.GetTaxStatement(broker_pb2.TaxStatementRequest(account_id=ids[name], year=year),
                                        LocalContext())

    gil = statement("gil")
    assert (gil.recipient, gil.tax_status, gil.country, gil.final, gil.gross.value, gil.withheld.value) == (
        "gil", "w8ben", "GBR", True, "2.65", "0.4")
    assert [(x.form, x.income_code, x.tax_status, x.country, x.rate.value, x.gross.value, x.withheld.value,
             x.payments) for x in gil.lines] == [("1042-S", "06", "w8ben", "GBR", "0.15", "2.65", "0.4", 2)]
    sam = statement("sam")                                    # one line per status and rate: the W-9 came late
    assert [(x.form, x.tax_status, x.rate.value, x.gross.value, x.withheld.value) for x in sam.lines] == [
        ("1042-S", "w8ben", "0.3", "2.6", "0.78"), ("1099-DIV", "w9", "0", "0.05", "0")]
    assert (sam.tax_status, sam.gross.value, sam.withheld.value) == ("w9", "2.65", "0.78")
    ulf = statement("ulf")
    assert [(x.form, x.rate.value, x.withheld.value) for x in ulf.lines] == [("1099-DIV", "0.24", "0.63")]
    assert list(statement("gil", 2025).lines) == []
    this_year = servicer.GetTaxStatement(broker_pb2.TaxStatementRequest(account_id=ids["gil"]), LocalContext())
    assert (this_year.year, this_year.final, list(this_year.lines)) == (2027, False, [])
    for request, reason in [(broker_pb2.TaxStatementRequest(account_id=ids["gil"], year=99999), "INVALID_ARGUMENT"),
                            (broker_pb2.TaxStatementRequest(account_id="acct-999999", year=2026), "UNKNOWN_ACCOUNT")]:
        with pytest.raises(DomainError) as refused:
            servicer.GetTaxStatement(request, LocalContext())
        assert refused.value.reason == reason


def test_a_bad_status_or_country_at_opening_opens_nothing(world: World) -> None:
    with world.db.read() as s:
        before = len(list(s.exec(select(OutboxEvent))))
    for country, status, reason in [("XYZ", "", "UNKNOWN_COUNTRY"), ("", "resident_alien", "UNKNOWN_TAX_STATUS"),
                                    ("USA", "w8ben", "INVALID_ARGUMENT")]:
        with pytest.raises(DomainError) as refused:
            with world.db.transaction() as s:
                accounts.open_account(s, OPENED, 7, "eve", "individual", country=country, tax_status=status)
        assert refused.value.reason == reason
    with world.db.read() as s:
        assert len(list(s.exec(select(OutboxEvent)))) == before
        assert len(list(s.exec(select(AccountRow)))) == 5


def test_the_broker_api_face_sets_the_status_from_the_application(world: World) -> None:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    from fastapi.testclient import TestClient
    from fivelayer.broker import partners
    from fivelayer.broker.api import accounts as accounts_api
    from fivelayer.broker.api.common import Face, error

    face = Face(world.db, FixedClock(OPENED), Venue(), 7)
    app = FastAPI()
    app.state.face = face
    accounts_api.install(app, face)

    @app.exception_handler(DomainError)
    async def refused(request: Request, exc: DomainError) -> JSONResponse:   # as the face does
        return error(exc.http_status, f"[{exc.reason}] {exc.message}")

    with world.db.transaction() as s:
        partners.ensure(s, "tax-partner", "tax-secret", "Tax Partner", OPENED)
    client = TestClient(app, raise_server_exceptions=False)

    def apply(name: str, country: str, tax_id: str = "", documents: list[object] | None = None) -> tuple[int, str]:
        identity = {"given_name": name, "family_name": "Doe", "country_of_tax_residence": country,
                    **({"tax_id": tax_id} if tax_id else {})}
        body = {"contact": {"email_address": f"{name}@example.com"}, "identity": identity,
                "disclosures": {"is_control_person": False}, "agreements": [{"agreement": "customer_agreement"}],
                **({"documents": documents} if documents is not None else {})}
        reply = client.post("/v1/accounts", json=body, auth=("tax-partner", "tax-secret"))
        return reply.status_code, reply.json().get("message", "")

    assert apply("dora", "DEU", documents=[{"document_type": "w8ben", "content": "..."}])[0] == 200
    assert apply("ned", "DEU")[0] == 200
    assert apply("ursula", "USA", tax_id="666-55-4321")[0] == 200
    assert apply("vic", "USA")[0] == 200
    status, message = apply("bad", "Germany")
    assert status == 400 and "[UNKNOWN_COUNTRY]" in message
    with world.db.read() as s:
        opened = {row.name.split()[0]: (row.tax_profile, row.tax_country, row.withholding_rate)
                  for row in s.exec(select(AccountRow).where(AccountRow.correspondent != ""))}
    assert opened == {"Tax": ("w9", "", D(0)),                                 # the partner's firm account
                      "dora": ("w8ben", "DEU", D("0.15")), "ned": ("undocumented_foreign", "DEU", D("0.3")),
                      "ursula": ("w9", "USA", D(0)), "vic": ("undocumented_us", "USA", D("0.24"))}
