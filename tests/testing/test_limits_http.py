"""The HTTP layer under hostile clients: size limits answered, timeouts, connection and body caps,
and an accept loop that survives running out of file descriptors."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from typing import Any, Callable, List

from pubnub.testing.app import http_limits
from pubnub.testing.http1_wire import HttpLimits
from pubnub.testing.settings import ServerSettings

from .support import Http
from .test_robustness import complete_answers, raw_exchange


def connect(server: Any) -> socket.socket:
    host, port = server.origin.rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=3)


def read_answer(sock: socket.socket) -> bytes:
    """One complete answer (or what arrived before the server closed)."""
    received = b""
    while complete_answers(received) < 1:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
    return received


def closed_by_server(sock: socket.socket) -> bool:
    """True when the server closes the connection (within the socket's 3 s timeout)."""
    try:
        while True:
            if not sock.recv(65536):
                return True
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def test_a_one_megabyte_get_publish_gets_414_not_a_reset(http: Http) -> None:
    answer = http.get("/publish/demo/demo/0/ch/0/%22" + "x" * 1_000_000 + "%22")
    assert answer.status == 414
    assert answer.json == {"message": "Request URI Too Long", "error": True, "service": "Balancer", "status": 414}


def test_too_many_header_bytes_get_431(server: Any) -> None:
    answer = raw_exchange(server, b"GET /time/0 HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 40_000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert b'"message":"Request Header Fields Too Large"' in answer
    assert http_ok(server)  # and the server carries on


def http_ok(server: Any) -> bool:
    client = Http(server.origin)
    try:
        return client.get("/time/0").status == 200
    finally:
        client.close()


def test_a_malformed_content_length_gets_400(server: Any, caplog: Any) -> None:
    for value in ("\xb2".encode("latin-1"), "²".encode(), b"1e3", b"+5", b" "):
        answer = raw_exchange(server, b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nContent-Length: " + value
                              + b"\r\n\r\n1")
        assert answer.startswith(b"HTTP/1.1 400 "), value
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.exc_info]


def test_connections_past_the_cap_are_answered_503(make_server: Callable[..., Any]) -> None:
    server = make_server(max_connections=2)
    first, second = connect(server), connect(server)
    try:
        for sock in (first, second):
            sock.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")
            assert read_answer(sock).startswith(b"HTTP/1.1 200 ")
        third = connect(server)
        third.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")
        refused = read_answer(third)
        assert refused.startswith(b"HTTP/1.1 503 ") and b'"service":"Balancer"' in refused
        third.close()
        first.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")  # the connected clients are unaffected
        assert read_answer(first).startswith(b"HTTP/1.1 200 ")
        first.close()
        assert read_answer(_request(server)).startswith(b"HTTP/1.1 200 ")  # a freed slot is usable again
    finally:
        first.close()
        second.close()


def _request(server: Any) -> socket.socket:
    """A connection that has sent ``GET /time/0`` (retried while the server has not seen a close yet)."""
    for _ in range(50):
        sock = connect(server)
        sock.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")
        head = sock.recv(13, socket.MSG_PEEK)
        if head.startswith(b"HTTP/1.1 200"):
            return sock
        sock.close()
    raise AssertionError("no connection slot came free")


def test_request_bodies_are_reserved_before_they_are_read(make_server: Callable[..., Any]) -> None:
    server = make_server(max_buffered_body_bytes=1000)
    body = json.dumps("x" * 798).encode()
    head = b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 800\r\nExpect: 100-continue\r\n\r\n"
    first = connect(server)
    try:
        first.sendall(head)
        assert first.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"  # 800 bytes reserved, the body not sent yet
        second = connect(server)
        second.sendall(head)
        refused = read_answer(second)
        assert refused.startswith(b"HTTP/1.1 503 ")
        second.close()
        first.sendall(body)
        assert read_answer(first).split(b"\r\n", 1)[0] == b"HTTP/1.1 200 OK"
        third = connect(server)  # released once answered
        third.sendall(head)
        assert third.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        third.sendall(body)
        assert b'[1,"Sent","' in read_answer(third)
        third.close()
    finally:
        first.close()


def test_slow_heads_slow_bodies_and_idle_connections_are_closed(make_server: Callable[..., Any]) -> None:
    server = make_server(header_timeout_seconds=0.2, body_timeout_seconds=0.2, idle_timeout_seconds=0.3)
    silent, slow_head, slow_body, idle = (connect(server) for _ in range(4))
    slow_head.sendall(b"GET /time/0 HTTP/1.1\r\nHo")
    slow_body.sendall(b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nContent-Length: 10\r\n\r\n\"ab")
    idle.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")
    assert read_answer(idle).startswith(b"HTTP/1.1 200 ")
    for sock in (silent, slow_head, slow_body, idle):
        assert closed_by_server(sock)
        sock.close()


def test_a_parked_long_poll_is_not_idle(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    server = make_server(idle_timeout_seconds=0.2, header_timeout_seconds=0.2, long_poll_seconds=1.0)
    http = make_http(server)
    cursor = http.get("/v2/subscribe/demo/ch/0?tt=0").json["t"]["t"]
    parked = http.get("/v2/subscribe/demo/ch/0?tt=%s" % cursor)  # held for 1 s, five idle timeouts
    assert parked.status == 200 and parked.json["m"] == []


def test_running_out_of_file_descriptors_pauses_the_accept_loop() -> None:
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))\n"
            "from pubnub.testing.__main__ import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    process = subprocess.Popen([sys.executable, "-c", code, "--port", "0", "--log-level", "INFO"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sockets: List[socket.socket] = []
    try:
        assert process.stdout is not None
        origin = process.stdout.readline().decode().rsplit("(origin ", 1)[1].rstrip(")\n")
        host, port = origin.rsplit(":", 1)
        sockets = [socket.create_connection((host, int(port)), timeout=5) for _ in range(80)]  # past the limit
        first = sockets[0]
        for _ in range(30):  # the connections it has are served meanwhile
            first.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")
            assert read_answer(first).startswith(b"HTTP/1.1 200 ")
        for sock in sockets:
            sock.close()
        sockets = []
        late = socket.create_connection((host, int(port)), timeout=10)
        sockets.append(late)
        late.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_answer(late).startswith(b"HTTP/1.1 200 ")  # accepting resumed by itself
    finally:
        for sock in sockets:
            sock.close()
        process.terminate()
        _, errors = process.communicate(timeout=10)
    log = errors.decode("utf-8", "replace")
    assert "Traceback" not in log and len(log) < 4000, log[:2000]
    assert 1 <= log.count("cannot accept connections") <= 3, log


