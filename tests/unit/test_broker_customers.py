"""A customer with several accounts (an issuer SPV's account per product): a new account copies the
customer's name, kind and tax documents and is refused for another correspondent's customer; the route
and the status are the customer's; an issuer routes each symbol's shares to its own account (else its
default); and SIPC counts the customer's accounts as one claim."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.broker import accounts, orders, partners, tokenization
from fivelayer.broker.liquidation import CustomerBook, share
from fivelayer.broker.models import TokenizationRow
from fivelayer.broker.reasons import Broker
from fivelayer.broker.service import BrokerServicer
from fivelayer.broker.tokenization import MintAsk
from fivelayer.kernel import credentials
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.outbox import OutboxEvent, fields
from fivelayer.kernel.reasons import Cutoff
from fivelayer.kernel.reference import NETWORK, TOKENIZATION_ISSUER
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import broker_pb2, common_pb2, statuses_pb2
from sqlmodel import select

from tests.unit.test_broker_orders import FakeVenue

D = Decimal
MONDAY_10 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
SPV = "Fivelayer Tokens SPV Ltd"
WALLET = "0x" + "ab" * 20


def as_partner(key: str) -> LocalContext:
    """A call carrying a correspondent's key and secret, as the issuer's gRPC calls do."""
    return LocalContext(((credentials.AUTHORIZATION, credentials.basic(key, f"{key}-secret")),))


@pytest.fixture
def broker(tmp_path: Path) -> BrokerServicer:
    s = BrokerServicer(Database(f"sqlite:///{tmp_path}/b.db"), FixedClock(MONDAY_10), FakeVenue(), 7)
    with s.db.transaction() as session:
        for key in ("PKISSUER", "PKEXCHANGE"):
            partners.ensure(session, key, f"{key}-secret", key, MONDAY_10)
    return s


def open_spv(broker: BrokerServicer) -> broker_pb2.Account:
    """The SPV as a new customer: a W-8BEN-E from the Cayman Islands (30%, no treaty)."""
    return broker.CreateAccount(broker_pb2.CreateAccountRequest(
        request_id="spv:AAPLx", name=SPV, kind="institutional", country_of_tax_residence="CYM",
        tax_status="w8ben_e"), as_partner("PKISSUER"))


def second(broker: BrokerServicer, customer: str, rid: str = "spv:NVDAx", partner: str = "PKISSUER",
           **fields: str) -> broker_pb2.Account:
    return broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id=rid, customer_account_id=customer,
                                                                **fields), as_partner(partner))


def account_count(broker: BrokerServicer) -> int:
    return len(broker.ListAccounts(broker_pb2.ListAccountsRequest(), LocalContext()).accounts)


# -- opening ---------------------------------------------------------------------------------------

def test_a_second_account_of_a_customer_copies_its_name_kind_and_tax(broker: BrokerServicer) -> None:
    first = open_spv(broker)
    assert first.customer_id == first.account_id                       # a new customer: its own id
    other = second(broker, first.account_id)                           # nothing but the customer named
    assert other.account_id != first.account_id and other.customer_id == first.account_id
    assert (other.name, other.kind, other.tax_profile, other.tax_country, other.withholding_rate) == \
        (first.name, first.kind, first.tax_profile, first.tax_country, first.withholding_rate)
    assert other.api_key and other.api_key != first.api_key
    # the customer's own fields may be repeated; a third account named by the second is the same customer
    third = second(broker, other.account_id, "spv:SPYx", name=SPV, kind="institutional", tax_status="W8BEN_E",
                   country_of_tax_residence="cym")
    assert third.customer_id == first.account_id
    assert second(broker, first.account_id) == other                   # a retry: the same account, key included
    got = broker.GetAccount(broker_pb2.AccountRequest(account_id=third.account_id), LocalContext())
    assert got.customer_id == first.account_id and got.api_key == ""
    with broker.db.read() as s:
        row = accounts.get(s, other.account_id)
        assert row.correspondent == "PKISSUER" and row.external_id == accounts.external_id(other.account_id)


@pytest.mark.parametrize("fields, words", [
    ({"kind": "individual"}, "kind 'individual'"),
    ({"tax_status": "w9"}, "tax status 'w9'"),
    ({"country_of_tax_residence": "GBR"}, "country of tax residence 'GBR'"),
    ({"name": "Someone Else"}, "name 'Someone Else'"),
])
def test_a_different_kind_tax_status_or_name_is_refused(broker: BrokerServicer, fields: dict[str, str],
                                                        words: str) -> None:
    first = open_spv(broker)
    with pytest.raises(DomainError) as refused:
        second(broker, first.account_id, **fields)
    assert refused.value.reason == "INVALID_ARGUMENT" and words in refused.value.message
    assert account_count(broker) == 1


def test_another_correspondents_customer_or_an_unknown_account_is_refused_and_nothing_changes(
        broker: BrokerServicer) -> None:
    first = open_spv(broker)
    with broker.db.read() as s:
        events = len(s.exec(select(OutboxEvent)).all())
    for partner, customer, reason in (("PKEXCHANGE", first.account_id, Broker.CUSTOMER_OF_ANOTHER_CORRESPONDENT),
                                      ("", first.account_id, Broker.CUSTOMER_OF_ANOTHER_CORRESPONDENT),
                                      ("PKISSUER", "acct-999999", Broker.UNKNOWN_ACCOUNT)):
        with pytest.raises(DomainError) as refused:
            if partner:
                second(broker, customer, "x", partner)
            else:   # an operator's call, without a correspondent's key
                broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="x", customer_account_id=customer),
                                     LocalContext())
        assert refused.value.reason == reason and customer in refused.value.message
    with broker.db.read() as s:
        assert len(s.exec(select(OutboxEvent)).all()) == events
    assert account_count(broker) == 1
    assert second(broker, first.account_id, "x").customer_id == first.account_id   # the request id was not spent


# -- one route, one status per customer -------------------------------------------------------------

def test_route_and_status_set_on_one_account_apply_to_all_its_customers_accounts(broker: BrokerServicer) -> None:
    spv = open_spv(broker)
    nvda, spy = second(broker, spv.account_id), second(broker, spv.account_id, "spv:SPYx")
    dee = broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="dee", name="Dee", kind="individual"),
                               as_partner("PKEXCHANGE"))
    ctx = LocalContext()

    def states() -> dict[str, tuple[bool, str, str]]:
        return {a.account_id: (a.route_enabled,
                               statuses_pb2.AccountStatus.Name(a.status).removeprefix("ACCOUNT_STATUS_").lower(),
                               a.status_reason)
                for a in broker.ListAccounts(broker_pb2.ListAccountsRequest(), ctx).accounts}

    cut = broker.SetRoute(broker_pb2.SetRouteRequest(request_id="r1", account_id=nvda.account_id, enabled=False,
                                                     reason="drill"), ctx)
    assert cut.account_id == nvda.account_id and not cut.route_enabled
    assert {k: v[0] for k, v in states().items()} == \
        {spv.account_id: False, nvda.account_id: False, spy.account_id: False, dee.account_id: True}
    with pytest.raises(DomainError) as refused:     # the SPV's first account's key meets the cut route
        broker.PlaceOrder(broker_pb2.PlaceOrderRequest(request_id="o1", account_id=spv.account_id,
                                                       api_key=spv.api_key, symbol="AAPL", side=broker_pb2.BUY,
                                                       quantity=common_pb2.Decimal(value="1")), ctx)
    assert refused.value.reason == Cutoff.ROUTE_CUT
    late = second(broker, spv.account_id, "spv:TSLAx")             # a new account joins the customer's state
    assert not late.route_enabled
    broker.SetAccountStatus(broker_pb2.SetAccountStatusRequest(request_id="s1", account_id=spv.account_id,
                                                               status=statuses_pb2.ACCOUNT_STATUS_ESTATE,
                                                               reason="insolvent"), ctx)
    assert {k: v[1:] for k, v in states().items()} == {
        spv.account_id: ("estate", "insolvent"), nvda.account_id: ("estate", "insolvent"),
        spy.account_id: ("estate", "insolvent"), late.account_id: ("estate", "insolvent"),
        dee.account_id: ("active", "")}
    with broker.db.read() as s:
        changed = [fields("broker", e)["account_id"] for e in s.exec(select(OutboxEvent).where(
            OutboxEvent.type == "account.status_changed"))]
    assert sorted(changed) == sorted([spv.account_id, nvda.account_id, spy.account_id, late.account_id])
    # an account closed on the Broker API face stays closed when its customer becomes active again
    with broker.db.transaction() as s:
        accounts.get(s, spy.account_id).status = "closed"
    broker.SetAccountStatus(broker_pb2.SetAccountStatusRequest(request_id="s2", account_id=nvda.account_id,
                                                               status=statuses_pb2.ACCOUNT_STATUS_ACTIVE), ctx)
    assert {k: v[1] for k, v in states().items()} == {spv.account_id: "active", nvda.account_id: "active",
                                                      spy.account_id: "closed", late.account_id: "active",
                                                      dee.account_id: "active"}


def test_a_tax_form_is_the_customers_and_every_account_takes_it(broker: BrokerServicer) -> None:
    spv = open_spv(broker)
    nvda = second(broker, spv.account_id)
    dee = broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="dee", name="Dee", kind="individual",
                                                               country_of_tax_residence="USA"),
                               as_partner("PKEXCHANGE"))
    ctx = LocalContext()
    set_on = broker.SetTaxProfile(broker_pb2.SetTaxProfileRequest(
        request_id="t1", account_id=nvda.account_id, tax_profile="w8ben_e", country="GBR"), ctx)
    assert set_on.account_id == nvda.account_id
    shown = {a.account_id: (a.tax_country, from_pb(a.withholding_rate))
             for a in broker.ListAccounts(broker_pb2.ListAccountsRequest(), ctx).accounts}
    # one owner, one rate
    assert shown[spv.account_id] == shown[nvda.account_id] == ("GBR", from_pb(set_on.withholding_rate))
    assert shown[dee.account_id] == ("USA", D(0))                                           # another customer's own
    with pytest.raises(DomainError):                            # a bad form changes no account of the customer
        broker.SetTaxProfile(broker_pb2.SetTaxProfileRequest(request_id="t2", account_id=spv.account_id,
                                                             tax_profile="nonsense"), ctx)
    assert {a.account_id: a.tax_country for a in broker.ListAccounts(broker_pb2.ListAccountsRequest(), ctx).accounts
            if a.account_id != dee.account_id} == {spv.account_id: "GBR", nvda.account_id: "GBR"}


# -- an issuer's account per symbol ----------------------------------------------------------------

def test_an_issuer_routes_each_symbol_to_its_account_else_its_default(broker: BrokerServicer) -> None:
    ctx = as_partner("PKISSUER")
    spv = open_spv(broker)
    aapl = second(broker, spv.account_id, "spv:AAPLx-2")
    ap = broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="ap", name="AP", kind="institutional"),
                              as_partner("PKEXCHANGE"))
    registered = broker.RegisterTokenizationIssuer(broker_pb2.RegisterTokenizationIssuerRequest(
        request_id="i1", issuer=TOKENIZATION_ISSUER, account_id=aapl.account_id, underlying_symbol="aapl"), ctx)
    assert (registered.account_id, registered.underlying_symbol) == (aapl.account_id, "AAPL")
    fees = {"AAPL": D(0), "NVDA": D(0)}
    with broker.db.transaction() as s:
        ledger = Ledger(s)
        for symbol in fees:
            ledger.transfer("@cns", orders.shares(ap.account_id), symbol, D(10), at=MONDAY_10,
                            transfer_id=f"settled:{symbol}")

    def mint(symbol: str, issuer: str = TOKENIZATION_ISSUER) -> TokenizationRow:
        with broker.db.transaction() as s:
            return tokenization.begin_mint(
                s, MONDAY_10, correspondent="PKEXCHANGE", account=accounts.get(s, ap.account_id),
                ask=MintAsk(symbol, "1", issuer, NETWORK, WALLET), price=D(100), fee_bps=fees)

    with pytest.raises(DomainError) as no_default:       # NVDA has no account, and there is no default yet
        mint("NVDA")
    assert no_default.value.reason == "UNKNOWN_SYMBOL" and "AAPL" in no_default.value.message
    assert mint("AAPL").issuer_account_id == aapl.account_id
    broker.RegisterTokenizationIssuer(broker_pb2.RegisterTokenizationIssuerRequest(
        request_id="i2", issuer=TOKENIZATION_ISSUER, account_id=spv.account_id), ctx)          # the default
    nvda = mint("NVDA")
    assert nvda.issuer_account_id == spv.account_id and mint("AAPL").issuer_account_id == aapl.account_id
    with broker.db.read() as s:
        held = {(a, sym): Ledger(s).balance(orders.shares(a), sym)
                for a in (spv.account_id, aapl.account_id) for sym in fees}
    assert held == {(spv.account_id, "AAPL"): 0, (spv.account_id, "NVDA"): 1,
                    (aapl.account_id, "AAPL"): 2, (aapl.account_id, "NVDA"): 0}
    # a refusal journals the shares back from where they went, even if the symbol has moved since
    broker.RegisterTokenizationIssuer(broker_pb2.RegisterTokenizationIssuerRequest(
        request_id="i3", issuer=TOKENIZATION_ISSUER, account_id=aapl.account_id, underlying_symbol="NVDA"), ctx)
    with broker.db.transaction() as s:
        tokenization.reject_mint(s, MONDAY_10, tokenization.get(s, nvda.request_id), "[MINT_HALTED] halted")
        assert Ledger(s).balance(orders.shares(spv.account_id), "NVDA") == 0
        assert Ledger(s).balance(orders.shares(ap.account_id), "NVDA") == D(10) and prove(s)[0]
    with pytest.raises(DomainError) as unknown:
        mint("AAPL", "someone")
    assert unknown.value.reason == Broker.UNKNOWN_ISSUER
    assert unknown.value.message.endswith(f"the issuers are: {TOKENIZATION_ISSUER}")
    with pytest.raises(DomainError) as stranger:           # another partner's account is not the issuer's
        broker.RegisterTokenizationIssuer(broker_pb2.RegisterTokenizationIssuerRequest(
            request_id="i4", issuer=TOKENIZATION_ISSUER, account_id=ap.account_id, underlying_symbol="TSLA"), ctx)
    assert stranger.value.reason == Broker.NOT_AN_ISSUER


# -- one SIPC claim per customer ----------------------------------------------------------------------

def test_liquidation_counts_a_customers_accounts_as_one_claim(broker: BrokerServicer) -> None:
    """Two accounts of 300,000 cash each, 10% of customer property left: per account SIPC would
    advance 250,000 twice; per customer it advances 250,000 once and 290,000 is a general claim."""
    ctx = LocalContext()
    spv = open_spv(broker)
    nvda = second(broker, spv.account_id)
    dee = broker.CreateAccount(broker_pb2.CreateAccountRequest(request_id="dee", name="Dee", kind="individual"), ctx)
    for n, (account, amount) in enumerate(((spv, "300000"), (nvda, "300000"), (dee, "1000"))):
        broker.FundAccount(broker_pb2.FundAccountRequest(request_id=f"f{n}", account_id=account.account_id,
                                                         amount=common_pb2.Decimal(value=amount)), ctx)
    for account in (spv, nvda):      # SIPC's view before any failure: the customer's, from either account
        sipc = broker.GetSipc(broker_pb2.AccountRequest(account_id=account.account_id), ctx)
        assert (sipc.account_id, from_pb(sipc.cash), from_pb(sipc.protected_cash), from_pb(sipc.protected_total)) \
            == (account.account_id, D(600000), D(250000), D(250000))
    out = broker.FailBroker(broker_pb2.FailBrokerRequest(request_id="fail", reason="drill",
                                                         shortfall=common_pb2.Decimal(value="0.9")), ctx)
    assert [c.account_id for c in out.customers] == [spv.account_id, dee.account_id]
    customer = out.customers[0]
    assert list(customer.account_ids) == [spv.account_id, nvda.account_id] and customer.name == SPV
    assert (from_pb(customer.cash), from_pb(customer.from_property), from_pb(customer.sipc_cash),
            from_pb(customer.recovered), from_pb(customer.loss)) == \
        (D(600000), D(60000), D(250000), D(310000), D(290000))
    assert from_pb(out.sipc_advanced) == D(250000) + from_pb(out.customers[1].sipc_cash)
    assert list(out.customers[1].account_ids) == [dee.account_id]
    again = broker.GetLiquidation(broker_pb2.LiquidationRequest(limit=1), ctx)
    assert list(again.customers[0].account_ids) == [spv.account_id, nvda.account_id]
    assert again.next_page_token == dee.account_id


def test_one_book_per_customer() -> None:
    """The pure sharing refuses a customer counted twice: its accounts are summed into one book first."""
    with pytest.raises(ValueError):
        share([CustomerBook("a", "A", D(1), D(0)), CustomerBook("a", "A", D(2), D(0))], D("0.5"))
