"""The chain's node: anvil from Foundry, run as a child process of the chain service.

The binary is the platform package's (node_modules/@foundry-rs/anvil-<platform>/bin/anvil, pinned in
package-lock.json), run directly: npm's `anvil` command is a Node wrapper, and killing the wrapper
would leave the node running. The node dies with the chain service (util-linux's `setpriv --pdeathsig
KILL` execs it: no Python runs between fork and exec, where gRPC's fork handlers once aborted it), keeps nothing
on disk (the chain service's journal is the chain's durable record), and is started with:
- the sandbox mnemonic, so the ten test accounts are the same every run;
- a genesis timestamp (the sandbox's first instant), so block 0 is the same every run;
- a base fee of 0 (EIP-1559 keeps 0 at 0) and automine, one block per transaction;
- an IPC socket for the chain service's own calls beside the HTTP port that integrators' requests reach.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Final

import httpx

from fivelayer.kernel import keys
from fivelayer.kernel.config import REPO_ROOT

ANVIL_VERSION: Final = "1.7.1"  # package.json pins it; the README says Node.js 20+ installs it
START_TIMEOUT: Final = 20.0


class NodeError(RuntimeError):
    pass


def anvil_binary() -> Path:
    """The anvil binary: FIVELAYER_ANVIL, else the platform package under the repository's node_modules."""
    if explicit := os.environ.get("FIVELAYER_ANVIL"):
        return Path(explicit)
    arch = platform.machine().lower()
    machine = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(arch, arch)
    system = platform.system().lower()
    path = REPO_ROOT / "node_modules" / "@foundry-rs" / f"anvil-{system}-{machine}" / "bin" / "anvil"
    if not path.exists():
        raise NodeError(f"anvil is not installed at {path}: run `make install` (it runs `npm ci`; Node.js 20+)")
    return path


class Node:
    """One anvil process on `port`, its genesis block stamped `genesis` (unix seconds)."""

    def __init__(self, host: str, port: int, genesis: int, log: Path) -> None:
        self.host, self.port, self.genesis, self.log = host, port, genesis, log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ipc(self) -> str:
        """The node's IPC socket: under the temporary folder, since a Unix socket's path is limited to
        107 bytes and a checkout's data folder may be deeper; one per port, so per sandbox."""
        return str(Path(tempfile.gettempdir()) / f"fivelayer-node-{self.port}.ipc")

    @property
    def pid(self) -> int:
        return self.process.pid if self.process else 0

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        args = [str(anvil_binary()), "--host", self.host, "--port", str(self.port), "--chain-id", str(keys.CHAIN_ID),
                "--mnemonic", keys.MNEMONIC, "--accounts", str(keys.TEST_ACCOUNTS),
                "--balance", str(keys.TEST_ACCOUNT_ETH), "--timestamp", str(self.genesis),
                "--base-fee", "0", "--gas-price", "0", "--ipc", self.ipc, "--silent"]
        Path(self.ipc).unlink(missing_ok=True)  # a killed node leaves its socket behind
        self.log.parent.mkdir(parents=True, exist_ok=True)
        setpriv = shutil.which("setpriv")
        if setpriv is not None and platform.system() == "Linux":  # setpriv execs anvil: the pid is the node's
            args = [setpriv, "--pdeathsig", "KILL", "--", *args]
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                said = " | ".join(self.log.read_text(errors="replace").strip().splitlines()[-3:])
                raise NodeError(f"anvil on port {self.port} exited with code {self.process.returncode}: {said} "
                                f"(see {self.log})")
            try:
                httpx.post(self.url, json={"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []},
                           timeout=1.0).raise_for_status()
                if Path(self.ipc).exists():
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise NodeError(f"anvil did not answer on {self.url} within {START_TIMEOUT:.0f}s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        Path(self.ipc).unlink(missing_ok=True)
