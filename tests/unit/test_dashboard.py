"""The workshop dashboard without processes: the clock's buttons and the week from the real calendar,
what each box shows, which boxes an event lights, a drill's plots, background drill runs, and the
HTTP routes (input checked, refusals as problem+json, out of the OpenAPI document) over fakes."""
from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fivelayer.control import reasons as control_reasons
from fivelayer.control.dashboard import events, figures, plots, week
from fivelayer.control.dashboard.drills import DrillRuns
from fivelayer.control.dashboard.gather import gather
from fivelayer.control.dashboard.ports import Books, Broker, Chain, Depository, Exchange, Issuer, MarketData, Perpetuals
from fivelayer.control.dashboard.routes import TAIL, Dashboard, install
from fivelayer.control.dashboard.runs import DONE, FAILED, RUNNING
from fivelayer.control.models import TimelineRow
from fivelayer.kernel import events as kernel_events
from fivelayer.kernel.drills import CATALOGUE
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rest import build_rest_app
from fivelayer.kernel.rpc import Context
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    events_pb2,
    exchange_pb2,
    issuer_pb2,
    perpetuals_pb2,
    statuses_pb2,
)

FRIDAY_1600_ET = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)      # after the close, before the 16:15 run
SPV = "acct-000001"


def d(text: str) -> common_pb2.Decimal:
    return to_pb(Decimal(text))


# --- the clock's buttons and the week ---------------------------------------------------------

def test_buttons_move_to_the_next_open_close_settlement_run_and_a_day() -> None:
    targets = {k: iso(v) for k, v in week.targets(FRIDAY_1600_ET).items()}
    assert targets == {"next-open": "2026-11-23T14:30:00Z", "next-close": "2026-11-23T21:00:00Z",
                       "next-settlement": "2026-11-20T21:15:00Z", "plus-1d": "2026-11-21T21:00:00Z"}
    # at an open, "next open" is the next day's; after Friday's run, the next run is Monday's
    assert iso(week.next_open(datetime(2026, 11, 23, 14, 30, tzinfo=UTC))) == "2026-11-24T14:30:00Z"
    assert iso(week.next_settlement_run(datetime(2026, 11, 20, 21, 15, tzinfo=UTC))) == "2026-11-23T21:15:00Z"


def test_the_next_close_knows_early_closes_and_the_next_run_skips_bank_holidays() -> None:
    wednesday_night = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)   # Thanksgiving next, then a 13:00 close
    assert iso(week.next_close(wednesday_night)) == "2026-11-27T18:00:00Z"
    assert iso(week.next_settlement_run(wednesday_night)) == "2026-11-27T21:15:00Z"
    # Veterans Day: the NYSE trades, the banks do not, so nothing settles that day
    before_veterans_day = datetime(2026, 11, 10, 22, 0, tzinfo=UTC)
    assert iso(week.next_settlement_run(before_veterans_day)) == "2026-11-12T21:15:00Z"


def test_an_unknown_button_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        week.target("tomorrow", FRIDAY_1600_ET)
    assert refused.value.reason == "INVALID_ARGUMENT" and refused.value.http_status == 400


def trade(trade_id: str, settles: str,
          status: statuses_pb2.TradeStatus = statuses_pb2.TRADE_STATUS_CAPTURED) -> depository_pb2.Trade:
    return depository_pb2.Trade(trade_id=trade_id, buyer="0555", seller="0999", symbol="AAPL", quantity=d("10"),
                                trade_date="2026-11-23", settlement_date=settles, status=status)


def test_the_week_shows_sessions_closes_holidays_and_when_each_unsettled_trade_settles() -> None:
    trades = [trade("T1", "2026-11-24"), trade("T2", "2026-11-24", statuses_pb2.TRADE_STATUS_SETTLED),
              trade("T3", "2026-12-15"),
              trade("T4", "2026-11-19", statuses_pb2.TRADE_STATUS_FAILED)]
    view = week.week(datetime(2026, 11, 23, 15, 0, tzinfo=UTC), trades, days=7)
    days = {day["date"]: day for day in view["days"]}
    assert list(days) == [f"2026-11-{n}" for n in range(23, 30)] and days["2026-11-23"]["today"]
    assert (days["2026-11-23"]["open"], days["2026-11-23"]["close"]) == ("09:30", "16:00")
    assert [t["trade_id"] for t in days["2026-11-24"]["settles"]] == ["T1"]      # settled trades are not listed
    thanksgiving, friday, saturday = days["2026-11-26"], days["2026-11-27"], days["2026-11-28"]
    assert thanksgiving["nyse_holiday"] and thanksgiving["bank_holiday"] and not thanksgiving["settlement_day"]
    assert friday["early_close"] and friday["close"] == "13:00" and friday["settlement_run"] == "16:15 ET"
    assert not saturday["session"] and not saturday["bank_holiday"] and saturday["notes"] == ["weekend"]
    assert [t["trade_id"] for t in view["outside"]] == ["T4", "T3"] and view["unsettled"] == 3


def test_veterans_day_is_a_session_but_a_bank_holiday() -> None:
    day = week.week(datetime(2026, 11, 11, 15, 0, tzinfo=UTC), [], days=1)["days"][0]
    assert day["session"] and day["bank_holiday"] and not day["settlement_day"]
    assert "bank holiday: nothing settles, though the NYSE trades" in day["notes"]


@pytest.mark.parametrize("days", [0, 32])
def test_the_week_has_from_1_to_31_days(days: int) -> None:
    with pytest.raises(DomainError):
        week.week(FRIDAY_1600_ET, [], days=days)


# --- the layers: fakes of exactly what the figures read -----------------------------------------

class FakeChain:
    def __init__(self) -> None:
        self.tokens = [chain_pb2.Token(symbol="AAPLx", kind="stock", underlying="AAPL", total_supply=d("10"),
                                       multiplier=d("1")),
                       chain_pb2.Token(symbol="FUSD", kind="stablecoin", total_supply=d("10000"))]
        self.balances = {"AAPLx": "10", "FUSD": "6536.9404"}

    def ListTokens(self, request: chain_pb2.ListTokensRequest, /) -> chain_pb2.ListTokensResponse:
        return chain_pb2.ListTokensResponse(tokens=self.tokens)

    def BalanceOf(self, request: chain_pb2.BalanceRequest, /) -> chain_pb2.Balance:
        return chain_pb2.Balance(symbol=request.symbol, address=request.address,
                                 amount=d(self.balances.get(request.symbol, "0")))

    def GetBlock(self, request: chain_pb2.BlockRequest, /) -> chain_pb2.Block:
        """Block 7 holds a mint; 6 a pause; the blocks before, nothing of a token."""
        number = request.number or 7
        txs = {7: [chain_pb2.Tx(block_number=7, kind="mint", symbol="AAPLx", amount=d("2"))],
               6: [chain_pb2.Tx(block_number=6, kind="pause", symbol="AAPLx")]}.get(number, [])
        return chain_pb2.Block(number=number, txs=txs)


class FakeIssuer:
    def ListProducts(self, request: issuer_pb2.ListProductsRequest, /) -> issuer_pb2.ListProductsResponse:
        return issuer_pb2.ListProductsResponse(broker_account_id=SPV, products=[   # AAPLx's own account: the first
            issuer_pb2.Product(token="AAPLx", underlying="AAPL", multiplier=d("1"), broker_account_id=SPV)])

    def GetEstate(self, request: common_pb2.Empty, /) -> issuer_pb2.Estate:
        return issuer_pb2.Estate(insolvent=False)

    def GetFunding(self, request: common_pb2.Empty, /) -> issuer_pb2.FundingResponse:
        return issuer_pb2.FundingResponse(sponsor_loan=d("3000000"), products=[issuer_pb2.ProductFunding(
            token="AAPLx", funding_mode="prefunded", buffer=d("1996367.42"), committed=d("3632.58"),
            stablecoin_held=d("0"), cash_in_transit=d("3463.06"), credit_used=d("0"))])


class FakeBroker:
    def ListAccounts(self, request: broker_pb2.ListAccountsRequest, /) -> broker_pb2.ListAccountsResponse:
        return broker_pb2.ListAccountsResponse(accounts=[
            broker_pb2.Account(account_id=SPV, kind="institutional", status=statuses_pb2.ACCOUNT_STATUS_ACTIVE,
                               route_enabled=True),
            broker_pb2.Account(account_id="acct-000002", kind="individual", status=statuses_pb2.ACCOUNT_STATUS_ACTIVE,
                               route_enabled=True)])

    def ListOrders(self, request: broker_pb2.ListOrdersRequest, /) -> broker_pb2.ListOrdersResponse:
        return broker_pb2.ListOrdersResponse(orders=[broker_pb2.Order(
            symbol="AAPL", side=broker_pb2.BUY, status=statuses_pb2.ORDER_STATUS_ACCEPTED, quantity=d("10"),
            filled_quantity=d("0"))])

    def GetPositions(self, request: broker_pb2.AccountRequest, /) -> broker_pb2.AccountPositions:
        if request.account_id == SPV:
            return broker_pb2.AccountPositions(account_id=SPV)
        return broker_pb2.AccountPositions(account_id=request.account_id, positions=[
            broker_pb2.BrokerPosition(symbol="AAPL", settled=d("3"), unsettled=d("2"), total=d("5"))])

    def GetCash(self, request: broker_pb2.AccountRequest, /) -> broker_pb2.CashResponse:
        return broker_pb2.CashResponse(account_id=request.account_id, settled=d("10000000"), unsettled=d("-3445.8"))


