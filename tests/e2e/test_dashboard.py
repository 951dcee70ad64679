"""The workshop dashboard in a real browser: Playwright driving Debian's Chromium (no browser
download; `.ci/run` installs the `chromium` package) against a sandbox of real processes.

Every figure the page shows is compared with the same figure read through the services' gRPC
APIs, down to a holder's rights table; a mint and a clock advance are clicked through and the
boxes seen to change; a drill is run from the page and its plots seen drawn. The page must load
nothing from off the sandbox's host. The tests save the README's screenshots to
docs/screenshots/ (pipeline.png, drill-report.png) on every run.
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fivelayer.control.dashboard.routes import TAIL
from fivelayer.kernel import calendar
from fivelayer.kernel.calendar import NEW_YORK
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.money import fmt, from_pb
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.kernel.reference import BROKER_PARTICIPANT
from fivelayer.kernel.rpc import Clients
from fivelayer.kernel.timeutil import from_ts, iso
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    statuses_pb2,
)

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, dec, deposit

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
expect = sync_api.expect

pytestmark = pytest.mark.e2e

FRIDAY_CLOSE = "2026-11-20T21:00:00Z"          # 16:00 ET, the close; Thanksgiving week comes next
MONDAY_OPEN = "2026-11-23T14:30:00Z"
SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1600, "height": 1000}     # a projector's
EMPTY = common_pb2.Empty()


def word(status: statuses_pb2.RightStatus) -> str:
    """A right's status as the page words it: RIGHT_STATUS_LOST -> "lost" (its badge's class too)."""
    return statuses_pb2.RightStatus.Name(status).removeprefix("RIGHT_STATUS_").lower()


def users_of(c: Clients) -> exchange_pb2.ListUsersResponse:
    """Every exchange user, page by page."""
    return whole(c.exchange.ListUsers, exchange_pb2.ListUsersRequest())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed: the dashboard's browser tests drive Debian's `chromium` package "
                    "(`apt-get install chromium`; .ci/run installs it) and never download a browser")
    args = ["--no-sandbox"] if os.geteuid() == 0 else []   # Chromium refuses its sandbox to root
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=args)
        expect.set_options(timeout=15_000)   # the ticker plays each event a beat apart, for a room to follow
        yield launched
        launched.close()


class Dashboard:
    """A page on one sandbox's dashboard, recording what a test must not see: a script error, a
    failed request, or a request to anywhere but the sandbox (the page works offline)."""

    def __init__(self, browser: Any, run: Any) -> None:
        self.base = run.settings.rest_address("control")
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page: Any = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.base + "/"):
            self.problems.append(f"off-host request: {request.url}")

    def _failed(self, request: Any) -> None:
        # The event stream is cut when the page closes; anything else that fails is a fault.
        if "/dashboard/api/events" not in request.url:
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def open(self) -> Any:
        self.page.goto(self.base + "/dashboard/")
        expect(self.tid("stream-status")).to_have_attribute("data-state", "live")
        return self.page

    def tid(self, testid: str) -> Any:
        return self.page.get_by_test_id(testid)

    def close(self) -> None:
        self.context.close()
        assert self.problems == []


DashboardFactory = Callable[[Any], Dashboard]  # the `dashboard` fixture: a page on a started sandbox


@pytest.fixture
def dashboard(browser: Any) -> Iterator[DashboardFactory]:
    opened: list[Dashboard] = []

    def make(run: Any) -> Dashboard:
        board = Dashboard(browser, run)
        opened.append(board)
        return board

    yield make
    for board in opened:
        board.close()


# The ticker has played every event the page received (it plays them a beat apart, in the order a
# mint runs down the layers): on a sandbox whose whole timeline the page's first connection got
# (no more than the TAIL it is sent), that is every id from 1 to the last one received.
PLAYED_ALL = """() => {
  const last = Number(document.querySelector('[data-testid="stream-status"]').dataset.lastId || 0);
  return last > 0 && Number(document.querySelector('[data-testid="ticker-count"]').textContent) === last;
}"""


def played_all(board: Dashboard) -> None:
    board.page.wait_for_function(PLAYED_ALL, timeout=30_000)


def screenshot(board: Dashboard, name: str, top: str, bottom: str) -> None:
    """The page from `top`'s top edge to `bottom`'s bottom edge, at full width (the whole page laid
    out, so the sticky clock bar covers nothing), to docs/screenshots/`name`."""
    box = board.page.evaluate("""([top, bottom]) => {
      const edge = (selector) => document.querySelector(selector).getBoundingClientRect();
      return {y: edge(top).top + window.scrollY, bottom: edge(bottom).bottom + window.scrollY,
              width: document.documentElement.clientWidth};
    }""", [top, bottom])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    board.page.screenshot(path=SCREENSHOTS / name, full_page=True, animations="disabled",
                          clip={"x": 0, "y": box["y"], "width": box["width"], "height": box["bottom"] - box["y"]})


def d(message: common_pb2.Decimal) -> str:
    """A decimal as the page prints it."""
    return fmt(from_pb(message))


def expect_number(shown: Any, value: common_pb2.Decimal | str) -> None:
    """A figure or cell: the service's own figure in `data-value`, and on screen the same number
    grouped for the back of the room ("20,000", "$ to the cent")."""
    raw = value if isinstance(value, str) else d(value)
    expect(shown).to_have_attribute("data-value", raw)
    assert Decimal(shown.inner_text().replace(",", "").strip()) == Decimal(raw), (shown, raw)


def reconciliation(c: Clients) -> dict[str, control_pb2.TokenReconciliation]:
    return {line.token: line for line in c.sandbox.Reconcile(control_pb2.ReconcileRequest()).tokens}


def expect_token_boxes(board: Dashboard, c: Clients) -> None:
    """The chain, issuer and broker boxes against the chain's tokens and control's reconciliation."""
    tokens = whole(c.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens
    for token in tokens:
        if token.kind == "stock":
            expect_number(board.tid(f"cell-chain-{token.symbol}-supply"), d(token.total_supply))
        else:
            expect_number(board.tid("fig-chain-stablecoin_supply"), d(token.total_supply))
    lines = reconciliation(c)
    assert {t.symbol for t in tokens if t.kind == "stock"} == set(lines)
    for symbol, line in lines.items():
        for cell, value in (("outstanding", line.tokens_outstanding), ("represented", line.shares_represented),
                            ("unbacked", line.unbacked_shares), ("unbacked_usd", line.unbacked_value),
                            ("buffer", line.buffer), ("credit_used", line.credit_used),
                            ("in_transit", line.cash_in_transit)):   # the money leg beside the shares
            expect_number(board.tid(f"cell-issuer-{symbol}-{cell}"), d(value))
        expect(board.tid(f"cell-issuer-{symbol}-funding")).to_have_text(line.funding_mode)
        for cell, value in (("ordered", line.shares_ordered), ("filled", line.shares_filled),
                            ("settled", line.shares_settled)):
            expect_number(board.tid(f"cell-broker-{line.underlying}-{cell}"), d(value))
    expect_number(board.tid("fig-issuer-unbacked_shares"),
                  fmt(sum((from_pb(line.unbacked_shares) for line in lines.values()), Decimal(0))))
    for key, name in (("buffer_usd", "buffer"), ("credit_used_usd", "credit_used"),
                      ("in_transit_usd", "cash_in_transit")):
        expect_number(board.tid(f"fig-issuer-{key}"),
                      fmt(sum((from_pb(getattr(line, name)) for line in lines.values()), Decimal(0))))


def spv_account(c: Clients) -> str:
    """The SPV as the broker's customer (its first account)."""
    return c.issuer.ListProducts(issuer_pb2.ListProductsRequest()).broker_account_id


