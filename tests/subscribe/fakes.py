"""A purpose-built subscribe server and a resetting TCP proxy, for the subscribe tests.

The server speaks the recorded shapes of protocol CORE §6 (subscribe, time, leave, heartbeat)
on the test's own IOLoop. Tests inject messages with ``publish()`` and faults with
``faults`` (consumed by the next subscribe requests) and ``time_faults``.
"""
from __future__ import annotations

import asyncio
import json
import socket
import struct
from datetime import timedelta
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qsl, unquote, urlsplit

from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream, StreamClosedError
from tornado.locks import Condition, Event
from tornado.tcpserver import TCPServer
from tornado.testing import bind_unused_port
from tornado.web import Application, RequestHandler

from pubnub.exceptions import PNTimeoutError

FIRST_TIMETOKEN = 16000000000000000
SUB_KEY = "sub-c-test"


def _rst(stream: Any) -> None:
    """Close a connection with a TCP reset (SO_LINGER 0) instead of an orderly shutdown."""
    sock = stream.socket
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    stream.close()


class Recorded:
    """One request the server received."""

    def __init__(self, path: str, query: Dict[str, str]) -> None:
        self.path = path
        self.query = query

    @property
    def channels(self) -> List[str]:
        segment = self.path.split("/")[4]
        return [unquote(name) for name in segment.split(",") if name]

    def __repr__(self) -> str:
        return "Recorded(%s %s)" % (self.path, self.query)


