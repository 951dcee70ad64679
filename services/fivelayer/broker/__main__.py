"""Run the broker service: `python -m fivelayer.broker`."""
from __future__ import annotations

from fivelayer.broker.bootstrap import build
from fivelayer.kernel.config import Settings
from fivelayer.kernel.server import run


def main() -> None:
    run(build(Settings.from_env()))


if __name__ == "__main__":
    main()