class FakeDepository:
    def __init__(self, down: bool = False) -> None:
        self.down = down

    def GetPositions(self, request: depository_pb2.PositionsRequest, /) -> depository_pb2.PositionsResponse:
        if self.down:
            raise DomainError(Common.UNAVAILABLE, "depository is down")
        return depository_pb2.PositionsResponse(participant_id=request.participant_id, cash=d("1000000000"),
                                                positions=[depository_pb2.Position(symbol="AAPL", settled=d("3"))])

    def ListTrades(self, request: depository_pb2.ListTradesRequest, /) -> depository_pb2.ListTradesResponse:
        if self.down:
            raise DomainError(Common.UNAVAILABLE, "depository is down")
        return depository_pb2.ListTradesResponse(trades=[trade("T1", "2026-11-24"),
                                                         trade("T2", "2026-11-20",
                                                               statuses_pb2.TRADE_STATUS_SETTLED)])


class FakeExchange:
    def ListUsers(self, request: exchange_pb2.ListUsersRequest, /) -> exchange_pb2.ListUsersResponse:
        return exchange_pb2.ListUsersResponse(users=[exchange_pb2.User(user_id="usr-000001", name="ada")])


class NoPerps:
    """An exchange that runs no perp market (the perp route's figures: tests/unit/test_dashboard_perps.py)."""

    def ListPerpMarkets(self, request: perpetuals_pb2.ListPerpMarketsRequest, /
                        ) -> perpetuals_pb2.ListPerpMarketsResponse:
        return perpetuals_pb2.ListPerpMarketsResponse()

    def GetPerpPositions(self, request: perpetuals_pb2.PerpPositionsRequest, /
                         ) -> perpetuals_pb2.PerpPositionsResponse:
        return perpetuals_pb2.PerpPositionsResponse(user_id=request.user_id)

    def GetPerpDesk(self, request: common_pb2.Empty, /) -> perpetuals_pb2.PerpDesk:
        return perpetuals_pb2.PerpDesk()


class FakeMarket:
    def GetPrice(self, request: control_pb2.PriceRequest, /) -> control_pb2.Price:
        return control_pb2.Price(symbol=request.symbol, price=d("345.96"))


class FakeBooks:
    def __init__(self, balanced: bool, down: bool = False) -> None:
        self.balanced, self.down = balanced, down

    def Prove(self, request: common_pb2.Empty, /) -> common_pb2.BooksReport:
        if self.down:
            raise DomainError(Common.UNAVAILABLE, "the service is down")
        return common_pb2.BooksReport(balanced=self.balanced)


class FakeReads:
    def __init__(self, depository_down: bool = False) -> None:
        self._depository = FakeDepository(depository_down)

    @property
    def chain(self) -> Chain:
        return FakeChain()

    @property
    def issuer(self) -> Issuer:
        return FakeIssuer()

    @property
    def broker(self) -> Broker:
        return FakeBroker()

    @property
    def depository(self) -> Depository:
        return self._depository

    @property
    def exchange(self) -> Exchange:
        return FakeExchange()

    @property
    def perpetuals(self) -> Perpetuals:
        return NoPerps()

    @property
    def market_data(self) -> MarketData:
        return FakeMarket()

    def books(self, service: str) -> Books:
        return FakeBooks(service != "chain", down=service == "depository" and self._depository.down)


def figures_of(box: dict[str, Any]) -> dict[str, str]:
    return {f["key"]: f["value"] for f in box["figures"]}


def cells_of(box: dict[str, Any], row: str) -> dict[str, str]:
    return next(r["cells"] for r in box["table"]["rows"] if r["key"] == row)


