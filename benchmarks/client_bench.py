"""Speed of PubNubTornado against the raw Tornado HTTP clients, on loopback (issue 2).

Layer: benchmarks (tooling; the library never imports it).

For publish and add-message-action, over http and https, at 1, 10 and 100 calls in flight, runs
the same requests through ``PubNubTornado``, a raw ``CurlAsyncHTTPClient`` (reuses connections)
and a raw ``SimpleAsyncHTTPClient`` (a new connection per request), and prints calls/s, client CPU
per call, new connections per call and the server's CPU. The server (``_bench_server.py``) runs in
its own process so its CPU is counted apart; it must stay well below one core, else the numbers
describe the server and not the clients.

Targets, against raw curl: throughput >= 80% at 10 and 100 in flight and >= 75% at 1, at most
60 µs more client CPU per call, and no new connection per call after warm-up.

    python benchmarks/client_bench.py                # the full run (a few minutes)
    python benchmarks/client_bench.py --quick        # a fast, noisier run
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # benchmark the working tree, not an installed copy

import pycurl  # noqa: E402
import tornado  # noqa: E402
from _bench_server import generate_certificate  # noqa: E402
from tornado.curl_httpclient import CurlAsyncHTTPClient  # noqa: E402
from tornado.simple_httpclient import SimpleAsyncHTTPClient  # noqa: E402

from pubnub._transport.tornado import TornadoTransport  # noqa: E402
from pubnub.models.consumer.message_actions import PNMessageAction  # noqa: E402
from pubnub.pnconfiguration import PNConfiguration  # noqa: E402
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException  # noqa: E402

SCENARIOS = ("publish", "add-action")
SCHEMES = ("http", "https")
INFLIGHT = (1, 10, 100)
CLIENTS = ("pubnub", "raw-curl", "raw-simple")
BASELINE = "raw-curl"
MAX_CLIENTS = 100  # TornadoTransport's default; every client gets the same
CHANNEL = "bench-channel"
MESSAGE = {"text": "hello world", "n": 42}
ACTION = {"type": "reaction", "value": "smiley_face", "messageTimetoken": "15610547826969050"}

MIN_RATIO = {1: 0.75, 10: 0.80, 100: 0.80}
MAX_EXTRA_CPU_US = 60.0
MAX_CONNECTIONS_PER_CALL = 0.01  # "no new connection per call": fewer than 1 per 100 calls
SERVER_CPU_LIMIT = 75.0  # % of one core above which a row measures the server
WARMUP_LIMIT = 10.0  # seconds: a client that cannot finish its warm-up calls by then is reported as is


class ServerProcess:
    """A benchmark server script in a child process, queried through its stdin/stdout pipe.

    By default ``_bench_server.py`` with the given certificate; ``script``/``args`` start another
    server speaking the same pipe protocol (``_subscribe_server.py``).
    """

    def __init__(self, cert: Optional[str] = None, key: Optional[str] = None,
                 script: str = "_bench_server.py", args: Sequence[str] = (), cpu: Optional[int] = None) -> None:
        tls = ["--cert", cert, "--key", key] if cert and key else []
        pin: Any = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, script), *tls, *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=pin)
        ready = self._read()
        self.ports = {"http": ready["http"], "https": ready.get("https")}
        self.port = ready["http"]

    def _read(self) -> Dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the benchmark server exited (code %s)" % self.proc.poll())
        payload: Dict[str, Any] = json.loads(line)
        return payload

    def stats(self) -> Dict[str, Any]:
        """Totals since start (blocks for a fraction of a millisecond; no socket involved)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.terminate()
            self.proc.wait(timeout=5)


class PubNubClient:
    """The client under test: ``PubNubTornado`` with an explicit ``TornadoTransport``."""

    def __init__(self, scheme: str, port: int, ca_certs: str) -> None:
        config = PNConfiguration()
        config.publish_key = "pub-c-bench"
        config.subscribe_key = "sub-c-bench"
        config.uuid = "bench-client"
        config.origin = "127.0.0.1:%d" % port
        config.ssl = scheme == "https"
        defaults: Dict[str, Any] = {"ca_certs": ca_certs} if config.ssl else {}
        self.pubnub = PubNubTornado(config, transport=TornadoTransport(max_clients=MAX_CLIENTS, **defaults))

    async def publish(self) -> None:
        outcome = await self.pubnub.publish().channel(CHANNEL).message(MESSAGE).future()
        if isinstance(outcome, PubNubTornadoException):
            raise RuntimeError(str(outcome))

    async def add_action(self) -> None:
        action = PNMessageAction(ACTION)
        outcome = await self.pubnub.add_message_action().channel(CHANNEL).message_action(action).future()
        if isinstance(outcome, PubNubTornadoException):
            raise RuntimeError(str(outcome))

    def templates(self) -> Tuple[Any, Any]:
        """The requests this client sends now (after warm-up, so with its telemetry params)."""
        publish = self.pubnub.publish().channel(CHANNEL).message(MESSAGE).build_request()
        action = self.pubnub.add_message_action().channel(CHANNEL).message_action(PNMessageAction(ACTION))
        return publish, action.build_request()

    def close(self) -> None:
        self.pubnub.transport.close()


