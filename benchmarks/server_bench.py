"""Throughput of the local PubNub-compatible server (``pubnub.testing``).

Starts ``python -m pubnub.testing`` in a child process pinned to one CPU (Linux) and drives it
from this process over keep-alive connections, one request in flight on each, through libcurl's
multi interface (pycurl; a raw-socket client when pycurl is missing) so that the load generator
costs as little as possible. Three figures:

1. publish: GET /publish over N keep-alive connections, one request in flight per connection;
2. subscribe bursts: subscribers polling a channel that holds 100 buffered messages, each
   answer carrying the whole burst (messages delivered per second);
3. live fan-out: subscribers parked in long-polls while a publisher sends; messages delivered
   per second (publishing and delivery share the server's one core).

Each figure is shown per wall-clock second and per second of server CPU time (the server is
single-threaded, so the latter is its one-core capacity even when the load generator lags).

Usage: python benchmarks/server_bench.py [--publishes 40000] [--connections 32] [--bursts 3000]
"""
from __future__ import annotations

import argparse
import os
import selectors
import socket
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

HEADER_END = b"\r\n\r\n"


def server_cpu_seconds(pid: int) -> Optional[float]:
    """User+system CPU time of ``pid`` (Linux /proc), or None elsewhere."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class LoadGenerator:
    """Keep-alive connections, one request in flight on each, answers parsed by Content-Length."""

    def __init__(self, host: str, port: int, connections: int) -> None:
        self.selector = selectors.DefaultSelector()
        self.sockets: List[socket.socket] = []
        for _ in range(connections):
            sock = socket.create_connection((host, port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setblocking(False)
            self.sockets.append(sock)

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()
        self.selector.close()

    def run(self, request_for: Callable[[int], bytes], total: int,
            on_answer: Callable[[int, bytes], None]) -> float:
        """Send ``total`` requests (``request_for(connection_index)``); returns the elapsed seconds."""
        buffers: Dict[int, bytes] = {}
        sent = answered = 0
        started = time.perf_counter()
        for index, sock in enumerate(self.sockets[:total]):
            self.selector.register(sock, selectors.EVENT_READ, index)
            buffers[index] = b""
            sock.sendall(request_for(index))
            sent += 1
        while answered < total:
            for key, _ in self.selector.select():
                index = key.data
                sock = self.sockets[index]
                data = buffers[index] + sock.recv(1 << 20)
                while True:
                    end = data.find(HEADER_END)
                    if end < 0:
                        break
                    marker = data.find(b"Content-Length: ", 0, end)
                    length = int(data[marker + 16:data.find(b"\r\n", marker)])
                    if len(data) < end + 4 + length:
                        break
                    status = int(data[9:12])
                    on_answer(status, data[end + 4:end + 4 + length])
                    data = data[end + 4 + length:]
                    answered += 1
                    if sent < total:
                        sock.sendall(request_for(index))
                        sent += 1
                    else:
                        self.selector.unregister(sock)
                buffers[index] = data
        return time.perf_counter() - started


class CurlLoadGenerator:
    """The same contract driven by libcurl's multi interface (much cheaper per request than Python).

    Each easy handle keeps its own keep-alive connection and has one request in flight.
    """

    def __init__(self, host: str, port: int, connections: int) -> None:
        import pycurl

        self.pycurl = pycurl
        self.base = "http://%s:%d" % (host, port)
        self.multi = pycurl.CurlMulti()
        self.handles = []
        for _ in range(connections):
            handle = pycurl.Curl()
            handle.setopt(pycurl.TCP_NODELAY, 1)
            handle.setopt(pycurl.HTTPHEADER, ["Expect:"])
            self.handles.append(handle)

    def close(self) -> None:
        for handle in self.handles:
            handle.close()
        self.multi.close()

    def run(self, request_for: Callable[[int], bytes], total: int,
            on_answer: Callable[[int, bytes], None]) -> float:
        pycurl = self.pycurl
        buffers: Dict[int, List[bytes]] = {}
        index_of = {}
        sent = answered = 0

        def start(index: int) -> None:
            handle = self.handles[index]
            path = request_for(index).split(b" ", 2)[1].decode("ascii")
            chunks: List[bytes] = []
            buffers[index] = chunks
            handle.setopt(pycurl.URL, self.base + path)
            handle.setopt(pycurl.WRITEFUNCTION, chunks.append)
            self.multi.add_handle(handle)

        started = time.perf_counter()
        for index, handle in enumerate(self.handles[:total]):
            index_of[id(handle)] = index
            start(index)
            sent += 1
        while answered < total:
            status, _ = self.multi.perform()
            while status == pycurl.E_CALL_MULTI_PERFORM:
                status, _ = self.multi.perform()
            _, finished, failed = self.multi.info_read()
            if failed:
                raise RuntimeError("request failed: %r" % (failed[0][1:],))
            for handle in finished:
                index = index_of[id(handle)]
                self.multi.remove_handle(handle)
                on_answer(handle.getinfo(pycurl.RESPONSE_CODE), b"".join(buffers[index]))
                answered += 1
                if sent < total:
                    start(index)
                    sent += 1
            if not finished:
                self.multi.select(1.0)
        return time.perf_counter() - started


def load_generator(host: str, port: int, connections: int) -> Any:
    """libcurl when pycurl is installed, else the raw-socket generator."""
    try:
        return CurlLoadGenerator(host, port, connections)
    except ImportError:
        return LoadGenerator(host, port, connections)


def get(path: str) -> bytes:
    return ("GET %s HTTP/1.1\r\nHost: bench\r\n\r\n" % path).encode("ascii")


def expect_ok(status: int, body: bytes) -> None:
    if status != 200:
        raise RuntimeError("unexpected answer %d %r" % (status, body[:200]))


def timed(pid: Optional[int], work: Callable[[], float]) -> Tuple[float, Optional[float]]:
    before = server_cpu_seconds(pid) if pid else None
    elapsed = work()
    after = server_cpu_seconds(pid) if pid else None
    return elapsed, (after - before) if before is not None and after is not None else None


def report(label: str, count: int, unit: str, elapsed: float, cpu: Optional[float]) -> None:
    line = "%-22s %8d %s in %6.2f s -> %9.0f %s/s" % (label, count, unit, elapsed, count / elapsed, unit)
    if cpu:
        line += "  (server CPU %.2f s -> %9.0f %s per CPU-second)" % (cpu, count / cpu, unit)
    print(line)


def bench_publish(host: str, port: int, pid: Optional[int], total: int, connections: int) -> None:
    requests = [get("/publish/demo/demo/0/bench-pub-%d/0/%%7B%%22text%%22%%3A%%22hello%%22%%2C%%22n%%22%%3A%d%%7D"
                    "?uuid=bench-publisher&pnsdk=bench" % (i % 16, i)) for i in range(64)]
    load = load_generator(host, port, connections)
    counter = [0]

    def request_for(index: int) -> bytes:
        counter[0] += 1
        return requests[counter[0] % len(requests)]
    load.run(request_for, min(2000, total), expect_ok)  # warm-up
    elapsed, cpu = timed(pid, lambda: load.run(request_for, total, expect_ok))
    load.close()
    report("publish", total, "req", elapsed, cpu)


def _now_tt(host: str, port: int) -> int:
    holder: List[int] = []
    load = LoadGenerator(host, port, 1)
    load.run(lambda i: get("/time/0"), 1, lambda status, body: holder.append(int(body.strip(b"[]"))))
    load.close()
    return holder[0]


def bench_bursts(host: str, port: int, pid: Optional[int], bursts: int, connections: int) -> None:
    channel = "bench-burst"
    cursor = _now_tt(host, port)
    load = LoadGenerator(host, port, 1)
    load.run(lambda i: get("/publish/demo/demo/0/%s/0/%%7B%%22text%%22%%3A%%22burst%%22%%7D?uuid=bench" % channel),
             100, expect_ok)
    load.close()
    delivered = [0]

    def on_answer(status: int, body: bytes) -> None:
        expect_ok(status, body)
        delivered[0] += body.count(b'"p":{')
    poll = [get("/v2/subscribe/demo/%s/0?tt=%d&uuid=bench-sub-%d&pnsdk=bench" % (channel, cursor, i))
            for i in range(connections)]
    load = load_generator(host, port, connections)
    load.run(lambda i: poll[i], min(200, bursts), on_answer)  # warm-up
    delivered[0] = 0
    elapsed, cpu = timed(pid, lambda: load.run(lambda i: poll[i], bursts, on_answer))
    load.close()
    if delivered[0] != bursts * 100:
        raise RuntimeError("expected %d messages, got %d" % (bursts * 100, delivered[0]))
    report("subscribe (bursts)", delivered[0], "msg", elapsed, cpu)


def bench_fanout(host: str, port: int, pid: Optional[int], subscribers: int, messages: int) -> None:
    channel = "bench-live"
    cursors = [_now_tt(host, port)] * subscribers
    received = [0]
    subs = LoadGenerator(host, port, subscribers)
    pub = LoadGenerator(host, port, 8)
    publish = get("/publish/demo/demo/0/%s/0/%%22live%%22?uuid=bench" % channel)

    def work() -> float:
        started = time.perf_counter()
        for index, sock in enumerate(subs.sockets):
            subs.selector.register(sock, selectors.EVENT_READ, index)
            sock.sendall(get("/v2/subscribe/demo/%s/0?tt=%d&uuid=fan-%d" % (channel, cursors[index], index)))
        buffers = [b""] * subscribers
        pub_done = [0]
        pending = messages
        while received[0] < messages * subscribers:
            if pending > 0:  # one round of publishes between subscriber reads
                batch = min(pending, 8)
                pub.run(lambda i: publish, batch, lambda s, b: pub_done.__setitem__(0, pub_done[0] + 1))
                pending -= batch
            for key, _ in subs.selector.select(timeout=0 if pending > 0 else 1.0):
                index = key.data
                data = buffers[index] + subs.sockets[index].recv(1 << 20)
                end = data.find(HEADER_END)
                if end < 0:
                    buffers[index] = data
                    continue
                marker = data.find(b"Content-Length: ", 0, end)
                length = int(data[marker + 16:data.find(b"\r\n", marker)])
                if len(data) < end + 4 + length:
                    buffers[index] = data
                    continue
                body = data[end + 4:end + 4 + length]
                buffers[index] = data[end + 4 + length:]
                received[0] += body.count(b'"p":{')
                cursors[index] = int(body[11:body.index(b'"', 11)])
                if received[0] < messages * subscribers:
                    subs.sockets[index].sendall(get("/v2/subscribe/demo/%s/0?tt=%d&uuid=fan-%d"
                                                    % (channel, cursors[index], index)))
        return time.perf_counter() - started
    elapsed, cpu = timed(pid, work)
    subs.close()
    pub.close()
    report("live fan-out (%d subs)" % subscribers, received[0], "msg", elapsed, cpu)


def start_server(cpu: Optional[int]) -> Tuple[subprocess.Popen, str, int]:  # type: ignore[type-arg]
    command = [sys.executable, "-m", "pubnub.testing", "--port", "0", "--long-poll-seconds", "30",
               "--log-level", "WARNING"]
    kwargs = {}
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        kwargs["preexec_fn"] = lambda: os.sched_setaffinity(0, {cpu})
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, **kwargs)  # type: ignore[call-overload]
    line = process.stdout.readline() if process.stdout else ""
    origin = line.rsplit("(origin ", 1)[1].rstrip(")\n")
    host, port = origin.rsplit(":", 1)
    return process, host, int(port)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publishes", type=int, default=40_000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--bursts", type=int, default=3_000, help="subscribe answers of 100 messages")
    parser.add_argument("--subscribers", type=int, default=50, help="parked subscribers in the fan-out test")
    parser.add_argument("--fanout-messages", type=int, default=400)
    parser.add_argument("--server-cpu", type=int, default=0, help="CPU the server is pinned to (-1: none)")
    args = parser.parse_args()
    cpu = None if args.server_cpu < 0 else args.server_cpu
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        others = os.sched_getaffinity(0) - {cpu}
        if others:
            os.sched_setaffinity(0, others)
    process, host, port = start_server(cpu)
    try:
        print("server %s:%d (pid %d, pinned to CPU %s), Python %s" % (host, port, process.pid, cpu,
                                                                      sys.version.split()[0]))
        bench_publish(host, port, process.pid, args.publishes, args.connections)
        bench_bursts(host, port, process.pid, args.bursts, min(args.connections, 16))
        bench_fanout(host, port, process.pid, args.subscribers, args.fanout_messages)
    finally:
        process.terminate()
        process.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