def test_a_mint_before_the_open_shows_as_tokens_ordered_not_filled_and_unbacked() -> None:
    view = figures.layers(gather(FakeReads()), "2026-11-20T21:00:00Z")
    boxes = view["boxes"]
    assert figures_of(boxes["user"]) == {"users": "1"}
    assert figures_of(boxes["issuer"]) == {"state": "minting", "unbacked_shares": "10", "unbacked_usd": "3,459.60",
                                           "buffer_usd": "1,996,367.42", "credit_used_usd": "0.00",
                                           "in_transit_usd": "3,463.06"}
    assert cells_of(boxes["issuer"], "AAPLx") == {"outstanding": "10", "represented": "10", "unbacked": "10",
                                                  "unbacked_usd": "3,459.60"}
    money = next(r for r in boxes["issuer"]["table2"]["rows"] if r["key"] == "AAPLx")   # the money leg, under it
    assert money["cells"] == {"funding": "prefunded", "buffer": "1,996,367.42", "credit_used": "0.00",
                              "in_transit": "3,463.06"}
    raw = next(r["raw"] for r in boxes["issuer"]["table"]["rows"] if r["key"] == "AAPLx")
    assert raw["unbacked_usd"] == "3459.6" and money["raw"]["buffer"] == "1996367.42"   # as the service said it
    assert cells_of(boxes["broker"], "AAPL") == {"ordered": "10", "filled": "0", "settled": "0"}
    assert figures_of(boxes["broker"])["cash_unsettled"] == "-3,445.80"
    assert figures_of(boxes["depository"])["unsettled_trades"] == "1"
    assert cells_of(boxes["depository"], "AAPL")["at_dtc"] == "3"
    assert figures_of(boxes["chain"]) == {"stablecoin_supply": "10,000", "block": "7",
                                          "token_events": "#7 mint 2 AAPLx · #6 pause AAPLx"}
    assert cells_of(boxes["exchange"], "AAPLx") == {"omnibus": "10"}
    # the traditional route: the customer's own shares, and DTC's one position split by whose it is
    assert figures_of(boxes["trad_exchange"]) == {"accounts": "1"}
    assert cells_of(boxes["trad_broker"], "AAPL") == {"settled": "3", "unsettled": "2"}
    assert cells_of(boxes["trad_depository"], "AAPL") == {"at_dtc": "3", "spv": "0", "customers": "3"}
    assert boxes["chain"]["books"] == "not balanced" and boxes["issuer"]["books"] == "balanced"
    assert view["errors"] == {}


def test_a_service_that_does_not_answer_greys_its_own_boxes_only() -> None:
    view = figures.layers(gather(FakeReads(depository_down=True)), "2026-11-20T21:00:00Z")
    boxes = view["boxes"]
    assert "depository is down" in boxes["depository"]["unavailable"]
    assert "depository is down" in boxes["trad_depository"]["unavailable"]
    assert figures_of(boxes["depository"])["cash"] == "—"
    assert boxes["depository"]["books"] == "unknown"
    # reconciliation needs DTC's position: the token lines are unknown, the chain's figures are not
    assert figures_of(boxes["issuer"])["unbacked_shares"] == "—"
    assert figures_of(boxes["chain"])["stablecoin_supply"] == "10,000"
    assert boxes["chain"]["unavailable"] == "" and set(view["errors"]) == {"depository"}


def test_an_insolvent_or_halted_issuer_says_so() -> None:
    assert figures.issuer_state(figures.Snapshot(insolvent=True)) == ("insolvent", "bad")
    halted = issuer_pb2.ListProductsResponse(products=[issuer_pb2.Product(token="AAPLx", mint_halted=True)])
    assert figures.issuer_state(figures.Snapshot(products=halted, insolvent=False)) == ("halted: AAPLx", "warn")


# --- events -----------------------------------------------------------------------------------

@pytest.mark.parametrize("service,type_,payload,boxes", [
    ("exchange", "order.filled", {"user_id": "usr-1", "token": "AAPLx"}, ["user", "exchange"]),
    ("exchange", "order.placed", {"user_id": "usr-1", "route": "traditional"}, ["user", "trad_exchange"]),
    ("exchange", "broker_account.opened", {"account_id": "acct-2"}, ["trad_exchange"]),
    ("broker", "order.accepted", {"account_id": SPV}, ["broker"]),
    ("broker", "order.accepted", {"account_id": "acct-000002"}, ["trad_broker"]),
    ("depository", "trade.captured", {}, ["depository", "trad_depository"]),
    ("chain", "token.mint", {}, ["chain"]),
    ("issuer", "mint.completed", {}, ["issuer"]),
    ("control", "clock.advanced", {}, ["control"]),
])
def test_each_event_lights_the_box_of_its_layer_on_its_route(service: str, type_: str, payload: dict[str, str],
                                                              boxes: list[str]) -> None:
    assert events.boxes_for(service, type_, payload, SPV) == boxes


MINTED = kernel_events.to_json(events_pb2.TokenMint(symbol="AAPLx", amount=to_pb(Decimal(10)), tx_hash="0xab"))


def row(row_id: int, payload: str = MINTED) -> TimelineRow:
    return TimelineRow(id=row_id, service="chain", seq=row_id, at=FRIDAY_1600_ET, type="token.mint", payload=payload)


def test_an_event_as_the_page_gets_it_and_as_one_server_sent_event() -> None:
    view = events.event_view(row(7), SPV)
    assert view["summary"] == "token.mint: symbol AAPLx, amount 10" and view["boxes"] == ["chain"]
    assert view["stage"] == events.STAGE["chain"] and view["at"] == "2026-11-20T21:00:00Z"
    frame = events.sse_frame(view)
    assert frame.startswith("id: 7\nevent: timeline\ndata: {") and frame.endswith("}\n\n")
    assert json.loads(frame.split("data: ", 1)[1]) == view
    assert events.event_view(row(8, "not json"), SPV)["payload"] == {}


