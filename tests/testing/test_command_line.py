"""``python -m pubnub.testing``: ``--version``, ``--fault``, and one-line errors when it cannot start."""
from __future__ import annotations

import errno
import socket
import subprocess
import sys
from typing import Any, Iterator, List

import pytest

from pubnub._version import __version__
from pubnub.testing import Fault, app
from pubnub.testing import __main__ as command

from .support import Http


def run(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-m", "pubnub.testing", *args], capture_output=True, text=True,
                          timeout=30, check=False)


@pytest.fixture(autouse=True)
def keep_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """``main()`` run in this process must not configure the root logger for the tests that follow."""
    monkeypatch.setattr(command.logging, "basicConfig", lambda **settings: None)


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another socket listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_version() -> None:
    done = run("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, "pubnub %s\n" % __version__, "")


def test_a_port_in_use_is_one_line_and_exit_code_2(taken_port: int) -> None:
    done = run("--port", str(taken_port))
    assert done.returncode == 2
    assert done.stderr == "error: port %d on 127.0.0.1 is already in use\n" % taken_port
    assert done.stdout == ""


def test_other_bind_errors_are_one_line_too(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                                            ) -> None:
    real_bind_sockets = app.bind_sockets

    def refuse(port: int, host: str) -> List[Any]:
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr("pubnub.testing.app.bind_sockets", refuse)
    assert command.main(["--port", "80", "--log-level", "WARNING"]) == 2
    assert capsys.readouterr().err == "error: no permission to listen on port 80 on 127.0.0.1\n"
    monkeypatch.setattr("pubnub.testing.app.bind_sockets", real_bind_sockets)
    # a real one: an address (TEST-NET-1) this machine does not have
    assert command.main(["--host", "192.0.2.1", "--port", "0", "--log-level", "WARNING"]) == 2
    assert capsys.readouterr().err == "error: cannot listen on 192.0.2.1: not an address of this machine\n"


def test_an_unreadable_certificate_is_one_line(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.pem")
    assert command.main(["--certfile", missing, "--port", "0", "--log-level", "WARNING"]) == 2
    assert capsys.readouterr().err == "error: cannot load the certificate %s: No such file or directory\n" % missing


def test_fault_specs_are_parsed_and_bad_ones_refused(capsys: pytest.CaptureFixture[str]) -> None:
    args = command.parse_args(["--fault", "reset:subscribe:count=2", "--fault", "latency:*:delay=0.5"])
    assert args.fault == [Fault("reset", operation="subscribe", count=2), Fault("latency", delay=0.5)]
    assert command.parse_args([]).fault == []
    with pytest.raises(SystemExit) as exited:
        command.parse_args(["--fault", "reset:subscrib"])
    assert exited.value.code == 2
    assert "argument --fault: fault operation" in capsys.readouterr().err


def test_help_documents_the_fault_syntax() -> None:
    done = run("--help")
    text = " ".join(done.stdout.split())
    assert done.returncode == 0
    assert "--fault SPEC" in text and "KIND[:OPERATION][:NAME=VALUE[,NAME=VALUE...]]" in text
    assert "reset:subscribe:count=2" in text and "--version" in text


def test_a_server_started_with_faults_applies_them() -> None:
    process = subprocess.Popen([sys.executable, "-m", "pubnub.testing", "--port", "0", "--log-level", "WARNING",
                                "--fault", "5xx:time:status=502,count=1", "--fault", "reset:publish:channel=x"],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        origin = process.stdout.readline().rsplit("(origin ", 1)[1].rstrip(")\n")
        assert [process.stdout.readline() for _ in range(2)] == [
            "fault in force: 5xx:time:count=1,status=502\n", "fault in force: reset:publish:channel=x\n"]
        http = Http(origin)
        assert [http.get("/time/0").status for _ in range(2)] == [502, 200]
        assert http.get("/publish/demo/demo/0/y/0/1").status == 200
        with pytest.raises(ConnectionResetError):
            http.get("/publish/demo/demo/0/x/0/1")
        http.close()
    finally:
        process.terminate()
        assert process.wait(10) == 0