class RawClient:
    """What a user without the SDK would write: fetch the same URL and decode the JSON body."""

    def __init__(self, client_class: Any, ca_certs: Optional[str], publish: Any, action: Any) -> None:
        defaults = {"ca_certs": ca_certs} if ca_certs else {}
        self.http = client_class(force_instance=True, max_clients=MAX_CLIENTS, defaults=defaults)
        # Byte-identical requests except the publish sequence number, which a raw user increments too.
        self.before_seqn, self.after_seqn = re.split(r"(?<=[?&]seqn=)\d+", publish.url, maxsplit=1)
        self.publish_headers = dict(publish.headers)
        self.action_url = action.url
        self.action_headers = dict(action.headers)
        self.action_body = action.body
        self.seqn = 0

    async def publish(self) -> None:
        self.seqn = self.seqn % 65535 + 1
        url = "%s%d%s" % (self.before_seqn, self.seqn, self.after_seqn)
        response = await self.http.fetch(url, headers=dict(self.publish_headers))
        json.loads(response.body)

    async def add_action(self) -> None:
        response = await self.http.fetch(self.action_url, method="POST", headers=dict(self.action_headers),
                                         body=self.action_body)
        json.loads(response.body)

    def close(self) -> None:
        self.http.close()


@dataclass
class Sample:
    """One timed window of one client."""

    calls: int
    wall: float
    cpu: float
    connections: int
    server_cpu: float
    errors: int
    first_error: str = ""

    @property
    def rate(self) -> float:
        return self.calls / self.wall if self.wall else 0.0

    @property
    def cpu_us(self) -> float:
        return self.cpu / self.calls * 1e6 if self.calls else float("nan")

    @property
    def server_pct(self) -> float:
        return self.server_cpu / self.wall * 100 if self.wall else 0.0


async def measure(call: Callable[[], Awaitable[None]], inflight: int, warmup: float, seconds: float,
                  server: ServerProcess) -> Sample:
    """Run ``inflight`` workers calling back to back; time the window that follows the warm-up."""
    done = errors = 0
    first_error = ""
    stop = False

    async def worker() -> None:
        nonlocal done, errors, first_error
        while not stop:
            try:
                await call()
            except Exception as e:
                errors += 1
                first_error = first_error or "%s: %s" % (type(e).__name__, e)
                await asyncio.sleep(0.01)  # a failing client must not spin
            else:
                done += 1

    workers = [asyncio.ensure_future(worker()) for _ in range(inflight)]
    # Warm-up: the time asked for, and at least a few calls per worker so that every connection
    # the client keeps is open before the window starts (100 TLS handshakes take a while).
    started = time.perf_counter()
    await asyncio.sleep(warmup)
    while done < 3 * inflight and time.perf_counter() - started < WARMUP_LIMIT:
        await asyncio.sleep(0.02)
    s0 = server.stats()
    calls0, errors0, cpu0, wall0 = done, errors, time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    calls1, errors1, cpu1, wall1 = done, errors, time.process_time(), time.perf_counter()
    s1 = server.stats()
    stop = True
    await asyncio.wait_for(asyncio.gather(*workers), timeout=60)
    return Sample(calls1 - calls0, wall1 - wall0, cpu1 - cpu0, s1["connections"] - s0["connections"],
                  s1["cpu"] - s0["cpu"], errors1 - errors0, first_error)


@dataclass
class Cell:
    """All samples of one (scenario, scheme, in flight, client), one per round."""

    samples: List[Sample] = field(default_factory=list)

    def rate(self) -> float:
        return statistics.median(s.rate for s in self.samples)

    def cpu_us(self) -> float:
        return statistics.median(s.cpu_us for s in self.samples)

    def connections_per_call(self) -> float:
        calls = sum(s.calls for s in self.samples)
        return sum(s.connections for s in self.samples) / calls if calls else float("nan")

    def server_pct(self) -> float:
        return statistics.median(s.server_pct for s in self.samples)

    def errors(self) -> int:
        return sum(s.errors for s in self.samples)


