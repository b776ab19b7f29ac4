"""SubscribeCallback: the listener interface of the 4.x API.

Subclass it and pass an instance to ``pubnub.add_listener()``. Every method receives
``(pubnub, event)``; all but ``status``, ``message`` and ``presence`` default to doing nothing.
"""
from __future__ import annotations

from typing import Any


class SubscribeCallback:
    """Receives real-time events; every method runs on the client's IOLoop (or worker thread)."""

    def status(self, pubnub: Any, status: Any) -> None:
        pass

    def message(self, pubnub: Any, message: Any) -> None:
        pass

    def presence(self, pubnub: Any, presence: Any) -> None:
        pass

    def signal(self, pubnub: Any, signal: Any) -> None:
        pass

    def channel(self, pubnub: Any, channel: Any) -> None:
        pass

    def uuid(self, pubnub: Any, uuid: Any) -> None:
        pass

    def membership(self, pubnub: Any, membership: Any) -> None:
        pass

    def message_action(self, pubnub: Any, message_action: Any) -> None:
        pass

    def file(self, pubnub: Any, file_message: Any) -> None:
        pass


class ReconnectionCallback:
    """4.8.1's interface of an object told when a lost subscription is back (``on_reconnect``)."""

    def on_reconnect(self) -> None:
        pass
