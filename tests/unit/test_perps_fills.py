"""The service layer's arithmetic: a fill's margin, fee and PnL, posted to the ledger so the books prove; the
backstop's and ADL's postings, on a scratch database."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fivelayer.exchange import models, perp_models, perp_risk  # noqa: F401  (tables)
from fivelayer.exchange import perp_trading as trading
from fivelayer.exchange.perp_models import LiquidationRow, PerpMarketRow, PerpPositionRow
from fivelayer.exchange.perps.fills import apply_fill, empty, fee
from fivelayer.exchange.perps.params import MAKER_FEE, TAKER_FEE, market
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger, prove
from fivelayer.kernel.reference import STABLECOIN

D = Decimal
AAPL = market("AAPL-PERP")
SPY = market("SPY-PERP")
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def test_fees_are_hyperliquids_base_tier_rounded_up() -> None:
    assert fee(D(10), D(200), TAKER_FEE) == D("0.9")
    assert fee(D(1), D("200.01"), MAKER_FEE) == D("0.030002")     # 0.0300015 rounds up


ZERO_FEE = D(0)


def test_open_add_reduce_and_flip() -> None:
    opened = apply_fill(empty("a"), D(10), D(200), 10, AAPL, TAKER_FEE)
    assert (opened.posted, opened.cash) == (D(200), D("-200.9"))
    grown = apply_fill(opened.position, D(10), D(210), 10, AAPL, ZERO_FEE)
    assert (grown.position.entry_price, grown.posted) == (D(205), D(210))
    flipped = apply_fill(grown.position, D(-25), D(215), 2, AAPL, ZERO_FEE)
    assert flipped.closed == 20 and flipped.realized_pnl == D(200) and flipped.released == D(410)
    assert (flipped.position.size, flipped.position.leverage, flipped.posted) == (D(-5), 2, D("537.5"))
    assert flipped.cash == D(410) + D(200) - D("537.5")


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path}/exchange.db")
    with database.transaction() as session:
        Ledger(session).post([("@faucet", STABLECOIN, D(-110_000)), ("user:u1", STABLECOIN, D(10_000)),
                              (trading.MAKER, STABLECOIN, D(100_000))], at=NOW, transfer_id="seed")
    return database


def test_a_fill_posts_margin_and_fee_and_the_books_prove(db: Database) -> None:
    with db.transaction() as session:
        effect = trading.post_fill(session, NOW, "user:u1", AAPL, D(10), D(200), 10, TAKER_FEE, "t1")
        trading.post_fill(session, NOW, trading.MAKER, AAPL, D(-10), D(200), 1, ZERO_FEE, "t1")
    with db.read() as session:
        ledger = Ledger(session)
        assert ledger.balance("user:u1", STABLECOIN) == D(10_000) - D(200) - effect.fee
        assert ledger.balance(trading.MARGIN, STABLECOIN) == D(200) + D(2000)   # the user's 10x, the maker's 1x
        assert ledger.balance(trading.FEES, STABLECOIN) == D("0.9")
        assert prove(session)[0]
    with db.transaction() as session, pytest.raises(DomainError) as refused:
        trading.post_fill(session, NOW, "user:u1", AAPL, D(1000), D(200), 1, TAKER_FEE, "t2")
    assert refused.value.reason == "INSUFFICIENT_FUNDS"


def test_backstop_books_the_equity_at_the_mark() -> None:
    equity, legs = perp_risk.backstop_legs(D(200), D(-150))
    assert equity == D(50) and legs == [(trading.MARGIN, STABLECOIN, D(-50)), (trading.FUND, STABLECOIN, D(50))]
    shortfall, legs = perp_risk.backstop_legs(D(200), D(-230))
    assert shortfall == D(-30) and legs[1] == (trading.FUND, STABLECOIN, D(-30))


def test_adl_closes_the_ranked_counterparty_at_the_bankruptcy_price(db: Database) -> None:
    """A 20x long of 10 at 100 (margin 50, bankruptcy 95) with the mark at 90 and an empty fund: the short
    with the highest key gives up 10 at 95 and realizes 50; the long's margin pays it; the books prove."""
    with db.transaction() as session:
        Ledger(session).post([("@faucet", STABLECOIN, D(-10_000)), ("user:u2", STABLECOIN, D(5_000)),
                              ("user:u3", STABLECOIN, D(5_000))], at=NOW, transfer_id="seed2")
        trading.post_fill(session, NOW, "user:u1", SPY, D(10), D(100), 20, ZERO_FEE, "o1")
        trading.post_fill(session, NOW, "user:u2", SPY, D(-10), D(100), 10, ZERO_FEE, "o1")
        trading.post_fill(session, NOW, "user:u3", SPY, D(5), D(100), 1, ZERO_FEE, "o2")
        trading.post_fill(session, NOW, "user:u2", SPY, D(-5), D(100), 10, ZERO_FEE, "o2")
        session.add(PerpMarketRow(symbol="SPY-PERP", started=True, oracle_price=D(90), last_session_price=D(90),
                                  oracle_at=NOW, mark_price=D(90), mark_at=NOW))
    with db.transaction() as session:
        row = session.get(PerpMarketRow, "SPY-PERP")
        assert row is not None
        position = session.get(PerpPositionRow, ("user:u1", "SPY-PERP"))
        assert position is not None and position.margin == D(50)
        record = perp_risk.liquidate(session, NOW, row, SPY, position)
    with db.read() as session:
        assert isinstance(record, LiquidationRow) and record.bankruptcy_price == D(95) and record.book_size == 0
        assert '"closed": "10"' in record.ranking
        short = session.get(PerpPositionRow, ("user:u2", "SPY-PERP"))
        assert short is not None and short.size == D(-5) and short.realized_pnl == D(50)
        assert session.get(PerpPositionRow, ("user:u1", "SPY-PERP")).size == 0   # type: ignore[union-attr]
        assert prove(session)[0]
        margin_pool = Ledger(session).balance(trading.MARGIN, STABLECOIN)
        assert margin_pool == short.margin + D(500)   # u2's remaining margin and u3's 1x margin remain
