"""Messages per second a PubNubTornado listener receives, against a raw Tornado loop (issue: subscribe).

Layer: benchmarks (tooling; the library never imports it).

The server (``_subscribe_server.py``, its own process) answers every subscribe long-poll at once
with the same burst of ``--messages`` (default 100) normal messages and a new cursor. Two
clients, one after the other in interleaved rounds:

* ``pubnub``: ``PubNubTornado`` subscribed to the channel, with a listener whose ``message()``
  counts what it receives (everything the SDK does per message happens: parsing, result models,
  listener dispatch);
* ``raw-curl``: what a user without the SDK would write: a ``CurlAsyncHTTPClient`` (it reuses the
  connection) fetching the same subscribe URL back to back with the cursor of the previous
  answer as ``tt``, JSON-decoding each body and iterating over its messages.

For each it prints messages/s, client CPU µs per message (user + system time of this process in
the window, divided by the messages) and the server's CPU; then pubnub ÷ raw-curl per round, the
median, and PASS/MISS against the target (>= 0.5 of the raw rate).

    python benchmarks/subscribe_bench.py                  # 8 rounds of 1 s windows (~25 s)
    python benchmarks/subscribe_bench.py --quick          # 2 rounds of 0.5 s
    python benchmarks/subscribe_bench.py --profile out.prof --clients pubnub
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
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # benchmark the working tree, not an installed copy

import pycurl  # noqa: E402
import tornado  # noqa: E402
from client_bench import ServerProcess  # noqa: E402
from tornado.curl_httpclient import CurlAsyncHTTPClient  # noqa: E402

from pubnub.callbacks import SubscribeCallback  # noqa: E402
from pubnub.endpoints.pubsub.subscribe import Subscribe  # noqa: E402
from pubnub.pnconfiguration import PNConfiguration  # noqa: E402
from pubnub.pubnub_tornado import PubNubTornado  # noqa: E402

CLIENTS = ("pubnub", "raw-curl")
BASELINE = "raw-curl"
CHANNEL = "bench-channel"
TARGET = 0.5
SERVER_CPU_LIMIT = 75.0  # % of one core above which a row measures the server
START_LIMIT = 10.0  # seconds a client may take to deliver its first messages


def start_server(messages: int) -> ServerProcess:
    """``_subscribe_server.py`` in a child process (the pipe protocol of ``client_bench``)."""
    return ServerProcess(script="_subscribe_server.py", args=["--channel", CHANNEL, "--messages", str(messages)])


class CountingListener(SubscribeCallback):
    """Counts ``message()`` calls and remembers the failures announced by ``status()``."""

    def __init__(self) -> None:
        self.count = 0
        self.errors = 0
        self.first_error = ""

    def message(self, pubnub: Any, message: Any) -> None:
        self.count += 1

    def status(self, pubnub: Any, status: Any) -> None:
        if status.is_error():
            self.errors += 1
            self.first_error = self.first_error or "status category %s" % status.category

    def presence(self, pubnub: Any, presence: Any) -> None:
        pass


def make_pubnub(port: int) -> PubNubTornado:
    config = PNConfiguration()
    config.subscribe_key = "sub-c-bench"
    config.publish_key = "pub-c-bench"
    config.uuid = "bench-listener"
    config.origin = "127.0.0.1:%d" % port
    config.ssl = False
    config.suppress_leave_events = True  # a round's end must not add a request to the next one
    return PubNubTornado(config)


class PubNubClient:
    """The client under test; subscribed for the duration of each sample."""

    def __init__(self, port: int) -> None:
        self.pubnub = make_pubnub(port)
        self.listener = CountingListener()
        self.pubnub.add_listener(self.listener)

    @property
    def count(self) -> int:
        return self.listener.count

    @property
    def errors(self) -> Tuple[int, str]:
        return self.listener.errors, self.listener.first_error

    async def start(self) -> None:
        self.pubnub.subscribe().channels(CHANNEL).execute()

    async def stop(self) -> None:
        self.pubnub.unsubscribe_all()
        driver = self.pubnub._subscription_manager._driver
        await asyncio.wait_for(driver.join(), 10)  # the abandoned long-poll has ended

    def close(self) -> None:
        self.pubnub.transport.close()


class RawClient:
    """Back-to-back fetches of the subscribe URL pubnub sends, following the cursor."""

    def __init__(self, pubnub: PubNubTornado) -> None:
        # The exact request of pubnub's steady state (tt and tr set), with tt swapped per fetch.
        request = Subscribe(pubnub).channels([CHANNEL]).timetoken(1).region(12).build_request()
        self.before_tt, self.after_tt = re.split(r"(?<=[?&]tt=)\d+", request.url, maxsplit=1)
        self.headers = dict(request.headers)
        self.timeout = request.request_timeout
        self.http = CurlAsyncHTTPClient(force_instance=True)
        self.count = 0
        self.error_count = 0
        self.first_error = ""
        self.task: Optional["asyncio.Future[None]"] = None
        self.running = False

    @property
    def errors(self) -> Tuple[int, str]:
        return self.error_count, self.first_error

    async def _loop(self) -> None:
        tt = "0"
        while self.running:
            try:
                response = await self.http.fetch(self.before_tt + tt + self.after_tt, headers=dict(self.headers),
                                                 request_timeout=self.timeout)
                body = json.loads(response.body)
                for _message in body["m"]:
                    self.count += 1
                tt = body["t"]["t"]
            except Exception as e:
                self.error_count += 1
                self.first_error = self.first_error or "%s: %s" % (type(e).__name__, e)
                await asyncio.sleep(0.01)  # a failing client must not spin

    async def start(self) -> None:
        self.running = True
        self.task = asyncio.ensure_future(self._loop())

    async def stop(self) -> None:
        self.running = False
        if self.task is not None:
            await asyncio.wait_for(self.task, 10)

    def close(self) -> None:
        self.http.close()


@dataclass
class Sample:
    """One timed window of one client."""

    messages: int
    wall: float
    cpu: float
    long_polls: int
    server_cpu: float
    unknown_tt: int
    errors: int
    first_error: str = ""

    @property
    def rate(self) -> float:
        return self.messages / self.wall if self.wall else 0.0

    @property
    def cpu_us(self) -> float:
        return self.cpu / self.messages * 1e6 if self.messages else float("nan")

    @property
    def poll_rate(self) -> float:
        return self.long_polls / self.wall if self.wall else 0.0

    @property
    def server_pct(self) -> float:
        return self.server_cpu / self.wall * 100 if self.wall else 0.0


@dataclass
class Cell:
    """All samples of one client, one per round."""

    samples: List[Sample] = field(default_factory=list)

    def rate(self) -> float:
        return statistics.median(s.rate for s in self.samples)

    def cpu_us(self) -> float:
        return statistics.median(s.cpu_us for s in self.samples)

    def poll_rate(self) -> float:
        return statistics.median(s.poll_rate for s in self.samples)

    def server_pct(self) -> float:
        return statistics.median(s.server_pct for s in self.samples)

    def errors(self) -> int:
        return sum(s.errors for s in self.samples)

    def unknown_tt(self) -> int:
        return sum(s.unknown_tt for s in self.samples)


async def measure(client: Any, warmup: float, seconds: float, server: ServerProcess) -> Sample:
    """Start the client, let it run ``warmup`` (and a few long-polls), then time a window."""
    errors0, _ = client.errors
    polls = server.stats()["subscribes"]
    await client.start()
    started = time.perf_counter()
    await asyncio.sleep(warmup)
    while server.stats()["subscribes"] - polls < 3 and time.perf_counter() - started < START_LIMIT:
        await asyncio.sleep(0.02)
    s0 = server.stats()
    count0, cpu0, wall0 = client.count, time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)
    count1, cpu1, wall1 = client.count, time.process_time(), time.perf_counter()
    s1 = server.stats()
    await client.stop()
    errors1, first_error = client.errors
    return Sample(count1 - count0, wall1 - wall0, cpu1 - cpu0, s1["subscribes"] - s0["subscribes"],
                  s1["cpu"] - s0["cpu"], s1["unknown_tt"] - s0["unknown_tt"], errors1 - errors0, first_error)


async def run(args: argparse.Namespace, server: ServerProcess) -> Dict[str, Cell]:
    """Rounds of every client, the order reversed every other round so that drift hits both alike."""
    pubnub = PubNubClient(server.port)
    clients: Dict[str, Any] = {"pubnub": pubnub}
    if "raw-curl" in args.clients:
        clients["raw-curl"] = RawClient(pubnub.pubnub)
    order = [name for name in CLIENTS if name in args.clients]
    results: Dict[str, Cell] = {name: Cell() for name in order}
    for round_no in range(args.repeats):
        for name in order if round_no % 2 == 0 else order[::-1]:
            sample = await measure(clients[name], args.warmup, args.seconds, server)
            results[name].samples.append(sample)
            if sample.errors:
                print("  ! %s: %d errors, first: %s" % (name, sample.errors, sample.first_error))
        print("  round %d/%d done" % (round_no + 1, args.repeats), file=sys.stderr, flush=True)
    for client in clients.values():
        client.close()
    return results


def table(headers: Tuple[str, ...], rows: Sequence[Tuple[str, ...]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join("%%-%ds" % w for w in widths)
    return "\n".join([line % headers, line % tuple("-" * w for w in widths)] + [line % row for row in rows])


def report(results: Dict[str, Cell], messages: int) -> None:
    rows = []
    for name, cell in results.items():
        pct = cell.server_pct()
        rows.append((name, "%.0f" % cell.rate(), "%.2f" % cell.cpu_us(), "%.0f" % cell.poll_rate(),
                     "%.0f%s" % (pct, " !" if pct > SERVER_CPU_LIMIT else ""), str(cell.unknown_tt()),
                     str(cell.errors())))
    print()
    print(table(("client", "messages/s", "cpu us/message", "long-polls/s", "server cpu %", "unknown tt",
                 "errors"), rows))
    if "pubnub" not in results or BASELINE not in results:
        return
    pairs = list(zip(results["pubnub"].samples, results[BASELINE].samples))
    if messages:
        ratios = [p.rate / b.rate if b.rate else 0.0 for p, b in pairs]
    else:  # empty answers: compare long-polls
        ratios = [p.poll_rate / b.poll_rate if b.poll_rate else 0.0 for p, b in pairs]
    ratio = statistics.median(ratios)
    extra = statistics.median(p.cpu_us - b.cpu_us for p, b in pairs) if messages else float("nan")
    ok = ratio >= TARGET and results["pubnub"].errors() == 0 and results["pubnub"].unknown_tt() == 0
    server_bound = max(c.server_pct() for c in results.values()) > SERVER_CPU_LIMIT
    print()
    print("pubnub against %s (medians of per-round pairs):" % BASELINE)
    print(table(("messages/burst", "ratio", "range", "target", "extra cpu us/message", "verdict"),
                [(str(messages), "%.2f" % ratio, "%.2f-%.2f" % (min(ratios), max(ratios)), ">=%.2f" % TARGET,
                  "%+.2f" % extra, ("PASS" if ok else "MISS") + (" [server-bound]" if server_bound else ""))]))


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="PubNubTornado subscribe throughput vs a raw Tornado loop.")
    parser.add_argument("--seconds", type=float, default=1.0, help="timed window per sample (default 1)")
    parser.add_argument("--warmup", type=float, default=0.3, help="lead-in per sample (default 0.3)")
    parser.add_argument("--repeats", type=int, default=8, help="interleaved rounds (default 8)")
    parser.add_argument("--messages", type=int, default=100, help="messages per long-poll answer (default 100)")
    parser.add_argument("--quick", action="store_true", help="--seconds 0.5 --warmup 0.2 --repeats 2")
    parser.add_argument("--clients", nargs="+", choices=CLIENTS, default=list(CLIENTS))
    parser.add_argument("--json", metavar="PATH", help="also write every sample to this file")
    parser.add_argument("--profile", metavar="PATH", help="write cProfile stats of the client process here")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.warmup, args.repeats = 0.5, 0.2, 2
    return args


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    print("python %s, tornado %s, %s, %d cpus; %d messages per answer; window %.1fs, warm-up %.1fs, %d round(s)"
          % (platform.python_version(), tornado.version, pycurl.version, os.cpu_count() or 0, args.messages,
             args.seconds, args.warmup, args.repeats))
    server = start_server(args.messages)
    profiler = cProfile.Profile() if args.profile else None
    try:
        if profiler:
            profiler.enable()
        results = asyncio.run(run(args, server))
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        server.close()
    report(results, args.messages)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({name: [s.__dict__ for s in cell.samples] for name, cell in results.items()}, f, indent=1)


if __name__ == "__main__":
    main()
