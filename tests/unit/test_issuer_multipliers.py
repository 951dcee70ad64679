"""The issuer reads a token's multiplier from the chain once per change: the figure holds until the
first change scheduled after the read, and nothing is kept while one of its own passes may set one."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from fivelayer.issuer.multipliers import Multipliers
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import chain_pb2

AT = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)
D = Decimal


class Chain:
    """A token's schedule: (multiplier, from) pairs; GetToken answers at the clock's now, as the chain does."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.schedule: list[tuple[Decimal, datetime]] = [(D(1), AT - timedelta(days=30))]
        self.reads = 0

    def GetToken(self, r: chain_pb2.TokenRequest) -> chain_pb2.Token:
        self.reads += 1
        now = self.clock.now()
        in_force = [m for m, at in self.schedule if at <= now][-1]
        token = chain_pb2.Token(symbol=r.symbol, multiplier=to_pb(in_force))
        pending = [at for _, at in self.schedule if at > now]
        if pending:
            token.next_change_at.CopyFrom(to_ts(min(pending)))
        return token


def test_a_multiplier_is_read_once_until_the_next_scheduled_change() -> None:
    clock = FixedClock(AT)
    chain = Chain(clock)
    chain.schedule.append((D("1.5"), AT + timedelta(hours=1)))
    multipliers = Multipliers(chain, clock)
    assert [multipliers.of("AAPLx") for _ in range(20)] == [D(1)] * 20 and chain.reads == 1
    clock.at = AT + timedelta(hours=1)  # the split takes effect: the next call reads it
    assert multipliers.of("AAPLx") == D("1.5") and multipliers.of("AAPLx") == D("1.5") and chain.reads == 2


def test_nothing_is_kept_while_a_pass_of_the_issuer_runs() -> None:
    clock = FixedClock(AT)
    chain = Chain(clock)
    multipliers = Multipliers(chain, clock)
    assert multipliers.of("AAPLx") == D(1)
    with multipliers.changing():
        chain.schedule.append((D("1.02"), AT))  # the pass sets a change that takes effect at once
        assert multipliers.of("AAPLx") == D("1.02") and multipliers.of("AAPLx") == D("1.02")
        assert chain.reads == 3
    assert multipliers.of("AAPLx") == D("1.02") and multipliers.of("AAPLx") == D("1.02") and chain.reads == 4