Key = Tuple[str, str, int, str]


async def run(args: argparse.Namespace, server: ServerProcess, cert: str) -> Dict[Key, Cell]:
    """Every combination, rounds interleaved so that drift hits all clients alike."""
    results: Dict[Key, Cell] = {}
    for scheme in args.schemes:
        port = server.ports[scheme]
        ca_certs = cert if scheme == "https" else None
        pubnub = PubNubClient(scheme, port, cert)
        for _ in range(20):  # fills telemetry, so the raw templates carry the same l_* params
            await pubnub.publish()
            await pubnub.add_action()
        publish_request, action_request = pubnub.templates()
        clients: Dict[str, Any] = {"pubnub": pubnub}
        if "raw-curl" in args.clients:
            clients["raw-curl"] = RawClient(CurlAsyncHTTPClient, ca_certs, publish_request, action_request)
        if "raw-simple" in args.clients:
            clients["raw-simple"] = RawClient(SimpleAsyncHTTPClient, ca_certs, publish_request, action_request)
        order = [name for name in CLIENTS if name in args.clients]
        for scenario in args.scenarios:
            for inflight in args.inflight:
                for round_no in range(args.repeats):
                    for name in order if round_no % 2 == 0 else order[::-1]:
                        client = clients[name]
                        call = client.publish if scenario == "publish" else client.add_action
                        sample = await measure(call, inflight, args.warmup, args.seconds, server)
                        results.setdefault((scenario, scheme, inflight, name), Cell()).samples.append(sample)
                        if sample.errors:
                            print("  ! %s %s %d %s: %d errors, first: %s" % (
                                scenario, scheme, inflight, name, sample.errors, sample.first_error))
                print("  done: %s %s x%d" % (scenario, scheme, inflight), file=sys.stderr, flush=True)
        for client in clients.values():
            client.close()
    return results


def verdicts(results: Dict[Key, Cell]) -> List[Tuple[str, ...]]:
    """pubnub against raw curl, per combination: paired per-round ratios, medians."""
    rows: List[Tuple[str, ...]] = []
    for (scenario, scheme, inflight, name), cell in results.items():
        baseline = results.get((scenario, scheme, inflight, BASELINE))
        if name != "pubnub" or baseline is None:
            continue
        pairs = list(zip(cell.samples, baseline.samples))
        ratios = [p.rate / b.rate if b.rate else 0.0 for p, b in pairs]
        ratio = statistics.median(ratios)
        extra = statistics.median(p.cpu_us - b.cpu_us for p, b in pairs)
        conns = cell.connections_per_call()
        server_bound = max(cell.server_pct(), baseline.server_pct()) > SERVER_CPU_LIMIT
        checks = [ratio >= MIN_RATIO[inflight] if inflight in MIN_RATIO else True,
                  extra <= MAX_EXTRA_CPU_US, conns < MAX_CONNECTIONS_PER_CALL, cell.errors() == 0]
        verdict = "PASS" if all(checks) else "MISS"
        misses = [what for what, ok in zip(("throughput", "cpu", "connections", "errors"), checks) if not ok]
        rows.append((scenario, scheme, str(inflight), "%.2f" % ratio, "%.2f-%.2f" % (min(ratios), max(ratios)),
                     ">=%.2f" % MIN_RATIO.get(inflight, 0.0), "%+.1f" % extra, "%.4f" % conns,
                     verdict + (" (%s)" % ",".join(misses) if misses else "")
                     + (" [server-bound]" if server_bound else "")))
    return rows


