"""Runs the subscription flows of ``pubnub._subscription`` on an event-loop client's asyncio loop.

Layer: client driver (asyncio). It owns tasks and waiting, nothing of the protocol: what to
send, when to retry and what to announce is decided by the flows. Listener calls happen inside
the flows, so every callback runs on the client's loop. Shared by ``PubNubTornado``
(``pubnub._subscription_tornado``) and ``PubNubAsyncio`` (``pubnub.pubnub_asyncio``); they differ
only in how a reconnection wait sleeps (``reconnection_sleep``) and in their transports.

Heartbeat intervals are plain loop timers (never a stubbable sleep: 4.x suites stub sleeps to
replay recorded sessions, and heartbeats must not spin then); every other wait (reconnection)
goes through ``reconnection_sleep``: ``asyncio.sleep`` here, looked up on the module at call
time, so that 4.x asyncio suites can stub it by attribute.

Long-polls (``LongPoll`` steps) use a transport of their own (unless the application supplied
one), so a held request never takes a slot that publishes need. When the long-poll flow is
cancelled (the subscription changed, ``stop()``), the long-poll it held is ended at once by
closing that transport, which also closes its connection; the next long-poll gets a fresh one.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Set

from pubnub._http import HttpRequest
from pubnub._subscription import HEARTBEAT, LOOP, Flow
from pubnub._subscription_state import LongPoll, Sleep
from pubnub._transport.base import AsyncTransport, Outcome

logger = logging.getLogger("pubnub")

__all__ = ["AsyncSubscriptionDriver", "LongPollTransport"]


class LongPollTransport:
    """The long-polls' transport: a private one per long-poll connection, unless the application
    gave the client its own transport (then that one, shared, is never closed here).

    ``retire()`` ends the long-poll in flight by closing its private transport (which closes its
    connection at once; the request's outcome is dropped); the next long-poll opens a new one.
    """

    def __init__(self, factory: Callable[[], AsyncTransport], shared: Optional[AsyncTransport] = None) -> None:
        self._factory = factory
        self._shared = shared
        self._current: Optional[AsyncTransport] = None

    def send(self, request: HttpRequest, callback: Callable[[Outcome], None]) -> None:
        transport = self._shared if self._shared is not None else self._current
        if transport is None:
            transport = self._current = self._factory()
        transport.send(request, callback)

    def retire(self) -> None:
        if self._current is not None:
            current, self._current = self._current, None
            current.close()

    close = retire


class AsyncSubscriptionDriver:
    """``SubscriptionDriver`` for an event-loop client: one asyncio task per running flow.

    ``pubnub`` gives the loop (``_loop``), thread-safe scheduling (``_call_soon``), ``execute``
    and, for the long-polls' private transports, ``_new_long_poll_transport()``.
    """

    def __init__(self, pubnub: Any, long_poll_transport: Optional[Any] = None) -> None:
        self._pubnub = pubnub
        self._tasks: Dict[str, "asyncio.Future[None]"] = {}
        self._running: Set["asyncio.Future[None]"] = set()  # strong references: asyncio keeps weak ones
        self._long_poll = LongPollTransport(pubnub._new_long_poll_transport, shared=long_poll_transport)

    def reconnection_sleep(self, seconds: float) -> Awaitable[Any]:
        """The wait before a reconnection probe: ``asyncio.sleep``, looked up at call time."""
        return asyncio.sleep(seconds)

    # ----- SubscriptionDriver ------------------------------------------------------------------
    def run_flow(self, key: Optional[str], factory: Callable[[], Flow]) -> None:
        self._on_loop(self._start, key, factory)

    def cancel_flow(self, key: str) -> None:
        self._on_loop(self._cancel, key)

    def close(self) -> None:
        """Close the long-polls' private transport (the client is closing)."""
        self._long_poll.retire()

    # ----- inspection (tests, shutdown) --------------------------------------------------------
    def is_running(self, key: str) -> bool:
        task = self._tasks.get(key)
        return task is not None and not task.done()

    def has_tasks_on(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Whether a flow started on ``loop`` has not finished yet."""
        return any(not task.done() and task.get_loop() is loop for task in self._running)

    async def join(self) -> None:
        """Wait until every flow on the running loop has finished (or was cancelled)."""
        loop = asyncio.get_running_loop()
        while True:
            pending = [task for task in self._running if not task.done() and task.get_loop() is loop]
            if not pending:
                return
            await asyncio.gather(*pending, return_exceptions=True)

    # ----- internals ---------------------------------------------------------------------------
    def _on_loop(self, function: Callable[..., None], *args: Any) -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        # With no loop running here, the client's own (if any) tells: asking for ``_loop`` would
        # make a new loop when that one is gone (a stop() after asyncio.run() ended).
        loop = self._pubnub._loop if running is not None else self._pubnub._home_loop
        if running is loop or (running is None and (loop is None or not loop.is_running())):
            # On the loop, or while it runs nowhere (before the program runs it, or after its
            # run ended): nothing else can touch the subscription's tasks, so apply it now.
            # Deferred, a stop() would wait for the loop's next run, after the connections it
            # closes had already failed the long-poll.
            function(*args)
        else:  # the loop runs in another thread: _call_soon is safe from there
            self._pubnub._call_soon(function, *args)

    def _start(self, key: Optional[str], factory: Callable[[], Flow]) -> None:
        if key is not None:
            self._cancel(key)
        task = asyncio.ensure_future(self._drive(factory(), key), loop=self._pubnub._loop)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        if key is not None:
            self._tasks[key] = task

    def _cancel(self, key: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            if task.get_loop().is_closed():  # left behind with its loop: nothing can run or cancel it
                self._running.discard(task)
            else:
                task.cancel()
            if key == LOOP:  # its long-poll, if one is held, is ended now rather than when it answers
                self._long_poll.retire()

    async def _drive(self, flow: Flow, key: Optional[str] = None) -> None:
        reply: Any = None
        try:
            while True:
                try:
                    step = flow.send(reply)
                except StopIteration:
                    return
                if isinstance(step, Sleep):
                    if key == HEARTBEAT:  # a stubbed sleep must not make heartbeats spin
                        await _timer(step.seconds)
                    else:
                        await self.reconnection_sleep(step.seconds)
                    reply = None
                elif isinstance(step, LongPoll):
                    reply = await self._pubnub.execute(step.endpoint, self._long_poll)
                else:
                    reply = await self._pubnub.execute(step)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("A subscription flow failed")
        finally:
            flow.close()


async def _timer(seconds: float) -> None:
    """Wait ``seconds`` on a loop timer of its own (not through ``asyncio.sleep``, which 4.x suites
    stub)."""
    loop = asyncio.get_running_loop()
    waiter = loop.create_future()
    handle = loop.call_later(seconds, _release, waiter)
    try:
        await waiter
    finally:
        handle.cancel()


def _release(waiter: "asyncio.Future[None]") -> None:
    if not waiter.done():
        waiter.set_result(None)
