"""The route comparison from the dashboard, in a real browser (Debian's Chromium, as
tests/e2e/test_dashboard.py): run from the page in its own scratch sandbox, the three holders' value
drawn over the span, one row per route; the room's own sandbox untouched. It saves the README's
docs/screenshots/routes-compared.png."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fivelayer.kernel.paging import whole
from fivelayer.kernel.rpc import Clients
from fivelayer.kernel.timeutil import from_ts, iso
from fivelayer.v1 import common_pb2, exchange_pb2

from .conftest import SandboxFactory
from .test_dashboard import (  # noqa: F401 (pytest's fixtures)
    FRIDAY_CLOSE,
    DashboardFactory,
    browser,
    dashboard,
    expect,
    screenshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]   # a comparison in a scratch sandbox: 1-3 minutes
EMPTY = common_pb2.Empty()


def users_of(c: Clients) -> exchange_pb2.ListUsersResponse:
    """Every exchange user, page by page."""
    return whole(c.exchange.ListUsers, exchange_pb2.ListUsersRequest())


def test_the_routes_compared_from_the_page_draw_each_holders_value(
        sandbox_factory: SandboxFactory, dashboard: DashboardFactory) -> None:  # noqa: F811
    run = sandbox_factory(FRIDAY_CLOSE)
    c = run.clients
    board = dashboard(run)
    board.open()
    expect(board.tid("routes-amount")).to_have_value("10000")
    board.tid("routes-amount").fill("5000")
    board.tid("btn-compare-routes").click()
    status = board.tid("routes-status")
    expect(status).to_have_attribute("data-state", re.compile("starting|running|done"))
    expect(status).to_have_attribute("data-state", "done", timeout=420_000)
    expect(board.tid("routes-report")).to_be_visible()
    expect(board.tid("routes-report")).to_have_attribute("data-symbol", "AAPL")
    expect(board.tid("routes-story")).to_contain_text("shares of exposure to AAPL")
    plot = board.tid("plot-routes-value")
    expect(plot).to_have_attribute("data-rendered", "true")
    expect(plot.locator(".main-svg").first).to_be_visible()
    rows = board.tid("routes-row")
    expect(rows).to_have_count(3)
    available = 0
    for route in ("tokenized", "traditional", "perpetual"):
        row = board.tid("routes-table").locator(f'[data-testid="routes-row"][data-route="{route}"]')
        expect(row).to_be_visible()
        if "$" in row.locator("td").nth(2).inner_text():
            available += 1
    assert available >= 2  # the perp's line needs the exchange's Perpetuals
    expect(plot).to_have_attribute("data-traces", str(available))
    for route in ("tokenized", "traditional"):
        expect(plot).to_contain_text(route)
    held = board.tid("routes-table").locator('[data-route="traditional"] td').nth(2).inner_text()
    assert Decimal(held.strip("$")) > Decimal(3000)  # $5,000 less a gap and fees
    expect(board.tid("routes-markdown")).to_contain_text("# Routes compared: $5000.00 of AAPL")
    screenshot(board, "routes-compared.png", '[data-testid="panel-routes"]', '[data-testid="routes-table"]')
    # The room's own sandbox is untouched: the comparison ran in a sandbox of its own.
    assert iso(from_ts(c.clock.Now(EMPTY).now)) == FRIDAY_CLOSE and not users_of(c).users
