"""Speed of PubNubAsyncio against raw aiohttp loops, on loopback (issue 11).

Layer: benchmarks (tooling; the library never imports it).

Calls: publish and add-message-action at 1, 10 and 100 in flight, through ``PubNubAsyncio``
(``.future()``) and through a raw ``aiohttp.ClientSession`` (keep-alive pool of 100) fetching the
byte-identical requests and JSON-decoding each answer; each add-action call reacts to another
message, as real ones do (``--same-message``: all on one, see ``MessageTimetokens``). Targets:
throughput >= 0.8x the raw loop (0.75x at 1 in flight). Subscribe: a PubNubAsyncio subscription
(listener counting messages) against a raw aiohttp loop fetching the same long-poll URL and
following the cursor; target >= 0.5x. The servers are ``_bench_server.py`` /
``_subscribe_server.py`` in child processes, as for ``client_bench.py`` / ``subscribe_bench.py``,
whose helpers this reuses.

    python benchmarks/asyncio_bench.py            # calls then subscribe (a few minutes)
    python benchmarks/asyncio_bench.py --quick    # fast and noisy
    python benchmarks/asyncio_bench.py --only calls --scenarios add-action --inflight 100 \
        --clients pubnub --profile out.prof        # cProfile of the client process
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
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # benchmark the working tree, not an installed copy

import aiohttp  # noqa: E402
import client_bench  # noqa: E402
import subscribe_bench  # noqa: E402
from yarl import URL  # noqa: E402

from pubnub.endpoints.pubsub.subscribe import Subscribe  # noqa: E402
from pubnub.models.consumer.message_actions import PNMessageAction  # noqa: E402
from pubnub.pnconfiguration import PNConfiguration  # noqa: E402
from pubnub.pubnub_asyncio import PubNubAsyncio, PubNubAsyncioException  # noqa: E402

CHANNEL, MESSAGE, ACTION = client_bench.CHANNEL, client_bench.MESSAGE, client_bench.ACTION
CALL_TARGET = {1: 0.75, 10: 0.80, 100: 0.80}
SUBSCRIBE_TARGET = 0.5
LIMIT = 100  # connections of both clients


class MessageTimetokens:
    """The message each add-action call reacts to: a different one every call by default, as in
    real use (the service answers 409 "Action Already Added" when the same action is added to
    the same message again), or always the same one (``--same-message``, the workload this
    script measured before: the raw loop then sends one URL object over and over, which yarl and
    aiohttp resolve once and cache, a shortcut no real workload gets)."""

    def __init__(self, same_message: bool) -> None:
        self.first = int(ACTION["messageTimetoken"])
        self.same = same_message
        self.count = 0

    def next(self) -> int:
        if not self.same:
            self.count += 1
        return self.first + self.count


class PubNubCalls:
    def __init__(self, port: int, same_message: bool = False) -> None:
        self.messages = MessageTimetokens(same_message)
        config = PNConfiguration()
        config.publish_key, config.subscribe_key, config.uuid = "pub-c-bench", "sub-c-bench", "bench-client"
        config.origin, config.ssl = "127.0.0.1:%d" % port, False
        self.pubnub = PubNubAsyncio(config)

    async def publish(self) -> None:
        outcome = await self.pubnub.publish().channel(CHANNEL).message(MESSAGE).future()
        if isinstance(outcome, PubNubAsyncioException):
            raise RuntimeError(str(outcome))

    async def add_action(self) -> None:
        action = PNMessageAction(ACTION)
        action.message_timetoken = self.messages.next()
        outcome = await self.pubnub.add_message_action().channel(CHANNEL).message_action(action).future()
        if isinstance(outcome, PubNubAsyncioException):
            raise RuntimeError(str(outcome))

    def templates(self) -> Tuple[Any, Any]:
        publish = self.pubnub.publish().channel(CHANNEL).message(MESSAGE).build_request()
        action = self.pubnub.add_message_action().channel(CHANNEL).message_action(PNMessageAction(ACTION))
        return publish, action.build_request()

    async def close(self) -> None:
        await self.pubnub.aclose()


class RawCalls:
    """What a user without the SDK would write with aiohttp: the same requests, JSON-decoded."""

    def __init__(self, publish: Any, action: Any, same_message: bool = False) -> None:
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=LIMIT, limit_per_host=0))
        self.before_seqn, self.after_seqn = re.split(r"(?<=[?&]seqn=)\d+", publish.url, maxsplit=1)
        self.publish_headers = dict(publish.headers)
        self.messages = MessageTimetokens(same_message)
        self.action_url = URL(action.url, encoded=True)
        self.before_tt, self.after_tt = re.split(r"(?<=/message/)\d+", action.url, maxsplit=1)
        self.action_headers = dict(action.headers)
        self.action_body = action.body
        self.seqn = 0

    async def publish(self) -> None:
        self.seqn = self.seqn % 65535 + 1
        url = URL("%s%d%s" % (self.before_seqn, self.seqn, self.after_seqn), encoded=True)
        async with self.session.get(url, headers=self.publish_headers) as response:
            json.loads(await response.read())

    async def add_action(self) -> None:
        if self.messages.same:
            url = self.action_url
        else:
            url = URL("%s%d%s" % (self.before_tt, self.messages.next(), self.after_tt), encoded=True)
        async with self.session.post(url, headers=self.action_headers, data=self.action_body) as response:
            json.loads(await response.read())

    async def close(self) -> None:
        await self.session.close()


async def run_calls(args: argparse.Namespace, server: Any) -> Dict[Tuple[str, int, str], Any]:
    results: Dict[Tuple[str, int, str], Any] = {}
    pubnub = PubNubCalls(server.port, args.same_message)
    for _ in range(20):  # fills telemetry, so the raw templates carry the same l_* params
        await pubnub.publish()
        await pubnub.add_action()
    clients: Dict[str, Any] = {"pubnub": pubnub, "raw-aiohttp": RawCalls(*pubnub.templates(), args.same_message)}
    order = [name for name in clients if name in args.clients]
    for scenario in args.scenarios:
        for inflight in args.inflight:
            for round_no in range(args.repeats):
                for name in order if round_no % 2 == 0 else order[::-1]:
                    client = clients[name]
                    call = client.publish if scenario == "publish" else client.add_action
                    sample = await client_bench.measure(call, inflight, args.warmup, args.seconds, server)
                    results.setdefault((scenario, inflight, name), client_bench.Cell()).samples.append(sample)
                    if sample.errors:
                        print("  ! %s %d %s: %d errors, first: %s" % (scenario, inflight, name, sample.errors,
                                                                     sample.first_error))
            print("  done: %s x%d" % (scenario, inflight), file=sys.stderr, flush=True)
    for client in clients.values():
        await client.close()
    return results


def report_calls(results: Dict[Tuple[str, int, str], Any]) -> None:
    rows = []
    for (scenario, inflight, name), cell in results.items():
        rows.append((scenario, str(inflight), name, "%.0f" % cell.rate(), "%.1f" % cell.cpu_us(),
                     "%.4f" % cell.connections_per_call(), "%.0f" % cell.server_pct(), str(cell.errors())))
    print()
    print(client_bench.table(("scenario", "inflight", "client", "calls/s", "cpu us/call", "new conn/call",
                              "server cpu %", "errors"), rows))
    verdicts = []
    for (scenario, inflight, name), cell in results.items():
        if name != "pubnub":
            continue
        raw = results.get((scenario, inflight, "raw-aiohttp"))
        if raw is None:
            continue
        ratios = [p.rate / r.rate if r.rate else 0.0 for p, r in zip(cell.samples, raw.samples)]
        ratio = statistics.median(ratios)
        extra = statistics.median(p.cpu_us - r.cpu_us for p, r in zip(cell.samples, raw.samples))
        ok = ratio >= CALL_TARGET[inflight] and cell.errors() == 0
        verdicts.append((scenario, str(inflight), "%.2f" % ratio, "%.2f-%.2f" % (min(ratios), max(ratios)),
                         ">=%.2f" % CALL_TARGET[inflight], "%+.1f" % extra, "PASS" if ok else "MISS"))
    if not verdicts:
        return
    print("\npubnub (PubNubAsyncio) against raw-aiohttp (medians of per-round pairs):")
    print(client_bench.table(("scenario", "inflight", "throughput", "range", "target", "extra cpu us", "verdict"),
                             verdicts))


class PubNubSubscriber(subscribe_bench.PubNubClient):
    """subscribe_bench's client under test, as PubNubAsyncio."""

    def __init__(self, port: int) -> None:
        tornado_client = subscribe_bench.make_pubnub(port)  # the same settings
        self.pubnub = PubNubAsyncio(tornado_client.config)  # type: ignore[assignment]
        self.listener = subscribe_bench.CountingListener()
        self.pubnub.add_listener(self.listener)

    def close(self) -> None:
        self.pubnub.close()


