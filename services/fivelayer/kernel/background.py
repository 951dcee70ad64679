"""Background passes of a service (report fills the depository missed, resume requests whose
clients gave up, place hedges that waited for the broker): a daemon thread per pass, on wall time.

They repair what a transient failure left behind; in a run with no failures they find nothing to
do, so they never change what a seeded run produces. A pass that fails says so in the log, once per
cause (`FailureLog`): the same failure every few seconds is one line, its end another.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import cast

import grpc

log = logging.getLogger(__name__)


def cause(error: BaseException) -> str:
    """What makes two failures the same: the exception's type and text (for a gRPC error its status
    and details, not its debug string, which carries a timestamp)."""
    if isinstance(error, grpc.RpcError) and callable(getattr(error, "code", None)):
        call = cast(grpc.Call, error)
        return f"{type(error).__name__}: {call.code().name} {call.details()}"
    return f"{type(error).__name__}: {error}"


class FailureLog:
    """The failures of a repeated pass, logged once per cause and per subject (a pass that reads six
    services has six subjects): a new cause is logged with its traceback, the same one again is not,
    and the first success after a failure is logged as the recovery. Thread-safe."""

    def __init__(self, name: str, logger: logging.Logger | None = None) -> None:
        self.name = name
        self.log = logger or log
        self._lock = threading.Lock()
        self._failing: dict[str, str] = {}   # subject -> the cause last logged

    def failed(self, error: BaseException, subject: str = "") -> bool:
        """Note a failure; True when it was logged (its cause is new for this subject)."""
        now = cause(error)
        with self._lock:
            if self._failing.get(subject) == now:
                return False
            self._failing[subject] = now
        where = f"{self.name} ({subject})" if subject else self.name
        self.log.error("%s failed: %s", where, now, exc_info=error)
        return True

    def succeeded(self, subject: str = "") -> bool:
        """Note a success; True when it ended a failure (and the recovery was logged)."""
        with self._lock:
            before = self._failing.pop(subject, None)
        if before is None:
            return False
        where = f"{self.name} ({subject})" if subject else self.name
        self.log.warning("%s recovered (it had failed: %s)", where, before)
        return True

    def failing(self) -> dict[str, str]:
        """The subjects failing now, and why."""
        with self._lock:
            return dict(self._failing)


def every(name: str, seconds: float, work: Callable[[], object],
          stop: threading.Event | None = None) -> threading.Thread:
    """Run `work()` every `seconds` in a daemon thread until `stop` is set (the process's end
    otherwise); a failure is logged once per cause, and its recovery."""
    failures = FailureLog(name)
    stopping = stop or threading.Event()

    def loop() -> None:
        while not stopping.wait(seconds):
            try:
                work()
            except Exception as error:  # noqa: BLE001 - the pass must outlive any one failure (logged)
                failures.failed(error)
            else:
                failures.succeeded()

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread
