"""The awaitable listener of the event-loop clients (``SubscribeListener`` of ``pubnub_tornado`` and
``pubnub_asyncio``).

Layer: client. Imports asyncio and the callback base only.
"""
from __future__ import annotations

import asyncio
from collections import deque
from typing import Any, Callable, Deque, List, Optional

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNOperationType, PNStatusCategory

__all__ = ["AsyncSubscribeListener"]


class AsyncSubscribeListener(SubscribeCallback):
    """A listener for tests and scripts: await connection, disconnection, messages, presence.

    Usable from any asyncio loop: nothing is bound to a loop until a coroutine waits, and each
    wait creates its future on the loop that runs it. "Connected" is a ``PNConnectedCategory``
    status; "disconnected" the acknowledgment of a leave (``PNUnsubscribeOperation``).
    """

    def __init__(self) -> None:
        self.connected = False
        self.disconnected = False
        self.messages: Deque[Any] = deque()
        self.presences: Deque[Any] = deque()
        self._waiters: List["asyncio.Future[None]"] = []

    # ----- SubscribeCallback -------------------------------------------------------------------
    def status(self, pubnub: Any, status: Any) -> None:
        if status.category == PNStatusCategory.PNConnectedCategory:
            self.connected, self.disconnected = True, False
        elif (status.category == PNStatusCategory.PNAcknowledgmentCategory
              and status.operation == PNOperationType.PNUnsubscribeOperation):
            self.connected, self.disconnected = False, True
        else:
            return
        self._wake()

    def message(self, pubnub: Any, message: Any) -> None:
        self.messages.append(message)
        self._wake()

    def presence(self, pubnub: Any, presence: Any) -> None:
        self.presences.append(presence)
        self._wake()

    # ----- waiting -----------------------------------------------------------------------------
    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        try:
            current: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        for waiter in waiters:
            loop = waiter.get_loop()
            if loop is current:
                _release(waiter)
            elif not loop.is_closed():
                loop.call_soon_threadsafe(_release, waiter)

    async def _until(self, ready: Callable[[], Any]) -> Any:
        while True:
            value = ready()
            if value is not None:
                return value
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            await waiter

    async def wait_for_connect(self) -> None:
        """Return once connected (at once if already connected)."""
        await self._until(lambda: True if self.connected else None)

    async def wait_for_disconnect(self) -> None:
        """Return once a leave was acknowledged (at once if that already happened)."""
        await self._until(lambda: True if self.disconnected else None)

    async def wait_for_message_on(self, *channel_names: str) -> Any:
        """The next message received on one of ``channel_names`` (others are discarded)."""
        return await self._until(lambda: _first_on(self.messages, channel_names))

    async def wait_for_presence_on(self, *channel_names: str) -> Any:
        """The next presence event on one of ``channel_names`` (others are discarded)."""
        return await self._until(lambda: _first_on(self.presences, channel_names))


def _release(waiter: "asyncio.Future[None]") -> None:
    if not waiter.done():
        waiter.set_result(None)


def _first_on(events: Deque[Any], channel_names: Any) -> Any:
    while events:
        event = events.popleft()
        if event.channel in channel_names:
            return event
    return None