class RawSubscriber:
    """Back-to-back aiohttp fetches of the subscribe URL pubnub sends, following the cursor."""

    def __init__(self, pubnub: Any) -> None:
        request = Subscribe(pubnub).channels([CHANNEL]).timetoken(1).region(12).build_request()
        self.before_tt, self.after_tt = re.split(r"(?<=[?&]tt=)\d+", request.url, maxsplit=1)
        self.headers = dict(request.headers)
        self.timeout = aiohttp.ClientTimeout(sock_read=request.request_timeout)
        self.session: Optional[aiohttp.ClientSession] = None
        self.count = self.error_count = 0
        self.first_error = ""
        self.task: Optional["asyncio.Future[None]"] = None
        self.running = False

    @property
    def errors(self) -> Tuple[int, str]:
        return self.error_count, self.first_error

    async def _loop(self) -> None:
        assert self.session is not None
        tt = "0"
        while self.running:
            try:
                url = URL(self.before_tt + tt + self.after_tt, encoded=True)
                async with self.session.get(url, headers=self.headers, timeout=self.timeout) as response:
                    body = json.loads(await response.read())
                for _message in body["m"]:
                    self.count += 1
                tt = body["t"]["t"]
            except Exception as e:
                self.error_count += 1
                self.first_error = self.first_error or "%s: %s" % (type(e).__name__, e)
                await asyncio.sleep(0.01)

    async def start(self) -> None:
        if self.session is None:
            self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
        self.running = True
        self.task = asyncio.ensure_future(self._loop())

    async def stop(self) -> None:
        self.running = False
        if self.task is not None:
            await asyncio.wait_for(self.task, 10)

    async def aclose(self) -> None:
        if self.session is not None:
            await self.session.close()