def test_the_sdk_sees_414_for_a_one_megabyte_get_publish(pubnub_config: Any) -> None:
    import asyncio

    from pubnub.pubnub_tornado import PubNubTornado

    async def main() -> Any:
        client = PubNubTornado(pubnub_config)
        return await asyncio.wait_for(client.publish().channel("big").message("x" * 1_000_000).future(), 10)
    outcome = asyncio.run(main())
    assert outcome.status.is_error() and outcome.status.status_code == 414, outcome.status


def test_a_head_sent_in_pieces_is_answered(server: Any) -> None:
    sock = connect(server)
    try:
        for piece in (b"GET /ti", b"me/0 HTTP/1.1\r\nHo", b"st: x\r", b"\n\r\nGET /time/0 HTTP/1.1\r\n\r\n"):
            sock.sendall(piece)
            time.sleep(0.02)
        received = b""
        while complete_answers(received) < 2:
            chunk = sock.recv(65536)
            assert chunk, received
            received += chunk
        assert received.startswith(b"HTTP/1.1 200 ") and received.count(b"HTTP/1.1 200 ") == 2
    finally:
        sock.close()


def test_a_large_answer_reaches_a_slow_reader_whole(server: Any, http: Http) -> None:
    message = json.dumps("x" * 30_000).encode()
    for _ in range(100):  # a history answer of 3 MB: more than the socket buffers take at once
        assert http.request("POST", "/publish/demo/demo/0/big/0", message).status == 200
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(5)
    host, port = server.origin.rsplit(":", 1)
    sock.connect((host, int(port)))
    try:
        sock.sendall(b"GET /v2/history/sub-key/demo/channel/big?count=100 HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)  # the server fills the socket and must queue the rest
        received = read_answer(sock)
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 ") and len(body) > 3_000_000
        assert len(json.loads(body)[0]) == 100
        sock.sendall(b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\n")  # and the connection carries on
        assert read_answer(sock).startswith(b"HTTP/1.1 200 ")
    finally:
        sock.close()


def test_the_http_layer_defaults_are_the_server_settings_defaults() -> None:
    """One source of the limits: an HttpLimits made without arguments (a server built on the
    HTTP layer alone) bounds exactly what a default server does."""
    assert HttpLimits() == http_limits(ServerSettings())
    changed = http_limits(ServerSettings(max_header_bytes=1024, idle_timeout_seconds=5.0))
    assert (changed.max_header_bytes, changed.idle_timeout) == (1024, 5.0)
