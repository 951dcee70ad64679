"""RPC plumbing shared by every service: servicer method wrappers and typed clients.

Servicer methods raise DomainError; `unary` and `mutation` turn it into a gRPC status with an
ErrorInfo reason. `mutation` also runs the method once per client request id, in one
transaction with its events. Clients raise DomainError back, so a reason crosses service hops.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeAlias, TypeVar, cast

import grpc
from google.protobuf.message import Message
from sqlmodel import Session

from fivelayer.kernel import credentials, keys, ports
from fivelayer.kernel.clock import ClockSource, outgoing_metadata, request_instant
from fivelayer.kernel.config import Settings
from fivelayer.kernel.db import Database, open_units
from fivelayer.kernel.errors import DomainError, from_rpc_error
from fivelayer.kernel.idempotency import apply_once
from fivelayer.kernel.metrics import ServiceMetrics
from fivelayer.kernel.netfaults import CALLER_HEADER, FaultTable
from fivelayer.kernel.retry import DEFAULT_BOUND, START_BOUND, retrying
from fivelayer.kernel.saga import AnySaga, run_saga
from fivelayer.v1 import (
    broker_pb2_grpc,
    chain_pb2_grpc,
    common_pb2_grpc,
    control_pb2,
    control_pb2_grpc,
    depository_pb2_grpc,
    exchange_pb2_grpc,
    issuer_pb2_grpc,
    perpetuals_pb2_grpc,
)

if TYPE_CHECKING:
    from fivelayer.kernel.wallet import Wallet

R = TypeVar("R", bound=Message)
Q = TypeVar("Q", bound=Message)
S = TypeVar("S")


class LocalContext:
    """The servicer context of an in-process call (the REST face): errors propagate as raised; the
    metadata is what the REST request carried that gRPC carries as metadata (its credentials)."""

    def __init__(self, metadata: tuple[tuple[str, str], ...] = ()) -> None:
        self._metadata = metadata

    def is_active(self) -> bool:
        return True

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._metadata


# A servicer method's context: gRPC's, LocalContext for an in-process call (the REST face), or None
# (control driving its own scheduler); an in-process caller gets the DomainError itself.
Context: TypeAlias = grpc.ServicerContext | LocalContext | None


class HasDatabase(Protocol):
    db: Database


D = TypeVar("D", bound=HasDatabase)


def abort(context: Context, error: DomainError) -> NoReturn:
    if context is None or isinstance(context, LocalContext):
        raise error
    context.abort_with_status(error.to_status())
    raise AssertionError("unreachable")  # abort_with_status raises


def answer(servicer: object, context: Context, work: Callable[[], R]) -> R:
    """Run one request at its one instant (the parent's, or control's now); a DomainError becomes
    a gRPC status with its reason (or is raised as is, in process)."""
    try:
        with request_instant(getattr(servicer, "clock", None), context):
            return work()
    except DomainError as error:
        abort(context, error)


def unary(fn: Callable[[S, Q, Context], R]) -> Callable[[S, Q, Context], R]:
    """A query method: DomainError becomes a gRPC status with its reason."""

    @functools.wraps(fn)
    def wrapper(self: S, request: Q, context: Context) -> R:
        return answer(self, context, lambda: fn(self, request, context))

    return wrapper


def mutation(fn: Callable[[D, Q, Session], R]) -> Callable[[D, Q, Context], R]:
    """A mutating method `fn(self, request, session)`: applied once per request_id, atomically.

    The servicer must have a `db` attribute (its Database)."""

    @functools.wraps(fn)
    def wrapper(self: D, request: Q, context: Context) -> R:
        return answer(self, context,
                      lambda: apply_once(self.db, fn.__name__, request, lambda session: fn(self, request, session)))

    return wrapper


def spanning(fn: Callable[[Any, Any], AnySaga[Any, R]]) -> Callable[[Any, Any, Any], R]:
    """A mutating method that calls other services: `fn(self, request)` builds its saga (reading
    what it needs from other services first), run once per request_id with no unit of work open
    across a hop (`kernel.saga`). The servicer must have a `db` attribute."""

    @functools.wraps(fn)
    def wrapper(self: Any, request: Any, context: Any) -> R:
        return answer(self, context, lambda: run_saga(self.db, fn.__name__, request, lambda: fn(self, request)))

    return wrapper


class ServiceClient:
    """A stub whose calls carry a deadline, raise DomainError instead of grpc.RpcError, and retry
    transient failures (a peer down or restarting) with backoff, up to a bound, with the same
    request (so the same key). A call made while this thread has a unit of work open is a bug:
    it would hold the service's lock across the hop."""

    def __init__(self, stub: object, timeout: float = 60.0, retry_for: float = DEFAULT_BOUND, caller: str = "",
                 metadata: tuple[tuple[str, str], ...] = ()) -> None:
        self._stub = stub
        self._timeout = timeout
        self._retry_for = retry_for
        # names the hop (for network faults), and any credentials this callee takes
        self._caller = (((CALLER_HEADER, caller),) if caller else ()) + metadata

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._stub, name)

        def once(request: Message, timeout: float) -> Any:
            try:
                return method(request, timeout=timeout, metadata=outgoing_metadata() + self._caller)
            except grpc.RpcError as error:
                raise from_rpc_error(error) from None

        def call(request: Message, timeout: float | None = None, retry_for: float | None = None) -> Any:
            if open_units():
                raise AssertionError(f"{name} called with a unit of work open: no lock or transaction may be "
                                     "held while waiting on another service")
            bound = self._retry_for if retry_for is None else retry_for
            return retrying(lambda: once(request, timeout or self._timeout), bound)

        return call


