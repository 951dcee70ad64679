"""The perpetual markets' parameters, each with its source.

Why here and not in kernel/config.py: config.py says where the processes listen and keep their data
(plus the Fedwire hours, which kernel/fedwire.py reads on behalf of every service). These numbers are
the exchange's product terms: only the exchange reads them, they change with the product rather than
with the deployment, and a test must see the same values whatever the environment says. So they are
constants next to the code that applies them, read by nothing but `fivelayer.exchange.perps`.

Sources (read 2026):
- [HL-funding] Hyperliquid docs, Trading > Funding (hyperliquid.gitbook.io/hyperliquid-docs/trading/funding):
  8-hour rate F = P + clamp(r - P, -0.05%, +0.05%), r = 0.01% per 8 h, paid hourly at F/8, capped at
  4% an hour, on size x oracle price; impact notional 20,000 USDC for BTC and ETH, 6,000 for the rest.
- [HL-margin] Hyperliquid docs, Trading > Margining / Liquidations: maintenance margin is half the
  initial margin at max leverage.
- [HL-mark] Hyperliquid docs, Trading > Robust price indices: mark = median(oracle + 150 s EMA of
  (mid - oracle), median(best bid, best ask, last trade), external perps).
- [HIP-3] Hyperliquid docs, HIP-3 builder-deployed perpetuals / setOracle: the deployer updates the
  oracle at most every 2.5 s (expected ~3 s); each update moves the mark by at most 1%.
- [XYZ-oracle] docs.trade.xyz, Perp mechanics > Oracle price: off-hours, the oracle is a continuous-time
  EMA of the book's impact prices from the last external price, tau = 1 h (30 min in an earlier
  revision), each step's weight capped by dt* = min(dt, 0.1 tau), i.e. at most 1 - e^-0.1 = 9.5%.
- [XYZ-bounds] docs.trade.xyz, External price / discovery bounds: off-hours the mark is held within
  +/- 1/max leverage of the last external close.
- [#19] issue 19 in this repository: the four markets, 10x single names, 20x SPY.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import SHARE_PLACES
from fivelayer.kernel.reasons import Common

# -- funding [HL-funding] ---------------------------------------------------------------------------
INTEREST_RATE_8H = Decimal("0.0001")       # 0.01% per 8 hours
PREMIUM_CLAMP = Decimal("0.0005")          # clamp(r - P, -0.05%, +0.05%)
FUNDING_PERIODS_PER_RATE = 8               # the 8-hour rate is paid in eight hourly instalments
HOURLY_FUNDING_CAP = Decimal("0.04")       # at most 4% of the notional an hour, either way
PREMIUM_SAMPLE_SECONDS = 5                 # Hyperliquid samples the premium every 5 s

# -- prices -----------------------------------------------------------------------------------------
ORACLE_UPDATE_SECONDS = 3                  # [HIP-3]: at most every 2.5 s, expected about every 3 s
MARK_MOVE_CAP = Decimal("0.01")            # [HIP-3]: a mark update moves at most 1% from the last mark.
# Why 1%: at one update every ~3 s a -8% opening print reaches the mark in 9 updates (~25 s): long enough
# that one bad print cannot liquidate a market at once, short enough that losses do not run on unchecked.
MARK_BASIS_TAU_SECONDS = Decimal(150)      # [HL-mark]: the 150 s EMA of (mid - oracle)
OFF_HOURS_TAU_SECONDS = Decimal(3600)      # [XYZ-oracle]: tau = 1 h, trade.xyz's current value
EMA_STEP_CAP = Decimal("0.1")              # [XYZ-oracle]: dt* = min(dt, c x tau), c = 0.1

# Places: prices (oracle, mark) are kept to 6 places, entry prices to 9, sizes to 9 (a contract is one
# share of exposure, sized like the broker's fractional shares), money in FUSD's 6 (kernel.money).
PRICE_PLACES = 6
ENTRY_PLACES = 9
SIZE_PLACES = SHARE_PLACES

# Bounds on every loop over market data (TigerBeetle style: no loop without a stated limit).
MAX_PREMIUM_SAMPLES = 3600 // PREMIUM_SAMPLE_SECONDS   # one hour of samples: 720
MAX_BOOK_LEVELS = 1000                     # levels of one side of the book walked by one decision
MAX_POSITIONS = 10_000                     # open positions in one market (funding, ADL ranking)


@dataclass(frozen=True)
class MarketParams:
    symbol: str                # the perp market, e.g. AAPL-PERP
    underlying: str            # the NYSE symbol its oracle follows in sessions
    max_leverage: int          # [#19]
    impact_notional: Decimal   # FUSD traded on each side for the impact bid and ask

    @property
    def maintenance_rate(self) -> Decimal:
        """Maintenance margin per unit of notional: half the initial margin at max leverage [HL-margin]."""
        return 1 / (2 * Decimal(self.max_leverage))

    @property
    def discovery_bound(self) -> Decimal:
        """How far off-hours the oracle and mark may go from the last session price: 1/max leverage
        [XYZ-bounds], so a position at max leverage cannot be wiped out by weekend trading alone."""
        return 1 / Decimal(self.max_leverage)


# Impact notionals: Hyperliquid's 6,000 for its ordinary markets on the single names; SPY, the deepest
# underlying, gets the 20,000 Hyperliquid uses for its two deepest (BTC, ETH) [HL-funding].
MARKETS: dict[str, MarketParams] = {p.symbol: p for p in (
    MarketParams("AAPL-PERP", "AAPL", 10, Decimal(6000)),
    MarketParams("NVDA-PERP", "NVDA", 10, Decimal(6000)),
    MarketParams("TSLA-PERP", "TSLA", 10, Decimal(6000)),
    MarketParams("SPY-PERP", "SPY", 20, Decimal(20000)),
)}


def market(symbol: str) -> MarketParams:
    try:
        return MARKETS[symbol]
    except KeyError:
        raise DomainError(Common.UNKNOWN_SYMBOL, f"no perpetual market {symbol!r}; markets: {', '.join(MARKETS)}",
                          symbol=symbol) from None

# -- fees [HL-fees] ---------------------------------------------------------------------------------
# [HL-fees] Hyperliquid docs, Trading > Fees: the base tier (under $5M 14-day volume) pays 0.045% taking
# and 0.015% making on perps. The exchange's designated maker pays none (it is the venue's own desk).
TAKER_FEE = Decimal("0.00045")
MAKER_FEE = Decimal("0.00015")
MARKET_ORDER_BAND = Decimal("0.05")        # a market order takes no level worse than 5% from the mark [#19]

# -- the designated market maker (maker.py) ---------------------------------------------------------
# Capital: 10,000,000 FUSD from the faucet, once. Each market's inventory is capped at MAKER_MAX_INVENTORY
# notional, and the maker posts 1x margin on it, so four markets need at most 8,000,000: the capital covers
# every position it can hold at 1x, with 2,000,000 spare for its quoting and rounding.
MAKER_CAPITAL = Decimal(10_000_000)
MAKER_MAX_INVENTORY = Decimal(2_000_000)   # FUSD of inventory notional per market, either way
MAKER_LEVELS = 10                          # levels per side
MAKER_LEVEL_NOTIONAL = Decimal(25_000)     # FUSD per level: the first level alone covers the impact notionals
SESSION_HALF_SPREAD = Decimal("0.0005")    # 5 bp from the oracle to the first level in NYSE sessions
SESSION_LEVEL_STEP = Decimal("0.0005")     # and 5 bp between levels
OFF_HOURS_HALF_SPREAD = Decimal("0.0025")  # 25 bp off-hours: no external price to hedge against
OFF_HOURS_LEVEL_STEP = Decimal("0.0025")
MAKER_MAX_SKEW = Decimal("0.005")          # the ladder's centre moves up to 0.5% against a full inventory
TICK = Decimal("0.01")                     # the maker quotes in cents; users may price to PRICE_PLACES
MAX_RESTING_ORDERS = 10_000                # user orders resting in one market
MAX_FUND_UNLOAD = 20                       # positions the fund unloads per update
# An order's size and limit price are bounded so that every product of them (notional, margin, fee) is exact
# in Decimal's 28 digits: at most 10^7 contracts at 10^7 FUSD.
MAX_ORDER_SIZE = Decimal(10_000_000)
MAX_ORDER_PRICE = Decimal(10_000_000)
