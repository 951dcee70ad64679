"""The hot wallet's standing allowance for the issuer: one approval covers many orders.

The issuer takes a buy's stablecoin, and a sale's tokens, from the hot wallet with `transferFrom`,
so the hot wallet must first allow it that much. Approving each order on its own costs a chain
transaction per order (a third of a mint's); instead the exchange keeps a standing allowance and
tops it up, when what is left would not cover an order, by what the order lacks plus `GRANT` of that
asset. What the issuer's key could take beyond the orders in flight is therefore bounded by
`GRANT` (plus what refused orders left unspent): the exposure a desk accepts with an authorized
participant, and the figure to read in the compromised-key drill.

Concurrent orders must never count the same allowance twice, so each order reserves its amount
here, under one lock, until the issuer has answered. The chain's figure is read when the estimate
runs short and the orders still in flight are taken off it (some of them may already have been
drawn: counting them again only tops up sooner). A top-up's request id carries the allowance it was
computed from, so an order retried after a crash never repeats a top-up, and never reuses an old
one that no longer covers it.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Final

from fivelayer.exchange import ports
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import chain_pb2

# what each top-up grants beyond the order that asked for it: a stablecoin float for about a
# thousand average mints; any stock token's for as many redemptions
GRANT: Final[Mapping[str, Decimal]] = {STABLECOIN: Decimal(1_000_000)}
TOKEN_GRANT: Final = Decimal(10_000)
MAX_IN_FLIGHT: Final = 10_000  # orders awaiting the issuer at once (the exchange's sagas are far fewer)


class StandingAllowance:
    """The hot wallet (`owner`) allowing the issuer (`spender`) to draw, reserved order by order."""

    def __init__(self, chain: ports.Allowances, owner: str, spender: str) -> None:
        self.chain, self.owner, self.spender = chain, owner, spender
        self._lock = threading.Lock()
        self._unreserved: dict[str, Decimal] = {}      # per asset: allowance not yet promised to an order
        self._in_flight: dict[str, tuple[str, Decimal]] = {}  # request id -> (asset, amount)

    @contextmanager
    def covering(self, request_id: str, asset: str, amount: Decimal) -> Iterator[None]:
        """The issuer may draw `amount` of `asset` while the block runs (the order's call to it)."""
        self._reserve(request_id, asset, amount)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight.pop(request_id, None)

    def _reserve(self, request_id: str, asset: str, amount: Decimal) -> None:
        assert amount > 0, f"an order reserves a positive amount, not {amount}"
        with self._lock:
            assert len(self._in_flight) < MAX_IN_FLIGHT, "more orders await the issuer than the exchange runs"
            left = self._unreserved.get(asset)
            if left is None or left < amount:
                on_chain = from_pb(self.chain.GetAllowance(chain_pb2.AllowanceRequest(
                    symbol=asset, owner=self.owner, spender=self.spender)).amount)
                promised = sum((a for s, a in self._in_flight.values() if s == asset), Decimal(0))
                left = on_chain - promised
                if left < amount:
                    grant = amount - left + GRANT.get(asset, TOKEN_GRANT)
                    self.chain.IncreaseAllowance(chain_pb2.IncreaseAllowanceRequest(
                        request_id=f"{request_id}:approve:{on_chain}", symbol=asset, sender=self.owner,
                        spender=self.spender, amount=to_pb(grant)))
                    left += grant
            self._unreserved[asset] = left - amount
            self._in_flight[request_id] = (asset, amount)
