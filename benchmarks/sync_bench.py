"""Speed of the plain client's ``.sync()`` publish against raw ``requests`` on loopback (issue 5).

Layer: benchmarks (tooling; the library never imports it).

Both clients call the same server (``_bench_server.py`` in its own process, launched through
``client_bench.ServerProcess``) one call at a time on this thread:

* ``pubnub``: ``PubNub(config).publish().channel(ch).message(msg).sync()`` (builds, signs nothing,
  sends through ``RequestsTransport``, maps the outcome, returns an ``Envelope``);
* ``raw-requests``: ``session.get(url)`` on one ``requests.Session`` with the URL the SDK builds
  (only ``seqn`` changes, as a raw user would increment it), then ``json.loads`` of the body.

Rounds are interleaved (order reversed every other round) so machine noise hits both alike; each
round measures a timed window after a short warm-up. Printed: calls/s and client CPU µs per call
(medians over rounds), the per-round throughput ratio pubnub ÷ raw (median and range; target
>= 0.85) and the CPU-per-call ratio raw ÷ pubnub, which other load on the machine disturbs less.

    python benchmarks/sync_bench.py                     # 10 rounds of 1 s windows, http
    python benchmarks/sync_bench.py --schemes http https --rounds 6
    python benchmarks/sync_bench.py --profile out.prof  # cProfile of the pubnub windows
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import re
import statistics
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # benchmark the working tree, not an installed copy

import requests  # noqa: E402
from _bench_server import generate_certificate  # noqa: E402
from client_bench import ServerProcess  # noqa: E402

from pubnub._transport.requests import RequestsTransport  # noqa: E402
from pubnub.pnconfiguration import PNConfiguration  # noqa: E402
from pubnub.pubnub import PubNub  # noqa: E402

CHANNEL = "bench-channel"
MESSAGE = {"text": "hello world", "n": 42}
TARGET = 0.85


def make_pubnub(scheme: str, port: int, cert: str) -> PubNub:
    config = PNConfiguration()
    config.publish_key = "pub-c-bench"
    config.subscribe_key = "sub-c-bench"
    config.uuid = "bench-client"
    config.origin = "127.0.0.1:%d" % port
    config.ssl = scheme == "https"
    config.enable_subscribe = False
    return PubNub(config, transport=RequestsTransport(verify=cert if config.ssl else None))


def pubnub_call(pubnub: PubNub) -> Callable[[], None]:
    def call() -> None:
        envelope = pubnub.publish().channel(CHANNEL).message(MESSAGE).sync()
        if envelope.result is None:
            raise RuntimeError("publish failed: %s" % envelope.status.category)
    return call


def raw_call(pubnub: PubNub, cert: str) -> Callable[[], None]:
    """The same request with plain requests: the URL the SDK builds, its headers, a json decode."""
    template = pubnub.publish().channel(CHANNEL).message(MESSAGE).build_request()
    before, after = re.split(r"(?<=[?&]seqn=)\d+", template.url, maxsplit=1)
    headers = dict(template.headers)
    session = requests.Session()
    verify: Any = cert if template.url.startswith("https") else True
    seqn = [0]

    def call() -> None:
        seqn[0] = seqn[0] % 65535 + 1
        response = session.get("%s%d%s" % (before, seqn[0], after), headers=headers, verify=verify)
        json.loads(response.content)
    return call


def measure(call: Callable[[], None], warmup: float, seconds: float,
            profiler: Optional[cProfile.Profile] = None) -> Dict[str, float]:
    """Calls back to back: a warm-up, then a timed window; calls/s and CPU µs per call."""
    end = time.monotonic() + warmup
    while time.monotonic() < end:
        call()
    calls = 0
    if profiler is not None:
        profiler.enable()
    cpu, started = time.process_time(), time.monotonic()
    end = started + seconds
    while True:
        call()
        calls += 1
        now = time.monotonic()
        if now >= end:
            break
    wall, cpu = now - started, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
    return {"rate": calls / wall, "cpu_us": cpu / calls * 1e6, "calls": calls}


def run_scheme(scheme: str, args: argparse.Namespace, server: ServerProcess, cert: str,
               profiler: Optional[cProfile.Profile]) -> Dict[str, Any]:
    pubnub = make_pubnub(scheme, server.ports[scheme], cert)
    clients = {"pubnub": pubnub_call(pubnub), "raw-requests": raw_call(pubnub, cert)}
    samples: Dict[str, List[Dict[str, float]]] = {name: [] for name in clients}
    ratios: List[float] = []
    cpu_ratios: List[float] = []
    for round_number in range(args.rounds):
        order = list(clients) if round_number % 2 == 0 else list(reversed(clients))
        this_round = {}
        for name in order:
            sample = measure(clients[name], args.warmup, args.seconds, profiler if name == "pubnub" else None)
            samples[name].append(sample)
            this_round[name] = sample
        ratios.append(this_round["pubnub"]["rate"] / this_round["raw-requests"]["rate"])
        cpu_ratios.append(this_round["raw-requests"]["cpu_us"] / this_round["pubnub"]["cpu_us"])
    pubnub.transport.close()
    return {"samples": samples, "ratios": ratios, "cpu_ratios": cpu_ratios}


def report(scheme: str, result: Dict[str, Any]) -> bool:
    print("\n%s, 1 call in flight" % scheme)
    print("  %-14s %10s %14s" % ("client", "calls/s", "cpu us/call"))
    for name, samples in result["samples"].items():
        print("  %-14s %10.0f %14.0f" % (name, statistics.median(s["rate"] for s in samples),
                                         statistics.median(s["cpu_us"] for s in samples)))
    ratios = result["ratios"]
    ratio = statistics.median(ratios)
    verdict = "PASS" if ratio >= TARGET else "MISS"
    print("  throughput pubnub / raw-requests: %.2f (rounds %.2f-%.2f), target %.2f: %s"
          % (ratio, min(ratios), max(ratios), TARGET, verdict))
    cpu = result["cpu_ratios"]
    print("  cpu per call raw-requests / pubnub: %.2f (rounds %.2f-%.2f)"
          % (statistics.median(cpu), min(cpu), max(cpu)))
    return ratio >= TARGET


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="PubNub .sync() publish vs raw requests on loopback.")
    parser.add_argument("--seconds", type=float, default=1.0, help="timed window per sample (default 1.0)")
    parser.add_argument("--warmup", type=float, default=0.1, help="lead-in per sample (default 0.1)")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds (default 10)")
    parser.add_argument("--schemes", nargs="+", choices=("http", "https"), default=["http"])
    parser.add_argument("--json", metavar="PATH", help="also write every sample to this file")
    parser.add_argument("--profile", metavar="PATH", help="write cProfile stats of the pubnub windows here")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    profiler = cProfile.Profile() if args.profile else None
    print("python %s, requests %s; %d rounds of %.1f s per client" % (
        sys.version.split()[0], requests.__version__, args.rounds, args.seconds))
    results: Dict[str, Any] = {}
    passed = True
    with tempfile.TemporaryDirectory(prefix="pn-sync-bench-") as directory:
        cert, key = generate_certificate(directory)
        server = ServerProcess(cert, key)
        try:
            for scheme in args.schemes:
                results[scheme] = run_scheme(scheme, args, server, cert, profiler)
                passed = report(scheme, results[scheme]) and passed
        finally:
            server.close()
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)
    if profiler is not None:
        profiler.dump_stats(args.profile)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