def table(headers: Tuple[str, ...], rows: Sequence[Tuple[str, ...]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join("%%-%ds" % w for w in widths)
    out = [line % headers, line % tuple("-" * w for w in widths)]
    out += [line % row for row in rows]
    return "\n".join(out)


def report(results: Dict[Key, Cell]) -> None:
    rows: List[Tuple[str, ...]] = []
    for (scenario, scheme, inflight, name), cell in results.items():
        pct = cell.server_pct()
        rows.append((scenario, scheme, str(inflight), name, "%.0f" % cell.rate(), "%.1f" % cell.cpu_us(),
                     "%.4f" % cell.connections_per_call(), "%.0f%s" % (pct, " !" if pct > SERVER_CPU_LIMIT else ""),
                     str(cell.errors())))
    print()
    print(table(("scenario", "scheme", "inflight", "client", "calls/s", "cpu us/call", "new conn/call",
                 "server cpu %", "errors"), rows))
    print()
    print("pubnub against %s (medians of per-round pairs; targets: throughput ratio as shown, "
          "extra cpu <= %.0f us/call, new conn/call < %s):" % (BASELINE, MAX_EXTRA_CPU_US, MAX_CONNECTIONS_PER_CALL))
    rows = verdicts(results)
    print(table(("scenario", "scheme", "inflight", "throughput", "range", "target", "extra cpu us",
                 "new conn/call", "verdict"), rows))
    print("\nall targets met in %d of %d combinations" % (sum(r[-1].startswith("PASS") for r in rows), len(rows)))
    if any(c.server_pct() > SERVER_CPU_LIMIT for c in results.values()):
        print("\n! server above %.0f%% of a core: that row is limited by the server, not the client."
              % SERVER_CPU_LIMIT)


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="PubNubTornado vs raw Tornado HTTP clients on loopback.")
    # Many short interleaved windows pair the clients under the same machine noise better than
    # a few long ones.
    parser.add_argument("--seconds", type=float, default=0.4, help="timed window per sample (default 0.4)")
    parser.add_argument("--warmup", type=float, default=0.1, help="minimum lead-in per sample (default 0.1)")
    # 16: on the 2-core VM the per-round CPU difference of a pair varied with a standard deviation
    # of 40-80 us at 1 in flight, so the median of 8 rounds still moved by about +-30 us.
    parser.add_argument("--repeats", type=int, default=16, help="interleaved rounds per combination (default 16)")
    parser.add_argument("--quick", action="store_true", help="--seconds 0.3 --warmup 0.1 --repeats 1")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--schemes", nargs="+", choices=SCHEMES, default=list(SCHEMES))
    parser.add_argument("--inflight", nargs="+", type=int, default=list(INFLIGHT))
    parser.add_argument("--clients", nargs="+", choices=CLIENTS, default=list(CLIENTS))
    parser.add_argument("--no-pin", dest="pin", action="store_false",
                        help="do not pin the client and the server to a CPU each (pinned by default on Linux)")
    parser.add_argument("--json", metavar="PATH", help="also write every sample to this file")
    parser.add_argument("--profile", metavar="PATH", help="write cProfile stats of the client process here")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.warmup, args.repeats = 0.3, 0.1, 1
    if "pubnub" not in args.clients:
        args.clients.insert(0, "pubnub")  # it supplies the requests the raw clients replay
    if any(n > MAX_CLIENTS for n in args.inflight):
        parser.error("--inflight above %d would measure the client's queue" % MAX_CLIENTS)
    return args


def pinned_cpus(pin: bool) -> Tuple[Optional[int], Optional[int]]:
    """Two CPUs of this process's set, one for the client and one for the server (Linux), else none.

    Pinned, neither process migrates between cores nor shares one with the other, which keeps
    the paired samples of a round more alike on a small noisy machine.
    """
    if not pin or not hasattr(os, "sched_getaffinity"):
        return None, None
    cpus = sorted(os.sched_getaffinity(0))
    return (cpus[0], cpus[1]) if len(cpus) >= 2 else (None, None)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    print("python %s, tornado %s, %s, %d cpus; window %.1fs, warm-up %.1fs, %d round(s)" % (
        platform.python_version(), tornado.version, pycurl.version, os.cpu_count() or 0, args.seconds,
        args.warmup, args.repeats))
    client_cpu, server_cpu = pinned_cpus(args.pin)
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
        print("client pinned to cpu %d, server to cpu %d" % (client_cpu, server_cpu))
    with tempfile.TemporaryDirectory(prefix="pn-bench-") as directory:
        cert, key = generate_certificate(directory)
        server = ServerProcess(cert, key, cpu=server_cpu)
        profiler = cProfile.Profile() if args.profile else None
        try:
            if profiler:
                profiler.enable()
            results = asyncio.run(run(args, server, cert))
        finally:
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.profile)
            server.close()
    report(results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump([{"scenario": k[0], "scheme": k[1], "inflight": k[2], "client": k[3],
                        "samples": [s.__dict__ for s in cell.samples]} for k, cell in results.items()], f, indent=1)


if __name__ == "__main__":
    main()
