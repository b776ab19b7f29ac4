"""PubNubTornado clients for the end-to-end tests against the test server, and a recording listener."""
from __future__ import annotations

import asyncio
from typing import Any, Callable, List, Tuple

from tornado.locks import Condition

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNStatusCategory
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado


class Recorder(SubscribeCallback):
    """Keeps every callback as ``(kind, payload)``; tests await conditions on them."""

    def __init__(self) -> None:
        self.events: List[Tuple[str, Any]] = []
        self._changed = Condition()

    def _add(self, kind: str, payload: Any) -> None:
        self.events.append((kind, payload))
        self._changed.notify_all()

    def status(self, pubnub: Any, status: Any) -> None:
        self._add("status", status)

    def message(self, pubnub: Any, message: Any) -> None:
        self._add("message", message)

    def presence(self, pubnub: Any, presence: Any) -> None:
        self._add("presence", presence)

    def channel(self, pubnub: Any, event: Any) -> None:
        self._add("channel", event)

    def uuid(self, pubnub: Any, event: Any) -> None:
        self._add("uuid", event)

    def membership(self, pubnub: Any, event: Any) -> None:
        self._add("membership", event)

    def file(self, pubnub: Any, event: Any) -> None:
        self._add("file", event)

    def of(self, kind: str) -> List[Any]:
        return [payload for name, payload in self.events if name == kind]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 3.0) -> Any:
        async def poll() -> Any:
            while True:
                value = predicate()
                if value:
                    return value
                await self._changed.wait()
        return await asyncio.wait_for(poll(), timeout)

    async def status_of(self, category: int) -> Any:
        found = await self.wait_for(lambda: [s for s in self.of("status") if s.category == category])
        return found[0]

    async def connected(self) -> Any:
        return await self.status_of(PNStatusCategory.PNConnectedCategory)


class Clients:
    """Makes PubNubTornado clients for a server origin; ``close()`` stops their subscriptions."""

    def __init__(self) -> None:
        self.made: List[PubNubTornado] = []

    def __call__(self, origin: str, listener: Any = None, **settings: Any) -> PubNubTornado:
        config = PNConfiguration()
        config.origin, config.ssl = origin, False
        config.publish_key, config.subscribe_key, config.uuid = "demo", "demo", "e2e-client"
        config.connect_timeout = config.non_subscribe_request_timeout = 3
        for name, value in settings.items():
            setattr(config, name, value)
        pubnub = PubNubTornado(config)
        if listener is not None:
            pubnub.add_listener(listener)
        self.made.append(pubnub)
        return pubnub

    async def close(self) -> None:
        for pubnub in self.made:
            manager = pubnub._subscription_manager
            if manager is not None:
                manager.stop()
                await manager._driver.join()
