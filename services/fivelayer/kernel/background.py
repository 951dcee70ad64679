"""Background passes of a service (report fills the depository missed, resume requests whose
clients gave up, place hedges that waited for the broker): a daemon thread per pass, on wall time.

They repair what a transient failure left behind; in a run with no failures they find nothing to
do, so they never change what a seeded run produces.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


def every(name: str, seconds: float, work: Callable[[], object]) -> threading.Thread:
    """Run `work()` every `seconds` in a daemon thread; a failure is logged once until it changes."""

    def loop() -> None:
        last_error = ""
        while True:
            threading.Event().wait(seconds)
            try:
                work()
                last_error = ""
            except Exception as error:  # noqa: BLE001 - the pass must outlive any one failure
                if str(error) != last_error:
                    log.exception("%s failed", name)
                last_error = str(error)

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread
