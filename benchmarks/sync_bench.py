"""Speed of the plain client's ``.sync()`` publish against raw sync HTTP loops on loopback.

Layer: benchmarks (tooling; the library never imports it).

Every client calls the same server (``_bench_server.py`` in its own process, launched through
``client_bench.ServerProcess``) one call at a time:

* ``pubnub``: ``PubNub(config).publish().channel(ch).message(msg).sync()`` with the default
  transport (``Urllib3Transport``): builds, sends, maps the outcome, returns an ``Envelope``;
* ``pubnub-requests``: the same client on ``RequestsTransport`` (the default until 4.9.x);
* ``raw-requests``: ``session.get(url)`` on one ``requests.Session`` with the URL the SDK builds
  (only ``seqn`` changes, as a raw user would increment it), then ``json.loads`` of the body;
* ``raw-urllib3``: ``PoolManager().request("GET", url)`` with that URL, then ``json.loads``;
* ``raw-httpx``: ``httpx.Client().get(url)`` with that URL, then ``json.loads`` (in this process
  when httpx is installed here, else in the external one below);
* ``pubnub10`` (and ``raw-httpx``) with ``--external-python PY``: pubnub 10.x's sync client (on
  httpx) in another interpreter, e.g. a throwaway virtualenv
  (``python3 -m venv /tmp/pn10s && /tmp/pn10s/bin/pip install 'pubnub>=10,<11'``), driven
  through a pipe by ``_sync_external.py``; http only.

Rounds are interleaved (order reversed every other round) so machine noise hits all clients
alike; each round measures a timed window per client after a short warm-up. Printed: calls/s
and client CPU µs per call (medians over rounds), then per-round throughput ratios of
``pubnub`` to each other client (median and range) with two targets: ``pubnub`` >= 1.00x
``pubnub10``, and >= 0.80x the fastest raw loop of the same round.

    python benchmarks/sync_bench.py                     # 10 rounds of 1 s windows, http
    python benchmarks/sync_bench.py --external-python /tmp/pn10s/bin/python
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
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # benchmark the working tree, not an installed copy

import requests  # noqa: E402
import urllib3  # noqa: E402
from _bench_server import generate_certificate  # noqa: E402
from client_bench import ServerProcess  # noqa: E402

from pubnub._transport.requests import RequestsTransport  # noqa: E402
from pubnub._transport.urllib3 import Urllib3Transport  # noqa: E402
from pubnub.pnconfiguration import PNConfiguration  # noqa: E402
from pubnub.pubnub import PubNub  # noqa: E402

try:
    import httpx
except ImportError:
    httpx = None

CHANNEL = "bench-channel"
MESSAGE = {"text": "hello world", "n": 42}
TARGET_PN10 = 1.00  # pubnub / pubnub10
TARGET_RAW = 0.80  # pubnub / the fastest raw loop of the round
Call = Callable[[], None]


def make_pubnub(scheme: str, port: int, cert: str, transport: Any = None) -> PubNub:
    config = PNConfiguration()
    config.publish_key = "pub-c-bench"
    config.subscribe_key = "sub-c-bench"
    config.uuid = "bench-client"
    config.origin = "127.0.0.1:%d" % port
    config.ssl = scheme == "https"
    config.enable_subscribe = False
    if transport is None:
        transport = Urllib3Transport(verify=cert if config.ssl else None)
    return PubNub(config, transport=transport)


def pubnub_call(pubnub: PubNub) -> Call:
    def call() -> None:
        envelope = pubnub.publish().channel(CHANNEL).message(MESSAGE).sync()
        if envelope.result is None:
            raise RuntimeError("publish failed: %s" % envelope.status.category)
    return call


def raw_template(pubnub: PubNub) -> Tuple[str, str, Dict[str, str]]:
    """The URL the SDK builds, split around the ``seqn`` value, and its headers."""
    template = pubnub.publish().channel(CHANNEL).message(MESSAGE).build_request()
    before, after = re.split(r"(?<=[?&]seqn=)\d+", template.url, maxsplit=1)
    return before, after, dict(template.headers)


def raw_call(send: Callable[[str, Dict[str, str]], bytes], before: str, after: str,
             headers: Dict[str, str]) -> Call:
    """A raw loop: the SDK's URL with the next ``seqn``, sent by ``send``, its body JSON-decoded."""
    seqn = [0]

    def call() -> None:
        seqn[0] = seqn[0] % 65535 + 1
        json.loads(send("%s%d%s" % (before, seqn[0], after), headers))
    return call


def raw_clients(pubnub: PubNub, cert: str) -> Dict[str, Call]:
    before, after, headers = raw_template(pubnub)
    https = before.startswith("https")
    session = requests.Session()
    verify: Any = cert if https else True
    manager = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=cert) if https else urllib3.PoolManager()
    clients = {
        "raw-requests": raw_call(lambda url, h: session.get(url, headers=h, verify=verify).content,
                                 before, after, headers),
        "raw-urllib3": raw_call(lambda url, h: manager.request("GET", url, headers=h).data, before, after, headers),
    }
    if httpx is not None:
        client = httpx.Client(verify=cert if https else True)
        clients["raw-httpx"] = raw_call(lambda url, h: client.get(url, headers=h).content, before, after, headers)
    return clients