class Clients:
    """Typed clients for the other services, over one channel per service, made on first use.

    Each is a ServiceClient, typed as the protocol of its proto service (`kernel.ports`)."""

    def __init__(self, settings: Settings, retry_for: float = DEFAULT_BOUND, caller: str = "",
                 timeout: float = 60.0) -> None:
        self.settings = settings
        self.retry_for = retry_for  # how long each call retries transient failures
        self.timeout = timeout      # each call's deadline (a page that must not hang on a stalled peer sets less)
        self.caller = caller        # the calling service's name: a hop network faults can target
        partner = credentials.service_partner(caller) if caller else None
        # a service that is the broker's correspondent presents its key and secret to the broker only
        self._broker_auth = ((credentials.AUTHORIZATION, credentials.basic(*partner)),) if partner else ()
        self._channels: dict[str, grpc.Channel] = {}
        self._lock = threading.Lock()
        self._wallet: Wallet | None = None

    def channel(self, service: str) -> grpc.Channel:
        with self._lock:
            if service not in self._channels:
                self._channels[service] = grpc.insecure_channel(self.settings.grpc_address(service), options=[
                    ("grpc.initial_reconnect_backoff_ms", 100), ("grpc.min_reconnect_backoff_ms", 100),
                    ("grpc.max_reconnect_backoff_ms", 1000)])
            return self._channels[service]

    def _client(self, service: str, stub_cls: Callable[[grpc.Channel], object],
                metadata: tuple[tuple[str, str], ...] = ()) -> ServiceClient:
        return ServiceClient(stub_cls(self.channel(service)), timeout=self.timeout, retry_for=self.retry_for,
                             caller=self.caller, metadata=metadata)

    @property
    def clock(self) -> ports.ClockClient:
        return cast(ports.ClockClient, self._client("control", control_pb2_grpc.ClockStub))

    @property
    def market_data(self) -> ports.MarketDataClient:
        return cast(ports.MarketDataClient, self._client("control", control_pb2_grpc.MarketDataStub))

    @property
    def sandbox(self) -> ports.SandboxClient:
        return cast(ports.SandboxClient, self._client("control", control_pb2_grpc.SandboxStub))

    @property
    def faults(self) -> ports.FaultsClient:
        return cast(ports.FaultsClient, self._client("control", control_pb2_grpc.FaultsStub))

    def network_faults(self, service: str) -> ports.NetworkFaultsClient:
        return cast(ports.NetworkFaultsClient, self._client(service, common_pb2_grpc.NetworkFaultsStub))

    @property
    def drills(self) -> ports.DrillsClient:
        return cast(ports.DrillsClient, self._client("control", control_pb2_grpc.DrillsStub))

    @property
    def chain_service(self) -> ports.ChainClient:
        """The chain service itself: the node's network, the faucet, blocks, signed transactions."""
        return cast(ports.ChainClient, self._client("chain", chain_pb2_grpc.ChainStub))

    @property
    def stablecoin(self) -> ports.StablecoinClient:
        """The stablecoin issuer, played by the chain service: FUSD issued and redeemed by wire."""
        return cast(ports.StablecoinClient, self._client("chain", chain_pb2_grpc.StablecoinStub))

    @property
    def chain(self) -> ports.ChainWallet:
        """The token contracts through this service's wallet: writes signed with the keys it holds."""
        if self._wallet is None:
            from fivelayer.kernel.wallet import Wallet  # web3 is heavy: loaded by the services that write
            wallet = Wallet(self.chain_service, self.caller, keys.HELD.get(self.caller, ()))
            with self._lock:
                self._wallet = self._wallet or wallet
        return self._wallet

    @property
    def depository(self) -> ports.DepositoryClient:
        return cast(ports.DepositoryClient, self._client("depository", depository_pb2_grpc.DepositoryStub))

    @property
    def broker(self) -> ports.BrokerClient:
        return cast(ports.BrokerClient, self._client("broker", broker_pb2_grpc.BrokerStub, self._broker_auth))

    @property
    def issuer(self) -> ports.IssuerClient:
        return cast(ports.IssuerClient, self._client("issuer", issuer_pb2_grpc.IssuerStub))

    @property
    def exchange(self) -> ports.ExchangeClient:
        return cast(ports.ExchangeClient, self._client("exchange", exchange_pb2_grpc.ExchangeStub))

    @property
    def perpetuals(self) -> ports.PerpetualsClient:
        """The exchange's stock perpetuals, served by the exchange process beside `exchange`."""
        return cast(ports.PerpetualsClient, self._client("exchange", perpetuals_pb2_grpc.PerpetualsStub))

    def scheduler(self, service: str) -> ports.SchedulerClient:
        return cast(ports.SchedulerClient, self._client(service, common_pb2_grpc.SchedulerStub))

    def events(self, service: str) -> ports.EventsClient:
        return cast(ports.EventsClient, self._client(service, common_pb2_grpc.EventsStub))

    def books(self, service: str) -> ports.BooksClient:
        return cast(ports.BooksClient, self._client(service, common_pb2_grpc.BooksStub))

    def close(self) -> None:
        with self._lock:
            for channel in self._channels.values():
                channel.close()
            self._channels.clear()


class Runtime:
    """What a running service holds: its name, settings, database, clock, clients and metrics."""

    def __init__(self, name: str, settings: Settings, clock: ClockSource | None = None) -> None:
        from fivelayer.kernel.clock import ControlClock

        self.name = name
        self.settings = settings
        self.db = Database(settings.database_url(name))
        self.clients = Clients(settings, caller=name)
        self.faults = FaultTable()  # the network faults in force on this service
        self.metrics = ServiceMetrics(name, self.db)  # its /metrics: requests, jobs, sagas, outbox
        self.clock: ClockSource = clock if clock is not None else ControlClock(self.clients.channel("control"))

    def started_at(self) -> datetime:
        """Control's now, read at start-up: the six services start together and control may take longer
        than one call's retry bound to answer on a loaded machine, so this waits up to START_BOUND."""
        return retrying(self.clock.now, bound=START_BOUND)

    def schedule_moved(self) -> None:
        """Tell control this service was given work due sooner than its last NextDue said (another service's
        job asked for it mid-advance), so control asks again before its next instant. Call it after the
        unit of work that created the work has committed."""
        self.clients.clock.Wake(control_pb2.WakeRequest(service=self.name))
