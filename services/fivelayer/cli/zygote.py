"""A warm process that forks the sandbox's services: the shared libraries are imported once, not six times.

Why: a cold start spent ~7 CPU-seconds, nearly all of it six services importing the same libraries (gRPC,
protobuf and the generated protos, SQLAlchemy/SQLModel, FastAPI/pydantic, uvicorn). On two cores that alone is
more than the 3 s a start may take. Forked from one process that imported them, each service pays only for
its own package.

Why a separate process and not the supervisor itself: a fork is only safe from a process that has started
no thread, gRPC channel or server and opened no database (none of these survive a fork). The supervisor
polls the services' health over gRPC and, in the tests, lives in a pytest worker with threads of its own.
This process does nothing but import and fork, so every fork is from a clean state. It checks that it has
one thread before it answers, and refuses to fork otherwise.

It lives only while the supervisor starts the six (`Sandbox.start_all`), then exits: `fivelayer up` keeps
no idle process of ~100 MB, and its children stay the six services. Restarting one service (the tests'
crash drills) execs it as before: one import of the libraries costs what this process would.

What the services keep (the supervisor's contract, asserted by tests/e2e/test_lifecycle.py): each is its
own process whose command line reads `<python> -m fivelayer.<service>` (setproctitle), a direct child of
the supervisor (it forks twice and the supervisor is the child subreaper, so the orphaned service is
reparented to it, which kernel/lifetime.py then checks as before), in a session of its own, its output in
its log, its configuration read from the environment the supervisor sends with each request.

Protocol, one line each way: a JSON request {"service", "env", "log"} on stdin; the service's pid (or
"error: ...") on stdout. End of stdin (the supervisor closed it, or died) ends this process; the services
it forked do not depend on it.
"""
from __future__ import annotations

import atexit
import importlib
import json
import os
import runpy
import sys
import threading
import time
import traceback
from typing import NoReturn, cast

import setproctitle

# The libraries every service imports, through the kernel's modules that import them (kernel.evm: eth-abi, which
# three services use, 0.2 CPU-s each; the chain's own eth-account is left to it). Nothing here may start a thread
# or open a connection at import time (checked below).
PRELOAD = ("fivelayer.kernel.server", "fivelayer.kernel.rpc", "fivelayer.kernel.rest", "fivelayer.kernel.db",
           "fivelayer.kernel.evm",
           "sqlmodel", "sqlalchemy.dialects.sqlite", "fastapi", "uvicorn", "grpc", "google.protobuf",
           "fivelayer.v1")
V1_MODULES = ("common", "control", "exchange", "issuer", "broker", "depository", "chain", "perpetuals")
REPARENT_TIMEOUT = 5.0


def preload() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    for proto in V1_MODULES:
        for suffix in ("_pb2", "_pb2_grpc"):
            importlib.import_module(f"fivelayer.v1.{proto}{suffix}")


def threads() -> int:
    """This process's threads as the kernel counts them (a library's C threads included)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def run_service(service: str, env: dict[str, str], log: str, supervisor: int) -> None:
    """In the forked service: wait to be the supervisor's child, become what exec would have made, run."""
    code = 1
    try:
        deadline = time.monotonic() + REPARENT_TIMEOUT
        while os.getppid() != supervisor:  # the middle process exits at once; the kernel reparents us
            if time.monotonic() > deadline:
                raise SystemExit(f"not reparented to the supervisor (pid {supervisor})")
            time.sleep(0.001)
        os.setsid()
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(null)
        os.close(out)
        # Before the environment changes: setproctitle takes over the memory of argv and of the environment.
        setproctitle.setproctitle(f"{sys.executable} -m fivelayer.{service}")
        os.environ.clear()
        os.environ.update(env)
        sys.argv = [sys.argv[0]]
        runpy.run_module(f"fivelayer.{service}", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            print(done.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - the service's own crash: to its log, as the interpreter would
        traceback.print_exc()
    finally:
        finish(code)


def finish(code: int) -> NoReturn:
    """End the service as the interpreter's own exit would (wait for its non-daemon threads, run the atexit
    handlers, flush), but never return into the zygote's loop."""
    try:
        shutdown = getattr(threading, "_shutdown", None)  # what the interpreter calls before atexit
        if shutdown is not None:
            shutdown()
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def fork_service(service: str, env: dict[str, str], log: str, supervisor: int) -> None:
    """Fork twice; the middle process reports the service's pid on stdout and exits, orphaning it."""
    middle = os.fork()
    if middle == 0:
        try:
            child = os.fork()
            if child == 0:
                run_service(service, env, log, supervisor)
            os.write(1, f"{child}\n".encode())
            os._exit(0)
        except BaseException:  # noqa: BLE001 - whatever it was, the supervisor hears of it below
            os._exit(1)
    _, status = os.waitpid(middle, 0)
    if status != 0:
        os.write(1, f"error: the fork of {service} failed (status {status})\n".encode())


def main() -> None:
    supervisor = os.getppid()
    preload()
    clean = threads() == 1
    for line in sys.stdin.buffer:
        if not clean:
            os.write(1, f"error: {threads()} threads after the imports; a fork would not be safe\n".encode())
            continue
        try:
            request = json.loads(line)
            service, env, log = str(request["service"]), cast(dict[str, str], request["env"]), str(request["log"])
        except (ValueError, KeyError, TypeError) as bad:
            os.write(1, f"error: bad request ({bad})\n".encode())
            continue
        fork_service(service, env, log, supervisor)
    os._exit(0)  # no interpreter teardown of the imported libraries: the services are starting


if __name__ == "__main__":
    main()