def spv_cash(c: Clients) -> tuple[str, str]:
    """The SPV's cash, settled and unsettled, summed over its products' own accounts, as the page prints it."""
    cash = [c.broker.GetCash(broker_pb2.AccountRequest(account_id=p.broker_account_id))
            for p in c.issuer.ListProducts(issuer_pb2.ListProductsRequest()).products]
    return (fmt(sum((from_pb(x.settled) for x in cash), Decimal(0))),
            fmt(sum((from_pb(x.unsettled) for x in cash), Decimal(0))))


def expect_rights(board: Dashboard, c: Clients, holder: str) -> None:
    """Pick a holder: her rights trace as a table per position, a column per layer, each right
    kept, transformed or lost and what reached her, as control's TraceRights has them."""
    board.tid("rights-holder-select").select_option(holder)
    expect(board.tid("rights-result")).to_have_attribute("data-holder", holder)
    trace = c.sandbox.TraceRights(control_pb2.TraceRightsRequest(holder=holder))
    assert trace.positions
    expect(board.tid("rights-position")).to_have_count(len(trace.positions))
    for position in trace.positions:
        shown = board.tid("rights-result").locator(
            f'[data-testid="rights-position"][data-asset="{position.asset}"][data-route="{position.route}"]')
        expect(shown.locator("h3")).to_contain_text(f"{position.quantity.value} {position.asset}")
        expect(shown.get_by_test_id("rights-row")).to_have_count(len(position.rights))
        for right in position.rights:
            row = shown.locator(f'[data-testid="rights-row"][data-right="{right.right}"]')
            expect(row.get_by_test_id("rights-outcome")).to_have_text(word(right.outcome))
            expect(row.get_by_test_id("rights-reached")).to_have_text(right.reached)
            for step in right.steps:
                expect(row.locator(f'[data-testid="rights-step"][data-layer="{step.layer}"]')).to_have_text(
                    word(step.status))


