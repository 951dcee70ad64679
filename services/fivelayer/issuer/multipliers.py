"""Shares per token, read from the chain once per change rather than once per quote and mint.

The chain owns a token's multiplier, and only the issuer's key changes it: its notice passes schedule
every change (a split, a reinvested dividend). A figure read from the chain therefore holds until the
first change already scheduled after now (`Token.next_change_at`), or until the issuer schedules
another. So the issuer keeps what it read until that instant, and reads the chain on every call
while one of its own passes runs (`changing`): a pass may set a change that takes effect at once.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from fivelayer.issuer import ports
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import chain_pb2


class Known(NamedTuple):
    multiplier: Decimal
    until: datetime | None  # the first scheduled change after the read; None: none scheduled


class Multipliers:
    def __init__(self, chain: ports.Tokens, clock: ClockSource) -> None:
        self.chain, self.clock = chain, clock
        self._lock = threading.Lock()
        self._known: dict[str, Known] = {}
        self._passes = 0  # the issuer's own passes running now, which may change a multiplier
        self._generation = 0  # moves when a pass begins or ends: a read that overlapped one is not kept

    def of(self, symbol: str) -> Decimal:
        """The multiplier in force now."""
        now = self.clock.now()
        with self._lock:
            known, generation = self._known.get(symbol), self._generation
            if known is not None and not self._passes and (known.until is None or now < known.until):
                return known.multiplier
        token = self.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol))
        read = Known(from_pb(token.multiplier, Decimal(1)),
                     from_ts(token.next_change_at) if token.HasField("next_change_at") else None)
        with self._lock:
            if not self._passes and self._generation == generation:
                self._known[symbol] = read
        return read.multiplier

    def at(self, symbol: str, instant: datetime) -> Decimal:
        """The multiplier that will be in force at `instant` (a hedge's fill, at the next open), as the
        chain has it scheduled now: the one in force, unless a change is scheduled by then."""
        now = self.clock.now()
        current = self.of(symbol)
        with self._lock:
            known = self._known.get(symbol)
        if instant <= now or (known is not None and (known.until is None or instant < known.until)):
            return current
        token = self.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol, at=to_ts(instant)))
        return from_pb(token.multiplier, Decimal(1))

    @contextmanager
    def changing(self) -> Iterator[None]:
        """While the block runs (a pass of the issuer's that may set a multiplier), nothing is kept."""
        with self._lock:
            self._passes, self._generation = self._passes + 1, self._generation + 1
            self._known.clear()
        try:
            yield
        finally:
            with self._lock:
                self._passes, self._generation = self._passes - 1, self._generation + 1
                self._known.clear()
