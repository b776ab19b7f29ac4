"""A keep-alive server that answers every subscribe long-poll at once with a burst of messages.

Layer: benchmarks (tooling, never imported by ``pubnub``). Built on ``_bench_server.py`` (its
HTTP/1.1 parsing, control pipe and process model); only the answers differ. Meant to run in its
own process, so that its CPU is counted apart from the client's.

Answers (shapes from protocol/CORE.md §3 and §6.2-6.4):

* ``GET /v2/subscribe/...``  -> ``{"t":{"t":"<cursor>","r":12},"m":[<burst>]}`` immediately. The
  burst is built once: ``--messages`` normal messages (``e`` absent) with the keys a, c, d, f, i,
  k, p{t,r}, s as the service sends them (compact JSON; ``b`` only with ``--group``). Each answer
  carries a new cursor, higher than every one before and than every ``p.t`` of the burst.
* ``GET /time/0``             -> ``[<17-digit timetoken>]``
* ``GET /v2/presence/.../leave`` -> the presence service's 200 acknowledgment
* anything else               -> 404

Control pipe (see ``_bench_server.py``): ``stats`` adds ``subscribes`` (long-polls answered),
``messages`` (messages sent) and ``unknown_tt`` (long-polls whose ``tt`` was neither 0 nor a
cursor this server handed out: a client that does not follow the cursor shows up here).

Run alone: ``python benchmarks/_subscribe_server.py --messages 100``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from typing import Any, Dict, List, Optional, Set, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _bench_server import HttpConnection, Stats, serve

REGION = 12
SUBSCRIBE_KEY = "sub-c-bench"
PUBLISHER = "bench-publisher"
_LEAVE_BODY = b'{"status": 200, "message": "OK", "action": "leave", "service": "Presence"}'
_NOT_FOUND = b'{"status": 404, "error": true, "message": "Not Found"}'


def _timetoken() -> int:
    return time.time_ns() // 100  # 17 digits, as the service's timetokens


def build_burst(channel: str, count: int, first_timetoken: int, group: Optional[str] = None) -> bytes:
    """``count`` message objects, comma-separated, ready to go between ``[`` and ``]``."""
    messages = []
    for n in range(count):
        message: Dict[str, Any] = {"a": "2", "f": 0, "i": PUBLISHER, "s": n + 1,
                                   "p": {"t": str(first_timetoken + n), "r": REGION}, "k": SUBSCRIBE_KEY,
                                   "c": channel, "d": {"text": "hello world", "n": n}}
        if group is not None:
            message["b"] = group
        messages.append(json.dumps(message, separators=(",", ":")))
    return ",".join(messages).encode()


class SubscribeStats(Stats):
    """``Stats`` plus the subscribe counters, and the cursor sequence."""

    def __init__(self, burst: bytes, count: int, cursor: int) -> None:
        super().__init__()
        self.burst = burst
        self.count = count
        self.cursor = cursor
        self.issued: Set[bytes] = set()
        self.subscribes = 0
        self.messages = 0
        self.unknown_tt = 0

    def snapshot(self) -> Dict[str, Any]:
        payload = super().snapshot()
        payload.update(subscribes=self.subscribes, messages=self.messages, unknown_tt=self.unknown_tt)
        return payload


def _query_value(target: bytes, name: bytes) -> Optional[bytes]:
    _, _, query = target.partition(b"?")
    for pair in query.split(b"&"):
        key, _, value = pair.partition(b"=")
        if key == name:
            return value
    return None


class SubscribeConnection(HttpConnection):
    """``HttpConnection`` with the subscribe routes."""

    stats: SubscribeStats

    def answer(self, method: bytes, target: bytes) -> Tuple[str, bytes]:
        path = target.split(b"?", 1)[0]
        stats = self.stats
        if path.startswith(b"/v2/subscribe/"):
            tt = _query_value(target, b"tt")
            if tt not in (None, b"0") and tt not in stats.issued:
                stats.unknown_tt += 1
            stats.cursor += stats.count
            cursor = b"%d" % stats.cursor
            stats.issued.add(cursor)
            stats.subscribes += 1
            stats.messages += stats.count
            return "200 OK", b'{"t":{"t":"%s","r":%d},"m":[%s]}' % (cursor, REGION, stats.burst)
        if path == b"/time/0":
            return "200 OK", b"[%d]" % _timetoken()
        if path.startswith(b"/v2/presence/") and path.endswith(b"/leave"):
            return "200 OK", _LEAVE_BODY
        return "404 Not Found", _NOT_FOUND


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--channel", default="bench-channel", help="the channel (c) of every message")
    parser.add_argument("--messages", type=int, default=100, help="messages per answer (default 100)")
    parser.add_argument("--group", help="also send b=<group>, as for a channel-group subscription")
    args = parser.parse_args(argv)
    first = _timetoken()
    burst = build_burst(args.channel, args.messages, first, args.group)
    stats = SubscribeStats(burst, args.messages, first + args.messages)
    asyncio.run(serve(args.host, None, None, stats=stats, protocol=SubscribeConnection))


if __name__ == "__main__":
    main()