class External:
    """``_sync_external.py`` under another interpreter: its clients, measured on request."""

    def __init__(self, python: str, port: int, before: str, after: str, headers: Dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [python, os.path.join(HERE, "_sync_external.py"), "--port", str(port), "--channel", CHANNEL,
             "--message", json.dumps(MESSAGE), "--before", before, "--after", after,
             "--headers", json.dumps(headers)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd="/")  # cwd: not this checkout
        ready = self._read()
        self.clients: List[str] = ready["clients"]
        self.versions: Dict[str, str] = ready["versions"]

    def _read(self) -> Dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the external client process exited (code %s)" % self.proc.poll())
        payload: Dict[str, Any] = json.loads(line)
        return payload

    def measure(self, client: str, warmup: float, seconds: float) -> Dict[str, float]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"client": client, "warmup": warmup, "seconds": seconds}) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def measure(call: Call, warmup: float, seconds: float,
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
    port = server.ports[scheme]
    pubnub = make_pubnub(scheme, port, cert)
    before_pubnub = make_pubnub(scheme, port, cert, RequestsTransport(verify=cert if scheme == "https" else None))
    measures: Dict[str, Callable[[], Dict[str, float]]] = {}
    local: Dict[str, Call] = {"pubnub": pubnub_call(pubnub), "pubnub-requests": pubnub_call(before_pubnub)}
    local.update(raw_clients(pubnub, cert))
    for name, call in local.items():
        measures[name] = (lambda call=call, name=name: measure(
            call, args.warmup, args.seconds, profiler if name == "pubnub" else None))
    external = None
    if args.external_python and scheme == "http":
        before, after, headers = raw_template(pubnub)
        external = External(args.external_python, port, before, after, headers)
        for name in external.clients:
            if name not in measures:
                measures[name] = (lambda name=name: external.measure(name, args.warmup, args.seconds))
    selected = [name for name in measures if not args.clients or name in args.clients or name == "pubnub"]
    samples: Dict[str, List[Dict[str, float]]] = {name: [] for name in selected}
    ratios: Dict[str, List[float]] = {name: [] for name in selected if name != "pubnub"}
    ratios["fastest raw"] = []
    try:
        for round_number in range(args.rounds):
            order = selected if round_number % 2 == 0 else list(reversed(selected))
            this_round = {}
            for name in order:
                this_round[name] = measures[name]()
                samples[name].append(this_round[name])
            mine = this_round["pubnub"]["rate"]
            for name in selected:
                if name != "pubnub":
                    ratios[name].append(mine / this_round[name]["rate"])
            raw = [this_round[name]["rate"] for name in selected if name.startswith("raw-")]
            if raw:
                ratios["fastest raw"].append(mine / max(raw))
    finally:
        if external is not None:
            external.close()
        pubnub.transport.close()
        before_pubnub.transport.close()
    return {"samples": samples, "ratios": ratios,
            "versions": external.versions if external is not None else {}}


def report(scheme: str, result: Dict[str, Any]) -> bool:
    print("\n%s, 1 call in flight%s" % (scheme, "".join(
        "; external %s %s" % item for item in sorted(result["versions"].items()))))
    print("  %-16s %10s %14s" % ("client", "calls/s", "cpu us/call"))
    for name, samples in result["samples"].items():
        print("  %-16s %10.0f %14.0f" % (name, statistics.median(s["rate"] for s in samples),
                                         statistics.median(s["cpu_us"] for s in samples)))
    passed = True
    print("  throughput pubnub / other, per round:")
    for name, ratios in result["ratios"].items():
        if not ratios:
            continue
        ratio = statistics.median(ratios)
        target = TARGET_PN10 if name == "pubnub10" else TARGET_RAW if name == "fastest raw" else None
        verdict = ""
        if target is not None:
            verdict = "  target %.2f: %s" % (target, "PASS" if ratio >= target else "MISS")
            passed = passed and ratio >= target
        print("    %-16s %5.2f (rounds %.2f-%.2f)%s" % (name, ratio, min(ratios), max(ratios), verdict))
    return passed


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="PubNub .sync() publish vs raw sync HTTP loops on loopback.")
    parser.add_argument("--seconds", type=float, default=1.0, help="timed window per sample (default 1.0)")
    parser.add_argument("--warmup", type=float, default=0.1, help="lead-in per sample (default 0.1)")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds (default 10)")
    parser.add_argument("--schemes", nargs="+", choices=("http", "https"), default=["http"])
    parser.add_argument("--clients", nargs="+", metavar="NAME",
                        help="only these clients (pubnub always runs): pubnub-requests raw-requests "
                             "raw-urllib3 raw-httpx pubnub10")
    parser.add_argument("--external-python", metavar="PY",
                        help="an interpreter with pubnub 10.x (and httpx) installed: adds pubnub10 (http only)")
    parser.add_argument("--json", metavar="PATH", help="also write every sample to this file")
    parser.add_argument("--profile", metavar="PATH", help="write cProfile stats of the pubnub windows here")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    profiler = cProfile.Profile() if args.profile else None
    print("python %s, requests %s, urllib3 %s%s; %d rounds of %.1f s per client" % (
        sys.version.split()[0], requests.__version__, urllib3.__version__,
        ", httpx %s" % httpx.__version__ if httpx is not None else "", args.rounds, args.seconds))
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