def test_a_stream_resumes_after_the_browsers_last_event_id_first() -> None:
    assert events.parse_after("3", "44") == 44 and events.parse_after("3", None) == 3
    assert events.parse_after(None, None) is None and events.parse_after("", "") is None
    for bad in ("-1", "1.5", "x", "١٢"):
        with pytest.raises(DomainError):
            events.parse_after(bad, None)


# --- a drill's plots --------------------------------------------------------------------------

REPORT = {
    "daily": [{"at": "2026-11-18T22:45:00Z", "tokens": [
                  {"token": "AAPLx", "unbacked_value": "5008.35", "shares_unbacked": "15", "price": "333.89"}]},
              {"at": "2026-11-19T22:45:00Z", "tokens": [
                  {"token": "AAPLx", "unbacked_value": "5018.85", "shares_unbacked": "15", "price": "334.59"},
                  {"token": "NVDAx", "unbacked_value": "0", "shares_unbacked": "0", "price": "130"}]}],
    "refusals_seen": {"REDEMPTION_HALTED": 5, "MINT_HALTED": 7},
    "findings": {"recovery per holder": [
        {"holder": "ada", "where": "own wallet", "token": "AAPLx", "tokens": "5", "claim_usd": "1685.20",
         "recovery_usd": "1629.10"}]},
    "holdings": [{"holder": "dee", "where": "broker account", "asset": "AAPL", "quantity": "35"},
                 {"holder": "dee", "where": "broker account", "asset": "USD", "quantity": "100"}],
}


def test_the_plots_read_the_reports_own_record() -> None:
    drawn = plots.plots(REPORT)
    assert drawn["unbacked"] == {"at": ["2026-11-18T22:45:00Z", "2026-11-19T22:45:00Z"], "series": [
        {"token": "AAPLx", "unbacked_value": ["5008.35", "5018.85"], "unbacked_shares": ["15", "15"]},
        {"token": "NVDAx", "unbacked_value": ["0", "0"], "unbacked_shares": ["0", "0"]}]}
    assert drawn["refusals"] == {"reasons": ["MINT_HALTED", "REDEMPTION_HALTED"], "counts": [7, 5]}
    assert drawn["recovery"] == {"holders": [
        {"holder": "ada (own wallet, AAPLx)", "route": "tokenized", "claim_usd": "1685.20", "recovery_usd": "1629.10",
         "percent": "96.67"},
        # the traditional holder still owns her shares: all of their value, at the last day's price
        {"holder": "dee (broker account, AAPL)", "route": "traditional", "claim_usd": "11710.65",
         "recovery_usd": "11710.65", "percent": "100.00"}]}


def test_a_failed_brokers_drill_plots_the_traditional_holder_as_it_found_her() -> None:
    report = {**REPORT, "findings": {"recovery per holder": [
        {"holder": "ada", "where": "own wallet", "token": "AAPLx", "route": "tokenized", "claim_usd": "1000",
         "recovery_usd": "1000"},
        {"holder": "dee", "where": "broker account", "token": "AAPL, USD", "route": "traditional",
         "claim_usd": "20000", "recovery_usd": "19000"}]}}
    assert plots.recovery(report) == {"holders": [
        {"holder": "ada (own wallet, AAPLx)", "route": "tokenized", "claim_usd": "1000.00",
         "recovery_usd": "1000.00", "percent": "100.00"},
        {"holder": "dee (broker account, AAPL, USD)", "route": "traditional", "claim_usd": "20000.00",
         "recovery_usd": "19000.00", "percent": "95.00"}]}  # not her holdings at full value: the broker failed


def test_a_drill_without_an_insolvency_has_no_recovery_plot() -> None:
    assert plots.recovery({"findings": {"mints without a hedge": []}}) is None
    assert plots.plots({})["unbacked"] == {"at": [], "series": []}


# --- drill runs in the background -------------------------------------------------------------

def drill_report(name: str, seed: int) -> control_pb2.DrillReport:
    report = {"drill": name, "seed": seed, **REPORT}
    return control_pb2.DrillReport(name=name, seed=seed, ok=True, report_json=json.dumps(report),
                                   report_markdown=f"# Drill: {name}")


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_drill_runs_in_the_background_one_at_a_time() -> None:
    release = threading.Event()

    def slow(name: str, seed: int) -> control_pb2.DrillReport:
        release.wait(5)
        return drill_report(name, seed)

    runs = DrillRuns(slow)
    run = runs.start("api-cutoff", 3)
    assert run.view(full=False)["state"] == RUNNING
    with pytest.raises(DomainError) as busy:
        runs.start("halt-of-mint", 1)
    assert busy.value.reason == "DRILL_RUNNING"
    release.set()
    wait_until(lambda: runs.get(run.run_id).state != RUNNING)
    view = runs.get(run.run_id).view()
    assert view["state"] == DONE and view["ok"] and view["report"]["drill"] == "api-cutoff"
    assert view["plots"]["refusals"]["counts"] == [7, 5] and view["markdown"] == "# Drill: api-cutoff"


