"""Run one service as a process: gRPC (with health and reflection) plus its REST face.

Every service also answers the kernel's Events, Scheduler and Books services, so control can
stream its outbox, drive its jobs and ask it to prove its books.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass, field
from types import ModuleType

import grpc
import uvicorn
from fastapi import FastAPI
from google.protobuf.descriptor import ServiceDescriptor
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from fivelayer.kernel.background import every
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import JobBook, JobRunner, SchedulerServicer
from fivelayer.kernel.ledger import BooksServicer
from fivelayer.kernel.lifetime import stop_with_parent
from fivelayer.kernel.metrics import MetricsInterceptor, install_metrics
from fivelayer.kernel.netfaults import FaultInterceptor, NetworkFaultsServicer, install_rest_faults
from fivelayer.kernel.outbox import EventsServicer
from fivelayer.kernel.paging import all_pages
from fivelayer.kernel.rest import build_rest_app
from fivelayer.kernel.rpc import Runtime
from fivelayer.v1 import common_pb2, common_pb2_grpc, control_pb2, statuses_pb2

log = logging.getLogger(__name__)
REST_START_TIMEOUT = 10.0


@dataclass(frozen=True)
class Exposed:
    """A servicer and the proto service it implements."""

    descriptor: ServiceDescriptor
    servicer: object
    grpc_module: ModuleType

    def add_to(self, server: grpc.Server) -> None:
        getattr(self.grpc_module, f"add_{self.descriptor.name}Servicer_to_server")(self.servicer, server)


def expose(pb2: ModuleType, pb2_grpc: ModuleType, name: str, servicer: object) -> Exposed:
    return Exposed(pb2.DESCRIPTOR.services_by_name[name], servicer, pb2_grpc)


def kernel_services(runtime: Runtime, jobs: JobBook,
                    books: common_pb2_grpc.BooksServicer | None = None) -> list[Exposed]:
    """The Events, Scheduler, Books and NetworkFaults services every service answers."""
    runner = JobRunner(runtime.name, runtime.db, jobs, runtime.clock, runtime.metrics)
    events = EventsServicer(runtime.name, runtime.db, timeline_has=runtime.metrics.timeline_has)
    return [expose(common_pb2, common_pb2_grpc, "Events", events),
            expose(common_pb2, common_pb2_grpc, "Scheduler", SchedulerServicer(runner)),
            expose(common_pb2, common_pb2_grpc, "Books", books or BooksServicer(runtime.name, runtime.db)),
            expose(common_pb2, common_pb2_grpc, "NetworkFaults", NetworkFaultsServicer(runtime.faults))]


@dataclass(frozen=True)
class Pass:
    """A background pass (`kernel.background.every`): its name, how often it runs (wall seconds), its work."""

    name: str
    seconds: float
    work: Callable[[], object]


@dataclass(kw_only=True)
class Parts:
    """A service as its bootstrap assembles it: every dependency injected once, nothing started.

    `start` runs the start-up work (which may call peers) and the background passes; `run` starts and
    serves. A test builds a service with its bootstrap and calls its servicers, jobs and REST app in
    process, with no port, thread or peer. Each service's `bootstrap.py` subclasses this with its own
    parts (its servicers, ports), typed."""

    runtime: Runtime
    services: list[Exposed]                                     # the service's own gRPC faces
    jobs: JobBook = field(default_factory=JobBook)              # driven by control under the sandbox clock
    books: common_pb2_grpc.BooksServicer | None = None          # its proof of books, if not the kernel's
    passes: list[Pass] = field(default_factory=list)            # background repairs, on wall time
    starting: list[Callable[[], object]] = field(default_factory=list)  # start-up work, in order
    extend_rest: Callable[[FastAPI], None] | None = None        # another HTTP face (the Broker API)
    on_stop: Callable[[], object] | None = None

    def everything(self) -> list[Exposed]:
        """Its faces and the kernel's (Events, Scheduler, Books, NetworkFaults), as served."""
        return self.services + kernel_services(self.runtime, self.jobs, self.books)

    def rest_app(self) -> FastAPI:
        """Its REST face (and any other HTTP face), as served."""
        return rest_app(self.runtime, self.services, self.extend_rest)

    def start(self) -> None:
        """The start-up work, then the background passes."""
        for work in self.starting:
            work()
        for each in self.passes:
            every(each.name, each.seconds, each.work)


