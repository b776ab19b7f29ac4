"""Clients of ``sync_bench.py`` that run in another Python environment, driven through a pipe.

Layer: benchmarks (tooling). Standalone: imports only the standard library and, lazily, the
library each client needs, so that it can run under a throwaway virtualenv holding a package
this project must not depend on (pubnub 10.x, whose plain client sends through httpx):

    python3 -m venv /tmp/pn10s && /tmp/pn10s/bin/pip install 'pubnub>=10,<11'
    python benchmarks/sync_bench.py --external-python /tmp/pn10s/bin/python

``sync_bench.py`` starts this script with that interpreter. It prints one JSON line naming the
clients it can run, then answers each command line ``{"client": name, "warmup": s, "seconds": s}``
with one JSON sample line (``rate``, ``cpu_us``, ``calls``), measured exactly as ``sync_bench``
measures its own clients. Clients:

* ``pubnub10``: pubnub 10.x's ``PubNub(config).publish().channel(ch).message(msg).sync()``;
* ``raw-httpx``: ``httpx.Client().get(url, headers=...)`` with the URL the SDK under test builds
  (only ``seqn`` changes), then ``json.loads`` of the body.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
import time
from typing import Any, Callable, Dict


def measure(call: Callable[[], None], warmup: float, seconds: float) -> Dict[str, float]:
    end = time.monotonic() + warmup
    while time.monotonic() < end:
        call()
    calls = 0
    cpu, started = time.process_time(), time.monotonic()
    end = started + seconds
    while True:
        call()
        calls += 1
        now = time.monotonic()
        if now >= end:
            break
    wall, cpu = now - started, time.process_time() - cpu
    return {"rate": calls / wall, "cpu_us": cpu / calls * 1e6, "calls": calls}


def pubnub10(args: argparse.Namespace) -> Callable[[], None]:
    from pubnub.pnconfiguration import PNConfiguration
    from pubnub.pubnub import PubNub

    config = PNConfiguration()
    config.publish_key = "pub-c-bench"
    config.subscribe_key = "sub-c-bench"
    config.user_id = "bench-client"
    config.origin = "127.0.0.1:%d" % args.port
    config.ssl = False
    config.enable_subscribe = False
    pubnub = PubNub(config)
    message = json.loads(args.message)

    def call() -> None:
        envelope = pubnub.publish().channel(args.channel).message(message).sync()
        if envelope.result is None:
            raise RuntimeError("publish failed: %s" % envelope.status.category)
    return call


def raw_httpx(args: argparse.Namespace) -> Callable[[], None]:
    import httpx

    client = httpx.Client()
    headers = json.loads(args.headers)
    seqn = [0]

    def call() -> None:
        seqn[0] = seqn[0] % 65535 + 1
        response = client.get("%s%d%s" % (args.before, seqn[0], args.after), headers=headers)
        json.loads(response.content)
    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--channel", required=True)
    parser.add_argument("--message", required=True, help="the message, as JSON")
    parser.add_argument("--before", required=True, help="the raw URL up to the seqn value")
    parser.add_argument("--after", required=True, help="the raw URL after the seqn value")
    parser.add_argument("--headers", required=True, help="the raw request's headers, as JSON")
    args = parser.parse_args()
    clients: Dict[str, Callable[[], None]] = {}
    versions: Dict[str, Any] = {"python": sys.version.split()[0]}
    for name, make, distribution in (("pubnub10", pubnub10, "pubnub"), ("raw-httpx", raw_httpx, "httpx")):
        try:
            clients[name] = make(args)
        except ImportError:
            continue
        versions[distribution] = importlib.metadata.version(distribution)
    print(json.dumps({"clients": list(clients), "versions": versions}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        sample = measure(clients[command["client"]], command["warmup"], command["seconds"])
        print(json.dumps(sample), flush=True)


if __name__ == "__main__":
    main()
