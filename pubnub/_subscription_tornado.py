"""Runs the subscription flows of ``pubnub._subscription`` on a client's Tornado IOLoop.

Layer: client driver (Tornado). The shared asyncio driver (``pubnub._subscription_async``), whose
reconnection waits go through ``tornado.gen.sleep``, looked up on the module at call time: 4.x
test suites stub it by attribute to replay recorded sessions without waiting. Heartbeat
intervals are plain loop timers. Listener calls happen inside the flows, on the IOLoop.
"""
from __future__ import annotations

from typing import Any, Awaitable

from tornado import gen

from pubnub._subscription_async import AsyncSubscriptionDriver, LongPollTransport

__all__ = ["LongPollTransport", "TornadoSubscriptionDriver"]


class TornadoSubscriptionDriver(AsyncSubscriptionDriver):
    """``SubscriptionDriver`` for ``PubNubTornado``: the shared asyncio driver, whose reconnection
    waits go through ``tornado.gen.sleep`` (looked up at call time: 4.x Tornado suites stub it)."""

    def reconnection_sleep(self, seconds: float) -> Awaitable[Any]:
        return gen.sleep(seconds)