def test_a_drill_that_fails_says_why_and_bad_requests_start_nothing() -> None:
    def broken(name: str, seed: int) -> control_pb2.DrillReport:
        raise DomainError(Common.UNAVAILABLE, "the drill's scratch sandbox did not start")

    runs = DrillRuns(broken)
    run = runs.start("halt-of-mint", 1)
    wait_until(lambda: runs.get(run.run_id).state != RUNNING)
    assert runs.get(run.run_id).state == FAILED
    assert runs.get(run.run_id).view()["error"]["reason"] == "UNAVAILABLE"
    for name, seed, reason in [("nope", 1, "UNKNOWN_DRILL"), ("halt-of-mint", -1, "INVALID_ARGUMENT"),
                               ("halt-of-mint", True, "INVALID_ARGUMENT"), ("", 1, "INVALID_ARGUMENT")]:
        with pytest.raises(DomainError) as refused:
            runs.start(name, seed)
        assert refused.value.reason == reason
    with pytest.raises(DomainError):
        runs.get("run-999999")


# --- the routes over fakes --------------------------------------------------------------------

class FakeClock:
    def __init__(self) -> None:
        self.now = FRIDAY_1600_ET
        self.advanced: list[control_pb2.AdvanceRequest] = []

    def Now(self, request: common_pb2.Empty, context: Context, /) -> control_pb2.ClockState:
        return control_pb2.ClockState(now=to_ts(self.now), mode=control_pb2.MANUAL, speed=d("1"),
                                      session="2026-11-23")

    def Advance(self, request: control_pb2.AdvanceRequest, context: Context, /) -> control_pb2.AdvanceResponse:
        self.advanced.append(request)
        start, self.now = self.now, from_ts(request.to)
        return control_pb2.AdvanceResponse(to=request.to, runs=[common_pb2.JobRun(service="control",
                                                                                  job="market-open")],
                                           **{"from": to_ts(start)})


class FakeFaults:
    def __init__(self) -> None:
        self.injected: list[control_pb2.InjectFaultRequest] = []
        self.cleared: list[control_pb2.ClearFaultRequest] = []

    def ListFaults(self, request: control_pb2.ListFaultsRequest, context: Context, /
                   ) -> control_pb2.ListFaultsResponse:
        return control_pb2.ListFaultsResponse(faults=[control_pb2.Fault(fault_id="flt-000001", kind="halt-mint",
                                                                        state=statuses_pb2.FAULT_STATE_ACTIVE)])

    def InjectFault(self, request: control_pb2.InjectFaultRequest, context: Context, /) -> control_pb2.Fault:
        if request.kind == "nope":
            raise DomainError(control_reasons.Control.UNKNOWN_FAULT, "unknown fault kind 'nope'")
        self.injected.append(request)
        return control_pb2.Fault(fault_id="flt-000002", kind=request.kind,
                                 state=statuses_pb2.FAULT_STATE_ACTIVE)

    def ClearFault(self, request: control_pb2.ClearFaultRequest, context: Context, /
                   ) -> control_pb2.ListFaultsResponse:
        self.cleared.append(request)
        return control_pb2.ListFaultsResponse()


LAST = TAIL + 10   # the fake timeline's events: more than a first connection's tail


class FakeTimeline:
    def __init__(self) -> None:
        self.rows = [row(i) for i in range(1, LAST + 1)]
        self.syncs = 0

    def sync(self) -> int:
        self.syncs += 1
        return 0

    def after_id(self, after: int, limit: int) -> list[TimelineRow]:
        return [r for r in self.rows if (r.id or 0) > after][:limit]

    def last_id(self) -> int:
        return max((r.id or 0) for r in self.rows)


class Page:
    def __init__(self) -> None:
        self.clock, self.faults, self.timeline = FakeClock(), FakeFaults(), FakeTimeline()
        self.bought: list[exchange_pb2.TradeRequest] = []
        self.dashboard = Dashboard(reads=FakeReads(), trace_rights=self.trace, buy=self.buy, clock=self.clock,
                                   faults=self.faults, timeline=self.timeline, drills=DrillRuns(drill_report),
                                   poll_seconds=0.02, stream_seconds=0.2)
        app: FastAPI = build_rest_app("control", [])
        install(app, self.dashboard)
        self.client = TestClient(app)

    def trace(self, holder: str) -> control_pb2.RightsTraceResponse:
        if not holder.startswith(("usr-", "0x")):
            raise DomainError(Common.INVALID_ARGUMENT, f"not a holder: {holder!r}")
        return control_pb2.RightsTraceResponse(holder=holder, kind="exchange user", positions=[
            control_pb2.RightsPosition(asset="AAPLx", route="tokenized", rights=[
                control_pb2.RightTrace(right="voting", outcome=statuses_pb2.RIGHT_STATUS_LOST, reached="no vote")])])

    def buy(self, request: exchange_pb2.TradeRequest) -> exchange_pb2.ExchangeOrder:
        self.bought.append(request)
        return exchange_pb2.ExchangeOrder(order_id="xo-000001", status=statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED,
                                          token=request.token,
                                          quantity=request.quantity)