def test_every_panel_shows_the_sandboxs_own_numbers(
        sandbox_factory: SandboxFactory, dashboard: DashboardFactory) -> None:
    run = sandbox_factory(FRIDAY_CLOSE)
    c = run.clients
    ada, bo = create_user(c, "ada"), create_user(c, "bo")
    deposit(c, ada.user_id, "10000", "d1")
    deposit(c, bo.user_id, "10000", "d2")
    buy(c, ada.user_id, "AAPLx", "3", "b1")                                      # a mint, hedged at Monday's open
    c.exchange.BuyStock(exchange_pb2.TradeRequest(request_id="s1", user_id=bo.user_id, symbol="AAPL",
                                                  quantity=dec("2")))           # the traditional route
    advance_to(c, "2026-11-23T15:00:00Z")                                        # Monday 10:00 ET: both filled
    board = dashboard(run)
    page = board.open()

    # The clock.
    state = c.clock.Now(EMPTY)
    now = from_ts(state.now)
    expect(board.tid("clock-now")).to_have_text(iso(now))
    expect(board.tid("clock-et")).to_have_text(now.astimezone(NEW_YORK).strftime("%a %d %b %Y %H:%M ET"))
    expect(board.tid("clock-market")).to_have_text("NYSE open" if state.market_open else "NYSE closed")
    expect(board.tid("clock-session")).to_have_text(f"session {state.session}")

    # The pipeline: every box, each figure as the layers report it.
    for box in ("user", "exchange", "issuer", "broker", "depository", "chain", "trad_exchange", "trad_broker",
                "trad_depository"):
        expect(board.tid(f"box-{box}")).to_be_visible()
    expect_number(board.tid("fig-user-users"), str(len(users_of(c).users)))
    expect_token_boxes(board, c)
    account = spv_account(c)
    expect(board.tid("fig-broker-spv_account")).to_have_text(account)
    cash_settled, cash_unsettled = spv_cash(c)
    expect_number(board.tid("fig-broker-cash_settled"), cash_settled)
    expect_number(board.tid("fig-broker-cash_unsettled"), cash_unsettled)
    dtc = c.depository.GetPositions(depository_pb2.PositionsRequest(participant_id=BROKER_PARTICIPANT))
    expect_number(board.tid("fig-depository-cash"), d(dtc.cash))
    for position in dtc.positions:
        expect_number(board.tid(f"cell-depository-{position.symbol}-at_dtc"), d(position.settled))
        expect_number(board.tid(f"cell-depository-{position.symbol}-receive"), d(position.pending_receive))
    trades = c.depository.ListTrades(depository_pb2.ListTradesRequest(participant_id=BROKER_PARTICIPANT)).trades
    unsettled = [t for t in trades if t.status != statuses_pb2.TRADE_STATUS_SETTLED]
    assert len(unsettled) == 2                                                   # the hedge and bo's shares
    expect_number(board.tid("fig-depository-unsettled_trades"), str(len(unsettled)))
    bo_account = c.exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=bo.user_id)).account_id
    bo_aapl = next(p for p in c.broker.GetPositions(broker_pb2.AccountRequest(account_id=bo_account)).positions
                   if p.symbol == "AAPL")
    expect_number(board.tid("cell-trad_broker-AAPL-unsettled"), d(bo_aapl.unsettled))
    expect_number(board.tid("cell-trad_broker-AAPL-settled"), d(bo_aapl.settled))
    for box, service in (("issuer", "issuer"), ("broker", "broker"), ("chain", "chain"), ("exchange", "exchange"),
                         ("depository", "depository")):
        balanced = c.books(service).Prove(EMPTY).balanced
        expect(board.tid(f"books-{box}")).to_have_text("books balanced" if balanced else "books not balanced")

    # The coming week, Thanksgiving's: sessions as the sandbox's calendar has them, the holiday, the
    # early close, and each unsettled trade on the day it settles.
    today = now.astimezone(NEW_YORK).date()
    days = board.tid("calendar-day")
    expect(days).to_have_count(7)
    week = [today + timedelta(days=n) for n in range(7)]
    assert [days.nth(n).get_attribute("data-date") for n in range(7)] == [day.isoformat() for day in week]
    for n, day in enumerate(week):
        row = days.nth(n)
        if calendar.is_session(day):
            opens, closes = calendar.session_hours(day)
            hours = f"{opens.astimezone(NEW_YORK):%H:%M}-{closes.astimezone(NEW_YORK):%H:%M} ET"
            expect(row.locator("td").nth(1)).to_have_text(hours)
        expect(row.get_by_test_id("badge-settlement")).to_have_count(1 if calendar.is_settlement_day(day) else 0)
    thanksgiving = page.locator('[data-testid="calendar-day"][data-date="2026-11-26"]')
    expect(thanksgiving.get_by_test_id("badge-nyse-holiday")).to_be_visible()
    expect(thanksgiving.get_by_test_id("badge-bank-holiday")).to_be_visible()
    black_friday = page.locator('[data-testid="calendar-day"][data-date="2026-11-27"]')
    expect(black_friday.get_by_test_id("badge-early-close")).to_be_visible()
    expect(black_friday.locator("td").nth(1)).to_have_text("09:30-13:00 ET")
    for trade in unsettled:
        assert date.fromisoformat(trade.settlement_date) in week
        day_row = page.locator(f'[data-testid="calendar-day"][data-date="{trade.settlement_date}"]')
        expect(day_row.locator(f'[data-testid="calendar-trade"][data-trade="{trade.trade_id}"]')).to_be_visible()

    # Drills, faults and holders, as control and the exchange list them.
    names = [drill.name for drill in c.drills.ListDrills(control_pb2.ListDrillsRequest()).drills]
    expect(board.tid("drill-list").locator("[data-drill]")).to_have_count(len(names))
    for name in names:
        expect(board.tid(f"drill-{name}")).to_be_visible()
        expect(board.tid(f"btn-run-drill-{name}")).to_be_enabled()
    assert not c.faults.ListFaults(control_pb2.ListFaultsRequest()).faults
    expect(board.tid("faults-table").locator("tbody")).to_have_text("no faults in force")
    expect(board.tid("fault-kind").locator("option")).not_to_have_count(0)
    users = users_of(c).users
    expect(board.tid("rights-holder-select").locator("option[value^='usr-']")).to_have_count(len(users))
    expect(board.tid("buy-user").locator("option")).to_have_count(len(users))

    # Rights, holder by holder: bo owns his shares, every right kept; ada's token lost the vote at the SPV.
    expect_rights(board, c, bo.user_id)
    expect(board.tid("rights-result").locator("[data-outcome='lost']")).to_have_count(0)
    expect_rights(board, c, ada.user_id)
    ada_vote = board.tid("rights-result").locator("[data-asset='AAPLx'] [data-testid='rights-row']"
                                                  "[data-right='voting']")
    expect(ada_vote).to_have_attribute("data-outcome", "lost")


