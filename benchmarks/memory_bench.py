"""Memory of the local PubNub-compatible server (``pubnub.testing``) under large publishes.

Starts ``python -m pubnub.testing`` in a child process and sends it unsigned POST publishes of
``--size`` bytes over ``--channels`` channels through ``--connections`` keep-alive connections
(one request in flight on each), then reports the child's resident memory (VmRSS, Linux
/proc) before and after, next to the store's byte budget (``--max-stored-bytes``). The
server's store must keep RSS within the budget plus the baseline, whatever is sent.

Usage: python benchmarks/memory_bench.py [--messages 20000] [--size 30000] [--channels 1000]
       [--max-stored-bytes 256M]
"""
from __future__ import annotations

import argparse
import json
import selectors
import socket
import subprocess
import sys
import time
from typing import Dict, List, Optional

HEADER_END = b"\r\n\r\n"


def rss_bytes(pid: int) -> Optional[int]:
    """Resident set size of ``pid`` (Linux /proc), or None elsewhere."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def parse_size(text: str) -> int:
    value = text.strip().upper().rstrip("B")
    units = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}
    return int(value[:-1]) * units[value[-1]] if value and value[-1] in units else int(value)


def publish_all(host: str, port: int, messages: int, size: int, channels: int, connections: int) -> int:
    """Send every publish; returns how many were answered 200."""
    selector = selectors.DefaultSelector()
    sockets: List[socket.socket] = []
    buffers: Dict[int, bytes] = {}
    filler = "x" * max(0, size - 40)
    sent = answered = ok = 0

    def send(sock: socket.socket) -> None:
        nonlocal sent
        body = json.dumps({"n": sent, "text": filler}).encode()
        request = (b"POST /publish/demo/demo/0/ch-%d/0?uuid=bench HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n"
                   b"Content-Type: application/json\r\n\r\n" % (sent % channels, len(body))) + body
        sock.sendall(request)
        sent += 1

    for _ in range(connections):
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sockets.append(sock)
        buffers[sock.fileno()] = b""
        selector.register(sock, selectors.EVENT_READ)
        if sent < messages:
            send(sock)
    while answered < sent:
        for key, _ in selector.select(10):
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            data = buffers[sock.fileno()] + sock.recv(65536)
            while True:
                end = data.find(HEADER_END)
                if end < 0:
                    break
                length = int(data[:end].split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
                if len(data) < end + 4 + length:
                    break
                ok += data.startswith(b"HTTP/1.1 200 ")
                data = data[end + 4 + length:]
                answered += 1
                if sent < messages:
                    send(sock)
            buffers[sock.fileno()] = data
    for sock in sockets:
        sock.close()
    selector.close()
    return ok


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--size", type=int, default=30_000, help="bytes of each message")
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--max-stored-bytes", default="256M", help="the server's --max-stored-bytes")
    args = parser.parse_args(argv)
    budget = parse_size(args.max_stored_bytes)
    process = subprocess.Popen([sys.executable, "-m", "pubnub.testing", "--port", "0", "--log-level", "WARNING",
                                "--max-stored-bytes", str(budget)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        origin = process.stdout.readline().rsplit("(origin ", 1)[1].rstrip(")\n")
        host, port = origin.rsplit(":", 1)
        publish_all(host, int(port), 10, 100, 10, 1)  # warm up: modules loaded, first channels made
        baseline = rss_bytes(process.pid)
        started = time.monotonic()
        ok = publish_all(host, int(port), args.messages, args.size, args.channels, args.connections)
        elapsed = time.monotonic() - started
        after = rss_bytes(process.pid)
    finally:
        process.terminate()
        process.wait(10)
    mb = 1024 * 1024
    print("%d publishes of %d bytes over %d channels in %.1f s (%d answered 200, %.0f msg/s)"
          % (args.messages, args.size, args.channels, elapsed, ok, args.messages / elapsed))
    if baseline is None or after is None:
        print("RSS: not available on this platform")
        return 0
    print("RSS baseline %.1f MB, after %.1f MB (grew %.1f MB); budget %.1f MB; baseline + budget %.1f MB -> %s"
          % (baseline / mb, after / mb, (after - baseline) / mb, budget / mb, (baseline + budget) / mb,
             "within" if after <= baseline + budget else "OVER"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
