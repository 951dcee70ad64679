"""A JSON-RPC 2.0 client for the node: a kept-alive connection per thread, errors raised with their data.

The chain service's own calls go over the node's IPC socket (a Unix socket; anvil answers each request
with one line of JSON), integrators' relayed requests over its HTTP port, as they came. Profiles of a
mint under load showed, first, most of the chain service's time in httpx's request machinery (hence
the standard library's http.client), then a sixth of it in http.client's header parsing (hence IPC:
a call is a write and a line read, about a quarter of an HTTP call's time).
Calls may be batched (one round trip for several reads, as JSON-RPC allows).
"""
from __future__ import annotations

import http.client
import itertools
import json
import socket
import threading
from typing import Any
from urllib.parse import urlsplit

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

Call = tuple[str, list[Any]]


class RpcError(Exception):
    """The node answered with an error object."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.data = code, message, data

    def revert_data(self) -> bytes | None:
        """The revert's return data, when the error is an execution revert."""
        data = self.data
        if isinstance(data, dict):
            data = data.get("data")
        if isinstance(data, str) and data.startswith("0x"):
            return bytes.fromhex(data[2:])
        return None


def _result(body: dict[str, Any]) -> Any:
    if "error" in body:
        fault = body["error"]
        raise RpcError(int(fault.get("code", -32000)), str(fault.get("message", "")), fault.get("data"))
    return body.get("result")


class IpcConnection:
    """One Unix-socket connection to the node: a request written whole, its answer read as lines until
    they parse (anvil ends each answer with a newline and puts none inside it)."""

    def __init__(self, path: str, timeout: float) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.reader = self.sock.makefile("rb")

    def exchange(self, body: bytes) -> bytes:
        self.sock.sendall(body)
        answer = b""
        for _ in range(1_000):  # bounded: an answer is one line; a runaway read ends with an error
            line = self.reader.readline()
            if not line:
                raise ConnectionResetError("the node closed its IPC socket")
            answer += line
            try:
                json.loads(answer)
                return answer
            except ValueError:
                continue
        raise OSError("the node's IPC answer did not end")

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


class NodeClient:
    def __init__(self, url: str, ipc: str = "", timeout: float = 30.0) -> None:
        self.url, self.ipc = url, ipc
        parts = urlsplit(url)
        self._host, self._port, self._path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
        self._timeout = timeout
        self._local = threading.local()
        self._ids = itertools.count(1)

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            self._local.connection = connection
        return connection

    def post(self, body: bytes, what: str) -> tuple[int, bytes]:
        """POST a body to the node (reconnecting once if a kept-alive connection was closed)."""
        for attempt in range(2):
            connection = self._connection()
            try:
                connection.request("POST", self._path, body=body, headers={"content-type": "application/json"})
                reply = connection.getresponse()
                return reply.status, reply.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                self._local.connection = None
                if attempt == 1 or isinstance(error, ConnectionRefusedError):
                    # the node is down or restarting: a transient failure, which callers retry
                    raise DomainError(Common.UNAVAILABLE, f"the chain's node did not answer {what}: {error}") from None
        raise AssertionError("unreachable")

    def _exchange(self, body: bytes, what: str) -> tuple[int, bytes]:
        """Send a request over the IPC socket, if the node has one, else as an HTTP POST."""
        if not self.ipc:
            return self.post(body, what)
        for attempt in range(2):
            connection: IpcConnection | None = getattr(self._local, "ipc", None)
            try:
                if connection is None:
                    connection = self._local.ipc = IpcConnection(self.ipc, self._timeout)
                return 200, connection.exchange(body)
            except OSError as error:
                if connection is not None:
                    connection.close()
                self._local.ipc = None
                if attempt == 1 or isinstance(error, (ConnectionRefusedError, FileNotFoundError)):
                    raise DomainError(Common.UNAVAILABLE, f"the chain's node did not answer {what}: {error}") from None
        raise AssertionError("unreachable")

    def call(self, method: str, *params: Any) -> Any:
        status, body = self._exchange(json.dumps({"jsonrpc": "2.0", "id": next(self._ids), "method": method,
                                             "params": list(params)}).encode(), method)
        if status != 200:
            raise DomainError(Common.UNAVAILABLE, f"the chain's node answered {method} with HTTP {status}")
        return _result(json.loads(body))

    def batch(self, calls: list[Call]) -> list[Any]:
        """Several calls in one round trip; each result in order (an error raises)."""
        status, body = self._exchange(json.dumps([{"jsonrpc": "2.0", "id": i, "method": m, "params": p}
                                             for i, (m, p) in enumerate(calls)]).encode(), "a batch")
        if status != 200:
            raise DomainError(Common.UNAVAILABLE, f"the chain's node answered a batch with HTTP {status}")
        by_id = {item.get("id"): item for item in json.loads(body)}
        return [_result(by_id[i]) for i in range(len(calls))]

    def forward(self, body: bytes) -> tuple[int, bytes]:
        """Relay an integrator's request as it came."""
        return self.post(body, "a relayed request")

    def close(self) -> None:
        for name in ("connection", "ipc"):
            connection = getattr(self._local, name, None)
            if connection is not None:
                connection.close()
                setattr(self._local, name, None)