def test_a_mint_and_a_clock_advance_run_through_the_boxes(
        sandbox_factory: SandboxFactory, dashboard: DashboardFactory) -> None:
    run = sandbox_factory(FRIDAY_CLOSE)
    c = run.clients
    board = dashboard(run)
    timeline = list(all_pages(c.sandbox.ListEvents, control_pb2.ListEventsRequest(), lambda page: page.events))
    assert len(timeline) <= TAIL   # the page gets them all
    page = board.open()
    played_all(board)
    expect_number(board.tid("cell-chain-AAPLx-supply"), "0")
    expect_number(board.tid("fig-issuer-unbacked_shares"), "0")

    # A user and her dollars through the exchange's REST face; the page learns of her from the stream.
    exchange = run.settings.rest_address("exchange")
    user = httpx.post(f"{exchange}/v1/Exchange/CreateUser", json={"request_id": "u1", "name": "ada"}).json()
    funded = httpx.post(f"{exchange}/v1/Exchange/Deposit", json={"request_id": "d1", "user_id": user["user_id"],
                                                                 "amount": "10000"})
    assert funded.status_code == 200, funded.text
    expect(board.tid("buy-user").locator(f"option[value='{user['user_id']}']")).to_be_attached()

    # The mint, from the page's Buy form.
    board.tid("buy-user").select_option(user["user_id"])
    board.tid("buy-token").select_option("AAPLx")
    board.tid("buy-qty").fill("3")
    board.tid("btn-buy").click()
    expect(board.tid("buy-result")).to_contain_text("filled")
    expect_number(board.tid("cell-chain-AAPLx-supply"), "3")        # minted at once ...
    expect_number(board.tid("fig-issuer-unbacked_shares"), "3")     # ... unbacked until the hedge settles
    expect_number(board.tid("cell-broker-AAPL-ordered"), "3")
    expect_number(board.tid("cell-broker-AAPL-filled"), "0")        # the market is closed
    expect_token_boxes(board, c)
    expect(board.tid("cell-issuer-AAPLx-funding")).to_have_text("prefunded")
    assert from_pb(reconciliation(c)["AAPLx"].buffer) < 2_000_000   # the hedge's estimate left AAPLx's buffer
    ticker = board.tid("ticker")
    for service in ("exchange", "issuer", "chain", "broker"):             # the mint ran down the layers
        expect(ticker.locator(f"[data-service='{service}']").first).to_be_visible()
    expect(ticker.locator("[data-type='user.created']")).to_have_count(1)
    expect(board.tid("box-chain")).not_to_have_attribute("data-flash-count", "0")
    played_all(board)
    screenshot(board, "pipeline.png", '[data-testid="panel-clock"]', '[data-testid="panel-pipeline"]')

    # The clock to Monday's open: the hedge fills, the broker's and the issuer's figures move.
    before = board.tid("cell-issuer-AAPLx-unbacked_usd").get_attribute("data-value")
    board.tid("btn-next-open").click()
    expect(board.tid("clock-now")).to_have_text(MONDAY_OPEN)
    assert iso(from_ts(c.clock.Now(EMPTY).now)) == MONDAY_OPEN
    expect(board.tid("clock-market")).to_have_text("NYSE open")
    expect(board.tid("advance-result")).to_contain_text("jobs ran")
    expect_number(board.tid("cell-broker-AAPL-filled"), "3")
    expect_token_boxes(board, c)
    line = reconciliation(c)["AAPLx"]
    assert d(line.unbacked_value) != before                               # the same shares, at Monday's price
    expect_number(board.tid("fig-broker-cash_unsettled"), spv_cash(c)[1])
    expect(ticker.locator("[data-service='broker'][data-type='order.filled']")).not_to_have_count(0)
    hedge = next(t for t in c.depository.ListTrades(depository_pb2.ListTradesRequest(
        participant_id=BROKER_PARTICIPANT)).trades if t.symbol == "AAPL")
    assert hedge.settlement_date == "2026-11-24"
    expect(page.locator('[data-testid="calendar-day"][data-date="2026-11-24"]')
           .locator(f'[data-testid="calendar-trade"][data-trade="{hedge.trade_id}"]')).to_be_visible()

    # +1 day: Tuesday's open has passed, the settlement run not yet.
    board.tid("btn-plus-1d").click()
    expect(board.tid("clock-now")).to_have_text("2026-11-24T14:30:00Z")