class FakeServer:
    """Subscribe long-poll with a message buffer; ``/time/0``; leave and heartbeat answers."""

    def __init__(self, window: float = 2.0, max_per_response: int = 100) -> None:
        self.window = window
        self.max_per_response = max_per_response
        self.now = FIRST_TIMETOKEN
        self.messages: List[Dict[str, Any]] = []
        self.groups: Dict[str, List[str]] = {}
        self.requests: List[Recorded] = []
        self.faults: List[Any] = []  # for subscribe: "reset", "stall", or an int HTTP status
        self.time_faults: List[Any] = []
        self.faults_done: List[Any] = []
        self._changed = Condition()
        self._closing = Event()
        self._server: Optional[HTTPServer] = None
        self.port = 0

    # ----- control -------------------------------------------------------------------------
    def start(self) -> str:
        sock, self.port = bind_unused_port()
        app = Application([
            (r"/v2/subscribe/.*", _SubscribeHandler, {"fake": self}),
            (r"/time/0", _TimeHandler, {"fake": self}),
            (r"/v2/presence/.*", _PresenceHandler, {"fake": self}),
        ])
        self._server = HTTPServer(app)
        self._server.add_sockets([sock])
        return "127.0.0.1:%d" % self.port

    async def stop(self) -> None:
        self._closing.set()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()

    def publish(self, channel: str, payload: Any, **fields: Any) -> int:
        """Buffer one message (extra stream fields such as ``e``, ``u``, ``i``, ``b``) and wake polls."""
        self.now += 1
        message = {"a": "1", "f": 0, "i": "pub-uuid", "p": {"t": str(self.now), "r": 1}, "k": SUB_KEY,
                   "c": channel, "d": payload}
        message.update(fields)
        self.messages.append(message)
        self._changed.notify_all()
        return self.now

    def subscribe_requests(self) -> List[Recorded]:
        return [r for r in self.requests if r.path.startswith("/v2/subscribe/")]

    def paths(self, fragment: str) -> List[Recorded]:
        return [r for r in self.requests if fragment in r.path]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 3.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked whenever a request arrives)."""
        async def poll() -> Any:
            while True:
                value = predicate()
                if value:
                    return value
                await self._changed.wait()
        return await asyncio.wait_for(poll(), timeout)

    def record(self, handler: RequestHandler) -> Recorded:
        parts = urlsplit(handler.request.uri or "")
        recorded = Recorded(parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)))
        self.requests.append(recorded)
        self._changed.notify_all()
        return recorded

    # ----- subscribe semantics --------------------------------------------------------------
    def _matching(self, channels: List[str], groups: List[str], after: int) -> List[Dict[str, Any]]:
        found = []
        for message in self.messages:
            if int(message["p"]["t"]) <= after:
                continue
            channel = message["c"]
            if channel in channels:
                found.append(message)
                continue
            for group in groups:
                members = self.groups.get(group.replace("-pnpres", ""), [])
                suffix = "-pnpres" if group.endswith("-pnpres") else ""
                if any(channel == member + suffix for member in members):
                    found.append(dict(message, b=group))
                    break
            if len(found) >= self.max_per_response:
                break
        return found[:self.max_per_response]

    async def answer(self, recorded: Recorded, handler: RequestHandler) -> None:
        channels = recorded.channels
        groups = [g for g in recorded.query.get("channel-group", "").split(",") if g]
        tt = int(recorded.query.get("tt", "0"))
        if tt == 0:
            handler.finish(json.dumps({"t": {"t": str(self.now), "r": 1}, "m": []}))
            return
        deadline = asyncio.get_running_loop().time() + self.window
        while True:
            found = self._matching(channels, groups, tt)
            if found:
                cursor = max(int(m["p"]["t"]) for m in found)
                handler.finish(json.dumps({"t": {"t": str(cursor), "r": 1}, "m": found}))
                return
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0 or self._closing.is_set():
                handler.finish(json.dumps({"t": {"t": str(tt), "r": 1}, "m": []}))
                return
            await self._changed.wait(timeout=timedelta(seconds=remaining))


class _Handler(RequestHandler):
    def initialize(self, fake: FakeServer) -> None:
        self.fake = fake

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", 'text/javascript; charset="UTF-8"')

    def fault(self, queue: List[Any]) -> bool:
        """Apply the next queued fault; True when the request was dealt with."""
        if not queue:
            return False
        fault = queue.pop(0)
        self.fake.faults_done.append(fault)
        if fault == "reset":
            _rst(self.request.connection.stream)  # type: ignore[union-attr]
        elif isinstance(fault, int):
            self.set_status(fault)
            self.finish(json.dumps({"error": True, "status": fault, "message": "injected"}))
        else:
            return False
        return True


class _SubscribeHandler(_Handler):
    async def get(self) -> None:
        recorded = self.fake.record(self)
        if self.fake.faults and self.fake.faults[0] == "stall":
            self.fake.faults_done.append(self.fake.faults.pop(0))
            await self.fake._closing.wait()  # never answered: the client's read timeout fires
            return
        if self.fault(self.fake.faults):
            return
        await self.fake.answer(recorded, self)


class _TimeHandler(_Handler):
    def get(self) -> None:
        self.fake.record(self)
        if not self.fault(self.fake.time_faults):
            self.finish(json.dumps([self.fake.now]))


class _PresenceHandler(_Handler):
    def get(self) -> None:
        recorded = self.fake.record(self)
        if recorded.path.endswith("/leave"):
            self.finish(json.dumps({"status": 200, "message": "OK", "action": "leave", "service": "Presence"}))
        elif recorded.path.endswith("/heartbeat"):
            if not self.fault(self.fake.time_faults):
                self.finish(json.dumps({"status": 200, "message": "OK", "service": "Presence"}))
        else:
            self.set_status(404)
            self.finish(json.dumps({"status": 404, "error": True}))


class ResettingProxy(TCPServer):
    """Pipes bytes to an upstream port; ``resets`` armed: drop the next answer with a TCP reset.

    The upstream server has then processed the request (it may have answered with messages),
    but the client never sees the answer: the case where only cursor continuity avoids loss.
    """

    def __init__(self, upstream_port: int) -> None:
        super().__init__()
        self.upstream_port = upstream_port
        self.resets = 0
        self.resets_done = 0
        self.port = 0
        self._streams: List[IOStream] = []

    def begin(self) -> str:
        sock, self.port = bind_unused_port()
        self.add_sockets([sock])
        return "127.0.0.1:%d" % self.port

    async def handle_stream(self, stream: IOStream, address: Any) -> None:
        upstream = IOStream(socket.socket())
        self._streams += [stream, upstream]
        try:
            await upstream.connect(("127.0.0.1", self.upstream_port))
        except StreamClosedError:
            stream.close()
            return
        await asyncio.gather(self._pipe(stream, upstream, False), self._pipe(upstream, stream, True))

    async def _pipe(self, source: IOStream, target: IOStream, answers: bool) -> None:
        try:
            while True:
                chunk = await source.read_bytes(65536, partial=True)
                if answers and self.resets > 0:
                    self.resets -= 1
                    self.resets_done += 1
                    _rst(target)
                    source.close()
                    return
                await target.write(chunk)
        except StreamClosedError:
            target.close()

    def shutdown(self) -> None:
        self.stop()
        for stream in self._streams:
            stream.close()


class TimeoutCounting:
    """Mixed into an ``AsyncTransport`` (Tornado's, aiohttp's): records the ``tt`` of every
    subscribe long-poll that timed out on the client; ``wait_for_timeouts`` awaits a count."""

    timed_out: List[str]
    _changed: Optional[asyncio.Event]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timed_out = []
        self._changed = None  # made on the loop that waits

    async def wait_for_timeouts(self, count: int, timeout: float) -> None:
        async def reached() -> None:
            while len(self.timed_out) < count:
                self._changed = asyncio.Event()
                await self._changed.wait()
        await asyncio.wait_for(reached(), timeout)

    def send(self, request: Any, callback: Callable[[Any], None]) -> None:
        def counted(outcome: Any) -> None:
            if isinstance(outcome, PNTimeoutError) and "/v2/subscribe/" in request.url:
                self.timed_out.append(request.url.split("tt=")[1].split("&")[0])
                if self._changed is not None:
                    self._changed.set()
            callback(outcome)
        super().send(request, counted)  # type: ignore[misc]