async def run_subscribe(args: argparse.Namespace, server: Any) -> Dict[str, Any]:
    pubnub = PubNubSubscriber(server.port)
    clients: Dict[str, Any] = {"pubnub": pubnub, "raw-aiohttp": RawSubscriber(pubnub.pubnub)}
    order = [name for name in clients if name in args.clients]
    results: Dict[str, Any] = {name: subscribe_bench.Cell() for name in order}
    for round_no in range(args.repeats):
        for name in order if round_no % 2 == 0 else order[::-1]:
            sample = await subscribe_bench.measure(clients[name], args.warmup, args.seconds, server)
            results[name].samples.append(sample)
            if sample.errors:
                print("  ! %s: %d errors, first: %s" % (name, sample.errors, sample.first_error))
        print("  subscribe round %d/%d done" % (round_no + 1, args.repeats), file=sys.stderr, flush=True)
    pubnub.close()
    await clients["raw-aiohttp"].aclose()
    return results


def report_subscribe(results: Dict[str, Any], messages: int) -> None:
    rows = [(name, "%.0f" % cell.rate(), "%.2f" % cell.cpu_us(), "%.0f" % cell.poll_rate(),
             "%.0f" % cell.server_pct(), str(cell.unknown_tt()), str(cell.errors())) for name, cell in results.items()]
    print()
    print(client_bench.table(("client", "messages/s", "cpu us/message", "long-polls/s", "server cpu %", "unknown tt",
                              "errors"), rows))
    if len(results) < 2:
        return
    pairs = list(zip(results["pubnub"].samples, results["raw-aiohttp"].samples))
    ratios = [p.rate / r.rate if r.rate else 0.0 for p, r in pairs]
    ratio = statistics.median(ratios)
    ok = ratio >= SUBSCRIBE_TARGET and results["pubnub"].errors() == 0 and results["pubnub"].unknown_tt() == 0
    print("\nsubscribe, %d messages per answer: pubnub/raw-aiohttp %.2f (range %.2f-%.2f), target >=%.2f: %s"
          % (messages, ratio, min(ratios), max(ratios), SUBSCRIBE_TARGET, "PASS" if ok else "MISS"))


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="PubNubAsyncio vs raw aiohttp loops on loopback.")
    parser.add_argument("--seconds", type=float, default=0.4, help="timed window per call sample (default 0.4)")
    parser.add_argument("--warmup", type=float, default=0.1, help="minimum lead-in per sample (default 0.1)")
    parser.add_argument("--repeats", type=int, default=12, help="interleaved rounds (default 12)")
    parser.add_argument("--inflight", nargs="+", type=int, default=[1, 10, 100])
    parser.add_argument("--messages", type=int, default=100, help="messages per long-poll answer (default 100)")
    parser.add_argument("--only", choices=("calls", "subscribe"), help="run one half only")
    parser.add_argument("--scenarios", nargs="+", choices=("publish", "add-action"), default=["publish", "add-action"])
    parser.add_argument("--clients", nargs="+", choices=("pubnub", "raw-aiohttp"), default=["pubnub", "raw-aiohttp"],
                        help="the clients measured (pubnub also supplies the requests the raw loops replay)")
    parser.add_argument("--same-message", action="store_true",
                        help="add-action: every call on the same message (see MessageTimetokens)")
    parser.add_argument("--profile", metavar="PATH", help="write cProfile stats of the client process here")
    parser.add_argument("--quick", action="store_true", help="--seconds 0.3 --repeats 2")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.repeats = 0.3, 2
    return args


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    print("python %s, aiohttp %s, %d cpus; window %.1fs, warm-up %.1fs, %d round(s)" % (
        platform.python_version(), aiohttp.__version__, os.cpu_count() or 0, args.seconds, args.warmup, args.repeats))
    client_cpu, server_cpu = client_bench.pinned_cpus(True)
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    profiler = cProfile.Profile() if args.profile else None
    try:
        if args.only != "subscribe":
            server = client_bench.ServerProcess(cpu=server_cpu)
            try:
                report_calls(asyncio.run(_profiled(profiler, run_calls(args, server))))
            finally:
                server.close()
        if args.only != "calls":
            server = subscribe_bench.start_server(args.messages)
            started = time.perf_counter()
            try:
                sub_args = argparse.Namespace(**vars(args))
                sub_args.seconds = max(args.seconds, 1.0)
                report_subscribe(asyncio.run(_profiled(profiler, run_subscribe(sub_args, server))), args.messages)
            finally:
                server.close()
            print("(subscribe part: %.0f s)" % (time.perf_counter() - started))
    finally:
        if profiler:
            profiler.dump_stats(args.profile)


async def _profiled(profiler: Optional[cProfile.Profile], run: Any) -> Any:
    """``await run``, with ``profiler`` (if any) on while it runs."""
    if profiler is None:
        return await run
    profiler.enable()
    try:
        return await run
    finally:
        profiler.disable()


if __name__ == "__main__":
    main()
