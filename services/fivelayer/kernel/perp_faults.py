"""The perp faults as the sandbox names them: reference data that control (which makes them,
`control/perp_faults.py`) and the CLI (whose help and choices list them with no sandbox running) both
read, as `kernel/drills.py` is for the drills. What each fault does is control's; a unit test holds the
two to the same names.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Final

JUMP_LOW, JUMP_HIGH = Decimal("-0.9"), Decimal(9)   # the exchange's bounds on a jump: the price stays positive

HELP: Final[dict[str, str]] = {   # one line each for `fivelayer fault inject --help`
    "halt-perps": "halt-perps [--symbol AAPL-PERP]: no orders, funding or liquidations",
    "oracle-stale": "oracle-stale [--symbol]: the oracle feed stops, oracle and mark hold",
    "oracle-jump": "oracle-jump --fraction -0.2 [--symbol]: a bad print moves the oracle",
}
OPTION_HELP: Final = {   # the CLI's options, for what the perp faults make of them
    "symbol": f"{', '.join(HELP)}: a perp market, e.g. AAPL-PERP (or its underlying; default every market)",
    "fraction": f"oracle-jump: the oracle's move, between {JUMP_LOW} and {JUMP_HIGH}, not 0, e.g. -0.2",
}
