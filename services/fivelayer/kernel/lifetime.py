"""A service lives no longer than the sandbox process that started it.

The supervisor names itself in FIVELAYER_PARENT_PID. When that process is gone, even killed with
SIGKILL, the service stops cleanly (as on SIGTERM) instead of holding its ports against the next
sandbox. One check decides, "is my parent still the process that started me?", and two things ask it:

- on Linux, the kernel signals at once (prctl PR_SET_PDEATHSIG). It signals when the *thread* that
  spawned the service ends, not only its process, so the signal only prompts the check: a sandbox
  started from a worker thread of a process that lives on keeps its services;
- everywhere (macOS too), a daemon thread asks every second.
"""
from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading

log = logging.getLogger(__name__)

PARENT_ENV = "FIVELAYER_PARENT_PID"
POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def stop_with_parent(stop: threading.Event) -> None:
    """Set `stop` when the process named by FIVELAYER_PARENT_PID is gone; exit now if it already is.
    Does nothing when the variable is unset (a service started by hand or by a container runtime).
    Call it from the main thread (it installs a signal handler)."""
    named = os.environ.get(PARENT_ENV, "")
    if not named:
        return
    parent = int(named)
    nudge = threading.Event()
    if sys.platform == "linux":
        # A real-time signal of its own, so the faults and tools that send SIGTERM/SIGUSR1/2 keep their meaning.
        # The handler only wakes the watcher: it takes no lock the main thread could be holding.
        cue = signal.SIGRTMIN + 1
        signal.signal(cue, lambda *_: nudge.set())
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, cue, 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed (errno %d); polling only", ctypes.get_errno())
    # Checked after asking for the signal: a parent that died before it was asked sends none.
    if os.getppid() != parent:
        raise SystemExit(f"the sandbox that started this service (pid {parent}) is gone")

    def watch() -> None:
        while True:
            nudge.wait(POLL_SECONDS)
            nudge.clear()
            if os.getppid() != parent:
                log.warning("the sandbox that started this service (pid %d) is gone; stopping", parent)
                stop.set()
                return

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
