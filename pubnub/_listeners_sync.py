"""The plain client's waiting helpers: ``SubscribeListener`` and ``NonSubscribeListener`` (4.8.1
names, imported from ``pubnub.pubnub``).

Layer: client (threads). Scripts and tests block on them from any thread while the client's
listener worker and ``pn_async`` threads fill them.
"""
from __future__ import annotations

import copy
import queue
import threading
import time
from typing import Any, Optional

from pubnub.callbacks import SubscribeCallback
from pubnub.utils import is_subscribed_event, is_unsubscribed_event

__all__ = ["NonSubscribeListener", "SubscribeListener"]


class SubscribeListener(SubscribeCallback):
    """A listener to wait on from another thread: connection, disconnection, messages, presence.

    "Connected" is a ``PNConnectedCategory`` status; "disconnected" the acknowledgment of a leave
    (``PNUnsubscribeOperation``). Every other event is queued (``message_queue``,
    ``presence_queue``, ``signal_queue`` ...). Each wait blocks until its event, or raises
    ``TimeoutError`` after ``timeout`` seconds when one is given.
    """

    def __init__(self) -> None:
        self.connected = False
        self.connected_event = threading.Event()
        self.disconnected_event = threading.Event()
        self.message_queue: "queue.Queue[Any]" = queue.Queue()
        self.presence_queue: "queue.Queue[Any]" = queue.Queue()
        self.signal_queue: "queue.Queue[Any]" = queue.Queue()
        self.message_action_queue: "queue.Queue[Any]" = queue.Queue()
        self.file_queue: "queue.Queue[Any]" = queue.Queue()
        self.channel_queue: "queue.Queue[Any]" = queue.Queue()
        self.uuid_queue: "queue.Queue[Any]" = queue.Queue()
        self.membership_queue: "queue.Queue[Any]" = queue.Queue()

    # ----- SubscribeCallback -------------------------------------------------------------------
    def status(self, pubnub: Any, status: Any) -> None:
        if is_subscribed_event(status):
            self.connected = True
            self.disconnected_event.clear()
            self.connected_event.set()
        elif is_unsubscribed_event(status):
            self.connected = False
            self.connected_event.clear()
            self.disconnected_event.set()

    def message(self, pubnub: Any, message: Any) -> None:
        self.message_queue.put(message)

    def presence(self, pubnub: Any, presence: Any) -> None:
        self.presence_queue.put(presence)

    def signal(self, pubnub: Any, signal: Any) -> None:
        self.signal_queue.put(signal)

    def message_action(self, pubnub: Any, message_action: Any) -> None:
        self.message_action_queue.put(message_action)

    def file(self, pubnub: Any, file_message: Any) -> None:
        self.file_queue.put(file_message)

    def channel(self, pubnub: Any, channel: Any) -> None:
        self.channel_queue.put(channel)

    def uuid(self, pubnub: Any, uuid: Any) -> None:
        self.uuid_queue.put(uuid)

    def membership(self, pubnub: Any, membership: Any) -> None:
        self.membership_queue.put(membership)

    # ----- waiting -----------------------------------------------------------------------------
    @staticmethod
    def _wait(event: threading.Event, timeout: Optional[float], what: str) -> None:
        if not event.wait(timeout):
            raise TimeoutError("no %s within %s s" % (what, timeout))

    def wait_for_connect(self, timeout: Optional[float] = None) -> None:
        """Return once connected (at once if already connected)."""
        self._wait(self.connected_event, timeout, "connection")

    def wait_for_disconnect(self, timeout: Optional[float] = None) -> None:
        """Return once a leave was acknowledged (at once if that already happened)."""
        self._wait(self.disconnected_event, timeout, "disconnection")

    def wait_for_message_on(self, *channel_names: str, timeout: Optional[float] = None) -> Any:
        """The next message received on one of ``channel_names`` (others are discarded)."""
        return _next_on(self.message_queue, channel_names, timeout)

    def wait_for_presence_on(self, *channel_names: str, timeout: Optional[float] = None) -> Any:
        """The next presence event on one of ``channel_names`` (others are discarded)."""
        return _next_on(self.presence_queue, channel_names, timeout)


def _next_on(events: "queue.Queue[Any]", channel_names: Any, timeout: Optional[float]) -> Any:
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            event = events.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("no event on %s within %s s" % (", ".join(channel_names), timeout)) from None
        events.task_done()
        if event.channel in channel_names:
            return event


class NonSubscribeListener:
    """Collects the outcome of one ``pn_async`` call for code that wants to wait for it."""

    def __init__(self) -> None:
        self.result: Any = None
        self.status: Any = None
        self.done_event = threading.Event()

    def callback(self, result: Any, status: Any) -> None:
        """Pass this as the ``pn_async`` callback."""
        self.result = result
        self.status = status
        self.done_event.set()

    def pn_await(self, timeout: float = 5) -> bool:
        """Wait for the callback; True when it came within ``timeout`` seconds."""
        return self.done_event.wait(timeout)

    def await_result(self, timeout: float = 5) -> Any:
        self.pn_await(timeout)
        return self.result

    def await_result_and_reset(self, timeout: float = 5) -> Any:
        self.pn_await(timeout)
        result = copy.copy(self.result)
        self.reset()
        return result

    def reset(self) -> None:
        self.result = None
        self.status = None
        self.done_event.clear()
