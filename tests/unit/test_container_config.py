"""What a container is configured by: credentials from a variable or from the file `<VAR>_FILE` names
(a Docker secret), and the health command HEALTHCHECK runs against a real gRPC health server."""
from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path

import grpc
import pytest
from fivelayer.kernel import credentials, healthcheck
from fivelayer.kernel.config import Settings
from fivelayer.kernel.credentials import SecretError, secret_env
from grpc_health.v1 import health, health_pb2, health_pb2_grpc


def test_a_secret_is_read_from_its_variable() -> None:
    assert secret_env("FIVELAYER_X_SECRET", {"FIVELAYER_X_SECRET": "s3"}) == "s3"
    assert secret_env("FIVELAYER_X_SECRET", {}) == ""


def test_a_secret_is_read_from_the_file_its_FILE_variable_names(tmp_path: Path) -> None:
    secret = tmp_path / "issuer_partner_secret"
    secret.write_text("abc:def\n")   # `echo` and editors add the newline; a secret never ends in one
    assert secret_env("FIVELAYER_X_SECRET", {"FIVELAYER_X_SECRET_FILE": str(secret)}) == "abc:def"


def test_both_or_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SecretError, match="both FIVELAYER_X_SECRET and FIVELAYER_X_SECRET_FILE"):
        secret_env("FIVELAYER_X_SECRET", {"FIVELAYER_X_SECRET": "a", "FIVELAYER_X_SECRET_FILE": "/x"})
    with pytest.raises(SecretError, match="FIVELAYER_X_SECRET_FILE names .*missing.*cannot be read"):
        secret_env("FIVELAYER_X_SECRET", {"FIVELAYER_X_SECRET_FILE": str(tmp_path / "missing")})


def test_the_correspondents_and_the_demo_partner_take_file_secrets(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in [("ISSUER_PARTNER_KEY", "PKISSUER"), ("ISSUER_PARTNER_SECRET", "issuer-s"),
                        ("PARTNER_KEY", "PKDEMO"), ("PARTNER_SECRET", "demo-s")]:
        (tmp_path / name).write_text(value + "\n")
        monkeypatch.setenv(f"FIVELAYER_{name}_FILE", str(tmp_path / name))
    monkeypatch.setenv("FIVELAYER_EXCHANGE_PARTNER_KEY", "PKEXCHANGE")
    monkeypatch.setenv("FIVELAYER_EXCHANGE_PARTNER_SECRET", "exchange-s")
    assert credentials.service_partner("issuer") == ("PKISSUER", "issuer-s")
    assert credentials.service_partner("exchange") == ("PKEXCHANGE", "exchange-s")
    assert credentials.demo_partner() == ("PKDEMO", "demo-s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def health_server() -> Iterator[tuple[int, health.HealthServicer]]:
    """A gRPC server with the standard health service on a free port (control's port for that base)."""
    port = _free_port()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    yield port, servicer
    server.stop(grace=None)


def test_the_health_command_asks_the_local_listener(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIVELAYER_BIND", "0.0.0.0")
    monkeypatch.setenv("FIVELAYER_PORT_BASE", "40000")
    assert healthcheck.local_address(Settings.from_env(), "broker") == "127.0.0.1:40003"
    monkeypatch.setenv("FIVELAYER_BIND", "10.0.0.7")
    assert healthcheck.local_address(Settings.from_env(), "broker") == "10.0.0.7:40003"


def test_the_health_command_exits_0_only_when_serving(health_server: tuple[int, health.HealthServicer],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    port, servicer = health_server
    monkeypatch.setenv("FIVELAYER_PORT_BASE", str(port))   # control is base+0
    monkeypatch.delenv("FIVELAYER_BIND", raising=False)
    monkeypatch.delenv("FIVELAYER_HOST", raising=False)
    servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
    assert healthcheck.main(["control"]) == 1
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)
    monkeypatch.setenv("FIVELAYER_SERVICE", "control")
    assert healthcheck.main([]) == 0
    assert f"control at 127.0.0.1:{port}: SERVING" in capsys.readouterr().out
    monkeypatch.setenv("FIVELAYER_PORT_BASE", str(_free_port()))  # nothing listens there
    assert healthcheck.main(["control"]) == 1
    assert "no answer (UNAVAILABLE)" in capsys.readouterr().out


def test_the_health_command_names_the_services_when_given_none(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("FIVELAYER_SERVICE", raising=False)
    assert healthcheck.main([]) == 2
    assert healthcheck.main(["bank"]) == 2
    assert "control, chain, depository, broker, issuer, exchange" in capsys.readouterr().err
