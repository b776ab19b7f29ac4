"""A minimal HTTP/1.1 keep-alive server for the client benchmark, meant to run in its own process.

Layer: benchmarks (tooling, never imported by ``pubnub``). Deliberately not Tornado and not
``pubnub.testing``: the benchmark compares clients, so the server must cost as little CPU as
possible and share no code with what is measured. Plain ``asyncio.Protocol`` parsing, no routing
framework.

Answers (shapes from protocol/CORE.md):

* ``GET /publish/...``                 -> ``[1,"Sent","<17-digit timetoken>"]``
* ``POST /v1/message-actions/...``     -> the recorded add-action body (§7.1) with fresh timetokens
* ``GET /time/0``                      -> ``[<17-digit timetoken>]``
* anything else                        -> 404

Control (one line in on stdin, one JSON line out on stdout), so that the benchmark's own
queries open no TCP connection and disturb no count:

* at start the server prints ``{"http": port, "https": port or null, "cert": path or null}``
* ``stats`` -> ``{"connections": n, "requests": n, "cpu": seconds, "wall": seconds}``
  (totals since start; ``cpu`` is this process's CPU time, user + system)
* ``quit`` or end of input -> the server exits

Run alone: ``python benchmarks/_bench_server.py --tls`` (ports are chosen by the system).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

_ADD_ACTION_BODY = ('{"status": 200, "data": {"type": "reaction", "value": "smiley_face", '
                    '"actionTimetoken": "%s", "messageTimetoken": "%s", "uuid": "testUser"}}')
_HEAD = "HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s\r\n"
_MAX_HEAD = 64 * 1024


class Stats:
    """Totals the benchmark reads through the control pipe."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests = 0
        self.started = time.monotonic()

    def snapshot(self) -> Dict[str, Any]:
        return {"connections": self.connections, "requests": self.requests,
                "cpu": time.process_time(), "wall": time.monotonic() - self.started}


def _timetoken() -> str:
    return str(time.time_ns() // 100)  # 17 digits, as the service's timetokens


def answer(method: bytes, target: bytes) -> Tuple[str, bytes]:
    """The status line text and the JSON body for one request."""
    path = target.split(b"?", 1)[0]
    if path.startswith(b"/publish/"):
        return "200 OK", b'[1,"Sent","%s"]' % _timetoken().encode()
    if path.startswith(b"/v1/message-actions/") and method == b"POST":
        message_tt = path.rsplit(b"/", 1)[-1].decode("ascii", "replace")
        return "200 OK", (_ADD_ACTION_BODY % (_timetoken(), message_tt)).encode()
    if path == b"/time/0":
        return "200 OK", b"[%s]" % _timetoken().encode()
    return "404 Not Found", b'{"status": 404, "error": true, "message": "Not Found"}'


class HttpConnection(asyncio.Protocol):
    """One client connection: parses requests as they arrive (pipelining tolerated) and answers.

    Subclasses may replace ``answer`` (same signature as the module's ``answer``) to serve
    other routes over the same parsing.
    """

    answer = staticmethod(answer)

    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self.transport: Optional[asyncio.Transport] = None
        self.buffer = b""
        self.continued = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.stats.connections += 1
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer + data if self.buffer else data
        transport = self.transport
        assert transport is not None
        while buffer:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(buffer) > _MAX_HEAD:
                    transport.close()
                    buffer = b""
                break
            lines = buffer[:end].split(b"\r\n")
            try:
                method, target, version = lines[0].split(b" ", 2)
            except ValueError:
                transport.close()
                buffer = b""
                break
            length = 0
            close = version == b"HTTP/1.0"
            expect = False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection":
                    token = value.strip().lower()
                    close = token == b"close" or (close and token != b"keep-alive")
                elif name == b"expect":
                    expect = b"100-continue" in value.lower()
            total = end + 4 + length
            if len(buffer) < total:
                if expect and not self.continued:
                    self.continued = True
                    transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                break
            buffer = buffer[total:]
            self.continued = False
            self.stats.requests += 1
            status, body = self.answer(method, target)
            head = _HEAD % (status, len(body), "Connection: close\r\n" if close else "")
            transport.write(head.encode("ascii") + body)
            if close:
                transport.close()
                buffer = b""
                break
        self.buffer = buffer


def generate_certificate(directory: str) -> Tuple[str, str]:
    """Write a throwaway self-signed certificate for 127.0.0.1 (EC P-256); return (cert, key) paths."""
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def _reply(payload: Dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


async def serve(host: str, cert: Optional[str], key: Optional[str], stats: Optional[Stats] = None,
                protocol: Callable[[Stats], asyncio.Protocol] = HttpConnection) -> None:
    """Listen on an http port (and an https one with a certificate) until told to quit.

    ``stats`` and ``protocol`` let another benchmark server reuse this one with its own answers.
    """
    loop = asyncio.get_running_loop()
    stats = stats if stats is not None else Stats()
    plain = await loop.create_server(lambda: protocol(stats), host, 0, backlog=1024)
    servers = [plain]
    https_port = None
    if cert and key:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        secure = await loop.create_server(lambda: protocol(stats), host, 0, ssl=context, backlog=1024)
        servers.append(secure)
        https_port = secure.sockets[0].getsockname()[1]
    done = loop.create_future()
    stdin = sys.stdin.fileno()
    pending = bytearray()

    def on_control() -> None:
        chunk = os.read(stdin, 4096)
        if not chunk:
            if not done.done():
                done.set_result(None)
            return
        pending.extend(chunk)
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            command = line.strip()
            if command == b"stats":
                _reply(stats.snapshot())
            elif command == b"quit" and not done.done():
                done.set_result(None)

    loop.add_reader(stdin, on_control)
    _reply({"http": plain.sockets[0].getsockname()[1], "https": https_port, "cert": cert})
    try:
        await done
    finally:
        loop.remove_reader(stdin)
        for server in servers:
            server.close()


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--tls", action="store_true", help="also serve https (self-signed unless --cert)")
    parser.add_argument("--cert", help="PEM certificate for https")
    parser.add_argument("--key", help="PEM private key for https")
    args = parser.parse_args(argv)
    cert, key = args.cert, args.key
    with tempfile.TemporaryDirectory(prefix="pn-bench-") as directory:
        if args.tls and not cert:
            cert, key = generate_certificate(directory)
        asyncio.run(serve(args.host, cert, key))


if __name__ == "__main__":
    main()
