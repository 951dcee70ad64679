"""The perp faults' names and help, as the kernel's fault catalogue (`kernel/faults.py`) declares them,
for the readers that want the perpetuals alone (control/perp_faults.py, the CLI's perp options).
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.faults import CATALOGUE, JUMP_HIGH, JUMP_LOW, PERPS, names

__all__ = ["HELP", "JUMP_HIGH", "JUMP_LOW", "OPTION_HELP"]

HELP: Final[dict[str, str]] = {n: CATALOGUE[n].help for n in names(PERPS)}  # one line each, for --help
OPTION_HELP: Final = {   # the CLI's options, for what the perp faults make of them
    "symbol": f"{', '.join(HELP)}: a perp market, e.g. AAPL-PERP (or its underlying; default every market)",
    "fraction": f"oracle-jump: the oracle's move, between {JUMP_LOW} and {JUMP_HIGH}, not 0, e.g. -0.2",
}
