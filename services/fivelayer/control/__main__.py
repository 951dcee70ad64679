"""Run the control service: `python -m fivelayer.control` (its parts: `control.bootstrap`)."""
from __future__ import annotations

from fivelayer.control.bootstrap import build
from fivelayer.kernel.config import Settings
from fivelayer.kernel.server import run


def main() -> None:
    run(build(Settings.from_env()))


if __name__ == "__main__":
    main()
