"""`python -m fivelayer.kernel.healthcheck [SERVICE]`: exit 0 when SERVICE's gRPC health answers SERVING.

A container's HEALTHCHECK runs it beside the service (compose.yaml, Dockerfile), so it asks the address
this host's service listens on (FIVELAYER_BIND, or loopback when that is every interface) at the port
the environment gives (FIVELAYER_PORT_BASE): the same variables the service was started with. SERVICE
defaults to FIVELAYER_SERVICE, the variable the image's entry point also reads. Exit codes: 0 serving,
1 not serving or not answering, 2 no such service.
"""
from __future__ import annotations

import os
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from fivelayer.kernel.config import SERVICES, Settings

SERVICE_ENV = "FIVELAYER_SERVICE"
TIMEOUT_SECONDS = 3.0
EVERY_INTERFACE = {"0.0.0.0", "::", "[::]", ""}


def local_address(settings: Settings, service: str) -> str:
    """Where `service` answers on this host: its listening address, loopback for a wildcard bind."""
    host = "127.0.0.1" if settings.listen_host in EVERY_INTERFACE else settings.listen_host
    return f"{host}:{settings.grpc_port(service)}"


def check(address: str, timeout: float = TIMEOUT_SECONDS, channel: grpc.Channel | None = None) -> str:
    """The health status name the server at `address` gives (the whole server's, service ""), or why none;
    over `channel` when given (a start-up polls each service many times: a channel per check costs more
    CPU than the check)."""
    if channel is None:
        with grpc.insecure_channel(address) as own:
            return check(address, timeout, own)
    try:
        reply = health_pb2_grpc.HealthStub(channel).Check(  # type: ignore[attr-defined]  # stubs omit it
            health_pb2.HealthCheckRequest(), timeout=timeout)
    except grpc.RpcError as error:
        return f"no answer ({error.code().name})"
    name: str = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return name


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    service = args[0] if args else os.environ.get(SERVICE_ENV, "")
    if service not in SERVICES:
        print(f"healthcheck: name a service ({', '.join(SERVICES)}) as the argument or in {SERVICE_ENV}; "
              f"got {service!r}", file=sys.stderr)
        return 2
    address = local_address(Settings.from_env(), service)
    status = check(address)
    print(f"{service} at {address}: {status}")
    return 0 if status == "SERVING" else 1


if __name__ == "__main__":
    raise SystemExit(main())