def test_a_drill_runs_from_the_page_and_its_report_draws_its_plots(
        sandbox_factory: SandboxFactory, dashboard: DashboardFactory) -> None:
    # The insolvency drill: as quick as any (its own scratch sandbox, ~20 s), and the one whose
    # report fills all three plots. The figures are tests/e2e/test_drills.py's for seed 1.
    run = sandbox_factory(FRIDAY_CLOSE)
    c = run.clients
    board = dashboard(run)
    board.open()
    expect(board.tid("drill-seed")).to_have_value("1")
    board.tid("btn-run-drill-issuer-insolvency").click()
    status = board.tid("drill-status")
    expect(status).to_have_attribute("data-drill", "issuer-insolvency")
    expect(status).to_have_attribute("data-state", re.compile("starting|running|done"))
    expect(board.tid("btn-run-drill-halt-of-mint")).to_be_disabled()                 # one drill at a time
    expect(status).to_have_attribute("data-state", "done", timeout=180_000)
    expect(status).to_contain_text("every invariant held")
    report = board.tid("drill-report")
    expect(report).to_be_visible()
    expect(board.tid("drill-report-title")).to_contain_text("issuer-insolvency")
    expect(board.tid("drill-report-fault")).to_contain_text("The fault, at")
    for plot in ("plot-unbacked", "plot-refusals", "plot-recovery"):
        expect(board.tid(plot)).to_have_attribute("data-rendered", "true")
        expect(board.tid(plot).locator(".main-svg").first).to_be_visible()
    for reason in ("ISSUER_INSOLVENT", "TRANSFERS_PAUSED"):
        expect(board.tid("plot-refusals")).to_contain_text(reason)
    expect(board.tid("plot-recovery")).to_contain_text("ada (own wallet, AAPLx)")       # a token holder ...
    expect(board.tid("plot-recovery")).to_contain_text("dee (broker account, AAPL)")    # ... and one who owns shares
    expect(board.tid("drill-findings")).to_contain_text("holders of AAPLx from their collateral")  # the waterfall
    expect(board.tid("drill-holdings").locator("tbody tr")).not_to_have_count(0)
    expect(board.tid("drill-markdown")).to_contain_text("# Drill")
    screenshot(board, "drill-report.png", '[data-testid="drill-report"]', '[data-testid="drill-report"] .plots')
    # The room's own sandbox is untouched: the drill ran in a sandbox of its own.
    assert iso(from_ts(c.clock.Now(EMPTY).now)) == FRIDAY_CLOSE and not users_of(c).users