def run(parts: Parts) -> None:
    """Start the assembled service and serve it until stopped (a service's `__main__`)."""
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s {parts.runtime.name} %(levelname)s %(message)s")
    parts.start()
    serve(parts.runtime, parts.services, jobs=parts.jobs, books=parts.books, on_stop=parts.on_stop,
          extend_rest=parts.extend_rest)


def rest_app(runtime: Runtime, services: list[Exposed],
             extend_rest: Callable[[FastAPI], None] | None = None) -> FastAPI:
    """A service's REST face over its servicers, with its network faults and its metrics (GET /metrics)."""
    app = build_rest_app(runtime.name, [(e.descriptor, e.servicer) for e in services])
    if extend_rest is not None:  # a service's other HTTP face (the broker's Broker API shape)
        extend_rest(app)
    install_rest_faults(app, runtime.faults)
    install_metrics(app, runtime.metrics)  # last: the outermost middleware, it counts the faults' refusals
    return app


def pull_faults(runtime: Runtime, attempts: int = 12) -> None:
    """Ask control for the network faults in force on this service (control pushes later changes)."""
    for _ in range(attempts):
        try:
            faults = list(all_pages(runtime.clients.faults.ListFaults, control_pb2.ListFaultsRequest(),
                                    lambda page: page.faults))
        except DomainError:
            continue  # control not up yet: the client already waited with backoff
        runtime.faults.apply([f.network for f in faults if f.state == statuses_pb2.FAULT_STATE_ACTIVE
                              and f.service == runtime.name and f.network.kind])
        return


def serve(runtime: Runtime, services: list[Exposed], jobs: JobBook | None = None,
          books: common_pb2_grpc.BooksServicer | None = None, on_stop: Callable[[], object] | None = None,
          extend_rest: Callable[[FastAPI], None] | None = None) -> None:
    """Serve until SIGINT or SIGTERM, or until the sandbox process that started it is gone, then stop
    cleanly (`on_stop` first, while peers may still answer)."""
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s {runtime.name} %(levelname)s %(message)s")
    faults = runtime.faults
    stop = threading.Event()
    stop_with_parent(stop)  # the sandbox process that started this one is gone: stop too
    everything = services + kernel_services(runtime, jobs or JobBook(), books)
    # No SO_REUSEPORT: a second sandbox on the same ports must fail, not share the traffic.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32, thread_name_prefix=runtime.name),
                         interceptors=[MetricsInterceptor(runtime.metrics), FaultInterceptor(faults)],
                         options=[("grpc.so_reuseport", 0)])
    for exposed in everything:
        exposed.add_to(server)
    health_servicer = health.HealthServicer()
    # it starts SERVING: not until both faces are up
    health_servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = [e.descriptor.full_name for e in everything]
    reflection.enable_server_reflection([*names, health.SERVICE_NAME, reflection.SERVICE_NAME], server)
    address = runtime.settings.listen_address(runtime.name)
    if server.add_insecure_port(address) == 0:
        raise SystemExit(f"{runtime.name}: cannot listen on {address} (in use?)")
    server.start()

    app = rest_app(runtime, services, extend_rest)
    rest = uvicorn.Server(uvicorn.Config(app, host=runtime.settings.listen_host,
                                         port=runtime.settings.rest_port(runtime.name), log_level="warning"))
    rest_thread = threading.Thread(target=rest.run, name=f"{runtime.name}-rest", daemon=True)
    rest_thread.start()
    deadline = time.monotonic() + REST_START_TIMEOUT
    while not rest.started and rest_thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)  # healthy means both faces answer: a client told SERVING may use either at once
    for name in ["", *names]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("serving gRPC on %s and REST on %s", address, runtime.settings.rest_address(runtime.name))
    if runtime.name != "control":  # control gives the faults in force; a restarted service asks for them
        threading.Thread(target=pull_faults, args=(runtime,), name="fault-pull", daemon=True).start()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    log.info("stopping")
    if on_stop is not None:
        on_stop()
    health_servicer.enter_graceful_shutdown()
    rest.should_exit = True
    server.stop(grace=3).wait()
    rest_thread.join(timeout=5)
    runtime.clients.close()
    runtime.db.dispose()
