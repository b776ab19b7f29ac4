"""Runs the subscription flows of ``pubnub._subscription`` on a client's Tornado IOLoop.

Layer: client driver (Tornado/asyncio). It owns tasks and waiting, nothing of the protocol:
what to send, when to retry and what to announce is decided by the flows. Listener calls
happen inside the flows, so every callback runs on the IOLoop.

Heartbeat intervals are plain timers; every other wait (reconnection) goes through
``tornado.gen.sleep``, looked up on the module at call time: 4.x test suites
stub it by attribute to replay recorded sessions without waiting.

Long-polls use a transport of their own (unless the application supplied one), so a held
request never takes a slot that publishes need. A long-poll abandoned in flight (the
subscription changed) is ended by closing its transport, which also closes its connection;
the next long-poll gets a fresh one.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Dict, Optional, Set

from tornado import gen

from pubnub._http import HttpRequest, HttpResponse
from pubnub._subscription import HEARTBEAT, Flow
from pubnub._subscription_state import Sleep
from pubnub._transport.tornado import TornadoTransport
from pubnub.endpoints.pubsub.subscribe import Subscribe

logger = logging.getLogger("pubnub")


def _close_when_done(transport: Any, request: "asyncio.Future[Any]") -> None:
    if not request.cancelled():
        request.exception()  # retrieved, so asyncio does not report it as lost
    transport.close()


class LongPollTransport:
    """Sends each long-poll on a private transport; one abandoned in flight retires it."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self._factory = factory
        self._current: Any = None
        self.abandoned: Set["asyncio.Future[Any]"] = set()  # requests still open on retired transports

    async def send(self, request: HttpRequest) -> HttpResponse:
        transport = self._current
        if transport is None:
            transport = self._current = self._factory()
        # With fetch() (TornadoTransport), the HTTP client's own future is awaited: a Task and a
        # loop hop fewer per long-poll than wrapping send() in a Task. Both hold the HttpResponse
        # or the translated transport error.
        direct = hasattr(transport, "fetch")
        pending = transport.fetch(request) if direct else asyncio.ensure_future(transport.send(request))
        try:
            response: HttpResponse = await asyncio.shield(pending)
        except asyncio.CancelledError:
            if self._current is transport:
                self._current = None
            self.abandoned.add(pending)
            pending.add_done_callback(self.abandoned.discard)
            pending.add_done_callback(lambda done: _close_when_done(transport, done))
            if direct:
                transport.close()  # a TornadoTransport ends the held request at once
            raise
        return response

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None


class TornadoSubscriptionDriver:
    """``SubscriptionDriver`` for ``PubNubTornado``: one asyncio task per running flow."""

    def __init__(self, pubnub: Any, long_poll_transport: Optional[Any] = None) -> None:
        self._pubnub = pubnub
        self._tasks: Dict[str, "asyncio.Future[None]"] = {}
        self._running: Set["asyncio.Future[None]"] = set()  # strong references: asyncio keeps weak ones
        self._long_poll = long_poll_transport if long_poll_transport is not None else LongPollTransport(
            lambda: TornadoTransport(max_clients=1))

    # ----- SubscriptionDriver ------------------------------------------------------------------
    def run_flow(self, key: Optional[str], factory: Callable[[], Flow]) -> None:
        self._on_loop(self._start, key, factory)

    def cancel_flow(self, key: str) -> None:
        self._on_loop(self._cancel, key)

    # ----- inspection (tests, shutdown) --------------------------------------------------------
    def is_running(self, key: str) -> bool:
        task = self._tasks.get(key)
        return task is not None and not task.done()

    async def join(self) -> None:
        """Wait until every flow has finished (or was cancelled) and abandoned long-polls ended."""
        abandoned: Set["asyncio.Future[Any]"] = getattr(self._long_poll, "abandoned", set())
        while True:
            pending = [task for task in self._running | abandoned if not task.done()]
            if not pending:
                return
            await asyncio.gather(*pending, return_exceptions=True)

    # ----- internals ---------------------------------------------------------------------------
    def _on_loop(self, function: Callable[..., None], *args: Any) -> None:
        ioloop = self._pubnub.ioloop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is ioloop.asyncio_loop:
            function(*args)
        else:  # another thread, or the loop is not running yet: add_callback is safe for both
            ioloop.add_callback(function, *args)

    def _start(self, key: Optional[str], factory: Callable[[], Flow]) -> None:
        if key is not None:
            self._cancel(key)
        task = asyncio.ensure_future(self._drive(factory(), key), loop=self._pubnub.ioloop.asyncio_loop)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        if key is not None:
            self._tasks[key] = task

    def _cancel(self, key: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            task.cancel()

    async def _drive(self, flow: Flow, key: Optional[str] = None) -> None:
        reply: Any = None
        try:
            while True:
                try:
                    step = flow.send(reply)
                except StopIteration:
                    return
                if isinstance(step, Sleep):
                    if key == HEARTBEAT:  # a stubbed gen.sleep must not make heartbeats spin
                        await asyncio.sleep(step.seconds)
                    else:
                        await gen.sleep(step.seconds)
                    reply = None
                elif isinstance(step, Subscribe):
                    reply = await self._pubnub._execute_one(step, self._long_poll)
                else:
                    reply = await self._pubnub.execute(step)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("A subscription flow failed")
        finally:
            flow.close()