@pytest.fixture
def page() -> Page:
    return Page()


def problem(response: httpx.Response, status: int, reason: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["reason"] == reason


def test_the_page_and_its_files_are_served_and_none_of_it_is_in_the_openapi_document(page: Page) -> None:
    index = page.client.get("/dashboard/")
    assert index.status_code == 200 and 'data-testid="panel-pipeline"' in index.text
    # offline: every script, style and icon from the sandbox itself, and no font from anywhere
    links = re.findall(r'(?:src|href)="([^"]*)"', index.text)
    assert links and all(link.startswith(("/dashboard/static/", "#", "data:")) for link in links), links
    assert not re.search(r"https?://", page.client.get("/dashboard/static/app.js").text)
    assert "@font-face" not in page.client.get("/dashboard/static/style.css").text
    assert page.client.get("/dashboard/static/app.js").headers["content-type"].startswith("text/javascript")
    assert page.client.get("/dashboard/static/style.css").status_code == 200
    plotly = page.client.get("/dashboard/static/plotly.min.js")
    assert plotly.status_code == 200 and b"plotly" in plotly.content[:2000].lower()
    problem(page.client.get("/dashboard/static/../routes.py"), 404, "NOT_FOUND")
    problem(page.client.get("/dashboard/static/index.html"), 404, "NOT_FOUND")
    problem(page.client.get("/dashboard/api/nothing"), 404, "NOT_FOUND")
    assert not [p for p in page.client.get("/openapi.json").json().get("paths", {}) if "dashboard" in p]


def test_layers_and_the_clock(page: Page) -> None:
    layers = page.client.get("/dashboard/api/layers").json()
    assert set(layers["boxes"]) == {"user", "exchange", "issuer", "broker", "depository", "chain", "trad_exchange",
                                    "trad_broker", "trad_depository", "perp_exchange", "perp_desk"}
    assert layers["clock"]["now"] == "2026-11-20T21:00:00Z" and layers["clock"]["now_et"] == "Fri 20 Nov 2026 16:00 ET"
    assert layers["clock"]["targets"]["next-open"] == "2026-11-23T14:30:00Z"


def test_a_button_advances_the_clock_to_its_instant(page: Page) -> None:
    moved = page.client.post("/dashboard/api/clock/advance", json={"to": "next-open"})
    assert moved.status_code == 200, moved.text
    assert [iso(from_ts(r.to)) for r in page.clock.advanced] == ["2026-11-23T14:30:00Z"]
    assert moved.json()["advance"]["runs"] == [{"service": "control", "job": "market-open", "outcome": ""}]
    assert moved.json()["clock"]["now"] == "2026-11-23T14:30:00Z"
    problem(page.client.post("/dashboard/api/clock/advance", json={"to": "soon"}), 400, "INVALID_ARGUMENT")
    problem(page.client.post("/dashboard/api/clock/advance", json={}), 400, "INVALID_ARGUMENT")
    problem(page.client.post("/dashboard/api/clock/advance", json={"to": 1}), 400, "INVALID_ARGUMENT")
    problem(page.client.post("/dashboard/api/clock/advance", json={"to": "plus-1d", "by": "1d"}), 400,
            "INVALID_ARGUMENT")
    problem(page.client.post("/dashboard/api/clock/advance", content=b"{oops"), 400, "INVALID_ARGUMENT")
    assert len(page.clock.advanced) == 1                          # nothing refused moved the clock


def test_the_calendar_lists_the_depositorys_unsettled_trades(page: Page) -> None:
    week_view = page.client.get("/dashboard/api/calendar").json()
    assert [t["trade_id"] for day in week_view["days"] for t in day["settles"]] == ["T1"]
    assert len(page.client.get("/dashboard/api/calendar?days=3").json()["days"]) == 3
    problem(page.client.get("/dashboard/api/calendar?days=x"), 400, "INVALID_ARGUMENT")
    problem(page.client.get("/dashboard/api/calendar?days=40"), 400, "INVALID_ARGUMENT")


def test_faults_are_listed_injected_and_cleared_as_the_fault_api_reads_them(page: Page) -> None:
    listed = page.client.get("/dashboard/api/faults?all=true").json()
    assert listed["faults"][0]["fault_id"] == "flt-000001" and "halt-mint" in listed["kinds"]
    injected = page.client.post("/dashboard/api/faults", json={"kind": "latency", "service": "chain",
                                                                "network": {"latency_ms": 50}, "for_duration": "2h"})
    assert injected.status_code == 200 and injected.json()["fault_id"] == "flt-000002"
    sent = page.faults.injected[0]
    assert (sent.kind, sent.service, sent.network.latency_ms, sent.for_duration) == ("latency", "chain", 50, "2h")
    assert sent.request_id.startswith("dash-fault-")             # a fresh idempotency key
    problem(page.client.post("/dashboard/api/faults", json={"kind": "nope"}), 400, "UNKNOWN_FAULT")
    problem(page.client.post("/dashboard/api/faults", json={"kind": "halt-mint", "colour": "red"}), 400,
            "INVALID_ARGUMENT")
    problem(page.client.post("/dashboard/api/faults", json=["halt-mint"]), 400, "INVALID_ARGUMENT")
    problem(page.client.get("/dashboard/api/faults?all=perhaps"), 400, "INVALID_ARGUMENT")
    assert page.client.post("/dashboard/api/faults/clear", json={"all": True}).status_code == 200
    assert page.faults.cleared[0].all and page.faults.cleared[0].request_id


def test_a_buy_and_a_rights_trace(page: Page) -> None:
    bought = page.client.post("/dashboard/api/exchange/buy", json={"user_id": "usr-000001", "token": "AAPLx",
                                                                   "quantity": "2"})
    assert bought.status_code == 200 and bought.json()["order_id"] == "xo-000001"
    assert page.bought[0].quantity.value == "2" and page.bought[0].request_id.startswith("dash-buy-")
    problem(page.client.post("/dashboard/api/exchange/buy", json={"user_id": "usr-000001", "token": "AAPLx",
                                                                  "quantity": 2}), 400, "INVALID_AMOUNT")
    problem(page.client.post("/dashboard/api/exchange/buy", json={"token": "AAPLx", "quantity": "1"}), 400,
            "INVALID_ARGUMENT")
    assert len(page.bought) == 1
    trace = page.client.get("/dashboard/api/rights", params={"holder": "usr-000001"}).json()
    assert trace["positions"][0]["rights"][0]["outcome"] == "RIGHT_STATUS_LOST"   # shown by name
    problem(page.client.get("/dashboard/api/rights"), 400, "INVALID_ARGUMENT")
    problem(page.client.get("/dashboard/api/rights", params={"holder": "bob"}), 400, "INVALID_ARGUMENT")
    assert page.client.get("/dashboard/api/users").json()["users"][0]["name"] == "ada"


def test_a_drill_from_the_page(page: Page) -> None:
    listed = page.client.get("/dashboard/api/drills").json()
    assert [d["name"] for d in listed["drills"]] == list(CATALOGUE)  # a button per drill of the catalogue
    assert {"weekend-gap", "settlement-fail-cascade"} <= set(CATALOGUE)
    assert {"stablecoin-depeg", "broker-insolvency"} <= set(CATALOGUE)
    started = page.client.post("/dashboard/api/drills/run", json={"name": "issuer-insolvency", "seed": 1})
    assert started.status_code == 202
    run_id = started.json()["run_id"]
    wait_until(lambda: page.client.get(f"/dashboard/api/drills/runs/{run_id}").json()["state"] != RUNNING)
    run = page.client.get(f"/dashboard/api/drills/runs/{run_id}").json()
    assert run["state"] == DONE and run["plots"]["recovery"]["holders"][0]["percent"] == "96.67"
    problem(page.client.post("/dashboard/api/drills/run", json={"name": "nope"}), 404, "UNKNOWN_DRILL")
    problem(page.client.post("/dashboard/api/drills/run", json={"name": "api-cutoff", "seed": "1"}), 400,
            "INVALID_ARGUMENT")
    problem(page.client.get("/dashboard/api/drills/runs/run-999999"), 404, "NOT_FOUND")


def ids(text: str) -> list[int]:
    return [int(line[4:]) for line in text.splitlines() if line.startswith("id: ")]


def test_the_event_stream_sends_the_timeline_by_id_then_ends(page: Page) -> None:
    with page.client.stream("GET", "/dashboard/api/events?after=25") as stream:
        text = "".join(stream.iter_text())
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert text.startswith("retry: 1000") and ids(text) == list(range(26, LAST + 1))
    assert text.rstrip().endswith(f'event: end\ndata: {{"after": {LAST}}}') and page.timeline.syncs >= 1
    with page.client.stream("GET", "/dashboard/api/events") as stream:           # a first connection: a tail
        assert ids("".join(stream.iter_text())) == list(range(LAST - TAIL + 1, LAST + 1))
    with page.client.stream("GET", "/dashboard/api/events?after=1",
                            headers={"Last-Event-ID": str(LAST - 1)}) as stream:
        assert ids("".join(stream.iter_text())) == [LAST]                           # a browser's reconnect
    problem(page.client.get("/dashboard/api/events?after=-3"), 400, "INVALID_ARGUMENT")
